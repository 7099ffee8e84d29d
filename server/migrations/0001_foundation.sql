-- The foundation schema. Portable between SQLite and PostgreSQL: `{{id}}` becomes
-- each dialect's auto-assigned 64-bit key; money is integer cents (BIGINT);
-- dates are ISO `YYYY-MM-DD` text; instants are BIGINT seconds since the Unix epoch (UTC).

CREATE TABLE customers (
    id {{id}},
    reg_number TEXT NOT NULL UNIQUE,
    legal_name TEXT NOT NULL,
    -- Upper-cased legal name, for case-insensitive search by name.
    legal_name_key TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('business', 'individual', 'preparer')),
    tin_kind TEXT NOT NULL CHECK (tin_kind IN ('fein', 'ssn')),
    -- AES-256-GCM sealed FEIN/SSN; only the last four digits are kept in clear, for masking.
    tin_sealed TEXT NOT NULL,
    tin_last4 TEXT NOT NULL,
    address_line1 TEXT NOT NULL,
    city TEXT NOT NULL,
    state TEXT NOT NULL,
    zip TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX customers_by_name ON customers (legal_name_key);

CREATE TABLE tax_accounts (
    id {{id}},
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    account_number TEXT NOT NULL UNIQUE,
    tax_type TEXT NOT NULL,
    frequency TEXT NOT NULL CHECK (frequency IN ('monthly', 'quarterly', 'annual')),
    status TEXT NOT NULL CHECK (status IN ('active', 'inactive', 'closed')),
    opened_on TEXT NOT NULL,
    UNIQUE (customer_id, tax_type)
);

-- One filing period of an account and its ledger. The balance is derived:
-- tax + penalty + interest - credits (payments and credits applied).
CREATE TABLE periods (
    id {{id}},
    account_id BIGINT NOT NULL REFERENCES tax_accounts (id),
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    due_date TEXT NOT NULL,
    tax_cents BIGINT NOT NULL DEFAULT 0,
    penalty_cents BIGINT NOT NULL DEFAULT 0,
    interest_cents BIGINT NOT NULL DEFAULT 0,
    credits_cents BIGINT NOT NULL DEFAULT 0,
    UNIQUE (account_id, period_end)
);

CREATE TABLE logons (
    id {{id}},
    -- As chosen (shown); never changes.
    username TEXT NOT NULL,
    -- Lower-cased username: uniqueness ignores case.
    username_key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT,
    -- argon2id PHC string; NULL until the person sets a password (invitations).
    password_hash TEXT,
    password_changed_at BIGINT,
    -- Set while the password is a temporary one that must be changed at next sign-in.
    temporary_password_expires_at BIGINT,
    secret_question TEXT,
    secret_answer_hash TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'locked', 'disabled', 'cancelled')),
    -- Set for a secondary logon: the logon that created it and that it acts for.
    parent_logon_id BIGINT REFERENCES logons (id),
    failed_sign_ins BIGINT NOT NULL DEFAULT 0,
    locked_at BIGINT,
    last_sign_in_at BIGINT,
    previous_sign_in_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX logons_by_parent ON logons (parent_logon_id);

-- A logon's access to a customer. `relationship` says how it came about: the
-- customer's own logon, an additional logon the customer approved, or a third
-- party (preparer). Secondary logons derive their access from their parent's grants.
CREATE TABLE access_grants (
    id {{id}},
    logon_id BIGINT NOT NULL REFERENCES logons (id),
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    access_type TEXT NOT NULL CHECK (access_type IN ('master_administrator', 'tax_administrator')),
    relationship TEXT NOT NULL CHECK (relationship IN ('own', 'additional', 'third_party')),
    status TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
    -- Last day the grant is valid (inclusive); NULL means no end date.
    ends_on TEXT,
    granted_by_logon_id BIGINT REFERENCES logons (id),
    created_at BIGINT NOT NULL,
    UNIQUE (logon_id, customer_id)
);
CREATE INDEX access_grants_by_customer ON access_grants (customer_id);

-- A Tax Administrator's level on each account; Master Administrators need no rows.
CREATE TABLE grant_account_levels (
    grant_id BIGINT NOT NULL REFERENCES access_grants (id),
    account_id BIGINT NOT NULL REFERENCES tax_accounts (id),
    level TEXT NOT NULL CHECK (level IN ('no_access', 'view_only', 'file_only', 'pay_only', 'file_and_pay', 'all_access')),
    PRIMARY KEY (grant_id, account_id)
);

-- A return filed for a period: original or amended, with its confirmation number.
CREATE TABLE tax_returns (
    id {{id}},
    period_id BIGINT NOT NULL REFERENCES periods (id),
    kind TEXT NOT NULL CHECK (kind IN ('original', 'amended')),
    confirmation_number TEXT NOT NULL UNIQUE,
    tax_cents BIGINT NOT NULL,
    filed_at BIGINT NOT NULL,
    filed_by_logon_id BIGINT REFERENCES logons (id)
);
CREATE INDEX tax_returns_by_period ON tax_returns (period_id);

-- Server-side sessions. The cookie holds a random token; only its SHA-256 is stored.
CREATE TABLE sessions (
    id {{id}},
    token_hash TEXT NOT NULL UNIQUE,
    logon_id BIGINT NOT NULL REFERENCES logons (id),
    current_customer_id BIGINT REFERENCES customers (id),
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    source_address TEXT,
    user_agent TEXT
);
CREATE INDEX sessions_by_logon ON sessions (logon_id);

-- Every action, who did it, on what, when and from where. Never a secret.
CREATE TABLE activity (
    id {{id}},
    occurred_at BIGINT NOT NULL,
    logon_id BIGINT REFERENCES logons (id),
    customer_id BIGINT REFERENCES customers (id),
    account_id BIGINT REFERENCES tax_accounts (id),
    action TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failure')),
    detail TEXT,
    source_address TEXT
);
CREATE INDEX activity_by_logon ON activity (logon_id, occurred_at);
CREATE INDEX activity_by_customer ON activity (customer_id, occurred_at);
