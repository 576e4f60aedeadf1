//! The evidence vault's rules: every cited page is archived in the background (the bytes, their
//! SHA-256, the text), the citation's excerpt is looked for in it, and the page is fetched again
//! now and then to say whether it changed since it was cited or is gone. The archived copy stays
//! whatever the page does later. A team's snapshots are capped (`CLAIMDESK_VAULT_LIMIT`).
//!
//! The job handlers (`archive`, `recheck`) may run twice for one job (the queue is at least once):
//! each reads the citation as it is now and writes its evidence whole, so a second run changes
//! nothing a first one did not.

use std::io::{Read, Write};
use std::time::Duration;

use chrono::{NaiveDateTime, TimeDelta};
use sha2::{Digest, Sha256};

use super::Member;
use crate::db::evidence::{self as rows, EvidenceUpdate, EvidenceView, NewSnapshot, Target};
use crate::db::{self, jobs, DbConn};
use crate::domain::evidence::{excerpt_found, text_diff, EvidenceState};
use crate::domain::{text_of_html, CitationId, ClaimId, Role, TeamId};
use crate::error::{AppError, AppResult};
use crate::fetch::{page, FetchError, Fetched};
use crate::jobs::{Attempt, Context, Outcome};

/// Fetch a cited page for the first time (or again after its address changed).
pub const ARCHIVE: &str = "citation.archive";
/// Fetch a cited page again and compare it with its archived copy.
pub const RECHECK: &str = "citation.recheck";

/// In the transaction that adds a citation or changes its address: the page will be archived.
pub fn archive_later(
    tx: &mut DbConn,
    team: TeamId,
    citation: CitationId,
    now: NaiveDateTime,
) -> diesel::QueryResult<()> {
    rows::set_pending(tx, team, citation)?;
    jobs::enqueue(tx, Some(team), ARCHIVE, citation.get(), now)
}

/// In the transaction that changes a citation's excerpt (not its address): it is looked for
/// again in the archived text.
pub fn excerpt_edited(
    tx: &mut DbConn,
    citation: CitationId,
    excerpt: Option<&str>,
) -> diesel::QueryResult<()> {
    let Some(snapshot) = rows::target(tx, citation)?.and_then(|t| t.snapshot_id) else {
        return Ok(());
    };
    let found = match rows::snapshot(tx, snapshot)? {
        Some(snapshot) => found_in(&snapshot.page_text, excerpt),
        None => None,
    };
    rows::set_excerpt_found(tx, citation, found)
}

/// Whether the excerpt is in the page's text: `None` when there is no excerpt to look for or no
/// text to look in.
fn found_in(page_text: &str, excerpt: Option<&str>) -> Option<bool> {
    let excerpt = excerpt.map(str::trim).filter(|e| !e.is_empty())?;
    (!page_text.trim().is_empty()).then(|| excerpt_found(page_text, excerpt))
}

/// The evidence of a claim's citations, for the claim page and the public page.
pub fn of_citations(
    conn: &mut DbConn,
    team: TeamId,
    citations: &[i64],
) -> AppResult<Vec<EvidenceView>> {
    Ok(rows::of_citations(conn, team, citations)?)
}

/// An archived page as it is served to members.
pub struct ServedSnapshot {
    /// The content type the page was served with (`text/html; charset=…`).
    pub content_type: String,
    pub bytes: Vec<u8>,
    pub sha256: String,
    pub final_url: String,
}

/// The archived copy of a citation of one of the member's team's claims.
pub fn snapshot(
    conn: &mut DbConn,
    member: &Member,
    claim: ClaimId,
    citation: CitationId,
) -> AppResult<ServedSnapshot> {
    member.require(Role::Viewer)?;
    let row = rows::snapshot_of_citation(conn, member.team, claim, citation)?
        .ok_or(AppError::NotFound)?;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(row.body.as_slice())
        .read_to_end(&mut bytes)
        .map_err(|e| AppError::internal(format!("snapshot {} does not decompress: {e}", row.id)))?;
    let content_type = match &row.charset {
        Some(charset) => format!("{}; charset={charset}", row.media_type),
        None if row.media_type.is_empty() => "application/octet-stream".to_owned(),
        None => row.media_type.clone(),
    };
    Ok(ServedSnapshot {
        content_type,
        bytes,
        sha256: row.sha256,
        final_url: row.final_url,
    })
}

/// The team's background work, for its admins: how many jobs wait or failed, the latest jobs, and
/// how much of the evidence vault the team uses.
pub struct JobsOverview {
    pub depth: jobs::Depth,
    pub latest: Vec<jobs::JobRow>,
    pub vault_used: i64,
    pub vault_limit: u64,
}

pub fn jobs_of_team(
    conn: &mut DbConn,
    member: &Member,
    vault_limit: u64,
) -> AppResult<JobsOverview> {
    member.require(Role::Admin)?;
    Ok(JobsOverview {
        depth: jobs::depth(conn, Some(member.team))?,
        latest: jobs::of_team(conn, member.team, 200)?,
        vault_used: rows::stored_bytes_of_team(conn, member.team)?,
        vault_limit,
    })
}

/// Asks for a recheck of every archived page (of one team, or of all) last checked more than
/// `every` ago. Returns how many it asked for.
pub fn ask_for_rechecks(
    conn: &mut DbConn,
    team: Option<TeamId>,
    every: Duration,
    now: NaiveDateTime,
) -> diesel::QueryResult<usize> {
    let every = TimeDelta::from_std(every).unwrap_or(TimeDelta::MAX);
    let due = rows::due_for_recheck(conn, team, now - every, 200)?;
    for (team, citation) in &due {
        jobs::enqueue(conn, Some(*team), RECHECK, citation.get(), now)?;
    }
    Ok(due.len())
}

/// What `claimdesk citations recheck` found, by evidence state.
#[derive(Debug, Default)]
pub struct RecheckSummary {
    pub pages: usize,
    pub by_state: Vec<(EvidenceState, i64)>,
    /// Jobs still waiting for a retry when the command stopped waiting for them.
    pub still_waiting: i64,
}

/// Asks for a recheck of every archived page of the team (or of every team) and an archive of
/// every page not archived yet, then runs the queue here until those jobs are finished (or
/// `patience` has passed: a page that did not answer is tried again later by the server).
pub fn recheck_now(
    context: &Context,
    team: Option<TeamId>,
    patience: Duration,
) -> Result<RecheckSummary, String> {
    let mut conn = context.pool.get().map_err(|e| e.to_string())?;
    let now = db::now();
    let archived = rows::due_for_recheck(&mut conn, team, now + TimeDelta::days(1), i64::MAX)
        .map_err(|e| e.to_string())?;
    let unarchived = rows::unarchived(&mut conn, team, i64::MAX).map_err(|e| e.to_string())?;
    db::write(&mut conn, |tx| {
        for (team, citation) in &archived {
            jobs::enqueue(tx, Some(*team), RECHECK, citation.get(), now)?;
        }
        for (team, citation) in &unarchived {
            jobs::enqueue(tx, Some(*team), ARCHIVE, citation.get(), now)?;
        }
        Ok::<_, diesel::result::Error>(())
    })
    .map_err(|e| e.to_string())?;
    let ids: Vec<i64> = archived
        .iter()
        .chain(&unarchived)
        .map(|(_, citation)| citation.get())
        .collect();
    drop(conn);
    let still_waiting = crate::jobs::run_until_done(context, &[ARCHIVE, RECHECK], &ids, patience)?;
    let mut conn = context.pool.get().map_err(|e| e.to_string())?;
    let by_state = rows::states_of(&mut conn, &ids)
        .map_err(|e| e.to_string())?
        .into_iter()
        .filter_map(|(state, n)| Some((state.parse().ok()?, n)))
        .collect();
    Ok(RecheckSummary {
        pages: ids.len(),
        by_state,
        still_waiting,
    })
}

/// Job: archive the cited page.
pub async fn archive(context: &Context, citation: i64, attempt: Attempt) -> Outcome {
    let citation = CitationId::new(citation);
    let target = match read(context, |conn| rows::target(conn, citation)) {
        Ok(Some(target)) => target,
        // The citation was removed: nothing to archive.
        Ok(None) => return Outcome::Done,
        Err(e) => return Outcome::Retry(e),
    };
    match fetch(context, &target.url).await {
        Ok(page) => keep(context, citation, &target, &page),
        Err(e) if e.worth_retrying() && !attempt.last => Outcome::Retry(e.to_string()),
        Err(e) => settle(
            context,
            citation,
            &target,
            EvidenceUpdate {
                state: EvidenceState::Unarchived,
                snapshot_id: None,
                excerpt_found: None,
                checked_at: db::now(),
                note: Some(&format!("The page {e}.")),
            },
        ),
    }
}

/// Job: fetch the cited page again and say whether it changed since it was cited or is gone.
pub async fn recheck(context: &Context, citation: i64, attempt: Attempt) -> Outcome {
    let id = CitationId::new(citation);
    let target = match read(context, |conn| rows::target(conn, id)) {
        Ok(Some(target)) => target,
        Ok(None) => return Outcome::Done,
        Err(e) => return Outcome::Retry(e),
    };
    let Some(snapshot_id) = target.snapshot_id else {
        // Never archived: a recheck is a first archive.
        return archive(context, citation, attempt).await;
    };
    let cited = match read(context, |conn| rows::snapshot(conn, snapshot_id)) {
        Ok(Some(cited)) => cited,
        Ok(None) => return archive(context, citation, attempt).await,
        Err(e) => return Outcome::Retry(e),
    };
    let (state, note) = match fetch(context, &target.url).await {
        Ok(page) if sha256_hex(&page.bytes) == cited.sha256 => (EvidenceState::Archived, None),
        Ok(page) => {
            let before = gunzip(&cited.body)
                .map(|bytes| {
                    comparable_text(
                        &bytes,
                        &cited.media_type,
                        cited.charset.as_deref(),
                        &cited.final_url,
                    )
                })
                .unwrap_or(cited.page_text.clone());
            let after = comparable_text(
                &page.bytes,
                &page.media_type,
                page.charset.as_deref(),
                page.final_url.as_str(),
            );
            match text_diff(&before, &after) {
                None => (EvidenceState::Archived, None),
                Some(diff) => (EvidenceState::Changed, Some(diff)),
            }
        }
        Err(e) if e.worth_retrying() && !attempt.last => return Outcome::Retry(e.to_string()),
        Err(e) if is_gone(&e) || e.worth_retrying() => {
            (EvidenceState::Gone, Some(format!("The page {e}.")))
        }
        // Refused, too large, too many redirects: the page is there, but not to be fetched now.
        Err(e) => (target.state, Some(format!("Last recheck: the page {e}."))),
    };
    settle(
        context,
        id,
        &target,
        EvidenceUpdate {
            state,
            snapshot_id: None,
            excerpt_found: None,
            checked_at: db::now(),
            note: note.as_deref(),
        },
    )
}

/// Stores the fetched page as the citation's snapshot, unless the team's vault is full.
fn keep(context: &Context, citation: CitationId, target: &Target, page: &Fetched) -> Outcome {
    let text = page_text(page);
    let body = match gzip(&page.bytes) {
        Ok(body) => body,
        Err(e) => return Outcome::Retry(format!("the page could not be compressed: {e}")),
    };
    let sha256 = sha256_hex(&page.bytes);
    let limit = context.vault.team_limit;
    let fetched_at = db::now();
    let stored = write(context, |tx| {
        // The citation as it is now: its excerpt may have been edited while the page was fetched.
        let Some(now) = rows::target(tx, citation)?.filter(|now| now.url == target.url) else {
            return Ok(None);
        };
        let used = rows::stored_bytes_of_team(tx, target.team)?;
        if used.max(0) as u64 + body.len() as u64 > limit {
            let note = format!(
                "Not archived: the team's evidence vault is full ({} of {} used). An \
                 administrator can raise CLAIMDESK_VAULT_LIMIT.",
                human_size(used.max(0) as u64),
                human_size(limit)
            );
            rows::update(
                tx,
                citation,
                &EvidenceUpdate {
                    state: EvidenceState::Unarchived,
                    snapshot_id: None,
                    excerpt_found: Some(None),
                    checked_at: fetched_at,
                    note: Some(&note),
                },
            )?;
            return Ok(Some(()));
        }
        // One copy per citation: a second run of this job (the queue is at least once) replaces
        // the first instead of leaving it to count against the vault.
        rows::delete_snapshots_of(tx, citation)?;
        let snapshot = rows::insert_snapshot(
            tx,
            &NewSnapshot {
                team: target.team,
                citation,
                requested_url: &target.url,
                final_url: page.final_url.as_str(),
                status: i32::from(page.status),
                media_type: &page.media_type,
                charset: page.charset.as_deref(),
                fetched_at,
                sha256: &sha256,
                size_bytes: page.bytes.len() as i64,
                body: &body,
                page_text: &text,
            },
        )?;
        let readable = !text.trim().is_empty();
        rows::update(
            tx,
            citation,
            &EvidenceUpdate {
                state: EvidenceState::Archived,
                snapshot_id: Some(snapshot),
                excerpt_found: Some(found_in(&text, now.excerpt.as_deref())),
                checked_at: fetched_at,
                note: (!readable).then_some("The page holds no text to look for the excerpt in."),
            },
        )?;
        Ok(Some(()))
    });
    match stored {
        Ok(Some(())) => Outcome::Done,
        // The address changed while the page was fetched: fetch the new one.
        Ok(None) => Outcome::Retry("the citation's address changed while it was fetched".into()),
        Err(e) => Outcome::Retry(e),
    }
}

/// Writes the evidence, unless the citation meanwhile cites another page (or is gone).
fn settle(
    context: &Context,
    citation: CitationId,
    target: &Target,
    change: EvidenceUpdate<'_>,
) -> Outcome {
    match write(context, |tx| {
        if still_cites(tx, citation, target)? {
            rows::update(tx, citation, &change)?;
        }
        Ok(())
    }) {
        Ok(()) => Outcome::Done,
        Err(e) => Outcome::Retry(e),
    }
}

fn still_cites(
    tx: &mut DbConn,
    citation: CitationId,
    target: &Target,
) -> diesel::QueryResult<bool> {
    Ok(rows::target(tx, citation)?.is_some_and(|now| now.url == target.url))
}

async fn fetch(context: &Context, raw: &str) -> Result<Fetched, FetchError> {
    let url = url::Url::parse(raw).map_err(|_| FetchError::NotWeb)?;
    context.fetcher.get(&url).await
}

/// The page or its host is no more.
fn is_gone(error: &FetchError) -> bool {
    matches!(error, FetchError::Status(_) | FetchError::UnknownHost(_))
}

/// The page's whole text, where an excerpt is looked for: an HTML page's text without markup,
/// scripts or styles; a text, JSON or XML answer as it is; nothing for anything else (a PDF, an
/// image).
fn page_text(page: &Fetched) -> String {
    text_of(&page.bytes, &page.media_type, page.charset.as_deref())
}

fn text_of(bytes: &[u8], media_type: &str, charset: Option<&str>) -> String {
    let decoded = || page::decode(bytes, charset);
    match media_type {
        "text/html" | "application/xhtml+xml" => {
            text_of_html(decoded().as_bytes()).unwrap_or_default()
        }
        t if t.starts_with("text/") || t.ends_with("json") || t.ends_with("xml") => decoded(),
        _ => String::new(),
    }
}

/// What a recheck compares: an HTML page's article text (its menus, "most read" lists and
/// footers change from one visit to the next), else its whole text.
fn comparable_text(bytes: &[u8], media_type: &str, charset: Option<&str>, url: &str) -> String {
    if matches!(media_type, "text/html" | "application/xhtml+xml") {
        if let Ok(url) = url::Url::parse(url) {
            if let Some(article) = page::read(&page::decode(bytes, charset), &url) {
                return article.text;
            }
        }
    }
    text_of(bytes, media_type, charset)
}

/// A size as people read it: "512 bytes", "12.3 KiB", "1.5 MiB", "2.0 GiB".
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 3] = ["KiB", "MiB", "GiB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn gzip(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes)?;
    encoder.finish()
}

fn gunzip(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .ok()
        .map(|_| out)
}

fn read<T>(
    context: &Context,
    f: impl FnOnce(&mut DbConn) -> diesel::QueryResult<T>,
) -> Result<T, String> {
    let mut conn = context.pool.get().map_err(|e| e.to_string())?;
    f(&mut conn).map_err(|e| e.to_string())
}

fn write<T>(
    context: &Context,
    f: impl FnOnce(&mut DbConn) -> diesel::QueryResult<T>,
) -> Result<T, String> {
    let mut conn = context.pool.get().map_err(|e| e.to_string())?;
    db::write(&mut conn, f).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_is_looked_for_only_when_there_is_one_and_a_text() {
        assert_eq!(found_in("Exports rose 12%.", Some("rose 12%")), Some(true));
        assert_eq!(found_in("Exports rose 12%.", Some("fell")), Some(false));
        assert_eq!(found_in("Exports rose 12%.", Some("  ")), None);
        assert_eq!(found_in("Exports rose 12%.", None), None);
        assert_eq!(found_in("", Some("rose")), None);
    }

    #[test]
    fn html_text_and_other_answers_give_their_text() {
        let html = b"<html><head><style>p{}</style><script>var x=1</script></head><body><p>Rates fell to 3.5%.</p></body></html>";
        assert_eq!(
            text_of(html, "text/html", Some("utf-8")).trim(),
            "Rates fell to 3.5%."
        );
        assert_eq!(
            text_of(b"{\"a\": 1}", "application/json", None),
            "{\"a\": 1}"
        );
        assert_eq!(text_of(b"%PDF-1.7", "application/pdf", None), "");
    }

    #[test]
    fn only_busy_or_silent_servers_are_tried_again() {
        assert!(FetchError::TimedOut.worth_retrying());
        assert!(FetchError::Status(503).worth_retrying());
        assert!(FetchError::Status(429).worth_retrying());
        assert!(!FetchError::Status(404).worth_retrying());
        assert!(!FetchError::UnknownHost("x.example".into()).worth_retrying());
        assert!(is_gone(&FetchError::Status(410)));
        assert!(is_gone(&FetchError::UnknownHost("x.example".into())));
        assert!(!is_gone(&FetchError::TooManyRedirects));
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(human_size(100), "100 bytes");
        assert_eq!(human_size(12_595), "12.3 KiB");
        assert_eq!(human_size(1024 * 1024 * 1024), "1.0 GiB");
        assert_eq!(human_size(3 * 1024 * 1024 * 1024 * 1024), "3072.0 GiB");
    }

    #[test]
    fn snapshots_round_trip_through_gzip() {
        let bytes = "una página ".repeat(1000).into_bytes();
        let packed = gzip(&bytes).unwrap();
        assert!(packed.len() < bytes.len() / 10);
        assert_eq!(gunzip(&packed).unwrap(), bytes);
    }
}
