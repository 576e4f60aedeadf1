//! Mentions that start at a word: month dates, multipliers ("doubled", "three times"), fractions
//! ("a third", "half of"), durations written with words ("a year", "decade-long", "several
//! hours"), ordinal words and spelled-out numbers. A cheap filter ([`word_candidate`]) runs
//! first; then [`WORD_RULES`] are tried in order.

use super::age::age_context;
use super::date::date_from_month;
use super::digits::compound_adjective;
use super::hedge::{hedge_after, hedge_before};
use super::label::label;
use super::money::{amount, AmountStart};
use super::nouns::{count_noun, next_is_counted, sentence_has_percent, title_case};
use super::ordinal::ordinal_word;
use super::spelled::{fraction_core, spelled};
use super::{Mention, Rule, Scope, Step};
use crate::extract::lex;
use crate::extract::text::Doc;
use crate::extract::{Approx, Value};
use rust_decimal::Decimal;

rules! {
    /// The rules for a word token, in the order they are tried.
    fn first_word_rule(scope: &Scope, i: usize) -> Option<Mention>;
    const WORD_RULES: [Rule<Mention>] = [
        "month date (August 14, Aug. 23, 2022, March 2024)" => month_date,
        "long compound (decade-long, week-long)" => long_compound,
        "double digits" => double_digits,
        "several or few time units (several hours)" => several_time_units,
        "multiplier word (doubled, twice, threefold, more than double)" => multiplier_word,
        "fraction (a third, two-thirds, one in four, between a quarter and a third)" => fraction,
        "half (half a percentage point, half a century, half of)" => half,
        "an article as one time unit (for more than a year)" => article_time_unit,
        "ordinal word (third, twenty-first, second-largest)" => ordinal_word,
        "spelled number (three, a dozen, half a million, thousands of)" => spelled_number,
    ];
}

/// The mention starting at word token `i`, if any.
pub(super) fn recognize(scope: &Scope, i: usize) -> Option<Mention> {
    if !word_candidate(scope.doc.lw(i)) {
        return None;
    }
    first_word_rule(scope, i)
}

/// Words that can start a mention (cheap filter before the real matchers).
#[inline]
fn word_candidate(w: &str) -> bool {
    (w.len() <= 9 && lex::month(w).is_some())
        || lex::num_word(w).is_some()
        || lex::ordinal_word(w).is_some()
        || w.ends_with("fold")
        || matches!(
            w,
            "a" | "an"
                | "half"
                | "dozens"
                | "hundreds"
                | "thousands"
                | "millions"
                | "billions"
                | "tens"
                | "several"
                | "few"
                | "doubled"
                | "doubles"
                | "doubling"
                | "tripled"
                | "trebled"
                | "triples"
                | "tripling"
                | "quadrupled"
                | "quadruples"
                | "quintupled"
                | "halved"
                | "halving"
                | "twice"
                | "double"
                | "triple"
                | "decade"
                | "year"
                | "century"
                | "month"
                | "week"
                | "day"
                | "hour"
        )
}

/// The word before token `i` in the sentence, lowercased ("" at its start).
#[inline]
fn previous_word<'d>(scope: &Scope<'d, '_>, i: usize) -> &'d str {
    if i > scope.lo {
        scope.doc.lw(i - 1)
    } else {
        ""
    }
}

#[inline(always)]
fn month_date(scope: &Scope, i: usize) -> Step<Mention> {
    Step::or_pass(date_from_month(scope.doc, scope.sent, i, scope.hi))
}

/// "decade-long", "year-long", "month-long" as durations.
#[inline(always)]
fn long_compound(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let (unit, v) = match d.lw(i) {
        "decade" => ("years", 10),
        "year" => ("years", 1),
        "century" => ("years", 100),
        "month" => ("months", 1),
        "week" => ("duration", 604800),
        "day" => ("duration", 86400),
        "hour" => ("duration", 3600),
        _ => return Step::Pass,
    };
    if !(d.is_dash(i + 1) && d.glued(i + 1) && d.glued(i + 2) && d.lw(i + 2) == "long") {
        return Step::Pass;
    }
    Step::Found(Mention::number(
        d,
        scope.sent,
        (i, i + 3),
        unit,
        Decimal::from(v),
    ))
}

/// "double digits", "double-digit": more than 10 (points when the sentence talks percents).
#[inline(always)]
fn double_digits(scope: &Scope, i: usize) -> Step<Mention> {
    let Scope { doc: d, lo, hi, .. } = *scope;
    if !(d.lw(i) == "double"
        && (d.lw(i + 1) == "digits" || (d.is_dash(i + 1) && d.lw(i + 2) == "digit")))
    {
        return Step::Pass;
    }
    let end = if d.lw(i + 1) == "digits" {
        i + 2
    } else {
        i + 3
    };
    let unit = if sentence_has_percent(d, lo, hi) {
        "percentage_point"
    } else {
        "count"
    };
    let mut m = Mention::number(d, scope.sent, (i, end), unit, Decimal::from(10));
    m.approx = Approx::MoreThan;
    if d.is_dash(i + 1) {
        m.bonus = -0.4;
    }
    Step::Found(m)
}

/// "several hours", "a few days": more than one unit.
#[inline(always)]
fn several_time_units(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    if !matches!(d.lw(i), "several" | "few") {
        return Step::Pass;
    }
    if let Some((unit, mult)) = lex::time_unit(d.lw(i + 1)) {
        if d.lw(i + 1).ends_with('s') {
            let mut m =
                Mention::number(d, scope.sent, (i, i + 2), unit, Decimal::from(mult.max(1)));
            m.approx = Approx::MoreThan;
            return Step::Found(m);
        }
    }
    Step::Pass
}

fn multiplier_word(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let w = d.lw(i);
    let prev = previous_word(scope, i);
    let ratio = match w {
        "doubled" | "doubles" | "doubling" => Some(Decimal::from(2)),
        "tripled" | "trebled" | "triples" | "tripling" => Some(Decimal::from(3)),
        "quadrupled" | "quadruples" => Some(Decimal::from(4)),
        "quintupled" => Some(Decimal::from(5)),
        "halved" | "halving" => Some(Decimal::new(5, 1)),
        "twice" if counts_times(d, i) => return twice_as_count(scope, i),
        // before what it multiplies: "twice the size", "twice last year's total"
        "twice" if matches!(d.lw(i + 1), "and" | "or") || d.is_sym(i + 1, ',') || prev == "or" => {
            None
        }
        "twice" => Some(Decimal::from(2)),
        "double" | "triple" => {
            let n = d.lw(i + 1);
            if d.is_dash(i + 1) {
                None
            } else if matches!(
                prev,
                "than" | "nearly" | "almost" | "about" | "roughly" | "more" | "to" | "by"
            ) || matches!(n, "the" | "that" | "its" | "their" | "what")
            {
                Some(Decimal::from(if w == "double" { 2 } else { 3 }))
            } else {
                None
            }
        }
        _ if w.ends_with("fold") && w.len() > 4 => {
            lex::num_word(&w[..w.len() - 4]).map(Decimal::from)
        }
        _ => None,
    };
    let Some(r) = ratio else {
        return Step::Pass;
    };
    let mut m = Mention::number(d, scope.sent, (i, i + 1), "ratio", r);
    m.take_hedge(hedge_before(d, i, scope.lo));
    Step::Found(m)
}

/// Rule: "twice" before a span of time, a frequency or the end of a sentence counts times, two of
/// them ("was caught twice in a year", "visits twice a week", "has won it twice."), as "three
/// times" does; before what it multiplies it is a ratio ("twice the size", "twice last year's
/// total", "twice a teacher's salary"), and "once or twice" is neither.
fn counts_times(d: &Doc, i: usize) -> bool {
    let (prev, next) = (d.lw(i.wrapping_sub(1)), d.lw(i + 1));
    let time_unit = |k: usize| {
        matches!(
            d.lw(k),
            "day"
                | "week"
                | "month"
                | "year"
                | "season"
                | "decade"
                | "night"
                | "game"
                | "match"
                | "term"
                | "quarter"
                | "weekend"
        ) && !matches!(d.sym(k + 1), Some('\'' | '’'))
    };
    if matches!(prev, "once" | "or") {
        return false;
    }
    // after a verb in the past when what follows says it counts times ("scored twice to win",
    // "lost only twice all season", "was arrested twice that year"), not what it multiplies
    // ("earned twice the amount", "charged twice face value", "increased twice as fast")
    let verb = if matches!(prev, "only" | "just" | "also") {
        d.lw(i.wrapping_sub(2))
    } else {
        prev
    };
    let past_verb = (verb.len() > 3 && verb.ends_with("ed"))
        || matches!(
            verb,
            "won"
                | "lost"
                | "met"
                | "hit"
                | "beat"
                | "struck"
                | "ran"
                | "fell"
                | "rose"
                | "came"
                | "went"
                | "saw"
                | "flew"
                | "failed"
        );
    // what comes next says it counts times: a preposition, a span, the end of a clause
    let counts_next = matches!(
        next,
        "to" | "all"
            | "for"
            | "against"
            | "with"
            | "at"
            | "within"
            | "after"
            | "before"
            | "in"
            | "on"
            | "during"
            | "since"
    ) || matches!(d.sym(i + 1), Some('.' | ';' | ')'))
        || (matches!(next, "this" | "that" | "last" | "the" | "a") && time_unit(i + 2))
        || (next == "the" && matches!(d.lw(i + 2), "following" | "same" | "next"));
    if past_verb && counts_next {
        return true;
    }
    matches!(
        next,
        "in" | "on"
            | "before"
            | "since"
            | "during"
            | "per"
            | "daily"
            | "weekly"
            | "monthly"
            | "yearly"
            | "annually"
    ) || d.is_sym(i + 1, '.')
        || (matches!(next, "a" | "an" | "every" | "this" | "last") && time_unit(i + 2))
}

fn twice_as_count(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let mut m = Mention::number(d, scope.sent, (i, i + 1), "count", Decimal::from(2));
    m.take_hedge(hedge_before(d, i, scope.lo));
    Step::Found(m)
}

fn fraction(scope: &Scope, i: usize) -> Step<Mention> {
    let Scope { doc: d, lo, hi, .. } = *scope;
    let w = d.lw(i);
    if !matches!(
        w,
        "a" | "an" | "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine"
    ) {
        return Step::Pass;
    }
    let Some(c) = fraction_core(d, i, hi) else {
        return Step::Pass;
    };
    // A fraction written onto a noun with a dash: "a quarter-point cut" is a rate step; "a
    // fourth-quarter charge" names a period, no fraction at all.
    if d.is_dash(c.next) && d.glued(c.next) && d.glued(c.next + 1) {
        if d.lw(c.next + 1) != "point" {
            return Step::Pass;
        }
        let mut m = Mention::number(d, scope.sent, (i, c.next + 2), "percentage_point", c.v);
        m.take_hedge(hedge_before(d, i, lo));
        return Step::Found(m);
    }
    // "cut rates by a quarter point", "half a point": a rate step, written spaced
    let rates = || {
        (lo..hi).any(|k| {
            matches!(
                d.lw(k),
                "rate"
                    | "rates"
                    | "cut"
                    | "raise"
                    | "raised"
                    | "hike"
                    | "fed"
                    | "bank"
                    | "yield"
                    | "interest"
            )
        })
    };
    if d.lw(c.next) == "point"
        && matches!(w, "a" | "an")
        && matches!(d.lw(i + 1), "quarter" | "half")
        && rates()
    {
        let mut m = Mention::number(d, scope.sent, (i, c.next + 1), "percentage_point", c.v);
        m.take_hedge(hedge_before(d, i, lo));
        return Step::Found(m);
    }
    // "two-tenths of a percentage point", "a tenth of a percent": the fraction of that unit.
    if let Some((unit, end)) = of_a_rate_unit(scope, c.next) {
        let mut m = Mention::number(d, scope.sent, (i, end), unit, c.v);
        m.take_hedge(hedge_before(d, i, lo));
        return Step::Found(m);
    }
    let is_in = d.lw(i + 1) == "in";
    let nx = d.lw(c.next);
    let ctx_ok = is_in
        || w != "a" && w != "an"
        || matches!(
            nx,
            "of" | ","
                | "."
                | "the"
                | "to"
                | "in"
                | "and"
                | "or"
                | ""
                | "last"
                | "this"
                | "since"
                | "from"
                | "over"
                | "between"
                | "compared"
                | "on"
                | "year"
                | "after"
                | "before"
                | "while"
                | "as"
                | "by"
                | "at"
                | "against"
                | "during"
                | "within"
                // "nearly a third more than", "a fifth lower"
                | "more"
                | "less"
                | "fewer"
                | "higher"
                | "lower"
        )
        || !d.is_word(c.next);
    if !ctx_ok {
        return Step::Pass;
    }
    let mut m = Mention::number(d, scope.sent, (i, c.next), "ratio", c.v);
    m.take_hedge(hedge_before(d, i, lo));
    // "between a quarter and a third"
    if previous_word(scope, i) == "between" && d.lw(c.next) == "and" {
        if let Some(c2) = fraction_core(d, c.next + 1, hi) {
            if c2.v > c.v {
                m.high = Some(Value::Number(c2.v));
                m.approx = Approx::Range;
                m.h0 = i - 1;
                m.t1 = c2.next;
                m.e = d.toks[c2.next - 1].end();
            }
        }
    }
    Step::Found(m)
}

/// "of a percentage point" / "of a point" (where the sentence talks percents) / "of a percent"
/// after a fraction at token `j`: the unit and the token after it.
fn of_a_rate_unit(scope: &Scope, j: usize) -> Option<(&'static str, usize)> {
    let d = scope.doc;
    if d.lw(j) != "of" || !matches!(d.lw(j + 1), "a" | "an") {
        return None;
    }
    match d.lw(j + 2) {
        "percentage" if matches!(d.lw(j + 3), "point" | "points") => {
            Some(("percentage_point", j + 4))
        }
        "point" if sentence_has_percent(d, scope.lo, scope.hi) => Some(("percentage_point", j + 3)),
        "percent" => Some(("percent", j + 3)),
        "per" if d.lw(j + 3) == "cent" => Some(("percent", j + 4)),
        _ => None,
    }
}

#[inline(always)]
fn half(scope: &Scope, i: usize) -> Step<Mention> {
    let Scope { doc: d, lo, hi, .. } = *scope;
    if d.lw(i) != "half" {
        return Step::Pass;
    }
    let n = d.lw(i + 1);
    let prev = previous_word(scope, i);
    let bad_prev = matches!(prev, "first" | "second" | "the" | "and" | "one" | "a");
    // "a half-point cut": a rate step of half a point.
    if d.is_dash(i + 1) && d.glued(i + 1) && d.glued(i + 2) && d.lw(i + 2) == "point" {
        let mut m = Mention::number(
            d,
            scope.sent,
            (i, i + 3),
            "percentage_point",
            Decimal::new(5, 1),
        );
        m.take_hedge(hedge_before(d, i, lo));
        return Step::Found(m);
    }
    // "half a percentage point", "half a century"
    if n == "a" || n == "an" {
        let n2 = d.lw(i + 2);
        let found: Option<(&'static str, Decimal, usize)> = match n2 {
            "percentage" if matches!(d.lw(i + 3), "point" | "points") => {
                Some(("percentage_point", Decimal::new(5, 1), i + 4))
            }
            "point" if sentence_has_percent(d, lo, hi) => {
                Some(("percentage_point", Decimal::new(5, 1), i + 3))
            }
            "century" => Some(("years", Decimal::from(50), i + 3)),
            "decade" => Some(("years", Decimal::from(5), i + 3)),
            "year" => Some(("years", Decimal::new(5, 1), i + 3)),
            "hour" => Some(("duration", Decimal::from(1800), i + 3)),
            "day" => Some(("duration", Decimal::from(43200), i + 3)),
            _ => None,
        };
        if let Some((unit, v, end)) = found {
            let mut m = Mention::number(d, scope.sent, (i, end), unit, v);
            m.take_hedge(hedge_before(d, i, lo));
            return Step::Found(m);
        }
    }
    if !bad_prev
        && !d.is_dash(i + 1)
        && (matches!(
            n,
            "of" | "the" | "its" | "their" | "his" | "her" | "that" | "what"
        ) || matches!(
            prev,
            "by" | "than"
                | "nearly"
                | "about"
                | "roughly"
                | "almost"
                | "around"
                | "least"
                | "just"
                | "some"
                | "over"
                | "under"
        ))
    {
        let mut m = Mention::number(d, scope.sent, (i, i + 1), "ratio", Decimal::new(5, 1));
        m.take_hedge(hedge_before(d, i, lo));
        return Step::Found(m);
    }
    Step::Pass
}

/// "a year", "an hour", "a week" in duration contexts ("for more than a year").
#[inline(always)]
fn article_time_unit(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    if !(matches!(d.lw(i), "a" | "an") && d.is_word(i + 1)) {
        return Step::Pass;
    }
    let tu: Option<(&'static str, Decimal)> = match d.lw(i + 1) {
        "year" => Some(("years", Decimal::ONE)),
        "decade" => Some(("years", Decimal::from(10))),
        "century" => Some(("years", Decimal::from(100))),
        "month" => Some(("months", Decimal::ONE)),
        "week" => Some(("duration", Decimal::from(604800))),
        "day" => Some(("duration", Decimal::from(86400))),
        "hour" => Some(("duration", Decimal::from(3600))),
        "minute" => Some(("duration", Decimal::from(60))),
        _ => None,
    };
    let Some((unit, v)) = tu else {
        return Step::Pass;
    };
    let ok_prev = matches!(
        previous_word(scope, i),
        "for"
            | "within"
            | "than"
            | "after"
            | "over"
            | "about"
            | "nearly"
            | "almost"
            | "least"
            | "to"
            | "lasted"
            | "past"
            | "roughly"
            | "around"
            | "under"
            | "emerge"
            | "take"
            | "takes"
            | "took"
            | "spent"
            | "spend"
    );
    let after = d.lw(i + 2);
    let ok_after = !matches!(
        after,
        "ago" | "earlier" | "later" | "before" | "on" | "of" | "and" | "in" | "when" | "since"
    );
    let or_more = after == "or" && matches!(d.lw(i + 3), "more" | "longer" | "so");
    if !((ok_prev && ok_after) || or_more) {
        return Step::Pass;
    }
    let mut m = Mention::number(d, scope.sent, (i, i + 2), unit, v);
    m.take_hedge(hedge_before(d, i, scope.lo));
    if let Some(a) = hedge_after(d, m.t1) {
        m.approx = a;
    }
    Step::Found(m)
}

/// The last word rule: a number spelled with words, read as an amount.
fn spelled_number(scope: &Scope, i: usize) -> Step<Mention> {
    let Scope { doc: d, lo, hi, .. } = *scope;
    let w = d.lw(i);
    let first_is_num = lex::num_word(w).is_some()
        || matches!(
            w,
            "a" | "an"
                | "half"
                | "dozens"
                | "hundreds"
                | "thousands"
                | "millions"
                | "billions"
                | "tens"
                | "several"
                | "few"
        );
    if !first_is_num {
        return Step::Refuse;
    }
    if matches!(w, "a" | "an" | "half") {
        // only "a dozen", "a million", "half a million"
        let n = d.lw(i + 1);
        if !(n == "dozen"
            || n == "a"
            || matches!(
                n,
                "hundred" | "thousand" | "million" | "billion" | "trillion"
            ))
        {
            return Step::Refuse;
        }
    }
    // Names: "Carrier Air Wing One", "Formula One"
    if d.cap(i) && i > lo && d.cap(i - 1) && !d.is_sym(i - 1, '.') && !title_case(d, lo, hi) {
        return Step::decided(spelled(d, i, hi).map(|c| label(d, scope.sent, i, c.next)));
    }
    let Some(mut m) = amount(scope, AmountStart::plain(i)) else {
        return Step::Refuse;
    };
    if w == "one" && m.t1 == i + 1 && m.bare && !one_counts_something(d, i) {
        return Step::Refuse;
    }
    if w == "zero" && m.bare && !next_is_counted(d, m.t1, hi) {
        return Step::Refuse;
    }
    m = compound_adjective(scope, i, m);
    age_context(d, &mut m, lo, hi);
    // Vague plurals need "of" + noun or a noun: "dozens of people", "thousands protested"
    if matches!(
        w,
        "hundreds" | "thousands" | "millions" | "billions" | "dozens"
    ) && m.t1 == i + 1
    {
        let n = d.lw(i + 1);
        // "hundreds were treated", "thousands have fled": the vague plural is the subject
        let subject = matches!(n, "were" | "are" | "have" | "had" | "remain" | "remained");
        if !(n == "of" || subject || (d.is_word(i + 1) && !lex::np_stop(n))) {
            return Step::Refuse;
        }
        if n == "of" && lex::unit_word(d.lw(i + 2), d.raw(i + 2)).is_some() {
            return Step::Refuse;
        }
    }
    if is_back_reference(scope, i, &m) {
        m.bonus = -0.6;
    }
    Step::Found(m)
}

/// "one" alone is rarely a claim ("one of the", "no one"): it counts only before a counted noun,
/// "of them", a charge ("one count of") or "defected".
fn one_counts_something(d: &Doc, i: usize) -> bool {
    let n = d.lw(i + 1);
    let counted = lex::person_noun(n)
        || count_noun(n)
        || matches!(
            n,
            "adult"
                | "child"
                | "person"
                | "soldier"
                | "death"
                | "woman"
                | "man"
                | "civilian"
                | "patient"
                | "case"
        );
    let of_them = n == "of" && matches!(d.lw(i + 2), "them" | "whom");
    // "pleaded guilty to one count of fraud": a charge
    let charge = n == "count" && d.lw(i + 2) == "of" && d.lw(i + 3) != "the";
    counted || of_them || charge || matches!(n, "defected")
}

/// Back-references: "the two candidates", "the country's three main broadcasters".
fn is_back_reference(scope: &Scope, i: usize, m: &Mention) -> bool {
    let d = scope.doc;
    if !(m.bare && m.spelled && i > scope.lo) {
        return false;
    }
    let p = d.lw(i - 1);
    let possessive = (p.ends_with("'s") || p.ends_with("’s")) && !d.cap(i - 1)
        || (p.ends_with("'s")
            && matches!(
                p,
                "country's"
                    | "city's"
                    | "state's"
                    | "nation's"
                    | "party's"
                    | "group's"
                    | "region's"
                    | "company's"
            ));
    (matches!(
        p,
        "the" | "these" | "those" | "its" | "their" | "his" | "her" | "our" | "same" | "both"
    ) || possessive)
        && m.num().is_some_and(|v| v <= Decimal::from(10))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::quantity::rule_tests::{every_rule_decides_its_example, fires, Example};
    use crate::extract::Lang;

    /// (start of the rule name, text, the word the rule starts at, surface it must find).
    const EXAMPLES: &[Example] = &[
        (
            "month date",
            "It opened on August 14, 2025 in Seoul.",
            "August",
            "August 14, 2025",
        ),
        (
            "long compound",
            "It ended a decade-long dispute.",
            "decade",
            "decade-long",
        ),
        (
            "double digits",
            "Inflation hit double digits in May.",
            "double",
            "double digits",
        ),
        (
            "several or few",
            "The storm lasted several hours.",
            "several",
            "several hours",
        ),
        (
            "multiplier word",
            "Prices have doubled since May.",
            "doubled",
            "doubled",
        ),
        (
            "fraction",
            "Two-thirds of voters agreed.",
            "Two",
            "Two-thirds",
        ),
        (
            "half",
            "Rates rose by half a percentage point.",
            "half",
            "half a percentage point",
        ),
        (
            "an article as one",
            "The talks lasted for a year.",
            "a",
            "a year",
        ),
        (
            "ordinal word",
            "It is the third such launch.",
            "third",
            "third",
        ),
        (
            "spelled number",
            "Police arrested twelve people.",
            "twelve",
            "twelve",
        ),
    ];

    #[test]
    fn every_word_rule_has_an_example_that_it_decides() {
        every_rule_decides_its_example(Lang::En, WORD_RULES, EXAMPLES);
    }

    #[test]
    fn ordinal_words_that_name_things_are_refused() {
        let rule = WORD_RULES
            .iter()
            .find(|r| r.name.starts_with("ordinal word"))
            .expect("rule");
        for (text, at) in [
            ("He fought in the Second World War.", "Second"),
            ("The virus was first identified in May.", "first"),
            ("She bought a second-hand car.", "second"),
        ] {
            let got = fires(rule, text, at, |m: &Mention| (m.s, m.e));
            assert_eq!(got.as_deref(), Some("<refused>"), "{text}");
        }
    }
}
