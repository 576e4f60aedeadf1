//! Articles from links through the guarded fetcher, against a local web server: refused by default
//! (it is on this machine), fetched when `CLAIMDESK_FETCH_ALLOW` lets it through, with the page's
//! own title and no navigation, banner or footer text; a known link is not fetched again; every
//! kind of refusal comes back as the form with the address and the reason, and saves nothing.

use claimdesk::domain::Role;
use serde_json::json;

use crate::api::{member_with_token, post_json};
use crate::both_backends;
use crate::helpers::{spawn_app, spawn_app_with, Backend, TestApp};
use crate::web_server::{Reply, WebServer};

both_backends!(
    a_link_to_this_machine_is_not_fetched_by_default,
    an_allowed_link_becomes_an_article_with_its_own_title_and_text,
    a_known_link_or_text_opens_the_article_already_there,
    every_refusal_says_why_keeps_the_address_and_saves_nothing,
    the_api_fetches_a_link_and_names_the_field_of_a_refusal,
);

/// A news page as sites serve them: a menu, a cookie banner, the article, related links, a footer.
const STORY: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour fund grows to $80 million | The Coastal Ledger</title>
<meta property="og:site_name" content="The Coastal Ledger">
<meta name="author" content="Mira Okafor">
<meta property="article:published_time" content="2026-03-14T08:30:00Z">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics desk</a></li>
<li><a href="/sport">Sport results</a></li><li><a href="/weather">Weather today</a></li></ul></nav></header>
<div id="cookie-consent" class="cookie-banner"><p>We use cookies to personalise content. Accept all cookies or manage your preferences.</p><button>Accept</button></div>
<main><article>
<h1>Harbour fund grows to $80 million</h1>
<p class="byline">By Mira Okafor</p>
<p>The port authority said on Friday that its harbour repair fund had grown to $80 million, up from
$52 million a year earlier, after three coastal councils added money to it over the winter.</p>
<p>Engineers estimate that 14 of the 40 berths need new pilings within five years, and the authority
plans to begin work on the first six berths when the spring storms have passed.</p>
<p>Critics on the councils say the fund still falls short of what the last survey called for, and that
nobody has yet said how the remaining work would be paid for once the fund runs out.</p>
</article></main>
<aside class="related"><h2>Most read</h2><ul><li><a href="/a">Ferry timetable changes</a></li><li><a href="/b">Lighthouse reopens</a></li></ul></aside>
<footer><p>Copyright 2026 The Coastal Ledger. All rights reserved.</p><a href="/contact">Contact us</a> <a href="/jobs">Careers at the Ledger</a></footer>
</body></html>"#;

/// A reviewer's browser on an app whose fetcher may reach the local server when `allow` is set.
async fn desk(backend: Backend, allow: bool) -> (TestApp, reqwest::Client, String) {
    let app = if allow {
        spawn_app_with(backend, |s| {
            s.fetch.allow = claimdesk::fetch::AllowList::parse("127.0.0.1/32").unwrap();
            s.fetch.max_bytes = 64 * 1024;
        })
        .await
    } else {
        spawn_app(backend).await
    };
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let browser = app.signed_in(&reviewer).await;
    let csrf = app.csrf_of(&browser).await;
    (app, browser, csrf)
}

async fn fetch_link(
    app: &TestApp,
    browser: &reqwest::Client,
    csrf: &str,
    link: &str,
) -> reqwest::Response {
    app.post_form(
        browser,
        "/articles/fetch",
        &[("csrf_token", csrf), ("url", link)],
    )
    .await
}

async fn article_count(app: &TestApp) -> i64 {
    use claimdesk::db::schema::articles;
    use diesel::prelude::*;
    app.with_db(|conn| articles::table.count().get_result::<i64>(conn).unwrap())
        .await
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_owned()
}

async fn a_link_to_this_machine_is_not_fetched_by_default(backend: Backend) {
    let server = WebServer::start();
    server.serve("/story", Reply::html(STORY));
    let (app, browser, csrf) = desk(backend, false).await;
    let by_address = fetch_link(&app, &browser, &csrf, &server.url("/story")).await;
    assert_eq!(by_address.status(), 422);
    let page = by_address.text().await.unwrap();
    assert!(
        page.contains("127.0.0.1 is a loopback address"),
        "the reason is on the form"
    );
    assert!(
        page.contains(&format!("value=\"{}\"", server.url("/story"))),
        "the address typed is kept"
    );
    // By name: the name resolves to this machine, so the resolver refuses it before connecting.
    let by_name = format!("http://localhost:{}/story", server.port);
    let response = fetch_link(&app, &browser, &csrf, &by_name).await;
    assert_eq!(response.status(), 422);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("localhost is a loopback address"));
    assert_eq!(
        server.requests().len(),
        0,
        "nothing was asked of the server"
    );
    assert_eq!(article_count(&app).await, 0);
}

async fn an_allowed_link_becomes_an_article_with_its_own_title_and_text(backend: Backend) {
    let server = WebServer::start();
    server.serve("/news/harbour-fund", Reply::html(STORY));
    let (app, browser, csrf) = desk(backend, true).await;
    let response = fetch_link(&app, &browser, &csrf, &server.url("/news/harbour-fund")).await;
    assert_eq!(response.status(), 303);
    let page = app.get_html(&browser, &location(&response)).await;
    assert!(
        page.contains("<h1>Harbour fund grows to $80 million</h1>"),
        "the page's title without the site's name"
    );
    assert!(page.contains("Mira Okafor"), "the author");
    assert!(page.contains("The Coastal Ledger"), "the site as publisher");
    assert!(page.contains("$80 million"), "the candidate");
    for chrome in [
        "Politics desk",
        "cookies",
        "Most read",
        "All rights reserved",
        "Careers",
    ] {
        assert!(!page.contains(chrome), "{chrome:?} came in with the text");
    }
    let asked = &server.requests()[0];
    let agent = &asked.headers["user-agent"];
    assert!(agent.starts_with("ClaimDesk/"), "{agent}");
    assert!(
        agent.contains(&app.address),
        "the agent names the desk: {agent}"
    );

    use claimdesk::db::schema::{articles, candidates};
    use diesel::prelude::*;
    let (url, published, values) = app
        .with_db(|conn| {
            let (url, published) = articles::table
                .select((articles::url, articles::published_on))
                .first::<(Option<String>, Option<chrono::NaiveDate>)>(conn)
                .unwrap();
            let values = candidates::table
                .select(candidates::value)
                .load::<Option<String>>(conn)
                .unwrap();
            (url, published, values)
        })
        .await;
    assert_eq!(
        url.as_deref(),
        Some(server.url("/news/harbour-fund").as_str())
    );
    assert_eq!(published, chrono::NaiveDate::from_ymd_opt(2026, 3, 14));
    assert!(
        values.iter().flatten().any(|v| v == "80000000"),
        "{values:?}"
    );
}

async fn a_known_link_or_text_opens_the_article_already_there(backend: Backend) {
    let server = WebServer::start();
    server.serve("/story", Reply::html(STORY));
    server.serve("/short-link", Reply::redirect("/story"));
    server.serve("/syndicated", Reply::html(STORY));
    let (app, browser, csrf) = desk(backend, true).await;
    let first = fetch_link(&app, &browser, &csrf, &server.url("/story")).await;
    assert_eq!(first.status(), 303);
    let article = location(&first);

    let again = fetch_link(&app, &browser, &csrf, &server.url("/story")).await;
    assert_eq!(location(&again), format!("{article}?existing=1"));
    assert_eq!(
        server.hits("/story"),
        1,
        "a known link is not fetched again"
    );

    // A link that redirects to a known one, and the same text at another address.
    let redirected = fetch_link(&app, &browser, &csrf, &server.url("/short-link")).await;
    assert_eq!(location(&redirected), format!("{article}?existing=1"));
    let copy = fetch_link(&app, &browser, &csrf, &server.url("/syndicated")).await;
    assert_eq!(location(&copy), format!("{article}?existing=1"));
    assert_eq!(article_count(&app).await, 1);
}

async fn every_refusal_says_why_keeps_the_address_and_saves_nothing(backend: Backend) {
    let server = WebServer::start();
    server.serve(
        "/gone",
        Reply::typed(404, "text/html", b"<p>Not here</p>".to_vec()),
    );
    server.serve(
        "/report.pdf",
        Reply::typed(200, "application/pdf", b"%PDF-1.7".to_vec()),
    );
    let huge = format!(
        "<html><body><p>{}</p></body></html>",
        "Lorem ipsum dolor. ".repeat(5_000)
    );
    server.serve("/huge", Reply::html(&huge));
    server.serve(
        "/empty",
        Reply::html("<html><head><title>Nothing</title></head><body></body></html>"),
    );
    server.serve("/loop", Reply::redirect("/loop"));
    server.serve(
        "/metadata",
        Reply::redirect("http://169.254.169.254/latest/meta-data/"),
    );
    let (app, browser, csrf) = desk(backend, true).await;
    for (link, reason) in [
        (server.url("/gone"), "answered with HTTP status 404"),
        (
            server.url("/report.pdf"),
            "is not a web page (it answered application/pdf)",
        ),
        (server.url("/huge"), "is larger than the limit of 64 KiB"),
        (server.url("/empty"), "holds no article text"),
        (server.url("/loop"), "redirects more than 5 times"),
        (
            server.url("/metadata"),
            "169.254.169.254 is a link-local or cloud metadata address",
        ),
        (
            "ftp://127.0.0.1/story".to_owned(),
            "must start with http:// or https://",
        ),
        (
            "http://10.9.8.7/story".to_owned(),
            "10.9.8.7 is a private address",
        ),
        (
            "http://no-such-host.invalid/story".to_owned(),
            "no such host no-such-host.invalid",
        ),
    ] {
        let response = fetch_link(&app, &browser, &csrf, &link).await;
        assert_eq!(response.status(), 422, "{link}");
        let page = response.text().await.unwrap();
        assert!(
            page.contains(reason),
            "{link}: {reason:?} is not on the page: {}",
            page.split("field-error").nth(1).unwrap_or("")
        );
        assert!(
            page.contains(&format!("value=\"{link}\"")),
            "{link} is kept in the form"
        );
    }
    assert_eq!(
        server.hits("/loop"),
        6,
        "the first request and five redirects"
    );
    assert!(
        server
            .requests()
            .iter()
            .all(|r| !r.path.contains("meta-data")),
        "the metadata address was never asked"
    );
    assert_eq!(article_count(&app).await, 0);
}

async fn the_api_fetches_a_link_and_names_the_field_of_a_refusal(backend: Backend) {
    let server = WebServer::start();
    server.serve("/story", Reply::html(STORY));
    let app = spawn_app_with(backend, |s| {
        s.fetch.allow = claimdesk::fetch::AllowList::parse("127.0.0.1").unwrap();
    })
    .await;
    let (_, _, token) = member_with_token(&app, "Desk", Role::Reviewer).await;
    let (status, body) = post_json(
        &app,
        &token,
        "/api/v1/articles/fetch",
        json!({ "url": server.url("/story") }),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["title"], "Harbour fund grows to $80 million", "{body}");
    assert!(body["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["value"] == "80000000"));
    let (status, again) = post_json(
        &app,
        &token,
        "/api/v1/articles/fetch",
        json!({ "url": server.url("/story") }),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(again["id"], body["id"]);
    let (status, refused) = post_json(
        &app,
        &token,
        "/api/v1/articles/fetch",
        json!({ "url": "http://192.168.0.1/" }),
    )
    .await;
    assert_eq!(status, 400, "{refused}");
    assert_eq!(refused["error"]["field"], "url");
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains("192.168.0.1 is a private address"),
        "{refused}"
    );
    let (_, _, viewer) = member_with_token(&app, "Desk", Role::Viewer).await;
    let (status, _) = post_json(
        &app,
        &viewer,
        "/api/v1/articles/fetch",
        json!({ "url": server.url("/story") }),
    )
    .await;
    assert_eq!(status, 403);
}
