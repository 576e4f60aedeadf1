//! Spanish dates, years and numbers that name rather than count: dotted dates, day of month,
//! years, phone numbers after a phone word, page counters, number signs and numbered places,
//! ordinals with a sign.

use super::*;

/// "14.08.2025", "2025.8.14": a dotted date, never a claim.
pub(super) fn dotted_date(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    if !(d.is_sym(i + 1, '.') && d.glued(i + 1) && d.is_number(i + 2) && d.glued(i + 2)) {
        return Step::Pass;
    }
    if !(d.is_sym(i + 3, '.') && d.glued(i + 3) && d.is_number(i + 4) && d.glued(i + 4)) {
        return Step::Pass;
    }
    let (Some(a), Some(b), Some(y)) = (
        small_int(d, i, 2),
        small_int(d, i + 2, 2),
        year_val(d, i + 4),
    ) else {
        return Step::Pass;
    };
    if !((1..=31).contains(&a) && (1..=12).contains(&b)) {
        return Step::Pass;
    }
    let mut m = Mention::new(d, scope.sent, i, i + 5, Kind::Date);
    m.unit = Some("date");
    m.ymd = Some((Some(y), Some(b), Some(a)));
    Step::Found(m)
}

/// "tel. 91 597 70 00", "teléfono: 900 100 200": the digit groups after a phone word, or a
/// Spanish phone number alone (`bare_phone`).
pub(super) fn phone_after_word(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let mut p = i.saturating_sub(1);
    if p > scope.lo && matches!(d.sym(p), Some('.' | ':')) {
        p -= 1;
    }
    let mut e = i + 1;
    while e < scope.hi && d.is_number(e) && d.toks[e].space_before && !d.toks[e].grouped {
        e += 1;
    }
    let worded = i > scope.lo
        && matches!(
            d.lw(p),
            "tel" | "teléfono" | "telf" | "fax" | "móvil" | "anexo" | "ext"
        );
    if !(worded || bare_phone(scope, i, e)) {
        return Step::Pass;
    }
    Step::Found(label(d, scope.sent, i, e))
}

/// "900 113 406", "91 597 70 00": nine digits in spaced groups of two or three, starting as
/// Spanish numbers do (6, 7, 8 or 9), with no word after them. A figure written with spaces for
/// thousands ("900 113 406 euros") has its unit or noun after it, and its groups after the first
/// are all of three digits.
fn bare_phone(scope: &Scope, i: usize, e: usize) -> bool {
    let d = scope.doc;
    // the groups as separate tokens (after a symbol) or as one token read with spaces for thousands
    let groups: Vec<&str> = if e - i >= 3 {
        (i..e).map(|k| d.raw(k)).collect()
    } else if e == i + 1 && d.raw(i).contains(' ') {
        d.raw(i).split(' ').collect()
    } else {
        return false;
    };
    let digits: usize = groups.iter().map(|g| g.len()).sum();
    groups.len() >= 3
        && digits == 9
        && groups
            .iter()
            .all(|g| (2..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()))
        // thousands come in groups of three: "600 000 000" is a figure, "91 347 20 00" a phone
        && !(groups.iter().all(|g| g.len() == 3)
            && groups[1..].iter().any(|g| g.bytes().all(|b| b == b'0')))
        && matches!(groups[0].as_bytes()[0], b'6'..=b'9')
        && !(e < scope.hi && (d.is_word(e) || d.sym(e).is_some_and(|c| c == '%' || c == '€')))
}

/// "página 1 de 2", "pág. 3", "sindicato N° 2": page counters and numbers after a number sign are
/// labels.
pub(super) fn page_counter(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let p = if i > scope.lo && d.is_sym(i - 1, '.') {
        i.saturating_sub(2)
    } else {
        i.saturating_sub(1)
    };
    // "N° 2", "Nº 14": a number sign
    let number_sign = i >= scope.lo + 2
        && matches!(d.sym(i - 1), Some('°' | 'º'))
        && d.glued(i - 1)
        && d.lw(i - 2) == "n";
    let p = if number_sign { i - 2 } else { p };
    // and the words that name a place or a rule by its number: "el kilómetro 45", "la línea 5",
    // "la ruta 40", "el artículo 155"
    let named = matches!(
        d.lw(p),
        "página"
            | "pág"
            | "pag"
            | "núm"
            | "número"
            | "nro"
            | "kilómetro"
            | "km"
            | "línea"
            | "ruta"
            | "artículo"
            | "capítulo"
    );
    if !(i > scope.lo && (named || number_sign)) {
        return Step::Pass;
    }
    // "publicó el artículo 20 años después": a quantity after the word, not its number
    let w = d.lw(i + 1);
    if named && (time_unit(w).is_some() || currency_word(w).is_some() || w == "por") {
        return Step::Pass;
    }
    let mut end = i + 1;
    if d.lw(end) == "de" && d.is_number(end + 1) {
        end += 2;
    }
    Step::Found(label(d, scope.sent, p, end))
}

/// "14 de agosto de 2025", "26 de septiembre", "el 14 de diciembre".
pub(super) fn day_of_month(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    if d.lw(i + 1) != "de" {
        return Step::Pass;
    }
    let Some(mo) = month(d.lw(i + 2)) else {
        return Step::Pass;
    };
    let Some(day) = small_int(d, i, 2).filter(|n| (1..=31).contains(n)) else {
        return Step::Pass;
    };
    let mut end = i + 3;
    let mut y = None;
    if d.lw(end) == "de" {
        if let Some(yy) = year_val(d, end + 1) {
            y = Some(yy);
            end += 2;
        }
    }
    let mut m = Mention::new(d, scope.sent, i, end, Kind::Date);
    m.unit = Some("date");
    m.ymd = Some((y, Some(mo), Some(day)));
    Step::Found(m)
}

/// Years: "en 2024", "desde 1989", "2026-2030"; not "2024 personas".
pub(super) fn year(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let Some(y) = year_val(d, i) else {
        return Step::Pass;
    };
    if d.toks[i].grouped || (d.is_word(i + 1) && person_noun(d.lw(i + 1))) {
        return Step::Pass;
    }
    let core = NumberCore {
        v: Decimal::from(y),
        next: i + 1,
        scaled: false,
        spelled: false,
        vague: false,
    };
    if unit_after(scope, i + 1, &core, false).is_some() || !(1800..=2200).contains(&y) {
        return Step::Pass;
    }
    let mut m = Mention::new(d, scope.sent, i, i + 1, Kind::Year);
    m.unit = Some("year");
    m.value = Some(Value::Number(Decimal::from(y)));
    if d.is_dash(i + 1) && d.glued(i + 1) && d.glued(i + 2) {
        if let Some(y2) = year_val(d, i + 2).filter(|&y2| y2 > y) {
            m.high = Some(Value::Number(Decimal::from(y2)));
            m.approx = Approx::Range;
            m.t1 = i + 3;
            m.e = d.toks[i + 2].end();
        }
    }
    Step::Found(m)
}

/// "1º", "3.ª", "2.º": ordinals written with a sign.
pub(super) fn ordinal_sign(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let k = if d.is_sym(i + 1, '.') && d.glued(i + 1) {
        i + 2
    } else {
        i + 1
    };
    let sign = matches!(d.sym(k), Some('º' | 'ª' | '°')) || matches!(d.raw(k), "º" | "ª");
    if !(d.glued(k) && sign) || d.raw(k + 1) == "C" {
        return Step::Pass;
    }
    let Some(n) = small_int(d, i, 3) else {
        return Step::Pass;
    };
    let mut m = Mention::new(d, scope.sent, i, k + 1, Kind::Ordinal);
    m.unit = Some("ordinal");
    m.value = Some(Value::Number(Decimal::from(n)));
    Step::Found(m)
}
