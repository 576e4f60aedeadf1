//! Hedges: the words that make a quantity approximate or a bound ("more than", "about", "up to",
//! "topped", "or so", "-plus").

use crate::extract::lex;
use crate::extract::text::Doc;
use crate::extract::Approx;

/// Hedge words ending right before token `t0`. Returns (first hedge token, approx).
pub(super) fn hedge_before(d: &Doc, t0: usize, lo: usize) -> (usize, Approx) {
    let mut best: (usize, Approx) = (t0, Approx::Exact);
    if t0 <= lo {
        return best;
    }
    // fast path: the word before must end a hedge phrase (or be an article after one)
    let pw = d.lw(t0 - 1);
    if !d.is_sym(t0 - 1, '~')
        && !d.is_sym(t0 - 1, '.')
        && !matches!(
            pw,
            "than"
                | "over"
                | "least"
                | "of"
                | "exceeding"
                | "above"
                | "beyond"
                | "under"
                | "to"
                | "below"
                | "most"
                | "as"
                | "about"
                | "approximately"
                | "approx"
                | "nearly"
                | "near"
                | "almost"
                | "some"
                | "roughly"
                | "around"
                | "estimated"
                | "circa"
                | "approximate"
                | "a"
                | "an"
                | "topped"
                | "tops"
                | "topping"
                | "exceeded"
                | "exceeds"
                | "surpassed"
                | "surpassing"
                | "surpasses"
                | "eclipsed"
                | "outstripped"
        )
    {
        return best;
    }
    if t0 > lo && d.is_sym(t0 - 1, '~') {
        return (t0 - 1, Approx::About);
    }
    // a golfer's score to par before the strokes: "17-under 271", "2-over 74" (no hedge)
    if t0 >= lo + 3
        && matches!(pw, "under" | "over")
        && super::sport::golf(d)
        && d.glued(t0 - 1)
        && d.is_dash(t0 - 2)
        && d.is_number(t0 - 3)
    {
        return best;
    }
    // "about a 60% chance": a hedge before the article
    let skip_a = t0 > lo + 1 && matches!(d.lw(t0 - 1), "a" | "an");
    // the word right before the number, and the one before an article: every hedge ends in one
    // of them, so comparing its last word first rejects most entries at once
    let before = d.lw(t0 - 1);
    let before_article = if skip_a { d.lw(t0 - 2) } else { "" };
    for (words, a) in lex::HEDGES {
        let n = words.len();
        let last = words[n - 1];
        if last != before && last != before_article && last != "approx" {
            continue;
        }
        if *a == 3 && n == 2 && words[0] == "or" {
            continue;
        }
        let mut k = if skip_a && *a == 3 { t0 - 1 } else { t0 };
        // allow "approx." with its period
        if words[0] == "approx" && k >= lo + 2 && d.is_sym(k - 1, '.') {
            k -= 1;
        }
        if k < lo + n {
            continue;
        }
        let start = k - n;
        if (0..n).all(|x| d.is_word(start + x) && d.lw(start + x) == words[x]) {
            // "more than" preceded by "no" is covered by the longer entry
            if start < best.0 {
                let ap = match a {
                    1 => Approx::MoreThan,
                    2 => Approx::LessThan,
                    _ => Approx::About,
                };
                best = (start, ap);
            }
        }
    }
    if best.0 == t0 && t0 > lo {
        // verbs that say "more than": "topped 700,000", "exceeded $1bn"
        if matches!(
            d.lw(t0 - 1),
            "topped"
                | "tops"
                | "topping"
                | "exceeded"
                | "exceeding"
                | "exceeds"
                | "surpassed"
                | "surpassing"
                | "surpasses"
                | "eclipsed"
                | "outstripped"
        ) {
            return (t0, Approx::MoreThan);
        }
    }
    // "just over", "well over", "slightly more than"
    if best.0 < t0
        && best.0 > lo
        && matches!(d.lw(best.0 - 1), "just" | "well" | "slightly" | "far")
    {
        best.0 -= 1;
    }
    best
}

/// Forward hedges after a quantity ending at `j`.
#[inline]
pub(super) fn hedge_after(d: &Doc, j: usize) -> Option<Approx> {
    let w = d.lw(j);
    if w == "or" {
        return match d.lw(j + 1) {
            "more" | "higher" | "above" | "over" => Some(Approx::MoreThan),
            "less" | "fewer" | "lower" | "below" => Some(Approx::LessThan),
            "so" => Some(Approx::About),
            _ => None,
        };
    }
    if d.is_sym(j, '+') && d.glued(j) {
        return Some(Approx::MoreThan);
    }
    if d.is_dash(j) && d.glued(j) && d.glued(j + 1) {
        return match d.lw(j + 1) {
            "plus" => Some(Approx::MoreThan),
            "odd" => Some(Approx::About),
            _ => None,
        };
    }
    if w == "plus" && d.glued(j) {
        return Some(Approx::MoreThan);
    }
    None
}
