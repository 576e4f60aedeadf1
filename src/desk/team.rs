//! Team settings that the desk's rules depend on. Turning blind review on seals the proposed
//! verdicts already awaiting approval (their second review is now required); turning it off lifts
//! every seal.

use super::{write, Member};
use crate::db::{claims, users, DbConn};
use crate::domain::{Role, TeamName, WebUrl};
use crate::error::AppResult;

/// The team's settings as an admin saves them.
pub struct TeamSettings {
    pub name: TeamName,
    pub org_url: Option<WebUrl>,
    pub blind_review: bool,
}

pub fn update(conn: &mut DbConn, member: &Member, settings: &TeamSettings) -> AppResult<()> {
    member.require(Role::Admin)?;
    write(conn, member.team, |tx| {
        let was_blind = users::find_team(tx, member.team.get())?.is_some_and(|t| t.blind_review);
        users::update_team_settings(
            tx,
            member.team.get(),
            member.user.get(),
            &settings.name,
            settings.org_url.as_ref(),
            settings.blind_review,
        )?;
        if was_blind != settings.blind_review {
            claims::reseal(tx, member.team, settings.blind_review)?;
        }
        Ok(())
    })
}
