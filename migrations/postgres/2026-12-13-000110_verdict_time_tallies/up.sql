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
--                    all the median's search relies on; the boundaries live here alone (and in the
--                    SQLite migration of the same name).
-- A generated column may not read another, so both are written through these functions.
CREATE FUNCTION verdict_seconds(created TIMESTAMP, verified TIMESTAMP) RETURNS BIGINT
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN verified IS NOT NULL THEN GREATEST(0, CAST(
        EXTRACT(EPOCH FROM date_trunc('second', verified))
        - EXTRACT(EPOCH FROM date_trunc('second', created)) AS BIGINT)) END
$$;

CREATE FUNCTION verdict_bucket(seconds BIGINT) RETURNS INTEGER
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CAST(CASE WHEN seconds < 3600 THEN seconds / 900
         WHEN seconds < 43200 THEN 3 + seconds / 3600
         WHEN seconds < 604800 THEN 15 + (seconds - 43200) / 21600
         WHEN seconds < 2592000 THEN 41 + (seconds - 604800) / 86400
         WHEN seconds >= 2592000 THEN 64 + (seconds - 2592000) / 604800 END AS INTEGER)
$$;

ALTER TABLE claims
    ADD COLUMN verdict_seconds BIGINT
        GENERATED ALWAYS AS (verdict_seconds(created_at, verified_at)) STORED,
    ADD COLUMN verdict_bucket INTEGER
        GENERATED ALWAYS AS (verdict_bucket(verdict_seconds(created_at, verified_at))) STORED;

-- claims verified per team, day verified and bucket
CREATE TABLE verdict_time_tallies (
    team_id BIGINT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    day DATE NOT NULL,
    bucket INTEGER NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (team_id, day, bucket)
);

INSERT INTO verdict_time_tallies (team_id, day, bucket, n)
SELECT team_id, verified_at::date, verdict_bucket, count(*)
FROM claims WHERE verified_at IS NOT NULL GROUP BY 1, 2, 3;

-- Statement-level, as the other tallies (000100): each tally row changes once per statement by its
-- net count, in key order; a delete only updates, so a team being deleted never brings a row back.
CREATE FUNCTION verdict_time_tallies_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO verdict_time_tallies AS t (team_id, day, bucket, n)
    SELECT team_id, verified_at::date, verdict_bucket, count(*)
    FROM new_rows WHERE verified_at IS NOT NULL
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (team_id, day, bucket) DO UPDATE SET n = t.n + EXCLUDED.n;
    RETURN NULL;
END $$;

CREATE FUNCTION verdict_time_tallies_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO verdict_time_tallies AS t (team_id, day, bucket, n)
    SELECT team_id, verified_at::date, verdict_bucket, sum(k)
    FROM (SELECT team_id, verified_at, verdict_bucket, 1 AS k FROM new_rows
          UNION ALL SELECT team_id, verified_at, verdict_bucket, -1 AS k FROM old_rows) AS moved
    WHERE verified_at IS NOT NULL
    GROUP BY 1, 2, 3 HAVING sum(k) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (team_id, day, bucket) DO UPDATE SET n = t.n + EXCLUDED.n;
    RETURN NULL;
END $$;

CREATE FUNCTION verdict_time_tallies_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE verdict_time_tallies t SET n = t.n - d.k
    FROM (SELECT team_id, verified_at::date AS day, verdict_bucket AS bucket, count(*) AS k
          FROM old_rows WHERE verified_at IS NOT NULL GROUP BY 1, 2, 3) AS d
    WHERE t.team_id = d.team_id AND t.day = d.day AND t.bucket = d.bucket;
    RETURN NULL;
END $$;

CREATE TRIGGER verdict_time_tallies_insert AFTER INSERT ON claims
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION verdict_time_tallies_insert();
CREATE TRIGGER verdict_time_tallies_update AFTER UPDATE ON claims
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION verdict_time_tallies_update();
CREATE TRIGGER verdict_time_tallies_delete AFTER DELETE ON claims
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION verdict_time_tallies_delete();

-- The claims of one bucket verified in a range, with their exact times, from the index alone.
CREATE INDEX claims_verdict_bucket ON claims(team_id, verdict_bucket, verified_at, verdict_seconds);

-- Statistics for the new columns and table now, not when autovacuum next comes by: without them
-- the planner guesses the bucket reads wrong for the first minutes after an upgrade.
ANALYZE claims;
ANALYZE verdict_time_tallies;
