"""Shared pieces of the import benchmarks: a fresh `sluice serve` per measurement, a private Orthanc, HTTP
requests, peak memory, summaries, the results file.

Every server here starts on an empty temporary data folder under the work folder (on the same file system as
bench-data, so the baseline and the servers write to the same disk), and its peak resident memory is read from
VmHWM in /proc/<pid>/status just before it is stopped.
"""
from __future__ import annotations

import base64
import http.client
import json
import os
import resource
import shutil
import signal
import statistics
import subprocess
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from cstore import free_port, wait_port
from headers import machine_info

ADMIN_PASSWORD = "bench-admin"
PROJECT = "BENCH"
# Request bodies are sent in blocks of this size (http.client's default, 8 KB, costs a system call per block).
BLOCK = 1 << 20


def sluice_binary() -> str:
    """`sluice` next to $SLUICE_BENCH_BIN (the release build run.sh made)."""
    bench = os.environ.get("SLUICE_BENCH_BIN", ".build/release/sluice-bench")
    binary = os.path.join(os.path.dirname(bench), "sluice")
    if not os.access(binary, os.X_OK):
        raise SystemExit(f"no {binary}: build it (swift build -c release --product sluice) or set SLUICE_BENCH_BIN")
    return binary


def work_folder() -> Path:
    """Where temporary data folders go: $BENCH_WORK or bench-data/work (same disk as the data set)."""
    folder = Path(os.environ.get("BENCH_WORK", "bench-data/work"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def temporary_folder(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix, dir=work_folder()))


def peak_memory(pid: int) -> int | None:
    """VmHWM (peak resident set) of a live process, in bytes."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a live process has used so far (its threads included)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children_cpu_seconds() -> float:
    """User plus system CPU time of this process's finished (waited-for) children and their descendants."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def drop_folder(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


# MARK: - HTTP

class Connection:
    """One keep-alive HTTP/1.1 connection (http.client) with optional headers sent on every request."""

    def __init__(self, port: int, headers: dict | None = None, timeout: float = 3600):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, blocksize=BLOCK)
        self.headers = headers or {}

    def request(self, method: str, path: str, body=None, headers: dict | None = None) -> tuple[int, bytes, dict]:
        merged = {**self.headers, **(headers or {})}
        if body is None:
            merged.setdefault("Content-Length", "0")
        self.connection.request(method, path, body=body, headers=merged)
        response = self.connection.getresponse()
        return response.status, response.read(), dict(response.getheaders())

    def expect(self, method: str, path: str, body=None, headers: dict | None = None, statuses=(200,)) -> bytes:
        status, answer, _ = self.request(method, path, body, headers)
        if status not in statuses:
            raise RuntimeError(f"{method} {path}: {status} {answer[:500]!r}")
        return answer

    def close(self) -> None:
        self.connection.close()


def basic(login: str, password: str) -> dict:
    token = base64.b64encode(f"{login}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def post_file(connection: Connection, path: str, file: Path, content_type: str, statuses=(200,)) -> bytes:
    """POSTs a file as the raw body, streamed from disk."""
    with open(file, "rb") as body:
        headers = {"Content-Type": content_type, "Content-Length": str(file.stat().st_size)}
        return connection.expect("POST", path, body, headers, statuses)


# MARK: - Sluice

class SluiceServer:
    """`sluice serve` on a fresh data folder with the admin account, project BENCH and a login session."""

    def __init__(self, prearchive_code: int = 0):
        self.folder = temporary_folder("sluice-")
        self.port = free_port()
        environment = {key: value for key, value in os.environ.items() if not key.startswith("SLUICE_")}
        environment["SLUICE_ADMIN_PASSWORD"] = ADMIN_PASSWORD
        self.log = open(self.folder / "server.log", "wb")
        self.process = subprocess.Popen(
            [sluice_binary(), "serve", "--host", "127.0.0.1", "--port", str(self.port), "--dicom-port", "0",
             "--data-dir", str(self.folder / "data"), "--log-level", "warning"],
            env=environment, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self.log,
        )
        try:
            self.wait_ready()
            admin = Connection(self.port, basic("admin", ADMIN_PASSWORD))
            admin.expect("PUT", f"/data/projects/{PROJECT}?name={PROJECT}", statuses=(200, 201))
            if prearchive_code:
                admin.expect("PUT", f"/data/projects/{PROJECT}/prearchive_code/{prearchive_code}")
            session = admin.expect("POST", "/data/JSESSION").decode().strip()
            admin.close()
        except Exception:
            self.stop()
            raise
        # What clients send after logging in: the session cookie, not the password (Basic would be checked again).
        self.headers = {"Cookie": f"JSESSIONID={session}"}

    def wait_ready(self, timeout: float = 60) -> None:
        """Waits for the port to accept connections; fails at once (with the log's end) if the server exits."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                log = (self.folder / "server.log").read_text(errors="replace")
                raise RuntimeError(f"sluice serve exited ({self.process.returncode}):\n{log[-2000:]}")
            try:
                wait_port(self.port, timeout=0.5)
                return
            except RuntimeError:
                continue
        raise RuntimeError(f"sluice serve does not listen on {self.port}")

    def connect(self) -> Connection:
        return Connection(self.port, self.headers)

    def peak_memory(self) -> int | None:
        return peak_memory(self.process.pid)

    def cpu(self) -> float:
        return cpu_seconds(self.process.pid)

    def stop(self) -> int | None:
        """Stops the server (SIGTERM), deletes its data folder and returns its peak memory."""
        peak = peak_memory(self.process.pid)
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=120)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        if self.process.returncode not in (0, None, -signal.SIGTERM):
            print((self.folder / "server.log").read_text(errors="replace")[-2000:])
        drop_folder(self.folder)
        return peak


# MARK: - Orthanc

def orthanc_binary() -> str | None:
    return shutil.which("Orthanc") or (shutil.which("Orthanc", path="/usr/sbin:/usr/bin"))


class OrthancServer:
    """A private Orthanc: its own JSON configuration, temporary storage and index, a free HTTP port, no DICOM
    server, no authentication, local connections only, no plugins. `sync` is Orthanc's SyncStorageArea (an
    fsync per stored file; off unless BENCH_ORTHANC_SYNC=1, as in the reference figures; Orthanc's own default is
    on since 1.7.4)."""

    def __init__(self, sync: bool = False):
        binary = orthanc_binary()
        if binary is None:
            raise RuntimeError("Orthanc is not installed")
        self.folder = temporary_folder("orthanc-")
        self.port = free_port()
        configuration = {
            "Name": "SluiceBench", "StorageDirectory": str(self.folder / "storage"),
            "IndexDirectory": str(self.folder / "index"), "HttpPort": self.port, "HttpServerEnabled": True,
            "DicomServerEnabled": False, "AuthenticationEnabled": False, "RemoteAccessAllowed": False,
            "Plugins": [], "KeepAlive": True, "TcpNoDelay": True, "SyncStorageArea": sync,
            "StorageCompression": False, "SaveJobs": False,
        }
        config_path = self.folder / "orthanc.json"
        config_path.write_text(json.dumps(configuration, indent=2))
        self.log = open(self.folder / "orthanc.log", "wb")
        self.process = subprocess.Popen([binary, str(config_path)], stdin=subprocess.DEVNULL,
                                        stdout=self.log, stderr=subprocess.STDOUT)
        try:
            self.wait_ready()
        except Exception:
            self.stop()
            raise
        self.headers = {}

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("Orthanc exited:\n" + (self.folder / "orthanc.log").read_text(errors="replace"))
            try:
                connection = Connection(self.port, timeout=2)
                status, _, _ = connection.request("GET", "/system")
                connection.close()
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError("Orthanc did not start")

    def connect(self) -> Connection:
        return Connection(self.port)

    def peak_memory(self) -> int | None:
        return peak_memory(self.process.pid)

    def cpu(self) -> float:
        return cpu_seconds(self.process.pid)

    def stop(self) -> int | None:
        peak = peak_memory(self.process.pid)
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=120)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        drop_folder(self.folder)
        return peak


def orthanc_version() -> str:
    binary = orthanc_binary()
    if binary is None:
        return ""
    completed = subprocess.run([binary, "--version"], capture_output=True, text=True)
    return (completed.stdout.splitlines() or [""])[0]


# MARK: - Data

def data_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.dcm"))


def data_size(files: list[Path]) -> int:
    return sum(p.stat().st_size for p in files)


# MARK: - Summaries and results

def summary(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": values}


def megabytes(value: int | None) -> str:
    return "-" if value is None else f"{value / 1e6:.0f}"


def write_results(name: str, results: dict, folder: str) -> Path:
    results.setdefault("benchmark", name)
    results.setdefault("date", datetime.now(timezone.utc).isoformat(timespec="seconds"))
    results["machine"] = machine_info()
    binary = sluice_binary()
    # The commit above is the checkout's; the binary may be older (SLUICE_BENCH_BIN), so say when it was built.
    results["sluice_binary"] = {"path": binary, "modified": datetime.fromtimestamp(
        os.path.getmtime(binary), timezone.utc).isoformat(timespec="seconds")}
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{name}-{datetime.now().strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nresults: {path}")
    return path


def machine_line() -> str:
    info = machine_info()
    load = os.getloadavg()
    return f"machine: {info['nproc']} x {info['cpu']}; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"


def print_table(title: str, header: list[str], rows: list[list], widths: list[int] | None = None) -> None:
    widths = widths or [max(len(str(cell)) for cell in column) + 2 for column in zip(header, *rows)]
    print(f"\n{title}")
    print("".join(f"{cell:<{widths[0]}}" if i == 0 else f"{cell:>{widths[i]}}" for i, cell in enumerate(header)))
    for row in rows:
        print("".join(f"{str(cell):<{widths[0]}}" if i == 0 else f"{str(cell):>{widths[i]}}"
                      for i, cell in enumerate(row)))
