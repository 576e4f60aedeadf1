//! Every state-changing form checks its CSRF token and its origin; a refusal changes nothing.

use claimdesk::domain::Role;

use crate::both_backends;
use crate::helpers::{spawn_app, Backend, TestApp, TestUser};

both_backends!(
    a_missing_csrf_token_is_refused_and_nothing_changes,
    a_wrong_csrf_token_is_refused_and_nothing_changes,
    another_sessions_csrf_token_is_refused,
    a_cross_site_origin_is_refused_even_with_the_right_token,
    sec_fetch_site_cross_site_is_refused,
    the_login_form_needs_its_csrf_token,
    json_sent_to_a_form_is_unsupported,
    invalid_utf8_and_nul_bytes_are_bad_requests,
    extra_form_fields_change_nothing,
);

async fn open_invites(app: &TestApp) -> usize {
    app.with_db(|conn| {
        use diesel::prelude::*;
        claimdesk::db::schema::invites::table
            .count()
            .get_result::<i64>(conn)
            .unwrap() as usize
    })
    .await
}

async fn admin(app: &TestApp) -> (TestUser, reqwest::Client) {
    let admin = app.add_member("Desk", Role::Admin).await;
    let client = app.signed_in(&admin).await;
    (admin, client)
}

async fn a_missing_csrf_token_is_refused_and_nothing_changes(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, client) = admin(&app).await;
    let response = app
        .post_form(
            &client,
            "/team/invites",
            &[("email", "new@example.org"), ("role", "viewer")],
        )
        .await;
    assert_eq!(response.status(), 403);
    assert_eq!(open_invites(&app).await, 0);
}

async fn a_wrong_csrf_token_is_refused_and_nothing_changes(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, client) = admin(&app).await;
    let wrong = "0".repeat(64);
    let response = app
        .post_form(
            &client,
            "/team/invites",
            &[
                ("csrf_token", &wrong),
                ("email", "new@example.org"),
                ("role", "viewer"),
            ],
        )
        .await;
    assert_eq!(response.status(), 403);
    assert_eq!(open_invites(&app).await, 0);
}

async fn another_sessions_csrf_token_is_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let (admin_user, client) = admin(&app).await;
    let other_browser = app.signed_in(&admin_user).await;
    let other_token = app.csrf_of(&other_browser).await;
    assert_ne!(other_token, app.csrf_of(&client).await);
    let response = app
        .post_form(
            &client,
            "/team/invites",
            &[
                ("csrf_token", &other_token),
                ("email", "new@example.org"),
                ("role", "viewer"),
            ],
        )
        .await;
    assert_eq!(response.status(), 403);
    assert_eq!(open_invites(&app).await, 0);
    // The same form with this session's own token goes through.
    let own = app.csrf_of(&client).await;
    let response = app
        .post_form(
            &client,
            "/team/invites",
            &[
                ("csrf_token", &own),
                ("email", "new@example.org"),
                ("role", "viewer"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(open_invites(&app).await, 1);
}

async fn a_cross_site_origin_is_refused_even_with_the_right_token(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, client) = admin(&app).await;
    let csrf = app.csrf_of(&client).await;
    let response = client
        .post(app.url("/team/invites"))
        .header("Origin", "https://evil.example")
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("email", "new@example.org"),
            ("role", "viewer"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert_eq!(open_invites(&app).await, 0);
}

async fn sec_fetch_site_cross_site_is_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, client) = admin(&app).await;
    let csrf = app.csrf_of(&client).await;
    let response = client
        .post(app.url("/team/invites"))
        .header("Sec-Fetch-Site", "cross-site")
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("email", "new@example.org"),
            ("role", "viewer"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert_eq!(open_invites(&app).await, 0);
}

async fn the_login_form_needs_its_csrf_token(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = app.add_member("Desk", Role::Viewer).await;
    let client = crate::helpers::browser();
    let _ = app.get(&client, "/login").await;
    let response = app
        .post_form(
            &client,
            "/login",
            &[("email", &user.email), ("password", &user.password)],
        )
        .await;
    assert_eq!(response.status(), 403);
    // A token from another visitor's pre-session does not fit this one.
    let other = crate::helpers::browser();
    let foreign = crate::helpers::csrf_token_in(&app.get_html(&other, "/login").await);
    let response = app
        .post_form(
            &client,
            "/login",
            &[
                ("csrf_token", &foreign),
                ("email", &user.email),
                ("password", &user.password),
            ],
        )
        .await;
    assert_eq!(response.status(), 403);
}

async fn json_sent_to_a_form_is_unsupported(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, client) = admin(&app).await;
    let csrf = app.csrf_of(&client).await;
    let response = client
        .post(app.url("/team/invites"))
        .header("Content-Type", "application/json")
        .body(format!(
            "{{\"csrf_token\":\"{csrf}\",\"email\":\"new@example.org\",\"role\":\"viewer\"}}"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 415);
    assert_eq!(open_invites(&app).await, 0);
}

async fn invalid_utf8_and_nul_bytes_are_bad_requests(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, client) = admin(&app).await;
    let csrf = app.csrf_of(&client).await;
    for email in ["%FF%FEnew@example.org", "new%00@example.org"] {
        let response = client
            .post(app.url("/team/invites"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(format!("csrf_token={csrf}&email={email}&role=viewer"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400, "{email}");
    }
    assert_eq!(open_invites(&app).await, 0);
}

async fn extra_form_fields_change_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, client) = admin(&app).await;
    let other = app.add_member("Other Desk", Role::Admin).await;
    let other_team = app
        .with_db(|conn| {
            use claimdesk::db::schema::teams;
            use diesel::prelude::*;
            teams::table
                .filter(teams::name.eq("Other Desk"))
                .select(teams::id)
                .first::<i64>(conn)
                .unwrap()
        })
        .await;
    let csrf = app.csrf_of(&client).await;
    let response = app
        .post_form(
            &client,
            "/team/invites",
            &[
                ("csrf_token", &csrf),
                ("email", "new@example.org"),
                ("role", "viewer"),
                ("team_id", &other_team.to_string()),
                ("created_by", "999"),
                ("expires_at", "2099-01-01 00:00:00"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    let (team_id, created_by, expires_year) = app
        .with_db(|conn| {
            use claimdesk::db::schema::invites;
            use diesel::prelude::*;
            let (team, by, expires) = invites::table
                .select((invites::team_id, invites::created_by, invites::expires_at))
                .first::<(i64, i64, chrono::NaiveDateTime)>(conn)
                .unwrap();
            (team, by, chrono::Datelike::year(&expires))
        })
        .await;
    assert_ne!(team_id, other_team, "the invite is in the admin's own team");
    assert_ne!(created_by, 999);
    assert!(expires_year < 2099);
    let _ = other;
}
