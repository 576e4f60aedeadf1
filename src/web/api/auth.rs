//! Who is calling the API: `ApiUser` reads `Authorization: Bearer <token>` and nothing else. Cookies
//! are never looked at, so a browser's session cannot reach the API and CSRF has nothing to ride
//! on. The token acts as its member with the role they have now in the token's team; every request
//! spends one unit of the token's budget, counted in the database.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};

use super::error::ApiError;
use crate::auth;
use crate::db::tokens;
use crate::error::AppError;
use crate::web::session::Session;
use crate::web::AppState;

/// Requests a token may make per minute before it is answered 429.
pub const REQUESTS_PER_MINUTE: i32 = 600;

/// The member a bearer token speaks for. `session` is the same `Session` the pages use (without a
/// cookie session behind it), so role checks and team scoping are the pages' own.
pub struct ApiUser {
    pub token_id: i64,
    pub session: Session,
}

fn unauthorized(req: &HttpRequest, reason: &'static str) -> ApiError {
    tracing::warn!(
        target: "claimdesk::audit",
        event = "api_token_refused",
        reason = reason,
        route = %req.path(),
        ip = %crate::web::session::client_info(req).ip,
        "API request without a live token"
    );
    ApiError(AppError::LoginRequired {
        next: String::new(),
    })
}

/// The token of an `Authorization: Bearer <token>` header: 64 hex digits, or nothing.
fn bearer_token(req: &HttpRequest) -> Option<&str> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer")
        && token.len() == 64
        && token.bytes().all(|b| b.is_ascii_hexdigit()))
    .then_some(token)
}

async fn authenticate(req: HttpRequest) -> Result<ApiUser, ApiError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| ApiError(AppError::internal("application state missing")))?;
    let Some(token) = bearer_token(&req) else {
        return Err(unauthorized(&req, "missing"));
    };
    let hash = auth::token_hash(&token.to_ascii_lowercase());
    let pool = state.pool.clone();
    let found = crate::web::blocking(move || {
        let mut conn = pool.get()?;
        let now = crate::db::now();
        let Some((token_id, info)) = tokens::authenticate(&mut conn, &hash, now)? else {
            return Ok(None);
        };
        let wait = tokens::count_request(&mut conn, token_id, now, REQUESTS_PER_MINUTE)?;
        Ok(Some((token_id, info, wait)))
    })
    .await?;
    let Some((token_id, info, wait)) = found else {
        return Err(unauthorized(&req, "unknown, revoked or inactive"));
    };
    if let Some(retry_after) = wait {
        tracing::warn!(
            target: "claimdesk::audit",
            event = "api_throttled",
            token_id,
            user_id = info.user_id.get(),
            "API token over its budget"
        );
        return Err(ApiError(AppError::TooManyRequests { retry_after }));
    }
    Ok(ApiUser {
        token_id,
        session: Session { info },
    })
}

impl FromRequest for ApiUser {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<ApiUser, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        Box::pin(authenticate(req.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::bearer_token;
    use actix_web::test::TestRequest;

    #[test]
    fn only_a_bearer_header_with_64_hex_digits_is_a_token() {
        let token = "ab".repeat(32);
        let with = |value: &str| {
            let req = TestRequest::default()
                .insert_header(("Authorization", value))
                .to_http_request();
            bearer_token(&req).map(str::to_owned)
        };
        assert_eq!(with(&format!("Bearer {token}")), Some(token.clone()));
        assert_eq!(with(&format!("bearer {token}")), Some(token.clone()));
        assert_eq!(with(&format!("Basic {token}")), None);
        assert_eq!(with("Bearer short"), None);
        assert_eq!(with(&format!("Bearer {}", "zz".repeat(32))), None);
        assert!(bearer_token(&TestRequest::default().to_http_request()).is_none());
    }
}
