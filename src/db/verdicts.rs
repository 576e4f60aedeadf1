//! The team's verdict scale.

use diesel::prelude::*;

use super::models::VerdictRow;
use super::schema::verdicts;
use super::DbConn;

/// The scale every team starts with: (key, label, ClaimReview rating).
pub const DEFAULT_SCALE: [(&str, &str, Option<i32>); 6] = [
    ("true", "True", Some(5)),
    ("mostly_true", "Mostly true", Some(4)),
    ("mixed", "Mixed", Some(3)),
    ("misleading", "Misleading", Some(2)),
    ("false", "False", Some(1)),
    ("unverifiable", "Unverifiable", None),
];

pub fn insert_default_scale(conn: &mut DbConn, team_id: i64) -> QueryResult<()> {
    for (position, (key, label, rating)) in DEFAULT_SCALE.iter().enumerate() {
        diesel::insert_into(verdicts::table)
            .values((
                verdicts::team_id.eq(team_id),
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
pub fn scale(conn: &mut DbConn, team_id: i64) -> QueryResult<Vec<VerdictRow>> {
    verdicts::table
        .filter(verdicts::team_id.eq(team_id))
        .order((verdicts::position, verdicts::id))
        .load(conn)
}

/// A verdict of the team by key that may still be given.
pub fn active_by_key(
    conn: &mut DbConn,
    team_id: i64,
    key: &str,
) -> QueryResult<Option<VerdictRow>> {
    verdicts::table
        .filter(verdicts::team_id.eq(team_id))
        .filter(verdicts::key.eq(key))
        .filter(verdicts::retired.eq(false))
        .first(conn)
        .optional()
}
