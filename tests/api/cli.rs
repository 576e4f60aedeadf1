//! The binary itself: start-up errors and the user commands.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::helpers::random_hex;

fn claimdesk() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_claimdesk"));
    command.env_remove("DATABASE_URL").env("RUST_LOG", "error");
    command
}

#[test]
fn a_bad_database_url_stops_start_up_with_one_clear_line() {
    for (url, expected) in [
        ("mysql://root@localhost/claimdesk", "unknown scheme"),
        (
            "postgres://postgres@127.0.0.1:1/nowhere",
            "cannot open the PostgreSQL database",
        ),
        (
            "/nonexistent-dir/sub/claimdesk.db",
            "cannot open the SQLite database",
        ),
    ] {
        let output = claimdesk()
            .args(["migrate"])
            .env("DATABASE_URL", url)
            .output()
            .unwrap();
        assert!(!output.status.success(), "{url}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(lines.len(), 1, "{url}: {stderr}");
        assert!(lines[0].starts_with("error: "), "{stderr}");
        assert!(lines[0].contains(expected), "{url}: {stderr}");
        assert!(!stderr.contains("panicked"));
    }
}

#[test]
fn a_bad_setting_stops_start_up_with_a_clear_error() {
    let db = std::env::temp_dir().join(format!("claimdesk-never-{}.db", random_hex(6)));
    // `serve`, and `claimdesk` alone, which serves with the environment's settings.
    for args in [&["serve"][..], &[][..]] {
        let output = claimdesk()
            .args(args)
            .env("CLAIMDESK_BIND", "not-an-address")
            .env("DATABASE_URL", &db)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.starts_with("error: CLAIMDESK_BIND"), "{stderr}");
    }
    let output = claimdesk()
        .args(["serve", "--form-limit", "lots"])
        .env("DATABASE_URL", &db)
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("form-limit"));
    assert!(!db.exists(), "a refused start-up opens no database");
}

/// `--help` of a command, as text.
fn help(args: &[&str]) -> String {
    let output = claimdesk().args(args).arg("--help").output().unwrap();
    assert!(output.status.success(), "{args:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn server_options_belong_to_serve_alone() {
    const SERVER_ONLY: [&str; 10] = [
        "--bind",
        "--secure-cookies",
        "--public-url",
        "--form-limit",
        "--article-limit",
        "--idle-timeout",
        "--session-lifetime",
        "--workers",
        "--pool-size",
        "--secret-key",
    ];
    let serve = help(&["serve"]);
    for option in SERVER_ONLY.iter().chain(&["--database-url"]) {
        assert!(serve.contains(option), "serve --help lacks {option}");
    }
    for command in [
        &[][..],
        &["migrate"],
        &["user", "add"],
        &["user", "list"],
        &["backup"],
        &["audit", "verify"],
        &["dev", "seed"],
        &["extract"],
    ] {
        let text = help(command);
        assert!(text.contains("--database-url"), "{command:?}");
        for option in SERVER_ONLY {
            assert!(!text.contains(option), "{command:?} --help shows {option}");
        }
    }
    // The two commands that need one of them take it themselves: links in exports, the article
    // limit in imports.
    let export = help(&["export"]);
    assert!(export.contains("--public-url"));
    assert!(!export.contains("--bind") && !export.contains("--workers"));
    let import = help(&["import"]);
    assert!(import.contains("--article-limit"));
    assert!(!import.contains("--bind") && !import.contains("--form-limit"));
    // Other commands neither take nor read them.
    let output = claimdesk()
        .args(["migrate", "--bind", "127.0.0.1:9"])
        .env("DATABASE_URL", "/nonexistent-dir/x.db")
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(2),
        "clap refuses the unknown flag"
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("--bind"));
}

#[test]
fn user_add_list_and_passwd_work_from_the_command_line() {
    let db = std::env::temp_dir().join(format!("claimdesk-cli-{}.db", random_hex(8)));
    let run = |args: &[&str], stdin: &str| {
        let mut child = claimdesk()
            .args(args)
            .env("DATABASE_URL", &db)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let added = run(
        &[
            "user",
            "add",
            "--email",
            "Rosa@Example.org",
            "--name",
            "Rosa Park",
            "--team",
            "Night Desk",
            "--role",
            "editor",
            "--password-stdin",
        ],
        "granite violet harbor lamp\n",
    );
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let weak = run(
        &[
            "user",
            "add",
            "--email",
            "weak@example.org",
            "--name",
            "Weak",
            "--team",
            "Night Desk",
            "--password-stdin",
        ],
        "password1234\n",
    );
    assert!(!weak.status.success());
    assert!(String::from_utf8_lossy(&weak.stderr).starts_with("error: password"));
    let bad_role = run(
        &[
            "user",
            "add",
            "--email",
            "x@example.org",
            "--name",
            "X",
            "--team",
            "Night Desk",
            "--role",
            "owner",
            "--password-stdin",
        ],
        "granite violet harbor lamp\n",
    );
    assert!(!bad_role.status.success());
    let listed = run(&["user", "list"], "");
    let listing = String::from_utf8_lossy(&listed.stdout);
    assert!(listing.contains("rosa@example.org"), "{listing}");
    assert!(listing.contains("Night Desk (editor)"), "{listing}");
    assert!(!listing.contains("weak@example.org"));
    let changed = run(
        &[
            "user",
            "passwd",
            "--email",
            "rosa@example.org",
            "--password-stdin",
        ],
        "cobalt willow engine river\n",
    );
    assert!(
        changed.status.success(),
        "{}",
        String::from_utf8_lossy(&changed.stderr)
    );
    let unknown = run(
        &[
            "user",
            "passwd",
            "--email",
            "nobody@example.org",
            "--password-stdin",
        ],
        "cobalt willow engine river\n",
    );
    assert!(!unknown.status.success());
    for suffix in ["", "-wal", "-shm", ".key"] {
        let mut file = db.clone().into_os_string();
        file.push(suffix);
        let _ = std::fs::remove_file(file);
    }
}

pub fn database_arg(app: &crate::helpers::TestApp) -> String {
    match &app.database {
        claimdesk::config::DatabaseUrl::Sqlite(path) => path.display().to_string(),
        claimdesk::config::DatabaseUrl::Postgres(url) => url.clone(),
    }
}

async fn import_reads_files_folders_and_jsonl_with_dedupe_and_a_summary(
    backend: crate::helpers::Backend,
) {
    use claimdesk::domain::Role;
    let app = crate::helpers::spawn_app(backend).await;
    let reviewer = app.add_member("Import Desk", Role::Reviewer).await;
    let dir = std::env::temp_dir().join(format!("claimdesk-import-{}", random_hex(6)));
    std::fs::create_dir_all(dir.join("more")).unwrap();
    std::fs::write(
        dir.join("a.txt"),
        "Ferry fares rise\n\nFares rose 8% to $4.50, the operator said.",
    )
    .unwrap();
    std::fs::write(
        dir.join("more/b.md"),
        "# Clinic opens\n\nThe clinic will see 300 patients a week.",
    )
    .unwrap();
    std::fs::write(
        dir.join("more/c.html"),
        "<h1>Bridge works</h1><p>The bridge closes for 12 days.</p><script>x=1</script>",
    )
    .unwrap();
    std::fs::write(
        dir.join("d.jsonl"),
        "{\"title\":\"Harvest\",\"publisher\":\"Farm Post\",\"body\":\"Farmers harvested 2.1 million tonnes.\"}\n\
         {\"title\":\"Duplicate\",\"body\":\"Ferry fares rise\\n\\nFares rose 8% to $4.50, the operator said.\"}\n\
         {\"title\":\"\",\"body\":\"no title\"}\n",
    )
    .unwrap();
    std::fs::write(dir.join("e.pdf"), "%PDF").unwrap();
    let output = claimdesk()
        .args([
            "import",
            "--team",
            "Import Desk",
            "--as",
            &reviewer.email,
            "--quiet",
        ])
        .arg(&dir)
        .env("DATABASE_URL", database_arg(&app))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !output.status.success(),
        "two items fail, so the exit code says so"
    );
    assert_eq!(
        stdout, "imported 4 new article(s) into Import Desk; 1 already there; 2 failed\n",
        "the summary on stdout, nothing else"
    );
    // The failures are errors: stderr, each with where it came from.
    assert!(stderr.contains("e.pdf"), "{stderr}");
    assert!(stderr.contains("d.jsonl:3"), "{stderr}");
    assert!(
        stderr.ends_with("error: 2 item(s) could not be imported\n"),
        "{stderr}"
    );
    let again = claimdesk()
        .args([
            "import",
            "--team",
            "Import Desk",
            "--as",
            &reviewer.email,
            "--quiet",
        ])
        .arg(dir.join("a.txt"))
        .env("DATABASE_URL", database_arg(&app))
        .output()
        .unwrap();
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stdout)
        .contains("0 new article(s) into Import Desk; 1 already there"));
    let client = app.signed_in(&reviewer).await;
    let articles = app.get_html(&client, "/articles").await;
    for title in [
        "Ferry fares rise",
        "Clinic opens",
        "Bridge works",
        "Harvest",
    ] {
        assert!(articles.contains(title), "{title}");
    }
    let outsider = claimdesk()
        .args([
            "import",
            "--team",
            "Import Desk",
            "--as",
            "nobody@example.org",
        ])
        .arg(dir.join("a.txt"))
        .env("DATABASE_URL", database_arg(&app))
        .output()
        .unwrap();
    assert!(!outsider.status.success());
    let _ = std::fs::remove_dir_all(&dir);
}

async fn a_backup_taken_while_serving_restores_with_all_its_data(backend: crate::helpers::Backend) {
    use claimdesk::domain::Role;
    let app = crate::helpers::spawn_app(backend.clone()).await;
    let reviewer = app.add_member("Backup Desk", Role::Reviewer).await;
    let client = app.signed_in(&reviewer).await;
    crate::review::post_article(
        &app,
        &client,
        "Before the backup",
        "The port moved 41 ships in May.",
    )
    .await;
    let copy = std::env::temp_dir().join(format!("claimdesk-backup-{}.db", random_hex(6)));
    let output = claimdesk()
        .arg("backup")
        .arg(&copy)
        .env("DATABASE_URL", database_arg(&app))
        .output()
        .unwrap();
    if let crate::helpers::Backend::Postgres(_) = backend {
        assert!(!output.status.success());
        assert!(String::from_utf8_lossy(&output.stderr).contains("pg_dump"));
        return;
    }
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // The server keeps serving during and after the backup.
    assert_eq!(app.get(&client, "/articles").await.status(), 200);
    let again = claimdesk()
        .arg("backup")
        .arg(&copy)
        .env("DATABASE_URL", database_arg(&app))
        .output()
        .unwrap();
    assert!(
        !again.status.success(),
        "an existing file is never overwritten"
    );
    // Restore: start ClaimDesk on the copy and find the data there.
    let settings = claimdesk::config::Settings::with_database(
        claimdesk::config::DatabaseUrl::Sqlite(copy.clone()),
    );
    let restored = claimdesk::startup::Application::build(settings).expect("the backup opens");
    let pool = restored.pool().clone();
    let port = restored.port();
    tokio::spawn(restored.run_until_stopped());
    let integrity = tokio::task::spawn_blocking(move || {
        use diesel::RunQueryDsl;
        #[derive(diesel::QueryableByName)]
        struct Check {
            #[diesel(sql_type = diesel::sql_types::Text)]
            integrity_check: String,
        }
        let mut conn = pool.get().unwrap();
        diesel::sql_query("PRAGMA integrity_check")
            .load::<Check>(&mut conn)
            .unwrap()
            .remove(0)
            .integrity_check
    })
    .await
    .unwrap();
    assert_eq!(integrity, "ok");
    let browser = crate::helpers::browser();
    let base = format!("http://127.0.0.1:{port}");
    let page = browser
        .get(format!("{base}/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = crate::helpers::csrf_token_in(&page);
    let login = browser
        .post(format!("{base}/login"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("email", reviewer.email.as_str()),
            ("password", reviewer.password.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 303);
    let articles = browser
        .get(format!("{base}/articles"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(articles.contains("Before the backup"));
    for suffix in ["", "-wal", "-shm", ".key"] {
        let mut file = copy.clone().into_os_string();
        file.push(suffix);
        let _ = std::fs::remove_file(file);
    }
}

crate::both_backends!(
    import_reads_files_folders_and_jsonl_with_dedupe_and_a_summary,
    a_backup_taken_while_serving_restores_with_all_its_data,
    backups_are_private_and_a_missing_directory_creates_nothing,
    reading_commands_refuse_a_missing_database_and_create_none,
    user_add_refuses_a_taken_email_unless_told_to_update,
    a_closed_pipe_ends_an_export_quietly,
    the_claimreview_export_types_a_person_as_person,
    dev_seed_fills_the_desk_with_claims_in_every_status,
    searching_a_seeded_desk_pages_common_and_rare_words_alike,
    pages_and_neighbours_by_score_walk_through_ties,
);

async fn dev_seed_fills_the_desk_with_claims_in_every_status(backend: crate::helpers::Backend) {
    let app = crate::helpers::spawn_app(backend).await;
    let (stdout, reviewer) = seed_load_desk(&app, 60);
    assert!(stdout.contains("seeded 60 claims"));
    let client = app.signed_in(&reviewer).await;
    let queue = app.get_html(&client, "/claims").await;
    assert!(
        queue.contains("All <span class=\"count\">60</span>"),
        "{queue}"
    );
    let (_, rows) = {
        let bytes = app
            .get(&client, "/export/claims.csv")
            .await
            .bytes()
            .await
            .unwrap();
        let mut reader = csv::Reader::from_reader(&bytes[..]);
        let header: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect();
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect();
        (header, rows)
    };
    assert_eq!(rows.len(), 60);
    let status = claimdesk::export::csv::COLUMNS
        .iter()
        .position(|c| *c == "status")
        .unwrap();
    let statuses: std::collections::HashSet<&str> =
        rows.iter().map(|r| r[status].as_str()).collect();
    assert!(statuses.len() >= 3, "{statuses:?}");
}

/// The queue rows' statements, in page order.
fn row_statements(html: &str) -> Vec<String> {
    html.split("<td><a href=\"/claims/")
        .skip(1)
        .filter_map(|rest| rest.split_once("\">")?.1.split("</a>").next())
        .map(str::to_lowercase)
        .collect()
}

/// Follows a queue's `rel="next"` links from `first` and returns every claim id listed, in order.
async fn all_pages(
    app: &crate::helpers::TestApp,
    client: &reqwest::Client,
    first: &str,
) -> Vec<i64> {
    let mut ids = Vec::new();
    let mut url = first.to_owned();
    for _ in 0..100 {
        let page = app.get_html(client, &url).await;
        for id in crate::review::claim_ids(&page) {
            assert!(!ids.contains(&id), "claim {id} listed twice");
            ids.push(id);
        }
        match crate::helpers::next_href(&page) {
            Some(next) => url = next,
            None => return ids,
        }
    }
    panic!("more than 100 pages");
}

/// Seeds `claims` claims into the team "Load Desk" with `claimdesk dev seed`; returns what it
/// printed and one of the seeded reviewers.
pub(crate) fn seed_load_desk(
    app: &crate::helpers::TestApp,
    claims: usize,
) -> (String, crate::helpers::TestUser) {
    let output = claimdesk()
        .args([
            "dev",
            "seed",
            "--claims",
            &claims.to_string(),
            "--team",
            "Load Desk",
        ])
        .env("DATABASE_URL", database_arg(app))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let reviewer = crate::helpers::TestUser {
        email: "reviewer1@loaddesk.seed.example.org".into(),
        password: claimdesk::devseed::SEED_PASSWORD.into(),
        name: "reviewer 1".into(),
    };
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        reviewer,
    )
}

// A word in a third of the claims is too common to count; a rarer word is counted. Both page
// through exactly their matches, and every search plan (walk, probe, drive) lists the same claims
// in the same order.
async fn searching_a_seeded_desk_pages_common_and_rare_words_alike(
    backend: crate::helpers::Backend,
) {
    let app = crate::helpers::spawn_app(backend).await;
    let (_, reviewer) = seed_load_desk(&app, 4000);
    let client = app.signed_in(&reviewer).await;
    let common = app.get_html(&client, "/claims?q=Ministry").await;
    let statements = row_statements(&common);
    assert_eq!(statements.len(), 50, "a full first page");
    assert!(
        statements.iter().all(|s| s.contains("ministry")),
        "{statements:?}"
    );
    assert!(
        common.contains("too many to count"),
        "no counts for a common word"
    );
    let common_ids = all_pages(&app, &client, "/claims?q=ministry").await;
    assert!(common_ids.len() > 1000, "{}", common_ids.len());
    let rare = app.get_html(&client, "/claims?q=unemployment").await;
    assert!(!rare.contains("too many to count"));
    let rare_ids = all_pages(&app, &client, "/claims?q=unemployment").await;
    assert!(
        !rare_ids.is_empty() && rare_ids.len() < 1000,
        "{}",
        rare_ids.len()
    );
    assert!(
        rare.contains(&format!(
            "All <span class=\"count\">{}</span>",
            rare_ids.len()
        )),
        "the count is the number of claims listed"
    );
    // Both words: every claim listed under both is in each word's own list.
    let both = all_pages(&app, &client, "/claims?q=ministry+unemployment").await;
    assert!(both
        .iter()
        .all(|id| common_ids.contains(id) && rare_ids.contains(id)));
    // Every plan lists the same claims in the same order, page after page, in every sort.
    let every_plan = app
        .with_db(|conn| {
            use claimdesk::db::claims::queue::{QueueFilter, SearchPlan};
            use claimdesk::domain::{Sort, TeamId};
            let team = TeamId::new(
                claimdesk::db::users::find_team_by_name(
                    conn,
                    &claimdesk::domain::TeamName::parse("Load Desk").unwrap(),
                )
                .unwrap()
                .unwrap()
                .id,
            );
            let mut lists = Vec::new();
            for words in [
                vec!["ministry"],
                vec!["unemployment"],
                vec!["health", "ministry"],
                // Prefixes of several words: the probe spells them out (`claims_fts_terms`).
                vec!["minist"],
                vec!["health", "mi"],
            ] {
                for sort in [Sort::Score, Sort::Newest, Sort::Oldest, Sort::Updated] {
                    let mut per_plan = Vec::new();
                    for plan in [
                        SearchPlan::Index,
                        SearchPlan::Walk,
                        SearchPlan::Probe,
                        SearchPlan::Drive,
                    ] {
                        let filter = QueueFilter {
                            words: words.iter().map(|w| w.to_string()).collect(),
                            sort,
                            ..QueueFilter::everything(None)
                        };
                        per_plan.push(crate::helpers::page_through(
                            conn,
                            team,
                            &filter,
                            (50, plan),
                        ));
                    }
                    lists.push((words.clone(), sort, per_plan));
                }
            }
            lists
        })
        .await;
    for (words, sort, per_plan) in every_plan {
        let walk = &per_plan[1];
        assert!(!walk.is_empty(), "{words:?} {sort:?}");
        for (plan, listed) in ["index", "walk", "probe", "drive"].iter().zip(&per_plan) {
            assert_eq!(listed, walk, "{plan} vs walk: {words:?} {sort:?}");
        }
    }
}

/// Scores take few values, so ordered by score claims tie in groups; a page or a neighbour past a
/// cursor inside a group reads the rest of the group, then the scores beyond (`Part` in
/// `db::claims::queue`). Small pages and every claim's neighbours give the one order; so do a
/// search's, read in the full-text index's order (`SearchPlan::Index`: on SQLite its row ids
/// carry the score), with some of its matches discarded and so not in the queue.
async fn pages_and_neighbours_by_score_walk_through_ties(backend: crate::helpers::Backend) {
    use claimdesk::db::claims::queue::{self as q, QueueFilter, SearchPlan, StatusFilter};
    use claimdesk::domain::{ClaimId, Score, Sort, TeamId, TeamName};
    let by_index = matches!(backend, crate::helpers::Backend::Sqlite);
    let app = crate::helpers::spawn_app(backend).await;
    seed_load_desk(&app, 400);
    // seeded scores are stored as every score is, in thousandths: the index's order is theirs
    let scores: Vec<f64> = app
        .with_db(|conn| {
            use claimdesk::db::schema::claims;
            use diesel::prelude::*;
            claims::table.select(claims::score).load(conn).unwrap()
        })
        .await;
    assert!(scores.iter().all(|s| Score::new(*s).get() == *s));
    app.with_db(|conn| {
        use diesel::connection::SimpleConnection;
        conn.batch_execute("UPDATE claims SET status = 'discarded', discard_reason = 'not checkable' WHERE id % 9 = 4")
            .unwrap();
    })
    .await;
    let everything = QueueFilter {
        sort: Sort::Score,
        ..QueueFilter::everything(None)
    };
    let searched = QueueFilter {
        words: vec!["ministry".to_owned()],
        status: StatusFilter::InWorkflow,
        ..everything.clone()
    };
    for (filter, plan) in [
        (everything, SearchPlan::Walk),
        (searched, SearchPlan::Index),
    ] {
        let searching = !filter.words.is_empty();
        let (whole, paged, neighbours, planned) = app
            .with_db(move |conn| {
                let team = claimdesk::db::users::find_team_by_name(
                    conn,
                    &TeamName::parse("Load Desk").unwrap(),
                )
                .unwrap()
                .unwrap();
                let team = TeamId::new(team.id);
                let (whole, _) =
                    q::queue_planned(conn, team, &filter, 10_000, SearchPlan::Walk).unwrap();
                let whole: Vec<ClaimId> = whole.iter().map(|r| r.id).collect();
                let paged = crate::helpers::page_through(conn, team, &filter, (7, plan));
                let neighbours = crate::helpers::neighbours_of(conn, team, &filter, &whole);
                let planned = claimdesk::db::claims::search::plan_search(conn, team, &filter)
                    .unwrap()
                    .map(|s| s.plan);
                (whole, paged, neighbours, planned)
            })
            .await;
        if !searching {
            assert_eq!(whole.len(), 400);
        } else {
            assert!(whole.len() > 20 && whole.len() < 350, "{}", whole.len());
            // read from the index on SQLite; PostgreSQL has its own plans
            let expected = if by_index {
                SearchPlan::Index
            } else {
                SearchPlan::Drive
            };
            assert_eq!(planned, Some(expected));
        }
        assert_eq!(paged, whole, "pages of 7 list the one order");
        for (i, got) in neighbours.iter().enumerate() {
            let prev = i.checked_sub(1).map(|p| whole[p]);
            let next = whole.get(i + 1).copied();
            assert_eq!(*got, (prev, next), "neighbours of claim #{}", whole[i]);
        }
    }
}

/// The binary with `args` on the test's database; stdin closed.
fn run_on(database: &claimdesk::config::DatabaseUrl, args: &[&str]) -> std::process::Output {
    let url = match database {
        claimdesk::config::DatabaseUrl::Sqlite(path) => path.display().to_string(),
        claimdesk::config::DatabaseUrl::Postgres(url) => url.clone(),
    };
    claimdesk()
        .args(args)
        .env("DATABASE_URL", url)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// `claimdesk user add` with the password on stdin.
fn user_add(app: &crate::helpers::TestApp, args: &[&str], password: &str) -> std::process::Output {
    let mut child = claimdesk()
        .args(["user", "add", "--password-stdin"])
        .args(args)
        .env("DATABASE_URL", database_arg(app))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{password}\n").as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

async fn backups_are_private_and_a_missing_directory_creates_nothing(
    backend: crate::helpers::Backend,
) {
    use std::os::unix::fs::PermissionsExt;
    let app = crate::helpers::spawn_app(backend.clone()).await;
    let dir = std::env::temp_dir().join(format!("claimdesk-backups-{}", random_hex(6)));
    let mistyped = dir.join("no-such-dir").join("copy.db");
    let output = run_on(&app.database, &["backup", mistyped.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(!dir.exists(), "nothing created on the way");
    let stderr = text(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    if let crate::helpers::Backend::Postgres(_) = backend {
        assert!(stderr.contains("pg_dump"), "{stderr}");
        return;
    }
    assert!(
        stderr.contains(&format!(
            "the directory {} does not exist",
            mistyped.parent().unwrap().display()
        )),
        "{stderr}"
    );
    std::fs::create_dir_all(&dir).unwrap();
    let copy = dir.join("copy.db");
    let output = run_on(&app.database, &["backup", copy.to_str().unwrap()]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let mode = std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "only the owner reads a backup: {mode:o}");
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, vec![std::ffi::OsString::from("copy.db")]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A database URL naming nothing: a SQLite path that does not exist, or a PostgreSQL database not
/// on the server (with a way to ask whether it has appeared).
fn missing_database(backend: &crate::helpers::Backend) -> (claimdesk::config::DatabaseUrl, String) {
    match backend {
        crate::helpers::Backend::Sqlite => {
            let path = std::env::temp_dir().join(format!("claimdesk-missing-{}.db", random_hex(6)));
            let name = path.display().to_string();
            (claimdesk::config::DatabaseUrl::Sqlite(path), name)
        }
        crate::helpers::Backend::Postgres(server) => {
            let name = format!("claimdesk_test_missing_{}", random_hex(6));
            let mut url = url::Url::parse(server).unwrap();
            url.set_path(&name);
            (
                claimdesk::config::DatabaseUrl::Postgres(url.to_string()),
                name,
            )
        }
    }
}

fn database_exists(backend: &crate::helpers::Backend, name: &str) -> bool {
    match backend {
        crate::helpers::Backend::Sqlite => std::path::Path::new(name).exists(),
        crate::helpers::Backend::Postgres(server) => {
            use diesel::prelude::*;
            #[derive(diesel::QueryableByName)]
            struct Found {
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                n: i64,
            }
            let mut conn = diesel::pg::PgConnection::establish(server).unwrap();
            diesel::sql_query("SELECT count(*) AS n FROM pg_database WHERE datname = $1")
                .bind::<diesel::sql_types::Text, _>(name)
                .get_result::<Found>(&mut conn)
                .unwrap()
                .n
                > 0
        }
    }
}

async fn reading_commands_refuse_a_missing_database_and_create_none(
    backend: crate::helpers::Backend,
) {
    let (database, name) = missing_database(&backend);
    let copy = std::env::temp_dir().join(format!("claimdesk-copy-{}.db", random_hex(6)));
    for args in [
        &["export", "--team", "Night Desk"][..],
        &["export", "--team", "Night Desk", "--format", "claimreview"],
        &["user", "list"],
        &["backup", copy.to_str().unwrap()],
        &["audit", "verify"],
    ] {
        let output = run_on(&database, args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let stderr = text(&output.stderr);
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        match &backend {
            crate::helpers::Backend::Sqlite => {
                assert_eq!(
                    stderr,
                    format!("error: no database at {name}\n"),
                    "{args:?}"
                )
            }
            crate::helpers::Backend::Postgres(_) if args[0] == "backup" => {
                assert!(stderr.contains("pg_dump"), "{stderr}")
            }
            crate::helpers::Backend::Postgres(_) => assert!(
                stderr.contains("cannot open the PostgreSQL database"),
                "{args:?}: {stderr}"
            ),
        }
        assert!(text(&output.stdout).is_empty(), "{args:?}");
        assert!(!database_exists(&backend, &name), "{args:?} created it");
        assert!(!copy.exists(), "{args:?}");
    }
    if let crate::helpers::Backend::Sqlite = backend {
        for suffix in ["-wal", "-shm", ".key"] {
            assert!(!std::path::Path::new(&format!("{name}{suffix}")).exists());
        }
    }
}

async fn user_add_refuses_a_taken_email_unless_told_to_update(backend: crate::helpers::Backend) {
    let app = crate::helpers::spawn_app(backend).await;
    let first = "granite violet harbor lamp";
    let added = user_add(
        &app,
        &[
            "--email",
            "ana@example.org",
            "--name",
            "Ana Lima",
            "--team",
            "Night Desk",
        ],
        first,
    );
    assert!(added.status.success(), "{}", text(&added.stderr));
    let ana = crate::helpers::TestUser {
        email: "ana@example.org".into(),
        password: first.into(),
        name: "Ana Lima".into(),
    };
    let session = app.signed_in(&ana).await;
    // The same email again, as a typo would: refused, and nothing about Ana changes.
    let again = user_add(
        &app,
        &[
            "--email",
            "ANA@example.org",
            "--name",
            "Someone Else",
            "--team",
            "Day Desk",
            "--role",
            "admin",
        ],
        "cobalt willow engine river",
    );
    assert_eq!(again.status.code(), Some(1));
    let stderr = text(&again.stderr);
    assert_eq!(
        stderr,
        "error: a user with the email ana@example.org already exists; add --update to change \
         their name, password and role\n"
    );
    assert!(text(&again.stdout).is_empty());
    assert_eq!(
        app.get(&session, "/account").await.status(),
        200,
        "still signed in"
    );
    let listed = run_on(&app.database, &["user", "list"]);
    let listing = text(&listed.stdout);
    assert!(listing.contains("Ana Lima"), "{listing}");
    assert!(
        !listing.contains("Someone Else") && !listing.contains("Day Desk"),
        "{listing}"
    );
    // With --update: the new name and password, the role in the (new) team, her sessions ended.
    let second = "cobalt willow engine river";
    let updated = user_add(
        &app,
        &[
            "--email",
            "ana@example.org",
            "--name",
            "Ana Souza",
            "--team",
            "Day Desk",
            "--role",
            "editor",
            "--update",
        ],
        second,
    );
    assert!(updated.status.success(), "{}", text(&updated.stderr));
    assert!(text(&updated.stdout).contains("ana@example.org updated"));
    assert_eq!(
        app.get(&session, "/account").await.status(),
        303,
        "the password change ended her session"
    );
    let old = app
        .login_response(&crate::helpers::browser(), &ana.email, first)
        .await;
    assert_eq!(old.status(), 401, "the old password no longer works");
    let renamed = crate::helpers::TestUser {
        password: second.into(),
        name: "Ana Souza".into(),
        ..ana
    };
    app.signed_in(&renamed).await;
    let listing = text(&run_on(&app.database, &["user", "list"]).stdout);
    assert!(listing.contains("Ana Souza"), "{listing}");
    assert!(listing.contains("Night Desk (reviewer)"), "{listing}");
    assert!(listing.contains("Day Desk (editor)"), "{listing}");
    // --update for an email not taken yet adds the user as usual.
    let fresh = user_add(
        &app,
        &[
            "--email",
            "ben@example.org",
            "--name",
            "Ben Okafor",
            "--team",
            "Day Desk",
            "--update",
        ],
        first,
    );
    assert!(fresh.status.success(), "{}", text(&fresh.stderr));
    assert!(text(&fresh.stdout).contains("ben@example.org is now reviewer in Day Desk"));
    let verified = run_on(&app.database, &["audit", "verify"]);
    assert!(verified.status.success(), "{}", text(&verified.stderr));
}

/// Runs `args` with standard output closed by its reader before a byte is read, as `| head -1`
/// does once it has its line; `stdin` is written (then closed) after that. Returns the output.
fn with_output_closed(
    database: Option<&claimdesk::config::DatabaseUrl>,
    args: &[&str],
    stdin: &[u8],
) -> std::process::Output {
    let mut command = claimdesk();
    if let Some(database) = database {
        command.env(
            "DATABASE_URL",
            match database {
                claimdesk::config::DatabaseUrl::Sqlite(path) => path.display().to_string(),
                claimdesk::config::DatabaseUrl::Postgres(url) => url.clone(),
            },
        );
    }
    let mut child = command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut input = child.stdin.take().unwrap();
    // The command may stop reading once it fails; a refused write here is not the test's concern.
    let _ = input.write_all(stdin);
    drop(input);
    child.wait_with_output().unwrap()
}

async fn a_closed_pipe_ends_an_export_quietly(backend: crate::helpers::Backend) {
    let app = crate::helpers::spawn_app(backend).await;
    seed_load_desk(&app, 60);
    // Seeded published claims get their publication at the next migration.
    let migrated = run_on(&app.database, &["migrate"]);
    assert!(migrated.status.success(), "{}", text(&migrated.stderr));
    for args in [
        &["export", "--team", "Load Desk"][..],
        &["export", "--team", "Load Desk", "--format", "claimreview"],
        &["audit", "export"],
    ] {
        let whole = run_on(&app.database, args);
        assert!(whole.status.success(), "{args:?}: {}", text(&whole.stderr));
        assert!(whole.stdout.len() > 1000, "{args:?} has something to write");
        let cut = with_output_closed(Some(&app.database), args, b"");
        assert_eq!(
            cut.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&cut.stderr)
        );
        assert_eq!(text(&cut.stderr), "", "{args:?} says nothing");
    }
    let article = "The navy sent more than 1,200 sailors and 35 ships to the strait. ".repeat(2000);
    let cut = with_output_closed(None, &["extract", "-"], article.as_bytes());
    assert_eq!(cut.status.code(), Some(0), "{}", text(&cut.stderr));
    assert_eq!(text(&cut.stderr), "");
    // A real failure to write is still an error: a full disk.
    if std::path::Path::new("/dev/full").exists() {
        let full = run_on(
            &app.database,
            &["export", "--team", "Load Desk", "-o", "/dev/full"],
        );
        assert_eq!(full.status.code(), Some(1));
        assert!(text(&full.stderr).starts_with("error: cannot write the export"));
    }
}

async fn the_claimreview_export_types_a_person_as_person(backend: crate::helpers::Backend) {
    use crate::review::{accept_all, act, claim_ids, post_article};
    use claimdesk::domain::Role;
    let app = crate::helpers::spawn_app(backend).await;
    let reviewer = app.add_member("Harbor Desk", Role::Reviewer).await;
    let editor = app.add_member("Harbor Desk", Role::Editor).await;
    let r = app.signed_in(&reviewer).await;
    let e = app.signed_in(&editor).await;
    let article = post_article(
        &app,
        &r,
        "Teachers",
        "The city hired 1,200 new teachers this year, Mayor Ana Lima said.",
    )
    .await;
    let claim = claim_ids(&accept_all(&app, &r, &article).await)[0];
    for (who, action) in [
        (&r, "start_review"),
        (&r, "propose"),
        (&e, "approve"),
        (&e, "publish"),
    ] {
        let fields: Vec<(&str, &str)> = if action == "propose" {
            vec![
                ("action", action),
                ("verdict", "true"),
                (
                    "rationale",
                    "The school board's roll lists 1,200 new teachers.",
                ),
            ]
        } else {
            vec![("action", action)]
        };
        assert_eq!(act(&app, who, claim, &fields).await, 303, "{action}");
    }
    let output = run_on(
        &app.database,
        &["export", "--team", "Harbor Desk", "--format", "claimreview"],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let review: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(review["itemReviewed"]["author"]["@type"], "Person");
    assert_eq!(review["itemReviewed"]["author"]["name"], "Ana Lima");
    assert_eq!(review["author"]["@type"], "Organization", "the desk");
}
