//! The command line: `serve` (the default), `migrate`, `user add|passwd|list`, `extract`.

use std::io::{BufRead, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::auth::accounts;
use crate::config::{Settings, SettingsArgs};
use crate::domain::{Email, NewPassword, PersonName, Role, TeamName};
use crate::startup::Application;

#[derive(Parser)]
#[command(
    name = "claimdesk",
    version,
    about = "Fact-check claim tracker: extract the numbers, review them as a team, publish verdicts."
)]
struct Cli {
    #[command(flatten)]
    settings: SettingsArgs,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Start the web server (the default). Prints a one-time setup link when no user exists yet.
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage users from the command line (for scripts and tests).
    #[command(subcommand)]
    User(UserCommand),
    /// Import articles from .txt, .md, .html and .jsonl files or folders of them; extracts their
    /// candidates. The same text twice is found, not duplicated.
    Import(ImportArgs),
    /// Write a consistent copy of the SQLite database to PATH while ClaimDesk runs.
    Backup {
        /// Where to write the copy (must not exist yet).
        path: PathBuf,
    },
    /// Development tools: `dev seed` fills the database with realistic data for benchmarks.
    #[command(subcommand)]
    Dev(DevCommand),
    /// Export a team's claims (all, or those matching the filters) as CSV to stdout or a file.
    Export(ExportArgs),
    /// Print the claim candidates of text files as JSON lines (no database needed). `-` reads stdin.
    Extract {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ExportFormat {
    /// The verdict CSV (the columns of the web export).
    Csv,
    /// The team's published claims as schema.org ClaimReview, one JSON object per line.
    Claimreview,
}

#[derive(clap::Args)]
struct ExportArgs {
    #[arg(long, value_enum, default_value = "csv")]
    format: ExportFormat,
    /// The team whose claims to export (its name).
    #[arg(long)]
    team: String,
    /// Only claims with this status.
    #[arg(long)]
    status: Option<String>,
    /// Only claims with this verdict (its key, e.g. mostly_true).
    #[arg(long)]
    verdict: Option<String>,
    /// Only claims with this tag.
    #[arg(long)]
    tag: Option<String>,
    /// Only claims of this article id.
    #[arg(long)]
    article: Option<i64>,
    /// Only claims matching these words.
    #[arg(long)]
    search: Option<String>,
    /// Start with a UTF-8 byte order mark (for Excel).
    #[arg(long)]
    bom: bool,
    /// Write here instead of stdout.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

#[derive(clap::Args)]
struct ImportArgs {
    /// Files or folders (searched recursively) of .txt, .md, .html or .jsonl articles.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The team the articles go to (its name).
    #[arg(long)]
    team: String,
    /// The member recorded as having added them (an email of the team).
    #[arg(long = "as", value_name = "EMAIL")]
    as_member: String,
    /// No progress bar (it is also hidden when stderr is not a terminal).
    #[arg(long)]
    quiet: bool,
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

/// Parses the command line and runs it. Errors print one line to stderr and exit non-zero.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match execute(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn execute(cli: Cli) -> Result<(), String> {
    if let Some(Command::Extract { files }) = &cli.command {
        return extract(files);
    }
    crate::telemetry::init();
    let settings = Settings::from_args(&cli.settings)?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(settings),
        Command::Migrate => {
            let applied = crate::db::migrate(&settings.database).map_err(|e| e.to_string())?;
            println!(
                "{applied} migration(s) applied to {}",
                settings.database.display()
            );
            Ok(())
        }
        Command::User(user) => user_command(settings, user),
        Command::Export(args) => export(settings, args),
        Command::Import(args) => import(settings, args),
        Command::Dev(DevCommand::Seed { claims, team, seed }) => {
            let pool = crate::db::open(&settings.database, 2).map_err(|e| e.to_string())?;
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
            Ok(())
        }
        Command::Backup { path } => backup(settings, &path),
        Command::Extract { .. } => Ok(()),
    }
}

fn serve(settings: Settings) -> Result<(), String> {
    let bind = settings.bind;
    let public_url = settings.public_url.clone();
    let backend = settings.database.display();
    actix_web::rt::System::new().block_on(async move {
        let app = Application::build(settings).map_err(|e| e.to_string())?;
        let base = public_url.unwrap_or_else(|| {
            let host = if bind.ip().is_unspecified() { "127.0.0.1".to_string() } else { bind.ip().to_string() };
            format!("http://{host}:{}", app.port())
        });
        tracing::info!(database = %backend, "ClaimDesk listening on {base}");
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

fn user_command(settings: Settings, command: UserCommand) -> Result<(), String> {
    let pool = crate::db::open(&settings.database, 2).map_err(|e| e.to_string())?;
    match command {
        UserCommand::Add {
            email,
            name,
            team,
            role,
            password_stdin: _,
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
            accounts::add_user(&pool, email.clone(), name, team.clone(), role, password)
                .map_err(|e| e.to_string())?;
            println!("{email} is now {role} in {team}");
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
        UserCommand::List => {
            let mut conn = pool.get().map_err(|e| e.to_string())?;
            let users =
                crate::db::users::all_users_with_teams(&mut conn).map_err(|e| e.to_string())?;
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
    }
}

fn extract(files: &[PathBuf]) -> Result<(), String> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
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
        for candidate in crate::extract::extract(&text) {
            writeln!(out, "{}", candidate.to_json(&name, &text))
                .map_err(|e| format!("cannot write output: {e}"))?;
        }
    }
    out.flush().map_err(|e| format!("cannot write output: {e}"))
}

fn export(settings: Settings, args: ExportArgs) -> Result<(), String> {
    use crate::db::claims::{export_batch, AssigneeFilter, QueueFilter, Sort};
    use crate::export::csv::{CsvWriter, BOM};

    let pool = crate::db::open(&settings.database, 2).map_err(|e| e.to_string())?;
    let mut conn = pool.get().map_err(|e| e.to_string())?;
    let team_name = TeamName::parse(&args.team).map_err(|e| e.to_string())?;
    let team = crate::db::users::find_team_by_name(&mut conn, &team_name)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no team named {team_name}"))?;
    if let ExportFormat::Claimreview = args.format {
        let base = settings.public_url.as_deref().unwrap_or("");
        let lines =
            crate::web::public::feed_lines(&mut conn, &team, base).map_err(|e| e.to_string())?;
        return match &args.output {
            Some(path) => std::fs::write(path, lines)
                .map_err(|e| format!("cannot write {}: {e}", path.display())),
            None => std::io::stdout()
                .write_all(lines.as_bytes())
                .map_err(|e| format!("cannot write the export: {e}")),
        };
    }
    let status = match &args.status {
        Some(raw) => Some(
            raw.parse::<crate::domain::Status>()
                .map_err(|e| e.to_string())?
                .as_str()
                .to_owned(),
        ),
        None => None,
    };
    let verdict_id = match &args.verdict {
        Some(key) => Some(
            crate::db::verdicts::scale(&mut conn, team.id)
                .map_err(|e| e.to_string())?
                .into_iter()
                .find(|v| &v.key == key)
                .map(|v| v.id)
                .ok_or_else(|| format!("verdict: {key} is not a verdict of this team's scale"))?,
        ),
        None => None,
    };
    let filter = QueueFilter {
        status,
        verdict_id,
        assignee: AssigneeFilter::Anyone,
        article_id: args.article,
        tag: args.tag.map(|t| t.trim().to_lowercase()),
        min_score: None,
        max_score: None,
        words: args
            .search
            .as_deref()
            .map(|q| {
                q.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_lowercase)
                    .collect()
            })
            .unwrap_or_default(),
        sort: Sort::Oldest,
        after: None,
    };
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .map_err(|e| format!("cannot create {}: {e}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let write_error = |e: std::io::Error| format!("cannot write the export: {e}");
    let mut writer = CsvWriter::new(settings.public_url.as_deref().unwrap_or(""));
    if args.bom {
        out.write_all(BOM).map_err(write_error)?;
    }
    writer.header().map_err(|e| e.to_string())?;
    out.write_all(&writer.take()).map_err(write_error)?;
    let (mut after, mut rows_written) = (0i64, 0usize);
    loop {
        let rows =
            export_batch(&mut conn, team.id, &filter, after, 1000).map_err(|e| e.to_string())?;
        let Some(last) = rows.last() else { break };
        after = last.claim_id;
        for row in &rows {
            writer.row(row).map_err(|e| e.to_string())?;
        }
        rows_written += rows.len();
        out.write_all(&writer.take()).map_err(write_error)?;
    }
    out.flush().map_err(write_error)?;
    if let Some(path) = &args.output {
        eprintln!("{rows_written} claim(s) written to {}", path.display());
    }
    Ok(())
}

/// One article to import: where it came from (for the summary) and its fields.
struct ImportItem {
    origin: String,
    raw: Result<crate::domain::RawArticle, String>,
}

fn collect_files(path: &std::path::Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for entry in entries {
            collect_files(&entry, out)?;
        }
    } else if path.is_file() {
        out.push(path.to_path_buf());
    } else {
        return Err(format!("{} does not exist", path.display()));
    }
    Ok(())
}

fn import_items(file: &std::path::Path) -> Vec<ImportItem> {
    let name = file.display().to_string();
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(e) => {
            return vec![ImportItem {
                origin: name,
                raw: Err(format!("cannot read: {e}")),
            }]
        }
    };
    let is_jsonl = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"));
    if is_jsonl {
        let Ok(text) = String::from_utf8(bytes) else {
            return vec![ImportItem {
                origin: name,
                raw: Err("is not UTF-8".into()),
            }];
        };
        return text
            .lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(n, line)| ImportItem {
                origin: format!("{name}:{}", n + 1),
                raw: serde_json::from_str::<crate::domain::RawArticle>(line)
                    .map_err(|e| format!("is not an article object: {e}")),
            })
            .collect();
    }
    let raw = crate::domain::text_from_file(&name, &bytes)
        .map(|body| crate::domain::RawArticle {
            title: crate::domain::title_from_text(&body).unwrap_or_else(|| name.clone()),
            body,
            ..crate::domain::RawArticle::default()
        })
        .map_err(|e| e.to_string());
    vec![ImportItem { origin: name, raw }]
}

fn import(settings: Settings, args: ImportArgs) -> Result<(), String> {
    use crate::db::articles::{ingest, Saved};
    use crate::domain::ArticleDraft;

    let pool = crate::db::open(&settings.database, 2).map_err(|e| e.to_string())?;
    let mut conn = pool.get().map_err(|e| e.to_string())?;
    let team_name = TeamName::parse(&args.team).map_err(|e| e.to_string())?;
    let team = crate::db::users::find_team_by_name(&mut conn, &team_name)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no team named {team_name}"))?;
    let email = Email::parse(&args.as_member).map_err(|e| e.to_string())?;
    let member = crate::db::users::find_user_by_email(&mut conn, &email)
        .map_err(|e| e.to_string())?
        .and_then(|user| {
            crate::db::users::member_of_team(&mut conn, team.id, user.id)
                .ok()
                .flatten()
        })
        .filter(|m| m.active && m.role.at_least(Role::Reviewer))
        .ok_or_else(|| {
            format!("{email} is not an active reviewer, editor or admin of {team_name}")
        })?;
    let mut files = Vec::new();
    for path in &args.paths {
        collect_files(path, &mut files)?;
    }
    let items: Vec<ImportItem> = files.iter().flat_map(|f| import_items(f)).collect();
    let bar = if args.quiet {
        indicatif::ProgressBar::hidden()
    } else {
        indicatif::ProgressBar::new(items.len() as u64)
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} articles {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let (mut created, mut existing, mut failed) = (0usize, 0usize, Vec::new());
    for item in items {
        let result = item
            .raw
            .and_then(|raw| {
                ArticleDraft::parse(&raw, settings.article_limit).map_err(|e| e.to_string())
            })
            .and_then(|draft| {
                ingest(&mut conn, team.id, member.user_id, &draft)
                    .map_err(|e| format!("database: {e}"))
            });
        match result {
            Ok(Saved::Created(_)) => created += 1,
            Ok(Saved::Existing(_)) => existing += 1,
            Err(why) => failed.push((item.origin, why)),
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    println!(
        "imported {created} new article(s) into {team_name}; {existing} already there; {} failed",
        failed.len()
    );
    for (origin, why) in failed.iter().take(20) {
        println!("  {origin}: {why}");
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("{} item(s) could not be imported", failed.len()))
    }
}

fn backup(settings: Settings, path: &std::path::Path) -> Result<(), String> {
    use diesel::RunQueryDsl;

    if let crate::config::DatabaseUrl::Postgres(_) = settings.database {
        return Err("backup copies SQLite databases; for PostgreSQL use pg_dump (e.g. pg_dump -Fc -f claimdesk.dump DATABASE_URL)".into());
    }
    if path.exists() {
        return Err(format!(
            "{} already exists; choose a new file",
            path.display()
        ));
    }
    let target = path.to_str().ok_or("the backup path is not valid UTF-8")?;
    let mut conn = crate::db::connect(&settings.database).map_err(|e| e.to_string())?;
    // VACUUM INTO writes a transactionally consistent copy while other connections keep working.
    diesel::sql_query("VACUUM INTO ?")
        .bind::<diesel::sql_types::Text, _>(target)
        .execute(&mut conn)
        .map_err(|e| format!("backup failed: {e}"))?;
    println!("backup written to {}", path.display());
    Ok(())
}
