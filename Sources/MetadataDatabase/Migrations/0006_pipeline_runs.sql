-- Migration 0006: runs of the site's AutoRun actions after archiving (xnat-import-spec.md §6.6).
-- Applied by MigrationRunner inside one transaction. Statements end with ';' at the end of a line.

-- One row per action per archived session. `id` is a random UUID; `action` is 'command' or 'webhook' and `target`
-- its path or URL. Times are milliseconds since 1970 (UTC); `finished_at` is NULL while the run is RUNNING.
-- `detail` is the exit status and output tail, the HTTP status, or why the action could not run.
-- Runs go with their experiment.
CREATE TABLE pipeline_runs (
    id            TEXT    NOT NULL PRIMARY KEY,
    experiment_id TEXT    NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
    action        TEXT    NOT NULL CHECK (action IN ('command', 'webhook')),
    target        TEXT    NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('RUNNING', 'COMPLETE', 'FAILED')),
    started_at    INTEGER NOT NULL,
    finished_at   INTEGER,
    detail        TEXT    NOT NULL DEFAULT ''
);

-- An experiment's runs in order; also keeps the foreign key check cheap.
CREATE INDEX pipeline_runs_by_experiment ON pipeline_runs (experiment_id, started_at);
