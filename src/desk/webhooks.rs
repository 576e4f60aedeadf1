//! Signed webhooks: a team's admins register endpoints and the events they want; each event writes
//! one delivery per endpoint that wants it, in the event's own transaction (an outbox), and the job
//! queue delivers it as the Standard Webhooks specification says (`webhook-id`,
//! `webhook-timestamp`, `webhook-signature`), through the guarded fetcher (its address rules
//! apply), retrying for a day. A delivery keeps its `webhook-id` on every attempt, so a receiver
//! can tell a retry (or a second delivery after a crash) from a new event.

use chrono::{NaiveDateTime, TimeDelta};
use serde_json::json;

use super::{write, Member};
use crate::auth::secretbox::{self, SecretKey};
use crate::db::events::{self, Change};
use crate::db::webhooks::{self as rows, AttemptOutcome, DeliveryRow, NewDelivery, WebhookRow};
use crate::db::{self, jobs, DbConn};
use crate::domain::webhook::{WebhookEvent, WebhookEvents, WebhookSecret};
use crate::domain::{Invalid, Role, TeamId, WebUrl};
use crate::error::{AppError, AppResult};
use crate::jobs::{Attempt, Context, Outcome};

/// Deliver one webhook message.
pub const DELIVER: &str = "webhook.deliver";

/// The waits between delivery attempts: the first retry within seconds, then for about a day
/// (5 s, 30 s, 5 min, 30 min, 2 h, 6 h, 8 h, 8 h: 24 h 35 min in all).
pub const RETRY_AFTER: [TimeDelta; 8] = [
    TimeDelta::seconds(5),
    TimeDelta::seconds(30),
    TimeDelta::minutes(5),
    TimeDelta::minutes(30),
    TimeDelta::hours(2),
    TimeDelta::hours(6),
    TimeDelta::hours(8),
    TimeDelta::hours(8),
];

fn sealing_context(team: i64) -> Vec<u8> {
    format!("claimdesk:webhook-secret:team:{team}").into_bytes()
}

/// What the webhooks page says when the server has no key to seal secrets with.
const NO_KEY: &str = "This server has no CLAIMDESK_SECRET_KEY to keep webhook secrets with; the \
                      operator must set it (the same on every instance) before webhooks can be \
                      added.";

/// Registers an endpoint; answers its id and its signing secret, which is shown this once.
pub fn register(
    conn: &mut DbConn,
    member: &Member,
    key: Option<&SecretKey>,
    allow: &crate::fetch::AllowList,
    url: &WebUrl,
    wanted: &WebhookEvents,
) -> AppResult<(i64, WebhookSecret)> {
    member.require(Role::Admin)?;
    let key = key.ok_or_else(|| AppError::Unavailable {
        field: "url",
        message: NO_KEY.into(),
    })?;
    let parsed = url::Url::parse(url.as_str()).map_err(|_| Invalid::new("url", "is not a URL"))?;
    crate::fetch::check_address(&parsed, allow)
        .map_err(|refused| Invalid::new("url", refused.to_string()))?;
    let secret = WebhookSecret::from_bytes(&crate::auth::random_bytes::<24>());
    let sealed = secretbox::seal(key, &sealing_context(member.team.get()), secret.bytes())
        .map_err(|_| AppError::internal("the webhook secret could not be sealed"))?;
    let events_stored = wanted.stored();
    let id = write(conn, member.team, |tx| {
        let id = rows::insert(
            tx,
            &rows::NewWebhook {
                team: member.team,
                url: url.as_str(),
                events: &events_stored,
                secret_sealed: &sealed,
                by: member.user,
                at: db::now(),
            },
        )?;
        events::record(
            tx,
            Change {
                team_id: Some(member.team.get()),
                actor_id: Some(member.user.get()),
                entity: "webhook",
                entity_id: id,
                action: "webhook_added",
                before: None,
                after: Some(&format!("{} ({events_stored})", url.as_str())),
            },
        )?;
        Ok(id)
    })?;
    Ok((id, secret))
}

/// Removes one of the team's endpoints; its deliveries stay in the log, and those not yet made
/// are not made.
pub fn remove(conn: &mut DbConn, member: &Member, id: i64) -> AppResult<()> {
    member.require(Role::Admin)?;
    write(conn, member.team, |tx| {
        if !rows::remove(tx, member.team, id, db::now())? {
            return Err(AppError::NotFound);
        }
        events::record(
            tx,
            Change {
                team_id: Some(member.team.get()),
                actor_id: Some(member.user.get()),
                entity: "webhook",
                entity_id: id,
                action: "webhook_removed",
                before: None,
                after: None,
            },
        )?;
        Ok(())
    })
}

/// The team's endpoints and its latest deliveries, for its admins.
pub struct WebhooksOverview {
    pub endpoints: Vec<WebhookRow>,
    pub deliveries: Vec<(DeliveryRow, String)>,
}

pub fn overview(conn: &mut DbConn, member: &Member) -> AppResult<WebhooksOverview> {
    member.require(Role::Admin)?;
    Ok(WebhooksOverview {
        endpoints: rows::of_team(conn, member.team)?,
        deliveries: rows::log_of_team(conn, member.team, 100)?,
    })
}

/// In the transaction of an event: one delivery (and its job) per endpoint of the team that wants
/// it. `data` is the event's object; links in it are paths (`/claims/12`), made absolute when
/// delivered.
pub fn emit(
    tx: &mut DbConn,
    team: TeamId,
    event: WebhookEvent,
    data: serde_json::Value,
    now: NaiveDateTime,
) -> diesel::QueryResult<()> {
    let endpoints = rows::of_team(tx, team)?;
    let wanting: Vec<&WebhookRow> = endpoints
        .iter()
        .filter(|w| w.wants(event.as_str()))
        .collect();
    if wanting.is_empty() {
        return Ok(());
    }
    let payload = json!({
        "type": event.as_str(),
        "timestamp": now.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        "data": data,
    })
    .to_string();
    for endpoint in wanting {
        let message_id = format!("msg_{}", hex::encode(crate::auth::random_bytes::<16>()));
        let delivery = rows::insert_delivery(
            tx,
            &NewDelivery {
                webhook: endpoint.id,
                team,
                message_id: &message_id,
                event: event.as_str(),
                payload: &payload,
                at: now,
            },
        )?;
        jobs::enqueue(tx, Some(team), DELIVER, delivery, now)?;
    }
    Ok(())
}

/// The body as sent: the payload with every `path` in `data` joined to the public address as
/// `url` beside it.
fn body_of(payload: &str, public_base: &str) -> String {
    let Ok(mut value) = serde_json::from_str::<serde_json::Value>(payload) else {
        return payload.to_owned();
    };
    if let Some(data) = value.get_mut("data").and_then(|d| d.as_object_mut()) {
        if let Some(path) = data.get("path").and_then(|p| p.as_str()).map(str::to_owned) {
            data.insert("url".into(), json!(format!("{public_base}{path}")));
        }
    }
    value.to_string()
}

/// Job: one attempt at a delivery.
pub async fn deliver(context: &Context, delivery: i64, attempt: Attempt) -> Outcome {
    let loaded = match context.pool.get() {
        Ok(mut conn) => rows::delivery(&mut conn, delivery).map_err(|e| e.to_string()),
        Err(e) => Err(e.to_string()),
    };
    let (row, endpoint) = match loaded {
        Ok(Some(found)) => found,
        Ok(None) => return Outcome::Done,
        Err(e) => return Outcome::Retry(e),
    };
    if row.delivered_at.is_some() || row.failed_at.is_some() {
        return Outcome::Done;
    }
    if endpoint.removed_at.is_some() {
        let why = "the endpoint was removed";
        return record(context, &row, None, Some(why), AttemptOutcome::Failed)
            .unwrap_or(Outcome::Done);
    }
    let secret = context
        .secret_key
        .as_ref()
        .and_then(|key| {
            secretbox::open(
                key,
                &sealing_context(endpoint.team_id),
                &endpoint.secret_sealed,
            )
            .ok()
        })
        .map(|bytes| WebhookSecret::from_bytes(&bytes));
    let Some(secret) = secret else {
        let why = "the server's CLAIMDESK_SECRET_KEY is missing or is not the one the secret was kept with";
        return record(context, &row, None, Some(why), AttemptOutcome::Failed)
            .unwrap_or_else(|| Outcome::Failed(why.into()));
    };
    let Ok(url) = url::Url::parse(&endpoint.url) else {
        return record(
            context,
            &row,
            None,
            Some("the address is not a URL"),
            AttemptOutcome::Failed,
        )
        .unwrap_or(Outcome::Done);
    };
    let body = body_of(&row.payload, &context.public_base);
    let timestamp = chrono::Utc::now().timestamp();
    let headers = [
        ("webhook-id", row.message_id.clone()),
        ("webhook-timestamp", timestamp.to_string()),
        (
            "webhook-signature",
            secret.sign(&row.message_id, timestamp, body.as_bytes()),
        ),
    ];
    let (status, error) = match context
        .fetcher
        .post_json(&url, &headers, body.into_bytes())
        .await
    {
        Ok(code) if (200..300).contains(&code) => (Some(code), None),
        Ok(code) => (
            Some(code),
            Some(format!("the endpoint answered HTTP status {code}")),
        ),
        Err(e) => (None, Some(format!("the endpoint {e}"))),
    };
    let outcome = match (&error, attempt.last) {
        (None, _) => AttemptOutcome::Delivered,
        (Some(_), true) => AttemptOutcome::Failed,
        (Some(_), false) => AttemptOutcome::Again,
    };
    record(context, &row, status, error.as_deref(), outcome)
        .unwrap_or_else(|| Outcome::Retry("the delivery could not be recorded".into()))
}

/// Records an attempt (and the endpoint's failing mark); answers what the queue does next.
fn record(
    context: &Context,
    row: &DeliveryRow,
    status: Option<u16>,
    error: Option<&str>,
    outcome: AttemptOutcome,
) -> Option<Outcome> {
    let mut conn = context.pool.get().ok()?;
    let now = db::now();
    db::write(&mut conn, |tx| {
        rows::record_attempt(tx, row.id, status, error, outcome, now)?;
        match outcome {
            AttemptOutcome::Delivered => rows::set_failing(tx, row.webhook_id, None),
            AttemptOutcome::Failed => rows::set_failing(tx, row.webhook_id, Some(now)),
            AttemptOutcome::Again => Ok(()),
        }
    })
    .ok()?;
    Some(match (outcome, error) {
        (AttemptOutcome::Delivered, _) => Outcome::Done,
        (AttemptOutcome::Failed, why) => Outcome::Failed(why.unwrap_or("failed").to_owned()),
        (AttemptOutcome::Again, why) => Outcome::Retry(why.unwrap_or("failed").to_owned()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_in_the_data_become_links_at_the_public_address() {
        let payload = r#"{"type":"claim.published","timestamp":"2026-12-06T10:00:00Z","data":{"id":12,"path":"/verdicts/12"}}"#;
        let body = body_of(payload, "https://desk.example.org");
        let value: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(value["data"]["url"], "https://desk.example.org/verdicts/12");
        assert_eq!(value["data"]["id"], 12);
        assert_eq!(
            body_of(payload, "https://desk.example.org"),
            body,
            "the same body every time"
        );
    }
}
