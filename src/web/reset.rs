//! Password reset pages: asking for a link by e-mail (`/password/forgot`, when mail is configured)
//! and setting a new password with a link (`/password/reset/{token}`); and the admin's reset link
//! for a member of the team (`POST /team/members/{id}/reset-link`).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::articles::NoFields;
use super::auth::with_cookie;
use super::page::{Chrome, FieldErrors};
use super::session::{self, AnonymousForm, SignedForm};
use super::{blocking, render_status, see_other, AppState};
use crate::auth::reset;
use crate::error::{AppError, AppResult};

#[derive(Template)]
#[template(path = "login/forgot.html")]
struct ForgotPage {
    chrome: Chrome,
    csrf_token: String,
    mail_on: bool,
    sent: bool,
    email: String,
    errors: FieldErrors,
}

pub async fn forgot_page(req: HttpRequest, state: web::Data<AppState>) -> AppResult<HttpResponse> {
    let (csrf_token, cookie) = session::pre_session(&req, &state);
    let page = ForgotPage {
        chrome: Chrome::anonymous("Forgot your password?"),
        csrf_token,
        mail_on: state.settings.mail.is_some(),
        sent: false,
        email: String::new(),
        errors: FieldErrors::default(),
    };
    Ok(with_cookie(render_status(StatusCode::OK, &page)?, cookie))
}

#[derive(Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
}

/// One answer whether the address has an account or not.
pub async fn forgot(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: AnonymousForm<ForgotForm>,
) -> AppResult<HttpResponse> {
    let mail_on = state.settings.mail.is_some();
    if !mail_on {
        return Err(AppError::Conflict(
            "This ClaimDesk sends no e-mail: ask your team's admin for a reset link.".into(),
        ));
    }
    let client = session::client_info(&req);
    let email = form.data.email.clone();
    let pool = state.pool.clone();
    let result = blocking(move || reset::request_by_mail(&pool, &email, &client)).await;
    let (sent, errors, status) = match result {
        Ok(()) => (true, FieldErrors::default(), StatusCode::OK),
        Err(AppError::Invalid(invalid)) => (
            false,
            FieldErrors::from_invalid(invalid),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(other) => return Err(other),
    };
    render_status(
        status,
        &ForgotPage {
            chrome: Chrome::anonymous("Forgot your password?"),
            csrf_token: form.csrf_token,
            mail_on,
            sent,
            email: form.data.email,
            errors,
        },
    )
}

#[derive(Template)]
#[template(path = "login/reset.html")]
struct ResetPage {
    chrome: Chrome,
    csrf_token: String,
    token: String,
    /// The account's address; `None`: the link does not work (any more).
    email: Option<String>,
    errors: FieldErrors,
}

pub async fn reset_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    let (pool, t) = (state.pool.clone(), token.clone());
    let account = blocking(move || reset::link_is_usable(&pool, &t)).await?;
    let (csrf_token, cookie) = session::pre_session(&req, &state);
    let status = if account.is_some() {
        StatusCode::OK
    } else {
        StatusCode::GONE
    };
    let page = ResetPage {
        chrome: Chrome::anonymous("Set a new password"),
        csrf_token,
        token,
        email: account.map(|(email, _)| email),
        errors: FieldErrors::default(),
    };
    Ok(with_cookie(render_status(status, &page)?, cookie))
}

#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
}

pub async fn reset(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
    form: AnonymousForm<ResetForm>,
) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    let client = session::client_info(&req);
    let ResetForm {
        new_password,
        confirm_password,
    } = form.data;
    let result = if new_password != confirm_password {
        Err(AppError::invalid(
            "confirm_password",
            "does not match the new password",
        ))
    } else {
        let (pool, t) = (state.pool.clone(), token.clone());
        blocking(move || reset::complete(&pool, &t, &new_password, &client)).await
    };
    match result {
        Ok(()) => Ok(see_other("/login?reset=1")),
        Err(AppError::Invalid(invalid)) => {
            let (pool, t) = (state.pool.clone(), token.clone());
            let account = blocking(move || reset::link_is_usable(&pool, &t)).await?;
            let page = ResetPage {
                chrome: Chrome::anonymous("Set a new password"),
                csrf_token: form.csrf_token,
                token,
                email: account.map(|(email, _)| email),
                errors: FieldErrors::from_invalid(invalid),
            };
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(other) => Err(other),
    }
}

#[derive(Template)]
#[template(path = "team/reset_link.html")]
struct ResetLinkPage {
    chrome: Chrome,
    link: String,
    user_id: i64,
}

/// An admin makes a reset link for a member of the team and sees it once.
pub async fn admin_link(
    state: web::Data<AppState>,
    user: web::Path<i64>,
    form: SignedForm<NoFields>,
) -> AppResult<HttpResponse> {
    let user_id = user.into_inner();
    let (pool, member) = (state.pool.clone(), form.session.member());
    let token = blocking(move || reset::admin_link(&pool, &member, user_id)).await?;
    render_status(
        StatusCode::OK,
        &ResetLinkPage {
            chrome: Chrome::member("Password reset link", &form.session, "team"),
            link: format!("{}/password/reset/{token}", state.settings.public_base()),
            user_id,
        },
    )
}

/// `/login?reset=1` says the password was changed (see `auth::login_page`).
pub fn done_flash(reset: Option<&str>) -> Option<String> {
    reset.map(|_| "Your password was changed: sign in with it.".to_owned())
}
