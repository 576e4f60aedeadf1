//! Results in Korean sports copy: race times written with the unit between the whole seconds and
//! the hundredths ("36초98", "1분07초42"), and scores, each side a count ("2-4로 졌다").

use super::super::number::small_int;
use super::super::sport::ScoreUse;
use super::super::{Kind, Mention, Scope, Step};
use super::words::is_particle;
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

/// Words after "로" that make "N-M로" a result: won, lost, led, trailed, beat, gave up, took.
const RESULT_WORDS: &[&str] = &[
    "이기",
    "이겨",
    "이겼",
    "승리",
    "져",
    "졌",
    "지며",
    "패하",
    "패했",
    "패배",
    "앞서",
    "앞섰",
    "뒤져",
    "뒤졌",
    "뒤지",
    "꺾",
    "완승",
    "완패",
    "역전",
    "비기",
    "비겼",
    "마쳤",
    "끝났",
    "내주",
    "내준",
    "내줬",
    "따내",
    "따낸",
    "따냈",
    "가져",
    "물리치",
    "물리쳐",
    "물리쳤",
    "제압",
    "눌러",
    "눌렀",
    "누르",
];

/// Words that put a sentence inside a match, for scores that place a moment ("25-25에서").
const IN_PLAY: &[&str] = &[
    "세트",
    "듀스",
    "경기",
    "쿼터",
    "이닝",
    "전반",
    "후반",
    "타이브레이크",
];

/// The dash at `dash` joins two whole numbers: "2-4", "25-21".
fn is_pair(d: &Doc, dash: usize, lo: usize, hi: usize) -> bool {
    dash > lo
        && dash + 1 < hi
        && d.is_dash(dash)
        && small_int(d, dash - 1, 3).is_some()
        && small_int(d, dash + 1, 3).is_some()
}

/// "로"/"으로" glued at `k` and a result word after it: "…로 졌다", "…으로 꺾었다".
fn result_follows(d: &Doc, k: usize, hi: usize) -> bool {
    k + 1 < hi
        && d.is_word(k)
        && d.glued(k)
        && matches!(d.raw(k), "로" | "으로")
        && (result_word(d.raw(k + 1))
            || (d.raw(k + 1).ends_with('게') && result_word(d.raw(k + 2))))
}

/// A word of result: "꺾었다", "앞섰다" (after "로", or after an adverb: "크게 앞섰다").
fn result_word(w: &str) -> bool {
    RESULT_WORDS.iter().any(|r| w.starts_with(r))
}

/// The result pair before the bracket at `open`: "3-1" in "세트 스코어 3-1(25-21 23-25)로".
fn bracket_after_result(d: &Doc, open: usize, lo: usize, hi: usize) -> bool {
    open >= lo + 3 && d.is_sym(open, '(') && d.glued(open) && is_result(d, open - 2, lo, hi)
}

/// Whether the pair at `dash` reports a result: a result verb after "로" ("2-4로 졌다"), after
/// a bracket of set scores ("3-1(25-21 23-25)로 꺾었다"), or "스코어" before it.
fn is_result(d: &Doc, dash: usize, lo: usize, hi: usize) -> bool {
    if !is_pair(d, dash, lo, hi) {
        return false;
    }
    let after = dash + 2;
    if result_follows(d, after, hi) || (dash >= lo + 2 && d.raw(dash - 2) == "스코어") {
        return true;
    }
    // the bracket of set scores after it: its result verb comes after the closing bracket
    if d.is_sym(after, '(') && d.glued(after) {
        let close = (after..hi.min(after + 40)).find(|&k| d.is_sym(k, ')'));
        return close.is_some_and(|c| result_follows(d, c + 1, hi));
    }
    false
}

/// What the pair at `dash` does, if it is a score: a result ("2-4로 졌다", "세트 스코어 3-1",
/// each set's score in the bracket after it: "3-1(25-21 23-25 25-18)로"), or a moment of play
/// ("25-25에서", in a sentence about a set).
fn score_use(d: &Doc, dash: usize, lo: usize, hi: usize) -> Option<ScoreUse> {
    if !is_pair(d, dash, lo, hi) {
        return None;
    }
    if is_result(d, dash, lo, hi) {
        return Some(ScoreUse::Result);
    }
    // a set's score inside the bracket after a result: walk back over the pairs before it
    let mut first = dash;
    for _ in 0..10 {
        if !(first >= lo + 4 && !d.glued(first - 1) && is_pair(d, first - 3, lo, hi)) {
            break;
        }
        first -= 3;
    }
    if first >= lo + 2 && bracket_after_result(d, first - 2, lo, hi) {
        return Some(ScoreUse::Result);
    }
    // "25-25에서", "23-24로 몰린": where the play stood
    let moment = d.glued(dash + 2)
        && (d.raw(dash + 2) == "에서"
            || (matches!(d.raw(dash + 2), "로" | "으로") && d.raw(dash + 3).starts_with('몰')));
    // words of play whole, or before a particle: "세트", "듀스를" (not "경기도", "전반적으로")
    let in_play = || {
        (lo..hi).any(|k| {
            let w = d.raw(k);
            IN_PLAY.iter().any(|p| {
                w.strip_prefix(p)
                    .is_some_and(|rest| rest.is_empty() || is_particle(rest))
            })
        })
    };
    (moment && in_play()).then_some(ScoreUse::Moment)
}

/// Either side of a score ("2-4로 져", "3-1(25-21 23-25)로 꺾었다"): a count each, not a range
/// from 2 to 4.
pub(super) fn score_side(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let (lo, hi) = (scope.lo, scope.hi);
    let found = [i + 1, i.wrapping_sub(1)]
        .into_iter()
        .filter(|&dash| dash > lo && dash < hi)
        .find_map(|dash| score_use(d, dash, lo, hi));
    let (Some(use_), Some(n)) = (found, small_int(d, i, 3)) else {
        return Step::Pass;
    };
    Step::Found(use_.side(scope, i, n))
}

/// Rule: the number after "승점" (league points), written without a counter: "승점 32", "(9승
/// 4패·승점 27)". A count of points, a standing as much a claim as the wins and losses beside it.
pub(super) fn league_points(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    if !(i > scope.lo && d.raw(i - 1) == "승점" && !d.glued(i)) {
        return Step::Pass;
    }
    let Some(n) = small_int(d, i, 4) else {
        return Step::Pass;
    };
    Step::Found(ScoreUse::Result.side(scope, i, n))
}
