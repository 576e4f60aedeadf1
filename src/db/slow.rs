//! The slow-statement log (`CLAIMDESK_SLOW_QUERY_MS`): each SQL statement that runs longer than the
//! threshold is logged at `warn` under the target `claimdesk::slow_query`, with its time and its
//! SQL text but never its bound values (they can be addresses, names, token hashes). What to read
//! first when a page is slow: the statement, then `EXPLAIN QUERY PLAN` / `EXPLAIN ANALYZE` of it.
//!
//! A process-wide setting, like the log subscriber it writes to: start-up sets it once, and every
//! connection opened afterwards carries the instrumentation. Off (the default), connections carry
//! none and pay nothing.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use diesel::connection::{Instrumentation, InstrumentationEvent};

/// The threshold in microseconds; 0 is off.
static THRESHOLD_MICROS: AtomicU64 = AtomicU64::new(0);

/// Turns the log on for connections opened from now on (`None`: off).
pub fn set_threshold(threshold: Option<Duration>) {
    let micros = threshold.map_or(0, |t| {
        u64::try_from(t.as_micros()).unwrap_or(u64::MAX).max(1)
    });
    THRESHOLD_MICROS.store(micros, Ordering::Relaxed);
}

/// The instrumentation for a new connection, when the log is on.
pub fn instrumentation() -> Option<SlowLog> {
    match THRESHOLD_MICROS.load(Ordering::Relaxed) {
        0 => None,
        micros => Some(SlowLog {
            threshold: Duration::from_micros(micros),
            started: None,
        }),
    }
}

/// Times each statement of one connection.
pub struct SlowLog {
    threshold: Duration,
    started: Option<Instant>,
}

impl Instrumentation for SlowLog {
    fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
        match event {
            InstrumentationEvent::StartQuery { .. } => self.started = Some(Instant::now()),
            InstrumentationEvent::FinishQuery { query, error, .. } => {
                let Some(started) = self.started.take() else {
                    return;
                };
                let elapsed = started.elapsed();
                if elapsed >= self.threshold {
                    tracing::warn!(
                        target: "claimdesk::slow_query",
                        ms = format_args!("{:.3}", elapsed.as_secs_f64() * 1000.0),
                        failed = error.is_some(),
                        sql = %sql_text(&query.to_string()),
                        "slow statement"
                    );
                }
            }
            _ => {}
        }
    }
}

/// A statement's SQL without the bound values diesel's display appends.
fn sql_text(displayed: &str) -> &str {
    displayed
        .split_once(" -- binds:")
        .map_or(displayed, |(sql, _)| sql)
        .trim()
}

#[cfg(test)]
mod tests {
    use super::sql_text;

    #[test]
    fn bound_values_are_never_logged() {
        assert_eq!(
            sql_text("SELECT 1 FROM users WHERE email = ? -- binds: [\"ada@example.org\"]"),
            "SELECT 1 FROM users WHERE email = ?"
        );
        assert_eq!(sql_text("PRAGMA optimize"), "PRAGMA optimize");
    }
}
