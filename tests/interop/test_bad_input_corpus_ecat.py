"""Bad-input corpus, ECAT 7 (reliability §3.5), sent to the `SI` handler, the one that reads ECAT.

Files are written by `test_ecat_nibabel.make_ecat` (1-based 512-byte blocks: 1 the main header, 2 the first
directory block, then subheaders and pixels; a directory block holds 31 entries) and then damaged.
"""
import pathlib
import struct
import tempfile

import pytest

import corpus
from corpus import Case, upload
from dicom_factory import zip_bytes
from test_ecat_nibabel import make_ecat

P = {"PROJECT_ID": "CORPUS", "import-handler": "SI"}
BLOCK = 512
NOTHING = "Upload did not include parsable files for session generation."


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    yield from corpus.serve(tmp_path_factory)


def ecat(frames=2):
    with tempfile.TemporaryDirectory() as folder:
        path = pathlib.Path(folder) / "pet.v"
        make_ecat(path, [index * 60_000 for index in range(frames)])
        return path.read_bytes()


def patch(data, offset, replacement):
    return data[:offset] + replacement + data[offset + len(replacement):]


def block(number):
    """Offset of 1-based block `number`."""
    return (number - 1) * BLOCK


def directory_entry(data, row, values, directory=2):
    """Replaces row `row` (0: the block's header) of a directory block with four big-endian integers."""
    return patch(data, block(directory) + row * 16, struct.pack(">4i", *values))


def second_directory(data):
    """The second directory block of a 32-frame file: the first block's `next` pointer."""
    return struct.unpack_from(">i", data, block(2) + 4)[0]


def sent(data, name="pet.v"):
    return upload(zip_bytes([(name, data)]), **P)


ONE = ecat()
MANY = ecat(32)
FIRST_ROW = struct.unpack_from(">4i", ONE, block(2) + 16)

CASES = corpus.unique([
    # E1: too short, or not ECAT 7.
    Case("E1-magic-only", sent(b"MATRIX72v"), (400,)),
    Case("E1-header-300-bytes", sent(ONE[:300]), (400,)),
    Case("E1-header-511-bytes", sent(ONE[:511]), (400,)),
    Case("E1-header-without-directory", sent(ONE[:BLOCK]), (400,)),
    Case("E1-wrong-magic-matrix6", sent(b"MATRIX6" + ONE[7:]), (400,), message=NOTHING),
    Case("E1-ecat-raw-body", upload(ONE[:300], "application/octet-stream", **P), (400,)),
    # E2: directory chains that loop.
    Case("E2-second-directory-points-to-itself",
         sent(directory_entry(MANY, 0, (31 - 1, second_directory(MANY), 2, 1), directory=second_directory(MANY))),
         (400,)),
    Case("E2-directory-points-past-eof", sent(directory_entry(ONE, 0, (29, 100000, 2, 2))), (400,)),
    Case("E2-directory-points-to-main-header", sent(directory_entry(ONE, 0, (29, 1, 2, 2))), (400,)),
    # E3: sizes and offsets from the file that cannot be right.
    Case("E3-entry-past-eof", sent(directory_entry(ONE, 1, (FIRST_ROW[0], 100000, 100010, 1))), (400,)),
    Case("E3-entry-negative", sent(directory_entry(ONE, 1, (FIRST_ROW[0], -5, -1, 1))), (400,)),
    Case("E3-entry-end-before-start", sent(directory_entry(ONE, 1, (FIRST_ROW[0], 5, 3, 1))), (400,)),
    Case("E3-used-count-huge", sent(directory_entry(ONE, 0, (0, 2, 2, 0x7FFFFFFF))), (400,)),
    Case("E3-used-count-negative", sent(directory_entry(ONE, 0, (0, 2, 2, -7))), (400,)),
    Case("E3-truncated-after-directory", sent(ONE[: block(3) + 10]), (400,)),
])


@pytest.mark.parametrize("case", CASES, ids=corpus.case_ids(CASES))
def test_ecat_corpus(api, case):
    corpus.run(api, case)
