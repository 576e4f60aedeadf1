//! Two-factor sign-in (TOTP, RFC 6238, with recovery codes): enrolment, the second step of a
//! sign-in, replays, throttling, recovery codes, switching it off, team enforcement, the secret at
//! rest and the server key. Codes are computed here with `totp-rs`, as an authenticator app would.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use claimdesk::auth::secretbox::SecretKey;
use claimdesk::db::schema;
use claimdesk::domain::Role;
use diesel::prelude::*;
use totp_rs::{Algorithm, Secret, TOTP};

use crate::both_backends;
use crate::helpers::{
    browser, csrf_token_in, random_hex, spawn_app, spawn_app_with, Backend, TestApp, TestUser,
};

both_backends!(
    enrolment_refuses_a_wrong_code_and_a_right_one_switches_it_on,
    signing_in_needs_the_code_and_keeps_next,
    a_replayed_code_is_refused,
    wrong_codes_are_refused_and_throttled,
    a_recovery_code_works_once_only,
    new_recovery_codes_replace_the_old_ones,
    switching_off_needs_the_password_and_a_code,
    a_team_that_requires_it_sends_members_without_it_to_enrol,
    the_secret_is_stored_encrypted_and_recovery_codes_hashed,
    an_expired_second_step_starts_over,
    the_server_key_comes_from_a_key_file_on_sqlite_and_must_be_configured_on_postgres,
);

const KEY: &str = "8f2a61c0d4b7e9135a6c0e2f4b8d1a3c5e7f9021436587a9cbedf01234567890";

async fn app_with_key(backend: Backend) -> TestApp {
    spawn_app_with(backend, |settings| {
        settings.secret_key = Some(SecretKey::parse(KEY).unwrap());
    })
    .await
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn current_step() -> u64 {
    unix_now() / 30
}

/// An authenticator app holding `secret` (base32, as the enrolment page shows it).
struct App {
    totp: TOTP,
    secret: String,
}

impl App {
    fn new(secret: &str) -> App {
        let totp = TOTP::new(
            Algorithm::SHA1,
            6,
            1,
            30,
            Secret::Encoded(secret.to_owned()).to_bytes().unwrap(),
            Some("ClaimDesk".into()),
            "member".into(),
        )
        .unwrap();
        App {
            totp,
            secret: secret.to_owned(),
        }
    }

    fn code_at(&self, step: u64) -> String {
        self.totp.generate(step * 30)
    }

    /// A 6-digit string that is no code of the steps around now.
    fn wrong_code(&self) -> String {
        let step = current_step();
        let valid: Vec<String> = (step - 2..=step + 2).map(|s| self.code_at(s)).collect();
        (0..)
            .map(|n| format!("{n:06}"))
            .find(|c| !valid.contains(c))
            .unwrap()
    }
}

/// Text between `start` and the next `end` after it.
fn between<'a>(html: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = html.find(start)? + start.len();
    let to = html[from..].find(end)? + from;
    Some(&html[from..to])
}

fn recovery_codes_in(html: &str) -> Vec<String> {
    let list = between(html, "<ol class=\"recovery-codes\">", "</ol>").expect("a list of codes");
    list.split("<code class=\"copy-field\">")
        .skip(1)
        .map(|rest| rest.split('<').next().unwrap().to_owned())
        .collect()
}

async fn user_id_of(app: &TestApp, email: &str) -> i64 {
    let email = email.to_owned();
    app.with_db(move |conn| {
        schema::users::table
            .filter(schema::users::email.eq(email))
            .select(schema::users::id)
            .first::<i64>(conn)
            .unwrap()
    })
    .await
}

/// The user's row: (sealed secret, enabled, last used step).
async fn two_factor_row(app: &TestApp, user_id: i64) -> Option<(String, bool, Option<i64>)> {
    app.with_db(move |conn| {
        use schema::user_two_factor as t;
        t::table
            .find(user_id)
            .select((
                t::secret_sealed,
                t::enabled_at.is_not_null(),
                t::last_used_step,
            ))
            .first::<(String, bool, Option<i64>)>(conn)
            .optional()
            .unwrap()
    })
    .await
}

/// Starts enrolment in a signed-in browser and reads the key off the page.
/// The session's CSRF token, from the one page a member who must enrol can still see.
async fn csrf_of(app: &TestApp, client: &reqwest::Client) -> String {
    csrf_token_in(&app.get_html(client, "/account/two-factor").await)
}

async fn start_enrolment(app: &TestApp, client: &reqwest::Client) -> App {
    let csrf = csrf_of(app, client).await;
    let started = app
        .post_form(
            client,
            "/account/two-factor/enrol",
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(started.status(), 303);
    assert_eq!(started.headers()["location"], "/account/two-factor");
    let page = app.get_html(client, "/account/two-factor").await;
    let secret = between(
        &page,
        "<code id=\"totp-secret\" class=\"copy-field\">",
        "</code>",
    )
    .expect("the key is shown while enrolling");
    assert!(page.contains("otpauth://totp/ClaimDesk:"), "{page}");
    assert!(page.contains("<svg class=\"qr\""), "an inline QR code");
    App::new(secret)
}

/// Enrols a signed-in member; returns their app, the recovery codes, and the step the confirming
/// code used.
async fn enrol(app: &TestApp, client: &reqwest::Client) -> (App, Vec<String>, u64) {
    let authenticator = start_enrolment(app, client).await;
    let csrf = csrf_of(app, client).await;
    let step = current_step();
    let confirmed = app
        .post_form(
            client,
            "/account/two-factor/confirm",
            &[
                ("csrf_token", &csrf),
                ("code", &authenticator.code_at(step)),
            ],
        )
        .await;
    assert_eq!(confirmed.status(), 200);
    let page = confirmed.text().await.unwrap();
    let codes = recovery_codes_in(&page);
    assert_eq!(codes.len(), 10, "{page}");
    (authenticator, codes, step)
}

/// A code of a step after `used`, waiting for the clock when the window has none left.
async fn fresh_code(authenticator: &App, used: &mut u64) -> String {
    loop {
        let now = current_step();
        let step = (*used + 1).max(now.saturating_sub(1));
        if step <= now + 1 {
            *used = step;
            return authenticator.code_at(step);
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// Signs in with the password and returns the browser, now holding a pending second step.
async fn password_step(app: &TestApp, user: &TestUser, next: Option<&str>) -> reqwest::Client {
    let client = browser();
    let page = app.get_html(&client, "/login").await;
    let csrf = csrf_token_in(&page);
    let mut fields = vec![
        ("csrf_token", csrf.as_str()),
        ("email", user.email.as_str()),
        ("password", user.password.as_str()),
    ];
    if let Some(next) = next {
        fields.push(("next", next));
    }
    let response = app.post_form(&client, "/login", &fields).await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/login/two-factor");
    let cookies: Vec<String> = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    assert!(
        !cookies.iter().any(|c| c.starts_with("claimdesk_session=")),
        "no session before the second factor: {cookies:?}"
    );
    assert!(cookies.iter().any(|c| c.starts_with("claimdesk_2fa=")));
    client
}

async fn send_code(app: &TestApp, client: &reqwest::Client, code: &str) -> reqwest::Response {
    let page = app.get_html(client, "/login/two-factor").await;
    assert!(page.contains("Enter the 6-digit code"), "{page}");
    let csrf = csrf_token_in(&page);
    app.post_form(
        client,
        "/login/two-factor",
        &[("csrf_token", &csrf), ("code", code)],
    )
    .await
}

async fn member_with_two_factor(app: &TestApp) -> (TestUser, App, Vec<String>, u64) {
    let user = app.add_member("Desk", Role::Reviewer).await;
    let client = app.signed_in(&user).await;
    let (authenticator, codes, step) = enrol(app, &client).await;
    (user, authenticator, codes, step)
}

async fn enrolment_refuses_a_wrong_code_and_a_right_one_switches_it_on(backend: Backend) {
    let app = app_with_key(backend).await;
    let user = app.add_member("Desk", Role::Viewer).await;
    let user_id = user_id_of(&app, &user.email).await;
    let client = app.signed_in(&user).await;
    let page = app.get_html(&client, "/account").await;
    assert!(page.contains("Set up two-factor sign-in"), "{page}");
    let authenticator = start_enrolment(&app, &client).await;
    assert_eq!(
        two_factor_row(&app, user_id).await.map(|r| r.1),
        Some(false)
    );
    let csrf = app.csrf_of(&client).await;
    for wrong in [authenticator.wrong_code().as_str(), "12345", "not a code"] {
        let refused = app
            .post_form(
                &client,
                "/account/two-factor/confirm",
                &[("csrf_token", &csrf), ("code", wrong)],
            )
            .await;
        assert_eq!(refused.status(), 422, "{wrong}");
        let body = refused.text().await.unwrap();
        assert!(body.contains("confirm-code-error"), "{body}");
        assert_eq!(
            two_factor_row(&app, user_id).await.map(|r| r.1),
            Some(false),
            "still off after {wrong}"
        );
    }
    let step = current_step();
    let confirmed = app
        .post_form(
            &client,
            "/account/two-factor/confirm",
            &[
                ("csrf_token", &csrf),
                ("code", &authenticator.code_at(step)),
            ],
        )
        .await;
    assert_eq!(confirmed.status(), 200);
    let codes = recovery_codes_in(&confirmed.text().await.unwrap());
    assert_eq!(codes.len(), 10);
    let row = two_factor_row(&app, user_id).await.unwrap();
    assert!(row.1, "on");
    assert!(
        row.2.is_some_and(|s| s as u64 >= step),
        "the confirming step is spent"
    );
    // The codes are shown once: the page now says it is on, with no key and no codes.
    let page = app.get_html(&client, "/account/two-factor").await;
    assert!(page.contains("It is on"), "{page}");
    assert!(page.contains("10 of 10"), "{page}");
    assert!(!page.contains(&authenticator.secret));
    assert!(!codes.iter().any(|c| page.contains(c.as_str())));
    // Enrolling again while on is a conflict, and changes nothing.
    let again = app
        .post_form(
            &client,
            "/account/two-factor/enrol",
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(again.status(), 409);
    assert_eq!(two_factor_row(&app, user_id).await.unwrap().0, row.0);
}

async fn signing_in_needs_the_code_and_keeps_next(backend: Backend) {
    let app = app_with_key(backend).await;
    let (user, authenticator, _, mut used) = member_with_two_factor(&app).await;
    let next = "/claims?status=unverified";
    let client = password_step(&app, &user, Some(next)).await;
    // Not signed in yet: member pages still ask for sign-in.
    let queue = app.get(&client, "/claims").await;
    assert_eq!(queue.status(), 303);
    assert!(queue.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/login?next="));
    let code = fresh_code(&authenticator, &mut used).await;
    let done = send_code(&app, &client, &code).await;
    assert_eq!(done.status(), 303);
    assert_eq!(
        done.headers()["location"],
        next,
        "next= survives the second step"
    );
    assert_eq!(app.get(&client, "/claims").await.status(), 200);
    // The pending state is used up.
    assert_eq!(
        app.get(&client, "/login/two-factor").await.headers()["location"],
        "/login"
    );
}

async fn a_replayed_code_is_refused(backend: Backend) {
    let app = app_with_key(backend).await;
    let (user, authenticator, _, confirm_step) = member_with_two_factor(&app).await;
    // The code that confirmed the enrolment cannot sign in.
    let client = password_step(&app, &user, None).await;
    let replay = send_code(&app, &client, &authenticator.code_at(confirm_step)).await;
    assert_eq!(replay.status(), 401);
    let mut used = confirm_step;
    let code = fresh_code(&authenticator, &mut used).await;
    assert_eq!(send_code(&app, &client, &code).await.status(), 303);
    // Nor can a code that signed in once sign in again, from another browser.
    let other = password_step(&app, &user, None).await;
    let again = send_code(&app, &other, &code).await;
    assert_eq!(again.status(), 401);
    assert!(again.text().await.unwrap().contains("did not work"));
}

async fn wrong_codes_are_refused_and_throttled(backend: Backend) {
    let app = app_with_key(backend).await;
    let (user, authenticator, _, mut used) = member_with_two_factor(&app).await;
    let client = password_step(&app, &user, None).await;
    for attempt in 0..10 {
        let refused = send_code(&app, &client, &authenticator.wrong_code()).await;
        assert_eq!(refused.status(), 401, "attempt {attempt}");
        assert!(refused
            .headers()
            .get_all("set-cookie")
            .iter()
            .all(|c| !c.to_str().unwrap().starts_with("claimdesk_session=")));
    }
    // Throttled now, even for the right code.
    let right = fresh_code(&authenticator, &mut used).await;
    let throttled = send_code(&app, &client, &right).await;
    assert_eq!(throttled.status(), 429);
    let retry_after: u64 = throttled.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry_after));
    assert_eq!(app.get(&client, "/claims").await.status(), 303);
}

async fn a_recovery_code_works_once_only(backend: Backend) {
    let app = app_with_key(backend).await;
    let (user, _, codes, _) = member_with_two_factor(&app).await;
    let user_id = user_id_of(&app, &user.email).await;
    let client = password_step(&app, &user, None).await;
    // Typed in capitals without dashes, it is the same code.
    let typed = codes[0].replace('-', "").to_uppercase();
    let done = send_code(&app, &client, &typed).await;
    assert_eq!(done.status(), 303);
    assert_eq!(app.get(&client, "/claims").await.status(), 200);
    let other = password_step(&app, &user, None).await;
    assert_eq!(send_code(&app, &other, &codes[0]).await.status(), 401);
    assert_eq!(send_code(&app, &other, &codes[1]).await.status(), 303);
    let used = app
        .with_db(move |conn| {
            use schema::two_factor_recovery_codes as r;
            r::table
                .filter(r::user_id.eq(user_id))
                .filter(r::used_at.is_not_null())
                .count()
                .get_result::<i64>(conn)
                .unwrap()
        })
        .await;
    assert_eq!(used, 2);
    let page = app.get_html(&other, "/account/two-factor").await;
    assert!(page.contains("8 of 10"), "{page}");
}

async fn new_recovery_codes_replace_the_old_ones(backend: Backend) {
    let app = app_with_key(backend).await;
    let user = app.add_member("Desk", Role::Editor).await;
    let client = app.signed_in(&user).await;
    let (authenticator, old_codes, mut used) = enrol(&app, &client).await;
    let csrf = app.csrf_of(&client).await;
    // A recovery code is no "current code" here.
    let refused = app
        .post_form(
            &client,
            "/account/two-factor/recovery-codes",
            &[("csrf_token", &csrf), ("code", &old_codes[0])],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let code = fresh_code(&authenticator, &mut used).await;
    let made = app
        .post_form(
            &client,
            "/account/two-factor/recovery-codes",
            &[("csrf_token", &csrf), ("code", &code)],
        )
        .await;
    assert_eq!(made.status(), 200);
    let new_codes = recovery_codes_in(&made.text().await.unwrap());
    assert_eq!(new_codes.len(), 10);
    assert!(new_codes.iter().all(|c| !old_codes.contains(c)));
    let signing_in = password_step(&app, &user, None).await;
    assert_eq!(
        send_code(&app, &signing_in, &old_codes[3]).await.status(),
        401
    );
    assert_eq!(
        send_code(&app, &signing_in, &new_codes[3]).await.status(),
        303
    );
}

async fn switching_off_needs_the_password_and_a_code(backend: Backend) {
    let app = app_with_key(backend).await;
    let user = app.add_member("Desk", Role::Reviewer).await;
    let user_id = user_id_of(&app, &user.email).await;
    let client = app.signed_in(&user).await;
    let (authenticator, codes, _) = enrol(&app, &client).await;
    let csrf = app.csrf_of(&client).await;
    let disable = |password: String, code: String| {
        let (app, client, csrf) = (&app, &client, &csrf);
        async move {
            app.post_form(
                client,
                "/account/two-factor/disable",
                &[
                    ("csrf_token", csrf),
                    ("password", &password),
                    ("code", &code),
                ],
            )
            .await
        }
    };
    let wrong_password = disable("not my password at all".into(), codes[0].clone()).await;
    assert_eq!(wrong_password.status(), 422);
    assert!(wrong_password
        .text()
        .await
        .unwrap()
        .contains("disable-password-error"));
    let wrong_code = disable(user.password.clone(), authenticator.wrong_code()).await;
    assert_eq!(wrong_code.status(), 422);
    assert!(two_factor_row(&app, user_id).await.is_some_and(|r| r.1));
    let off = disable(user.password.clone(), codes[0].clone()).await;
    assert_eq!(off.status(), 200);
    assert!(off
        .text()
        .await
        .unwrap()
        .contains("Two-factor sign-in is off"));
    assert!(two_factor_row(&app, user_id).await.is_none());
    let left = app
        .with_db(move |conn| {
            use schema::two_factor_recovery_codes as r;
            r::table
                .filter(r::user_id.eq(user_id))
                .count()
                .get_result::<i64>(conn)
                .unwrap()
        })
        .await;
    assert_eq!(left, 0, "the recovery codes are gone too");
    // The password alone signs in again.
    let again = browser();
    let response = app
        .login_response(&again, &user.email, &user.password)
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/claims");
}

async fn a_team_that_requires_it_sends_members_without_it_to_enrol(backend: Backend) {
    let app = app_with_key(backend).await;
    let admin = app.add_member("Desk", Role::Admin).await;
    let member = app.add_member("Desk", Role::Editor).await;
    let admin_browser = app.signed_in(&admin).await;
    let admin_csrf = app.csrf_of(&admin_browser).await;
    let require = || async {
        app.post_form(
            &admin_browser,
            "/team/settings/two-factor",
            &[("csrf_token", &admin_csrf), ("require", "on")],
        )
        .await
    };
    // Not before the admin's own two-factor sign-in is on.
    assert_eq!(require().await.status(), 409);
    let (admin_app, _, mut admin_used) = enrol(&app, &admin_browser).await;
    let required = require().await;
    assert_eq!(required.status(), 303);
    let settings = app.get_html(&admin_browser, "/team/settings").await;
    assert!(settings.contains(
        "id=\"require-two-factor\" name=\"require\" type=\"checkbox\" value=\"on\" checked"
    ));
    let member_browser = app.signed_in(&member).await;
    let member_csrf = csrf_of(&app, &member_browser).await;
    // The member, without it, is sent to enrol from every page but that one and signing out.
    for path in [
        "/claims",
        "/articles",
        "/account",
        "/team/settings",
        "/dashboard",
    ] {
        let response = app.get(&member_browser, path).await;
        assert_eq!(response.status(), 303, "{path}");
        assert_eq!(
            response.headers()["location"],
            "/account/two-factor",
            "{path}"
        );
    }
    let token_form = app
        .post_form(
            &member_browser,
            "/account/tokens",
            &[("csrf_token", &member_csrf), ("name", "Script")],
        )
        .await;
    assert_eq!(token_form.status(), 303);
    assert_eq!(token_form.headers()["location"], "/account/two-factor");
    let tokens = app
        .with_db(|conn| {
            schema::api_tokens::table
                .count()
                .get_result::<i64>(conn)
                .unwrap()
        })
        .await;
    assert_eq!(tokens, 0, "a gated form changes nothing");
    let page = app.get_html(&member_browser, "/account/two-factor").await;
    assert!(
        page.contains("Your team requires two-factor sign-in"),
        "{page}"
    );
    // API tokens are unaffected.
    let member_id = user_id_of(&app, &member.email).await;
    let token = claimdesk::auth::new_token();
    let hash = claimdesk::auth::token_hash(&token);
    app.with_db(move |conn| {
        let team: i64 = schema::teams::table
            .select(schema::teams::id)
            .first(conn)
            .unwrap();
        claimdesk::db::tokens::insert(conn, member_id, team, "Script", &hash).unwrap()
    })
    .await;
    let api = browser()
        .get(app.url("/api/v1/claims"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 200);
    // Enrolling opens the desk.
    enrol(&app, &member_browser).await;
    assert_eq!(app.get(&member_browser, "/claims").await.status(), 200);
    // Only admins switch the requirement.
    let denied = app
        .post_form(
            &member_browser,
            "/team/settings/two-factor",
            &[("csrf_token", &member_csrf)],
        )
        .await;
    assert_eq!(denied.status(), 403);
    // While the team requires it, it cannot be switched off.
    let code = fresh_code(&admin_app, &mut admin_used).await;
    let off = app
        .post_form(
            &admin_browser,
            "/account/two-factor/disable",
            &[
                ("csrf_token", &admin_csrf),
                ("password", &admin.password),
                ("code", &code),
            ],
        )
        .await;
    assert_eq!(off.status(), 409);
    // Signing out stays open to a member who must enrol.
    let late = app.add_member("Desk", Role::Viewer).await;
    let late_browser = app.signed_in(&late).await;
    let late_csrf = csrf_of(&app, &late_browser).await;
    let out = app
        .post_form(&late_browser, "/logout", &[("csrf_token", &late_csrf)])
        .await;
    assert_eq!(out.status(), 303);
    assert_eq!(out.headers()["location"], "/login");
}

async fn the_secret_is_stored_encrypted_and_recovery_codes_hashed(backend: Backend) {
    let app = app_with_key(backend).await;
    let (user, authenticator, codes, _) = member_with_two_factor(&app).await;
    let user_id = user_id_of(&app, &user.email).await;
    let (sealed, _, _) = two_factor_row(&app, user_id).await.unwrap();
    let raw = Secret::Encoded(authenticator.secret.clone())
        .to_bytes()
        .unwrap();
    assert!(sealed.starts_with("v1:"), "{sealed}");
    for plain in [
        authenticator.secret.clone(),
        authenticator.secret.to_lowercase(),
        hex_of(&raw),
        String::from_utf8_lossy(&raw).into_owned(),
    ] {
        assert!(!sealed.contains(&plain), "the stored secret holds {plain}");
    }
    let stored: Vec<String> = app
        .with_db(move |conn| {
            use schema::two_factor_recovery_codes as r;
            r::table
                .filter(r::user_id.eq(user_id))
                .select(r::code_hash)
                .load::<String>(conn)
                .unwrap()
        })
        .await;
    assert_eq!(stored.len(), 10);
    for code in &codes {
        let compact = code.replace('-', "");
        assert!(stored
            .iter()
            .all(|h| !h.contains(&compact) && h.len() == 64));
    }
}

async fn an_expired_second_step_starts_over(backend: Backend) {
    let app = app_with_key(backend).await;
    let (user, authenticator, _, mut used) = member_with_two_factor(&app).await;
    let client = password_step(&app, &user, None).await;
    let page = app.get_html(&client, "/login/two-factor").await;
    let csrf = csrf_token_in(&page);
    app.with_db(|conn| {
        use schema::two_factor_challenges as c;
        diesel::update(c::table)
            .set(c::expires_at.eq(claimdesk::db::now() - chrono::TimeDelta::seconds(1)))
            .execute(conn)
            .unwrap()
    })
    .await;
    let code = fresh_code(&authenticator, &mut used).await;
    let late = app
        .post_form(
            &client,
            "/login/two-factor",
            &[("csrf_token", &csrf), ("code", &code)],
        )
        .await;
    assert_eq!(late.status(), 303);
    assert_eq!(late.headers()["location"], "/login");
    assert_eq!(app.get(&client, "/claims").await.status(), 303);
    // The code form carries its CSRF token like the password form.
    let fresh = password_step(&app, &user, None).await;
    let forged = app
        .post_form(&fresh, "/login/two-factor", &[("code", &code)])
        .await;
    assert_eq!(forged.status(), 403);
}

async fn the_server_key_comes_from_a_key_file_on_sqlite_and_must_be_configured_on_postgres(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let user = app.add_member("Desk", Role::Viewer).await;
    let client = app.signed_in(&user).await;
    let csrf = app.csrf_of(&client).await;
    match &app.database {
        claimdesk::config::DatabaseUrl::Sqlite(path) => {
            let key_file = claimdesk::auth::secretbox::key_file_beside(path);
            let text = std::fs::read_to_string(&key_file).expect("a key file beside the database");
            assert!(SecretKey::parse(&text).is_ok());
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = std::fs::metadata(&key_file).unwrap().permissions().mode();
                assert_eq!(mode & 0o777, 0o600);
            }
            let started = app
                .post_form(
                    &client,
                    "/account/two-factor/enrol",
                    &[("csrf_token", &csrf)],
                )
                .await;
            assert_eq!(started.status(), 303);
            let _ = std::fs::remove_file(key_file);
        }
        claimdesk::config::DatabaseUrl::Postgres(_) => {
            let page = app.get_html(&client, "/account/two-factor").await;
            assert!(page.contains("CLAIMDESK_SECRET_KEY"), "{page}");
            let refused = app
                .post_form(
                    &client,
                    "/account/two-factor/enrol",
                    &[("csrf_token", &csrf)],
                )
                .await;
            assert_eq!(refused.status(), 503);
            let body = refused.text().await.unwrap();
            assert!(body.contains("CLAIMDESK_SECRET_KEY"), "{body}");
            assert!(body.contains("every instance"), "{body}");
            let user_id = user_id_of(&app, &user.email).await;
            assert!(two_factor_row(&app, user_id).await.is_none());
            // Everything else keeps working.
            assert_eq!(app.get(&client, "/claims").await.status(), 200);
        }
    }
}

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The real binary's log through a whole two-factor sign-in: the failure and success lines are
/// there (UTC, email hash, address), and no secret, code, recovery code or address of a user.
#[tokio::test]
async fn no_code_or_secret_reaches_the_log() {
    let db = std::env::temp_dir().join(format!("claimdesk-2fa-log-{}.db", random_hex(6)));
    let (email, password) = ("two-factor@example.org", "granite violet harbor lamp");
    crate::helpers::cli_add_user(&db, email, "editor", password);
    let mut command = crate::helpers::cli(&db);
    command.env_remove("CLAIMDESK_SECRET_KEY");
    let server = crate::helpers::ServedBinary::start(command);
    let base = server.base.clone();

    let client = browser();
    let get = |path: &str| {
        let url = format!("{base}{path}");
        let client = &client;
        async move { client.get(url).send().await.unwrap() }
    };
    let post = |path: &str, fields: Vec<(&'static str, String)>| {
        let url = format!("{base}{path}");
        let client = &client;
        async move { client.post(url).form(&fields).send().await.unwrap() }
    };
    let csrf = csrf_token_in(&get("/login").await.text().await.unwrap());
    let login_fields = || {
        vec![
            ("csrf_token", csrf.clone()),
            ("email", email.to_owned()),
            ("password", password.to_owned()),
        ]
    };
    assert_eq!(post("/login", login_fields()).await.status(), 303);
    let session_csrf = csrf_token_in(&get("/account").await.text().await.unwrap());
    let enrol = post(
        "/account/two-factor/enrol",
        vec![("csrf_token", session_csrf.clone())],
    )
    .await;
    assert_eq!(enrol.status(), 303);
    let page = get("/account/two-factor").await.text().await.unwrap();
    let secret = between(
        &page,
        "<code id=\"totp-secret\" class=\"copy-field\">",
        "</code>",
    )
    .unwrap()
    .to_owned();
    let authenticator = App::new(&secret);
    let mut used = current_step();
    let confirm_code = authenticator.code_at(used);
    let confirmed = post(
        "/account/two-factor/confirm",
        vec![
            ("csrf_token", session_csrf.clone()),
            ("code", confirm_code.clone()),
        ],
    )
    .await;
    assert_eq!(confirmed.status(), 200);
    let codes = recovery_codes_in(&confirmed.text().await.unwrap());
    assert_eq!(
        post("/logout", vec![("csrf_token", session_csrf.clone())])
            .await
            .status(),
        303
    );
    assert_eq!(post("/login", login_fields()).await.status(), 303);
    let wrong = authenticator.wrong_code();
    let refused = post(
        "/login/two-factor",
        vec![("csrf_token", csrf.clone()), ("code", wrong.clone())],
    )
    .await;
    assert_eq!(refused.status(), 401);
    let right = fresh_code(&authenticator, &mut used).await;
    let accepted = post(
        "/login/two-factor",
        vec![("csrf_token", csrf.clone()), ("code", right.clone())],
    )
    .await;
    assert_eq!(accepted.status(), 303);

    let log = server.stop();
    let audit = |needle: &str| {
        log.lines()
            .filter(|l| l.contains("claimdesk::audit") && l.contains(needle))
            .collect::<Vec<_>>()
    };
    let failures = audit("event=\"login_second_factor\" outcome=\"failure\"");
    let successes = audit("event=\"login_second_factor\" outcome=\"success\"");
    assert_eq!(failures.len(), 1, "{log}");
    assert_eq!(successes.len(), 1, "{log}");
    for l in failures.iter().chain(&successes) {
        assert!(l.contains("email_hash="), "{l}");
        assert!(l.contains("ip=127.0.0.1"), "{l}");
        assert!(l.starts_with("20") && l.contains('Z'), "UTC timestamp: {l}");
    }
    let mut secrets = vec![
        secret.clone(),
        secret.to_lowercase(),
        email.to_owned(),
        password.to_owned(),
    ];
    secrets.extend(codes.iter().cloned());
    secrets.extend(codes.iter().map(|c| c.replace('-', "")));
    for s in &secrets {
        assert!(!log.contains(s.as_str()), "the log holds {s}:\n{log}");
    }
    // A 6-digit code may occur by chance inside a timestamp's fraction; anywhere else it must not.
    for code in [&confirm_code, &wrong, &right] {
        for (at, _) in log.match_indices(code.as_str()) {
            let before = log[..at].chars().last();
            assert_eq!(before, Some('.'), "the log holds the code {code}:\n{log}");
        }
    }
    for suffix in ["", "-wal", "-shm", ".key"] {
        let mut file = db.clone().into_os_string();
        file.push(suffix);
        let _ = std::fs::remove_file(file);
    }
}
