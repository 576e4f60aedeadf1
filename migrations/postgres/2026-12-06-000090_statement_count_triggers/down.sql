DROP TRIGGER claim_counts_insert ON claims;
DROP TRIGGER claim_counts_delete ON claims;
DROP TRIGGER claim_counts_update ON claims;
DROP FUNCTION claim_counts_apply();

CREATE FUNCTION claim_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE claim_counts SET n = n - 1 WHERE team_id = OLD.team_id AND status = OLD.status;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        UPDATE claim_counts SET n = n + 1 WHERE team_id = NEW.team_id AND status = NEW.status;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER claim_counts_insert AFTER INSERT ON claims
    FOR EACH ROW EXECUTE FUNCTION claim_counts_track();
CREATE TRIGGER claim_counts_delete AFTER DELETE ON claims
    FOR EACH ROW EXECUTE FUNCTION claim_counts_track();
CREATE TRIGGER claim_counts_update AFTER UPDATE OF status, team_id ON claims
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.team_id IS DISTINCT FROM NEW.team_id)
    EXECUTE FUNCTION claim_counts_track();
