//! Two-factor sign-in: each user's sealed TOTP secret and last used time step, their recovery
//! codes (hashes only), the pending second step of a sign-in, and the teams that require it.
//! Conditional UPDATEs do the one-time parts (a step, a recovery code, an enrolment), so two
//! requests racing with the same code cannot both win, on SQLite and PostgreSQL alike.

use chrono::NaiveDateTime;
use diesel::dsl::exists;
use diesel::prelude::*;

use super::events::{self, Change};
use super::schema::{
    memberships, team_two_factor, two_factor_challenges, two_factor_recovery_codes, user_two_factor,
};
use super::DbConn;

/// A user's TOTP enrolment, started or confirmed.
#[derive(Debug, Clone, Queryable)]
pub struct TwoFactorRow {
    pub user_id: i64,
    /// `auth::secretbox::seal` of the secret, bound to the user.
    pub secret_sealed: String,
    pub created_at: NaiveDateTime,
    /// `None` while the enrolment waits for its first code.
    pub enabled_at: Option<NaiveDateTime>,
    pub last_used_step: Option<i64>,
}

pub fn find(conn: &mut DbConn, user_id: i64) -> QueryResult<Option<TwoFactorRow>> {
    user_two_factor::table.find(user_id).first(conn).optional()
}

pub fn is_enabled(conn: &mut DbConn, user_id: i64) -> QueryResult<bool> {
    diesel::select(exists(
        user_two_factor::table
            .filter(user_two_factor::user_id.eq(user_id))
            .filter(user_two_factor::enabled_at.is_not_null()),
    ))
    .get_result(conn)
}

/// Starts (or restarts) an enrolment with a new sealed secret. The caller has checked that
/// two-factor sign-in is not on; a confirmed row is never replaced here.
pub fn start_enrolment(
    conn: &mut DbConn,
    user_id: i64,
    sealed: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::delete(
        user_two_factor::table
            .filter(user_two_factor::user_id.eq(user_id))
            .filter(user_two_factor::enabled_at.is_null()),
    )
    .execute(conn)?;
    diesel::insert_into(user_two_factor::table)
        .values((
            user_two_factor::user_id.eq(user_id),
            user_two_factor::secret_sealed.eq(sealed),
            user_two_factor::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Switches a pending enrolment on with the step its confirming code used. False when it was not
/// pending (already on, or gone).
pub fn enable(conn: &mut DbConn, user_id: i64, step: i64, now: NaiveDateTime) -> QueryResult<bool> {
    let changed = diesel::update(
        user_two_factor::table
            .filter(user_two_factor::user_id.eq(user_id))
            .filter(user_two_factor::enabled_at.is_null()),
    )
    .set((
        user_two_factor::enabled_at.eq(Some(now)),
        user_two_factor::last_used_step.eq(Some(step)),
    ))
    .execute(conn)?;
    if changed == 1 {
        record(conn, user_id, "two_factor_enabled")?;
    }
    Ok(changed == 1)
}

/// Marks `step` used, only if it is newer than the last used one. False means a replay (or a
/// concurrent request with the same code got there first).
pub fn use_step(conn: &mut DbConn, user_id: i64, step: i64) -> QueryResult<bool> {
    let changed = diesel::update(
        user_two_factor::table
            .filter(user_two_factor::user_id.eq(user_id))
            .filter(user_two_factor::enabled_at.is_not_null())
            .filter(
                user_two_factor::last_used_step
                    .is_null()
                    .or(user_two_factor::last_used_step.lt(step)),
            ),
    )
    .set(user_two_factor::last_used_step.eq(Some(step)))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Replaces every recovery code of the user with these hashes.
pub fn replace_recovery_codes(
    conn: &mut DbConn,
    user_id: i64,
    hashes: &[String],
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::delete(
        two_factor_recovery_codes::table.filter(two_factor_recovery_codes::user_id.eq(user_id)),
    )
    .execute(conn)?;
    for hash in hashes {
        diesel::insert_into(two_factor_recovery_codes::table)
            .values((
                two_factor_recovery_codes::user_id.eq(user_id),
                two_factor_recovery_codes::code_hash.eq(hash),
                two_factor_recovery_codes::created_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Spends a recovery code: true when it was the user's and unused, and is now used.
pub fn use_recovery_code(
    conn: &mut DbConn,
    user_id: i64,
    hash: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let changed = diesel::update(
        two_factor_recovery_codes::table
            .filter(two_factor_recovery_codes::user_id.eq(user_id))
            .filter(two_factor_recovery_codes::code_hash.eq(hash))
            .filter(two_factor_recovery_codes::used_at.is_null()),
    )
    .set(two_factor_recovery_codes::used_at.eq(Some(now)))
    .execute(conn)?;
    if changed == 1 {
        record(conn, user_id, "recovery_code_used")?;
    }
    Ok(changed == 1)
}

pub fn unused_recovery_codes(conn: &mut DbConn, user_id: i64) -> QueryResult<i64> {
    two_factor_recovery_codes::table
        .filter(two_factor_recovery_codes::user_id.eq(user_id))
        .filter(two_factor_recovery_codes::used_at.is_null())
        .count()
        .get_result(conn)
}

/// Switches two-factor sign-in off: the secret, the recovery codes and pending sign-ins go.
pub fn disable(conn: &mut DbConn, user_id: i64) -> QueryResult<()> {
    diesel::delete(
        two_factor_recovery_codes::table.filter(two_factor_recovery_codes::user_id.eq(user_id)),
    )
    .execute(conn)?;
    diesel::delete(two_factor_challenges::table.filter(two_factor_challenges::user_id.eq(user_id)))
        .execute(conn)?;
    diesel::delete(user_two_factor::table.find(user_id)).execute(conn)?;
    record(conn, user_id, "two_factor_disabled")
}

/// Records a history row about the user's own two-factor settings (no secret in it).
pub fn record(conn: &mut DbConn, user_id: i64, action: &str) -> QueryResult<()> {
    events::record(
        conn,
        Change {
            team_id: None,
            actor_id: Some(user_id),
            entity: "user",
            entity_id: user_id,
            action,
            before: None,
            after: None,
        },
    )
}

// ---- the second step of a sign-in ----

/// A pending second step: whose it is and where to go afterwards.
#[derive(Debug, Clone)]
pub struct Challenge {
    pub id: i64,
    pub user_id: i64,
    pub next_path: String,
}

pub fn insert_challenge(
    conn: &mut DbConn,
    token_hash: &str,
    user_id: i64,
    next_path: &str,
    now: NaiveDateTime,
    expires_at: NaiveDateTime,
) -> QueryResult<()> {
    // Expired ones are useless; dropping them here keeps the table small without a background job.
    diesel::delete(two_factor_challenges::table.filter(two_factor_challenges::expires_at.le(now)))
        .execute(conn)?;
    diesel::insert_into(two_factor_challenges::table)
        .values((
            two_factor_challenges::token_hash.eq(token_hash),
            two_factor_challenges::user_id.eq(user_id),
            two_factor_challenges::next_path.eq(next_path),
            two_factor_challenges::created_at.eq(now),
            two_factor_challenges::expires_at.eq(expires_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// The live challenge with this token hash.
pub fn find_challenge(
    conn: &mut DbConn,
    token_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<Challenge>> {
    let row: Option<(i64, i64, String)> = two_factor_challenges::table
        .filter(two_factor_challenges::token_hash.eq(token_hash))
        .filter(two_factor_challenges::expires_at.gt(now))
        .select((
            two_factor_challenges::id,
            two_factor_challenges::user_id,
            two_factor_challenges::next_path,
        ))
        .first(conn)
        .optional()?;
    Ok(row.map(|(id, user_id, next_path)| Challenge {
        id,
        user_id,
        next_path,
    }))
}

/// Ends a challenge; false when it was already gone (used by a concurrent request).
pub fn delete_challenge(conn: &mut DbConn, id: i64) -> QueryResult<bool> {
    Ok(diesel::delete(two_factor_challenges::table.find(id)).execute(conn)? == 1)
}

// ---- teams ----

pub fn team_requires(conn: &mut DbConn, team_id: i64) -> QueryResult<bool> {
    diesel::select(exists(team_two_factor::table.find(team_id))).get_result(conn)
}

/// Whether any team the user is an active member of requires two-factor sign-in.
pub fn any_team_of_user_requires(conn: &mut DbConn, user_id: i64) -> QueryResult<bool> {
    let teams: Vec<i64> = memberships::table
        .filter(memberships::user_id.eq(user_id))
        .filter(memberships::active.eq(true))
        .select(memberships::team_id)
        .load(conn)?;
    diesel::select(exists(
        team_two_factor::table.filter(team_two_factor::team_id.eq_any(teams)),
    ))
    .get_result(conn)
}

/// True when the member must enrol before using the team's pages: the team requires two-factor
/// sign-in and the user has not switched it on.
pub fn must_enrol(conn: &mut DbConn, user_id: i64, team_id: i64) -> QueryResult<bool> {
    Ok(team_requires(conn, team_id)? && !is_enabled(conn, user_id)?)
}

/// Requires (or stops requiring) two-factor sign-in in a team, with its history row. Returns
/// whether anything changed.
pub fn set_team_requirement(
    conn: &mut DbConn,
    team_id: i64,
    actor_id: i64,
    required: bool,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let was = team_requires(conn, team_id)?;
    if was == required {
        return Ok(false);
    }
    if required {
        diesel::insert_into(team_two_factor::table)
            .values((
                team_two_factor::team_id.eq(team_id),
                team_two_factor::required_since.eq(now),
                team_two_factor::required_by.eq(actor_id),
            ))
            .execute(conn)?;
    } else {
        diesel::delete(team_two_factor::table.find(team_id)).execute(conn)?;
    }
    let on_off = |on: bool| {
        if on {
            "two-factor sign-in: required"
        } else {
            "two-factor sign-in: optional"
        }
    };
    events::record(
        conn,
        Change {
            team_id: Some(team_id),
            actor_id: Some(actor_id),
            entity: "team",
            entity_id: team_id,
            action: "settings_changed",
            before: Some(on_off(was)),
            after: Some(on_off(required)),
        },
    )?;
    Ok(true)
}
