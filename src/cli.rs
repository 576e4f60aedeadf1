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
            println!("{email} is a {role} of {team}");
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

    let ExportFormat::Csv = args.format;
    let pool = crate::db::open(&settings.database, 2).map_err(|e| e.to_string())?;
    let mut conn = pool.get().map_err(|e| e.to_string())?;
    let team_name = TeamName::parse(&args.team).map_err(|e| e.to_string())?;
    let team = crate::db::users::find_team_by_name(&mut conn, &team_name)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no team named {team_name}"))?;
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
