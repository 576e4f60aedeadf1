-- Review desk: verdict scales, articles, candidates, claims, tags, citations, comments, blind reviews,
-- saved views, and full-text search over claims.
ALTER TABLE teams ADD COLUMN blind_review BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE teams ADD COLUMN org_url TEXT;

CREATE TABLE verdicts (
    id INTEGER PRIMARY KEY,
    team_id INTEGER NOT NULL REFERENCES teams(id),
    key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 40),
    label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 60),
    rating INTEGER CHECK (rating BETWEEN 1 AND 5),
    position INTEGER NOT NULL,
    retired BOOLEAN NOT NULL DEFAULT 0,
    UNIQUE (team_id, key)
);

-- Every team starts with the default scale.
INSERT INTO verdicts (team_id, key, label, rating, position)
SELECT t.id, d.key, d.label, d.rating, d.position FROM teams t, (
    SELECT 'true' AS key, 'True' AS label, 5 AS rating, 1 AS position
    UNION ALL SELECT 'mostly_true', 'Mostly true', 4, 2
    UNION ALL SELECT 'mixed', 'Mixed', 3, 3
    UNION ALL SELECT 'misleading', 'Misleading', 2, 4
    UNION ALL SELECT 'false', 'False', 1, 5
    UNION ALL SELECT 'unverifiable', 'Unverifiable', NULL, 6
) d;

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
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
CREATE INDEX articles_team ON articles(team_id, id);

CREATE TABLE candidates (
    id INTEGER PRIMARY KEY,
    team_id INTEGER NOT NULL REFERENCES teams(id),
    article_id INTEGER NOT NULL REFERENCES articles(id),
    position INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    surface TEXT NOT NULL,
    value TEXT,
    value_high TEXT,
    unit TEXT,
    qualifier TEXT NOT NULL CHECK (qualifier IN ('exact', 'more_than', 'less_than', 'about', 'range')),
    subject TEXT,
    speaker TEXT,
    score DOUBLE PRECISION NOT NULL,
    check_worthy BOOLEAN NOT NULL,
    kind TEXT NOT NULL,
    conversion_of INTEGER REFERENCES candidates(id),
    implied_rate TEXT,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'rejected', 'merged')),
    claim_id INTEGER
);
CREATE INDEX candidates_article ON candidates(article_id, position);

CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
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
        CHECK (status IN ('unverified', 'in_review', 'awaiting_approval', 'verified', 'published')),
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
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX claims_team_score ON claims(team_id, score DESC, id DESC);
CREATE INDEX claims_team_created ON claims(team_id, id);
CREATE INDEX claims_team_updated ON claims(team_id, updated_at, id);
CREATE INDEX claims_team_status ON claims(team_id, status, score DESC, id DESC);
CREATE INDEX claims_team_assignee ON claims(team_id, assignee_id);
CREATE INDEX claims_article ON claims(article_id);
CREATE INDEX claims_match ON claims(team_id, unit, value);

CREATE TABLE claim_tags (
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    tag TEXT NOT NULL,
    PRIMARY KEY (claim_id, tag)
);
CREATE INDEX claim_tags_tag ON claim_tags(tag, claim_id);

CREATE TABLE citations (
    id INTEGER PRIMARY KEY,
    team_id INTEGER NOT NULL REFERENCES teams(id),
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    url TEXT NOT NULL,
    title TEXT NOT NULL,
    publisher TEXT,
    excerpt TEXT,
    accessed_on DATE,
    stance TEXT NOT NULL CHECK (stance IN ('supports', 'refutes', 'context')),
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX citations_claim ON citations(claim_id, id);

CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    team_id INTEGER NOT NULL REFERENCES teams(id),
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    author_id INTEGER NOT NULL REFERENCES users(id),
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX comments_claim ON comments(claim_id, id);

-- Blind second review: each reviewer's verdict, kept for agreement (Cohen's kappa).
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    team_id INTEGER NOT NULL REFERENCES teams(id),
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    reviewer_id INTEGER NOT NULL REFERENCES users(id),
    verdict_id INTEGER NOT NULL REFERENCES verdicts(id),
    rationale TEXT NOT NULL,
    round INTEGER NOT NULL,
    blind BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX reviews_claim ON reviews(claim_id, round);

CREATE TABLE saved_views (
    id INTEGER PRIMARY KEY,
    team_id INTEGER NOT NULL REFERENCES teams(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    query TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX saved_views_user ON saved_views(user_id, team_id);

CREATE INDEX events_team_entity ON events(team_id, entity, entity_id);

-- Full-text search over claims, kept in step by triggers.
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
