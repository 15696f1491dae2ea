-- Migration 0004: the archive's subjects and experiments (xnat-import-spec.md §6) and their ID counters.
-- Applied by MigrationRunner inside one transaction. Statements end with ';' at the end of a line.

-- Subjects (xnat:subjectData). `id` is `<site ID>_S00001`; labels are unique in a project ignoring ASCII case.
-- Times are milliseconds since 1970 (UTC). NOT NULL on the keys, because SQLite lets a TEXT PRIMARY KEY be NULL.
CREATE TABLE subjects (
    id         TEXT    NOT NULL PRIMARY KEY,
    project    TEXT    NOT NULL REFERENCES projects (id),
    label      TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);

-- Also the conflict target of createSubject's INSERT … ON CONFLICT DO NOTHING.
CREATE UNIQUE INDEX subjects_by_label ON subjects (project, label COLLATE NOCASE);

-- Archived image sessions (xnat:imageSessionData). `id` is `<site ID>_E00001`; `label` is also the folder name.
-- `data_type` is the xsi:type; `uid` the StudyInstanceUID; `date` the session date (yyyy-MM-dd).
CREATE TABLE experiments (
    id            TEXT    NOT NULL PRIMARY KEY,
    project       TEXT    NOT NULL REFERENCES projects (id),
    subject_id    TEXT    NOT NULL REFERENCES subjects (id),
    label         TEXT    NOT NULL,
    data_type     TEXT    NOT NULL,
    uid           TEXT,
    date          TEXT,
    quarantined   INTEGER NOT NULL DEFAULT 0 CHECK (quarantined IN (0, 1)),
    created_at    INTEGER NOT NULL,
    last_modified INTEGER NOT NULL
);

CREATE UNIQUE INDEX experiments_by_label ON experiments (project, label COLLATE NOCASE);

-- A subject's experiments; also keeps the foreign key check cheap.
CREATE INDEX experiments_by_subject ON experiments (subject_id);

-- Finding the experiment a StudyInstanceUID was archived into.
CREATE INDEX experiments_by_uid ON experiments (uid);

-- The last number handed out per kind of ID. Allocation is one `UPDATE … SET last = last + 1 … RETURNING last`,
-- so numbers are never reused, even after a delete or when the ID goes unused.
CREATE TABLE id_counters (
    kind TEXT    PRIMARY KEY CHECK (kind IN ('subject', 'experiment')),
    last INTEGER NOT NULL
);

INSERT INTO id_counters (kind, last) VALUES ('subject', 0), ('experiment', 0);
