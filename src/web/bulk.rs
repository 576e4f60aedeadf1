//! Bulk actions on the queue's selection, and saved views of the queue.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::page::Chrome;
use super::session::{Session, SignedForm};
use super::{blocking, render_status, see_other, AppState};
use crate::db::claims::{self as queries, ClaimChanges};
use crate::db::{self, users};
use crate::domain::{Actor, Invalid, Role, Status, Transition};
use crate::error::{AppError, AppResult};

/// At most this many claims per bulk action: one transaction stays short.
const MAX_SELECTION: usize = 200;

/// What a bulk action does to each selected claim.
enum BulkAction {
    AssignMe,
    Unassign,
    Tag(String),
    Move(Transition),
}

#[derive(Template)]
#[template(path = "claims/bulk.html")]
struct BulkResultPage {
    chrome: Chrome,
    changed: Vec<i64>,
    skipped: Vec<(i64, String)>,
    back: String,
}

fn parse_selection(pairs: &[(String, String)]) -> AppResult<Vec<(i64, i64)>> {
    let mut selection = Vec::new();
    for (name, value) in pairs {
        if name != "claim" {
            continue;
        }
        let (id, version) = value
            .split_once(':')
            .and_then(|(id, v)| Some((id.parse::<i64>().ok()?, v.parse::<i64>().ok()?)))
            .ok_or_else(|| {
                AppError::Invalid(Invalid::new("claim", "must be a claim id and version"))
            })?;
        if !selection.iter().any(|(i, _)| *i == id) {
            selection.push((id, version));
        }
    }
    if selection.is_empty() {
        return Err(AppError::Invalid(Invalid::new(
            "claim",
            "select at least one claim",
        )));
    }
    if selection.len() > MAX_SELECTION {
        return Err(AppError::Invalid(Invalid::new(
            "claim",
            "select at most 200 claims at once",
        )));
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
        "tag" => BulkAction::Tag(super::claims::parse_tag(field(pairs, "tag"))?),
        other => {
            let edge: Transition = other.parse()?;
            if matches!(edge, Transition::Propose | Transition::Reopen) {
                return Err(AppError::Invalid(Invalid::new(
                    "action",
                    "needs a rationale or a note: do it on the claim page",
                )));
            }
            BulkAction::Move(edge)
        }
    })
}

/// Applies one action to every selected claim in one transaction. A claim that changed since the
/// queue was loaded (its version moved on) or that the action does not fit is skipped and reported,
/// never overwritten.
pub async fn bulk(
    state: web::Data<AppState>,
    form: SignedForm<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let session = form.session;
    session.require(Role::Reviewer)?;
    let selection = parse_selection(&form.data)?;
    let action = parse_action(&form.data)?;
    if matches!(action, BulkAction::Unassign) {
        session.require(Role::Editor)?;
    }
    let back = super::local_path(Some(field(&form.data, "back"))).to_owned();
    let (team_id, me, role) = (
        session.info.team_id,
        session.info.user_id,
        session.info.role,
    );
    let pool = state.pool.clone();
    let (changed, skipped) = blocking(move || {
        let mut conn = pool.get()?;
        db::write(&mut conn, |conn| {
            let mut changed = Vec::new();
            let mut skipped = Vec::new();
            for (claim_id, version) in selection {
                let Some(claim) = queries::get(conn, team_id, claim_id)? else {
                    skipped.push((claim_id, "not found".to_owned()));
                    continue;
                };
                if claim.version != version {
                    skipped.push((
                        claim_id,
                        "changed by someone else since you loaded the queue".to_owned(),
                    ));
                    continue;
                }
                let (changes, event, before, after) = match &action {
                    BulkAction::AssignMe => (
                        ClaimChanges {
                            assignee_id: Some(Some(me)),
                            ..ClaimChanges::default()
                        },
                        "assigned",
                        None,
                        users::find_user(conn, me)?.map(|u| u.name),
                    ),
                    BulkAction::Unassign => (
                        ClaimChanges {
                            assignee_id: Some(None),
                            ..ClaimChanges::default()
                        },
                        "assigned",
                        None,
                        Some("nobody".to_owned()),
                    ),
                    BulkAction::Tag(tag) => {
                        if queries::add_tag(conn, claim_id, tag)? {
                            queries::record(
                                conn,
                                team_id,
                                me,
                                claim_id,
                                "tag_added",
                                None,
                                Some(tag),
                            )?;
                        }
                        changed.push(claim_id);
                        continue;
                    }
                    BulkAction::Move(edge) => {
                        let from: Status = claim.status.parse()?;
                        let actor = Actor {
                            role,
                            is_proposer: claim.proposed_by == Some(me),
                        };
                        match edge.apply(from, actor) {
                            Ok(to) => {
                                let now = db::now();
                                let mut changes = ClaimChanges {
                                    status: Some(to.as_str()),
                                    ..ClaimChanges::default()
                                };
                                match edge {
                                    Transition::Approve => {
                                        if users::find_team(conn, team_id)?
                                            .is_some_and(|t| t.blind_review)
                                        {
                                            skipped.push((
                                                claim_id,
                                                "needs its blind second review on the claim page"
                                                    .to_owned(),
                                            ));
                                            continue;
                                        }
                                        changes.approved_by = Some(Some(me));
                                        changes.verified_at = Some(Some(now));
                                    }
                                    Transition::Publish => changes.published_at = Some(Some(now)),
                                    _ => {}
                                }
                                (
                                    changes,
                                    "status",
                                    Some(from.as_str().to_owned()),
                                    Some(to.as_str().to_owned()),
                                )
                            }
                            Err(why) => {
                                skipped.push((claim_id, why.to_string()));
                                continue;
                            }
                        }
                    }
                };
                if queries::update_versioned(conn, team_id, claim_id, version, changes)? {
                    queries::record(
                        conn,
                        team_id,
                        me,
                        claim_id,
                        event,
                        before.as_deref(),
                        after.as_deref(),
                    )?;
                    changed.push(claim_id);
                } else {
                    skipped.push((
                        claim_id,
                        "changed by someone else since you loaded the queue".to_owned(),
                    ));
                }
            }
            Ok((changed, skipped))
        })
    })
    .await?;
    let status = if skipped.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::CONFLICT
    };
    render_status(
        status,
        &BulkResultPage {
            chrome: Chrome::member("Bulk action", &session, "claims"),
            changed,
            skipped,
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
    let session = form.session;
    let name = crate::domain::single_line_text("name", &form.data.name, 80)?;
    let query = form.data.query.trim().to_owned();
    if !query.starts_with("/claims") || query.len() > 2000 || query.chars().any(char::is_control) {
        return Err(AppError::Invalid(Invalid::new(
            "query",
            "must be a claim queue address",
        )));
    }
    let (team_id, user_id) = (session.info.team_id, session.info.user_id);
    let pool = state.pool.clone();
    let target = query.clone();
    blocking(move || {
        let mut conn = pool.get()?;
        Ok(queries::insert_saved_view(
            &mut conn, team_id, user_id, &name, &query,
        )?)
    })
    .await?;
    Ok(see_other(&target))
}

pub async fn delete_view(
    state: web::Data<AppState>,
    view_id: web::Path<i64>,
    form: SignedForm<super::articles::NoFields>,
) -> AppResult<HttpResponse> {
    let session: Session = form.session;
    let (team_id, user_id, view_id) = (
        session.info.team_id,
        session.info.user_id,
        view_id.into_inner(),
    );
    let pool = state.pool.clone();
    let deleted = blocking(move || {
        let mut conn = pool.get()?;
        Ok(queries::delete_saved_view(
            &mut conn, team_id, user_id, view_id,
        )?)
    })
    .await?;
    if !deleted {
        return Err(AppError::NotFound);
    }
    Ok(see_other("/claims"))
}
