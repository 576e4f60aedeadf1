use std::time::Duration;

use claimdesk::domain::Role;

use crate::both_backends;
use crate::helpers::{browser, csrf_token_in, spawn_app, spawn_app_with, Backend};

both_backends!(
    a_member_signs_in_and_reaches_the_queue,
    signing_out_ends_the_session_and_the_old_cookie_is_refused,
    unknown_email_and_wrong_password_get_identical_answers,
    repeated_failures_are_throttled_with_retry_after_even_for_the_right_password,
    signing_in_issues_a_new_session_token,
    a_planted_session_cookie_is_not_adopted,
    the_next_parameter_only_leads_to_local_paths,
    an_idle_session_expires,
    a_session_ends_at_its_absolute_lifetime,
    pages_redirect_anonymous_visitors_to_sign_in,
    only_the_hash_of_the_session_token_is_stored,
    failures_across_accounts_from_one_address_are_throttled,
    every_refused_sign_in_costs_one_argon2_run_like_a_checked_one,
);

async fn a_member_signs_in_and_reaches_the_queue(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = app.add_member("Desk", Role::Reviewer).await;
    let client = browser();
    let response = app
        .login_response(&client, &user.email, &user.password)
        .await;
    assert_eq!(response.status(), 303);
    // The password was verified on the blocking pool, not on the worker serving the request.
    assert!(!claimdesk::auth::argon2_ran_on_a_worker());
    assert_eq!(response.headers()["location"], "/claims");
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("claimdesk_session="))
        .expect("a session cookie");
    assert!(cookie.contains("HttpOnly"));
    assert!(cookie.contains("SameSite=Lax"));
    assert!(cookie.contains("Path=/"));
    assert!(!cookie.to_lowercase().contains("domain="));
    let queue = app.get(&client, "/claims").await;
    assert_eq!(queue.status(), 200);
    assert!(queue.text().await.unwrap().contains(&user.name));
}

fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("claimdesk_session="))
        .map(|c| {
            c.split(';')
                .next()
                .unwrap_or("")
                .trim_start_matches("claimdesk_session=")
                .to_owned()
        })
}

async fn signing_out_ends_the_session_and_the_old_cookie_is_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = app.add_member("Desk", Role::Viewer).await;
    let client = browser();
    let response = app
        .login_response(&client, &user.email, &user.password)
        .await;
    let token = session_cookie(&response).expect("a session cookie");
    let csrf = app.csrf_of(&client).await;
    let response = app
        .post_form(&client, "/logout", &[("csrf_token", &csrf)])
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/login");
    // A copy of the old cookie, replayed from elsewhere, no longer works.
    let replay = browser()
        .get(app.url("/claims"))
        .header("Cookie", format!("claimdesk_session={token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), 303);
    assert!(replay.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/login"));
}

async fn unknown_email_and_wrong_password_get_identical_answers(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = app.add_member("Desk", Role::Editor).await;
    let client = browser();
    let csrf = csrf_token_in(&app.get_html(&client, "/login").await);
    let attempt = |email: String| {
        let (client, app_url, csrf) = (client.clone(), app.url("/login"), csrf.clone());
        async move {
            client
                .post(app_url)
                .form(&[
                    ("csrf_token", csrf.as_str()),
                    ("email", email.as_str()),
                    ("password", "wrong password here"),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    let wrong_password = attempt(user.email.clone()).await;
    let unknown_email = attempt(user.email.clone().replace('@', "x@")).await;
    assert_eq!(wrong_password.status(), 401);
    assert_eq!(wrong_password.status(), unknown_email.status());
    assert!(wrong_password.headers().get("set-cookie").is_none());
    assert!(unknown_email.headers().get("set-cookie").is_none());
    let a = wrong_password
        .text()
        .await
        .unwrap()
        .replace(&user.email, "EMAIL");
    let b = unknown_email
        .text()
        .await
        .unwrap()
        .replace(&user.email.replace('@', "x@"), "EMAIL");
    assert_eq!(a, b);
}

async fn repeated_failures_are_throttled_with_retry_after_even_for_the_right_password(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let user = app.add_member("Desk", Role::Reviewer).await;
    let client = browser();
    for _ in 0..10 {
        let response = app
            .login_response(&client, &user.email, "not the password at all")
            .await;
        assert_eq!(response.status(), 401);
    }
    let throttled = app
        .login_response(&client, &user.email, &user.password)
        .await;
    assert_eq!(throttled.status(), 429);
    let retry_after: u64 = throttled.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry_after));
    assert!(session_cookie(&throttled).is_none());
}

async fn signing_in_issues_a_new_session_token(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = app.add_member("Desk", Role::Reviewer).await;
    let first = session_cookie(
        &app.login_response(&browser(), &user.email, &user.password)
            .await,
    )
    .unwrap();
    let second = session_cookie(
        &app.login_response(&browser(), &user.email, &user.password)
            .await,
    )
    .unwrap();
    assert_eq!(first.len(), 64);
    assert_ne!(first, second);
}

async fn a_planted_session_cookie_is_not_adopted(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = app.add_member("Desk", Role::Reviewer).await;
    let planted = "a".repeat(64);
    // A client without a cookie store: the test sends exactly the cookies an attacker planted.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = client
        .get(app.url("/login"))
        .header("Cookie", format!("claimdesk_session={planted}"))
        .send()
        .await
        .unwrap();
    let pre = page
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("claimdesk_pre="))
        .map(|c| c.split(';').next().unwrap_or("").to_owned())
        .expect("a pre-session cookie");
    let csrf = csrf_token_in(&page.text().await.unwrap());
    let response = client
        .post(app.url("/login"))
        .header("Cookie", format!("{pre}; claimdesk_session={planted}"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("email", user.email.as_str()),
            ("password", user.password.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let issued = session_cookie(&response).expect("a fresh session cookie");
    assert_ne!(issued, planted);
    let with_planted = client
        .get(app.url("/claims"))
        .header("Cookie", format!("claimdesk_session={planted}"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        with_planted.status(),
        303,
        "the planted cookie signs nobody in"
    );
    let with_issued = client
        .get(app.url("/claims"))
        .header("Cookie", format!("claimdesk_session={issued}"))
        .send()
        .await
        .unwrap();
    assert_eq!(with_issued.status(), 200);
}

async fn the_next_parameter_only_leads_to_local_paths(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = app.add_member("Desk", Role::Reviewer).await;
    for (next, expected) in [
        ("/team/members", "/team/members"),
        ("https://evil.example/", "/claims"),
        ("//evil.example/x", "/claims"),
    ] {
        let client = browser();
        let csrf = csrf_token_in(&app.get_html(&client, "/login").await);
        let response = app
            .post_form(
                &client,
                "/login",
                &[
                    ("csrf_token", &csrf),
                    ("email", &user.email),
                    ("password", &user.password),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(response.status(), 303);
        assert_eq!(response.headers()["location"], expected, "next={next}");
    }
}

async fn an_idle_session_expires(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.idle_timeout = Duration::from_secs(1)).await;
    let user = app.add_member("Desk", Role::Reviewer).await;
    let client = app.signed_in(&user).await;
    assert_eq!(app.get(&client, "/claims").await.status(), 200);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(app.get(&client, "/claims").await.status(), 303);
}

async fn a_session_ends_at_its_absolute_lifetime(backend: Backend) {
    let app = spawn_app_with(backend, |s| {
        s.idle_timeout = Duration::from_secs(1);
        s.session_lifetime = Duration::from_secs(1);
    })
    .await;
    let user = app.add_member("Desk", Role::Reviewer).await;
    let client = app.signed_in(&user).await;
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(app.get(&client, "/claims").await.status(), 303);
}

async fn pages_redirect_anonymous_visitors_to_sign_in(backend: Backend) {
    let app = spawn_app(backend).await;
    let client = browser();
    let home = app.get(&client, "/").await;
    assert_eq!(home.status(), 303);
    assert_eq!(home.headers()["location"], "/login");
    for path in ["/claims", "/team/members", "/account"] {
        let response = app.get(&client, path).await;
        assert_eq!(response.status(), 303, "{path}");
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        assert!(location.starts_with("/login?next="), "{path} → {location}");
    }
}

async fn only_the_hash_of_the_session_token_is_stored(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = app.add_member("Desk", Role::Reviewer).await;
    let response = app
        .login_response(&browser(), &user.email, &user.password)
        .await;
    let token = session_cookie(&response).expect("a session cookie");
    let rows = app
        .with_db(|conn| {
            use claimdesk::db::schema::sessions;
            use diesel::prelude::*;
            sessions::table
                .select((sessions::token_hash, sessions::csrf_token))
                .load::<(String, String)>(conn)
                .unwrap()
        })
        .await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, claimdesk::auth::token_hash(&token));
    assert!(
        rows.iter()
            .all(|(hash, csrf)| hash != &token && csrf != &token),
        "the token itself is nowhere"
    );
}

async fn failures_across_accounts_from_one_address_are_throttled(backend: Backend) {
    let app = spawn_app(backend).await;
    let user = app.add_member("Desk", Role::Reviewer).await;
    let client = browser();
    for n in 0..10 {
        let response = app
            .login_response(
                &client,
                &format!("guess{n}@example.org"),
                "some wrong password",
            )
            .await;
        assert_eq!(response.status(), 401);
    }
    let throttled = app
        .login_response(&client, &user.email, &user.password)
        .await;
    assert_eq!(
        throttled.status(),
        429,
        "ten failures from one address throttle every account from it"
    );
}

/// Unknown email, wrong password, a deactivated member and a throttled address all cost one argon2
/// computation with the stored hashes' parameters: the answer's time cannot tell them apart. Counted
/// on the thread that runs the sign-in rather than timed, so the check cannot flake.
async fn every_refused_sign_in_costs_one_argon2_run_like_a_checked_one(backend: Backend) {
    use claimdesk::auth::accounts::{self, ClientInfo, SignIn};
    let app = spawn_app(backend).await;
    let user = app.add_member("Desk", Role::Reviewer).await;
    let pool = app.pool.clone();
    let runs = tokio::task::spawn_blocking(move || {
        let dummy = claimdesk::auth::hash_password("only here for timing").unwrap();
        let client = |ip: &str| ClientInfo {
            ip: ip.to_owned(),
            user_agent: "test".to_owned(),
        };
        let attempt = |email: &str, password: &str, ip: &str| {
            let before = claimdesk::auth::argon2_runs_on_this_thread();
            let outcome = accounts::sign_in(
                &pool,
                &dummy,
                email,
                password,
                &client(ip),
                chrono::TimeDelta::hours(1),
                "/claims",
            )
            .unwrap();
            let kind = match outcome {
                SignIn::Ok(_) => "ok",
                SignIn::Refused => "refused",
                SignIn::Throttled { .. } => "throttled",
                _ => "other",
            };
            (kind, claimdesk::auth::argon2_runs_on_this_thread() - before)
        };
        let mut runs = vec![
            attempt(&user.email, &user.password, "10.0.0.1"),
            attempt(&user.email, "a wrong password", "10.0.0.2"),
            attempt("nobody@example.org", "a wrong password", "10.0.0.3"),
            attempt("not an email", "a wrong password", "10.0.0.4"),
        ];
        for _ in 0..10 {
            attempt("guess@example.org", "a wrong password", "10.0.0.5");
        }
        runs.push(attempt(&user.email, &user.password, "10.0.0.5"));
        runs
    })
    .await
    .unwrap();
    assert_eq!(
        runs,
        [
            ("ok", 1),
            ("refused", 1),
            ("refused", 1),
            ("refused", 1),
            ("throttled", 1)
        ]
    );
}
