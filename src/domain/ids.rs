//! Typed ids: a `ClaimId` cannot be passed where a `TeamId` is expected. Ids are 64-bit integers in
//! both databases; the types exist only on this side of `db`, which binds them with `get`.

use std::fmt;
use std::str::FromStr;

/// Text that is not an id: not the digits of a positive 64-bit number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotAnId;

impl fmt::Display for NotAnId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not an id")
    }
}

impl std::error::Error for NotAnId {}

fn parse_positive(s: &str) -> Result<i64, NotAnId> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NotAnId);
    }
    s.parse::<i64>().ok().filter(|id| *id > 0).ok_or(NotAnId)
}

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(i64);

        impl $name {
            pub const fn new(raw: i64) -> $name {
                $name(raw)
            }

            /// The number as stored.
            pub const fn get(self) -> i64 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = NotAnId;

            /// Digits of a positive number, as the databases hand ids out; zero, a sign or
            /// anything else is not an id.
            fn from_str(s: &str) -> Result<$name, Self::Err> {
                parse_positive(s).map($name)
            }
        }

        impl From<$name> for i64 {
            fn from(id: $name) -> i64 {
                id.0
            }
        }
    };
}

typed_id!(
    /// A team (a desk): every query is scoped to one.
    TeamId
);
typed_id!(
    /// A user account; a member when paired with a team.
    UserId
);
typed_id!(
    /// A claim record.
    ClaimId
);
typed_id!(
    /// A source article.
    ArticleId
);
typed_id!(
    /// An extractor finding not yet accepted.
    CandidateId
);
typed_id!(
    /// A citation of a claim.
    CitationId
);
typed_id!(
    /// A verdict of a team's scale.
    VerdictId
);
typed_id!(
    /// One line of the history.
    EventId
);
typed_id!(
    /// A member's saved view of the queue.
    ViewId
);
typed_id!(
    /// A comment on a claim.
    CommentId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_print_and_serialize_as_plain_numbers() {
        let id: ClaimId = "42".parse().unwrap();
        assert_eq!(id.get(), 42);
        assert_eq!(id.to_string(), "42");
        assert_eq!(serde_json::to_string(&id).unwrap(), "42");
        assert!("4x".parse::<TeamId>().is_err());
    }

    #[test]
    fn ids_are_positive_digits() {
        assert_eq!("007".parse::<ClaimId>(), Ok(ClaimId::new(7)));
        for bad in ["", "0", "-1", "+1", " 1", "1.0", "9223372036854775808", "x"] {
            assert_eq!(bad.parse::<ClaimId>(), Err(NotAnId), "{bad:?}");
        }
    }
}
