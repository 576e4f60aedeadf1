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
    a_korean_word_finds_its_forms_with_particles,
    a_prefix_finds_every_word_it_begins,
    a_search_counts_and_plans_its_own_teams_claims,
    best_match_ranks_the_claims_that_say_the_words_most
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

/// Words side by side in the index's order ("militia" < "militiamen" < "militias" < "military"),
/// and a prefix that begins more words than are spelt out (`zeta` begins 40, `zetab` 14).
fn prefix_story() -> String {
    // zetaaa … zetabn: letters only (a word with digits would be a claim of its own), ten to a
    // sentence (a claim's statement holds 160 characters)
    let counts = ["5,127", "5,238", "5,349", "5,451"];
    let sentences: Vec<String> = counts
        .iter()
        .enumerate()
        .map(|(k, count)| {
            let words: Vec<String> = (10 * k as u8..10 * k as u8 + 10)
                .map(|n| {
                    format!(
                        "zeta{}{}",
                        char::from(b'a' + n / 26),
                        char::from(b'a' + n % 26)
                    )
                })
                .collect();
            format!("Then {} counted {count} ballots.", words.join(" "))
        })
        .collect();
    format!(
        "Prefix Words\n\nThe militiamen numbered 317 in the north. The military spent $23 million on \
         trucks. Militias recruited 4,519 new members. A milestone of 7,093 volunteers was passed. \
         The militia drilled for 19 days. {}",
        sentences.join(" ")
    )
}

/// A search's last word stands for the words of the index it begins, read from FTS5's vocabulary
/// one word after another on SQLite (migration 000130): each of them is found, none beyond, and a
/// prefix of more words than are spelt out is asked as a prefix. The same after the migrations of
/// the search index (000130, 000140, 000150) are undone and done again.
async fn a_prefix_finds_every_word_it_begins(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let r = app.signed_in(&reviewer).await;
    let article = post_article(&app, &r, "Prefix Words", &prefix_story()).await;
    let all = claim_ids(&accept_all(&app, &r, &article).await);
    assert!(all.len() >= 9, "{all:?}");
    let check = |round: &'static str| {
        let (app, r) = (&app, &r);
        async move {
            for (q, found, not_found) in [
                (
                    "milit",
                    &["317", "$23 million", "4,519", "19 days"][..],
                    &["7,093", "5,127"][..],
                ),
                (
                    "militia",
                    &["317", "4,519", "19 days"],
                    &["$23 million", "7,093"],
                ),
                ("militiam", &["317"], &["4,519", "19 days", "$23 million"]),
                ("mile", &["7,093"], &["317", "4,519"]),
                ("zeta", &["5,127", "5,238", "5,349", "5,451"], &["317"]),
                ("zetab", &["5,349", "5,451"], &["5,127", "5,238"]),
                ("north+milit", &["317"], &["4,519", "$23 million"]),
            ] {
                let page = app.get_html(r, &format!("/claims?q={q}")).await;
                assert_eq!(
                    claim_ids(&page).len(),
                    found.len(),
                    "{round}: {q} finds {found:?}: {page}"
                );
                for text in found {
                    assert!(page.contains(text), "{round}: {q} finds {text}: {page}");
                }
                for text in not_found {
                    assert!(!page.contains(text), "{round}: {q} misses {text}: {page}");
                }
            }
            for q in ["milits", "zetac", "militiamens"] {
                let page = app.get_html(r, &format!("/claims?q={q}")).await;
                assert!(claim_ids(&page).is_empty(), "{round}: {q} finds nothing");
            }
        }
    };
    check("as migrated").await;
    app.with_db(|conn| {
        use diesel::connection::SimpleConnection;
        if let claimdesk::db::DbConn::Sqlite(_) = conn {
            // 000150 (row ids in the score's order), 000140 (per-team row ids) and 000130 (the
            // vocabulary by instance), undone in turn and done again
            for sql in [
                include_str!(
                    "../../migrations/sqlite/2026-12-17-000150_search_in_score_order/down.sql"
                ),
                include_str!("../../migrations/sqlite/2026-12-16-000140_search_per_team/down.sql"),
                include_str!("../../migrations/sqlite/2026-12-15-000130_search_terms/down.sql"),
                include_str!("../../migrations/sqlite/2026-12-15-000130_search_terms/up.sql"),
                include_str!("../../migrations/sqlite/2026-12-16-000140_search_per_team/up.sql"),
                include_str!(
                    "../../migrations/sqlite/2026-12-17-000150_search_in_score_order/up.sql"
                ),
            ] {
                conn.batch_execute(sql).unwrap();
            }
        }
    })
    .await;
    check("after the migrations are undone and done again").await;
    // What the index is asked (SQLite): the words a prefix begins, each by name, in the index's
    // order; past 32 words, the prefix itself.
    let spelt = app
        .with_db(|conn| {
            use claimdesk::db::claims::search::spelt_out;
            let words = |list: &[&str]| list.iter().map(|w| (*w).to_owned()).collect::<Vec<_>>();
            match conn {
                claimdesk::db::DbConn::Sqlite(_) => Some([
                    spelt_out(conn, &words(&["militia"])).unwrap(),
                    spelt_out(conn, &words(&["north", "milit"])).unwrap(),
                    spelt_out(conn, &words(&["zetab"])).unwrap(),
                    spelt_out(conn, &words(&["zeta"])).unwrap(),
                ]),
                claimdesk::db::DbConn::Postgres(_) => None,
            }
        })
        .await;
    if let Some([militia, north, zetab, zeta]) = spelt {
        assert_eq!(militia, r#"("militia" OR "militiamen" OR "militias")"#);
        assert_eq!(
            north,
            r#""north" AND ("military" OR "militia" OR "militiamen" OR "militias")"#
        );
        assert_eq!(zetab.matches(" OR ").count(), 13, "{zetab}");
        assert_eq!(zeta, r#""zeta"*"#);
    }
    // The triggers keep the index under the new row ids: a new claim is found, a deleted one is
    // gone, and FTS5's own check finds the index and the claims agree.
    let later = post_article(
        &app,
        &r,
        "Later",
        "Later Words\n\nThe militants fired 6,271 rounds overnight.",
    )
    .await;
    let later_ids = claim_ids(&accept_all(&app, &r, &later).await);
    // `milit` was spelt out before "militants" was in the index (and is remembered, on SQLite,
    // until the claims' words change): the new word is among its words at once
    let page = app.get_html(&r, "/claims?q=milit").await;
    assert_eq!(claim_ids(&page).len(), 5, "{page}");
    assert!(page.contains("6,271"), "{page}");
    let page = app.get_html(&r, "/claims?q=militan").await;
    assert_eq!(claim_ids(&page), later_ids, "{page}");
    app.with_db(|conn| {
        use claimdesk::db::schema::articles;
        use diesel::prelude::*;
        let (id, team): (i64, i64) = articles::table
            .filter(articles::title.eq("Prefix Words"))
            .select((articles::id, articles::team_id))
            .first(conn)
            .unwrap();
        let row = claimdesk::db::articles::get(
            conn,
            claimdesk::domain::TeamId::new(team),
            claimdesk::domain::ArticleId::new(id),
        )
        .unwrap()
        .unwrap();
        claimdesk::db::removal::delete_article(conn, &row).unwrap();
        if let claimdesk::db::DbConn::Sqlite(_) = conn {
            use diesel::connection::SimpleConnection;
            conn.batch_execute(
                "INSERT INTO claims_fts(claims_fts, rank) VALUES ('integrity-check', 1)",
            )
            .unwrap();
        }
    })
    .await;
    let gone = app.get_html(&r, "/claims?q=milit").await;
    assert_eq!(
        claim_ids(&gone),
        later_ids,
        "only the later claim is left: {gone}"
    );
}

/// A search counts and plans on its own team's claims: a word in a third of another team's
/// thousands of claims is still counted, listed and answered from the few matches in this team
/// (SQLite keeps each team's claims in one range of the full-text index, migration 000140).
async fn a_search_counts_and_plans_its_own_teams_claims(backend: Backend) {
    use claimdesk::db::claims::queue::{QueueFilter, SearchPlan, SEARCH_COUNT_CAP};
    use claimdesk::db::claims::search::plan_search;
    use claimdesk::domain::{TeamId, TeamName};

    let sqlite = matches!(backend, Backend::Sqlite);
    let app = spawn_app(backend).await;
    // "ministry" is in a third of the seeded statements: over 2,000 of them
    let (_, seeded) = crate::cli::seed_load_desk(&app, 7500);
    let reviewer = app.add_member("Small Desk", Role::Reviewer).await;
    let r = app.signed_in(&reviewer).await;
    let story = "Ministry Figures\n\nThe ministry said 2,718 inspectors were hired this year.";
    let article = post_article(&app, &r, "Ministry Figures", story).await;
    let mine = claim_ids(&accept_all(&app, &r, &article).await);
    assert_eq!(mine.len(), 1, "{mine:?}");
    let page = app.get_html(&r, "/claims?q=ministry").await;
    assert_eq!(claim_ids(&page), mine, "{page}");
    assert!(
        page.contains("All <span class=\"count\">1</span>"),
        "counted, not too many to count: {page}"
    );
    let team_of = |name: &'static str, word: &'static str| {
        app.with_db(move |conn| {
            let team =
                claimdesk::db::users::find_team_by_name(conn, &TeamName::parse(name).unwrap())
                    .unwrap()
                    .unwrap();
            let filter = QueueFilter {
                words: vec![word.to_owned()],
                ..QueueFilter::everything(None)
            };
            plan_search(conn, TeamId::new(team.id), &filter)
                .unwrap()
                .unwrap()
        })
    };
    let small = team_of("Small Desk", "ministry").await;
    assert_eq!(small.plan, SearchPlan::Drive);
    assert_eq!(small.matches_capped, 1);
    let load = team_of("Load Desk", "ministry").await;
    assert!(load.matches_capped >= 2000, "{}", load.matches_capped);
    // dense at both ends of the team's claims: probed on SQLite, walked on PostgreSQL
    let dense = if sqlite {
        SearchPlan::Probe
    } else {
        SearchPlan::Walk
    };
    assert_eq!(load.plan, dense);
    // in the score's order the same search is read straight from the index on SQLite, counted only
    // as far as the counts need
    let by_score = app
        .with_db(|conn| {
            let team = claimdesk::db::users::find_team_by_name(
                conn,
                &TeamName::parse("Load Desk").unwrap(),
            )
            .unwrap()
            .unwrap();
            let filter = QueueFilter {
                words: vec!["ministry".to_owned()],
                sort: claimdesk::domain::Sort::Score,
                ..QueueFilter::everything(None)
            };
            plan_search(conn, TeamId::new(team.id), &filter)
                .unwrap()
                .unwrap()
        })
        .await;
    if sqlite {
        assert_eq!(by_score.plan, SearchPlan::Index);
        assert_eq!(by_score.matches_capped, SEARCH_COUNT_CAP);
    } else {
        assert_eq!(by_score.plan, SearchPlan::Walk);
    }
    // a word only in the team's newest 2,500 claims is common, not dense: probing it claim by
    // claim from the oldest would walk the whole team first
    app.with_db(|conn| {
        use diesel::connection::SimpleConnection;
        conn.batch_execute(
            "UPDATE claims SET statement = statement || ' Omicronwave.' WHERE id IN \
             (SELECT id FROM claims ORDER BY id DESC LIMIT 2500 OFFSET 1)",
        )
        .unwrap();
    })
    .await;
    let recent = team_of("Load Desk", "omicronwave").await;
    assert!(recent.matches_capped >= 2000, "{}", recent.matches_capped);
    assert_eq!(recent.plan, SearchPlan::Walk);
    // and the seeded team does not see the small team's claim
    let seeded_client = app.signed_in(&seeded).await;
    let theirs = app
        .get_html(&seeded_client, "/claims?q=inspectors+ministry")
        .await;
    assert!(!theirs.contains("2,718"), "{theirs}");
    // a word in over 2,000 of the team's claims is too broad to rank by best match; one
    // match is ranked
    let broad = app
        .get_html(&seeded_client, "/claims?q=ministry&sort=relevance")
        .await;
    assert!(broad.contains("id=\"unranked\""), "{broad}");
    // and it pages on in the score's order: its next page is the score's next page, not its
    // first again (the cursor it writes is the score's, read back under `sort=relevance`)
    let next_of = |page: &str| crate::helpers::next_href(page).expect("a next page");
    let by_score = app.get_html(&seeded_client, "/claims?q=ministry").await;
    assert_eq!(claim_ids(&broad), claim_ids(&by_score));
    let broad_next = app.get_html(&seeded_client, &next_of(&broad)).await;
    let score_next = app.get_html(&seeded_client, &next_of(&by_score)).await;
    assert!(!claim_ids(&broad_next).is_empty());
    assert_eq!(
        claim_ids(&broad_next),
        claim_ids(&score_next),
        "{}",
        next_of(&broad)
    );
    let narrow = app.get_html(&r, "/claims?q=ministry&sort=relevance").await;
    assert!(!narrow.contains("id=\"unranked\""), "{narrow}");
    assert_eq!(claim_ids(&narrow), mine);
}

/// Claims of one article: the long sentences saying "drone" once come first and last, the short
/// one saying it twice (two claims, one statement: a tie) between them, and one without it.
const DRONE_STORY: &str = "Drone Watch\n\nThe coastal patrols, which also watch fishing boats and the ferries that cross the strait at night, recorded 17 drone flights. Drone attacks on the drone base numbered 41 in May and 52 in June. The port handled 230 containers. Inspectors at the northern harbour, where the ferries and the cargo ships dock side by side, reported 96 drone sightings.";

/// `sort=relevance` ranks a search's matches by how well they match (BM25 on SQLite, `ts_rank` on
/// PostgreSQL): the claim that says the word twice in a short sentence first, whatever its score
/// or age. Pages and neighbours walk the one ranked order; without words, or for a search too
/// broad to rank (`RANKED_BELOW`), the queue says it is sorted by score.
async fn best_match_ranks_the_claims_that_say_the_words_most(backend: Backend) {
    use claimdesk::db::claims::queue::{QueueFilter, SearchPlan};
    use claimdesk::domain::{ClaimId, Sort, TeamId, TeamName};

    let app = spawn_app(backend).await;
    let (_, r, token) = crate::api::member_with_token(&app, "Desk", Role::Reviewer).await;
    let article = post_article(&app, &r, "Drone Watch", DRONE_STORY).await;
    let all = claim_ids(&accept_all(&app, &r, &article).await);
    assert_eq!(all.len(), 5, "{all:?}");
    // another team's drone claims are neither listed nor in the way
    let other = app.add_member("Other Desk", Role::Reviewer).await;
    let o = app.signed_in(&other).await;
    let theirs = post_article(
        &app,
        &o,
        "Drones",
        "Drones\n\nDrone drone drone: 12 drone units. Drone shops sold 44 drone kits.",
    )
    .await;
    assert!(!claim_ids(&accept_all(&app, &o, &theirs).await).is_empty());
    let (status, ranked) =
        crate::api::get_json(&app, &token, "/api/v1/claims?q=drone&sort=relevance").await;
    assert_eq!(status, 200, "{ranked}");
    assert_eq!(ranked["sorted_by"], "relevance");
    let surfaces: Vec<&str> = ranked["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["surface"].as_str().unwrap())
        .collect();
    assert_eq!(surfaces.len(), 4, "{ranked}");
    // the two claims of the short sentence saying drone twice
    let mut best = surfaces[..2].to_vec();
    best.sort();
    assert_eq!(best, ["41", "52"], "{ranked}");
    // no rank leaves the server: a cursor is a claim's id
    assert!(ranked["next_cursor"].is_null(), "{ranked}");
    assert!(!surfaces.contains(&"230"), "{ranked}");
    // the same claims in the other orders, the best match not first in them
    for sort in ["score", "newest", "oldest"] {
        let (_, other) =
            crate::api::get_json(&app, &token, &format!("/api/v1/claims?q=drone&sort={sort}"))
                .await;
        assert_eq!(other["sorted_by"], sort);
        assert_eq!(other["claims"].as_array().unwrap().len(), 4);
    }
    let (_, oldest) =
        crate::api::get_json(&app, &token, "/api/v1/claims?q=drone&sort=oldest").await;
    assert_eq!(oldest["claims"][0]["surface"], "17");
    // without words, relevance is the score's order, and the page says so
    let (_, unranked) = crate::api::get_json(&app, &token, "/api/v1/claims?sort=relevance").await;
    assert_eq!(unranked["sorted_by"], "score");
    let (_, by_score) = crate::api::get_json(&app, &token, "/api/v1/claims?sort=score").await;
    assert_eq!(unranked["claims"], by_score["claims"]);
    let page = app.get_html(&r, "/claims?sort=relevance").await;
    assert!(page.contains("id=\"unranked\""), "{page}");
    let page = app.get_html(&r, "/claims?q=drone&sort=relevance").await;
    assert!(!page.contains("id=\"unranked\""), "{page}");
    assert_eq!(
        claim_ids(&page)[0],
        ranked["claims"][0]["id"].as_i64().unwrap()
    );
    assert!(
        page.contains("<option value=\"relevance\" selected>"),
        "{page}"
    );

    // Pages of one claim and each claim's neighbours follow the ranked order.
    let ranked_ids: Vec<ClaimId> = ranked["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| ClaimId::new(c["id"].as_i64().unwrap()))
        .collect();
    let (paged, neighbours) = app
        .with_db(|conn| {
            let team =
                claimdesk::db::users::find_team_by_name(conn, &TeamName::parse("Desk").unwrap())
                    .unwrap()
                    .unwrap();
            let team = TeamId::new(team.id);
            let filter = QueueFilter {
                words: vec!["drone".to_owned()],
                sort: Sort::Relevance,
                ..QueueFilter::everything(None)
            };
            let paged = crate::helpers::page_through(conn, team, &filter, (1, SearchPlan::Drive));
            let neighbours = crate::helpers::neighbours_of(conn, team, &filter, &paged);
            (paged, neighbours)
        })
        .await;
    assert_eq!(paged, ranked_ids, "pages of one claim, through the tie");
    for (i, got) in neighbours.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| paged[p]);
        assert_eq!(
            *got,
            (prev, paged.get(i + 1).copied()),
            "neighbours of #{i}"
        );
    }
}
