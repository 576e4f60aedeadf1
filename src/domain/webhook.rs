//! Webhooks' words and their signature, as the Standard Webhooks specification
//! (<https://www.standardwebhooks.com>) has them: the events an endpoint may want, the signing
//! secret (`whsec_` and base64 of random bytes, shown once) and `webhook-signature`.

use std::fmt;
use std::str::FromStr;

use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::Invalid;

/// What an endpoint may be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WebhookEvent {
    /// A verdict was published for the first time.
    ClaimPublished,
    /// A published verdict was published again after a correction.
    ClaimCorrected,
    /// A claim was given to a member (or taken from one).
    ClaimAssigned,
    /// A watched feed brought a claim the team has already published.
    AlertRepeated,
    /// An article came in (pasted, uploaded, fetched or from a feed).
    ArticleCreated,
}

impl WebhookEvent {
    pub const ALL: [WebhookEvent; 5] = [
        WebhookEvent::ClaimPublished,
        WebhookEvent::ClaimCorrected,
        WebhookEvent::ClaimAssigned,
        WebhookEvent::AlertRepeated,
        WebhookEvent::ArticleCreated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WebhookEvent::ClaimPublished => "claim.published",
            WebhookEvent::ClaimCorrected => "claim.corrected",
            WebhookEvent::ClaimAssigned => "claim.assigned",
            WebhookEvent::AlertRepeated => "alert.repeated",
            WebhookEvent::ArticleCreated => "article.created",
        }
    }

    /// What the webhooks page says of it.
    pub fn describe(self) -> &'static str {
        match self {
            WebhookEvent::ClaimPublished => "a verdict is published",
            WebhookEvent::ClaimCorrected => "a published verdict is corrected",
            WebhookEvent::ClaimAssigned => "a claim is assigned",
            WebhookEvent::AlertRepeated => "a watched feed repeats a published claim",
            WebhookEvent::ArticleCreated => "an article comes in",
        }
    }
}

impl FromStr for WebhookEvent {
    type Err = Invalid;

    fn from_str(s: &str) -> Result<Self, Invalid> {
        WebhookEvent::ALL
            .into_iter()
            .find(|event| event.as_str() == s)
            .ok_or_else(|| Invalid::new("events", "is not an event ClaimDesk sends"))
    }
}

impl fmt::Display for WebhookEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The events an endpoint wants: at least one, each once, in the order of `WebhookEvent::ALL`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookEvents(Vec<WebhookEvent>);

impl WebhookEvents {
    pub fn parse<'a>(raw: impl IntoIterator<Item = &'a str>) -> Result<WebhookEvents, Invalid> {
        let mut wanted = Vec::new();
        for name in raw {
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            let event: WebhookEvent = name.parse()?;
            if !wanted.contains(&event) {
                wanted.push(event);
            }
        }
        if wanted.is_empty() {
            return Err(Invalid::new("events", "choose at least one event"));
        }
        wanted.sort_by_key(|e| WebhookEvent::ALL.iter().position(|a| a == e));
        Ok(WebhookEvents(wanted))
    }

    /// As stored: the names separated by spaces.
    pub fn stored(&self) -> String {
        self.0
            .iter()
            .map(|e| e.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub fn contains(&self, event: WebhookEvent) -> bool {
        self.0.contains(&event)
    }

    pub fn iter(&self) -> impl Iterator<Item = WebhookEvent> + '_ {
        self.0.iter().copied()
    }
}

/// A signing secret: `whsec_` followed by the base64 of its bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct WebhookSecret(Vec<u8>);

impl fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WebhookSecret(…)")
    }
}

const PREFIX: &str = "whsec_";

impl WebhookSecret {
    pub fn from_bytes(bytes: &[u8]) -> WebhookSecret {
        WebhookSecret(bytes.to_vec())
    }

    /// `whsec_…`, or the base64 part alone (as some libraries take it).
    pub fn parse(raw: &str) -> Result<WebhookSecret, Invalid> {
        let encoded = raw.trim().strip_prefix(PREFIX).unwrap_or(raw.trim());
        base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .ok()
            .filter(|bytes| bytes.len() >= 16)
            .map(WebhookSecret)
            .ok_or_else(|| Invalid::new("secret", "is not a whsec_ signing secret"))
    }

    pub fn bytes(&self) -> &[u8] {
        &self.0
    }

    /// As shown once to the admin who made it.
    pub fn reveal(&self) -> String {
        format!(
            "{PREFIX}{}",
            base64::engine::general_purpose::STANDARD.encode(&self.0)
        )
    }

    /// `webhook-signature`: `v1,` and the base64 HMAC-SHA256 of `id.timestamp.body`.
    pub fn sign(&self, message_id: &str, timestamp: i64, body: &[u8]) -> String {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes a key of any length");
        mac.update(message_id.as_bytes());
        mac.update(b".");
        mac.update(timestamp.to_string().as_bytes());
        mac.update(b".");
        mac.update(body);
        format!(
            "v1,{}",
            base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The specification's own example: a receiver's library accepts what we send only if this
    /// reproduces exactly.
    #[test]
    fn the_standard_webhooks_example_signs_as_published() {
        let secret = WebhookSecret::parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        assert_eq!(
            secret.sign(
                "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1_614_265_330,
                br#"{"test": 2432232314}"#
            ),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
        assert_eq!(secret.reveal(), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assert_eq!(
            WebhookSecret::parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap(),
            secret
        );
    }

    #[test]
    fn events_are_known_names_at_least_one_each_once() {
        let events =
            WebhookEvents::parse(["claim.corrected", "claim.published", "claim.corrected"])
                .unwrap();
        assert_eq!(events.stored(), "claim.published claim.corrected");
        assert!(events.contains(WebhookEvent::ClaimCorrected));
        assert!(!events.contains(WebhookEvent::ArticleCreated));
        assert!(WebhookEvents::parse(["", " "]).is_err());
        assert!(WebhookEvents::parse(["claim.deleted"]).is_err());
        for event in WebhookEvent::ALL {
            assert_eq!(event.as_str().parse::<WebhookEvent>(), Ok(event));
        }
    }

    #[test]
    fn short_or_malformed_secrets_are_refused() {
        assert!(WebhookSecret::parse("whsec_c2hvcnQ=").is_err());
        assert!(WebhookSecret::parse("whsec_not base64!").is_err());
    }
}
