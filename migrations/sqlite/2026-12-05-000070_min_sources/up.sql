-- How many cited sources a claim needs before a verdict other than "unverifiable" is proposed.
ALTER TABLE teams ADD COLUMN min_sources INTEGER NOT NULL DEFAULT 1;
