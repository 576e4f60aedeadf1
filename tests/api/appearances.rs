//! One claim, many appearances: a candidate that repeats a claim of the team (the same value and
//! unit, said of the same thing) joins that claim as another appearance when accepted, one by one
//! or in bulk, and the page says so; the same number said of something else is a new claim; a
//! copy on purpose is an explicit choice; the claim page and the API list the appearances.

use claimdesk::db::schema;
use claimdesk::domain::Role;
use diesel::prelude::*;
use serde_json::Value;

use crate::api::{get_json, new_token};
use crate::both_backends;
use crate::helpers::{browser, spawn_app, Backend, TestApp};
use crate::review::{accept_all, act, claim_ids, post_article};

both_backends!(
    a_second_copy_of_a_story_adds_no_claims,
    the_same_number_said_of_something_else_is_a_new_claim,
    a_copy_is_made_only_on_purpose,
    claimreview_lists_every_article_a_published_claim_appears_in,
    the_same_figures_in_korean_repeat_the_claims_and_say_why,
    a_date_repeats_with_or_without_its_year,
);

const FIRST_COPY: &str = "Reward Raised for Smuggling Ring\n\nThe State Department raised the reward for information on the smuggling ring to $50 million, officials said. The coast guard has seized 4,000 kilograms of cocaine in the strait since the spring. About 1,200 sailors took part in the operation.";

/// The same story from another outlet: other title, other order, other words around the numbers.
const SECOND_COPY: &str = "US Raises Bounty on Smugglers\n\nWashington raised the reward for information on the smuggling ring to $50 million. Since the spring, the coast guard has seized 4,000 kilograms of cocaine in the strait. About 1,200 sailors took part in the operation, the navy said.";

const OTHER_STORY: &str =
    "Stadium Opens\n\nThe city spent $50 million on the new football stadium, the mayor said.";

async fn claims_of_team(app: &TestApp) -> i64 {
    app.with_db(|conn| {
        schema::claims::table
            .count()
            .get_result::<i64>(conn)
            .unwrap()
    })
    .await
}

/// The candidate rows of an article page: (id, the "Already checked" claim if any).
fn pending_rows(html: &str) -> Vec<(i64, Option<i64>)> {
    html.split("<tr id=\"candidate-")
        .skip(1)
        .filter(|row| row.contains("/accept?"))
        .map(|row| {
            let id = row.split('"').next().unwrap().parse().unwrap();
            let already = row
                .split("Already checked: <a href=\"/claims/")
                .nth(1)
                .map(|rest| rest.split('"').next().unwrap().parse().unwrap());
            (id, already)
        })
        .collect()
}

async fn a_second_copy_of_a_story_adds_no_claims(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let r = app.signed_in(&reviewer).await;
    let first = post_article(&app, &r, "Reward raised", FIRST_COPY).await;
    accept_all(&app, &r, &first).await;
    let made = claims_of_team(&app).await;
    assert!(made >= 3, "the first copy gives its claims: {made}");

    let second = post_article(&app, &r, "Bounty raised", SECOND_COPY).await;
    let page = app.get_html(&r, &second).await;
    let rows = pending_rows(&page);
    let repeated: Vec<i64> = rows.iter().filter_map(|(_, prior)| *prior).collect();
    assert!(
        repeated.len() >= 3,
        "each repeated figure says where it was checked: {page}"
    );
    assert!(
        page.contains("Add to claim #"),
        "the button says what it will do"
    );

    // Accept all: every repeated candidate joins its claim, no claim is made, and the page says so.
    let csrf = app.csrf_of(&r).await;
    let response = app
        .post_form(
            &r,
            &format!("{second}/accept-above"),
            &[("csrf_token", &csrf), ("min_score", "0.5")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(
        claims_of_team(&app).await,
        made,
        "a second copy adds no claims"
    );
    let after = app.get_html(&r, &location).await;
    assert!(after.contains("0 new claims accepted"), "{after}");
    assert!(
        after.contains("repeated claims the team already had"),
        "{after}"
    );

    // The claim lists both articles, the first as its origin; the API says the same.
    let claim = repeated[0];
    let claim_page = app.get_html(&r, &format!("/claims/{claim}")).await;
    assert!(
        claim_page.contains("Appearances (2 articles)"),
        "{claim_page}"
    );
    assert!(claim_page.contains("Bounty raised") && claim_page.contains("Reward raised"));
    let token = new_token(&app, &r, "script").await;
    let (status, body) = get_json(&app, &token, &format!("/api/v1/claims/{claim}")).await;
    assert_eq!(status, 200);
    let appearances = body["appearances"].as_array().expect("appearances");
    assert_eq!(appearances.len(), 2, "{body}");
    assert_eq!(appearances[0]["title"], "Reward raised");
    assert_eq!(appearances[0]["origin"], Value::Bool(true));
    assert_eq!(appearances[1]["title"], "Bounty raised");
    assert_eq!(appearances[1]["origin"], Value::Bool(false));
    // The claim's history says where it appeared again.
    assert!(claim_page.contains("in article #"), "{claim_page}");
}

const ENGLISH_REWARD: &str = "Reward Raised\n\nThe State Department raised its reward to $50 million on Friday. The coast guard has seized 4,000 kilograms of cocaine in the strait since the spring.";

/// The same two figures in Korean, the reward also restated in won.
const KOREAN_REWARD: &str = "현상금 인상\n\n미국 국무부는 현상금을 5000만 달러(약 623억 원)로 올렸다고 밝혔다. 해안경비대는 봄 이후 해협에서 코카인 4,000kg을 압수했다.";

async fn the_same_figures_in_korean_repeat_the_claims_and_say_why(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let r = app.signed_in(&reviewer).await;
    let english = post_article(&app, &r, "Reward raised", ENGLISH_REWARD).await;
    accept_all(&app, &r, &english).await;
    let made = claims_of_team(&app).await;
    assert_eq!(made, 2);

    let korean = post_article(&app, &r, "현상금 인상", KOREAN_REWARD).await;
    let page = app.get_html(&r, &korean).await;
    let rows = pending_rows(&page);
    assert_eq!(rows.len(), 3, "{page}");
    assert!(rows.iter().all(|(_, prior)| prior.is_some()), "{page}");
    // The dollars and the won amount that restates them repeat the same claim.
    assert_eq!(rows[0].1, rows[1].1);
    for reason in [
        "same value and unit; subjects share reward",
        "restates 5000만 달러: same value and unit; subjects share reward",
        "same value and unit; subjects share cocaine",
    ] {
        assert!(page.contains(reason), "{reason}: {page}");
    }
    let csrf = app.csrf_of(&r).await;
    let response = app
        .post_form(
            &r,
            &format!("{korean}/accept-above"),
            &[("csrf_token", &csrf), ("min_score", "0.5")],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(claims_of_team(&app).await, made, "no claim made twice");
    let reward = rows[0].1.unwrap();
    let claim_page = app.get_html(&r, &format!("/claims/{reward}")).await;
    assert!(
        claim_page.contains("Appearances (2 articles)"),
        "{claim_page}"
    );
}

async fn the_same_number_said_of_something_else_is_a_new_claim(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let r = app.signed_in(&reviewer).await;
    let first = post_article(&app, &r, "Reward raised", FIRST_COPY).await;
    accept_all(&app, &r, &first).await;
    let before = claims_of_team(&app).await;
    let other = post_article(&app, &r, "Stadium", OTHER_STORY).await;
    let page = app.get_html(&r, &other).await;
    assert!(
        !page.contains("Already checked"),
        "a stadium's $50 million is not the reward's: {page}"
    );
    let (candidate, _) = pending_rows(&page)[0];
    let csrf = app.csrf_of(&r).await;
    let response = app
        .post_form(
            &r,
            &format!("{other}/candidates/{candidate}/accept"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(claims_of_team(&app).await, before + 1);
    let claim = *claim_ids(&app.get_html(&r, &other).await).last().unwrap();
    let claim_page = app.get_html(&r, &format!("/claims/{claim}")).await;
    assert!(!claim_page.contains("Appearances"), "one article, no list");
}

async fn a_copy_is_made_only_on_purpose(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let r = app.signed_in(&reviewer).await;
    let first = post_article(&app, &r, "Reward raised", FIRST_COPY).await;
    accept_all(&app, &r, &first).await;
    let before = claims_of_team(&app).await;
    let second = post_article(&app, &r, "Bounty raised", SECOND_COPY).await;
    let rows = pending_rows(&app.get_html(&r, &second).await);
    let repeated: Vec<(i64, i64)> = rows
        .iter()
        .filter_map(|(id, prior)| prior.map(|p| (*id, p)))
        .collect();
    let csrf = app.csrf_of(&r).await;

    // One by one, for the page's script: JSON naming the claim it joined.
    let (candidate, prior) = repeated[0];
    let response = r
        .post(app.url(&format!("{second}/candidates/{candidate}/accept")))
        .header("Accept", "application/json")
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let outcome: Value = response.json().await.unwrap();
    assert_eq!(outcome["state"], "merged");
    assert_eq!(outcome["claim_id"], prior);
    assert_eq!(outcome["repeated"], Value::Bool(true));
    assert_eq!(claims_of_team(&app).await, before);

    // Without the script, back to the page with a message naming the claim.
    let (candidate, prior) = repeated[1];
    let response = app
        .post_form(
            &r,
            &format!("{second}/candidates/{candidate}/accept"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.contains(&format!("attached_to={prior}")),
        "{location}"
    );
    let page = app.get_html(&r, &location).await;
    assert!(page.contains("another appearance, not copied"), "{page}");
    assert_eq!(claims_of_team(&app).await, before);

    // "Accept as a new claim instead": a copy, because the reviewer asked for one.
    let (candidate, _) = repeated[2];
    let response = app
        .post_form(
            &r,
            &format!("{second}/candidates/{candidate}/accept"),
            &[("csrf_token", &csrf), ("as_new", "1")],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(claims_of_team(&app).await, before + 1);
}

/// Posts an article with an address; returns its page.
async fn post_linked(
    app: &TestApp,
    client: &reqwest::Client,
    title: &str,
    url: &str,
    body: &str,
) -> String {
    let csrf = app.csrf_of(client).await;
    let response = app
        .post_form(
            client,
            "/articles",
            &[
                ("csrf_token", &csrf),
                ("title", title),
                ("url", url),
                ("publisher", "Harbor Times"),
                ("body", body),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    response.headers()["location"].to_str().unwrap().to_owned()
}

async fn claimreview_lists_every_article_a_published_claim_appears_in(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let editor = app.add_member("Desk", Role::Editor).await;
    let r = app.signed_in(&reviewer).await;
    let e = app.signed_in(&editor).await;
    let first = post_linked(
        &app,
        &r,
        "Reward raised",
        "https://times.example.org/reward",
        FIRST_COPY,
    )
    .await;
    accept_all(&app, &r, &first).await;

    // The second outlet's copy says which claim each figure repeats; publish one of them first.
    let second = post_linked(
        &app,
        &r,
        "Bounty raised",
        "https://wire.example.com/bounty",
        SECOND_COPY,
    )
    .await;
    let claim = pending_rows(&app.get_html(&r, &second).await)
        .iter()
        .find_map(|(_, prior)| *prior)
        .expect("a repeated figure");
    for (who, fields) in [
        (&r, &[("action", "start_review")][..]),
        (
            &r,
            &[
                ("action", "propose"),
                ("verdict", "mostly_true"),
                ("rationale", "The department's notice gives the figure."),
            ][..],
        ),
        (&e, &[("action", "approve")][..]),
        (&e, &[("action", "publish")][..]),
    ] {
        assert_eq!(act(&app, who, claim, fields).await, 303, "{fields:?}");
    }
    let public = browser();
    let review: Value = app
        .get(&public, &format!("/claims/{claim}/claimreview.json"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        review["itemReviewed"]["appearance"]["url"], "https://times.example.org/reward",
        "before the second copy is accepted, one appearance: {review}"
    );

    // Accepting the copy adds it to the published review (no republication needed) and the feed.
    accept_all(&app, &r, &second).await;
    let review: Value = app
        .get(&public, &format!("/claims/{claim}/claimreview.json"))
        .await
        .json()
        .await
        .unwrap();
    let urls: Vec<&str> = review["itemReviewed"]["appearance"]
        .as_array()
        .unwrap_or_else(|| panic!("a list of appearances: {review}"))
        .iter()
        .map(|a| a["url"].as_str().unwrap())
        .collect();
    assert_eq!(
        urls,
        [
            "https://times.example.org/reward",
            "https://wire.example.com/bounty"
        ]
    );
    let feed = app
        .get(&e, "/export/claimreview.jsonl")
        .await
        .text()
        .await
        .unwrap();
    let line: Value = serde_json::from_str(feed.lines().next().unwrap()).unwrap();
    assert_eq!(
        line["itemReviewed"]["appearance"][1]["headline"],
        "Bounty raised"
    );
}

/// A date is the same claim with or without its year (`domain::SameDate`): the runoff's day in
/// an article that gives no year finds the claim made from one that does, with the reason said;
/// another day, or the same day said of something else, does not.
async fn a_date_repeats_with_or_without_its_year(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let r = app.signed_in(&reviewer).await;
    let dated = post_article(
        &app,
        &r,
        "Runoff date",
        "Runoff Date\n\nThe runoff election will be held on Aug. 14, 2025, the commission said.",
    )
    .await;
    // a date scores under the usual line: take every candidate
    let csrf = app.csrf_of(&r).await;
    let response = app
        .post_form(
            &r,
            &format!("{dated}/accept-above"),
            &[("csrf_token", &csrf), ("min_score", "0")],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(claims_of_team(&app).await, 1);

    let undated = post_article(
        &app,
        &r,
        "Runoff set",
        "Runoff Set\n\nThe runoff election will be held on Aug. 14, the commission said. \
         The audit of the vote ends on Aug. 15.",
    )
    .await;
    let page = app.get_html(&r, &undated).await;
    let rows = pending_rows(&page);
    assert_eq!(rows.len(), 2, "{page}");
    assert!(rows[0].1.is_some(), "Aug. 14 repeats the claim: {page}");
    assert!(rows[1].1.is_none(), "Aug. 15 is another day: {page}");
    assert!(
        page.contains("same day, its year stated on one side only; subjects share"),
        "{page}"
    );
    // the other way round: the dated day finds a claim made without its year
    let other = app.add_member("Other Desk", Role::Reviewer).await;
    let o = app.signed_in(&other).await;
    let first = post_article(
        &app,
        &o,
        "Runoff set",
        "Runoff Set\n\nThe runoff election will be held on Aug. 14, the commission said.",
    )
    .await;
    let csrf = app.csrf_of(&o).await;
    app.post_form(
        &o,
        &format!("{first}/accept-above"),
        &[("csrf_token", &csrf), ("min_score", "0")],
    )
    .await;
    let second = post_article(
        &app,
        &o,
        "Runoff date",
        "Runoff Date\n\nThe runoff election will be held on Aug. 14, 2025, the commission said. \
         The stadium opens on Aug. 14, 2025.",
    )
    .await;
    let rows = pending_rows(&app.get_html(&o, &second).await);
    assert_eq!(rows.len(), 2);
    assert!(
        rows[0].1.is_some(),
        "the dated runoff repeats the undated claim"
    );
    assert!(
        rows[1].1.is_none(),
        "the stadium's day is said of something else"
    );
}
