//! Recognition of quantity mentions in the token stream.

use super::lex;
use super::text::{Doc, K};
use super::{Approx, Value};
use rust_decimal::Decimal;
use std::str::FromStr;

/// What a mention is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Quantity,
    Date,
    Year,
    Time,
    Ordinal,
    Age,
    Label,
    Superlative,
    Quote,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Quantity => "quantity",
            Kind::Date => "date",
            Kind::Year => "year",
            Kind::Time => "time",
            Kind::Ordinal => "ordinal",
            Kind::Age => "age",
            Kind::Label => "label",
            Kind::Superlative => "superlative",
            Kind::Quote => "quote",
        }
    }
}

/// A raw mention, before context (subject, speaker, score) is attached.
#[derive(Clone, Debug)]
pub(super) struct M {
    /// Sentence index.
    pub sent: usize,
    /// Surface tokens [t0, t1).
    pub t0: usize,
    pub t1: usize,
    /// First token of the hedge ("more than"), == t0 when none.
    pub h0: usize,
    /// Byte span of the surface (normally toks[t0].s() .. toks[t1-1].e()).
    pub s: usize,
    pub e: usize,
    pub value: Option<Value>,
    pub high: Option<Value>,
    pub unit: Option<&'static str>,
    pub approx: Approx,
    pub kind: Kind,
    /// Written with a scale word (million, bn).
    pub scaled: bool,
    /// Spelled out with words ("three").
    pub spelled: bool,
    /// No unit word: the unit comes from the counted noun (person/count).
    pub bare: bool,
    /// Date parts for dates (year filled later from the dateline).
    pub ymd: Option<(Option<i32>, Option<u32>, Option<u32>)>,
    /// Score adjustment decided during recognition (e.g. ordinal before a superlative).
    pub bonus: f64,
}

impl M {
    pub fn new(d: &Doc, sent: usize, t0: usize, t1: usize, kind: Kind) -> M {
        M {
            sent,
            t0,
            t1,
            h0: t0,
            s: d.toks[t0].s(),
            e: d.toks[t1 - 1].e(),
            value: None,
            high: None,
            unit: None,
            approx: Approx::Exact,
            kind,
            scaled: false,
            spelled: false,
            bare: false,
            ymd: None,
            bonus: 0.0,
        }
    }

    pub fn num(&self) -> Option<Decimal> {
        self.value.as_ref().and_then(Value::as_decimal)
    }
}

fn pow10(p: u32) -> Decimal {
    Decimal::from_i128_with_scale(10i128.pow(p.min(28)), 0)
}

/// Exact value of a number token, `None` when it does not fit (more than 28 digits).
pub(super) fn parse_num(d: &Doc, i: usize) -> Option<Decimal> {
    let t = *d.toks.get(i)?;
    let raw = &d.text[t.s()..t.e()];
    let mut buf = String::with_capacity(raw.len().min(40));
    let mut digits = 0;
    let dec = if t.dc { ',' } else { '.' };
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
fn int_digits(d: &Doc, i: usize) -> usize {
    let Some(&t) = d.toks.get(i) else {
        return 0;
    };
    let raw = &d.text[t.s()..t.e()];
    let dec = if t.dc { ',' } else { '.' };
    raw.chars()
        .take_while(|&c| c != dec)
        .filter(char::is_ascii_digit)
        .count()
}

fn has_decimal(d: &Doc, i: usize) -> bool {
    let Some(&t) = d.toks.get(i) else {
        return false;
    };
    let raw = &d.text[t.s()..t.e()];
    raw.contains(if t.dc { ',' } else { '.' })
}

/// Plain small integer token (no separators, no decimals), e.g. a day of month.
fn small_int(d: &Doc, i: usize, max_digits: usize) -> Option<u32> {
    if !d.is_n(i) {
        return None;
    }
    let raw = d.raw(i);
    if raw.len() > max_digits || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    raw.parse().ok()
}

/// A parsed number (digits or words, with scale).
struct Core {
    v: Decimal,
    next: usize,
    scaled: bool,
    spelled: bool,
    vague: bool,
}

/// Scale word at `j` after a number. Returns (power of ten, next token).
fn scale_at(d: &Doc, j: usize, hi: usize, money: bool) -> Option<(u32, usize)> {
    let mut w = j;
    if d.is_dash(j) && d.glued(j) && d.glued(j + 1) && d.is_w(j + 1) {
        w = j + 1;
    }
    if w >= hi || !d.is_w(w) {
        return None;
    }
    let (p, rule) = lex::scale(d.lw(w))?;
    let glued = d.glued(w);
    let ok = match rule {
        0 => p != 2 || !glued,
        1 => glued,
        _ => {
            glued
                && (money
                    || (d.is_w(w + 1)
                        && !d.glued(w + 1)
                        && (lex::person_noun(d.lw(w + 1))
                            || d.lw(w + 1).ends_with('s')
                            || matches!(d.lw(w + 1), "people" | "bpd" | "more" | "new"))))
        }
    };
    if !ok {
        return None;
    }
    Some((p, w + 1))
}

/// Numbers written with words, starting at `i`.
fn spelled(d: &Doc, i: usize, hi: usize) -> Option<Core> {
    let w = d.lw(i);
    let mk = |v: Decimal, next: usize, vague: bool| Core {
        v,
        next,
        scaled: true,
        spelled: true,
        vague,
    };
    match w {
        "a" | "an" => {
            let n = d.lw(i + 1);
            if n == "dozen" {
                return Some(Core {
                    v: Decimal::from(12),
                    next: i + 2,
                    scaled: false,
                    spelled: true,
                    vague: false,
                });
            }
            if let Some((p, 0)) = lex::scale(n) {
                if p >= 2 && n.len() > 4 {
                    return Some(mk(pow10(p), i + 2, false));
                }
            }
            return None;
        }
        "half" => {
            if d.lw(i + 1) == "a" {
                let n = d.lw(i + 2);
                if let Some((p, 0)) = lex::scale(n) {
                    if p >= 3 && n.len() > 4 {
                        return Some(mk(pow10(p) / Decimal::from(2), i + 3, false));
                    }
                }
                if n == "dozen" {
                    return Some(mk(Decimal::from(6), i + 3, false));
                }
            }
            return None;
        }
        "several" | "few" => {
            let n = d.lw(i + 1);
            if let Some((p, 0)) = lex::scale(n) {
                if p >= 2 && n.len() > 4 {
                    return Some(mk(pow10(p), i + 2, true));
                }
            }
            return None;
        }
        "dozens" | "hundreds" | "thousands" | "millions" | "billions" | "tens" => {
            let base = match w {
                "dozens" => 12u32,
                "tens" => 10,
                "hundreds" => 100,
                "thousands" => 1000,
                "millions" => 1_000_000,
                _ => 1_000_000_000,
            };
            let mut v = Decimal::from(base);
            let mut next = i + 1;
            // "tens of thousands", "hundreds of millions"
            if d.lw(i + 1) == "of" && i + 2 < hi {
                let n2 = d.lw(i + 2);
                let m2 = match n2 {
                    "thousands" => Some(1000u32),
                    "millions" => Some(1_000_000),
                    "billions" => Some(1_000_000_000),
                    _ => None,
                };
                if let Some(m2) = m2 {
                    v = Decimal::from(base) * Decimal::from(m2);
                    next = i + 3;
                }
            }
            if w == "tens" && next == i + 1 {
                return None;
            }
            return Some(mk(v, next, true));
        }
        _ => {}
    }
    lex::num_word(w)?;
    let mut total: u128 = 0;
    let mut cur: u128 = 0;
    let mut j = i;
    let mut last_end = i;
    let mut any = false;
    let mut last_tens = false;
    let mut last_mult = false;
    let mut scaled = false;
    while j < hi {
        if d.is_w(j) {
            let w = d.lw(j);
            if let Some(n) = lex::num_word(w) {
                if any && !last_mult && !(last_tens && n < 10) {
                    break;
                }
                cur += n as u128;
                any = true;
                last_tens = n >= 20 && n % 10 == 0;
                last_mult = false;
                j += 1;
                last_end = j;
                continue;
            }
            if any {
                match w {
                    "hundred" => {
                        cur = cur.max(1) * 100;
                        last_mult = true;
                        last_tens = false;
                        j += 1;
                        last_end = j;
                        continue;
                    }
                    "thousand" | "million" | "billion" | "trillion" => {
                        let m: u128 = match w {
                            "thousand" => 1_000,
                            "million" => 1_000_000,
                            "billion" => 1_000_000_000,
                            _ => 1_000_000_000_000,
                        };
                        total += cur.max(1) * m;
                        cur = 0;
                        scaled = true;
                        last_mult = true;
                        last_tens = false;
                        j += 1;
                        last_end = j;
                        continue;
                    }
                    "dozen" => {
                        cur = cur.max(1) * 12;
                        last_mult = false;
                        j += 1;
                        last_end = j;
                        continue;
                    }
                    "and" if last_mult && lex::num_word(d.lw(j + 1)).is_some() => {
                        j += 1;
                        continue;
                    }
                    _ => {}
                }
            }
            break;
        } else if any
            && last_tens
            && d.is_dash(j)
            && d.glued(j)
            && d.glued(j + 1)
            && lex::num_word(d.lw(j + 1)).is_some_and(|n| n < 10)
        {
            j += 1;
            continue;
        } else {
            break;
        }
    }
    if !any {
        return None;
    }
    let v = total + cur;
    Some(Core {
        v: Decimal::from_i128_with_scale(v.min(i64::MAX as u128) as i128, 0),
        next: last_end,
        scaled,
        spelled: true,
        vague: false,
    })
}

/// A number (digits + optional fraction + scale) at `i`.
fn core_at(d: &Doc, i: usize, hi: usize, money: bool) -> Option<Core> {
    if d.is_n(i) {
        let mut v = parse_num(d, i)?;
        let mut j = i + 1;
        if let Some(c) = d.sym(j) {
            if d.glued(j) {
                let f = match c {
                    '½' => Some(Decimal::new(5, 1)),
                    '¼' => Some(Decimal::new(25, 2)),
                    '¾' => Some(Decimal::new(75, 2)),
                    _ => None,
                };
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
        return Some(Core {
            v,
            next: j,
            scaled,
            spelled: false,
            vague: false,
        });
    }
    if d.is_w(i) {
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

/// A unit after a number.
struct U {
    unit: &'static str,
    next: usize,
    /// Multiply the value (durations in seconds, decades, mg -> g, basis points).
    mult: Decimal,
    kind: Kind,
}

fn u(unit: &'static str, next: usize) -> Option<U> {
    Some(U {
        unit,
        next,
        mult: Decimal::ONE,
        kind: Kind::Quantity,
    })
}

fn um(unit: &'static str, next: usize, mult: Decimal) -> Option<U> {
    Some(U {
        unit,
        next,
        mult,
        kind: Kind::Quantity,
    })
}

fn comparative(w: &str) -> bool {
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

fn sentence_mentions_points_context(d: &Doc, lo: usize, hi: usize, j: usize) -> bool {
    let a = j.saturating_sub(40).max(lo);
    let b = (j + 20).min(hi);
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
    (a..b).any(|k| {
        d.is_sym(k, '%')
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
    })
}

fn currency_after(d: &Doc, j: usize, w: &str, c: &Core, money: bool) -> Option<U> {
    // Currency words, possibly after a country adjective.
    let mut cw = j;
    let mut adj: Option<&'static str> = None;
    if let Some(cc) = lex::dollar_country(w) {
        if matches!(d.lw(j + 1), "dollar" | "dollars") {
            adj = Some(cc);
            cw = j + 1;
        }
    } else if w == "u"
        && d.is_sym(j + 1, '.')
        && d.lw(j + 2) == "s"
        && d.is_sym(j + 3, '.')
        && matches!(d.lw(j + 4), "dollar" | "dollars")
    {
        adj = Some("USD");
        cw = j + 4;
    } else if (w == "hong" && d.lw(j + 1) == "kong") || (w == "new" && d.lw(j + 1) == "zealand") {
        if matches!(d.lw(j + 2), "dollar" | "dollars") {
            adj = Some(if w == "hong" { "HKD" } else { "NZD" });
            cw = j + 2;
        }
    } else if matches!(
        d.lw(j + 1),
        "franc"
            | "francs"
            | "won"
            | "real"
            | "reais"
            | "peso"
            | "pesos"
            | "yuan"
            | "rupee"
            | "rupees"
            | "dinar"
            | "dinars"
            | "pound"
            | "pounds"
    ) {
        let code = match (w, d.lw(j + 1)) {
            ("swiss", _) => Some("CHF"),
            ("cfa", _) => Some("XOF"),
            ("korean", "won") => Some("KRW"),
            ("brazilian", _) => Some("BRL"),
            ("argentine" | "argentinian", _) => Some("ARS"),
            ("philippine", _) => Some("PHP"),
            ("chilean", _) => Some("CLP"),
            ("colombian", _) => Some("COP"),
            ("mexican", _) => Some("MXN"),
            ("chinese", "yuan") => Some("CNY"),
            ("indian", _) => Some("INR"),
            ("pakistani", _) => Some("PKR"),
            ("egyptian", _) => Some("EGP"),
            ("british", _) => Some("GBP"),
            _ => None,
        };
        if code.is_some() {
            adj = code;
            cw = j + 1;
        }
    }
    if let Some(cur) = adj {
        return u(cur, cw + 1);
    }
    let cur = lex::currency_word(w)?;
    let big = c.scaled || c.v >= Decimal::from(1000);
    let ok = match w {
        "won" => {
            let n = d.lw(j + 1);
            big || money
                || !(d.is_n(j + 1)
                    || matches!(
                        n,
                        "the"
                            | "a"
                            | "an"
                            | "by"
                            | "in"
                            | "their"
                            | "its"
                            | "his"
                            | "her"
                            | "over"
                            | "against"
                            | "on"
                    ))
        }
        "pound" | "pounds" => {
            if d.lw(j + 1) == "sterling" {
                return u("GBP", j + 2);
            }
            if !(c.scaled || money) {
                return u("lb", j + 1);
            }
            true
        }
        "rand" | "dong" | "lari" | "manat" | "real" => big,
        _ => true,
    };
    if !ok {
        return None;
    }
    if cur == "MXN" {
        // pesos of other countries, from nearby context
        let a = j.saturating_sub(400);
        for k in (a..j).rev() {
            let c = match d.lw(k) {
                "philippine" | "philippines" | "manila" | "filipino" | "filipinos" => "PHP",
                "argentina" | "argentine" | "argentina's" | "buenos" => "ARS",
                "chile" | "chilean" | "chile's" | "santiago" => "CLP",
                "colombia" | "colombian" | "colombia's" | "bogota" => "COP",
                "mexico" | "mexican" | "mexico's" => "MXN",
                _ => continue,
            };
            return u(c, j + 1);
        }
    }
    u(cur, j + 1)
}

/// Unit after a number at token `j`.
fn unit_at(d: &Doc, j: usize, lo: usize, hi: usize, c: &Core, money: bool) -> Option<U> {
    if j >= hi {
        return None;
    }
    match d.toks[j].k {
        K::S('%' | '％') => return u("percent", j + 1),
        K::S('℃') => return u("degC", j + 1),
        K::S('℉') => return u("degF", j + 1),
        K::S('°') => {
            if d.glued(j + 1) {
                match d.raw(j + 1) {
                    "C" => return u("degC", j + 2),
                    "F" => return u("degF", j + 2),
                    _ => {}
                }
            }
            return u("degC", j + 1);
        }
        K::S(_) if d.is_dash(j) && d.glued(j) && d.glued(j + 1) && d.is_w(j + 1) => {
            let w = d.lw(j + 1);
            if w == "year" && d.is_dash(j + 2) && d.lw(j + 3) == "old" {
                return Some(U {
                    unit: "age",
                    next: j + 4,
                    mult: Decimal::ONE,
                    kind: Kind::Age,
                });
            }
            if let Some((unit, mult)) = lex::time_unit(w) {
                if w.len() > 1 {
                    return um(unit, j + 2, Decimal::from(mult.max(1)));
                }
            }
            match w {
                "fold" => return u("ratio", j + 2),
                "percent" => return u("percent", j + 2),
                "strong" => return u("person", j + 2),
                "times" => return u("count", j + 2),
                "point" => {
                    if sentence_mentions_points_context(d, lo, hi, j) {
                        return u("percentage_point", j + 2);
                    }
                    return None;
                }
                "nautical" if d.is_dash(j + 2) && matches!(d.lw(j + 3), "mile" | "miles") => {
                    return u("nmi", j + 4)
                }
                "square" if d.is_dash(j + 2) => {
                    let unit = match d.lw(j + 3) {
                        "kilometre" | "kilometer" | "km" | "kilometres" | "kilometers" => "km2",
                        "mile" | "miles" => "mi2",
                        "metre" | "meter" | "metres" | "meters" => "m2",
                        "foot" | "feet" => "ft2",
                        _ => return None,
                    };
                    return u(unit, j + 4);
                }
                _ => {}
            }
            if let Some(unit) = lex::unit_word(w, d.raw(j + 1)) {
                if w.len() > 1 {
                    return u(unit, j + 2);
                }
            }
            return None;
        }
        K::W => {}
        _ => return None,
    }
    let w = d.lw(j);
    let raw = d.raw(j);
    let glued = d.glued(j);
    match w {
        "percent" | "pct" => return u("percent", j + 1),
        "per" if d.lw(j + 1) == "cent" => return u("percent", j + 2),
        "pc" if glued => return u("percent", j + 1),
        "percentage" if matches!(d.lw(j + 1), "point" | "points") => {
            return u("percentage_point", j + 2)
        }
        "pp" | "ppt" | "ppts" => return u("percentage_point", j + 1),
        "point" | "points" | "pts" => {
            if sentence_mentions_points_context(d, lo, hi, j) {
                return u("percentage_point", j + 1);
            }
            return None;
        }
        "basis" if matches!(d.lw(j + 1), "point" | "points") => {
            return um("percentage_point", j + 2, Decimal::new(1, 2))
        }
        "bps" | "bp" => return um("percentage_point", j + 1, Decimal::new(1, 2)),
        "times" => {
            let nx = d.lw(j + 1);
            let pv = if c.next >= 2 { d.lw(c.next - 2) } else { "" };
            let pv1 = if c.next >= 1 && c.next - 1 > lo {
                d.lw(c.next.saturating_sub(1).saturating_sub(1))
            } else {
                ""
            };
            if comparative(nx)
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
                || d.is_sym(j + 1, ',')
            {
                return u("ratio", j + 1);
            }
            return None;
        }
        "fold" => return u("ratio", j + 1),
        "x" if glued => return u("ratio", j + 1),
        "p" if glued && !money && c.v < Decimal::from(1000) => {
            if matches!(d.lw(j + 1), "band" | "rate") {
                return None;
            }
            return um("GBP", j + 1, Decimal::new(1, 2));
        }
        "mg" | "milligram" | "milligrams" => return um("g", j + 1, Decimal::new(1, 3)),
        "cents" | "cent"
            if !money
                && c.v < Decimal::from(1000)
                && !matches!(d.lw(j.saturating_sub(1)), "per") =>
        {
            return um("USD", j + 1, Decimal::new(1, 2))
        }
        "pence" | "penny" if !money && c.v < Decimal::from(1000) => {
            return um("GBP", j + 1, Decimal::new(1, 2))
        }
        "bpd" | "b/d" => return u("bbl", j + 1),
        "barrels" | "barrel" if d.lw(j + 1) == "per" && d.lw(j + 2) == "day" => {
            return u("bbl", j + 3)
        }
        "square" | "sq" => {
            let dash = d.is_dash(j + 1) && d.glued(j + 1) && d.glued(j + 2);
            let n = if dash { d.lw(j + 2) } else { d.lw(j + 1) };
            let j = if dash { j + 1 } else { j };
            let unit = match n {
                "km" | "kilometres" | "kilometers" | "kilometre" | "kilometer" => "km2",
                "miles" | "mile" | "mi" => "mi2",
                "metres" | "meters" | "metre" | "meter" | "m" => "m2",
                "feet" | "ft" => "ft2",
                _ => return None,
            };
            return u(unit, j + 2);
        }
        "cubic" => {
            let unit = match d.lw(j + 1) {
                "metres" | "meters" | "metre" | "meter" | "m" => "m3",
                "feet" | "ft" => "ft3",
                _ => return None,
            };
            return u(unit, j + 2);
        }
        "metric" if matches!(d.lw(j + 1), "tons" | "tonnes" | "ton" | "tonne") => {
            return u("t", j + 2)
        }
        "nautical" if matches!(d.lw(j + 1), "miles" | "mile") => return u("nmi", j + 2),
        "degrees" | "degree" => {
            return match d.lw(j + 1) {
                "celsius" | "c" | "centigrade" => u("degC", j + 2),
                "fahrenheit" | "f" => u("degF", j + 2),
                _ => {
                    let a = j.saturating_sub(60).max(lo);
                    let b = (j + 30).min(hi);
                    let fahr = (a..b).any(|k| matches!(d.lw(k), "fahrenheit" | "f"));
                    let angle = matches!(
                        d.lw(j + 1),
                        "east" | "west" | "north" | "south" | "angle" | "turn"
                    );
                    if angle {
                        None
                    } else {
                        u(if fahr { "degF" } else { "degC" }, j + 1)
                    }
                }
            };
        }
        "c" if glued && raw == "C" && !(d.is_w(j + 1) && d.glued(j + 1)) => {
            return u("degC", j + 1)
        }
        "f" if glued && raw == "F" && !(d.is_w(j + 1) && d.glued(j + 1)) && !d.is_dash(j + 1) => {
            return u("degF", j + 1)
        }
        "of" if c.vague || c.scaled => {
            // "tens of billions of dollars", "millions of people"
            let n = d.lw(j + 1);
            if let Some(cur) = lex::currency_word(n) {
                if n != "won" {
                    return u(cur, j + 2);
                }
            }
            return None;
        }
        _ => {}
    }
    if let Some(uu) = currency_after(d, j, w, c, money) {
        return Some(uu);
    }
    if let Some(cur) = lex::iso_code(raw) {
        if raw.len() == 3 {
            return u(cur, j + 1);
        }
    }
    if let Some((unit, mult)) = lex::time_unit(w) {
        if matches!(w, "h" | "hr") && !glued {
            return None;
        }
        if (w == "year" || w == "years") && d.lw(j + 1) == "old" && !c.scaled {
            return Some(U {
                unit: "age",
                next: j + 2,
                mult: Decimal::ONE,
                kind: Kind::Age,
            });
        }
        if matches!(
            w,
            "second" | "minute" | "hour" | "day" | "week" | "month" | "year" | "decade"
        ) && !(c.v == Decimal::ONE || c.v.fract() != Decimal::ZERO)
        {
            return None;
        }
        return um(unit, j + 1, Decimal::from(mult.max(1)));
    }
    if let Some(unit) = lex::unit_word(w, raw) {
        let single = raw.len() == 1;
        if single && !glued && unit != "m" {
            return None;
        }
        if unit == "m" && (money || c.scaled) {
            return None;
        }
        // km/h
        if unit == "km"
            && d.is_sym(j + 1, '/')
            && d.glued(j + 1)
            && matches!(d.lw(j + 2), "h" | "hr")
        {
            return u("km/h", j + 3);
        }
        if matches!(unit, "km" | "m") && d.glued(j + 1) {
            if d.is_sym(j + 1, '²') || (d.is_n(j + 1) && d.raw(j + 1) == "2") {
                return u(if unit == "km" { "km2" } else { "m2" }, j + 2);
            }
            if d.is_sym(j + 1, '³') || (d.is_n(j + 1) && d.raw(j + 1) == "3") {
                return u("m3", j + 2);
            }
        }
        if unit == "bbl" && d.lw(j + 1) == "per" && d.lw(j + 2) == "day" {
            return u("bbl", j + 3);
        }
        return u(unit, j + 1);
    }
    None
}

/// Hedge words ending right before token `t0`. Returns (first hedge token, approx).
pub(super) fn hedge_before(d: &Doc, t0: usize, lo: usize) -> (usize, Approx) {
    let mut best: (usize, Approx) = (t0, Approx::Exact);
    if t0 <= lo {
        return best;
    }
    // fast path: the word before must end a hedge phrase (or be an article after one)
    let pw = d.lw(t0 - 1);
    if !d.is_sym(t0 - 1, '~')
        && !d.is_sym(t0 - 1, '.')
        && !matches!(
            pw,
            "than"
                | "over"
                | "least"
                | "of"
                | "exceeding"
                | "above"
                | "beyond"
                | "under"
                | "to"
                | "below"
                | "most"
                | "as"
                | "about"
                | "approximately"
                | "approx"
                | "nearly"
                | "almost"
                | "some"
                | "roughly"
                | "around"
                | "estimated"
                | "circa"
                | "approximate"
                | "a"
                | "an"
                | "topped"
                | "tops"
                | "topping"
                | "exceeded"
                | "exceeds"
                | "surpassed"
                | "surpassing"
                | "surpasses"
                | "eclipsed"
                | "outstripped"
        )
    {
        return best;
    }
    if t0 > lo && d.is_sym(t0 - 1, '~') {
        return (t0 - 1, Approx::About);
    }
    // "about a 60% chance": a hedge before the article
    let skip_a = t0 > lo + 1 && matches!(d.lw(t0 - 1), "a" | "an");
    for (words, a) in lex::HEDGES {
        let n = words.len();
        if *a == 3 && n == 2 && words[0] == "or" {
            continue;
        }
        let mut k = if skip_a && *a == 3 { t0 - 1 } else { t0 };
        // allow "approx." with its period
        if words[0] == "approx" && k >= lo + 2 && d.is_sym(k - 1, '.') {
            k -= 1;
        }
        if k < lo + n {
            continue;
        }
        let start = k - n;
        if (0..n).all(|x| d.is_w(start + x) && d.lw(start + x) == words[x]) {
            // "more than" preceded by "no" is covered by the longer entry
            if start < best.0 {
                let ap = match a {
                    1 => Approx::MoreThan,
                    2 => Approx::LessThan,
                    _ => Approx::About,
                };
                best = (start, ap);
            }
        }
    }
    if best.0 == t0 && t0 > lo {
        // verbs that say "more than": "topped 700,000", "exceeded $1bn"
        if matches!(
            d.lw(t0 - 1),
            "topped"
                | "tops"
                | "topping"
                | "exceeded"
                | "exceeding"
                | "exceeds"
                | "surpassed"
                | "surpassing"
                | "surpasses"
                | "eclipsed"
                | "outstripped"
        ) {
            return (t0, Approx::MoreThan);
        }
    }
    // "just over", "well over", "slightly more than"
    if best.0 < t0
        && best.0 > lo
        && matches!(d.lw(best.0 - 1), "just" | "well" | "slightly" | "far")
    {
        best.0 -= 1;
    }
    best
}

/// Forward hedges after a quantity ending at `j`.
fn hedge_after(d: &Doc, j: usize) -> Option<Approx> {
    let w = d.lw(j);
    if w == "or" {
        return match d.lw(j + 1) {
            "more" | "higher" | "above" | "over" => Some(Approx::MoreThan),
            "less" | "fewer" | "lower" | "below" => Some(Approx::LessThan),
            "so" => Some(Approx::About),
            _ => None,
        };
    }
    if d.is_sym(j, '+') && d.glued(j) {
        return Some(Approx::MoreThan);
    }
    if d.is_dash(j) && d.glued(j) && d.glued(j + 1) {
        return match d.lw(j + 1) {
            "plus" => Some(Approx::MoreThan),
            "odd" => Some(Approx::About),
            _ => None,
        };
    }
    if w == "plus" && d.glued(j) {
        return Some(Approx::MoreThan);
    }
    None
}

fn is_ampm(d: &Doc, j: usize) -> Option<usize> {
    let w = d.lw(j);
    if matches!(w, "am" | "pm") {
        return Some(j + 1);
    }
    if matches!(w, "a" | "p")
        && d.is_sym(j + 1, '.')
        && d.glued(j + 1)
        && d.lw(j + 2) == "m"
        && d.glued(j + 2)
    {
        return Some(if d.is_sym(j + 3, '.') && d.glued(j + 3) {
            j + 4
        } else {
            j + 3
        });
    }
    None
}

fn timezone(w: &str) -> bool {
    matches!(
        w,
        "gmt"
            | "utc"
            | "et"
            | "est"
            | "edt"
            | "pt"
            | "pst"
            | "pdt"
            | "cet"
            | "cest"
            | "bst"
            | "kst"
            | "jst"
            | "local"
            | "hours"
            | "hrs"
            | "msk"
            | "ist"
            | "ct"
            | "cst"
            | "cdt"
    )
}

const LABEL_WORDS: &[&str] = &[
    "no",
    "nos",
    "number",
    "article",
    "section",
    "chapter",
    "resolution",
    "page",
    "pages",
    "room",
    "flight",
    "route",
    "highway",
    "gate",
    "platform",
    "vol",
    "volume",
    "fig",
    "figure",
    "table",
    "annex",
    "paragraph",
    "clause",
    "amendment",
    "episode",
    "season",
    "game",
    "stage",
    "round",
    "phase",
    "line",
    "bus",
    "terminal",
    "track",
    "lot",
    "block",
    "apt",
    "suite",
    "box",
    "exit",
    "pier",
    "level",
    "grade",
    "category",
    "class",
    "type",
    "model",
    "version",
    "series",
    "division",
    "district",
    "precinct",
    "ward",
    "zone",
    "sector",
    "unit",
    "item",
    "rule",
    "regulation",
    "bill",
    "act",
    "law",
    "decree",
    "order",
    "ref",
    "code",
    "id",
    "tel",
    "phone",
    "fax",
    "ext",
    "hotline",
    "mark",
    "mk",
    "iphone",
    "galaxy",
    "windows",
    "ios",
    "android",
    "apollo",
    "boeing",
    "airbus",
    "channel",
    "studio",
    "hall",
    "building",
    "floor",
    "seat",
    "row",
    "week",
    "day",
    "matchday",
    "stage",
    "lane",
    "street",
    "avenue",
    "road",
    "number",
    "count",
    "counts",
    "step",
    "tier",
];

/// Token `k` is a plain word that can glue to a number without making it a label.
fn ok_glued_suffix(d: &Doc, k: usize) -> bool {
    let w = d.lw(k);
    if matches!(d.raw(k), "C" | "F") {
        return true;
    }
    lex::scale(w).is_some()
        || lex::time_unit(w).is_some()
        || lex::unit_word(w, d.raw(k)).is_some()
        || lex::currency_word(w).is_some()
        || lex::iso_code(d.raw(k)).is_some()
        || matches!(
            w,
            "st" | "nd"
                | "rd"
                | "th"
                | "s"
                | "x"
                | "pc"
                | "am"
                | "pm"
                | "a"
                | "p"
                | "bps"
                | "bp"
                | "pp"
                | "pts"
                | "kmh"
                | "kph"
                | "mph"
                | "kwh"
        )
}

fn phone_at(d: &Doc, i: usize, lo: usize, hi: usize) -> Option<usize> {
    // Groups of digits joined by - . space or ( ) with >= 7 digits total.
    let plus = i > lo && d.is_sym(i - 1, '+') && d.glued(i);
    let paren = i > lo && d.is_sym(i - 1, '(') && d.is_sym(i + 1, ')') && d.raw(i).len() == 3;
    let lead0 = d.raw(i).starts_with('0') && d.raw(i).len() >= 2;
    let prev_word = (i > lo
        && matches!(
            d.lw(i - 1),
            "tel"
                | "phone"
                | "fax"
                | "call"
                | "hotline"
                | "telephone"
                | "mobile"
                | "cell"
                | "contact"
                | "whatsapp"
        ))
        || (i > lo + 1
            && matches!(
                d.lw(i - 2),
                "tel"
                    | "phone"
                    | "fax"
                    | "hotline"
                    | "telephone"
                    | "mobile"
                    | "enquiries"
                    | "inquiries"
                    | "contact"
            )
            && d.is_sym(i - 1, ':'));
    let loose = plus || paren || lead0 || prev_word;
    let mut j = i;
    let mut groups = 0;
    let mut digits = 0;
    let mut seps_glued = true;
    let mut last = i;
    while j < hi && groups < 9 {
        if !d.is_n(j) || d.toks[j].grouped || (has_decimal(d, j) && groups > 0) {
            break;
        }
        groups += 1;
        digits += d.raw(j).len();
        last = j;
        let s = j + 1;
        if s < hi
            && matches!(d.sym(s), Some('-' | '.' | ')' | '–'))
            && d.is_n(s + 1)
            && (d.glued(s + 1) || d.sym(s) == Some(')'))
        {
            if !d.glued(s) && d.sym(s) != Some(')') {
                seps_glued = false;
            }
            j = s + 1;
        } else if s < hi
            && d.is_n(s)
            && d.toks[s].sp
            && (loose || (groups >= 2 && d.raw(s).len() >= 3))
            && !d.is_sym(s + 1, '%')
        {
            j = s;
        } else {
            break;
        }
    }
    let ok = digits >= 7 && groups >= 2 && (loose || (groups >= 3 && seps_glued));
    if ok {
        Some(last + 1)
    } else {
        None
    }
}

fn date_text(y: Option<i32>, m: Option<u32>, dd: Option<u32>) -> String {
    match (y, m, dd) {
        (Some(y), Some(m), Some(dd)) => format!("{y:04}-{m:02}-{dd:02}"),
        (Some(y), Some(m), None) => format!("{y:04}-{m:02}"),
        (None, Some(m), Some(dd)) => format!("--{m:02}-{dd:02}"),
        (None, None, Some(dd)) => format!("---{dd:02}"),
        (Some(y), None, _) => format!("{y:04}"),
        (None, Some(m), None) => format!("--{m:02}"),
        (None, None, None) => String::new(),
    }
}

pub(super) fn finish_date(m: &mut M, doc_year: Option<i32>) {
    if let Some((y, mo, dd)) = m.ymd {
        let y = if y.is_none() && mo.is_some() && dd.is_some() {
            doc_year
        } else {
            y
        };
        m.value = Some(Value::Text(date_text(y, mo, dd)));
    }
}

fn ordinal_suffix(d: &Doc, i: usize) -> bool {
    d.is_w(i + 1) && d.glued(i + 1) && matches!(d.lw(i + 1), "st" | "nd" | "rd" | "th")
}

fn month_at(d: &Doc, i: usize) -> Option<u32> {
    if !d.is_w(i) || !d.cap(i) {
        return None;
    }
    let raw = d.raw(i);
    let m = lex::month(raw)?;
    // "May", "March" as words need a day/year after; abbreviations only when capitalized.
    Some(m)
}

fn year_val(d: &Doc, i: usize) -> Option<i32> {
    let v = small_int(d, i, 4)?;
    if d.raw(i).len() == 4 && (1000..=2200).contains(&v) {
        Some(v as i32)
    } else {
        None
    }
}

/// Date starting at a month name: "August 14", "Aug. 14, 2025", "August 2025".
fn date_from_month(d: &Doc, sent: usize, i: usize, hi: usize) -> Option<M> {
    let mo = month_at(d, i)?;
    let mut j = i + 1;
    if d.is_sym(j, '.') && d.glued(j) {
        j += 1;
    }
    if j >= hi {
        return None;
    }
    if let Some(day) = small_int(d, j, 2) {
        if !(1..=31).contains(&day) || d.toks[j].grouped || has_decimal(d, j) {
            return None;
        }
        let mut end = j + 1;
        if ordinal_suffix(d, j) {
            end = j + 2;
        }
        let mut high = None;
        // "August 14-16"
        if d.is_dash(end) && d.glued(end) && d.glued(end + 1) {
            if let Some(d2) = small_int(d, end + 1, 2) {
                if d2 > day && d2 <= 31 {
                    high = Some(d2);
                    end += 2;
                }
            }
        }
        let mut y = None;
        let mut k = end;
        if d.is_sym(k, ',') {
            k += 1;
        }
        if let Some(yy) = year_val(d, k) {
            if !(d.is_w(k + 1) && lex::person_noun(d.lw(k + 1))) {
                y = Some(yy);
                end = k + 1;
            }
        }
        let mut m = M::new(d, sent, i, end, Kind::Date);
        m.unit = Some("date");
        m.ymd = Some((y, Some(mo), Some(day)));
        if let Some(h) = high {
            m.high = Some(Value::Text(date_text(y, Some(mo), Some(h))));
            m.approx = Approx::Range;
        }
        return Some(m);
    }
    if let Some(y) = year_val(d, j) {
        let mut m = M::new(d, sent, i, j + 1, Kind::Date);
        m.unit = Some("date");
        m.ymd = Some((Some(y), Some(mo), None));
        return Some(m);
    }
    None
}

fn is_change_verb(w: &str) -> bool {
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

/// Finds all mentions in the document, sentence by sentence, in text order.
pub(super) fn find_all(d: &Doc) -> Vec<M> {
    let mut out: Vec<M> = Vec::new();
    for (si, s) in d.sents.iter().enumerate() {
        let (lo, hi) = (s.lo, s.hi);
        let mut i = lo;
        while i < hi {
            match at(d, si, i, lo, hi) {
                // a mention never crosses its sentence (look-ahead may peek past `hi`)
                Some(m) if m.t0 < lo || m.t1 > hi || m.t0 >= m.t1 || m.h0 < lo => i += 1,
                Some(m) => {
                    let next = m.t1.max(i + 1);
                    merge_or_push(d, &mut out, m);
                    i = next;
                }
                None => i += 1,
            }
        }
    }
    out
}

/// Compound durations: "34 minutes and 22 seconds", "two hours, two minutes and 16 seconds".
fn merge_or_push(d: &Doc, out: &mut Vec<M>, m: M) {
    if let Some(last) = out.last_mut() {
        if last.sent == m.sent
            && last.unit == Some("duration")
            && m.unit == Some("duration")
            && last.kind == Kind::Quantity
            && m.kind == Kind::Quantity
            && last.high.is_none()
            && m.high.is_none()
            && m.h0 == m.t0
            && m.t0 >= last.t1
            && m.t0 - last.t1 <= 2
            && (last.t1..m.t0).all(|k| d.is_sym(k, ',') || d.lw(k) == "and")
        {
            if let (Some(a), Some(b)) = (last.num(), m.num()) {
                if b < a && !d.glued(m.t0) {
                    last.value = Some(Value::Number(a + b));
                    last.t1 = m.t1;
                    last.e = m.e;
                    return;
                }
            }
        }
    }
    out.push(m);
}

fn label(d: &Doc, sent: usize, t0: usize, t1: usize, v: Option<Decimal>) -> M {
    let mut m = M::new(d, sent, t0, t1, Kind::Label);
    m.unit = None;
    // identifiers carry no value (the digits are part of a name or code)
    let _ = v;
    m
}

/// The mention starting at token `i`, if any.
fn at(d: &Doc, sent: usize, i: usize, lo: usize, hi: usize) -> Option<M> {
    let tok = d.toks[i];
    match tok.k {
        K::S(c) => {
            // Currency symbol before a number.
            let cur = lex::currency_symbol(c)?;
            let mut t0 = i;
            let mut cur = cur;
            if c == '$' && i > lo && d.is_w(i - 1) && d.glued(i) {
                if let Some(c2) = lex::dollar_prefix(d.raw(i - 1)) {
                    cur = c2;
                    t0 = i - 1;
                }
            }
            if c == '¥' {
                let b = (i + 6).min(hi);
                if (i..b).any(|k| matches!(d.lw(k), "yuan" | "renminbi" | "rmb")) {
                    cur = "CNY";
                }
            }
            let mut neg = false;
            if i > lo
                && matches!(d.sym(i - 1), Some('-' | '−'))
                && d.glued(i)
                && (d.toks[i - 1].sp || i - 1 == lo)
            {
                t0 = i - 1;
                neg = true;
            }
            let ni = i + 1;
            // "$(53) million": bracketed negative amount
            if d.is_sym(ni, '(') && d.glued(ni) && d.is_n(ni + 1) && d.is_sym(ni + 2, ')') {
                return bracketed(d, sent, t0, ni + 1, lo, hi, Some(cur));
            }
            if !(ni < hi && d.is_n(ni)) {
                return None;
            }
            money_from(d, sent, t0, ni, lo, hi, Some(cur), neg)
        }
        K::W => word_at(d, sent, i, lo, hi),
        K::N => number_at(d, sent, i, lo, hi),
    }
}

/// "(100) billion won", "$(53) million": number `ni` sits between parentheses.
fn bracketed(
    d: &Doc,
    sent: usize,
    t0: usize,
    ni: usize,
    lo: usize,
    hi: usize,
    cur: Option<&'static str>,
) -> Option<M> {
    let mut v = parse_num(d, ni)?;
    let mut j = ni + 2;
    let mut scaled = false;
    if let Some((p, nj)) = scale_at(d, j, hi, true) {
        v = v.checked_mul(pow10(p))?;
        j = nj;
        scaled = true;
    }
    let c = Core {
        v,
        next: j,
        scaled,
        spelled: false,
        vague: false,
    };
    let mut unit = cur;
    if let Some(uu) = unit_at(d, j, lo, hi, &c, true) {
        if is_iso(uu.unit) {
            unit = Some(uu.unit);
            j = uu.next;
        }
    }
    if unit.is_none() && !scaled && !d.toks[ni].grouped {
        return None;
    }
    let mut m = M::new(d, sent, t0, j, Kind::Quantity);
    m.value = Some(Value::Number(-v));
    m.unit = unit;
    m.bare = unit.is_none();
    m.scaled = scaled;
    Some(m)
}

fn is_iso(u: &str) -> bool {
    u.len() == 3 && u.bytes().all(|b| b.is_ascii_uppercase())
}

/// Exchange rates: "1,365.4 per dollar" after "the won ..." -> KRW.
fn rate_currency(d: &Doc, end: usize, lo: usize, t0: usize) -> Option<&'static str> {
    let per = (d.lw(end) == "per" || d.lw(end) == "a")
        && matches!(d.lw(end + 1), "dollar" | "euro" | "pound" | "yen" | "yuan");
    let to_the = matches!(d.lw(end), "to" | "against" | "versus")
        && d.lw(end + 1) == "the"
        && matches!(d.lw(end + 2), "dollar" | "euro");
    if !(per || to_the) {
        return None;
    }
    let other = if per { d.lw(end + 1) } else { d.lw(end + 2) };
    let a = t0.saturating_sub(30).max(lo);
    (a..t0).rev().find_map(|k| {
        let w = d.lw(k);
        if w == other {
            return None;
        }
        match lex::currency_word(w) {
            Some(c) if !matches!(w, "pound" | "pounds" | "dollar" | "dollars") || per => Some(c),
            _ => None,
        }
    })
}

/// Money with a known currency prefix, or a general number when `cur` is None.
#[allow(clippy::too_many_arguments)]
fn money_from(
    d: &Doc,
    sent: usize,
    t0: usize,
    ni: usize,
    lo: usize,
    hi: usize,
    cur: Option<&'static str>,
    neg: bool,
) -> Option<M> {
    let money = cur.is_some();
    let c = core_at(d, ni, hi, money)?;
    let mut unit: Option<&'static str> = cur;
    let mut kind = Kind::Quantity;
    let mut end = c.next;
    let mut v = c.v;
    if neg {
        v = -v;
    }
    if let Some(uu) = unit_at(d, end, lo, hi, &c, money) {
        if money {
            // "$50 million USD" or "¥100 yuan": the word refines the symbol's currency
            if is_iso(uu.unit) {
                unit = Some(uu.unit);
                end = uu.next;
            }
        } else {
            unit = Some(uu.unit);
            kind = uu.kind;
            end = uu.next;
            if uu.mult != Decimal::ONE {
                v = v.checked_mul(uu.mult)?;
            }
        }
    }
    if unit.is_none() {
        unit = rate_currency(d, end, lo, t0);
    }
    let bare = unit.is_none();
    let mut m = M::new(d, sent, t0, end, kind);
    m.value = Some(Value::Number(v));
    m.unit = unit;
    m.scaled = c.scaled;
    m.spelled = c.spelled;
    m.bare = bare;
    if c.vague {
        m.approx = Approx::MoreThan;
    }
    // Range: "3-5%", "$5 billion to $7 billion", "3 and 5 percent" (after "between").
    let (h0, ap) = hedge_before(d, t0, lo);
    let between = t0 > lo && d.lw(t0 - 1) == "between";
    let from = t0 > lo && d.lw(t0 - 1) == "from";
    let change_before = {
        let a = t0.saturating_sub(3).max(lo);
        (a..t0).any(|k| is_change_verb(d.lw(k)))
    };
    let conn = end;
    let conn_ok = conn < hi
        && ((d.is_dash(conn)
            && ((d.glued(conn) && d.glued(conn + 1)) || d.sym(conn) == Some('–')))
            || (d.lw(conn) == "to" && !change_before)
            || (d.lw(conn) == "and" && between));
    if conn_ok && !c.vague {
        if let Some(r) = range_from(d, &m, &c, conn, lo, hi, cur, kind, between, from) {
            return Some(r);
        }
    }
    let during = matches!(m.unit, Some("years" | "months" | "duration"))
        && t0 > lo
        && d.lw(t0 - 1) == "over";
    if ap != Approx::Exact && !during {
        m.approx = ap;
        m.h0 = h0;
    }
    if let Some(a) = hedge_after(d, m.t1) {
        m.approx = a;
    }
    Some(m)
}

#[allow(clippy::too_many_arguments)]
fn range_from(
    d: &Doc,
    m: &M,
    c: &Core,
    conn: usize,
    lo: usize,
    hi: usize,
    cur: Option<&'static str>,
    kind: Kind,
    between: bool,
    from: bool,
) -> Option<M> {
    let money = cur.is_some();
    let t0 = m.t0;
    let mut n2 = conn + 1;
    let mut cur2 = None;
    if let Some(sc) = d.sym(n2) {
        if let Some(c2) = lex::currency_symbol(sc) {
            cur2 = Some(c2);
            n2 += 1;
        }
    }
    if d.is_w(n2) && d.is_sym(n2 + 1, '$') && lex::dollar_prefix(d.raw(n2)).is_some() {
        cur2 = lex::dollar_prefix(d.raw(n2));
        n2 += 2;
    }
    let money2 = money || cur2.is_some();
    let second_ok = n2 < hi
        && (d.is_n(n2) || (c.spelled && (lex::num_word(d.lw(n2)).is_some() || d.lw(n2) == "a")))
        && (year_val(d, n2).is_none() || money2 || !d.is_dash(conn));
    if !second_ok {
        return None;
    }
    let c2 = match core_at(d, n2, hi, money2) {
        Some(c2) => c2,
        None => fraction_core(d, n2, hi)?,
    };
    let mut e2 = c2.next;
    let mut unit2 = cur2.or(cur);
    let mut kind2 = kind;
    let mut v2 = c2.v;
    let mut mult2 = Decimal::ONE;
    if let Some(uu) = unit_at(d, e2, lo, hi, &c2, money2) {
        if money2 {
            if is_iso(uu.unit) {
                unit2 = Some(uu.unit);
                e2 = uu.next;
            }
        } else {
            unit2 = Some(uu.unit);
            kind2 = uu.kind;
            e2 = uu.next;
            mult2 = uu.mult;
        }
    }
    let compatible = match (m.unit, unit2) {
        (None, _) => true,
        (Some(a), Some(b)) => a == b,
        (Some(_), None) => false,
    };
    // Both sides with their own unit and no "between": two separate values ("from 400 km to 72,000 km").
    let both_units = m.unit.is_some() && unit2.is_some() && !money;
    if !compatible || (both_units && !between && d.lw(conn) == "to") {
        return None;
    }
    let _ = from;
    let mut v1 = m.num()?;
    if m.unit.is_none() && mult2 != Decimal::ONE {
        v1 = v1.checked_mul(mult2)?;
    }
    if mult2 != Decimal::ONE {
        v2 = v2.checked_mul(mult2)?;
    }
    if !c.scaled && c2.scaled && !c.spelled && d.is_n(n2) {
        // "5-7 billion": the scale applies to both ends.
        if let Some(b2) = parse_num(d, n2) {
            if !b2.is_zero() {
                if let Some(f) = c2.v.checked_div(b2) {
                    v1 = v1.checked_mul(f).unwrap_or(v1);
                }
            }
        }
    }
    if v1 >= v2 {
        return None;
    }
    let mut r = m.clone();
    r.value = Some(Value::Number(v1));
    r.high = Some(Value::Number(v2));
    r.unit = unit2.or(m.unit);
    r.kind = if kind == Kind::Quantity { kind2 } else { kind };
    r.t1 = e2;
    r.e = d.toks[e2 - 1].e();
    r.approx = Approx::Range;
    r.scaled = c.scaled || c2.scaled;
    r.bare = r.unit.is_none();
    r.h0 = if between || from { t0 - 1 } else { t0 };
    Some(r)
}

/// Fractions: "a third", "two-thirds", "half", "one in four", "1 in 3".
fn fraction_core(d: &Doc, i: usize, hi: usize) -> Option<Core> {
    let w = d.lw(i);
    let denom = |w: &str| -> Option<u32> {
        Some(match w {
            "half" | "halves" => 2,
            "third" | "thirds" => 3,
            "quarter" | "quarters" | "fourth" | "fourths" => 4,
            "fifth" | "fifths" => 5,
            "sixth" | "sixths" => 6,
            "seventh" | "sevenths" => 7,
            "eighth" | "eighths" => 8,
            "ninth" | "ninths" => 9,
            "tenth" | "tenths" => 10,
            _ => return None,
        })
    };
    let mk = |n: u32, dn: u32, next: usize| -> Option<Core> {
        let v = (Decimal::from(n) / Decimal::from(dn))
            .round_dp(6)
            .normalize();
        Some(Core {
            v,
            next,
            scaled: false,
            spelled: true,
            vague: false,
        })
    };
    // "a third", "one-third", "two-thirds", "three quarters"
    let num = match w {
        "a" | "an" => Some(1),
        _ => lex::num_word(w)
            .map(|n| n as u32)
            .filter(|&n| n > 0 && n < 10),
    };
    if let Some(n) = num {
        let mut j = i + 1;
        if d.is_dash(j) && d.glued(j) && d.glued(j + 1) {
            j += 1;
        }
        if j < hi {
            if let Some(dn) = denom(d.lw(j)) {
                let plural = d.lw(j).ends_with('s');
                if (n == 1) != plural && !(dn == 2 && n != 1) {
                    return mk(n, dn, j + 1);
                }
            }
            // "one in four"
            if d.lw(i + 1) == "in" && n >= 1 {
                let k = i + 2;
                let dn = lex::num_word(d.lw(k))
                    .map(|x| x as u32)
                    .or_else(|| small_int(d, k, 3));
                if let Some(dn) = dn {
                    if dn > n && k < hi {
                        return mk(n, dn, k + 1);
                    }
                }
            }
        }
        return None;
    }
    if d.is_n(i) && d.lw(i + 1) == "in" {
        let n = small_int(d, i, 2)?;
        let k = i + 2;
        let dn = small_int(d, k, 3).or_else(|| lex::num_word(d.lw(k)).map(|x| x as u32))?;
        if n >= 1 && dn > n && k < hi {
            return mk(n, dn, k + 1);
        }
    }
    None
}

fn number_at(d: &Doc, sent: usize, i: usize, lo: usize, hi: usize) -> Option<M> {
    let raw = d.raw(i);
    let prev_glued_word = i > lo && d.glued(i) && d.is_w(i - 1);
    let prev_dash_word =
        i > lo + 1 && d.glued(i) && d.is_dash(i - 1) && d.glued(i - 1) && d.is_w(i - 2);
    // Currency code glued or spaced before: "USD7.5bn", "EUR 20 million", "Rs. 500"
    if i > lo && d.is_w(i - 1) {
        if let Some(cur) = lex::iso_code(d.raw(i - 1)) {
            return money_from(d, sent, i - 1, i, lo, hi, Some(cur), false);
        }
    }
    if i > lo + 1 && d.is_sym(i - 1, '.') && d.is_w(i - 2) && matches!(d.raw(i - 2), "Rs" | "Rp") {
        return money_from(
            d,
            sent,
            i - 2,
            i,
            lo,
            hi,
            lex::iso_code(d.raw(i - 2)),
            false,
        );
    }
    if prev_glued_word
        && d.raw(i - 1) == "R"
        && (d.toks[i].grouped || scale_at(d, i + 1, hi, true).is_some())
    {
        return money_from(d, sent, i - 1, i, lo, hi, Some("ZAR"), false);
    }
    if prev_glued_word && d.lw(i - 1) == "fy" {
        if let Some(y) = year_val(d, i) {
            let mut m = M::new(d, sent, i - 1, i + 1, Kind::Year);
            m.unit = Some("year");
            m.value = Some(Value::Number(Decimal::from(y)));
            return Some(m);
        }
    }
    // Phone numbers
    if let Some(e) = phone_at(d, i, lo, hi) {
        let t0 = if i > lo && matches!(d.sym(i - 1), Some('+' | '(')) {
            i - 1
        } else {
            i
        };
        let mut e = e;
        if d.is_sym(e, ')') && d.glued(e) && d.is_sym(t0, '(') {
            e += 1;
        }
        return Some(label(d, sent, t0, e, None));
    }
    // Codes: F-35, COVID-19, G7, A380, SA.112733, XFG.3, doi:10.1056, #0507-25
    let prev_sym_code = i > lo + 1
        && d.glued(i)
        && matches!(d.sym(i - 1), Some('.' | ':' | '/' | '_' | '#' | '\\'))
        && d.glued(i - 1)
        && (d.is_w(i - 2) || d.is_n(i - 2));
    let hash = i > lo && d.is_sym(i - 1, '#') && d.glued(i);
    if prev_dash_word || (prev_glued_word && !d.is_sym(i + 1, '$')) || prev_sym_code || hash {
        let mut j = i + 1;
        while j < hi
            && d.glued(j)
            && (d.is_w(j)
                || d.is_n(j)
                || (matches!(d.sym(j), Some('-' | '.' | '/' | ':' | '_'))
                    && d.glued(j + 1)
                    && (d.is_n(j + 1) || d.is_w(j + 1))))
        {
            j += if d.is_w(j) || d.is_n(j) { 1 } else { 2 };
        }
        let t0 = if prev_dash_word {
            i - 2
        } else if hash || prev_sym_code {
            i - 1 - usize::from(prev_sym_code && !hash)
        } else {
            i - 1
        };
        return Some(label(d, sent, t0, j.min(hi), parse_num(d, i)));
    }
    // Glued letters after: "5G", "3D", "4x4"
    if d.is_w(i + 1) && d.glued(i + 1) && i + 1 < hi && !ok_glued_suffix(d, i + 1) {
        let mut j = i + 2;
        while j < hi && d.glued(j) && (d.is_w(j) || d.is_n(j)) {
            j += 1;
        }
        return Some(label(d, sent, i, j, parse_num(d, i)));
    }
    // ISO date 2025-08-14
    if let Some(y) = year_val(d, i) {
        if d.is_sym(i + 1, '-')
            && d.glued(i + 1)
            && d.glued(i + 2)
            && d.is_sym(i + 3, '-')
            && d.glued(i + 3)
            && d.glued(i + 4)
        {
            if let (Some(mo), Some(dd)) = (small_int(d, i + 2, 2), small_int(d, i + 4, 2)) {
                if (1..=12).contains(&mo) && (1..=31).contains(&dd) {
                    let mut m = M::new(d, sent, i, i + 5, Kind::Date);
                    m.unit = Some("date");
                    m.ymd = Some((Some(y), Some(mo), Some(dd)));
                    return Some(m);
                }
            }
        }
    }
    // Slash dates 14/08/2025; other slash pairs (24/7, 2024/25) are labels.
    if d.is_sym(i + 1, '/') && d.glued(i + 1) && d.is_n(i + 2) && d.glued(i + 2) {
        if d.is_sym(i + 3, '/') && d.glued(i + 3) && d.is_n(i + 4) && d.glued(i + 4) {
            let a = small_int(d, i, 2);
            let b = small_int(d, i + 2, 2);
            let yr = small_int(d, i + 4, 4);
            if let (Some(a), Some(b), Some(yr)) = (a, b, yr) {
                let y = if d.raw(i + 4).len() == 2 {
                    2000 + yr as i32
                } else {
                    yr as i32
                };
                let (mo, dd) = if a > 12 { (b, a) } else { (a, b) };
                if (1..=12).contains(&mo) && (1..=31).contains(&dd) {
                    let mut m = M::new(d, sent, i, i + 5, Kind::Date);
                    m.unit = Some("date");
                    m.ymd = Some((Some(y), Some(mo), Some(dd)));
                    return Some(m);
                }
            }
            return Some(label(d, sent, i, i + 5, None));
        }
        // fiscal years: "2024/25"
        if let (Some(y), Some(y2)) = (year_val(d, i), small_int(d, i + 2, 2)) {
            if d.raw(i + 2).len() == 2 && (y + 1) % 100 == y2 as i32 {
                let mut m = M::new(d, sent, i, i + 3, Kind::Year);
                m.unit = Some("year");
                m.value = Some(Value::Number(Decimal::from(y)));
                return Some(m);
            }
        }
        // digit fractions: "3/4 of voters", "about 1/3"
        if let (Some(a), Some(b)) = (small_int(d, i, 1), small_int(d, i + 2, 2)) {
            let hedged = hedge_before(d, i, lo).1 != Approx::Exact;
            if a >= 1 && a < b && b <= 10 && (d.lw(i + 3) == "of" || hedged) {
                let mut m = M::new(d, sent, i, i + 3, Kind::Quantity);
                m.unit = Some("ratio");
                let v = (Decimal::from(a) / Decimal::from(b))
                    .round_dp(6)
                    .normalize();
                m.value = Some(Value::Number(v));
                let (h0, ap) = hedge_before(d, i, lo);
                if ap != Approx::Exact {
                    m.h0 = h0;
                    m.approx = ap;
                }
                return Some(m);
            }
        }
        return Some(label(d, sent, i, i + 3, parse_num(d, i)));
    }
    // Clock and race times.
    if d.is_sym(i + 1, ':')
        && d.glued(i + 1)
        && d.is_n(i + 2)
        && d.glued(i + 2)
        && d.raw(i + 2).len() >= 2
    {
        return clock(d, sent, i, lo, hi);
    }
    // Leading zeros: codes, not quantities ("000", "0300")
    if raw.len() >= 2 && raw.starts_with('0') && !raw.contains('.') && !raw.contains(',') {
        return Some(label(d, sent, i, i + 1, None));
    }
    // List enumerators: "Results: 1. Name", "Notes  1. Figures"
    if let Some(n) = small_int(d, i, 2) {
        let line_start = d.toks[i].nl > 0 || i == 0;
        let after_colon = i > lo && matches!(d.sym(i - 1), Some(':' | ';'));
        if n < 100
            && d.is_sym(i + 1, '.')
            && d.glued(i + 1)
            && (i + 2 >= hi || d.cap(i + 2))
            && (line_start || after_colon || i == lo)
        {
            return Some(label(d, sent, i, i + 2, Some(Decimal::from(n))));
        }
    }
    // Ordinal numbers "21st"
    if ordinal_suffix(d, i) {
        let n = small_int(d, i, 4)?;
        let after = i + 2;
        // "21st of August", "21st August"
        let mut k = after;
        if d.lw(k) == "of" {
            k += 1;
        }
        if let Some(mo) = month_at(d, k) {
            if (1..=31).contains(&n) {
                let mut end = k + 1;
                let mut y = None;
                let mut kk = end;
                if d.is_sym(kk, ',') {
                    kk += 1;
                }
                if let Some(yy) = year_val(d, kk) {
                    y = Some(yy);
                    end = kk + 1;
                }
                let mut m = M::new(d, sent, i, end, Kind::Date);
                m.unit = Some("date");
                m.ymd = Some((y, Some(mo), Some(n)));
                return Some(m);
            }
        }
        let the_before = i > lo && d.lw(i - 1) == "the";
        let next_noun = after < hi
            && ((d.is_w(after) && !lex::np_stop(d.lw(after)))
                || (d.is_dash(after) && d.glued(after)));
        if the_before && !next_noun && (1..=31).contains(&n) && d.lw(after) != "in" {
            let mut m = M::new(d, sent, i - 1, after, Kind::Date);
            m.unit = Some("date");
            m.ymd = Some((None, None, Some(n)));
            return Some(m);
        }
        let mut end = after;
        // "10th-lowest"
        if d.is_dash(after)
            && d.glued(after)
            && d.glued(after + 1)
            && d.is_w(after + 1)
            && superlative_like(d.lw(after + 1))
        {
            end = after + 2;
        }
        let mut m = M::new(d, sent, i, end, Kind::Ordinal);
        m.unit = Some("ordinal");
        m.value = Some(Value::Number(Decimal::from(n)));
        m.bonus = ordinal_bonus(d, after, hi);
        return Some(m);
    }
    // Day Month (Year): "14 August 2025"
    if let Some(day) = small_int(d, i, 2) {
        let mut k = i + 1;
        if d.lw(k) == "of" {
            k += 1;
        }
        if (1..=31).contains(&day) && !d.toks[i].grouped {
            if let Some(mo) = month_at(d, k) {
                let mut end = k + 1;
                if d.is_sym(end, '.') && d.glued(end) && d.raw(k).len() <= 4 {
                    end += 1;
                }
                let mut y = None;
                let mut kk = end;
                if d.is_sym(kk, ',') {
                    kk += 1;
                }
                if let Some(yy) = year_val(d, kk) {
                    y = Some(yy);
                    end = kk + 1;
                }
                let mut m = M::new(d, sent, i, end, Kind::Date);
                m.unit = Some("date");
                m.ymd = Some((y, Some(mo), Some(day)));
                return Some(m);
            }
            // "November 6 and 11": a second day after a month date
            if i >= lo + 3 && (matches!(d.lw(i - 1), "and" | "or" | "to") || d.is_sym(i - 1, ',')) {
                if let (Some(_), Some(mo)) =
                    (small_int(d, i - 2, 2), month_at(d, i.saturating_sub(3)))
                {
                    if !next_is_counted(d, i + 1, hi) && !d.is_sym(i + 1, '%') {
                        let mut m = M::new(d, sent, i, i + 1, Kind::Date);
                        m.unit = Some("date");
                        m.ymd = Some((None, Some(mo), Some(day)));
                        return Some(m);
                    }
                }
            }
        }
    }
    // Times of day: "10 a.m.", "7.30 pm", "10.15am", "1130 GMT"
    if let Some(e) = is_ampm(d, i + 1) {
        let (h, mi) = if let Some(h) = small_int(d, i, 2) {
            (h, 0)
        } else if raw.len() <= 5 && raw.contains('.') {
            let mut it = raw.split('.');
            let h: u32 = it.next().and_then(|x| x.parse().ok()).unwrap_or(99);
            let mi: u32 = it
                .next()
                .and_then(|x| if x.len() == 2 { x.parse().ok() } else { None })
                .unwrap_or(99);
            (h, mi)
        } else {
            (99, 99)
        };
        if h <= 12 && mi < 60 {
            let mut m = M::new(d, sent, i, e, Kind::Time);
            m.unit = Some("time");
            let pm = d.lw(i + 1).starts_with('p');
            let hh = if pm && h < 12 {
                h + 12
            } else if !pm && h == 12 {
                0
            } else {
                h
            };
            m.value = Some(Value::Text(format!("{hh:02}:{mi:02}")));
            return Some(m);
        }
    }
    if raw.len() == 4
        && d.is_w(i + 1)
        && matches!(
            d.lw(i + 1),
            "gmt" | "utc" | "hrs" | "hours" | "local" | "et" | "bst" | "cet" | "kst" | "jst"
        )
    {
        if let Some(v) = small_int(d, i, 4) {
            if v / 100 < 24
                && v % 100 < 60
                && (d.lw(i + 1) != "hours" || raw.starts_with('0') || v % 100 != 0 || v >= 1000)
            {
                let mut m = M::new(d, sent, i, i + 2, Kind::Time);
                m.unit = Some("time");
                m.value = Some(Value::Text(format!("{:02}:{:02}", v / 100, v % 100)));
                return Some(m);
            }
        }
    }
    // Years: 4 digits, no separators
    if let Some(y) = year_val(d, i) {
        if !has_decimal(d, i) {
            let nx = i + 1;
            // decades "1990s"
            if d.is_w(nx) && d.glued(nx) && d.lw(nx) == "s" {
                let mut m = M::new(d, sent, i, nx + 1, Kind::Year);
                m.unit = Some("year");
                m.value = Some(Value::Number(Decimal::from(y)));
                return Some(m);
            }
            let c = Core {
                v: Decimal::from(y),
                next: nx,
                scaled: false,
                spelled: false,
                vague: false,
            };
            let counted = unit_at(d, nx, lo, hi, &c, false).is_some()
                || scale_at(d, nx, hi, false).is_some()
                || (d.is_w(nx) && (lex::person_noun(d.lw(nx)) || count_noun(d.lw(nx))));
            let prep_before = i > lo
                && matches!(
                    d.lw(i - 1),
                    "in" | "since"
                        | "by"
                        | "until"
                        | "from"
                        | "of"
                        | "during"
                        | "before"
                        | "after"
                        | "year"
                        | "early"
                        | "late"
                        | "mid"
                        | "fiscal"
                        | "through"
                        | "till"
                        | "to"
                        | "and"
                        | "the"
                );
            if !counted && (y >= 1800 || prep_before) {
                let mut m = M::new(d, sent, i, i + 1, Kind::Year);
                m.unit = Some("year");
                m.value = Some(Value::Number(Decimal::from(y)));
                // "2023-24", "2020-2024"
                if d.is_dash(nx) && d.glued(nx) && d.glued(nx + 1) && d.is_n(nx + 1) {
                    let r = d.raw(nx + 1);
                    let y2 = match r.len() {
                        2 => small_int(d, nx + 1, 2).map(|v| (y / 100) * 100 + v as i32),
                        4 => year_val(d, nx + 1),
                        _ => None,
                    };
                    if let Some(y2) = y2 {
                        if y2 > y {
                            m.high = Some(Value::Number(Decimal::from(y2)));
                            m.approx = Approx::Range;
                            m.t1 = nx + 2;
                            m.e = d.toks[nx + 1].e();
                        }
                    }
                }
                // "between 2026 and 2028"
                if i > lo && d.lw(i - 1) == "between" && d.lw(nx) == "and" {
                    if let Some(y2) = year_val(d, nx + 1) {
                        if y2 > y {
                            m.high = Some(Value::Number(Decimal::from(y2)));
                            m.approx = Approx::Range;
                            m.t1 = nx + 2;
                            m.e = d.toks[nx + 1].e();
                        }
                    }
                }
                return Some(m);
            }
        }
    }
    // "one in four" with digits: "1 in 3"
    if d.lw(i + 1) == "in" {
        if let Some(c) = fraction_core(d, i, hi) {
            let mut m = M::new(d, sent, i, c.next, Kind::Quantity);
            m.unit = Some("ratio");
            m.value = Some(Value::Number(c.v));
            let (h0, ap) = hedge_before(d, i, lo);
            if ap != Approx::Exact {
                m.h0 = h0;
                m.approx = ap;
            }
            return Some(m);
        }
    }
    // Negative: "-3.2%" (minus glued to the number, not to a word before it)
    let mut t0 = i;
    let mut neg = false;
    if i > lo && d.glued(i) && matches!(d.sym(i - 1), Some('-' | '−')) {
        let free = d.toks[i - 1].sp
            || i - 1 == lo
            || matches!(d.sym(i - 2), Some('(' | '[' | ':' | ';' | ',' | '=' | '/'));
        if free {
            t0 = i - 1;
            neg = true;
        }
    } else if i > lo
        && d.lw(i - 1) == "minus"
        && !(i > lo + 2 && d.lw(i - 2) == "or" && d.lw(i - 3) == "plus")
    {
        t0 = i - 1;
        neg = true;
    }
    // Bracketed amount "(1,200)", "(100) billion won"
    if i > lo && d.is_sym(i - 1, '(') && d.glued(i) && d.is_sym(i + 1, ')') && d.glued(i + 1) {
        if let Some(m) = bracketed(d, sent, i - 1, i, lo, hi, None) {
            return Some(m);
        }
    }
    let mut m = money_from(d, sent, t0, i, lo, hi, None, neg)?;
    // Decades: "the '90s", "in his 70s" (not counts)
    if m.bare
        && m.t1 == i + 1
        && d.is_w(i + 1)
        && d.glued(i + 1)
        && d.lw(i + 1) == "s"
        && raw.len() == 2
    {
        let mut y = M::new(d, sent, i, i + 2, Kind::Year);
        y.unit = Some("year");
        y.value = m.value.clone();
        return Some(y);
    }
    // Ages: "aged 45", "age of 49", "Merz, 69, told"
    age_context(d, &mut m, lo, hi);
    // Compound adjectives: "12-layer", "10-member", "two-sided" describe, they rarely claim
    if m.bare && d.is_dash(m.t1) && d.glued(m.t1) && d.glued(m.t1 + 1) && d.is_w(m.t1 + 1) {
        m.bonus = -0.3;
    }
    // "10-year Treasury note"
    if m.unit == Some("years")
        && m.t1 == i + 3
        && d.is_dash(i + 1)
        && matches!(
            d.lw(m.t1),
            "bond"
                | "bonds"
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
        return Some(label(d, sent, i, m.t1, m.num()));
    }
    // Capitalized name before a bare number: "Windows 11", "Article 5"; not "the SPD 120", "Labour's 12,639"
    if m.bare && m.approx == Approx::Exact && i > lo && d.is_w(i - 1) && t0 == i {
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
        let not_counted = !(next_is_counted(d, m.t1, hi) || (d.is_dash(m.t1) && d.is_n(m.t1 + 1)));
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
            return Some(label(d, sent, i - 1, m.t1, m.num()));
        }
        if (((is_label_word && d.cap(i - 1)) || lower_ok) && not_counted)
            || (cap_name && !m.scaled && not_counted && !d.toks[i].grouped)
        {
            return Some(label(d, sent, i - 1, m.t1, m.num()));
        }
    }
    if i > lo + 1 && d.is_sym(i - 1, '.') && d.glued(i - 1) && d.lw(i - 2) == "no" && m.bare {
        return Some(label(d, sent, i - 2, m.t1, m.num()));
    }
    Some(m)
}

/// Age mentions that bound a group ("aged 65 and over", "under the age of five", "aged 18 to 34").
fn age_group(d: &Doc, m: &M, lo: usize) -> bool {
    if m.approx == Approx::Range {
        return true;
    }
    if d.lw(m.t1) == "and"
        && matches!(
            d.lw(m.t1 + 1),
            "over" | "older" | "above" | "up" | "under" | "younger" | "below"
        )
    {
        return true;
    }
    let a = m.t0.saturating_sub(5).max(lo);
    (a..m.t0).any(|k| matches!(d.lw(k), "under" | "over" | "below" | "above"))
}

fn superlative_like(w: &str) -> bool {
    lex::superlative(w)
        || (w.ends_with("est")
            && w.len() > 4
            && !matches!(
                w,
                "interest"
                    | "forest"
                    | "honest"
                    | "protest"
                    | "request"
                    | "suggest"
                    | "arrest"
                    | "contest"
                    | "latest"
                    | "modest"
                    | "invest"
                    | "harvest"
            ))
}

fn next_is_counted(d: &Doc, j: usize, hi: usize) -> bool {
    j < hi && d.is_w(j) && (lex::person_noun(d.lw(j)) || count_noun(d.lw(j)))
}

/// Common counted things (used where a plain plural is not enough evidence).
pub(super) fn count_noun(w: &str) -> bool {
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

fn ordinal_bonus(d: &Doc, after: usize, hi: usize) -> f64 {
    let mut k = after;
    if d.is_dash(k) && d.glued(k) {
        k += 1;
    }
    if k >= hi {
        return 0.0;
    }
    let w = d.lw(k);
    if w == "world" && d.lw(k + 1) == "war" {
        return -0.2;
    }
    if superlative_like(w)
        || matches!(
            w,
            "consecutive" | "straight" | "successive" | "place" | "such" | "time"
        )
    {
        0.1
    } else if matches!(
        w,
        "round"
            | "tranche"
            | "phase"
            | "stage"
            | "half"
            | "quarter"
            | "year"
            | "day"
            | "week"
            | "leg"
            | "session"
            | "reading"
            | "address"
            | "count"
            | "batch"
            | "district"
            | "congressional"
            | "precinct"
            | "division"
            | "regiment"
            | "brigade"
            | "battalion"
            | "fleet"
            | "street"
            | "avenue"
            | "floor,"
            | "edition"
            | "part"
            | "step"
            | "floor"
            | "grade"
            | "generation"
            | "century"
            | "anniversary"
            | "amendment"
            | "framework"
            | "plasma"
            | "probe"
            | "lady"
            | "minister"
            | "secretary"
    ) {
        -0.2
    } else {
        0.0
    }
}

fn clock(d: &Doc, sent: usize, i: usize, lo: usize, hi: usize) -> Option<M> {
    let a = small_int(d, i, 3)?;
    let frac_b = parse_num(d, i + 2)?;
    let b: u32 = small_int(d, i + 2, 2).or_else(|| frac_b.trunc().to_string().parse().ok())?;
    let mut end = i + 3;
    let mut c: Option<Decimal> = None;
    if d.is_sym(end, ':') && d.glued(end) && d.is_n(end + 1) && d.glued(end + 1) {
        c = parse_num(d, end + 1);
        end += 2;
    }
    let ampm = is_ampm(d, end);
    let tz = d.is_w(end) && timezone(d.lw(end));
    let at_before = i > lo
        && matches!(
            d.lw(i - 1),
            "at" | "until"
                | "till"
                | "around"
                | "after"
                | "before"
                | "from"
                | "since"
                | "by"
                | "embargo"
                | "embargoed"
        );
    let race_before = i > lo
        && matches!(
            d.lw(i - 1),
            "in" | "of" | "clocked" | "time" | "ran" | "record" | "timed"
        );
    if let Some(e) = ampm {
        let pm = d.lw(end).starts_with('p');
        let hh = if pm && a < 12 {
            a + 12
        } else if !pm && a == 12 {
            0
        } else {
            a
        };
        let mut m = M::new(d, sent, i, e, Kind::Time);
        m.unit = Some("time");
        m.value = Some(Value::Text(format!("{hh:02}:{b:02}")));
        return Some(m);
    }
    let two_digit_hour = d.raw(i).len() == 2 && a <= 23;
    if c.is_none()
        && a <= 24
        && b < 60
        && (tz || at_before || (two_digit_hour && !race_before && frac_b.fract().is_zero()))
    {
        let mut m = M::new(d, sent, i, end, Kind::Time);
        m.unit = Some("time");
        m.value = Some(Value::Text(format!("{a:02}:{b:02}")));
        // "08:00-18:00"
        if d.is_dash(end) && d.glued(end) && d.is_n(end + 1) && d.is_sym(end + 2, ':') {
            if let (Some(a2), Some(b2)) = (small_int(d, end + 1, 2), small_int(d, end + 3, 2)) {
                m.high = Some(Value::Text(format!("{a2:02}:{b2:02}")));
                m.approx = Approx::Range;
                m.t1 = end + 4;
                m.e = d.toks[end + 3].e();
            }
        }
        return Some(m);
    }
    let secs = match c {
        Some(s) => {
            Decimal::from(a) * Decimal::from(3600) + Decimal::from(b) * Decimal::from(60) + s
        }
        None => Decimal::from(a) * Decimal::from(60) + frac_b,
    };
    let mut m = M::new(d, sent, i, end, Kind::Quantity);
    m.unit = Some("duration");
    m.value = Some(Value::Number(secs));
    let (h0, ap) = hedge_before(d, i, lo);
    if ap != Approx::Exact {
        m.h0 = h0;
        m.approx = ap;
    }
    let _ = hi;
    Some(m)
}

/// Words that can start a mention (cheap filter before the real matchers).
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

fn word_at(d: &Doc, sent: usize, i: usize, lo: usize, hi: usize) -> Option<M> {
    let w = d.lw(i);
    if !word_candidate(w) {
        return None;
    }
    // Dates from month names
    if let Some(m) = date_from_month(d, sent, i, hi) {
        return Some(m);
    }
    let prev = if i > lo { d.lw(i - 1) } else { "" };
    if let Some(m) = long_compound(d, sent, i) {
        return Some(m);
    }
    // "double digits", "double-digit"
    if w == "double" && (d.lw(i + 1) == "digits" || (d.is_dash(i + 1) && d.lw(i + 2) == "digit")) {
        let end = if d.lw(i + 1) == "digits" {
            i + 2
        } else {
            i + 3
        };
        let mut m = M::new(d, sent, i, end, Kind::Quantity);
        m.unit = Some(if sentence_has_percent(d, lo, hi) {
            "percentage_point"
        } else {
            "count"
        });
        m.value = Some(Value::Number(Decimal::from(10)));
        m.approx = Approx::MoreThan;
        if d.is_dash(i + 1) {
            m.bonus = -0.4;
        }
        return Some(m);
    }
    // "several hours", "a few days"
    if matches!(w, "several" | "few") {
        if let Some((unit, mult)) = lex::time_unit(d.lw(i + 1)) {
            if d.lw(i + 1).ends_with('s') {
                let mut m = M::new(d, sent, i, i + 2, Kind::Quantity);
                m.unit = Some(unit);
                m.value = Some(Value::Number(Decimal::from(mult.max(1))));
                m.approx = Approx::MoreThan;
                return Some(m);
            }
        }
    }
    // Ratio words
    let ratio = match w {
        "doubled" | "doubles" | "doubling" => Some(Decimal::from(2)),
        "tripled" | "trebled" | "triples" | "tripling" => Some(Decimal::from(3)),
        "quadrupled" | "quadruples" => Some(Decimal::from(4)),
        "quintupled" => Some(Decimal::from(5)),
        "halved" | "halving" => Some(Decimal::new(5, 1)),
        "twice" => {
            let n = d.lw(i + 1);
            if matches!(
                n,
                "a" | "per"
                    | "daily"
                    | "weekly"
                    | "monthly"
                    | "yearly"
                    | "annually"
                    | "in"
                    | "on"
                    | "before"
                    | "since"
                    | "last"
                    | "this"
                    | "during"
                    | "and"
                    | "or"
            ) || d.is_sym(i + 1, '.')
                || d.is_sym(i + 1, ',')
            {
                None
            } else {
                Some(Decimal::from(2))
            }
        }
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
    if let Some(r) = ratio {
        let mut m = M::new(d, sent, i, i + 1, Kind::Quantity);
        m.unit = Some("ratio");
        m.value = Some(Value::Number(r));
        let (h0, ap) = hedge_before(d, i, lo);
        if ap != Approx::Exact {
            m.h0 = h0;
            m.approx = ap;
        }
        return Some(m);
    }
    // Fractions: "a third", "two-thirds", "one in four", "half of"
    if matches!(
        w,
        "a" | "an" | "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine"
    ) {
        if let Some(c) = fraction_core(d, i, hi) {
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
                )
                || !d.is_w(c.next);
            if ctx_ok {
                let mut m = M::new(d, sent, i, c.next, Kind::Quantity);
                m.unit = Some("ratio");
                m.value = Some(Value::Number(c.v));
                let (h0, ap) = hedge_before(d, i, lo);
                if ap != Approx::Exact {
                    m.h0 = h0;
                    m.approx = ap;
                }
                // "between a quarter and a third"
                if prev == "between" && d.lw(c.next) == "and" {
                    if let Some(c2) = fraction_core(d, c.next + 1, hi) {
                        if c2.v > c.v {
                            m.high = Some(Value::Number(c2.v));
                            m.approx = Approx::Range;
                            m.h0 = i - 1;
                            m.t1 = c2.next;
                            m.e = d.toks[c2.next - 1].e();
                        }
                    }
                }
                return Some(m);
            }
        }
    }
    if w == "half" {
        let n = d.lw(i + 1);
        let bad_prev = matches!(prev, "first" | "second" | "the" | "and" | "one" | "a");
        // "half a percentage point", "half a century"
        if n == "a" || n == "an" {
            let n2 = d.lw(i + 2);
            let (unit, v, end): (&str, Decimal, usize) = match n2 {
                "percentage" if matches!(d.lw(i + 3), "point" | "points") => {
                    ("percentage_point", Decimal::new(5, 1), i + 4)
                }
                "point" if sentence_has_percent(d, lo, hi) => {
                    ("percentage_point", Decimal::new(5, 1), i + 3)
                }
                "century" => ("years", Decimal::from(50), i + 3),
                "decade" => ("years", Decimal::from(5), i + 3),
                "year" => ("years", Decimal::new(5, 1), i + 3),
                "hour" => ("duration", Decimal::from(1800), i + 3),
                "day" => ("duration", Decimal::from(43200), i + 3),
                _ => ("", Decimal::ZERO, 0),
            };
            if !unit.is_empty() {
                let mut m = M::new(d, sent, i, end, Kind::Quantity);
                m.unit = Some(if unit == "percentage_point" {
                    "percentage_point"
                } else if unit == "years" {
                    "years"
                } else {
                    "duration"
                });
                m.value = Some(Value::Number(v));
                let (h0, ap) = hedge_before(d, i, lo);
                if ap != Approx::Exact {
                    m.h0 = h0;
                    m.approx = ap;
                }
                return Some(m);
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
            let mut m = M::new(d, sent, i, i + 1, Kind::Quantity);
            m.unit = Some("ratio");
            m.value = Some(Value::Number(Decimal::new(5, 1)));
            let (h0, ap) = hedge_before(d, i, lo);
            if ap != Approx::Exact {
                m.h0 = h0;
                m.approx = ap;
            }
            return Some(m);
        }
    }
    // "a year", "an hour", "a week" in duration contexts ("for more than a year")
    if matches!(w, "a" | "an") && d.is_w(i + 1) {
        let n = d.lw(i + 1);
        let tu: Option<(&'static str, Decimal)> = match n {
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
        if let Some((unit, v)) = tu {
            let ok_prev = matches!(
                prev,
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
                "ago"
                    | "earlier"
                    | "later"
                    | "before"
                    | "on"
                    | "of"
                    | "and"
                    | "in"
                    | "when"
                    | "since"
            );
            let or_more = after == "or" && matches!(d.lw(i + 3), "more" | "longer" | "so");
            if (ok_prev && ok_after) || or_more {
                let mut m = M::new(d, sent, i, i + 2, Kind::Quantity);
                m.unit = Some(unit);
                m.value = Some(Value::Number(v));
                let (h0, ap) = hedge_before(d, i, lo);
                if ap != Approx::Exact {
                    m.h0 = h0;
                    m.approx = ap;
                }
                if let Some(a) = hedge_after(d, m.t1) {
                    m.approx = a;
                }
                return Some(m);
            }
        }
    }
    // Ordinal words: "third", "twenty-first"
    let mut ord = lex::ordinal_word(w).map(|v| (v, i + 1));
    if ord.is_none() {
        if let Some(tens) = lex::num_word(w) {
            if tens >= 20 && tens % 10 == 0 && d.is_dash(i + 1) && d.glued(i + 1) && d.glued(i + 2)
            {
                if let Some(o) = lex::ordinal_word(d.lw(i + 2)) {
                    if o < 10 {
                        ord = Some((tens + o, i + 3));
                    }
                }
            }
        }
    }
    if let Some((v, after)) = ord {
        // fractions handled above; "a third term" is still an ordinal
        if (d.is_dash(i.wrapping_sub(1)) && d.glued(i) && i > lo)
            || matches!(prev, "at" | "one") && v <= 2
        {
            return None;
        }
        let nx = d.lw(after);
        if v == 1
            && (nx == "of" && d.lw(after + 1) == "all"
                || d.is_sym(after, ',') && i == lo
                || nx == "hand"
                || prev == "at")
        {
            return None;
        }
        if v == 2
            && (prev == "a" && !d.is_w(after)
                || d.is_n(i.wrapping_sub(1))
                || prev == "per"
                || prev == "split")
        {
            return None;
        }
        if d.cap(i) && i > lo && !matches!(d.sym(i - 1), Some('"' | '“' | '(' | ':')) {
            // "Third Reich", "Second World War": names
            return None;
        }
        let mut end = after;
        // "second-largest", "first-ever"; other compounds ("first-person", "second-hand") are not ordinals
        if d.is_dash(after) && d.glued(after) && d.glued(after + 1) && d.is_w(after + 1) {
            if superlative_like(d.lw(after + 1)) || d.lw(after + 1) == "ever" {
                end = after + 2;
            } else {
                return None;
            }
        }
        // adverbial "first identified", "first imposed"
        if d.is_w(after)
            && nx.ends_with("ed")
            && !matches!(nx, "red" | "bed" | "seed" | "speed" | "need")
        {
            return None;
        }
        let mut m = M::new(d, sent, i, end, Kind::Ordinal);
        m.unit = Some("ordinal");
        m.value = Some(Value::Number(Decimal::from(v)));
        m.bonus = ordinal_bonus(d, after, hi);
        // "the first five months": part of a period, not a ranking
        if d.is_n(after) || lex::num_word(nx).is_some() {
            m.bonus = -0.2;
        }
        return Some(m);
    }
    // Spelled numbers
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
        return None;
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
            return None;
        }
    }
    // Names: "Carrier Air Wing One", "Formula One"
    if d.cap(i) && i > lo && d.cap(i - 1) && !d.is_sym(i - 1, '.') && !title_case(d, lo, hi) {
        let c = spelled(d, i, hi)?;
        return Some(label(d, sent, i, c.next, Some(c.v)));
    }
    let mut m = money_from(d, sent, i, i, lo, hi, None, false)?;
    // "one" alone is rarely a claim ("one of the", "no one"): keep it only with a unit or a counted noun.
    if w == "one" && m.t1 == i + 1 && m.bare {
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
        if !(counted || of_them || matches!(n, "defected")) {
            return None;
        }
    }
    if w == "zero" && m.bare && !next_is_counted(d, m.t1, hi) {
        return None;
    }
    if m.bare && d.is_dash(m.t1) && d.glued(m.t1) && d.glued(m.t1 + 1) && d.is_w(m.t1 + 1) {
        m.bonus = -0.3;
    }
    age_context(d, &mut m, lo, hi);
    // Vague plurals need "of" + noun or a noun: "dozens of people", "thousands protested"
    if matches!(
        w,
        "hundreds" | "thousands" | "millions" | "billions" | "dozens"
    ) && m.t1 == i + 1
    {
        let n = d.lw(i + 1);
        if !(n == "of" || (d.is_w(i + 1) && !lex::np_stop(n))) {
            return None;
        }
        if n == "of" && lex::unit_word(d.lw(i + 2), d.raw(i + 2)).is_some() {
            return None;
        }
    }
    // Back-references: "the two candidates", "the country's three main broadcasters"
    if m.bare && m.spelled && i > lo {
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
        if (matches!(
            p,
            "the" | "these" | "those" | "its" | "their" | "his" | "her" | "our" | "same" | "both"
        ) || possessive)
            && m.num().is_some_and(|v| v <= Decimal::from(10))
        {
            m.bonus = -0.6;
        }
    }
    Some(m)
}

fn sentence_has_percent(d: &Doc, lo: usize, hi: usize) -> bool {
    (lo..hi.min(lo + 200)).any(|k| d.is_sym(k, '%') || d.lw(k) == "percent")
}

/// "decade-long", "year-long", "month-long" as durations.
fn long_compound(d: &Doc, sent: usize, i: usize) -> Option<M> {
    let (unit, v) = match d.lw(i) {
        "decade" => ("years", 10),
        "year" => ("years", 1),
        "century" => ("years", 100),
        "month" => ("months", 1),
        "week" => ("duration", 604800),
        "day" => ("duration", 86400),
        "hour" => ("duration", 3600),
        _ => return None,
    };
    if !(d.is_dash(i + 1) && d.glued(i + 1) && d.glued(i + 2) && d.lw(i + 2) == "long") {
        return None;
    }
    let mut m = M::new(d, sent, i, i + 3, Kind::Quantity);
    m.unit = Some(unit);
    m.value = Some(Value::Number(Decimal::from(v)));
    Some(m)
}

/// Age contexts for a bare number just recognised: "aged 45", "age of 49", "children under five".
pub(super) fn age_context(d: &Doc, m: &mut M, lo: usize, hi: usize) {
    let i = m.t0;
    if !m.bare || i <= lo {
        return;
    }
    let p = d.lw(i - 1);
    if m.t1 != i + 1 {
        if m.approx == Approx::Range
            && matches!(p, "aged" | "ages" | "between")
            && (p != "between" || d.lw(i.saturating_sub(2)) == "aged")
        {
            m.unit = Some("age");
            m.kind = Kind::Age;
            m.bare = false;
            m.bonus = -0.3;
        }
        return;
    }
    if matches!(p, "aged" | "age" | "ages") || (p == "of" && i > lo + 1 && d.lw(i - 2) == "age") {
        m.unit = Some("age");
        m.kind = Kind::Age;
        m.bare = false;
        if age_group(d, m, lo) {
            m.bonus = -0.3;
        }
    } else if d.is_sym(i - 1, ',')
        && i > lo + 1
        && d.is_w(i - 2)
        && !lex::np_stop(d.lw(i - 2))
        && ((d.is_sym(m.t1, ',') && (d.cap(i - 2) || (d.is_w(m.t1 + 1) && !d.cap(m.t1 + 1))))
            || (matches!(d.sym(m.t1), Some('.' | ')' | ';'))
                && d.cap(i - 2)
                && i > lo + 2
                && d.cap(i - 3)))
    {
        if let Some(a) = small_int(d, i, 3) {
            if (15..=110).contains(&a) {
                m.unit = Some("age");
                m.kind = Kind::Age;
                m.bare = false;
            }
        }
    } else if matches!(p, "under" | "over")
        && i > lo + 1
        && lex::person_noun(d.lw(i - 2))
        && !next_is_counted(d, m.t1, hi)
    {
        m.unit = Some("age");
        m.kind = Kind::Age;
        m.bare = false;
        m.approx = Approx::Exact;
        m.h0 = m.t0;
        m.bonus = -0.3;
    }
    if m.bare && d.lw(m.t1) == "and" && matches!(d.lw(m.t1 + 1), "over" | "older" | "above" | "up")
    {
        m.unit = Some("age");
        m.kind = Kind::Age;
        m.bare = false;
        m.bonus = -0.3;
    }
}

/// A headline in title case ("Fed Holds Rates, Signals Two Cuts"): capitalized words are not
/// names there. Looks at the first 30 tokens only.
fn title_case(d: &Doc, lo: usize, hi: usize) -> bool {
    let end = hi.min(lo + 30);
    let (mut words, mut caps) = (0, 0);
    for k in lo..end {
        if d.is_w(k) && d.raw(k).len() > 3 {
            words += 1;
            if d.cap(k) {
                caps += 1;
            }
        }
    }
    words >= 3 && caps * 10 >= words * 7 && !d.is_sym(hi - 1, '.')
}
