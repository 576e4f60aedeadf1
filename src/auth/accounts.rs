//! Account operations. Each takes the pool (not one connection) so that argon2 runs while no
//! connection is held, and each write happens in one transaction with its history row.

use chrono::TimeDelta;

use super::{email_hash, hash_password, new_token, token_hash, verify_password};
use crate::db::models::NewInvite;
use crate::db::{self, throttle, two_factor, users, Pool};
use crate::domain::{Email, Invalid, NewPassword, PersonName, Role, TeamName};
use crate::error::{AppError, AppResult};

/// A session just created: the cookie value is only ever here and in the browser.
#[derive(Debug)]
pub struct NewSession {
    pub token: String,
    pub user_id: i64,
    pub team_id: i64,
}

/// Where a request comes from, for sessions and the audit log.
#[derive(Debug, Clone)]
pub struct ClientInfo {
    pub ip: String,
    pub user_agent: String,
}

pub enum SignIn {
    Ok(NewSession),
    /// The password was right and the user has two-factor sign-in on: no session yet, only a
    /// pending second step, whose token goes to the browser.
    SecondFactor {
        challenge: String,
        user_id: i64,
    },
    /// Wrong password, unknown email, deactivated user or no team: one answer for all of them.
    Refused,
    Throttled {
        retry_after: u64,
    },
}

pub(crate) fn start_session(
    conn: &mut db::DbConn,
    user_id: i64,
    team_id: i64,
    lifetime: TimeDelta,
    client: &ClientInfo,
) -> AppResult<NewSession> {
    let token = new_token();
    let csrf = new_token();
    let user_agent: String = client.user_agent.chars().take(256).collect();
    users::insert_session(
        conn,
        users::SessionStart {
            token_hash: &token_hash(&token),
            csrf_token: &csrf,
            user_id,
            team_id,
            lifetime,
            ip: &client.ip,
            user_agent: &user_agent,
        },
    )?;
    Ok(NewSession {
        token,
        user_id,
        team_id,
    })
}

/// Signs in with email and password. Throttled per account and per IP; the right password is refused
/// while throttled. An unknown email is verified against `dummy_hash` so it takes as long as a wrong
/// password. A user with two-factor sign-in on gets a pending second step (which remembers `next`)
/// instead of a session.
pub fn sign_in(
    pool: &Pool,
    dummy_hash: &str,
    email: &str,
    password: &str,
    client: &ClientInfo,
    lifetime: TimeDelta,
    next: &str,
) -> AppResult<SignIn> {
    let keys = password_keys(email, client);
    let now = db::now();
    let (retry_after, user) = {
        let mut conn = pool.get()?;
        let retry_after = throttle::retry_after(&mut conn, &keys, now)?;
        let user = match Email::parse(email) {
            Ok(email) => users::find_user_by_email(&mut conn, &email)?,
            Err(_) => None,
        };
        (retry_after, user)
    };
    if let Some(retry_after) = retry_after {
        // Still hash, so a throttled answer is not measurably faster than a checked one.
        verify_password(password, dummy_hash);
        return Ok(SignIn::Throttled { retry_after });
    }
    let verified = match &user {
        Some(user) => verify_password(password, &user.password_hash) && user.active,
        None => {
            verify_password(password, dummy_hash);
            false
        }
    };
    let mut conn = pool.get()?;
    if let (true, Some(user)) = (verified, user) {
        let teams = users::teams_of_user(&mut conn, user.id)?;
        if let Some((team, _)) = teams.first() {
            if two_factor::is_enabled(&mut conn, user.id)? {
                let challenge = db::write(&mut conn, |conn| {
                    super::two_factor::begin_sign_in(conn, user.id, next)
                })?;
                return Ok(SignIn::SecondFactor {
                    challenge,
                    user_id: user.id,
                });
            }
            let session = db::write(&mut conn, |conn| {
                start_session(conn, user.id, team.id, lifetime, client)
            })?;
            return Ok(SignIn::Ok(session));
        }
    }
    db::write(&mut conn, |conn| throttle::record_failure(conn, &keys, now))?;
    Ok(SignIn::Refused)
}

/// The throttle keys of a password check: the account's (per minute and per hour) and the
/// address's. Every check of an account's password counts against the same key as its sign-in.
fn password_keys(email: &str, client: &ClientInfo) -> [String; 2] {
    [
        format!("{}{}", throttle::ACCOUNT_PREFIX, email_hash(email)),
        format!("ip:{}", client.ip),
    ]
}

/// Checks the password of a signed-in member (the account forms, switching two-factor sign-in off)
/// exactly as a sign-in checks it: refused while the account or the address is throttled (the
/// right password too; argon2 still runs, so the answer takes as long), a failure counted against
/// both, and every outcome logged with `purpose` (the audit target). argon2 runs while no
/// connection is held.
pub fn check_password(
    pool: &Pool,
    user_id: i64,
    password: &str,
    client: &ClientInfo,
    purpose: &'static str,
) -> AppResult<bool> {
    let now = db::now();
    let (user, retry_after, keys) = {
        let mut conn = pool.get()?;
        let user = users::find_user(&mut conn, user_id)?.ok_or(AppError::NotFound)?;
        let keys = password_keys(&user.email, client);
        let retry_after = throttle::retry_after(&mut conn, &keys, now)?;
        (user, retry_after, keys)
    };
    let right = verify_password(password, &user.password_hash);
    if let Some(retry_after) = retry_after {
        tracing::warn!(target: "claimdesk::audit", event = purpose, outcome = "throttled", user_id, ip = %client.ip, "password check refused while throttled");
        return Err(AppError::TooManyRequests { retry_after });
    }
    if right {
        tracing::info!(target: "claimdesk::audit", event = purpose, outcome = "success", user_id, ip = %client.ip, "password checked");
        return Ok(true);
    }
    let mut conn = pool.get()?;
    db::write(&mut conn, |conn| throttle::record_failure(conn, &keys, now))?;
    tracing::warn!(target: "claimdesk::audit", event = purpose, outcome = "failure", user_id, ip = %client.ip, "wrong password");
    Ok(false)
}

pub fn sign_out(pool: &Pool, session_id: i64) -> AppResult<()> {
    let mut conn = pool.get()?;
    users::delete_session(&mut conn, session_id)?;
    Ok(())
}

/// Makes a new first-run setup token and returns it. Only meaningful while no user exists.
pub fn create_setup_token(pool: &Pool) -> AppResult<String> {
    let token = new_token();
    let mut conn = pool.get()?;
    users::insert_setup_token(&mut conn, &token_hash(&token))?;
    Ok(token)
}

pub fn setup_token_is_usable(pool: &Pool, token: &str) -> AppResult<bool> {
    let mut conn = pool.get()?;
    Ok(users::setup_token_is_usable(&mut conn, &token_hash(token))?)
}

/// The first-run form, parsed.
pub struct FirstAdmin {
    pub team: TeamName,
    pub name: PersonName,
    pub email: Email,
    pub password: NewPassword,
}

/// Spends the setup token and creates the first team and its admin, signed in.
pub fn complete_setup(
    pool: &Pool,
    token: &str,
    admin: FirstAdmin,
    client: &ClientInfo,
    lifetime: TimeDelta,
) -> AppResult<NewSession> {
    let hash = hash_password(admin.password.expose())?;
    let mut conn = pool.get()?;
    db::write(&mut conn, |conn| {
        if users::count_users(conn)? > 0 || !users::use_setup_token(conn, &token_hash(token))? {
            return Err(AppError::NotFound);
        }
        let team = users::insert_team(conn, &admin.team, None)?;
        let user = users::insert_user(conn, &admin.email, &admin.name, &hash)?;
        users::upsert_membership(conn, team.id, user.id, Role::Admin, Some(user.id))?;
        start_session(conn, user.id, team.id, lifetime, client)
    })
}

/// An invite just made; the link token is shown once.
pub struct CreatedInvite {
    pub token: String,
    pub email: Email,
    pub role: Role,
}

pub const INVITE_LIFETIME_DAYS: i64 = 7;

pub fn create_invite(
    pool: &Pool,
    team_id: i64,
    actor_id: i64,
    email: Email,
    role: Role,
) -> AppResult<CreatedInvite> {
    let token = new_token();
    let now = db::now();
    let mut conn = pool.get()?;
    db::write(&mut conn, |conn| {
        if let Some(user) = users::find_user_by_email(conn, &email)? {
            if let Some(member) = users::member_of_team(conn, team_id, user.id)? {
                if member.active {
                    return Err(AppError::Invalid(Invalid::new(
                        "email",
                        "is already a member of this team",
                    )));
                }
            }
        }
        users::insert_invite(
            conn,
            NewInvite {
                team_id,
                email: email.as_str(),
                role: role.as_str(),
                token_hash: &token_hash(&token),
                created_by: actor_id,
                created_at: now,
                expires_at: now + TimeDelta::days(INVITE_LIFETIME_DAYS),
            },
        )?;
        // The invitee's e-mail, in the same transaction (the mail worker sends it when mail is
        // configured; the admin also sees the link on the page, to give it another way).
        let team = users::find_team(conn, team_id)?.ok_or(AppError::NotFound)?;
        let inviter = users::find_user(conn, actor_id)?.map_or_else(String::new, |u| u.name);
        let body = format!(
            "{inviter} invites you to join {team} on ClaimDesk, the team's fact-check desk, as {role}.\n\n\
             Accept within {INVITE_LIFETIME_DAYS} days with this link:\n\n{link}\n",
            team = team.name,
            role = role.as_str(),
            link = crate::mail::LINK,
        );
        crate::db::outbox::enqueue(
            conn,
            &crate::db::outbox::NewMail {
                team: Some(crate::domain::TeamId::new(team_id)),
                kind: "invite",
                recipient: email.as_str(),
                subject: &format!("Join {} on ClaimDesk", team.name),
                body: &body,
                link_path: Some(&format!("/invites/{token}")),
            },
            now,
        )?;
        Ok(())
    })?;
    Ok(CreatedInvite { token, email, role })
}

/// What the accept-invite page shows.
pub struct InviteView {
    pub team_name: String,
    pub email: String,
    pub role: Role,
    pub has_account: bool,
}

pub fn view_invite(pool: &Pool, token: &str) -> AppResult<InviteView> {
    let mut conn = pool.get()?;
    let (invite, team) = users::find_usable_invite(&mut conn, &token_hash(token), db::now())?
        .ok_or(AppError::NotFound)?;
    let email = Email::parse(&invite.email)?;
    let has_account = users::find_user_by_email(&mut conn, &email)?.is_some();
    Ok(InviteView {
        team_name: team.name,
        email: invite.email,
        role: invite.role.parse()?,
        has_account,
    })
}

/// Joins the invite's team as the signed-in account the invite was made for (an existing account
/// signs in first, through the sign-in's throttle, second factor and audit line, and accepts while
/// signed in: the invite page never checks a password). The session moves to the new team.
/// Returns the team.
pub fn join_by_invite(pool: &Pool, token: &str, user_id: i64, session_id: i64) -> AppResult<i64> {
    let mut conn = pool.get()?;
    db::write(&mut conn, |conn| {
        let (invite, _) = users::find_usable_invite(conn, &token_hash(token), db::now())?
            .ok_or(AppError::NotFound)?;
        let user = users::find_user(conn, user_id)?.ok_or(AppError::NotFound)?;
        if !user.email.eq_ignore_ascii_case(&invite.email) {
            return Err(AppError::Forbidden(format!(
                "This invite is for {}: sign out, then sign in with that address to accept it.",
                invite.email
            )));
        }
        let role: Role = invite.role.parse()?;
        if !users::mark_invite_accepted(conn, invite.id)? {
            return Err(AppError::NotFound);
        }
        users::upsert_membership(conn, invite.team_id, user_id, role, Some(user_id))?;
        users::switch_session_team(conn, session_id, invite.team_id)?;
        Ok(invite.team_id)
    })
}

/// Accepts an invite for an address with no account yet: the account is made with `name` and
/// `password`, signed in. An address that has an account is refused without any password check:
/// its owner signs in and accepts while signed in (`join_by_invite`).
pub fn accept_invite(
    pool: &Pool,
    token: &str,
    name: &str,
    password: &str,
    client: &ClientInfo,
    lifetime: TimeDelta,
) -> AppResult<NewSession> {
    let (invite, existing) = {
        let mut conn = pool.get()?;
        let (invite, _) = users::find_usable_invite(&mut conn, &token_hash(token), db::now())?
            .ok_or(AppError::NotFound)?;
        let email = Email::parse(&invite.email)?;
        let existing = users::find_user_by_email(&mut conn, &email)?;
        (invite, existing)
    };
    let email = Email::parse(&invite.email)?;
    let role: Role = invite.role.parse()?;
    if existing.is_some() {
        return Err(AppError::Conflict(
            "This address already has a ClaimDesk account: sign in with it, then accept the \
             invite."
                .into(),
        ));
    }
    let name = PersonName::parse(name)?;
    let password = NewPassword::parse(password, &[email.as_str(), name.as_str()])?;
    let hash = hash_password(password.expose())?;
    let mut conn = pool.get()?;
    db::write(&mut conn, |conn| {
        if !users::mark_invite_accepted(conn, invite.id)? {
            return Err(AppError::NotFound);
        }
        let user_id = users::insert_user(conn, &email, &name, &hash)?.id;
        users::upsert_membership(conn, invite.team_id, user_id, role, Some(user_id))?;
        start_session(conn, user_id, invite.team_id, lifetime, client)
    })
}

/// Changes a password after checking the current one (as a sign-in checks it); ends the user's
/// other sessions and every API token.
pub fn change_password(
    pool: &Pool,
    user_id: i64,
    session_id: i64,
    current: &str,
    new: &str,
    client: &ClientInfo,
) -> AppResult<()> {
    if !check_password(pool, user_id, current, client, "password_check")? {
        return Err(AppError::Invalid(Invalid::new(
            "current_password",
            "is not your current password",
        )));
    }
    let user = {
        let mut conn = pool.get()?;
        users::find_user(&mut conn, user_id)?.ok_or(AppError::NotFound)?
    };
    let password = NewPassword::parse(new, &[&user.email, &user.name])
        .map_err(|e| Invalid::new("new_password", e.message))?;
    let hash = hash_password(password.expose())?;
    let mut conn = pool.get()?;
    db::write(&mut conn, |conn| {
        users::set_password(conn, user_id, &hash, Some(session_id))?;
        Ok(())
    })
}

/// What `claimdesk user add` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    /// A new user, member of the team with the role.
    Created,
    /// The user with that email already existed: their name and password were set (their
    /// sessions ended) and their membership of the team set to the role (reactivated if ended).
    Updated,
}

/// `claimdesk user add`: creates the user with a role in the team (and the team, if new). An email
/// already taken is refused (`AppError::Conflict`), so a typo cannot silently change someone
/// else's account; `add_or_update_user` is the deliberate way.
pub fn add_user(
    pool: &Pool,
    email: Email,
    name: PersonName,
    team: TeamName,
    role: Role,
    password: NewPassword,
) -> AppResult<()> {
    save_user(pool, email, name, team, role, password, false).map(|_| ())
}

/// `claimdesk user add --update`: as `add_user`, but a user with the email is updated instead:
/// name, password (ending every session of theirs, as `user passwd` does) and role in the team.
pub fn add_or_update_user(
    pool: &Pool,
    email: Email,
    name: PersonName,
    team: TeamName,
    role: Role,
    password: NewPassword,
) -> AppResult<Added> {
    save_user(pool, email, name, team, role, password, true)
}

fn save_user(
    pool: &Pool,
    email: Email,
    name: PersonName,
    team: TeamName,
    role: Role,
    password: NewPassword,
    update: bool,
) -> AppResult<Added> {
    let hash = hash_password(password.expose())?;
    let mut conn = pool.get()?;
    db::write(&mut conn, |conn| {
        let existing = users::find_user_by_email(conn, &email)?;
        if existing.is_some() && !update {
            return Err(AppError::Conflict(format!(
                "a user with the email {email} already exists; add --update to change their name, \
                 password and role"
            )));
        }
        let team = match users::find_team_by_name(conn, &team)? {
            Some(team) => team,
            None => users::insert_team(conn, &team, None)?,
        };
        let (user_id, added) = match existing {
            Some(user) => {
                if user.name != name.as_str() {
                    users::set_name(conn, user.id, &user.name, &name)?;
                }
                users::set_password(conn, user.id, &hash, None)?;
                (user.id, Added::Updated)
            }
            None => (
                users::insert_user(conn, &email, &name, &hash)?.id,
                Added::Created,
            ),
        };
        users::upsert_membership(conn, team.id, user_id, role, None)?;
        Ok(added)
    })
}

/// `claimdesk user passwd`: sets a new password and ends every session of the user.
pub fn reset_password(pool: &Pool, email: Email, password: NewPassword) -> AppResult<()> {
    let hash = hash_password(password.expose())?;
    let mut conn = pool.get()?;
    db::write(&mut conn, |conn| {
        let user = users::find_user_by_email(conn, &email)?.ok_or(AppError::NotFound)?;
        users::set_password(conn, user.id, &hash, None).map_err(AppError::from)
    })
}

/// Changes the sign-in email after checking the current password (as a sign-in checks it). The
/// address must be free.
pub fn change_email(
    pool: &Pool,
    user_id: i64,
    current: &str,
    new_email: &str,
    client: &ClientInfo,
) -> AppResult<()> {
    let email = Email::parse(new_email)?;
    if !check_password(pool, user_id, current, client, "password_check")? {
        return Err(AppError::Invalid(Invalid::new(
            "email_current_password",
            "is not your current password",
        )));
    }
    let user = {
        let mut conn = pool.get()?;
        users::find_user(&mut conn, user_id)?.ok_or(AppError::NotFound)?
    };
    let mut conn = pool.get()?;
    db::write(&mut conn, |conn| {
        if let Some(other) = users::find_user_by_email(conn, &email)? {
            if other.id != user_id {
                return Err(AppError::Invalid(Invalid::new(
                    "email",
                    "is already used by another account",
                )));
            }
            return Ok(());
        }
        users::set_email(conn, user_id, &user.email, &email)?;
        Ok(())
    })
}
