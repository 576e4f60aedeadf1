-- Back to migration 000020: discarded claims return to unverified (their history keeps the
-- discard), and the sixth counter goes.
CREATE OR REPLACE FUNCTION claim_counts_team() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO claim_counts (team_id, status, n) VALUES
        (NEW.id, 'unverified', 0), (NEW.id, 'in_review', 0), (NEW.id, 'awaiting_approval', 0),
        (NEW.id, 'verified', 0), (NEW.id, 'published', 0);
    RETURN NULL;
END $$;

ALTER TABLE claims DROP CONSTRAINT claims_discard_reason_check;
-- The status trigger moves each claim's count from discarded to unverified.
UPDATE claims SET status = 'unverified' WHERE status = 'discarded';
ALTER TABLE claims DROP COLUMN discard_reason;
ALTER TABLE claims DROP CONSTRAINT claims_status_check;
ALTER TABLE claims ADD CONSTRAINT claims_status_check
    CHECK (status IN ('unverified', 'in_review', 'awaiting_approval', 'verified', 'published'));

DELETE FROM claim_counts WHERE status = 'discarded';
ALTER TABLE claim_counts DROP CONSTRAINT claim_counts_status_check;
ALTER TABLE claim_counts ADD CONSTRAINT claim_counts_status_check
    CHECK (status IN ('unverified', 'in_review', 'awaiting_approval', 'verified', 'published'));
