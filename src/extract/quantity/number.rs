//! Numbers written with digits: the exact value of a number token, its scale word ("million",
//! "bn", "lakh"), and the small-integer readings (days, years) other rules build on.

use super::spelled::spelled;
use crate::extract::lex;
use crate::extract::text::Doc;
use rust_decimal::Decimal;
use std::str::FromStr;

#[inline]
pub(super) fn pow10(p: u32) -> Decimal {
    Decimal::from_i128_with_scale(10i128.pow(p.min(28)), 0)
}

/// Exact value of a number token, `None` when it does not fit (more than 28 digits).
#[inline]
pub(super) fn parse_num(d: &Doc, i: usize) -> Option<Decimal> {
    let t = *d.toks.get(i)?;
    let raw = &d.text[t.start()..t.end()];
    let mut buf = String::with_capacity(raw.len().min(40));
    let mut digits = 0;
    let dec = if t.decimal_comma { ',' } else { '.' };
    for ch in raw.chars() {
        if ch.is_ascii_digit() {
            digits += 1;
            if digits > 28 {
                return None;
            }
            buf.push(ch);
        } else if ch == dec {
            buf.push('.');
        }
    }
    Decimal::from_str(&buf).ok()
}

/// Number of digits before the decimal point, without separators.
#[inline]
pub(super) fn int_digits(d: &Doc, i: usize) -> usize {
    let Some(&t) = d.toks.get(i) else {
        return 0;
    };
    let raw = &d.text[t.start()..t.end()];
    let dec = if t.decimal_comma { ',' } else { '.' };
    raw.chars()
        .take_while(|&c| c != dec)
        .filter(char::is_ascii_digit)
        .count()
}

#[inline]
pub(super) fn has_decimal(d: &Doc, i: usize) -> bool {
    let Some(&t) = d.toks.get(i) else {
        return false;
    };
    let raw = &d.text[t.start()..t.end()];
    raw.contains(if t.decimal_comma { ',' } else { '.' })
}

/// Plain small integer token (no separators, no decimals), e.g. a day of month.
#[inline]
pub(super) fn small_int(d: &Doc, i: usize, max_digits: usize) -> Option<u32> {
    if !d.is_number(i) {
        return None;
    }
    let raw = d.raw(i);
    if raw.len() > max_digits || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    raw.parse().ok()
}

#[inline]
pub(super) fn year_val(d: &Doc, i: usize) -> Option<i32> {
    let v = small_int(d, i, 4)?;
    if d.raw(i).len() == 4 && (1000..=2200).contains(&v) {
        Some(v as i32)
    } else {
        None
    }
}

/// A parsed number (digits or words, with scale).
pub(super) struct NumberCore {
    /// The value, scale applied.
    pub v: Decimal,
    /// The token after the number (and its scale word).
    pub next: usize,
    /// Written with a scale word ("million", "bn").
    pub scaled: bool,
    /// Written with words ("three", "a dozen").
    pub spelled: bool,
    /// A vague plural ("hundreds", "tens of thousands"): the value is the base amount.
    pub vague: bool,
}

/// Scale word at `j` after a number. Returns (power of ten, next token).
#[inline]
pub(super) fn scale_at(d: &Doc, j: usize, hi: usize, money: bool) -> Option<(u32, usize)> {
    let mut w = j;
    if d.is_dash(j) && d.glued(j) && d.glued(j + 1) && d.is_word(j + 1) {
        w = j + 1;
    }
    if w >= hi || !d.is_word(w) {
        return None;
    }
    let (p, rule) = lex::scale(d.lw(w))?;
    let glued = d.glued(w);
    let dashed = w == j + 1;
    let ok = match rule {
        // "13 hundred", "13-hundred"; not "5hundred"
        0 => p != 2 || !glued || dashed,
        1 => glued,
        _ => glued && (money || counted_after(d, w + 1) || low_end_of_scaled_range(d, w)),
    };
    if !ok {
        return None;
    }
    Some((p, w + 1))
}

/// What a glued "m" or "b" ("3m people", "500m km", "16m kg") counts: a person, a plural, a unit
/// of measure, or "more"/"new". "500m" alone is metres, and so is a race's or a summit's ("the
/// 100m and 200m titles", "the 8,849m Mt Everest").
fn counted_after(d: &Doc, k: usize) -> bool {
    const EVENTS: &[&str] = &[
        "titles",
        "finals",
        "events",
        "races",
        "medals",
        "heats",
        "relays",
        "hurdles",
        "sprints",
        "freestyle",
        "butterfly",
        "backstroke",
        "breaststroke",
    ];
    d.is_word(k)
        && !d.glued(k)
        && !EVENTS.contains(&d.lw(k))
        && d.raw(k) != "Mt"
        && (lex::person_noun(d.lw(k))
            || d.lw(k).ends_with('s')
            || matches!(d.lw(k), "people" | "bpd" | "more" | "new")
            || lex::unit_word(d.lw(k), d.raw(k)).is_some_and(|u| u != "m"))
}

/// The glued "m" at `w` opens a range whose high end has the same letter and a counted word
/// after it: "40m to 80m years", "2m-3m people".
fn low_end_of_scaled_range(d: &Doc, w: usize) -> bool {
    let joined = matches!(d.lw(w + 1), "to" | "and") || d.is_dash(w + 1);
    joined
        && d.is_number(w + 2)
        && d.glued(w + 3)
        && d.lw(w + 3) == d.lw(w)
        && counted_after(d, w + 4)
}

/// A fraction written with a slash after a whole number and a space, as typewriters wrote `⅓`:
/// "7 1/3 innings", "2 1/2 years" (the whole number plain, the fraction below one with a
/// denominator fractions are written with; not "7 1/3/2026").
fn spaced_fraction(d: &Doc, whole: usize, j: usize, hi: usize) -> Option<Decimal> {
    if j + 2 >= hi || j != whole + 1 || d.glued(j) || !d.is_sym(j + 1, '/') {
        return None;
    }
    small_int(d, whole, 3)?;
    let numerator = small_int(d, j, 2)?;
    let denominator = small_int(d, j + 2, 2)?;
    let plain = d.glued(j + 1) && d.glued(j + 2) && !d.is_sym(j + 3, '/');
    // (the denominators fractions are written with: not "9/11 responders", "7/11 stores")
    let denominators = [2, 3, 4, 5, 6, 8, 10, 12, 16];
    (plain && numerator >= 1 && numerator < denominator && denominators.contains(&denominator))
        .then(|| Decimal::from(numerator) / Decimal::from(denominator))
}

/// The value of a fraction written as one character glued after the digits: "11½ sacks",
/// "6⅓ innings", "5⅔이닝".
pub(super) fn vulgar_fraction(c: char) -> Option<Decimal> {
    match c {
        '½' => Some(Decimal::new(5, 1)),
        '¼' => Some(Decimal::new(25, 2)),
        '¾' => Some(Decimal::new(75, 2)),
        '⅓' => Some(Decimal::ONE / Decimal::from(3)),
        '⅔' => Some(Decimal::from(2) / Decimal::from(3)),
        _ => None,
    }
}

/// A number (digits + optional fraction + scale) at `i`.
pub(super) fn core_at(d: &Doc, i: usize, hi: usize, money: bool) -> Option<NumberCore> {
    if d.is_number(i) {
        let mut v = parse_num(d, i)?;
        let mut j = i + 1;
        if let Some(c) = d.sym(j) {
            if d.glued(j) {
                let f = vulgar_fraction(c);
                if let Some(f) = f {
                    v += f;
                    j += 1;
                }
            }
        }
        // "three and a half years", "2 and a half"
        if d.lw(j) == "and" && d.lw(j + 1) == "a" && d.lw(j + 2) == "half" {
            v += Decimal::new(5, 1);
            j += 3;
        } else if let Some(f) = spaced_fraction(d, i, j, hi) {
            v += f;
            j += 3;
        }
        let mut scaled = false;
        if let Some((p, nj)) = scale_at(d, j, hi, money) {
            if p == 2 && int_digits(d, i) > 2 {
                // "500 hundred" is not a thing
            } else {
                v = v.checked_mul(pow10(p))?;
                j = nj;
                scaled = true;
                // "1.2 lakh crore"
                if p == 5 && matches!(d.lw(j), "crore" | "crores") {
                    v = v.checked_mul(pow10(7))?;
                    j += 1;
                }
            }
        }
        // "90 dozen eggs": so many twelves (not after a currency: "$4 a dozen" is a price)
        if !money && j < hi && d.lw(j) == "dozen" {
            v = v.checked_mul(Decimal::from(12))?;
            j += 1;
        }
        return Some(NumberCore {
            v,
            next: j,
            scaled,
            spelled: false,
            vague: false,
        });
    }
    if d.is_word(i) {
        let mut c = spelled(d, i, hi)?;
        if !c.vague
            && d.lw(c.next) == "and"
            && d.lw(c.next + 1) == "a"
            && d.lw(c.next + 2) == "half"
        {
            c.v += Decimal::new(5, 1);
            c.next += 3;
        }
        return Some(c);
    }
    None
}
