-- Migration 0003: the prearchive table (XNAT's xdat_search.prearchive, xnat-import-spec.md §4.2).
-- Applied by MigrationRunner inside one transaction. Statements end with ';' at the end of a line.

-- One row per prearchive session, keyed by (timestamp, project, folder_name) like XNAT's `prearchive_study`.
-- Unassigned is stored as the project '' rather than NULL, because SQLite treats NULLs as distinct in a UNIQUE key.
-- Times are milliseconds since 1970 (UTC). `status` is a PrearchiveStatus name; `autoarchive` a PrearchiveCode name.
CREATE TABLE prearchive_sessions (
    project             TEXT    NOT NULL,
    timestamp           TEXT    NOT NULL,
    folder_name         TEXT    NOT NULL,
    last_modified       INTEGER NOT NULL,
    uploaded            INTEGER,
    scan_date           TEXT,
    scan_time           TEXT,
    subject             TEXT,
    name                TEXT    NOT NULL,
    tag                 TEXT,
    status              TEXT    NOT NULL,
    autoarchive         TEXT,
    prevent_anon        INTEGER NOT NULL DEFAULT 0 CHECK (prevent_anon IN (0, 1)),
    prevent_auto_commit INTEGER NOT NULL DEFAULT 0 CHECK (prevent_auto_commit IN (0, 1)),
    source              TEXT,
    visit               TEXT,
    protocol            TEXT,
    timezone            TEXT,
    PRIMARY KEY (timestamp, project, folder_name)
);

-- Finding the earlier uploads of a study under the same label (§2.1 step 6).
CREATE INDEX prearchive_sessions_by_study ON prearchive_sessions (project, tag, name);

-- The build and archive queues look sessions up by status.
CREATE INDEX prearchive_sessions_by_status ON prearchive_sessions (status, last_modified);
