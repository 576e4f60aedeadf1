//! The team's outbox, for its admins: the e-mails ClaimDesk wrote for the team, sent or not, with
//! the reason a message was not sent.

use actix_web::{web, HttpResponse};
use askama::Template;

use super::page::Chrome;
use super::session::Session;
use super::{blocking, render, AppState};
use crate::db::outbox::MailRow;
use crate::desk::inbox as desk;
use crate::error::AppResult;

#[derive(Template)]
#[template(path = "team/outbox.html")]
struct OutboxPage {
    chrome: Chrome,
    mail_on: bool,
    messages: Vec<MailRow>,
}

impl OutboxPage {
    fn when(&self, at: &chrono::NaiveDateTime) -> String {
        at.format("%Y-%m-%d %H:%M:%S UTC").to_string()
    }
}

pub async fn page(state: web::Data<AppState>, session: Session) -> AppResult<HttpResponse> {
    let (pool, member) = (state.pool.clone(), session.member());
    let messages = blocking(move || desk::outbox_of_team(&mut *pool.get()?, &member)).await?;
    render(&OutboxPage {
        chrome: Chrome::member("Outbox", &session, "team"),
        mail_on: state.settings.mail.is_some(),
        messages,
    })
}
