"""The real xnatpy 0.8.1 (PyPI `xnat`) against Sluice: xnat-clients §10 scenarios E1, E2, E5 and the archive writes
of §2.5, plus the `xnat` command line (§2.6).

Each test makes its own project over REST, connects with `xnat.connect` (full model unless said otherwise) and
drives only the client's public API — the requests on the wire are xnatpy's own. Failures name the call; the
server log (debug) lists what Sluice answered (`real_clients.unexpected`).
"""
import datetime
import gc
import pathlib
import sys

import pytest
import requests
import xnat
from xnat import exceptions
from xnat.prearchive import PrearchiveSession

import real_clients as rc
from dicom_factory import S, make_study


@pytest.fixture(scope="module")
def module_server(tmp_path_factory):
    """conftest's module server, with debug logs so a test can see the requests the client made."""
    yield from rc.running_server(tmp_path_factory)


@pytest.fixture(autouse=True)
def forget_closed_sessions():
    """xnatpy keeps weak references to every listing of every session in the process and, on `delete()`, compares
    the deleted object with their items; items of an already closed session then raise XNATNotConnectedError.
    Let go of what earlier tests left (pytest keeps the frames of the last failure in `sys.last_traceback`)."""
    sys.last_type = sys.last_value = sys.last_traceback = None
    gc.collect()


@pytest.fixture
def project(sluice_api):
    return rc.new_project(sluice_api, "XPY")


def assert_same_files(found, expected):
    """`found` and `expected` map file names to bytes; same names, byte-equal contents."""
    assert sorted(found) == sorted(expected)
    for name, data in expected.items():
        assert found[name] == data, f"{name} differs from the file sent"


def dicoms(members):
    """The `.dcm` members of a downloaded zip (catalog XML files beside them are XNAT's layout, not data)."""
    return {name: data for name, data in members.items() if name.endswith(".dcm")}


def attempt(call):
    """`call()`, or the text of the exception it raised (to compare several checks in one assert)."""
    try:
        return call()
    except Exception as error:  # noqa: BLE001 - reported, not hidden: it fails the comparison
        return f"raised {type(error).__name__}: {error}"


def abstract_resource_id(api, experiment_id, scan_id, label):
    """`xnat_abstractresource_id` of a scan resource, read over REST (what xnatpy must key the resource by)."""
    response = api.http.get(api.url(f"/data/experiments/{experiment_id}/scans/{scan_id}/resources"),
                            params={"format": "json"})
    assert response.status_code == 200, response.text
    [row] = [row for row in response.json()["ResultSet"]["Result"] if row["label"] == label]
    return row["xnat_abstractresource_id"]


def requests_hint(server, since):
    return f"\nrequests Sluice refused: {rc.unexpected(server, since)}"


# MARK: - E1: DICOM-zip → prearchive → archive → browse → download


@pytest.mark.parametrize("extension_types", [True, False], ids=["full-model", "extension_types-False"])
def test_e1_prearchive_import_archive_browse_download(module_server, sluice_api, project, tmp_path, extension_types):
    """E1: `services.import_` of a DICOM zip to /prearchive gives a READY PrearchiveSession (subject, scan date);
    the prearchive listing, scans, resources, files and zip download show the 6 DICOMs sent; `archive()` gives an
    MrSessionData; the archive browses by label and by ID down to files whose download (MD5-checked by xnatpy)
    is byte-equal to the source; `disconnect()` ends the session with DELETE /data/JSESSION."""
    server, since = module_server, rc.mark(module_server)
    study = rc.client_study()
    source = rc.study_files(study)
    upload = rc.write_zip(study, tmp_path / "dicom.zip")

    session = rc.xnatpy(server, extension_types=extension_types)
    try:
        assert session.logged_in_user == rc.USER
        pre = session.services.import_(
            str(upload),
            project=project,
            subject="SUBJ01",
            experiment="SUBJ01_MR1",
            destination="/prearchive",
            import_handler="DICOM-zip",
            overwrite="none",
        )
        assert isinstance(pre, PrearchiveSession), pre
        assert pre.status == "READY"
        assert pre.subject == "SUBJ01"
        assert pre.name == "SUBJ01_MR1"
        assert pre.scan_date == rc.STUDY_DATE
        assert isinstance(pre.lastmod, datetime.datetime)

        [listed] = session.prearchive.sessions(project=project)
        assert listed.uri == pre.uri
        assert pre.uri in [s.uri for s in session.prearchive.sessions()]
        assert list(listed.scans.keys()) == ["1", "2"]
        assert [scan.series_description for scan in listed.scans.values()] == ["T1w", "T2w"]
        for number in (1, 2):
            scan = listed.scans[str(number)]
            [resource] = scan.resources.values()
            assert resource.label == "DICOM"
            assert resource.file_count == 3
            files = scan.files
            assert sorted(f.name for f in files.values()) == rc.series_names(study, number)
            assert_same_files({f.name: f.open().read() for f in files.values()}, {
                name: source[name] for name in rc.series_names(study, number)
            })

        # The zip is the session folder: the 6 DICOMs (and the scan catalogs beside them).
        downloaded = pre.download(tmp_path / "prearchive.zip")
        assert_same_files(dicoms(rc.zip_members(downloaded)), source)

        experiment = pre.archive()
        assert type(experiment).__name__ == "MrSessionData", experiment
        assert experiment.label == "SUBJ01_MR1"
        assert session.prearchive.sessions(project=project) == []

        # Browse by label …
        subject = session.projects[project].subjects["SUBJ01"]
        assert subject.label == "SUBJ01"
        by_label = subject.experiments["SUBJ01_MR1"]
        assert by_label.id == experiment.id
        assert sorted(by_label.scans.keys()) == ["1", "2"]
        scan = by_label.scans["1"]
        assert type(scan).__name__ == "MrScanData"
        resource = scan.resources["DICOM"]
        files = resource.files
        assert sorted(files.keys()) == rc.series_names(study, 1)
        for name in rc.series_names(study, 1):
            target = tmp_path / "by_label" / name
            target.parent.mkdir(exist_ok=True)
            files[name].download(str(target), verbose=False)
            assert target.read_bytes() == source[name]
            assert files[name].digest == rc.md5_bytes(source[name])

        # … and by ID, at every level.
        by_id = session.projects[project].subjects[subject.id].experiments[experiment.id]
        assert by_id.label == "SUBJ01_MR1"
        assert session.experiments[experiment.id].label == "SUBJ01_MR1"

        scan_zip = tmp_path / "scan2.zip"
        by_id.scans["2"].download(str(scan_zip), verbose=False)
        assert_same_files(dicoms(rc.zip_members(scan_zip)), {n: source[n] for n in rc.series_names(study, 2)})

        # Checked together so that one failure does not hide the others:
        # - XNAT types a scan built from DICOM with its SeriesDescription;
        # - xnatpy keys resources by `xnat_abstractresource_id` (it synthesizes ID and URI from it when a row has
        #   neither; a row with a URI but no ID is taken for a *file* and keyed by its whole URI) and caches
        #   resource objects by that ID alone, so it must be unique across the site, as XNAT's is;
        # - `session.subjects[ID]` lists `/data/archive/subjects`.
        scan2 = by_id.scans["2"]
        assert (
            attempt(lambda: [scan.type for scan in by_id.scans.values()]),
            attempt(lambda: resource.id),
            attempt(lambda: sorted(scan2.resources[scan2.resources["DICOM"].id].files.keys())),
            attempt(lambda: session.subjects[subject.id].label),
        ) == (
            ["T1w", "T2w"],
            abstract_resource_id(sluice_api, experiment.id, "1", "DICOM"),
            rc.series_names(study, 2),
            "SUBJ01",
        )
    finally:
        before_logout = rc.mark(server)
        session.disconnect()
    assert ("DELETE", "/data/JSESSION", 200) in rc.handled(server, before_logout)
    assert rc.unexpected(server, since) == []


@pytest.fixture(scope="module")
def idle_build_server(tmp_path_factory):
    """A server whose idle timer builds a RECEIVING prearchive session after 2 s (XNAT: 5 minutes)."""
    yield from rc.running_server(tmp_path_factory, SLUICE_IDLE_BUILD_SECONDS="2")


def test_e1_cli_import_experiment_and_prearchive_list(idle_build_server, tmp_path):
    """E1 via the `xnat` command (XNATPY_HOST/USER/PASS): `xnat import experiment DIR --import_handler DICOM-zip`
    (no `dest`, so no commit: the session is RECEIVING until the idle build, as in XNAT) puts the study into the
    project's prearchive, and once built `xnat prearchive list` shows it."""
    server, since = idle_build_server, rc.mark(idle_build_server)
    from prearchive_client import Sluice

    api = Sluice(server)
    project = rc.new_project(api, "XCLI")
    study = rc.client_study()
    folder = tmp_path / "dicom"
    rc.write_dicom_dir(study, folder)
    home = tmp_path / "home"
    home.mkdir()
    env = rc.client_env(home, XNATPY_HOST=server.base_url, XNATPY_USER=rc.USER, XNATPY_PASS=rc.PASSWORD)

    imported = rc.run_script(
        "xnat", "import", "experiment", folder,
        "--project", project, "--subject", "SUBJ02", "--experiment", "SUBJ02_MR1", "--import_handler", "DICOM-zip",
        env=env, cwd=tmp_path,
    )
    assert imported.returncode == 0, rc.explain(imported) + requests_hint(server, since)
    assert "ERROR" not in imported.stdout + imported.stderr, rc.explain(imported)
    assert "Import complete!" in imported.stderr, rc.explain(imported)

    [row] = api.rows(project)
    assert (row["subject"], row["name"]) == ("SUBJ02", "SUBJ02_MR1")
    built = rc.wait_for(lambda: [r for r in api.rows(project) if r["status"] == "READY"], timeout=60)
    assert built, api.rows(project)

    listed = rc.run_script("xnat", "prearchive", "list", env=env, cwd=tmp_path)
    assert listed.returncode == 0, rc.explain(listed) + requests_hint(server, since)
    assert "Prearchive session SUBJ02_MR1" in listed.stdout.splitlines(), rc.explain(listed)

    with rc.xnatpy(server) as session:
        [pre] = session.prearchive.sessions(project=project)
        assert (pre.subject, pre.name, pre.status) == ("SUBJ02", "SUBJ02_MR1", "READY")
        assert list(pre.scans.keys()) == ["1", "2"]
    assert not (home / ".netrc").exists()
    assert rc.unexpected(server, since) == []


# MARK: - E2: direct to the archive, overwrite rules, other handlers and bodies


def test_e2_import_dir_to_archive_and_the_overwrite_rules(module_server, project, tmp_path):
    """E2: `import_dir(dest=/archive)` archives an MrSessionData; the same directory again without `overwrite`
    is refused (XNATUploadError, a plain-text message) and changes nothing on disk; `overwrite='append'` with a
    further series of the same study merges into the same experiment. (The refused upload is left in the prearchive as
    CONFLICT and is deleted first; the same files again with `append` would be a duplicate conflict under XNAT's merge
    rules, xnat-import-spec §6.4, so the append step sends new files.)"""
    server, since = module_server, rc.mark(module_server)
    study = make_study(
        [S("MR", 3, description="T1w"), S("MR", 3, description="T2w"), S("MR", 3, description="FLAIR")],
        patient_name="SUBJ03", patient_id="SUBJ03", study_date="20240102",
    )
    first, third = study.only(0, 1), study.only(2)
    folder = tmp_path / "dicom"
    rc.write_dicom_dir(first, folder)
    ids = dict(project=project, subject="SUBJ03", experiment="SUBJ03_MR1", destination="/archive",
               import_handler="DICOM-zip")

    with rc.xnatpy(server) as session:
        experiment = session.services.import_dir(str(folder), **ids)
        assert type(experiment).__name__ == "MrSessionData", experiment
        assert experiment.label == "SUBJ03_MR1"
        assert sorted(experiment.scans.keys()) == ["1", "2"]

        before = rc.archive_tree(server)
        with pytest.raises(exceptions.XNATUploadError) as refused:
            session.services.import_dir(str(folder), **ids)
        assert "<html" not in str(refused.value).lower()
        assert rc.archive_tree(server) == before
        # The refused upload stays in the prearchive as CONFLICT (xnat-import-spec §4); a further upload of the
        # same study and label would reopen it, so clear it first, as a user would.
        [conflict] = session.prearchive.sessions(project=project)
        assert (conflict.name, conflict.status) == ("SUBJ03_MR1", "CONFLICT")
        conflict.delete()

        again = tmp_path / "dicom3"
        rc.write_dicom_dir(third, again)
        merged = session.services.import_dir(str(again), overwrite="append", **ids)
        assert merged.id == experiment.id
        session.clearcache()
        assert sorted(session.experiments[experiment.id].scans.keys()) == ["1", "2", "3"]
        assert [e.label for e in session.projects[project].experiments.values()] == ["SUBJ03_MR1"]
    assert [(method, path) for method, path, _ in rc.unexpected(server, since)] == [
        ("POST", "/data/services/import")
    ]


def test_e2_si_handler_to_the_prearchive(module_server, project, tmp_path):
    """E2: `import_(zip, import_handler='SI')` gives a PrearchiveSession with both scans."""
    server, since = module_server, rc.mark(module_server)
    study = rc.client_study("SUBJ07")
    upload = rc.write_zip(study, tmp_path / "si.zip")
    with rc.xnatpy(server) as session:
        pre = session.services.import_(str(upload), project=project, subject="SUBJ07", experiment="SUBJ07_MR1",
                                       import_handler="SI")
        assert isinstance(pre, PrearchiveSession), pre
        assert pre.name == "SUBJ07_MR1"
        assert pre.status == "READY"
        assert list(pre.scans.keys()) == ["1", "2"]
    assert rc.unexpected(server, since) == []


def test_e2_tar_gz_sent_as_application_x_tar(module_server, project, tmp_path):
    """E2: a `.tar.gz` goes out as `Content-Type: application/x-tar` (xnatpy's mimetypes guess; compression not
    indicated) and is archived all the same (the server sniffs the gzip magic)."""
    server, since = module_server, rc.mark(module_server)
    study = rc.client_study("SUBJ08")
    upload = rc.write_tgz(study, tmp_path / "dicom.tar.gz")
    with rc.xnatpy(server) as session:
        assert session.services.guess_content_type(upload) == "application/x-tar"
        experiment = session.services.import_(str(upload), project=project, subject="SUBJ08",
                                              experiment="SUBJ08_MR1", destination="/archive",
                                              import_handler="DICOM-zip")
        assert type(experiment).__name__ == "MrSessionData", experiment
        files = experiment.scans["2"].resources["DICOM"].files
        assert sorted(files.keys()) == rc.series_names(study, 2)
    assert rc.unexpected(server, since) == []


def test_e2_gradual_dicom_per_file_then_commit(module_server, project):
    """E2/E4: six gradual-DICOM uploads (`content_type='application/dicom'`, one file each) all answer the same
    PrearchiveSession; it is RECEIVING (hidden by `sessions()`, shown with `allow_receiving=True`) until
    `s.post(uri, query={'action': 'commit'})`, after which it is READY with 2 scans × 3 files."""
    server, since = module_server, rc.mark(module_server)
    study = rc.client_study("SUBJ04")
    with rc.xnatpy(server) as session:
        uris = set()
        for name, data in study.files():
            pre = session.services.import_(data=data, project=project, subject="SUBJ04", experiment="SUBJ04_MR1",
                                           import_handler="gradual-DICOM", content_type="application/dicom")
            assert isinstance(pre, PrearchiveSession), pre
            uris.add(pre.uri)
        [uri] = uris
        assert session.prearchive.sessions(project=project) == []
        [receiving] = session.prearchive.sessions(project=project, allow_receiving=True)
        assert (receiving.uri, receiving.status) == (uri, "RECEIVING")

        response = session.post(uri, query={"action": "commit"})
        assert response.status_code == 200, response.text
        assert response.text.strip() == uri
        session.clearcache()  # xnatpy caches PrearchiveSession objects (and their row) by URI
        [ready] = session.prearchive.sessions(project=project)
        assert ready.status == "READY"
        assert list(ready.scans.keys()) == ["1", "2"]
        assert [len(scan.files) for scan in ready.scans.values()] == [3, 3]
    assert rc.unexpected(server, since) == []


def test_prearchive_rebuild_move_and_delete(module_server, sluice_api, project, tmp_path):
    """PrearchiveSession.rebuild() keeps the session READY; .move(P2) moves it to P2's prearchive (gone from P);
    .delete() removes it."""
    server, since = module_server, rc.mark(module_server)
    other = rc.new_project(sluice_api, "XPYM")
    upload = rc.write_zip(rc.client_study("SUBJ09"), tmp_path / "dicom.zip")
    with rc.xnatpy(server) as session:
        pre = session.services.import_(str(upload), project=project, subject="SUBJ09", experiment="SUBJ09_MR1",
                                       import_handler="DICOM-zip")
        pre.rebuild()
        [rebuilt] = session.prearchive.sessions(project=project)
        assert (rebuilt.uri, rebuilt.status) == (pre.uri, "READY")

        rebuilt.move(other)
        assert session.prearchive.sessions(project=project) == []
        [moved] = session.prearchive.sessions(project=other)
        assert (moved.name, moved.project) == ("SUBJ09_MR1", other)
        assert list(moved.scans.keys()) == ["1", "2"]

        moved.delete()
        assert session.prearchive.sessions(project=other) == []
    assert rc.unexpected(server, since) == []


# MARK: - E5: authentication


def test_e5_password_login_reads_the_session_expiration(module_server):
    """E5: a password login sets SESSION_EXPIRATION_TIME, which xnatpy parses for its keep-alive."""
    with rc.xnatpy(module_server) as session:
        assert session.logged_in_user == rc.USER
        assert session.session_expiration_time is not None
        assert session.jsession


def test_e5_alias_token_login(module_server):
    """E5: `services.issue_token()` gives an alias/secret pair; `xnat.connect(user=alias, password=secret)` logs
    in through `GET /` with Basic (the JSESSIONID cookie of that response) as the token's owner."""
    server = module_server
    with rc.xnatpy(server) as session:
        token = session.services.issue_token()
    assert token.alias and token.secret
    since = rc.mark(server)
    with xnat.connect(server.base_url, user=token.alias, password=token.secret, loglevel="WARNING") as session:
        assert session.logged_in_user == rc.USER
        assert session.jsession
        assert session.projects is not None
    assert ("PUT", "/data/services/auth", 200) not in rc.handled(server, since)


def test_e5_jsession_login(module_server):
    """E5: a session ID from the form login (`PUT /data/services/auth`) is enough for `xnat.connect(jsession=…)`."""
    response = requests.put(
        module_server.base_url + "/data/services/auth",
        data={"username": rc.USER, "password": rc.PASSWORD},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    jsession = response.text.strip()
    with xnat.connect(module_server.base_url, jsession=jsession, loglevel="WARNING") as session:
        assert session.logged_in_user == rc.USER


def test_e5_wrong_password_is_a_login_failure(module_server):
    """E5: a wrong password makes `xnat.connect` raise XNATLoginFailedError (401 plain text, no HTML)."""
    with pytest.raises(exceptions.XNATLoginFailedError):
        xnat.connect(module_server.base_url, user=rc.USER, password="not-the-password", loglevel="CRITICAL")


# MARK: - Archive writes with the object API (§2.5; what xnatutils and xnat-ingest do)


def make_upload_dir(root):
    """A few small files, one in a sub-folder: relative path → bytes."""
    files = {
        "t1.nii.gz": b"\x1f\x8b" + bytes(range(200)),
        "notes.txt": b"uploaded by the interop tests\n",
        "sub/extra.json": b'{"a": 1}\n',
    }
    for relative, data in files.items():
        path = pathlib.Path(root) / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return files


def remote_files(resource):
    """Path → (digest, bytes) of every file of a resource, read back through xnatpy."""
    out = {}
    for path, entry in resource.files.items():
        with entry.open() as stream:
            out[path] = (entry.digest, stream.read())
    return out


def test_object_api_creates_subject_session_scan_and_resources(module_server, sluice_api, project, tmp_path):
    """§2.5: SubjectData / MrSessionData / MrScanData created through `s.classes` (PUT …?xsiType=…&req_format=qs,
    body = new ID), `create_resource('NIFTI')`, `resource.upload(path, name)`, `upload_dir` with the default
    `tgz_file` (one `upload.tar.gz?extract=true` with a `/` root member) and with `per_file`; each resource then
    lists exactly the files sent with their MD5 `digest`, and each reads back byte-equal."""
    server, since = module_server, rc.mark(module_server)
    folder = tmp_path / "upload"
    sent = make_upload_dir(folder)
    with rc.xnatpy(server) as session:
        xproject = session.projects[project]
        subject = session.classes.SubjectData(parent=xproject, label="SUBJ06")
        assert subject.label == "SUBJ06" and subject.id
        experiment = session.classes.MrSessionData(parent=subject, label="SUBJ06_MR1")
        assert experiment.label == "SUBJ06_MR1" and experiment.id
        scan = session.classes.MrScanData(parent=experiment, id="t1w", type="t1w")
        assert scan.id == "t1w"

        single = scan.create_resource("NIFTI")
        assert single.label == "NIFTI"
        single.upload(str(folder / "t1.nii.gz"), "t1.nii.gz")
        assert remote_files(single) == {"t1.nii.gz": (rc.md5_bytes(sent["t1.nii.gz"]), sent["t1.nii.gz"])}

        tgz = scan.create_resource("TGZ")
        tgz.upload_dir(str(folder))
        per_file = scan.create_resource("PERFILE")
        per_file.upload_dir(str(folder), method="per_file")
        expected = {path: (rc.md5_bytes(data), data) for path, data in sent.items()}
        assert remote_files(tgz) == expected
        assert remote_files(per_file) == expected

        session.clearcache()
        again = session.projects[project].subjects["SUBJ06"].experiments["SUBJ06_MR1"]
        assert again.id == experiment.id
        assert type(again).__name__ == "MrSessionData"
        resources = again.scans["t1w"].resources
        assert sorted(r.label for r in resources.values()) == ["NIFTI", "PERFILE", "TGZ"]
        # The scan type sent as `xnat:mrScanData/type=t1w`, and resources keyed by `xnat_abstractresource_id`.
        assert (again.scans["t1w"].type, sorted(resources.keys())) == ("t1w", sorted(
            abstract_resource_id(sluice_api, experiment.id, "t1w", label) for label in ("NIFTI", "PERFILE", "TGZ")
        ))
    session_dir = pathlib.Path(server.data_dir) / "archive" / project
    stored = rc.tree(session_dir)
    assert not any(value.startswith("symlink") for value in stored.values()), stored
    assert rc.unexpected(server, since) == []


def test_experiment_delete_removes_it(module_server, project, tmp_path):
    """`experiment.delete()` (DELETE …/experiments/<ID>?removeFiles=true) removes the experiment from listings
    and its files from the archive; a second experiment deleted with a raw `DELETE ?removeFiles=true` likewise."""
    server, since = module_server, rc.mark(module_server)
    with rc.xnatpy(server) as session:
        labels = []
        for patient in ("SUBJ10", "SUBJ11"):
            folder = tmp_path / patient
            rc.write_dicom_dir(rc.client_study(patient), folder)
            session.services.import_dir(str(folder), project=project, subject=patient,
                                        experiment=f"{patient}_MR1", destination="/archive",
                                        import_handler="DICOM-zip")
            labels.append(f"{patient}_MR1")
        archive = pathlib.Path(server.data_dir) / "archive" / project / "arc001"
        assert all((archive / label).is_dir() for label in labels)

        first = session.projects[project].experiments[labels[0]]
        first.delete()
        second = session.projects[project].experiments[labels[1]]
        session.delete(second.fulluri, query={"removeFiles": "true"})
        session.clearcache()
        assert list(session.projects[project].experiments.keys()) == []
        assert not any((archive / label).exists() for label in labels)
    assert rc.unexpected(server, since) == []
