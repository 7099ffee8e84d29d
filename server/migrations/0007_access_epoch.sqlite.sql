-- Every change to a row the access rules read moves the access epoch (see 0007_access_epoch.sql).
CREATE TRIGGER access_grants_insert_moves_access_epoch AFTER INSERT ON access_grants
    BEGIN UPDATE access_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER access_grants_update_moves_access_epoch AFTER UPDATE ON access_grants
    BEGIN UPDATE access_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER access_grants_delete_moves_access_epoch AFTER DELETE ON access_grants
    BEGIN UPDATE access_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER grant_account_levels_insert_moves_access_epoch AFTER INSERT ON grant_account_levels
    BEGIN UPDATE access_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER grant_account_levels_update_moves_access_epoch AFTER UPDATE ON grant_account_levels
    BEGIN UPDATE access_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER grant_account_levels_delete_moves_access_epoch AFTER DELETE ON grant_account_levels
    BEGIN UPDATE access_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER secondary_tax_types_insert_moves_access_epoch AFTER INSERT ON secondary_tax_types
    BEGIN UPDATE access_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER secondary_tax_types_update_moves_access_epoch AFTER UPDATE ON secondary_tax_types
    BEGIN UPDATE access_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER secondary_tax_types_delete_moves_access_epoch AFTER DELETE ON secondary_tax_types
    BEGIN UPDATE access_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER secondary_logon_groups_insert_moves_access_epoch AFTER INSERT ON secondary_logon_groups
    BEGIN UPDATE access_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER secondary_logon_groups_update_moves_access_epoch AFTER UPDATE ON secondary_logon_groups
    BEGIN UPDATE access_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER secondary_logon_groups_delete_moves_access_epoch AFTER DELETE ON secondary_logon_groups
    BEGIN UPDATE access_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER customer_security_insert_moves_access_epoch AFTER INSERT ON customer_security
    BEGIN UPDATE access_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER customer_security_update_moves_access_epoch AFTER UPDATE ON customer_security
    BEGIN UPDATE access_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER customer_security_delete_moves_access_epoch AFTER DELETE ON customer_security
    BEGIN UPDATE access_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER security_groups_insert_moves_access_epoch AFTER INSERT ON security_groups
    BEGIN UPDATE access_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER security_groups_update_moves_access_epoch AFTER UPDATE ON security_groups
    BEGIN UPDATE access_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER security_groups_delete_moves_access_epoch AFTER DELETE ON security_groups
    BEGIN UPDATE access_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER logons_access_change_moves_access_epoch
    AFTER UPDATE OF status, parent_logon_id, secondary_access_type ON logons
    WHEN OLD.status IS NOT NEW.status OR OLD.parent_logon_id IS NOT NEW.parent_logon_id
      OR OLD.secondary_access_type IS NOT NEW.secondary_access_type
    BEGIN UPDATE access_epoch SET n = n + 1 WHERE id = 1; END;
