"""Shared fixtures for the interop tests: where the `sluice` binary is, how to run it, and a running server."""
import os
import pathlib
import re
import signal
import subprocess
import threading

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


SERVER_ADMIN_PASSWORD = "interop-admin-pw"
_LISTENING = re.compile(r"Server started and listening on (\S+):(\d+)")


class RunningServer:
    """A `sluice serve` process: its base URL, data directory and standard error so far."""

    def __init__(self, process, host, port, data_dir, stderr_lines):
        self.process = process
        self.base_url = f"http://{host}:{port}"
        self.data_dir = data_dir
        self._stderr_lines = stderr_lines

    @property
    def stderr(self):
        return "".join(self._stderr_lines)

    def stop(self, timeout=30):
        """Sends SIGTERM (a graceful shutdown) and returns the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                raise
        return self.process.returncode


def start_server(data_dir, environment=None, timeout=60):
    """Starts `sluice serve --port 0` on 127.0.0.1 and waits for the log line naming the port it bound."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("SLUICE_")}
    # No DICOM receiver unless a test asks for one: servers run side by side and 8104 would be taken.
    env["SLUICE_DICOM_PORT"] = "0"
    env.update(environment or {})
    process = subprocess.Popen(
        [str(sluice_binary()), "serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", str(data_dir)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    lines, address, ready = [], {}, threading.Event()

    def drain():
        # Keep reading so the server never blocks on a full pipe.
        for line in process.stderr:
            lines.append(line)
            match = _LISTENING.search(line)
            if match and not ready.is_set():
                address["host"], address["port"] = match.group(1), int(match.group(2))
                ready.set()
        ready.set()

    threading.Thread(target=drain, daemon=True).start()
    if not ready.wait(timeout) or "port" not in address:
        process.kill()
        process.wait()
        raise RuntimeError("sluice serve did not start:\n" + "".join(lines))
    return RunningServer(process, address["host"], address["port"], data_dir, lines)


@pytest.fixture
def server(tmp_path):
    """A running `sluice serve` (fresh data directory, `admin` / SERVER_ADMIN_PASSWORD), stopped after the test."""
    running = start_server(tmp_path / "data", {"SLUICE_ADMIN_PASSWORD": SERVER_ADMIN_PASSWORD})
    yield running
    assert running.stop() == 0, running.stderr


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


@pytest.fixture(scope="module")
def module_server(tmp_path_factory):
    """One `sluice serve` for a whole test module (fresh data directory, `admin` / SERVER_ADMIN_PASSWORD)."""
    data_dir = tmp_path_factory.mktemp("sluice") / "data"
    running = start_server(data_dir, {"SLUICE_ADMIN_PASSWORD": SERVER_ADMIN_PASSWORD})
    yield running
    assert running.stop() == 0, running.stderr


@pytest.fixture(scope="module")
def sluice_api(module_server):
    """A `prearchive_client.Sluice` talking to `module_server` as admin."""
    from prearchive_client import Sluice  # here, not at the top: prearchive_client imports this module

    return Sluice(module_server)
