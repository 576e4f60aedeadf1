//! The team's verdict scale: verdicts added, renamed, re-rated and retired by admins. The scale may
//! not change the verdict of a verified or published claim behind its back: re-rating or retiring
//! a verdict such claims carry is refused, naming them (each can be reopened as a correction).

use super::{write, Member};
use crate::db::models::VerdictRow;
use crate::db::{verdicts, DbConn};
use crate::domain::{Rating, Role, VerdictId, VerdictKey, VerdictLabel};
use crate::error::{AppError, AppResult};

/// How many settled claims a refusal names.
const NAMED: i64 = 20;

/// Refuses when verified or published claims carry `verdict`, naming them.
fn ensure_no_settled_claims(
    tx: &mut DbConn,
    member: &Member,
    verdict: &VerdictRow,
    doing: &str,
) -> AppResult<()> {
    let settled =
        verdicts::settled_claims_with(tx, member.team, VerdictId::new(verdict.id), NAMED)?;
    if settled.is_empty() {
        return Ok(());
    }
    let named: Vec<String> = settled.iter().map(|(id, _)| format!("#{id}")).collect();
    Err(AppError::Conflict(format!(
        "Verified or published claims carry “{}” ({}{}): {doing} it would change their verdict \
         without a correction. Reopen each of them as a correction first.",
        verdict.label,
        named.join(", "),
        if settled.len() as i64 == NAMED {
            ", …"
        } else {
            ""
        },
    )))
}

/// Appends a verdict to the scale. `Err(None)` when the key is, or was, already on the scale.
pub fn add(
    conn: &mut DbConn,
    member: &Member,
    key: &VerdictKey,
    label: &VerdictLabel,
    rating: Option<Rating>,
) -> AppResult<Result<(), KeyTaken>> {
    member.require(Role::Admin)?;
    let added = write(conn, member.team, |tx| {
        verdicts::lock_scale(tx, member.team)?;
        if verdicts::key_taken(tx, member.team, key)? {
            return Ok(Err(KeyTaken));
        }
        match crate::db::insert_unless_taken(tx, |tx| {
            verdicts::append(tx, member.team, member.user, key, label, rating)
        })? {
            Some(_) => Ok(Ok(())),
            // Another admin added the same key between our check and our insert.
            None => Ok(Err(KeyTaken)),
        }
    })?;
    Ok(added)
}

/// The key is, or was, on the team's scale: retired verdicts keep their keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyTaken;

/// Renames and re-rates a verdict; its key stays (forms, filters and exports use it). Re-rating a
/// verdict that settled claims carry is refused.
pub fn change(
    conn: &mut DbConn,
    member: &Member,
    verdict: VerdictId,
    label: &VerdictLabel,
    rating: Option<Rating>,
) -> AppResult<()> {
    member.require(Role::Admin)?;
    write(conn, member.team, |tx| {
        verdicts::lock_scale(tx, member.team)?;
        let verdict = verdicts::of_team(tx, member.team, verdict)?.ok_or(AppError::NotFound)?;
        if verdict.rating != rating.map(Rating::value) {
            ensure_no_settled_claims(tx, member, &verdict, "re-rating")?;
        }
        verdicts::relabel(tx, member.user, &verdict, label, rating)?;
        Ok(())
    })
}

/// Retires a verdict: the claims in the work that carry it move to the replacement (each one's
/// version bumped and its history written), then it can no longer be given. The last verdict that
/// can be given cannot go, nor one that verified or published claims carry.
pub fn retire(
    conn: &mut DbConn,
    member: &Member,
    verdict: VerdictId,
    replacement: &str,
) -> AppResult<usize> {
    member.require(Role::Admin)?;
    write(conn, member.team, |tx| {
        verdicts::lock_scale(tx, member.team)?;
        let verdict = verdicts::of_team(tx, member.team, verdict)?.ok_or(AppError::NotFound)?;
        if verdict.retired {
            return Err(AppError::Conflict(format!(
                "The verdict “{}” is already retired.",
                verdict.label
            )));
        }
        if verdicts::count_active(tx, member.team)? <= 1 {
            return Err(AppError::Conflict(
                "The scale needs at least one verdict that can be given: add another before \
                 retiring this one."
                    .into(),
            ));
        }
        let refused = || {
            AppError::invalid(
                "replacement",
                "must be another verdict of this scale that is not retired",
            )
        };
        let key = VerdictKey::parse(replacement).map_err(|_| refused())?;
        let replacement = verdicts::active_by_key(tx, member.team, &key)?
            .filter(|r| r.id != verdict.id)
            .ok_or_else(refused)?;
        ensure_no_settled_claims(tx, member, &verdict, "retiring")?;
        Ok(verdicts::retire(tx, member.user, &verdict, &replacement)?.len())
    })
}

/// What retiring a verdict would do, for the confirmation page: how many claims carry it, and
/// the settled ones that make it refused.
pub struct RetirePreview {
    pub verdict: VerdictRow,
    pub carrying: i64,
    pub settled: Vec<(crate::domain::ClaimId, String)>,
}

pub fn retire_preview(
    conn: &mut DbConn,
    member: &Member,
    verdict: VerdictId,
) -> AppResult<RetirePreview> {
    let verdict = verdicts::scale(conn, member.team)?
        .into_iter()
        .find(|v| v.id == verdict.get())
        .ok_or(AppError::NotFound)?;
    let carrying = verdicts::claims_per_verdict(conn, member.team)?
        .into_iter()
        .find(|(id, _)| *id == verdict.id)
        .map_or(0, |(_, n)| n);
    let settled =
        verdicts::settled_claims_with(conn, member.team, VerdictId::new(verdict.id), NAMED)?;
    Ok(RetirePreview {
        verdict,
        carrying,
        settled,
    })
}
