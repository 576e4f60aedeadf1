//! Bulk actions on a selection of the queue. Each selected claim goes through the very operation a
//! single claim takes (assignment, a tag, a workflow step), one by one in one transaction, each in
//! a savepoint: a claim that changed since the queue was loaded, or that the action does not fit,
//! is skipped with the reason and leaves nothing behind, while the others go through.

use super::{attempt, claims, discussion, workflow, write, Member};
use crate::db::DbConn;
use crate::domain::{AssignTo, ClaimId, Role, Step, Tag};
use crate::error::{AppError, AppResult};

/// At most this many claims per bulk action: one transaction stays short.
pub const MAX_SELECTION: usize = 200;

/// What a bulk action does to each selected claim.
#[derive(Debug, Clone)]
pub enum BulkAction {
    AssignMe,
    Unassign,
    Tag(Tag),
    /// A workflow step that needs nothing typed (propose and reopen are taken one claim at a time).
    Step(Step),
}

/// What happened to the selection.
#[derive(Debug, Default)]
pub struct BulkOutcome {
    pub changed: Vec<ClaimId>,
    pub skipped: Vec<(ClaimId, String)>,
}

/// Why a claim was skipped, in words for the bulk page.
fn reason(error: &AppError) -> String {
    match error {
        AppError::NotFound => "not found".to_owned(),
        AppError::Stale(_) => "changed by someone else since you loaded the queue".to_owned(),
        other => other.public().message,
    }
}

/// Applies `action` to each `(claim, version seen)` of the selection.
pub fn apply(
    conn: &mut DbConn,
    member: &Member,
    selection: &[(ClaimId, i64)],
    action: &BulkAction,
) -> AppResult<BulkOutcome> {
    member.require(Role::Reviewer)?;
    if selection.is_empty() {
        return Err(AppError::invalid("claim", "select at least one claim"));
    }
    if selection.len() > MAX_SELECTION {
        return Err(AppError::invalid(
            "claim",
            format!("select at most {MAX_SELECTION} claims at once"),
        ));
    }
    write(conn, member.team, |tx| {
        let mut outcome = BulkOutcome::default();
        for &(claim, seen) in selection {
            let done = attempt(tx, |tx| match action {
                BulkAction::AssignMe => claims::assign_in(tx, member, claim, seen, AssignTo::Me),
                BulkAction::Unassign => {
                    claims::assign_in(tx, member, claim, seen, AssignTo::Nobody)
                }
                BulkAction::Tag(tag) => {
                    // Tags carry no version; a claim that moved on is still skipped, so the
                    // member sees the whole selection treated alike.
                    let row = claims::load(tx, member, claim)?;
                    if row.version != seen {
                        return Err(AppError::Conflict(
                            "changed by someone else since you loaded the queue".into(),
                        ));
                    }
                    discussion::tag_in(tx, member, claim, tag, false)
                }
                BulkAction::Step(step) => workflow::step_in(tx, member, claim, seen, step),
            });
            match done {
                Ok(()) => outcome.changed.push(claim),
                Err(AppError::Internal(cause)) => return Err(AppError::Internal(cause)),
                Err(refused) => outcome.skipped.push((claim, reason(&refused))),
            }
        }
        Ok(outcome)
    })
}

/// One claim of a selection as the bulk-publish preview shows it.
pub struct Previewed {
    pub id: ClaimId,
    pub version: i64,
    pub statement: String,
    pub status: crate::domain::Status,
    /// The verdict's label, when it has one and the member may see it.
    pub verdict: Option<String>,
}

/// The selected claims of the member's team, as a bulk step's preview lists them (another team's
/// or a missing id is left out, as the step itself would skip it).
pub fn preview(
    conn: &mut DbConn,
    member: &Member,
    selection: &[(ClaimId, i64)],
) -> AppResult<Vec<Previewed>> {
    let scale = crate::db::verdicts::scale(conn, member.team)?;
    let mut shown = Vec::with_capacity(selection.len());
    for (id, version) in selection {
        let Some(row) = crate::db::claims::get(conn, member.team, *id)? else {
            continue;
        };
        let sealed = super::seal::claim_sealed(&row, Some(member.user));
        let verdict = row
            .verdict_id
            .filter(|_| !sealed)
            .and_then(|v| scale.iter().find(|s| s.id == v))
            .map(|v| v.label.clone());
        shown.push(Previewed {
            id: *id,
            version: *version,
            status: row.status(),
            statement: row.statement,
            verdict,
        });
    }
    Ok(shown)
}
