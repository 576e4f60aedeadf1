//! The words of a search as the full-text indexes read them: quoted for FTS5 (`fts_query`), as a
//! tsquery for PostgreSQL (`ts_query`), and a last-word prefix spelt out as the words of the index
//! it begins (`expanded_match!` inside a statement, `spelt_out` once per vocabulary, remembered).

use std::collections::HashMap;
use std::sync::Mutex;

use diesel::dsl::sql;
use diesel::prelude::*;

use super::super::DbConn;

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

pub(super) fn last_is_prefix(words: &[String]) -> bool {
    words.last().is_some_and(|w| is_prefix(w, true))
}

/// One word as FTS5 reads it: quoted, so user text never reaches FTS5's query syntax, with `*`
/// when it is a prefix.
pub(super) fn fts_word(word: &str, last: bool) -> String {
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
pub(super) const PREFIX_WORDS: i64 = 32;

/// A last-word prefix spelt out as the words of the index it begins (see `expanded_match!`): the
/// other words (each as `fts_word` writes it, followed by AND: FTS5 takes no implicit AND before a
/// parenthesis), the prefix and the end of its range, and the query as written, for a prefix that
/// begins no word or more than `PREFIX_WORDS`.
pub(super) struct Expansion {
    pub(super) head: String,
    pub(super) prefix: String,
    pub(super) end: String,
    pub(super) written: String,
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
        use diesel::sql_types::{BigInt, Text};
        let x: $crate::db::claims::words::Expansion = $expansion;
        $query
            .sql("(WITH RECURSIVE prefixed(term) AS (SELECT (SELECT term FROM claims_fts_terms WHERE term >= ")
            .bind::<Text, _>(x.prefix)
            .sql(" AND term < ")
            .bind::<Text, _>(x.end.clone())
            .sql(" LIMIT 1) UNION ALL SELECT (SELECT term FROM claims_fts_terms WHERE term >= prefixed.term || char(1) AND term < ")
            .bind::<Text, _>(x.end)
            .sql(" LIMIT 1) FROM prefixed WHERE prefixed.term IS NOT NULL LIMIT ")
            .bind::<BigInt, _>($crate::db::claims::words::PREFIX_WORDS + 2)
            .sql(") SELECT CASE WHEN count(*) BETWEEN 1 AND ")
            .bind::<BigInt, _>($crate::db::claims::words::PREFIX_WORDS)
            .sql(" THEN ")
            .bind::<Text, _>(x.head)
            .sql(" || '(' || group_concat('\"' || term || '\"', ' OR ') || ')' ELSE ")
            .bind::<Text, _>(x.written)
            .sql(" END FROM prefixed WHERE term IS NOT NULL)")
    }};
}
pub(super) use expanded_match;

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

/// The FTS5 query a search's words become (SQLite), with a last-word prefix spelt out as the
/// words of the index it begins: what the statements reading the index in one pass ask it (the
/// count, a page in the index's order, the ranks, a sample; `expanded_match!` inside the others).
///
/// Spelling out costs a read of FTS5's vocabulary per word of it and one past the last (~2 ms each
/// for words in a third of a million claims, every search), so the spelling is remembered per
/// database until the words of its claims may have changed: the triggers of migration 000150 count
/// every insert, delete and change of a claim's indexed text in `search_vocabulary`, and a
/// spelling is used only under the count it was made at. Each database names itself by the random
/// `nonce` written there by the migration (a process may open several: the tests do).
pub fn spelt_out(conn: &mut DbConn, words: &[String]) -> QueryResult<String> {
    let Some(x) = expansion(words) else {
        return Ok(fts_query(words));
    };
    let (nonce, changes): (i64, i64) = search_vocabulary::table
        .select((search_vocabulary::nonce, search_vocabulary::changes))
        .first(conn)?;
    if let Some(spelt) = remembered(nonce, changes, &x.written) {
        return Ok(spelt);
    }
    let written = x.written.clone();
    let spelt: String = diesel::select(expanded_match!(sql::<Text>(""), x)).get_result(conn)?;
    remember(nonce, changes, written, spelt.clone());
    Ok(spelt)
}

diesel::table! {
    /// How often the indexed words of a database's claims have changed (SQLite, migration 000150).
    search_vocabulary (id) {
        id -> BigInt,
        nonce -> BigInt,
        changes -> BigInt,
    }
}

/// The spellings made under one count of changes of one database.
struct Spellings {
    changes: i64,
    by_query: HashMap<String, String>,
}

/// How many spellings a database keeps, and how many databases are kept, before starting afresh.
const SPELLINGS_KEPT: usize = 1024;
const DATABASES_KEPT: usize = 64;

static SPELLINGS: Mutex<Option<HashMap<i64, Spellings>>> = Mutex::new(None);

fn spellings() -> std::sync::MutexGuard<'static, Option<HashMap<i64, Spellings>>> {
    // a panic elsewhere while the lock was held leaves whole entries: the map is still good
    SPELLINGS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The spelling of `written` made under `changes` in the database `nonce`, if there is one.
fn remembered(nonce: i64, changes: i64, written: &str) -> Option<String> {
    let kept = spellings();
    let of_database = kept.as_ref()?.get(&nonce)?;
    if of_database.changes != changes {
        return None;
    }
    of_database.by_query.get(written).cloned()
}

fn remember(nonce: i64, changes: i64, written: String, spelt: String) {
    let mut kept = spellings();
    let all = kept.get_or_insert_with(HashMap::new);
    if all.len() >= DATABASES_KEPT && !all.contains_key(&nonce) {
        all.clear();
    }
    let of_database = all.entry(nonce).or_insert_with(|| Spellings {
        changes,
        by_query: HashMap::new(),
    });
    if of_database.changes != changes || of_database.by_query.len() >= SPELLINGS_KEPT {
        // a later count drops what was spelt before it; an earlier one (a request that read the
        // count before another's write) is not kept over it
        if changes < of_database.changes {
            return;
        }
        of_database.changes = changes;
        of_database.by_query.clear();
    }
    of_database.by_query.insert(written, spelt);
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
