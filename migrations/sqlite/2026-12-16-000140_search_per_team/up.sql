-- The full-text index keeps each team's claims together: a claim's row in it is numbered
-- team_id * 2^40 + id (`claims.search_key`), so one team's matches are one range of row ids, which
-- FTS5 seeks to directly. A search counts and lists only its own team's matches
-- (db::claims::search), instead of every team's. Rebuilt from the claims, as 000050 did.
DROP TRIGGER IF EXISTS claims_fts_insert;
DROP TRIGGER IF EXISTS claims_fts_delete;
DROP TRIGGER IF EXISTS claims_fts_update;
DROP TABLE claims_fts_terms;
DROP TABLE claims_fts;

ALTER TABLE claims ADD COLUMN search_key INTEGER GENERATED ALWAYS AS (team_id * 1099511627776 + id) VIRTUAL;

CREATE VIRTUAL TABLE claims_fts USING fts5(
    statement, subject, speaker, value, content='claims', content_rowid='search_key',
    tokenize='unicode61'
);
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts(rowid, statement, subject, speaker, value)
    VALUES (new.team_id * 1099511627776 + new.id, new.statement, coalesce(new.subject, ''),
            coalesce(new.speaker, ''), coalesce(new.value, ''));
END;
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, statement, subject, speaker, value)
    VALUES ('delete', old.team_id * 1099511627776 + old.id, old.statement,
            coalesce(old.subject, ''), coalesce(old.speaker, ''), coalesce(old.value, ''));
END;
CREATE TRIGGER claims_fts_update AFTER UPDATE OF team_id, statement, subject, speaker, value ON claims
BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, statement, subject, speaker, value)
    VALUES ('delete', old.team_id * 1099511627776 + old.id, old.statement,
            coalesce(old.subject, ''), coalesce(old.speaker, ''), coalesce(old.value, ''));
    INSERT INTO claims_fts(rowid, statement, subject, speaker, value)
    VALUES (new.team_id * 1099511627776 + new.id, new.statement, coalesce(new.subject, ''),
            coalesce(new.speaker, ''), coalesce(new.value, ''));
END;
INSERT INTO claims_fts(claims_fts) VALUES ('rebuild');
CREATE VIRTUAL TABLE claims_fts_terms USING fts5vocab('claims_fts', 'instance');
