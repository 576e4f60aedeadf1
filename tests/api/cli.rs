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
    let output = claimdesk()
        .args(["migrate"])
        .env("CLAIMDESK_BIND", "not-an-address")
        .env("DATABASE_URL", "/tmp/x.db")
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("CLAIMDESK_BIND"));
    let output = claimdesk()
        .args(["migrate", "--form-limit", "lots"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("form-limit"));
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

fn database_arg(app: &crate::helpers::TestApp) -> String {
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
    assert!(
        !output.status.success(),
        "two items fail, so the exit code says so"
    );
    assert!(
        stdout.contains("imported 4 new article(s) into Import Desk; 1 already there; 2 failed"),
        "{stdout}"
    );
    assert!(stdout.contains("e.pdf"));
    assert!(stdout.contains("d.jsonl:3"));
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
    dev_seed_fills_the_desk_with_claims_in_every_status,
    searching_a_seeded_desk_pages_common_and_rare_words_alike,
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
    let statuses: std::collections::HashSet<&str> = rows.iter().map(|r| r[13].as_str()).collect();
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
        match page
            .split(" rel=\"next\"")
            .next()
            .filter(|head| head.len() < page.len())
        {
            Some(head) => {
                let start = head.rfind("href=\"").expect("the next link has an href") + 6;
                url = head[start..]
                    .trim_end_matches('"')
                    .replace("&amp;", "&")
                    .replace("&#38;", "&");
            }
            None => return ids,
        }
    }
    panic!("more than 100 pages");
}

/// Seeds `claims` claims into the team "Load Desk" with `claimdesk dev seed`; returns what it
/// printed and one of the seeded reviewers.
fn seed_load_desk(
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
            use claimdesk::db::claims::{self as q, AssigneeFilter, QueueFilter, SearchPlan, Sort};
            let team = claimdesk::db::users::find_team_by_name(
                conn,
                &claimdesk::domain::TeamName::parse("Load Desk").unwrap(),
            )
            .unwrap()
            .unwrap()
            .id;
            let mut lists = Vec::new();
            for words in [
                vec!["ministry"],
                vec!["unemployment"],
                vec!["health", "ministry"],
            ] {
                for sort in [Sort::Score, Sort::Newest, Sort::Oldest, Sort::Updated] {
                    let mut per_plan = Vec::new();
                    for plan in [SearchPlan::Walk, SearchPlan::Probe, SearchPlan::Drive] {
                        let mut filter = QueueFilter {
                            status: None,
                            verdict_id: None,
                            assignee: AssigneeFilter::Anyone,
                            article_id: None,
                            tag: None,
                            min_score: None,
                            max_score: None,
                            words: words.iter().map(|w| w.to_string()).collect(),
                            sort,
                            after: None,
                        };
                        let mut ids = Vec::new();
                        loop {
                            let (rows, next) =
                                q::queue_planned(conn, team, &filter, 50, plan).unwrap();
                            ids.extend(rows.iter().map(|r| r.id));
                            match next {
                                Some(cursor) => filter.after = Some(cursor),
                                None => break,
                            }
                        }
                        per_plan.push(ids);
                    }
                    lists.push((words.clone(), sort, per_plan));
                }
            }
            lists
        })
        .await;
    for (words, sort, per_plan) in every_plan {
        assert!(!per_plan[0].is_empty(), "{words:?} {sort:?}");
        assert_eq!(
            per_plan[0], per_plan[1],
            "walk vs probe: {words:?} {sort:?}"
        );
        assert_eq!(
            per_plan[0], per_plan[2],
            "walk vs drive: {words:?} {sort:?}"
        );
    }
}
