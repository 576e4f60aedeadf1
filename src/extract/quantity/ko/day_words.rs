//! Quantities Korean writes as words of their own rather than numerals with a counter: the native
//! counts of days (이틀, 사흘, 닷새, 열흘, 보름) and half (절반).

use super::words::{hedge_after_word, is_whole_particle};
use super::{hedge_before_word, ratio_mention};
use crate::extract::quantity::{Kind, Mention, Scope, Step};
use crate::extract::{Approx, Value};
use rust_decimal::Decimal;

/// The native words for a number of days. 하루 (one day) is left out: it is mostly the base of a
/// rate ("하루 평균 125건", "하루 두 차례"), not a length.
const DAYS: &[(&str, u64)] = &[
    ("이틀", 2),
    ("사흘", 3),
    ("나흘", 4),
    ("닷새", 5),
    ("엿새", 6),
    ("이레", 7),
    ("여드레", 8),
    ("아흐레", 9),
    ("열흘", 10),
    ("보름", 15),
];

/// What may follow such a word in the same token: nothing, a whole particle, 간 or 동안 (with a
/// particle: "닷새간", "사흘간의"), or a hedge ("사흘가량", "이틀여"); not 째 ("이틀째" is the
/// second day, a place in time) nor the rest of another word ("이레나").
fn plain_rest(rest: &str) -> bool {
    let rest = rest
        .strip_prefix("동안")
        .or_else(|| rest.strip_prefix('간'))
        .unwrap_or(rest);
    rest.is_empty() || is_whole_particle(rest) || hedge_after_word(rest).is_some()
}

/// "정월 보름", "음력 보름날": the fifteenth day of a lunar month, not a fortnight.
fn lunar_day(scope: &Scope, i: usize, word: &str) -> bool {
    let d = scope.doc;
    word == "보름"
        && (d.raw(i).starts_with("보름날")
            || d.raw(i).starts_with("보름달")
            || (i > scope.lo && matches!(d.raw(i - 1), "정월" | "음력" | "대")))
}

/// "잔불 정리에 이틀이 더 걸렸다", "닷새간 이어진 폭염": a number of days, as a duration in seconds.
pub(super) fn day_count(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let w = d.raw(i);
    let Some((word, days)) = DAYS.iter().find(|(word, _)| w.starts_with(word)) else {
        return Step::Pass;
    };
    let rest = &w[word.len()..];
    if !plain_rest(rest) || lunar_day(scope, i, word) {
        return Step::Pass;
    }
    let mut m = Mention::new(d, scope.sent, i, i + 1, Kind::Quantity);
    m.e = d.toks[i].start() + word.len();
    m.unit = Some("duration");
    m.value = Some(Value::Number(Decimal::from(days * 86_400)));
    m.spelled = true;
    if i > scope.lo {
        if let Some(approx) = hedge_before_word(d.raw(i - 1)) {
            m.approx = approx;
            m.h0 = i - 1;
        }
    }
    // a hedge glued after it or as the next word: "사흘가량", "이틀여", "열흘 넘게", "이틀 이상"
    let next = (rest.is_empty() && i + 1 < scope.hi && d.is_word(i + 1))
        .then(|| hedge_after_word(d.raw(i + 1)))
        .flatten();
    if let Some(approx) = hedge_after_word(rest).or(next) {
        m.approx = approx;
    }
    Step::Found(m)
}

/// "사망 위험을 절반 가까이 줄인다", "응답자의 절반이": half, a ratio, with its hedge after it
/// (glued or spaced) or before it.
pub(super) fn half(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let Some(rest) = d.raw(i).strip_prefix("절반") else {
        return Step::Pass;
    };
    let glued_hedge = hedge_after_word(rest);
    if !(rest.is_empty() || is_whole_particle(rest) || glued_hedge.is_some()) {
        return Step::Pass;
    }
    // "절반의 성공": a partial success, no share
    if rest == "의" && i + 1 < scope.hi && matches!(d.raw(i + 1), "성공" | "성공에" | "승리")
    {
        return Step::Pass;
    }
    let mut m = ratio_mention(scope, (i, i + 1), Decimal::new(5, 1));
    m.e = d.toks[i].start() + "절반".len();
    m.spelled = true;
    // the next word: any hedge after 절반 alone, a verb of passing after its particle ("절반을
    // 넘었다")
    let next = (i + 1 < scope.hi && d.is_word(i + 1))
        .then(|| hedge_after_word(d.raw(i + 1)))
        .flatten();
    let spaced_hedge = match next {
        Some(approx) if rest.is_empty() => Some(approx),
        Some(approx @ (Approx::MoreThan | Approx::LessThan))
            if matches!(rest, "이" | "가" | "을" | "를" | "에" | "에도" | "도") =>
        {
            Some(approx)
        }
        _ => None,
    };
    if let Some(approx) = glued_hedge.or(spaced_hedge) {
        m.approx = approx;
    }
    Step::Found(m)
}

#[cfg(test)]
mod tests {
    use crate::extract::tests::check_quantity_in;
    use crate::extract::{extract_in, Lang};

    #[test]
    fn native_day_counts_are_durations() {
        let day = |text: &str, surface: &str, seconds: &str| {
            check_quantity_in(Lang::Ko, text, surface, (seconds, "duration", "exact"))
        };
        day("복구 작업에 사흘이 걸렸다.", "사흘", "259200");
        day("폭염이 닷새간 이어졌다.", "닷새", "432000");
        day("협상은 보름 만에 타결됐다.", "보름", "1296000");
        check_quantity_in(
            Lang::Ko,
            "정전은 사흘가량 이어졌다.",
            "사흘",
            ("259200", "duration", "about"),
        );
        check_quantity_in(
            Lang::Ko,
            "수색은 열흘 넘게 계속됐다.",
            "열흘",
            ("864000", "duration", "more_than"),
        );
        check_quantity_in(
            Lang::Ko,
            "약 열흘 동안 머물렀다.",
            "열흘",
            ("864000", "duration", "about"),
        );
        // the second day is a place in time, and one day mostly a rate's base
        for text in [
            "파업 이틀째인 7일 노조가 모였다.",
            "하루 평균 40건이 접수됐다.",
        ] {
            let found = extract_in(text, Lang::Ko);
            assert!(
                !found.iter().any(|c| c.unit.as_deref() == Some("duration")),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn half_is_a_ratio_with_its_hedge() {
        let half = |text: &str, approx: &str| {
            check_quantity_in(Lang::Ko, text, "절반", ("0.5", "ratio", approx))
        };
        half("응답자의 절반이 반대했다.", "exact");
        half("비용을 절반 가까이 줄였다.", "about");
        half("절반가량이 찬성했다.", "about");
        half("투표율이 절반을 넘었다.", "more_than");
        half("투표율은 절반에도 못 미쳤다.", "less_than");
        // a partial success is no share, and half price no particle
        for text in ["개혁은 절반의 성공에 그쳤다.", "절반가격 행사가 열렸다."]
        {
            let found = extract_in(text, Lang::Ko);
            assert!(
                found.iter().all(|c| c.unit.as_deref() != Some("ratio")),
                "{text}: {found:?}"
            );
        }
        // a word that begins with it is not half
        let found = extract_in("절반기념 행사가 열렸다.", Lang::Ko);
        assert!(
            found.iter().all(|c| c.unit.as_deref() != Some("ratio")),
            "{found:?}"
        );
    }
}
