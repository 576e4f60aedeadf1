//! Webhooks' storage: a team's endpoints (the secret sealed) and their deliveries, each an outbox
//! row written in the transaction of the event it tells.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{webhook_deliveries, webhooks};
use super::DbConn;
use crate::domain::{TeamId, UserId};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = webhooks)]
pub struct WebhookRow {
    pub id: i64,
    pub team_id: i64,
    pub url: String,
    pub events: String,
    pub secret_sealed: String,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
    pub removed_at: Option<NaiveDateTime>,
    pub failing_since: Option<NaiveDateTime>,
}

impl WebhookRow {
    /// Whether it wants this event (the stored names, separated by spaces).
    pub fn wants(&self, event: &str) -> bool {
        self.events.split(' ').any(|e| e == event)
    }
}

pub struct NewWebhook<'a> {
    pub team: TeamId,
    pub url: &'a str,
    pub events: &'a str,
    pub secret_sealed: &'a str,
    pub by: UserId,
    pub at: NaiveDateTime,
}

pub fn insert(tx: &mut DbConn, new: &NewWebhook<'_>) -> QueryResult<i64> {
    diesel::insert_into(webhooks::table)
        .values((
            webhooks::team_id.eq(new.team.get()),
            webhooks::url.eq(new.url),
            webhooks::events.eq(new.events),
            webhooks::secret_sealed.eq(new.secret_sealed),
            webhooks::created_by.eq(new.by.get()),
            webhooks::created_at.eq(new.at),
        ))
        .returning(webhooks::id)
        .get_result(tx)
}

/// The team's endpoints still in use, oldest first.
pub fn of_team(conn: &mut DbConn, team: TeamId) -> QueryResult<Vec<WebhookRow>> {
    webhooks::table
        .filter(webhooks::team_id.eq(team.get()))
        .filter(webhooks::removed_at.is_null())
        .order(webhooks::id)
        .select(WebhookRow::as_select())
        .load(conn)
}

/// Removes one of the team's endpoints (its deliveries stay in the log); `false` when the team
/// has no such endpoint.
pub fn remove(tx: &mut DbConn, team: TeamId, id: i64, at: NaiveDateTime) -> QueryResult<bool> {
    diesel::update(
        webhooks::table
            .filter(webhooks::id.eq(id))
            .filter(webhooks::team_id.eq(team.get()))
            .filter(webhooks::removed_at.is_null()),
    )
    .set(webhooks::removed_at.eq(Some(at)))
    .execute(tx)
    .map(|n| n == 1)
}

pub fn set_failing(conn: &mut DbConn, id: i64, since: Option<NaiveDateTime>) -> QueryResult<()> {
    diesel::update(webhooks::table.find(id))
        .set(webhooks::failing_since.eq(since))
        .execute(conn)
        .map(drop)
}

pub struct NewDelivery<'a> {
    pub webhook: i64,
    pub team: TeamId,
    pub message_id: &'a str,
    pub event: &'a str,
    pub payload: &'a str,
    pub at: NaiveDateTime,
}

pub fn insert_delivery(tx: &mut DbConn, new: &NewDelivery<'_>) -> QueryResult<i64> {
    diesel::insert_into(webhook_deliveries::table)
        .values((
            webhook_deliveries::webhook_id.eq(new.webhook),
            webhook_deliveries::team_id.eq(new.team.get()),
            webhook_deliveries::message_id.eq(new.message_id),
            webhook_deliveries::event.eq(new.event),
            webhook_deliveries::payload.eq(new.payload),
            webhook_deliveries::created_at.eq(new.at),
        ))
        .returning(webhook_deliveries::id)
        .get_result(tx)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = webhook_deliveries)]
pub struct DeliveryRow {
    pub id: i64,
    pub webhook_id: i64,
    pub team_id: i64,
    pub message_id: String,
    pub event: String,
    pub payload: String,
    pub created_at: NaiveDateTime,
    pub attempts: i32,
    pub delivered_at: Option<NaiveDateTime>,
    pub failed_at: Option<NaiveDateTime>,
    pub last_status: Option<i32>,
    pub last_error: Option<String>,
}

impl DeliveryRow {
    /// "delivered", "failed", "retrying" or "waiting", as the webhooks page says it.
    pub fn state(&self) -> &'static str {
        match (self.delivered_at, self.failed_at, self.attempts) {
            (Some(_), _, _) => "delivered",
            (None, Some(_), _) => "failed",
            (None, None, 0) => "waiting",
            (None, None, _) => "retrying",
        }
    }
}

/// A delivery with its endpoint.
pub fn delivery(conn: &mut DbConn, id: i64) -> QueryResult<Option<(DeliveryRow, WebhookRow)>> {
    webhook_deliveries::table
        .inner_join(webhooks::table)
        .filter(webhook_deliveries::id.eq(id))
        .select((DeliveryRow::as_select(), WebhookRow::as_select()))
        .first(conn)
        .optional()
}

/// One attempt's outcome: delivered (`done`), given up (`failed`), or to be tried again.
pub fn record_attempt(
    conn: &mut DbConn,
    id: i64,
    status: Option<u16>,
    error: Option<&str>,
    outcome: AttemptOutcome,
    at: NaiveDateTime,
) -> QueryResult<()> {
    let target = webhook_deliveries::table.find(id);
    diesel::update(target)
        .set((
            webhook_deliveries::attempts.eq(webhook_deliveries::attempts + 1),
            webhook_deliveries::last_status.eq(status.map(i32::from)),
            webhook_deliveries::last_error
                .eq(error.map(|e| e.chars().take(500).collect::<String>())),
        ))
        .execute(conn)?;
    match outcome {
        AttemptOutcome::Delivered => diesel::update(target)
            .set(webhook_deliveries::delivered_at.eq(Some(at)))
            .execute(conn),
        AttemptOutcome::Failed => diesel::update(target)
            .set(webhook_deliveries::failed_at.eq(Some(at)))
            .execute(conn),
        AttemptOutcome::Again => Ok(0),
    }
    .map(drop)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttemptOutcome {
    Delivered,
    Failed,
    Again,
}

/// The team's latest deliveries, newest first, with their endpoint's address.
pub fn log_of_team(
    conn: &mut DbConn,
    team: TeamId,
    limit: i64,
) -> QueryResult<Vec<(DeliveryRow, String)>> {
    webhook_deliveries::table
        .inner_join(webhooks::table)
        .filter(webhook_deliveries::team_id.eq(team.get()))
        .order(webhook_deliveries::id.desc())
        .limit(limit)
        .select((DeliveryRow::as_select(), webhooks::url))
        .load(conn)
}
