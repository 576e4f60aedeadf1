//! The articles with the most claims created in a range, busiest first (ties by id).
//!
//! Two ways to the same answer (`Busiest`). Adding up: the range's day tallies per article, every
//! article of the range read and sorted; cheap for a short or quiet range. By total: the article
//! tallies (migration `000120_article_tallies`) hold each article's claims in all with the first
//! and last day they were created on; an article whose first and last days both fall in the range
//! has every claim there, so those are ranked by their total, read busiest first from an index
//! until `limit` of them lie in the range, and the few articles whose claims straddle an end of
//! the range (worked on over several days) are added up from their day tallies. That reads a few
//! dozen rows where adding up reads every article of the range, and stays exact.

use diesel::prelude::*;

use super::{articles_total, Range};
use crate::db::schema::{article_day_tallies, article_tallies, articles};
use crate::db::DbConn;
use crate::domain::TeamId;

/// How the busiest articles are found (both give the same list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Busiest {
    /// Every article of the range added up from its day tallies.
    AddUp,
    /// Articles whose claims all fall in the range ranked by their total; the straddlers added up.
    ByTotal,
}

impl Busiest {
    /// The cheaper way for a range holding `in_range` of the team's `in_all` claims, for the
    /// dashboard's ten articles. Ranked by total, the index walk passes about `10 × in_all /
    /// in_range` articles before ten lie in the range; adding up reads every article of the
    /// range, about `in_range / 10` at a desk's usual claims per article. By total once the walk
    /// is the shorter: `in_range² > 100 × in_all`.
    pub fn for_range(in_range: i64, in_all: i64) -> Busiest {
        if in_range.saturating_mul(in_range) > in_all.saturating_mul(100) {
            Busiest::ByTotal
        } else {
            Busiest::AddUp
        }
    }
}

/// The busiest articles of the range: (id, title, claims), at most `limit`, choosing the way
/// from the claims the range holds (`claims_in_range`, which the page has counted already)
/// against the team's claims.
pub fn busiest_articles(
    conn: &mut DbConn,
    team: TeamId,
    range: Range,
    limit: i64,
    claims_in_range: i64,
) -> QueryResult<Vec<(i64, String, i64)>> {
    let in_all = crate::db::claims::team_total(conn, team)?;
    let way = Busiest::for_range(claims_in_range, in_all);
    busiest_articles_by(conn, team, range, limit, way)
}

/// The busiest articles of the range found the given way.
pub fn busiest_articles_by(
    conn: &mut DbConn,
    team: TeamId,
    range: Range,
    limit: i64,
    way: Busiest,
) -> QueryResult<Vec<(i64, String, i64)>> {
    let top = match way {
        Busiest::AddUp => added_up(conn, team, range, limit)?,
        Busiest::ByTotal => by_total(conn, team, range, limit)?,
    };
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

/// (article, claims in the range), busiest first, every article of the range added up.
fn added_up(
    conn: &mut DbConn,
    team: TeamId,
    range: Range,
    limit: i64,
) -> QueryResult<Vec<(i64, i64)>> {
    article_day_tallies::table
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
        .load(conn)
}

/// (article, claims in the range), busiest first: the articles wholly in the range by their
/// total, and those that straddle an end of it added up over the range.
fn by_total(
    conn: &mut DbConn,
    team: TeamId,
    range: Range,
    limit: i64,
) -> QueryResult<Vec<(i64, i64)>> {
    use article_tallies as a;
    let mut top: Vec<(i64, i64)> = a::table
        .filter(a::team_id.eq(team.get()))
        .filter(a::n.gt(0))
        .filter(a::first_day.ge(range.from))
        .filter(a::last_day.lt(range.until))
        .order((a::n.desc(), a::article_id.asc()))
        .select((a::article_id, a::n))
        .limit(limit)
        .load(conn)?;
    // Spread over more than one day (the partial index `article_tallies_spread`), touching the
    // range, not wholly inside it: few, found first, then added up over the range through
    // `article_day_tallies_article` (written as a subquery so the database starts from them).
    let straddlers = a::table
        .filter(a::team_id.eq(team.get()))
        .filter(a::last_day.gt(a::first_day))
        .filter(a::last_day.ge(range.from))
        .filter(a::first_day.lt(range.until))
        .filter(a::first_day.lt(range.from).or(a::last_day.ge(range.until)))
        .select(a::article_id);
    let straddling: Vec<(i64, i64)> = article_day_tallies::table
        .filter(article_day_tallies::team_id.eq(team.get()))
        .filter(article_day_tallies::article_id.eq_any(straddlers))
        .filter(article_day_tallies::day.ge(range.from))
        .filter(article_day_tallies::day.lt(range.until))
        .group_by(article_day_tallies::article_id)
        .select((article_day_tallies::article_id, articles_total()))
        .load(conn)?;
    top.extend(straddling.into_iter().filter(|(_, n)| *n > 0));
    top.sort_by(|(a_id, a_n), (b_id, b_n)| b_n.cmp(a_n).then(a_id.cmp(b_id)));
    top.truncate(usize::try_from(limit).unwrap_or(0));
    Ok(top)
}

#[cfg(test)]
mod tests {
    use super::Busiest;

    #[test]
    fn a_range_holding_much_of_the_desk_is_ranked_by_total() {
        assert_eq!(Busiest::for_range(245_000, 1_000_000), Busiest::ByTotal);
        assert_eq!(Busiest::for_range(2_700, 1_000_000), Busiest::AddUp);
        assert_eq!(Busiest::for_range(0, 0), Busiest::AddUp);
        assert_eq!(Busiest::for_range(15, 15), Busiest::AddUp);
    }
}
