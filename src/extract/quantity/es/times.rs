//! Spanish clock times and datelines the shared rules do not read: the hour after "a las" ("a las
//! 9", "a las 23.40", "desde las 8.30 horas", "entre las 15.00 y las 22.00") and a day before a short month name ("SANTIAGO, 2
//! dic", "14 ago.").

use super::super::number::small_int;
use super::super::{Kind, Mention, Scope, Step};
use crate::extract::text::Doc;
use crate::extract::Value;

/// Words before "las" (or "la" for one o'clock) that make the number after it an hour: "a las 9",
/// "desde las 8.30". Without minutes the number must still end as an hour does
/// (`hour_may_end_at`): "a las 3 empresas" is a count.
const BEFORE_THE_HOUR: &[&str] = &["a", "desde", "hasta", "pasadas"];

/// Words before "las" that make the number after it an hour only with its minutes: "entre las
/// 15.00 y las 22.00", "hacia las 7.30"; "entre las 7 y las 9 horas diarias" is a span of hours
/// and "entre las 20 y las 24 semanas" one of weeks.
const BEFORE_THE_HOUR_AND_MINUTES: &[&str] = &["entre", "y", "hacia", "sobre"];

/// What may follow an hour written without minutes: "a las 9 y …", "a las 10 en punto", "a las 8
/// de la mañana"; a noun after it makes it a count ("multó a las 3 empresas").
fn hour_may_end_at(d: &Doc, k: usize) -> bool {
    !d.is_word(k)
        || matches!(
            d.lw(k),
            "y" | "en" | "horas" | "h" | "hs" | "del" | "cuando" | "para"
        )
        || d.lw(k) == "de" && matches!(d.lw(k + 2), "mañana" | "tarde" | "noche" | "madrugada")
}

/// Rule: an hour of the day: "a las 9", "a las 23.40", "desde las 8.30 horas", "a la 1". The
/// minutes follow a dot or a colon; "horas", "h" or "hs" may close it.
pub(super) fn hour_of_day(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let Some((hour, glued_minutes)) = hour_at(d, i) else {
        return Step::Pass;
    };
    let the = if i > scope.lo { d.lw(i - 1) } else { "" };
    let (minutes, mut end) = match glued_minutes {
        Some(mm) => (Some(mm), i + 1),
        None => minutes_after(d, i),
    };
    let before_the = if i > scope.lo + 1 { d.lw(i - 2) } else { "" };
    let after_the = (the == "las" || the == "la" && hour == 1)
        && (BEFORE_THE_HOUR.contains(&before_the)
            || minutes.is_some() && BEFORE_THE_HOUR_AND_MINUTES.contains(&before_the));
    let hours_word = matches!(d.lw(end), "horas" | "h" | "hs");
    let read_as_hour = if minutes.is_some() {
        after_the || hours_word
    } else {
        after_the && hour_may_end_at(d, end)
    };
    if !read_as_hour {
        return Step::Pass;
    }
    if hours_word {
        end += 1;
    }
    let mut m = Mention::new(d, scope.sent, i, end, Kind::Time);
    m.unit = Some("time");
    m.value = Some(Value::Text(format!(
        "{hour:02}:{:02}",
        minutes.unwrap_or(0)
    )));
    Step::Found(m)
}

/// The hour at token `i`, with its minutes when the token holds both ("19.15", "8:30").
fn hour_at(d: &Doc, i: usize) -> Option<(u32, Option<u32>)> {
    if let Some(hour) = small_int(d, i, 2) {
        return (hour <= 24).then_some((hour, None));
    }
    let (h, m) = d.raw(i).split_once(['.', ':'])?;
    let two_digits =
        |s: &str| s.len() <= 2 && !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !(two_digits(h) && m.len() == 2 && two_digits(m)) {
        return None;
    }
    let (hour, minutes) = (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?);
    (hour <= 24 && minutes < 60).then_some((hour, Some(minutes)))
}

/// Minutes glued after an hour at token `i` ("23.40", "8:30"): the minutes and the token after.
fn minutes_after(d: &Doc, i: usize) -> (Option<u32>, usize) {
    let sep = i + 1;
    let glued = (d.is_sym(sep, '.') || d.is_sym(sep, ':')) && d.glued(sep) && d.glued(sep + 1);
    if glued && d.raw(sep + 1).len() == 2 {
        if let Some(mm) = small_int(d, sep + 1, 2).filter(|mm| *mm < 60) {
            return (Some(mm), sep + 2);
        }
    }
    (None, i + 1)
}

/// A short month name, with or without its period.
fn short_month(w: &str) -> Option<u32> {
    Some(match w {
        "ene" => 1,
        "feb" => 2,
        "mar" => 3,
        "abr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "ago" => 8,
        "sep" | "sept" => 9,
        "oct" => 10,
        "nov" => 11,
        "dic" => 12,
        _ => return None,
    })
}

/// Rule: a day before a short month name, as datelines write it: "SANTIAGO, 2 dic", "14 ago.".
pub(super) fn day_before_short_month(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let Some(month) = short_month(d.lw(i + 1)) else {
        return Step::Pass;
    };
    let Some(day) = small_int(d, i, 2).filter(|n| (1..=31).contains(n)) else {
        return Step::Pass;
    };
    let end = if d.is_sym(i + 2, '.') && d.glued(i + 2) {
        i + 3
    } else {
        i + 2
    };
    let mut m = Mention::new(d, scope.sent, i, end, Kind::Date);
    m.unit = Some("date");
    m.ymd = Some((None, Some(month), Some(day)));
    Step::Found(m)
}
