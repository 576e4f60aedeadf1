//! `/api/v1/articles`: add an article (the extractor runs on it, as on the new-article page), list
//! the team's articles, and read one with its claim candidates.

use std::collections::BTreeMap;

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::auth::ApiUser;
use super::error::{ApiResult, ErrorBody};
use super::{path_id, read_json};
use crate::db::articles::{self, ArticleInput, Saved};
use crate::db::models::{ArticleRow, CandidateRow};
use crate::db::{self, DbConn};
use crate::domain::{ArticleDraft, RawArticle, Role};
use crate::error::{AppError, AppResult};
use crate::web::{blocking, AppState};

/// A new article. `title` and `body` are required; `published_on` is a date such as 2025-08-23.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ArticleIn {
    #[schema(required = true)]
    pub title: String,
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub published_on: Option<String>,
    #[schema(required = true)]
    pub body: String,
}

impl From<ArticleIn> for RawArticle {
    fn from(input: ArticleIn) -> RawArticle {
        RawArticle {
            title: input.title,
            url: input.url.unwrap_or_default(),
            publisher: input.publisher.unwrap_or_default(),
            author: input.author.unwrap_or_default(),
            published_on: input.published_on.unwrap_or_default(),
            body: input.body,
        }
    }
}

/// One line of the article list.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleSummaryOut {
    pub id: i64,
    pub title: String,
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub published_on: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
    /// Candidates still waiting for triage.
    pub pending_candidates: i64,
    /// The article's claims per status.
    pub claims_by_status: BTreeMap<String, i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleList {
    pub articles: Vec<ArticleSummaryOut>,
}

/// A quantity the extractor found, with its triage state.
#[derive(Debug, Serialize, ToSchema)]
pub struct CandidateOut {
    pub id: i64,
    pub position: i32,
    /// The text as it stands in the body, and its byte offsets there.
    pub surface: String,
    pub span_start: i64,
    pub span_end: i64,
    /// The sentence it stands in.
    pub sentence: String,
    pub value: Option<String>,
    pub value_high: Option<String>,
    pub unit: Option<String>,
    /// exact, about, more_than, less_than or range.
    pub qualifier: String,
    pub subject: Option<String>,
    pub speaker: Option<String>,
    /// How check-worthy it looks, from 0 to 1.
    pub score: f64,
    pub check_worthy: bool,
    pub kind: String,
    /// pending, accepted or rejected.
    pub state: String,
    /// The claim it became, once accepted.
    pub claim_id: Option<i64>,
}

/// An article with its body and candidates.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleOut {
    pub id: i64,
    pub title: String,
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub published_on: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
    pub body: String,
    pub candidates: Vec<CandidateOut>,
}

fn candidate_out(body: &str, row: CandidateRow) -> CandidateOut {
    let sentence = usize::try_from(row.sentence_start)
        .ok()
        .zip(usize::try_from(row.sentence_end).ok())
        .and_then(|(start, end)| body.get(start..end))
        .unwrap_or("")
        .to_owned();
    CandidateOut {
        id: row.id,
        position: row.position,
        surface: row.surface,
        span_start: row.span_start,
        span_end: row.span_end,
        sentence,
        value: row.value,
        value_high: row.value_high,
        unit: row.unit,
        qualifier: row.qualifier,
        subject: row.subject,
        speaker: row.speaker,
        score: row.score,
        check_worthy: row.check_worthy,
        kind: row.kind,
        state: row.state,
        claim_id: row.claim_id,
    }
}

fn article_out(article: ArticleRow, candidates: Vec<CandidateRow>) -> ArticleOut {
    let candidates = candidates
        .into_iter()
        .map(|row| candidate_out(&article.body, row))
        .collect();
    ArticleOut {
        id: article.id,
        title: article.title,
        url: article.url,
        publisher: article.publisher,
        author: article.author,
        published_on: article.published_on,
        created_at: article.created_at,
        body: article.body,
        candidates,
    }
}

fn load_article(conn: &mut DbConn, team_id: i64, article_id: i64) -> AppResult<ArticleOut> {
    let article = articles::get(conn, team_id, article_id)?.ok_or(AppError::NotFound)?;
    let candidates = articles::candidates_of(conn, article_id)?;
    Ok(article_out(article, candidates))
}

/// Adds an article and runs the extractor on it; the same body again answers the team's existing
/// article with 200.
#[utoipa::path(
    post,
    path = "/api/v1/articles",
    tag = "articles",
    request_body = ArticleIn,
    responses(
        (status = 201, description = "Added, with the candidates the extractor found", body = ArticleOut),
        (status = 200, description = "The team already has an article with this body", body = ArticleOut),
        (status = 400, description = "A field is invalid (named in `field`)", body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 415, body = ErrorBody),
        (status = 429, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn create(
    state: web::Data<AppState>,
    user: ApiUser,
    req: HttpRequest,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let session = user.session;
    session.require(Role::Reviewer)?;
    let limit = state.settings.article_limit + 64 * 1024;
    let input: ArticleIn = read_json(&req, payload, limit).await?;
    let draft =
        ArticleDraft::parse(&input.into(), state.settings.article_limit).map_err(AppError::from)?;
    let pool = state.pool.clone();
    let (team_id, actor_id) = (session.info.team_id, session.info.user_id);
    // As the new-article page saves it (`web::articles::save_draft`): extract, then one write.
    let (saved, article) = blocking(move || {
        let found = crate::extract::extract(&draft.body);
        let hash = draft.body_hash();
        let input = ArticleInput {
            title: &draft.title,
            url: draft.url.as_ref().map(|u| u.as_str()),
            publisher: draft.publisher.as_deref(),
            author: draft.author.as_deref(),
            published_on: draft.published_on,
            body: &draft.body,
            body_hash: &hash,
        };
        let mut conn = pool.get()?;
        let saved = db::write(&mut conn, |conn| {
            articles::save(conn, team_id, actor_id, &input, &found)
        })?;
        let id = match saved {
            Saved::Created(id) | Saved::Existing(id) => id,
        };
        let article = load_article(&mut conn, team_id, id)?;
        Ok((saved, article))
    })
    .await?;
    let mut response = match saved {
        Saved::Created(_) => HttpResponse::Created(),
        Saved::Existing(_) => HttpResponse::Ok(),
    };
    Ok(response
        .insert_header((header::LOCATION, format!("/api/v1/articles/{}", article.id)))
        .json(article))
}

/// The team's newest 200 articles, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/articles",
    tag = "articles",
    responses(
        (status = 200, body = ArticleList),
        (status = 401, body = ErrorBody), (status = 429, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn list(state: web::Data<AppState>, user: ApiUser) -> ApiResult<HttpResponse> {
    let pool = state.pool.clone();
    let team_id = user.session.info.team_id;
    let summaries = blocking(move || {
        let mut conn = pool.get()?;
        Ok(articles::list(&mut conn, team_id, 200)?)
    })
    .await?;
    let articles = summaries
        .into_iter()
        .map(|s| ArticleSummaryOut {
            id: s.article.id,
            title: s.article.title,
            url: s.article.url,
            publisher: s.article.publisher,
            author: s.article.author,
            published_on: s.article.published_on,
            created_at: s.article.created_at,
            pending_candidates: s.pending_candidates,
            claims_by_status: s.claims_by_status.into_iter().collect(),
        })
        .collect();
    Ok(HttpResponse::Ok().json(ArticleList { articles }))
}

/// One article with its body and candidates.
#[utoipa::path(
    get,
    path = "/api/v1/articles/{article_id}",
    tag = "articles",
    params(("article_id" = i64, Path, description = "The article's id")),
    responses(
        (status = 200, body = ArticleOut),
        (status = 401, body = ErrorBody),
        (status = 404, description = "Missing, or another team's", body = ErrorBody),
        (status = 429, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn show(
    state: web::Data<AppState>,
    user: ApiUser,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    let article_id = path_id(&req, "article_id")?;
    let team_id = user.session.info.team_id;
    let pool = state.pool.clone();
    let article = blocking(move || {
        let mut conn = pool.get()?;
        load_article(&mut conn, team_id, article_id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(article))
}
