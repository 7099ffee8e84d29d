-- Every change to a row the access rules read moves the access epoch (see 0007_access_epoch.sql).
CREATE FUNCTION move_access_epoch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE access_epoch SET n = n + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;

CREATE TRIGGER access_grants_moves_access_epoch AFTER INSERT OR UPDATE OR DELETE ON access_grants
    FOR EACH STATEMENT EXECUTE FUNCTION move_access_epoch();

CREATE TRIGGER grant_account_levels_moves_access_epoch AFTER INSERT OR UPDATE OR DELETE ON grant_account_levels
    FOR EACH STATEMENT EXECUTE FUNCTION move_access_epoch();

CREATE TRIGGER secondary_tax_types_moves_access_epoch AFTER INSERT OR UPDATE OR DELETE ON secondary_tax_types
    FOR EACH STATEMENT EXECUTE FUNCTION move_access_epoch();

CREATE TRIGGER secondary_logon_groups_moves_access_epoch AFTER INSERT OR UPDATE OR DELETE ON secondary_logon_groups
    FOR EACH STATEMENT EXECUTE FUNCTION move_access_epoch();

CREATE TRIGGER customer_security_moves_access_epoch AFTER INSERT OR UPDATE OR DELETE ON customer_security
    FOR EACH STATEMENT EXECUTE FUNCTION move_access_epoch();

CREATE TRIGGER security_groups_moves_access_epoch AFTER INSERT OR UPDATE OR DELETE ON security_groups
    FOR EACH STATEMENT EXECUTE FUNCTION move_access_epoch();

CREATE TRIGGER logons_access_change_moves_access_epoch
    AFTER UPDATE OF status, parent_logon_id, secondary_access_type ON logons
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status
      OR OLD.parent_logon_id IS DISTINCT FROM NEW.parent_logon_id
      OR OLD.secondary_access_type IS DISTINCT FROM NEW.secondary_access_type)
    EXECUTE FUNCTION move_access_epoch();
-- Keyset paging by name walks (legal_name_key, id) in one index.
CREATE INDEX customers_by_name_and_id ON customers (legal_name_key, id);
