"""Archiving into the permanent archive (xnat-import-spec §6.1, §6.2, §6.7, §4.6, §2.2; xnat-clients §2.4, §5).

`POST /data/services/archive` (by `src`, form body, or project + timestamp + folder), `action=commit` on a
prearchive session (301 + archive URI when the session auto-archives), and imports that archive (`action=commit`
with `AA`/`auto-archive`, an auto-archive project, or `AA:` in the DICOM header). Every test checks the archive
on disk: `<data>/archive/<P>/arc001/<LABEL>/<LABEL>.xml`, the scan folders, catalogs whose entries and MD5
digests match the files, and that the prearchive session is gone.
"""
import pytest
import requests

from archive_client import (
    ArchivedSession,
    Archiver,
    EXPERIMENT_ID,
    SUBJECT_ID,
    archive_leftovers,
    expected_files,
    scan_files,
    session_folder,
    uid_name,
    zip_of,
)
from dicom_factory import S, default_name, make_study, part10
from prearchive_client import NS, XNAT, XSI_TYPE, Sluice, resources, scans, uri_list


@pytest.fixture(scope="module")
def arc(sluice_api):
    sluice_api.create_project("ARC")
    sluice_api.create_project("ARC4", prearchive_code=4)
    sluice_api.create_project("ARC5", prearchive_code=5)
    return Archiver(sluice_api)


def labels(subject, label, project="ARC"):
    return {"PROJECT_ID": project, "SUBJECT_ID": subject, "EXPT_LABEL": label}


def assert_archived(arc, archived, datasets, *, scan=None, name=uid_name):
    """The archived session holds exactly `datasets`, catalogued with correct digests."""
    catalogued = arc.catalogued(archived)
    assert scan_files(catalogued) == expected_files(datasets, scan=scan, name=name)
    assert archive_leftovers(arc.data_dir) == []
    return catalogued


# MARK: POST /data/services/archive


def test_services_archive_moves_a_session_into_the_archive_layout(arc):
    study = make_study([S("MR", 3, number=4), S("MR", 2, number=5)])
    session = arc.prearchive(study.datasets, name=default_name, **labels("ARC_SUBJ1", "ARC_MR1"))
    uploaded = {default_name(ds): part10(ds) for ds in study.datasets}

    response = arc.services_archive(src=session.uri)
    assert response.status_code == 200, response.text
    assert response.text == "/data/archive/projects/ARC/subjects/ARC_SUBJ1/experiments/ARC_MR1\r\n"
    assert uri_list(response) == ["/data/archive/projects/ARC/subjects/ARC_SUBJ1/experiments/ARC_MR1"]
    archived = ArchivedSession("ARC", "ARC_SUBJ1", "ARC_MR1")

    folder = session_folder(arc.data_dir, "ARC", "ARC_MR1")
    assert folder == arc.data_dir / "archive" / "ARC" / "arc001" / "ARC_MR1"
    assert (folder / "ARC_MR1.xml").is_file()
    root = arc.xml(archived)
    assert root.tag == f"{{{XNAT}}}MRSession"
    assert (root.get("project"), root.get("label"), root.get("UID")) == ("ARC", "ARC_MR1", study.uid)
    assert EXPERIMENT_ID.fullmatch(root.get("ID") or ""), root.attrib
    assert SUBJECT_ID.fullmatch(root.findtext("xnat:subject_ID", namespaces=NS) or "")
    assert root.find("xnat:prearchivePath", NS) is None, "the archived document still points into the prearchive"

    found = scans(root)
    assert list(found) == ["4", "5"]
    for series in study.series:
        scan = found[str(series.number)]
        assert scan.get("UID") == series.uid
        assert scan.get(XSI_TYPE) == "xnat:mrScanData"
        dicom = resources(scan)["DICOM"]
        assert dicom.get("URI") == f"SCANS/{series.number}/DICOM/scan_{series.number}_catalog.xml"
        assert dicom.get("file_count") == str(len(series.datasets))
        assert (folder / dicom.get("URI")).is_file()

    assert_archived(arc, archived, study.datasets, name=default_name)
    for path in folder.joinpath("SCANS").rglob("*.dcm"):
        assert path.read_bytes() == uploaded[path.name], f"{path} is not the uploaded file byte for byte"
    arc.assert_prearchive_gone(session)


def test_archiving_a_receiving_session_builds_it_first(arc):
    study = make_study([S("CT", 2, number=3)])
    session = arc.prearchive(study.datasets, **labels("ARC_SUBJ2", "ARC_UNBUILT"))
    assert arc.api.row(session)["status"] == "RECEIVING"
    assert not session.xml_path(arc.data_dir).exists()
    archived = arc.archive(session)
    assert archived == ArchivedSession("ARC", "ARC_SUBJ2", "ARC_UNBUILT")
    assert arc.xml(archived).tag == f"{{{XNAT}}}CTSession"
    assert_archived(arc, archived, study.datasets)
    arc.assert_prearchive_gone(session)


def test_a_built_session_is_archived_as_built(arc):
    study = make_study([S("PT", 2, number=1), S("CT", 1, number=2)])
    session = arc.prearchive(study.datasets, **labels("ARC_SUBJ3", "ARC_BUILT"))
    arc.api.build(session)
    archived = arc.archive(session)
    root = arc.xml(archived)
    assert root.tag == f"{{{XNAT}}}PETSession"
    assert {scan_id: scan.get(XSI_TYPE) for scan_id, scan in scans(root).items()} == {
        "1": "xnat:petScanData",
        "2": "xnat:ctScanData",
    }
    assert_archived(arc, archived, study.datasets)
    arc.assert_prearchive_gone(session)


def test_src_in_a_form_body(arc):
    study = make_study([S("MR", 2)])
    session = arc.prearchive(study.datasets, **labels("ARC_SUBJ4", "ARC_FORM"))
    response = arc.services_archive(src=session.uri, form=True)
    archived = arc.archived(response)
    assert archived == ArchivedSession("ARC", "ARC_SUBJ4", "ARC_FORM")
    assert_archived(arc, archived, study.datasets)
    arc.assert_prearchive_gone(session)


def test_project_timestamp_and_folder_name_the_session(arc):
    study = make_study([S("MR", 2)])
    session = arc.prearchive(study.datasets, **labels("ARC_SUBJ5", "ARC_TRIPLE"))
    response = arc.services_archive(
        params={"project": "ARC", "PREARC_TIMESTAMP": session.timestamp, "PREARC_SESSION_FOLDER": session.folder}
    )
    archived = arc.archived(response)
    assert archived == ArchivedSession("ARC", "ARC_SUBJ5", "ARC_TRIPLE")
    assert_archived(arc, archived, study.datasets)
    arc.assert_prearchive_gone(session)


def test_redirect_true_answers_303_to_the_archive_uri(arc):
    study = make_study([S("MR", 1)])
    session = arc.prearchive(study.datasets, **labels("ARC_SUBJ6", "ARC_REDIRECT"))
    response = arc.services_archive(src=session.uri, redirect="true")
    assert response.status_code == 303, (response.status_code, response.text)
    location = response.headers.get("Location", "")
    assert location.endswith("/data/archive/projects/ARC/subjects/ARC_SUBJ6/experiments/ARC_REDIRECT"), location
    assert_archived(arc, ArchivedSession("ARC", "ARC_SUBJ6", "ARC_REDIRECT"), study.datasets)
    arc.assert_prearchive_gone(session)


def test_dest_names_subject_and_experiment(arc):
    study = make_study([S("MR", 2)])
    session = arc.prearchive(study.datasets, **labels("ARC_SUBJ7", "ARC_DEST_SRC"))
    response = arc.services_archive(
        src=session.uri, dest="/archive/projects/ARC/subjects/ARC_DEST_SUBJ/experiments/ARC_DEST_EXPT"
    )
    archived = arc.archived(response)
    assert archived == ArchivedSession("ARC", "ARC_DEST_SUBJ", "ARC_DEST_EXPT")
    root = arc.xml(archived)
    assert root.get("label") == "ARC_DEST_EXPT"
    assert not session_folder(arc.data_dir, "ARC", "ARC_DEST_SRC").exists()
    assert_archived(arc, archived, study.datasets)
    arc.assert_prearchive_gone(session)


@pytest.mark.parametrize("label_parameter", ["session", "label"])
def test_subject_and_label_parameters_override_the_document(arc, label_parameter):
    study = make_study([S("MR", 1)])
    session = arc.prearchive(study.datasets, **labels("ARC_SUBJ8", f"ARC_PARAM_{label_parameter}"))
    response = arc.services_archive(
        src=session.uri, subject=f"ARC_OTHER_{label_parameter}", **{label_parameter: f"ARC_NEW_{label_parameter}"}
    )
    archived = arc.archived(response)
    assert archived == ArchivedSession("ARC", f"ARC_OTHER_{label_parameter}", f"ARC_NEW_{label_parameter}")
    assert arc.xml(archived).get("label") == f"ARC_NEW_{label_parameter}"
    assert_archived(arc, archived, study.datasets)


def test_the_xnatpy_archive_request(arc):
    # xnatpy `PrearchiveSession.archive(overwrite=None, quarantine=False, trigger_pipelines=False, project=,
    # subject=, experiment=)` (xnat-clients §2.4): query parameters only, no body.
    study = make_study([S("MR", 2)])
    session = arc.prearchive(study.datasets, **labels("ARC_SUBJ9", "ARC_XNATPY_SRC"))
    response = requests.post(
        arc.api.url("/data/services/archive"),
        params=[
            ("src", session.uri),
            ("auto-archive", "false"),
            ("quarantine", "false"),
            ("triggerPipelines", "false"),
            ("project", "ARC"),
            ("subject", "ARC_XNATPY_SUBJ"),
            ("session", "ARC_XNATPY"),
        ],
        auth=arc.api.http.auth,
        timeout=60,
    )
    assert response.status_code in (200, 201), response.text
    assert response.text.strip() == "/data/archive/projects/ARC/subjects/ARC_XNATPY_SUBJ/experiments/ARC_XNATPY"
    assert_archived(arc, ArchivedSession("ARC", "ARC_XNATPY_SUBJ", "ARC_XNATPY"), study.datasets)
    arc.assert_prearchive_gone(session)


def test_subjects_are_matched_by_label_ignoring_case(arc):
    first, second = make_study([S("MR", 1)]), make_study([S("MR", 1)])
    one = arc.archive(arc.prearchive(first.datasets, **labels("ArcCaseSubj", "ARC_CASE_1")))
    two = arc.archive(arc.prearchive(second.datasets, **labels("ARCCASESUBJ", "ARC_CASE_2")))
    roots = [arc.xml(one), arc.xml(two)]
    subjects = [root.findtext("xnat:subject_ID", namespaces=NS) for root in roots]
    assert SUBJECT_ID.fullmatch(subjects[0] or ""), subjects
    assert subjects[0] == subjects[1]
    assert roots[0].get("ID") != roots[1].get("ID")
    # The subject keeps the label it was created with.
    assert two == ArchivedSession("ARC", "ArcCaseSubj", "ARC_CASE_2")


def test_ids_on_a_fresh_server_start_at_one(server):
    api = Sluice(server)
    arc = Archiver(api)
    api.create_project("FRESH")
    a, b, c = (make_study([S("MR", 1)]) for _ in range(3))
    first = arc.archive(arc.prearchive(a.datasets, **labels("FRESH_A", "FRESH_1", "FRESH")))
    second = arc.archive(arc.prearchive(b.datasets, **labels("FRESH_A", "FRESH_2", "FRESH")))
    third = arc.archive(arc.prearchive(c.datasets, **labels("FRESH_B", "FRESH_3", "FRESH")))
    ids = [
        (arc.xml(archived).get("ID"), arc.xml(archived).findtext("xnat:subject_ID", namespaces=NS))
        for archived in (first, second, third)
    ]
    assert ids == [
        ("SLUICE_E00001", "SLUICE_S00001"),
        ("SLUICE_E00002", "SLUICE_S00001"),
        ("SLUICE_E00003", "SLUICE_S00002"),
    ]


# MARK: POST <prearchive session>?action=commit


def test_commit_on_a_manual_project_builds_and_stays_in_the_prearchive(arc):
    study = make_study([S("MR", 2)])
    session = arc.prearchive(study.datasets, **labels("ARC_SUBJ10", "ARC_COMMIT_MANUAL"))
    before = arc.snapshot()
    response = arc.commit(session)
    assert response.status_code == 200, (response.status_code, response.text)
    assert uri_list(response) == [session.uri]
    assert arc.api.row(session)["status"] == "READY"
    assert session.xml_path(arc.data_dir).is_file()
    assert arc.snapshot() == before


@pytest.mark.parametrize("project", ["ARC4", "ARC5"])
def test_commit_on_an_auto_archive_project_answers_301_with_the_archive_uri(arc, project):
    study = make_study([S("MR", 2, number=1), S("MR", 1, number=2)])
    session = arc.prearchive(study.datasets, **labels("ARC_SUBJ11", f"ARC_COMMIT_{project}", project))
    response = arc.commit(session)
    assert response.status_code == 301, (response.status_code, response.text)
    assert "Location" not in response.headers, response.headers
    uri = f"/data/archive/projects/{project}/subjects/ARC_SUBJ11/experiments/ARC_COMMIT_{project}"
    assert response.text.strip() == uri
    assert uri_list(response) == [uri]
    assert_archived(arc, ArchivedSession.parse(uri), study.datasets)
    arc.assert_prearchive_gone(session)


def test_commit_of_a_session_whose_dicom_asks_for_auto_archive_answers_301(arc):
    study = make_study([S("MR", 2)], patient_comments="AA:true")
    session = arc.prearchive(study.datasets, **labels("ARC_SUBJ12", "ARC_COMMIT_AA_HEADER"))
    assert arc.api.row(session)["autoarchive"] == "AutoArchive"
    response = arc.commit(session)
    assert response.status_code == 301, (response.status_code, response.text)
    assert "Location" not in response.headers
    uri = "/data/archive/projects/ARC/subjects/ARC_SUBJ12/experiments/ARC_COMMIT_AA_HEADER"
    assert response.text.strip() == uri
    assert_archived(arc, ArchivedSession.parse(uri), study.datasets)
    arc.assert_prearchive_gone(session)


@pytest.mark.parametrize("flag", ["AA", "auto-archive"])
def test_commit_with_an_auto_archive_parameter_answers_301(arc, flag):
    # xnat-import-spec §4.6 ("or AA/auto-archive param true"); rest-tests TestImport: `action=commit&AA=true` ⇒
    # 301 with a body starting with /data/archive; TestAnonymizerLegacy: `action=commit&auto-archive=true`.
    study = make_study([S("MR", 2)])
    label = f"ARC_COMMIT_PARAM_{flag.replace('-', '_')}"
    session = arc.prearchive(study.datasets, **labels("ARC_SUBJ13", label))
    response = arc.commit(session, **{flag: "true"})
    assert response.status_code == 301, (response.status_code, response.text)
    assert response.text.strip() == f"/data/archive/projects/ARC/subjects/ARC_SUBJ13/experiments/{label}"
    assert_archived(arc, ArchivedSession("ARC", "ARC_SUBJ13", label), study.datasets)
    arc.assert_prearchive_gone(session)


def test_commit_of_an_unassigned_session_only_builds(arc):
    study = make_study([S("MR", 1)], patient_id="ARC_UNASSIGNED_COMMIT")
    session = arc.prearchive(study.datasets)
    assert session.project == "Unassigned"
    before = arc.snapshot()
    response = arc.commit(session, AA="true")
    assert response.status_code == 200, (response.status_code, response.text)
    assert uri_list(response) == [session.uri]
    assert arc.api.row(session)["status"] == "READY"
    assert arc.snapshot() == before


# MARK: imports that archive


@pytest.mark.parametrize("flag", ["AA", "auto-archive"])
def test_import_with_action_commit_and_an_auto_archive_flag_archives(arc, flag):
    study = make_study([S("MR", 2, number=1), S("CT", 1, number=2)])
    label = f"ARC_IMPORT_{flag.replace('-', '_')}"
    archived = arc.import_to_archive(study.datasets, action="commit", **{flag: "true"}, **labels("ARC_SUBJ14", label))
    assert archived == ArchivedSession("ARC", "ARC_SUBJ14", label)
    assert_archived(arc, archived, study.datasets)
    assert arc.rows_of(study.uid, "ARC") == []


def test_import_with_action_commit_into_an_auto_archive_project_archives(arc):
    study = make_study([S("MR", 2)])
    ids = labels("ARC_SUBJ15", "ARC_IMPORT_CODE4", "ARC4")
    archived = arc.import_to_archive(study.datasets, action="commit", **ids)
    assert archived == ArchivedSession("ARC4", "ARC_SUBJ15", "ARC_IMPORT_CODE4")
    assert_archived(arc, archived, study.datasets)
    assert arc.rows_of(study.uid, "ARC4") == []


def test_import_with_action_commit_and_aa_in_the_header_archives(arc):
    study = make_study([S("MR", 2)], patient_comments="Project: ARC Subject: ARC_HDR_SUBJ Session: ARC_HDR AA:true")
    archived = arc.import_to_archive(study.datasets, action="commit")
    assert archived == ArchivedSession("ARC", "ARC_HDR_SUBJ", "ARC_HDR")
    assert_archived(arc, archived, study.datasets)
    assert arc.rows_of(study.uid, "ARC") == []


def test_import_into_an_auto_archive_project_without_commit_stays_in_the_prearchive(arc):
    study = make_study([S("MR", 2)])
    before = arc.snapshot()
    session = arc.prearchive(study.datasets, **labels("ARC_SUBJ16", "ARC_NO_COMMIT", "ARC4"))
    assert session.project == "ARC4"
    assert arc.api.row(session)["status"] == "RECEIVING"
    assert arc.snapshot() == before


def test_import_with_dest_archive_archives_every_study_of_the_zip(arc):
    first = make_study([S("MR", 2)], patient_name="Arc^First", patient_id="ARC_TWO_A")
    second = make_study([S("CT", 1)], patient_name="Arc^Second", patient_id="ARC_TWO_B")
    response = arc.import_body(zip_of(first.datasets + second.datasets), dest="/archive/projects/ARC")
    archived = arc.archived_all(response)
    assert archived == [
        ArchivedSession("ARC", "Arc_First", "ARC_TWO_A"),
        ArchivedSession("ARC", "Arc_Second", "ARC_TWO_B"),
    ]
    assert_archived(arc, archived[0], first.datasets)
    assert_archived(arc, archived[1], second.datasets)
    assert arc.rows_of(first.uid, "ARC") == [] and arc.rows_of(second.uid, "ARC") == []


def test_import_with_action_commit_on_a_manual_project_answers_the_prearchive_uri(arc):
    study = make_study([S("MR", 1)])
    before = arc.snapshot()
    response = arc.import_zip(study.datasets, action="commit", **labels("ARC_SUBJ17", "ARC_IMPORT_MANUAL"))
    [session] = arc.api.imported(response)
    assert (session.project, session.folder) == ("ARC", "ARC_IMPORT_MANUAL")
    assert arc.api.row(session)["status"] == "READY"
    assert arc.snapshot() == before
