//! The command line: `serve` (the default), `migrate`, `user add|passwd|list`, `import`, `backup`,
//! `dev seed`, `export`, `audit verify|export`, `extract`. `--database-url` belongs to every
//! command; the server's options to `serve` alone. A failure prints one `error:` line on stderr
//! and exits 1; a closed standard output (`| head -1`) ends a command quietly with 0.

use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::auth::accounts;
use crate::config::{DatabaseArgs, DatabaseUrl, Settings, SettingsArgs};
use crate::domain::{Email, NewPassword, PersonName, Role, TeamName};
use crate::startup::Application;

mod background;
mod transfer;

use transfer::{ExportArgs, ImportArgs};

#[derive(Parser)]
#[command(
    name = "claimdesk",
    version,
    about = "Fact-check claim tracker: extract the numbers, review them as a team, publish verdicts."
)]
struct Cli {
    #[command(flatten)]
    database: DatabaseArgs,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Start the web server; `claimdesk` alone does the same with its settings from the
    /// environment. Prints a one-time setup link when no user exists yet.
    Serve(Box<SettingsArgs>),
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage users from the command line (for scripts and tests).
    #[command(subcommand)]
    User(UserCommand),
    /// Import articles from .txt, .md, .html and .jsonl files or folders of them; extracts their
    /// candidates. The same text twice is found, not duplicated.
    Import(ImportArgs),
    /// Write a consistent copy of the SQLite database to PATH while ClaimDesk runs (mode 0600).
    Backup {
        /// Where to write the copy: a new file in an existing directory.
        path: PathBuf,
    },
    /// Development tools: `dev seed` fills the database with realistic data for benchmarks.
    #[command(subcommand)]
    Dev(DevCommand),
    /// Export a team's claims (all, or those matching the filters) as CSV to stdout or a file.
    Export(ExportArgs),
    /// Tamper evidence for the history: check its hash chains, or write them out. Reads an existing,
    /// migrated database and changes nothing.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// The evidence vault: `citations recheck` fetches every cited page again now and flags those
    /// changed since cited or gone (the server also does it every CLAIMDESK_RECHECK_EVERY).
    #[command(subcommand)]
    Citations(CitationsCommand),
    /// Watchlists: `watch run-once` polls every watched feed now (the server also polls every
    /// CLAIMDESK_FEED_EVERY).
    #[command(subcommand)]
    Watch(WatchCommand),
    /// Print the claim candidates of text files as JSON lines (no database needed). `-` reads stdin.
    Extract {
        /// The language of the texts: en, es, ko, or auto (detected per file).
        #[arg(long, default_value = "auto", value_parser = parse_lang)]
        lang: LangChoice,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Subcommand)]
enum CitationsCommand {
    /// Fetch every archived cited page again (and archive those not archived yet); prints how
    /// many are unchanged, changed since cited, gone or not archived.
    Recheck(background::RecheckArgs),
}

#[derive(Subcommand)]
enum WatchCommand {
    /// Poll every watched feed now (asking conditionally), bring new items in as articles, and
    /// print what each feed's poll brought.
    RunOnce(background::RunOnceArgs),
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Check every event chain. Prints a summary and exits 0 when intact; otherwise prints
    /// `broken: event ID (team ID|none): what is wrong` for the first broken event and exits 1.
    Verify,
    /// Write every event with its chain fields (seq, prev_hash, hash) as one JSON object per line,
    /// chain by chain in seq order.
    Export {
        /// Only this team's chain (the team's id), or `none` for the events of no team.
        #[arg(long, value_name = "ID|none", value_parser = parse_team_chain)]
        team: Option<TeamChain>,
        /// Write here instead of stdout.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

/// The chain `audit export --team` names: a team's id, or none for the no-team chain.
#[derive(Clone, Copy, Debug)]
struct TeamChain(Option<i64>);

fn parse_team_chain(raw: &str) -> Result<TeamChain, String> {
    if raw.eq_ignore_ascii_case("none") {
        return Ok(TeamChain(None));
    }
    match raw.parse::<i64>() {
        Ok(id) if id > 0 => Ok(TeamChain(Some(id))),
        _ => Err("must be a team id (a positive number) or `none`".into()),
    }
}

#[derive(Subcommand)]
enum DevCommand {
    /// Add N claims with their articles, citations, comments, history and a team of members.
    Seed {
        #[arg(long)]
        claims: usize,
        /// The team to fill (created with seeded members when new).
        #[arg(long, default_value = "Load Desk")]
        team: String,
        /// Seed of the deterministic generator.
        #[arg(long, default_value = "42")]
        seed: u64,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a user (and the team, if new) and make them a member with a role.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        team: String,
        #[arg(long, default_value = "reviewer")]
        role: String,
        /// Read the password from the first line of standard input.
        #[arg(long, required = true)]
        password_stdin: bool,
        /// When the email is taken, update that user instead of failing: their name, their
        /// password (ending their sessions) and their role in the team.
        #[arg(long)]
        update: bool,
    },
    /// Set a user's password; ends all their sessions.
    Passwd {
        #[arg(long)]
        email: String,
        /// Read the password from the first line of standard input.
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// List users with their teams and roles.
    List,
}

/// Parses the command line and runs it. Errors print one line to stderr and exit 1; a reader
/// that stops reading the output (`claimdesk export | head -1`) is not an error.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match execute(cli) {
        Ok(code) => code,
        Err(Stop::OutputClosed) => ExitCode::SUCCESS,
        Err(Stop::Failed(message)) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Why a command stopped before its end.
#[derive(Debug)]
enum Stop {
    /// A failure, said in one line.
    Failed(String),
    /// Standard output was closed by its reader (a pipe into `head`): the reader has what it
    /// wanted, so the command ends quietly with success.
    OutputClosed,
}

impl From<String> for Stop {
    fn from(message: String) -> Stop {
        Stop::Failed(message)
    }
}

impl From<&str> for Stop {
    fn from(message: &str) -> Stop {
        Stop::Failed(message.to_owned())
    }
}

/// A failed write of a command's output: a closed pipe ends the command quietly, anything else
/// is said with `what` ("cannot write the export: …").
fn output_error(what: &'static str) -> impl Fn(std::io::Error) -> Stop {
    move |error| {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            Stop::OutputClosed
        } else {
            Stop::Failed(format!("{what}: {error}"))
        }
    }
}

/// Where a command writes: the file named by `-o` (created, or truncated), else standard output.
fn output_to(path: Option<&Path>) -> Result<Box<dyn Write>, Stop> {
    Ok(match path {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .map_err(|e| format!("cannot create {}: {e}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    })
}

/// The server's settings from the environment and the defaults alone, for `claimdesk` with no
/// command. A bad environment value ends the process as the same value given to `serve` does.
fn serve_settings_from_env() -> SettingsArgs {
    use clap::{Args, FromArgMatches};
    let matches = SettingsArgs::augment_args(clap::Command::new("claimdesk"))
        .try_get_matches_from(["claimdesk"])
        .unwrap_or_else(|e| e.exit());
    SettingsArgs::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

/// How the command line says a desk refusal or failure: the public message of a refusal, the
/// whole cause of an internal error (the operator is the one who needs it).
fn said(error: crate::error::AppError) -> String {
    match error {
        crate::error::AppError::Internal(cause) => cause.to_string(),
        refused => refused.public().message,
    }
}

fn execute(cli: Cli) -> Result<ExitCode, Stop> {
    if let Some(Command::Extract { lang, files }) = &cli.command {
        return extract(files, *lang).map(|()| ExitCode::SUCCESS);
    }
    crate::telemetry::init(cli.database.log_format);
    let command = cli
        .command
        .unwrap_or_else(|| Command::Serve(Box::new(serve_settings_from_env())));
    if let Command::Serve(server) = &command {
        serve(Settings::from_args(&cli.database, server)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let database = DatabaseUrl::parse(&cli.database.database_url)?;
    match command {
        Command::Serve(_) | Command::Extract { .. } => {}
        Command::Migrate => {
            let applied = crate::db::migrate(&database).map_err(|e| e.to_string())?;
            println!("{applied} migration(s) applied to {}", database.display());
        }
        Command::User(user) => user_command(&database, user)?,
        Command::Export(args) => transfer::export(&database, args)?,
        Command::Citations(CitationsCommand::Recheck(args)) => {
            background::recheck(&database, args)?
        }
        Command::Watch(WatchCommand::RunOnce(args)) => background::run_once(&database, args)?,
        Command::Import(args) => transfer::import(&database, args)?,
        Command::Dev(DevCommand::Seed { claims, team, seed }) => {
            let pool = crate::db::open(&database, 2).map_err(|e| e.to_string())?;
            let started = std::time::Instant::now();
            let bar = indicatif::ProgressBar::new(claims as u64);
            let summary =
                crate::devseed::seed(&pool, &team, claims, seed, |n| bar.set_position(n as u64))
                    .map_err(|e| e.to_string())?;
            bar.finish_and_clear();
            println!(
                "seeded {} claims in {} articles into {} ({} members, password \"{}\") in {:.1} s",
                summary.claims,
                summary.articles,
                summary.team,
                summary.members,
                crate::devseed::SEED_PASSWORD,
                started.elapsed().as_secs_f64()
            );
        }
        Command::Backup { path } => backup(&database, &path)?,
        Command::Audit(command) => return audit(&database, command),
    }
    Ok(ExitCode::SUCCESS)
}

/// Why `audit export` stopped.
#[derive(Debug, thiserror::Error)]
enum AuditExportError {
    #[error("cannot read the history: {0}")]
    Database(#[from] diesel::result::Error),
    #[error("cannot write the export: {0}")]
    Write(#[from] std::io::Error),
    #[error("cannot write an event as JSON: {0}")]
    Json(#[from] serde_json::Error),
}

fn audit(database: &DatabaseUrl, command: AuditCommand) -> Result<ExitCode, Stop> {
    use crate::audit::Verdict;
    use crate::db::events::{self, Chains};

    let mut conn = crate::db::connect_existing(database).map_err(|e| e.to_string())?;
    match command {
        AuditCommand::Verify => {
            let started = std::time::Instant::now();
            let verdict =
                events::verify(&mut conn).map_err(|e| format!("cannot read the history: {e}"))?;
            match verdict {
                Verdict::Intact { chains, events } => {
                    println!(
                        "history intact: {events} event(s) in {chains} chain(s) checked in {:.1} s",
                        started.elapsed().as_secs_f64()
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Verdict::Broken(broken) => {
                    eprintln!("broken: {broken}");
                    Ok(ExitCode::FAILURE)
                }
            }
        }
        AuditCommand::Export { team, output } => {
            let which = team.map_or(Chains::All, |TeamChain(team)| Chains::Only(team));
            let mut out = output_to(output.as_deref())?;
            let written = events::export(&mut conn, which, |row| {
                let line = crate::audit::json_line(row)?;
                out.write_all(line.as_bytes())?;
                out.write_all(b"\n")?;
                Ok::<(), AuditExportError>(())
            })
            .and_then(|n| {
                out.flush()?;
                Ok(n)
            })
            .map_err(|e| match e {
                AuditExportError::Write(e) => output_error("cannot write the export")(e),
                other => Stop::Failed(other.to_string()),
            })?;
            if let Some(path) = &output {
                eprintln!("{written} event(s) written to {}", path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn serve(settings: Settings) -> Result<(), String> {
    let backend = settings.database.display();
    let metrics_ip = settings.metrics_bind.map(|addr| addr.ip());
    let (bind_ip, configured) = (settings.bind.ip(), settings.public_url.is_some());
    actix_web::rt::System::new().block_on(async move {
        let app = Application::build(settings).map_err(|e| e.to_string())?;
        let base = app.public_base().to_owned();
        let bound =
            crate::config::public_url_from_bind(std::net::SocketAddr::new(bind_ip, app.port()));
        if configured {
            tracing::info!(database = %backend, "ClaimDesk listening on {bound} (public address {base})");
        } else {
            tracing::info!(database = %backend, "ClaimDesk listening on {base}");
        }
        if let (Some(ip), Some(port)) = (metrics_ip, app.metrics_port()) {
            let at = std::net::SocketAddr::new(ip, port);
            tracing::info!("Prometheus metrics on http://{at}/metrics");
        }
        let pool = app.pool().clone();
        let setup = actix_web::web::block(move || -> Result<Option<String>, String> {
            let mut conn = pool.get().map_err(|e| e.to_string())?;
            let users = crate::db::users::count_users(&mut conn).map_err(|e| e.to_string())?;
            if users > 0 {
                return Ok(None);
            }
            accounts::create_setup_token(&pool).map(Some).map_err(|e| e.to_string())
        })
        .await
        .map_err(|e| e.to_string())??;
        if let Some(token) = setup {
            println!("\nNo account exists yet. Open this one-time link to create your team and its admin:\n\n    {base}/setup?token={token}\n");
            let _ = std::io::stdout().flush();
        }
        app.run_until_stopped().await.map_err(|e| e.to_string())
    })
}

fn read_password_line() -> Result<String, String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| format!("cannot read the password from stdin: {e}"))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

fn user_command(database: &DatabaseUrl, command: UserCommand) -> Result<(), String> {
    if let UserCommand::List = command {
        return list_users(database);
    }
    let pool = crate::db::open(database, 2).map_err(|e| e.to_string())?;
    match command {
        UserCommand::Add {
            email,
            name,
            team,
            role,
            password_stdin: _,
            update,
        } => {
            let email = Email::parse(&email).map_err(|e| e.to_string())?;
            let name = PersonName::parse(&name).map_err(|e| e.to_string())?;
            let team = TeamName::parse(&team).map_err(|e| e.to_string())?;
            let role: Role = role
                .parse()
                .map_err(|e: crate::domain::Invalid| e.to_string())?;
            let password = read_password_line()?;
            let password = NewPassword::parse(&password, &[email.as_str(), name.as_str()])
                .map_err(|e| e.to_string())?;
            if update {
                let done = accounts::add_or_update_user(
                    &pool,
                    email.clone(),
                    name,
                    team.clone(),
                    role,
                    password,
                )
                .map_err(said)?;
                match done {
                    accounts::Added::Created => println!("{email} is now {role} in {team}"),
                    accounts::Added::Updated => println!(
                        "{email} updated: name and password set (their sessions have ended), now {role} in {team}"
                    ),
                }
            } else {
                accounts::add_user(&pool, email.clone(), name, team.clone(), role, password)
                    .map_err(said)?;
                println!("{email} is now {role} in {team}");
            }
            Ok(())
        }
        UserCommand::Passwd {
            email,
            password_stdin: _,
        } => {
            let email = Email::parse(&email).map_err(|e| e.to_string())?;
            let password = read_password_line()?;
            let password =
                NewPassword::parse(&password, &[email.as_str()]).map_err(|e| e.to_string())?;
            accounts::reset_password(&pool, email.clone(), password).map_err(|e| match e {
                crate::error::AppError::NotFound => format!("no user with the email {email}"),
                other => other.to_string(),
            })?;
            println!("password changed for {email}; their sessions have ended");
            Ok(())
        }
        UserCommand::List => list_users(database),
    }
}

/// `claimdesk user list`: reads an existing, migrated database only.
fn list_users(database: &DatabaseUrl) -> Result<(), String> {
    let mut conn = crate::db::connect_existing(database).map_err(|e| e.to_string())?;
    let users = crate::db::users::all_users_with_teams(&mut conn).map_err(|e| e.to_string())?;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{:<32} {:<24} {:<8} teams", "email", "name", "active");
    for (user, teams) in users {
        let teams: Vec<String> = teams
            .iter()
            .map(|(team, role)| format!("{team} ({role})"))
            .collect();
        let _ = writeln!(
            out,
            "{:<32} {:<24} {:<8} {}",
            user.email,
            user.name,
            user.active,
            teams.join(", ")
        );
    }
    Ok(())
}

/// The language `extract` reads its files in.
#[derive(Clone, Copy)]
enum LangChoice {
    /// Detected per file.
    Auto,
    Fixed(crate::extract::Lang),
}

fn parse_lang(s: &str) -> Result<LangChoice, String> {
    if s.eq_ignore_ascii_case("auto") {
        return Ok(LangChoice::Auto);
    }
    s.parse().map(LangChoice::Fixed)
}

fn extract(files: &[PathBuf], lang: LangChoice) -> Result<(), Stop> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = output_error("cannot write output");
    for file in files {
        let name = file.to_string_lossy();
        let text = if name == "-" {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| format!("cannot read stdin as UTF-8 text: {e}"))?;
            text
        } else {
            let bytes = std::fs::read(file).map_err(|e| format!("cannot read {name}: {e}"))?;
            String::from_utf8(bytes).map_err(|e| {
                format!(
                    "{name} is not UTF-8 text (byte {})",
                    e.utf8_error().valid_up_to()
                )
            })?
        };
        let lang = match lang {
            LangChoice::Auto => crate::extract::detect(&text),
            LangChoice::Fixed(lang) => lang,
        };
        for candidate in crate::extract::extract_in(&text, lang) {
            writeln!(out, "{}", candidate.to_json(&name, &text)).map_err(&written)?;
        }
    }
    out.flush().map_err(written)
}

/// `claimdesk backup PATH`: `VACUUM INTO` a new file that only its owner can read.
fn backup(database: &DatabaseUrl, path: &Path) -> Result<(), String> {
    use diesel::RunQueryDsl;
    use std::os::unix::fs::OpenOptionsExt;

    if let DatabaseUrl::Postgres(_) = database {
        return Err("backup copies SQLite databases; for PostgreSQL use pg_dump (e.g. pg_dump -Fc -f claimdesk.dump DATABASE_URL)".into());
    }
    let target = path.to_str().ok_or("the backup path is not valid UTF-8")?;
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    if !directory.is_dir() {
        return Err(format!(
            "cannot write the backup to {}: the directory {} does not exist",
            path.display(),
            directory.display()
        ));
    }
    let mut conn = crate::db::connect_as_is(database).map_err(|e| e.to_string())?;
    // The copy holds every password hash and session of the desk: it is created here, empty and
    // readable by its owner only, before a byte is written (VACUUM INTO accepts an empty file and
    // keeps its mode), so it is never readable by others, not even for a moment as with a chmod
    // afterwards. `create_new` also refuses an existing file atomically.
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => {
                format!("{} already exists; choose a new file", path.display())
            }
            _ => format!("cannot create {}: {e}", path.display()),
        })?;
    // VACUUM INTO writes a transactionally consistent copy while other connections keep working.
    let copied = diesel::sql_query("VACUUM INTO ?")
        .bind::<diesel::sql_types::Text, _>(target)
        .execute(&mut conn);
    if let Err(e) = copied {
        // Leave nothing behind that could pass for a backup.
        let _ = std::fs::remove_file(path);
        return Err(format!("backup failed: {e}"));
    }
    println!("backup written to {}", path.display());
    Ok(())
}
