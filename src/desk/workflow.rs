//! The workflow: a claim's status steps with everything each one triggers (the verdict proposed,
//! the review round, the blind seal, approval, publication with its frozen record, corrections,
//! discarding with its reason and restoring), and the blind second review. Pages, the API and
//! bulk actions all take steps through `step_in`.

use super::claims::{change_in, RowChange};
use super::{write, Member};
use crate::db::claims::{self as rows, ClaimChanges};
use crate::db::models::ClaimRow;
use crate::db::{publications, reviews, users, verdicts, DbConn};
use crate::domain::{Actor, ClaimId, GivenVerdict, Role, Status, Step, TransitionError, VerdictId};
use crate::error::{AppError, AppResult};

/// Whether the team reviews blind.
fn team_reviews_blind(tx: &mut DbConn, member: &Member) -> AppResult<bool> {
    Ok(users::find_team(tx, member.team.get())?.is_some_and(|t| t.blind_review))
}

/// The verdict of the team's scale that `given` names, if it may still be given; the scale is
/// locked first so a concurrent retirement cannot slip between this read and the write.
fn verdict_of(
    tx: &mut DbConn,
    member: &Member,
    given: &GivenVerdict,
) -> AppResult<crate::db::models::VerdictRow> {
    verdicts::lock_scale(tx, member.team)?;
    verdicts::active_by_key(tx, member.team, &given.key)?
        .ok_or_else(|| AppError::unavailable("verdict", "is not a verdict of this team's scale"))
}

/// The verdict that needs no source: "no evidence either way" is a finding of its own.
const NEEDS_NO_SOURCE: &str = "unverifiable";

/// Refuses a proposal before the claim has the team's number of cited sources (the team setting,
/// 1 unless changed), except for "unverifiable".
fn enough_sources(
    tx: &mut DbConn,
    member: &Member,
    row: &ClaimRow,
    verdict: &crate::db::models::VerdictRow,
) -> AppResult<()> {
    let needed = users::find_team(tx, member.team.get())?.map_or(1, |t| i64::from(t.min_sources));
    if verdict.key == NEEDS_NO_SOURCE || needed == 0 {
        return Ok(());
    }
    let cited = rows::citations::count_citations(tx, row.scoped())?;
    if cited >= needed {
        return Ok(());
    }
    Err(AppError::invalid(
        "verdict",
        format!(
            "needs {needed} cited source{} first (this team's setting; the claim has {cited}): \
             add citations, or choose “Unverifiable”",
            if needed == 1 { "" } else { "s" }
        ),
    ))
}

/// Takes `step` on the claim, inside the caller's transaction, at the version the member saw.
pub(crate) fn step_in(
    tx: &mut DbConn,
    member: &Member,
    claim: ClaimId,
    seen: i64,
    step: &Step,
) -> AppResult<()> {
    member.require(Role::Reviewer)?;
    let edge = step.edge();
    let now = crate::db::now();
    let before = change_in(tx, member, claim, seen, |tx, row| {
        let from = row.status();
        let actor = Actor {
            role: member.role,
            is_proposer: row.proposed_by == Some(member.user.get()),
        };
        let to = edge.apply(from, actor).map_err(|e| match e {
            TransitionError::NotFrom { .. } => AppError::Conflict(format!("{e}.")),
            other => AppError::Forbidden(format!("{other}.")),
        })?;
        let mut changes = ClaimChanges {
            status: Some(to),
            ..ClaimChanges::default()
        };
        // Leaving awaiting approval ends the blind seal: the claim is out of its second review.
        if from == Status::AwaitingApproval {
            changes.review_sealed = Some(false);
        }
        let mut before = from.as_str().to_owned();
        let mut after = to.as_str().to_owned();
        match step {
            Step::Propose(given) => {
                let verdict = verdict_of(tx, member, given)?;
                enough_sources(tx, member, row, &verdict)?;
                changes.verdict_id = Some(Some(VerdictId::new(verdict.id)));
                changes.rationale = Some(Some(given.rationale.as_str().to_owned()));
                changes.proposed_by = Some(Some(member.user));
                changes.proposed_at = Some(Some(now));
                changes.review_sealed = Some(team_reviews_blind(tx, member)?);
                after = format!("{} (verdict: {})", to.as_str(), verdict.label);
                let round = reviews::current_round(tx, row.scoped())? + 1;
                reviews::insert(
                    tx,
                    reviews::NewReview {
                        claim: row.scoped(),
                        reviewer: member.user,
                        verdict: VerdictId::new(verdict.id),
                        rationale: given.rationale.as_str(),
                        round,
                        blind: false,
                    },
                )?;
            }
            Step::Approve => {
                if team_reviews_blind(tx, member)? && !second_review_agreed(tx, row)? {
                    return Err(AppError::Conflict(
                        "This team reviews blind: a second reviewer must agree with the verdict \
                         before it can be approved."
                            .into(),
                    ));
                }
                changes.approved_by = Some(Some(member.user));
                changes.verified_at = Some(Some(now));
            }
            Step::Publish => changes.published_at = Some(Some(now)),
            Step::Reopen { note } => {
                let stamp = now.format("%Y-%m-%d");
                let notes = match &row.correction_note {
                    Some(previous) => format!("{previous}\n\n{stamp}: {note}"),
                    None => format!("{stamp}: {note}"),
                };
                changes.correction_note = Some(Some(notes));
                changes.approved_by = Some(None);
                after = format!("{} (correction: {note})", to.as_str());
            }
            Step::SendBack { note: Some(note) } => {
                rows::discussion::insert_comment(
                    tx,
                    row.scoped(),
                    member.user,
                    &format!("Sent back: {note}"),
                )?;
            }
            Step::Discard { reason } => {
                // A verdict once approved is on the record for good: a claim reopened as a
                // correction is back in review, yet it is corrected, never discarded.
                if row.verified_at.is_some() || publications::was_published(tx, row.scoped())? {
                    return Err(AppError::Conflict(
                        "This claim was verified before: a settled verdict is corrected through \
                         a reopen, never discarded."
                            .into(),
                    ));
                }
                changes.discard_reason = Some(Some(reason.as_str().to_owned()));
                after = format!("{} (reason: {})", to.as_str(), reason.as_str());
            }
            Step::Restore => {
                changes.discard_reason = Some(None);
                if let Some(reason) = &row.discard_reason {
                    before = format!("{} (reason: {reason})", from.as_str());
                }
            }
            Step::StartReview | Step::SendBack { note: None } | Step::Withdraw => {}
        }
        Ok(RowChange {
            changes,
            action: "status",
            before: Some(before),
            after: Some(after),
        })
    })?;
    // What the public record keeps: every publication is frozen as published, and a reopened
    // published claim stays public, with its correction in progress, until it is published again.
    match step {
        Step::Publish => {
            let corrected = publications::was_published(tx, before.scoped())?;
            let publication = publications::publish(tx, before.scoped(), Some(member.user), now)?;
            publications::close_correction(tx, before.scoped(), publication, now)?;
            published_hook(tx, member, &before, corrected, now)?;
        }
        Step::Reopen { note } => {
            publications::open_correction(tx, before.scoped(), member.user, note, now)?;
        }
        _ => {}
    }
    // Who is told.
    match step {
        Step::Propose(_) => super::inbox::approval_requested(tx, member, &before)?,
        Step::SendBack { note } => super::inbox::sent_back(tx, member, &before, note.as_deref())?,
        _ => {}
    }
    Ok(())
}

/// Tells the team's webhooks that a verdict was published (or published again, corrected).
fn published_hook(
    tx: &mut DbConn,
    member: &Member,
    claim: &ClaimRow,
    corrected: bool,
    now: chrono::NaiveDateTime,
) -> AppResult<()> {
    use crate::domain::webhook::WebhookEvent;
    let verdict = match claim.verdict_id {
        Some(id) => verdicts::of_team(tx, member.team, crate::domain::VerdictId::new(id))?,
        None => None,
    };
    let event = if corrected {
        WebhookEvent::ClaimCorrected
    } else {
        WebhookEvent::ClaimPublished
    };
    super::webhooks::emit(
        tx,
        member.team,
        event,
        serde_json::json!({
            "id": claim.id,
            "statement": claim.statement,
            "verdict": verdict.as_ref().map(|v| v.key.clone()),
            "verdict_label": verdict.as_ref().map(|v| v.label.clone()),
            "rating": verdict.as_ref().and_then(|v| v.rating),
            "correction_note": claim.correction_note,
            "path": format!("/verdicts/{}", claim.id),
        }),
        now,
    )?;
    Ok(())
}

/// Takes `step` on the claim at the version the member saw.
pub fn step(
    conn: &mut DbConn,
    member: &Member,
    claim: ClaimId,
    seen: i64,
    step: &Step,
) -> AppResult<()> {
    write(conn, member.team, |tx| {
        step_in(tx, member, claim, seen, step)
    })
}

/// Whether the current round has a blind second review agreeing with the proposed verdict.
fn second_review_agreed(tx: &mut DbConn, claim: &ClaimRow) -> AppResult<bool> {
    let round = reviews::current_round(tx, claim.scoped())?;
    Ok(reviews::of_round(tx, claim.scoped(), round)?
        .iter()
        .any(|(r, _, _)| r.blind && Some(r.verdict_id) == claim.verdict_id))
}

/// The blind second review: a member other than the proposer records their own verdict without
/// having seen the proposed one. Agreement leaves the claim awaiting approval; disagreement sends
/// it back to the proposer's review with both rationales on record. Either way the seal is lifted.
pub fn second_review(
    conn: &mut DbConn,
    member: &Member,
    claim: ClaimId,
    seen: i64,
    given: &GivenVerdict,
) -> AppResult<()> {
    member.require(Role::Reviewer)?;
    write(conn, member.team, |tx| {
        change_in(tx, member, claim, seen, |tx, row| {
            if !team_reviews_blind(tx, member)? {
                return Err(AppError::Conflict(
                    "This team does not use blind second review.".into(),
                ));
            }
            if row.status() != Status::AwaitingApproval {
                return Err(AppError::Conflict(
                    "Only a claim awaiting approval takes a second review.".into(),
                ));
            }
            if row.proposed_by == Some(member.user.get()) {
                return Err(AppError::Forbidden(
                    "The proposer cannot give the second review of their own verdict.".into(),
                ));
            }
            let round = reviews::current_round(tx, row.scoped())?;
            let existing = reviews::of_round(tx, row.scoped(), round)?;
            if existing.iter().any(|(r, _, _)| r.blind) {
                return Err(AppError::Conflict(
                    "This round already has its second review.".into(),
                ));
            }
            let verdict = verdict_of(tx, member, given)?;
            reviews::insert(
                tx,
                reviews::NewReview {
                    claim: row.scoped(),
                    reviewer: member.user,
                    verdict: VerdictId::new(verdict.id),
                    rationale: given.rationale.as_str(),
                    round,
                    blind: true,
                },
            )?;
            let proposed = existing
                .first()
                .map(|(_, _, label)| label.clone())
                .unwrap_or_default();
            let unsealed = ClaimChanges {
                review_sealed: Some(false),
                ..ClaimChanges::default()
            };
            if Some(verdict.id) == row.verdict_id {
                Ok(RowChange {
                    changes: unsealed,
                    action: "second_review_agreed",
                    before: Some(proposed),
                    after: Some(verdict.label),
                })
            } else {
                Ok(RowChange {
                    changes: ClaimChanges {
                        status: Some(Status::InReview),
                        assignee_id: Some(row.proposed_by.map(crate::domain::UserId::new)),
                        ..unsealed
                    },
                    action: "second_review_disagreed",
                    before: Some(proposed),
                    after: Some(format!("{} (back to review)", verdict.label)),
                })
            }
        })
        .map(drop)
    })
}
