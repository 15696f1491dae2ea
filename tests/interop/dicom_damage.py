"""Small DICOM seeds made with pydicom and byte-level damage to them, for the bad-input corpus (reliability §3.4).

`elements(data)` walks the top level of an Explicit VR Little Endian Part-10 file (no sequences needed) so that
tests can patch a given element's length, VR or value in place.
"""
import dataclasses
import io
import struct
import zlib
from copy import deepcopy

from pydicom.dataset import Dataset
from pydicom.filewriter import dcmwrite
from pydicom.sequence import Sequence
from pydicom.uid import DeflatedExplicitVRLittleEndian

from dicom_factory import IMPLICIT_VR_LITTLE_ENDIAN, JPEG_BASELINE, S, make_study, part10

LONG_LENGTH_VRS = {b"OB", b"OD", b"OF", b"OL", b"OV", b"OW", b"SQ", b"SV", b"UC", b"UN", b"UR", b"UT", b"UV"}


@dataclasses.dataclass(frozen=True)
class Element:
    tag: int
    vr: bytes
    start: int  # offset of the tag
    length_offset: int
    length_size: int
    value_offset: int
    length: int

    @property
    def end(self):
        return self.value_offset + self.length


def elements(data, start=None):
    """Top-level elements of an Explicit VR Little Endian file, file meta included, from `start` (132)."""
    offset = 132 if start is None else start
    found = []
    while offset + 8 <= len(data):
        group, element = struct.unpack_from("<HH", data, offset)
        vr = data[offset + 4 : offset + 6]
        if vr in LONG_LENGTH_VRS:
            length_offset, size = offset + 8, 4
            (length,) = struct.unpack_from("<I", data, length_offset)
        else:
            length_offset, size = offset + 6, 2
            (length,) = struct.unpack_from("<H", data, length_offset)
        value = length_offset + size
        found.append(Element((group << 16) | element, vr, offset, length_offset, size, value, length))
        if length == 0xFFFFFFFF:
            break
        offset = value + length
    return found


def find(data, tag):
    return next(element for element in elements(data) if element.tag == tag)


def patch(data, offset, replacement):
    return data[:offset] + replacement + data[offset + len(replacement) :]


def set_length(data, tag, length):
    element = find(data, tag)
    packed = struct.pack("<I" if element.length_size == 4 else "<H", length)
    return patch(data, element.length_offset, packed)


def set_vr(data, tag, vr):
    return patch(data, find(data, tag).start + 4, vr)


def set_value(data, tag, value):
    """Replaces a value with one of another length, fixing the element's length (and nothing else)."""
    element = find(data, tag)
    if len(value) % 2:
        value += b"\0"
    packed = struct.pack("<I" if element.length_size == 4 else "<H", len(value))
    return data[: element.length_offset] + packed + value + data[element.end :]


def remove(data, tag):
    element = find(data, tag)
    return data[: element.start] + data[element.end :]


def fix_meta_length(data, end):
    """Sets (0002,0000) for a file meta group that now ends at `end`."""
    return patch(data, 140, struct.pack("<I", end - 144))


# MARK: - Seeds


def seed_explicit():
    """An MR image, Explicit VR Little Endian, 8×8 pixels: about 700 bytes."""
    return part10(make_study([S("MR", 1)], patient_id="SEED1").datasets[0])


def seed_implicit():
    """A CT image, Implicit VR Little Endian."""
    return part10(make_study([S("CT", 1)], patient_id="SEED2", transfer_syntax=IMPLICIT_VR_LITTLE_ENDIAN).datasets[0])


def seed_encapsulated():
    """An MR image with JPEG Baseline (encapsulated, one fragment) pixel data."""
    return part10(make_study([S("MR", 1)], patient_id="SEED3", transfer_syntax=JPEG_BASELINE).datasets[0])


def dataset():
    return deepcopy(make_study([S("MR", 1)], patient_id="DAMAGED").datasets[0])


def with_sequence(*, undefined=True):
    """An object with a sequence as its last element (no pixel data), items of undefined length."""
    ds = dataset()
    del ds.PixelData
    item = Dataset()
    item.CodeValue = "123"
    sequence = Sequence([item])
    ds.RequestAttributesSequence = sequence  # (0040,0275)
    buffer = io.BytesIO()
    ds["RequestAttributesSequence"].is_undefined_length = undefined
    item.is_undefined_length_sequence_item = undefined
    dcmwrite(buffer, ds, enforce_file_format=True)
    return buffer.getvalue()


def with_text_value():
    """An object with a UT element, (0040,A160) Text Value."""
    ds = dataset()
    ds.TextValue = "free text"
    return part10(ds)


def nested_sequences(depth):
    """A valid header followed by `depth` nested undefined-length sequences."""
    ds = dataset()
    del ds.PixelData
    data = part10(ds)
    opening = struct.pack("<HH", 0x0040, 0x0275) + b"SQ\0\0" + b"\xff\xff\xff\xff"
    opening += struct.pack("<HHI", 0xFFFE, 0xE000, 0xFFFFFFFF)
    closing = struct.pack("<HHI", 0xFFFE, 0xE00D, 0) + struct.pack("<HHI", 0xFFFE, 0xE0DD, 0)
    return data + opening * depth + closing * depth


def meta_end(data):
    """Where the file meta group ends: after (0002,0000), which is first and holds the group's length."""
    return 144 + struct.unpack_from("<I", data, 140)[0]


def deflated(payload):
    """A Part-10 file whose data set is the raw-deflated `payload` (Deflated Explicit VR Little Endian)."""
    ds = dataset()
    ds.file_meta.TransferSyntaxUID = DeflatedExplicitVRLittleEndian
    data = part10(ds)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return data[: meta_end(data)] + compressor.compress(payload) + compressor.flush()


def deflate_bomb(size=80 << 20):
    """A deflated data set that inflates past `size` bytes: valid UIDs, then a private OB element of zeros before
    the pixel data (so a header-only read meets it)."""
    ds = dataset()
    del ds.PixelData
    plain = part10(ds)
    body = plain[meta_end(plain) :] + struct.pack("<HH", 0x7FDF, 0x0010) + b"OB\0\0" + struct.pack("<I", size)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = b"\0" * (1 << 20)
    compressed = compressor.compress(body) + b"".join(compressor.compress(block) for _ in range(size >> 20))
    ds.file_meta.TransferSyntaxUID = DeflatedExplicitVRLittleEndian
    meta = part10(ds)
    return meta[: meta_end(meta)] + compressed + compressor.flush()


def implicit_elements(data, start):
    """Top-level elements of an Implicit VR Little Endian data set from `start`, as (start, end) offsets."""
    offset, found = start, []
    while offset + 8 <= len(data):
        (length,) = struct.unpack_from("<I", data, offset + 4)
        if length == 0xFFFFFFFF:
            break
        found.append((offset, offset + 8 + length))
        offset += 8 + length
    return found


def top_level_boundaries(data, implicit=False):
    """Offsets at which a prefix of `data` ends exactly after a whole top-level data-set element (or the file
    meta): such a prefix is a valid, shorter object, not a truncated one."""
    end = meta_end(data)
    if implicit:
        return {stop for _, stop in implicit_elements(data, end)} | {end}
    return {element.end for element in elements(data) if element.start >= end} | {end}


def sweep_offsets(data, implicit=False, header_stride=1, value_stride=8):
    """The truncation offsets the HTTP sweep sends, and those to leave out (a whole, shorter object:
    `top_level_boundaries`): every 16th byte of the preamble and every byte from 124 to the end of `DICM`, every
    `header_stride`-th byte of top-level element headers, every `value_stride`-th byte of values, and the last 16
    bytes (the parser's own test sweeps every offset)."""
    end = meta_end(data)
    if implicit:
        spans = [(start, start + 8, stop) for start, stop in implicit_elements(data, end)]
        spans += [(e.start, e.value_offset, e.end) for e in elements(data) if e.start < end]
    else:
        spans = [(element.start, element.value_offset, min(element.end, len(data))) for element in elements(data)]
    offsets = set(range(0, 124, 16)) | set(range(124, 133))
    for start, value, stop in spans:
        offsets |= set(range(start, min(value, len(data)), header_stride))
        offsets |= set(range(value, min(stop, len(data)), value_stride))
    offsets |= set(range(max(0, len(data) - 16), len(data)))
    return sorted(offset for offset in offsets if offset < len(data)), top_level_boundaries(data, implicit)
