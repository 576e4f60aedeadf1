//! The unit after a number: percent and points, multipliers, currency words and codes, durations,
//! physical units (with their hyphenated and compound forms). [`unit_at`] tries [`UNIT_RULES`]
//! in order.

use super::currency::currency_after;
use super::nouns::comparative;
use super::number::NumberCore;
use super::{Kind, Scope, Step};
use crate::extract::lex;
use crate::extract::text::Doc;
use crate::extract::text::TokenKind;
use rust_decimal::Decimal;

/// A unit found after a number.
pub(super) struct UnitMatch {
    pub unit: &'static str,
    /// The token after the unit.
    pub next: usize,
    /// Multiply the value (durations in seconds, decades, mg -> g, basis points).
    pub mult: Decimal,
    pub kind: Kind,
}

/// A unit as written, ending before token `next`.
#[inline]
pub(super) fn unit(unit: &'static str, next: usize) -> Option<UnitMatch> {
    scaled_unit(unit, next, Decimal::ONE)
}

/// A unit whose value is the written number times `mult` ("3 hours" -> 10800 seconds).
#[inline]
pub(super) fn scaled_unit(unit: &'static str, next: usize, mult: Decimal) -> Option<UnitMatch> {
    Some(UnitMatch {
        unit,
        next,
        mult,
        kind: Kind::Quantity,
    })
}

#[inline]
fn age(next: usize) -> Option<UnitMatch> {
    Some(UnitMatch {
        unit: "age",
        next,
        mult: Decimal::ONE,
        kind: Kind::Age,
    })
}

/// Where a unit rule looks: token `j` right after `number`, in `scope`. `money`: the number
/// already has a currency (a symbol or code before it).
pub(super) struct UnitSite<'c, 's, 'a> {
    pub scope: &'c Scope<'s, 'a>,
    pub j: usize,
    pub number: &'c NumberCore,
    pub money: bool,
    /// Token `j`, lowercased ("" past the end).
    pub word: &'s str,
}

/// A named rule for the unit after a number.
// Read by the rule tests; the recognizers call the rules directly (see `rules!`).
#[cfg_attr(not(test), allow(dead_code))]
pub(super) struct UnitRule {
    pub name: &'static str,
    pub apply: fn(&UnitSite) -> Step<UnitMatch>,
}

impl UnitRule {
    pub const fn new(name: &'static str, apply: fn(&UnitSite) -> Step<UnitMatch>) -> Self {
        UnitRule { name, apply }
    }
}

rules! {
    /// The unit rules, in the order they are tried.
    fn first_unit_rule(site: &UnitSite) -> Option<UnitMatch>;
    const UNIT_RULES: [UnitRule] = [
        "unit symbol (%, °C, ℃)" => symbol_unit,
        "hyphenated unit (45-year-old, 11-day, 10-fold, 200-nautical-mile)" => hyphenated_unit,
        "only words name units from here on" => not_a_word,
        "percent words (percent, per cent, pct, percentage points, pp)" => percent_word,
        "points (poll points, basis points)" => points,
        "multiplier (three times, 10 fold, 2x)" => multiplier,
        "pence and cents (5p, 30 cents)" => pence_and_cents,
        "milligrams, converted to grams" => milligrams,
        "kilo-, mega- and gigalitres, converted to litres" => litres_in_thousands,
        "barrels per day (bpd, b/d)" => barrels_per_day,
        "compound measure (square km, cubic metres, metric tons, nautical miles)" => compound_measure,
        "degrees (degrees Celsius, 46C)" => degrees,
        "currency of a vague amount (tens of billions of dollars)" => currency_of_vague_amount,
        "currency word (dollars, Swiss francs, pesos)" => currency_word,
        "ISO currency code after (7.5 billion USD)" => iso_code_after,
        "time unit (seconds to decades; 45 years old)" => time_unit,
        "physical unit word (km, tonnes, MW, km/h, m2)" => physical_unit,
    ];
}

/// Unit after a number at token `j`.
pub(super) fn unit_at(
    scope: &Scope,
    j: usize,
    number: &NumberCore,
    money: bool,
) -> Option<UnitMatch> {
    if j >= scope.hi {
        return None;
    }
    let site = UnitSite {
        scope,
        j,
        number,
        money,
        word: scope.doc.lw(j),
    };
    first_unit_rule(&site)
}

#[inline(always)]
fn symbol_unit(site: &UnitSite) -> Step<UnitMatch> {
    let (d, j) = (site.scope.doc, site.j);
    Step::or_pass(match d.toks[j].kind {
        TokenKind::Symbol('%' | '％') => unit("percent", j + 1),
        TokenKind::Symbol('℃') => unit("degC", j + 1),
        TokenKind::Symbol('℉') => unit("degF", j + 1),
        TokenKind::Symbol('°') => {
            if d.glued(j + 1) {
                match d.raw(j + 1) {
                    "C" => return Step::decided(unit("degC", j + 2)),
                    "F" => return Step::decided(unit("degF", j + 2)),
                    _ => {}
                }
            }
            unit("degC", j + 1)
        }
        _ => None,
    })
}

#[inline(always)]
fn hyphenated_unit(site: &UnitSite) -> Step<UnitMatch> {
    let (scope, d, j) = (site.scope, site.scope.doc, site.j);
    if !(matches!(d.toks[j].kind, TokenKind::Symbol(_))
        && d.is_dash(j)
        && d.glued(j)
        && d.glued(j + 1)
        && d.is_word(j + 1))
    {
        return Step::Pass;
    }
    let w = d.lw(j + 1);
    if w == "year" && d.is_dash(j + 2) && d.lw(j + 3) == "old" {
        return Step::decided(age(j + 4));
    }
    if let Some((unit_name, mult)) = lex::time_unit(w) {
        if w.len() > 1 {
            return Step::decided(scaled_unit(unit_name, j + 2, Decimal::from(mult.max(1))));
        }
    }
    // a count written as a modifier: "a 48-team tournament", "the five-member board"; not in a
    // name ("the 10-member Association of Southeast Asian Nations" says which body it is)
    if let Some(&(_, counted)) = HYPHENATED_COUNTS.iter().find(|&&(noun, _)| noun == w) {
        let named = (j + 2..(j + 4).min(scope.hi)).any(|k| BODIES.contains(&d.lw(k)) && d.cap(k));
        return Step::decided(if named { None } else { unit(counted, j + 2) });
    }
    Step::decided(match w {
        "fold" => unit("ratio", j + 2),
        "percent" => unit("percent", j + 2),
        "strong" => unit("person", j + 2),
        "times" => unit("count", j + 2),
        "point" => {
            if sentence_mentions_points_context(scope, j) {
                unit("percentage_point", j + 2)
            } else {
                None
            }
        }
        "nautical" if d.is_dash(j + 2) && matches!(d.lw(j + 3), "mile" | "miles") => {
            unit("nmi", j + 4)
        }
        // "a 25-basis-point cut"
        "basis" if d.is_dash(j + 2) && d.lw(j + 3) == "point" => {
            scaled_unit("percentage_point", j + 4, Decimal::new(1, 2))
        }
        "square" if d.is_dash(j + 2) => {
            let area = match d.lw(j + 3) {
                "kilometre" | "kilometer" | "km" | "kilometres" | "kilometers" => "km2",
                "mile" | "miles" => "mi2",
                "metre" | "meter" | "metres" | "meters" => "m2",
                "foot" | "feet" => "ft2",
                _ => return Step::Refuse,
            };
            unit(area, j + 4)
        }
        // a scaled amount of money as a modifier: "a 155-billion-crown fund", "a 10-million-euro
        // grant", "a 50-million-pound deal" (unscaled, "a 3-pound bag" is a weight)
        _ if site.number.scaled => match currency_after(d, j + 1, w, site.number, true) {
            Some(money) => Some(money),
            None => lex::unit_word(w, d.raw(j + 1)).and_then(|u| unit(u, j + 2)),
        },
        _ => match lex::unit_word(w, d.raw(j + 1)) {
            Some(physical) if w.len() > 1 => unit(physical, j + 2),
            _ => None,
        },
    })
}

/// Nouns after a hyphen that make the number before them a count of them: "a 48-team
/// tournament", "a five-member commission", "the 20,000-flight limit".
const HYPHENATED_COUNTS: &[(&str, &str)] = &[
    ("member", "person"),
    ("person", "person"),
    ("team", "count"),
    ("nation", "count"),
    ("country", "count"),
    ("seat", "count"),
    ("bed", "count"),
    ("storey", "count"),
    ("story", "count"),
    ("game", "count"),
    ("match", "count"),
    ("stadium", "count"),
    ("city", "count"),
    ("lane", "count"),
    ("vehicle", "count"),
    ("flight", "count"),
];

/// Words that end the name of a body, after which a count of members names it rather than claims
/// it ("the 27-member European Union", "the 10-member Association of Southeast Asian Nations").
const BODIES: &[&str] = &[
    "union",
    "association",
    "council",
    "organization",
    "organisation",
    "alliance",
    "bloc",
    "nations",
    "commission",
    "committee",
    "group",
];

#[inline(always)]
fn not_a_word(site: &UnitSite) -> Step<UnitMatch> {
    if site.scope.doc.is_word(site.j) {
        Step::Pass
    } else {
        Step::Refuse
    }
}

#[inline(always)]
fn percent_word(site: &UnitSite) -> Step<UnitMatch> {
    let (d, j) = (site.scope.doc, site.j);
    Step::or_pass(match site.word {
        "percent" | "pct" => unit("percent", j + 1),
        "per" if d.lw(j + 1) == "cent" => unit("percent", j + 2),
        "pc" if d.glued(j) => unit("percent", j + 1),
        "percentage" if matches!(d.lw(j + 1), "point" | "points") => {
            unit("percentage_point", j + 2)
        }
        "pp" | "ppt" | "ppts" => unit("percentage_point", j + 1),
        _ => None,
    })
}

#[inline(always)]
fn points(site: &UnitSite) -> Step<UnitMatch> {
    let (scope, d, j) = (site.scope, site.scope.doc, site.j);
    match site.word {
        "point" | "points" | "pts" => {
            Step::decided(if sentence_mentions_points_context(scope, j) {
                unit("percentage_point", j + 1)
            } else {
                None
            })
        }
        "basis" if matches!(d.lw(j + 1), "point" | "points") => {
            Step::decided(scaled_unit("percentage_point", j + 2, Decimal::new(1, 2)))
        }
        "bps" | "bp" => Step::decided(scaled_unit("percentage_point", j + 1, Decimal::new(1, 2))),
        _ => Step::Pass,
    }
}

#[inline(always)]
fn multiplier(site: &UnitSite) -> Step<UnitMatch> {
    let (scope, d, j, c) = (site.scope, site.scope.doc, site.j, site.number);
    match site.word {
        "times" => {
            let nx = d.lw(j + 1);
            let pv = if c.next >= 2 { d.lw(c.next - 2) } else { "" };
            let pv1 = if c.next >= 1 && c.next - 1 > scope.lo {
                d.lw(c.next.saturating_sub(1).saturating_sub(1))
            } else {
                ""
            };
            let ratio = comparative(nx)
                || matches!(
                    pv,
                    "by" | "increased"
                        | "grew"
                        | "rose"
                        | "multiplied"
                        | "jumped"
                        | "about"
                        | "roughly"
                        | "nearly"
                        | "than"
                        | "some"
                        | "almost"
                        | "around"
                )
                || matches!(
                    pv1,
                    "by" | "about" | "roughly" | "nearly" | "than" | "almost" | "around"
                )
                || d.is_sym(j + 1, ',');
            Step::decided(if ratio { unit("ratio", j + 1) } else { None })
        }
        "fold" => Step::decided(unit("ratio", j + 1)),
        "x" if d.glued(j) => Step::decided(unit("ratio", j + 1)),
        _ => Step::Pass,
    }
}

#[inline(always)]
fn pence_and_cents(site: &UnitSite) -> Step<UnitMatch> {
    let (d, j, c, money) = (site.scope.doc, site.j, site.number, site.money);
    let small = !money && c.v < Decimal::from(1000);
    match site.word {
        "p" if d.glued(j) && small => {
            if matches!(d.lw(j + 1), "band" | "rate") {
                return Step::Refuse;
            }
            Step::decided(scaled_unit("GBP", j + 1, Decimal::new(1, 2)))
        }
        "cents" | "cent" if small && !matches!(d.lw(j.saturating_sub(1)), "per") => {
            Step::decided(scaled_unit("USD", j + 1, Decimal::new(1, 2)))
        }
        "pence" | "penny" if small => Step::decided(scaled_unit("GBP", j + 1, Decimal::new(1, 2))),
        _ if small => match cents_of(d, j) {
            Some((currency, cents)) => {
                Step::decided(scaled_unit(currency, cents + 1, Decimal::new(1, 2)))
            }
            None => Step::Pass,
        },
        _ => Step::Pass,
    }
}

/// Cents of a named currency: "U.S. cents", "US cents", "Canadian cents", "euro cents". The
/// currency and the token of "cents".
fn cents_of(d: &crate::extract::text::Doc, j: usize) -> Option<(&'static str, usize)> {
    let is_cents = |k: usize| matches!(d.lw(k), "cents" | "cent");
    let w = d.lw(j);
    if w == "u" && d.is_sym(j + 1, '.') && d.lw(j + 2) == "s" && d.is_sym(j + 3, '.') {
        return is_cents(j + 4).then_some(("USD", j + 4));
    }
    let currency = match w {
        "euro" => "EUR",
        _ => lex::dollar_country(w)?,
    };
    is_cents(j + 1).then_some((currency, j + 1))
}

#[inline(always)]
fn milligrams(site: &UnitSite) -> Step<UnitMatch> {
    let j = site.j;
    match site.word {
        "mg" | "milligram" | "milligrams" => {
            Step::decided(scaled_unit("g", j + 1, Decimal::new(1, 3)))
        }
        _ => Step::Pass,
    }
}

#[inline(always)]
fn litres_in_thousands(site: &UnitSite) -> Step<UnitMatch> {
    let j = site.j;
    let power = match site.word {
        "kilolitre" | "kilolitres" | "kiloliter" | "kiloliters" => 3,
        "megalitre" | "megalitres" | "megaliter" | "megaliters" => 6,
        "gigalitre" | "gigalitres" | "gigaliter" | "gigaliters" => 9,
        // "ML" and "GL" as written: "ml" is millilitres
        _ => match site.scope.doc.raw(j) {
            "ML" => 6,
            "GL" => 9,
            _ => return Step::Pass,
        },
    };
    Step::decided(scaled_unit("L", j + 1, Decimal::from(10u64.pow(power))))
}

#[inline(always)]
fn barrels_per_day(site: &UnitSite) -> Step<UnitMatch> {
    let (d, j) = (site.scope.doc, site.j);
    match site.word {
        "bpd" | "b/d" => Step::decided(unit("bbl", j + 1)),
        "barrels" | "barrel" if d.lw(j + 1) == "per" && d.lw(j + 2) == "day" => {
            Step::decided(unit("bbl", j + 3))
        }
        _ => Step::Pass,
    }
}

#[inline(always)]
fn compound_measure(site: &UnitSite) -> Step<UnitMatch> {
    let (d, j) = (site.scope.doc, site.j);
    match site.word {
        "square" | "sq" => {
            let dash = d.is_dash(j + 1) && d.glued(j + 1) && d.glued(j + 2);
            let n = if dash { d.lw(j + 2) } else { d.lw(j + 1) };
            let j = if dash { j + 1 } else { j };
            let area = match n {
                "km" | "kilometres" | "kilometers" | "kilometre" | "kilometer" => "km2",
                "miles" | "mile" | "mi" => "mi2",
                "metres" | "meters" | "metre" | "meter" | "m" => "m2",
                "feet" | "ft" => "ft2",
                _ => return Step::Refuse,
            };
            Step::decided(unit(area, j + 2))
        }
        "cubic" => {
            let volume = match d.lw(j + 1) {
                "metres" | "meters" | "metre" | "meter" | "m" => "m3",
                "feet" | "ft" => "ft3",
                _ => return Step::Refuse,
            };
            Step::decided(unit(volume, j + 2))
        }
        "metric" if matches!(d.lw(j + 1), "tons" | "tonnes" | "ton" | "tonne") => {
            Step::decided(unit("t", j + 2))
        }
        "nautical" if matches!(d.lw(j + 1), "miles" | "mile") => Step::decided(unit("nmi", j + 2)),
        _ => Step::Pass,
    }
}

/// Whether the text measures in US customary units: two or more measures in miles, feet, inches,
/// yards, acres, gallons or mph, one of them not in miles or mph (British copy writes those too), or
/// Fahrenheit named, and no metric length or Celsius. Its bare "degrees" are Fahrenheit ("a fever
/// of 103.2 degrees", "wind chills as low as minus 5 degrees"). Idioms ("foot the bill", "miles
/// away") have no number before them and do not count. Read once per text.
fn customary(d: &Doc) -> bool {
    *d.customary.get_or_init(|| {
        let (mut customary, mut us_only, mut metric) = (0, 0, 0);
        for t in 0..d.toks.len() {
            let measured = t > 0 && (d.is_number(t - 1) || d.is_dash(t - 1));
            match d.lw(t) {
                "fahrenheit" => us_only += 2,
                "feet" | "foot" | "inches" | "inch" | "yards" | "yard" | "acres" | "gallons"
                    if measured =>
                {
                    customary += 1;
                    us_only += 1;
                }
                "mph" | "miles" | "mile" if measured => customary += 1,
                "celsius" | "centigrade" | "km" | "kilometres" | "kilometers" | "metres"
                | "meters" | "mm" | "cm" | "millimetres" | "millimeters" | "km/h" | "kph" => {
                    metric += 1
                }
                "c" if d.raw(t) == "C" && t > 0 && d.glued(t) && d.is_number(t - 1) => metric += 1,
                _ => {}
            }
        }
        (customary >= 2 || us_only >= 2) && us_only >= 1 && metric == 0
    })
}

#[inline(always)]
fn degrees(site: &UnitSite) -> Step<UnitMatch> {
    let (scope, d, j) = (site.scope, site.scope.doc, site.j);
    let glued = d.glued(j);
    let raw = d.raw(j);
    match site.word {
        "degrees" | "degree" => Step::decided(match d.lw(j + 1) {
            "celsius" | "c" | "centigrade" => unit("degC", j + 2),
            "fahrenheit" | "f" => unit("degF", j + 2),
            _ => {
                let a = j.saturating_sub(60).max(scope.lo);
                let b = (j + 30).min(scope.hi);
                let fahr = (a..b).any(|k| matches!(d.lw(k), "fahrenheit" | "f")) || customary(d);
                let angle = matches!(
                    d.lw(j + 1),
                    "east" | "west" | "north" | "south" | "angle" | "turn"
                );
                if angle {
                    None
                } else {
                    unit(if fahr { "degF" } else { "degC" }, j + 1)
                }
            }
        }),
        "c" if glued && raw == "C" && !(d.is_word(j + 1) && d.glued(j + 1)) => {
            Step::decided(unit("degC", j + 1))
        }
        "f" if glued
            && raw == "F"
            && !(d.is_word(j + 1) && d.glued(j + 1))
            && !d.is_dash(j + 1) =>
        {
            Step::decided(unit("degF", j + 1))
        }
        _ => Step::Pass,
    }
}

#[inline(always)]
fn currency_of_vague_amount(site: &UnitSite) -> Step<UnitMatch> {
    let (d, j, c) = (site.scope.doc, site.j, site.number);
    if !(site.word == "of" && (c.vague || c.scaled)) {
        return Step::Pass;
    }
    // "tens of billions of dollars", "millions of people"
    let n = d.lw(j + 1);
    if let Some(cur) = lex::currency_word(n) {
        if n != "won" {
            return Step::decided(unit(cur, j + 2));
        }
    }
    Step::Refuse
}

#[inline(always)]
fn currency_word(site: &UnitSite) -> Step<UnitMatch> {
    let d = site.scope.doc;
    Step::or_pass(currency_after(
        d,
        site.j,
        site.word,
        site.number,
        site.money,
    ))
}

#[inline(always)]
fn iso_code_after(site: &UnitSite) -> Step<UnitMatch> {
    let raw = site.scope.doc.raw(site.j);
    match lex::iso_code(raw) {
        Some(cur) if raw.len() == 3 => Step::decided(unit(cur, site.j + 1)),
        _ => Step::Pass,
    }
}

#[inline(always)]
fn time_unit(site: &UnitSite) -> Step<UnitMatch> {
    let (d, j, c) = (site.scope.doc, site.j, site.number);
    let w = site.word;
    let Some((unit_name, mult)) = lex::time_unit(w) else {
        return Step::Pass;
    };
    if matches!(w, "h" | "hr") && !d.glued(j) {
        return Step::Refuse;
    }
    if (w == "year" || w == "years") && d.lw(j + 1) == "old" && !c.scaled {
        return Step::decided(age(j + 2));
    }
    // singular units only after "1" or a fraction ("1.5 hour" is fine, "5 hour" is a compound)
    if matches!(
        w,
        "second" | "minute" | "hour" | "day" | "week" | "month" | "year" | "decade"
    ) && !(c.v == Decimal::ONE || c.v.fract() != Decimal::ZERO)
    {
        return Step::Refuse;
    }
    Step::decided(scaled_unit(unit_name, j + 1, Decimal::from(mult.max(1))))
}

#[inline(always)]
fn physical_unit(site: &UnitSite) -> Step<UnitMatch> {
    let (d, j, c, money) = (site.scope.doc, site.j, site.number, site.money);
    let raw = d.raw(j);
    let Some(physical) = lex::unit_word(site.word, raw) else {
        return Step::Pass;
    };
    let single = raw.len() == 1;
    if single && !d.glued(j) && physical != "m" {
        return Step::Refuse;
    }
    if physical == "m" && (money || c.scaled) {
        return Step::Refuse;
    }
    // km/h
    if physical == "km"
        && d.is_sym(j + 1, '/')
        && d.glued(j + 1)
        && matches!(d.lw(j + 2), "h" | "hr")
    {
        return Step::decided(unit("km/h", j + 3));
    }
    if matches!(physical, "km" | "m") && d.glued(j + 1) {
        if d.is_sym(j + 1, '²') || (d.is_number(j + 1) && d.raw(j + 1) == "2") {
            return Step::decided(unit(if physical == "km" { "km2" } else { "m2" }, j + 2));
        }
        if d.is_sym(j + 1, '³') || (d.is_number(j + 1) && d.raw(j + 1) == "3") {
            return Step::decided(unit("m3", j + 2));
        }
    }
    // speeds: "200 miles an hour", "90 kilometres per hour", "60 km an hour"
    if let Some(speed) = lex::speed_unit(physical) {
        if matches!(d.lw(j + 1), "an" | "a" | "per") && matches!(d.lw(j + 2), "hour" | "hr") {
            return Step::decided(unit(speed, j + 3));
        }
    }
    if physical == "bbl" && d.lw(j + 1) == "per" && d.lw(j + 2) == "day" {
        return Step::decided(unit("bbl", j + 3));
    }
    Step::decided(unit(physical, j + 1))
}

/// Poll points, not index or league points: the sentence talks about polls, rates or percents.
fn sentence_mentions_points_context(scope: &Scope, j: usize) -> bool {
    let d = scope.doc;
    let a = j.saturating_sub(40).max(scope.lo);
    let b = (j + 20).min(scope.hi);
    if (a..b).any(|k| {
        matches!(
            d.lw(k),
            "index"
                | "dow"
                | "nasdaq"
                | "s&p"
                | "ftse"
                | "nikkei"
                | "kospi"
                | "dax"
                | "sensex"
                | "nifty"
                | "asx"
                | "ordinaries"
                | "seng"
                | "tsx"
                | "jse"
                | "stoxx"
                | "cac"
                | "ibovespa"
                | "topix"
                | "goals"
                | "game"
                | "match"
                | "season"
                | "standings"
                | "scored"
                | "championship"
                | "drivers"
                | "laps"
                | "league"
        )
    }) {
        return false;
    }
    // an index's points beside its percentage change: "fell 930.55 points, or 1.2 per cent"
    if d.is_sym(j + 1, ',') && d.lw(j + 2) == "or" && d.is_number(j + 3) {
        return false;
    }
    // test and exam scores ("reading scores fell 5 points"), unless a poll is in the sentence too
    let scores = (a..b).any(|k| {
        matches!(
            d.lw(k),
            "score" | "scores" | "assessment" | "exam" | "exams"
        )
    });
    if scores && !(a..b).any(|k| matches!(d.lw(k), "poll" | "polls" | "survey" | "lead" | "leads"))
    {
        return false;
    }
    (a..b).any(|k| {
        d.is_sym(k, '%')
            || (d.lw(k) == "per" && d.lw(k + 1) == "cent")
            || matches!(
                d.lw(k),
                "percent"
                    | "poll"
                    | "polls"
                    | "survey"
                    | "lead"
                    | "leads"
                    | "approval"
                    | "rate"
                    | "percentage"
                    | "polling"
                    | "margin"
                    | "unemployment"
                    | "inflation"
                    | "swing"
                    | "advantage"
                    | "ahead"
                    | "trails"
                    | "trailed"
                    | "behind"
                    | "yield"
                    | "yields"
            )
    }) || election_margin(scope, j)
}

/// "won the runoff by 4.1 points", "leads by 6 points": a margin of victory after "by", with a
/// verb of winning or leading just before and an election named in the sentence.
fn election_margin(scope: &Scope, j: usize) -> bool {
    let d = scope.doc;
    let Some(by) = (j.saturating_sub(3).max(scope.lo)..j)
        .rev()
        .find(|&k| d.lw(k) == "by")
    else {
        return false;
    };
    let won = (by.saturating_sub(5).max(scope.lo)..by).any(|k| {
        matches!(
            d.lw(k),
            "won"
                | "wins"
                | "win"
                | "winning"
                | "beat"
                | "beats"
                | "leads"
                | "led"
                | "lead"
                | "ahead"
                | "trails"
                | "trailed"
                | "lost"
                | "loses"
        )
    });
    won && (scope.lo..scope.hi).any(|k| {
        matches!(
            d.lw(k),
            "runoff"
                | "election"
                | "elections"
                | "ballot"
                | "ballots"
                | "electoral"
                | "vote"
                | "votes"
                | "voters"
                | "primaries"
                | "caucus"
                | "race"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::quantity::number::core_at;
    use crate::extract::text::Doc;

    /// (rule name, text, the number, the unit the rule must give, value multiplier).
    const EXAMPLES: &[(&str, &str, &str, &str, &str)] = &[
        (
            "unit symbol",
            "Prices rose 3.2% in May.",
            "3.2",
            "percent",
            "1",
        ),
        (
            "hyphenated unit",
            "A 45-year-old man was hurt.",
            "45",
            "age",
            "1",
        ),
        (
            "percent words",
            "Growth was 2.1 per cent.",
            "2.1",
            "percent",
            "1",
        ),
        (
            "points",
            "Rates fell 25 basis points.",
            "25",
            "percentage_point",
            "0.01",
        ),
        (
            "multiplier",
            "Sales grew by 3 times last year.",
            "3",
            "ratio",
            "1",
        ),
        (
            "pence and cents",
            "A stamp costs 5p now.",
            "5",
            "GBP",
            "0.01",
        ),
        ("milligrams", "The 12 mg dose was safe.", "12", "g", "0.001"),
        (
            "kilo-, mega- and gigalitres",
            "The dams gained 52 gigalitres.",
            "52",
            "L",
            "1000000000",
        ),
        (
            "barrels per day",
            "Output rose to 400,000 bpd.",
            "400,000",
            "bbl",
            "1",
        ),
        (
            "compound measure",
            "The park covers 2,500 square kilometres.",
            "2,500",
            "km2",
            "1",
        ),
        (
            "degrees",
            "It reached 46 degrees on Monday.",
            "46",
            "degC",
            "1",
        ),
        (
            "currency of a vague amount",
            "It cost tens of billions of dollars.",
            "tens",
            "USD",
            "1",
        ),
        (
            "currency word",
            "The fine was 40 million euros.",
            "40",
            "EUR",
            "1",
        ),
        (
            "ISO currency code",
            "The budget is 7.5 billion USD.",
            "7.5",
            "USD",
            "1",
        ),
        (
            "time unit",
            "The strike lasted 3 hours.",
            "3",
            "duration",
            "3600",
        ),
        (
            "physical unit word",
            "The ship sailed 120 km north.",
            "120",
            "km",
            "1",
        ),
    ];

    #[test]
    fn every_unit_rule_has_an_example_that_it_decides() {
        for rule in UNIT_RULES {
            let key = rule.name.split(" (").next().unwrap_or(rule.name);
            if key == "only words name units from here on" {
                continue;
            }
            let Some(&(_, text, number, want, mult)) =
                EXAMPLES.iter().find(|e| key.starts_with(e.0))
            else {
                panic!("no example for unit rule {:?}", rule.name);
            };
            let doc = Doc::new(text);
            let s = &doc.sents[0];
            let scope = Scope {
                doc: &doc,
                sent: 0,
                lo: s.lo,
                hi: s.hi,
            };
            let i = (s.lo..s.hi)
                .find(|&i| doc.raw(i) == number)
                .unwrap_or_else(|| panic!("no {number:?} in {text:?}"));
            let core = core_at(&doc, i, s.hi, false).expect("a number");
            let site = UnitSite {
                scope: &scope,
                j: core.next,
                number: &core,
                money: false,
                word: doc.lw(core.next),
            };
            match (rule.apply)(&site) {
                Step::Found(u) => {
                    assert_eq!(u.unit, want, "{}", rule.name);
                    assert_eq!(u.mult.normalize().to_string(), mult, "{}", rule.name);
                }
                _ => panic!("unit rule {:?} did not decide on {text:?}", rule.name),
            }
        }
    }

    #[test]
    fn points_outside_polls_are_no_unit() {
        let doc = Doc::new("The striker scored 12 points in the match.");
        let s = &doc.sents[0];
        let scope = Scope {
            doc: &doc,
            sent: 0,
            lo: s.lo,
            hi: s.hi,
        };
        let i = (s.lo..s.hi).find(|&i| doc.raw(i) == "12").expect("12");
        let core = core_at(&doc, i, s.hi, false).expect("a number");
        assert!(unit_at(&scope, core.next, &core, false).is_none());
    }
}
