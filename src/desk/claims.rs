//! Changes to a claim's row: the versioned change every one of them goes through, the rule that
//! keeps a settled verdict record closed, and the edits, assignment and derived claims built on
//! them.

use rust_decimal::Decimal;

use super::{write, Member};
use crate::db::claims::{self as rows, ClaimChanges, ClaimInput};
use crate::db::models::ClaimRow;
use crate::db::{users, DbConn};
use crate::domain::{AssignTo, ClaimId, ClaimWording, Role, Score, Status};
use crate::error::{AppError, AppResult, Stale};

/// What a change does to the claim row, decided from the claim as it now is, and how its history
/// line reads.
pub(crate) struct RowChange {
    pub changes: ClaimChanges,
    pub action: &'static str,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The team's claim, for a change (404 for another team's id, as for a missing one).
pub(crate) fn load(tx: &mut DbConn, member: &Member, claim: ClaimId) -> AppResult<ClaimRow> {
    rows::get(tx, member.team, claim)?.ok_or(AppError::NotFound)
}

/// The refusal of a change based on `seen`: the version now, and what changed meanwhile (as the
/// member may read it: a verdict sealed from them stays sealed).
fn stale(
    tx: &mut DbConn,
    member: &Member,
    row: &ClaimRow,
    seen: i64,
    current: i64,
) -> AppResult<AppError> {
    let claim = row.scoped();
    let changes = super::seal::sealed_history(
        rows::discussion::changes_since(tx, claim, seen, current)?,
        super::seal::claim_sealed(row, Some(member.user)),
    );
    Ok(AppError::from(Stale {
        claim_id: claim.id(),
        current_version: current,
        changes,
    }))
}

/// The versioned change, inside the caller's transaction: loads the claim, refuses a stale
/// `seen` version with what changed since, lets `decide` rule on the change from the claim as it
/// is, applies it only at that version (incrementing it) and records one history line. Returns
/// the claim as it was before.
pub(crate) fn change_in(
    tx: &mut DbConn,
    member: &Member,
    claim: ClaimId,
    seen: i64,
    decide: impl FnOnce(&mut DbConn, &ClaimRow) -> AppResult<RowChange>,
) -> AppResult<ClaimRow> {
    let row = load(tx, member, claim)?;
    if row.version != seen {
        return Err(stale(tx, member, &row, seen, row.version)?);
    }
    let change = decide(tx, &row)?;
    if !rows::update_versioned(tx, row.scoped(), seen, change.changes)? {
        let now = load(tx, member, claim)?;
        return Err(stale(tx, member, &now, seen, now.version)?);
    }
    rows::record(
        tx,
        row.scoped(),
        member.user,
        change.action,
        change.before.as_deref(),
        change.after.as_deref(),
    )?;
    Ok(row)
}

/// The verdict record rule: once a claim is verified or published, its statement, quantity,
/// citations and verdict change only through "reopen as a correction". Comments, tags and
/// assignment stay open.
pub(crate) fn ensure_record_open(claim: &ClaimRow) -> AppResult<()> {
    match claim.status() {
        status @ (Status::Verified | Status::Published) => Err(AppError::NeedsCorrection(status)),
        _ => Ok(()),
    }
}

/// Rewords the claim (statement, subject, speaker) at the version the member saw.
pub fn edit(
    conn: &mut DbConn,
    member: &Member,
    claim: ClaimId,
    seen: i64,
    wording: ClaimWording,
) -> AppResult<()> {
    member.require(Role::Reviewer)?;
    write(conn, member.team, |tx| {
        change_in(tx, member, claim, seen, |_, row| {
            ensure_record_open(row)?;
            let before = ClaimWording {
                statement: row.statement.clone(),
                subject: row.subject.clone(),
                speaker: row.speaker.clone(),
            }
            .describe();
            let after = wording.describe();
            Ok(RowChange {
                changes: ClaimChanges {
                    statement: Some(wording.statement),
                    subject: Some(wording.subject),
                    speaker: Some(wording.speaker),
                    ..ClaimChanges::default()
                },
                action: "edited",
                before: Some(before),
                after: Some(after),
            })
        })
        .map(drop)
    })
}

/// Assigns the claim, inside the caller's transaction. Reviewers take or drop claims for
/// themselves; assigning someone else, or unassigning them, is an editor's call. Only active
/// reviewers, editors and admins of the team can be assigned.
pub(crate) fn assign_in(
    tx: &mut DbConn,
    member: &Member,
    claim: ClaimId,
    seen: i64,
    to: AssignTo,
) -> AppResult<()> {
    member.require(Role::Reviewer)?;
    let target = match to {
        AssignTo::Me => Some(member.user),
        AssignTo::Nobody => None,
        AssignTo::Member(user) => Some(user),
    };
    if target.is_some_and(|t| t != member.user) {
        member.require(Role::Editor)?;
    }
    let before = change_in(tx, member, claim, seen, |tx, row| {
        if target.is_none()
            && row.assignee_id.is_some_and(|a| a != member.user.get())
            && !member.role.at_least(Role::Editor)
        {
            return Err(AppError::Forbidden(
                "Only an editor can unassign someone else.".into(),
            ));
        }
        let name = match target {
            Some(user) => Some(
                users::member_of_team(tx, member.team.get(), user.get())?
                    .filter(|m| m.active && m.role.at_least(Role::Reviewer))
                    .ok_or_else(|| {
                        AppError::unavailable(
                            "assignee",
                            "must be an active reviewer, editor or admin of this team",
                        )
                    })?
                    .name,
            ),
            None => None,
        };
        Ok(RowChange {
            changes: ClaimChanges {
                assignee_id: Some(target),
                ..ClaimChanges::default()
            },
            action: "assigned",
            before: None,
            after: Some(name.unwrap_or_else(|| "nobody".into())),
        })
    })?;
    if target.is_some() && before.assignee_id != target.map(|t| t.get()) {
        let after = ClaimRow {
            assignee_id: target.map(|t| t.get()),
            ..before.clone()
        };
        super::inbox::assigned(tx, member, &after)?;
    }
    if before.assignee_id != target.map(|t| t.get()) {
        let assignee = match target {
            Some(user) => users::member_of_team(tx, member.team.get(), user.get())?.map(|m| m.name),
            None => None,
        };
        super::webhooks::emit(
            tx,
            member.team,
            crate::domain::webhook::WebhookEvent::ClaimAssigned,
            serde_json::json!({
                "id": before.id,
                "statement": before.statement,
                "assignee": assignee,
                "assignee_id": target.map(|t| t.get()),
                "path": format!("/claims/{}", before.id),
            }),
            crate::db::now(),
        )?;
    }
    Ok(())
}

/// Assigns the claim at the version the member saw.
pub fn assign(
    conn: &mut DbConn,
    member: &Member,
    claim: ClaimId,
    seen: i64,
    to: AssignTo,
) -> AppResult<()> {
    write(conn, member.team, |tx| {
        assign_in(tx, member, claim, seen, to)
    })
}

/// Adds the earlier value a ratio implies ("doubled to $50 million" → $25 million) as a claim of
/// its own, linked in both histories. Only the value the server derives from the claim's own
/// sentence is accepted; the form merely confirms it. Returns the new claim.
pub fn derive(
    conn: &mut DbConn,
    member: &Member,
    claim: ClaimId,
    offered: &str,
) -> AppResult<ClaimId> {
    member.require(Role::Reviewer)?;
    write(conn, member.team, |tx| {
        let row = load(tx, member, claim)?;
        let (value, description) = super::views::hints_for(&row)
            .derived
            .filter(|(v, _)| v == offered.trim())
            .ok_or_else(|| {
                AppError::Conflict("This claim implies no such earlier value.".into())
            })?;
        let statement = format!("Earlier value implied by claim #{}: {description}", row.id);
        let input = ClaimInput {
            article_id: row.article_id.map(crate::domain::ArticleId::new),
            statement: &statement,
            context: &row.context,
            span: None,
            surface: None,
            value: Some(&value),
            value_high: None,
            unit: row.unit.as_deref(),
            qualifier: row.qualifier.as_deref(),
            subject: row.subject.as_deref(),
            speaker: row.speaker.as_deref(),
            score: Score::new(row.score * 0.9),
        };
        let new = rows::insert(
            tx,
            member.team,
            member.user,
            &input,
            &format!("derived from claim #{}", row.id),
        )?;
        rows::record(
            tx,
            row.scoped(),
            member.user,
            "derived_claim_added",
            None,
            Some(&format!("claim #{new}")),
        )?;
        Ok(new)
    })
}

/// An earlier value implied by a value and a ratio, when it makes sense: a positive ratio other
/// than one, dividing a count or an amount.
pub(crate) fn implied_earlier(value: Decimal, factor: Decimal) -> Option<Decimal> {
    if factor <= Decimal::ZERO || factor == Decimal::ONE {
        return None;
    }
    value
        .checked_div(factor)
        .map(|earlier| earlier.round_dp(6).normalize())
}
