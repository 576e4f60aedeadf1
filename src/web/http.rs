//! HTTP as the RFCs and operators expect, for every route at once: HEAD is answered like GET
//! without the body (RFC 9110 §9.3.2; actix omits the body of a HEAD request's answer); a known path
//! asked with a method it does not have answers 405 with `Allow` (the route table's resources add
//! the header), rendered from the error table like any error: a page, or JSON under `/api/`; and
//! every answer carries the request's id in `X-Request-Id` (a sane incoming one is kept), the id
//! the request log line and any server error show.

use actix_web::body::BoxBody;
use actix_web::dev::{Service, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::{Error, HttpMessage, ResponseError};

use crate::error::AppError;
use crate::telemetry;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Marks a HEAD request answered as a GET, for the request log.
struct AnsweredAsHead;

/// The request log: one line per request, through actix-web's own `Logger` (the `log` crate, which
/// the tracing subscriber carries), with the route as written in the route table.
pub fn request_log() -> actix_web::middleware::Logger {
    actix_web::middleware::Logger::new("%{method}xi %{route}xo %s %Dms request_id=%{x-request-id}i")
        .log_target("claimdesk::request")
        .custom_request_replace("method", |req| {
            if req.extensions().get::<AnsweredAsHead>().is_some() {
                "HEAD".to_owned()
            } else {
                req.method().to_string()
            }
        })
        .custom_response_replace("route", |res| {
            res.request()
                .match_pattern()
                .unwrap_or_else(|| "(no route)".to_owned())
        })
}

/// The middleware, for `App::wrap_fn`.
pub fn conventions<S, B>(
    mut req: ServiceRequest,
    service: &S,
) -> impl std::future::Future<Output = Result<ServiceResponse<BoxBody>, Error>>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    B: actix_web::body::MessageBody + 'static,
{
    if req.method() == Method::HEAD {
        req.head_mut().method = Method::GET;
        req.extensions_mut().insert(AnsweredAsHead);
    }
    let id = req
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|raw| telemetry::sane_request_id(raw))
        .map_or_else(telemetry::new_request_id, str::to_owned);
    // The request log reads the id from the request headers: the sane id replaces what came.
    if let Ok(value) = HeaderValue::from_str(&id) {
        req.headers_mut().insert(REQUEST_ID, value);
    }
    let api = req.path().starts_with("/api/");
    let answer = telemetry::with_request_id(id.clone(), service.call(req));
    async move {
        let mut response = answer.await?.map_into_boxed_body();
        if let Ok(value) = HeaderValue::from_str(&id) {
            response.headers_mut().insert(REQUEST_ID, value);
        }
        if response.status() != StatusCode::METHOD_NOT_ALLOWED {
            return Ok(response);
        }
        let allow = response
            .headers()
            .get(header::ALLOW)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let error = AppError::MethodNotAllowed { allow };
        let mut rendered = if api {
            super::api::error::ApiError(error).error_response()
        } else {
            error.error_response()
        };
        if let Ok(value) = HeaderValue::from_str(&id) {
            rendered.headers_mut().insert(REQUEST_ID, value);
        }
        Ok(response.into_response(rendered))
    }
}
