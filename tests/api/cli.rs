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
    for suffix in ["", "-wal", "-shm"] {
        let mut file = db.clone().into_os_string();
        file.push(suffix);
        let _ = std::fs::remove_file(file);
    }
}
