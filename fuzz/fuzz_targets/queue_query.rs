//! Fuzz target: the claim queue's query string (`GET /claims?…`, `GET /export/claims.csv?…`,
//! `GET /api/v1/claims?…`).
//!
//! Arbitrary bytes go through serde_urlencoded into the real `QueueQuery` (as actix's `web::Query`
//! and the API's `serde_urlencoded::from_str` do) and then through the real `parse_filter`, for a
//! member (id 7) and a three-verdict scale. Invariants: nothing panics; an accepted filter holds
//! only values of their sets (a status of `Status`, a verdict of the scale, scores in [0, 1], a
//! valid tag, search words without any character of FTS5 or tsquery syntax); the queue's own links
//! (`link`, `export_link`) parse back to the same filter; a page cursor survives its round trip
//! through `cursor_text`.
#![no_main]

use claimdesk::db::claims::{AssigneeFilter, QueueFilter};
use claimdesk::db::models::VerdictRow;
use claimdesk::domain::{Role, Status};
use claimdesk::web::claims::{cursor_text, parse_filter, parse_tag, QueueQuery};
use claimdesk::web::export::ExportQuery;
use libfuzzer_sys::fuzz_target;

const ME: i64 = 7;

fn scale() -> Vec<VerdictRow> {
    ["true", "mostly_false", "unverifiable"]
        .iter()
        .enumerate()
        .map(|(i, key)| VerdictRow {
            id: 100 + i as i64,
            team_id: 3,
            key: (*key).into(),
            label: key.replace('_', " "),
            rating: None,
            position: i as i32,
            retired: false,
        })
        .collect()
}

/// The filter as text, without its cursor (links drop the cursor on purpose).
fn without_cursor(filter: &QueueFilter) -> String {
    let mut f = filter.clone();
    f.after = None;
    format!("{f:?}")
}

fn check(query: &QueueQuery, scale: &[VerdictRow]) {
    let Ok(filter) = parse_filter(query, ME, scale) else {
        return;
    };
    if let Some(status) = &filter.status {
        let parsed: Status = status.parse().expect("an accepted status is a Status");
        assert_eq!(parsed.as_str(), status);
    }
    if let Some(id) = filter.verdict_id {
        assert!(
            scale.iter().any(|v| v.id == id),
            "verdict outside the scale"
        );
    }
    match filter.assignee {
        AssigneeFilter::Member(id) if query.assignee == "me" => assert_eq!(id, ME),
        AssigneeFilter::Member(id) => assert_eq!(query.assignee.parse::<i64>().ok(), Some(id)),
        AssigneeFilter::Nobody => assert_eq!(query.assignee, "nobody"),
        AssigneeFilter::Anyone => assert!(matches!(query.assignee.as_str(), "" | "anyone")),
    }
    if let Some(tag) = &filter.tag {
        assert_eq!(
            parse_tag(tag).ok().as_ref(),
            Some(tag),
            "tags are idempotent"
        );
        assert!(!tag.is_empty() && tag.chars().count() <= 40);
    }
    for score in [filter.min_score, filter.max_score].into_iter().flatten() {
        assert!((0.0..=1.0).contains(&score), "score {score} out of range");
    }
    assert!(filter.words.len() <= 12);
    for word in &filter.words {
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

    // The queue's links keep the filters: parsing a link gives the same filter (without the cursor).
    let link = query.link(&[]);
    let qs = link
        .strip_prefix("/claims?")
        .expect("queue links start with /claims?");
    let again: QueueQuery = serde_urlencoded::from_str(qs).expect("a queue link parses");
    let refiltered = parse_filter(&again, ME, scale).expect("a queue link is accepted");
    assert_eq!(without_cursor(&filter), without_cursor(&refiltered));
    let export = query.export_link();
    let qs = export
        .strip_prefix("/export/claims.csv?")
        .expect("export links start with /export/claims.csv?");
    assert!(serde_urlencoded::from_str::<ExportQuery>(qs).is_ok());

    // A cursor survives cursor_text → after= → parse_filter (as text: NaN != NaN).
    if let Some(cursor) = &filter.after {
        let text = cursor_text(cursor);
        let mut next = again;
        next.after = text.clone();
        let next = parse_filter(&next, ME, scale).expect("our own cursor is accepted");
        let back = next.after.as_ref().expect("the cursor is kept");
        assert_eq!(cursor_text(back), text, "cursor round trip");
    }
}

fuzz_target!(|data: &[u8]| {
    let scale = scale();
    // actix's web::Query and the API both hand the raw query string to serde_urlencoded.
    if let Ok(query) = serde_urlencoded::from_bytes::<QueueQuery>(data) {
        check(&query, &scale);
    }
    // The CSV export takes the same filters plus `bom`, through #[serde(flatten)].
    let _ = serde_urlencoded::from_bytes::<ExportQuery>(data);
});
