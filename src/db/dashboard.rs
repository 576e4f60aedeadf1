//! The dashboard's numbers: aggregates over one team's claims and reviews in a date range, and the
//! pure statistics (median, Cohen's kappa) computed from them. Discarded claims are out of the
//! work, so out of every count here.
//!
//! The counts come from day tallies kept current by triggers (migration `000100_dashboard_tallies`):
//! claims by day created, status and verdict; claims by article and day; claims verified by day and
//! proposer. A page then reads a row per day and key instead of every claim in its range. Two figures
//! still read claims, each through an index that holds just what it needs: the sealed verdicts a
//! viewer may not count (few: claims in a blind second review) and the times to verdict (a median
//! cannot be added up from tallies).

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta};
use diesel::dsl::{count_star, sql};
use diesel::expression::SqlLiteral;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool};

use super::schema::{
    article_day_tallies, articles, claim_day_tallies, claims, reviews, users, verified_day_tallies,
};
use super::DbConn;
use crate::domain::{Status, TeamId, UserId};

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
        self.from.and_hms_opt(0, 0, 0).unwrap_or_default()
    }

    fn end(&self) -> NaiveDateTime {
        self.until.and_hms_opt(0, 0, 0).unwrap_or_default()
    }
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

/// The times from creation to verdict of the claims verified in a range: whole seconds (both
/// timestamps cut to the second; a verdict stamped before its claim counts as 0), in the order the
/// claims were verified, and the day each run of them was verified on. Four bytes a claim (`u32`
/// seconds reach 136 years): a year at a million claims is ~300k of them, 1.2 MB, and the medians
/// are taken in place.
#[derive(Debug, Default)]
pub struct VerdictTimes {
    seconds: Vec<u32>,
    /// Each day with verdicts and where its run in `seconds` ends, in day order.
    days: Vec<(NaiveDate, usize)>,
}

impl VerdictTimes {
    fn push(&mut self, day: NaiveDate, seconds: i64) {
        self.seconds
            .push(u32::try_from(seconds.max(0)).unwrap_or(u32::MAX));
        match self.days.last_mut() {
            Some((last, end)) if *last == day => *end = self.seconds.len(),
            _ => self.days.push((day, self.seconds.len())),
        }
    }

    /// How many claims were verified.
    pub fn len(&self) -> usize {
        self.seconds.len()
    }

    pub fn is_empty(&self) -> bool {
        self.seconds.is_empty()
    }

    /// Every (day verified, seconds) in the order the claims were verified.
    pub fn iter(&self) -> impl Iterator<Item = (NaiveDate, i64)> + '_ {
        let mut start = 0;
        self.days.iter().flat_map(move |&(day, end)| {
            let run = &self.seconds[start..end];
            start = end;
            run.iter().map(move |s| (day, i64::from(*s)))
        })
    }

    /// Where the claims verified on days in `[from, until)` lie in `seconds`.
    fn span(&self, from: NaiveDate, until: NaiveDate) -> std::ops::Range<usize> {
        let end_before = |day: NaiveDate| {
            let i = self.days.partition_point(|(d, _)| *d < day);
            i.checked_sub(1).map_or(0, |i| self.days[i].1)
        };
        end_before(from)..end_before(until).max(end_before(from))
    }

    /// The count and median of each half-open span of days in `spans` (ascending, not
    /// overlapping), then the median of all: the medians are taken in place, so this consumes the
    /// times.
    pub fn medians(
        mut self,
        spans: &[(NaiveDate, NaiveDate)],
    ) -> (Vec<(usize, Option<f64>)>, Option<f64>) {
        let of_spans = spans
            .iter()
            .map(|(from, until)| {
                let span = self.span(*from, *until);
                (span.len(), median(&mut self.seconds[span]))
            })
            .collect();
        (of_spans, median(&mut self.seconds))
    }
}

/// The times from creation to verdict of the claims verified in the range, read in verdict order
/// from the `(team_id, verified_at, created_at)` index alone. The database hands over seconds since
/// the epoch; the days and differences are worked out here, so no row is turned into text and
/// back, and rows are read one at a time into the compact `VerdictTimes`, sized for `expected`
/// claims (the day tallies' count, so the vector never grows past it).
pub fn times_to_verdict(
    conn: &mut DbConn,
    team: TeamId,
    range: Range,
    expected: usize,
) -> QueryResult<VerdictTimes> {
    let (verified, created) = match conn {
        DbConn::Sqlite(_) => (
            "unixepoch(claims.verified_at)",
            "unixepoch(claims.created_at)",
        ),
        DbConn::Postgres(_) => (
            "CAST(EXTRACT(EPOCH FROM date_trunc('second', claims.verified_at)) AS BIGINT)",
            "CAST(EXTRACT(EPOCH FROM date_trunc('second', claims.created_at)) AS BIGINT)",
        ),
    };
    let rows = claims::table
        .filter(claims::team_id.eq(team.get()))
        .filter(claims::verified_at.ge(range.start()))
        .filter(claims::verified_at.lt(range.end()))
        .order(claims::verified_at)
        .select((sql::<BigInt>(verified), sql::<BigInt>(created)))
        .load_iter::<(i64, i64), diesel::connection::DefaultLoadingMode>(conn)?;
    let mut times = VerdictTimes {
        // a hint only: never more than a few million up front, whatever the tallies say
        seconds: Vec::with_capacity(expected.min(1 << 22)),
        days: Vec::new(),
    };
    for row in rows {
        let (verified, created) = row?;
        times.push(day_of(verified), verified - created);
    }
    Ok(times)
}

/// The calendar day (UTC) of a moment given in seconds since the epoch.
fn day_of(seconds: i64) -> NaiveDate {
    DateTime::from_timestamp(seconds, 0)
        .map(|moment| moment.date_naive())
        .unwrap_or_default()
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

/// The articles with the most claims created in the range: (id, title, claims), busiest first
/// (ties by id). The tallies are added up per article first; only the winners' titles are read.
pub fn busiest_articles(
    conn: &mut DbConn,
    team: TeamId,
    range: Range,
    limit: i64,
) -> QueryResult<Vec<(i64, String, i64)>> {
    let top: Vec<(i64, i64)> = article_day_tallies::table
        .filter(article_day_tallies::team_id.eq(team.get()))
        .filter(article_day_tallies::day.ge(range.from))
        .filter(article_day_tallies::day.lt(range.until))
        .group_by(article_day_tallies::article_id)
        .having(articles_total().gt(0))
        .select((article_day_tallies::article_id, articles_total()))
        .order((
            articles_total().desc(),
            article_day_tallies::article_id.asc(),
        ))
        .limit(limit)
        .load(conn)?;
    let titles: Vec<(i64, String)> = articles::table
        .filter(articles::team_id.eq(team.get()))
        .filter(articles::id.eq_any(top.iter().map(|(id, _)| *id)))
        .select((articles::id, articles::title))
        .load(conn)?;
    Ok(top
        .into_iter()
        .filter_map(|(id, n)| {
            let title = titles.iter().find(|(t, _)| *t == id)?.1.clone();
            Some((id, title, n))
        })
        .collect())
}

/// The median of `values` (the mean of the middle two for an even count); `None` when empty. The
/// values are reordered (selected in place, no copy, no full sort).
pub fn median(values: &mut [u32]) -> Option<f64> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let (below, middle, _) = values.select_nth_unstable(n / 2);
    let upper = f64::from(*middle);
    if n % 2 == 1 {
        return Some(upper);
    }
    // The other middle value is the largest of those below.
    let lower = below.iter().copied().max().map_or(upper, f64::from);
    Some((lower + upper) / 2.0)
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
    use chrono::{Datelike, NaiveDate};

    use super::{cohens_kappa, day_of, median, VerdictTimes};

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_moment_falls_on_its_utc_day_up_to_the_last_second() {
        assert_eq!(day_of(0), date(1970, 1, 1));
        assert_eq!(day_of(86_399), date(1970, 1, 1));
        assert_eq!(day_of(86_400), date(1970, 1, 2));
        assert_eq!(day_of(-1), date(1969, 12, 31));
        // 2026-12-06 23:59:59 and the second after it.
        assert_eq!(day_of(1_796_601_599), date(2026, 12, 6));
        assert_eq!(day_of(1_796_601_600), date(2026, 12, 7));
    }

    #[test]
    fn the_median_of_an_odd_count_is_the_middle_value() {
        assert_eq!(median(&mut [9, 1, 5]), Some(5.0));
        assert_eq!(median(&mut [7]), Some(7.0));
    }

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(&mut [4, 1, 3, 2]), Some(2.5));
        assert_eq!(median(&mut [10, 10, 1, 30]), Some(10.0));
        assert_eq!(median(&mut []), None);
    }

    /// The median as the textbook has it: sort a copy, take the middle (or the mean of two).
    fn sorted_median(values: &[u32]) -> Option<f64> {
        let mut sorted = values.to_vec();
        sorted.sort_unstable();
        let n = sorted.len();
        (n > 0).then(|| (f64::from(sorted[(n - 1) / 2]) + f64::from(sorted[n / 2])) / 2.0)
    }

    #[test]
    fn the_median_selected_in_place_is_the_sorted_median() {
        let mut state = 17_u64;
        for n in 0..60 {
            let values: Vec<u32> = (0..n)
                .map(|_| {
                    state = state
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    (state >> 59) as u32
                })
                .collect();
            assert_eq!(
                median(&mut values.clone()),
                sorted_median(&values),
                "{values:?}"
            );
        }
    }

    #[test]
    fn verdict_times_give_each_span_of_days_its_own_median() {
        let mut times = VerdictTimes::default();
        let days = [(1, 50), (1, 10), (3, 7), (4, -5), (4, 40), (4, 20), (9, 1)];
        for (day, seconds) in days {
            times.push(date(2026, 3, day), seconds);
        }
        let seen: Vec<(u32, i64)> = times.iter().map(|(d, s)| (d.day(), s)).collect();
        assert_eq!(
            seen,
            [(1, 50), (1, 10), (3, 7), (4, 0), (4, 40), (4, 20), (9, 1)]
        );
        assert_eq!(times.len(), 7);
        let spans = [
            (date(2026, 2, 20), date(2026, 3, 1)),
            (date(2026, 3, 1), date(2026, 3, 4)),
            (date(2026, 3, 4), date(2026, 3, 8)),
            (date(2026, 3, 8), date(2026, 3, 15)),
        ];
        let (of_spans, all) = times.medians(&spans);
        assert_eq!(
            of_spans,
            [(0, None), (3, Some(10.0)), (3, Some(20.0)), (1, Some(1.0))]
        );
        assert_eq!(all, Some(10.0));
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
