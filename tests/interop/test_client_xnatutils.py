"""The real xnatutils 0.10.0 `xnat-put` (the console script in this venv) against Sluice: xnat-clients §4 and
scenario E6.

`xnat-put` logs in with the full xnatpy model, looks the session up by label across the whole site, creates
subject/session (`--create_session`), scan and resource, uploads (`--method per_file`: one PUT per file; default
`tgz_file`: one `upload.tar.gz?extract=true` whose tar has a `/` root member), then checks every file's MD5
against the `digest` of `GET <resource>/files` (no `format`: the answer must be JSON). The password comes from
`XNAT_PASS` and HOME is a fresh folder, so no alias token is issued and no `~/.netrc` is read or written.

xnat-put prints usage and response errors and still exits 0, so each test checks its output as well.
"""
import gzip
import pathlib

import pytest
import requests

import real_clients as rc
from prearchive_client import ADMIN

DB_FILES = ("sluice.sqlite", "sluice.sqlite-wal", "sluice.sqlite-shm")


@pytest.fixture(scope="module")
def module_server(tmp_path_factory):
    """conftest's module server, with debug logs so a test can see the requests the client made."""
    yield from rc.running_server(tmp_path_factory)


@pytest.fixture
def project(sluice_api):
    return rc.new_project(sluice_api, "XUT")


@pytest.fixture
def home(tmp_path):
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def xnat_put(server, home, *args, cwd):
    """`xnat-put ARGS --server URL --user admin` with XNAT_PASS and HOME=`home`."""
    env = rc.client_env(home, XNAT_PASS=rc.PASSWORD)
    return rc.run_script("xnat-put", *args, "--server", server.base_url, "--user", rc.USER, env=env, cwd=cwd)


def nifti_gz(path, seed=1):
    """A small gzip file standing in for a NIfTI image."""
    path = pathlib.Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(bytes((seed * 31 + i) % 256 for i in range(2048)), mtime=0))
    return path


def resource_files(server, session_label, scan, resource):
    """Name → (Size, digest) of a resource's files, over REST (site-wide lookup of the session by label)."""
    listing = requests.get(server.base_url + "/data/experiments", params={"format": "json"}, auth=ADMIN,
                           timeout=30)
    assert listing.status_code == 200, listing.text
    [row] = [row for row in listing.json()["ResultSet"]["Result"] if row["label"] == session_label]
    response = requests.get(
        f"{server.base_url}/data/experiments/{row['ID']}/scans/{scan}/resources/{resource}/files",
        params={"format": "json"}, auth=ADMIN, timeout=30,
    )
    assert response.status_code == 200, response.text
    return {entry["Name"]: (entry["Size"], entry["digest"]) for entry in response.json()["ResultSet"]["Result"]}


def new_paths(before, after):
    """Paths in `after` that were not in `before` or changed, the database files aside."""
    return sorted(path for path, digest in after.items() if before.get(path) != digest and path not in DB_FILES)


def assert_no_token_or_netrc(server, since, home):
    assert not (home / ".netrc").exists()
    assert not [path for _, path, _ in rc.handled(server, since) if path.startswith("/data/services/tokens")]


def test_e6_per_file_upload_with_create_session(module_server, project, home, tmp_path):
    """E6: `xnat-put SESSION t1w t1.nii.gz --create_session --method per_file` creates subject, session, scan and
    the NIFTI_GZ resource, uploads the file with one PUT, and its digest check passes."""
    server, since = module_server, rc.mark(module_server)
    image = nifti_gz(tmp_path / "data" / "t1.nii.gz")
    session = f"{project}_SUBJ05_MR1"
    result = xnat_put(server, home, session, "t1w", image, "--project_id", project, "--subject_id", "SUBJ05",
                      "--create_session", "--method", "per_file", cwd=tmp_path)
    assert result.returncode == 0 and "ERROR" not in result.stdout, rc.explain(result) + str(rc.unexpected(
        server, since))
    assert f"Successfully checked digest for {session}:t1w" in result.stdout, rc.explain(result)
    assert resource_files(server, session, "t1w", "NIFTI_GZ") == {
        "t1.nii.gz": (str(image.stat().st_size), rc.md5_bytes(image.read_bytes()))
    }
    assert_no_token_or_netrc(server, since, home)
    assert rc.unexpected(server, since) == []


def test_e6_directory_upload_default_method(module_server, project, home, tmp_path):
    """E6: a directory with the default method goes up as one `upload.tar.gz?extract=true` (root member `/`); the
    files land in the resource with their names, and the digest check passes."""
    server, since = module_server, rc.mark(module_server)
    folder = tmp_path / "images"
    sent = [nifti_gz(folder / f"echo{n}.nii.gz", seed=n) for n in (1, 2, 3)]
    session = f"{project}_SUBJ06_MR1"
    result = xnat_put(server, home, session, "t1w", folder, "--project_id", project, "--subject_id", "SUBJ06",
                      "--create_session", "--resource_name", "NIFTI_GZ", cwd=tmp_path)
    assert result.returncode == 0 and "ERROR" not in result.stdout, rc.explain(result) + str(rc.unexpected(
        server, since))
    assert f"Successfully checked digest for {session}:t1w" in result.stdout, rc.explain(result)
    assert resource_files(server, session, "t1w", "NIFTI_GZ") == {
        path.name: (str(path.stat().st_size), rc.md5_bytes(path.read_bytes())) for path in sent
    }
    file_puts = [path for method, path, _ in rc.handled(server, since) if method == "PUT" and "/files/" in path]
    assert [path.rsplit("/files/", 1)[1] for path in file_puts] == ["upload.tar.gz"], file_puts
    assert_no_token_or_netrc(server, since, home)
    assert rc.unexpected(server, since) == []


def test_e6_single_file_default_method_sends_only_a_symlink(module_server, project, home, tmp_path):
    """E6 / §4 surprise: one file with the default method goes up as a tar holding only `/` and a symlink to the
    local file (no data). Sluice must refuse it with a 4xx or skip the symlink — never a 5xx, never a link or a
    file outside the resource folder — and keep serving; xnat-put then cannot verify a digest."""
    server, since = module_server, rc.mark(module_server)
    image = nifti_gz(tmp_path / "data" / "t1.nii.gz")
    original = image.read_bytes()
    data_dir = pathlib.Path(server.data_dir)
    before = rc.tree(data_dir)
    session = f"{project}_SUBJ07_MR1"

    result = xnat_put(server, home, session, "t1w", image, "--project_id", project, "--subject_id", "SUBJ07",
                      "--create_session", cwd=tmp_path)
    assert f"Successfully checked digest for {session}:t1w" not in result.stdout, rc.explain(result)

    uploads = [(path, status) for method, path, status in rc.handled(server, since)
               if method == "PUT" and path.endswith("/files/upload.tar.gz")]
    assert len(uploads) == 1, rc.handled(server, since)
    [(upload_path, status)] = uploads
    assert status < 500 and (status == 200 or 400 <= status < 500), (upload_path, status)

    after = rc.tree(data_dir)
    assert not [path for path, digest in after.items() if digest.startswith("symlink")], after
    session_folder = f"archive/{project}/arc001/{session}/"
    outside = [path for path in new_paths(before, after) if not path.startswith(session_folder)]
    assert outside == [], outside
    inside = [path for path in new_paths(before, after) if path.startswith(session_folder)]
    assert not [path for path in inside if path.endswith("t1.nii.gz")], inside
    assert image.read_bytes() == original
    assert resource_files(server, session, "t1w", "NIFTI_GZ") == {}
    assert requests.get(server.base_url + "/data/auth", auth=ADMIN, timeout=30).status_code == 200
