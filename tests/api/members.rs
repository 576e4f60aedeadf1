//! Members and invites: only admins manage them; another team's members are invisible.

use claimdesk::domain::Role;

use crate::both_backends;
use crate::helpers::{browser, csrf_token_in, spawn_app, Backend, TestApp};

both_backends!(
    an_admin_invites_and_the_invitee_joins_with_a_new_account,
    an_existing_user_joins_a_second_team_and_switches_to_it,
    an_invite_link_works_once,
    only_admins_change_roles_and_invite,
    another_teams_member_page_is_not_found,
    the_last_admin_cannot_be_demoted,
    a_deactivated_member_is_signed_out_and_cannot_sign_in,
    an_unknown_role_is_a_bad_request,
);

async fn invite_link(app: &TestApp, admin: &reqwest::Client, email: &str, role: &str) -> String {
    let csrf = app.csrf_of(admin).await;
    let response = app
        .post_form(
            admin,
            "/team/invites",
            &[("csrf_token", &csrf), ("email", email), ("role", role)],
        )
        .await;
    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();
    let start = page
        .find("/invites/")
        .expect("the page shows the invite link");
    page[start..start + "/invites/".len() + 64].to_owned()
}

async fn an_admin_invites_and_the_invitee_joins_with_a_new_account(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.add_member("Desk", Role::Admin).await;
    let admin_browser = app.signed_in(&admin).await;
    let link = invite_link(&app, &admin_browser, "nadia@example.org", "editor").await;

    let invitee = browser();
    let page = app.get_html(&invitee, &link).await;
    assert!(page.contains("nadia@example.org"));
    assert!(page.contains("editor"));
    let csrf = csrf_token_in(&page);
    let response = app
        .post_form(
            &invitee,
            &link,
            &[
                ("csrf_token", &csrf),
                ("name", "Nadia Haddad"),
                ("password", "velvet harbor quartz signal"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let members = app.get_html(&invitee, "/team/members").await;
    assert!(members.contains("Nadia Haddad"));
    let account = app.get_html(&invitee, "/account").await;
    assert!(account.contains("nadia@example.org"));
}

async fn an_existing_user_joins_a_second_team_and_switches_to_it(backend: Backend) {
    let app = spawn_app(backend).await;
    let other_admin = app.add_member("Second Desk", Role::Admin).await;
    let user = app.add_member("First Desk", Role::Reviewer).await;
    let admin_browser = app.signed_in(&other_admin).await;
    let link = invite_link(&app, &admin_browser, &user.email, "viewer").await;

    // Not signed in, the invite page asks to sign in; it never takes the account's password.
    let anonymous = browser();
    let page = app.get_html(&anonymous, &link).await;
    assert!(page.contains(&format!("/login?next={link}")), "{page}");
    assert!(!page.contains("type=\"password\""));
    // A forged post with the account's password, with a genuine pre-session token.
    let csrf = csrf_token_in(&app.get_html(&anonymous, "/login").await);
    let guess = app
        .post_form(
            &anonymous,
            &link,
            &[("csrf_token", &csrf), ("password", &user.password)],
        )
        .await;
    assert_eq!(guess.status(), 409, "no password is checked on the invite");
    // Signed in as another account: told so, and joining is refused.
    let someone_else = app
        .signed_in(&app.add_member("Third Desk", Role::Reviewer).await)
        .await;
    let page = app.get_html(&someone_else, &link).await;
    assert!(page.contains("Sign out, then sign in with"));
    let csrf = app.csrf_of(&someone_else).await;
    let refused = app
        .post_form(
            &someone_else,
            &format!("{link}/join"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(refused.status(), 403);
    // Signed in as the invited account (through the sign-in's throttle and second factor), it
    // joins with one click.
    let client = app.signed_in(&user).await;
    let page = app.get_html(&client, &link).await;
    assert!(page.contains(&format!("action=\"{link}/join\"")));
    let csrf = csrf_token_in(&page);
    let response = app
        .post_form(&client, &format!("{link}/join"), &[("csrf_token", &csrf)])
        .await;
    assert_eq!(response.status(), 303);
    let queue = app.get_html(&client, "/claims").await;
    assert!(queue.contains("Second Desk"));

    let account = app.get_html(&client, "/account").await;
    assert!(account.contains("First Desk"));
    let first_desk_id = app
        .with_db(|conn| {
            use claimdesk::db::schema::teams;
            use diesel::prelude::*;
            teams::table
                .filter(teams::name.eq("First Desk"))
                .select(teams::id)
                .first::<i64>(conn)
                .unwrap()
        })
        .await;
    let csrf = csrf_token_in(&account);
    let response = app
        .post_form(
            &client,
            "/account/team",
            &[
                ("csrf_token", &csrf),
                ("team_id", &first_desk_id.to_string()),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert!(app
        .get_html(&client, "/claims")
        .await
        .contains("First Desk"));
}

async fn an_invite_link_works_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.add_member("Desk", Role::Admin).await;
    let admin_browser = app.signed_in(&admin).await;
    let link = invite_link(&app, &admin_browser, "once@example.org", "viewer").await;
    let invitee = browser();
    let csrf = csrf_token_in(&app.get_html(&invitee, &link).await);
    let fields = [
        ("csrf_token", csrf.as_str()),
        ("name", "Once"),
        ("password", "velvet harbor quartz signal"),
    ];
    assert_eq!(app.post_form(&invitee, &link, &fields).await.status(), 303);
    assert_eq!(app.get(&browser(), &link).await.status(), 404);
    assert_eq!(app.post_form(&invitee, &link, &fields).await.status(), 404);
}

async fn only_admins_change_roles_and_invite(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.add_member("Desk", Role::Admin).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let editor = app.add_member("Desk", Role::Editor).await;
    let reviewer_id = user_id(&app, &reviewer.email).await;

    for (who, expected) in [(&editor, 403), (&reviewer, 403), (&admin, 303)] {
        let client = app.signed_in(who).await;
        let csrf = app.csrf_of(&client).await;
        let response = app
            .post_form(
                &client,
                &format!("/team/members/{reviewer_id}/role"),
                &[("csrf_token", &csrf), ("role", "editor")],
            )
            .await;
        assert_eq!(response.status(), expected, "{}", who.email);
    }
    let role = app
        .with_db(move |conn| {
            use claimdesk::db::schema::memberships;
            use diesel::prelude::*;
            memberships::table
                .filter(memberships::user_id.eq(reviewer_id))
                .select(memberships::role)
                .first::<String>(conn)
                .unwrap()
        })
        .await;
    assert_eq!(role, "editor");

    let client = app.signed_in(&editor).await;
    let csrf = app.csrf_of(&client).await;
    let response = app
        .post_form(
            &client,
            "/team/invites",
            &[
                ("csrf_token", &csrf),
                ("email", "x@example.org"),
                ("role", "admin"),
            ],
        )
        .await;
    assert_eq!(response.status(), 403);
    // Non-admins see the member list but not the management forms.
    let page = app.get_html(&client, "/team/members").await;
    assert!(!page.contains("action=\"/team/invites\""));
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    let email = email.to_owned();
    app.with_db(move |conn| {
        use claimdesk::db::schema::users;
        use diesel::prelude::*;
        users::table
            .filter(users::email.eq(email))
            .select(users::id)
            .first::<i64>(conn)
            .unwrap()
    })
    .await
}

async fn another_teams_member_page_is_not_found(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.add_member("Desk", Role::Admin).await;
    let outsider = app.add_member("Other Desk", Role::Reviewer).await;
    let outsider_id = user_id(&app, &outsider.email).await;
    let client = app.signed_in(&admin).await;
    let foreign = app
        .get(&client, &format!("/team/members/{outsider_id}"))
        .await;
    let missing = app.get(&client, "/team/members/999999").await;
    assert_eq!(foreign.status(), 404);
    assert_eq!(missing.status(), 404);
    assert_eq!(foreign.text().await.unwrap(), missing.text().await.unwrap());
    let csrf = app.csrf_of(&client).await;
    let response = app
        .post_form(
            &client,
            &format!("/team/members/{outsider_id}/deactivate"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(response.status(), 404);
    let still_signs_in = app
        .login_response(&browser(), &outsider.email, &outsider.password)
        .await;
    assert_eq!(still_signs_in.status(), 303);
}

async fn the_last_admin_cannot_be_demoted(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.add_member("Desk", Role::Admin).await;
    let admin_id = user_id(&app, &admin.email).await;
    let client = app.signed_in(&admin).await;
    let csrf = app.csrf_of(&client).await;
    let response = app
        .post_form(
            &client,
            &format!("/team/members/{admin_id}/role"),
            &[("csrf_token", &csrf), ("role", "viewer")],
        )
        .await;
    assert_eq!(response.status(), 409);
    assert_eq!(app.get(&client, "/team/members").await.status(), 200);
}

async fn a_deactivated_member_is_signed_out_and_cannot_sign_in(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.add_member("Desk", Role::Admin).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let reviewer_id = user_id(&app, &reviewer.email).await;
    let reviewer_browser = app.signed_in(&reviewer).await;
    assert_eq!(app.get(&reviewer_browser, "/claims").await.status(), 200);

    let client = app.signed_in(&admin).await;
    let csrf = app.csrf_of(&client).await;
    let response = app
        .post_form(
            &client,
            &format!("/team/members/{reviewer_id}/deactivate"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(app.get(&reviewer_browser, "/claims").await.status(), 303);
    assert_eq!(
        app.login_response(&browser(), &reviewer.email, &reviewer.password)
            .await
            .status(),
        401
    );

    let response = app
        .post_form(
            &client,
            &format!("/team/members/{reviewer_id}/reactivate"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        app.login_response(&browser(), &reviewer.email, &reviewer.password)
            .await
            .status(),
        303
    );
}

async fn an_unknown_role_is_a_bad_request(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.add_member("Desk", Role::Admin).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let reviewer_id = user_id(&app, &reviewer.email).await;
    let client = app.signed_in(&admin).await;
    let csrf = app.csrf_of(&client).await;
    let response = app
        .post_form(
            &client,
            &format!("/team/members/{reviewer_id}/role"),
            &[("csrf_token", &csrf), ("role", "owner")],
        )
        .await;
    assert_eq!(response.status(), 400);
}
