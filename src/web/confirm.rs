//! Confirmation pages, each with a preview of what the step will do, before the steps that are
//! hard to take back: publishing a verdict, removing a citation, retiring a verdict of the scale,
//! deactivating a member. Each is a plain page (no JavaScript) whose button posts the usual form;
//! a member who may not take the step sees the preview and why, without the button.

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::page::Chrome;
use super::session::Session;
use super::{blocking, render, AppState};
use crate::db::models::{CitationRow, ClaimRow, VerdictRow};
use crate::db::users;
use crate::desk::scale::{self, RetirePreview};
use crate::desk::views::{self, ClaimView};
use crate::domain::{Actor, CitationId, ClaimId, Role, Transition, VerdictId};
use crate::error::{AppError, AppResult};

/// Whether the member may take `edge` on the claim now, and if not, why.
fn may(session: &Session, view: &ClaimView, edge: Transition) -> Result<(), String> {
    let actor = Actor {
        role: session.info.role,
        is_proposer: view.claim.proposed_by == Some(session.info.user_id.get()),
    };
    edge.apply(view.status, actor)
        .map(drop)
        .map_err(|e| format!("{e}."))
}

#[derive(Template)]
#[template(path = "confirm/publish.html")]
struct PublishPage {
    chrome: Chrome,
    csrf_token: String,
    view: ClaimView,
    public_link: String,
    refused: Option<String>,
}

/// `GET /claims/{id}/publish`: what the public page will say, then the button.
pub async fn publish(
    state: web::Data<AppState>,
    session: Session,
    claim: web::Path<ClaimId>,
) -> AppResult<HttpResponse> {
    let claim = claim.into_inner();
    let (pool, member) = (state.pool.clone(), session.member());
    let view = blocking(move || views::claim(&mut *pool.get()?, &member, claim, false)).await?;
    render(&PublishPage {
        chrome: Chrome::member(&format!("Publish claim #{claim}?"), &session, "claims"),
        csrf_token: session.info.csrf_token.clone(),
        refused: may(&session, &view, Transition::Publish).err(),
        public_link: format!("{}/verdicts/{claim}", state.settings.public_base()),
        view,
    })
}

#[derive(Template)]
#[template(path = "confirm/citation.html")]
struct CitationPage {
    chrome: Chrome,
    csrf_token: String,
    claim: ClaimRow,
    citation: CitationRow,
    refused: Option<String>,
}

/// `GET /claims/{id}/citations/{cid}/delete`: the citation, then the button.
pub async fn remove_citation(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(ClaimId, CitationId)>,
) -> AppResult<HttpResponse> {
    let (claim, citation) = path.into_inner();
    let (pool, member) = (state.pool.clone(), session.member());
    let view = blocking(move || views::claim(&mut *pool.get()?, &member, claim, false)).await?;
    let found = view
        .citations
        .iter()
        .find(|c| c.id == citation.get())
        .cloned()
        .ok_or(AppError::NotFound)?;
    let refused = if !session.info.role.at_least(Role::Reviewer) {
        Some("Reviewers, editors and admins remove citations.".to_owned())
    } else if !view.record_open {
        Some(format!(
            "This claim is {}: its citations change only through a correction.",
            view.status.label().to_lowercase()
        ))
    } else {
        None
    };
    render(&CitationPage {
        chrome: Chrome::member("Remove this citation?", &session, "claims"),
        csrf_token: session.info.csrf_token.clone(),
        claim: view.claim,
        citation: found,
        refused,
    })
}

#[derive(Deserialize)]
pub struct ReplacementQuery {
    #[serde(default)]
    replacement: String,
}

#[derive(Template)]
#[template(path = "confirm/retire.html")]
struct RetirePage {
    chrome: Chrome,
    csrf_token: String,
    preview: RetirePreview,
    replacement: Option<VerdictRow>,
    refused: Option<String>,
}

/// `GET /team/verdicts/{id}/retire?replacement=KEY`: how many claims move, and whether settled
/// claims make it refused, then the button.
pub async fn retire_verdict(
    state: web::Data<AppState>,
    session: Session,
    verdict: web::Path<VerdictId>,
    query: web::Query<ReplacementQuery>,
) -> AppResult<HttpResponse> {
    let verdict = verdict.into_inner();
    let (pool, member) = (state.pool.clone(), session.member());
    let (preview, scale_rows) = blocking(move || {
        let mut conn = pool.get()?;
        let preview = scale::retire_preview(&mut conn, &member, verdict)?;
        let rows = crate::db::verdicts::scale(&mut conn, member.team)?;
        Ok((preview, rows))
    })
    .await?;
    let replacement = scale_rows
        .into_iter()
        .find(|v| !v.retired && v.key == query.replacement && v.id != preview.verdict.id);
    let refused = if session.info.role != Role::Admin {
        Some("Admins change the verdict scale.".to_owned())
    } else if preview.verdict.retired {
        Some("This verdict is retired already.".to_owned())
    } else if replacement.is_none() {
        Some("Choose the verdict its claims move to on the settings page.".to_owned())
    } else if !preview.settled.is_empty() {
        Some(
            "Verified or published claims carry it: retiring it would change their verdict \
             without a correction. Reopen each as a correction first."
                .to_owned(),
        )
    } else {
        None
    };
    render(&RetirePage {
        chrome: Chrome::member("Retire this verdict?", &session, "team"),
        csrf_token: session.info.csrf_token.clone(),
        preview,
        replacement,
        refused,
    })
}

#[derive(Template)]
#[template(path = "confirm/deactivate.html")]
struct DeactivatePage {
    chrome: Chrome,
    csrf_token: String,
    member: users::Member,
    open_claims: Vec<ClaimRow>,
    refused: Option<String>,
}

/// `GET /team/members/{id}/deactivate`: what ends (sessions, tokens) and what stays (their open
/// claims, still assigned to them), then the button.
pub async fn deactivate(
    state: web::Data<AppState>,
    session: Session,
    user: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let user_id = user.into_inner();
    let team = session.info.team_id;
    let pool = state.pool.clone();
    let (member, open_claims) = blocking(move || {
        let mut conn = pool.get()?;
        let member =
            users::member_of_team(&mut conn, team.get(), user_id)?.ok_or(AppError::NotFound)?;
        let open = crate::db::claims::assigned_open(
            &mut conn,
            team,
            crate::domain::UserId::new(user_id),
            50,
        )?;
        Ok((member, open))
    })
    .await?;
    let refused = if session.info.role != Role::Admin {
        Some("Admins deactivate members.".to_owned())
    } else if member.user_id == session.info.user_id.get() {
        Some("You cannot deactivate yourself.".to_owned())
    } else if !member.active {
        Some("This member is deactivated already.".to_owned())
    } else {
        None
    };
    render(&DeactivatePage {
        chrome: Chrome::member(&format!("Deactivate {}?", member.name), &session, "team"),
        csrf_token: session.info.csrf_token.clone(),
        member,
        open_claims,
        refused,
    })
}
