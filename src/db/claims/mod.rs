//! Claims: the row, its creation and its versioned updates. Everything hanging off a claim takes a
//! `TeamClaim`, which only a team-scoped lookup hands out, never a bare id:
//! - `queue`: the queue's filters, keyset pages, neighbours and counts;
//! - `search`: text search through the full-text index and how it is planned;
//! - `discussion`: comments, tags and history;
//! - `citations`;
//! - `saved_views`: a member's named queue filters;
//! - `export`: claims resolved to names in batches, for the CSV and ClaimReview.

pub mod citations;
pub mod discussion;
pub mod export;
mod keyset;
pub mod queue;
mod ranked;
pub mod saved_views;
pub mod search;
mod words;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::models::*;
use super::schema::*;
use super::DbConn;
use crate::domain::{ArticleId, ClaimId, SameDate, Score, Status, TeamId, UserId, VerdictId};

/// A claim known to belong to a team: made only from a row this module read, so a query on a
/// claim's child rows (citations, comments, tags, history) cannot be handed another team's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TeamClaim {
    team: TeamId,
    id: ClaimId,
}

impl TeamClaim {
    pub fn team(&self) -> TeamId {
        self.team
    }

    pub fn id(&self) -> ClaimId {
        self.id
    }
}

impl ClaimRow {
    /// This claim, as one of its team's.
    pub fn scoped(&self) -> TeamClaim {
        TeamClaim {
            team: TeamId::new(self.team_id),
            id: ClaimId::new(self.id),
        }
    }

    pub fn claim_id(&self) -> ClaimId {
        ClaimId::new(self.id)
    }

    /// The status as its type; the CHECK constraint keeps the column within the set.
    pub fn status(&self) -> Status {
        self.status.parse().unwrap_or(Status::Unverified)
    }
}

/// A new claim's content, taken from a candidate or typed by a reviewer.
pub struct ClaimInput<'a> {
    pub article_id: Option<ArticleId>,
    pub statement: &'a str,
    pub context: &'a str,
    pub span: Option<(i64, i64)>,
    pub surface: Option<&'a str>,
    pub value: Option<&'a str>,
    pub value_high: Option<&'a str>,
    pub unit: Option<&'a str>,
    pub qualifier: Option<&'a str>,
    pub subject: Option<&'a str>,
    pub speaker: Option<&'a str>,
    pub score: Score,
}

/// Inserts a claim and its "created" event; `how` says where it came from.
pub fn insert(
    conn: &mut DbConn,
    team: TeamId,
    actor: UserId,
    input: &ClaimInput<'_>,
    how: &str,
) -> QueryResult<ClaimId> {
    let now = super::now();
    let id: i64 = diesel::insert_into(claims::table)
        .values(NewClaim {
            team_id: team.get(),
            article_id: input.article_id.map(ArticleId::get),
            statement: input.statement,
            context: input.context,
            span_start: input.span.map(|s| s.0),
            span_end: input.span.map(|s| s.1),
            surface: input.surface,
            value: input.value,
            value_high: input.value_high,
            unit: input.unit,
            qualifier: input.qualifier,
            subject: input.subject,
            speaker: input.speaker,
            score: input.score.get(),
            status: Status::Unverified.as_str(),
            created_by: actor.get(),
            created_at: now,
            updated_at: now,
        })
        .returning(claims::id)
        .get_result(conn)?;
    let claim = TeamClaim {
        team,
        id: ClaimId::new(id),
    };
    record(conn, claim, actor, "created", None, Some(how))?;
    Ok(claim.id)
}

/// The team's claim with this id; `None` for a missing id and for another team's alike.
pub fn get(conn: &mut DbConn, team: TeamId, claim: ClaimId) -> QueryResult<Option<ClaimRow>> {
    claims::table
        .filter(claims::team_id.eq(team.get()))
        .filter(claims::id.eq(claim.get()))
        .first(conn)
        .optional()
}

/// How many claims the team has, every status counted (the counter rows the status triggers keep):
/// what the plans of a search and of the dashboard's busiest articles weigh a range or a match
/// count against.
pub fn team_total(conn: &mut DbConn, team: TeamId) -> QueryResult<i64> {
    Ok(claim_counts::table
        .filter(claim_counts::team_id.eq(team.get()))
        .select(claim_counts::n)
        .load::<i64>(conn)?
        .iter()
        .sum())
}

/// Takes the team's counter rows, in status order, before a transaction changes any claim's status
/// or deletes claims (PostgreSQL only; SQLite has one writer at a time). The status triggers update
/// two of these rows; taking all six first, always in the same order and before any claim row,
/// means two writers can never hold one each while waiting for the other's.
pub fn lock_counts(conn: &mut DbConn, team: TeamId) -> QueryResult<()> {
    if let DbConn::Postgres(pg) = conn {
        claim_counts::table
            .filter(claim_counts::team_id.eq(team.get()))
            .order(claim_counts::status.asc())
            .select(claim_counts::n)
            .for_update()
            .load::<i64>(pg)?;
    }
    Ok(())
}

/// What a versioned update changes. `None` leaves a column as it is.
#[derive(Default)]
pub struct ClaimChanges {
    pub status: Option<Status>,
    pub verdict_id: Option<Option<VerdictId>>,
    pub rationale: Option<Option<String>>,
    pub assignee_id: Option<Option<UserId>>,
    pub proposed_by: Option<Option<UserId>>,
    pub proposed_at: Option<Option<NaiveDateTime>>,
    pub approved_by: Option<Option<UserId>>,
    pub verified_at: Option<Option<NaiveDateTime>>,
    pub published_at: Option<Option<NaiveDateTime>>,
    pub correction_note: Option<Option<String>>,
    pub statement: Option<String>,
    pub subject: Option<Option<String>>,
    pub speaker: Option<Option<String>>,
    pub review_sealed: Option<bool>,
    pub discard_reason: Option<Option<String>>,
}

#[derive(AsChangeset)]
#[diesel(table_name = claims)]
struct ClaimChangeset<'a> {
    status: Option<&'a str>,
    verdict_id: Option<Option<i64>>,
    rationale: Option<Option<&'a str>>,
    assignee_id: Option<Option<i64>>,
    proposed_by: Option<Option<i64>>,
    proposed_at: Option<Option<NaiveDateTime>>,
    approved_by: Option<Option<i64>>,
    verified_at: Option<Option<NaiveDateTime>>,
    published_at: Option<Option<NaiveDateTime>>,
    correction_note: Option<Option<&'a str>>,
    statement: Option<&'a str>,
    subject: Option<Option<&'a str>>,
    speaker: Option<Option<&'a str>>,
    review_sealed: Option<bool>,
    discard_reason: Option<Option<&'a str>>,
    version: i64,
    updated_at: NaiveDateTime,
}

/// Applies `changes` only if the claim is still at `version`; returns whether it was. A stale
/// version changes nothing: the caller answers 409.
pub fn update_versioned(
    conn: &mut DbConn,
    claim: TeamClaim,
    version: i64,
    changes: ClaimChanges,
) -> QueryResult<bool> {
    if changes.status.is_some() {
        lock_counts(conn, claim.team)?;
    }
    let user = |id: Option<Option<UserId>>| id.map(|id| id.map(UserId::get));
    let changed = diesel::update(
        claims::table
            .filter(claims::team_id.eq(claim.team.get()))
            .filter(claims::id.eq(claim.id.get()))
            .filter(claims::version.eq(version)),
    )
    .set(ClaimChangeset {
        status: changes.status.map(Status::as_str),
        verdict_id: changes.verdict_id.map(|v| v.map(VerdictId::get)),
        rationale: changes.rationale.as_ref().map(|r| r.as_deref()),
        assignee_id: user(changes.assignee_id),
        proposed_by: user(changes.proposed_by),
        proposed_at: changes.proposed_at,
        approved_by: user(changes.approved_by),
        verified_at: changes.verified_at,
        published_at: changes.published_at,
        correction_note: changes.correction_note.as_ref().map(|n| n.as_deref()),
        statement: changes.statement.as_deref(),
        subject: changes.subject.as_ref().map(|s| s.as_deref()),
        speaker: changes.speaker.as_ref().map(|s| s.as_deref()),
        review_sealed: changes.review_sealed,
        discard_reason: changes.discard_reason.as_ref().map(|r| r.as_deref()),
        version: version + 1,
        updated_at: super::now(),
    })
    .execute(conn)?;
    Ok(changed == 1)
}

/// Records one change to a claim in its history.
pub fn record(
    conn: &mut DbConn,
    claim: TeamClaim,
    actor: UserId,
    action: &str,
    before: Option<&str>,
    after: Option<&str>,
) -> QueryResult<()> {
    super::events::record(
        conn,
        super::events::Change {
            team_id: Some(claim.team.get()),
            actor_id: Some(actor.get()),
            entity: "claim",
            entity_id: claim.id.get(),
            action,
            before,
            after,
        },
    )
}

/// Sets or clears the blind-review seal of every claim of the team awaiting approval: sealed when
/// the team turns blind review on (unless the round already has its second review), cleared when it
/// turns it off. Versions are left alone: the claims' records do not change.
pub fn reseal(conn: &mut DbConn, team: TeamId, blind: bool) -> QueryResult<usize> {
    let team_claims = claims::table
        .filter(claims::team_id.eq(team.get()))
        .filter(claims::status.eq(Status::AwaitingApproval.as_str()));
    if !blind {
        return diesel::update(team_claims.filter(claims::review_sealed.eq(true)))
            .set(claims::review_sealed.eq(false))
            .execute(conn);
    }
    let reviewed: Vec<i64> = reviews::table
        .inner_join(claims::table)
        .filter(claims::team_id.eq(team.get()))
        .filter(claims::status.eq(Status::AwaitingApproval.as_str()))
        .filter(reviews::blind.eq(true))
        .filter(
            reviews::round.eq(diesel::dsl::sql::<diesel::sql_types::Integer>(
                "(SELECT max(r.round) FROM reviews r WHERE r.claim_id = claims.id)",
            )),
        )
        .select(reviews::claim_id)
        .load(conn)?;
    diesel::update(
        team_claims
            .filter(claims::review_sealed.eq(false))
            .filter(claims::id.ne_all(reviewed)),
    )
    .set(claims::review_sealed.eq(true))
    .execute(conn)
}

/// The team's claims with this value and unit, newest first, the discarded ones left out.
pub fn with_quantity(
    conn: &mut DbConn,
    team: TeamId,
    value: &str,
    unit: &str,
    limit: i64,
) -> QueryResult<Vec<ClaimRow>> {
    claims::table
        .filter(claims::team_id.eq(team.get()))
        .filter(claims::unit.eq(unit))
        .filter(claims::value.eq(value))
        .filter(claims::status.ne(Status::Discarded.as_str()))
        .order(claims::id.desc())
        .limit(limit)
        .load(conn)
}

/// The team's claims (not discarded) of the same date (`SameDate`: the day with or without its
/// year), newest first, at most `limit`.
pub fn with_date(
    conn: &mut DbConn,
    team: TeamId,
    same: &SameDate,
    limit: i64,
) -> QueryResult<Vec<ClaimRow>> {
    let mut query = claims::table
        .filter(claims::team_id.eq(team.get()))
        .filter(claims::unit.eq("date"))
        .filter(claims::status.ne(Status::Discarded.as_str()))
        .into_boxed();
    query = match &same.any_year {
        Some(pattern) => query.filter(
            claims::value
                .eq_any(same.values.clone())
                .or(claims::value.like(pattern.clone())),
        ),
        None => query.filter(claims::value.eq_any(same.values.clone())),
    };
    query.order(claims::id.desc()).limit(limit).load(conn)
}

/// The member's open claims (unverified or in review) assigned to them, most recently changed
/// first.
pub fn assigned_open(
    conn: &mut DbConn,
    team: TeamId,
    user: UserId,
    limit: i64,
) -> QueryResult<Vec<ClaimRow>> {
    claims::table
        .filter(claims::team_id.eq(team.get()))
        .filter(claims::assignee_id.eq(user.get()))
        .filter(claims::status.eq_any([Status::Unverified.as_str(), Status::InReview.as_str()]))
        .order((claims::updated_at.desc(), claims::id.desc()))
        .limit(limit)
        .load(conn)
}

/// The team's claims in one status, oldest change first (the longest waiting on top).
pub fn in_status(
    conn: &mut DbConn,
    team: TeamId,
    status: Status,
    limit: i64,
) -> QueryResult<Vec<ClaimRow>> {
    claims::table
        .filter(claims::team_id.eq(team.get()))
        .filter(claims::status.eq(status.as_str()))
        .order((claims::updated_at.asc(), claims::id.asc()))
        .limit(limit)
        .load(conn)
}
