"""A Python replay of the XNAT Desktop Client upload conversation (xnat-clients §5, desktop_client_replay trace).

Login with `GET /data/auth` (Basic) must set `JSESSIONID` and `SESSION_EXPIRATION_TIME`; then every series goes
up as its own zip — streamed with `Transfer-Encoding: chunked` and data descriptors, or buffered — with the
client's exact query string, Basic auth and a hand-built `Cookie` header, all into ONE prearchive session;
finally `POST <uri>?action=commit&SOURCE=uploader` with the JSON body `{}` answers 200 with the prearchive URI.
"""
import re

import pytest
import requests

from dicom_factory import S, make_study, streamed_zip_chunks, template_name, zip_bytes
from prearchive_client import ADMIN, NS, PrearchiveSession, expected_paths, scans, stored_uids

CSRF_PATTERN = re.compile(r"var csrfToken = ['\"](.+?)['\"];")
USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) XNATDesktopClient/1.1.6 Electron/8.5.5"
)
ACCEPT = "application/json, text/plain, */*"


@pytest.fixture(scope="module")
def api(sluice_api):
    sluice_api.create_project("DESKTOP")
    return sluice_api


class DesktopClient:
    def __init__(self, api):
        self.api = api
        self.cookie = None
        self.csrf = None

    def get(self, path):
        return requests.get(
            self.api.url(path),
            auth=ADMIN,
            headers={"Accept": ACCEPT, "User-Agent": USER_AGENT, **self.cookies()},
            timeout=30,
        )

    def cookies(self):
        return {"Cookie": self.cookie} if self.cookie else {}

    def login(self):
        response = requests.get(self.api.url("/data/auth"), auth=ADMIN, headers={"Accept": ACCEPT}, timeout=30)
        assert response.status_code == 200, response.text
        session_id = response.cookies.get("JSESSIONID")
        expiration = response.cookies.get("SESSION_EXPIRATION_TIME")
        assert session_id and expiration, "[No JSESSIONID Cookie]"
        self.cookie = f"JSESSIONID={session_id}; SESSION_EXPIRATION_TIME={expiration};"
        # The client reads the CSRF token from the home page and aborts the upload without one.
        home = self.get("/")
        assert home.status_code == 200, home.text
        match = CSRF_PATTERN.search(home.text)
        assert match, "no csrfToken on the home page: the Desktop Client would force a new login"
        self.csrf = match.group(1)

    def upload(self, project, subject, label, body):
        query = (
            f"import-handler=DICOM-zip&PROJECT_ID={project}&SUBJECT_ID={subject}&EXPT_LABEL={label}"
            f"&overwrite=none&rename=true&prevent_anon=true&prevent_auto_commit=true&SOURCE=uploader"
            f"&autoArchive=AutoArchive&XNAT_CSRF={self.csrf}"
        )
        return requests.post(
            self.api.url(f"/data/services/import?{query}"),
            data=body,
            auth=ADMIN,
            headers={
                "Content-Type": "application/zip",
                "Accept": "*/*",
                "Connection": "keep-alive",
                "Keep-Alive": "timeout=60",
                "User-Agent": USER_AGENT,
                **self.cookies(),
            },
            allow_redirects=False,
            timeout=120,
        )

    def commit(self, uri):
        return requests.post(
            self.api.url(f"{uri}?action=commit&SOURCE=uploader&XNAT_CSRF={self.csrf}"),
            json={},
            auth=ADMIN,
            headers={"Accept": "*/*", "User-Agent": USER_AGENT, **self.cookies()},
            allow_redirects=False,
            timeout=120,
        )


def streamed(entries):
    """A generator body: requests sends it with Transfer-Encoding: chunked."""

    def chunks():
        yield from streamed_zip_chunks(entries)

    return chunks()


@pytest.mark.parametrize("mode", ["streamed", "buffered"])
def test_the_desktop_client_uploads_each_series_into_one_session_and_commits(api, mode):
    label = f"SUBJ01_MR_{mode.upper()}"
    study = make_study([S("MR", 3, number=1), S("MR", 2, number=2), S("MR", 2, number=301)], patient_id="ANON")
    client = DesktopClient(api)
    client.login()

    assert client.get("/data/projects/DESKTOP/prearchive_code").text == "0"
    assert client.get("/data/prearchive/projects/DESKTOP").json()["ResultSet"]["Result"] is not None

    answers = []
    for series in study.series:
        # Flat entry names: the client zips anonymised copies by their base names.
        entries = study.series_files(series, name=lambda ds: f"{ds.SOPInstanceUID}.dcm")
        body = streamed(entries) if mode == "streamed" else zip_bytes(entries)
        response = client.upload("DESKTOP", "SUBJ01", label, body)
        if mode == "streamed":
            assert response.request.headers.get("Transfer-Encoding") == "chunked"
            assert "Content-Length" not in response.request.headers
        assert response.status_code == 200, response.text
        assert response.text.endswith("\r\n")
        answers.append(response.text.strip())
        assert client.get("/xapi/siteConfig/buildInfo").status_code == 200
    assert len(set(answers)) == 1, answers
    session = PrearchiveSession.parse(answers[-1])
    assert (session.project, session.folder) == ("DESKTOP", label)
    assert stored_uids(api.directory(session)) == expected_paths(study, name=template_name)

    [row] = [
        row
        for row in client.get("/data/prearchive/projects/DESKTOP").json()["ResultSet"]["Result"]
        if row["folderName"] == label
    ]
    assert row["status"] == "RECEIVING"
    assert row["SOURCE"] == "uploader"

    commit = client.commit(answers[-1])
    assert commit.status_code == 200, commit.text
    assert "/data/prearchive/projects/" in commit.text
    assert session.uri in commit.text
    assert "Location" not in commit.headers

    row = api.row(session)
    assert row["status"] == "READY"
    assert (row["subject"], row["name"]) == ("SUBJ01", label)
    assert str(row["prevent_anon"]).lower() == str(row["prevent_auto_commit"]).lower() == "true"
    root = api.session_xml(session)
    assert root.get("label") == label
    assert root.findtext("xnat:subject_ID", namespaces=NS) == "SUBJ01"
    assert sorted(scans(root), key=int) == ["1", "2", "301"]


def test_uploads_with_only_the_session_cookie_work_too(api):
    # The cookie the login set is enough by itself (the client's Cookie header carries it on every upload).
    study = make_study([S("MR", 2, number=1)])
    client = DesktopClient(api)
    client.login()
    response = requests.post(
        api.url(
            "/data/services/import?import-handler=DICOM-zip&PROJECT_ID=DESKTOP&SUBJECT_ID=S2&EXPT_LABEL=COOKIE_ONLY"
            "&rename=true&SOURCE=uploader"
        ),
        data=streamed(study.files()),
        headers={"Content-Type": "application/zip", "Cookie": client.cookie},
        timeout=120,
    )
    assert response.status_code == 200, response.text
    session = PrearchiveSession.parse(response.text.strip())
    assert stored_uids(api.directory(session)) == expected_paths(study, name=template_name)
