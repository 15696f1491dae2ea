"""I/O errors other than a full disk (reliability §4.5, R6), injected by strace: every `rename` fails with EIO
(SQLite in WAL mode never renames, so the database keeps working and reads still answer), or every `fsync` does
(SQLite's commits too). Uploads are refused (a 5xx with a plain-text message, never 2xx), nothing of them is left,
the earlier session keeps its bytes, and `sluice verify` is clean afterwards.

Skipped when strace is missing or cannot trace here (CI installs it).
"""
import subprocess

import pytest
import requests

import corpus
from conftest import SERVER_ADMIN_PASSWORD, sluice_binary, start_server
from dicom_factory import S, make_study, part10, zip_bytes
import traced_server

AUTH = ("admin", SERVER_ADMIN_PASSWORD)


pytestmark = traced_server.requires_strace


def _shim(tmp_path, calls):
    """An executable running the real `sluice` with every call of `calls` failing with EIO."""
    options = f"-qq -o /dev/null -e trace={calls} -e inject={calls}:error=EIO"
    return traced_server.shim(tmp_path, "sluice-with-faults", options)


def _post(server, data, content_type, **params):
    return requests.post(
        f"{server.base_url}/data/services/import",
        params={"PROJECT_ID": "IOERR", **params},
        data=data,
        headers={"Content-Type": content_type},
        auth=AUTH,
        timeout=60,
    )


@pytest.mark.parametrize("calls", ["rename,renameat,renameat2", "fsync"])
def test_an_io_error_refuses_uploads_and_keeps_what_was_there(tmp_path, monkeypatch, calls):
    data_dir = tmp_path / "data"
    real_binary = sluice_binary()
    # The prior session goes in before any fault, on a clean server using the same data folder.
    server = start_server(data_dir, {"SLUICE_ADMIN_PASSWORD": SERVER_ADMIN_PASSWORD})
    try:
        assert requests.put(f"{server.base_url}/data/projects/IOERR", auth=AUTH).status_code == 200
        prior = _post(server, zip_bytes(make_study([S("MR", 2)], patient_id="PRIOR").files()), "application/zip")
        assert prior.status_code == 200, prior.text
    finally:
        assert server.stop() == 0, server.stderr
    before = corpus.snapshot(data_dir)

    monkeypatch.setenv("SLUICE_BIN", str(_shim(tmp_path, calls)))
    server = start_server(data_dir, {"SLUICE_ADMIN_PASSWORD": SERVER_ADMIN_PASSWORD}, timeout=120)
    try:
        faulty = make_study([S("MR", 3)], patient_id="FAULTY")
        for refused in (
            _post(server, zip_bytes(faulty.files()), "application/zip"),
            _post(server, part10(faulty.datasets[0]), "application/dicom", **{"import-handler": "gradual-DICOM"}),
        ):
            assert refused.status_code >= 500, refused.text
            assert refused.headers["Content-Type"].startswith("text/plain"), refused.headers
            assert refused.text.strip(), "a refusal names its reason"
        listed = requests.get(f"{server.base_url}/data/prearchive/projects/IOERR?format=json", auth=AUTH, timeout=30)
        if calls == "fsync":
            # SQLite's own commits fail too (a login is recorded): the server answers, but maybe not 200.
            assert listed.status_code in (200, 500, 507), listed.text
        else:
            assert listed.status_code == 200
            assert "PRIOR" in listed.text and "FAULTY" not in listed.text
    finally:
        traced_server.stop(server)
    assert corpus.snapshot(data_dir) == before
    verified = subprocess.run(
        [str(real_binary), "verify", "--data-dir", str(data_dir)], capture_output=True, text=True, timeout=120
    )
    assert verified.returncode == 0, verified.stdout + verified.stderr
