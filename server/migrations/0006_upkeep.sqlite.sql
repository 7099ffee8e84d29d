-- A message is addressed to a customer or to a logon (or both), never to
-- nobody. SQLite adds a CHECK only with the table, so the table is made anew.
CREATE TABLE messages_checked (
    id INTEGER PRIMARY KEY,
    customer_id BIGINT REFERENCES customers (id),
    logon_id BIGINT REFERENCES logons (id),
    letter_id TEXT NOT NULL UNIQUE,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    sent_at BIGINT NOT NULL,
    read_at BIGINT,
    CONSTRAINT messages_have_an_addressee CHECK (customer_id IS NOT NULL OR logon_id IS NOT NULL)
);
INSERT INTO messages_checked (id, customer_id, logon_id, letter_id, subject, body, sent_at, read_at)
    SELECT id, customer_id, logon_id, letter_id, subject, body, sent_at, read_at FROM messages;
DROP TABLE messages;
ALTER TABLE messages_checked RENAME TO messages;
CREATE INDEX messages_by_customer ON messages (customer_id, sent_at);
CREATE INDEX messages_by_logon ON messages (logon_id, sent_at);
