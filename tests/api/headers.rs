//! Security headers on every response, body limits, and the health check.

use claimdesk::domain::Role;

use crate::both_backends;
use crate::helpers::{browser, spawn_app, spawn_app_with, Backend};

both_backends!(
    security_headers_are_on_ok_not_found_and_too_large_responses,
    an_oversize_form_is_refused_with_413_and_the_server_keeps_serving,
    healthz_answers_ok,
    secure_cookie_mode_uses_host_prefix_and_hsts,
    unknown_addresses_get_a_styled_404,
    a_gzip_body_is_not_inflated,
    every_pooled_sqlite_connection_has_the_durability_pragmas,
);

fn assert_security_headers(response: &reqwest::Response) {
    let h = response.headers();
    let what = response.url().path().to_owned();
    assert_eq!(
        h["content-security-policy"],
        "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
        "{what}"
    );
    assert_eq!(h["x-content-type-options"], "nosniff", "{what}");
    assert_eq!(h["x-frame-options"], "DENY", "{what}");
    assert_eq!(
        h["referrer-policy"], "strict-origin-when-cross-origin",
        "{what}"
    );
    assert!(h.get("server").is_none(), "{what}: no Server header");
    if let Some(content_type) = h.get("content-type") {
        let content_type = content_type.to_str().unwrap();
        if content_type.starts_with("text/") {
            assert!(
                content_type.contains("charset=utf-8"),
                "{what}: {content_type}"
            );
        }
    }
}

async fn security_headers_are_on_ok_not_found_and_too_large_responses(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = app.add_member("Desk", Role::Viewer).await;
    let client = app.signed_in(&user).await;
    let ok = app.get(&client, "/claims").await;
    assert_eq!(ok.status(), 200);
    assert_security_headers(&ok);
    let not_found = app.get(&client, "/no/such/page").await;
    assert_eq!(not_found.status(), 404);
    assert_security_headers(&not_found);
    let csrf = app.csrf_of(&client).await;
    let big = "x".repeat(70 * 1024);
    let too_large = app
        .post_form(
            &client,
            "/account/password",
            &[
                ("csrf_token", &csrf),
                ("current_password", &big),
                ("new_password", "y"),
            ],
        )
        .await;
    assert_eq!(too_large.status(), 413);
    assert_security_headers(&too_large);
    let css = app.get(&client, "/static/app.css").await;
    assert_eq!(css.status(), 200);
    assert_security_headers(&css);
    let login = app.get(&browser(), "/login").await;
    assert_security_headers(&login);
}

async fn an_oversize_form_is_refused_with_413_and_the_server_keeps_serving(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.form_limit = 4096).await;
    let user = app.add_member("Desk", Role::Viewer).await;
    let client = app.signed_in(&user).await;
    let csrf = app.csrf_of(&client).await;
    let started = std::time::Instant::now();
    let big = "x".repeat(5000);
    let response = app
        .post_form(
            &client,
            "/account/password",
            &[
                ("csrf_token", &csrf),
                ("current_password", &big),
                ("new_password", "y"),
            ],
        )
        .await;
    assert_eq!(response.status(), 413);
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
    // A chunked body without Content-Length is cut off while reading.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        (0..10).map(|_| Ok(vec![b'a'; 1024])).collect();
    let response = client
        .post(app.url("/logout"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(reqwest::Body::wrap_stream(futures_util::stream::iter(
            chunks,
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    assert_eq!(
        app.get(&client, "/claims").await.status(),
        200,
        "still serving, still signed in"
    );
}

async fn healthz_answers_ok(backend: Backend) {
    let app = spawn_app(backend).await;
    let response = app.get(&browser(), "/healthz").await;
    assert_eq!(response.status(), 200);
    assert_security_headers(&response);
    assert_eq!(response.text().await.unwrap(), "ok");
}

async fn secure_cookie_mode_uses_host_prefix_and_hsts(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.secure_cookies = true).await;
    let response = app.get(&browser(), "/login").await;
    assert!(response.headers()["strict-transport-security"]
        .to_str()
        .unwrap()
        .contains("max-age="));
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("__Host-claimdesk_pre="), "{cookie}");
    assert!(cookie.contains("Secure"));
    assert!(cookie.contains("Path=/"));
}

async fn unknown_addresses_get_a_styled_404(backend: Backend) {
    let app = spawn_app(backend).await;
    let response = app.get(&browser(), "/nothing-here").await;
    assert_eq!(response.status(), 404);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(response.text().await.unwrap().contains("Not found"));
}

async fn a_gzip_body_is_not_inflated(backend: Backend) {
    use std::io::Write;
    let app = spawn_app(backend).await;
    let user = app.add_member("Desk", Role::Admin).await;
    let client = app.signed_in(&user).await;
    let csrf = app.csrf_of(&client).await;
    // 8 MiB of a valid form once inflated, a few KiB on the wire.
    let form = format!(
        "csrf_token={csrf}&role=viewer&email=x%40example.org&pad={}",
        "a".repeat(8 * 1024 * 1024)
    );
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(form.as_bytes()).unwrap();
    let compressed = encoder.finish().unwrap();
    assert!(compressed.len() < 64 * 1024);
    let started = std::time::Instant::now();
    let response = client
        .post(app.url("/team/invites"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Content-Encoding", "gzip")
        .body(compressed)
        .send()
        .await
        .unwrap();
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
    assert_eq!(
        response.status(),
        400,
        "the compressed bytes are read as they are: not a form"
    );
    let invites = app
        .with_db(|conn| {
            use diesel::prelude::*;
            claimdesk::db::schema::invites::table
                .count()
                .get_result::<i64>(conn)
                .unwrap()
        })
        .await;
    assert_eq!(invites, 0);
    assert_eq!(app.get(&client, "/claims").await.status(), 200);
}

async fn every_pooled_sqlite_connection_has_the_durability_pragmas(backend: Backend) {
    let app = spawn_app(backend).await;
    #[derive(diesel::QueryableByName)]
    struct Setting {
        #[diesel(sql_type = diesel::sql_types::Text)]
        value: String,
    }
    let settings = app
        .with_db(|conn| {
            use diesel::RunQueryDsl;
            if !matches!(conn, claimdesk::db::DbConn::Sqlite(_)) {
                return None;
            }
            let read = |conn: &mut claimdesk::db::DbConn, pragma: &str| {
                diesel::sql_query(format!("SELECT CAST(({pragma}) AS TEXT) AS value"))
                    .load::<Setting>(conn)
                    .map(|mut rows| rows.remove(0).value)
                    .unwrap()
            };
            Some([
                read(conn, "SELECT journal_mode FROM pragma_journal_mode"),
                read(conn, "SELECT synchronous FROM pragma_synchronous"),
                read(conn, "SELECT foreign_keys FROM pragma_foreign_keys"),
                read(conn, "SELECT timeout FROM pragma_busy_timeout"),
            ])
        })
        .await;
    let Some([journal, synchronous, foreign_keys, busy]) = settings else {
        return; // PostgreSQL has no such settings.
    };
    assert_eq!(journal, "wal");
    assert_eq!(synchronous, "2", "FULL");
    assert_eq!(foreign_keys, "1");
    assert!(busy.parse::<u32>().unwrap() >= 5000, "{busy}");
}
