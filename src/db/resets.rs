//! Password resets: a token (stored as its SHA-256 only) that lets its holder set a new password
//! once, within 30 minutes.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::*;
use super::DbConn;

pub fn insert(
    conn: &mut DbConn,
    user_id: i64,
    token_hash: &str,
    made_by: Option<i64>,
    now: NaiveDateTime,
    expires_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(password_resets::table)
        .values((
            password_resets::user_id.eq(user_id),
            password_resets::token_hash.eq(token_hash),
            password_resets::made_by.eq(made_by),
            password_resets::created_at.eq(now),
            password_resets::expires_at.eq(expires_at),
        ))
        .execute(conn)
        .map(drop)
}

/// The user a token resets, while it is unused and unexpired.
pub fn usable(conn: &mut DbConn, token_hash: &str, now: NaiveDateTime) -> QueryResult<Option<i64>> {
    password_resets::table
        .filter(password_resets::token_hash.eq(token_hash))
        .filter(password_resets::used_at.is_null())
        .filter(password_resets::expires_at.gt(now))
        .select(password_resets::user_id)
        .first(conn)
        .optional()
}

/// Spends the token: true once, for the request that spent it; every other open reset of the user
/// is spent with it.
pub fn spend(conn: &mut DbConn, token_hash: &str, now: NaiveDateTime) -> QueryResult<Option<i64>> {
    let Some(user_id) = usable(conn, token_hash, now)? else {
        return Ok(None);
    };
    let spent = diesel::update(
        password_resets::table
            .filter(password_resets::token_hash.eq(token_hash))
            .filter(password_resets::used_at.is_null()),
    )
    .set(password_resets::used_at.eq(Some(now)))
    .execute(conn)?;
    if spent != 1 {
        return Ok(None);
    }
    diesel::update(
        password_resets::table
            .filter(password_resets::user_id.eq(user_id))
            .filter(password_resets::used_at.is_null()),
    )
    .set(password_resets::used_at.eq(Some(now)))
    .execute(conn)?;
    Ok(Some(user_id))
}

/// How many resets were made for the user since `since` (a cap on e-mails to one address).
pub fn made_since(conn: &mut DbConn, user_id: i64, since: NaiveDateTime) -> QueryResult<i64> {
    password_resets::table
        .filter(password_resets::user_id.eq(user_id))
        .filter(password_resets::created_at.gt(since))
        .count()
        .get_result(conn)
}
