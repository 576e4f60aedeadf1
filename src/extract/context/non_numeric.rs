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
    merge(ms, extra)
}

/// Merges `extra` into `ms` (both in text order; of two at the same place, `ms`'s first) in
/// place, from the back: `ms` grows by the few extras instead of being copied into a new vector.
fn merge(mut ms: Vec<Mention>, mut extra: Vec<Mention>) -> Vec<Mention> {
    let key = |m: &Mention| (m.s, m.e);
    let (mut i, mut j) = (ms.len(), extra.len());
    // the slots at the end are filled by swaps: copies of the extras stand in until then
    ms.extend(extra.iter().cloned());
    let mut w = ms.len();
    while j > 0 {
        w -= 1;
        if i > 0 && key(&ms[i - 1]) > key(&extra[j - 1]) {
            ms.swap(i - 1, w);
            i -= 1;
        } else {
            std::mem::swap(&mut ms[w], &mut extra[j - 1]);
            j -= 1;
        }
    }
    ms
}

#[cfg(test)]
mod tests {
    use super::merge;
    use crate::extract::quantity::{Kind, Mention};
    use crate::extract::text::Doc;
    use proptest::prelude::*;

    proptest! {
        /// The in-place merge gives what a plain stable merge gives: every mention once, in text
        /// order, the numeric one first where two start and end at the same place.
        #[test]
        fn merge_is_a_stable_merge(
            mut numeric in proptest::collection::vec((0usize..40, 0usize..3), 0..30),
            mut extra in proptest::collection::vec((0usize..40, 0usize..3), 0..10),
        ) {
            let text = "x ".repeat(50);
            let d = Doc::new(&text);
            let mention = |(s, len): (usize, usize), kind| {
                let mut m = Mention::new(&d, 0, 0, 1, kind);
                (m.s, m.e) = (s, s + len);
                m
            };
            numeric.sort_unstable();
            extra.sort_unstable();
            let ms: Vec<_> = numeric.iter().map(|&p| mention(p, Kind::Quantity)).collect();
            let xs: Vec<_> = extra.iter().map(|&p| mention(p, Kind::Quote)).collect();
            let mut expected: Vec<_> = numeric
                .iter()
                .map(|&(s, l)| (s, s + l, Kind::Quantity))
                .chain(extra.iter().map(|&(s, l)| (s, s + l, Kind::Quote)))
                .collect();
            // stable: of equal places the numeric ones (listed first) stay first
            expected.sort_by_key(|&(s, e, _)| (s, e));
            let merged: Vec<_> = merge(ms, xs).iter().map(|m| (m.s, m.e, m.kind)).collect();
            prop_assert_eq!(merged, expected);
        }
    }
}
