//! Amounts: a number with its scale, unit or currency, hedge and range. [`amount`] reads the
//! general case (a currency before it or not); [`after_currency_symbol`] starts at `$`, `€`, `£`...;
//! [`bracketed`] reads accounting negatives ("(100) billion won", "$(53) million").

use super::currency::{after_sol_sign, is_iso, rate_currency};
use super::hedge::{hedge_after, hedge_before};
use super::nouns::is_change_verb;
use super::number::{core_at, parse_num, pow10, scale_at, year_val, NumberCore};
use super::spelled::fraction_core;
use super::unit::{unit_at, UnitMatch};
use super::{Kind, Mention, Scope};
use crate::extract::lex;
use crate::extract::text::Doc;
use crate::extract::{Approx, Value};
use rust_decimal::Decimal;

/// How many words back from "from" a verb of change still makes "from X to Y" a change.
const CLAUSE_WORDS: usize = 12;

/// Where an amount starts: its first token `t0` (a currency symbol or code, a minus sign, or
/// the number itself) and the number token.
#[derive(Clone, Copy)]
pub(super) struct AmountStart {
    pub t0: usize,
    pub number: usize,
    /// The currency written before the number, if any.
    pub currency: Option<&'static str>,
    /// A minus sign before it.
    pub negative: bool,
}

impl AmountStart {
    /// A plain number at token `i`: no currency before it, not negative.
    #[inline]
    pub fn plain(i: usize) -> AmountStart {
        AmountStart {
            t0: i,
            number: i,
            currency: None,
            negative: false,
        }
    }

    /// A number at token `number` after a currency written from token `t0`.
    #[inline]
    pub fn with_currency(t0: usize, number: usize, currency: &'static str) -> AmountStart {
        AmountStart {
            t0,
            number,
            currency: Some(currency),
            negative: false,
        }
    }
}

/// Rule: "from X to Y" is a change, two claims, when a verb of change stands in the words of its
/// clause before "from" with its object between ("increase the number of night buses from 40 to
/// 65", "will double its capacity from 250 to 500 megalitres"); `t0` is X. Nearer verbs are the
/// caller's. Only a verb's form (in the past, or after a modal or "to"), so not a noun or an
/// adjective ("the increase", "the tax cut", "double rooms"), not a verb in another clause, and
/// not before a band ("aged from 5 to 11", "weighing from 3 to 5 tonnes"), which runs "from X to Y"
/// whatever the verb.
fn change_verb_in_clause(scope: &Scope, t0: usize) -> bool {
    let d = scope.doc;
    let from = t0 - 1;
    let band = from > scope.lo
        && matches!(
            d.lw(from - 1),
            "aged"
                | "ages"
                | "age"
                | "grades"
                | "grade"
                | "years"
                | "hours"
                | "days"
                | "weekdays"
                | "weekends"
                | "nights"
                | "mornings"
                | "evenings"
                | "daily"
                | "levels"
                | "sizes"
                | "between"
                | "ranging"
                | "lasting"
                | "weighing"
                | "measuring"
                | "earning"
                | "costing"
                | "priced"
                | "maturities"
        );
    !band
        && (scope.lo..from)
            .rev()
            .take(CLAUSE_WORDS)
            .take_while(|k| d.is_word(*k) && !is_clause_word(d.lw(*k)))
            .any(|k| {
                let w = d.lw(k);
                // a verb, not a noun or an adjective ("the tax cut", "double rooms"): in the past
                // or after a modal or "to"
                let verb_form = w.ends_with("ed")
                    || (k > scope.lo
                        && matches!(
                            d.lw(k - 1),
                            "will"
                                | "would"
                                | "to"
                                | "can"
                                | "could"
                                | "may"
                                | "might"
                                | "must"
                                | "should"
                                | "shall"
                        ));
                verb_form
                    && (is_change_verb(w)
                        || matches!(
                            w,
                            "double" | "triple" | "halve" | "doubled" | "tripled" | "halved"
                        ))
            })
}

/// Words that begin another clause: a verb of change before them is not this figure's.
fn is_clause_word(w: &str) -> bool {
    matches!(
        w,
        "who"
            | "which"
            | "that"
            | "said"
            | "says"
            | "and"
            | "but"
            | "while"
            | "as"
            | "because"
            | "when"
            | "where"
            | "after"
    )
}

/// "U.S." written just before token `i`.
fn us_before(d: &Doc, i: usize, lo: usize) -> bool {
    i >= lo + 4
        && d.lw(i - 4) == "u"
        && d.is_sym(i - 3, '.')
        && d.lw(i - 2) == "s"
        && d.is_sym(i - 1, '.')
}

/// The currency of a symbol in this text: a bare "$" is the dollar the text declares.
fn symbol_currency(d: &Doc, symbol: char) -> Option<&'static str> {
    match symbol {
        '$' => Some(super::currency::declared_dollar(d)),
        _ => lex::currency_symbol(symbol),
    }
}

/// Money after a currency symbol at token `i`: "$50 million", "US$3.1bn", "-$4", "$(53) million".
pub(super) fn after_currency_symbol(scope: &Scope, i: usize, symbol: char) -> Option<Mention> {
    let Scope { doc: d, lo, hi, .. } = *scope;
    if let Some(n) = after_sol_sign(d, i, lo) {
        if n < hi && d.is_number(n) {
            return amount(scope, AmountStart::with_currency(i - 1, n, "PEN"));
        }
    }
    let mut cur = symbol_currency(d, symbol)?;
    // "US $15 million", "U.S.$5": the US dollar whatever the text declares
    if symbol == '$' && i > lo && (d.raw(i - 1) == "US" || us_before(d, i, lo)) {
        cur = "USD";
    }
    let mut t0 = i;
    if symbol == '$' && i > lo && d.is_word(i - 1) && d.glued(i) {
        if let Some(c2) = lex::dollar_prefix(d.raw(i - 1)) {
            cur = c2;
            t0 = i - 1;
        }
    }
    if symbol == '¥' {
        let b = (i + 6).min(hi);
        if (i..b).any(|k| matches!(d.lw(k), "yuan" | "renminbi" | "rmb")) {
            cur = "CNY";
        }
    }
    let mut negative = false;
    if i > lo
        && matches!(d.sym(i - 1), Some('-' | '−'))
        && d.glued(i)
        && (d.toks[i - 1].space_before || i - 1 == lo)
    {
        t0 = i - 1;
        negative = true;
    }
    let ni = i + 1;
    // "$(53) million": bracketed negative amount
    if d.is_sym(ni, '(') && d.glued(ni) && d.is_number(ni + 1) && d.is_sym(ni + 2, ')') {
        return bracketed(scope, t0, ni + 1, Some(cur));
    }
    if !(ni < hi && d.is_number(ni)) {
        return None;
    }
    amount(
        scope,
        AmountStart {
            t0,
            number: ni,
            currency: Some(cur),
            negative,
        },
    )
}

/// "(100) billion won", "$(53) million": number `ni` sits between parentheses; the mention
/// starts at `t0` (the bracket or the currency symbol).
pub(super) fn bracketed(
    scope: &Scope,
    t0: usize,
    ni: usize,
    cur: Option<&'static str>,
) -> Option<Mention> {
    let d = scope.doc;
    let mut v = parse_num(d, ni)?;
    let mut j = ni + 2;
    let mut scaled = false;
    if let Some((p, nj)) = scale_at(d, j, scope.hi, true) {
        v = v.checked_mul(pow10(p))?;
        j = nj;
        scaled = true;
    }
    let c = NumberCore {
        v,
        next: j,
        scaled,
        spelled: false,
        vague: false,
    };
    let mut unit = cur;
    if let Some(uu) = unit_at(scope, j, &c, true) {
        if is_iso(uu.unit) {
            unit = Some(uu.unit);
            j = uu.next;
        }
    }
    if unit.is_none() && !scaled && !d.toks[ni].grouped {
        return None;
    }
    let mut m = Mention::new(d, scope.sent, t0, j, Kind::Quantity);
    m.value = Some(Value::Number(-v));
    m.unit = unit;
    m.bare = unit.is_none();
    m.scaled = scaled;
    Some(m)
}

/// An amount: the number (digits or words) with its scale, the unit or currency after it, the
/// hedge before or after it, or the range it opens ("3-5%", "$5 billion to $7 billion").
pub(super) fn amount(scope: &Scope, start: AmountStart) -> Option<Mention> {
    let Scope { doc: d, lo, hi, .. } = *scope;
    let AmountStart {
        t0,
        number: ni,
        currency: cur,
        negative,
    } = start;
    let money = cur.is_some();
    let c = core_at(d, ni, hi, money)?;
    let mut unit: Option<&'static str> = cur;
    let mut kind = Kind::Quantity;
    let mut end = c.next;
    let mut v = c.v;
    if negative {
        v = -v;
    }
    if let Some(uu) = unit_at(scope, end, &c, money) {
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
    let mut m = Mention::new(d, scope.sent, t0, end, kind);
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
    // "climb back to $3.50 to $4.10": the change's destination is itself a range
    let destination = t0 > lo && d.lw(t0 - 1) == "to";
    let conn = end;
    let verb_in_clause = from && change_verb_in_clause(scope, t0);
    let changed = change_before
        || (verb_in_clause
            && unit.is_none()
            && d.is_number(end + 1)
            && change_target(scope, end + 1).is_none());
    let conn_ok = conn < hi
        && ((d.is_dash(conn)
            && ((d.glued(conn) && d.glued(conn + 1)) || d.sym(conn) == Some('–')))
            || (d.lw(conn) == "to" && (!changed || destination))
            || (d.lw(conn) == "and" && between));
    // "fell from 198 to 171 litres", "cut the wait from 95 to 40 minutes": after a verb of change
    // (three words back at most, or further in its clause: `change_verb_in_clause`) or running
    // from high to low, a change, two claims, the first in the unit written after the second,
    // not a range
    let change = if from && unit.is_none() && !money && !c.vague && d.lw(end) == "to" {
        change_target(scope, end + 1).filter(|target| {
            // a scale written on the second figure only ("from 4 to 4.5 million") and a band of
            // ages ("from 5 to 11 years old") are left as they were
            (!target.scaled || c.scaled)
                && target.unit.kind != Kind::Age
                && (target.value < c.v || change_before || verb_in_clause)
        })
    } else {
        None
    };
    if let Some(target) = &change {
        m.unit = Some(target.unit.unit);
        m.kind = target.unit.kind;
        m.bare = false;
        m.value = Some(Value::Number(v.checked_mul(target.unit.mult)?));
    }
    if conn_ok && !c.vague && change.is_none() {
        let left = RangeStart {
            low: &m,
            number: &c,
            connector: conn,
            currency: cur,
            kind,
            opened_by_word: between || from,
            between,
        };
        if let Some(r) = range(scope, &left) {
            return Some(r);
        }
    }
    // "rose 5% over two years" is during them; "in just over two months" is more than two
    let during = matches!(m.unit, Some("years" | "months" | "duration"))
        && t0 > lo
        && d.lw(t0 - 1) == "over"
        && !(t0 > lo + 1 && matches!(d.lw(t0 - 2), "just" | "well" | "slightly" | "little"));
    if ap != Approx::Exact && !during {
        m.approx = ap;
        m.h0 = h0;
    }
    // "flew within 5,000km of Mars": a distance it came closer than (not "within 24 hours", a
    // deadline)
    if m.approx == Approx::Exact
        && t0 > lo
        && d.lw(t0 - 1) == "within"
        && matches!(m.unit, Some("km" | "mi" | "m" | "nmi" | "ft" | "yd"))
    {
        m.approx = Approx::LessThan;
        m.h0 = t0 - 1;
    }
    if let Some(a) = hedge_after(d, m.t1) {
        m.approx = a;
    }
    Some(m)
}

/// The second figure of a change ("to 171 litres") and the unit written after it.
struct ChangeTarget {
    value: Decimal,
    scaled: bool,
    unit: UnitMatch,
}

fn change_target(scope: &Scope, n: usize) -> Option<ChangeTarget> {
    let d = scope.doc;
    if !d.is_number(n) {
        return None;
    }
    let c = core_at(d, n, scope.hi, false)?;
    let unit = unit_at(scope, c.next, &c, false)?;
    Some(ChangeTarget {
        value: c.v,
        scaled: c.scaled,
        unit,
    })
}

/// The low end of a possible range and what joins it to the high end.
struct RangeStart<'m> {
    low: &'m Mention,
    number: &'m NumberCore,
    /// The dash, "to" or "and" after the low end.
    connector: usize,
    currency: Option<&'static str>,
    kind: Kind,
    /// "between" or "from" before the low end: the hedge word is part of the range.
    opened_by_word: bool,
    between: bool,
}

/// The range opened by `left`: "3-5%", "$5-7 billion", "between 2 and 4 percent".
fn range(scope: &Scope, left: &RangeStart) -> Option<Mention> {
    let Scope { doc: d, hi, .. } = *scope;
    let (m, c, conn, cur, kind) = (
        left.low,
        left.number,
        left.connector,
        left.currency,
        left.kind,
    );
    let money = cur.is_some();
    let t0 = m.t0;
    let mut n2 = conn + 1;
    let mut cur2 = None;
    if let Some(sc) = d.sym(n2) {
        if let Some(c2) = symbol_currency(d, sc) {
            cur2 = Some(c2);
            n2 += 1;
        }
    }
    if d.is_word(n2) && d.is_sym(n2 + 1, '$') && lex::dollar_prefix(d.raw(n2)).is_some() {
        cur2 = lex::dollar_prefix(d.raw(n2));
        n2 += 2;
    }
    let money2 = money || cur2.is_some();
    let second_ok = n2 < hi
        && (d.is_number(n2)
            || (c.spelled && (lex::num_word(d.lw(n2)).is_some() || d.lw(n2) == "a")))
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
    if let Some(uu) = unit_at(scope, e2, &c2, money2) {
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
    // Both sides with their own unit after "from": two separate values ("from 400 km to 72,000
    // km"); without it a band ("a level of 75% to 80%", "orbits 400 km to 2,000 km up"; a verb
    // of change before them made them a change already). Durations stay apart: the low end may
    // be the last part of one ("from 3 hours 10 minutes to 1 hour 52 minutes").
    let both_units = m.unit.is_some() && unit2.is_some() && !money;
    let from = left.opened_by_word && !left.between;
    let apart = from || m.unit == Some("duration");
    if !compatible || (both_units && apart && d.lw(conn) == "to") {
        return None;
    }
    let mut v1 = m.num()?;
    if m.unit.is_none() && mult2 != Decimal::ONE {
        v1 = v1.checked_mul(mult2)?;
    }
    if mult2 != Decimal::ONE {
        v2 = v2.checked_mul(mult2)?;
    }
    if !c.scaled && c2.scaled && !c.spelled && d.is_number(n2) {
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
    r.e = d.toks[e2 - 1].end();
    r.approx = Approx::Range;
    r.scaled = c.scaled || c2.scaled;
    r.bare = r.unit.is_none();
    r.h0 = if left.opened_by_word { t0 - 1 } else { t0 };
    Some(r)
}
