"""Bad-input corpus, zip / tar / gzip containers (reliability §3.3): unsafe paths, links, bombs, damage.

The corpus server caps uploads at 1,000 entries and 64 MiB unpacked (corpus.ENVIRONMENT), so bombs are cheap.
Archives whose structure might be accepted carry a text entry, so that either way nothing is stored.
"""
import gzip
import io
import struct
import tarfile
import zipfile
import zlib

import pytest

import corpus
from corpus import Case, upload
from dicom_factory import S, make_study, tar_bytes, zip_bytes

P = {"PROJECT_ID": "CORPUS"}
UNPACK = "The archive could not be unpacked: "
LIMIT = "The archive is over a limit of this server: "


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    yield from corpus.serve(tmp_path_factory)


def dicom():
    return make_study([S("MR", 1)], patient_id="ZIPPED").files()[0][1]


def zip_entries(entries, *, compression=zipfile.ZIP_DEFLATED):
    """A zip of `ZipInfo`-or-name → bytes pairs."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for info, data in entries:
            archive.writestr(info, data)
    return buffer.getvalue()


def zip_symlink(name, target):
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = (0o120777 << 16)
    return info, target.encode()


def tar_of(members, *, gz=False):
    """A tar of (TarInfo, bytes-or-None) members."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz" if gz else "w", format=tarfile.GNU_FORMAT) as archive:
        for info, data in members:
            if data is not None:
                info.size = len(data)
            archive.addfile(info, io.BytesIO(data) if data is not None else None)
    return buffer.getvalue()


def tar_member(name, kind=tarfile.REGTYPE, linkname=""):
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = linkname
    info.mode = 0o644
    return info


def with_text(entries):
    """Entries plus a text file, so that an archive taken as sound still refuses (nothing stored either way)."""
    return [*entries, ("notes.txt", b"not DICOM\n")]


def patched(data, offset, replacement):
    return data[:offset] + replacement + data[offset + len(replacement):]


def central_directory(data):
    return data.rindex(b"PK\x01\x02")


def end_of_central_directory(data):
    return data.rindex(b"PK\x05\x06")


def plain_zip(name="a.txt", data=b"hello" * 10, compression=zipfile.ZIP_STORED):
    return zip_entries([(name, data)], compression=compression)


def nul_in_name():
    """An entry named `evil\0.dcm` in both headers (Python's zipfile cuts names at a NUL, so patch it in)."""
    data = zip_bytes([("evilX.dcm", dicom())])
    data = patched(data, 30 + 4, b"\0")
    return patched(data, central_directory(data) + 46 + 4, b"\0")


def lying_sizes():
    data = plain_zip("notes.txt", b"x" * 5000, zipfile.ZIP_DEFLATED)
    cd = central_directory(data)
    # Central directory: uncompressed size at +24; local header: at +22.
    data = patched(data, cd + 24, struct.pack("<I", 10))
    return patched(data, 22, struct.pack("<I", 10))


def method(code):
    data = plain_zip("a.dcm", b"x" * 100)
    data = patched(data, 8, struct.pack("<H", code))
    return patched(data, central_directory(data) + 10, struct.pack("<H", code))


def encrypted():
    data = plain_zip("a.dcm", b"x" * 100)
    data = patched(data, 6, struct.pack("<H", 1))
    return patched(data, central_directory(data) + 8, struct.pack("<H", 1))


def local_name_differs():
    data = plain_zip("aaaa.txt", b"not DICOM")
    return patched(data, 30, b"bbbb")


def multi_disk():
    data = plain_zip("a.txt", b"x")
    return patched(data, end_of_central_directory(data) + 4, struct.pack("<HH", 1, 1))


def bogus_zip64():
    data = plain_zip("a.txt", b"not DICOM")
    cd = central_directory(data)
    # Sizes of 0xFFFFFFFF say "see the zip64 extra field", which is not there.
    return patched(data, cd + 20, struct.pack("<II", 0xFFFFFFFF, 0xFFFFFFFF))


def crc_mismatch():
    data = plain_zip("notes.dcm", b"not DICOM at all", zipfile.ZIP_STORED)
    data = patched(data, 14, struct.pack("<I", 0xDEADBEEF))
    return patched(data, central_directory(data) + 16, struct.pack("<I", 0xDEADBEEF))


def gzip_with_bad_crc():
    data = gzip.compress(tar_bytes([("a/notes.txt", b"not DICOM\n")]))
    return data[:-8] + struct.pack("<I", 0x12345678) + data[-4:]


def zip_bomb(size=16 << 20):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("zeros.dcm", "w") as entry:
            block = b"\0" * (1 << 20)
            for _ in range(size >> 20):
                entry.write(block)
    return buffer.getvalue()


def tar_gz_bomb(size=16 << 20):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        info = tarfile.TarInfo("zeros.dcm")
        info.size = size
        archive.addfile(info, io.BytesIO(b"\0" * size))
    return buffer.getvalue()


def gzip_bomb(size=16 << 20):
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"\0" * (1 << 20)
    return b"".join(compressor.compress(block) for _ in range(size >> 20)) + compressor.flush()


def nested(depth):
    data = zip_bytes([("notes.txt", b"not DICOM\n")])
    for level in range(depth):
        data = zip_bytes([(f"level{level}.zip", data)])
    return data


def many_entries_tar(count=1500):
    return tar_of([(tar_member(f"e{i}"), b"") for i in range(count)])


def many_entries_zip(count=1500):
    return zip_entries([(f"e{i}", b"") for i in range(count)], compression=zipfile.ZIP_STORED)


def long_names_with_dotdot():
    name = "a/" * 120 + "../" * 130 + "evil.dcm"
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as archive:
        data = b"not DICOM"
        info = tarfile.TarInfo(name)
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


CASES = corpus.unique([
    # Z1, Z2: entry paths that climb out or are absolute.
    Case("Z1-zip-dotdot-dicom", upload(zip_bytes([("../../evil.dcm", dicom())]), **P), (400,), prefix=UNPACK),
    Case("Z1-zip-dotdot-middle", upload(zip_bytes([("a/../../evil.dcm", dicom())]), **P), (400,), prefix=UNPACK),
    Case("Z1-tar-dotdot", upload(tar_bytes([("../evil.dcm", dicom())]), "application/x-tar", **P), (400,),
         prefix=UNPACK),
    Case("Z1-tar-gz-dotdot", upload(tar_bytes([("x/../../evil.dcm", dicom())], gz=True), "application/gzip", **P),
         (400,), prefix=UNPACK),
    Case("Z2-zip-absolute", upload(zip_bytes([("/tmp/evil.dcm", dicom())]), **P), (400,), prefix=UNPACK),
    Case("Z2-zip-drive-letter", upload(zip_bytes([("C:\\evil.dcm", dicom())]), **P), (400,), prefix=UNPACK),
    Case("Z2-zip-unc-path", upload(zip_bytes([("\\\\server\\share\\evil.dcm", dicom())]), **P), (400,),
         prefix=UNPACK),
    Case("Z2-zip-backslash-dotdot", upload(zip_bytes([("..\\..\\evil.dcm", dicom())]), **P), (400,),
         prefix=UNPACK),
    Case("Z2-tar-absolute", upload(tar_of([(tar_member("/etc/evil.dcm"), dicom())]), "application/x-tar", **P),
         (400,), prefix=UNPACK),
    Case("Z2-zip-nul-in-name", upload(nul_in_name(), **P), (400,), prefix=UNPACK),
    # Z3-Z5: links and special files.
    Case("Z3-zip-symlink-etc-passwd", upload(zip_entries(with_text([zip_symlink("link.dcm", "/etc/passwd")])), **P),
         (400,)),
    Case("Z3-zip-symlink-dotdot", upload(zip_entries(with_text([zip_symlink("up", "../../")])), **P), (400,)),
    Case("Z4-tar-symlink", upload(tar_of([(tar_member("link.dcm", tarfile.SYMTYPE, "/etc/passwd"), None),
                                          (tar_member("notes.txt"), b"not DICOM")]), "application/x-tar", **P),
         (400,)),
    Case("Z4-tar-symlink-then-through-it",
         upload(tar_of([(tar_member("dir", tarfile.SYMTYPE, "/tmp"), None), (tar_member("dir/x.dcm"), dicom())]),
                "application/x-tar", **P), (400,)),
    Case("Z5-tar-hardlink-out", upload(tar_of([(tar_member("h.dcm", tarfile.LNKTYPE, "../../etc/passwd"), None),
                                               (tar_member("notes.txt"), b"not DICOM")]), "application/x-tar", **P),
         (400,)),
    Case("Z5-tar-char-device", upload(tar_of([(tar_member("dev", tarfile.CHRTYPE), None),
                                              (tar_member("notes.txt"), b"not DICOM")]), "application/x-tar", **P),
         (400,)),
    Case("Z5-tar-fifo", upload(tar_of([(tar_member("fifo", tarfile.FIFOTYPE), None),
                                       (tar_member("notes.txt"), b"not DICOM")]), "application/x-tar", **P),
         (400,)),
    # Z6, Z15, Z16: bombs, nesting and entry counts are over a limit: 413.
    Case("Z6-zip-bomb", upload(zip_bomb(), **P), (413,), prefix=LIMIT),
    Case("Z6-tar-gz-bomb", upload(tar_gz_bomb(), "application/gzip", **P), (413,), prefix=LIMIT),
    Case("Z6-gzip-bomb", upload(gzip_bomb(), "application/gzip", **P), (413,), prefix=LIMIT),
    Case("Z6-zip-bomb-si", upload(zip_bomb(), **{**P, "import-handler": "SI"}), (413,), prefix=LIMIT),
    Case("Z15-nested-three-deep", upload(nested(3), **P), (413,), prefix=LIMIT),
    Case("Z15-nested-ten-deep", upload(nested(10), **P), (413,), prefix=LIMIT),
    Case("Z16-tar-1500-entries", upload(many_entries_tar(), "application/x-tar", **P), (413,), prefix=LIMIT),
    Case("Z16-zip-1500-entries", upload(many_entries_zip(), **P), (413,), prefix=LIMIT),
    Case("Z16-pax-long-name-dotdot", upload(long_names_with_dotdot(), "application/x-tar", **P), (400,),
         prefix=UNPACK),
    # Z7, Z8, Z12, Z13: damaged or unsupported archives.
    Case("Z7-sizes-lie", upload(lying_sizes(), **P), (400,), prefix=UNPACK),
    Case("Z7-crc-mismatch", upload(crc_mismatch(), **P), (400,), prefix=UNPACK),
    Case("Z8-local-name-differs", upload(local_name_differs(), **P), (400,)),
    Case("Z12-zip-truncated", upload(zip_bytes(with_text([("a.dcm", dicom())]))[:-100], **P), (400,)),
    Case("Z12-zip-half", upload(zip_bytes(with_text([("a.dcm", dicom())]))[:300], **P), (400,)),
    Case("Z12-tar-gz-truncated", upload(tar_bytes([("a/a.dcm", dicom())], gz=True)[:-100], "application/gzip", **P),
         (400,), prefix=UNPACK),
    Case("Z12-tar-truncated", upload(tar_bytes([("a/a.dcm", dicom())])[:700], "application/x-tar", **P), (400,),
         prefix=UNPACK),
    Case("Z12-gzip-bad-crc", upload(gzip_with_bad_crc(), "application/gzip", **P), (400,), prefix=UNPACK),
    Case("Z13-encrypted-entry", upload(encrypted(), **P), (400,), prefix=UNPACK),
    Case("Z13-bzip2-method", upload(method(12), **P), (400,), prefix=UNPACK),
    Case("Z13-lzma-method", upload(method(14), **P), (400,), prefix=UNPACK),
    Case("Z13-deflate64-method", upload(method(9), **P), (400,), prefix=UNPACK),
    Case("Z13-unknown-method", upload(method(77), **P), (400,), prefix=UNPACK),
    Case("Z13-multi-disk", upload(multi_disk(), **P), (400,), prefix=UNPACK),
    Case("Z13-bogus-zip64", upload(bogus_zip64(), **P), (400,)),
    # Z14: bytes around the archive.
    Case("Z14-junk-before", upload(b"MZ" + b"\0" * 1000 + zip_bytes(with_text([])), **P), (400,)),
    Case("Z14-junk-after", upload(zip_bytes(with_text([])) + b"trailing garbage" * 10, **P), (400,)),
    # Z11: nothing to import is not an error (Docs/Import.md): 200 and an empty body, nothing stored.
    Case("Z11-empty-zip", upload(b"PK\x05\x06" + b"\0" * 18, **P), (200,), empty_body=True),
    Case("Z11-only-folders", upload(zip_entries([("a/", b""), ("a/b/", b"")]), **P), (200,), empty_body=True),
    # Z17 and friends: entries that are not DICOM.
    Case("Z17-one-text-entry", upload(zip_bytes([("a.dcm", dicom()), ("notes.txt", b"not DICOM")]), **P), (400,),
         prefix="unable to read DICOM object notes.txt"),
    Case("Z17-only-unparsable-ignored",
         upload(zip_bytes([("a.txt", b"x"), ("b.txt", b"y")]), **{**P, "Ignore-Unparsable": "true"}), (400,),
         prefix="unable to read DICOM object b.txt"),
    Case("Z17-non-archive-as-zip", upload(b"plain text, not an archive\n" * 10, **P), (400,),
         prefix="Unsupported format: "),
    Case("Z17-si-nothing-parsable", upload(zip_bytes([("a.txt", b"x")]), **{**P, "import-handler": "SI"}), (400,),
         message="Upload did not include parsable files for session generation."),
    Case("Z10-invalid-utf8-name-flagged",
         upload(patched(zip_bytes([("n\xe9.txt", b"not DICOM")]), 30, b"n\xff\xfe"), **P), (400,)),
    Case("Z10-cp437-name", upload(zip_entries([(zipfile.ZipInfo("caf\x82.txt"), b"not DICOM")]), **P), (400,)),
])


@pytest.mark.parametrize("case", CASES, ids=corpus.case_ids(CASES))
def test_container_corpus(api, case):
    corpus.run(api, case)


def test_ignore_unparsable_skips_a_text_entry_and_stores_the_rest(api):
    # Z17 with Ignore-Unparsable=true: the DICOM is stored, the text entry skipped and named in the status messages
    # (a success, so not a corpus case).
    study = make_study([S("MR", 2)], patient_id="IGNORED")
    response = api.post_import(
        params={**P, "Ignore-Unparsable": "true", "http-session-listener": "skipped-entries"},
        data=zip_bytes([*study.files(), ("notes.txt", b"not DICOM")]),
        content_type="application/zip",
    )
    [session] = api.imported(response)
    assert session.project == "CORPUS"
    status = api.http.get(api.url("/data/status/skipped-entries"), params={"format": "json"}).json()
    messages = [message["msg"] for message in status["msgs"][0]]
    assert any(m.startswith("Skipped an unparsable entry (Ignore-Unparsable): unable to read DICOM object notes.txt")
               for m in messages), messages


def test_an_identical_resend_is_a_no_op_success(api):
    study = make_study([S("MR", 2)], patient_id="RESENT")
    body = zip_bytes(study.files())
    [first] = api.imported(api.post_import(params=P, data=body, content_type="application/zip"))
    before = corpus.snapshot(api.data_dir)
    [again] = api.imported(api.post_import(params=P, data=body, content_type="application/zip"))
    assert again == first
    after = corpus.snapshot(api.data_dir)
    assert before.files == after.files, before.difference(after)
    assert before.rows == after.rows
