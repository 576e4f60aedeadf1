//! Tests for kinds of text that the twelfth and thirteenth held-out sets (`tests/corpus/heldout12`,
//! `heldout13`) showed the extractor did not read: match reports with a scoring sequence and
//! leads at a break, a game clock in words, minutes told as time played, US customary
//! temperatures, shilling prices, wire exchange-rate notes, earthquake readings in Korean and
//! Spanish casualty nouns. Every sentence here is written for these tests; none is from either set.

use super::kinds8_tests::{assert_sides, read};
use super::*;

/// The candidate with `surface` in `text`: (value, unit, check-worthy).
fn one(text: &str, lang: Lang, surface: &str) -> (String, String, bool) {
    let (value, unit, _, claim) = super::kinds9_tests::one(text, lang, surface);
    (value, unit, claim)
}

#[test]
fn a_result_after_past_outscored_or_a_vote_is_two_counts() {
    assert_sides(
        "Late field goal lifts Chargers past Broncos 20-17",
        Lang::En,
        &["20", "17"],
        true,
    );
    assert_sides(
        "The board voted 5-2 for the merger on Tuesday.",
        Lang::En,
        &["5", "2"],
        true,
    );
    assert_sides(
        "Leeds outscored Hull 31-12 in the second half.",
        Lang::En,
        &["31", "12"],
        true,
    );
    // a span after "past" is still a band: "the past 3-4 years" is not a score
    let found = read("Prices rose in the past 3-4 years.", Lang::En);
    assert!(
        found
            .iter()
            .all(|(s, _, unit, _)| s != "3" || unit != "count"),
        "{found:?}"
    );
}

#[test]
fn a_lead_in_play_places_a_moment_and_a_lead_at_the_break_is_a_result() {
    // during play
    assert_sides(
        "A touchdown early in the fourth quarter put Denver up 21-14.",
        Lang::En,
        &["21", "14"],
        false,
    );
    assert_sides(
        "Cork led 9-3 after a penalty in the first half.",
        Lang::En,
        &["9", "3"],
        false,
    );
    assert_sides(
        "A drop goal gave the visitors their only lead, 13-10, late in the second half.",
        Lang::En,
        &["13", "10"],
        false,
    );
    assert_sides(
        "A try on 50 minutes made it 20-13 and the crowd rose.",
        Lang::En,
        &["20", "13"],
        false,
    );
    // at a break
    assert_sides(
        "A penalty on the hooter gave Munster a 16-6 lead at the break.",
        Lang::En,
        &["16", "6"],
        true,
    );
    assert_sides(
        "The Jets led 10-7 at halftime after a quiet first half.",
        Lang::En,
        &["10", "7"],
        true,
    );
    assert_sides(
        "Wales trailed 3-12 at half-time in the match.",
        Lang::En,
        &["3", "12"],
        true,
    );
    // a poll's lead is not play
    assert_sides(
        "Labor led the Coalition 54-46 in the poll.",
        Lang::En,
        &["54", "46"],
        true,
    );
}

#[test]
fn a_scoring_sequence_places_each_running_score_and_its_minutes() {
    let text = "Scoring sequence: 6 mins: Kerr pen, 3-0; 19: Lowe try, Kerr con, 10-0; \
                31: Diaz try, 10-5; 38: Kerr pen, 13-5. Half-time: 13-5.";
    let found = read(text, Lang::En);
    // every running score and minute, then the half-time line, which is a result
    let (box_entries, half_time) = found.split_at(found.len() - 2);
    assert_eq!(box_entries.len(), 12, "{found:?}");
    assert!(box_entries.iter().all(|(.., claim)| !claim), "{found:?}");
    assert!(half_time.iter().all(|(.., claim)| *claim), "{found:?}");
    // a list of two entries is not a sequence: "14: a try" stays what the rules make it
    assert_sides(
        "Saracens beat Bath 24-19; Exeter beat Sale 30-12.",
        Lang::En,
        &["24", "19", "30", "12"],
        true,
    );
}

#[test]
fn a_match_clock_in_words_and_minutes_played_place_moments() {
    for (text, surface) in [
        (
            "He kicked the tying goal with 74 seconds remaining.",
            "74 seconds",
        ),
        ("They scored again with 10 minutes left.", "10 minutes"),
        (
            "She shot with two seconds on the clock and missed.",
            "two seconds",
        ),
        ("Keane crossed on 47 minutes for his second.", "47 minutes"),
        (
            "The wing scored on 52 and 66 minutes to seal it.",
            "66 minutes",
        ),
    ] {
        let (_, unit, claim) = one(text, Lang::En, surface);
        assert_eq!(unit, "duration", "{text}");
        assert!(!claim, "{text}");
    }
    // a contract's years left say something of their own
    let (_, _, claim) = one(
        "He signed an extension with two years remaining on his deal.",
        Lang::En,
        "two years",
    );
    assert!(claim);
    // a length of time that is the claim
    let (_, _, claim) = one("The meeting lasted 47 minutes.", Lang::En, "47 minutes");
    assert!(claim);
}

#[test]
fn bare_degrees_in_a_text_of_us_customary_units_are_fahrenheit() {
    let us = "Winds gusted to 50 mph and 14 inches of snow fell. Temperatures dropped to \
              8 degrees overnight.";
    assert_eq!(one(us, Lang::En, "8 degrees").1, "degF");
    let metric = "Winds gusted to 80 km/h and 14 cm of snow fell. Temperatures dropped to \
                  8 degrees overnight.";
    assert_eq!(one(metric, Lang::En, "8 degrees").1, "degC");
    // acres and mph: a US wildfire report
    let fire = "The fire has burned 9,800 acres, pushed by gusts of 60 mph. Temperatures near \
                91 degrees are forecast.";
    assert_eq!(one(fire, Lang::En, "91 degrees").1, "degF");
    // one customary word is not enough
    let one_word = "The ridge is two miles long. Temperatures dropped to 8 degrees.";
    assert_eq!(one(one_word, Lang::En, "8 degrees").1, "degC");
    // a yard is a length, converted like the others
    assert_eq!(
        one("He ran for 112 yards on Sunday.", Lang::En, "112 yards").1,
        "yd"
    );
}

#[test]
fn kenyan_shillings_points_after_per_cent_and_wire_rate_notes() {
    let (value, unit, claim) = one(
        "Petrol rose to Sh191.20 a litre in Mombasa.",
        Lang::En,
        "Sh191.20",
    );
    assert_eq!(
        (value.as_str(), unit.as_str(), claim),
        ("191.2", "KES", true)
    );
    assert_eq!(
        one("A bus fare now costs KSh 120.", Lang::En, "KSh 120").1,
        "KES"
    );
    // points in a sentence of shares written "per cent"
    let (_, unit, _) = one(
        "The party's vote fell 4.3 points to 28.9 per cent.",
        Lang::En,
        "4.3 points",
    );
    assert_eq!(unit, "percentage_point");
    // the rate a wire used, told at the foot of the story
    let found = read("($1 = 83.12 Indian rupees)", Lang::En);
    assert!(found.iter().all(|(.., claim)| !claim), "{found:?}");
    // an aircraft's maker, model and variant are a name
    for text in [
        "An Airbus 350-9 landed safely in Doha.",
        "The carrier flies 11 Boeing 787s to Asia.",
    ] {
        let found = read(text, Lang::En);
        assert!(
            found
                .iter()
                .all(|(s, _, unit, _)| unit != "count" || s == "11"),
            "{found:?}"
        );
    }
}

#[test]
fn earthquake_readings_in_korean_and_casualty_nouns_in_spanish() {
    let ko = "기상청은 규모 3.8의 지진이 발생했다고 밝혔다.";
    let (value, _, claim) = one(ko, Lang::Ko, "3.8");
    assert_eq!(value, "3.8");
    assert!(claim, "{ko}");
    // a threshold that picks a class of quakes, and the topic of a definition, are not readings
    for (text, surface) in [
        ("규모 3.0 이상 지진은 올해 52회 발생했다.", "3.0"),
        ("진도 4는 실내의 많은 사람이 느끼는 수준이다.", "4"),
    ] {
        assert!(!one(text, Lang::Ko, surface).2, "{text}");
    }
    // a scale that is not a reading: "45GWh 규모의" keeps its unit and its score
    let plant = "회사는 연간 45GWh 규모의 공장을 짓는다.";
    assert!(read(plant, Lang::Ko).iter().any(|(s, ..)| s == "45GWh"));
    for (text, surface) in [
        ("El sismo dejó 14 lesionados en Oaxaca.", "14"),
        ("Unas 300 familias evacuadas y 12 fallecidas.", "12"),
    ] {
        assert_eq!(one(text, Lang::Es, surface).1, "person", "{text}");
    }
}

#[test]
fn look_alikes_of_these_rules_keep_what_they_were() {
    // a series' and a tie's standing stay results, in a sentence about games
    assert_sides(
        "The Celtics lead the series 3-1, with Game 5 on Thursday.",
        Lang::En,
        &["3", "1"],
        true,
    );
    assert_sides(
        "Porto, who led 3-1 on aggregate, conceded a late penalty.",
        Lang::En,
        &["3", "1"],
        true,
    );
    // a lead at the end of a half, and into the break, is held at a break
    assert_sides(
        "The Bears led 17-10 at the end of the first half.",
        Lang::En,
        &["17", "10"],
        true,
    );
    // an index's points beside its change in per cent stay points
    for text in [
        "The Sensex fell 930.55 points, or 1.2 per cent, to 73,511.85.",
        "The benchmark index closed down 61.2 points, or 0.8 per cent.",
    ] {
        let found = read(text, Lang::En);
        assert!(
            found.iter().all(|(.., unit, _)| unit != "percentage_point"),
            "{found:?}"
        );
    }
    // miles and mph are British too, and idioms have no number: degrees stay Celsius
    for text in [
        "Gusts reached 60mph on the coast and 70mph inland. It was 30 degrees in London.",
        "Residents walked miles on foot to fetch water as it hit 47 degrees in Delhi.",
    ] {
        let found = read(text, Lang::En);
        let degrees = found
            .iter()
            .find(|(s, ..)| s.ends_with("degrees"))
            .unwrap_or_else(|| panic!("{found:?}"));
        assert_eq!(degrees.2, "degC", "{text}");
    }
    // wounds are not people
    assert_eq!(
        one(
            "La víctima presentaba 15 heridas de arma blanca.",
            Lang::Es,
            "15"
        )
        .1,
        "count"
    );
    // minutes of something are not minutes played
    let (_, _, claim) = one(
        "The case rested on 30 minutes of bodycam footage.",
        Lang::En,
        "30 minutes",
    );
    assert!(claim);
    // an equation in a cost breakdown is not a wire's rate note
    let (_, _, claim) = one(
        "Build cost: land plus works = $3.2 million in all.",
        Lang::En,
        "$3.2 million",
    );
    assert!(claim);
}

#[test]
fn a_korean_baseball_box_and_its_people() {
    // a score beaten by: each side a count and a claim
    let text = "두산이 한화를 7-4로 물리치고 3연승을 달렸다.";
    for side in ["7", "4"] {
        let (_, unit, claim) = one(text, Lang::Ko, side);
        assert_eq!((unit.as_str(), claim), ("count", true), "{text}");
    }
    // a pitcher's and a batter's lines, glued counters
    let text = "선발 이도윤은 6⅓이닝 동안 2실점했고, 정하준은 20타수 9안타 5타점을 올렸다.";
    let (value, unit, _) = one(text, Lang::Ko, "6⅓이닝");
    assert!(value.starts_with("6.333"), "{value}");
    assert_eq!(unit, "count");
    for surface in ["2실점", "20타수", "9안타", "5타점"] {
        assert_eq!(one(text, Lang::Ko, surface).1, "count", "{surface}");
    }
    // a record with draws, a win rate and a batting average
    let text = "한화는 80승 3무 61패(승률 0.567)로 시즌을 마쳤고 정하준은 타율 0.345를 기록했다.";
    assert_eq!(one(text, Lang::Ko, "3무").1, "count");
    assert_eq!(one(text, Lang::Ko, "0.567").1, "ratio");
    assert_eq!(one(text, Lang::Ko, "0.345").1, "ratio");
    // "무" only alone or before a particle: not "무기", "무료"
    assert!(read("군은 3무기 체계를 시험했다.", Lang::Ko)
        .iter()
        .all(|(s, ..)| s != "3무"));
    // draws only in a record: a slogan's "3무" is none, nor is "3무대"
    for text in ["정부는 '3무 정책'을 내세웠다.", "그는 3무대에서 공연했다."] {
        assert!(
            read(text, Lang::Ko)
                .iter()
                .all(|(_, _, unit, claim)| unit != "count" || !claim),
            "{text}"
        );
    }
    // an average written in tenths is not a ratio of one
    let found = read("정하준은 타율 1할8푼에 그쳤다.", Lang::Ko);
    assert!(
        found.iter().all(|(.., unit, _)| unit != "ratio"),
        "{found:?}"
    );
    // an employer that ends like a particle ("학과") before the title
    let text = "이수진(41) 경영학과 교수는 \"예상보다 컸다\"고 말했다.";
    assert_eq!(one(text, Lang::Ko, "41").1, "age");
    // an age after a name, with the team before the title
    let text = "박준영(61) 두산 감독은 \"선수들이 잘했다\"고 말했다.";
    assert_eq!(one(text, Lang::Ko, "61").1, "age");
}

#[test]
fn a_scoreline_that_names_its_teams_is_a_result() {
    for (text, sides) in [
        (
            "Leinster 27 Munster 19: a late try settles the derby",
            ["27", "19"],
        ),
        ("Chiefs 31, Bills 28", ["31", "28"]),
        ("Real Sociedad 2 Athletic Club 1", ["2", "1"]),
    ] {
        assert_sides(text, Lang::En, &sides, true);
    }
    // not a whole sentence of two names and two numbers
    let found = read("Windows 11 and Office 365 are supported.", Lang::En);
    assert!(
        found
            .iter()
            .all(|(s, _, unit, _)| s != "11" || unit != "count"),
        "{found:?}"
    );
    let found = read("Apollo 11 landed in 1969.", Lang::En);
    assert!(
        found
            .iter()
            .all(|(s, _, unit, _)| s != "11" || unit != "count"),
        "{found:?}"
    );
}

#[test]
fn emergency_numbers_and_spaced_north_american_phone_numbers_are_names() {
    for (text, lang) in [
        ("Call 911 or the county line at 716 555 0193.", Lang::En),
        (
            "Puede llamar al 911 o a la línea estatal, 744 555 0190.",
            Lang::Es,
        ),
    ] {
        let found = read(text, lang);
        assert!(found.iter().all(|(.., claim)| !claim), "{found:?}");
        assert_eq!(found.len(), 2, "{found:?}");
    }
    // counts that look alike stay counts
    for (text, surface) in [
        ("The plant employs 911 workers, up from 850.", "911"),
        ("Officials dialled back the estimate to 112 deaths.", "112"),
        ("Prosecutors called 112 witnesses over six weeks.", "112"),
    ] {
        assert!(one(text, Lang::En, surface).2, "{text}");
    }
    // three groups of three are a figure's thousands, not a phone number
    let found = read("The fund holds 120 450 300 euros in bonds.", Lang::En);
    assert!(found.iter().any(|(.., claim)| *claim), "{found:?}");
}

#[test]
fn a_golf_leaderboard_gives_rounds_and_scores_to_par() {
    let text =
        "Ruiz made six birdies. Final scores (par 71): 270 Ana Ruiz (Spain) 66-68-69-67, 272 Mia Cole (US) 70-66-68-68.";
    for round in ["66", "69", "67", "70"] {
        let (_, unit, claim) = one(text, Lang::En, round);
        assert_eq!((unit.as_str(), claim), ("count", true), "{round}");
    }
    let text = "Ruiz shot a 5-under-par 66 with seven birdies to finish at 14-under 270.";
    let (value, unit, claim) = one(text, Lang::En, "5-under-par");
    assert_eq!((value.as_str(), unit.as_str(), claim), ("5", "count", true));
    assert_eq!(one(text, Lang::En, "14-under").0, "14");
    // the strokes after a score to par are exact
    let c = extract_in(text, Lang::En)
        .into_iter()
        .find(|c| c.surface == "270")
        .expect("270");
    assert_eq!(c.approx, Approx::Exact);
    // a phone number's groups are not rounds
    let found = read("Call 01-45-67-89 for tickets.", Lang::En);
    assert!(found.iter().all(|(s, ..)| s != "45"), "{found:?}");
    // outside a golf report: a cricket format; figures in order are no phone number
    let found = read("India won the 50-over World Cup in 2011.", Lang::En);
    assert!(found.iter().all(|(s, ..)| s != "50-over"), "{found:?}");
    let found = read("Turnout was, in order, 412 387 1150.", Lang::En);
    assert!(found.iter().any(|(s, ..)| s == "1150"), "{found:?}");
}
