//! Sign-in throttling, kept in the database so every instance behind a load balancer sees the same
//! counts.

use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;

use super::schema::login_failures;
use super::DbConn;

/// Failures allowed per key inside the window before sign-in is refused.
pub const MAX_FAILURES: i64 = 10;
pub const WINDOW_SECONDS: i64 = 60;

/// When sign-in is refused, the seconds until the oldest counted failure leaves the window.
pub fn retry_after(
    conn: &mut DbConn,
    keys: &[String],
    now: NaiveDateTime,
) -> QueryResult<Option<u64>> {
    let since = now - TimeDelta::seconds(WINDOW_SECONDS);
    let mut wait: Option<u64> = None;
    for key in keys {
        let recent: Vec<NaiveDateTime> = login_failures::table
            .filter(login_failures::throttle_key.eq(key))
            .filter(login_failures::failed_at.gt(since))
            .order(login_failures::failed_at.desc())
            .select(login_failures::failed_at)
            .limit(MAX_FAILURES)
            .load(conn)?;
        if recent.len() as i64 >= MAX_FAILURES {
            // The MAX_FAILURES-th newest failure is the one whose expiry frees a slot.
            let oldest = recent[recent.len() - 1];
            let seconds = (oldest + TimeDelta::seconds(WINDOW_SECONDS) - now)
                .num_seconds()
                .max(1) as u64;
            wait = Some(wait.map_or(seconds, |w| w.max(seconds)));
        }
    }
    Ok(wait)
}

pub fn record_failure(conn: &mut DbConn, keys: &[String], now: NaiveDateTime) -> QueryResult<()> {
    for key in keys {
        diesel::insert_into(login_failures::table)
            .values((
                login_failures::throttle_key.eq(key),
                login_failures::failed_at.eq(now),
            ))
            .execute(conn)?;
    }
    // Old rows are useless; trimming them here keeps the table small without a background job.
    diesel::delete(
        login_failures::table
            .filter(login_failures::failed_at.lt(now - TimeDelta::seconds(WINDOW_SECONDS * 10))),
    )
    .execute(conn)?;
    Ok(())
}
