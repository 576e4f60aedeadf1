//! What anyone may read without signing in: the public verdict page of a published claim with its
//! ClaimReview JSON-LD, the team's public corrections log (a page and an Atom feed), and (for
//! members) the team's ClaimReview feed. The pages show the latest publication, which changes only
//! when the claim is published again: a claim being corrected stays up with a notice.

use std::fmt;

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use askama::Template;

use super::page::Chrome;
use super::session::Session;
use super::{blocking, render, AppState};
use crate::db::claims::export::ExportRow;
use crate::db::models::CitationRow;
use crate::db::models::TeamRow;
use crate::db::publications::CorrectionLine;
use crate::desk::public::{self as desk, PublicVerdict};
use crate::domain::{ClaimId, TeamId};
use crate::error::{AppError, AppResult};
use crate::export::claimreview::{claim_reviewed, script_safe};

/// JSON-LD made safe for a `<script>` element by `script_safe`; askama writes it as it is.
pub struct JsonLd(String);

impl fmt::Display for JsonLd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl askama::filters::HtmlSafe for JsonLd {}

/// The base of the public links: from configuration only (`Settings::public_base`), never from the
/// request's `Host` or forwarding headers, which a client chooses (and a cache would keep).
pub fn base_url(state: &AppState) -> String {
    state.settings.public_base()
}

/// How a verdict reads in the corrections log: "Mostly true (4 of 5)".
pub fn verdict_text(label: &Option<String>, rating: Option<i32>) -> String {
    let label = label.as_deref().unwrap_or("no verdict");
    match rating {
        Some(n) => format!("{label} ({n} of 5)"),
        None => label.to_owned(),
    }
}

#[derive(Template)]
#[template(path = "public/verdict.html")]
struct VerdictPage {
    chrome: Chrome,
    row: ExportRow,
    team: TeamRow,
    citations: Vec<CitationRow>,
    archived: Vec<crate::db::evidence::EvidenceView>,
    json_ld: JsonLd,
    first_published: String,
    modified: Option<String>,
    correction_in_progress: Option<String>,
    corrections: Vec<CorrectionLine>,
}

impl VerdictPage {
    /// The archived copy of a published citation, when the vault has one of the address that was
    /// published (a correction in progress may have changed the citation since).
    fn archived_of(&self, citation: &CitationRow) -> Option<&crate::db::evidence::SnapshotMeta> {
        self.archived
            .iter()
            .find(|e| e.citation_id == citation.id)
            .and_then(|e| e.snapshot.as_ref())
            .filter(|s| s.requested_url == citation.url)
    }
}

async fn load(state: &web::Data<AppState>, claim: ClaimId) -> AppResult<PublicVerdict> {
    let pool = state.pool.clone();
    blocking(move || desk::verdict(&mut *pool.get()?, claim)).await
}

fn day(at: chrono::NaiveDateTime) -> String {
    at.format("%Y-%m-%d").to_string()
}

/// `GET /verdicts/{id}`: the public verdict page, with its ClaimReview embedded.
pub async fn verdict_page(
    state: web::Data<AppState>,
    claim: web::Path<ClaimId>,
) -> AppResult<HttpResponse> {
    let claim = claim.into_inner();
    let verdict = load(&state, claim).await?;
    let page_url = format!("{}/verdicts/{claim}", base_url(&state));
    let json_ld = JsonLd(script_safe(&verdict.claim_review(&page_url)));
    let dates = verdict.dates();
    let record = verdict.publication.record;
    render(&VerdictPage {
        chrome: Chrome::anonymous(&format!(
            "Fact check: {}",
            claim_reviewed(&record.claim.statement)
        )),
        row: record.claim,
        team: verdict.team,
        citations: record.citations,
        archived: verdict.archived,
        json_ld,
        first_published: day(dates.published),
        modified: (dates.modified != dates.published).then(|| day(dates.modified)),
        correction_in_progress: verdict.correction_in_progress.map(day),
        corrections: verdict.corrections,
    })
}

/// `GET /claims/{id}/claimreview.json`: the ClaimReview of a published claim.
pub async fn claim_review_json(
    state: web::Data<AppState>,
    claim: web::Path<ClaimId>,
) -> AppResult<HttpResponse> {
    let claim = claim.into_inner();
    let verdict = load(&state, claim).await?;
    let review = verdict.claim_review(&format!("{}/verdicts/{claim}", base_url(&state)));
    Ok(HttpResponse::Ok()
        .content_type("application/ld+json; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .body(review.to_string()))
}

/// `GET /export/claimreview.jsonl`: the team's published claims, one ClaimReview per line. It
/// counts against the member's export budget, like the CSV.
pub async fn feed(state: web::Data<AppState>, session: Session) -> AppResult<HttpResponse> {
    let member = session.member();
    let base = base_url(&state);
    let pool = state.pool.clone();
    let body = blocking(move || {
        let mut conn = pool.get()?;
        crate::desk::export::spend_budget(&mut conn, &member)?;
        let team =
            crate::db::publications::team(&mut conn, member.team)?.ok_or(AppError::NotFound)?;
        desk::claim_review_lines(&mut conn, &team, &base)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .content_type("application/x-ndjson; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"claimreview.jsonl\"",
        ))
        .body(body))
}

#[derive(Template)]
#[template(path = "public/corrections.html")]
struct CorrectionsPage {
    chrome: Chrome,
    team: TeamRow,
    lines: Vec<CorrectionLine>,
}

impl CorrectionsPage {
    fn verdict(&self, label: &Option<String>, rating: &Option<i32>) -> String {
        verdict_text(label, *rating)
    }
}

/// `GET /corrections/{team}`: the team's published corrections, newest first.
pub async fn corrections_page(
    state: web::Data<AppState>,
    team: web::Path<TeamId>,
) -> AppResult<HttpResponse> {
    let (team, lines) = corrections(&state, team.into_inner()).await?;
    render(&CorrectionsPage {
        chrome: Chrome::anonymous(&format!("Corrections by {}", team.name)),
        team,
        lines,
    })
}

async fn corrections(
    state: &web::Data<AppState>,
    team: TeamId,
) -> AppResult<(TeamRow, Vec<CorrectionLine>)> {
    let pool = state.pool.clone();
    blocking(move || desk::corrections_log(&mut *pool.get()?, team)).await
}

/// `GET /corrections/{team}/feed.atom`: the same log as an Atom feed.
pub async fn corrections_feed(
    state: web::Data<AppState>,
    team: web::Path<TeamId>,
) -> AppResult<HttpResponse> {
    let (team, lines) = corrections(&state, team.into_inner()).await?;
    let base = base_url(&state);
    let xml = corrections_atom(&team, &lines, &base).map_err(AppError::internal)?;
    Ok(HttpResponse::Ok()
        .content_type("application/atom+xml; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .body(xml))
}

/// The corrections log as Atom: one entry per correction, linking the corrected verdict page.
pub fn corrections_atom(
    team: &TeamRow,
    lines: &[CorrectionLine],
    base: &str,
) -> Result<String, atom_syndication::Error> {
    use atom_syndication::{Content, Entry, Feed, Link, Person, Text};
    let utc = |at: chrono::NaiveDateTime| at.and_utc().fixed_offset();
    let feed_url = format!("{base}/corrections/{}", team.id);
    let entries: Vec<Entry> = lines
        .iter()
        .map(|line| {
            let page = format!("{base}/verdicts/{}", line.claim_id);
            let summary = format!(
                "{} → {}. {}",
                verdict_text(&line.old_verdict, line.old_rating),
                verdict_text(&line.new_verdict, line.new_rating),
                line.note
            );
            Entry {
                title: Text::plain(format!("Corrected: {}", claim_reviewed(&line.statement))),
                id: format!(
                    "{page}#correction-{}",
                    line.published_at.and_utc().timestamp()
                ),
                updated: utc(line.published_at),
                links: vec![Link {
                    href: page,
                    rel: "alternate".into(),
                    ..Link::default()
                }],
                summary: Some(Text::plain(summary.clone())),
                content: Some(Content {
                    value: Some(summary),
                    content_type: Some("text".into()),
                    ..Content::default()
                }),
                ..Entry::default()
            }
        })
        .collect();
    let updated = lines
        .iter()
        .map(|l| l.published_at)
        .max()
        .unwrap_or(team.created_at);
    let feed = Feed {
        title: Text::plain(format!("Corrections by {}", team.name)),
        id: feed_url.clone(),
        updated: utc(updated),
        authors: vec![Person {
            name: team.name.clone(),
            uri: team.org_url.clone(),
            ..Person::default()
        }],
        links: vec![
            Link {
                href: feed_url.clone(),
                rel: "alternate".into(),
                ..Link::default()
            },
            Link {
                href: format!("{feed_url}/feed.atom"),
                rel: "self".into(),
                ..Link::default()
            },
        ],
        entries,
        ..Feed::default()
    };
    let bytes = feed.write_to(Vec::new())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
