"""Archive conflicts and refusals (xnat-import-spec §6.2, §6.3, §6.7, §4.7, §14 quirk 5).

Through `POST /data/services/archive` conflicts are 409 with XNAT's messages; through a DICOM-zip import with
`dest=/archive…` they are wrapped into 400 "unable to archive for the Prearchive session <url>: <reason>".
After every failure the archive tree is byte-for-byte what it was, nothing is left staged, the prearchive session
is still there with its files, and its row is CONFLICT (409-type reasons) or ERROR (others).
"""
import re

import pytest

from archive_client import (
    ArchivedSession,
    Archiver,
    assert_unable_to_archive,
    expected_files,
    scan_files,
)
from dicom_factory import S, make_study
from prearchive_client import NS, XNAT, XSI_TYPE, assert_error, resources, scans

MODALITY = "Invalid modification of session modality via archive process.  Data may require a manual merge."
UID = "Invalid modification of session UID via archive process."
EXISTS = "Session already exists, retry with overwrite enabled"
DUPLICATE = "Duplicate DICOM file uploaded."


@pytest.fixture(scope="module")
def arc(sluice_api):
    sluice_api.create_project("CON")
    return Archiver(sluice_api)


def labels(subject, label, project="CON"):
    return {"PROJECT_ID": project, "SUBJECT_ID": subject, "EXPT_LABEL": label}


def archived_first(arc, datasets, subject, label):
    """Archives `datasets` as a new session through /services/archive."""
    archived = arc.archive(arc.prearchive(datasets, **labels(subject, label)))
    assert archived == ArchivedSession("CON", subject, label)
    return archived


# MARK: session-level rules (§6.3)


@pytest.mark.parametrize("via", ["services", "import"])
def test_mr_into_a_pet_session_changes_the_modality_and_is_refused(arc, via):
    pet = make_study([S("CT", 1, number=1), S("PT", 2, number=2)], patient_name="Con^Pet")
    mr = make_study([S("MR", 2, number=3)], patient_name="Con^Pet")
    label = f"CON_PET_{via.upper()}"
    archived = archived_first(arc, pet.datasets, "CON_PET_SUBJ", label)
    assert arc.xml(archived).tag == f"{{{XNAT}}}PETSession"
    before = arc.snapshot()
    if via == "services":
        session = arc.prearchive(mr.datasets, **labels("CON_PET_SUBJ", label))
        response = arc.services_archive(src=session.uri, overwrite="delete")
        assert_error(response, 409, MODALITY)
    else:
        response = arc.import_zip(mr.datasets, dest="/archive", overwrite="delete", **labels("CON_PET_SUBJ", label))
        assert_unable_to_archive(response, MODALITY)
    arc.assert_nothing_archived(before, mr.uid, "CON", "CONFLICT")
    assert arc.xml(archived).tag == f"{{{XNAT}}}PETSession"


def test_a_label_of_another_subject_is_refused(arc):
    first, second = make_study([S("MR", 1)]), make_study([S("MR", 1)])
    archived_first(arc, first.datasets, "CON_OWNER", "CON_TAKEN")
    before = arc.snapshot()
    session = arc.prearchive(second.datasets, **labels("CON_INTRUDER", "CON_TAKEN"))
    response = arc.services_archive(src=session.uri)
    assert_error(
        response,
        409,
        "Invalid modification of session subject via archive process.: CON_TAKEN Already Exists for another Subject",
    )
    arc.assert_nothing_archived(before, second.uid, "CON", "CONFLICT")


@pytest.mark.parametrize(
    "via, overwrite, refused",
    [
        ("services", None, True),
        ("services", "append", False),
        ("services", "delete", False),
        ("import", "append", True),
        ("import", "delete", False),
    ],
)
def test_a_different_study_uid_needs_an_override(arc, via, overwrite, refused):
    first = make_study([S("MR", 2, number=1)])
    second = make_study([S("MR", 1, number=2)], patient_id=first.patient_id)
    label = f"CON_UID_{via}_{overwrite}".upper()
    params = {"overwrite": overwrite} if overwrite else {}
    archived = archived_first(arc, first.datasets, "CON_UID_SUBJ", label)
    before = arc.snapshot()
    if via == "services":
        session = arc.prearchive(second.datasets, **labels("CON_UID_SUBJ", label))
        response = arc.services_archive(src=session.uri, **params)
        if refused:
            assert_error(response, 409, UID)
    else:
        response = arc.import_zip(second.datasets, dest="/archive", **params, **labels("CON_UID_SUBJ", label))
        if refused:
            assert_unable_to_archive(response, UID)
    if refused:
        arc.assert_nothing_archived(before, second.uid, "CON", "CONFLICT")
        return
    assert arc.archived(response) == archived
    root = arc.xml(archived)
    assert root.get("UID") == first.uid, "the archived session keeps its StudyInstanceUID"
    assert scan_files(arc.catalogued(archived)) == expected_files(first.datasets + second.datasets)
    assert arc.rows_of(second.uid, "CON") == []


def test_the_same_instances_again_are_duplicates(arc):
    study = make_study([S("MR", 3, number=1)])
    archived = archived_first(arc, study.datasets, "CON_DUP_SUBJ", "CON_DUP")
    before = arc.snapshot()
    session = arc.prearchive(study.datasets, **labels("CON_DUP_SUBJ", "CON_DUP"))
    response = arc.services_archive(src=session.uri)
    assert_error(response, 409, DUPLICATE)
    arc.assert_nothing_archived(before, study.uid, "CON", "CONFLICT")

    # A CONFLICT session can be archived once the request allows replacing files.
    retried = arc.archive(session, overwrite_files="true")
    assert retried == archived
    assert scan_files(arc.catalogued(archived)) == expected_files(study.datasets)
    arc.assert_prearchive_gone(session)


def test_one_duplicate_among_new_instances_refuses_them_all(arc):
    study = make_study([S("MR", 3, number=1)])
    archived_first(arc, study.datasets[:2], "CON_PART_SUBJ", "CON_PART_DUP")
    before = arc.snapshot()
    session = arc.prearchive(study.datasets[1:], **labels("CON_PART_SUBJ", "CON_PART_DUP"))
    assert_error(arc.services_archive(src=session.uri), 409, DUPLICATE)
    arc.assert_nothing_archived(before, study.uid, "CON", "CONFLICT")


# MARK: scan-level rules (§6.3)


def test_a_series_number_reused_by_another_series_becomes_a_renamed_scan(arc):
    first = make_study([S("MR", 2, number=1)])
    second = make_study([S("MR", 1, number=1)], study_uid=first.uid, patient_id=first.patient_id)
    archived = archived_first(arc, first.datasets, "CON_RENAME_SUBJ", "CON_RENAME")
    session = arc.prearchive(second.datasets, **labels("CON_RENAME_SUBJ", "CON_RENAME"))
    assert arc.archive(session) == archived
    root = arc.xml(archived)
    found = scans(root)
    assert list(found) == ["1", "1-MR1"]
    assert found["1"].get("UID") == first.series[0].uid
    assert found["1-MR1"].get("UID") == second.series[0].uid
    assert found["1-MR1"].get(XSI_TYPE) == "xnat:mrScanData"
    assert resources(found["1-MR1"])["DICOM"].get("URI") == "SCANS/1-MR1/DICOM/scan_1-MR1_catalog.xml"
    catalogued = arc.catalogued(archived)
    assert catalogued["1"] == expected_files(first.datasets)
    assert catalogued["1-MR1"] == expected_files(second.datasets, scan=lambda ds: "1-MR1")
    arc.assert_prearchive_gone(session)


def test_a_series_uid_under_another_number_needs_an_override(arc):
    first = make_study([S("MR", 2, number=1)])
    series_uid = first.series[0].uid
    moved = make_study([S("MR", 1, number=7, uid=series_uid)], study_uid=first.uid, patient_id=first.patient_id)
    archived = archived_first(arc, first.datasets, "CON_MOVED_SUBJ", "CON_MOVED")
    before = arc.snapshot()
    session = arc.prearchive(moved.datasets, **labels("CON_MOVED_SUBJ", "CON_MOVED"))
    response = arc.services_archive(src=session.uri)
    assert response.status_code == 409, (response.status_code, response.text)
    assert re.fullmatch(
        r"Session already contains a scan with the same UID, but a different number \((1|7)\)\.", response.text.strip()
    ), response.text
    arc.assert_nothing_archived(before, first.uid, "CON", "CONFLICT")

    # With the override the incoming scan goes into the archived scan with that UID.
    assert arc.archive(session, overwrite="delete") == archived
    found = scans(arc.xml(archived))
    assert list(found) == ["1"]
    assert arc.catalogued(archived)["1"] == expected_files(first.datasets + moved.datasets, scan=lambda ds: "1")
    arc.assert_prearchive_gone(session)


# MARK: requests that name nothing to archive (§6.7, §4.7)


def test_unassigned_sessions_cannot_be_archived(arc):
    study = make_study([S("MR", 1)], patient_id="CON_UNASSIGNED")
    session = arc.prearchive(study.datasets)
    assert session.project == "Unassigned"
    before = arc.snapshot()
    assert_error(arc.services_archive(src=session.uri), 400, "Cannot archive sessions from the Unassigned folder.")
    assert arc.snapshot() == before
    assert session.directory(arc.data_dir).is_dir()


def test_an_archive_uri_as_src_is_refused(arc):
    before = arc.snapshot()
    response = arc.services_archive(src="/data/archive/projects/CON/subjects/CON_S1/experiments/CON_EXISTS")
    assert_error(response, 400)
    assert response.text.startswith("Invalid src URI ("), response.text
    assert arc.snapshot() == before


def test_a_prearchive_uri_as_dest_is_refused(arc):
    study = make_study([S("MR", 1)])
    session = arc.prearchive(study.datasets, **labels("CON_DEST_SUBJ", "CON_PREARC_DEST"))
    before = arc.snapshot()
    response = arc.services_archive(src=session.uri, dest="/prearchive/projects/CON")
    assert_error(response, 400)
    assert arc.snapshot() == before
    assert session.directory(arc.data_dir).is_dir()


def test_without_src_nothing_is_identified(arc):
    assert_error(arc.services_archive(), 404, "Unknown prearchive session.")


def test_a_src_naming_no_session_is_not_found(arc):
    response = arc.services_archive(src="/data/prearchive/projects/CON/20200101_101010/NO_SUCH_SESSION")
    assert_error(response, 404)


def test_a_failure_that_is_no_conflict_leaves_the_row_in_error(arc):
    study = make_study([S("MR", 1)])
    session = arc.prearchive(study.datasets, **labels("CON_ERR_SUBJ", "CON_ERR"))
    before = arc.snapshot()
    response = arc.services_archive(src=session.uri, dest="/archive/projects/CON_NO_SUCH_PROJECT")
    assert_error(response, 400, "unable to identify destination project", detail=True)
    assert arc.assert_nothing_archived(before, study.uid, "CON", "ERROR") == session

    # An ERROR session can still be archived where it belongs.
    archived = arc.archive(session)
    assert archived == ArchivedSession("CON", "CON_ERR_SUBJ", "CON_ERR")
    arc.assert_prearchive_gone(session)


def test_a_failed_import_leaves_a_conflict_row_the_next_import_reuses(arc):
    # DICOM-zip with dest=/archive: a refused second upload stays in the prearchive as CONFLICT; uploading the
    # same study again with overwrite=append reopens that session and archives it, leaving no prearchive row.
    study = make_study([S("MR", 2, number=1), S("MR", 2, number=2)])
    params = labels("CON_REUSE_SUBJ", "CON_REUSE")
    archived = arc.import_to_archive(study.series[0].datasets, dest="/archive", **params)
    before = arc.snapshot()
    assert_unable_to_archive(arc.import_zip(study.series[1].datasets, dest="/archive", **params), EXISTS)
    arc.assert_nothing_archived(before, study.uid, "CON", "CONFLICT")
    again = arc.import_to_archive(study.series[1].datasets, dest="/archive", overwrite="append", **params)
    assert again == archived
    assert scan_files(arc.catalogued(archived)) == expected_files(study.datasets)
    assert arc.rows_of(study.uid, "CON") == []
    assert arc.xml(archived).findtext("xnat:subject_ID", namespaces=NS)
