//! Tests for kinds of text that the fourth held-out set (`tests/corpus/heldout4`) showed the
//! extractor did not read. Every sentence here is written for these tests; none is from that set.

use super::kinds_tests::{absent_in, check_in};
use super::*;

#[test]
fn korean_race_times_carry_their_hundredths() {
    let ko = |text, surface, value| {
        check_in(Lang::Ko, text, surface, (value, "duration", "exact", true));
    };
    ko(
        "이승훈은 1만m에서 12분55초40을 기록했다.",
        "12분55초40",
        "775.4",
    );
    ko("그는 100m를 9초87에 달렸다.", "9초87", "9.87");
    ko(
        "여자 1500m 결승에서 2분01초05로 우승했다.",
        "2분01초05",
        "121.05",
    );
    // seconds written alone keep their reading, and a clock time is no race time
    let alone = tests::find(&extract_in("경기는 45초 만에 끝났다.", Lang::Ko), "45초").clone();
    assert_eq!(alone.value.map(|v| v.to_string()).as_deref(), Some("45"));
    let cs = extract_in("오후 3시 12분에 출발했다.", Lang::Ko);
    assert!(
        cs.iter().all(|c| c.unit.as_deref() != Some("duration")),
        "{cs:?}"
    );
}

#[test]
fn korean_scores_are_two_counts_and_streaks_are_counted() {
    let text = "원정팀은 홈팀에 1-3으로 졌고, 슈팅 수에서는 12-9로 앞섰다. 팀은 3연패에 빠졌다.";
    for (surface, value) in [
        ("1", "1"),
        ("3", "3"),
        ("12", "12"),
        ("9", "9"),
        ("3연패", "3"),
    ] {
        check_in(Lang::Ko, text, surface, (value, "count", "exact", true));
    }
    // a range before 로 with no result after it stays a range
    let cs = extract_in("기온은 10-15도로 예보됐다.", Lang::Ko);
    assert!(cs.iter().any(|c| c.value_high.is_some()), "{cs:?}");
}

#[test]
fn korean_native_counts_ages_and_units_after_scaled_numbers() {
    check_in(
        Lang::Ko,
        "대표팀은 최근 여섯 경기에서 한 번도 이기지 못했다.",
        "여섯 경기",
        ("6", "count", "exact", true),
    );
    check_in(
        Lang::Ko,
        "그는 열아홉에 데뷔해 스무 살에 첫 우승을 차지했다.",
        "스무 살",
        ("20", "age", "exact", true),
    );
    check_in(
        Lang::Ko,
        "산 정상까지 2천750m를 올랐다.",
        "2천750m",
        ("2750", "m", "exact", true),
    );
    check_in(
        Lang::Ko,
        "성인 1회 복용량은 150㎎이다.",
        "150㎎",
        ("0.15", "g", "exact", true),
    );
    check_in(
        Lang::Ko,
        "정부는 백신 1천200만 도즈를 들여온다.",
        "1천200만 도즈",
        ("12000000", "count", "exact", true),
    );
    check_in(
        Lang::Ko,
        "치료제 30만 명분을 비축했다.",
        "30만 명분",
        ("300000", "count", "exact", true),
    );
    // a range of weeks is in seconds at both ends
    let cs = extract_in("회복에는 2~3주가 걸린다.", Lang::Ko);
    let weeks = cs.iter().find(|c| c.surface == "2~3주").expect("2~3주");
    let text = |v: &Option<Value>| v.as_ref().map(ToString::to_string);
    assert_eq!(text(&weeks.value).as_deref(), Some("1209600"), "{cs:?}");
    assert_eq!(
        text(&weeks.value_high).as_deref(),
        Some("1814400"),
        "{cs:?}"
    );
}

#[test]
fn korean_ages_in_brackets_with_an_affiliation_or_after_a_child() {
    let ko =
        |text, surface, value| check_in(Lang::Ko, text, surface, (value, "age", "exact", true));
    ko(
        "이 종목에서는 박서연(19·한국체대)이 2위에 올랐다.",
        "19",
        "19",
    );
    ko("사고로 C(7)군이 다쳤다.", "7", "7");
    ko("D(11)양은 병원으로 옮겨졌다.", "11", "11");
    // a tally in brackets after places is no age
    absent_in(Lang::Ko, "서울(120)·부산(98) 순으로 많았다.", "120");
}

#[test]
fn mexican_figures_write_the_thousands_as_a_word() {
    let mx = |text, surface, value, unit| {
        check_in(Lang::Es, text, surface, (value, unit, "exact", true))
    };
    mx(
        "La aduana decomisó 3 mil 250 armas en el año.",
        "3 mil 250",
        "3250",
        "count",
    );
    mx(
        "El programa costará 7 mil 300 millones de pesos.",
        "7 mil 300 millones de pesos",
        "7300000000",
        "MXN",
    );
    mx(
        "Las remesas sumaron 61 mil 800 millones de dólares.",
        "61 mil 800 millones de dólares",
        "61800000000",
        "USD",
    );
    // a thousand on its own is still a thousand, and a list after it is no part of it
    mx("Se instalaron 15 mil casillas.", "15 mil", "15000", "count");
    let cs = extract_in("Hubo 2 mil, 300 de ellos en la capital.", Lang::Es);
    assert!(cs.iter().any(|c| c.surface == "2 mil"), "{cs:?}");
}

#[test]
fn spanish_fractions_named_by_an_ordinal_part_or_a_closing_quarter() {
    let es = |text, surface, value, approx| {
        check_in(Lang::Es, text, surface, (value, "ratio", approx, true))
    };
    es(
        "Las ventas a Asia son una quinta parte del total exportado.",
        "una quinta parte",
        "0.2",
        "exact",
    );
    es(
        "Dos terceras partes de los encuestados apoyan la reforma.",
        "Dos terceras partes",
        "0.666667",
        "exact",
    );
    es(
        "La producción de trigo cayó casi un cuarto.",
        "un cuarto",
        "0.25",
        "about",
    );
    // a room is no fraction
    absent_in(
        Lang::Es,
        "El hotel reservó un cuarto de baño adaptado.",
        "un cuarto",
    );
}

#[test]
fn spanish_people_after_an_adjective_or_in_a_force_and_things_ending_like_people() {
    let es = |text, surface, value, unit| {
        check_in(Lang::Es, text, surface, (value, unit, "exact", true))
    };
    es(
        "La policía detuvo a 14 presuntos secuestradores en la operación.",
        "14",
        "14",
        "person",
    );
    es(
        "Llegaron 800 elementos de la Guardia Nacional al puerto.",
        "800",
        "800",
        "person",
    );
    es(
        "El estado registró 1.204 homicidios en el semestre.",
        "1.204",
        "1204",
        "person",
    );
    es(
        "El hospital realizó 312 trasplantes en el año.",
        "312",
        "312",
        "count",
    );
    // elements that are not a force stay things
    es(
        "La tabla periódica tiene 118 elementos conocidos.",
        "118",
        "118",
        "count",
    );
}

#[test]
fn spanish_hedges_more_than_double_reaching_up_to_and_future_surpassing() {
    check_in(
        Lang::Es,
        "La inversión es más del doble de la del año pasado.",
        "doble",
        ("2", "ratio", "more_than", true),
    );
    check_in(
        Lang::Es,
        "Con el nuevo sistema, la espera llega hasta 9 horas en verano.",
        "9 horas",
        ("32400", "duration", "exact", true),
    );
    check_in(
        Lang::Es,
        "La plantilla superará los 2.500 empleados en marzo.",
        "2.500",
        ("2500", "person", "more_than", true),
    );
    check_in(
        Lang::Es,
        "La edad media de los pacientes fue de 58 años, según el estudio.",
        "58 años",
        ("58", "age", "exact", true),
    );
}

#[test]
fn spanish_phone_numbers_in_spaced_groups_without_a_phone_word() {
    for (text, first) in [
        ("Para citas: 910 455 832.", "910"),
        ("Atención al cliente, 91 347 20 00.", "91"),
    ] {
        absent_in(Lang::Es, text, first);
    }
    // a figure with spaces for thousands keeps its unit and its value
    check_in(
        Lang::Es,
        "El fondo reunió 912 400 300 euros.",
        "912 400 300 euros",
        ("912400300", "EUR", "exact", true),
    );
}

#[test]
fn english_counts_written_as_modifiers_and_code_sections() {
    check_in(
        Lang::En,
        "The league approved a 20-team format for next season.",
        "20-team",
        ("20", "count", "exact", true),
    );
    check_in(
        Lang::En,
        "She chairs the seven-member panel that sets rates.",
        "seven-member",
        ("7", "person", "exact", true),
    );
    absent_in(
        Lang::En,
        "The case was filed under Code § 34-9-201 last year.",
        "34",
    );
    absent_in(
        Lang::En,
        "The case was filed under Code § 34-9-201 last year.",
        "34-9-201",
    );
}

#[test]
fn english_election_margins_in_points_are_percentage_points() {
    check_in(
        Lang::En,
        "The incumbent won the runoff by 4.1 points on Tuesday.",
        "4.1 points",
        ("4.1", "percentage_point", "exact", true),
    );
    // points in a game stay counts
    let cs = extract_in("The Lakers won the game by 12 points.", Lang::En);
    assert!(
        cs.iter()
            .all(|c| c.unit.as_deref() != Some("percentage_point")),
        "{cs:?}"
    );
}

#[test]
fn korean_rate_bases_age_bands_event_distances_and_native_shares() {
    let text = "외래환자 1천 명당 환자는 42.7명으로 집계됐다.";
    absent_in(Lang::Ko, text, "1천 명");
    check_in(Lang::Ko, text, "42.7명", ("42.7", "person", "exact", true));
    absent_in(Lang::Ko, "감염은 7~12세에서 가장 많았다.", "7~12세");
    absent_in(Lang::Ko, "70세 이상은 무료로 접종한다.", "70세");
    absent_in(Lang::Ko, "그는 남자 1,500m에서 우승했다.", "1,500m");
    absent_in(Lang::Ko, "첫 200m 구간 기록이 가장 빨랐다.", "200m");
    check_in(
        Lang::Ko,
        "산악 구간 2천750m를 올랐다.",
        "2천750m",
        ("2750", "m", "exact", true),
    );
    check_in(
        Lang::Ko,
        "병원 열 곳 중 일곱 곳이 병상이 모자랐다.",
        "열 곳 중 일곱 곳",
        ("0.7", "ratio", "exact", true),
    );
}

#[test]
fn a_count_in_the_name_of_a_body_is_no_claim() {
    absent_in(
        Lang::En,
        "Exports to the 27-member European Union rose 4.2%.",
        "27-member",
    );
}

/// Look-alikes a second reader found in the first versions of these rules.
#[test]
fn look_alikes_of_the_fourth_sets_kinds() {
    let no_unit = |lang, text: &str, unit: &str| {
        let cs = extract_in(text, lang);
        assert!(
            cs.iter().all(|c| c.unit.as_deref() != Some(unit)),
            "no {unit} in {text:?}: {cs:?}"
        );
    };
    // Korean: dates in brackets, 살인, verbs before a noun, hours before a race time
    no_unit(Lang::Ko, "이번 주말(24·25일)에는 비가 온다.", "age");
    no_unit(Lang::Ko, "혁명(4·19) 기념식이 열렸다.", "age");
    no_unit(Lang::Ko, "두 살인 사건은 연관성이 없다.", "age");
    absent_in(Lang::Ko, "가장 많은 득점을 한 경기였다.", "한 경기");
    absent_in(Lang::Ko, "오는 15일 열 경기에서 이긴다.", "열 경기");
    let cs = extract_in("완주 기록은 2시간1분07초42였다.", Lang::Ko);
    assert!(cs.iter().all(|c| c.surface != "1분07초42"), "{cs:?}");
    let cs = extract_in("사업비는 3~4억 원이 든다.", Lang::Ko);
    let won = tests::find(&cs, "3~4억 원");
    let text = |v: &Option<Value>| v.as_ref().map(ToString::to_string);
    assert_eq!(text(&won.value).as_deref(), Some("300000000"), "{cs:?}");
    assert_eq!(
        text(&won.value_high).as_deref(),
        Some("400000000"),
        "{cs:?}"
    );
    // English: points after an election that are an index's, a two-state solution, a named cup
    no_unit(
        Lang::En,
        "Stocks rallied after the election, and the benchmark rose 900 points.",
        "percentage_point",
    );
    absent_in(
        Lang::En,
        "Talks on a two-state solution resumed.",
        "two-state",
    );
    check_in(
        Lang::En,
        "Fans filled the expanded 48-team World Cup.",
        "48-team",
        ("48", "count", "exact", true),
    );
    // Spanish: safety features, a room, a fourth one, a retirement age over years, an amount with
    // spaces for thousands, a phone number after a word, "hasta" after an unrelated change
    check_in(
        Lang::Es,
        "El coche incorpora 12 elementos de seguridad.",
        "12",
        ("12", "count", "exact", true),
    );
    no_unit(Lang::Es, "Los cinco dormían en un cuarto.", "ratio");
    no_unit(
        Lang::Es,
        "Hay tres detenidos y buscan a un cuarto.",
        "ratio",
    );
    no_unit(
        Lang::Es,
        "La edad de jubilación subirá en un plazo de 10 años.",
        "age",
    );
    check_in(
        Lang::Es,
        "La deuda creció en torno al doble.",
        "doble",
        ("2", "ratio", "about", true),
    );
    let cs = extract_in("Presupuesto aprobado: 600 000 000.", Lang::Es);
    assert!(
        cs.iter().all(|c| c.surface != "600 000 000"),
        "groups of zeros are thousands, not a phone: {cs:?}"
    );
    absent_in(
        Lang::Es,
        "Para más información, llame al 900 113 406.",
        "900 113 406",
    );
    check_in(
        Lang::Es,
        "El paro crece y el Gobierno ofrece ayudas de hasta 400 euros.",
        "400 euros",
        ("400", "EUR", "less_than", true),
    );
}

/// Figures past what a decimal holds, before scales, counters and ranges, read without a panic
/// (the property test found the first of these).
#[test]
fn huge_figures_before_scales_and_counters_do_not_overflow() {
    let huge = "79228162514264337593543950";
    for (lang, text) in [
        (Lang::Ko, format!("{huge}천만 명")),
        (Lang::Ko, format!("{huge}억 {huge}만 원")),
        (Lang::Ko, format!("{huge}주")),
        (Lang::Ko, format!("{huge}~1주")),
        (Lang::Ko, format!("1~{huge}주")),
        (Lang::Es, format!("{huge} mil 999 millones")),
        (Lang::Es, format!("{huge} mil millones de pesos")),
        (Lang::En, format!("{huge}-member {huge} billion")),
    ] {
        let _ = extract_in(&text, lang);
    }
}
