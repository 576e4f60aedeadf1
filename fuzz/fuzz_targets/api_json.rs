//! Fuzz target: the JSON API's request bodies (`POST /api/v1/...`).
//!
//! Arbitrary bytes go through the real `web::api::parse_json` (the parsing half of `read_json`:
//! a JSON object, no NUL anywhere, a wrong-typed field named) into each real input type
//! (`ArticleIn`, and the request shapes the claim page's forms share: `TransitionIn`, `AssignIn`,
//! `CitationIn`, `CommentIn`, `EditIn`, `TagIn`), and from there through their own parses into
//! domain types. Invariants: nothing panics; a refusal is a 400 (bad request or an invalid field
//! that names a field of the API); an accepted value holds no NUL; accepted citation links are
//! http or https; an accepted step's action names its own edge.
#![no_main]

use claimdesk::domain::{ArticleDraft, RawArticle, Step};
use claimdesk::error::AppError;
use claimdesk::web::api::articles::ArticleIn;
use claimdesk::web::api::parse_json;
use claimdesk::web::inputs::{AssignIn, CitationIn, CommentIn, EditIn, TagIn, TransitionIn};
use libfuzzer_sys::fuzz_target;

fn parsed<T: serde::de::DeserializeOwned>(body: &[u8]) -> Option<T> {
    match parse_json::<T>(body) {
        Ok(value) => Some(value),
        Err(AppError::BadRequest(_)) => None,
        Err(AppError::Invalid(invalid)) => {
            assert!(!invalid.field.is_empty(), "an invalid field without a name");
            None
        }
        Err(other) => panic!("parse_json answered {other:?}"),
    }
}

fuzz_target!(|data: &[u8]| {
    if let Some(a) = parsed::<ArticleIn>(data) {
        let raw = RawArticle::from(a);
        assert!(!raw.body.contains('\0') && !raw.title.contains('\0'));
        if let Ok(draft) = ArticleDraft::parse(&raw, 64 * 1024) {
            assert!(!draft.body.is_empty() && !draft.body.contains('\0'));
        }
    }
    if let Some(t) = parsed::<TransitionIn>(data) {
        refused_by_name(t.parse()).map(|(_, step): (i64, Step)| {
            assert_eq!(Some(step.edge().as_str()), t.action.as_deref());
            if let Step::Reopen { note } = &step {
                assert!(!note.trim().is_empty() && !note.contains('\0'));
            }
        });
    }
    if let Some(a) = parsed::<AssignIn>(data) {
        let _ = refused_by_name(a.parse());
    }
    if let Some(c) = parsed::<CitationIn>(data) {
        if let Some(draft) = refused_by_name(c.parse()) {
            let url = draft.url.as_str();
            assert!(
                url.starts_with("http://") || url.starts_with("https://"),
                "{url:?}"
            );
        }
    }
    if let Some(c) = parsed::<CommentIn>(data) {
        if let Some(body) = refused_by_name(c.parse()) {
            assert!(!body.as_str().contains('\0') && !body.as_str().trim().is_empty());
        }
    }
    if let Some(e) = parsed::<EditIn>(data) {
        let _ = refused_by_name(e.parse());
    }
    if let Some(t) = parsed::<TagIn>(data) {
        let _ = refused_by_name(t.parse());
    }
});

/// A parse into domain types either succeeds or refuses naming a field (never anything else).
fn refused_by_name<T>(result: Result<T, AppError>) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(AppError::Invalid(invalid)) => {
            assert!(!invalid.field.is_empty());
            None
        }
        Err(other) => panic!("a request parse answered {other:?}"),
    }
}
