//! Verdicts out: the CSV export.

use claimdesk::domain::Role;

use crate::both_backends;
use crate::helpers::{spawn_app, Backend};
use crate::review::post_article;

both_backends!(
    the_csv_export_has_the_documented_columns_and_one_row_per_claim,
    the_export_takes_the_queues_filters_and_stays_in_the_team,
    formula_cells_are_neutralised_in_the_export,
    the_bom_is_added_on_request,
    exports_are_throttled,
    the_command_line_export_matches_the_web_export,
    a_range_claim_exports_its_upper_bound_beside_its_value,
);

const BODY: &str = "The navy sent more than 1,200 sailors and 35 ships to the strait. The budget rose 12% to $80 million.";

/// The position of a column of the CSV, by its name.
fn col(name: &str) -> usize {
    claimdesk::export::csv::COLUMNS
        .iter()
        .position(|c| *c == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

fn parse(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::ReaderBuilder::new().from_reader(bytes);
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

async fn accepted(
    app: &crate::helpers::TestApp,
    client: &reqwest::Client,
    title: &str,
    body: &str,
) {
    let article = post_article(app, client, title, body).await;
    let csrf = app.csrf_of(client).await;
    let response = app
        .post_form(
            client,
            &format!("{article}/accept-above"),
            &[("csrf_token", &csrf), ("min_score", "0.5")],
        )
        .await;
    assert_eq!(response.status(), 303);
}

async fn the_csv_export_has_the_documented_columns_and_one_row_per_claim(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Harbor Desk", Role::Reviewer).await;
    let viewer = app.add_member("Harbor Desk", Role::Viewer).await;
    let r = app.signed_in(&reviewer).await;
    accepted(&app, &r, "Patrols", BODY).await;
    let v = app.signed_in(&viewer).await;
    let response = app.get(&v, "/export/claims.csv").await;
    assert_eq!(response.status(), 200, "viewers may export");
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        disposition.starts_with("attachment; filename=\"claimdesk-harbor-desk-"),
        "{disposition}"
    );
    assert!(disposition.ends_with(".csv\""));
    let bytes = response.bytes().await.unwrap();
    assert!(!bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    assert!(text.contains("\r\n"), "CRLF line ends");
    let (header, rows) = parse(text.as_bytes());
    assert_eq!(header, claimdesk::export::csv::COLUMNS.to_vec());
    assert!(rows.len() >= 3, "{rows:?}");
    assert_eq!(
        &header[..8],
        [
            "claim_id",
            "claim_url",
            "statement",
            "quantity",
            "value",
            "value_high",
            "unit",
            "qualifier"
        ]
    );
    let sailors = rows
        .iter()
        .find(|r| r[col("quantity")] == "1,200")
        .expect("the sailors claim");
    assert_eq!(sailors[col("value")], "1200");
    assert_eq!(sailors[col("value_high")], "", "one value, no upper bound");
    assert_eq!(sailors[col("unit")], "person");
    assert_eq!(sailors[col("qualifier")], "more_than");
    assert_eq!(sailors[col("status")], "unverified");
    assert!(sailors[1].ends_with(&format!("/claims/{}", sailors[0])));
    assert_eq!(sailors[col("article_title")], "Patrols");
    assert_eq!(sailors[col("publisher")], "Harbor Times");
}

async fn a_range_claim_exports_its_upper_bound_beside_its_value(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Range Desk", Role::Reviewer).await;
    let r = app.signed_in(&reviewer).await;
    accepted(
        &app,
        &r,
        "March",
        "Officials said between 3,000 and 5,000 protesters marched on Monday.",
    )
    .await;
    let (header, rows) = parse(
        &app.get(&r, "/export/claims.csv")
            .await
            .bytes()
            .await
            .unwrap(),
    );
    assert_eq!(header[col("value") + 1], "value_high");
    let range = rows
        .iter()
        .find(|r| r[col("qualifier")] == "range")
        .expect("the range claim");
    assert_eq!(range[col("value")], "3000");
    assert_eq!(range[col("value_high")], "5000");
    assert_eq!(range[col("unit")], "person");
}

async fn the_export_takes_the_queues_filters_and_stays_in_the_team(backend: Backend) {
    let app = spawn_app(backend).await;
    let ours = app.add_member("Desk", Role::Reviewer).await;
    let theirs = app.add_member("Other Desk", Role::Reviewer).await;
    let o = app.signed_in(&ours).await;
    let t = app.signed_in(&theirs).await;
    accepted(&app, &o, "Patrols", BODY).await;
    accepted(
        &app,
        &t,
        "Theirs",
        "The council hired 7 inspectors for 4 districts.",
    )
    .await;
    let (_, ours_rows) = parse(
        &app.get(&o, "/export/claims.csv")
            .await
            .bytes()
            .await
            .unwrap(),
    );
    assert!(
        ours_rows
            .iter()
            .all(|r| r[col("article_title")] == "Patrols"),
        "only the team's claims"
    );
    let (_, none) = parse(
        &app.get(&o, "/export/claims.csv?status=published")
            .await
            .bytes()
            .await
            .unwrap(),
    );
    assert!(none.is_empty());
    let (_, searched) = parse(
        &app.get(&o, "/export/claims.csv?q=sailors")
            .await
            .bytes()
            .await
            .unwrap(),
    );
    assert!(
        !searched.is_empty() && searched.len() < ours_rows.len(),
        "{} of {}",
        searched.len(),
        ours_rows.len()
    );
    assert_eq!(
        app.get(&o, "/export/claims.csv?status=bogus")
            .await
            .status(),
        400
    );
    let anonymous = app
        .get(&crate::helpers::browser(), "/export/claims.csv")
        .await;
    assert_eq!(anonymous.status(), 303);
}

async fn formula_cells_are_neutralised_in_the_export(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let r = app.signed_in(&reviewer).await;
    accepted(
        &app,
        &r,
        "=HYPERLINK(\"http://evil.example\")",
        "@SUM(1) said 4,000 people came.",
    )
    .await;
    let (_, rows) = parse(
        &app.get(&r, "/export/claims.csv")
            .await
            .bytes()
            .await
            .unwrap(),
    );
    assert!(!rows.is_empty());
    for row in &rows {
        assert!(row[col("statement")].starts_with("'@SUM"), "{row:?}");
        assert!(
            row[col("article_title")].starts_with("'=HYPERLINK"),
            "{row:?}"
        );
        assert_eq!(row.len(), claimdesk::export::csv::COLUMNS.len());
    }
}

async fn the_bom_is_added_on_request(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Desk", Role::Reviewer).await;
    let r = app.signed_in(&reviewer).await;
    accepted(&app, &r, "Patrols", BODY).await;
    let bytes = app
        .get(&r, "/export/claims.csv?bom=1")
        .await
        .bytes()
        .await
        .unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFclaim_id,"));
}

async fn exports_are_throttled(backend: Backend) {
    let app = spawn_app(backend).await;
    let viewer = app.add_member("Desk", Role::Viewer).await;
    let v = app.signed_in(&viewer).await;
    for _ in 0..10 {
        assert_eq!(app.get(&v, "/export/claims.csv").await.status(), 200);
    }
    let throttled = app.get(&v, "/export/claims.csv").await;
    assert_eq!(throttled.status(), 429);
    assert!(throttled.headers().contains_key("retry-after"));
}

async fn the_command_line_export_matches_the_web_export(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.add_member("Night Desk", Role::Reviewer).await;
    let r = app.signed_in(&reviewer).await;
    accepted(&app, &r, "Patrols", BODY).await;
    let (web_header, web_rows) = parse(
        &app.get(&r, "/export/claims.csv")
            .await
            .bytes()
            .await
            .unwrap(),
    );
    let url = match &app.database {
        claimdesk::config::DatabaseUrl::Sqlite(path) => path.display().to_string(),
        claimdesk::config::DatabaseUrl::Postgres(url) => url.clone(),
    };
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .args(["export", "--format", "csv", "--team", "Night Desk"])
        .env("DATABASE_URL", url.as_str())
        .env("RUST_LOG", "error")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let (cli_header, cli_rows) = parse(&output.stdout);
    assert_eq!(cli_header, web_header);
    assert_eq!(cli_rows.len(), web_rows.len());
    for (cli, web) in cli_rows.iter().zip(&web_rows) {
        assert_eq!(cli[0], web[0]);
        assert_eq!(cli[2..], web[2..], "same cells but the claim link's host");
    }
    let filtered = std::process::Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .args(["export", "--team", "Night Desk", "--status", "published"])
        .env("DATABASE_URL", url.as_str())
        .env("RUST_LOG", "error")
        .output()
        .unwrap();
    assert!(filtered.status.success());
    assert!(parse(&filtered.stdout).1.is_empty());
    let unknown = std::process::Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .args(["export", "--team", "No Such Desk"])
        .env("DATABASE_URL", url.as_str())
        .output()
        .unwrap();
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no team named"));
}
