//! Logging: `tracing` to stderr, filtered by `RUST_LOG` (default `info`; an invalid filter warns and
//! falls back to it), as text or one JSON object a line (`CLAIMDESK_LOG_FORMAT`). Audit events
//! (sign-ins, CSRF rejections, authorization denials) use the target `claimdesk::audit`; the request
//! log (one line per request: method, route, status, duration, request id) the target
//! `claimdesk::request`. The formatter escapes field values, so CR/LF in user input cannot start a
//! forged line.
//!
//! Each request carries an id (`X-Request-Id`: a sane incoming one is kept, else a new one), held
//! for the request's task so that a server error logs and shows the same id.

use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;

pub fn init(format: LogFormat) {
    let (filter, refused) = match EnvFilter::try_from_default_env() {
        Ok(filter) => (filter, None),
        Err(e) => {
            let refused = std::env::var("RUST_LOG")
                .ok()
                .filter(|raw| !raw.trim().is_empty())
                .map(|raw| format!("RUST_LOG={raw:?} is not a valid log filter ({e})"));
            (EnvFilter::new("info"), refused)
        }
    };
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false);
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
    if let Some(refused) = refused {
        tracing::warn!("{refused}: logging at info");
    }
}

tokio::task_local! {
    static REQUEST_ID: String;
}

/// The id of the request being answered, when there is one.
pub fn request_id() -> Option<String> {
    REQUEST_ID.try_with(Clone::clone).ok()
}

/// Runs `work` as the request `id`.
pub async fn with_request_id<F: std::future::Future>(id: String, work: F) -> F::Output {
    REQUEST_ID.scope(id, work).await
}

/// A request id a client or proxy sent that is safe to log and echo: 1 to 64 letters, digits,
/// `-`, `_` or `.`.
pub fn sane_request_id(raw: &str) -> bool {
    !raw.is_empty()
        && raw.len() <= 64
        && raw
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// A new request id: 16 hex digits.
pub fn new_request_id() -> String {
    crate::auth::new_token()[..16].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_ids_are_kept() {
        assert!(sane_request_id("abc-123_X.9"));
        for bad in ["", "a b", "x\r\ny", "<script>", &"a".repeat(65)] {
            assert!(!sane_request_id(bad), "{bad:?}");
        }
        assert_eq!(new_request_id().len(), 16);
    }
}
