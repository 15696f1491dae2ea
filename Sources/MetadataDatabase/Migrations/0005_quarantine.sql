-- Migration 0005: a project's quarantine code (XNAT's arc spec `quarantineCode`): 1 puts every session archived
-- into the project in quarantine until an owner releases it; 0 (the default) does not.
-- Applied by MigrationRunner inside one transaction. Statements end with ';' at the end of a line.

ALTER TABLE projects ADD COLUMN quarantine_code INTEGER NOT NULL DEFAULT 0 CHECK (quarantine_code IN (0, 1));
