//! My account: password changes and sessions.

use claimdesk::domain::Role;

use crate::both_backends;
use crate::helpers::{browser, spawn_app, Backend};

both_backends!(
    changing_the_password_needs_the_current_one_and_ends_other_sessions,
    a_weak_new_password_is_refused_beside_its_field,
    signing_out_everywhere_else_keeps_only_this_session,
    a_member_cannot_end_someone_elses_session,
    the_stored_password_hash_is_argon2id,
    changing_the_email_needs_the_current_password,
);

async fn changing_the_password_needs_the_current_one_and_ends_other_sessions(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = app.add_member("Desk", Role::Reviewer).await;
    let here = app.signed_in(&user).await;
    let elsewhere = app.signed_in(&user).await;
    let csrf = app.csrf_of(&here).await;

    let wrong = app
        .post_form(
            &here,
            "/account/password",
            &[
                ("csrf_token", &csrf),
                ("current_password", "not it at all"),
                ("new_password", "amber falcon ridge tunnel"),
            ],
        )
        .await;
    assert_eq!(wrong.status(), 422);
    assert!(wrong
        .text()
        .await
        .unwrap()
        .contains("id=\"current-password-error\""));
    assert_eq!(app.get(&elsewhere, "/claims").await.status(), 200);

    let changed = app
        .post_form(
            &here,
            "/account/password",
            &[
                ("csrf_token", &csrf),
                ("current_password", &user.password),
                ("new_password", "amber falcon ridge tunnel"),
            ],
        )
        .await;
    assert_eq!(changed.status(), 200);
    assert_eq!(
        app.get(&here, "/claims").await.status(),
        200,
        "this session stays"
    );
    assert_eq!(
        app.get(&elsewhere, "/claims").await.status(),
        303,
        "other sessions end"
    );
    assert_eq!(
        app.login_response(&browser(), &user.email, &user.password)
            .await
            .status(),
        401
    );
    assert_eq!(
        app.login_response(&browser(), &user.email, "amber falcon ridge tunnel")
            .await
            .status(),
        303
    );
}

async fn a_weak_new_password_is_refused_beside_its_field(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = app.add_member("Desk", Role::Reviewer).await;
    let client = app.signed_in(&user).await;
    let csrf = app.csrf_of(&client).await;
    let long = "x".repeat(129);
    for weak in ["eleven char", "password1234", long.as_str()] {
        let response = app
            .post_form(
                &client,
                "/account/password",
                &[
                    ("csrf_token", &csrf),
                    ("current_password", &user.password),
                    ("new_password", weak),
                ],
            )
            .await;
        assert_eq!(response.status(), 422, "{weak}");
        let body = response.text().await.unwrap();
        assert!(body.contains("id=\"new-password-error\""), "{weak}");
    }
    assert_eq!(
        app.login_response(&browser(), &user.email, &user.password)
            .await
            .status(),
        303
    );
}

async fn signing_out_everywhere_else_keeps_only_this_session(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = app.add_member("Desk", Role::Viewer).await;
    let here = app.signed_in(&user).await;
    let others = [app.signed_in(&user).await, app.signed_in(&user).await];
    let csrf = app.csrf_of(&here).await;
    let response = app
        .post_form(
            &here,
            "/account/sessions/end-others",
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(app.get(&here, "/account").await.status(), 200);
    for other in &others {
        assert_eq!(app.get(other, "/account").await.status(), 303);
    }
}

async fn a_member_cannot_end_someone_elses_session(backend: Backend) {
    let app = spawn_app(backend).await;
    let a = app.add_member("Desk", Role::Admin).await;
    let b = app.add_member("Desk", Role::Viewer).await;
    let a_browser = app.signed_in(&a).await;
    let b_browser = app.signed_in(&b).await;
    let b_session = app
        .with_db(|conn| {
            use claimdesk::db::schema::sessions;
            use diesel::prelude::*;
            sessions::table
                .select(sessions::id)
                .order(sessions::id.desc())
                .first::<i64>(conn)
                .unwrap()
        })
        .await;
    let csrf = app.csrf_of(&a_browser).await;
    let response = app
        .post_form(
            &a_browser,
            &format!("/account/sessions/{b_session}/end"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(response.status(), 404);
    assert_eq!(app.get(&b_browser, "/claims").await.status(), 200);
}

async fn the_stored_password_hash_is_argon2id(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = app.add_member("Desk", Role::Viewer).await;
    let email = user.email.clone();
    let hash = app
        .with_db(move |conn| {
            use claimdesk::db::schema::users;
            use diesel::prelude::*;
            users::table
                .filter(users::email.eq(email))
                .select(users::password_hash)
                .first::<String>(conn)
                .unwrap()
        })
        .await;
    assert!(
        hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{hash}"
    );
    assert!(!hash.contains(&user.password));
}

async fn changing_the_email_needs_the_current_password(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = app.add_member("Desk", Role::Reviewer).await;
    let other = app.add_member("Desk", Role::Reviewer).await;
    let client = app.signed_in(&user).await;
    let csrf = app.csrf_of(&client).await;
    let wrong = app
        .post_form(
            &client,
            "/account/email",
            &[
                ("csrf_token", &csrf),
                ("email", "new@example.org"),
                ("current_password", "not my password"),
            ],
        )
        .await;
    assert_eq!(wrong.status(), 422);
    assert!(wrong
        .text()
        .await
        .unwrap()
        .contains("id=\"email-current-password-error\""));
    let taken = app
        .post_form(
            &client,
            "/account/email",
            &[
                ("csrf_token", &csrf),
                ("email", &other.email),
                ("current_password", &user.password),
            ],
        )
        .await;
    assert_eq!(taken.status(), 422);
    let changed = app
        .post_form(
            &client,
            "/account/email",
            &[
                ("csrf_token", &csrf),
                ("email", "New.Address@Example.org"),
                ("current_password", &user.password),
            ],
        )
        .await;
    assert_eq!(changed.status(), 303);
    assert_eq!(
        app.login_response(&browser(), "new.address@example.org", &user.password)
            .await
            .status(),
        303
    );
    assert_eq!(
        app.login_response(&browser(), &user.email, &user.password)
            .await
            .status(),
        401
    );
}
