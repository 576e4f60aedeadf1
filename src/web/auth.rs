//! Sign-in (with its second step when two-factor sign-in is on), sign-out, first-run setup and
//! accepting an invite.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::TimeDelta;
use serde::Deserialize;

use super::page::{Chrome, FieldErrors};
use super::session::{self, AnonymousForm, MaybeSession, SignedForm};
use super::{blocking, local_path, render_status, see_other, AppState};
use crate::auth::accounts::{self, FirstAdmin, NewSession, SignIn};
use crate::auth::email_hash;
use crate::auth::totp::SecondFactor;
use crate::auth::two_factor::{self, SecondStep};
use crate::domain::{Email, Invalid, NewPassword, PersonName, TeamName};
use crate::error::{AppError, AppResult};

fn lifetime(state: &AppState) -> TimeDelta {
    TimeDelta::from_std(state.settings.session_lifetime).unwrap_or(TimeDelta::days(7))
}

/// Signs the browser in: a fresh session cookie (never one the browser brought: no fixation).
fn signed_in(state: &AppState, session: NewSession, next: &str) -> HttpResponse {
    let mut response = see_other(next);
    let name = session::session_cookie_name(state);
    if let Err(e) = response.add_cookie(&session::cookie(state, name, session.token)) {
        tracing::error!(cause = %e, "session cookie could not be set");
    }
    response
}

/// The response with the pre-session cookie set, when a new one was made.
pub(super) fn with_cookie(
    mut response: HttpResponse,
    cookie: Option<actix_web::cookie::Cookie<'static>>,
) -> HttpResponse {
    if let Some(cookie) = cookie {
        if let Err(e) = response.add_cookie(&cookie) {
            tracing::error!(cause = %e, "pre-session cookie could not be set");
        }
    }
    response
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    chrome: Chrome,
    csrf_token: String,
    email: String,
    next: String,
    error: Option<String>,
    /// After a password reset.
    done: Option<String>,
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
    reset: Option<String>,
}

pub async fn login_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    signed_in: MaybeSession,
    query: web::Query<NextQuery>,
) -> AppResult<HttpResponse> {
    let next = local_path(query.next.as_deref());
    if signed_in.0.is_some() {
        return Ok(see_other(&next));
    }
    let (csrf_token, cookie) = session::pre_session(&req, &state);
    let page = LoginPage {
        chrome: Chrome::anonymous("Sign in"),
        csrf_token,
        email: String::new(),
        next,
        error: None,
        done: super::reset::done_flash(query.reset.as_deref()),
    };
    Ok(with_cookie(render_status(StatusCode::OK, &page)?, cookie))
}

#[derive(Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
    next: Option<String>,
}

pub async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: AnonymousForm<LoginForm>,
) -> AppResult<HttpResponse> {
    let client = session::client_info(&req);
    let LoginForm {
        email,
        password,
        next,
    } = form.data;
    let next = local_path(next.as_deref());
    let outcome = {
        let (state, email, client, next) =
            (state.clone(), email.clone(), client.clone(), next.clone());
        blocking(move || {
            accounts::sign_in(
                &state.pool,
                &state.dummy_hash,
                &email,
                &password,
                &client,
                lifetime(&state),
                &next,
            )
        })
        .await?
    };
    let email_hash = email_hash(&email);
    match outcome {
        SignIn::Ok(new_session) => {
            tracing::info!(target: "claimdesk::audit", event = "login", outcome = "success", user_id = new_session.user_id, email_hash = %email_hash, ip = %client.ip, route = "/login", "sign-in");
            Ok(signed_in(&state, new_session, &next))
        }
        SignIn::SecondFactor { challenge, user_id } => {
            tracing::info!(target: "claimdesk::audit", event = "login", outcome = "second_factor_required", user_id, email_hash = %email_hash, ip = %client.ip, route = "/login", "password accepted; waiting for the second factor");
            let mut response = see_other(SECOND_FACTOR_PAGE);
            let mut cookie = session::cookie(
                &state,
                session::second_factor_cookie_name(&state),
                challenge,
            );
            cookie.set_max_age(actix_web::cookie::time::Duration::minutes(
                two_factor::CHALLENGE_MINUTES,
            ));
            if let Err(e) = response.add_cookie(&cookie) {
                tracing::error!(cause = %e, "second-factor cookie could not be set");
            }
            Ok(response)
        }
        SignIn::Throttled { retry_after } => {
            tracing::warn!(target: "claimdesk::audit", event = "login", outcome = "throttled", email_hash = %email_hash, ip = %client.ip, route = "/login", "sign-in throttled");
            Err(AppError::TooManyRequests { retry_after })
        }
        SignIn::Refused => {
            tracing::warn!(target: "claimdesk::audit", event = "login", outcome = "failure", email_hash = %email_hash, ip = %client.ip, route = "/login", "sign-in failed");
            let page = LoginPage {
                chrome: Chrome::anonymous("Sign in"),
                csrf_token: form.csrf_token,
                email,
                next,
                error: Some("That email and password do not match an active account.".into()),
                done: None,
            };
            render_status(StatusCode::UNAUTHORIZED, &page)
        }
    }
}

// ---- the second step of a sign-in ----

const SECOND_FACTOR_PAGE: &str = "/login/two-factor";

#[derive(Template)]
#[template(path = "login/two_factor.html")]
struct SecondFactorPage {
    chrome: Chrome,
    csrf_token: String,
    error: Option<String>,
}

/// The browser's pending second step, if it carries one.
fn challenge_of(req: &HttpRequest, state: &AppState) -> Option<String> {
    req.cookie(session::second_factor_cookie_name(state))
        .map(|c| c.value().to_owned())
        .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Back to the password form, the pending second step forgotten.
fn restart_sign_in(state: &AppState) -> HttpResponse {
    let mut response = see_other("/login");
    let removal = session::removal_cookie(state, session::second_factor_cookie_name(state));
    if let Err(e) = response.add_cookie(&removal) {
        tracing::error!(cause = %e, "second-factor cookie could not be removed");
    }
    response
}

/// "Enter the 6-digit code": only with a live pending second step, else back to the password.
pub async fn second_factor_page(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> AppResult<HttpResponse> {
    let Some(challenge) = challenge_of(&req, &state) else {
        return Ok(see_other("/login"));
    };
    let live = {
        let pool = state.pool.clone();
        blocking(move || two_factor::challenge_is_live(&pool, &challenge)).await?
    };
    if !live {
        return Ok(restart_sign_in(&state));
    }
    let (csrf_token, cookie) = session::pre_session(&req, &state);
    let page = SecondFactorPage {
        chrome: Chrome::anonymous("Two-factor sign-in"),
        csrf_token,
        error: None,
    };
    Ok(with_cookie(render_status(StatusCode::OK, &page)?, cookie))
}

#[derive(Deserialize)]
pub struct SecondFactorForm {
    code: String,
}

/// Checks the code (from the app, or a recovery code) of a pending sign-in. Wrong codes are
/// throttled and logged like wrong passwords; the right one starts the session and goes to the
/// `next=` the password form was given.
pub async fn second_factor(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: AnonymousForm<SecondFactorForm>,
) -> AppResult<HttpResponse> {
    let client = session::client_info(&req);
    let Some(challenge) = challenge_of(&req, &state) else {
        return Ok(see_other("/login"));
    };
    let page = |error: &str| SecondFactorPage {
        chrome: Chrome::anonymous("Two-factor sign-in"),
        csrf_token: form.csrf_token.clone(),
        error: Some(error.to_owned()),
    };
    let factor = match SecondFactor::parse("code", &form.data.code) {
        Ok(factor) => factor,
        Err(invalid) => {
            return render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &page(&format!("The code {}.", invalid.message)),
            )
        }
    };
    let method = factor.method();
    let outcome = {
        let (state, client) = (state.clone(), client.clone());
        blocking(move || {
            two_factor::complete_sign_in(
                &state.pool,
                state.settings.secret_key.as_ref(),
                &challenge,
                &factor,
                &client,
                lifetime(&state),
            )
        })
        .await?
    };
    let route = SECOND_FACTOR_PAGE;
    match outcome {
        SecondStep::SignedIn {
            session: new_session,
            next,
            email_hash,
        } => {
            tracing::info!(target: "claimdesk::audit", event = "login_second_factor", outcome = "success", method, user_id = new_session.user_id, email_hash = %email_hash, ip = %client.ip, route, "sign-in completed with the second factor");
            let mut response = signed_in(&state, new_session, &local_path(Some(&next)));
            let removal =
                session::removal_cookie(&state, session::second_factor_cookie_name(&state));
            if let Err(e) = response.add_cookie(&removal) {
                tracing::error!(cause = %e, "second-factor cookie could not be removed");
            }
            Ok(response)
        }
        SecondStep::Refused {
            user_id,
            email_hash,
        } => {
            tracing::warn!(target: "claimdesk::audit", event = "login_second_factor", outcome = "failure", method, user_id, email_hash = %email_hash, ip = %client.ip, route, "second factor refused");
            render_status(
                StatusCode::UNAUTHORIZED,
                &page("That code did not work. Codes change every 30 seconds and each works once; a recovery code works once too."),
            )
        }
        SecondStep::Throttled {
            retry_after,
            user_id,
            email_hash,
        } => {
            tracing::warn!(target: "claimdesk::audit", event = "login_second_factor", outcome = "throttled", method, user_id, email_hash = %email_hash, ip = %client.ip, route, "second factor throttled");
            Err(AppError::TooManyRequests { retry_after })
        }
        SecondStep::Expired => {
            tracing::info!(target: "claimdesk::audit", event = "login_second_factor", outcome = "expired", ip = %client.ip, route, "no pending sign-in");
            Ok(restart_sign_in(&state))
        }
    }
}

#[derive(Deserialize)]
pub struct Empty {}

pub async fn logout(
    state: web::Data<AppState>,
    form: SignedForm<Empty>,
) -> AppResult<HttpResponse> {
    let session_id = form.session.info.session_id;
    let pool = state.pool.clone();
    blocking(move || accounts::sign_out(&pool, session_id)).await?;
    let mut response = see_other("/login");
    let removal = session::removal_cookie(&state, session::session_cookie_name(&state));
    if let Err(e) = response.add_cookie(&removal) {
        tracing::error!(cause = %e, "session cookie could not be removed");
    }
    Ok(response)
}

// ---- first-run setup ----

#[derive(Template)]
#[template(path = "setup.html")]
struct SetupPage {
    chrome: Chrome,
    csrf_token: String,
    token: String,
    team: String,
    name: String,
    email: String,
    errors: FieldErrors,
}

#[derive(Deserialize)]
pub struct SetupQuery {
    token: Option<String>,
}

pub async fn setup_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<SetupQuery>,
) -> AppResult<HttpResponse> {
    let token = query.into_inner().token.unwrap_or_default();
    let usable = {
        let (pool, token) = (state.pool.clone(), token.clone());
        blocking(move || accounts::setup_token_is_usable(&pool, &token)).await?
    };
    if !usable {
        return Err(AppError::NotFound);
    }
    let (csrf_token, cookie) = session::pre_session(&req, &state);
    let page = SetupPage {
        chrome: Chrome::anonymous("Set up ClaimDesk"),
        csrf_token,
        token,
        team: String::new(),
        name: String::new(),
        email: String::new(),
        errors: FieldErrors::default(),
    };
    Ok(with_cookie(render_status(StatusCode::OK, &page)?, cookie))
}

#[derive(Deserialize)]
pub struct SetupForm {
    token: String,
    team: String,
    name: String,
    email: String,
    password: String,
}

fn parse_first_admin(form: &SetupForm) -> Result<FirstAdmin, Invalid> {
    let team = TeamName::parse(&form.team)?;
    let name = PersonName::parse(&form.name)?;
    let email = Email::parse(&form.email)?;
    let password = NewPassword::parse(
        &form.password,
        &[email.as_str(), name.as_str(), team.as_str()],
    )?;
    Ok(FirstAdmin {
        team,
        name,
        email,
        password,
    })
}

pub async fn setup(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: AnonymousForm<SetupForm>,
) -> AppResult<HttpResponse> {
    let data = form.data;
    let admin = match parse_first_admin(&data) {
        Ok(admin) => admin,
        Err(invalid) => {
            let page = SetupPage {
                chrome: Chrome::anonymous("Set up ClaimDesk"),
                csrf_token: form.csrf_token,
                token: data.token,
                team: data.team,
                name: data.name,
                email: data.email,
                errors: FieldErrors::from_invalid(invalid),
            };
            return render_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let client = session::client_info(&req);
    let new_session = {
        let state = state.clone();
        blocking(move || {
            accounts::complete_setup(&state.pool, &data.token, admin, &client, lifetime(&state))
        })
        .await?
    };
    tracing::info!(target: "claimdesk::audit", event = "setup", outcome = "success", user_id = new_session.user_id, "first team and admin created");
    Ok(signed_in(&state, new_session, "/claims"))
}

// ---- invites ----

#[derive(Template)]
#[template(path = "invite.html")]
struct InvitePage {
    chrome: Chrome,
    csrf_token: String,
    token: String,
    team_name: String,
    email: String,
    role: &'static str,
    has_account: bool,
    /// The address of the member signed in on this browser, if any.
    signed_in_as: Option<String>,
    name: String,
    errors: FieldErrors,
}

impl InvitePage {
    /// Signed in as the invited account: it joins with one click.
    fn can_join(&self) -> bool {
        self.signed_in_as
            .as_deref()
            .is_some_and(|me| me.eq_ignore_ascii_case(&self.email))
    }
}

pub async fn invite_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
    member: session::MaybeSession,
) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    let view = {
        let (pool, token) = (state.pool.clone(), token.clone());
        blocking(move || accounts::view_invite(&pool, &token)).await?
    };
    let (pre_session_csrf, cookie) = session::pre_session(&req, &state);
    let signed_in_as = member.0.as_ref().map(|s| s.info.user_email.clone());
    let page = InvitePage {
        chrome: Chrome::anonymous("Join a team"),
        // The join form of a signed-in member carries the session's token; the new-account form
        // the pre-session's.
        csrf_token: member
            .0
            .as_ref()
            .map_or(pre_session_csrf, |s| s.info.csrf_token.clone()),
        token,
        team_name: view.team_name,
        email: view.email,
        role: view.role.as_str(),
        has_account: view.has_account,
        signed_in_as,
        name: String::new(),
        errors: FieldErrors::default(),
    };
    Ok(with_cookie(render_status(StatusCode::OK, &page)?, cookie))
}

/// `POST /invites/{token}/join`: the signed-in account the invite is for joins its team.
pub async fn join_invite(
    state: web::Data<AppState>,
    token: web::Path<String>,
    form: SignedForm<super::articles::NoFields>,
) -> AppResult<HttpResponse> {
    let session = form.session;
    let (user_id, session_id) = (session.info.user_id.get(), session.info.session_id);
    let (pool, token) = (state.pool.clone(), token.into_inner());
    let team_id =
        blocking(move || accounts::join_by_invite(&pool, &token, user_id, session_id)).await?;
    tracing::info!(target: "claimdesk::audit", event = "invite_accepted", user_id, team_id, "invite accepted by a signed-in account");
    Ok(see_other("/claims"))
}

#[derive(Deserialize)]
pub struct AcceptForm {
    #[serde(default)]
    name: String,
    password: String,
}

pub async fn accept_invite(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
    form: AnonymousForm<AcceptForm>,
) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    let client = session::client_info(&req);
    let AcceptForm { name, password } = form.data;
    let result = {
        let (state, token, name) = (state.clone(), token.clone(), name.clone());
        blocking(move || {
            accounts::accept_invite(
                &state.pool,
                &token,
                &name,
                &password,
                &client,
                lifetime(&state),
            )
        })
        .await
    };
    match result {
        Ok(new_session) => {
            tracing::info!(target: "claimdesk::audit", event = "invite_accepted", user_id = new_session.user_id, team_id = new_session.team_id, "invite accepted");
            Ok(signed_in(&state, new_session, "/claims"))
        }
        Err(AppError::Invalid(invalid)) => {
            let view = {
                let (pool, token) = (state.pool.clone(), token.clone());
                blocking(move || accounts::view_invite(&pool, &token)).await?
            };
            let page = InvitePage {
                chrome: Chrome::anonymous("Join a team"),
                csrf_token: form.csrf_token,
                token,
                team_name: view.team_name,
                email: view.email,
                role: view.role.as_str(),
                has_account: view.has_account,
                signed_in_as: None,
                name,
                errors: FieldErrors::from_invalid(invalid),
            };
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(other) => Err(other),
    }
}
