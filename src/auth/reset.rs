//! Password reset: by e-mail from the sign-in page when mail is configured, or by a link a team's
//! admin makes when it is not. A reset link is single-use and lasts 30 minutes; the token is
//! stored as its SHA-256 only. Setting the new password ends every session and API token of the
//! account (as a password change does); the second factor is still asked at the next sign-in.

use chrono::TimeDelta;

use super::accounts::ClientInfo;
use super::{email_hash, hash_password, new_token, token_hash};
use crate::db::outbox::{self, NewMail};
use crate::db::{self, resets, throttle, users, Pool};
use crate::desk::Member;
use crate::domain::{Email, Invalid, NewPassword, Role};
use crate::error::{AppError, AppResult};

/// How long a reset link works.
pub const LIFETIME: TimeDelta = TimeDelta::minutes(30);
/// Reset e-mails one account gets in an hour at most (more requests get the same answer, and no
/// e-mail).
const MAILS_PER_HOUR: i64 = 3;

/// Asks for a reset link by e-mail. The answer is the same whether the address has an account or
/// not (the caller shows one page for both); the request counts against the address's throttle
/// (10 a minute), which answers `Throttled` when spent. For an active account, a reset and its
/// e-mail are written in one transaction; the mail worker sends it.
pub fn request_by_mail(pool: &Pool, raw_email: &str, client: &ClientInfo) -> AppResult<()> {
    let mut conn = pool.get()?;
    let now = db::now();
    let keys = [format!("reset-ip:{}", client.ip)];
    if let Some(retry_after) = throttle::retry_after(&mut conn, &keys, now)? {
        return Err(AppError::TooManyRequests { retry_after });
    }
    let email = Email::parse(raw_email).map_err(|e| Invalid::new("email", e.message))?;
    db::write(&mut conn, |tx| {
        throttle::record_failure(tx, &keys, now)?;
        let Some(user) = users::find_user_by_email(tx, &email)?.filter(|u| u.active) else {
            tracing::info!(
                target: "claimdesk::audit",
                event = "password_reset_requested",
                known = false,
                email_hash = %email_hash(email.as_str()),
                ip = %client.ip,
            );
            return Ok(());
        };
        if resets::made_since(tx, user.id, now - TimeDelta::hours(1))? >= MAILS_PER_HOUR {
            return Ok(());
        }
        let token = new_token();
        resets::insert(tx, user.id, &token_hash(&token), None, now, now + LIFETIME)?;
        let body = format!(
            "Someone (we hope you) asked to reset the ClaimDesk password of {}.\n\nSet a new \
             password within 30 minutes with this link (it works once):\n\n{}\n\nIf it was not \
             you, ignore this e-mail: your password stays as it is.",
            user.email,
            crate::mail::LINK
        );
        outbox::enqueue(
            tx,
            &NewMail {
                team: None,
                kind: "password_reset",
                recipient: &user.email,
                subject: "Reset your ClaimDesk password",
                body: &body,
                link_path: Some(&format!("/password/reset/{token}")),
            },
            now,
        )?;
        tracing::info!(
            target: "claimdesk::audit",
            event = "password_reset_requested",
            known = true,
            user_id = user.id,
            ip = %client.ip,
        );
        Ok(())
    })
}

/// An admin's reset link for a member of their team (when mail is not configured, or the member
/// has no access to it). Only for a member of no other team: an admin of one team must not take
/// over an account another team relies on. Returns the token, for the link shown once.
pub fn admin_link(pool: &Pool, admin: &Member, user_id: i64) -> AppResult<String> {
    admin.require(Role::Admin)?;
    if user_id == admin.user.get() {
        return Err(AppError::Conflict(
            "Change your own password on your account page.".into(),
        ));
    }
    let mut conn = pool.get()?;
    let now = db::now();
    db::write(&mut conn, |tx| {
        let member =
            users::member_of_team(tx, admin.team.get(), user_id)?.ok_or(AppError::NotFound)?;
        if users::teams_of_user(tx, user_id)?.len() > 1 {
            return Err(AppError::Conflict(format!(
                "{} is a member of other teams too: only they can reset their password (from \
                 the sign-in page, when e-mail is set up) or the server's operator can \
                 (`claimdesk user passwd`).",
                member.name
            )));
        }
        let token = new_token();
        resets::insert(
            tx,
            user_id,
            &token_hash(&token),
            Some(admin.user.get()),
            now,
            now + LIFETIME,
        )?;
        crate::db::events::record(
            tx,
            crate::db::events::Change {
                team_id: Some(admin.team.get()),
                actor_id: Some(admin.user.get()),
                entity: "member",
                entity_id: user_id,
                action: "reset_link_made",
                before: None,
                after: None,
            },
        )?;
        Ok(token)
    })
}

/// The account a reset link is for, while it works: (email, name).
pub fn link_is_usable(pool: &Pool, token: &str) -> AppResult<Option<(String, String)>> {
    let mut conn = pool.get()?;
    let Some(user_id) = resets::usable(&mut conn, &token_hash(token), db::now())? else {
        return Ok(None);
    };
    Ok(users::find_user(&mut conn, user_id)?
        .filter(|u| u.active)
        .map(|u| (u.email, u.name)))
}

/// Sets the new password with a working link, once: the link and every other open one of the
/// account are spent, and every session and API token of the account ends.
pub fn complete(pool: &Pool, token: &str, new: &str, client: &ClientInfo) -> AppResult<()> {
    let Some((email, name)) = link_is_usable(pool, token)? else {
        return Err(AppError::Conflict(
            "This reset link has expired or was used already: ask for a new one.".into(),
        ));
    };
    let password = NewPassword::parse(new, &[&email, &name])
        .map_err(|e| Invalid::new("new_password", e.message))?;
    let hash = hash_password(password.expose())?;
    let mut conn = pool.get()?;
    let user_id = db::write(&mut conn, |tx| {
        let user_id = resets::spend(tx, &token_hash(token), db::now())?.ok_or_else(|| {
            AppError::Conflict(
                "This reset link has expired or was used already: ask for a new one.".into(),
            )
        })?;
        users::set_password(tx, user_id, &hash, None)?;
        Ok::<_, AppError>(user_id)
    })?;
    tracing::info!(
        target: "claimdesk::audit",
        event = "password_reset",
        user_id,
        ip = %client.ip,
    );
    Ok(())
}
