//! The evidence vault against a local web server: every cited page is archived by the job worker,
//! each citation says whether its excerpt is on the page, the archived copy is served to the
//! team's members only and sandboxed, a recheck flags a page changed since cited (with what
//! changed) or gone while the copy stays, the team's vault has a limit, a page on this machine is
//! not fetched unless allowed, and the public verdict names the archived copy and its hash.

use std::time::Duration;

use claimdesk::domain::Role;

use crate::both_backends;
use crate::helpers::{spawn_app_with, Backend, TestApp};
use crate::review::{act, first_claim};
use crate::web_server::{Reply, WebServer};

both_backends!(
    two_citations_of_one_page_say_excerpt_found_and_not_found,
    the_archived_copy_is_served_sandboxed_to_the_team_only,
    a_recheck_flags_a_changed_page_then_a_gone_one_and_the_copy_stays,
    a_full_vault_archives_nothing_more_and_says_why,
    a_cited_page_on_this_machine_is_not_fetched_unless_allowed,
    the_public_verdict_names_the_archived_copy_and_its_hash,
);

/// A statistics office's release, as such pages come: a menu, the release, a footer.
const RELEASE: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Port statistics, third quarter | Statistics Office</title>
<script>window.tracker = "x";</script></head><body>
<nav><a href="/">Home</a> <a href="/releases">Releases</a></nav>
<main><article><h1>Port statistics, third quarter</h1>
<p>Container traffic through the country’s ports rose to 4.2 million boxes in the third quarter,
up 6.1% on a year earlier, the office said.</p>
<p>Bulk cargo fell by 2.3% over the same period, while passenger numbers were unchanged at
1.9 million.</p>
<p>Figures for the fourth quarter will be published in February, with revisions to earlier
quarters where returns arrived late.</p></article></main>
<footer>© Statistics Office</footer></body></html>"#;

/// The same release after a revision: one figure changed.
fn revised() -> String {
    RELEASE.replace("4.2 million boxes", "3.9 million boxes")
}

struct Desk {
    app: TestApp,
    server: WebServer,
    browser: reqwest::Client,
    claim: i64,
}

/// An app whose job worker runs every 100 ms and may fetch from the local server (when `allow`),
/// a reviewer's browser and a claim to cite in.
async fn desk(backend: Backend, allow: bool, vault_limit: Option<u64>) -> Desk {
    let server = WebServer::start();
    server.serve("/release", Reply::html(RELEASE));
    let app = spawn_app_with(backend, |s| {
        if allow {
            s.fetch.allow = claimdesk::fetch::AllowList::parse("127.0.0.1/32").unwrap();
        }
        s.fetch.timeout = Duration::from_secs(5);
        s.jobs_interval = Some(Duration::from_millis(100));
        if let Some(limit) = vault_limit {
            s.vault.team_limit = limit;
        }
    })
    .await;
    let reviewer = app.add_member("Port Desk", Role::Reviewer).await;
    let browser = app.signed_in(&reviewer).await;
    let claim = first_claim(&app, &browser).await;
    Desk {
        app,
        server,
        browser,
        claim,
    }
}

impl Desk {
    /// Cites the release with an excerpt; returns the citation's id.
    async fn cite(&self, excerpt: &str) -> i64 {
        let csrf = self.app.csrf_of(&self.browser).await;
        let url = self.server.url("/release");
        let response = self
            .app
            .post_form(
                &self.browser,
                &format!("/claims/{}/citations", self.claim),
                &[
                    ("csrf_token", &csrf),
                    ("url", &url),
                    ("title", "Port statistics, third quarter"),
                    ("stance", "supports"),
                    ("excerpt", excerpt),
                ],
            )
            .await;
        assert_eq!(response.status(), 303);
        self.citations().await.into_iter().max().unwrap()
    }

    async fn citations(&self) -> Vec<i64> {
        let claim = self.claim;
        self.app
            .with_db(move |conn| {
                use claimdesk::db::schema::citations;
                use diesel::prelude::*;
                citations::table
                    .filter(citations::claim_id.eq(claim))
                    .select(citations::id)
                    .load::<i64>(conn)
                    .unwrap()
            })
            .await
    }

    async fn page(&self) -> String {
        self.app
            .get_html(&self.browser, &format!("/claims/{}", self.claim))
            .await
    }

    /// What the claim page says of one citation's evidence (its line and any note after it).
    async fn evidence(&self, citation: i64) -> String {
        evidence_in(&self.page().await, citation)
    }

    /// Waits (at most 20 s) until no citation of the claim is still being archived.
    async fn archived(&self) -> String {
        for _ in 0..200 {
            let page = self.page().await;
            if !page.contains("archiving…") {
                return page;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the cited page was not archived in 20 s");
    }

    fn snapshot_path(&self, citation: i64) -> String {
        format!("/claims/{}/citations/{citation}/snapshot", self.claim)
    }

    /// `claimdesk citations recheck`, the real binary on the app's database.
    fn recheck(&self) -> String {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_claimdesk"))
            .args(["citations", "recheck", "--wait", "5s"])
            .env("DATABASE_URL", crate::cli::database_arg(&self.app))
            .env("CLAIMDESK_FETCH_ALLOW", "127.0.0.1/32")
            .env("RUST_LOG", "error")
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }
}

fn evidence_in(page: &str, citation: i64) -> String {
    let start = page
        .find(&format!("id=\"evidence-{citation}\""))
        .unwrap_or_else(|| panic!("no evidence line for citation {citation}"));
    let rest = &page[start..];
    let end = rest.find("</li>").unwrap_or(rest.len());
    rest[..end].to_owned()
}

async fn two_citations_of_one_page_say_excerpt_found_and_not_found(backend: Backend) {
    let desk = desk(backend, true, None).await;
    // Typed as people type: straight quotes, one space, a line break, another case.
    let present = desk
        .cite("Container traffic through the country's ports rose to 4.2 million boxes in the third quarter")
        .await;
    let absent = desk
        .cite("Container traffic rose to 4.5 million boxes")
        .await;
    let page = desk.archived().await;
    let found = evidence_in(&page, present);
    assert!(found.contains("excerpt found"), "{found}");
    assert!(found.contains("archived"), "{found}");
    assert!(found.contains("SHA-256"), "{found}");
    let not_found = evidence_in(&page, absent);
    assert!(not_found.contains("excerpt not found"), "{not_found}");
    assert_eq!(desk.server.hits("/release"), 2, "one fetch per citation");

    // An edited excerpt is looked for again in the archived text, without a fetch.
    let csrf = desk.app.csrf_of(&desk.browser).await;
    let url = desk.server.url("/release");
    let response = desk
        .app
        .post_form(
            &desk.browser,
            &format!("/claims/{}/citations/{absent}", desk.claim),
            &[
                ("csrf_token", &csrf),
                ("url", &url),
                ("title", "Port statistics, third quarter"),
                ("stance", "supports"),
                (
                    "excerpt",
                    "Bulk cargo fell by 2.3% … passenger numbers were unchanged",
                ),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let now = desk.evidence(absent).await;
    assert!(now.contains("excerpt found"), "{now}");
    assert_eq!(
        desk.server.hits("/release"),
        2,
        "no new fetch for an excerpt"
    );
}

async fn the_archived_copy_is_served_sandboxed_to_the_team_only(backend: Backend) {
    let desk = desk(backend, true, None).await;
    let citation = desk.cite("rose to 4.2 million boxes").await;
    desk.archived().await;
    let response = desk
        .app
        .get(&desk.browser, &desk.snapshot_path(citation))
        .await;
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "text/html; charset=utf-8");
    let policy = headers["content-security-policy"].to_str().unwrap();
    assert!(policy.starts_with("sandbox;"), "{policy}");
    assert!(policy.contains("default-src 'none'"), "{policy}");
    assert!(!policy.contains("script-src"), "{policy}");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    let body = response.text().await.unwrap();
    assert_eq!(body, RELEASE, "the bytes as they were fetched");

    // Another team's member, and a visitor, do not get it.
    let stranger = desk.app.add_member("Other Desk", Role::Admin).await;
    let other = desk.app.signed_in(&stranger).await;
    let refused = desk.app.get(&other, &desk.snapshot_path(citation)).await;
    assert_eq!(refused.status(), 404);
    let visitor = crate::helpers::browser();
    let anonymous = desk.app.get(&visitor, &desk.snapshot_path(citation)).await;
    assert_eq!(anonymous.status(), 303, "to the sign-in page");
    // A citation of another claim through this claim's address: 404 as well.
    let wrong = format!(
        "/claims/{}/citations/{citation}/snapshot",
        desk.claim + 1000
    );
    assert_eq!(desk.app.get(&desk.browser, &wrong).await.status(), 404);
}

async fn a_recheck_flags_a_changed_page_then_a_gone_one_and_the_copy_stays(backend: Backend) {
    let desk = desk(backend, true, None).await;
    let citation = desk.cite("rose to 4.2 million boxes").await;
    desk.archived().await;

    let unchanged = desk.recheck();
    assert_eq!(
        unchanged,
        "rechecked 1 cited pages: 1 unchanged, 0 changed since cited, 0 gone, 0 not archived\n"
    );

    desk.server.serve("/release", Reply::html(&revised()));
    let changed = desk.recheck();
    assert!(changed.contains("1 changed since cited"), "{changed}");
    let said = desk.evidence(citation).await;
    assert!(said.contains("changed since cited"), "{said}");
    assert!(
        said.contains("- Container traffic through the country’s ports rose to 4.2 million boxes"),
        "the diff shows what went: {said}"
    );
    assert!(
        said.contains("+ Container traffic"),
        "and what came: {said}"
    );
    assert!(said.contains("3.9 million boxes"), "{said}");
    assert!(said.contains("excerpt found"), "as cited: {said}");

    desk.server.serve(
        "/release",
        Reply::typed(404, "text/html", b"<h1>Not found</h1>".to_vec()),
    );
    let gone = desk.recheck();
    assert!(gone.contains("1 gone"), "{gone}");
    let said = desk.evidence(citation).await;
    assert!(said.contains(">gone<"), "{said}");
    assert!(said.contains("answered with HTTP status 404"), "{said}");

    let copy = desk
        .app
        .get(&desk.browser, &desk.snapshot_path(citation))
        .await;
    assert_eq!(copy.status(), 200);
    assert!(
        copy.text().await.unwrap().contains("4.2 million boxes"),
        "the copy as cited stays"
    );
}

async fn a_full_vault_archives_nothing_more_and_says_why(backend: Backend) {
    let desk = desk(backend, true, Some(100)).await;
    let citation = desk.cite("rose to 4.2 million boxes").await;
    let page = desk.archived().await;
    let said = evidence_in(&page, citation);
    assert!(said.contains("not archived"), "{said}");
    assert!(
        said.contains("evidence vault is full (0 bytes of 100 bytes used)")
            && said.contains("CLAIMDESK_VAULT_LIMIT"),
        "{said}"
    );
    assert_eq!(
        desk.app
            .get(&desk.browser, &desk.snapshot_path(citation))
            .await
            .status(),
        404
    );
    let stored: i64 = desk
        .app
        .with_db(|conn| {
            use claimdesk::db::schema::snapshots;
            use diesel::prelude::*;
            snapshots::table.count().get_result(conn).unwrap()
        })
        .await;
    assert_eq!(stored, 0);
}

async fn a_cited_page_on_this_machine_is_not_fetched_unless_allowed(backend: Backend) {
    let desk = desk(backend, false, None).await;
    let citation = desk.cite("rose to 4.2 million boxes").await;
    let page = desk.archived().await;
    let said = evidence_in(&page, citation);
    assert!(said.contains("not archived"), "{said}");
    assert!(
        said.contains("127.0.0.1 is a loopback address"),
        "the reason: {said}"
    );
    assert_eq!(desk.server.hits("/release"), 0, "nothing was asked of it");
}

async fn the_public_verdict_names_the_archived_copy_and_its_hash(backend: Backend) {
    let desk = desk(backend, true, None).await;
    let citation = desk.cite("rose to 4.2 million boxes").await;
    desk.archived().await;
    let editor = desk.app.add_member("Port Desk", Role::Editor).await;
    let e = desk.app.signed_in(&editor).await;
    let r = &desk.browser;
    assert_eq!(
        act(&desk.app, r, desk.claim, &[("action", "start_review")]).await,
        303
    );
    assert_eq!(
        act(
            &desk.app,
            r,
            desk.claim,
            &[
                ("action", "propose"),
                ("verdict", "mostly_true"),
                ("rationale", "The office's release gives 4.2 million boxes.")
            ]
        )
        .await,
        303
    );
    assert_eq!(
        act(&desk.app, &e, desk.claim, &[("action", "approve")]).await,
        303
    );
    assert_eq!(
        act(&desk.app, &e, desk.claim, &[("action", "publish")]).await,
        303
    );
    let sha256: String = desk
        .app
        .with_db(move |conn| {
            use claimdesk::db::schema::snapshots;
            use diesel::prelude::*;
            snapshots::table
                .filter(snapshots::citation_id.eq(citation))
                .select(snapshots::sha256)
                .first(conn)
                .unwrap()
        })
        .await;
    let public = desk
        .app
        .get_html(
            &crate::helpers::browser(),
            &format!("/verdicts/{}", desk.claim),
        )
        .await;
    assert!(public.contains("Archived by Port Desk on"), "{public}");
    assert!(public.contains(&sha256), "the hash of the copy");
    assert!(
        !public.contains("/snapshot"),
        "the copy itself is for the team's members"
    );
}
