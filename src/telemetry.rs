//! Logging: `tracing` to stderr, filtered by `RUST_LOG` (default `info`). Audit events (sign-ins,
//! CSRF rejections, authorization denials) use the target `claimdesk::audit`. The formatter escapes
//! field values, so CR/LF in user input cannot start a forged line.

use tracing_subscriber::EnvFilter;

pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
}
