#!/usr/bin/env python3
"""One DICOM file per HTTP request: Sluice's gradual-DICOM against Orthanc's POST /instances, 1 and 4 clients.

Each client is a process of its own (no shared interpreter lock) with one keep-alive connection; the files are
dealt out to the clients in turn and every client POSTs its share one file after the other, as the raw body.
The clock runs from the moment all clients are ready until the last answer.

- Sluice: `POST /data/services/import?import-handler=gradual-DICOM&PROJECT_ID=BENCH&inbody=true`,
  `Content-Type: application/dicom`, with the session cookie of a login (as xnatpy and the uploaders send it).
  The files land in RECEIVING prearchive sessions (one fsync per file); the session build is not timed.
- Orthanc (if installed; `apt-get install orthanc`): `POST /instances` to a private Orthanc started with its own
  configuration (temporary storage and index, free HTTP port, no DICOM server, no authentication, local only,
  no plugins; SyncStorageArea off unless BENCH_ORTHANC_SYNC=1, as in the reference figures the goal comes from,
  though Orthanc's own default is on since 1.7.4).

Each measurement starts its server fresh on an empty folder and reads its peak memory (VmHWM) at the end.
Goal: Sluice with 4 clients at least 3x Orthanc's per-file rate with 4 clients (median of per-round ratios).
Results: bench-results/gradual-<time>.json.

Usage: .venv/bin/python Scripts/bench/gradual.py [--data bench-data/mr] [--runs 5] [--clients 1,4]
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import time
from pathlib import Path

import harness

GOAL_VS_ORTHANC = 3.0
SLUICE_PATH = f"/data/services/import?import-handler=gradual-DICOM&PROJECT_ID={harness.PROJECT}&inbody=true"
ORTHANC_PATH = "/instances"


def client(port: int, headers: dict, path: str, files: list[str], ready, start, failures) -> None:
    """One client: connect, wait for the start, POST every file of its share."""
    connection = harness.Connection(port, headers)
    connection.request("GET", "/" if path != ORTHANC_PATH else "/system")  # open the connection before the clock
    ready.wait()
    start.wait()
    for name in files:
        with open(name, "rb") as file:
            body = file.read()
        status, answer, _ = connection.request(
            "POST", path, body, {"Content-Type": "application/dicom", "Content-Length": str(len(body))})
        if status != 200:
            failures.put(f"{name}: {status} {answer[:300]!r}")
            break
    connection.close()


def send(port: int, headers: dict, path: str, files: list[Path], clients: int) -> float:
    """Wall time for `clients` processes to POST every file."""
    context = multiprocessing.get_context("fork")
    ready, start = context.Barrier(clients + 1), context.Barrier(clients + 1)
    failures = context.Queue()
    shares = [[str(f) for f in files[i::clients]] for i in range(clients)]
    workers = [context.Process(target=client, args=(port, headers, path, share, ready, start, failures))
               for share in shares]
    for worker in workers:
        worker.start()
    ready.wait()
    started = time.perf_counter()
    start.wait()
    for worker in workers:
        worker.join()
    seconds = time.perf_counter() - started
    if not failures.empty():
        raise RuntimeError(f"a POST failed: {failures.get()}")
    if any(worker.exitcode != 0 for worker in workers):
        raise RuntimeError("a client failed")
    return seconds


def measure(server, headers: dict, path: str, files: list[Path], clients: int) -> dict:
    """Wall time, the server's CPU time and its peak memory; the server is stopped at the end."""
    try:
        cpu = server.cpu()
        seconds = send(server.port, headers, path, files, clients)
        cpu = server.cpu() - cpu
    finally:
        peak = server.stop()
    return {"seconds": seconds, "cpu": cpu, "peak": peak}


def sluice_run(files: list[Path], clients: int) -> dict:
    server = harness.SluiceServer()
    return measure(server, server.headers, SLUICE_PATH, files, clients)


def orthanc_run(files: list[Path], clients: int, sync: bool) -> dict:
    return measure(harness.OrthancServer(sync=sync), {}, ORTHANC_PATH, files, clients)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default="bench-data/mr")
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "5")))
    parser.add_argument("--results", default="bench-results")
    parser.add_argument("--clients", default="1,4", help="comma-separated client counts")
    parser.add_argument("--no-orthanc", action="store_true", help="measure Sluice only")
    args = parser.parse_args()
    counts = [int(c) for c in args.clients.split(",")]
    files = harness.data_files(Path(args.data))
    if not files:
        sys.exit(f"gradual.py: no files under {args.data}")
    sync = os.environ.get("BENCH_ORTHANC_SYNC", "0") == "1"
    with_orthanc = not args.no_orthanc and harness.orthanc_binary() is not None
    if not with_orthanc and not args.no_orthanc:
        print("gradual.py: Orthanc is not installed (apt-get install orthanc, or run.sh --install): "
              "Sluice only", file=sys.stderr)
    systems = ["sluice"] + (["orthanc"] if with_orthanc else [])
    seconds = {f"{s}_{c}": [] for s in systems for c in counts}
    cpu = {key: [] for key in seconds}
    memory = {key: [] for key in seconds}
    load_before = os.getloadavg()
    for round_number in range(1, args.runs + 1):
        for count in counts:
            for system in systems:
                key = f"{system}_{count}"
                run = sluice_run(files, count) if system == "sluice" else orthanc_run(files, count, sync)
                seconds[key].append(run["seconds"])
                cpu[key].append(run["cpu"])
                memory[key].append(run["peak"])
        print(f"round {round_number}: " + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in seconds.items()),
              file=sys.stderr)

    results = {
        "data": str(args.data), "files": len(files), "bytes": harness.data_size(files), "runs": args.runs,
        "clients": counts, "orthanc": harness.orthanc_version() if with_orthanc else None,
        "orthanc_sync_storage_area": sync, "load_average_before": list(load_before),
        "seconds": {key: harness.summary(values) for key, values in seconds.items()},
        "files_per_second": {key: len(files) / statistics.median(values) for key, values in seconds.items()},
        "cpu_seconds": {key: harness.summary(values) for key, values in cpu.items()},
        "peak_memory_bytes": memory, "ratios": {}, "cpu_ratios": {}, "goal_sluice_4_vs_orthanc_4": GOAL_VS_ORTHANC,
    }
    for count in counts:
        if with_orthanc:
            # files/s of Sluice over files/s of Orthanc = Orthanc's time over Sluice's, per round.
            results["ratios"][f"sluice_{count}_vs_orthanc_{count}"] = statistics.median(
                o / s for s, o in zip(seconds[f"sluice_{count}"], seconds[f"orthanc_{count}"]))
            # Orthanc's CPU time per file over Sluice's: above 1, Sluice spends less CPU on a file.
            results["cpu_ratios"][f"sluice_{count}_vs_orthanc_{count}"] = statistics.median(
                o / s for s, o in zip(cpu[f"sluice_{count}"], cpu[f"orthanc_{count}"]))
    print_results(results)
    harness.write_results("gradual", results, args.results)
    return 0


def print_results(results: dict) -> None:
    files = results["files"]
    print(f"\ngradual-DICOM: {files} files ({results['bytes'] / 1e6:.0f} MB), one per request, "
          f"{results['runs']} rounds")
    print(harness.machine_line())
    if results["orthanc"]:
        print(f"Orthanc: {results['orthanc']}, SyncStorageArea {str(results['orthanc_sync_storage_area']).lower()}")
    rows = []
    for key, row in results["seconds"].items():
        system, count = key.rsplit("_", 1)
        count = int(count)
        ratio = results["ratios"].get(f"sluice_{count}_vs_orthanc_{count}") if system == "sluice" else None
        cpu_ratio = results["cpu_ratios"].get(f"sluice_{count}_vs_orthanc_{count}") if system == "sluice" else None
        cpu = results["cpu_seconds"][key]["median"]
        peaks = [p for p in results["peak_memory_bytes"][key] if p]
        rows.append([f"{'Sluice' if system == 'sluice' else 'Orthanc'}, {count} client{'s' if count > 1 else ''}",
                     f"{row['median']:.2f}", f"{row['min']:.2f}", f"{row['max']:.2f}",
                     f"{results['files_per_second'][key]:,.0f}", f"{ratio:.2f}x" if ratio else "",
                     f"{1000 * cpu / files:.2f}", f"{cpu_ratio:.2f}x" if cpu_ratio else "",
                     harness.megabytes(max(peaks) if peaks else None)])
    harness.print_table("wall time (s); x Orthanc = Sluice's files/s over Orthanc's; CPU ms/file = the server's CPU"
                        "\ntime per file, CPU x = Orthanc's over Sluice's (ratios: median of per-round ratios)",
                        ["measurement", "median", "min", "max", "files/s", "x Orthanc", "CPU ms/file", "CPU x",
                         "peak MB"], rows)
    ratio = results["ratios"].get("sluice_4_vs_orthanc_4")
    if ratio is not None:
        verdict = "met" if ratio >= GOAL_VS_ORTHANC else "NOT met"
        print(f"\ngoal: gradual-DICOM with 4 clients at least {GOAL_VS_ORTHANC:.0f}x Orthanc's per-file rate: "
              f"{ratio:.2f}x ({verdict})")


if __name__ == "__main__":
    sys.exit(main())
