//! Fuzz target: the CSV export's formula guard and RFC 4180 writer (`export::csv`), and the export's
//! file name.
//!
//! The bytes are split on 0x1F into the text of one claim (statement, quantity, subject, speaker,
//! article, verdict, rationale, citations, people, correction note; invalid UTF-8 replaced, as the
//! database holds text) plus a team name. The value goes through `QuantityEdit::parse` first, as the
//! desk stores it. The row is written with the real `CsvWriter` and read back with the csv crate.
//! Invariants: nothing panics; the file reads back as the header and exactly one record of 28 cells;
//! every text cell reads back as `guard(original)`, and none begins with `=`, `+`, `-`, `@`, tab, CR,
//! LF or `;`; the unguarded number cells (`value`, and `value_high` set to the same) hold only
//! digits, `.` and `-` (no formula beyond arithmetic can start there); `guard` adds one `'` exactly
//! when needed; the file name is `claimdesk-` + a slug of `a-z0-9-` + the date + `.csv`.
#![no_main]

use chrono::NaiveDate;
use claimdesk::db::claims::export::ExportRow;
use claimdesk::domain::QuantityEdit;
use claimdesk::export::csv::{guard, CsvWriter, COLUMNS};
use claimdesk::web::export::file_name;
use libfuzzer_sys::fuzz_target;

const FORMULA_STARTS: [char; 8] = ['=', '+', '-', '@', '\t', '\r', '\n', ';'];

/// The cells that are not free text: ids, links we build, numbers, dates, the status key.
const NOT_TEXT: [&str; 11] = [
    "claim_id",
    "claim_url",
    "value",
    "value_high",
    "article_published",
    "status",
    "rating_value",
    "citation_count",
    "created_at",
    "verified_at",
    "updated_at",
];

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.split('\u{1F}');
    let mut next = || parts.next().unwrap_or("").to_owned();
    let statement = next();
    for cell in [statement.as_str()] {
        let guarded = guard(cell);
        let needs = cell.starts_with(FORMULA_STARTS);
        assert_eq!(
            guarded.starts_with('\'') && guarded.len() == cell.len() + 1,
            needs
        );
        assert!(!guarded.starts_with(FORMULA_STARTS));
    }
    let surface = next();
    let value = QuantityEdit::parse(&next(), "", "", "", "")
        .ok()
        .and_then(|q| q.value);
    let at = NaiveDate::from_ymd_opt(2025, 8, 23)
        .and_then(|d| d.and_hms_opt(9, 30, 0))
        .unwrap();
    let row = ExportRow {
        claim_id: 7,
        statement,
        surface: opt(&surface),
        value: value.clone(),
        unit: opt(&next()),
        qualifier: opt(&next()),
        subject: opt(&next()),
        speaker: opt(&next()),
        article_title: opt(&next()),
        article_url: opt(&next()),
        publisher: opt(&next()),
        article_published: None,
        status: "published".into(),
        verdict: opt(&next()),
        rating: Some(3),
        rationale: opt(&next()),
        citations: vec![(next(), next()), (next(), next())],
        assignee: opt(&next()),
        proposed_by: opt(&next()),
        approved_by: opt(&next()),
        created_at: at,
        verified_at: None,
        published_at: Some(at),
        updated_at: at,
        correction_note: opt(&next()),
        // A range's upper bound is written like its value (the desk stores both as parsed numbers).
        value_high: value.clone(),
        review_sealed: false,
        proposer_id: None,
    };
    let team = next();

    let mut writer = CsvWriter::new("https://claims.example.org/");
    writer.header().unwrap();
    writer.row(&row).unwrap();
    let out = writer.take();
    assert!(out.ends_with(b"\r\n"));
    let mut reader = csv::ReaderBuilder::new().from_reader(out.as_slice());
    let header = reader.headers().unwrap().clone();
    assert_eq!(header.iter().collect::<Vec<_>>(), COLUMNS);
    let records: Vec<_> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(records.len(), 1, "one claim, one record");
    let record = &records[0];
    assert_eq!(record.len(), COLUMNS.len());
    for (name, cell) in COLUMNS.iter().zip(record.iter()) {
        if !NOT_TEXT.contains(name) {
            assert!(
                !cell.starts_with(FORMULA_STARTS),
                "{name} cell {cell:?} would run as a formula"
            );
        }
    }
    let field = |name: &str| &record[COLUMNS.iter().position(|c| *c == name).unwrap()];
    assert_eq!(field("statement"), guard(&row.statement));
    assert_eq!(field("quantity"), guard(&surface));
    assert_eq!(field("value"), value.as_deref().unwrap_or(""));
    assert_eq!(field("value_high"), field("value"));
    assert!(
        field("value")
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-'),
        "value cell {:?}",
        field("value")
    );
    let citations: Vec<String> = row
        .citations
        .iter()
        .map(|(stance, url)| format!("{stance}: {url}"))
        .collect();
    assert_eq!(field("citations"), guard(&citations.join("\n")));
    assert_eq!(field("citation_count"), "2");

    let name = file_name(&team, at.date());
    let slug = name
        .strip_prefix("claimdesk-")
        .and_then(|n| n.strip_suffix("-2025-08-23.csv"))
        .expect("claimdesk-<slug>-<date>.csv");
    assert!(!slug.is_empty() && !slug.starts_with('-') && !slug.ends_with('-'));
    assert!(slug
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
});
