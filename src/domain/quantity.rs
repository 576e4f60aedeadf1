use std::str::FromStr;

use rust_decimal::Decimal;

use super::{single_line, Invalid};

/// How a quantity is hedged: exactly, more than, less than, about, or a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualifier {
    Exact,
    MoreThan,
    LessThan,
    About,
    Range,
}

impl Qualifier {
    pub const ALL: [Qualifier; 5] = [
        Qualifier::Exact,
        Qualifier::MoreThan,
        Qualifier::LessThan,
        Qualifier::About,
        Qualifier::Range,
    ];

    /// In words, for menus and pages ("more than").
    pub fn label(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::MoreThan => "more than",
            Qualifier::LessThan => "less than",
            Qualifier::About => "about",
            Qualifier::Range => "a range",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::MoreThan => "more_than",
            Qualifier::LessThan => "less_than",
            Qualifier::About => "about",
            Qualifier::Range => "range",
        }
    }
}

impl FromStr for Qualifier {
    type Err = Invalid;

    fn from_str(s: &str) -> Result<Self, Invalid> {
        Qualifier::ALL
            .into_iter()
            .find(|q| q.as_str() == s)
            .ok_or_else(|| {
                Invalid::new(
                    "qualifier",
                    "must be exact, more_than, less_than, about or range",
                )
            })
    }
}

/// A reviewer's correction of a candidate before it becomes a claim. Empty fields keep what the
/// extractor found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QuantityEdit {
    /// An exact decimal ("62300000000", "5.8") or an ISO date ("2025-08-14", "--08-14").
    pub value: Option<String>,
    pub unit: Option<String>,
    pub qualifier: Option<Qualifier>,
    pub subject: Option<String>,
    pub speaker: Option<String>,
}

fn is_iso_date(s: &str) -> bool {
    let digits_or_dash = s.chars().all(|c| c.is_ascii_digit() || c == '-');
    digits_or_dash && (4..=10).contains(&s.len()) && s.chars().any(|c| c.is_ascii_digit())
}

impl QuantityEdit {
    pub fn parse(
        value: &str,
        unit: &str,
        qualifier: &str,
        subject: &str,
        speaker: &str,
    ) -> Result<QuantityEdit, Invalid> {
        let value = match value.trim() {
            "" => None,
            v => {
                let plain = v.replace(',', "");
                if let Ok(number) = Decimal::from_str_exact(&plain) {
                    Some(number.normalize().to_string())
                } else if is_iso_date(v) {
                    Some(v.to_owned())
                } else {
                    return Err(Invalid::new(
                        "value",
                        "must be a number such as 62300000000 or 5.8, or a date such as 2025-08-14",
                    ));
                }
            }
        };
        let unit = match unit.trim() {
            "" => None,
            u if u.len() <= 30
                && u.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '/')) =>
            {
                Some(u.to_owned())
            }
            _ => {
                return Err(Invalid::new(
                    "unit",
                    "must be a unit code such as USD, person, count, percent or km",
                ))
            }
        };
        let qualifier = match qualifier.trim() {
            "" => None,
            q => Some(q.parse()?),
        };
        let subject = match subject.trim() {
            "" => None,
            s => Some(single_line("subject", s, 200)?),
        };
        let speaker = match speaker.trim() {
            "" => None,
            s => Some(single_line("speaker", s, 200)?),
        };
        Ok(QuantityEdit {
            value,
            unit,
            qualifier,
            subject,
            speaker,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_exact_decimals_or_iso_dates() {
        let edit = QuantityEdit::parse("62,300,000,000", "KRW", "about", "", "").unwrap();
        assert_eq!(edit.value.as_deref(), Some("62300000000"));
        assert_eq!(edit.qualifier, Some(Qualifier::About));
        assert_eq!(
            QuantityEdit::parse("5.80", "", "", "", "")
                .unwrap()
                .value
                .as_deref(),
            Some("5.8")
        );
        assert_eq!(
            QuantityEdit::parse("2025-08-14", "date", "", "", "")
                .unwrap()
                .value
                .as_deref(),
            Some("2025-08-14")
        );
        assert_eq!(
            QuantityEdit::parse("", "", "", "", "").unwrap(),
            QuantityEdit::default()
        );
    }

    #[test]
    fn bad_fields_are_named() {
        assert_eq!(
            QuantityEdit::parse("lots", "", "", "", "")
                .unwrap_err()
                .field,
            "value"
        );
        assert_eq!(
            QuantityEdit::parse("1", "US dollars!", "", "", "")
                .unwrap_err()
                .field,
            "unit"
        );
        assert_eq!(
            QuantityEdit::parse("1", "", "roughly", "", "")
                .unwrap_err()
                .field,
            "qualifier"
        );
        assert_eq!(
            QuantityEdit::parse("1", "", "", "a\nb", "")
                .unwrap_err()
                .field,
            "subject"
        );
    }

    #[test]
    fn qualifiers_round_trip() {
        for q in Qualifier::ALL {
            assert_eq!(q.as_str().parse::<Qualifier>(), Ok(q));
        }
    }
}
