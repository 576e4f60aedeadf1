//! Watchlists against a local web server: an editor watches a feed (a refused address or a page
//! that is no feed comes back as the form with the reason); `claimdesk watch run-once` brings a
//! feed's two items in as two articles from their pages, and a second run asks with
//! `If-None-Match` and adds none; an item repeating a published claim becomes one of its
//! appearances (and of its ClaimReview), and the team's editors find a repeated-claim notice.

use claimdesk::domain::Role;

use crate::both_backends;
use crate::helpers::{spawn_app_with, Backend, TestApp};
use crate::review::{act, first_claim};
use crate::web_server::{Reply, WebServer};

both_backends!(
    a_feed_of_two_items_gives_two_articles_and_an_unchanged_feed_none,
    an_item_repeating_a_published_claim_joins_it_and_editors_are_told,
    refused_addresses_and_pages_that_are_no_feed_come_back_with_the_reason,
    an_item_whose_page_did_not_answer_comes_in_at_the_next_poll,
);

/// A news page of the local server, long enough to be read as an article.
fn story(title: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>{title} | Harbour Post</title></head>\
         <body><nav><a href=\"/\">Home</a> <a href=\"/sport\">Sport results</a></nav>\
         <main><article><h1>{title}</h1>\n{body}</article></main>\
         <footer>All rights reserved by the Harbour Post.</footer></body></html>"
    )
}

fn rss(server: &WebServer, items: &[(&str, &str)]) -> String {
    let items: String = items
        .iter()
        .map(|(guid, path)| {
            format!(
                "<item><title>{guid}</title><link>{}</link><guid>{guid}</guid></item>",
                server.url(path)
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Harbour Post</title>\
         <link>{}</link>{items}</channel></rss>",
        server.url("/")
    )
}

async fn desk(backend: Backend, allow: bool) -> (TestApp, reqwest::Client) {
    let app = spawn_app_with(backend, |s| {
        if allow {
            s.fetch.allow = claimdesk::fetch::AllowList::parse("127.0.0.1/32").unwrap();
        }
    })
    .await;
    let editor = app.add_member("Watch Desk", Role::Editor).await;
    let editor = app.signed_in(&editor).await;
    (app, editor)
}

async fn watch(app: &TestApp, editor: &reqwest::Client, url: &str) -> (u16, String) {
    let csrf = app.csrf_of(editor).await;
    let response = app
        .post_form(
            editor,
            "/team/feeds",
            &[("csrf_token", &csrf), ("url", url)],
        )
        .await;
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

/// `claimdesk watch run-once`, the real binary on the app's database.
fn run_once(app: &TestApp) -> String {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .args(["watch", "run-once", "--wait", "10s"])
        .env("DATABASE_URL", crate::cli::database_arg(app))
        .env("CLAIMDESK_FETCH_ALLOW", "127.0.0.1/32")
        .env("RUST_LOG", "error")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

async fn titles(app: &TestApp) -> Vec<String> {
    app.with_db(|conn| {
        use claimdesk::db::schema::articles;
        use diesel::prelude::*;
        articles::table
            .order(articles::id)
            .select(articles::title)
            .load(conn)
            .unwrap()
    })
    .await
}

const FERRY: [&str; 3] = [
    "The ferry operator said on Thursday that it carried 1.4 million passengers last year, a record for the route, and that it would add two sailings a day from May.",
    "Fares will rise by 6% in April, the operator said, after fuel costs climbed for a third year running and the harbour raised its berthing charges.",
    "Passenger groups said the rise was the largest in a decade and asked the harbour board to publish the accounts behind the new charges.",
];
const BRIDGE: [&str; 3] = [
    "The council said the harbour bridge will close for 12 days in June while engineers replace 40 bearings that failed an inspection last winter.",
    "Buses will run every 15 minutes on a diversion through the old town, the council said, and the ferry will add evening sailings during the closure.",
    "Traders on the quay said the closure would cost them custom in the busiest month of the year and asked for it to be moved to the autumn.",
];

async fn a_feed_of_two_items_gives_two_articles_and_an_unchanged_feed_none(backend: Backend) {
    let server = WebServer::start();
    server.serve(
        "/news/ferry",
        Reply::html(&story("Ferry carried a record 1.4 million", &FERRY)),
    );
    server.serve(
        "/news/bridge",
        Reply::html(&story("Harbour bridge to close for 12 days", &BRIDGE)),
    );
    let feed = rss(
        &server,
        &[("ferry-1", "/news/ferry"), ("bridge-1", "/news/bridge")],
    );
    let mut reply = Reply::typed(200, "application/rss+xml", feed.into_bytes());
    reply.headers.push(("ETag".into(), "\"feed-v1\"".into()));
    server.serve("/feed.xml", reply);
    let (app, editor) = desk(backend, true).await;
    let (status, page) = watch(&app, &editor, &server.url("/feed.xml")).await;
    assert_eq!(status, 303, "{page}");
    let page = app.get_html(&editor, "/team/feeds").await;
    assert!(
        page.contains("Harbour Post"),
        "the feed's own title: {page}"
    );

    let first = run_once(&app);
    assert!(first.contains("2 new articles"), "{first}");
    let titles_now = titles(&app).await;
    assert_eq!(
        titles_now,
        vec![
            "Ferry carried a record 1.4 million".to_owned(),
            "Harbour bridge to close for 12 days".to_owned()
        ]
    );
    let body: String = app
        .with_db(|conn| {
            use claimdesk::db::schema::articles;
            use diesel::prelude::*;
            articles::table.select(articles::body).first(conn).unwrap()
        })
        .await;
    assert!(!body.contains("Sport results") && !body.contains("All rights reserved"));

    let second = run_once(&app);
    assert!(second.contains("not modified"), "{second}");
    let polls: Vec<_> = server
        .requests()
        .into_iter()
        .filter(|r| r.path == "/feed.xml")
        .collect();
    let last = polls.last().unwrap();
    assert_eq!(
        last.headers.get("if-none-match").map(String::as_str),
        Some("\"feed-v1\""),
        "asked conditionally"
    );
    assert_eq!(titles(&app).await.len(), 2, "none added");
    assert_eq!(server.hits("/news/ferry"), 1, "each page fetched once");

    // A changed feed with the same items and a new one: only the new one comes in.
    let feed = rss(
        &server,
        &[
            ("ferry-1", "/news/ferry"),
            ("bridge-1", "/news/bridge"),
            ("ferry-2", "/news/ferry"),
        ],
    );
    server.serve(
        "/feed.xml",
        Reply::typed(200, "application/rss+xml", feed.into_bytes()),
    );
    let third = run_once(&app);
    assert!(
        third.contains("0 new articles"),
        "a known link is no new article: {third}"
    );
    assert_eq!(titles(&app).await.len(), 2);
}

async fn an_item_repeating_a_published_claim_joins_it_and_editors_are_told(backend: Backend) {
    let server = WebServer::start();
    let (app, editor) = desk(backend, true).await;
    let reviewer = app.add_member("Watch Desk", Role::Reviewer).await;
    let r = app.signed_in(&reviewer).await;
    let claim = first_claim(&app, &r).await;
    assert_eq!(
        act(&app, &r, claim, &[("action", "start_review")]).await,
        303
    );
    let propose = [
        ("action", "propose"),
        ("verdict", "mostly_true"),
        ("rationale", "The ministry's tables give the same figures."),
    ];
    assert_eq!(act(&app, &r, claim, &propose).await, 303);
    assert_eq!(
        act(&app, &editor, claim, &[("action", "approve")]).await,
        303
    );
    assert_eq!(
        act(&app, &editor, claim, &[("action", "publish")]).await,
        303
    );

    // Another outlet repeats the story's figures a week later.
    let repeat = story(
        "Navy patrols in the strait, a week on",
        &[
            "The navy said on Monday it would send two frigates and more than 1,200 sailors to the northern strait, and a week later the ships are on station.",
            "Officials doubled the patrol budget to $80 million (about 104 billion won), according to the ministry, which says the fleet has 35 ships in total.",
            "Fishing crews in the strait said the patrols had been visible every day since the first frigate arrived, and that the harbour was busier than in years.",
        ],
    );
    server.serve("/news/patrols", Reply::html(&repeat));
    let feed = rss(&server, &[("patrols-1", "/news/patrols")]);
    server.serve(
        "/feed.xml",
        Reply::typed(200, "application/rss+xml", feed.into_bytes()),
    );
    let (status, _) = watch(&app, &editor, &server.url("/feed.xml")).await;
    assert_eq!(status, 303);
    let polled = run_once(&app);
    assert!(
        polled.contains("1 new article, 1 repeated claim"),
        "{polled}"
    );

    let page = app.get_html(&editor, &format!("/claims/{claim}")).await;
    assert!(page.contains("Appearances (2 articles)"), "{page}");
    assert!(page.contains("Navy patrols in the strait, a week on"));
    let inbox = app.get_html(&editor, "/inbox").await;
    assert!(inbox.contains("A published claim was repeated"), "{inbox}");
    assert!(
        inbox.contains("from the watched feed Harbour Post"),
        "{inbox}"
    );
    let review = app
        .get(
            &crate::helpers::browser(),
            &format!("/claims/{claim}/claimreview.json"),
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(review.contains(&server.url("/news/patrols")), "{review}");
    // The reviewer (not an editor) is not told.
    let theirs = app.get_html(&r, "/inbox").await;
    assert!(!theirs.contains("A published claim was repeated"));
}

async fn refused_addresses_and_pages_that_are_no_feed_come_back_with_the_reason(backend: Backend) {
    let server = WebServer::start();
    server.serve("/news/ferry", Reply::html(&story("Ferry", &FERRY)));
    let (app, editor) = desk(backend.clone(), false).await;
    let (status, page) = watch(&app, &editor, &server.url("/feed.xml")).await;
    assert_eq!(status, 422);
    assert!(page.contains("127.0.0.1 is a loopback address"), "{page}");
    assert!(page.contains(&format!("value=\"{}\"", server.url("/feed.xml"))));
    assert_eq!(server.requests().len(), 0);

    let (app, editor) = desk(backend, true).await;
    let (status, page) = watch(&app, &editor, &server.url("/news/ferry")).await;
    assert_eq!(status, 422);
    assert!(page.contains("is not an RSS, Atom or JSON feed"), "{page}");
    let reviewer = app.add_member("Watch Desk", Role::Reviewer).await;
    let reviewer = app.signed_in(&reviewer).await;
    assert_eq!(app.get(&reviewer, "/team/feeds").await.status(), 403);
    let feeds: i64 = app
        .with_db(|conn| {
            use claimdesk::db::schema::feeds;
            use diesel::prelude::*;
            feeds::table.count().get_result(conn).unwrap()
        })
        .await;
    assert_eq!(feeds, 0);
}

async fn an_item_whose_page_did_not_answer_comes_in_at_the_next_poll(backend: Backend) {
    let server = WebServer::start();
    server.serve(
        "/news/bridge",
        Reply::typed(503, "text/plain", b"busy".to_vec()),
    );
    let feed = rss(&server, &[("bridge-1", "/news/bridge")]);
    let mut reply = Reply::typed(200, "application/rss+xml", feed.into_bytes());
    reply.headers.push(("ETag".into(), "\"feed-v1\"".into()));
    server.serve("/feed.xml", reply);
    let (app, editor) = desk(backend, true).await;
    let (status, _) = watch(&app, &editor, &server.url("/feed.xml")).await;
    assert_eq!(status, 303);
    let first = run_once(&app);
    assert!(
        first.contains("0 new articles, 0 repeated claims, 1 left for the next poll"),
        "{first}"
    );
    assert!(titles(&app).await.is_empty());

    server.serve(
        "/news/bridge",
        Reply::html(&story("Harbour bridge to close for 12 days", &BRIDGE)),
    );
    let second = run_once(&app);
    assert!(
        second.contains("1 new article,"),
        "asked again, not 304: {second}"
    );
    let last = server
        .requests()
        .into_iter()
        .rfind(|r| r.path == "/feed.xml")
        .unwrap();
    assert_eq!(
        last.headers.get("if-none-match"),
        None,
        "the whole feed is asked for"
    );
    assert_eq!(
        titles(&app).await,
        vec!["Harbour bridge to close for 12 days".to_owned()]
    );
}
