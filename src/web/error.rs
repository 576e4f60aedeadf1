//! How an `AppError` answers: a status code and a styled page. Server errors get a request id that
//! is logged with the cause; the page shows only the id.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use askama::Template;

use crate::error::AppError;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    chrome: super::page::Chrome,
    status: u16,
    heading: &'a str,
    message: String,
    request_id: Option<String>,
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::BadRequest(_) | AppError::Invalid(_) => StatusCode::BAD_REQUEST,
            AppError::LoginRequired { .. } => StatusCode::SEE_OTHER,
            AppError::Forbidden(_) | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        if let AppError::LoginRequired { next } = self {
            let location = format!("/login?next={}", encode_next(next));
            return HttpResponse::SeeOther()
                .insert_header((header::LOCATION, location))
                .finish();
        }
        let (heading, message, request_id) = match self {
            AppError::BadRequest(why) => ("Bad request", why.clone(), None),
            AppError::Invalid(invalid) => ("Check the form", format!("{}: {}", invalid.field, invalid.message), None),
            AppError::Forbidden(why) => ("Not allowed", why.clone(), None),
            AppError::Csrf => (
                "Form expired",
                "This form was stale or sent from another site. Go back, reload the page and try again.".to_owned(),
                None,
            ),
            AppError::NotFound => ("Not found", "There is nothing here, or it is not yours to see.".to_owned(), None),
            AppError::Conflict(why) => ("Conflict", why.clone(), None),
            AppError::PayloadTooLarge => ("Too large", "The request body is larger than this server accepts.".to_owned(), None),
            AppError::UnsupportedMediaType(what) => ("Unsupported content type", format!("This address does not accept {what}."), None),
            AppError::TooManyRequests { retry_after } => (
                "Too many attempts",
                format!("Wait {retry_after} seconds, then try again."),
                None,
            ),
            AppError::Internal(cause) => {
                let request_id = crate::auth::new_token()[..16].to_owned();
                tracing::error!(request_id = %request_id, cause = %cause, "internal error");
                ("Something went wrong", "The error has been logged. Quote the request id below when you report it.".to_owned(), Some(request_id))
            }
            AppError::LoginRequired { .. } => ("Sign in", String::new(), None),
        };
        let page = ErrorPage {
            chrome: super::page::Chrome::anonymous(heading),
            status: status.as_u16(),
            heading,
            message,
            request_id,
        };
        let mut response = HttpResponse::build(status);
        if let AppError::TooManyRequests { retry_after } = self {
            response.insert_header((header::RETRY_AFTER, retry_after.to_string()));
        }
        match page.render() {
            Ok(body) => response.content_type(super::HTML).body(body),
            Err(e) => {
                tracing::error!(cause = %e, "error page failed to render");
                response
                    .insert_header((
                        header::CONTENT_TYPE,
                        HeaderValue::from_static("text/plain; charset=utf-8"),
                    ))
                    .body(heading.to_owned())
            }
        }
    }
}

fn encode_next(next: &str) -> String {
    url::form_urlencoded::byte_serialize(next.as_bytes()).collect()
}

/// Turns actix's own extractor errors (bad paths, bad query strings) into our pages.
pub fn query_error(
    err: actix_web::error::QueryPayloadError,
    _req: &actix_web::HttpRequest,
) -> actix_web::Error {
    AppError::BadRequest(format!("the query string is not valid: {err}")).into()
}

pub fn path_error(
    _err: actix_web::error::PathError,
    _req: &actix_web::HttpRequest,
) -> actix_web::Error {
    AppError::NotFound.into()
}
