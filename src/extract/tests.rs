//! Unit tests. Every fixture sentence here is written for these tests.

use super::*;
use proptest::prelude::*;

pub(super) fn find<'a>(cs: &'a [Candidate], surface: &str) -> &'a Candidate {
    cs.iter().find(|c| c.surface == surface).unwrap_or_else(|| {
        panic!(
            "no candidate {surface:?} in {:?}",
            cs.iter().map(|c| &c.surface).collect::<Vec<_>>()
        )
    })
}

/// The candidate with this surface in `text` read as `lang`.
pub(super) fn candidate_in(lang: Lang, text: &str, surface: &str) -> Candidate {
    find(&extract_in(text, lang), surface).clone()
}

/// The candidate with this surface in `text` read as `lang` has this value, unit and approx.
pub(super) fn check_quantity_in(
    lang: Lang,
    text: &str,
    surface: &str,
    (value, unit, approx): (&str, &str, &str),
) {
    let c = candidate_in(lang, text, surface);
    assert_eq!(
        (
            val(&c).as_str(),
            c.unit.as_deref().unwrap_or(""),
            c.approx.as_str()
        ),
        (value, unit, approx),
        "{surface:?} in {text:?}"
    );
}

fn val(c: &Candidate) -> String {
    c.value.as_ref().map(|v| v.to_string()).unwrap_or_default()
}

fn high(c: &Candidate) -> String {
    c.value_high
        .as_ref()
        .map(|v| v.to_string())
        .unwrap_or_default()
}

/// (value, unit, approx) of the candidate with this surface.
fn q(text: &str, surface: &str) -> (String, String, &'static str) {
    let cs = extract(text);
    let c = find(&cs, surface);
    (
        val(c),
        c.unit.clone().unwrap_or_default(),
        c.approx.as_str(),
    )
}

fn check(text: &str, surface: &str, value: &str, unit: &str, approx: &str) {
    let (v, u, a) = q(text, surface);
    assert_eq!(
        (v.as_str(), u.as_str(), a),
        (value, unit, approx),
        "{surface:?} in {text:?}"
    );
}

fn assert_spans(text: &str, cs: &[Candidate]) {
    for c in cs {
        assert!(c.start <= c.end && c.end <= text.len());
        assert!(text.is_char_boundary(c.start) && text.is_char_boundary(c.end));
        assert_eq!(&text[c.start..c.end], c.surface);
        assert!(
            c.sentence_start <= c.start && c.end <= c.sentence_end && c.sentence_end <= text.len()
        );
        assert!(text.is_char_boundary(c.sentence_start) && text.is_char_boundary(c.sentence_end));
        assert!((0.0..=1.0).contains(&c.score));
        assert_eq!(c.check_worthy, c.score >= 0.5);
    }
}

#[test]
fn counts_people_and_things() {
    let t = "The coast guard said it sent two cutters and more than 1,200 sailors to the strait.";
    check(t, "1,200", "1200", "person", "more_than");
    check(t, "two", "2", "count", "exact");
    let cs = extract(t);
    assert_eq!(find(&cs, "1,200").subject.as_deref(), Some("sailors"));
    assert_eq!(find(&cs, "two").subject.as_deref(), Some("cutters"));
    assert_eq!(
        find(&cs, "1,200").speaker.as_deref(),
        Some("The coast guard")
    );
}

#[test]
fn money_formats() {
    check(
        "The fund raised $7.25 billion last year.",
        "$7.25 billion",
        "7250000000",
        "USD",
        "exact",
    );
    check(
        "Its budget is USD7.54 billion for the year.",
        "USD7.54 billion",
        "7540000000",
        "USD",
        "exact",
    );
    check(
        "A loan of €20 million was approved.",
        "€20 million",
        "20000000",
        "EUR",
        "exact",
    );
    check(
        "The club paid £20m for the striker.",
        "£20m",
        "20000000",
        "GBP",
        "exact",
    );
    check(
        "Exports reached US$3.1bn in March.",
        "US$3.1bn",
        "3100000000",
        "USD",
        "exact",
    );
    check(
        "The bridge cost C$450 million to build.",
        "C$450 million",
        "450000000",
        "CAD",
        "exact",
    );
    check(
        "The ministry set aside 800 billion won for the program.",
        "800 billion won",
        "800000000000",
        "KRW",
        "exact",
    );
    check(
        "Tokyo pledged 1.5 trillion yen in aid.",
        "1.5 trillion yen",
        "1500000000000",
        "JPY",
        "exact",
    );
    check(
        "Moscow allocated 300 million rubles to the region.",
        "300 million rubles",
        "300000000",
        "RUB",
        "exact",
    );
    check(
        "The fine was 40 million euros.",
        "40 million euros",
        "40000000",
        "EUR",
        "exact",
    );
    check(
        "The state spent 2,500 crore on roads.",
        "2,500 crore",
        "25000000000",
        "count",
        "exact",
    );
    check(
        "Fuel duty will rise by 5p per litre.",
        "5p",
        "0.05",
        "GBP",
        "exact",
    );
}

#[test]
fn exact_decimal_values_never_use_exponents() {
    let cs = extract("Officials estimated the damage at roughly 62.3 billion won.");
    let c = find(&cs, "62.3 billion won");
    assert_eq!(val(c), "62300000000");
    assert_eq!(c.approx, Approx::About);
    let j = c.to_json(
        "f.txt",
        "Officials estimated the damage at roughly 62.3 billion won.",
    );
    assert!(j.contains("\"value\":62300000000,"), "{j}");
    assert!(!j.contains('e') || !j.contains("e10"));
}

#[test]
fn conversions_link_and_rate() {
    let t = "The city offered a prize of $40 million (about 49.8 billion won) for the design.";
    let cs = extract(t);
    let a = cs.iter().position(|c| c.surface == "$40 million").unwrap();
    let b = find(&cs, "49.8 billion won");
    assert_eq!(b.conversion_of, Some(a));
    assert_eq!(
        b.implied_rate.map(|d| d.to_string()).as_deref(),
        Some("1245")
    );
    assert_eq!(b.subject, cs[a].subject);
    assert_eq!(cs[a].subject.as_deref(), Some("prize"));
}

#[test]
fn percents_and_points() {
    check(
        "Unemployment fell to 5.8% in May.",
        "5.8%",
        "5.8",
        "percent",
        "exact",
    );
    check(
        "Turnout was 61.2 percent this time.",
        "61.2 percent",
        "61.2",
        "percent",
        "exact",
    );
    check(
        "Support grew 4 per cent over the year.",
        "4 per cent",
        "4",
        "percent",
        "exact",
    );
    check(
        "The lead narrowed by 3 percentage points in the poll.",
        "3 percentage points",
        "3",
        "percentage_point",
        "exact",
    );
    check(
        "The bank cut rates by 25 basis points.",
        "25 basis points",
        "0.25",
        "percentage_point",
        "exact",
    );
    check(
        "Prices fell 2.1% while wages rose -0.4% in real terms.",
        "-0.4%",
        "-0.4",
        "percent",
        "exact",
    );
}

#[test]
fn ranges() {
    let t = "Analysts expect growth of 3-5% next year.";
    let cs = extract(t);
    let c = find(&cs, "3-5%");
    assert_eq!(
        (val(c).as_str(), high(c).as_str(), c.approx),
        ("3", "5", Approx::Range)
    );
    let t = "The tax will be between 2 and 4 percent of income.";
    let c = extract(t)
        .into_iter()
        .find(|c| c.surface == "2 and 4 percent")
        .unwrap();
    assert_eq!(
        (val(&c).as_str(), high(&c).as_str(), c.unit.as_deref()),
        ("2", "4", Some("percent"))
    );
    let t = "Repairs will cost $5-7 billion, engineers said.";
    let c = extract(t)
        .into_iter()
        .find(|c| c.surface == "$5-7 billion")
        .unwrap();
    assert_eq!(
        (val(&c).as_str(), high(&c).as_str()),
        ("5000000000", "7000000000")
    );
    // a change, not a range
    let cs = extract("Inflation rose from 2.1% to 3.4% in a year.");
    assert!(cs.iter().any(|c| c.surface == "2.1%") && cs.iter().any(|c| c.surface == "3.4%"));
}

#[test]
fn spelled_numbers() {
    check(
        "Twenty-five players were called up.",
        "Twenty-five",
        "25",
        "person",
        "exact",
    );
    check(
        "The agency hired a dozen inspectors.",
        "a dozen",
        "12",
        "person",
        "exact",
    );
    check(
        "Officials expect half a million visitors this summer.",
        "half a million",
        "500000",
        "person",
        "exact",
    );
    check(
        "The strike idled three hundred and twenty workers.",
        "three hundred and twenty",
        "320",
        "person",
        "exact",
    );
    check(
        "Dozens of homes were flooded.",
        "Dozens",
        "12",
        "count",
        "more_than",
    );
    check(
        "The quake damaged two million buildings.",
        "two million",
        "2000000",
        "count",
        "exact",
    );
}

#[test]
fn ratios_and_fractions() {
    check(
        "Sales doubled in the quarter.",
        "doubled",
        "2",
        "ratio",
        "exact",
    );
    check(
        "The price of rice has nearly tripled since June.",
        "tripled",
        "3",
        "ratio",
        "about",
    );
    check(
        "Rents are three times higher than a decade ago.",
        "three times",
        "3",
        "ratio",
        "exact",
    );
    check(
        "Nearly a third of the budget goes to defence.",
        "a third",
        "0.333333",
        "ratio",
        "about",
    );
    check(
        "About two-thirds of voters backed the plan.",
        "two-thirds",
        "0.666667",
        "ratio",
        "about",
    );
    check(
        "One in four adults smokes in the province.",
        "One in four",
        "0.25",
        "ratio",
        "exact",
    );
}

#[test]
fn durations_and_times() {
    check(
        "She won the race in 2:04:51 on Sunday.",
        "2:04:51",
        "7491",
        "duration",
        "exact",
    );
    check(
        "The talks lasted three hours.",
        "three hours",
        "10800",
        "duration",
        "exact",
    );
    check(
        "The strike ran for 10 days in March.",
        "10 days",
        "864000",
        "duration",
        "exact",
    );
    check(
        "The loan runs 6 months.",
        "6 months",
        "6",
        "months",
        "exact",
    );
    check(
        "He served 12 years in the senate.",
        "12 years",
        "12",
        "years",
        "exact",
    );
    check(
        "He crossed the line 34 minutes and 5 seconds later.",
        "34 minutes and 5 seconds",
        "2045",
        "duration",
        "exact",
    );
    let cs = extract("The session opens at 9:30 a.m. local time.");
    let c = find(&cs, "9:30 a.m.");
    assert_eq!(
        (val(c).as_str(), c.unit.as_deref(), c.check_worthy),
        ("09:30", Some("time"), false)
    );
}

#[test]
fn dates_years_ordinals_ages() {
    let cs = extract("The ministry said on August 14 that talks resume on the 21st.");
    let a = find(&cs, "August 14");
    assert_eq!(
        (val(a).as_str(), a.unit.as_deref(), a.check_worthy),
        ("--08-14", Some("date"), false)
    );
    let b = find(&cs, "the 21st");
    assert_eq!(val(b), "---21");
    let cs = extract("The treaty was signed on 14 August 2025 in Geneva.");
    assert_eq!(val(find(&cs, "14 August 2025")), "2025-08-14");
    let cs = extract("Prices peaked in 2008 and again in Aug. 23, 2022.");
    let y = find(&cs, "2008");
    assert_eq!((y.unit.as_deref(), y.check_worthy), (Some("year"), false));
    assert_eq!(val(find(&cs, "Aug. 23, 2022")), "2022-08-23");
    check(
        "It was the third consecutive monthly decline.",
        "third",
        "3",
        "ordinal",
        "exact",
    );
    check(
        "A 45-year-old driver was arrested.",
        "45-year-old",
        "45",
        "age",
        "exact",
    );
    check(
        "The governor, 58, signed the bill.",
        "58",
        "58",
        "age",
        "exact",
    );
}

#[test]
fn dateline_year_fills_month_day_dates() {
    let t = "SEOUL, Aug. 24, 2025 (Newswire) -- Officials met on August 14 to review 30 projects.";
    let cs = extract(t);
    assert_eq!(val(find(&cs, "August 14")), "2025-08-14");
}

#[test]
fn low_scores_for_boilerplate_and_names() {
    let t = "By Jane Doe\nThe fleet has 12 F-35 jets and the COVID-19 ward has 40 beds.\nCall +1 202 555 0143 for details.\n© 2025 Example Media. All rights reserved.";
    let cs = extract(t);
    for c in &cs {
        if c.surface.contains("F-35")
            || c.surface.contains("COVID")
            || c.surface.contains("202")
            || c.surface.contains("2025")
        {
            assert!(
                !c.check_worthy,
                "{:?} should not be check-worthy",
                c.surface
            );
        }
    }
    assert!(find(&cs, "12").check_worthy);
    assert!(find(&cs, "40").check_worthy);
    let cs =
        extract("The carrier deployed with Carrier Air Wing One and the two candidates watched.");
    assert!(
        cs.iter()
            .filter(|c| c.is_numeric())
            .all(|c| !c.check_worthy),
        "{cs:?}"
    );
}

#[test]
fn speakers() {
    let sp = |t: &str, s: &str| {
        let cs = extract(t);
        find(&cs, s).speaker.clone()
    };
    assert_eq!(
        sp("According to the ministry, 300 families were moved.", "300").as_deref(),
        Some("the ministry")
    );
    assert_eq!(
        sp("Officials moved 300 families, the navy said.", "300").as_deref(),
        Some("the navy")
    );
    assert_eq!(
        sp(
            "Health Minister Ana Ruiz stated that 14 clinics closed.",
            "14"
        )
        .as_deref(),
        Some("Ana Ruiz")
    );
    assert_eq!(
        sp(
            "Metro News, citing police sources, reported that 9 people were hurt.",
            "9"
        )
        .as_deref(),
        Some("Metro News")
    );
    assert_eq!(
        sp("\"We counted 52 boats,\" said Lee Min-ho.", "52").as_deref(),
        Some("Lee Min-ho")
    );
}

#[test]
fn subjects() {
    let subj = |t: &str, s: &str| {
        let cs = extract(t);
        find(&cs, s).subject.clone()
    };
    assert_eq!(
        subj("The unemployment rate rose to 5.8% in June.", "5.8%").as_deref(),
        Some("unemployment rate")
    );
    assert_eq!(
        subj(
            "The council raised the fee for each permit to $120.",
            "$120"
        )
        .as_deref(),
        Some("fee for each permit")
    );
    assert_eq!(
        subj(
            "Rebels released 4.5 million litres of fuel nationwide.",
            "4.5 million litres"
        )
        .as_deref(),
        Some("fuel")
    );
}

#[test]
fn non_numeric_candidates_score_below_numeric_claims() {
    let t =
        "The agency called it the most advanced radar in the world, and said 30 units were sold.";
    let cs = extract(t);
    let s = find(&cs, "the most advanced");
    assert!(s.unit.is_none() && s.value.is_none());
    assert!(s.score < find(&cs, "30").score);
}

#[test]
fn sentence_splitting() {
    let t = "Mr. Kim met U.S. envoys at 3 p.m. The talks covered No. 5 reactor. Output rose 2.5% in May. \"It fell,\" he said (again). Done.";
    let cs = extract(t);
    let c = find(&cs, "2.5%");
    assert_eq!(
        &t[c.sentence_start..c.sentence_end],
        "Output rose 2.5% in May."
    );
    let d = find(&cs, "No. 5");
    assert_eq!(
        &t[d.sentence_start..d.sentence_end],
        "The talks covered No. 5 reactor."
    );
}

#[test]
fn negative_and_bracketed_amounts() {
    check(
        "The unit posted a loss of (1,200) last quarter.",
        "(1,200)",
        "-1200",
        "count",
        "exact",
    );
    check(
        "It reported a net loss of $(53) million.",
        "$(53) million",
        "-53000000",
        "USD",
        "exact",
    );
}

#[test]
fn physical_units() {
    check(
        "The storm dumped 120 mm of rain.",
        "120 mm",
        "120",
        "mm",
        "exact",
    );
    check(
        "The ship sailed 300 nautical miles.",
        "300 nautical miles",
        "300",
        "nmi",
        "exact",
    );
    check(
        "The fire burned 2,400 hectares.",
        "2,400 hectares",
        "2400",
        "ha",
        "exact",
    );
    check(
        "The plant produces 1.2 GW of power.",
        "1.2 GW",
        "1.2",
        "GW",
        "exact",
    );
    check(
        "Temperatures hit 41.5C in the valley.",
        "41.5C",
        "41.5",
        "degC",
        "exact",
    );
    check(
        "Output rose to 2.2 million bpd in May.",
        "2.2 million bpd",
        "2200000",
        "bbl",
        "exact",
    );
}

#[test]
fn more_formats() {
    check(
        "Shares paid a dividend of 45 cents a share.",
        "45 cents",
        "0.45",
        "USD",
        "exact",
    );
    check(
        "The state budgeted ₹1.2 lakh crore for roads.",
        "₹1.2 lakh crore",
        "1200000000000",
        "INR",
        "exact",
    );
    check(
        "Output fell by 1.5m barrels a day.",
        "1.5m barrels",
        "1500000",
        "bbl",
        "exact",
    );
    check(
        "The fleet has 2,500-strong crews.",
        "2,500-strong",
        "2500",
        "person",
        "exact",
    );
    check(
        "Inflation stayed below 3% for most of the year.",
        "3%",
        "3",
        "percent",
        "less_than",
    );
    check(
        "Revenue topped $9bn for the first time.",
        "$9bn",
        "9000000000",
        "USD",
        "more_than",
    );
    check(
        "Nine in 10 residents back the plan.",
        "Nine in 10",
        "0.9",
        "ratio",
        "exact",
    );
    check(
        "The mission ended a decade-long deployment.",
        "decade-long",
        "10",
        "years",
        "exact",
    );
    check(
        "Nearly 3/4 of voters backed the plan.",
        "3/4",
        "0.75",
        "ratio",
        "about",
    );
    let cs = extract("Service runs 24/7 since the 9/11 attacks of the '90s.");
    assert!(cs.iter().all(|c| !c.check_worthy), "{cs:?}");
    let cs = extract("\"We lost everything,\" said farmer Ana Lima, 52.");
    let c = find(&cs, "52");
    assert_eq!(
        (c.unit.as_deref(), c.speaker.as_deref()),
        (Some("age"), Some("Ana Lima"))
    );
}

#[test]
fn headlines_and_page_furniture() {
    let cs = extract("Central Bank Holds Rates, Signals Two Cuts Ahead\n5 min read\nThe bank kept its rate at 4.5%.");
    assert!(find(&cs, "Two").check_worthy);
    assert!(!find(&cs, "5 min").check_worthy);
    assert!(find(&cs, "4.5%").check_worthy);
}

#[test]
fn json_field_order_and_nulls() {
    let t = "Officials counted 15 trucks.";
    let cs = extract(t);
    let j = cs[0].to_json("a.txt", t);
    let keys = [
        "file",
        "sentence",
        "start",
        "end",
        "surface",
        "value",
        "value_high",
        "unit",
        "approx",
        "subject",
        "speaker",
        "score",
        "check_worthy",
        "conversion_of",
        "implied_rate",
    ];
    let mut pos = 0;
    for k in keys {
        let p = j[pos..]
            .find(&format!("\"{k}\":"))
            .unwrap_or_else(|| panic!("{k} missing/out of order in {j}"))
            + pos;
        pos = p;
    }
    assert!(j.contains("\"implied_rate\":null,\"statement\":"));
    let v: serde_json::Value = serde_json::from_str(&j).unwrap();
    assert_eq!(v["value"], serde_json::json!(15));
    assert_eq!(v["surface"], "15");
}

#[test]
fn empty_and_odd_inputs() {
    for t in [
        "",
        " ",
        "\n\n",
        "1",
        "$",
        "-",
        "(",
        "1,",
        "3-",
        "August",
        "the 21st",
        "½",
        "1:",
        "9999999999999999999999999999999999",
    ] {
        let cs = extract(t);
        assert_spans(t, &cs);
    }
}

fn big(unit: &str, n: usize) -> String {
    let mut s = String::with_capacity(n + unit.len());
    while s.len() < n {
        s.push_str(unit);
    }
    s
}

#[test]
fn large_inputs_run_linearly() {
    // Not timed: these only have to finish (a quadratic scan would take minutes).
    // 1 MB of news on one line, of digits only, of emoji; smaller pathological repeats.
    for t in [
        big(
            "In 2024 the fund lent $1.5 billion to 300 firms, up 12% on the year, officials said, ",
            1 << 20,
        ),
        big("7", 1 << 20),
        big("😀", 1 << 20),
        big("1,000 ", 1 << 17),
        big("\"", 1 << 17),
        big("the most ", 1 << 17),
        big("- ( 3 ", 1 << 17),
    ] {
        let cs = extract(&t);
        assert_spans(&t, &cs);
    }
}

#[test]
fn chunked_extraction_keeps_spans_valid() {
    let t = big(
        "Officials said 1,200 troops and €3.5bn in aid arrived. 😀 Prices doubled.\n",
        20_000,
    );
    let cs = super::extract_chunked(&t, 997, Lang::En);
    assert_spans(&t, &cs);
    assert!(cs.len() > 100);
    for (i, c) in cs.iter().enumerate() {
        if let Some(j) = c.conversion_of {
            assert!(j < i);
        }
    }
}

#[test]
fn truncated_phrases_at_the_end_of_text() {
    for t in [
        "Hundreds of",
        "a third",
        "half a",
        "the 21st",
        "$",
        "US$",
        "45-year-",
        "2:",
        "aged",
        "R1.2",
        "Rs.",
        "between 3 and",
        "3 to",
    ] {
        let cs = extract(t);
        assert_spans(t, &cs);
    }
}

#[test]
fn deterministic() {
    let t =
        "About 4,000 troops and 3 ships arrived on June 3, the navy said. Costs doubled to $9m.";
    assert_eq!(extract(t), extract(t));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_spans_are_valid(t in "\\PC{0,200}") {
        let cs = extract(&t);
        assert_spans(&t, &cs);
        prop_assert_eq!(cs.clone(), extract(&t));
    }

    #[test]
    fn newsy_fragments(parts in proptest::collection::vec(prop_oneof![
        Just("$"), Just("€"), Just("£"), Just("US"), Just(" "), Just(","), Just("."), Just("-"), Just("–"), Just("("), Just(")"),
        Just("%"), Just("1"), Just("25"), Just("1,000"), Just("3.5"), Just("0"), Just(":"), Just("/"), Just("million"),
        Just("bn"), Just("m"), Just("k"), Just(" won"), Just(" yen"), Just("August"), Just("the"), Just("21st"), Just("more than"),
        Just("between"), Just("and"), Just("to"), Just("a"), Just("third"), Just("half"), Just("dozen"), Just("said"),
        Just("\""), Just("“"), Just("”"), Just("\n"), Just("é"), Just("😀"), Just("\u{2009}"), Just("+"), Just("±"), Just("°C"), Just("Hundreds"), Just("hundreds"), Just("of"), Just("several"), Just("year"), Just("old"), Just("per"), Just("dollar"), Just("won"), Just("R"), Just("FY"), Just("#"), Just("'"), Just("s"), Just("No."), Just("p.m."), Just("Jan."), Just("aged"), Just("under"), Just("five"), Just("2024"), Just("1/2"), Just("Mr."), Just("the"), Just("Two"), Just("Gen."), Just("said"), Just("C"), Just("km"), Just("square"), Just("cents"),
    ], 0..60)) {
        let t: String = parts.concat();
        let cs = extract(&t);
        assert_spans(&t, &cs);
        for c in &cs {
            if let Some(Value::Number(d)) = &c.value {
                prop_assert!(!d.to_string().contains('e'));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn spanish_and_korean_rules_never_panic_and_spans_are_valid(
        t in "\\PC{0,200}",
        parts in proptest::collection::vec(prop_oneof![
            Just(" "), Just(","), Just("."), Just("-"), Just("~"), Just("%"), Just("1"), Just("25"),
            Just("5.600"), Just("8,2"), Just("2025"), Just(":"), Just("/"), Just("millones"), Just("mil"),
            Just(" de "), Just("dólares"), Just("más"), Just("entre"), Just(" y "), Just("unos"), Just("un"),
            Just("medio"), Just("miles"), Just("agosto"), Just("según"), Just("dijo"), Just("º"), Just("tel."),
            Just("억"), Just("만"), Just("천"), Just("조"), Just("여"), Just(" 명"), Just("원"), Just("을"),
            Just("달러"), Just("%포인트"), Just("년"), Just("월"), Just("일"), Just("시"), Just("약 "),
            Just(" 이상"), Just("두 "), Just("배"), Just("수천"), Just("제"), Just("㎞"), Just("\n"), Just("😀"),
            Just("주"), Just("초"), Just("분"), Just("·"), Just("("), Just(")"), Just("로 졌다"), Just("㎎"),
            Just("m"), Just(" 중 "), Just("열 "), Just("곳"), Just("parte"), Just("cuarto"), Just("§"),
            Just("79228162514264337593543950"),
        ], 0..60),
    ) {
        for lang in [Lang::Es, Lang::Ko] {
            for text in [t.clone(), parts.concat()] {
                let cs = extract_in(&text, lang);
                assert_spans(&text, &cs);
                prop_assert_eq!(cs.clone(), extract_in(&text, lang));
            }
        }
    }
}

#[test]
fn a_korean_noun_after_a_coordinated_quantity_counts_the_next_one() {
    let t = "국방부는 구축함 3척과 병력 4천여 명을 파견했다고 밝혔다. 경찰은 차량 12대 및 인원 300명을 투입했다.";
    let cs = extract_in(t, Lang::Ko);
    let subject = |s: &str| {
        cs.iter()
            .find(|c| c.surface == s)
            .and_then(|c| c.subject.clone())
    };
    assert_eq!(subject("3척").as_deref(), Some("구축함"));
    assert_eq!(subject("4천여 명").as_deref(), Some("병력"));
    assert_eq!(subject("12대").as_deref(), Some("차량"));
    assert_eq!(subject("300명").as_deref(), Some("인원"));
}

/// Whether the candidate with this surface is check-worthy.
fn worthy(text: &str, surface: &str) -> bool {
    find(&extract(text), surface).check_worthy
}

#[test]
fn a_distance_an_hour_is_a_speed() {
    check(
        "The train reached 186 miles an hour near the coast.",
        "186 miles an hour",
        "186",
        "mph",
        "exact",
    );
    check(
        "Gusts topped 90 kilometres per hour overnight.",
        "90 kilometres per hour",
        "90",
        "km/h",
        "more_than",
    );
    check(
        "Police clocked him at 70 km an hour in a school zone.",
        "70 km an hour",
        "70",
        "km/h",
        "exact",
    );
    // a distance covered in an hour stays a distance
    check(
        "She ran 12 miles in an hour and a half.",
        "12 miles",
        "12",
        "mi",
        "exact",
    );
}

#[test]
fn hundreds_joined_by_a_hyphen_scale_the_number() {
    check(
        "Some 13-hundred volunteers signed up.",
        "13-hundred",
        "1300",
        "person",
        "about",
    );
    check(
        "The 19 hundred seats sold out.",
        "19 hundred",
        "1900",
        "count",
        "exact",
    );
}

#[test]
fn a_window_at_the_end_or_start_of_a_match_places_a_moment() {
    let text = "They conceded twice in the final ten minutes of the game.";
    assert!(!worthy(text, "ten minutes"));
    let text = "The bill was debated in the closing three hours of the session.";
    assert!(!worthy(text, "three hours"));
    // the length of an event is a claim
    assert!(worthy("The strike lasted 11 days.", "11 days"));
}

#[test]
fn an_ordinal_that_marks_a_point_in_a_match_is_a_label() {
    let text = "A 78th-minute header settled the cup tie.";
    assert!(!worthy(text, "78th"));
    let text = "It was her third title in five years.";
    assert!(worthy(text, "third"));
}

#[test]
fn a_clock_time_at_the_start_of_a_text_reads_no_word_before_it() {
    // found by `newsy_fragments`: the Spanish "las 7:00" test looked before the first token
    for text in ["1:21st", "1:30", "7:00 a.m. start"] {
        let cs = extract(text);
        assert_spans(text, &cs);
    }
}
