//! People in Korean copy: the age in brackets after a name ("김도현(22)은", "A(41)씨"), age groups
//! written by decade ("20대 여성", "60대 이상 피해자", "20대 비중"), and a bare number that counts
//! the people noun after it ("1천300만 관중", "5만 인구").

use super::super::number::small_int;
use super::super::{Kind, Mention, Scope, Step};
use super::words::strip_particle;
use crate::extract::lang::is_hangul;
use crate::extract::text::Doc;
use crate::extract::{Approx, Value};
use rust_decimal::Decimal;

/// Rule: digits in brackets glued to a name are that person's age: "김도현(22)은", "A(41)씨".
/// Korean copy gives a named (or anonymised) person's age this way.
pub(super) fn age_in_brackets(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    // "김민지(24·강원도청)": the age, then the team or employer after a middle dot
    // (a word after the dot, no number: "주말(24·25일)" and "(4·19)" are dates)
    let close = if d.is_sym(i + 1, '·') && d.glued(i + 1) && d.is_word(i + 2) {
        (i + 2..(i + 6).min(scope.hi))
            .take_while(|&k| !d.is_number(k))
            .find(|&k| d.is_sym(k, ')'))
    } else {
        Some(i + 1)
    };
    let Some(close) = close else {
        return Step::Pass;
    };
    let bracketed = i >= scope.lo + 2
        && d.is_sym(i - 1, '(')
        && d.glued(i)
        && d.glued(i - 1)
        && d.is_word(i - 2)
        && d.is_sym(close, ')')
        && d.glued(close);
    if !bracketed {
        return Step::Pass;
    }
    let affiliated = close > i + 1;
    // A person is named in 2-4 syllables (김도현) or anonymised with a capital (A씨); a particle
    // or 씨 follows the bracket ("김도현(22)은", "A(41)씨"), unlike a tally ("서울(120), 경기(98)").
    let name = d.raw(i - 2);
    let letters = name.chars().count();
    let after = if close + 1 < scope.hi && d.is_word(close + 1) && d.glued(close + 1) {
        d.raw(close + 1)
    } else {
        ""
    };
    // 씨 (Mr or Ms), 양 (a girl), 군 (a boy) after the bracket, or a particle; a name with an
    // affiliation is a person whatever follows
    // or a title or rank as the next word ("박민호(34) 소방장", "이수진(41) 교수는"), or after the
    // team or employer ("김성호(58) LG 감독", "정미라(47) 한빛은행 부장")
    let title_at =
        |k: usize| k < scope.hi && d.is_word(k) && TITLES.iter().any(|t| d.raw(k).starts_with(t));
    let titled = after.is_empty()
        && (title_at(close + 1)
            || (d.is_word(close + 1)
                && !d
                    .raw(close + 1)
                    .ends_with(['은', '는', '이', '가', '을', '를', '의'])
                && title_at(close + 2)));
    let person_follows = affiliated
        || titled
        || ["씨", "양", "군"].iter().any(|t| after.starts_with(t))
        || PERSON_PARTICLES.contains(&after);
    let named = person_follows
        && ((name.chars().all(is_hangul) && (2..=4).contains(&letters))
            || (name.chars().all(|c| c.is_ascii_uppercase()) && letters <= 2));
    match small_int(d, i, 3).filter(|n| (1..=120).contains(n)) {
        Some(age) if named => {
            let mut m = Mention::new(d, scope.sent, i, i + 1, Kind::Age);
            m.unit = Some("age");
            m.value = Some(Value::Number(Decimal::from(age)));
            Step::Found(m)
        }
        _ => Step::Pass,
    }
}

/// Titles and ranks written after a name and its bracketed age.
const TITLES: &[&str] = &[
    "소방장",
    "소방위",
    "소방교",
    "소방사",
    "소방관",
    "대원",
    "경위",
    "경사",
    "경장",
    "순경",
    "경감",
    "교수",
    "교사",
    "의원",
    "대표",
    "회장",
    "사장",
    "선수",
    "감독",
    "코치",
    "기자",
    "원장",
    "소장",
    "팀장",
    "과장",
    "부장",
    "주무관",
    "연구원",
    "대위",
    "중위",
    "소위",
    "상사",
    "중사",
    "하사",
    "병장",
    "상병",
    "일병",
    "이병",
    "간호사",
    "의사",
    "변호사",
];

/// Particles that follow a person's bracketed age: "김도현(22)은", "박씨(40)와".
const PERSON_PARTICLES: &[&str] = &[
    "은", "는", "이", "가", "의", "도", "와", "과", "에게", "을", "를",
];

/// Words after a decade of age ("20대 …") that make it an age group: people and shares (이상 and
/// 이하 only before one of these or a people noun).
const AGE_GROUP_NEXT: &[&str] = &[
    "여성",
    "남성",
    "남녀",
    "청년",
    "노인",
    "초반",
    "중반",
    "후반",
    "비중",
    "비율",
    "환자",
    "피해자",
    "응답자",
    "인구",
    "가구주",
    "직장인",
    "연령층",
    "층",
    "사망자",
    "확진자",
    "운전자",
    "보행자",
    "근로자",
    "남자",
    "여자",
];

/// An amount counted with 대 that is a decade of age naming a group ("20대 여성" is women in
/// their twenties, not twenty vehicles): an age from the decade through its ninth year, or
/// from the decade on before 이상. Not a claim: it defines who is counted.
pub(super) fn age_group(d: &Doc, m: &mut Mention) {
    let text = d.text.get(m.s..m.e).unwrap_or("");
    let decade = match m.num() {
        Some(v) if text.ends_with('대') && m.unit == Some("count") => v,
        _ => return,
    };
    let is_decade =
        decade >= Decimal::TEN && decade <= Decimal::from(90) && (decade % Decimal::TEN).is_zero();
    let word_at = |k: usize| {
        if k < d.toks.len() && d.is_word(k) {
            strip_particle(d.raw(k))
        } else {
            ""
        }
    };
    // "60대 이상 피해자" is an age group; "차량 30대 이상이 파손됐다" is thirty-odd vehicles
    let group = match word_at(m.t1) {
        "이상" | "이하" => {
            let after = word_at(m.t1 + 1);
            AGE_GROUP_NEXT.contains(&after) || PEOPLE_NOUNS.contains(&after)
        }
        next => AGE_GROUP_NEXT.contains(&next),
    };
    if !is_decade || !group {
        return;
    }
    m.kind = Kind::Age;
    m.unit = Some("age");
    if m.approx == Approx::Exact {
        m.high = Some(Value::Number(decade + Decimal::from(9)));
        m.approx = Approx::Range;
    }
    m.bonus = -0.5;
}

/// Nouns for people that a bare number can count directly, without 명: "1천300만 관중",
/// "5만 인구", "3천 장병".
const PEOPLE_NOUNS: &[&str] = &[
    "관중",
    "관객",
    "관람객",
    "방문객",
    "인구",
    "주민",
    "시민",
    "국민",
    "유권자",
    "장병",
    "병력",
    "신도",
    "신자",
    "회원",
    "가입자",
    "이용자",
    "구독자",
    "환자",
    "학생",
    "근로자",
    "노동자",
];

/// A bare number before a people noun counts people: the unit is `person`.
pub(super) fn people_counted(d: &Doc, m: &mut Mention) {
    if !m.bare || m.t1 >= d.toks.len() || !d.is_word(m.t1) || d.glued(m.t1) {
        return;
    }
    if PEOPLE_NOUNS.contains(&strip_particle(d.raw(m.t1))) {
        m.unit = Some("person");
        m.bare = false;
    }
}
