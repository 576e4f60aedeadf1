//! `claimdesk import` and `claimdesk export`: articles in and verdicts out in bulk, through the
//! desk like every other edge (`desk::articles::ingest`, `desk::export`, `desk::public`). The
//! command line acts for no member when it exports, so sealed verdicts stay sealed.

use std::io::Write;
use std::path::PathBuf;

use crate::config::DatabaseUrl;
use crate::domain::{Email, Role, TeamName};

use super::{output_error, output_to, said, Stop};

#[derive(Clone, Copy, clap::ValueEnum)]
pub(super) enum ExportFormat {
    /// The verdict CSV (the columns of the web export).
    Csv,
    /// The team's published claims as schema.org ClaimReview, one JSON object per line.
    Claimreview,
}

#[derive(clap::Args)]
pub(super) struct ExportArgs {
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
    /// The address ClaimDesk is reached at, for the claim links in the CSV and the verdict pages
    /// in ClaimReview (unset: links relative to the site).
    #[arg(long, env = "CLAIMDESK_PUBLIC_URL", value_parser = crate::config::parse_public_url)]
    public_url: Option<String>,
}

#[derive(clap::Args)]
pub(super) struct ImportArgs {
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
    /// Largest article body taken, as the server's (e.g. 2MiB); a larger one is listed as failed.
    #[arg(long, env = "CLAIMDESK_ARTICLE_LIMIT", default_value = "2MiB", value_parser = crate::config::parse_size)]
    article_limit: usize,
}

pub(super) fn export(database: &DatabaseUrl, args: ExportArgs) -> Result<(), Stop> {
    use crate::domain::{search_words, QueueQuestion, Tag, VerdictKey};
    use crate::export::csv::{CsvWriter, BOM};

    // An export reads: a mistyped DATABASE_URL is an error, never a new empty database.
    let mut conn = crate::db::connect_existing(database).map_err(|e| e.to_string())?;
    let team_name = TeamName::parse(&args.team).map_err(|e| e.to_string())?;
    let team = crate::db::users::find_team_by_name(&mut conn, &team_name)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no team named {team_name}"))?;
    let base = args.public_url.as_deref().unwrap_or("");
    let write_error = output_error("cannot write the export");
    if let ExportFormat::Claimreview = args.format {
        let lines =
            crate::desk::public::claim_review_lines(&mut conn, &team, base).map_err(said)?;
        let mut out = output_to(args.output.as_deref())?;
        out.write_all(lines.as_bytes()).map_err(&write_error)?;
        return out.flush().map_err(write_error);
    }
    let invalid = |e: crate::domain::Invalid| e.to_string();
    let question = QueueQuestion {
        status: args
            .status
            .as_deref()
            .map(str::parse)
            .transpose()
            .map_err(invalid)?,
        verdict: args
            .verdict
            .as_deref()
            .map(VerdictKey::parse)
            .transpose()
            .map_err(|_| "verdict: is not a verdict of this team's scale".to_owned())?,
        article: args.article.map(crate::domain::ArticleId::new),
        tag: args
            .tag
            .as_deref()
            .map(Tag::parse)
            .transpose()
            .map_err(invalid)?,
        words: args.search.as_deref().map(search_words).unwrap_or_default(),
        ..QueueQuestion::default()
    };
    let team_id = crate::domain::TeamId::new(team.id);
    let filter =
        crate::desk::export::selection(&mut conn, team_id, None, &question).map_err(said)?;
    let mut out = output_to(args.output.as_deref())?;
    let mut writer = CsvWriter::new(base);
    if args.bom {
        out.write_all(BOM).map_err(&write_error)?;
    }
    writer.header().map_err(|e| e.to_string())?;
    out.write_all(&writer.take()).map_err(&write_error)?;
    let (mut after, mut rows_written) = (0i64, 0usize);
    loop {
        let rows = crate::desk::export::batch(&mut conn, team_id, &filter, after).map_err(said)?;
        let Some(last) = rows.last() else { break };
        after = last.claim_id;
        for row in &rows {
            writer.row(row).map_err(|e| e.to_string())?;
        }
        rows_written += rows.len();
        out.write_all(&writer.take()).map_err(&write_error)?;
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

pub(super) fn import(database: &DatabaseUrl, args: ImportArgs) -> Result<(), String> {
    use crate::db::articles::Saved;
    use crate::domain::ArticleDraft;

    let pool = crate::db::open(database, 2).map_err(|e| e.to_string())?;
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
    let member = crate::desk::Member {
        team: crate::domain::TeamId::new(team.id),
        user: crate::domain::UserId::new(member.user_id),
        role: member.role,
    };
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
                ArticleDraft::parse(&raw, args.article_limit).map_err(|e| e.to_string())
            })
            .and_then(|draft| {
                crate::desk::articles::ingest(&mut conn, &member, &draft).map_err(said)
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
    // What failed is an error report: stderr, so that a script reading the summary or
    // redirecting stdout still shows (or logs) the failures apart.
    for (origin, why) in failed.iter().take(20) {
        eprintln!("  {origin}: {why}");
    }
    if failed.len() > 20 {
        eprintln!("  … and {} more", failed.len() - 20);
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("{} item(s) could not be imported", failed.len()))
    }
}
