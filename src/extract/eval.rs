//! Corpus evaluation: runs the extractor over `tests/corpus/*.txt` and compares the check-worthy
//! numeric mentions with the annotations in the `.jsonl` beside each text.
//!
//! Run with `cargo test eval -- --nocapture` to see the figures; `EXTRACT_EVAL_VERBOSE=1` also
//! lists every miss and false positive.

use super::{extract, Candidate};
use rust_decimal::Decimal;
use std::path::PathBuf;
use std::str::FromStr;

/// Thresholds: the test fails below them (a little under what the extractor reaches today).
/// Measured on the 36-article corpus: precision 0.984, recall 0.995, F1 0.989, value+unit 0.995.
const MIN_PRECISION: f64 = 0.95;
const MIN_RECALL: f64 = 0.95;
const MIN_F1: f64 = 0.96;
const MIN_VALUE_UNIT: f64 = 0.96;

#[derive(Debug)]
struct Expected {
    surface: String,
    start: usize,
    end: usize,
    value: Option<String>,
    unit: Option<String>,
    approx: String,
}

fn norm_value(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => {
            let s = n.to_string();
            Some(
                Decimal::from_str(&s)
                    .map(|d| d.normalize().to_string())
                    .unwrap_or(s),
            )
        }
        other => Some(other.to_string()),
    }
}

fn load(path: &PathBuf) -> Vec<Expected> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let Ok(o) = serde_json::from_str::<serde_json::Value>(line) else {
            eprintln!("eval: bad JSON line in {}: {line}", path.display());
            continue;
        };
        let cw = o
            .get("check_worthy")
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        let unit = o.get("unit").and_then(|v| v.as_str()).map(str::to_string);
        if !cw || unit.is_none() {
            continue;
        }
        let (Some(start), Some(end)) = (
            o.get("start").and_then(|v| v.as_u64()),
            o.get("end").and_then(|v| v.as_u64()),
        ) else {
            continue;
        };
        out.push(Expected {
            surface: o
                .get("surface")
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string(),
            start: start as usize,
            end: end as usize,
            value: o.get("value").and_then(norm_value),
            unit,
            approx: o
                .get("approx")
                .and_then(|v| v.as_str())
                .unwrap_or("exact")
                .to_string(),
        });
    }
    out
}

#[derive(Default, Debug)]
pub(super) struct Totals {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub value_unit_ok: usize,
    pub approx_ok: usize,
    pub files: usize,
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

pub(super) fn run(verbose: bool) -> Totals {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("corpus");
    let mut t = Totals::default();
    let Ok(rd) = std::fs::read_dir(&dir) else {
        return t;
    };
    let mut files: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    for txt in files {
        let jl = txt.with_extension("jsonl");
        if !jl.exists() {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&txt) else {
            continue;
        };
        let exp = load(&jl);
        t.files += 1;
        let cands = extract(&text);
        let preds: Vec<&Candidate> = cands
            .iter()
            .filter(|c| c.check_worthy && c.is_numeric())
            .collect();
        let mut used = vec![false; preds.len()];
        let name = txt
            .file_name()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        for e in &exp {
            let mut best: Option<(usize, usize)> = None;
            for (i, p) in preds.iter().enumerate() {
                if used[i] {
                    continue;
                }
                let ov = overlap((e.start, e.end), (p.start, p.end));
                if ov > 0 && best.is_none_or(|(_, b)| ov > b) {
                    best = Some((i, ov));
                }
            }
            match best {
                Some((i, _)) => {
                    used[i] = true;
                    t.tp += 1;
                    let p = preds[i];
                    let pv = p.value.as_ref().map(|v| v.to_string());
                    let vu = pv == e.value && p.unit == e.unit;
                    if vu {
                        t.value_unit_ok += 1;
                    }
                    let ap = p.approx.as_str() == e.approx;
                    if ap {
                        t.approx_ok += 1;
                    }
                    if verbose && (!vu || !ap) {
                        let ctx_s = e.start.saturating_sub(50);
                        let ctx = text
                            .get(ctx_s..(e.end + 40).min(text.len()))
                            .unwrap_or("")
                            .replace('\n', " ");
                        println!(
                            "WRONG {name} {:?} expected {:?} {:?} {} / got {:?} {:?} {:?} {} | {ctx:?}",
                            e.surface,
                            e.value,
                            e.unit,
                            e.approx,
                            p.surface,
                            pv,
                            p.unit,
                            p.approx.as_str()
                        );
                    }
                }
                None => {
                    t.fn_ += 1;
                    if verbose {
                        let ctx_s = e.start.saturating_sub(40);
                        let ctx = text.get(ctx_s..(e.end + 30).min(text.len())).unwrap_or("");
                        let near: Vec<String> = cands
                            .iter()
                            .filter(|c| overlap((e.start, e.end), (c.start, c.end)) > 0)
                            .map(|c| format!("{:?}:{:?}:{}", c.surface, c.unit, c.score))
                            .collect();
                        println!(
                            "MISS  {name} {:?} {:?} {:?} | {:?} | have {:?}",
                            e.surface,
                            e.value,
                            e.unit,
                            ctx.replace('\n', " "),
                            near
                        );
                    }
                }
            }
        }
        for (i, p) in preds.iter().enumerate() {
            if !used[i] {
                t.fp += 1;
                if verbose {
                    let ctx_s = p.start.saturating_sub(40);
                    let ctx = text.get(ctx_s..(p.end + 30).min(text.len())).unwrap_or("");
                    println!(
                        "FP    {name} {:?} {:?} {:?} {} | {:?}",
                        p.surface,
                        p.value.as_ref().map(|v| v.to_string()),
                        p.unit,
                        p.score,
                        ctx.replace('\n', " ")
                    );
                }
            }
        }
    }
    t
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

#[test]
fn corpus_eval() {
    let verbose = std::env::var("EXTRACT_EVAL_VERBOSE").is_ok_and(|v| v == "1");
    let t = run(verbose);
    if t.files == 0 {
        println!("corpus eval: no annotated files under tests/corpus, skipped");
        return;
    }
    let p = ratio(t.tp, t.tp + t.fp);
    let r = ratio(t.tp, t.tp + t.fn_);
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    let vu = ratio(t.value_unit_ok, t.tp);
    let ap = ratio(t.approx_ok, t.tp);
    println!(
        "corpus eval: {} files, tp {} fp {} fn {} | precision {:.3} recall {:.3} F1 {:.3} | value+unit right {:.3} | approx right {:.3}",
        t.files, t.tp, t.fp, t.fn_, p, r, f1, vu, ap
    );
    assert!(p >= MIN_PRECISION, "precision {p:.3} < {MIN_PRECISION}");
    assert!(r >= MIN_RECALL, "recall {r:.3} < {MIN_RECALL}");
    assert!(f1 >= MIN_F1, "F1 {f1:.3} < {MIN_F1}");
    assert!(
        vu >= MIN_VALUE_UNIT,
        "value+unit {vu:.3} < {MIN_VALUE_UNIT}"
    );
}
