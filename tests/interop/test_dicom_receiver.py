"""The DICOM C-STORE receiver (issue 7): dcmtk's echoscu/storescu and pynetdicom send studies to a running
`sluice serve`; every instance must land in the prearchive with its data set byte for byte as sent."""
import pathlib
import shutil
import socket
import struct
import subprocess
import time

import pydicom
import pytest
from pydicom.uid import ExplicitVRLittleEndian, ImplicitVRLittleEndian, JPEGBaseline8Bit
from pynetdicom import AE
from pynetdicom.dsutils import encode

from conftest import SERVER_ADMIN_PASSWORD, start_server
from dicom_factory import S, make_study, part10
from prearchive_client import Sluice

pytestmark = pytest.mark.skipif(shutil.which("storescu") is None, reason="dcmtk is not installed")
MR = "1.2.840.10008.5.1.4.1.1.4"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def receiver(tmp_path_factory):
    port = free_port()
    data_dir = tmp_path_factory.mktemp("sluice-dicom") / "data"
    running = start_server(data_dir, {"SLUICE_ADMIN_PASSWORD": SERVER_ADMIN_PASSWORD, "SLUICE_DICOM_PORT": str(port)})
    running.dicom_port = port
    yield running
    assert running.stop() == 0, running.stderr


@pytest.fixture(scope="module")
def api(receiver):
    return Sluice(receiver)


def data_set_bytes(blob):
    """The bytes after a Part-10 file's meta group."""
    assert blob[128:132] == b"DICM"
    (group_length,) = struct.unpack("<I", blob[140:144])
    return blob[144 + group_length:]


def stored_files(data_dir, study_uid):
    """SOPInstanceUID → (path, dataset) of every file the prearchive holds for the study."""
    found = {}
    for path in pathlib.Path(data_dir, "prearchive").rglob("*.dcm"):
        ds = pydicom.dcmread(path, stop_before_pixels=True)
        if ds.StudyInstanceUID == study_uid:
            found[ds.SOPInstanceUID] = (path, ds)
    return found


def wait_for(study_uid, data_dir, count, timeout=10):
    deadline = time.time() + timeout
    while time.time() < deadline:
        files = stored_files(data_dir, study_uid)
        if len(files) >= count:
            return files
        time.sleep(0.1)
    return stored_files(data_dir, study_uid)


def send_with_pynetdicom(port, datasets, *, calling="PYNETDICOM", syntaxes=(ExplicitVRLittleEndian,)):
    ae = AE(ae_title=calling)
    for syntax in syntaxes:
        ae.add_requested_context(MR, syntax)
    assoc = ae.associate("127.0.0.1", port, ae_title="XNAT")
    assert assoc.is_established
    try:
        return [assoc.send_c_store(ds).Status for ds in datasets]
    finally:
        assoc.release()


def test_echo_with_dcmtk_and_pynetdicom(receiver):
    subprocess.run(["echoscu", "-aec", "XNAT", "127.0.0.1", str(receiver.dicom_port)], check=True, timeout=30)
    ae = AE(ae_title="PYNETDICOM")
    ae.add_requested_context("1.2.840.10008.1.1")
    assoc = ae.associate("127.0.0.1", receiver.dicom_port, ae_title="XNAT")
    assert assoc.is_established
    assert assoc.send_c_echo().Status == 0
    assoc.release()


@pytest.mark.parametrize("syntax", [ImplicitVRLittleEndian, ExplicitVRLittleEndian, JPEGBaseline8Bit])
def test_pynetdicom_study_in_one_association(receiver, api, syntax):
    study = make_study([S(count=3), S(count=2)], transfer_syntax=syntax)
    datasets = study.datasets
    assert send_with_pynetdicom(receiver.dicom_port, datasets, syntaxes=(syntax,)) == [0] * len(datasets)
    files = wait_for(study.uid, receiver.data_dir, len(datasets))
    assert set(files) == {ds.SOPInstanceUID for ds in datasets}
    implicit = syntax == ImplicitVRLittleEndian
    for ds in datasets:
        path, stored = files[ds.SOPInstanceUID]
        blob = path.read_bytes()
        meta = pydicom.dcmread(path, stop_before_pixels=True).file_meta
        assert meta.TransferSyntaxUID == syntax
        assert meta.MediaStorageSOPInstanceUID == ds.SOPInstanceUID
        assert meta.SourceApplicationEntityTitle == "PYNETDICOM"
        assert data_set_bytes(blob) == encode(ds, implicit, True)
    rows = api.rows_for_study(study.uid)
    assert len(rows) == 1 and rows[0]["status"] == "RECEIVING"


def test_storescu_study_in_several_associations(receiver, tmp_path):
    study = make_study([S(count=3), S(count=2), S(count=2)])
    sent = {}
    for series in study.series:
        folder = tmp_path / f"series{series.number}"
        folder.mkdir()
        for ds in series.datasets:
            blob = part10(ds)
            (folder / f"{ds.SOPInstanceUID}.dcm").write_bytes(blob)
            sent[ds.SOPInstanceUID] = data_set_bytes(blob)
        subprocess.run(
            ["storescu", "-aec", "XNAT", "-aet", "STORESCU", "127.0.0.1", str(receiver.dicom_port), "+sd", str(folder)],
            check=True,
            timeout=60,
        )
    files = wait_for(study.uid, receiver.data_dir, len(sent))
    assert set(files) == set(sent)
    for uid, (path, _) in files.items():
        assert data_set_bytes(path.read_bytes()) == sent[uid]
    sessions = {path.parents[3] for path, _ in files.values()}
    assert len(sessions) == 1


def test_storescu_whole_study_in_one_association(receiver, tmp_path):
    study = make_study([S(count=2), S(count=2)])
    for ds in study.datasets:
        (tmp_path / f"{ds.SOPInstanceUID}.dcm").write_bytes(part10(ds))
    subprocess.run(
        ["storescu", "-aec", "XNAT", "127.0.0.1", str(receiver.dicom_port), "+sd", str(tmp_path)], check=True, timeout=60
    )
    assert len(wait_for(study.uid, receiver.data_dir, 4)) == 4


def test_malformed_pdus_are_aborted_and_the_server_keeps_serving(receiver):
    for payload in [b"GET / HTTP/1.1\r\n\r\n", b"\x04\x00\xff\xff\xff\xff", b"\x01\x00\x00\x00\x00\x10" + b"\x00" * 16]:
        with socket.create_connection(("127.0.0.1", receiver.dicom_port), timeout=10) as sock:
            sock.sendall(payload)
            answer = sock.recv(64)
            assert answer[:1] == b"\x07", answer  # A-ABORT
            assert sock.recv(64) == b""  # then the connection is closed
    subprocess.run(["echoscu", "-aec", "XNAT", "127.0.0.1", str(receiver.dicom_port)], check=True, timeout=30)


def test_unknown_called_ae_is_rejected(receiver):
    ae = AE(ae_title="PYNETDICOM")
    ae.add_requested_context("1.2.840.10008.1.1")
    assoc = ae.associate("127.0.0.1", receiver.dicom_port, ae_title="NOTXNAT")
    assert assoc.is_rejected


def test_rest_receiver_with_allow_list_and_routing(receiver, api):
    api.create_project("ROUTED")
    port = free_port()
    body = {
        "aeTitle": "ROUTER",
        "port": port,
        "whitelistEnabled": True,
        "whitelist": ["ALLOWED"],
        "routingExpressionsEnabled": True,
        "projectRoutingExpression": "(0008,0050):^[0-9]{4}(.*)",
    }
    response = api.http.post(api.url("/xapi/dicomscp"), json=body)
    assert response.status_code == 200, response.text
    created = response.json()
    assert created["id"] > 0 and created["aeTitle"] == "ROUTER" and created["enabled"] is True
    assert any(r["id"] == created["id"] for r in api.http.get(api.url("/xapi/dicomscp")).json())

    ae = AE(ae_title="INTRUDER")
    ae.add_requested_context("1.2.840.10008.1.1")
    assoc = ae.associate("127.0.0.1", port, ae_title="ROUTER")
    assert assoc.is_rejected
    assert assoc.acceptor.primitive.diagnostic == 3  # calling AE title not recognized

    study = make_study([S(count=2)], accession_number="1234ROUTED")
    ae = AE(ae_title="ALLOWED")
    ae.add_requested_context(MR, ExplicitVRLittleEndian)
    assoc = ae.associate("127.0.0.1", port, ae_title="ROUTER")
    assert assoc.is_established
    assert [assoc.send_c_store(ds).Status for ds in study.datasets] == [0, 0]
    assoc.release()
    assert len(api.rows_for_study(study.uid, "ROUTED")) == 1

    # Disabling stops the listener at once; deleting removes it.
    response = api.http.put(api.url(f"/xapi/dicomscp/{created['id']}"), json={"enabled": False})
    assert response.status_code == 200 and response.json()["enabled"] is False
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
    assert api.http.delete(api.url(f"/xapi/dicomscp/{created['id']}")).status_code == 200
    assert api.http.get(api.url(f"/xapi/dicomscp/{created['id']}")).status_code == 404
    assert api.http.post(api.url("/xapi/dicomscp"), json={"aeTitle": "BAD\\AE", "port": port}).status_code == 400
