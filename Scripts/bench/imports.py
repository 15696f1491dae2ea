#!/usr/bin/env python3
"""Whole-upload imports over HTTP against the physical floor, side by side in each round.

Each round runs, one after the other:

- baseline: `unzip -q mr.zip` into an empty folder, then `md5sum` of every file (the least an import must do:
  inflate, hash, write); and `tar xzf mr.tar.gz` plus `md5sum`, the floor of the SI import;
- archive: the zip POSTed to a fresh `sluice serve` with `import-handler=DICOM-zip&dest=/archive/projects/BENCH`
  (`inbody=true`): placed, built and archived in the one request;
- prearchive + commit: the Desktop Client's way: the zip into the prearchive of a project that auto-archives
  (prearchive code 4, `SOURCE=uploader`, so nothing is built or archived until the commit), then
  `POST <session>?action=commit&SOURCE=uploader` for every session it made (301: archived);
- SI: the tar.gz POSTed with `import-handler=SI&dest=/prearchive/projects/BENCH` (sessions built at once).

Every Sluice measurement has a server of its own, started on an empty data folder; its peak resident memory
(VmHWM) is read before it stops. The table gives median, min and max of the wall times and the median of the
per-round ratios to the baseline (same round, so the drift of a shared machine mostly cancels), and the same for
CPU time (user + system; the server's from /proc/<pid>/stat, the tools' from their rusage): on a loaded machine
the CPU ratio is the steadier one, while the wall ratio favours Sluice's many threads over the one-thread
tools, which the scheduler gives a smaller share.
Goal: the archive import within 1.5x the baseline. Results: bench-results/imports-<time>.json.

Usage: .venv/bin/python Scripts/bench/imports.py [--data bench-data/mr] [--runs 5] [--results bench-results]
       [--only archive,commit,si]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import harness
from data import tar_for, zip_for

GOAL_ARCHIVE_VS_BASELINE = 1.5
IMPORT = "/data/services/import"


def baseline(archive: Path, extract: list[str]) -> dict:
    """Extracts the archive into an empty folder and hashes every file: wall time and CPU time of both."""
    folder = harness.temporary_folder("baseline-")
    try:
        cpu = harness.children_cpu_seconds()
        started = time.perf_counter()
        subprocess.run([*extract, str(archive.resolve())], cwd=folder, check=True, stdout=subprocess.DEVNULL)
        subprocess.run("find . -type f -print0 | xargs -0 md5sum > /dev/null", shell=True, cwd=folder, check=True)
        return {"seconds": time.perf_counter() - started, "cpu": harness.children_cpu_seconds() - cpu}
    finally:
        harness.drop_folder(folder)


def unzip_md5(archive: Path) -> dict:
    return baseline(archive, ["unzip", "-q"])


def untar_md5(archive: Path) -> dict:
    return baseline(archive, ["tar", "xzf"])


def uris(answer: bytes) -> list[str]:
    return [line.strip() for line in answer.decode().splitlines() if line.strip()]


def timed(server: harness.SluiceServer, action) -> dict:
    """Runs action(connection) against the server: wall time, the server's CPU time, the action's answer."""
    connection = server.connect()
    cpu = server.cpu()
    started = time.perf_counter()
    answer = action(connection)
    seconds = time.perf_counter() - started
    result = {"seconds": seconds, "cpu": server.cpu() - cpu, "answer": answer}
    connection.close()
    return result


def import_to_archive(archive: Path, sessions: int) -> dict:
    """DICOM-zip with dest=/archive/projects/BENCH: wall time, server CPU time and peak memory."""
    server = harness.SluiceServer()
    path = f"{IMPORT}?import-handler=DICOM-zip&dest=/archive/projects/{harness.PROJECT}&inbody=true"
    try:
        result = timed(server, lambda connection: harness.post_file(connection, path, archive, "application/zip"))
        check_uris(result.pop("answer"), sessions, "/data/archive/")
    finally:
        peak = server.stop()
    return {**result, "peak": peak}


def import_and_commit(archive: Path, sessions: int) -> tuple[dict, dict]:
    """The import into the prearchive and the commits (archiving), each timed; the peak memory is in the second."""
    server = harness.SluiceServer(prearchive_code=4)
    path = f"{IMPORT}?import-handler=DICOM-zip&PROJECT_ID={harness.PROJECT}&SOURCE=uploader&inbody=true"
    try:
        imported = timed(server, lambda connection: harness.post_file(connection, path, archive, "application/zip"))
        answer = imported.pop("answer")
        check_uris(answer, sessions, "/data/prearchive/")
        committed = timed(server, lambda connection: b"\n".join(
            connection.expect("POST", f"{uri}?action=commit&SOURCE=uploader", statuses=(301,))
            for uri in uris(answer)))
        check_uris(committed.pop("answer"), sessions, "/data/archive/")
    finally:
        peak = server.stop()
    return imported, {**committed, "peak": peak}


def import_si(archive: Path, sessions: int) -> dict:
    server = harness.SluiceServer()
    path = f"{IMPORT}?import-handler=SI&dest=/prearchive/projects/{harness.PROJECT}&inbody=true"
    try:
        result = timed(server, lambda connection: harness.post_file(connection, path, archive, "application/gzip"))
        check_uris(result.pop("answer"), sessions, "/data/prearchive/")
    finally:
        peak = server.stop()
    return {**result, "peak": peak}


def check_uris(answer: bytes, sessions: int, prefix: str) -> None:
    found = [uri for uri in uris(answer) if uri.startswith(prefix)]
    if len(found) != sessions:
        raise RuntimeError(f"expected {sessions} URIs under {prefix}, got: {answer[:1000]!r}")


def studies_in(folder: Path) -> int:
    return sum(1 for child in folder.iterdir() if child.is_dir())


def paired_ratio(runs: dict, name: str, base: str, key: str) -> float:
    return statistics.median(a[key] / b[key] for a, b in zip(runs[name], runs[base]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default="bench-data/mr")
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "5")))
    parser.add_argument("--results", default="bench-results")
    parser.add_argument("--only", default="archive,commit,si", help="comma-separated: archive, commit, si")
    args = parser.parse_args()
    only = set(args.only.split(","))
    folder = Path(args.data)
    zip_path, tar_path = zip_for(folder), tar_for(folder)
    for path in (zip_path, tar_path):
        if not path.exists():
            sys.exit(f"imports.py: no {path}: run Scripts/bench/data.py --zip --tar")
    files = harness.data_files(folder)
    sessions = studies_in(folder)
    runs = {name: [] for name in LABELS}
    load_before = os.getloadavg()
    for round_number in range(1, args.runs + 1):
        runs["unzip_md5"].append(unzip_md5(zip_path))
        if "archive" in only:
            runs["archive"].append(import_to_archive(zip_path, sessions))
        if "commit" in only:
            imported, committed = import_and_commit(zip_path, sessions)
            runs["commit_import"].append(imported)
            runs["commit_commit"].append(committed)
            runs["commit_total"].append({key: imported[key] + committed[key] for key in ("seconds", "cpu")}
                                        | {"peak": committed["peak"]})
        if "si" in only:
            runs["untar_md5"].append(untar_md5(tar_path))
            runs["si"].append(import_si(tar_path, sessions))
        done = {name: f"{values[-1]['seconds']:.2f}/{values[-1]['cpu']:.2f}" for name, values in runs.items() if values}
        print(f"round {round_number} (wall/CPU s): {done}", file=sys.stderr)

    measured = {name: values for name, values in runs.items() if values}
    results = {
        "data": str(folder), "files": len(files), "bytes": harness.data_size(files), "sessions": sessions,
        "zip_bytes": zip_path.stat().st_size, "tar_gz_bytes": tar_path.stat().st_size, "runs": args.runs,
        "load_average_before": list(load_before),
        "seconds": {name: harness.summary([v["seconds"] for v in values]) for name, values in measured.items()},
        "cpu_seconds": {name: harness.summary([v["cpu"] for v in values]) for name, values in measured.items()},
        "peak_memory_bytes": {name: [v["peak"] for v in values]
                              for name, values in measured.items() if "peak" in values[0]},
        "ratios": {}, "cpu_ratios": {}, "goal_archive_vs_baseline": GOAL_ARCHIVE_VS_BASELINE,
    }
    for name in measured:
        base = "untar_md5" if name == "si" else "unzip_md5"
        if name != base and name != "untar_md5":
            results["ratios"][name] = paired_ratio(runs, name, base, "seconds")
            results["cpu_ratios"][name] = paired_ratio(runs, name, base, "cpu")
    if runs["si"]:
        results["ratios"]["si_vs_unzip_md5"] = paired_ratio(runs, "si", "unzip_md5", "seconds")
    print_results(results)
    harness.write_results("imports", results, args.results)
    return 0


LABELS = {
    "unzip_md5": "baseline: unzip + md5sum", "untar_md5": "baseline: tar xzf + md5sum",
    "archive": "DICOM-zip -> archive", "commit_import": "DICOM-zip -> prearchive",
    "commit_commit": "  + action=commit (all)", "commit_total": "prearchive + commit",
    "si": "SI tar.gz -> prearchive",
}
BASES = {"si": "tar xzf + md5sum"}


def print_results(results: dict) -> None:
    files = results["files"]
    print(f"\nImports: {files} files, {results['bytes'] / 1e6:.0f} MB in {results['sessions']} sessions "
          f"(zip {results['zip_bytes'] / 1e6:.0f} MB, tar.gz {results['tar_gz_bytes'] / 1e6:.0f} MB), "
          f"{results['runs']} rounds")
    print(harness.machine_line())
    rows = []
    for name, label in LABELS.items():
        if name not in results["seconds"]:
            continue
        row, cpu = results["seconds"][name], results["cpu_seconds"][name]
        ratio, cpu_ratio = results["ratios"].get(name), results["cpu_ratios"].get(name)
        peaks = [p for p in results["peak_memory_bytes"].get(name, []) if p]
        rows.append([label, f"{row['median']:.2f}", f"{row['min']:.2f}", f"{row['max']:.2f}",
                     f"{files / row['median']:,.0f}", f"{ratio:.2f}x" if ratio else "-",
                     f"{cpu['median']:.2f}", f"{cpu_ratio:.2f}x" if cpu_ratio else "-",
                     harness.megabytes(max(peaks) if peaks else None)])
    harness.print_table(
        "wall time (s); CPU time (s) of the server (Sluice) or of the tools (baselines); ratios: median of per-round"
        "\nratios to unzip + md5sum (SI: to tar xzf + md5sum)",
        ["measurement", "median", "min", "max", "files/s", "x base", "CPU s", "CPU x base", "peak MB"], rows)
    ratio = results["ratios"].get("archive")
    if ratio:
        verdict = "met" if ratio <= GOAL_ARCHIVE_VS_BASELINE else "NOT met"
        print(f"\ngoal: DICOM-zip to the archive within {GOAL_ARCHIVE_VS_BASELINE}x unzip + md5sum (wall): "
              f"{ratio:.2f}x ({verdict}); CPU time {results['cpu_ratios']['archive']:.2f}x")


if __name__ == "__main__":
    sys.exit(main())
