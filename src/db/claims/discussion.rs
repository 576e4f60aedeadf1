//! What members add around a claim without changing its record: comments, tags, and the history
//! every change writes.

use diesel::prelude::*;

use super::super::models::{CommentRow, EventRow};
use super::super::schema::*;
use super::super::DbConn;
use super::TeamClaim;
use crate::domain::{HistoryLine, Tag, UserId};

fn line((event, who): (EventRow, Option<String>)) -> HistoryLine {
    HistoryLine {
        at: event.created_at,
        who,
        action: event.action,
        before: event.before_value,
        after: event.after_value,
    }
}

/// A claim's history, oldest first, with the actor's name: all of it, or only the `latest` lines.
/// Also returns how many earlier lines were left out.
pub fn history_of(
    conn: &mut DbConn,
    claim: TeamClaim,
    latest: Option<i64>,
) -> QueryResult<(Vec<HistoryLine>, i64)> {
    let of_claim = || {
        events::table
            .filter(events::team_id.eq(claim.team().get()))
            .filter(events::entity.eq("claim"))
            .filter(events::entity_id.eq(claim.id().get()))
    };
    let mut query = of_claim()
        .left_join(users::table.on(users::id.nullable().eq(events::actor_id)))
        .order(events::id.desc())
        .select((events::all_columns, users::name.nullable()))
        .into_boxed();
    if let Some(n) = latest {
        query = query.limit(n);
    }
    let mut rows: Vec<(EventRow, Option<String>)> = query.load(conn)?;
    rows.reverse();
    let left_out = match latest {
        Some(n) if rows.len() as i64 == n => of_claim().count().get_result::<i64>(conn)? - n,
        _ => 0,
    };
    Ok((rows.into_iter().map(line).collect(), left_out))
}

/// The claim's history since `stale_version` was current: what someone else changed meanwhile.
/// Every versioned update writes one event, so the newest (current - stale) events are exactly
/// those.
pub fn changes_since(
    conn: &mut DbConn,
    claim: TeamClaim,
    stale_version: i64,
    current_version: i64,
) -> QueryResult<Vec<HistoryLine>> {
    let missed = current_version.saturating_sub(stale_version).clamp(0, 50);
    let mut rows: Vec<(EventRow, Option<String>)> = events::table
        .left_join(users::table.on(users::id.nullable().eq(events::actor_id)))
        .filter(events::team_id.eq(claim.team().get()))
        .filter(events::entity.eq("claim"))
        .filter(events::entity_id.eq(claim.id().get()))
        .order(events::id.desc())
        .limit(missed.max(1))
        .select((events::all_columns, users::name.nullable()))
        .load(conn)?;
    rows.reverse();
    Ok(rows.into_iter().map(line).collect())
}

/// A claim's comments, oldest first, with their authors: all, or only the `latest`. Also returns
/// how many earlier comments were left out.
pub fn comments_of(
    conn: &mut DbConn,
    claim: TeamClaim,
    latest: Option<i64>,
) -> QueryResult<(Vec<(CommentRow, String)>, i64)> {
    let of_claim = || {
        comments::table
            .filter(comments::team_id.eq(claim.team().get()))
            .filter(comments::claim_id.eq(claim.id().get()))
    };
    let mut query = of_claim()
        .inner_join(users::table)
        .order(comments::id.desc())
        .select((comments::all_columns, users::name))
        .into_boxed();
    if let Some(n) = latest {
        query = query.limit(n);
    }
    let mut rows: Vec<(CommentRow, String)> = query.load(conn)?;
    rows.reverse();
    let left_out = match latest {
        Some(n) if rows.len() as i64 == n => of_claim().count().get_result::<i64>(conn)? - n,
        _ => 0,
    };
    Ok((rows, left_out))
}

pub fn insert_comment(
    conn: &mut DbConn,
    claim: TeamClaim,
    author: UserId,
    body: &str,
) -> QueryResult<i64> {
    diesel::insert_into(comments::table)
        .values((
            comments::team_id.eq(claim.team().get()),
            comments::claim_id.eq(claim.id().get()),
            comments::author_id.eq(author.get()),
            comments::body.eq(body),
            comments::created_at.eq(super::super::now()),
        ))
        .returning(comments::id)
        .get_result(conn)
}

pub fn tags_of(conn: &mut DbConn, claim: TeamClaim) -> QueryResult<Vec<String>> {
    claim_tags::table
        .filter(claim_tags::claim_id.eq(claim.id().get()))
        .order(claim_tags::tag)
        .select(claim_tags::tag)
        .load(conn)
}

/// Adds a tag unless the claim has it already; returns whether it was added.
pub fn add_tag(conn: &mut DbConn, claim: TeamClaim, tag: &Tag) -> QueryResult<bool> {
    let exists: i64 = claim_tags::table
        .filter(claim_tags::claim_id.eq(claim.id().get()))
        .filter(claim_tags::tag.eq(tag.as_str()))
        .count()
        .get_result(conn)?;
    if exists > 0 {
        return Ok(false);
    }
    // Two members may add the same tag at once; the primary key settles it.
    let inserted = super::super::insert_unless_taken(conn, |conn| {
        diesel::insert_into(claim_tags::table)
            .values((
                claim_tags::claim_id.eq(claim.id().get()),
                claim_tags::tag.eq(tag.as_str()),
            ))
            .execute(conn)
    })?;
    Ok(inserted.is_some())
}

/// Removes a tag; returns whether the claim had it.
pub fn remove_tag(conn: &mut DbConn, claim: TeamClaim, tag: &Tag) -> QueryResult<bool> {
    let removed = diesel::delete(
        claim_tags::table
            .filter(claim_tags::claim_id.eq(claim.id().get()))
            .filter(claim_tags::tag.eq(tag.as_str())),
    )
    .execute(conn)?;
    Ok(removed == 1)
}
