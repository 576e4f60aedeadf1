//! `/api/v1/articles`: add an article (the extractor runs on it, as on the new-article page), list
//! the team's articles, and read one with its claim candidates.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::auth::ApiUser;
use super::error::{ApiResult, ErrorBody};
use super::{path_id, read_json};
use crate::db::articles::{ArticleSummary, Saved};
use crate::db::models::ArticleRow;
use crate::db::DbConn;
use crate::desk::articles::{self as desk, CandidateView};
use crate::desk::Member;
use crate::domain::{ArticleDraft, ArticleId, RawArticle};
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

#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleList {
    pub articles: Vec<ArticleSummary>,
}

/// An article with its body and candidates.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleOut {
    #[serde(flatten)]
    pub article: ArticleRow,
    pub candidates: Vec<CandidateView>,
}

fn load_article(conn: &mut DbConn, member: &Member, article: ArticleId) -> AppResult<ArticleOut> {
    let (article, candidates) = desk::article_with_candidates(conn, member, article)?;
    Ok(ArticleOut {
        article,
        candidates,
    })
}

/// Adds an article and runs the extractor on it; the same body again answers the team's existing
/// article with 200.
#[utoipa::path(
    post,
    path = "/api/v1/articles",
    operation_id = "create_article",
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
    let member = user.session.member();
    desk::may_add(&member)?;
    let limit = state.settings.article_limit + 64 * 1024;
    let input: ArticleIn = read_json(&req, payload, limit).await?;
    let draft =
        ArticleDraft::parse(&input.into(), state.settings.article_limit).map_err(AppError::from)?;
    let pool = state.pool.clone();
    let (saved, article) = blocking(move || {
        let mut conn = pool.get()?;
        let saved = desk::ingest(&mut conn, &member, &draft)?;
        let article = load_article(&mut conn, &member, saved.id())?;
        Ok((saved, article))
    })
    .await?;
    let mut response = match saved {
        Saved::Created(_) => HttpResponse::Created(),
        Saved::Existing(_) => HttpResponse::Ok(),
    };
    Ok(response
        .insert_header((
            header::LOCATION,
            format!("/api/v1/articles/{}", article.article.id),
        ))
        .json(article))
}

/// An article to fetch from its address.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LinkIn {
    /// An http or https address of a public web page.
    #[schema(
        required = true,
        min_length = 8,
        max_length = 2000,
        pattern = r"^https?://[^\s/?#]+"
    )]
    pub url: String,
}

/// Fetches the page at `url` through the guarded fetcher, keeps its article text, title, author
/// and date, and runs the extractor; an address or text the team already has answers that article
/// with 200. A refused address, an error answer, a page that is not HTML or holds no readable
/// text: 400 naming `url`, with the reason.
#[utoipa::path(
    post,
    path = "/api/v1/articles/fetch",
    operation_id = "fetch_article",
    tag = "articles",
    request_body = LinkIn,
    responses(
        (status = 201, description = "Fetched and added, with the candidates the extractor found", body = ArticleOut),
        (status = 200, description = "The team already has an article with this address or text", body = ArticleOut),
        (status = 400, description = "The link was refused or gave no article (`field` is `url`)", body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 415, body = ErrorBody),
        (status = 429, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn fetch(
    state: web::Data<AppState>,
    user: ApiUser,
    req: HttpRequest,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let member = user.session.member();
    desk::may_add(&member)?;
    let input: LinkIn = read_json(&req, payload, 16 * 1024).await?;
    let limit = state.settings.article_limit;
    let saved = desk::ingest_link(&state.pool, &member, &state.fetcher, &input.url, limit).await?;
    let pool = state.pool.clone();
    let article = blocking(move || load_article(&mut *pool.get()?, &member, saved.id())).await?;
    let mut response = match saved {
        Saved::Created(_) => HttpResponse::Created(),
        Saved::Existing(_) => HttpResponse::Ok(),
    };
    Ok(response
        .insert_header((
            header::LOCATION,
            format!("/api/v1/articles/{}", article.article.id),
        ))
        .json(article))
}

/// The team's newest 200 articles, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/articles",
    operation_id = "list_articles",
    tag = "articles",
    responses(
        (status = 200, body = ArticleList),
        (status = 401, body = ErrorBody), (status = 429, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn list(state: web::Data<AppState>, user: ApiUser) -> ApiResult<HttpResponse> {
    let (pool, member) = (state.pool.clone(), user.session.member());
    let articles = blocking(move || desk::list(&mut *pool.get()?, &member, 200)).await?;
    Ok(HttpResponse::Ok().json(ArticleList { articles }))
}

/// One article with its body and candidates.
#[utoipa::path(
    get,
    path = "/api/v1/articles/{article_id}",
    operation_id = "show_article",
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
    let article = ArticleId::new(path_id(&req, "article_id")?);
    let (pool, member) = (state.pool.clone(), user.session.member());
    let article = blocking(move || load_article(&mut *pool.get()?, &member, article)).await?;
    Ok(HttpResponse::Ok().json(article))
}
