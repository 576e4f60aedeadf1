DROP INDEX events_no_team_seq;
DROP INDEX events_chain_seq;
DROP TABLE event_chains;
ALTER TABLE events DROP COLUMN hash;
ALTER TABLE events DROP COLUMN prev_hash;
ALTER TABLE events DROP COLUMN seq;
