//! How the API answers an error: the same `AppError`s as the pages, as JSON instead of a page.
//! `{"error": {"status": 400, "code": "invalid", "field": "verdict", "message": "..."}}`; a 401
//! carries `WWW-Authenticate: Bearer`, a 429 `Retry-After`, a 500 only a request id (the cause goes
//! to the log).

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
    /// `conflict`, `stale`, `payload_too_large`, `unsupported_media_type`, `too_many_requests`,
    /// `internal`.
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
    pub changes: Option<Vec<super::claims::EventOut>>,
    /// For `internal`: quote it when reporting the error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

impl ErrorDetail {
    fn new(status: StatusCode, code: &'static str, message: String) -> ErrorDetail {
        ErrorDetail {
            status: status.as_u16(),
            code,
            field: None,
            message,
            current_version: None,
            changes: None,
            request_id: None,
        }
    }
}

/// The 409 of a change sent with a version the claim has moved past.
pub fn stale(current_version: i64, changes: Vec<super::claims::EventOut>) -> HttpResponse {
    let mut detail = ErrorDetail::new(
        StatusCode::CONFLICT,
        "stale",
        "The claim changed since that version: reload it and try again.".to_owned(),
    );
    detail.field = Some("version");
    detail.current_version = Some(current_version);
    detail.changes = Some(changes);
    HttpResponse::Conflict().json(ErrorBody { error: detail })
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match &self.0 {
            AppError::LoginRequired { .. } => StatusCode::UNAUTHORIZED,
            other => other.status_code(),
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        let detail = match &self.0 {
            AppError::BadRequest(why) => ErrorDetail::new(status, "bad_request", why.clone()),
            AppError::Invalid(invalid) => {
                let mut detail = ErrorDetail::new(
                    status,
                    "invalid",
                    format!("{} {}", invalid.field, invalid.message),
                );
                detail.field = Some(invalid.field);
                detail
            }
            AppError::LoginRequired { .. } => ErrorDetail::new(
                status,
                "unauthorized",
                "Send a live API token as `Authorization: Bearer <token>`.".to_owned(),
            ),
            AppError::Forbidden(why) => ErrorDetail::new(status, "forbidden", why.clone()),
            AppError::Csrf => ErrorDetail::new(
                status,
                "forbidden",
                "The request came from another site.".to_owned(),
            ),
            AppError::NotFound => ErrorDetail::new(
                status,
                "not_found",
                "There is nothing here, or it is not yours to see.".to_owned(),
            ),
            AppError::Conflict(why) => ErrorDetail::new(status, "conflict", why.clone()),
            AppError::PayloadTooLarge => ErrorDetail::new(
                status,
                "payload_too_large",
                "The request body is larger than this server accepts.".to_owned(),
            ),
            AppError::UnsupportedMediaType(what) => ErrorDetail::new(
                status,
                "unsupported_media_type",
                format!("This address accepts application/json, not {what}."),
            ),
            AppError::TooManyRequests { retry_after } => ErrorDetail::new(
                status,
                "too_many_requests",
                format!("This token's budget is spent: wait {retry_after} seconds."),
            ),
            AppError::Internal(cause) => {
                let request_id = crate::auth::new_token()[..16].to_owned();
                tracing::error!(request_id = %request_id, cause = %cause, "internal error (API)");
                let mut detail = ErrorDetail::new(
                    status,
                    "internal",
                    "The error has been logged. Quote the request id when you report it."
                        .to_owned(),
                );
                detail.request_id = Some(request_id);
                detail
            }
        };
        let mut response = HttpResponse::build(status);
        match &self.0 {
            AppError::LoginRequired { .. } => {
                response.insert_header((header::WWW_AUTHENTICATE, "Bearer realm=\"claimdesk\""));
            }
            AppError::TooManyRequests { retry_after } => {
                response.insert_header((header::RETRY_AFTER, retry_after.to_string()));
            }
            _ => {}
        }
        response.json(ErrorBody { error: detail })
    }
}
