//! Fuzz target: the JSON API's request bodies (`POST /api/v1/...`).
//!
//! Arbitrary bytes go through the real `web::api::parse_json` (the parsing half of `read_json`:
//! a JSON object, no NUL anywhere, a wrong-typed field named) into each real input type
//! (`ArticleIn`, `TransitionIn`, `AssignIn`, `CitationIn`, `CommentIn`), and from there into the
//! domain parses the API shares with the forms (`ArticleDraft`, `Transition`, `CitationDraft`).
//! Invariants: nothing panics; a refusal is a 400 (bad request or an invalid field that names a field
//! of the API); an accepted value holds no NUL; accepted citation links are http or https.
#![no_main]

use claimdesk::domain::{ArticleDraft, CitationDraft, RawArticle, Transition};
use claimdesk::error::AppError;
use claimdesk::web::api::articles::ArticleIn;
use claimdesk::web::api::claims::{AssignIn, CitationIn, CommentIn, TransitionIn};
use claimdesk::web::api::parse_json;
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
        if let Ok(edge) = t.action.parse::<Transition>() {
            assert_eq!(edge.as_str(), t.action);
        }
        for s in [&t.verdict, &t.rationale, &t.note].into_iter().flatten() {
            assert!(!s.contains('\0'));
        }
    }
    let _ = parsed::<AssignIn>(data);
    if let Some(c) = parsed::<CitationIn>(data) {
        if let Ok(draft) = CitationDraft::parse(
            &c.url,
            &c.title,
            c.publisher.as_deref().unwrap_or(""),
            c.excerpt.as_deref().unwrap_or(""),
            c.accessed_on.as_deref().unwrap_or(""),
            &c.stance,
        ) {
            let url = draft.url.as_str();
            assert!(
                url.starts_with("http://") || url.starts_with("https://"),
                "{url:?}"
            );
        }
    }
    if let Some(c) = parsed::<CommentIn>(data) {
        assert!(!c.body.contains('\0'));
    }
});
