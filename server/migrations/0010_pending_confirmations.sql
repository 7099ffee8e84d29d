-- A browser that registered, or typed the right password for a logon whose
-- email address is not confirmed yet, carries an HttpOnly cookie naming one of
-- these rows (only the SHA-256 of its token is kept). It lets that browser see
-- where the link went (masked) and ask for it again, a few times, and nothing
-- else. A registration whose username was taken gets a row too, without a
-- logon, so the page and its answers look the same either way.
CREATE TABLE pending_confirmations (
    id {{id}},
    token_hash TEXT NOT NULL UNIQUE,
    logon_id BIGINT REFERENCES logons (id),
    email_masked TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
