-- A dashboard over a long range from month tallies: the claim and verdict-time tallies of 000100
-- and 000110 added up by month, so a year reads its whole months as twelve rows per key instead of
-- 365. A range is read as the days before its first whole month (day tallies), its whole months
-- (these) and the days after them (day tallies again); `db::dashboard::Range::by_months` cuts it.
-- A month is named by its first day. Row triggers on the day tallies keep these: every change of a
-- day tally's count (which the statement triggers on `claims` make, once per tally row and
-- statement) changes its month's by the same amount, so the two agree after any write, whatever
-- wrote it. The month rows are locked in the order of the day rows, not their own; two writers
-- cannot take them in opposite orders because every write transaction of a team takes the team's
-- history-chain lock first (`db::events::lock_chain`), so a team's writes run one at a time.
CREATE TABLE claim_month_tallies (
    team_id BIGINT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    month DATE NOT NULL,
    status TEXT NOT NULL,
    verdict_id BIGINT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (team_id, month, status, verdict_id)
);

CREATE TABLE verdict_time_month_tallies (
    team_id BIGINT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    month DATE NOT NULL,
    bucket INTEGER NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (team_id, month, bucket)
);

-- No write may land between the fill and the triggers (an instance still running the old version).
LOCK TABLE claim_day_tallies, verdict_time_tallies IN SHARE ROW EXCLUSIVE MODE;

INSERT INTO claim_month_tallies (team_id, month, status, verdict_id, n)
SELECT team_id, date_trunc('month', day::timestamp)::date, status, verdict_id, sum(n)
FROM claim_day_tallies GROUP BY 1, 2, 3, 4;

INSERT INTO verdict_time_month_tallies (team_id, month, bucket, n)
SELECT team_id, date_trunc('month', day::timestamp)::date, bucket, sum(n)
FROM verdict_time_tallies GROUP BY 1, 2, 3;

-- A delete only updates (as the day tallies' own triggers), so a team being deleted, whose month
-- tallies go with it, never brings a row back.
CREATE FUNCTION claim_month_tallies_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE claim_month_tallies SET n = n - OLD.n
        WHERE team_id = OLD.team_id AND month = date_trunc('month', OLD.day::timestamp)::date
          AND status = OLD.status AND verdict_id = OLD.verdict_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO claim_month_tallies AS t (team_id, month, status, verdict_id, n)
        VALUES (NEW.team_id, date_trunc('month', NEW.day::timestamp)::date, NEW.status, NEW.verdict_id, NEW.n)
        ON CONFLICT (team_id, month, status, verdict_id) DO UPDATE SET n = t.n + EXCLUDED.n;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION verdict_time_month_tallies_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE verdict_time_month_tallies SET n = n - OLD.n
        WHERE team_id = OLD.team_id AND month = date_trunc('month', OLD.day::timestamp)::date
          AND bucket = OLD.bucket;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO verdict_time_month_tallies AS t (team_id, month, bucket, n)
        VALUES (NEW.team_id, date_trunc('month', NEW.day::timestamp)::date, NEW.bucket, NEW.n)
        ON CONFLICT (team_id, month, bucket) DO UPDATE SET n = t.n + EXCLUDED.n;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER claim_month_tallies_follow AFTER INSERT OR UPDATE OR DELETE ON claim_day_tallies
    FOR EACH ROW EXECUTE FUNCTION claim_month_tallies_follow();
CREATE TRIGGER verdict_time_month_tallies_follow AFTER INSERT OR UPDATE OR DELETE ON verdict_time_tallies
    FOR EACH ROW EXECUTE FUNCTION verdict_time_month_tallies_follow();

ANALYZE claim_month_tallies;
ANALYZE verdict_time_month_tallies;
