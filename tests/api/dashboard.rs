//! The dashboard (its numbers, team scope, date range and tables) and the claim page's links to its
//! neighbours that the keyboard shortcuts follow.

use claimdesk::domain::Role;

use crate::both_backends;
use crate::helpers::{spawn_app, Backend, TestApp};
use crate::review::{act, claim_ids, post_article};

both_backends!(
    the_dashboard_counts_claims_per_status_and_verdict_and_blind_agreement,
    the_dashboard_counts_only_the_members_own_team,
    the_date_range_narrows_the_counts_and_bad_dates_are_refused,
    every_chart_has_a_title_and_a_table_with_its_numbers,
    the_claim_page_links_the_previous_and_next_claims_of_the_queue,
);

const ARTICLE: &str = "Coastal Guard Expands Patrols\n\nThe navy said on Monday it would send two frigates and more than 1,200 sailors to the northern strait. Officials doubled the patrol budget to $80 million (about 104 billion won), according to the ministry. The fleet has 35 ships in total.";

/// Posts the article as `client`, accepts its candidates and returns the new claims' ids.
async fn claims_from_article(app: &TestApp, client: &reqwest::Client, title: &str) -> Vec<i64> {
    let article = post_article(app, client, title, ARTICLE).await;
    let csrf = app.csrf_of(client).await;
    let response = app
        .post_form(
            client,
            &format!("{article}/accept-above"),
            &[("csrf_token", &csrf), ("min_score", "0.5")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let ids = claim_ids(&app.get_html(client, &article).await);
    assert!(ids.len() >= 3, "{ids:?}");
    ids
}

async fn make_desk_blind(app: &TestApp) {
    app.with_db(|conn| {
        use claimdesk::db::schema::teams;
        use diesel::prelude::*;
        diesel::update(teams::table.filter(teams::name.eq("Desk")))
            .set(teams::blind_review.eq(true))
            .execute(conn)
            .unwrap();
    })
    .await;
}

async fn second_review(app: &TestApp, client: &reqwest::Client, claim: i64, verdict: &str) {
    let page = app.get_html(client, &format!("/claims/{claim}")).await;
    let marker = "name=\"version\" value=\"";
    let start = page.find(marker).expect("a version field") + marker.len();
    let version = page[start..].split('"').next().unwrap().to_owned();
    let csrf = app.csrf_of(client).await;
    let response = app
        .post_form(
            client,
            &format!("/claims/{claim}/second-review"),
            &[
                ("csrf_token", &csrf),
                ("version", &version),
                ("verdict", verdict),
                ("rationale", "My own reading of the sources."),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
}

async fn propose(app: &TestApp, client: &reqwest::Client, claim: i64, verdict: &str) {
    crate::review::cite_once(app, client, claim).await;
    assert_eq!(
        act(app, client, claim, &[("action", "start_review")]).await,
        303
    );
    assert_eq!(
        act(
            app,
            client,
            claim,
            &[
                ("action", "propose"),
                ("verdict", verdict),
                ("rationale", "The ministry's budget says so.")
            ]
        )
        .await,
        303
    );
}

/// The part of the page from the table `table-{id}` to its end.
fn table<'a>(page: &'a str, id: &str) -> &'a str {
    let start = page
        .find(&format!("id=\"table-{id}\""))
        .unwrap_or_else(|| panic!("no table {id} in\n{page}"));
    let end = page[start..].find("</table>").expect("the table ends") + start;
    &page[start..end]
}

/// The cell after the row heading `label` in a table.
fn cell(table: &str, label: &str) -> String {
    let marker = format!("<th scope=\"row\">{label}</th><td>");
    let start = table
        .find(&marker)
        .unwrap_or_else(|| panic!("no row {label} in\n{table}"))
        + marker.len();
    table[start..].split("</td>").next().unwrap().to_owned()
}

fn status_counts(page: &str) -> Vec<String> {
    let statuses = table(page, "status");
    [
        "Unverified",
        "In review",
        "Awaiting approval",
        "Verified",
        "Published",
    ]
    .iter()
    .map(|label| cell(statuses, label))
    .collect()
}

async fn the_dashboard_counts_claims_per_status_and_verdict_and_blind_agreement(backend: Backend) {
    let app = spawn_app(backend).await;
    let proposer = app.add_member("Desk", Role::Reviewer).await;
    let second = app.add_member("Desk", Role::Reviewer).await;
    let editor = app.add_member("Desk", Role::Editor).await;
    let viewer = app.add_member("Desk", Role::Viewer).await;
    let p = app.signed_in(&proposer).await;
    let s = app.signed_in(&second).await;
    let e = app.signed_in(&editor).await;
    let v = app.signed_in(&viewer).await;
    make_desk_blind(&app).await;
    let ids = claims_from_article(&app, &p, "Patrols").await;
    let n = ids.len();

    // One claim verified after a blind second review that agreed…
    propose(&app, &p, ids[0], "true").await;
    second_review(&app, &s, ids[0], "true").await;
    assert_eq!(act(&app, &e, ids[0], &[("action", "approve")]).await, 303);
    // …and one sent back to review by a second review that disagreed.
    propose(&app, &p, ids[1], "false").await;
    second_review(&app, &s, ids[1], "true").await;

    let page = app.get_html(&v, "/dashboard").await;
    assert_eq!(
        status_counts(&page),
        [
            (n - 2).to_string(),
            "1".into(),
            "0".into(),
            "1".into(),
            "0".into()
        ],
        "{page}"
    );
    let verdicts = table(&page, "verdict");
    assert_eq!(cell(verdicts, "True"), "1");
    assert_eq!(cell(verdicts, "False"), "1");
    assert_eq!(cell(verdicts, "Misleading"), "0");

    // Pairs (true, true) and (false, true): observed 50 %, chance 50 %, kappa 0.
    let agreement = table(&page, "agreement");
    assert_eq!(cell(agreement, "Pairs"), "2");
    assert_eq!(cell(agreement, "Observed agreement"), "50%");
    assert_eq!(cell(agreement, "Cohen's kappa"), "0.00");

    // The verified claim counts for its proposer this week, with its time to verdict.
    let throughput = table(&page, "throughput");
    assert!(throughput.contains(&proposer.name), "{throughput}");
    assert!(page.contains("over 1 verified claims"), "{page}");
    assert!(page.contains("Median 0 minutes"), "{page}");
    let articles = table(&page, "articles");
    assert_eq!(cell(articles, "Patrols"), n.to_string());
}

async fn the_dashboard_counts_only_the_members_own_team(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let other = app.add_member("Other Desk", Role::Admin).await;
    let r = app.signed_in(&reviewer).await;
    let o = app.signed_in(&other).await;
    let desk = claims_from_article(&app, &r, "Patrols").await;
    let theirs = claims_from_article(&app, &o, "Their patrols").await;
    assert_eq!(
        act(&app, &r, desk[0], &[("action", "start_review")]).await,
        303
    );

    let page = app.get_html(&r, "/dashboard").await;
    let counts = status_counts(&page);
    assert_eq!(counts[0], (desk.len() - 1).to_string(), "{page}");
    assert_eq!(counts[1], "1");
    assert!(!table(&page, "articles").contains("Their patrols"));

    let page = app.get_html(&o, "/dashboard").await;
    let counts = status_counts(&page);
    assert_eq!(counts[0], theirs.len().to_string(), "{page}");
    assert_eq!(counts[1], "0");
    assert!(!table(&page, "articles").contains("<th scope=\"row\">Patrols</th>"));
}

async fn the_date_range_narrows_the_counts_and_bad_dates_are_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let r = app.signed_in(&reviewer).await;
    let ids = claims_from_article(&app, &r, "Patrols").await;
    let today = chrono::Utc::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();

    let page = app
        .get_html(&r, &format!("/dashboard?from={today}&to={today}"))
        .await;
    assert_eq!(status_counts(&page)[0], ids.len().to_string());
    assert!(page.contains(&format!("value=\"{today}\"")));

    let page = app
        .get_html(&r, "/dashboard?from=2000-01-01&to=2000-12-31")
        .await;
    assert_eq!(status_counts(&page)[0], "0", "{page}");
    assert!(!table(&page, "articles").contains("Patrols"));

    for (query, field) in [
        ("from=2026-02-30", "from"),
        ("to=next+week", "to"),
        ("from=2001-01-02&to=2001-01-01", "from"),
    ] {
        let response = app.get(&r, &format!("/dashboard?{query}")).await;
        assert_eq!(response.status(), 400, "{query}");
        let body = response.text().await.unwrap();
        assert!(body.contains(&format!("{field}: ")), "{query}: {body}");
    }
}

async fn every_chart_has_a_title_and_a_table_with_its_numbers(backend: Backend) {
    let app = spawn_app(backend).await;
    let viewer = app.add_member("Desk", Role::Viewer).await;
    let v = app.signed_in(&viewer).await;
    let page = app.get_html(&v, "/dashboard").await;
    let charts = [
        "status",
        "verdict",
        "throughput",
        "time-to-verdict",
        "agreement",
        "articles",
    ];
    assert_eq!(page.matches("<svg ").count(), charts.len());
    assert_eq!(page.matches("role=\"img\"").count(), charts.len());
    for id in charts {
        assert!(
            page.contains(&format!("aria-labelledby=\"chart-{id}-title\"")),
            "{id}"
        );
        assert!(
            page.contains(&format!("<title id=\"chart-{id}-title\">")),
            "{id}"
        );
        assert!(table(&page, id).contains("<caption"), "{id}");
    }
    assert!(page.contains("Not enough pairs"));
    assert!(!page.contains("style="), "the CSP allows no inline styles");
    assert!(page.contains("href=\"/dashboard\" aria-current=\"page\""));
    let anonymous = crate::helpers::browser();
    let response = app.get(&anonymous, "/dashboard").await;
    assert_eq!(response.status(), 303);
}

async fn the_claim_page_links_the_previous_and_next_claims_of_the_queue(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let other = app.add_member("Other Desk", Role::Admin).await;
    let r = app.signed_in(&reviewer).await;
    let o = app.signed_in(&other).await;
    claims_from_article(&app, &r, "Patrols").await;
    let theirs = claims_from_article(&app, &o, "Their patrols").await;
    // The queue's default order: score, then id, both descending.
    let queue = claim_ids(&app.get_html(&r, "/claims").await);
    assert!(queue.len() >= 3);
    let middle = app.get_html(&r, &format!("/claims/{}", queue[1])).await;
    assert!(
        middle.contains(&format!("<a href=\"/claims/{}\" rel=\"prev\">", queue[0])),
        "{middle}"
    );
    assert!(middle.contains(&format!("<a href=\"/claims/{}\" rel=\"next\">", queue[2])));
    let first = app.get_html(&r, &format!("/claims/{}", queue[0])).await;
    assert!(!first.contains("rel=\"prev\""));
    let last = app
        .get_html(&r, &format!("/claims/{}", queue[queue.len() - 1]))
        .await;
    assert!(
        !last.contains("rel=\"next\""),
        "another team's claims are no neighbours"
    );
    for id in theirs {
        assert!(!middle.contains(&format!("href=\"/claims/{id}\"")));
    }
    // From a filtered queue, the claim's address carries the filters and previous/next walk that
    // selection in its order: here newest first, the oldest claim left out by a score floor.
    let newest = app.get_html(&r, "/claims?sort=newest").await;
    let by_id = claim_ids(&newest);
    assert!(
        newest.contains(&format!("href=\"/claims/{}?sort=newest\"", by_id[1])),
        "{newest}"
    );
    let in_order = app
        .get_html(&r, &format!("/claims/{}?sort=newest", by_id[1]))
        .await;
    assert!(in_order.contains(&format!(
        "<a href=\"/claims/{}?sort=newest\" rel=\"prev\">",
        by_id[0]
    )));
    assert!(in_order.contains(&format!(
        "<a href=\"/claims/{}?sort=newest\" rel=\"next\">",
        by_id[2]
    )));
    let searched = app.get_html(&r, "/claims?q=frigates").await;
    let found = claim_ids(&searched);
    assert!(!found.is_empty() && found.len() < queue.len(), "{searched}");
    let first_match = app
        .get_html(&r, &format!("/claims/{}?q=frigates", found[0]))
        .await;
    assert!(!first_match.contains("rel=\"prev\""));
    let last_match = app
        .get_html(
            &r,
            &format!("/claims/{}?q=frigates", found[found.len() - 1]),
        )
        .await;
    assert!(
        !last_match.contains("rel=\"next\""),
        "the last match has no next claim in its selection"
    );
    if found.len() > 1 {
        assert!(first_match.contains(&format!(
            "<a href=\"/claims/{}?q=frigates\" rel=\"next\">",
            found[1]
        )));
    }
    assert_eq!(
        app.get(&r, &format!("/claims/{}?status=bogus", found[0]))
            .await
            .status(),
        400
    );
    // What the shortcuts need: the help dialog, the edit details, the queue rows' ids and versions.
    assert!(middle.contains("<dialog id=\"shortcuts\""));
    assert!(middle.contains("id=\"edit-details\""));
    let queue_page = app.get_html(&r, "/claims").await;
    assert!(queue_page.contains(&format!("data-claim=\"{}\" data-version=", queue[0])));
    assert!(queue_page.contains("id=\"assign-one\""));
}
