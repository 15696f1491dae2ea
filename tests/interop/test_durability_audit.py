"""Durability audit (reliability §4.4, goal R5): a zip upload into the prearchive, one gradual-DICOM instance, the
session's archiving and a file written into it through the REST API run under `strace`, and every publishing rename — a file or folder renamed into the prearchive or the archive, a catalog or
session document replaced — must have

- an fsync of its source before it (for files: of the same bytes, possibly under an earlier name; for folders: of
  the folder itself), and
- an fsync of the destination's folder after it, before the next HTTP response;

every folder created under the prearchive or the archive must have its parent synced the same way. SQLite must be
in WAL mode (`synchronous=FULL` is set by the server on every connection).
"""
import os
import re
import sqlite3

import requests

from conftest import SERVER_ADMIN_PASSWORD, start_server
from dicom_factory import S, make_study, part10, zip_bytes
import traced_server

AUTH = ("admin", SERVER_ADMIN_PASSWORD)
SYSCALLS = "fsync,fdatasync,rename,renameat,renameat2,link,linkat,mkdir,mkdirat,write,writev,sendmsg,sendto"
_LINE = re.compile(r"^(\d+)\s+(\d+\.\d+)\s+(.*)$")
_CALL = re.compile(r"^(\w+)\((.*)\)\s+=\s+(-?\d+|\?)")
_FD_PATH = re.compile(r"^\d+<([^>]*)>")
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')



def _calls(trace_path):
    """(index, pid, name, arguments, result) for each finished system call, in completion order; `<unfinished>`
    and `<... resumed>` halves are joined."""
    pending = {}
    index = 0
    with open(trace_path, encoding="utf-8", errors="replace") as trace:
        for raw in trace:
            match = _LINE.match(raw.rstrip("\n"))
            if not match:
                continue
            pid, _, text = match.groups()
            if text.endswith("<unfinished ...>"):
                pending[pid] = text[: -len("<unfinished ...>")].rstrip()
                continue
            resumed = re.match(r"^<\.\.\. (\w+) resumed>(.*)$", text)
            if resumed:
                text = pending.pop(pid, resumed.group(1) + "(") + resumed.group(2)
            call = _CALL.match(text)
            if call:
                index += 1
                yield index, pid, call.group(1), call.group(2), call.group(3)


def _paths(arguments):
    return [bytes(value, "utf-8").decode("unicode_escape") for value in _QUOTED.findall(arguments)]


def audit(trace_path, data_dir):
    """Returns (checked renames, checked folders, violations) for the trace of a server on `data_dir`."""
    data = os.path.realpath(data_dir)
    published_roots = (os.path.join(data, "prearchive") + "/", os.path.join(data, "archive") + "/")
    durable = set()  # paths whose bytes (files) or entries (folders) were synced
    synced_folders = []  # (index, folder)
    responses = []  # indexes of HTTP response writes
    renames = []  # (index, source, destination)
    folders = []  # (index, new folder)
    seen_paths = set()

    def publishing(path):
        parts = path.split("/")
        return path.startswith(published_roots) and not any(p.startswith((".staging-", ".backup-")) for p in parts)

    for index, _, name, arguments, result in _calls(trace_path):
        if name in ("fsync", "fdatasync") and result == "0":
            fd = _FD_PATH.match(arguments)
            if fd:
                durable.add(fd.group(1))
                synced_folders.append((index, fd.group(1)))
        elif name in ("write", "writev", "sendmsg", "sendto"):
            if "<TCP" in arguments.split(",", 1)[0] and '"HTTP/1.1 ' in arguments:
                responses.append(index)
        elif name in ("rename", "renameat", "renameat2") and result == "0":
            paths = _paths(arguments)
            if len(paths) < 2:
                continue
            source, destination = paths[0], paths[1]
            seen_paths.update((source, destination))
            if publishing(destination):
                renames.append((index, source, destination, source in durable))
            moved = {p for p in durable if p == source or p.startswith(source + "/")}
            for path in moved:
                durable.discard(path)
                durable.add(destination + path[len(source):])
        elif name in ("link", "linkat") and result == "0":
            paths = _paths(arguments)
            if len(paths) >= 2 and paths[0] in durable:
                durable.add(paths[1])
        elif name in ("mkdir", "mkdirat") and result == "0":
            paths = _paths(arguments)
            if paths and publishing(paths[-1]):
                folders.append((index, paths[-1]))

    def synced_after(index, folder):
        following = [i for i in responses if i > index]
        deadline = following[0] if following else float("inf")
        return any(index < i < deadline and path == folder for i, path in synced_folders)

    violations = []
    for index, source, destination, source_durable in renames:
        if not source_durable:
            violations.append(f"rename {source} -> {destination}: its source was not synced before")
        if not synced_after(index, os.path.dirname(destination)):
            violations.append(f"rename {source} -> {destination}: its folder was not synced before the response")
    for index, folder in folders:
        if not synced_after(index, os.path.dirname(folder)):
            violations.append(f"mkdir {folder}: its parent was not synced before the response")
    return len(renames), len(folders), violations


def _shim(tmp_path, trace_path):
    """An executable that runs the real `sluice` under strace, so conftest's start_server can start it."""
    return traced_server.shim(
        tmp_path, "sluice-under-strace", f'-ttt -yy -s 64 -e trace={SYSCALLS} -o "{trace_path}"'
    )


@traced_server.requires_strace
def test_every_publishing_rename_is_synced_before_and_after(tmp_path, monkeypatch):
    trace_path = tmp_path / "trace.txt"
    monkeypatch.setenv("SLUICE_BIN", str(_shim(tmp_path, trace_path)))
    data_dir = tmp_path / "data"
    server = start_server(data_dir, {"SLUICE_ADMIN_PASSWORD": SERVER_ADMIN_PASSWORD}, timeout=120)
    try:
        base = server.base_url
        assert requests.put(f"{base}/data/projects/AUDIT", auth=AUTH).status_code == 200
        study = make_study([S(count=3), S(count=2)], patient_id="AUDIT1")
        uploaded = requests.post(
            f"{base}/data/services/import",
            params={"PROJECT_ID": "AUDIT"},
            data=zip_bytes(study.files()),
            headers={"Content-Type": "application/zip"},
            auth=AUTH,
        )
        assert uploaded.status_code == 200, uploaded.text
        source = uploaded.text.strip().removeprefix("/data")
        # One more instance of the same study, gradual-DICOM, joins the session.
        extra = make_study([S(count=1, number=7)], patient_id="AUDIT1", study_uid=study.uid)
        gradual = requests.post(
            f"{base}/data/services/import",
            params={"PROJECT_ID": "AUDIT", "import-handler": "gradual-DICOM"},
            data=part10(extra.datasets[0]),
            headers={"Content-Type": "application/dicom"},
            auth=AUTH,
        )
        assert gradual.status_code == 200, gradual.text
        archived = requests.post(f"{base}/data/services/archive", params={"src": source}, auth=AUTH)
        assert archived.status_code == 200, archived.text
        # A file written through the REST API: the file, its catalog and the session document.
        experiment = "/data" + archived.text.strip().removeprefix("/data")
        written = requests.put(
            f"{base}{experiment}/resources/NOTES/files/notes/a.txt", data=b"durable notes", auth=AUTH
        )
        assert written.status_code in (200, 201), written.text
    finally:
        traced_server.stop(server)
    renames, folders, violations = audit(trace_path, data_dir)
    print(f"durability audit: {renames} publishing renames, {folders} new folders, {len(violations)} violations")
    assert renames >= 10 and folders >= 5
    assert violations == []
    database = sqlite3.connect(data_dir / "sluice.sqlite")
    try:
        assert database.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        database.close()


def test_the_audit_finds_missing_fsyncs(tmp_path):
    """The checker itself: a trace with one compliant rename and three faulty ones."""
    data = tmp_path / "data"
    d = os.path.realpath(data)
    session = f"{d}/prearchive/P/20240101_120000000/S"
    trace = tmp_path / "trace.txt"
    trace.write_text(
        "\n".join(
            [
                f'1 1.0 fsync(5<{d}/staging/a>) = 0',
                f'1 1.1 rename("{d}/staging/a", "{session}/SCANS/1/DICOM/a.dcm") = 0',
                f'1 1.2 fsync(5<{session}/SCANS/1/DICOM>) = 0',
                f'1 1.3 rename("{d}/staging/b", "{session}/SCANS/1/DICOM/b.dcm") = 0',
                f'1 1.4 fsync(5<{session}/SCANS/1/DICOM>) = 0',
                f'1 1.5 fsync(6<{d}/staging/c>) = 0',
                f'1 1.6 rename("{d}/staging/c", "{session}/SCANS/1/DICOM/c.dcm") = 0',
                f'1 1.7 mkdir("{session}/SCANS/2", 0777) = 0',
                '1 1.8 writev(9<TCP:[127.0.0.1:80->127.0.0.1:5000]>, [{iov_base="HTTP/1.1 200 OK\\r\\n"}], 1) = 20',
                f'1 1.9 fsync(5<{session}/SCANS/1/DICOM>) = 0',
            ]
        )
        + "\n"
    )
    renames, folders, violations = audit(trace, data)
    assert (renames, folders) == (3, 1)
    assert len(violations) == 3
    assert "b.dcm: its source was not synced" in violations[0]
    assert "c.dcm: its folder was not synced before the response" in violations[1]
    assert violations[2].startswith(f"mkdir {session}/SCANS/2")
