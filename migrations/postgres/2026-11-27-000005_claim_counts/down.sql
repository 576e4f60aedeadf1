DROP INDEX claims_team_verified_at;
DROP INDEX claims_team_created_at;
DROP TRIGGER claim_counts_update ON claims;
DROP TRIGGER claim_counts_delete ON claims;
DROP TRIGGER claim_counts_insert ON claims;
DROP FUNCTION claim_counts_track();
DROP TRIGGER claim_counts_team ON teams;
DROP FUNCTION claim_counts_team();
DROP TABLE claim_counts;
