//! The team's verdict scale.

use diesel::prelude::*;

use super::events::{self, Change};
use super::models::VerdictRow;
use super::schema::{claims, verdicts};
use super::DbConn;
use crate::domain::{ClaimId, Rating, Status, TeamId, UserId, VerdictId, VerdictKey, VerdictLabel};

/// The scale every team starts with: (key, label, ClaimReview rating).
pub const DEFAULT_SCALE: [(&str, &str, Option<i32>); 6] = [
    ("true", "True", Some(5)),
    ("mostly_true", "Mostly true", Some(4)),
    ("mixed", "Mixed", Some(3)),
    ("misleading", "Misleading", Some(2)),
    ("false", "False", Some(1)),
    ("unverifiable", "Unverifiable", None),
];

pub fn insert_default_scale(conn: &mut DbConn, team: TeamId) -> QueryResult<()> {
    for (position, (key, label, rating)) in DEFAULT_SCALE.iter().enumerate() {
        diesel::insert_into(verdicts::table)
            .values((
                verdicts::team_id.eq(team.get()),
                verdicts::key.eq(key),
                verdicts::label.eq(label),
                verdicts::rating.eq(rating),
                verdicts::position.eq(position as i32 + 1),
                verdicts::retired.eq(false),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The team's whole scale, retired verdicts included, in display order.
pub fn scale(conn: &mut DbConn, team: TeamId) -> QueryResult<Vec<VerdictRow>> {
    verdicts::table
        .filter(verdicts::team_id.eq(team.get()))
        .order((verdicts::position, verdicts::id))
        .load(conn)
}

/// A verdict of the team by key that may still be given.
pub fn active_by_key(
    conn: &mut DbConn,
    team: TeamId,
    key: &VerdictKey,
) -> QueryResult<Option<VerdictRow>> {
    verdicts::table
        .filter(verdicts::team_id.eq(team.get()))
        .filter(verdicts::key.eq(key.as_str()))
        .filter(verdicts::retired.eq(false))
        .first(conn)
        .optional()
}

// ---- managing the scale (team settings) ----

/// Serialises changes to one team's scale: on PostgreSQL, row locks on every verdict of the team
/// until the transaction ends, so two admins retiring at once cannot both pass the "last active
/// verdict" check or retire into each other, and later reads see the other's commit. SQLite's
/// IMMEDIATE write transactions serialise already. Call it first inside `db::write`.
pub fn lock_scale(conn: &mut DbConn, team: TeamId) -> QueryResult<()> {
    diesel::update(verdicts::table.filter(verdicts::team_id.eq(team.get())))
        .set(verdicts::retired.eq(verdicts::retired))
        .execute(conn)?;
    Ok(())
}

/// One verdict of the team by id, retired or not; another team's id is `None`, like a missing one.
pub fn of_team(
    conn: &mut DbConn,
    team: TeamId,
    verdict: VerdictId,
) -> QueryResult<Option<VerdictRow>> {
    verdicts::table
        .filter(verdicts::team_id.eq(team.get()))
        .filter(verdicts::id.eq(verdict.get()))
        .first(conn)
        .optional()
}

/// Whether the team has ever used `key`: retired verdicts keep their keys, so keys are never reused.
pub fn key_taken(conn: &mut DbConn, team: TeamId, key: &VerdictKey) -> QueryResult<bool> {
    let n: i64 = verdicts::table
        .filter(verdicts::team_id.eq(team.get()))
        .filter(verdicts::key.eq(key.as_str()))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// How many verdicts of the team may still be given.
pub fn count_active(conn: &mut DbConn, team: TeamId) -> QueryResult<i64> {
    verdicts::table
        .filter(verdicts::team_id.eq(team.get()))
        .filter(verdicts::retired.eq(false))
        .count()
        .get_result(conn)
}

/// How many of the team's claims carry each verdict, as (verdict id, claims); unused verdicts are
/// absent.
pub fn claims_per_verdict(conn: &mut DbConn, team: TeamId) -> QueryResult<Vec<(i64, i64)>> {
    let rows: Vec<(Option<i64>, i64)> = claims::table
        .filter(claims::team_id.eq(team.get()))
        .filter(claims::verdict_id.is_not_null())
        .group_by(claims::verdict_id)
        .select((claims::verdict_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, n)| id.map(|id| (id, n)))
        .collect())
}

/// How a verdict reads in the team's history: `key: Label (rating n)`.
fn describe(key: &str, label: &str, rating: Option<i32>) -> String {
    match rating {
        Some(n) => format!("{key}: {label} (rating {n})"),
        None => format!("{key}: {label} (no rating)"),
    }
}

/// Appends a verdict at the end of the team's scale and records it. The caller checks the key is
/// free first; a concurrent insert of the same key still fails on the unique constraint.
pub fn append(
    conn: &mut DbConn,
    team: TeamId,
    actor: UserId,
    key: &VerdictKey,
    label: &VerdictLabel,
    rating: Option<Rating>,
) -> QueryResult<VerdictRow> {
    let last: Option<i32> = verdicts::table
        .filter(verdicts::team_id.eq(team.get()))
        .select(diesel::dsl::max(verdicts::position))
        .first(conn)?;
    let rating = rating.map(Rating::value);
    let row: VerdictRow = diesel::insert_into(verdicts::table)
        .values((
            verdicts::team_id.eq(team.get()),
            verdicts::key.eq(key.as_str()),
            verdicts::label.eq(label.as_str()),
            verdicts::rating.eq(rating),
            verdicts::position.eq(last.unwrap_or(0) + 1),
            verdicts::retired.eq(false),
        ))
        .returning(verdicts::all_columns)
        .get_result(conn)?;
    let after = describe(key.as_str(), label.as_str(), rating);
    events::record(
        conn,
        Change {
            team_id: Some(team.get()),
            actor_id: Some(actor.get()),
            entity: "team",
            entity_id: team.get(),
            action: "verdict_added",
            before: None,
            after: Some(&after),
        },
    )?;
    Ok(row)
}

/// Gives a verdict a new label and rating and records it (`verdict_renamed`, or `verdict_rerated`
/// when only the rating changed). Returns whether anything changed.
pub fn relabel(
    conn: &mut DbConn,
    actor: UserId,
    verdict: &VerdictRow,
    label: &VerdictLabel,
    rating: Option<Rating>,
) -> QueryResult<bool> {
    let rating = rating.map(Rating::value);
    if verdict.label == label.as_str() && verdict.rating == rating {
        return Ok(false);
    }
    diesel::update(
        verdicts::table
            .filter(verdicts::team_id.eq(verdict.team_id))
            .filter(verdicts::id.eq(verdict.id)),
    )
    .set((
        verdicts::label.eq(label.as_str()),
        verdicts::rating.eq(rating),
    ))
    .execute(conn)?;
    let before = describe(&verdict.key, &verdict.label, verdict.rating);
    let after = describe(&verdict.key, label.as_str(), rating);
    events::record(
        conn,
        Change {
            team_id: Some(verdict.team_id),
            actor_id: Some(actor.get()),
            entity: "team",
            entity_id: verdict.team_id,
            action: if verdict.label == label.as_str() {
                "verdict_rerated"
            } else {
                "verdict_renamed"
            },
            before: Some(&before),
            after: Some(&after),
        },
    )?;
    Ok(true)
}

/// Retires `retired` in favour of `replacement` (both of the same team, checked by the caller):
/// every claim of the team carrying the retired verdict moves to the replacement, its version
/// bumped and one history row written per claim, then the verdict is marked retired and the team's
/// history records it. Run it inside `db::write`. Returns the ids of the claims moved.
pub fn retire(
    conn: &mut DbConn,
    actor: UserId,
    retired: &VerdictRow,
    replacement: &VerdictRow,
) -> QueryResult<Vec<i64>> {
    let team = TeamId::new(retired.team_id);
    // One statement: a claim changed by someone else meanwhile is moved as it now is, and its
    // version still goes up by exactly one.
    let moved: Vec<i64> = diesel::update(
        claims::table
            .filter(claims::team_id.eq(team.get()))
            .filter(claims::verdict_id.eq(retired.id)),
    )
    .set((
        claims::verdict_id.eq(Some(replacement.id)),
        claims::version.eq(claims::version + 1),
        claims::updated_at.eq(super::now()),
    ))
    .returning(claims::id)
    .get_results(conn)?;
    for claim_id in &moved {
        events::record(
            conn,
            Change {
                team_id: Some(team.get()),
                actor_id: Some(actor.get()),
                entity: "claim",
                entity_id: *claim_id,
                action: "verdict_retired",
                before: Some(&retired.label),
                after: Some(&replacement.label),
            },
        )?;
    }
    diesel::update(
        verdicts::table
            .filter(verdicts::team_id.eq(team.get()))
            .filter(verdicts::id.eq(retired.id)),
    )
    .set(verdicts::retired.eq(true))
    .execute(conn)?;
    let before = describe(&retired.key, &retired.label, retired.rating);
    let after = format!(
        "replaced by {}; {} claim{} moved",
        describe(&replacement.key, &replacement.label, replacement.rating),
        moved.len(),
        if moved.len() == 1 { "" } else { "s" }
    );
    events::record(
        conn,
        Change {
            team_id: Some(team.get()),
            actor_id: Some(actor.get()),
            entity: "team",
            entity_id: team.get(),
            action: "verdict_retired",
            before: Some(&before),
            after: Some(&after),
        },
    )?;
    Ok(moved)
}

/// The team's verified and published claims that carry `verdict`: their verdict may change only
/// through a correction, so the scale may not re-rate or retire it under them. (id, statement),
/// at most `limit`, oldest first.
pub fn settled_claims_with(
    conn: &mut DbConn,
    team: TeamId,
    verdict: VerdictId,
    limit: i64,
) -> QueryResult<Vec<(ClaimId, String)>> {
    let rows: Vec<(i64, String)> = claims::table
        .filter(claims::team_id.eq(team.get()))
        .filter(claims::verdict_id.eq(verdict.get()))
        .filter(claims::status.eq_any([Status::Verified.as_str(), Status::Published.as_str()]))
        .order(claims::id.asc())
        .limit(limit)
        .select((claims::id, claims::statement))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, statement)| (ClaimId::new(id), statement))
        .collect())
}
