//! What anyone may read without signing in: the published record of a claim (its latest
//! publication, with the corrections it went through and whether one is in progress), the team's
//! corrections log, and the ClaimReview of each published claim. A claim never published is not
//! public; a published claim stays public while it is being corrected.

use chrono::NaiveDateTime;

use crate::db::articles::{self, AlsoIn};
use crate::db::models::TeamRow;
use crate::db::publications::{self, CorrectionLine, Publication};
use crate::db::DbConn;
use crate::domain::{ClaimId, TeamId};
use crate::error::{AppError, AppResult};
use crate::export::claimreview::{claim_review, Publisher, ReviewDates};

/// A published claim as the public reads it.
pub struct PublicVerdict {
    pub publication: Publication,
    pub team: TeamRow,
    /// When it was first published (`datePublished`); the publication's own date is
    /// `dateModified`.
    pub first_published: NaiveDateTime,
    /// When a correction now in progress was opened: the page says so, and still shows the
    /// published version.
    pub correction_in_progress: Option<NaiveDateTime>,
    /// The corrections published so far, oldest first.
    pub corrections: Vec<CorrectionLine>,
    /// The other articles the claim was found in (ClaimReview `appearance`).
    pub also_in: Vec<AlsoIn>,
    /// The evidence vault's archived copies of the published citations (the page names each copy
    /// and its hash).
    pub archived: Vec<crate::db::evidence::EvidenceView>,
}

impl PublicVerdict {
    pub fn dates(&self) -> ReviewDates {
        ReviewDates {
            published: self.first_published,
            modified: self.publication.published_at,
        }
    }

    /// The ClaimReview JSON-LD of this publication; `page_url` is its public page.
    pub fn claim_review(&self, page_url: &str) -> serde_json::Value {
        claim_review(
            &self.publication.record.claim,
            &publisher(&self.team),
            page_url,
            self.dates(),
            &self.also_in,
        )
    }
}

fn publisher(team: &TeamRow) -> Publisher<'_> {
    Publisher {
        name: &team.name,
        url: team.org_url.as_deref(),
    }
}

/// The public record of a claim; 404 when it was never published.
pub fn verdict(conn: &mut DbConn, claim: ClaimId) -> AppResult<PublicVerdict> {
    let (publication, first_published) =
        publications::latest(conn, claim)?.ok_or(AppError::NotFound)?;
    let team = publications::team(conn, publication.team_id)?.ok_or(AppError::NotFound)?;
    let cited: Vec<i64> = publication.record.citations.iter().map(|c| c.id).collect();
    Ok(PublicVerdict {
        archived: super::evidence::of_citations(conn, publication.team_id, &cited)?,
        also_in: articles::also_in(conn, publication.team_id, &[claim])?,
        correction_in_progress: publications::correction_in_progress(conn, claim)?,
        corrections: publications::corrections_of(conn, claim)?,
        publication,
        team,
        first_published,
    })
}

/// How many corrections the public log lists.
pub const LOG_LENGTH: i64 = 200;

/// A team's public corrections log, newest first; 404 for a team that does not exist.
pub fn corrections_log(
    conn: &mut DbConn,
    team: TeamId,
) -> AppResult<(TeamRow, Vec<CorrectionLine>)> {
    let row = publications::team(conn, team)?.ok_or(AppError::NotFound)?;
    let lines = publications::corrections_of_team(conn, team, LOG_LENGTH)?;
    Ok((row, lines))
}

/// Every published claim of `team` as ClaimReview JSON lines, each from its latest publication
/// (`base` prefixes the public pages' addresses).
pub fn claim_review_lines(conn: &mut DbConn, team: &TeamRow, base: &str) -> AppResult<String> {
    let mut out = String::new();
    let mut after = ClaimId::new(0);
    loop {
        let batch = publications::latest_of_team(conn, TeamId::new(team.id), after, 1000)?;
        let Some((last, _)) = batch.last() else { break };
        after = last.claim_id;
        let claims: Vec<ClaimId> = batch.iter().map(|(p, _)| p.claim_id).collect();
        let also_in = articles::also_in(conn, TeamId::new(team.id), &claims)?;
        for (publication, first) in &batch {
            let mine: Vec<AlsoIn> = also_in
                .iter()
                .filter(|a| a.claim_id == publication.claim_id)
                .cloned()
                .collect();
            let review = claim_review(
                &publication.record.claim,
                &publisher(team),
                &format!("{base}/verdicts/{}", publication.claim_id),
                ReviewDates {
                    published: *first,
                    modified: publication.published_at,
                },
                &mine,
            );
            out.push_str(&review.to_string());
            out.push('\n');
        }
    }
    Ok(out)
}
