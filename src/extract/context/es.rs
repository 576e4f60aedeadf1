//! Spanish context: the subject after or before a quantity ("4.000 *efectivos*", "*la inflación
//! general* se moderó al 3,57%"), whether a bare count counts people, the speaker ("según X",
//! "X dijo", ", informó el organismo"), and the penalties for numbers that sample, define or
//! place rather than claim.

use super::score::is_money;
use super::subject::Span;
use crate::extract::quantity::es::{demonym, np_stop, person_noun, say_verb, title_word};
use crate::extract::quantity::{Kind, Mention};
use crate::extract::text::Doc;
use crate::extract::Approx;

fn determiner(w: &str) -> bool {
    matches!(
        w,
        "el" | "la" | "los" | "las" | "un" | "una" | "unos" | "unas" | "su" | "sus"
    )
}

/// The noun phrase after token `j`: up to five words, one "de" continuation
/// ("aviones de patrulla marítima").
fn np_forward(d: &Doc, j: usize, hi: usize) -> Option<Span> {
    let mut k = j;
    if matches!(d.lw(k), "de" | "del" | "en") && d.is_word(k + 1) {
        k += 1;
    }
    while determiner(d.lw(k)) {
        k += 1;
    }
    // "22 de los 30 analistas"
    if k > j && d.is_number(k) {
        k += 1;
    }
    let start = k;
    let mut end = k;
    let mut words = 0;
    while k < hi && words < 5 && d.is_word(k) {
        let w = d.lw(k);
        if matches!(w, "de" | "del") && words > 0 && d.is_word(k + 1) && !np_stop(d.lw(k + 1)) {
            k += 1;
            continue;
        }
        if np_stop(w) || say_verb(w) {
            break;
        }
        words += 1;
        k += 1;
        end = k;
    }
    if words == 0 {
        None
    } else {
        Some((start, end))
    }
}

/// A verb form that links a subject to the amount after it ("se moderó al", "alcanzó los").
fn verb_like(w: &str) -> bool {
    w.ends_with('ó')
        || w.ends_with("aron")
        || w.ends_with("ieron")
        || w.ends_with("ará")
        || w.ends_with("erá")
        || w.ends_with("irá")
        || w.ends_with("ado")
        || w.ends_with("ido")
        || matches!(
            w,
            "es" | "son" | "fue" | "fueron" | "era" | "está" | "supone"
        )
}

/// The noun phrase before the amount, past a preposition and a verb ("La tasa ... subió al").
fn np_back(d: &Doc, m: &Mention, lo: usize) -> Option<Span> {
    let mut p = m.h0;
    let step = |p: &mut usize, ok: &dyn Fn(&str) -> bool| {
        if *p > lo && ok(d.lw(*p - 1)) {
            *p -= 1;
        }
    };
    step(&mut p, &|w| determiner(w));
    step(&mut p, &|w| {
        matches!(
            w,
            "de" | "del" | "al" | "a" | "en" | "hasta" | "con" | "por"
        )
    });
    step(&mut p, &verb_like);
    step(&mut p, &|w| w == "se");
    let end = p;
    let mut words = 0;
    while p > lo && words < 5 && d.is_word(p - 1) {
        let w = d.lw(p - 1);
        if matches!(w, "de" | "del") && words > 0 {
            p -= 1;
            continue;
        }
        if np_stop(w) || determiner(w) || verb_like(w) {
            break;
        }
        words += 1;
        p -= 1;
    }
    while p < end && matches!(d.lw(p), "de" | "del") {
        p += 1;
    }
    if words == 0 || p >= end {
        None
    } else {
        Some((p, end))
    }
}

/// Subjects of all mentions; a bare count without a noun inherits the unit of the last counted
/// number of its sentence ("1.500 pacientes ..., frente a unos 300").
pub(super) fn attach(d: &Doc, ms: &mut [Mention]) -> Vec<Option<Span>> {
    let mut last: Option<(usize, &'static str)> = None;
    let mut last_money: Option<(usize, &'static str)> = None;
    ms.iter_mut()
        .map(|m| {
            let bare = m.bare;
            let hi = d.sents[m.sent].hi;
            // a noun right after the number ("1.500 pacientes"), not a phrase after "en"
            let has_noun = d.is_word(m.t1) && !np_stop(d.lw(m.t1)) && m.t1 < hi
                || d.lw(m.t1) == "de" && np_forward(d, m.t1, hi).is_some();
            // "piden 28 millones de pesos (unos 30.000 dólares); la empresa ofrece 18 millones":
            // an amount in millions with nothing counted after it is money, in the currency of the
            // sentence's last amount in millions
            // ("un país de 47 millones" is a population)
            let of_something = m.t0 > 0 && d.lw(m.t0 - 1) == "de";
            if bare && m.scaled && !has_noun && !of_something {
                if let Some((_, currency)) = last_money.filter(|(s, _)| *s == m.sent) {
                    m.unit = Some(currency);
                    m.bare = false;
                    return None;
                }
            }
            let subject = subject_and_unit(d, m);
            if let Some(u) = m.unit.filter(|u| m.scaled && is_money(u)) {
                last_money = Some((m.sent, u));
            }
            if bare {
                match last {
                    Some((s, u)) if s == m.sent && !has_noun => m.unit = Some(u),
                    _ => {}
                }
                if has_noun {
                    last = m.unit.map(|u| (m.sent, u));
                }
            }
            subject
        })
        .collect()
}

/// The subject of `m`; a bare count becomes `person` or `count` from its noun.
fn subject_and_unit(d: &Doc, m: &mut Mention) -> Option<Span> {
    if !matches!(m.kind, Kind::Quantity | Kind::Age | Kind::Ordinal) {
        return None;
    }
    let (lo, hi) = (d.sents[m.sent].lo, d.sents[m.sent].hi);
    let timed = matches!(m.unit, Some("duration" | "months" | "years"));
    let fwd = if timed { None } else { np_forward(d, m.t1, hi) };
    if m.bare {
        let person = match fwd {
            Some((a, b)) => counts_people(d, a, b, hi),
            // "frente a unos 300 en un mes normal": a person noun earlier in the sentence
            None => (m.h0.saturating_sub(20).max(lo)..m.h0).any(|k| {
                let w = d.lw(k);
                person_noun(w) && !demonym(w)
            }),
        };
        m.unit = Some(if person { "person" } else { "count" });
    }
    fwd.or_else(|| np_back(d, m, lo))
}

/// Whether the noun phrase `a..b` after a count names people: its first noun ("300 agentes"), the
/// noun after a leading adjective ("52 presuntos narcotraficantes"), or "elementos" of a force
/// (Mexican usage: "12 mil elementos de la Guardia Nacional").
fn counts_people(d: &Doc, a: usize, b: usize, hi: usize) -> bool {
    let w = d.lw(a);
    if person_noun(w) {
        return true;
    }
    if w == "elementos" {
        // "de la Guardia Nacional", "del Ejército" (with "más" between, perhaps): a force, not
        // "elementos de seguridad" of a car
        return (a + 1..(a + 5).min(hi)).any(|k| {
            matches!(d.lw(k), "de" | "del")
                && matches!(
                    d.lw(k + 1 + usize::from(d.lw(k + 1) == "la")),
                    "guardia" | "ejército" | "policía" | "marina" | "armada" | "sedena" | "semar"
                )
        });
    }
    a + 1 < b && LEADING_ADJECTIVES.contains(&w) && person_noun(d.lw(a + 1))
}

/// Adjectives and determiners written before the noun a count counts: "52 presuntos
/// narcotraficantes", "una veintena de esos legisladores".
const LEADING_ADJECTIVES: &[&str] = &[
    "presuntos",
    "presuntas",
    "supuestos",
    "supuestas",
    "nuevos",
    "nuevas",
    "posibles",
    "antiguos",
    "antiguas",
    "ex",
    "jóvenes",
    // determiners: "una veintena de esos legisladores", "sus 190 miembros"
    "esos",
    "esas",
    "estos",
    "estas",
    "aquellos",
    "sus",
    "los",
    "las",
];

/// A name or "el/la + noun" phrase starting at `s`: "el Pentágono", "Jarbas Barbosa",
/// "la ministra"; after a title and a comma, the name ("el ministro de Defensa, Vladimir
/// Padrino" -> "Vladimir Padrino").
fn name_after(d: &Doc, s: usize, hi: usize) -> Option<Span> {
    let mut k = s;
    if matches!(d.lw(k), "el" | "la" | "los" | "las") {
        k += 1;
    }
    let mut e = k;
    let mut n = 0;
    while e < hi && n < 7 && d.is_word(e) {
        let w = d.lw(e);
        let cap = d.cap(e);
        if !(cap || (n > 0 && matches!(w, "de" | "del")) || (n == 0 && !np_stop(w))) {
            break;
        }
        if n > 0 && !cap && !matches!(w, "de" | "del") {
            break;
        }
        n += 1;
        e += 1;
    }
    while e > k && matches!(d.lw(e - 1), "de" | "del") {
        e -= 1;
    }
    if e == k {
        return None;
    }
    if (k..e).any(|x| title_word(d.lw(x))) && d.is_sym(e, ',') && d.cap(e + 1) {
        let mut f = e + 1;
        while f < hi && d.is_word(f) && d.cap(f) {
            f += 1;
        }
        return Some((e + 1, f));
    }
    Some((s, e))
}

/// A capitalized name ending right before token `e` ("Migración Colombia dijo").
fn name_before(d: &Doc, e: usize, lo: usize) -> Option<Span> {
    let mut s = e;
    while s > lo && d.is_word(s - 1) && (d.cap(s - 1) || matches!(d.lw(s - 1), "de" | "del")) {
        s -= 1;
    }
    while s < e && !d.cap(s) {
        s += 1;
    }
    if s < e && !(s == lo && e - s == 1) {
        Some((s, e))
    } else {
        None
    }
}

/// The speaker of a Spanish sentence (token range).
pub(super) fn speaker(d: &Doc, lo: usize, hi: usize) -> Option<Span> {
    for k in lo..hi {
        let w = d.lw(k);
        // "según X", "de acuerdo con X", "según informó X"
        let after = if w == "según" {
            Some(k + 1)
        } else if w == "acuerdo" && d.lw(k + 1) == "con" && k > lo && d.lw(k - 1) == "de" {
            Some(k + 2)
        } else {
            None
        };
        if let Some(mut s) = after {
            if say_verb(d.lw(s)) {
                s += 1;
            }
            while matches!(d.lw(s), "datos" | "cifras") && d.lw(s + 1) == "del" {
                s += 2;
            }
            if let Some(sp) = name_after(d, s, hi) {
                return Some(sp);
            }
        }
        if d.is_word(k) && say_verb(w) && !d.cap(k) {
            // ", dijo X" / "\", afirmó Padrino"
            if k > lo && matches!(d.sym(k - 1), Some(',' | '"' | '”')) {
                if let Some(sp) = name_after(d, k + 1, hi) {
                    return Some(sp);
                }
            }
            if let Some(sp) = name_before(d, k, lo) {
                return Some(sp);
            }
            if let Some(sp) = name_after(d, k + 1, hi) {
                return Some(sp);
            }
        }
    }
    None
}

/// Numbers that sample, define or place rather than claim.
/// Words of a match, for a bare "a los 41" that places a goal.
const ES_PLAY: &[&str] = &[
    "minuto",
    "minutos",
    "gol",
    "goles",
    "partido",
    "tiempo",
    "remate",
    "penal",
    "penalti",
    "marcador",
    "cabezazo",
    "tiro",
    "empate",
    "expulsado",
];

pub(super) fn penalty(d: &Doc, m: &Mention, lo: usize) -> f64 {
    if m.kind != Kind::Quantity {
        return 0.0;
    }
    let h = m.h0;
    let p1 = if h > lo { d.lw(h - 1) } else { "" };
    let a = h.saturating_sub(8).max(lo);
    // margins of error: "un margen de error de 3,1 puntos", "±2"
    if (a..h).any(|k| d.is_sym(k, '±') || (d.lw(k) == "margen" && d.lw(k + 2) == "error")) {
        return 0.4;
    }
    // rate denominators: "por cada 100.000 habitantes"
    if p1 == "cada" {
        return 0.5;
    }
    // samples: "una encuesta realizada a 1.004 personas", "de los 30 analistas encuestados"
    let headcount = matches!(m.unit, Some("person" | "count"));
    if headcount
        && (matches!(d.lw(m.t1 + 1), "encuestados" | "consultados")
            || matches!(d.lw(m.t1), "encuestados" | "consultados")
            || (p1 == "a" && (a..h).any(|k| matches!(d.lw(k), "encuesta" | "sondeo"))))
    {
        return 0.4;
    }
    // a category: "hoteles de cinco estrellas"
    if p1 == "de" && matches!(d.lw(m.t1), "estrellas" | "estrella") {
        return 0.4;
    }
    // a band of ages that defines a group: "votantes de entre 18 y 29 años", "obligatorio entre
    // los 18 y los 70 años" (a span of time takes no article: "una pena de entre 10 y 15 años")
    if m.unit == Some("years") && m.approx == Approx::Range && m.t0 >= lo + 2 {
        let (w1, w2) = (d.lw(m.t0 - 1), d.lw(m.t0 - 2));
        // "de entre" after the people the band describes, not "una pena de entre 10 y 15 años"
        let people_before = m.t0 >= lo + 3 && {
            let w = d.lw(m.t0 - 3);
            person_noun(w) || matches!(w, "encuestados" | "consultados" | "entrevistados")
        };
        if (w1 == "entre" && w2 == "de" && people_before) || (w1 == "los" && w2 == "entre") {
            return 0.4;
        }
    }
    // "20 de sus 25 regiones": the total a part is taken from (as the Spanish corpus marks it)
    if h >= lo + 3
        && matches!(p1, "sus" | "los" | "las")
        && d.lw(h - 2) == "de"
        && d.is_number(h - 3)
    {
        return 0.4;
    }
    // the minute of a match: "a los 23 minutos del primer tiempo", "a los 41 con un remate", the
    // minute marks of a summary ("PT 23' Arriola")
    let nx = d.lw(m.t1);
    let at_the = p1 == "los" && h >= lo + 2 && d.lw(h - 2) == "a";
    let minute = match m.unit {
        Some("duration") => at_the && d.lw(m.t1 - 1).starts_with("minuto"),
        Some("count") => {
            let play = || {
                (lo..h)
                    .chain(m.t1..m.t1 + 12)
                    .any(|k| ES_PLAY.contains(&d.lw(k)))
            };
            let mark = d.glued(m.t1) && matches!(d.sym(m.t1), Some('\'' | '’'));
            (at_the && (!d.is_word(m.t1) || matches!(nx, "con" | "del" | "de" | "y")) && play())
                || (mark && (d.cap(m.t1 + 1) || matches!(p1, "pt" | "st")))
        }
        _ => false,
    };
    if minute {
        return 0.4;
    }
    let window = matches!(p1, "últimos" | "últimas" | "primeros" | "primeras");
    if window
        && m.unit
            .is_some_and(|u| !u.chars().all(|c| c.is_ascii_uppercase()))
    {
        return 0.3;
    }
    if matches!(m.unit, Some("duration" | "months" | "years")) {
        let nx = d.lw(m.t1);
        if matches!(
            p1,
            "próximos" | "próximas" | "últimos" | "últimas" | "primeros" | "primeras" | "hace"
        ) || matches!(nx, "después" | "antes" | "atrás" | "más")
        {
            return 0.25;
        }
    }
    0.0
}
