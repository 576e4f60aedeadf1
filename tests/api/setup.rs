use crate::both_backends;
use crate::helpers::{browser, csrf_token_in, spawn_app, Backend};

both_backends!(
    the_setup_link_creates_the_first_team_and_admin_and_signs_in,
    a_setup_link_works_only_once,
    an_unknown_setup_token_is_not_found,
    a_weak_password_is_refused_at_setup_beside_its_field,
);

async fn the_setup_link_creates_the_first_team_and_admin_and_signs_in(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.setup_token().await;
    let client = browser();
    let page = app
        .get_html(&client, &format!("/setup?token={token}"))
        .await;
    let csrf = csrf_token_in(&page);
    let response = app
        .post_form(
            &client,
            "/setup",
            &[
                ("csrf_token", &csrf),
                ("token", &token),
                ("team", "Harbor Desk"),
                ("name", "Ana Ruiz"),
                ("email", "ana@example.org"),
                ("password", "copper lantern orbit meadow"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/claims");
    let queue = app.get(&client, "/claims").await;
    assert_eq!(queue.status(), 200);
    let members = app.get_html(&client, "/team/members").await;
    assert!(members.contains("Harbor Desk"));
    assert!(members.contains("ana@example.org"));
    assert!(members.contains("admin"));
}

async fn a_setup_link_works_only_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.setup_token().await;
    let first = browser();
    let csrf = csrf_token_in(&app.get_html(&first, &format!("/setup?token={token}")).await);
    let fields = |csrf: &str, email: &'static str| {
        vec![
            ("csrf_token".to_owned(), csrf.to_owned()),
            ("token".to_owned(), token.clone()),
            ("team".to_owned(), "Desk".to_owned()),
            ("name".to_owned(), "First".to_owned()),
            ("email".to_owned(), email.to_owned()),
            (
                "password".to_owned(),
                "copper lantern orbit meadow".to_owned(),
            ),
        ]
    };
    let response = first
        .post(app.url("/setup"))
        .form(&fields(&csrf, "first@example.org"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);

    let second = browser();
    assert_eq!(
        app.get(&second, &format!("/setup?token={token}"))
            .await
            .status(),
        404
    );
    let login_page = app.get_html(&second, "/login").await;
    let csrf = csrf_token_in(&login_page);
    let replay = second
        .post(app.url("/setup"))
        .form(&fields(&csrf, "second@example.org"))
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), 404);
    let users = app
        .with_db(|conn| claimdesk::db::users::count_users(conn).unwrap())
        .await;
    assert_eq!(users, 1);
}

async fn an_unknown_setup_token_is_not_found(backend: Backend) {
    let app = spawn_app(backend).await;
    let _real = app.setup_token().await;
    let client = browser();
    assert_eq!(app.get(&client, "/setup?token=abc").await.status(), 404);
    assert_eq!(app.get(&client, "/setup").await.status(), 404);
}

async fn a_weak_password_is_refused_at_setup_beside_its_field(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.setup_token().await;
    let client = browser();
    let csrf = csrf_token_in(
        &app.get_html(&client, &format!("/setup?token={token}"))
            .await,
    );
    for weak in ["short", "password1234", "123456789012"] {
        let response = app
            .post_form(
                &client,
                "/setup",
                &[
                    ("csrf_token", &csrf),
                    ("token", &token),
                    ("team", "Desk"),
                    ("name", "Ana"),
                    ("email", "ana@example.org"),
                    ("password", weak),
                ],
            )
            .await;
        assert_eq!(response.status(), 422, "{weak}");
        let body = response.text().await.unwrap();
        assert!(body.contains("id=\"password-error\""), "{weak}");
        assert!(body.contains("aria-invalid=\"true\""));
    }
    let users = app
        .with_db(|conn| claimdesk::db::users::count_users(conn).unwrap())
        .await;
    assert_eq!(users, 0);
    assert_eq!(
        app.get(&client, &format!("/setup?token={token}"))
            .await
            .status(),
        200,
        "the link is still usable"
    );
}
