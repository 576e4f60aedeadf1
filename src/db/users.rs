//! Teams, users, memberships, sessions, invites and first-run setup tokens.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::events::{self, Change};
use super::models::*;
use super::schema::*;
use super::DbConn;
use crate::domain::{Email, PersonName, Role, TeamName, WebUrl};

// ---- teams ----

pub fn find_team_by_name(conn: &mut DbConn, name: &TeamName) -> QueryResult<Option<TeamRow>> {
    teams::table
        .filter(teams::name.eq(name.as_str()))
        .order(teams::id)
        .first(conn)
        .optional()
}

pub fn insert_team(
    conn: &mut DbConn,
    name: &TeamName,
    actor_id: Option<i64>,
) -> QueryResult<TeamRow> {
    let team: TeamRow = diesel::insert_into(teams::table)
        .values(NewTeam {
            name: name.as_str(),
            created_at: super::now(),
        })
        .returning(teams::all_columns)
        .get_result(conn)?;
    super::verdicts::insert_default_scale(conn, crate::domain::TeamId::new(team.id))?;
    events::record(
        conn,
        Change {
            team_id: Some(team.id),
            actor_id,
            entity: "team",
            entity_id: team.id,
            action: "created",
            before: None,
            after: Some(name.as_str()),
        },
    )?;
    Ok(team)
}

/// Saves a team's name, organization URL and blind-review setting, recording what changed
/// (`settings_changed`) for the caller's transaction. Returns whether anything changed.
pub fn update_team_settings(
    conn: &mut DbConn,
    team_id: i64,
    actor_id: i64,
    name: &TeamName,
    org_url: Option<&WebUrl>,
    (blind_review, min_sources): (bool, i32),
) -> QueryResult<bool> {
    let team: TeamRow = teams::table.find(team_id).first(conn)?;
    let org_url = org_url.map(WebUrl::as_str);
    let shown = |url: Option<&str>| url.unwrap_or("none").to_owned();
    let on_off = |on: bool| if on { "on" } else { "off" };
    let mut before = Vec::new();
    let mut after = Vec::new();
    if team.name != name.as_str() {
        before.push(format!("name: {}", team.name));
        after.push(format!("name: {name}"));
    }
    if team.org_url.as_deref() != org_url {
        before.push(format!(
            "organization URL: {}",
            shown(team.org_url.as_deref())
        ));
        after.push(format!("organization URL: {}", shown(org_url)));
    }
    if team.blind_review != blind_review {
        before.push(format!("blind review: {}", on_off(team.blind_review)));
        after.push(format!("blind review: {}", on_off(blind_review)));
    }
    if team.min_sources != min_sources {
        before.push(format!("sources before a verdict: {}", team.min_sources));
        after.push(format!("sources before a verdict: {min_sources}"));
    }
    if after.is_empty() {
        return Ok(false);
    }
    diesel::update(teams::table.find(team_id))
        .set((
            teams::name.eq(name.as_str()),
            teams::org_url.eq(org_url),
            teams::blind_review.eq(blind_review),
            teams::min_sources.eq(min_sources),
        ))
        .execute(conn)?;
    events::record(
        conn,
        Change {
            team_id: Some(team_id),
            actor_id: Some(actor_id),
            entity: "team",
            entity_id: team_id,
            action: "settings_changed",
            before: Some(&before.join("; ")),
            after: Some(&after.join("; ")),
        },
    )?;
    Ok(true)
}

// ---- users ----

pub fn count_users(conn: &mut DbConn) -> QueryResult<i64> {
    users::table.count().get_result(conn)
}

pub fn find_user_by_email(conn: &mut DbConn, email: &Email) -> QueryResult<Option<UserRow>> {
    users::table
        .filter(users::email.eq(email.as_str()))
        .first(conn)
        .optional()
}

pub fn find_user(conn: &mut DbConn, user_id: i64) -> QueryResult<Option<UserRow>> {
    users::table.find(user_id).first(conn).optional()
}

pub fn insert_user(
    conn: &mut DbConn,
    email: &Email,
    name: &PersonName,
    password_hash: &str,
) -> QueryResult<UserRow> {
    diesel::insert_into(users::table)
        .values(NewUser {
            email: email.as_str(),
            name: name.as_str(),
            password_hash,
            active: true,
            created_at: super::now(),
        })
        .returning(users::all_columns)
        .get_result(conn)
}

/// Sets a new password hash and ends every session of the user except `keep_session`.
pub fn set_password(
    conn: &mut DbConn,
    user_id: i64,
    password_hash: &str,
    keep_session: Option<i64>,
) -> QueryResult<()> {
    diesel::update(users::table.find(user_id))
        .set(users::password_hash.eq(password_hash))
        .execute(conn)?;
    let others = sessions::table
        .filter(sessions::user_id.eq(user_id))
        .filter(sessions::id.ne(keep_session.unwrap_or(-1)));
    diesel::delete(others).execute(conn)?;
    // A token made with the old password must not outlive it.
    super::tokens::revoke_all(conn, user_id, None, user_id, "password changed")?;
    events::record(
        conn,
        Change {
            team_id: None,
            actor_id: Some(user_id),
            entity: "user",
            entity_id: user_id,
            action: "password_changed",
            before: None,
            after: None,
        },
    )
}

// ---- memberships ----

/// A member of a team as the members page shows them.
#[derive(Debug, Clone)]
pub struct Member {
    pub user_id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub active: bool,
    pub joined_at: NaiveDateTime,
}

fn to_member((user, membership): (UserRow, MembershipRow)) -> Member {
    Member {
        user_id: user.id,
        email: user.email,
        name: user.name,
        // The CHECK constraint keeps the column inside the four roles; the fallback grants least.
        role: membership.role.parse().unwrap_or(Role::Viewer),
        active: membership.active && user.active,
        joined_at: membership.created_at,
    }
}

pub fn members_of_team(conn: &mut DbConn, team_id: i64) -> QueryResult<Vec<Member>> {
    let rows: Vec<(UserRow, MembershipRow)> = users::table
        .inner_join(memberships::table)
        .filter(memberships::team_id.eq(team_id))
        .order((memberships::active.desc(), users::name, users::id))
        .load(conn)?;
    Ok(rows.into_iter().map(to_member).collect())
}

pub fn member_of_team(
    conn: &mut DbConn,
    team_id: i64,
    user_id: i64,
) -> QueryResult<Option<Member>> {
    let row: Option<(UserRow, MembershipRow)> = users::table
        .inner_join(memberships::table)
        .filter(memberships::team_id.eq(team_id))
        .filter(users::id.eq(user_id))
        .first(conn)
        .optional()?;
    Ok(row.map(to_member))
}

/// The teams a user is an active member of, by name.
pub fn teams_of_user(conn: &mut DbConn, user_id: i64) -> QueryResult<Vec<(TeamRow, Role)>> {
    let rows: Vec<(TeamRow, String)> = teams::table
        .inner_join(memberships::table)
        .filter(memberships::user_id.eq(user_id))
        .filter(memberships::active.eq(true))
        .order((teams::name, teams::id))
        .select((teams::all_columns, memberships::role))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(team, role)| (team, role.parse().unwrap_or(Role::Viewer)))
        .collect())
}

/// Adds the user to the team with `role`, or reactivates and re-roles an old membership.
pub fn upsert_membership(
    conn: &mut DbConn,
    team_id: i64,
    user_id: i64,
    role: Role,
    actor_id: Option<i64>,
) -> QueryResult<()> {
    let existing = memberships::table
        .find((user_id, team_id))
        .select(memberships::role)
        .first::<String>(conn)
        .optional()?;
    match &existing {
        Some(_) => {
            diesel::update(memberships::table.find((user_id, team_id)))
                .set((
                    memberships::role.eq(role.as_str()),
                    memberships::active.eq(true),
                ))
                .execute(conn)?;
        }
        None => {
            diesel::insert_into(memberships::table)
                .values(NewMembership {
                    user_id,
                    team_id,
                    role: role.as_str(),
                    active: true,
                    created_at: super::now(),
                })
                .execute(conn)?;
        }
    }
    events::record(
        conn,
        Change {
            team_id: Some(team_id),
            actor_id,
            entity: "member",
            entity_id: user_id,
            action: "joined",
            before: existing.as_deref(),
            after: Some(role.as_str()),
        },
    )
}

pub fn count_active_admins(conn: &mut DbConn, team_id: i64) -> QueryResult<i64> {
    memberships::table
        .inner_join(users::table)
        .filter(memberships::team_id.eq(team_id))
        .filter(memberships::role.eq(Role::Admin.as_str()))
        .filter(memberships::active.eq(true))
        .filter(users::active.eq(true))
        .count()
        .get_result(conn)
}

pub fn set_role(
    conn: &mut DbConn,
    team_id: i64,
    user_id: i64,
    before: Role,
    role: Role,
    actor_id: i64,
) -> QueryResult<()> {
    diesel::update(memberships::table.find((user_id, team_id)))
        .set(memberships::role.eq(role.as_str()))
        .execute(conn)?;
    events::record(
        conn,
        Change {
            team_id: Some(team_id),
            actor_id: Some(actor_id),
            entity: "member",
            entity_id: user_id,
            action: "role_changed",
            before: Some(before.as_str()),
            after: Some(role.as_str()),
        },
    )
}

/// Deactivates or reactivates a membership; deactivation ends the member's sessions and API tokens
/// in that team.
pub fn set_membership_active(
    conn: &mut DbConn,
    team_id: i64,
    user_id: i64,
    active: bool,
    actor_id: i64,
) -> QueryResult<()> {
    diesel::update(memberships::table.find((user_id, team_id)))
        .set(memberships::active.eq(active))
        .execute(conn)?;
    if !active {
        diesel::delete(
            sessions::table
                .filter(sessions::user_id.eq(user_id))
                .filter(sessions::team_id.eq(team_id)),
        )
        .execute(conn)?;
        super::tokens::revoke_all(conn, user_id, Some(team_id), actor_id, "member deactivated")?;
    }
    events::record(
        conn,
        Change {
            team_id: Some(team_id),
            actor_id: Some(actor_id),
            entity: "member",
            entity_id: user_id,
            action: if active { "reactivated" } else { "deactivated" },
            before: None,
            after: None,
        },
    )
}

// ---- sessions ----

/// Everything a request needs to know about who is asking, loaded in one query.
#[derive(Debug, Clone)]
pub struct SessionInfo {
    pub session_id: i64,
    pub user_id: crate::domain::UserId,
    pub user_name: String,
    pub user_email: String,
    pub team_id: crate::domain::TeamId,
    pub team_name: String,
    pub role: Role,
    pub csrf_token: String,
    pub last_seen_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    /// Unread notices in this team, counted up to `inbox::UNREAD_CAP` + 1 (the navigation's count).
    pub unread: i64,
}

/// The live session with this token hash: its user and membership active, not expired, not idle.
/// Touches `last_seen_at` at most once a minute, so reads stay reads.
pub fn load_session(
    conn: &mut DbConn,
    token_hash: &str,
    now: NaiveDateTime,
    idle_limit: chrono::TimeDelta,
) -> QueryResult<Option<SessionInfo>> {
    let row: Option<(SessionRow, UserRow, TeamRow, String)> = sessions::table
        .inner_join(users::table)
        .inner_join(teams::table)
        .inner_join(
            memberships::table.on(memberships::user_id
                .eq(sessions::user_id)
                .and(memberships::team_id.eq(sessions::team_id))),
        )
        .filter(sessions::token_hash.eq(token_hash))
        .filter(users::active.eq(true))
        .filter(memberships::active.eq(true))
        .select((
            sessions::all_columns,
            users::all_columns,
            teams::all_columns,
            memberships::role,
        ))
        .first(conn)
        .optional()?;
    let Some((session, user, team, role)) = row else {
        return Ok(None);
    };
    if session.expires_at <= now || session.last_seen_at + idle_limit <= now {
        diesel::delete(sessions::table.find(session.id)).execute(conn)?;
        return Ok(None);
    }
    if now - session.last_seen_at > chrono::TimeDelta::seconds(60) {
        diesel::update(sessions::table.find(session.id))
            .set(sessions::last_seen_at.eq(now))
            .execute(conn)?;
    }
    let unread = super::inbox::unread(
        conn,
        crate::domain::TeamId::new(team.id),
        crate::domain::UserId::new(user.id),
    )?;
    Ok(Some(SessionInfo {
        unread,
        session_id: session.id,
        user_id: crate::domain::UserId::new(user.id),
        user_name: user.name,
        user_email: user.email,
        team_id: crate::domain::TeamId::new(team.id),
        team_name: team.name,
        role: role.parse().unwrap_or(Role::Viewer),
        csrf_token: session.csrf_token,
        last_seen_at: session.last_seen_at,
        expires_at: session.expires_at,
    }))
}

pub struct SessionStart<'a> {
    pub token_hash: &'a str,
    pub csrf_token: &'a str,
    pub user_id: i64,
    pub team_id: i64,
    pub lifetime: chrono::TimeDelta,
    pub ip: &'a str,
    pub user_agent: &'a str,
}

pub fn insert_session(conn: &mut DbConn, start: SessionStart<'_>) -> QueryResult<i64> {
    let now = super::now();
    diesel::insert_into(sessions::table)
        .values(NewSession {
            token_hash: start.token_hash,
            user_id: start.user_id,
            team_id: start.team_id,
            csrf_token: start.csrf_token,
            created_at: now,
            last_seen_at: now,
            expires_at: now + start.lifetime,
            ip: start.ip,
            user_agent: start.user_agent,
        })
        .returning(sessions::id)
        .get_result(conn)
}

pub fn delete_session(conn: &mut DbConn, session_id: i64) -> QueryResult<usize> {
    diesel::delete(sessions::table.find(session_id)).execute(conn)
}

/// Ends one of the user's own sessions; another user's session id deletes nothing.
pub fn delete_own_session(conn: &mut DbConn, user_id: i64, session_id: i64) -> QueryResult<usize> {
    diesel::delete(
        sessions::table
            .filter(sessions::id.eq(session_id))
            .filter(sessions::user_id.eq(user_id)),
    )
    .execute(conn)
}

pub fn delete_other_sessions(conn: &mut DbConn, user_id: i64, keep: i64) -> QueryResult<usize> {
    diesel::delete(
        sessions::table
            .filter(sessions::user_id.eq(user_id))
            .filter(sessions::id.ne(keep)),
    )
    .execute(conn)
}

pub fn sessions_of_user(conn: &mut DbConn, user_id: i64) -> QueryResult<Vec<(SessionRow, String)>> {
    sessions::table
        .inner_join(teams::table)
        .filter(sessions::user_id.eq(user_id))
        .order(sessions::last_seen_at.desc())
        .select((sessions::all_columns, teams::name))
        .load(conn)
}

pub fn switch_session_team(conn: &mut DbConn, session_id: i64, team_id: i64) -> QueryResult<()> {
    diesel::update(sessions::table.find(session_id))
        .set(sessions::team_id.eq(team_id))
        .execute(conn)?;
    Ok(())
}

// ---- invites ----

pub fn insert_invite(conn: &mut DbConn, invite: NewInvite<'_>) -> QueryResult<InviteRow> {
    let row: InviteRow = diesel::insert_into(invites::table)
        .values(invite)
        .returning(invites::all_columns)
        .get_result(conn)?;
    events::record(
        conn,
        Change {
            team_id: Some(row.team_id),
            actor_id: Some(row.created_by),
            entity: "invite",
            entity_id: row.id,
            action: "created",
            before: None,
            after: Some(&format!("{} as {}", row.email, row.role)),
        },
    )?;
    Ok(row)
}

/// Invites of a team not yet accepted or revoked, newest first.
pub fn open_invites(conn: &mut DbConn, team_id: i64) -> QueryResult<Vec<InviteRow>> {
    invites::table
        .filter(invites::team_id.eq(team_id))
        .filter(invites::accepted_at.is_null())
        .filter(invites::revoked_at.is_null())
        .order(invites::id.desc())
        .load(conn)
}

/// A usable invite (not accepted, not revoked, not expired) and its team.
pub fn find_usable_invite(
    conn: &mut DbConn,
    token_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<(InviteRow, TeamRow)>> {
    invites::table
        .inner_join(teams::table)
        .filter(invites::token_hash.eq(token_hash))
        .filter(invites::accepted_at.is_null())
        .filter(invites::revoked_at.is_null())
        .filter(invites::expires_at.gt(now))
        .first(conn)
        .optional()
}

/// Marks an invite accepted; false when it was already used (a concurrent accept won).
pub fn mark_invite_accepted(conn: &mut DbConn, invite_id: i64) -> QueryResult<bool> {
    let changed = diesel::update(
        invites::table
            .filter(invites::id.eq(invite_id))
            .filter(invites::accepted_at.is_null()),
    )
    .set(invites::accepted_at.eq(super::now()))
    .execute(conn)?;
    Ok(changed == 1)
}

pub fn revoke_invite(
    conn: &mut DbConn,
    team_id: i64,
    invite_id: i64,
    actor_id: i64,
) -> QueryResult<bool> {
    let changed = diesel::update(
        invites::table
            .filter(invites::id.eq(invite_id))
            .filter(invites::team_id.eq(team_id))
            .filter(invites::accepted_at.is_null())
            .filter(invites::revoked_at.is_null()),
    )
    .set(invites::revoked_at.eq(super::now()))
    .execute(conn)?;
    if changed == 1 {
        events::record(
            conn,
            Change {
                team_id: Some(team_id),
                actor_id: Some(actor_id),
                entity: "invite",
                entity_id: invite_id,
                action: "revoked",
                before: None,
                after: None,
            },
        )?;
    }
    Ok(changed == 1)
}

// ---- first-run setup ----

pub fn insert_setup_token(conn: &mut DbConn, token_hash: &str) -> QueryResult<()> {
    diesel::insert_into(setup_tokens::table)
        .values((
            setup_tokens::token_hash.eq(token_hash),
            setup_tokens::created_at.eq(super::now()),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn setup_token_is_usable(conn: &mut DbConn, token_hash: &str) -> QueryResult<bool> {
    let unused: i64 = setup_tokens::table
        .filter(setup_tokens::token_hash.eq(token_hash))
        .filter(setup_tokens::used_at.is_null())
        .count()
        .get_result(conn)?;
    Ok(unused == 1 && count_users(conn)? == 0)
}

/// Spends a setup token; false when it was unknown or already spent.
pub fn use_setup_token(conn: &mut DbConn, token_hash: &str) -> QueryResult<bool> {
    let changed = diesel::update(
        setup_tokens::table
            .filter(setup_tokens::token_hash.eq(token_hash))
            .filter(setup_tokens::used_at.is_null()),
    )
    .set(setup_tokens::used_at.eq(super::now()))
    .execute(conn)?;
    Ok(changed == 1)
}

/// A user and the (team name, role) of each of their memberships.
pub type UserWithTeams = (UserRow, Vec<(String, String)>);

/// Every user with the teams and roles of their memberships (active or not), for `claimdesk user list`.
pub fn all_users_with_teams(conn: &mut DbConn) -> QueryResult<Vec<UserWithTeams>> {
    let users: Vec<UserRow> = users::table.order(users::email).load(conn)?;
    let memberships: Vec<(i64, String, String)> = memberships::table
        .inner_join(teams::table)
        .select((memberships::user_id, teams::name, memberships::role))
        .order(teams::name)
        .load(conn)?;
    Ok(users
        .into_iter()
        .map(|user| {
            let teams = memberships
                .iter()
                .filter(|(user_id, _, _)| *user_id == user.id)
                .map(|(_, team, role)| (team.clone(), role.clone()))
                .collect();
            (user, teams)
        })
        .collect())
}

pub fn find_team(conn: &mut DbConn, team_id: i64) -> QueryResult<Option<TeamRow>> {
    teams::table.find(team_id).first(conn).optional()
}

/// Renames a user (the operator's `claimdesk user add --update`), recorded in the history.
pub fn set_name(
    conn: &mut DbConn,
    user_id: i64,
    before: &str,
    name: &PersonName,
) -> QueryResult<()> {
    diesel::update(users::table.find(user_id))
        .set(users::name.eq(name.as_str()))
        .execute(conn)?;
    events::record(
        conn,
        Change {
            team_id: None,
            actor_id: None,
            entity: "user",
            entity_id: user_id,
            action: "name_changed",
            before: Some(before),
            after: Some(name.as_str()),
        },
    )
}

pub fn set_email(conn: &mut DbConn, user_id: i64, before: &str, email: &Email) -> QueryResult<()> {
    diesel::update(users::table.find(user_id))
        .set(users::email.eq(email.as_str()))
        .execute(conn)?;
    events::record(
        conn,
        Change {
            team_id: None,
            actor_id: Some(user_id),
            entity: "user",
            entity_id: user_id,
            action: "email_changed",
            before: Some(before),
            after: Some(email.as_str()),
        },
    )
}
