//! Spanish units after a number: percents and points, degrees, areas and volumes, speeds,
//! currencies (and which peso), cents, money rates.

use super::*;

/// The unit after a Spanish number at token `j`.
pub(super) fn unit_after(
    scope: &Scope,
    j: usize,
    c: &NumberCore,
    money: bool,
) -> Option<UnitMatch> {
    let d = scope.doc;
    if j >= scope.hi {
        return None;
    }
    if d.is_sym(j, '%') {
        // "1,8%" or "1,8 puntos porcentuales"
        return unit("percent", j + 1);
    }
    if d.is_sym(j, '°') || d.is_sym(j, 'º') && d.raw(j + 1) == "C" {
        return unit("degC", if d.raw(j + 1) == "C" { j + 2 } else { j + 1 });
    }
    if !d.is_word(j) {
        return None;
    }
    let w = d.lw(j);
    let next = d.lw(j + 1);
    match w {
        "por" if next == "ciento" => return unit("percent", j + 2),
        "puntos" | "punto" => {
            return match next {
                "porcentuales" | "porcentual" => unit("percentage_point", j + 2),
                "básicos" | "basicos" | "base" => {
                    scaled_unit("percentage_point", j + 2, Decimal::new(1, 2))
                }
                _ if poll_context(scope, j) => unit("percentage_point", j + 1),
                _ => None,
            }
        }
        "pb" => return scaled_unit("percentage_point", j + 1, Decimal::new(1, 2)),
        "veces" => return unit("ratio", j + 1),
        "grados" => {
            return unit(
                if next == "fahrenheit" { "degF" } else { "degC" },
                if matches!(next, "celsius" | "centígrados" | "fahrenheit") {
                    j + 2
                } else {
                    j + 1
                },
            )
        }
        "metros" | "kilómetros" | "kilometros" if next == "cuadrados" => {
            return unit(if w == "metros" { "m2" } else { "km2" }, j + 2)
        }
        "metros" if next == "cúbicos" => return unit("m3", j + 2),
        "unidades" | "por" if money_rate(d, j) => {
            return unit(rate_currency(scope, j)?, j + 1);
        }
        "centavos" | "centavo" | "céntimos" | "céntimo" if !money => {
            let (currency, next) = cents_currency(scope, j);
            return scaled_unit(currency?, next, Decimal::new(1, 2));
        }
        _ => {}
    }
    // currency: "dólares", or "de dólares" after a scale word
    let (cw, after) = if w == "de" && (c.scaled || c.vague) {
        (next, j + 2)
    } else {
        (w, j + 1)
    };
    if w == "de" && (c.scaled || c.vague) {
        if let Some(u) = physical_unit(next, d.raw(j + 1)).filter(|_| next.len() > 2) {
            if matches!(next, "metros" | "kilómetros") && d.lw(j + 2) == "cuadrados" {
                return unit(if next == "metros" { "m2" } else { "km2" }, j + 3);
            }
            return unit(u, j + 2);
        }
    }
    if let Some(cur) = currency_word(cw) {
        if money {
            return None;
        }
        let cur = if cur == "MXN" {
            peso_of_context(scope, j)
        } else {
            cur
        };
        return unit(cur, after);
    }
    if let Some(cur) = lex::iso_code(d.raw(j)).filter(|_| d.raw(j).len() == 3) {
        return unit(cur, j + 1);
    }
    if w == "de" {
        return None;
    }
    if let Some((name, mult)) = time_unit(w) {
        return scaled_unit(name, j + 1, Decimal::from(mult.max(1)));
    }
    let physical = physical_unit(w, d.raw(j))?;
    if d.raw(j).len() == 1 && !d.glued(j) && physical != "m" && physical != "t" {
        return None;
    }
    if physical == "km" && d.is_sym(j + 1, '/') && d.lw(j + 2) == "h" {
        return unit("km/h", j + 3);
    }
    // speeds: "60 kilómetros por hora", "30 millas por hora"
    if let Some(speed) = lex::speed_unit(physical) {
        if d.lw(j + 1) == "por" && d.lw(j + 2) == "hora" {
            return unit(speed, j + 3);
        }
    }
    if matches!(physical, "km" | "m") && d.is_sym(j + 1, '²') {
        return unit(if physical == "km" { "km2" } else { "m2" }, j + 2);
    }
    unit(physical, j + 1)
}

/// "18,35 unidades por dólar", "18,35 por dólar": an exchange rate.
pub(super) fn money_rate(d: &Doc, j: usize) -> bool {
    let k = if d.lw(j) == "unidades" { j + 1 } else { j };
    d.lw(k) == "por" && matches!(d.lw(k + 1), "dólar" | "euro")
}

/// The currency of an exchange rate: the last currency named before it in the sentence.
pub(super) fn rate_currency(scope: &Scope, j: usize) -> Option<&'static str> {
    let d = scope.doc;
    let a = j.saturating_sub(40).max(scope.lo);
    (a..j).rev().find_map(|k| {
        let w = d.lw(k);
        match currency_word(w) {
            Some("MXN") => Some(peso_of_context(scope, k)),
            Some(c) if c != "USD" => Some(c),
            _ => None,
        }
    })
}

/// The currency of the cents word at `j` and the token after them: named after it ("70
/// centavos de dólar", "5 céntimos de euro"), else the sentence's last currency before it ("3,41
/// dólares por libra, 70 centavos más"), else the euro for céntimos (Spain's word); centavos
/// with no currency in sight are not money.
pub(super) fn cents_currency(scope: &Scope, j: usize) -> (Option<&'static str>, usize) {
    let d = scope.doc;
    if d.lw(j + 1) == "de" {
        match currency_word(d.lw(j + 2)) {
            Some("MXN") => return (Some(peso_of_context(scope, j)), j + 3),
            Some(named) => return (Some(named), j + 3),
            None => {}
        }
    }
    // "dólares por libra": after "por" a word is what the price is per (a pound of weight)
    let earlier = (scope.lo..j)
        .rev()
        .filter(|&k| k == 0 || d.lw(k - 1) != "por")
        .find_map(|k| match currency_word(d.lw(k)) {
            Some("MXN") => Some(peso_of_context(scope, k)),
            found => found,
        });
    let symbol = || {
        (scope.lo..j).rev().find_map(|k| match d.sym(k) {
            Some('€') => Some("EUR"),
            Some('$') => Some("USD"),
            _ => None,
        })
    };
    let euro_cents = matches!(d.lw(j), "céntimos" | "céntimo").then_some("EUR");
    (earlier.or_else(symbol).or(euro_cents), j + 1)
}

/// How many tokens at the start of a text hold its headline and dateline (`peso_of_context`).
const TEXT_START: usize = 80;

/// Pesos of the country the sentence names, else of the one the text's start names (its
/// headline or dateline: "SANTIAGO, 7 de diciembre"; a Chilean release compares its metro with
/// Mexico City's and still counts in Chilean pesos), else of the one named nearest before (up to
/// 400 tokens back), else Mexico's.
pub(super) fn peso_of_context(scope: &Scope, j: usize) -> &'static str {
    let d = scope.doc;
    let named = |range: std::ops::Range<usize>| range.rev().find_map(|k| peso_country(d.lw(k)));
    // the text's start: the first country it names (the dateline's, before any comparison)
    let first_named = || (0..TEXT_START.min(scope.lo)).find_map(|k| peso_country(d.lw(k)));
    named(scope.lo..j)
        .or_else(first_named)
        .or_else(|| named(j.saturating_sub(400)..scope.lo))
        .unwrap_or("MXN")
}

/// Poll points, not league or index points: the sentence talks about polls, elections, rates or
/// percents, and not about an index or a league.
pub(super) fn poll_context(scope: &Scope, j: usize) -> bool {
    let d = scope.doc;
    let a = j.saturating_sub(40).max(scope.lo);
    let b = (j + 20).min(scope.hi);
    let index_or_sport = (a..b).any(|k| {
        matches!(
            d.lw(k),
            "índice"
                | "bolsa"
                | "ibex"
                | "merval"
                | "bovespa"
                | "ipsa"
                | "goles"
                | "liga"
                | "temporada"
                | "campeonato"
                | "torneo"
                | "tabla"
        )
    });
    !index_or_sport
        && (a..b).any(|k| {
            d.is_sym(k, '%')
                || matches!(
                    d.lw(k),
                    "encuesta"
                        | "sondeo"
                        | "ventaja"
                        | "votos"
                        | "intención"
                        | "error"
                        | "diferencia"
                        | "elección"
                        | "elecciones"
                        | "comicios"
                        | "votación"
                        | "escrutinio"
                        | "participación"
                        | "gobernación"
                        | "alcaldía"
                        | "presidencia"
                        | "tasa"
                        | "desempleo"
                        | "desocupación"
                        | "inflación"
                        | "aprobación"
                        | "margen"
                        | "porcentaje"
                )
        })
}
