//! A member's e-mail notices: which kinds of notice of the current team also come by e-mail.

use actix_web::{web, HttpResponse};
use askama::Template;

use super::page::Chrome;
use super::session::{Session, SignedForm};
use super::{blocking, render, see_other, AppState};
use crate::desk::inbox as desk;
use crate::domain::NoticeKind;
use crate::error::{AppError, AppResult};

#[derive(Template)]
#[template(path = "account/mail.html")]
struct MailPage {
    chrome: Chrome,
    csrf_token: String,
    team_name: String,
    email: String,
    mail_on: bool,
    kinds: Vec<(NoticeKind, bool)>,
}

pub async fn page(
    state: web::Data<AppState>,
    session: Session,
    query: web::Query<SavedQuery>,
) -> AppResult<HttpResponse> {
    let (pool, member) = (state.pool.clone(), session.member());
    let on = blocking(move || desk::mail_kinds(&mut *pool.get()?, &member)).await?;
    let flash = query.saved.is_some().then(|| "Saved.".to_owned());
    render(&MailPage {
        chrome: Chrome::member("E-mail notices", &session, "account").with_flash(flash),
        csrf_token: session.info.csrf_token.clone(),
        team_name: session.info.team_name.clone(),
        email: session.info.user_email.clone(),
        mail_on: state.settings.mail.is_some(),
        kinds: NoticeKind::ALL
            .into_iter()
            .map(|k| (k, on.contains(&k)))
            .collect(),
    })
}

#[derive(serde::Deserialize)]
pub struct SavedQuery {
    saved: Option<String>,
}

/// Saves the kinds ticked: the form posts `kind` once per box (none ticked: no e-mail).
pub async fn save(
    state: web::Data<AppState>,
    form: SignedForm<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let mut on = Vec::new();
    for (key, value) in &form.data {
        if key == "kind" {
            let kind = value
                .parse::<NoticeKind>()
                .map_err(|()| AppError::invalid("kind", "must be a kind of notice"))?;
            if !on.contains(&kind) {
                on.push(kind);
            }
        }
    }
    let (pool, member) = (state.pool.clone(), form.session.member());
    blocking(move || desk::set_mail_kinds(&mut *pool.get()?, &member, &on)).await?;
    Ok(see_other("/account/mail?saved=1"))
}
