"""Accounts (issue 8): users through `/xapi/users` and `sluice user`, Basic and form logins, the lockout after
failed logins, disabled accounts, and listing alias tokens (`/data/services/tokens/show`).

Most tests share one `sluice serve` (`module_server`); the lockout test runs its own server with a short lockout
(`SLUICE_MAX_FAILED_LOGINS=3`, `SLUICE_LOCKOUT_SECONDS=2`), and `sluice user` runs against its data directory
while it runs and after it stopped.
"""
import os
import subprocess
import time

import pytest
import requests

from conftest import SERVER_ADMIN_PASSWORD, sluice_binary, start_server

ADMIN = ("admin", SERVER_ADMIN_PASSWORD)
FAILED = "Login attempt failed. Please try again."


def run_sluice(*args, password=None, stdin=None):
    """Runs `sluice ARGS...` with the password in SLUICE_USER_PASSWORD (or on standard input)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("SLUICE_")}
    if password is not None:
        env["SLUICE_USER_PASSWORD"] = password
    return subprocess.run(
        [str(sluice_binary()), *args], input=stdin, capture_output=True, text=True, timeout=60, env=env
    )


def auth_check(base, auth):
    return requests.get(base + "/data/auth", auth=auth)


def form_login(base, login, password):
    return requests.put(base + "/data/services/auth", data={"username": login, "password": password})


def test_an_administrator_creates_a_user_who_logs_in_both_ways(module_server):
    base = module_server.base_url
    body = {"username": "jane", "password": "jane-pw", "email": "jane@example.org", "firstName": "Jane",
            "lastName": "Doe"}
    created = requests.post(base + "/xapi/users", json=body, auth=ADMIN)
    assert created.status_code == 201, created.text
    assert created.json()["username"] == "jane" and created.json()["enabled"] is True
    assert "password" not in created.json()
    assert requests.post(base + "/xapi/users", json=body, auth=ADMIN).status_code == 409
    assert requests.post(base + "/xapi/users", json={"username": "nopw"}, auth=ADMIN).status_code == 400
    assert requests.post(base + "/xapi/users", json=body, auth=("jane", "jane-pw")).status_code == 403

    assert auth_check(base, ("jane", "jane-pw")).text == "User 'jane' is logged in"
    form = form_login(base, "jane", "jane-pw")
    assert form.status_code == 200 and "JSESSIONID" in form.cookies
    cookie = requests.get(base + "/data/auth", cookies={"JSESSIONID": form.text})
    assert cookie.status_code == 200

    assert requests.get(base + "/xapi/users/username", auth=("jane", "jane-pw")).text == "jane"
    own = requests.get(base + "/xapi/users/jane", auth=("jane", "jane-pw")).json()
    assert own["email"] == "jane@example.org" and own["lastSuccessfulLogin"] is not None
    assert requests.get(base + "/xapi/users/admin", auth=("jane", "jane-pw")).status_code == 403
    logins = requests.get(base + "/xapi/users", auth=ADMIN).json()
    assert "jane" in logins and "admin" in logins

    changed = requests.put(base + "/xapi/users/jane", json={"password": "new-pw", "lastName": "Roe"}, auth=ADMIN)
    assert changed.status_code == 200 and changed.json()["lastName"] == "Roe"
    assert auth_check(base, ("jane", "jane-pw")).status_code == 401
    assert auth_check(base, ("jane", "new-pw")).status_code == 200


def test_disable_and_enable_over_rest(module_server):
    base = module_server.base_url
    assert requests.post(base + "/xapi/users", json={"username": "dora", "password": "dora-pw"},
                         auth=ADMIN).status_code == 201
    session = requests.Session()
    assert session.get(base + "/data/JSESSION", auth=("dora", "dora-pw")).status_code == 200
    token = requests.get(base + "/data/services/tokens/issue", auth=("dora", "dora-pw")).json()

    assert requests.put(base + "/xapi/users/dora/enabled/false", auth=ADMIN).status_code == 200
    basic = auth_check(base, ("dora", "dora-pw"))
    assert basic.status_code == 401 and "disabled" in basic.text
    assert basic.headers["Content-Type"].startswith("text/plain")
    form = form_login(base, "dora", "dora-pw")
    assert form.status_code == 401 and "disabled" in form.text
    assert session.get(base + "/data/auth").status_code == 401
    assert auth_check(base, (token["alias"], token["secret"])).status_code == 401
    assert requests.get(base + "/xapi/users/dora", auth=ADMIN).json()["enabled"] is False

    assert requests.put(base + "/xapi/users/dora/enabled/true", auth=ADMIN).status_code == 200
    assert auth_check(base, ("dora", "dora-pw")).status_code == 200


def test_tokens_are_listed_without_secrets(module_server):
    base = module_server.base_url
    assert requests.post(base + "/xapi/users", json={"username": "tim", "password": "tim-pw"},
                         auth=ADMIN).status_code == 201
    issued = [requests.get(base + "/data/services/tokens/issue", auth=("tim", "tim-pw")).json() for _ in range(2)]
    listed = requests.get(base + "/data/services/tokens/show", auth=("tim", "tim-pw"))
    assert listed.status_code == 200
    assert sorted(token["alias"] for token in listed.json()) == sorted(token["alias"] for token in issued)
    assert all("secret" not in token and token["xdatUserId"] == "tim" for token in listed.json())
    by_admin = requests.get(base + "/data/services/tokens/show/user/tim", auth=ADMIN)
    assert len(by_admin.json()) == 2
    assert requests.get(base + "/data/services/tokens/show/user/admin", auth=("tim", "tim-pw")).status_code == 403
    requests.get(base + f"/data/services/tokens/invalidate/{issued[0]['alias']}/x", auth=("tim", "tim-pw"))
    remaining = requests.get(base + "/data/services/tokens/show", auth=("tim", "tim-pw")).json()
    assert [token["alias"] for token in remaining] == [issued[1]["alias"]]


def test_the_cli_manages_users_with_the_server_running_and_stopped(module_server, tmp_path):
    base, data_dir = module_server.base_url, str(module_server.data_dir)
    added = run_sluice("user", "add", "carl", "--email", "carl@example.org", "--data-dir", data_dir, password="carl-pw")
    assert added.returncode == 0, added.stderr
    assert "carl-pw" not in added.stdout + added.stderr
    assert auth_check(base, ("carl", "carl-pw")).status_code == 200

    assert run_sluice("user", "passwd", "carl", "--password-stdin", "--data-dir", data_dir,
                      stdin="carl-pw-2\n").returncode == 0
    assert auth_check(base, ("carl", "carl-pw-2")).status_code == 200
    assert run_sluice("user", "disable", "carl", "--data-dir", data_dir).returncode == 0
    assert auth_check(base, ("carl", "carl-pw-2")).status_code == 401
    listing = run_sluice("user", "list", "--data-dir", data_dir)
    assert "carl\tuser\tdisabled\tcarl@example.org" in listing.stdout
    assert run_sluice("user", "enable", "carl", "--data-dir", data_dir).returncode == 0
    assert auth_check(base, ("carl", "carl-pw-2")).status_code == 200

    missing = run_sluice("user", "add", "nopw", "--data-dir", data_dir)
    assert missing.returncode != 0 and "SLUICE_USER_PASSWORD" in missing.stderr
    taken = run_sluice("user", "add", "carl", "--data-dir", data_dir, password="x")
    assert taken.returncode != 0 and "exists already" in taken.stderr

    # With no server running: a fresh data directory, then a server started on it sees the account.
    offline = tmp_path / "offline"
    assert run_sluice("user", "add", "olga", "--admin", "--data-dir", str(offline), password="olga-pw").returncode == 0
    server = start_server(offline, {"SLUICE_ADMIN_PASSWORD": SERVER_ADMIN_PASSWORD})
    try:
        assert requests.get(server.base_url + "/xapi/users", auth=("olga", "olga-pw")).status_code == 200
    finally:
        assert server.stop() == 0, server.stderr


@pytest.fixture
def lockout_server(tmp_path):
    running = start_server(tmp_path / "data", {
        "SLUICE_ADMIN_PASSWORD": SERVER_ADMIN_PASSWORD,
        "SLUICE_MAX_FAILED_LOGINS": "3",
        "SLUICE_LOCKOUT_SECONDS": "2",
    })
    yield running
    assert running.stop() == 0, running.stderr


def test_wrong_passwords_lock_the_account_until_the_lockout_ends(lockout_server):
    base = lockout_server.base_url
    assert requests.post(base + "/xapi/users", json={"username": "lee", "password": "lee-pw"},
                         auth=ADMIN).status_code == 201
    first = auth_check(base, ("lee", "wrong"))
    assert first.status_code == 401 and first.text == FAILED
    assert form_login(base, "lee", "wrong").text == FAILED
    third = auth_check(base, ("lee", "wrong"))
    assert third.status_code == 401 and "locked" in third.text
    assert "locked" in auth_check(base, ("lee", "lee-pw")).text
    assert "locked" in form_login(base, "lee", "lee-pw").text
    # An unknown login gets the same answers, so the lockout does not tell which logins exist.
    ghost = [auth_check(base, ("ghost", "wrong")).text for _ in range(3)]
    assert ghost[:2] == [FAILED, FAILED] and "locked" in ghost[2] and ghost[2] == third.text
    time.sleep(2.2)
    assert auth_check(base, ("lee", "lee-pw")).status_code == 200
    # The success reset the count: two more failures do not lock.
    auth_check(base, ("lee", "wrong"))
    auth_check(base, ("lee", "wrong"))
    assert auth_check(base, ("lee", "lee-pw")).status_code == 200


def test_an_unknown_or_ended_session_cookie_is_401(module_server):
    base = module_server.base_url
    response = requests.get(base + "/data/auth", cookies={"JSESSIONID": "0" * 32})
    assert response.status_code == 401
    assert response.text == "The request requires user authentication"
