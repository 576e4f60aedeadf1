//! Sign-in throttling, kept in the database so every instance behind a load balancer sees the same
//! counts.

use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;

use super::schema::login_failures;
use super::DbConn;

/// Failures allowed per key inside the window before sign-in is refused.
pub const MAX_FAILURES: i64 = 10;
pub const WINDOW_SECONDS: i64 = 60;

/// An account's budget over an hour as well (ASVS 2.2.1: at most 100 failed attempts an hour), for
/// keys of accounts (`ACCOUNT_PREFIX`): ten a minute alone would allow 600.
pub const MAX_FAILURES_PER_HOUR: i64 = 100;
pub const HOUR_SECONDS: i64 = 3600;
/// The prefix of the keys that stand for an account (every password check of the account counts
/// against its key: sign-in, the account forms, two-factor off).
pub const ACCOUNT_PREFIX: &str = "email:";

/// The (failures, window) budgets a key gets.
fn budgets(key: &str) -> &'static [(i64, i64)] {
    if key.starts_with(ACCOUNT_PREFIX) {
        &[
            (MAX_FAILURES, WINDOW_SECONDS),
            (MAX_FAILURES_PER_HOUR, HOUR_SECONDS),
        ]
    } else {
        &[(MAX_FAILURES, WINDOW_SECONDS)]
    }
}

/// When sign-in is refused, the seconds until the oldest counted failure leaves its window (the
/// longest wait of any budget spent).
pub fn retry_after(
    conn: &mut DbConn,
    keys: &[String],
    now: NaiveDateTime,
) -> QueryResult<Option<u64>> {
    let mut wait: Option<u64> = None;
    for key in keys {
        for &(max, window) in budgets(key) {
            let since = now - TimeDelta::seconds(window);
            let recent: Vec<NaiveDateTime> = login_failures::table
                .filter(login_failures::throttle_key.eq(key))
                .filter(login_failures::failed_at.gt(since))
                .order(login_failures::failed_at.desc())
                .select(login_failures::failed_at)
                .limit(max)
                .load(conn)?;
            if recent.len() as i64 >= max {
                // The max-th newest failure is the one whose expiry frees a slot.
                let oldest = recent[recent.len() - 1];
                let seconds = (oldest + TimeDelta::seconds(window) - now)
                    .num_seconds()
                    .max(1) as u64;
                wait = Some(wait.map_or(seconds, |w| w.max(seconds)));
            }
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
            .filter(login_failures::failed_at.lt(now - TimeDelta::seconds(HOUR_SECONDS + 60))),
    )
    .execute(conn)?;
    Ok(())
}
