//! What an admin types into the team's verdict scale: a verdict's key, its label and its
//! ClaimReview rating.

use std::fmt;

use super::{single_line, Invalid};

/// A verdict's key: what forms, filters and exports send. A lower-case slug of `a`–`z`, `0`–`9` and
/// `_`, 1 to 40 characters, unique within a team and never reused (retired verdicts keep theirs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerdictKey(String);

impl VerdictKey {
    pub const MAX_CHARS: usize = 40;

    pub fn parse(raw: &str) -> Result<VerdictKey, Invalid> {
        let key = raw.trim();
        if key.is_empty() {
            return Err(Invalid::new("key", "is required"));
        }
        if !key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            return Err(Invalid::new(
                "key",
                "may hold only lower-case letters a to z, digits and _ (like mostly_true)",
            ));
        }
        // Only ASCII is left, so bytes are characters.
        if key.len() > Self::MAX_CHARS {
            return Err(Invalid::new(
                "key",
                format!("must be at most {} characters", Self::MAX_CHARS),
            ));
        }
        Ok(VerdictKey(key.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for VerdictKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What people read for a verdict ("Mostly true"): one line, 1 to 60 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerdictLabel(String);

impl VerdictLabel {
    pub const MAX_CHARS: usize = 60;

    pub fn parse(raw: &str) -> Result<VerdictLabel, Invalid> {
        single_line("label", raw, Self::MAX_CHARS).map(VerdictLabel)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for VerdictLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A schema.org ClaimReview `ratingValue` on the scale 1 (false) to 5 (true). Verdicts such as
/// "Unverifiable" have none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rating(u8);

impl Rating {
    pub const WORST: u8 = 1;
    pub const BEST: u8 = 5;

    /// The rating a form sends: empty for none, otherwise a single digit 1 to 5.
    pub fn parse(raw: &str) -> Result<Option<Rating>, Invalid> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(None);
        }
        match raw.as_bytes() {
            [digit @ b'1'..=b'5'] => Ok(Some(Rating(digit - b'0'))),
            _ => Err(Invalid::new(
                "rating",
                format!(
                    "must be a whole number from {} to {}, or none",
                    Self::WORST,
                    Self::BEST
                ),
            )),
        }
    }

    pub fn value(self) -> i32 {
        i32::from(self.0)
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn keys_are_lower_case_slugs() {
        assert_eq!(
            VerdictKey::parse(" mostly_true ").unwrap().as_str(),
            "mostly_true"
        );
        assert!(VerdictKey::parse("pants_on_fire_2").is_ok());
        assert!(VerdictKey::parse(&"k".repeat(40)).is_ok());
        for bad in [
            "",
            "   ",
            "Mostly_true",
            "mostly true",
            "mostly-true",
            "vrai_à_moitié",
            "key\0",
            "<script>",
            &"k".repeat(41),
        ] {
            let refused = VerdictKey::parse(bad).unwrap_err();
            assert_eq!(refused.field, "key", "{bad}");
        }
    }

    #[test]
    fn labels_are_one_line_of_at_most_sixty_characters() {
        assert_eq!(
            VerdictLabel::parse("  Half true ").unwrap().as_str(),
            "Half true"
        );
        assert!(VerdictLabel::parse(&"é".repeat(60)).is_ok());
        for bad in ["", "  ", "Half\ntrue", &"x".repeat(61)] {
            assert_eq!(VerdictLabel::parse(bad).unwrap_err().field, "label");
        }
    }

    #[test]
    fn ratings_are_one_to_five_or_none() {
        assert_eq!(Rating::parse(""), Ok(None));
        assert_eq!(Rating::parse("  "), Ok(None));
        for n in 1..=5 {
            let rating = Rating::parse(&n.to_string()).unwrap().unwrap();
            assert_eq!(rating.value(), n);
        }
        assert_eq!(Rating::parse(" 3 ").unwrap().map(Rating::value), Some(3));
        for bad in ["0", "6", "-1", "+3", "3.0", "03", "10", "three", "٣"] {
            assert_eq!(Rating::parse(bad).unwrap_err().field, "rating", "{bad}");
        }
    }

    proptest! {
        #[test]
        fn accepted_keys_are_always_slugs(raw in ".{0,60}") {
            if let Ok(key) = VerdictKey::parse(&raw) {
                let key = key.as_str();
                prop_assert!(!key.is_empty() && key.len() <= 40);
                prop_assert!(key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'));
            }
        }

        #[test]
        fn accepted_ratings_are_always_in_range(raw in ".{0,4}") {
            if let Ok(Some(rating)) = Rating::parse(&raw) {
                prop_assert!((1..=5).contains(&rating.value()));
            }
        }
    }
}
