-- A message is addressed to a customer or to a logon (or both), never to nobody.
ALTER TABLE messages ADD CONSTRAINT messages_have_an_addressee
    CHECK (customer_id IS NOT NULL OR logon_id IS NOT NULL);
