-- The ledger is the one source of truth: the balance columns it replaced go.
-- (Their figures were moved into `ledger_entries` by the `ledger::legacy` step
-- that runs before this migration.)
ALTER TABLE periods DROP COLUMN tax_cents;
ALTER TABLE periods DROP COLUMN penalty_cents;
ALTER TABLE periods DROP COLUMN interest_cents;
ALTER TABLE periods DROP COLUMN credits_cents;
