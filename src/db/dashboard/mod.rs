//! The dashboard's numbers: aggregates over one team's claims and reviews in a date range, and the
//! pure statistics (medians, Cohen's kappa) computed from them. Discarded claims are out of the
//! work, so out of every count here.
//!
//! The counts come from day tallies kept current by triggers (migration `000100_dashboard_tallies`):
//! claims by day created, status and verdict; claims by article and day; claims verified by day and
//! proposer. The claim and verdict-time tallies are also added up by month (migration
//! `000160_month_tallies`, triggers on the day tallies), and a range is read as the days before its
//! first whole month, its whole months and the days after them (`Range::by_months`). A page then
//! reads a row per month or day and key instead of every claim in its range. Two figures
//! still read claims, each through an index that holds just what it needs: the sealed verdicts a
//! viewer may not count (few: claims in a blind second review) and, for the median times to
//! verdict, the claims of the one bucket of times that holds a median (`verdict_times`).

use std::collections::BTreeMap;

use chrono::{Datelike, Months, NaiveDate, NaiveDateTime, TimeDelta};
use diesel::dsl::{count_star, sql};
use diesel::expression::SqlLiteral;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool};

use super::schema::{
    claim_day_tallies, claim_month_tallies, claims, reviews, users, verified_day_tallies,
};
use super::DbConn;
use crate::domain::{Status, TeamId, UserId};

mod busiest;
mod verdict_times;

pub use busiest::{busiest_articles, busiest_articles_by, Busiest};
pub use verdict_times::{verdict_medians, Median, VerdictMedians};

/// The key column of a tally that stands for "none" (no verdict, no proposer).
const NONE: i64 = 0;

/// A tally table's rows of one team whose period (`day` or `month`) lies in a range, with its
/// counts added up per key as a BIGINT on both backends (PostgreSQL's sum of a bigint is a
/// numeric). The day tallies and the month tallies have the same keys, so one query serves both.
macro_rules! tally_sums {
    ($tally:ident, $period:ident, $team:expr, $span:expr, ($($key:ident),+)) => {
        $tally::table
            .filter($tally::team_id.eq($team.get()))
            .filter($tally::$period.ge($span.from))
            .filter($tally::$period.lt($span.until))
            .group_by(($($tally::$key),+,))
            .select((
                $($tally::$key),+,
                diesel::dsl::sql::<diesel::sql_types::BigInt>(concat!(
                    "CAST(SUM(",
                    stringify!($tally),
                    ".n) AS BIGINT)"
                )),
            ))
    };
}
pub(crate) use tally_sums;

/// The article tallies' rows added up, as a BIGINT on both backends.
fn articles_total() -> SqlLiteral<BigInt> {
    sql("CAST(SUM(article_day_tallies.n) AS BIGINT)")
}

/// A half-open range of whole days, `[from, until)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

    /// No day at all.
    pub fn is_empty(&self) -> bool {
        self.from >= self.until
    }

    /// The range cut where months begin: the days before its first whole month, its whole months
    /// and the days after the last, each read from its own tally.
    pub fn by_months(self) -> MonthCut {
        let none = |at: NaiveDate| Range {
            from: at,
            until: at,
        };
        let first_whole = if self.from.day() == 1 {
            Some(self.from)
        } else {
            first_of_month(self.from).checked_add_months(Months::new(1))
        };
        let last_begun = first_of_month(self.until);
        match first_whole {
            Some(first) if first < last_begun && !self.is_empty() => MonthCut {
                head: Range {
                    from: self.from,
                    until: first,
                },
                months: Range {
                    from: first,
                    until: last_begun,
                },
                tail: Range {
                    from: last_begun,
                    until: self.until,
                },
            },
            _ => MonthCut {
                head: self,
                months: none(self.until),
                tail: none(self.until),
            },
        }
    }

    fn start(&self) -> NaiveDateTime {
        midnight(self.from)
    }

    fn end(&self) -> NaiveDateTime {
        midnight(self.until)
    }
}

/// A range as its tallies read it: `head` and `tail` are days (either may be empty), `months` the
/// first days of the whole months between them (empty when there are none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthCut {
    pub head: Range,
    pub months: Range,
    pub tail: Range,
}

impl MonthCut {
    /// The two runs of days, leaving out the empty ones.
    fn days(&self) -> impl Iterator<Item = Range> {
        [self.head, self.tail].into_iter().filter(|r| !r.is_empty())
    }
}

fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

/// The first moment of `day`.
fn midnight(day: NaiveDate) -> NaiveDateTime {
    day.and_hms_opt(0, 0, 0).unwrap_or_default()
}

/// Claims created in a range outside the discard pile: per status, and per verdict as one viewer
/// may count them (claims without a verdict and keys without claims are absent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimCounts {
    pub per_status: Vec<(String, i64)>,
    pub per_verdict: Vec<(i64, i64)>,
}

/// The claims created in the range, per status and per verdict id, counting only the verdicts
/// `viewer` may read: a blind review's sealed verdict counts for its proposer alone (the rule of
/// `claims::queue::verdict_visible`). One pass over the tallies gives both, on one snapshot.
pub fn claim_counts(
    conn: &mut DbConn,
    team: TeamId,
    viewer: UserId,
    range: Range,
) -> QueryResult<ClaimCounts> {
    super::snapshot(conn, |conn| claim_counts_now(conn, team, viewer, range))
}

fn claim_counts_now(
    conn: &mut DbConn,
    team: TeamId,
    viewer: UserId,
    range: Range,
) -> QueryResult<ClaimCounts> {
    let cut = range.by_months();
    let mut tallied: BTreeMap<(String, i64), i64> = BTreeMap::new();
    let mut add = |rows: Vec<(String, i64, i64)>| {
        for (status, verdict, n) in rows {
            *tallied.entry((status, verdict)).or_default() += n;
        }
    };
    for days in cut.days() {
        add(
            tally_sums!(claim_day_tallies, day, team, days, (status, verdict_id))
                .filter(claim_day_tallies::status.ne(Status::Discarded.as_str()))
                .load(conn)?,
        );
    }
    if !cut.months.is_empty() {
        add(tally_sums!(
            claim_month_tallies,
            month,
            team,
            cut.months,
            (status, verdict_id)
        )
        .filter(claim_month_tallies::status.ne(Status::Discarded.as_str()))
        .load(conn)?);
    }
    let mut per_status: BTreeMap<String, i64> = BTreeMap::new();
    let mut per_verdict: BTreeMap<i64, i64> = BTreeMap::new();
    for ((status, verdict), n) in tallied {
        *per_status.entry(status).or_default() += n;
        if verdict != NONE {
            *per_verdict.entry(verdict).or_default() += n;
        }
    }
    for (verdict, n) in sealed_from(conn, team, viewer, range)? {
        if let Some(counted) = verdict.and_then(|v| per_verdict.get_mut(&v)) {
            *counted -= n;
        }
    }
    Ok(ClaimCounts {
        per_status: per_status.into_iter().filter(|(_, n)| *n != 0).collect(),
        per_verdict: per_verdict.into_iter().filter(|(_, n)| *n != 0).collect(),
    })
}

/// The sealed verdicts of claims created in the range that `viewer` did not propose, per verdict
/// id: few (claims in a blind second review), found through the partial index `claims_sealed`.
fn sealed_from(
    conn: &mut DbConn,
    team: TeamId,
    viewer: UserId,
    range: Range,
) -> QueryResult<Vec<(Option<i64>, i64)>> {
    // `claims.review_sealed` written as the partial index `claims_sealed` names it, so both
    // backends answer from that index.
    claims::table
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
        .load(conn)
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
    use chrono::{Datelike, NaiveDate, TimeDelta};

    use super::{cohens_kappa, Range};

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn range(from: &str, until: &str) -> Range {
        Range {
            from: day(from),
            until: day(until),
        }
    }

    #[test]
    fn a_year_is_cut_into_its_odd_days_and_whole_months() {
        let cut = range("2025-12-08", "2026-12-08").by_months();
        assert_eq!(cut.head, range("2025-12-08", "2026-01-01"));
        assert_eq!(cut.months, range("2026-01-01", "2026-12-01"));
        assert_eq!(cut.tail, range("2026-12-01", "2026-12-08"));
    }

    #[test]
    fn whole_months_alone_leave_no_days() {
        let cut = range("2026-02-01", "2026-04-01").by_months();
        assert!(cut.head.is_empty() && cut.tail.is_empty());
        assert_eq!(cut.months, range("2026-02-01", "2026-04-01"));
        assert_eq!(cut.days().count(), 0);
    }

    #[test]
    fn a_range_without_a_whole_month_is_all_days() {
        for r in [
            range("2026-10-23", "2026-11-03"),
            range("2026-11-02", "2026-11-30"),
            range("2026-11-01", "2026-11-30"),
            range("2026-11-07", "2026-11-07"),
        ] {
            let cut = r.by_months();
            assert_eq!(cut.head, r, "{r:?}");
            assert!(cut.months.is_empty() && cut.tail.is_empty(), "{r:?}");
        }
    }

    /// Every day of every range lies in exactly one part of its cut, and the months are whole.
    #[test]
    fn the_parts_of_a_cut_cover_the_range_once() {
        let start = day("2023-11-20");
        for offset in (0..500).step_by(7) {
            for length in [0, 1, 27, 28, 31, 32, 45, 59, 60, 61, 90, 364, 365, 366, 400] {
                let from = start + TimeDelta::days(offset);
                let r = Range {
                    from,
                    until: from + TimeDelta::days(length),
                };
                let cut = r.by_months();
                let mut d = r.from;
                while d < r.until {
                    let month = d.with_day(1).unwrap();
                    let parts = [cut.head, cut.tail]
                        .iter()
                        .filter(|p| p.from <= d && d < p.until)
                        .count()
                        + usize::from(cut.months.from <= month && month < cut.months.until);
                    assert_eq!(parts, 1, "{d} in {r:?}: {cut:?}");
                    d += TimeDelta::days(1);
                }
                if !cut.months.is_empty() {
                    assert_eq!(cut.months.from.day(), 1);
                    assert_eq!(cut.months.until.day(), 1);
                    assert!(r.from <= cut.months.from && cut.months.until <= r.until);
                    assert_eq!(
                        (cut.head.until, cut.tail.from),
                        (cut.months.from, cut.months.until)
                    );
                }
            }
        }
    }

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
