"""A small `requests` client for the import service and the prearchive, plus readers for what lands on disk.

Every helper asserts only what the protocol guarantees (status, `text/uri-list` with CRLF lines, ResultSet
shape); tests assert the rest themselves.
"""
import dataclasses
import hashlib
import pathlib
import re
import xml.etree.ElementTree as ElementTree

import pydicom
import requests

from conftest import SERVER_ADMIN_PASSWORD

ADMIN = ("admin", SERVER_ADMIN_PASSWORD)
XNAT = "http://nrg.wustl.edu/xnat"
CAT = "http://nrg.wustl.edu/catalog"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NS = {"xnat": XNAT, "cat": CAT, "xsi": XSI}
XSI_TYPE = f"{{{XSI}}}type"

TIMESTAMP = re.compile(r"\d{8}_\d{9}")
PREARCHIVE_URI = re.compile(r"/data/prearchive/projects/([^/]+)/(\d{8}_\d{6}(?:\d{3})?)/([^/]+)")
ROW_COLUMNS = [
    "project",
    "timestamp",
    "lastmod",
    "uploaded",
    "scan_date",
    "scan_time",
    "subject",
    "folderName",
    "name",
    "tag",
    "status",
    "url",
    "autoarchive",
    "prevent_anon",
    "prevent_auto_commit",
    "SOURCE",
    "VISIT",
    "PROTOCOL",
    "TIMEZONE",
]


@dataclasses.dataclass(frozen=True)
class PrearchiveSession:
    """One prearchive triple, from a `/data/prearchive/projects/<P>/<TS>/<FOLDER>` URI."""

    project: str
    timestamp: str
    folder: str

    @classmethod
    def parse(cls, uri):
        match = PREARCHIVE_URI.fullmatch(uri)
        assert match, f"not a prearchive session URI: {uri!r}"
        return cls(*match.groups())

    @property
    def uri(self):
        return f"/data/prearchive/projects/{self.project}/{self.timestamp}/{self.folder}"

    @property
    def url(self):
        """The `url` column of a prearchive listing: the URI without `/data`."""
        return self.uri[len("/data") :]

    def directory(self, data_dir):
        """`<data>/prearchive/<P>/<TS>/<FOLDER>`; Unassigned sessions sit directly under `prearchive/`."""
        root = pathlib.Path(data_dir) / "prearchive"
        if self.project != "Unassigned":
            root = root / self.project
        return root / self.timestamp / self.folder

    def xml_path(self, data_dir):
        directory = self.directory(data_dir)
        return directory.parent / f"{self.folder}.xml"


def media_type(response):
    return response.headers.get("Content-Type", "").split(";")[0].strip().lower()


def uri_list(response):
    """The lines of a `text/uri-list` body, checking each ends with CRLF."""
    assert media_type(response) == "text/uri-list", response.headers.get("Content-Type")
    body = response.text
    assert body.endswith("\r\n"), f"every URI must be followed by CRLF: {body!r}"
    lines = body.split("\r\n")[:-1]
    assert all(lines), f"empty line in {body!r}"
    return lines


def assert_error(response, status, message=None, *, detail=False):
    """A plain-text error with `status`; with `message`, the body is exactly that message.

    `detail=True` also accepts the message followed by `: <detail>` (XNAT's own tests match such messages as
    substrings, e.g. "unable to read DICOM object <name>").
    """
    assert response.status_code == status, (response.status_code, response.text)
    assert media_type(response) == "text/plain", response.headers.get("Content-Type")
    assert "<html" not in response.text.lower()
    if message is not None:
        body = response.text.strip()
        if detail:
            assert body == message or body.startswith(message + ": "), body
        else:
            assert body == message


class Sluice:
    """The REST API of one running server, as admin over HTTP Basic."""

    def __init__(self, server):
        self.server = server
        self.base_url = server.base_url
        self.data_dir = pathlib.Path(server.data_dir)
        self.http = requests.Session()
        self.http.auth = ADMIN

    def url(self, path):
        return self.base_url + path

    def create_project(self, project_id, prearchive_code=None):
        response = self.http.put(self.url(f"/data/projects/{project_id}"))
        assert response.status_code == 200, response.text
        if prearchive_code is not None:
            response = self.http.put(self.url(f"/data/projects/{project_id}/prearchive_code/{prearchive_code}"))
            assert response.status_code == 200, response.text
        return project_id

    def post_import(
        self, *, params=None, data=None, content_type=None, files=None, headers=None, path=None, auth=ADMIN
    ):
        headers = dict(headers or {})
        if content_type is not None:
            headers["Content-Type"] = content_type
        return requests.post(
            self.url(path or "/data/services/import"),
            params=params,
            data=data,
            files=files,
            headers=headers,
            auth=auth,
            timeout=120,
        )

    def imported(self, response):
        """The prearchive sessions a successful import answered (200, `text/uri-list`)."""
        assert response.status_code == 200, (response.status_code, response.text)
        return [PrearchiveSession.parse(line) for line in uri_list(response)]

    def import_archive(self, data, content_type="application/zip", **params):
        return self.imported(self.post_import(params=params, data=data, content_type=content_type))

    def import_dicom(self, data, **params):
        return self.imported(self.post_import(params=params, data=data, content_type="application/dicom"))

    def import_one(self, data, content_type="application/zip", **params):
        sessions = self.import_archive(data, content_type, **params)
        assert len(sessions) == 1, sessions
        return sessions[0]

    # MARK: prearchive

    def rows(self, project=None, **params):
        path = "/data/prearchive/projects" + (f"/{project}" if project else "")
        response = self.http.get(self.url(path), params=params)
        assert response.status_code == 200, response.text
        assert media_type(response) == "application/json", response.headers.get("Content-Type")
        result_set = response.json()["ResultSet"]
        assert result_set["totalRecords"] == str(len(result_set["Result"]))
        return result_set["Result"]

    def row(self, session):
        response = self.http.get(self.url(session.uri), params={"format": "json"})
        assert response.status_code == 200, response.text
        result = response.json()["ResultSet"]["Result"]
        assert len(result) == 1, result
        return result[0]

    def rows_for_study(self, study_uid, project=None):
        return [row for row in self.rows(project) if row["tag"] == study_uid]

    def action(self, session, action, **params):
        return self.http.post(self.url(session.uri), params={"action": action, **params})

    def build(self, session):
        response = self.action(session, "build")
        assert response.status_code == 200, response.text
        return response

    def session_xml(self, session):
        response = self.http.get(self.url(session.uri))
        assert response.status_code == 200, response.text
        return ElementTree.fromstring(response.content)

    def directory(self, session):
        return session.directory(self.data_dir)


# MARK: - Files on disk


def dicom_files(session_dir):
    """Every stored file under `<session>/SCANS`, catalogs excluded: relative path → Path."""
    scans = pathlib.Path(session_dir) / "SCANS"
    return {
        str(path.relative_to(session_dir)): path
        for path in sorted(scans.rglob("*"))
        if path.is_file() and not path.name.endswith("_catalog.xml")
    }


def sop_instance_uid(path):
    return str(pydicom.dcmread(path, stop_before_pixels=True).SOPInstanceUID)


def md5(path):
    return hashlib.md5(pathlib.Path(path).read_bytes()).hexdigest()


def scans(session_root):
    """`xnat:scans/xnat:scan` elements by ID, in document order."""
    return {scan.get("ID"): scan for scan in session_root.findall("xnat:scans/xnat:scan", NS)}


def resources(scan):
    """`xnat:file` resources of a scan by label."""
    return {resource.get("label"): resource for resource in scan.findall("xnat:file", NS)}


def catalog(session_dir, resource):
    """(catalog path, parsed `cat:DCMCatalog` root) for a resource whose URI is relative to the session folder."""
    path = pathlib.Path(session_dir) / resource.get("URI")
    assert path.is_file(), f"catalog {resource.get('URI')} is not in {session_dir}"
    return path, ElementTree.parse(path).getroot()


def catalog_entries(catalog_root):
    return [entry.attrib for entry in catalog_root.findall("cat:entries/cat:entry", NS)]


def stored_uids(session_dir):
    """Every stored DICOM file under `<session>/SCANS`: relative path → SOPInstanceUID read back with pydicom."""
    return {relative: sop_instance_uid(path) for relative, path in dicom_files(session_dir).items()}


def expected_paths(study, name=None, scan=None):
    """Relative path → SOPInstanceUID the study should have on disk: `SCANS/<SeriesNumber>/DICOM/<name(ds)>`."""
    from dicom_factory import default_name

    name = name or default_name
    out = {}
    for ds in study.datasets:
        out[f"SCANS/{scan(ds) if scan else ds.SeriesNumber}/DICOM/{name(ds)}"] = str(ds.SOPInstanceUID)
    return out
