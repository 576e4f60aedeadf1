//! The JSON API under /api/v1: personal tokens (made on the account page, shown once, revocable),
//! bearer-only authentication, team scoping, roles, versions, JSON errors that name the field, body
//! limits, the per-token budget, and the OpenAPI document kept equal to the route table.

use std::collections::BTreeSet;

use claimdesk::db::{schema, tokens};
use claimdesk::domain::Role;
use diesel::prelude::*;
use serde_json::{json, Value};

use crate::both_backends;
use crate::helpers::{spawn_app, spawn_app_with, Backend, TestApp, TestUser};

both_backends!(
    a_token_is_shown_once_stored_hashed_and_refused_once_revoked,
    a_cookie_session_does_not_reach_the_api,
    a_token_of_one_team_gets_404_for_another_teams_ids_like_missing_ones,
    a_viewer_token_lists_claims_but_cannot_change_them,
    the_desk_works_end_to_end_through_the_api,
    a_claim_is_discarded_and_restored_through_the_api,
    json_endpoints_refuse_other_content_types_and_oversize_bodies,
    a_deactivated_member_or_a_changed_role_takes_effect_at_once,
    the_budget_is_counted_per_token_in_the_database,
    the_openapi_document_lists_every_api_route_and_no_other,
    unknown_api_addresses_answer_json_404,
);

const ARTICLE: &str = "Coastal Guard Expands Patrols\n\nThe navy said on Monday it would send two frigates and more than 1,200 sailors to the northern strait. Officials doubled the patrol budget to $80 million (about 104 billion won), according to the ministry. The fleet has 35 ships in total.";

/// Makes a token on the account page of `client`; returns it as the page showed it.
pub async fn new_token(app: &TestApp, client: &reqwest::Client, name: &str) -> String {
    let csrf = app.csrf_of(client).await;
    let response = app
        .post_form(
            client,
            "/account/tokens",
            &[("csrf_token", &csrf), ("name", name)],
        )
        .await;
    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();
    token_in(&page).expect("the page shows the new token")
}

fn token_in(page: &str) -> Option<String> {
    let marker = "<code id=\"new-token\">";
    let start = page.find(marker)? + marker.len();
    Some(page[start..].split('<').next()?.to_owned())
}

/// A member of `team` with a token of their own.
pub async fn member_with_token(
    app: &TestApp,
    team: &str,
    role: Role,
) -> (TestUser, reqwest::Client, String) {
    let user = app.add_member(team, role).await;
    let client = app.signed_in(&user).await;
    let token = new_token(app, &client, "script").await;
    (user, client, token)
}

pub fn api() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

pub async fn get_json(app: &TestApp, token: &str, path: &str) -> (u16, Value) {
    let response = api()
        .get(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

pub async fn send_json(
    app: &TestApp,
    token: &str,
    method: reqwest::Method,
    path: &str,
    body: &Value,
) -> (u16, Value) {
    let response = api()
        .request(method, app.url(path))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

pub async fn post_json(app: &TestApp, token: &str, path: &str, body: Value) -> (u16, Value) {
    send_json(app, token, reqwest::Method::POST, path, &body).await
}

/// Adds the article by API and accepts its candidates on the article page; returns the article id.
async fn article_with_claims(app: &TestApp, client: &reqwest::Client, token: &str) -> i64 {
    let (status, article) = post_json(
        app,
        token,
        "/api/v1/articles",
        json!({"title": "Patrols", "publisher": "Harbor Times", "body": ARTICLE}),
    )
    .await;
    assert_eq!(status, 201, "{article}");
    let id = article["id"].as_i64().unwrap();
    let csrf = app.csrf_of(client).await;
    let response = app
        .post_form(
            client,
            &format!("/articles/{id}/accept-above"),
            &[("csrf_token", &csrf), ("min_score", "0.5")],
        )
        .await;
    assert_eq!(response.status(), 303);
    id
}

fn error_of(body: &Value) -> (&str, Option<&str>) {
    (
        body["error"]["code"].as_str().unwrap_or("?"),
        body["error"]["field"].as_str(),
    )
}

async fn a_token_is_shown_once_stored_hashed_and_refused_once_revoked(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, client, token) = member_with_token(&app, "Desk", Role::Reviewer).await;
    assert_eq!(token.len(), 64);
    // Shown once: the account page lists the token by name only.
    let page = app.get_html(&client, "/account").await;
    assert!(!page.contains(&token));
    assert!(page.contains("script"));
    // A token needs a name.
    let csrf = app.csrf_of(&client).await;
    let response = app
        .post_form(
            &client,
            "/account/tokens",
            &[("csrf_token", &csrf), ("name", " ")],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(token_in(&response.text().await.unwrap()).is_none());
    // Only the hash is stored.
    let stored = app
        .with_db(|conn| {
            schema::api_tokens::table
                .select((schema::api_tokens::id, schema::api_tokens::token_hash))
                .load::<(i64, String)>(conn)
                .unwrap()
        })
        .await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].1, claimdesk::auth::token_hash(&token));
    let (status, body) = get_json(&app, &token, "/api/v1/claims").await;
    assert_eq!(status, 200, "{body}");
    assert!(body["claims"].is_array());

    let csrf = app.csrf_of(&client).await;
    let response = app
        .post_form(
            &client,
            &format!("/account/tokens/{}/revoke", stored[0].0),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(response.status(), 303);
    let response = api()
        .get(app.url("/api/v1/claims"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    assert!(response.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .starts_with("Bearer"));
    let body: Value = response.json().await.unwrap();
    assert_eq!(error_of(&body).0, "unauthorized");
    // A second revoke, or another member's token, is not found.
    let other = app.add_member("Desk", Role::Reviewer).await;
    let other_client = app.signed_in(&other).await;
    new_token(&app, &other_client, "theirs").await;
    let theirs = app
        .with_db(|conn| {
            schema::api_tokens::table
                .select(schema::api_tokens::id)
                .order(schema::api_tokens::id.desc())
                .first::<i64>(conn)
                .unwrap()
        })
        .await;
    for id in [stored[0].0, theirs] {
        let response = app
            .post_form(
                &client,
                &format!("/account/tokens/{id}/revoke"),
                &[("csrf_token", &csrf)],
            )
            .await;
        assert_eq!(response.status(), 404);
    }
    // Without a token, with a malformed one, or with an unknown one: 401.
    for header in [
        None,
        Some("Bearer nope"),
        Some(&*format!("Bearer {}", "0".repeat(64))),
    ] {
        let mut request = api().get(app.url("/api/v1/articles"));
        if let Some(value) = header {
            request = request.header("Authorization", value);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 401, "{header:?}");
        assert!(response.headers().contains_key("www-authenticate"));
    }
}

async fn a_cookie_session_does_not_reach_the_api(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let browser = app.signed_in(&reviewer).await;
    let response = app.get(&browser, "/api/v1/claims").await;
    assert_eq!(response.status(), 401);
    assert!(response.headers().contains_key("www-authenticate"));
    // Not even with the session's CSRF token, as a form or as JSON.
    let csrf = app.csrf_of(&browser).await;
    let response = app
        .post_form(
            &browser,
            "/api/v1/articles",
            &[("csrf_token", &csrf), ("title", "T"), ("body", ARTICLE)],
        )
        .await;
    assert_eq!(response.status(), 401);
    let response = browser
        .post(app.url("/api/v1/articles"))
        .header("X-CSRF-Token", &csrf)
        .json(&json!({"title": "T", "body": ARTICLE}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    let articles = app
        .with_db(|conn| {
            schema::articles::table
                .count()
                .get_result::<i64>(conn)
                .unwrap()
        })
        .await;
    assert_eq!(articles, 0);
}

async fn a_token_of_one_team_gets_404_for_another_teams_ids_like_missing_ones(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, desk, desk_token) = member_with_token(&app, "Desk", Role::Reviewer).await;
    let article = article_with_claims(&app, &desk, &desk_token).await;
    let (_, claims) = get_json(&app, &desk_token, "/api/v1/claims").await;
    let claim = &claims["claims"][0];
    let (claim_id, version) = (
        claim["id"].as_i64().unwrap(),
        claim["version"].as_i64().unwrap(),
    );
    let (_, _, other_token) = member_with_token(&app, "Other Desk", Role::Admin).await;
    let missing = 987_654_321_i64;

    for (foreign, absent) in [
        (
            format!("/api/v1/claims/{claim_id}"),
            format!("/api/v1/claims/{missing}"),
        ),
        (
            format!("/api/v1/articles/{article}"),
            format!("/api/v1/articles/{missing}"),
        ),
    ] {
        let a = get_json(&app, &other_token, &foreign).await;
        let b = get_json(&app, &other_token, &absent).await;
        assert_eq!(a.0, 404);
        assert_eq!(a, b);
    }
    let (_, list) = get_json(&app, &other_token, "/api/v1/claims").await;
    assert_eq!(list["claims"].as_array().unwrap().len(), 0);
    let transition = json!({"version": version, "action": "start_review"});
    let a = post_json(
        &app,
        &other_token,
        &format!("/api/v1/claims/{claim_id}/transition"),
        transition.clone(),
    )
    .await;
    let b = post_json(
        &app,
        &other_token,
        &format!("/api/v1/claims/{missing}/transition"),
        transition,
    )
    .await;
    assert_eq!(a.0, 404);
    assert_eq!(a, b);
    let comment = json!({"body": "Hello"});
    let a = post_json(
        &app,
        &other_token,
        &format!("/api/v1/claims/{claim_id}/comments"),
        comment.clone(),
    )
    .await;
    let b = post_json(
        &app,
        &other_token,
        &format!("/api/v1/claims/{missing}/comments"),
        comment,
    )
    .await;
    assert_eq!(a.0, 404);
    assert_eq!(a, b);
    let (_, after) = get_json(&app, &desk_token, &format!("/api/v1/claims/{claim_id}")).await;
    assert_eq!(after["version"].as_i64(), Some(version));
    assert_eq!(after["comments"].as_array().unwrap().len(), 0);
}

async fn a_viewer_token_lists_claims_but_cannot_change_them(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, desk, reviewer_token) = member_with_token(&app, "Desk", Role::Reviewer).await;
    article_with_claims(&app, &desk, &reviewer_token).await;
    let (_, _, viewer_token) = member_with_token(&app, "Desk", Role::Viewer).await;
    let (status, list) = get_json(&app, &viewer_token, "/api/v1/claims").await;
    assert_eq!(status, 200);
    let claim = list["claims"][0].clone();
    let claim_id = claim["id"].as_i64().unwrap();
    let (status, body) = post_json(
        &app,
        &viewer_token,
        &format!("/api/v1/claims/{claim_id}/transition"),
        json!({"version": claim["version"], "action": "start_review"}),
    )
    .await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(error_of(&body).0, "forbidden");
    let (status, _) = post_json(
        &app,
        &viewer_token,
        &format!("/api/v1/claims/{claim_id}/comments"),
        json!({"body": "A viewer's note"}),
    )
    .await;
    assert_eq!(status, 403);
    let (status, _) = post_json(
        &app,
        &viewer_token,
        "/api/v1/articles",
        json!({"title": "Viewer", "body": "The council approved 45 buses."}),
    )
    .await;
    assert_eq!(status, 403);
    let (_, after) = get_json(&app, &viewer_token, &format!("/api/v1/claims/{claim_id}")).await;
    assert_eq!(after["version"], claim["version"]);
    assert_eq!(after["status"], "unverified");
}

async fn the_desk_works_end_to_end_through_the_api(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, desk, token) = member_with_token(&app, "Desk", Role::Editor).await;

    // An article in: its candidates come back; the same body again finds it (200, not 201).
    let (status, article) = post_json(
        &app,
        &token,
        "/api/v1/articles",
        json!({"title": "Patrols", "url": "https://example.org/patrols", "published_on": "2025-08-23", "body": ARTICLE, "team_id": 999}),
    )
    .await;
    assert_eq!(status, 201, "{article}");
    let article_id = article["id"].as_i64().unwrap();
    let surfaces: Vec<&str> = article["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["surface"].as_str())
        .collect();
    assert!(surfaces.contains(&"$80 million"), "{surfaces:?}");
    let (status, again) = post_json(
        &app,
        &token,
        "/api/v1/articles",
        json!({"title": "Patrols again", "body": format!("\n{ARTICLE}\n")}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(again["id"].as_i64(), Some(article_id));
    // Article bodies may be larger than a form (64 KiB), up to the article limit.
    let (status, long) = post_json(
        &app,
        &token,
        "/api/v1/articles",
        json!({"title": "Long read", "body": "The fleet has 35 ships. ".repeat(5000)}),
    )
    .await;
    assert_eq!(status, 201, "{long}");
    let (status, list) = get_json(&app, &token, "/api/v1/articles").await;
    assert_eq!(status, 200);
    assert_eq!(list["articles"][1]["id"].as_i64(), Some(article_id));
    let (status, bad) = post_json(
        &app,
        &token,
        "/api/v1/articles",
        json!({"title": "No body"}),
    )
    .await;
    assert_eq!((status, error_of(&bad)), (400, ("invalid", Some("body"))));

    // Its candidates accepted on the article page, the claims are listed with the queue's filters.
    let csrf = app.csrf_of(&desk).await;
    app.post_form(
        &desk,
        &format!("/articles/{article_id}/accept-above"),
        &[("csrf_token", &csrf), ("min_score", "0.5")],
    )
    .await;
    let (status, list) = get_json(
        &app,
        &token,
        &format!("/api/v1/claims?article={article_id}&status=unverified&sort=newest"),
    )
    .await;
    assert_eq!(status, 200, "{list}");
    let claims = list["claims"].as_array().unwrap();
    assert!(claims.len() >= 2, "{list}");
    assert!(list["next_cursor"].is_null());
    let claim = claims
        .iter()
        .find(|c| c["surface"] == "$80 million")
        .expect("the $80 million claim")
        .clone();
    let claim_id = claim["id"].as_i64().unwrap();
    let version = claim["version"].as_i64().unwrap();
    let (status, searched) = get_json(&app, &token, "/api/v1/claims?q=patrol+budget").await;
    assert_eq!(status, 200);
    assert!(searched["claims"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"].as_i64() == Some(claim_id)));
    let (status, bad) = get_json(&app, &token, "/api/v1/claims?status=maybe").await;
    assert_eq!((status, error_of(&bad).1), (400, Some("status")));
    let (status, bad) = get_json(&app, &token, "/api/v1/claims?after=nonsense").await;
    assert_eq!((status, error_of(&bad).1), (400, Some("after")));

    // Keyset pages: a cursor from the list continues after its last claim.
    let (_, first) = get_json(&app, &token, "/api/v1/claims?sort=oldest").await;
    let first_ids: Vec<i64> = first["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    let (status, rest) = get_json(
        &app,
        &token,
        &format!("/api/v1/claims?sort=oldest&after=0_{}", first_ids[0]),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(rest["claims"][0]["id"].as_i64(), first_ids.get(1).copied());

    // A transition at the current version; the same version again is stale: 409 with the current one.
    let path = format!("/api/v1/claims/{claim_id}/transition");
    let (status, moved) = post_json(
        &app,
        &token,
        &path,
        json!({"version": version, "action": "start_review"}),
    )
    .await;
    assert_eq!(status, 200, "{moved}");
    assert_eq!(moved["status"], "in_review");
    assert_eq!(moved["version"].as_i64(), Some(version + 1));
    let (status, stale) = post_json(
        &app,
        &token,
        &path,
        json!({"version": version, "action": "withdraw"}),
    )
    .await;
    assert_eq!(status, 409, "{stale}");
    assert_eq!(error_of(&stale).0, "stale");
    assert_eq!(
        stale["error"]["current_version"].as_i64(),
        Some(version + 1)
    );
    assert_eq!(stale["error"]["changes"].as_array().unwrap().len(), 1);
    // Fields at fault are named.
    let (status, bad) = post_json(&app, &token, &path, json!({"version": version + 1, "action": "propose", "verdict": "no_such_verdict", "rationale": "Because."})).await;
    assert_eq!(
        (status, error_of(&bad)),
        (409, ("unavailable", Some("verdict"))),
        "{bad}"
    );
    let (status, bad) = post_json(
        &app,
        &token,
        &path,
        json!({"version": version + 1, "action": "fly"}),
    )
    .await;
    assert_eq!((status, error_of(&bad).1), (400, Some("action")));
    let (status, bad) = post_json(
        &app,
        &token,
        &path,
        json!({"version": "seven", "action": "withdraw"}),
    )
    .await;
    assert_eq!((status, error_of(&bad).1), (400, Some("version")));
    // Versions count from 1: zero and the most negative numbers are refused, never compared.
    for never in [json!(0), json!(-9_223_372_036_854_775_807i64)] {
        let (status, bad) = post_json(
            &app,
            &token,
            &path,
            json!({"version": never, "action": "withdraw"}),
        )
        .await;
        assert_eq!((status, error_of(&bad).1), (400, Some("version")), "{bad}");
    }
    let (status, bad) = post_json(&app, &token, &path, json!({"action": "withdraw"})).await;
    assert_eq!((status, error_of(&bad).1), (400, Some("version")));
    // An illegal step from this status is a conflict, not a stale version.
    let (status, bad) = post_json(
        &app,
        &token,
        &path,
        json!({"version": version + 1, "action": "publish"}),
    )
    .await;
    assert_eq!((status, error_of(&bad).0), (409, "conflict"), "{bad}");

    // Assignment, by the word "me" or a member id.
    let (status, assigned) = post_json(
        &app,
        &token,
        &format!("/api/v1/claims/{claim_id}/assign"),
        json!({"version": version + 1, "assignee": "me"}),
    )
    .await;
    assert_eq!(status, 200, "{assigned}");
    assert!(assigned["assignee_id"].is_i64());
    let me = assigned["assignee_id"].clone();
    let (status, assigned) = post_json(
        &app,
        &token,
        &format!("/api/v1/claims/{claim_id}/assign"),
        json!({"version": version + 2, "assignee": me}),
    )
    .await;
    assert_eq!(status, 200, "{assigned}");

    // Citations: javascript: is refused naming "url"; a web link is added and removed.
    let citations = format!("/api/v1/claims/{claim_id}/citations");
    let (status, bad) = post_json(
        &app,
        &token,
        &citations,
        json!({"url": "javascript:alert(1)", "title": "Trap", "stance": "supports"}),
    )
    .await;
    assert_eq!(
        (status, error_of(&bad)),
        (400, ("invalid", Some("url"))),
        "{bad}"
    );
    let (status, with) = post_json(
        &app,
        &token,
        &citations,
        json!({"url": "https://example.org/navy-budget", "title": "Navy budget 2025", "stance": "supports", "accessed_on": "2025-08-24"}),
    )
    .await;
    assert_eq!(status, 201, "{with}");
    // 201 answers the new citation's id and the claim with it.
    let citation = &with["claim"]["citations"][0];
    assert_eq!(citation["url"], "https://example.org/navy-budget");
    let citation_id = citation["id"].as_i64().unwrap();
    assert_eq!(with["id"].as_i64(), Some(citation_id));
    // Timestamps carry their offset.
    for stamp in [&with["claim"]["updated_at"], &citation["created_at"]] {
        let stamp = stamp.as_str().unwrap();
        assert!(
            chrono::DateTime::parse_from_rfc3339(stamp).is_ok() && stamp.ends_with('Z'),
            "{stamp}"
        );
    }
    assert_eq!(with["claim"]["id"].as_i64(), Some(claim_id));
    let (status, without) = send_json(
        &app,
        &token,
        reqwest::Method::DELETE,
        &format!("{citations}/{citation_id}"),
        &Value::Null,
    )
    .await;
    assert_eq!(status, 200, "{without}");
    assert_eq!(without["citations"].as_array().unwrap().len(), 0);
    let (status, _) = send_json(
        &app,
        &token,
        reqwest::Method::DELETE,
        &format!("{citations}/{citation_id}"),
        &Value::Null,
    )
    .await;
    assert_eq!(status, 404);

    // Comments: 201, `Location` names the new comment, the body its id and the claim with it.
    let response = api()
        .post(app.url(&format!("/api/v1/claims/{claim_id}/comments")))
        .bearer_auth(&token)
        .json(&json!({"body": "Checking with the ministry."}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let commented: Value = response.json().await.unwrap();
    let comment = &commented["claim"]["comments"][0];
    assert_eq!(comment["body"], "Checking with the ministry.");
    assert_eq!(commented["id"], comment["id"]);
    assert_eq!(
        location,
        format!("/api/v1/claims/{claim_id}/comments/{}", comment["id"])
    );
    let (status, bad) = post_json(
        &app,
        &token,
        &format!("/api/v1/claims/{claim_id}/comments"),
        json!({"body": "   "}),
    )
    .await;
    assert_eq!((status, error_of(&bad).1), (400, Some("body")));

    // Every change is in the claim's history, as on the page.
    let page = app.get_html(&desk, &format!("/claims/{claim_id}")).await;
    assert!(
        page.contains("citation added") && page.contains("citation removed"),
        "{page}"
    );
}

async fn a_claim_is_discarded_and_restored_through_the_api(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, desk, editor) = member_with_token(&app, "Desk", Role::Editor).await;
    let (_, _, reviewer) = member_with_token(&app, "Desk", Role::Reviewer).await;
    let article = article_with_claims(&app, &desk, &editor).await;
    let (_, list) = get_json(&app, &editor, &format!("/api/v1/claims?article={article}")).await;
    let claims = list["claims"].as_array().unwrap();
    let total = claims.len();
    let id = claims[0]["id"].as_i64().unwrap();
    let path = format!("/api/v1/claims/{id}/transition");

    // A discard needs its reason (400 naming it), and an editor (403); neither writes anything.
    for body in [
        json!({"version": 1, "action": "discard"}),
        json!({"version": 1, "action": "discard", "reason": "  "}),
        json!({"version": 1, "action": "discard", "reason": "two\nlines"}),
    ] {
        let (status, refused) = post_json(&app, &editor, &path, body).await;
        assert_eq!(
            (status, error_of(&refused)),
            (400, ("invalid", Some("reason")))
        );
    }
    let body = json!({"version": 1, "action": "discard", "reason": "A byline date"});
    let (status, refused) = post_json(&app, &reviewer, &path, body.clone()).await;
    assert_eq!((status, error_of(&refused).0), (403, "forbidden"));
    let (_, claim) = get_json(&app, &editor, &format!("/api/v1/claims/{id}")).await;
    assert_eq!(claim["version"], 1);

    let (status, claim) = post_json(&app, &editor, &path, body).await;
    assert_eq!(status, 200, "{claim}");
    assert_eq!(claim["status"], "discarded");
    assert_eq!(claim["discard_reason"], "A byline date");
    // Out of the default list, in the discarded one.
    let (_, list) = get_json(&app, &editor, &format!("/api/v1/claims?article={article}")).await;
    assert_eq!(list["claims"].as_array().unwrap().len(), total - 1);
    let (status, list) = get_json(&app, &editor, "/api/v1/claims?status=discarded").await;
    assert_eq!(status, 200);
    assert_eq!(list["claims"][0]["id"].as_i64(), Some(id));
    assert_eq!(list["claims"].as_array().unwrap().len(), 1);
    // A discarded claim takes no other step; restoring it puts it back.
    let (status, refused) = post_json(
        &app,
        &editor,
        &path,
        json!({"version": 2, "action": "start_review"}),
    )
    .await;
    assert_eq!((status, error_of(&refused).0), (409, "conflict"));
    let (status, claim) = post_json(
        &app,
        &editor,
        &path,
        json!({"version": 2, "action": "restore"}),
    )
    .await;
    assert_eq!(status, 200, "{claim}");
    assert_eq!(claim["status"], "unverified");
    assert!(claim["discard_reason"].is_null());
    let (_, list) = get_json(&app, &editor, &format!("/api/v1/claims?article={article}")).await;
    assert_eq!(list["claims"].as_array().unwrap().len(), total);
}

async fn json_endpoints_refuse_other_content_types_and_oversize_bodies(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.article_limit = 8 * 1024).await;
    let (_, desk, token) = member_with_token(&app, "Desk", Role::Reviewer).await;
    article_with_claims(&app, &desk, &token).await;
    let (_, list) = get_json(&app, &token, "/api/v1/claims").await;
    let claim_id = list["claims"][0]["id"].as_i64().unwrap();
    let comments = app.url(&format!("/api/v1/claims/{claim_id}/comments"));

    let response = api()
        .post(&comments)
        .bearer_auth(&token)
        .form(&[("body", "As a form")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 415);
    let body: Value = response.json().await.unwrap();
    assert_eq!(error_of(&body).0, "unsupported_media_type");
    let response = api()
        .post(&comments)
        .bearer_auth(&token)
        .header("Content-Type", "text/plain")
        .body("{\"body\": \"x\"}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 415);

    // The form limit (64 KiB) for comments, the article limit plus 64 KiB for articles.
    let response = api()
        .post(&comments)
        .bearer_auth(&token)
        .json(&json!({"body": "x".repeat(70 * 1024)}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    let response = api()
        .post(app.url("/api/v1/articles"))
        .bearer_auth(&token)
        .json(&json!({"title": "Huge", "body": "The fleet has 35 ships. ".repeat(4000)}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    // Within the byte limit but over the article limit: refused naming the body.
    let (status, bad) = post_json(
        &app,
        &token,
        "/api/v1/articles",
        json!({"title": "Long", "body": "The fleet has 35 ships. ".repeat(500)}),
    )
    .await;
    assert_eq!((status, error_of(&bad).1), (400, Some("body")));
    // Malformed JSON, a non-object and a NUL are bad requests; the server keeps serving.
    for raw in ["{\"body\": ", "[1, 2]", "{\"body\": \"a\\u0000b\"}"] {
        let response = api()
            .post(&comments)
            .bearer_auth(&token)
            .header("Content-Type", "application/json")
            .body(raw)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400, "{raw}");
    }
    let (status, _) = get_json(&app, &token, "/api/v1/claims").await;
    assert_eq!(status, 200);
}

async fn a_deactivated_member_or_a_changed_role_takes_effect_at_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let (reviewer, desk, token) = member_with_token(&app, "Desk", Role::Reviewer).await;
    article_with_claims(&app, &desk, &token).await;
    let (_, list) = get_json(&app, &token, "/api/v1/claims").await;
    let claim = list["claims"][0].clone();
    let path = format!("/api/v1/claims/{}/transition", claim["id"]);
    let email = reviewer.email.clone();
    let set_membership = |role: &'static str, active: bool| {
        let email = email.clone();
        app.with_db(move |conn| {
            use schema::{memberships, users};
            let user_id = users::table
                .filter(users::email.eq(email))
                .select(users::id)
                .first::<i64>(conn)
                .unwrap();
            diesel::update(memberships::table.filter(memberships::user_id.eq(user_id)))
                .set((memberships::role.eq(role), memberships::active.eq(active)))
                .execute(conn)
                .unwrap();
        })
    };
    // Demoted to viewer: the token can read, not change.
    set_membership("viewer", true).await;
    let (status, _) = post_json(
        &app,
        &token,
        &path,
        json!({"version": claim["version"], "action": "start_review"}),
    )
    .await;
    assert_eq!(status, 403);
    // Deactivated: the token is refused altogether.
    set_membership("reviewer", false).await;
    let (status, _) = get_json(&app, &token, "/api/v1/claims").await;
    assert_eq!(status, 401);
    // Reactivated as a reviewer: it works again.
    set_membership("reviewer", true).await;
    let (status, _) = post_json(
        &app,
        &token,
        &path,
        json!({"version": claim["version"], "action": "start_review"}),
    )
    .await;
    assert_eq!(status, 200);
}

async fn the_budget_is_counted_per_token_in_the_database(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, _, token) = member_with_token(&app, "Desk", Role::Viewer).await;
    let (_, _, other_token) = member_with_token(&app, "Desk", Role::Viewer).await;
    let ids = app
        .with_db(|conn| {
            schema::api_tokens::table
                .select(schema::api_tokens::id)
                .order(schema::api_tokens::id)
                .load::<i64>(conn)
                .unwrap()
        })
        .await;
    let (first, second) = (ids[0], ids[1]);

    // The limiter itself, with a small budget and a fixed clock.
    let waits = app
        .with_db(move |conn| {
            let now = chrono::NaiveDate::from_ymd_opt(2030, 1, 1)
                .unwrap()
                .and_hms_opt(12, 0, 45)
                .unwrap();
            let mut waits = Vec::new();
            for _ in 0..4 {
                waits.push(tokens::count_request(conn, first, now, 3).unwrap());
            }
            // Another token has a budget of its own; the next minute starts afresh.
            waits.push(tokens::count_request(conn, second, now, 3).unwrap());
            let next_minute = now + chrono::TimeDelta::seconds(20);
            waits.push(tokens::count_request(conn, first, next_minute, 3).unwrap());
            waits
        })
        .await;
    assert_eq!(waits, vec![None, None, None, Some(15), None, None]);

    // Over HTTP: a token whose minute is spent gets 429 with Retry-After; the other one does not.
    app.with_db(move |conn| {
        use schema::api_request_counts as counts;
        let now = claimdesk::db::now();
        for window in [
            tokens::window_start(now),
            tokens::window_start(now) + chrono::TimeDelta::seconds(60),
        ] {
            diesel::delete(
                counts::table
                    .filter(counts::token_id.eq(first))
                    .filter(counts::window_start.eq(window)),
            )
            .execute(conn)
            .unwrap();
            diesel::insert_into(counts::table)
                .values((
                    counts::token_id.eq(first),
                    counts::window_start.eq(window),
                    counts::requests.eq(claimdesk::web::api::auth::REQUESTS_PER_MINUTE),
                ))
                .execute(conn)
                .unwrap();
        }
    })
    .await;
    let response = api()
        .get(app.url("/api/v1/claims"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    let retry: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry));
    let body: Value = response.json().await.unwrap();
    assert_eq!(error_of(&body).0, "too_many_requests");
    let (status, _) = get_json(&app, &other_token, "/api/v1/claims").await;
    assert_eq!(status, 200);
}

/// Every `.route("/api/v1…", web::METHOD()` of the route table, as ("get", "/api/v1/…").
fn api_routes_in_source() -> BTreeSet<(String, String)> {
    let source = include_str!("../../src/web/mod.rs");
    let start = source.find("pub fn routes(").expect("the route table");
    let body = &source[start..];
    let body = &body[..body.find("\n}\n").expect("its end")];
    body.split(".route(\"")
        .skip(1)
        .filter_map(|rest| {
            let (path, after) = rest.split_once('"')?;
            let method = after.split("web::").nth(1)?.split('(').next()?;
            Some((method.to_owned(), path.to_owned()))
        })
        .filter(|(_, path)| path.starts_with("/api/v1/") || path == "/api/v1")
        .collect()
}

async fn the_openapi_document_lists_every_api_route_and_no_other(backend: Backend) {
    let app = spawn_app(backend).await;
    let response = api()
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let document: Value = response.json().await.expect("the document is JSON");
    assert!(document["openapi"].as_str().unwrap().starts_with("3."));
    let scheme = &document["components"]["securitySchemes"]["bearer"];
    assert_eq!(scheme["type"], "http");
    assert_eq!(scheme["scheme"], "bearer");
    let mut documented = BTreeSet::new();
    let mut operation_ids = BTreeSet::new();
    for (path, operations) in document["paths"].as_object().unwrap() {
        for (method, operation) in operations.as_object().unwrap() {
            documented.insert((method.clone(), path.clone()));
            let id = operation["operationId"].as_str().unwrap_or_default();
            assert!(
                !id.is_empty() && operation_ids.insert(id.to_owned()),
                "{method} {path}: operationId {id:?} missing or used twice"
            );
            assert!(
                operation["responses"]
                    .as_object()
                    .is_some_and(|r| !r.is_empty()),
                "{method} {path} has no responses"
            );
        }
    }
    let routes = api_routes_in_source();
    assert!(routes.len() >= 10, "{routes:?}");
    assert_eq!(
        documented, routes,
        "the OpenAPI document and the route table differ"
    );
    // The request and answer schemas are there too.
    for schema in [
        "ArticleIn",
        "ArticleOut",
        "ClaimOut",
        "ClaimList",
        "TransitionIn",
        "CitationIn",
        "ErrorBody",
    ] {
        assert!(
            document["components"]["schemas"].get(schema).is_some(),
            "no schema {schema}"
        );
    }
    // What generated clients rely on: enums for the closed sets, a non-empty pattern on required
    // text, offset timestamps, and no `default: null` on a field that cannot be null.
    let schemas = &document["components"]["schemas"];
    let stances = schemas["CitationIn"]["properties"]["stance"]["enum"]
        .as_array()
        .expect("stance is an enum");
    assert!(stances.contains(&json!("supports")), "{stances:?}");
    let actions: BTreeSet<&str> = schemas["TransitionIn"]["oneOf"]
        .as_array()
        .expect("a workflow step is one of its actions")
        .iter()
        .filter_map(|variant| variant["properties"]["action"]["const"].as_str())
        .collect();
    assert!(
        actions.contains("propose")
            && actions.contains("reopen")
            && actions.contains("discard")
            && actions.contains("restore")
            && actions.len() == 9,
        "{actions:?}"
    );
    let discard = schemas["TransitionIn"]["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .find(|variant| variant["title"] == "discard")
        .expect("a discard variant");
    assert_eq!(discard["required"], json!(["action", "version", "reason"]));
    assert_eq!(discard["properties"]["reason"]["maxLength"], 500);
    let title = &schemas["ArticleIn"]["properties"]["title"];
    assert_eq!(title["minLength"], 1, "{title}");
    assert!(title["pattern"].is_string(), "{title}");
    assert_eq!(
        schemas["ClaimRow"]["properties"]["updated_at"]["format"], "date-time",
        "{}",
        schemas["ClaimRow"]
    );
    fn no_null_defaults(at: &str, value: &Value) {
        match value {
            Value::Object(fields) => {
                if fields.get("default") == Some(&Value::Null) {
                    let nullable = fields["type"]
                        .as_array()
                        .is_some_and(|types| types.contains(&json!("null")));
                    assert!(nullable, "{at}: default null on a non-nullable field");
                }
                for (name, inner) in fields {
                    no_null_defaults(&format!("{at}/{name}"), inner);
                }
            }
            Value::Array(items) => items
                .iter()
                .enumerate()
                .for_each(|(i, inner)| no_null_defaults(&format!("{at}/{i}"), inner)),
            _ => {}
        }
    }
    no_null_defaults("", &document);
}

async fn unknown_api_addresses_answer_json_404(backend: Backend) {
    let app = crate::helpers::spawn_app(backend).await;
    let response = crate::helpers::browser()
        .get(app.url("/api/v1/nothing-here"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"]["status"], 404);
    let page = crate::helpers::browser()
        .get(app.url("/nothing-here"))
        .send()
        .await
        .unwrap();
    assert!(page.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
}
