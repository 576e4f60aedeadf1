-- Back to 000140's row ids (team_id * 2^40 + id); the scores stay rounded.
DROP TRIGGER IF EXISTS search_vocabulary_insert;
DROP TRIGGER IF EXISTS search_vocabulary_delete;
DROP TRIGGER IF EXISTS search_vocabulary_update;
DROP TABLE IF EXISTS search_vocabulary;
DROP TRIGGER IF EXISTS claims_fts_insert;
DROP TRIGGER IF EXISTS claims_fts_delete;
DROP TRIGGER IF EXISTS claims_fts_update;
DROP TABLE claims_fts_terms;
DROP TABLE claims_fts;

ALTER TABLE claims DROP COLUMN search_key;
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
