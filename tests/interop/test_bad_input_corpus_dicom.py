"""Bad-input corpus, DICOM Part 10 and data sets (reliability §3.4), sent as gradual-DICOM bodies and in zips.

D1 sweeps truncations of three small seeds over HTTP: every 16th byte of the preamble and every byte around `DICM`,
every second byte of element headers (every fourth for two seeds), every eighth inside values and the last 16
(`dicom_damage.sweep_offsets`), leaving out those that leave a whole, shorter object: about 530 requests (each
refused upload is staged and synced, so they cost ~0.1 s each). The parser's own sweep of every offset of a file is
`Tests/DICOMTests/MalformedInputTests.swift`.
"""
import time

import pytest
import requests

import corpus
import dicom_damage as damage
from corpus import Case, upload
from dicom_factory import zip_bytes
from prearchive_client import ADMIN

P = {"PROJECT_ID": "CORPUS"}
UNREADABLE = "unable to read DICOM object upload.dcm"
NO_SOP_INSTANCE = "object upload.dcm contains no SOP Instance UID"
NO_SOP_CLASS = "object upload.dcm contains no SOP Class UID"
TS = 0x00020010
SOP_INSTANCE = 0x00080018
SOP_CLASS = 0x00080016
ROWS = 0x00280010
PATIENT_NAME = 0x00100010
PIXEL_DATA = 0x7FE00010
TEXT_VALUE = 0x0040A160


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    yield from corpus.serve(tmp_path_factory)


def dicom(data, **params):
    return upload(data, "application/dicom", **{**P, **params})


def zipped(data, name="bad.dcm"):
    return upload(zip_bytes([(name, data)]), **P)


SEED = damage.seed_explicit()


def seed():
    return damage.seed_explicit()


def stray_delimiter():
    data = seed()
    end = damage.meta_end(data)
    return data[:end] + b"\xfe\xff\xdd\xe0\0\0\0\0" + data[end:]


def sequence_without_delimiters():
    data = damage.with_sequence()
    return data[:-16]


def delimiter_with_length():
    data = damage.with_sequence()
    return data[:-4] + b"\x04\0\0\0"


def wrong_item_tag():
    data = damage.with_sequence()
    position = data.index(b"\xfe\xff\x00\xe0")
    return damage.patch(data, position, b"\xfe\xff\x01\xe0")


def ts(value):
    data = seed()
    end = damage.meta_end(data)
    element = damage.find(data, TS)
    if len(value) % 2:
        value += b"\0"
    data = damage.set_value(data, TS, value)
    return damage.fix_meta_length(data, end + len(value) - element.length)


def without_ts():
    data = seed()
    element = damage.find(data, TS)
    end = damage.meta_end(data)
    return damage.fix_meta_length(damage.remove(data, TS), end - (element.end - element.start))


CASES = corpus.unique([
    # D2, D21: lengths past the end of the file.
    Case("D2-name-length-past-eof", dicom(damage.set_length(seed(), PATIENT_NAME, 0xFFFF)), (400,),
         prefix=UNREADABLE),
    Case("D2-pixel-length-past-eof", dicom(damage.set_length(seed(), PIXEL_DATA, 0x7FFFFFF0)), (400,),
         prefix=UNREADABLE),
    Case("D2-pixel-length-near-uint32-max", dicom(damage.set_length(seed(), PIXEL_DATA, 0xFFFFFFF0)), (400,),
         prefix=UNREADABLE),
    Case("D21-text-length-2GiB", dicom(damage.set_length(damage.with_text_value(), TEXT_VALUE, 0x80000000)), (400,),
         prefix=UNREADABLE),
    Case("D21-text-length-2GiB-zipped", zipped(damage.set_length(damage.with_text_value(), TEXT_VALUE, 0x80000000)),
         (400,), prefix="unable to read DICOM object bad.dcm"),
    Case("D2-uid-length-past-eof", dicom(damage.set_length(seed(), SOP_INSTANCE, 0xFFFE)), (400,),
         prefix=UNREADABLE),
    # D3: odd lengths.
    Case("D3-odd-length-on-US", dicom(damage.set_length(seed(), ROWS, 3)), (400,), prefix=UNREADABLE),
    Case("D3-length-1-on-US", dicom(damage.set_length(seed(), ROWS, 1)), (400,), prefix=UNREADABLE),
    # D4, D5, D7: undefined lengths and delimiters.
    Case("D4-undefined-length-on-UT", dicom(damage.set_length(damage.with_text_value(), TEXT_VALUE, 0xFFFFFFFF)),
         (400,), prefix=UNREADABLE),
    Case("D5-sequence-without-delimiters", dicom(sequence_without_delimiters()), (400,), prefix=UNREADABLE),
    Case("D7-wrong-item-tag", dicom(wrong_item_tag()), (400,), prefix=UNREADABLE),
    Case("D7-stray-sequence-delimiter", dicom(stray_delimiter()), (400,), prefix=UNREADABLE),
    # D6: nesting.
    Case("D6-nesting-10000", dicom(damage.nested_sequences(10000)), (400,), prefix=UNREADABLE),
    Case("D6-nesting-33", dicom(damage.nested_sequences(33)), (400,), prefix=UNREADABLE),
    Case("D6-nesting-10000-zipped", zipped(damage.nested_sequences(10000)), (400,),
         prefix="unable to read DICOM object bad.dcm"),
    # D12: deflated data sets.
    Case("D12-deflate-garbage", dicom(damage.deflated(b"")[:-2] + b"\xff\xff\xff\xff" * 8), (400,),
         prefix=UNREADABLE),
    Case("D12-deflate-bomb", dicom(damage.deflate_bomb()), (400, 413), prefix=UNREADABLE),
    # D14: VRs.
    Case("D14-vr-nul", dicom(damage.set_vr(seed(), SOP_INSTANCE, b"\0\0")), (400,), prefix=UNREADABLE),
    Case("D14-vr-lowercase", dicom(damage.set_vr(seed(), SOP_INSTANCE, b"ui")), (400,), prefix=UNREADABLE),
    Case("D14-vr-unknown", dicom(damage.set_vr(seed(), PATIENT_NAME, b"ZZ")), (400,), prefix=UNREADABLE),
    # D16: identifying UIDs.
    Case("D16-sop-instance-missing", dicom(damage.remove(seed(), SOP_INSTANCE)), (400,), message=NO_SOP_INSTANCE),
    Case("D16-sop-instance-empty", dicom(damage.set_value(seed(), SOP_INSTANCE, b"")), (400,),
         message=NO_SOP_INSTANCE),
    Case("D16-sop-instance-spaces", dicom(damage.set_value(seed(), SOP_INSTANCE, b"    ")), (400,),
         message=NO_SOP_INSTANCE),
    Case("D16-sop-class-missing", dicom(damage.remove(seed(), SOP_CLASS)), (400,), message=NO_SOP_CLASS),
    Case("D16-sop-instance-missing-zipped", zipped(damage.remove(seed(), SOP_INSTANCE)), (400,),
         message="object bad.dcm contains no SOP Instance UID"),
    # D25, D8: too short to be DICOM.
    Case("D25-one-byte", dicom(b"\0"), (400,)),
    Case("D25-preamble-and-dicm", dicom(b"\0" * 128 + b"DICM"), (400,), message=NO_SOP_CLASS),
    Case("D25-preamble-only", dicom(b"\0" * 128), (400,)),
    Case("D25-dicm-and-half-a-tag", dicom(b"\0" * 128 + b"DICM\x02\x00"), (400,)),
    Case("D25-one-byte-zipped", zipped(b"\x01"), (400,), prefix="unable to read DICOM object bad.dcm"),
    Case("D25-empty-entry-zipped", zipped(b""), (400,), prefix="unable to read DICOM object bad.dcm"),
    Case("D8-text-file", dicom(b"Hello, this is not DICOM at all.\n" * 20), (400,), prefix=UNREADABLE),
    Case("D8-zip-as-dicom", dicom(zip_bytes([("a.dcm", SEED)])), (400,)),
    Case("D1-truncated-in-pixel-data", dicom(SEED[:-10]), (400,), prefix=UNREADABLE),
    Case("D1-truncated-in-pixel-data-zipped", zipped(SEED[:-10]), (400,), prefix="unable to read DICOM object bad.dcm"),
    Case("D1-truncated-encapsulated", dicom(damage.seed_encapsulated()[:-12]), (400,), prefix=UNREADABLE),
])


@pytest.mark.parametrize("case", CASES, ids=corpus.case_ids(CASES))
def test_dicom_corpus(api, case):
    corpus.run(api, case)


TOLERATED = {
    # D10, D11: the file meta group is read by its tags and the transfer syntax detected from the data, as dcm4che
    # and pydicom do; the object is stored byte for byte.
    "D10-meta-group-length-huge": lambda: damage.patch(seed(), 140, b"\xf0\xff\xff\x7f"),
    "D10-meta-group-length-small": lambda: damage.patch(seed(), 140, b"\x04\0\0\0"),
    "D11-ts-unknown": lambda: ts(b"1.2.3.4.5.6.7"),
    "D11-ts-200-chars": lambda: ts(b"1." * 100),
    "D11-ts-missing": without_ts,
    # D5: a sequence delimiter item with a non-zero length ends the sequence, as in dcm4che.
    "D5-delimiter-with-length": delimiter_with_length,
}


@pytest.mark.parametrize("name", TOLERATED)
def test_tolerated_damage_is_stored_as_sent_in_the_project(api, name):
    """Deviations Sluice works around (Docs/Reliability.md, "Bad input"): a 200, and the bytes stored as sent."""
    data = TOLERATED[name]()
    before = corpus.snapshot(api.data_dir)
    response = api.post_import(params={**P, "EXPT_LABEL": name.replace("-", "_")}, data=data,
                               content_type="application/dicom")
    assert response.status_code == 200, response.text
    added = set(corpus.snapshot(api.data_dir).files) - set(before.files)
    assert added and all(path.startswith("prearchive/CORPUS/") for path in added), sorted(added)
    stored = [api.data_dir / path for path in added if path.endswith(".dcm")]
    assert [path.read_bytes() for path in stored] == [data]


SEEDS = {  # how to make it, implicit VR, header stride
    "explicit": (damage.seed_explicit, False, 2),
    "implicit": (damage.seed_implicit, True, 4),
    "encapsulated": (damage.seed_encapsulated, False, 4),
}


@pytest.mark.parametrize("name", SEEDS)
def test_every_truncation_of_a_seed_is_refused_and_leaves_nothing(api, name):
    """D1: prefixes of the seed that end inside an element (or the preamble or file meta) are refused with 400;
    the data folder is the same after the whole sweep."""
    make, implicit, header_stride = SEEDS[name]
    data = make()
    candidates, whole = damage.sweep_offsets(data, implicit=implicit, header_stride=header_stride)
    offsets = [n for n in candidates if n not in whole]
    assert len(offsets) > 100
    before = corpus.snapshot(api.data_dir)
    http = requests.Session()
    http.auth = ADMIN
    failures, slowest = [], 0.0
    for n in offsets:
        started = time.monotonic()
        response = http.post(
            api.url("/data/services/import"),
            params=P,
            data=data[:n],
            headers={"Content-Type": "application/dicom"},
            timeout=corpus.REQUEST_TIMEOUT,
        )
        slowest = max(slowest, time.monotonic() - started)
        if response.status_code != 400 or "text/plain" not in response.headers.get("Content-Type", ""):
            failures.append((n, response.status_code, response.text[:120]))
    assert not failures, f"{len(failures)} of {len(offsets)} truncations were not refused: {failures[:10]}"
    assert slowest < corpus.REQUEST_TIMEOUT
    after = corpus.snapshot(api.data_dir)
    assert before == after, before.difference(after)
