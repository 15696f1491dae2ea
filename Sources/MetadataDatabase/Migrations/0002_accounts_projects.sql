-- Migration 0002: user accounts, their login sessions (JSESSIONID), and projects.
-- Applied by MigrationRunner inside one transaction. Statements end with ';' at the end of a line.

-- One row per account. Passwords are stored only as bcrypt hashes. Logins are case-sensitive, as in XNAT.
CREATE TABLE users (
    login            TEXT    PRIMARY KEY,
    password_hash    TEXT    NOT NULL,
    is_administrator INTEGER NOT NULL DEFAULT 0 CHECK (is_administrator IN (0, 1)),
    created_at       TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Server-side login sessions; `id` is the JSESSIONID cookie value. Times are milliseconds since 1970 (UTC).
-- `expires_at` moves forward while the session is used; expired rows are removed when a session starts.
CREATE TABLE login_sessions (
    id         TEXT    PRIMARY KEY,
    login      TEXT    NOT NULL REFERENCES users (login) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);

CREATE INDEX login_sessions_by_expiry ON login_sessions (expires_at);

CREATE INDEX login_sessions_by_login ON login_sessions (login);

-- XNAT projects (xnat:projectData) with their prearchive code: 0 manual, 4 auto-archive, 5 auto-archive overwrite.
CREATE TABLE projects (
    id              TEXT    PRIMARY KEY,
    secondary_id    TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    description     TEXT    NOT NULL DEFAULT '',
    pi_first_name   TEXT    NOT NULL DEFAULT '',
    pi_last_name    TEXT    NOT NULL DEFAULT '',
    prearchive_code INTEGER NOT NULL DEFAULT 0 CHECK (prearchive_code IN (0, 4, 5)),
    created_at      TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
