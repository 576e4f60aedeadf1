//! Word tests the recognizers share: counted nouns, change verbs, superlative-like words, the
//! score bonus of an ordinal from the word after it, title-case headlines.

use crate::extract::lex;
use crate::extract::text::Doc;

#[inline]
pub(super) fn is_change_verb(w: &str) -> bool {
    matches!(
        w,
        "grown"
            | "risen"
            | "fallen"
            | "gone"
            | "shrunk"
            | "swelled"
            | "swollen"
            | "declining"
            | "dropping"
            | "climbing"
            | "rose"
            | "fell"
            | "increased"
            | "decreased"
            | "grew"
            | "declined"
            | "dropped"
            | "climbed"
            | "jumped"
            | "surged"
            | "slipped"
            | "raised"
            | "cut"
            | "lowered"
            | "boosted"
            | "reduced"
            | "rise"
            | "fall"
            | "increase"
            | "decrease"
            | "grow"
            | "decline"
            | "drop"
            | "climb"
            | "jump"
            | "surge"
            | "rising"
            | "falling"
            | "increasing"
            | "going"
            | "went"
            | "up"
            | "down"
            | "moved"
            | "shifted"
            | "changed"
            | "expanded"
            | "shrank"
            | "narrowed"
            | "widened"
            | "plunged"
            | "soared"
            | "tumbled"
            | "eased"
            | "edged"
            | "hiked"
            | "slashed"
            | "revised"
            | "upgraded"
            | "downgraded"
            | "rises"
            | "falls"
            | "increases"
            | "grows"
    )
}

#[inline]
pub(super) fn next_is_counted(d: &Doc, j: usize, hi: usize) -> bool {
    j < hi && d.is_word(j) && (lex::person_noun(d.lw(j)) || count_noun(d.lw(j)))
}

/// Common counted things (used where a plain plural is not enough evidence).
pub(in crate::extract) fn count_noun(w: &str) -> bool {
    matches!(
        w,
        "ships"
            | "vessels"
            | "destroyers"
            | "warships"
            | "submarines"
            | "jets"
            | "aircraft"
            | "planes"
            | "helicopters"
            | "tanks"
            | "missiles"
            | "drones"
            | "rockets"
            | "vehicles"
            | "cars"
            | "trucks"
            | "homes"
            | "houses"
            | "buildings"
            | "doses"
            | "votes"
            | "seats"
            | "goals"
            | "medals"
            | "tests"
            | "hospitals"
            | "countries"
            | "schools"
            | "jobs"
            | "shares"
            | "units"
            | "barrels"
            | "tonnes"
            | "tons"
            | "bombs"
            | "shells"
            | "rounds"
            | "weapons"
            | "guns"
            | "rifles"
            | "artillery"
            | "battalions"
            | "brigades"
            | "divisions"
            | "bases"
            | "flights"
            | "trains"
            | "companies"
            | "firms"
            | "businesses"
            | "factories"
            | "banks"
            | "stores"
            | "shops"
            | "beds"
            | "villages"
            | "towns"
            | "cities"
            | "states"
            | "provinces"
            | "regions"
            | "districts"
            | "airstrikes"
            | "strikes"
            | "attacks"
            | "incidents"
            | "events"
            | "projects"
            | "contracts"
            | "deals"
            | "laws"
            | "bills"
            | "points"
            | "runs"
            | "wickets"
            | "wins"
            | "matches"
            | "games"
            | "titles"
            | "households"
            | "families"
            | "items"
            | "pieces"
            | "copies"
            | "products"
            | "devices"
            | "phones"
            | "apps"
            | "downloads"
            | "posts"
            | "videos"
            | "views"
            | "visits"
            | "laps"
            | "boats"
            | "stations"
            | "constituencies"
            | "councils"
            | "posts,"
            | "nations"
    )
}

#[inline]
pub(super) fn comparative(w: &str) -> bool {
    matches!(
        w,
        "as" | "more"
            | "higher"
            | "larger"
            | "bigger"
            | "greater"
            | "the"
            | "that"
            | "faster"
            | "less"
            | "lower"
            | "smaller"
            | "cheaper"
            | "longer"
            | "stronger"
            | "over"
            | "what"
            | "than"
            | "its"
            | "their"
            | "heavier"
            | "richer"
            | "likelier"
            | "likely"
            | "deadlier"
            | "worse"
            | "better"
            | "wider"
            | "taller"
            | "older"
            | "younger"
            | "above"
            | "his"
            | "her"
            | "this"
            | "a"
            | "an"
    )
}

#[inline]
pub(super) fn sentence_has_percent(d: &Doc, lo: usize, hi: usize) -> bool {
    (lo..hi.min(lo + 200)).any(|k| d.is_sym(k, '%') || d.lw(k) == "percent")
}

/// A headline in title case ("Fed Holds Rates, Signals Two Cuts"): capitalized words are not
/// names there. Looks at the first 30 tokens only.
#[inline]
pub(super) fn title_case(d: &Doc, lo: usize, hi: usize) -> bool {
    let end = hi.min(lo + 30);
    let (mut words, mut caps) = (0, 0);
    for k in lo..end {
        if d.is_word(k) && d.raw(k).len() > 3 {
            words += 1;
            if d.cap(k) {
                caps += 1;
            }
        }
    }
    words >= 3 && caps * 10 >= words * 7 && !d.is_sym(hi - 1, '.')
}
