//! My account: password, sessions ("sign out everywhere else"), switching team, and two-factor
//! sign-in (enrolment with a QR code drawn on the server, recovery codes, switching it off).

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::page::{Chrome, FieldErrors};
use super::session::{Session, SignedForm};
use super::{blocking, render, render_status, see_other, AppState};
use crate::auth::accounts;
use crate::auth::totp::SecondFactor;
use crate::auth::two_factor::{self, Enrolment};
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
    /// Whether two-factor sign-in is on (the card links to its page).
    two_factor_on: bool,
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
        session.info.user_id.get(),
        session.info.session_id,
        session.info.team_id.get(),
    );
    let (sessions, teams, two_factor_on) = blocking(move || {
        let mut conn = pool.get()?;
        Ok((
            users::sessions_of_user(&mut conn, user_id)?,
            users::teams_of_user(&mut conn, user_id)?,
            db::two_factor::is_enabled(&mut conn, user_id)?,
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
        two_factor_on,
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
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    form: SignedForm<PasswordForm>,
) -> AppResult<HttpResponse> {
    let client = super::session::client_info(&req);
    let session = form.session;
    let PasswordForm {
        current_password,
        new_password,
    } = form.data;
    let pool = state.pool.clone();
    let (user_id, session_id) = (session.info.user_id.get(), session.info.session_id);
    let result = blocking(move || {
        accounts::change_password(
            &pool,
            user_id,
            session_id,
            &current_password,
            &new_password,
            &client,
        )
    })
    .await;
    match result {
        Ok(()) => {
            tracing::info!(target: "claimdesk::audit", event = "password_changed", user_id, "password changed; other sessions ended");
            let page = account_page(
                &state,
                &session,
                FieldErrors::default(),
                Some(
                    "Password changed. Your other sessions have been signed out and your API \
                     tokens revoked: make new ones for your scripts."
                        .into(),
                ),
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
    let user_id = form.session.info.user_id.get();
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
    let (user_id, keep) = (
        form.session.info.user_id.get(),
        form.session.info.session_id,
    );
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
        form.session.info.user_id.get(),
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
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    form: SignedForm<EmailForm>,
) -> AppResult<HttpResponse> {
    let client = super::session::client_info(&req);
    let session = form.session;
    let EmailForm {
        email,
        current_password,
    } = form.data;
    let pool = state.pool.clone();
    let user_id = session.info.user_id.get();
    let result = blocking(move || {
        accounts::change_email(&pool, user_id, &current_password, &email, &client)
    })
    .await;
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
    let (user_id, team_id) = (session.info.user_id.get(), session.info.team_id.get());
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
    let user_id = form.session.info.user_id.get();
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

// ---- two-factor sign-in ----

/// A QR code as SVG drawing data: the side in modules (quiet zone included) and one path of dark
/// squares. Only numbers and path letters, so the template shows it auto-escaped, without `|safe`.
pub struct QrSvg {
    pub size: i32,
    pub path: String,
}

/// Draws `text` as a QR code (medium error correction, 4-module quiet zone). `None` only if the
/// text is too long for any QR code, which an otpauth URI never is.
pub fn qr_svg(text: &str) -> Option<QrSvg> {
    use std::fmt::Write;
    let qr = qrcodegen::QrCode::encode_text(text, qrcodegen::QrCodeEcc::Medium).ok()?;
    let border = 4;
    let mut path = String::new();
    for y in 0..qr.size() {
        let mut x = 0;
        while x < qr.size() {
            if !qr.get_module(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < qr.size() && qr.get_module(x, y) {
                x += 1;
            }
            let run = x - start;
            let _ = write!(path, "M{},{}h{run}v1h-{run}z", start + border, y + border);
        }
    }
    Some(QrSvg {
        size: qr.size() + 2 * border,
        path,
    })
}

#[derive(Template)]
#[template(path = "account/two_factor.html")]
struct TwoFactorPage {
    chrome: Chrome,
    csrf_token: String,
    on: bool,
    pending: bool,
    since: String,
    recovery_codes_left: i64,
    secret_base32: String,
    otpauth_uri: String,
    qr: Option<QrSvg>,
    /// The current team requires two-factor sign-in.
    team_requires: bool,
    /// Some team of the member requires it: it cannot be switched off.
    required_somewhere: bool,
    /// The server has no key: enrolment cannot start (`two_factor::KEY_MISSING`).
    unavailable: Option<&'static str>,
    errors: FieldErrors,
}

async fn two_factor_page(
    state: &web::Data<AppState>,
    session: &Session,
    errors: FieldErrors,
    flash: Option<String>,
) -> AppResult<TwoFactorPage> {
    let (pool, key) = (state.pool.clone(), state.settings.secret_key.clone());
    let (user_id, team_id, email) = (
        session.info.user_id.get(),
        session.info.team_id.get(),
        session.info.user_email.clone(),
    );
    let overview =
        blocking(move || two_factor::overview(&pool, key.as_ref(), user_id, team_id, &email))
            .await?;
    let mut page = TwoFactorPage {
        chrome: Chrome::member("Two-factor sign-in", session, "account").with_flash(flash),
        csrf_token: session.info.csrf_token.clone(),
        on: false,
        pending: false,
        since: String::new(),
        recovery_codes_left: 0,
        secret_base32: String::new(),
        otpauth_uri: String::new(),
        qr: None,
        team_requires: overview.team_requires,
        required_somewhere: overview.required_somewhere,
        unavailable: state
            .settings
            .secret_key
            .is_none()
            .then_some(two_factor::KEY_MISSING),
        errors,
    };
    match overview.enrolment {
        Enrolment::Off => {}
        Enrolment::Pending {
            secret_base32,
            otpauth_uri,
        } => {
            page.pending = true;
            page.qr = qr_svg(&otpauth_uri);
            page.secret_base32 = secret_base32;
            page.otpauth_uri = otpauth_uri;
        }
        Enrolment::On {
            since,
            recovery_codes_left,
        } => {
            page.on = true;
            page.since = since.format("%Y-%m-%d %H:%M UTC").to_string();
            page.recovery_codes_left = recovery_codes_left;
        }
    }
    Ok(page)
}

/// The two-factor page: set-up (secret, otpauth URI and QR code while pending), or, once on, new
/// recovery codes and switching it off.
pub async fn two_factor(state: web::Data<AppState>, session: Session) -> AppResult<HttpResponse> {
    render(&two_factor_page(&state, &session, FieldErrors::default(), None).await?)
}

/// Starts (or restarts) enrolment with a fresh secret. Without a server key: 503 and a page that
/// says what the operator must configure.
pub async fn two_factor_enrol(
    state: web::Data<AppState>,
    form: SignedForm<super::auth::Empty>,
) -> AppResult<HttpResponse> {
    let session = form.session;
    let Some(key) = state.settings.secret_key.clone() else {
        tracing::warn!(target: "claimdesk::audit", event = "two_factor_unavailable", user_id = session.info.user_id.get(), "two-factor enrolment refused: CLAIMDESK_SECRET_KEY is not configured");
        let page = two_factor_page(&state, &session, FieldErrors::default(), None).await?;
        return render_status(StatusCode::SERVICE_UNAVAILABLE, &page);
    };
    let (pool, user_id) = (state.pool.clone(), session.info.user_id.get());
    blocking(move || two_factor::start_enrolment(&pool, &key, user_id)).await?;
    Ok(see_other(super::session::ENROLMENT_PAGE))
}

#[derive(Deserialize)]
pub struct CodeForm {
    code: String,
}

#[derive(Template)]
#[template(path = "account/recovery_codes.html")]
struct RecoveryCodesPage {
    chrome: Chrome,
    heading: &'static str,
    codes: Vec<String>,
}

fn recovery_codes_page(
    session: &Session,
    heading: &'static str,
    codes: Vec<String>,
) -> RecoveryCodesPage {
    RecoveryCodesPage {
        chrome: Chrome::member(heading, session, "account"),
        heading,
        codes,
    }
}

/// A refused two-factor form: the page again with the error beside its field (422).
async fn refused_two_factor_form(
    state: &web::Data<AppState>,
    session: &Session,
    invalid: crate::domain::Invalid,
) -> AppResult<HttpResponse> {
    let page = two_factor_page(state, session, FieldErrors::from_invalid(invalid), None).await?;
    render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

/// Confirms enrolment with a current code: two-factor sign-in is on, and the recovery codes are
/// shown, this once.
pub async fn two_factor_confirm(
    state: web::Data<AppState>,
    form: SignedForm<CodeForm>,
) -> AppResult<HttpResponse> {
    let session = form.session;
    let code = match SecondFactor::parse_totp("code", &form.data.code) {
        Ok(code) => code,
        Err(invalid) => return refused_two_factor_form(&state, &session, invalid).await,
    };
    let (pool, key, user_id) = (
        state.pool.clone(),
        state.settings.secret_key.clone(),
        session.info.user_id.get(),
    );
    let result =
        blocking(move || two_factor::confirm_enrolment(&pool, key.as_ref(), user_id, &code)).await;
    match result {
        Ok(codes) => {
            tracing::info!(target: "claimdesk::audit", event = "two_factor_enabled", user_id, "two-factor sign-in switched on");
            render(&recovery_codes_page(
                &session,
                "Two-factor sign-in is on",
                codes,
            ))
        }
        Err(AppError::Invalid(invalid)) => {
            tracing::warn!(target: "claimdesk::audit", event = "two_factor_confirm", outcome = "failure", user_id, "enrolment code refused");
            refused_two_factor_form(&state, &session, invalid).await
        }
        Err(other) => Err(other),
    }
}

/// New recovery codes for a current code from the app; the old ones stop working.
pub async fn two_factor_recovery_codes(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    form: SignedForm<CodeForm>,
) -> AppResult<HttpResponse> {
    let session = form.session;
    let code = match SecondFactor::parse_totp("code", &form.data.code) {
        Ok(code) => code,
        Err(invalid) => return refused_two_factor_form(&state, &session, invalid).await,
    };
    let client = super::session::client_info(&req);
    let (pool, key, user_id) = (
        state.pool.clone(),
        state.settings.secret_key.clone(),
        session.info.user_id.get(),
    );
    let ip = client.ip.clone();
    let result = blocking(move || {
        two_factor::regenerate_recovery_codes(&pool, key.as_ref(), user_id, &code, &client)
    })
    .await;
    match result {
        Ok(codes) => {
            tracing::info!(target: "claimdesk::audit", event = "recovery_codes_replaced", user_id, "new recovery codes made");
            render(&recovery_codes_page(&session, "New recovery codes", codes))
        }
        Err(AppError::Invalid(invalid)) => {
            tracing::warn!(target: "claimdesk::audit", event = "two_factor_code", outcome = "failure", user_id, ip = %ip, route = "/account/two-factor/recovery-codes", "code refused");
            refused_two_factor_form(&state, &session, invalid).await
        }
        Err(other) => Err(other),
    }
}

#[derive(Deserialize)]
pub struct DisableForm {
    password: String,
    code: String,
}

/// Switches two-factor sign-in off: the current password and a code (from the app or a recovery
/// code). Refused while a team of the member requires it.
pub async fn two_factor_disable(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    form: SignedForm<DisableForm>,
) -> AppResult<HttpResponse> {
    let session = form.session;
    let DisableForm { password, code } = form.data;
    let factor = match SecondFactor::parse("disable_code", &code) {
        Ok(factor) => factor,
        Err(invalid) => return refused_two_factor_form(&state, &session, invalid).await,
    };
    let client = super::session::client_info(&req);
    let ip = client.ip.clone();
    let (pool, key, user_id) = (
        state.pool.clone(),
        state.settings.secret_key.clone(),
        session.info.user_id.get(),
    );
    let result = blocking(move || {
        two_factor::disable(&pool, key.as_ref(), user_id, &password, &factor, &client)
    })
    .await;
    match result {
        Ok(()) => {
            tracing::info!(target: "claimdesk::audit", event = "two_factor_disabled", user_id, "two-factor sign-in switched off");
            let page = two_factor_page(
                &state,
                &session,
                FieldErrors::default(),
                Some("Two-factor sign-in is off. Your recovery codes no longer work.".into()),
            )
            .await?;
            render(&page)
        }
        Err(AppError::Invalid(invalid)) => {
            tracing::warn!(target: "claimdesk::audit", event = "two_factor_code", outcome = "failure", user_id, ip = %ip, route = "/account/two-factor/disable", "switching off refused");
            refused_two_factor_form(&state, &session, invalid).await
        }
        Err(other) => Err(other),
    }
}

#[cfg(test)]
mod tests {
    use super::qr_svg;

    #[test]
    fn the_qr_code_is_path_data_only_with_a_quiet_zone() {
        let qr = qr_svg(
            "otpauth://totp/ClaimDesk:ann%40example.org?secret=JBSWY3DPEHPK3PXP&issuer=ClaimDesk",
        )
        .expect("an otpauth URI fits in a QR code");
        assert!(qr.size >= 21 + 8, "{}", qr.size);
        assert!(qr.path.starts_with('M'));
        assert!(qr
            .path
            .chars()
            .all(|c| c.is_ascii_digit() || "Mhvz,-".contains(c)));
        // The finder pattern's top-left corner sits just inside the quiet zone.
        assert!(qr.path.starts_with("M4,4h7v1h-7z"), "{}", &qr.path[..40]);
    }
}
