"""Bad-input corpus, destinations, labels and parameters (reliability §3.2): path injection through parameters.

Each upload is a valid zip, so only the parameters can make the request fail. Labels with unsafe characters are
not refused but made safe, as XNAT users expect (Docs/Import.md); `test_unsafe_labels_stay_inside_the_project`
checks that they never leave the project's folder.
"""
import pytest

import corpus
from corpus import Case, post, upload
from dicom_factory import S, make_study, zip_bytes

DEST_ERROR = "Parameter dest format error"
INVALID_PROJECT = "Invalid character in project ID."


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    yield from corpus.serve(tmp_path_factory)


def a_zip():
    return zip_bytes(make_study([S("MR", 1)], patient_id="PARAMS").files())


def dest(value, **more):
    return upload(a_zip(), dest=value, **more)


CASES = corpus.unique([
    # P1: project IDs that cannot be IDs are refused before any lookup.
    *[
        Case(f"P1-project-{name}", upload(a_zip(), **{key: value}), (400,), message=message)
        for name, key, value, message in [
            ("dotdot-other", "PROJECT_ID", "../other", INVALID_PROJECT),
            ("dotdot", "project", "..", INVALID_PROJECT),
            ("slash", "project", "a/b", INVALID_PROJECT),
            ("percent-encoded-dots", "PROJECT_ID", "%2e%2e", INVALID_PROJECT),
            ("nul", "PROJECT_ID", "CORPUS\0", INVALID_PROJECT),
            ("space", "PROJECT_ID", "COR PUS", INVALID_PROJECT),
            ("backslash", "PROJECT_ID", "..\\x", INVALID_PROJECT),
            ("unicode", "PROJECT_ID", "CÖRPUS", INVALID_PROJECT),
            ("300-chars", "PROJECT_ID", "P" * 300, "Project ID is longer than 255 characters."),
        ]
    ],
    # P3, P4, P7: dest must be a server-relative XNAT URI of the documented shapes.
    *[
        Case(f"P3-dest-{name}", dest(value), (400,), message=DEST_ERROR)
        for name, value in [
            ("archive-dotdot", "/archive/projects/CORPUS/../Q/subjects/S/experiments/E"),
            ("prearchive-dotdot", "/prearchive/projects/CORPUS/20240101_120000/../../x"),
            ("double-slash", "//prearchive/projects/CORPUS"),
            ("trailing-dot", "/archive/projects/CORPUS/subjects/S/experiments/E/."),
            ("projects-missing", "/archive/CORPUS"),
            ("unknown-area", "/nowhere/projects/CORPUS"),
            ("relative", "prearchive/projects/CORPUS"),
        ]
    ],
    # A dest whose project segment holds an encoded slash or look-alike characters names no possible project.
    *[
        Case(f"P3-dest-{name}", dest(value), (400,), message=INVALID_PROJECT)
        for name, value in [
            ("encoded-slash", "/archive/projects/CORPUS%2F..%2FQ"),
            ("double-encoded-slash", "/archive/projects/CORPUS%252F..%252FQ"),
            ("one-dot-leader", "/archive/projects/\u2024\u2024/subjects/S"),
            ("fullwidth-solidus", "/archive/projects/CORPUS\uff0f..\uff0fQ"),
        ]
    ],
    *[
        Case(f"P4-dest-{name}", dest(value), (400,), message=DEST_ERROR)
        for name, value in [
            ("metadata-url", "http://169.254.169.254/latest/meta-data/"),
            ("file-url", "file:///etc/passwd"),
            ("https-url", "https://example.org/data/archive/projects/CORPUS"),
            ("absolute-path", "/etc/passwd"),
        ]
    ],
    *[
        Case(f"P7-timestamp-{name}", dest(f"/prearchive/projects/CORPUS/{value}/FOLDER"), (400,),
             prefix="Invalid prearchive timestamp ")
        for name, value in [("letters", "yesterday"), ("short", "2024"), ("dotdot", ".."),
                            ("separators", "2024-01-01_12:00:00")]
    ],
    Case("P7-prearc-timestamp-parameter", upload(a_zip(), PROJECT_ID="CORPUS", PREARC_TIMESTAMP="../../x",
                                                 PREARC_SESSION_FOLDER="F"), (400,)),
    # P8: server paths in parameters are never read.
    Case("P8-local-file-path", post(params={"PROJECT_ID": "CORPUS", "localFilePath": "/etc/passwd",
                                            "removeLocalFileAfterImport": "true"}), (400,),
         message="Unable to identify upload format."),
    # P9: src must name a file in the caller's own cache.
    Case("P9-src-dotdot", post(params={"src": "/user/cache/resources/../../../etc/passwd"}), (400,),
         message="src uri is invalid."),
    Case("P9-src-absolute", post(params={"src": "/etc/passwd"}), (400,), message="src uri is invalid."),
    Case("P9-src-url", post(params={"src": "file:///etc/passwd"}), (400,), message="src uri is invalid."),
    Case("P9-src-missing", post(params={"src": "/user/cache/resources/NONE/files/none.zip"}), (404,),
         message="Unknown src file."),
    Case("P9-src-encoded-dotdot", post(params={"src": "/user/cache/resources/X/files/..%2F..%2Fsluice.sqlite"}),
         (400, 404)),
    # The inbox handler's path must stay inside the inbox.
    Case("P9-inbox-dotdot", post(params={"import-handler": "inbox", "path": "../../etc"}), (400, 404)),
    Case("P9-inbox-absolute", post(params={"import-handler": "inbox", "path": "/etc/passwd"}), (400, 404)),
    Case("P9-inbox-data-folder", post(params={"import-handler": "inbox", "path": "../sluice.sqlite"}), (400, 404)),
    # Flags with values XNAT refuses.
    Case("PX-overwrite-banana", upload(a_zip(), **{"import-handler": "XAR", "overwrite": "banana"}), (400,)),
])


@pytest.mark.parametrize("case", CASES, ids=corpus.case_ids(CASES))
def test_parameter_corpus(api, case):
    corpus.run(api, case)


@pytest.mark.parametrize(
    "key, value",
    [
        ("SUBJECT_ID", "../../escape"),
        ("EXPT_LABEL", "../../escape"),
        ("session", "a/b\\c"),
        ("EXPT_LABEL", ".hidden"),
        ("SUBJECT_ID", "tab\there"),
        ("EXPT_LABEL", "n\u00e9e"),
        ("PREARC_SESSION_FOLDER", "../../x"),
    ],
)
def test_unsafe_labels_stay_inside_the_project(api, key, value):
    """P2: labels are made safe ([A-Za-z0-9_-]) rather than refused; whatever is stored lies in the project."""
    before = corpus.snapshot(api.data_dir)
    params = {"PROJECT_ID": "CORPUS", key: value}
    if key == "PREARC_SESSION_FOLDER":
        params["PREARC_TIMESTAMP"] = "20240101_120000"
    response = api.post_import(params=params, data=a_zip(), content_type="application/zip")
    assert response.status_code == 200, response.text
    after = corpus.snapshot(api.data_dir)
    added = set(after.files) - set(before.files)
    assert added, "nothing stored"
    assert all(path.startswith("prearchive/CORPUS/") for path in added), sorted(added)
    assert all(".." not in path.split("/") for path in added)
