//! A claim's citations: the sources it rests on, each with its stance.

use diesel::prelude::*;

use super::super::models::{CitationRow, NewCitation};
use super::super::schema::*;
use super::super::DbConn;
use super::TeamClaim;
use crate::domain::{CitationDraft, CitationId, UserId};

pub fn citations_of(conn: &mut DbConn, claim: TeamClaim) -> QueryResult<Vec<CitationRow>> {
    citations::table
        .filter(citations::team_id.eq(claim.team().get()))
        .filter(citations::claim_id.eq(claim.id().get()))
        .order(citations::id)
        .load(conn)
}

pub fn insert_citation(
    conn: &mut DbConn,
    claim: TeamClaim,
    actor: UserId,
    draft: &CitationDraft,
) -> QueryResult<CitationId> {
    diesel::insert_into(citations::table)
        .values(NewCitation {
            team_id: claim.team().get(),
            claim_id: claim.id().get(),
            url: draft.url.as_str(),
            title: &draft.title,
            publisher: draft.publisher.as_deref(),
            excerpt: draft.excerpt.as_deref(),
            accessed_on: draft.accessed_on,
            stance: draft.stance.as_str(),
            created_by: actor.get(),
            created_at: super::super::now(),
        })
        .returning(citations::id)
        .get_result(conn)
        .map(CitationId::new)
}

fn citation_of(
    conn: &mut DbConn,
    claim: TeamClaim,
    citation: CitationId,
) -> QueryResult<Option<CitationRow>> {
    citations::table
        .filter(citations::team_id.eq(claim.team().get()))
        .filter(citations::claim_id.eq(claim.id().get()))
        .filter(citations::id.eq(citation.get()))
        .first(conn)
        .optional()
}

/// Rewrites a citation of this claim; returns what it was before, when it existed.
pub fn update_citation(
    conn: &mut DbConn,
    claim: TeamClaim,
    citation: CitationId,
    draft: &CitationDraft,
) -> QueryResult<Option<CitationRow>> {
    let Some(before) = citation_of(conn, claim, citation)? else {
        return Ok(None);
    };
    diesel::update(citations::table.find(citation.get()))
        .set((
            citations::url.eq(draft.url.as_str()),
            citations::title.eq(&draft.title),
            citations::publisher.eq(draft.publisher.as_deref()),
            citations::excerpt.eq(draft.excerpt.as_deref()),
            citations::accessed_on.eq(draft.accessed_on),
            citations::stance.eq(draft.stance.as_str()),
        ))
        .execute(conn)?;
    Ok(Some(before))
}

/// Removes a citation of this claim; returns it when it existed.
pub fn delete_citation(
    conn: &mut DbConn,
    claim: TeamClaim,
    citation: CitationId,
) -> QueryResult<Option<CitationRow>> {
    let found = citation_of(conn, claim, citation)?;
    if found.is_some() {
        diesel::delete(citations::table.find(citation.get())).execute(conn)?;
    }
    Ok(found)
}

/// How many citations the claim has.
pub fn count_citations(conn: &mut DbConn, claim: TeamClaim) -> QueryResult<i64> {
    citations::table
        .filter(citations::team_id.eq(claim.team().get()))
        .filter(citations::claim_id.eq(claim.id().get()))
        .count()
        .get_result(conn)
}
