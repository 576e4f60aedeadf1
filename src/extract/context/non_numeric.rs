//! Non-numeric candidates: superlatives ("the most advanced", "the world's largest") and quotes
//! of four words or more in a sentence with a speaker.

use super::speaker::Speakers;
use crate::extract::lex;
use crate::extract::quantity::{Kind, Mention};
use crate::extract::text::{Doc, TokenKind};

/// Superlatives ("the most advanced", "the world's largest") and attributed quotes of sentence
/// `si` (quotes only when it has a speaker).
fn of_sentence(d: &Doc, si: usize, has_speaker: bool, out: &mut Vec<Mention>) {
    let (lo, hi) = (d.sents[si].lo, d.sents[si].hi);
    let mut k = lo;
    while k < hi {
        if d.is_word(k) {
            let w = d.lw(k);
            let sup = lex::superlative(w);
            if sup && k > lo {
                let p = d.lw(k - 1);
                let poss = p.ends_with("'s") || p.ends_with("’s");
                if p == "the" || poss {
                    let mut start = k - 1;
                    if poss && start > lo && d.lw(start - 1) == "the" {
                        start -= 1;
                    }
                    let mut end = k + 1;
                    let ok = if matches!(w, "most" | "least") {
                        let n = d.lw(k + 1);
                        if d.is_word(k + 1) && !lex::np_stop(n) && k + 1 < hi {
                            end = k + 2;
                            true
                        } else {
                            false
                        }
                    } else {
                        true
                    };
                    // "the third-largest" is an ordinal mention already
                    let after_dash = k > lo && d.is_dash(k - 1);
                    if ok && !after_dash {
                        if end < hi && d.is_word(end) && lex::measure_noun(d.lw(end)) {
                            end += 1;
                        }
                        let mut m = Mention::new(d, si, start, end, Kind::Superlative);
                        m.unit = None;
                        out.push(m);
                        k = end;
                        continue;
                    }
                }
            }
        }
        if has_speaker && matches!(d.sym(k), Some('"' | '“')) {
            let close: &[char] = if d.is_sym(k, '“') { &['”'] } else { &['"'] };
            let mut j = k + 1;
            let mut words = 0;
            while j < hi && j < k + 400 {
                if let Some(c) = d.sym(j) {
                    if close.contains(&c) {
                        break;
                    }
                }
                if d.is_word(j) {
                    words += 1;
                }
                j += 1;
            }
            if j < hi && j < k + 400 && words >= 4 && j > k + 1 {
                let mut m = Mention::new(d, si, k + 1, j, Kind::Quote);
                m.unit = None;
                out.push(m);
                k = j + 1;
                continue;
            }
        }
        k += 1;
    }
}

/// Adds the non-numeric candidates of every sentence with a quote or a superlative to the
/// numeric mentions `ms` (both in text order); superlatives inside a numeric mention are dropped.
pub(super) fn add(d: &Doc, ms: Vec<Mention>, speakers: &mut Speakers) -> Vec<Mention> {
    let mut extra = Vec::new();
    for si in 0..d.sents.len() {
        let s = &d.sents[si];
        let (mut has_quote, mut has_sup) = (false, false);
        for k in s.lo..s.hi {
            match d.toks[k].kind {
                TokenKind::Symbol('"' | '“') => has_quote = true,
                TokenKind::Word => has_sup = has_sup || lex::superlative(d.lw(k)),
                _ => {}
            }
            if has_quote && has_sup {
                break;
            }
        }
        if !has_quote && !has_sup {
            continue;
        }
        let hs = has_quote && speakers.of(si).is_some();
        of_sentence(d, si, hs, &mut extra);
    }
    if extra.is_empty() {
        return ms;
    }
    // Drop superlatives overlapping numeric mentions.
    let mut idx = 0;
    extra.retain(|x| {
        if x.kind == Kind::Quote {
            return true;
        }
        while idx < ms.len() && ms[idx].e <= x.s {
            idx += 1;
        }
        !(idx < ms.len() && ms[idx].s < x.e)
    });
    // both lists are in text order: merge them
    let mut merged = Vec::with_capacity(ms.len() + extra.len());
    let mut a = ms.into_iter().peekable();
    let mut b = extra.into_iter().peekable();
    loop {
        let take_a = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => (x.s, x.e) <= (y.s, y.e),
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        merged.extend(if take_a { a.next() } else { b.next() });
    }
    merged
}
