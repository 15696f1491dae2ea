-- Migration 0010: requests of the `inbox` import handler (xnat-import-spec.md §2.5), polled at /xapi/dicom/{id}.
-- Applied by MigrationRunner inside one transaction. Statements end with ';' at the end of a line.

-- One row per request. `status` is XNAT's DicomInboxImportRequest.Status name; `parameters` the request's import
-- parameters as a JSON object; `resolution` what happened (the URIs made, or why it failed). Times are milliseconds
-- since 1970 (UTC): `created` when it was queued, `updated` when its status last changed.
CREATE TABLE inbox_requests (
    id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    username     TEXT    NOT NULL,
    session_path TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('Queued', 'Importing', 'Completed', 'Failed')),
    cleanup      INTEGER NOT NULL CHECK (cleanup IN (0, 1)),
    parameters   TEXT    NOT NULL DEFAULT '{}',
    resolution   TEXT    NOT NULL DEFAULT '',
    created      INTEGER NOT NULL,
    updated      INTEGER NOT NULL
);

-- A user's requests, newest first.
CREATE INDEX inbox_requests_by_user ON inbox_requests (username, created);
