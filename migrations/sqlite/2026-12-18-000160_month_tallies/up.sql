-- A dashboard over a long range from month tallies: the claim and verdict-time tallies of 000100
-- and 000110 added up by month, so a year reads its whole months as twelve rows per key instead of
-- 365. A range is read as the days before its first whole month (day tallies), its whole months
-- (these) and the days after them (day tallies again); `db::dashboard::Range::by_months` cuts it.
-- A month is named by its first day. Triggers on the day tallies keep these: every change of a day
-- tally's count (which the triggers on `claims` make) changes its month's by the same amount, so
-- the two agree after any write, whatever wrote it.
CREATE TABLE claim_month_tallies (
    team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    month DATE NOT NULL,
    status TEXT NOT NULL,
    verdict_id INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (team_id, month, status, verdict_id)
) WITHOUT ROWID;

CREATE TABLE verdict_time_month_tallies (
    team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    month DATE NOT NULL,
    bucket INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (team_id, month, bucket)
) WITHOUT ROWID;

INSERT INTO claim_month_tallies (team_id, month, status, verdict_id, n)
SELECT team_id, date(day, 'start of month'), status, verdict_id, sum(n)
FROM claim_day_tallies GROUP BY 1, 2, 3, 4;

INSERT INTO verdict_time_month_tallies (team_id, month, bucket, n)
SELECT team_id, date(day, 'start of month'), bucket, sum(n)
FROM verdict_time_tallies GROUP BY 1, 2, 3;

-- A delete only updates (as the day tallies' own triggers), so a team being deleted, whose month
-- tallies go with it, never brings a row back.
CREATE TRIGGER claim_month_tallies_insert AFTER INSERT ON claim_day_tallies BEGIN
    INSERT INTO claim_month_tallies (team_id, month, status, verdict_id, n)
    VALUES (NEW.team_id, date(NEW.day, 'start of month'), NEW.status, NEW.verdict_id, NEW.n)
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER claim_month_tallies_update AFTER UPDATE ON claim_day_tallies BEGIN
    UPDATE claim_month_tallies SET n = n - OLD.n
    WHERE team_id = OLD.team_id AND month = date(OLD.day, 'start of month')
      AND status = OLD.status AND verdict_id = OLD.verdict_id;
    INSERT INTO claim_month_tallies (team_id, month, status, verdict_id, n)
    VALUES (NEW.team_id, date(NEW.day, 'start of month'), NEW.status, NEW.verdict_id, NEW.n)
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER claim_month_tallies_delete AFTER DELETE ON claim_day_tallies BEGIN
    UPDATE claim_month_tallies SET n = n - OLD.n
    WHERE team_id = OLD.team_id AND month = date(OLD.day, 'start of month')
      AND status = OLD.status AND verdict_id = OLD.verdict_id;
END;

CREATE TRIGGER verdict_time_month_tallies_insert AFTER INSERT ON verdict_time_tallies BEGIN
    INSERT INTO verdict_time_month_tallies (team_id, month, bucket, n)
    VALUES (NEW.team_id, date(NEW.day, 'start of month'), NEW.bucket, NEW.n)
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER verdict_time_month_tallies_update AFTER UPDATE ON verdict_time_tallies BEGIN
    UPDATE verdict_time_month_tallies SET n = n - OLD.n
    WHERE team_id = OLD.team_id AND month = date(OLD.day, 'start of month') AND bucket = OLD.bucket;
    INSERT INTO verdict_time_month_tallies (team_id, month, bucket, n)
    VALUES (NEW.team_id, date(NEW.day, 'start of month'), NEW.bucket, NEW.n)
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER verdict_time_month_tallies_delete AFTER DELETE ON verdict_time_tallies BEGIN
    UPDATE verdict_time_month_tallies SET n = n - OLD.n
    WHERE team_id = OLD.team_id AND month = date(OLD.day, 'start of month') AND bucket = OLD.bucket;
END;
