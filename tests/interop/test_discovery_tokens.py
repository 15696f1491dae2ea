"""What XNAT clients read before they do anything else: the schemas and search elements xnatpy builds its model from,
the Desktop Client's configuration look-ups, and alias tokens (xnat-clients.md §1.2, §2.1, §2.2, §5, §8).

One `sluice serve` for the module (`module_server`); every request goes out with `requests`, as xnatpy sends it.
"""
import re
import xml.etree.ElementTree as ElementTree

import pytest
import requests

from conftest import SERVER_ADMIN_PASSWORD

ADMIN = ("admin", SERVER_ADMIN_PASSWORD)
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# xnatpy's SchemaParser.parse_schema_xmlstring scans the start tag with these two expressions.
SCHEMA_START_TAG = re.compile(r"<xs:schema([^>]*)>")
NAMESPACE_PREFIX = re.compile(r'xmlns:(?P<prefix>\w+)="(?P<ns>\S+)"')


@pytest.fixture(scope="module")
def http(module_server):
    """A logged-in `requests` session (Basic on the first call, then the JSESSIONID cookie) and the base URL."""
    session = requests.Session()
    response = session.get(module_server.base_url + "/data/JSESSION", auth=ADMIN)
    assert response.status_code == 200
    yield session, module_server.base_url
    session.close()


def get(http, path, **kwargs):
    session, base = http
    return session.get(base + path, **kwargs)


def results(response):
    return response.json()["ResultSet"]["Result"]


def assert_plain_text(response, status):
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert "<" not in response.text


# MARK: - Schemas


def test_the_schema_list_names_every_schema(http):
    response = get(http, "/xapi/schemas", params={"format": "json"})
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.json() == ["xdat", "xnat"]


@pytest.mark.parametrize("name", ["xdat", "xnat"])
def test_every_schema_is_xml_whose_start_tag_xnatpy_can_scan(http, name):
    response = get(http, f"/xapi/schemas/{name}", headers={"Accept-Encoding": None})
    assert response.status_code == 200
    assert response.headers["Content-Type"].split(";")[0] in ("application/xml", "text/xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2001/XMLSchema}schema"
    assert root.get("targetNamespace") == f"http://nrg.wustl.edu/{name}"
    start_tag = SCHEMA_START_TAG.search(response.text)
    assert start_tag is not None
    prefixes = {prefix for prefix, _ in NAMESPACE_PREFIX.findall(start_tag.group(1))}
    assert {"xs", name} <= prefixes


def test_the_xnat_schema_defines_the_types_clients_look_for(http):
    root = ElementTree.fromstring(get(http, "/xapi/schemas/xnat").content)
    defined = {node.get("name") for node in root.findall("{http://www.w3.org/2001/XMLSchema}complexType")}
    # xnatutils needs MrSessionData, MrScanData, SubjectData, PetmrSessionData, SmSessionData, SmScanData.
    wanted = {
        "projectData", "subjectData", "experimentData", "subjectAssessorData", "imageSessionData", "mrSessionData",
        "petSessionData", "ctSessionData", "petmrSessionData", "otherDicomSessionData", "crSessionData",
        "smSessionData", "imageScanData", "mrScanData", "ctScanData", "petScanData", "scScanData",
        "otherDicomScanData", "smScanData", "abstractResource", "resource", "resourceCatalog", "derivedData",
        "imageAssessorData",
    }
    assert wanted <= defined


def test_an_unknown_schema_is_a_plain_text_404(http):
    assert_plain_text(get(http, "/xapi/schemas/security"), 404)


# MARK: - Search elements


def test_search_elements_default_to_json_even_for_any_accept(http):
    response = get(http, "/data/search/elements", headers={"Accept": "*/*"})
    assert response.status_code == 200
    names = [row["ELEMENT_NAME"] for row in results(response)]
    assert names[:2] == ["xnat:projectData", "xnat:subjectData"]
    assert "xnat:mrSessionData" in names


def test_search_elements_as_csv_have_a_header_row(http):
    response = get(http, "/data/search/elements", params={"format": "csv"})
    assert response.status_code == 200
    lines = response.text.splitlines()
    assert lines[0] == "ELEMENT_NAME,PLURAL,SINGULAR,CATEGORY,SECURED"
    assert any(line.startswith("xnat:mrSessionData,") for line in lines[1:])


def test_a_types_fields_are_listed_and_an_unknown_type_is_404(http):
    response = get(http, "/data/search/elements/xnat:mrSessionData", params={"format": "json"})
    assert response.status_code == 200
    fields = [row["FIELD_ID"] for row in results(response)]
    assert "LABEL" in fields and all(field == field.upper() for field in fields)
    assert_plain_text(get(http, "/data/search/elements/xnat:nothingData"), 404)


# MARK: - Desktop Client configuration


def test_settings_asked_for_with_accept_not_found_are_empty(http):
    session, base = http
    session.put(base + "/data/projects/DISCOVERY").raise_for_status()
    for path in [
        "/data/config/applet/allow-create-subject",
        "/data/config/seriesImportFilter",
        "/data/projects/DISCOVERY/config/applet/require-date",
    ]:
        response = get(http, path, params={"contents": "true", "accept-not-found": "true"})
        assert response.status_code == 200, path
        assert response.text == ""


def test_the_anonymization_script_is_not_found(http):
    assert_plain_text(get(http, "/data/config/anon/script", params={"format": "json"}), 404)
    response = get(http, "/data/projects/NOPROJECT/config/applet/require-date", params={"accept-not-found": "true"})
    assert_plain_text(response, 404)


# MARK: - Alias tokens


def test_a_token_logs_in_with_basic_and_the_root_sets_the_session_cookie(http, module_server):
    issued = get(http, "/data/services/tokens/issue", params={"format": "json"})
    assert issued.status_code == 200
    token = issued.json()
    assert UUID.fullmatch(token["alias"])
    assert len(token["secret"]) == 64
    assert token["xdatUserId"] == "admin"

    # xnatpy's token login: GET / with Basic alias:secret, then the JSESSIONID from that response.
    fresh = requests.Session()
    root = fresh.get(module_server.base_url + "/", auth=(token["alias"], token["secret"]))
    assert root.status_code == 200
    assert "Logged in as: admin" in root.text
    assert "JSESSIONID" in root.cookies
    check = fresh.get(module_server.base_url + "/data/auth")
    assert check.text == "User 'admin' is logged in"

    wrong = requests.get(module_server.base_url + "/data/auth", auth=(token["alias"], "wrong"))
    assert_plain_text(wrong, 401)
    assert wrong.text == "Login attempt failed. Please try again."


def test_validate_then_invalidate(http, module_server):
    token = get(http, "/data/services/tokens/issue").json()
    pair = f"{token['alias']}/{token['secret']}"
    assert get(http, f"/data/services/tokens/validate/{pair}").json() == {"valid": "admin"}
    assert get(http, f"/data/services/tokens/invalidate/{pair}").json() == {"result": "OK"}
    refused = requests.get(module_server.base_url + "/", auth=(token["alias"], token["secret"]))
    assert refused.status_code == 401
