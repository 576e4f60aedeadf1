//! Spanish hedges before an amount: "más de", "cerca de", "unos", "al menos", and the verbs that
//! bound it without being part of its surface ("superó los", "rondaron los", "pasa de los").

use super::*;

/// Hedge words ending right before token `t0` (articles between are skipped: "más de los",
/// "al menos el", "cerca del"). Returns (first hedge token, approx).
pub(super) fn hedge_before(d: &Doc, t0: usize, lo: usize) -> (usize, Approx) {
    let mut k = t0;
    // "más de los 12.000", "al menos el 30%", "unos 22", "superó los 250.000", "supera ya los 20"
    if k > lo && matches!(d.lw(k - 1), "el" | "la" | "los" | "las" | "un" | "una") {
        k -= 1;
    }
    let article = k;
    if k > lo + 1 && matches!(d.lw(k - 1), "ya" | "incluso" | "aún") {
        k -= 1;
    }
    if k <= lo {
        return (t0, Approx::Exact);
    }
    let w1 = d.lw(k - 1);
    let w2 = if k >= lo + 2 { d.lw(k - 2) } else { "" };
    let w3 = if k >= lo + 3 { d.lw(k - 3) } else { "" };
    // "no superan las 2 hectáreas": not above is at most
    let by_verb = match hedge_verb(w1, article < t0) {
        Some(Approx::MoreThan) if w2 == "no" => Some(Approx::LessThan),
        other => other,
    };
    // "pasa de los 14 millones" is more than it; "pasó de 3 a 5", "pasó de un tercio a la mitad"
    // is a change from one to the other: any "a"/"al" ahead in the sentence makes it one
    let by_verb = by_verb.or_else(|| {
        let change = (t0 + 1..(t0 + 16).min(d.toks.len()))
            .take_while(|&x| !d.is_sym(x, '.') && !d.is_sym(x, ';'))
            .any(|x| matches!(d.lw(x), "a" | "al"));
        (matches!(w1, "de" | "del") && passes_beyond(w2) && !change).then_some(Approx::MoreThan)
    });
    let found = match (w3, w2, w1) {
        (_, "poco", "más") | (_, "más", "de") | (_, "más", "del") => Some((2, Approx::MoreThan)),
        (_, "menos", "de") | (_, "menos", "del") => Some((2, Approx::LessThan)),
        (_, "al", "menos") | (_, "como", "mínimo") | (_, "un", "mínimo") => {
            Some((2, Approx::MoreThan))
        }
        (_, "como", "máximo") | (_, "un", "máximo") => Some((2, Approx::LessThan)),
        ("por", "encima", "de" | "del") => Some((3, Approx::MoreThan)),
        ("por", "debajo", "de" | "del") => Some((3, Approx::LessThan)),
        ("en", "torno", "a" | "al") => Some((3, Approx::About)),
        (_, "cerca" | "alrededor" | "cercana" | "cercano", "de" | "del" | "a" | "al") => {
            Some((2, Approx::About))
        }
        (_, _, "casi" | "unos" | "unas" | "aproximadamente" | "aprox" | "apenas") => Some((
            1,
            if w1 == "apenas" {
                Approx::Exact
            } else {
                Approx::About
            },
        )),
        _ if by_verb.is_some() => by_verb.map(|approx| (1, approx)),
        (_, _, "hasta" | "máximo") => {
            // after a verb of change "hasta" says where it went: "subió hasta el 5%"
            let a = k.saturating_sub(15).max(lo);
            if (a..k).any(|x| change_verb(d.lw(x))) {
                None
            } else {
                Some((1, Approx::LessThan))
            }
        }
        _ => None,
    };
    match found {
        Some((_, Approx::Exact)) | None => (t0, Approx::Exact),
        Some((n, approx)) => {
            // the verbs hedge without being part of the surface's hedge span
            (if by_verb.is_some() { t0 } else { k - n }, approx)
        }
    }
}

/// Forms of "pasar" that, before "de", say an amount was gone past: "pasa de los 14 millones".
pub(super) fn passes_beyond(w: &str) -> bool {
    matches!(
        w,
        "pasa" | "pasan" | "pasó" | "pasaron" | "pasaba" | "pasaban" | "pasará" | "pasar"
    )
}

/// A verb that hedges the amount after it without being part of its surface: "superó los 250.000"
/// (more than), "rondaron los 95.000" (about; only with the article: "ronda 2" is a round).
pub(super) fn hedge_verb(w: &str, with_article: bool) -> Option<Approx> {
    match w {
        "superó" | "supera" | "superan" | "superaron" | "superará" | "superarán" | "superaba"
        | "superaban" | "sobrepasó" | "sobrepasa" | "rebasó" | "rebasa" | "rebasará" => {
            Some(Approx::MoreThan)
        }
        // "ronda los 20", "roza los 89 millones": near it
        "ronda" | "rondan" | "rondó" | "rondaron" | "rondaba" | "rondaban" | "rondará" | "roza"
        | "rozan" | "rozó" | "rozaron" | "rozaba" | "rozaban" | "rozará"
            if with_article =>
        {
            Some(Approx::About)
        }
        _ => None,
    }
}
