-- Foundation: teams, users, memberships, sessions, invites, login throttling, first-run setup, events.
-- Ids are 64-bit integers; timestamps are UTC without zone (diesel Timestamp).
CREATE TABLE teams (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE memberships (
    user_id INTEGER NOT NULL REFERENCES users(id),
    team_id INTEGER NOT NULL REFERENCES teams(id),
    role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'reviewer', 'viewer')),
    active BOOLEAN NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, team_id)
);
CREATE INDEX memberships_team ON memberships(team_id);

CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id INTEGER NOT NULL REFERENCES users(id),
    team_id INTEGER NOT NULL REFERENCES teams(id),
    csrf_token TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    ip TEXT NOT NULL,
    user_agent TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE invites (
    id INTEGER PRIMARY KEY,
    team_id INTEGER NOT NULL REFERENCES teams(id),
    email TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'reviewer', 'viewer')),
    token_hash TEXT NOT NULL UNIQUE,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    accepted_at TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE INDEX invites_team ON invites(team_id);

-- One row per failed sign-in, keyed by account ('email:<sha256>') and by client ('ip:<addr>').
CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY,
    throttle_key TEXT NOT NULL,
    failed_at TIMESTAMP NOT NULL
);
CREATE INDEX login_failures_key_time ON login_failures(throttle_key, failed_at);

-- First-run setup links: only the hash is kept; a token works once.
CREATE TABLE setup_tokens (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);

-- History: who did what to which record, before and after, written in the transaction of the change.
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    team_id INTEGER REFERENCES teams(id),
    actor_id INTEGER REFERENCES users(id),
    entity TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    action TEXT NOT NULL,
    before_value TEXT,
    after_value TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX events_entity ON events(entity, entity_id, id);
CREATE INDEX events_team ON events(team_id, id);
