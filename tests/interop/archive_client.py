"""Helpers for the archive interop tests: archiving requests, and readers for the permanent archive on disk.

The archive layout checked here is xnat-import-spec §6.1 as Sluice keeps it:
`<data>/archive/<PROJECT>/arc001/<LABEL>/<LABEL>.xml` (the session document) and
`<data>/archive/<PROJECT>/arc001/<LABEL>/SCANS/<scan>/DICOM/<files>` + `scan_<scan>_catalog.xml`.
Like `prearchive_client`, helpers assert only what the protocol guarantees; tests assert the rest.
"""
import dataclasses
import hashlib
import pathlib
import re
import xml.etree.ElementTree as ElementTree
from copy import deepcopy

import requests

from dicom_factory import part10, zip_bytes
from prearchive_client import (
    ADMIN,
    NS,
    PrearchiveSession,
    catalog_entries,
    dicom_files,
    md5,
    resources,
    scans,
    sop_instance_uid,
    uri_list,
)

ARC = "arc001"
ARCHIVE_URI = re.compile(r"/data/archive/projects/([^/]+)/subjects/([^/]+)/experiments/([^/]+)")
EXPERIMENT_ID = re.compile(r"SLUICE_E\d{5}")
SUBJECT_ID = re.compile(r"SLUICE_S\d{5}")


@dataclasses.dataclass(frozen=True)
class ArchivedSession:
    """One archived session, from a `/data/archive/projects/<P>/subjects/<S>/experiments/<E>` URI."""

    project: str
    subject: str
    label: str

    @classmethod
    def parse(cls, uri):
        match = ARCHIVE_URI.fullmatch(uri)
        assert match, f"not an archive session URI: {uri!r}"
        return cls(*match.groups())

    @property
    def uri(self):
        return f"/data/archive/projects/{self.project}/subjects/{self.subject}/experiments/{self.label}"

    def directory(self, data_dir):
        return session_folder(data_dir, self.project, self.label)


def archive_root(data_dir):
    return pathlib.Path(data_dir) / "archive"


def session_folder(data_dir, project, label):
    """`<data>/archive/<P>/arc001/<LABEL>`."""
    return archive_root(data_dir) / project / ARC / label


def session_document_path(data_dir, project, label):
    return session_folder(data_dir, project, label) / f"{label}.xml"


def archived_xml(data_dir, project, label):
    """The parsed session document of an archived session."""
    path = session_document_path(data_dir, project, label)
    assert path.is_file(), f"no session document at {path}"
    return ElementTree.parse(path).getroot()


def archived_files(data_dir, project, label):
    """Every stored DICOM file of an archived session: relative path (`SCANS/…`) → SOPInstanceUID."""
    folder = session_folder(data_dir, project, label)
    return {relative: sop_instance_uid(path) for relative, path in dicom_files(folder).items()}


def archive_snapshot(data_dir):
    """Every file and folder under `<data>/archive` (the crash journal folder aside): relative path → MD5 of a
    file, or `None` for a folder. Compare two snapshots to prove a failed archive changed nothing."""
    root = archive_root(data_dir)
    if not root.exists():
        return {}
    out = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if relative.parts[0] == ".journal":
            continue
        out[str(relative)] = None if path.is_dir() else hashlib.md5(path.read_bytes()).hexdigest()
    return out


def archive_leftovers(data_dir):
    """Staging/backup folders and journals an archive may leave behind when it fails to clean up."""
    root = archive_root(data_dir)
    if not root.exists():
        return []
    leftovers = [str(p.relative_to(root)) for p in root.rglob(".staging-*")]
    leftovers += [str(p.relative_to(root)) for p in root.rglob(".backup-*")]
    journal = root / ".journal"
    if journal.exists():
        leftovers += [str(p.relative_to(root)) for p in journal.iterdir()]
    return leftovers


def check_catalogs(folder, root):
    """Checks every scan resource catalog of the session document `root` against the files in `folder`:
    the catalog exists where the resource URI says, every entry names a file next to it whose SOPInstanceUID is
    the entry's `UID` and whose MD5 is the entry's `digest`, the resource's `file_count` is the number of
    entries, and no DICOM file under `SCANS` is left out of a catalog.

    Returns scan ID → {file path relative to the session folder: SOPInstanceUID}.
    """
    folder = pathlib.Path(folder)
    out = {}
    catalogued = set()
    for scan_id, scan in scans(root).items():
        listed = {}
        for label, resource in resources(scan).items():
            uri = resource.get("URI")
            assert uri, f"scan {scan_id} resource {label} has no URI"
            path = folder / uri
            assert path.is_file(), f"scan {scan_id}: catalog {uri} is missing"
            entries = catalog_entries(ElementTree.parse(path).getroot())
            if resource.get("file_count") is not None:
                assert resource.get("file_count") == str(len(entries)), (scan_id, resource.attrib, len(entries))
            for entry in entries:
                file = path.parent / entry["URI"]
                assert file.is_file(), f"scan {scan_id}: catalog entry {entry['URI']} names no file"
                relative = str(file.relative_to(folder))
                assert relative not in listed, f"{relative} is listed twice"
                assert entry.get("digest") == md5(file), f"{relative}: stale digest"
                uid = sop_instance_uid(file)
                assert entry.get("UID") == uid, f"{relative}: catalog UID {entry.get('UID')} but file has {uid}"
                listed[relative] = uid
        out[scan_id] = listed
        catalogued.update(listed)
    on_disk = set(dicom_files(folder))
    assert on_disk == catalogued, f"files not in any catalog: {sorted(on_disk - catalogued)}; " + (
        f"catalogued but missing: {sorted(catalogued - on_disk)}"
    )
    return out


def scan_files(catalogued):
    """Flattens `check_catalogs`' answer: relative path → SOPInstanceUID over all scans."""
    return {path: uid for files in catalogued.values() for path, uid in files.items()}


def restamped(datasets, comment):
    """Copies of `datasets` with the same UIDs but different bytes (an `ImageComments` value), so a test can
    tell whether an archived file was replaced by a second upload of "the same" instance."""
    copies = []
    for ds in datasets:
        copy = deepcopy(ds)
        copy.ImageComments = comment
        copies.append(copy)
    return copies


def uid_name(ds):
    """A client file name unique per instance (`<SOPInstanceUID>.dcm`), for studies whose instance numbers
    repeat across uploads."""
    return f"{ds.SOPInstanceUID}.dcm"


def files_of(datasets, name=uid_name):
    return [(name(ds), part10(ds)) for ds in datasets]


def zip_of(datasets, name=uid_name):
    return zip_bytes(files_of(datasets, name))


def expected_files(datasets, scan=None, name=uid_name):
    """Relative path → SOPInstanceUID: `SCANS/<scan(ds) or SeriesNumber>/DICOM/<name(ds)>`."""
    return {
        f"SCANS/{scan(ds) if scan else ds.SeriesNumber}/DICOM/{name(ds)}": str(ds.SOPInstanceUID) for ds in datasets
    }


class Archiver:
    """The archiving side of the REST API, as admin, next to a `prearchive_client.Sluice`."""

    def __init__(self, api):
        self.api = api
        self.data_dir = api.data_dir
        # One HTTP session, as admin: after the first answer its session cookie authenticates, so the server
        # does not verify the Basic password on every request (that costs ~0.2 s each in a debug build).
        self.http = requests.Session()
        self.http.auth = ADMIN

    # MARK: requests

    def services_archive(self, *, src=None, form=False, params=None, **more):
        """`POST /data/services/archive`; `src` and `params` go in the query, or with `form=True` in an
        `application/x-www-form-urlencoded` body. Redirects are not followed."""
        fields = []
        if src is not None:
            fields += [("src", s) for s in ([src] if isinstance(src, str) else src)]
        fields += list((params or {}).items()) + list(more.items())
        where = {"data": fields} if form else {"params": fields}
        return self.http.post(self.api.url("/data/services/archive"), **where, allow_redirects=False, timeout=120)

    def archive(self, session, **params):
        """Archives a prearchive session through `/data/services/archive` and returns the `ArchivedSession`."""
        response = self.services_archive(src=session.uri, **params)
        return self.archived(response)

    def archived(self, response):
        """The archived session a 200 `text/uri-list` answer names (exactly one line)."""
        assert response.status_code == 200, (response.status_code, response.text)
        [line] = uri_list(response)
        return ArchivedSession.parse(line)

    def archived_all(self, response):
        assert response.status_code == 200, (response.status_code, response.text)
        return [ArchivedSession.parse(line) for line in uri_list(response)]

    def commit(self, session, *, json=None, **params):
        """`POST <prearchive uri>?action=commit`; redirects are not followed (the desktop client must see 301)."""
        return self.http.post(
            self.api.url(session.uri),
            params={"action": "commit", **params},
            json=json,
            allow_redirects=False,
            timeout=120,
        )

    def import_zip(self, datasets, *, name=uid_name, **params):
        """A DICOM-zip import of `datasets` (default names `<SOPInstanceUID>.dcm`), answered as it is."""
        return self.import_body(zip_of(datasets, name), **params)

    def import_body(self, body, content_type="application/zip", **params):
        """`POST /data/services/import` of a raw body, answered as it is."""
        return self.http.post(
            self.api.url("/data/services/import"),
            params=params,
            data=body,
            headers={"Content-Type": content_type},
            timeout=120,
        )

    def import_to_archive(self, datasets, *, name=uid_name, **params):
        """A DICOM-zip import expected to archive: 200 with exactly one archive URI."""
        return self.archived(self.import_zip(datasets, name=name, **params))

    def prearchive(self, datasets, *, name=uid_name, **params):
        """A DICOM-zip import into the prearchive (no commit): the one prearchive session."""
        sessions = self.api.imported(self.import_zip(datasets, name=name, **params))
        assert len(sessions) == 1, sessions
        return sessions[0]

    # MARK: archive on disk

    def folder(self, archived_or_project, label=None):
        if label is None:
            return archived_or_project.directory(self.data_dir)
        return session_folder(self.data_dir, archived_or_project, label)

    def xml(self, archived):
        return archived_xml(self.data_dir, archived.project, archived.label)

    def files(self, archived):
        return archived_files(self.data_dir, archived.project, archived.label)

    def catalogued(self, archived):
        """`check_catalogs` of an archived session."""
        return check_catalogs(self.folder(archived), self.xml(archived))

    def snapshot(self):
        return archive_snapshot(self.data_dir)

    # MARK: prearchive after archiving

    def assert_prearchive_gone(self, session):
        """The prearchive session's folder, document and row are gone after archiving."""
        assert not session.directory(self.data_dir).exists(), f"{session.uri}: folder left in the prearchive"
        assert not session.xml_path(self.data_dir).exists(), f"{session.uri}: document left in the prearchive"
        response = self.api.http.get(self.api.url(session.uri), params={"format": "json"})
        assert response.status_code == 404, (response.status_code, response.text)
        assert session.url not in [row["url"] for row in self.api.rows(session.project)]

    def assert_nothing_archived(self, before, study_uid, project, status):
        """After a failed archive: the archive tree is exactly `before`, no staging/backup/journal is left, the
        study's one prearchive row has `status` (CONFLICT or ERROR) and its files are still in the prearchive.
        Returns the prearchive session."""
        after = self.snapshot()
        changed = sorted(path for path in set(before) | set(after) if before.get(path, "-") != after.get(path, "-"))
        assert not changed, f"a failed archive changed the archive: {changed}"
        assert archive_leftovers(self.data_dir) == []
        row, session = self.only_row(study_uid, project)
        assert row["status"] == status, row
        assert dicom_files(session.directory(self.data_dir)), f"{session.uri}: files gone from the prearchive"
        return session

    def rows_of(self, study_uid, project):
        return self.api.rows_for_study(study_uid, project)

    def only_row(self, study_uid, project):
        """The one prearchive row of a study (e.g. after a failed archive) and its `PrearchiveSession`."""
        rows = self.rows_of(study_uid, project)
        assert len(rows) == 1, rows
        return rows[0], PrearchiveSession.parse("/data" + rows[0]["url"])


def assert_unable_to_archive(response, reason):
    """A 400 `text/plain` "unable to archive for the Prearchive session <url>: <reason>" naming a prearchive
    session of the study; returns that `PrearchiveSession`."""
    assert response.status_code == 400, (response.status_code, response.text)
    assert response.headers.get("Content-Type", "").split(";")[0].strip() == "text/plain", response.headers
    body = response.text.strip()
    match = re.fullmatch(r"unable to archive for the Prearchive session (/(?:data/)?prearchive/\S+): (.*)", body, re.S)
    assert match, body
    assert match.group(2) == reason, body
    uri = match.group(1)
    return PrearchiveSession.parse(uri if uri.startswith("/data") else "/data" + uri)

