-- The dashboard's figures from tallies kept current by the writes, so a page costs the days of its
-- range rather than the claims in it. Three tallies, each by day (a range is whole days):
--   claim_day_tallies     claims by the day they were created, status and verdict (0: none)
--   article_day_tallies   claims outside the discard pile by article and day created
--   verified_day_tallies  claims by the day they were verified and who proposed the verdict (0: none)
-- Triggers keep them: an insert adds one, a delete takes one away (an UPDATE only, so a team being
-- deleted, whose tallies go with it, never brings a row back), an update moves one between rows when
-- a column a tally is keyed by changes. SQLite has one writer at a time, so nothing here can wait.
CREATE TABLE claim_day_tallies (
    team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    day DATE NOT NULL,
    status TEXT NOT NULL,
    verdict_id INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (team_id, day, status, verdict_id)
) WITHOUT ROWID;

CREATE TABLE article_day_tallies (
    team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL,
    day DATE NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (team_id, day, article_id)
) WITHOUT ROWID;

CREATE TABLE verified_day_tallies (
    team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    day DATE NOT NULL,
    proposed_by INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (team_id, day, proposed_by)
) WITHOUT ROWID;

INSERT INTO claim_day_tallies (team_id, day, status, verdict_id, n)
SELECT team_id, date(created_at), status, coalesce(verdict_id, 0), count(*)
FROM claims GROUP BY 1, 2, 3, 4;

INSERT INTO article_day_tallies (team_id, article_id, day, n)
SELECT team_id, article_id, date(created_at), count(*)
FROM claims WHERE article_id IS NOT NULL AND status <> 'discarded' GROUP BY 1, 2, 3;

INSERT INTO verified_day_tallies (team_id, day, proposed_by, n)
SELECT team_id, date(verified_at), coalesce(proposed_by, 0), count(*)
FROM claims WHERE verified_at IS NOT NULL GROUP BY 1, 2, 3;

CREATE TRIGGER claim_tallies_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claim_day_tallies (team_id, day, status, verdict_id, n)
    VALUES (NEW.team_id, date(NEW.created_at), NEW.status, coalesce(NEW.verdict_id, 0), 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO article_day_tallies (team_id, article_id, day, n)
    SELECT NEW.team_id, NEW.article_id, date(NEW.created_at), 1
    WHERE NEW.article_id IS NOT NULL AND NEW.status <> 'discarded'
    ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO verified_day_tallies (team_id, day, proposed_by, n)
    SELECT NEW.team_id, date(NEW.verified_at), coalesce(NEW.proposed_by, 0), 1
    WHERE NEW.verified_at IS NOT NULL
    ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER claim_tallies_delete AFTER DELETE ON claims BEGIN
    UPDATE claim_day_tallies SET n = n - 1
    WHERE team_id = OLD.team_id AND day = date(OLD.created_at) AND status = OLD.status
      AND verdict_id = coalesce(OLD.verdict_id, 0);
    UPDATE article_day_tallies SET n = n - 1
    WHERE OLD.article_id IS NOT NULL AND OLD.status <> 'discarded'
      AND team_id = OLD.team_id AND article_id = OLD.article_id AND day = date(OLD.created_at);
    UPDATE verified_day_tallies SET n = n - 1
    WHERE OLD.verified_at IS NOT NULL
      AND team_id = OLD.team_id AND day = date(OLD.verified_at)
      AND proposed_by = coalesce(OLD.proposed_by, 0);
END;

CREATE TRIGGER claim_day_tallies_update AFTER UPDATE OF team_id, created_at, status, verdict_id ON claims
WHEN OLD.team_id <> NEW.team_id OR date(OLD.created_at) <> date(NEW.created_at)
  OR OLD.status <> NEW.status OR OLD.verdict_id IS NOT NEW.verdict_id BEGIN
    UPDATE claim_day_tallies SET n = n - 1
    WHERE team_id = OLD.team_id AND day = date(OLD.created_at) AND status = OLD.status
      AND verdict_id = coalesce(OLD.verdict_id, 0);
    INSERT INTO claim_day_tallies (team_id, day, status, verdict_id, n)
    VALUES (NEW.team_id, date(NEW.created_at), NEW.status, coalesce(NEW.verdict_id, 0), 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER article_day_tallies_update AFTER UPDATE OF team_id, created_at, status, article_id ON claims
WHEN OLD.team_id <> NEW.team_id OR date(OLD.created_at) <> date(NEW.created_at)
  OR (OLD.status = 'discarded') <> (NEW.status = 'discarded') OR OLD.article_id IS NOT NEW.article_id BEGIN
    UPDATE article_day_tallies SET n = n - 1
    WHERE OLD.article_id IS NOT NULL AND OLD.status <> 'discarded'
      AND team_id = OLD.team_id AND article_id = OLD.article_id AND day = date(OLD.created_at);
    INSERT INTO article_day_tallies (team_id, article_id, day, n)
    SELECT NEW.team_id, NEW.article_id, date(NEW.created_at), 1
    WHERE NEW.article_id IS NOT NULL AND NEW.status <> 'discarded'
    ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER verified_day_tallies_update AFTER UPDATE OF team_id, verified_at, proposed_by ON claims
WHEN OLD.team_id <> NEW.team_id OR date(OLD.verified_at) IS NOT date(NEW.verified_at)
  OR OLD.proposed_by IS NOT NEW.proposed_by BEGIN
    UPDATE verified_day_tallies SET n = n - 1
    WHERE OLD.verified_at IS NOT NULL
      AND team_id = OLD.team_id AND day = date(OLD.verified_at)
      AND proposed_by = coalesce(OLD.proposed_by, 0);
    INSERT INTO verified_day_tallies (team_id, day, proposed_by, n)
    SELECT NEW.team_id, date(NEW.verified_at), coalesce(NEW.proposed_by, 0), 1
    WHERE NEW.verified_at IS NOT NULL
    ON CONFLICT DO UPDATE SET n = n + 1;
END;

-- The sealed verdicts a viewer may not count are few (claims in a blind second review): found by
-- this partial index instead of a walk through the range.
CREATE INDEX claims_sealed ON claims(team_id, created_at) WHERE review_sealed;

-- The time from creation to verdict of the claims verified in a range, read from the index alone.
DROP INDEX claims_team_verified_at;
CREATE INDEX claims_team_verified_at ON claims(team_id, verified_at, created_at);

-- The dashboard read claims by the day they were created through this index; the tallies answer
-- that now, and nothing else reads claims by creation time.
DROP INDEX claims_team_created_at;

-- The agreement pairs are read from the team's reviews, in claim and round order, through this
-- index; each review's claim is then looked up by id for its creation time.
CREATE INDEX reviews_team ON reviews(team_id, claim_id, round, id);
