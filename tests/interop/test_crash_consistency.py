"""Crash consistency (reliability §4.2, goal R3): `sluice serve` is killed with SIGKILL at a random (seeded) moment
while 6 clients upload and archive at once, restarted, and then

- `sluice verify` finds nothing (catalogs, digests, rows and folders agree; staging is empty; no journal left), and
- no acknowledged session is lost: every file of every upload answered 2xx is in the prearchive or the archive with
  the same bytes, and what was answered as archived is in the archive.

Clients: DICOM-zip into the prearchive, DICOM-zip straight into the archive (`dest=/archive/…`), gradual-DICOM one
instance per request, and archiving acknowledged prearchive sessions (`/data/services/archive`). A client records an
upload in the ledger only after its 2xx answer.

CI runs `SLUICE_CRASH_ITERATIONS` kills (default 20, about two minutes); `Scripts/reliability/crash_loop.sh` runs
200 or more. `SLUICE_CRASH_SEED` picks another sequence of kill moments and operations.
"""
import collections
import hashlib
import os
import pathlib
import random
import signal
import subprocess
import threading
import time

import requests

from conftest import SERVER_ADMIN_PASSWORD, sluice_binary, start_server
from dicom_factory import S, make_study, part10, zip_bytes

AUTH = ("admin", SERVER_ADMIN_PASSWORD)
PROJECT = "CRASH"
CLIENTS = 6
ITERATIONS = int(os.environ.get("SLUICE_CRASH_ITERATIONS", "20"))
SEED = int(os.environ.get("SLUICE_CRASH_SEED", "20251201"))
ENVIRONMENT = {"SLUICE_ADMIN_PASSWORD": SERVER_ADMIN_PASSWORD, "SLUICE_IDLE_BUILD_SECONDS": "3600"}


class Ledger:
    """What the server acknowledged: file digests per upload, and which prearchive sessions were archived."""

    def __init__(self):
        self.lock = threading.Lock()
        self.files = {}  # md5 -> description of the upload
        self.archived = {}  # md5 -> description: must be in the archive
        self.sessions = []  # acknowledged prearchive session URIs not yet sent to archive
        self.session_files = {}  # prearchive URI -> [md5]
        self.unexpected = []  # (operation, status, body) answers that are neither success nor expected refusals
        self.answers = 0  # 2xx answers so far

    def acknowledge(self, description, digests, *, archived=False, session=None):
        with self.lock:
            self.answers += 1
            for digest in digests:
                self.files[digest] = description
                if archived:
                    self.archived[digest] = description
            if session is not None:
                self.session_files.setdefault(session, []).extend(digests)

    def offer(self, session):
        """A prearchive session whose study is complete, for another client to archive."""
        with self.lock:
            if session not in self.sessions:
                self.sessions.append(session)

    def take_session(self, rng):
        with self.lock:
            if not self.sessions:
                return None
            return self.sessions.pop(rng.randrange(len(self.sessions)))

    def archived_session(self, session):
        with self.lock:
            self.answers += 1
            for digest in self.session_files.get(session, []):
                self.archived[digest] = f"archived {session}"


def _md5(data):
    return hashlib.md5(data).hexdigest()


class Client(threading.Thread):
    """Uploads and archives until told to stop or the server goes away."""

    def __init__(self, base_url, ledger, rng, name):
        super().__init__(daemon=True)
        self.base_url = base_url
        self.ledger = ledger
        self.rng = rng
        self.name = name
        self.stop = threading.Event()
        self.http = requests.Session()
        self.http.auth = AUTH

    def run(self):
        serial = 0
        while not self.stop.is_set():
            serial += 1
            try:
                self.step(f"{self.name}-{serial}")
            except requests.RequestException:
                return  # the server was killed under the request

    def step(self, label):
        choice = self.rng.random()
        study = make_study([S(count=self.rng.randint(1, 4)), S(count=self.rng.randint(1, 3))], patient_id=label)
        files = study.files()
        digests = [_md5(data) for _, data in files]
        if choice < 0.35:
            answer = self.post_zip(files, {"PROJECT_ID": PROJECT})
            if answer.status_code == 200:
                session = answer.text.strip().removeprefix("/data")
                self.ledger.acknowledge(f"zip {session}", digests, session=session)
                self.ledger.offer(session)
            else:
                self.unexpected("zip", answer)
        elif choice < 0.6:
            answer = self.post_zip(files, {"PROJECT_ID": PROJECT, "dest": f"/archive/projects/{PROJECT}"})
            if answer.status_code == 200:
                self.ledger.acknowledge(f"zip to archive {answer.text.strip()}", digests, archived=True)
            else:
                self.unexpected("zip to archive", answer)
        elif choice < 0.85:
            sessions = set()
            for (name, data), digest in zip(files, digests):
                answer = self.http.post(
                    f"{self.base_url}/data/services/import",
                    params={"PROJECT_ID": PROJECT, "import-handler": "gradual-DICOM"},
                    data=data,
                    headers={"Content-Type": "application/dicom"},
                    timeout=60,
                )
                if answer.status_code != 200:
                    self.unexpected("gradual-DICOM", answer)
                    return
                session = answer.text.strip().removeprefix("/data")
                sessions.add(session)
                self.ledger.acknowledge(f"gradual {session} {name}", [digest], session=session)
            for session in sessions:
                self.ledger.offer(session)
        else:
            session = self.ledger.take_session(self.rng)
            if session is None:
                return
            answer = self.http.post(f"{self.base_url}/data/services/archive", params={"src": session}, timeout=60)
            if answer.status_code == 200:
                self.ledger.archived_session(session)
            elif answer.status_code not in (403, 404, 409):
                self.unexpected("archive", answer)

    def post_zip(self, files, params):
        return self.http.post(
            f"{self.base_url}/data/services/import",
            params=params,
            data=zip_bytes(files),
            headers={"Content-Type": "application/zip"},
            timeout=60,
        )

    def unexpected(self, operation, answer):
        with self.ledger.lock:
            self.ledger.unexpected.append((operation, answer.status_code, answer.text[:300]))


def stored_digests(data_dir):
    """MD5 of every file under the prearchive and the archive, by area."""
    found = {}
    for area in ("prearchive", "archive"):
        digests = set()
        for path in (pathlib.Path(data_dir) / area).rglob("*.dcm"):
            if path.is_file() and ".removed" not in path.parts:
                digests.add(_md5(path.read_bytes()))
        found[area] = digests
    return found


def verify(data_dir):
    result = subprocess.run(
        [str(sluice_binary()), "verify", "--data-dir", str(data_dir)], capture_output=True, text=True, timeout=300
    )
    return result.returncode, result.stdout + result.stderr


def check(data_dir, ledger, iteration):
    status, output = verify(data_dir)
    assert status == 0, f"iteration {iteration}: sluice verify found differences:\n{output}"
    stored = stored_digests(data_dir)
    everywhere = stored["prearchive"] | stored["archive"]
    with ledger.lock:
        lost = [description for digest, description in ledger.files.items() if digest not in everywhere]
        not_archived = [d for digest, d in ledger.archived.items() if digest not in stored["archive"]]
        unexpected = list(ledger.unexpected)
    assert lost == [], f"iteration {iteration}: acknowledged files lost: {lost[:10]}"
    assert not_archived == [], f"iteration {iteration}: acknowledged archives not in the archive: {not_archived[:10]}"
    assert unexpected == [], f"iteration {iteration}: unexpected answers: {unexpected[:5]}"


def run_crash_loop(data_dir, iterations, seed):
    rng = random.Random(seed)
    ledger = Ledger()
    server = start_server(data_dir, ENVIRONMENT)
    kills = []
    recoveries = collections.Counter()
    try:
        assert requests.put(f"{server.base_url}/data/projects/{PROJECT}", auth=AUTH).status_code == 200
        for iteration in range(iterations):
            clients = [
                Client(server.base_url, ledger, random.Random(rng.getrandbits(64)), f"I{iteration}C{number}")
                for number in range(CLIENTS)
            ]
            for client in clients:
                client.start()
            # The kill lands after a random number of answers plus a random delay, so it hits every phase of the
            # requests in flight whatever the machine's speed.
            answers, delay = rng.randrange(12), rng.uniform(0.0, 0.6)
            target = ledger.answers + answers
            deadline = time.monotonic() + 60
            while ledger.answers < target and time.monotonic() < deadline:
                time.sleep(0.01)
            time.sleep(delay)
            server.process.send_signal(signal.SIGKILL)
            server.process.wait(timeout=30)
            for client in clients:
                client.stop.set()
            for client in clients:
                client.join(timeout=60)
            kills.append((answers, round(delay, 2)))
            server = start_server(data_dir, ENVIRONMENT)
            for line in server.stderr.splitlines():
                if " notice " in line:
                    recoveries[line.rsplit("] ", 1)[-1].strip()] += 1
            check(data_dir, ledger, iteration)
    finally:
        status = server.stop()
    assert status == 0, server.stderr
    check(data_dir, ledger, "final")
    return kills, ledger, recoveries


def test_sigkill_during_uploads_and_archiving_loses_nothing_acknowledged(tmp_path):
    kills, ledger, recoveries = run_crash_loop(tmp_path / "data", ITERATIONS, SEED)
    print("recovery actions:", dict(recoveries))
    print(
        f"crash consistency: {len(kills)} SIGKILLs (seed {SEED}), {len(ledger.files)} acknowledged files, "
        f"{len(ledger.archived)} of them archived; kills after (answers, seconds) {kills}"
    )
    assert len(kills) == ITERATIONS
