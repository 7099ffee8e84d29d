-- Payment Channels (issue 12): a business's bank accounts. The account number
-- is sealed (crypto::FieldCipher, re-sealed by rotate-key) with its last four
-- beside it for the mask; the routing number is public (it names a bank). A
-- removed account keeps its row (`removed_at`), so history and later payments
-- still name it. The browser's key per Add form is unique per customer: a
-- double submit adds one account.
CREATE TABLE bank_accounts (
    id {{id}},
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    nickname TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('checking', 'savings')),
    routing_number TEXT NOT NULL,
    account_number_sealed TEXT NOT NULL,
    account_last4 TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    added_at BIGINT NOT NULL,
    added_by_logon_id BIGINT REFERENCES logons (id),
    added_by_name TEXT NOT NULL,
    removed_at BIGINT,
    removed_by_logon_id BIGINT REFERENCES logons (id),
    UNIQUE (customer_id, idempotency_key)
);
CREATE INDEX bank_accounts_by_customer ON bank_accounts (customer_id, id);
