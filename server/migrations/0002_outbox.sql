-- Outgoing mail. Every message is written here first, inside the transaction of
-- the request that caused it, and delivered afterwards by the mail task when an
-- SMTP relay is configured (without one it stays 'queued'). Bodies can carry
-- single-use links: they are never logged, and the demo mailbox shows them only
-- when the portal runs with --demo.
CREATE TABLE outbox (
    id {{id}},
    created_at BIGINT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    -- What the message is for: 'verify_email', 'username_reminder', 'password_reset', 'lockout', ...
    kind TEXT NOT NULL,
    logon_id BIGINT REFERENCES logons (id),
    status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
    -- Delivery attempts so far, and the earliest time of the next (backoff, or the
    -- lease of an attempt in progress).
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    sent_at BIGINT,
    last_error TEXT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_by_logon ON outbox (logon_id);
