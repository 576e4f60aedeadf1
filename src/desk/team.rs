//! Team settings that the desk's rules depend on. Turning blind review on seals the proposed
//! verdicts already awaiting approval (their second review is now required); turning it off lifts
//! every seal. The number of sources a verdict needs is checked when one is proposed
//! (`workflow`).

use super::{write, Member};
use crate::db::{claims, users, DbConn};
use crate::domain::{Role, TeamName, WebUrl};
use crate::error::AppResult;

/// The team's settings as an admin saves them.
pub struct TeamSettings {
    pub name: TeamName,
    pub org_url: Option<WebUrl>,
    pub blind_review: bool,
    /// Cited sources a claim needs before a verdict other than "unverifiable" is proposed;
    /// `None` keeps the current number.
    pub min_sources: Option<i32>,
}

pub fn update(conn: &mut DbConn, member: &Member, settings: &TeamSettings) -> AppResult<()> {
    member.require(Role::Admin)?;
    write(conn, member.team, |tx| {
        let team = users::find_team(tx, member.team.get())?;
        let was_blind = team.as_ref().is_some_and(|t| t.blind_review);
        let min_sources = settings
            .min_sources
            .or(team.as_ref().map(|t| t.min_sources))
            .unwrap_or(1);
        users::update_team_settings(
            tx,
            member.team.get(),
            member.user.get(),
            &settings.name,
            settings.org_url.as_ref(),
            (settings.blind_review, min_sources),
        )?;
        if was_blind != settings.blind_review {
            claims::reseal(tx, member.team, settings.blind_review)?;
        }
        Ok(())
    })
}
