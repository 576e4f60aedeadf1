//! Password reset: by e-mail from the sign-in page (one answer whether the address has an account
//! or not; a single-use link stored hashed, lasting 30 minutes; every session and API token of the
//! account ended), and by an admin's link when mail is off (never for a member of another team).

use std::time::Duration;

use claimdesk::db::schema;
use claimdesk::domain::Role;
use diesel::prelude::*;

use crate::api::{get_json, new_token};
use crate::both_backends;
use crate::helpers::{browser, csrf_token_in, spawn_app, spawn_app_with, Backend, TestApp};
use crate::smtp_sink::SmtpSink;

both_backends!(
    a_reset_by_email_works_once_and_ends_every_session,
    an_admin_makes_a_reset_link_when_mail_is_off,
);

const NEW_PASSWORD: &str = "copper lantern harbour quietly";

/// Posts an anonymous form the way a browser does: the page first (for the pre-session cookie and
/// its CSRF token), then the form.
async fn anonymous_post(
    app: &TestApp,
    client: &reqwest::Client,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let html = app.get_html(client, page).await;
    let csrf = csrf_token_in(&html);
    let mut all = vec![("csrf_token", csrf.as_str())];
    all.extend_from_slice(fields);
    app.post_form(client, action, &all).await
}

fn reset_path_in(text: &str) -> String {
    let start = text.find("/password/reset/").expect("a reset link");
    text[start..]
        .split(|c: char| c.is_whitespace())
        .next()
        .unwrap()
        .to_owned()
}

async fn a_reset_by_email_works_once_and_ends_every_session(backend: Backend) {
    let sink = SmtpSink::start();
    let url = sink.url();
    let app = spawn_app_with(backend, move |settings| {
        settings.mail =
            Some(claimdesk::mail::MailSettings::parse(&url, Some("desk@example.org")).unwrap());
        settings.jobs_interval = Some(Duration::from_millis(100));
        settings.public_url = Some("https://desk.example.org".into());
    })
    .await;
    let member = app.add_member("Desk", Role::Reviewer).await;
    let old_session = app.signed_in(&member).await;
    let token = new_token(&app, &old_session, "script").await;

    // The sign-in page offers it; an unknown address gets the same answer, and no e-mail.
    let visitor = browser();
    assert!(app
        .get_html(&visitor, "/login")
        .await
        .contains("href=\"/password/forgot\""));
    let unknown = anonymous_post(
        &app,
        &visitor,
        "/password/forgot",
        "/password/forgot",
        &[("email", "nobody-here@example.org")],
    )
    .await;
    assert_eq!(unknown.status(), 200);
    let unknown = unknown.text().await.unwrap();
    let known = anonymous_post(
        &app,
        &visitor,
        "/password/forgot",
        "/password/forgot",
        &[("email", &member.email)],
    )
    .await;
    assert_eq!(known.status(), 200);
    let known = known.text().await.unwrap();
    assert_eq!(
        unknown.replace("nobody-here@example.org", "X"),
        known.replace(&member.email, "X"),
        "one answer for both"
    );
    let bad = anonymous_post(
        &app,
        &visitor,
        "/password/forgot",
        "/password/forgot",
        &[("email", "not an address")],
    )
    .await;
    assert_eq!(bad.status(), 422);
    assert!(bad
        .text()
        .await
        .unwrap()
        .contains("value=\"not an address\""));

    let mail = sink
        .wait_for(&member.email, "https://desk.example.org/password/reset/")
        .await;
    let path = reset_path_in(&mail.text());
    let raw = path.trim_start_matches("/password/reset/").to_owned();
    let stored: Vec<String> = app
        .with_db(|conn| {
            schema::password_resets::table
                .select(schema::password_resets::token_hash)
                .load(conn)
                .unwrap()
        })
        .await;
    assert_eq!(stored.len(), 1, "one reset, for the known address only");
    assert!(!stored[0].contains(&raw), "only the token's hash is stored");
    assert_eq!(sink.count_to("nobody-here@example.org"), 0);

    // The link's form: refusals keep the page, the right one sets the password.
    let holder = browser();
    let page = app.get_html(&holder, &path).await;
    assert!(page.contains(&member.email), "{page}");
    let csrf = csrf_token_in(&page);
    let mismatch = app
        .post_form(
            &holder,
            &path,
            &[
                ("csrf_token", &csrf),
                ("new_password", NEW_PASSWORD),
                ("confirm_password", "something else entirely"),
            ],
        )
        .await;
    assert_eq!(mismatch.status(), 422);
    assert!(mismatch.text().await.unwrap().contains("does not match"));
    let weak = app
        .post_form(
            &holder,
            &path,
            &[
                ("csrf_token", &csrf),
                ("new_password", "password"),
                ("confirm_password", "password"),
            ],
        )
        .await;
    assert_eq!(weak.status(), 422);
    let done = app
        .post_form(
            &holder,
            &path,
            &[
                ("csrf_token", &csrf),
                ("new_password", NEW_PASSWORD),
                ("confirm_password", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(done.status(), 303);
    assert_eq!(done.headers()["location"], "/login?reset=1");
    assert!(app
        .get_html(&holder, "/login?reset=1")
        .await
        .contains("Your password was changed"));

    // Every session and token of the account ended; the new password signs in, the old one not.
    let gone = app.get(&old_session, "/claims").await;
    assert_eq!(gone.status(), 303);
    assert!(gone.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/login"));
    assert_eq!(get_json(&app, &token, "/api/v1/claims").await.0, 401);
    let again = browser();
    assert_eq!(
        app.login_response(&again, &member.email, NEW_PASSWORD)
            .await
            .status(),
        303
    );
    assert_eq!(
        app.login_response(&browser(), &member.email, &member.password)
            .await
            .status(),
        401
    );

    // The link works once.
    assert_eq!(app.get(&holder, &path).await.status(), 410);
    let twice = app
        .post_form(
            &holder,
            &path,
            &[
                ("csrf_token", &csrf),
                ("new_password", "another long enough passphrase"),
                ("confirm_password", "another long enough passphrase"),
            ],
        )
        .await;
    assert_eq!(twice.status(), 409);
}

async fn an_admin_makes_a_reset_link_when_mail_is_off(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.add_member("Desk", Role::Admin).await;
    let member = app.add_member("Desk", Role::Reviewer).await;
    let a = app.signed_in(&admin).await;
    let r = app.signed_in(&member).await;
    let id_of = |email: String| async {
        app.with_db(move |conn| {
            schema::users::table
                .filter(schema::users::email.eq(email))
                .select(schema::users::id)
                .first::<i64>(conn)
                .unwrap()
        })
        .await
    };
    let member_id = id_of(member.email.clone()).await;

    // Without mail, the sign-in page's link says to ask an admin, and the form is refused.
    let visitor = browser();
    let forgot = app.get_html(&visitor, "/password/forgot").await;
    assert!(forgot.contains("id=\"reset-by-admin\""), "{forgot}");

    // A reviewer may not make one; an admin may, for a member of the team alone.
    let csrf = app.csrf_of(&r).await;
    let path = format!("/team/members/{member_id}/reset-link");
    assert_eq!(
        app.post_form(&r, &path, &[("csrf_token", &csrf)])
            .await
            .status(),
        403
    );
    let csrf = app.csrf_of(&a).await;
    let made = app.post_form(&a, &path, &[("csrf_token", &csrf)]).await;
    assert_eq!(made.status(), 200);
    let page = made.text().await.unwrap();
    let link = page
        .split("id=\"reset-link\" readonly value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    assert!(link.starts_with("http"), "an absolute link: {link}");
    let reset_path = reset_path_in(&link);
    let holder = browser();
    let form = app.get_html(&holder, &reset_path).await;
    let done = app
        .post_form(
            &holder,
            &reset_path,
            &[
                ("csrf_token", &csrf_token_in(&form)),
                ("new_password", NEW_PASSWORD),
                ("confirm_password", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(done.status(), 303);
    assert_eq!(
        app.login_response(&browser(), &member.email, NEW_PASSWORD)
            .await
            .status(),
        303
    );

    // A member of another team too: refused, naming who can.
    let shared = app.add_member("Desk", Role::Viewer).await;
    let shared_id = id_of(shared.email.clone()).await;
    let other_admin = app.add_member("Other Desk", Role::Admin).await;
    let o = app.signed_in(&other_admin).await;
    let csrf_o = app.csrf_of(&o).await;
    let invited = app
        .post_form(
            &o,
            "/team/invites",
            &[
                ("csrf_token", &csrf_o),
                ("email", &shared.email),
                ("role", "viewer"),
            ],
        )
        .await;
    assert_eq!(invited.status(), 200);
    let s = app.signed_in(&shared).await;
    let invite_page = invited.text().await.unwrap();
    let invite_path = invite_page
        .split("/invites/")
        .nth(1)
        .map(|rest| format!("/invites/{}", rest.split(['"', '<', ' ']).next().unwrap()))
        .unwrap();
    let csrf_s = app.csrf_of(&s).await;
    let joined = app
        .post_form(
            &s,
            &format!("{invite_path}/join"),
            &[("csrf_token", &csrf_s)],
        )
        .await;
    assert_eq!(joined.status(), 303, "{invite_path}");
    let refused = app
        .post_form(
            &a,
            &format!("/team/members/{shared_id}/reset-link"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(refused.status(), 409);
    assert!(refused
        .text()
        .await
        .unwrap()
        .contains("a member of other teams too"));
}
