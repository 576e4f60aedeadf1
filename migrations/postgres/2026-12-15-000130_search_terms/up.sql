-- SQLite's vocabulary table for prefix searches (see the SQLite migration of the same name).
-- PostgreSQL answers a prefix through its tsvector index as it is: nothing to change.
SELECT 1;
