-- Watchlists: a team's feeds (polled with conditional GET) and the items taken from them; a
-- notice kind for a watched feed repeating a published claim.
CREATE TABLE feeds (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id BIGINT NOT NULL REFERENCES teams(id),
    url TEXT NOT NULL,
    title TEXT NOT NULL,
    added_by BIGINT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    removed_at TIMESTAMP,
    etag TEXT,
    last_modified TEXT,
    polled_at TIMESTAMP,
    last_result TEXT,
    articles_taken INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX feeds_team ON feeds(team_id, id);

CREATE TABLE feed_items (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    feed_id BIGINT NOT NULL REFERENCES feeds(id),
    team_id BIGINT NOT NULL REFERENCES teams(id),
    guid TEXT NOT NULL,
    link TEXT,
    article_id BIGINT REFERENCES articles(id) ON DELETE SET NULL,
    seen_at TIMESTAMP NOT NULL,
    note TEXT
);
CREATE UNIQUE INDEX feed_items_guid ON feed_items(feed_id, guid);

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
    CHECK (kind IN ('assigned', 'sent_back', 'approval_requested', 'mentioned', 'repeated'));
