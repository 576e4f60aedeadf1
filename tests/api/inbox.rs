//! The inbox and e-mail: assignment, send-back, approval requests and mentions reach the inbox of
//! the member concerned (never the one who acted), with a count in the navigation; with SMTP
//! configured each also arrives by e-mail with an absolute link (an SMTP sink receives them),
//! unless the member turned that kind off (and an invite arrives by e-mail too); without it, the
//! outbox says "not sent".

use std::time::Duration;

use claimdesk::db::schema;
use claimdesk::domain::Role;
use diesel::prelude::*;

use crate::both_backends;
use crate::helpers::{spawn_app, spawn_app_with, Backend, TestApp, TestUser};
use crate::review::{accept_all, claim_ids, post_article};
use crate::smtp_sink::SmtpSink;
use crate::undo::{step, ARTICLE};

both_backends!(
    the_desks_steps_reach_the_inbox_of_whom_they_concern,
    notices_arrive_by_email_with_absolute_links_unless_turned_off,
    without_smtp_the_outbox_says_not_sent,
);

async fn user_id(app: &TestApp, user: &TestUser) -> i64 {
    let email = user.email.clone();
    app.with_db(move |conn| {
        schema::users::table
            .filter(schema::users::email.eq(email))
            .select(schema::users::id)
            .first(conn)
            .unwrap()
    })
    .await
}

async fn assign(app: &TestApp, client: &reqwest::Client, claim: i64, to: i64) -> u16 {
    let version: i64 = app
        .with_db(move |conn| {
            schema::claims::table
                .find(claim)
                .select(schema::claims::version)
                .first(conn)
                .unwrap()
        })
        .await;
    let csrf = app.csrf_of(client).await;
    app.post_form(
        client,
        &format!("/claims/{claim}/assign"),
        &[
            ("csrf_token", &csrf),
            ("version", &version.to_string()),
            ("assignee", &to.to_string()),
        ],
    )
    .await
    .status()
    .as_u16()
}

async fn comment(app: &TestApp, client: &reqwest::Client, claim: i64, body: &str) {
    let csrf = app.csrf_of(client).await;
    let response = app
        .post_form(
            client,
            &format!("/claims/{claim}/comments"),
            &[("csrf_token", &csrf), ("body", body)],
        )
        .await;
    assert_eq!(response.status(), 303);
}

/// The unread count the navigation shows ("" for none).
fn unread_in(page: &str) -> String {
    page.split("id=\"unread-count\">")
        .nth(1)
        .map(|rest| rest.split('<').next().unwrap().to_owned())
        .unwrap_or_default()
}

async fn the_desks_steps_reach_the_inbox_of_whom_they_concern(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let editor = app.add_member("Desk", Role::Editor).await;
    let r = app.signed_in(&reviewer).await;
    let e = app.signed_in(&editor).await;
    let article = post_article(&app, &r, "Patrols", ARTICLE).await;
    let claim = claim_ids(&accept_all(&app, &r, &article).await)[0];
    let reviewer_id = user_id(&app, &reviewer).await;

    let inbox = app.get_html(&r, "/inbox").await;
    assert_eq!(unread_in(&inbox), "", "nothing yet");
    assert!(inbox.contains("No open claim is assigned to you"));

    // The editor assigns the claim to the reviewer: the reviewer is told, the editor is not.
    assert_eq!(assign(&app, &e, claim, reviewer_id).await, 303);
    let inbox = app.get_html(&r, "/inbox").await;
    assert_eq!(unread_in(&inbox), "1", "{inbox}");
    assert!(inbox.contains("Assigned to you</strong>"), "{inbox}");
    assert!(inbox.contains(&format!("href=\"/claims/{claim}\">#{claim}</a>")));
    assert_eq!(unread_in(&app.get_html(&e, "/inbox").await), "");

    // Assigning yourself tells nobody.
    let other = claim_ids(
        &app.get_html(&r, &format!("/claims?article={}", &article[10..]))
            .await,
    )
    .into_iter()
    .find(|c| *c != claim)
    .expect("a second claim");
    assert_eq!(assign(&app, &r, other, reviewer_id).await, 303);
    assert_eq!(unread_in(&app.get_html(&r, "/claims").await), "1");

    // The reviewer proposes a verdict: the editor is asked to approve it.
    assert_eq!(
        step(&app, &r, claim, &[("action", "start_review")]).await,
        303
    );
    let proposed = step(
        &app,
        &r,
        claim,
        &[
            ("action", "propose"),
            ("verdict", "true"),
            ("rationale", "The ministry's figures say so."),
        ],
    )
    .await;
    assert_eq!(proposed, 303);
    let editors = app.get_html(&e, "/inbox").await;
    assert_eq!(unread_in(&editors), "1", "{editors}");
    assert!(editors.contains("Waiting for your approval"));
    assert!(
        editors.contains("id=\"approve-heading\""),
        "the live list too"
    );

    // The editor sends it back with a note: the reviewer is told, with the note.
    let sent_back = step(
        &app,
        &e,
        claim,
        &[
            ("action", "send_back"),
            ("note", "Cite the budget line itself."),
        ],
    )
    .await;
    assert_eq!(sent_back, 303);
    let inbox = app.get_html(&r, "/inbox").await;
    assert_eq!(unread_in(&inbox), "2", "{inbox}");
    assert!(inbox.contains("Sent back to you"));
    assert!(inbox.contains("Cite the budget line itself."));
    // The claim page says it at the top, and the header no longer reads as a settled verdict.
    let page = app.get_html(&r, &format!("/claims/{claim}")).await;
    let top = page
        .split("id=\"sent-back\"")
        .nth(1)
        .expect("the sent-back notice");
    assert!(
        top[..300].contains("Cite the budget line itself."),
        "{page}"
    );
    assert!(
        page.contains("sent back: proposed verdict <strong>True</strong>"),
        "{page}"
    );

    // A comment naming the reviewer by handle; a mention of nobody and of the author tell no one.
    let handle = reviewer.name.replace(' ', "");
    comment(
        &app,
        &e,
        claim,
        &format!(
            "@{handle} see page 4. cc @nobody @{}",
            editor.name.replace(' ', "")
        ),
    )
    .await;
    let inbox = app.get_html(&r, "/inbox").await;
    assert_eq!(unread_in(&inbox), "3");
    assert!(inbox.contains("You were mentioned"));
    assert!(inbox.contains("see page 4."));
    assert_eq!(
        unread_in(&app.get_html(&e, "/inbox").await),
        "1",
        "not by their own comment"
    );

    // Mark all read: the count goes.
    let csrf = app.csrf_of(&r).await;
    let newest = inbox
        .split("name=\"upto\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let response = app
        .post_form(
            &r,
            "/inbox/read",
            &[("csrf_token", &csrf), ("upto", &newest)],
        )
        .await;
    assert_eq!(response.status(), 303);
    let inbox = app.get_html(&r, "/inbox").await;
    assert_eq!(unread_in(&inbox), "");
    assert!(
        inbox.contains("Sent back to you"),
        "read notices stay listed"
    );
    let bad = app
        .post_form(&r, "/inbox/read", &[("csrf_token", &csrf), ("upto", "all")])
        .await;
    assert_eq!(bad.status(), 400);
}

async fn notices_arrive_by_email_with_absolute_links_unless_turned_off(backend: Backend) {
    let sink = SmtpSink::start();
    let url = sink.url();
    let app = spawn_app_with(backend, move |settings| {
        settings.mail = Some(
            claimdesk::mail::MailSettings::parse(&url, Some("Fact desk <desk@example.org>"))
                .unwrap(),
        );
        settings.jobs_interval = Some(Duration::from_millis(100));
        settings.public_url = Some("https://desk.example.org".into());
    })
    .await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let admin = app.add_member("Desk", Role::Admin).await;
    let r = app.signed_in(&reviewer).await;
    let a = app.signed_in(&admin).await;
    let article = post_article(&app, &r, "Patrols", ARTICLE).await;
    let claims = claim_ids(&accept_all(&app, &r, &article).await);
    let reviewer_id = user_id(&app, &reviewer).await;

    assert_eq!(assign(&app, &a, claims[0], reviewer_id).await, 303);
    let mail = sink
        .wait_for(
            &reviewer.email,
            &format!("https://desk.example.org/claims/{}", claims[0]),
        )
        .await;
    let text = mail.text();
    assert!(
        text.contains("From: \"Fact desk\" <desk@example.org>")
            || text.contains("From: Fact desk <desk@example.org>"),
        "{text}"
    );
    assert!(text.contains(&format!("claim #{}", claims[0])), "{text}");

    // An invite goes out by e-mail too, with its link.
    let csrf_a = app.csrf_of(&a).await;
    let invited = app
        .post_form(
            &a,
            "/team/invites",
            &[
                ("csrf_token", &csrf_a),
                ("email", "newcomer@example.org"),
                ("role", "reviewer"),
            ],
        )
        .await;
    assert_eq!(invited.status(), 200);
    assert!(invited
        .text()
        .await
        .unwrap()
        .contains("on its way to them by e-mail"));
    let invite = sink
        .wait_for("newcomer@example.org", "https://desk.example.org/invites/")
        .await;
    assert!(invite.text().contains("as reviewer"), "{}", invite.text());

    // The admins' outbox lists it as sent.
    let outbox = app.get_html(&a, "/team/outbox").await;
    assert!(
        outbox.contains(&reviewer.email) && outbox.contains("<td>sent "),
        "{outbox}"
    );
    assert_eq!(
        app.get(&r, "/team/outbox").await.status(),
        403,
        "admins only"
    );

    // Assignments off by e-mail: the next one is in the inbox only.
    let csrf = app.csrf_of(&r).await;
    let response = app
        .post_form(
            &r,
            "/account/mail",
            &[
                ("csrf_token", &csrf),
                ("kind", "sent_back"),
                ("kind", "approval_requested"),
                ("kind", "mentioned"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let prefs = app.get_html(&r, "/account/mail").await;
    assert!(!prefs.contains("id=\"mail-assigned\" name=\"kind\" value=\"assigned\" checked"));
    assert!(prefs.contains("value=\"mentioned\" checked"), "{prefs}");
    let bogus = app
        .post_form(
            &r,
            "/account/mail",
            &[("csrf_token", &csrf), ("kind", "everything")],
        )
        .await;
    assert_eq!(bogus.status(), 400);
    let before = sink.count_to(&reviewer.email);
    assert_eq!(assign(&app, &a, claims[1], reviewer_id).await, 303);
    // A mention still arrives (and proves the worker ran past the assignment).
    comment(
        &app,
        &a,
        claims[1],
        &format!("@{} over to you", reviewer.name.replace(' ', "")),
    )
    .await;
    sink.wait_for(&reviewer.email, "over to you").await;
    assert_eq!(
        sink.count_to(&reviewer.email),
        before + 1,
        "no e-mail for the assignment"
    );
    let inbox = app.get_html(&r, "/inbox").await;
    assert_eq!(
        inbox.matches("Assigned to you</strong>").count(),
        2,
        "{inbox}"
    );
}

async fn without_smtp_the_outbox_says_not_sent(backend: Backend) {
    let app = spawn_app_with(backend, |settings| {
        settings.jobs_interval = Some(Duration::from_millis(100));
    })
    .await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let admin = app.add_member("Desk", Role::Admin).await;
    let r = app.signed_in(&reviewer).await;
    let a = app.signed_in(&admin).await;
    let article = post_article(&app, &r, "Patrols", ARTICLE).await;
    let claim = claim_ids(&accept_all(&app, &r, &article).await)[0];
    let reviewer_id = user_id(&app, &reviewer).await;
    assert_eq!(assign(&app, &a, claim, reviewer_id).await, 303);
    let started = std::time::Instant::now();
    loop {
        let outbox = app.get_html(&a, "/team/outbox").await;
        if outbox.contains("<td>not sent</td>") {
            assert!(outbox.contains("mail is not configured"), "{outbox}");
            assert!(outbox.contains(&reviewer.email));
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(15), "{outbox}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let prefs = app.get_html(&r, "/account/mail").await;
    assert!(
        prefs.contains("id=\"mail-off\""),
        "the member is told mail is off"
    );
    // The inbox works all the same.
    assert_eq!(unread_in(&app.get_html(&r, "/inbox").await), "1");
}
