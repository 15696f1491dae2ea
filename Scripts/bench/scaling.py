#!/usr/bin/env python3
"""Scaling: the DICOM-zip import to the archive at 1x, 4x and 16x the data, time per file and peak memory.

For each factor (--factors, or BENCH_SCALE, default "1 4 16") the data set F times as large is generated once
(Scripts/bench/data.py: F times the studies, or F times the instances per series with --axis instances /
BENCH_SCALE_AXIS=instances) with its zip. Each round times the baseline (unzip + md5sum) and the import of the
zip with `dest=/archive/projects/BENCH` into a fresh `sluice serve`, whose peak resident memory (VmHWM) is read
before it stops. A factor is skipped when the disk lacks room for its data, its extraction and its import.

Goals: time per file flat from 1x to 16x; the server's peak memory under 200 MB at 16x.
Results: bench-results/scaling-<time>.json.

Usage: .venv/bin/python Scripts/bench/scaling.py [--out bench-data] [--factors "1 4 16"] [--runs 3]
       [--axis studies|instances]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
from pathlib import Path

import data
import harness
from imports import import_to_archive, studies_in, unzip_md5

GOAL_PEAK_MEMORY = 200e6
# Bytes the generated set takes per file (the folder; the zip is ~0.7 of that).
BYTES_PER_FILE = 140_000


def room_for(out: Path, factor: int, axis: str) -> bool:
    """Room for the folder and zip (unless generated already), one extraction and one import (4x the folder)."""
    files = data.STUDIES * data.SERIES * data.INSTANCES * factor
    needed = files * BYTES_PER_FILE * 2.5
    if not data.zip_for(data.folder_for(out, factor, axis)).exists():
        needed += files * BYTES_PER_FILE * 1.8
    return shutil.disk_usage(out if out.exists() else ".").free > needed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="bench-data", help="where the data sets are (data.py --out)")
    parser.add_argument("--data", help=argparse.SUPPRESS)  # run.sh passes every benchmark --data; unused
    parser.add_argument("--factors", default=os.environ.get("BENCH_SCALE", "1 4 16"))
    parser.add_argument("--axis", choices=("studies", "instances"),
                        default=os.environ.get("BENCH_SCALE_AXIS", "studies"))
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_SCALE_RUNS", "3")))
    parser.add_argument("--results", default="bench-results")
    args = parser.parse_args()
    out = Path(args.out)
    factors = [int(f) for f in args.factors.replace(",", " ").split()]
    load_before = os.getloadavg()
    results = {"axis": args.axis, "runs": args.runs, "factors": {}, "skipped": [],
               "load_average_before": list(load_before), "goal_peak_memory_bytes": GOAL_PEAK_MEMORY}
    for factor in factors:
        if not room_for(out, factor, args.axis):
            print(f"scaling.py: not enough free disk for {factor}x: skipped", file=sys.stderr)
            results["skipped"].append(factor)
            continue
        folder = data.ensure(out, factor, args.axis, with_zip=True)
        zip_path = data.zip_for(folder)
        files = harness.data_files(folder)
        sessions = studies_in(folder)
        baseline, archive, baseline_cpu, archive_cpu, memory = [], [], [], [], []
        for round_number in range(1, args.runs + 1):
            base = unzip_md5(zip_path)
            run = import_to_archive(zip_path, sessions)
            baseline.append(base["seconds"])
            baseline_cpu.append(base["cpu"])
            archive.append(run["seconds"])
            archive_cpu.append(run["cpu"])
            memory.append(run["peak"])
            print(f"{factor}x round {round_number}: baseline {base['seconds']:.2f} s (CPU {base['cpu']:.2f}), "
                  f"import {run['seconds']:.2f} s (CPU {run['cpu']:.2f}), peak {harness.megabytes(run['peak'])} MB",
                  file=sys.stderr)
        results["factors"][str(factor)] = {
            "data": str(folder), "files": len(files), "bytes": harness.data_size(files), "sessions": sessions,
            "zip_bytes": zip_path.stat().st_size,
            "baseline_seconds": harness.summary(baseline), "import_seconds": harness.summary(archive),
            "import_ms_per_file": 1000 * statistics.median(archive) / len(files),
            "baseline_ms_per_file": 1000 * statistics.median(baseline) / len(files),
            "ratio_vs_baseline": statistics.median(a / b for a, b in zip(archive, baseline)),
            "baseline_cpu_seconds": harness.summary(baseline_cpu), "import_cpu_seconds": harness.summary(archive_cpu),
            "import_cpu_ms_per_file": 1000 * statistics.median(archive_cpu) / len(files),
            "cpu_ratio_vs_baseline": statistics.median(a / b for a, b in zip(archive_cpu, baseline_cpu)),
            "peak_memory_bytes": memory,
        }
    print_results(results)
    harness.write_results("scaling", results, args.results)
    return 0


def print_results(results: dict) -> None:
    print(f"\nScaling: DICOM-zip import to the archive, {results['axis']} x factor, {results['runs']} rounds each")
    print(harness.machine_line())
    rows = []
    first = None
    for factor, row in results["factors"].items():
        per_file = row["import_ms_per_file"]
        first = first or per_file
        peaks = [p for p in row["peak_memory_bytes"] if p]
        rows.append([f"{factor}x", f"{row['files']:,}", f"{row['bytes'] / 1e9:.2f}",
                     f"{row['import_seconds']['median']:.1f}", f"{per_file:.2f}", f"{per_file / first:.2f}",
                     f"{row['baseline_ms_per_file']:.2f}", f"{row['ratio_vs_baseline']:.2f}x",
                     f"{row['import_cpu_ms_per_file']:.2f}", f"{row['cpu_ratio_vs_baseline']:.2f}x",
                     harness.megabytes(max(peaks) if peaks else None)])
    harness.print_table("time per file in ms (median of wall times); x base = import / (unzip + md5sum), median of"
                        "\nper-round ratios; CPU: the server's CPU time per file and its ratio to the tools' CPU time",
                        ["size", "files", "GB", "import s", "ms/file", "vs 1st", "base ms/f", "x base",
                         "CPU ms/f", "CPU x base", "peak MB"], rows)
    if results["skipped"]:
        print(f"skipped for lack of disk: {', '.join(f'{f}x' for f in results['skipped'])}")
    largest = list(results["factors"].values())[-1] if results["factors"] else None
    if largest:
        peak = max(p for p in largest["peak_memory_bytes"] if p)
        verdict = "met" if peak < GOAL_PEAK_MEMORY else "NOT met"
        print(f"goal: peak memory under {GOAL_PEAK_MEMORY / 1e6:.0f} MB at the largest size "
              f"({list(results['factors'])[-1]}x): {peak / 1e6:.0f} MB ({verdict})")


if __name__ == "__main__":
    sys.exit(main())
