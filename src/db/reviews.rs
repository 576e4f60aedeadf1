//! Verdict reviews: the proposer's verdict and, when the team works blind, a second reviewer's
//! independent verdict for the same round. Kept for agreement statistics (Cohen's kappa).

use diesel::prelude::*;

use super::models::ReviewRow;
use super::schema::{reviews, users, verdicts};
use super::DbConn;

/// The latest round of proposals on a claim (0 when none yet).
pub fn current_round(conn: &mut DbConn, claim_id: i64) -> QueryResult<i32> {
    let round: Option<i32> = reviews::table
        .filter(reviews::claim_id.eq(claim_id))
        .select(diesel::dsl::max(reviews::round))
        .first(conn)?;
    Ok(round.unwrap_or(0))
}

pub struct NewReview<'a> {
    pub team_id: i64,
    pub claim_id: i64,
    pub reviewer_id: i64,
    pub verdict_id: i64,
    pub rationale: &'a str,
    pub round: i32,
    pub blind: bool,
}

pub fn insert(conn: &mut DbConn, review: NewReview<'_>) -> QueryResult<()> {
    diesel::insert_into(reviews::table)
        .values((
            reviews::team_id.eq(review.team_id),
            reviews::claim_id.eq(review.claim_id),
            reviews::reviewer_id.eq(review.reviewer_id),
            reviews::verdict_id.eq(review.verdict_id),
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
pub fn of_round(conn: &mut DbConn, claim_id: i64, round: i32) -> QueryResult<Vec<ReviewLine>> {
    reviews::table
        .inner_join(users::table.on(users::id.eq(reviews::reviewer_id)))
        .inner_join(verdicts::table.on(verdicts::id.eq(reviews::verdict_id)))
        .filter(reviews::claim_id.eq(claim_id))
        .filter(reviews::round.eq(round))
        .order(reviews::id)
        .select((reviews::all_columns, users::name, verdicts::label))
        .load(conn)
}
