//! What a member asks of the claim queue: filters, search words, sort and page cursor, parsed once
//! at the edge from the query string (pages, API and CSV export alike). Resolving a verdict key or
//! "me" needs the team and the member; the desk layer does that.

use std::str::FromStr;

use chrono::NaiveDateTime;

use super::{ArticleId, Invalid, Status, UserId, VerdictKey};

/// Who is assigned: anyone, nobody, the member asking, or one member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Assignee {
    #[default]
    Anyone,
    Nobody,
    Me,
    Member(UserId),
}

impl FromStr for Assignee {
    type Err = Invalid;

    fn from_str(raw: &str) -> Result<Assignee, Invalid> {
        match raw.trim() {
            "" | "anyone" => Ok(Assignee::Anyone),
            "nobody" => Ok(Assignee::Nobody),
            "me" => Ok(Assignee::Me),
            id => id
                .parse()
                .map(Assignee::Member)
                .map_err(|_| Invalid::new("assignee", "must be me, nobody or a member id")),
        }
    }
}

/// The queue's orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Highest check-worthiness first (the default).
    #[default]
    Score,
    Newest,
    Oldest,
    /// Most recently changed first.
    Updated,
    /// Best match to the search words first (BM25 on SQLite, `ts_rank` on PostgreSQL), for a
    /// search with fewer matches than the queue ranks (`db::claims::queue::RANKED_BELOW`); the
    /// score's order otherwise, and without words.
    Relevance,
}

impl Sort {
    pub const ALL: [Sort; 5] = [
        Sort::Score,
        Sort::Newest,
        Sort::Oldest,
        Sort::Updated,
        Sort::Relevance,
    ];

    /// The sort's word in `sort=`.
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Score => "score",
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
            Sort::Updated => "updated",
            Sort::Relevance => "relevance",
        }
    }
}

impl FromStr for Sort {
    type Err = Invalid;

    fn from_str(raw: &str) -> Result<Sort, Invalid> {
        if raw.is_empty() {
            return Ok(Sort::Score);
        }
        Sort::ALL
            .into_iter()
            .find(|sort| sort.as_str() == raw)
            .ok_or_else(|| {
                Invalid::new(
                    "sort",
                    "must be score, newest, oldest, updated or relevance",
                )
            })
    }
}

/// Where the previous page ended, in the sort's own key: keyset pagination, never OFFSET.
#[derive(Debug, Clone, PartialEq)]
pub enum Cursor {
    Score(f64, i64),
    Id(i64),
    Updated(NaiveDateTime, i64),
}

impl Cursor {
    /// The cursor as it travels in `after=`: `{key}_{id}`, the key a number in every sort (the
    /// score; 0 for the id orders; microseconds since 1970 for the last update), so one pattern
    /// describes every cursor (`CURSOR_PATTERN`) and any cursor of that form pages any sort.
    pub fn text(&self) -> String {
        match self {
            Cursor::Score(score, id) => format!("{score}_{id}"),
            Cursor::Id(id) => format!("0_{id}"),
            Cursor::Updated(at, id) => format!("{}_{id}", at.and_utc().timestamp_micros()),
        }
    }

    /// Reads `after=` for `sort`; empty is the first page.
    pub fn parse(sort: Sort, raw: &str) -> Result<Option<Cursor>, Invalid> {
        if raw.is_empty() {
            return Ok(None);
        }
        let invalid = || Invalid::new("after", "is not a page cursor (a number, _, a claim id)");
        let (head, id) = raw.rsplit_once('_').ok_or_else(invalid)?;
        let id: i64 = id.parse().map_err(|_| invalid())?;
        // Keys are finite: NaN would compare false everywhere and page differently per backend.
        let key = head
            .parse::<f64>()
            .ok()
            .filter(|key| key.is_finite())
            .ok_or_else(invalid)?;
        Ok(Some(match sort {
            Sort::Score => Cursor::Score(key, id),
            // a ranked page goes on after the claim it ended with, wherever the ranks now put
            // it: no rank leaves the server
            Sort::Newest | Sort::Oldest | Sort::Relevance => Cursor::Id(id),
            Sort::Updated => Cursor::Updated(
                chrono::DateTime::from_timestamp_micros(key as i64)
                    .ok_or_else(invalid)?
                    .naive_utc(),
                id,
            ),
        }))
    }
}

/// Every cursor `Cursor::text` writes, as a JSON Schema pattern.
pub const CURSOR_PATTERN: &str = "^-?[0-9]{1,16}([.][0-9]{1,16})?_-?[0-9]{1,18}$";

/// A tag: 1 to 40 lower-case letters, digits, spaces, `-` or `_`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag(String);

impl Tag {
    pub fn parse(raw: &str) -> Result<Tag, Invalid> {
        let tag = raw.trim().to_lowercase();
        if tag.is_empty()
            || tag.chars().count() > 40
            || !tag
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
        {
            return Err(Invalid::new(
                "tag",
                "must be 1 to 40 letters, digits, spaces, - or _",
            ));
        }
        Ok(Tag(tag))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Plain words for full-text search: letters and digits only, so no query syntax reaches the index.
pub fn search_words(q: &str) -> Vec<String> {
    q.split(|c: char| !c.is_alphanumeric())
        // lower case can add a mark ("İ" is "i" and a combining dot): kept letters and digits only
        .map(|w| {
            w.to_lowercase()
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .take(12)
        .collect()
}

/// A score bound, 0 to 1; empty is no bound.
pub fn parse_score(field: &'static str, raw: &str) -> Result<Option<f64>, Invalid> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    raw.trim()
        .parse::<f64>()
        .ok()
        .filter(|s| (0.0..=1.0).contains(s))
        .map(Some)
        .ok_or_else(|| Invalid::new(field, "must be a number from 0 to 1"))
}

/// The queue's question, validated. A filter naming a tag that cannot exist asks for nothing
/// (`unmatchable`), like one naming a tag nobody used.
#[derive(Debug, Clone, Default)]
pub struct QueueQuestion {
    pub unmatchable: bool,
    pub status: Option<Status>,
    pub verdict: Option<VerdictKey>,
    pub assignee: Assignee,
    pub article: Option<ArticleId>,
    pub tag: Option<Tag>,
    pub min_score: Option<f64>,
    pub max_score: Option<f64>,
    /// Words to search for; already reduced to plain words.
    pub words: Vec<String>,
    pub sort: Sort,
    pub after: Option<Cursor>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn cursors_round_trip_through_their_text() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 27)
            .and_then(|d| d.and_hms_micro_opt(10, 1, 2, 345_678))
            .unwrap();
        for (sort, cursor) in [
            (Sort::Score, Cursor::Score(0.85, 42)),
            (Sort::Newest, Cursor::Id(7)),
            (Sort::Updated, Cursor::Updated(at, 9)),
            (Sort::Relevance, Cursor::Id(11)),
        ] {
            assert_eq!(Cursor::parse(sort, &cursor.text()).unwrap(), Some(cursor));
        }
        assert!(Cursor::parse(Sort::Score, "garbage").is_err());
        assert!(Cursor::parse(Sort::Score, "NaN_5").is_err());
        // Any cursor of the one form pages any sort.
        for sort in Sort::ALL {
            assert!(Cursor::parse(sort, "0.5_12").unwrap().is_some());
        }
    }

    #[test]
    fn search_words_are_letters_and_digits_in_lower_case() {
        assert_eq!(
            search_words("İstanbul, 4,000"),
            vec!["istanbul", "4", "000"]
        );
        assert_eq!(search_words("İ"), vec!["i"]);
    }

    #[test]
    fn assignees_and_sorts_parse_from_their_words() {
        assert_eq!("me".parse::<Assignee>(), Ok(Assignee::Me));
        assert_eq!(
            "7".parse::<Assignee>(),
            Ok(Assignee::Member(UserId::new(7)))
        );
        assert!("someone".parse::<Assignee>().is_err());
        assert_eq!("".parse::<Sort>(), Ok(Sort::Score));
        assert!("random".parse::<Sort>().is_err());
        for sort in Sort::ALL {
            assert_eq!(sort.as_str().parse::<Sort>(), Ok(sort));
        }
    }

    proptest! {
        /// Query-string values never panic the parsers; search words are plain letters and digits.
        #[test]
        fn queue_parameters_never_panic(raw in "\\PC{0,60}") {
            for sort in Sort::ALL {
                let _ = Cursor::parse(sort, &raw);
            }
            if let Ok(Some(score)) = parse_score("min_score", &raw) {
                prop_assert!((0.0..=1.0).contains(&score));
            }
            if let Ok(tag) = Tag::parse(&raw) {
                prop_assert_eq!(Tag::parse(tag.as_str()), Ok(tag.clone()));
            }
            for word in search_words(&raw) {
                prop_assert!(!word.is_empty() && word.chars().all(char::is_alphanumeric));
            }
        }
    }
}
