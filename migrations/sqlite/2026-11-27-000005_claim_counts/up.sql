-- Claims per team and status, kept in step by triggers: the queue shows these counts on every page,
-- and counting a million rows per request is what made the queue slow. Every team has one row per
-- status from the moment it exists, so the triggers only ever UPDATE.
CREATE TABLE claim_counts (
    team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    status TEXT NOT NULL
        CHECK (status IN ('unverified', 'in_review', 'awaiting_approval', 'verified', 'published')),
    n INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (team_id, status)
) WITHOUT ROWID;

INSERT INTO claim_counts (team_id, status, n)
SELECT teams.id, statuses.status,
       (SELECT count(*) FROM claims WHERE claims.team_id = teams.id AND claims.status = statuses.status)
FROM teams,
     (SELECT 'unverified' AS status UNION ALL SELECT 'in_review' UNION ALL SELECT 'awaiting_approval'
      UNION ALL SELECT 'verified' UNION ALL SELECT 'published') AS statuses;

CREATE TRIGGER claim_counts_team AFTER INSERT ON teams BEGIN
    INSERT INTO claim_counts (team_id, status, n) VALUES
        (NEW.id, 'unverified', 0), (NEW.id, 'in_review', 0), (NEW.id, 'awaiting_approval', 0),
        (NEW.id, 'verified', 0), (NEW.id, 'published', 0);
END;

CREATE TRIGGER claim_counts_insert AFTER INSERT ON claims BEGIN
    UPDATE claim_counts SET n = n + 1 WHERE team_id = NEW.team_id AND status = NEW.status;
END;

CREATE TRIGGER claim_counts_delete AFTER DELETE ON claims BEGIN
    UPDATE claim_counts SET n = n - 1 WHERE team_id = OLD.team_id AND status = OLD.status;
END;

CREATE TRIGGER claim_counts_update AFTER UPDATE OF status, team_id ON claims
WHEN OLD.status <> NEW.status OR OLD.team_id <> NEW.team_id BEGIN
    UPDATE claim_counts SET n = n - 1 WHERE team_id = OLD.team_id AND status = OLD.status;
    UPDATE claim_counts SET n = n + 1 WHERE team_id = NEW.team_id AND status = NEW.status;
END;

-- The dashboard aggregates the claims created (or verified) in a date range: covering indexes so it
-- reads only the range's index entries, never the claims themselves.
CREATE INDEX claims_team_created_at ON claims(team_id, created_at, status, verdict_id, article_id);
CREATE INDEX claims_team_verified_at ON claims(team_id, verified_at);
