"""Concurrency on one study (reliability §4.7, goal R7): 20 clients each send 5 uploads of overlapping parts of the
same 50-instance study at once — DICOM-zip uploads and gradual-DICOM instances — and the server must end with

- exactly one prearchive session for the study, and only 200 answers (never a 500);
- after the build, every SOP instance exactly once, with the bytes that were sent;
- `sluice verify` clean, and deleting the session leaves nothing of it.
"""
import hashlib
import random
import subprocess
import threading
import time

import pydicom
import requests

from conftest import SERVER_ADMIN_PASSWORD, sluice_binary
from dicom_factory import S, default_name, make_study, part10, zip_bytes
from prearchive_client import PrearchiveSession, dicom_files

AUTH = ("admin", SERVER_ADMIN_PASSWORD)
PROJECT = "SAME"
CLIENTS = 20
UPLOADS = 5
SEED = 7


def _md5(data):
    return hashlib.md5(data).hexdigest()


def test_twenty_clients_uploading_one_study_make_one_whole_session(module_server, sluice_api):
    server = module_server
    sluice_api.create_project(PROJECT)
    study = make_study([S(count=10) for _ in range(5)], patient_id="SAME1")
    instances = [(default_name(ds), part10(ds), ds.SOPInstanceUID) for ds in study.datasets]
    expected = {uid: _md5(data) for _, data, uid in instances}
    rng = random.Random(SEED)
    plans = []
    for client in range(CLIENTS):
        uploads = []
        for _ in range(UPLOADS):
            start = rng.randrange(len(instances))
            length = rng.randint(5, 25)
            part = [instances[(start + k) % len(instances)] for k in range(length)]
            uploads.append(("zip" if rng.random() < 0.5 else "gradual", part))
        plans.append(uploads)
    answers, lock = [], threading.Lock()
    start_gate = threading.Barrier(CLIENTS)

    def client(uploads):
        http = requests.Session()
        http.auth = AUTH
        start_gate.wait()
        for kind, part in uploads:
            if kind == "zip":
                answer = http.post(
                    f"{server.base_url}/data/services/import",
                    params={"PROJECT_ID": PROJECT},
                    data=zip_bytes([(name, data) for name, data, _ in part]),
                    headers={"Content-Type": "application/zip"},
                    timeout=120,
                )
                results = [(answer.status_code, answer.text.strip())]
            else:
                results = []
                for name, data, _ in part[:8]:
                    answer = http.post(
                        f"{server.base_url}/data/services/import",
                        params={"PROJECT_ID": PROJECT, "import-handler": "gradual-DICOM"},
                        files={"file": (name, data, "application/dicom")},
                        timeout=120,
                    )
                    results.append((answer.status_code, answer.text.strip()))
            with lock:
                answers.extend(results)

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(uploads,)) for uploads in plans]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    elapsed = time.monotonic() - started
    statuses = sorted({status for status, _ in answers})
    print(f"same-study concurrency: {len(answers)} requests in {elapsed:.1f} s, statuses {statuses}")
    assert [body for status, body in answers if status != 200] == []
    sent = {uid for uploads in plans for _, part in uploads for _, _, uid in part}
    # Every answer names the one session.
    assert len({body for _, body in answers}) == 1, sorted({body for _, body in answers})
    rows = sluice_api.rows_for_study(study.uid, PROJECT)
    assert len(rows) == 1, rows
    session = PrearchiveSession.parse(answers[0][1])
    built = sluice_api.build(session)
    assert built.status_code == 200, built.text
    files = dicom_files(session.directory(server.data_dir)).values()
    stored = {}
    for path in files:
        uid = pydicom.dcmread(path, stop_before_pixels=True).SOPInstanceUID
        assert uid not in stored, f"{uid} is stored twice: {stored.get(uid)} and {path}"
        stored[uid] = _md5(path.read_bytes())
    assert set(stored) == sent
    assert all(stored[uid] == expected[uid] for uid in stored)
    result = subprocess.run(
        [str(sluice_binary()), "verify", "--data-dir", str(server.data_dir)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Deleting the session leaves nothing of it.
    deleted = sluice_api.http.delete(sluice_api.url(session.uri))
    assert deleted.status_code == 200, deleted.text
    assert not session.directory(server.data_dir).exists()
    assert sluice_api.rows_for_study(study.uid, PROJECT) == []
