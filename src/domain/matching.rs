//! When a candidate is a claim the team already has: the same quantity (value and unit, compared
//! by the caller) said of the same thing. "The same thing" is judged on normalized words: the
//! subjects when both have one ("militia members" and "members of the militia"), else the claims'
//! wording. An unrelated "doubled" budget and a "doubled" reward share a quantity, not a subject.

use std::collections::BTreeSet;

/// Words that say nothing of what a claim is about, in the languages the extractor reads.
const FILLER: &[&str] = &[
    // English
    "a", "about", "above", "after", "against", "all", "almost", "also", "an", "and", "are",
    "around", "as", "at", "be", "been", "before", "below", "between", "but", "by", "for", "from",
    "had", "has", "have", "he", "her", "his", "in", "into", "is", "it", "its", "last", "least",
    "less", "more", "most", "nearly", "new", "of", "on", "one", "or", "over", "said", "says",
    "she", "some", "than", "that", "the", "their", "them", "there", "these", "they", "this",
    "those", "to", "under", "up", "was", "were", "which", "who", "will", "with", "would", "year",
    "years", // Spanish
    "al", "con", "de", "del", "el", "en", "es", "la", "las", "lo", "los", "más", "menos", "para",
    "por", "que", "se", "su", "sus", "un", "una", "unas", "unos", "y",
    // Magnitudes: the quantity is compared on its own.
    "billion", "cent", "hundred", "million", "percent", "per", "thousand", "trillion", "mil",
    "millones", "millón",
];

/// The words of a text that say what it is about: lowercased, split at anything not a letter or
/// digit, filler, numbers and one-letter words dropped, a plural `s` taken off ("members" =
/// "member").
pub fn subject_words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| {
            w.chars().count() > 1
                && !w.chars().any(|c| c.is_numeric())
                && !FILLER.contains(&w.as_str())
        })
        .map(|w| match w.strip_suffix('s') {
            Some(stem) if stem.chars().count() >= 3 && !stem.ends_with('s') => stem.to_owned(),
            _ => w,
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

/// What a claim or candidate says, for matching: its subject (if it has one) and its wording.
#[derive(Debug, Clone, Copy)]
pub struct Said<'a> {
    pub subject: Option<&'a str>,
    pub wording: &'a str,
}

/// Whether two claims with the same quantity are about the same thing. With a subject on both
/// sides, the subjects decide (half the smaller one's words shared); otherwise the wordings do,
/// more strictly (two words and 60% of the shorter shared), since they carry more than the subject.
pub fn same_subject(a: Said<'_>, b: Said<'_>) -> bool {
    let subject = |s: Option<&str>| s.map(subject_words).filter(|w| !w.is_empty());
    match (subject(a.subject), subject(b.subject)) {
        (Some(x), Some(y)) => overlap(&x, &y) >= 0.5,
        _ => {
            let (x, y) = (subject_words(a.wording), subject_words(b.wording));
            x.intersection(&y).count() >= 2 && overlap(&x, &y) >= 0.6
        }
    }
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
}
