//! Pages ranked by relevance (`Sort::Relevance`): a search with fewer than `RANKED_BELOW` matches
//! reads every match of the team with its rank in one pass over the full-text index
//! (`search::ranked_matches`), keeps those the queue's other filters pass, and sorts them in
//! memory, best first, ties newest first. A page is the part of that list past its cursor; a
//! claim's neighbours are the entries around where it stands. Nothing is asked of the index claim
//! by claim (at a million claims, a look-up per match of `ministry 602` took seconds).

use std::collections::HashMap;

use diesel::prelude::*;

use super::super::DbConn;
use super::queue::{selection_planned, QueueFilter, SearchPlan};
use super::search::ranked_matches;
use crate::db::schema::claims;
use crate::domain::{Cursor, TeamId};

/// A match's place in the ranked order: its relevance and id.
type Ranked = (f64, i64);

/// Whether `a` comes before `b`: higher relevance first, then the newer claim.
fn before(a: Ranked, b: Ranked) -> bool {
    a.0 > b.0 || (a.0 == b.0 && a.1 > b.1)
}

/// The team's matches of the words that pass the filter's other conditions, best first.
fn ranked(
    conn: &mut DbConn,
    team: TeamId,
    filter: &QueueFilter,
    plan: SearchPlan,
) -> QueryResult<Vec<Ranked>> {
    let ranks: HashMap<i64, f64> = ranked_matches(conn, team, &filter.words)?
        .into_iter()
        .collect();
    let passing: Vec<i64> = selection_planned(conn, team, filter, plan)
        .select(claims::id)
        .load(conn)?;
    let mut list: Vec<Ranked> = passing
        .into_iter()
        .filter_map(|id| ranks.get(&id).map(|rank| (*rank, id)))
        .collect();
    list.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)));
    Ok(list)
}

/// The ids of one ranked page, in order, and the cursor of the next page: the id of its last
/// claim (`Cursor::Id`). A rank never leaves the server: on SQLite it weighs words by how common
/// they are in the whole index, every team's claims included.
pub(super) fn page(
    conn: &mut DbConn,
    team: TeamId,
    filter: &QueueFilter,
    (limit, plan): (i64, SearchPlan),
) -> QueryResult<(Vec<i64>, Option<Cursor>)> {
    let list = ranked(conn, team, filter, plan)?;
    Ok(slice(&list, filter.after.as_ref(), limit))
}

/// The part of a ranked list a page shows: after the claim the last page ended with (from the
/// top if it no longer matches, or the cursor is another order's), at most `limit`; and the next
/// page's cursor when more follow.
fn slice(list: &[Ranked], after: Option<&Cursor>, limit: i64) -> (Vec<i64>, Option<Cursor>) {
    let start = match after {
        Some(Cursor::Id(last)) => list
            .iter()
            .position(|&(_, id)| id == *last)
            .map_or(0, |at| at + 1),
        _ => 0,
    };
    let limit = usize::try_from(limit).unwrap_or(0);
    let rest = &list[start..];
    let shown = &rest[..rest.len().min(limit)];
    let next = match shown.last() {
        Some(&(_, id)) if rest.len() > limit => Some(Cursor::Id(id)),
        _ => None,
    };
    (shown.iter().map(|&(_, id)| id).collect(), next)
}

/// The claims just before and after `claim` in the ranked order; a claim the words do not match
/// stands where relevance 0 puts it.
pub(super) fn neighbours(
    conn: &mut DbConn,
    team: TeamId,
    filter: &QueueFilter,
    plan: SearchPlan,
    claim: i64,
) -> QueryResult<(Option<i64>, Option<i64>)> {
    let list = ranked(conn, team, filter, plan)?;
    let at = list
        .iter()
        .find(|(_, id)| *id == claim)
        .copied()
        .unwrap_or((0.0, claim));
    let prev = list
        .iter()
        .rev()
        .find(|&&entry| before(entry, at))
        .map(|&(_, id)| id);
    let next = list
        .iter()
        .find(|&&entry| before(at, entry))
        .map(|&(_, id)| id);
    Ok((prev, next))
}

#[cfg(test)]
mod tests {
    use super::{before, slice, Cursor};

    #[test]
    fn pages_walk_the_ranked_list_through_ties() {
        // ranked as `ranked` sorts: relevance, then the newer claim
        let list = [(3.0, 9), (2.0, 8), (2.0, 5), (2.0, 4), (1.0, 7)];
        let mut after = None;
        let mut seen = Vec::new();
        loop {
            let (ids, next) = slice(&list, after.as_ref(), 2);
            seen.extend(ids);
            match next {
                Some(cursor) => after = Some(cursor),
                None => break,
            }
        }
        assert_eq!(seen, [9, 8, 5, 4, 7]);
        // a cursor past the end, one whose claim no longer matches, another order's
        assert_eq!(slice(&list, Some(&Cursor::Id(7)), 2), (vec![], None));
        assert_eq!(slice(&list, Some(&Cursor::Id(1)), 2).0, [9, 8]);
        assert_eq!(slice(&list, Some(&Cursor::Score(2.0, 5)), 2).0, [9, 8]);
        assert_eq!(slice(&[], None, 50), (vec![], None));
    }

    #[test]
    fn the_order_is_relevance_then_newest() {
        assert!(before((2.5, 1), (1.0, 9)));
        assert!(before((1.0, 9), (1.0, 3)));
        assert!(!before((1.0, 3), (1.0, 3)));
        assert!(!before((0.0, 50), (0.1, 2)));
    }
}
