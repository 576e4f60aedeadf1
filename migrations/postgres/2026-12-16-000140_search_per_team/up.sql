-- SQLite's full-text index numbered per team (see the SQLite migration of the same name).
-- PostgreSQL's tsvector lives on the claims row and is searched with the team's filter already.
SELECT 1;
