//! Every password check is a sign-in: the account forms and switching two-factor sign-in off are
//! throttled on the account's own budget (ten a minute, a hundred an hour) and the address's, like
//! sign-in; a password change or a deactivation ends the member's API tokens; the ClaimReview feed
//! shares the export budget.

use claimdesk::domain::Role;
use serde_json::Value;

use crate::api::{api, get_json, member_with_token};
use crate::both_backends;
use crate::helpers::{spawn_app, Backend, TestApp, TestUser};

both_backends!(
    account_form_password_guesses_are_throttled_like_sign_in,
    an_account_has_an_hourly_budget_as_well,
    a_password_change_ends_the_members_api_tokens,
    a_deactivation_ends_the_members_api_tokens_in_that_team,
    the_claimreview_feed_shares_the_export_budget,
);

async fn post_password_form(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    current: &str,
) -> reqwest::Response {
    let csrf = app.csrf_of(client).await;
    let fields: Vec<(&str, &str)> = match path {
        "/account/password" => vec![
            ("csrf_token", csrf.as_str()),
            ("current_password", current),
            ("new_password", "saffron lantern orbit quietly 91"),
        ],
        _ => vec![
            ("csrf_token", csrf.as_str()),
            ("current_password", current),
            ("email", "moved.somewhere@example.org"),
        ],
    };
    app.post_form(client, path, &fields).await
}

async fn account_form_password_guesses_are_throttled_like_sign_in(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = app.add_member("Desk", Role::Reviewer).await;
    let client = app.signed_in(&user).await;
    // Ten wrong guesses, split between the two account forms: one budget, the account's.
    for n in 0..10 {
        let path = if n % 2 == 0 {
            "/account/password"
        } else {
            "/account/email"
        };
        let wrong = post_password_form(&app, &client, path, "not my password, a guess").await;
        assert_eq!(wrong.status(), 422, "guess {n} on {path}");
    }
    for path in ["/account/password", "/account/email"] {
        let throttled = post_password_form(&app, &client, path, "another guess, surely").await;
        assert_eq!(throttled.status(), 429, "{path}");
        assert!(throttled.headers().contains_key("retry-after"));
        // The right password is refused too while throttled.
        let right = post_password_form(&app, &client, path, &user.password).await;
        assert_eq!(right.status(), 429, "{path}");
    }
    // And sign-in shares the budget: the account cannot be guessed through the other door.
    let signed_out = crate::helpers::browser();
    let response = app
        .login_response(&signed_out, &user.email, &user.password)
        .await;
    assert_eq!(response.status(), 429);
}

async fn an_account_has_an_hourly_budget_as_well(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = app.add_member("Desk", Role::Reviewer).await;
    // 95 failures spread over the last hour, never ten in a minute.
    let key = format!("email:{}", claimdesk::auth::email_hash(&user.email));
    app.with_db(move |conn| {
        use claimdesk::db::schema::login_failures;
        use diesel::prelude::*;
        let now = claimdesk::db::now();
        for n in 0..95i64 {
            diesel::insert_into(login_failures::table)
                .values((
                    login_failures::throttle_key.eq(&key),
                    login_failures::failed_at.eq(now - chrono::TimeDelta::seconds(120 + n * 30)),
                ))
                .execute(conn)
                .unwrap();
        }
    })
    .await;
    let client = crate::helpers::browser();
    for n in 0..5 {
        let refused = app
            .login_response(&client, &user.email, "wrong password here, again")
            .await;
        assert_eq!(refused.status(), 401, "failure {n} of the hour's last five");
    }
    let throttled = app
        .login_response(&client, &user.email, &user.password)
        .await;
    assert_eq!(throttled.status(), 429, "a hundred failures in the hour");
    let wait: u64 = throttled.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(wait > 60, "the hour's budget, not the minute's: {wait} s");
}

async fn token_works(app: &TestApp, token: &str) -> u16 {
    get_json(app, token, "/api/v1/claims").await.0
}

async fn a_password_change_ends_the_members_api_tokens(backend: Backend) {
    let app = spawn_app(backend).await;
    let (user, client, token): (TestUser, _, _) =
        member_with_token(&app, "Desk", Role::Reviewer).await;
    assert_eq!(token_works(&app, &token).await, 200);
    let changed = post_password_form(&app, &client, "/account/password", &user.password).await;
    assert_eq!(changed.status(), 200);
    assert!(changed.text().await.unwrap().contains("API tokens revoked"));
    assert_eq!(token_works(&app, &token).await, 401);
    let response = api()
        .get(app.url("/api/v1/claims"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unauthorized");
}

async fn a_deactivation_ends_the_members_api_tokens_in_that_team(backend: Backend) {
    let app = spawn_app(backend).await;
    let (user, _, token) = member_with_token(&app, "Desk", Role::Reviewer).await;
    let admin = app.add_member("Desk", Role::Admin).await;
    let a = app.signed_in(&admin).await;
    let email = user.email.clone();
    let user_id = app
        .with_db(move |conn| {
            use claimdesk::db::schema::users;
            use diesel::prelude::*;
            users::table
                .filter(users::email.eq(email))
                .select(users::id)
                .first::<i64>(conn)
                .unwrap()
        })
        .await;
    let csrf = app.csrf_of(&a).await;
    let response = app
        .post_form(
            &a,
            &format!("/team/members/{user_id}/deactivate"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert!(response.status().is_redirection(), "{}", response.status());
    let live = app
        .with_db(move |conn| {
            use claimdesk::db::schema::api_tokens;
            use diesel::prelude::*;
            api_tokens::table
                .filter(api_tokens::user_id.eq(user_id))
                .filter(api_tokens::revoked_at.is_null())
                .count()
                .get_result::<i64>(conn)
                .unwrap()
        })
        .await;
    assert_eq!(live, 0, "the token is revoked, not only refused");
    assert_eq!(token_works(&app, &token).await, 401);
}

async fn the_claimreview_feed_shares_the_export_budget(backend: Backend) {
    let app = spawn_app(backend).await;
    let viewer = app.add_member("Desk", Role::Viewer).await;
    let client = app.signed_in(&viewer).await;
    for n in 0..10 {
        let path = if n % 2 == 0 {
            "/export/claimreview.jsonl"
        } else {
            "/export/claims.csv"
        };
        assert_eq!(app.get(&client, path).await.status(), 200, "{n}: {path}");
    }
    let throttled = app.get(&client, "/export/claimreview.jsonl").await;
    assert_eq!(throttled.status(), 429);
    assert!(throttled.headers().contains_key("retry-after"));
}
