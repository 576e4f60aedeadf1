//! The desk: ClaimDesk's application layer, the one place where its rules live. Who may do what, in
//! which state, and what it triggers is decided here, once; the edges (pages, the JSON API, bulk
//! actions, the command line) parse their input into domain types, call one operation and render
//! its outcome their own way. Operations are synchronous functions over a pooled connection, run
//! on the blocking pool by the web edges; each change is one write transaction with its history.
//!
//! An operation answers `Ok` when done, or an `AppError`: refused with the reason (`Forbidden`,
//! `Conflict`, `NeedsCorrection`, `Invalid`), `Stale` with what changed, or `NotFound` for another
//! team's id as for a missing one.
//!
//! - `claims`: the versioned change of a claim row, edits, assignment, derived claims;
//! - `workflow`: the status steps, the blind second review, publication and corrections,
//!   discarding a claim as not check-worthy and restoring it;
//! - `citations`, `discussion` (comments, tags);
//! - `evidence`: the evidence vault: cited pages archived, excerpts looked for, rechecks;
//! - `articles`: ingest (extraction included) and triage of candidates;
//! - `removal`: deleting an article with its unsettled claims, refused while a claim keeps it;
//! - `bulk`: one operation over many claims, each through the operation a single claim takes;
//! - `scale` and `team`: the verdict scale and the team settings that rules depend on;
//! - `export`: the CSV's selection and batches, throttled for members, sealed for each reader;
//! - `seal`: the blind-review rule, for every view;
//! - `views`: what a member may see, shared by pages, API and exports;
//! - `public`: what anyone may read: published records and the corrections log;
//! - `webhooks`: signed webhooks: endpoints, the deliveries an event writes, delivering them;
//! - `watch`: watchlists: feeds polled into articles, repeated published claims told.

pub mod articles;
pub mod bulk;
pub mod citations;
pub mod claims;
pub mod discussion;
pub mod evidence;
pub mod export;
pub mod inbox;
pub mod public;
pub mod removal;
pub mod scale;
pub mod seal;
pub mod team;
pub mod views;
pub mod watch;
pub mod webhooks;
pub mod workflow;

use crate::db::{self, DbConn};
use crate::domain::{Role, TeamId, UserId};
use crate::error::{AppError, AppResult};

/// Who acts: a user as a member of one team, with their role there. The web edges make one from
/// the session or the API token; the command line from `--as`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member {
    pub team: TeamId,
    pub user: UserId,
    pub role: Role,
}

impl Member {
    /// Refuses unless the member's role includes `needed`, and logs the refusal.
    pub fn require(&self, needed: Role) -> AppResult<()> {
        if self.role.at_least(needed) {
            return Ok(());
        }
        tracing::warn!(
            target: "claimdesk::audit",
            event = "authorization_denied",
            user_id = self.user.get(),
            team_id = self.team.get(),
            role = self.role.as_str(),
            needed = needed.as_str(),
            "authorization denied"
        );
        Err(AppError::Forbidden(format!(
            "This needs the {needed} role; you are a {} in this team.",
            self.role
        )))
    }
}

/// Runs `change` as one write transaction of `team` (see `db::write`): everything it writes,
/// history included, commits together or not at all. On PostgreSQL the team's history chain is
/// locked first (`db::events::lock_chain`), so every team write takes its locks in one order:
/// chain head, then count rows, then claims; two writes of a team can then wait for each other
/// but never deadlock.
pub fn write<T>(
    conn: &mut DbConn,
    team: TeamId,
    change: impl FnOnce(&mut DbConn) -> AppResult<T>,
) -> AppResult<T> {
    db::write(conn, |tx| {
        db::events::lock_chain(tx, Some(team.get()))?;
        change(tx)
    })
}

/// Runs `step` inside the caller's transaction as a savepoint: refused, it leaves nothing behind
/// while the transaction goes on (bulk actions take one claim at a time this way).
pub fn attempt<T>(tx: &mut DbConn, step: impl FnOnce(&mut DbConn) -> AppResult<T>) -> AppResult<T> {
    use diesel::Connection;
    tx.transaction(step)
}
