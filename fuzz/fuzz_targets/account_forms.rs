//! Fuzz target: the sign-in, setup, invitation, account and team form bodies.
//!
//! One urlencoded body is checked the way `AnonymousForm` / `SignedForm` check it
//! (`validate_urlencoded`: UTF-8, no NUL), then deserialized by serde_urlencoded into each real form
//! type of `web::auth`, `web::account` and `web::team`, and its fields are parsed into the domain
//! types the handlers build from them: `Email`, `NewPassword` (with the user's own words),
//! `PersonName`, `TeamName`, `Role` and the API token's name. The forms' fields are private, so the
//! target reads them through mirror structs with the same fields and checks that the real type and
//! its mirror accept exactly the same bodies.
//!
//! Invariants: nothing panics; an accepted body decodes to text without NUL or replacement
//! characters it did not spell out; every accepted value is normalized (parsing it again gives the
//! same value) and within its limits: emails lower-case, one `@` before a dotted domain, no space
//! or control character, at most 254 bytes; names one trimmed line of 1 to 100 characters;
//! passwords 12 to 128 characters; roles round-trip through their text. The two-factor forms (the
//! code at sign-in, enrolment and new recovery codes, switching it off, the team's requirement):
//! an accepted code is exactly 6 ASCII digits or 16 characters of the recovery alphabet, and
//! parsing it again gives the same code.
#![no_main]

use claimdesk::domain::{single_line_text, Email, NewPassword, PersonName, Role, TeamName};
use claimdesk::domain::{PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS};
use claimdesk::web::session::validate_urlencoded;
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;
use serde::Deserialize;

/// Deserializes `body` into the real type `R` and its mirror `M`; both must agree.
fn both<R: DeserializeOwned, M: DeserializeOwned>(body: &[u8], name: &str) -> Option<M> {
    let real = serde_urlencoded::from_bytes::<R>(body).is_ok();
    let mirror = serde_urlencoded::from_bytes::<M>(body).ok();
    assert_eq!(real, mirror.is_some(), "{name} and its mirror differ");
    mirror
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct LoginForm {
    email: String,
    password: String,
    next: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct SetupForm {
    token: String,
    team: String,
    name: String,
    email: String,
    password: String,
}

#[derive(Deserialize)]
struct InviteAcceptForm {
    #[serde(default)]
    name: String,
    password: String,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct PasswordForm {
    current_password: String,
    new_password: String,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct EmailForm {
    email: String,
    current_password: String,
}

#[derive(Deserialize)]
struct TokenForm {
    name: String,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct SwitchForm {
    team_id: i64,
}

#[derive(Deserialize)]
struct InviteForm {
    email: String,
    role: String,
}

#[derive(Deserialize)]
struct RoleForm {
    role: String,
}

fn email(raw: &str) -> Option<Email> {
    let email = Email::parse(raw).ok()?;
    let s = email.as_str();
    assert!(!s.is_empty() && s.len() <= 254, "email length");
    assert_eq!(s, s.trim());
    assert!(!s.chars().any(|c| c.is_control() || c.is_whitespace()));
    let (local, domain) = s.rsplit_once('@').expect("an email holds an @");
    assert!(!local.is_empty() && !local.contains('@'));
    assert!(domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.'));
    assert_eq!(
        Email::parse(s).as_ref(),
        Ok(&email),
        "emails are idempotent"
    );
    Some(email)
}

fn one_line(value: &str, max: usize) {
    assert!(!value.is_empty(), "empty value accepted");
    assert_eq!(value, value.trim(), "untrimmed value accepted");
    assert!(
        !value.chars().any(char::is_control),
        "control character accepted"
    );
    assert!(value.chars().count() <= max, "overlong value accepted");
}

fn person(raw: &str) -> Option<PersonName> {
    let name = PersonName::parse(raw).ok()?;
    one_line(name.as_str(), 100);
    assert_eq!(PersonName::parse(name.as_str()).as_ref(), Ok(&name));
    Some(name)
}

fn team(raw: &str) -> Option<TeamName> {
    let name = TeamName::parse(raw).ok()?;
    one_line(name.as_str(), 100);
    assert_eq!(TeamName::parse(name.as_str()).as_ref(), Ok(&name));
    Some(name)
}

fn password(raw: &str, user_inputs: &[&str]) {
    if let Ok(password) = NewPassword::parse(raw, user_inputs) {
        let n = password.expose().chars().count();
        assert!((PASSWORD_MIN_CHARS..=PASSWORD_MAX_CHARS).contains(&n));
        assert!(!password.expose().contains('\0'));
        assert_eq!(password.expose(), raw, "passwords are taken as typed");
    }
}

fn role(raw: &str) {
    if let Ok(role) = raw.parse::<Role>() {
        assert_eq!(role.as_str(), raw);
    }
}

/// What `validate_urlencoded` promises the handlers: every decoded name and value is the UTF-8 it
/// spelled out, without NUL.
fn decoded_cleanly(body: &[u8]) {
    for (name, value) in url::form_urlencoded::parse(body) {
        for text in [&name, &value] {
            assert!(!text.contains('\0'), "NUL passed validate_urlencoded");
            if text.contains('\u{FFFD}') {
                // Only a spelled-out U+FFFD may appear, never one made from bad bytes.
                assert!(
                    body.windows(3).any(|w| w == "\u{FFFD}".as_bytes())
                        || body
                            .to_ascii_uppercase()
                            .windows(9)
                            .any(|w| w == b"%EF%BF%BD"),
                    "lossy decoding passed validate_urlencoded"
                );
            }
        }
    }
}

#[derive(Deserialize)]
struct CodeForm {
    code: String,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct DisableForm {
    password: String,
    code: String,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct RequirementForm {
    require: Option<String>,
}

/// A second factor as the handlers parse it: app code or recovery code, normalized and stable.
fn second_factor(raw: &str) {
    use claimdesk::auth::totp::SecondFactor;
    match SecondFactor::parse("code", raw) {
        Ok(SecondFactor::Totp(code)) => {
            assert!(code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()), "{code:?}");
            assert_eq!(SecondFactor::parse("code", &code), Ok(SecondFactor::Totp(code.clone())));
            assert_eq!(SecondFactor::parse_totp("code", raw).ok(), Some(code));
        }
        Ok(SecondFactor::Recovery(code)) => {
            assert!(
                code.len() == 16
                    && code.bytes().all(|b| b"0123456789abcdefghjkmnpqrstvwxyz".contains(&b)),
                "{code:?}"
            );
            assert_eq!(
                SecondFactor::parse("code", &code),
                Ok(SecondFactor::Recovery(code.clone()))
            );
            assert!(SecondFactor::parse_totp("code", raw).is_err());
        }
        Err(_) => assert!(SecondFactor::parse_totp("code", raw).is_err()),
    }
}

fuzz_target!(|data: &[u8]| {
    if validate_urlencoded(data).is_err() {
        return;
    }
    decoded_cleanly(data);

    if let Some(f) = both::<claimdesk::web::auth::LoginForm, LoginForm>(data, "LoginForm") {
        // The sign-in looks the account up by the parsed email; an unparseable one finds nobody.
        let _ = email(&f.email);
    }
    if let Some(f) = both::<claimdesk::web::auth::SetupForm, SetupForm>(data, "SetupForm") {
        if let (Some(t), Some(n), Some(e)) = (team(&f.team), person(&f.name), email(&f.email)) {
            password(&f.password, &[e.as_str(), n.as_str(), t.as_str()]);
        }
    }
    if let Some(f) =
        both::<claimdesk::web::auth::AcceptForm, InviteAcceptForm>(data, "auth::AcceptForm")
    {
        if let Some(n) = person(&f.name) {
            password(&f.password, &["invitee@example.org", n.as_str()]);
        }
    }
    if let Some(f) =
        both::<claimdesk::web::account::PasswordForm, PasswordForm>(data, "PasswordForm")
    {
        password(&f.new_password, &["ana@example.org", "Ana Ruiz"]);
    }
    if let Some(f) = both::<claimdesk::web::account::EmailForm, EmailForm>(data, "EmailForm") {
        let _ = email(&f.email);
    }
    if let Some(f) = both::<claimdesk::web::account::TokenForm, TokenForm>(data, "TokenForm") {
        if let Ok(name) = single_line_text("token_name", &f.name, 100) {
            one_line(&name, 100);
        }
    }
    let _ = both::<claimdesk::web::account::SwitchForm, SwitchForm>(data, "SwitchForm");
    if let Some(f) = both::<claimdesk::web::team::InviteForm, InviteForm>(data, "InviteForm") {
        role(&f.role);
        let _ = email(&f.email);
    }
    if let Some(f) = both::<claimdesk::web::team::RoleForm, RoleForm>(data, "RoleForm") {
        role(&f.role);
    }
    if let Some(f) =
        both::<claimdesk::web::auth::SecondFactorForm, CodeForm>(data, "auth::SecondFactorForm")
    {
        second_factor(&f.code);
    }
    if let Some(f) = both::<claimdesk::web::account::CodeForm, CodeForm>(data, "account::CodeForm") {
        second_factor(&f.code);
    }
    if let Some(f) =
        both::<claimdesk::web::account::DisableForm, DisableForm>(data, "account::DisableForm")
    {
        second_factor(&f.code);
    }
    let _ = both::<claimdesk::web::settings::TwoFactorRequirementForm, RequirementForm>(
        data,
        "TwoFactorRequirementForm",
    );
});
