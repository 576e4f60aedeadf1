//! Spanish parts and ranks: multipliers (el doble, la mitad), shares (dos de cada tres), fractions
//! (un tercio), ordinal words, and "uno más que".

use super::*;

/// "el doble", "duplicó", "triplicaron", "el triple", "la mitad".
pub(super) fn multiplier(scope: &Scope, i: usize) -> Step<Mention> {
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
    // "más del doble", "en torno al doble": the hedge ends in "del" or "al", so it is read from
    // the word
    let p = if matches!(prev, "el" | "la") && i > scope.lo {
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
pub(super) fn share(scope: &Scope, i: usize) -> Step<Mention> {
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

/// "un tercio", "dos tercios", "un cuarto de", "tres cuartas partes", "la tercera parte".
pub(super) fn fraction(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    // "la tercera parte", "la quinta parte": one part of so many
    // (not a sequel: "la tercera parte de la saga")
    let sequel = d.lw(i + 3) == "de"
        && matches!(
            d.lw(i + 5),
            "saga" | "serie" | "trilogía" | "película" | "franquicia" | "novela"
        );
    let one_part = d.lw(i) == "la" && d.lw(i + 2) == "parte" && !sequel;
    let Some(n) = number_word(d.lw(i))
        .filter(|&n| (1..10).contains(&n))
        .or(one_part.then_some(1))
    else {
        return Step::Pass;
    };
    // "un cuarto" closing a clause after a change or a hedge ("creció casi un cuarto.", "cayó en
    // un cuarto"), not a room ("durmieron en un cuarto.") or a fourth one ("buscan a un cuarto")
    let prev = if i > scope.lo { d.lw(i - 1) } else { "" };
    let measured = matches!(prev, "casi" | "menos" | "unos" | "apenas")
        || change_verb(prev)
        || (prev == "en" && i > scope.lo + 1 && change_verb(d.lw(i - 2)));
    let closes =
        n == 1 && measured && (i + 2 >= scope.hi || (!d.is_word(i + 2) && !d.is_number(i + 2)));
    let (den, next) = match d.lw(i + 1) {
        "tercio" | "tercios" => (3, i + 2),
        "cuarto" | "cuartos" if d.lw(i + 2) == "de" && d.lw(i + 3) != "baño" => (4, i + 2),
        "cuarto" | "quinto" if closes => (if d.lw(i + 1) == "cuarto" { 4 } else { 5 }, i + 2),
        "cuartas" if d.lw(i + 2) == "partes" => (4, i + 3),
        "quinto" | "quintos" if d.lw(i + 2) == "de" => (5, i + 2),
        // "una séptima parte", "dos terceras partes": an ordinal before parte(s)
        w if matches!(d.lw(i + 2), "parte" | "partes") => {
            match ordinal_word(w).or_else(|| w.strip_suffix('s').and_then(ordinal_word)) {
                Some(den) if den > n && den >= 3 => (den, i + 3),
                _ => return Step::Pass,
            }
        }
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
pub(super) fn ordinal(scope: &Scope, i: usize) -> Step<Mention> {
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
        // a match's half, "el primer tiempo" (not "el tercer tiempo en la clasificación", "el
        // segundo tiempo más rápido")
        || (next == "tiempo"
            && (w.starts_with("primer") || w.starts_with("segund"))
            && !matches!(d.lw(i + 2), "más" | "en"))
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
            // items of a series: "la segunda pregunta", "la segunda dosis", "la tercera ola"
            | "pregunta"
            | "dosis"
            | "edición"
            | "jornada"
            | "sesión"
            | "ola"
            | "lectura"
            | "convocatoria"
    );
    // "por quinta sesión consecutiva": a streak, which ranks
    let streak = matches!(
        d.lw(i + 2),
        "consecutiva" | "consecutivo" | "seguida" | "seguido"
    );
    if before_number || (period && !streak) || d.is_number(i + 1) || number_word(next).is_some() {
        m.bonus = -0.2;
    }
    Step::Found(m)
}

/// "12 escaños, uno más que en 2019", "36, una más que la mayoría": "uno" (or "una", "un") before
/// "más"/"menos" is the number one, a difference that can be checked, not an article.
pub(super) fn one_more_or_fewer(scope: &Scope, i: usize) -> Step<Mention> {
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
