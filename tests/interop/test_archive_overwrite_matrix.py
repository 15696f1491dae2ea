"""The `overwrite` matrix, end to end (xnat-import-spec §1.5, §6.4, §6.5, §6.7, §14 quirk 5).

Rows: no `overwrite`, `append`, `append` + `overwrite_files=true`, `delete`, `override`. Columns: a new session;
an existing session and disjoint new files (one more file of an archived scan, and a new scan); an existing
session and the same instances again (same SOPInstanceUIDs and names, different bytes, so a replacement shows).
The existing session is always made by a DICOM-zip import with `dest=/archive` and no `overwrite`. The second
upload runs two ways:

* `services`: import into the prearchive, then `POST /data/services/archive?src=…` — merging is always allowed
  there, and `append`/`delete`/`override` override exceptions, which also lets files be replaced (§6.7);
* `import`: a DICOM-zip import with `dest=/archive` on a Manual project — `overwrite` maps to
  (overrideExceptions, allowSessionMerge) as in §1.5, and archive-phase 409s come back as 400 (§14 quirk 5).

Then the same columns for a DICOM-zip `action=commit` into auto-archive projects (codes 4 and 5), where no
`overwrite` is needed to merge and code 5 (AutoArchiveOverwrite) also replaces files.
"""
import pytest

from archive_client import (
    ArchivedSession,
    Archiver,
    assert_unable_to_archive,
    expected_files,
    restamped,
    scan_files,
    uid_name,
)
from dicom_factory import S, make_study, part10
from prearchive_client import assert_error

EXISTS = "Session already exists, retry with overwrite enabled"
DUPLICATE = "Duplicate DICOM file uploaded."

MODES = {
    "none": {},
    "append": {"overwrite": "append"},
    "append_files": {"overwrite": "append", "overwrite_files": "true"},
    "delete": {"overwrite": "delete"},
    "override": {"overwrite": "override"},
}

OK = None
# (path, mode) → the outcome per column (new, disjoint, identical): OK, or the refusal reason.
TABLE = {
    # /services/archive: merging is always allowed; append/delete override exceptions and replace files (§6.7).
    ("services", "none"): (OK, OK, DUPLICATE),
    ("services", "append"): (OK, OK, OK),
    ("services", "append_files"): (OK, OK, OK),
    ("services", "delete"): (OK, OK, OK),
    ("services", "override"): (OK, OK, OK),
    # DICOM-zip dest=/archive on a Manual project (§6.5; 409s wrapped into 400).
    ("import", "none"): (OK, EXISTS, EXISTS),
    ("import", "append"): (OK, OK, DUPLICATE),
    ("import", "append_files"): (OK, OK, OK),
    ("import", "delete"): (OK, OK, OK),
    ("import", "override"): (OK, OK, OK),
}
COLUMNS = ("new", "disjoint", "identical")
EXPECTED = {(path, mode, column): TABLE[path, mode][i] for (path, mode) in TABLE for i, column in enumerate(COLUMNS)}
CASES = list(EXPECTED)


@pytest.fixture(scope="module")
def arc(sluice_api):
    sluice_api.create_project("MTX")
    sluice_api.create_project("MTX4", prearchive_code=4)
    sluice_api.create_project("MTX5", prearchive_code=5)
    return Archiver(sluice_api)


def archive_by(arc, path, datasets, subject, label, project="MTX", **params):
    """Archives `datasets` by `path`; answers the HTTP response."""
    ids = {"PROJECT_ID": project, "SUBJECT_ID": subject, "EXPT_LABEL": label}
    if path == "services":
        session = arc.prearchive(datasets, **ids)
        return arc.services_archive(src=session.uri, **params)
    return arc.import_zip(datasets, dest="/archive", **params, **ids)


def assert_refused(path, response, reason):
    if path == "services":
        assert_error(response, 409, reason)
    else:
        assert_unable_to_archive(response, reason)


def stored_bytes(arc, archived, datasets):
    folder = arc.folder(archived)
    return {
        uid_name(ds): (folder / "SCANS" / str(ds.SeriesNumber) / "DICOM" / uid_name(ds)).read_bytes()
        for ds in datasets
    }


@pytest.mark.parametrize("path, mode, column", CASES, ids=["-".join(case) for case in CASES])
def test_overwrite_matrix(arc, path, mode, column):
    study = make_study([S("MR", 3, number=1), S("MR", 2, number=2)])
    one, two = study.series
    subject, label = "MTX_SUBJ", f"MTX_{path}_{mode}_{column}".upper()
    params = MODES[mode]
    reason = EXPECTED[(path, mode, column)]

    if column == "new":
        first, second = [], study.datasets
    elif column == "disjoint":
        first, second = one.datasets[:2], one.datasets[2:] + two.datasets
    else:
        first = one.datasets
        second = restamped(one.datasets, "second upload")

    existing = None
    if first:
        # The existing session: a DICOM-zip import with dest=/archive and no overwrite flag (it is new).
        existing = arc.import_to_archive(first, dest="/archive", PROJECT_ID="MTX", SUBJECT_ID=subject, EXPT_LABEL=label)
        assert existing == ArchivedSession("MTX", subject, label)
        archived_before = stored_bytes(arc, existing, first)
        experiment_id = arc.xml(existing).get("ID")

    before = arc.snapshot()
    response = archive_by(arc, path, second, subject, label, **params)

    if reason is not None:
        assert_refused(path, response, reason)
        arc.assert_nothing_archived(before, study.uid, "MTX", "CONFLICT")
        assert stored_bytes(arc, existing, first) == archived_before
        return

    archived = arc.archived(response)
    assert archived == ArchivedSession("MTX", subject, label)
    everything = {ds.SOPInstanceUID: ds for ds in list(first) + list(second)}.values()
    assert scan_files(arc.catalogued(archived)) == expected_files(everything)
    if existing is not None:
        assert arc.xml(archived).get("ID") == experiment_id, "a merge keeps the experiment ID"
    if column == "identical":
        assert stored_bytes(arc, archived, second) == {uid_name(ds): part10(ds) for ds in second}, (
            "the archived files were not replaced by the second upload"
        )
    assert arc.rows_of(study.uid, "MTX") == []


AUTO_CASES = [
    ("MTX4", "disjoint", None),
    ("MTX4", "identical", DUPLICATE),
    ("MTX5", "disjoint", None),
    ("MTX5", "identical", None),
]


@pytest.mark.parametrize("project, column, reason", AUTO_CASES, ids=[f"{p}-{c}" for p, c, _ in AUTO_CASES])
def test_commit_into_an_auto_archive_project_without_overwrite(arc, project, column, reason):
    # §6.5 row 2 and §2.2 step 3: the project's code allows the merge; AutoArchiveOverwrite (5) replaces files.
    study = make_study([S("MR", 3, number=1), S("MR", 2, number=2)])
    one, two = study.series
    if column == "disjoint":
        first, second = one.datasets[:2], one.datasets[2:] + two.datasets
    else:
        first, second = one.datasets, restamped(one.datasets, "second upload")
    ids = {"PROJECT_ID": project, "SUBJECT_ID": "MTX_AUTO_SUBJ", "EXPT_LABEL": f"MTX_AUTO_{column}".upper()}
    existing = arc.import_to_archive(first, action="commit", **ids)
    archived_before = stored_bytes(arc, existing, first)
    before = arc.snapshot()
    response = arc.import_zip(second, action="commit", **ids)
    if reason is not None:
        assert_unable_to_archive(response, reason)
        arc.assert_nothing_archived(before, study.uid, project, "CONFLICT")
        assert stored_bytes(arc, existing, first) == archived_before
        return
    assert arc.archived(response) == existing
    everything = {ds.SOPInstanceUID: ds for ds in list(first) + list(second)}.values()
    assert scan_files(arc.catalogued(existing)) == expected_files(everything)
    if column == "identical":
        assert stored_bytes(arc, existing, second) == {uid_name(ds): part10(ds) for ds in second}
    assert arc.rows_of(study.uid, project) == []


def test_commit_into_a_manual_project_with_aa_in_the_header_merges_without_overwrite(arc):
    # §2.2 step 3: a DICOM `AA:true` gives the row the AutoArchive code, which allows the merge.
    study = make_study([S("MR", 2, number=1), S("MR", 1, number=2)], patient_comments="AA:true")
    ids = {"PROJECT_ID": "MTX", "SUBJECT_ID": "MTX_AA_SUBJ", "EXPT_LABEL": "MTX_AA_HEADER"}
    existing = arc.import_to_archive(study.series[0].datasets, action="commit", **ids)
    assert arc.import_to_archive(study.series[1].datasets, action="commit", **ids) == existing
    assert scan_files(arc.catalogued(existing)) == expected_files(study.datasets)
