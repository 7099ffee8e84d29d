-- Returns and the ledger (issue 11): the rule rows as data, one append-only
-- account ledger per period, returns with their lines, drafts saved as people
-- type, and the processing step's job tables. The balances still on `periods`
-- are moved into the ledger by the Rust step that runs after this migration
-- (`ledger::legacy`, exact Hartford dates for the filings), and dropped by 0009.

-- Rates, fees, due dates, penalties, interest, holidays and payment-date rules,
-- one row each (`wire::rules::rows`, the row itself as JSON in `body`), with
-- their dates beside it. Loaded from `Rules::connecticut()` on the first start;
-- the table is the truth from then on: a new rate is one more row.
CREATE TABLE rule_rows (
    id {{id}},
    family TEXT NOT NULL CHECK (family IN ('rate', 'due_date', 'late_payment', 'late_filing', 'interest', 'holiday', 'payment_date')),
    effective_from TEXT,
    effective_to TEXT,
    source TEXT NOT NULL,
    confirmed BIGINT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX rule_rows_by_family ON rule_rows (family, id);

-- One row once the shipped rules are loaded, so servers starting together load them once.
CREATE TABLE rule_sets_loaded (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    loaded_at BIGINT NOT NULL
);

-- The due date as the rule states it (interest runs from it); `due_date` is the
-- date moved past weekends and legal holidays (a return on it is on time).
ALTER TABLE periods ADD COLUMN due_nominal TEXT;

-- A return as filed: the form, what was typed, every line worked out by the
-- server, who filed it. An amended return names the return it replaces.
ALTER TABLE tax_returns ADD COLUMN form TEXT;
ALTER TABLE tax_returns ADD COLUMN entries TEXT;
ALTER TABLE tax_returns ADD COLUMN lines TEXT;
ALTER TABLE tax_returns ADD COLUMN total_due_cents BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tax_returns ADD COLUMN amends_return_id BIGINT REFERENCES tax_returns (id);
ALTER TABLE tax_returns ADD COLUMN filed_by_name TEXT;
-- The draft's key: a submit repeated (double click, retry, two tabs) finds it taken.
ALTER TABLE tax_returns ADD COLUMN idempotency_key TEXT;
-- The Hartford date of `filed_at`.
ALTER TABLE tax_returns ADD COLUMN filed_on TEXT;
-- Set when the processing step has posted the return to the ledger.
ALTER TABLE tax_returns ADD COLUMN processed_on TEXT;
CREATE UNIQUE INDEX tax_returns_by_idempotency_key ON tax_returns (idempotency_key);
CREATE UNIQUE INDEX tax_returns_one_original_per_period ON tax_returns (period_id) WHERE kind = 'original';
CREATE INDEX tax_returns_unprocessed ON tax_returns (period_id) WHERE processed_on IS NULL;
CREATE INDEX tax_returns_by_filing ON tax_returns (filed_at, id);

-- The account ledger: every transaction on a period, in integer cents, signed
-- (what is owed is positive, payments and credits negative). Rows are only
-- ever added; a period's balance is the sum of its rows.
CREATE TABLE ledger_entries (
    id {{id}},
    period_id BIGINT NOT NULL REFERENCES periods (id),
    kind TEXT NOT NULL CHECK (kind IN ('tax', 'tax_adjustment', 'penalty', 'interest', 'payment', 'credit', 'refund', 'transfer')),
    amount_cents BIGINT NOT NULL,
    -- The day the transaction counts from (the filing, the payment).
    effective_on TEXT NOT NULL,
    -- The processing date that posted it.
    posted_on TEXT NOT NULL,
    return_id BIGINT REFERENCES tax_returns (id),
    payment_id BIGINT REFERENCES payments (id),
    description TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
-- A return and a payment post once each.
CREATE UNIQUE INDEX ledger_entries_one_per_return ON ledger_entries (return_id);
CREATE UNIQUE INDEX ledger_entries_one_per_payment ON ledger_entries (payment_id);
CREATE INDEX ledger_entries_by_period ON ledger_entries (period_id, effective_on);

-- Each period's balance, kept equal to the sum of its ledger rows by the one
-- function that posts them (`ledger::post`), in the same transaction; a test
-- checks the two agree after every kind of posting. The Summary reads it.
CREATE TABLE period_totals (
    period_id BIGINT PRIMARY KEY REFERENCES periods (id),
    account_id BIGINT NOT NULL REFERENCES tax_accounts (id),
    balance_cents BIGINT NOT NULL,
    entry_count BIGINT NOT NULL
);
CREATE INDEX period_totals_by_account ON period_totals (account_id);
CREATE INDEX period_totals_open ON period_totals (account_id) WHERE balance_cents <> 0;

-- A return being prepared: what has been typed, saved as the person goes.
-- One open draft per period and kind; its key makes the submit happen once.
CREATE TABLE return_drafts (
    id {{id}},
    period_id BIGINT NOT NULL REFERENCES periods (id),
    kind TEXT NOT NULL CHECK (kind IN ('original', 'amended')),
    form TEXT NOT NULL,
    entries TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    created_by_logon_id BIGINT NOT NULL REFERENCES logons (id),
    updated_by_logon_id BIGINT NOT NULL REFERENCES logons (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    submitted_return_id BIGINT REFERENCES tax_returns (id)
);
CREATE UNIQUE INDEX return_drafts_one_open ON return_drafts (period_id, kind) WHERE submitted_return_id IS NULL;

-- The processing step: one lease that exactly one process holds while it
-- runs (several servers share the database), and one row per date processed
-- with how far it got, so a run that dies is continued, not repeated.
CREATE TABLE processing_lease (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    owner TEXT,
    expires_at BIGINT NOT NULL
);
INSERT INTO processing_lease (id, owner, expires_at) VALUES (1, NULL, 0);

CREATE TABLE processing_runs (
    as_of TEXT PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('running', 'done')),
    -- 'accounts' (periods, returns, penalty and interest), then 'notices'.
    phase TEXT NOT NULL CHECK (phase IN ('accounts', 'notices')),
    account_cursor BIGINT NOT NULL,
    notice_cursor TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    finished_at BIGINT,
    passes BIGINT NOT NULL,
    periods_opened BIGINT NOT NULL,
    returns_posted BIGINT NOT NULL,
    entries_posted BIGINT NOT NULL,
    notices_issued BIGINT NOT NULL
);

-- A delinquency notice sent for an unfiled period past due: one per period.
CREATE TABLE delinquency_notices (
    period_id BIGINT PRIMARY KEY REFERENCES periods (id),
    message_id BIGINT NOT NULL REFERENCES messages (id),
    issued_on TEXT NOT NULL
);
CREATE INDEX periods_by_due_date ON periods (due_date, id);

-- Data steps run in Rust between migrations, each once.
CREATE TABLE data_migrations (
    name TEXT PRIMARY KEY,
    ran_at BIGINT NOT NULL
);
