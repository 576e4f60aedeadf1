//! Korean context: the subject written before a quantity ("*수출액은* 623억 달러로"), the speaker
//! ("X에 따르면", "...고 X가 밝혔다", "X 장관은 ...고 말했다"), and the penalties for numbers that
//! sample or place rather than claim. Particles are stripped from subjects and speakers.

use super::subject::Span;
use crate::extract::quantity::ko::{strip_particle, SAY_ENDINGS};
use crate::extract::quantity::{Kind, Mention};
use crate::extract::text::Doc;
use crate::extract::Approx;

/// Ends a verb or clause: not a noun ("늘었다", "기록했고", "발사돼").
fn predicate(w: &str) -> bool {
    [
        "다", "고", "며", "면", "서", "데", "지만", "돼", "해", "던", "한", "된", "는데",
    ]
    .iter()
    .any(|e| w.ends_with(e))
}

/// Particles that mark a subject or topic.
fn topic(w: &str) -> bool {
    ["은", "는", "이", "가"].iter().any(|e| w.ends_with(e)) && w.chars().count() >= 2
}

/// Whether the word at `k` starts a noun phrase joined to the one before by a conjunction: the
/// word before ends in 과/와 ("3척과", "기업과") or is a conjunction.
fn coordinated(d: &Doc, k: usize, lo: usize) -> bool {
    k > lo && {
        let before = d.raw(k - 1);
        conjunction(before)
            || (before.chars().count() >= 2 && (before.ends_with('과') || before.ends_with('와')))
    }
}

/// A word that joins two noun phrases: 및, 그리고, 또는.
fn conjunction(w: &str) -> bool {
    matches!(w, "및" | "그리고" | "또는")
}

fn say_word(w: &str) -> bool {
    SAY_ENDINGS.iter().any(|e| w.starts_with(e)) || w.ends_with("밝혔다")
}

/// The subject: the noun (and one noun before it) right before the quantity or its hedge.
pub(super) fn subject_and_unit(d: &Doc, m: &mut Mention) -> Option<Span> {
    if m.bare {
        m.unit = Some("count");
    }
    if !matches!(m.kind, Kind::Quantity | Kind::Age | Kind::Ordinal) {
        return None;
    }
    let lo = d.sents[m.sent].lo;
    let mut p = m.h0;
    // "이 가운데 사망자는 23명으로": skip a word that only points back
    while p > lo
        && matches!(
            d.raw(p - 1),
            "이" | "이는" | "모두" | "전체" | "연" | "연간"
        )
    {
        p -= 1;
    }
    // the word before belongs to another quantity ("2천880만 명으로 1년 전보다"), unless a
    // conjunction ends that quantity and this noun starts the next ("구축함 3척과 병력 4천 명")
    if p <= lo
        || !d.is_word(p - 1)
        || predicate(d.raw(p - 1))
        || (!coordinated(d, p - 1, lo)
            && (p.saturating_sub(3).max(lo)..p - 1).any(|k| d.is_number(k)))
    {
        return None;
    }
    let end = p;
    let mut start = p - 1;
    // one more noun before it, when it carries no particle ("반도체 수출이")
    let plain = |w: &str| strip_particle(w) == w && !predicate(w) && !conjunction(w);
    if start > lo && d.is_word(start - 1) && plain(d.raw(start - 1)) {
        start -= 1;
    }
    Some((start, end))
}

/// The speaker of a Korean sentence (token range).
pub(super) fn speaker(d: &Doc, lo: usize, hi: usize) -> Option<Span> {
    for k in lo..hi {
        // "합참에 따르면", "한국은행에 따르면"
        if d.raw(k).starts_with("따르면") && k > lo && d.raw(k - 1).ends_with('에') {
            let s = if k > lo + 1
                && d.is_word(k - 2)
                && !predicate(d.raw(k - 2))
                && !topic(d.raw(k - 2))
            {
                k - 2
            } else {
                k - 1
            };
            return Some((s, k));
        }
    }
    let say = (lo..hi).find(|&k| d.is_word(k) && say_word(d.raw(k)))?;
    // "...발사했다고 합동참모본부가 밝혔다": the word before the verb
    if say > lo && topic(d.raw(say - 1)) && !predicate(d.raw(say - 1)) {
        return Some((say - 1, say));
    }
    // "안덕근 산업부 장관은 \"...\"고 말했다": the first topic of the sentence
    let t = (lo..say).find(|&k| d.is_word(k) && topic(d.raw(k)) && !predicate(d.raw(k)))?;
    let mut s = t;
    while s > lo
        && s + 3 > t
        && d.is_word(s - 1)
        && !predicate(d.raw(s - 1))
        && !topic(d.raw(s - 1))
    {
        s -= 1;
    }
    Some((s, t + 1))
}

/// The text of a subject or speaker span, particle stripped from its last word.
pub(super) fn span_text(d: &Doc, (a, b): Span) -> Option<String> {
    let start = d.toks.get(a)?.start();
    let last = d.raw(b - 1);
    let end = d.toks[b - 1].start() + strip_particle(last).len();
    d.text.get(start..end).map(str::to_string)
}

/// The text glued after a mention's surface in its last token ("년간", "년 만에" has none).
fn glued_after<'d>(d: &'d Doc, m: &Mention) -> &'d str {
    d.text
        .get(m.e..d.toks.get(m.t1.saturating_sub(1)).map_or(m.e, |t| t.end()))
        .unwrap_or("")
}

/// A reading on a named scale, a measured value rather than a bare number: an earthquake's
/// magnitude and intensity ("규모 4.6의 지진", "최대 진도 5"). Not a threshold that picks a class
/// ("규모 2.0 이상 지진은") nor the topic of a definition ("계기진도 5는 … 수준이다").
pub(super) fn scale_reading(d: &Doc, m: &Mention) -> bool {
    let lo = d.sents[m.sent].lo;
    m.kind == Kind::Quantity
        && m.unit == Some("count")
        && m.approx == Approx::Exact
        && m.h0 > lo
        && matches!(d.raw(m.h0 - 1), "규모" | "진도" | "계기진도")
        && !matches!(d.raw(m.t1), "이상" | "이하" | "미만" | "초과")
        && !glued_after(d, m).starts_with(['은', '는'])
}

/// Numbers that sample or place rather than claim.
pub(super) fn penalty(d: &Doc, m: &Mention, lo: usize) -> f64 {
    if m.kind != Kind::Quantity {
        return 0.0;
    }
    let a = m.h0.saturating_sub(3).max(lo);
    if (a..m.h0).any(|k| d.is_sym(k, '±') || d.raw(k).contains("오차")) {
        return 0.4;
    }
    // "유권자 1,004명을 대상으로": a survey sample
    let next = d.raw(m.t1);
    if next.starts_with("대상으로") || d.raw(m.t1.saturating_sub(1)).ends_with("대상으로") {
        return 0.45;
    }
    if matches!(m.unit, Some("duration" | "months" | "years")) {
        // a window that frames other figures: "최근 5년간", "지난 3년 동안", "5년 평균보다"
        let before = if m.h0 > lo { d.raw(m.h0 - 1) } else { "" };
        // (not a streak, "최근 3년 연속", nor the span of a superlative, "3년 만에")
        let streak_or_span = ["연속", "만에", "만이"]
            .iter()
            .any(|w| next.starts_with(w) || glued_after(d, m).starts_with(w));
        if !streak_or_span
            && (matches!(before, "최근" | "지난" | "과거") || next.starts_with("평균"))
        {
            return 0.25;
        }
        // the span a measured total fell over: "이틀 동안 최대 420㎜의 비가" (a total, a peak or
        // an average follows)
        if next.starts_with("동안")
            && (m.t1 + 1..(m.t1 + 10).min(d.sents[m.sent].hi)).any(|k| {
                matches!(d.raw(k), "최대" | "최고" | "총" | "누적" | "평균" | "모두")
                    && d.is_number(k + 1)
            })
        {
            return 0.25;
        }
        let glued_rest = d
            .text
            .get(m.e..d.toks.get(m.t1.saturating_sub(1)).map_or(m.e, |t| t.end()))
            .unwrap_or("");
        // "2년 만에 가장 컸다": the span a superlative reaches back over is the claim's own
        // ("its largest in two years"), not a time that only places an event
        let after = if next.starts_with("만에") {
            m.t1 + 1
        } else {
            m.t1
        };
        let superlative_after = (glued_rest.starts_with("만에") || next.starts_with("만에"))
            && matches!(
                d.raw(after),
                "가장"
                    | "최대"
                    | "최고"
                    | "최저"
                    | "최다"
                    | "최소"
                    | "최고치"
                    | "최대치"
                    | "최저치"
                    | "처음"
                    | "처음으로"
            );
        if !superlative_after
            && ["전", "만에", "만이다", "후", "뒤", "전에", "새", "사이"]
                .iter()
                .any(|w| next.starts_with(w) || glued_rest.starts_with(w))
        {
            return 0.25;
        }
    }
    0.0
}
