//! Ages: "aged 45", "age of 49", "Merz, 69, told", and the age groups that bound a population
//! ("aged 75 and over", "children under five").

use super::nouns::next_is_counted;
use super::number::small_int;
use super::{Kind, Mention, Scope, Step};
use crate::extract::lex;
use crate::extract::text::Doc;
use crate::extract::{Approx, Value};
use rust_decimal::Decimal;

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
    // a life in an obituary or profile: "died at 88", "She was 36 and", "In 1981, at 43, she"
    let p2 = if i > lo + 1 { d.lw(i - 2) } else { "" };
    // (not a record, "he was 12 and 3"; not a place, "died at 10 Downing Street"; not a time,
    // "On Monday, at 10, he": the clause before names a year)
    let ends = |k: usize| {
        matches!(d.sym(k), Some('.' | ',' | ';'))
            || d.lw(k) == "when"
            || (d.lw(k) == "and" && !d.is_number(k + 1) && lex::num_word(d.lw(k + 1)).is_none())
    };
    let years = m
        .num()
        .is_some_and(|v| v >= Decimal::ONE && v <= Decimal::from(120));
    let life = years
        && ((p == "at" && matches!(p2, "died" | "dies" | "dead") && !d.cap(m.t1))
            || (p == "was" && matches!(p2, "she" | "he") && ends(m.t1))
            || (p == "at"
                && d.is_sym(m.t1, ',')
                && matches!(d.lw(m.t1 + 1), "she" | "he")
                && i > lo + 2
                && d.is_sym(i - 2, ',')
                && super::number::year_val(d, i - 3).is_some()));
    // a stage of life reached at an age: "voting at 16", "retire at 67", "leave school at 16"
    // (nothing after it but the clause's end: not "voting at 14 polling stations", "the school
    // at 15 Elm Street")
    let clause_ends = !d.is_word(m.t1) || matches!(d.lw(m.t1), "and" | "or" | "but" | "instead");
    let stage = p == "at"
        && clause_ends
        && matches!(
            p2,
            "voting"
                | "vote"
                | "retire"
                | "retiring"
                | "retirement"
                | "marry"
                | "marrying"
                | "school"
                | "drinking"
        )
        && small_int(d, i, 2).is_some_and(|a| a >= 10)
        && !next_is_counted(d, m.t1, hi);
    if life || stage {
        m.unit = Some("age");
        m.kind = Kind::Age;
        m.bare = false;
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

/// Rule: a decade of someone's age: "in his 70s", "into her 50s", "in her mid-30s" (the surface is
/// the decade, its range the ten years).
pub(super) fn decade_of_age(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let lo = scope.lo;
    let Some(n) = small_int(d, i, 2) else {
        return Step::Pass;
    };
    if !(n % 10 == 0 && (10..=90).contains(&n) && d.glued(i + 1) && d.lw(i + 1) == "s") {
        return Step::Pass;
    }
    let owner = |k: usize| k >= lo && matches!(d.lw(k), "his" | "her" | "their" | "my" | "your");
    let part = i >= lo + 3
        && d.is_dash(i - 1)
        && d.glued(i)
        && d.glued(i - 1)
        && matches!(d.lw(i - 2), "mid" | "late" | "early")
        && owner(i - 3);
    let spaced_part =
        i >= lo + 2 && matches!(d.lw(i - 1), "mid" | "late" | "early") && owner(i - 2);
    // (not "their 90s hits", "her 80s wardrobe")
    let era = matches!(
        d.lw(i + 2),
        "hits"
            | "songs"
            | "music"
            | "classics"
            | "wardrobe"
            | "fashion"
            | "style"
            | "band"
            | "rock"
            | "pop"
            | "movies"
            | "films"
            | "era"
            | "nostalgia"
            | "records"
    );
    if !(part || spaced_part || (i > lo && owner(i - 1))) || era {
        return Step::Pass;
    }
    let mut m = Mention::new(d, scope.sent, i, i + 2, Kind::Age);
    m.unit = Some("age");
    m.value = Some(Value::Number(Decimal::from(n)));
    m.high = Some(Value::Number(Decimal::from(n + 9)));
    m.approx = Approx::Range;
    Step::Found(m)
}
