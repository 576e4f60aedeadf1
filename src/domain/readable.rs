//! Quantities as people write them: "$50 million", "62.3 billion won", "more than 4,000 people",
//! "23 August 2025", "2 weeks". The stored value stays exact (a decimal in base units, an ISO date);
//! this is only how the pages show it.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// How a unit code is written beside a number.
enum Written {
    /// Before the number, touching it: "$50 million".
    Prefix(&'static str),
    /// After the number, with a space, singular for exactly one: "1 person", "4,000 people".
    Noun(&'static str, &'static str),
    /// After the number, touching it: "45%", "30°C".
    Glued(&'static str),
}

/// The named units of the extractor and the edit form. A code not named here is written after the
/// number as it is ("50 million CHF", "120 km").
const UNITS: &[(&str, Written)] = &[
    ("USD", Written::Prefix("$")),
    ("EUR", Written::Prefix("€")),
    ("GBP", Written::Prefix("£")),
    ("HKD", Written::Prefix("HK$")),
    ("NZD", Written::Prefix("NZ$")),
    ("AUD", Written::Prefix("A$")),
    ("CAD", Written::Prefix("C$")),
    ("KRW", Written::Noun("won", "won")),
    ("JPY", Written::Noun("yen", "yen")),
    ("CNY", Written::Noun("yuan", "yuan")),
    ("INR", Written::Noun("rupee", "rupees")),
    ("PKR", Written::Noun("rupee", "rupees")),
    ("person", Written::Noun("person", "people")),
    ("percent", Written::Glued("%")),
    (
        "percentage_point",
        Written::Noun("percentage point", "percentage points"),
    ),
    ("ratio", Written::Noun("time", "times")),
    ("years", Written::Noun("year", "years")),
    ("months", Written::Noun("month", "months")),
    ("age", Written::Noun("year old", "years old")),
    ("t", Written::Noun("tonne", "tonnes")),
    ("bbl", Written::Noun("barrel", "barrels")),
    ("knot", Written::Noun("knot", "knots")),
    ("acre", Written::Noun("acre", "acres")),
    ("km2", Written::Noun("km²", "km²")),
    ("m2", Written::Noun("m²", "m²")),
    ("degC", Written::Glued("°C")),
    ("degF", Written::Glued("°F")),
];

/// Durations are stored in seconds; they are written in the largest unit that divides them.
const DURATIONS: &[(i64, &str, &str)] = &[
    (604_800, "week", "weeks"),
    (86_400, "day", "days"),
    (3_600, "hour", "hours"),
    (60, "minute", "minutes"),
    (1, "second", "seconds"),
];

/// A quantity as the pages show it. `qualifier` is the stored key (`more_than`, `about`, …);
/// `value_high` is the upper end of a range.
pub fn readable_quantity(
    value: Option<&str>,
    value_high: Option<&str>,
    unit: Option<&str>,
    qualifier: &str,
) -> String {
    let Some(value) = value else {
        return match unit {
            Some(unit) => unit.to_owned(),
            None => "statement".to_owned(),
        };
    };
    if let Some(date) = readable_date(value) {
        return date;
    }
    let unit = unit.unwrap_or("");
    let written = |raw: &str| written_number(raw, unit);
    let low = written(value);
    match (qualifier, value_high) {
        ("range", Some(high)) => match plural_noun(unit).zip(bare(value).zip(bare(high))) {
            Some((noun, (low, high))) => format!("between {low} and {high} {noun}"),
            None => format!("between {low} and {}", written(high)),
        },
        ("more_than", _) => format!("more than {low}"),
        ("less_than", _) => format!("less than {low}"),
        ("about", _) => format!("about {low}"),
        _ => low,
    }
}

/// The plural noun of a unit written after its number ("people"), for ranges.
fn plural_noun(unit: &str) -> Option<&'static str> {
    UNITS.iter().find_map(|(code, written)| match written {
        Written::Noun(_, plural) if *code == unit => Some(*plural),
        _ => None,
    })
}

/// A number without its unit ("300", "4.5 million").
fn bare(raw: &str) -> Option<String> {
    Decimal::from_str(raw.trim()).ok().map(scaled)
}

/// One number with its unit written the way a reader expects.
fn written_number(raw: &str, unit: &str) -> String {
    let Ok(number) = Decimal::from_str(raw.trim()) else {
        return format!("{raw} {unit}").trim_end().to_owned();
    };
    if unit == "duration" {
        return duration(number);
    }
    let one = number == Decimal::ONE;
    match UNITS.iter().find(|(code, _)| *code == unit).map(|(_, w)| w) {
        Some(Written::Prefix(symbol)) => {
            let negative = number.is_sign_negative();
            let digits = scaled(number.abs());
            format!("{}{symbol}{digits}", if negative { "-" } else { "" })
        }
        Some(Written::Noun(singular, plural)) => {
            format!("{} {}", scaled(number), if one { singular } else { plural })
        }
        Some(Written::Glued(symbol)) => format!("{}{symbol}", grouped(number)),
        None if unit.is_empty() || unit == "count" => scaled(number),
        None => format!("{} {unit}", scaled(number)),
    }
}

/// Large numbers in words ("62.3 billion"), smaller ones grouped ("4,000").
fn scaled(number: Decimal) -> String {
    const SCALES: [(i64, &str); 3] = [
        (1_000_000_000_000, "trillion"),
        (1_000_000_000, "billion"),
        (1_000_000, "million"),
    ];
    for (scale, word) in SCALES {
        let scale = Decimal::from(scale);
        if number.abs() >= scale {
            let short = (number / scale).round_dp(2).normalize();
            return format!("{} {word}", grouped(short));
        }
    }
    grouped(number)
}

/// Digits with thousands separators: 4000 → "4,000", 1234.5 → "1,234.5".
fn grouped(number: Decimal) -> String {
    let plain = number.normalize().to_string();
    let (sign, plain) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain.as_str()),
    };
    let (whole, fraction) = plain.split_once('.').unwrap_or((plain, ""));
    let mut out = String::with_capacity(plain.len() + whole.len() / 3 + 1);
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    format!("{sign}{out}")
}

/// Seconds in the largest unit that divides them: 1209600 → "2 weeks", 6739200 → "78 days".
fn duration(seconds: Decimal) -> String {
    let whole = i64::try_from(seconds.trunc())
        .ok()
        .filter(|_| seconds.fract().is_zero());
    if let Some(whole) = whole.filter(|s| *s > 0) {
        for &(size, singular, plural) in DURATIONS {
            if whole % size == 0 {
                let n = whole / size;
                return format!(
                    "{} {}",
                    grouped(n.into()),
                    if n == 1 { singular } else { plural }
                );
            }
        }
    }
    format!("{} seconds", grouped(seconds))
}

/// ISO dates as written in English: "2025-08-14" → "14 August 2025", "--08-23" → "23 August",
/// "2025-08" → "August 2025". Anything else is not a date.
fn readable_date(value: &str) -> Option<String> {
    if let Some(month_day) = value.strip_prefix("--") {
        let date = NaiveDate::parse_from_str(&format!("2000-{month_day}"), "%Y-%m-%d").ok()?;
        return Some(date.format("%-d %B").to_string());
    }
    if let Ok(date) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        return Some(date.format("%-d %B %Y").to_string());
    }
    let (year, month) = value.split_once('-')?;
    if year.len() != 4 || month.len() != 2 {
        return None;
    }
    let date = NaiveDate::parse_from_str(&format!("{year}-{month}-01"), "%Y-%m-%d").ok()?;
    Some(date.format("%B %Y").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(value: &str, unit: &str, qualifier: &str) -> String {
        readable_quantity(
            Some(value),
            None,
            Some(unit).filter(|u| !u.is_empty()),
            qualifier,
        )
    }

    #[test]
    fn money_is_written_with_its_symbol_or_name_and_scale() {
        assert_eq!(show("50000000", "USD", "exact"), "$50 million");
        assert_eq!(
            show("62300000000", "KRW", "about"),
            "about 62.3 billion won"
        );
        assert_eq!(show("348000000", "EUR", "exact"), "€348 million");
        assert_eq!(show("1500000000000", "USD", "exact"), "$1.5 trillion");
        assert_eq!(show("-2500000", "USD", "exact"), "-$2.5 million");
        assert_eq!(show("12000", "CHF", "exact"), "12,000 CHF");
        assert_eq!(show("5", "JPY", "exact"), "5 yen");
    }

    #[test]
    fn counts_people_and_percentages() {
        assert_eq!(
            show("4000", "person", "more_than"),
            "more than 4,000 people"
        );
        assert_eq!(show("1", "person", "exact"), "1 person");
        assert_eq!(show("4500000", "person", "exact"), "4.5 million people");
        assert_eq!(show("3", "count", "exact"), "3");
        assert_eq!(show("35", "", "exact"), "35");
        assert_eq!(show("45", "percent", "exact"), "45%");
        assert_eq!(
            show("0.5", "percentage_point", "less_than"),
            "less than 0.5 percentage points"
        );
        assert_eq!(show("2", "ratio", "exact"), "2 times");
        assert_eq!(show("120", "km", "exact"), "120 km");
        assert_eq!(show("30", "degC", "exact"), "30°C");
    }

    #[test]
    fn durations_dates_and_ranges() {
        assert_eq!(show("1209600", "duration", "exact"), "2 weeks");
        assert_eq!(show("6739200", "duration", "exact"), "78 days");
        assert_eq!(show("5400", "duration", "exact"), "90 minutes");
        assert_eq!(show("12", "months", "exact"), "12 months");
        assert_eq!(show("2025-08-14", "date", "exact"), "14 August 2025");
        assert_eq!(show("--08-23", "date", "exact"), "23 August");
        assert_eq!(show("2025-08", "date", "exact"), "August 2025");
        assert_eq!(
            readable_quantity(Some("300"), Some("500"), Some("person"), "range"),
            "between 300 and 500 people"
        );
        assert_eq!(
            readable_quantity(Some("300000000"), Some("500000000"), Some("USD"), "range"),
            "between $300 million and $500 million"
        );
        assert_eq!(readable_quantity(None, None, None, "exact"), "statement");
    }

    #[test]
    fn no_machine_value_survives() {
        for (value, unit) in [
            ("50000000", "USD"),
            ("62300000000", "KRW"),
            ("--08-23", "date"),
        ] {
            let shown = show(value, unit, "exact");
            assert!(!shown.contains(value) && !shown.contains(unit), "{shown}");
        }
    }
}
