-- pg_trgm ships with PostgreSQL (contrib) and is a trusted extension: the
-- database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX customers_name_trigrams ON customers USING gin (legal_name_key gin_trgm_ops);
CREATE INDEX customers_reg_number_trigrams ON customers USING gin (reg_number gin_trgm_ops);
CREATE INDEX tax_accounts_number_trigrams ON tax_accounts USING gin (account_number gin_trgm_ops);
