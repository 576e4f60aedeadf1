//! `claimdesk citations recheck`: fetch every cited page again now, beside a running server or
//! without one, and say how many changed since they were cited or are gone.

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
    let team = match &args.team {
        Some(name) => {
            let name = TeamName::parse(name).map_err(|e| e.to_string())?;
            let mut conn = pool.get().map_err(|e| e.to_string())?;
            let team = crate::db::users::find_team_by_name(&mut conn, &name)
                .map_err(|e| e.to_string())?
                .ok_or_else(|| format!("no team named {name}"))?;
            Some(TeamId::new(team.id))
        }
        None => None,
    };
    let fetcher = crate::fetch::Fetcher::new(args.fetch.fetch_settings()?, &args.public_url)?;
    let context = crate::jobs::Context {
        pool,
        fetcher,
        vault: args.fetch.vault_settings(),
        // Rechecks open no webhook secret; the server's worker delivers what they ask for.
        secret_key: None,
        public_base: args.public_url.trim_end_matches('/').to_owned(),
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
