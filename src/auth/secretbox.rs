//! Secrets at rest: the server key (`CLAIMDESK_SECRET_KEY`, or a key file beside a SQLite database)
//! and authenticated encryption under it (XChaCha20-Poly1305). Used for the two-factor secrets,
//! which must be readable by the server (to compute codes) yet useless in a stolen database.

use std::io::Write;
use std::path::{Path, PathBuf};

use argon2::password_hash::rand_core::{OsRng, RngCore};
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};

/// The 32-byte server key. Its `Debug` never shows the bytes, so `Settings` can be logged.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretKey([u8; 32]);

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(..)")
    }
}

const KEY_FORMAT_HINT: &str =
    "must be 32 random bytes written as 64 hex digits or in base64 (e.g. `openssl rand -hex 32`)";

impl SecretKey {
    /// Parses 64 hex digits or base64 (standard or URL-safe, padded or not) of exactly 32 bytes.
    pub fn parse(raw: &str) -> Result<SecretKey, String> {
        let raw = raw.trim();
        let bytes = if raw.len() == 64 && raw.bytes().all(|b| b.is_ascii_hexdigit()) {
            hex::decode(raw).map_err(|_| format!("the key {KEY_FORMAT_HINT}"))?
        } else {
            let engines = [
                base64::engine::general_purpose::STANDARD,
                base64::engine::general_purpose::STANDARD_NO_PAD,
                base64::engine::general_purpose::URL_SAFE,
                base64::engine::general_purpose::URL_SAFE_NO_PAD,
            ];
            engines
                .iter()
                .find_map(|engine| engine.decode(raw).ok())
                .ok_or_else(|| format!("the key {KEY_FORMAT_HINT}"))?
        };
        let key: [u8; 32] = bytes
            .try_into()
            .map_err(|_| format!("the key {KEY_FORMAT_HINT}"))?;
        Ok(SecretKey(key))
    }

    /// A fresh random key.
    pub fn generate() -> SecretKey {
        let mut key = [0u8; 32];
        OsRng.fill_bytes(&mut key);
        SecretKey(key)
    }

    fn to_hex(&self) -> String {
        hex::encode(self.0)
    }
}

/// Why a sealed value could not be opened: wrong key, another record's value, or tampering. The
/// three are indistinguishable on purpose (that is what the AEAD tag gives).
#[derive(Debug, thiserror::Error)]
#[error("the sealed value could not be opened (wrong key, wrong record, or altered)")]
pub struct OpenError;

/// Version prefix of the stored form, so the format can change later without guessing.
const PREFIX: &str = "v1:";

/// Encrypts `plaintext`, bound to `context` (e.g. the owning user's id): a value copied to another
/// record does not open there. Returns `v1:` + hex(nonce ‖ ciphertext ‖ tag); the 192-bit random
/// nonce of XChaCha20 makes nonce reuse under one key a non-issue.
pub fn seal(key: &SecretKey, context: &[u8], plaintext: &[u8]) -> Result<String, OpenError> {
    let cipher = XChaCha20Poly1305::new(Key::from_slice(&key.0));
    let mut nonce = [0u8; 24];
    OsRng.fill_bytes(&mut nonce);
    let sealed = cipher
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: plaintext,
                aad: context,
            },
        )
        .map_err(|_| OpenError)?;
    let mut out = Vec::with_capacity(nonce.len() + sealed.len());
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&sealed);
    Ok(format!("{PREFIX}{}", hex::encode(out)))
}

/// Opens what `seal` made with the same key and context.
pub fn open(key: &SecretKey, context: &[u8], stored: &str) -> Result<Vec<u8>, OpenError> {
    let bytes = stored
        .strip_prefix(PREFIX)
        .and_then(|h| hex::decode(h).ok())
        .ok_or(OpenError)?;
    if bytes.len() < 24 + 16 {
        return Err(OpenError);
    }
    let (nonce, sealed) = bytes.split_at(24);
    XChaCha20Poly1305::new(Key::from_slice(&key.0))
        .decrypt(
            XNonce::from_slice(nonce),
            Payload {
                msg: sealed,
                aad: context,
            },
        )
        .map_err(|_| OpenError)
}

/// Where a SQLite database keeps its generated key: the database's path with `.key` appended.
pub fn key_file_beside(database: &Path) -> PathBuf {
    let mut path = database.as_os_str().to_owned();
    path.push(".key");
    PathBuf::from(path)
}

/// Reads the key file, or creates it (mode 0600, 64 hex digits) when there is none. Creation uses
/// `create_new`, so two processes starting at once end up reading the same key.
pub fn load_or_create_key_file(path: &Path) -> Result<SecretKey, String> {
    let shown = path.display();
    match std::fs::read_to_string(path) {
        Ok(text) => {
            return SecretKey::parse(&text)
                .map_err(|e| format!("the key file {shown} is not usable: {e}"))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(format!("cannot read the key file {shown}: {e}")),
    }
    let key = SecretKey::generate();
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(mut file) => {
            file.write_all(format!("{}\n", key.to_hex()).as_bytes())
                .and_then(|()| file.sync_all())
                .map_err(|e| format!("cannot write the key file {shown}: {e}"))?;
            Ok(key)
        }
        // Another process created it between our read and our create: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read the key file {shown}: {e}"))?;
            SecretKey::parse(&text).map_err(|e| format!("the key file {shown} is not usable: {e}"))
        }
        Err(e) => Err(format!("cannot create the key file {shown}: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_secrets_round_trip_and_hide_the_plaintext() {
        let key = SecretKey::generate();
        let secret = b"twenty bytes secret!";
        let sealed = seal(&key, b"user:7", secret).unwrap();
        assert!(sealed.starts_with("v1:"));
        assert!(!sealed.contains(&hex::encode(secret)));
        assert_eq!(open(&key, b"user:7", &sealed).unwrap(), secret);
        // A fresh nonce each time: the same secret never seals to the same text.
        assert_ne!(seal(&key, b"user:7", secret).unwrap(), sealed);
    }

    #[test]
    fn a_wrong_key_another_record_or_a_changed_byte_fails_to_open() {
        let key = SecretKey::generate();
        let sealed = seal(&key, b"user:7", b"twenty bytes secret!").unwrap();
        assert!(open(&SecretKey::generate(), b"user:7", &sealed).is_err());
        assert!(open(&key, b"user:8", &sealed).is_err());
        let mut altered = sealed.clone().into_bytes();
        let last = altered.len() - 1;
        altered[last] = if altered[last] == b'0' { b'1' } else { b'0' };
        assert!(open(&key, b"user:7", &String::from_utf8(altered).unwrap()).is_err());
        assert!(open(&key, b"user:7", "v1:00").is_err());
        assert!(open(&key, b"user:7", "plain text").is_err());
    }

    #[test]
    fn keys_parse_from_hex_or_base64_of_32_bytes_only() {
        let hex_key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        let key = SecretKey::parse(hex_key).unwrap();
        let b64 = base64::engine::general_purpose::STANDARD.encode(key.0);
        assert_eq!(SecretKey::parse(&b64).unwrap(), key);
        assert_eq!(SecretKey::parse(&format!(" {hex_key}\n")).unwrap(), key);
        assert!(SecretKey::parse("too short").is_err());
        assert!(SecretKey::parse(&hex_key[..62]).is_err());
        assert!(
            SecretKey::parse(&base64::engine::general_purpose::STANDARD.encode([1u8; 16])).is_err()
        );
        assert_eq!(format!("{key:?}"), "SecretKey(..)");
    }

    #[test]
    fn the_key_file_is_created_once_private_and_then_reused() {
        let dir = std::env::temp_dir().join(format!("claimdesk-key-{}", super::super::new_token()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = key_file_beside(&dir.join("desk.db"));
        assert!(path.ends_with("desk.db.key"));
        let first = load_or_create_key_file(&path).unwrap();
        let second = load_or_create_key_file(&path).unwrap();
        assert_eq!(first, second);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(&path, "not a key").unwrap();
        assert!(load_or_create_key_file(&path).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
