-- The dashboard's median times to verdict from a tally, so a page reads the days of its range and a
-- few claims rather than every claim verified in it. A median cannot be added up, but it can be
-- found: the tally counts the claims verified each day by how long they took, in buckets ordered by
-- time, so the counts say which bucket holds the middle claim and where in it; only the claims of
-- that bucket in the range are then read, through an index that holds their exact times.
--
-- Two generated columns name what the dashboard reads (the application never writes them):
--   verdict_seconds  whole seconds from creation to verdict (both timestamps cut to the second; a
--                    verdict stamped before its claim counts as 0); NULL while the claim is unverified
--   verdict_bucket   the bucket of verdict_seconds: quarter hours up to an hour, hours up to 12,
--                    six hours up to a week, days up to 30, weeks after. Buckets only grow with the
--                    time (every time in a bucket is less than every time in a higher one), which is
--                    all the median's search relies on; the boundaries live here alone.
ALTER TABLE claims ADD COLUMN verdict_seconds INTEGER GENERATED ALWAYS AS (
    CASE WHEN verified_at IS NOT NULL
         THEN max(0, unixepoch(verified_at) - unixepoch(created_at)) END
) VIRTUAL;

ALTER TABLE claims ADD COLUMN verdict_bucket INTEGER GENERATED ALWAYS AS (
    CASE WHEN verdict_seconds < 3600 THEN verdict_seconds / 900
         WHEN verdict_seconds < 43200 THEN 3 + verdict_seconds / 3600
         WHEN verdict_seconds < 604800 THEN 15 + (verdict_seconds - 43200) / 21600
         WHEN verdict_seconds < 2592000 THEN 41 + (verdict_seconds - 604800) / 86400
         WHEN verdict_seconds >= 2592000 THEN 64 + (verdict_seconds - 2592000) / 604800 END
) VIRTUAL;

-- claims verified per team, day verified and bucket
CREATE TABLE verdict_time_tallies (
    team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    day DATE NOT NULL,
    bucket INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (team_id, day, bucket)
) WITHOUT ROWID;

INSERT INTO verdict_time_tallies (team_id, day, bucket, n)
SELECT team_id, date(verified_at), verdict_bucket, count(*)
FROM claims WHERE verified_at IS NOT NULL GROUP BY 1, 2, 3;

-- As for the other tallies (000100): an insert adds one, a delete takes one away (an UPDATE only, so
-- a team being deleted never brings a row back), an update moves one when the team, the day
-- verified or the bucket changes.
CREATE TRIGGER verdict_time_tallies_insert AFTER INSERT ON claims
WHEN NEW.verified_at IS NOT NULL BEGIN
    INSERT INTO verdict_time_tallies (team_id, day, bucket, n)
    VALUES (NEW.team_id, date(NEW.verified_at), NEW.verdict_bucket, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER verdict_time_tallies_delete AFTER DELETE ON claims
WHEN OLD.verified_at IS NOT NULL BEGIN
    UPDATE verdict_time_tallies SET n = n - 1
    WHERE team_id = OLD.team_id AND day = date(OLD.verified_at) AND bucket = OLD.verdict_bucket;
END;

CREATE TRIGGER verdict_time_tallies_update AFTER UPDATE OF team_id, created_at, verified_at ON claims
WHEN OLD.team_id <> NEW.team_id OR date(OLD.verified_at) IS NOT date(NEW.verified_at)
  OR OLD.verdict_bucket IS NOT NEW.verdict_bucket BEGIN
    UPDATE verdict_time_tallies SET n = n - 1
    WHERE OLD.verified_at IS NOT NULL
      AND team_id = OLD.team_id AND day = date(OLD.verified_at) AND bucket = OLD.verdict_bucket;
    INSERT INTO verdict_time_tallies (team_id, day, bucket, n)
    SELECT NEW.team_id, date(NEW.verified_at), NEW.verdict_bucket, 1
    WHERE NEW.verified_at IS NOT NULL
    ON CONFLICT DO UPDATE SET n = n + 1;
END;

-- The claims of one bucket verified in a range, with their exact times, from the index alone.
CREATE INDEX claims_verdict_bucket ON claims(team_id, verdict_bucket, verified_at, verdict_seconds);
