"""How the import service refuses uploads (xnat-import-spec §1.3, §1.4, §1.8, §2.1, §2.2).

Errors are plain text with XNAT's message (exactly, except that "unable to read DICOM object <name>" may be
followed by ": <reason>"); a refused zip leaves nothing of itself in the prearchive.
"""
import base64
import socket
import time
import urllib.parse
import zipfile
from copy import deepcopy

import pytest
import requests

from dicom_factory import S, make_study, part10, raw_dataset, without_sop_instance_uid, zip_bytes
from prearchive_client import ADMIN, assert_error, dicom_files, expected_paths, stored_uids


@pytest.fixture(scope="module")
def api(sluice_api):
    sluice_api.create_project("ERR")
    return sluice_api


def prearchive_files(api):
    root = api.data_dir / "prearchive"
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def test_an_unknown_import_handler_is_a_404(api):
    study = make_study([S("MR", 1)])
    response = api.post_import(
        params={"import-handler": "bogus-handler", "PROJECT_ID": "ERR"},
        data=zip_bytes(study.files()),
        content_type="application/zip",
    )
    assert_error(response, 404, "Unknown importer implementation specified: bogus-handler")


def test_handler_names_are_case_sensitive(api):
    study = make_study([S("MR", 1)])
    response = api.post_import(
        params={"import-handler": "dicom-zip"}, data=zip_bytes(study.files()), content_type="application/zip"
    )
    assert_error(response, 404, "Unknown importer implementation specified: dicom-zip")


@pytest.mark.parametrize("params", [{}, {"import-handler": "DICOM-zip"}, {"import-handler": "gradual-DICOM"}])
def test_a_post_without_an_upload_is_refused(api, params):
    response = api.post_import(params={"PROJECT_ID": "ERR", **params})
    assert_error(response, 400, "Unable to identify upload format.")


def test_a_multipart_post_with_only_form_fields_is_refused(api):
    response = api.post_import(files={"PROJECT_ID": (None, "ERR"), "import-handler": (None, "DICOM-zip")})
    assert_error(response, 400, "Unable to identify upload format.")


def test_two_uploaded_files_are_refused(api):
    first, second = make_study([S("MR", 1)]), make_study([S("MR", 1)])
    before = prearchive_files(api)
    response = api.post_import(
        params={"import-handler": "DICOM-zip", "PROJECT_ID": "ERR"},
        files=[
            ("file", ("one.zip", zip_bytes(first.files()), "application/zip")),
            ("file", ("two.zip", zip_bytes(second.files()), "application/zip")),
        ],
    )
    assert_error(response, 400, "Importer is limited to one uploaded resource at a time.")
    assert prearchive_files(api) == before


def test_an_unparsable_zip_entry_refuses_the_whole_upload_and_leaves_nothing(api):
    study = make_study([S("MR", 3)], patient_id="UNPARSABLE")
    files = study.files()
    entries = files[:2] + [("docs/non_dicom_text_file.dcm", b"this is not DICOM\n")] + files[2:]
    before = prearchive_files(api)
    response = api.post_import(
        params={"import-handler": "DICOM-zip", "PROJECT_ID": "ERR"},
        data=zip_bytes(entries),
        content_type="application/zip",
    )
    assert_error(response, 400, "unable to read DICOM object non_dicom_text_file.dcm", detail=True)
    assert prearchive_files(api) == before
    assert api.rows_for_study(study.uid) == []


@pytest.mark.parametrize("flag", [{"Ignore-Unparsable": "true"}, {"action": "commit"}])
def test_ignore_unparsable_or_commit_skips_entries_that_are_not_dicom(api, flag):
    study = make_study([S("MR", 2)])
    entries = [("README.txt", b"notes\n"), *study.files(), ("junk.dcm", b"\0" * 300)]
    response = api.post_import(
        params={"PROJECT_ID": "ERR", "EXPT_LABEL": "SKIPPED_" + "_".join(flag).replace("-", "_"), **flag},
        data=zip_bytes(entries),
        content_type="application/zip",
    )
    [session] = api.imported(response)
    assert stored_uids(api.directory(session)) == expected_paths(study)


def test_a_zip_of_nothing_but_unparsable_entries_reports_the_last_one(api):
    before = prearchive_files(api)
    response = api.post_import(
        params={"PROJECT_ID": "ERR", "Ignore-Unparsable": "true"},
        data=zip_bytes([("a.txt", b"first"), ("b.txt", b"second")]),
        content_type="application/zip",
    )
    assert_error(response, 400, "unable to read DICOM object b.txt", detail=True)
    assert prearchive_files(api) == before


@pytest.mark.parametrize("body", ["text", "zip"])
def test_gradual_dicom_refuses_a_body_that_is_not_dicom(api, body):
    data = b"plain text, not DICOM " * 20 if body == "text" else zip_bytes(make_study([S("MR", 1)]).files())
    before = prearchive_files(api)
    response = api.post_import(
        params={"import-handler": "gradual-DICOM", "PROJECT_ID": "ERR"}, data=data, content_type="application/dicom"
    )
    assert_error(response, 400)
    assert prearchive_files(api) == before


def _no_sop_instance_uid_anywhere(ds):
    ds = deepcopy(ds)
    del ds.SOPInstanceUID
    return raw_dataset(ds)


@pytest.mark.parametrize(
    "encode",
    [_no_sop_instance_uid_anywhere, without_sop_instance_uid],
    ids=["raw-data-set", "part10-with-the-uid-only-in-file-meta"],
)
def test_an_object_without_a_sop_instance_uid_is_refused(api, encode):
    # The file meta's MediaStorageSOPInstanceUID (0002,0003) is not the object's SOPInstanceUID (0008,0018).
    study = make_study([S("MR", 1)])
    before = prearchive_files(api)
    response = api.post_import(
        params={"PROJECT_ID": "ERR"}, data=encode(study.datasets[0]), content_type="application/dicom"
    )
    assert_error(response, 400)
    assert "SOP Instance UID" in response.text
    assert prearchive_files(api) == before


@pytest.mark.parametrize("dest", ["/nowhere/at/all", "not-a-uri"])
def test_a_malformed_dest_is_refused(api, dest):
    study = make_study([S("MR", 1)])
    response = api.post_import(params={"dest": dest}, data=zip_bytes(study.files()), content_type="application/zip")
    assert_error(response, 400, "Parameter dest format error")


def test_an_anonymous_import_is_a_plain_text_401(api):
    study = make_study([S("MR", 1)])
    before = prearchive_files(api)
    response = api.post_import(
        params={"PROJECT_ID": "ERR"}, data=zip_bytes(study.files()), content_type="application/zip", auth=None
    )
    assert_error(response, 401)
    assert response.headers.get("WWW-Authenticate") == 'Basic realm="XNAT"'
    assert prearchive_files(api) == before


def test_an_import_with_a_wrong_password_is_a_plain_text_401(api):
    study = make_study([S("MR", 1)])
    response = api.post_import(
        params={"PROJECT_ID": "ERR"},
        data=part10(study.datasets[0]),
        content_type="application/dicom",
        auth=("admin", "wrong"),
    )
    assert_error(response, 401)


def test_an_anonymous_chunked_upload_is_answered_401_without_hanging(api):
    study = make_study([S("MR", 2)])
    body = zip_bytes(study.files())

    def chunks():
        for start in range(0, len(body), 512):
            yield body[start : start + 512]

    response = requests.post(
        api.url("/data/services/import"),
        params={"PROJECT_ID": "ERR"},
        data=chunks(),
        headers={"Content-Type": "application/zip"},
        timeout=30,
    )
    assert_error(response, 401)


def test_an_upload_aborted_midway_leaves_no_truncated_file_and_the_server_carries_on(api):
    study = make_study([S("MR", 20, number=1)], patient_id="ABORTED")
    body = zip_bytes(study.files(), compression=zipfile.ZIP_STORED)
    cut = len(body) // 2
    address = urllib.parse.urlsplit(api.base_url)
    with socket.create_connection((address.hostname, address.port), timeout=30) as connection:
        credentials = base64.b64encode(f"{ADMIN[0]}:{ADMIN[1]}".encode()).decode()
        head = (
            "POST /data/services/import?PROJECT_ID=ERR HTTP/1.1\r\n"
            f"Host: {address.netloc}\r\n"
            f"Authorization: Basic {credentials}\r\n"
            "Content-Type: application/zip\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        )
        connection.sendall(head.encode() + body[:cut])
        time.sleep(0.5)
    time.sleep(1.0)
    # Whatever the server kept of the aborted upload, each file is one whole instance (files are stored as sent).
    originals = {data for _, data in study.files()}
    for folder in (api.data_dir / "prearchive" / "ERR").glob("*/ABORTED"):
        for path in dicom_files(folder).values():
            assert path.read_bytes() in originals, f"{path} is not a whole instance"
    session = api.import_one(zip_bytes(study.files()), PROJECT_ID="ERR")
    assert stored_uids(api.directory(session)) == expected_paths(study)
