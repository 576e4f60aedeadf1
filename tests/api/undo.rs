//! Undo and clean-up: a claim discarded as not check-worthy (editors, with a reason; out of the
//! default queue and its counts, kept in the history and the exports, restorable), here; an article
//! deleted with its unsettled claims (editors; refused while a claim is settled, awaits approval or
//! appears in another article), in `delete`. The helpers below serve both.

mod delete;

use claimdesk::db::schema;
use claimdesk::domain::Role;
use diesel::prelude::*;

use crate::both_backends;
use crate::helpers::{spawn_app, Backend, TestApp};
use crate::review::{accept_all, claim_ids, post_article};

both_backends!(
    discarding_needs_a_reason_and_an_editor_and_writes_nothing_otherwise,
    a_settled_verdict_is_corrected_never_discarded,
    a_discarded_claim_leaves_the_queue_and_its_counts_until_restored,
    a_discarded_claim_stays_in_the_export_with_its_status_and_is_never_public,
);

pub(crate) const ARTICLE: &str = "Coastal Guard Expands Patrols\n\nThe navy said on Monday it would send two frigates and more than 1,200 sailors to the northern strait. Officials doubled the patrol budget to $80 million (about 104 billion won), according to the ministry. The fleet has 35 ships in total.";

pub(crate) const OTHER_ARTICLE: &str = "Harbor Budget Grows\n\nThe port authority said it will hire 240 dockworkers and buy 12 cranes this year. Cargo volume rose 18 percent to 4.5 million tonnes, the mayor said.";

/// What a refused request must leave as it was: the claim's status, version and reason, and
/// every row count that a discard or a deletion could change.
pub(crate) async fn snapshot(app: &TestApp) -> String {
    app.with_db(|conn| {
        use schema::*;
        let claims = claims::table
            .select((
                claims::id,
                claims::status,
                claims::version,
                claims::discard_reason,
            ))
            .order(claims::id)
            .load::<(i64, String, i64, Option<String>)>(conn)
            .unwrap();
        let counts = claim_counts::table
            .select((claim_counts::team_id, claim_counts::status, claim_counts::n))
            .order((claim_counts::team_id, claim_counts::status))
            .load::<(i64, String, i64)>(conn)
            .unwrap();
        let rows = [
            articles::table.count().get_result::<i64>(conn).unwrap(),
            candidates::table.count().get_result::<i64>(conn).unwrap(),
            citations::table.count().get_result::<i64>(conn).unwrap(),
            comments::table.count().get_result::<i64>(conn).unwrap(),
            claim_tags::table.count().get_result::<i64>(conn).unwrap(),
            events::table.count().get_result::<i64>(conn).unwrap(),
        ];
        format!("{claims:?}\n{counts:?}\n{rows:?}")
    })
    .await
}

/// (status, discard reason) of a claim.
pub(crate) async fn status_of(app: &TestApp, claim: i64) -> (String, Option<String>) {
    app.with_db(move |conn| {
        schema::claims::table
            .find(claim)
            .select((schema::claims::status, schema::claims::discard_reason))
            .first(conn)
            .unwrap()
    })
    .await
}

/// The counts of the queue's tabs: All, the five statuses of the work, Discarded.
pub(crate) fn tab_counts(page: &str) -> Vec<i64> {
    page.split("<span class=\"count\">")
        .skip(1)
        .filter_map(|rest| rest.split('<').next()?.trim().parse().ok())
        .collect()
}

/// Takes a workflow step on the claim page's form as `client`, at the claim's current version;
/// returns the status code.
pub(crate) async fn step(
    app: &TestApp,
    client: &reqwest::Client,
    claim: i64,
    fields: &[(&str, &str)],
) -> u16 {
    if crate::review::proposes(fields) {
        crate::review::cite_once(app, client, claim).await;
    }
    let version = app
        .with_db(move |conn| {
            schema::claims::table
                .find(claim)
                .select(schema::claims::version)
                .first::<i64>(conn)
                .unwrap()
        })
        .await
        .to_string();
    let csrf = app.csrf_of(client).await;
    let mut all = vec![("csrf_token", csrf.as_str()), ("version", version.as_str())];
    all.extend_from_slice(fields);
    app.post_form(client, &format!("/claims/{claim}/transition"), &all)
        .await
        .status()
        .as_u16()
}

pub(crate) async fn discard(
    app: &TestApp,
    client: &reqwest::Client,
    claim: i64,
    reason: &str,
) -> u16 {
    step(
        app,
        client,
        claim,
        &[("action", "discard"), ("reason", reason)],
    )
    .await
}

pub(crate) fn id_of(article: &str) -> i64 {
    article
        .trim_start_matches("/articles/")
        .split(['?', '#'])
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

async fn discarding_needs_a_reason_and_an_editor_and_writes_nothing_otherwise(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let editor = app.add_member("Desk", Role::Editor).await;
    let viewer = app.add_member("Desk", Role::Viewer).await;
    let admin = app.add_member("Desk", Role::Admin).await;
    let r = app.signed_in(&reviewer).await;
    let e = app.signed_in(&editor).await;
    let v = app.signed_in(&viewer).await;
    let a = app.signed_in(&admin).await;
    let article = post_article(&app, &r, "Patrols", ARTICLE).await;
    let claim = claim_ids(&accept_all(&app, &r, &article).await)[0];
    let before = snapshot(&app).await;

    // No reason, a blank one, two lines, too long: refused naming the field, nothing written.
    let too_long = "x".repeat(501);
    for reason in ["", "   ", "not\ncheck-worthy", too_long.as_str()] {
        let status = discard(&app, &e, claim, reason).await;
        assert!(matches!(status, 400 | 422), "{reason:?}: {status}");
        assert_eq!(snapshot(&app).await, before, "{reason:?}");
    }
    // Reviewers and viewers may not discard (editors and admins may), whatever the reason.
    for client in [&r, &v] {
        assert_eq!(discard(&app, client, claim, "A byline date").await, 403);
        assert_eq!(snapshot(&app).await, before);
    }
    // The page offers the form to editors only.
    let page = app.get_html(&r, &format!("/claims/{claim}")).await;
    assert!(!page.contains("name=\"reason\""), "{page}");
    let page = app.get_html(&e, &format!("/claims/{claim}")).await;
    assert!(page.contains("id=\"discard-details\""), "{page}");

    assert_eq!(
        discard(&app, &e, claim, "  A byline date, not a claim  ").await,
        303
    );
    assert_eq!(
        status_of(&app, claim).await,
        (
            "discarded".to_owned(),
            Some("A byline date, not a claim".to_owned())
        )
    );
    // Discarded: a banner with the reason for everyone, the Restore button for editors.
    let page = app.get_html(&r, &format!("/claims/{claim}")).await;
    assert!(
        page.contains("Discarded: A byline date, not a claim"),
        "{page}"
    );
    assert!(!page.contains("value=\"restore\""));
    let page = app.get_html(&e, &format!("/claims/{claim}")).await;
    assert!(page.contains("value=\"restore\""), "{page}");
    // Discarding it again is not a step from "discarded"; nor is reviewing it.
    let before = snapshot(&app).await;
    assert_eq!(discard(&app, &e, claim, "Again").await, 409);
    assert_eq!(
        step(&app, &r, claim, &[("action", "start_review")]).await,
        409
    );
    assert_eq!(step(&app, &r, claim, &[("action", "restore")]).await, 403);
    assert_eq!(snapshot(&app).await, before);

    // An admin restores it: unverified again, the reason gone from the row, both on record.
    assert_eq!(step(&app, &a, claim, &[("action", "restore")]).await, 303);
    assert_eq!(
        status_of(&app, claim).await,
        ("unverified".to_owned(), None)
    );
    let page = app.get_html(&r, &format!("/claims/{claim}")).await;
    assert!(!page.contains("id=\"discarded\""));
    let history = &page[page.find("id=\"history\"").unwrap()..];
    assert!(
        history.contains("(was unverified) → discarded (reason: A byline date, not a claim)"),
        "{history}"
    );
    assert!(
        history.contains("(was discarded (reason: A byline date, not a claim)) → unverified"),
        "{history}"
    );
    assert!(history.contains(&editor.name) && history.contains(&admin.name));
}

async fn a_settled_verdict_is_corrected_never_discarded(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let editor = app.add_member("Desk", Role::Editor).await;
    let r = app.signed_in(&reviewer).await;
    let e = app.signed_in(&editor).await;
    let article = post_article(&app, &r, "Patrols", ARTICLE).await;
    let ids = claim_ids(&accept_all(&app, &r, &article).await);
    let (claim, waiting) = (ids[0], ids[1]);
    for id in [claim, waiting] {
        assert_eq!(step(&app, &r, id, &[("action", "start_review")]).await, 303);
        let propose = [
            ("action", "propose"),
            ("verdict", "true"),
            ("rationale", "The ministry's figures say so."),
        ];
        assert_eq!(step(&app, &r, id, &propose).await, 303);
    }
    assert_eq!(step(&app, &e, claim, &[("action", "approve")]).await, 303);
    // Verified, then published: refused (409) and nothing written.
    for next in ["publish", "reopen"] {
        let before = snapshot(&app).await;
        assert_eq!(discard(&app, &e, claim, "Not worth it").await, 409);
        assert_eq!(snapshot(&app).await, before);
        let fields = [("action", next), ("note", "The budget was $70 million.")];
        assert_eq!(step(&app, &e, claim, &fields).await, 303);
    }
    // Reopened as a correction it is in review again, yet its verdict was on the record.
    assert_eq!(status_of(&app, claim).await.0, "in_review");
    let page = app.get_html(&e, &format!("/claims/{claim}")).await;
    assert!(!page.contains("id=\"discard-details\""), "{page}");
    let before = snapshot(&app).await;
    assert_eq!(discard(&app, &e, claim, "Not worth it").await, 409);
    assert_eq!(snapshot(&app).await, before);
    // A proposed verdict still awaiting approval is not settled: it can go.
    assert_eq!(discard(&app, &e, waiting, "A duplicate of #1").await, 303);
    assert_eq!(status_of(&app, waiting).await.0, "discarded");
}

async fn a_discarded_claim_leaves_the_queue_and_its_counts_until_restored(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let editor = app.add_member("Desk", Role::Editor).await;
    let r = app.signed_in(&reviewer).await;
    let e = app.signed_in(&editor).await;
    let article = post_article(&app, &r, "Patrols", ARTICLE).await;
    let ids = claim_ids(&accept_all(&app, &r, &article).await);
    let n = ids.len() as i64;
    assert!(n >= 3, "{ids:?}");
    let gone = ids[0];
    assert_eq!(
        tab_counts(&app.get_html(&r, "/claims").await),
        [n, n, 0, 0, 0, 0, 0]
    );

    assert_eq!(discard(&app, &e, gone, "Photo credit").await, 303);
    // Out of the default queue, its "All" and its status counts; under its own tab.
    let queue = app.get_html(&r, "/claims").await;
    assert!(!claim_ids(&queue).contains(&gone), "{queue}");
    assert_eq!(claim_ids(&queue).len() as i64, n - 1);
    assert_eq!(tab_counts(&queue), [n - 1, n - 1, 0, 0, 0, 0, 1]);
    // Listed when asked for, and only then.
    let discarded = app.get_html(&r, "/claims?status=discarded").await;
    assert_eq!(claim_ids(&discarded), [gone]);
    assert!(discarded.contains("<span class=\"status discarded\">Discarded</span>"));
    let unverified = app.get_html(&r, "/claims?status=unverified").await;
    assert!(!claim_ids(&unverified).contains(&gone));
    // A narrowed queue (an article, a search) leaves it out too.
    let of_article = app
        .get_html(&r, &format!("/claims?article={}", id_of(&article)))
        .await;
    assert!(!claim_ids(&of_article).contains(&gone));
    // The article list and the dashboard count the work only.
    let articles = app.get_html(&r, "/articles").await;
    assert!(!articles.contains(">Discarded<"), "{articles}");
    let dashboard = app.get_html(&r, "/dashboard").await;
    assert!(
        dashboard.contains(&format!("{} claims created from", n - 1)),
        "{dashboard}"
    );
    assert!(dashboard.contains(&format!(
        "<th scope=\"row\">Unverified</th><td>{}</td>",
        n - 1
    )));
    // Its page still opens.
    let page = app.get(&r, &format!("/claims/{gone}")).await;
    assert_eq!(page.status(), 200);

    assert_eq!(step(&app, &e, gone, &[("action", "restore")]).await, 303);
    let queue = app.get_html(&r, "/claims").await;
    assert!(claim_ids(&queue).contains(&gone));
    assert_eq!(tab_counts(&queue), [n, n, 0, 0, 0, 0, 0]);
    // The counter rows agree with a count of the claims.
    let (counted, kept) = app
        .with_db(|conn| {
            use schema::{claim_counts, claims};
            let counted = claims::table
                .group_by(claims::status)
                .select((claims::status, diesel::dsl::count_star()))
                .load::<(String, i64)>(conn)
                .unwrap();
            let kept = claim_counts::table
                .filter(claim_counts::n.gt(0))
                .select((claim_counts::status, claim_counts::n))
                .load::<(String, i64)>(conn)
                .unwrap();
            (counted, kept)
        })
        .await;
    assert_eq!(counted, kept);
}

async fn a_discarded_claim_stays_in_the_export_with_its_status_and_is_never_public(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let editor = app.add_member("Desk", Role::Editor).await;
    let r = app.signed_in(&reviewer).await;
    let e = app.signed_in(&editor).await;
    let article = post_article(&app, &r, "Patrols", ARTICLE).await;
    let ids = claim_ids(&accept_all(&app, &r, &article).await);
    let gone = ids[0];
    assert_eq!(discard(&app, &e, gone, "Not check-worthy").await, 303);

    // (claim id, status) of every row of an export.
    let rows = |csv: String| {
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
        let (id, status) = (at("claim_id"), at("status"));
        reader
            .records()
            .map(|record| {
                let record = record.unwrap();
                (
                    record[id].parse::<i64>().unwrap(),
                    record[status].to_owned(),
                )
            })
            .collect::<Vec<_>>()
    };
    let everything = rows(app.get_html(&r, "/export/claims.csv").await);
    assert_eq!(everything.len(), ids.len(), "{everything:?}");
    assert!(everything.contains(&(gone, "discarded".to_owned())));
    let only = rows(
        app.get_html(&r, "/export/claims.csv?status=discarded")
            .await,
    );
    assert_eq!(only, [(gone, "discarded".to_owned())]);
    // Never public, like any claim never published.
    let visitor = crate::helpers::browser();
    for path in [
        format!("/verdicts/{gone}"),
        format!("/claims/{gone}/claimreview.json"),
    ] {
        assert_eq!(app.get(&visitor, &path).await.status(), 404, "{path}");
    }
}
