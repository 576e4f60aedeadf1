//! Notices: what a member is told about a claim (assigned, sent back, waiting for approval,
//! mentioned), read and unread; and the kinds each member does not want by e-mail.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::*;
use super::DbConn;
use crate::domain::{ClaimId, NoticeKind, TeamId, UserId};

/// The most unread notices counted (the navigation shows "99+" past it).
pub const UNREAD_CAP: i64 = 99;

pub struct NewNotice<'a> {
    pub team: TeamId,
    pub user: UserId,
    pub kind: NoticeKind,
    pub claim: ClaimId,
    pub actor: UserId,
    pub note: Option<&'a str>,
}

pub fn insert(conn: &mut DbConn, notice: &NewNotice<'_>, now: NaiveDateTime) -> QueryResult<()> {
    diesel::insert_into(notifications::table)
        .values((
            notifications::team_id.eq(notice.team.get()),
            notifications::user_id.eq(notice.user.get()),
            notifications::kind.eq(notice.kind.as_str()),
            notifications::claim_id.eq(notice.claim.get()),
            notifications::actor_id.eq(Some(notice.actor.get())),
            notifications::note.eq(notice.note),
            notifications::created_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

/// One line of the inbox.
#[derive(Debug, Clone)]
pub struct NoticeLine {
    pub id: i64,
    pub kind: NoticeKind,
    pub claim_id: i64,
    pub statement: String,
    pub actor: Option<String>,
    pub note: Option<String>,
    pub created_at: NaiveDateTime,
    pub unread: bool,
}

/// The member's latest notices in the team, newest first.
pub fn latest(
    conn: &mut DbConn,
    team: TeamId,
    user: UserId,
    limit: i64,
) -> QueryResult<Vec<NoticeLine>> {
    type Row = (
        i64,
        String,
        i64,
        String,
        Option<i64>,
        Option<String>,
        NaiveDateTime,
        Option<NaiveDateTime>,
    );
    let rows: Vec<Row> = notifications::table
        .inner_join(claims::table)
        .filter(notifications::team_id.eq(team.get()))
        .filter(notifications::user_id.eq(user.get()))
        .order(notifications::id.desc())
        .limit(limit)
        .select((
            notifications::id,
            notifications::kind,
            notifications::claim_id,
            claims::statement,
            notifications::actor_id,
            notifications::note,
            notifications::created_at,
            notifications::read_at,
        ))
        .load(conn)?;
    let actors: Vec<i64> = rows.iter().filter_map(|r| r.4).collect();
    let names: Vec<(i64, String)> = users::table
        .filter(users::id.eq_any(actors))
        .select((users::id, users::name))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(
            |(id, kind, claim_id, statement, actor, note, created_at, read_at)| {
                Some(NoticeLine {
                    id,
                    kind: kind.parse().ok()?,
                    claim_id,
                    statement,
                    actor: actor.and_then(|a| {
                        names
                            .iter()
                            .find(|(id, _)| *id == a)
                            .map(|(_, n)| n.clone())
                    }),
                    note,
                    created_at,
                    unread: read_at.is_none(),
                })
            },
        )
        .collect())
}

/// How many of the member's notices in the team are unread, counting no further than
/// `UNREAD_CAP` + 1.
pub fn unread(conn: &mut DbConn, team: TeamId, user: UserId) -> QueryResult<i64> {
    let ids: Vec<i64> = notifications::table
        .filter(notifications::user_id.eq(user.get()))
        .filter(notifications::team_id.eq(team.get()))
        .filter(notifications::read_at.is_null())
        .select(notifications::id)
        .limit(UNREAD_CAP + 1)
        .load(conn)?;
    Ok(ids.len() as i64)
}

/// Marks the member's notices in the team read, up to `upto` (the newest one they saw).
pub fn mark_read(
    conn: &mut DbConn,
    team: TeamId,
    user: UserId,
    upto: i64,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        notifications::table
            .filter(notifications::user_id.eq(user.get()))
            .filter(notifications::team_id.eq(team.get()))
            .filter(notifications::read_at.is_null())
            .filter(notifications::id.le(upto)),
    )
    .set(notifications::read_at.eq(Some(now)))
    .execute(conn)
}

/// The kinds the member does not want by e-mail in this team.
pub fn optouts(conn: &mut DbConn, team: TeamId, user: UserId) -> QueryResult<Vec<NoticeKind>> {
    let kinds: Vec<String> = mail_optouts::table
        .filter(mail_optouts::user_id.eq(user.get()))
        .filter(mail_optouts::team_id.eq(team.get()))
        .select(mail_optouts::kind)
        .load(conn)?;
    Ok(kinds.iter().filter_map(|k| k.parse().ok()).collect())
}

/// Replaces the member's opt-outs in the team.
pub fn set_optouts(
    conn: &mut DbConn,
    team: TeamId,
    user: UserId,
    kinds: &[NoticeKind],
) -> QueryResult<()> {
    diesel::delete(
        mail_optouts::table
            .filter(mail_optouts::user_id.eq(user.get()))
            .filter(mail_optouts::team_id.eq(team.get())),
    )
    .execute(conn)?;
    for kind in kinds {
        diesel::insert_into(mail_optouts::table)
            .values((
                mail_optouts::user_id.eq(user.get()),
                mail_optouts::team_id.eq(team.get()),
                mail_optouts::kind.eq(kind.as_str()),
            ))
            .execute(conn)?;
    }
    Ok(())
}
