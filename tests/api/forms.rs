//! Forgiving forms: a claim-page form refused for its content comes back as the claim page (422)
//! with the message beside the field and what was typed, never a bare error page; the verdict
//! menu has no default.

use claimdesk::db::schema;
use claimdesk::domain::Role;
use diesel::prelude::*;

use crate::both_backends;
use crate::helpers::{spawn_app, Backend, TestApp};
use crate::review::{accept_all, claim_ids, post_article};
use crate::undo::{step, ARTICLE};

both_backends!(
    a_refused_form_comes_back_with_what_was_typed,
    the_verdict_menu_has_no_default,
    a_team_with_nobody_else_to_approve_is_told_so,
    a_verdict_needs_the_teams_number_of_sources,
);

async fn counts(app: &TestApp) -> (i64, i64, i64) {
    app.with_db(|conn| {
        (
            schema::citations::table.count().get_result(conn).unwrap(),
            schema::comments::table.count().get_result(conn).unwrap(),
            schema::claims::table
                .select(schema::claims::version)
                .load::<i64>(conn)
                .unwrap()
                .iter()
                .sum(),
        )
    })
    .await
}

async fn a_refused_form_comes_back_with_what_was_typed(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let r = app.signed_in(&reviewer).await;
    let article = post_article(&app, &r, "Patrols", ARTICLE).await;
    let claim = claim_ids(&accept_all(&app, &r, &article).await)[0];
    let before = counts(&app).await;
    let csrf = app.csrf_of(&r).await;

    // A citation address without a scheme, a date that is no date.
    for (url, date, field) in [
        (
            "example.org/budget-2026",
            "2026-11-02",
            "citation-url-error",
        ),
        (
            "https://example.org/budget-2026",
            "2 November",
            "citation-accessed-error",
        ),
    ] {
        let response = app
            .post_form(
                &r,
                &format!("/claims/{claim}/citations"),
                &[
                    ("csrf_token", &csrf),
                    ("url", url),
                    ("title", "Defence budget 2026, table 4"),
                    ("publisher", "Ministry of Defence"),
                    ("accessed_on", date),
                    ("stance", "refutes"),
                    ("excerpt", "Patrols: 80 million"),
                ],
            )
            .await;
        assert_eq!(response.status(), 422, "{url} {date}");
        let page = response.text().await.unwrap();
        assert!(page.contains("id=\"form-refused\""), "{page}");
        assert!(page.contains(&format!("id=\"{field}\"")), "{field}: {page}");
        for typed in [
            url,
            "Defence budget 2026, table 4",
            "Ministry of Defence",
            date,
            "Patrols: 80 million",
        ] {
            assert!(page.contains(typed), "{typed} kept");
        }
        assert!(
            page.contains("<option value=\"refutes\" selected>"),
            "stance kept"
        );
        assert!(page.contains("aria-invalid=\"true\""));
    }

    // A blank rationale: the verdict chosen stays chosen.
    assert_eq!(
        step(&app, &r, claim, &[("action", "start_review")]).await,
        303
    );
    let version: i64 = app
        .with_db(move |conn| {
            schema::claims::table
                .find(claim)
                .select(schema::claims::version)
                .first(conn)
                .unwrap()
        })
        .await;
    let before = (before.0, before.1, before.2 + 1);
    let response = app
        .post_form(
            &r,
            &format!("/claims/{claim}/transition"),
            &[
                ("csrf_token", &csrf),
                ("version", &version.to_string()),
                ("action", "propose"),
                ("verdict", "misleading"),
                ("rationale", "   "),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("id=\"rationale-error\""), "{page}");
    assert!(
        page.contains("<option value=\"misleading\" selected>"),
        "{page}"
    );
    // No verdict chosen at all.
    let response = app
        .post_form(
            &r,
            &format!("/claims/{claim}/transition"),
            &[
                ("csrf_token", &csrf),
                ("version", &version.to_string()),
                ("action", "propose"),
                ("verdict", ""),
                ("rationale", "The budget line says otherwise."),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("id=\"verdict-error\""), "{page}");
    assert!(page.contains("The budget line says otherwise."));

    // A blank comment; a statement of two lines.
    let response = app
        .post_form(
            &r,
            &format!("/claims/{claim}/comments"),
            &[("csrf_token", &csrf), ("body", " \n ")],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("id=\"comment-error\""));
    let response = app
        .post_form(
            &r,
            &format!("/claims/{claim}/edit"),
            &[
                ("csrf_token", &csrf),
                ("version", &version.to_string()),
                ("statement", "The navy sent two frigates."),
                ("subject", "frigates\nand more"),
                ("speaker", "the navy"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("id=\"subject-error\""), "{page}");
    assert!(page.contains("The navy sent two frigates."));
    assert!(page.contains("<details id=\"edit-details\" open>"));

    assert_eq!(counts(&app).await, before, "nothing was written");
}

async fn the_verdict_menu_has_no_default(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let r = app.signed_in(&reviewer).await;
    let article = post_article(&app, &r, "Patrols", ARTICLE).await;
    let claim = claim_ids(&accept_all(&app, &r, &article).await)[0];
    assert_eq!(
        step(&app, &r, claim, &[("action", "start_review")]).await,
        303
    );
    let page = app.get_html(&r, &format!("/claims/{claim}")).await;
    let menu = page
        .split("<select id=\"verdict\"")
        .nth(1)
        .unwrap()
        .split("</select>")
        .next()
        .unwrap();
    assert!(menu.contains("<option value=\"\">Choose a verdict…</option>"));
    assert!(!menu.contains("selected"), "{menu}");
}

async fn a_team_with_nobody_else_to_approve_is_told_so(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.add_member("Desk", Role::Admin).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let a = app.signed_in(&admin).await;
    let r = app.signed_in(&reviewer).await;
    let article = post_article(&app, &a, "Patrols", ARTICLE).await;
    let claims = claim_ids(&accept_all(&app, &a, &article).await);
    // The admin is the only one who may approve: their own proposal can never be approved.
    assert_eq!(
        step(&app, &a, claims[0], &[("action", "start_review")]).await,
        303
    );
    let proposed = step(
        &app,
        &a,
        claims[0],
        &[
            ("action", "propose"),
            ("verdict", "true"),
            ("rationale", "The ministry's budget says so."),
        ],
    )
    .await;
    assert_eq!(proposed, 303);
    for client in [&a, &r] {
        let page = app
            .get_html(client, &format!("/claims/{}", claims[0]))
            .await;
        assert!(page.contains("id=\"no-approver\""), "{page}");
        assert!(page.contains(&admin.name), "names who can fix it");
    }
    // A reviewer's proposal: the admin may approve it, so no notice.
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
            ("verdict", "true"),
            ("rationale", "The ministry's budget says so."),
        ],
    )
    .await;
    assert_eq!(proposed, 303);
    let page = app.get_html(&r, &format!("/claims/{}", claims[1])).await;
    assert!(!page.contains("id=\"no-approver\""));
}

/// Proposes straight through the form (the `step` helper cites first).
async fn propose_raw(
    app: &TestApp,
    client: &reqwest::Client,
    claim: i64,
    verdict: &str,
) -> (u16, String) {
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
    let response = app
        .post_form(
            client,
            &format!("/claims/{claim}/transition"),
            &[
                ("csrf_token", &csrf),
                ("version", &version.to_string()),
                ("action", "propose"),
                ("verdict", verdict),
                ("rationale", "What the sources say."),
            ],
        )
        .await;
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

async fn a_verdict_needs_the_teams_number_of_sources(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.add_member("Desk", Role::Admin).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let a = app.signed_in(&admin).await;
    let r = app.signed_in(&reviewer).await;
    let article = post_article(&app, &r, "Patrols", ARTICLE).await;
    let claims = claim_ids(&accept_all(&app, &r, &article).await);
    for claim in &claims[..3] {
        assert_eq!(
            step(&app, &r, *claim, &[("action", "start_review")]).await,
            303
        );
    }
    let settings = app.get_html(&a, "/team/settings").await;
    assert!(
        settings.contains(
            "name=\"min_sources\" type=\"number\" min=\"0\" max=\"10\" step=\"1\" value=\"1\""
        ),
        "one by default"
    );

    // No source: refused (the form comes back), except "unverifiable".
    let (status, page) = propose_raw(&app, &r, claims[0], "false").await;
    assert_eq!(status, 422);
    assert!(page.contains("needs 1 cited source first"), "{page}");
    assert_eq!(
        propose_raw(&app, &r, claims[1], "unverifiable").await.0,
        303
    );
    crate::review::cite_once(&app, &r, claims[0]).await;
    assert_eq!(propose_raw(&app, &r, claims[0], "false").await.0, 303);

    // Two sources: one is not enough any more; a bad number is refused with the form.
    let csrf = app.csrf_of(&a).await;
    let team_name = "Desk";
    for (typed, status) in [("eleven", 422), ("11", 422), ("2", 303)] {
        let response = app
            .post_form(
                &a,
                "/team/settings",
                &[
                    ("csrf_token", &csrf),
                    ("name", team_name),
                    ("min_sources", typed),
                ],
            )
            .await;
        assert_eq!(response.status(), status, "{typed}");
        if status == 422 {
            let page = response.text().await.unwrap();
            assert!(
                page.contains("id=\"min-sources-error\"")
                    && page.contains(&format!("value=\"{typed}\""))
            );
        }
    }
    crate::review::cite_once(&app, &r, claims[2]).await;
    let (status, page) = propose_raw(&app, &r, claims[2], "true").await;
    assert_eq!(status, 422);
    assert!(page.contains("needs 2 cited sources first"), "{page}");
}
