-- Lockout that a stranger cannot use as a weapon, the emailed unlock link, and
-- where the database came from (see docs/security.md).

-- A browser that completed a sign-in to a logon carries a signed cookie naming
-- one of these rows (only the SHA-256 of its nonce is kept). Failed sign-ins
-- from that browser count here, apart from everyone else's; at the limit the
-- row is voided and the browser is an untrusted one again.
CREATE TABLE device_cookies (
    id {{id}},
    logon_id BIGINT NOT NULL REFERENCES logons (id),
    nonce_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    failures BIGINT NOT NULL DEFAULT 0,
    voided_at BIGINT
);
CREATE INDEX device_cookies_by_logon ON device_cookies (logon_id);

-- The single-use link mailed with a lockout notice. Only the SHA-256 of its
-- token is kept; only the newest one of a logon works.
CREATE TABLE unlock_links (
    id {{id}},
    token_hash TEXT NOT NULL UNIQUE,
    logon_id BIGINT NOT NULL REFERENCES logons (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX unlock_links_by_logon ON unlock_links (logon_id);

-- One row, written by the first server that starts on the database: whether it
-- ran with --demo. Only a database created by --demo may run as a demo (the
-- demo mailbox shows every email on a public page).
CREATE TABLE database_origin (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    demo BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
