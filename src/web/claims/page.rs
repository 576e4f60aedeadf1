//! `GET /claims/{id}`: the claim page, as the desk's view of the claim lets this member see it.

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::QueueQuery;
use crate::desk::views::{self, ClaimView};
use crate::domain::{Actor, ClaimId, Role, Stance, Transition};
use crate::error::{AppError, AppResult};
use crate::web::page::Chrome;
use crate::web::session::Session;
use crate::web::{blocking, render, AppState};

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
    let claim = claim.into_inner();
    let within = within.into_inner();
    let question = within.question()?;
    let member = session.member();
    let pool = state.pool.clone();
    let (view, (prev_id, next_id)) = blocking(move || {
        let mut conn = pool.get()?;
        let view = views::claim(&mut conn, &member, claim, whole)?;
        let neighbours = views::neighbours(&mut conn, &member, &question, &view.claim)?;
        Ok((view, neighbours))
    })
    .await?;
    let suffix = within.claim_suffix();
    render(&ClaimPage {
        chrome: Chrome::member(&format!("Claim #{claim}"), &session, "claims"),
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
    })
}
