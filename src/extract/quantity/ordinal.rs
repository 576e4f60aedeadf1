//! Ordinals: "21st", "third", "twenty-first", "second-largest", "10th-lowest", "first-ever";
//! rankings score a little higher, sequence labels ("the first round") lower.

use super::date::{month_at, ordinal_suffix};
use super::number::{small_int, year_val};
use super::{Kind, Mention, Scope, Step};
use crate::extract::lex;
use crate::extract::text::Doc;
use crate::extract::Value;
use rust_decimal::Decimal;

#[inline]
pub(super) fn superlative_like(w: &str) -> bool {
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

pub(super) fn ordinal_bonus(d: &Doc, after: usize, hi: usize) -> f64 {
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
            | "period"
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
            // a point in a match or a race: "a 35th-minute goal", "the 51st lap"
            | "minute"
            | "lap"
            | "inning"
            | "innings"
            | "hole"
            | "kilometre"
            | "kilometer"
            | "mile"
    ) {
        -0.2
    } else {
        0.0
    }
}

/// Rule: a number with an ordinal suffix: "21st of August" (a date), "the 21st" (a day of the
/// month), "21st", "10th-lowest" (ordinals).
#[inline(always)]
pub(super) fn ordinal_number(scope: &Scope, i: usize) -> Step<Mention> {
    let Scope {
        doc: d,
        sent,
        lo,
        hi,
    } = *scope;
    if !ordinal_suffix(d, i) {
        return Step::Pass;
    }
    let Some(n) = small_int(d, i, 4) else {
        return Step::Refuse;
    };
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
            let mut m = Mention::new(d, sent, i, end, Kind::Date);
            m.unit = Some("date");
            m.ymd = Some((y, Some(mo), Some(n)));
            return Step::Found(m);
        }
    }
    let the_before = i > lo && d.lw(i - 1) == "the";
    let next_noun = after < hi
        && ((d.is_word(after) && !lex::np_stop(d.lw(after)))
            || (d.is_dash(after) && d.glued(after)));
    if the_before && !next_noun && (1..=31).contains(&n) && d.lw(after) != "in" {
        let mut m = Mention::new(d, sent, i - 1, after, Kind::Date);
        m.unit = Some("date");
        m.ymd = Some((None, None, Some(n)));
        return Step::Found(m);
    }
    let mut end = after;
    // "10th-lowest"
    if d.is_dash(after)
        && d.glued(after)
        && d.glued(after + 1)
        && d.is_word(after + 1)
        && superlative_like(d.lw(after + 1))
    {
        end = after + 2;
    }
    let mut m = ordinal_mention(d, sent, (i, end), u64::from(n));
    m.bonus = ordinal_bonus(d, after, hi);
    Step::Found(m)
}

#[inline]
fn ordinal_mention(d: &Doc, sent: usize, (t0, t1): (usize, usize), n: u64) -> Mention {
    let mut m = Mention::new(d, sent, t0, t1, Kind::Ordinal);
    m.unit = Some("ordinal");
    m.value = Some(Value::Number(Decimal::from(n)));
    m
}

/// Rule: ordinal words: "third", "twenty-first", "second-largest", "first-ever"; not names
/// ("Third Reich"), adverbs ("first identified") or compounds ("second-hand").
pub(super) fn ordinal_word(scope: &Scope, i: usize) -> Step<Mention> {
    let Scope {
        doc: d,
        sent,
        lo,
        hi,
    } = *scope;
    let w = d.lw(i);
    let prev = if i > lo { d.lw(i - 1) } else { "" };
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
    let Some((v, after)) = ord else {
        return Step::Pass;
    };
    // fractions handled before; "a third term" is still an ordinal
    if (d.is_dash(i.wrapping_sub(1)) && d.glued(i) && i > lo)
        || matches!(prev, "at" | "one") && v <= 2
    {
        return Step::Refuse;
    }
    let nx = d.lw(after);
    if v == 1
        && (nx == "of" && d.lw(after + 1) == "all"
            || d.is_sym(after, ',') && i == lo
            || nx == "hand"
            || prev == "at"
            // "whichever comes first": a deadline's either-or, not a rank
            || i > lo + 1 && d.lw(i - 2) == "whichever")
    {
        return Step::Refuse;
    }
    if v == 2
        && (prev == "a" && !d.is_word(after)
            || d.is_number(i.wrapping_sub(1))
            || prev == "per"
            || prev == "split")
    {
        return Step::Refuse;
    }
    if d.cap(i) && i > lo && !matches!(d.sym(i - 1), Some('"' | '“' | '(' | ':')) {
        // "Third Reich", "Second World War": names
        return Step::Refuse;
    }
    let mut end = after;
    // "second-largest", "first-ever"; other compounds ("first-person", "second-hand") are not ordinals
    if d.is_dash(after) && d.glued(after) && d.glued(after + 1) && d.is_word(after + 1) {
        if superlative_like(d.lw(after + 1)) || d.lw(after + 1) == "ever" {
            end = after + 2;
        } else {
            return Step::Refuse;
        }
    }
    // adverbial "first identified", "first imposed"
    if d.is_word(after)
        && nx.ends_with("ed")
        && !matches!(nx, "red" | "bed" | "seed" | "speed" | "need")
    {
        return Step::Refuse;
    }
    let mut m = ordinal_mention(d, sent, (i, end), v);
    m.bonus = ordinal_bonus(d, after, hi);
    // "the first five months": part of a period, not a ranking
    if d.is_number(after) || lex::num_word(nx).is_some() || inning(d, i, end) {
        m.bonus = -0.2;
    }
    Step::Found(m)
}

/// In a baseball report, "in the sixth" or "of the ninth" with no noun after it is an inning, a
/// moment of the game ("homered in the sixth and", "the bottom of the ninth."), not a rank ("the
/// first to hit 60", "the first-ever player" keep theirs).
fn inning(d: &Doc, i: usize, after: usize) -> bool {
    let in_the = i > 1 && d.lw(i - 1) == "the" && matches!(d.lw(i - 2), "in" | "of");
    let no_noun = (!d.is_word(after) && !d.is_dash(after))
        || matches!(
            d.lw(after),
            "inning"
                | "and"
                | "when"
                | "for"
                | "on"
                | "off"
                | "after"
                | "before"
                | "but"
                | "while"
                | "then"
                | "against"
        );
    in_the && no_noun && super::sport::baseball(d)
}
