//! Fuzz target: the claim queue's query string (`GET /claims?…`, `GET /export/claims.csv?…`,
//! `GET /api/v1/claims?…`).
//!
//! Arbitrary bytes go through serde_urlencoded into the real `QueueQuery` (as actix's `web::Query`
//! and the API's `serde_urlencoded::from_str` do) and then through the real `QueueQuery::question`,
//! the one parse every edge uses. Invariants: nothing panics; an accepted question holds only
//! values of their sets (a `Status`, a verdict key of `VerdictKey`'s alphabet, scores in [0, 1], a
//! valid tag, search words without any character of FTS5 or tsquery syntax, an assignee as typed);
//! the queue's own links (`link`, `export_link`) parse back to the same question; a page cursor
//! survives its round trip through `Cursor::text`.
#![no_main]

use claimdesk::domain::{Assignee, Cursor, QueueQuestion, Tag, VerdictKey};
use claimdesk::web::claims::QueueQuery;
use claimdesk::web::export::ExportQuery;
use libfuzzer_sys::fuzz_target;

/// The question as text, without its cursor (links drop the cursor on purpose).
fn without_cursor(question: &QueueQuestion) -> String {
    let mut q = question.clone();
    q.after = None;
    format!("{q:?}")
}

fn check(query: &QueueQuery) {
    let Ok(question) = query.question() else {
        return;
    };
    if let Some(status) = question.status {
        assert_eq!(status.as_str(), query.status);
    }
    if let Some(key) = &question.verdict {
        assert_eq!(VerdictKey::parse(key.as_str()).ok().as_ref(), Some(key));
    }
    match question.assignee {
        Assignee::Me => assert_eq!(query.assignee.trim(), "me"),
        Assignee::Member(id) => {
            assert_eq!(query.assignee.trim().parse::<i64>().ok(), Some(id.get()))
        }
        Assignee::Nobody => assert_eq!(query.assignee.trim(), "nobody"),
        Assignee::Anyone => assert!(matches!(query.assignee.trim(), "" | "anyone")),
    }
    if let Some(tag) = &question.tag {
        assert_eq!(Tag::parse(tag.as_str()).ok().as_ref(), Some(tag), "tags are idempotent");
        assert!(!tag.as_str().is_empty() && tag.as_str().chars().count() <= 40);
    }
    for score in [question.min_score, question.max_score].into_iter().flatten() {
        assert!((0.0..=1.0).contains(&score), "score {score} out of range");
    }
    assert!(question.words.len() <= 12);
    for word in &question.words {
        // Each word is quoted into an FTS5 MATCH string on SQLite and passed to plainto_tsquery on
        // PostgreSQL: no quote, operator, bracket, space or other ASCII punctuation may survive.
        assert!(!word.is_empty());
        assert!(
            word.chars()
                .all(|c| !c.is_ascii() || c.is_ascii_alphanumeric()),
            "search word {word:?} carries query syntax"
        );
        assert!(!word.chars().any(|c| c.is_whitespace() || c.is_control()));
    }

    // The queue's links keep the filters: parsing a link asks the same question (without cursor).
    let link = query.link(&[]);
    let qs = link
        .strip_prefix("/claims?")
        .expect("queue links start with /claims?");
    let again: QueueQuery = serde_urlencoded::from_str(qs).expect("a queue link parses");
    let asked_again = again.question().expect("a queue link is accepted");
    assert_eq!(without_cursor(&question), without_cursor(&asked_again));
    let export = query.export_link();
    let qs = export
        .strip_prefix("/export/claims.csv?")
        .expect("export links start with /export/claims.csv?");
    assert!(serde_urlencoded::from_str::<ExportQuery>(qs).is_ok());

    // A cursor survives Cursor::text → after= → question (as text: NaN != NaN).
    if let Some(cursor) = &question.after {
        let text = cursor.text();
        let mut next = again;
        next.after = text.clone();
        let next = next.question().expect("our own cursor is accepted");
        let back: &Cursor = next.after.as_ref().expect("the cursor is kept");
        assert_eq!(back.text(), text, "cursor round trip");
    }
}

fuzz_target!(|data: &[u8]| {
    // actix's web::Query and the API both hand the raw query string to serde_urlencoded.
    if let Ok(query) = serde_urlencoded::from_bytes::<QueueQuery>(data) {
        check(&query);
    }
    // The CSV export takes the same filters plus `bom`, through #[serde(flatten)].
    let _ = serde_urlencoded::from_bytes::<ExportQuery>(data);
});
