//! Team settings and the verdict scale: every member reads them, only admins change them; retiring
//! a verdict moves its claims, with their history, in one transaction.

use claimdesk::db::models::VerdictRow;
use claimdesk::domain::Role;

use crate::both_backends;
use crate::helpers::{browser, spawn_app, Backend, TestApp};

both_backends!(
    every_member_sees_the_settings_and_members_link_to_them,
    an_admin_renames_and_rerates_a_verdict,
    an_admin_adds_a_verdict_at_the_end_of_the_scale,
    a_taken_key_is_refused_beside_the_field,
    a_rating_outside_one_to_five_is_a_bad_request,
    retiring_a_verdict_moves_its_claims_with_their_history,
    the_last_active_verdict_cannot_be_retired,
    two_admins_retiring_at_once_leave_an_active_verdict,
    reviewers_and_editors_cannot_change_settings_or_the_scale,
    another_teams_verdict_is_not_found,
    blind_review_and_the_organization_url_are_saved,
    a_form_without_its_csrf_token_is_refused,
);

const ARTICLE: &str = "Coastal Guard Expands Patrols\n\nThe navy said on Monday it would send two frigates and more than 1,200 sailors to the northern strait. Officials doubled the patrol budget to $80 million (about 104 billion won), according to the ministry. The fleet has 35 ships in total.";

// ---- helpers (the claim ones as in review.rs) ----

/// Posts an article and accepts every candidate scoring at least 0.5; returns the claim ids.
async fn claims_from_an_article(app: &TestApp, client: &reqwest::Client) -> Vec<i64> {
    let csrf = app.csrf_of(client).await;
    let response = app
        .post_form(
            client,
            "/articles",
            &[
                ("csrf_token", &csrf),
                ("title", "Patrols"),
                ("publisher", "Harbor Times"),
                ("body", ARTICLE),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let article = response.headers()["location"].to_str().unwrap().to_owned();
    let response = app
        .post_form(
            client,
            &format!("{article}/accept-above"),
            &[("csrf_token", &csrf), ("min_score", "0.5")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let page = app.get_html(client, &article).await;
    let mut ids = Vec::new();
    for part in page.split("href=\"/claims/").skip(1) {
        if let Some(id) = part.split(['"', '?']).next().and_then(|s| s.parse().ok()) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    ids
}

/// Takes a claim through one workflow edge; returns the status code.
async fn act(app: &TestApp, client: &reqwest::Client, claim: i64, fields: &[(&str, &str)]) -> u16 {
    if crate::review::proposes(fields) {
        crate::review::cite_once(app, client, claim).await;
    }
    let page = app.get_html(client, &format!("/claims/{claim}")).await;
    let marker = "name=\"version\" value=\"";
    let start = page.find(marker).expect("a version field") + marker.len();
    let version = page[start..].split('"').next().unwrap().to_owned();
    let csrf = app.csrf_of(client).await;
    let mut all = vec![("csrf_token", csrf.as_str()), ("version", version.as_str())];
    all.extend_from_slice(fields);
    app.post_form(client, &format!("/claims/{claim}/transition"), &all)
        .await
        .status()
        .as_u16()
}

/// Starts the review of a claim and proposes `verdict` for it.
async fn propose(app: &TestApp, client: &reqwest::Client, claim: i64, verdict: &str) {
    assert_eq!(
        act(app, client, claim, &[("action", "start_review")]).await,
        303
    );
    assert_eq!(
        act(
            app,
            client,
            claim,
            &[
                ("action", "propose"),
                ("verdict", verdict),
                ("rationale", "The ministry's release gives other figures."),
            ],
        )
        .await,
        303
    );
}

/// The scale of the team called `team`, in order.
async fn scale_of(app: &TestApp, team: &str) -> Vec<VerdictRow> {
    let team = team.to_owned();
    app.with_db(move |conn| {
        use claimdesk::db::schema::teams;
        use diesel::prelude::*;
        let team_id: i64 = teams::table
            .filter(teams::name.eq(team))
            .select(teams::id)
            .first(conn)
            .unwrap();
        claimdesk::db::verdicts::scale(conn, claimdesk::domain::TeamId::new(team_id)).unwrap()
    })
    .await
}

async fn verdict(app: &TestApp, team: &str, key: &str) -> VerdictRow {
    scale_of(app, team)
        .await
        .into_iter()
        .find(|v| v.key == key)
        .unwrap_or_else(|| panic!("{team} has no verdict {key}"))
}

/// (verdict id, version) of a claim.
async fn claim_state(app: &TestApp, claim_id: i64) -> (Option<i64>, i64) {
    app.with_db(move |conn| {
        use claimdesk::db::schema::claims;
        use diesel::prelude::*;
        claims::table
            .find(claim_id)
            .select((claims::verdict_id, claims::version))
            .first(conn)
            .unwrap()
    })
    .await
}

/// The team events: (action, before, after), oldest first.
async fn team_events(app: &TestApp) -> Vec<(String, Option<String>, Option<String>)> {
    app.with_db(|conn| {
        use claimdesk::db::schema::events;
        use diesel::prelude::*;
        events::table
            .filter(events::entity.eq("team"))
            .order(events::id)
            .select((events::action, events::before_value, events::after_value))
            .load(conn)
            .unwrap()
    })
    .await
}

/// (name, org_url, blind_review) of the team with this id.
async fn team_settings(app: &TestApp, team: &str) -> (String, Option<String>, bool) {
    let team = team.to_owned();
    app.with_db(move |conn| {
        use claimdesk::db::schema::{memberships, teams, users};
        use diesel::prelude::*;
        // Find the team through its admin so a renamed team is still found.
        let team_id: i64 = memberships::table
            .inner_join(users::table)
            .filter(users::email.eq(team))
            .select(memberships::team_id)
            .first(conn)
            .unwrap();
        teams::table
            .find(team_id)
            .select((teams::name, teams::org_url, teams::blind_review))
            .first(conn)
            .unwrap()
    })
    .await
}

async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let csrf = app.csrf_of(client).await;
    let mut all = vec![("csrf_token", csrf.as_str())];
    all.extend_from_slice(fields);
    app.post_form(client, path, &all).await
}

// ---- the tests ----

async fn every_member_sees_the_settings_and_members_link_to_them(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.add_member("Desk", Role::Admin).await;
    let viewer = app.add_member("Desk", Role::Viewer).await;
    let v = app.signed_in(&viewer).await;
    let members = app.get_html(&v, "/team/members").await;
    assert!(members.contains("href=\"/team/settings\""));
    let response = app.get(&v, "/team/settings").await;
    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();
    for shown in ["Mostly true", "mostly_true", "Unverifiable", "Blind review"] {
        assert!(page.contains(shown), "{shown}");
    }
    assert!(!page.contains("action=\"/team/verdicts"));
    assert!(!page.contains("action=\"/team/settings\""));

    let a = app.signed_in(&admin).await;
    let page = app.get_html(&a, "/team/settings").await;
    assert!(page.contains("action=\"/team/settings\""));
    assert!(page.contains("action=\"/team/verdicts\""));
    assert_eq!(app.get(&browser(), "/team/settings").await.status(), 303);
}

async fn an_admin_renames_and_rerates_a_verdict(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.add_member("Desk", Role::Admin).await;
    let a = app.signed_in(&admin).await;
    let mixed = verdict(&app, "Desk", "mixed").await;
    let response = post(
        &app,
        &a,
        &format!("/team/verdicts/{}", mixed.id),
        &[("label", "Half true"), ("rating", "")],
    )
    .await;
    assert_eq!(response.status(), 303);
    let after = verdict(&app, "Desk", "mixed").await;
    assert_eq!(after.label, "Half true");
    assert_eq!(after.rating, None);
    assert_eq!(after.position, mixed.position);

    let response = post(
        &app,
        &a,
        &format!("/team/verdicts/{}", mixed.id),
        &[("label", "Half true"), ("rating", "2")],
    )
    .await;
    assert_eq!(response.status(), 303);
    assert_eq!(verdict(&app, "Desk", "mixed").await.rating, Some(2));

    let events = team_events(&app).await;
    let actions: Vec<&str> = events.iter().map(|(a, _, _)| a.as_str()).collect();
    assert!(
        actions.ends_with(&["verdict_renamed", "verdict_rerated"]),
        "{actions:?}"
    );
    let page = app.get_html(&a, "/team/settings?done=changed").await;
    assert!(page.contains("value=\"Half true\""));
    assert!(page.contains("Verdict saved."));
}

async fn an_admin_adds_a_verdict_at_the_end_of_the_scale(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.add_member("Desk", Role::Admin).await;
    let a = app.signed_in(&admin).await;
    let response = post(
        &app,
        &a,
        "/team/verdicts",
        &[("key", "satire"), ("label", "Satire"), ("rating", "")],
    )
    .await;
    assert_eq!(response.status(), 303);
    let scale = scale_of(&app, "Desk").await;
    let last = scale.last().unwrap();
    assert_eq!(
        (last.key.as_str(), last.label.as_str()),
        ("satire", "Satire")
    );
    assert_eq!(last.rating, None);
    assert_eq!(last.position, 7);
    assert!(!last.retired);
    assert_eq!(team_events(&app).await.last().unwrap().0, "verdict_added");

    // The new verdict can be given at once.
    let claim = claims_from_an_article(&app, &a).await[0];
    propose(&app, &a, claim, "satire").await;
    assert_eq!(claim_state(&app, claim).await.0, Some(last.id));
    let page = app.get_html(&a, "/team/settings").await;
    assert!(page.contains("Satire"));
}

async fn a_taken_key_is_refused_beside_the_field(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.add_member("Desk", Role::Admin).await;
    let a = app.signed_in(&admin).await;
    let response = post(
        &app,
        &a,
        "/team/verdicts",
        &[("key", "mixed"), ("label", "Mixed again"), ("rating", "3")],
    )
    .await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("id=\"new-key-error\""), "{page}");
    assert!(page.contains("aria-describedby=\"new-key-hint new-key-error\" aria-invalid=\"true\""));
    assert!(
        page.contains("value=\"Mixed again\""),
        "what was typed is kept"
    );
    assert_eq!(scale_of(&app, "Desk").await.len(), 6);

    // Another team may use the same key.
    let other = app.add_member("Other Desk", Role::Admin).await;
    let o = app.signed_in(&other).await;
    let response = post(
        &app,
        &o,
        "/team/verdicts",
        &[("key", "satire"), ("label", "Satire"), ("rating", "")],
    )
    .await;
    assert_eq!(response.status(), 303);
    let response = post(
        &app,
        &a,
        "/team/verdicts",
        &[("key", "satire"), ("label", "Satire"), ("rating", "")],
    )
    .await;
    assert_eq!(response.status(), 303);
    // A key that is not a slug is a bad request, shown beside the field too.
    let response = post(
        &app,
        &a,
        "/team/verdicts",
        &[
            ("key", "Half True"),
            ("label", "Half true"),
            ("rating", "3"),
        ],
    )
    .await;
    assert_eq!(response.status(), 422);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("id=\"new-key-error\""));
}

async fn a_rating_outside_one_to_five_is_a_bad_request(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.add_member("Desk", Role::Admin).await;
    let a = app.signed_in(&admin).await;
    let mixed = verdict(&app, "Desk", "mixed").await;
    for rating in ["6", "0", "-1", "three", "2.5"] {
        let response = post(
            &app,
            &a,
            &format!("/team/verdicts/{}", mixed.id),
            &[("label", "Half true"), ("rating", rating)],
        )
        .await;
        assert_eq!(response.status(), 422, "{rating}");
        let page = response.text().await.unwrap();
        assert!(
            page.contains(&format!("id=\"rating-{}-error\"", mixed.id)),
            "{page}"
        );
    }
    let response = post(
        &app,
        &a,
        "/team/verdicts",
        &[("key", "satire"), ("label", "Satire"), ("rating", "9")],
    )
    .await;
    assert_eq!(response.status(), 422);
    let after = verdict(&app, "Desk", "mixed").await;
    assert_eq!((after.label.as_str(), after.rating), ("Mixed", Some(3)));
    assert_eq!(scale_of(&app, "Desk").await.len(), 6);
    assert_eq!(team_events(&app).await.len(), 1, "only the team's creation");
}

async fn retiring_a_verdict_moves_its_claims_with_their_history(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.add_member("Desk", Role::Admin).await;
    let a = app.signed_in(&admin).await;
    let claims = claims_from_an_article(&app, &a).await;
    assert!(claims.len() >= 3, "{claims:?}");
    let (first, second, third) = (claims[0], claims[1], claims[2]);
    propose(&app, &a, first, "mixed").await;
    propose(&app, &a, second, "mixed").await;
    propose(&app, &a, third, "false").await;
    let mixed = verdict(&app, "Desk", "mixed").await;
    let mostly_true = verdict(&app, "Desk", "mostly_true").await;
    let false_ = verdict(&app, "Desk", "false").await;
    let before = [
        claim_state(&app, first).await,
        claim_state(&app, second).await,
        claim_state(&app, third).await,
    ];
    assert_eq!(before[0].0, Some(mixed.id));
    let page = app.get_html(&a, "/team/settings").await;
    assert!(page.contains("Retire mixed"));

    let response = post(
        &app,
        &a,
        &format!("/team/verdicts/{}/retire", mixed.id),
        &[("replacement", "mostly_true")],
    )
    .await;
    assert_eq!(response.status(), 303);

    for (claim, (_, version)) in [first, second].into_iter().zip(before) {
        let (verdict_id, new_version) = claim_state(&app, claim).await;
        assert_eq!(verdict_id, Some(mostly_true.id));
        assert_eq!(new_version, version + 1);
        let page = app.get_html(&a, &format!("/claims/{claim}")).await;
        assert!(
            page.contains("verdict retired (was Mixed) → Mostly true"),
            "{page}"
        );
    }
    assert_eq!(
        claim_state(&app, third).await,
        (Some(false_.id), before[2].1)
    );
    assert!(verdict(&app, "Desk", "mixed").await.retired);
    assert_eq!(team_events(&app).await.last().unwrap().0, "verdict_retired");

    // A retired verdict can no longer be given, nor retired again, nor chosen as a replacement.
    let fourth = claims.get(3).copied();
    if let Some(claim) = fourth {
        assert_eq!(
            act(&app, &a, claim, &[("action", "start_review")]).await,
            303
        );
        assert_eq!(
            act(
                &app,
                &a,
                claim,
                &[
                    ("action", "propose"),
                    ("verdict", "mixed"),
                    ("rationale", "x")
                ]
            )
            .await,
            409
        );
    }
    let again = post(
        &app,
        &a,
        &format!("/team/verdicts/{}/retire", mixed.id),
        &[("replacement", "mostly_true")],
    )
    .await;
    assert_eq!(again.status(), 409);
    let into_retired = post(
        &app,
        &a,
        &format!("/team/verdicts/{}/retire", false_.id),
        &[("replacement", "mixed")],
    )
    .await;
    assert_eq!(into_retired.status(), 422);
    let into_itself = post(
        &app,
        &a,
        &format!("/team/verdicts/{}/retire", false_.id),
        &[("replacement", "false")],
    )
    .await;
    assert_eq!(into_itself.status(), 422);
    assert!(into_itself
        .text()
        .await
        .unwrap()
        .contains(&format!("id=\"replacement-{}-error\"", false_.id)));
    assert_eq!(
        claim_state(&app, third).await,
        (Some(false_.id), before[2].1)
    );

    let page = app.get_html(&a, "/team/settings").await;
    assert!(page.contains("retired"));
    assert!(!page.contains("Retire mixed"));
}

async fn the_last_active_verdict_cannot_be_retired(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.add_member("Desk", Role::Admin).await;
    let a = app.signed_in(&admin).await;
    for key in ["true", "mostly_true", "mixed", "misleading", "false"] {
        let id = verdict(&app, "Desk", key).await.id;
        let response = post(
            &app,
            &a,
            &format!("/team/verdicts/{id}/retire"),
            &[("replacement", "unverifiable")],
        )
        .await;
        assert_eq!(response.status(), 303, "{key}");
    }
    let last = verdict(&app, "Desk", "unverifiable").await;
    let response = post(
        &app,
        &a,
        &format!("/team/verdicts/{}/retire", last.id),
        &[("replacement", "true")],
    )
    .await;
    assert_eq!(response.status(), 409);
    assert!(!verdict(&app, "Desk", "unverifiable").await.retired);
}

async fn two_admins_retiring_at_once_leave_an_active_verdict(backend: Backend) {
    let app = spawn_app(backend).await;
    let first = app.add_member("Desk", Role::Admin).await;
    let second = app.add_member("Desk", Role::Admin).await;
    let a = app.signed_in(&first).await;
    let b = app.signed_in(&second).await;
    for key in ["mostly_true", "mixed", "misleading", "unverifiable"] {
        let id = verdict(&app, "Desk", key).await.id;
        let response = post(
            &app,
            &a,
            &format!("/team/verdicts/{id}/retire"),
            &[("replacement", "true")],
        )
        .await;
        assert_eq!(response.status(), 303, "{key}");
    }
    // Two verdicts are left; each admin retires one into the other at the same moment.
    let true_ = verdict(&app, "Desk", "true").await.id;
    let false_ = verdict(&app, "Desk", "false").await.id;
    let (csrf_a, csrf_b) = (app.csrf_of(&a).await, app.csrf_of(&b).await);
    let (path_a, path_b) = (
        format!("/team/verdicts/{true_}/retire"),
        format!("/team/verdicts/{false_}/retire"),
    );
    let fields_a = [("csrf_token", csrf_a.as_str()), ("replacement", "false")];
    let fields_b = [("csrf_token", csrf_b.as_str()), ("replacement", "true")];
    let (one, other) = tokio::join!(
        app.post_form(&a, &path_a, &fields_a),
        app.post_form(&b, &path_b, &fields_b),
    );
    let mut statuses = [one.status().as_u16(), other.status().as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses[0], 303, "{statuses:?}");
    assert!(matches!(statuses[1], 422 | 409), "{statuses:?}");
    let active: Vec<String> = scale_of(&app, "Desk")
        .await
        .into_iter()
        .filter(|v| !v.retired)
        .map(|v| v.key)
        .collect();
    assert_eq!(active.len(), 1, "{active:?}");
}

async fn reviewers_and_editors_cannot_change_settings_or_the_scale(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.add_member("Desk", Role::Admin).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let editor = app.add_member("Desk", Role::Editor).await;
    let viewer = app.add_member("Desk", Role::Viewer).await;
    let mixed = verdict(&app, "Desk", "mixed").await;
    let scale_before = scale_of(&app, "Desk").await.len();
    let events_before = team_events(&app).await.len();
    for who in [&reviewer, &editor, &viewer] {
        let client = app.signed_in(who).await;
        let page = app.get_html(&client, "/team/settings").await;
        assert!(!page.contains("<form method=\"post\" action=\"/team/verdicts"));
        let attempts: [(String, Vec<(&str, &str)>); 4] = [
            (
                "/team/settings".into(),
                vec![
                    ("name", "Taken Over"),
                    ("org_url", ""),
                    ("blind_review", "on"),
                ],
            ),
            (
                "/team/verdicts".into(),
                vec![("key", "satire"), ("label", "Satire"), ("rating", "")],
            ),
            (
                format!("/team/verdicts/{}", mixed.id),
                vec![("label", "Renamed"), ("rating", "1")],
            ),
            (
                format!("/team/verdicts/{}/retire", mixed.id),
                vec![("replacement", "true")],
            ),
        ];
        for (path, fields) in attempts {
            let response = post(&app, &client, &path, &fields).await;
            assert_eq!(response.status(), 403, "{} {path}", who.email);
        }
    }
    assert_eq!(
        team_settings(&app, &admin.email).await,
        ("Desk".into(), None, false)
    );
    let after = verdict(&app, "Desk", "mixed").await;
    assert_eq!(
        (after.label.as_str(), after.rating, after.retired),
        ("Mixed", Some(3), false)
    );
    assert_eq!(scale_of(&app, "Desk").await.len(), scale_before);
    assert_eq!(team_events(&app).await.len(), events_before);
}

async fn another_teams_verdict_is_not_found(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.add_member("Desk", Role::Admin).await;
    app.add_member("Other Desk", Role::Admin).await;
    let a = app.signed_in(&admin).await;
    let theirs = verdict(&app, "Other Desk", "mixed").await;
    for (suffix, fields) in [
        ("", vec![("label", "Taken over"), ("rating", "1")]),
        ("/retire", vec![("replacement", "true")]),
    ] {
        let foreign = post(
            &app,
            &a,
            &format!("/team/verdicts/{}{suffix}", theirs.id),
            &fields,
        )
        .await;
        let missing = post(
            &app,
            &a,
            &format!("/team/verdicts/99999999{suffix}"),
            &fields,
        )
        .await;
        assert_eq!(foreign.status(), 404);
        assert_eq!(missing.status(), 404);
        assert_eq!(foreign.text().await.unwrap(), missing.text().await.unwrap());
    }
    // Refused input for another team's verdict is still a 404, not a page about it.
    let response = post(
        &app,
        &a,
        &format!("/team/verdicts/{}", theirs.id),
        &[("label", ""), ("rating", "7")],
    )
    .await;
    assert_eq!(response.status(), 404);
    let after = verdict(&app, "Other Desk", "mixed").await;
    assert_eq!((after.label.as_str(), after.retired), ("Mixed", false));
}

async fn blind_review_and_the_organization_url_are_saved(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.add_member("Desk", Role::Admin).await;
    let a = app.signed_in(&admin).await;
    let response = post(
        &app,
        &a,
        "/team/settings",
        &[
            ("name", "Harbor Desk"),
            ("org_url", "https://factcheck.example.org/"),
            ("blind_review", "on"),
        ],
    )
    .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        team_settings(&app, &admin.email).await,
        (
            "Harbor Desk".into(),
            Some("https://factcheck.example.org/".into()),
            true
        )
    );
    let (action, _, after) = team_events(&app).await.pop().unwrap();
    assert_eq!(action, "settings_changed");
    assert!(after.unwrap().contains("blind review: on"));
    let page = app.get_html(&a, "/team/settings?done=settings").await;
    assert!(page.contains("Team settings saved."));
    assert!(page.contains(" checked"));
    assert!(page.contains("Harbor Desk"));

    // An unticked checkbox is absent from the form: blind review goes off.
    let response = post(
        &app,
        &a,
        "/team/settings",
        &[
            ("name", "Harbor Desk"),
            ("org_url", "https://factcheck.example.org/"),
        ],
    )
    .await;
    assert_eq!(response.status(), 303);
    assert!(!team_settings(&app, &admin.email).await.2);

    let events_before = team_events(&app).await.len();
    let response = post(
        &app,
        &a,
        "/team/settings",
        &[
            ("name", "Harbor Desk"),
            ("org_url", "javascript:alert(1)"),
            ("blind_review", "on"),
        ],
    )
    .await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("id=\"org-url-error\""), "{page}");
    assert!(page.contains("org-url-hint org-url-error\" aria-invalid=\"true\""));
    assert_eq!(
        team_settings(&app, &admin.email).await,
        (
            "Harbor Desk".into(),
            Some("https://factcheck.example.org/".into()),
            false
        )
    );
    assert_eq!(team_events(&app).await.len(), events_before);

    // Clearing the URL stores none.
    let response = post(
        &app,
        &a,
        "/team/settings",
        &[("name", "Harbor Desk"), ("org_url", "  ")],
    )
    .await;
    assert_eq!(response.status(), 303);
    assert_eq!(team_settings(&app, &admin.email).await.1, None);
}

async fn a_form_without_its_csrf_token_is_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.add_member("Desk", Role::Admin).await;
    let a = app.signed_in(&admin).await;
    let mixed = verdict(&app, "Desk", "mixed").await;
    let attempts: [(String, Vec<(&str, &str)>); 4] = [
        (
            "/team/settings".into(),
            vec![("name", "Taken Over"), ("blind_review", "on")],
        ),
        (
            "/team/verdicts".into(),
            vec![("key", "satire"), ("label", "Satire"), ("rating", "")],
        ),
        (
            format!("/team/verdicts/{}", mixed.id),
            vec![("label", "Renamed"), ("rating", "1")],
        ),
        (
            format!("/team/verdicts/{}/retire", mixed.id),
            vec![("replacement", "true")],
        ),
    ];
    for (path, fields) in attempts {
        let response = app.post_form(&a, &path, &fields).await;
        assert_eq!(response.status(), 403, "{path}");
        let mut forged = fields.clone();
        forged.push(("csrf_token", "0000"));
        assert_eq!(
            app.post_form(&a, &path, &forged).await.status(),
            403,
            "{path}"
        );
    }
    assert_eq!(
        team_settings(&app, &admin.email).await,
        ("Desk".into(), None, false)
    );
    let after = verdict(&app, "Desk", "mixed").await;
    assert_eq!((after.label.as_str(), after.retired), ("Mixed", false));
    assert_eq!(scale_of(&app, "Desk").await.len(), 6);
}
