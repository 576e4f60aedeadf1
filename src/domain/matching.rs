//! When a candidate is a claim the team already has: the same quantity (value and unit, compared
//! by the caller) said of the same thing. "The same thing" is judged on normalized words: the
//! subjects when both have one ("militia members" and "members of the militia"), else the claims'
//! wording. An unrelated "doubled" budget and a "doubled" reward share a quantity, not a subject.
//! Words are compared across languages through `lexicon`: "troops", "efectivos" and "병력" are one
//! concept.

use std::collections::BTreeSet;

use super::lexicon::{concept, is_korean, without_particle};

/// Words that say nothing of what a claim is about, in the languages the extractor reads.
const FILLER: &[&str] = &[
    // English
    "a",
    "about",
    "above",
    "after",
    "against",
    "all",
    "almost",
    "also",
    "an",
    "and",
    "are",
    "around",
    "as",
    "at",
    "be",
    "been",
    "before",
    "below",
    "between",
    "but",
    "by",
    "for",
    "from",
    "had",
    "has",
    "have",
    "he",
    "her",
    "his",
    "in",
    "into",
    "is",
    "it",
    "its",
    "last",
    "least",
    "less",
    "more",
    "most",
    "nearly",
    "new",
    "of",
    "on",
    "one",
    "or",
    "over",
    "said",
    "says",
    "she",
    "some",
    "than",
    "that",
    "the",
    "their",
    "them",
    "there",
    "these",
    "they",
    "this",
    "those",
    "to",
    "under",
    "up",
    "was",
    "were",
    "which",
    "who",
    "will",
    "with",
    "would",
    "year",
    "years", // Spanish
    "al",
    "con",
    "de",
    "del",
    "el",
    "en",
    "es",
    "la",
    "las",
    "lo",
    "los",
    "más",
    "menos",
    "para",
    "por",
    "que",
    "se",
    "su",
    "sus",
    "un",
    "una",
    "unas",
    "unos",
    "y",
    // Magnitudes: the quantity is compared on its own.
    "billion",
    "cent",
    "hundred",
    "million",
    "percent",
    "per",
    "thousand",
    "trillion",
    "mil",
    "millones",
    "millón",
    // Korean: hedges, times and the verbs of saying, with their particles already off.
    "및",
    "등",
    "약",
    "이상",
    "이하",
    "미만",
    "가량",
    "지난",
    "올해",
    "현재",
    "이번",
    "따르면",
    "밝혔다",
    "말했다",
    "전했다",
    "했다",
    "있다",
];

/// The words of a text that say what it is about: lowercased, split at anything not a letter or
/// digit, filler and numbers dropped, a Korean particle or an English plural `s` taken off
/// ("members" = "member", 병력을 = 병력), a word the lexicon lists as its concept (efectivos =
/// "troop"), one-letter words dropped.
pub fn subject_words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| {
            !w.is_empty() && !w.chars().any(|c| c.is_numeric()) && !FILLER.contains(&w.as_str())
        })
        .filter_map(|w| {
            if let Some(name) = concept(&w) {
                return Some(name.to_owned());
            }
            let stem = if is_korean(&w) {
                without_particle(&w).to_owned()
            } else {
                match w.strip_suffix('s') {
                    Some(stem) if stem.chars().count() >= 3 && !stem.ends_with('s') => {
                        stem.to_owned()
                    }
                    _ => w,
                }
            };
            match concept(&stem) {
                Some(name) => Some(name.to_owned()),
                None => {
                    (stem.chars().count() > 1 && !FILLER.contains(&stem.as_str())).then_some(stem)
                }
            }
        })
        .collect()
}

/// How much two sets of words share, over the smaller one: 1 when one says all the other says.
fn overlap(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / smaller as f64
}

/// The values a claim of the same date may hold (claims hold dates as ISO text: `2025-08-14`, or
/// `--08-14` where the article did not give the year): a date matches the same day with or
/// without its year, so a Korean report of 8월 14일 with no dated dateline finds the claim an
/// English article dated 14 August 2025. `None` for what is not a day of a month (a month alone,
/// `2025-08`, or a day alone, `---14`, match only themselves).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SameDate {
    /// Values equal to one of these.
    pub values: Vec<String>,
    /// A SQL `LIKE` pattern for the same day in any year (`____-08-14`), for a date without one.
    pub any_year: Option<String>,
}

impl SameDate {
    pub fn of(value: &str) -> Option<SameDate> {
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let day_of_month = |md: &str| {
            md.len() == 5 && md.as_bytes()[2] == b'-' && digits(&md[..2]) && digits(&md[3..])
        };
        if let Some(md) = value.strip_prefix("--") {
            return day_of_month(md).then(|| SameDate {
                values: vec![value.to_owned()],
                any_year: Some(format!("____-{md}")),
            });
        }
        let (year, md) = (value.get(..4)?, value.get(5..)?);
        (digits(year) && value.as_bytes()[4] == b'-' && day_of_month(md)).then(|| SameDate {
            values: vec![value.to_owned(), format!("--{md}")],
            any_year: None,
        })
    }
}

/// What a claim or candidate says, for matching: its subject (if it has one) and its wording.
#[derive(Debug, Clone, Copy)]
pub struct Said<'a> {
    pub subject: Option<&'a str>,
    pub wording: &'a str,
}

/// What two claims with the same quantity were found to share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubjectMatch {
    /// Whether their subjects decided, or (one had none) their wordings.
    pub by_subjects: bool,
    /// The words both say, as matching reads them (a listed word as its concept).
    pub shared: Vec<String>,
}

impl SubjectMatch {
    /// The reason in words, for a reviewer: "subjects share troop".
    pub fn describe(&self) -> String {
        let of = if self.by_subjects {
            "subjects"
        } else {
            "wordings"
        };
        format!("{of} share {}", self.shared.join(", "))
    }
}

/// Whether two claims with the same quantity are about the same thing. With a subject on both
/// sides, the subjects decide (half the smaller one's words shared); otherwise the wordings do,
/// and more strictly (two words shared, and 60% of the smaller one's).
pub fn subject_match(a: Said<'_>, b: Said<'_>) -> Option<SubjectMatch> {
    let subject = |s: Option<&str>| s.map(subject_words).filter(|w| !w.is_empty());
    let (by_subjects, x, y) = match (subject(a.subject), subject(b.subject)) {
        (Some(x), Some(y)) => (true, x, y),
        _ => (false, subject_words(a.wording), subject_words(b.wording)),
    };
    let shared: Vec<String> = x.intersection(&y).cloned().collect();
    let matches = if by_subjects {
        overlap(&x, &y) >= 0.5
    } else {
        shared.len() >= 2 && overlap(&x, &y) >= 0.6
    };
    matches.then_some(SubjectMatch {
        by_subjects,
        shared,
    })
}

/// Whether two claims with the same quantity are about the same thing (`subject_match`).
pub fn same_subject(a: Said<'_>, b: Said<'_>) -> bool {
    subject_match(a, b).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said<'a>(subject: Option<&'a str>, wording: &'a str) -> Said<'a> {
        Said { subject, wording }
    }

    #[test]
    fn words_are_normalized() {
        let words = subject_words("The Members of the Venezuelan militia's units");
        let expected = ["member", "militia", "unit", "venezuelan"];
        assert_eq!(words.into_iter().collect::<Vec<_>>(), expected);
        assert!(subject_words("4.5 million, 20%").is_empty());
        // "glass" and "bus" keep their s; "is" is filler.
        assert!(subject_words("glass bus is").contains("glass"));
    }

    #[test]
    fn subjects_decide_when_both_have_one() {
        let reward = said(Some("reward"), "The US doubled the reward for Maduro");
        let budget = said(
            Some("navy budget"),
            "The navy doubled its budget for the Caribbean",
        );
        assert!(!same_subject(reward, budget));
        let militia = said(Some("militia members"), "4.5 million militia members");
        let again = said(Some("members of the militia"), "it has 4.5 million members");
        assert!(same_subject(militia, again));
        assert!(same_subject(
            said(Some("reward"), ""),
            said(Some("reward offered for his capture"), "")
        ));
    }

    #[test]
    fn wordings_decide_otherwise_and_more_strictly() {
        let a = said(
            None,
            "The reward for information on Maduro was raised to $50 million",
        );
        let b = said(
            Some(""),
            "A $50 million reward for information leading to Maduro",
        );
        assert!(same_subject(a, b));
        // One shared word is not enough.
        let c = said(None, "The stadium cost $50 million");
        let d = said(None, "A $50 million reward was offered");
        assert!(!same_subject(c, d));
        assert!(!same_subject(said(None, ""), said(None, "")));
    }

    #[test]
    fn a_day_matches_with_or_without_its_year() {
        let full = SameDate::of("2025-08-14").unwrap();
        assert_eq!(full.values, ["2025-08-14", "--08-14"]);
        assert_eq!(full.any_year, None);
        let no_year = SameDate::of("--08-14").unwrap();
        assert_eq!(no_year.values, ["--08-14"]);
        assert_eq!(no_year.any_year.as_deref(), Some("____-08-14"));
        for only_itself in [
            "2025-08",
            "---14",
            "2025",
            "--8-14",
            "20a5-08-14",
            "",
            "--08-14x",
        ] {
            assert_eq!(SameDate::of(only_itself), None, "{only_itself}");
        }
    }

    #[test]
    fn the_same_thing_in_another_language_is_the_same_subject() {
        let english = said(
            Some("military personnel"),
            "4,000 military personnel were sent",
        );
        let korean = said(Some("병력을"), "병력 4천여 명을 파견했다");
        let spanish = said(Some("efectivos"), "más de 4.000 efectivos");
        for (a, b) in [(english, korean), (korean, spanish), (spanish, english)] {
            let found = subject_match(a, b).expect("one concept");
            assert_eq!(found.shared, ["troop"]);
            assert_eq!(found.describe(), "subjects share troop");
        }
        let reward = said(Some("현상금"), "현상금 5000만 달러");
        assert!(!same_subject(english, reward));
        assert!(same_subject(reward, said(Some("recompensa"), "")));
        // Korean wordings compare without their particles, and the verbs of saying say nothing.
        let a = said(None, "민병대원 450만 명이 카리브해에 배치됐다고 말했다");
        let b = said(None, "카리브해의 민병대원은 450만 명");
        assert_eq!(
            subject_match(a, b).unwrap().shared,
            ["민병대원", "카리브해"]
        );
    }
}
