-- Migration 0013: project roles and accessibility (issue 8; XNAT's project groups Owners, Members, Collaborators).
-- Applied by MigrationRunner inside one transaction. Statements end with ';' at the end of a line.

-- A user's role in a project: at most one per project. Rows go with their project and their user.
CREATE TABLE project_users (
    project TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    login   TEXT NOT NULL REFERENCES users (login) ON DELETE CASCADE,
    role    TEXT NOT NULL CHECK (role IN ('owner', 'member', 'collaborator')),
    PRIMARY KEY (project, login)
);

-- A user's projects.
CREATE INDEX project_users_by_login ON project_users (login);

-- Who may see a project without a role: 'private' (nobody), 'protected' (its listing row, not its data), 'public'
-- (read access for every logged-in user).
ALTER TABLE projects ADD COLUMN accessibility TEXT NOT NULL DEFAULT 'private'
    CHECK (accessibility IN ('private', 'protected', 'public'));
