//! `/api/v1/claims/{claim_id}/citations` and `…/comments`: what a claim carries besides its verdict.
//! Adding one answers 201 with `Location` (the new one's address, which `GET` answers) and a body
//! with its id and the claim as it now is; a citation can be removed. The rules (who may, on which
//! claims) are the desk's (`desk::citations`, `desk::discussion`), as on the claim page.

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use super::auth::ApiUser;
use super::claims::{answer_claim, claim_id, claim_out, ClaimOut, CommentOut};
use super::error::{ApiResult, ErrorBody};
use super::{path_id, read_json};
use crate::db::models::CitationRow;
use crate::desk::views;
use crate::desk::{citations, discussion, Member};
use crate::domain::{CitationId, ClaimId, CommentId};
use crate::error::{AppError, AppResult};
use crate::web::inputs::{CitationIn, CommentIn};
use crate::web::{blocking, AppState};

/// The answer to adding a citation or a comment (201 with `Location`): the new one's id, and the
/// claim as it now is, with it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Created {
    /// The new citation's or comment's id.
    pub id: i64,
    /// The claim now.
    pub claim: ClaimOut,
}

/// Runs `create` for the token's member on the blocking pool and answers 201: `Location` is
/// `collection/{id}` under the claim, the body the new id with the claim as it now is.
async fn answer_created(
    state: &web::Data<AppState>,
    member: Member,
    claim: ClaimId,
    collection: &'static str,
    create: impl FnOnce(&mut crate::db::DbConn, &Member) -> AppResult<i64> + Send + 'static,
) -> ApiResult<HttpResponse> {
    let pool = state.pool.clone();
    let (id, view) = blocking(move || {
        let mut conn = pool.get()?;
        let id = create(&mut conn, &member)?;
        Ok((id, views::claim(&mut conn, &member, claim, true)?))
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/claims/{claim}/{collection}/{id}"),
        ))
        .json(Created {
            id,
            claim: claim_out(view),
        }))
}

/// Adds a citation; answers its id and the claim with it (201, `Location`). A verified or published claim's citations change
/// only through a correction (409 `correction_required`).
#[utoipa::path(
    post,
    path = "/api/v1/claims/{claim_id}/citations",
    operation_id = "add_citation",
    tag = "claims",
    params(("claim_id" = i64, Path, description = "The claim's id")),
    request_body = CitationIn,
    responses(
        (status = 201, description = "Added: the citation's id and the claim now; `Location` names the citation",
            body = Created, headers(("Location" = String, description = "The new citation's address"))),
        (status = 400, description = "A field is invalid (named in `field`), e.g. a url that is not http(s)", body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "The claim is verified or published: reopen it as a correction first", body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 415, body = ErrorBody), (status = 429, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn add_citation(
    state: web::Data<AppState>,
    user: ApiUser,
    req: HttpRequest,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let claim = claim_id(&req)?;
    let input: CitationIn = read_json(&req, payload, state.settings.form_limit).await?;
    let draft = input.parse()?;
    answer_created(
        &state,
        user.session.member(),
        claim,
        "citations",
        move |conn, member| citations::add(conn, member, claim, &draft).map(CitationId::get),
    )
    .await
}

/// Removes a citation; answers the claim without it. A verified or published claim's citations
/// change only through a correction (409 `correction_required`).
#[utoipa::path(
    delete,
    path = "/api/v1/claims/{claim_id}/citations/{citation_id}",
    operation_id = "remove_citation",
    tag = "claims",
    params(
        ("claim_id" = i64, Path, description = "The claim's id"),
        ("citation_id" = i64, Path, description = "The citation's id"),
    ),
    responses(
        (status = 200, description = "Removed: the claim now", body = ClaimOut),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "The claim is verified or published: reopen it as a correction first", body = ErrorBody),
        (status = 429, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn remove_citation(
    state: web::Data<AppState>,
    user: ApiUser,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    let claim = claim_id(&req)?;
    let citation = CitationId::new(path_id(&req, "citation_id")?);
    answer_claim(
        &state,
        user.session.member(),
        claim,
        StatusCode::OK,
        move |conn, member| citations::remove(conn, member, claim, citation),
    )
    .await
}

/// Adds a comment; answers its id and the claim with it (201, `Location`).
#[utoipa::path(
    post,
    path = "/api/v1/claims/{claim_id}/comments",
    operation_id = "add_comment",
    tag = "claims",
    params(("claim_id" = i64, Path, description = "The claim's id")),
    request_body = CommentIn,
    responses(
        (status = 201, description = "Added: the comment's id and the claim now; `Location` names the comment",
            body = Created, headers(("Location" = String, description = "The new comment's address"))),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 415, body = ErrorBody), (status = 429, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn add_comment(
    state: web::Data<AppState>,
    user: ApiUser,
    req: HttpRequest,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let claim = claim_id(&req)?;
    let input: CommentIn = read_json(&req, payload, state.settings.form_limit).await?;
    let body = input.parse()?;
    answer_created(
        &state,
        user.session.member(),
        claim,
        "comments",
        move |conn, member| discussion::comment(conn, member, claim, &body).map(CommentId::get),
    )
    .await
}

/// One citation of a claim (404 when the claim has no such citation, or is not the caller's).
#[utoipa::path(
    get,
    path = "/api/v1/claims/{claim_id}/citations/{citation_id}",
    operation_id = "show_citation",
    tag = "claims",
    params(
        ("claim_id" = i64, Path, description = "The claim's id"),
        ("citation_id" = i64, Path, description = "The citation's id"),
    ),
    responses(
        (status = 200, body = CitationRow),
        (status = 401, body = ErrorBody),
        (status = 404, description = "Missing, or another team's", body = ErrorBody),
        (status = 429, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn show_citation(
    state: web::Data<AppState>,
    user: ApiUser,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    let claim = claim_id(&req)?;
    let wanted = path_id(&req, "citation_id")?;
    let view = claim_view(&state, user.session.member(), claim).await?;
    let citation = view
        .citations
        .into_iter()
        .find(|c| c.id == wanted)
        .ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok().json(citation))
}

/// One comment on a claim (404 when the claim has no such comment, or is not the caller's).
#[utoipa::path(
    get,
    path = "/api/v1/claims/{claim_id}/comments/{comment_id}",
    operation_id = "show_comment",
    tag = "claims",
    params(
        ("claim_id" = i64, Path, description = "The claim's id"),
        ("comment_id" = i64, Path, description = "The comment's id"),
    ),
    responses(
        (status = 200, body = CommentOut),
        (status = 401, body = ErrorBody),
        (status = 404, description = "Missing, or another team's", body = ErrorBody),
        (status = 429, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn show_comment(
    state: web::Data<AppState>,
    user: ApiUser,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    let claim = claim_id(&req)?;
    let wanted = path_id(&req, "comment_id")?;
    let view = claim_out(claim_view(&state, user.session.member(), claim).await?);
    let comment = view
        .comments
        .into_iter()
        .find(|c| c.id == wanted)
        .ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok().json(comment))
}

/// The claim as the member may see it.
async fn claim_view(
    state: &web::Data<AppState>,
    member: Member,
    claim: ClaimId,
) -> AppResult<views::ClaimView> {
    let pool = state.pool.clone();
    blocking(move || views::claim(&mut *pool.get()?, &member, claim, true)).await
}
