//! Triage that scales: an article's candidates come pending first and best first, a page at a
//! time, with one part of the body; "reject the rest" and "restore" undo and clean up; the page's
//! script gets JSON answers, and without it every form still works.

use claimdesk::domain::Role;

use crate::both_backends;
use crate::helpers::{spawn_app, Backend, TestApp};
use crate::review::post_article;

both_backends!(
    candidates_come_pending_first_best_first_a_page_at_a_time,
    rejecting_the_rest_and_restoring_are_on_record,
    the_pages_script_gets_json_and_forms_keep_the_listing,
    a_long_article_is_shown_a_part_at_a_time,
    merging_is_a_choice_never_a_default,
);

/// An article with `n` sentences, each with a number: alternately a check-worthy figure with a
/// subject and a bare count, so the scores differ.
fn many_numbers(n: usize) -> String {
    let mut body = String::from("Harbour Report\n\n");
    for i in 0..n {
        if i % 2 == 0 {
            body.push_str(&format!(
                "The ministry said the port handled {} tonnes of cargo in week {}. ",
                10_000 + i * 37,
                i + 1
            ));
        } else {
            body.push_str(&format!("Crane {} was repainted. ", i + 3));
        }
        if i % 10 == 9 {
            body.push_str("\n\n");
        }
    }
    body
}

/// (candidate id, score, state) of each row of an article page, in page order.
fn rows(html: &str) -> Vec<(i64, f64, String)> {
    html.split("<tr id=\"candidate-")
        .skip(1)
        .map(|row| {
            let id = row.split('"').next().unwrap().parse().unwrap();
            let state_at = row.find("<td class=\"candidate-state\">").unwrap();
            let score_cell = row[..state_at].rfind("<td>").unwrap();
            let score = row[score_cell + 4..state_at]
                .split('<')
                .next()
                .unwrap()
                .parse()
                .unwrap();
            let state = row[state_at + 28..]
                .split(['<', ' '])
                .next()
                .unwrap()
                .to_owned();
            (id, score, state)
        })
        .collect()
}

async fn signed_in_reviewer(app: &TestApp) -> reqwest::Client {
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    app.signed_in(&reviewer).await
}

async fn candidates_come_pending_first_best_first_a_page_at_a_time(backend: Backend) {
    let app = spawn_app(backend).await;
    let r = signed_in_reviewer(&app).await;
    let article = post_article(&app, &r, "Cargo", &many_numbers(120)).await;
    let first = app.get_html(&r, &article).await;
    let page_one = rows(&first);
    assert_eq!(page_one.len(), 50, "a page lists 50 candidates");
    assert!(first.contains("Page 1 of"), "a pager");
    for pair in page_one.windows(2) {
        assert!(pair[0].1 >= pair[1].1, "best first: {pair:?}");
    }
    let second = app
        .get_html(&r, &format!("{article}?show=all&page=2"))
        .await;
    let page_two = rows(&second);
    assert!(!page_two.is_empty());
    assert!(
        page_one.last().unwrap().1 >= page_two[0].1,
        "pages continue"
    );
    assert!(page_two.iter().all(|row| !page_one.contains(row)));
    // Triaged candidates go after the pending ones, and out of the pending listing.
    let best = page_one[0].0;
    let csrf = app.csrf_of(&r).await;
    let response = app
        .post_form(
            &r,
            &format!("{article}/candidates/{best}/reject"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(response.status(), 303);
    let again = rows(&app.get_html(&r, &article).await);
    assert_ne!(again[0].0, best, "a rejected candidate leaves the top");
    assert!(again.iter().all(|(_, _, state)| state == "pending"));
    let pending_only = app.get_html(&r, &format!("{article}?show=pending")).await;
    assert!(!rows(&pending_only).iter().any(|(id, _, _)| *id == best));
    // A page or a listing that does not exist is a bad request, not a guess.
    for bad in ["?page=0", "?page=two", "?show=some", "?part=-1"] {
        let response = app.get(&r, &format!("{article}{bad}")).await;
        assert_eq!(response.status(), 400, "{bad}");
    }
    // Past the last page: an empty page that says so.
    let beyond = app.get_html(&r, &format!("{article}?page=99")).await;
    assert!(rows(&beyond).is_empty());
    assert!(beyond.contains("No candidates on this page"), "{beyond}");
}

async fn rejecting_the_rest_and_restoring_are_on_record(backend: Backend) {
    let app = spawn_app(backend).await;
    let r = signed_in_reviewer(&app).await;
    let article = post_article(&app, &r, "Cargo", &many_numbers(12)).await;
    let listed = rows(&app.get_html(&r, &article).await);
    let total = listed.len();
    assert!(total >= 12, "{listed:?}");
    let csrf = app.csrf_of(&r).await;
    // Accept the best one, then reject the rest.
    let best = listed[0].0;
    let response = app
        .post_form(
            &r,
            &format!("{article}/candidates/{best}/accept"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(response.status(), 303);
    let response = app
        .post_form(
            &r,
            &format!("{article}/reject-rest"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(response.status(), 303);
    let page = app.get_html(&r, &article).await;
    assert!(page.contains("0 pending</span>"), "{page}");
    let after = rows(&page);
    assert_eq!(after.len(), total);
    assert_eq!(
        after.iter().filter(|(_, _, s)| s == "rejected").count(),
        total - 1
    );
    assert!(after
        .iter()
        .any(|(id, _, s)| *id == best && s == "accepted"));
    assert!(
        page.contains(&format!(
            "candidates_rejected → {} pending candidates",
            total - 1
        )),
        "on record in the article's timeline"
    );
    assert!(!page.contains("Reject the rest"), "nothing left to reject");
    // A rejected candidate comes back; an accepted one cannot be "restored".
    let rejected = after.iter().find(|(_, _, s)| s == "rejected").unwrap().0;
    let response = app
        .post_form(
            &r,
            &format!("{article}/candidates/{rejected}/restore"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(response.status(), 303);
    let page = app.get_html(&r, &article).await;
    assert!(page.contains("1 pending</span>"));
    assert_eq!(
        rows(&page)[0],
        (rejected, rows(&page)[0].1, "pending".into())
    );
    assert!(page.contains("candidate_restored"));
    let refused = app
        .post_form(
            &r,
            &format!("{article}/candidates/{best}/restore"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(refused.status(), 409);
    assert!(refused
        .text()
        .await
        .unwrap()
        .contains("Only a rejected candidate"));
    // The restored candidate is triaged like any other.
    let response = app
        .post_form(
            &r,
            &format!("{article}/candidates/{rejected}/accept"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(response.status(), 303);
    // A viewer may do neither.
    let viewer = app.add_member("Desk", Role::Viewer).await;
    let v = app.signed_in(&viewer).await;
    let csrf = app.csrf_of(&v).await;
    for path in [
        format!("{article}/reject-rest"),
        format!("{article}/candidates/{rejected}/restore"),
    ] {
        let response = app.post_form(&v, &path, &[("csrf_token", &csrf)]).await;
        assert_eq!(response.status(), 403, "{path}");
    }
}

async fn the_pages_script_gets_json_and_forms_keep_the_listing(backend: Backend) {
    let app = spawn_app(backend).await;
    let r = signed_in_reviewer(&app).await;
    let article = post_article(&app, &r, "Cargo", &many_numbers(120)).await;
    let second = app.get_html(&r, &format!("{article}?page=2")).await;
    assert!(
        second
            .replace("&#38;", "&")
            .contains("/accept?show=all&page=2&part=1\""),
        "the forms carry the listing: {}",
        &second[second.find("/accept?").unwrap()..][..80]
    );
    let id = rows(&second)[0].0;
    let csrf = app.csrf_of(&r).await;
    // Without the script: back to the same page of the listing.
    let response = app
        .post_form(
            &r,
            &format!("{article}/candidates/{id}/reject?show=all&page=2&part=1"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        response.headers()["location"],
        format!("{article}?show=all&page=2&part=1#candidates").as_str()
    );
    // The script asks for JSON and updates the row in place.
    let next = rows(&second)[1].0;
    let response = r
        .post(app.url(&format!("{article}/candidates/{next}/accept")))
        .header("Origin", &app.address)
        .header("Accept", "application/json")
        .form(&[("csrf_token", &csrf)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let outcome: serde_json::Value = response.json().await.unwrap();
    assert_eq!(outcome["candidate"], next);
    assert_eq!(outcome["state"], "accepted");
    let claim = outcome["claim_id"].as_i64().expect("the claim it became");
    let claim_page = app.get_html(&r, &format!("/claims/{claim}")).await;
    assert!(claim_page.contains(&format!("accepted from article #{}", &article[10..])));
    // A refusal is not JSON success: the script falls back to the form and its error page.
    let response = r
        .post(app.url(&format!("{article}/candidates/{next}/reject")))
        .header("Origin", &app.address)
        .header("Accept", "application/json")
        .form(&[("csrf_token", &csrf)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 409);
}

async fn a_long_article_is_shown_a_part_at_a_time(backend: Backend) {
    let app = spawn_app(backend).await;
    let r = signed_in_reviewer(&app).await;
    // About 300 KB, a number in every sentence: ten parts of the body.
    let body = many_numbers(7000);
    assert!(body.len() > 250_000);
    let article = post_article(&app, &r, "Cargo", &body).await;
    let page = app.get_html(&r, &article).await;
    assert!(
        page.len() < 300_000,
        "a page of candidates and one part of the text: {} bytes",
        page.len()
    );
    assert!(page.contains("Text, part 1 of "), "the part is named");
    assert!(page.contains("Page 1 of "));
    // Each candidate links to its mark in the part of the body that holds it.
    let last_part = app.get_html(&r, &format!("{article}?part=99")).await;
    let marked: Vec<&str> = last_part
        .split("<mark class=\"candidate")
        .skip(1)
        .filter_map(|m| m.split("id=\"mark-").nth(1)?.split('"').next())
        .collect();
    assert!(!marked.is_empty(), "the last part has its marks");
    assert!(
        !page.contains(&format!("id=\"mark-{}\"", marked[0])),
        "marks of another part are not on the first"
    );
    // The last page of candidates holds the end of the text: its mark links name a later part
    // of the body, and that part has the mark.
    let pages: u32 = page.split("Page 1 of ").nth(1).unwrap()[..4]
        .trim_end_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .unwrap();
    let last_page = app.get_html(&r, &format!("{article}?page={pages}")).await;
    let link = last_page
        .split("href=\"")
        .find(|h| h.contains("#mark-") && !h.contains("part=1#"))
        .map(|h| h.split('"').next().unwrap().replace("&#38;", "&"))
        .expect("a candidate marked in a later part");
    let (path, mark) = link.split_once('#').unwrap();
    let holder = app.get_html(&r, path).await;
    assert!(holder.contains(&format!("id=\"{mark}\"")), "{link}");
}

async fn merging_is_a_choice_never_a_default(backend: Backend) {
    let app = spawn_app(backend).await;
    let r = signed_in_reviewer(&app).await;
    let article = post_article(&app, &r, "Cargo", &many_numbers(6)).await;
    let listed = rows(&app.get_html(&r, &article).await);
    let csrf = app.csrf_of(&r).await;
    let first = listed[0].0;
    let response = app
        .post_form(
            &r,
            &format!("{article}/candidates/{first}/accept"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(response.status(), 303);
    let page = app.get_html(&r, &article).await;
    assert!(
        !page.contains("<select id=\"merge-"),
        "no per-row list of claims"
    );
    // Attaching needs a claim number typed in; blank or not a number is refused and writes nothing.
    let second = listed[1].0;
    for typed in ["", "the first one"] {
        let response = app
            .post_form(
                &r,
                &format!("{article}/candidates/{second}/attach"),
                &[("csrf_token", &csrf), ("claim_id", typed)],
            )
            .await;
        assert_eq!(response.status(), 400, "{typed:?}");
        assert!(response.text().await.unwrap().contains("claim number"));
    }
    let still = rows(&app.get_html(&r, &article).await);
    assert!(still
        .iter()
        .any(|(id, _, s)| *id == second && s == "pending"));
}
