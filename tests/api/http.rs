//! HTTP conventions operators and tools expect: HEAD answers like GET without a body, a wrong
//! method on a known address is 405 with `Allow`, `/healthz` and `/readyz`, and absolute links
//! that come from configuration only, never from a request's host headers.

use claimdesk::domain::Role;

use crate::both_backends;
use crate::helpers::{browser, spawn_app, spawn_app_with, Backend};
use crate::public::published_claim;

both_backends!(
    head_answers_like_get_without_a_body,
    a_known_address_with_another_method_is_405_with_allow,
    readiness_asks_the_database,
    forged_host_headers_never_reach_public_links,
    invite_links_are_whole_addresses,
    every_answer_carries_its_request_id,
    metrics_are_served_on_their_own_address_only,
);

async fn head_answers_like_get_without_a_body(backend: Backend) {
    let app = spawn_app(backend).await;
    let client = browser();
    for (path, status) in [
        ("/healthz", 200),
        ("/readyz", 200),
        ("/login", 200),
        ("/claims", 303),
    ] {
        let get = app.get(&client, path).await;
        let head = client.head(app.url(path)).send().await.unwrap();
        assert_eq!(head.status().as_u16(), status, "HEAD {path}");
        assert_eq!(get.status(), head.status(), "{path}");
        assert_eq!(
            get.headers().get("content-type"),
            head.headers().get("content-type"),
            "{path}"
        );
        assert!(head.headers().contains_key("content-security-policy"));
        assert!(
            head.bytes().await.unwrap().is_empty(),
            "HEAD {path} has no body"
        );
    }
}

async fn a_known_address_with_another_method_is_405_with_allow(backend: Backend) {
    let app = spawn_app(backend).await;
    let client = browser();
    let put = client.put(app.url("/login")).send().await.unwrap();
    assert_eq!(put.status(), 405);
    assert_eq!(put.headers()["allow"], "GET, POST");
    assert!(put.headers().contains_key("content-security-policy"));
    assert!(put.text().await.unwrap().contains("Method not allowed"));
    let delete = client.delete(app.url("/healthz")).send().await.unwrap();
    assert_eq!(delete.status(), 405);
    assert_eq!(delete.headers()["allow"], "GET");
    // Under /api the answer is JSON, like every API error.
    let api = client
        .post(app.url("/api/v1/claims/1"))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 405);
    assert_eq!(api.headers()["allow"], "GET");
    let body: serde_json::Value = api.json().await.unwrap();
    assert_eq!(body["error"]["code"], "method_not_allowed");
    assert_eq!(body["error"]["status"], 405);
    // An unknown address is still a 404, whatever the method.
    assert_eq!(
        client
            .put(app.url("/no-such-page"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}

async fn readiness_asks_the_database(backend: Backend) {
    let postgres = matches!(backend, Backend::Postgres(_));
    let app = spawn_app(backend).await;
    let ready = app.get(&browser(), "/readyz").await;
    assert_eq!(ready.status(), 200);
    assert_eq!(ready.text().await.unwrap(), "ready");
    if postgres {
        // The database goes away under the running server: alive, but not ready.
        let name = match &app.database {
            claimdesk::config::DatabaseUrl::Postgres(url) => {
                url.rsplit('/').next().unwrap().to_owned()
            }
            claimdesk::config::DatabaseUrl::Sqlite(_) => unreachable!(),
        };
        let server = std::env::var("TEST_DATABASE_URL").unwrap();
        tokio::task::spawn_blocking(move || {
            use diesel::connection::SimpleConnection;
            use diesel::Connection;
            let mut conn = diesel::pg::PgConnection::establish(&server).unwrap();
            conn.batch_execute(&format!("DROP DATABASE \"{name}\" WITH (FORCE)"))
                .unwrap();
        })
        .await
        .unwrap();
        let down = app.get(&browser(), "/readyz").await;
        assert_eq!(down.status(), 503);
        assert_eq!(app.get(&browser(), "/healthz").await.status(), 200);
    }
}

/// The addresses a page links to absolutely.
fn hosts_in(text: &str) -> Vec<String> {
    text.split("http")
        .skip(1)
        .filter_map(|rest| rest.strip_prefix("://").or(rest.strip_prefix("s://")))
        .map(|rest| {
            rest.split(['/', '"', '\\', '<', ' ', '?'])
                .next()
                .unwrap_or("")
                .to_owned()
        })
        .collect()
}

async fn forged_host_headers_never_reach_public_links(backend: Backend) {
    for configured in [None, Some("https://claims.example.org")] {
        let app = spawn_app_with(backend.clone(), |settings| {
            settings.public_url = configured.map(str::to_owned);
        })
        .await;
        let (claim, _) = published_claim(&app).await;
        let expected = match configured {
            Some(url) => url.to_owned(),
            None => app.address.clone(),
        };
        for path in [
            format!("/verdicts/{claim}"),
            format!("/claims/{claim}/claimreview.json"),
        ] {
            let answer = browser()
                .get(app.url(&path))
                .header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Proto", "https")
                .header("Forwarded", "host=evil.example;proto=https")
                .send()
                .await
                .unwrap();
            assert_eq!(answer.status(), 200, "{path}");
            let text = answer.text().await.unwrap();
            assert!(!text.contains("evil.example"), "{path}: {text}");
            assert!(
                text.contains(&format!("{expected}/verdicts/{claim}")),
                "{path} links {expected}: {:?}",
                hosts_in(&text)
            );
        }
        // A forged Host header as well (the server answers any Host).
        let forged = browser()
            .get(app.url(&format!("/claims/{claim}/claimreview.json")))
            .header("Host", "evil.example")
            .send()
            .await
            .unwrap();
        assert!(!forged.text().await.unwrap().contains("evil.example"));
    }
}

async fn invite_links_are_whole_addresses(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.add_member("Desk", Role::Admin).await;
    let client = app.signed_in(&admin).await;
    let csrf = app.csrf_of(&client).await;
    let page = app
        .post_form(
            &client,
            "/team/invites",
            &[
                ("csrf_token", csrf.as_str()),
                ("email", "new.member@example.org"),
                ("role", "reviewer"),
            ],
        )
        .await;
    let text = page.text().await.unwrap();
    assert!(
        text.contains(&format!("{}/invites/", app.address)),
        "the invite link can be pasted into an e-mail: {text}"
    );
}

async fn every_answer_carries_its_request_id(backend: Backend) {
    let app = spawn_app(backend).await;
    let client = browser();
    let made = app.get(&client, "/login").await;
    let id = made.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert!(
        id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit()),
        "{id}"
    );
    let other = app.get(&client, "/login").await;
    assert_ne!(
        other.headers()["x-request-id"],
        id.as_str(),
        "one id per request"
    );
    // A sane id from a proxy is kept; anything else is replaced.
    let kept = client
        .get(app.url("/healthz"))
        .header("X-Request-Id", "lb-7f3a.42_x")
        .send()
        .await
        .unwrap();
    assert_eq!(kept.headers()["x-request-id"], "lb-7f3a.42_x");
    let replaced = client
        .get(app.url("/healthz"))
        .header("X-Request-Id", "a b <script>")
        .send()
        .await
        .unwrap();
    assert_ne!(replaced.headers()["x-request-id"], "a b <script>");
    // Errors carry it too, 404 and 405 alike.
    for answer in [
        app.get(&client, "/no-such-page").await,
        client.put(app.url("/login")).send().await.unwrap(),
    ] {
        assert!(answer.headers().contains_key("x-request-id"));
    }
}

async fn metrics_are_served_on_their_own_address_only(backend: Backend) {
    let app = spawn_app_with(backend, |settings| {
        settings.metrics_bind = Some("127.0.0.1:0".parse().unwrap());
    })
    .await;
    let client = browser();
    let (claim, _) = published_claim(&app).await;
    assert_eq!(
        app.get(&client, &format!("/verdicts/{claim}"))
            .await
            .status(),
        200
    );
    assert_eq!(
        app.get(&client, "/metrics").await.status(),
        404,
        "not on the public address"
    );
    let metrics = app.metrics_address.clone().expect("a metrics listener");
    let scrape = client
        .get(format!("{metrics}/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(scrape.status(), 200);
    let text = scrape.text().await.unwrap();
    assert!(text.contains("claimdesk_http_requests_total"), "{text}");
    assert!(
        text.contains("endpoint=\"/verdicts/{claim_id}\""),
        "counted per route, not per address: {text}"
    );
    assert!(text.contains("claimdesk_http_requests_duration_seconds_bucket"));
    assert!(text.contains("claimdesk_db_pool_connections"));
    // Without the setting there is no listener at all.
    let plain = spawn_app(match &app.database {
        claimdesk::config::DatabaseUrl::Sqlite(_) => Backend::Sqlite,
        claimdesk::config::DatabaseUrl::Postgres(_) => Backend::postgres().unwrap(),
    })
    .await;
    assert!(plain.metrics_address.is_none());
}
