-- Undo and clean-up: a claim can be discarded as not check-worthy (status 'discarded', with its
-- reason in discard_reason, set exactly while discarded), and an article can be deleted with its
-- unsettled claims (identity columns never hand a deleted id to a new row, so the history, which
-- names claims and articles by id, stays theirs alone).
ALTER TABLE claims DROP CONSTRAINT claims_status_check;
ALTER TABLE claims ADD CONSTRAINT claims_status_check
    CHECK (status IN ('unverified', 'in_review', 'awaiting_approval', 'verified', 'published',
                      'discarded'));
ALTER TABLE claims ADD COLUMN discard_reason TEXT;
ALTER TABLE claims ADD CONSTRAINT claims_discard_reason_check
    CHECK ((status = 'discarded') = (discard_reason IS NOT NULL));

-- Discarded claims are counted too (the queue's "Discarded" tab), as a sixth counter per team.
ALTER TABLE claim_counts DROP CONSTRAINT claim_counts_status_check;
ALTER TABLE claim_counts ADD CONSTRAINT claim_counts_status_check
    CHECK (status IN ('unverified', 'in_review', 'awaiting_approval', 'verified', 'published',
                      'discarded'));
INSERT INTO claim_counts (team_id, status, n) SELECT id, 'discarded', 0 FROM teams;

CREATE OR REPLACE FUNCTION claim_counts_team() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO claim_counts (team_id, status, n) VALUES
        (NEW.id, 'unverified', 0), (NEW.id, 'in_review', 0), (NEW.id, 'awaiting_approval', 0),
        (NEW.id, 'verified', 0), (NEW.id, 'published', 0), (NEW.id, 'discarded', 0);
    RETURN NULL;
END $$;
