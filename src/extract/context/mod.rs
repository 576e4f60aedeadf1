//! Context around mentions: the article's year for partial dates, non-numeric candidates, the
//! subject and counted unit ([`subject`], [`person`]), the speaker ([`speaker`]), conversions
//! ([`conversion`]) and the check-worthiness score ([`score`]). [`finish`] runs these stages in
//! order and builds the candidates.

mod conversion;
mod es;
mod ko;
mod non_numeric;
mod person;
mod score;
mod speaker;
mod subject;

use super::quantity::{finish_date, Kind, Mention};
use super::text::Doc;
use super::{Approx, Candidate, Lang, Value};
use score::Found;
use speaker::Speakers;
use subject::Span;

/// Attaches context, scores, conversions; returns candidates in text order.
pub(super) fn finish(d: &Doc, mut ms: Vec<Mention>) -> Vec<Candidate> {
    fill_partial_dates(d, &mut ms);
    let mut speakers = Speakers::new(d);
    let mut ms = match d.lang {
        Lang::En => non_numeric::add(d, ms, &mut speakers),
        Lang::Es | Lang::Ko => ms,
    };
    let subjects: Vec<Option<Span>> = match d.lang {
        Lang::En => subject::attach(d, &mut ms),
        Lang::Es => es::attach(d, &mut ms),
        Lang::Ko => ms.iter_mut().map(|m| ko::subject_and_unit(d, m)).collect(),
    };
    let conversions = conversion::link(d, &ms);
    let mut out = Vec::with_capacity(ms.len());
    for (i, m) in ms.iter().enumerate() {
        let speaker = if matches!(
            m.kind,
            Kind::Quantity | Kind::Quote | Kind::Superlative | Kind::Age | Kind::Ordinal
        ) {
            speakers.of(m.sent)
        } else {
            None
        };
        // a conversion restates the subject of the amount it converts
        let first = conversions[i].map(|a| &ms[a]);
        let subject = match conversions[i] {
            Some(a) if subjects[a].is_some() => subjects[a],
            _ => subjects[i],
        };
        let found = Found {
            subject: subject.is_some(),
            speaker: speaker.is_some(),
            conversion: first.is_some(),
        };
        let score = score::score(d, m, &d.sents[m.sent], &found);
        let mut c = candidate(d, m, score, (subject, speaker));
        // A restatement is as approximate as the amount it restates, unless it says otherwise:
        // "about 850 million francs ($1.06 billion)".
        if let Some(a) = first {
            if c.approx == Approx::Exact && a.approx != Approx::Range {
                c.approx = a.approx;
            }
        }
        c.conversion_of = conversions[i];
        c.implied_rate = first.and_then(|a| conversion::implied_rate(a, m));
        out.push(c);
    }
    out
}

/// Dates written without a year ("August 14") take the article's year: from a full date near the
/// top (dateline, metadata), else from a copyright or metadata line ("© 2025 Thomson Reuters").
fn fill_partial_dates(d: &Doc, ms: &mut [Mention]) {
    let doc_year = ms
        .iter()
        .filter(|m| m.kind == Kind::Date && (m.s < 600 || m.sent < 3))
        .find_map(|m| m.ymd.and_then(|(y, _, _)| y))
        .or_else(|| {
            ms.iter()
                .filter(|m| {
                    matches!(m.kind, Kind::Year | Kind::Date) && d.sents[m.sent].flags.boiler
                })
                .find_map(|m| match (&m.value, m.ymd) {
                    (_, Some((Some(y), _, _))) => Some(y),
                    (Some(Value::Number(v)), _) => v.to_string().parse::<i32>().ok(),
                    _ => None,
                })
        });
    for m in ms {
        if m.kind == Kind::Date {
            finish_date(m, doc_year);
        }
    }
}

/// The candidate for mention `m`, without its conversion fields.
fn candidate(
    d: &Doc,
    m: &Mention,
    score: f64,
    (subject, speaker): (Option<Span>, Option<Span>),
) -> Candidate {
    let s = &d.sents[m.sent];
    let slice = |r: Option<Span>| -> Option<String> {
        r.and_then(|(a, b)| {
            if d.lang == Lang::Ko && a < b && b <= d.toks.len() {
                ko::span_text(d, (a, b))
            } else if a < b && b <= d.toks.len() {
                d.text
                    .get(d.toks[a].start()..d.toks[b - 1].end())
                    .map(str::to_string)
            } else {
                None
            }
        })
    };
    let normalized = |v: &Option<Value>| match v {
        Some(Value::Number(v)) => Some(Value::Number(v.normalize())),
        v => v.clone(),
    };
    Candidate {
        sentence_start: d.toks[s.lo].start(),
        sentence_end: d.toks[s.hi - 1].end(),
        start: m.s,
        end: m.e,
        surface: d.text.get(m.s..m.e).unwrap_or("").to_string(),
        value: normalized(&m.value),
        value_high: normalized(&m.high),
        unit: m.unit.map(str::to_string),
        approx: if matches!(m.kind, Kind::Quote | Kind::Superlative) {
            Approx::Exact
        } else {
            m.approx
        },
        subject: slice(subject),
        speaker: slice(speaker),
        score,
        check_worthy: score >= 0.5,
        conversion_of: None,
        implied_rate: None,
        kind: m.kind.as_str(),
        // Filled once every candidate of the text is known (`extract::propose_statements`).
        statement: String::new(),
    }
}
