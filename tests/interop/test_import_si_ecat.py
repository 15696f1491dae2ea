"""`SI` imports of ECAT 7 PET files written by nibabel (xnat-import-spec §2.3, §12).

nibabel writes the files (`EcatImage.to_filename`, from its own `tinypet.v` and from multi-frame volumes made with
its dtypes); they go up in a zip or one by one with `import-handler=SI` into a project, and the test checks what
XNAT's SessionImporter would make of them: one `xnat:PETSession` per patient, built at once (READY), one
`xnat:petScanData` per file numbered 1, 2, … in file-name order, each with an `ECAT` resource whose catalog lists
the file with its MD5, the files themselves unchanged under `SCANS/<n>/ECAT/`, label and subject from the patient
ID and name (word characters), date and time from the earliest scan start.
"""
import datetime
import hashlib
import io
import warnings
import zipfile
from xml.etree import ElementTree

import pytest
from nibabel import ecat

from prearchive_client import NS, XSI_TYPE, PrearchiveSession, media_type, uri_list
from test_ecat_nibabel import TINYPET, make_ecat, nibabel_copy

PROJECT = "PETSI"
PATIENT = {"patient_id": b"PET-01", "patient_name": b"Doe^Pet", "operator_name": b"Op Erator"}


@pytest.fixture(scope="module")
def api(sluice_api):
    sluice_api.create_project(PROJECT)
    return sluice_api


def pet_files(tmp_path, patient=PATIENT, base_start=1_700_000_000):
    """Three ECAT files written by nibabel, by name: two copies of tinypet.v and a 4-frame volume."""
    files = {
        "b_static.v": nibabel_copy(TINYPET, tmp_path / "b_static.v", scan_start_time=base_start, **patient),
        "a_early.v": nibabel_copy(TINYPET, tmp_path / "a_early.v", scan_start_time=base_start - 7200, **patient),
    }
    volume = make_ecat(
        tmp_path / "volume.v",
        [index * 60_000 for index in range(4)],
        header_values={"scan_start_time": base_start + 600, "acquisition_type": 4},
    )
    files["c_dynamic.v"] = nibabel_copy(volume, tmp_path / "c_dynamic.v", **patient)
    return {name: path.read_bytes() for name, path in sorted(files.items())}


def num_frames(data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        header = ecat.EcatHeader.from_fileobj(io.BytesIO(data))
    return int(header["num_frames"])


def zipped(files, folder="pet/"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in reversed(list(files.items())):  # upload order must not matter
            archive.writestr(folder + name, data)
    return buffer.getvalue()


def import_si(api, data, content_type="application/zip", **params):
    response = api.post_import(params={"import-handler": "SI", **params}, data=data, content_type=content_type)
    assert response.status_code == 200, (response.status_code, response.text)
    return response


def check_pet_session(api, session, files):
    """The prearchive XML, the catalogs and the files of a PET session made of `files` (name → bytes)."""
    assert api.row(session)["status"] == "READY"
    root = api.session_xml(session)
    assert root.tag == f"{{{NS['xnat']}}}PETSession"
    assert root.get("project") == PROJECT
    assert root.get("label") == "PET_01"
    assert root.get("modality") == "PET"
    assert root.findtext("xnat:subject_ID", namespaces=NS) == "Doe_Pet"
    assert root.findtext("xnat:operator", namespaces=NS) == "Op Erator"
    earliest = min(int(ecat.EcatHeader.from_fileobj(io.BytesIO(data))["scan_start_time"]) for data in files.values())
    local = datetime.datetime.fromtimestamp(earliest)
    assert root.findtext("xnat:date", namespaces=NS) == local.strftime("%Y-%m-%d")
    assert root.findtext("xnat:time", namespaces=NS) == local.strftime("%H:%M:%S")

    scans = root.findall("xnat:scans/xnat:scan", NS)
    assert [scan.get("ID") for scan in scans] == [str(n) for n in range(1, len(files) + 1)]
    directory = api.directory(session)
    for scan, (name, data) in zip(scans, files.items()):
        scan_id = scan.get("ID")
        assert scan.get(XSI_TYPE) == "xnat:petScanData"
        assert scan.findtext("xnat:frames", namespaces=NS) == str(num_frames(data))
        [resource] = scan.findall("xnat:file", NS)
        assert (resource.get("label"), resource.get("format"), resource.get("content")) == ("ECAT", "ECAT", "RAW")
        assert resource.get("URI") == f"SCANS/{scan_id}/ECAT/scan_{scan_id}_ECAT_catalog.xml"
        catalog_root = ElementTree.fromstring((directory / resource.get("URI")).read_bytes())
        assert catalog_root.tag == f"{{{NS['cat']}}}Catalog"
        [entry] = catalog_root.findall("cat:entries/cat:entry", NS)
        assert entry.get("URI") == name
        assert entry.get("format") == "ECAT"
        assert entry.get("digest") == hashlib.md5(data).hexdigest()
        assert (directory / "SCANS" / scan_id / "ECAT" / name).read_bytes() == data


def test_a_zip_of_nibabel_ecat_files_becomes_one_built_pet_session(api, tmp_path):
    files = pet_files(tmp_path)
    response = import_si(api, zipped(files), project=PROJECT)
    [uri] = uri_list(response)
    session = PrearchiveSession.parse(uri)
    assert (session.project, session.folder) == (PROJECT, "PET_01")
    check_pet_session(api, session, files)
    row = api.row(session)
    assert (row["name"], row["subject"], row["SOURCE"]) == ("PET_01", "Doe_Pet", "SessionImporter")
    assert str(row["prevent_auto_commit"]).lower() == "true"


def test_one_ecat_file_sent_alone_is_a_one_scan_session(api, tmp_path):
    path = nibabel_copy(TINYPET, tmp_path / "single.v", **PATIENT)
    data = path.read_bytes()
    response = api.post_import(
        params={"import-handler": "SI", "PROJECT_ID": PROJECT},
        files={"file": ("single.v", data, "application/octet-stream")},
    )
    assert response.status_code == 200, response.text
    [uri] = uri_list(response)
    session = PrearchiveSession.parse(uri)
    check_pet_session(api, session, {"single.v": data})


def test_two_patients_make_two_sessions_and_si_refuses_the_upload(api, tmp_path):
    first = nibabel_copy(TINYPET, tmp_path / "one.v", **PATIENT).read_bytes()
    other = nibabel_copy(TINYPET, tmp_path / "two.v", patient_id=b"PET-02", patient_name=b"Roe^Pet").read_bytes()
    before = {(row["timestamp"], row["folderName"]) for row in api.rows(PROJECT)}
    response = api.post_import(
        params={"import-handler": "SI", "project": PROJECT},
        data=zipped({"one.v": first, "two.v": other}),
        content_type="application/zip",
    )
    assert response.status_code == 400
    assert media_type(response) == "text/plain"
    assert response.text.strip() == "Upload included files for multiple imaging sessions."
    rows = [row for row in api.rows(PROJECT) if (row["timestamp"], row["folderName"]) not in before]
    assert sorted(row["name"] for row in rows) == ["PET_01", "PET_02"]
    assert all(row["status"] == "READY" for row in rows)


def test_a_prearchive_destination_keeps_the_pet_session_where_asked(api, tmp_path):
    files = pet_files(tmp_path, base_start=1_650_000_000)
    dest = f"/prearchive/projects/{PROJECT}/20000101_100001/PETDEST"
    response = import_si(api, zipped(files), dest=dest)
    assert uri_list(response) == ["/data" + dest]
    check_pet_session(api, PrearchiveSession.parse("/data" + dest), files)


def test_auto_archive_archives_ecat_sessions_with_their_files(api, tmp_path):
    files = pet_files(tmp_path, base_start=1_600_000_000)
    response = import_si(api, zipped(files), project=PROJECT, AA="true", session="PETARCH")
    [uri] = uri_list(response)
    assert uri.startswith(f"/data/archive/projects/{PROJECT}/subjects/")
    assert uri.endswith("/experiments/PETARCH")
    folder = api.server.data_dir / "archive" / PROJECT / "arc001" / "PETARCH"
    document = (folder / "PETARCH.xml").read_text()
    assert "<xnat:PETSession " in document
    stored = sorted(path.name for path in folder.glob("SCANS/*/ECAT/*.v"))
    assert stored == sorted(files)