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
    /// Print the claim candidates of text files as JSON lines (no database needed). `-` reads stdin.
    Extract {
        #[arg(required = true)]
        files: Vec<PathBuf>,
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
