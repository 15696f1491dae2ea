-- Migration 0011: `Direct-Archive=true` sessions (xnat-import-spec.md §2.7). Sluice stages them in the prearchive
-- tree, hidden from prearchive listings, and archives them when they are idle or asked to; a failed one becomes a
-- normal ERROR or CONFLICT prearchive session and the flag is cleared.
-- Applied by MigrationRunner inside one transaction. Statements end with ';' at the end of a line.
ALTER TABLE prearchive_sessions ADD COLUMN direct_archive INTEGER NOT NULL DEFAULT 0 CHECK (direct_archive IN (0, 1));
