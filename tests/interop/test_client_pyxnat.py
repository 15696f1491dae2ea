"""The real pyxnat 1.6.4 against Sluice: xnat-clients §3 and scenarios E2 (cross-check), E4 (prearchive
management) and the E5/E6 parts pyxnat does.

pyxnat sends HTTP Basic on every request and reads every listing as CSV (`format=csv`), columns by header name;
a listing of nothing must still carry its header row. Each test makes its own project over REST. Data goes in
through pyxnat's own thin `Interface.post('/data/services/import', …)` wrapper (Basic + raw body), as its users do.
"""
import pytest
from pyxnat.core.errors import DatabaseError

import real_clients as rc


@pytest.fixture(scope="module")
def module_server(tmp_path_factory):
    """conftest's module server, with debug logs so a test can see the requests the client made."""
    yield from rc.running_server(tmp_path_factory)


@pytest.fixture
def project(sluice_api):
    return rc.new_project(sluice_api, "PYX")


@pytest.fixture
def interface(module_server):
    """A `pyxnat.Interface` as admin; its JSESSION is closed afterwards (`DELETE /data/JSESSION`)."""
    connection = rc.pyxnat(module_server)
    yield connection
    connection.disconnect()


def labels(collection):
    """The labels of a pyxnat collection, sorted. (`collection.get('label')` gives IDs: pyxnat fixes the ID column
    when the iteration starts, before `get` switches it to `label`.)"""
    return sorted(element.label() for element in collection)


def post_import(interface, data, content_type="application/zip", **params):
    """pyxnat's way to the import service: `interface.post('/data/services/import', params, data, headers)`."""
    response = interface.post(
        "/data/services/import", params=params, data=data, headers={"Content-Type": content_type}
    )
    assert response.status_code == 200, (response.status_code, response.text)
    return response.text.strip()


def archive_study(interface, project, patient, tmp_path):
    """Imports the §10 study of `patient` straight into the archive; returns (study, experiment URI)."""
    study = rc.client_study(patient)
    upload = rc.write_zip(study, tmp_path / f"{patient}.zip")
    uri = post_import(interface, upload.read_bytes(), project=project, subject=patient,
                      session=f"{patient}_MR1", dest="/archive", **{"import-handler": "DICOM-zip"})
    assert uri == f"/data/archive/projects/{project}/subjects/{patient}/experiments/{patient}_MR1", uri
    return study, uri


# MARK: - E2 cross-check: CSV listings by label and by ID


def test_e2_csv_listings_by_label_and_by_id(module_server, interface, project, tmp_path):
    """E2: after an archive import, pyxnat's CSV listings find the project, subject, experiment, scans, resources
    and files by label and by ID, and a file downloads byte-equal."""
    server, since = module_server, rc.mark(module_server)
    study, _ = archive_study(interface, project, "SUBJ03", tmp_path)
    source = rc.study_files(study)

    assert project in interface.select.projects().get()
    xproject = interface.select.project(project)
    assert xproject.exists()
    [subject_id] = xproject.subjects().get()
    assert labels(xproject.subjects()) == ["SUBJ03"]

    by_label = xproject.subject("SUBJ03").experiment("SUBJ03_MR1")
    assert by_label.exists()
    assert by_label.datatype() == "xnat:mrSessionData"
    [experiment_id] = xproject.subject("SUBJ03").experiments().get()
    assert labels(xproject.subject("SUBJ03").experiments()) == ["SUBJ03_MR1"]
    assert by_label.scans().get() == ["1", "2"]

    by_id = xproject.subject(subject_id).experiment(experiment_id)
    assert by_id.exists()
    assert by_id.scans().get() == ["1", "2"]
    assert by_id.label() == "SUBJ03_MR1"

    for number, experiment in ((1, by_label), (2, by_id)):
        scan = experiment.scan(str(number))
        assert scan.datatype() == "xnat:mrScanData"
        assert labels(scan.resources()) == ["DICOM"]
        [resource_id] = scan.resources().get()
        for resource in (scan.resource("DICOM"), scan.resource(resource_id)):
            assert sorted(resource.files().get()) == rc.series_names(study, number)

    name = rc.series_names(study, 1)[0]
    target = tmp_path / "download" / name
    target.parent.mkdir()
    by_label.scan("1").resource("DICOM").file(name).get(str(target))
    assert target.read_bytes() == source[name]
    assert rc.unexpected(server, since) == []


def test_empty_csv_listings_have_a_header_row(interface, project):
    """§1.4: an empty listing is still a CSV with its header row (an empty body makes pyxnat raise)."""
    xproject = interface.select.project(project)
    assert xproject.subjects().get() == []
    assert xproject.experiments().get() == []
    assert xproject.subject("NOBODY").experiments().get() == []
    assert interface._get_json(f"/data/prearchive/projects/{project}") == []


# MARK: - E4: prearchive management


def import_to_prearchive(interface, project, patient, tmp_path):
    """Imports the §10 study of `patient` into the project's prearchive; returns (study, [P, TS, FOLDER], URI)."""
    study = rc.client_study(patient)
    upload = rc.write_zip(study, tmp_path / "dicom.zip")
    uri = post_import(interface, upload.read_bytes(), project=project, subject=patient, session=f"{patient}_MR1",
                      dest="/prearchive", **{"import-handler": "DICOM-zip"})
    assert uri.startswith(f"/data/prearchive/projects/{project}/"), uri
    _, _, _, _, timestamp, folder = uri.strip("/").split("/")
    return study, [project, timestamp, folder], uri


def test_e4_prearchive_listings_and_reset(module_server, interface, project, tmp_path):
    """E4: `manage.prearchive` lists the session (`get`, `status`, `get_uri`), its scans, resources and files;
    `reset(triple)` (POST `?format=single`, form body `action=build`) rebuilds it and it stays READY."""
    server, since = module_server, rc.mark(module_server)
    study, triple, uri = import_to_prearchive(interface, project, "SUBJ04", tmp_path)

    prearchive = interface.manage.prearchive
    assert triple in prearchive.get()
    assert prearchive.status(triple) == "READY"
    assert prearchive.get_uri(triple) == uri[len("/data"):]
    assert prearchive.get_scans(triple) == ["1", "2"]
    assert prearchive.get_resources(triple, "1") == "DICOM"  # JsonTable.get gives a bare value for one row
    assert sorted(prearchive.get_files(triple, "1", "DICOM")) == rc.series_names(study, 1)
    assert sorted(prearchive.get_files(triple, "2", "DICOM")) == rc.series_names(study, 2)

    prearchive.reset(triple)
    assert prearchive.status(triple) == "READY"
    assert prearchive.get_scans(triple) == ["1", "2"]
    assert rc.unexpected(server, since) == []


def test_e4_prearchive_delete(module_server, interface, project, tmp_path):
    """E4: `manage.prearchive.delete(get_uri(triple))` (POST /data/services/prearchive/delete?format=csv, form body
    `src=/prearchive/…&async=false`, src without `/data`) removes the session; the empty listing still parses."""
    server, since = module_server, rc.mark(module_server)
    _, triple, _ = import_to_prearchive(interface, project, "SUBJ12", tmp_path)
    prearchive = interface.manage.prearchive
    prearchive.delete(prearchive.get_uri(triple))
    assert triple not in prearchive.get()
    assert interface._get_json(f"/data/prearchive/projects/{project}") == []
    assert rc.unexpected(server, since) == []


def test_post_import_with_inbody_and_no_handler(interface, project, tmp_path):
    """§3: `post('/data/services/import', params={'project': P, 'inbody': 'true'}, data=zip)` (Basic, raw body,
    no handler ⇒ the site default, DICOM-zip) answers the prearchive URI of the study."""
    study = rc.client_study("SUBJ01")
    upload = rc.write_zip(study, tmp_path / "dicom.zip")
    uri = post_import(interface, upload.read_bytes(), project=project, inbody="true")
    assert uri.startswith(f"/data/prearchive/projects/{project}/") and uri.endswith("/SUBJ01"), uri
    rows = interface._get_json(f"/data/prearchive/projects/{project}")
    assert [row["url"] for row in rows] == [uri[len("/data"):]]


# MARK: - Archive writes: element creation and file uploads


def test_create_elements_insert_file_and_put_zip(module_server, interface, project, tmp_path):
    """§3: `.create()` of a subject, an experiment (xnat:mrSessionData), a scan (xnat:mrScanData) and a resource;
    `.insert()` of another subject; `resource.file(name).insert(path)` (POST `inbody=true`, no Content-Type) and
    `resource.put_zip(zip)` (`extract=true`) → the files listed with their sizes, readable byte-equal."""
    server, since = module_server, rc.mark(module_server)
    xproject = interface.select.project(project)
    subject = xproject.subject("SUBJ05")
    subject.create()
    assert subject.exists()
    xproject.subject("SUBJ05B").insert()
    assert labels(xproject.subjects()) == ["SUBJ05", "SUBJ05B"]

    experiment = subject.experiment("SUBJ05_MR1")
    experiment.create()
    assert experiment.exists()
    assert experiment.datatype() == "xnat:mrSessionData"
    scan = experiment.scan("1")
    scan.create()
    assert scan.exists()
    assert scan.datatype() == "xnat:mrScanData"
    nifti = scan.resource("NIFTI")
    nifti.create()
    assert nifti.exists()

    single = tmp_path / "a.nii"
    single.write_bytes(b"\x5c\x01\x00\x00" + bytes(range(256)) * 3)
    nifti.file("a.nii").insert(str(single))
    assert nifti.files().get() == ["a.nii"]
    assert nifti.file("a.nii").size() == str(single.stat().st_size)
    target = tmp_path / "back" / "a.nii"
    target.parent.mkdir()
    nifti.file("a.nii").get(str(target))
    assert target.read_bytes() == single.read_bytes()

    study = rc.client_study("SUBJ05")
    archive = rc.write_zip(study, tmp_path / "dicom.zip")
    zipped = scan.resource("ZIPPED")
    zipped.put_zip(str(archive))
    assert sorted(zipped.files().get()) == sorted(rc.study_files(study))
    sizes = {name: zipped.file(name).size() for name in zipped.files().get()}
    assert sizes == {name: str(len(data)) for name, data in rc.study_files(study).items()}
    assert labels(scan.resources()) == ["NIFTI", "ZIPPED"]
    assert rc.unexpected(server, since) == []


# MARK: - E5: wrong password


def test_e5_wrong_password_raises_database_error(module_server):
    """E5: with a wrong password, DAX's credential check (`_exec('/data/JSESSION')`) and a prearchive listing raise
    pyxnat's DatabaseError (OperationalError is one) — not UnboundLocalError, which pyxnat's error parser raises on
    an HTML 401 body. (`select…get()` listings swallow every error and give `[]`, so they cannot show it.)"""
    interface = rc.pyxnat(module_server, password="not-the-password")
    with pytest.raises(DatabaseError):
        interface._exec("/data/JSESSION", "GET")
    with pytest.raises(DatabaseError):
        interface.manage.prearchive.get()
    assert interface.select.projects().get() == []
