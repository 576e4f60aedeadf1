//! The JSON API under `/api/v1`, for scripts and newsroom tools. Callers authenticate with a
//! personal token (`Authorization: Bearer …`, see `auth`), never with the session cookie, so the API
//! needs no CSRF token. Like the pages, handlers read their request (the shapes of `web::inputs`,
//! through the one body reader), call the desk and render its answer, here as JSON: the rules live
//! in `desk` alone. Errors answer as JSON (`error`). `openapi` describes every route; a test keeps it
//! complete.

pub mod articles;
pub mod attached;
pub mod auth;
pub mod claims;
pub mod error;
pub mod openapi;

use actix_web::{web, HttpRequest};
use serde::de::DeserializeOwned;

use crate::domain::Invalid;
use crate::error::{AppError, AppResult};

/// Every field name of the API's request bodies, so a refusal can name the field as the `'static`
/// name `Invalid` carries.
const FIELDS: &[&str] = &[
    "title",
    "url",
    "publisher",
    "author",
    "published_on",
    "body",
    "version",
    "action",
    "verdict",
    "rationale",
    "note",
    "assignee",
    "excerpt",
    "accessed_on",
    "stance",
    "statement",
    "subject",
    "speaker",
    "tag",
    "remove",
];

/// The id in the path segment `name`; anything else is a 404, like a missing id.
pub(crate) fn path_id(req: &HttpRequest, name: &str) -> AppResult<i64> {
    req.match_info()
        .get(name)
        .and_then(|raw| raw.parse().ok())
        .ok_or(AppError::NotFound)
}

/// Reads a JSON object of at most `limit` bytes into `T`: 415 unless the content type is
/// `application/json`, 413 past the limit (from `Content-Length` before reading, when given), 400
/// for malformed JSON, a body that is not an object, NUL characters, or a field of the wrong type
/// (naming the field). Every field of `T` must have a default: required fields are checked when
/// the request is parsed into domain types, where the refusal names them too. Unknown fields are
/// ignored, like extra form fields.
pub(crate) async fn read_json<T: DeserializeOwned>(
    req: &HttpRequest,
    mut payload: web::Payload,
    limit: usize,
) -> AppResult<T> {
    let body =
        crate::web::body::read(req, &mut payload, limit, crate::web::body::Kind::Json).await?;
    parse_json(&body)
}

fn static_field(name: &str) -> Option<&'static str> {
    FIELDS.iter().copied().find(|f| *f == name)
}

fn wrong_field(name: &str, message: String) -> AppError {
    match static_field(name) {
        Some(field) => AppError::Invalid(Invalid::new(field, message)),
        None => AppError::BadRequest(format!("{name}: {message}")),
    }
}

fn holds_nul(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::String(s) => s.contains('\0'),
        serde_json::Value::Array(items) => items.iter().any(holds_nul),
        serde_json::Value::Object(map) => map.iter().any(|(k, v)| k.contains('\0') || holds_nul(v)),
        _ => false,
    }
}

/// The parsing half of `read_json`.
pub fn parse_json<T: DeserializeOwned>(body: &[u8]) -> AppResult<T> {
    let value: serde_json::Value = serde_json::from_slice(body).map_err(|e| {
        AppError::BadRequest(format!(
            "the body is not valid JSON (line {}, column {})",
            e.line(),
            e.column()
        ))
    })?;
    let serde_json::Value::Object(map) = value else {
        return Err(AppError::BadRequest(
            "the body must be a JSON object".into(),
        ));
    };
    // Only the fields the API reads are looked at: unknown ones are ignored, whatever they hold.
    for (name, value) in &map {
        if static_field(name).is_some() && holds_nul(value) {
            return Err(wrong_field(name, "must not contain NUL characters".into()));
        }
    }
    match serde_json::from_value::<T>(serde_json::Value::Object(map.clone())) {
        Ok(parsed) => Ok(parsed),
        Err(whole) => {
            // serde does not say which field a type error is about: every field has a default, so
            // trying each field alone finds the one at fault.
            for (name, value) in map {
                let alone = serde_json::Map::from_iter([(name.clone(), value)]);
                if let Err(e) = serde_json::from_value::<T>(serde_json::Value::Object(alone)) {
                    return Err(wrong_field(&name, format!("has the wrong type ({e})")));
                }
            }
            Err(AppError::BadRequest(format!(
                "the body does not fit: {whole}"
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_json;
    use crate::error::AppError;

    #[derive(Debug, Default, serde::Deserialize)]
    #[serde(default)]
    struct Probe {
        version: Option<i64>,
        title: String,
    }

    fn field_of(body: &str) -> Option<&'static str> {
        match parse_json::<Probe>(body.as_bytes()) {
            Err(AppError::Invalid(invalid)) => Some(invalid.field),
            _ => None,
        }
    }

    #[test]
    fn a_field_of_the_wrong_type_is_named() {
        assert_eq!(
            field_of(r#"{"title": "a", "version": "seven"}"#),
            Some("version")
        );
        assert_eq!(field_of(r#"{"title": 5, "version": 7}"#), Some("title"));
        assert_eq!(field_of(r#"{"title": "a\u0000b"}"#), Some("title"));
    }

    #[test]
    fn good_bodies_parse_and_bad_ones_are_bad_requests() {
        let probe: Probe = parse_json(br#"{"version": 3, "team_id": 9}"#).unwrap();
        assert_eq!(probe.version, Some(3));
        assert_eq!(probe.title, "");
        for bad in [&b"{"[..], b"[1]", b"\"x\"", b"{\"title\": \"\xff\"}"] {
            assert!(matches!(
                parse_json::<Probe>(bad),
                Err(AppError::BadRequest(_))
            ));
        }
    }
}
