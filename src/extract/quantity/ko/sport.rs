//! Results in Korean sports copy: race times written with the unit between the whole seconds and
//! the hundredths ("36초98", "1분07초42"), and scores, each side a count ("2-4로 졌다").

use super::super::number::small_int;
use super::super::{Kind, Mention, Scope, Step};
use crate::extract::text::Doc;
use crate::extract::Value;
use rust_decimal::Decimal;

/// Token `k` is the unit word `unit` glued to what comes before: "초" in "36초98".
fn unit_at(scope: &Scope, k: usize, unit: &str) -> bool {
    let d = scope.doc;
    k < scope.hi && d.is_word(k) && d.glued(k) && d.raw(k) == unit
}

/// Token `k` is one to `max` digits glued to what comes before: "98" in "36초98".
fn glued_digits(scope: &Scope, k: usize, max: usize) -> Option<(u32, u32)> {
    let d = scope.doc;
    if k >= scope.hi || !d.glued(k) {
        return None;
    }
    let n = small_int(d, k, max)?;
    Some((n, d.raw(k).len() as u32))
}

/// "36초98" (36.98 seconds), "1분07초42" (67.42), "3분38초17": a race time, the digits after 초
/// its fraction of a second. Minutes need their seconds written ("1분07초"), and the seconds
/// after minutes are under 60. Hours glued before ("2시간1분07초42") join it as one duration
/// (`merge_or_push`).
pub(super) fn race_time(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let Some(first) = small_int(d, i, 3) else {
        return Step::Pass;
    };
    let (minutes, seconds, fraction_at) = if unit_at(scope, i + 1, "분") {
        match glued_digits(scope, i + 2, 2) {
            Some((s, _)) if s < 60 && unit_at(scope, i + 3, "초") => (first, s, i + 4),
            _ => return Step::Pass,
        }
    } else if unit_at(scope, i + 1, "초") {
        (0, first, i + 2)
    } else {
        return Step::Pass;
    };
    let Some((fraction, places)) = glued_digits(scope, fraction_at, 3) else {
        return Step::Pass;
    };
    let value = Decimal::from(minutes * 60 + seconds)
        + Decimal::from(fraction) / Decimal::from(10u32.pow(places));
    let mut m = Mention::new(d, scope.sent, i, fraction_at + 1, Kind::Quantity);
    m.unit = Some("duration");
    m.value = Some(Value::Number(value.normalize()));
    Step::Found(m)
}

/// Words after "로" that make "N-M로" a result: won, lost, led, trailed, beat.
const RESULT_WORDS: &[&str] = &[
    "이기", "이겨", "이겼", "승리", "져", "졌", "지며", "패하", "패했", "패배", "앞서", "앞섰",
    "뒤져", "뒤졌", "뒤지", "꺾", "완승", "완패", "역전", "비기", "비겼", "마쳤", "끝났",
];

/// Whether the dash at `dash` joins the two sides of a score: "2-4로 졌다", "31-24로 앞섰다".
fn is_score(d: &Doc, dash: usize, hi: usize) -> bool {
    let after = dash + 2;
    d.is_dash(dash)
        && d.is_number(dash - 1)
        && d.is_number(dash + 1)
        && after + 1 < hi
        && d.is_word(after)
        && d.glued(after)
        && matches!(d.raw(after), "로" | "으로")
        && RESULT_WORDS.iter().any(|w| d.raw(after + 1).starts_with(w))
}

/// Either side of a score ("2-4로 져"): a count each, not a range from 2 to 4.
pub(super) fn score_side(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let first = i + 1 < scope.hi && is_score(d, i + 1, scope.hi);
    let second = i >= scope.lo + 2 && is_score(d, i - 1, scope.hi);
    if !(first || second) {
        return Step::Pass;
    }
    let Some(n) = small_int(d, i, 3) else {
        return Step::Pass;
    };
    let mut m = Mention::new(d, scope.sent, i, i + 1, Kind::Quantity);
    m.unit = Some("count");
    m.value = Some(Value::Number(Decimal::from(n)));
    Step::Found(m)
}
