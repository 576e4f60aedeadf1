//! Authentication: password hashing (argon2id), random tokens and their hashes, and the account
//! operations (sign-in, first-run setup, invites, password changes) as synchronous functions that run
//! on the blocking pool. Two-factor sign-in: `totp` (codes and recovery codes, pure), `secretbox`
//! (the server key and encryption at rest), `two_factor` (the operations).

pub mod accounts;
pub mod reset;
pub mod secretbox;
pub mod totp;
pub mod two_factor;

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::SaltString;
use argon2::{Algorithm, Argon2, Params, PasswordHash, Version};
use sha2::{Digest, Sha256};

/// OWASP's argon2id minimum: m=19 MiB, t=2, p=1. The PHC string records them, so raising them
/// later leaves old hashes verifiable.
fn argon2() -> Argon2<'static> {
    let params = Params::new(19_456, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// At most one argon2 computation per two cores at a time, each in a work area allocated once and
/// reused. Each computation needs 19 MiB and most of a core for tens of milliseconds. Before this, a
/// burst of sign-ins (20 a second, bench/login_storm.sh) took the server from 80 MiB to 730 MiB:
/// every blocking thread allocated its own area and the allocator kept them. Callers beyond the
/// limit wait their turn on their own blocking thread; the actix workers are never involved.
struct HashSlots {
    /// Work areas not in use; fewer than `limit` exist until that many ran at once.
    idle: std::sync::Mutex<(Vec<Vec<argon2::Block>>, usize)>,
    returned: std::sync::Condvar,
    limit: usize,
}

static HASH_SLOTS: std::sync::OnceLock<HashSlots> = std::sync::OnceLock::new();

fn with_hash_slot<T>(work: impl FnOnce(&mut Vec<argon2::Block>) -> T) -> T {
    let slots = HASH_SLOTS.get_or_init(|| HashSlots {
        idle: std::sync::Mutex::new((Vec::new(), 0)),
        returned: std::sync::Condvar::new(),
        // Half the cores (at least one): the pages keep the rest, whatever the sign-in rate.
        limit: std::thread::available_parallelism().map_or(1, |n| (n.get() / 2).max(1)),
    });
    let area = {
        // A poisoned lock only means a thread panicked holding it; the pool itself is intact.
        let mut guard = slots.idle.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            let (idle, created) = &mut *guard;
            if let Some(area) = idle.pop() {
                break area;
            }
            if *created < slots.limit {
                *created += 1;
                break Vec::new();
            }
            guard = slots
                .returned
                .wait(guard)
                .unwrap_or_else(|e| e.into_inner());
        }
    };
    // Handed back on drop, so a panic inside `work` cannot leak the slot.
    struct Release<'a>(&'a HashSlots, Vec<argon2::Block>);
    impl Drop for Release<'_> {
        fn drop(&mut self) {
            let mut guard = self.0.idle.lock().unwrap_or_else(|e| e.into_inner());
            guard.0.push(std::mem::take(&mut self.1));
            self.0.returned.notify_one();
        }
    }
    let mut release = Release(slots, area);
    work(&mut release.1)
}

thread_local! {
    static HASHED_HERE: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// How many argon2 computations this thread has run: what a sign-in path costs, counted rather
/// than timed (the tests check that an unknown email costs exactly what a wrong password does).
pub fn argon2_runs_on_this_thread() -> u64 {
    HASHED_HERE.with(|n| n.get())
}

static RAN_ON_A_WORKER: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether any argon2 run in this process happened on an actix worker thread (named
/// `actix-server worker N` or `actix-rt|…`), where it would stall every request on that worker.
/// Sign-ins go through `web::block`; the tests check this stays false.
pub fn argon2_ran_on_a_worker() -> bool {
    RAN_ON_A_WORKER.load(std::sync::atomic::Ordering::Relaxed)
}

/// Runs argon2 over `password` into `out`, in a reused work area.
fn argon2_into(
    hasher: &Argon2<'_>,
    password: &str,
    salt: &[u8],
    out: &mut [u8],
) -> Result<(), argon2::Error> {
    HASHED_HERE.with(|n| n.set(n.get() + 1));
    if std::thread::current().name().is_some_and(|name| {
        name.starts_with("actix-server worker") || name.starts_with("actix-rt|")
    }) {
        RAN_ON_A_WORKER.store(true, std::sync::atomic::Ordering::Relaxed);
    }
    with_hash_slot(|area| {
        area.resize(hasher.params().block_count(), argon2::Block::default());
        hasher.hash_password_into_with_memory(password.as_bytes(), salt, out, &mut area[..])
    })
}

#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(String);

/// Hashes a password into a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`). Slow by design: call it
/// on the blocking pool.
pub fn hash_password(password: &str) -> Result<String, HashError> {
    let salt = SaltString::generate(&mut OsRng);
    let hasher = argon2();
    let mut salt_bytes = [0u8; 64];
    let salt_raw = salt
        .decode_b64(&mut salt_bytes)
        .map_err(|e| HashError(e.to_string()))?;
    let mut out = [0u8; 32];
    argon2_into(&hasher, password, salt_raw, &mut out).map_err(|e| HashError(e.to_string()))?;
    let output = argon2::password_hash::Output::new(&out).map_err(|e| HashError(e.to_string()))?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: argon2::password_hash::ParamsString::try_from(hasher.params())
            .map_err(|e| HashError(e.to_string()))?,
        salt: Some(salt.as_salt()),
        hash: Some(output),
    };
    Ok(phc.to_string())
}

/// Checks a password against a PHC string. A malformed stored hash verifies nothing.
pub fn verify_password(password: &str, phc: &str) -> bool {
    let verified = || -> Option<bool> {
        let parsed = PasswordHash::new(phc).ok()?;
        let expected = parsed.hash?;
        let algorithm = Algorithm::try_from(parsed.algorithm).ok()?;
        let version = match parsed.version {
            Some(v) => Version::try_from(v).ok()?,
            None => Version::default(),
        };
        let params = Params::try_from(&parsed).ok()?;
        let mut salt_bytes = [0u8; 64];
        let salt = parsed.salt?.decode_b64(&mut salt_bytes).ok()?;
        let mut out = vec![0u8; expected.len()];
        let hasher = Argon2::new(algorithm, version, params);
        argon2_into(&hasher, password, salt, &mut out).ok()?;
        // `Output`'s equality is constant-time.
        Some(argon2::password_hash::Output::new(&out).ok()? == expected)
    };
    verified().unwrap_or(false)
}

/// Fresh random bytes from the operating system (webhook signing secrets).
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    OsRng.fill_bytes(&mut bytes);
    bytes
}

/// A fresh 256-bit random token, hex-encoded: session cookies, invite and setup links, CSRF tokens.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// What is stored in place of a token: its SHA-256. Tokens are random, so no salt or slow hash is
/// needed; a stolen table does not yield working cookies.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The CSRF token of an anonymous visitor (sign-in, setup and invite forms), derived from the
/// visitor's pre-session cookie so that it is bound to that browser.
pub fn pre_session_csrf(pre_session: &str) -> String {
    hex::encode(Sha256::digest(format!(
        "claimdesk-pre-session-csrf:{pre_session}"
    )))
}

/// Hash of an email for logs and throttle keys: lets an operator correlate without storing addresses.
pub fn email_hash(email: &str) -> String {
    let digest = Sha256::digest(email.trim().to_lowercase().as_bytes());
    hex::encode(&digest[..8])
}

/// Compares secrets without an early exit on the first differing byte.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_agree_with_the_argon2_crates_own_hasher_both_ways() {
        use argon2::{PasswordHasher, PasswordVerifier};
        let salt = SaltString::generate(&mut OsRng);
        let theirs = argon2()
            .hash_password(b"correct horse battery staple", &salt)
            .unwrap()
            .to_string();
        assert!(verify_password("correct horse battery staple", &theirs));
        assert!(!verify_password("correct horse battery stapler", &theirs));
        let ours = hash_password("correct horse battery staple").unwrap();
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(argon2()
            .verify_password(b"correct horse battery staple", &parsed)
            .is_ok());
        assert!(argon2().verify_password(b"wrong", &parsed).is_err());
        assert!(!verify_password(
            "anything",
            "$argon2id$v=19$m=19456,t=2,p=1$bm90LWEtc2FsdA$"
        ));
    }

    #[test]
    fn a_hash_on_an_actix_worker_thread_is_noticed() {
        let hash = hash_password("orbit velvet canyon lantern").unwrap();
        std::thread::Builder::new()
            .name("actix-server worker 9".into())
            .spawn(move || verify_password("orbit velvet canyon lantern", &hash))
            .unwrap()
            .join()
            .unwrap();
        assert!(argon2_ran_on_a_worker());
    }

    #[test]
    fn no_more_hashes_run_at_once_than_half_the_cores() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static RUNNING: AtomicUsize = AtomicUsize::new(0);
        static MOST: AtomicUsize = AtomicUsize::new(0);
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let threads: Vec<_> = (0..cores * 3)
            .map(|_| {
                std::thread::spawn(|| {
                    with_hash_slot(|_| {
                        let now = RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
                        MOST.fetch_max(now, Ordering::SeqCst);
                        std::thread::sleep(std::time::Duration::from_millis(20));
                        RUNNING.fetch_sub(1, Ordering::SeqCst);
                    })
                })
            })
            .collect();
        for thread in threads {
            thread.join().expect("the thread finishes");
        }
        let most = MOST.load(Ordering::SeqCst);
        assert!(
            most >= 1 && most <= (cores / 2).max(1),
            "{most} at once on {cores} cores"
        );
    }

    #[test]
    fn hashes_are_argon2id_with_owasp_parameters_and_verify() {
        let hash = hash_password("orbit velvet canyon lantern").unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify_password("orbit velvet canyon lantern", &hash));
        assert!(!verify_password("orbit velvet canyon lanterns", &hash));
        assert!(!verify_password("anything", "not a phc string"));
    }

    #[test]
    fn tokens_are_256_bit_and_distinct() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
    }

    #[test]
    fn constant_time_eq_compares_whole_strings() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "abcd"));
    }
}
