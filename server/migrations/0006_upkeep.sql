-- Upkeep: pruning what expired, and two rules the schema now holds itself.

-- One row per periodic job and time slot. The server whose insert of the slot
-- succeeds runs the job for it; the others, on the same database, skip it.
CREATE TABLE upkeep_runs (
    id {{id}},
    job TEXT NOT NULL,
    slot BIGINT NOT NULL,
    started_at BIGINT NOT NULL,
    finished_at BIGINT,
    -- Rows removed, for the log and for a person looking.
    removed BIGINT,
    UNIQUE (job, slot)
);

-- A parent logon has exactly one Default security group: made on first need
-- (secondary::ensure_default_group), and never a second.
CREATE UNIQUE INDEX security_groups_one_default ON security_groups (owner_logon_id)
    WHERE is_default = 1;

-- What pruning looks rows up by.
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
CREATE INDEX email_tokens_by_expiry ON email_tokens (expires_at);
CREATE INDEX unlock_links_by_expiry ON unlock_links (expires_at);
CREATE INDEX outbox_by_status ON outbox (status, kind);
