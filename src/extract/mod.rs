//! Claim extractor: text in, quantity candidates out.
//!
//! Pure module: no I/O, no database, no web types. [`extract`] splits the text into sentences,
//! finds every quantity mention (money, counts of people and things, percentages, ratios, measures,
//! durations, dates, years, ordinals, ages) plus non-numeric factual candidates (superlatives,
//! attributed quotes), normalizes each one (exact decimal value, unit, qualifier), attaches the
//! subject and speaker found in the sentence, and scores its check-worthiness.
//!
//! Rules exist for English, Spanish and Korean ([`Lang`]); [`extract`] detects the language,
//! [`extract_in`] takes it as given.
//!
//! The scan is linear in the input: one tokenizer pass, one sentence pass, and every look-back or
//! look-ahead is capped to a few tokens. See `docs/EXTRACTION.md` for the conventions.

mod context;
mod lang;
mod lex;
mod quantity;
pub mod statement;
mod text;

#[cfg(test)]
mod eval;
#[cfg(test)]
mod kinds10_tests;
#[cfg(test)]
mod kinds11_tests;
#[cfg(test)]
mod kinds12_tests;
#[cfg(test)]
mod kinds3_tests;
#[cfg(test)]
mod kinds4_tests;
#[cfg(test)]
mod kinds5_tests;
#[cfg(test)]
mod kinds6_tests;
#[cfg(test)]
mod kinds7_tests;
#[cfg(test)]
mod kinds8_tests;
#[cfg(test)]
mod kinds9_tests;
#[cfg(test)]
mod kinds_tests;
#[cfg(test)]
mod tests;

pub use lang::{detect, Lang};
pub use quantity::ko::strip_particle as korean_stem;
use rust_decimal::Decimal;
use std::fmt;

/// A normalized value: an exact decimal number, or text (ISO dates such as `2025-08-14`, `--08-14`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// An exact decimal number.
    Number(Decimal),
    /// Text, for ISO dates (`2025-08-14`, `--08-14`, `---21`) and times of day (`09:30`).
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
    /// As written.
    Exact,
    /// "more than", "over", "at least"...
    MoreThan,
    /// "less than", "under", "up to"...
    LessThan,
    /// "about", "nearly", "some"...
    About,
    /// "3-5%", "between 3 and 5": `value` .. `value_high`.
    Range,
}

impl Approx {
    /// The JSON name: `exact`, `more_than`, `less_than`, `about`, `range`.
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
    /// Byte offset where the sentence starts.
    pub sentence_start: usize,
    /// Byte offset where the sentence ends.
    pub sentence_end: usize,
    /// Byte offset where the surface starts.
    pub start: usize,
    /// Byte offset where the surface ends.
    pub end: usize,
    /// The quantity as written (with scale and currency, without hedge words).
    pub surface: String,
    /// Normalized value (the low end of a range).
    pub value: Option<Value>,
    /// High end of a range.
    pub value_high: Option<Value>,
    /// ISO 4217 code for money, or `person`, `count`, `percent`, `percentage_point`, `ratio`,
    /// `duration` (seconds), `months`, `years`, `date`, `year`, `time`, `ordinal`, `age`, `label`,
    /// or a physical unit symbol (`km`, `t`, `degC`, ...). `None` for non-numeric candidates.
    pub unit: Option<String>,
    /// Qualifier.
    pub approx: Approx,
    /// What the quantity counts or measures, as written in the sentence.
    pub subject: Option<String>,
    /// Who the sentence attributes it to.
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
    /// The claim's statement proposed for it: the short clause of its sentence around it (see
    /// [`statement`]).
    pub statement: String,
}

impl Candidate {
    /// True for candidates with a numeric value (everything except superlatives and quotes).
    pub fn is_numeric(&self) -> bool {
        self.unit.is_some()
    }

    /// The sentence around the candidate. Sentences longer than 2,000 bytes (a 10 MB line
    /// without punctuation) are cut to about 1,000 bytes around the surface, so that printing
    /// every candidate stays linear in the input.
    pub fn sentence_text<'t>(&self, text: &'t str) -> &'t str {
        const MAX: usize = 2000;
        const SIDE: usize = 500;
        let (mut a, mut b) = (self.sentence_start, self.sentence_end.min(text.len()));
        if b.saturating_sub(a) > MAX {
            a = a.max(self.start.saturating_sub(SIDE));
            b = b.min(self.end.saturating_add(SIDE));
            while a > 0 && !text.is_char_boundary(a) {
                a -= 1;
            }
            while b < text.len() && !text.is_char_boundary(b) {
                b += 1;
            }
        }
        text.get(a..b).unwrap_or("")
    }

    /// One JSON object (no trailing newline), fields in the documented order, numbers exact.
    pub fn to_json(&self, file: &str, text: &str) -> String {
        let sentence = self.sentence_text(text);
        let opt_str =
            |s: &Option<String>| s.as_deref().map_or_else(|| "null".to_string(), json_str);
        let opt_val = |v: &Option<Value>| {
            v.as_ref()
                .map_or_else(|| "null".to_string(), Value::to_json)
        };
        let score = (self.score * 1000.0).round() / 1000.0;
        format!(
            "{{\"file\":{},\"sentence\":{},\"start\":{},\"end\":{},\"surface\":{},\"value\":{},\"value_high\":{},\"unit\":{},\"approx\":\"{}\",\"subject\":{},\"speaker\":{},\"score\":{},\"check_worthy\":{},\"conversion_of\":{},\"implied_rate\":{},\"statement\":{}}}",
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
            json_str(&self.statement),
        )
    }
}

fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// Extracts all candidates from `text`, in text order, with the rules of its language
/// ([`detect`]). Never panics; deterministic; linear time.
pub fn extract(text: &str) -> Vec<Candidate> {
    extract_in(text, detect(text))
}

/// Extracts all candidates from `text` with the rules of `lang`.
pub fn extract_in(text: &str, lang: Lang) -> Vec<Candidate> {
    let mut found = if text.len() <= MAX_PIECE {
        extract_piece(text, lang)
    } else {
        extract_chunked(text, MAX_PIECE, lang)
    };
    propose_statements(text, &mut found);
    found
}

/// Fills each candidate's proposed statement from its sentence (cut around it when long, see
/// [`statement::window`]) and the other candidates of that sentence.
fn propose_statements(text: &str, found: &mut [Candidate]) {
    // the other quantities of the candidate's sentence: one buffer for every candidate
    let mut others_buffer = Vec::new();
    let mut first = 0;
    while first < found.len() {
        let sentence_start = found[first].sentence_start;
        let end = found[first..]
            .iter()
            .position(|c| c.sentence_start != sentence_start)
            .map_or(found.len(), |n| first + n);
        // The clauses of the window the quantities of this sentence last shared (its start and
        // length): one window for all of them unless the sentence is long.
        let mut shared: Option<(usize, usize, statement::Clauses)> = None;
        for i in first..end {
            let c = &found[i];
            let sentence =
                statement::window(text, c.sentence_start..c.sentence_end, c.start..c.end);
            let base = sentence.as_ptr() as usize - text.as_ptr() as usize;
            let within = |o: &Candidate| {
                (o.start >= base && o.end <= base + sentence.len())
                    .then(|| o.start - base..o.end - base)
            };
            let Some(span) = within(c) else {
                continue;
            };
            // Candidates are in text order: only those inside the (possibly cut) sentence are
            // looked at, so a 1 MB sentence stays linear.
            let from = first + found[first..end].partition_point(|o| o.start < base);
            let mut others = std::mem::take(&mut others_buffer);
            others.clear();
            others.extend(
                found[from..end]
                    .iter()
                    .enumerate()
                    .take_while(|(_, o)| o.start < base + sentence.len())
                    .filter(|(j, o)| from + j != i && o.kind != "quote")
                    .filter_map(|(_, o)| within(o)),
            );
            let focus = statement::Focus {
                sentence,
                span,
                others,
                restates: c.conversion_of.is_some(),
                change: c.unit.as_deref() == Some("ratio"),
                speaker: c.speaker.as_deref(),
            };
            // A quote is not among the others of its neighbours: its own set of quantities.
            let proposal = if c.kind == "quote" {
                statement::propose(&focus)
            } else {
                let key = (base, sentence.len());
                if shared.as_ref().is_some_and(|(b, l, _)| (*b, *l) != key) {
                    shared = None;
                }
                let (_, _, clauses) = shared.get_or_insert_with(|| {
                    let quantities = focus.others.iter().chain(std::iter::once(&focus.span));
                    (key.0, key.1, statement::Clauses::of(sentence, quantities))
                });
                statement::propose_in(&focus, clauses)
            };
            others_buffer = focus.others;
            found[i].statement = proposal;
        }
        first = end;
    }
}

/// Token offsets are stored as `u32`: longer texts are processed in pieces cut at line breaks.
const MAX_PIECE: usize = 1 << 30;

fn extract_piece(text: &str, lang: Lang) -> Vec<Candidate> {
    let doc = text::Doc::in_lang(text, lang);
    let mentions = quantity::find_all(&doc);
    context::finish(&doc, mentions)
}

fn extract_chunked(text: &str, piece: usize, lang: Lang) -> Vec<Candidate> {
    let piece = piece.max(8);
    let bytes = text.as_bytes();
    let mut out: Vec<Candidate> = Vec::new();
    let mut base = 0;
    while base < text.len() {
        let mut end = (base + piece).min(text.len());
        if end < text.len() {
            // prefer a line break in the last eighth of the piece
            let window = end - piece / 8;
            if let Some(p) = bytes[window..end].iter().rposition(|&b| b == b'\n') {
                end = window + p + 1;
            }
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            if end <= base {
                end = (base + 1..=text.len())
                    .find(|&e| text.is_char_boundary(e))
                    .unwrap_or(text.len());
            }
        }
        let first = out.len();
        for mut c in extract_piece(&text[base..end], lang) {
            c.sentence_start += base;
            c.sentence_end += base;
            c.start += base;
            c.end += base;
            c.conversion_of = c.conversion_of.map(|i| i + first);
            out.push(c);
        }
        base = end;
    }
    out
}
