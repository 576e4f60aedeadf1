//! The review desk: articles in, candidates triaged, claims through the workflow.

use claimdesk::domain::Role;

use crate::both_backends;
use crate::helpers::{spawn_app, Backend, TestApp};

both_backends!(
    the_counters_follow_statements_that_change_many_claims,
    a_pasted_article_shows_its_candidates_highlighted,
    the_same_body_twice_finds_the_existing_article,
    accepting_a_candidate_makes_an_unverified_claim_with_history,
    a_claim_goes_from_unverified_to_published_with_a_second_pair_of_eyes,
    nobody_approves_their_own_verdict,
    an_illegal_transition_is_refused_and_changes_nothing,
    a_stale_edit_gets_409_with_what_changed_and_what_was_typed,
    citations_accept_only_web_links,
    the_queue_filters_searches_and_pages_by_keyset,
    another_teams_claims_and_articles_are_not_found,
    viewers_read_but_cannot_change_claims,
    stored_markup_is_shown_as_text,
    a_candidate_already_checked_can_be_attached_to_the_earlier_claim,
    unknown_queue_values_are_bad_requests,
    a_blind_second_review_hides_the_verdict_and_gates_approval,
    a_blind_disagreement_returns_the_claim_with_both_rationales,
    bulk_actions_change_the_selection_and_skip_stale_claims,
    saved_views_belong_to_their_member,
    articles_upload_from_text_markdown_and_html_files,
    an_oversize_upload_is_refused,
    consistency_hints_show_the_implied_rate_and_offer_the_derived_claim,
    a_candidate_is_edited_before_acceptance_or_merged_into_a_claim,
    the_status_counts_follow_every_change,
    a_long_discussion_shows_its_latest_comments_and_all_on_request,
    concurrent_status_changes_never_fail_and_keep_the_counts_right,
);

const ARTICLE: &str = "Coastal Guard Expands Patrols\n\nThe navy said on Monday it would send two frigates and more than 1,200 sailors to the northern strait. Officials doubled the patrol budget to $80 million (about 104 billion won), according to the ministry. The fleet has 35 ships in total.";

/// Posts an article as `client` and returns its page's address.
pub async fn post_article(
    app: &TestApp,
    client: &reqwest::Client,
    title: &str,
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
                ("publisher", "Harbor Times"),
                ("body", body),
            ],
        )
        .await;
    assert_eq!(
        response.status(),
        303,
        "{}",
        response.text().await.unwrap_or_default()
    );
    response.headers()["location"].to_str().unwrap().to_owned()
}

/// Accepts every pending candidate with a score of at least 0.5; returns the article page.
pub async fn accept_all(app: &TestApp, client: &reqwest::Client, article: &str) -> String {
    let csrf = app.csrf_of(client).await;
    let response = app
        .post_form(
            client,
            &format!("{article}/accept-above"),
            &[("csrf_token", &csrf), ("min_score", "0.5")],
        )
        .await;
    assert_eq!(response.status(), 303);
    app.get_html(client, article).await
}

/// The ids of claims linked from a page, in order of appearance.
pub fn claim_ids(html: &str) -> Vec<i64> {
    let mut ids = Vec::new();
    for part in html.split("href=\"/claims/").skip(1) {
        if let Some(id) = part.split(['"', '?']).next().and_then(|s| s.parse().ok()) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    ids
}

/// The `version` hidden field of a claim page.
pub fn version_in(html: &str) -> String {
    let marker = "name=\"version\" value=\"";
    let start = html.find(marker).expect("a version field") + marker.len();
    html[start..].split('"').next().unwrap().to_owned()
}

async fn a_pasted_article_shows_its_candidates_highlighted(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let client = app.signed_in(&reviewer).await;
    let article = post_article(&app, &client, "Patrols", ARTICLE).await;
    let page = app.get_html(&client, &article).await;
    assert!(page.contains("Coastal Guard Expands Patrols"));
    assert!(page.contains("<mark class=\"candidate pending\""), "{page}");
    assert!(page.contains(">1,200</mark>"));
    assert!(page.contains(">$80 million</mark>"));
    let list = app.get_html(&client, "/articles").await;
    assert!(list.contains("Patrols"));
}

async fn the_same_body_twice_finds_the_existing_article(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let client = app.signed_in(&reviewer).await;
    let first = post_article(&app, &client, "Patrols", ARTICLE).await;
    let second = post_article(
        &app,
        &client,
        "Patrols again",
        &format!("  {}\r\n", ARTICLE.replace('\n', "\r\n")),
    )
    .await;
    assert_eq!(second, format!("{first}?existing=1"));
    let count = app
        .with_db(|conn| {
            use diesel::prelude::*;
            claimdesk::db::schema::articles::table
                .count()
                .get_result::<i64>(conn)
                .unwrap()
        })
        .await;
    assert_eq!(count, 1);
}

async fn accepting_a_candidate_makes_an_unverified_claim_with_history(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let client = app.signed_in(&reviewer).await;
    let article = post_article(&app, &client, "Patrols", ARTICLE).await;
    let page = accept_all(&app, &client, &article).await;
    let ids = claim_ids(&page);
    assert!(ids.len() >= 3, "{ids:?}");
    let queue = app.get_html(&client, "/claims").await;
    assert!(queue.contains("1,200"));
    let claim = app.get_html(&client, &format!("/claims/{}", ids[0])).await;
    assert!(claim.contains("Unverified"));
    assert!(claim.contains("created"));
    assert!(claim.contains(&reviewer.name));
}

/// Takes a claim through one edge as `client`; returns the status code.
/// Gives the claim a cited source unless it has one: a team needs one before a verdict is
/// proposed (its setting, 1 by default), so the helpers that propose cite first.
pub async fn cite_once(app: &TestApp, client: &reqwest::Client, claim: i64) {
    let cited: i64 = app
        .with_db(move |conn| {
            use diesel::prelude::*;
            claimdesk::db::schema::citations::table
                .filter(claimdesk::db::schema::citations::claim_id.eq(claim))
                .count()
                .get_result(conn)
                .unwrap()
        })
        .await;
    if cited > 0 {
        return;
    }
    let csrf = app.csrf_of(client).await;
    let response = app
        .post_form(
            client,
            &format!("/claims/{claim}/citations"),
            &[
                ("csrf_token", &csrf),
                ("url", "https://sources.example.org/ministry-budget"),
                ("title", "Ministry budget tables"),
                ("stance", "supports"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303, "a source for claim {claim}");
}

/// Whether the fields propose a verdict (other than "unverifiable", which needs no source).
pub fn proposes(fields: &[(&str, &str)]) -> bool {
    fields.contains(&("action", "propose")) && !fields.contains(&("verdict", "unverifiable"))
}

pub async fn act(
    app: &TestApp,
    client: &reqwest::Client,
    claim: i64,
    fields: &[(&str, &str)],
) -> u16 {
    if proposes(fields) {
        cite_once(app, client, claim).await;
    }
    let page = app.get_html(client, &format!("/claims/{claim}")).await;
    let version = version_in(&page);
    let csrf = app.csrf_of(client).await;
    let mut all = vec![("csrf_token", csrf.as_str()), ("version", version.as_str())];
    all.extend_from_slice(fields);
    app.post_form(client, &format!("/claims/{claim}/transition"), &all)
        .await
        .status()
        .as_u16()
}

pub async fn first_claim(app: &TestApp, client: &reqwest::Client) -> i64 {
    let article = post_article(app, client, "Patrols", ARTICLE).await;
    let page = accept_all(app, client, &article).await;
    claim_ids(&page)[0]
}

async fn a_claim_goes_from_unverified_to_published_with_a_second_pair_of_eyes(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let editor = app.add_member("Desk", Role::Editor).await;
    let r = app.signed_in(&reviewer).await;
    let e = app.signed_in(&editor).await;
    let claim = first_claim(&app, &r).await;
    assert_eq!(
        act(&app, &r, claim, &[("action", "start_review")]).await,
        303
    );
    assert_eq!(
        act(
            &app,
            &r,
            claim,
            &[
                ("action", "propose"),
                ("verdict", "mostly_true"),
                ("rationale", "")
            ]
        )
        .await,
        422,
        "a rationale is required: the claim page again, with the form"
    );
    assert_eq!(
        act(
            &app,
            &r,
            claim,
            &[
                ("action", "propose"),
                ("verdict", "mostly_true"),
                ("rationale", "The ministry's release gives 1,180 sailors.")
            ]
        )
        .await,
        303
    );
    assert_eq!(
        act(&app, &r, claim, &[("action", "approve")]).await,
        403,
        "a reviewer cannot approve"
    );
    assert_eq!(act(&app, &e, claim, &[("action", "approve")]).await, 303);
    assert_eq!(act(&app, &e, claim, &[("action", "publish")]).await, 303);
    assert_eq!(
        act(&app, &e, claim, &[("action", "reopen")]).await,
        422,
        "a correction note is required: the claim page again, with the form"
    );
    assert_eq!(
        act(
            &app,
            &e,
            claim,
            &[
                ("action", "reopen"),
                ("note", "The ministry revised the figure.")
            ]
        )
        .await,
        303
    );
    let page = app.get_html(&r, &format!("/claims/{claim}")).await;
    assert!(page.contains("In review"));
    assert!(page.contains("The ministry revised the figure."));
    assert!(page.contains("Mostly true"));
    for step in ["in_review", "awaiting_approval", "verified", "published"] {
        assert!(page.contains(step), "history lacks {step}");
    }
}

async fn nobody_approves_their_own_verdict(backend: Backend) {
    let app = spawn_app(backend).await;
    let editor = app.add_member("Desk", Role::Admin).await;
    let e = app.signed_in(&editor).await;
    let claim = first_claim(&app, &e).await;
    assert_eq!(
        act(&app, &e, claim, &[("action", "start_review")]).await,
        303
    );
    assert_eq!(
        act(
            &app,
            &e,
            claim,
            &[
                ("action", "propose"),
                ("verdict", "false"),
                ("rationale", "Refuted by the budget papers.")
            ]
        )
        .await,
        303
    );
    assert_eq!(act(&app, &e, claim, &[("action", "approve")]).await, 403);
    let page = app.get_html(&e, &format!("/claims/{claim}")).await;
    assert!(page.contains("Awaiting approval"));
}

async fn an_illegal_transition_is_refused_and_changes_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let editor = app.add_member("Desk", Role::Editor).await;
    let e = app.signed_in(&editor).await;
    let claim = first_claim(&app, &e).await;
    let before = app.get_html(&e, &format!("/claims/{claim}")).await;
    assert_eq!(act(&app, &e, claim, &[("action", "publish")]).await, 409);
    assert_eq!(act(&app, &e, claim, &[("action", "fly_away")]).await, 400);
    let after = app.get_html(&e, &format!("/claims/{claim}")).await;
    assert_eq!(version_in(&before), version_in(&after));
    assert!(after.contains("Unverified"));
}

async fn a_stale_edit_gets_409_with_what_changed_and_what_was_typed(backend: Backend) {
    let app = spawn_app(backend).await;
    let a = app.add_member("Desk", Role::Reviewer).await;
    let b = app.add_member("Desk", Role::Reviewer).await;
    let a_browser = app.signed_in(&a).await;
    let b_browser = app.signed_in(&b).await;
    let claim = first_claim(&app, &a_browser).await;
    let stale_page = app.get_html(&a_browser, &format!("/claims/{claim}")).await;
    let stale_version = version_in(&stale_page);
    // B edits first.
    let csrf_b = app.csrf_of(&b_browser).await;
    let response = app
        .post_form(
            &b_browser,
            &format!("/claims/{claim}/edit"),
            &[
                ("csrf_token", &csrf_b),
                ("version", &stale_version),
                ("statement", "B's wording of the claim"),
                ("subject", "sailors"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    // A, from the stale tab.
    let csrf_a = app.csrf_of(&a_browser).await;
    let response = app
        .post_form(
            &a_browser,
            &format!("/claims/{claim}/edit"),
            &[
                ("csrf_token", &csrf_a),
                ("version", &stale_version),
                ("statement", "A's careful rewording"),
            ],
        )
        .await;
    assert_eq!(response.status(), 409);
    let body = response.text().await.unwrap();
    let body = body.replace("&#39;", "'").replace("&#x27;", "'");
    assert!(body.contains("B's wording of the claim"), "{body}");
    assert!(
        body.contains("A's careful rewording"),
        "what was typed is kept"
    );
    let page = app.get_html(&a_browser, &format!("/claims/{claim}")).await;
    assert!(page.contains("wording of the claim"));
    assert!(
        !page.contains("careful rewording"),
        "never a silent overwrite"
    );
}

async fn citations_accept_only_web_links(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let r = app.signed_in(&reviewer).await;
    let claim = first_claim(&app, &r).await;
    let csrf = app.csrf_of(&r).await;
    for bad in [
        "javascript:alert(1)",
        "data:text/html,hi",
        "ftp://files.example.org/x",
    ] {
        let response = app
            .post_form(
                &r,
                &format!("/claims/{claim}/citations"),
                &[
                    ("csrf_token", &csrf),
                    ("url", bad),
                    ("title", "Bad"),
                    ("stance", "supports"),
                ],
            )
            .await;
        assert_eq!(
            response.status(),
            422,
            "{bad}: the claim page again, with the form"
        );
    }
    let response = app
        .post_form(
            &r,
            &format!("/claims/{claim}/citations"),
            &[
                ("csrf_token", &csrf),
                ("url", "https://navy.example.org/release"),
                ("title", "Navy release"),
                ("stance", "refutes"),
                ("excerpt", "1,180 sailors"),
                ("accessed_on", "2025-08-23"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let bad_stance = app
        .post_form(
            &r,
            &format!("/claims/{claim}/citations"),
            &[
                ("csrf_token", &csrf),
                ("url", "https://x.example.org"),
                ("title", "X"),
                ("stance", "agrees"),
            ],
        )
        .await;
    assert_eq!(bad_stance.status(), 422);
    let page = app.get_html(&r, &format!("/claims/{claim}")).await;
    assert!(page.contains("https://navy.example.org/release"));
    assert!(page.contains("citation added"));
    assert!(!page.contains("javascript:"));
    let citation = page
        .split(&format!("/claims/{claim}/citations/"))
        .nth(1)
        .and_then(|p| p.split('/').next())
        .unwrap()
        .to_owned();
    let edit = format!("/claims/{claim}/citations/{citation}");
    let bad_edit = app
        .post_form(
            &r,
            &edit,
            &[
                ("csrf_token", &csrf),
                ("url", "javascript:void(0)"),
                ("title", "x"),
                ("stance", "context"),
            ],
        )
        .await;
    assert_eq!(bad_edit.status(), 400);
    let edited = app
        .post_form(
            &r,
            &edit,
            &[
                ("csrf_token", &csrf),
                ("url", "https://navy.example.org/release-2"),
                ("title", "Navy release, revised"),
                ("stance", "context"),
            ],
        )
        .await;
    assert_eq!(edited.status(), 303);
    let page = app.get_html(&r, &format!("/claims/{claim}")).await;
    assert!(page.contains("release-2"));
    assert!(page.contains("citation edited"));
    let removed = app
        .post_form(&r, &format!("{edit}/delete"), &[("csrf_token", &csrf)])
        .await;
    assert_eq!(removed.status(), 303);
    assert_eq!(
        app.post_form(&r, &format!("{edit}/delete"), &[("csrf_token", &csrf)])
            .await
            .status(),
        404
    );
    let page = app.get_html(&r, &format!("/claims/{claim}")).await;
    assert!(page.contains("citation removed"));
}

async fn the_queue_filters_searches_and_pages_by_keyset(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let r = app.signed_in(&reviewer).await;
    let mut body = String::from("Harbor Statistics\n\n");
    for i in 0..60 {
        body.push_str(&format!(
            "The port handled {} containers in week {}. ",
            1000 + i * 37,
            i + 1
        ));
    }
    body.push_str("Separately, the zoo counted 14 penguins.");
    let article = post_article(&app, &r, "Harbor statistics", &body).await;
    accept_all(&app, &r, &article).await;
    let first = app.get_html(&r, "/claims?sort=newest").await;
    let first_ids = claim_ids(&first);
    assert_eq!(first_ids.len(), 50, "one page holds 50");
    let next_href = crate::helpers::next_href(&first).expect("a next page");
    assert!(next_href.contains("after="), "{next_href}");
    let second = app.get_html(&r, &next_href).await;
    let second_ids = claim_ids(&second);
    assert!(!second_ids.is_empty());
    assert!(
        second_ids.iter().all(|id| !first_ids.contains(id)),
        "pages do not overlap: {next_href} {first_ids:?} {second_ids:?}"
    );
    assert!(
        second_ids.iter().max() < first_ids.iter().min(),
        "newest first, continuing below the cursor"
    );
    let found = app.get_html(&r, "/claims?q=penguins").await;
    assert_eq!(claim_ids(&found).len(), 1, "{found}");
    assert!(found.contains("penguins"));
    let none = app.get_html(&r, "/claims?status=published").await;
    assert!(claim_ids(&none).is_empty());
    let mine = app.get_html(&r, "/claims?assignee=me").await;
    assert!(claim_ids(&mine).is_empty());
    let tricky = app.get(&r, "/claims?q=%22penguins%20OR%20*%28").await;
    assert_eq!(
        tricky.status(),
        200,
        "search syntax in user text is harmless"
    );
}

async fn another_teams_claims_and_articles_are_not_found(backend: Backend) {
    let app = spawn_app(backend).await;
    let ours = app.add_member("Desk", Role::Admin).await;
    let theirs = app.add_member("Other Desk", Role::Admin).await;
    let o = app.signed_in(&ours).await;
    let t = app.signed_in(&theirs).await;
    let article = post_article(&app, &o, "Patrols", ARTICLE).await;
    let page = accept_all(&app, &o, &article).await;
    let claim = claim_ids(&page)[0];
    for path in [article.clone(), format!("/claims/{claim}")] {
        let foreign = app.get(&t, &path).await;
        assert_eq!(foreign.status(), 404, "{path}");
    }
    let missing = app.get(&t, "/claims/99999999").await;
    assert_eq!(missing.status(), 404);
    let csrf = app.csrf_of(&t).await;
    let response = app
        .post_form(
            &t,
            &format!("/claims/{claim}/edit"),
            &[
                ("csrf_token", &csrf),
                ("version", "1"),
                ("statement", "taken over"),
            ],
        )
        .await;
    assert_eq!(response.status(), 404);
    let queue = app.get_html(&t, "/claims").await;
    assert!(claim_ids(&queue).is_empty());
    // The same body in another team is that team's own new article.
    let theirs_article = post_article(&app, &t, "Patrols", ARTICLE).await;
    assert_ne!(theirs_article, article);
}

async fn viewers_read_but_cannot_change_claims(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let viewer = app.add_member("Desk", Role::Viewer).await;
    let r = app.signed_in(&reviewer).await;
    let v = app.signed_in(&viewer).await;
    let claim = first_claim(&app, &r).await;
    let page = app.get_html(&v, &format!("/claims/{claim}")).await;
    assert!(
        !page.contains("action=\"/claims/"),
        "no action forms for viewers"
    );
    let csrf = app.csrf_of(&v).await;
    for (path, fields) in [
        (
            format!("/claims/{claim}/edit"),
            vec![("version", "1"), ("statement", "viewer edit")],
        ),
        (format!("/claims/{claim}/comments"), vec![("body", "hello")]),
        (
            format!("/claims/{claim}/transition"),
            vec![("version", "1"), ("action", "start_review")],
        ),
    ] {
        let mut all = vec![("csrf_token", csrf.as_str())];
        all.extend(fields);
        assert_eq!(app.post_form(&v, &path, &all).await.status(), 403, "{path}");
    }
    let response = app
        .post_form(
            &v,
            "/articles",
            &[
                ("csrf_token", &csrf),
                ("title", "x"),
                ("body", "There are 3 cats."),
            ],
        )
        .await;
    assert_eq!(response.status(), 403);
}

async fn stored_markup_is_shown_as_text(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let r = app.signed_in(&reviewer).await;
    let article = post_article(
        &app,
        &r,
        "<script>alert('t')</script>",
        "The mayor said <script>alert(1)</script> 4,000 people attended.",
    )
    .await;
    let page = accept_all(&app, &r, &article).await;
    assert!(!page.contains("<script>alert"));
    assert!(
        page.contains("&#60;script&#62;") || page.contains("&lt;script&gt;"),
        "{page}"
    );
    let claim = claim_ids(&page)[0];
    let claim_page = app.get_html(&r, &format!("/claims/{claim}")).await;
    assert!(!claim_page.contains("<script>alert"));
}

async fn a_candidate_already_checked_can_be_attached_to_the_earlier_claim(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let r = app.signed_in(&reviewer).await;
    let first = post_article(
        &app,
        &r,
        "First",
        "The navy sent more than 1,200 sailors to the strait.",
    )
    .await;
    let page = accept_all(&app, &r, &first).await;
    let earlier = claim_ids(&page)[0];
    let second = post_article(
        &app,
        &r,
        "Second",
        "A second report says over 1,200 sailors were deployed north.",
    )
    .await;
    let page = app.get_html(&r, &second).await;
    assert!(page.contains("Already checked"), "{page}");
    // The "attach to it" form of the "Already checked" line (the only attach form with a claim).
    let attach_start = page
        .find("<div class=\"already\">")
        .expect("an already-checked line");
    let action_start = page[attach_start..].find("action=\"").unwrap() + attach_start + 8;
    let action_end = page[action_start..].find('"').unwrap() + action_start;
    let action = page[action_start..action_end].replace("&#38;", "&");
    let csrf = app.csrf_of(&r).await;
    let response = app
        .post_form(
            &r,
            &action,
            &[("csrf_token", &csrf), ("claim_id", &earlier.to_string())],
        )
        .await;
    assert_eq!(response.status(), 303);
    let claim_page = app.get_html(&r, &format!("/claims/{earlier}")).await;
    assert!(claim_page.contains("candidate attached"));
}

async fn unknown_queue_values_are_bad_requests(backend: Backend) {
    let app = spawn_app(backend).await;
    let viewer = app.add_member("Desk", Role::Viewer).await;
    let v = app.signed_in(&viewer).await;
    for query in [
        "status=done",
        "sort=random",
        "min_score=2",
        "assignee=someone",
        "after=garbage",
        "after=NaN_5",
        "sort=score&after=inf_5",
    ] {
        assert_eq!(
            app.get(&v, &format!("/claims?{query}")).await.status(),
            400,
            "{query}"
        );
    }
    // A verdict key that is well formed but not on the team's scale is a question with no
    // answers, not a mistake: the queue is simply empty.
    let page = app.get(&v, "/claims?verdict=pants_on_fire").await;
    assert_eq!(page.status(), 200);
    let body = page.text().await.unwrap();
    assert!(body.contains("No claims match"), "{body}");
}

pub async fn make_team_blind(app: &TestApp) {
    app.with_db(|conn| {
        use claimdesk::db::schema::teams;
        use diesel::prelude::*;
        diesel::update(teams::table)
            .set(teams::blind_review.eq(true))
            .execute(conn)
            .unwrap();
    })
    .await;
}

/// A claim proposed as `verdict` by `proposer`, in a blind team.
pub async fn proposed_blind(app: &TestApp, proposer: &reqwest::Client, verdict: &str) -> i64 {
    make_team_blind(app).await;
    let claim = first_claim(app, proposer).await;
    assert_eq!(
        act(app, proposer, claim, &[("action", "start_review")]).await,
        303
    );
    assert_eq!(
        act(
            app,
            proposer,
            claim,
            &[
                ("action", "propose"),
                ("verdict", verdict),
                ("rationale", "PROPOSER-RATIONALE")
            ]
        )
        .await,
        303
    );
    claim
}

pub async fn second_review(
    app: &TestApp,
    client: &reqwest::Client,
    claim: i64,
    verdict: &str,
    rationale: &str,
) -> u16 {
    let page = app.get_html(client, &format!("/claims/{claim}")).await;
    let version = version_in(&page);
    let csrf = app.csrf_of(client).await;
    app.post_form(
        client,
        &format!("/claims/{claim}/second-review"),
        &[
            ("csrf_token", &csrf),
            ("version", &version),
            ("verdict", verdict),
            ("rationale", rationale),
        ],
    )
    .await
    .status()
    .as_u16()
}

async fn a_blind_second_review_hides_the_verdict_and_gates_approval(backend: Backend) {
    let app = spawn_app(backend).await;
    let proposer = app.add_member("Desk", Role::Reviewer).await;
    let second = app.add_member("Desk", Role::Reviewer).await;
    let editor = app.add_member("Desk", Role::Editor).await;
    let p = app.signed_in(&proposer).await;
    let s = app.signed_in(&second).await;
    let e = app.signed_in(&editor).await;
    let claim = proposed_blind(&app, &p, "misleading").await;
    let hidden = app.get_html(&s, &format!("/claims/{claim}")).await;
    assert!(
        !hidden.contains("PROPOSER-RATIONALE"),
        "the second reviewer does not see the proposal"
    );
    assert!(hidden.contains("verdict hidden"));
    assert_eq!(
        act(&app, &e, claim, &[("action", "approve")]).await,
        409,
        "no approval before the second review"
    );
    assert_eq!(
        second_review(&app, &p, claim, "misleading", "mine").await,
        403,
        "not by the proposer"
    );
    assert_eq!(
        second_review(
            &app,
            &s,
            claim,
            "misleading",
            "Agrees with the navy's figures."
        )
        .await,
        303
    );
    assert_eq!(
        second_review(&app, &e, claim, "false", "late").await,
        409,
        "one second review per round"
    );
    let page = app.get_html(&e, &format!("/claims/{claim}")).await;
    assert!(page.contains("PROPOSER-RATIONALE"));
    assert!(page.contains("second review agreed"));
    assert_eq!(act(&app, &e, claim, &[("action", "approve")]).await, 303);
    let reviews = app
        .with_db(move |conn| {
            use claimdesk::db::schema::reviews;
            use diesel::prelude::*;
            reviews::table
                .filter(reviews::claim_id.eq(claim))
                .count()
                .get_result::<i64>(conn)
                .unwrap()
        })
        .await;
    assert_eq!(
        reviews, 2,
        "both verdicts are kept for agreement statistics"
    );
}

async fn a_blind_disagreement_returns_the_claim_with_both_rationales(backend: Backend) {
    let app = spawn_app(backend).await;
    let proposer = app.add_member("Desk", Role::Reviewer).await;
    let second = app.add_member("Desk", Role::Editor).await;
    let p = app.signed_in(&proposer).await;
    let s = app.signed_in(&second).await;
    let claim = proposed_blind(&app, &p, "true").await;
    assert_eq!(
        second_review(&app, &s, claim, "false", "SECOND-RATIONALE").await,
        303
    );
    let page = app.get_html(&p, &format!("/claims/{claim}")).await;
    assert!(page.contains("In review"));
    assert!(page.contains("PROPOSER-RATIONALE"));
    assert!(page.contains("SECOND-RATIONALE"));
    assert!(page.contains("second review disagreed"));
    assert!(
        page.contains(&format!("Assignee</dt><dd>{}", proposer.name)),
        "back to the proposer"
    );
}

/// The `claim` checkbox values (id:version) of a queue page.
fn selection_in(html: &str) -> Vec<String> {
    html.split("name=\"claim\" value=\"")
        .skip(1)
        .filter_map(|p| p.split('"').next())
        .map(str::to_owned)
        .collect()
}

async fn bulk_actions_change_the_selection_and_skip_stale_claims(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let r = app.signed_in(&reviewer).await;
    let article = post_article(&app, &r, "Patrols", ARTICLE).await;
    accept_all(&app, &r, &article).await;
    let queue = app.get_html(&r, "/claims").await;
    let selection = selection_in(&queue);
    assert!(selection.len() >= 3, "{selection:?}");
    // One claim changes after the queue was loaded.
    let stale_id: i64 = selection[0].split(':').next().unwrap().parse().unwrap();
    assert_eq!(
        act(&app, &r, stale_id, &[("action", "start_review")]).await,
        303
    );
    let csrf = app.csrf_of(&r).await;
    let mut fields: Vec<(&str, &str)> = vec![
        ("csrf_token", &csrf),
        ("action", "assign_me"),
        ("back", "/claims"),
    ];
    for value in &selection {
        fields.push(("claim", value));
    }
    let response = app.post_form(&r, "/claims/bulk", &fields).await;
    assert_eq!(response.status(), 409, "one claim was skipped");
    let body = response.text().await.unwrap();
    assert!(body.contains(&format!("Claim #{stale_id}")));
    assert!(body.contains("changed by someone else"));
    let mine = app.get_html(&r, "/claims?assignee=me").await;
    assert_eq!(claim_ids(&mine).len(), selection.len() - 1);
    // Tagging in bulk, then filtering by the tag.
    let queue = app.get_html(&r, "/claims").await;
    let selection = selection_in(&queue);
    let mut fields: Vec<(&str, &str)> =
        vec![("csrf_token", &csrf), ("action", "tag"), ("tag", "navy")];
    for value in selection.iter().take(2) {
        fields.push(("claim", value));
    }
    assert_eq!(
        app.post_form(&r, "/claims/bulk", &fields).await.status(),
        200
    );
    assert_eq!(
        claim_ids(&app.get_html(&r, "/claims?tag=navy").await).len(),
        2
    );
    // Approving needs an editor; a reviewer's bulk approval skips every claim.
    let mut fields: Vec<(&str, &str)> = vec![("csrf_token", &csrf), ("action", "approve")];
    fields.push(("claim", &selection[0]));
    assert_eq!(
        app.post_form(&r, "/claims/bulk", &fields).await.status(),
        409
    );
    let nothing: Vec<(&str, &str)> = vec![("csrf_token", &csrf), ("action", "assign_me")];
    assert_eq!(
        app.post_form(&r, "/claims/bulk", &nothing).await.status(),
        400
    );
}

async fn saved_views_belong_to_their_member(backend: Backend) {
    let app = spawn_app(backend).await;
    let a = app.add_member("Desk", Role::Reviewer).await;
    let b = app.add_member("Desk", Role::Reviewer).await;
    let a_browser = app.signed_in(&a).await;
    let b_browser = app.signed_in(&b).await;
    let csrf = app.csrf_of(&a_browser).await;
    let response = app
        .post_form(
            &a_browser,
            "/claims/views",
            &[
                ("csrf_token", &csrf),
                ("name", "My unassigned"),
                ("query", "/claims?assignee=nobody&sort=newest"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert!(app
        .get_html(&a_browser, "/claims")
        .await
        .contains("My unassigned"));
    assert!(!app
        .get_html(&b_browser, "/claims")
        .await
        .contains("My unassigned"));
    let off_site = app
        .post_form(
            &a_browser,
            "/claims/views",
            &[
                ("csrf_token", &csrf),
                ("name", "Evil"),
                ("query", "https://evil.example/"),
            ],
        )
        .await;
    assert_eq!(off_site.status(), 400);
    let view_id = app
        .with_db(|conn| {
            use claimdesk::db::schema::saved_views;
            use diesel::prelude::*;
            saved_views::table
                .select(saved_views::id)
                .first::<i64>(conn)
                .unwrap()
        })
        .await;
    let csrf_b = app.csrf_of(&b_browser).await;
    assert_eq!(
        app.post_form(
            &b_browser,
            &format!("/claims/views/{view_id}/delete"),
            &[("csrf_token", &csrf_b)]
        )
        .await
        .status(),
        404
    );
    assert_eq!(
        app.post_form(
            &a_browser,
            &format!("/claims/views/{view_id}/delete"),
            &[("csrf_token", &csrf)]
        )
        .await
        .status(),
        303
    );
}

async fn upload(
    app: &TestApp,
    client: &reqwest::Client,
    file_name: &str,
    bytes: &[u8],
    csrf: &str,
) -> reqwest::Response {
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", csrf.to_owned())
        .text("publisher", "Harbor Times")
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(file_name.to_owned()),
        );
    client
        .post(app.url("/articles/upload"))
        .header("Origin", &app.address)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

async fn articles_upload_from_text_markdown_and_html_files(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let r = app.signed_in(&reviewer).await;
    let csrf = app.csrf_of(&r).await;
    let html = b"<html><head><title>x</title><style>p{color:red}</style><script>var secret = 99999;</script></head><body><h1>Grain exports rise</h1><p>Exports reached <b>4.2 million tonnes</b>, up 12%, the ministry said.</p></body></html>";
    let response = upload(&app, &r, "grain.html", html, &csrf).await;
    assert_eq!(response.status(), 303);
    let page = app
        .get_html(&r, response.headers()["location"].to_str().unwrap())
        .await;
    assert!(
        page.contains("<h1>Grain exports rise</h1>"),
        "the first line becomes the title"
    );
    assert!(page.contains("4.2 million"));
    assert!(!page.contains("99999"), "scripts are dropped");
    assert!(!page.contains("color:red"));
    let md = "# Budget passes\n\nThe council approved $3.1 million for 14 new buses.".as_bytes();
    let response = upload(&app, &r, "budget.md", md, &csrf).await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        upload(&app, &r, "budget.txt", md, &csrf).await.status(),
        303,
        "same body: the existing article"
    );
    assert_eq!(
        upload(&app, &r, "image.png", b"\x89PNG", &csrf)
            .await
            .status(),
        422
    );
    assert_eq!(
        upload(&app, &r, "bad.txt", b"\xff\xfe", &csrf)
            .await
            .status(),
        422
    );
    assert_eq!(
        upload(&app, &r, "a.txt", b"3 ships", "wrong")
            .await
            .status(),
        403
    );
    let count = app
        .with_db(|conn| {
            use diesel::prelude::*;
            claimdesk::db::schema::articles::table
                .count()
                .get_result::<i64>(conn)
                .unwrap()
        })
        .await;
    assert_eq!(count, 2);
}

async fn an_oversize_upload_is_refused(backend: Backend) {
    let app = crate::helpers::spawn_app_with(backend, |s| s.article_limit = 4096).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let r = app.signed_in(&reviewer).await;
    let csrf = app.csrf_of(&r).await;
    let big = "The port moved 5 ships. ".repeat(400);
    assert_eq!(
        upload(&app, &r, "big.txt", big.as_bytes(), &csrf)
            .await
            .status(),
        413
    );
    assert_eq!(app.get(&r, "/articles").await.status(), 200);
}

async fn consistency_hints_show_the_implied_rate_and_offer_the_derived_claim(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let r = app.signed_in(&reviewer).await;
    let article = post_article(&app, &r, "Patrols", ARTICLE).await;
    let page = accept_all(&app, &r, &article).await;
    let mut found = None;
    for id in claim_ids(&page) {
        let claim = app.get_html(&r, &format!("/claims/{id}")).await;
        if claim.contains("implies an earlier value of $40 million") {
            found = Some((id, claim));
            break;
        }
    }
    let (id, claim) = found.expect("the $80 million claim offers the value before doubling");
    assert!(
        claim.contains("implied rate of 1300 KRW per USD"),
        "{claim}"
    );
    let csrf = app.csrf_of(&r).await;
    let forged = app
        .post_form(
            &r,
            &format!("/claims/{id}/derive"),
            &[("csrf_token", &csrf), ("value", "12345")],
        )
        .await;
    assert_eq!(
        forged.status(),
        409,
        "only the server-derived value is accepted"
    );
    let response = app
        .post_form(
            &r,
            &format!("/claims/{id}/derive"),
            &[("csrf_token", &csrf), ("value", "40000000")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let derived = app
        .get_html(&r, response.headers()["location"].to_str().unwrap())
        .await;
    assert!(derived.contains("Earlier value implied by claim"));
    assert!(derived.contains("$40 million"), "{derived}");
}

/// The candidate ids of an article page, in order.
fn candidate_ids(html: &str) -> Vec<i64> {
    let mut ids = Vec::new();
    for part in html.split("/candidates/").skip(1) {
        if let Some(id) = part.split('/').next().and_then(|s| s.parse().ok()) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    ids
}

async fn a_candidate_is_edited_before_acceptance_or_merged_into_a_claim(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let r = app.signed_in(&reviewer).await;
    let article = post_article(&app, &r, "Patrols", ARTICLE).await;
    let page = app.get_html(&r, &article).await;
    let ids = candidate_ids(&page);
    assert!(ids.len() >= 3);
    let csrf = app.csrf_of(&r).await;
    let bad = app
        .post_form(
            &r,
            &format!("{article}/candidates/{}/accept", ids[0]),
            &[
                ("csrf_token", &csrf),
                ("value", "many"),
                ("unit", "person"),
                ("subject", "naval crews"),
            ],
        )
        .await;
    // The article page again, the candidate's form open with what was typed and the message.
    assert_eq!(bad.status(), 422);
    let page = bad.text().await.unwrap();
    assert!(
        page.contains(&format!("id=\"value-{}-error\"", ids[0])),
        "{page}"
    );
    assert!(page.contains("value=\"many\"") && page.contains("value=\"naval crews\""));
    assert!(page.contains("<details class=\"edit-candidate\" open>"));
    let response = app
        .post_form(
            &r,
            &format!("{article}/candidates/{}/accept", ids[0]),
            &[
                ("csrf_token", &csrf),
                ("value", "1,250"),
                ("unit", "person"),
                ("qualifier", "about"),
                ("subject", "naval personnel"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let page = app.get_html(&r, &article).await;
    let claim = claim_ids(&page)[0];
    let claim_page = app.get_html(&r, &format!("/claims/{claim}")).await;
    assert!(claim_page.contains("about 1,250 people"), "{claim_page}");
    assert!(claim_page.contains("naval personnel"));
    // Merge the next candidate into that claim.
    let response = app
        .post_form(
            &r,
            &format!("{article}/candidates/{}/attach", ids[1]),
            &[("csrf_token", &csrf), ("claim_id", &claim.to_string())],
        )
        .await;
    assert_eq!(response.status(), 303);
    let page = app.get_html(&r, &article).await;
    assert!(page.contains("added to"));
    assert_eq!(claim_ids(&page).len(), 1, "merging made no new claim");
    let again = app
        .post_form(
            &r,
            &format!("{article}/candidates/{}/accept", ids[1]),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(
        again.status(),
        409,
        "a triaged candidate is not triaged twice"
    );
}

/// The numbers on the queue's status tabs, in page order: All, then each status.
fn tab_counts(page: &str) -> Vec<i64> {
    page.split("<span class=\"count\">")
        .skip(1)
        .filter_map(|rest| rest.split('<').next()?.trim().parse().ok())
        .collect()
}

async fn the_status_counts_follow_every_change(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let r = app.signed_in(&reviewer).await;
    // Another team's claims never count in ours.
    let other = app.add_member("Other Desk", Role::Reviewer).await;
    let o = app.signed_in(&other).await;
    let theirs = post_article(&app, &o, "Patrols", ARTICLE).await;
    accept_all(&app, &o, &theirs).await;
    assert_eq!(
        tab_counts(&app.get_html(&r, "/claims").await),
        [0, 0, 0, 0, 0, 0, 0]
    );

    let article = post_article(&app, &r, "Patrols", ARTICLE).await;
    accept_all(&app, &r, &article).await;
    let queue = app.get_html(&r, "/claims").await;
    let ids = claim_ids(&queue);
    let n = ids.len() as i64;
    assert!(n >= 3, "{ids:?}");
    assert_eq!(tab_counts(&queue), [n, n, 0, 0, 0, 0, 0]);
    // One by one on the claim page, then two at once in bulk.
    assert_eq!(
        act(&app, &r, ids[0], &[("action", "start_review")]).await,
        303
    );
    let queue = app.get_html(&r, "/claims").await;
    assert_eq!(tab_counts(&queue), [n, n - 1, 1, 0, 0, 0, 0]);
    let csrf = app.csrf_of(&r).await;
    let selection = selection_in(&queue);
    let mut fields: Vec<(&str, &str)> = vec![("csrf_token", &csrf), ("action", "start_review")];
    for value in selection
        .iter()
        .filter(|v| !v.starts_with(&format!("{}:", ids[0])))
        .take(2)
    {
        fields.push(("claim", value));
    }
    let bulk = app.post_form(&r, "/claims/bulk", &fields).await.status();
    assert!(bulk.is_success() || bulk.is_redirection(), "{bulk}");
    assert_eq!(
        tab_counts(&app.get_html(&r, "/claims").await),
        [n, n - 3, 3, 0, 0, 0, 0]
    );
    // The status filter picks a tab but leaves the counts alone.
    assert_eq!(
        tab_counts(&app.get_html(&r, "/claims?status=in_review").await),
        [n, n - 3, 3, 0, 0, 0, 0]
    );
    // A narrowed queue counts only what matches.
    let found = app.get_html(&r, "/claims?q=frigates").await;
    let matching = claim_ids(&found).len() as i64;
    assert!(matching >= 1);
    assert_eq!(tab_counts(&found)[0], matching, "{found}");
    assert_eq!(
        tab_counts(&app.get_html(&r, "/claims?q=zeppelins").await),
        [0, 0, 0, 0, 0, 0, 0]
    );
}

async fn a_long_discussion_shows_its_latest_comments_and_all_on_request(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let r = app.signed_in(&reviewer).await;
    let claim = first_claim(&app, &r).await;
    let csrf = app.csrf_of(&r).await;
    for n in 1..=105 {
        let body = format!("Checked source number {n:03}.");
        let response = app
            .post_form(
                &r,
                &format!("/claims/{claim}/comments"),
                &[("csrf_token", &csrf), ("body", &body)],
            )
            .await;
        assert_eq!(response.status(), 303);
    }
    let page = app.get_html(&r, &format!("/claims/{claim}")).await;
    assert!(page.contains("5 earlier comments are not shown"), "{page}");
    assert!(!page.contains("Checked source number 005."));
    assert!(page.contains("Checked source number 006."));
    assert!(page.contains("Checked source number 105."));
    assert!(page.contains(&format!("href=\"/claims/{claim}?all=1#comments\"")));
    let whole = app.get_html(&r, &format!("/claims/{claim}?all=1")).await;
    assert!(whole.contains("Checked source number 001."));
    assert!(!whole.contains("earlier comments are not shown"));
    // The history: one line per comment plus the claim's own, all within the latest 200.
    assert!(!page.contains("earlier changes are not shown"));
    assert_eq!(
        app.get(&r, &format!("/claims/{claim}?all=yes"))
            .await
            .status(),
        400
    );
}

/// Members moving claims back and forth at the same time, one by one and in bulk, with stale bulk
/// selections: no answer is a 5xx and the counts kept by triggers still match the claims listed.
/// (That no two status changes can deadlock on PostgreSQL rests on the lock order of
/// `db::claims::lock_counts`; this run does not force the interleaving that would show it.)
async fn concurrent_status_changes_never_fail_and_keep_the_counts_right(backend: Backend) {
    let app = std::sync::Arc::new(spawn_app(backend).await);
    let mut clients = Vec::new();
    for _ in 0..3 {
        let member = app.add_member("Desk", Role::Reviewer).await;
        clients.push(app.signed_in(&member).await);
    }
    let mut body = String::from("Harbor Statistics\n\n");
    for i in 0..12 {
        body.push_str(&format!(
            "The port handled {} containers in week {}. ",
            1000 + i * 37,
            i + 1
        ));
    }
    let article = post_article(&app, &clients[0], "Harbor statistics", &body).await;
    accept_all(&app, &clients[0], &article).await;
    let ids = claim_ids(&app.get_html(&clients[0], "/claims?sort=oldest").await);
    assert!(ids.len() >= 10, "{ids:?}");
    // Two claims per member go back and forth between in review and awaiting approval.
    for (n, client) in clients.iter().enumerate() {
        for &id in &ids[n * 2..n * 2 + 2] {
            assert_eq!(
                act(&app, client, id, &[("action", "start_review")]).await,
                303
            );
        }
    }
    let mut tasks = Vec::new();
    for (n, client) in clients.into_iter().enumerate() {
        let app = app.clone();
        let mine = ids[n * 2..n * 2 + 2].to_vec();
        let bulk_ids = ids[6..].to_vec();
        tasks.push(tokio::spawn(async move {
            let mut answers = Vec::new();
            for round in 0..6 {
                for &id in &mine {
                    answers.push(
                        act(
                            &app,
                            &client,
                            id,
                            &[
                                ("action", "propose"),
                                ("verdict", "mostly_true"),
                                ("rationale", "The port authority's figures agree."),
                            ],
                        )
                        .await,
                    );
                    answers.push(act(&app, &client, id, &[("action", "withdraw")]).await);
                }
                // Everyone also takes the shared claims into review in bulk, at stale versions
                // half of the time: those are skipped with a 409, never an error.
                let queue = app.get_html(&client, "/claims?sort=oldest").await;
                let csrf = app.csrf_of(&client).await;
                let mut fields: Vec<(String, String)> = vec![
                    ("csrf_token".into(), csrf),
                    ("action".into(), "start_review".into()),
                ];
                for value in selection_in(&queue) {
                    let id: i64 = value.split(':').next().unwrap().parse().unwrap();
                    if bulk_ids.contains(&id) && (round + n) % 2 == 0 {
                        fields.push(("claim".into(), value));
                    }
                }
                if fields.len() > 2 {
                    let pairs: Vec<(&str, &str)> = fields
                        .iter()
                        .map(|(k, v)| (k.as_str(), v.as_str()))
                        .collect();
                    answers.push(
                        app.post_form(&client, "/claims/bulk", &pairs)
                            .await
                            .status()
                            .as_u16(),
                    );
                }
            }
            answers
        }));
    }
    let mut answers = Vec::new();
    for task in tasks {
        answers.extend(task.await.unwrap());
    }
    assert!(
        answers.iter().all(|s| matches!(s, 200 | 303 | 409)),
        "{answers:?}"
    );
    // Each member's own proposals and withdrawals all went through: 3 × 6 rounds × 2 claims × 2.
    assert!(
        answers.iter().filter(|s| **s == 303).count() >= 72,
        "{answers:?}"
    );
    // The tabs' counts (kept by triggers) equal the claims listed under each status.
    let viewer = app.add_member("Desk", Role::Viewer).await;
    let v = app.signed_in(&viewer).await;
    let counts = tab_counts(&app.get_html(&v, "/claims").await);
    for (i, status) in [
        "unverified",
        "in_review",
        "awaiting_approval",
        "verified",
        "published",
    ]
    .iter()
    .enumerate()
    {
        let listed = claim_ids(&app.get_html(&v, &format!("/claims?status={status}")).await);
        assert_eq!(counts[i + 1], listed.len() as i64, "{status}");
    }
    assert_eq!(counts[0], ids.len() as i64);
}

/// (status, n) of every counter row, and the same counted from the claims themselves.
async fn counters_and_truth(app: &TestApp) -> (Vec<(String, i64)>, Vec<(String, i64)>) {
    app.with_db(|conn| {
        use claimdesk::db::schema::{claim_counts, claims};
        use diesel::prelude::*;
        let kept = claim_counts::table
            .filter(claim_counts::n.ne(0))
            .order(claim_counts::status)
            .select((claim_counts::status, claim_counts::n))
            .load::<(String, i64)>(conn)
            .unwrap();
        let counted = claims::table
            .group_by(claims::status)
            .order(claims::status)
            .select((claims::status, diesel::dsl::count_star()))
            .load::<(String, i64)>(conn)
            .unwrap();
        (kept, counted)
    })
    .await
}

/// The per-status counters are kept by triggers: one per row on SQLite, one per statement on
/// PostgreSQL (its net change per status). A statement that moves many claims at once, one that
/// changes no status, and one that moves them back all leave the counters equal to the claims.
async fn the_counters_follow_statements_that_change_many_claims(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let r = app.signed_in(&reviewer).await;
    let article = post_article(&app, &r, "Patrols", ARTICLE).await;
    accept_all(&app, &r, &article).await;
    let (kept, counted) = counters_and_truth(&app).await;
    assert_eq!(kept, counted);
    assert!(counted[0].1 >= 3, "{counted:?}");
    for statement in [
        "UPDATE claims SET status = 'in_review' WHERE status = 'unverified'",
        "UPDATE claims SET score = score + 0",
        "UPDATE claims SET status = 'unverified' WHERE id IN (SELECT min(id) FROM claims)",
    ] {
        app.with_db(move |conn| {
            use diesel::RunQueryDsl;
            diesel::sql_query(statement).execute(conn).unwrap();
        })
        .await;
        let (kept, counted) = counters_and_truth(&app).await;
        assert_eq!(kept, counted, "after {statement}");
    }
    let (kept, _) = counters_and_truth(&app).await;
    assert_eq!(kept.len(), 2, "two statuses in use: {kept:?}");
}
