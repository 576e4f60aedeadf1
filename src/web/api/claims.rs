//! `/api/v1/claims`: the queue (the page's filters, keyset-paged), a claim with its citations and
//! comments, and the changes the claim page offers. Requests are read into the same request shapes
//! the pages use (`web::inputs`) and go to the same desk operations; answers are built from the
//! same views (`desk::views`), so what a member may see and do is the page's exactly. A change
//! answers with the claim as it now is, or with 409 and the current version when the version sent
//! was stale.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDateTime;
use serde::Serialize;
use utoipa::ToSchema;

use super::auth::ApiUser;
use super::error::{ApiResult, ErrorBody};
use super::{path_id, read_json};
use crate::db::claims::queue::QueueRow;
use crate::db::models::{CitationRow, ClaimRow, VerdictRow};
use crate::desk::views::{self, ClaimView};
use crate::desk::{claims, workflow, Member};
use crate::domain::ClaimId;
use crate::error::{AppError, AppResult};
use crate::web::claims::QueueQuery;
use crate::web::inputs::{AssignIn, TransitionIn};
use crate::web::{blocking, AppState};

/// Claims per page of the list.
const PAGE_SIZE: i64 = 50;

/// A page of claims. Pass `next_cursor` back as `after` (with the same filters) for the next page;
/// it is null on the last page.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClaimList {
    pub claims: Vec<QueueRow>,
    pub next_cursor: Option<String>,
    /// The order the claims are in: the `sort` asked for, but `score` when `relevance` was asked
    /// without words or for a search with 2,000 matches or more.
    pub sorted_by: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CommentOut {
    pub id: i64,
    pub author_id: i64,
    pub author: String,
    pub body: String,
    #[serde(with = "crate::domain::utc")]
    pub created_at: NaiveDateTime,
}

/// A claim with its citations and comments, as the desk's view of it lets the caller see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClaimOut {
    #[serde(flatten)]
    pub claim: ClaimRow,
    pub article_title: Option<String>,
    /// The articles the claim appears in: the one it was made from, then each one whose candidate
    /// repeated it and was attached to it.
    pub appearances: Vec<crate::db::articles::Appearance>,
    /// The proposed or approved verdict. Null while a blind team's second review is pending and
    /// the caller is not the proposer, as on the claim page (and `rationale` with it).
    pub verdict: Option<VerdictRow>,
    /// The assignee's name.
    pub assignee: Option<String>,
    pub tags: Vec<String>,
    pub citations: Vec<CitationRow>,
    pub comments: Vec<CommentOut>,
}

pub(super) fn claim_out(view: ClaimView) -> ClaimOut {
    ClaimOut {
        article_title: view.article_title,
        appearances: view.appearances,
        verdict: view.verdict,
        assignee: view.assignee,
        tags: view.tags,
        citations: view.citations,
        comments: view
            .comments
            .into_iter()
            .map(|(c, author)| CommentOut {
                id: c.id,
                author_id: c.author_id,
                author,
                body: c.body,
                created_at: c.created_at,
            })
            .collect(),
        claim: view.claim,
    }
}

/// Runs `change` (if any) for the token's member on the blocking pool, then answers the claim as it now
/// is, with `status`: the answer of every change.
pub(super) async fn answer_claim(
    state: &web::Data<AppState>,
    member: Member,
    claim: ClaimId,
    status: StatusCode,
    change: impl FnOnce(&mut crate::db::DbConn, &Member) -> AppResult<()> + Send + 'static,
) -> ApiResult<HttpResponse> {
    let pool = state.pool.clone();
    let view = blocking(move || {
        let mut conn = pool.get()?;
        change(&mut conn, &member)?;
        // The API answers with the whole record.
        views::claim(&mut conn, &member, claim, true)
    })
    .await?;
    Ok(HttpResponse::build(status).json(claim_out(view)))
}

pub(super) fn claim_id(req: &HttpRequest) -> AppResult<ClaimId> {
    path_id(req, "claim_id").map(ClaimId::new)
}

/// The team's claims under the queue's filters, keyset-paged.
#[utoipa::path(
    get,
    path = "/api/v1/claims",
    operation_id = "list_claims",
    tag = "claims",
    params(
        ("status" = Option<String>, Query, description = "unverified, in_review, awaiting_approval, verified, published or discarded; without it, every claim but the discarded ones"),
        ("verdict" = Option<String>, Query, description = "A verdict key of the team's scale"),
        ("assignee" = Option<String>, Query, description = "me, nobody, anyone or a member id"),
        ("article" = Option<i64>, Query, description = "An article id"),
        ("tag" = Option<String>, Query, description = "A tag"),
        ("min_score" = Option<f64>, Query, description = "Lowest score, 0 to 1"),
        ("max_score" = Option<f64>, Query, description = "Highest score, 0 to 1"),
        ("q" = Option<String>, Query, description = "Words to search for"),
        ("sort" = Option<String>, Query, description = "score (default), newest, oldest, updated, or relevance: best match to `q` first, for a search with fewer than 2,000 matches (`sorted_by` says when it fell back to score)"),
        ("after" = Option<String>, Query, description = "The `next_cursor` of the previous page"),
    ),
    responses(
        (status = 200, body = ClaimList),
        (status = 400, description = "A filter is invalid (named in `field`)", body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 429, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn list(
    state: web::Data<AppState>,
    user: ApiUser,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    let query: QueueQuery = serde_urlencoded::from_str(req.query_string())
        .map_err(|e| AppError::BadRequest(format!("the query string is not valid: {e}")))?;
    let question = query.question()?;
    let member = user.session.member();
    let pool = state.pool.clone();
    let list =
        blocking(move || views::queue_list(&mut *pool.get()?, &member, &question, PAGE_SIZE))
            .await?;
    Ok(HttpResponse::Ok().json(ClaimList {
        claims: list.rows,
        next_cursor: list.next.as_ref().map(crate::domain::Cursor::text),
        sorted_by: list.sorted_by.as_str().to_owned(),
    }))
}

/// One claim with its citations and comments.
#[utoipa::path(
    get,
    path = "/api/v1/claims/{claim_id}",
    operation_id = "show_claim",
    tag = "claims",
    params(("claim_id" = i64, Path, description = "The claim's id")),
    responses(
        (status = 200, body = ClaimOut),
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
    let claim = claim_id(&req)?;
    answer_claim(
        &state,
        user.session.member(),
        claim,
        StatusCode::OK,
        |_, _| Ok(()),
    )
    .await
}

/// Moves the claim along the workflow, at the version sent.
#[utoipa::path(
    post,
    path = "/api/v1/claims/{claim_id}/transition",
    operation_id = "transition_claim",
    tag = "claims",
    params(("claim_id" = i64, Path, description = "The claim's id")),
    request_body = TransitionIn,
    responses(
        (status = 200, description = "Done: the claim now", body = ClaimOut),
        (status = 400, description = "A field is invalid (named in `field`)", body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, description = "The role does not allow this step", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "Stale version (`current_version`), or not a step from this status", body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 415, body = ErrorBody), (status = 429, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn transition(
    state: web::Data<AppState>,
    user: ApiUser,
    req: HttpRequest,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let claim = claim_id(&req)?;
    let input: TransitionIn = read_json(&req, payload, state.settings.form_limit).await?;
    let (seen, step) = input.parse()?;
    answer_claim(
        &state,
        user.session.member(),
        claim,
        StatusCode::OK,
        move |conn, member| workflow::step(conn, member, claim, seen, &step),
    )
    .await
}

/// Assigns the claim, at the version sent. Reviewers take or drop claims for themselves; assigning
/// someone else is an editor's call.
#[utoipa::path(
    post,
    path = "/api/v1/claims/{claim_id}/assign",
    operation_id = "assign_claim",
    tag = "claims",
    params(("claim_id" = i64, Path, description = "The claim's id")),
    request_body = AssignIn,
    responses(
        (status = 200, description = "Done: the claim now", body = ClaimOut),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "Stale version (`current_version`)", body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 415, body = ErrorBody), (status = 429, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn assign(
    state: web::Data<AppState>,
    user: ApiUser,
    req: HttpRequest,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let claim = claim_id(&req)?;
    let input: AssignIn = read_json(&req, payload, state.settings.form_limit).await?;
    let (seen, to) = input.parse()?;
    answer_claim(
        &state,
        user.session.member(),
        claim,
        StatusCode::OK,
        move |conn, member| claims::assign(conn, member, claim, seen, to),
    )
    .await
}
