//! Personal API tokens: creating, listing and revoking them, finding the member a bearer token
//! speaks for, and the per-token request budget (counted in the database, so it holds across
//! instances).

use chrono::{NaiveDateTime, TimeDelta, Timelike};
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};

use super::events::{self as history, Change};
use super::models::{ApiTokenRow, NewApiToken, TeamRow, UserRow};
use super::schema::{api_request_counts, api_tokens, memberships, teams, users};
use super::users::SessionInfo;
use super::DbConn;
use crate::domain::Role;

/// The length of one rate-limit window.
pub const WINDOW_SECONDS: i64 = 60;

/// Saves a new token's hash for `user_id` in `team_id`, with its event; returns the token's id.
/// Call inside `db::write`.
pub fn insert(
    conn: &mut DbConn,
    user_id: i64,
    team_id: i64,
    name: &str,
    token_hash: &str,
) -> QueryResult<i64> {
    let id = diesel::insert_into(api_tokens::table)
        .values(NewApiToken {
            user_id,
            team_id,
            name,
            token_hash,
            created_at: super::now(),
        })
        .returning(api_tokens::id)
        .get_result(conn)?;
    history::record(
        conn,
        Change {
            team_id: Some(team_id),
            actor_id: Some(user_id),
            entity: "api_token",
            entity_id: id,
            action: "created",
            before: None,
            after: Some(name),
        },
    )?;
    Ok(id)
}

/// The user's tokens, newest first, with the name of the team each is bound to.
pub fn of_user(conn: &mut DbConn, user_id: i64) -> QueryResult<Vec<(ApiTokenRow, String)>> {
    api_tokens::table
        .inner_join(teams::table)
        .filter(api_tokens::user_id.eq(user_id))
        .order(api_tokens::id.desc())
        .select((api_tokens::all_columns, teams::name))
        .load(conn)
}

/// Revokes one of the user's own live tokens, with its event; false when there is no such token
/// (another user's, already revoked, or missing). Call inside `db::write`.
pub fn revoke(conn: &mut DbConn, user_id: i64, token_id: i64) -> QueryResult<bool> {
    let token: Option<ApiTokenRow> = api_tokens::table
        .filter(api_tokens::id.eq(token_id))
        .filter(api_tokens::user_id.eq(user_id))
        .filter(api_tokens::revoked_at.is_null())
        .first(conn)
        .optional()?;
    let Some(token) = token else {
        return Ok(false);
    };
    diesel::update(api_tokens::table.find(token.id))
        .set(api_tokens::revoked_at.eq(Some(super::now())))
        .execute(conn)?;
    history::record(
        conn,
        Change {
            team_id: Some(token.team_id),
            actor_id: Some(user_id),
            entity: "api_token",
            entity_id: token.id,
            action: "revoked",
            before: Some(&token.name),
            after: None,
        },
    )?;
    Ok(true)
}

/// Revokes every live token of the user (in `team` only, when given), each with its event; returns
/// how many. A password change ends them all; a deactivation those of its team. Call inside
/// `db::write`.
pub fn revoke_all(
    conn: &mut DbConn,
    user_id: i64,
    team: Option<i64>,
    actor_id: i64,
    why: &str,
) -> QueryResult<usize> {
    let mut live = api_tokens::table
        .filter(api_tokens::user_id.eq(user_id))
        .filter(api_tokens::revoked_at.is_null())
        .into_boxed();
    if let Some(team) = team {
        live = live.filter(api_tokens::team_id.eq(team));
    }
    let tokens: Vec<ApiTokenRow> = live.load(conn)?;
    for token in &tokens {
        diesel::update(api_tokens::table.find(token.id))
            .set(api_tokens::revoked_at.eq(Some(super::now())))
            .execute(conn)?;
        history::record(
            conn,
            Change {
                team_id: Some(token.team_id),
                actor_id: Some(actor_id),
                entity: "api_token",
                entity_id: token.id,
                action: "revoked",
                before: Some(&token.name),
                after: Some(why),
            },
        )?;
    }
    Ok(tokens.len())
}

/// The member a live token speaks for: the token not revoked, its user and membership active, and
/// the role the one the membership has now. `session_id` is 0 and `csrf_token` empty: an API
/// request has neither. Touches `last_used_at` at most once a minute, so reads stay reads.
pub fn authenticate(
    conn: &mut DbConn,
    token_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<(i64, SessionInfo)>> {
    let row: Option<(ApiTokenRow, UserRow, TeamRow, String)> = api_tokens::table
        .inner_join(users::table)
        .inner_join(teams::table)
        .inner_join(
            memberships::table.on(memberships::user_id
                .eq(api_tokens::user_id)
                .and(memberships::team_id.eq(api_tokens::team_id))),
        )
        .filter(api_tokens::token_hash.eq(token_hash))
        .filter(api_tokens::revoked_at.is_null())
        .filter(users::active.eq(true))
        .filter(memberships::active.eq(true))
        .select((
            api_tokens::all_columns,
            users::all_columns,
            teams::all_columns,
            memberships::role,
        ))
        .first(conn)
        .optional()?;
    let Some((token, user, team, role)) = row else {
        return Ok(None);
    };
    let Ok(role) = role.parse::<Role>() else {
        return Ok(None);
    };
    if token
        .last_used_at
        .is_none_or(|at| now - at > TimeDelta::seconds(60))
    {
        diesel::update(api_tokens::table.find(token.id))
            .set(api_tokens::last_used_at.eq(Some(now)))
            .execute(conn)?;
    }
    Ok(Some((
        token.id,
        SessionInfo {
            session_id: 0,
            user_id: crate::domain::UserId::new(user.id),
            user_name: user.name,
            user_email: user.email,
            team_id: crate::domain::TeamId::new(team.id),
            team_name: team.name,
            role,
            csrf_token: String::new(),
            last_seen_at: now,
            expires_at: now,
            // The API has no navigation to count for.
            unread: 0,
        },
    )))
}

/// The start of the rate-limit window `now` falls in (the start of its minute).
pub fn window_start(now: NaiveDateTime) -> NaiveDateTime {
    now.with_nanosecond(0)
        .and_then(|t| t.with_second(0))
        .unwrap_or(now)
}

/// Counts one request of `token_id` in the current window. When the window already holds more
/// than `budget` requests, the seconds until the next window opens; `None` while within budget.
pub fn count_request(
    conn: &mut DbConn,
    token_id: i64,
    now: NaiveDateTime,
    budget: i32,
) -> QueryResult<Option<u64>> {
    let window = window_start(now);
    let count = match bump(conn, token_id, window)? {
        Some(count) => count,
        None => {
            let inserted = diesel::insert_into(api_request_counts::table)
                .values((
                    api_request_counts::token_id.eq(token_id),
                    api_request_counts::window_start.eq(window),
                    api_request_counts::requests.eq(1),
                ))
                .execute(conn);
            match inserted {
                Ok(_) => {
                    // A new window: the old ones are of no use any more.
                    diesel::delete(
                        api_request_counts::table
                            .filter(api_request_counts::token_id.eq(token_id))
                            .filter(api_request_counts::window_start.lt(window)),
                    )
                    .execute(conn)?;
                    1
                }
                // A concurrent request opened the window first: count in it.
                Err(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => {
                    bump(conn, token_id, window)?.ok_or(DieselError::NotFound)?
                }
                Err(other) => return Err(other),
            }
        }
    };
    if count > budget {
        let next = window + TimeDelta::seconds(WINDOW_SECONDS);
        Ok(Some((next - now).num_seconds().max(1) as u64))
    } else {
        Ok(None)
    }
}

/// Adds one to the window's count, returning the new count; `None` when the window has no row yet.
fn bump(conn: &mut DbConn, token_id: i64, window: NaiveDateTime) -> QueryResult<Option<i32>> {
    diesel::update(
        api_request_counts::table
            .filter(api_request_counts::token_id.eq(token_id))
            .filter(api_request_counts::window_start.eq(window)),
    )
    .set(api_request_counts::requests.eq(api_request_counts::requests + 1))
    .returning(api_request_counts::requests)
    .get_result(conn)
    .optional()
}
