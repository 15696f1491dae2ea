"""Helpers for the tests that drive the real XNAT client programs (xnatpy, pyxnat, xnatutils) against Sluice.

The clients are the PyPI packages pinned in tests/requirements.txt, imported in-process or run as the console
scripts installed beside this Python (`.venv/bin/xnat`, `.venv/bin/xnat-put`). The data is the xnat-clients §10
study: one MR study, 2 series × 3 instances, PatientName/PatientID `SUBJ01`, study date 2024-01-02.

The module server runs with debug logs, so a test can list the requests Sluice handled (method, path, status)
and show them when an assertion fails: `handled(server, since=mark(server))`.
"""
import datetime
import hashlib
import io
import itertools
import os
import pathlib
import re
import subprocess
import sys
import time
import zipfile

from conftest import SERVER_ADMIN_PASSWORD, start_server
from dicom_factory import S, make_study, tar_bytes, zip_bytes

USER = "admin"
PASSWORD = SERVER_ADMIN_PASSWORD
VENV_BIN = pathlib.Path(sys.executable).parent
STUDY_DATE = datetime.date(2024, 1, 2)

_projects = itertools.count(1)
_HANDLED = re.compile(r"http\.method=(\S+) http\.path=(\S+) http\.status=(\d+)")


# MARK: - Server


def running_server(tmp_path_factory, **environment):
    """A module-scoped `sluice serve` with debug logs (a generator for a fixture); stopped cleanly at the end.
    The DICOM receiver is off (its default port 8104 is fixed, so a second server could not start).
    `environment` adds variables, e.g. `SLUICE_IDLE_BUILD_SECONDS="2"`."""
    data_dir = tmp_path_factory.mktemp("sluice") / "data"
    settings = {"SLUICE_ADMIN_PASSWORD": PASSWORD, "SLUICE_LOG_LEVEL": "debug", "SLUICE_DICOM_PORT": "0"}
    running = start_server(data_dir, {**settings, **environment})
    yield running
    assert running.stop() == 0, running.stderr[-4000:]


def wait_for(condition, timeout=60, interval=0.5):
    """Polls `condition()` until it returns something truthy (returned) or `timeout` seconds pass (None)."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)


def mark(server):
    """A position in the server log; pass it to `handled` to see only the requests made after it."""
    return len(server._stderr_lines)


def handled(server, since=0):
    """(method, path, status) of every request the server logged as handled after `since` (debug logs)."""
    out = []
    for line in server._stderr_lines[since:]:
        match = _HANDLED.search(line)
        if match:
            out.append((match.group(1), match.group(2), int(match.group(3))))
    return out


def failed(server, since=0):
    """The handled requests after `since` whose status was not 2xx/3xx: what to look at when a client fails."""
    return [request for request in handled(server, since) if request[2] >= 400]


def unexpected(server, since=0):
    """`failed` without `GET /data/version` → 404, which every xnatpy connect asks and XNAT ≥ 1.7 answers so."""
    return [request for request in failed(server, since) if request != ("GET", "/data/version", 404)]


def log_tail(server, since=0, lines=40):
    """The server log after `since` (at most `lines` lines), for assertion messages."""
    return "".join(server._stderr_lines[since:][-lines:])


def new_project(api, prefix="P", prearchive_code=None):
    """Creates a fresh project as admin (REST `PUT /data/projects/{ID}`) and returns its ID."""
    project = f"{prefix}{next(_projects):03d}"
    api.create_project(project, prearchive_code=prearchive_code)
    return project


# MARK: - Data


def client_study(patient="SUBJ01"):
    """The xnat-clients §10 study: 2 MR series (T1w, T2w) × 3 instances, PatientName = PatientID = `patient`."""
    return make_study(
        [S("MR", 3, description="T1w"), S("MR", 3, description="T2w")],
        patient_name=patient,
        patient_id=patient,
        study_date="20240102",
        study_time="093000",
    )


def study_files(study):
    """Client file name (`MR_s1_i1.dcm`) → Part-10 bytes, for every instance."""
    return dict(study.files())


def write_dicom_dir(study, directory):
    """Writes every instance flat into `directory` (created) and returns name → bytes."""
    directory = pathlib.Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    files = study_files(study)
    for name, data in files.items():
        (directory / name).write_bytes(data)
    return files


def write_zip(study, path):
    """A DICOM zip of the study (flat entry names), as a client would send it."""
    path = pathlib.Path(path)
    path.write_bytes(zip_bytes(study.files()))
    return path


def write_tgz(study, path):
    """A gzipped tar of the study (`name.tar.gz`: xnatpy sends it as `application/x-tar`)."""
    path = pathlib.Path(path)
    path.write_bytes(tar_bytes(study.files(), gz=True))
    return path


def series_names(study, number):
    return sorted(name for name, _ in study.files() if f"_s{number}_" in name)


def zip_members(path_or_bytes):
    """Base name → bytes of every file in a zip (folders ignored)."""
    source = path_or_bytes if isinstance(path_or_bytes, (str, os.PathLike)) else io.BytesIO(path_or_bytes)
    with zipfile.ZipFile(source) as archive:
        return {
            pathlib.PurePosixPath(info.filename).name: archive.read(info)
            for info in archive.infolist()
            if not info.is_dir()
        }


def md5_bytes(data):
    return hashlib.md5(data).hexdigest()


def tree(root):
    """Relative path → MD5 of every regular file under `root` (symlinks listed as `symlink->target`)."""
    root = pathlib.Path(root)
    out = {}
    if not root.exists():
        return out
    for path in sorted(root.rglob("*")):
        relative = str(path.relative_to(root))
        if path.is_symlink():
            out[relative] = f"symlink->{os.readlink(path)}"
        elif path.is_file():
            out[relative] = md5_bytes(path.read_bytes())
    return out


def archive_tree(server):
    """`tree` of the server's `archive/` folder: what a refused request must leave unchanged."""
    return tree(pathlib.Path(server.data_dir) / "archive")


# MARK: - Clients


def xnatpy(server, **options):
    """`xnat.connect(URL, admin, password, **options)` with the full model unless options say otherwise."""
    import xnat

    options.setdefault("loglevel", "WARNING")
    return xnat.connect(server.base_url, user=USER, password=PASSWORD, **options)


def pyxnat(server, user=USER, password=PASSWORD):
    """`pyxnat.Interface(URL, user, password)` (makes no request until used)."""
    import pyxnat as module

    return module.Interface(server.base_url, user, password)


def client_env(home, **extra):
    """The environment for a client console script: no inherited XNAT* or SLUICE_* settings, HOME = `home`."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("XNAT", "SLUICE_", "NETRC")) and key != "HOME"
    }
    env["HOME"] = str(home)
    env.update(extra)
    return env


def run_script(name, *args, env, cwd, timeout=300):
    """Runs the console script `name` from this venv; returns the CompletedProcess (text)."""
    return subprocess.run(
        [str(VENV_BIN / name), *map(str, args)],
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def explain(result):
    """stdout and stderr of a console-script run, for assertion messages."""
    return f"exit {result.returncode}\n--- stdout\n{result.stdout[-4000:]}\n--- stderr\n{result.stderr[-4000:]}"
