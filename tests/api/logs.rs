//! The audit log, read from the real binary's output: one line per sign-in success and failure,
//! CSRF rejection and authorization denial; no secrets; user input cannot forge a line.

use crate::helpers::{browser, cli, cli_add_user, csrf_token_in, random_hex, ServedBinary};

#[tokio::test]
async fn audit_lines_record_who_and_what_without_secrets_or_forged_lines() {
    let db = std::env::temp_dir().join(format!("claimdesk-logs-{}.db", random_hex(6)));
    let password = "granite violet harbor lamp";
    cli_add_user(&db, "editor@example.org", "viewer", password);
    let server = ServedBinary::start(cli(&db));
    let base = server.base.clone();

    let client = browser();
    let page = client
        .get(format!("{base}/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = csrf_token_in(&page);
    let forged = "nobody@example.org\r\n2026-01-01T00:00:00Z  INFO claimdesk::audit: event=\"login\" outcome=\"success\"";
    let failed = client
        .post(format!("{base}/login"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("email", forged),
            ("password", "a wrong password here"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(failed.status(), 401);
    let ok = client
        .post(format!("{base}/login"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("email", "editor@example.org"),
            ("password", password),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 303);
    let session_cookie = ok
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("claimdesk_session="))
        .map(|c| {
            c.split(';')
                .next()
                .unwrap()
                .trim_start_matches("claimdesk_session=")
                .to_owned()
        })
        .unwrap();
    let account = client
        .get(format!("{base}/account"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let session_csrf = csrf_token_in(&account);
    let no_token = client
        .post(format!("{base}/team/invites"))
        .form(&[("email", "x@example.org"), ("role", "viewer")])
        .send()
        .await
        .unwrap();
    assert_eq!(no_token.status(), 403);
    let denied = client
        .post(format!("{base}/team/invites"))
        .form(&[
            ("csrf_token", session_csrf.as_str()),
            ("email", "x@example.org"),
            ("role", "viewer"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(denied.status(), 403, "a viewer cannot invite");
    // A server error: the table the queue's saved views live in disappears under the running server.
    // The member sees a generic page with a request id; the log has the cause under the same id.
    {
        use diesel::connection::SimpleConnection;
        let url = claimdesk::config::DatabaseUrl::parse(db.to_str().unwrap()).unwrap();
        let mut conn = claimdesk::db::connect(&url).unwrap();
        conn.batch_execute("DROP TABLE saved_views").unwrap();
    }
    let broken = client.get(format!("{base}/claims")).send().await.unwrap();
    assert_eq!(broken.status(), 500);
    let broken = broken.text().await.unwrap();
    let request_id = broken
        .split("Request id: <code>")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("the 500 page shows a request id")
        .to_owned();
    assert_eq!(request_id.len(), 16, "{broken}");
    assert!(
        !broken.contains("saved_views") && !broken.contains("no such table"),
        "the cause is not shown: {broken}"
    );

    let log = server.stop();
    let lines: Vec<&str> = log.lines().collect();
    let audit = |needle: &str| {
        lines
            .iter()
            .filter(|l| l.contains("claimdesk::audit") && l.contains(needle))
            .count()
    };
    assert_eq!(audit("outcome=\"failure\""), 1, "{log}");
    assert_eq!(
        audit("outcome=\"success\""),
        1,
        "one success, and the forged one is not a line of its own:\n{log}"
    );
    assert_eq!(audit("csrf_rejected"), 1, "{log}");
    assert_eq!(audit("authorization_denied"), 1, "{log}");
    for l in lines.iter().filter(|l| l.contains("event=\"login\"")) {
        assert!(l.contains("email_hash="), "{l}");
        assert!(l.contains("ip=127.0.0.1"), "{l}");
        assert!(l.starts_with("20") && l.contains('Z'), "UTC timestamp: {l}");
    }
    for secret in [
        password,
        session_cookie.as_str(),
        csrf.as_str(),
        session_csrf.as_str(),
        "nobody@example.org",
        "editor@example.org",
    ] {
        assert!(
            !log.contains(secret),
            "the log holds a secret or an address: {secret}\n{log}"
        );
    }
    assert!(
        !lines.iter().any(|l| l.starts_with("2026-01-01T00:00:00Z")),
        "no forged line"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains(&request_id) && l.contains("saved_views") && l.contains("ERROR")),
        "the cause is logged under the request id {request_id}:\n{log}"
    );
    for suffix in ["", "-wal", "-shm", ".key"] {
        let mut file = db.clone().into_os_string();
        file.push(suffix);
        let _ = std::fs::remove_file(file);
    }
}

/// The log of a server on a fresh database that answered `paths` (each with a request id of our
/// own), with `env` set.
async fn request_log(env: &[(&str, &str)], paths: &[&str]) -> String {
    let db = std::env::temp_dir().join(format!("claimdesk-reqlog-{}.db", random_hex(6)));
    cli_add_user(
        &db,
        "viewer@example.org",
        "viewer",
        "granite violet harbor lamp",
    );
    let mut command = cli(&db);
    for (name, value) in env {
        command.env(name, value);
    }
    let server = ServedBinary::start(command);
    let client = browser();
    for (n, path) in paths.iter().enumerate() {
        client
            .get(format!("{}{path}", server.base))
            .header("X-Request-Id", format!("probe-{n}"))
            .send()
            .await
            .unwrap();
    }
    let log = server.stop();
    for suffix in ["", "-wal", "-shm", ".key"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    log
}

#[tokio::test]
async fn every_request_is_one_log_line_with_its_route_status_time_and_id() {
    let log = request_log(&[], &["/healthz", "/claims/42", "/no-such-page"]).await;
    let lines: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("claimdesk::request"))
        .collect();
    assert_eq!(lines.len(), 3, "one line per request:\n{log}");
    assert!(lines[0].contains("GET /healthz 200") && lines[0].contains("request_id=probe-0"));
    // The route as the route table writes it, not the address asked.
    assert!(
        lines[1].contains("GET /claims/{claim_id} 303") && lines[1].contains("request_id=probe-1"),
        "{}",
        lines[1]
    );
    assert!(lines[2].contains("(no route) 404"));
    assert!(lines.iter().all(|l| l.contains("ms ")));
}

#[tokio::test]
async fn json_logs_are_one_object_a_line() {
    let log = request_log(&[("CLAIMDESK_LOG_FORMAT", "json")], &["/healthz"]).await;
    let mut requests = 0;
    for line in log.lines().filter(|l| !l.trim().is_empty()) {
        let object: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not a JSON line ({e}): {line}"));
        if object["target"] == "claimdesk::request" {
            requests += 1;
            let message = object["fields"]["message"].as_str().unwrap();
            assert!(message.contains("GET /healthz 200") && message.contains("probe-0"));
        }
    }
    assert_eq!(requests, 1, "{log}");
}

#[tokio::test]
async fn an_invalid_log_filter_warns_and_logs_at_info() {
    let log = request_log(&[("RUST_LOG", "claimdesk=[nonsense")], &["/healthz"]).await;
    assert!(
        log.contains("is not a valid log filter"),
        "the operator is told: {log}"
    );
    assert!(
        log.contains("claimdesk::request"),
        "and logging goes on at info"
    );
}
