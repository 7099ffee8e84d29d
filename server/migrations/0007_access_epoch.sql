-- The access epoch: one counter that moves whenever a row the access rules
-- read changes (grants and their levels, secondary logons' tax types and
-- groups, Customer Security, security groups, a logon's status, parent or own
-- access type). A server may keep what it derived from those rows (a logon's
-- facts on a customer, how many customers it reaches) only while the counter
-- it read with the session is unchanged, so a revocation committed by any
-- server counts from the very next request. The triggers are in each
-- dialect's own file.
CREATE TABLE access_epoch (
    id {{id}},
    n BIGINT NOT NULL
);
INSERT INTO access_epoch (id, n) VALUES (1, 0);
