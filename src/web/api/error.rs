//! How the API answers an error: the same `AppError`s as the pages, from the same table
//! (`AppError::public`), as JSON instead of a page.
//! `{"error": {"status": 400, "code": "invalid", "field": "verdict", "message": "..."}}`; a stale
//! change adds the claim's current version and what changed, a 401 carries
//! `WWW-Authenticate: Bearer`, a 429 `Retry-After`, a 500 only a request id (the cause goes to the
//! log).

use actix_web::http::header;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::AppError;

/// An `AppError` on an API route. `AppError`'s own rendering (pages) is left as it is.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct ApiError(pub AppError);

pub type ApiResult<T> = Result<T, ApiError>;

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError(e)
    }
}

/// The body of every error answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// The HTTP status, repeated.
    pub status: u16,
    /// A stable word: `bad_request`, `invalid`, `unauthorized`, `forbidden`, `not_found`,
    /// `conflict`, `correction_required`, `stale`, `method_not_allowed`, `payload_too_large`,
    /// `unsupported_media_type`,
    /// `too_many_requests`, `internal`.
    pub code: &'static str,
    /// The request field at fault, when one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
    pub message: String,
    /// For `stale`: the claim's version now; send it with the retried change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_version: Option<i64>,
    /// For `stale`: what changed since the version that was sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<Vec<crate::domain::HistoryLine>>,
    /// For `internal`: quote it when reporting the error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.0.status()
    }

    fn error_response(&self) -> HttpResponse {
        let public = self.0.public();
        let mut detail = ErrorDetail {
            status: public.status.as_u16(),
            code: public.code,
            field: public.field,
            message: public.message,
            current_version: None,
            changes: None,
            request_id: public.request_id,
        };
        let mut response = HttpResponse::build(public.status);
        match &self.0 {
            AppError::Stale(stale) => {
                detail.current_version = Some(stale.current_version);
                detail.changes = Some(stale.changes.clone());
            }
            AppError::LoginRequired { .. } => {
                response.insert_header((header::WWW_AUTHENTICATE, "Bearer realm=\"claimdesk\""));
            }
            AppError::TooManyRequests { retry_after } => {
                response.insert_header((header::RETRY_AFTER, retry_after.to_string()));
            }
            AppError::MethodNotAllowed { allow } => {
                response.insert_header((header::ALLOW, allow.as_str()));
            }
            _ => {}
        }
        response.json(ErrorBody { error: detail })
    }
}
