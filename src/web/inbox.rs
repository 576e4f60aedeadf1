//! The inbox: what waits on the member (open claims assigned to them, verdicts they may approve)
//! and what they were told (assigned, sent back, waiting for approval, mentioned).

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::page::Chrome;
use super::session::{Session, SignedForm};
use super::{blocking, render, see_other, AppState};
use crate::db::inbox::NoticeLine;
use crate::db::models::ClaimRow;
use crate::desk::inbox::{self as desk, InboxView};
use crate::error::{AppError, AppResult};

#[derive(Template)]
#[template(path = "inbox.html")]
struct InboxPage {
    chrome: Chrome,
    csrf_token: String,
    view: InboxView,
}

impl InboxPage {
    fn newest(&self) -> i64 {
        self.view.notices.first().map_or(0, |n| n.id)
    }

    fn when(&self, line: &NoticeLine) -> String {
        line.created_at.format("%Y-%m-%d %H:%M UTC").to_string()
    }

    fn statement<'a>(&self, claim: &'a ClaimRow) -> &'a str {
        &claim.statement
    }
}

pub async fn page(state: web::Data<AppState>, session: Session) -> AppResult<HttpResponse> {
    let (pool, member) = (state.pool.clone(), session.member());
    let view = blocking(move || desk::inbox(&mut *pool.get()?, &member)).await?;
    render(&InboxPage {
        chrome: Chrome::member("Inbox", &session, "inbox"),
        csrf_token: session.info.csrf_token.clone(),
        view,
    })
}

#[derive(Deserialize)]
pub struct ReadForm {
    upto: String,
}

/// Marks the notices read up to the newest the page showed (a notice that arrived since stays
/// unread).
pub async fn read(
    state: web::Data<AppState>,
    form: SignedForm<ReadForm>,
) -> AppResult<HttpResponse> {
    let upto = form
        .data
        .upto
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n >= 0)
        .ok_or_else(|| AppError::invalid("upto", "must be a notice number"))?;
    let (pool, member) = (state.pool.clone(), form.session.member());
    blocking(move || desk::mark_read(&mut *pool.get()?, &member, upto)).await?;
    Ok(see_other("/inbox"))
}
