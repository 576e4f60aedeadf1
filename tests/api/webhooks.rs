//! Signed webhooks against a local receiver: an admin adds an endpoint and sees its secret once;
//! a refused address, a bad address or no event comes back as the form with the reason; an event
//! is delivered to the endpoints that want it, signed as the Standard Webhooks specification says;
//! an endpoint that fails twice gets a third delivery of the same `webhook-id` whose signature
//! verifies; a removed endpoint is told nothing more.

use std::time::Duration;

use claimdesk::auth::secretbox::SecretKey;
use claimdesk::domain::webhook::WebhookSecret;
use claimdesk::domain::Role;

use crate::both_backends;
use crate::helpers::{spawn_app_with, Backend, TestApp};
use crate::review::{act, first_claim};
use crate::web_server::{Reply, Request, WebServer};

both_backends!(
    an_admin_adds_an_endpoint_and_sees_its_secret_once,
    refused_endpoints_come_back_as_the_form_with_the_reason,
    events_reach_the_endpoints_that_want_them_signed,
    a_failing_endpoint_gets_the_same_webhook_id_again_until_it_answers,
    a_delivery_cut_short_by_kill_9_is_made_after_restart_with_its_webhook_id,
);

struct Desk {
    app: TestApp,
    receiver: WebServer,
    admin: reqwest::Client,
}

async fn desk(backend: Backend, allow: bool) -> Desk {
    let receiver = WebServer::start();
    receiver.serve("/hook", Reply::typed(204, "text/plain", Vec::new()));
    let app = spawn_app_with(backend, |s| {
        if allow {
            s.fetch.allow = claimdesk::fetch::AllowList::parse("127.0.0.1/32").unwrap();
        }
        s.fetch.timeout = Duration::from_secs(3);
        s.jobs_interval = Some(Duration::from_millis(100));
        s.secret_key = Some(SecretKey::generate());
    })
    .await;
    let admin = app.add_member("Hook Desk", Role::Admin).await;
    let admin = app.signed_in(&admin).await;
    Desk {
        app,
        receiver,
        admin,
    }
}

impl Desk {
    /// Adds an endpoint for `events`; answers the status and the page.
    async fn add(&self, url: &str, events: &[&str]) -> (u16, String) {
        let csrf = self.app.csrf_of(&self.admin).await;
        let mut fields = vec![("csrf_token", csrf.as_str()), ("url", url)];
        fields.extend(events.iter().map(|e| ("events", *e)));
        let response = self
            .app
            .post_form(&self.admin, "/team/webhooks", &fields)
            .await;
        let status = response.status().as_u16();
        (status, response.text().await.unwrap())
    }

    /// Adds an endpoint at the receiver's `/hook`; answers its secret.
    async fn endpoint(&self, events: &[&str]) -> WebhookSecret {
        let (status, page) = self.add(&self.receiver.url("/hook"), events).await;
        assert_eq!(status, 201, "{page}");
        WebhookSecret::parse(&secret_in(&page)).unwrap()
    }

    /// The deliveries received so far.
    fn deliveries(&self) -> Vec<Request> {
        self.receiver
            .requests()
            .into_iter()
            .filter(|r| r.path == "/hook")
            .collect()
    }

    /// Waits (at most 20 s) until the receiver has `n` deliveries.
    async fn wait_for(&self, n: usize) -> Vec<Request> {
        for _ in 0..200 {
            let got = self.deliveries();
            if got.len() >= n {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{} deliveries, not {n}", self.deliveries().len());
    }

    /// Posts an article (an `article.created` event).
    async fn article(&self, title: &str) {
        let csrf = self.app.csrf_of(&self.admin).await;
        let response = self
            .app
            .post_form(
                &self.admin,
                "/articles",
                &[
                    ("csrf_token", &csrf),
                    ("title", title),
                    (
                        "body",
                        "The ferry carried 1,200 passengers a day in May, the operator said.",
                    ),
                ],
            )
            .await;
        assert_eq!(response.status(), 303);
    }
}

fn secret_in(page: &str) -> String {
    let start = page.find("whsec_").expect("the secret is on the page");
    page[start..]
        .split(|c: char| c == '<' || c.is_whitespace())
        .next()
        .unwrap()
        .to_owned()
}

/// Checks a delivery as a receiver's Standard Webhooks library would; answers its JSON body.
fn verified(request: &Request, secret: &WebhookSecret) -> serde_json::Value {
    let id = &request.headers["webhook-id"];
    let timestamp: i64 = request.headers["webhook-timestamp"].parse().unwrap();
    let signature = &request.headers["webhook-signature"];
    assert!(id.starts_with("msg_"), "{id}");
    assert!(
        (chrono::Utc::now().timestamp() - timestamp).abs() < 60,
        "a fresh timestamp"
    );
    assert_eq!(
        signature,
        &secret.sign(id, timestamp, &request.body),
        "the signature verifies"
    );
    assert_eq!(request.method, "POST");
    assert_eq!(request.headers["content-type"], "application/json");
    serde_json::from_slice(&request.body).unwrap()
}

async fn an_admin_adds_an_endpoint_and_sees_its_secret_once(backend: Backend) {
    let desk = desk(backend, true).await;
    let (status, page) = desk
        .add(
            &desk.receiver.url("/hook"),
            &["claim.published", "article.created"],
        )
        .await;
    assert_eq!(status, 201);
    assert!(page.contains("shown only this once"));
    let secret = secret_in(&page);
    assert!(WebhookSecret::parse(&secret).is_ok(), "{secret}");
    let again = desk.app.get_html(&desk.admin, "/team/webhooks").await;
    assert!(!again.contains("whsec_"), "never shown again");
    assert!(again.contains("claim.published article.created"));
    let stored: String = desk
        .app
        .with_db(|conn| {
            use claimdesk::db::schema::webhooks;
            use diesel::prelude::*;
            webhooks::table
                .select(webhooks::secret_sealed)
                .first(conn)
                .unwrap()
        })
        .await;
    assert!(!stored.contains(&secret[6..]), "kept sealed, not as shown");

    // Not for editors.
    let editor = desk.app.add_member("Hook Desk", Role::Editor).await;
    let editor = desk.app.signed_in(&editor).await;
    assert_eq!(desk.app.get(&editor, "/team/webhooks").await.status(), 403);
}

async fn refused_endpoints_come_back_as_the_form_with_the_reason(backend: Backend) {
    let desk = desk(backend, false).await;
    let local = desk.receiver.url("/hook");
    let (status, page) = desk.add(&local, &["claim.published"]).await;
    assert_eq!(status, 422);
    assert!(page.contains("127.0.0.1 is a loopback address"), "{page}");
    assert!(
        page.contains(&format!("value=\"{local}\"")),
        "the address typed is kept"
    );
    let (status, page) = desk
        .add("ftp://files.example.org/x", &["claim.published"])
        .await;
    assert_eq!(status, 422);
    assert!(
        page.contains("must start with http:// or https://"),
        "{page}"
    );
    let (status, page) = desk.add("https://cms.example.org/hooks", &[]).await;
    assert_eq!(status, 422);
    assert!(page.contains("choose at least one event"), "{page}");
    let (status, _) = desk
        .add("https://cms.example.org/hooks", &["claim.deleted"])
        .await;
    assert_eq!(status, 422);
    let stored: i64 = desk
        .app
        .with_db(|conn| {
            use claimdesk::db::schema::webhooks;
            use diesel::prelude::*;
            webhooks::table.count().get_result(conn).unwrap()
        })
        .await;
    assert_eq!(stored, 0, "nothing saved");
}

async fn events_reach_the_endpoints_that_want_them_signed(backend: Backend) {
    let desk = desk(backend, true).await;
    let secret = desk.endpoint(&["claim.published"]).await;
    desk.article("Ferry numbers").await;
    // The article is not an event this endpoint wants; publishing is.
    let reviewer = desk.app.add_member("Hook Desk", Role::Reviewer).await;
    let r = desk.app.signed_in(&reviewer).await;
    let claim = first_claim(&desk.app, &r).await;
    assert_eq!(
        act(&desk.app, &r, claim, &[("action", "start_review")]).await,
        303
    );
    let propose = [
        ("action", "propose"),
        ("verdict", "mostly_true"),
        ("rationale", "The ministry's release gives 1,180 sailors."),
    ];
    assert_eq!(act(&desk.app, &r, claim, &propose).await, 303);
    assert_eq!(
        act(&desk.app, &desk.admin, claim, &[("action", "approve")]).await,
        303
    );
    assert_eq!(
        act(&desk.app, &desk.admin, claim, &[("action", "publish")]).await,
        303
    );
    let got = desk.wait_for(1).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(desk.deliveries().len(), 1, "one event wanted, one delivery");
    let event = verified(&got[0], &secret);
    assert_eq!(event["type"], "claim.published");
    assert_eq!(event["data"]["id"], claim);
    assert_eq!(event["data"]["verdict"], "mostly_true");
    let url = event["data"]["url"].as_str().unwrap();
    assert!(
        url.starts_with("http") && url.ends_with(&format!("/verdicts/{claim}")),
        "{url}"
    );

    // The log says it was delivered (once the answer is recorded); a removed endpoint is told
    // nothing more.
    let mut page = String::new();
    for _ in 0..100 {
        page = desk.app.get_html(&desk.admin, "/team/webhooks").await;
        if page.contains("<td>delivered</td>") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(page.contains("<td>delivered</td>"), "{page}");
    let id: i64 = desk
        .app
        .with_db(|conn| {
            use claimdesk::db::schema::webhooks;
            use diesel::prelude::*;
            webhooks::table.select(webhooks::id).first(conn).unwrap()
        })
        .await;
    let csrf = desk.app.csrf_of(&desk.admin).await;
    let removed = desk
        .app
        .post_form(
            &desk.admin,
            &format!("/team/webhooks/{id}/delete"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(removed.status(), 303);
    let reopen = [("action", "reopen"), ("note", "The release was revised.")];
    assert_eq!(act(&desk.app, &desk.admin, claim, &reopen).await, 303);
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(desk.deliveries().len(), 1);
}

async fn a_failing_endpoint_gets_the_same_webhook_id_again_until_it_answers(backend: Backend) {
    let desk = desk(backend, true).await;
    desk.receiver.serve_in_turn(
        "/hook",
        vec![
            Reply::typed(500, "text/plain", b"down".to_vec()),
            Reply::typed(503, "text/plain", b"still down".to_vec()),
            Reply::typed(200, "application/json", b"{}".to_vec()),
        ],
    );
    let secret = desk.endpoint(&["article.created"]).await;
    desk.article("Harbour dues").await;
    desk.wait_for(1).await;
    // The first retry comes within seconds…
    let two = desk.wait_for(2).await;
    // …the next after 30 s: let that time pass.
    desk.app
        .with_db(|conn| {
            use claimdesk::db::schema::jobs;
            use diesel::prelude::*;
            for _ in 0..100 {
                // The second answer (503) recorded: until then the row still shows the first
                // failure, and the worker's own retry time would overwrite ours.
                let waiting: i64 = jobs::table
                    .filter(jobs::last_error.like("%503%"))
                    .filter(jobs::done_at.is_null())
                    .count()
                    .get_result(conn)
                    .unwrap();
                if waiting == 1 {
                    break;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            diesel::update(jobs::table.filter(jobs::done_at.is_null()))
                .set(jobs::next_attempt_at.eq(claimdesk::db::now()))
                .execute(conn)
                .unwrap();
        })
        .await;
    let three = desk.wait_for(3).await;
    let ids: Vec<&String> = three.iter().map(|r| &r.headers["webhook-id"]).collect();
    assert!(
        ids.iter().all(|id| *id == ids[0]),
        "one webhook-id: {ids:?}"
    );
    let first = verified(&two[0], &secret);
    let last = verified(&three[2], &secret);
    assert_eq!(first, last, "the same event");
    assert_eq!(last["type"], "article.created");
    assert_eq!(last["data"]["title"], "Harbour dues");
    for _ in 0..50 {
        let page = desk.app.get_html(&desk.admin, "/team/webhooks").await;
        if page.contains("<td>delivered</td><td>3</td>") {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the log does not say delivered after 3 attempts");
}

/// `claimdesk serve`, the real binary, on the test's database: its job worker delivers.
fn served(app: &TestApp, key_hex: &str) -> crate::helpers::ServedBinary {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_claimdesk"));
    command
        .env("DATABASE_URL", crate::cli::database_arg(app))
        .env("CLAIMDESK_BIND", "127.0.0.1:0")
        .env("CLAIMDESK_SECRET_KEY", key_hex)
        .env("CLAIMDESK_FETCH_ALLOW", "127.0.0.1/32")
        .env("CLAIMDESK_FETCH_TIMEOUT", "2s")
        .env("CLAIMDESK_JOBS_INTERVAL", "1s")
        .env("RUST_LOG", "info");
    crate::helpers::ServedBinary::start(command)
}

async fn a_delivery_cut_short_by_kill_9_is_made_after_restart_with_its_webhook_id(
    backend: Backend,
) {
    let receiver = WebServer::start();
    // The first delivery hangs (the server is killed meanwhile); the next is answered.
    receiver.serve_in_turn(
        "/hook",
        vec![
            Reply::hanging(Duration::from_secs(30)),
            Reply::typed(200, "application/json", b"{}".to_vec()),
        ],
    );
    let key_hex = crate::helpers::random_hex(32);
    let key = SecretKey::parse(&key_hex).unwrap();
    // This app only sets the desk up (it runs no job worker); the binary delivers.
    let app = spawn_app_with(backend, |s| {
        s.fetch.allow = claimdesk::fetch::AllowList::parse("127.0.0.1/32").unwrap();
        s.secret_key = Some(key);
    })
    .await;
    let admin = app.add_member("Hook Desk", Role::Admin).await;
    let admin = app.signed_in(&admin).await;
    let desk = Desk {
        app,
        receiver,
        admin,
    };
    let secret = desk.endpoint(&["article.created"]).await;
    desk.article("Lighthouse repairs").await;

    let first = served(&desk.app, &key_hex);
    desk.wait_for(1).await;
    // Killed (SIGKILL) while the delivery waits for its answer.
    let log = first.stop();
    assert!(
        !delivered(&desk.app).await,
        "not delivered before the kill: {log}"
    );

    let second = served(&desk.app, &key_hex);
    // The lease of the cut-short attempt (twice the fetch timeout, and 10 s) runs out first.
    let got = {
        let mut got = desk.deliveries();
        for _ in 0..300 {
            got = desk.deliveries();
            if got.len() >= 2 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        got
    };
    // The answer is recorded once the receiver has answered: wait for it before stopping.
    let mut recorded = false;
    for _ in 0..100 {
        recorded = delivered(&desk.app).await;
        if recorded {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let log = second.stop();
    assert_eq!(got.len(), 2, "delivered again after the restart: {log}");
    assert_eq!(
        got[0].headers["webhook-id"], got[1].headers["webhook-id"],
        "one webhook-id"
    );
    let event = verified(&got[1], &secret);
    assert_eq!(event["data"]["title"], "Lighthouse repairs");
    assert!(recorded, "recorded as delivered: {log}");
}

async fn delivered(app: &TestApp) -> bool {
    app.with_db(|conn| {
        use claimdesk::db::schema::webhook_deliveries as d;
        use diesel::prelude::*;
        d::table
            .select(d::delivered_at.is_not_null())
            .first::<bool>(conn)
            .unwrap()
    })
    .await
}
