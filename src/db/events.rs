//! History: one row per change, written inside the transaction of the change itself.

use diesel::prelude::*;

use super::models::{EventRow, NewEvent};
use super::schema::events;
use super::DbConn;

/// What an event is about, for `record`.
pub struct Change<'a> {
    pub team_id: Option<i64>,
    pub actor_id: Option<i64>,
    pub entity: &'a str,
    pub entity_id: i64,
    pub action: &'a str,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
}

pub fn record(conn: &mut DbConn, change: Change<'_>) -> QueryResult<()> {
    diesel::insert_into(events::table)
        .values(NewEvent {
            team_id: change.team_id,
            actor_id: change.actor_id,
            entity: change.entity,
            entity_id: change.entity_id,
            action: change.action,
            before_value: change.before,
            after_value: change.after,
            created_at: super::now(),
        })
        .execute(conn)?;
    Ok(())
}

/// The newest events of one team, newest first.
pub fn recent_for_team(conn: &mut DbConn, team_id: i64, limit: i64) -> QueryResult<Vec<EventRow>> {
    events::table
        .filter(events::team_id.eq(team_id))
        .order(events::id.desc())
        .limit(limit)
        .load(conn)
}
