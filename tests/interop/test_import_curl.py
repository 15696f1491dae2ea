"""Imports sent by real `curl`, as shell scripts do (xnat-clients §7).

`--form file=@series.zip` (multipart), `--data-binary @x -H 'Content-Type: …'` (raw body, fixed length or
chunked, with `Expect: 100-continue`), and the NRG `xnatimport` conversation: cookie-jar probe (401), login,
one multipart upload per series, then `POST <uri>?action=commit&SOURCE=script`.
"""
import shutil

import pytest

from conftest import SERVER_ADMIN_PASSWORD
from curl_client import Reply, run_curl
from dicom_factory import S, make_study, part10, tar_bytes, template_name, zip_bytes
from prearchive_client import PrearchiveSession, expected_paths, stored_uids

pytestmark = pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")

ADMIN = f"admin:{SERVER_ADMIN_PASSWORD}"


class ImportReply(Reply):
    def sessions(self):
        assert self.status == 200, (self.status, self.body)
        assert self.media_type == "text/uri-list"
        assert self.body.endswith("\r\n"), repr(self.body)
        return [PrearchiveSession.parse(line) for line in self.body.split("\r\n")[:-1]]


@pytest.fixture(scope="module")
def api(sluice_api):
    sluice_api.create_project("CURL")
    return sluice_api


@pytest.fixture
def curl(api, tmp_path):
    def run(path, *options):
        return run_curl(api.base_url + path, *options, folder=tmp_path, timeout=120, reply=ImportReply)

    return run


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_multipart_form_upload_of_a_series_zip(curl, api, tmp_path):
    study = make_study([S("MR", 3, number=2)])
    archive = write(tmp_path, "series.zip", zip_bytes(study.files()))
    reply = curl(
        "/data/services/import?import-handler=DICOM-zip&PROJECT_ID=CURL&SUBJECT_ID=C1&EXPT_LABEL=C1_FORM",
        "-u",
        ADMIN,
        "-X",
        "POST",
        "--form",
        f"file=@{archive}",
    )
    [session] = reply.sessions()
    assert (session.project, session.folder) == ("CURL", "C1_FORM")
    assert stored_uids(api.directory(session)) == expected_paths(study)


def test_data_binary_zip_with_a_content_type(curl, api, tmp_path):
    study = make_study([S("CT", 2, number=1), S("CT", 2, number=2)])
    archive = write(tmp_path, "study.zip", zip_bytes(study.files(folder=lambda s: f"series{s.number}")))
    reply = curl(
        "/data/services/import?PROJECT_ID=CURL&SUBJECT_ID=C2&EXPT_LABEL=C2_BINARY",
        "-u",
        ADMIN,
        "--data-binary",
        f"@{archive}",
        "-H",
        "Content-Type: application/zip",
    )
    [session] = reply.sessions()
    assert stored_uids(api.directory(session)) == expected_paths(study)


def test_chunked_data_binary_with_expect_100_continue(curl, api, tmp_path):
    study = make_study([S("MR", 4, number=9)])
    archive = write(tmp_path, "chunked.zip", zip_bytes(study.files()))
    reply = curl(
        "/REST/services/import?PROJECT_ID=CURL&EXPT_LABEL=C3_CHUNKED&rename=true",
        "-u",
        ADMIN,
        "--data-binary",
        f"@{archive}",
        "-H",
        "Content-Type: application/zip",
        "-H",
        "Transfer-Encoding: chunked",
        "-H",
        "Expect: 100-continue",
    )
    [session] = reply.sessions()
    assert stored_uids(api.directory(session)) == expected_paths(study, name=template_name)


def test_data_binary_tar_gz_with_octet_stream(curl, api, tmp_path):
    study = make_study([S("PT", 2, number=3)])
    archive = write(tmp_path, "study.tgz", tar_bytes(study.files(), gz=True))
    reply = curl(
        "/data/services/import?import-handler=DICOM-zip&PROJECT_ID=CURL&EXPT_LABEL=C4_TGZ",
        "-u",
        ADMIN,
        "--data-binary",
        f"@{archive}",
        "-H",
        "Content-Type: application/octet-stream",
    )
    [session] = reply.sessions()
    assert stored_uids(api.directory(session)) == expected_paths(study)


def test_data_binary_single_dicom_file(curl, api, tmp_path):
    study = make_study([S("MR", 1, number=5)])
    dicom = write(tmp_path, "one.dcm", part10(study.datasets[0]))
    reply = curl(
        "/data/services/import?inbody=true&import-handler=gradual-DICOM&PROJECT_ID=CURL&EXPT_LABEL=C5_DICOM&rename=true",
        "-u",
        ADMIN,
        "--data-binary",
        f"@{dicom}",
        "-H",
        "Content-Type: application/dicom",
    )
    [session] = reply.sessions()
    assert stored_uids(api.directory(session)) == expected_paths(study, name=template_name)


def test_an_anonymous_curl_upload_gets_a_plain_text_401(curl, tmp_path):
    study = make_study([S("MR", 1)])
    archive = write(tmp_path, "series.zip", zip_bytes(study.files()))
    reply = curl("/data/services/import?PROJECT_ID=CURL", "--form", f"file=@{archive}")
    assert reply.status == 401
    assert reply.media_type == "text/plain"
    assert "<" not in reply.body


def test_the_xnatimport_script_conversation(curl, api, tmp_path):
    study = make_study([S("MR", 2, number=1), S("MR", 2, number=2), S("MR", 1, number=3)])
    jar = str(tmp_path / "cookies.txt")
    assert curl("/data/projects", "--cookie", jar).status == 401
    assert curl("/data/projects", "--user", ADMIN, "--cookie-jar", jar).status == 200

    query = (
        "import-handler=DICOM-zip&PROJECT_ID=CURL&SUBJECT_ID=SCRIPTED&EXPT_LABEL=SCRIPTED_MR&rename=true"
        "&prevent_anon=true&prevent_auto_commit=true&autoArchive=true&SOURCE=script"
    )
    bodies = []
    for series in study.series:
        archive = write(tmp_path, f"series{series.number}.zip", zip_bytes(study.series_files(series)))
        reply = curl(f"/data/services/import?{query}", "--cookie", jar, "-X", "POST", "--form", f"file=@{archive}")
        assert reply.status == 200, reply.body
        bodies.append(reply.body)
    assert len(set(bodies)) == 1
    uri = bodies[-1].replace("\r", "").strip()
    session = PrearchiveSession.parse(uri)

    commit = curl(f"{uri}?action=commit&SOURCE=script", "--cookie", jar, "-X", "POST")
    assert commit.status == 200, commit.body
    assert uri in commit.body
    assert stored_uids(api.directory(session)) == expected_paths(study, name=template_name)
    row = api.row(session)
    assert row["status"] == "READY"
    assert row["SOURCE"] == "script"
    assert session.xml_path(api.data_dir).is_file()
