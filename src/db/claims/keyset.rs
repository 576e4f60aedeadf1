//! Keyset pagination of the queue: the order a page is in (`sorted_by`, `Order`), the claims past
//! a cursor in either direction (`past`, in `Part`s for the score's ties), and the one helper that
//! limits and orders a query by them (`keyset`). Never OFFSET. A page ranked by relevance is
//! sorted in memory instead (`ranked`).

use chrono::NaiveDateTime;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Double, Timestamp};

use super::super::schema::claims;
use super::super::DbConn;
use super::queue::{is_sqlite, ClaimsQuery, Condition, QueueFilter, SearchPlan};
use crate::domain::{Cursor, Sort};

/// The order a page is in: the sort asked for, but the score's for `Sort::Relevance` without
/// words or for a search with `RANKED_BELOW` matches or more (not driven from its matches), whose
/// ranking would read every match.
pub fn sorted_by(filter: &QueueFilter, plan: SearchPlan) -> Sort {
    match filter.sort {
        Sort::Relevance if filter.words.is_empty() || plan != SearchPlan::Drive => Sort::Score,
        sort => sort,
    }
}

/// The orders a keyset walk reads from an index: every sort but relevance, which is ranked in
/// memory (`ranked`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Keyed {
    Score,
    Newest,
    Oldest,
    Updated,
}

/// What a keyset walk orders by: the order and the plan that writes its keys.
pub(super) struct Order {
    sort: Keyed,
    plan: SearchPlan,
}

impl Order {
    /// The keyset order of a page, `None` for a page ranked by relevance (`sorted_by`).
    pub(super) fn of(filter: &QueueFilter, plan: SearchPlan) -> Option<Order> {
        let sort = match sorted_by(filter, plan) {
            Sort::Score => Keyed::Score,
            Sort::Newest => Keyed::Newest,
            Sort::Oldest => Keyed::Oldest,
            Sort::Updated => Keyed::Updated,
            Sort::Relevance => return None,
        };
        Some(Order { sort, plan })
    }

    /// Where `claim` (its id and score, its last update) stands in this order.
    pub(super) fn cursor_of(&self, (id, score, updated): (i64, f64, NaiveDateTime)) -> Cursor {
        match self.sort {
            Keyed::Score => Cursor::Score(score, id),
            Keyed::Newest | Keyed::Oldest => Cursor::Id(id),
            Keyed::Updated => Cursor::Updated(updated, id),
        }
    }
}

/// A sort key of a search driven from its matches (`SearchPlan::Drive`), written so that no index
/// supplies the order (`+score` on SQLite, `score + 0` on PostgreSQL): the planner then starts
/// from the text matches. The other plans order by the columns themselves (`keyset`).
fn unindexed_key(conn: &DbConn, column: &str) -> String {
    match (is_sqlite(conn), column) {
        (true, _) => format!("+claims.{column}"),
        (false, "updated_at") => "(claims.updated_at + interval '0 seconds')".to_owned(),
        (false, _) => format!("(claims.{column} + 0)"),
    }
}

/// Which way a keyset walk goes from its cursor: along the queue's order, or against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Direction {
    Along,
    Against,
}

/// Which claims past a cursor one query reads. Ordered by score, claims tie by the thousand (a
/// score takes one of few values), and SQLite answers a row-value comparison `(score, id) < (s, i)`
/// by seeking on the score alone and walking every tie before the cursor's id (about a
/// millisecond at a million claims). So a walk past a score cursor reads in two seeks, each on
/// the whole (team, score, id) index: the cursor's own score past its id, then the scores
/// beyond. A search driven from its matches (`SearchPlan::Drive`) sorts what it found and keeps
/// the one comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    /// Past the cursor in one comparison.
    All,
    /// The cursor's own sort key, past its id.
    Ties,
    /// The sort keys beyond the cursor's.
    Beyond,
}

/// The parts a walk past `at` reads, in order.
pub(super) fn parts(order: &Order, at: Option<&Cursor>) -> &'static [Part] {
    match (order.plan, order.sort, at) {
        (
            SearchPlan::Index | SearchPlan::Walk | SearchPlan::Probe,
            Keyed::Score,
            Some(Cursor::Score(..)),
        ) => &[Part::Ties, Part::Beyond],
        _ => &[Part::All],
    }
}

/// The claims past `at` in `direction` of the sort (the `part` of them), answered from the
/// (team, sort key, id) index on both backends. Written in diesel's terms where they can say it,
/// so the statement is prepared once per connection (diesel caches no statement that holds
/// literal SQL); the row-value comparisons keep their SQL.
fn past(order: &Order, at: &Cursor, direction: Direction, part: Part) -> Option<Condition> {
    // Every order is descending but `oldest`: along it, keys get smaller.
    let smaller = (order.sort != Keyed::Oldest) == (direction == Direction::Along);
    let op = if smaller { "<" } else { ">" };
    Some(match (order.sort, at, part) {
        (Keyed::Score, Cursor::Score(score, id), Part::Ties) if smaller => {
            Box::new(claims::score.eq(*score).and(claims::id.lt(*id)))
        }
        (Keyed::Score, Cursor::Score(score, id), Part::Ties) => {
            Box::new(claims::score.eq(*score).and(claims::id.gt(*id)))
        }
        (Keyed::Score, Cursor::Score(score, _), Part::Beyond) if smaller => {
            Box::new(claims::score.lt(*score))
        }
        (Keyed::Score, Cursor::Score(score, _), Part::Beyond) => Box::new(claims::score.gt(*score)),
        (Keyed::Score, Cursor::Score(score, id), Part::All) => Box::new(
            sql::<Bool>(&format!("(claims.score, claims.id) {op} ("))
                .bind::<Double, _>(*score)
                .sql(", ")
                .bind::<BigInt, _>(*id)
                .sql(")"),
        ),
        (Keyed::Newest | Keyed::Oldest, Cursor::Id(id), _) if smaller => {
            Box::new(claims::id.lt(*id))
        }
        (Keyed::Newest | Keyed::Oldest, Cursor::Id(id), _) => Box::new(claims::id.gt(*id)),
        (Keyed::Updated, Cursor::Updated(at, id), _) => Box::new(
            sql::<Bool>(&format!("(claims.updated_at, claims.id) {op} ("))
                .bind::<Timestamp, _>(*at)
                .sql(", ")
                .bind::<BigInt, _>(*id)
                .sql(")"),
        ),
        _ => return None,
    })
}

/// `query` ordered by `sort` in `along` direction, the keys given as expressions.
macro_rules! ordered {
    ($query:expr, $sort:expr, $along:expr, $id:expr, $score:expr, $updated:expr) => {
        match ($sort, $along) {
            (Keyed::Score, true) => $query.order(($score.desc(), $id.desc())),
            (Keyed::Score, false) => $query.order(($score.asc(), $id.asc())),
            (Keyed::Newest, true) | (Keyed::Oldest, false) => $query.order($id.desc()),
            (Keyed::Newest, false) | (Keyed::Oldest, true) => $query.order($id.asc()),
            (Keyed::Updated, true) => $query.order(($updated.desc(), $id.desc())),
            (Keyed::Updated, false) => $query.order(($updated.asc(), $id.asc())),
        }
    };
}

/// The one keyset helper: `query` limited to the claims past `at` (when given; the `part` of
/// them) and ordered in `direction` of the sort, with the sort keys written as `plan` needs.
pub(super) fn keyset<'a>(
    mut query: ClaimsQuery<'a>,
    conn: &DbConn,
    order: &Order,
    (at, part): (Option<&Cursor>, Part),
    direction: Direction,
) -> ClaimsQuery<'a> {
    if let Some(condition) = at.and_then(|at| past(order, at, direction, part)) {
        query = query.filter(condition);
    }
    let (plan, along) = (order.plan, direction == Direction::Along);
    if plan != SearchPlan::Drive {
        // the columns themselves: the statement can be cached
        return ordered!(
            query,
            order.sort,
            along,
            claims::id,
            claims::score,
            claims::updated_at
        );
    }
    let id = sql::<BigInt>(&unindexed_key(conn, "id"));
    let score = sql::<Double>(&unindexed_key(conn, "score"));
    let updated = sql::<Timestamp>(&unindexed_key(conn, "updated_at"));
    ordered!(query, order.sort, along, id, score, updated)
}
