#!/usr/bin/env python3
"""Profiles a release `sluice serve` during one import with `perf record -g` and prints the top symbols.

Starts a fresh server, attaches `perf record -g` (or `valgrind --tool=callgrind`, which starts the server under
valgrind: ~50x slower, so use a small data set) to it, sends one upload and prints `perf report` (self time,
top --top symbols) or `callgrind_annotate`. Not part of `make bench`; the raw profile stays in --out.
Valgrind 3.19 (Debian 12) cannot run Swift 6.3 release binaries: it gives up reading their debug information,
and crashes on a stripped copy; use perf there.

Uploads (--upload): zip (DICOM-zip to the archive, the default), gradual (one file per request, 1 client;
--files N sends the first N only), si (the tar.gz with import-handler=SI).

Usage: .venv/bin/python Scripts/bench/profile.py [--data bench-data/mr] [--upload zip] [--tool perf]
       [--out bench-results/profile] [--top 25]
Needs perf (linux-perf) and kernel.perf_event_paranoid <= 2 for a process of one's own.
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import gradual
import harness
import imports
from data import tar_for, zip_for


def upload(kind: str, folder: Path, server: harness.SluiceServer, count: int | None = None) -> float:
    started = time.perf_counter()
    if kind == "gradual":
        gradual.send(server.port, server.headers, gradual.SLUICE_PATH, harness.data_files(folder)[:count], 1)
    else:
        connection = server.connect()
        if kind == "zip":
            path = f"{imports.IMPORT}?import-handler=DICOM-zip&dest=/archive/projects/{harness.PROJECT}&inbody=true"
            harness.post_file(connection, path, zip_for(folder), "application/zip")
        else:
            path = f"{imports.IMPORT}?import-handler=SI&dest=/prearchive/projects/{harness.PROJECT}&inbody=true"
            harness.post_file(connection, path, tar_for(folder), "application/gzip")
        connection.close()
    return time.perf_counter() - started


class ValgrindServer(harness.SluiceServer):
    """`sluice serve` started under callgrind (the binary is replaced by valgrind's command line)."""

    def __init__(self, output: Path):
        original = harness.sluice_binary
        wrapper = output.parent / "sluice-under-callgrind.sh"
        wrapper.write_text(f"#!/bin/sh\nexec valgrind --tool=callgrind --callgrind-out-file={output} "
                           f"{original()} \"$@\"\n")
        wrapper.chmod(0o755)
        harness.sluice_binary = lambda: str(wrapper)
        try:
            super().__init__()
        finally:
            harness.sluice_binary = original

    def wait_ready(self, timeout: float = 60) -> None:
        super().wait_ready(timeout=900)  # valgrind starts slowly


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default="bench-data/mr")
    parser.add_argument("--upload", choices=("zip", "gradual", "si"), default="zip")
    parser.add_argument("--tool", choices=("perf", "callgrind"), default="perf")
    parser.add_argument("--out", default="bench-results/profile")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--files", type=int, help="gradual: send only the first N files (for callgrind)")
    parser.add_argument("--results", help=argparse.SUPPRESS)
    args = parser.parse_args()
    folder, out = Path(args.data), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    if args.tool == "perf":
        record = out / f"perf-{args.upload}-{stamp}.data"
        server = harness.SluiceServer()
        perf = subprocess.Popen(["perf", "record", "-g", "-F", "999", "-o", str(record), "-p",
                                 str(server.process.pid)], stderr=subprocess.DEVNULL)
        time.sleep(1)
        try:
            seconds = upload(args.upload, folder, server, args.files)
        finally:
            perf.send_signal(signal.SIGINT)
            perf.wait()
            peak = server.stop()
        print(f"{args.upload} upload: {seconds:.2f} s, peak memory {harness.megabytes(peak)} MB; profile: {record}")
        report = subprocess.run(["perf", "report", "-i", str(record), "--stdio", "--no-children",
                                 "--percent-limit", "0.5", "-g", "none", "--sort", "symbol"],
                                capture_output=True, text=True)
        lines = [line for line in report.stdout.splitlines() if line.strip() and not line.startswith("#")]
        print("\n".join(lines[:args.top]))
    else:
        output = out / f"callgrind-{args.upload}-{stamp}.out"
        server = ValgrindServer(output)
        try:
            seconds = upload(args.upload, folder, server, args.files)
        finally:
            server.stop()
        print(f"{args.upload} upload under callgrind: {seconds:.2f} s; profile: {output}")
        report = subprocess.run(["callgrind_annotate", str(output)], capture_output=True, text=True)
        print("\n".join(report.stdout.splitlines()[:args.top + 20]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
