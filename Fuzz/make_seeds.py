#!/usr/bin/env python3
"""Writes the seed corpora under Fuzz/seeds/<Target>/, deterministically (no randomness, fixed UIDs and dates).

Run with the project's venv (pydicom): `.venv/bin/python Fuzz/make_seeds.py`. Every seed is small; the whole
tree stays well under 1 MB. Re-running rewrites the same bytes.
"""

import gzip
import io
import os
import shutil
import struct
import tarfile
import zipfile
from pathlib import Path

from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.filebase import DicomBytesIO
from pydicom.filewriter import dcmwrite, write_dataset
from pydicom.sequence import Sequence
from pydicom.uid import (
    DeflatedExplicitVRLittleEndian,
    ExplicitVRBigEndian,
    ExplicitVRLittleEndian,
    ImplicitVRLittleEndian,
    JPEGBaseline8Bit,
)

ROOT = Path(__file__).resolve().parent / "seeds"
CT = "1.2.840.10008.5.1.4.1.1.2"
MR = "1.2.840.10008.5.1.4.1.1.4"


def write(target: str, name: str, data: bytes) -> None:
    folder = ROOT / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


# MARK: - DICOM


def data_set(variant: int) -> Dataset:
    ds = Dataset()
    ds.SOPClassUID = CT if variant % 2 == 0 else MR
    ds.SOPInstanceUID = f"1.2.826.0.1.3680043.8.498.{variant + 1}"
    ds.StudyInstanceUID = "1.2.826.0.1.3680043.8.498.100"
    ds.SeriesInstanceUID = f"1.2.826.0.1.3680043.8.498.{200 + variant}"
    ds.Modality = "CT" if variant % 2 == 0 else "MR"
    ds.PatientName = "Doe^Jane"
    ds.PatientID = "P-0001"
    ds.StudyDate = "20240102"
    ds.StudyTime = "101112.5"
    ds.SeriesNumber = 3
    ds.InstanceNumber = variant + 1
    ds.StudyDescription = "Brain ../protocol"
    if variant == 1:
        ds.SpecificCharacterSet = "ISO_IR 192"
        ds.PatientName = "Gänse^Zoë=山田^太郎"
    if variant == 2:
        ds.SpecificCharacterSet = ["", "ISO 2022 IR 87"]
        ds.PatientName = b"Yamada^Tarou=\x1b$B;3ED\x1b(B^\x1b$BB@O:\x1b(B"
    if variant == 3:
        item = Dataset()
        item.CodeValue = "T-A0100"
        item.CodingSchemeDesignator = "SRT"
        inner = Dataset()
        inner.CodeMeaning = "nested"
        item.ConceptNameCodeSequence = Sequence([inner])
        ds.AnatomicRegionSequence = Sequence([item, Dataset()])
        ds.add_new(0x00090010, "LO", "SLUICE PRIVATE")
        ds.add_new(0x00091001, "UN", b"\x01\x02\x03\x04")
    ds.Rows = 2
    ds.Columns = 2
    ds.BitsAllocated = 16
    ds.BitsStored = 12
    ds.HighBit = 11
    ds.PixelRepresentation = 0
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.PixelData = bytes(range(8))
    return ds


def part10(ds: Dataset, syntax: str) -> bytes:
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = ds.SOPClassUID
    meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    meta.TransferSyntaxUID = syntax
    meta.ImplementationClassUID = "1.2.826.0.1.3680043.8.498.1"
    ds.file_meta = meta
    out = DicomBytesIO()
    dcmwrite(out, ds, enforce_file_format=True)
    return out.getvalue()


def raw(ds: Dataset, implicit: bool = True, little: bool = True) -> bytes:
    out = DicomBytesIO()
    out.is_little_endian = little
    out.is_implicit_VR = implicit
    write_dataset(out, ds)
    return out.getvalue()


def dicom_seeds() -> None:
    write("FuzzDICOMFile", "implicit.dcm", part10(data_set(0), ImplicitVRLittleEndian))
    write("FuzzDICOMFile", "explicit-utf8.dcm", part10(data_set(1), ExplicitVRLittleEndian))
    write("FuzzDICOMFile", "explicit-iso2022.dcm", part10(data_set(2), ExplicitVRLittleEndian))
    write("FuzzDICOMFile", "sequences.dcm", part10(data_set(3), ExplicitVRLittleEndian))
    write("FuzzDICOMFile", "big-endian.dcm", part10(data_set(0), ExplicitVRBigEndian))
    write("FuzzDICOMFile", "deflated.dcm", part10(data_set(3), DeflatedExplicitVRLittleEndian))
    encapsulated = data_set(0)
    encapsulated.PixelData = b"\xfe\xff\x00\xe0\x00\x00\x00\x00\xfe\xff\x00\xe0\x04\x00\x00\x00\xff\xd8\xff\xd9\xfe\xff\xdd\xe0\x00\x00\x00\x00"
    encapsulated["PixelData"].VR = "OB"
    encapsulated["PixelData"].is_undefined_length = True
    write("FuzzDICOMFile", "encapsulated.dcm", part10(encapsulated, JPEGBaseline8Bit))
    write("FuzzDICOMFile", "raw-implicit.dcm", raw(data_set(3)))
    write("FuzzDICOMFile", "raw-explicit.dcm", raw(data_set(1), implicit=False))
    # The C-STORE path: data sets as received, implicit VR little endian without file meta.
    for variant in range(4):
        write("FuzzDICOMDataSet", f"dataset-{variant}.raw", raw(data_set(variant)))


# MARK: - ECAT


def ecat(file_type: int, frames: int, subheader_blocks: int = 1) -> bytes:
    header = bytearray(512)
    header[0:9] = b"MATRIX72v"
    header[14:20] = b"seed.v"
    struct.pack_into(">HHH", header, 46, 72, 962, file_type)
    struct.pack_into(">i", header, 62, 1_700_000_000)
    header[66:70] = b"F-18"
    struct.pack_into(">f", header, 74, 6586.2)
    header[166:172] = b"P-0001"
    header[182:190] = b"Doe^Jane"
    struct.pack_into(">HHHH", header, 352, 1, frames, 1, 0)
    directory = bytearray(512)
    struct.pack_into(">iiii", directory, 0, 31 - frames, 2, 2, frames)
    blocks = []
    next_block = 3
    for frame in range(frames):
        start = next_block
        end = start + subheader_blocks
        struct.pack_into(">iiii", directory, 16 * (frame + 1), 0x01010001 + frame, start, end, 1)
        subheader = bytearray(512 * subheader_blocks)
        struct.pack_into(">H", subheader, 0, 6)  # data type
        struct.pack_into(">I", subheader, 46, 60_000)  # frame duration (image)
        struct.pack_into(">I", subheader, 50, frame * 60_000)  # frame start (image)
        blocks.append(bytes(subheader) + bytes(512))
        next_block = end + 1
    return bytes(header) + bytes(directory) + b"".join(blocks)


def ecat_seeds() -> None:
    write("FuzzECAT", "image-volume.v", ecat(7, 2))
    write("FuzzECAT", "scan-2d.S", ecat(1, 1))
    write("FuzzECAT", "attenuation.a", ecat(3, 1))
    write("FuzzECAT", "polar-map.pm", ecat(5, 1))
    write("FuzzECAT", "scan-3d.S", ecat(11, 1, subheader_blocks=2))


# MARK: - Archives


def zip_bytes(entries, method=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 2, 3, 4, 6))
            info.compress_type = method
            if name.endswith("@link"):
                info.filename = name[: -len("@link")]
                info.create_system = 3
                info.external_attr = 0o120777 << 16
            archive.writestr(info, data)
    return out.getvalue()


def tar_bytes(entries, mode="w") -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode=mode, format=tarfile.PAX_FORMAT) as archive:
        for name, data, kind in entries:
            info = tarfile.TarInfo(name)
            info.mtime = 1_700_000_000
            info.type = kind
            if kind == tarfile.SYMTYPE or kind == tarfile.LNKTYPE:
                info.linkname = "target.dcm"
            elif kind == tarfile.DIRTYPE:
                pass
            else:
                info.size = len(data)
            archive.addfile(info, io.BytesIO(data) if kind == tarfile.REGTYPE else None)
    return out.getvalue()


def archive_seeds() -> None:
    dicom = raw(data_set(0))
    files = [("a/one.dcm", dicom), ("a/two.txt", b"hello\n"), ("b/", b"")]
    write("FuzzArchiveEntries", "deflated.zip", zip_bytes(files))
    write("FuzzArchiveEntries", "stored.zip", zip_bytes(files, zipfile.ZIP_STORED))
    write("FuzzArchiveEntries", "link.zip", zip_bytes([("x.dcm", b"x"), ("link.dcm@link", b"/etc/passwd")]))
    write("FuzzArchiveEntries", "empty.zip", zip_bytes([]))
    tar_entries = [
        ("session", b"", tarfile.DIRTYPE),
        ("session/one.dcm", dicom, tarfile.REGTYPE),
        ("session/" + "long-name-" * 12 + ".dcm", b"pax", tarfile.REGTYPE),
        ("session/link.dcm", b"", tarfile.SYMTYPE),
        ("session/hard.dcm", b"", tarfile.LNKTYPE),
    ]
    plain = tar_bytes(tar_entries)
    write("FuzzArchiveEntries", "pax.tar", plain)
    write("FuzzArchiveEntries", "session.tar.gz", gzip.compress(plain, mtime=0))
    nested = zip_bytes([("inner.tar", tar_bytes([("x.dcm", dicom, tarfile.REGTYPE)])), ("top.dcm", dicom)])
    write("FuzzArchiveEntries", "nested.zip", nested)
    write("FuzzArchiveEntries", "one.gz", gzip.compress(dicom, mtime=0))


# MARK: - XML

SESSION = """<?xml version="1.0" encoding="UTF-8"?>
<xnat:MRSession xmlns:xnat="http://nrg.wustl.edu/xnat" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
 ID="SLUICE_E00001" project="P1" label="S1_MR1" UID="1.2.3" modality="MR">
<xnat:fields><xnat:field name="f">v &amp; w</xnat:field></xnat:fields>
<xnat:date>2024-01-02</xnat:date><xnat:time>10:11:12</xnat:time>
<xnat:subject_ID>SLUICE_S00001</xnat:subject_ID>
<xnat:scanner manufacturer="ACME" model="X">S1</xnat:scanner>
<xnat:fieldStrength>3.0</xnat:fieldStrength>
<xnat:scans>
<xnat:scan ID="1" type="T1" UID="1.2.3.1" xsi:type="xnat:mrScanData">
<xnat:image_session_ID>SLUICE_E00001</xnat:image_session_ID>
<xnat:file label="DICOM" URI="SCANS/1/DICOM/scan_1_catalog.xml" format="DICOM" content="T1_RAW"
 file_count="1" file_size="1234" xsi:type="xnat:resourceCatalog"/>
<xnat:frames>1</xnat:frames>
<xnat:parameters><xnat:voxelRes x="1.0" y="1.0" z="1.2"/><xnat:tr>2300</xnat:tr></xnat:parameters>
</xnat:scan>
</xnat:scans>
</xnat:MRSession>
"""

SCAN = """<?xml version="1.0" encoding="UTF-8"?>
<xnat:MRScan xmlns:xnat="http://nrg.wustl.edu/xnat" ID="2" type="T2" UID="1.2.3.2">
<xnat:image_session_ID>SLUICE_E00001</xnat:image_session_ID>
<xnat:file label="DICOM" URI="SCANS/2/DICOM/scan_2_catalog.xml" format="DICOM"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xnat:resourceCatalog"/>
</xnat:MRScan>
"""

CATALOG = """<?xml version="1.0" encoding="UTF-8"?>
<cat:DCMCatalog xmlns:cat="http://nrg.wustl.edu/catalog" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
 ID="SCAN1" UID="1.2.3.1">
<cat:metaFields><cat:metaField name="AUDIT">now</cat:metaField></cat:metaFields>
<cat:entries>
<cat:entry URI="1.dcm" ID="1.2.3.1.1" format="DICOM" digest="d41d8cd98f00b204e9800998ecf8427e"
 UID="1.2.3.1.1" instanceNumber="1" xsi:type="cat:dcmEntry"/>
<cat:entry URI="notes.txt" name="notes"/>
</cat:entries>
<cat:dimensions x="2" y="2" z="1" volumes="1"/>
</cat:DCMCatalog>
"""


def xml_seeds() -> None:
    write("FuzzSessionXML", "session.xml", SESSION.encode())
    write("FuzzSessionXML", "scan.xml", SCAN.encode())
    write("FuzzSessionXML", "catalog.xml", CATALOG.encode())
    write("FuzzSessionXML", "doctype.xml", b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>')


# MARK: - Destinations and names

DESTINATIONS = [
    "/archive/projects/P1/subjects/S1/experiments/E1",
    "/data/archive/projects/P1/subjects/S1",
    "/REST/prearchive/projects/P1/20240102_101112345/S1_MR1",
    "/prearchive/projects/Unassigned/20240102_101112/folder",
    "/prearchive/projects/P1/../20240102_101112/x",
    "/archive/projects/P1/%2e%2e/Q/subjects/S",
    "/data/archive/experiments/E1/scans/1/resources/DICOM?x=1",
    "SCANS/1/DICOM/../../../etc/passwd",
    "a/./b//c.dcm",
    "Doe^John 1.2/3",
    "Zo\u00eb\u2024\uff0f..",
    ".sluice-tmp",
    "20240102_101112999",
]


def destination_seeds() -> None:
    for index, text in enumerate(DESTINATIONS):
        write("FuzzDestination", f"value-{index:02}.txt", text.encode())


# MARK: - PDUs


def item(kind: int, body: bytes) -> bytes:
    return struct.pack(">BBH", kind, 0, len(body)) + body


def pdu(kind: int, body: bytes) -> bytes:
    return struct.pack(">BBI", kind, 0, len(body)) + body


def associate_request(called: bytes = b"SLUICE") -> bytes:
    contexts = b""
    for context_id, abstract in ((1, "1.2.840.10008.1.1"), (3, CT)):
        syntaxes = item(0x40, ImplicitVRLittleEndian.encode()) + item(0x40, ExplicitVRLittleEndian.encode())
        contexts += item(0x20, bytes([context_id, 0, 0, 0]) + item(0x30, abstract.encode()) + syntaxes)
    user = item(0x51, struct.pack(">I", 16384)) + item(0x52, b"1.2.826.0.1.3680043.8.498.1") + item(0x55, b"SEED")
    body = struct.pack(">HH", 1, 0) + called.ljust(16) + b"STORESCU".ljust(16) + bytes(32)
    body += item(0x10, b"1.2.840.10008.3.1.1.1") + contexts + item(0x50, user)
    return pdu(0x01, body)


def command(fields) -> bytes:
    group = b""
    for element, value in fields:
        if isinstance(value, int):
            value = struct.pack("<H", value)
        elif len(value) % 2:
            value += b"\0"
        group += struct.pack("<HHI", 0, element, len(value)) + value
    return struct.pack("<HHII", 0, 0, 4, len(group)) + group


def data(context_id: int, is_command: bool, is_last: bool, payload: bytes) -> bytes:
    header = (1 if is_command else 0) | (2 if is_last else 0)
    return pdu(0x04, struct.pack(">I", len(payload) + 2) + bytes([context_id, header]) + payload)


def pdu_seeds() -> None:
    echo = command([(0x0002, b"1.2.840.10008.1.1"), (0x0100, 0x0030), (0x0110, 1), (0x0800, 0x0101)])
    store = command(
        [(0x0002, CT.encode()), (0x0100, 0x0001), (0x0110, 2), (0x0700, 0), (0x0800, 0x0000),
         (0x1000, b"1.2.826.0.1.3680043.8.498.1")]
    )
    dataset = raw(data_set(0))
    release = pdu(0x05, bytes(4))
    write("FuzzPDU", "echo.bin", associate_request() + data(1, True, True, echo) + release)
    write(
        "FuzzPDU",
        "store.bin",
        associate_request() + data(3, True, True, store) + data(3, False, False, dataset[:40])
        + data(3, False, True, dataset[40:]) + release,
    )
    write("FuzzPDU", "wrong-called.bin", associate_request(b"OTHER"))
    write("FuzzPDU", "abort.bin", associate_request() + pdu(0x07, bytes(4)))


def main() -> None:
    shutil.rmtree(ROOT, ignore_errors=True)
    dicom_seeds()
    ecat_seeds()
    archive_seeds()
    xml_seeds()
    destination_seeds()
    pdu_seeds()
    total = sum(path.stat().st_size for path in ROOT.rglob("*") if path.is_file())
    print(f"wrote {sum(1 for p in ROOT.rglob('*') if p.is_file())} seeds, {total} bytes, under {ROOT}")


if __name__ == "__main__":
    os.umask(0o022)
    main()
