"""Multi-step archive flows after the upstream rest-tests `TestImport` / `TestArchive` (xnat-import-spec §13, §6.3,
§6.5, §2.2, §4.6; xnat-clients §5 item 7), with pydicom-made data standing in for their fixtures.

Every flow checks the archive on disk after each step: the files, catalogs whose entries and MD5 digests match
them, that refused steps changed nothing, and that no prearchive session is left once a step succeeds.
"""
import pytest

from archive_client import (
    ArchivedSession,
    Archiver,
    assert_unable_to_archive,
    expected_files,
    files_of,
    scan_files,
    uid_name,
)
from dicom_factory import S, make_study, template_name, zip_bytes
from prearchive_client import NS, XNAT, XSI_TYPE, PrearchiveSession, resources, scans
from test_desktop_client_replay import DesktopClient, streamed

EXISTS = "Session already exists, retry with overwrite enabled"
DUPLICATE = "Duplicate DICOM file uploaded."
MODALITY = "Invalid modification of session modality via archive process.  Data may require a manual merge."


@pytest.fixture(scope="module")
def arc(sluice_api):
    sluice_api.create_project("FLOW")
    sluice_api.create_project("FLOW4", prearchive_code=4)
    return Archiver(sluice_api)


def numbered(ds):
    """`mr_1.zip`-style entry names: `1.dcm`, `2.dcm`, … by InstanceNumber."""
    return f"{ds.InstanceNumber}.dcm"


def test_import_to_archive_keeps_the_entry_names(arc):
    # TestArchive.testImportToArchive: dest=/archive, project (plain), subject, session, overwrite=append.
    study = make_study([S("MR", 6, number=1)])
    archived = arc.import_to_archive(
        study.datasets,
        name=numbered,
        dest="/archive",
        project="FLOW",
        subject="FLOW_TIA_SUBJ",
        session="FLOW_TIA",
        overwrite="append",
    )
    assert archived == ArchivedSession("FLOW", "FLOW_TIA_SUBJ", "FLOW_TIA")
    catalogued = arc.catalogued(archived)
    assert sorted(path.rsplit("/", 1)[1] for path in catalogued["1"]) == [f"{n}.dcm" for n in range(1, 7)]
    assert arc.rows_of(study.uid, "FLOW") == []


def test_basic_archive_from_the_prearchive(arc):
    # TestArchive.testBasicArchiveFromPrearc: import to dest=/prearchive/projects/P, then /services/archive.
    study = make_study([S("MR", 3, number=1)], patient_id="FLOW_BASIC")
    response = arc.import_zip(study.datasets, dest="/prearchive/projects/FLOW")
    [session] = arc.api.imported(response)
    assert arc.api.row(session)["status"] == "READY"
    archived = arc.archive(session, overwrite="append", triggerPipelines="false")
    assert archived == ArchivedSession("FLOW", "Doe_John", "FLOW_BASIC")
    assert scan_files(arc.catalogued(archived)) == expected_files(study.datasets)
    arc.assert_prearchive_gone(session)


def test_the_same_zip_twice(arc):
    # TestImport.testDataDuplicateScanFiles*: the same mr_1-like zip, dest=/archive/projects/P, four ways.
    study = make_study([S("MR", 6, number=1)], patient_name="SPP_0x220790", patient_id="SPP_0x220790_MR2")
    body = zip_bytes(files_of(study.datasets, numbered))

    def upload(**params):
        return arc.import_body(body, dest="/archive/projects/FLOW", **params)

    archived = arc.archived(upload())
    assert archived == ArchivedSession("FLOW", "SPP_0x220790", "SPP_0x220790_MR2")
    expected = expected_files(study.datasets, name=numbered)
    assert scan_files(arc.catalogued(archived)) == expected

    for params, reason in [({}, EXISTS), ({"overwrite": "append"}, DUPLICATE)]:
        before = arc.snapshot()
        assert_unable_to_archive(upload(**params), reason)
        arc.assert_nothing_archived(before, study.uid, "FLOW", "CONFLICT")

    for params in [{"overwrite": "append", "overwrite_files": "true"}, {"overwrite": "delete"}]:
        assert arc.archived(upload(**params)) == archived
        assert scan_files(arc.catalogued(archived)) == expected
        assert arc.rows_of(study.uid, "FLOW") == []
    assert len(scans(arc.xml(archived))) == 1


def test_first_11_then_last_5_files_of_a_series(arc):
    # TestImport.testDataScan2parts*: first 11 + last 5 files of a 16-file series with append ⇒ 16 files.
    study = make_study([S("MR", 16, number=1)])
    ids = {"dest": "/archive/projects/FLOW/subjects/FLOW_PARTS_SUBJ/experiments/FLOW_PARTS", "overwrite": "append"}
    archived = arc.import_to_archive(study.datasets[:11], **ids)
    assert len(arc.catalogued(archived)["1"]) == 11
    assert arc.import_to_archive(study.datasets[11:], **ids) == archived
    catalogued = arc.catalogued(archived)
    assert catalogued["1"] == expected_files(study.datasets)
    assert resources(scans(arc.xml(archived))["1"])["DICOM"].get("file_count") == "16"


@pytest.mark.parametrize("overwrite, reason", [("delete", None), ("append", DUPLICATE)])
def test_first_11_then_an_overlapping_last_6(arc, overwrite, reason):
    # First 11 + the last 6 (one file in both): delete ⇒ 16 files; append ⇒ conflict (400 via DICOM-zip).
    study = make_study([S("MR", 16, number=1)])
    dest = f"/archive/projects/FLOW/subjects/FLOW_OVERLAP_SUBJ/experiments/FLOW_OVERLAP_{overwrite.upper()}"
    archived = arc.import_to_archive(study.datasets[:11], dest=dest, overwrite=overwrite)
    before = arc.snapshot()
    response = arc.import_zip(study.datasets[10:], dest=dest, overwrite=overwrite)
    if reason:
        assert_unable_to_archive(response, reason)
        arc.assert_nothing_archived(before, study.uid, "FLOW", "CONFLICT")
        assert arc.catalogued(archived)["1"] == expected_files(study.datasets[:11])
    else:
        assert arc.archived(response) == archived
        assert arc.catalogued(archived)["1"] == expected_files(study.datasets)
        assert arc.rows_of(study.uid, "FLOW") == []


def test_mr_into_an_existing_pet_session(arc):
    # TestImport: MR into an existing PET session: no overwrite ⇒ conflict; overwrite=delete with cross-modality
    # prevention on (the default) ⇒ conflict; the session stays PET with its own scans.
    pet = make_study([S("PT", 2, number=1), S("CT", 1, number=2)])
    mr = make_study([S("MR", 2, number=1)])
    dest = "/archive/projects/FLOW/subjects/FLOW_PET_SUBJ/experiments/FLOW_PET"
    archived = arc.import_to_archive(pet.datasets, dest=dest)
    assert arc.xml(archived).tag == f"{{{XNAT}}}PETSession"
    for params, reason in [({}, EXISTS), ({"overwrite": "delete"}, MODALITY)]:
        before = arc.snapshot()
        assert_unable_to_archive(arc.import_zip(mr.datasets, dest=dest, **params), reason)
        arc.assert_nothing_archived(before, mr.uid, "FLOW", "CONFLICT")
    root = arc.xml(archived)
    assert root.tag == f"{{{XNAT}}}PETSession"
    assert {scan_id: scan.get(XSI_TYPE) for scan_id, scan in scans(root).items()} == {
        "1": "xnat:petScanData",
        "2": "xnat:ctScanData",
    }
    assert scan_files(arc.catalogued(archived)) == expected_files(pet.datasets)


def test_modified_series_uids(arc):
    # TestImport.testModifiedSeriesUIDs (overwrite=delete, Ignore-Unparsable=true): series 1 → scan 1; a file of
    # series number 1 with another SeriesInstanceUID → scan 1-MR1; another file with that UID → 1-MR1; more files
    # of the original UID → scan 1. One DICOM catalog per scan, file_count 3 and 2.
    original = make_study([S("MR", 3, number=1)])
    modified = make_study([S("MR", 2, number=1)], study_uid=original.uid, patient_id=original.patient_id)
    dest = "/archive/projects/FLOW/subjects/FLOW_MOD_SUBJ/experiments/FLOW_MOD"
    params = {"dest": dest, "overwrite": "delete", "Ignore-Unparsable": "true"}
    steps = [
        (original.datasets[:2], {"1": original.datasets[:2]}),
        (modified.datasets[:1], {"1": original.datasets[:2], "1-MR1": modified.datasets[:1]}),
        (modified.datasets[1:], {"1": original.datasets[:2], "1-MR1": modified.datasets}),
        (original.datasets[2:], {"1": original.datasets, "1-MR1": modified.datasets}),
    ]
    archived = None
    for datasets, expected in steps:
        answer = arc.import_to_archive(datasets, **params)
        assert archived is None or answer == archived
        archived = answer
        catalogued = arc.catalogued(archived)
        assert list(catalogued) == list(expected)
        for scan_id, scan_datasets in expected.items():
            assert catalogued[scan_id] == expected_files(scan_datasets, scan=lambda ds, s=scan_id: s), scan_id
    found = scans(arc.xml(archived))
    assert found["1"].get("UID") == original.series[0].uid
    assert found["1-MR1"].get("UID") == modified.series[0].uid
    for scan_id, count in [("1", "3"), ("1-MR1", "2")]:
        [dicom] = resources(found[scan_id]).values()
        assert dicom.get("label") == "DICOM"
        assert dicom.get("file_count") == count
        assert dicom.get("URI") == f"SCANS/{scan_id}/DICOM/scan_{scan_id}_catalog.xml"


@pytest.mark.parametrize(
    "dest, patient_id, subject, label",
    [
        ("/archive/projects/FLOW", "FLOW_DEST_PID1", "Flow_Dest_Patient", "FLOW_DEST_PID1"),
        ("/archive/projects/FLOW/subjects/FLOW_DEST_SUBJ", "FLOW_DEST_PID2", "FLOW_DEST_SUBJ", "FLOW_DEST_PID2"),
        (
            "/archive/projects/FLOW/subjects/FLOW_DEST_SUBJ/experiments/FLOW_DEST_EXPT",
            "FLOW_DEST_PID3",
            "FLOW_DEST_SUBJ",
            "FLOW_DEST_EXPT",
        ),
    ],
    ids=["project", "subject", "experiment"],
)
def test_dest_names_what_the_dicom_does_not(arc, dest, patient_id, subject, label):
    # TestImport: dest=/archive/projects/P ⇒ subject PatientName, label PatientID; …/subjects/S ⇒ subject from
    # dest, label from DICOM; …/subjects/S/experiments/E ⇒ a new session labelled E.
    study = make_study([S("MR", 2)], patient_name="Flow Dest^Patient", patient_id=patient_id)
    archived = arc.import_to_archive(study.datasets, dest=dest)
    assert archived == ArchivedSession("FLOW", subject, label)
    assert arc.xml(archived).get("label") == label
    assert scan_files(arc.catalogued(archived)) == expected_files(study.datasets)
    assert arc.rows_of(study.uid, "FLOW") == []


def test_dest_naming_an_existing_experiment_by_id_merges_into_it(arc):
    # xnat-import-spec §2.2: EXPT_ID from `dest=/archive/…/experiments/<x>` is resolved to an existing experiment
    # by ID or label; EXPT_LABEL becomes that experiment's label.
    study = make_study([S("MR", 2, number=1), S("MR", 1, number=2)])
    base = "/archive/projects/FLOW/subjects/FLOW_BYID_SUBJ/experiments/"
    archived = arc.import_to_archive(study.series[0].datasets, dest=base + "FLOW_BYID")
    experiment_id = arc.xml(archived).get("ID")
    again = arc.import_to_archive(study.series[1].datasets, dest=base + experiment_id, overwrite="append")
    assert again == archived
    assert scan_files(arc.catalogued(archived)) == expected_files(study.datasets)


def test_a_merge_keeps_the_archived_session_fields(arc):
    # TestImport.testDataProjectExperimentOldRes-like: with overwrite=append the existing session's values win.
    first = make_study([S("MR", 1, number=1)], study_date="20240101", study_time="080000")
    later = make_study([S("MR", 1, number=2)], study_uid=first.uid, patient_id=first.patient_id, study_date="20240202")
    dest = "/archive/projects/FLOW/subjects/FLOW_KEEP_SUBJ/experiments/FLOW_KEEP"
    archived = arc.import_to_archive(first.datasets, dest=dest)
    assert arc.import_to_archive(later.datasets, dest=dest, overwrite="append") == archived
    root = arc.xml(archived)
    assert root.findtext("xnat:date", namespaces=NS) == "2024-01-01"
    assert list(scans(root)) == ["1", "2"]


def test_the_desktop_client_commit_on_an_auto_archive_project_gets_301(arc):
    # xnat-clients §5 items 6–7: one upload per series into one prearchive session, then
    # `POST <uri>?action=commit&SOURCE=uploader` with `{}`: on a code-4 project the answer is 301 with the archive
    # URI in the body and no Location (the client reports "archived"). A later upload of more series into the
    # same session label is merged on the next commit. (Uploads are streamed, the client's default mode.)
    label = "FLOW_DESKTOP"
    study = make_study([S("MR", 2, number=1), S("MR", 2, number=2), S("MR", 1, number=3)], patient_id="ANON")
    client = DesktopClient(arc.api)
    client.login()
    assert client.get("/data/projects/FLOW4/prearchive_code").text.strip() == "4"

    def upload(series_list):
        answers = []
        for series in series_list:
            entries = study.series_files(series, name=uid_name)
            body = streamed(entries)
            response = client.upload("FLOW4", "FLOW_DESKTOP_SUBJ", label, body)
            assert response.status_code == 200, response.text
            answers.append(response.text.strip())
        assert len(set(answers)) == 1, answers
        return answers[-1]

    uri = upload(study.series[:2])
    session = PrearchiveSession.parse(uri)
    assert arc.api.row(session)["status"] == "RECEIVING"
    commit = client.commit(uri)
    archive_uri = f"/data/archive/projects/FLOW4/subjects/FLOW_DESKTOP_SUBJ/experiments/{label}"
    assert commit.status_code == 301, (commit.status_code, commit.text)
    assert "Location" not in commit.headers, commit.headers
    assert "/data/prearchive/projects/" not in commit.text
    assert commit.text.strip() == archive_uri
    archived = ArchivedSession.parse(archive_uri)
    two_series = [ds for series in study.series[:2] for ds in series.datasets]
    assert scan_files(arc.catalogued(archived)) == expected_files(two_series, name=template_name)
    arc.assert_prearchive_gone(session)

    uri = upload(study.series[2:])
    commit = client.commit(uri)
    assert commit.status_code == 301, (commit.status_code, commit.text)
    assert commit.text.strip() == archive_uri
    assert scan_files(arc.catalogued(archived)) == expected_files(study.datasets, name=template_name)
    assert arc.rows_of(study.uid, "FLOW4") == []
    assert list(scans(arc.xml(archived))) == ["1", "2", "3"]


def test_a_zip_with_a_non_dicom_entry_archives_its_dicom_files(arc):
    # TestImport: mr_1_with_txt.zip with Ignore-Unparsable=true ⇒ a URI; commit with AA ⇒ the archive has the 6
    # DICOM files (here: action=commit on the import, which implies Ignore-Unparsable).
    study = make_study([S("MR", 6, number=1)])
    entries = files_of(study.datasets) + [("non_dicom_text_file.dcm", b"this is not DICOM\n")]
    response = arc.import_body(
        zip_bytes(entries),
        action="commit",
        AA="true",
        PROJECT_ID="FLOW",
        SUBJECT_ID="FLOW_TXT_SUBJ",
        EXPT_LABEL="FLOW_TXT",
    )
    archived = arc.archived(response)
    assert scan_files(arc.catalogued(archived)) == expected_files(study.datasets)
    assert not list(arc.folder(archived).rglob("non_dicom_text_file.dcm"))
