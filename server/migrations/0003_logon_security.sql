-- What logons need to register, verify, recover, use 2-step verification and
-- be protected from guessing. Secrets are stored sealed (AES-256-GCM) or hashed.

-- A session is 'full' once every sign-in step is done. Before that it only
-- opens the step it is waiting for: a 2-step code, or a new password.
ALTER TABLE sessions ADD COLUMN stage TEXT NOT NULL DEFAULT 'full';

ALTER TABLE logons ADD COLUMN email_verified_at BIGINT;
-- Set when 2-step verification is on; its TOTP secret is sealed.
ALTER TABLE logons ADD COLUMN two_step_enabled_at BIGINT;
ALTER TABLE logons ADD COLUMN totp_secret_sealed TEXT;
-- The last TOTP time step accepted, so a code cannot be used twice.
ALTER TABLE logons ADD COLUMN totp_last_step BIGINT;

-- Single-use recovery codes for 2-step verification, hashed like passwords.
CREATE TABLE recovery_codes (
    id {{id}},
    logon_id BIGINT NOT NULL REFERENCES logons (id),
    code_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX recovery_codes_by_logon ON recovery_codes (logon_id);

-- Earlier password hashes, so none of the last ten is chosen again.
CREATE TABLE password_history (
    id {{id}},
    logon_id BIGINT NOT NULL REFERENCES logons (id),
    password_hash TEXT NOT NULL,
    set_at BIGINT NOT NULL
);
CREATE INDEX password_history_by_logon ON password_history (logon_id, set_at);

-- Single-use emailed links. Only the SHA-256 of the token is stored.
CREATE TABLE email_tokens (
    id {{id}},
    token_hash TEXT NOT NULL UNIQUE,
    logon_id BIGINT NOT NULL REFERENCES logons (id),
    purpose TEXT NOT NULL CHECK (purpose IN ('verify_email', 'reset_password', 'change_email', 'invitation')),
    -- The address being verified by a change_email link.
    new_email TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX email_tokens_by_logon ON email_tokens (logon_id, purpose);

-- Fixed-window counters (per source address, per logon, ...) shared by every
-- server on the database, so a limit holds however many servers run.
CREATE TABLE rate_limits (
    bucket TEXT NOT NULL,
    subject TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    hits BIGINT NOT NULL,
    PRIMARY KEY (bucket, subject)
);
