//! Two-factor sign-in as synchronous operations over the pool (run them on the blocking pool):
//! enrolment and its confirmation, recovery codes, switching it off, a team's requirement, and the
//! second step of a sign-in. Wrong codes are throttled with the sign-in throttle (`db::throttle`),
//! per user and per address; the failure is recorded outside the transaction that checked the
//! code, so refusing a code never rolls its own count back.

use chrono::{NaiveDateTime, TimeDelta};

use super::accounts::{self, ClientInfo, NewSession};
use super::secretbox::{self, SecretKey};
use super::totp::{self, CodeCheck, SecondFactor};
use super::{email_hash, new_token, token_hash};
use crate::db::two_factor::{self as store, TwoFactorRow};
use crate::db::{self, throttle, users, DbConn, Pool};
use crate::domain::Invalid;
use crate::error::{AppError, AppResult};

/// How long the second step of a sign-in may take.
pub const CHALLENGE_MINUTES: i64 = 5;

/// What the enrolment page says when the server has no key to seal secrets with.
pub const KEY_MISSING: &str = "Two-factor sign-in cannot be set up yet: this server has no secret \
key to encrypt authenticator secrets with. The operator must set CLAIMDESK_SECRET_KEY (32 random \
bytes as 64 hex digits or base64, e.g. `openssl rand -hex 32`) to the same value on every instance \
of ClaimDesk that shares this PostgreSQL database, then restart. Everything else keeps working.";

/// The associated data every secret is sealed with: a secret copied onto another user's row does
/// not open there.
fn context(user_id: i64) -> Vec<u8> {
    format!("claimdesk:totp-secret:user:{user_id}").into_bytes()
}

fn unix_now() -> u64 {
    u64::try_from(chrono::Utc::now().timestamp()).unwrap_or(0)
}

fn throttle_keys(user_id: i64, client: &ClientInfo) -> [String; 2] {
    [format!("totp:user:{user_id}"), format!("ip:{}", client.ip)]
}

fn key_unusable() -> AppError {
    AppError::Conflict(
        "Codes from the authenticator app cannot be checked: this server's CLAIMDESK_SECRET_KEY \
         is missing or is not the key the secrets were stored with. Use a recovery code, or ask \
         the operator to configure the key."
            .to_owned(),
    )
}

fn open_secret(key: Option<&SecretKey>, row: &TwoFactorRow) -> AppResult<Vec<u8>> {
    let key = key.ok_or_else(|| {
        tracing::error!(
            user_id = row.user_id,
            "a two-factor code could not be checked: CLAIMDESK_SECRET_KEY is not configured"
        );
        key_unusable()
    })?;
    secretbox::open(key, &context(row.user_id), &row.secret_sealed).map_err(|e| {
        tracing::error!(user_id = row.user_id, cause = %e, "a two-factor secret could not be opened: is CLAIMDESK_SECRET_KEY the key it was stored with?");
        key_unusable()
    })
}

fn wrong_code(field: &'static str) -> AppError {
    AppError::Invalid(Invalid::new(
        field,
        "is not a valid code (each code works once; check your device's clock and try the next one)",
    ))
}

/// Checks the second factor inside the caller's write transaction and spends it: the time step of
/// an app code is marked used, a recovery code is consumed. False for a wrong or replayed code.
fn spend_factor(
    conn: &mut DbConn,
    key: Option<&SecretKey>,
    row: &TwoFactorRow,
    factor: &SecondFactor,
    now: NaiveDateTime,
) -> AppResult<bool> {
    match factor {
        SecondFactor::Totp(code) => {
            let secret = open_secret(key, row)?;
            let last_used = row.last_used_step.and_then(|s| u64::try_from(s).ok());
            match totp::check_code(&secret, code, unix_now(), last_used) {
                CodeCheck::Accepted { step } => {
                    let step = i64::try_from(step).map_err(AppError::internal)?;
                    Ok(store::use_step(conn, row.user_id, step)?)
                }
                CodeCheck::Replayed | CodeCheck::Wrong => Ok(false),
            }
        }
        SecondFactor::Recovery(code) => Ok(store::use_recovery_code(
            conn,
            row.user_id,
            &totp::recovery_code_hash(row.user_id, code),
            now,
        )?),
    }
}

fn enabled_row(conn: &mut DbConn, user_id: i64) -> AppResult<TwoFactorRow> {
    match store::find(conn, user_id)? {
        Some(row) if row.enabled_at.is_some() => Ok(row),
        _ => Err(AppError::Conflict(
            "Two-factor sign-in is not on for your account.".to_owned(),
        )),
    }
}

/// Fresh recovery codes: the codes to show once, and their hashes to store.
fn new_recovery_codes(user_id: i64) -> (Vec<String>, Vec<String>) {
    let codes: Vec<String> = (0..totp::RECOVERY_CODES)
        .map(|_| totp::new_recovery_code())
        .collect();
    let hashes = codes
        .iter()
        .filter_map(|code| totp::normalize_recovery_code(code))
        .map(|normalized| totp::recovery_code_hash(user_id, &normalized))
        .collect();
    (codes, hashes)
}

// ---- the account page ----

/// Where a user's enrolment stands.
pub enum Enrolment {
    Off,
    /// Started, waiting for the first code: what the app needs.
    Pending {
        secret_base32: String,
        otpauth_uri: String,
    },
    On {
        since: NaiveDateTime,
        recovery_codes_left: i64,
    },
}

pub struct Overview {
    pub enrolment: Enrolment,
    /// The current team requires two-factor sign-in.
    pub team_requires: bool,
    /// Some team of the user requires it (so it cannot be switched off).
    pub required_somewhere: bool,
}

/// The account page's view. A pending enrolment whose secret cannot be opened (the key changed)
/// reads as "off", so the user simply starts again.
pub fn overview(
    pool: &Pool,
    key: Option<&SecretKey>,
    user_id: i64,
    team_id: i64,
    account: &str,
) -> AppResult<Overview> {
    let mut conn = pool.get()?;
    let row = store::find(&mut conn, user_id)?;
    let team_requires = store::team_requires(&mut conn, team_id)?;
    let required_somewhere = store::any_team_of_user_requires(&mut conn, user_id)?;
    let enrolment = match row {
        None => Enrolment::Off,
        Some(row) => match row.enabled_at {
            Some(since) => Enrolment::On {
                since,
                recovery_codes_left: store::unused_recovery_codes(&mut conn, user_id)?,
            },
            None => match key.map(|k| secretbox::open(k, &context(user_id), &row.secret_sealed)) {
                Some(Ok(secret)) => Enrolment::Pending {
                    secret_base32: totp::base32(&secret),
                    otpauth_uri: totp::otpauth_uri(&secret, account),
                },
                _ => Enrolment::Off,
            },
        },
    };
    Ok(Overview {
        enrolment,
        team_requires,
        required_somewhere,
    })
}

/// Starts (or restarts) enrolment with a new random secret, sealed under the server key. Refused
/// while two-factor sign-in is on (switch it off first).
pub fn start_enrolment(pool: &Pool, key: &SecretKey, user_id: i64) -> AppResult<()> {
    let secret = totp::new_secret();
    let sealed = secretbox::seal(key, &context(user_id), &secret).map_err(AppError::internal)?;
    let now = db::now();
    let mut conn = pool.get()?;
    db::write(&mut conn, |conn| {
        if store::is_enabled(conn, user_id)? {
            return Err(AppError::Conflict(
                "Two-factor sign-in is already on. Switch it off first to move to a new device."
                    .to_owned(),
            ));
        }
        store::start_enrolment(conn, user_id, &sealed, now)?;
        Ok(())
    })
}

/// Confirms a pending enrolment with a current code from the app: two-factor sign-in is on from
/// now, and the returned recovery codes (shown once) replace any older ones.
pub fn confirm_enrolment(
    pool: &Pool,
    key: Option<&SecretKey>,
    user_id: i64,
    code: &str,
) -> AppResult<Vec<String>> {
    let now = db::now();
    let mut conn = pool.get()?;
    db::write(&mut conn, |conn| {
        let row = match store::find(conn, user_id)? {
            Some(row) if row.enabled_at.is_none() => row,
            Some(_) => {
                return Err(AppError::Conflict(
                    "Two-factor sign-in is already on.".to_owned(),
                ))
            }
            None => {
                return Err(AppError::Conflict(
                    "There is no set-up to confirm: start it on the two-factor page.".to_owned(),
                ))
            }
        };
        let secret = open_secret(key, &row)?;
        let CodeCheck::Accepted { step } = totp::check_code(&secret, code, unix_now(), None) else {
            return Err(wrong_code("code"));
        };
        let step = i64::try_from(step).map_err(AppError::internal)?;
        if !store::enable(conn, user_id, step, now)? {
            return Err(AppError::Conflict(
                "Two-factor sign-in is already on.".to_owned(),
            ));
        }
        let (codes, hashes) = new_recovery_codes(user_id);
        store::replace_recovery_codes(conn, user_id, &hashes, now)?;
        Ok(codes)
    })
}

/// New recovery codes for a current app code; the old ones stop working.
pub fn regenerate_recovery_codes(
    pool: &Pool,
    key: Option<&SecretKey>,
    user_id: i64,
    code: &str,
    client: &ClientInfo,
) -> AppResult<Vec<String>> {
    let keys = throttle_keys(user_id, client);
    let now = db::now();
    let mut conn = pool.get()?;
    if let Some(retry_after) = throttle::retry_after(&mut conn, &keys, now)? {
        return Err(AppError::TooManyRequests { retry_after });
    }
    let factor = SecondFactor::Totp(code.to_owned());
    let codes = db::write(&mut conn, |conn| -> AppResult<Option<Vec<String>>> {
        let row = enabled_row(conn, user_id)?;
        if !spend_factor(conn, key, &row, &factor, now)? {
            return Ok(None);
        }
        let (codes, hashes) = new_recovery_codes(user_id);
        store::replace_recovery_codes(conn, user_id, &hashes, now)?;
        store::record(conn, user_id, "recovery_codes_replaced")?;
        Ok(Some(codes))
    })?;
    match codes {
        Some(codes) => Ok(codes),
        None => {
            db::write(&mut conn, |conn| throttle::record_failure(conn, &keys, now))?;
            Err(wrong_code("code"))
        }
    }
}

/// Switches two-factor sign-in off after the current password and a code (from the app, or a
/// recovery code). Refused while a team of the user requires it.
pub fn disable(
    pool: &Pool,
    key: Option<&SecretKey>,
    user_id: i64,
    password: &str,
    factor: &SecondFactor,
    client: &ClientInfo,
) -> AppResult<()> {
    let keys = throttle_keys(user_id, client);
    let now = db::now();
    {
        let mut conn = pool.get()?;
        if let Some(retry_after) = throttle::retry_after(&mut conn, &keys, now)? {
            return Err(AppError::TooManyRequests { retry_after });
        }
        enabled_row(&mut conn, user_id)?;
        if store::any_team_of_user_requires(&mut conn, user_id)? {
            return Err(AppError::Conflict(
                "A team you belong to requires two-factor sign-in, so it cannot be switched off."
                    .to_owned(),
            ));
        }
    }
    // The password is checked as a sign-in checks it: the account's throttle and audit line.
    let password_ok =
        super::accounts::check_password(pool, user_id, password, client, "two_factor_disable")?;
    let mut conn = pool.get()?;
    let done = password_ok
        && db::write(&mut conn, |conn| -> AppResult<bool> {
            let row = enabled_row(conn, user_id)?;
            if !spend_factor(conn, key, &row, factor, now)? {
                return Ok(false);
            }
            store::disable(conn, user_id)?;
            Ok(true)
        })?;
    if done {
        return Ok(());
    }
    if password_ok {
        // A wrong code counts against the code's own budget; a wrong password already counted.
        db::write(&mut conn, |conn| throttle::record_failure(conn, &keys, now))?;
    }
    Err(if password_ok {
        wrong_code("disable_code")
    } else {
        AppError::Invalid(Invalid::new(
            "disable_password",
            "is not your current password",
        ))
    })
}

/// An admin requires (or stops requiring) two-factor sign-in in their team. Requiring it needs the
/// admin's own two-factor sign-in on first: otherwise they would be sent to enrol at once, and on a
/// server without a key nobody could. Returns whether anything changed.
pub fn set_team_requirement(
    pool: &Pool,
    team_id: i64,
    actor_id: i64,
    required: bool,
) -> AppResult<bool> {
    let now = db::now();
    let mut conn = pool.get()?;
    db::write(&mut conn, |conn| {
        if required && !store::is_enabled(conn, actor_id)? {
            return Err(AppError::Conflict(
                "Switch on two-factor sign-in for your own account first (My account → Two-factor \
                 sign-in), then require it for the team."
                    .to_owned(),
            ));
        }
        Ok(store::set_team_requirement(
            conn, team_id, actor_id, required, now,
        )?)
    })
}

/// Whether the member must enrol before using the team's pages.
pub fn must_enrol(conn: &mut DbConn, user_id: i64, team_id: i64) -> AppResult<bool> {
    Ok(store::must_enrol(conn, user_id, team_id)?)
}

// ---- the second step of a sign-in ----

/// Records a pending second step after a right password; returns the token for the browser. No
/// session exists until `complete_sign_in` accepts a code.
pub fn begin_sign_in(conn: &mut DbConn, user_id: i64, next: &str) -> AppResult<String> {
    let token = new_token();
    let now = db::now();
    store::insert_challenge(
        conn,
        &token_hash(&token),
        user_id,
        next,
        now,
        now + TimeDelta::minutes(CHALLENGE_MINUTES),
    )?;
    Ok(token)
}

/// Whether the browser's pending second step is still live (for the code page).
pub fn challenge_is_live(pool: &Pool, token: &str) -> AppResult<bool> {
    let mut conn = pool.get()?;
    Ok(store::find_challenge(&mut conn, &token_hash(token), db::now())?.is_some())
}

pub enum SecondStep {
    SignedIn {
        session: NewSession,
        next: String,
        email_hash: String,
    },
    /// A wrong, replayed or used code.
    Refused { user_id: i64, email_hash: String },
    Throttled {
        retry_after: u64,
        user_id: i64,
        email_hash: String,
    },
    /// No live pending sign-in (expired, used, or never there): enter the password again.
    Expired,
}

/// Checks the code of a pending sign-in. Success spends the code (or the recovery code), ends the
/// pending state and starts the session, in one transaction.
pub fn complete_sign_in(
    pool: &Pool,
    key: Option<&SecretKey>,
    challenge_token: &str,
    factor: &SecondFactor,
    client: &ClientInfo,
    lifetime: TimeDelta,
) -> AppResult<SecondStep> {
    let now = db::now();
    let mut conn = pool.get()?;
    let Some(challenge) = store::find_challenge(&mut conn, &token_hash(challenge_token), now)?
    else {
        return Ok(SecondStep::Expired);
    };
    let Some(user) = users::find_user(&mut conn, challenge.user_id)?.filter(|u| u.active) else {
        store::delete_challenge(&mut conn, challenge.id)?;
        return Ok(SecondStep::Expired);
    };
    let email_hash = email_hash(&user.email);
    let keys = throttle_keys(user.id, client);
    if let Some(retry_after) = throttle::retry_after(&mut conn, &keys, now)? {
        return Ok(SecondStep::Throttled {
            retry_after,
            user_id: user.id,
            email_hash,
        });
    }
    let session = db::write(&mut conn, |conn| -> AppResult<Option<NewSession>> {
        let Some(row) = store::find(conn, user.id)?.filter(|r| r.enabled_at.is_some()) else {
            return Ok(None);
        };
        if !spend_factor(conn, key, &row, factor, now)? {
            return Ok(None);
        }
        // A concurrent request with another good code may have used this pending state already.
        if !store::delete_challenge(conn, challenge.id)? {
            return Ok(None);
        }
        let teams = users::teams_of_user(conn, user.id)?;
        let Some((team, _)) = teams.first() else {
            return Ok(None);
        };
        accounts::start_session(conn, user.id, team.id, lifetime, client).map(Some)
    })?;
    match session {
        Some(session) => Ok(SecondStep::SignedIn {
            session,
            next: challenge.next_path,
            email_hash,
        }),
        None => {
            db::write(&mut conn, |conn| throttle::record_failure(conn, &keys, now))?;
            Ok(SecondStep::Refused {
                user_id: user.id,
                email_hash,
            })
        }
    }
}
