//! The evidence vault's words and pure rules: what state a citation's archived copy is in, whether
//! a citation's excerpt is on the page it cites, and what changed on a page since it was cited.

use std::fmt;
use std::str::FromStr;

use super::Invalid;

/// Where a citation's archived copy stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceState {
    /// Waiting for the job worker to fetch the page.
    Pending,
    /// The page is archived and, when last rechecked, said what it said when cited.
    Archived,
    /// The page could not be archived (the note says why).
    Unarchived,
    /// The page's text is not what it was when cited (the note holds the difference).
    Changed,
    /// The page answers an error or its host is gone; the archived copy stays.
    Gone,
}

impl EvidenceState {
    pub const ALL: [EvidenceState; 5] = [
        EvidenceState::Pending,
        EvidenceState::Archived,
        EvidenceState::Unarchived,
        EvidenceState::Changed,
        EvidenceState::Gone,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceState::Pending => "pending",
            EvidenceState::Archived => "archived",
            EvidenceState::Unarchived => "unarchived",
            EvidenceState::Changed => "changed",
            EvidenceState::Gone => "gone",
        }
    }

    /// What the claim page says.
    pub fn label(self) -> &'static str {
        match self {
            EvidenceState::Pending => "archiving…",
            EvidenceState::Archived => "archived",
            EvidenceState::Unarchived => "not archived",
            EvidenceState::Changed => "changed since cited",
            EvidenceState::Gone => "gone",
        }
    }
}

impl FromStr for EvidenceState {
    type Err = Invalid;

    fn from_str(s: &str) -> Result<Self, Invalid> {
        EvidenceState::ALL
            .into_iter()
            .find(|state| state.as_str() == s)
            .ok_or_else(|| Invalid::new("state", "is not an evidence state"))
    }
}

impl fmt::Display for EvidenceState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Text as compared: lower case, runs of whitespace as one space, curly quotes and primes as
/// straight ones, every dash and minus as `-`, soft hyphens and zero-width characters gone.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let c = match c {
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => continue,
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{00B4}' | '`' => {
                '\''
            }
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
            | '\u{00BB}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
            c if c.is_whitespace() => {
                space = !out.is_empty();
                continue;
            }
            c => c,
        };
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// Whether the excerpt is on the page, both normalized. An excerpt shortened with an ellipsis
/// (`…`, `...`, `[…]`) is found when its parts are, in order.
pub fn excerpt_found(page_text: &str, excerpt: &str) -> bool {
    let page = normalize(page_text);
    let excerpt = normalize(excerpt)
        .replace("[…]", "…")
        .replace("[...]", "…")
        .replace("...", "…");
    let mut rest = page.as_str();
    let mut any = false;
    for part in excerpt.split('…').map(|p| p.trim_matches([' ', '"', '\''])) {
        if part.is_empty() {
            continue;
        }
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
        any = true;
    }
    any
}

/// How much of a difference is kept.
const DIFF_LIMIT: usize = 8 * 1024;

/// The lines removed (`-`) and added (`+`) between the text as cited and as it is now, with a
/// line of context, at most 8 KiB; `None` when they say the same (once normalized).
pub fn text_diff(cited: &str, now: &str) -> Option<String> {
    // Compared normalized; shown as written (runs of spaces made one, blank lines dropped).
    let lines = |text: &str| -> String {
        text.lines()
            .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
            + "\n"
    };
    if normalize(cited) == normalize(now) {
        return None;
    }
    let (before, after) = (lines(cited), lines(now));
    let diff = similar::TextDiff::from_lines(&before, &after);
    let mut out = String::new();
    for group in diff.grouped_ops(1) {
        for op in group {
            for change in diff.iter_changes(&op) {
                let sign = match change.tag() {
                    similar::ChangeTag::Delete => '-',
                    similar::ChangeTag::Insert => '+',
                    similar::ChangeTag::Equal => ' ',
                };
                out.push(sign);
                out.push(' ');
                out.push_str(change.value().trim_end());
                out.push('\n');
            }
        }
        out.push_str("…\n");
        if out.len() > DIFF_LIMIT {
            let mut end = DIFF_LIMIT;
            while !out.is_char_boundary(end) {
                end -= 1;
            }
            out.truncate(end);
            out.push_str("\n… (the rest of the difference is not kept)\n");
            break;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn quotes_dashes_spaces_and_case_do_not_hide_an_excerpt() {
        let page = "The ministry said:\n  \u{201C}Exports rose\u{00A0}12\u{2013}14 per cent\u{201D} in the\nsecond quarter.";
        assert!(excerpt_found(
            page,
            "\"exports rose 12-14 per cent\" in the second quarter"
        ));
        assert!(excerpt_found(page, "EXPORTS ROSE 12\u{2014}14"));
        assert!(!excerpt_found(page, "exports rose 15 per cent"));
        assert!(!excerpt_found(page, "   "));
    }

    #[test]
    fn an_excerpt_shortened_with_an_ellipsis_is_found_when_its_parts_are_in_order() {
        let page = "Turnout was 61 per cent, the commission said on Monday, the lowest since 1998.";
        assert!(excerpt_found(
            page,
            "Turnout was 61 per cent … the lowest since 1998"
        ));
        assert!(excerpt_found(
            page,
            "Turnout was 61 per cent [...] lowest since 1998."
        ));
        assert!(!excerpt_found(
            page,
            "the lowest since 1998 … Turnout was 61 per cent"
        ));
    }

    #[test]
    fn soft_hyphens_and_zero_width_characters_are_ignored() {
        assert!(excerpt_found(
            "in\u{00AD}fla\u{200B}tion of 3.4%",
            "inflation of 3.4%"
        ));
    }

    #[test]
    fn the_diff_keeps_what_went_and_what_came() {
        let cited = "Harbour fund\nThe fund holds $80 million.\nWork starts in spring.\n";
        let now = "Harbour fund\nThe fund holds $65 million.\nWork starts in spring.\n";
        let diff = text_diff(cited, now).unwrap();
        assert!(diff.contains("- The fund holds $80 million."), "{diff}");
        assert!(diff.contains("+ The fund holds $65 million."), "{diff}");
        assert_eq!(
            text_diff(
                cited,
                "harbour  fund\n\nThe fund holds $80 million.\nWork starts in spring."
            ),
            None
        );
    }

    #[test]
    fn a_long_diff_is_cut_on_a_character_boundary() {
        let cited: String = (0..3000).map(|i| format!("línea {i}\n")).collect();
        let now: String = (0..3000).map(|i| format!("línea {i} revisada\n")).collect();
        let diff = text_diff(&cited, &now).unwrap();
        assert!(diff.len() < DIFF_LIMIT + 100);
        assert!(diff.ends_with("not kept)\n"));
    }

    #[test]
    fn states_round_trip() {
        for state in EvidenceState::ALL {
            assert_eq!(state.as_str().parse::<EvidenceState>(), Ok(state));
        }
    }

    proptest! {
        #[test]
        fn any_run_of_words_of_a_page_is_found_in_it(
            words in proptest::collection::vec("[A-Za-zÀ-ÿ0-9%$,]{1,12}", 1..40),
            seps in proptest::collection::vec("[ \n\t\u{00A0}]{1,3}", 40),
            from in 0usize..40,
            len in 1usize..10,
        ) {
            let page: String = words.iter().zip(&seps).map(|(w, s)| format!("{w}{s}")).collect();
            let from = from.min(words.len() - 1);
            let to = (from + len).min(words.len());
            let excerpt = words[from..to].join(" ");
            prop_assert!(excerpt_found(&page, &excerpt), "{:?} not in {:?}", excerpt, page);
        }

        #[test]
        fn normalizing_is_idempotent(text in "\\PC{0,200}") {
            let once = normalize(&text);
            prop_assert_eq!(normalize(&once), once.clone());
        }
    }
}
