//! Search as a desk types it: a number however it is written (`4000` finds "4,000", `50000000`
//! finds "$50 million"), and the last word as the beginning of a word (`milit` finds "militia");
//! a number is never a prefix (`400` does not find 4,000). A Korean word finds the forms the text
//! gives it, particles attached (`카리브해` finds "카리브해에"), wherever it stands in the search.

use claimdesk::domain::Role;

use crate::both_backends;
use crate::helpers::{spawn_app, Backend};
use crate::review::{accept_all, claim_ids, post_article};

both_backends!(
    numbers_and_word_beginnings_are_found,
    a_korean_word_finds_its_forms_with_particles
);

const STORY: &str = "Militia Grows\n\nThe government said it has armed 4.5 million militia members. The coast guard seized 4,000 kilograms of cocaine in the strait. A reward of $50 million was offered for the smugglers.";

async fn numbers_and_word_beginnings_are_found(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let r = app.signed_in(&reviewer).await;
    let article = post_article(&app, &r, "Militia", STORY).await;
    let all = claim_ids(&accept_all(&app, &r, &article).await);
    assert!(all.len() >= 3, "{all:?}");
    let found = |q: &'static str| {
        let (app, r) = (&app, &r);
        async move {
            let page = app.get_html(r, &format!("/claims?q={q}")).await;
            (claim_ids(&page), page)
        }
    };
    for (q, text) in [
        ("4000", "4,000 kilograms"),
        ("4%2C000", "4,000 kilograms"),
        ("cocaine+4000", "4,000 kilograms"),
        ("50000000", "$50 million"),
        ("milit", "militia"),
        ("armed+milit", "militia"),
        ("smuggl", "smugglers"),
    ] {
        let (ids, page) = found(q).await;
        assert_eq!(ids.len(), 1, "{q}: {page}");
        assert!(page.contains(text), "{q}: {page}");
    }
    for q in ["400", "militiamen", "m"] {
        let (ids, _) = found(q).await;
        assert!(ids.is_empty(), "{q} finds nothing: {ids:?}");
    }
}

const KOREAN_STORY: &str = "병력 파견\n\n국방부는 카리브해에 구축함 3척과 병력 4천여 명을 파견했다고 밝혔다. 베네수엘라 정부는 민병대 450만 명을 전국에 배치했다고 말했다.";

async fn a_korean_word_finds_its_forms_with_particles(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let r = app.signed_in(&reviewer).await;
    let article = post_article(&app, &r, "병력 파견", KOREAN_STORY).await;
    let all = claim_ids(&accept_all(&app, &r, &article).await);
    assert!(all.len() >= 2, "{all:?}");
    // Neither 카리브해 nor 전국 stands alone in the text (nor is it a subject or a speaker): each
    // is found through its particle, first in the search or last.
    for (q, found, not_found) in [
        ("카리브해+구축함", "4천여", "450만"),
        ("구축함+카리브해", "4천여", "450만"),
        ("전국+민병대", "450만", "4천여"),
    ] {
        let page = app.get_html(&r, &format!("/claims?q={q}")).await;
        assert!(!claim_ids(&page).is_empty(), "{q}: {page}");
        assert!(page.contains(found), "{q}: {page}");
        assert!(!page.contains(not_found), "{q}: {page}");
    }
    let none = app.get_html(&r, "/claims?q=카리브해+전국").await;
    assert!(
        claim_ids(&none).is_empty(),
        "the two sentences share no claim"
    );
    // Every search plan finds the same claims.
    let per_plan = app
        .with_db(|conn| {
            use claimdesk::db::claims::queue::{self as q, QueueFilter, SearchPlan};
            use claimdesk::domain::{TeamId, TeamName};
            let team =
                claimdesk::db::users::find_team_by_name(conn, &TeamName::parse("Desk").unwrap())
                    .unwrap()
                    .unwrap();
            [SearchPlan::Walk, SearchPlan::Probe, SearchPlan::Drive].map(|plan| {
                let filter = QueueFilter {
                    words: vec!["카리브해".to_owned(), "구축함".to_owned()],
                    ..QueueFilter::everything(None)
                };
                let (rows, _) =
                    q::queue_planned(conn, TeamId::new(team.id), &filter, 50, plan).unwrap();
                rows.iter().map(|row| row.id).collect::<Vec<_>>()
            })
        })
        .await;
    assert!(!per_plan[0].is_empty());
    assert_eq!(per_plan[0], per_plan[1], "walk vs probe");
    assert_eq!(per_plan[0], per_plan[2], "walk vs drive");
}
