//! The published record. Each publication of a claim stores a frozen copy of what the public reads
//! (statement, quantity, verdict and rating, rationale, sources), so the public page and the
//! ClaimReview change only when the claim is published again, whatever happens to the claim or the
//! verdict scale meanwhile. A correction is opened by "reopen as a correction" (with its note) and
//! closed by the republication that follows; the closed ones form the team's public corrections log.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::claims::export::{to_export_rows, ExportRow};
use super::claims::TeamClaim;
use super::models::{CitationRow, ClaimRow, TeamRow};
use super::schema::*;
use super::DbConn;
use crate::domain::{ClaimId, Status, TeamId, UserId};

/// What one publication froze.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PublishedRecord {
    pub claim: ExportRow,
    /// The sources as they stood when it was published.
    pub citations: Vec<CitationRow>,
}

/// A publication of a claim, as the public reads it.
#[derive(Debug, Clone)]
pub struct Publication {
    pub id: i64,
    pub claim_id: ClaimId,
    pub team_id: TeamId,
    pub published_at: NaiveDateTime,
    pub record: PublishedRecord,
}

#[derive(Queryable)]
struct PublicationRow {
    id: i64,
    team_id: i64,
    claim_id: i64,
    published_at: NaiveDateTime,
    #[allow(dead_code)]
    published_by: Option<i64>,
    verdict_label: Option<String>,
    rating: Option<i32>,
    record: String,
}

impl PublicationRow {
    fn into_publication(self) -> QueryResult<Publication> {
        let record: PublishedRecord = serde_json::from_str(&self.record)
            .map_err(|e| diesel::result::Error::DeserializationError(Box::new(e)))?;
        Ok(Publication {
            id: self.id,
            claim_id: ClaimId::new(self.claim_id),
            team_id: TeamId::new(self.team_id),
            published_at: self.published_at,
            record,
        })
    }
}

/// Freezes the claim as it now stands (call it once its row says published) into a new
/// publication; returns the publication's id.
pub fn publish(
    conn: &mut DbConn,
    claim: TeamClaim,
    by: Option<UserId>,
    at: NaiveDateTime,
) -> QueryResult<i64> {
    let row: ClaimRow = claims::table
        .filter(claims::team_id.eq(claim.team().get()))
        .filter(claims::id.eq(claim.id().get()))
        .first(conn)?;
    let citations: Vec<CitationRow> = super::claims::citations::citations_of(conn, claim)?;
    let exported = to_export_rows(conn, claim.team(), vec![row])?
        .pop()
        .ok_or(diesel::result::Error::NotFound)?;
    let record = PublishedRecord {
        citations,
        claim: exported,
    };
    let json = serde_json::to_string(&record)
        .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
    diesel::insert_into(publications::table)
        .values((
            publications::team_id.eq(claim.team().get()),
            publications::claim_id.eq(claim.id().get()),
            publications::published_at.eq(at),
            publications::published_by.eq(by.map(UserId::get)),
            publications::verdict_label.eq(record.claim.verdict.as_deref()),
            publications::rating.eq(record.claim.rating),
            publications::record.eq(json),
        ))
        .returning(publications::id)
        .get_result(conn)
}

/// The latest publication of a claim, whatever its team (public pages), with the date it was
/// first published.
pub fn latest(
    conn: &mut DbConn,
    claim: ClaimId,
) -> QueryResult<Option<(Publication, NaiveDateTime)>> {
    let rows: Vec<PublicationRow> = publications::table
        .filter(publications::claim_id.eq(claim.get()))
        .order(publications::id.asc())
        .load(conn)?;
    let Some(first) = rows.first().map(|r| r.published_at) else {
        return Ok(None);
    };
    match rows.into_iter().last() {
        Some(last) => Ok(Some((last.into_publication()?, first))),
        None => Ok(None),
    }
}

/// The id of a claim's latest publication, if it was ever published.
fn latest_id(conn: &mut DbConn, claim: TeamClaim) -> QueryResult<Option<i64>> {
    publications::table
        // `team_id + 0`: the team is checked, but not through its index. Given the choice, SQLite
        // without statistics walked every publication of the team (`publications_team`) looking
        // for this claim's: 8 ms a claim page at 100k claims, growing with the team, against
        // under 0.1 ms through the claim's own entries (`publications_claim`). Written in
        // diesel's terms, not as SQL, so the statement is prepared once per connection.
        .filter((publications::team_id + 0_i64).eq(claim.team().get()))
        .filter(publications::claim_id.eq(claim.id().get()))
        .select(diesel::dsl::max(publications::id))
        .first(conn)
}

/// Whether the claim was ever published (its public page is up).
pub fn was_published(conn: &mut DbConn, claim: TeamClaim) -> QueryResult<bool> {
    Ok(latest_id(conn, claim)?.is_some())
}

/// The note of the claim's open correction, if one is open.
pub fn open_correction_note(conn: &mut DbConn, claim: TeamClaim) -> QueryResult<Option<String>> {
    corrections::table
        .filter(corrections::team_id.eq(claim.team().get()))
        .filter(corrections::claim_id.eq(claim.id().get()))
        .filter(corrections::closed_at.is_null())
        .select(corrections::note)
        .first(conn)
        .optional()
}

/// The latest publication of each of the team's published claims with claim ids above `after`, in
/// claim order, at most `limit`, each with its first publication date: the ClaimReview feed.
pub fn latest_of_team(
    conn: &mut DbConn,
    team: TeamId,
    after: ClaimId,
    limit: i64,
) -> QueryResult<Vec<(Publication, NaiveDateTime)>> {
    let spans: Vec<(i64, Option<i64>, Option<NaiveDateTime>)> = publications::table
        .filter(publications::team_id.eq(team.get()))
        .filter(publications::claim_id.gt(after.get()))
        .group_by(publications::claim_id)
        .select((
            publications::claim_id,
            diesel::dsl::max(publications::id),
            diesel::dsl::min(publications::published_at),
        ))
        .order(publications::claim_id.asc())
        .limit(limit)
        .load(conn)?;
    let ids: Vec<i64> = spans.iter().filter_map(|(_, id, _)| *id).collect();
    let rows: Vec<PublicationRow> = publications::table
        .filter(publications::id.eq_any(&ids))
        .order(publications::claim_id.asc())
        .load(conn)?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let first = spans
            .iter()
            .find(|(claim, _, _)| *claim == row.claim_id)
            .and_then(|(_, _, first)| *first)
            .unwrap_or(row.published_at);
        out.push((row.into_publication()?, first));
    }
    Ok(out)
}

/// Opens a correction of the claim with `note`, or adds the note to the one already open.
pub fn open_correction(
    conn: &mut DbConn,
    claim: TeamClaim,
    by: UserId,
    note: &str,
    at: NaiveDateTime,
) -> QueryResult<()> {
    let open: Option<(i64, String)> = corrections::table
        .filter(corrections::team_id.eq(claim.team().get()))
        .filter(corrections::claim_id.eq(claim.id().get()))
        .filter(corrections::closed_at.is_null())
        .select((corrections::id, corrections::note))
        .first(conn)
        .optional()?;
    if let Some((id, earlier)) = open {
        diesel::update(corrections::table.find(id))
            .set(corrections::note.eq(format!("{earlier}\n{note}")))
            .execute(conn)?;
        return Ok(());
    }
    let from = latest_id(conn, claim)?;
    diesel::insert_into(corrections::table)
        .values((
            corrections::team_id.eq(claim.team().get()),
            corrections::claim_id.eq(claim.id().get()),
            corrections::note.eq(note),
            corrections::opened_by.eq(by.get()),
            corrections::opened_at.eq(at),
            corrections::from_publication.eq(from),
        ))
        .execute(conn)?;
    Ok(())
}

/// Closes the claim's open correction, if any, with the publication that settles it.
pub fn close_correction(
    conn: &mut DbConn,
    claim: TeamClaim,
    publication: i64,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(
        corrections::table
            .filter(corrections::team_id.eq(claim.team().get()))
            .filter(corrections::claim_id.eq(claim.id().get()))
            .filter(corrections::closed_at.is_null()),
    )
    .set((
        corrections::to_publication.eq(publication),
        corrections::closed_at.eq(at),
    ))
    .execute(conn)?;
    Ok(())
}

/// When the claim's open correction was opened, if one is open on a published record: the public
/// page says a correction is in progress.
pub fn correction_in_progress(
    conn: &mut DbConn,
    claim: ClaimId,
) -> QueryResult<Option<NaiveDateTime>> {
    corrections::table
        .filter(corrections::claim_id.eq(claim.get()))
        .filter(corrections::closed_at.is_null())
        .filter(corrections::from_publication.is_not_null())
        .select(corrections::opened_at)
        .first(conn)
        .optional()
}

/// One line of a corrections log: a published verdict corrected and published again.
#[derive(Debug, Clone)]
pub struct CorrectionLine {
    pub claim_id: ClaimId,
    /// When the corrected version was published.
    pub published_at: NaiveDateTime,
    pub note: String,
    /// The claim as published now.
    pub statement: String,
    pub old_verdict: Option<String>,
    pub old_rating: Option<i32>,
    pub new_verdict: Option<String>,
    pub new_rating: Option<i32>,
}

#[derive(Queryable)]
struct ClosedCorrection {
    claim_id: i64,
    note: String,
    from_publication: Option<i64>,
    to_publication: Option<i64>,
    closed_at: Option<NaiveDateTime>,
}

fn correction_lines(
    conn: &mut DbConn,
    closed: Vec<ClosedCorrection>,
) -> QueryResult<Vec<CorrectionLine>> {
    let ids: Vec<i64> = closed
        .iter()
        .flat_map(|c| [c.from_publication, c.to_publication])
        .flatten()
        .collect();
    let rows: Vec<PublicationRow> = publications::table
        .filter(publications::id.eq_any(&ids))
        .load(conn)?;
    let find = |id: Option<i64>| id.and_then(|id| rows.iter().find(|r| r.id == id));
    let mut lines = Vec::with_capacity(closed.len());
    for correction in closed {
        let (Some(old), Some(new)) = (
            find(correction.from_publication),
            find(correction.to_publication),
        ) else {
            continue;
        };
        let statement = serde_json::from_str::<PublishedRecord>(&new.record)
            .map(|r| r.claim.statement)
            .unwrap_or_default();
        lines.push(CorrectionLine {
            claim_id: ClaimId::new(correction.claim_id),
            published_at: correction.closed_at.unwrap_or(new.published_at),
            note: correction.note,
            statement,
            old_verdict: old.verdict_label.clone(),
            old_rating: old.rating,
            new_verdict: new.verdict_label.clone(),
            new_rating: new.rating,
        });
    }
    Ok(lines)
}

macro_rules! closed_corrections {
    () => {
        corrections::table
            .filter(corrections::closed_at.is_not_null())
            .filter(corrections::from_publication.is_not_null())
            .select((
                corrections::claim_id,
                corrections::note,
                corrections::from_publication,
                corrections::to_publication,
                corrections::closed_at,
            ))
    };
}

/// The claim's published corrections, oldest first.
pub fn corrections_of(conn: &mut DbConn, claim: ClaimId) -> QueryResult<Vec<CorrectionLine>> {
    let closed: Vec<ClosedCorrection> = closed_corrections!()
        .filter(corrections::claim_id.eq(claim.get()))
        .order(corrections::id.asc())
        .load(conn)?;
    correction_lines(conn, closed)
}

/// The team's public corrections log, newest first.
pub fn corrections_of_team(
    conn: &mut DbConn,
    team: TeamId,
    limit: i64,
) -> QueryResult<Vec<CorrectionLine>> {
    let closed: Vec<ClosedCorrection> = closed_corrections!()
        .filter(corrections::team_id.eq(team.get()))
        .order((corrections::closed_at.desc(), corrections::id.desc()))
        .limit(limit)
        .load(conn)?;
    correction_lines(conn, closed)
}

/// A team by id, for the public pages.
pub fn team(conn: &mut DbConn, team: TeamId) -> QueryResult<Option<TeamRow>> {
    teams::table.find(team.get()).first(conn).optional()
}

/// Gives every published claim without a publication one, frozen from its row as it is: databases
/// from before publications were kept. Runs after migrations; once any publication exists every
/// publish has made one, so it costs one indexed lookup from then on.
pub fn backfill(conn: &mut DbConn) -> QueryResult<usize> {
    let any: Option<i64> = publications::table
        .select(publications::id)
        .first(conn)
        .optional()?;
    if any.is_some() {
        return Ok(0);
    }
    let missing: Vec<ClaimRow> = claims::table
        .filter(claims::status.eq(Status::Published.as_str()))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            publications::table.filter(publications::claim_id.eq(claims::id)),
        )))
        .load(conn)?;
    let count = missing.len();
    for claim in missing {
        let at = claim.published_at.unwrap_or(claim.updated_at);
        publish(conn, claim.scoped(), None, at)?;
    }
    Ok(count)
}
