//! The median time from creation to verdict of the claims verified in a range, and of each span
//! of days in it, without reading every claim verified there.
//!
//! A median cannot be added up from day tallies, but it can be found with them. Migration
//! `000110_verdict_time_tallies` gives each claim two generated columns, its time to verdict in
//! whole seconds and the bucket that time falls in (buckets grow with the time: every time in a
//! bucket is less than every time in a higher one), and keeps a tally of the claims verified per
//! team, day and bucket. The tallies of a span say how many claims it holds and which bucket holds
//! its middle one, and at what rank; only that bucket's claims in the span are then read, through
//! the index `claims_verdict_bucket` that holds their exact times. The result is the exact median,
//! the one sorting every time would give.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use diesel::prelude::*;

use super::{midnight, tally_sums, Range};
use crate::db::schema::{verdict_time_month_tallies, verdict_time_tallies};
use crate::db::DbConn;
use crate::domain::TeamId;

diesel::table! {
    /// The generated columns of `claims` the medians read, declared apart from `schema::claims`
    /// so that no other query of claims names or loads them.
    #[sql_name = "claims"]
    claim_verdict_times (id) {
        id -> BigInt,
        team_id -> BigInt,
        verified_at -> Nullable<Timestamp>,
        verdict_seconds -> Nullable<BigInt>,
        verdict_bucket -> Nullable<Integer>,
    }
}

/// How many claims a span of days had verified, and the median of their times to verdict in
/// seconds (`None` when there were none).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Median {
    pub verified: usize,
    pub seconds: Option<f64>,
}

/// The medians of each span asked for, and of the whole range.
#[derive(Debug, Clone, PartialEq)]
pub struct VerdictMedians {
    pub spans: Vec<Median>,
    pub overall: Median,
}

/// The median time to verdict of the claims verified in `range`, and in each half-open span of
/// days in `spans`, read on one snapshot so the tallies and the claims agree. The spans' days are
/// read day by day; the range's days before them only as totals per bucket, their whole months from
/// the month tallies.
pub fn verdict_medians(
    conn: &mut DbConn,
    team: TeamId,
    range: Range,
    spans: &[(NaiveDate, NaiveDate)],
) -> QueryResult<VerdictMedians> {
    let recent = Range {
        from: spans
            .iter()
            .map(|(from, _)| *from)
            .min()
            .map_or(range.until, |from| from.min(range.until)),
        until: spans
            .iter()
            .map(|(_, until)| *until)
            .max()
            .map_or(range.until, |until| until.max(range.until)),
    };
    let earlier = Range {
        from: range.from,
        until: recent.from.max(range.from),
    };
    crate::db::snapshot(conn, |conn| {
        let days: Vec<(NaiveDate, i32, i64)> = verdict_time_tallies::table
            .filter(verdict_time_tallies::team_id.eq(team.get()))
            .filter(verdict_time_tallies::day.ge(recent.from))
            .filter(verdict_time_tallies::day.lt(recent.until))
            .filter(verdict_time_tallies::n.ne(0))
            .select((
                verdict_time_tallies::day,
                verdict_time_tallies::bucket,
                verdict_time_tallies::n,
            ))
            .load(conn)?;
        let mut whole = Buckets::of_days(&days, earlier.until, range.until);
        for (bucket, n) in bucket_totals(conn, team, earlier)? {
            whole.add(bucket, n);
        }
        let mut median_of = |counts: &Buckets, from: NaiveDate, until: NaiveDate| {
            counts.median(|bucket| bucket_times(conn, team, bucket, from, until))
        };
        let spans = spans
            .iter()
            .map(|(from, until)| median_of(&Buckets::of_days(&days, *from, *until), *from, *until))
            .collect::<QueryResult<Vec<_>>>()?;
        let overall = median_of(&whole, range.from, range.until)?;
        Ok(VerdictMedians { spans, overall })
    })
}

/// The claims verified in `range`, per bucket: its odd days from the day tallies, its whole
/// months from the month tallies.
fn bucket_totals(conn: &mut DbConn, team: TeamId, range: Range) -> QueryResult<Vec<(i32, i64)>> {
    let cut = range.by_months();
    let mut totals = Vec::new();
    for days in cut.days() {
        totals.extend(
            tally_sums!(verdict_time_tallies, day, team, days, (bucket))
                .load::<(i32, i64)>(conn)?,
        );
    }
    if !cut.months.is_empty() {
        totals.extend(
            tally_sums!(
                verdict_time_month_tallies,
                month,
                team,
                cut.months,
                (bucket)
            )
            .load::<(i32, i64)>(conn)?,
        );
    }
    Ok(totals)
}

/// The times to verdict, in seconds, of the claims verified in `[from, until)` whose time falls
/// in `bucket`, from the index alone.
fn bucket_times(
    conn: &mut DbConn,
    team: TeamId,
    bucket: i32,
    from: NaiveDate,
    until: NaiveDate,
) -> QueryResult<Vec<i64>> {
    use claim_verdict_times as c;
    c::table
        .filter(c::team_id.eq(team.get()))
        .filter(c::verdict_bucket.eq(bucket))
        .filter(c::verified_at.ge(midnight(from)))
        .filter(c::verified_at.lt(midnight(until)))
        .select(c::verdict_seconds.assume_not_null())
        .load(conn)
}

/// The claims verified in a span of days, counted per bucket of time to verdict.
#[derive(Debug, Default)]
struct Buckets {
    counts: BTreeMap<i32, i64>,
    total: i64,
}

impl Buckets {
    /// Adds up the (day, bucket, claims) tallies of the days in `[from, until)`.
    fn of_days(tallies: &[(NaiveDate, i32, i64)], from: NaiveDate, until: NaiveDate) -> Buckets {
        let mut buckets = Buckets::default();
        for (_, bucket, n) in tallies
            .iter()
            .filter(|(day, ..)| (from..until).contains(day))
        {
            buckets.add(*bucket, *n);
        }
        buckets
    }

    /// Counts `n` more claims in `bucket`.
    fn add(&mut self, bucket: i32, n: i64) {
        *self.counts.entry(bucket).or_default() += n;
        self.total += n;
    }

    /// The bucket holding the claim of `rank` (0 is the fastest) and its rank inside the bucket.
    fn locate(&self, rank: i64) -> Option<(i32, usize)> {
        let mut below = 0;
        for (bucket, n) in &self.counts {
            if rank < below + n {
                return usize::try_from(rank - below).ok().map(|at| (*bucket, at));
            }
            below += n;
        }
        None
    }

    /// The median (the mean of the middle two for an even count), reading only the times of the
    /// bucket or two that hold the middle, through `times_in`.
    fn median(
        &self,
        mut times_in: impl FnMut(i32) -> QueryResult<Vec<i64>>,
    ) -> QueryResult<Median> {
        let verified = usize::try_from(self.total).unwrap_or(0);
        if verified == 0 {
            return Ok(Median {
                verified,
                seconds: None,
            });
        }
        let middle = if self.total % 2 == 1 {
            self.total / 2..self.total / 2 + 1
        } else {
            self.total / 2 - 1..self.total / 2 + 1
        };
        let mut read: Option<(i32, Vec<i64>)> = None;
        let mut sum = 0.0;
        for rank in middle.clone() {
            let (bucket, at) = self.locate(rank).ok_or(diesel::result::Error::NotFound)?;
            if read.as_ref().is_none_or(|(b, _)| *b != bucket) {
                read = Some((bucket, times_in(bucket)?));
            }
            let times = &mut read.as_mut().ok_or(diesel::result::Error::NotFound)?.1;
            // The tallies and the index are kept by the same writes and read on one snapshot;
            // a disagreement is a broken tally, not a race, and is reported as one.
            if at >= times.len() {
                return Err(diesel::result::Error::NotFound);
            }
            let (_, nth, _) = times.select_nth_unstable(at);
            sum += *nth as f64;
        }
        Ok(Median {
            verified,
            seconds: Some(sum / (middle.end - middle.start) as f64),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Buckets;

    /// Buckets of ten seconds: 0–9, 10–19, …
    fn bucketed(
        times: &[i64],
    ) -> (
        Buckets,
        impl FnMut(i32) -> diesel::QueryResult<Vec<i64>> + '_,
    ) {
        let mut buckets = Buckets::default();
        for t in times {
            *buckets.counts.entry((*t / 10) as i32).or_default() += 1;
            buckets.total += 1;
        }
        let read = move |bucket: i32| {
            Ok(times
                .iter()
                .copied()
                .filter(|t| (*t / 10) as i32 == bucket)
                .collect())
        };
        (buckets, read)
    }

    fn sorted_median(times: &[i64]) -> Option<f64> {
        let mut sorted = times.to_vec();
        sorted.sort_unstable();
        let n = sorted.len();
        (n > 0).then(|| (sorted[(n - 1) / 2] as f64 + sorted[n / 2] as f64) / 2.0)
    }

    #[test]
    fn the_median_found_through_buckets_is_the_sorted_median() {
        let mut state = 17_u64;
        for n in 0..80 {
            let times: Vec<i64> = (0..n)
                .map(|_| {
                    state = state
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    (state >> 57) as i64
                })
                .collect();
            let (buckets, read) = bucketed(&times);
            let found = buckets.median(read).unwrap();
            assert_eq!(found.verified, times.len());
            assert_eq!(found.seconds, sorted_median(&times), "{times:?}");
        }
    }

    #[test]
    fn the_middle_two_may_lie_in_different_buckets() {
        let times = [3, 8, 15, 41, 47, 90];
        let (buckets, read) = bucketed(&times);
        assert_eq!(buckets.locate(2), Some((1, 0)));
        assert_eq!(buckets.locate(3), Some((4, 0)));
        assert_eq!(buckets.locate(6), None);
        assert_eq!(buckets.median(read).unwrap().seconds, Some(28.0));
    }

    #[test]
    fn only_the_buckets_of_the_middle_are_read() {
        let times = [1, 2, 3, 55, 56, 57, 58, 90, 91];
        let (buckets, _) = bucketed(&times);
        let mut asked = Vec::new();
        let median = buckets
            .median(|bucket| {
                asked.push(bucket);
                Ok(times
                    .iter()
                    .copied()
                    .filter(|t| (*t / 10) as i32 == bucket)
                    .collect())
            })
            .unwrap();
        assert_eq!(median.seconds, Some(56.0));
        assert_eq!(asked, [5]);
    }

    #[test]
    fn a_tally_the_claims_do_not_bear_out_is_an_error() {
        let (buckets, _) = bucketed(&[1, 2, 3]);
        assert!(buckets.median(|_| Ok(vec![1])).is_err());
    }
}
