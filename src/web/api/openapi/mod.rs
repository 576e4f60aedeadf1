//! The OpenAPI 3 document of `/api/v1`, generated from the handlers' `#[utoipa::path]` annotations
//! and served at `GET /api/openapi.json`. A test checks that it lists exactly the `/api/v1` routes
//! of the route table.

use actix_web::HttpResponse;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{articles, attached, claims, error};

mod contract;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "ClaimDesk API",
        description = "Articles and claims of one team, for scripts and newsroom tools. Authenticate with a personal API token from the account page: `Authorization: Bearer <token>`. The token acts with its member's current role in its team; 600 requests a minute per token."
    ),
    paths(
        articles::create,
        articles::fetch,
        articles::list,
        articles::show,
        claims::list,
        claims::show,
        claims::transition,
        claims::assign,
        attached::add_citation,
        attached::show_citation,
        attached::remove_citation,
        attached::add_comment,
        attached::show_comment,
    ),
    components(schemas(
        error::ErrorBody,
        error::ErrorDetail,
        crate::db::claims::queue::QueueRow,
        crate::db::models::CitationRow,
        crate::db::articles::Appearance,
    )),
    modifiers(&BearerScheme),
    security(("bearer" = [])),
    tags(
        (name = "articles", description = "Articles and the claim candidates found in them"),
        (name = "claims", description = "The claim queue, claims and their workflow"),
    )
)]
pub struct ApiDoc;

/// Declares the `bearer` security scheme the operations name.
struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("A personal API token from the account page"))
                    .build(),
            ),
        );
    }
}

/// The document as JSON: what utoipa derives from the handlers, with the request bodies' rules
/// (`contract`) written in.
pub fn document() -> Result<String, serde_json::Error> {
    let mut document = serde_json::to_value(ApiDoc::openapi())?;
    contract::apply(&mut document);
    serde_json::to_string_pretty(&document)
}

/// `GET /api/openapi.json`: public, like any API reference; it holds no data.
pub async fn serve() -> Result<HttpResponse, super::error::ApiError> {
    let body = document().map_err(crate::error::AppError::internal)?;
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .body(body))
}
