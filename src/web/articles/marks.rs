//! The article body with its candidates marked: a part of the text cut into plain runs and
//! marked spans, as the article page shows it.

use crate::db::models::CandidateRow;

/// A run of the body: plain text, or a candidate's marked span.
pub struct Segment {
    pub text: String,
    pub candidate: Option<Mark>,
}

pub struct Mark {
    pub id: i64,
    pub state: String,
    pub title: String,
}

/// Cuts a part of the body (starting at byte `base` of the body) into text and marked spans.
/// Overlapping or out-of-range spans are skipped, never trusted: offsets come from the database.
pub(super) fn segments(part: &str, base: usize, candidates: &[CandidateRow]) -> Vec<Segment> {
    let mut spans: Vec<&CandidateRow> = candidates
        .iter()
        .filter(|c| c.kind != "superlative" && c.kind != "quote")
        .collect();
    spans.sort_by_key(|c| (c.span_start, c.span_end));
    let mut out = Vec::new();
    let mut at = 0usize;
    for c in spans {
        let offsets = usize::try_from(c.span_start)
            .ok()
            .zip(usize::try_from(c.span_end).ok())
            .and_then(|(start, end)| Some((start.checked_sub(base)?, end.checked_sub(base)?)));
        let Some((start, end)) = offsets else {
            continue;
        };
        if start < at
            || end <= start
            || end > part.len()
            || !part.is_char_boundary(start)
            || !part.is_char_boundary(end)
        {
            continue;
        }
        if start > at {
            out.push(Segment {
                text: part[at..start].to_owned(),
                candidate: None,
            });
        }
        out.push(Segment {
            text: part[start..end].to_owned(),
            candidate: Some(Mark {
                id: c.id,
                state: c.state.clone(),
                title: format!("{} · score {:.2}", quantity_label(c), c.score),
            }),
        });
        at = end;
    }
    if at < part.len() {
        out.push(Segment {
            text: part[at..].to_owned(),
            candidate: None,
        });
    }
    out
}

/// A candidate's quantity as people write it ("more than $80 million").
pub(super) fn quantity_label(row: &CandidateRow) -> String {
    crate::domain::readable_quantity(
        row.value.as_deref(),
        row.value_high.as_deref(),
        row.unit.as_deref(),
        &row.qualifier,
    )
}
