//! Confirmation with a preview before the steps that are hard to take back: publishing (what the
//! public page will say), removing a citation, retiring a verdict (how many claims move, and
//! which settled ones refuse it), deactivating a member (their open claims). Plain pages whose
//! button posts the usual form; who may not take the step sees why, without the button.

use claimdesk::db::schema;
use claimdesk::domain::Role;
use diesel::prelude::*;

use crate::both_backends;
use crate::helpers::{spawn_app, Backend, TestApp};
use crate::review::{accept_all, claim_ids, post_article};
use crate::undo::{step, ARTICLE};

both_backends!(
    publishing_shows_the_public_page_first,
    removing_a_citation_retiring_a_verdict_and_deactivating_are_previewed,
);

async fn status_of(app: &TestApp, claim: i64) -> String {
    app.with_db(move |conn| {
        schema::claims::table
            .find(claim)
            .select(schema::claims::status)
            .first(conn)
            .unwrap()
    })
    .await
}

async fn cite(app: &TestApp, client: &reqwest::Client, claim: i64) {
    let csrf = app.csrf_of(client).await;
    let response = app
        .post_form(
            client,
            &format!("/claims/{claim}/citations"),
            &[
                ("csrf_token", &csrf),
                ("url", "https://budget.example.org/2026/defence"),
                ("title", "Defence budget 2026, table 4"),
                ("stance", "supports"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
}

async fn publishing_shows_the_public_page_first(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let editor = app.add_member("Desk", Role::Editor).await;
    let r = app.signed_in(&reviewer).await;
    let e = app.signed_in(&editor).await;
    let article = post_article(&app, &r, "Patrols", ARTICLE).await;
    let claim = claim_ids(&accept_all(&app, &r, &article).await)[0];
    cite(&app, &r, claim).await;
    assert_eq!(
        step(&app, &r, claim, &[("action", "start_review")]).await,
        303
    );
    let rationale = "Table 4 of the budget lists the patrol line at 80 million.";
    let proposed = step(
        &app,
        &r,
        claim,
        &[
            ("action", "propose"),
            ("verdict", "mostly_true"),
            ("rationale", rationale),
        ],
    )
    .await;
    assert_eq!(proposed, 303);
    assert_eq!(step(&app, &e, claim, &[("action", "approve")]).await, 303);

    let page = app.get_html(&e, &format!("/claims/{claim}")).await;
    assert!(page.contains(&format!("href=\"/claims/{claim}/publish\"")));
    assert!(!page.contains("value=\"publish\""), "no one-click publish");
    let preview = app.get_html(&e, &format!("/claims/{claim}/publish")).await;
    for shown in [
        "What the public page will say",
        "Mostly true",
        rationale,
        "Defence budget 2026, table 4",
        &format!("/verdicts/{claim}"),
        "id=\"confirm-publish\"",
    ] {
        assert!(preview.contains(shown), "{shown}: {preview}");
    }
    assert_eq!(
        status_of(&app, claim).await,
        "verified",
        "a preview publishes nothing"
    );
    let theirs = app.get_html(&r, &format!("/claims/{claim}/publish")).await;
    assert!(theirs.contains("id=\"confirm-refused\"") && !theirs.contains("confirm-publish"));
    assert_eq!(step(&app, &e, claim, &[("action", "publish")]).await, 303);
    assert_eq!(status_of(&app, claim).await, "published");
}

async fn removing_a_citation_retiring_a_verdict_and_deactivating_are_previewed(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let admin = app.add_member("Desk", Role::Admin).await;
    let r = app.signed_in(&reviewer).await;
    let a = app.signed_in(&admin).await;
    let article = post_article(&app, &r, "Patrols", ARTICLE).await;
    let claims = claim_ids(&accept_all(&app, &r, &article).await);
    cite(&app, &r, claims[0]).await;
    let citation: i64 = app
        .with_db(|conn| {
            schema::citations::table
                .select(schema::citations::id)
                .first(conn)
                .unwrap()
        })
        .await;

    // A citation: the page shows it and posts the removal; the claim page links to it.
    let page = app.get_html(&r, &format!("/claims/{}", claims[0])).await;
    let remove = format!("/claims/{}/citations/{citation}/delete", claims[0]);
    assert!(page.contains(&format!("href=\"{remove}\"")), "{page}");
    let preview = app.get_html(&r, &remove).await;
    assert!(preview.contains("Defence budget 2026, table 4") && preview.contains("confirm-remove"));
    let csrf = app.csrf_of(&r).await;
    assert_eq!(
        app.post_form(&r, &remove, &[("csrf_token", &csrf)])
            .await
            .status(),
        303
    );
    assert_eq!(app.get(&r, &remove).await.status(), 404, "gone");

    // A verdict: how many claims carry it and where they go.
    assert_eq!(
        step(&app, &r, claims[1], &[("action", "start_review")]).await,
        303
    );
    let proposed = step(
        &app,
        &r,
        claims[1],
        &[
            ("action", "propose"),
            ("verdict", "mixed"),
            ("rationale", "Half of it holds."),
        ],
    )
    .await;
    assert_eq!(proposed, 303);
    let mixed: i64 = app
        .with_db(|conn| {
            schema::verdicts::table
                .filter(schema::verdicts::key.eq("mixed"))
                .select(schema::verdicts::id)
                .first(conn)
                .unwrap()
        })
        .await;
    let settings = app.get_html(&a, "/team/settings").await;
    assert!(settings.contains(&format!(
        "<form method=\"get\" action=\"/team/verdicts/{mixed}/retire\">"
    )));
    let retire = format!("/team/verdicts/{mixed}/retire?replacement=misleading");
    let preview = app.get_html(&a, &retire).await;
    assert!(
        preview.contains("1 claim carries this verdict: it moves to “Misleading”"),
        "{preview}"
    );
    assert!(preview.contains("id=\"confirm-retire\""));
    let theirs = app.get_html(&r, &retire).await;
    assert!(
        theirs.contains("Admins change the verdict scale") && !theirs.contains("confirm-retire")
    );

    // A member: their open claims stay assigned to them.
    let reviewer_id: i64 = app
        .with_db({
            let email = reviewer.email.clone();
            move |conn| {
                schema::users::table
                    .filter(schema::users::email.eq(email))
                    .select(schema::users::id)
                    .first(conn)
                    .unwrap()
            }
        })
        .await;
    let csrf = app.csrf_of(&r).await;
    let version: i64 = app
        .with_db({
            let claim = claims[2];
            move |conn| {
                schema::claims::table
                    .find(claim)
                    .select(schema::claims::version)
                    .first(conn)
                    .unwrap()
            }
        })
        .await;
    let assigned = app
        .post_form(
            &r,
            &format!("/claims/{}/assign", claims[2]),
            &[
                ("csrf_token", &csrf),
                ("version", &version.to_string()),
                ("assignee", "me"),
            ],
        )
        .await;
    assert_eq!(assigned.status(), 303);
    let member_page = app
        .get_html(&a, &format!("/team/members/{reviewer_id}"))
        .await;
    assert!(
        !member_page.contains("/deactivate\" method")
            && member_page.contains("id=\"deactivate-link\"")
    );
    let preview = app
        .get_html(&a, &format!("/team/members/{reviewer_id}/deactivate"))
        .await;
    assert!(
        preview.contains(&format!("href=\"/claims/{}\"", claims[2])),
        "{preview}"
    );
    assert!(preview.contains("id=\"confirm-deactivate\""));
    let active: bool = app
        .with_db(move |conn| {
            schema::memberships::table
                .filter(schema::memberships::user_id.eq(reviewer_id))
                .select(schema::memberships::active)
                .first(conn)
                .unwrap()
        })
        .await;
    assert!(active, "a preview deactivates nobody");
}
