//! Deleting an article: editors only, in their own team; refused while one of its claims is
//! settled (now or once), awaits approval, or appears in another article; otherwise the article
//! goes with its candidates and claims in one transaction, with one line on the history.

use claimdesk::db::schema;
use claimdesk::domain::Role;
use diesel::prelude::*;

use super::{discard, id_of, snapshot, status_of, step, tab_counts, ARTICLE, OTHER_ARTICLE};
use crate::both_backends;
use crate::helpers::{spawn_app, Backend, TestApp};
use crate::review::{accept_all, claim_ids, post_article};

both_backends!(
    an_article_with_a_settled_or_awaiting_claim_is_not_deleted,
    an_article_is_deleted_with_its_unsettled_claims_on_record,
    only_editors_delete_articles_and_only_their_teams,
    an_article_whose_claim_appears_in_another_is_kept,
);

/// Deletes an article through its page's form; returns the response.
async fn delete_article(
    app: &TestApp,
    client: &reqwest::Client,
    article: &str,
) -> reqwest::Response {
    let csrf = app.csrf_of(client).await;
    app.post_form(
        client,
        &format!("{article}/delete"),
        &[("csrf_token", &csrf)],
    )
    .await
}

/// Takes `claim` to `to` ("awaiting_approval", "verified" or "published") through the workflow.
async fn settle(
    app: &TestApp,
    reviewer: &reqwest::Client,
    editor: &reqwest::Client,
    claim: i64,
    to: &str,
) {
    let propose = [
        ("action", "propose"),
        ("verdict", "mostly_true"),
        ("rationale", "The ministry's budget lists it."),
    ];
    let steps: &[(&reqwest::Client, &[(&str, &str)])] = &[
        (reviewer, &[("action", "start_review")]),
        (reviewer, &propose),
        (editor, &[("action", "approve")]),
        (editor, &[("action", "publish")]),
    ];
    let count = match to {
        "awaiting_approval" => 2,
        "verified" => 3,
        _ => 4,
    };
    for (client, fields) in &steps[..count] {
        assert_eq!(step(app, client, claim, fields).await, 303, "{fields:?}");
    }
    assert_eq!(status_of(app, claim).await.0, to);
}

async fn an_article_with_a_settled_or_awaiting_claim_is_not_deleted(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let editor = app.add_member("Desk", Role::Editor).await;
    let r = app.signed_in(&reviewer).await;
    let e = app.signed_in(&editor).await;
    let article = post_article(&app, &r, "Patrols", ARTICLE).await;
    let ids = claim_ids(&accept_all(&app, &r, &article).await);
    settle(&app, &r, &e, ids[0], "published").await;

    let before = snapshot(&app).await;
    let response = delete_article(&app, &e, &article).await;
    assert_eq!(response.status(), 409);
    let page = response.text().await.unwrap();
    assert!(
        page.contains(&format!(
            "1 of its claims is verified or published (#{})",
            ids[0]
        )),
        "{page}"
    );
    assert_eq!(snapshot(&app).await, before);
    // The article page says so instead of offering the form.
    let shown = app.get_html(&e, &article).await;
    assert!(shown.contains("id=\"delete-refused\""), "{shown}");
    assert!(!shown.contains("/delete\""));

    // Reopened as a correction, it was published once: still refused. So is a claim awaiting
    // approval, named with what to do.
    let reopen = [("action", "reopen"), ("note", "The total was wrong.")];
    assert_eq!(step(&app, &e, ids[0], &reopen).await, 303);
    settle(&app, &r, &e, ids[1], "awaiting_approval").await;
    let before = snapshot(&app).await;
    let response = delete_article(&app, &e, &article).await;
    assert_eq!(response.status(), 409);
    let page = response.text().await.unwrap();
    assert!(page.contains(&format!(
        "1 of its claims is verified or published (#{})",
        ids[0]
    )));
    assert!(
        page.contains(&format!("1 of its claims awaits approval (#{})", ids[1])),
        "{page}"
    );
    assert_eq!(snapshot(&app).await, before);
    assert_eq!(app.get(&e, &article).await.status(), 200);
}

async fn an_article_is_deleted_with_its_unsettled_claims_on_record(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let editor = app.add_member("Desk", Role::Editor).await;
    let r = app.signed_in(&reviewer).await;
    let e = app.signed_in(&editor).await;
    // Another article, whose claim one of the deleted article's candidates is attached to.
    let kept = post_article(&app, &r, "Harbor", OTHER_ARTICLE).await;
    let kept_claims = claim_ids(&accept_all(&app, &r, &kept).await);
    let article = post_article(&app, &r, "Patrols", ARTICLE).await;
    let (article_id, kept_claim) = (id_of(&article), kept_claims[0]);
    let pending = app
        .with_db(move |conn| {
            use schema::candidates;
            candidates::table
                .filter(candidates::article_id.eq(article_id))
                .order(candidates::score.asc())
                .select(candidates::id)
                .first::<i64>(conn)
                .unwrap()
        })
        .await;
    let csrf = app.csrf_of(&r).await;
    let attached = app
        .post_form(
            &r,
            &format!("{article}/candidates/{pending}/attach"),
            &[("csrf_token", &csrf), ("claim_id", &kept_claim.to_string())],
        )
        .await;
    assert_eq!(attached.status(), 303);
    let ids = claim_ids(&accept_all(&app, &r, &article).await);
    let ids: Vec<i64> = ids
        .into_iter()
        .filter(|id| !kept_claims.contains(id))
        .collect();
    assert!(ids.len() >= 3, "{ids:?}");
    // One in review with a citation, a comment and a tag; one discarded; the rest unverified.
    assert_eq!(
        step(&app, &r, ids[0], &[("action", "start_review")]).await,
        303
    );
    for (path, fields) in [
        (
            "citations",
            vec![
                ("url", "https://example.org/navy"),
                ("title", "Navy budget"),
                ("stance", "supports"),
            ],
        ),
        ("comments", vec![("body", "Asked the ministry.")]),
        ("tags", vec![("tag", "defence")]),
    ] {
        let mut all = vec![("csrf_token", csrf.as_str())];
        all.extend(fields);
        let response = app
            .post_form(&r, &format!("/claims/{}/{path}", ids[0]), &all)
            .await;
        assert_eq!(response.status(), 303, "{path}");
    }
    assert_eq!(discard(&app, &e, ids[1], "Photo credit").await, 303);
    let (events_before, claim_events) = app
        .with_db({
            let ids = ids.clone();
            move |conn| {
                use schema::events;
                let all = events::table.count().get_result::<i64>(conn).unwrap();
                let theirs = events::table
                    .filter(events::entity.eq("claim"))
                    .filter(events::entity_id.eq_any(ids))
                    .count()
                    .get_result::<i64>(conn)
                    .unwrap();
                (all, theirs)
            }
        })
        .await;

    // The page offers it behind a confirmation step that works without JavaScript.
    let shown = app.get_html(&e, &article).await;
    assert!(shown.contains("<details id=\"delete-details\">"), "{shown}");
    let response = delete_article(&app, &e, &article).await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        response.headers()["location"].to_str().unwrap(),
        "/articles?done=deleted"
    );
    let list = app.get_html(&e, "/articles?done=deleted").await;
    assert!(list.contains("The article was deleted"), "{list}");
    assert!(!list.contains("Patrols"));
    assert_eq!(app.get(&e, &article).await.status(), 404);
    for id in &ids {
        assert_eq!(app.get(&e, &format!("/claims/{id}")).await.status(), 404);
    }
    // The other article and its claim are untouched; the queue counts only what is left.
    assert_eq!(app.get(&e, &kept).await.status(), 200);
    let kept_page = app.get_html(&e, &format!("/claims/{kept_claim}")).await;
    assert!(kept_page.contains("candidate attached"), "{kept_page}");
    let queue = app.get_html(&e, "/claims").await;
    let left = kept_claims.len() as i64;
    assert_eq!(tab_counts(&queue), [left, left, 0, 0, 0, 0, 0]);

    // On record: one event for the deletion; the claims' own lines stay; the chain is whole.
    let (events_after, claim_events_after, line, children, verdict) = app
        .with_db({
            let ids = ids.clone();
            move |conn| {
                use schema::*;
                let all = events::table.count().get_result::<i64>(conn).unwrap();
                let theirs = events::table
                    .filter(events::entity.eq("claim"))
                    .filter(events::entity_id.eq_any(ids.clone()))
                    .count()
                    .get_result::<i64>(conn)
                    .unwrap();
                let line = events::table
                    .filter(events::action.eq("article_deleted"))
                    .select((
                        events::entity,
                        events::entity_id,
                        events::before_value,
                        events::after_value,
                    ))
                    .first::<(String, i64, Option<String>, Option<String>)>(conn)
                    .unwrap();
                let children = [
                    citations::table
                        .filter(citations::claim_id.eq_any(ids.clone()))
                        .count()
                        .get_result::<i64>(conn)
                        .unwrap(),
                    comments::table
                        .filter(comments::claim_id.eq_any(ids.clone()))
                        .count()
                        .get_result::<i64>(conn)
                        .unwrap(),
                    claim_tags::table
                        .filter(claim_tags::claim_id.eq_any(ids))
                        .count()
                        .get_result::<i64>(conn)
                        .unwrap(),
                    candidates::table
                        .filter(candidates::article_id.eq(article_id))
                        .count()
                        .get_result::<i64>(conn)
                        .unwrap(),
                ];
                let verdict = claimdesk::db::events::verify(conn).unwrap();
                (all, theirs, line, children, verdict)
            }
        })
        .await;
    assert_eq!(events_after, events_before + 1);
    assert_eq!(claim_events_after, claim_events);
    assert_eq!(line.0, "article");
    assert_eq!(line.1, article_id);
    assert_eq!(line.2.as_deref(), Some("Patrols"));
    let after = line.3.unwrap();
    let first = ids.iter().min().unwrap();
    assert!(
        after.starts_with(&format!("deleted with {} claims (#{first}", ids.len())),
        "{after}"
    );
    assert_eq!(children, [0, 0, 0, 0]);
    assert!(
        matches!(verdict, claimdesk::audit::Verdict::Intact { .. }),
        "{verdict:?}"
    );

    // A new article's claims never take a deleted claim's id (nor inherit its history).
    let again = post_article(&app, &r, "Patrols again", ARTICLE).await;
    assert_ne!(id_of(&again), article_id);
    let new_ids = claim_ids(&accept_all(&app, &r, &again).await);
    let newest_deleted = ids.iter().max().copied().unwrap();
    for id in new_ids.iter().filter(|id| !kept_claims.contains(id)) {
        assert!(*id > newest_deleted, "{id} reuses a deleted claim's id");
    }
}

async fn only_editors_delete_articles_and_only_their_teams(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let viewer = app.add_member("Desk", Role::Viewer).await;
    let admin = app.add_member("Desk", Role::Admin).await;
    let outsider = app.add_member("Other Desk", Role::Admin).await;
    let r = app.signed_in(&reviewer).await;
    let v = app.signed_in(&viewer).await;
    let a = app.signed_in(&admin).await;
    let o = app.signed_in(&outsider).await;
    let article = post_article(&app, &r, "Patrols", ARTICLE).await;
    accept_all(&app, &r, &article).await;
    let before = snapshot(&app).await;
    for client in [&r, &v] {
        assert!(!app.get_html(client, &article).await.contains("/delete\""));
        assert_eq!(delete_article(&app, client, &article).await.status(), 403);
        assert_eq!(snapshot(&app).await, before);
    }
    // Another team's article answers exactly like a missing one.
    let theirs = delete_article(&app, &o, &article).await;
    let missing = delete_article(&app, &o, "/articles/987654321").await;
    assert_eq!(theirs.status(), 404);
    assert_eq!(missing.status(), 404);
    assert_eq!(theirs.text().await.unwrap(), missing.text().await.unwrap());
    assert_eq!(snapshot(&app).await, before);
    // The admin may.
    assert!(app.get_html(&a, &article).await.contains("/delete\""));
    assert_eq!(delete_article(&app, &a, &article).await.status(), 303);
    assert_eq!(app.get(&a, &article).await.status(), 404);
}

async fn an_article_whose_claim_appears_in_another_is_kept(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let editor = app.add_member("Desk", Role::Editor).await;
    let r = app.signed_in(&reviewer).await;
    let e = app.signed_in(&editor).await;
    let first = post_article(&app, &r, "Patrols", ARTICLE).await;
    let claim = claim_ids(&accept_all(&app, &r, &first).await)[0];
    // A later article repeats it: its candidate is attached to the first article's claim.
    let later = post_article(&app, &r, "Harbor", OTHER_ARTICLE).await;
    let later_id = id_of(&later);
    let candidate = app
        .with_db(move |conn| {
            use schema::candidates;
            candidates::table
                .filter(candidates::article_id.eq(later_id))
                .select(candidates::id)
                .first::<i64>(conn)
                .unwrap()
        })
        .await;
    let csrf = app.csrf_of(&r).await;
    let attached = app
        .post_form(
            &r,
            &format!("{later}/candidates/{candidate}/attach"),
            &[("csrf_token", &csrf), ("claim_id", &claim.to_string())],
        )
        .await;
    assert_eq!(attached.status(), 303);

    let before = snapshot(&app).await;
    let response = delete_article(&app, &e, &first).await;
    assert_eq!(response.status(), 409);
    let page = response.text().await.unwrap();
    assert!(
        page.contains(&format!(
            "1 of its claims also appears in another article (#{claim})"
        )),
        "{page}"
    );
    assert_eq!(snapshot(&app).await, before);
    // The later article goes, and its attached candidate with it; the claim stays.
    assert_eq!(delete_article(&app, &e, &later).await.status(), 303);
    assert_eq!(app.get(&e, &format!("/claims/{claim}")).await.status(), 200);
    assert_eq!(delete_article(&app, &e, &first).await.status(), 303);
    assert_eq!(app.get(&e, &format!("/claims/{claim}")).await.status(), 404);
}
