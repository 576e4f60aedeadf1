DROP TRIGGER IF EXISTS claims_fts_insert;
DROP TRIGGER IF EXISTS claims_fts_delete;
DROP TRIGGER IF EXISTS claims_fts_update;
DROP TABLE claims_fts;

CREATE VIRTUAL TABLE claims_fts USING fts5(
    statement, subject, speaker, content='claims', content_rowid='id', tokenize='unicode61'
);
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts(rowid, statement, subject, speaker)
    VALUES (new.id, new.statement, coalesce(new.subject, ''), coalesce(new.speaker, ''));
END;
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, statement, subject, speaker)
    VALUES ('delete', old.id, old.statement, coalesce(old.subject, ''), coalesce(old.speaker, ''));
END;
CREATE TRIGGER claims_fts_update AFTER UPDATE OF statement, subject, speaker ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, statement, subject, speaker)
    VALUES ('delete', old.id, old.statement, coalesce(old.subject, ''), coalesce(old.speaker, ''));
    INSERT INTO claims_fts(rowid, statement, subject, speaker)
    VALUES (new.id, new.statement, coalesce(new.subject, ''), coalesce(new.speaker, ''));
END;
INSERT INTO claims_fts(claims_fts) VALUES ('rebuild');
