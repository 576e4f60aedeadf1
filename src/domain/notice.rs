//! What a member is told: the kinds of notice (each in the inbox, and by e-mail unless the member
//! turned that kind off), and mentions in comments.

use std::fmt;
use std::str::FromStr;

/// Why a member is told about a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NoticeKind {
    /// Someone else assigned the claim to them.
    Assigned,
    /// Their proposed verdict was sent back.
    SentBack,
    /// A verdict awaits approval, and they may approve it.
    ApprovalRequested,
    /// A comment names them (`@name`).
    Mentioned,
    /// A watched feed repeated a claim the team has published (editors and admins are told).
    Repeated,
}

impl NoticeKind {
    pub const ALL: [NoticeKind; 5] = [
        NoticeKind::Assigned,
        NoticeKind::SentBack,
        NoticeKind::ApprovalRequested,
        NoticeKind::Mentioned,
        NoticeKind::Repeated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NoticeKind::Assigned => "assigned",
            NoticeKind::SentBack => "sent_back",
            NoticeKind::ApprovalRequested => "approval_requested",
            NoticeKind::Mentioned => "mentioned",
            NoticeKind::Repeated => "repeated",
        }
    }

    /// How the inbox and the preferences name it.
    pub fn label(self) -> &'static str {
        match self {
            NoticeKind::Assigned => "Assigned to you",
            NoticeKind::SentBack => "Sent back to you",
            NoticeKind::ApprovalRequested => "Waiting for your approval",
            NoticeKind::Mentioned => "You were mentioned",
            NoticeKind::Repeated => "A published claim was repeated",
        }
    }

    /// The e-mail's subject line, before the claim's number.
    pub fn subject(self) -> &'static str {
        match self {
            NoticeKind::Assigned => "Assigned to you",
            NoticeKind::SentBack => "Your verdict was sent back",
            NoticeKind::ApprovalRequested => "A verdict waits for your approval",
            NoticeKind::Mentioned => "You were mentioned",
            NoticeKind::Repeated => "A published claim was repeated",
        }
    }
}

impl fmt::Display for NoticeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for NoticeKind {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        NoticeKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or(())
    }
}

/// A member's handle for mentions: their name's letters and digits, lowercased ("Ana María
/// Ruiz" → `anamaríaruiz`).
pub fn handle_of(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The handles a comment mentions: each `@` at the start of a word followed by letters, digits,
/// dots, hyphens or underscores, lowercased, with those marks dropped (`@Ana.Ruiz` → `anaruiz`);
/// at most 10, each once.
pub fn mentions(body: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut previous = ' ';
    for (at, c) in body.char_indices() {
        if c == '@' && !previous.is_alphanumeric() {
            let rest = &body[at + 1..];
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || matches!(c, '.' | '-' | '_')))
                .unwrap_or(rest.len());
            let handle = handle_of(rest[..end].trim_end_matches(['.', '-', '_']));
            if !handle.is_empty() && !found.contains(&handle) && found.len() < 10 {
                found.push(handle);
            }
        }
        previous = c;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip() {
        for kind in NoticeKind::ALL {
            assert_eq!(kind.as_str().parse(), Ok(kind));
        }
        assert!("read".parse::<NoticeKind>().is_err());
    }

    #[test]
    fn mentions_are_handles_at_the_start_of_words() {
        assert_eq!(
            mentions("@Rita can you check? cc @ana.ruiz, @Rita again."),
            ["rita", "anaruiz"]
        );
        assert!(mentions("write to desk@example.org").is_empty());
        assert!(mentions("@ alone, and @@").is_empty());
        assert_eq!(mentions("(@José)"), ["josé"]);
        assert_eq!(handle_of("Ana María Ruiz"), "anamaríaruiz");
        let many: String = (0..20).map(|i| format!("@user{i} ")).collect();
        assert_eq!(mentions(&many).len(), 10);
    }
}
