//! Who is asking, and whether their form is genuine. `Session` loads the signed-in member (once per
//! request); `SignedForm<T>` and `AnonymousForm<T>` read a urlencoded body within the form limit,
//! refuse cross-site requests, check the CSRF token and only then parse the fields into `T`.

use std::future::Future;
use std::pin::Pin;

use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use chrono::TimeDelta;
use serde::de::DeserializeOwned;

use super::AppState;
use crate::auth::{self, accounts::ClientInfo, two_factor};
use crate::db::users::{self, SessionInfo};
use crate::error::{AppError, AppResult};

/// The signed-in member of the current team.
#[derive(Debug, Clone)]
pub struct Session {
    pub info: SessionInfo,
}

impl Session {
    /// The member acting: the desk layer's view of who asks.
    pub fn member(&self) -> crate::desk::Member {
        crate::desk::Member {
            team: self.info.team_id,
            user: self.info.user_id,
            role: self.info.role,
        }
    }

    /// Refuses unless the member's role includes `needed` (for edges that check before calling the
    /// desk, such as forms shown only to some roles).
    pub fn require(&self, needed: crate::domain::Role) -> AppResult<()> {
        self.member().require(needed)
    }
}

type BoxFuture<T> = Pin<Box<dyn Future<Output = T>>>;

pub fn session_cookie_name(state: &AppState) -> &'static str {
    if state.settings.secure_cookies {
        "__Host-claimdesk_session"
    } else {
        "claimdesk_session"
    }
}

pub fn pre_session_cookie_name(state: &AppState) -> &'static str {
    if state.settings.secure_cookies {
        "__Host-claimdesk_pre"
    } else {
        "claimdesk_pre"
    }
}

/// The pending second step of a sign-in (a random token whose hash is a `two_factor_challenges`
/// row): no session until its code is checked.
pub fn second_factor_cookie_name(state: &AppState) -> &'static str {
    if state.settings.secure_cookies {
        "__Host-claimdesk_2fa"
    } else {
        "claimdesk_2fa"
    }
}

/// A cookie as SECURITY.md wants it: HttpOnly, SameSite=Lax, Path=/, no Domain, Secure over TLS.
pub fn cookie(state: &AppState, name: &'static str, value: String) -> Cookie<'static> {
    Cookie::build(name, value)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.settings.secure_cookies)
        .finish()
}

pub fn removal_cookie(state: &AppState, name: &'static str) -> Cookie<'static> {
    let mut removal = cookie(state, name, String::new());
    removal.make_removal();
    removal
}

fn state_of(req: &HttpRequest) -> AppResult<web::Data<AppState>> {
    req.app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| AppError::internal("application state missing"))
}

/// Where to come back to after signing in: this page, for GETs.
fn next_of(req: &HttpRequest) -> String {
    if req.method() == actix_web::http::Method::GET {
        req.uri()
            .path_and_query()
            .map(|pq| pq.as_str().to_owned())
            .unwrap_or_else(|| "/".into())
    } else {
        "/".into()
    }
}

pub fn client_info(req: &HttpRequest) -> ClientInfo {
    ClientInfo {
        ip: req
            .peer_addr()
            .map(|addr| addr.ip().to_string())
            .unwrap_or_else(|| "unknown".into()),
        user_agent: req
            .headers()
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned(),
    }
}

/// The one page (and its forms) a member may still use while their team requires two-factor
/// sign-in that they have not set up, besides signing out.
pub const ENROLMENT_PAGE: &str = "/account/two-factor";
const OPEN_WHILE_ENROLLING: [&str; 4] = [
    "/logout",
    ENROLMENT_PAGE,
    "/account/two-factor/enrol",
    "/account/two-factor/confirm",
];

/// Whether the request's member must enrol first (cached with the `Session` in the extensions).
#[derive(Clone, Copy)]
struct MustEnrol(bool);

/// Team enforcement of two-factor sign-in: a member of a team that requires it, without it, is sent
/// to the enrolment page from every page but that one and signing out. Bearer-token API calls never
/// come through here (`web::api::auth`), so they are unaffected.
fn enrolment_gate(req: &HttpRequest, session: &Session) -> Result<(), actix_web::Error> {
    let must_enrol = req.extensions().get::<MustEnrol>().is_some_and(|m| m.0);
    if !must_enrol || OPEN_WHILE_ENROLLING.contains(&req.path()) {
        return Ok(());
    }
    tracing::info!(
        target: "claimdesk::audit",
        event = "two_factor_enrolment_required",
        user_id = session.info.user_id.get(),
        team_id = session.info.team_id.get(),
        route = %req.path(),
        "sent to two-factor enrolment"
    );
    Err(actix_web::error::InternalError::from_response(
        "two-factor enrolment required",
        super::see_other(ENROLMENT_PAGE),
    )
    .into())
}

async fn load_session(req: HttpRequest) -> AppResult<Session> {
    if let Some(session) = req.extensions().get::<Session>() {
        return Ok(session.clone());
    }
    let state = state_of(&req)?;
    let login_required = || AppError::LoginRequired {
        next: next_of(&req),
    };
    let token = req
        .cookie(session_cookie_name(&state))
        .map(|c| c.value().to_owned())
        .filter(|t| t.len() == 64)
        .ok_or_else(login_required)?;
    let hash = auth::token_hash(&token);
    let idle = TimeDelta::from_std(state.settings.idle_timeout).unwrap_or(TimeDelta::hours(8));
    let pool = state.pool.clone();
    let (info, must_enrol) = web::block(move || -> AppResult<Option<(SessionInfo, bool)>> {
        let mut conn = pool.get()?;
        let Some(info) = users::load_session(&mut conn, &hash, crate::db::now(), idle)? else {
            return Ok(None);
        };
        let must_enrol = two_factor::must_enrol(&mut conn, info.user_id.get(), info.team_id.get())?;
        Ok(Some((info, must_enrol)))
    })
    .await??
    .ok_or_else(login_required)?;
    let session = Session { info };
    req.extensions_mut().insert(session.clone());
    req.extensions_mut().insert(MustEnrol(must_enrol));
    Ok(session)
}

impl FromRequest for Session {
    type Error = actix_web::Error;
    type Future = BoxFuture<Result<Session, actix_web::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let session = load_session(req.clone()).await?;
            enrolment_gate(&req, &session)?;
            Ok(session)
        })
    }
}

/// The member, if signed in; never redirects.
pub struct MaybeSession(pub Option<Session>);

impl FromRequest for MaybeSession {
    type Error = AppError;
    type Future = BoxFuture<Result<MaybeSession, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            match load_session(req).await {
                Ok(session) => Ok(MaybeSession(Some(session))),
                Err(AppError::LoginRequired { .. }) => Ok(MaybeSession(None)),
                Err(other) => Err(other),
            }
        })
    }
}

/// Refuses a state-changing request that a browser marks as cross-site, or whose `Origin` is not
/// this server. Requests without either header (old browsers, scripts) rely on the token alone.
pub fn check_origin(req: &HttpRequest, state: &AppState) -> AppResult<()> {
    let refuse = |why: &str| {
        tracing::warn!(
            target: "claimdesk::audit",
            event = "csrf_rejected",
            reason = why,
            route = %req.path(),
            ip = %client_info(req).ip,
            "cross-site request refused"
        );
        Err(AppError::Csrf)
    };
    if let Some(site) = req.headers().get("sec-fetch-site") {
        if site.as_bytes().eq_ignore_ascii_case(b"cross-site") {
            return refuse("sec-fetch-site");
        }
    }
    if let Some(origin) = req.headers().get(header::ORIGIN) {
        let Ok(origin) = origin.to_str() else {
            return refuse("origin");
        };
        let Ok(origin) = url::Url::parse(origin) else {
            return refuse("origin");
        };
        let origin_host = match (origin.host_str(), origin.port()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (Some(host), None) => host.to_owned(),
            _ => return refuse("origin"),
        };
        let request_host = req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        let public_host = state
            .settings
            .public_url
            .as_deref()
            .and_then(|u| url::Url::parse(u).ok())
            .and_then(|u| {
                u.host_str()
                    .map(|h| u.port().map_or(h.to_owned(), |p| format!("{h}:{p}")))
            });
        if !origin_host.eq_ignore_ascii_case(request_host)
            && public_host.as_deref() != Some(origin_host.as_str())
        {
            return refuse("origin");
        }
    }
    Ok(())
}

/// Reads a urlencoded body of at most `limit` bytes (`web::body`), then refuses bytes that are not
/// UTF-8 or hold a NUL once decoded (400).
pub async fn read_urlencoded(
    req: &HttpRequest,
    payload: &mut Payload,
    limit: usize,
) -> AppResult<Vec<u8>> {
    let body = super::body::read(req, payload, limit, super::body::Kind::Form).await?;
    validate_urlencoded(&body)?;
    Ok(body)
}

/// Every name and value must decode to UTF-8 without NUL: the lossy decoding of most form parsers
/// would quietly turn bad bytes into U+FFFD.
pub fn validate_urlencoded(body: &[u8]) -> AppResult<()> {
    for pair in body.split(|b| *b == b'&') {
        for part in pair.splitn(2, |b| *b == b'=') {
            let decoded: Vec<u8> = percent_encoding::percent_decode(part).collect();
            let text = std::str::from_utf8(&decoded).map_err(|_| {
                AppError::BadRequest("the form holds bytes that are not UTF-8".into())
            })?;
            if text.contains('\0') {
                return Err(AppError::BadRequest(
                    "the form holds a NUL character".into(),
                ));
            }
        }
    }
    Ok(())
}

/// The value of `csrf_token` in a urlencoded body (the first one).
fn csrf_field(body: &[u8]) -> Option<String> {
    url::form_urlencoded::parse(body)
        .find(|(name, _)| name == "csrf_token")
        .map(|(_, value)| value.into_owned())
}

fn parse_fields<T: DeserializeOwned>(body: &[u8]) -> AppResult<T> {
    serde_urlencoded::from_bytes(body)
        .map_err(|e| AppError::BadRequest(format!("the form is incomplete: {e}")))
}

fn reject_token(req: &HttpRequest, reason: &str) -> AppError {
    tracing::warn!(
        target: "claimdesk::audit",
        event = "csrf_rejected",
        reason = reason,
        route = %req.path(),
        ip = %client_info(req).ip,
        "CSRF token refused"
    );
    AppError::Csrf
}

/// A form posted by a signed-in member, its CSRF token checked against their session. `ARTICLE`
/// forms (those carrying an article body) may be as large as the article limit plus room for the
/// metadata; all others are held to the form limit.
pub struct SignedForm<T, const ARTICLE: bool = false> {
    pub session: Session,
    pub data: T,
}

impl<T: DeserializeOwned + 'static, const ARTICLE: bool> FromRequest for SignedForm<T, ARTICLE> {
    type Error = actix_web::Error;
    type Future = BoxFuture<Result<SignedForm<T, ARTICLE>, actix_web::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let mut payload = payload.take();
        Box::pin(async move {
            let state = state_of(&req)?;
            check_origin(&req, &state)?;
            let limit = if ARTICLE {
                state.settings.article_limit + state.settings.form_limit
            } else {
                state.settings.form_limit
            };
            let body = read_urlencoded(&req, &mut payload, limit).await?;
            let session = load_session(req.clone()).await?;
            let token = csrf_field(&body).ok_or_else(|| reject_token(&req, "missing"))?;
            if !auth::constant_time_eq(&token, &session.info.csrf_token) {
                return Err(reject_token(&req, "mismatch").into());
            }
            enrolment_gate(&req, &session)?;
            let data = parse_fields(&body)?;
            Ok(SignedForm { session, data })
        })
    }
}

/// A form posted before signing in (sign-in, setup, invite), its CSRF token checked against the
/// visitor's pre-session cookie.
pub struct AnonymousForm<T> {
    pub data: T,
    pub csrf_token: String,
}

impl<T: DeserializeOwned + 'static> FromRequest for AnonymousForm<T> {
    type Error = AppError;
    type Future = BoxFuture<Result<AnonymousForm<T>, AppError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let mut payload = payload.take();
        Box::pin(async move {
            let state = state_of(&req)?;
            check_origin(&req, &state)?;
            let body = read_urlencoded(&req, &mut payload, state.settings.form_limit).await?;
            let pre = req
                .cookie(pre_session_cookie_name(&state))
                .map(|c| c.value().to_owned())
                .ok_or_else(|| reject_token(&req, "no pre-session"))?;
            let expected = auth::pre_session_csrf(&pre);
            let token = csrf_field(&body).ok_or_else(|| reject_token(&req, "missing"))?;
            if !auth::constant_time_eq(&token, &expected) {
                return Err(reject_token(&req, "mismatch"));
            }
            let data = parse_fields(&body)?;
            Ok(AnonymousForm {
                data,
                csrf_token: expected,
            })
        })
    }
}

/// The visitor's pre-session: its CSRF token, and a cookie to set when it is new.
pub fn pre_session(req: &HttpRequest, state: &AppState) -> (String, Option<Cookie<'static>>) {
    let name = pre_session_cookie_name(state);
    match req
        .cookie(name)
        .map(|c| c.value().to_owned())
        .filter(|v| v.len() == 64)
    {
        Some(existing) => (auth::pre_session_csrf(&existing), None),
        None => {
            let fresh = auth::new_token();
            (
                auth::pre_session_csrf(&fresh),
                Some(cookie(state, name, fresh)),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::validate_urlencoded;
    use proptest::prelude::*;

    #[test]
    fn bodies_with_bad_utf8_or_nul_are_refused() {
        assert!(validate_urlencoded(b"a=1&b=hello%20world").is_ok());
        assert!(validate_urlencoded(b"a=%FF%FE").is_err());
        assert!(validate_urlencoded(b"a=x%00y").is_err());
        assert!(validate_urlencoded(b"%C3%28=1").is_err());
    }

    proptest! {
        /// Whatever the bytes, the check answers (no panic), and what it accepts decodes, field by
        /// field, to UTF-8 without NUL.
        #[test]
        fn any_body_is_judged_and_accepted_ones_decode_cleanly(body in proptest::collection::vec(any::<u8>(), 0..300)) {
            if validate_urlencoded(&body).is_ok() {
                for pair in body.split(|b| *b == b'&') {
                    for part in pair.splitn(2, |b| *b == b'=') {
                        let decoded: Vec<u8> = percent_encoding::percent_decode(part).collect();
                        let text = std::str::from_utf8(&decoded);
                        prop_assert!(text.is_ok());
                        prop_assert!(!text.unwrap_or("").contains('\0'));
                    }
                }
            }
        }
    }
}
