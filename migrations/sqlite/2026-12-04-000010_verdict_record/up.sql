-- The verdict record: the blind-review seal on each claim, what was published (each publication a
-- frozen copy of the record, so the public page never changes until the next one), and corrections
-- (opened by a reopen with a note, closed by the republication that follows).

-- A blind team's proposed verdict is sealed from everyone but its proposer until the second review
-- is in (or the claim leaves awaiting approval). Kept on the row so every list can filter on it.
ALTER TABLE claims ADD COLUMN review_sealed BOOLEAN NOT NULL DEFAULT 0;
UPDATE claims SET review_sealed = 1
WHERE status = 'awaiting_approval'
  AND team_id IN (SELECT id FROM teams WHERE blind_review)
  AND NOT EXISTS (
      SELECT 1 FROM reviews
      WHERE reviews.claim_id = claims.id AND reviews.blind
        AND reviews.round = (SELECT max(r.round) FROM reviews r WHERE r.claim_id = claims.id));

CREATE TABLE publications (
    id INTEGER PRIMARY KEY,
    team_id INTEGER NOT NULL REFERENCES teams(id),
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    published_at TIMESTAMP NOT NULL,
    published_by INTEGER REFERENCES users(id),
    verdict_label TEXT,
    rating INTEGER,
    -- The record as published (statement, quantity, verdict, rationale, sources), as JSON.
    record TEXT NOT NULL
);
CREATE INDEX publications_claim ON publications(claim_id, id);
CREATE INDEX publications_team ON publications(team_id, id);

CREATE TABLE corrections (
    id INTEGER PRIMARY KEY,
    team_id INTEGER NOT NULL REFERENCES teams(id),
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    note TEXT NOT NULL,
    opened_by INTEGER NOT NULL REFERENCES users(id),
    opened_at TIMESTAMP NOT NULL,
    -- The publication being corrected; NULL when the claim was verified but never published.
    from_publication INTEGER REFERENCES publications(id),
    -- The republication that closed it; NULL while the correction is in progress.
    to_publication INTEGER REFERENCES publications(id),
    closed_at TIMESTAMP
);
CREATE INDEX corrections_claim ON corrections(claim_id, id);
CREATE INDEX corrections_team_closed ON corrections(team_id, closed_at, id);
