//! How an `AppError` answers on a page: the status and message of the one error table
//! (`AppError::public`) in a styled page. Server errors show only the request id their log line
//! carries.

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
            AppError::LoginRequired { .. } => StatusCode::SEE_OTHER,
            other => other.status(),
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let AppError::LoginRequired { next } = self {
            let location = format!("/login?next={}", encode_next(next));
            return HttpResponse::SeeOther()
                .insert_header((header::LOCATION, location))
                .finish();
        }
        let public = self.public();
        let page = ErrorPage {
            chrome: super::page::Chrome::anonymous(public.heading),
            status: public.status.as_u16(),
            heading: public.heading,
            message: public.message,
            request_id: public.request_id,
        };
        let mut response = HttpResponse::build(public.status);
        match self {
            AppError::TooManyRequests { retry_after } => {
                response.insert_header((header::RETRY_AFTER, retry_after.to_string()));
            }
            AppError::MethodNotAllowed { allow } => {
                response.insert_header((header::ALLOW, allow.as_str()));
            }
            _ => {}
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
                    .body(public.heading.to_owned())
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
