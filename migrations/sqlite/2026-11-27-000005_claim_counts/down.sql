DROP INDEX claims_team_verified_at;
DROP INDEX claims_team_created_at;
DROP TRIGGER claim_counts_update;
DROP TRIGGER claim_counts_delete;
DROP TRIGGER claim_counts_insert;
DROP TRIGGER claim_counts_team;
DROP TABLE claim_counts;
