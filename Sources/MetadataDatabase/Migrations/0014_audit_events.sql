-- Migration 0014: the audit log (issue 8): who imported, archived, moved, deleted, changed or downloaded what.
-- Applied by MigrationRunner inside one transaction. Statements end with ';' at the end of a line.

-- One row per request that changed something or downloaded files, after it was answered. `time` is milliseconds
-- since 1970 (UTC); `action` one of import, archive, move, delete, change, download; `target` the request path and
-- query; `status` the HTTP status answered.
CREATE TABLE audit_events (
    id     INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    time   INTEGER NOT NULL,
    login  TEXT    NOT NULL,
    action TEXT    NOT NULL,
    method TEXT    NOT NULL,
    target TEXT    NOT NULL,
    status INTEGER NOT NULL
);

CREATE INDEX audit_events_by_time ON audit_events (time);
