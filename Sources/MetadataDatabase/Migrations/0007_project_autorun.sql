-- Migration 0007: per-project AutoRun webhooks (xnat-import-spec.md §6.6).
-- Applied by MigrationRunner inside one transaction. Statements end with ';' at the end of a line.

-- At most one webhook per project: an http(s) URL posted to, besides the site's webhook, after each session of the
-- project is archived with triggerPipelines. Projects cannot set commands. The webhook goes with its project.
CREATE TABLE project_autorun (
    project TEXT NOT NULL PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    webhook TEXT NOT NULL
);
