//! What anyone may read without signing in: the public verdict page of a published claim, its
//! ClaimReview JSON-LD, and (for members) the team's ClaimReview feed. Unpublished claims are 404.

use std::fmt;

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::page::Chrome;
use super::session::Session;
use super::{blocking, render, AppState};
use crate::db::claims::{self as queries, AssigneeFilter, ExportRow, QueueFilter, Sort};
use crate::db::models::{CitationRow, TeamRow};
use crate::error::{AppError, AppResult};
use crate::export::claimreview::{claim_review, script_safe, Publisher};

/// JSON-LD made safe for a `<script>` element by `script_safe`; askama writes it as it is.
pub struct JsonLd(String);

impl fmt::Display for JsonLd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl askama::filters::HtmlSafe for JsonLd {}

pub fn base_url(req: &HttpRequest, state: &AppState) -> String {
    match &state.settings.public_url {
        Some(url) => url.clone(),
        None => {
            let info = req.connection_info();
            format!("{}://{}", info.scheme(), info.host())
        }
    }
}

fn review_of(row: &ExportRow, team: &TeamRow, base: &str) -> serde_json::Value {
    let publisher = Publisher {
        name: &team.name,
        url: team.org_url.as_deref(),
    };
    claim_review(
        row,
        &publisher,
        &format!("{base}/verdicts/{}", row.claim_id),
    )
}

#[derive(Template)]
#[template(path = "public/verdict.html")]
struct VerdictPage {
    chrome: Chrome,
    row: ExportRow,
    team: TeamRow,
    citations: Vec<CitationRow>,
    json_ld: JsonLd,
}

async fn load(
    state: &web::Data<AppState>,
    claim_id: i64,
) -> AppResult<(ExportRow, TeamRow, Vec<CitationRow>)> {
    let pool = state.pool.clone();
    blocking(move || {
        let mut conn = pool.get()?;
        let (row, team) = queries::published(&mut conn, claim_id)?.ok_or(AppError::NotFound)?;
        let citations = queries::citations_of(&mut conn, claim_id)?;
        Ok((row, team, citations))
    })
    .await
}

/// `GET /verdicts/{id}`: the public verdict page, with its ClaimReview embedded.
pub async fn verdict_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    claim_id: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let (row, team, citations) = load(&state, claim_id.into_inner()).await?;
    let json_ld = JsonLd(script_safe(&review_of(
        &row,
        &team,
        &base_url(&req, &state),
    )));
    render(&VerdictPage {
        chrome: Chrome::anonymous(&format!(
            "Fact check: {}",
            crate::export::claimreview::claim_reviewed(&row.statement)
        )),
        row,
        team,
        citations,
        json_ld,
    })
}

/// `GET /claims/{id}/claimreview.json`: the ClaimReview of a published claim.
pub async fn claim_review_json(
    req: HttpRequest,
    state: web::Data<AppState>,
    claim_id: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let (row, team, _) = load(&state, claim_id.into_inner()).await?;
    let review = review_of(&row, &team, &base_url(&req, &state));
    Ok(HttpResponse::Ok()
        .content_type("application/ld+json; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .body(review.to_string()))
}

/// `GET /export/claimreview.jsonl`: the team's published claims, one ClaimReview per line.
pub async fn feed(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
) -> AppResult<HttpResponse> {
    let team_id = session.info.team_id;
    let base = base_url(&req, &state);
    let pool = state.pool.clone();
    let body = blocking(move || {
        let mut conn = pool.get()?;
        let team = crate::db::users::find_team(&mut conn, team_id)?.ok_or(AppError::NotFound)?;
        feed_lines(&mut conn, &team, &base)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .content_type("application/x-ndjson; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"claimreview.jsonl\"",
        ))
        .body(body))
}

/// Every published claim of `team` as ClaimReview JSON lines (shared with `claimdesk export`).
pub fn feed_lines(conn: &mut crate::db::DbConn, team: &TeamRow, base: &str) -> AppResult<String> {
    let filter = QueueFilter {
        status: Some("published".into()),
        verdict_id: None,
        assignee: AssigneeFilter::Anyone,
        article_id: None,
        tag: None,
        min_score: None,
        max_score: None,
        words: Vec::new(),
        sort: Sort::Oldest,
        after: None,
    };
    let mut out = String::new();
    let mut after = 0;
    loop {
        let rows = queries::export_batch(conn, team.id, &filter, after, 1000)?;
        let Some(last) = rows.last() else { break };
        after = last.claim_id;
        for row in &rows {
            out.push_str(&review_of(row, team, base).to_string());
            out.push('\n');
        }
    }
    Ok(out)
}
