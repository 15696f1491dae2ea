"""Session XML and scan catalogs built from prearchived DICOM (xnat-import-spec §5).

The XML and catalogs are read with ElementTree by namespace; every catalog entry is checked against the file it
names: the SOPInstanceUID read back with pydicom, the InstanceNumber, and an MD5 computed here.
"""
import pathlib

import pytest

from dicom_factory import RT_STRUCTURE_SET, S, make_study, part10, template_name, zip_bytes
from prearchive_client import (
    NS,
    XNAT,
    XSI_TYPE,
    catalog,
    catalog_entries,
    dicom_files,
    md5,
    resources,
    scans,
    sop_instance_uid,
)


@pytest.fixture(scope="module")
def api(sluice_api):
    sluice_api.create_project("SB")
    return sluice_api


def import_and_build(api, study, folder, *, subject="SB_SUBJ", name=None, **params):
    session = api.import_one(
        zip_bytes(study.files(name=name)), PROJECT_ID="SB", SUBJECT_ID=subject, EXPT_LABEL=folder, **params
    )
    api.build(session)
    return session, api.session_xml(session)


def assert_catalog_lists(session_dir, resource, datasets):
    """The resource's catalog lists exactly `datasets`, each entry naming a file next to the catalog."""
    path, root = catalog(session_dir, resource)
    assert root.tag == "{http://nrg.wustl.edu/catalog}DCMCatalog"
    entries = catalog_entries(root)
    expected = {str(ds.SOPInstanceUID): ds for ds in datasets}
    assert sorted(entry["UID"] for entry in entries) == sorted(expected)
    for entry in entries:
        file = path.parent / entry["URI"]
        assert file.is_file(), entry
        assert sop_instance_uid(file) == entry["UID"]
        assert entry["instanceNumber"] == str(expected[entry["UID"]].InstanceNumber)
        assert entry["digest"] == md5(file)
    return path, entries


def test_an_mr_session_document_has_its_labels_scans_and_catalogs(api):
    study = make_study([S("MR", 3, number=4), S("MR", 2, number=5)])
    session, root = import_and_build(api, study, "SB_MR")
    directory = api.directory(session)

    assert root.tag == f"{{{XNAT}}}MRSession"
    assert (root.get("project"), root.get("label"), root.get("UID")) == ("SB", "SB_MR", study.uid)
    assert root.findtext("xnat:subject_ID", namespaces=NS) == "SB_SUBJ"

    found = scans(root)
    assert list(found) == ["4", "5"]
    for series in study.series:
        scan = found[str(series.number)]
        assert scan.get("UID") == series.uid
        assert scan.get(XSI_TYPE) == "xnat:mrScanData"
        [dicom] = resources(scan).values()
        assert dicom.get("label") == "DICOM"
        assert dicom.get("URI") == f"SCANS/{series.number}/DICOM/scan_{series.number}_catalog.xml"
        path, entries = assert_catalog_lists(directory, dicom, series.datasets)
        assert path.parent == directory / "SCANS" / str(series.number) / "DICOM"
        assert sorted(entry["URI"] for entry in entries) == sorted(
            f"{ds.Modality}_s{series.number}_i{ds.InstanceNumber}.dcm" for ds in series.datasets
        )


def test_catalogs_name_template_files_after_a_renamed_upload(api):
    study = make_study([S("CT", 2, number=2)])
    session, root = import_and_build(api, study, "SB_RENAMED", rename="true")
    [scan] = scans(root).values()
    _, entries = assert_catalog_lists(api.directory(session), resources(scan)["DICOM"], study.datasets)
    assert sorted(entry["URI"] for entry in entries) == sorted(template_name(ds) for ds in study.datasets)


def test_a_ct_study_is_a_ct_session(api):
    study = make_study([S("CT", 2, number=1)])
    _, root = import_and_build(api, study, "SB_CT")
    assert root.tag == f"{{{XNAT}}}CTSession"
    assert [scan.get(XSI_TYPE) for scan in scans(root).values()] == ["xnat:ctScanData"]


def test_a_pet_ct_study_is_a_pet_session(api):
    study = make_study([S("CT", 2, number=1), S("PT", 3, number=2)])
    session, root = import_and_build(api, study, "SB_PETCT")
    assert root.tag == f"{{{XNAT}}}PETSession"
    found = scans(root)
    assert found["1"].get(XSI_TYPE) == "xnat:ctScanData"
    assert found["2"].get(XSI_TYPE) == "xnat:petScanData"
    assert_catalog_lists(api.directory(session), resources(found["2"])["DICOM"], study.series[1].datasets)


def test_series_sharing_a_number_get_modality_suffixed_scan_ids(api):
    study = make_study([S("MR", 2, number=3), S("MR", 1, number=3), S("MR", 1, number=6)])
    session, root = import_and_build(api, study, "SB_DUPLICATE", name=lambda ds: f"{ds.SOPInstanceUID}.dcm")
    directory = api.directory(session)
    shared = sorted(study.series[:2], key=lambda series: series.uid)
    expected = {"3-MR1": shared[0], "3-MR2": shared[1], "6": study.series[2]}
    found = scans(root)
    assert set(found) == set(expected)
    for scan_id, series in expected.items():
        scan = found[scan_id]
        assert scan.get("UID") == series.uid
        dicom = resources(scan)["DICOM"]
        assert dicom.get("URI") == f"SCANS/{scan_id}/DICOM/scan_{scan_id}_catalog.xml"
        assert_catalog_lists(directory, dicom, series.datasets)
    folders = {pathlib.PurePosixPath(path).parts[1] for path in dicom_files(directory)}
    assert folders == set(expected)


def test_an_rt_structure_set_in_an_mr_series_is_a_secondary_resource(api):
    study = make_study([S("MR", 2, number=7, rtstruct=1)])
    session, root = import_and_build(api, study, "SB_RTSTRUCT")
    directory = api.directory(session)
    assert root.tag == f"{{{XNAT}}}MRSession"
    [scan] = scans(root).values()
    assert scan.get("ID") == "7"
    found = resources(scan)
    assert set(found) == {"DICOM", "secondary"}
    images = [ds for ds in study.datasets if ds.SOPClassUID != RT_STRUCTURE_SET]
    structures = [ds for ds in study.datasets if ds.SOPClassUID == RT_STRUCTURE_SET]
    assert_catalog_lists(directory, found["DICOM"], images)
    path, root_catalog = catalog(directory, found["secondary"])
    entries = catalog_entries(root_catalog)
    assert [entry["UID"] for entry in entries] == [str(structures[0].SOPInstanceUID)]
    secondary_file = path.parent / entries[0]["URI"]
    assert secondary_file.is_file()
    assert entries[0]["digest"] == md5(secondary_file)
    assert path.parent != (directory / found["DICOM"].get("URI")).parent


def test_building_twice_gives_the_same_catalogs(api):
    study = make_study([S("MR", 2, number=1)])
    session, root = import_and_build(api, study, "SB_TWICE")
    [scan] = scans(root).values()
    path, first = catalog(api.directory(session), resources(scan)["DICOM"])
    api.build(session)
    _, second = catalog(api.directory(session), resources(scans(api.session_xml(session))["1"])["DICOM"])
    assert catalog_entries(first) == catalog_entries(second)
    assert api.row(session)["status"] == "READY"


def test_a_session_built_from_gradual_uploads_catalogs_every_object(api):
    study = make_study([S("MR", 3, number=2)])
    sessions = set()
    for ds in study.datasets:
        sessions.update(api.import_dicom(part10(ds), PROJECT_ID="SB", EXPT_LABEL="SB_GRADUAL", rename="true"))
    [session] = sessions
    api.build(session)
    [scan] = scans(api.session_xml(session)).values()
    assert_catalog_lists(api.directory(session), resources(scan)["DICOM"], study.datasets)
