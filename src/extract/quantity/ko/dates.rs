//! Korean dates, times and numbers that name rather than count: 2025년 8월 14일, 오후 2시, dotted
//! dates, spans of years and months, 제9회, slash pairs, nationwide phone numbers.

use super::*;

/// Korea's nationwide numbers: four digits from 15, 16 or 18, a dash, four digits ("1588-2505",
/// "1644-0000"): a phone number, not a range.
pub(super) fn representative_number(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let four = |k: usize| d.raw(k).len() == 4 && d.raw(k).bytes().all(|b| b.is_ascii_digit());
    let nationwide = ["15", "16", "18"].iter().any(|p| d.raw(i).starts_with(p));
    // "1500-2000명" is a range and "(1820-1898)" a life span: a counter after it, or a later
    // second group that could be a year, is not a phone number
    let counted_after = d.is_word(i + 3) && d.glued(i + 3);
    let span_of_years = small_int(d, i + 2, 4)
        .zip(small_int(d, i, 4))
        .is_some_and(|(second, first)| second > first && second <= 2100);
    if four(i)
        && nationwide
        && i + 2 < scope.hi
        && d.is_sym(i + 1, '-')
        && d.glued(i + 1)
        && d.glued(i + 2)
        && four(i + 2)
        && !counted_after
        && !span_of_years
    {
        return Step::Found(label(d, scope.sent, i, i + 3));
    }
    Step::Pass
}

/// "제9회", "제1야당": a number after 제 is an ordinal label.
pub(super) fn ordinal_prefix(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    if !(i > scope.lo && d.raw(i - 1) == "제" && d.glued(i)) {
        return Step::Pass;
    }
    let Some(n) = small_int(d, i, 3) else {
        return Step::Pass;
    };
    let end = if d.is_word(i + 1) && d.glued(i + 1) {
        i + 2
    } else {
        i + 1
    };
    let mut m = Mention::new(d, scope.sent, i - 1, end, Kind::Ordinal);
    m.unit = Some("ordinal");
    m.value = Some(Value::Number(Decimal::from(n)));
    m.bonus = -0.2;
    Step::Found(m)
}

pub(super) fn dotted_date(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    // "2025.8.14" reads as the number "2025.8", a dot and "14"
    let raw = d.raw(i);
    let Some((y, mo)) = raw.split_once('.') else {
        return Step::Pass;
    };
    if !(y.len() == 4 && d.is_sym(i + 1, '.') && d.glued(i + 1) && d.glued(i + 2)) {
        return Step::Pass;
    }
    let (Ok(y), Ok(mo), Some(dd)) = (y.parse::<i32>(), mo.parse::<u32>(), small_int(d, i + 2, 2))
    else {
        return Step::Pass;
    };
    if !((1..=12).contains(&mo) && (1..=31).contains(&dd)) {
        return Step::Pass;
    }
    let mut m = Mention::new(d, scope.sent, i, i + 3, Kind::Date);
    m.unit = Some("date");
    m.ymd = Some((Some(y), Some(mo), Some(dd)));
    Step::Found(m)
}

/// "1/2쪽", "3/4": slash pairs are labels (page counters) in Korean text.
pub(super) fn slash_label(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    if d.is_sym(i + 1, '/') && d.glued(i + 1) && d.is_number(i + 2) && d.glued(i + 2) {
        let end = if d.is_word(i + 3) && d.glued(i + 3) {
            i + 4
        } else {
            i + 3
        };
        return Step::Found(label(d, scope.sent, i, end));
    }
    Step::Pass
}

/// "1991~1996년" is a span of years and "1~9월" one of months: when, not how many.
pub(super) fn year_or_month_range(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let (low, high) = (i, i + 2);
    if !(high + 1 < scope.hi
        && matches!(d.sym(i + 1), Some('~' | '∼' | '〜'))
        && d.is_number(high)
        && d.is_word(high + 1)
        && d.glued(high + 1))
    {
        return Step::Pass;
    }
    let after = d.raw(high + 1);
    let end_at = |suffix: &str| d.toks[high + 1].start() + suffix.len();
    let mut m =
        if after.starts_with('년') && !after.starts_with("년간") && !after.starts_with("년째")
        {
            let (Some(a), Some(b)) = (year_val(d, low), year_val(d, high)) else {
                return Step::Pass;
            };
            let mut m = Mention::new(d, scope.sent, low, high + 2, Kind::Year);
            m.unit = Some("year");
            m.value = Some(Value::Number(Decimal::from(a)));
            m.high = Some(Value::Number(Decimal::from(b)));
            m.approx = Approx::Range;
            m.e = end_at("년");
            m
        } else if after.starts_with('월') {
            let months = (small_int(d, low, 2), small_int(d, high, 2));
            let (Some(a), Some(b)) = months else {
                return Step::Pass;
            };
            if !(1..=12).contains(&a) || !(1..=12).contains(&b) {
                return Step::Pass;
            }
            let mut m = Mention::new(d, scope.sent, low, high + 2, Kind::Date);
            m.unit = Some("date");
            m.ymd = Some((None, Some(a), None));
            m.e = end_at("월");
            m
        } else {
            return Step::Pass;
        };
    m.bonus = -0.3;
    Step::Found(m)
}

/// Dates: "2025년 8월 14일", "2025년 9월", "8월 14일", "14일", "2026년" (a year).
pub(super) fn date(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let unit_of = |k: usize| -> Option<&str> {
        if d.is_number(k) && d.is_word(k + 1) && d.glued(k + 1) {
            let w = d.raw(k + 1);
            ["년", "월", "일"].into_iter().find(|u| w.starts_with(u))
        } else {
            None
        }
    };
    let Some(first) = unit_of(i) else {
        return Step::Pass;
    };
    // "11일간", "3년간", "4년 전" are durations, "2025년" a year
    let w = d.raw(i + 1);
    if w.starts_with("일간") || w.starts_with("년간") || w.starts_with("년째") {
        return Step::Pass;
    }
    let (mut y, mut mo, mut dd) = (None, None, None);
    let mut k = i;
    let mut end_tok = i;
    let mut end_byte = d.toks[i].end();
    let mut part = first;
    loop {
        let n = small_int(d, k, 4);
        match (part, n) {
            ("년", Some(v)) if y.is_none() && mo.is_none() => {
                if year_val(d, k).is_none() {
                    return Step::Pass;
                }
                y = Some(v as i32);
            }
            ("월", Some(v)) if mo.is_none() && dd.is_none() && (1..=12).contains(&v) => {
                mo = Some(v)
            }
            ("일", Some(v)) if dd.is_none() && (1..=31).contains(&v) => dd = Some(v),
            _ => break,
        }
        end_tok = k + 2;
        end_byte = d.toks[k + 1].start() + part.len();
        k += 2;
        match unit_of(k) {
            Some(p) if k < scope.hi => part = p,
            _ => break,
        }
    }
    if end_tok == i {
        return Step::Pass;
    }
    let mut m = Mention::new(d, scope.sent, i, end_tok, Kind::Date);
    m.e = end_byte;
    match (y, mo, dd) {
        (Some(y), None, None) => {
            m.kind = Kind::Year;
            m.unit = Some("year");
            m.value = Some(Value::Number(Decimal::from(y)));
        }
        _ => {
            m.unit = Some("date");
            m.ymd = Some((y, mo, dd));
        }
    }
    Step::Found(m)
}

/// "오후 2시", "1시 13분": times of day.
pub(super) fn time_of_day(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    if !(d.is_word(i + 1) && d.glued(i + 1) && d.raw(i + 1).starts_with('시'))
        || d.raw(i + 1).starts_with("시간")
    {
        return Step::Pass;
    }
    let Some(mut h) = small_int(d, i, 2).filter(|&h| h <= 24) else {
        return Step::Pass;
    };
    let pm = i > scope.lo && matches!(d.raw(i - 1), "오후" | "저녁" | "밤");
    if pm && h < 12 {
        h += 12;
    }
    let mut mi = 0;
    let mut end_tok = i + 2;
    let mut end_byte = d.toks[i + 1].start() + '시'.len_utf8();
    if d.is_number(i + 2) && d.raw(i + 3).starts_with('분') && d.glued(i + 3) {
        if let Some(m2) = small_int(d, i + 2, 2).filter(|&m2| m2 < 60) {
            mi = m2;
            end_tok = i + 4;
            end_byte = d.toks[i + 3].start() + '분'.len_utf8();
        }
    }
    let mut m = Mention::new(d, scope.sent, i, end_tok, Kind::Time);
    m.e = end_byte;
    m.unit = Some("time");
    m.value = Some(Value::Text(format!("{h:02}:{mi:02}")));
    Step::Found(m)
}

/// Rule: two years in a row joined by a dash, a season or fiscal year ("2026-2027 시즌",
/// "2022-2023 V리그"): a year, not a range of counts.
pub(super) fn season_years(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let dash = i + 1;
    if !(dash + 1 < scope.hi && d.is_dash(dash) && d.glued(dash) && d.glued(dash + 1)) {
        return Step::Pass;
    }
    let (Some(a), Some(b)) = (year_val(d, i), year_val(d, dash + 1)) else {
        return Step::Pass;
    };
    // "2019-2020년 사이": two years, a range (`year_or_month_range` reads it)
    let year_word = d.glued(dash + 2) && d.raw(dash + 2).starts_with('년');
    if b != a + 1 || year_word {
        return Step::Pass;
    }
    let mut m = Mention::new(d, scope.sent, i, dash + 2, Kind::Year);
    m.unit = Some("year");
    m.value = Some(Value::Number(Decimal::from(a)));
    Step::Found(m)
}
