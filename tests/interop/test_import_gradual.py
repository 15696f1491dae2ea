"""`gradual-DICOM` imports, one DICOM object per request, and routing from DICOM headers (xnat-import-spec §2.1, §3).

Routing: an explicit `PROJECT_ID` that names an existing project wins; otherwise `Project:` in PatientComments,
StudyComments or AdditionalPatientHistory, then StudyDescription, then AccessionNumber name the project (only if
it exists), else the session is Unassigned. Subject and session labels come from `Subject:`/`Session:` or from
PatientName / PatientID with every character outside [A-Za-z0-9_-] replaced by `_`.
"""
import threading

import pytest

from dicom_factory import S, make_study, part10, sanitised_label, template_name
from prearchive_client import TIMESTAMP, dicom_files, expected_paths, stored_uids

PROJECTS = ["GRAD", "GR_PC", "GR_SC", "GR_AH", "GR_SD", "GR_AN", "GR_EXPLICIT"]


@pytest.fixture(scope="module")
def api(sluice_api):
    for project in PROJECTS:
        sluice_api.create_project(project)
    return sluice_api


def post_each(api, study, **params):
    """Posts every instance of `study` as application/dicom; returns the distinct sessions answered."""
    sessions = []
    for ds in study.datasets:
        for session in api.import_dicom(part10(ds), **params):
            if session not in sessions:
                sessions.append(session)
    return sessions


def test_application_dicom_without_a_handler_is_a_gradual_import(api):
    study = make_study([S("MR", 1, number=3)])
    response = api.post_import(
        params={"PROJECT_ID": "GRAD", "SUBJECT_ID": "G1", "EXPT_LABEL": "G1_MR"},
        data=part10(study.datasets[0]),
        content_type="application/dicom",
    )
    [session] = api.imported(response)
    assert response.text == session.uri + "\r\n"
    assert (session.project, session.folder) == ("GRAD", "G1_MR")
    assert TIMESTAMP.fullmatch(session.timestamp)
    # An in-body upload's client name is `upload.dcm` (xnat-import-spec §1.3, §7.3).
    assert stored_uids(api.directory(session)) == {"SCANS/3/DICOM/upload.dcm": str(study.datasets[0].SOPInstanceUID)}
    assert api.row(session)["status"] == "RECEIVING"


def test_every_object_of_a_study_goes_to_the_same_receiving_session(api):
    study = make_study([S("MR", 3, number=1), S("MR", 2, number=2)])
    sessions = post_each(api, study, PROJECT_ID="GRAD", EXPT_LABEL="G2_MR", rename="true")
    assert len(sessions) == 1
    [session] = sessions
    assert stored_uids(api.directory(session)) == expected_paths(study, name=template_name)
    [row] = api.rows_for_study(study.uid, "GRAD")
    assert row["status"] == "RECEIVING"
    assert row["url"] == session.url


def test_raw_uploads_are_named_upload_dcm_until_another_instance_takes_that_name(api):
    study = make_study([S("MR", 2, number=5)])
    first, second = study.datasets
    params = {"PROJECT_ID": "GRAD", "EXPT_LABEL": "G3_MR"}
    [session] = api.import_dicom(part10(first), **params)
    assert api.import_dicom(part10(second), **params) == [session]
    # Sending the first instance again overwrites its own file.
    assert api.import_dicom(part10(first), **params) == [session]
    assert stored_uids(api.directory(session)) == {
        "SCANS/5/DICOM/upload.dcm": str(first.SOPInstanceUID),
        f"SCANS/5/DICOM/{template_name(second)}": str(second.SOPInstanceUID),
    }


def test_a_multipart_dicom_file_keeps_its_sanitised_name(api):
    study = make_study([S("CT", 1, number=2)])
    response = api.post_import(
        params={"import-handler": "gradual-DICOM", "PROJECT_ID": "GRAD", "EXPT_LABEL": "G4_CT"},
        files={"file": ("slice 001.dcm", part10(study.datasets[0]), "application/dicom")},
    )
    [session] = api.imported(response)
    assert stored_uids(api.directory(session)) == {"SCANS/2/DICOM/slice_001.dcm": str(study.datasets[0].SOPInstanceUID)}


def test_a_windows_path_in_the_multipart_file_name_is_dropped(api):
    study = make_study([S("MR", 1, number=4)])
    response = api.post_import(
        params={"import-handler": "gradual-DICOM", "PROJECT_ID": "GRAD", "EXPT_LABEL": "G4_WINDOWS"},
        files={"file": ("C:\\Scans\\Exam 7\\IM0001.dcm", part10(study.datasets[0]), "application/dicom")},
    )
    [session] = api.imported(response)
    assert stored_uids(api.directory(session)) == {"SCANS/4/DICOM/IM0001.dcm": str(study.datasets[0].SOPInstanceUID)}


def test_rename_true_uses_the_template_for_a_gradual_upload(api):
    study = make_study([S("PT", 1, number=6)])
    [session] = api.import_dicom(part10(study.datasets[0]), PROJECT_ID="GRAD", EXPT_LABEL="G5_PT", rename="true")
    assert stored_uids(api.directory(session)) == expected_paths(study, name=template_name)


def test_the_rest_prefix_accepts_gradual_uploads(api):
    study = make_study([S("MR", 1)])
    response = api.post_import(
        path="/REST/services/import",
        params={"import-handler": "gradual-DICOM", "PROJECT_ID": "GRAD", "EXPT_LABEL": "G6_REST"},
        data=part10(study.datasets[0]),
        content_type="application/dicom",
    )
    [session] = api.imported(response)
    assert session.folder == "G6_REST"


# MARK: - Routing


@pytest.mark.parametrize(
    "field, project",
    [("patient_comments", "GR_PC"), ("study_comments", "GR_SC"), ("additional_patient_history", "GR_AH")],
)
def test_project_subject_session_assignments_in_comments_route_the_upload(api, field, project):
    study = make_study([S("MR", 2)], **{field: f"Project:{project} Subject:Subj_{field} Session:Sess_{field}"})
    [session] = post_each(api, study, rename="true")
    assert (session.project, session.folder) == (project, f"Sess_{field}")
    row = api.row(session)
    assert (row["project"], row["subject"], row["name"]) == (project, f"Subj_{field}", f"Sess_{field}")
    assert stored_uids(api.directory(session)) == expected_paths(study, name=template_name)


@pytest.mark.parametrize(
    "comment", ["project: GR_PC, subject: S_commas, session: E_commas", "foo;Project:GR_PC;Session:E_commas;bar"]
)
def test_assignments_tolerate_spaces_commas_and_semicolons(api, comment):
    study = make_study([S("MR", 1)], patient_comments=comment)
    [session] = post_each(api, study)
    assert (session.project, session.folder) == ("GR_PC", "E_commas")


def test_study_description_names_an_existing_project(api):
    study = make_study([S("MR", 1)], study_description="GR_SD", patient_name="Sample Patient", patient_id="Sample ID")
    [session] = post_each(api, study)
    assert (session.project, session.folder) == ("GR_SD", "Sample_ID")
    assert api.row(session)["subject"] == "Sample_Patient"


def test_accession_number_names_an_existing_project(api):
    study = make_study([S("MR", 1)], study_description="not a project", accession_number="GR_AN")
    [session] = post_each(api, study)
    assert session.project == "GR_AN"


def test_a_comment_naming_an_unknown_project_falls_through_to_the_study_description(api):
    study = make_study([S("MR", 1)], patient_comments="Project:NO_SUCH Session:FALLS", study_description="GR_SD")
    [session] = post_each(api, study)
    assert (session.project, session.folder) == ("GR_SD", "FALLS")


def test_an_explicit_project_beats_the_headers(api):
    study = make_study([S("MR", 1)], patient_comments="Project:GR_PC", study_description="GR_SD")
    [session] = post_each(api, study, PROJECT_ID="GR_EXPLICIT")
    assert session.project == "GR_EXPLICIT"


def test_an_unknown_project_id_silently_routes_by_header(api):
    study = make_study([S("MR", 1)], study_description="GR_SD")
    [session] = post_each(api, study, PROJECT_ID="NOT_A_PROJECT")
    assert session.project == "GR_SD"


def test_an_unknown_project_without_routing_headers_goes_to_unassigned(api):
    study = make_study([S("MR", 2, number=4)], study_description="Brain", patient_id="UNASSIGNED_1")
    [session] = post_each(api, study, PROJECT_ID="NOT_A_PROJECT", rename="true")
    assert (session.project, session.folder) == ("Unassigned", "UNASSIGNED_1")
    directory = api.data_dir / "prearchive" / session.timestamp / "UNASSIGNED_1"
    assert directory == api.directory(session)
    assert stored_uids(directory) == expected_paths(study, name=template_name)
    assert not (api.data_dir / "prearchive" / "Unassigned").exists()
    [row] = api.rows_for_study(study.uid, "Unassigned")
    assert (row["project"], row["url"]) == ("Unassigned", session.url)


@pytest.mark.parametrize(
    "patient_name, patient_id, subject, folder",
    [
        ("Sample Patient", "Sample ID", "Sample_Patient", "Sample_ID"),
        ("Doe^John", "DOE-01", "Doe_John", "DOE-01"),
        ("Müller^Jörg", "ID ü/1", "M_ller_J_rg", "ID___1"),
        ("Nobody^Known", "", "Nobody_Known", "dicom_upload"),
    ],
)
def test_subject_and_session_labels_from_patient_name_and_id_are_sanitised(
    api, patient_name, patient_id, subject, folder
):
    assert sanitised_label(patient_name) == subject
    study = make_study([S("MR", 1)], patient_name=patient_name, patient_id=patient_id, charset="ISO_IR 192")
    [session] = post_each(api, study, PROJECT_ID="GRAD")
    assert session.folder == folder
    row = api.row(session)
    assert (row["subject"], row["name"], row["tag"]) == (subject, folder, study.uid)


# MARK: - Concurrency


def test_concurrent_objects_of_one_study_land_in_one_session_each_exactly_once(api):
    study = make_study([S("MR", 6, number=1), S("MR", 6, number=2)], patient_id="CONCURRENT_GRADUAL")
    bodies = [part10(ds) for ds in study.datasets]
    workers = 4
    barrier = threading.Barrier(workers)
    answers, errors = [], []

    def send(chunk):
        barrier.wait()
        for body in chunk:
            response = api.post_import(
                params={"PROJECT_ID": "GRAD", "rename": "true"}, data=body, content_type="application/dicom"
            )
            (answers if response.status_code == 200 else errors).append(response)

    threads = [threading.Thread(target=send, args=(bodies[i::workers],)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors, [(r.status_code, r.text) for r in errors]
    sessions = {session for response in answers for session in api.imported(response)}
    assert len(sessions) == 1, sessions
    [session] = sessions
    assert stored_uids(api.directory(session)) == expected_paths(study, name=template_name)
    assert len(api.rows_for_study(study.uid, "GRAD")) == 1


def test_the_same_objects_sent_concurrently_by_several_clients_are_stored_once_and_whole(api):
    # A client retrying while its first attempt is still running: XNAT may refuse a clashing write with
    # 400 "Concurrent file sends of the same data is not supported.", but never keeps two copies or a torn file.
    study = make_study([S("MR", 6, number=1)], patient_id="DUPLICATE_SENDS")
    bodies = [part10(ds) for ds in study.datasets]
    workers = 4
    barrier = threading.Barrier(workers)
    answers = []

    def send():
        barrier.wait()
        for body in bodies:
            answers.append(
                api.post_import(
                    params={"PROJECT_ID": "GRAD", "rename": "true"}, data=body, content_type="application/dicom"
                )
            )

    threads = [threading.Thread(target=send) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    refused = [r for r in answers if r.status_code != 200]
    for response in refused:
        assert (response.status_code, response.text.strip()) == (
            400,
            "Concurrent file sends of the same data is not supported.",
        )
    sessions = {session for response in answers if response.status_code == 200 for session in api.imported(response)}
    assert len(sessions) == 1, sessions
    [session] = sessions
    directory = api.directory(session)
    assert stored_uids(directory) == expected_paths(study, name=template_name)
    by_name = {template_name(ds): body for ds, body in zip(study.datasets, bodies)}
    for relative, path in dicom_files(directory).items():
        assert path.read_bytes() == by_name[relative.rsplit("/", 1)[1]]
