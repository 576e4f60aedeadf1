-- Tamper evidence for the history: the events of each team form a hash chain (docs/ARCHITECTURE.md,
-- "Tamper evidence"). Each event carries its place in its chain (seq, from 1), the hash of the event
-- before it (prev_hash; 64 zeros for the first) and the SHA-256 of its own canonical content (hash),
-- all written by db::events::record in the transaction of the change. Events with no team form one
-- chain of their own, keyed 0 (team ids start at 1).
--
-- The columns are nullable only for the events written before this migration: it numbers them here
-- (in id order per chain) and leaves their hashes to the application, which seals them at start-up
-- (db::events::seal): SQL cannot compute SHA-256 on SQLite.
ALTER TABLE events ADD COLUMN seq INTEGER;
ALTER TABLE events ADD COLUMN prev_hash TEXT;
ALTER TABLE events ADD COLUMN hash TEXT;

UPDATE events SET seq = numbered.n
FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY team_id ORDER BY id) AS n FROM events) AS numbered
WHERE numbered.id = events.id;

-- Each chain's head: its last seq and last hash. A writer locks this row before it appends, so two
-- writers cannot both link to the same event. last_hash is NULL only for a chain numbered above and
-- not sealed yet; a new chain starts at seq 0 with the genesis hash.
CREATE TABLE event_chains (
    chain_key INTEGER PRIMARY KEY,
    last_seq INTEGER NOT NULL CHECK (last_seq >= 0),
    last_hash TEXT CHECK (last_hash IS NULL OR length(last_hash) = 64)
);

INSERT INTO event_chains (chain_key, last_seq, last_hash)
SELECT COALESCE(team_id, 0), COUNT(*), NULL FROM events GROUP BY COALESCE(team_id, 0);

-- Verification walks each chain in seq order; the unique indexes also make a fork (two events with
-- one place in a chain) impossible even if the head lock were bypassed. A plain unique index does
-- not compare NULL team ids, hence the second, partial one for the no-team chain.
CREATE UNIQUE INDEX events_chain_seq ON events(team_id, seq);
CREATE UNIQUE INDEX events_no_team_seq ON events(seq) WHERE team_id IS NULL;
