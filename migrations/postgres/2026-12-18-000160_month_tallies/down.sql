DROP TRIGGER IF EXISTS verdict_time_month_tallies_follow ON verdict_time_tallies;
DROP TRIGGER IF EXISTS claim_month_tallies_follow ON claim_day_tallies;
DROP FUNCTION IF EXISTS verdict_time_month_tallies_follow();
DROP FUNCTION IF EXISTS claim_month_tallies_follow();
DROP TABLE IF EXISTS verdict_time_month_tallies;
DROP TABLE IF EXISTS claim_month_tallies;
