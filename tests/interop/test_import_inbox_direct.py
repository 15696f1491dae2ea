"""The `inbox` handler and `Direct-Archive=true` (xnat-import-spec §2.5, §2.7), driven over HTTP against a real
server: server-side folders and zips polled to completion at `/xapi/dicom/{id}`, and direct-archive sessions
archived through `/xapi/direct-archive/…`, with the fall back to the prearchive on conflict.
"""
import pathlib
import time

import pytest
import requests

from archive_client import archived_files
from conftest import SERVER_ADMIN_PASSWORD
from dicom_factory import S, make_study, part10, zip_bytes

ADMIN = ("admin", SERVER_ADMIN_PASSWORD)


@pytest.fixture(scope="module")
def projects(sluice_api):
    for project in ("INBOX", "DIRECT"):
        sluice_api.create_project(project)
    return sluice_api


def poll(api, uri):
    """The inbox request at `uri` once it is Completed or Failed."""
    deadline = time.monotonic() + 60
    while True:
        response = requests.get(api.url(uri), auth=ADMIN)
        assert response.status_code == 200, response.text
        request = response.json()
        if request["status"] in ("Completed", "Failed"):
            return request
        assert time.monotonic() < deadline, request
        time.sleep(0.2)


def prearchive_rows(api, project):
    response = requests.get(api.url(f"/data/prearchive/projects/{project}"), auth=ADMIN)
    assert response.status_code == 200, response.text
    return response.json()["ResultSet"]["Result"]


def test_an_inbox_folder_is_imported_and_polled(projects):
    study = make_study([S("MR", 3, number=1), S("MR", 2, number=2)], patient_id="INBOX_FOLDER")
    folder = pathlib.Path(projects.data_dir) / "inbox" / "INBOX" / "visit1"
    for index, dataset in enumerate(study.datasets):
        path = folder / f"series{dataset.SeriesNumber}" / f"{index}.dcm"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(part10(dataset))
    (folder / "notes.txt").write_text("not DICOM")
    response = requests.post(
        projects.url("/data/services/import"),
        params={"import-handler": "inbox", "path": str(folder), "EXPT_LABEL": "INBOX_MR1"},
        auth=ADMIN,
    )
    assert response.status_code == 200, response.text
    uri = response.text.strip()
    assert uri.startswith("/xapi/dicom/"), uri
    request = poll(projects, uri)
    assert request["status"] == "Completed", request
    assert request["username"] == "admin" and request["cleanupAfterImport"] is True
    assert request["parameters"]["PROJECT_ID"] == "INBOX"
    assert request["sessionPath"] == str(folder.resolve())
    assert not folder.exists()
    rows = [row for row in prearchive_rows(projects, "INBOX") if row["tag"] == study.uid]
    assert len(rows) == 1 and rows[0]["name"] == "INBOX_MR1", rows


def test_an_inbox_zip_is_imported_and_kept(projects):
    study = make_study([S("MR", 2, number=1)], patient_id="INBOX_ZIP")
    file = pathlib.Path(projects.data_dir) / "inbox" / "INBOX" / "study.zip"
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(zip_bytes([(f"{i}.dcm", part10(ds)) for i, ds in enumerate(study.datasets)]))
    response = requests.post(
        projects.url("/data/services/import"),
        params={"import-handler": "inbox", "path": "INBOX/study.zip", "cleanupAfterImport": "false"},
        auth=ADMIN,
    )
    assert response.status_code == 200, response.text
    request = poll(projects, response.text.strip())
    assert request["status"] == "Completed", request
    assert file.exists()
    assert [row for row in prearchive_rows(projects, "INBOX") if row["tag"] == study.uid]


def test_inbox_paths_outside_a_project_folder_are_refused(projects):
    for path in ("/etc/passwd", str(pathlib.Path(projects.data_dir) / "inbox" / ".." / "archive"), "INBOX"):
        response = requests.post(
            projects.url("/data/services/import"), params={"import-handler": "inbox", "path": path}, auth=ADMIN
        )
        assert response.status_code == 400, (path, response.text)


def send_direct(api, study):
    answers = set()
    for dataset in study.datasets:
        response = requests.post(
            api.url("/data/services/import"),
            params={
                "import-handler": "gradual-DICOM", "PROJECT_ID": "DIRECT", "SUBJECT_ID": "DIRECT_SUBJ",
                "EXPT_LABEL": "DIRECT_MR1", "Direct-Archive": "true",
            },
            data=part10(dataset),
            headers={"Content-Type": "application/dicom"},
            auth=ADMIN,
        )
        assert response.status_code == 200, response.text
        answers.add(response.text.strip())
    return answers


def test_direct_archive_and_its_conflict(projects):
    study = make_study([S("MR", 3, number=1)], patient_id="DIRECT_SUBJ")
    answers = send_direct(projects, study)
    uri = f"/xapi/direct-archive/DIRECT/{study.uid}/DIRECT_MR1"
    assert answers == {uri}
    assert prearchive_rows(projects, "DIRECT") == []
    assert requests.get(projects.url(uri), auth=ADMIN).json()["name"] == "DIRECT_MR1"
    archived = requests.post(projects.url(uri), auth=ADMIN)
    assert (archived.status_code, archived.text) == (200, "/data/archive/projects/DIRECT/subjects/DIRECT_SUBJ/experiments/DIRECT_MR1")
    assert len(archived_files(projects.data_dir, "DIRECT", "DIRECT_MR1")) == 3

    # The same instances again conflict with the archived session: the session falls back to the prearchive.
    assert send_direct(projects, study) == {uri}
    conflict = requests.post(projects.url(uri), auth=ADMIN)
    assert conflict.status_code == 409, conflict.text
    rows = prearchive_rows(projects, "DIRECT")
    assert [row["status"] for row in rows] == ["CONFLICT"], rows
    logs = list(pathlib.Path(projects.data_dir, "prearchive", "DIRECT").rglob("*.log"))
    assert any("Attempt to direct-archive failed" in log.read_text() for log in logs), logs
    assert len(archived_files(projects.data_dir, "DIRECT", "DIRECT_MR1")) == 3
