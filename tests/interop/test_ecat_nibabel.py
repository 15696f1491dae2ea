"""Differential tests of `sluice dump --json` on ECAT 7 files against nibabel's `ecat` reader.

Files: nibabel's own `tests/data/tinypet.v`; copies of it written by nibabel (`EcatImage.to_filename`)
with other patient ids, names, operators, study types, times and isotopes; multi-frame files generated
here with numpy from nibabel's own dtypes (`hdr_dtype`, `subhdr_dtype`), read by nibabel and (up to 30
frames, where nibabel's writer is sound) written again by nibabel. For each, every main header field
nibabel knows, the matrix list and every image subheader field (`frame_start_time`, `frame_duration`,
...) must equal nibabel's. Truncated copies must make `sluice dump` exit non-zero with one line naming
the file.

Differences from nibabel that are on purpose:
- text fields stop at the first NUL and lose trailing spaces (numpy only drops trailing NULs);
- `scan_start_time`, `dose_start_time` and `patient_birth_date` are signed (CTI `int`: a birth date
  before 1970 is negative); nibabel reads them as uint32, so its values are compared as int32;
- nibabel's reserved `fill` fields are not dumped.
"""
import json
import math
import pathlib
import warnings

import nibabel
import numpy as np
import pytest
from nibabel import ecat

TINYPET = pathlib.Path(nibabel.__file__).parent / "tests" / "data" / "tinypet.v"
SIGNED_TIMES = {"scan_start_time", "dose_start_time", "patient_birth_date"}
BLOCK = 512


# MARK: - Comparing


def dump_json(sluice, path):
    result = sluice("dump", "--json", path)
    assert result.returncode == 0, f"sluice dump failed on {path}: {result.stderr}"
    lines = result.stdout.splitlines()
    assert len(lines) == 1, f"expected one JSON line, got {len(lines)}"
    return json.loads(lines[0])


def nib_text(value):
    return bytes(value).split(b"\0", 1)[0].decode("latin-1").rstrip(" ")


def assert_same(name, ours, theirs):
    """`ours` (from JSON) equals nibabel's numpy value `theirs`, in the dump's terms."""
    theirs = np.asarray(theirs)
    if theirs.dtype.kind == "S":
        assert ours == nib_text(theirs.item()), name
    elif name in SIGNED_TIMES:
        assert ours == int(theirs.astype(">u4").view(">i4")), name
    elif theirs.dtype.kind == "f":
        values = np.atleast_1d(theirs).astype(np.float32)
        ours_list = ours if isinstance(ours, list) else [ours]
        assert len(ours_list) == len(values), name
        for mine, expected in zip(ours_list, values):
            if math.isnan(expected) or math.isinf(expected):
                assert mine is None, name
            else:
                assert np.float32(mine) == expected, f"{name}: {mine} != {expected}"
    else:
        assert ours == int(theirs), f"{name}: {ours} != {int(theirs)}"


def check_against_nibabel(sluice, path):
    """Dumps `path` and compares it field by field with nibabel; returns the dump."""
    dump = dump_json(sluice, path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Frames stored out of order"
        img = ecat.load(str(path))
        header = img.header
        mlist = img.get_mlist()
        subheaders = img.get_subheaders().subheaders
    assert dump["format"] == "ECAT7"
    compared = 0
    for name in ecat.hdr_dtype.names:
        if name == "fill":
            continue
        assert name in dump, f"main header field {name} missing"
        assert_same(name, dump[name], header[name])
        compared += 1
    assert compared == 59
    frames = dump["frames"]
    assert dump["num_frames"] == int(header["num_frames"]) == len(frames) == len(subheaders)
    for frame, row, subheader in zip(frames, mlist, subheaders):
        assert [frame["matrix_id"], frame["start_block"], frame["end_block"], frame["matrix_status"]] == [
            int(v) for v in row
        ]
        assert frame["subheader_type"] == "image"
        for name in ecat.subhdr_dtype.names:
            if name.startswith("fill"):
                continue
            assert_same(f"frame {frame['index']} {name}", frame[name], subheader[name])
    return dump


# MARK: - Writing ECAT files with nibabel's dtypes


def make_ecat(path, start_times, *, durations=None, matrix_ids=None, header_values=None, dims=(4, 3, 2)):
    """Writes an ECAT 7 volume with one image matrix per start time; directory blocks of 31 entries.

    Layout: block 1 main header, block 2 directory, then per matrix one subheader block and its int16
    pixel blocks; after every 31 matrices another directory block. The last points back to block 2.
    """
    count = len(start_times)
    durations = durations or [60_000] * count
    matrix_ids = matrix_ids or [0x01010000 + index + 1 for index in range(count)]
    hdr = np.zeros((), dtype=ecat.hdr_dtype.newbyteorder(">"))
    hdr["magic_number"] = b"MATRIX72v"
    hdr["sw_version"] = 72
    hdr["system_type"] = 962
    hdr["file_type"] = 7
    hdr["num_frames"] = count
    hdr["num_planes"] = dims[2]
    hdr["ecat_calibration_factor"] = 1.0
    for name, value in (header_values or {}).items():
        hdr[name] = value
    pixel_bytes = dims[0] * dims[1] * dims[2] * 2
    data_blocks = -(-pixel_bytes // BLOCK)
    groups = [list(range(start, min(start + 31, count))) for start in range(0, max(count, 1), 31)]
    blocks = {}  # 1-based block number -> bytes
    directory_blocks = []
    rows = {}
    next_free = 2
    for group in groups:
        directory_blocks.append(next_free)
        next_free += 1
        for index in group:
            sub = np.zeros((), dtype=ecat.subhdr_dtype.newbyteorder(">"))
            sub["data_type"] = 6
            sub["num_dimensions"] = 3
            sub["x_dimension"], sub["y_dimension"], sub["z_dimension"] = dims
            sub["scale_factor"] = 0.5 + index
            sub["x_pixel_size"] = sub["y_pixel_size"] = 0.2
            sub["z_pixel_size"] = 0.3125
            sub["frame_start_time"] = start_times[index]
            sub["frame_duration"] = durations[index]
            sub["image_max"] = 100 + index
            sub["annotation"] = f"frame {index}".encode()
            blocks[next_free] = sub.tobytes().ljust(BLOCK, b"\0")
            pixels = (np.arange(pixel_bytes // 2, dtype=">i2") + index).tobytes()
            for offset in range(data_blocks):
                blocks[next_free + 1 + offset] = pixels[offset * BLOCK : (offset + 1) * BLOCK].ljust(BLOCK, b"\0")
            rows[index] = (matrix_ids[index], next_free, next_free + data_blocks, 1)
            next_free += 1 + data_blocks
    for number, (block, group) in enumerate(zip(directory_blocks, groups)):
        following = directory_blocks[number + 1] if number + 1 < len(directory_blocks) else 2
        previous = directory_blocks[number - 1] if number > 0 else directory_blocks[-1]
        table = np.zeros((32, 4), dtype=">i4")
        table[0] = (31 - len(group), following, previous, len(group))
        for row, index in enumerate(group, start=1):
            table[row] = rows[index]
        blocks[block] = table.tobytes()
    body = b"".join(blocks.get(number, b"\0" * BLOCK) for number in range(2, next_free))
    pathlib.Path(path).write_bytes(hdr.tobytes() + body)
    return path


def nibabel_copy(source, target, **changes):
    """Loads `source` with nibabel, sets main header fields, and writes it with `to_filename`."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        img = ecat.load(str(source))
        for name, value in changes.items():
            img.header[name] = value
        img.to_filename(str(target))
    return target


# MARK: - Tests


def test_tinypet(sluice):
    dump = check_against_nibabel(sluice, TINYPET)
    assert dump["frames"][0]["frame_start_time"] == 1500016
    assert dump["frames"][0]["frame_duration"] == 300000
    assert dump["patient_birth_date"] == -1  # 0xFFFFFFFF, nibabel says 4294967295
    assert dump["scan_start_time_utc"] == "2010-11-18T23:56:55Z"


NIBABEL_VARIANTS = [
    {"patient_id": b"P-0001", "patient_name": b"Doe^Jane", "operator_name": b"Operator One"},
    {"patient_id": b"ABCDEFGHIJKLMNOP", "patient_name": b"X" * 32, "study_type": b"DYNAMIC12345"},
    {"patient_name": "M\u00fcller^J\u00f6rg".encode("latin-1"), "facility_name": b"Caf\xe9 \"Lab\"\\"},
    {"scan_start_time": 1_700_000_000, "dose_start_time": 1_699_999_400, "patient_birth_date": 2**32 - 86400},
    {"isotope_name": b"C-11", "isotope_halflife": 1220.04, "radiopharmaceutical": b"PiB",
     "acquisition_type": 3, "num_bed_pos": 2, "bed_position": np.arange(15, dtype=np.float32) * 1.5},
    {"ecat_calibration_factor": float("nan"), "dosage": 3.7e8, "serial_number": b"0123456789",
     "original_filename": b"scan\tone.v"},
]


@pytest.mark.parametrize("changes", NIBABEL_VARIANTS, ids=lambda c: ",".join(c))
def test_tinypet_copies_written_by_nibabel(sluice, tmp_path, changes):
    path = nibabel_copy(TINYPET, tmp_path / "copy.v", **changes)
    dump = check_against_nibabel(sluice, path)
    if "patient_id" in changes:
        assert dump["patient_id"] == changes["patient_id"].decode("latin-1")


@pytest.mark.parametrize("frames", [1, 3, 30, 40, 70])
def test_multi_frame_files(sluice, tmp_path, frames):
    starts = [index * 30_000 for index in range(frames)]
    durations = [30_000 + index for index in range(frames)]
    path = make_ecat(
        tmp_path / f"frames{frames}.v", starts, durations=durations,
        header_values={"patient_id": b"MULTI", "acquisition_type": 4, "scan_start_time": 1_600_000_000},
    )
    dump = check_against_nibabel(sluice, path)
    assert [frame["frame_start_time"] for frame in dump["frames"]] == starts
    assert [frame["frame_duration"] for frame in dump["frames"]] == durations
    assert len(dump["directory_blocks"]) == -(-frames // 31)
    if frames <= 30:  # nibabel's writer miscomputes the position of a second directory block
        rewritten = nibabel_copy(path, tmp_path / f"rewritten{frames}.v", patient_name=b"Re^Written")
        again = check_against_nibabel(sluice, rewritten)
        assert [frame["frame_start_time"] for frame in again["frames"]] == starts


def test_frames_stored_out_of_order(sluice, tmp_path):
    ids = [0x01010003, 0x01010001, 0x01010002]
    path = make_ecat(tmp_path / "unordered.v", [120_000, 0, 60_000], matrix_ids=ids)
    dump = check_against_nibabel(sluice, path)
    assert [frame["matrix_frame"] for frame in dump["frames"]] == [3, 1, 2]
    assert [frame["frame_start_time"] for frame in dump["frames"]] == [120_000, 0, 60_000]


def test_text_dump(sluice):
    result = sluice("dump", TINYPET)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "scan_start_time: 1290124615 (2010-11-18T23:56:55Z)" in lines
    assert "frame[0].frame_start_time: 1500016" in lines
    assert 'study_type: "B10_297___4"' in lines


@pytest.mark.parametrize("length", [9, 300, 600, 1024, 1200])
def test_truncated_copies_fail_with_one_line(sluice, tmp_path, length):
    path = tmp_path / f"cut{length}.v"
    path.write_bytes(TINYPET.read_bytes()[:length])
    result = sluice("dump", "--json", path)
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0]
    assert "truncated" in lines[0]
