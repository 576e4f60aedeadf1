//! Fuzz target: the review desk's form bodies (claims, articles, team settings, saved views, bulk).
//!
//! One urlencoded body passes `validate_urlencoded` (as `SignedForm` requires), then serde_urlencoded
//! deserializes it into each real form type and its fields go through the domain parses the handlers
//! use. The claim page's request shapes (`web::inputs`, shared with the API) parse themselves into
//! `Step`, `AssignTo`, `CitationDraft` (`WebUrl`, `Stance`), `Tag`, `ClaimWording`, `CommentBody`
//! and `GivenVerdict`; the other forms' fields are private, so mirror structs with the same fields
//! read them (`QuantityEdit`, `ArticleDraft`, `TeamName`, `VerdictKey`, `VerdictLabel`, `Rating`, the
//! saved view's address) and the target checks that the real type and its mirror accept exactly
//! the same bodies.
//!
//! Invariants: nothing panics; every accepted value is normalized (parsing it again gives the same
//! value) and within its set or limits; an accepted web address is http or https with a host; a
//! saved view's address stays on the site.
#![no_main]

use claimdesk::domain::{
    normalize_body, single_line_text, ArticleDraft, CitationDraft, Qualifier, QuantityEdit, Rating,
    RawArticle, Stance, Step, Tag, TeamName, Transition, VerdictKey, VerdictLabel, WebUrl,
};
use claimdesk::error::AppError;
use claimdesk::web::session::validate_urlencoded;
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;
use serde::Deserialize;

fn both<R: DeserializeOwned, M: DeserializeOwned>(body: &[u8], name: &str) -> Option<M> {
    let real = serde_urlencoded::from_bytes::<R>(body).is_ok();
    let mirror = serde_urlencoded::from_bytes::<M>(body).ok();
    assert_eq!(real, mirror.is_some(), "{name} and its mirror differ");
    mirror
}

// ---- mirrors of the form types (same fields, same serde attributes) ----

#[derive(Deserialize)]
struct AcceptForm {
    #[serde(default)]
    value: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    qualifier: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    speaker: String,
    #[serde(default)]
    statement: String,
    #[serde(default)]
    #[allow(dead_code)]
    as_new: Option<String>,
}

#[derive(Deserialize)]
struct AttachForm {
    #[serde(default)]
    claim_id: String,
}

#[derive(Deserialize)]
struct AcceptAboveForm {
    min_score: String,
}

#[derive(Deserialize)]
struct PassageForm {
    quote: String,
}

#[derive(Deserialize)]
struct TeamSettingsForm {
    name: String,
    #[serde(default)]
    org_url: String,
    blind_review: Option<String>,
    #[allow(dead_code)]
    min_sources: Option<String>,
}

#[derive(Deserialize)]
struct NewVerdictForm {
    key: String,
    label: String,
    #[serde(default)]
    rating: String,
}

#[derive(Deserialize)]
struct VerdictChangeForm {
    label: String,
    #[serde(default)]
    rating: String,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct RetireForm {
    #[serde(default)]
    replacement: String,
}

#[derive(Deserialize)]
struct SaveViewForm {
    name: String,
    query: String,
}

// ---- checks ----

fn one_line(value: &str, max: usize) {
    assert!(!value.is_empty(), "empty value accepted");
    assert_eq!(value, value.trim(), "untrimmed value accepted");
    assert!(
        !value.chars().any(char::is_control),
        "control character accepted"
    );
    assert!(value.chars().count() <= max, "overlong value accepted");
}

fn line(field: &'static str, raw: &str, max: usize) {
    if let Ok(value) = single_line_text(field, raw, max) {
        one_line(&value, max);
        assert_eq!(
            single_line_text(field, &value, max).as_deref(),
            Ok(value.as_str())
        );
    }
}

fn web_url(url: &WebUrl) {
    let s = url.as_str();
    assert!(
        s.starts_with("http://") || s.starts_with("https://"),
        "{s:?} accepted as a web address"
    );
    let parsed = url::Url::parse(s).expect("an accepted address parses");
    assert!(
        parsed.host_str().is_some_and(|h| !h.is_empty()),
        "{s:?} has no host"
    );
    assert!(!s.chars().any(|c| c.is_control() || c.is_whitespace()));
    assert_eq!(
        WebUrl::parse("url", s).as_ref(),
        Ok(url),
        "web addresses are idempotent"
    );
}

fn citation(draft: &CitationDraft) {
    web_url(&draft.url);
    one_line(&draft.title, 300);
    if let Some(p) = &draft.publisher {
        one_line(p, 200);
    }
    if let Some(e) = &draft.excerpt {
        assert!(!e.is_empty() && e.chars().count() <= 5000 && e.trim() == e);
    }
    assert_eq!(draft.stance.as_str().parse::<Stance>(), Ok(draft.stance));
    if let Some(d) = draft.accessed_on {
        assert_eq!(d.to_string().len(), 10, "dates are YYYY-MM-DD");
    }
}

fn quantity(f: &AcceptForm) {
    let Ok(edit) = QuantityEdit::parse(&f.value, &f.unit, &f.qualifier, &f.subject, &f.speaker)
    else {
        return;
    };
    if let Some(unit) = &edit.unit {
        assert!(
            unit.len() <= 30
                && unit
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'/')
        );
    }
    if let Some(q) = edit.qualifier {
        assert_eq!(q.as_str().parse::<Qualifier>(), Ok(q));
    }
    for s in [&edit.subject, &edit.speaker].into_iter().flatten() {
        one_line(s, 200);
    }
    if let Some(v) = &edit.value {
        assert!(!v.is_empty() && !v.chars().any(|c| c.is_whitespace() || c.is_control()));
    }
    // What was stored parses to itself.
    let again = QuantityEdit::parse(
        edit.value.as_deref().unwrap_or(""),
        edit.unit.as_deref().unwrap_or(""),
        edit.qualifier.map_or("", Qualifier::as_str),
        edit.subject.as_deref().unwrap_or(""),
        edit.speaker.as_deref().unwrap_or(""),
    );
    assert_eq!(again.as_ref(), Ok(&edit), "quantity edits are idempotent");
}

fn article(raw: &RawArticle) {
    const LIMIT: usize = 4096;
    let Ok(draft) = ArticleDraft::parse(raw, LIMIT) else {
        return;
    };
    one_line(&draft.title, 300);
    if let Some(url) = &draft.url {
        web_url(url);
    }
    for s in [&draft.publisher, &draft.author].into_iter().flatten() {
        one_line(s, 200);
    }
    let body = &draft.body;
    assert!(!body.is_empty() && body.len() <= LIMIT);
    assert!(!body.contains('\0') && !body.contains('\r'));
    assert_eq!(body.trim(), body);
    assert_eq!(&normalize_body(body), body, "bodies are normalized once");
    let hash = draft.body_hash();
    assert!(hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()));
    // The same article pasted again, with Windows line ends, hashes the same.
    let again = RawArticle {
        title: draft.title.clone(),
        url: draft
            .url
            .as_ref()
            .map_or(String::new(), |u| u.as_str().to_owned()),
        publisher: draft.publisher.clone().unwrap_or_default(),
        author: draft.author.clone().unwrap_or_default(),
        published_on: draft
            .published_on
            .map(|d| d.to_string())
            .unwrap_or_default(),
        body: format!("\r\n{}\r\n", body.replace('\n', "\r\n")),
    };
    let again =
        ArticleDraft::parse(&again, LIMIT + 2 * body.len() + 4).expect("a draft parses again");
    assert_eq!(again.body_hash(), hash);
    assert_eq!(again.published_on, draft.published_on);
}

fn verdict_key(raw: &str) {
    if let Ok(key) = VerdictKey::parse(raw) {
        let k = key.as_str();
        assert!(!k.is_empty() && k.len() <= VerdictKey::MAX_CHARS);
        assert!(k
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'));
        assert_eq!(VerdictKey::parse(k).as_ref(), Ok(&key));
    }
}

fn verdict_label(raw: &str) {
    if let Ok(label) = VerdictLabel::parse(raw) {
        one_line(label.as_str(), VerdictLabel::MAX_CHARS);
    }
}

fn rating(raw: &str) {
    if let Ok(Some(r)) = Rating::parse(raw) {
        assert!((1..=5).contains(&r.value()));
        assert_eq!(Rating::parse(&r.to_string()), Ok(Some(r)));
    }
}

/// The claim page's request shapes (shared with the API): a body the shape reads either parses
/// into its domain types or is refused naming a field.
fn claim_input<T: DeserializeOwned, U>(
    body: &[u8],
    parse: impl Fn(&T) -> Result<U, AppError>,
) -> Option<U> {
    let input = serde_urlencoded::from_bytes::<T>(body).ok()?;
    match parse(&input) {
        Ok(value) => Some(value),
        Err(AppError::Invalid(invalid)) => {
            assert!(!invalid.field.is_empty());
            None
        }
        Err(other) => panic!("a claim form answered {other:?}"),
    }
}

fuzz_target!(|data: &[u8]| {
    if validate_urlencoded(data).is_err() {
        return;
    }
    use claimdesk::web::{articles, bulk, inputs, settings};

    let _ = claim_input(data, inputs::AssignIn::parse);
    if let Some((_, step)) = claim_input(data, inputs::TransitionIn::parse) {
        assert_eq!(step.edge().as_str().parse::<Transition>(), Ok(step.edge()));
    }
    if let Some(draft) = claim_input(data, inputs::CitationIn::parse) {
        citation(&draft);
    }
    if let Some(body) = claim_input(data, inputs::CommentIn::parse) {
        let body = body.as_str();
        assert!(!body.is_empty() && body.chars().count() <= 10_000 && body.trim() == body);
    }
    if let Some((tag, _)) = claim_input(data, inputs::TagIn::parse) {
        let tag = tag.as_str();
        assert!(!tag.is_empty() && tag.chars().count() <= 40);
        assert!(tag
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' ')));
        assert_eq!(Tag::parse(tag).as_ref().map(Tag::as_str), Ok(tag), "tags are idempotent");
    }
    if let Some((_, wording)) = claim_input(data, inputs::EditIn::parse) {
        for s in [&wording.subject, &wording.speaker].into_iter().flatten() {
            one_line(s, 200);
        }
        line("subject", wording.subject.as_deref().unwrap_or(""), 200);
    }
    let _ = claim_input(data, inputs::SecondReviewIn::parse);
    let _ = serde_urlencoded::from_bytes::<inputs::DeriveIn>(data);
    if let Some(f) = both::<articles::AcceptForm, AcceptForm>(data, "articles::AcceptForm") {
        quantity(&f);
        line("statement", f.statement.trim(), 500);
    }
    if let Some(f) = both::<articles::AttachForm, AttachForm>(data, "AttachForm") {
        let typed = f.claim_id.trim().trim_start_matches('#');
        if let Ok(n) = typed.parse::<i64>() {
            assert_eq!(n.to_string().parse::<i64>(), Ok(n));
        }
    }
    if let Some(f) = both::<articles::AcceptAboveForm, AcceptAboveForm>(data, "AcceptAboveForm") {
        let _ = f.min_score.trim().parse::<f64>();
    }
    if let Some(f) = both::<articles::PassageForm, PassageForm>(data, "PassageForm") {
        let quote = normalize_body(&f.quote);
        assert_eq!(normalize_body(&quote), quote);
        assert!(!quote.contains('\r'));
    }
    if let Ok(raw) = serde_urlencoded::from_bytes::<RawArticle>(data) {
        article(&raw);
    }
    if let Some(f) = both::<settings::TeamSettingsForm, TeamSettingsForm>(data, "TeamSettingsForm")
    {
        if let Ok(name) = TeamName::parse(&f.name) {
            one_line(name.as_str(), 100);
        }
        if !f.org_url.trim().is_empty() {
            if let Ok(url) = WebUrl::parse("org_url", &f.org_url) {
                web_url(&url);
            }
        }
        let _ = f.blind_review;
    }
    if let Some(f) = both::<settings::NewVerdictForm, NewVerdictForm>(data, "NewVerdictForm") {
        verdict_key(&f.key);
        verdict_label(&f.label);
        rating(&f.rating);
    }
    if let Some(f) =
        both::<settings::VerdictChangeForm, VerdictChangeForm>(data, "VerdictChangeForm")
    {
        verdict_label(&f.label);
        rating(&f.rating);
    }
    let _ = both::<settings::RetireForm, RetireForm>(data, "RetireForm");
    if let Some(f) = both::<bulk::SaveViewForm, SaveViewForm>(data, "SaveViewForm") {
        line("name", &f.name, 80);
        // bulk::save_view's rule for the address, then where a browser would take the link.
        let query = f.query.trim();
        if query.starts_with("/claims")
            && query.len() <= 2000
            && !query.chars().any(char::is_control)
        {
            let base = url::Url::parse("https://desk.example/claims").unwrap();
            let target = base.join(query).expect("a saved view resolves");
            assert_eq!(
                target.host_str(),
                Some("desk.example"),
                "{query:?} leaves the site"
            );
        }
    }
    // POST /claims/bulk: `action` is a workflow action unless it is one of the bulk ones.
    if let Ok(pairs) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(data) {
        for (name, value) in &pairs {
            match name.as_str() {
                "action" => {
                    if let Ok(edge) = value.parse::<Transition>() {
                        assert_eq!(edge.as_str(), value);
                        // Bulk takes only the steps that need nothing typed.
                        if let Some(step) = Step::bare(edge) {
                            assert_eq!(step.edge(), edge);
                        }
                    }
                }
                "tag" => {
                    let _ = Tag::parse(value);
                }
                _ => {}
            }
        }
    }
});
