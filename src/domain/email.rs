use std::fmt;

use super::Invalid;

/// A normalised (trimmed, lower-cased) email address of plausible shape. Deliverability is proven by
/// the invite link, not by parsing.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Email, Invalid> {
        let email = raw.trim().to_lowercase();
        let invalid = || Invalid::new("email", "is not a valid email address");
        if email.is_empty() {
            return Err(Invalid::new("email", "is required"));
        }
        if email.len() > 254 || email.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(invalid());
        }
        let (local, domain) = email.rsplit_once('@').ok_or_else(invalid)?;
        if local.is_empty()
            || local.contains('@')
            || domain.len() < 3
            || !domain.contains('.')
            || domain.starts_with('.')
            || domain.ends_with('.')
            || domain.contains("..")
        {
            return Err(invalid());
        }
        Ok(Email(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        let email = Email::parse("  Ana.Ruiz@Example.ORG ").unwrap();
        assert_eq!(email.as_str(), "ana.ruiz@example.org");
    }

    #[test]
    fn malformed_emails_are_refused() {
        for raw in [
            "",
            "ana",
            "ana@",
            "@example.org",
            "ana@example",
            "a b@example.org",
            "ana@.org",
            "ana@x..org",
            "ana@exa\nmple.org",
        ] {
            assert!(Email::parse(raw).is_err(), "{raw:?} was accepted");
        }
    }

    proptest! {
        #[test]
        fn parsing_never_panics_and_accepted_emails_have_one_at(raw in ".{0,300}") {
            if let Ok(email) = Email::parse(&raw) {
                prop_assert!(email.as_str().contains('@'));
                prop_assert!(!email.as_str().chars().any(char::is_whitespace));
            }
        }
    }
}
