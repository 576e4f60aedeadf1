-- The full-text index lists each team's claims in the queue's default order: a claim's row in it is
-- numbered team_id * 2^43 + its score in thousandths * 2^33 + id (`claims.search_key`), so one
-- team's matches read from the index's end, highest row id first, come in the order of the queue
-- sorted by score (score, then id, both descending): a search's page is the first matches the index
-- gives (db::claims::search, `SearchPlan::Index`), with no probe or sort. Scores are kept to
-- thousandths (`domain::Score`), which the row ids need to agree with the queue's order; the few
-- stored with more digits are rounded first. Rebuilt from the claims, as 000140 did.
--
-- `search_vocabulary` counts every change to the words of the claims (an insert, a delete, a change
-- of the indexed text), so that a last-word prefix spelt out as the words it begins can be kept
-- until the words change (db::claims::words::spelt_out), and names the database with a random
-- nonce (a process may open several).
UPDATE claims SET score = round(max(0.0, min(1.0, score)), 3)
 WHERE score <> round(max(0.0, min(1.0, score)), 3);
DROP TRIGGER IF EXISTS claims_fts_insert;
DROP TRIGGER IF EXISTS claims_fts_delete;
DROP TRIGGER IF EXISTS claims_fts_update;
DROP TABLE claims_fts_terms;
DROP TABLE claims_fts;

ALTER TABLE claims DROP COLUMN search_key;
ALTER TABLE claims ADD COLUMN search_key INTEGER GENERATED ALWAYS AS (
    team_id * 8796093022208 + CAST(round(max(0.0, min(1.0, score)) * 1000) AS INTEGER) * 8589934592 + id
) VIRTUAL;

CREATE VIRTUAL TABLE claims_fts USING fts5(
    statement, subject, speaker, value, content='claims', content_rowid='search_key',
    tokenize='unicode61'
);
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts(rowid, statement, subject, speaker, value)
    VALUES (new.team_id * 8796093022208 + CAST(round(max(0.0, min(1.0, new.score)) * 1000) AS INTEGER) * 8589934592 + new.id, new.statement, coalesce(new.subject, ''),
            coalesce(new.speaker, ''), coalesce(new.value, ''));
END;
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, statement, subject, speaker, value)
    VALUES ('delete', old.team_id * 8796093022208 + CAST(round(max(0.0, min(1.0, old.score)) * 1000) AS INTEGER) * 8589934592 + old.id, old.statement,
            coalesce(old.subject, ''), coalesce(old.speaker, ''), coalesce(old.value, ''));
END;
CREATE TRIGGER claims_fts_update AFTER UPDATE OF team_id, score, statement, subject, speaker, value ON claims
BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, statement, subject, speaker, value)
    VALUES ('delete', old.team_id * 8796093022208 + CAST(round(max(0.0, min(1.0, old.score)) * 1000) AS INTEGER) * 8589934592 + old.id, old.statement,
            coalesce(old.subject, ''), coalesce(old.speaker, ''), coalesce(old.value, ''));
    INSERT INTO claims_fts(rowid, statement, subject, speaker, value)
    VALUES (new.team_id * 8796093022208 + CAST(round(max(0.0, min(1.0, new.score)) * 1000) AS INTEGER) * 8589934592 + new.id, new.statement, coalesce(new.subject, ''),
            coalesce(new.speaker, ''), coalesce(new.value, ''));
END;
INSERT INTO claims_fts(claims_fts) VALUES ('rebuild');
CREATE VIRTUAL TABLE claims_fts_terms USING fts5vocab('claims_fts', 'instance');

CREATE TABLE search_vocabulary (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    nonce INTEGER NOT NULL,
    changes INTEGER NOT NULL
);
INSERT INTO search_vocabulary (id, nonce, changes) VALUES (1, random(), 0);
CREATE TRIGGER search_vocabulary_insert AFTER INSERT ON claims BEGIN
    UPDATE search_vocabulary SET changes = changes + 1;
END;
CREATE TRIGGER search_vocabulary_delete AFTER DELETE ON claims BEGIN
    UPDATE search_vocabulary SET changes = changes + 1;
END;
CREATE TRIGGER search_vocabulary_update AFTER UPDATE OF statement, subject, speaker, value ON claims
BEGIN
    UPDATE search_vocabulary SET changes = changes + 1;
END;
