//! Identifiers: model and product names, reference codes, phone numbers. They become `label`
//! mentions with no unit and no value.

use super::number::{has_decimal, small_int};
use super::{Kind, Mention, Scope, Step};
use crate::extract::lex;
use crate::extract::text::Doc;

pub(super) const LABEL_WORDS: &[&str] = &[
    "no",
    "nos",
    "number",
    "article",
    "section",
    "chapter",
    "resolution",
    "page",
    "pages",
    "room",
    "flight",
    "route",
    "highway",
    "gate",
    "platform",
    "vol",
    "volume",
    "fig",
    "figure",
    "table",
    "annex",
    "paragraph",
    "clause",
    "amendment",
    "episode",
    "season",
    "game",
    "stage",
    "round",
    "phase",
    "line",
    "bus",
    "terminal",
    "track",
    "lot",
    "block",
    "apt",
    "suite",
    "box",
    "exit",
    "pier",
    "level",
    "grade",
    "category",
    "class",
    "type",
    "model",
    "version",
    "series",
    "division",
    "district",
    "precinct",
    "ward",
    "zone",
    "sector",
    "unit",
    "item",
    "rule",
    "regulation",
    "bill",
    "act",
    "law",
    "decree",
    "order",
    "ref",
    "code",
    "id",
    "tel",
    "phone",
    "fax",
    "ext",
    "hotline",
    "mark",
    "mk",
    "iphone",
    "galaxy",
    "windows",
    "ios",
    "android",
    "apollo",
    "boeing",
    "airbus",
    "channel",
    "studio",
    "hall",
    "building",
    "floor",
    "seat",
    "row",
    "week",
    "day",
    "matchday",
    "stage",
    "lane",
    "street",
    "avenue",
    "road",
    "number",
    "count",
    "counts",
    "step",
    "tier",
];

/// Token `k` is a plain word that can glue to a number without making it a label.
#[inline]
pub(super) fn ok_glued_suffix(d: &Doc, k: usize) -> bool {
    let w = d.lw(k);
    if matches!(d.raw(k), "C" | "F") {
        return true;
    }
    lex::scale(w).is_some()
        || lex::time_unit(w).is_some()
        || lex::unit_word(w, d.raw(k)).is_some()
        || lex::currency_word(w).is_some()
        || lex::iso_code(d.raw(k)).is_some()
        || matches!(
            w,
            "st" | "nd"
                | "rd"
                | "th"
                | "s"
                | "x"
                | "pc"
                | "am"
                | "pm"
                | "a"
                | "p"
                | "bps"
                | "bp"
                | "pp"
                | "pts"
                | "kmh"
                | "kph"
                | "mph"
                | "kwh"
        )
}

pub(super) fn phone_at(d: &Doc, i: usize, lo: usize, hi: usize) -> Option<usize> {
    // Groups of digits joined by - . space or ( ) with >= 7 digits total.
    let plus = i > lo && d.is_sym(i - 1, '+') && d.glued(i);
    let paren = i > lo && d.is_sym(i - 1, '(') && d.is_sym(i + 1, ')') && d.raw(i).len() == 3;
    let lead0 = d.raw(i).starts_with('0') && d.raw(i).len() >= 2;
    let prev_word = (i > lo
        && matches!(
            d.lw(i - 1),
            "tel"
                | "phone"
                | "fax"
                | "call"
                | "hotline"
                | "telephone"
                | "mobile"
                | "cell"
                | "contact"
                | "whatsapp"
        ))
        || (i > lo + 1
            && matches!(
                d.lw(i - 2),
                "tel"
                    | "phone"
                    | "fax"
                    | "hotline"
                    | "telephone"
                    | "mobile"
                    | "enquiries"
                    | "inquiries"
                    | "contact"
            )
            && d.is_sym(i - 1, ':'));
    // a contact line after a colon ("Consultas: 600 600 9292"), told from a figure written with
    // spaces between its thousands ("Total: 1 250 000") below
    let after_colon = i > lo && d.is_sym(i - 1, ':');
    // a North American number written with spaces, "716 555 0193": three, three and four digits
    // (a figure's thousands come in threes)
    let spaced_group = |k: usize, len: usize| {
        k < hi
            && d.is_number(k)
            && d.raw(k).len() == len
            && !d.toks[k].grouped
            && d.toks[k].space_before
    };
    // (with a word of contact just before: "the county line at 716 555 0193")
    let contact = (i.saturating_sub(6).max(lo)..i).any(|k| {
        matches!(
            d.lw(k),
            "call"
                | "line"
                | "phone"
                | "number"
                | "at"
                | "text"
                | "tel"
                | "hotline"
                | "fax"
                | "dial"
                | "contact"
                | "línea"
                | "teléfono"
                | "llamar"
                | "al"
                | "número"
        )
    });
    // three spaced groups of these lengths after a word of contact, and no more
    let spaced_number = |first: usize, second: usize, third: usize| {
        contact
            && d.raw(i).len() == first
            && !d.toks[i].grouped
            && spaced_group(i + 1, second)
            && spaced_group(i + 2, third)
            && !d.is_number(i + 3)
    };
    let north_american = spaced_number(3, 3, 4);
    // an Australian service number, "1300 130 372", "1800 555 019": four, three and three digits
    // (a figure's first group has three at most)
    let australian = spaced_number(4, 3, 3);
    let loose = plus || paren || lead0 || prev_word || after_colon || north_american || australian;
    let mut j = i;
    let mut groups = 0;
    let mut digits = 0;
    let mut seps_glued = true;
    let mut thousands_like = true;
    let mut spaced = false;
    let mut last = i;
    while j < hi && groups < 9 {
        if !d.is_number(j) || d.toks[j].grouped || (has_decimal(d, j) && groups > 0) {
            break;
        }
        groups += 1;
        digits += d.raw(j).len();
        if groups > 1 && d.raw(j).len() != 3 {
            thousands_like = false;
        }
        last = j;
        let s = j + 1;
        if s < hi
            && matches!(d.sym(s), Some('-' | '.' | ')' | '–'))
            && d.is_number(s + 1)
            && (d.glued(s + 1) || d.sym(s) == Some(')'))
        {
            if !d.glued(s) && d.sym(s) != Some(')') {
                seps_glued = false;
            }
            j = s + 1;
        } else if s < hi
            && d.is_number(s)
            && d.toks[s].space_before
            && (loose || (groups >= 2 && d.raw(s).len() >= 3))
            && !d.is_sym(s + 1, '%')
        {
            spaced = true;
            j = s;
        } else {
            break;
        }
    }
    // spaced digit groups after a colon are a contact line only if they cannot be a figure with
    // spaces between its thousands nor a list of counts ("Escaños: 120 85 40 12": its last group
    // is short); joined by dashes or dots they are read as any phone number is
    let only_after_colon = !(plus || paren || lead0 || prev_word);
    if only_after_colon
        && after_colon
        && spaced
        && (groups < 3 || thousands_like || d.raw(last).len() < 3)
    {
        return None;
    }
    let ok = digits >= 7 && groups >= 2 && (loose || (groups >= 3 && seps_glued));
    if ok {
        Some(last + 1)
    } else {
        None
    }
}

/// Rule: an emergency or service number to call: "call 911", "dial 999", "llamar al 911",
/// "marque el 112", a city's or a crisis line's short number ("call 311", "dial 988").
#[inline(always)]
pub(super) fn emergency_number(scope: &Scope, i: usize) -> Step<Mention> {
    let Scope { doc: d, lo, .. } = *scope;
    let short = matches!(
        d.raw(i),
        "911" | "999" | "112" | "000" | "111" | "211" | "311" | "411" | "511" | "811" | "988"
    );
    if !short || d.toks[i].grouped {
        return Step::Pass;
    }
    let call = |k: usize| {
        matches!(
            d.lw(k),
            "call"
                | "calling"
                | "called"
                | "dial"
                | "dialled"
                | "dialed"
                | "dialing"
                | "dialling"
                | "ring"
                | "llamar"
                | "llame"
                | "llamen"
                | "llamó"
                | "marcar"
                | "marque"
                | "marquen"
        )
    };
    let before = i > lo && call(i - 1);
    let before_article = i > lo + 1 && matches!(d.lw(i - 1), "al" | "el") && call(i - 2);
    // nothing counted after it: "called 112 witnesses" is a count
    let counted = d.is_word(i + 1)
        && !matches!(
            d.lw(i + 1),
            "or" | "and"
                | "for"
                | "if"
                | "immediately"
                | "now"
                | "at"
                | "to"
                | "from"
                | "in"
                | "y"
                | "o"
                | "para"
                | "en"
                | "de"
                | "inmediatamente"
                | "desde"
        );
    if (before || before_article) && !counted {
        return Step::Found(label(d, scope.sent, i, i + 1));
    }
    Step::Pass
}

/// An identifier over tokens [t0, t1): no unit and no value (the digits are part of a name or code).
#[inline]
pub(super) fn label(d: &Doc, sent: usize, t0: usize, t1: usize) -> Mention {
    Mention::new(d, sent, t0, t1, Kind::Label)
}

/// Rule: a phone number ("+82-2-398-3114", "(402) 471-2555", "0113 825 0958").
#[inline(always)]
pub(super) fn phone_number(scope: &Scope, i: usize) -> Step<Mention> {
    let Scope { doc: d, lo, hi, .. } = *scope;
    let Some(mut e) = phone_at(d, i, lo, hi) else {
        return Step::Pass;
    };
    let t0 = if i > lo && matches!(d.sym(i - 1), Some('+' | '(')) {
        i - 1
    } else {
        i
    };
    if d.is_sym(e, ')') && d.glued(e) && d.is_sym(t0, '(') {
        e += 1;
    }
    Step::Found(label(d, scope.sent, t0, e))
}

/// Rule: digits glued to a name or code: "F-35", "COVID-19", "G7", "A380", "SA.112733", "XFG.3",
/// "doi:10.1056", "#0507-25".
#[inline(always)]
pub(super) fn code_or_model_name(scope: &Scope, i: usize) -> Step<Mention> {
    let Scope { doc: d, lo, hi, .. } = *scope;
    let prev_glued_word = i > lo && d.glued(i) && d.is_word(i - 1);
    let prev_dash_word =
        i > lo + 1 && d.glued(i) && d.is_dash(i - 1) && d.glued(i - 1) && d.is_word(i - 2);
    let prev_sym_code = i > lo + 1
        && d.glued(i)
        && matches!(d.sym(i - 1), Some('.' | ':' | '/' | '_' | '#' | '\\'))
        && d.glued(i - 1)
        && (d.is_word(i - 2) || d.is_number(i - 2));
    let hash = i > lo && d.is_sym(i - 1, '#') && d.glued(i);
    if !(prev_dash_word || (prev_glued_word && !d.is_sym(i + 1, '$')) || prev_sym_code || hash) {
        return Step::Pass;
    }
    let mut j = i + 1;
    while j < hi
        && d.glued(j)
        && (d.is_word(j)
            || d.is_number(j)
            || (matches!(d.sym(j), Some('-' | '.' | '/' | ':' | '_'))
                && d.glued(j + 1)
                && (d.is_number(j + 1) || d.is_word(j + 1))))
    {
        j += if d.is_word(j) || d.is_number(j) { 1 } else { 2 };
    }
    let t0 = if prev_dash_word {
        i - 2
    } else if hash || prev_sym_code {
        i - 1 - usize::from(prev_sym_code && !hash)
    } else {
        i - 1
    };
    Step::Found(label(d, scope.sent, t0, j.min(hi)))
}

/// Rule: an aircraft maker's model, with its variant or a plural glued on: "a Boeing 787-9",
/// "Airbus 350s", "Embraer 190s", or a Boeing jetliner's 7x7 alone ("a Boeing 737"). Not a
/// figure after the maker's name ("Airbus 766, Boeing 348" deliveries). (Glued names, "A380",
/// are [`code_or_model_name`]'s.)
#[inline(always)]
pub(super) fn maker_model(scope: &Scope, i: usize) -> Step<Mention> {
    let Scope { doc: d, lo, hi, .. } = *scope;
    let maker = i > lo
        && !d.glued(i)
        && matches!(
            d.raw(i - 1),
            "Boeing" | "Airbus" | "Embraer" | "Bombardier" | "Tupolev"
        );
    let Some(model) = small_int(d, i, 3).filter(|_| maker) else {
        return Step::Pass;
    };
    let mut j = i + 1;
    if j + 1 < hi && d.is_dash(j) && d.glued(j) && d.glued(j + 1) && d.is_number(j + 1) {
        j += 2;
    }
    if j < hi && d.glued(j) && d.is_word(j) && d.raw(j) == "s" {
        j += 1;
    }
    // a Boeing 7x7 alone, with nothing glued after it
    let jetliner = d.raw(i - 1) == "Boeing" && model / 100 == 7 && model % 10 == 7;
    let bare_jetliner = jetliner && !d.glued(j);
    if j == i + 1 && !bare_jetliner {
        return Step::Pass;
    }
    Step::Found(label(d, scope.sent, i, j))
}

/// Rule: letters glued after the digits that are no unit or suffix: "3D", "4WD".
#[inline(always)]
pub(super) fn glued_letters_after(scope: &Scope, i: usize) -> Step<Mention> {
    let Scope { doc: d, hi, .. } = *scope;
    if !(d.is_word(i + 1) && d.glued(i + 1) && i + 1 < hi && !ok_glued_suffix(d, i + 1)) {
        return Step::Pass;
    }
    let mut j = i + 2;
    while j < hi && d.glued(j) && (d.is_word(j) || d.is_number(j)) {
        j += 1;
    }
    Step::Found(label(d, scope.sent, i, j))
}

/// Rule: numbers with leading zeros are codes, not quantities ("000", "0300").
#[inline(always)]
pub(super) fn leading_zeros(scope: &Scope, i: usize) -> Step<Mention> {
    let raw = scope.doc.raw(i);
    if raw.len() >= 2 && raw.starts_with('0') && !raw.contains('.') && !raw.contains(',') {
        return Step::Found(label(scope.doc, scope.sent, i, i + 1));
    }
    Step::Pass
}

/// Rule: list enumerators at a line start or after a colon: "Results: 1. Name".
#[inline(always)]
pub(super) fn list_enumerator(scope: &Scope, i: usize) -> Step<Mention> {
    let Scope { doc: d, lo, hi, .. } = *scope;
    if !(d.is_sym(i + 1, '.') && d.glued(i + 1)) {
        return Step::Pass;
    }
    let Some(n) = small_int(d, i, 2) else {
        return Step::Pass;
    };
    let line_start = d.toks[i].line_breaks > 0 || i == 0;
    let after_colon = i > lo && matches!(d.sym(i - 1), Some(':' | ';'));
    if n < 100
        && d.is_sym(i + 1, '.')
        && d.glued(i + 1)
        && (i + 2 >= hi || d.cap(i + 2))
        && (line_start || after_colon || i == lo)
    {
        return Step::Found(label(d, scope.sent, i, i + 2));
    }
    Step::Pass
}
