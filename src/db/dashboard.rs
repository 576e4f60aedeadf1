//! The dashboard's numbers: aggregates over one team's claims and reviews in a date range, and the
//! pure statistics (median, Cohen's kappa) computed from them. Discarded claims are out of the
//! work, so out of every count here.

use chrono::NaiveDateTime;
use diesel::dsl::count_star;
use diesel::prelude::*;

use super::schema::{articles, claims, reviews, users};
use super::DbConn;
use crate::domain::{Status, TeamId, UserId};

/// The claims the dashboard counts: every status but discarded.
fn in_workflow() -> diesel::dsl::NotEq<claims::status, &'static str> {
    claims::status.ne(Status::Discarded.as_str())
}

/// A half-open range of timestamps, `[from, until)`.
#[derive(Debug, Clone, Copy)]
pub struct Range {
    pub from: NaiveDateTime,
    pub until: NaiveDateTime,
}

/// Claims created in the range, per status (statuses without claims are absent).
pub fn claims_per_status(
    conn: &mut DbConn,
    team: TeamId,
    range: Range,
) -> QueryResult<Vec<(String, i64)>> {
    claims::table
        .filter(claims::team_id.eq(team.get()))
        .filter(in_workflow())
        .filter(claims::created_at.ge(range.from))
        .filter(claims::created_at.lt(range.until))
        .group_by(claims::status)
        .select((claims::status, count_star()))
        .load(conn)
}

/// Claims created in the range, per verdict id (claims without a verdict are absent), counting
/// only the verdicts `viewer` may read (a blind review's sealed verdict is not counted).
pub fn claims_per_verdict(
    conn: &mut DbConn,
    team: TeamId,
    viewer: UserId,
    range: Range,
) -> QueryResult<Vec<(i64, i64)>> {
    let rows: Vec<(Option<i64>, i64)> = claims::table
        .filter(claims::team_id.eq(team.get()))
        .filter(in_workflow())
        .filter(super::claims::queue::verdict_visible(Some(viewer)))
        .filter(claims::created_at.ge(range.from))
        .filter(claims::created_at.lt(range.until))
        .filter(claims::verdict_id.is_not_null())
        .group_by(claims::verdict_id)
        .select((claims::verdict_id, count_star()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, n)| id.map(|id| (id, n)))
        .collect())
}

/// One claim verified in the range: who proposed its verdict, when it was created and verified.
#[derive(Debug, Clone, Queryable)]
pub struct Verified {
    pub reviewer: Option<String>,
    pub created_at: NaiveDateTime,
    pub verified_at: NaiveDateTime,
}

/// The claims verified in the range (by `verified_at`), only the three columns the weekly charts
/// need, so the load stays small however large the team.
pub fn verified_in(conn: &mut DbConn, team: TeamId, range: Range) -> QueryResult<Vec<Verified>> {
    let rows: Vec<(Option<String>, NaiveDateTime, Option<NaiveDateTime>)> = claims::table
        .left_join(users::table.on(users::id.nullable().eq(claims::proposed_by)))
        .filter(claims::team_id.eq(team.get()))
        .filter(claims::verified_at.ge(range.from))
        .filter(claims::verified_at.lt(range.until))
        .select((
            users::name.nullable(),
            claims::created_at,
            claims::verified_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(reviewer, created_at, verified_at)| {
            verified_at.map(|verified_at| Verified {
                reviewer,
                created_at,
                verified_at,
            })
        })
        .collect())
}

/// The (proposer's verdict, blind second verdict) pairs of the same claim and round, for claims
/// created in the range.
pub fn review_pairs(conn: &mut DbConn, team: TeamId, range: Range) -> QueryResult<Vec<(i64, i64)>> {
    let mut rows: Vec<(i64, i32, bool, i64)> = reviews::table
        .inner_join(claims::table)
        .filter(reviews::team_id.eq(team.get()))
        .filter(claims::team_id.eq(team.get()))
        .filter(claims::created_at.ge(range.from))
        .filter(claims::created_at.lt(range.until))
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

/// The articles with the most claims created in the range: (id, title, claims), busiest first.
pub fn busiest_articles(
    conn: &mut DbConn,
    team: TeamId,
    range: Range,
    limit: i64,
) -> QueryResult<Vec<(i64, String, i64)>> {
    claims::table
        .inner_join(articles::table)
        .filter(claims::team_id.eq(team.get()))
        .filter(in_workflow())
        .filter(articles::team_id.eq(team.get()))
        .filter(claims::created_at.ge(range.from))
        .filter(claims::created_at.lt(range.until))
        .group_by((articles::id, articles::title))
        .select((articles::id, articles::title, count_star()))
        .order((count_star().desc(), articles::id.asc()))
        .limit(limit)
        .load(conn)
}

/// The median of `values` (the mean of the middle two for an even count); `None` when empty.
pub fn median(values: &[i64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2] as f64),
        _ => Some((sorted[n / 2 - 1] as f64 + sorted[n / 2] as f64) / 2.0),
    }
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
    use super::{cohens_kappa, median};

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn the_median_of_an_odd_count_is_the_middle_value() {
        assert_eq!(median(&[9, 1, 5]), Some(5.0));
        assert_eq!(median(&[7]), Some(7.0));
    }

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(&[4, 1, 3, 2]), Some(2.5));
        assert_eq!(median(&[]), None);
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
