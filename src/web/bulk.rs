//! Bulk actions on the queue's selection, and saved views of the queue.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::page::Chrome;
use super::session::SignedForm;
use super::{blocking, render_status, see_other, AppState};
use crate::desk::bulk::{self, BulkAction};
use crate::desk::views;
use crate::domain::{parse_version, ClaimId, Step, Tag, Transition, ViewId};
use crate::error::{AppError, AppResult};

/// The preview before a bulk publication: each claim with the verdict that goes public.
#[derive(Template)]
#[template(path = "claims/bulk_publish.html")]
struct BulkPublishPage {
    chrome: Chrome,
    csrf_token: String,
    claims: Vec<bulk::Previewed>,
    back: String,
}

#[derive(Template)]
#[template(path = "claims/bulk.html")]
struct BulkResultPage {
    chrome: Chrome,
    changed: Vec<ClaimId>,
    skipped: Vec<(ClaimId, String)>,
    back: String,
}

/// The selected `claim=ID:VERSION` pairs, each claim once.
fn parse_selection(pairs: &[(String, String)]) -> AppResult<Vec<(ClaimId, i64)>> {
    let mut selection: Vec<(ClaimId, i64)> = Vec::new();
    for (name, value) in pairs {
        if name != "claim" {
            continue;
        }
        let (id, version) = value
            .split_once(':')
            .and_then(|(id, v)| Some((id.parse::<ClaimId>().ok()?, parse_version(v).ok()?)))
            .ok_or_else(|| AppError::invalid("claim", "must be a claim id and version"))?;
        if !selection.iter().any(|(i, _)| *i == id) {
            selection.push((id, version));
        }
    }
    Ok(selection)
}

fn field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(n, _)| n == name)
        .map_or("", |(_, v)| v.as_str())
}

fn parse_action(pairs: &[(String, String)]) -> AppResult<BulkAction> {
    Ok(match field(pairs, "action") {
        "assign_me" => BulkAction::AssignMe,
        "unassign" => BulkAction::Unassign,
        "tag" => BulkAction::Tag(Tag::parse(field(pairs, "tag"))?),
        other => {
            let edge: Transition = other.parse()?;
            BulkAction::Step(Step::bare(edge).ok_or_else(|| {
                AppError::invalid(
                    "action",
                    "needs a rationale, a note or a reason: do it on the claim page",
                )
            })?)
        }
    })
}

/// Applies one action to every selected claim. A claim that changed since the queue was loaded,
/// or that the action does not fit, is skipped and reported (409), never overwritten.
pub async fn bulk(
    state: web::Data<AppState>,
    form: SignedForm<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let session = form.session;
    let member = session.member();
    let selection = parse_selection(&form.data)?;
    let action = parse_action(&form.data)?;
    let back = super::local_path(Some(field(&form.data, "back")));
    // Publishing shows what goes public first; the preview's button posts again, confirmed.
    let publishes = matches!(&action, BulkAction::Step(step) if step.edge() == Transition::Publish);
    if publishes && field(&form.data, "confirm") != "1" {
        let pool = state.pool.clone();
        let chosen = selection.clone();
        let claims = blocking(move || bulk::preview(&mut *pool.get()?, &member, &chosen)).await?;
        return render_status(
            StatusCode::OK,
            &BulkPublishPage {
                chrome: Chrome::member("Publish these claims?", &session, "claims"),
                csrf_token: session.info.csrf_token.clone(),
                claims,
                back,
            },
        );
    }
    let pool = state.pool.clone();
    let outcome =
        blocking(move || bulk::apply(&mut *pool.get()?, &member, &selection, &action)).await?;
    let status = if outcome.skipped.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::CONFLICT
    };
    render_status(
        status,
        &BulkResultPage {
            chrome: Chrome::member("Bulk action", &session, "claims"),
            changed: outcome.changed,
            skipped: outcome.skipped,
            back,
        },
    )
}

#[derive(Deserialize)]
pub struct SaveViewForm {
    name: String,
    query: String,
}

/// Saves the queue's current filters under a name, for this member in this team.
pub async fn save_view(
    state: web::Data<AppState>,
    form: SignedForm<SaveViewForm>,
) -> AppResult<HttpResponse> {
    let member = form.session.member();
    let name = crate::domain::single_line_text("name", &form.data.name, 80)?;
    let query = form.data.query.trim().to_owned();
    if !query.starts_with("/claims") || query.len() > 2000 || query.chars().any(char::is_control) {
        return Err(AppError::invalid("query", "must be a claim queue address"));
    }
    let pool = state.pool.clone();
    let target = query.clone();
    blocking(move || views::save_view(&mut *pool.get()?, &member, &name, &query)).await?;
    Ok(see_other(&target))
}

pub async fn delete_view(
    state: web::Data<AppState>,
    view: web::Path<ViewId>,
    form: SignedForm<super::articles::NoFields>,
) -> AppResult<HttpResponse> {
    let (member, view) = (form.session.member(), view.into_inner());
    let pool = state.pool.clone();
    blocking(move || views::delete_view(&mut *pool.get()?, &member, view)).await?;
    Ok(see_other("/claims"))
}
