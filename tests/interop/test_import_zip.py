"""`DICOM-zip` imports (xnat-import-spec §1.3, §2.2, §7) with archives made by Python's zipfile and tarfile.

Archives go up every way clients send them: raw body, multipart, `inbody=true`, with honest and misleading
content types and file names (the server recognises zip, tar and tar.gz by their bytes). Each test checks the
answer (200, `text/uri-list`) and the files under `<data>/prearchive/<P>/<TS>/<FOLDER>/SCANS/<n>/DICOM/`.
"""
import tarfile
import threading
import zipfile

import pytest
import requests

from dicom_factory import (
    IMPLICIT_VR_LITTLE_ENDIAN,
    JPEG_BASELINE,
    MR_IMAGE,
    S,
    default_name,
    make_study,
    nested_zip,
    part10,
    sanitised_file_name,
    sop_hash,
    tar_bytes,
    template_name,
    with_uids,
    zip_bytes,
)
from prearchive_client import TIMESTAMP, PrearchiveSession, expected_paths, stored_uids


@pytest.fixture(scope="module")
def api(sluice_api):
    sluice_api.create_project("ZIP")
    return sluice_api


def labels(subject, session, project="ZIP"):
    return {"PROJECT_ID": project, "SUBJECT_ID": subject, "EXPT_LABEL": session}


def test_a_raw_zip_body_makes_one_receiving_session_that_keeps_the_client_file_names(api):
    study = make_study([S("MR", 2, number=4), S("MR", 3, number=5)])
    response = api.post_import(
        params={"import-handler": "DICOM-zip", **labels("SUBJ01", "SUBJ01_MR1")},
        data=zip_bytes(study.files()),
        content_type="application/zip",
    )
    assert response.status_code == 200, response.text
    [session] = api.imported(response)
    assert (session.project, session.folder) == ("ZIP", "SUBJ01_MR1")
    assert TIMESTAMP.fullmatch(session.timestamp)
    assert response.text == session.uri + "\r\n"

    assert stored_uids(api.directory(session)) == expected_paths(study)
    row = api.row(session)
    assert row["status"] == "RECEIVING"
    assert (row["subject"], row["name"], row["tag"]) == ("SUBJ01", "SUBJ01_MR1", study.uid)
    assert not session.xml_path(api.data_dir).exists()


def test_without_import_handler_a_zip_goes_to_dicom_zip(api):
    study = make_study([S("CT", 2)])
    session = api.import_one(zip_bytes(study.files()), **labels("SUBJ02", "DEFAULT_HANDLER"))
    assert stored_uids(api.directory(session)) == expected_paths(study)


def test_a_multipart_upload_is_imported_like_a_raw_body(api):
    study = make_study([S("MR", 3)])
    response = api.post_import(
        params=labels("SUBJ03", "MULTIPART"),
        files={"file": ("series.zip", zip_bytes(study.files()), "application/zip")},
    )
    [session] = api.imported(response)
    assert session.folder == "MULTIPART"
    assert stored_uids(api.directory(session)) == expected_paths(study)


def test_multipart_form_fields_are_parameters_too(api):
    # `curl -F PROJECT_ID=ZIP -F file=@series.zip`: xnat-import-spec §1.2 reads multipart fields as parameters.
    study = make_study([S("MR", 2)])
    response = api.post_import(
        files=[
            ("import-handler", (None, "DICOM-zip")),
            ("PROJECT_ID", (None, "ZIP")),
            ("SUBJECT_ID", (None, "FORM_SUBJ")),
            ("EXPT_LABEL", (None, "FORM_FIELDS")),
            ("file", ("series.zip", zip_bytes(study.files()), "application/zip")),
        ]
    )
    [session] = api.imported(response)
    assert (session.project, session.folder) == ("ZIP", "FORM_FIELDS")
    assert api.row(session)["subject"] == "FORM_SUBJ"


def test_inbody_true_takes_the_body_whatever_its_content_type(api):
    study = make_study([S("MR", 2)])
    response = api.post_import(
        params={"inbody": "true", "import-handler": "DICOM-zip", **labels("SUBJ04", "INBODY")},
        data=zip_bytes(study.files()),
        content_type="application/octet-stream",
    )
    [session] = api.imported(response)
    assert stored_uids(api.directory(session)) == expected_paths(study)


def _archives():
    """Archive builders, each named for its parametrised test id: builder(study) → archive bytes whose DICOM
    entries keep their `default_name` base names."""

    def flat(study):
        return zip_bytes(study.files())

    def nested_folders(study):
        return zip_bytes(study.files(folder=lambda series: f"Patient/Study 1/Series {series.number}"))

    def directory_entries(study):
        return zip_bytes(study.files(folder=lambda series: f"DICOM/S{series.number}"), directory_entries=True)

    def stored(study):
        return zip_bytes(study.files(folder=lambda series: f"s{series.number}"), compression=zipfile.ZIP_STORED)

    def zip_in_zip(study):
        files = study.files()
        return nested_zip(files[:1], "inner/more.zip", files[1:])

    def tar(study):
        return tar_bytes(study.files(folder=lambda series: f"dicom/{series.number}"))

    def tar_gz(study):
        return tar_bytes(study.files(folder=lambda series: f"dicom/{series.number}"), gz=True)

    def tar_long_names_pax(study):
        return tar_bytes(study.files(folder=lambda series: LONG_FOLDER + f"/{series.number}"))

    def tar_long_names_gnu(study):
        return tar_bytes(
            study.files(folder=lambda series: LONG_FOLDER + f"/{series.number}"), format=tarfile.GNU_FORMAT
        )

    def tar_gz_in_zip(study):
        files = study.files()
        return zip_bytes([files[0], ("more/rest.tar.gz", tar_bytes(files[1:], gz=True))])

    return [
        flat,
        nested_folders,
        directory_entries,
        stored,
        zip_in_zip,
        tar,
        tar_gz,
        tar_long_names_pax,
        tar_long_names_gnu,
        tar_gz_in_zip,
    ]


LONG_FOLDER = "/".join(["a_rather_long_folder_name_from_a_pacs_export"] * 4)


@pytest.mark.parametrize("build", _archives(), ids=lambda build: build.__name__)
def test_archives_are_recognised_by_their_bytes_not_their_name_or_type(api, build):
    study = make_study([S("MR", 2, number=7), S("MR", 2, number=8)])
    folder = f"BYTES_{build.__name__.upper()}"
    response = api.post_import(
        params={"import-handler": "DICOM-zip", **labels("SUBJ05", folder)},
        files={"file": ("upload.bin", build(study), "application/octet-stream")},
    )
    [session] = api.imported(response)
    assert session.folder == folder
    assert stored_uids(api.directory(session)) == expected_paths(study)


def test_a_gzipped_tar_sent_as_application_x_tar_is_imported(api):
    # xnatpy's mimetypes guess for `.tar.gz` is application/x-tar: the compression is not announced.
    study = make_study([S("PT", 2)])
    session = api.import_one(tar_bytes(study.files(), gz=True), "application/x-tar", **labels("SUBJ06", "XTAR"))
    assert stored_uids(api.directory(session)) == expected_paths(study)


def test_a_plain_tar_sent_as_application_zip_is_imported(api):
    study = make_study([S("MR", 1)])
    session = api.import_one(tar_bytes(study.files()), "application/zip", **labels("SUBJ07", "TAR_AS_ZIP"))
    assert stored_uids(api.directory(session)) == expected_paths(study)


def test_two_studies_in_one_zip_make_two_sessions_in_the_answer(api):
    first = make_study([S("MR", 2)], patient_name="First^Patient", patient_id="TWO_A")
    second = make_study([S("CT", 3)], patient_name="Second^Patient", patient_id="TWO_B")
    response = api.post_import(
        params={"PROJECT_ID": "ZIP"}, data=zip_bytes(first.files() + second.files()), content_type="application/zip"
    )
    sessions = api.imported(response)
    assert [session.folder for session in sessions] == ["TWO_A", "TWO_B"]
    by_folder = {session.folder: session for session in sessions}
    assert stored_uids(api.directory(by_folder["TWO_A"])) == expected_paths(first)
    assert stored_uids(api.directory(by_folder["TWO_B"])) == expected_paths(second)
    assert api.row(by_folder["TWO_A"])["subject"] == "First_Patient"
    assert api.row(by_folder["TWO_B"])["tag"] == second.uid


def test_two_studies_of_one_patient_in_one_zip_make_two_distinct_sessions(api):
    first = make_study([S("MR", 2)], patient_id="SAME_PATIENT", study_date="20240101")
    second = make_study([S("MR", 2)], patient_id="SAME_PATIENT", study_date="20240202")
    response = api.post_import(
        params={"PROJECT_ID": "ZIP"},
        data=zip_bytes(first.files(folder=lambda s: "one") + second.files(folder=lambda s: "two")),
        content_type="application/zip",
    )
    sessions = api.imported(response)
    assert len(sessions) == 2, sessions
    by_study = {api.row(session)["tag"]: session for session in sessions}
    assert set(by_study) == {first.uid, second.uid}
    assert stored_uids(api.directory(by_study[first.uid])) == expected_paths(first)
    assert stored_uids(api.directory(by_study[second.uid])) == expected_paths(second)


def test_a_large_upload_streamed_in_small_chunks_is_stored_completely(api):
    study = make_study([S("MR", 40, number=1), S("MR", 40, number=2), S("CT", 40, number=3)])
    body = zip_bytes(study.files())

    def chunks():
        for start in range(0, len(body), 1000):
            yield body[start : start + 1000]

    response = api.post_import(params=labels("SUBJ16", "MANY_CHUNKS"), data=chunks(), content_type="application/zip")
    [session] = api.imported(response)
    assert stored_uids(api.directory(session)) == expected_paths(study)


@pytest.mark.parametrize("syntax", [IMPLICIT_VR_LITTLE_ENDIAN, JPEG_BASELINE], ids=["implicit-vr", "jpeg-baseline"])
def test_other_transfer_syntaxes_are_stored_byte_for_byte(api, syntax):
    study = make_study([S("MR", 2, number=1), S("CT", 1, number=2)], transfer_syntax=syntax)
    files = study.files()
    session = api.import_one(zip_bytes(files), **labels("SUBJ17", f"SYNTAX_{syntax.replace('.', '_')}"))
    directory = api.directory(session)
    assert stored_uids(directory) == expected_paths(study)
    for (name, data), ds in zip(files, study.datasets):
        path = directory / "SCANS" / str(ds.SeriesNumber) / "DICOM" / name
        assert path.read_bytes() == data


def test_entries_without_an_extension_keep_their_names(api):
    study = make_study([S("MR", 3, number=1)])
    names = ["IM0001", "IM0002", "I.3"]
    entries = [(f"DICOM/ST000000/SE000000/{name}", part10(ds)) for name, ds in zip(names, study.datasets)]
    session = api.import_one(zip_bytes(entries), **labels("SUBJ18", "NO_EXTENSION"))
    assert stored_uids(api.directory(session)) == {
        f"SCANS/1/DICOM/{name}": str(ds.SOPInstanceUID) for name, ds in zip(names, study.datasets)
    }


def test_two_studies_with_the_same_labels_never_share_a_session_folder(api):
    first, second = make_study([S("MR", 2)]), make_study([S("MR", 2)])
    params = labels("SAME_SUBJ", "SAME_LABEL")
    one = api.import_one(zip_bytes(first.files()), **params)
    two = api.import_one(zip_bytes(second.files()), **params)
    assert one != two
    assert stored_uids(api.directory(one)) == expected_paths(first)
    assert stored_uids(api.directory(two)) == expected_paths(second)
    assert api.row(one)["tag"] == first.uid and api.row(two)["tag"] == second.uid


def test_concurrent_uploads_of_different_studies_with_one_label_stay_apart(api):
    studies = [make_study([S("MR", 3)]) for _ in range(3)]
    bodies = [zip_bytes(study.files()) for study in studies]
    barrier = threading.Barrier(len(studies))
    responses = [None] * len(studies)

    def upload(index):
        barrier.wait()
        responses[index] = api.post_import(
            params=labels("RACE_SUBJ", "RACE_LABEL"), data=bodies[index], content_type="application/zip"
        )

    threads = [threading.Thread(target=upload, args=(i,)) for i in range(len(studies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    sessions = [api.imported(response) for response in responses]
    assert all(len(answer) == 1 for answer in sessions), sessions
    assert len({answer[0] for answer in sessions}) == len(studies)
    for study, [session] in zip(studies, sessions):
        assert stored_uids(api.directory(session)) == expected_paths(study)
        assert api.row(session)["tag"] == study.uid


def test_a_refused_upload_then_a_good_one_on_the_same_http_session(api):
    # The Desktop Client keeps its connection alive between uploads; a refusal must not spoil the next request.
    good = make_study([S("MR", 30, number=1)])
    refused = [("first_is_bad.dcm", b"not DICOM at all")] + make_study([S("MR", 30)]).files()
    with requests.Session() as http:
        http.auth = api.http.auth
        url = api.url("/data/services/import")
        bad = http.post(
            url,
            params=labels("KA", "KEEPALIVE_BAD"),
            data=zip_bytes(refused),
            headers={"Content-Type": "application/zip"},
            timeout=60,
        )
        assert bad.status_code == 400, bad.text
        ok = http.post(
            url,
            params=labels("KA", "KEEPALIVE_GOOD"),
            data=zip_bytes(good.files()),
            headers={"Content-Type": "application/zip"},
            timeout=60,
        )
        [session] = api.imported(ok)
    assert stored_uids(api.directory(session)) == expected_paths(good)


def test_rename_true_names_files_by_the_template(api):
    study = make_study([S("MR", 2, number=3), S("CT", 2, number=9)])
    session = api.import_one(zip_bytes(study.files()), rename="true", **labels("SUBJ08", "RENAMED"))
    assert stored_uids(api.directory(session)) == expected_paths(study, name=template_name)


def test_rename_uses_the_verified_hash_test_vectors(api):
    # xnat-import-spec §7.2: the names real XNAT gives these two instances.
    study = make_study([S("MR", 11, number=4)], study_uid="1.3.12.2.1107.5.2.32.35177.30000006121218324675000000034")
    first, eleventh = study.series[0].datasets[0], study.series[0].datasets[10]
    with_uids(first, sop_class=MR_IMAGE, sop_instance="1.3.12.2.1107.5.2.32.35177.3.2006121409365951632817982")
    with_uids(eleventh, sop_class=MR_IMAGE, sop_instance="1.3.12.2.1107.5.2.32.35177.3.2006121409370018007818018")
    entries = [("a.dcm", part10(first)), ("b.dcm", part10(eleventh))]
    session = api.import_one(zip_bytes(entries), rename="true", **labels("SUBJ09", "VECTORS"))
    names = sorted(path.rsplit("/", 1)[1] for path in stored_uids(api.directory(session)))
    assert names == [
        "1.3.12.2.1107.5.2.32.35177.30000006121218324675000000034-4-1-1qs88hj.dcm",
        "1.3.12.2.1107.5.2.32.35177.30000006121218324675000000034-4-11-11qrks4.dcm",
    ]


def test_client_file_names_are_sanitised(api):
    study = make_study([S("MR", 3, number=2)])
    names = ["my scan (1).dcm", "bild-ü#2.dcm", "IM_0003.DCM"]
    entries = [(f"odd folder/{name}", part10(ds)) for name, ds in zip(names, study.datasets)]
    session = api.import_one(zip_bytes(entries), **labels("SUBJ10", "ODD_NAMES"))
    stored = stored_uids(api.directory(session))
    assert stored == {
        "SCANS/2/DICOM/my_scan__1_.dcm": str(study.datasets[0].SOPInstanceUID),
        "SCANS/2/DICOM/bild-__2.dcm": str(study.datasets[1].SOPInstanceUID),
        "SCANS/2/DICOM/IM_0003.DCM": str(study.datasets[2].SOPInstanceUID),
    }
    assert sanitised_file_name("bild-ü#2.dcm") == "bild-__2.dcm"


def test_the_same_entry_name_in_two_series_is_kept_but_a_clash_in_one_series_is_renamed(api):
    study = make_study([S("MR", 2, number=1), S("MR", 1, number=2)])
    one_a, one_b = study.series[0].datasets
    [two] = study.series[1].datasets
    entries = [("a/image.dcm", part10(one_a)), ("b/image.dcm", part10(two)), ("c/image.dcm", part10(one_b))]
    session = api.import_one(zip_bytes(entries), **labels("SUBJ11", "CLASH"))
    assert stored_uids(api.directory(session)) == {
        "SCANS/1/DICOM/image.dcm": str(one_a.SOPInstanceUID),
        "SCANS/2/DICOM/image.dcm": str(two.SOPInstanceUID),
        f"SCANS/1/DICOM/{template_name(one_b)}": str(one_b.SOPInstanceUID),
    }


def test_project_subject_and_session_are_aliases(api):
    study = make_study([S("MR", 1)])
    response = api.post_import(
        params={"project": "ZIP", "subject": "ALIAS_SUBJ", "session": "ALIAS_SESSION"},
        data=zip_bytes(study.files()),
        content_type="application/zip",
    )
    [session] = api.imported(response)
    assert (session.project, session.folder) == ("ZIP", "ALIAS_SESSION")
    row = api.row(session)
    assert (row["subject"], row["name"]) == ("ALIAS_SUBJ", "ALIAS_SESSION")


def test_the_rest_prefix_imports_too(api):
    study = make_study([S("MR", 1)])
    response = api.post_import(
        path="/REST/services/import",
        params=labels("SUBJ12", "REST_PATH"),
        data=zip_bytes(study.files()),
        content_type="application/zip",
    )
    [session] = api.imported(response)
    assert stored_uids(api.directory(session)) == expected_paths(study)


def test_later_uploads_with_the_same_labels_add_to_the_same_session(api):
    study = make_study([S("MR", 2, number=1), S("MR", 2, number=2)])
    params = labels("SUBJ13", "PER_SERIES")
    first = api.import_one(zip_bytes(study.series_files(study.series[0])), **params)
    second = api.import_one(zip_bytes(study.series_files(study.series[1])), **params)
    assert first == second
    assert stored_uids(api.directory(first)) == expected_paths(study)
    assert len(api.rows_for_study(study.uid, "ZIP")) == 1


@pytest.mark.parametrize("timestamp", ["20200101_101010123", "20000101_100001"])
def test_dest_pins_timestamp_and_folder_and_builds_the_session(api, timestamp):
    study = make_study([S("MR", 2)])
    dest = f"/prearchive/projects/ZIP/{timestamp}/PINNED_{timestamp}"
    session = api.import_one(zip_bytes(study.files()), dest=dest)
    assert session == PrearchiveSession("ZIP", timestamp, f"PINNED_{timestamp}")
    assert stored_uids(api.directory(session)) == expected_paths(study)
    assert session.xml_path(api.data_dir).is_file()
    assert api.row(session)["status"] == "READY"


def test_the_xnatpy_import_query_with_dest_prearchive(api):
    # xnatpy `services.import_(..., destination="/prearchive", project=, subject=, experiment=)` (xnat-clients §2.3).
    study = make_study([S("MR", 2)])
    response = api.post_import(
        params=[
            ("overwrite", "none"),
            ("tiggerPipelines", "false"),
            ("dest", "/prearchive"),
            ("project", "ZIP"),
            ("subject", "XNATPY_SUBJ"),
            ("session", "XNATPY_MR1"),
            ("import-handler", "DICOM-zip"),
        ],
        data=zip_bytes(study.files(folder=lambda s: "dicom")),
        content_type="application/zip",
    )
    [session] = api.imported(response)
    assert (session.project, session.folder) == ("ZIP", "XNATPY_MR1")
    assert stored_uids(api.directory(session)) == expected_paths(study)
    # Any dest forces a commit: the session is built.
    assert api.row(session)["status"] == "READY"


def test_dest_naming_only_a_project_routes_there_and_builds(api):
    study = make_study([S("MR", 1)], patient_id="DEST_PROJECT_ONLY")
    session = api.import_one(zip_bytes(study.files()), dest="/prearchive/projects/ZIP")
    assert (session.project, session.folder) == ("ZIP", "DEST_PROJECT_ONLY")
    assert api.row(session)["status"] == "READY"


def test_missing_series_and_instance_numbers_in_names_and_folders(api):
    study = make_study([S("MR", 2, number=1)])
    for ds in study.datasets:
        del ds.SeriesNumber
    del study.datasets[1].InstanceNumber
    series_uid = study.series[0].uid
    folder = series_uid.replace(".", "_")
    session = api.import_one(
        zip_bytes(study.files(name=lambda ds: f"{ds.SOPInstanceUID}.dcm")),
        rename="true",
        **labels("SUBJ19", "NO_NUMBERS"),
    )
    first, second = study.datasets
    assert template_name(second).startswith(f"{study.uid}-no-value-for-SeriesNumber-no-value-for-InstanceNumber-")
    assert stored_uids(api.directory(session)) == {
        f"SCANS/{folder}/DICOM/{template_name(first)}": str(first.SOPInstanceUID),
        f"SCANS/{folder}/DICOM/{template_name(second)}": str(second.SOPInstanceUID),
    }


def test_action_commit_on_import_builds_the_session_right_away(api):
    study = make_study([S("MR", 2)])
    session = api.import_one(zip_bytes(study.files()), action="commit", **labels("SUBJ14", "COMMITTED"))
    assert session.xml_path(api.data_dir).is_file()
    assert api.row(session)["status"] == "READY"
    root = api.session_xml(session)
    assert root.get("UID") == study.uid


def test_concurrent_uploads_of_one_study_make_one_session_with_every_instance_once(api):
    study = make_study([S("MR", 6, number=1), S("MR", 6, number=2)], patient_id="CONCURRENT_ZIP")
    files = study.files()
    halves = [files[0::2], files[1::2]]
    barrier = threading.Barrier(len(halves))
    responses = [None] * len(halves)

    def upload(index):
        body = zip_bytes(halves[index])
        barrier.wait()
        responses[index] = api.post_import(params={"PROJECT_ID": "ZIP"}, data=body, content_type="application/zip")

    threads = [threading.Thread(target=upload, args=(i,)) for i in range(len(halves))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    sessions = {session for response in responses for session in api.imported(response)}
    assert len(sessions) == 1, sessions
    [session] = sessions
    assert session.folder == "CONCURRENT_ZIP"
    assert stored_uids(api.directory(session)) == expected_paths(study)
    assert len(api.rows_for_study(study.uid, "ZIP")) == 1


def test_default_names_are_the_entry_basenames(api):
    study = make_study([S("MR", 1, number=12)])
    session = api.import_one(zip_bytes(study.files(folder=lambda s: "x/y/z")), **labels("SUBJ15", "BASENAME"))
    [path] = stored_uids(api.directory(session))
    assert path == f"SCANS/12/DICOM/{default_name(study.datasets[0])}"


def test_the_test_suites_own_name_template_matches_the_spec_vectors():
    # Guards the helper the other tests compare with (xnat-import-spec §7.2); needs no server.
    assert sop_hash(MR_IMAGE, "1.3.12.2.1107.5.2.32.35177.3.2006121409365951632817982") == "1qs88hj"
    assert sop_hash(MR_IMAGE, "1.3.12.2.1107.5.2.32.35177.3.2006121409370018007818018") == "11qrks4"
