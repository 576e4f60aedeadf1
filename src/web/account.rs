//! My account: password, sessions ("sign out everywhere else") and switching team.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::page::{Chrome, FieldErrors};
use super::session::{Session, SignedForm};
use super::{blocking, render, render_status, see_other, AppState};
use crate::auth::accounts;
use crate::db::users;
use crate::db::{self, tokens};
use crate::error::{AppError, AppResult};

pub struct SessionLine {
    pub id: i64,
    pub current: bool,
    pub team_name: String,
    pub created_at: String,
    pub last_seen_at: String,
    pub ip: String,
    pub user_agent: String,
}

pub struct TeamLine {
    pub id: i64,
    pub name: String,
    pub role: &'static str,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    chrome: Chrome,
    csrf_token: String,
    name: String,
    email: String,
    sessions: Vec<SessionLine>,
    teams: Vec<TeamLine>,
    errors: FieldErrors,
    /// The member's API tokens, newest first.
    tokens: Vec<TokenLine>,
    /// A token just created: shown on this one page, never again (only its hash is kept).
    new_token: Option<String>,
}

/// One API token on the account page.
pub struct TokenLine {
    pub id: i64,
    pub name: String,
    pub team_name: String,
    pub created_at: String,
    pub last_used_at: String,
    pub revoked: bool,
}

async fn account_page(
    state: &web::Data<AppState>,
    session: &Session,
    errors: FieldErrors,
    flash: Option<String>,
) -> AppResult<AccountPage> {
    let pool = state.pool.clone();
    let (user_id, current_session, current_team) = (
        session.info.user_id,
        session.info.session_id,
        session.info.team_id,
    );
    let (sessions, teams) = blocking(move || {
        let mut conn = pool.get()?;
        Ok((
            users::sessions_of_user(&mut conn, user_id)?,
            users::teams_of_user(&mut conn, user_id)?,
        ))
    })
    .await?;
    let pool = state.pool.clone();
    let token_rows = blocking(move || {
        let mut conn = pool.get()?;
        Ok(tokens::of_user(&mut conn, user_id)?)
    })
    .await?;
    let fmt = |t: chrono::NaiveDateTime| t.format("%Y-%m-%d %H:%M UTC").to_string();
    Ok(AccountPage {
        chrome: Chrome::member("My account", session, "account").with_flash(flash),
        csrf_token: session.info.csrf_token.clone(),
        name: session.info.user_name.clone(),
        email: session.info.user_email.clone(),
        sessions: sessions
            .into_iter()
            .map(|(s, team_name)| SessionLine {
                id: s.id,
                current: s.id == current_session,
                team_name,
                created_at: fmt(s.created_at),
                last_seen_at: fmt(s.last_seen_at),
                ip: s.ip,
                user_agent: s.user_agent,
            })
            .collect(),
        teams: teams
            .into_iter()
            .map(|(team, role)| TeamLine {
                current: team.id == current_team,
                id: team.id,
                name: team.name,
                role: role.as_str(),
            })
            .collect(),
        errors,
        tokens: token_rows
            .into_iter()
            .map(|(t, team_name)| TokenLine {
                id: t.id,
                name: t.name,
                team_name,
                created_at: fmt(t.created_at),
                last_used_at: t.last_used_at.map_or_else(|| "never".to_owned(), fmt),
                revoked: t.revoked_at.is_some(),
            })
            .collect(),
        new_token: None,
    })
}

pub async fn page(state: web::Data<AppState>, session: Session) -> AppResult<HttpResponse> {
    render(&account_page(&state, &session, FieldErrors::default(), None).await?)
}

#[derive(Deserialize)]
pub struct PasswordForm {
    current_password: String,
    new_password: String,
}

pub async fn change_password(
    state: web::Data<AppState>,
    form: SignedForm<PasswordForm>,
) -> AppResult<HttpResponse> {
    let session = form.session;
    let PasswordForm {
        current_password,
        new_password,
    } = form.data;
    let pool = state.pool.clone();
    let (user_id, session_id) = (session.info.user_id, session.info.session_id);
    let result = blocking(move || {
        accounts::change_password(&pool, user_id, session_id, &current_password, &new_password)
    })
    .await;
    match result {
        Ok(()) => {
            tracing::info!(target: "claimdesk::audit", event = "password_changed", user_id, "password changed; other sessions ended");
            let page = account_page(
                &state,
                &session,
                FieldErrors::default(),
                Some("Password changed. Your other sessions have been signed out.".into()),
            )
            .await?;
            render(&page)
        }
        Err(AppError::Invalid(invalid)) => {
            let page =
                account_page(&state, &session, FieldErrors::from_invalid(invalid), None).await?;
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(other) => Err(other),
    }
}

pub async fn end_session(
    state: web::Data<AppState>,
    session_id: web::Path<i64>,
    form: SignedForm<super::auth::Empty>,
) -> AppResult<HttpResponse> {
    let user_id = form.session.info.user_id;
    let session_id = session_id.into_inner();
    let pool = state.pool.clone();
    let ended = blocking(move || {
        let mut conn = pool.get()?;
        Ok(users::delete_own_session(&mut conn, user_id, session_id)?)
    })
    .await?;
    if ended == 0 {
        return Err(AppError::NotFound);
    }
    Ok(see_other("/account"))
}

pub async fn end_other_sessions(
    state: web::Data<AppState>,
    form: SignedForm<super::auth::Empty>,
) -> AppResult<HttpResponse> {
    let (user_id, keep) = (form.session.info.user_id, form.session.info.session_id);
    let pool = state.pool.clone();
    blocking(move || {
        let mut conn = pool.get()?;
        Ok(users::delete_other_sessions(&mut conn, user_id, keep)?)
    })
    .await?;
    Ok(see_other("/account"))
}

#[derive(Deserialize)]
pub struct SwitchForm {
    team_id: i64,
}

pub async fn switch_team(
    state: web::Data<AppState>,
    form: SignedForm<SwitchForm>,
) -> AppResult<HttpResponse> {
    let (user_id, session_id, team_id) = (
        form.session.info.user_id,
        form.session.info.session_id,
        form.data.team_id,
    );
    let pool = state.pool.clone();
    blocking(move || {
        let mut conn = pool.get()?;
        let member_of = users::teams_of_user(&mut conn, user_id)?;
        if !member_of.iter().any(|(team, _)| team.id == team_id) {
            return Err(AppError::NotFound);
        }
        users::switch_session_team(&mut conn, session_id, team_id)?;
        Ok(())
    })
    .await?;
    Ok(see_other("/claims"))
}

#[derive(Deserialize)]
pub struct EmailForm {
    email: String,
    current_password: String,
}

/// Changes the sign-in email; asks for the current password like a password change does.
pub async fn change_email(
    state: web::Data<AppState>,
    form: SignedForm<EmailForm>,
) -> AppResult<HttpResponse> {
    let session = form.session;
    let EmailForm {
        email,
        current_password,
    } = form.data;
    let pool = state.pool.clone();
    let user_id = session.info.user_id;
    let result =
        blocking(move || accounts::change_email(&pool, user_id, &current_password, &email)).await;
    match result {
        Ok(()) => {
            tracing::info!(target: "claimdesk::audit", event = "email_changed", user_id, "sign-in email changed");
            Ok(see_other("/account"))
        }
        Err(AppError::Invalid(invalid)) => {
            let page =
                account_page(&state, &session, FieldErrors::from_invalid(invalid), None).await?;
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(other) => Err(other),
    }
}

#[derive(Deserialize)]
pub struct TokenForm {
    name: String,
}

/// Creates a personal API token for the session's current team and shows it, once. The token acts
/// with the member's role in that team at the time of each request.
pub async fn create_token(
    state: web::Data<AppState>,
    form: SignedForm<TokenForm>,
) -> AppResult<HttpResponse> {
    let session = form.session;
    let name = match crate::domain::single_line_text("token_name", &form.data.name, 100) {
        Ok(name) => name,
        Err(invalid) => {
            let page =
                account_page(&state, &session, FieldErrors::from_invalid(invalid), None).await?;
            return render_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let token = crate::auth::new_token();
    let hash = crate::auth::token_hash(&token);
    let (user_id, team_id) = (session.info.user_id, session.info.team_id);
    let pool = state.pool.clone();
    let token_id = blocking(move || {
        let mut conn = pool.get()?;
        Ok(db::write(&mut conn, |conn| {
            tokens::insert(conn, user_id, team_id, &name, &hash)
        })?)
    })
    .await?;
    tracing::info!(target: "claimdesk::audit", event = "api_token_created", user_id, team_id, token_id, "API token created");
    let mut page = account_page(
        &state,
        &session,
        FieldErrors::default(),
        Some("Copy your new API token now: it is shown only this once.".into()),
    )
    .await?;
    page.new_token = Some(token);
    render(&page)
}

/// Revokes one of the member's own API tokens; another's, a revoked or a missing one is a 404.
pub async fn revoke_token(
    state: web::Data<AppState>,
    token_id: web::Path<i64>,
    form: SignedForm<super::auth::Empty>,
) -> AppResult<HttpResponse> {
    let user_id = form.session.info.user_id;
    let token_id = token_id.into_inner();
    let pool = state.pool.clone();
    let revoked = blocking(move || {
        let mut conn = pool.get()?;
        Ok(db::write(&mut conn, |conn| {
            tokens::revoke(conn, user_id, token_id)
        })?)
    })
    .await?;
    if !revoked {
        return Err(AppError::NotFound);
    }
    tracing::info!(target: "claimdesk::audit", event = "api_token_revoked", user_id, token_id, "API token revoked");
    Ok(see_other("/account#tokens"))
}
