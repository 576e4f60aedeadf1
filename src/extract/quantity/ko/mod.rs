//! Korean number grammar: digits with 만/억/조 (and 십/백/천) in one chain, glued or spaced
//! ("623억 원", "5억 2000만원", "4천여 명", "1조1천억 원"), native numerals before counters
//! ("두 배", "세 차례", "석 달"), counters and units (명, 척, 대, 개, 곳, 가구; 원, 달러, 위안,
//! 엔; %, 퍼센트, %포인트; ㎞, ㎏, 도), hedges (약, 최대, 최소 before; 이상, 미만, 가량, 안팎,
//! 여, 넘게 after), ranges with `~`, 배, dates (`2025년 8월 14일`), times (`오후 2시`), and the
//! particle glued after a quantity (은/는/이/가/을/를/의/에/로...) left out of the surface.

mod dates;
mod day_words;
mod people;
mod sport;
use super::sport::{baseball, golf};
use dates::{
    date, dotted_date, ordinal_prefix, representative_number, season_years, slash_label,
    time_of_day, year_or_month_range,
};
use day_words::{day_count, half};
use people::age_in_brackets;
use sport::{league_points, race_time, score_side};
mod words;

pub use words::strip_particle;
pub(in crate::extract) use words::SAY_ENDINGS;

use super::label::{code_or_model_name, label, leading_zeros, phone_number};
use super::number::{parse_num, small_int, vulgar_fraction, year_val};
use super::{Kind, Mention, Rule, Scope, Step};
use crate::extract::lex;
use crate::extract::text::Doc;
use crate::extract::{Approx, Value};
use rust_decimal::Decimal;
use words::{big_scale, counter, hedge_after_word, native_number, small_scale, Counter};

rules! {
    /// The rules for a token of digits in Korean text, in the order they are tried.
    pub(in crate::extract::quantity) fn recognize_digits(scope: &Scope, i: usize) -> Option<Mention>;
    const DIGIT_RULES: [Rule<Mention>] = [
        "phone number (02-398-3114)" => phone_number,
        "nationwide phone number (1588-2505)" => representative_number,
        "code or model name in Latin letters (COVID-19, K9)" => latin_code,
        "ordinal prefix 제 (제9회)" => ordinal_prefix,
        "dotted date (2025.8.14)" => dotted_date,
        "slash pair (1/2쪽)" => slash_label,
        "leading zeros (0300)" => leading_zeros,
        "range of years or months (1991~1996년, 1~9월)" => year_or_month_range,
        "season of two years (2026-2027 시즌)" => season_years,
        "date (2025년 8월 14일, 8월 14일, 14일)" => date,
        "time of day (오후 2시, 1시 13분)" => time_of_day,
        "age in brackets after a name (김도현(22)은, A(41)씨)" => age_in_brackets,
        "race time (36초98, 1분07초42)" => race_time,
        "side of a score (2-4로 졌다, 3-1(25-21 23-25)로)" => score_side,
        "league points (승점 32)" => league_points,
        "fraction (3분의 1)" => fraction,
        "share of a group (10명 중 6명)" => share,
        "amount (수, 단위, 조사, 범위)" => digit_amount,
    ];
}

rules! {
    /// The rules for a word in Korean text, in the order they are tried.
    pub(in crate::extract::quantity) fn recognize_word(scope: &Scope, i: usize) -> Option<Mention>;
    const WORD_RULES: [Rule<Mention>] = [
        "share in native numerals (열 곳 중 네 곳)" => native_share,
        "native numeral with a counter (두 배, 세 차례, 네 번째, 석 달)" => native_amount,
        "vague amount (수천 명, 수백억 원)" => vague_amount,
        "number of days in a word (이틀, 닷새, 열흘)" => day_count,
        "half (절반)" => half,
    ];
}

/// Money after a currency symbol: "₩5,000", "$3.5".
pub(in crate::extract::quantity) fn after_currency_symbol(
    scope: &Scope,
    i: usize,
    symbol: char,
) -> Option<Mention> {
    let cur = lex::currency_symbol(symbol)?;
    let d = scope.doc;
    if !(i + 1 < scope.hi && d.is_number(i + 1) && d.glued(i + 1)) {
        return None;
    }
    let mut m = amount(scope, i + 1)?;
    m.t0 = i;
    m.h0 = m.h0.min(i);
    m.s = d.toks[i].start();
    if m.unit.is_none() {
        m.unit = Some(cur);
        m.bare = false;
    }
    Some(m)
}

/// A number chain: "1만9천여", "5억 2000만", "87억4천만", "3천12". Returns the value, the
/// token and byte where what follows the number starts (a counter, a particle), and whether it
/// used a scale.
struct Chain {
    value: Decimal,
    /// Token holding what follows the last scale character (or the token after the number).
    tok: usize,
    /// Byte offset in the text where what follows starts.
    at: usize,
    scaled: bool,
}

fn chain(d: &Doc, i: usize, hi: usize) -> Option<Chain> {
    let mut total = Decimal::ZERO;
    let mut group = Decimal::ZERO;
    let mut k = i;
    let mut scaled = false;
    let mut last_big: Option<u32> = None;
    let mut out_tok: usize;
    let mut out_at: usize;
    loop {
        let mut v = parse_num(d, k)?;
        let mut after = d.toks[k].end();
        let mut next_tok = k + 1;
        let mut closed = false;
        // a fraction glued on: "5⅔이닝" (not before a scale, "1½만", left to the digits)
        let scale_after = d.glued(k + 2)
            && d.raw(k + 2)
                .chars()
                .next()
                .is_some_and(|c| small_scale(c).is_some() || big_scale(c).is_some());
        if let Some(f) = d
            .sym(k + 1)
            .filter(|_| d.glued(k + 1) && !scale_after)
            .and_then(vulgar_fraction)
        {
            v = v.checked_add(f)?;
            after = d.toks[k + 1].end();
            next_tok = k + 2;
        }
        // scale characters glued after the digits: 천, 만, 억, 천억...
        if d.is_word(k + 1) && d.glued(k + 1) {
            let w = d.raw(k + 1);
            let mut used = 0;
            for (off, ch) in w.char_indices() {
                if let Some(p) = small_scale(ch) {
                    v = v.checked_mul(Decimal::from(10u64.pow(p)))?;
                    used = off + ch.len_utf8();
                } else if let Some(p) = big_scale(ch) {
                    if last_big.is_some_and(|b| b <= p) {
                        break;
                    }
                    total = group
                        .checked_add(v)
                        .and_then(|g| g.checked_mul(Decimal::from(10u64.pow(p))))
                        .and_then(|g| total.checked_add(g))?;
                    group = Decimal::ZERO;
                    v = Decimal::ZERO;
                    last_big = Some(p);
                    closed = true;
                    used = off + ch.len_utf8();
                } else {
                    break;
                }
            }
            if used > 0 {
                scaled = true;
                after = d.toks[k + 1].start() + used;
                next_tok = if used == w.len() { k + 2 } else { k + 1 };
            }
        }
        group = group.checked_add(v)?;
        out_tok = next_tok;
        out_at = after;
        // the chain goes on with more digits after a big scale: "1만9천", "5억 2000만"
        // (glued after any scale: "3천12"; spaced only after 억 or 조: "5억 2000만")
        let whole_word = next_tok == k + 2;
        let more = next_tok < hi
            && d.is_number(next_tok)
            && whole_word
            && scaled
            && (d.glued(next_tok) || (closed && last_big.is_some_and(|b| b >= 8)))
            && !d.toks[next_tok].grouped;
        if more && next_tok > k {
            k = next_tok;
            continue;
        }
        break;
    }
    Some(Chain {
        value: total.checked_add(group)?,
        tok: out_tok,
        at: out_at,
        scaled,
    })
}

/// What follows a number: "여" (more than), a counter or unit (glued or the next word), and the
/// particle after it. Returns (counter, byte end of the surface, token after, more_than).
fn counter_after(d: &Doc, c: &Chain) -> (Option<Counter>, usize, usize, bool) {
    let (mut at, tok) = (c.at, c.tok);
    let n = d.toks.len();
    // the rest of the word the number ends in: "여 명", "명을", "원을", "만원씩"
    let partly = tok < n
        && d.is_word(tok)
        && d.toks[tok].start() <= at
        && at < d.toks[tok].end()
        && (d.toks[tok].start() < at || d.glued(tok));
    let mut rest = if partly {
        &d.text[at..d.toks[tok].end()]
    } else {
        ""
    };
    let mut more = false;
    if let Some(r) = rest.strip_prefix('여') {
        more = true;
        at += '여'.len_utf8();
        rest = r;
    }
    if partly && !rest.is_empty() {
        return match counter(rest) {
            Some((cn, len)) => (Some(cn), at + len, tok + 1, more),
            None => (None, at, tok + 1, more),
        };
    }
    let t = if partly { tok + 1 } else { tok };
    // a symbol unit: "800㎞", "40%", "516㎏", "85㎡"
    if let Some(sym) = d.sym(t).filter(|_| d.glued(t)) {
        if matches!(sym, '%' | '％') && d.is_word(t + 1) && d.glued(t + 1) {
            // "1.8%포인트", "1.8%p"
            let w = d.raw(t + 1);
            let len = if w.starts_with("포인트") {
                "포인트".len()
            } else if w.starts_with('p') {
                1
            } else {
                0
            };
            if len > 0 {
                let end = d.toks[t + 1].start() + len;
                return (Some(Counter::unit("percentage_point")), end, t + 2, more);
            }
        }
        let unit = match sym {
            '%' | '％' => Some("percent"),
            '㎞' => Some("km"),
            '㎏' => Some("kg"),
            '㎡' => Some("m2"),
            '℃' => Some("degC"),
            '㎜' => Some("mm"),
            '㎝' => Some("cm"),
            '㏊' => Some("ha"),
            '㎢' => Some("km2"),
            '㎥' => Some("m3"),
            '㎾' => Some("kW"),
            '㎿' => Some("MW"),
            _ => None,
        };
        if let Some(u) = unit {
            return (Some(Counter::unit(u)), d.toks[t].end(), t + 1, more);
        }
        // milligrams are written as grams (the corpus's units): "75㎎" is 0.075 g
        if sym == '㎎' {
            let grams = Counter {
                mult: Decimal::new(1, 3),
                ..Counter::unit("g")
            };
            return (Some(grams), d.toks[t].end(), t + 1, more);
        }
    }
    // the next word: "584억 달러", "4천여 명", "1만6천 가구"; a unit written glued after digits
    // stands apart after a hangul scale or 여, as the spacing rules have it: "1억 도", "1천 년",
    // "40여 기" (alone or before a case particle: not "9억 초과", "10억 초반", "1조 기대")
    let apart = |word: &str, rest: &str| {
        (c.scaled || more)
            && matches!(word, "도" | "년" | "초" | "기")
            && matches!(
                rest,
                "" | "의" | "를" | "을" | "에" | "가" | "이" | "는" | "은" | "까지" | "에서" | "씩"
            )
    };
    if t < n && d.is_word(t) && !d.glued(t) {
        let w = d.raw(t);
        let written_apart =
            |(cn, len): &(Counter, usize)| cn.spaced || apart(&w[..*len], &w[*len..]);
        if let Some((cn, len)) = counter(w).filter(written_apart) {
            return (Some(cn), d.toks[t].start() + len, t + 1, more);
        }
    }
    (None, at, t, more)
}

/// An amount at digit token `i`.
fn amount(scope: &Scope, i: usize) -> Option<Mention> {
    let Scope {
        doc: d,
        sent,
        lo,
        hi,
    } = *scope;
    let c = chain(d, i, hi)?;
    let (cn, end, next, more) = counter_after(d, &c);
    let mut m = Mention::new(d, sent, i, next.max(i + 1), Kind::Quantity);
    m.e = end;
    m.scaled = c.scaled;
    let mut v = c.value;
    match cn {
        Some(cn) => {
            m.unit = Some(cn.unit);
            m.kind = cn.kind;
            v = v.checked_mul(cn.mult)?;
        }
        None => {
            m.bare = true;
        }
    }
    m.value = Some(Value::Number(v));
    if more {
        m.approx = Approx::MoreThan;
    }
    // range: "10~20%", "3만~4만 명", "2.15~3.55%"
    let sep = m.t1;
    if matches!(d.sym(sep), Some('~' | '∼' | '〜' | '-')) && d.is_number(sep + 1) {
        if let Some(high) = amount(scope, sep + 1) {
            if let (Some(mut a), Some(b)) = (m.num(), high.num()) {
                // "10~20%": the unit of the high end applies to both, with its seconds ("3~4주")
                // (the high end's scale too: "3~4억 원" is 300 to 400 million, "2~3만 명" 20,000 to
                // 30,000; "500~1만 명" stays 500 to 10,000, as a bigger low end is no range)
                if m.bare && !high.bare {
                    let factor = parse_num(d, sep + 1)
                        .filter(|raw| !raw.is_zero())
                        .and_then(|raw| b.checked_div(raw));
                    if let Some(scaled) = factor.and_then(|f| a.checked_mul(f)).filter(|s| *s < b) {
                        a = scaled;
                    }
                }
                if (m.bare || m.unit == high.unit) && a < b {
                    m.value = Some(Value::Number(a));
                    m.high = Some(Value::Number(b));
                    m.unit = high.unit;
                    m.kind = high.kind;
                    m.bare = high.bare;
                    m.approx = Approx::Range;
                    m.t1 = high.t1;
                    m.e = high.e;
                    if let Some(penalty) = names_what_is_measured(d, &m, lo, hi) {
                        m.bonus = m.bonus.min(penalty);
                    }
                    return Some(m);
                }
            }
        }
    }
    // a speed: "시속 161㎞" (per hour, written before the distance)
    let mut first = i;
    if i > lo && d.raw(i - 1) == "시속" && m.unit == Some("km") {
        m.unit = Some("km/h");
        first = i - 1;
        m.t0 = first;
        m.h0 = first;
        m.s = d.toks[first].start();
    }
    // a rate named before it: "승률 0.613", "타율 0.417" (a share of games or at-bats, not a count)
    // (a decimal below one: "타율 1할8푼" is written in tenths)
    if m.bare
        && i > lo
        && matches!(
            strip_particle(d.raw(i - 1)),
            "승률" | "타율" | "출루율" | "장타율" | "세이브율" | "성공률"
        )
        && d.raw(i).contains('.')
        && m.num().is_some_and(|v| v < Decimal::ONE)
    {
        m.unit = Some("ratio");
        m.bare = false;
    }
    // a numbered place or player, not a number of times: "13번 홀", "1번 출구", "4번 타자"
    let numbered = m.unit == Some("count")
        && d.raw(m.t1 - 1) == "번"
        && m.t1 < hi
        && d.is_word(m.t1)
        && matches!(
            strip_particle(d.raw(m.t1)),
            "홀" | "출구" | "타자" | "게이트" | "국도" | "승강장" | "타석" | "선수"
        );
    // in a baseball report "6회" is the sixth inning ("6회 역전 홈런"), not six times; a tally
    // still counts ("통산 11회 우승", "2회 연속")
    let tally = (i > lo && d.raw(i - 1) == "통산")
        || (m.t1 < hi
            && ["우승", "연속", "째"]
                .iter()
                .any(|w| d.raw(m.t1).starts_with(w)));
    let inning =
        m.unit == Some("count") && d.raw(m.t1 - 1).starts_with('회') && !tally && baseball(d);
    // strokes only on a golf card ("66타", "2타 차"), not a star teacher's "1타 강사"
    let strokes = m.unit == Some("count") && strip_particle(d.raw(m.t1 - 1)) == "타";
    if strokes && !golf(d) {
        return None;
    }
    if numbered || inning {
        return Some(label(d, sent, i, m.t1));
    }
    // draws only in a record of wins and losses ("87승 2무 55패"), not a slogan ("3무 정책")
    let draws = m.unit == Some("count") && d.raw(m.t1 - 1).starts_with('무');
    let record = || {
        (lo..hi).any(|k| {
            d.is_number(k)
                && d.glued(k + 1)
                && (d.raw(k + 1).starts_with('승') || d.raw(k + 1).starts_with('패'))
        })
    };
    if draws && !record() {
        return None;
    }
    // below zero: "영하 9도" is -9 degrees
    if first > lo && d.raw(first - 1) == "영하" && m.unit == Some("degC") {
        if let Some(v) = m.num() {
            m.value = Some(Value::Number(-v));
        }
        first -= 1;
        m.t0 = first;
        m.h0 = first;
        m.s = d.toks[first].start();
    }
    // hedges: "약 800㎞", "최대 5조 원"; "3천 명 이상", "60㎞ 안팎", "100차례 넘게"
    if first > lo {
        if let Some(a) = hedge_before_word(d.raw(first - 1)) {
            m.approx = a;
            m.h0 = first - 1;
        }
    }
    // a hedge written onto the counter: "1천900만 원가량", "1만7천100명가량"
    let counter_end = d.toks[m.t1 - 1].end();
    if m.e < counter_end {
        if let Some(a) = d.text.get(m.e..counter_end).and_then(hedge_after_word) {
            m.approx = a;
        }
    }
    // "1조 원 첫 돌파", "처음으로 1천만 명을 넘어": the first time past an amount
    let mut after_tok = m.t1;
    if after_tok + 1 < hi && matches!(d.raw(after_tok), "첫" | "처음" | "처음으로") {
        after_tok += 1;
    }
    // the particle after a unit sign is a word of its own: "2%를 밑돌았다"
    if after_tok + 1 < hi
        && d.is_word(after_tok)
        && d.glued(after_tok)
        && hedge_after_word(d.raw(after_tok)).is_none()
        && words::is_particle(d.raw(after_tok))
    {
        after_tok += 1;
    }
    // an adverb of degree before the hedge: "2배를 훌쩍 넘는", "10%를 크게 웃돌았다"
    if after_tok + 1 < hi
        && matches!(
            d.raw(after_tok),
            "훌쩍" | "크게" | "훨씬" | "약간" | "조금" | "살짝" | "다소" | "소폭" | "대폭"
        )
        && hedge_after_word(d.raw(after_tok + 1)).is_some()
    {
        after_tok += 1;
    }
    if after_tok < hi && d.is_word(after_tok) {
        if let Some(a) = hedge_after_word(d.raw(after_tok)) {
            m.approx = a;
            // "85㎡ 이하 주택", "65세 이상 고령층": a bound that defines a group, not a claim
            let bound = matches!(d.raw(after_tok), "이상" | "이하" | "미만" | "초과");
            let noun_next = d.is_word(after_tok + 1) && !d.raw(after_tok + 1).ends_with('다');
            if bound && noun_next && after_tok + 1 < hi {
                m.bonus = -0.3;
            }
        }
    }
    people::age_group(d, &mut m);
    people::people_counted(d, &mut m);
    if let Some(penalty) = names_what_is_measured(d, &m, lo, hi) {
        m.bonus = m.bonus.min(penalty);
    }
    // a bare number ("1339로") is no count: Korean counts take a counter
    if m.bare {
        m.bonus = -0.3;
    }
    Some(m)
}

/// Amounts that name what is measured rather than claim anything: the base of a rate ("1천 명당"
/// in "1천 명당 58.3명", "20㎏당", "10a(1천㎡)당" and the restatement in its brackets), a band of ages ("7~12세", "65세 이상은"), and a race distance that names
/// the event or a part of it ("여자 500m", "1,000m 경기", "첫 100m"). Returns the score penalty:
/// a rate's base is never a claim (the rate is), a band or an event rarely.
fn names_what_is_measured(d: &Doc, m: &Mention, lo: usize, hi: usize) -> Option<f64> {
    let word_end = d.toks[m.t1 - 1].end();
    // "당" glued after the unit symbol, or after brackets: the amount's own ("3천300㎡(1천
    // 평)당") or the ones it stands in ("10a(1천㎡)당")
    let dang = |k: usize| d.glued(k) && d.raw(k).starts_with('당');
    let after_brackets = if d.is_sym(m.t1, ')') {
        Some(m.t1 + 1)
    } else if d.is_sym(m.t1, '(') {
        (m.t1 + 1..(m.t1 + 8).min(hi))
            .find(|&k| d.is_sym(k, ')'))
            .map(|k| k + 1)
    } else {
        None
    };
    let rate_base = d
        .text
        .get(m.e..word_end)
        .is_some_and(|rest| rest.starts_with('당'))
        || (!d.is_word(m.t1 - 1) && !d.is_number(m.t1 - 1) && dang(m.t1))
        || after_brackets.is_some_and(dang);
    let next = if m.t1 < hi && d.is_word(m.t1) {
        d.raw(m.t1)
    } else {
        ""
    };
    let age_band = m.unit == Some("age")
        && (m.approx == Approx::Range
            || ["이상", "이하", "미만"].iter().any(|b| next.starts_with(b)));
    let prev = if m.h0 > lo && d.is_word(m.h0 - 1) {
        d.raw(m.h0 - 1)
    } else {
        ""
    };
    let event = matches!(m.unit, Some("m" | "km"))
        && (matches!(prev, "여자" | "남자" | "남녀" | "첫" | "마지막")
            || ["경기", "결승", "레이스", "종목", "계주", "예선", "준결승"]
                .iter()
                .any(|w| next.starts_with(w)));
    if rate_base {
        Some(-0.6)
    } else {
        (age_band || event).then_some(-0.4)
    }
}

/// Codes and model names glued to Latin letters; Hangul glued before digits is grammar ("제1",
/// "3천12"), not a code.
fn latin_code(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let k = if i > scope.lo && d.is_dash(i - 1) {
        i.saturating_sub(2)
    } else {
        i.saturating_sub(1)
    };
    if i > scope.lo && d.is_word(k) && !d.raw(k).is_ascii() {
        return Step::Pass;
    }
    code_or_model_name(scope, i)
}

fn digit_amount(scope: &Scope, i: usize) -> Step<Mention> {
    Step::decided(amount(scope, i))
}

/// The hedge a word before a quantity makes: "약 800㎞", "최대 5조 원", "최소 3명".
fn hedge_before_word(w: &str) -> Option<Approx> {
    match w {
        "약" | "대략" | "거의" | "대략적으로" => Some(Approx::About),
        "최대" => Some(Approx::LessThan),
        "최소" | "적어도" => Some(Approx::MoreThan),
        _ => None,
    }
}

/// A ratio with its hedge before it ("약 3분의 1").
fn ratio_mention(scope: &Scope, (t0, t1): (usize, usize), value: Decimal) -> Mention {
    let d = scope.doc;
    let mut m = Mention::new(d, scope.sent, t0, t1, Kind::Quantity);
    m.unit = Some("ratio");
    m.value = Some(Value::Number(value.round_dp(6).normalize()));
    if t0 > scope.lo {
        if let Some(approx) = hedge_before_word(d.raw(t0 - 1)) {
            m.approx = approx;
            m.h0 = t0 - 1;
        }
    }
    m
}

/// "3분의 1", "4분의 3": N분의 M is M parts of N, a ratio (not three minutes).
fn fraction(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let whole = small_int(d, i, 3).filter(|_| d.glued(i + 1) && d.raw(i + 1) == "분의");
    let (Some(whole), Some(part)) = (whole, small_int(d, i + 2, 3)) else {
        return Step::Pass;
    };
    if whole == 0 || part == 0 || part > whole || i + 3 > scope.hi {
        return Step::Pass;
    }
    let value = Decimal::from(part) / Decimal::from(whole);
    let mut m = ratio_mention(scope, (i, i + 3), value);
    // a hedge after it, glued or spaced: "4분의 1가량", "3분의 1 정도"; after its particle, a
    // verb of passing: "3분의 2가 넘는", "4분의 1을 넘었다"
    if i + 3 < scope.hi && d.is_word(i + 3) {
        if let Some(approx) = hedge_after_word(d.raw(i + 3)) {
            m.approx = approx;
        } else if d.glued(i + 3)
            && matches!(d.raw(i + 3), "이" | "가" | "을" | "를")
            && i + 4 < scope.hi
            && d.is_word(i + 4)
            && !d.glued(i + 4)
        {
            if let Some(approx @ (Approx::MoreThan | Approx::LessThan)) =
                hedge_after_word(d.raw(i + 4))
            {
                m.approx = approx;
            }
        }
    }
    Step::Found(m)
}

/// "10명 중 6명", "5가구 중 1가구": a part of a group counted with the same counter is a share
/// of it, a ratio.
fn share(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    // cheap first: a 중 within the next few tokens
    if !(i + 1..(i + 5).min(scope.hi)).any(|k| d.raw(k) == "중") {
        return Step::Pass;
    }
    let Some(group) = amount(scope, i).filter(|m| !m.bare && m.approx == Approx::Exact) else {
        return Step::Pass;
    };
    let k = group.t1;
    if !(k + 1 < scope.hi && d.raw(k) == "중" && d.is_number(k + 1)) {
        return Step::Pass;
    }
    let Some(part) = amount(scope, k + 1) else {
        return Step::Pass;
    };
    match (group.num(), part.num()) {
        (Some(whole), Some(n)) if part.unit == group.unit && n > Decimal::ZERO && n < whole => {
            let mut m = ratio_mention(scope, (i, part.t1), n / whole);
            m.e = part.e;
            m.h0 = m.h0.min(group.h0);
            Step::Found(m)
        }
        _ => Step::Pass,
    }
}

/// "한" and "열" are also verbs before a noun ("득점을 한 경기", "15일 열 경기": the game that
/// was scored in, the game to be held): after an object (을/를) or a day they are no numerals.
fn is_verb_form(scope: &Scope, i: usize) -> bool {
    let d = scope.doc;
    if !(matches!(d.raw(i), "한" | "열") && i > scope.lo) {
        return false;
    }
    let prev = d.raw(i - 1);
    (d.is_word(i - 1) && (prev.ends_with('을') || prev.ends_with('를')))
        || (prev == "일" && d.glued(i - 1))
}

/// "열 곳 중 네 곳", "다섯 명 중 한 명": a part of a group counted in native numerals with the
/// same counter, a ratio (as `share` is for digits).
fn native_share(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let counted = |k: usize| -> Option<(u64, &str)> {
        let n = native_number(d.raw(k))?;
        let w = d.raw(k + 1);
        let (cn, len) = counter(w).filter(|_| k + 1 < scope.hi && d.is_word(k + 1))?;
        (cn.kind == Kind::Quantity).then_some((n, &w[..len]))
    };
    let Some((whole, unit)) = counted(i).filter(|_| !is_verb_form(scope, i)) else {
        return Step::Pass;
    };
    if !(i + 4 < scope.hi && d.raw(i + 2) == "중") {
        return Step::Pass;
    }
    match counted(i + 3) {
        Some((part, again)) if again == unit && part > 0 && part < whole => {
            let value = Decimal::from(part) / Decimal::from(whole);
            let mut m = ratio_mention(scope, (i, i + 5), value);
            m.e = d.toks[i + 4].start() + again.len();
            if let Some(approx) = d
                .text
                .get(m.e..d.toks[i + 4].end())
                .and_then(hedge_after_word)
            {
                m.approx = approx;
            }
            Step::Found(m)
        }
        _ => Step::Pass,
    }
}

/// "두 배", "세 차례", "네 번째", "석 달", "한 명": a native numeral before a counter word.
fn native_amount(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let Some(n) = native_number(d.raw(i)) else {
        return Step::Pass;
    };
    if is_verb_form(scope, i) {
        return Step::Pass;
    }
    let t = i + 1;
    if !(t < scope.hi && d.is_word(t) && !d.glued(t)) {
        return Step::Pass;
    }
    let Some((cn, len)) = counter(d.raw(t)) else {
        return Step::Pass;
    };
    // "스무 살" is an age (살 takes native numerals; 세 takes digits)
    if !cn.native {
        return Step::Pass;
    }
    let mut m = Mention::new(d, scope.sent, i, t + 1, cn.kind);
    m.e = d.toks[t].start() + len;
    m.unit = Some(cn.unit);
    m.value = Some(Value::Number(Decimal::from(n) * cn.mult));
    m.spelled = true;
    if t + 1 < scope.hi {
        if let Some(a) = hedge_after_word(d.raw(t + 1)) {
            m.approx = a;
        }
    }
    Step::Found(m)
}

/// "수천 명" (thousands), "수백억 원", "수십만": more than the base amount.
fn vague_amount(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let w = d.raw(i);
    let Some(rest) = w.strip_prefix('수') else {
        return Step::Pass;
    };
    let mut v = Decimal::ZERO;
    let mut used = '수'.len_utf8();
    let mut base_set = false;
    for ch in rest.chars() {
        if let Some(p) = small_scale(ch) {
            if base_set {
                break;
            }
            v = Decimal::from(10u64.pow(p));
            base_set = true;
        } else if let Some(p) = big_scale(ch) {
            v = if base_set {
                v * Decimal::from(10u64.pow(p))
            } else {
                Decimal::from(10u64.pow(p))
            };
            base_set = true;
        } else {
            break;
        }
        used += ch.len_utf8();
    }
    if !base_set {
        return Step::Pass;
    }
    let mut m = Mention::new(d, scope.sent, i, i + 1, Kind::Quantity);
    m.e = d.toks[i].start() + used;
    m.approx = Approx::MoreThan;
    m.spelled = true;
    m.scaled = true;
    let tail = &w[used..];
    let found = if tail.is_empty() && i + 1 < scope.hi && d.is_word(i + 1) {
        counter(d.raw(i + 1)).map(|(cn, len)| (cn, d.toks[i + 1].start() + len, i + 2))
    } else {
        counter(tail).map(|(cn, len)| (cn, m.e + len, i + 1))
    };
    match found {
        Some((cn, end, next)) => {
            m.unit = Some(cn.unit);
            m.e = end;
            m.t1 = next;
            v *= cn.mult;
        }
        None => m.bare = true,
    }
    m.value = Some(Value::Number(v));
    Step::Found(m)
}

#[cfg(test)]
mod tests;
