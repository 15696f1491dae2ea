"""Bad-input corpus, HTTP and request layer (reliability §3.1): sizes, framing, timeouts, multipart, encodings.

Every case runs between two data-folder snapshots (corpus.py); the statuses and messages are the table in
Docs/Reliability.md, "Bad input".
"""
import pytest

import corpus
from corpus import Case, post, raw, upload
from dicom_factory import S, make_study, part10, zip_bytes

IMPORT = "/data/services/import?PROJECT_ID=CORPUS"
AUTH = "Authorization: {auth}"
HOST = "Host: {host}"
BOUNDARY = "corpusboundary"
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"
TOO_LARGE = "The upload is larger than the limit of 1073741824 bytes"
STALLED = "The request body stalled: no bytes arrived for 2 seconds"
MALFORMED = "The multipart body is malformed: "


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    yield from corpus.serve(tmp_path_factory)


def a_zip():
    return zip_bytes(make_study([S("MR", 1)], patient_id="HTTP").files())


def multipart(*parts, close=True):
    """A multipart body of (headers, content) parts."""
    body = b""
    for headers, content in parts:
        body += f"--{BOUNDARY}\r\n".encode() + "".join(f"{h}\r\n" for h in headers).encode() + b"\r\n" + content
        body += b"\r\n"
    if close:
        body += f"--{BOUNDARY}--\r\n".encode()
    return body


def file_part(name="series.zip", content=b"PK\x05\x06" + b"\0" * 18):
    return ([f'Content-Disposition: form-data; name="file"; filename="{name}"', "Content-Type: application/zip"],
            content)


def field(name, value):
    return ([f'Content-Disposition: form-data; name="{name}"'], value)


def head(*lines, method="POST", target=IMPORT):
    return [f"{method} {target} HTTP/1.1", HOST, AUTH, *lines]


CASES = corpus.unique([
    # H1: a declared body over the limit is refused before a byte is read.
    Case("H1-content-length-4GiB", raw(head("Content-Type: application/zip", "Content-Length: 4294967296"), b"PK"),
         (413,), message=TOO_LARGE),
    Case("H1-content-length-int64-max",
         raw(head("Content-Type: application/zip", "Content-Length: 9223372036854775807"), b"PK"),
         (413,), message=TOO_LARGE),
    Case("H1-content-length-4GiB-multipart",
         raw(head(f"Content-Type: {MULTIPART}", "Content-Length: 4294967296"), b"--"), (413,), message=TOO_LARGE),
    Case("H1-content-length-4GiB-dicom",
         raw(head("Content-Type: application/dicom", "Content-Length: 4294967296"), b"\0"), (413,), message=TOO_LARGE),
    Case("H1-content-length-4GiB-user-cache",
         raw(head("Content-Type: application/zip", "Content-Length: 4294967296", method="PUT",
                  target="/data/user/cache/resources/CORPUS/files/x.zip"), b"PK"), (413,), message=TOO_LARGE),
    Case("H1-content-length-overflow",
         raw(head("Content-Type: application/zip", "Content-Length: 99999999999999999999999"), b"PK"),
         (400, 413), empty_body=True),
    Case("H1-content-length-negative", raw(head("Content-Type: application/zip", "Content-Length: -1"), b"PK"),
         (400,), empty_body=True),
    Case("H1-content-length-twice", raw(head("Content-Type: application/zip", "Content-Length: 2",
                                             "Content-Length: 3"), b"PKx"), (400,), empty_body=True),
    Case("H1-content-length-and-chunked",
         raw(head("Content-Type: application/zip", "Content-Length: 5", "Transfer-Encoding: chunked"),
             b"2\r\nPK\r\n0\r\n\r\n"), (400,), empty_body=True),
    # H2: bodies that stop arriving are answered 408 after the body idle timeout (2 s here).
    Case("H2-chunked-never-ends", raw(head("Content-Type: application/zip", "Transfer-Encoding: chunked"),
                                       b"4\r\nPK\x03\x04\r\n"), (408,), message=STALLED),
    Case("H2-content-length-short", raw(head("Content-Type: application/zip", "Content-Length: 1000"), b"PK\x03\x04"),
         (408,), message=STALLED),
    Case("H2-multipart-stalls", raw(head(f"Content-Type: {MULTIPART}", "Content-Length: 5000"),
                                    multipart(file_part(), close=False)[:120]), (408,), message=STALLED),
    Case("H2-dicom-stalls", raw(head("Content-Type: application/dicom", "Content-Length: 5000"), b"\0" * 200),
         (408,), message=STALLED),
    Case("H2-user-cache-stalls",
         raw(head("Content-Length: 5000", method="PUT", target="/data/user/cache/resources/CORPUS/files/a.dcm"),
             b"\0" * 10), (408,), message=STALLED),
    Case("H2-bad-chunk-size", raw(head("Content-Type: application/zip", "Transfer-Encoding: chunked"),
                                   b"zz\r\nPK\r\n0\r\n\r\n"), (400,), empty_body=True),
    # H3/H4: Content-Encoding is not decoded; the body must be the file itself.
    Case("H4-content-encoding-gzip", post(params={"PROJECT_ID": "CORPUS"}, data=a_zip(),
                                          content_type="application/zip", headers={"Content-Encoding": "gzip"}),
         (415,), prefix="Content-Encoding gzip is not"),
    Case("H4-content-encoding-nope", post(params={"PROJECT_ID": "CORPUS"}, data=a_zip(),
                                          content_type="application/zip", headers={"Content-Encoding": "nope"}),
         (415,), prefix="Content-Encoding nope is not supported"),
    Case("H4-content-encoding-deflate-dicom",
         post(params={"PROJECT_ID": "CORPUS"}, data=part10(make_study([S("MR", 1)]).datasets[0]),
              content_type="application/dicom", headers={"Content-Encoding": "deflate"}), (415,),
         prefix="Content-Encoding deflate"),
    Case("H4-content-encoding-br-user-cache",
         post("/data/user/cache/resources/CORPUS/files/a.zip", method="PUT", data=a_zip(),
              headers={"Content-Encoding": "br"}), (415,), prefix="Content-Encoding br"),
    # H5: multipart bodies.
    Case("H5-multipart-no-boundary", post(params={"PROJECT_ID": "CORPUS"}, data=multipart(file_part()),
                                          content_type="multipart/form-data"),
         (400,), message=MALFORMED + "the Content-Type has no usable boundary"),
    Case("H5-boundary-absent-from-body", post(params={"PROJECT_ID": "CORPUS"}, data=b"x" * 70000,
                                              content_type=MULTIPART), (400,), prefix=MALFORMED),
    Case("H5-boundary-absent-short-body", post(params={"PROJECT_ID": "CORPUS"}, data=b"no parts here",
                                               content_type=MULTIPART), (400,), prefix=MALFORMED),
    Case("H5-10000-parts", post(params={"PROJECT_ID": "CORPUS"},
                                data=multipart(*[field(f"f{i}", b"v") for i in range(10000)]),
                                content_type=MULTIPART), (400,),
         message="The multipart form has more than 1000 fields"),
    Case("H5-two-file-parts", post(params={"PROJECT_ID": "CORPUS"}, data=multipart(file_part("a.zip"),
                                                                                 file_part("b.zip")),
                                   content_type=MULTIPART), (400,),
         message="Importer is limited to one uploaded resource at a time."),
    Case("H5-no-closing-boundary", post(params={"PROJECT_ID": "CORPUS"}, data=multipart(file_part(), close=False),
                                        content_type=MULTIPART), (400,),
         message=MALFORMED + "the body ends before the closing boundary"),
    Case("H5-part-headers-too-long",
         post(params={"PROJECT_ID": "CORPUS"},
              data=f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{'x' * 100000}\"".encode(),
              content_type=MULTIPART), (400,), prefix=MALFORMED),
    Case("H5-field-too-long", post(params={"PROJECT_ID": "CORPUS"},
                                   data=multipart(field("project", b"x" * 70000), file_part()),
                                   content_type=MULTIPART), (400,),
         message="The multipart form field project is longer than 65536 bytes"),
    Case("H5-file-part-without-name", post(params={"PROJECT_ID": "CORPUS"}, data=multipart(file_part(name="")),
                                           content_type=MULTIPART), (400,),
         message="multi-part form posts must contain the file name of the uploaded file"),
    Case("H5-reference-part", post(params={"PROJECT_ID": "CORPUS"}, data=multipart(field("reference", b"/etc")),
                                   content_type=MULTIPART), (400,),
         message="multi-part form posts may not be used to upload files via reference"),
    Case("H5-only-form-fields", post(params={"PROJECT_ID": "CORPUS"}, data=multipart(field("a", b"b")),
                                     content_type=MULTIPART), (400,), message="Unable to identify upload format."),
    Case("H5-multipart-with-inbody", post(params={"PROJECT_ID": "CORPUS", "inbody": "true"},
                                          data=multipart(file_part()), content_type=MULTIPART), (406,),
         message="In-body posts must not be multipart"),
    Case("H5-url-encoded-body", post(params={"PROJECT_ID": "CORPUS"}, data=b"a=b&c=d",
                                     content_type="application/x-www-form-urlencoded"), (400,),
         prefix="URL-encoded form bodies cannot carry an upload"),
    # H6: empty uploads.
    Case("H6-inbody-empty", post(params={"PROJECT_ID": "CORPUS", "inbody": "true"}, data=b"",
                                 content_type="text/plain"), (400,), message="The request body is empty"),
    Case("H6-dicom-empty", post(params={"PROJECT_ID": "CORPUS"}, data=b"", content_type="application/dicom"),
         (400,), message="The request body is empty"),
    Case("H6-zip-empty", post(params={"PROJECT_ID": "CORPUS"}, data=b"", content_type="application/zip"),
         (400,), prefix="Unsupported format: "),
    Case("H6-no-body", post(params={"PROJECT_ID": "CORPUS"}), (400,), message="Unable to identify upload format."),
    Case("H6-chunked-empty", raw(head("Content-Type: application/octet-stream", "Transfer-Encoding: chunked"),
                                 b"0\r\n\r\n"), (400,), message="The request body is empty"),
    # H8: handlers and flags.
    Case("H8-unknown-handler", upload(a_zip(), **{"import-handler": "bogus", "PROJECT_ID": "CORPUS"}), (404,),
         message="Unknown importer implementation specified: bogus"),
    Case("H8-handler-wrong-case", upload(a_zip(), **{"import-handler": "dicom-zip", "PROJECT_ID": "CORPUS"}),
         (404,), message="Unknown importer implementation specified: dicom-zip"),
    Case("H8-empty-listener", upload(a_zip(), **{"http-session-listener": "", "PROJECT_ID": "CORPUS"}), (400,),
         message="'transaction' is required when requesting 'http-session-listener'."),
    # H9: request heads over the 64 KiB limit.
    Case("H9-query-over-64KiB", post(params={"PROJECT_ID": "CORPUS", "x": "y" * 70000}, data=a_zip(),
                                     content_type="application/zip"), (414,),
         prefix="The request target is "),
    Case("H9-header-over-64KiB", post(params={"PROJECT_ID": "CORPUS"}, data=a_zip(), content_type="application/zip",
                                      headers={"X-Padding": "p" * 70000}), (431,),
         prefix="The request's header fields are "),
    Case("H9-many-headers-over-64KiB", post(params={"PROJECT_ID": "CORPUS"}, data=a_zip(),
                                            content_type="application/zip",
                                            headers={f"X-Pad-{i}": "p" * 100 for i in range(700)}), (431,),
         prefix="The request's header fields are "),
    Case("H9-header-over-parser-limit", raw(head("X-Padding: " + "p" * 300_000, "Content-Length: 0")), (400,),
         empty_body=True),
    Case("H9-2000-header-fields", raw(head(*[f"X-{i}: v" for i in range(2000)], "Content-Length: 0")), (400,),
         empty_body=True),
    # Requests that are not HTTP, or not allowed.
    Case("HX-garbage-request-line", raw(["GARBAGE"]), (400,), empty_body=True),
    Case("HX-binary-request", raw(["\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03"]), (400,), empty_body=True),
    Case("HX-get-import", post(method="GET"), (405,), message="Use POST to import"),
    Case("HX-put-import", post(method="PUT", data=b"x"), (405,), message="Use POST to import"),
    Case("HX-anonymous", post(params={"PROJECT_ID": "CORPUS"}, data=a_zip(), content_type="application/zip",
                              auth=None), (401,)),
    Case("HX-wrong-password", post(params={"PROJECT_ID": "CORPUS"}, data=a_zip(), content_type="application/zip",
                                   auth=("admin", "wrong")), (401,)),
    Case("HX-unknown-user", post(params={"PROJECT_ID": "CORPUS"}, data=a_zip(), content_type="application/zip",
                                 auth=("nobody", "wrong")), (401,)),
    Case("HX-malformed-basic", post(params={"PROJECT_ID": "CORPUS"}, data=a_zip(), content_type="application/zip",
                                    auth=None, headers={"Authorization": "Basic !!!not-base64"}), (401, 400)),
])


@pytest.mark.parametrize("case", CASES, ids=corpus.case_ids(CASES))
def test_http_corpus(api, case):
    corpus.run(api, case)


def test_the_server_still_imports_after_the_corpus(api):
    study = make_study([S("MR", 2)], patient_id="AFTER_HTTP")
    session = api.import_one(zip_bytes(study.files()), PROJECT_ID="CORPUS")
    assert session.project == "CORPUS"
