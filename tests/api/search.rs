//! Search as a desk types it: a number however it is written (`4000` finds "4,000", `50000000`
//! finds "$50 million"), and the last word as the beginning of a word (`milit` finds "militia");
//! a number is never a prefix (`400` does not find 4,000).

use claimdesk::domain::Role;

use crate::both_backends;
use crate::helpers::{spawn_app, Backend};
use crate::review::{accept_all, claim_ids, post_article};

both_backends!(numbers_and_word_beginnings_are_found);

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
