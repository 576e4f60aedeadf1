//! The test harness: `spawn_app` starts the real application (the same `Application::build` that
//! production uses) on port 0 with a fresh database: a temporary SQLite file, or a uuid-named
//! PostgreSQL database when `TEST_DATABASE_URL` points at a server.

use std::path::PathBuf;
use std::time::Duration;

use claimdesk::auth::accounts;
use claimdesk::config::{DatabaseUrl, Settings};
use claimdesk::db::Pool;
use claimdesk::domain::{Email, NewPassword, PersonName, Role, TeamName};
use claimdesk::startup::Application;
use diesel::connection::SimpleConnection;
use diesel::Connection;

/// Runs each named `async fn NAME(backend: Backend)` of the calling module as two tests:
/// `sqlite::NAME` always, and `postgres::NAME` when `TEST_DATABASE_URL` is set.
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::helpers::Backend::Sqlite).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(backend) = $crate::helpers::Backend::postgres() {
                        super::$name(backend).await
                    }
                }
            )*
        }
    };
}

#[derive(Clone, Debug)]
pub enum Backend {
    Sqlite,
    /// The server URL from `TEST_DATABASE_URL` (any database on it; tests create their own).
    Postgres(String),
}

impl Backend {
    pub fn postgres() -> Option<Backend> {
        std::env::var("TEST_DATABASE_URL")
            .ok()
            .filter(|url| !url.trim().is_empty())
            .map(Backend::Postgres)
    }
}

/// Removes the test's database when the test ends.
pub enum DbGuard {
    Sqlite(PathBuf),
    Postgres { server_url: String, name: String },
}

impl Drop for DbGuard {
    fn drop(&mut self) {
        match self {
            DbGuard::Sqlite(path) => {
                for suffix in ["", "-wal", "-shm", ".key"] {
                    let mut file = path.clone().into_os_string();
                    file.push(suffix);
                    let _ = std::fs::remove_file(file);
                }
            }
            DbGuard::Postgres { server_url, name } => {
                if let Ok(mut conn) = diesel::pg::PgConnection::establish(server_url) {
                    let _ = conn
                        .batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"));
                }
            }
        }
    }
}

pub fn random_hex(bytes: usize) -> String {
    claimdesk::auth::new_token()[..bytes * 2].to_owned()
}

/// A fresh, empty database for one test (not migrated: `spawn_app` migrates it).
pub fn fresh_database(backend: &Backend) -> (DatabaseUrl, DbGuard) {
    match backend {
        Backend::Sqlite => {
            let path = std::env::temp_dir().join(format!("claimdesk-test-{}.db", random_hex(12)));
            (DatabaseUrl::Sqlite(path.clone()), DbGuard::Sqlite(path))
        }
        Backend::Postgres(server_url) => {
            let name = format!("claimdesk_test_{}", random_hex(12));
            let mut conn = diesel::pg::PgConnection::establish(server_url)
                .unwrap_or_else(|e| panic!("TEST_DATABASE_URL {server_url} is not reachable: {e}"));
            conn.batch_execute(&format!("CREATE DATABASE \"{name}\""))
                .expect("create the test database");
            let mut url = url::Url::parse(server_url).expect("TEST_DATABASE_URL is a URL");
            url.set_path(&name);
            (
                DatabaseUrl::Postgres(url.to_string()),
                DbGuard::Postgres {
                    server_url: server_url.clone(),
                    name,
                },
            )
        }
    }
}

pub struct TestApp {
    pub address: String,
    /// The metrics listener's address, when the settings asked for one.
    pub metrics_address: Option<String>,
    pub pool: Pool,
    /// The test's database, for running the binary against it.
    pub database: DatabaseUrl,
    _guard: DbGuard,
}

/// A member created for a test, with the password to sign in.
#[derive(Clone, Debug)]
pub struct TestUser {
    pub email: String,
    pub password: String,
    pub name: String,
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, |_| {}).await
}

/// Like `spawn_app`, with the settings adjusted first (short timeouts, small limits…).
pub async fn spawn_app_with(backend: Backend, adjust: impl FnOnce(&mut Settings)) -> TestApp {
    let (database, guard) = fresh_database(&backend);
    let mut settings = Settings::with_database(database.clone());
    settings.workers = Some(1);
    settings.pool_size = 4;
    adjust(&mut settings);
    let app = Application::build(settings).expect("the application starts");
    let port = app.port();
    let metrics_address = app
        .metrics_port()
        .map(|port| format!("http://127.0.0.1:{port}"));
    let pool = app.pool().clone();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        metrics_address,
        pool,
        database,
        _guard: guard,
    }
}

/// A browser: keeps cookies, does not follow redirects (tests look at them).
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .expect("a reqwest client")
}

/// The value of the first `name="csrf_token"` field in a page.
pub fn csrf_token_in(html: &str) -> String {
    let marker = "name=\"csrf_token\" value=\"";
    let start = html
        .find(marker)
        .map(|i| i + marker.len())
        .expect("the page has a CSRF field");
    let end = html[start..].find('"').expect("the CSRF field is closed") + start;
    html[start..end].to_owned()
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// Adds a member (creating the team if needed) the way `claimdesk user add` does.
    pub async fn add_member(&self, team: &str, role: Role) -> TestUser {
        let id = random_hex(4);
        let user = TestUser {
            email: format!("{}-{id}@example.org", role.as_str()),
            password: format!("quartz meadow {id} lantern"),
            name: format!("{} {id}", role.as_str()),
        };
        let (pool, u, team) = (self.pool.clone(), user.clone(), team.to_owned());
        tokio::task::spawn_blocking(move || {
            accounts::add_user(
                &pool,
                Email::parse(&u.email).unwrap(),
                PersonName::parse(&u.name).unwrap(),
                TeamName::parse(&team).unwrap(),
                role,
                NewPassword::parse(&u.password, &[]).unwrap(),
            )
        })
        .await
        .unwrap()
        .expect("the member is added");
        user
    }

    pub async fn get(&self, client: &reqwest::Client, path: &str) -> reqwest::Response {
        client
            .get(self.url(path))
            .send()
            .await
            .expect("GET is answered")
    }

    pub async fn get_html(&self, client: &reqwest::Client, path: &str) -> String {
        self.get(client, path).await.text().await.expect("a body")
    }

    /// Posts a form as a browser would from our own pages (same-origin headers).
    pub async fn post_form(
        &self,
        client: &reqwest::Client,
        path: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        client
            .post(self.url(path))
            .header("Origin", &self.address)
            .header("Sec-Fetch-Site", "same-origin")
            .form(fields)
            .send()
            .await
            .expect("POST is answered")
    }

    /// Signs in through the login form; returns the response to the POST.
    pub async fn login_response(
        &self,
        client: &reqwest::Client,
        email: &str,
        password: &str,
    ) -> reqwest::Response {
        let page = self.get_html(client, "/login").await;
        let csrf = csrf_token_in(&page);
        self.post_form(
            client,
            "/login",
            &[
                ("csrf_token", &csrf),
                ("email", email),
                ("password", password),
            ],
        )
        .await
    }

    /// A fresh browser signed in as `user`.
    pub async fn signed_in(&self, user: &TestUser) -> reqwest::Client {
        let client = browser();
        let response = self
            .login_response(&client, &user.email, &user.password)
            .await;
        assert_eq!(response.status(), 303, "sign-in of {} failed", user.email);
        client
    }

    /// The CSRF token of a signed-in browser, read from a page it can see.
    pub async fn csrf_of(&self, client: &reqwest::Client) -> String {
        csrf_token_in(&self.get_html(client, "/account").await)
    }

    /// The first-run setup token, made the way `claimdesk serve` makes it.
    pub async fn setup_token(&self) -> String {
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || accounts::create_setup_token(&pool))
            .await
            .unwrap()
            .expect("a setup token")
    }

    /// Runs a query on the test's database.
    pub async fn with_db<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut claimdesk::db::DbConn) -> T + Send + 'static,
    ) -> T {
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = pool.get().expect("a connection");
            f(&mut conn)
        })
        .await
        .unwrap()
    }
}

/// The real `claimdesk` binary on the SQLite file `db`, for tests that read what it logs.
/// Every claim of the queue under `filter`, in order, read a page of `limit` at a time by
/// following each page's cursor (from `filter.after`), with the search answered by `plan`.
pub fn page_through(
    conn: &mut claimdesk::db::DbConn,
    team: claimdesk::domain::TeamId,
    filter: &claimdesk::db::claims::queue::QueueFilter,
    (limit, plan): (i64, claimdesk::db::claims::queue::SearchPlan),
) -> Vec<claimdesk::domain::ClaimId> {
    let mut page = filter.clone();
    let mut ids = Vec::new();
    loop {
        let (rows, next) =
            claimdesk::db::claims::queue::queue_planned(conn, team, &page, limit, plan).unwrap();
        ids.extend(rows.iter().map(|r| r.id));
        match next {
            Some(cursor) => page.after = Some(cursor),
            None => return ids,
        }
    }
}

/// The neighbours (`queue::neighbours`) of each of `ids` in the filtered queue.
pub fn neighbours_of(
    conn: &mut claimdesk::db::DbConn,
    team: claimdesk::domain::TeamId,
    filter: &claimdesk::db::claims::queue::QueueFilter,
    ids: &[claimdesk::domain::ClaimId],
) -> Vec<(
    Option<claimdesk::domain::ClaimId>,
    Option<claimdesk::domain::ClaimId>,
)> {
    ids.iter()
        .map(|id| {
            let claim = claimdesk::db::claims::get(conn, team, *id)
                .unwrap()
                .unwrap();
            claimdesk::db::claims::queue::neighbours(conn, team, filter, &claim).unwrap()
        })
        .collect()
}

/// The address of a page's `rel="next"` link, unescaped; `None` on the last page.
pub fn next_href(page: &str) -> Option<String> {
    let at = page.find(" rel=\"next\"")?;
    let start = page[..at]
        .rfind("href=\"")
        .expect("the next link has an href")
        + 6;
    Some(
        page[start..]
            .split('"')
            .next()
            .unwrap()
            .replace("&amp;", "&")
            .replace("&#38;", "&"),
    )
}

pub fn cli(db: &std::path::Path) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_claimdesk"));
    command
        .env("DATABASE_URL", db)
        .env("CLAIMDESK_BIND", "127.0.0.1:0")
        .env("RUST_LOG", "info");
    command
}

/// Adds a member of "Log Desk" with `claimdesk user add --password-stdin`.
pub fn cli_add_user(db: &std::path::Path, email: &str, role: &str, password: &str) {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = cli(db)
        .args([
            "user",
            "add",
            "--email",
            email,
            "--name",
            "Log Tester",
            "--team",
            "Log Desk",
            "--role",
            role,
            "--password-stdin",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{password}\n").as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success());
}

/// `claimdesk serve` run as a process: its address, read from the start-up line, and its log.
pub struct ServedBinary {
    child: std::process::Child,
    pub base: String,
    log: std::thread::JoinHandle<String>,
}

impl ServedBinary {
    /// Starts `command serve` and waits (at most 20 s) for the line naming its address.
    pub fn start(mut command: std::process::Command) -> ServedBinary {
        use std::io::{BufRead, BufReader};
        let mut child = command
            .arg("serve")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let mut base = String::new();
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        let mut line = String::new();
        let mut before = String::new();
        while base.is_empty() && std::time::Instant::now() < deadline {
            line.clear();
            if stderr.read_line(&mut line).unwrap() == 0 {
                break;
            }
            before.push_str(&line);
            if let Some(at) = line.find("listening on ") {
                // Plain text ends the address with a space; a JSON log line with a quote.
                base = line[at + "listening on ".len()..]
                    .split(|c: char| c.is_whitespace() || c == '"')
                    .next()
                    .unwrap()
                    .to_owned();
            }
        }
        assert!(!base.is_empty(), "the server announced its address");
        let log = std::thread::spawn(move || {
            let mut rest = before;
            let mut buf = String::new();
            while stderr.read_line(&mut buf).map(|n| n > 0).unwrap_or(false) {
                rest.push_str(&buf);
                buf.clear();
            }
            rest
        });
        ServedBinary { child, base, log }
    }

    /// Stops the server and returns everything it logged.
    pub fn stop(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.log.join().unwrap()
    }
}
