"""Bad-input corpus, XAR uploads and session documents (reliability §3.6).

The module archives one session (project CORPUS, label XAR1) and builds each bad XAR from its folder at run time:
the document, its catalogs and files, with one thing wrong. XAR is loaded into the archive as it is, so the
target project is a second one, CORPUS2, where a sound XAR would land.
"""
import io
import zipfile

import pytest

import corpus
from archive_client import Archiver, session_folder
from corpus import Case, post
from dicom_factory import S, make_study

XAR = {"import-handler": "XAR", "project": "CORPUS2"}
SOURCE = {}
CORRUPT = "Archive file is corrupt or not a valid archive file type"


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    for api in corpus.serve(tmp_path_factory):
        api.create_project("CORPUS2")
        study = make_study([S("MR", 2, number=1)], patient_id="XAR_SUBJ")
        Archiver(api).import_to_archive(study.datasets, dest="/archive", project="CORPUS", subject="XAR_SUBJ",
                                        session="XAR1")
        SOURCE["folder"] = session_folder(api.data_dir, "CORPUS", "XAR1")
        yield api


def source_files():
    folder = SOURCE["folder"]
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def document():
    return source_files()["XAR1.xml"].decode()


def catalog_name():
    return next(name for name in source_files() if name.endswith("_catalog.xml"))


def xar(replace=None, drop=(), extra=None):
    """The session's files as a zip, with `replace` (name → bytes or str) and `extra` entries, without `drop`."""
    files = {name: data for name, data in source_files().items() if name not in drop}
    for name, data in {**(replace or {}), **(extra or {})}.items():
        files[name] = data.encode() if isinstance(data, str) else data
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def send(build, **params):
    """A `send` that builds the XAR when the case runs (the session exists only then)."""

    def run(api):
        return post(params={**XAR, **params}, data=build(), content_type="application/zip")(api)

    return run


def with_document(change):
    return lambda: xar(replace={"XAR1.xml": change(document())})


def with_catalog(change):
    return lambda: xar(replace={catalog_name(): change(source_files()[catalog_name()].decode())})


def entity(text):
    return text.replace("?>", "?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>", 1)


def laughs(text):
    doctype = (
        "<!DOCTYPE lolz [<!ENTITY lol 'lol'>"
        + "".join(f"<!ENTITY lol{i} '{('&lol' + str(i - 1) + ';') * 10 if i else '&lol;' * 10}'>" for i in range(9))
        + "]>"
    )
    return text.replace("?>", "?>" + doctype, 1)


def deep(text):
    return text.replace("</xnat:scans>", "<a>" * 100_000 + "</a>" * 100_000 + "</xnat:scans>", 1)


def first_catalog_entry_uri(text, uri):
    start = text.index('URI="', text.index("<cat:entry")) + 5
    return text[:start] + uri + text[text.index('"', start):]


def bad_digest(text):
    start = text.index('digest="') + 8
    return text[:start] + "0" * 32 + text[text.index('"', start):]


CASES = corpus.unique([
    # X1, X2: documents with a DOCTYPE, entity expansion, depth, size.
    Case("X1-external-entity", send(with_document(entity)), (400,)),
    Case("X2-billion-laughs", send(with_document(laughs)), (400,)),
    Case("X2-100000-deep", send(with_document(deep)), (400,)),
    Case("X2-not-xml", send(lambda: xar(replace={"XAR1.xml": b"\x00\x01 this is not XML <<<"})), (400,)),
    Case("X2-truncated-xml", send(with_document(lambda t: t[: len(t) // 2])), (400,)),
    # X3: the project in the document.
    Case("X3-project-missing", send(with_document(lambda t: t.replace('project="CORPUS"', "", 1)), project=None),
         (400,), message="Could not process XAR file - Invalid project tag."),
    Case("X3-project-unknown", send(with_document(lambda t: t.replace('project="CORPUS"', 'project="NOPE"', 1)),
                                    project=None), (400,), message="Could not process XAR file - Invalid project tag."),
    Case("X3-project-traversal", send(with_document(lambda t: t.replace('project="CORPUS"', 'project="../x"', 1)),
                                      project=None), (400,)),
    # X4: more than one session.
    Case("X4-two-documents", send(lambda: xar(extra={"copy.xml": document()})), (400,),
         message="XAR can only include data for one imaging session."),
    # X5: catalogs and entries that point outside the XAR, or at nothing.
    Case("X5-entry-dotdot", send(with_catalog(lambda t: first_catalog_entry_uri(t, "../../../../etc/passwd"))),
         (400,)),
    Case("X5-entry-absolute", send(with_catalog(lambda t: first_catalog_entry_uri(t, "/etc/passwd"))), (400,)),
    Case("X5-entry-file-url", send(with_catalog(lambda t: first_catalog_entry_uri(t, "file:///etc/passwd"))), (400,)),
    Case("X5-entry-missing", send(with_catalog(lambda t: first_catalog_entry_uri(t, "missing.dcm"))), (400,)),
    Case("X5-catalog-dotdot", send(with_document(lambda t: t.replace(catalog_name(), "../../../etc/passwd", 1))),
         (400,)),
    Case("X5-catalog-missing", send(lambda: xar(drop=(catalog_name(),))), (400,)),
    Case("X5-zip-entry-dotdot", send(lambda: xar(extra={"../../evil.txt": b"x"})), (400,)),
    # X6: no document.
    Case("X6-files-only", send(lambda: xar(drop=("XAR1.xml",))), (400,), message="Unable to locate XNAT xml document."),
    Case("X6-empty-zip", send(lambda: b"PK\x05\x06" + b"\0" * 18), (400,)),
    Case("X6-not-an-archive", send(lambda: b"plain text" * 50), (400,), prefix=CORRUPT),
    # X7: checksums.
    Case("X7-digest-mismatch", send(with_catalog(bad_digest)), (400,)),
    # X8: encodings.
    Case("X8-utf16-with-unknown-project",
         send(with_document(lambda t: t.replace('project="CORPUS"', 'project="NOPE"', 1)
                            .replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")), project=None),
         (400,)),
    Case("X8-latin1-bytes-declared-utf8", send(with_document(lambda t: t.replace("XAR_SUBJ", "XAR_SUBJ\xe9")
                                                             .encode("latin-1"))), (400,)),
])


@pytest.mark.parametrize("case", CASES, ids=corpus.case_ids(CASES))
def test_xar_corpus(api, case):
    corpus.run(api, case)
