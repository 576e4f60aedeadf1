//! Time-based one-time codes (RFC 6238) as authenticator apps make them: HMAC-SHA-1, 6 digits,
//! 30-second steps, one step of clock skew either way, and no time step accepted twice. Also the
//! one-time recovery codes. Pure functions: storage is `db::two_factor`, the operations are
//! `auth::two_factor`.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};
use totp_rs::{Algorithm, TOTP};

use crate::domain::Invalid;

pub const STEP_SECONDS: u64 = 30;
pub const DIGITS: usize = 6;
/// Steps accepted before and after the current one (RFC 6238 §5.2 recommends one).
pub const SKEW_STEPS: u64 = 1;
/// 160 bits, RFC 4226's recommended secret length.
pub const SECRET_BYTES: usize = 20;
/// The issuer authenticator apps show next to the account.
pub const ISSUER: &str = "ClaimDesk";
/// How many recovery codes a user gets at a time.
pub const RECOVERY_CODES: usize = 10;

/// A fresh random 160-bit secret.
pub fn new_secret() -> Vec<u8> {
    let mut secret = vec![0u8; SECRET_BYTES];
    OsRng.fill_bytes(&mut secret);
    secret
}

fn totp(secret: &[u8], account: &str) -> TOTP {
    // totp-rs refuses a `:` in the label (it separates issuer and account); an email has none,
    // but the label is cosmetic, so drop it rather than fail.
    let account: String = account.chars().filter(|c| *c != ':').collect();
    TOTP::new_unchecked(
        Algorithm::SHA1,
        DIGITS,
        SKEW_STEPS as u8,
        STEP_SECONDS,
        secret.to_vec(),
        Some(ISSUER.to_owned()),
        account,
    )
}

/// The secret as people type it into an app: RFC 4648 base32 without padding.
pub fn base32(secret: &[u8]) -> String {
    totp(secret, "").get_secret_base32()
}

/// `otpauth://totp/ClaimDesk:ACCOUNT?secret=…&issuer=ClaimDesk`, what the QR code holds.
pub fn otpauth_uri(secret: &[u8], account: &str) -> String {
    totp(secret, account).get_url()
}

/// The time step a Unix time falls in.
pub fn step_of(unix_seconds: u64) -> u64 {
    unix_seconds / STEP_SECONDS
}

/// The code of one time step.
pub fn code_at_step(secret: &[u8], step: u64) -> String {
    totp(secret, "").generate(step * STEP_SECONDS)
}

/// What checking a code gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeCheck {
    /// The code of this step, newer than the last one used: store the step as used.
    Accepted { step: u64 },
    /// A right code of a step already used (or older): a replay.
    Replayed,
    /// Not the code of any step in the window.
    Wrong,
}

/// Checks a 6-digit code against the steps around `unix_seconds`, refusing any step at or before
/// `last_used_step` so that a code cannot be used twice (RFC 6238 §5.2). Every step of the window is
/// computed and compared in constant time, whichever matches.
pub fn check_code(
    secret: &[u8],
    code: &str,
    unix_seconds: u64,
    last_used_step: Option<u64>,
) -> CodeCheck {
    if code.len() != DIGITS || !code.bytes().all(|b| b.is_ascii_digit()) {
        return CodeCheck::Wrong;
    }
    let current = step_of(unix_seconds);
    let mut matched: Option<u64> = None;
    for step in current.saturating_sub(SKEW_STEPS)..=current + SKEW_STEPS {
        if super::constant_time_eq(&code_at_step(secret, step), code) {
            matched = Some(matched.map_or(step, |m| m.max(step)));
        }
    }
    match (matched, last_used_step) {
        (None, _) => CodeCheck::Wrong,
        (Some(step), Some(last)) if step <= last => CodeCheck::Replayed,
        (Some(step), _) => CodeCheck::Accepted { step },
    }
}

/// What a user typed in a "code" field: a 6-digit code from the app, or a recovery code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecondFactor {
    Totp(String),
    /// Normalised: 16 characters of the recovery alphabet, no separators.
    Recovery(String),
}

impl SecondFactor {
    /// Spaces and dashes are ignored; anything that is neither form is refused beside `field`.
    pub fn parse(field: &'static str, input: &str) -> Result<SecondFactor, Invalid> {
        let compact: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        if compact.len() == DIGITS && compact.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(SecondFactor::Totp(compact));
        }
        normalize_recovery_code(&compact)
            .map(SecondFactor::Recovery)
            .ok_or_else(|| {
                Invalid::new(
                    field,
                    "must be the 6-digit code from your app or one of your recovery codes",
                )
            })
    }

    /// Only a code from the app (recovery codes are refused here).
    pub fn parse_totp(field: &'static str, input: &str) -> Result<String, Invalid> {
        match SecondFactor::parse(field, input) {
            Ok(SecondFactor::Totp(code)) => Ok(code),
            _ => Err(Invalid::new(
                field,
                "must be the 6-digit code your authenticator app shows now",
            )),
        }
    }

    pub fn method(&self) -> &'static str {
        match self {
            SecondFactor::Totp(_) => "totp",
            SecondFactor::Recovery(_) => "recovery_code",
        }
    }
}

/// Crockford's base32: no i, l, o or u, so a code read aloud or copied by hand survives.
const RECOVERY_ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
const RECOVERY_CHARS: usize = 16;

/// A fresh recovery code: 80 random bits as 16 characters, shown in groups of four.
pub fn new_recovery_code() -> String {
    let mut bytes = [0u8; 10];
    OsRng.fill_bytes(&mut bytes);
    let mut bits: u128 = 0;
    for b in bytes {
        bits = (bits << 8) | u128::from(b);
    }
    let chars: Vec<char> = (0..RECOVERY_CHARS)
        .map(|i| {
            let index = ((bits >> (5 * (RECOVERY_CHARS - 1 - i))) & 0x1f) as usize;
            char::from(RECOVERY_ALPHABET[index])
        })
        .collect();
    chars
        .chunks(4)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// The canonical form of a typed recovery code, or `None` when it cannot be one.
pub fn normalize_recovery_code(input: &str) -> Option<String> {
    let code: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_lowercase() {
            'i' | 'l' => '1',
            'o' => '0',
            other => other,
        })
        .collect();
    (code.len() == RECOVERY_CHARS && code.bytes().all(|b| RECOVERY_ALPHABET.contains(&b)))
        .then_some(code)
}

/// What is stored for a recovery code. SHA-256, not argon2: the code is 80 random bits, so a slow
/// hash adds nothing against guessing (2^80 SHA-256 evaluations are out of reach), while a fast,
/// deterministic hash can be looked up by index and makes consuming a code a single conditional
/// UPDATE (no read-then-write race, no ten argon2 runs per attempt). The user id is mixed in so equal
/// codes of two users never share a hash.
pub fn recovery_code_hash(user_id: i64, normalized: &str) -> String {
    hex::encode(Sha256::digest(format!(
        "claimdesk-recovery-code:{user_id}:{normalized}"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B's SHA-1 secret.
    const RFC_SECRET: &[u8] = b"12345678901234567890";

    #[test]
    fn codes_match_the_rfc_6238_test_vectors() {
        // The RFC gives 8 digits; an authenticator app shows the last 6.
        for (time, eight) in [
            (59u64, "94287082"),
            (1_111_111_109, "07081804"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
        ] {
            assert_eq!(
                code_at_step(RFC_SECRET, step_of(time)),
                eight[2..],
                "{time}"
            );
        }
    }

    #[test]
    fn a_code_is_accepted_one_step_either_side_and_no_further() {
        let secret = new_secret();
        let now = 1_700_000_015;
        let current = step_of(now);
        for (step, accepted) in [
            (current - 2, false),
            (current - 1, true),
            (current, true),
            (current + 1, true),
            (current + 2, false),
        ] {
            let code = code_at_step(&secret, step);
            let got = check_code(&secret, &code, now, None);
            if accepted {
                assert_eq!(got, CodeCheck::Accepted { step }, "step {step}");
            } else if code != code_at_step(&secret, current)
                && code != code_at_step(&secret, current - 1)
                && code != code_at_step(&secret, current + 1)
            {
                assert_eq!(got, CodeCheck::Wrong, "step {step}");
            }
        }
        assert_eq!(check_code(&secret, "12345", now, None), CodeCheck::Wrong);
        assert_eq!(check_code(&secret, "abcdef", now, None), CodeCheck::Wrong);
    }

    #[test]
    fn a_used_step_and_every_earlier_one_are_replays() {
        let secret = new_secret();
        let now = 1_700_000_015;
        let current = step_of(now);
        let code = code_at_step(&secret, current);
        let CodeCheck::Accepted { step } = check_code(&secret, &code, now, None) else {
            panic!("the current code is accepted");
        };
        assert_eq!(step, current);
        assert_eq!(
            check_code(&secret, &code, now, Some(step)),
            CodeCheck::Replayed
        );
        let previous = code_at_step(&secret, current - 1);
        if previous != code {
            assert_eq!(
                check_code(&secret, &previous, now, Some(step)),
                CodeCheck::Replayed
            );
        }
        // The next step's code is still good after this one was used.
        let next = code_at_step(&secret, current + 1);
        assert_eq!(
            check_code(&secret, &next, now, Some(step)),
            CodeCheck::Accepted { step: current + 1 }
        );
    }

    #[test]
    fn secrets_are_160_bits_and_the_uri_names_issuer_and_account() {
        let secret = new_secret();
        assert_eq!(secret.len(), 20);
        assert_ne!(secret, new_secret());
        let b32 = base32(&secret);
        assert_eq!(b32.len(), 32);
        let uri = otpauth_uri(&secret, "ann@example.org");
        assert!(
            uri.starts_with("otpauth://totp/ClaimDesk:ann%40example.org?"),
            "{uri}"
        );
        assert!(uri.contains(&format!("secret={b32}")), "{uri}");
        assert!(uri.contains("issuer=ClaimDesk"), "{uri}");
    }

    #[test]
    fn recovery_codes_are_80_bits_normalised_and_hashed_per_user() {
        let code = new_recovery_code();
        assert_eq!(code.len(), 19, "{code}");
        assert_eq!(code.matches('-').count(), 3);
        assert_ne!(code, new_recovery_code());
        let normalized = normalize_recovery_code(&code).unwrap();
        assert_eq!(normalized.len(), 16);
        assert_eq!(
            normalize_recovery_code(&code.to_uppercase().replace('-', " ")),
            Some(normalized.clone())
        );
        assert_eq!(
            normalize_recovery_code("IOL0-0000-0000-0000"),
            Some("1010000000000000".to_owned())
        );
        assert_eq!(normalize_recovery_code("too short"), None);
        assert_eq!(normalize_recovery_code("uuuu-uuuu-uuuu-uuuu"), None);
        assert_ne!(
            recovery_code_hash(1, &normalized),
            recovery_code_hash(2, &normalized)
        );
        assert!(!recovery_code_hash(1, &normalized).contains(&normalized));
    }

    #[test]
    fn the_code_field_takes_an_app_code_or_a_recovery_code() {
        assert_eq!(
            SecondFactor::parse("code", " 123 456 "),
            Ok(SecondFactor::Totp("123456".into()))
        );
        let code = new_recovery_code();
        assert!(matches!(
            SecondFactor::parse("code", &code),
            Ok(SecondFactor::Recovery(_))
        ));
        assert!(SecondFactor::parse("code", "12345").is_err());
        assert!(SecondFactor::parse("code", "").is_err());
        assert!(SecondFactor::parse_totp("code", &code).is_err());
        assert_eq!(
            SecondFactor::parse_totp("code", "654321"),
            Ok("654321".into())
        );
    }
}
