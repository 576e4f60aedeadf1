//! When a candidate repeats a claim the team already has ("already checked"): the same value and
//! unit said of the same thing (`domain::subject_match`, which reads English, Spanish and Korean
//! words as one concept). A candidate that restates another quantity of its article (a won amount
//! given beside the dollars it converts: the extractor's `conversion_of`) repeats the claims of
//! that quantity too, so "623억 원" finds the team's claim about "$50 million". Each repeat carries
//! its reason, in words, for the reviewer. A date repeats the same day with or without its year
//! (`SameDate`: an article with no dated dateline gives `--08-14`).

use super::Member;
use crate::db::articles as rows;
use crate::db::claims;
use crate::db::models::{ArticleRow, CandidateRow, ClaimRow};
use crate::db::DbConn;
use crate::domain::{subject_match, CandidateId, Said, SameDate};
use crate::error::AppResult;

/// A claim the team has that a candidate repeats, and why it is taken for the same claim.
#[derive(Debug, Clone)]
pub struct Repeat {
    pub claim: ClaimRow,
    /// "same value and unit; subjects share troop", or "restates $50 million: …".
    pub reason: String,
}

/// How many claims a candidate's quantity is compared with (newest first) when looking for the
/// one it repeats.
const SAME_QUANTITY_LIMIT: i64 = 50;

/// The team's claims (not discarded) with this value and unit said of the same thing, newest
/// first, then those with the quantity the candidate restates: the claims a candidate would
/// repeat, at most `limit`.
pub(super) fn repeated_claims(
    conn: &mut DbConn,
    member: &Member,
    (article, candidate): (&ArticleRow, &CandidateRow),
    quantity: (&str, &str),
    said: Said<'_>,
    limit: usize,
) -> AppResult<Vec<Repeat>> {
    let mut found = same_quantity(conn, member, quantity, said, "")?;
    let restated = match candidate.conversion_of {
        Some(other) => rows::candidate(conn, article, CandidateId::new(other))?,
        None => None,
    };
    if let Some(other) = restated {
        if let (Some(value), Some(unit)) = (&other.value, &other.unit) {
            let why = format!("restates {}: ", other.surface);
            for repeat in same_quantity(conn, member, (value, unit), said, &why)? {
                if !found.iter().any(|r| r.claim.id == repeat.claim.id) {
                    found.push(repeat);
                }
            }
        }
    }
    found.truncate(limit);
    Ok(found)
}

/// The team's claims with this quantity said of the same thing, each with its reason (`why`
/// first).
fn same_quantity(
    conn: &mut DbConn,
    member: &Member,
    (value, unit): (&str, &str),
    said: Said<'_>,
    why: &str,
) -> AppResult<Vec<Repeat>> {
    let same_date = SameDate::of(value).filter(|_| unit == "date");
    let claims = match &same_date {
        Some(same) => claims::with_date(conn, member.team, same, SAME_QUANTITY_LIMIT)?,
        None => claims::with_quantity(conn, member.team, value, unit, SAME_QUANTITY_LIMIT)?,
    };
    Ok(claims
        .into_iter()
        .filter_map(|claim| {
            let theirs = Said {
                subject: claim.subject.as_deref(),
                wording: &claim.statement,
            };
            let found = subject_match(said, theirs)?;
            let same = if claim.value.as_deref() == Some(value) {
                "same value and unit"
            } else {
                "same day, its year stated on one side only"
            };
            let reason = format!("{why}{same}; {}", found.describe());
            Some(Repeat { claim, reason })
        })
        .collect())
}

/// Claims the team already has that a pending candidate of `article` repeats ("already checked"),
/// at most three.
pub fn already_checked(
    conn: &mut DbConn,
    member: &Member,
    article: &ArticleRow,
    candidate: &CandidateRow,
    statement: &str,
) -> AppResult<Vec<Repeat>> {
    match (&candidate.value, &candidate.unit, candidate.state.as_str()) {
        (Some(value), Some(unit), "pending") => {
            let said = Said {
                subject: candidate.subject.as_deref(),
                wording: statement,
            };
            repeated_claims(conn, member, (article, candidate), (value, unit), said, 3)
        }
        _ => Ok(Vec::new()),
    }
}
