-- Who may act for a business: secondary logons' own access, security groups,
-- customer security, access requests, and the facts a requester must know
-- (messages with Letter IDs, payments).

-- A secondary logon's own access type (NULL for every other logon).
ALTER TABLE logons ADD COLUMN secondary_access_type TEXT
    CHECK (secondary_access_type IN ('master_administrator', 'tax_administrator'));

-- A secondary logon's Account Access: the tax types it may act on, each with its
-- own level. A type with no row is not allowed.
CREATE TABLE secondary_tax_types (
    logon_id BIGINT NOT NULL REFERENCES logons (id),
    tax_type TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('view_only', 'file_only', 'pay_only', 'file_and_pay', 'all_access')),
    PRIMARY KEY (logon_id, tax_type)
);

-- A parent logon's security groups. Exactly one per owner is the Default group.
CREATE TABLE security_groups (
    id {{id}},
    owner_logon_id BIGINT NOT NULL REFERENCES logons (id),
    name TEXT NOT NULL,
    -- Lower-cased name: one owner's names are unique ignoring case.
    name_key TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    is_default BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    UNIQUE (owner_logon_id, name_key)
);

-- Customer Security: the group a customer the owner reaches belongs to. A
-- customer with no row is in the owner's Default group.
CREATE TABLE customer_security (
    owner_logon_id BIGINT NOT NULL REFERENCES logons (id),
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    group_id BIGINT NOT NULL REFERENCES security_groups (id),
    PRIMARY KEY (owner_logon_id, customer_id)
);
CREATE INDEX customer_security_by_group ON customer_security (group_id);

-- The groups a secondary logon has; it reaches exactly their customers.
CREATE TABLE secondary_logon_groups (
    logon_id BIGINT NOT NULL REFERENCES logons (id),
    group_id BIGINT NOT NULL REFERENCES security_groups (id),
    PRIMARY KEY (logon_id, group_id)
);
CREATE INDEX secondary_logon_groups_by_group ON secondary_logon_groups (group_id);

-- Add Access to Another Business. `grantee_logon_id` is who the grant goes to:
-- the requester, or for a third party its firm's logon (the parent of a
-- secondary logon), so the firm's secondary logons can derive from it.
CREATE TABLE access_requests (
    id {{id}},
    requester_logon_id BIGINT NOT NULL REFERENCES logons (id),
    grantee_logon_id BIGINT NOT NULL REFERENCES logons (id),
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    kind TEXT NOT NULL CHECK (kind IN ('additional', 'third_party')),
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'expired', 'claimed')),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    decided_at BIGINT,
    decided_by_logon_id BIGINT REFERENCES logons (id)
);
CREATE INDEX access_requests_by_customer ON access_requests (customer_id, status);
CREATE INDEX access_requests_by_requester ON access_requests (requester_logon_id, created_at);

-- Letters from the agency to a customer (or, for notices about a logon's own
-- requests, to a logon). The Letter ID is printed on the letter.
CREATE TABLE messages (
    id {{id}},
    customer_id BIGINT REFERENCES customers (id),
    logon_id BIGINT REFERENCES logons (id),
    letter_id TEXT NOT NULL UNIQUE,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    sent_at BIGINT NOT NULL,
    read_at BIGINT
);
CREATE INDEX messages_by_customer ON messages (customer_id, sent_at);
CREATE INDEX messages_by_logon ON messages (logon_id, sent_at);

-- Payments on a customer's accounts. Money is integer cents; dates ISO text.
CREATE TABLE payments (
    id {{id}},
    account_id BIGINT NOT NULL REFERENCES tax_accounts (id),
    period_id BIGINT REFERENCES periods (id),
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    payment_date TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('scheduled', 'processed', 'cancelled')),
    confirmation_number TEXT NOT NULL UNIQUE,
    submitted_by_logon_id BIGINT REFERENCES logons (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX payments_by_account ON payments (account_id, payment_date);
