//! The one error type of the request path, and the one table from an error to what the public may
//! read of it (`AppError::public`). Model code returns `QueryResult`; the desk layer and everything
//! a handler calls return `AppResult`. Pages (`web::error`) and JSON (`web::api::error`) render the
//! same `Public` their own way; the command line prints its message. Internal causes keep their
//! source chain for the log and are never shown.

use std::fmt;

use actix_web::http::StatusCode;

use crate::domain::{ClaimId, HistoryLine, Invalid, Status};

pub type AppResult<T> = Result<T, AppError>;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Malformed input that no form would send (bad UTF-8, NUL bytes, unknown enum values).
    #[error("bad request: {0}")]
    BadRequest(String),
    /// A field failed validation; the message names it.
    #[error("{0}")]
    Invalid(#[from] Invalid),
    /// No valid session; browsers are sent to sign in and come back to `next`.
    #[error("sign-in required")]
    LoginRequired { next: String },
    /// Signed in, but the role (or the person: nobody approves their own verdict) does not allow it.
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// The CSRF token or the request's origin did not check out.
    #[error("the form was stale or came from another site")]
    Csrf,
    /// Missing, or belonging to another team: the two are indistinguishable on purpose.
    #[error("not found")]
    NotFound,
    /// The thing's state does not allow this now (a claim not awaiting approval cannot be approved).
    #[error("conflict: {0}")]
    Conflict(String),
    /// The request names something the team does not have (now): a verdict off its scale, a
    /// person who is not an active member. Well formed, but not possible in this team: 409 naming
    /// the field.
    #[error("{field}: {message}")]
    Unavailable {
        field: &'static str,
        message: String,
    },
    /// A verified or published claim's record (statement, quantity, citations, verdict) changes
    /// only through a correction.
    #[error("the claim is {0}: its record changes only by a correction")]
    NeedsCorrection(Status),
    /// The change was based on a version of the claim that is no longer current.
    #[error("stale: claim {} is at version {}", .0.claim_id, .0.current_version)]
    Stale(Box<Stale>),
    /// A known address asked with a method it does not have; `allow` lists those it has.
    #[error("method not allowed (allowed: {allow})")]
    MethodNotAllowed { allow: String },
    #[error("the request body is too large")]
    PayloadTooLarge,
    #[error("unsupported content type: {got}")]
    UnsupportedMediaType { got: String, expected: &'static str },
    #[error("too many attempts; retry after {retry_after} s")]
    TooManyRequests { retry_after: u64 },
    /// Anything that is our fault. The cause goes to the log only.
    #[error("internal error: {0}")]
    Internal(Internal),
}

/// What a stale change answers with: the claim's version now, and what changed since the version
/// the member saw.
#[derive(Debug)]
pub struct Stale {
    pub claim_id: ClaimId,
    pub current_version: i64,
    pub changes: Vec<HistoryLine>,
}

/// An internal error: what failed, and its cause with the cause's own sources.
#[derive(Debug)]
pub struct Internal {
    what: &'static str,
    cause: Box<dyn std::error::Error + Send + Sync>,
}

impl fmt::Display for Internal {
    /// The whole chain, for the log: "database: …: caused by …".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.what, self.cause)?;
        let mut source = self.cause.source();
        while let Some(cause) = source {
            write!(f, ": caused by {cause}")?;
            source = cause.source();
        }
        Ok(())
    }
}

impl AppError {
    /// An internal error from a cause that is only a message.
    pub fn internal(cause: impl fmt::Display) -> AppError {
        AppError::Internal(Internal {
            what: "internal",
            cause: cause.to_string().into(),
        })
    }

    fn caused(what: &'static str, cause: impl std::error::Error + Send + Sync + 'static) -> Self {
        AppError::Internal(Internal {
            what,
            cause: Box::new(cause),
        })
    }

    /// The field at fault, for a refusal that names one.
    pub fn invalid(field: &'static str, message: impl Into<String>) -> AppError {
        AppError::Invalid(Invalid::new(field, message))
    }

    /// Something the team does not have (see `Unavailable`).
    pub fn unavailable(field: &'static str, message: impl Into<String>) -> AppError {
        AppError::Unavailable {
            field,
            message: message.into(),
        }
    }

    /// What the public may know of this error: the one table every edge renders from. An internal
    /// error is logged here, once, under a new request id that the answer shows.
    pub fn public(&self) -> Public {
        let public = |status: StatusCode, code, heading, message: String| Public {
            status,
            code,
            heading,
            message,
            field: None,
            request_id: None,
        };
        match self {
            AppError::BadRequest(why) => public(
                StatusCode::BAD_REQUEST,
                "bad_request",
                "Bad request",
                why.clone(),
            ),
            AppError::Invalid(invalid) => Public {
                field: Some(invalid.field),
                ..public(
                    StatusCode::BAD_REQUEST,
                    "invalid",
                    "Check the form",
                    format!("{}: {}", invalid.field, invalid.message),
                )
            },
            AppError::LoginRequired { .. } => public(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "Sign in",
                "Sign in first (the API takes a live token as `Authorization: Bearer <token>`)."
                    .to_owned(),
            ),
            AppError::Forbidden(why) => public(
                StatusCode::FORBIDDEN,
                "forbidden",
                "Not allowed",
                why.clone(),
            ),
            AppError::Csrf => public(
                StatusCode::FORBIDDEN,
                "forbidden",
                "Form expired",
                "This form was stale or sent from another site. Go back, reload the page and try \
                 again."
                    .to_owned(),
            ),
            AppError::NotFound => public(
                StatusCode::NOT_FOUND,
                "not_found",
                "Not found",
                "There is nothing here, or it is not yours to see.".to_owned(),
            ),
            AppError::Conflict(why) => {
                public(StatusCode::CONFLICT, "conflict", "Conflict", why.clone())
            }
            AppError::Unavailable { field, message } => Public {
                field: Some(field),
                ..public(
                    StatusCode::CONFLICT,
                    "unavailable",
                    "Not in this team",
                    format!("{field}: {message}"),
                )
            },
            AppError::NeedsCorrection(status) => public(
                StatusCode::CONFLICT,
                "correction_required",
                "Reopen it as a correction",
                format!(
                    "This claim is {}: its statement, quantity, citations and verdict change only \
                     through a correction. An editor can reopen it as a correction with a note \
                     saying what was wrong; comments, tags and assignment stay open.",
                    status.label().to_lowercase()
                ),
            ),
            AppError::Stale(stale) => Public {
                field: Some("version"),
                ..public(
                    StatusCode::CONFLICT,
                    "stale",
                    "Someone else changed this claim",
                    format!(
                        "Claim #{} changed since you loaded it (it is now at version {}): reload \
                         it and try again.",
                        stale.claim_id, stale.current_version
                    ),
                )
            },
            AppError::MethodNotAllowed { allow } => public(
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "Method not allowed",
                format!("This address answers {allow} only."),
            ),
            AppError::PayloadTooLarge => public(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                "Too large",
                "The request body is larger than this server accepts.".to_owned(),
            ),
            AppError::UnsupportedMediaType { got, expected } => public(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Unsupported content type",
                format!("This address accepts {expected}, not {got}."),
            ),
            AppError::TooManyRequests { retry_after } => public(
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_requests",
                "Too many attempts",
                format!("Too many requests: wait {retry_after} seconds, then try again."),
            ),
            AppError::Internal(cause) => {
                // The request's own id (its `X-Request-Id`), so the answer, the response header
                // and the log line agree.
                let request_id =
                    crate::telemetry::request_id().unwrap_or_else(crate::telemetry::new_request_id);
                tracing::error!(request_id = %request_id, cause = %cause, "internal error");
                Public {
                    request_id: Some(request_id),
                    ..public(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        "internal",
                        "Something went wrong",
                        "The error has been logged. Quote the request id when you report it."
                            .to_owned(),
                    )
                }
            }
        }
    }

    /// The status code alone, without logging anything.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::BadRequest(_) | AppError::Invalid(_) => StatusCode::BAD_REQUEST,
            AppError::LoginRequired { .. } => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Conflict(_)
            | AppError::Unavailable { .. }
            | AppError::NeedsCorrection(_)
            | AppError::Stale(_) => StatusCode::CONFLICT,
            AppError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMediaType { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// An error as the public may see it.
#[derive(Debug)]
pub struct Public {
    pub status: StatusCode,
    /// A stable word for programs: `invalid`, `stale`, `correction_required`…
    pub code: &'static str,
    /// A page heading.
    pub heading: &'static str,
    pub message: String,
    /// The request field at fault, when one is.
    pub field: Option<&'static str>,
    /// For internal errors: the id the log line carries.
    pub request_id: Option<String>,
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => AppError::NotFound,
            other => AppError::caused("database", other),
        }
    }
}

impl From<diesel::r2d2::PoolError> for AppError {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        AppError::caused("connection pool", e)
    }
}

impl From<crate::auth::HashError> for AppError {
    fn from(e: crate::auth::HashError) -> Self {
        AppError::caused("password hashing", e)
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::caused("template", e)
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        AppError::caused("blocking pool", e)
    }
}

impl From<Stale> for AppError {
    fn from(stale: Stale) -> Self {
        AppError::Stale(Box::new(stale))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_errors_keep_their_cause_chain_for_the_log_only() {
        #[derive(Debug, thiserror::Error)]
        #[error("outer")]
        struct Outer(#[source] std::io::Error);
        let error = AppError::caused("database", Outer(std::io::Error::other("disk full")));
        assert_eq!(
            error.to_string(),
            "internal error: database: outer: caused by disk full"
        );
        let public = error.public();
        assert_eq!(public.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(!public.message.contains("disk"));
        assert_eq!(public.request_id.as_ref().map(String::len), Some(16));
    }

    #[test]
    fn every_refusal_has_a_status_and_code_and_the_table_agrees_with_status() {
        let errors = [
            AppError::BadRequest("x".into()),
            AppError::invalid("title", "is required"),
            AppError::LoginRequired { next: "/".into() },
            AppError::Forbidden("x".into()),
            AppError::Csrf,
            AppError::NotFound,
            AppError::Conflict("x".into()),
            AppError::NeedsCorrection(Status::Published),
            AppError::Unavailable {
                field: "verdict",
                message: "is not a verdict of this team's scale".into(),
            },
            AppError::from(Stale {
                claim_id: ClaimId::new(1),
                current_version: 3,
                changes: Vec::new(),
            }),
            AppError::MethodNotAllowed {
                allow: "GET, POST".into(),
            },
            AppError::PayloadTooLarge,
            AppError::UnsupportedMediaType {
                got: "text/plain".into(),
                expected: "application/json",
            },
            AppError::TooManyRequests { retry_after: 5 },
        ];
        for error in &errors {
            let public = error.public();
            assert_eq!(public.status, error.status(), "{error:?}");
            assert!(!public.code.is_empty() && !public.message.is_empty());
        }
        assert_eq!(errors[1].public().field, Some("title"));
        assert!(errors[7]
            .public()
            .message
            .contains("reopen it as a correction"));
    }
}
