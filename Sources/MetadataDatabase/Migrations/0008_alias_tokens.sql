-- Migration 0008: alias tokens (XNAT's AliasToken; `GET /data/services/tokens/issue`), used as HTTP Basic
-- `alias:secret` instead of a user's password.
-- Applied by MigrationRunner inside one transaction. Statements end with ';' at the end of a line.

-- One row per token. Only the SHA-256 hash of the secret is stored (64 lower-case hexadecimal digits); the secret
-- itself is shown once, when the token is issued. Times are milliseconds since 1970 (UTC). Expired rows are removed
-- when a token is issued or used; a token goes with its user.
CREATE TABLE alias_tokens (
    alias       TEXT    PRIMARY KEY,
    login       TEXT    NOT NULL REFERENCES users (login) ON DELETE CASCADE,
    secret_hash TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);

CREATE INDEX alias_tokens_by_expiry ON alias_tokens (expires_at);

CREATE INDEX alias_tokens_by_login ON alias_tokens (login);
