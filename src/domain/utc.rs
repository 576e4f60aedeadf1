//! Timestamps as the API writes them: RFC 3339 with the `Z` offset (every stored time is UTC), so
//! generated clients get aware datetimes. Reading accepts the same, or a naive time taken as UTC
//! (records frozen before the offset was written).

use chrono::{NaiveDateTime, SecondsFormat};
use serde::{Deserialize, Deserializer, Serializer};

pub fn text(at: &NaiveDateTime) -> String {
    at.and_utc().to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub fn serialize<S: Serializer>(at: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&text(at))
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
    let raw = String::deserialize(d)?;
    parse(&raw).map_err(serde::de::Error::custom)
}

fn parse(raw: &str) -> Result<NaiveDateTime, chrono::ParseError> {
    match chrono::DateTime::parse_from_rfc3339(raw) {
        Ok(at) => Ok(at.naive_utc()),
        Err(_) => raw.parse::<NaiveDateTime>(),
    }
}

/// The same for optional timestamps.
pub mod option {
    use super::*;

    pub fn serialize<S: Serializer>(at: &Option<NaiveDateTime>, s: S) -> Result<S::Ok, S::Error> {
        match at {
            Some(at) => s.serialize_str(&text(at)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDateTime>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|raw| parse(&raw).map_err(serde::de::Error::custom))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn times_carry_the_utc_offset_and_read_back_either_way() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 12, 4)
            .and_then(|d| d.and_hms_micro_opt(14, 32, 38, 254_437))
            .unwrap();
        assert_eq!(super::text(&at), "2026-12-04T14:32:38.254437Z");
        assert_eq!(super::parse("2026-12-04T14:32:38.254437Z").unwrap(), at);
        assert_eq!(super::parse("2026-12-04T14:32:38.254437").unwrap(), at);
    }
}
