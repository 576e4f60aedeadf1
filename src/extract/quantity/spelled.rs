//! Numbers written with words: "three hundred and twenty", "a dozen", "half a million",
//! "tens of thousands"; fractions "a third", "two-thirds", "one in four".

use super::hedge::hedge_before;
use super::number::{pow10, small_int, NumberCore};
use super::{Mention, Scope, Step};
use crate::extract::lex;
use crate::extract::text::Doc;
use rust_decimal::Decimal;

/// Numbers written with words, starting at `i`.
pub(super) fn spelled(d: &Doc, i: usize, hi: usize) -> Option<NumberCore> {
    let w = d.lw(i);
    let mk = |v: Decimal, next: usize, vague: bool| NumberCore {
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
                return Some(NumberCore {
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
        if d.is_word(j) {
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
    Some(NumberCore {
        v: Decimal::from_i128_with_scale(v.min(i64::MAX as u128) as i128, 0),
        next: last_end,
        scaled,
        spelled: true,
        vague: false,
    })
}

/// Fractions: "a third", "two-thirds", "half", "one in four", "1 in 3".
pub(super) fn fraction_core(d: &Doc, i: usize, hi: usize) -> Option<NumberCore> {
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
    let mk = |n: u32, dn: u32, next: usize| -> Option<NumberCore> {
        let v = (Decimal::from(n) / Decimal::from(dn))
            .round_dp(6)
            .normalize();
        Some(NumberCore {
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
    if d.is_number(i) && d.lw(i + 1) == "in" {
        let n = small_int(d, i, 2)?;
        let k = i + 2;
        let dn = small_int(d, k, 3).or_else(|| lex::num_word(d.lw(k)).map(|x| x as u32))?;
        if n >= 1 && dn > n && k < hi {
            return mk(n, dn, k + 1);
        }
    }
    None
}

/// Rule: "1 in 3" with digits (a ratio).
#[inline(always)]
pub(super) fn one_in_n_digits(scope: &Scope, i: usize) -> Step<Mention> {
    let Scope {
        doc: d,
        sent,
        lo,
        hi,
    } = *scope;
    if d.lw(i + 1) != "in" {
        return Step::Pass;
    }
    let Some(c) = fraction_core(d, i, hi) else {
        return Step::Pass;
    };
    let mut m = Mention::number(d, sent, (i, c.next), "ratio", c.v);
    m.take_hedge(hedge_before(d, i, lo));
    Step::Found(m)
}
