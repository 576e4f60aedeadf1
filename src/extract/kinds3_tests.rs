//! Tests for kinds of text that the third held-out set (`tests/corpus/heldout3`) showed the
//! extractor did not read. Every sentence here is written for these tests; none is from that set.

use super::kinds_tests::{absent_in, check_in};
use super::*;

#[test]
fn spanish_clock_times_do_not_decide_how_decimals_are_written() {
    // with no decimal to go by, thousands groups decide: "1,500" in a paper that writes "10.30"
    check_in(
        Lang::Es,
        "El acto empezó a las 10.30 horas y reunió a 1,500 personas.",
        "1,500",
        ("1500", "person", "exact", true),
    );
    // and a long number before a dot is no hour (no overflow reading it)
    let _ = extract_in("Expediente 12345678901.25 del juzgado.", Lang::Es);
    // Four times written with a dot, three decimals with a comma: the commas are the decimals.
    let text = "El metro abrirá a las 6.00 y cerrará a las 23.30; los domingos, desde las 8.00 \
                hasta las 22.00. El billete sube a 2,35 euros, un 3,1% más, y el abono a 54,6 euros. \
                La red transportó 1.250.000 viajeros y emplea a 12.400 personas.";
    let es = |s, v, u| check_in(Lang::Es, text, s, (v, u, "exact", true));
    es("2,35 euros", "2.35", "EUR");
    es("3,1%", "3.1", "percent");
    es("54,6 euros", "54.6", "EUR");
    es("1.250.000", "1250000", "count");
    es("12.400", "12400", "person");
    // A paper that writes decimals with a dot still reads them so, times or not.
    let mx = "El peso cerró en 18.25 por dólar a las 14.30 horas y la inflación fue de 4.6%.";
    check_in(Lang::Es, mx, "4.6%", ("4.6", "percent", "exact", true));
}

#[test]
fn spanish_hours_between_two_times_are_no_claims() {
    let text =
        "Se esperan colas entre las 16.00 y las 21.30 del domingo, y hacia las 9.15 del lunes.";
    for hour in ["16.00", "21.30", "9.15"] {
        absent_in(Lang::Es, text, hour);
    }
    // without minutes, "entre las 7 y las 9 horas" is a span of hours
    let cs = extract_in(
        "Conviene dormir entre las 7 y las 9 horas diarias.",
        Lang::Es,
    );
    assert!(
        cs.iter().all(|c| c.unit.as_deref() != Some("time")),
        "{cs:?}"
    );
    // A count after "entre las" is still a count.
    check_in(
        Lang::Es,
        "El fondo se repartirá entre las 12 comunidades afectadas.",
        "12",
        ("12", "count", "exact", true),
    );
}

#[test]
fn korean_below_zero_flights_nationwide_numbers_and_hedged_fractions() {
    check_in(
        Lang::Ko,
        "5일 아침 대관령의 기온이 영하 14도까지 내려갔다.",
        "영하 14도",
        ("-14", "degC", "exact", true),
    );
    check_in(
        Lang::Ko,
        "제주공항에서는 국내선 86편이 결항했다.",
        "86편",
        ("86", "count", "exact", true),
    );
    check_in(
        Lang::Ko,
        "응답자의 3분의 2가량이 요금 인상에 반대했다.",
        "3분의 2",
        ("0.666667", "ratio", "about", true),
    );
    absent_in(
        Lang::Ko,
        "상담은 고객센터(1644-7788)에서 받을 수 있다.",
        "1644-7788",
    );
    absent_in(
        Lang::Ko,
        "상담은 고객센터(1644-7788)에서 받을 수 있다.",
        "1644",
    );
    // "편" inside a word is no counter; a range of two plain numbers is still a range
    absent_in(Lang::Ko, "편의점 3곳과 편지 2통이 있었다.", "편의점");
    absent_in(
        Lang::Ko,
        "서울 강남구의 한 편의점에서 강도 사건이 발생했다.",
        "한 편",
    );
    check_in(
        Lang::Ko,
        "참가자는 1500-2000명으로 예상된다.",
        "1500-2000명",
        ("1500", "person", "range", true),
    );
    check_in(
        Lang::Ko,
        "지원자는 1500~2000명으로 예상된다.",
        "1500~2000명",
        ("1500", "person", "range", true),
    );
}

#[test]
fn korean_span_a_superlative_reaches_back_over_is_a_claim() {
    let text = "지난달 수출 증가율은 3년 만에 가장 높았다.";
    let cs = extract_in(text, Lang::Ko);
    assert!(tests::find(&cs, "3년").check_worthy, "{cs:?}");
    // a span that only places an event is not
    absent_in(Lang::Ko, "두 팀이 결승에서 만난 것은 7년 만이다.", "7년");
}

#[test]
fn english_comparatives_bound_the_amount() {
    let en = |t, s, v, u, a| check_in(Lang::En, t, s, (v, u, a, true));
    en(
        "Inspectors must replace any pipe with a dent deeper than 3 millimetres.",
        "3 millimetres",
        "3",
        "mm",
        "more_than",
    );
    en(
        "Carry-on bags may be no longer than 55 centimetres.",
        "55 centimetres",
        "55",
        "cm",
        "less_than",
    );
    en(
        "Carry-on bags must be no heavier than 7 kg.",
        "7 kg",
        "7",
        "kg",
        "less_than",
    );
    en(
        "Applicants must be no younger than 18 years.",
        "18 years",
        "18",
        "years",
        "more_than",
    );
}

#[test]
fn english_labels_and_idioms_that_are_not_quantities() {
    absent_in(
        Lang::En,
        "The cargo plane touched down on Runway 27R at dawn.",
        "27R",
    );
    check_in(
        Lang::En,
        "The new airport will have a runway 4,000 metres long.",
        "4,000 metres",
        ("4000", "m", "exact", true),
    );
    absent_in(
        Lang::En,
        "Tenants must give 60 days' notice or one month's rent, whichever comes first.",
        "first",
    );
    // a first that ranks is still one
    let cs = extract_in(
        "It was the first decline in factory orders since 2019.",
        Lang::En,
    );
    assert!(tests::find(&cs, "first").check_worthy);
}

#[test]
fn english_test_score_points_are_points_not_percentage_points() {
    check_in(
        Lang::En,
        "Average math scores on the state exam rose 7 points to 241.",
        "7",
        ("7", "count", "exact", true),
    );
    // a poll's points still are, a score beside them or not
    check_in(
        Lang::En,
        "The senator's lead in the poll grew 4 points to 52%.",
        "4 points",
        ("4", "percentage_point", "exact", true),
    );
    check_in(
        Lang::En,
        "Labour leads by 5 points in the poll while its favourability score fell.",
        "5 points",
        ("5", "percentage_point", "exact", true),
    );
}

#[test]
fn english_colleagues_and_justices_are_people() {
    check_in(
        Lang::En,
        "The ruling was joined by three colleagues on the bench.",
        "three",
        ("3", "person", "exact", true),
    );
}

#[test]
fn spanish_cents_take_the_currency_named_or_used_before() {
    let es = |t, s, v, u| check_in(Lang::Es, t, s, (v, u, "exact", true));
    es(
        "El barril subió a 71,20 dólares, 85 centavos más que el lunes.",
        "85 centavos",
        "0.85",
        "USD",
    );
    // a price per pound of weight names no currency of pounds
    es(
        "El cobre cerró a 4,12 dólares por libra, 9 centavos más.",
        "9 centavos",
        "0.09",
        "USD",
    );
    es(
        "El pan cuesta ahora 45 céntimos más.",
        "45 céntimos",
        "0.45",
        "EUR",
    );
    es(
        "La tarifa sube 30 centavos de dólar por viaje.",
        "30 centavos de dólar",
        "0.3",
        "USD",
    );
}

#[test]
fn spanish_hedges_before_fractions_and_verbs_that_bound() {
    let es = |t, s, v, u, a| check_in(Lang::Es, t, s, (v, u, a, true));
    es(
        "Casi dos tercios de los hogares tienen internet.",
        "dos tercios",
        "0.666667",
        "ratio",
        "about",
    );
    es(
        "Las parcelas no superan los 500 metros cuadrados.",
        "500 metros cuadrados",
        "500",
        "m2",
        "less_than",
    );
    es(
        "La deuda ya pasa de los 3.000 millones de euros.",
        "3.000 millones de euros",
        "3000000000",
        "EUR",
        "more_than",
    );
    for (text, surface) in [
        (
            "Los usuarios pasaron de 3 millones a más de 5 millones.",
            "3 millones",
        ),
        (
            "La plantilla pasó de 12.000 empleados en 2022 a 15.000.",
            "12.000",
        ),
    ] {
        let cs = extract_in(text, Lang::Es);
        assert_eq!(tests::find(&cs, surface).approx, Approx::Exact, "{text}");
    }
    // "pasa de 3 a 5" is a change from one to the other, not more than 3
    es(
        "La tasa pasa de 3% a 5% en enero.",
        "3% a 5%",
        "3",
        "percent",
        "range",
    );
}

#[test]
fn spanish_numbered_places_are_labels() {
    for (text, surface) in [
        ("Un camión volcó en el kilómetro 112 de la A-4.", "112"),
        ("La línea 5 del metro cerrará dos semanas.", "5"),
        ("El artículo 155 fue aplicado en 2017.", "155"),
    ] {
        absent_in(Lang::Es, text, surface);
    }
    check_in(
        Lang::Es,
        "La revista publicó el artículo 20 años después.",
        "20 años",
        ("20", "years", "exact", false),
    );
}

#[test]
fn korean_spans_of_years_and_months_are_when_not_how_many() {
    let text = "2001~2005년 출생자의 1~6월 고용률은 61%였다.";
    absent_in(Lang::Ko, text, "2001~2005년");
    absent_in(Lang::Ko, text, "1~6");
    check_in(Lang::Ko, text, "61%", ("61", "percent", "exact", true));
    // a span of years counted is still a duration
    check_in(
        Lang::Ko,
        "공사는 2~3년 걸릴 전망이다.",
        "2~3년",
        ("2", "years", "range", true),
    );
}

#[test]
fn korean_drivers_and_pedestrians_in_their_thirties_are_an_age() {
    check_in(
        Lang::Ko,
        "사고를 낸 40대 운전자는 경찰에 입건됐다.",
        "40대",
        ("40", "age", "range", false),
    );
}

#[test]
fn spanish_things_named_like_people_are_counted_not_people() {
    let text = "En el puente murieron 12 personas en 9 accidentes y se vaciaron 40 contenedores.";
    check_in(Lang::Es, text, "12", ("12", "person", "exact", true));
    check_in(Lang::Es, text, "9", ("9", "count", "exact", true));
    check_in(Lang::Es, text, "40", ("40", "count", "exact", true));
    check_in(
        Lang::Es,
        "Votaron 300 estudiantes y 25 docentes.",
        "25",
        ("25", "person", "exact", true),
    );
}
