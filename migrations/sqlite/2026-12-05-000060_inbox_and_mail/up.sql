-- What members are told, and the mail that tells them. A notice is written in the transaction of
-- the change it tells of; so is its e-mail, in the outbox, which the server's mail worker sends
-- (retrying) when SMTP is configured and marks "not sent" when it is not.
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('assigned', 'sent_back', 'approval_requested', 'mentioned')),
    claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    actor_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    note TEXT,
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP
);
CREATE INDEX notifications_inbox ON notifications(user_id, team_id, id);
CREATE INDEX notifications_unread ON notifications(user_id, team_id) WHERE read_at IS NULL;
CREATE INDEX notifications_claim ON notifications(claim_id);

-- One e-mail to send. link_path is joined to CLAIMDESK_PUBLIC_URL when it is sent, and cleared
-- once it is sent or given up (a password-reset link holds its token only until then).
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id INTEGER REFERENCES teams(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    link_path TEXT,
    created_at TIMESTAMP NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP,
    gave_up_at TIMESTAMP,
    last_error TEXT
);
CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE sent_at IS NULL AND gave_up_at IS NULL;
CREATE INDEX outbox_team ON outbox(team_id, id);
CREATE INDEX outbox_created ON outbox(created_at);

-- The kinds of notice a member does not want by e-mail (the inbox shows them all the same).
CREATE TABLE mail_optouts (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    PRIMARY KEY (user_id, team_id, kind)
);

-- Password resets: single use, 30 minutes, the token stored as its SHA-256 only.
CREATE TABLE password_resets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    made_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX password_resets_user ON password_resets(user_id);
