-- Watchlists: a team's feeds (polled with conditional GET) and the items taken from them; a
-- notice kind for a watched feed repeating a published claim.
CREATE TABLE feeds (
    id INTEGER PRIMARY KEY,
    team_id INTEGER NOT NULL REFERENCES teams(id),
    url TEXT NOT NULL,
    title TEXT NOT NULL,
    added_by INTEGER NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    removed_at TIMESTAMP,
    etag TEXT,
    last_modified TEXT,
    polled_at TIMESTAMP,
    -- What the last poll came to, in words ("2 new articles", "not modified", the error).
    last_result TEXT,
    articles_taken INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX feeds_team ON feeds(team_id, id);

CREATE TABLE feed_items (
    id INTEGER PRIMARY KEY,
    feed_id INTEGER NOT NULL REFERENCES feeds(id),
    team_id INTEGER NOT NULL REFERENCES teams(id),
    guid TEXT NOT NULL,
    link TEXT,
    article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
    seen_at TIMESTAMP NOT NULL,
    note TEXT
);
CREATE UNIQUE INDEX feed_items_guid ON feed_items(feed_id, guid);

-- SQLite cannot change a CHECK: the notices' table is rebuilt with the new kind.
CREATE TABLE notifications_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('assigned', 'sent_back', 'approval_requested', 'mentioned', 'repeated')),
    claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    actor_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    note TEXT,
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP
);
INSERT INTO notifications_new (id, team_id, user_id, kind, claim_id, actor_id, note, created_at, read_at)
    SELECT id, team_id, user_id, kind, claim_id, actor_id, note, created_at, read_at FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_inbox ON notifications(user_id, team_id, id);
CREATE INDEX notifications_unread ON notifications(user_id, team_id) WHERE read_at IS NULL;
CREATE INDEX notifications_claim ON notifications(claim_id);
