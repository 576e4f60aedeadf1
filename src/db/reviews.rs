//! Verdict reviews: the proposer's verdict and, when the team works blind, a second reviewer's
//! independent verdict for the same round. Kept for agreement statistics (Cohen's kappa).

use diesel::prelude::*;

use super::claims::TeamClaim;
use super::models::ReviewRow;
use super::schema::{reviews, users, verdicts};
use super::DbConn;
use crate::domain::{UserId, VerdictId};

/// The latest round of proposals on a claim (0 when none yet).
pub fn current_round(conn: &mut DbConn, claim: TeamClaim) -> QueryResult<i32> {
    let round: Option<i32> = reviews::table
        .filter(reviews::team_id.eq(claim.team().get()))
        .filter(reviews::claim_id.eq(claim.id().get()))
        .select(diesel::dsl::max(reviews::round))
        .first(conn)?;
    Ok(round.unwrap_or(0))
}

pub struct NewReview<'a> {
    pub claim: TeamClaim,
    pub reviewer: UserId,
    pub verdict: VerdictId,
    pub rationale: &'a str,
    pub round: i32,
    pub blind: bool,
}

pub fn insert(conn: &mut DbConn, review: NewReview<'_>) -> QueryResult<()> {
    diesel::insert_into(reviews::table)
        .values((
            reviews::team_id.eq(review.claim.team().get()),
            reviews::claim_id.eq(review.claim.id().get()),
            reviews::reviewer_id.eq(review.reviewer.get()),
            reviews::verdict_id.eq(review.verdict.get()),
            reviews::rationale.eq(review.rationale),
            reviews::round.eq(review.round),
            reviews::blind.eq(review.blind),
            reviews::created_at.eq(super::now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// A review with its reviewer's name and the verdict's label.
pub type ReviewLine = (ReviewRow, String, String);

/// The reviews of one round, proposer first.
pub fn of_round(conn: &mut DbConn, claim: TeamClaim, round: i32) -> QueryResult<Vec<ReviewLine>> {
    reviews::table
        .inner_join(users::table.on(users::id.eq(reviews::reviewer_id)))
        .inner_join(verdicts::table.on(verdicts::id.eq(reviews::verdict_id)))
        .filter(reviews::team_id.eq(claim.team().get()))
        .filter(reviews::claim_id.eq(claim.id().get()))
        .filter(reviews::round.eq(round))
        .order(reviews::id)
        .select((reviews::all_columns, users::name, verdicts::label))
        .load(conn)
}
