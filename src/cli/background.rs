//! The commands that run background work now, in their own process, beside a running server or
//! without one: `claimdesk citations recheck` (every cited page fetched again: how many changed
//! since they were cited or are gone) and `claimdesk watch run-once` (every watched feed polled).

use std::time::Duration;

use clap::Args;

use super::Stop;
use crate::config::{parse_duration, DatabaseUrl, FetchArgs};
use crate::desk::evidence;
use crate::domain::evidence::EvidenceState;
use crate::domain::{TeamId, TeamName};

#[derive(Debug, Args)]
pub struct RecheckArgs {
    /// Only this team's citations (its name); every team's when left out.
    #[arg(long)]
    team: Option<String>,
    /// How long to wait for pages that did not answer and are tried again (e.g. 90s); the
    /// server's job worker tries them later in any case.
    #[arg(long, default_value = "90s", value_parser = parse_duration)]
    wait: Duration,
    /// The address ClaimDesk is reached at, named in the fetcher's user agent.
    #[arg(long, env = "CLAIMDESK_PUBLIC_URL", default_value = "http://localhost")]
    public_url: String,
    #[command(flatten)]
    fetch: FetchArgs,
}

pub fn recheck(database: &DatabaseUrl, args: RecheckArgs) -> Result<(), Stop> {
    let pool = crate::db::open(database, 2).map_err(|e| e.to_string())?;
    let team = team_named(&pool, args.team.as_deref())?;
    let fetcher = crate::fetch::Fetcher::new(args.fetch.fetch_settings()?, &args.public_url)?;
    let context = crate::jobs::Context {
        pool,
        fetcher,
        vault: args.fetch.vault_settings(),
        // Rechecks open no webhook secret; the server's worker delivers what they ask for.
        secret_key: None,
        public_base: args.public_url.trim_end_matches('/').to_owned(),
        feed_every: None,
        article_limit: 2 * 1024 * 1024,
        // Mail written meanwhile waits for the server, which has the SMTP settings.
        mail: None,
    };
    let summary = evidence::recheck_now(&context, team, args.wait)?;
    let count = |state: EvidenceState| {
        summary
            .by_state
            .iter()
            .find(|(s, _)| *s == state)
            .map_or(0, |(_, n)| *n)
    };
    println!(
        "rechecked {} cited pages: {} unchanged, {} changed since cited, {} gone, {} not archived",
        summary.pages,
        count(EvidenceState::Archived),
        count(EvidenceState::Changed),
        count(EvidenceState::Gone),
        count(EvidenceState::Unarchived),
    );
    if summary.still_waiting > 0 {
        println!(
            "{} pages did not answer and will be tried again by the server",
            summary.still_waiting
        );
    }
    Ok(())
}

#[derive(Debug, Args)]
pub struct RunOnceArgs {
    /// Only this team's feeds (its name); every team's when left out.
    #[arg(long)]
    team: Option<String>,
    /// How long to wait for feeds and pages that did not answer and are tried again (e.g. 90s).
    #[arg(long, default_value = "90s", value_parser = parse_duration)]
    wait: Duration,
    /// The address ClaimDesk is reached at, named in the fetcher's user agent.
    #[arg(long, env = "CLAIMDESK_PUBLIC_URL", default_value = "http://localhost")]
    public_url: String,
    /// Largest article a feed item may bring (e.g. 2MiB).
    #[arg(long, env = "CLAIMDESK_ARTICLE_LIMIT", default_value = "2MiB", value_parser = crate::config::parse_size)]
    article_limit: usize,
    /// The server key (`CLAIMDESK_SECRET_KEY`), to sign the `alert.repeated` webhooks a poll
    /// sends; on SQLite the key file beside the database is used when it is unset.
    #[arg(long, env = "CLAIMDESK_SECRET_KEY", hide_env_values = true)]
    secret_key: Option<String>,
    #[command(flatten)]
    fetch: FetchArgs,
}

/// `claimdesk watch run-once`: every watched feed polled now; prints what each poll brought.
pub fn run_once(database: &DatabaseUrl, args: RunOnceArgs) -> Result<(), Stop> {
    let pool = crate::db::open(database, 2).map_err(|e| e.to_string())?;
    let team = team_named(&pool, args.team.as_deref())?;
    let secret_key = match args.secret_key.as_deref().filter(|k| !k.trim().is_empty()) {
        Some(raw) => Some(
            crate::auth::secretbox::SecretKey::parse(raw)
                .map_err(|e| format!("CLAIMDESK_SECRET_KEY is not usable: {e}"))?,
        ),
        None => match database {
            DatabaseUrl::Sqlite(path) => {
                let file = crate::auth::secretbox::key_file_beside(path);
                file.exists()
                    .then(|| crate::auth::secretbox::load_or_create_key_file(&file))
                    .transpose()?
            }
            DatabaseUrl::Postgres(_) => None,
        },
    };
    let fetcher = crate::fetch::Fetcher::new(args.fetch.fetch_settings()?, &args.public_url)?;
    let context = crate::jobs::Context {
        pool,
        fetcher,
        vault: args.fetch.vault_settings(),
        secret_key,
        public_base: args.public_url.trim_end_matches('/').to_owned(),
        feed_every: None,
        article_limit: args.article_limit,
        mail: None,
    };
    let polled = crate::desk::watch::run_once(&context, team, args.wait)?;
    for feed in &polled {
        println!(
            "{}: {}",
            feed.url,
            feed.last_result
                .as_deref()
                .unwrap_or("not polled yet (tried again later)")
        );
    }
    println!("polled {} feeds", polled.len());
    Ok(())
}

fn team_named(pool: &crate::db::Pool, name: Option<&str>) -> Result<Option<TeamId>, Stop> {
    let Some(name) = name else {
        return Ok(None);
    };
    let name = TeamName::parse(name).map_err(|e| e.to_string())?;
    let mut conn = pool.get().map_err(|e| e.to_string())?;
    let team = crate::db::users::find_team_by_name(&mut conn, &name)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no team named {name}"))?;
    Ok(Some(TeamId::new(team.id)))
}
