//! Fuzz target: the `next=` / `back=` redirect sanitizer (`web::local_path`).
//!
//! The value reaches it three ways, all fed here from the same bytes: the sign-in page's query
//! string (`GET /login?next=…`, the real `NextQuery` through serde_urlencoded), the sign-in form
//! body (`POST /login`, checked by `validate_urlencoded` first as `AnonymousForm` does), and the
//! bulk form's `back` field (`POST /claims/bulk`, a `Vec<(String, String)>`); and the raw bytes as
//! one string. Invariants: the answer starts with exactly one `/`, never `//` or `/\`, holds no
//! control character or backslash, is either the input unchanged or `/claims`, is a valid
//! `Location` header value, and, resolved the way a browser resolves a `Location` (WHATWG URL, which
//! the `url` crate implements) against a page of the site, stays on the site's scheme, host and port
//! with no user info.
#![no_main]

use actix_web::http::header::HeaderValue;
use claimdesk::web::auth::NextQuery;
use claimdesk::web::local_path;
use claimdesk::web::session::validate_urlencoded;
use libfuzzer_sys::fuzz_target;
use serde::Deserialize;
use url::Url;

/// The same fields as `web::auth::LoginForm` (whose fields are private); the target checks that
/// both accept the same bodies, so the two cannot drift apart unnoticed.
#[derive(Deserialize)]
struct LoginForm {
    #[allow(dead_code)]
    email: String,
    #[allow(dead_code)]
    password: String,
    next: Option<String>,
}

/// Mirrors `web::auth::NextQuery` (private field), checked the same way.
#[derive(Deserialize)]
struct NextMirror {
    next: Option<String>,
}

fn check(next: Option<&str>) {
    let out = local_path(next);
    assert!(out.starts_with('/'), "{out:?} is not a local path");
    assert!(
        !out.starts_with("//") && !out.starts_with("/\\"),
        "{out:?} is protocol-relative"
    );
    assert!(
        !out.chars().any(|c| c.is_control() || c == '\\'),
        "{out:?} holds a control character or backslash"
    );
    assert!(
        out == "/claims" || Some(out.as_str()) == next,
        "the path was rewritten"
    );
    // What `see_other` does with it: actix turns the String into a header value byte for byte.
    assert!(
        HeaderValue::from_bytes(out.as_bytes()).is_ok(),
        "{out:?} is not a header value"
    );
    for page in [
        "https://desk.example/login?next=%2Fclaims",
        "https://desk.example:8443/claims/bulk",
    ] {
        let base = Url::parse(page).unwrap();
        let target = base.join(&out).expect("a local path always resolves");
        assert_eq!(target.scheme(), base.scheme(), "{out:?} changes the scheme");
        assert_eq!(
            target.host_str(),
            base.host_str(),
            "{out:?} leaves the site"
        );
        assert_eq!(target.port(), base.port(), "{out:?} changes the port");
        assert!(target.username().is_empty() && target.password().is_none());
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(raw) = std::str::from_utf8(data) {
        check(Some(raw));
    }
    // GET /login?next=…
    let real = serde_urlencoded::from_bytes::<NextQuery>(data);
    let mirror = serde_urlencoded::from_bytes::<NextMirror>(data);
    assert_eq!(
        real.is_ok(),
        mirror.is_ok(),
        "NextQuery and its mirror differ"
    );
    if let Ok(q) = mirror {
        check(q.next.as_deref());
    }
    if validate_urlencoded(data).is_err() {
        return;
    }
    // POST /login
    let real = serde_urlencoded::from_bytes::<claimdesk::web::auth::LoginForm>(data);
    let mirror = serde_urlencoded::from_bytes::<LoginForm>(data);
    assert_eq!(
        real.is_ok(),
        mirror.is_ok(),
        "LoginForm and its mirror differ"
    );
    if let Ok(form) = mirror {
        check(form.next.as_deref());
    }
    // POST /claims/bulk: `back` is the first one, as `bulk::field` takes it.
    if let Ok(pairs) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(data) {
        let back = pairs
            .iter()
            .find(|(n, _)| n == "back")
            .map_or("", |(_, v)| v.as_str());
        check(Some(back));
    }
});
