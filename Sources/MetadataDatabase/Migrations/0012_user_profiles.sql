-- Migration 0012: user profiles (XNAT's `/xapi/users` fields) and login state for the lockout (issue 8).
-- Applied by MigrationRunner inside one transaction. Statements end with ';' at the end of a line.

-- Profile fields; existing accounts get empty names and e-mail and stay enabled.
ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';

ALTER TABLE users ADD COLUMN first_name TEXT NOT NULL DEFAULT '';

ALTER TABLE users ADD COLUMN last_name TEXT NOT NULL DEFAULT '';

-- A disabled user cannot log in by password, token or session.
ALTER TABLE users ADD COLUMN enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1));

-- Failed password logins in a row; reaching the configured maximum sets `locked_until` and starts the count again.
ALTER TABLE users ADD COLUMN failed_login_count INTEGER NOT NULL DEFAULT 0;

-- Times in milliseconds since 1970 (UTC); NULL when never locked / never logged in.
ALTER TABLE users ADD COLUMN locked_until INTEGER;

ALTER TABLE users ADD COLUMN last_successful_login INTEGER;
