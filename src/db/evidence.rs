//! The evidence vault's storage: each citation's evidence state, and the snapshots of the pages
//! cited (the bytes gzip-compressed, their SHA-256, the page's text).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{citations, claims, evidence, snapshots};
use super::DbConn;
use crate::domain::evidence::EvidenceState;
use crate::domain::{CitationId, ClaimId, TeamId};

/// A citation's evidence as the claim page and the public page show it.
#[derive(Debug, Clone)]
pub struct EvidenceView {
    pub citation_id: i64,
    pub state: EvidenceState,
    pub excerpt_found: Option<bool>,
    pub checked_at: Option<NaiveDateTime>,
    pub note: Option<String>,
    pub snapshot: Option<SnapshotMeta>,
}

/// What is known of a snapshot without its bytes.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = snapshots)]
pub struct SnapshotMeta {
    pub id: i64,
    /// The citation's address when it was fetched.
    pub requested_url: String,
    pub final_url: String,
    pub status: i32,
    pub media_type: String,
    pub fetched_at: NaiveDateTime,
    pub sha256: String,
    pub size_bytes: i64,
}

impl SnapshotMeta {
    /// The hash's first 12 digits, as pages show it (the whole hash in its title).
    pub fn short_hash(&self) -> &str {
        self.sha256.get(..12).unwrap_or(&self.sha256)
    }
}

/// Marks the citation as waiting to be archived, forgetting any earlier snapshot of it (its
/// address changed). The caller asks for the archive job in the same transaction.
pub fn set_pending(tx: &mut DbConn, team: TeamId, citation: CitationId) -> QueryResult<()> {
    delete_snapshots_of(tx, citation)?;
    diesel::delete(evidence::table.find(citation.get())).execute(tx)?;
    diesel::insert_into(evidence::table)
        .values((
            evidence::citation_id.eq(citation.get()),
            evidence::team_id.eq(team.get()),
            evidence::state.eq(EvidenceState::Pending.as_str()),
        ))
        .execute(tx)
        .map(drop)
}

/// Deletes the citation's snapshots (its evidence then points at none).
pub fn delete_snapshots_of(tx: &mut DbConn, citation: CitationId) -> QueryResult<usize> {
    diesel::delete(snapshots::table.filter(snapshots::citation_id.eq(citation.get()))).execute(tx)
}

/// The evidence of these citations (of one team), by citation.
pub fn of_citations(
    conn: &mut DbConn,
    team: TeamId,
    ids: &[i64],
) -> QueryResult<Vec<EvidenceView>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    type Row = (
        i64,
        String,
        Option<bool>,
        Option<NaiveDateTime>,
        Option<String>,
        Option<SnapshotMeta>,
    );
    let rows: Vec<Row> = evidence::table
        .left_join(snapshots::table.on(snapshots::id.nullable().eq(evidence::snapshot_id)))
        .filter(evidence::team_id.eq(team.get()))
        .filter(evidence::citation_id.eq_any(ids))
        .select((
            evidence::citation_id,
            evidence::state,
            evidence::excerpt_found,
            evidence::checked_at,
            evidence::note,
            Option::<SnapshotMeta>::as_select(),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(citation_id, state, excerpt_found, checked_at, note, snapshot)| EvidenceView {
                citation_id,
                state: state.parse().unwrap_or(EvidenceState::Pending),
                excerpt_found,
                checked_at,
                note,
                snapshot,
            },
        )
        .collect())
}

/// What the job worker needs of a citation: its team, address, excerpt and current snapshot.
#[derive(Debug, Clone)]
pub struct Target {
    pub team: TeamId,
    pub url: String,
    pub excerpt: Option<String>,
    pub state: EvidenceState,
    pub snapshot_id: Option<i64>,
}

pub fn target(conn: &mut DbConn, citation: CitationId) -> QueryResult<Option<Target>> {
    type Row = (i64, String, Option<String>, Option<String>, Option<i64>);
    let row: Option<Row> = citations::table
        .left_join(evidence::table)
        .filter(citations::id.eq(citation.get()))
        .select((
            citations::team_id,
            citations::url,
            citations::excerpt,
            evidence::state.nullable(),
            evidence::snapshot_id.nullable(),
        ))
        .first(conn)
        .optional()?;
    Ok(row.map(|(team, url, excerpt, state, snapshot_id)| Target {
        team: TeamId::new(team),
        url,
        excerpt,
        state: state
            .and_then(|s| s.parse().ok())
            .unwrap_or(EvidenceState::Pending),
        snapshot_id,
    }))
}

/// A fetched page to keep.
pub struct NewSnapshot<'a> {
    pub team: TeamId,
    pub citation: CitationId,
    pub requested_url: &'a str,
    pub final_url: &'a str,
    pub status: i32,
    pub media_type: &'a str,
    pub charset: Option<&'a str>,
    pub fetched_at: NaiveDateTime,
    pub sha256: &'a str,
    pub size_bytes: i64,
    /// The bytes, gzip-compressed.
    pub body: &'a [u8],
    pub page_text: &'a str,
}

pub fn insert_snapshot(tx: &mut DbConn, new: &NewSnapshot<'_>) -> QueryResult<i64> {
    diesel::insert_into(snapshots::table)
        .values((
            snapshots::team_id.eq(new.team.get()),
            snapshots::citation_id.eq(new.citation.get()),
            snapshots::requested_url.eq(new.requested_url),
            snapshots::final_url.eq(new.final_url),
            snapshots::status.eq(new.status),
            snapshots::media_type.eq(new.media_type),
            snapshots::charset.eq(new.charset),
            snapshots::fetched_at.eq(new.fetched_at),
            snapshots::sha256.eq(new.sha256),
            snapshots::size_bytes.eq(new.size_bytes),
            snapshots::stored_bytes.eq(new.body.len() as i64),
            snapshots::body.eq(new.body),
            snapshots::page_text.eq(new.page_text),
        ))
        .returning(snapshots::id)
        .get_result(tx)
}

/// Bytes the team's snapshots take in the database (compressed).
pub fn stored_bytes_of_team(conn: &mut DbConn, team: TeamId) -> QueryResult<i64> {
    snapshots::table
        .filter(snapshots::team_id.eq(team.get()))
        .select(diesel::dsl::sql::<diesel::sql_types::BigInt>(
            "CAST(COALESCE(SUM(stored_bytes), 0) AS BIGINT)",
        ))
        .first(conn)
}

/// A citation's evidence after a fetch.
pub struct EvidenceUpdate<'a> {
    pub state: EvidenceState,
    /// `Some` to point at a new snapshot; `None` keeps the one there is.
    pub snapshot_id: Option<i64>,
    /// `Some` to set whether the excerpt was found; `None` keeps what was said.
    pub excerpt_found: Option<Option<bool>>,
    pub checked_at: NaiveDateTime,
    pub note: Option<&'a str>,
}

pub fn update(
    tx: &mut DbConn,
    citation: CitationId,
    change: &EvidenceUpdate<'_>,
) -> QueryResult<()> {
    let target = evidence::table.find(citation.get());
    diesel::update(target)
        .set((
            evidence::state.eq(change.state.as_str()),
            evidence::checked_at.eq(Some(change.checked_at)),
            evidence::note.eq(change.note),
        ))
        .execute(tx)?;
    if let Some(snapshot) = change.snapshot_id {
        diesel::update(target)
            .set(evidence::snapshot_id.eq(Some(snapshot)))
            .execute(tx)?;
    }
    if let Some(found) = change.excerpt_found {
        diesel::update(target)
            .set(evidence::excerpt_found.eq(found))
            .execute(tx)?;
    }
    Ok(())
}

/// Sets whether the excerpt is in the archived text (an edited excerpt, looked for again).
pub fn set_excerpt_found(
    tx: &mut DbConn,
    citation: CitationId,
    found: Option<bool>,
) -> QueryResult<()> {
    diesel::update(evidence::table.find(citation.get()))
        .set(evidence::excerpt_found.eq(found))
        .execute(tx)
        .map(drop)
}

/// A snapshot with its bytes (still compressed) and text.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = snapshots)]
pub struct SnapshotRow {
    pub id: i64,
    pub final_url: String,
    pub media_type: String,
    pub charset: Option<String>,
    pub sha256: String,
    pub body: Vec<u8>,
    pub page_text: String,
}

pub fn snapshot(conn: &mut DbConn, id: i64) -> QueryResult<Option<SnapshotRow>> {
    snapshots::table
        .find(id)
        .select(SnapshotRow::as_select())
        .first(conn)
        .optional()
}

/// The citation's current snapshot, when the citation is on this claim of this team.
pub fn snapshot_of_citation(
    conn: &mut DbConn,
    team: TeamId,
    claim: ClaimId,
    citation: CitationId,
) -> QueryResult<Option<SnapshotRow>> {
    snapshots::table
        .inner_join(evidence::table.on(evidence::snapshot_id.eq(snapshots::id.nullable())))
        .inner_join(citations::table.on(citations::id.eq(evidence::citation_id)))
        .inner_join(claims::table.on(claims::id.eq(citations::claim_id)))
        .filter(claims::team_id.eq(team.get()))
        .filter(citations::team_id.eq(team.get()))
        .filter(citations::claim_id.eq(claim.get()))
        .filter(citations::id.eq(citation.get()))
        .select(SnapshotRow::as_select())
        .first(conn)
        .optional()
}

/// Citations with an archived copy last checked before `before`, oldest check first.
pub fn due_for_recheck(
    conn: &mut DbConn,
    team: Option<TeamId>,
    before: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<(TeamId, CitationId)>> {
    let mut query = evidence::table
        .filter(evidence::snapshot_id.is_not_null())
        .filter(evidence::checked_at.lt(before))
        .order(evidence::checked_at)
        .limit(limit)
        .select((evidence::team_id, evidence::citation_id))
        .into_boxed();
    if let Some(team) = team {
        query = query.filter(evidence::team_id.eq(team.get()));
    }
    Ok(query
        .load::<(i64, i64)>(conn)?
        .into_iter()
        .map(|(team, citation)| (TeamId::new(team), CitationId::new(citation)))
        .collect())
}

/// Citations (of one team, or of all) whose page is not archived, with the teams they belong to.
pub fn unarchived(
    conn: &mut DbConn,
    team: Option<TeamId>,
    limit: i64,
) -> QueryResult<Vec<(TeamId, CitationId)>> {
    let mut query = evidence::table
        .filter(evidence::snapshot_id.is_null())
        .order(evidence::citation_id)
        .limit(limit)
        .select((evidence::team_id, evidence::citation_id))
        .into_boxed();
    if let Some(team) = team {
        query = query.filter(evidence::team_id.eq(team.get()));
    }
    Ok(query
        .load::<(i64, i64)>(conn)?
        .into_iter()
        .map(|(team, citation)| (TeamId::new(team), CitationId::new(citation)))
        .collect())
}

/// How many of these citations are in each state.
pub fn states_of(conn: &mut DbConn, ids: &[i64]) -> QueryResult<Vec<(String, i64)>> {
    let mut counts = Vec::new();
    for chunk in ids.chunks(500) {
        let rows: Vec<(String, i64)> = evidence::table
            .filter(evidence::citation_id.eq_any(chunk))
            .group_by(evidence::state)
            .select((evidence::state, diesel::dsl::count_star()))
            .load(conn)?;
        for (state, n) in rows {
            match counts.iter_mut().find(|(s, _)| *s == state) {
                Some((_, total)) => *total += n,
                None => counts.push((state, n)),
            }
        }
    }
    Ok(counts)
}
