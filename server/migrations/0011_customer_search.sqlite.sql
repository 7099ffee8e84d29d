-- One row per customer, its rowid the customer's id: the upper-cased legal
-- name, and its numbers (the registration number, then its accounts'
-- numbers) separated by spaces. A search's number has no spaces, so it never
-- matches across two numbers.
CREATE VIRTUAL TABLE customer_search USING fts5 (name, numbers, tokenize = 'trigram');

INSERT INTO customer_search (rowid, name, numbers)
SELECT c.id, c.legal_name_key,
       c.reg_number || COALESCE((SELECT ' ' || group_concat(a.account_number, ' ')
                                  FROM tax_accounts a WHERE a.customer_id = c.id), '')
FROM customers c;

CREATE TRIGGER customer_search_on_new_customer AFTER INSERT ON customers BEGIN
    INSERT INTO customer_search (rowid, name, numbers)
    VALUES (new.id, new.legal_name_key, new.reg_number);
END;

CREATE TRIGGER customer_search_on_changed_customer
AFTER UPDATE OF legal_name_key, reg_number ON customers BEGIN
    DELETE FROM customer_search WHERE rowid = old.id;
    INSERT INTO customer_search (rowid, name, numbers)
    SELECT new.id, new.legal_name_key,
           new.reg_number || COALESCE((SELECT ' ' || group_concat(a.account_number, ' ')
                                        FROM tax_accounts a WHERE a.customer_id = new.id), '');
END;

CREATE TRIGGER customer_search_on_removed_customer AFTER DELETE ON customers BEGIN
    DELETE FROM customer_search WHERE rowid = old.id;
END;

-- An account's number joins (or leaves) its customer's numbers.
CREATE TRIGGER customer_search_on_new_account AFTER INSERT ON tax_accounts BEGIN
    UPDATE customer_search SET numbers = numbers || ' ' || new.account_number
    WHERE rowid = new.customer_id;
END;

CREATE TRIGGER customer_search_on_changed_account
AFTER UPDATE OF account_number, customer_id ON tax_accounts BEGIN
    UPDATE customer_search
    SET numbers = (SELECT c.reg_number || COALESCE((SELECT ' ' || group_concat(a.account_number, ' ')
                                                   FROM tax_accounts a WHERE a.customer_id = c.id), '')
                   FROM customers c WHERE c.id = customer_search.rowid)
    WHERE rowid IN (old.customer_id, new.customer_id);
END;

CREATE TRIGGER customer_search_on_removed_account AFTER DELETE ON tax_accounts BEGIN
    UPDATE customer_search
    SET numbers = (SELECT c.reg_number || COALESCE((SELECT ' ' || group_concat(a.account_number, ' ')
                                                   FROM tax_accounts a WHERE a.customer_id = c.id), '')
                   FROM customers c WHERE c.id = customer_search.rowid)
    WHERE rowid = old.customer_id;
END;
