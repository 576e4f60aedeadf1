//! The one error type of the request path. Model code returns `QueryResult`; everything a handler
//! calls returns `AppResult`, and `crate::web::error` turns an `AppError` into a status code and a
//! page (or JSON). Internal causes are logged, never shown.

use crate::domain::Invalid;

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
    /// Signed in, but the role does not allow this.
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// The CSRF token or the request's origin did not check out.
    #[error("the form was stale or came from another site")]
    Csrf,
    /// Missing, or belonging to another team: the two are indistinguishable on purpose.
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("the request body is too large")]
    PayloadTooLarge,
    #[error("unsupported content type: {0}")]
    UnsupportedMediaType(String),
    #[error("too many attempts; retry after {retry_after} s")]
    TooManyRequests { retry_after: u64 },
    /// Anything that is our fault. The cause goes to the log only.
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    pub fn internal(cause: impl std::fmt::Display) -> AppError {
        AppError::Internal(cause.to_string())
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => AppError::NotFound,
            other => AppError::Internal(format!("database: {other}")),
        }
    }
}

impl From<diesel::r2d2::PoolError> for AppError {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        AppError::Internal(format!("connection pool: {e}"))
    }
}

impl From<crate::auth::HashError> for AppError {
    fn from(e: crate::auth::HashError) -> Self {
        AppError::Internal(e.to_string())
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(format!("template: {e}"))
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        AppError::Internal(format!("blocking pool: {e}"))
    }
}
