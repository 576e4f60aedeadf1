//! Text search over a team's claims: the words go to the full-text index (SQLite FTS5, where each
//! team's claims are one range of row ids; PostgreSQL's tsvector), and how a search is answered
//! depends on how many of the team's claims match (`SearchPlan`).

use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Text};

use super::super::DbConn;
use super::queue::{is_sqlite, Condition, QueueFilter};
use crate::domain::TeamId;

/// Beyond this many matching claims, a text search shows no counts (`counts_with` → `None`):
/// counting every match of a common word would cost more than the page itself.
pub const SEARCH_COUNT_CAP: i64 = 1000;

/// Whether a word of a search also finds the words it begins. The last word does ("milit" finds
/// "militia") when it has two characters or more with a letter in it (one letter would list the
/// whole index, and "4000" must not find 40000). A Korean word does wherever it stands: Korean
/// writes its particles onto the word (대통령 is 대통령은, 대통령이, 대통령의 in the text), and the
/// index keeps each such form as a word of its own.
fn is_prefix(word: &str, last: bool) -> bool {
    word.chars().any(is_hangul)
        || (last && word.chars().count() >= 2 && word.chars().any(char::is_alphabetic))
}

/// A Hangul syllable or letter.
fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

fn last_is_prefix(words: &[String]) -> bool {
    words.last().is_some_and(|w| is_prefix(w, true))
}

/// One word as FTS5 reads it: quoted, so user text never reaches FTS5's query syntax, with `*`
/// when it is a prefix.
fn fts_word(word: &str, last: bool) -> String {
    let quoted = format!("\"{}\"", word.replace('"', ""));
    if is_prefix(word, last) {
        quoted + "*"
    } else {
        quoted
    }
}

/// The words as an FTS5 query: each word quoted, the last one and every Korean one a prefix.
pub(super) fn fts_query(words: &[String]) -> String {
    let last = words.len().saturating_sub(1);
    words
        .iter()
        .enumerate()
        .map(|(i, w)| fts_word(w, i == last))
        .collect::<Vec<_>>()
        .join(" ")
}

/// How many words of the index a last-word prefix may stand for before a search asks FTS5 for the
/// prefix itself.
const PREFIX_WORDS: i64 = 32;

/// A last-word prefix spelt out as the words of the index it begins (see `expanded_match!`): the
/// other words (each as `fts_word` writes it, followed by AND: FTS5 takes no implicit AND before a
/// parenthesis), the prefix and the end of its range, and the query as written, for a prefix that
/// begins no word or more than `PREFIX_WORDS`.
pub(super) struct Expansion {
    head: String,
    prefix: String,
    end: String,
    written: String,
}

/// The expansion of the words' last-word prefix; `None` when the last word is no prefix.
pub(super) fn expansion(words: &[String]) -> Option<Expansion> {
    let (last, others) = words.split_last()?;
    if !last_is_prefix(words) {
        return None;
    }
    let prefix = last.replace('"', "");
    Some(Expansion {
        head: others
            .iter()
            .map(|w| fts_word(w, false) + " AND ")
            .collect(),
        // Every word that begins with the prefix sorts between it and the prefix followed by
        // the last code point there is.
        end: format!("{prefix}{}", char::MAX),
        prefix,
        written: fts_query(words),
    })
}

/// Appends to a `sql` builder the FTS5 query for an `Expansion`, as a subquery: the statement
/// first looks up the words of the index the prefix begins (once per statement) and asks for them
/// by name: `"ministr"*` becomes `("ministries" OR "ministry")` (`"health" AND (…)` after other
/// words), the same matches, since a prefix stands for exactly those words. Asked as a prefix,
/// FTS5 first merges the lists of all of them into one buffer in memory (~4 MiB for a word in a
/// third of a million claims, in every search at once), and a probe does that merge again for
/// every claim it asks about (12× slower at 100k).
///
/// The words come from FTS5's vocabulary by instance (`claims_fts_terms`), one at a time: the
/// first instance of the first word at or after the prefix, then of the first word after that one
/// (the word followed by `char(1)`, which sorts before any character a word can hold), at most
/// `PREFIX_WORDS + 1` of them. Each step reads one instance; the vocabulary by row would count
/// every instance of each word first (25 ms for a word in a third of a million claims).
macro_rules! expanded_match {
    ($query:expr, $expansion:expr) => {{
        let x: Expansion = $expansion;
        $query
            .sql("(WITH RECURSIVE prefixed(term) AS (SELECT (SELECT term FROM claims_fts_terms WHERE term >= ")
            .bind::<Text, _>(x.prefix)
            .sql(" AND term < ")
            .bind::<Text, _>(x.end.clone())
            .sql(" LIMIT 1) UNION ALL SELECT (SELECT term FROM claims_fts_terms WHERE term >= prefixed.term || char(1) AND term < ")
            .bind::<Text, _>(x.end)
            .sql(" LIMIT 1) FROM prefixed WHERE prefixed.term IS NOT NULL LIMIT ")
            .bind::<BigInt, _>(PREFIX_WORDS + 2)
            .sql(") SELECT CASE WHEN count(*) BETWEEN 1 AND ")
            .bind::<BigInt, _>(PREFIX_WORDS)
            .sql(" THEN ")
            .bind::<Text, _>(x.head)
            .sql(" || '(' || group_concat('\"' || term || '\"', ' OR ') || ')' ELSE ")
            .bind::<Text, _>(x.written)
            .sql(" END FROM prefixed WHERE term IS NOT NULL)")
    }};
}

/// A claim's row in the SQLite full-text index is `team_id * TEAM_SPAN + id` (migration 000140,
/// `claims.search_key`): each team's claims are one range of row ids, which FTS5 seeks to, so a
/// search counts and lists only its own team's matches. That numbers claims up to 2^40 and teams
/// up to 2^23 (8,388,608; docs/ARCHITECTURE.md). FTS5 reads no column through `search_key` (it
/// has no index): the statements here ask the index for row ids only.
const TEAM_SPAN: i64 = 1 << 40;

/// Every id a team's claim can have in the index.
const ALL_IDS: (i64, i64) = (0, TEAM_SPAN - 1);

/// The first and last row id a team's claims can have in the full-text index (saturated past the
/// limit above, where no claim can be inserted: the trigger's key is no integer).
fn team_keys(team: TeamId) -> (i64, i64) {
    let first = team.get().saturating_mul(TEAM_SPAN);
    (first, first.saturating_add(TEAM_SPAN - 1))
}

/// The FTS5 query a search's words become (SQLite), with a last-word prefix spelt out as the
/// words of the index it begins: what the plans below ask the index. For tests and diagnosis.
pub fn spelt_out(conn: &mut DbConn, words: &[String]) -> QueryResult<String> {
    match expansion(words) {
        Some(x) => diesel::select(expanded_match!(sql::<Text>(""), x)).get_result(conn),
        None => Ok(fts_query(words)),
    }
}

/// The probe plan's condition (SQLite): the claim is among the matches, asked of the index one
/// claim at a time, with a last-word prefix spelt out (`expanded_match!`).
pub(super) fn probe_condition(team: TeamId, words: &[String]) -> Condition {
    let exists = "EXISTS (SELECT 1 FROM claims_fts WHERE claims_fts.rowid = ";
    let (first, _) = team_keys(team);
    let query = sql::<Bool>(exists)
        .bind::<BigInt, _>(first)
        .sql(" + claims.id AND claims_fts MATCH ");
    match expansion(words) {
        Some(x) => Box::new(expanded_match!(query, x).sql(")")),
        None => Box::new(query.bind::<Text, _>(fts_query(words)).sql(")")),
    }
}

/// The walk plan's condition (SQLite): the claim is in the list of the team's matches, listed
/// once, with a last-word prefix spelt out (`expanded_match!`).
pub(super) fn walk_condition(team: TeamId, words: &[String]) -> Condition {
    let (first, last) = team_keys(team);
    let query = sql::<Bool>("claims.id IN (SELECT rowid - ")
        .bind::<BigInt, _>(first)
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
        let found: Vec<(i64, f64)> = match expansion(words) {
            Some(x) => claims_fts::table
                .filter(expanded_match!(range, x))
                .select((claims_fts::rowid, rank))
                .load(conn)?,
            None => claims_fts::table
                .filter(range.bind::<Text, _>(fts_query(words)))
                .select((claims_fts::rowid, rank))
                .load(conn)?,
        };
        Ok(found
            .into_iter()
            .map(|(key, rank)| (key - first, rank))
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

/// The words as a PostgreSQL `to_tsquery` text: all of them, the last one and every Korean one a
/// prefix. The words are letters and digits only (`domain::search_words`); anything else is
/// dropped here all the same, so no text reaches tsquery's operators.
pub(super) fn ts_query(words: &[String]) -> String {
    let clean: Vec<String> = words
        .iter()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let last = clean.len().saturating_sub(1);
    clean
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if is_prefix(w, i == last) {
                format!("{w}:*")
            } else {
                w.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" & ")
}

/// How many of the team's claims match the words, counting no further than `cap` (so a common
/// word costs no more than a rare one). On SQLite, only the claims with ids in `ids` (all of them,
/// `ALL_IDS`, or a sample's); PostgreSQL counts them all.
fn search_matches(
    conn: &mut DbConn,
    team: TeamId,
    words: &[String],
    cap: i64,
    (from_id, to_id): (i64, i64),
) -> QueryResult<i64> {
    if is_sqlite(conn) {
        let (first, _) = team_keys(team);
        let count = sql::<BigInt>(
            "(SELECT count(*) FROM (SELECT rowid FROM claims_fts WHERE rowid BETWEEN ",
        )
        .bind::<BigInt, _>(first.saturating_add(from_id))
        .sql(" AND ")
        .bind::<BigInt, _>(first.saturating_add(to_id))
        .sql(" AND claims_fts MATCH ");
        match expansion(words) {
            Some(x) => diesel::select(
                expanded_match!(count, x)
                    .sql(" LIMIT ")
                    .bind::<BigInt, _>(cap)
                    .sql("))"),
            )
            .get_result(conn),
            None => diesel::select(
                count
                    .bind::<Text, _>(fts_query(words))
                    .sql(" LIMIT ")
                    .bind::<BigInt, _>(cap)
                    .sql("))"),
            )
            .get_result(conn),
        }
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
/// words from the full-text index. Which to start from depends on how many claims match:
/// - `Walk`: walk the team's claims in queue order and keep those in the list of matches (SQLite
///   lists the matches first; PostgreSQL's planner chooses itself). Right for moderately common
///   words: few claims are walked per row shown.
/// - `Probe` (SQLite): walk in queue order and ask the full-text index about each claim, without
///   listing the matches at all. For dense words: listing a word found in a third of a million
///   claims cost ~90 ms before the first row; probing walks ~3 claims per row shown. A probe that
///   fails is expensive, so this is only chosen when at least a tenth of the team's newest claims
///   match (`SAMPLE`).
/// - `Drive`: start from the matches and sort them, with the sort keys written so no index can
///   supply the order (else both planners walk the whole team looking for rare matches: 0.6 s for
///   two words with no common claim in 100k on PostgreSQL). For rare words and phrases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchPlan {
    Walk,
    Probe,
    Drive,
}

/// Below this many matches a search is answered by `SearchPlan::Drive`.
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

/// The plan and the capped count of a search of the team's claims, `None` without words.
pub fn plan_search(
    conn: &mut DbConn,
    team: TeamId,
    filter: &QueueFilter,
) -> QueryResult<Option<Search>> {
    if filter.words.is_empty() {
        return Ok(None);
    }
    // Counting stops at the cap, so this costs at most DRIVE_BELOW index steps.
    let matches = search_matches(conn, team, &filter.words, DRIVE_BELOW, ALL_IDS)?;
    let plan = if matches < DRIVE_BELOW {
        SearchPlan::Drive
    } else if !is_sqlite(conn) {
        // PostgreSQL's planner chooses between walking and listing itself
        SearchPlan::Walk
    } else {
        // Dense or only common: told from the team's newest and oldest claims, two ranges of the
        // index, so a word in a third of a million claims is not counted to a hundred thousand
        // first, and a word found only in the newest claims is not probed for claim by claim
        // from the oldest.
        let dense_at = |conn: &mut DbConn, end| -> QueryResult<bool> {
            Ok(match sample_range(conn, team, end)? {
                Some(ids) => search_matches(conn, team, &filter.words, SAMPLE, ids)? * 10 >= SAMPLE,
                None => false,
            })
        };
        if dense_at(conn, End::Newest)? && dense_at(conn, End::Oldest)? {
            SearchPlan::Probe
        } else {
            SearchPlan::Walk
        }
    };
    Ok(Some(Search {
        plan,
        matches_capped: matches,
    }))
}

/// How many of the team's newest (and oldest) claims tell a dense word (at least a tenth of them
/// match at both ends: `SearchPlan::Probe`) from a common one.
const SAMPLE: i64 = 1000;

/// Which end of the team's claims a sample is taken from.
#[derive(Clone, Copy)]
enum End {
    Newest,
    Oldest,
}

/// The ids of the team's `SAMPLE` newest or oldest claims, as a range of ids. `None` for a team
/// with fewer.
fn sample_range(conn: &mut DbConn, team: TeamId, end: End) -> QueryResult<Option<(i64, i64)>> {
    use crate::db::schema::claims;
    let ids = claims::table
        .filter(claims::team_id.eq(team.get()))
        .select(claims::id)
        .offset(SAMPLE - 1);
    Ok(match end {
        End::Newest => ids
            .order(claims::id.desc())
            .first(conn)
            .optional()?
            .map(|from| (from, TEAM_SPAN - 1)),
        End::Oldest => ids
            .order(claims::id.asc())
            .first(conn)
            .optional()?
            .map(|to| (0, to)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn the_last_word_is_a_prefix_unless_a_number_or_a_letter() {
        assert_eq!(fts_query(&words(&["navy", "milit"])), "\"navy\" \"milit\"*");
        assert_eq!(ts_query(&words(&["navy", "milit"])), "navy & milit:*");
        assert_eq!(
            fts_query(&words(&["sailors", "4000"])),
            "\"sailors\" \"4000\""
        );
        assert_eq!(ts_query(&words(&["4000"])), "4000");
        assert_eq!(ts_query(&words(&["a"])), "a");
        assert_eq!(fts_query(&words(&["say\""])), "\"say\"*");
        assert_eq!(ts_query(&words(&["a&b", "c:*"])), "ab & c");
    }

    #[test]
    fn a_korean_word_is_a_prefix_wherever_it_stands() {
        assert_eq!(
            fts_query(&words(&["국방부", "병력"])),
            "\"국방부\"* \"병력\"*"
        );
        assert_eq!(ts_query(&words(&["국방부", "병력"])), "국방부:* & 병력:*");
        // One syllable is a word of its own in Korean (돈, 군): a prefix too.
        assert_eq!(fts_query(&words(&["군", "4000"])), "\"군\"* \"4000\"");
        assert_eq!(fts_query(&words(&["navy", "군"])), "\"navy\" \"군\"*");
    }
}
