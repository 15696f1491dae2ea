#!/usr/bin/env python3
"""Generate the deterministic MR data set the benchmarks read.

Default: 2 studies x 4 series x 250 instances = 2,000 MR Image Storage files, 256x256, 16-bit, explicit VR
little endian, each with a realistic header (~100 attributes: patient, study, series, equipment, MR
acquisition, image plane, sequences, private tags), written to bench-data/mr/<study>/<series>/IM<n>.dcm.

The same parameters always give byte-identical files (UIDs and pixel noise come from --seed). A manifest,
bench-data/mr.manifest.json (outside the folder, which holds DICOM files only), records the parameters: if
it matches, nothing is regenerated.
--archives also writes bench-data/mr.zip (deflate) and bench-data/mr.tar.gz of the same folder, for the
import benchmarks.

Usage: .venv/bin/python Scripts/bench/generate_mr_series.py [--out bench-data] [--studies 2] [--series 4]
       [--instances 250] [--seed 1] [--archives] [--force]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tarfile
import time
import zipfile
from pathlib import Path

import numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, MRImageStorage, generate_uid

# Bump when the content of the files changes, so old data sets are regenerated.
GENERATOR_VERSION = 1
# pydicom's UID root (2.25-style roots are too long for readable dumps); fine for synthetic data.
UID_ROOT = "1.2.826.0.1.3680043.8.498."
ROWS = COLUMNS = 256

# name, description, sequence name, TR, TE, TI, flip angle, slice thickness, scanning sequence, variant
PROTOCOLS = [
    ("t1_mprage_sag", "T1 MPRAGE SAG", "*tfl3d1_16ns", 2300.0, 2.98, 900.0, 9.0, 1.0, "GR\\IR", "SP\\MP"),
    ("t2_tse_tra", "T2 TSE TRA", "*tse2d1_15", 6000.0, 95.0, None, 150.0, 3.0, "SE", "SK\\SP\\OSP"),
    ("t2_flair_tra", "T2 FLAIR TRA", "*tir2d1_16", 9000.0, 81.0, 2500.0, 150.0, 3.0, "SE\\IR", "SK\\SP\\MP"),
    ("ep2d_diff_tra", "DWI EPI TRA", "*ep_b1000t", 4600.0, 64.0, None, 90.0, 4.0, "EP", "SK\\SP"),
]


def uid(seed: int, *parts: object) -> str:
    """A UID that depends only on the seed and the parts (sha512 of them, as pydicom does)."""
    return generate_uid(prefix=UID_ROOT, entropy_srcs=[str(seed), *map(str, parts)])


def code_item(value: str, scheme: str, meaning: str) -> Dataset:
    item = Dataset()
    item.CodeValue = value
    item.CodingSchemeDesignator = scheme
    item.CodeMeaning = meaning
    return item


def study_attributes(ds: Dataset, seed: int, study: int) -> None:
    rng = random.Random(f"{seed}-study-{study}")
    birth_year = rng.randint(1940, 2000)
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.PatientName = f"BENCH^PATIENT{study + 1:02d}^^^"
    ds.PatientID = f"BENCH{seed:02d}{study + 1:04d}"
    ds.IssuerOfPatientID = "SLUICE"
    ds.PatientBirthDate = f"{birth_year}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    ds.PatientSex = rng.choice(["F", "M"])
    ds.PatientAge = f"{2024 - birth_year:03d}Y"
    ds.PatientSize = f"{rng.uniform(1.5, 1.95):.2f}"
    ds.PatientWeight = f"{rng.randint(50, 110)}"
    ds.PatientIdentityRemoved = "YES"
    ds.DeidentificationMethod = "Synthetic data (Scripts/bench/generate_mr_series.py)"
    ds.StudyInstanceUID = uid(seed, "study", study)
    ds.StudyDate = f"2024{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    hour, minute, second, fraction = rng.randint(7, 18), rng.randint(0, 59), rng.randint(0, 59), rng.randint(0, 999999)
    ds.StudyTime = f"{hour:02d}{minute:02d}{second:02d}.{fraction:06d}"
    ds.StudyID = f"{study + 1}"
    ds.AccessionNumber = f"ACC{seed:02d}{study + 1:06d}"
    ds.StudyDescription = "Research^Brain"
    ds.ReferringPhysicianName = "REFERRER^ALICE"
    ds.InstitutionName = "Sluice Imaging Centre"
    ds.InstitutionAddress = "1 Benchmark Road^^Lyon^^69000^FR"
    ds.StationName = "MRC12345"
    ds.InstitutionalDepartmentName = "Radiology"
    ds.PerformingPhysicianName = "PERFORMER^BOB"
    ds.OperatorsName = "OPERATOR^CAROL"
    ds.ProcedureCodeSequence = Sequence([code_item("RPID1234", "L", "MR BRAIN WITHOUT CONTRAST")])
    ds.RequestedProcedureDescription = "MR BRAIN WITHOUT CONTRAST"


def series_attributes(ds: Dataset, seed: int, study: int, series: int) -> None:
    name, description, sequence, tr, te, ti, flip, thickness, scanning, variant = PROTOCOLS[series % len(PROTOCOLS)]
    ds.SeriesInstanceUID = uid(seed, "series", study, series)
    ds.SeriesNumber = series + 1
    ds.SeriesDescription = description
    ds.ProtocolName = name
    ds.SeriesDate = ds.StudyDate
    ds.SeriesTime = f"{ds.StudyTime[:2]}{(10 + 7 * series) % 60:02d}00.000000"
    ds.Modality = "MR"
    ds.BodyPartExamined = "HEAD"
    ds.PatientPosition = "HFS"
    ds.FrameOfReferenceUID = uid(seed, "frame", study)
    ds.PositionReferenceIndicator = ""
    ds.Manufacturer = "SIEMENS"
    ds.ManufacturerModelName = "Prisma"
    ds.DeviceSerialNumber = "166038"
    ds.SoftwareVersions = "syngo MR XA30"
    ds.MagneticFieldStrength = "3"
    ds.ImagingFrequency = "123.252447"
    ds.ImagedNucleus = "1H"
    ds.TransmitCoilName = "Body"
    ds.ReceiveCoilName = "Head_32"
    ds.ScanningSequence = scanning
    ds.SequenceVariant = variant
    ds.ScanOptions = "PFP\\FS"
    ds.MRAcquisitionType = "3D" if "mprage" in name else "2D"
    ds.SequenceName = sequence
    ds.AngioFlag = "N"
    ds.SliceThickness = f"{thickness}"
    ds.SpacingBetweenSlices = f"{thickness}"
    ds.RepetitionTime = f"{tr}"
    ds.EchoTime = f"{te}"
    if ti is not None:
        ds.InversionTime = f"{ti}"
    ds.NumberOfAverages = "1"
    ds.EchoNumbers = "1"
    ds.EchoTrainLength = "1" if "mprage" in name else "16"
    ds.PercentSampling = "100"
    ds.PercentPhaseFieldOfView = "100"
    ds.PixelBandwidth = "240"
    ds.AcquisitionMatrix = [0, 256, 256, 0]
    ds.InPlanePhaseEncodingDirection = "ROW"
    ds.FlipAngle = f"{flip}"
    ds.VariableFlipAngleFlag = "N"
    ds.SAR = "0.0432"
    ds.dBdt = "0"
    ds.PatientOrientation = ""
    ds.ImageOrientationPatient = ["1", "0", "0", "0", "1", "0"]
    ds.PixelSpacing = ["0.9375", "0.9375"]


def instance_attributes(ds: Dataset, seed: int, study: int, series: int, instance: int, count: int) -> None:
    ds.SOPClassUID = MRImageStorage
    ds.SOPInstanceUID = uid(seed, "instance", study, series, instance)
    ds.ImageType = ["ORIGINAL", "PRIMARY", "M", "ND", "NORM"]
    ds.InstanceCreationDate = ds.StudyDate
    ds.InstanceCreationTime = ds.SeriesTime
    ds.ContentDate = ds.StudyDate
    ds.ContentTime = ds.SeriesTime
    ds.AcquisitionDate = ds.StudyDate
    ds.AcquisitionTime = ds.SeriesTime
    ds.AcquisitionNumber = 1
    ds.InstanceNumber = instance + 1
    location = (instance - count / 2) * float(ds.SliceThickness)
    ds.ImagePositionPatient = ["-120", "-120", f"{location:.4f}"]
    ds.SliceLocation = f"{location:.4f}"
    references = []
    for other in (0, count // 2, count - 1):
        item = Dataset()
        item.ReferencedSOPClassUID = MRImageStorage
        item.ReferencedSOPInstanceUID = uid(seed, "localizer", study, other)
        references.append(item)
    ds.ReferencedImageSequence = Sequence(references)
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows = ROWS
    ds.Columns = COLUMNS
    ds.BitsAllocated = 16
    ds.BitsStored = 12
    ds.HighBit = 11
    ds.PixelRepresentation = 0
    ds.SmallestImagePixelValue = 0
    ds.LargestImagePixelValue = 4095
    ds.WindowCenter = "600"
    ds.WindowWidth = "1200"
    ds.WindowCenterWidthExplanation = "Algo1"
    ds.LossyImageCompression = "00"
    # A private block, as scanners write (a small stand-in for a Siemens CSA header).
    block = ds.private_block(0x0029, "SLUICE BENCH CSA", create=True)
    block.add_new(0x08, "CS", "IMAGE NUM 4")
    block.add_new(0x09, "LO", "20240101")
    csa = random.Random(f"{seed}-csa-{study}-{series}-{instance}").randbytes(4096)
    block.add_new(0x10, "OB", csa)
    other = ds.private_block(0x0051, "SLUICE BENCH MR", create=True)
    other.add_new(0x08, "CS", "IMAGE NUM 4")
    other.add_new(0x0B, "SH", "256p*256")
    other.add_new(0x0C, "LO", "FoV 240*240")
    other.add_new(0x0E, "LO", "Tra")
    other.add_new(0x11, "LO", "p2")


def pixels(seed: int, study: int, series: int, instance: int, count: int) -> bytes:
    """A head-like phantom (an ellipse whose brightness varies with the slice) plus seeded noise."""
    y, x = np.ogrid[-1:1:ROWS * 1j, -1:1:COLUMNS * 1j]
    z = (instance - count / 2) / count
    inside = (x / 0.75) ** 2 + (y / 0.9) ** 2 + (z * 1.5) ** 2 <= 1.0
    base = np.where(inside, 1400 + 600 * np.cos(6 * x + series) * np.sin(5 * y), 40)
    rng = np.random.default_rng([seed, study, series, instance])
    noise = rng.normal(0, 25, size=(ROWS, COLUMNS))
    return np.clip(base + noise, 0, 4095).astype("<u2").tobytes()


def write_file(path: Path, seed: int, study: int, series: int, instance: int, count: int) -> None:
    ds = Dataset()
    study_attributes(ds, seed, study)
    series_attributes(ds, seed, study, series)
    instance_attributes(ds, seed, study, series, instance, count)
    ds.PixelData = pixels(seed, study, series, instance, count)
    ds["PixelData"].VR = "OW"
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = ds.SOPClassUID
    meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    meta.ImplementationClassUID = UID_ROOT + "1"
    meta.ImplementationVersionName = "SLUICE_BENCH_1"
    ds.file_meta = meta
    ds.save_as(path, enforce_file_format=True)


def write_archives(out: Path, folder: Path) -> None:
    """mr.zip (deflate) and mr.tar.gz of the folder, entries sorted and named relative to `out`."""
    files = sorted(p for p in folder.rglob("*.dcm"))
    with zipfile.ZipFile(out / "mr.zip.tmp", "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            archive.write(path, path.relative_to(out).as_posix())
    os.replace(out / "mr.zip.tmp", out / "mr.zip")
    with tarfile.open(out / "mr.tar.gz.tmp", "w:gz") as archive:
        for path in files:
            archive.add(path, path.relative_to(out).as_posix(), recursive=False)
    os.replace(out / "mr.tar.gz.tmp", out / "mr.tar.gz")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="bench-data", help="output folder (default: bench-data)")
    parser.add_argument("--studies", type=int, default=2)
    parser.add_argument("--series", type=int, default=4, help="series per study")
    parser.add_argument("--instances", type=int, default=250, help="instances per series")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--archives", action="store_true", help="also write mr.zip and mr.tar.gz")
    parser.add_argument("--force", action="store_true", help="regenerate even if the manifest matches")
    args = parser.parse_args()

    out = Path(args.out)
    folder = out / "mr"
    manifest_path = out / "mr.manifest.json"
    parameters = {
        "generator_version": GENERATOR_VERSION, "studies": args.studies, "series": args.series,
        "instances": args.instances, "seed": args.seed, "rows": ROWS, "columns": COLUMNS,
    }
    total = args.studies * args.series * args.instances
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    if args.force or manifest.get("parameters") != parameters:
        started = time.monotonic()
        shutil.rmtree(folder, ignore_errors=True)
        for name in ("mr.zip", "mr.tar.gz"):
            (out / name).unlink(missing_ok=True)
        for study in range(args.studies):
            for series in range(args.series):
                directory = folder / f"study{study + 1:02d}" / f"series{series + 1:02d}"
                directory.mkdir(parents=True, exist_ok=True)
                for instance in range(args.instances):
                    path = directory / f"IM{instance + 1:05d}.dcm"
                    write_file(path, args.seed, study, series, instance, args.instances)
        size = sum(p.stat().st_size for p in folder.rglob("*.dcm"))
        manifest = {"parameters": parameters, "files": total, "bytes": size, "archives": False}
        manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
        print(f"generated {total} files ({size / 1e6:.0f} MB) in {folder} in {time.monotonic() - started:.1f} s",
              file=sys.stderr)
    else:
        print(f"{folder}: {total} files already generated with these parameters", file=sys.stderr)

    if args.archives and not (manifest.get("archives") and (out / "mr.zip").exists() and (out / "mr.tar.gz").exists()):
        started = time.monotonic()
        write_archives(out, folder)
        manifest["archives"] = True
        manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
        print(f"wrote {out / 'mr.zip'} and {out / 'mr.tar.gz'} in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
