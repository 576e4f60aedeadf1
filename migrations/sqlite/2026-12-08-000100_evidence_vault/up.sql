-- The job queue (background work: archiving and rechecking citations), the evidence vault's
-- snapshots of cited pages, and each citation's evidence state.
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY,
    team_id INTEGER REFERENCES teams(id),
    kind TEXT NOT NULL,
    subject_id INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    done_at TIMESTAMP,
    failed_at TIMESTAMP,
    last_error TEXT
);
-- One open job per kind and subject: asking twice does the work once.
CREATE UNIQUE INDEX jobs_open ON jobs(kind, subject_id) WHERE done_at IS NULL AND failed_at IS NULL;
CREATE INDEX jobs_due ON jobs(next_attempt_at) WHERE done_at IS NULL AND failed_at IS NULL;
CREATE INDEX jobs_team ON jobs(team_id, id);

CREATE TABLE snapshots (
    id INTEGER PRIMARY KEY,
    team_id INTEGER NOT NULL REFERENCES teams(id),
    citation_id INTEGER NOT NULL REFERENCES citations(id) ON DELETE CASCADE,
    requested_url TEXT NOT NULL,
    final_url TEXT NOT NULL,
    status INTEGER NOT NULL,
    media_type TEXT NOT NULL,
    charset TEXT,
    fetched_at TIMESTAMP NOT NULL,
    sha256 TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    stored_bytes BIGINT NOT NULL,
    body BLOB NOT NULL,
    page_text TEXT NOT NULL
);
CREATE INDEX snapshots_team ON snapshots(team_id);
CREATE INDEX snapshots_citation ON snapshots(citation_id);

CREATE TABLE evidence (
    citation_id INTEGER PRIMARY KEY REFERENCES citations(id) ON DELETE CASCADE,
    team_id INTEGER NOT NULL REFERENCES teams(id),
    state TEXT NOT NULL CHECK (state IN ('pending', 'archived', 'unarchived', 'changed', 'gone')),
    snapshot_id INTEGER REFERENCES snapshots(id) ON DELETE SET NULL,
    excerpt_found BOOLEAN,
    checked_at TIMESTAMP,
    note TEXT
);
CREATE INDEX evidence_checked ON evidence(checked_at);

-- Citations made before the vault are archived by the first worker that runs.
INSERT INTO evidence (citation_id, team_id, state)
    SELECT id, team_id, 'pending' FROM citations;
INSERT INTO jobs (team_id, kind, subject_id, created_at, next_attempt_at)
    SELECT team_id, 'citation.archive', id, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM citations;
