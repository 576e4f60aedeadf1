//! The one body reader: forms (`SignedForm`, `AnonymousForm`) and JSON (`web::api`) alike are read
//! here within their limit, checked for their content type, and only then parsed.

use actix_web::error::PayloadError;
use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::HttpRequest;
use futures_util::{Stream, StreamExt};

use crate::error::{AppError, AppResult};

/// The bodies ClaimDesk accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Form,
    Json,
}

impl Kind {
    fn mime(self) -> &'static str {
        match self {
            Kind::Form => "application/x-www-form-urlencoded",
            Kind::Json => "application/json",
        }
    }
}

/// Reads a body of `kind` of at most `limit` bytes: 415 for another content type, 413 past the
/// limit (from `Content-Length` before reading, when given, so a large body is refused quickly).
pub async fn read(
    req: &HttpRequest,
    payload: &mut (impl Stream<Item = Result<Bytes, PayloadError>> + Unpin),
    limit: usize,
    kind: Kind,
) -> AppResult<Vec<u8>> {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mime = content_type.split(';').next().unwrap_or("").trim();
    if !mime.eq_ignore_ascii_case(kind.mime()) {
        return Err(AppError::UnsupportedMediaType {
            got: if mime.is_empty() {
                "a body without a content type".to_owned()
            } else {
                mime.to_owned()
            },
            expected: kind.mime(),
        });
    }
    if let Some(length) = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
    {
        if length > limit {
            return Err(AppError::PayloadTooLarge);
        }
    }
    let mut body = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk =
            chunk.map_err(|e| AppError::BadRequest(format!("the body could not be read: {e}")))?;
        if body.len() + chunk.len() > limit {
            return Err(AppError::PayloadTooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}
