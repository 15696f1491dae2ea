"""Shared fixtures for the interop tests: where the `sluice` binary is, and how to run it."""
import os
import pathlib
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]


def sluice_binary() -> pathlib.Path:
    path = pathlib.Path(os.environ.get("SLUICE_BIN", REPO / ".build" / "debug" / "sluice"))
    if not path.exists():
        raise RuntimeError(f"the sluice binary is not at {path}: run `swift build` first or set SLUICE_BIN")
    return path


@pytest.fixture(scope="session")
def sluice():
    """Runs `sluice ARGS...` and returns the CompletedProcess (text mode)."""
    binary = sluice_binary()

    def run(*args, timeout=60):
        return subprocess.run([str(binary), *map(str, args)], capture_output=True, text=True, timeout=timeout)

    return run


_TALLY = {}


@pytest.fixture(scope="session")
def conformance_tally():
    from collections import Counter

    counter = _TALLY.setdefault("pydicom", Counter())
    return counter


def pytest_terminal_summary(terminalreporter):
    counter = _TALLY.get("pydicom")
    if counter:
        terminalreporter.write_line(
            "pydicom conformance: "
            + ", ".join(f"{name}: {count}" for name, count in sorted(counter.items()))
        )
