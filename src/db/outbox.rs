//! The outbox: e-mails to send, written in the transaction of what they tell, each with the job
//! (`mail.send`) that sends it (`crate::mail::send`, run by the job queue, which leases it so that
//! two instances on one PostgreSQL database do not send it twice). A message that fails is tried
//! again later, then given up; its row keeps what the team's outbox page shows.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::*;
use super::DbConn;
use crate::domain::TeamId;

pub struct NewMail<'a> {
    pub team: Option<TeamId>,
    pub kind: &'a str,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    /// Joined to the public address when sent ("/claims/12").
    pub link_path: Option<&'a str>,
}

/// The job kind that sends a message (its subject: the outbox row).
pub const JOB: &str = "mail.send";

/// Writes a message and the job that sends it.
pub fn enqueue(conn: &mut DbConn, mail: &NewMail<'_>, now: NaiveDateTime) -> QueryResult<()> {
    let id: i64 = diesel::insert_into(outbox::table)
        .values((
            outbox::team_id.eq(mail.team.map(TeamId::get)),
            outbox::kind.eq(mail.kind),
            outbox::recipient.eq(mail.recipient),
            outbox::subject.eq(mail.subject),
            outbox::body.eq(mail.body),
            outbox::link_path.eq(mail.link_path),
            outbox::created_at.eq(now),
            outbox::next_attempt_at.eq(now),
        ))
        .returning(outbox::id)
        .get_result(conn)?;
    super::jobs::enqueue(conn, mail.team, JOB, id, now)
}

pub fn get(conn: &mut DbConn, id: i64) -> QueryResult<Option<MailRow>> {
    outbox::table
        .find(id)
        .select(MailRow::as_select())
        .first(conn)
        .optional()
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct MailRow {
    pub id: i64,
    pub team_id: Option<i64>,
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub link_path: Option<String>,
    pub created_at: NaiveDateTime,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    pub gave_up_at: Option<NaiveDateTime>,
    pub last_error: Option<String>,
}

impl MailRow {
    /// "sent", "given up", "not sent" or "waiting", as the team's outbox page says it.
    pub fn state(&self) -> &'static str {
        match (self.sent_at, self.gave_up_at) {
            (Some(_), _) => "sent",
            (None, Some(_)) if self.attempts == 0 => "not sent",
            (None, Some(_)) => "given up",
            (None, None) => "waiting",
        }
    }
}

pub fn mark_sent(conn: &mut DbConn, id: i64, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::sent_at.eq(Some(now)),
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::link_path.eq(None::<String>),
            outbox::last_error.eq(None::<String>),
        ))
        .execute(conn)
        .map(drop)
}

/// A failed attempt: tried again at `next`, or given up (`next` is `None`).
pub fn mark_failed(
    conn: &mut DbConn,
    id: i64,
    error: &str,
    next: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let error: String = error.chars().take(500).collect();
    match next {
        Some(next) => diesel::update(outbox::table.find(id))
            .set((
                outbox::attempts.eq(outbox::attempts + 1),
                outbox::next_attempt_at.eq(next),
                outbox::last_error.eq(Some(error)),
            ))
            .execute(conn),
        None => diesel::update(outbox::table.find(id))
            .set((
                outbox::attempts.eq(outbox::attempts + 1),
                outbox::gave_up_at.eq(Some(now)),
                outbox::link_path.eq(None::<String>),
                outbox::last_error.eq(Some(error)),
            ))
            .execute(conn),
    }
    .map(drop)
}

/// Gives up a message that was never tried ("not sent"): mail is not configured, or it waited
/// too long to be worth sending.
pub fn mark_not_sent(conn: &mut DbConn, id: i64, why: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::gave_up_at.eq(Some(now)),
            outbox::link_path.eq(None::<String>),
            outbox::last_error.eq(Some(why)),
        ))
        .execute(conn)
        .map(drop)
}

/// Deletes messages created before `before`, sent or not.
pub fn prune(conn: &mut DbConn, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(outbox::table.filter(outbox::created_at.lt(before))).execute(conn)
}

/// The team's latest messages, newest first (the admins' outbox page).
pub fn of_team(conn: &mut DbConn, team: TeamId, limit: i64) -> QueryResult<Vec<MailRow>> {
    outbox::table
        .filter(outbox::team_id.eq(team.get()))
        .order(outbox::id.desc())
        .limit(limit)
        .select(MailRow::as_select())
        .load(conn)
}
