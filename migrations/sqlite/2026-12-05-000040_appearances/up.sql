-- The claims a candidate became or joined: the appearances of a claim.
CREATE INDEX candidates_claim ON candidates(claim_id) WHERE claim_id IS NOT NULL;
