DROP TRIGGER IF EXISTS verdict_time_month_tallies_delete;
DROP TRIGGER IF EXISTS verdict_time_month_tallies_update;
DROP TRIGGER IF EXISTS verdict_time_month_tallies_insert;
DROP TRIGGER IF EXISTS claim_month_tallies_delete;
DROP TRIGGER IF EXISTS claim_month_tallies_update;
DROP TRIGGER IF EXISTS claim_month_tallies_insert;
DROP TABLE IF EXISTS verdict_time_month_tallies;
DROP TABLE IF EXISTS claim_month_tallies;
