//! Deleting an article with what hangs off it: its candidates, and its claims with their tags,
//! citations, comments and reviews. Storage only: whether an article may go is `desk::removal`'s
//! call. History is never deleted: the events of the article and its claims stay on their chain.

use diesel::prelude::*;

use super::models::ArticleRow;
use super::schema::*;
use super::DbConn;
use crate::domain::{ClaimId, Status, TeamId};

/// One of an article's claims, as deleting the article weighs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimStanding {
    pub id: ClaimId,
    pub status: Status,
    /// It was approved once (a claim reopened as a correction keeps its `verified_at`).
    pub ever_verified: bool,
    /// It has a publication: its record was public once.
    pub ever_published: bool,
    /// A candidate of another article was attached to it: it appears there too.
    pub appears_elsewhere: bool,
}

/// The article's claims (of its team), in id order.
pub fn claims_of(conn: &mut DbConn, article: &ArticleRow) -> QueryResult<Vec<ClaimStanding>> {
    let rows: Vec<(i64, String, bool)> = claims::table
        .filter(claims::team_id.eq(article.team_id))
        .filter(claims::article_id.eq(article.id))
        .order(claims::id)
        .select((
            claims::id,
            claims::status,
            claims::verified_at.is_not_null(),
        ))
        .load(conn)?;
    let of_article = || {
        claims::table
            .filter(claims::team_id.eq(article.team_id))
            .filter(claims::article_id.eq(article.id))
            .select(claims::id)
    };
    let published: Vec<i64> = publications::table
        .filter(publications::team_id.eq(article.team_id))
        .filter(publications::claim_id.eq_any(of_article()))
        .select(publications::claim_id)
        .distinct()
        .load(conn)?;
    let elsewhere: Vec<Option<i64>> = candidates::table
        .filter(candidates::team_id.eq(article.team_id))
        .filter(candidates::article_id.ne(article.id))
        .filter(
            candidates::claim_id.eq_any(
                claims::table
                    .filter(claims::team_id.eq(article.team_id))
                    .filter(claims::article_id.eq(article.id))
                    .select(claims::id.nullable()),
            ),
        )
        .select(candidates::claim_id)
        .distinct()
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, status, ever_verified)| ClaimStanding {
            id: ClaimId::new(id),
            // The CHECK constraint keeps the column within the set.
            status: status.parse().unwrap_or(Status::Unverified),
            ever_verified,
            ever_published: published.contains(&id),
            appears_elsewhere: elsewhere.contains(&Some(id)),
        })
        .collect())
}

/// What went with a deleted article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Removed {
    pub claims: usize,
    pub candidates: usize,
}

/// Deletes the article, its candidates, and its claims with their tags, citations, comments and
/// reviews, in the caller's write transaction. The caller has ruled that none of the claims is
/// settled: a claim with a publication or a correction is not deleted here (its foreign keys
/// refuse), so a mistake above fails the transaction rather than a public record.
pub fn delete_article(conn: &mut DbConn, article: &ArticleRow) -> QueryResult<Removed> {
    let team = article.team_id;
    // Deleting claims moves the status counters: take them first, as every status change does.
    super::claims::lock_counts(conn, TeamId::new(team))?;
    let of_article = || {
        claims::table
            .filter(claims::team_id.eq(team))
            .filter(claims::article_id.eq(article.id))
            .select(claims::id)
    };
    diesel::delete(claim_tags::table.filter(claim_tags::claim_id.eq_any(of_article())))
        .execute(conn)?;
    diesel::delete(
        citations::table
            .filter(citations::team_id.eq(team))
            .filter(citations::claim_id.eq_any(of_article())),
    )
    .execute(conn)?;
    diesel::delete(
        comments::table
            .filter(comments::team_id.eq(team))
            .filter(comments::claim_id.eq_any(of_article())),
    )
    .execute(conn)?;
    diesel::delete(
        reviews::table
            .filter(reviews::team_id.eq(team))
            .filter(reviews::claim_id.eq_any(of_article())),
    )
    .execute(conn)?;
    // All at once: a candidate may name another of the article's candidates (`conversion_of`),
    // and one statement leaves no such reference behind.
    let candidates = diesel::delete(
        candidates::table
            .filter(candidates::team_id.eq(team))
            .filter(candidates::article_id.eq(article.id)),
    )
    .execute(conn)?;
    let claims = diesel::delete(
        claims::table
            .filter(claims::team_id.eq(team))
            .filter(claims::article_id.eq(article.id)),
    )
    .execute(conn)?;
    diesel::delete(
        articles::table
            .filter(articles::team_id.eq(team))
            .filter(articles::id.eq(article.id)),
    )
    .execute(conn)?;
    Ok(Removed { claims, candidates })
}
