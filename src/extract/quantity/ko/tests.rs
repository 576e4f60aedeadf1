use super::{DIGIT_RULES, WORD_RULES};
use crate::extract::quantity::rule_tests::{every_rule_decides_its_example, Example};
use crate::extract::tests::{candidate_in, check_quantity_in};
use crate::extract::{Candidate, Lang};

/// (start of the rule name, text, the token the rule starts at, surface it must find).
const EXAMPLES: &[Example] = &[
    ("phone number", "문의 02-398-3114", "02", "02-398-3114"),
    (
        "nationwide phone number",
        "콜센터(1577-1000)로",
        "1577",
        "1577-1000",
    ),
    (
        "range of years or months",
        "2001~2005년 사이",
        "2001",
        "2001~2005년",
    ),
    (
        "code or model name",
        "COVID-19 환자가 줄었다.",
        "19",
        "COVID-19",
    ),
    ("ordinal prefix", "제9회 지방선거가 열렸다.", "9", "제9회"),
    ("age in brackets", "피의자 C(37)씨가 체포됐다.", "37", "37"),
    (
        "dotted date",
        "발표일은 2025.8.14 이다.",
        "2025.8",
        "2025.8.14",
    ),
    ("slash pair", "문의 (1/2쪽)", "1", "1/2쪽"),
    ("leading zeros", "코드 0300 은 없다.", "0300", "0300"),
    (
        "date",
        "선거는 2026년 6월 3일 치러졌다.",
        "2026",
        "2026년 6월 3일",
    ),
    ("time of day", "오후 2시부터 자제해 달라.", "2", "2시"),
    (
        "race time",
        "결승에서 1분52초07로 들어왔다.",
        "1",
        "1분52초07",
    ),
    ("side of a score", "원정팀이 3-5로 졌다.", "3", "3"),
    ("league points", "선두는 승점 41이다.", "41", "41"),
    (
        "season of two years",
        "2024-2025 시즌이 끝났다.",
        "2024",
        "2024-2025",
    ),
    ("fraction", "차주의 3분의 1이 해당된다.", "3", "3분의 1"),
    (
        "share of a group",
        "주민 10명 중 6명은 노인이다.",
        "10",
        "10명 중 6명",
    ),
    ("amount", "수출은 623억 원을 기록했다.", "623", "623억 원"),
    (
        "share in native numerals",
        "다섯 집 중 한 집꼴이다. 열 명 중 세 명이 찬성했다.",
        "열",
        "열 명 중 세 명",
    ),
    ("native numeral", "수입이 두 배 늘었다.", "두", "두 배"),
    ("vague amount", "수천 명이 모였다.", "수천", "수천 명"),
    ("number of days", "공사가 나흘 걸렸다.", "나흘", "나흘"),
    ("half", "주민 절반이 떠났다.", "절반이", "절반"),
];

#[test]
fn every_korean_rule_has_an_example_that_it_decides() {
    every_rule_decides_its_example(Lang::Ko, DIGIT_RULES.iter().chain(WORD_RULES), EXAMPLES);
}

fn one(text: &str, surface: &str) -> Candidate {
    candidate_in(Lang::Ko, text, surface)
}

fn check(text: &str, surface: &str, value: &str, unit: &str, approx: &str) {
    check_quantity_in(Lang::Ko, text, surface, (value, unit, approx));
}

#[test]
fn man_eok_jo_chains_glued_or_spaced() {
    check(
        "수출은 623억 원을 기록했다.",
        "623억 원",
        "62300000000",
        "KRW",
        "exact",
    );
    check(
        "예산은 5억 2000만원이다.",
        "5억 2000만원",
        "520000000",
        "KRW",
        "exact",
    );
    check(
        "병력 1만9천여 명이 참가한다.",
        "1만9천여 명",
        "19000",
        "person",
        "more_than",
    );
    check(
        "관중 450만 명이 찾았다.",
        "450만 명",
        "4500000",
        "person",
        "exact",
    );
    check(
        "비용은 1조1천억 원이다.",
        "1조1천억 원",
        "1100000000000",
        "KRW",
        "exact",
    );
    check(
        "모두 3천12명으로 늘었다.",
        "3천12명",
        "3012",
        "person",
        "exact",
    );
    check(
        "대미 수출은 87억4천만 달러였다.",
        "87억4천만 달러",
        "8740000000",
        "USD",
        "exact",
    );
}

#[test]
fn fractions_and_shares_of_a_group_are_ratios() {
    check(
        "응답자의 약 3분의 1이 반대했다.",
        "3분의 1",
        "0.333333",
        "ratio",
        "about",
    );
    check(
        "예산의 4분의 3을 썼다.",
        "4분의 3",
        "0.75",
        "ratio",
        "exact",
    );
    check(
        "청년 5명 중 1명은 실업 상태다.",
        "5명 중 1명",
        "0.2",
        "ratio",
        "exact",
    );
    check(
        "가구 100곳 중 37곳이 피해를 입었다.",
        "100곳 중 37곳",
        "0.37",
        "ratio",
        "exact",
    );
    // three minutes stay minutes; a group and a count of another counter stay two counts
    check("3분 만에 끝났다.", "3분", "180", "duration", "exact");
    check("10명 중 3대의 차량이", "10명", "10", "person", "exact");
}

#[test]
fn a_time_written_in_one_run_of_digits_and_units_is_one_duration() {
    // hours, minutes and seconds glued, as race results and records are often written
    check(
        "그는 2시간8분15초로 결승선을 통과했다.",
        "2시간8분15초",
        "7695",
        "duration",
        "exact",
    );
    check(
        "구조대는 1시간5분 만에 도착했다.",
        "1시간5분",
        "3900",
        "duration",
        "exact",
    );
    check(
        "선두와는 3분9초 차이였다.",
        "3분9초",
        "189",
        "duration",
        "exact",
    );
    // with a fraction of a second after the seconds
    check(
        "기록은 2시간1분07초42였다.",
        "2시간1분07초42",
        "7267.42",
        "duration",
        "exact",
    );
    // spaced, as before; and a larger unit after a smaller one stays apart
    check(
        "불길은 13시간 30분 만에 잡혔다.",
        "13시간 30분",
        "48600",
        "duration",
        "exact",
    );
    check("5분9시간", "5분", "300", "duration", "exact");
}

#[test]
fn square_unit_signs_are_units() {
    check(
        "농경지 1만2천㏊가 잠겼다.",
        "1만2천㏊",
        "12000",
        "ha",
        "exact",
    );
    check("면적은 605㎢에 이른다.", "605㎢", "605", "km2", "exact");
    check("눈이 15㎝ 쌓였다.", "15㎝", "15", "cm", "exact");
}

#[test]
fn counters_percent_points_and_ranges() {
    check("군함 3척이 출항했다.", "3척", "3", "count", "exact");
    check(
        "투표율은 1.8%포인트 올랐다.",
        "1.8%포인트",
        "1.8",
        "percentage_point",
        "exact",
    );
    check(
        "금리는 연 2.15~3.55%로 낮춘다.",
        "2.15~3.55%",
        "2.15",
        "percent",
        "range",
    );
    check("수입이 두 배 늘었다.", "두 배", "2", "ratio", "exact");
    check(
        "미사일은 약 800㎞를 비행했다.",
        "800㎞",
        "800",
        "km",
        "about",
    );
    check(
        "환자는 3천 명을 넘어섰다.",
        "3천 명",
        "3000",
        "person",
        "more_than",
    );
    check(
        "주택 8만 가구 이상을 공급한다.",
        "8만 가구",
        "80000",
        "count",
        "more_than",
    );
}

#[test]
fn dates_times_and_particles() {
    let c = one("선거는 2026년 6월 3일 치러졌다.", "2026년 6월 3일");
    assert_eq!(
        c.value.map(|v| v.to_string()).as_deref(),
        Some("2026-06-03")
    );
    assert!(!c.check_worthy);
    assert!(!one("북한이 14일 발사했다.", "14일").check_worthy);
    assert!(!one("오후 2시부터 자제해 달라.", "2시").check_worthy);
    assert!(!one("문의 02-398-3114", "02-398-3114").check_worthy);
}

#[test]
fn power_energy_and_nautical_miles_glued_or_spaced() {
    check(
        "회사는 연간 45GWh 규모의 공장을 짓는다.",
        "45GWh",
        "45",
        "GWh",
        "exact",
    );
    check(
        "발전소 용량은 1.4GW로 늘어난다.",
        "1.4GW",
        "1.4",
        "GW",
        "exact",
    );
    check("요금은 1kWh당 120원이다.", "1kWh", "1", "kWh", "exact");
    check(
        "어선은 해안에서 약 25해리 떨어진 곳에서 발견됐다.",
        "25해리",
        "25",
        "nmi",
        "about",
    );
}
