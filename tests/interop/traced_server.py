"""Running `sluice serve` under strace: whether strace can trace here, an executable that conftest's
`start_server` starts in place of the real binary (via `SLUICE_BIN`), and how to stop the traced server."""
import os
import shutil
import signal
import stat
import subprocess

import pytest

from conftest import sluice_binary


def strace_works():
    if shutil.which("strace") is None:
        return False
    probe = subprocess.run(["strace", "-f", "-o", os.devnull, "true"], capture_output=True)
    return probe.returncode == 0


requires_strace = pytest.mark.skipif(not strace_works(), reason="strace is missing or may not trace here")


def shim(folder, name, strace_options):
    """An executable `<folder>/<name>` that runs the real `sluice` under `strace -f <strace_options>`."""
    path = folder / name
    path.write_text(f'#!/bin/sh\nexec strace -f {strace_options} "{sluice_binary()}" "$@"\n')
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def stop(server):
    """SIGTERM to the traced server (strace's child); strace exits with it."""
    children = open(f"/proc/{server.process.pid}/task/{server.process.pid}/children").read().split()
    for child in children:
        os.kill(int(child), signal.SIGTERM)
    server.process.wait(timeout=60)
