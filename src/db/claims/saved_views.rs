//! A member's saved views: named queue addresses, per member and team.

use diesel::prelude::*;

use super::super::schema::*;
use super::super::DbConn;
use crate::domain::{TeamId, UserId, ViewId};

/// The member's views in this team, by name: (id, name, queue address).
pub fn saved_views(
    conn: &mut DbConn,
    team: TeamId,
    user: UserId,
) -> QueryResult<Vec<(i64, String, String)>> {
    saved_views::table
        .filter(saved_views::team_id.eq(team.get()))
        .filter(saved_views::user_id.eq(user.get()))
        .order(saved_views::name)
        .select((saved_views::id, saved_views::name, saved_views::query))
        .load(conn)
}

pub fn insert_saved_view(
    conn: &mut DbConn,
    team: TeamId,
    user: UserId,
    name: &str,
    query: &str,
) -> QueryResult<()> {
    diesel::insert_into(saved_views::table)
        .values((
            saved_views::team_id.eq(team.get()),
            saved_views::user_id.eq(user.get()),
            saved_views::name.eq(name),
            saved_views::query.eq(query),
            saved_views::created_at.eq(super::super::now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Deletes one of the member's own views; returns whether it existed.
pub fn delete_saved_view(
    conn: &mut DbConn,
    team: TeamId,
    user: UserId,
    view: ViewId,
) -> QueryResult<bool> {
    let deleted = diesel::delete(
        saved_views::table
            .filter(saved_views::id.eq(view.get()))
            .filter(saved_views::team_id.eq(team.get()))
            .filter(saved_views::user_id.eq(user.get())),
    )
    .execute(conn)?;
    Ok(deleted == 1)
}
