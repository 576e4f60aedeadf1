//! Published verdicts: the public page, ClaimReview JSON-LD and the team's feed.

use claimdesk::domain::Role;

use crate::both_backends;
use crate::helpers::{browser, spawn_app, Backend, TestApp};
use crate::review::{act, first_claim};

both_backends!(
    a_published_claim_has_a_public_page_with_claimreview,
    unpublished_claims_are_not_public,
    the_claimreview_feed_lists_the_teams_published_claims,
);

/// A claim taken to published by a reviewer and an editor; returns (claim id, editor's browser).
pub async fn published_claim(app: &TestApp) -> (i64, reqwest::Client) {
    let reviewer = app.add_member("Harbor Desk", Role::Reviewer).await;
    let editor = app.add_member("Harbor Desk", Role::Editor).await;
    let r = app.signed_in(&reviewer).await;
    let e = app.signed_in(&editor).await;
    let claim = first_claim(app, &r).await;
    assert_eq!(
        act(app, &r, claim, &[("action", "start_review")]).await,
        303
    );
    assert_eq!(
        act(
            app,
            &r,
            claim,
            &[
                ("action", "propose"),
                ("verdict", "mostly_true"),
                (
                    "rationale",
                    "The ministry's release gives 1,180 sailors <b>not</b> 1,200."
                )
            ]
        )
        .await,
        303
    );
    assert_eq!(act(app, &e, claim, &[("action", "approve")]).await, 303);
    assert_eq!(act(app, &e, claim, &[("action", "publish")]).await, 303);
    (claim, e)
}

pub fn json_ld_of(page: &str) -> serde_json::Value {
    let start = page
        .find("<script type=\"application/ld+json\">")
        .expect("JSON-LD is embedded")
        + "<script type=\"application/ld+json\">".len();
    let end = page[start..].find("</script>").unwrap() + start;
    serde_json::from_str(&page[start..end]).expect("the JSON-LD parses")
}

fn check_claim_review(review: &serde_json::Value, claim: i64) {
    assert_eq!(review["@context"], "https://schema.org");
    assert_eq!(review["@type"], "ClaimReview");
    assert!(review["url"]
        .as_str()
        .unwrap()
        .ends_with(&format!("/verdicts/{claim}")));
    let reviewed = review["claimReviewed"].as_str().unwrap();
    assert!(
        !reviewed.is_empty() && reviewed.chars().count() < 75,
        "{reviewed}"
    );
    assert!(review["datePublished"].as_str().unwrap().len() == 10);
    assert_eq!(review["author"]["@type"], "Organization");
    assert_eq!(review["author"]["name"], "Harbor Desk");
    assert_eq!(review["reviewRating"]["alternateName"], "Mostly true");
    assert_eq!(review["reviewRating"]["ratingValue"], 4);
    assert_eq!(review["reviewRating"]["bestRating"], 5);
    assert_eq!(review["reviewRating"]["worstRating"], 1);
    assert_eq!(review["itemReviewed"]["@type"], "Claim");
}

async fn a_published_claim_has_a_public_page_with_claimreview(backend: Backend) {
    let app = spawn_app(backend).await;
    let (claim, _) = published_claim(&app).await;
    let anonymous = browser();
    let page = app.get(&anonymous, &format!("/verdicts/{claim}")).await;
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert!(page.contains("Mostly true"));
    assert!(
        page.contains("&#60;b&#62;not&#60;/b&#62;") || page.contains("&lt;b&gt;not"),
        "the rationale is text"
    );
    let review = json_ld_of(&page);
    check_claim_review(&review, claim);
    let json = app
        .get(&anonymous, &format!("/claims/{claim}/claimreview.json"))
        .await;
    assert_eq!(json.status(), 200);
    assert!(json.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/ld+json"));
    let review: serde_json::Value = json.json().await.unwrap();
    check_claim_review(&review, claim);
}

async fn unpublished_claims_are_not_public(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let r = app.signed_in(&reviewer).await;
    let claim = first_claim(&app, &r).await;
    for path in [
        format!("/verdicts/{claim}"),
        format!("/claims/{claim}/claimreview.json"),
        "/verdicts/999999".to_owned(),
    ] {
        assert_eq!(app.get(&browser(), &path).await.status(), 404, "{path}");
        assert_eq!(
            app.get(&r, &path).await.status(),
            404,
            "{path} for a member"
        );
    }
}

async fn the_claimreview_feed_lists_the_teams_published_claims(backend: Backend) {
    let app = spawn_app(backend).await;
    let (claim, editor) = published_claim(&app).await;
    let feed = app.get(&editor, "/export/claimreview.jsonl").await;
    assert_eq!(feed.status(), 200);
    let text = feed.text().await.unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "only published claims");
    check_claim_review(&serde_json::from_str(lines[0]).unwrap(), claim);
    let outsider = app.add_member("Other Desk", Role::Admin).await;
    let o = app.signed_in(&outsider).await;
    assert_eq!(
        app.get(&o, "/export/claimreview.jsonl")
            .await
            .text()
            .await
            .unwrap(),
        ""
    );
    assert_eq!(
        app.get(&browser(), "/export/claimreview.jsonl")
            .await
            .status(),
        303
    );
}
