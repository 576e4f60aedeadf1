//! The dashboard's numbers: aggregates over one team's claims and reviews in a date range, and the
//! pure statistics (medians, Cohen's kappa) computed from them. Discarded claims are out of the
//! work, so out of every count here.
//!
//! The counts come from day tallies kept current by triggers (migration `000100_dashboard_tallies`):
//! claims by day created, status and verdict; claims by article and day; claims verified by day and
//! proposer. A page then reads a row per day and key instead of every claim in its range. Two figures
//! still read claims, each through an index that holds just what it needs: the sealed verdicts a
//! viewer may not count (few: claims in a blind second review) and, for the median times to
//! verdict, the claims of the one bucket of times that holds a median (`verdict_times`).

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use diesel::dsl::{count_star, sql};
use diesel::expression::SqlLiteral;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool};

use super::schema::{claim_day_tallies, claims, reviews, users, verified_day_tallies};
use super::DbConn;
use crate::domain::{Status, TeamId, UserId};

mod busiest;
mod verdict_times;

pub use busiest::{busiest_articles, busiest_articles_by, Busiest};
pub use verdict_times::{verdict_medians, Median, VerdictMedians};

/// The key column of a tally that stands for "none" (no verdict, no proposer).
const NONE: i64 = 0;

/// A tally's rows added up, as a BIGINT on both backends (PostgreSQL's sum of a bigint is a
/// numeric).
fn claims_total() -> SqlLiteral<BigInt> {
    sql("CAST(SUM(claim_day_tallies.n) AS BIGINT)")
}

fn articles_total() -> SqlLiteral<BigInt> {
    sql("CAST(SUM(article_day_tallies.n) AS BIGINT)")
}

/// A half-open range of whole days, `[from, until)`.
#[derive(Debug, Clone, Copy)]
pub struct Range {
    pub from: NaiveDate,
    pub until: NaiveDate,
}

impl Range {
    /// The days from `first` to `last`, both included.
    pub fn days(first: NaiveDate, last: NaiveDate) -> Range {
        Range {
            from: first,
            until: last + TimeDelta::days(1),
        }
    }

    fn start(&self) -> NaiveDateTime {
        midnight(self.from)
    }

    fn end(&self) -> NaiveDateTime {
        midnight(self.until)
    }
}

/// The first moment of `day`.
fn midnight(day: NaiveDate) -> NaiveDateTime {
    day.and_hms_opt(0, 0, 0).unwrap_or_default()
}

/// Claims created in the range, per status (statuses without claims are absent).
pub fn claims_per_status(
    conn: &mut DbConn,
    team: TeamId,
    range: Range,
) -> QueryResult<Vec<(String, i64)>> {
    let rows: Vec<(String, i64)> = claim_day_tallies::table
        .filter(claim_day_tallies::team_id.eq(team.get()))
        .filter(claim_day_tallies::day.ge(range.from))
        .filter(claim_day_tallies::day.lt(range.until))
        .filter(claim_day_tallies::status.ne(Status::Discarded.as_str()))
        .group_by(claim_day_tallies::status)
        .select((claim_day_tallies::status, claims_total()))
        .load(conn)?;
    Ok(rows.into_iter().filter(|(_, n)| *n != 0).collect())
}

/// Claims created in the range, per verdict id (claims without a verdict are absent), counting
/// only the verdicts `viewer` may read: a blind review's sealed verdict counts for its proposer
/// alone (the rule of `claims::queue::verdict_visible`).
pub fn claims_per_verdict(
    conn: &mut DbConn,
    team: TeamId,
    viewer: UserId,
    range: Range,
) -> QueryResult<Vec<(i64, i64)>> {
    let counted: Vec<(i64, i64)> = claim_day_tallies::table
        .filter(claim_day_tallies::team_id.eq(team.get()))
        .filter(claim_day_tallies::day.ge(range.from))
        .filter(claim_day_tallies::day.lt(range.until))
        .filter(claim_day_tallies::status.ne(Status::Discarded.as_str()))
        .filter(claim_day_tallies::verdict_id.ne(NONE))
        .group_by(claim_day_tallies::verdict_id)
        .select((claim_day_tallies::verdict_id, claims_total()))
        .load(conn)?;
    // `claims.review_sealed` written as the partial index `claims_sealed` names it, so both
    // backends answer from that index.
    let hidden: Vec<(Option<i64>, i64)> = claims::table
        .filter(claims::team_id.eq(team.get()))
        .filter(sql::<Bool>("claims.review_sealed"))
        .filter(claims::created_at.ge(range.start()))
        .filter(claims::created_at.lt(range.end()))
        .filter(claims::status.ne(Status::Discarded.as_str()))
        .filter(claims::verdict_id.is_not_null())
        .filter(
            claims::proposed_by
                .is_null()
                .or(claims::proposed_by.ne(viewer.get())),
        )
        .group_by(claims::verdict_id)
        .select((claims::verdict_id, count_star()))
        .load(conn)?;
    Ok(counted
        .into_iter()
        .map(|(verdict, n)| {
            let sealed = hidden
                .iter()
                .find(|(id, _)| *id == Some(verdict))
                .map_or(0, |(_, n)| *n);
            (verdict, n - sealed)
        })
        .filter(|(_, n)| *n != 0)
        .collect())
}

/// Claims verified on one day whose verdict one member proposed (`None`: nobody recorded).
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct VerifiedOn {
    pub day: NaiveDate,
    pub reviewer: Option<String>,
    pub claims: i64,
}

/// The claims verified in the range (by `verified_at`), per day and proposer.
pub fn verified_per_day(
    conn: &mut DbConn,
    team: TeamId,
    range: Range,
) -> QueryResult<Vec<VerifiedOn>> {
    verified_day_tallies::table
        .left_join(users::table.on(users::id.eq(verified_day_tallies::proposed_by)))
        .filter(verified_day_tallies::team_id.eq(team.get()))
        .filter(verified_day_tallies::day.ge(range.from))
        .filter(verified_day_tallies::day.lt(range.until))
        .filter(verified_day_tallies::n.ne(0))
        .select((
            verified_day_tallies::day,
            users::name.nullable(),
            verified_day_tallies::n,
        ))
        .load(conn)
}

/// The (proposer's verdict, blind second verdict) pairs of the same claim and round, for claims
/// created in the range. The team's reviews are walked in claim and round order (index
/// `reviews_team`) and each claim is found by id: a review is its claim's team's, so the claims
/// need no team filter, and without one no claims index invites the database to walk the team's
/// claims instead, which are many more than their reviews.
pub fn review_pairs(conn: &mut DbConn, team: TeamId, range: Range) -> QueryResult<Vec<(i64, i64)>> {
    let mut rows: Vec<(i64, i32, bool, i64)> = reviews::table
        .inner_join(claims::table)
        .filter(reviews::team_id.eq(team.get()))
        .filter(claims::created_at.ge(range.start()))
        .filter(claims::created_at.lt(range.end()))
        .order((reviews::claim_id, reviews::round, reviews::id))
        .select((
            reviews::claim_id,
            reviews::round,
            reviews::blind,
            reviews::verdict_id,
        ))
        .load(conn)?;
    rows.dedup_by_key(|(claim, round, blind, _)| (*claim, *round, *blind));
    Ok(rows
        .windows(2)
        .filter_map(|pair| match pair {
            [(c1, r1, false, proposed), (c2, r2, true, second)] if c1 == c2 && r1 == r2 => {
                Some((*proposed, *second))
            }
            _ => None,
        })
        .collect())
}

/// Agreement between two raters over the same items.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Agreement {
    pub pairs: usize,
    /// The share of pairs where both chose the same category, 0 to 1.
    pub observed: f64,
    /// Cohen's kappa: agreement beyond what chance would give, from -1 to 1.
    pub kappa: f64,
}

/// Cohen's kappa over (rater A, rater B) category pairs; `None` under two pairs. When chance alone
/// would give full agreement (both raters always chose one and the same category), kappa is 1.
pub fn cohens_kappa<T: PartialEq>(pairs: &[(T, T)]) -> Option<Agreement> {
    if pairs.len() < 2 {
        return None;
    }
    let n = pairs.len() as f64;
    let agreed = pairs.iter().filter(|(a, b)| a == b).count() as f64;
    let observed = agreed / n;
    let mut categories: Vec<&T> = Vec::new();
    for (a, b) in pairs {
        for c in [a, b] {
            if !categories.contains(&c) {
                categories.push(c);
            }
        }
    }
    let expected: f64 = categories
        .iter()
        .map(|c| {
            let by_a = pairs.iter().filter(|(a, _)| a == *c).count() as f64 / n;
            let by_b = pairs.iter().filter(|(_, b)| b == *c).count() as f64 / n;
            by_a * by_b
        })
        .sum();
    let kappa = if (1.0 - expected).abs() < f64::EPSILON {
        1.0
    } else {
        (observed - expected) / (1.0 - expected)
    };
    Some(Agreement {
        pairs: pairs.len(),
        observed,
        kappa,
    })
}

#[cfg(test)]
mod tests {
    use super::cohens_kappa;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn perfect_agreement_is_a_kappa_of_one() {
        let pairs = [("true", "true"), ("false", "false"), ("mixed", "mixed")];
        let agreement = cohens_kappa(&pairs).unwrap();
        assert!(close(agreement.kappa, 1.0));
        assert!(close(agreement.observed, 1.0));
        assert_eq!(agreement.pairs, 3);
    }

    #[test]
    fn one_category_chosen_by_both_every_time_is_full_agreement() {
        let agreement = cohens_kappa(&[(1, 1), (1, 1)]).unwrap();
        assert!(close(agreement.kappa, 1.0));
    }

    #[test]
    fn the_textbook_two_by_two_example() {
        // Wikipedia's example: 50 items, yes/yes 20, yes/no 5, no/yes 10, no/no 15.
        // p_o = 0.7, p_e = 0.5 · 0.6 + 0.5 · 0.4 = 0.5, kappa = 0.4.
        let mut pairs = Vec::new();
        pairs.extend(std::iter::repeat_n(("yes", "yes"), 20));
        pairs.extend(std::iter::repeat_n(("yes", "no"), 5));
        pairs.extend(std::iter::repeat_n(("no", "yes"), 10));
        pairs.extend(std::iter::repeat_n(("no", "no"), 15));
        let agreement = cohens_kappa(&pairs).unwrap();
        assert!(close(agreement.observed, 0.7));
        assert!(close(agreement.kappa, 0.4), "{}", agreement.kappa);
    }

    #[test]
    fn systematic_disagreement_is_below_zero() {
        let agreement = cohens_kappa(&[("a", "b"), ("b", "a")]).unwrap();
        assert!(close(agreement.kappa, -1.0));
    }

    #[test]
    fn fewer_than_two_pairs_are_not_enough() {
        assert_eq!(cohens_kappa::<i64>(&[]), None);
        assert_eq!(cohens_kappa(&[(1, 1)]), None);
    }
}
