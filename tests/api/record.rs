//! The verdict record: a verified or published claim changes only by a correction, from every edge
//! (pages, bulk, the API); the verdict scale never re-rates a settled verdict; a published claim
//! stays public while it is corrected and its correction is then on record (page, ClaimReview,
//! the team's corrections log and its Atom feed); a blind review's proposed verdict is sealed from
//! the second reviewer in every view (claim page, history, queue column, verdict filter, CSV on the
//! web and the command line, API list and claim, dashboard, a stale change's 409).

use claimdesk::domain::Role;
use serde_json::{json, Value};

use crate::api::{get_json, member_with_token, post_json, send_json};
use crate::both_backends;
use crate::helpers::{browser, spawn_app, Backend, TestApp};
use crate::public::{json_ld_of, published_claim};
use crate::review::{
    accept_all, act, claim_ids, first_claim, post_article, proposed_blind, second_review,
    version_in,
};

/// An article of its own, for a second claim in a team that already has the usual one.
const OTHER_ARTICLE: &str = "Budget Review\n\nThe ministry said the coast guard budget grew by 12 percent to $45 million this year, the largest rise in a decade.";

both_backends!(
    a_published_verdict_changes_only_by_a_correction_from_every_edge,
    a_verified_claim_is_published_as_it_was_approved,
    the_scale_never_rerates_a_settled_verdict,
    a_published_verdict_stays_public_while_it_is_corrected,
    a_blind_verdict_is_sealed_from_the_second_reviewer_everywhere,
    bulk_steps_take_the_same_rules_as_the_claim_page,
);

/// Posts `fields` (with the member's CSRF token and the claim's current version) to `path`;
/// returns the status and body.
async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    claim: i64,
    path: &str,
    fields: &[(&str, &str)],
) -> (u16, String) {
    let page = app.get_html(client, &format!("/claims/{claim}")).await;
    let version = version_in(&page);
    let csrf = app.csrf_of(client).await;
    let mut all = vec![("csrf_token", csrf.as_str()), ("version", version.as_str())];
    all.extend_from_slice(fields);
    let response = app.post_form(client, path, &all).await;
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

/// What the public sees of a claim: its page's main text and its ClaimReview.
async fn public_record(app: &TestApp, claim: i64) -> (u16, String, Value) {
    let page = app.get(&browser(), &format!("/verdicts/{claim}")).await;
    let status = page.status().as_u16();
    let html = page.text().await.unwrap();
    let review: Value = app
        .get(&browser(), &format!("/claims/{claim}/claimreview.json"))
        .await
        .json()
        .await
        .unwrap_or(Value::Null);
    (status, html, review)
}

async fn claim_version(app: &TestApp, claim: i64) -> i64 {
    app.with_db(move |conn| {
        use claimdesk::db::schema::claims;
        use diesel::prelude::*;
        claims::table
            .find(claim)
            .select(claims::version)
            .first::<i64>(conn)
            .unwrap()
    })
    .await
}

async fn citation_of(app: &TestApp, claim: i64) -> Option<i64> {
    app.with_db(move |conn| {
        use claimdesk::db::schema::citations;
        use diesel::prelude::*;
        citations::table
            .filter(citations::claim_id.eq(claim))
            .select(citations::id)
            .first::<i64>(conn)
            .optional()
            .unwrap()
    })
    .await
}

async fn team_id(app: &TestApp, name: &str) -> i64 {
    let name = name.to_owned();
    app.with_db(move |conn| {
        use claimdesk::db::schema::teams;
        use diesel::prelude::*;
        teams::table
            .filter(teams::name.eq(name))
            .select(teams::id)
            .first::<i64>(conn)
            .unwrap()
    })
    .await
}

const CITATION: [(&str, &str); 4] = [
    ("url", "https://navy.example.org/release"),
    ("title", "Navy release"),
    ("stance", "supports"),
    ("excerpt", "1,180 sailors"),
];

async fn a_published_verdict_changes_only_by_a_correction_from_every_edge(backend: Backend) {
    let app = spawn_app(backend).await;
    let (claim, e) = published_claim(&app).await;
    let (reviewer, r, token) = member_with_token(&app, "Harbor Desk", Role::Reviewer).await;
    let (_, _, editor_token) = member_with_token(&app, "Harbor Desk", Role::Editor).await;
    // A citation from before it was settled, to try to change.
    app.with_db(move |conn| {
        use claimdesk::db::schema::{citations, claims};
        use diesel::prelude::*;
        let team: i64 = claims::table
            .find(claim)
            .select(claims::team_id)
            .first(conn)
            .unwrap();
        diesel::insert_into(citations::table)
            .values((
                citations::team_id.eq(team),
                citations::claim_id.eq(claim),
                citations::url.eq("https://navy.example.org/old"),
                citations::title.eq("Old release"),
                citations::stance.eq("supports"),
                citations::created_by.eq(1),
                citations::created_at.eq(claimdesk::db::now()),
            ))
            .execute(conn)
            .unwrap();
    })
    .await;
    let citation = citation_of(&app, claim).await.unwrap();
    let before = public_record(&app, claim).await;
    assert_eq!(before.0, 200);
    let version = claim_version(&app, claim).await;

    // Pages: the reviewer and the editor, statement and every citation change.
    for client in [&r, &e] {
        for (path, fields) in [
            (
                format!("/claims/{claim}/edit"),
                vec![("statement", "The navy sent 5,000 sailors.")],
            ),
            (format!("/claims/{claim}/citations"), CITATION.to_vec()),
            (
                format!("/claims/{claim}/citations/{citation}"),
                CITATION.to_vec(),
            ),
            (
                format!("/claims/{claim}/citations/{citation}/delete"),
                vec![],
            ),
        ] {
            let (status, body) = post(&app, client, claim, &path, &fields).await;
            assert_eq!(status, 409, "{path}: {body}");
            assert!(body.contains("reopen it as a correction"), "{path}: {body}");
        }
    }
    // A forged edit carrying a status or a verdict changes nothing either.
    let (status, _) = post(
        &app,
        &r,
        claim,
        &format!("/claims/{claim}/edit"),
        &[
            ("statement", "Forged"),
            ("status", "in_review"),
            ("verdict_id", "1"),
        ],
    )
    .await;
    assert_eq!(status, 409);
    // The API, as the reviewer and as an editor.
    for token in [&token, &editor_token] {
        let (status, body) = post_json(
            &app,
            token,
            &format!("/api/v1/claims/{claim}/citations"),
            json!({"url": "https://navy.example.org/x", "title": "X", "stance": "refutes"}),
        )
        .await;
        assert_eq!(status, 409, "{body}");
        assert_eq!(body["error"]["code"], "correction_required");
        let (status, body) = send_json(
            &app,
            token,
            reqwest::Method::DELETE,
            &format!("/api/v1/claims/{claim}/citations/{citation}"),
            &Value::Null,
        )
        .await;
        assert_eq!(status, 409, "{body}");
        assert_eq!(body["error"]["code"], "correction_required");
    }
    assert_eq!(claim_version(&app, claim).await, version, "nothing written");
    assert_eq!(citation_of(&app, claim).await, Some(citation));
    let after = public_record(&app, claim).await;
    assert_eq!(after.1, before.1, "the public page did not change");
    assert_eq!(after.2, before.2, "the ClaimReview did not change");

    // Comments, tags and assignment stay open.
    let csrf = app.csrf_of(&r).await;
    for (path, fields) in [
        (
            format!("/claims/{claim}/comments"),
            vec![("csrf_token", csrf.as_str()), ("body", "Still true today.")],
        ),
        (
            format!("/claims/{claim}/tags"),
            vec![("csrf_token", csrf.as_str()), ("tag", "navy")],
        ),
    ] {
        assert_eq!(app.post_form(&r, &path, &fields).await.status(), 303);
    }
    let (status, _) = post(
        &app,
        &r,
        claim,
        &format!("/claims/{claim}/assign"),
        &[("assignee", "me")],
    )
    .await;
    assert_eq!(status, 303);
    let page = app.get_html(&r, &format!("/claims/{claim}")).await;
    assert!(page.contains(&format!("Assignee</dt><dd>{}", reviewer.name)));
    assert!(
        !page.contains(&format!("action=\"/claims/{claim}/edit\""))
            && !page.contains(&format!("action=\"/claims/{claim}/citations\"")),
        "the claim page offers no direct edit of a settled record"
    );
    assert!(page.contains("change only through a correction"));
}

async fn a_verified_claim_is_published_as_it_was_approved(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let editor = app.add_member("Desk", Role::Editor).await;
    let r = app.signed_in(&reviewer).await;
    let e = app.signed_in(&editor).await;
    let claim = first_claim(&app, &r).await;
    let statement_before = app.get_html(&r, &format!("/claims/{claim}")).await;
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
                ("verdict", "true"),
                ("rationale", "The release says so.")
            ]
        )
        .await,
        303
    );
    assert_eq!(act(&app, &e, claim, &[("action", "approve")]).await, 303);
    let (status, _) = post(
        &app,
        &e,
        claim,
        &format!("/claims/{claim}/edit"),
        &[("statement", "REWORDED AFTER APPROVAL")],
    )
    .await;
    assert_eq!(status, 409, "an editor cannot reword a verified claim");
    assert_eq!(act(&app, &e, claim, &[("action", "publish")]).await, 303);
    let (status, page, review) = public_record(&app, claim).await;
    assert_eq!(status, 200);
    assert!(!page.contains("REWORDED AFTER APPROVAL"));
    assert!(!statement_before.is_empty());
    assert_eq!(review["reviewRating"]["alternateName"], "True");
}

async fn the_scale_never_rerates_a_settled_verdict(backend: Backend) {
    let app = spawn_app(backend).await;
    let (claim, _) = published_claim(&app).await;
    let admin = app.add_member("Harbor Desk", Role::Admin).await;
    let a = app.signed_in(&admin).await;
    let verdict_id = |key: &'static str| {
        let app = &app;
        async move {
            app.with_db(move |conn| {
                use claimdesk::db::schema::{teams, verdicts};
                use diesel::prelude::*;
                verdicts::table
                    .inner_join(teams::table)
                    .filter(teams::name.eq("Harbor Desk"))
                    .filter(verdicts::key.eq(key))
                    .select(verdicts::id)
                    .first::<i64>(conn)
                    .unwrap()
            })
            .await
        }
    };
    let mostly_true = verdict_id("mostly_true").await;
    let before = public_record(&app, claim).await;
    let csrf = app.csrf_of(&a).await;
    let retire = app
        .post_form(
            &a,
            &format!("/team/verdicts/{mostly_true}/retire"),
            &[("csrf_token", &csrf), ("replacement", "true")],
        )
        .await;
    assert_eq!(retire.status(), 409);
    let body = retire.text().await.unwrap();
    assert!(
        body.contains(&format!("#{claim}")),
        "names the claim: {body}"
    );
    let rerate = app
        .post_form(
            &a,
            &format!("/team/verdicts/{mostly_true}"),
            &[
                ("csrf_token", &csrf),
                ("label", "Mostly true"),
                ("rating", "5"),
            ],
        )
        .await;
    assert_eq!(rerate.status(), 409, "re-rating is refused too");
    // A new label is a change of wording the public record does not take until republished.
    let rename = app
        .post_form(
            &a,
            &format!("/team/verdicts/{mostly_true}"),
            &[
                ("csrf_token", &csrf),
                ("label", "Largely accurate"),
                ("rating", "4"),
            ],
        )
        .await;
    assert_eq!(rename.status(), 303);
    let after = public_record(&app, claim).await;
    assert_eq!(after.1, before.1, "the public page did not change");
    assert_eq!(after.2, before.2, "the ClaimReview did not change");
    assert_eq!(after.2["reviewRating"]["ratingValue"], 4);
    // A verdict only claims in the work carry still retires, moving them.
    let reviewer = app.add_member("Harbor Desk", Role::Reviewer).await;
    let r = app.signed_in(&reviewer).await;
    let article = post_article(&app, &r, "Budget", OTHER_ARTICLE).await;
    let other = claim_ids(&accept_all(&app, &r, &article).await)[0];
    assert_eq!(
        act(&app, &r, other, &[("action", "start_review")]).await,
        303
    );
    assert_eq!(
        act(
            &app,
            &r,
            other,
            &[
                ("action", "propose"),
                ("verdict", "mixed"),
                ("rationale", "Half of it.")
            ]
        )
        .await,
        303
    );
    let mixed = verdict_id("mixed").await;
    let retire = app
        .post_form(
            &a,
            &format!("/team/verdicts/{mixed}/retire"),
            &[("csrf_token", &csrf), ("replacement", "misleading")],
        )
        .await;
    assert_eq!(retire.status(), 303);
    let page = app.get_html(&r, &format!("/claims/{other}")).await;
    assert!(
        page.contains("verdict <strong>Misleading</strong>"),
        "{page}"
    );
}

async fn a_published_verdict_stays_public_while_it_is_corrected(backend: Backend) {
    let app = spawn_app(backend).await;
    let (claim, editor) = published_claim(&app).await;
    let before = public_record(&app, claim).await;
    assert_eq!(
        act(
            &app,
            &editor,
            claim,
            &[
                ("action", "reopen"),
                ("note", "The ministry revised its figure to 1,150.")
            ]
        )
        .await,
        303
    );
    let (status, page, review) = public_record(&app, claim).await;
    assert_eq!(status, 200, "still public while it is corrected");
    assert!(page.contains("Correction in progress"), "{page}");
    assert!(page.contains("Mostly true"));
    assert_eq!(review, before.2, "the ClaimReview stays as published");
    // The internal page says so too.
    let internal = app.get_html(&editor, &format!("/claims/{claim}")).await;
    assert!(internal.contains("The ministry revised its figure to 1,150."));

    let reviewer = app.add_member("Harbor Desk", Role::Reviewer).await;
    let r = app.signed_in(&reviewer).await;
    assert_eq!(
        act(
            &app,
            &r,
            claim,
            &[
                ("action", "propose"),
                ("verdict", "mixed"),
                ("rationale", "Revised figure checked.")
            ]
        )
        .await,
        303
    );
    assert_eq!(
        act(&app, &editor, claim, &[("action", "approve")]).await,
        303
    );
    assert_eq!(
        act(&app, &editor, claim, &[("action", "publish")]).await,
        303
    );
    let (status, page, review) = public_record(&app, claim).await;
    assert_eq!(status, 200);
    assert!(!page.contains("Correction in progress"));
    assert!(page.contains("The ministry revised its figure to 1,150."));
    assert!(
        page.contains("verdict changed from Mostly true to Mixed"),
        "{page}"
    );
    assert_eq!(review["reviewRating"]["ratingValue"], 3);
    assert_eq!(review["datePublished"], before.2["datePublished"]);
    assert!(review["dateModified"].as_str().is_some());
    assert_eq!(json_ld_of(&page)["reviewRating"]["alternateName"], "Mixed");
    // The team's corrections log, linked from the page, as HTML and Atom.
    let team = team_id(&app, "Harbor Desk").await;
    assert!(page.contains(&format!("href=\"/corrections/{team}\"")));
    let log = app
        .get_html(&browser(), &format!("/corrections/{team}"))
        .await;
    assert!(
        log.contains("Mostly true (4 of 5) → Mixed (3 of 5)"),
        "{log}"
    );
    assert!(log.contains("The ministry revised its figure to 1,150."));
    assert!(log.contains(&format!("/verdicts/{claim}")));
    let atom = app
        .get(&browser(), &format!("/corrections/{team}/feed.atom"))
        .await;
    assert_eq!(atom.status(), 200);
    assert!(atom.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/atom+xml"));
    let feed: atom_syndication::Feed = atom.text().await.unwrap().parse().unwrap();
    assert_eq!(feed.entries().len(), 1);
    let entry = &feed.entries()[0];
    assert!(entry.links()[0]
        .href()
        .ends_with(&format!("/verdicts/{claim}")));
    assert!(entry
        .summary()
        .unwrap()
        .as_str()
        .contains("Mostly true (4 of 5) → Mixed (3 of 5)"));
    // Another team's log is its own; a missing team's is a 404.
    assert_eq!(
        app.get(&browser(), "/corrections/987654").await.status(),
        404
    );
}

async fn a_blind_verdict_is_sealed_from_the_second_reviewer_everywhere(backend: Backend) {
    let app = spawn_app(backend).await;
    let proposer = app.add_member("Desk", Role::Reviewer).await;
    let p = app.signed_in(&proposer).await;
    let (_, s, token) = member_with_token(&app, "Desk", Role::Reviewer).await;
    let editor = app.add_member("Desk", Role::Editor).await;
    let e = app.signed_in(&editor).await;
    let claim = proposed_blind(&app, &p, "false").await;
    for viewer in [&s, &e] {
        // The claim page and its history.
        let page = app.get_html(viewer, &format!("/claims/{claim}")).await;
        assert!(page.contains("verdict hidden"));
        assert!(!page.contains("PROPOSER-RATIONALE"));
        assert!(
            !page.contains("(verdict: False)"),
            "the history is sealed too"
        );
        // The queue's column: the claim's row names no verdict.
        let queue = app.get_html(viewer, "/claims").await;
        let row = queue
            .split(&format!("data-claim=\"{claim}\""))
            .nth(1)
            .and_then(|rest| rest.split("</tr>").next())
            .expect("the claim is in the queue");
        assert!(!row.contains("False"), "{row}");
        // The verdict filter does not find it.
        let filtered = app.get_html(viewer, "/claims?verdict=false").await;
        assert!(!filtered.contains(&format!("data-claim=\"{claim}\"")));
        // The CSV.
        let csv = app
            .get(viewer, "/export/claims.csv")
            .await
            .text()
            .await
            .unwrap();
        let line = csv
            .lines()
            .find(|l| l.starts_with(&format!("{claim},")))
            .unwrap();
        assert!(!line.contains("False") && !line.contains("PROPOSER-RATIONALE"));
        // The dashboard counts no sealed verdict.
        let dashboard = app.get_html(viewer, "/dashboard").await;
        assert!(
            dashboard.contains("<th scope=\"row\">False</th><td>0</td>"),
            "{dashboard}"
        );
    }
    // The proposer sees their own verdict everywhere.
    assert!(app
        .get_html(&p, "/claims?verdict=false")
        .await
        .contains(&format!("data-claim=\"{claim}\"")));
    // The API, list, filter and claim.
    let (status, list) = get_json(&app, &token, "/api/v1/claims").await;
    assert_eq!(status, 200);
    let listed = list["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == claim)
        .unwrap();
    assert!(listed["verdict"].is_null());
    let (_, filtered) = get_json(&app, &token, "/api/v1/claims?verdict=false").await;
    assert!(filtered["claims"].as_array().unwrap().is_empty());
    let (_, one) = get_json(&app, &token, &format!("/api/v1/claims/{claim}")).await;
    assert!(
        one["verdict"].is_null() && one["rationale"].is_null(),
        "{one}"
    );
    // A stale change's 409 lists what changed without the sealed verdict.
    let page = app.get_html(&s, &format!("/claims/{claim}")).await;
    let stale = (version_in(&page).parse::<i64>().unwrap() - 1).to_string();
    let csrf = app.csrf_of(&s).await;
    let response = app
        .post_form(
            &s,
            &format!("/claims/{claim}/assign"),
            &[
                ("csrf_token", csrf.as_str()),
                ("version", stale.as_str()),
                ("assignee", "me"),
            ],
        )
        .await;
    assert_eq!(response.status(), 409);
    let body = response.text().await.unwrap();
    assert!(
        body.contains("verdict sealed") && !body.contains("False"),
        "{body}"
    );
    // The command line acts for nobody: sealed.
    let url = match &app.database {
        claimdesk::config::DatabaseUrl::Sqlite(path) => path.display().to_string(),
        claimdesk::config::DatabaseUrl::Postgres(url) => url.clone(),
    };
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .args(["export", "--team", "Desk"])
        .env("DATABASE_URL", url.as_str())
        .env("RUST_LOG", "error")
        .output()
        .unwrap();
    assert!(output.status.success());
    let csv = String::from_utf8_lossy(&output.stdout);
    assert!(!csv.contains("PROPOSER-RATIONALE") && !csv.contains(",False,"));
    // Once the second review is in, the seal lifts.
    assert_eq!(
        second_review(&app, &s, claim, "false", "Agrees.").await,
        303
    );
    let (_, one) = get_json(&app, &token, &format!("/api/v1/claims/{claim}")).await;
    assert_eq!(one["verdict"]["key"], "false");
    assert!(app
        .get_html(&s, "/claims?verdict=false")
        .await
        .contains(&format!("data-claim=\"{claim}\"")));
}

async fn bulk_steps_take_the_same_rules_as_the_claim_page(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let editor = app.add_member("Desk", Role::Editor).await;
    let r = app.signed_in(&reviewer).await;
    let e = app.signed_in(&editor).await;
    let first = first_claim(&app, &r).await;
    let ids = crate::review::claim_ids(&app.get_html(&r, "/claims?sort=oldest").await);
    let second = *ids.iter().find(|id| **id != first).unwrap();
    for claim in [first, second] {
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
                    ("verdict", "true"),
                    ("rationale", "Checked.")
                ]
            )
            .await,
            303
        );
        assert_eq!(act(&app, &e, claim, &[("action", "approve")]).await, 303);
    }
    let selection = |html: &str| -> Vec<String> {
        html.split("name=\"claim\" value=\"")
            .skip(1)
            .filter_map(|p| p.split('"').next())
            .map(str::to_owned)
            .collect()
    };
    let queue = app.get_html(&e, "/claims?status=verified").await;
    let picked = selection(&queue);
    assert_eq!(picked.len(), 2);
    let csrf = app.csrf_of(&e).await;
    let mut fields = vec![("csrf_token", csrf.as_str()), ("action", "publish")];
    fields.extend(picked.iter().map(|p| ("claim", p.as_str())));
    // First the preview: what goes public, nothing published yet.
    let preview = app.post_form(&e, "/claims/bulk", &fields).await;
    assert_eq!(preview.status(), 200);
    let preview = preview.text().await.unwrap();
    assert!(
        preview.contains("id=\"confirm-bulk-publish\"")
            && preview.contains("<strong>True</strong>"),
        "{preview}"
    );
    for claim in [first, second] {
        assert_eq!(
            public_record(&app, claim).await.0,
            404,
            "a preview publishes nothing"
        );
    }
    fields.push(("confirm", "1"));
    assert_eq!(
        app.post_form(&e, "/claims/bulk", &fields).await.status(),
        200
    );
    for claim in [first, second] {
        let (status, _, review) = public_record(&app, claim).await;
        assert_eq!(status, 200, "bulk publishing freezes each record");
        assert_eq!(review["reviewRating"]["alternateName"], "True");
    }
    // Forged bulk actions: a correction needs its note, a proposal its verdict and rationale.
    for action in ["reopen", "propose"] {
        let mut fields = vec![("csrf_token", csrf.as_str()), ("action", action)];
        fields.extend(picked.iter().map(|p| ("claim", p.as_str())));
        assert_eq!(
            app.post_form(&e, "/claims/bulk", &fields).await.status(),
            400,
            "{action}"
        );
    }
}
