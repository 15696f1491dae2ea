"""Browsing a prearchive session the way xnatpy's `PrearchiveSession` does (xnat-clients §1.4, §2.4).

`.scans` → `GET <uri>/scans?columns=ID,URI,series_description&format=json`; `scan.resources` →
`GET <uri>/scans/<id>/resources?columns=ID,URI,label&format=json`; `resource.files` →
`GET …/resources/DICOM/files?columns=ID,URI,name&format=json`; `file.open()` → `GET <row URI>`; `scan.download()`
→ `GET <scan uri>?format=zip`. Also XNAT's rest-tests fetch of `…/scans/<id>/resources/DICOM/files/<name>`
(xnat-import-spec §4.6).
"""
import io
import zipfile

import pytest

from dicom_factory import S, default_name, make_study, part10, zip_bytes
from prearchive_client import assert_error, md5, media_type


@pytest.fixture(scope="module")
def api(sluice_api):
    sluice_api.create_project("PB")
    return sluice_api


@pytest.fixture(scope="module")
def built(api):
    """A committed (built, not archived) session of two series: 3 images in scan 4, 1 in scan 7."""
    study = make_study([S("MR", 3, number=4, description="T1 MPRAGE"), S("MR", 1, number=7, description="Loc")])
    session = api.import_one(
        zip_bytes(study.files()), PROJECT_ID="PB", SUBJECT_ID="SUBJ", EXPT_LABEL="BROWSE", action="commit"
    )
    return study, session


def get_json(api, path, **params):
    response = api.http.get(api.url(path), params={**params, "format": "json"}, timeout=60)
    assert response.status_code == 200, (path, response.status_code, response.text)
    assert media_type(response) == "application/json"
    return response.json()["ResultSet"]["Result"]


def by_name(study):
    """Client file name → (series number, Part-10 bytes)."""
    return {default_name(ds): (int(ds.SeriesNumber), part10(ds)) for ds in study.datasets}


def test_scans_listing_has_the_fields_xnatpy_reads(api, built):
    study, session = built
    rows = get_json(api, f"{session.uri}/scans", columns="ID,URI,series_description")
    assert [row["ID"] for row in rows] == ["4", "7"]
    assert [row["series_description"] for row in rows] == ["T1 MPRAGE", "Loc"]
    assert [row["URI"] for row in rows] == [f"{session.uri}/scans/4", f"{session.uri}/scans/7"]
    assert all(row["xsiType"] == "xnat:mrScanData" for row in rows)
    assert all(isinstance(value, str) for row in rows for value in row.values())
    [one] = get_json(api, f"{session.uri}/scans/7")
    assert one["ID"] == "7" and one["series_description"] == "Loc"


def test_resources_listing_counts_the_catalog(api, built):
    study, session = built
    rows = get_json(api, f"{session.uri}/scans/4/resources", columns="ID,URI,label")
    assert [row["label"] for row in rows] == ["DICOM"]
    [row] = rows
    sizes = [len(data) for number, data in by_name(study).values() if number == 4]
    assert row["file_count"] == "3"
    assert row["file_size"] == str(sum(sizes))
    assert row["URI"] == f"{session.uri}/scans/4/resources/DICOM"


def test_files_open_to_the_uploaded_bytes(api, built):
    study, session = built
    expected = by_name(study)
    for scan in ("4", "7"):
        rows = get_json(api, f"{session.uri}/scans/{scan}/resources/DICOM/files", columns="ID,URI,name")
        assert sorted(row["Name"] for row in rows) == sorted(
            name for name, (number, _) in expected.items() if str(number) == scan
        )
        for row in rows:
            assert "/files/" in row["URI"]
            assert row["URI"] == f"{session.uri}/scans/{scan}/resources/DICOM/files/{row['Name']}"
            data = expected[row["Name"]][1]
            assert row["Size"] == str(len(data))
            # file.open(): the row URI verbatim, streamed
            response = api.http.get(api.url(row["URI"]), stream=True, timeout=60)
            assert response.status_code == 200
            body = b"".join(response.iter_content(4096))
            assert body == data
            path = api.directory(session) / "SCANS" / scan / "DICOM" / row["Name"]
            assert row["digest"] == md5(path)
    # the same file under /REST
    name = next(name for name, (number, _) in expected.items() if number == 7)
    response = api.http.get(api.url(f"/REST{session.url}/scans/7/resources/DICOM/files/{name}"), timeout=60)
    assert response.status_code == 200 and response.content == expected[name][1]


def test_scan_download_is_a_zip_of_the_scan(api, built):
    study, session = built
    response = api.http.get(api.url(f"{session.uri}/scans/4"), params={"format": "zip"}, timeout=60)
    assert response.status_code == 200
    assert media_type(response) == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert archive.testzip() is None
    expected = {name: data for name, (number, data) in by_name(study).items() if number == 4}
    prefix = f"{session.folder}/SCANS/4/DICOM/"
    names = archive.namelist()
    assert all(name.startswith(f"{session.folder}/SCANS/4/") for name in names), names
    for name, data in expected.items():
        assert archive.read(prefix + name) == data


def test_resource_files_download_is_a_zip_of_the_files(api, built):
    study, session = built
    response = api.http.get(
        api.url(f"{session.uri}/scans/7/resources/DICOM/files"), params={"format": "zip"}, timeout=60
    )
    assert response.status_code == 200
    assert media_type(response) == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    expected = {name: data for name, (number, data) in by_name(study).items() if number == 7}
    assert sorted(archive.namelist()) == sorted(f"{session.folder}/SCANS/7/DICOM/{name}" for name in expected)
    for name, data in expected.items():
        assert archive.read(f"{session.folder}/SCANS/7/DICOM/{name}") == data


@pytest.mark.parametrize(
    "suffix",
    [
        "/scans/99",
        "/scans/99/resources",
        "/scans/4/resources/secondary/files",
        "/scans/4/resources/DICOM/files/nothere.dcm",
        "/scans/4/resources/DICOM/files/scan_4_catalog.xml",
        "/scans/4/resources/DICOM/files/..%2F..%2F..%2FBROWSE.xml",
    ],
)
def test_unknown_scans_resources_and_files_are_plain_404s(api, built, suffix):
    _, session = built
    assert_error(api.http.get(api.url(session.uri + suffix), timeout=60), 404)


def test_an_unbuilt_session_has_nothing_to_browse(api):
    study = make_study([S("MR", 1, number=3)])
    session = api.import_one(zip_bytes(study.files()), PROJECT_ID="PB", SUBJECT_ID="SUBJ", EXPT_LABEL="UNBUILT")
    for suffix in ("/scans", "/scans/3", "/scans/3/resources", "/scans/3/resources/DICOM/files"):
        response = api.http.get(api.url(session.uri + suffix), params={"format": "json"}, timeout=60)
        assert_error(response, 404)
        assert "session document is not available" in response.text
