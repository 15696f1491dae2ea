"""Small DICOM studies made with pydicom, and the archives clients wrap them in, all in memory.

A `Study` has series of instances (8×8 pixels, so the suite stays fast). `Study.files()` gives Part-10 bytes
with client file names; `zip_bytes`, `tar_bytes` and `nested_zip` wrap (name, bytes) pairs the way the
Desktop Client, xnatpy, curl scripts and hand-made uploads do. `template_name` is the server's file-name
template (`${StudyInstanceUID}-${SeriesNumber}-${InstanceNumber}-${hash}.dcm`, xnat-import-spec §7) computed
independently of the server.
"""
import dataclasses
import io
import itertools
import tarfile
import zipfile
from copy import deepcopy

from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate
from pydicom.filewriter import dcmwrite, write_file_meta_info
from pydicom.uid import ExplicitVRLittleEndian, ImplicitVRLittleEndian, JPEGBaseline8Bit, generate_uid

MR_IMAGE = "1.2.840.10008.5.1.4.1.1.4"
CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2"
PET_IMAGE = "1.2.840.10008.5.1.4.1.1.128"
RT_STRUCTURE_SET = "1.2.840.10008.5.1.4.1.1.481.3"

IMPLICIT_VR_LITTLE_ENDIAN = ImplicitVRLittleEndian
JPEG_BASELINE = JPEGBaseline8Bit

SOP_CLASS = {"MR": MR_IMAGE, "CT": CT_IMAGE, "PT": PET_IMAGE, "RTSTRUCT": RT_STRUCTURE_SET}
IMAGE_SIZE = 8

_counter = itertools.count(1)


@dataclasses.dataclass
class S:
    """What one series should hold: `count` images of `modality`, optionally `rtstruct` RT Structure Sets in it."""

    modality: str = "MR"
    count: int = 2
    number: int | None = None
    description: str | None = None
    rtstruct: int = 0
    uid: str | None = None


@dataclasses.dataclass
class Series:
    uid: str
    number: int
    modality: str
    description: str
    datasets: list


@dataclasses.dataclass
class Study:
    uid: str
    patient_name: str
    patient_id: str
    series: list

    @property
    def datasets(self):
        return [ds for series in self.series for ds in series.datasets]

    def only(self, *indices):
        """The same study with only the series at `indices` (to upload a study in parts)."""
        return Study(self.uid, self.patient_name, self.patient_id, [self.series[i] for i in indices])

    def files(self, name=None, folder=None):
        """(client file name, Part-10 bytes) for every instance; `folder(series)` prefixes a directory."""
        name = name or default_name
        out = []
        for series in self.series:
            for ds in series.datasets:
                entry = name(ds)
                if folder is not None:
                    entry = f"{folder(series)}/{entry}"
                out.append((entry, part10(ds)))
        return out

    def series_files(self, series, name=None):
        name = name or default_name
        return [(name(ds), part10(ds)) for ds in series.datasets]


def default_name(ds):
    """The client file name used unless a test chooses another: `MR_s4_i2.dcm`."""
    return f"{ds.Modality}_s{ds.SeriesNumber}_i{ds.InstanceNumber}.dcm"


def make_study(
    series=None,
    *,
    patient_name="Doe^John",
    patient_id=None,
    study_uid=None,
    study_description=None,
    accession_number=None,
    patient_comments=None,
    study_comments=None,
    additional_patient_history=None,
    study_date="20240305",
    study_time="101500",
    charset=None,
    transfer_syntax=ExplicitVRLittleEndian,
):
    """A study with one series per `S` in `series` (series numbers 1, 2, … unless given).

    `patient_id=None` picks a unique ID (`PID<n>`); pass `""` for a study without one. `transfer_syntax` may be
    Explicit or Implicit VR Little Endian, or JPEG Baseline (then each image is one encapsulated fragment that
    is not a real JPEG: the server stores bytes, it does not decode them).
    """
    series = [S()] if series is None else series
    serial = next(_counter)
    study_uid = study_uid or generate_uid()
    patient_id = f"PID{serial:04d}" if patient_id is None else patient_id
    made = []
    for index, spec in enumerate(series, start=1):
        number = spec.number if spec.number is not None else index
        description = spec.description or f"{spec.modality} series {number}"
        series_uid = spec.uid or generate_uid()
        datasets = []
        for instance in range(1, spec.count + 1):
            datasets.append(
                _dataset(
                    sop_class=SOP_CLASS[spec.modality],
                    modality=spec.modality,
                    instance=instance,
                    pixels=True,
                    study_uid=study_uid,
                    series_uid=series_uid,
                    series_number=number,
                    series_description=description,
                )
            )
        for extra in range(1, spec.rtstruct + 1):
            datasets.append(
                _dataset(
                    sop_class=RT_STRUCTURE_SET,
                    modality="RTSTRUCT",
                    instance=spec.count + extra,
                    pixels=False,
                    study_uid=study_uid,
                    series_uid=series_uid,
                    series_number=number,
                    series_description=description,
                )
            )
        made.append(Series(series_uid, number, spec.modality, description, datasets))

    for ds in (ds for s in made for ds in s.datasets):
        ds.file_meta.TransferSyntaxUID = transfer_syntax
        if transfer_syntax == JPEGBaseline8Bit and "PixelData" in ds:
            ds.BitsAllocated, ds.BitsStored, ds.HighBit = 8, 8, 7
            ds.PhotometricInterpretation = "YBR_FULL_422"
            ds.PixelData = encapsulate(
                [b"\xff\xd8\xff\xe0" + bytes(ds.InstanceNumber % 256 for _ in range(60)) + b"\xff\xd9"]
            )
            ds["PixelData"].VR = "OB"
        if charset:
            ds.SpecificCharacterSet = charset
        ds.PatientName = patient_name
        ds.PatientID = patient_id
        ds.StudyDate = study_date
        ds.StudyTime = study_time
        ds.StudyID = str(serial)
        if study_description is not None:
            ds.StudyDescription = study_description
        if accession_number is not None:
            ds.AccessionNumber = accession_number
        if patient_comments is not None:
            ds.PatientComments = patient_comments
        if study_comments is not None:
            ds.StudyComments = study_comments
        if additional_patient_history is not None:
            ds.AdditionalPatientHistory = additional_patient_history
    return Study(study_uid, patient_name, patient_id, made)


def _dataset(*, sop_class, modality, instance, pixels, study_uid, series_uid, series_number, series_description):
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = sop_class
    sop_instance = generate_uid()
    ds.file_meta.MediaStorageSOPInstanceUID = sop_instance
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.SOPClassUID = sop_class
    ds.SOPInstanceUID = sop_instance
    ds.StudyInstanceUID = study_uid
    ds.SeriesInstanceUID = series_uid
    ds.Modality = modality
    ds.SeriesNumber = series_number
    ds.InstanceNumber = instance
    ds.SeriesDescription = series_description
    ds.Manufacturer = "Sluice interop"
    if pixels:
        ds.Rows = IMAGE_SIZE
        ds.Columns = IMAGE_SIZE
        ds.SamplesPerPixel = 1
        ds.PhotometricInterpretation = "MONOCHROME2"
        ds.BitsAllocated = 16
        ds.BitsStored = 12
        ds.HighBit = 11
        ds.PixelRepresentation = 0
        ds.PixelData = bytes((instance * 7 + i) % 256 for i in range(IMAGE_SIZE * IMAGE_SIZE * 2))
    else:
        ds.StructureSetLabel = "contours"
    return ds


def with_uids(ds, *, sop_class=None, sop_instance=None):
    """Replaces the SOP class / instance UIDs of a dataset (and its file meta)."""
    if sop_class is not None:
        ds.SOPClassUID = sop_class
        ds.file_meta.MediaStorageSOPClassUID = sop_class
    if sop_instance is not None:
        ds.SOPInstanceUID = sop_instance
        ds.file_meta.MediaStorageSOPInstanceUID = sop_instance
    return ds


def part10(ds):
    """The Part-10 bytes of a dataset: preamble, `DICM`, file meta, data set."""
    buffer = io.BytesIO()
    dcmwrite(buffer, ds, enforce_file_format=True)
    return buffer.getvalue()


def raw_dataset(ds):
    """The data set alone (Implicit VR Little Endian), no preamble or file meta: what some senders post."""
    copy = deepcopy(ds)
    del copy.file_meta
    buffer = io.BytesIO()
    dcmwrite(buffer, copy, implicit_vr=True, little_endian=True)
    return buffer.getvalue()


def without_sop_instance_uid(ds):
    """Part-10 bytes of `ds` with SOPInstanceUID missing from the data set (the file meta keeps its copy)."""
    copy = deepcopy(ds)
    del copy.SOPInstanceUID
    buffer = io.BytesIO()
    buffer.write(b"\0" * 128 + b"DICM")
    write_file_meta_info(buffer, copy.file_meta, enforce_standard=True)
    dcmwrite(_Appender(buffer), copy, implicit_vr=False, little_endian=True)
    return buffer.getvalue()


class _Appender(io.RawIOBase):
    """Lets dcmwrite append a bare data set to a buffer that already holds a preamble and file meta."""

    def __init__(self, target):
        self.target = target

    def writable(self):
        return True

    def write(self, data):
        return self.target.write(data)

    def tell(self):
        return self.target.tell()

    def seek(self, *args):
        return self.target.seek(*args)


# MARK: - Archives


def zip_bytes(entries, *, compression=zipfile.ZIP_DEFLATED, directory_entries=False):
    """A zip of (name, bytes) entries; names may contain folders (`a/b/c.dcm`).

    `directory_entries=True` also writes an entry for every folder (`a/`, `a/b/`), as desktop zip tools do.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        folders = set()
        for name, data in entries:
            if directory_entries:
                parts = name.split("/")[:-1]
                for depth in range(1, len(parts) + 1):
                    folder = "/".join(parts[:depth]) + "/"
                    if folder not in folders:
                        folders.add(folder)
                        archive.writestr(folder, b"")
            archive.writestr(name, data)
    return buffer.getvalue()


class _Unseekable(io.RawIOBase):
    """A write-only stream: zipfile then writes local headers with data descriptors, as node `archiver` does."""

    def __init__(self):
        self.chunks = []

    def writable(self):
        return True

    def write(self, data):
        self.chunks.append(bytes(data))
        return len(data)


def streamed_zip_chunks(entries):
    """The chunks of a zip written to a non-seekable stream (entries with data descriptors), in order."""
    sink = _Unseekable()
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            with archive.open(name, "w") as entry:
                entry.write(data)
    return sink.chunks


def tar_bytes(entries, *, gz=False, format=tarfile.PAX_FORMAT):
    """A tar (gzipped with `gz`) of (name, bytes) entries with a directory entry per folder."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz" if gz else "w", format=format) as archive:
        folders = set()
        for name, data in entries:
            parts = name.split("/")[:-1]
            for depth in range(1, len(parts) + 1):
                folder = "/".join(parts[:depth])
                if folder not in folders:
                    folders.add(folder)
                    info = tarfile.TarInfo(folder)
                    info.type = tarfile.DIRTYPE
                    info.mode = 0o755
                    archive.addfile(info)
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o644
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def nested_zip(outer_entries, inner_name, inner_entries):
    """A zip holding `outer_entries` and, as entry `inner_name`, a zip of `inner_entries`."""
    return zip_bytes([*outer_entries, (inner_name, zip_bytes(inner_entries))])


# MARK: - Names the server gives files


def java_string_hash(text):
    value = 0
    for unit in _utf16_units(text):
        value = (31 * value + unit) & 0xFFFFFFFF
    return value


def java_list_hash(values):
    value = 1
    for element in values:
        value = (31 * value + (0 if element is None else java_string_hash(element))) & 0xFFFFFFFF
    return value


def _utf16_units(text):
    encoded = text.encode("utf-16-le")
    return [int.from_bytes(encoded[i : i + 2], "little") for i in range(0, len(encoded), 2)]


def base36(number):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if number == 0:
        return "0"
    out = ""
    while number:
        number, remainder = divmod(number, 36)
        out = digits[remainder] + out
    return out


def sop_hash(sop_class_uid, sop_instance_uid):
    """`${HashSOPClassUIDWithSOPInstanceUID}`: Java List.hashCode, unsigned, lowercase base 36."""
    return base36(java_list_hash([sop_class_uid, sop_instance_uid]))


def template_name(ds):
    """The name `rename=true` gives `ds`: `${StudyInstanceUID}-${SeriesNumber}-${InstanceNumber}-${hash}.dcm`."""

    def value(keyword):
        text = str(ds.get(keyword, "") or "").strip()
        return text or f"no-value-for-{keyword}"

    digest = sop_hash(value("SOPClassUID"), value("SOPInstanceUID"))
    return f"{value('StudyInstanceUID')}-{value('SeriesNumber')}-{value('InstanceNumber')}-{digest}.dcm"


def sanitised_label(text):
    """Subject/session labels from DICOM: every character outside [A-Za-z0-9_-] becomes `_` (per UTF-16 unit)."""
    return "".join(chr(u) if _is_label_unit(u) else "_" for u in _utf16_units(text))


def sanitised_file_name(text):
    """Client file names: every character outside [A-Za-z0-9_.-] becomes `_` (per UTF-16 unit)."""
    return "".join(chr(u) if _is_label_unit(u) or u == ord(".") else "_" for u in _utf16_units(text))


def _is_label_unit(unit):
    return unit < 128 and (chr(unit).isalnum() or chr(unit) in "_-")
