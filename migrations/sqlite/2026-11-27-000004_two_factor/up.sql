-- Two-factor sign-in (TOTP, RFC 6238) with one-time recovery codes, and a team switch that requires
-- it. New tables only: `users` and `teams` keep their columns, so their row types stay as they are.

-- One row per user who has started enrolment. The secret is sealed with the server key
-- (XChaCha20-Poly1305, "v1:" + hex); `enabled_at` stays NULL until the first code confirms it.
-- `last_used_step` is the newest accepted time step: a code of that step or an older one is a replay.
CREATE TABLE user_two_factor (
    user_id INTEGER PRIMARY KEY REFERENCES users(id),
    secret_sealed TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    enabled_at TIMESTAMP,
    last_used_step BIGINT
);

-- Recovery codes: only the SHA-256 of each 80-bit code is kept; a used code stays, marked used.
CREATE TABLE two_factor_recovery_codes (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    code_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX two_factor_recovery_codes_user ON two_factor_recovery_codes(user_id);

-- A password accepted, the second factor still to come: the browser holds the token, this row its
-- hash, for five minutes. No session exists until the code checks out.
CREATE TABLE two_factor_challenges (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id INTEGER NOT NULL REFERENCES users(id),
    next_path TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX two_factor_challenges_expiry ON two_factor_challenges(expires_at);

-- Teams whose members must use two-factor sign-in (a row means "required").
CREATE TABLE team_two_factor (
    team_id INTEGER PRIMARY KEY REFERENCES teams(id),
    required_since TIMESTAMP NOT NULL,
    required_by INTEGER NOT NULL REFERENCES users(id)
);
