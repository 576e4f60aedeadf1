//! Subjects: what a quantity counts or measures, as a short noun phrase written after the number
//! ("three *Aegis destroyers*", "$5 billion in *military aid*") or before it ("*a reward* of $50
//! million", "*the unemployment rate* rose to 5.8%").

use super::person::{demonym, extra_person, head_is_person};
use super::score::is_money;
use crate::extract::lex;
use crate::extract::quantity::{count_noun, Kind, Mention};
use crate::extract::text::Doc;
use rust_decimal::Decimal;

/// Noun phrase after token `j` (exclusive end `hi`): "Aegis destroyers", "reward for his capture".
fn np_forward(d: &Doc, j: usize, hi: usize, allow_for: bool) -> Option<(usize, usize)> {
    let mut k = j;
    let mut of_start = false;
    if k < hi && (d.lw(k) == "of" || (allow_for && d.lw(k) == "in")) && d.is_word(k + 1) {
        of_start = d.lw(k) == "of";
        k += 1;
    }
    if k < hi
        && matches!(
            d.lw(k),
            "the" | "its" | "his" | "her" | "their" | "our" | "these" | "those"
        )
    {
        k += 1;
    }
    if of_start {
        // "35.24 million of the country's 44.39 million eligible voters", "Seven of the 19 policymakers"
        if d.is_word(k)
            && (d.lw(k).ends_with("'s") || d.lw(k).ends_with("’s"))
            && d.is_number(k + 1)
        {
            k += 1;
        }
        if d.is_number(k) {
            k += 1;
            if d.is_word(k) && lex::scale(d.lw(k)).is_some() {
                k += 1;
            }
        }
    }
    // "1.7 million more people", "75 million fewer children"
    if k < hi
        && matches!(
            d.lw(k),
            "more" | "fewer" | "additional" | "new" | "extra" | "other" | "further"
        )
        && d.is_word(k + 1)
        && !lex::np_stop(d.lw(k + 1))
    {
        k += 1;
    }
    let start = k;
    let mut cnt = 0;
    let mut end = k;
    let mut after_dash = false;
    while k < hi && cnt < 4 {
        if d.is_word(k) {
            let w = d.lw(k);
            // "U.S. service members"
            if d.raw(k).len() == 1 && d.cap(k) && d.is_sym(k + 1, '.') && d.glued(k + 1) {
                k += 2;
                end = k;
                continue;
            }
            if lex::np_stop(w) || (lex::say_verb(w) && (cnt > 0 || !w.ends_with('s'))) {
                break;
            }
            if lex::month(d.raw(k)).is_some() && d.cap(k) {
                break;
            }
            let person = lex::person_noun(w);
            if !person && w.len() > 4 && w.ends_with("ly") {
                break;
            }
            let noun_follows =
                d.is_word(k + 1) && !lex::np_stop(d.lw(k + 1)) && !d.lw(k + 1).ends_with("ed");
            if !person
                && !after_dash
                && ((cnt >= 1 && w.ends_with("ing") && !ing_noun(w))
                    || (w.ends_with("ed") && (cnt >= 1 || !noun_follows)))
            {
                break;
            }
            if lex::num_word(w).is_some() {
                break;
            }
            after_dash = false;
            if cnt >= 1 && lex::link_verb(w) && !count_noun(w) {
                break;
            }
            cnt += 1;
            k += 1;
            end = k;
        } else if cnt >= 1 && d.is_dash(k) && d.glued(k) && d.glued(k + 1) && d.is_word(k + 1) {
            k += 1;
            after_dash = true;
        } else if cnt >= 1 && d.is_dash(k) && d.glued(k) && d.glued(k + 1) && d.is_number(k + 1) {
            // "COVID-19 deaths"
            k += 2;
            end = k;
        } else {
            break;
        }
    }
    if cnt == 0 || (end == start + 1 && d.raw(start).len() == 1 && !d.cap(start)) {
        return None;
    }
    // continuation: "members of parliament", "reward for his capture"
    let cw = d.lw(end);
    if end < hi && (cw == "of" || (allow_for && cw == "for")) {
        let mut k = end + 1;
        if k < hi
            && matches!(
                d.lw(k),
                "the" | "his" | "her" | "their" | "its" | "a" | "an" | "our"
            )
        {
            k += 1;
        }
        let mut c2 = 0;
        let mut e2 = k;
        while k < hi && c2 < 3 && d.is_word(k) && !lex::np_stop(d.lw(k)) && !lex::say_verb(d.lw(k))
        {
            c2 += 1;
            k += 1;
            e2 = k;
        }
        if c2 > 0 {
            end = e2;
        }
    }
    Some((start, end))
}

/// Nouns ending in -ing ("housing", "funding") that do not end a noun phrase.
fn ing_noun(w: &str) -> bool {
    matches!(
        w,
        "housing"
            | "funding"
            | "spending"
            | "training"
            | "building"
            | "shipping"
            | "pricing"
            | "lending"
            | "borrowing"
            | "manufacturing"
            | "banking"
            | "marketing"
            | "polling"
            | "voting"
            | "fishing"
            | "mining"
            | "farming"
            | "clothing"
            | "heating"
            | "parking"
            | "rating"
            | "financing"
            | "engineering"
            | "advertising"
            | "broadcasting"
            | "catering"
            | "computing"
            | "consulting"
            | "meeting"
            | "offering"
            | "opening"
            | "planning"
            | "printing"
            | "processing"
            | "publishing"
            | "recycling"
            | "refining"
            | "screening"
            | "testing"
            | "trading"
            | "bombing"
            | "shelling"
            | "fighting"
            | "uprising"
            | "lodging"
            | "logging"
            | "nursing"
            | "schooling"
            | "shopping"
            | "smoking"
            | "teaching"
            | "trafficking"
            | "dredging"
            | "drilling"
            | "ceasefire"
            | "wellbeing"
            | "listing"
            | "listings"
            | "earnings"
            | "savings"
            | "holdings"
            | "bookings"
            | "filings"
            | "buildings"
            | "killings"
            | "shootings"
            | "bombings"
            | "meetings"
            | "offerings"
            | "openings"
            | "ratings"
            | "findings"
            | "readings"
            | "rulings"
            | "sightings"
            | "warnings"
    )
}

/// Skips "or so", "or more", "-plus" after a quantity.
fn skip_hedge_after(d: &Doc, j: usize) -> usize {
    if d.lw(j) == "or" && matches!(d.lw(j + 1), "so" | "more" | "less" | "fewer") {
        return j + 2;
    }
    if d.is_dash(j) && d.glued(j) && matches!(d.lw(j + 1), "plus" | "odd") {
        return j + 2;
    }
    if d.is_sym(j, '+') && d.glued(j) {
        return j + 1;
    }
    j
}

/// Noun phrase ending right before token `e`, walking back to a determiner or stop word.
fn np_back(d: &Doc, e: usize, lo: usize) -> Option<(usize, usize)> {
    let mut k = e;
    let mut cnt = 0;
    let mut steps = 0;
    while k > lo && steps < 8 {
        steps += 1;
        let p = k - 1;
        if d.is_word(p) {
            let w = d.lw(p);
            if lex::determiner(w) || matches!(w, "each" | "every") {
                if cnt > 0
                    && p > lo
                    && matches!(d.lw(p - 1), "for" | "of")
                    && matches!(
                        w,
                        "his" | "her" | "their" | "its" | "the" | "a" | "an" | "each" | "every"
                    )
                {
                    k = p;
                    continue;
                }
                break;
            }
            if matches!(w, "for" | "of")
                && cnt > 0
                && p > lo
                && d.is_word(p - 1)
                && !lex::np_stop(d.lw(p - 1))
                && !lex::link_verb(d.lw(p - 1))
            {
                k = p;
                continue;
            }
            if lex::np_stop(w)
                || lex::link_verb(w)
                || lex::say_verb(w)
                || lex::pronoun(w)
                || (cnt == 0 && w.ends_with("ed"))
            {
                break;
            }
            cnt += 1;
            k = p;
        } else if cnt > 0 && d.is_dash(p) && d.glued(p) && d.glued(k) && p > lo && d.is_word(p - 1)
        {
            k = p;
        } else {
            break;
        }
    }
    if cnt == 0 {
        return None;
    }
    let mut s = k;
    while s < e && matches!(d.lw(s), "for" | "of") {
        s += 1;
    }
    if s >= e {
        return None;
    }
    // the words belong to another quantity ("7 basis points to 4.21%") or only name a time
    if k > lo && (d.is_number(k - 1) || d.is_sym(k - 1, '%')) {
        return None;
    }
    if time_words_only(d, s, e) {
        return None;
    }
    Some((s, e))
}

/// Noun phrases that only name a time ("February", "the first quarter", "last year").
fn time_words_only(d: &Doc, s: usize, e: usize) -> bool {
    (s..e).all(|k| {
        !d.is_word(k)
            || lex::month(d.raw(k)).is_some()
            || matches!(
                d.lw(k),
                "quarter"
                    | "quarters"
                    | "year"
                    | "years"
                    | "month"
                    | "months"
                    | "week"
                    | "weeks"
                    | "day"
                    | "days"
                    | "first"
                    | "second"
                    | "third"
                    | "fourth"
                    | "half"
                    | "monday"
                    | "tuesday"
                    | "wednesday"
                    | "thursday"
                    | "friday"
                    | "saturday"
                    | "sunday"
                    | "weekend"
                    | "today"
                    | "yesterday"
                    | "period"
                    | "season"
                    | "fiscal"
                    | "calendar"
                    | "morning"
                    | "evening"
                    | "night"
                    | "afternoon"
                    | "spring"
                    | "summer"
                    | "autumn"
                    | "fall"
                    | "winter"
                    | "decade"
                    | "century"
                    | "time"
                    | "recent"
                    | "previous"
            )
    })
}

fn skip_aux_back(d: &Doc, mut p: usize, lo: usize) -> usize {
    // p is exclusive end; step back over auxiliaries and adverbs
    let mut n = 0;
    while p > lo && n < 3 {
        let w = d.lw(p - 1);
        if matches!(
            w,
            "has"
                | "have"
                | "had"
                | "was"
                | "were"
                | "is"
                | "are"
                | "will"
                | "would"
                | "been"
                | "be"
                | "also"
                | "now"
                | "already"
                | "reportedly"
                | "nearly"
                | "almost"
                | "more"
                | "than"
        ) {
            p -= 1;
            n += 1;
        } else {
            break;
        }
    }
    p
}

/// Subject found before the mention: "a reward of $50 million", "the reward ... to $50 million",
/// "unemployment rose to 5.8%".
fn subject_back(d: &Doc, m: &Mention, lo: usize) -> Option<(usize, usize)> {
    let h = m.h0;
    if h <= lo {
        return None;
    }
    let mut p = h - 1;
    if d.is_sym(p, '$') && p > lo {
        p -= 1;
    }
    let w = d.lw(p);
    if w == "of" {
        return np_back(d, p, lo);
    }
    if matches!(
        w,
        "to" | "at"
            | "by"
            | "from"
            | "on"
            | "reaching"
            | "hitting"
            | "totaling"
            | "totalling"
            | "near"
            | "about"
            | "around"
    ) {
        if let Some(np) = np_back(d, p, lo) {
            return Some(np);
        }
        if p > lo && lex::link_verb(d.lw(p - 1)) {
            let e = skip_aux_back(d, p - 1, lo);
            return np_back(d, e, lo);
        }
        return None;
    }
    if lex::link_verb(w) {
        let e = skip_aux_back(d, p, lo);
        return np_back(d, e, lo);
    }
    None
}

/// A token range `[first, end)` of the text.
pub(super) type Span = (usize, usize);

/// The unit the last counted number of a sentence took from its noun ("4,597 heat-related
/// deaths"): an elliptical number after it in the same sentence inherits it ("Spain with 2,841").
#[derive(Clone, Copy, Default)]
pub(super) struct LastCounted {
    sentence_and_unit: Option<(usize, Option<&'static str>)>,
}

impl LastCounted {
    fn in_sentence(&self, sent: usize) -> Option<&'static str> {
        self.sentence_and_unit
            .filter(|&(s, _)| s == sent)
            .and_then(|(_, u)| u)
    }
}

/// Finds the subject of every mention (in text order) and, for bare numbers, decides the unit
/// from what they count (`person` or `count`). Returns the subject spans, one per mention.
pub(super) fn attach(d: &Doc, ms: &mut [Mention]) -> Vec<Option<Span>> {
    let mut last = LastCounted::default();
    ms.iter_mut()
        .map(|m| subject_and_unit(d, m, &mut last))
        .collect()
}

fn subject_and_unit(d: &Doc, m: &mut Mention, last: &mut LastCounted) -> Option<Span> {
    if !matches!(
        m.kind,
        Kind::Quantity | Kind::Date | Kind::Age | Kind::Ordinal
    ) {
        return None;
    }
    let (lo, hi) = (d.sents[m.sent].lo, d.sents[m.sent].hi);
    let unit = m.unit.unwrap_or("");
    let is_ratio = unit == "ratio";
    let fwd = if m.kind == Kind::Date
        || m.kind == Kind::Age && m.t1 > m.t0 + 1 && d.lw(m.t0) != "aged"
        || matches!(unit, "duration" | "months" | "years")
    {
        None
    } else {
        np_forward(d, skip_hedge_after(d, m.t1), hi, is_ratio || is_money(unit))
            .filter(|&(a, b)| !time_words_only(d, a, (a + 1).min(b)))
    };
    if m.bare {
        let compound = d.is_dash(m.t1) && d.glued(m.t1) && d.is_word(m.t1 + 1);
        if fwd.is_none() && !compound {
            if let Some(inherited) = last.in_sentence(m.sent) {
                m.unit = Some(inherited);
                return subject_back(d, m, lo);
            }
        }
        let person = match fwd {
            Some((a, b)) => head_is_person(d, a, b, m.num() == Some(Decimal::ONE)),
            None if !compound => counts_people_without_noun(d, m, lo),
            None => false,
        };
        m.unit = Some(if person { "person" } else { "count" });
        if fwd.is_some() {
            last.sentence_and_unit = Some((m.sent, m.unit));
        }
    }
    let subj = fwd.or_else(|| subject_back(d, m, lo));
    age_from_subject(d, m, fwd.is_some(), subj);
    passive_people(d, m, fwd.is_some());
    subj
}

/// "15.42 million who voted"; or a person noun earlier in the sentence ("4,597 heat-related
/// deaths, followed by Spain with 2,841", "a crowd of 40,000").
fn counts_people_without_noun(d: &Doc, m: &Mention, lo: usize) -> bool {
    let a = m.h0.saturating_sub(25).max(lo);
    // "killing at least 14", "injuring 30": a verb that happens to people, right before
    let done_to_people = m.h0 > lo
        && d.lw(m.t1) != "of"
        && matches!(
            d.lw(m.h0 - 1),
            "killing" | "killed" | "kills" | "kill" | "injuring" | "wounding" | "wounded"
        );
    done_to_people
        || d.lw(m.t1) == "who"
        || (a..m.h0).rev().any(|k| {
            let w = d.lw(k);
            lex::person_noun(w)
                || extra_person(w)
                || (k > lo && demonym(d.raw(k)))
                || matches!(
                    w,
                    "toll" | "population" | "crowd" | "crowds" | "turnout" | "attendance"
                )
        })
}

/// "their age was 54": a number whose subject is an age is an age.
fn age_from_subject(d: &Doc, m: &mut Mention, has_forward: bool, subj: Option<Span>) {
    if !(m.bare || m.unit == Some("person") && !has_forward) {
        return;
    }
    if let Some((a, _)) = subj {
        if matches!(d.lw(a), "age" | "ages")
            || (a + 1 < d.toks.len() && matches!(d.lw(a + 1), "age" | "ages") && !d.is_word(a + 2))
        {
            m.unit = Some("age");
            m.kind = Kind::Age;
            m.bare = false;
        }
    }
}

/// "35 were killed": a count followed by a passive verb that happens to people.
fn passive_people(d: &Doc, m: &mut Mention, has_forward: bool) {
    if !(m.bare && m.unit == Some("count")) || has_forward {
        return;
    }
    let n1 = d.lw(m.t1);
    if !matches!(n1, "were" | "was" | "have" | "had" | "are") {
        return;
    }
    let n2 = if d.lw(m.t1 + 1) == "been" {
        d.lw(m.t1 + 2)
    } else {
        d.lw(m.t1 + 1)
    };
    if matches!(
        n2,
        "killed"
            | "injured"
            | "wounded"
            | "arrested"
            | "detained"
            | "displaced"
            | "evacuated"
            | "infected"
            | "hospitalized"
            | "hospitalised"
            | "dead"
            | "missing"
            | "rescued"
            | "deported"
            | "executed"
            | "born"
            | "employed"
            | "hired"
            | "fired"
    ) {
        m.unit = Some("person");
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::extract;

    fn unit_and_subject(text: &str, surface: &str) -> (Option<String>, Option<String>) {
        let cs = extract(text);
        let c = crate::extract::tests::find(&cs, surface);
        (c.unit.clone(), c.subject.clone())
    }

    #[test]
    fn the_noun_after_the_number_is_the_subject_and_decides_people_or_things() {
        let (u, s) = unit_and_subject("The navy sent three Aegis destroyers.", "three");
        assert_eq!(
            (u.as_deref(), s.as_deref()),
            (Some("count"), Some("Aegis destroyers"))
        );
        let (u, _) = unit_and_subject("The agency hired 40 inspectors.", "40");
        assert_eq!(u.as_deref(), Some("person"));
    }

    #[test]
    fn a_number_without_a_noun_takes_the_phrase_before_it() {
        let (_, s) = unit_and_subject("The unemployment rate rose to 5.8% in May.", "5.8%");
        assert_eq!(s.as_deref(), Some("unemployment rate"));
    }

    #[test]
    fn an_elliptical_number_inherits_the_counted_unit_of_the_sentence() {
        let text = "Italy had 4,597 heat-related deaths, followed by Spain with 2,841.";
        assert_eq!(unit_and_subject(text, "2,841").0.as_deref(), Some("person"));
    }

    #[test]
    fn people_without_a_noun_who_or_passive_verbs() {
        let text = "Some 15.42 million who voted backed him.";
        assert_eq!(
            unit_and_subject(text, "15.42 million").0.as_deref(),
            Some("person")
        );
        let text = "In the attack 35 were killed.";
        assert_eq!(unit_and_subject(text, "35").0.as_deref(), Some("person"));
    }

    #[test]
    fn a_number_whose_subject_is_an_age_is_an_age() {
        let text = "Their age was 54 at the time.";
        assert_eq!(unit_and_subject(text, "54").0.as_deref(), Some("age"));
    }
}
