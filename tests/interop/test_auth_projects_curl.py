"""Logins, sessions and projects driven by real `curl` against a real `sluice serve` (xnat-clients.md §1.2, §7).

Each test starts its own server on a free port (the `server` fixture) and calls `curl` as a shell script would:
`-u` for HTTP Basic, `-c`/`-b` cookie jars for JSESSIONID, `-X PUT`, `-d` for the form login.
"""
import json
import re
import shutil
import xml.etree.ElementTree as ElementTree

import pytest

from conftest import SERVER_ADMIN_PASSWORD, start_server
from curl_client import run_curl

pytestmark = pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")

ADMIN = f"admin:{SERVER_ADMIN_PASSWORD}"
SESSION_ID = re.compile(r"[0-9A-F]{32}")


def curl(server, path, *options, tmp_path):
    """Runs `curl -sS [options] <base><path>` and returns the final response."""
    return run_curl(server.base_url + path, *options, folder=tmp_path)


@pytest.fixture
def call(server, tmp_path):
    def run(path, *options):
        return curl(server, path, *options, tmp_path=tmp_path)

    return run


def assert_plain_text(reply):
    assert reply.header("content-type") == "text/plain; charset=utf-8"
    assert "<" not in reply.body, "error bodies must never be HTML"


# MARK: - Authentication


@pytest.mark.parametrize("path", ["/data/projects", "/data/JSESSION", "/data/auth", "/REST/projects", "/data/nothing"])
def test_anonymous_requests_get_a_plain_text_401(call, path):
    reply = call(path)
    assert reply.status == 401
    assert_plain_text(reply)
    assert reply.header("www-authenticate") == 'Basic realm="XNAT"'
    assert reply.cookie("JSESSIONID") is None


def test_public_routes_answer_without_a_login(call):
    root = call("/")
    assert root.status == 200 and root.body.startswith("Sluice ")
    build_info = call("/xapi/siteConfig/buildInfo")
    assert build_info.status == 200
    assert json.loads(build_info.body)["version"] == "1.8.10"
    assert call("/data/version").status == 404


@pytest.mark.parametrize("credentials", ["admin:wrong", "nobody:" + SERVER_ADMIN_PASSWORD])
def test_bad_basic_credentials_get_a_plain_text_401(call, credentials):
    reply = call("/data/projects", "-u", credentials)
    assert reply.status == 401
    assert_plain_text(reply)
    assert reply.body == "Login attempt failed. Please try again."


def test_basic_login_fills_the_cookie_jar_which_then_works_alone(call, tmp_path):
    # The NRG `xnatimport` script: probe with the jar (401), log in with --user into the jar, then use the jar.
    jar = str(tmp_path / "cookies.txt")
    assert call("/data/projects", "--cookie", jar).status == 401
    login = call("/data/projects", "--user", ADMIN, "--cookie-jar", jar)
    assert login.status == 200
    session_id = login.cookie("JSESSIONID")
    assert SESSION_ID.fullmatch(session_id)
    assert re.fullmatch(r'"\d{13},900000"', login.cookie("SESSION_EXPIRATION_TIME"))
    assert call("/data/auth", "-b", jar).body == "User 'admin' is logged in"
    assert call("/data/JSESSION", "-b", jar).body == session_id


def test_post_jsession_creates_a_session_and_delete_ends_it(call, tmp_path):
    jar = str(tmp_path / "cookies.txt")
    created = call("/data/JSESSION", "-X", "POST", "-u", ADMIN, "-c", jar)
    assert created.status == 200
    assert_plain_text(created)
    assert SESSION_ID.fullmatch(created.body)
    assert created.cookie("JSESSIONID") == created.body
    old_cookie = f"JSESSIONID={created.body}"
    assert call("/data/auth", "--cookie", old_cookie).status == 200

    logout = call("/data/JSESSION", "-X", "DELETE", "-b", jar, "-c", jar)
    assert logout.status == 200 and logout.body == ""
    assert call("/data/auth", "--cookie", old_cookie).status == 401
    assert call("/data/auth", "-b", jar).status == 401


@pytest.mark.parametrize("method", ["PUT", "POST"])
def test_the_form_login_answers_the_session_id(call, method):
    # xnatpy and xnat-ingest: `curl -X PUT -d username=..&password=.. /data/services/auth`.
    reply = call("/data/services/auth", "-X", method, "-d", "username=admin", "-d", f"password={SERVER_ADMIN_PASSWORD}")
    assert reply.status == 200
    assert SESSION_ID.fullmatch(reply.body)
    assert reply.cookie("JSESSIONID") == reply.body
    assert reply.cookie("SESSION_EXPIRATION_TIME") is not None
    assert call("/data/auth", "--cookie", f"JSESSIONID={reply.body}").status == 200


def test_a_failed_form_login_is_a_plain_text_401(call):
    reply = call("/data/services/auth", "-X", "PUT", "-d", "username=admin&password=nope")
    assert reply.status == 401
    assert_plain_text(reply)


# MARK: - Projects


def test_an_administrator_creates_and_lists_projects(call):
    created = call("/data/projects/TESTPROJ?name=Test%20project&pi_lastname=Curie", "-X", "PUT", "-u", ADMIN)
    assert created.status == 200

    listing = call("/data/projects", "-u", ADMIN, "-H", "Accept: */*")
    assert listing.header("content-type") == "application/json; charset=utf-8"
    result_set = json.loads(listing.body)["ResultSet"]
    assert result_set["totalRecords"] == "1"
    assert result_set["Result"] == [
        {
            "ID": "TESTPROJ",
            "secondary_ID": "TESTPROJ",
            "name": "Test project",
            "description": "",
            "pi_firstname": "",
            "pi_lastname": "Curie",
            "URI": "/data/projects/TESTPROJ",
        }
    ]

    # pyxnat asks for CSV with columns it then ignores.
    csv = call("/data/projects?format=csv&columns=ID,xsiType", "-u", ADMIN)
    assert csv.body.splitlines() == [
        "ID,secondary_ID,name,description,pi_firstname,pi_lastname,URI",
        "TESTPROJ,TESTPROJ,Test project,,,Curie,/data/projects/TESTPROJ",
    ]

    xml = call("/data/projects?format=xml", "-u", ADMIN)
    root = ElementTree.fromstring(xml.body)
    assert [column.text for column in root.iter("column")][0] == "ID"
    assert [cell.text for cell in root.iter("cell")][0] == "TESTPROJ"

    item = json.loads(call("/data/projects/TESTPROJ?format=json", "-u", ADMIN).body)["items"][0]
    assert item["data_fields"]["ID"] == "TESTPROJ"
    assert item["meta"]["xsi:type"] == "xnat:projectData"


def test_an_empty_csv_listing_has_its_header_row(call):
    reply = call("/data/projects?format=csv", "-u", ADMIN)
    assert reply.status == 200
    assert reply.body == "ID,secondary_ID,name,description,pi_firstname,pi_lastname,URI\n"


def test_projects_answer_under_rest_and_archive_paths_with_a_cookie(call, tmp_path):
    jar = str(tmp_path / "cookies.txt")
    call("/data/projects/P1", "-X", "PUT", "-u", ADMIN, "-c", jar)
    for path in ["/REST/projects", "/data/archive/projects", "/data/projects/P1", "/REST/projects/P1"]:
        assert call(path, "-b", jar).status == 200, path


@pytest.mark.parametrize("project_id", ["bad%20id", "dot.ted", "%C3%A9t%C3%A9"])
def test_invalid_project_ids_are_refused(call, project_id):
    reply = call(f"/data/projects/{project_id}", "-X", "PUT", "-u", ADMIN)
    assert reply.status == 400
    assert_plain_text(reply)


def test_a_missing_project_is_a_plain_text_404(call):
    reply = call("/data/projects/NOPE", "-u", ADMIN)
    assert reply.status == 404
    assert_plain_text(reply)


def test_prearchive_code_is_a_bare_number_that_administrators_set(call):
    call("/data/projects/P1", "-X", "PUT", "-u", ADMIN)
    first = call("/data/projects/P1/prearchive_code", "-u", ADMIN)
    assert (first.status, first.body) == (200, "0")
    assert first.header("content-type") == "text/plain; charset=utf-8"

    assert call("/data/projects/P1/prearchive_code/4", "-X", "PUT", "-u", ADMIN).status == 200
    assert call("/data/archive/projects/P1/prearchive_code", "-u", ADMIN).body == "4"

    refused = call("/data/projects/P1/prearchive_code/7", "-X", "PUT", "-u", ADMIN)
    assert refused.status == 400
    assert_plain_text(refused)
    assert call("/data/projects/P1/prearchive_code", "-u", ADMIN).body == "4"


# MARK: - Across restarts


def test_accounts_sessions_and_projects_survive_a_restart(tmp_path):
    data_dir = tmp_path / "data"
    first = start_server(data_dir, {"SLUICE_ADMIN_PASSWORD": SERVER_ADMIN_PASSWORD})
    try:
        session_id = curl(first, "/data/JSESSION", "-X", "POST", "-u", ADMIN, tmp_path=tmp_path).body
        assert curl(first, "/data/projects/KEEP", "-X", "PUT", "-u", ADMIN, tmp_path=tmp_path).status == 200
    finally:
        assert first.stop() == 0, first.stderr

    # A different SLUICE_ADMIN_PASSWORD on a later start changes nothing: it is only used on the first start.
    second = start_server(data_dir, {"SLUICE_ADMIN_PASSWORD": "another"})
    try:
        cookie = f"JSESSIONID={session_id}"
        listing = curl(second, "/data/projects?format=csv", "--cookie", cookie, tmp_path=tmp_path)
        assert listing.status == 200
        assert "KEEP,KEEP,KEEP" in listing.body
        assert curl(second, "/data/auth", "-u", "admin:another", tmp_path=tmp_path).status == 401
        assert curl(second, "/data/auth", "-u", ADMIN, tmp_path=tmp_path).status == 200
    finally:
        assert second.stop() == 0, second.stderr


def test_a_generated_admin_password_is_printed_once_and_works(tmp_path):
    data_dir = tmp_path / "data"
    first = start_server(data_dir)
    try:
        match = re.search(r"created the account 'admin' with the password (\S+) ", first.stderr)
        assert match, first.stderr
        password = match.group(1)
        assert curl(first, "/data/auth", "-u", f"admin:{password}", tmp_path=tmp_path).status == 200
    finally:
        assert first.stop() == 0, first.stderr

    second = start_server(data_dir)
    try:
        assert "with the password" not in second.stderr
        assert password not in second.stderr
    finally:
        assert second.stop() == 0, second.stderr
