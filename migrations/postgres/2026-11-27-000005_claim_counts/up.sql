-- Claims per team and status, kept in step by triggers: the queue shows these counts on every page,
-- and counting a million rows per request is what made the queue slow. Every team has one row per
-- status from the moment it exists, so the triggers only ever UPDATE.
--
-- Lock order: a transaction that changes claim statuses takes its team's five counter rows (in
-- status order) before it touches any claim row (`db::claims::lock_counts`, called by the versioned
-- update), so two writers can never wait on each other in opposite orders.
CREATE TABLE claim_counts (
    team_id BIGINT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    status TEXT NOT NULL
        CHECK (status IN ('unverified', 'in_review', 'awaiting_approval', 'verified', 'published')),
    n BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (team_id, status)
);

INSERT INTO claim_counts (team_id, status, n)
SELECT teams.id, statuses.status,
       (SELECT count(*) FROM claims WHERE claims.team_id = teams.id AND claims.status = statuses.status)
FROM teams,
     (VALUES ('unverified'), ('in_review'), ('awaiting_approval'), ('verified'), ('published'))
         AS statuses (status);

CREATE FUNCTION claim_counts_team() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO claim_counts (team_id, status, n) VALUES
        (NEW.id, 'unverified', 0), (NEW.id, 'in_review', 0), (NEW.id, 'awaiting_approval', 0),
        (NEW.id, 'verified', 0), (NEW.id, 'published', 0);
    RETURN NULL;
END $$;

CREATE TRIGGER claim_counts_team AFTER INSERT ON teams
    FOR EACH ROW EXECUTE FUNCTION claim_counts_team();

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

-- The dashboard aggregates the claims created (or verified) in a date range: covering indexes so it
-- reads only the range's index entries, never the claims themselves.
CREATE INDEX claims_team_created_at ON claims(team_id, created_at, status, verdict_id, article_id);
CREATE INDEX claims_team_verified_at ON claims(team_id, verified_at);
