//! A claim's citations from the claim page: add, edit, remove.

use actix_web::{web, HttpResponse};

use crate::desk::citations;
use crate::domain::{CitationId, ClaimId};
use crate::error::AppResult;
use crate::web::articles::NoFields;
use crate::web::inputs::CitationIn;
use crate::web::session::SignedForm;
use crate::web::{blocking, see_other, AppState};

/// What the citation form held, to give back with an error.
fn typed(input: &CitationIn) -> [(&'static str, &Option<String>); 6] {
    [
        ("url", &input.url),
        ("title", &input.title),
        ("publisher", &input.publisher),
        ("excerpt", &input.excerpt),
        ("accessed_on", &input.accessed_on),
        ("stance", &input.stance),
    ]
}

fn back(claim: ClaimId) -> actix_web::HttpResponse {
    see_other(&format!("/claims/{claim}#citations"))
}

pub async fn add(
    state: web::Data<AppState>,
    claim: web::Path<ClaimId>,
    form: SignedForm<CitationIn>,
) -> AppResult<HttpResponse> {
    let claim = claim.into_inner();
    let done = match form.data.parse() {
        Ok(draft) => {
            let (pool, member) = (state.pool.clone(), form.session.member());
            blocking(move || citations::add(&mut *pool.get()?, &member, claim, &draft))
                .await
                .map(drop)
        }
        Err(refused) => Err(refused),
    };
    let typed = typed(&form.data);
    super::answer(
        &state,
        &form.session,
        claim,
        ("citation", "#citations"),
        done,
        &typed,
    )
    .await
}

/// Replaces a citation's fields; the history keeps what it said before.
pub async fn edit(
    state: web::Data<AppState>,
    path: web::Path<(ClaimId, CitationId)>,
    form: SignedForm<CitationIn>,
) -> AppResult<HttpResponse> {
    let (claim, citation) = path.into_inner();
    let draft = form.data.parse()?;
    let (pool, member) = (state.pool.clone(), form.session.member());
    blocking(move || citations::edit(&mut *pool.get()?, &member, claim, citation, &draft)).await?;
    Ok(back(claim))
}

pub async fn remove(
    state: web::Data<AppState>,
    path: web::Path<(ClaimId, CitationId)>,
    form: SignedForm<NoFields>,
) -> AppResult<HttpResponse> {
    let (claim, citation) = path.into_inner();
    let (pool, member) = (state.pool.clone(), form.session.member());
    blocking(move || citations::remove(&mut *pool.get()?, &member, claim, citation)).await?;
    Ok(back(claim))
}

/// The policy an archived page is served under: a sandbox (no scripts, no forms, an origin of its
/// own, so no cookie of ours), nothing fetched from anywhere (images and styles of the page's site
/// included), only its own inline styles.
const SNAPSHOT_POLICY: &str =
    "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; \
     font-src data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

/// `GET /claims/{id}/citations/{cid}/snapshot`: the cited page as it was archived, to the team's
/// members only, sandboxed.
pub async fn snapshot(
    state: web::Data<AppState>,
    path: web::Path<(ClaimId, CitationId)>,
    session: crate::web::session::Session,
) -> AppResult<HttpResponse> {
    let (claim, citation) = path.into_inner();
    let (pool, member) = (state.pool.clone(), session.member());
    let served = blocking(move || {
        crate::desk::evidence::snapshot(&mut *pool.get()?, &member, claim, citation)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header((
            actix_web::http::header::CONTENT_TYPE,
            served.content_type.as_str(),
        ))
        .insert_header((
            actix_web::http::header::CONTENT_SECURITY_POLICY,
            SNAPSHOT_POLICY,
        ))
        .insert_header(("Referrer-Policy", "no-referrer"))
        .insert_header(("Cross-Origin-Resource-Policy", "same-origin"))
        .insert_header(("X-ClaimDesk-Snapshot-SHA256", served.sha256.as_str()))
        .insert_header(("X-ClaimDesk-Snapshot-Of", served.final_url.as_str()))
        .body(served.bytes))
}
