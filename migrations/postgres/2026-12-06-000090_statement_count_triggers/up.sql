-- The per-status counters (`claim_counts`) kept by one trigger call per statement instead of one
-- per row: a bulk insert (an import, `COPY`, accepting a long article's candidates) updated the
-- team's counter row once per claim, and in one transaction each update walks that row's versions
-- of the transaction so far, so 100k claims took minutes. The statement's changed rows come as
-- transition tables; each counter is changed once by the statement's net count. An UPDATE fires
-- the trigger whatever columns it set (a trigger with transition tables cannot name columns); one
-- that moves no claim between statuses nets to nothing and touches no counter row.
--
-- Lock order is unchanged: a transaction that changes statuses still takes its team's counter rows
-- first (`db::claims::lock_counts`); an insert or delete touches the counters of its statuses.
DROP TRIGGER claim_counts_insert ON claims;
DROP TRIGGER claim_counts_delete ON claims;
DROP TRIGGER claim_counts_update ON claims;
DROP FUNCTION claim_counts_track();

CREATE FUNCTION claim_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE claim_counts SET n = claim_counts.n + delta.k
        FROM (SELECT team_id, status, count(*) AS k FROM new_rows GROUP BY team_id, status) AS delta
        WHERE claim_counts.team_id = delta.team_id AND claim_counts.status = delta.status;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE claim_counts SET n = claim_counts.n - delta.k
        FROM (SELECT team_id, status, count(*) AS k FROM old_rows GROUP BY team_id, status) AS delta
        WHERE claim_counts.team_id = delta.team_id AND claim_counts.status = delta.status;
    ELSE
        UPDATE claim_counts SET n = claim_counts.n + delta.k
        FROM (SELECT team_id, status, sum(k) AS k
              FROM (SELECT team_id, status, 1 AS k FROM new_rows
                    UNION ALL
                    SELECT team_id, status, -1 AS k FROM old_rows) AS moved
              GROUP BY team_id, status
              HAVING sum(k) <> 0) AS delta
        WHERE claim_counts.team_id = delta.team_id AND claim_counts.status = delta.status;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER claim_counts_insert AFTER INSERT ON claims
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claim_counts_apply();
CREATE TRIGGER claim_counts_delete AFTER DELETE ON claims
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claim_counts_apply();
CREATE TRIGGER claim_counts_update AFTER UPDATE ON claims
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claim_counts_apply();
