//! Articles and their candidates: saving an article with what the extractor found, the article list,
//! and triage (accept, reject, accept all above a score).

use std::collections::HashMap;

use diesel::prelude::*;
use diesel::result::Error as DieselError;

use super::events::{self as history, Change};
use super::models::*;
use super::schema::*;
use super::DbConn;
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

pub enum Saved {
    Created(i64),
    /// The team already has an article with this body.
    Existing(i64),
}

pub fn find_by_hash(conn: &mut DbConn, team_id: i64, body_hash: &str) -> QueryResult<Option<i64>> {
    articles::table
        .filter(articles::team_id.eq(team_id))
        .filter(articles::body_hash.eq(body_hash))
        .select(articles::id)
        .first(conn)
        .optional()
}

/// Saves an article and its candidates, or finds the team's existing article with the same body.
/// Call inside `db::write`.
pub fn save(
    conn: &mut DbConn,
    team_id: i64,
    actor_id: i64,
    input: &ArticleInput<'_>,
    found: &[Candidate],
) -> QueryResult<Saved> {
    if let Some(existing) = find_by_hash(conn, team_id, input.body_hash)? {
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
        return find_by_hash(conn, team_id, input.body_hash)?
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
    Ok(Saved::Created(article_id))
}

/// Extracts the candidates of a validated article and saves both in one write transaction (or finds
/// the team's existing article with that body). The web form, the upload and `claimdesk import` all
/// come through here.
pub fn ingest(
    conn: &mut DbConn,
    team_id: i64,
    actor_id: i64,
    draft: &crate::domain::ArticleDraft,
) -> QueryResult<Saved> {
    // Extraction is pure and runs before the transaction, so the write lock is held only for the
    // inserts.
    let found = crate::extract::extract(&draft.body);
    let hash = draft.body_hash();
    let input = ArticleInput {
        title: &draft.title,
        url: draft.url.as_ref().map(|u| u.as_str()),
        publisher: draft.publisher.as_deref(),
        author: draft.author.as_deref(),
        published_on: draft.published_on,
        body: &draft.body,
        body_hash: &hash,
    };
    super::write(conn, |conn| save(conn, team_id, actor_id, &input, &found))
}

/// One line of the article list.
pub struct ArticleSummary {
    pub article: ArticleRow,
    pub pending_candidates: i64,
    /// Claims per status, in `Status::ALL` order.
    pub claims_by_status: Vec<(String, i64)>,
}

pub fn list(conn: &mut DbConn, team_id: i64, limit: i64) -> QueryResult<Vec<ArticleSummary>> {
    let rows: Vec<ArticleRow> = articles::table
        .filter(articles::team_id.eq(team_id))
        .order(articles::id.desc())
        .limit(limit)
        .load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|a| a.id).collect();
    let pending: Vec<(i64, i64)> = candidates::table
        .filter(candidates::article_id.eq_any(&ids))
        .filter(candidates::state.eq("pending"))
        .group_by(candidates::article_id)
        .select((candidates::article_id, diesel::dsl::count_star()))
        .load(conn)?;
    let statuses: Vec<(Option<i64>, String, i64)> = claims::table
        .filter(claims::team_id.eq(team_id))
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

pub fn get(conn: &mut DbConn, team_id: i64, article_id: i64) -> QueryResult<Option<ArticleRow>> {
    articles::table
        .filter(articles::team_id.eq(team_id))
        .filter(articles::id.eq(article_id))
        .first(conn)
        .optional()
}

pub fn candidates_of(conn: &mut DbConn, article_id: i64) -> QueryResult<Vec<CandidateRow>> {
    candidates::table
        .filter(candidates::article_id.eq(article_id))
        .order(candidates::position)
        .load(conn)
}

pub fn candidate(
    conn: &mut DbConn,
    team_id: i64,
    article_id: i64,
    candidate_id: i64,
) -> QueryResult<Option<CandidateRow>> {
    candidates::table
        .filter(candidates::team_id.eq(team_id))
        .filter(candidates::article_id.eq(article_id))
        .filter(candidates::id.eq(candidate_id))
        .first(conn)
        .optional()
}

/// Sets a pending candidate's state; false when it was no longer pending.
pub fn settle_candidate(
    conn: &mut DbConn,
    candidate_id: i64,
    state: &str,
    claim_id: Option<i64>,
) -> QueryResult<bool> {
    let changed = diesel::update(
        candidates::table
            .filter(candidates::id.eq(candidate_id))
            .filter(candidates::state.eq("pending")),
    )
    .set((
        candidates::state.eq(state),
        candidates::claim_id.eq(claim_id),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Recent history of an article: its own events and those of its claims, newest first.
pub fn timeline(
    conn: &mut DbConn,
    team_id: i64,
    article_id: i64,
    limit: i64,
) -> QueryResult<Vec<(EventRow, Option<String>)>> {
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
