//! Tamper evidence for the history: a desk's events verify intact with `claimdesk audit verify`,
//! and a row changed, deleted or inserted behind the application's back is named; `audit export`
//! writes the chains; events from before the chain are sealed at start-up; concurrent writers never
//! fork a chain.

use std::process::{Command, Output};

use claimdesk::audit::{Verdict, GENESIS};
use claimdesk::config::DatabaseUrl;
use claimdesk::db::schema::{event_chains, events, teams};
use claimdesk::db::{self, DbConn};
use claimdesk::domain::Role;
use diesel::prelude::*;

use crate::both_backends;
use crate::helpers::{fresh_database, random_hex, spawn_app, Backend, TestApp};
use crate::review::{act, first_claim};

both_backends!(
    a_working_desk_verifies_intact_and_exports_its_chains,
    an_altered_event_is_named,
    a_deleted_middle_event_names_the_event_after_the_gap,
    a_deleted_last_event_names_the_new_last_event,
    forged_events_are_named,
    concurrent_comments_never_fork_the_chain,
    a_seeded_desk_is_chained_like_any_other,
    events_from_before_the_chain_are_sealed_once_and_only_those,
);

const TEAM: &str = "Audit Desk";

/// The binary on the test's database.
fn claimdesk(database: &DatabaseUrl, args: &[&str]) -> Output {
    let url = match database {
        DatabaseUrl::Sqlite(path) => path.display().to_string(),
        DatabaseUrl::Postgres(url) => url.clone(),
    };
    Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .args(args)
        .env("DATABASE_URL", url)
        .env("RUST_LOG", "error")
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `audit verify`: Ok(summary) when it exits 0, Err(stderr) otherwise.
fn verify(app: &TestApp) -> Result<String, String> {
    let output = claimdesk(&app.database, &["audit", "verify"]);
    if output.status.success() {
        Ok(stdout(&output))
    } else {
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        Err(stderr(&output))
    }
}

/// Posts a comment on a claim as `client`; returns the status.
async fn comment(
    app: &TestApp,
    client: &reqwest::Client,
    csrf: &str,
    claim: i64,
    body: &str,
) -> u16 {
    app.post_form(
        client,
        &format!("/claims/{claim}/comments"),
        &[("csrf_token", csrf), ("body", body)],
    )
    .await
    .status()
    .as_u16()
}

/// A desk at work: members added, signed in, an article with its claims accepted, a claim taken
/// into review, comments. Returns the team's id and the claim's.
async fn desk_at_work(app: &TestApp) -> (i64, i64) {
    let reviewer = app.add_member(TEAM, Role::Reviewer).await;
    app.add_member(TEAM, Role::Editor).await;
    let client = app.signed_in(&reviewer).await;
    let claim = first_claim(app, &client).await;
    assert_eq!(
        act(app, &client, claim, &[("action", "start_review")]).await,
        303
    );
    let csrf = app.csrf_of(&client).await;
    for n in 0..3 {
        assert_eq!(
            comment(app, &client, &csrf, claim, &format!("Checked source {n}.")).await,
            303
        );
    }
    let team = app
        .with_db(|conn| {
            teams::table
                .filter(teams::name.eq(TEAM))
                .select(teams::id)
                .first::<i64>(conn)
                .unwrap()
        })
        .await;
    (team, claim)
}

/// The team's event ids in chain order.
async fn chain_ids(app: &TestApp, team: i64) -> Vec<i64> {
    app.with_db(move |conn| {
        events::table
            .filter(events::team_id.eq(team))
            .order(events::seq)
            .select(events::id)
            .load::<i64>(conn)
            .unwrap()
    })
    .await
}

async fn a_working_desk_verifies_intact_and_exports_its_chains(backend: Backend) {
    let app = spawn_app(backend).await;
    let (team, _) = desk_at_work(&app).await;
    let ids = chain_ids(&app, team).await;
    assert!(ids.len() >= 8, "{ids:?}");
    let summary = verify(&app).expect("an untouched history is intact");
    assert!(summary.starts_with("history intact: "), "{summary}");
    let total = app
        .with_db(|conn| events::table.count().get_result::<i64>(conn).unwrap())
        .await;
    assert!(summary.contains(&format!("{total} event(s)")), "{summary}");

    let output = claimdesk(&app.database, &["audit", "export"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let lines: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is one JSON object"))
        .collect();
    assert_eq!(lines.len() as i64, total);
    let team_lines: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|line| line["team_id"] == team)
        .collect();
    // The team's chain, in order: seq 1, 2, 3… each linked to the one before.
    let mut prev = GENESIS.to_owned();
    for (n, line) in team_lines.iter().enumerate() {
        assert_eq!(line["id"], ids[n]);
        assert_eq!(line["seq"], n as i64 + 1);
        assert_eq!(line["prev_hash"], prev.as_str());
        let hash = line["hash"].as_str().expect("a hash");
        assert_eq!(hash.len(), 64);
        prev = hash.to_owned();
        for column in [
            "actor_id",
            "entity",
            "entity_id",
            "action",
            "before_value",
            "after_value",
        ] {
            assert!(line.get(column).is_some(), "{column} in {line}");
        }
    }
    // One chain only, to a file.
    let file = std::env::temp_dir().join(format!("claimdesk-audit-{}.jsonl", random_hex(6)));
    let path = file.display().to_string();
    let team_arg = team.to_string();
    let output = claimdesk(
        &app.database,
        &["audit", "export", "--team", &team_arg, "--output", &path],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(written.lines().count(), team_lines.len());
    assert!(stderr(&output).contains(&format!("{} event(s) written", team_lines.len())));
    let _ = std::fs::remove_file(&file);
}

async fn an_altered_event_is_named(backend: Backend) {
    let app = spawn_app(backend).await;
    let (team, _) = desk_at_work(&app).await;
    let ids = chain_ids(&app, team).await;
    let target = ids[ids.len() / 2];
    let original: Option<String> = app
        .with_db(move |conn| {
            events::table
                .find(target)
                .select(events::after_value)
                .first(conn)
                .unwrap()
        })
        .await;
    let set = |value: Option<String>| {
        app.with_db(move |conn| {
            diesel::update(events::table.find(target))
                .set(events::after_value.eq(value))
                .execute(conn)
                .unwrap()
        })
    };
    set(Some("published".into())).await;
    let broken = verify(&app).expect_err("an altered event breaks the chain");
    assert!(
        broken.starts_with(&format!("broken: event {target} (team {team}): ")),
        "{broken}"
    );
    assert!(broken.contains("does not match its hash"), "{broken}");
    // Put back as it was, the chain is whole again.
    set(original).await;
    verify(&app).expect("the original content verifies again");
}

async fn a_deleted_middle_event_names_the_event_after_the_gap(backend: Backend) {
    let app = spawn_app(backend).await;
    let (team, _) = desk_at_work(&app).await;
    let ids = chain_ids(&app, team).await;
    let (gone, next) = (ids[3], ids[4]);
    app.with_db(move |conn| {
        diesel::delete(events::table.find(gone))
            .execute(conn)
            .unwrap()
    })
    .await;
    let broken = verify(&app).expect_err("a deleted event breaks the chain");
    assert!(
        broken.starts_with(&format!("broken: event {next} (team {team}): ")),
        "{broken}"
    );
    assert!(
        broken.contains("1 event(s) before it are missing"),
        "{broken}"
    );
}

async fn a_deleted_last_event_names_the_new_last_event(backend: Backend) {
    let app = spawn_app(backend).await;
    let (team, _) = desk_at_work(&app).await;
    let ids = chain_ids(&app, team).await;
    let (new_last, gone) = (ids[ids.len() - 2], ids[ids.len() - 1]);
    app.with_db(move |conn| {
        diesel::delete(events::table.find(gone))
            .execute(conn)
            .unwrap()
    })
    .await;
    let broken = verify(&app).expect_err("a deleted last event breaks the chain");
    assert!(
        broken.starts_with(&format!("broken: event {new_last} (team {team}): ")),
        "{broken}"
    );
    assert!(broken.contains("last 1 event(s) are missing"), "{broken}");
}

async fn forged_events_are_named(backend: Backend) {
    let app = spawn_app(backend).await;
    let (team, _) = desk_at_work(&app).await;
    let ids = chain_ids(&app, team).await;
    let last = *ids.last().unwrap();
    // A row that looks like the app's: the next seq, linked to the last hash, a made-up hash.
    let forged = app
        .with_db(move |conn| {
            let (seq, hash): (Option<i64>, Option<String>) = events::table
                .find(last)
                .select((events::seq, events::hash))
                .first(conn)
                .unwrap();
            diesel::insert_into(events::table)
                .values((
                    events::team_id.eq(team),
                    events::entity.eq("claim"),
                    events::entity_id.eq(1),
                    events::action.eq("status"),
                    events::before_value.eq("in_review"),
                    events::after_value.eq("published"),
                    events::created_at.eq(db::now()),
                    events::seq.eq(seq.unwrap() + 1),
                    events::prev_hash.eq(hash.unwrap()),
                    events::hash.eq("ab".repeat(32)),
                ))
                .returning(events::id)
                .get_result::<i64>(conn)
                .unwrap()
        })
        .await;
    let broken = verify(&app).expect_err("a forged event breaks the chain");
    assert!(
        broken.starts_with(&format!("broken: event {forged} (team {team}): ")),
        "{broken}"
    );
    let remove = |id: i64| {
        app.with_db(move |conn| {
            diesel::delete(events::table.find(id))
                .execute(conn)
                .unwrap()
        })
    };
    remove(forged).await;
    verify(&app).expect("intact once the forgery is gone");
    // A row with no chain fields at all.
    let bare = app
        .with_db(move |conn| {
            diesel::insert_into(events::table)
                .values((
                    events::team_id.eq(team),
                    events::entity.eq("claim"),
                    events::entity_id.eq(1),
                    events::action.eq("status"),
                    events::created_at.eq(db::now()),
                ))
                .returning(events::id)
                .get_result::<i64>(conn)
                .unwrap()
        })
        .await;
    let broken = verify(&app).expect_err("an event outside the chain is found");
    assert!(
        broken.starts_with(&format!("broken: event {bare} (team {team}): ")),
        "{broken}"
    );
    assert!(broken.contains("no place in the chain"), "{broken}");
    // Start-up does not seal it into the chain.
    assert!(claimdesk(&app.database, &["migrate"]).status.success());
    assert!(verify(&app).is_err());
    remove(bare).await;
    verify(&app).expect("intact once the forgery is gone");
}

async fn concurrent_comments_never_fork_the_chain(backend: Backend) {
    let app = std::sync::Arc::new(spawn_app(backend).await);
    let (team, claim) = desk_at_work(&app).await;
    let mut writers = Vec::new();
    for _ in 0..4 {
        let member = app.add_member(TEAM, Role::Reviewer).await;
        let client = app.signed_in(&member).await;
        let csrf = app.csrf_of(&client).await;
        writers.push((client, csrf));
    }
    let before = chain_ids(&app, team).await.len();
    let mut posts = Vec::new();
    for n in 0..20 {
        let (client, csrf) = writers[n % writers.len()].clone();
        let app = app.clone();
        posts.push(tokio::spawn(async move {
            comment(
                &app,
                &client,
                &csrf,
                claim,
                &format!("Concurrent note {n}."),
            )
            .await
        }));
    }
    for post in posts {
        assert_eq!(post.await.unwrap(), 303);
    }
    let ids = chain_ids(&app, team).await;
    assert_eq!(ids.len(), before + 20);
    let (seqs, forks) = app
        .with_db(move |conn| {
            let seqs: Vec<Option<i64>> = events::table
                .filter(events::team_id.eq(team))
                .order(events::seq)
                .select(events::seq)
                .load(conn)
                .unwrap();
            let forks: Vec<(Option<String>, i64)> = events::table
                .filter(events::team_id.eq(team))
                .group_by(events::prev_hash)
                .select((events::prev_hash, diesel::dsl::count_star()))
                .having(diesel::dsl::count_star().gt(1))
                .load(conn)
                .unwrap();
            (seqs, forks)
        })
        .await;
    let expected: Vec<Option<i64>> = (1..=ids.len() as i64).map(Some).collect();
    assert_eq!(seqs, expected, "one event per place in the chain");
    assert!(forks.is_empty(), "two events link to one: {forks:?}");
    verify(&app).expect("intact after concurrent writers");
}

async fn a_seeded_desk_is_chained_like_any_other(backend: Backend) {
    let app = spawn_app(backend).await;
    for claims in ["40", "25"] {
        let output = claimdesk(
            &app.database,
            &["dev", "seed", "--claims", claims, "--team", TEAM],
        );
        assert!(output.status.success(), "{}", stderr(&output));
    }
    // The application goes on where the seed stopped.
    app.add_member(TEAM, Role::Viewer).await;
    let summary = verify(&app).expect("a seeded history is intact");
    let total = app
        .with_db(|conn| events::table.count().get_result::<i64>(conn).unwrap())
        .await;
    assert!(total > 65, "{total}");
    assert!(summary.contains(&format!("{total} event(s)")), "{summary}");
}

/// Runs every migration but the chain's, as a database of the previous release would have.
fn migrate_to_before_the_chain(conn: &mut DbConn) {
    use diesel::migration::{MigrationConnection, MigrationSource};
    use diesel_migrations::MigrationHarness;
    let before = |name: &str| !name.ends_with("_event_chains");
    match conn {
        DbConn::Sqlite(c) => {
            c.setup().unwrap();
            let mut all =
                MigrationSource::<diesel::sqlite::Sqlite>::migrations(&db::SQLITE_MIGRATIONS)
                    .unwrap();
            all.sort_by_key(|m| m.name().to_string());
            for migration in all.iter().filter(|m| before(&m.name().to_string())) {
                c.run_migration(migration).unwrap();
            }
        }
        DbConn::Postgres(c) => {
            c.setup().unwrap();
            let mut all =
                MigrationSource::<diesel::pg::Pg>::migrations(&db::POSTGRES_MIGRATIONS).unwrap();
            all.sort_by_key(|m| m.name().to_string());
            for migration in all.iter().filter(|m| before(&m.name().to_string())) {
                c.run_migration(migration).unwrap();
            }
        }
    }
}

async fn events_from_before_the_chain_are_sealed_once_and_only_those(backend: Backend) {
    let (url, _guard) = fresh_database(&backend);
    tokio::task::spawn_blocking(move || {
        let mut conn = db::connect(&url).unwrap();
        migrate_to_before_the_chain(&mut conn);
        // The previous release's rows: two teams' events and some with no team, interleaved.
        execute(
            &mut conn,
            "INSERT INTO teams (name, created_at) VALUES ('Old Desk', '2026-01-02 03:04:05.123456');
             INSERT INTO teams (name, created_at) VALUES ('Other Desk', '2026-01-02 03:04:06');",
        );
        let old_events = 9;
        for n in 0..old_events {
            let team = match n % 3 {
                0 => "1",
                1 => "NULL",
                _ => "2",
            };
            execute(
                &mut conn,
                &format!(
                "INSERT INTO events (team_id, actor_id, entity, entity_id, action, before_value, \
                 after_value, created_at) VALUES ({team}, NULL, 'claim', {n}, 'status', 'a', \
                 'b {n}', '2026-01-02 03:04:{:02}.{:06}')",
                10 + n,
                    n * 1111
                ),
            );
        }

        // Start-up: the chain's migration numbers them, then the application seals them.
        assert_eq!(db::migrate(&url).unwrap(), 1);
        let sealed: Vec<(i64, Option<i64>, Option<String>)> = events::table
            .order(events::id)
            .select((events::id, events::seq, events::hash))
            .load(&mut conn)
            .unwrap();
        assert!(
            sealed
                .iter()
                .all(|(_, seq, hash)| seq.is_some() && hash.is_some()),
            "{sealed:?}"
        );
        assert_eq!(
            db::events::verify(&mut conn).unwrap(),
            Verdict::Intact {
                chains: 3,
                events: old_events
            }
        );
        // Nothing to do the second time; the heads are sealed.
        assert_eq!(db::events::seal(&mut conn).unwrap(), 0);
        let unsealed = event_chains::table
            .filter(event_chains::last_hash.is_null())
            .count()
            .get_result::<i64>(&mut conn)
            .unwrap();
        assert_eq!(unsealed, 0);

        // New events go on where the old ones stop, even one recorded outside a transaction.
        db::write(&mut conn, |conn| {
            db::events::record(
                conn,
                db::events::Change {
                    team_id: Some(1),
                    actor_id: None,
                    entity: "team",
                    entity_id: 1,
                    action: "settings_changed",
                    before: None,
                    after: Some("new"),
                },
            )
        })
        .unwrap();
        db::events::record(
            &mut conn,
            db::events::Change {
                team_id: None,
                actor_id: None,
                entity: "user",
                entity_id: 1,
                action: "password_changed",
                before: None,
                after: None,
            },
        )
        .unwrap();
        let seqs: Vec<Option<i64>> = events::table
            .filter(events::team_id.eq(1))
            .order(events::id)
            .select(events::seq)
            .load(&mut conn)
            .unwrap();
        assert_eq!(seqs, vec![Some(1), Some(2), Some(3), Some(4)]);
        assert_eq!(
            db::events::verify(&mut conn).unwrap(),
            Verdict::Intact {
                chains: 3,
                events: old_events + 2
            }
        );
    })
    .await
    .unwrap();
}

/// Raw SQL, for setting up a database the way an older release left it.
fn execute(conn: &mut DbConn, sql: &str) {
    use diesel::connection::SimpleConnection;
    conn.batch_execute(sql)
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

#[test]
fn audit_refuses_a_sqlite_file_that_does_not_exist_and_creates_none() {
    let path = std::env::temp_dir().join(format!("claimdesk-audit-missing-{}.db", random_hex(6)));
    for args in [&["audit", "verify"][..], &["audit", "export"][..]] {
        let output = claimdesk(&DatabaseUrl::Sqlite(path.clone()), args);
        assert_eq!(output.status.code(), Some(1));
        let stderr = stderr(&output);
        assert_eq!(
            stderr,
            format!("error: no database at {}\n", path.display())
        );
        assert!(!path.exists(), "{args:?} created the file");
    }
}
