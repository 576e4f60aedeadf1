//! The article page: the article, a page of its candidates (pending first, best first) and one
//! part of its body with the candidates marked; and its query (which candidates, which page,
//! which part, and the message after a triage).

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::marks::{quantity_label, segments, Segment};
use crate::db::models::CandidateRow;
use crate::desk::articles::{self as desk, ArticleView, Listing};
use crate::desk::removal::{self, DeletionCheck};
use crate::domain::{ArticleId, Qualifier, Status};
use crate::error::{AppError, AppResult};
use crate::web::claims::retry::Retry;
use crate::web::page::Chrome;
use crate::web::session::Session;
use crate::web::{blocking, render_status, AppState};

#[derive(Template)]
#[template(path = "articles/show.html")]
struct ArticlePage {
    chrome: Chrome,
    csrf_token: String,
    can_triage: bool,
    view: ArticleView,
    segments: Vec<Segment>,
    existing: bool,
    qualifiers: [Qualifier; 5],
    /// What deleting the article would take and what keeps it; `None` unless the member may.
    deletion: Option<DeletionCheck>,
    /// An accept form sent back with an error, and the candidate it was for (0: none).
    retry: Retry,
    retry_candidate: i64,
}

impl ArticlePage {
    /// What was typed in a field of a candidate's accept form sent back, else `default`.
    fn typed<'a>(&'a self, candidate: &i64, field: &str, default: &'a str) -> &'a str {
        if *candidate != self.retry_candidate {
            return default;
        }
        self.retry.typed("accept", field).unwrap_or(default)
    }

    fn error(&self, candidate: &i64, field: &str) -> Option<&str> {
        (*candidate == self.retry_candidate)
            .then(|| self.retry.error("accept", field))
            .flatten()
    }

    fn failed(&self, candidate: &i64) -> bool {
        *candidate == self.retry_candidate
    }

    fn or_empty<'a>(&self, value: &'a Option<String>) -> &'a str {
        value.as_deref().unwrap_or("")
    }

    fn quantity(&self, row: &CandidateRow) -> String {
        quantity_label(row)
    }

    fn status_label(&self, status: &str) -> &'static str {
        Status::label_of(status)
    }

    /// The article page's address for this listing, on another page of candidates or part of
    /// the body.
    fn at(&self, page: u32, part: usize) -> String {
        listing_path(
            ArticleId::new(self.view.article.id),
            Listing {
                page,
                part,
                ..self.view.listing
            },
        )
    }

    /// Where a candidate's span is marked in the body.
    fn mark_of(&self, row: &CandidateRow) -> String {
        format!(
            "{}#mark-{}",
            self.at(self.view.listing.page, self.view.part_of(row.span_start)),
            row.id
        )
    }

    /// The next or previous page of candidates.
    fn page_link(&self, next: bool) -> String {
        let page = self.view.listing.page;
        let page = if next {
            page + 1
        } else {
            page.saturating_sub(1).max(1)
        };
        self.at(page, self.view.listing.part)
    }

    /// The next or previous part of the body.
    fn part_link(&self, next: bool) -> String {
        let part = self.view.listing.part;
        let part = if next {
            part + 1
        } else {
            part.saturating_sub(1)
        };
        self.at(self.view.listing.page, part)
    }

    fn has_next_page(&self) -> bool {
        i64::from(self.view.listing.page) < self.view.pages()
    }

    /// The query a triage form posts with, so the answer comes back to the same listing.
    fn back(&self) -> String {
        listing_query(self.view.listing)
    }
}

/// The article page's query: which candidates, which page of them, which part of the body.
#[derive(Deserialize, Default)]
pub struct ShowQuery {
    existing: Option<String>,
    #[serde(default)]
    show: String,
    #[serde(default)]
    page: String,
    #[serde(default)]
    part: String,
    /// After a triage: the claim a repeated candidate joined.
    attached_to: Option<u64>,
    /// After a bulk accept: claims made, and candidates that joined claims the team had.
    added: Option<u32>,
    attached: Option<u32>,
}

impl ShowQuery {
    /// What the page says after a triage or a bulk accept (numbers only, never text from the
    /// request).
    pub(super) fn flash(&self) -> Option<String> {
        let plural =
            |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        if let Some(claim) = self.attached_to {
            return Some(format!(
                "The team already has this claim (#{claim}: the same quantity, said of the same \
                 thing): the candidate was added to it as another appearance, not copied."
            ));
        }
        let (added, attached) = (self.added?, self.attached.unwrap_or(0));
        let mut said = format!("{} accepted", plural(added, "new claim", "new claims"));
        if attached > 0 {
            said += &format!(
                "; {} the team already had (added to them as appearances, not copied)",
                plural(
                    attached,
                    "candidate repeated a claim",
                    "candidates repeated claims"
                )
            );
        }
        Some(said + ".")
    }

    /// The listing asked for; a page or part that is not a whole number from 1 is refused.
    pub(super) fn listing(&self) -> AppResult<Listing> {
        let pending_only = match self.show.as_str() {
            "" | "all" => false,
            "pending" => true,
            _ => return Err(AppError::invalid("show", "must be pending or all")),
        };
        let from_one = |field: &'static str, raw: &str| -> AppResult<u32> {
            match raw.trim() {
                "" => Ok(1),
                raw => raw
                    .parse::<u32>()
                    .ok()
                    .filter(|n| *n >= 1)
                    .ok_or_else(|| AppError::invalid(field, "must be a whole number from 1")),
            }
        };
        Ok(Listing {
            pending_only,
            page: from_one("page", &self.page)?,
            part: from_one("part", &self.part)? as usize - 1,
        })
    }
}

pub(super) fn listing_query(listing: Listing) -> String {
    format!(
        "show={}&page={}&part={}",
        if listing.pending_only {
            "pending"
        } else {
            "all"
        },
        listing.page,
        listing.part + 1
    )
}

pub(super) fn listing_path(article: ArticleId, listing: Listing) -> String {
    format!("/articles/{article}?{}", listing_query(listing))
}

pub async fn show(
    state: web::Data<AppState>,
    session: Session,
    article: web::Path<ArticleId>,
    query: web::Query<ShowQuery>,
) -> AppResult<HttpResponse> {
    let listing = query.listing()?;
    let page = load(
        &state,
        &session,
        article.into_inner(),
        listing,
        &query,
        None,
    )
    .await?;
    render_status(StatusCode::OK, &page)
}

/// The article page again with a candidate's accept form sent back: 422, the message beside the
/// field, what was typed, the form open.
pub(super) async fn send_back_accept(
    state: &web::Data<AppState>,
    session: &Session,
    (article, listing): (ArticleId, Listing),
    candidate: i64,
    retry: Retry,
) -> AppResult<HttpResponse> {
    let query = ShowQuery::default();
    let page = load(
        state,
        session,
        article,
        listing,
        &query,
        Some((candidate, retry)),
    )
    .await?;
    render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

async fn load(
    state: &web::Data<AppState>,
    session: &Session,
    article: ArticleId,
    listing: Listing,
    query: &ShowQuery,
    retry: Option<(i64, Retry)>,
) -> AppResult<ArticlePage> {
    let (pool, member) = (state.pool.clone(), session.member());
    let (view, deletion) = blocking(move || {
        let mut conn = pool.get()?;
        let view = desk::article_view(&mut conn, &member, article, listing)?;
        let deletion = removal::check(&mut conn, &member, &view.article)?;
        Ok((view, deletion))
    })
    .await?;
    let (base, part) = view.body_part();
    let segments = segments(part, base, &view.marks);
    let (retry_candidate, retry) = retry.unwrap_or_default();
    Ok(ArticlePage {
        chrome: Chrome::member(&view.article.title, session, "articles").with_flash(query.flash()),
        csrf_token: session.info.csrf_token.clone(),
        can_triage: desk::can_add(&session.member()),
        segments,
        view,
        existing: query.existing.is_some(),
        qualifiers: Qualifier::ALL,
        deletion,
        retry,
        retry_candidate,
    })
}
