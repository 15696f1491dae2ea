"""Slow clients (reliability §4.8, R9 reduced to CI size): slowloris heads and trickling bodies do not starve other
requests, and the server closes them after its timeouts.

The server runs with short timeouts (idle 3 s, body idle 2 s, request 5 s). 200 sockets send a request head one
byte a second and 20 send an upload body one byte a second, while a probe asks `GET /data/projects` every 0.25 s.
"""
import socket
import statistics
import threading
import time
import urllib.parse

import pytest
import requests

from conftest import SERVER_ADMIN_PASSWORD, start_server
from corpus import basic_authorization, read_response
from dicom_factory import S, make_study, zip_bytes
from prearchive_client import ADMIN

SLOW_HEADS = 200
SLOW_BODIES = 20
ATTACK_SECONDS = 12
ENVIRONMENT = {
    "SLUICE_ADMIN_PASSWORD": SERVER_ADMIN_PASSWORD,
    "SLUICE_IDLE_TIMEOUT_SECONDS": "3",
    "SLUICE_BODY_IDLE_TIMEOUT_SECONDS": "2",
    "SLUICE_REQUEST_TIMEOUT_SECONDS": "5",
}


@pytest.fixture
def server(tmp_path):
    running = start_server(tmp_path / "data", ENVIRONMENT)
    yield running
    assert running.stop() == 0, running.stderr


class Trickler:
    """Sockets that each send their bytes one a second; records when the server closed each one."""

    def __init__(self, address, payloads):
        self.sockets = []
        for head, rest in payloads:
            connection = socket.create_connection(address, timeout=5)
            connection.sendall(head)
            connection.setblocking(False)
            self.sockets.append([connection, rest, None, b""])
        self.started = time.monotonic()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        while not self.stopped.wait(1.0):
            for entry in self.sockets:
                connection, rest, closed, _ = entry
                if closed is not None:
                    continue
                try:
                    while True:
                        chunk = connection.recv(65536)
                        if not chunk:
                            entry[2] = time.monotonic() - self.started
                            break
                        entry[3] += chunk
                    continue
                except BlockingIOError:
                    pass
                except OSError:
                    entry[2] = time.monotonic() - self.started
                    continue
                if rest:
                    try:
                        connection.send(rest[:1])
                        entry[1] = rest[1:]
                    except OSError:
                        entry[2] = time.monotonic() - self.started

    def stop(self):
        self.stopped.set()
        self.thread.join()
        for connection, *_ in self.sockets:
            connection.close()

    @property
    def closed_after(self):
        return [entry[2] for entry in self.sockets]

    @property
    def answers(self):
        return [entry[3] for entry in self.sockets]


def test_slowloris_and_slow_bodies_do_not_starve_other_requests(server):
    address = urllib.parse.urlsplit(server.base_url)
    target = (address.hostname, address.port)
    head_only = [(b"POST /data/services/import HTTP/1.1\r\n", b"Host: x\r\nX-Slow: " + b"a" * 600) for _ in
                 range(SLOW_HEADS)]
    body_head = (
        "POST /data/services/import?PROJECT_ID=SLOW HTTP/1.1\r\nHost: x\r\n"
        f"Authorization: {basic_authorization()}\r\nContent-Type: application/zip\r\nContent-Length: 10000000\r\n\r\n"
    ).encode()
    slow_bodies = [(body_head + b"PK", b"\0" * 600) for _ in range(SLOW_BODIES)]

    probe = requests.Session()
    probe.auth = ADMIN
    # Log in first: the session cookie spares the probe a password hash (bcrypt) on every request.
    assert probe.get(server.base_url + "/data/projects", timeout=30).status_code == 200
    heads = Trickler(target, head_only)
    bodies = Trickler(target, slow_bodies)
    latencies, failures = [], []
    try:
        deadline = time.monotonic() + ATTACK_SECONDS
        while time.monotonic() < deadline:
            started = time.monotonic()
            try:
                response = probe.get(server.base_url + "/data/projects", timeout=5)
                if response.status_code != 200:
                    failures.append(response.status_code)
            except requests.RequestException as error:
                failures.append(repr(error))
            latencies.append(time.monotonic() - started)
            time.sleep(max(0.0, 0.25 - (time.monotonic() - started)))
        study = make_study([S("MR", 2)], patient_id="DURING_ATTACK")
        upload = probe.post(server.base_url + "/data/services/import", data=zip_bytes(study.files()),
                            headers={"Content-Type": "application/zip"}, timeout=30)
    finally:
        heads.stop()
        bodies.stop()

    assert not failures, failures[:5]
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    assert p99 < 2.0, f"probe p99 {p99:.2f} s (median {statistics.median(latencies):.3f} s): {latencies[-5:]}"
    assert upload.status_code == 200, upload.text
    # Slow heads are closed by the idle timeout (3 s); allow for the one-second trickle and a busy machine.
    assert all(closed is not None and closed < 9 for closed in heads.closed_after), heads.closed_after
    # Slow bodies get 408 when the request timeout (5 s) passes, and the connection is closed after it.
    assert all(closed is not None and closed < 11 for closed in bodies.closed_after), bodies.closed_after
    for answer in bodies.answers:
        assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
        assert b"The request body took longer than the limit of 5 seconds" in answer


def test_a_silent_connection_is_closed_after_the_idle_timeout(server):
    address = urllib.parse.urlsplit(server.base_url)
    with socket.create_connection((address.hostname, address.port), timeout=10) as connection:
        started = time.monotonic()
        assert connection.recv(1) == b""
        assert 2.5 < time.monotonic() - started < 8


def test_a_stalled_body_is_answered_408_and_the_connection_closed(server):
    address = urllib.parse.urlsplit(server.base_url)
    with socket.create_connection((address.hostname, address.port), timeout=10) as connection:
        connection.sendall(
            (
                "POST /data/services/import HTTP/1.1\r\nHost: x\r\n"
                f"Authorization: {basic_authorization()}\r\nContent-Type: application/zip\r\n"
                "Content-Length: 1000\r\n\r\nPK"
            ).encode()
        )
        started = time.monotonic()
        response = read_response(connection)
        assert response.status_code == 408, response.text
        assert response.text == "The request body stalled: no bytes arrived for 2 seconds"
        assert 1.5 < time.monotonic() - started < 6
        connection.settimeout(5)
        assert connection.recv(1) == b""
