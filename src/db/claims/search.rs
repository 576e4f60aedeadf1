//! Text search over a team's claims: the words go to the full-text index (SQLite FTS5, where each
//! team's claims are one range of row ids; PostgreSQL's tsvector), and how a search is answered
//! depends on how many of the team's claims match (`SearchPlan`).

use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Text};

use super::super::DbConn;
use super::queue::{
    is_sqlite, AssigneeFilter, Condition, QueueFilter, QueueScan, StatusFilter, SCAN_COLUMNS,
};
pub use super::words::spelt_out;
use super::words::{expanded_match, expansion, fts_query, ts_query};
use crate::domain::{Score, Sort, Status, TeamId};

/// Beyond this many matching claims, a text search shows no counts (`counts_with` → `None`):
/// counting every match of a common word would cost more than the page itself.
pub const SEARCH_COUNT_CAP: i64 = 1000;

/// A claim's row id in the SQLite full-text index (migration 000150, `claims.search_key`): its
/// team, then its score in thousandths (`Score::thousandths`), then its id, one above the other:
/// `team_id * 2^43 + thousandths * 2^33 + id`. Each team's claims are one range of row ids, which
/// FTS5 seeks to, so a search counts and lists only its own team's matches; and within it the row
/// ids run in the order of the queue sorted by score, so the matches FTS5 gives from the top of the
/// range, highest row id first, are the queue's first page (`SearchPlan::Index`). That numbers
/// claims up to 2^33 (8,589,934,591) and teams up to 2^20 (1,048,575; docs/ARCHITECTURE.md). FTS5
/// reads no column through `search_key` (it has no index): the statements here ask the index for
/// row ids only.
const ID_BITS: u32 = 33;
const SCORE_BITS: u32 = 10;

/// The part of a row id that is the claim's id.
pub(super) const ID_MASK: i64 = (1 << ID_BITS) - 1;

/// How many row ids each team has.
const TEAM_SPAN: i64 = 1 << (ID_BITS + SCORE_BITS);

/// The first and last row id a team's claims can have in the full-text index (saturated past the
/// limit above, where no claim can be inserted: the trigger's key is no integer).
pub(super) fn team_keys(team: TeamId) -> (i64, i64) {
    let first = team.get().saturating_mul(TEAM_SPAN);
    (first, first.saturating_add(TEAM_SPAN - 1))
}

/// The row id of the team's claim `id` with `score` in the full-text index (what the triggers of
/// migration 000150 write); an id out of the range a claim can have is held to it.
pub(super) fn key_of(team: TeamId, score: Score, id: i64) -> i64 {
    let (first, _) = team_keys(team);
    first
        .saturating_add(i64::from(score.thousandths()) << ID_BITS)
        .saturating_add(id.clamp(0, ID_MASK))
}

/// The probe plan's condition (SQLite): the claim is among the matches, asked of the index one
/// claim at a time, with a last-word prefix spelt out (`expanded_match!`).
pub(super) fn probe_condition(words: &[String]) -> Condition {
    // The claim's own row id, as the triggers write it (`claims.search_key`).
    let query = sql::<Bool>(
        "EXISTS (SELECT 1 FROM claims_fts WHERE claims_fts.rowid = claims.search_key \
         AND claims_fts MATCH ",
    );
    match expansion(words) {
        Some(x) => Box::new(expanded_match!(query, x).sql(")")),
        None => Box::new(query.bind::<Text, _>(fts_query(words)).sql(")")),
    }
}

/// The walk plan's condition (SQLite): the claim is in the list of the team's matches, listed
/// once, with a last-word prefix spelt out (`expanded_match!`).
pub(super) fn walk_condition(team: TeamId, words: &[String]) -> Condition {
    let (first, last) = team_keys(team);
    let query = sql::<Bool>("claims.id IN (SELECT rowid & ")
        .bind::<BigInt, _>(ID_MASK)
        .sql(" FROM claims_fts WHERE rowid BETWEEN ")
        .bind::<BigInt, _>(first)
        .sql(" AND ")
        .bind::<BigInt, _>(last)
        .sql(" AND claims_fts MATCH ");
    match expansion(words) {
        Some(x) => Box::new(expanded_match!(query, x).sql(")")),
        None => Box::new(query.bind::<Text, _>(fts_query(words)).sql(")")),
    }
}

/// Searches with fewer matches than this are ordered by relevance when asked (`Sort::Relevance`):
/// ranking reads every match of the team (on SQLite, one look-up in the index per claim), so a
/// search with more is ordered by score, and says so (`queue::sorted_by`). The same line as
/// `SearchPlan::Drive`'s: a ranked search is always driven from its matches.
pub const RANKED_BELOW: i64 = DRIVE_BELOW;

diesel::table! {
    /// SQLite's full-text index (FTS5), asked here for row ids and ranks only.
    claims_fts (rowid) {
        rowid -> BigInt,
    }
}

use crate::db::schema::claims;
diesel::allow_tables_to_appear_in_same_query!(claims_fts, claims);

/// Which way through the full-text index's row ids a read goes: `Down` is the queue's order by
/// score (highest row id first), `Up` against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Way {
    Down,
    Up,
}

/// The team's matches with row ids in `keys` (at most `limit`), read in the index's order, each
/// joined to its claim and kept if the status filter keeps it (`reads_in_index_order` lets
/// no other filter through): what `SearchPlan::Index` reads pages and neighbours from (SQLite). FTS5 gives
/// the matches in row-id order from a seek to the range's end and SQLite stops at the limit, so a
/// word in a third of the claims costs what a rare one does.
pub(super) fn in_index_order(
    conn: &mut DbConn,
    team: TeamId,
    filter: &QueueFilter,
    (keys, way): ((i64, i64), Way),
    limit: i64,
) -> QueryResult<Vec<QueueScan>> {
    let (from, to) = keys;
    let mut query = claims_fts::table
        .inner_join(
            claims::table.on(sql::<Bool>("claims.id = (claims_fts.rowid & ")
                .bind::<BigInt, _>(ID_MASK)
                .sql(")")),
        )
        .filter(claims::team_id.eq(team.get()))
        .select(SCAN_COLUMNS)
        .limit(limit)
        .into_boxed();
    let range = sql::<Bool>("claims_fts.rowid BETWEEN ")
        .bind::<BigInt, _>(from)
        .sql(" AND ")
        .bind::<BigInt, _>(to)
        .sql(" AND claims_fts MATCH ");
    query = query.filter(range.bind::<Text, _>(spelt_out(conn, &filter.words)?));
    match filter.status {
        StatusFilter::InWorkflow => {
            query = query.filter(claims::status.ne(Status::Discarded.as_str()))
        }
        StatusFilter::Only(status) => query = query.filter(claims::status.eq(status.as_str())),
        StatusFilter::Any => {}
    }
    query = match way {
        Way::Down => query.order(claims_fts::rowid.desc()),
        Way::Up => query.order(claims_fts::rowid.asc()),
    };
    query.load(conn)
}

/// Every match of the words among the team's claims, each with its relevance, the higher the
/// better: one pass over the index's list of matches, no look-up per claim. SQLite ranks by FTS5's
/// BM25 (`bm25()`, negated: FTS5 gives better matches lower numbers), a last-word prefix spelt out
/// (`expanded_match!`); PostgreSQL by `ts_rank` with normalization 1 (divided by 1 + the log of
/// the claim's length). Both favour the claims that say the words more often in fewer words, and
/// BM25 rare words over common ones (its word weights count the whole index, every team's
/// claims: they shape the order only, and no rank is shown or put in a cursor; `ts_rank` keeps
/// no corpus statistics). Rounded to 9 decimals, so that ranks that differ only in the last bits
/// tie (newest first). For a search of fewer than `RANKED_BELOW` matches (`queue::sorted_by`).
pub(super) fn ranked_matches(
    conn: &mut DbConn,
    team: TeamId,
    words: &[String],
) -> QueryResult<Vec<(i64, f64)>> {
    if is_sqlite(conn) {
        let (first, last) = team_keys(team);
        let range = sql::<Bool>("claims_fts.rowid BETWEEN ")
            .bind::<BigInt, _>(first)
            .sql(" AND ")
            .bind::<BigInt, _>(last)
            .sql(" AND claims_fts MATCH ");
        let rank = sql::<diesel::sql_types::Double>("round(-bm25(claims_fts), 9)");
        let found: Vec<(i64, f64)> = claims_fts::table
            .filter(range.bind::<Text, _>(spelt_out(conn, words)?))
            .select((claims_fts::rowid, rank))
            .load(conn)?;
        Ok(found
            .into_iter()
            .map(|(key, rank)| (key & ID_MASK, rank))
            .collect())
    } else {
        use crate::db::schema::claims;
        let query = ts_query(words);
        claims::table
            .filter(claims::team_id.eq(team.get()))
            .filter(
                sql::<Bool>("claims.search @@ to_tsquery('simple', ")
                    .bind::<Text, _>(query.clone())
                    .sql(")"),
            )
            .select((
                claims::id,
                sql::<diesel::sql_types::Double>(
                    "round(ts_rank(claims.search, to_tsquery('simple', ",
                )
                .bind::<Text, _>(query)
                .sql("), 1)::float8::numeric, 9)::float8"),
            ))
            .load(conn)
    }
}

/// How many of the team's claims match the words, counting no further than `cap` (so a common
/// word costs no more than a rare one).
fn search_matches(conn: &mut DbConn, team: TeamId, words: &[String], cap: i64) -> QueryResult<i64> {
    if is_sqlite(conn) {
        let (first, last) = team_keys(team);
        let count = sql::<BigInt>(
            "(SELECT count(*) FROM (SELECT rowid FROM claims_fts WHERE rowid BETWEEN ",
        )
        .bind::<BigInt, _>(first)
        .sql(" AND ")
        .bind::<BigInt, _>(last)
        .sql(" AND claims_fts MATCH ");
        let spelt = spelt_out(conn, words)?;
        diesel::select(
            count
                .bind::<Text, _>(spelt)
                .sql(" LIMIT ")
                .bind::<BigInt, _>(cap)
                .sql("))"),
        )
        .get_result(conn)
    } else {
        diesel::select(
            sql::<BigInt>("(SELECT count(*) FROM (SELECT 1 FROM claims WHERE team_id = ")
                .bind::<BigInt, _>(team.get())
                .sql(" AND search @@ to_tsquery('simple', ")
                .bind::<Text, _>(ts_query(words))
                .sql(") LIMIT ")
                .bind::<BigInt, _>(cap)
                .sql(") AS matches)"),
        )
        .get_result(conn)
    }
}

/// How a text search is answered. The queue's order comes from an index on (team, sort key); the
/// words from the full-text index. Which to start from depends on the order and on how many
/// claims match:
/// - `Index` (SQLite): read the matches straight from the full-text index, whose row ids run in
///   the order of the queue sorted by score (`key_of`), and stop at the page's end: no probe, no
///   list of every match, no sort, however common the words. For the score's order under the
///   filters that keep most claims (the status a search opens with, or any;
///   `reads_in_index_order`).
/// - `Walk`: walk the team's claims in queue order and keep those in the list of matches (SQLite
///   lists the matches first; PostgreSQL's planner chooses itself). Right for moderately common
///   words: few claims are walked per row shown.
/// - `Probe` (SQLite): walk in queue order and ask the full-text index about each claim, without
///   listing the matches at all. For dense words: listing a word found in a third of a million
///   claims cost ~90 ms before the first row; probing walks ~3 claims per row shown. A probe that
///   fails is expensive, so this is only chosen when at least a tenth of the team's newest and
///   oldest claims match (`SAMPLE`).
/// - `Drive`: start from the matches and sort them, with the sort keys written so no index can
///   supply the order (else both planners walk the whole team looking for rare matches: 0.6 s for
///   two words with no common claim in 100k on PostgreSQL). For rare words and phrases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchPlan {
    Index,
    Walk,
    Probe,
    Drive,
}

/// Below this many matches a search is answered by `SearchPlan::Drive` (unless read in the
/// index's order).
const DRIVE_BELOW: i64 = 2000;

/// A text search's plan and its match count, counted no further than some cap of at least
/// `SEARCH_COUNT_CAP` (so it also tells whether the search is counted). `None` without words.
#[derive(Debug, Clone, Copy)]
pub struct Search {
    pub plan: SearchPlan,
    pub matches_capped: i64,
}

pub(super) fn search_plan(
    conn: &mut DbConn,
    team: TeamId,
    filter: &QueueFilter,
) -> QueryResult<SearchPlan> {
    Ok(plan_search(conn, team, filter)?.map_or(SearchPlan::Walk, |s| s.plan))
}

/// Whether the filter's page can be read in the full-text index's order (`SearchPlan::Index`,
/// SQLite): the score's order (asked, or relevance that falls back to it) under no filter but the
/// status a search opens with (every status but discarded) or every status, so that most matches
/// the index gives are on the page.
pub(super) fn reads_in_index_order(filter: &QueueFilter) -> bool {
    matches!(filter.status, StatusFilter::InWorkflow | StatusFilter::Any)
        && !filter.unmatchable
        && filter.verdict.is_none()
        && filter.assignee == AssigneeFilter::Anyone
        && filter.article.is_none()
        && filter.tag.is_none()
        && filter.min_score.is_none()
        && filter.max_score.is_none()
}

/// The plan and the capped count of a search of the team's claims, `None` without words.
pub fn plan_search(
    conn: &mut DbConn,
    team: TeamId,
    filter: &QueueFilter,
) -> QueryResult<Option<Search>> {
    if filter.words.is_empty() {
        return Ok(None);
    }
    let indexed = is_sqlite(conn) && reads_in_index_order(filter);
    if indexed && filter.sort == Sort::Score {
        // Any number of matches is read in order; counted only as far as the counts need.
        let matches = search_matches(conn, team, &filter.words, SEARCH_COUNT_CAP)?;
        return Ok(Some(Search {
            plan: SearchPlan::Index,
            matches_capped: matches,
        }));
    }
    // Counting stops at the cap, so this costs at most DRIVE_BELOW index steps.
    let matches = search_matches(conn, team, &filter.words, DRIVE_BELOW)?;
    let plan = if matches < DRIVE_BELOW {
        SearchPlan::Drive
    } else if !is_sqlite(conn) {
        // PostgreSQL's planner chooses between walking and listing itself
        SearchPlan::Walk
    } else if indexed && filter.sort == Sort::Relevance {
        // too many matches to rank: in the score's order (`sorted_by`), read from the index
        SearchPlan::Index
    } else if dense_at(conn, team, &filter.words, End::Newest)?
        && dense_at(conn, team, &filter.words, End::Oldest)?
    {
        // Dense or only common: told from the team's newest and oldest claims, so a word found
        // only in the newest claims is not probed for claim by claim from the oldest.
        SearchPlan::Probe
    } else {
        SearchPlan::Walk
    };
    Ok(Some(Search {
        plan,
        matches_capped: matches,
    }))
}

/// How many of the team's newest (and oldest) claims tell a dense word (at least a tenth of them
/// match at both ends: `SearchPlan::Probe`) from a common one.
const SAMPLE: i64 = 200;

/// Which end of the team's claims a sample is taken from.
#[derive(Clone, Copy)]
enum End {
    Newest,
    Oldest,
}

/// Whether at least a tenth of the team's `SAMPLE` newest (or oldest) claims match the words,
/// asked of the full-text index claim by claim (SQLite): the index's row ids follow the score,
/// not the id, so the newest claims are no range of them.
fn dense_at(conn: &mut DbConn, team: TeamId, words: &[String], end: End) -> QueryResult<bool> {
    let order = match end {
        End::Newest => "DESC",
        End::Oldest => "ASC",
    };
    let sampled =
        sql::<BigInt>("(SELECT count(*) FROM (SELECT search_key FROM claims WHERE team_id = ")
            .bind::<BigInt, _>(team.get())
            .sql(&format!(" ORDER BY id {order} LIMIT "))
            .bind::<BigInt, _>(SAMPLE)
            .sql(
                ") AS sample WHERE EXISTS (SELECT 1 FROM claims_fts \
         WHERE claims_fts.rowid = sample.search_key AND claims_fts MATCH ",
            );
    let spelt = spelt_out(conn, words)?;
    let matched: i64 = diesel::select(sampled.bind::<Text, _>(spelt).sql("))")).get_result(conn)?;
    Ok(matched * 10 >= SAMPLE)
}
