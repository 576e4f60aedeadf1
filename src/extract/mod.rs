//! Claim extractor: text in, quantity candidates out.
//!
//! Pure module: no I/O, no database, no web types. [`extract`] splits the text into sentences,
//! finds every quantity mention (money, counts of people and things, percentages, ratios, measures,
//! durations, dates, years, ordinals, ages) plus non-numeric factual candidates (superlatives,
//! attributed quotes), normalizes each one (exact decimal value, unit, qualifier), attaches the
//! subject and speaker found in the sentence, and scores its check-worthiness.
//!
//! The scan is linear in the input: one tokenizer pass, one sentence pass, and every look-back or
//! look-ahead is capped to a few tokens. See `docs/EXTRACTION.md` for the conventions.

mod context;
mod lex;
mod quantity;
mod text;

#[cfg(test)]
mod eval;
#[cfg(test)]
mod tests;

use rust_decimal::Decimal;
use std::fmt;

/// A normalized value: an exact decimal number, or text (ISO dates such as `2025-08-14`, `--08-14`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Number(Decimal),
    Text(String),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Number(d) => write!(f, "{}", d.normalize()),
            Value::Text(s) => f.write_str(s),
        }
    }
}

impl Value {
    /// The number, when this is a number.
    pub fn as_decimal(&self) -> Option<Decimal> {
        match self {
            Value::Number(d) => Some(*d),
            Value::Text(_) => None,
        }
    }

    fn to_json(&self) -> String {
        match self {
            Value::Number(d) => d.normalize().to_string(),
            Value::Text(s) => json_str(s),
        }
    }
}

/// The qualifier of a quantity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Approx {
    Exact,
    MoreThan,
    LessThan,
    About,
    Range,
}

impl Approx {
    pub fn as_str(&self) -> &'static str {
        match self {
            Approx::Exact => "exact",
            Approx::MoreThan => "more_than",
            Approx::LessThan => "less_than",
            Approx::About => "about",
            Approx::Range => "range",
        }
    }

    /// Parses the `as_str` form back.
    pub fn parse(s: &str) -> Option<Approx> {
        Some(match s {
            "exact" => Approx::Exact,
            "more_than" => Approx::MoreThan,
            "less_than" => Approx::LessThan,
            "about" => Approx::About,
            "range" => Approx::Range,
            _ => return None,
        })
    }
}

/// One extractor finding. Byte offsets are into the text given to [`extract`]; `surface` is
/// always `text[start..end]`, and the sentence is `text[sentence_start..sentence_end]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub sentence_start: usize,
    pub sentence_end: usize,
    pub start: usize,
    pub end: usize,
    pub surface: String,
    pub value: Option<Value>,
    pub value_high: Option<Value>,
    /// ISO 4217 code for money, or `person`, `count`, `percent`, `percentage_point`, `ratio`,
    /// `duration` (seconds), `months`, `years`, `date`, `year`, `time`, `ordinal`, `age`, `label`,
    /// or a physical unit symbol (`km`, `t`, `degC`, ...). `None` for non-numeric candidates.
    pub unit: Option<String>,
    pub approx: Approx,
    pub subject: Option<String>,
    pub speaker: Option<String>,
    /// Check-worthiness in [0, 1].
    pub score: f64,
    /// `score >= 0.5`.
    pub check_worthy: bool,
    /// Index (in the returned vector) of the mention this one restates in another currency/unit.
    pub conversion_of: Option<usize>,
    /// `value / other.value` for a conversion, rounded to at most 6 significant digits.
    pub implied_rate: Option<Decimal>,
    /// What was recognized: `quantity`, `date`, `year`, `time`, `ordinal`, `age`, `label`,
    /// `superlative`, `quote`.
    pub kind: &'static str,
}

impl Candidate {
    /// True for candidates with a numeric value (everything except superlatives and quotes).
    pub fn is_numeric(&self) -> bool {
        self.unit.is_some()
    }

    /// One JSON object (no trailing newline), fields in the documented order, numbers exact.
    pub fn to_json(&self, file: &str, text: &str) -> String {
        let sentence = text
            .get(self.sentence_start..self.sentence_end)
            .unwrap_or("");
        let opt_str =
            |s: &Option<String>| s.as_deref().map_or_else(|| "null".to_string(), json_str);
        let opt_val = |v: &Option<Value>| {
            v.as_ref()
                .map_or_else(|| "null".to_string(), Value::to_json)
        };
        let score = (self.score * 1000.0).round() / 1000.0;
        format!(
            "{{\"file\":{},\"sentence\":{},\"start\":{},\"end\":{},\"surface\":{},\"value\":{},\"value_high\":{},\"unit\":{},\"approx\":\"{}\",\"subject\":{},\"speaker\":{},\"score\":{},\"check_worthy\":{},\"conversion_of\":{},\"implied_rate\":{}}}",
            json_str(file),
            json_str(sentence),
            self.start,
            self.end,
            json_str(&self.surface),
            opt_val(&self.value),
            opt_val(&self.value_high),
            opt_str(&self.unit),
            self.approx.as_str(),
            opt_str(&self.subject),
            opt_str(&self.speaker),
            score,
            self.check_worthy,
            self.conversion_of.map_or_else(|| "null".to_string(), |i| i.to_string()),
            self.implied_rate
                .map_or_else(|| "null".to_string(), |d| d.normalize().to_string()),
        )
    }
}

fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// Extracts all candidates from `text`, in text order. Never panics; deterministic; linear time.
pub fn extract(text: &str) -> Vec<Candidate> {
    let doc = text::Doc::new(text);
    let mentions = quantity::find_all(&doc);
    context::finish(&doc, mentions)
}
