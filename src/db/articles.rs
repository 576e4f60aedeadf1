//! Articles and their candidates: saving an article with what the extractor found, the article list,
//! and triage (accept, reject, accept all above a score).

use std::collections::HashMap;

use diesel::prelude::*;
use diesel::result::Error as DieselError;

use super::events::{self as history, Change};
use super::models::*;
use super::schema::*;
use super::DbConn;
use crate::domain::{ArticleId, CandidateId, ClaimId, TeamId, UserId};
use crate::extract::Candidate;

/// Article metadata and body, already validated.
pub struct ArticleInput<'a> {
    pub title: &'a str,
    pub url: Option<&'a str>,
    pub publisher: Option<&'a str>,
    pub author: Option<&'a str>,
    pub published_on: Option<chrono::NaiveDate>,
    pub body: &'a str,
    pub body_hash: &'a str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    Created(ArticleId),
    /// The team already has an article with this body.
    Existing(ArticleId),
}

impl Saved {
    pub fn id(self) -> ArticleId {
        match self {
            Saved::Created(id) | Saved::Existing(id) => id,
        }
    }
}

pub fn find_by_hash(
    conn: &mut DbConn,
    team: TeamId,
    body_hash: &str,
) -> QueryResult<Option<ArticleId>> {
    articles::table
        .filter(articles::team_id.eq(team.get()))
        .filter(articles::body_hash.eq(body_hash))
        .select(articles::id)
        .first(conn)
        .optional()
        .map(|id| id.map(ArticleId::new))
}

/// The team's article first saved with this address (the address it was fetched from, or the one
/// typed with a paste).
pub fn find_by_url(conn: &mut DbConn, team: TeamId, url: &str) -> QueryResult<Option<ArticleId>> {
    articles::table
        .filter(articles::team_id.eq(team.get()))
        .filter(articles::url.eq(url))
        .order(articles::id.asc())
        .select(articles::id)
        .first(conn)
        .optional()
        .map(|id| id.map(ArticleId::new))
}

/// Saves an article and its candidates, or finds the team's existing article with the same body.
/// Call inside `db::write`.
pub fn save(
    conn: &mut DbConn,
    team: TeamId,
    actor: UserId,
    input: &ArticleInput<'_>,
    found: &[Candidate],
) -> QueryResult<Saved> {
    let (team_id, actor_id) = (team.get(), actor.get());
    if let Some(existing) = find_by_hash(conn, team, input.body_hash)? {
        return Ok(Saved::Existing(existing));
    }
    let inserted = super::insert_unless_taken(conn, |conn| {
        diesel::insert_into(articles::table)
            .values(NewArticle {
                team_id,
                title: input.title,
                url: input.url,
                publisher: input.publisher,
                author: input.author,
                published_on: input.published_on,
                body: input.body,
                body_hash: input.body_hash,
                created_by: actor_id,
                created_at: super::now(),
            })
            .returning(articles::id)
            .get_result::<i64>(conn)
    })?;
    let Some(article_id) = inserted else {
        // A concurrent submission of the same body won the race: answer with its article.
        return find_by_hash(conn, team, input.body_hash)?
            .map(Saved::Existing)
            .ok_or(DieselError::NotFound);
    };
    let mut ids = Vec::with_capacity(found.len());
    for (position, candidate) in found.iter().enumerate() {
        let id: i64 = diesel::insert_into(candidates::table)
            .values(NewCandidate {
                team_id,
                article_id,
                position: position as i32,
                span_start: candidate.start as i64,
                span_end: candidate.end as i64,
                sentence_start: candidate.sentence_start as i64,
                sentence_end: candidate.sentence_end as i64,
                surface: &candidate.surface,
                value: candidate.value.as_ref().map(|v| v.to_string()),
                value_high: candidate.value_high.as_ref().map(|v| v.to_string()),
                unit: candidate.unit.as_deref(),
                qualifier: candidate.approx.as_str(),
                subject: candidate.subject.as_deref(),
                speaker: candidate.speaker.as_deref(),
                score: candidate.score,
                check_worthy: candidate.check_worthy,
                kind: candidate.kind,
                implied_rate: candidate.implied_rate.map(|r| r.normalize().to_string()),
                statement: Some(candidate.statement.as_str()).filter(|s| !s.is_empty()),
            })
            .returning(candidates::id)
            .get_result(conn)?;
        ids.push(id);
    }
    for (candidate, id) in found.iter().zip(&ids) {
        if let Some(other) = candidate.conversion_of.and_then(|index| ids.get(index)) {
            diesel::update(candidates::table.find(id))
                .set(candidates::conversion_of.eq(other))
                .execute(conn)?;
        }
    }
    history::record(
        conn,
        Change {
            team_id: Some(team_id),
            actor_id: Some(actor_id),
            entity: "article",
            entity_id: article_id,
            action: "created",
            before: None,
            after: Some(&format!("{} ({} candidates)", input.title, found.len())),
        },
    )?;
    Ok(Saved::Created(ArticleId::new(article_id)))
}

/// One line of the article list (the API's `ArticleSummaryOut`): the article without its body.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
#[schema(as = ArticleSummaryOut)]
pub struct ArticleSummary {
    #[serde(flatten)]
    pub article: ArticleRow,
    /// Candidates still waiting for triage.
    pub pending_candidates: i64,
    /// The article's claims per status (statuses without claims are absent).
    pub claims_by_status: std::collections::BTreeMap<String, i64>,
}

/// The team's newest articles with their counts. The rows carry no body (an empty one): a list of
/// 200 articles must not load 200 bodies.
pub fn list(conn: &mut DbConn, team: TeamId, limit: i64) -> QueryResult<Vec<ArticleSummary>> {
    let rows: Vec<ArticleRow> = articles::table
        .filter(articles::team_id.eq(team.get()))
        .order(articles::id.desc())
        .limit(limit)
        .select((
            articles::id,
            articles::team_id,
            articles::title,
            articles::url,
            articles::publisher,
            articles::author,
            articles::published_on,
            diesel::dsl::sql::<diesel::sql_types::Text>("''"),
            articles::body_hash,
            articles::created_by,
            articles::created_at,
        ))
        .load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|a| a.id).collect();
    let pending: Vec<(i64, i64)> = candidates::table
        .filter(candidates::article_id.eq_any(&ids))
        .filter(candidates::state.eq("pending"))
        .group_by(candidates::article_id)
        .select((candidates::article_id, diesel::dsl::count_star()))
        .load(conn)?;
    let statuses: Vec<(Option<i64>, String, i64)> = claims::table
        .filter(claims::team_id.eq(team.get()))
        .filter(claims::article_id.eq_any(&ids))
        .group_by((claims::article_id, claims::status))
        .select((
            claims::article_id,
            claims::status,
            diesel::dsl::count_star(),
        ))
        .load(conn)?;
    let pending: HashMap<i64, i64> = pending.into_iter().collect();
    Ok(rows
        .into_iter()
        .map(|article| {
            let claims_by_status = statuses
                .iter()
                .filter(|(id, _, _)| *id == Some(article.id))
                .map(|(_, status, n)| (status.clone(), *n))
                .collect();
            ArticleSummary {
                pending_candidates: pending.get(&article.id).copied().unwrap_or(0),
                article,
                claims_by_status,
            }
        })
        .collect())
}

pub fn get(conn: &mut DbConn, team: TeamId, article: ArticleId) -> QueryResult<Option<ArticleRow>> {
    articles::table
        .filter(articles::team_id.eq(team.get()))
        .filter(articles::id.eq(article.get()))
        .first(conn)
        .optional()
}

/// The candidates of an article the caller loaded for its team (`get`).
pub fn candidates_of(conn: &mut DbConn, article: &ArticleRow) -> QueryResult<Vec<CandidateRow>> {
    candidates::table
        .filter(candidates::team_id.eq(article.team_id))
        .filter(candidates::article_id.eq(article.id))
        .order(candidates::position)
        .load(conn)
}

/// How many of an article's candidates are still pending, and how many it has.
pub fn candidate_counts(conn: &mut DbConn, article: &ArticleRow) -> QueryResult<(i64, i64)> {
    let by_state: Vec<(String, i64)> = candidates::table
        .filter(candidates::team_id.eq(article.team_id))
        .filter(candidates::article_id.eq(article.id))
        .group_by(candidates::state)
        .select((candidates::state, diesel::dsl::count_star()))
        .load(conn)?;
    let pending = by_state
        .iter()
        .filter(|(state, _)| state == "pending")
        .map(|(_, n)| n)
        .sum();
    Ok((pending, by_state.iter().map(|(_, n)| n).sum()))
}

/// One page of an article's candidates: pending ones first, then best first (score, then document
/// order); with `pending_only` the triaged ones are left out.
pub fn candidates_by_score(
    conn: &mut DbConn,
    article: &ArticleRow,
    pending_only: bool,
    limit: i64,
    offset: i64,
) -> QueryResult<Vec<CandidateRow>> {
    let mut query = candidates::table
        .filter(candidates::team_id.eq(article.team_id))
        .filter(candidates::article_id.eq(article.id))
        .into_boxed();
    if pending_only {
        query = query.filter(candidates::state.eq("pending"));
    }
    query
        .order((
            candidates::state.eq("pending").desc(),
            candidates::score.desc(),
            candidates::position.asc(),
        ))
        .limit(limit)
        .offset(offset)
        .load(conn)
}

/// The candidates whose span starts inside `within` (byte offsets of the body), in document
/// order: the marks of the part of the body a page shows.
pub fn candidates_within(
    conn: &mut DbConn,
    article: &ArticleRow,
    within: std::ops::Range<usize>,
) -> QueryResult<Vec<CandidateRow>> {
    let (start, end) = (within.start as i64, within.end as i64);
    candidates::table
        .filter(candidates::team_id.eq(article.team_id))
        .filter(candidates::article_id.eq(article.id))
        .filter(candidates::span_start.ge(start))
        .filter(candidates::span_start.lt(end))
        .order(candidates::position)
        .load(conn)
}

/// Rejects every candidate of the article still pending; returns how many.
pub fn reject_pending(conn: &mut DbConn, article: &ArticleRow) -> QueryResult<usize> {
    diesel::update(
        candidates::table
            .filter(candidates::team_id.eq(article.team_id))
            .filter(candidates::article_id.eq(article.id))
            .filter(candidates::state.eq("pending")),
    )
    .set(candidates::state.eq("rejected"))
    .execute(conn)
}

/// Puts a rejected candidate back to pending; false when it was no longer rejected.
pub fn restore_candidate(conn: &mut DbConn, candidate: &CandidateRow) -> QueryResult<bool> {
    let changed = diesel::update(
        candidates::table
            .filter(candidates::team_id.eq(candidate.team_id))
            .filter(candidates::id.eq(candidate.id))
            .filter(candidates::state.eq("rejected")),
    )
    .set(candidates::state.eq("pending"))
    .execute(conn)?;
    Ok(changed == 1)
}

/// A candidate of an article the caller loaded for its team (`get`).
pub fn candidate(
    conn: &mut DbConn,
    article: &ArticleRow,
    candidate: CandidateId,
) -> QueryResult<Option<CandidateRow>> {
    candidates::table
        .filter(candidates::team_id.eq(article.team_id))
        .filter(candidates::article_id.eq(article.id))
        .filter(candidates::id.eq(candidate.get()))
        .first(conn)
        .optional()
}

/// Sets a pending candidate's state; false when it was no longer pending.
pub fn settle_candidate(
    conn: &mut DbConn,
    candidate: &CandidateRow,
    state: &str,
    claim: Option<ClaimId>,
) -> QueryResult<bool> {
    let changed = diesel::update(
        candidates::table
            .filter(candidates::team_id.eq(candidate.team_id))
            .filter(candidates::id.eq(candidate.id))
            .filter(candidates::state.eq("pending")),
    )
    .set((
        candidates::state.eq(state),
        candidates::claim_id.eq(claim.map(ClaimId::get)),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Recent history of an article: its own events and those of its claims, newest first.
pub fn timeline(
    conn: &mut DbConn,
    article: &ArticleRow,
    limit: i64,
) -> QueryResult<Vec<(EventRow, Option<String>)>> {
    let (team_id, article_id) = (article.team_id, article.id);
    let claim_ids: Vec<i64> = claims::table
        .filter(claims::team_id.eq(team_id))
        .filter(claims::article_id.eq(article_id))
        .select(claims::id)
        .load(conn)?;
    events::table
        .left_join(users::table.on(users::id.nullable().eq(events::actor_id)))
        .filter(events::team_id.eq(team_id))
        .filter(
            events::entity
                .eq("article")
                .and(events::entity_id.eq(article_id))
                .or(events::entity
                    .eq("claim")
                    .and(events::entity_id.eq_any(claim_ids))),
        )
        .order(events::id.desc())
        .limit(limit)
        .select((events::all_columns, users::name.nullable()))
        .load(conn)
}

/// An article a claim appears in: where it was first accepted from, or where a candidate that
/// repeated it was attached.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Appearance {
    pub article_id: i64,
    pub title: String,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub published_on: Option<chrono::NaiveDate>,
    /// The words of that article the claim stands in ("$50 million"), when a candidate marked them.
    pub surface: Option<String>,
    /// Whether this is the article the claim was made from.
    pub origin: bool,
}

/// Another article a published claim appears in (a candidate attached to it), as ClaimReview's
/// `appearance` lists it after the article the claim was made from. Only articles with an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlsoIn {
    pub claim_id: ClaimId,
    pub url: String,
    pub title: String,
    pub publisher: Option<String>,
}

/// The articles with an address that candidates attached to each of `claims` came from, each
/// article once per claim, oldest first. One query on the candidates' claim index.
pub fn also_in(conn: &mut DbConn, team: TeamId, claims: &[ClaimId]) -> QueryResult<Vec<AlsoIn>> {
    let ids: Vec<i64> = claims.iter().map(|c| c.get()).collect();
    // (claim, article, address, title, publisher)
    type Row = (i64, i64, Option<String>, String, Option<String>);
    let rows: Vec<Row> = candidates::table
        .inner_join(articles::table)
        .filter(candidates::team_id.eq(team.get()))
        .filter(candidates::claim_id.eq_any(&ids))
        .filter(candidates::state.eq("merged"))
        .filter(articles::url.is_not_null())
        .order((candidates::claim_id, candidates::id))
        .select((
            candidates::claim_id.assume_not_null(),
            articles::id,
            articles::url,
            articles::title,
            articles::publisher,
        ))
        .load(conn)?;
    let mut seen = std::collections::HashSet::new();
    Ok(rows
        .into_iter()
        .filter(|(claim, article, ..)| seen.insert((*claim, *article)))
        .filter_map(|(claim, _, url, title, publisher)| {
            Some(AlsoIn {
                claim_id: ClaimId::new(claim),
                url: url?,
                title,
                publisher,
            })
        })
        .collect())
}

/// What a page shows of an article without its text (which can be a quarter of a megabyte).
#[derive(Queryable, Selectable)]
#[diesel(table_name = articles)]
struct Heading {
    id: i64,
    title: String,
    publisher: Option<String>,
    url: Option<String>,
    published_on: Option<chrono::NaiveDate>,
}

impl Heading {
    fn appearance(self, surface: Option<String>, origin: bool) -> Appearance {
        Appearance {
            article_id: self.id,
            title: self.title,
            publisher: self.publisher,
            url: self.url,
            published_on: self.published_on,
            surface,
            origin,
        }
    }
}

/// The articles a claim appears in, oldest first: the one it was made from, then each one whose
/// candidate was attached to it. One query on the candidates' claim index.
pub fn appearances_of(
    conn: &mut DbConn,
    team: TeamId,
    claim: &ClaimRow,
) -> QueryResult<Vec<Appearance>> {
    let rows: Vec<(Heading, String, String)> = candidates::table
        .inner_join(articles::table)
        .filter(candidates::team_id.eq(team.get()))
        .filter(candidates::claim_id.eq(claim.id))
        // two comparisons rather than `IN (…)`: diesel caches no statement with a list of values
        .filter(
            candidates::state
                .eq("accepted")
                .or(candidates::state.eq("merged")),
        )
        .order(candidates::id)
        .select((Heading::as_select(), candidates::surface, candidates::state))
        .load(conn)?;
    let mut appearances: Vec<Appearance> = rows
        .into_iter()
        .map(|(heading, surface, state)| {
            let origin = state == "accepted" && Some(heading.id) == claim.article_id;
            heading.appearance(Some(surface), origin)
        })
        .collect();
    // A claim made from a passage has no candidate: its article comes first all the same.
    if let Some(origin) = claim
        .article_id
        .filter(|_| !appearances.iter().any(|a| a.origin))
    {
        let heading: Option<Heading> = articles::table
            .filter(articles::team_id.eq(team.get()))
            .filter(articles::id.eq(origin))
            .select(Heading::as_select())
            .first(conn)
            .optional()?;
        if let Some(heading) = heading {
            appearances.insert(0, heading.appearance(claim.surface.clone(), true));
        }
    }
    Ok(appearances)
}
