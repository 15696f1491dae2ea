-- Migration 0009: DICOM receivers (C-STORE SCPs) managed through `/xapi/dicomscp`, with XNAT's DicomSCPInstance
-- fields plus Sluice's default project. The receiver configured by `--dicom-port`/`--ae-title` is not stored here.
-- Applied by MigrationRunner inside one transaction. Statements end with ';' at the end of a line.

-- Booleans are 0 or 1. `whitelist` holds the calling AE titles, one per line. The routing expressions are §3.4
-- rules, one per line, used when `routing_expressions_enabled` is 1.
CREATE TABLE dicom_receivers (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    ae_title                    TEXT    NOT NULL,
    port                        INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
    enabled                     INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    custom_processing           INTEGER NOT NULL DEFAULT 0,
    direct_archive              INTEGER NOT NULL DEFAULT 0,
    anonymization_enabled       INTEGER NOT NULL DEFAULT 0,
    whitelist_enabled           INTEGER NOT NULL DEFAULT 0,
    whitelist                   TEXT    NOT NULL DEFAULT '',
    routing_expressions_enabled INTEGER NOT NULL DEFAULT 0,
    project_routing_expression  TEXT    NOT NULL DEFAULT '',
    subject_routing_expression  TEXT    NOT NULL DEFAULT '',
    session_routing_expression  TEXT    NOT NULL DEFAULT '',
    default_project             TEXT    NOT NULL DEFAULT ''
);
