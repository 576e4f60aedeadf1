//! `GET /claims`: the queue, with its filters in the address.

use actix_web::{web, HttpResponse};
use askama::Template;

use super::QueueQuery;
use crate::db::claims::queue::{QueueRow, RANKED_BELOW, SEARCH_COUNT_CAP};
use crate::db::models::VerdictRow;
use crate::desk::views;
use crate::domain::{Role, Sort, Status};
use crate::error::AppResult;
use crate::web::page::Chrome;
use crate::web::session::Session;
use crate::web::{blocking, render, AppState};

const PAGE_SIZE: i64 = 50;

/// Why a search asked for by best match is in the score's order (`RANKED_BELOW` matches or
/// more; the count is of the words alone, so only another word narrows it).
const UNRANKED: &str = "2,000 claims or more match these words, too many to rank by best match: \
                        they are sorted by score. Add a word to rank them.";

const _: () = assert!(RANKED_BELOW == 2000, "UNRANKED names the number");

#[derive(Template)]
#[template(path = "claims/queue.html")]
struct QueuePage {
    chrome: Chrome,
    query: QueueQuery,
    rows: Vec<QueueRow>,
    /// Claims per status; `None` for a text search too common to count.
    counts: Option<Vec<(Status, i64)>>,
    /// The claims in the work (discarded ones aside): the "All" tab's count.
    total: Option<i64>,
    next_link: Option<String>,
    scale: Vec<VerdictRow>,
    /// Every status, discarded last: the tabs and the status filter.
    statuses: [Status; 6],
    csrf_token: String,
    views: Vec<(i64, String, String)>,
    current: String,
    can_bulk: bool,
    search_count_cap: i64,
    /// Why the rows are in the score's order when relevance was asked: no words, or too many
    /// matches.
    unranked: Option<&'static str>,
    /// Appended to each claim's link so its page walks this same selection.
    claim_suffix: String,
}

impl QueuePage {
    fn status_label(&self, status: &str) -> &'static str {
        Status::label_of(status)
    }

    fn count_of(&self, status: &str) -> Option<i64> {
        let counts = self.counts.as_ref()?;
        counts
            .iter()
            .find(|(s, _)| s.as_str() == status)
            .map(|(_, n)| *n)
    }
}

pub async fn queue(
    state: web::Data<AppState>,
    session: Session,
    query: web::Query<QueueQuery>,
) -> AppResult<HttpResponse> {
    let query = query.into_inner();
    let question = query.question()?;
    let no_words = question.words.is_empty();
    let member = session.member();
    let pool = state.pool.clone();
    // One trip to the blocking pool for the whole page.
    let view = blocking(move || {
        let mut conn = pool.get()?;
        views::queue_page(&mut conn, &member, &question, PAGE_SIZE)
    })
    .await?;
    let next_link = view
        .next
        .map(|cursor| query.link(&[("after", &cursor.text())]));
    let total = view.counts.as_ref().map(|counts| {
        counts
            .iter()
            .filter(|(status, _)| status.in_workflow())
            .map(|(_, n)| n)
            .sum()
    });
    render(&QueuePage {
        chrome: Chrome::member("Claims", &session, "claims"),
        rows: view.rows,
        counts: view.counts,
        total,
        next_link,
        scale: view.scale,
        statuses: Status::ALL,
        csrf_token: session.info.csrf_token.clone(),
        views: view.saved_views,
        current: query.link(&[]),
        can_bulk: session.info.role.at_least(Role::Reviewer),
        search_count_cap: SEARCH_COUNT_CAP,
        unranked: (query.sort == Sort::Relevance.as_str() && view.sorted_by != Sort::Relevance)
            .then_some(if no_words {
                "Best match orders a search: with no words, the claims are sorted by score."
            } else {
                UNRANKED
            }),
        claim_suffix: query.claim_suffix(),
        query,
    })
}
