DROP INDEX claims_verdict_bucket;
DROP TRIGGER verdict_time_tallies_update;
DROP TRIGGER verdict_time_tallies_delete;
DROP TRIGGER verdict_time_tallies_insert;
DROP TABLE verdict_time_tallies;
ALTER TABLE claims DROP COLUMN verdict_bucket;
ALTER TABLE claims DROP COLUMN verdict_seconds;
