//! Tests for kinds of text that the tenth and eleventh held-out sets (`tests/corpus/heldout10`,
//! `heldout11`) showed the extractor did not read: game stories, court copy, obituaries, wage deals
//! and transit budgets, and the look-alikes reviews found. Every sentence here is written for
//! these tests; none is from either set.

use super::kinds8_tests::{assert_sides, read};
use super::*;

/// The candidate with `surface` in `text`: (value, unit, approx, check-worthy).
pub(super) fn one(text: &str, lang: Lang, surface: &str) -> (String, String, String, bool) {
    let c = extract_in(text, lang)
        .into_iter()
        .find(|c| c.surface == surface)
        .unwrap_or_else(|| panic!("no {surface:?} in {text:?}"));
    (
        c.value
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        c.unit.unwrap_or_default(),
        c.approx.as_str().to_string(),
        c.check_worthy,
    )
}

#[test]
fn game_story_kinds_shots_records_clocks_and_moments() {
    // shots made of taken, a batter's hits, a vote: a count each side
    assert_sides(
        "Denver shot 11-of-35 from deep and lost.",
        Lang::En,
        &["11", "35"],
        true,
    );
    assert_sides(
        "Soto went 2-for-5 at the plate.",
        Lang::En,
        &["2", "5"],
        true,
    );
    assert_sides("It was a 5-to-4 decision.", Lang::En, &["5", "4"], true);
    // a record after "improved to"
    assert_sides(
        "The Bruins improved to 12-14 overall.",
        Lang::En,
        &["12", "14"],
        true,
    );
    // where the game stood on its way
    assert_sides(
        "Boston stretched the lead to 64-50 early in the half.",
        Lang::En,
        &["64", "50"],
        false,
    );
    assert_sides(
        "A late layup, making it 97-95, sealed it.",
        Lang::En,
        &["97", "95"],
        false,
    );
    // a game clock places a moment
    let text = "Ruiz hit a jumper with 2:37 left in the fourth quarter.";
    assert!(!one(text, Lang::En, "2:37").3);
    let text = "The Jets scored again with 4:05 to play.";
    assert!(!one(text, Lang::En, "4:05").3);
}

#[test]
fn ranks_charges_and_bounds_of_court_and_news_copy() {
    // a rank written with No.
    let text = "She upset the world No. 3 in Doha, and he was the No. 1 seed.";
    assert_eq!(one(text, Lang::En, "No. 3").1, "ordinal");
    assert_eq!(one(text, Lang::En, "No. 1").1, "ordinal");
    // a reference written with No. stays one
    let text = "The ruling in Case No. 14 was upheld.";
    assert_ne!(one(text, Lang::En, "No. 14").1, "ordinal");
    // a charge
    let text = "She admitted one count of bank fraud.";
    assert_eq!(one(text, Lang::En, "one").0, "1");
    // a sentence's maximum and minimum
    let text = "Each count carries a maximum sentence of 10 years and a fine of $250,000.";
    assert_eq!(one(text, Lang::En, "10 years").2, "less_than");
    let text = "He faces a mandatory minimum sentence of five years.";
    assert_eq!(one(text, Lang::En, "five years").2, "more_than");
    // what a verb did to people
    let text = "A bus plunged into a ravine, killing 23";
    assert_eq!(one(text, Lang::En, "23").1, "person");
    // "just over" a span is more than it, "over" a span is during it
    let text = "Prices rose 4% in just over three months.";
    assert_eq!(one(text, Lang::En, "three months").2, "more_than");
    let text = "Prices rose 4% over three months.";
    assert_eq!(one(text, Lang::En, "three months").2, "exact");
    // a fraction before a comparative
    let text = "Imports were a fifth higher than a year earlier.";
    assert_eq!(one(text, Lang::En, "a fifth").0, "0.2");
    // a page's time stamp with a dot before its zone
    let text = "Updated Mon 7 Dec 2026 18.45 GMT";
    assert_eq!(one(text, Lang::En, "18.45 GMT").1, "time");
}

#[test]
fn spanish_match_minutes_halves_and_one_part_of_several() {
    let text = "Pérez empató a los 38 minutos del segundo tiempo y Gómez definió a los 44 con un \
                tiro libre.";
    assert!(!one(text, Lang::Es, "38 minutos").3);
    assert!(!one(text, Lang::Es, "44").3);
    assert!(
        !extract_in(text, Lang::Es)
            .iter()
            .any(|c| c.surface == "segundo"),
        "a half of a match is no ordinal claim"
    );
    let text = "Goles: PT 12' Pérez (A). ST 30' Gómez (B).";
    assert!(!one(text, Lang::Es, "12").3);
    // a length of time is still a claim
    let text = "La reunión duró 38 minutos.";
    assert!(one(text, Lang::Es, "38 minutos").3);
    let text = "El subsidio cubre apenas la quinta parte del costo del viaje.";
    assert_eq!(one(text, Lang::Es, "la quinta parte").0, "0.2");
}

#[test]
fn ratios_odds_deals_polls_and_observed_extremes_are_not_game_figures() {
    // "N-to-M", "N-for-M" that are a ratio, odds, a deal, a band or a range
    for (text, side) in [
        ("She left a 9-to-5 job at the bank.", "9"),
        ("Staff outnumber patients by a 3-to-1 ratio.", "3"),
        ("The horse was a 50-to-1 shot.", "50"),
        ("Stores ran 2-for-1 deals all week.", "2"),
        ("The clinic treats 3-to-5-year-olds.", "3"),
    ] {
        let found = read(text, Lang::En);
        assert!(
            !found
                .iter()
                .any(|(s, _, unit, claim)| s == side && unit == "count" && *claim),
            "{text}: {found:?}"
        );
    }
    // a poll's lead and a vote's count are not moments of play
    let text = "Harris widened her lead to 48-44 in the latest poll.";
    assert!(one(text, Lang::En, "48").3, "{:?}", read(text, Lang::En));
    // an observed extreme is exact; a sentence's bound is not
    let text = "Delhi recorded a maximum of 45.6 degrees on Sunday.";
    assert_eq!(one(text, Lang::En, "45.6 degrees").2, "exact");
    // a duration left on a contract is no game clock
    let text = "He signed with two years remaining on his contract.";
    assert!(one(text, Lang::En, "two years").3);
    // bills are not people; a tally of ballots is not a charge
    let found = read("The Senate killed 12 of the 20 bills.", Lang::En);
    assert!(
        found.iter().all(|(_, _, unit, _)| unit != "person"),
        "{found:?}"
    );
}

#[test]
fn spanish_look_alikes_of_match_minutes_halves_and_parts() {
    // an age, a tally, a marked term
    let text = "Murió a los 87.";
    assert!(one(text, Lang::Es, "87").3);
    let text = "Los ‘33’ mineros volvieron a casa.";
    assert!(
        extract_in(text, Lang::Es)
            .iter()
            .any(|c| c.surface.starts_with("33") && c.check_worthy),
        "{:?}",
        read(text, Lang::Es)
    );
    // a ranking by time is an ordinal
    let text = "Sainz marcó el tercer tiempo en la clasificación.";
    assert!(extract_in(text, Lang::Es)
        .iter()
        .any(|c| c.surface == "tercer"));
    // a sequel is no fraction
    let text = "Se estrena la tercera parte de la saga en marzo.";
    assert!(
        !extract_in(text, Lang::Es)
            .iter()
            .any(|c| c.surface == "la tercera parte"),
        "{:?}",
        read(text, Lang::Es)
    );
}

#[test]
fn hockey_and_baseball_notes_records_and_averages() {
    // a record of three parts, each a count
    assert_sides(
        "Dallas is 9-4-2 at home, and Stone improved to 14-6-3.",
        Lang::En,
        &["9", "4", "2", "14", "6", "3"],
        true,
    );
    // a decimal written without its zero
    let text = "Ortiz finished with a .921 save percentage.";
    assert_eq!(one(text, Lang::En, ".921").0, "0.921");
    // a lead taken during play is a moment; the clock of a goal places it
    assert_sides(
        "Kane gave Boston a 2-1 lead with a power-play goal.",
        Lang::En,
        &["2", "1"],
        false,
    );
    let text = "Reyes scored 3:41 into overtime to win it.";
    assert!(!one(text, Lang::En, "3:41").3);
    // a notes line of a game story is the story's
    let text = "NOTES: Dallas has won six straight at home.";
    assert!(one(text, Lang::En, "six").3);
}

#[test]
fn a_life_in_an_obituary_and_the_deal_terms_of_a_wage_agreement() {
    let text = "The surgeon, who took up rowing in her mid-40s, died on Monday. She was 91.";
    assert_eq!(one(text, Lang::En, "40s").1, "age");
    assert_eq!(one(text, Lang::En, "91").1, "age");
    let text = "In 1975, at 38, he became the oldest man to win the race.";
    assert_eq!(one(text, Lang::En, "38").1, "age");
    let text = "Mountaineer who kept climbing into his 60s dies at 90";
    assert_eq!(one(text, Lang::En, "60s").1, "age");
    assert_eq!(one(text, Lang::En, "90").1, "age");
    // a decade that is not someone's age stays a decade
    let text = "Prices last rose this fast in the 70s.";
    assert_eq!(one(text, Lang::En, "70s").1, "year");
    // people by kin
    let text = "She is survived by her husband and seven grandchildren.";
    assert_eq!(one(text, Lang::En, "seven").1, "person");
    // a floor and a cap bound a rise
    let text = "Pay will rise with inflation, with a floor of 3.5% and a cap of 5.5%.";
    assert_eq!(one(text, Lang::En, "3.5%").2, "more_than");
    assert_eq!(one(text, Lang::En, "5.5%").2, "less_than");
}

#[test]
fn frequencies_products_named_by_length_weeks_and_rate_steps() {
    // a service's frequency is a claim, a price's base is not
    let text = "Buses will run every 12 minutes instead of every eight.";
    assert!(one(text, Lang::En, "12 minutes").3);
    // a product named by its length
    for (text, surface) in [
        ("A 7-day pass costs $20.", "7-day"),
        ("The average 30-year fixed mortgage rate rose.", "30-year"),
    ] {
        assert!(
            !extract_in(text, Lang::En)
                .iter()
                .any(|c| c.surface == surface && c.check_worthy),
            "{text}: {:?}",
            read(text, Lang::En)
        );
    }
    // an epidemiological week is a label
    let text = "Cases rose from 40 in week 12 to 55.";
    assert!(
        extract_in(text, Lang::En)
            .iter()
            .filter(|c| c.surface.contains("12"))
            .all(|c| !c.check_worthy),
        "{:?}",
        read(text, Lang::En)
    );
    // a rate step written spaced
    let text = "The bank cut its rate by a quarter point in March.";
    assert_eq!(one(text, Lang::En, "a quarter point").1, "percentage_point");
}

#[test]
fn look_alikes_of_records_decimals_bounds_ages_and_weeks() {
    // an emergency number, a formation: no record
    for text in [
        "Officers responded to 9-1-1 calls from the building.",
        "Arteta switched to 4-3-3 at half-time in the game.",
    ] {
        let found = read(text, Lang::En);
        assert!(
            !found
                .iter()
                .any(|(s, _, unit, claim)| s == "1" && unit == "count" && *claim),
            "{text}: {found:?}"
        );
    }
    // a calibre and a blood-alcohol level are no ratio of a save
    for text in [
        "Police found a .45-caliber handgun in the car.",
        "His blood alcohol level was .08 at the time.",
    ] {
        let found = read(text, Lang::En);
        assert!(
            !found.iter().any(|(_, _, unit, _)| unit == "ratio"),
            "{text}: {found:?}"
        );
    }
    // a company's market value and a debt ceiling are levels, not bounds
    let text = "Apple, with a market cap of $3.4 trillion, led the index.";
    assert_eq!(one(text, Lang::En, "$3.4 trillion").2, "exact");
    // a series' standing is a result
    let text = "Boston took a 3-2 lead in the series with a win in Game 5.";
    assert!(one(text, Lang::En, "3").3, "{:?}", read(text, Lang::En));
    // an age spaced after its part of the decade, and a decade of music
    let text = "The singer, in his late 70s, still tours.";
    assert_eq!(one(text, Lang::En, "70s").1, "age");
    let text = "The band played their 90s hits.";
    assert_ne!(one(text, Lang::En, "90s").1, "age");
    // a pitcher's record, a place and a time are no ages
    for (text, surface) in [
        ("As a starter he was 12 and 3 last season.", "12"),
        ("On Monday, at 10, he will address the nation.", "10"),
    ] {
        let found = read(text, Lang::En);
        assert!(
            !found
                .iter()
                .any(|(s, _, unit, _)| s == surface && unit == "age"),
            "{text}: {found:?}"
        );
    }
    // a week that is spoken of, with an amount after it
    let text = "Last week 30% of voters said they would stay home.";
    assert_eq!(one(text, Lang::En, "30%").1, "percent");
    // a point of an argument is no rate step
    let text = "A third point of contention is the budget.";
    assert!(
        !extract_in(text, Lang::En)
            .iter()
            .any(|c| c.unit.as_deref() == Some("percentage_point")),
        "{:?}",
        read(text, Lang::En)
    );
}
