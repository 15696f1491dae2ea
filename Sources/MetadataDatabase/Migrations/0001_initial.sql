-- Migration 0001: the schema version record and the site this server reports.
-- Applied by MigrationRunner inside one transaction. Statements end with ';' at the end of a line.

CREATE TABLE schema_version (
    version    INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    applied_at TEXT    NOT NULL
);

-- One row: XNAT's site ID (`siteId` site preference), reported to clients.
CREATE TABLE site (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    site_id TEXT    NOT NULL
);

INSERT INTO site (id, site_id) VALUES (1, 'SLUICE');
