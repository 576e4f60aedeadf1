-- Undo and clean-up: a claim can be discarded as not check-worthy (status 'discarded', with its
-- reason in discard_reason, set exactly while discarded) and an article can be deleted with its
-- unsettled claims.
--
-- SQLite changes a CHECK constraint only by rebuilding the table (https://sqlite.org/lang_altertable.html,
-- "Making Other Kinds Of Table Schema Changes"): with foreign keys off, create the new table, copy,
-- drop the old one, rename the new one, then recreate its indexes and triggers. `articles` and
-- `claims` are rebuilt with AUTOINCREMENT as well: once rows can be deleted, a plain INTEGER
-- PRIMARY KEY hands the largest deleted id to the next row, and the history (events name their
-- article or claim by id) would then show a deleted claim's lines on a new one.
--
-- This runs outside diesel's transaction (metadata.toml) and brings its own. Should the process die
-- between its COMMIT and diesel recording the migration, running it again at the next start is
-- harmless: nothing can have discarded a claim in between, and it copies the tables as they are
-- into tables of the same shape.
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;

-- Triggers naming `claims` or `claim_counts` go first, so no rename below meets a trigger whose
-- table is missing; they are recreated at the end.
DROP TRIGGER IF EXISTS claims_fts_insert;
DROP TRIGGER IF EXISTS claims_fts_delete;
DROP TRIGGER IF EXISTS claims_fts_update;
DROP TRIGGER IF EXISTS claim_counts_insert;
DROP TRIGGER IF EXISTS claim_counts_delete;
DROP TRIGGER IF EXISTS claim_counts_update;
DROP TRIGGER IF EXISTS claim_counts_team;

CREATE TABLE articles_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id INTEGER NOT NULL REFERENCES teams(id),
    title TEXT NOT NULL,
    url TEXT,
    publisher TEXT,
    author TEXT,
    published_on DATE,
    body TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (team_id, body_hash)
);
INSERT INTO articles_new (id, team_id, title, url, publisher, author, published_on, body, body_hash,
                          created_by, created_at)
SELECT id, team_id, title, url, publisher, author, published_on, body, body_hash, created_by, created_at
FROM articles;
DROP TABLE articles;
ALTER TABLE articles_new RENAME TO articles;
CREATE INDEX articles_team ON articles(team_id, id);

CREATE TABLE claims_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id INTEGER NOT NULL REFERENCES teams(id),
    article_id INTEGER REFERENCES articles(id),
    statement TEXT NOT NULL,
    context TEXT NOT NULL,
    span_start INTEGER,
    span_end INTEGER,
    surface TEXT,
    value TEXT,
    value_high TEXT,
    unit TEXT,
    qualifier TEXT CHECK (qualifier IN ('exact', 'more_than', 'less_than', 'about', 'range')),
    subject TEXT,
    speaker TEXT,
    score DOUBLE PRECISION NOT NULL,
    status TEXT NOT NULL DEFAULT 'unverified'
        CHECK (status IN ('unverified', 'in_review', 'awaiting_approval', 'verified', 'published',
                          'discarded')),
    verdict_id INTEGER REFERENCES verdicts(id),
    rationale TEXT,
    assignee_id INTEGER REFERENCES users(id),
    proposed_by INTEGER REFERENCES users(id),
    proposed_at TIMESTAMP,
    approved_by INTEGER REFERENCES users(id),
    verified_at TIMESTAMP,
    published_at TIMESTAMP,
    correction_note TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    review_sealed BOOLEAN NOT NULL DEFAULT 0,
    discard_reason TEXT,
    CHECK ((status = 'discarded') = (discard_reason IS NOT NULL))
);
INSERT INTO claims_new (id, team_id, article_id, statement, context, span_start, span_end, surface,
                        value, value_high, unit, qualifier, subject, speaker, score, status,
                        verdict_id, rationale, assignee_id, proposed_by, proposed_at, approved_by,
                        verified_at, published_at, correction_note, version, created_by, created_at,
                        updated_at, review_sealed)
SELECT id, team_id, article_id, statement, context, span_start, span_end, surface, value, value_high,
       unit, qualifier, subject, speaker, score, status, verdict_id, rationale, assignee_id,
       proposed_by, proposed_at, approved_by, verified_at, published_at, correction_note, version,
       created_by, created_at, updated_at, review_sealed
FROM claims;
DROP TABLE claims;
ALTER TABLE claims_new RENAME TO claims;
CREATE INDEX claims_team_score ON claims(team_id, score DESC, id DESC);
CREATE INDEX claims_team_created ON claims(team_id, id);
CREATE INDEX claims_team_updated ON claims(team_id, updated_at, id);
CREATE INDEX claims_team_status ON claims(team_id, status, score DESC, id DESC);
CREATE INDEX claims_team_assignee ON claims(team_id, assignee_id);
CREATE INDEX claims_article ON claims(article_id);
CREATE INDEX claims_match ON claims(team_id, unit, value);
CREATE INDEX claims_team_created_at ON claims(team_id, created_at, status, verdict_id, article_id);
CREATE INDEX claims_team_verified_at ON claims(team_id, verified_at);

CREATE TABLE claim_counts_new (
    team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    status TEXT NOT NULL
        CHECK (status IN ('unverified', 'in_review', 'awaiting_approval', 'verified', 'published',
                          'discarded')),
    n INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (team_id, status)
) WITHOUT ROWID;
INSERT INTO claim_counts_new (team_id, status, n) SELECT team_id, status, n FROM claim_counts;
INSERT INTO claim_counts_new (team_id, status, n)
SELECT id, 'discarded', 0 FROM teams WHERE id NOT IN (SELECT team_id FROM claim_counts_new WHERE status = 'discarded');
DROP TABLE claim_counts;
ALTER TABLE claim_counts_new RENAME TO claim_counts;

-- The triggers, as before (migrations 000002 and 000005), a team now starting with six counters.
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

CREATE TRIGGER claim_counts_team AFTER INSERT ON teams BEGIN
    INSERT INTO claim_counts (team_id, status, n) VALUES
        (NEW.id, 'unverified', 0), (NEW.id, 'in_review', 0), (NEW.id, 'awaiting_approval', 0),
        (NEW.id, 'verified', 0), (NEW.id, 'published', 0), (NEW.id, 'discarded', 0);
END;
CREATE TRIGGER claim_counts_insert AFTER INSERT ON claims BEGIN
    UPDATE claim_counts SET n = n + 1 WHERE team_id = NEW.team_id AND status = NEW.status;
END;
CREATE TRIGGER claim_counts_delete AFTER DELETE ON claims BEGIN
    UPDATE claim_counts SET n = n - 1 WHERE team_id = OLD.team_id AND status = OLD.status;
END;
CREATE TRIGGER claim_counts_update AFTER UPDATE OF status, team_id ON claims
WHEN OLD.status <> NEW.status OR OLD.team_id <> NEW.team_id BEGIN
    UPDATE claim_counts SET n = n - 1 WHERE team_id = OLD.team_id AND status = OLD.status;
    UPDATE claim_counts SET n = n + 1 WHERE team_id = NEW.team_id AND status = NEW.status;
END;

COMMIT;
PRAGMA foreign_keys = ON;
