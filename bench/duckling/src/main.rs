//! Dates on the ClaimDesk corpus: duckling (Time dimension) beside ClaimDesk's extractor.
use chrono::{FixedOffset, TimeZone};
use duckling::{parse, Context, DimensionKind, Lang, Locale, Options};
use std::time::Instant;

fn main() {
    let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/corpus"));
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().filter_map(|e| e.ok()).map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
    files.sort();
    let locale = Locale::new(Lang::EN, None);
    let context = Context::new(FixedOffset::east_opt(0).unwrap().with_ymd_and_hms(2025, 6, 1, 0, 0, 0).unwrap(), locale);
    let options = Options::default();
    let (mut gold_n, mut d_tp, mut d_pred, mut c_tp, mut c_pred) = (0, 0, 0, 0, 0);
    let (mut d_time, mut c_time, mut bytes) = (0f64, 0f64, 0usize);
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        bytes += text.len();
        let gold: Vec<(usize, usize)> = std::fs::read_to_string(f.with_extension("jsonl")).unwrap().lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|v| v["unit"] == "date")
            .map(|v| (v["start"].as_u64().unwrap() as usize, v["end"].as_u64().unwrap() as usize)).collect();
        gold_n += gold.len();
        let overlaps = |s: usize, e: usize| gold.iter().any(|(gs, ge)| s < *ge && *gs < e);
        let t = Instant::now();
        let found = parse(&text, &locale, &[DimensionKind::Time], &context, &options);
        d_time += t.elapsed().as_secs_f64();
        // duckling spans: convert char offsets to bytes when they differ
        let chars: Vec<usize> = text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).collect();
        for ent in &found {
            let (s, e) = (chars.get(ent.start).copied().unwrap_or(ent.start), chars.get(ent.end).copied().unwrap_or(ent.end));
            d_pred += 1;
            if overlaps(s, e) { d_tp += 1; }
        }
        let t = Instant::now();
        let ours = claimdesk::extract::extract(&text);
        c_time += t.elapsed().as_secs_f64();
        for c in ours.iter().filter(|c| c.unit.as_deref() == Some("date")) {
            c_pred += 1;
            if overlaps(c.start, c.end) { c_tp += 1; }
        }
    }
    let report = |name: &str, tp: usize, pred: usize, secs: f64| {
        let p = tp as f64 / pred.max(1) as f64; let r = tp as f64 / gold_n.max(1) as f64;
        println!("{name:<10} date mentions: predicted {pred:>4}, matched {tp:>4} of {gold_n}; precision {p:.3} recall {r:.3} F1 {:.3}; {:.2} MB/s",
            2.0 * p * r / (p + r).max(1e-9), bytes as f64 / 1e6 / secs.max(1e-9));
    };
    report("duckling", d_tp, d_pred, d_time);
    report("claimdesk", c_tp, c_pred, c_time);
}
