"""Kill-and-restart: `sluice serve` is killed with SIGKILL while it archives, restarted, and every session must be
whole on exactly one side — in the prearchive (READY, all files) or in the archive (all files, catalog digests
true) — with no staging folder, backup or journal left behind."""
import hashlib
import pathlib
import signal
import sqlite3
import threading
import time
import xml.etree.ElementTree as ET

import requests

from conftest import SERVER_ADMIN_PASSWORD, start_server
from dicom_factory import S, make_study, zip_bytes

CAT = "{http://nrg.wustl.edu/catalog}"
XNAT = "{http://nrg.wustl.edu/xnat}"
AUTH = ("admin", SERVER_ADMIN_PASSWORD)
INSTANCES = 120


def _md5(path):
    return hashlib.md5(path.read_bytes()).hexdigest()


def _archived_instances(session_dir):
    """SOPInstanceUIDs of an archived session, checking every catalog entry's file and digest."""
    label = session_dir.name
    document = ET.parse(session_dir / f"{label}.xml").getroot()
    uids = []
    for resource in document.iter(f"{XNAT}file"):
        catalog_path = session_dir / resource.get("URI")
        catalog = ET.parse(catalog_path).getroot()
        for entry in catalog.iter(f"{CAT}entry"):
            file = catalog_path.parent / entry.get("URI")
            assert file.is_file(), f"{file} is listed but missing"
            assert _md5(file) == entry.get("digest"), f"{file} does not match its digest"
            uids.append(entry.get("UID"))
    return uids


def _check_consistent(data_dir, studies):
    archive_root = data_dir / "archive"
    leftovers = [p for p in archive_root.rglob(".*") if p.name.startswith((".staging-", ".backup-"))]
    assert leftovers == []
    assert list((archive_root / ".journal").glob("*.json")) == [] if (archive_root / ".journal").exists() else True
    database = sqlite3.connect(data_dir / "sluice.sqlite")
    try:
        experiments = {row[0]: row[1] for row in database.execute("SELECT label, project FROM experiments")}
        rows = {row[0]: row[1] for row in database.execute("SELECT folder_name, status FROM prearchive_sessions")}
    finally:
        database.close()
    for study in studies:
        label = study.patient_id
        expected = sorted(ds.SOPInstanceUID for ds in study.datasets)
        archived_dir = archive_root / "CRASH" / "arc001" / label
        if label in experiments:
            assert label not in rows, f"{label} is both archived and in the prearchive"
            assert sorted(_archived_instances(archived_dir)) == expected
        else:
            assert not archived_dir.exists(), f"{label} has an archive folder but no record"
            assert rows.get(label) in ("READY", "RECEIVING"), f"{label}: prearchive status {rows.get(label)}"


def _upload(server, study):
    uploaded = requests.post(
        f"{server.base_url}/data/services/import",
        params={"PROJECT_ID": "CRASH", "action": "commit"},
        data=zip_bytes(study.files(), directory_entries=False),
        headers={"Content-Type": "application/zip"},
        auth=AUTH,
    )
    assert uploaded.status_code == 200, uploaded.text
    return uploaded.text.strip()


def test_sigkill_during_archiving_leaves_each_session_whole_on_one_side(tmp_path):
    data_dir = tmp_path / "data"
    environment = {"SLUICE_ADMIN_PASSWORD": SERVER_ADMIN_PASSWORD}
    server = start_server(data_dir, environment)
    studies = []
    recoveries = []
    try:
        assert requests.put(f"{server.base_url}/data/projects/CRASH", auth=AUTH).status_code == 200
        # How long one archive takes here, so the kills land before, during and after its steps.
        calibration = make_study([S(count=INSTANCES // 2), S(count=INSTANCES // 2)], patient_id="CRASHCAL")
        studies.append(calibration)
        started = time.monotonic()
        archived = requests.post(
            f"{server.base_url}/data/services/archive", params={"src": _upload(server, calibration)}, auth=AUTH
        )
        duration = time.monotonic() - started
        assert archived.status_code == 200, archived.text
        for round_number, fraction in enumerate([0.0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.5]):
            delay = duration * fraction
            study = make_study([S(count=INSTANCES // 2), S(count=INSTANCES // 2)], patient_id=f"CRASH{round_number}")
            studies.append(study)
            source = _upload(server, study)

            def archive():
                try:
                    requests.post(f"{server.base_url}/data/services/archive", params={"src": source}, auth=AUTH, timeout=30)
                except requests.RequestException:
                    pass  # the server died under it, as intended

            worker = threading.Thread(target=archive)
            worker.start()
            time.sleep(delay)
            server.process.send_signal(signal.SIGKILL)
            server.process.wait(timeout=30)
            worker.join(timeout=30)
            server = start_server(data_dir, environment)
            recoveries.extend(
                line.split("[XNATImport] ")[-1].strip()
                for line in server.stderr.splitlines()
                if "interrupted" in line or "unfinished" in line
            )
            _check_consistent(data_dir, studies)
        print("recoveries:", recoveries)
    finally:
        server.stop()


def test_the_site_id_setting_prefixes_new_ids(tmp_path):
    server = start_server(tmp_path / "data", {"SLUICE_ADMIN_PASSWORD": SERVER_ADMIN_PASSWORD, "SLUICE_SITE_ID": "XNAT01"})
    try:
        assert requests.put(f"{server.base_url}/data/projects/SITE", auth=AUTH).status_code == 200
        study = make_study([S(count=1)], patient_id="SITEID")
        uploaded = requests.post(
            f"{server.base_url}/data/services/import",
            params={"PROJECT_ID": "SITE", "action": "commit", "AA": "true"},
            data=zip_bytes(study.files()),
            headers={"Content-Type": "application/zip"},
            auth=AUTH,
        )
        assert uploaded.status_code == 200, uploaded.text
        listing = requests.get(f"{server.base_url}/data/projects/SITE/experiments", auth=AUTH).json()
        [row] = listing["ResultSet"]["Result"]
        assert row["ID"] == "XNAT01_E00001"
        assert row["subject_ID"] == "XNAT01_S00001"
    finally:
        server.stop()
