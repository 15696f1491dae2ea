"""The rest of the import service (xnat-import-spec §8, §9, §10, §11): XAR import, the user cache with `src`,
background imports polled through `/data/status` and `/xapi/event_tracking`, and the catalog refresh — driven
over HTTP with `requests` against a real server, checked on disk.
"""
import hashlib
import io
import pathlib
import time
import zipfile

import pytest
import requests

from archive_client import ArchivedSession, Archiver, archived_files, session_folder
from conftest import SERVER_ADMIN_PASSWORD
from dicom_factory import S, make_study

ADMIN = ("admin", SERVER_ADMIN_PASSWORD)


@pytest.fixture(scope="module")
def arc(sluice_api):
    for project in ("XSRC", "XDST", "CACHE", "REFR"):
        sluice_api.create_project(project)
    return Archiver(sluice_api)


def xar_of(folder, *, prefix=""):
    """A zip of every file of an archived session folder, its document at the top (a XAR as XNAT exports one)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(pathlib.Path(folder).rglob("*")):
            if path.is_file():
                archive.write(path, prefix + str(path.relative_to(folder)))
    return buffer.getvalue()


def md5s(folder):
    return {
        str(path.relative_to(folder)): hashlib.md5(path.read_bytes()).hexdigest()
        for path in pathlib.Path(folder).rglob("*")
        if path.is_file() and not path.name.endswith(".xml")
    }


def post_xar(api, data, **params):
    return api.post_import(params={"import-handler": "XAR", **params}, data=data, content_type="application/zip")


def test_an_exported_session_imports_into_another_project_as_an_equal_session(arc, sluice_api):
    study = make_study([S("MR", 3, number=1), S("MR", 2, number=2)], patient_id="XAR_SUBJ")
    archived = arc.import_to_archive(
        study.datasets, dest="/archive", project="XSRC", subject="XAR_SUBJ", session="XAR_MR1"
    )
    source = session_folder(sluice_api.data_dir, "XSRC", "XAR_MR1")
    response = post_xar(sluice_api, xar_of(source, prefix="XAR_MR1/"), project="XDST")
    assert response.status_code == 200, response.text
    uri = response.text.strip()
    assert uri.startswith("/data/archive/experiments/"), uri
    item = requests.get(sluice_api.url(uri), params={"format": "json"}, auth=ADMIN).json()["items"][0]
    assert item["meta"]["xsi:type"] == "xnat:mrSessionData"
    assert item["data_fields"]["project"] == "XDST"
    assert item["data_fields"]["label"] == "XAR_MR1"
    assert item["data_fields"]["ID"] != ArchivedSession.parse(archived.uri).label
    copy = session_folder(sluice_api.data_dir, "XDST", "XAR_MR1")
    assert md5s(copy) == md5s(source)
    subjects = requests.get(sluice_api.url("/data/projects/XDST/subjects"), auth=ADMIN).json()
    assert [row["label"] for row in subjects["ResultSet"]["Result"]] == ["XAR_SUBJ"]
    scans = requests.get(sluice_api.url(uri + "/scans"), auth=ADMIN).json()["ResultSet"]["Result"]
    assert sorted(row["ID"] for row in scans) == ["1", "2"]

    again = post_xar(sluice_api, xar_of(source), project="XDST")
    assert again.status_code == 409, again.text
    replaced = post_xar(sluice_api, xar_of(source), project="XDST", overwrite="delete")
    assert replaced.status_code == 200, replaced.text
    assert replaced.text.strip() == uri


@pytest.mark.parametrize(
    "entries, status, message",
    [
        ({"a.txt": b"no document"}, 400, "Unable to locate XNAT xml document."),
        ({}, 400, None),
        ({"s.xml": b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>"}, 400, None),
    ],
)
def test_xar_errors(arc, sluice_api, entries, status, message):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    response = post_xar(sluice_api, buffer.getvalue(), project="XDST")
    assert response.status_code == status, response.text
    if message:
        assert response.text == message


def test_xar_errors_on_documents(arc, sluice_api):
    study = make_study([S("MR", 2, number=1)], patient_id="XAR_ERR")
    arc.import_to_archive(study.datasets, dest="/archive", project="XSRC", subject="XAR_ERR", session="XAR_ERR1")
    source = session_folder(sluice_api.data_dir, "XSRC", "XAR_ERR1")
    document = (source / "XAR_ERR1.xml").read_text()

    def xar(**replaced):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for path in sorted(source.rglob("*")):
                if path.is_file() and path.name != "XAR_ERR1.xml":
                    archive.write(path, str(path.relative_to(source)))
            for name, text in replaced.items():
                archive.writestr(name, text)
        return buffer.getvalue()

    bad_project = post_xar(sluice_api, xar(**{"s.xml": document.replace('project="XSRC"', 'project="NOPE"')}))
    assert (bad_project.status_code, bad_project.text) == (400, "Could not process XAR file - Invalid project tag.")
    two = post_xar(sluice_api, xar(**{"a.xml": document, "b.xml": document}), project="XDST")
    assert (two.status_code, two.text) == (400, "XAR can only include data for one imaging session.")
    catalog = next(source.rglob("scan_1_catalog.xml"))
    broken = document.replace(str(catalog.relative_to(source)), "SCANS/1/DICOM/missing_catalog.xml")
    missing = post_xar(sluice_api, xar(**{"s.xml": broken}), project="XDST")
    assert missing.status_code == 400 and "missing_catalog.xml" in missing.text, missing.text
    assert not session_folder(sluice_api.data_dir, "XDST", "XAR_ERR1").exists()


def cache_put(api, name, data, auth=ADMIN):
    response = requests.put(api.url(f"/data/user/cache/resources/up/files/{name}"), data=data, auth=auth)
    assert response.status_code == 200, response.text


def test_user_cache_src_listener_flow(arc, sluice_api):
    # TestImport.testUserCacheUploadAndImport: PUT to the cache, import with src + http-session-listener + dest.
    study = make_study([S("MR", 3, number=1)], patient_id="CACHE_SUBJ")
    cache_put(sluice_api, "mr_1.zip", _zip(study))
    listener = f"job{time.time_ns()}"
    response = requests.post(
        sluice_api.url("/data/services/import"),
        params={
            "src": "/user/cache/resources/up/files/mr_1.zip",
            "http-session-listener": listener,
            "dest": "/archive/projects/CACHE/subjects/CACHE_SUBJ/experiments/CACHE_MR1",
        },
        auth=ADMIN,
    )
    assert (response.status_code, response.text) == (200, "Submitted for archival")
    deadline = time.monotonic() + 60
    while True:
        tracking = requests.get(sluice_api.url(f"/xapi/event_tracking/{listener}"), auth=ADMIN)
        if tracking.status_code == 200 and tracking.json()["succeeded"] is not None:
            break
        assert time.monotonic() < deadline, tracking.text
        time.sleep(0.2)
    assert tracking.json()["succeeded"] is True, tracking.text
    assert tracking.json()["finalMessage"] == "Archive:/archive/projects/CACHE/subjects/CACHE_SUBJ/experiments/CACHE_MR1"
    status = requests.get(sluice_api.url(f"/data/status/{listener}"), params={"format": "json"}, auth=ADMIN).json()
    assert status["msgs"][0][-1]["status"] == "COMPLETED" and status["msgs"][0][-1]["terminal"] is True
    assert len(archived_files(sluice_api.data_dir, "CACHE", "CACHE_MR1")) == 3

    # Another user sees neither the status list nor the event-tracking record.
    created = requests.post(
        sluice_api.url("/xapi/users"),
        json={"username": "cacheother", "password": "other-password-1", "email": "other@example.org"},
        auth=ADMIN,
    )
    assert created.status_code == 201, created.text
    other = ("cacheother", "other-password-1")
    assert requests.get(sluice_api.url(f"/xapi/event_tracking/{listener}"), auth=other).status_code == 404
    assert requests.get(sluice_api.url(f"/data/status/{listener}"), auth=other).status_code == 404


def _zip(study):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index, dataset in enumerate(study.datasets):
            stream = io.BytesIO()
            dataset.save_as(stream, enforce_file_format=True)
            archive.writestr(f"{index}.dcm", stream.getvalue())
    return buffer.getvalue()


def test_two_src_values_in_one_call(arc, sluice_api):
    first = make_study([S("MR", 2, number=1)], patient_id="TWO_A")
    second = make_study([S("MR", 2, number=1)], patient_id="TWO_B")
    cache_put(sluice_api, "a.zip", _zip(first))
    cache_put(sluice_api, "b.zip", _zip(second))
    response = requests.post(
        sluice_api.url("/data/services/import"),
        params={
            "src": "/user/cache/resources/up/files/a.zip,/user/cache/resources/up/files/b.zip",
            "import-handler": "DICOM-zip",
            "PROJECT_ID": "CACHE",
        },
        auth=ADMIN,
    )
    assert response.status_code == 200, response.text
    lines = [line for line in response.text.splitlines() if line]
    assert len(lines) == 2 and all(line.startswith("/data/prearchive/projects/CACHE/") for line in lines), lines


def test_catalog_refresh_after_hand_edits(arc, sluice_api):
    study = make_study([S("MR", 3, number=1)], patient_id="REFR_SUBJ")
    arc.import_to_archive(study.datasets, dest="/archive", project="REFR", subject="REFR_SUBJ", session="REFR_MR1")
    folder = session_folder(sluice_api.data_dir, "REFR", "REFR_MR1")
    dicom = next(folder.rglob("scan_1_catalog.xml")).parent
    victim = sorted(p for p in dicom.iterdir() if p.suffix == ".dcm")[0]
    victim.unlink()
    (dicom / "extra.txt").write_text("added by hand")
    response = requests.post(
        sluice_api.url("/data/services/refresh/catalog"),
        params={"resource": "/archive/projects/REFR/subjects/REFR_SUBJ/experiments/REFR_MR1", "options": "append,delete,checksum,populateStats"},
        auth=ADMIN,
    )
    assert response.status_code == 200, response.text
    files = requests.get(
        sluice_api.url("/data/projects/REFR/experiments/REFR_MR1/scans/1/resources/DICOM/files"), auth=ADMIN
    ).json()["ResultSet"]["Result"]
    names = sorted(row["Name"] for row in files)
    assert victim.name not in names and "extra.txt" in names
    extra = next(row for row in files if row["Name"] == "extra.txt")
    assert extra["digest"] == hashlib.md5(b"added by hand").hexdigest()


SCAN_XML = """<?xml version="1.0" encoding="UTF-8"?>
<xnat:MRScan ID="9" type="T1" xmlns:xnat="http://nrg.wustl.edu/xnat" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <xnat:image_session_ID>{session}</xnat:image_session_ID>
  <xnat:series_description>from a XAR</xnat:series_description>
  <xnat:file xsi:type="xnat:resourceCatalog" label="DICOM" URI="DICOM/{catalog}" format="DICOM" content="RAW"/>
</xnat:MRScan>
"""


def test_a_scan_xar_adds_a_scan_to_an_existing_session(arc, sluice_api):
    study = make_study([S("MR", 3, number=1)], patient_id="XAR_SCAN")
    arc.import_to_archive(study.datasets, dest="/archive", project="XSRC", subject="XAR_SCAN", session="XAR_SCAN1")
    dicom = next(session_folder(sluice_api.data_dir, "XSRC", "XAR_SCAN1").rglob("scan_1_catalog.xml")).parent
    created = requests.put(
        sluice_api.url("/data/projects/XDST/subjects/XAR_SCAN/experiments/XAR_TARGET"),
        params={"xsiType": "xnat:mrSessionData"},
        auth=ADMIN,
    )
    if created.status_code == 404:  # the subject first
        requests.put(sluice_api.url("/data/projects/XDST/subjects/XAR_SCAN"), auth=ADMIN)
        created = requests.put(
            sluice_api.url("/data/projects/XDST/subjects/XAR_SCAN/experiments/XAR_TARGET"),
            params={"xsiType": "xnat:mrSessionData"},
            auth=ADMIN,
        )
    assert created.status_code == 201, created.text
    session_id = created.text.strip()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("scan.xml", SCAN_XML.format(session=session_id, catalog="scan_1_catalog.xml"))
        for path in sorted(dicom.iterdir()):
            archive.write(path, "DICOM/" + path.name)
    response = post_xar(sluice_api, buffer.getvalue())
    assert (response.status_code, response.text.strip()) == (200, f"/data/archive/experiments/{session_id}")
    files = requests.get(
        sluice_api.url(f"/data/experiments/{session_id}/scans/9/resources/DICOM/files"), auth=ADMIN
    ).json()["ResultSet"]["Result"]
    assert len(files) == 3 and all(len(row["digest"]) == 32 for row in files)
    again = post_xar(sluice_api, buffer.getvalue())
    assert again.status_code == 409, again.text
