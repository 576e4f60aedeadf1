-- Signed webhooks: a team's endpoints and the events they want, and one delivery (an outbox row,
-- written in the transaction of its event) per endpoint and event.
CREATE TABLE webhooks (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id BIGINT NOT NULL REFERENCES teams(id),
    url TEXT NOT NULL,
    -- Space-separated event types, e.g. "claim.published claim.corrected".
    events TEXT NOT NULL,
    -- The signing secret, sealed under the server key (auth::secretbox).
    secret_sealed TEXT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    removed_at TIMESTAMP,
    -- When its deliveries started failing for good (a day of retries); cleared by a success.
    failing_since TIMESTAMP
);
CREATE INDEX webhooks_team ON webhooks(team_id, id);

CREATE TABLE webhook_deliveries (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    webhook_id BIGINT NOT NULL REFERENCES webhooks(id),
    team_id BIGINT NOT NULL REFERENCES teams(id),
    -- The `webhook-id`: the same on every attempt, so a receiver can tell a retry.
    message_id TEXT NOT NULL UNIQUE,
    event TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    delivered_at TIMESTAMP,
    failed_at TIMESTAMP,
    last_status INTEGER,
    last_error TEXT
);
CREATE INDEX webhook_deliveries_team ON webhook_deliveries(team_id, id);
CREATE INDEX webhook_deliveries_hook ON webhook_deliveries(webhook_id, id);
