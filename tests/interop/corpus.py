"""The bad-input corpus harness (Docs/Reliability.md, "Bad input"): one `Case` per malformed request, each run
between two snapshots of the data folder.

A case passes when:
- the answer comes within `REQUEST_TIMEOUT` seconds (a hang fails the case);
- its status is one of the case's documented statuses, never 500;
- the body is plain text (no HTML) and matches the documented message (exactly, as a prefix, or containing a
  fragment);
- the data folder is unchanged: every file's path, size and MD5 (the SQLite files excepted) and the row count of
  every table (but `login_sessions` and `audit_events`, which record who asked, by design) are the same before and
  after.
"""
import base64
import dataclasses
import hashlib
import pathlib
import re
import socket
import sqlite3
import time
import urllib.parse

import requests

from conftest import SERVER_ADMIN_PASSWORD, start_server
from dicom_factory import S, make_study, zip_bytes
from prearchive_client import ADMIN, Sluice, media_type

REQUEST_TIMEOUT = 10
# Files the server rewrites on every request (the database and its WAL and shared memory), and tables that record
# who asked rather than what is stored.
EXCLUDED_FILES = {"sluice.sqlite", "sluice.sqlite-wal", "sluice.sqlite-shm", "sluice.sqlite-journal"}
EXCLUDED_TABLES = {"login_sessions", "audit_events", "sqlite_sequence"}


@dataclasses.dataclass(frozen=True)
class Snapshot:
    files: dict
    rows: dict

    def difference(self, other):
        """A readable account of what changed from `self` to `other` (empty when nothing did)."""
        lines = []
        for path in sorted(set(self.files) | set(other.files)):
            if self.files.get(path) != other.files.get(path):
                lines.append(f"file {path}: {self.files.get(path)} -> {other.files.get(path)}")
        for table in sorted(set(self.rows) | set(other.rows)):
            if self.rows.get(table) != other.rows.get(table):
                lines.append(f"table {table}: {self.rows.get(table)} -> {other.rows.get(table)} rows")
        return "\n".join(lines)


def snapshot(data_dir):
    """Every file under `data_dir` (relative path → (size, MD5)) and the row count of every table."""
    root = pathlib.Path(data_dir)
    files = {}
    for path in root.rglob("*"):
        if path.is_file() and path.name not in EXCLUDED_FILES:
            data = path.read_bytes()
            files[str(path.relative_to(root))] = (len(data), hashlib.md5(data).hexdigest())
    rows = {}
    database = root / "sluice.sqlite"
    if database.exists():
        connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=10)
        try:
            tables = [
                name
                for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                if name not in EXCLUDED_TABLES
            ]
            for table in tables:
                rows[table] = connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        finally:
            connection.close()
    return Snapshot(files, rows)


@dataclasses.dataclass
class Case:
    """One malformed request and what Sluice answers.

    `send(api)` makes the request and returns a `requests.Response` (or a `RawResponse`). `statuses` are the
    documented statuses; `message` is the exact body, `prefix` its start, `contains` a fragment of it (at most one).
    `empty_body=True` accepts an empty body (SwiftNIO's own 400 for requests its parser refuses).
    """

    id: str
    send: object
    statuses: tuple
    message: str | None = None
    prefix: str | None = None
    contains: str | None = None
    empty_body: bool = False

    def check(self, response):
        status, body, content_type = response.status_code, response.text, media_type(response)
        assert status != 500, f"{self.id}: 500 {body!r}"
        assert status in self.statuses, f"{self.id}: {status} {body!r}, expected {self.statuses}"
        if self.empty_body and not body:
            return
        assert content_type == "text/plain", f"{self.id}: Content-Type {content_type!r}, body {body!r}"
        assert "<html" not in body.lower(), f"{self.id}: HTML body"
        text = body.strip()
        if self.message is not None:
            assert text == self.message, f"{self.id}: {text!r} != {self.message!r}"
        if self.prefix is not None:
            assert text.startswith(self.prefix), f"{self.id}: {text!r} does not start with {self.prefix!r}"
        if self.contains is not None:
            assert self.contains in text, f"{self.id}: {self.contains!r} not in {text!r}"


def run(api, case):
    """Runs `case` between two snapshots of the data folder and checks both the answer and the snapshots."""
    before = snapshot(api.data_dir)
    started = time.monotonic()
    response = case.send(api)
    elapsed = time.monotonic() - started
    assert elapsed < REQUEST_TIMEOUT, f"{case.id}: took {elapsed:.1f} s"
    case.check(response)
    after = snapshot(api.data_dir)
    assert before == after, f"{case.id} changed the data folder:\n{before.difference(after)}"
    return response


# MARK: - The server

PROJECT = "CORPUS"
# Limits low enough that the corpus breaks them cheaply (Docs/Configuration.md has the defaults).
ENVIRONMENT = {
    "SLUICE_ADMIN_PASSWORD": SERVER_ADMIN_PASSWORD,
    "SLUICE_MAX_UPLOAD_BYTES": str(1 << 30),
    "SLUICE_MAX_ARCHIVE_ENTRIES": "1000",
    "SLUICE_MAX_EXPANDED_BYTES": str(64 << 20),
    "SLUICE_BODY_IDLE_TIMEOUT_SECONDS": "2",
    "SLUICE_IDLE_TIMEOUT_SECONDS": "4",
    # No idle build during a long module: it would change the prior session under the snapshots.
    "SLUICE_IDLE_BUILD_SECONDS": "86400",
}


def serve(tmp_path_factory, environment=None):
    """A generator for a module fixture: a server with project CORPUS and one session already in its prearchive
    (the data every case must leave alone), as a `prearchive_client.Sluice`; stopped afterwards."""
    data_dir = tmp_path_factory.mktemp("corpus") / "data"
    server = start_server(data_dir, {**ENVIRONMENT, **(environment or {})})
    try:
        api = Sluice(server)
        api.create_project(PROJECT)
        api.import_one(zip_bytes(make_study([S("MR", 2)], patient_id="PRIOR").files()), PROJECT_ID=PROJECT)
        yield api
    finally:
        assert server.stop() == 0, server.stderr


# MARK: - Sending


def post(path="/data/services/import", *, params=None, data=None, content_type=None, headers=None, files=None,
         auth=ADMIN, method="POST"):
    """A `send` function for `Case`: one request with `requests` and the per-request timeout."""

    def send(api):
        all_headers = dict(headers or {})
        if content_type is not None:
            all_headers["Content-Type"] = content_type
        return requests.request(
            method,
            api.url(path),
            params=params,
            data=data,
            files=files,
            headers=all_headers,
            auth=auth,
            timeout=REQUEST_TIMEOUT,
        )

    return send


def upload(data, content_type="application/zip", **params):
    """A raw-body import of `data` with `params`."""
    return post(params=params, data=data, content_type=content_type)


@dataclasses.dataclass
class RawResponse:
    """What `raw_request` read back: enough of a `requests.Response` for `Case.check`."""

    status_code: int
    headers: dict
    text: str


def basic_authorization():
    return "Basic " + base64.b64encode(f"{ADMIN[0]}:{ADMIN[1]}".encode()).decode()


def raw_request(api, head, body=b"", *, timeout=REQUEST_TIMEOUT):
    """Sends `head` (the request line and headers, without the final blank line) and `body` over a plain socket,
    then reads the answer (waiting, idle, until it comes or `timeout` passes)."""
    address = urllib.parse.urlsplit(api.base_url)
    with socket.create_connection((address.hostname, address.port), timeout=timeout) as connection:
        connection.sendall(head.encode("latin-1") + b"\r\n\r\n" + body)
        return read_response(connection, timeout)


def read_response(connection, timeout=REQUEST_TIMEOUT):
    """Reads one HTTP response (head and a Content-Length body) from `connection`."""
    deadline = time.monotonic() + timeout
    data = b""
    while b"\r\n\r\n" not in data:
        connection.settimeout(max(0.1, deadline - time.monotonic()))
        chunk = connection.recv(65536)
        if not chunk:
            break
        data += chunk
    assert b"\r\n\r\n" in data, f"no response head: {data[:200]!r}"
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    while len(rest) < length and time.monotonic() < deadline:
        connection.settimeout(max(0.1, deadline - time.monotonic()))
        chunk = connection.recv(65536)
        if not chunk:
            break
        rest += chunk
    return RawResponse(status, _CaseInsensitive(headers), rest[:length].decode("utf-8", "replace"))


class _CaseInsensitive(dict):
    def get(self, key, default=None):
        return super().get(key.lower(), default)


def raw(head_lines, body=b"", **options):
    """A `send` function for `Case` over a plain socket; `{auth}` and `{host}` in the lines are filled in."""

    def send(api):
        host = urllib.parse.urlsplit(api.base_url).netloc
        head = "\r\n".join(line.format(auth=basic_authorization(), host=host) for line in head_lines)
        return raw_request(api, head, body, **options)

    return send


def case_ids(cases):
    return [case.id for case in cases]


def unique(cases):
    """`cases`, checking that their IDs are unique (they name the pytest parameters)."""
    seen = set()
    for case in cases:
        assert case.id not in seen, case.id
        assert re.fullmatch(r"[A-Za-z0-9_.\-]+", case.id), case.id
        seen.add(case.id)
    return cases
