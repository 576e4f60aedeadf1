//! Mentions that start at a run of digits. [`DIGIT_RULES`] are tried in order: identifiers,
//! dates and times first (their shapes are the most specific), then ordinals and years, then
//! the general amount, which [`AMOUNT_REFINEMENTS`] may still turn into a decade, an age or a
//! label.

use super::age::age_context;
use super::age::decade_of_age;
use super::clock::{clock_or_race_time, four_digit_time, time_of_day};
use super::date::{
    day_month_year, fiscal_year_prefix, iso_date, second_day_after_month, slash_pair, year,
};
use super::label::{
    code_or_model_name, emergency_number, glued_letters_after, label, leading_zeros,
    list_enumerator, maker_model, phone_number, LABEL_WORDS,
};
use super::money::{amount, bracketed, AmountStart};
use super::nouns::{next_is_counted, title_case};
use super::number::scale_at;
use super::ordinal::ordinal_number;
use super::spelled::one_in_n_digits;
use super::sport::{
    bare_decimal, golf_rounds, made_of_taken, named_scoreline, record_in_brackets, record_of_three,
    score_side, to_par,
};
use super::{Kind, Mention, Rule, Scope, Step};
use crate::extract::lex;
use crate::extract::Approx;

rules! {
    /// The rules for a token of digits, in the order they are tried.
    pub(super) fn recognize(scope: &Scope, i: usize) -> Option<Mention>;
    const DIGIT_RULES: [Rule<Mention>] = [
        "currency code before (USD7.5bn, EUR 20 million)" => currency_code_before,
        "rupee or rupiah abbreviation (Rs.500)" => rupee_abbreviation,
        "rand prefix (R5,000)" => rand_prefix,
        "fiscal year prefix (FY2024)" => fiscal_year_prefix,
        "golf rounds (68-70-67-66)" => golf_rounds,
        "phone number" => phone_number,
        "emergency number (call 911, llamar al 112)" => emergency_number,
        "section of a code (§ 21-2-495, §§ 12.3)" => section_of_a_code,
        "docket number (2:25-cv-00318)" => docket_number,
        "made of taken (7-of-24, 3-for-4, 6-to-3)" => made_of_taken,
        "decade of age (in his 70s, her mid-30s)" => decade_of_age,
        "record of three (5-8-1, improved to 12-4-1)" => record_of_three,
        "pitcher's record in brackets (Cole (0-2))" => record_in_brackets,
        "decimal without its zero (a .912 save percentage)" => bare_decimal,
        "week of the year (epidemiological week 48)" => week_number,
        "code or model name (F-35, COVID-19, G7, #0507-25)" => code_or_model_name,
        "aircraft maker's model (a Boeing 787-9, Airbus 350s)" => maker_model,
        "letters glued after (3D, 4WD)" => glued_letters_after,
        "ISO date (2025-08-14)" => iso_date,
        "slash pair (14/08/2025, 2024/25, 3/4 of, 24/7)" => slash_pair,
        "clock or race time (9:30, 2:00:35)" => clock_or_race_time,
        "leading zeros (000, 0300)" => leading_zeros,
        "list enumerator (1. Name)" => list_enumerator,
        "ordinal number (21st, 21st of August, the 21st)" => ordinal_number,
        "day month year (14 August 2025)" => day_month_year,
        "second day after a month date (November 6 and 11)" => second_day_after_month,
        "time of day (10 a.m., 7.30 pm)" => time_of_day,
        "four-digit time (1130 GMT)" => four_digit_time,
        "year (2024, 1990s, 2023-24, between 2026 and 2028)" => year,
        "one in n with digits (1 in 3)" => one_in_n_digits,
        "named scoreline (Leinster 27 Munster 19)" => named_scoreline,
        "score to par (6-under-par, 17-under)" => to_par,
        "side of a score (beat Italy 2-1, 4-6, 6-3, took 4-37)" => score_side,
        "amount (number with scale, unit, hedge, range)" => number_amount,
    ];
}

/// Rule: a week of the year, as health agencies number their reports: "in week 47", "for
/// epidemiological week 48" (a label; not "a week 12 people died").
fn week_number(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    // (not "last week 30% of voters", "this week 5 million people")
    let spoken = i > scope.lo + 1
        && matches!(
            d.lw(i - 2),
            "last" | "this" | "next" | "a" | "per" | "each" | "that" | "every" | "one"
        );
    let amount_after = d.is_sym(i + 1, '%')
        || matches!(
            d.lw(i + 1),
            "percent" | "million" | "billion" | "thousand" | "more" | "fewer" | "less" | "new"
        );
    let numbered = i > scope.lo
        && !spoken
        && !amount_after
        && d.lw(i - 1) == "week"
        && super::number::small_int(d, i, 2).is_some_and(|n| (1..=53).contains(&n))
        && !super::nouns::next_is_counted(d, i + 1, scope.hi);
    if !numbered {
        return Step::Pass;
    }
    Step::Found(label(d, scope.sent, i - 1, i + 1))
}

/// Rule: the number of a section of a code or statute after a section sign: "§ 21-2-495",
/// "§ 12.3(b)", with its parts joined by dashes or dots, is a reference, not a quantity.
fn section_of_a_code(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    if !(i > scope.lo && d.is_sym(i - 1, '§')) {
        return Step::Pass;
    }
    let mut e = i + 1;
    while e + 1 < scope.hi
        && (d.is_dash(e) || d.is_sym(e, '.'))
        && d.glued(e)
        && d.glued(e + 1)
        && d.is_number(e + 1)
    {
        e += 2;
    }
    Step::Found(label(d, scope.sent, i, e))
}

#[inline(always)]
fn currency_code_before(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    if !(i > scope.lo && d.is_word(i - 1)) {
        return Step::Pass;
    }
    match lex::iso_code(d.raw(i - 1)) {
        Some(cur) => Step::decided(amount(scope, AmountStart::with_currency(i - 1, i, cur))),
        None => Step::Pass,
    }
}

#[inline(always)]
fn rupee_abbreviation(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    if !(i > scope.lo + 1
        && d.is_sym(i - 1, '.')
        && d.is_word(i - 2)
        && matches!(d.raw(i - 2), "Rs" | "Rp"))
    {
        return Step::Pass;
    }
    Step::decided(amount(
        scope,
        AmountStart {
            t0: i - 2,
            number: i,
            currency: lex::iso_code(d.raw(i - 2)),
            negative: false,
        },
    ))
}

#[inline(always)]
fn rand_prefix(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let prev_glued_word = i > scope.lo && d.glued(i) && d.is_word(i - 1);
    if prev_glued_word
        && d.raw(i - 1) == "R"
        && (d.toks[i].grouped || scale_at(d, i + 1, scope.hi, true).is_some())
    {
        return Step::decided(amount(scope, AmountStart::with_currency(i - 1, i, "ZAR")));
    }
    Step::Pass
}

/// The general case: a number, possibly negative ("-3.2%", "minus 4") or bracketed
/// ("(1,200)"), read by [`amount`] and then refined.
fn number_amount(scope: &Scope, i: usize) -> Step<Mention> {
    let Scope { doc: d, lo, hi, .. } = *scope;
    // Negative: "-3.2%" (minus glued to the number, not to a word before it)
    let mut start = AmountStart::plain(i);
    if i > lo && d.glued(i) && matches!(d.sym(i - 1), Some('-' | '−')) {
        let free = d.toks[i - 1].space_before
            || i - 1 == lo
            || matches!(d.sym(i - 2), Some('(' | '[' | ':' | ';' | ',' | '=' | '/'));
        if free {
            start.t0 = i - 1;
            start.negative = true;
        }
    } else if i > lo
        && d.lw(i - 1) == "minus"
        && !(i > lo + 2 && d.lw(i - 2) == "or" && d.lw(i - 3) == "plus")
    {
        start.t0 = i - 1;
        start.negative = true;
    }
    // Bracketed amount "(1,200)", "(100) billion won"; after a name the brackets hold its
    // figure ("followed by Cork (1,211) and Kildare (907)"), not a negative
    // (a name, not a code or a label in capitals, "EUR (3.2) million", "EBITDA (1,250)", and
    // no scale after the brackets)
    let after_name = || {
        i >= lo + 2
            && d.cap(i - 2)
            && !d.glued(i - 1)
            && !d.raw(i - 2).bytes().all(|b| b.is_ascii_uppercase())
            && scale_at(d, i + 2, hi, true).is_none()
    };
    if i > lo
        && d.is_sym(i - 1, '(')
        && d.glued(i)
        && d.is_sym(i + 1, ')')
        && d.glued(i + 1)
        && !after_name()
    {
        if let Some(m) = bracketed(scope, i - 1, i, None) {
            return Step::Found(m);
        }
    }
    let Some(m) = amount(scope, start) else {
        return Step::Refuse;
    };
    Step::Found(refine(scope, i, m))
}

/// A second look at an amount read from digit token `i`, with the words around it.
// Read by the rule tests; the recognizers call the rules directly (see `rules!`).
#[cfg_attr(not(test), allow(dead_code))]
pub(super) struct Refinement {
    pub name: &'static str,
    pub apply: fn(&Scope, usize, Mention) -> Mention,
}

/// Applied in order to every amount read from digits. Each one acts only on a bare number (no
/// unit word), so once one has given the mention a kind the later ones leave it alone.
#[cfg_attr(not(test), allow(dead_code))]
pub(super) const AMOUNT_REFINEMENTS: &[Refinement] = &[
    Refinement {
        name: "decade ('90s, in his 70s)",
        apply: decade,
    },
    Refinement {
        name: "age (aged 45, age of 49, Merz, 69, told)",
        apply: age,
    },
    Refinement {
        name: "compound adjective (12-layer, 10-member)",
        apply: compound_adjective,
    },
    Refinement {
        name: "bond tenor (10-year Treasury note)",
        apply: bond_tenor,
    },
    Refinement {
        name: "name before a bare number (Windows 11, Article 5)",
        apply: name_before_number,
    },
    Refinement {
        name: "number abbreviation before (No. 5)",
        apply: number_abbreviation,
    },
];

/// [`AMOUNT_REFINEMENTS`] in order, with direct calls.
fn refine(scope: &Scope, i: usize, m: Mention) -> Mention {
    let m = decade(scope, i, m);
    let m = age(scope, i, m);
    let m = compound_adjective(scope, i, m);
    let m = bond_tenor(scope, i, m);
    let m = name_before_number(scope, i, m);
    number_abbreviation(scope, i, m)
}

fn age(scope: &Scope, _: usize, mut m: Mention) -> Mention {
    age_context(scope.doc, &mut m, scope.lo, scope.hi);
    m
}

fn decade(scope: &Scope, i: usize, m: Mention) -> Mention {
    let d = scope.doc;
    if m.bare
        && m.t1 == i + 1
        && d.is_word(i + 1)
        && d.glued(i + 1)
        && d.lw(i + 1) == "s"
        && d.raw(i).len() == 2
    {
        let mut y = Mention::new(d, scope.sent, i, i + 2, Kind::Year);
        y.unit = Some("year");
        y.value = m.value.clone();
        return y;
    }
    m
}

/// "12-layer", "10-member", "two-sided" describe, they rarely claim.
pub(super) fn compound_adjective(scope: &Scope, _: usize, mut m: Mention) -> Mention {
    let d = scope.doc;
    if m.bare && d.is_dash(m.t1) && d.glued(m.t1) && d.glued(m.t1 + 1) && d.is_word(m.t1 + 1) {
        m.bonus = -0.3;
    }
    m
}

fn bond_tenor(scope: &Scope, i: usize, m: Mention) -> Mention {
    let d = scope.doc;
    if m.unit == Some("years")
        && m.t1 == i + 3
        && d.is_dash(i + 1)
        && matches!(
            d.lw(m.t1),
            "bond"
                | "bonds"
                | "fixed"
                | "loan"
                | "loans"
                | "mortgage"
                | "mortgages"
                | "note"
                | "notes"
                | "yield"
                | "yields"
                | "treasury"
                | "treasuries"
                | "gilt"
                | "gilts"
                | "bund"
                | "bunds"
                | "jgb"
        )
    {
        return label(d, scope.sent, i, m.t1);
    }
    m
}

/// Capitalized name or label word before a bare number: "Windows 11", "Article 5"; not "the SPD
/// 120", "Labour's 12,639".
fn name_before_number(scope: &Scope, i: usize, m: Mention) -> Mention {
    let Scope { doc: d, lo, hi, .. } = *scope;
    // "Runway 19L", "runway 27": a runway's designator (its heading and a side), not "a runway
    // 4,000 metres long"
    let side = d.glued(i + 1) && matches!(d.raw(i + 1), "L" | "R" | "C");
    if i > lo && m.t0 == i && matches!(d.lw(i - 1), "runway" | "runways") && (m.bare || side) {
        return label(d, scope.sent, i - 1, m.t1);
    }
    if !(m.bare && m.approx == Approx::Exact && i > lo && d.is_word(i - 1) && m.t0 == i) {
        return m;
    }
    let pw = d.lw(i - 1);
    let prw = d.raw(i - 1);
    let is_label_word = LABEL_WORDS.contains(&pw);
    let lower_ok = matches!(
        pw,
        "page"
            | "pages"
            | "no"
            | "number"
            | "tel"
            | "phone"
            | "fax"
            | "route"
            | "flight"
            | "room"
            | "article"
            | "section"
            | "chapter"
            | "version"
            | "lap"
            | "option"
            | "gate"
            | "platform"
            | "exit"
            | "seat"
            | "row"
            | "season"
            | "episode"
            | "terminal"
            | "bus"
            | "grade"
            | "category"
            | "ward"
            | "district"
            | "precinct"
            | "block"
            | "suite"
            | "apt"
            | "box"
            | "pier"
            | "lane"
            | "vol"
            | "fig"
            | "table"
            | "annex"
            | "paragraph"
            | "clause"
            | "item"
            | "ref"
            | "code"
            | "id"
            | "ext"
            | "hotline"
    );
    let upper_inside = prw.chars().any(char::is_uppercase);
    let possessive = pw.ends_with("'s") || pw.ends_with("’s");
    let after_the = i >= lo + 2
        && matches!(
            d.lw(i - 2),
            "the" | "a" | "an" | "and" | "with" | "to" | "for" | "by" | "of" | "than"
        );
    let cap_name = upper_inside
        && i - 1 > lo
        && !title_case(d, lo, hi)
        && lex::month(prw).is_none()
        && !d.is_sym(i - 2, '.')
        && !d.is_sym(i - 2, ',')
        && !lex::np_stop(pw)
        && !possessive
        && !after_the
        && lex::iso_code(prw).is_none();
    let not_counted = !(next_is_counted(d, m.t1, hi) || (d.is_dash(m.t1) && d.is_number(m.t1 + 1)));
    if upper_inside
        && d.cap(m.t1)
        && m.t1 == i + 1
        && !title_case(d, lo, hi)
        && i - 1 > lo
        && !possessive
        && lex::month(prw).is_none()
        && !lex::np_stop(pw)
        && !d.toks[i].grouped
    {
        return label(d, scope.sent, i - 1, m.t1);
    }
    if (((is_label_word && d.cap(i - 1)) || lower_ok) && not_counted)
        || (cap_name && !m.scaled && not_counted && !d.toks[i].grouped)
    {
        return label(d, scope.sent, i - 1, m.t1);
    }
    m
}

/// Rule: "No." before a number, or before the list of numbers it begins ("Patents No. 9,812,447,
/// 10,203,566 and 11,457,902"): references, not quantities. A number that something follows other
/// than the list's "and", "or" or punctuation ("No. 5, 12 people") is no item of it.
fn number_abbreviation(scope: &Scope, i: usize, m: Mention) -> Mention {
    let d = scope.doc;
    if !m.bare {
        return m;
    }
    // the list's last item may have its noun after it ("Nos. 3 and 4 seeds"); an item after a
    // comma is a long number ("9,812,447, 10,203,566"), not a score or an age ("No. 5, 6-4")
    let after = m.t1;
    let last_joined = i > scope.lo && matches!(d.lw(i - 1), "and" | "or");
    let ends_item = last_joined || !d.is_word(after) || matches!(d.lw(after), "and" | "or");
    let mut first = i;
    while ends_item && first > scope.lo + 2 && d.is_number(first - 2) {
        let joined = matches!(d.lw(first - 1), "and" | "or")
            || (d.is_sym(first - 1, ',') && d.raw(first).len() >= 4);
        if !joined {
            break;
        }
        first -= 2;
    }
    let numbered = first > scope.lo + 1
        && d.is_sym(first - 1, '.')
        && d.glued(first - 1)
        && matches!(d.lw(first - 2), "no" | "nos");
    // a rank: "world No. 6", "the No. 4 pick", "the No. 1 seed"
    let rank = matches!(d.lw(i.wrapping_sub(3)), "world")
        || matches!(
            d.lw(m.t1),
            "pick" | "seed" | "ranked" | "ranking" | "spot" | "team" | "contender"
        );
    match (numbered, first == i) {
        (true, true) if rank => {
            let mut ordinal = Mention::new(d, scope.sent, i - 2, m.t1, Kind::Ordinal);
            ordinal.unit = Some("ordinal");
            ordinal.value = m.value.clone();
            ordinal
        }
        (true, true) => label(d, scope.sent, i - 2, m.t1),
        (true, false) => label(d, scope.sent, i, m.t1),
        (false, _) => m,
    }
}

/// Rule: a court's docket number, the digits of a year or office glued by dashes to letters and
/// a serial ("2:25-cv-00318", "21-cr-104"): a reference, not a time or a count.
fn docket_number(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let mut j = i + 1;
    if d.is_sym(j, ':') && d.glued(j) && d.is_number(j + 1) && d.glued(j + 1) {
        j += 2;
    }
    // the court's case-type codes, and a serial of three digits or more: "6-to-3", "1-in-100",
    // "3-for-4" and "12-Jan-2024" are votes, odds, records and dates
    let coded = d.is_dash(j)
        && d.glued(j)
        && matches!(
            d.lw(j + 1),
            "cv" | "cr" | "mj" | "mc" | "md" | "bk" | "ap" | "po" | "sw" | "civ" | "crim" | "misc"
        )
        && d.glued(j + 1)
        && d.is_dash(j + 2)
        && d.glued(j + 2)
        && d.is_number(j + 3)
        && d.glued(j + 3)
        && d.raw(j + 3).len() >= 3;
    if !coded || j + 3 >= scope.hi {
        return Step::Pass;
    }
    Step::Found(label(d, scope.sent, i, j + 4))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::quantity::rule_tests::{every_rule_decides_its_example, Example};
    use crate::extract::text::Doc;
    use crate::extract::Lang;

    /// (start of the rule name, text, the digit token the rule starts at, surface it must find).
    const EXAMPLES: &[Example] = &[
        (
            "currency code before",
            "Its budget is USD7.54 billion.",
            "7.54",
            "USD7.54 billion",
        ),
        (
            "rupee or rupiah",
            "The fee is Rs.500 a month.",
            "500",
            "Rs.500",
        ),
        (
            "rand prefix",
            "The bill came to R5,000 in all.",
            "5,000",
            "R5,000",
        ),
        (
            "fiscal year prefix",
            "Sales rose in FY2024 overall.",
            "2024",
            "FY2024",
        ),
        (
            "phone number",
            "Call +82-2-398-3114 for details.",
            "82",
            "+82-2-398-3114",
        ),
        (
            "section of a code",
            "Under state law (Ga. Code § 21-2-495) a recount may be sought.",
            "21",
            "21-2-495",
        ),
        (
            "docket number",
            "The suit, No. 1:24-cr-00123, was filed in Ohio.",
            "1",
            "1:24-cr-00123",
        ),
        ("code or model name", "The F-35 jets landed.", "35", "F-35"),
        ("letters glued after", "The 3D printer is new.", "3", "3D"),
        (
            "ISO date",
            "It opened on 2025-08-14 in Seoul.",
            "2025",
            "2025-08-14",
        ),
        (
            "slash pair",
            "It opened on 14/08/2025 in Seoul.",
            "14",
            "14/08/2025",
        ),
        (
            "clock or race time",
            "He won in 2:02:16 on Sunday.",
            "2",
            "2:02:16",
        ),
        (
            "leading zeros",
            "The code was 0300 that day.",
            "0300",
            "0300",
        ),
        ("list enumerator", "Results:\n1. Kipchoge", "1", "1."),
        ("ordinal number", "It was the 21st launch.", "21", "21st"),
        (
            "day month year",
            "It opened on 14 August 2025.",
            "14",
            "14 August 2025",
        ),
        (
            "second day after",
            "Talks are on November 6 and 11.",
            "11",
            "11",
        ),
        (
            "time of day",
            "The vote closed at 10 a.m. sharp.",
            "10",
            "10 a.m.",
        ),
        (
            "four-digit time",
            "The ship left at 1130 GMT.",
            "1130",
            "1130 GMT",
        ),
        ("year", "Prices have doubled since 2015.", "2015", "2015"),
        ("one in n", "About 1 in 3 adults smoke.", "1", "1 in 3"),
        ("side of a score", "Ghana beat Chile 1-3 in Lima.", "3", "3"),
        ("made of taken", "He went 3-for-4 at the plate.", "4", "4"),
        (
            "decade of age",
            "She kept racing into her 60s.",
            "60",
            "60s",
        ),
        ("record of three", "Dallas is 9-4-2 at home.", "4", "4"),
        (
            "pitcher's record in brackets",
            "Cole (0-2) gave up a homer in the first inning.",
            "2",
            "2",
        ),
        ("decimal without", "He hit .315 last season.", "315", ".315"),
        (
            "week of the year",
            "Cases fell in week 48.",
            "48",
            "week 48",
        ),
        (
            "aircraft maker",
            "A Boeing 787-9 was diverted.",
            "787",
            "787-9",
        ),
        (
            "golf rounds",
            "Five birdies: he shot 68-70-67-66.",
            "67",
            "67",
        ),
        (
            "score to par",
            "He shot a 6-under-par 66 on Sunday.",
            "6",
            "6-under-par",
        ),
        (
            "named scoreline",
            "Leinster 27 Munster 19: a late try settles it",
            "19",
            "19",
        ),
        (
            "emergency number",
            "Residents should call 911 at once.",
            "911",
            "911",
        ),
        ("amount", "Police arrested 1,200 people.", "1,200", "1,200"),
    ];

    #[test]
    fn every_digit_rule_has_an_example_that_it_decides() {
        every_rule_decides_its_example(Lang::En, DIGIT_RULES, EXAMPLES);
    }

    #[test]
    fn refinements_turn_amounts_into_decades_ages_and_labels() {
        let cases: &[(&str, &str, &str, Kind)] = &[
            ("decade", "It peaked in the '90s again.", "90", Kind::Year),
            ("age", "Lee, 61, said so.", "61", Kind::Age),
            (
                "compound adjective",
                "The 12-layer chip is out.",
                "12",
                Kind::Quantity,
            ),
            (
                "bond tenor",
                "The 10-year note yield rose.",
                "10",
                Kind::Label,
            ),
            ("name before", "It runs Windows 11 now.", "11", Kind::Label),
            (
                "number abbreviation",
                "It was filed as no. 5 again.",
                "5",
                Kind::Label,
            ),
        ];
        for refinement in AMOUNT_REFINEMENTS {
            let Some(&(_, text, at, kind)) =
                cases.iter().find(|c| refinement.name.starts_with(c.0))
            else {
                panic!("no example for refinement {:?}", refinement.name);
            };
            let doc = Doc::new(text);
            let s = &doc.sents[0];
            let scope = Scope {
                doc: &doc,
                sent: 0,
                lo: s.lo,
                hi: s.hi,
            };
            let i = (s.lo..s.hi).find(|&i| doc.raw(i) == at).expect("token");
            let m = amount(&scope, AmountStart::plain(i)).expect("an amount");
            let refined = (refinement.apply)(&scope, i, m);
            assert_eq!(refined.kind, kind, "{}", refinement.name);
            if refinement.name.starts_with("compound") {
                assert!(refined.bonus < 0.0);
            }
        }
    }
}
