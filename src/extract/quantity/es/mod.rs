//! Spanish number grammar: decimal comma and thousands dot ("8,2", "5.600"; the tokenizer reads
//! them), scale words ("millones", "mil millones", "billones" = 10^12), number words ("diez",
//! "cien", "un centenar", "miles de"), hedges ("casi", "unos", "más de", "cerca de", "alrededor
//! de"), "por ciento", "puntos porcentuales", units, dates ("14 de agosto de 2025") and money
//! ("$348 millones", "348 millones de dólares", euros, pesos of the country in context).
//! Identifiers, ISO and slash dates, clock and race times use the shared rules.

mod times;
use times::{day_before_short_month, hour_of_day};
mod words;

pub(in crate::extract) use words::{month, np_stop, person_noun, say_verb, title_word};

use super::clock::clock_or_race_time;
use super::date::{iso_date, slash_pair};
use super::label::{code_or_model_name, label, leading_zeros, list_enumerator, phone_number};
use super::money::AmountStart;
use super::number::{parse_num, pow10, small_int, year_val, NumberCore};
use super::unit::{scaled_unit, unit, UnitMatch};
use super::{Kind, Mention, Rule, Scope, Step};
use crate::extract::lex;
use crate::extract::text::Doc;
use crate::extract::{Approx, Value};
use rust_decimal::Decimal;
use words::{
    change_verb, currency_word, number_word, ordinal_word, peso_country, physical_unit, scale,
    time_unit,
};

rules! {
    /// The rules for a token of digits in Spanish text, in the order they are tried.
    pub(in crate::extract::quantity) fn recognize_digits(scope: &Scope, i: usize) -> Option<Mention>;
    const DIGIT_RULES: [Rule<Mention>] = [
        "phone number (+34 91 597 70 00)" => phone_number,
        "code or model name (COVID-19, F-35)" => code_or_model_name,
        "ISO date (2025-08-14)" => iso_date,
        "dotted date (14.08.2025)" => dotted_date,
        "slash pair (14/08/2025, 24/7)" => slash_pair,
        "clock or race time (10:30, 2:09:56)" => clock_or_race_time,
        "hour of the day (a las 9, a las 23.40, 8.30 horas)" => hour_of_day,
        "day before a short month (2 dic, 14 ago.)" => day_before_short_month,
        "leading zeros (0300)" => leading_zeros,
        "list enumerator (1. Nombre)" => list_enumerator,
        "phone after a phone word (tel. 91 597 70 00)" => phone_after_word,
        "page counter, number sign or numbered place (página 1 de 2, N° 2, kilómetro 45)" => page_counter,
        "day of month (14 de agosto de 2025, el 14 de diciembre)" => day_of_month,
        "year (2024, 2026-2030)" => year,
        "ordinal with a sign (1º, 3.ª)" => ordinal_sign,
        "share in digits (9 de cada 10)" => share,
        "amount (número con escala, unidad, aproximación, rango)" => digit_amount,
    ];
}

rules! {
    /// The rules for a word in Spanish text, in the order they are tried.
    pub(in crate::extract::quantity) fn recognize_word(scope: &Scope, i: usize) -> Option<Mention>;
    const WORD_RULES: [Rule<Mention>] = [
        "share in words (dos de cada tres, una de cada cinco)" => share,
        "multiplier (el doble, duplicó, el triple, la mitad)" => multiplier,
        "fraction (un tercio, dos tercios, tres cuartas partes)" => fraction,
        "ordinal word (primera, quinto)" => ordinal,
        "one more or one fewer (uno más que, una menos que)" => one_more_or_fewer,
        "spelled amount (tres, cuatro mil, medio millón, miles de)" => spelled_amount,
    ];
}

/// Money after a currency symbol: "$348 millones", "€20", "US$5.000".
pub(in crate::extract::quantity) fn after_currency_symbol(
    scope: &Scope,
    i: usize,
    symbol: char,
) -> Option<Mention> {
    let d = scope.doc;
    let mut cur = lex::currency_symbol(symbol)?;
    let mut t0 = i;
    if symbol == '$' && i > scope.lo && d.is_word(i - 1) && d.glued(i) {
        if let Some(c2) = lex::dollar_prefix(d.raw(i - 1)) {
            cur = c2;
            t0 = i - 1;
        }
    }
    if !(i + 1 < scope.hi && d.is_number(i + 1)) {
        return None;
    }
    amount(scope, AmountStart::with_currency(t0, i + 1, cur))
}

/// A number read in Spanish: digits or words, with its scale.
fn number_core(d: &Doc, i: usize, hi: usize) -> Option<NumberCore> {
    if d.is_number(i) {
        let mut v = parse_num(d, i)?;
        let mut j = i + 1;
        let mut scaled = false;
        if j < hi {
            if let Some((p, nj)) = scale_at(d, j) {
                v = v.checked_mul(pow10(p))?;
                j = nj;
                scaled = true;
            }
        }
        return Some(NumberCore {
            v,
            next: j,
            scaled,
            spelled: false,
            vague: false,
        });
    }
    spelled(d, i, hi)
}

/// A scale word at `j`: "mil", "millones", "mil millones" (10^9), "billones" (10^12).
fn scale_at(d: &Doc, j: usize) -> Option<(u32, usize)> {
    let p = scale(d.lw(j))?;
    if p == 3 && matches!(d.lw(j + 1), "millones" | "millón") {
        return Some((9, j + 2));
    }
    Some((p, j + 1))
}

/// Numbers written with words: "tres", "treinta y cinco", "cuatro mil", "medio millón", "un
/// centenar", "una docena"; vague plurals "miles", "cientos", "decenas de miles", "millones".
fn spelled(d: &Doc, i: usize, hi: usize) -> Option<NumberCore> {
    let w = d.lw(i);
    let vague = |v: u64, next: usize| NumberCore {
        v: Decimal::from(v),
        next,
        scaled: true,
        spelled: true,
        vague: true,
    };
    match w {
        "miles" | "millares" => return Some(vague(1000, i + 1)),
        "cientos" | "centenares" => return Some(vague(100, i + 1)),
        "decenas" => {
            if d.lw(i + 1) == "de" && d.lw(i + 2) == "miles" {
                return Some(vague(10_000, i + 3));
            }
            return Some(vague(10, i + 1));
        }
        "millones" if d.lw(i + 1) == "de" => return Some(vague(1_000_000, i + 1)),
        "medio" if matches!(d.lw(i + 1), "millón" | "millon") => {
            return Some(NumberCore {
                v: Decimal::from(500_000),
                next: i + 2,
                scaled: true,
                spelled: true,
                vague: false,
            })
        }
        _ => {}
    }
    if w == "medio" && matches!(d.lw(i + 1), "punto") {
        return Some(NumberCore {
            v: Decimal::new(5, 1),
            next: i + 1,
            scaled: false,
            spelled: true,
            vague: false,
        });
    }
    let first = number_word(w)?;
    // "más de una década", "casi un año", "durante una semana": one time unit
    let prev = if i > 0 { d.lw(i - 1) } else { "" };
    if matches!(w, "un" | "una")
        && time_unit(d.lw(i + 1)).is_some()
        && matches!(prev, "de" | "casi" | "durante" | "hace" | "por")
    {
        return Some(NumberCore {
            v: Decimal::ONE,
            next: i + 1,
            scaled: false,
            spelled: true,
            vague: false,
        });
    }
    if matches!(w, "un" | "una" | "uno") {
        // the article: a number only before a scale or collective word
        let (v, next) = match d.lw(i + 1) {
            "millón" | "millon" => (1_000_000u64, i + 2),
            "billón" | "billon" => (1_000_000_000_000, i + 2),
            "centenar" => (100, i + 2),
            "millar" => (1000, i + 2),
            "docena" => (12, i + 2),
            "par" => (2, i + 2),
            _ => return None,
        };
        return Some(NumberCore {
            v: Decimal::from(v),
            next,
            scaled: v >= 1000,
            spelled: true,
            vague: false,
        });
    }
    let mut total: u64 = 0;
    let mut cur: u64 = first;
    let mut j = i + 1;
    let mut scaled = false;
    while j < hi {
        let n = d.lw(j);
        if n == "y" && cur % 100 >= 20 && cur % 10 == 0 {
            if let Some(u) = number_word(d.lw(j + 1)).filter(|&u| u < 10) {
                cur += u;
                j += 2;
                continue;
            }
            break;
        }
        if let Some(u) = number_word(n).filter(|&u| u < 100 && u > 0) {
            if cur % 100 == 0 && cur > 0 && !matches!(n, "un" | "una") {
                cur += u;
                j += 1;
                continue;
            }
            break;
        }
        match n {
            "mil" => {
                total += cur.max(1) * 1000;
                cur = 0;
                scaled = true;
            }
            "millón" | "millones" | "millon" => {
                total += cur.max(1) * 1_000_000;
                cur = 0;
                scaled = true;
            }
            "billón" | "billones" => {
                total += cur.max(1) * 1_000_000_000_000;
                cur = 0;
                scaled = true;
            }
            _ => break,
        }
        j += 1;
    }
    Some(NumberCore {
        v: Decimal::from(total + cur),
        next: j,
        scaled,
        spelled: true,
        vague: false,
    })
}

/// The unit after a Spanish number at token `j`.
fn unit_after(scope: &Scope, j: usize, c: &NumberCore, money: bool) -> Option<UnitMatch> {
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
fn money_rate(d: &Doc, j: usize) -> bool {
    let k = if d.lw(j) == "unidades" { j + 1 } else { j };
    d.lw(k) == "por" && matches!(d.lw(k + 1), "dólar" | "euro")
}

/// The currency of an exchange rate: the last currency named before it in the sentence.
fn rate_currency(scope: &Scope, j: usize) -> Option<&'static str> {
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
fn cents_currency(scope: &Scope, j: usize) -> (Option<&'static str>, usize) {
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

/// Pesos of the country named nearby (up to 400 tokens back, then the whole text's start).
fn peso_of_context(scope: &Scope, j: usize) -> &'static str {
    let d = scope.doc;
    let a = j.saturating_sub(400);
    (a..j)
        .rev()
        .find_map(|k| peso_country(d.lw(k)))
        .unwrap_or("MXN")
}

/// Poll points, not league or index points: the sentence talks about polls, elections, rates or
/// percents, and not about an index or a league.
fn poll_context(scope: &Scope, j: usize) -> bool {
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

/// Hedge words ending right before token `t0` (articles between are skipped: "más de los",
/// "al menos el", "cerca del"). Returns (first hedge token, approx).
fn hedge_before(d: &Doc, t0: usize, lo: usize) -> (usize, Approx) {
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
fn passes_beyond(w: &str) -> bool {
    matches!(
        w,
        "pasa" | "pasan" | "pasó" | "pasaron" | "pasaba" | "pasaban" | "pasará" | "pasar"
    )
}

/// A verb that hedges the amount after it without being part of its surface: "superó los 250.000"
/// (more than), "rondaron los 95.000" (about; only with the article: "ronda 2" is a round).
fn hedge_verb(w: &str, with_article: bool) -> Option<Approx> {
    match w {
        "superó" | "supera" | "superan" | "superaron" | "sobrepasó" | "rebasó" => {
            Some(Approx::MoreThan)
        }
        "ronda" | "rondan" | "rondó" | "rondaron" | "rondaba" | "rondaban" | "rondará"
            if with_article =>
        {
            Some(Approx::About)
        }
        _ => None,
    }
}

/// An amount at digit or word token `start.number`: number, unit, hedge, range.
fn amount(scope: &Scope, start: AmountStart) -> Option<Mention> {
    let Scope {
        doc: d,
        sent,
        lo,
        hi,
    } = *scope;
    let money = start.currency.is_some();
    let c = number_core(d, start.number, hi)?;
    let mut m = Mention::new(d, sent, start.t0, c.next, Kind::Quantity);
    let mut v = c.v;
    let mut end = c.next;
    let mut unit_name = start.currency;
    if let Some(u) = unit_after(scope, end, &c, money) {
        unit_name = Some(u.unit);
        m.kind = u.kind;
        end = u.next;
        v = v.checked_mul(u.mult)?;
    }
    if start.negative {
        v = -v;
    }
    m.t1 = end;
    m.e = d.toks[end - 1].end();
    m.value = Some(Value::Number(v));
    m.unit = unit_name;
    m.bare = unit_name.is_none();
    m.scaled = c.scaled;
    m.spelled = c.spelled;
    if c.vague {
        m.approx = Approx::MoreThan;
    }
    let t0 = start.t0;
    let opener = if t0 > lo { d.lw(t0 - 1) } else { "" };
    let opener = if matches!(opener, "un" | "una" | "el" | "los") && t0 > lo + 1 {
        d.lw(t0 - 2)
    } else {
        opener
    };
    if let Some(r) = range(scope, &m, &c, opener) {
        return Some(r);
    }
    if !c.vague {
        let (h0, approx) = hedge_before(d, t0, lo);
        if approx != Approx::Exact {
            m.h0 = h0;
            m.approx = approx;
        }
    }
    if d.lw(m.t1) == "o" && d.lw(m.t1 + 1) == "más" {
        m.approx = Approx::MoreThan;
    }
    age(scope, &mut m);
    Some(m)
}

/// "entre 30 y 45 millones de dólares", "entre un 1,1% y un 1,5%", "de 10 a 14 años", "3-5%".
fn range(scope: &Scope, low: &Mention, c: &NumberCore, opener: &str) -> Option<Mention> {
    let d = scope.doc;
    let conn = if d.is_sym(low.t1, '%') {
        low.t1
    } else {
        c.next
    };
    let conn = if low.unit.is_some() && !d.is_sym(conn, '-') {
        low.t1
    } else {
        conn
    };
    let cw = d.lw(conn);
    let ok = (cw == "y" && opener == "entre")
        || (cw == "a" && opener == "de")
        || (d.is_dash(conn) && d.glued(conn) && d.glued(conn + 1));
    if !ok || c.vague {
        return None;
    }
    let mut n2 = conn + 1;
    if matches!(d.lw(n2), "un" | "una" | "el" | "los") && d.is_number(n2 + 1) {
        n2 += 1;
    }
    if !(d.is_number(n2) || number_word(d.lw(n2)).is_some()) || year_val(d, n2).is_some() {
        return None;
    }
    let c2 = number_core(d, n2, scope.hi)?;
    let u2 = unit_after(scope, c2.next, &c2, false);
    let (unit2, e2, mult2) = match &u2 {
        Some(u) => (Some(u.unit), u.next, u.mult),
        None => (None, c2.next, Decimal::ONE),
    };
    if low.unit.is_some() && unit2.is_some() && low.unit != unit2 {
        return None;
    }
    let mut v1 = low.num()?;
    if low.unit.is_none() && mult2 != Decimal::ONE {
        v1 = v1.checked_mul(mult2)?;
    }
    let mut v2 = c2.v.checked_mul(mult2)?;
    // "30 y 45 millones": the scale applies to both ends
    if !c.scaled && c2.scaled && d.is_number(n2) {
        if let Some(b2) = parse_num(d, n2).filter(|b| !b.is_zero()) {
            v1 = v1.checked_mul(c2.v.checked_div(b2)?)?;
        }
    }
    if v1 >= v2 {
        return None;
    }
    if low.kind == Kind::Age {
        v2 = c2.v;
    }
    let mut r = low.clone();
    r.value = Some(Value::Number(v1));
    r.high = Some(Value::Number(v2));
    r.unit = unit2.or(low.unit);
    r.kind = u2.map_or(low.kind, |u| u.kind);
    r.t1 = e2;
    r.e = d.toks[e2 - 1].end();
    r.approx = Approx::Range;
    r.bare = r.unit.is_none();
    r.scaled = c.scaled || c2.scaled;
    if !(d.is_dash(conn)) {
        r.h0 = low.t0.saturating_sub(1).max(scope.lo);
    }
    age(scope, &mut r);
    Some(r)
}

/// Ages: "Chepngetich, de 30 años," (a person's age), "niños de 10 a 14 años", "menores de 35
/// años" (age groups, which score low).
fn age(scope: &Scope, m: &mut Mention) {
    let d = scope.doc;
    if m.unit != Some("years") || m.t0 <= scope.lo || d.lw(m.t0 - 1) != "de" {
        return;
    }
    let before = m.t0 - 1;
    let group = before > scope.lo
        && (person_noun(d.lw(before - 1)) || matches!(d.lw(before - 1), "menores" | "mayores"));
    let named = before > scope.lo && d.is_sym(before - 1, ',');
    if group || named {
        m.unit = Some("age");
        m.kind = Kind::Age;
        if group || m.approx == Approx::Range {
            m.bonus = -0.3;
        }
        if m.approx == Approx::Exact && before > scope.lo {
            if let Some(a) = match d.lw(before - 1) {
                "menores" => Some(Approx::LessThan),
                "mayores" => Some(Approx::MoreThan),
                _ => None,
            } {
                m.approx = a;
            }
        }
    }
}

fn digit_amount(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let mut start = AmountStart::plain(i);
    if i > scope.lo
        && d.glued(i)
        && matches!(d.sym(i - 1), Some('-' | '−'))
        && (d.toks[i - 1].space_before || i - 1 == scope.lo)
    {
        start.t0 = i - 1;
        start.negative = true;
    }
    // "$ 348 millones" with a space after the symbol
    if i > scope.lo {
        if let Some(cur) = d.sym(i - 1).and_then(lex::currency_symbol) {
            start = AmountStart::with_currency(i - 1, i, cur);
        }
    }
    Step::decided(amount(scope, start))
}

/// "14.08.2025", "2025.8.14": a dotted date, never a claim.
fn dotted_date(scope: &Scope, i: usize) -> Step<Mention> {
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

/// "tel. 91 597 70 00", "teléfono: 900 100 200": the digit groups after a phone word.
fn phone_after_word(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let mut p = i.saturating_sub(1);
    if p > scope.lo && matches!(d.sym(p), Some('.' | ':')) {
        p -= 1;
    }
    if !(i > scope.lo && matches!(d.lw(p), "tel" | "teléfono" | "telf" | "fax" | "móvil")) {
        return Step::Pass;
    }
    let mut e = i + 1;
    while e < scope.hi && d.is_number(e) && d.toks[e].space_before && !d.toks[e].grouped {
        e += 1;
    }
    Step::Found(label(d, scope.sent, i, e))
}

/// "página 1 de 2", "pág. 3", "sindicato N° 2": page counters and numbers after a number sign are
/// labels.
fn page_counter(scope: &Scope, i: usize) -> Step<Mention> {
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
fn day_of_month(scope: &Scope, i: usize) -> Step<Mention> {
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
fn year(scope: &Scope, i: usize) -> Step<Mention> {
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
fn ordinal_sign(scope: &Scope, i: usize) -> Step<Mention> {
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

/// "el doble", "duplicó", "triplicaron", "el triple", "la mitad".
fn multiplier(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let w = d.lw(i);
    let prev = if i > scope.lo { d.lw(i - 1) } else { "" };
    let v = if w.starts_with("duplic") && !w.ends_with("ción") {
        Decimal::from(2)
    } else if w.starts_with("triplic") && !w.ends_with("ción") {
        Decimal::from(3)
    } else if w.starts_with("cuadruplic") {
        Decimal::from(4)
    } else {
        match (prev, w) {
            ("el" | "del" | "al", "doble") => Decimal::from(2),
            ("el" | "del" | "al", "triple") => Decimal::from(3),
            ("la", "mitad") => Decimal::new(5, 1),
            _ => return Step::Pass,
        }
    };
    let mut m = Mention::new(d, scope.sent, i, i + 1, Kind::Quantity);
    m.unit = Some("ratio");
    m.value = Some(Value::Number(v));
    let p = if matches!(prev, "el" | "del" | "al" | "la") && i > scope.lo {
        i - 1
    } else {
        i
    };
    let (h0, approx) = hedge_before(d, p, scope.lo);
    if approx != Approx::Exact {
        m.h0 = h0;
        m.approx = approx;
    }
    Step::Found(m)
}

/// "dos de cada tres", "9 de cada 10", "una de cada cinco": a share of a group, as a ratio.
fn share(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    if !(d.lw(i + 1) == "de" && d.lw(i + 2) == "cada" && i + 4 <= scope.hi) {
        return Step::Pass;
    }
    let whole_number =
        |k: usize| number_word(d.lw(k)).or_else(|| small_int(d, k, 4).map(u64::from));
    let (Some(part), Some(whole)) = (whole_number(i), whole_number(i + 3)) else {
        return Step::Pass;
    };
    if part == 0 || whole <= part {
        return Step::Pass;
    }
    let v = (Decimal::from(part) / Decimal::from(whole))
        .round_dp(6)
        .normalize();
    let mut m = Mention::number(d, scope.sent, (i, i + 4), "ratio", v);
    m.take_hedge(hedge_before(d, i, scope.lo));
    Step::Found(m)
}

/// "un tercio", "dos tercios", "un cuarto de", "tres cuartas partes".
fn fraction(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let Some(n) = number_word(d.lw(i)).filter(|&n| (1..10).contains(&n)) else {
        return Step::Pass;
    };
    let (den, next) = match d.lw(i + 1) {
        "tercio" | "tercios" => (3, i + 2),
        "cuarto" | "cuartos" if d.lw(i + 2) == "de" => (4, i + 2),
        "cuartas" if d.lw(i + 2) == "partes" => (4, i + 3),
        "quinto" | "quintos" if d.lw(i + 2) == "de" => (5, i + 2),
        _ => return Step::Pass,
    };
    let v = (Decimal::from(n) / Decimal::from(den))
        .round_dp(6)
        .normalize();
    let mut m = Mention::new(d, scope.sent, i, next, Kind::Quantity);
    m.unit = Some("ratio");
    m.value = Some(Value::Number(v));
    // "alrededor de un tercio", "casi dos tercios"
    let (h0, approx) = hedge_before(d, i, scope.lo);
    if approx != Approx::Exact {
        m.approx = approx;
        m.h0 = h0;
    }
    Step::Found(m)
}

/// "primera", "quinto mejor tiempo"; "primer ministro" is a title, not a ranking.
fn ordinal(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let w = d.lw(i);
    let Some(n) = ordinal_word(w) else {
        return Step::Pass;
    };
    let next = d.lw(i + 1);
    if matches!(
        next,
        "ministro" | "ministra" | "vuelta" | "trimestre" | "semestre" | "lugar"
    ) || (w.starts_with("segund") && !d.is_word(i + 1))
        || d.cap(i) && i > scope.lo
    {
        return Step::Refuse;
    }
    let mut m = Mention::new(d, scope.sent, i, i + 1, Kind::Ordinal);
    m.unit = Some("ordinal");
    m.value = Some(Value::Number(Decimal::from(n)));
    if matches!(next, "mejor" | "mayor" | "peor" | "menor" | "más") {
        m.bonus = 0.1;
    }
    // "los primeros seis meses", "los 10 primeros puestos", "la primera quincena": a place in a
    // sequence or a period, not a ranking
    let before_number = i > scope.lo && d.is_number(i - 1);
    let period = matches!(
        next,
        "quincena"
            | "semana"
            | "mes"
            | "meses"
            | "mitad"
            | "fase"
            | "ronda"
            | "etapa"
            | "día"
            | "año"
            | "puestos"
            | "lugares"
    );
    if before_number || period || d.is_number(i + 1) || number_word(next).is_some() {
        m.bonus = -0.2;
    }
    Step::Found(m)
}

/// "12 escaños, uno más que en 2019", "36, una más que la mayoría": "uno" (or "una", "un") before
/// "más"/"menos" is the number one, a difference that can be checked, not an article.
fn one_more_or_fewer(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    if !(matches!(d.lw(i), "uno" | "una" | "un") && matches!(d.lw(i + 1), "más" | "menos")) {
        return Step::Pass;
    }
    // "una más que", "uno menos que": compared with something
    if d.lw(i + 2) != "que" {
        return Step::Pass;
    }
    let mut m = Mention::new(d, scope.sent, i, i + 1, Kind::Quantity);
    m.value = Some(Value::Number(Decimal::ONE));
    m.unit = Some("count");
    m.spelled = true;
    Step::Found(m)
}

fn spelled_amount(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let w = d.lw(i);
    if number_word(w).is_none()
        && !matches!(
            w,
            "miles" | "millares" | "cientos" | "centenares" | "decenas" | "millones" | "medio"
        )
    {
        return Step::Pass;
    }
    if w == "uno" || (w == "millones" && d.lw(i + 1) != "de") {
        return Step::Refuse;
    }
    let Some(m) = amount(scope, AmountStart::plain(i)) else {
        return Step::Refuse;
    };
    // vague plurals need "de" + noun: "miles de personas"
    let vague = matches!(
        w,
        "miles" | "millares" | "cientos" | "centenares" | "decenas" | "millones"
    );
    if vague && m.t1 == i + 1 && d.lw(i + 1) != "de" {
        return Step::Refuse;
    }
    // "los dos candidatos", "sus tres hijos": back-references
    let mut m = m;
    if m.bare
        && i > scope.lo
        && matches!(d.lw(i - 1), "los" | "las" | "sus" | "ambos")
        && m.num().is_some_and(|v| v <= Decimal::from(10))
    {
        m.bonus = -0.6;
    }
    Step::Found(m)
}

#[cfg(test)]
mod tests {
    use super::{DIGIT_RULES, WORD_RULES};
    use crate::extract::quantity::rule_tests::fires_in;
    use crate::extract::quantity::Mention;
    use crate::extract::{extract_in, Candidate, Lang};

    /// (start of the rule name, text, the token the rule starts at, surface it must find).
    const EXAMPLES: &[(&str, &str, &str, &str)] = &[
        (
            "phone number",
            "Llame al +34 91 597 70 00 hoy.",
            "34",
            "+34 91 597 70 00",
        ),
        (
            "code or model name",
            "Los casos de COVID-19 bajaron.",
            "19",
            "COVID-19",
        ),
        (
            "ISO date",
            "Publicado el 2025-08-14 en Lima.",
            "2025",
            "2025-08-14",
        ),
        (
            "dotted date",
            "Publicado el 14.08.2025 en Lima.",
            "14",
            "14.08.2025",
        ),
        ("slash pair", "Abierto 24/7 todo el año.", "24", "24/7"),
        (
            "clock or race time",
            "Ganó con 2:09:56 en Chicago.",
            "2",
            "2:09:56",
        ),
        ("leading zeros", "El código 0300 no existe.", "0300", "0300"),
        ("list enumerator", "Resultados:\n1. Chepngetich", "1", "1."),
        (
            "phone after a phone word",
            "Prensa, tel. 91 597 70 00 hoy.",
            "91",
            "91 597 70 00",
        ),
        (
            "page counter",
            "Más información. Página 1 de 2",
            "1",
            "Página 1 de 2",
        ),
        (
            "day of month",
            "Ocurrió el 14 de agosto de 2025.",
            "14",
            "14 de agosto de 2025",
        ),
        (
            "year",
            "Es la mayor desde 1989 en la región.",
            "1989",
            "1989",
        ),
        ("ordinal with a sign", "Quedó en el 3º puesto.", "3", "3º"),
        (
            "share in digits",
            "Votó 9 de cada 10 electores.",
            "9",
            "9 de cada 10",
        ),
        (
            "share in words",
            "Casi dos de cada tres incendios.",
            "dos",
            "dos de cada tres",
        ),
        ("amount", "Llegaron 5.600 personas.", "5.600", "5.600"),
        (
            "multiplier",
            "Las ventas se duplicaron en mayo.",
            "duplicaron",
            "duplicaron",
        ),
        (
            "fraction",
            "Dos tercios de los votantes.",
            "Dos",
            "Dos tercios",
        ),
        (
            "ordinal word",
            "Es la quinta vez que ocurre.",
            "quinta",
            "quinta",
        ),
        ("spelled amount", "Murieron diez personas.", "diez", "diez"),
        (
            "one more or one fewer",
            "Ganó 12 escaños, uno más que en 2019.",
            "uno",
            "uno",
        ),
        (
            "hour of the day",
            "La sesión empezó a las 10 en punto.",
            "10",
            "10",
        ),
        (
            "day before a short month",
            "MADRID, 3 feb (Agencia) --",
            "3",
            "3 feb",
        ),
    ];

    #[test]
    fn every_spanish_rule_has_an_example_that_it_decides() {
        for rule in DIGIT_RULES.iter().chain(WORD_RULES) {
            let Some(&(_, text, at, want)) = EXAMPLES.iter().find(|e| rule.name.starts_with(e.0))
            else {
                panic!("no example for rule {:?}", rule.name);
            };
            let got = fires_in(Lang::Es, rule, text, at, |m: &Mention| (m.s, m.e));
            assert_eq!(got.as_deref(), Some(want), "{}", rule.name);
        }
    }

    fn one(text: &str, surface: &str) -> Candidate {
        let cs = extract_in(text, Lang::Es);
        cs.into_iter()
            .find(|c| c.surface == surface)
            .unwrap_or_else(|| panic!("no {surface:?} in {text:?}"))
    }

    fn check(text: &str, surface: &str, value: &str, unit: &str, approx: &str) {
        let c = one(text, surface);
        let v = c.value.as_ref().map(|v| v.to_string()).unwrap_or_default();
        assert_eq!(
            (
                v.as_str(),
                c.unit.as_deref().unwrap_or(""),
                c.approx.as_str()
            ),
            (value, unit, approx),
            "{surface:?} in {text:?}"
        );
    }

    #[test]
    fn shares_of_a_group_and_speeds() {
        check(
            "Casi dos de cada tres incendios fueron provocados.",
            "dos de cada tres",
            "0.666667",
            "ratio",
            "about",
        );
        check(
            "Una de cada cinco dosis irá al campo.",
            "Una de cada cinco",
            "0.2",
            "ratio",
            "exact",
        );
        check(
            "Votaron 9 de cada 10 socios.",
            "9 de cada 10",
            "0.9",
            "ratio",
            "exact",
        );
        check(
            "Las ráfagas superaron los 60 kilómetros por hora.",
            "60 kilómetros por hora",
            "60",
            "km/h",
            "more_than",
        );
        check(
            "El tren circula a 200 km por hora.",
            "200 km por hora",
            "200",
            "km/h",
            "exact",
        );
        // a distance stays a distance
        check(
            "Recorrió 60 kilómetros por la costa.",
            "60 kilómetros",
            "60",
            "km",
            "exact",
        );
    }

    #[test]
    fn decimal_comma_and_thousands_dot() {
        check(
            "La inflación subió al 8,2% en julio.",
            "8,2%",
            "8.2",
            "percent",
            "exact",
        );
        check(
            "Llegaron 5.600 personas.",
            "5.600",
            "5600",
            "person",
            "exact",
        );
        check(
            "Votaron 1.234.567 electores.",
            "1.234.567",
            "1234567",
            "person",
            "exact",
        );
        check(
            "La tasa es del 3,5 por ciento.",
            "3,5 por ciento",
            "3.5",
            "percent",
            "exact",
        );
    }

    #[test]
    fn scale_words_and_money() {
        check(
            "El plan costará 348 millones de dólares.",
            "348 millones de dólares",
            "348000000",
            "USD",
            "exact",
        );
        check(
            "Recibió $348 millones.",
            "$348 millones",
            "348000000",
            "USD",
            "exact",
        );
        check(
            "La deuda llegó a 17,4 billones de pesos en México.",
            "17,4 billones de pesos",
            "17400000000000",
            "MXN",
            "exact",
        );
        check(
            "Invirtió 3 mil millones de euros.",
            "3 mil millones de euros",
            "3000000000",
            "EUR",
            "exact",
        );
    }

    #[test]
    fn number_words_and_vague_amounts() {
        check("Murieron diez personas.", "diez", "10", "person", "exact");
        check("Hubo cien heridos.", "cien", "100", "person", "exact");
        check(
            "Llegó un centenar de migrantes.",
            "un centenar",
            "100",
            "person",
            "exact",
        );
        check(
            "Miles de personas marcharon.",
            "Miles",
            "1000",
            "person",
            "more_than",
        );
        check(
            "Se vendieron medio millón de entradas.",
            "medio millón",
            "500000",
            "count",
            "exact",
        );
    }

    #[test]
    fn hedges() {
        check(
            "Hay casi 180.000 personas.",
            "180.000",
            "180000",
            "person",
            "about",
        );
        check("Llegaron unos 12 aviones.", "12", "12", "count", "about");
        check(
            "Desplegó más de 4.000 efectivos.",
            "4.000",
            "4000",
            "person",
            "more_than",
        );
        check(
            "Viven cerca de 2.200 marines.",
            "2.200",
            "2200",
            "person",
            "about",
        );
        check(
            "Asistieron alrededor de 300 personas.",
            "300",
            "300",
            "person",
            "about",
        );
        check(
            "Al menos el 30% son jóvenes.",
            "30%",
            "30",
            "percent",
            "more_than",
        );
    }

    #[test]
    fn ranges_dates_and_units() {
        check(
            "Costará entre 30 y 45 millones de dólares.",
            "30 y 45 millones de dólares",
            "30000000",
            "USD",
            "range",
        );
        check(
            "Ocurrió el 14 de agosto de 2025.",
            "14 de agosto de 2025",
            "2025-08-14",
            "date",
            "exact",
        );
        check(
            "La flotilla está a 200 kilómetros.",
            "200 kilómetros",
            "200",
            "km",
            "exact",
        );
        check(
            "Subió 1,5 puntos porcentuales.",
            "1,5 puntos porcentuales",
            "1.5",
            "percentage_point",
            "exact",
        );
    }

    #[test]
    fn identifiers_dates_and_phones_are_not_claims() {
        for (text, surface) in [
            ("Los casos de COVID-19 bajaron.", "COVID-19"),
            ("Llame al +34 91 597 70 00.", "+34 91 597 70 00"),
            ("Publicado el 14.08.2025 en Madrid.", "14.08.2025"),
            ("Página 1 de 2", "Página 1 de 2"),
        ] {
            let c = one(text, surface);
            assert!(!c.check_worthy, "{surface:?} in {text:?}");
        }
    }
}
