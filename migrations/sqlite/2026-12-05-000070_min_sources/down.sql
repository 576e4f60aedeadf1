ALTER TABLE teams DROP COLUMN min_sources;
