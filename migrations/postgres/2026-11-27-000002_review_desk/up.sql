-- Review desk: verdict scales, articles, candidates, claims, tags, citations, comments, blind reviews,
-- saved views, and full-text search over claims.
ALTER TABLE teams ADD COLUMN blind_review BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE teams ADD COLUMN org_url TEXT;

CREATE TABLE verdicts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id BIGINT NOT NULL REFERENCES teams(id),
    key TEXT NOT NULL CHECK (char_length(key) BETWEEN 1 AND 40),
    label TEXT NOT NULL CHECK (char_length(label) BETWEEN 1 AND 60),
    rating INTEGER CHECK (rating BETWEEN 1 AND 5),
    position INTEGER NOT NULL,
    retired BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (team_id, key)
);

-- Every team starts with the default scale.
INSERT INTO verdicts (team_id, key, label, rating, position)
SELECT t.id, d.key, d.label, d.rating, d.position FROM teams t, (
    SELECT 'true' AS key, 'True' AS label, 5::INTEGER AS rating, 1 AS position
    UNION ALL SELECT 'mostly_true', 'Mostly true', 4, 2
    UNION ALL SELECT 'mixed', 'Mixed', 3, 3
    UNION ALL SELECT 'misleading', 'Misleading', 2, 4
    UNION ALL SELECT 'false', 'False', 1, 5
    UNION ALL SELECT 'unverifiable', 'Unverifiable', NULL, 6
) d;

CREATE TABLE articles (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id BIGINT NOT NULL REFERENCES teams(id),
    title TEXT NOT NULL,
    url TEXT,
    publisher TEXT,
    author TEXT,
    published_on DATE,
    body TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (team_id, body_hash)
);
CREATE INDEX articles_team ON articles(team_id, id);

CREATE TABLE candidates (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id BIGINT NOT NULL REFERENCES teams(id),
    article_id BIGINT NOT NULL REFERENCES articles(id),
    position INTEGER NOT NULL,
    span_start BIGINT NOT NULL,
    span_end BIGINT NOT NULL,
    sentence_start BIGINT NOT NULL,
    sentence_end BIGINT NOT NULL,
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
    conversion_of BIGINT REFERENCES candidates(id),
    implied_rate TEXT,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'rejected', 'merged')),
    claim_id BIGINT
);
CREATE INDEX candidates_article ON candidates(article_id, position);

CREATE TABLE claims (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id BIGINT NOT NULL REFERENCES teams(id),
    article_id BIGINT REFERENCES articles(id),
    statement TEXT NOT NULL,
    context TEXT NOT NULL,
    span_start BIGINT,
    span_end BIGINT,
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
    verdict_id BIGINT REFERENCES verdicts(id),
    rationale TEXT,
    assignee_id BIGINT REFERENCES users(id),
    proposed_by BIGINT REFERENCES users(id),
    proposed_at TIMESTAMP,
    approved_by BIGINT REFERENCES users(id),
    verified_at TIMESTAMP,
    published_at TIMESTAMP,
    correction_note TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_by BIGINT NOT NULL REFERENCES users(id),
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
    claim_id BIGINT NOT NULL REFERENCES claims(id),
    tag TEXT NOT NULL,
    PRIMARY KEY (claim_id, tag)
);
CREATE INDEX claim_tags_tag ON claim_tags(tag, claim_id);

CREATE TABLE citations (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id BIGINT NOT NULL REFERENCES teams(id),
    claim_id BIGINT NOT NULL REFERENCES claims(id),
    url TEXT NOT NULL,
    title TEXT NOT NULL,
    publisher TEXT,
    excerpt TEXT,
    accessed_on DATE,
    stance TEXT NOT NULL CHECK (stance IN ('supports', 'refutes', 'context')),
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX citations_claim ON citations(claim_id, id);

CREATE TABLE comments (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id BIGINT NOT NULL REFERENCES teams(id),
    claim_id BIGINT NOT NULL REFERENCES claims(id),
    author_id BIGINT NOT NULL REFERENCES users(id),
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX comments_claim ON comments(claim_id, id);

-- Blind second review: each reviewer's verdict, kept for agreement (Cohen's kappa).
CREATE TABLE reviews (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id BIGINT NOT NULL REFERENCES teams(id),
    claim_id BIGINT NOT NULL REFERENCES claims(id),
    reviewer_id BIGINT NOT NULL REFERENCES users(id),
    verdict_id BIGINT NOT NULL REFERENCES verdicts(id),
    rationale TEXT NOT NULL,
    round INTEGER NOT NULL,
    blind BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX reviews_claim ON reviews(claim_id, round);

CREATE TABLE saved_views (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id BIGINT NOT NULL REFERENCES teams(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    query TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX saved_views_user ON saved_views(user_id, team_id);

CREATE INDEX events_team_entity ON events(team_id, entity, entity_id);

-- Full-text search over claims: a generated tsvector with a GIN index.
ALTER TABLE claims ADD COLUMN search tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', statement || ' ' || coalesce(subject, '') || ' ' || coalesce(speaker, ''))
) STORED;
CREATE INDEX claims_search ON claims USING GIN (search);
