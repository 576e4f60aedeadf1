//! The verdict CSV: RFC 4180 (quoted as needed, doubled quotes, CRLF line ends), UTF-8, an optional
//! BOM for Excel, and the formula-injection guard of SECURITY.md on every text cell.

use std::borrow::Cow;

use crate::db::claims::export::ExportRow;

/// The columns, in this order (documented in the README).
pub const COLUMNS: [&str; 28] = [
    "claim_id",
    "claim_url",
    "statement",
    "quantity",
    "value",
    "value_high",
    "unit",
    "qualifier",
    "subject",
    "speaker",
    "article_title",
    "article_url",
    "publisher",
    "article_published",
    "status",
    "verdict",
    "rating_value",
    "rationale",
    "citations",
    "citation_count",
    "assignee",
    "proposed_by",
    "approved_by",
    "created_at",
    "verified_at",
    "published_at",
    "updated_at",
    "correction_note",
];

/// The UTF-8 byte order mark Excel needs to read UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A text cell that a spreadsheet would run as a formula gets a leading `'`: cells beginning with
/// `=`, `+`, `-`, `@`, tab, CR, LF or `;` (OWASP CSV injection; `;` for locales that split on it).
pub fn guard(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n' | ';') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

fn fresh_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(Vec::with_capacity(64 * 1024))
}

fn timestamp(t: &chrono::NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Writes rows into an in-memory buffer that the caller drains after each batch, so an export of
/// any size holds one batch at a time.
pub struct CsvWriter {
    inner: csv::Writer<Vec<u8>>,
    base_url: String,
}

impl CsvWriter {
    /// `base_url` prefixes claim links (`https://claims.example.org`); empty gives `/claims/{id}`.
    pub fn new(base_url: &str) -> CsvWriter {
        CsvWriter {
            inner: fresh_writer(),
            base_url: base_url.trim_end_matches('/').to_owned(),
        }
    }

    pub fn header(&mut self) -> csv::Result<()> {
        self.inner.write_record(COLUMNS)
    }

    pub fn row(&mut self, row: &ExportRow) -> csv::Result<()> {
        let text = |s: &Option<String>| guard(s.as_deref().unwrap_or("")).into_owned();
        let when =
            |t: &Option<chrono::NaiveDateTime>| t.as_ref().map(timestamp).unwrap_or_default();
        let citations: Vec<String> = row
            .citations
            .iter()
            .map(|(stance, url)| format!("{stance}: {url}"))
            .collect();
        let record: [String; 28] = [
            row.claim_id.to_string(),
            format!("{}/claims/{}", self.base_url, row.claim_id),
            guard(&row.statement).into_owned(),
            text(&row.surface),
            row.value.clone().unwrap_or_default(),
            row.value_high.clone().unwrap_or_default(),
            text(&row.unit),
            text(&row.qualifier),
            text(&row.subject),
            text(&row.speaker),
            text(&row.article_title),
            text(&row.article_url),
            text(&row.publisher),
            row.article_published
                .map(|d| d.to_string())
                .unwrap_or_default(),
            row.status.clone(),
            text(&row.verdict),
            row.rating.map(|r| r.to_string()).unwrap_or_default(),
            text(&row.rationale),
            guard(&citations.join("\n")).into_owned(),
            row.citations.len().to_string(),
            text(&row.assignee),
            text(&row.proposed_by),
            text(&row.approved_by),
            timestamp(&row.created_at),
            when(&row.verified_at),
            when(&row.published_at),
            timestamp(&row.updated_at),
            text(&row.correction_note),
        ];
        self.inner.write_record(&record)
    }

    /// The bytes written since the last call.
    pub fn take(&mut self) -> Vec<u8> {
        let full = std::mem::replace(&mut self.inner, fresh_writer());
        full.into_inner()
            .unwrap_or_else(|e| e.into_inner().get_ref().clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn row(statement: &str) -> ExportRow {
        let at = chrono::NaiveDate::from_ymd_opt(2025, 8, 23)
            .and_then(|d| d.and_hms_opt(9, 30, 0))
            .unwrap();
        ExportRow {
            claim_id: 7,
            statement: statement.to_owned(),
            surface: Some("$50 million".into()),
            value: Some("50000000".into()),
            unit: Some("USD".into()),
            qualifier: Some("exact".into()),
            subject: Some("reward".into()),
            speaker: None,
            article_title: Some("Reward doubled".into()),
            article_url: Some("https://news.example.org/a".into()),
            publisher: Some("Example News".into()),
            article_published: chrono::NaiveDate::from_ymd_opt(2025, 8, 23),
            status: "published".into(),
            verdict: Some("True".into()),
            rating: Some(5),
            rationale: Some("The notice says so.".into()),
            citations: vec![
                ("supports".into(), "https://gov.example.org/notice".into()),
                ("context".into(), "https://archive.example.org/x".into()),
            ],
            assignee: Some("Ana".into()),
            proposed_by: Some("Ana".into()),
            approved_by: Some("Ben".into()),
            created_at: at,
            verified_at: Some(at),
            published_at: Some(at),
            updated_at: at,
            correction_note: None,
            value_high: None,
            review_sealed: false,
            proposer_id: None,
        }
    }

    fn written(rows: &[ExportRow]) -> String {
        let mut writer = CsvWriter::new("https://claims.example.org/");
        writer.header().unwrap();
        for r in rows {
            writer.row(r).unwrap();
        }
        String::from_utf8(writer.take()).unwrap()
    }

    #[test]
    fn formula_cells_are_neutralised() {
        for dangerous in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\nx", ";x"] {
            assert!(guard(dangerous).starts_with('\''), "{dangerous:?}");
        }
        assert_eq!(guard("4,000 troops"), "4,000 troops");
    }

    #[test]
    fn rows_are_rfc4180_with_crlf_and_quoted_cells() {
        let out = written(&[row("He said \"a\",\"=1\" twice")]);
        assert!(out.starts_with("claim_id,claim_url,statement,"));
        assert!(out.contains(
            "\r\n7,https://claims.example.org/claims/7,\"He said \"\"a\"\",\"\"=1\"\" twice\","
        ));
        assert!(out.ends_with("\r\n"));
        assert!(out.contains("\"supports: https://gov.example.org/notice\ncontext: https://archive.example.org/x\",2,"));
    }

    #[test]
    fn a_statement_starting_with_an_equals_sign_is_guarded_and_stays_one_cell() {
        let out = written(&[row("=HYPERLINK(\"http://evil.example\")")]);
        let mut reader = csv::ReaderBuilder::new().from_reader(out.as_bytes());
        let record = reader.records().next().unwrap().unwrap();
        assert_eq!(record.len(), COLUMNS.len());
        assert_eq!(&record[2], "'=HYPERLINK(\"http://evil.example\")");
        assert_eq!(&record[4], "50000000", "numbers are not text cells");
    }

    #[test]
    fn a_range_claims_upper_bound_follows_its_value() {
        let value_at = COLUMNS.iter().position(|c| *c == "value").unwrap();
        assert_eq!(COLUMNS[value_at + 1], "value_high");
        let mut range = row("Between 3 and 5 million people voted.");
        range.surface = Some("between 3 and 5 million".into());
        range.value = Some("3000000".into());
        range.value_high = Some("5000000".into());
        range.qualifier = Some("range".into());
        let out = written(&[range, row("One value only.")]);
        let mut reader = csv::ReaderBuilder::new().from_reader(out.as_bytes());
        let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(&records[0][value_at], "3000000");
        assert_eq!(&records[0][value_at + 1], "5000000");
        assert_eq!(&records[0][value_at + 2], "USD", "the unit comes after");
        assert_eq!(&records[1][value_at + 1], "", "empty for a single value");
    }

    proptest! {
        #[test]
        fn any_statement_round_trips_as_one_guarded_cell(statement in "\\PC{0,80}") {
            let out = written(&[row(&statement)]);
            let mut reader = csv::ReaderBuilder::new().from_reader(out.as_bytes());
            let record = reader.records().next().unwrap().unwrap();
            prop_assert_eq!(record.len(), COLUMNS.len());
            let expected = guard(&statement).into_owned();
            prop_assert_eq!(&record[2], expected.as_str());
            prop_assert!(!matches!(record[2].chars().next(), Some('=' | '+' | '-' | '@')));
        }
    }
}
