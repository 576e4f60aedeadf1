//! Two instances on one PostgreSQL database, as behind a load balancer: sessions, CSRF tokens and
//! claim versions live in the database, so whatever one instance issued the other honours. Runs only
//! when `TEST_DATABASE_URL` is set (SQLite is one process's database).
//!
//! A browser's cookies belong to the host, not the port, so one `browser()` signed in through A
//! sends the same cookies to B, as it would to two servers behind one name.

use claimdesk::config::Settings;
use claimdesk::domain::Role;
use claimdesk::startup::Application;

use crate::helpers::{browser, csrf_token_in, spawn_app, Backend, TestApp};

/// A second instance of the app on `app`'s database; returns its address.
fn second_instance(app: &TestApp) -> String {
    let mut settings = Settings::with_database(app.database.clone());
    settings.workers = Some(1);
    settings.pool_size = 4;
    let instance = Application::build(settings).expect("the second instance starts");
    let address = format!("http://127.0.0.1:{}", instance.port());
    tokio::spawn(instance.run_until_stopped());
    address
}

async fn get(client: &reqwest::Client, address: &str, path: &str) -> reqwest::Response {
    client
        .get(format!("{address}{path}"))
        .send()
        .await
        .expect("GET is answered")
}

async fn get_html(client: &reqwest::Client, address: &str, path: &str) -> String {
    get(client, address, path)
        .await
        .text()
        .await
        .expect("a body")
}

/// Posts a form to the instance at `address` as a browser would from that instance's own pages.
async fn post_form(
    client: &reqwest::Client,
    address: &str,
    path: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    client
        .post(format!("{address}{path}"))
        .header("Origin", address)
        .header("Sec-Fetch-Site", "same-origin")
        .form(fields)
        .send()
        .await
        .expect("POST is answered")
}

/// The `version` hidden field of a claim page.
fn version_in(html: &str) -> String {
    let marker = "name=\"version\" value=\"";
    let start = html.find(marker).expect("a version field") + marker.len();
    html[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_owned()
}

fn is_login_redirect(response: &reqwest::Response) -> bool {
    response.status() == 303
        && response
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .is_some_and(|l| l.starts_with("/login"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_made_through_one_instance_works_on_the_other_until_signed_out() {
    let Some(backend) = Backend::postgres() else {
        return;
    };
    let a = spawn_app(backend).await;
    let b = second_instance(&a);
    let member = a.add_member("Desk", Role::Reviewer).await;
    let client = a.signed_in(&member).await;

    let queue = get(&client, &b, "/claims").await;
    assert_eq!(queue.status(), 200, "B takes the session A made");

    let csrf = a.csrf_of(&client).await;
    let out = a
        .post_form(&client, "/logout", &[("csrf_token", &csrf)])
        .await;
    assert_eq!(out.status(), 303);
    let after = get(&client, &b, "/claims").await;
    assert!(
        is_login_redirect(&after),
        "signing out on A ends the session on B too, got {}",
        after.status()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_edit_through_one_instance_conflicts_with_an_edit_through_the_other() {
    let Some(backend) = Backend::postgres() else {
        return;
    };
    let a = spawn_app(backend).await;
    let b = second_instance(&a);
    let on_a = a.add_member("Desk", Role::Reviewer).await;
    let on_b = a.add_member("Desk", Role::Reviewer).await;
    let a_browser = a.signed_in(&on_a).await;
    // The second member signs in through B (a separate browser: its own cookies).
    let b_browser = browser();
    let login = get_html(&b_browser, &b, "/login").await;
    let signed_in = post_form(
        &b_browser,
        &b,
        "/login",
        &[
            ("csrf_token", &csrf_token_in(&login)),
            ("email", &on_b.email),
            ("password", &on_b.password),
        ],
    )
    .await;
    assert_eq!(signed_in.status(), 303, "sign-in through B");

    let claim = crate::review::first_claim(&a, &a_browser).await;
    let stale_version =
        version_in(&get_html(&a_browser, &a.address, &format!("/claims/{claim}")).await);
    // B's member edits first, through B.
    let b_page = get_html(&b_browser, &b, &format!("/claims/{claim}")).await;
    assert_eq!(
        version_in(&b_page),
        stale_version,
        "both instances read one row"
    );
    let edit = post_form(
        &b_browser,
        &b,
        &format!("/claims/{claim}/edit"),
        &[
            ("csrf_token", &csrf_token_in(&b_page)),
            ("version", &stale_version),
            ("statement", "B's wording of the claim"),
        ],
    )
    .await;
    assert_eq!(edit.status(), 303);
    // A's member, from the page read before, through A.
    let csrf_a = a.csrf_of(&a_browser).await;
    let stale = a
        .post_form(
            &a_browser,
            &format!("/claims/{claim}/edit"),
            &[
                ("csrf_token", &csrf_a),
                ("version", &stale_version),
                ("statement", "A's careful rewording"),
            ],
        )
        .await;
    assert_eq!(
        stale.status(),
        409,
        "the edit through B made A's version stale"
    );
    let page = get_html(&a_browser, &b, &format!("/claims/{claim}")).await;
    assert!(page.contains("wording of the claim"));
    assert!(
        !page.contains("careful rewording"),
        "never a silent overwrite"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_csrf_token_issued_by_one_instance_is_accepted_by_the_other() {
    let Some(backend) = Backend::postgres() else {
        return;
    };
    let a = spawn_app(backend).await;
    let b = second_instance(&a);
    let member = a.add_member("Desk", Role::Reviewer).await;

    // The sign-in form's token (bound to the pre-session cookie), from A's form, posted to B.
    let client = browser();
    let login = a.get_html(&client, "/login").await;
    let signed_in = post_form(
        &client,
        &b,
        "/login",
        &[
            ("csrf_token", &csrf_token_in(&login)),
            ("email", &member.email),
            ("password", &member.password),
        ],
    )
    .await;
    assert_eq!(
        signed_in.status(),
        303,
        "B accepts the login token A issued"
    );

    // The session's token, from a page of A, on a form posted to B; a made-up token still fails.
    let csrf = a.csrf_of(&client).await;
    let forged = post_form(&client, &b, "/logout", &[("csrf_token", &"0".repeat(64))]).await;
    assert_eq!(forged.status(), 403, "B checks the token");
    let out = post_form(&client, &b, "/logout", &[("csrf_token", &csrf)]).await;
    assert_eq!(out.status(), 303, "B accepts the session token A issued");
    assert!(is_login_redirect(&a.get(&client, "/claims").await));
}
