"""The prearchive REST API after imports (xnat-import-spec §4.2, §4.3, §4.6; xnat-clients §1.4, §2.4).

Listings are XNAT ResultSet JSON with the prearchive table's columns in order; a session answers its XML (404
until built), `format=json` (its row) and `format=zip` (its folder); `action=build` and `action=commit` answer the
prearchive URI as `text/uri-list`.
"""
import io
import re
import zipfile

import pytest
import requests

from dicom_factory import S, make_study, zip_bytes
from prearchive_client import (
    ROW_COLUMNS,
    XNAT,
    PrearchiveSession,
    assert_error,
    dicom_files,
    media_type,
    uri_list,
)

LASTMOD = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,3})?")


@pytest.fixture(scope="module")
def api(sluice_api):
    sluice_api.create_project("PA")
    sluice_api.create_project("PA_OTHER")
    sluice_api.create_project("PA_AUTO", prearchive_code=4)
    sluice_api.create_project("PA_OVER", prearchive_code=5)
    return sluice_api


def upload(api, project="PA", folder=None, study=None, **params):
    study = study or make_study([S("MR", 2, number=1), S("MR", 1, number=2)], study_date="20240305")
    labels = {"PROJECT_ID": project, "SUBJECT_ID": "SUBJ", **({"EXPT_LABEL": folder} if folder else {}), **params}
    return study, api.import_one(zip_bytes(study.files()), **labels)


def is_true(value):
    return str(value).lower() == "true"


def test_a_listing_row_has_every_column_in_order_and_the_upload_values(api):
    study, session = upload(api, folder="ROW_VALUES", VISIT="v1", SUBTYPE="proto")
    rows = api.rows("PA")
    [row] = [row for row in rows if row["folderName"] == "ROW_VALUES"]
    assert list(row) == ROW_COLUMNS
    assert row["project"] == "PA"
    assert row["timestamp"] == session.timestamp
    assert row["folderName"] == row["name"] == "ROW_VALUES"
    assert row["subject"] == "SUBJ"
    assert row["tag"] == study.uid
    assert row["status"] == "RECEIVING"
    assert row["url"] == f"/prearchive/projects/PA/{session.timestamp}/ROW_VALUES"
    assert row["autoarchive"] == "Manual"
    assert row["scan_date"].startswith("2024-03-05")
    assert LASTMOD.fullmatch(row["lastmod"]), row["lastmod"]
    assert row["VISIT"] == "v1"
    assert row["PROTOCOL"] == "proto"
    assert all(isinstance(value, str) for value in row.values()), row


def test_flags_and_source_of_the_upload_are_on_the_row(api):
    _, session = upload(api, folder="FLAGS", prevent_anon="true", prevent_auto_commit="true", SOURCE="uploader")
    row = api.row(session)
    assert is_true(row["prevent_anon"]) and is_true(row["prevent_auto_commit"])
    assert row["SOURCE"] == "uploader"
    _, plain = upload(api, folder="NO_FLAGS")
    row = api.row(plain)
    assert not is_true(row["prevent_anon"]) and not is_true(row["prevent_auto_commit"])


@pytest.mark.parametrize("project, code", [("PA_AUTO", "AutoArchive"), ("PA_OVER", "AutoArchiveOverwrite")])
def test_a_new_row_takes_the_auto_archive_code_of_its_project(api, project, code):
    _, session = upload(api, project=project, folder="CODE")
    assert api.row(session)["autoarchive"] == code
    assert api.row(session)["status"] == "RECEIVING"


def test_the_project_listing_holds_only_that_projects_sessions_and_the_full_listing_all(api):
    _, here = upload(api, folder="LISTED_HERE")
    _, there = upload(api, project="PA_OTHER", folder="LISTED_THERE")
    urls = {row["url"] for row in api.rows("PA")}
    assert here.url in urls and there.url not in urls
    assert {row["project"] for row in api.rows("PA")} == {"PA"}
    every = {row["url"] for row in api.rows()}
    assert {here.url, there.url} <= every
    assert every == {row["url"] for row in api.rows(format="json")}


def test_listings_without_a_format_are_json_even_for_accept_any(api):
    response = api.http.get(api.url("/data/prearchive/projects/PA"), headers={"Accept": "*/*"})
    assert response.status_code == 200
    assert media_type(response) == "application/json"
    assert "ResultSet" in response.json()


def test_an_empty_project_lists_no_rows(api):
    api.create_project("PA_EMPTY")
    response = api.http.get(api.url("/data/prearchive/projects/PA_EMPTY"))
    result_set = response.json()["ResultSet"]
    assert (result_set["Result"], result_set["totalRecords"]) == ([], "0")


def test_unassigned_sessions_are_listed_under_unassigned(api):
    study = make_study([S("MR", 1)], patient_id="PA_UNASSIGNED")
    session = api.import_one(zip_bytes(study.files()))
    assert session.project == "Unassigned"
    [row] = api.rows_for_study(study.uid, "Unassigned")
    assert row["project"] == "Unassigned"
    assert row["url"] == f"/prearchive/projects/Unassigned/{session.timestamp}/PA_UNASSIGNED"
    assert row in api.rows()
    assert (api.data_dir / "prearchive" / session.timestamp / "PA_UNASSIGNED" / "SCANS").is_dir()


def test_an_unassigned_session_builds_and_commits_in_place(api):
    study = make_study([S("CT", 2)], patient_id="PA_UNASSIGNED_BUILD")
    session = api.import_one(zip_bytes(study.files()))
    assert session.project == "Unassigned"
    response = api.action(session, "build")
    assert response.status_code == 200, response.text
    assert uri_list(response) == [session.uri]
    assert (api.data_dir / "prearchive" / session.timestamp / "PA_UNASSIGNED_BUILD.xml").is_file()
    assert api.session_xml(session).get("UID") == study.uid
    commit = api.action(session, "commit")
    assert commit.status_code == 200, commit.text
    assert session.uri in commit.text
    assert api.row(session)["status"] == "READY"


def test_format_json_answers_the_sessions_row(api):
    _, session = upload(api, folder="AS_JSON")
    response = api.http.get(api.url(session.uri), params={"format": "json"})
    assert response.status_code == 200
    assert media_type(response) == "application/json"
    result_set = response.json()["ResultSet"]
    [row] = result_set["Result"]
    assert list(row) == ROW_COLUMNS
    assert row["url"] == session.url
    assert row in api.rows("PA")


def test_the_session_xml_is_404_until_built_then_build_answers_the_uri_and_readies_it(api):
    study, session = upload(api, folder="BUILD_ME")
    assert_error(api.http.get(api.url(session.uri)), 404)
    assert_error(api.http.get(api.url(session.uri), params={"format": "xml"}), 404)

    response = api.action(session, "build")
    assert response.status_code == 200, response.text
    assert uri_list(response) == [session.uri]
    assert api.row(session)["status"] == "READY"
    assert session.xml_path(api.data_dir).is_file()

    for params in ({}, {"format": "xml"}):
        response = api.http.get(api.url(session.uri), params=params)
        assert response.status_code == 200
        assert media_type(response) in ("text/xml", "application/xml")
        root = api.session_xml(session)
        assert root.tag == f"{{{XNAT}}}MRSession"
        assert root.get("UID") == study.uid
        assert root.get("label") == "BUILD_ME"


def test_commit_in_a_manual_project_builds_and_answers_the_prearchive_uri(api):
    study, session = upload(api, folder="COMMIT_ME")
    response = api.action(session, "commit")
    assert response.status_code == 200, response.text
    assert session.uri in response.text
    assert api.row(session)["status"] == "READY"
    assert session.xml_path(api.data_dir).is_file()
    assert api.session_xml(session).get("UID") == study.uid


def test_format_zip_answers_the_session_folder(api):
    _, session = upload(api, folder="ZIPPED")
    api.build(session)
    response = api.http.get(api.url(session.uri), params={"format": "zip"})
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        contents = {name: archive.read(name) for name in archive.namelist() if not name.endswith("/")}
    stored = dicom_files(api.directory(session))
    assert stored
    for relative, path in stored.items():
        matches = [name for name in contents if name == relative or name.endswith("/" + relative)]
        assert len(matches) == 1, (relative, sorted(contents))
        assert contents[matches[0]] == path.read_bytes()
    assert any(name.endswith("_catalog.xml") for name in contents), sorted(contents)


def test_an_upload_after_a_build_reopens_the_session(api):
    study = make_study([S("MR", 1, number=1), S("MR", 1, number=2)])
    _, session = upload(api, folder="REOPENED", study=study.only(0))
    api.build(session)
    assert api.row(session)["status"] == "READY"
    _, again = upload(api, folder="REOPENED", study=study.only(1))
    assert again == session
    assert api.row(session)["status"] == "RECEIVING"


def test_a_missing_session_is_a_404(api):
    missing = PrearchiveSession("PA", "20200101_000000000", "NOT_THERE")
    assert_error(api.http.get(api.url(missing.uri)), 404)
    assert_error(api.http.get(api.url(missing.uri), params={"format": "json"}), 404)


def test_prearchive_listings_need_a_login(api):
    response = requests.get(api.url("/data/prearchive/projects"), timeout=30)
    assert_error(response, 401)
