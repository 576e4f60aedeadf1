//! `/api/v1/claims`: the queue (the page's filters, keyset-paged), a claim with its citations and
//! comments, and the changes the claim page offers. A change runs the claim page's own handler
//! (`web::claims`) with the parsed body, so versions, the workflow, roles, team scoping and history
//! are exactly the page's; the API then answers with the claim as it now is, or, when the version
//! sent was stale, with 409 and the current version.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use super::auth::ApiUser;
use super::error::{stale, ApiResult, ErrorBody};
use super::{path_id, read_json};
use crate::db::claims as queries;
use crate::db::models::EventRow;
use crate::db::verdicts;
use crate::domain::{Invalid, Status};
use crate::error::{AppError, AppResult};
use crate::web::claims::{self as pages, ClaimView, QueueQuery};
use crate::web::session::{Session, SignedForm};
use crate::web::{blocking, AppState};

/// Claims per page of the list.
const PAGE_SIZE: i64 = 50;

/// One line of the claim list.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClaimSummaryOut {
    pub id: i64,
    pub statement: String,
    pub surface: Option<String>,
    pub value: Option<String>,
    pub unit: Option<String>,
    pub qualifier: Option<String>,
    pub score: f64,
    pub status: String,
    /// The verdict's label, once proposed.
    pub verdict: Option<String>,
    /// The assignee's name.
    pub assignee: Option<String>,
    pub article_title: Option<String>,
    pub updated_at: NaiveDateTime,
    pub version: i64,
}

/// A page of claims. Pass `next_cursor` back as `after` (with the same filters) for the next page;
/// it is null on the last page.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClaimList {
    pub claims: Vec<ClaimSummaryOut>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VerdictOut {
    pub key: String,
    pub label: String,
    pub rating: Option<i32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CitationOut {
    pub id: i64,
    pub url: String,
    pub title: String,
    pub publisher: Option<String>,
    pub excerpt: Option<String>,
    pub accessed_on: Option<NaiveDate>,
    /// supports, refutes or context.
    pub stance: String,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CommentOut {
    pub id: i64,
    pub author_id: i64,
    pub author: String,
    pub body: String,
    pub created_at: NaiveDateTime,
}

/// One line of a claim's history.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventOut {
    pub at: NaiveDateTime,
    /// Who did it; null for the system.
    pub who: Option<String>,
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl From<(EventRow, Option<String>)> for EventOut {
    fn from((event, who): (EventRow, Option<String>)) -> EventOut {
        EventOut {
            at: event.created_at,
            who,
            action: event.action,
            before: event.before_value,
            after: event.after_value,
        }
    }
}

/// A claim with its citations and comments. Send `version` with every change.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClaimOut {
    pub id: i64,
    pub version: i64,
    pub article_id: Option<i64>,
    pub article_title: Option<String>,
    pub statement: String,
    /// The sentence the claim stands in.
    pub context: String,
    pub surface: Option<String>,
    pub value: Option<String>,
    pub value_high: Option<String>,
    pub unit: Option<String>,
    pub qualifier: Option<String>,
    pub subject: Option<String>,
    pub speaker: Option<String>,
    pub score: f64,
    /// unverified, in_review, awaiting_approval, verified or published.
    pub status: String,
    /// The proposed or approved verdict. Null while a blind team's second review is pending and
    /// the caller is not the proposer, as on the claim page.
    pub verdict: Option<VerdictOut>,
    pub rationale: Option<String>,
    pub assignee_id: Option<i64>,
    pub assignee: Option<String>,
    pub proposed_by: Option<i64>,
    pub proposed_at: Option<NaiveDateTime>,
    pub approved_by: Option<i64>,
    pub verified_at: Option<NaiveDateTime>,
    pub published_at: Option<NaiveDateTime>,
    pub correction_note: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub tags: Vec<String>,
    pub citations: Vec<CitationOut>,
    pub comments: Vec<CommentOut>,
}

fn claim_out(view: ClaimView, me: i64) -> ClaimOut {
    let claim = view.claim;
    // The claim page's `verdict_hidden`: a blind team's proposed verdict stays hidden from everyone
    // but its proposer until the second review is in.
    let hidden = view.blind_review
        && view.status == Status::AwaitingApproval
        && claim.proposed_by != Some(me)
        && !view.round_reviews.iter().any(|(r, _, _)| r.blind);
    let (verdict, rationale) = if hidden {
        (None, None)
    } else {
        (
            view.verdict.map(|v| VerdictOut {
                key: v.key,
                label: v.label,
                rating: v.rating,
            }),
            claim.rationale,
        )
    };
    ClaimOut {
        id: claim.id,
        version: claim.version,
        article_id: claim.article_id,
        article_title: view.article_title,
        statement: claim.statement,
        context: claim.context,
        surface: claim.surface,
        value: claim.value,
        value_high: claim.value_high,
        unit: claim.unit,
        qualifier: claim.qualifier,
        subject: claim.subject,
        speaker: claim.speaker,
        score: claim.score,
        status: claim.status,
        verdict,
        rationale,
        assignee_id: claim.assignee_id,
        assignee: view.assignee,
        proposed_by: claim.proposed_by,
        proposed_at: claim.proposed_at,
        approved_by: claim.approved_by,
        verified_at: claim.verified_at,
        published_at: claim.published_at,
        correction_note: claim.correction_note,
        created_at: claim.created_at,
        updated_at: claim.updated_at,
        tags: view.tags,
        citations: view
            .citations
            .into_iter()
            .map(|c| CitationOut {
                id: c.id,
                url: c.url,
                title: c.title,
                publisher: c.publisher,
                excerpt: c.excerpt,
                accessed_on: c.accessed_on,
                stance: c.stance,
                created_by: c.created_by,
                created_at: c.created_at,
            })
            .collect(),
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
    }
}

async fn load_claim(
    state: &web::Data<AppState>,
    session: &Session,
    claim_id: i64,
) -> AppResult<ClaimOut> {
    let pool = state.pool.clone();
    let (team_id, me) = (session.info.team_id, session.info.user_id);
    let view = blocking(move || {
        let mut conn = pool.get()?;
        // The API answers with the whole record.
        pages::load_view(&mut conn, team_id, claim_id, true)
    })
    .await?;
    Ok(claim_out(view, me))
}

/// What a claim change answers: the claim now (`status`), or the 409 of a stale version when the
/// page's handler answered with its conflict page.
async fn after_change(
    state: &web::Data<AppState>,
    session: &Session,
    claim_id: i64,
    sent_version: Option<i64>,
    page_answer: HttpResponse,
    status: StatusCode,
) -> ApiResult<HttpResponse> {
    if page_answer.status() == StatusCode::CONFLICT {
        let pool = state.pool.clone();
        let team_id = session.info.team_id;
        let sent = sent_version.unwrap_or(0);
        let (current, changes) = blocking(move || {
            let mut conn = pool.get()?;
            let claim = queries::get(&mut conn, team_id, claim_id)?.ok_or(AppError::NotFound)?;
            let changes =
                queries::changes_since(&mut conn, team_id, claim_id, sent, claim.version)?;
            Ok((claim.version, changes))
        })
        .await?;
        return Ok(stale(
            current,
            changes.into_iter().map(EventOut::from).collect(),
        ));
    }
    let claim = load_claim(state, session, claim_id).await?;
    Ok(HttpResponse::build(status).json(claim))
}

/// Builds one of the claim page's form types from the API's fields.
fn page_form<T: serde::de::DeserializeOwned>(fields: serde_json::Value) -> AppResult<T> {
    serde_json::from_value(fields).map_err(AppError::internal)
}

fn required_version(version: Option<i64>) -> AppResult<i64> {
    version.ok_or_else(|| {
        AppError::Invalid(Invalid::new(
            "version",
            "is required: send the claim's current version",
        ))
    })
}

/// The team's claims under the queue's filters, keyset-paged.
#[utoipa::path(
    get,
    path = "/api/v1/claims",
    tag = "claims",
    params(
        ("status" = Option<String>, Query, description = "unverified, in_review, awaiting_approval, verified or published"),
        ("verdict" = Option<String>, Query, description = "A verdict key of the team's scale"),
        ("assignee" = Option<String>, Query, description = "me, nobody, anyone or a member id"),
        ("article" = Option<i64>, Query, description = "An article id"),
        ("tag" = Option<String>, Query, description = "A tag"),
        ("min_score" = Option<f64>, Query, description = "Lowest score, 0 to 1"),
        ("max_score" = Option<f64>, Query, description = "Highest score, 0 to 1"),
        ("q" = Option<String>, Query, description = "Words to search for"),
        ("sort" = Option<String>, Query, description = "score (default), newest, oldest or updated"),
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
    let session = user.session;
    let team_id = session.info.team_id;
    let pool = state.pool.clone();
    let scale = {
        let pool = pool.clone();
        blocking(move || {
            let mut conn = pool.get()?;
            Ok(verdicts::scale(&mut conn, team_id)?)
        })
        .await?
    };
    let filter = pages::parse_filter(&query, session.info.user_id, &scale)?;
    let (rows, next) = blocking(move || {
        let mut conn = pool.get()?;
        Ok(queries::queue(&mut conn, team_id, &filter, PAGE_SIZE)?)
    })
    .await?;
    let claims = rows
        .into_iter()
        .map(|r| ClaimSummaryOut {
            id: r.id,
            statement: r.statement,
            surface: r.surface,
            value: r.value,
            unit: r.unit,
            qualifier: r.qualifier,
            score: r.score,
            status: r.status,
            verdict: r.verdict_label,
            assignee: r.assignee_name,
            article_title: r.article_title,
            updated_at: r.updated_at,
            version: r.version,
        })
        .collect();
    Ok(HttpResponse::Ok().json(ClaimList {
        claims,
        next_cursor: next.as_ref().map(pages::cursor_text),
    }))
}

/// One claim with its citations and comments.
#[utoipa::path(
    get,
    path = "/api/v1/claims/{claim_id}",
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
    let claim_id = path_id(&req, "claim_id")?;
    Ok(HttpResponse::Ok().json(load_claim(&state, &user.session, claim_id).await?))
}

/// A workflow step. `action` is start_review, propose (with `verdict` and `rationale`), approve,
/// send_back (optional `note`), withdraw, publish or reopen (with `note`, the correction).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct TransitionIn {
    /// The claim's version this change is based on.
    #[schema(required = true, value_type = i64)]
    pub version: Option<i64>,
    #[schema(required = true)]
    pub action: String,
    /// A verdict key of the team's scale (propose).
    pub verdict: Option<String>,
    pub rationale: Option<String>,
    pub note: Option<String>,
}

/// Moves the claim along the workflow, at the version sent.
#[utoipa::path(
    post,
    path = "/api/v1/claims/{claim_id}/transition",
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
    let claim_id = path_id(&req, "claim_id")?;
    let input: TransitionIn = read_json(&req, payload, state.settings.form_limit).await?;
    let version = required_version(input.version)?;
    let data = page_form(json!({
        "version": version.to_string(),
        "action": input.action,
        "verdict": input.verdict.unwrap_or_default(),
        "rationale": input.rationale.unwrap_or_default(),
        "note": input.note.unwrap_or_default(),
    }))?;
    let session = user.session;
    let answer = pages::transition(
        state.clone(),
        web::Path::from(claim_id),
        SignedForm {
            session: session.clone(),
            data,
        },
    )
    .await?;
    after_change(
        &state,
        &session,
        claim_id,
        Some(version),
        answer,
        StatusCode::OK,
    )
    .await
}

/// Who to assign: "me", "nobody", or a member's id.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(untagged)]
pub enum AssigneeIn {
    Member(i64),
    Word(String),
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct AssignIn {
    /// The claim's version this change is based on.
    #[schema(required = true, value_type = i64)]
    pub version: Option<i64>,
    #[schema(required = true, value_type = AssigneeIn)]
    pub assignee: Option<AssigneeIn>,
}

/// Assigns the claim, at the version sent. Reviewers take or drop claims for themselves; assigning
/// someone else is an editor's call.
#[utoipa::path(
    post,
    path = "/api/v1/claims/{claim_id}/assign",
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
    let claim_id = path_id(&req, "claim_id")?;
    let input: AssignIn = read_json(&req, payload, state.settings.form_limit).await?;
    let version = required_version(input.version)?;
    let assignee = match input.assignee {
        Some(AssigneeIn::Member(id)) => id.to_string(),
        Some(AssigneeIn::Word(word)) if !word.trim().is_empty() => word.trim().to_owned(),
        _ => {
            return Err(AppError::Invalid(Invalid::new(
                "assignee",
                "is required: me, nobody or a member id",
            ))
            .into())
        }
    };
    let data = page_form(json!({ "version": version.to_string(), "assignee": assignee }))?;
    let session = user.session;
    let answer = pages::assign(
        state.clone(),
        web::Path::from(claim_id),
        SignedForm {
            session: session.clone(),
            data,
        },
    )
    .await?;
    after_change(
        &state,
        &session,
        claim_id,
        Some(version),
        answer,
        StatusCode::OK,
    )
    .await
}

/// A source for the claim. `url` must be http or https.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct CitationIn {
    #[schema(required = true)]
    pub url: String,
    #[schema(required = true)]
    pub title: String,
    pub publisher: Option<String>,
    pub excerpt: Option<String>,
    /// A date such as 2025-08-23.
    pub accessed_on: Option<String>,
    /// supports, refutes or context.
    #[schema(required = true)]
    pub stance: String,
}

/// Adds a citation; answers the claim with it.
#[utoipa::path(
    post,
    path = "/api/v1/claims/{claim_id}/citations",
    tag = "claims",
    params(("claim_id" = i64, Path, description = "The claim's id")),
    request_body = CitationIn,
    responses(
        (status = 201, description = "Added: the claim now", body = ClaimOut),
        (status = 400, description = "A field is invalid (named in `field`), e.g. a url that is not http(s)", body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
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
    let claim_id = path_id(&req, "claim_id")?;
    let input: CitationIn = read_json(&req, payload, state.settings.form_limit).await?;
    let data = page_form(json!({
        "url": input.url,
        "title": input.title,
        "publisher": input.publisher.unwrap_or_default(),
        "excerpt": input.excerpt.unwrap_or_default(),
        "accessed_on": input.accessed_on.unwrap_or_default(),
        "stance": input.stance,
    }))?;
    let session = user.session;
    let answer = pages::add_citation(
        state.clone(),
        web::Path::from(claim_id),
        SignedForm {
            session: session.clone(),
            data,
        },
    )
    .await?;
    after_change(
        &state,
        &session,
        claim_id,
        None,
        answer,
        StatusCode::CREATED,
    )
    .await
}

/// Removes a citation; answers the claim without it.
#[utoipa::path(
    delete,
    path = "/api/v1/claims/{claim_id}/citations/{citation_id}",
    tag = "claims",
    params(
        ("claim_id" = i64, Path, description = "The claim's id"),
        ("citation_id" = i64, Path, description = "The citation's id"),
    ),
    responses(
        (status = 200, description = "Removed: the claim now", body = ClaimOut),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 429, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn remove_citation(
    state: web::Data<AppState>,
    user: ApiUser,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    let claim_id = path_id(&req, "claim_id")?;
    let citation_id = path_id(&req, "citation_id")?;
    let session = user.session;
    let answer = pages::remove_citation(
        state.clone(),
        web::Path::from((claim_id, citation_id)),
        SignedForm {
            session: session.clone(),
            data: crate::web::articles::NoFields {},
        },
    )
    .await?;
    after_change(&state, &session, claim_id, None, answer, StatusCode::OK).await
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct CommentIn {
    /// 1 to 10000 characters.
    #[schema(required = true)]
    pub body: String,
}

/// Adds a comment; answers the claim with it.
#[utoipa::path(
    post,
    path = "/api/v1/claims/{claim_id}/comments",
    tag = "claims",
    params(("claim_id" = i64, Path, description = "The claim's id")),
    request_body = CommentIn,
    responses(
        (status = 201, description = "Added: the claim now", body = ClaimOut),
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
    let claim_id = path_id(&req, "claim_id")?;
    let input: CommentIn = read_json(&req, payload, state.settings.form_limit).await?;
    let data = page_form(json!({ "body": input.body }))?;
    let session = user.session;
    let answer = pages::add_comment(
        state.clone(),
        web::Path::from(claim_id),
        SignedForm {
            session: session.clone(),
            data,
        },
    )
    .await?;
    after_change(
        &state,
        &session,
        claim_id,
        None,
        answer,
        StatusCode::CREATED,
    )
    .await
}
