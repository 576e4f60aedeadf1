//! `GET /claims/{id}`: the claim page, as the desk's view of the claim lets this member see it.

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::retry::Retry;
use super::QueueQuery;
use crate::desk::views::{self, ClaimView};
use crate::domain::{Actor, ClaimId, Role, Stance, Transition};
use crate::error::{AppError, AppResult};
use crate::web::page::Chrome;
use crate::web::session::Session;
use crate::web::{blocking, render, render_status, AppState};
use actix_web::http::StatusCode;

#[derive(Template)]
#[template(path = "claims/show.html")]
struct ClaimPage {
    chrome: Chrome,
    csrf_token: String,
    view: ClaimView,
    /// The claims before and after this one in the queue the member came from, for `rel="prev"`
    /// and `rel="next"` links (and the p / n shortcuts).
    prev_id: Option<ClaimId>,
    next_id: Option<ClaimId>,
    /// The queue filters the member came with (`?status=…`, or empty), kept on prev/next links.
    within: String,
    /// This claim's address with every comment and history line.
    whole_link: String,
    me: i64,
    role: Role,
    stances: [Stance; 3],
    /// The form sent back with an error, if any.
    retry: Retry,
}

impl ClaimPage {
    /// The claim's quantity as people write it ("more than $80 million").
    fn quantity(&self) -> String {
        let claim = &self.view.claim;
        crate::domain::readable_quantity(
            claim.value.as_deref(),
            claim.value_high.as_deref(),
            claim.unit.as_deref(),
            claim.qualifier.as_deref().unwrap_or("exact"),
        )
    }

    fn is_assignee(&self, user_id: &i64) -> bool {
        self.view.claim.assignee_id == Some(*user_id)
    }

    fn is_verdict(&self, verdict_id: &i64) -> bool {
        self.view.claim.verdict_id == Some(*verdict_id)
    }

    fn can(&self, edge: Transition) -> bool {
        let actor = Actor {
            role: self.role,
            is_proposer: self.view.claim.proposed_by == Some(self.me),
        };
        edge.apply(self.view.status, actor).is_ok()
    }

    /// Whether the member may discard the claim: an unsettled claim whose verdict was never on
    /// the record (a reopened correction is corrected, not discarded).
    fn can_discard(&self) -> bool {
        self.can(Transition::Discard)
            && self.view.claim.verified_at.is_none()
            && !self.view.record.published
    }

    fn verdict_hidden(&self) -> bool {
        self.view.sealed
    }

    fn can_second_review(&self) -> bool {
        self.view.can_second_review
    }

    fn is_reviewer(&self) -> bool {
        self.role.at_least(Role::Reviewer)
    }

    fn is_editor(&self) -> bool {
        self.role.at_least(Role::Editor)
    }

    /// What was typed in a field of the form sent back, else `default`.
    fn typed<'a>(&'a self, form: &str, field: &str, default: &'a str) -> &'a str {
        self.retry.typed(form, field).unwrap_or(default)
    }

    fn error(&self, form: &str, field: &str) -> Option<&str> {
        self.retry.error(form, field)
    }

    /// A field's name as the summary says it ("accessed_on" → "accessed on").
    fn field_name(&self, field: &str) -> String {
        field.replace('_', " ")
    }

    /// Whether the verdict menu selects `v`: the one typed in a form sent back, else the claim's
    /// verdict when it has one (a proposal again after a send-back). Never a default.
    fn proposing(&self, v: &crate::db::models::VerdictRow) -> bool {
        match self.retry.typed("propose", "verdict") {
            Some(typed) => typed == v.key,
            None => self.is_verdict(&v.id),
        }
    }

    fn rationale(&self) -> &str {
        self.view.claim.rationale.as_deref().unwrap_or("")
    }

    fn subject(&self) -> &str {
        self.view.claim.subject.as_deref().unwrap_or("")
    }

    fn speaker(&self) -> &str {
        self.view.claim.speaker.as_deref().unwrap_or("")
    }
}

/// `?all=1` on a claim's address shows every comment and history line.
#[derive(Deserialize)]
pub struct WholeQuery {
    #[serde(default)]
    all: String,
}

pub async fn show(
    state: web::Data<AppState>,
    session: Session,
    claim: web::Path<ClaimId>,
    within: web::Query<QueueQuery>,
    whole: web::Query<WholeQuery>,
) -> AppResult<HttpResponse> {
    let whole = match whole.all.as_str() {
        "" | "0" => false,
        "1" => true,
        _ => return Err(AppError::invalid("all", "must be 1 to show everything")),
    };
    let page = load(
        &state,
        &session,
        claim.into_inner(),
        within.into_inner(),
        whole,
        Retry::default(),
    )
    .await?;
    render(&page)
}

/// The claim page again with a form sent back: 422, the message beside its field, what was typed.
pub async fn send_back_form(
    state: &web::Data<AppState>,
    session: &Session,
    claim: ClaimId,
    retry: Retry,
) -> AppResult<HttpResponse> {
    let page = load(state, session, claim, QueueQuery::default(), false, retry).await?;
    render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

async fn load(
    state: &web::Data<AppState>,
    session: &Session,
    claim: ClaimId,
    within: QueueQuery,
    whole: bool,
    retry: Retry,
) -> AppResult<ClaimPage> {
    let question = within.question()?;
    let member = session.member();
    let pool = state.pool.clone();
    let (view, (prev_id, next_id)) = blocking(move || {
        let mut conn = pool.get()?;
        let view = views::claim(&mut conn, &member, claim, whole)?;
        let neighbours = views::neighbours(&mut conn, &member, &question, &view)?;
        Ok((view, neighbours))
    })
    .await?;
    let suffix = within.claim_suffix();
    Ok(ClaimPage {
        chrome: Chrome::member(&format!("Claim #{claim}"), session, "claims"),
        csrf_token: session.info.csrf_token.clone(),
        view,
        prev_id,
        next_id,
        whole_link: if suffix.is_empty() {
            format!("/claims/{claim}?all=1")
        } else {
            format!("/claims/{claim}{suffix}&all=1")
        },
        within: suffix,
        me: session.info.user_id.get(),
        role: session.info.role,
        stances: Stance::ALL,
        retry,
    })
}
