-- The dashboard's figures from tallies kept current by the writes, so a page costs the days of its
-- range rather than the claims in it. Three tallies, each by day (a range is whole days):
--   claim_day_tallies     claims by the day they were created, status and verdict (0: none)
--   article_day_tallies   claims outside the discard pile by article and day created
--   verified_day_tallies  claims by the day they were verified and who proposed the verdict (0: none)
-- Statement-level triggers (as for claim_counts, 000090) change each tally row once per statement by
-- its net count. An insert or update upserts; a delete only updates, so a team being deleted, whose
-- tallies go with it, never brings a row back. Every team write takes the team's history chain
-- first (`desk::write`), so two writers never hold tally rows the other waits for.
CREATE TABLE claim_day_tallies (
    team_id BIGINT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    day DATE NOT NULL,
    status TEXT NOT NULL,
    verdict_id BIGINT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (team_id, day, status, verdict_id)
);

CREATE TABLE article_day_tallies (
    team_id BIGINT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    article_id BIGINT NOT NULL,
    day DATE NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (team_id, day, article_id)
);

CREATE TABLE verified_day_tallies (
    team_id BIGINT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    day DATE NOT NULL,
    proposed_by BIGINT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (team_id, day, proposed_by)
);

INSERT INTO claim_day_tallies (team_id, day, status, verdict_id, n)
SELECT team_id, created_at::date, status, coalesce(verdict_id, 0), count(*)
FROM claims GROUP BY 1, 2, 3, 4;

INSERT INTO article_day_tallies (team_id, article_id, day, n)
SELECT team_id, article_id, created_at::date, count(*)
FROM claims WHERE article_id IS NOT NULL AND status <> 'discarded' GROUP BY 1, 2, 3;

INSERT INTO verified_day_tallies (team_id, day, proposed_by, n)
SELECT team_id, verified_at::date, coalesce(proposed_by, 0), count(*)
FROM claims WHERE verified_at IS NOT NULL GROUP BY 1, 2, 3;

-- One function per kind of statement, each changing every tally row by the statement's net count.
-- An update moves a claim out of the rows its old values name (-1) and into its new ones (+1); an
-- update that changes no key column nets to nothing and touches no row.
CREATE FUNCTION dashboard_tallies_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO claim_day_tallies AS t (team_id, day, status, verdict_id, n)
    SELECT team_id, created_at::date, status, coalesce(verdict_id, 0), sum(k)
    FROM (SELECT team_id, created_at, status, verdict_id, article_id, verified_at, proposed_by, 1 AS k FROM new_rows) AS moved
    GROUP BY 1, 2, 3, 4 HAVING sum(k) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT (team_id, day, status, verdict_id) DO UPDATE SET n = t.n + EXCLUDED.n;
    INSERT INTO article_day_tallies AS t (team_id, article_id, day, n)
    SELECT team_id, article_id, created_at::date, sum(k)
    FROM (SELECT team_id, created_at, status, verdict_id, article_id, verified_at, proposed_by, 1 AS k FROM new_rows) AS moved
    WHERE article_id IS NOT NULL AND status <> 'discarded'
    GROUP BY 1, 2, 3 HAVING sum(k) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (team_id, day, article_id) DO UPDATE SET n = t.n + EXCLUDED.n;
    INSERT INTO verified_day_tallies AS t (team_id, day, proposed_by, n)
    SELECT team_id, verified_at::date, coalesce(proposed_by, 0), sum(k)
    FROM (SELECT team_id, created_at, status, verdict_id, article_id, verified_at, proposed_by, 1 AS k FROM new_rows) AS moved
    WHERE verified_at IS NOT NULL
    GROUP BY 1, 2, 3 HAVING sum(k) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (team_id, day, proposed_by) DO UPDATE SET n = t.n + EXCLUDED.n;
    RETURN NULL;
END $$;

CREATE FUNCTION dashboard_tallies_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO claim_day_tallies AS t (team_id, day, status, verdict_id, n)
    SELECT team_id, created_at::date, status, coalesce(verdict_id, 0), sum(k)
    FROM (SELECT team_id, created_at, status, verdict_id, article_id, verified_at, proposed_by, 1 AS k FROM new_rows UNION ALL SELECT team_id, created_at, status, verdict_id, article_id, verified_at, proposed_by, -1 AS k FROM old_rows) AS moved
    GROUP BY 1, 2, 3, 4 HAVING sum(k) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT (team_id, day, status, verdict_id) DO UPDATE SET n = t.n + EXCLUDED.n;
    INSERT INTO article_day_tallies AS t (team_id, article_id, day, n)
    SELECT team_id, article_id, created_at::date, sum(k)
    FROM (SELECT team_id, created_at, status, verdict_id, article_id, verified_at, proposed_by, 1 AS k FROM new_rows UNION ALL SELECT team_id, created_at, status, verdict_id, article_id, verified_at, proposed_by, -1 AS k FROM old_rows) AS moved
    WHERE article_id IS NOT NULL AND status <> 'discarded'
    GROUP BY 1, 2, 3 HAVING sum(k) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (team_id, day, article_id) DO UPDATE SET n = t.n + EXCLUDED.n;
    INSERT INTO verified_day_tallies AS t (team_id, day, proposed_by, n)
    SELECT team_id, verified_at::date, coalesce(proposed_by, 0), sum(k)
    FROM (SELECT team_id, created_at, status, verdict_id, article_id, verified_at, proposed_by, 1 AS k FROM new_rows UNION ALL SELECT team_id, created_at, status, verdict_id, article_id, verified_at, proposed_by, -1 AS k FROM old_rows) AS moved
    WHERE verified_at IS NOT NULL
    GROUP BY 1, 2, 3 HAVING sum(k) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (team_id, day, proposed_by) DO UPDATE SET n = t.n + EXCLUDED.n;
    RETURN NULL;
END $$;

CREATE FUNCTION dashboard_tallies_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE claim_day_tallies t SET n = t.n - d.k
    FROM (SELECT team_id, created_at::date AS day, status, coalesce(verdict_id, 0) AS verdict_id,
                 count(*) AS k
          FROM old_rows GROUP BY 1, 2, 3, 4) AS d
    WHERE t.team_id = d.team_id AND t.day = d.day AND t.status = d.status
      AND t.verdict_id = d.verdict_id;
    UPDATE article_day_tallies t SET n = t.n - d.k
    FROM (SELECT team_id, article_id, created_at::date AS day, count(*) AS k
          FROM old_rows WHERE article_id IS NOT NULL AND status <> 'discarded'
          GROUP BY 1, 2, 3) AS d
    WHERE t.team_id = d.team_id AND t.article_id = d.article_id AND t.day = d.day;
    UPDATE verified_day_tallies t SET n = t.n - d.k
    FROM (SELECT team_id, verified_at::date AS day, coalesce(proposed_by, 0) AS proposed_by,
                 count(*) AS k
          FROM old_rows WHERE verified_at IS NOT NULL GROUP BY 1, 2, 3) AS d
    WHERE t.team_id = d.team_id AND t.day = d.day AND t.proposed_by = d.proposed_by;
    RETURN NULL;
END $$;

CREATE TRIGGER dashboard_tallies_insert AFTER INSERT ON claims
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION dashboard_tallies_insert();
CREATE TRIGGER dashboard_tallies_update AFTER UPDATE ON claims
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION dashboard_tallies_update();
CREATE TRIGGER dashboard_tallies_delete AFTER DELETE ON claims
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION dashboard_tallies_delete();

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
