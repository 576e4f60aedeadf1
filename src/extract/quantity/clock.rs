//! Clock times and race times: "9:30 a.m.", "3pm", "7.30 pm", "1130 GMT", "09:00-18:00",
//! "2:00:35", "1:13:24.325".

use super::hedge::hedge_before;
use super::number::{parse_num, small_int};
use super::{Kind, Mention, Scope, Step};
use crate::extract::text::Doc;
use crate::extract::{Approx, Value};
use rust_decimal::Decimal;

#[inline]
pub(super) fn is_ampm(d: &Doc, j: usize) -> Option<usize> {
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

pub(super) fn timezone(w: &str) -> bool {
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

/// A clock or race time at number `i` followed by `:` ("9:30", "2:00:35").
pub(super) fn clock(scope: &Scope, i: usize) -> Option<Mention> {
    let Scope {
        doc: d, sent, lo, ..
    } = *scope;
    let a = small_int(d, i, 3)?;
    let frac_b = parse_num(d, i + 2)?;
    let b: u32 = small_int(d, i + 2, 2).or_else(|| frac_b.trunc().to_string().parse().ok())?;
    let mut end = i + 3;
    let mut c: Option<Decimal> = None;
    if d.is_sym(end, ':') && d.glued(end) && d.is_number(end + 1) && d.glued(end + 1) {
        c = parse_num(d, end + 1);
        end += 2;
    }
    let ampm = is_ampm(d, end);
    let tz = d.is_word(end) && timezone(d.lw(end));
    let at_before = i > lo
        && (matches!(
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
        )
        // Spanish: "desde las 7:00", "a la 1:30" (not "bajó de las 2:05", a race time)
        || (matches!(d.lw(i - 1), "las" | "la")
            && (i == lo + 1
                || matches!(
                    d.lw(i - 2),
                    "desde" | "a" | "hasta" | "entre" | "tras" | "sobre" | "antes" | "después"
                ))));
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
        let mut m = Mention::new(d, sent, i, e, Kind::Time);
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
        let mut m = Mention::new(d, sent, i, end, Kind::Time);
        m.unit = Some("time");
        m.value = Some(Value::Text(format!("{a:02}:{b:02}")));
        // "08:00-18:00"
        if d.is_dash(end) && d.glued(end) && d.is_number(end + 1) && d.is_sym(end + 2, ':') {
            if let (Some(a2), Some(b2)) = (small_int(d, end + 1, 2), small_int(d, end + 3, 2)) {
                m.high = Some(Value::Text(format!("{a2:02}:{b2:02}")));
                m.approx = Approx::Range;
                m.t1 = end + 4;
                m.e = d.toks[end + 3].end();
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
    let mut m = Mention::new(d, sent, i, end, Kind::Quantity);
    m.unit = Some("duration");
    m.value = Some(Value::Number(secs));
    m.take_hedge(hedge_before(d, i, lo));
    Some(m)
}

/// Rule: digits, a colon and two more digits: a clock time or a race time ("9:30", "2:00:35").
#[inline(always)]
pub(super) fn clock_or_race_time(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    if d.is_sym(i + 1, ':')
        && d.glued(i + 1)
        && d.is_number(i + 2)
        && d.glued(i + 2)
        && d.raw(i + 2).len() >= 2
    {
        return Step::decided(clock(scope, i));
    }
    Step::Pass
}

/// Rule: times of day with a.m./p.m.: "10 a.m.", "7.30 pm", "10.15am".
#[inline(always)]
pub(super) fn time_of_day(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let raw = d.raw(i);
    let Some(e) = is_ampm(d, i + 1) else {
        return Step::Pass;
    };
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
    if !(h <= 12 && mi < 60) {
        return Step::Pass;
    }
    let pm = d.lw(i + 1).starts_with('p');
    let hh = if pm && h < 12 {
        h + 12
    } else if !pm && h == 12 {
        0
    } else {
        h
    };
    Step::Found(time_mention(
        d,
        scope.sent,
        (i, e),
        format!("{hh:02}:{mi:02}"),
    ))
}

/// Time zones written after a time.
const TIME_ZONES: &[&str] = &["gmt", "utc", "bst", "cet", "cest", "et", "kst", "jst"];

/// Two ASCII digits as a number.
fn small_int_of(digits: &str) -> Option<u32> {
    if digits.bytes().all(|b| b.is_ascii_digit()) {
        digits.parse().ok()
    } else {
        None
    }
}

/// Rule: four digits before a time zone or "hours": "1130 GMT", "0900 hours"; hours and minutes
/// with a dot before a zone: "07.00 GMT".
#[inline(always)]
pub(super) fn four_digit_time(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let raw = d.raw(i);
    // hours and minutes with a dot, as British papers date a page: "07.00 GMT", "18.30 BST"
    if raw.len() == 5 && raw.as_bytes()[2] == b'.' && TIME_ZONES.contains(&d.lw(i + 1)) {
        let (h, mi) = (small_int_of(&raw[..2]), small_int_of(&raw[3..]));
        if let (Some(h), Some(mi)) = (h, mi) {
            if h < 24 && mi < 60 {
                let text = format!("{h:02}:{mi:02}");
                return Step::Found(time_mention(d, scope.sent, (i, i + 2), text));
            }
        }
    }
    if !(raw.len() == 4
        && d.is_word(i + 1)
        && matches!(
            d.lw(i + 1),
            "gmt" | "utc" | "hrs" | "hours" | "local" | "et" | "bst" | "cet" | "kst" | "jst"
        ))
    {
        return Step::Pass;
    }
    if let Some(v) = small_int(d, i, 4) {
        if v / 100 < 24
            && v % 100 < 60
            && (d.lw(i + 1) != "hours" || raw.starts_with('0') || v % 100 != 0 || v >= 1000)
        {
            let text = format!("{:02}:{:02}", v / 100, v % 100);
            return Step::Found(time_mention(d, scope.sent, (i, i + 2), text));
        }
    }
    Step::Pass
}

#[inline]
fn time_mention(d: &Doc, sent: usize, (t0, t1): (usize, usize), hh_mm: String) -> Mention {
    let mut m = Mention::new(d, sent, t0, t1, Kind::Time);
    m.unit = Some("time");
    m.value = Some(Value::Text(hh_mm));
    m
}
