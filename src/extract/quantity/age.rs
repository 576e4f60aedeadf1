//! Ages: "aged 45", "age of 49", "Merz, 69, told", and the age groups that bound a population
//! ("aged 75 and over", "children under five").

use super::nouns::next_is_counted;
use super::number::small_int;
use super::{Kind, Mention};
use crate::extract::lex;
use crate::extract::text::Doc;
use crate::extract::Approx;

/// Age mentions that bound a group ("aged 65 and over", "under the age of five", "aged 18 to 34").
fn age_group(d: &Doc, m: &Mention, lo: usize) -> bool {
    if m.approx == Approx::Range {
        return true;
    }
    if d.lw(m.t1) == "and"
        && matches!(
            d.lw(m.t1 + 1),
            "over" | "older" | "above" | "up" | "under" | "younger" | "below"
        )
    {
        return true;
    }
    let a = m.t0.saturating_sub(5).max(lo);
    (a..m.t0).any(|k| matches!(d.lw(k), "under" | "over" | "below" | "above"))
}

/// Age contexts for a bare number just recognised: "aged 45", "age of 49", "children under five".
pub(super) fn age_context(d: &Doc, m: &mut Mention, lo: usize, hi: usize) {
    let i = m.t0;
    if !m.bare || i <= lo {
        return;
    }
    let p = d.lw(i - 1);
    if m.t1 != i + 1 {
        if m.approx == Approx::Range
            && matches!(p, "aged" | "ages" | "between")
            && (p != "between" || d.lw(i.saturating_sub(2)) == "aged")
        {
            m.unit = Some("age");
            m.kind = Kind::Age;
            m.bare = false;
            m.bonus = -0.3;
        }
        return;
    }
    if matches!(p, "aged" | "age" | "ages") || (p == "of" && i > lo + 1 && d.lw(i - 2) == "age") {
        m.unit = Some("age");
        m.kind = Kind::Age;
        m.bare = false;
        if age_group(d, m, lo) {
            m.bonus = -0.3;
        }
    } else if d.is_sym(i - 1, ',')
        && i > lo + 1
        && d.is_word(i - 2)
        && !lex::np_stop(d.lw(i - 2))
        && ((d.is_sym(m.t1, ',') && (d.cap(i - 2) || (d.is_word(m.t1 + 1) && !d.cap(m.t1 + 1))))
            || (matches!(d.sym(m.t1), Some('.' | ')' | ';'))
                && d.cap(i - 2)
                && i > lo + 2
                && d.cap(i - 3)))
    {
        if let Some(a) = small_int(d, i, 3) {
            if (15..=110).contains(&a) {
                m.unit = Some("age");
                m.kind = Kind::Age;
                m.bare = false;
            }
        }
    } else if matches!(p, "under" | "over")
        && i > lo + 1
        && lex::person_noun(d.lw(i - 2))
        && !next_is_counted(d, m.t1, hi)
    {
        m.unit = Some("age");
        m.kind = Kind::Age;
        m.bare = false;
        m.approx = Approx::Exact;
        m.h0 = m.t0;
        m.bonus = -0.3;
    }
    if m.bare && d.lw(m.t1) == "and" && matches!(d.lw(m.t1 + 1), "over" | "older" | "above" | "up")
    {
        m.unit = Some("age");
        m.kind = Kind::Age;
        m.bare = false;
        m.bonus = -0.3;
    }
}
