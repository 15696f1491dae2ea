#!/usr/bin/env python3
"""Header-reading benchmark: Sluice vs pydicom vs dcmtk's dcmdump on the same files, in the same run.

Each tool reads the header of every file under --data (stopping before Pixel Data) and extracts the same
attributes (ATTRIBUTES below, mirrored in Sources/Benchmarks/HeaderAttributes.swift):

- Sluice: `sluice-bench headers DIR` (one process; its binary is $SLUICE_BENCH_BIN, default
  .build/release/sluice-bench), which decodes the values and prints JSON;
- pydicom: this script with --pydicom-worker in a subprocess (one process, a loop of
  `dcmread(f, stop_before_pixels=True)` that converts every attribute to str/int/float);
- dcmtk: `dcmdump -q -M +sb PixelData -Un -s +P <keyword>...` (one process per batch of files; a single one
  unless the argument list is too long), which prints the attributes.

After a warm-up round (the file cache is then warm for every tool), the tools run in turn, round after
round (--runs, default 5). The tables give the median, min and max wall time of each process, and, for
Sluice and pydicom, of the timed loop inside it (listing the folder and starting up are not in it). Sluice's
and pydicom's checksums of the extracted values must be equal. The goals are checked on the median of the
per-round ratios. Results go to bench-results/headers-<time>.json.

Usage: .venv/bin/python Scripts/bench/headers.py [--data bench-data/mr] [--runs 5] [--results bench-results]
       [--check]   (exit status 1 if a goal is missed: 10x pydicom, faster than dcmdump)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

# The attributes every tool extracts, as in Sources/Benchmarks/HeaderAttributes.swift (same order).
TEXT = [
    "SOPClassUID", "SOPInstanceUID", "StudyInstanceUID", "SeriesInstanceUID", "PatientName", "PatientID",
    "PatientBirthDate", "PatientSex", "StudyDate", "StudyTime", "AccessionNumber", "StudyDescription",
    "SeriesDescription", "Modality", "Manufacturer",
]
INTEGERS = ["SeriesNumber", "InstanceNumber", "Rows", "Columns", "BitsAllocated"]
DECIMALS = ["SliceThickness", "PixelSpacing", "ImagePositionPatient"]
ATTRIBUTES = ["TransferSyntaxUID", *TEXT, *INTEGERS, *DECIMALS]
# The goal: Sluice reads headers at least this many times faster than pydicom (see check_goals).
GOAL_VS_PYDICOM = 10.0
# dcmdump's largest command line; longer file lists are split into batches, as xargs would.
MAX_ARGUMENT_BYTES = 100_000


def list_files(directory: Path) -> list[str]:
    return sorted(str(p) for p in directory.rglob("*") if p.is_file() and not p.name.startswith("."))


# MARK: - pydicom worker (runs in a subprocess)

def pydicom_worker(directory: Path) -> None:
    """Reads every header with pydicom and prints the same JSON as `sluice-bench headers`."""
    from pydicom import dcmread

    files = list_files(directory)
    rows = []
    started = time.perf_counter()
    for path in files:
        ds = dcmread(path, stop_before_pixels=True)
        row = [str(ds.file_meta.TransferSyntaxUID)]
        for keyword in TEXT:
            value = ds.get(keyword)
            row.append(None if value is None else str(value[0] if is_multi(value) else value))
        for keyword in INTEGERS:
            value = ds.get(keyword)
            row.append(None if value is None or value == "" else int(value))
        for keyword in DECIMALS:
            value = ds.get(keyword)
            row.append(None if value is None else [float(v) for v in value] if is_multi(value) else [float(value)])
        rows.append(row)
    seconds = time.perf_counter() - started
    checksum = sum(fingerprint(row) for row in rows) % (1 << 64)  # not timed: FNV in Python is slow
    print(json.dumps({
        "tool": "pydicom", "files": len(files), "seconds": seconds, "files_per_second": len(files) / seconds,
        "checksum": format(checksum, "x"),
    }))


def is_multi(value: object) -> bool:
    return isinstance(value, (list, tuple)) or type(value).__name__ == "MultiValue"


def fingerprint(row: list) -> int:
    """FNV-1a 64 of the values as HeaderAttributes.fingerprint computes it."""
    texts = [row[0] or ""]
    texts += ["" if v is None else v for v in row[1:1 + len(TEXT)]]
    texts += ["" if v is None else str(v) for v in row[1 + len(TEXT):1 + len(TEXT) + len(INTEGERS)]]
    texts += ["\\".join(str(round(x * 10000)) for x in (v or [])) for v in row[1 + len(TEXT) + len(INTEGERS):]]
    value = 0xCBF29CE484222325
    for text in texts:
        for byte in text.encode() + b"\x1f":
            value = ((value ^ byte) * 0x100000001B3) % (1 << 64)
    return value


# MARK: - Tools

def sluice_command(directory: Path) -> list[list[str]]:
    binary = os.environ.get("SLUICE_BENCH_BIN", ".build/release/sluice-bench")
    if not os.access(binary, os.X_OK):
        sys.exit(f"headers.py: no {binary}: build it (swift build -c release --product sluice-bench) "
                 "or set SLUICE_BENCH_BIN")
    return [[binary, "headers", str(directory)]]


def pydicom_command(directory: Path) -> list[list[str]]:
    return [[sys.executable, __file__, "--pydicom-worker", str(directory)]]


def dcmdump_command(files: list[str]) -> list[list[str]]:
    """One dcmdump per batch of files: quiet, long values not loaded, stop before Pixel Data, UIDs as they are
    (not mapped to names), print only the attributes (the first instance of each). The fastest of the
    invocations tried that print those attributes; dcmdump reads only the header (and the file's last
    few KB), as strace shows."""
    prefix = ["dcmdump", "-q", "-M", "+sb", "PixelData", "-Un", "-s"]
    for keyword in ATTRIBUTES:
        prefix += ["+P", keyword]
    batches, batch, size = [], [], 0
    for path in files:
        if batch and size + len(path) + 1 > MAX_ARGUMENT_BYTES:
            batches.append(prefix + batch)
            batch, size = [], 0
        batch.append(path)
        size += len(path) + 1
    return batches + [prefix + batch]


def run_once(commands: list[list[str]]) -> tuple[float, str]:
    """Wall time of the commands run one after the other, and their joined standard output."""
    outputs = []
    started = time.perf_counter()
    for command in commands:
        completed = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if completed.returncode != 0:
            sys.exit(f"headers.py: {' '.join(command[:6])} ... failed ({completed.returncode}):\n{completed.stderr}")
        outputs.append(completed.stdout)
    return time.perf_counter() - started, "".join(outputs)


def summary(seconds: list[float], files: int) -> dict:
    median = statistics.median(seconds)
    return {"median_s": median, "min_s": min(seconds), "max_s": max(seconds), "files_per_second": files / median,
            "runs_s": seconds}


# MARK: - Machine

def command_output(command: list[str]) -> str:
    try:
        completed = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        return completed.stdout.strip()
    except OSError:
        return ""


def first_line(text: str) -> str:
    return (text.splitlines() or [""])[0]


def machine_info() -> dict:
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor()
    import pydicom
    return {
        "nproc": os.cpu_count(), "cpu": cpu, "kernel": platform.release(), "python": platform.python_version(),
        "load_average": list(os.getloadavg()),
        "swift": first_line(command_output(["swift", "--version"])),
        "pydicom": pydicom.__version__,
        "dcmtk": first_line(command_output(["dcmdump", "--version"])).strip("$ "),
        "git_commit": command_output(["git", "rev-parse", "--short", "HEAD"]),
    }


# MARK: - Main

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default="bench-data/mr", help="the folder of DICOM files")
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "5")))
    parser.add_argument("--results", default="bench-results", help="where the JSON result goes")
    parser.add_argument("--check", action="store_true", help="exit 1 if a goal is missed")
    parser.add_argument("--pydicom-worker", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.pydicom_worker:
        pydicom_worker(Path(args.pydicom_worker))
        return 0
    if shutil.which("dcmdump") is None:
        sys.exit("headers.py: dcmdump not found: install dcmtk (apt-get install dcmtk, brew install dcmtk)")

    directory = Path(args.data)
    files = list_files(directory)
    if not files:
        sys.exit(f"headers.py: no files under {directory}: run Scripts/bench/generate_mr_series.py")
    tools = {"sluice": sluice_command(directory), "pydicom": pydicom_command(directory),
             "dcmdump": dcmdump_command(files)}
    load_before = os.getloadavg()
    wall = {name: [] for name in tools}
    inner = {"sluice": [], "pydicom": []}
    checksums, printed = {}, 0
    for round_number in range(args.runs + 1):  # round 0 is the warm-up
        for name, commands in tools.items():
            seconds, output = run_once(commands)
            if name in inner:
                result = json.loads(output)
                if result["files"] != len(files):
                    sys.exit(f"headers.py: {name} read {result['files']} files, expected {len(files)}")
                checksums[name] = result["checksum"]
            else:
                printed = sum(1 for line in output.splitlines() if line.startswith("("))
            if round_number > 0:
                wall[name].append(seconds)
                if name in inner:
                    inner[name].append(result["seconds"])
        print(f"round {round_number or 'warm-up'} done", file=sys.stderr)

    results = {
        "benchmark": "headers", "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "data": str(directory), "files": len(files), "attributes": ATTRIBUTES, "runs": args.runs,
        "commands": {name: " ".join(cmds[0][:len(cmds[0]) - len(files)] + ["FILE..."]) if name == "dcmdump"
                     else " ".join(cmds[0]) for name, cmds in tools.items()},
        "dcmdump_processes": len(tools["dcmdump"]),
        "wall": {name: summary(seconds, len(files)) for name, seconds in wall.items()},
        "in_process": {name: summary(seconds, len(files)) for name, seconds in inner.items()},
        "checksums": checksums, "values_match": checksums.get("sluice") == checksums.get("pydicom"),
        "dcmdump_lines": printed, "dcmdump_lines_expected": len(files) * len(ATTRIBUTES),
        "machine": machine_info(), "load_average_before": list(load_before),
    }
    print_table(results)
    passed = check_goals(results)
    Path(args.results).mkdir(parents=True, exist_ok=True)
    path = Path(args.results) / f"headers-{datetime.now().strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nresults: {path}")
    return 1 if args.check and not passed else 0


def print_table(results: dict) -> None:
    machine = results["machine"]
    print(f"\nHeader reads: {results['files']} files, {len(results['attributes'])} attributes each, "
          f"median of {results['runs']} runs after a warm-up")
    print(f"machine: {machine['nproc']} x {machine['cpu']}; load average {results['load_average_before'][0]:.2f} "
          f"before, {machine['load_average'][0]:.2f} after")
    for title, table in (("whole process (wall clock)", results["wall"]),
                         ("timed loop inside the process", results["in_process"])):
        base = table["sluice"]["median_s"]
        print(f"\n{title}")
        print(f"{'tool':<10}{'median s':>10}{'min s':>10}{'max s':>10}{'files/s':>10}{'x Sluice':>10}")
        for name, row in table.items():
            print(f"{name:<10}{row['median_s']:>10.3f}{row['min_s']:>10.3f}{row['max_s']:>10.3f}"
                  f"{row['files_per_second']:>10.0f}{row['median_s'] / base:>10.1f}")
    if not results["values_match"]:
        print(f"\nWARNING: Sluice and pydicom extracted different values: {results['checksums']}")
    if results["dcmdump_lines"] != results["dcmdump_lines_expected"]:
        print(f"\nWARNING: dcmdump printed {results['dcmdump_lines']} attributes, "
              f"expected {results['dcmdump_lines_expected']}")


def check_goals(results: dict) -> bool:
    """The issue's goals: Sluice at least 10x pydicom (timed loops), and faster than dcmdump (processes).

    Each ratio is the median of the per-round ratios: the tools of one round run back to back, so pairing
    them cancels most of the drift of a shared machine."""
    def paired(table: dict, tool: str) -> float:
        return statistics.median(t / s for t, s in zip(table[tool]["runs_s"], table["sluice"]["runs_s"]))

    vs_pydicom = paired(results["in_process"], "pydicom")
    vs_dcmdump = paired(results["wall"], "dcmdump")
    goals = {"10x pydicom": vs_pydicom >= GOAL_VS_PYDICOM, "faster than dcmdump": vs_dcmdump > 1.0}
    results["goals"] = {"vs_pydicom": vs_pydicom, "vs_dcmdump": vs_dcmdump, "met": goals}
    print(f"\ngoals (median of per-round ratios): Sluice is {vs_pydicom:.1f}x pydicom "
          f"({'met' if goals['10x pydicom'] else 'MISSED'}: >= {GOAL_VS_PYDICOM:.0f}x, timed loops) and "
          f"{vs_dcmdump:.1f}x dcmdump ({'met' if goals['faster than dcmdump'] else 'MISSED'}: > 1x, processes)")
    return all(goals.values())


if __name__ == "__main__":
    sys.exit(main())
