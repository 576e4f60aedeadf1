-- Personal API tokens: each bound to one user and one team, acting with the user's current role
-- there. Only the SHA-256 of a token is kept; a revoked token stays listed but works no more.
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    team_id INTEGER NOT NULL REFERENCES teams(id),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

-- The API's rate limit: requests per token per minute, counted here so every instance sees one count.
CREATE TABLE api_request_counts (
    token_id INTEGER NOT NULL REFERENCES api_tokens(id),
    window_start TIMESTAMP NOT NULL,
    requests INTEGER NOT NULL,
    PRIMARY KEY (token_id, window_start)
);
