//! Configuration as a value: defaults in code, overridden by environment variables, overridden by
//! flags (clap reads both). Every value is validated here, so a bad one stops start-up with one clear
//! line instead of a panic later.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use crate::auth::secretbox::SecretKey;

/// Where the data lives. Chosen by the URL's scheme, never by trial.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// A SQLite file (`sqlite://path`, `sqlite:path` or a plain path).
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL (`postgres://…` or `postgresql://…`).
    Postgres(String),
}

impl DatabaseUrl {
    pub fn parse(raw: &str) -> Result<DatabaseUrl, String> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err("DATABASE_URL is empty".into());
        }
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            let parsed = url::Url::parse(raw)
                .map_err(|e| format!("DATABASE_URL is not a valid PostgreSQL URL: {e}"))?;
            if parsed.host_str().is_none_or(str::is_empty) {
                return Err("DATABASE_URL names no PostgreSQL host".into());
            }
            return Ok(DatabaseUrl::Postgres(raw.to_owned()));
        }
        let path = raw
            .strip_prefix("sqlite://")
            .or_else(|| raw.strip_prefix("sqlite:"))
            .unwrap_or(raw);
        if path.contains("://") {
            return Err(format!(
                "DATABASE_URL has an unknown scheme (use sqlite://PATH, a file path, or postgres://…): {}",
                redact(raw)
            ));
        }
        if path.is_empty() {
            return Err("DATABASE_URL names no SQLite file".into());
        }
        Ok(DatabaseUrl::Sqlite(PathBuf::from(path)))
    }

    pub fn backend_name(&self) -> &'static str {
        match self {
            DatabaseUrl::Sqlite(_) => "SQLite",
            DatabaseUrl::Postgres(_) => "PostgreSQL",
        }
    }

    /// The URL with any password hidden, for logs and error messages.
    pub fn display(&self) -> String {
        match self {
            DatabaseUrl::Sqlite(path) => format!("sqlite://{}", path.display()),
            DatabaseUrl::Postgres(url) => redact(url),
        }
    }
}

fn redact(raw: &str) -> String {
    match url::Url::parse(raw) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => raw.to_owned(),
    }
}

/// The options every command takes: where the data lives and how log lines are written. (What is
/// logged is set by `RUST_LOG` for every command, default `info`.)
#[derive(Debug, Clone, Args)]
pub struct DatabaseArgs {
    /// Database: a SQLite file (path or sqlite://PATH) or postgres://USER@HOST/DB.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "claimdesk.db",
        global = true
    )]
    pub database_url: String,
    /// Log lines as plain text (`text`, the default) or one JSON object each (`json`).
    #[arg(
        long,
        env = "CLAIMDESK_LOG_FORMAT",
        default_value = "text",
        global = true,
        value_enum
    )]
    pub log_format: LogFormat,
}

/// The web server's settings: options of `claimdesk serve` only (the other commands neither show
/// nor read them). Each flag has an environment variable.
#[derive(Debug, Clone, Args)]
pub struct SettingsArgs {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, env = "CLAIMDESK_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// Mark cookies Secure with the __Host- prefix and send HSTS. Turn on when served over HTTPS.
    #[arg(long, env = "CLAIMDESK_SECURE_COOKIES", default_value = "false", value_parser = parse_bool, action = clap::ArgAction::Set)]
    pub secure_cookies: bool,
    /// The address users reach ClaimDesk at, for links printed or shown (setup, invites).
    #[arg(long, env = "CLAIMDESK_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Largest form body accepted (e.g. 64KiB).
    #[arg(long, env = "CLAIMDESK_FORM_LIMIT", default_value = "64KiB", value_parser = parse_size)]
    pub form_limit: usize,
    /// Largest article body accepted (e.g. 2MiB).
    #[arg(long, env = "CLAIMDESK_ARTICLE_LIMIT", default_value = "2MiB", value_parser = parse_size)]
    pub article_limit: usize,
    /// A session ends after this long without a request (e.g. 8h, 30m).
    #[arg(long, env = "CLAIMDESK_IDLE_TIMEOUT", default_value = "8h", value_parser = parse_duration)]
    pub idle_timeout: Duration,
    /// A session ends this long after sign-in, however active (e.g. 7d).
    #[arg(long, env = "CLAIMDESK_SESSION_LIFETIME", default_value = "7d", value_parser = parse_duration)]
    pub session_lifetime: Duration,
    /// HTTP worker threads (default: one per core).
    #[arg(long, env = "CLAIMDESK_WORKERS", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub workers: Option<u16>,
    /// Database connections in the pool (default: four per HTTP worker).
    #[arg(long, env = "CLAIMDESK_POOL_SIZE", value_parser = clap::value_parser!(u32).range(1..=512))]
    pub pool_size: Option<u32>,
    /// The server key that encrypts two-factor secrets at rest: 32 random bytes as 64 hex digits or
    /// base64 (`openssl rand -hex 32`). Unset on SQLite: generated once into `<database>.key`
    /// (mode 0600) beside the database file and reused. Unset on PostgreSQL: two-factor enrolment
    /// is refused with a page saying so (every instance sharing the database needs the same key),
    /// everything else works. Prefer the environment variable to the flag (flags show in `ps`).
    #[arg(long, env = "CLAIMDESK_SECRET_KEY", hide_env_values = true)]
    pub secret_key: Option<String>,
    /// Serve Prometheus metrics at `/metrics` on this separate address (e.g. 127.0.0.1:9090); off
    /// when unset. Never the public address: keep it on a private interface.
    #[arg(long, env = "CLAIMDESK_METRICS_BIND")]
    pub metrics_bind: Option<String>,
    /// Log every SQL statement slower than this many milliseconds (its SQL and time, never its
    /// values; target claimdesk::slow_query); fractions profile a page (0.01 logs nearly every
    /// statement). 0 or unset: off.
    #[arg(long, env = "CLAIMDESK_SLOW_QUERY_MS", default_value = "0", value_parser = parse_millis)]
    pub slow_query_ms: Duration,
    /// How long a stopping server lets requests in flight finish (long exports) before it closes
    /// them (e.g. 30s, 5m).
    #[arg(long, env = "CLAIMDESK_SHUTDOWN_GRACE", default_value = "30s", value_parser = parse_duration)]
    pub shutdown_grace: Duration,
    /// Send e-mail (notices, password resets) through this SMTP server: smtp://host:port for a
    /// local relay, smtp://user:password@host:587?tls=required for STARTTLS, smtps://user:password@host
    /// for TLS. Unset: no e-mail is sent (the inbox works all the same). Needs CLAIMDESK_MAIL_FROM.
    #[arg(long, env = "CLAIMDESK_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// The sender of ClaimDesk's e-mail, e.g. "Fact desk <desk@example.org>".
    #[arg(long, env = "CLAIMDESK_MAIL_FROM")]
    pub mail_from: Option<String>,
    #[command(flatten)]
    pub fetch: FetchArgs,
    /// How often the job worker looks for work (archiving and rechecking cited pages; e.g. 2s).
    /// 0 runs no job worker in this instance (another instance sharing the database runs them).
    #[arg(long, env = "CLAIMDESK_JOBS_INTERVAL", default_value = "2s", value_parser = parse_duration_or_off)]
    pub jobs_interval: Duration,
}

/// What the fetcher may reach and what the evidence vault keeps: settings of `claimdesk serve` and
/// of `claimdesk citations recheck`, which fetch pages.
#[derive(Debug, Clone, Args)]
pub struct FetchArgs {
    /// Addresses and CIDRs the fetcher may reach although they are not public (an intranet, a test
    /// server), comma-separated: e.g. 10.20.0.0/16,127.0.0.1/32. Unset: public addresses only.
    #[arg(long, env = "CLAIMDESK_FETCH_ALLOW", default_value = "")]
    pub fetch_allow: String,
    /// How long a fetch of a link may take in all, redirects included (e.g. 10s).
    #[arg(long, env = "CLAIMDESK_FETCH_TIMEOUT", default_value = "10s", value_parser = parse_duration)]
    pub fetch_timeout: Duration,
    /// Largest page the fetcher reads (e.g. 5MiB).
    #[arg(long, env = "CLAIMDESK_FETCH_LIMIT", default_value = "5MiB", value_parser = parse_size)]
    pub fetch_limit: usize,
    /// Compressed snapshots of cited pages a team may keep (e.g. 1GiB); a page past it is not
    /// archived and the claim page says why.
    #[arg(long, env = "CLAIMDESK_VAULT_LIMIT", default_value = "1GiB", value_parser = parse_storage)]
    pub vault_limit: u64,
    /// Fetch every cited page again when its last check is this old, and flag it changed or gone
    /// (e.g. 7d); 0 turns the periodic recheck off (`claimdesk citations recheck` still runs it).
    #[arg(long, env = "CLAIMDESK_RECHECK_EVERY", default_value = "7d", value_parser = parse_duration_or_off)]
    pub recheck_every: Duration,
    /// Poll every watched feed this often (e.g. 30m); 0 turns the schedule off (`claimdesk watch
    /// run-once` still polls).
    #[arg(long, env = "CLAIMDESK_FEED_EVERY", default_value = "30m", value_parser = parse_duration_or_off)]
    pub feed_every: Duration,
}

impl FetchArgs {
    pub fn fetch_settings(&self) -> Result<crate::fetch::FetchSettings, String> {
        Ok(crate::fetch::FetchSettings {
            allow: crate::fetch::AllowList::parse(&self.fetch_allow)?,
            timeout: self.fetch_timeout,
            max_bytes: self.fetch_limit,
        })
    }

    /// `CLAIMDESK_FEED_EVERY`; `None` when off.
    pub fn feed_every(&self) -> Option<Duration> {
        (!self.feed_every.is_zero()).then_some(self.feed_every)
    }

    pub fn vault_settings(&self) -> crate::jobs::VaultSettings {
        crate::jobs::VaultSettings {
            team_limit: self.vault_limit,
            recheck_every: (!self.recheck_every.is_zero()).then_some(self.recheck_every),
        }
    }
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

/// Validated settings, passed by value to whatever needs them. No globals.
#[derive(Debug, Clone)]
pub struct Settings {
    pub database: DatabaseUrl,
    pub bind: SocketAddr,
    pub secure_cookies: bool,
    pub public_url: Option<String>,
    pub form_limit: usize,
    pub article_limit: usize,
    pub idle_timeout: Duration,
    pub session_lifetime: Duration,
    pub workers: Option<usize>,
    pub pool_size: u32,
    /// `CLAIMDESK_SECRET_KEY`; on SQLite, start-up fills it from the key file when unset
    /// (`startup::Application::build`). `None` at run time: two-factor enrolment is unavailable.
    pub secret_key: Option<SecretKey>,
    /// Where Prometheus metrics are served, if anywhere (never the public address).
    pub metrics_bind: Option<SocketAddr>,
    pub shutdown_grace: Duration,
    /// `CLAIMDESK_SLOW_QUERY_MS`: statements slower than this are logged (`db::slow`).
    pub slow_query: Option<Duration>,
    /// SMTP, when e-mail is sent.
    pub mail: Option<crate::mail::MailSettings>,
    /// What the fetcher may reach, for how long and how much (`fetch`).
    pub fetch: crate::fetch::FetchSettings,
    /// What the evidence vault keeps and how often it rechecks (`desk::evidence`).
    pub vault: crate::jobs::VaultSettings,
    /// How often the job worker runs; `None`: not in this instance.
    pub jobs_interval: Option<Duration>,
    /// How often watched feeds are polled; `None`: only by `claimdesk watch run-once`.
    pub feed_every: Option<Duration>,
}

impl Settings {
    pub fn from_args(database: &DatabaseArgs, args: &SettingsArgs) -> Result<Settings, String> {
        let database = DatabaseUrl::parse(&database.database_url)?;
        let bind: SocketAddr = args.bind.trim().parse().map_err(|_| {
            format!(
                "CLAIMDESK_BIND must be an address and port such as 127.0.0.1:8080, not {:?}",
                args.bind
            )
        })?;
        let public_url = args
            .public_url
            .as_deref()
            .map(parse_public_url)
            .transpose()?;
        if args.session_lifetime < args.idle_timeout {
            return Err(
                "CLAIMDESK_SESSION_LIFETIME must not be shorter than CLAIMDESK_IDLE_TIMEOUT".into(),
            );
        }
        let secret_key = args
            .secret_key
            .as_deref()
            .filter(|raw| !raw.trim().is_empty())
            .map(SecretKey::parse)
            .transpose()
            .map_err(|e| format!("CLAIMDESK_SECRET_KEY is not usable: {e}"))?;
        let metrics_bind = match args.metrics_bind.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => {
                let addr: SocketAddr = raw.parse().map_err(|_| {
                    format!(
                        "CLAIMDESK_METRICS_BIND must be an address and port such as \
                         127.0.0.1:9090, not {raw:?}"
                    )
                })?;
                // Port 0 picks a free port for each listener, so two of them never collide.
                if addr == bind && addr.port() != 0 {
                    return Err(
                        "CLAIMDESK_METRICS_BIND must not be the public address (CLAIMDESK_BIND)"
                            .into(),
                    );
                }
                Some(addr)
            }
        };
        let mail = match args.smtp_url.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(url) => Some(crate::mail::MailSettings::parse(
                url,
                args.mail_from.as_deref(),
            )?),
        };
        Ok(Settings {
            fetch: args.fetch.fetch_settings()?,
            vault: args.fetch.vault_settings(),
            feed_every: args.fetch.feed_every(),
            jobs_interval: (!args.jobs_interval.is_zero()).then_some(args.jobs_interval),
            mail,
            database,
            bind,
            secure_cookies: args.secure_cookies,
            public_url,
            form_limit: args.form_limit,
            article_limit: args.article_limit,
            idle_timeout: args.idle_timeout,
            session_lifetime: args.session_lifetime,
            workers: args.workers.map(usize::from),
            pool_size: args
                .pool_size
                .unwrap_or_else(|| default_pool_size(args.workers.map(usize::from))),
            secret_key,
            metrics_bind,
            shutdown_grace: args.shutdown_grace,
            slow_query: (!args.slow_query_ms.is_zero()).then_some(args.slow_query_ms),
        })
    }

    /// Defaults for a given database, bound to a free port: what the tests start.
    pub fn with_database(database: DatabaseUrl) -> Settings {
        Settings {
            database,
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            secure_cookies: false,
            public_url: None,
            form_limit: 64 * 1024,
            article_limit: 2 * 1024 * 1024,
            idle_timeout: Duration::from_secs(8 * 3600),
            session_lifetime: Duration::from_secs(7 * 24 * 3600),
            workers: Some(2),
            pool_size: 8,
            secret_key: None,
            metrics_bind: None,
            shutdown_grace: Duration::from_secs(30),
            slow_query: None,
            mail: None,
            fetch: crate::fetch::FetchSettings::default(),
            vault: crate::jobs::VaultSettings::default(),
            // Tests that need the job worker turn it on; the others fetch nothing.
            jobs_interval: None,
            feed_every: Some(Duration::from_secs(30 * 60)),
        }
    }
}

/// `CLAIMDESK_PUBLIC_URL`: an http(s) address, kept without a trailing `/`.
pub fn parse_public_url(raw: &str) -> Result<String, String> {
    let parsed =
        url::Url::parse(raw).map_err(|e| format!("CLAIMDESK_PUBLIC_URL is not a URL: {e}"))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err("CLAIMDESK_PUBLIC_URL must start with http:// or https://".into());
    }
    Ok(raw.trim_end_matches('/').to_owned())
}

fn parse_bool(raw: &str) -> Result<bool, String> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" | "" => Ok(false),
        _ => Err("expected true or false".into()),
    }
}

/// The base of absolute links when `CLAIMDESK_PUBLIC_URL` is unset: the bind address, with
/// `localhost` for an unspecified (all-interfaces) address. Request headers never decide links.
pub fn public_url_from_bind(bind: SocketAddr) -> String {
    let host = match bind.ip() {
        ip if ip.is_unspecified() => "localhost".to_owned(),
        std::net::IpAddr::V6(ip) => format!("[{ip}]"),
        ip => ip.to_string(),
    };
    format!("http://{host}:{}", bind.port())
}

impl Settings {
    /// The base of every absolute link (public pages, ClaimReview, invites, exports):
    /// `CLAIMDESK_PUBLIC_URL`, else derived from the bind address.
    pub fn public_base(&self) -> String {
        match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => public_url_from_bind(self.bind),
        }
    }
}

/// "65536", "64KiB", "64kb", "2MiB", "2m": a body or page limit, 1 KiB to 1 GiB.
pub fn parse_size(raw: &str) -> Result<usize, String> {
    let bytes = size_within(raw, 1024, 1024 * 1024 * 1024, "1KiB and 1GiB")?;
    usize::try_from(bytes).map_err(|_| "size is too large".to_string())
}

/// A storage limit ("500MiB", "20GiB"), 1 MiB to 1 TiB.
fn parse_storage(raw: &str) -> Result<u64, String> {
    size_within(raw, 1024 * 1024, 1024 * 1024 * 1024 * 1024, "1MiB and 1TiB")
}

fn size_within(raw: &str, least: u64, most: u64, range: &str) -> Result<u64, String> {
    let lower = raw.trim().to_ascii_lowercase();
    let digits_end = lower
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(lower.len());
    let (number, suffix) = lower.split_at(digits_end);
    let number: u64 = number
        .parse()
        .map_err(|_| "expected a size such as 65536, 64KiB, 2MiB or 1GiB".to_string())?;
    let multiplier: u64 = match suffix.trim() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1024,
        "m" | "mb" | "mib" => 1024 * 1024,
        "g" | "gb" | "gib" => 1024 * 1024 * 1024,
        _ => return Err("expected a size such as 65536, 64KiB, 2MiB or 1GiB".into()),
    };
    let bytes = number
        .checked_mul(multiplier)
        .ok_or_else(|| "size is too large".to_string())?;
    if !(least..=most).contains(&bytes) {
        return Err(format!("size must be between {range}"));
    }
    Ok(bytes)
}

/// "90s", "30m", "8h", "7d"; a bare number is seconds.
/// A duration, or `0` / `off` for none (zero).
fn parse_duration_or_off(raw: &str) -> Result<Duration, String> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "0" | "off" => Ok(Duration::ZERO),
        _ => parse_duration(raw),
    }
}

/// Milliseconds, fractions allowed (`250`, `0.05`), at most an hour.
fn parse_millis(raw: &str) -> Result<Duration, String> {
    raw.trim()
        .parse::<f64>()
        .ok()
        .filter(|ms| ms.is_finite() && (0.0..=3_600_000.0).contains(ms))
        .map(|ms| Duration::from_secs_f64(ms / 1000.0))
        .ok_or_else(|| "expected milliseconds from 0 to 3600000, such as 250 or 0.05".into())
}

pub fn parse_duration(raw: &str) -> Result<Duration, String> {
    let lower = raw.trim().to_ascii_lowercase();
    let digits_end = lower
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(lower.len());
    let (number, suffix) = lower.split_at(digits_end);
    let number: u64 = number
        .parse()
        .map_err(|_| "expected a duration such as 90s, 30m, 8h or 7d".to_string())?;
    let seconds = match suffix.trim() {
        "" | "s" => 1,
        "m" | "min" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return Err("expected a duration such as 90s, 30m, 8h or 7d".into()),
    };
    let total = number
        .checked_mul(seconds)
        .filter(|t| (1..=366 * 86_400).contains(t))
        .ok_or_else(|| "duration must be between 1s and 366d".to_string())?;
    Ok(Duration::from_secs(total))
}

/// Connections in the pool when `CLAIMDESK_POOL_SIZE` is unset: four per HTTP worker (one per core
/// when the workers are not set). On SQLite each connection keeps its own page cache and search
/// buffers, so more connections than the cores can use only hold memory: at a million claims on 2
/// cores, 8 connections served every page of the load benchmark as fast as 16 or faster, with a
/// peak RSS of 87 MiB against 111 (docs/PERFORMANCE.md).
pub fn default_pool_size(workers: Option<usize>) -> u32 {
    let workers = workers
        .or_else(|| std::thread::available_parallelism().ok().map(|n| n.get()))
        .unwrap_or(1)
        .clamp(1, 128);
    u32::try_from(workers * POOL_PER_WORKER).unwrap_or(512)
}

/// Pool connections per HTTP worker by default.
const POOL_PER_WORKER: usize = 4;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pool_has_four_connections_per_worker_unless_set() {
        assert_eq!(default_pool_size(Some(2)), 8);
        assert_eq!(default_pool_size(Some(16)), 64);
        assert!(default_pool_size(None) >= 4);
        assert_eq!(default_pool_size(Some(1000)), 512);
    }

    #[test]
    fn database_urls_pick_their_backend_by_scheme() {
        assert_eq!(
            DatabaseUrl::parse("claimdesk.db"),
            Ok(DatabaseUrl::Sqlite("claimdesk.db".into()))
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:///var/lib/cd.db"),
            Ok(DatabaseUrl::Sqlite("/var/lib/cd.db".into()))
        );
        assert!(matches!(
            DatabaseUrl::parse("postgres://postgres@127.0.0.1/cd"),
            Ok(DatabaseUrl::Postgres(_))
        ));
        assert!(DatabaseUrl::parse("mysql://root@localhost/cd").is_err());
        assert!(DatabaseUrl::parse("").is_err());
        assert!(DatabaseUrl::parse("postgres://").is_err());
    }

    #[test]
    fn the_secret_key_is_optional_but_must_be_32_bytes_when_given() {
        #[derive(clap::Parser)]
        struct Cli {
            #[command(flatten)]
            database: DatabaseArgs,
            #[command(flatten)]
            settings: SettingsArgs,
        }
        let settings = |extra: &[&str]| {
            let mut argv = vec!["claimdesk", "--database-url", "desk.db"];
            argv.extend_from_slice(extra);
            let cli = <Cli as clap::Parser>::try_parse_from(argv).unwrap();
            Settings::from_args(&cli.database, &cli.settings)
        };
        let hex_key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        let with_key = settings(&["--secret-key", hex_key]).unwrap();
        assert_eq!(
            with_key.secret_key,
            Some(SecretKey::parse(hex_key).unwrap())
        );
        assert!(
            !format!("{with_key:?}").contains(hex_key),
            "Debug hides the key"
        );
        let error = settings(&["--secret-key", "0011"]).unwrap_err();
        assert!(error.starts_with("CLAIMDESK_SECRET_KEY"), "{error}");
        assert!(!error.contains('\n'));
    }

    #[test]
    fn metrics_never_share_the_public_address_but_two_free_ports_are_fine() {
        #[derive(clap::Parser)]
        struct Cli {
            #[command(flatten)]
            database: DatabaseArgs,
            #[command(flatten)]
            settings: SettingsArgs,
        }
        let settings = |extra: &[&str]| {
            let mut argv = vec!["claimdesk", "--database-url", "desk.db"];
            argv.extend_from_slice(extra);
            let cli = <Cli as clap::Parser>::try_parse_from(argv).unwrap();
            Settings::from_args(&cli.database, &cli.settings)
        };
        let same = [
            "--bind",
            "127.0.0.1:8080",
            "--metrics-bind",
            "127.0.0.1:8080",
        ];
        let error = settings(&same).unwrap_err();
        assert!(error.starts_with("CLAIMDESK_METRICS_BIND"), "{error}");
        let free = ["--bind", "127.0.0.1:0", "--metrics-bind", "127.0.0.1:0"];
        assert!(settings(&free).unwrap().metrics_bind.is_some());
        let apart = ["--bind", "0.0.0.0:8080", "--metrics-bind", "127.0.0.1:9090"];
        assert!(settings(&apart).is_ok());
    }

    #[test]
    fn passwords_in_database_urls_are_hidden() {
        let url = DatabaseUrl::parse("postgres://cd:secret@db.example/cd").unwrap();
        assert!(!url.display().contains("secret"));
    }

    #[test]
    fn the_slow_statement_threshold_takes_fractions_of_a_millisecond() {
        assert_eq!(parse_millis("250"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_millis("0.05"), Ok(Duration::from_micros(50)));
        assert_eq!(parse_millis("0"), Ok(Duration::ZERO));
        for bad in ["-1", "NaN", "inf", "soon", "3600001"] {
            assert!(parse_millis(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn sizes_and_durations_parse_with_units() {
        assert_eq!(parse_size("64KiB"), Ok(65536));
        assert_eq!(parse_size("2MiB"), Ok(2 * 1024 * 1024));
        assert!(parse_size("12").is_err());
        assert!(parse_size("lots").is_err());
        assert_eq!(parse_duration("8h"), Ok(Duration::from_secs(28_800)));
        assert_eq!(parse_duration("7d"), Ok(Duration::from_secs(604_800)));
        assert!(parse_duration("0s").is_err());
        assert!(parse_duration("soon").is_err());
        assert_eq!(parse_storage("20GiB"), Ok(20 * 1024 * 1024 * 1024));
        assert!(parse_storage("64KiB").is_err(), "below 1 MiB");
        assert!(parse_size("2GiB").is_err(), "a body past 1 GiB");
        assert_eq!(parse_duration_or_off("off"), Ok(Duration::ZERO));
        assert_eq!(
            parse_duration_or_off("7d"),
            Ok(Duration::from_secs(604_800))
        );
    }
}
