DROP INDEX candidates_claim;
