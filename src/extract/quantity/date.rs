//! Dates: "August 14", "Aug. 23, 2022", "14 August 2025", "21st of August", "the 21st",
//! "2025-08-14", "14/08/2025", "March 2024", "November 6 and 11"; ISO text values.

use super::hedge::hedge_before;
use super::label::label;
use super::nouns::{count_noun, next_is_counted};
use super::number::{has_decimal, scale_at, small_int, year_val, NumberCore};
use super::unit::unit_at;
use super::{Kind, Mention, Scope, Step};
use crate::extract::lex;
use crate::extract::text::Doc;
use crate::extract::{Approx, Value};
use rust_decimal::Decimal;

pub(super) fn date_text(y: Option<i32>, m: Option<u32>, dd: Option<u32>) -> String {
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

pub(in crate::extract) fn finish_date(m: &mut Mention, doc_year: Option<i32>) {
    if let Some((y, mo, dd)) = m.ymd {
        let y = if y.is_none() && mo.is_some() && dd.is_some() {
            doc_year
        } else {
            y
        };
        m.value = Some(Value::Text(date_text(y, mo, dd)));
    }
}

#[inline]
pub(super) fn ordinal_suffix(d: &Doc, i: usize) -> bool {
    d.is_word(i + 1) && d.glued(i + 1) && matches!(d.lw(i + 1), "st" | "nd" | "rd" | "th")
}

#[inline]
pub(super) fn month_at(d: &Doc, i: usize) -> Option<u32> {
    if !d.is_word(i) || !d.cap(i) {
        return None;
    }
    let raw = d.raw(i);
    let m = lex::month(raw)?;
    // "May", "March" as words need a day/year after; abbreviations only when capitalized.
    Some(m)
}

/// Date starting at a month name: "August 14", "Aug. 14, 2025", "August 2025".
pub(super) fn date_from_month(d: &Doc, sent: usize, i: usize, hi: usize) -> Option<Mention> {
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
            if !(d.is_word(k + 1) && lex::person_noun(d.lw(k + 1))) {
                y = Some(yy);
                end = k + 1;
            }
        }
        let mut m = Mention::new(d, sent, i, end, Kind::Date);
        m.unit = Some("date");
        m.ymd = Some((y, Some(mo), Some(day)));
        if let Some(h) = high {
            m.high = Some(Value::Text(date_text(y, Some(mo), Some(h))));
            m.approx = Approx::Range;
        }
        return Some(m);
    }
    if let Some(y) = year_val(d, j) {
        let mut m = Mention::new(d, sent, i, j + 1, Kind::Date);
        m.unit = Some("date");
        m.ymd = Some((Some(y), Some(mo), None));
        return Some(m);
    }
    None
}

/// A date mention over tokens [t0, t1) from its parts.
#[inline]
fn date(
    d: &Doc,
    sent: usize,
    (t0, t1): (usize, usize),
    (y, mo, dd): (Option<i32>, Option<u32>, Option<u32>),
) -> Mention {
    let mut m = Mention::new(d, sent, t0, t1, Kind::Date);
    m.unit = Some("date");
    m.ymd = Some((y, mo, dd));
    m
}

/// A year mention over tokens [t0, t1).
#[inline]
fn year_mention(d: &Doc, sent: usize, (t0, t1): (usize, usize), y: i32) -> Mention {
    let mut m = Mention::new(d, sent, t0, t1, Kind::Year);
    m.unit = Some("year");
    m.value = Some(Value::Number(Decimal::from(y)));
    m
}

/// Rule: "FY2024".
#[inline(always)]
pub(super) fn fiscal_year_prefix(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let prev_glued_word = i > scope.lo && d.glued(i) && d.is_word(i - 1);
    if !(prev_glued_word && d.lw(i - 1) == "fy") {
        return Step::Pass;
    }
    Step::or_pass(year_val(d, i).map(|y| year_mention(d, scope.sent, (i - 1, i + 1), y)))
}

/// Rule: ISO date "2025-08-14".
#[inline(always)]
pub(super) fn iso_date(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let Some(y) = year_val(d, i) else {
        return Step::Pass;
    };
    if d.is_sym(i + 1, '-')
        && d.glued(i + 1)
        && d.glued(i + 2)
        && d.is_sym(i + 3, '-')
        && d.glued(i + 3)
        && d.glued(i + 4)
    {
        if let (Some(mo), Some(dd)) = (small_int(d, i + 2, 2), small_int(d, i + 4, 2)) {
            if (1..=12).contains(&mo) && (1..=31).contains(&dd) {
                return Step::Found(date(
                    d,
                    scope.sent,
                    (i, i + 5),
                    (Some(y), Some(mo), Some(dd)),
                ));
            }
        }
    }
    Step::Pass
}

/// Rule: digits slash digits. Slash dates "14/08/2025", fiscal years "2024/25", digit fractions
/// "3/4 of voters", "about 1/3"; other pairs ("24/7", "9/11") are labels.
#[inline(always)]
pub(super) fn slash_pair(scope: &Scope, i: usize) -> Step<Mention> {
    let Scope {
        doc: d, sent, lo, ..
    } = *scope;
    if !(d.is_sym(i + 1, '/') && d.glued(i + 1) && d.is_number(i + 2) && d.glued(i + 2)) {
        return Step::Pass;
    }
    if d.is_sym(i + 3, '/') && d.glued(i + 3) && d.is_number(i + 4) && d.glued(i + 4) {
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
                return Step::Found(date(d, sent, (i, i + 5), (Some(y), Some(mo), Some(dd))));
            }
        }
        return Step::Found(label(d, sent, i, i + 5));
    }
    // fiscal years: "2024/25"
    if let (Some(y), Some(y2)) = (year_val(d, i), small_int(d, i + 2, 2)) {
        if d.raw(i + 2).len() == 2 && (y + 1) % 100 == y2 as i32 {
            return Step::Found(year_mention(d, sent, (i, i + 3), y));
        }
    }
    // digit fractions: "3/4 of voters", "about 1/3"
    if let (Some(a), Some(b)) = (small_int(d, i, 1), small_int(d, i + 2, 2)) {
        let hedged = hedge_before(d, i, lo).1 != Approx::Exact;
        if a >= 1 && a < b && b <= 10 && (d.lw(i + 3) == "of" || hedged) {
            let v = (Decimal::from(a) / Decimal::from(b))
                .round_dp(6)
                .normalize();
            let mut m = Mention::number(d, sent, (i, i + 3), "ratio", v);
            m.take_hedge(hedge_before(d, i, lo));
            return Step::Found(m);
        }
    }
    Step::Found(label(d, sent, i, i + 3))
}

/// Rule: "14 August 2025", "14 of August", "14 Aug. 2025".
#[inline(always)]
pub(super) fn day_month_year(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let mut k = i + 1;
    if d.lw(k) == "of" {
        k += 1;
    }
    let Some(mo) = month_at(d, k) else {
        return Step::Pass;
    };
    let Some(day) = small_int(d, i, 2) else {
        return Step::Pass;
    };
    if !(1..=31).contains(&day) || d.toks[i].grouped {
        return Step::Pass;
    }
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
    Step::Found(date(d, scope.sent, (i, end), (y, Some(mo), Some(day))))
}

/// Rule: a second day after a month date: "November 6 and 11", "March 3, 5".
#[inline(always)]
pub(super) fn second_day_after_month(scope: &Scope, i: usize) -> Step<Mention> {
    let Scope { doc: d, lo, hi, .. } = *scope;
    if !(i >= lo + 3 && (matches!(d.lw(i - 1), "and" | "or" | "to") || d.is_sym(i - 1, ','))) {
        return Step::Pass;
    }
    let Some(day) = small_int(d, i, 2) else {
        return Step::Pass;
    };
    if !(1..=31).contains(&day) || d.toks[i].grouped {
        return Step::Pass;
    }
    if i >= lo + 3 && (matches!(d.lw(i - 1), "and" | "or" | "to") || d.is_sym(i - 1, ',')) {
        if let (Some(_), Some(mo)) = (small_int(d, i - 2, 2), month_at(d, i.saturating_sub(3))) {
            if !next_is_counted(d, i + 1, hi) && !d.is_sym(i + 1, '%') {
                return Step::Found(date(d, scope.sent, (i, i + 1), (None, Some(mo), Some(day))));
            }
        }
    }
    Step::Pass
}

/// Rule: years: four digits, no separators ("2024", "1990s", "2023-24", "2020-2024", "between
/// 2026 and 2028"), unless a unit or counted noun follows ("2024 people").
#[inline(always)]
pub(super) fn year(scope: &Scope, i: usize) -> Step<Mention> {
    let Scope { doc: d, lo, hi, .. } = *scope;
    let Some(y) = year_val(d, i) else {
        return Step::Pass;
    };
    if has_decimal(d, i) {
        return Step::Pass;
    }
    let nx = i + 1;
    // decades "1990s"
    if d.is_word(nx) && d.glued(nx) && d.lw(nx) == "s" {
        return Step::Found(year_mention(d, scope.sent, (i, nx + 1), y));
    }
    let c = NumberCore {
        v: Decimal::from(y),
        next: nx,
        scaled: false,
        spelled: false,
        vague: false,
    };
    let counted = unit_at(scope, nx, &c, false).is_some()
        || scale_at(d, nx, hi, false).is_some()
        || (d.is_word(nx) && (lex::person_noun(d.lw(nx)) || count_noun(d.lw(nx))));
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
    if counted || !(y >= 1800 || prep_before) {
        return Step::Pass;
    }
    let mut m = year_mention(d, scope.sent, (i, i + 1), y);
    // "2023-24", "2020-2024"
    if d.is_dash(nx) && d.glued(nx) && d.glued(nx + 1) && d.is_number(nx + 1) {
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
                m.e = d.toks[nx + 1].end();
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
                m.e = d.toks[nx + 1].end();
            }
        }
    }
    Step::Found(m)
}
