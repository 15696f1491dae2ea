"""A full disk (reliability §4.5, R6): the data folder on a small tmpfs, filled up with a filler file.

An upload that cannot be staged, or whose archive cannot be unpacked, is answered 507 with a plain-text message;
nothing of it is left (the snapshot of the data folder is unchanged but for the filler); reads keep working; and
once the filler is gone the same upload succeeds without a restart. Needs root (mount); skipped otherwise.
"""
import os
import pathlib
import subprocess
import zipfile
from copy import deepcopy

import pytest
import requests

import corpus
from conftest import SERVER_ADMIN_PASSWORD, start_server
from dicom_factory import S, make_study, part10, zip_bytes
from prearchive_client import ADMIN, Sluice, assert_error

MESSAGE = "Insufficient storage: the server's disk is full. Nothing of this request was kept; try again later."


@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "tmpfs"
    mount.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mount)], capture_output=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.fixture
def full_server(small_disk):
    server = start_server(small_disk / "data", {"SLUICE_ADMIN_PASSWORD": SERVER_ADMIN_PASSWORD})
    try:
        api = Sluice(server)
        api.create_project("FULL")
        api.import_one(zip_bytes(make_study([S("MR", 2)], patient_id="PRIOR").files()), PROJECT_ID="FULL")
        yield api
    finally:
        assert server.stop() == 0, server.stderr


def free_bytes(path):
    stats = os.statvfs(path)
    return stats.f_bavail * stats.f_frsize


def fill(mount, leave):
    """Writes `<mount>/filler` so that about `leave` bytes stay free; returns its path."""
    filler = pathlib.Path(mount) / "filler"
    size = max(0, free_bytes(mount) - leave)
    with open(filler, "wb") as out:
        block = b"\0" * (1 << 20)
        while size > 0:
            out.write(block[: min(size, len(block))])
            size -= min(size, len(block))
    return filler


LOW_NIBBLE = bytes(value & 0x0F for value in range(256))


def big_study(count, size, compressible):
    """`count` instances of one series with `size` bytes of pixel data each: random bytes, or random half-bytes
    (which deflate to a little over half their size, well within the compression-ratio limits)."""
    study = make_study([S("MR", count)], patient_id="FULL_" + ("Z" if compressible else "R"))
    files = []
    for ds in study.datasets:
        ds = deepcopy(ds)
        ds.Rows, ds.Columns = size // 1024, 512
        ds.PixelData = os.urandom(size).translate(LOW_NIBBLE) if compressible else os.urandom(size)
        files.append((f"{ds.SOPInstanceUID}.dcm", part10(ds)))
    return files


def without_filler(snapshot):
    return corpus.Snapshot({k: v for k, v in snapshot.files.items() if k != "filler"}, snapshot.rows)


def check_full_then_recovered(api, mount, body, leave):
    http = requests.Session()
    http.auth = ADMIN
    assert http.get(api.url("/data/projects")).status_code == 200  # a login session before the disk fills
    before = corpus.snapshot(api.data_dir)
    filler = fill(mount, leave)
    response = http.post(
        api.url("/data/services/import"),
        params={"PROJECT_ID": "FULL"},
        data=body,
        headers={"Content-Type": "application/zip"},
        timeout=60,
    )
    assert_error(response, 507, MESSAGE)
    after = corpus.snapshot(api.data_dir)
    assert without_filler(before) == without_filler(after), before.difference(after)
    assert not list((pathlib.Path(api.data_dir) / "staging").iterdir())
    listing = http.get(api.url("/data/prearchive/projects/FULL"))
    assert listing.status_code == 200, listing.text
    filler.unlink()
    again = http.post(
        api.url("/data/services/import"),
        params={"PROJECT_ID": "FULL"},
        data=body,
        headers={"Content-Type": "application/zip"},
        timeout=60,
    )
    assert again.status_code == 200, again.text


def test_an_upload_that_cannot_be_staged_is_507_and_the_server_recovers(full_server):
    body = zip_bytes(big_study(4, 1 << 20, compressible=False), compression=zipfile.ZIP_STORED)
    check_full_then_recovered(full_server, full_server.data_dir.parent, body, leave=1 << 20)


def test_an_archive_that_cannot_be_unpacked_is_507_and_the_server_recovers(full_server):
    body = zip_bytes(big_study(8, 2 << 20, compressible=True))
    assert len(body) < 10 << 20
    check_full_then_recovered(full_server, full_server.data_dir.parent, body, leave=12 << 20)
