//! The changes the claim page posts: assignment, workflow steps, the blind second review, the
//! wording, a derived claim, tags and comments. Each parses its form, calls the desk and answers
//! with the claim again (or the 409 page of a stale change).

use actix_web::{web, HttpResponse};

use super::answer;
use crate::desk::{claims, discussion, workflow};
use crate::domain::ClaimId;
use crate::error::AppResult;
use crate::web::inputs::{
    AssignIn, CommentIn, DeriveIn, EditIn, SecondReviewIn, TagIn, TransitionIn,
};
use crate::web::session::SignedForm;
use crate::web::{blocking, see_other, AppState};

pub async fn assign(
    state: web::Data<AppState>,
    claim: web::Path<ClaimId>,
    form: SignedForm<AssignIn>,
) -> AppResult<HttpResponse> {
    let (session, input) = (form.session, form.data);
    let claim = claim.into_inner();
    let done = match input.parse() {
        Ok((seen, to)) => {
            let (pool, member) = (state.pool.clone(), session.member());
            blocking(move || claims::assign(&mut *pool.get()?, &member, claim, seen, to)).await
        }
        Err(refused) => Err(refused),
    };
    let typed = [("assignee", &input.assignee)];
    answer(&state, &session, claim, ("assign", ""), done, &typed).await
}

/// Moves the claim along the workflow: start review, propose, approve, send back, withdraw,
/// publish, reopen as a correction, discard as not check-worthy, restore.
pub async fn transition(
    state: web::Data<AppState>,
    claim: web::Path<ClaimId>,
    form: SignedForm<TransitionIn>,
) -> AppResult<HttpResponse> {
    let (session, input) = (form.session, form.data);
    let claim = claim.into_inner();
    let done = match input.parse() {
        Ok((seen, step)) => {
            let (pool, member) = (state.pool.clone(), session.member());
            blocking(move || workflow::step(&mut *pool.get()?, &member, claim, seen, &step)).await
        }
        Err(refused) => Err(refused),
    };
    // The form sent back is the one of this step (each has its own fields).
    let form = match input.action.as_deref().unwrap_or("") {
        "propose" => "propose",
        "send_back" => "send_back",
        "reopen" => "reopen",
        "discard" => "discard",
        _ => "transition",
    };
    let typed = [
        ("action", &input.action),
        ("verdict", &input.verdict),
        ("rationale", &input.rationale),
        ("note", &input.note),
        ("reason", &input.reason),
    ];
    answer(&state, &session, claim, (form, ""), done, &typed).await
}

/// The blind second review: a member other than the proposer records their own verdict.
pub async fn second_review(
    state: web::Data<AppState>,
    claim: web::Path<ClaimId>,
    form: SignedForm<SecondReviewIn>,
) -> AppResult<HttpResponse> {
    let (session, input) = (form.session, form.data);
    let claim = claim.into_inner();
    let done = match input.parse() {
        Ok((seen, given)) => {
            let (pool, member) = (state.pool.clone(), session.member());
            blocking(move || {
                workflow::second_review(&mut *pool.get()?, &member, claim, seen, &given)
            })
            .await
        }
        Err(refused) => Err(refused),
    };
    let typed = [("verdict", &input.verdict), ("rationale", &input.rationale)];
    answer(&state, &session, claim, ("second_review", ""), done, &typed).await
}

/// Edits the claim's wording, subject and speaker.
pub async fn edit(
    state: web::Data<AppState>,
    claim: web::Path<ClaimId>,
    form: SignedForm<EditIn>,
) -> AppResult<HttpResponse> {
    let (session, input) = (form.session, form.data);
    let claim = claim.into_inner();
    let done = match input.parse() {
        Ok((seen, wording)) => {
            let (pool, member) = (state.pool.clone(), session.member());
            blocking(move || claims::edit(&mut *pool.get()?, &member, claim, seen, wording)).await
        }
        Err(refused) => Err(refused),
    };
    let typed = [
        ("statement", &input.statement),
        ("subject", &input.subject),
        ("speaker", &input.speaker),
    ];
    answer(&state, &session, claim, ("edit", ""), done, &typed).await
}

/// Adds the earlier value a ratio implies as a claim of its own.
pub async fn derive(
    state: web::Data<AppState>,
    claim: web::Path<ClaimId>,
    form: SignedForm<DeriveIn>,
) -> AppResult<HttpResponse> {
    let (session, input) = (form.session, form.data);
    let claim = claim.into_inner();
    let (pool, member) = (state.pool.clone(), session.member());
    let new =
        blocking(move || claims::derive(&mut *pool.get()?, &member, claim, input.value())).await?;
    Ok(see_other(&format!("/claims/{new}")))
}

pub async fn tag(
    state: web::Data<AppState>,
    claim: web::Path<ClaimId>,
    form: SignedForm<TagIn>,
) -> AppResult<HttpResponse> {
    let (session, input) = (form.session, form.data);
    let claim = claim.into_inner();
    let (tag, remove) = input.parse()?;
    let (pool, member) = (state.pool.clone(), session.member());
    blocking(move || discussion::tag(&mut *pool.get()?, &member, claim, &tag, remove)).await?;
    Ok(see_other(&format!("/claims/{claim}")))
}

pub async fn add_comment(
    state: web::Data<AppState>,
    claim: web::Path<ClaimId>,
    form: SignedForm<CommentIn>,
) -> AppResult<HttpResponse> {
    let (session, input) = (form.session, form.data);
    let claim = claim.into_inner();
    let done = match input.parse() {
        Ok(body) => {
            let (pool, member) = (state.pool.clone(), session.member());
            blocking(move || discussion::comment(&mut *pool.get()?, &member, claim, &body))
                .await
                .map(drop)
        }
        Err(refused) => Err(refused),
    };
    let typed = [("body", &input.body)];
    answer(
        &state,
        &session,
        claim,
        ("comment", "#comments"),
        done,
        &typed,
    )
    .await
}
