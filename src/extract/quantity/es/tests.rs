use super::{DIGIT_RULES, WORD_RULES};
use crate::extract::quantity::rule_tests::{every_rule_decides_its_example, Example};
use crate::extract::tests::{candidate_in, check_quantity_in};
use crate::extract::{Candidate, Lang};

/// (start of the rule name, text, the token the rule starts at, surface it must find).
const EXAMPLES: &[Example] = &[
    (
        "phone number",
        "Llame al +34 91 597 70 00 hoy.",
        "34",
        "+34 91 597 70 00",
    ),
    (
        "emergency number",
        "Puede llamar al 911 de inmediato.",
        "911",
        "911",
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
        "spaced phone groups",
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
    ("side of a score", "El Betis ganó 0-2 en Vigo.", "0", "0"),
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
    every_rule_decides_its_example(Lang::Es, DIGIT_RULES.iter().chain(WORD_RULES), EXAMPLES);
}

fn one(text: &str, surface: &str) -> Candidate {
    candidate_in(Lang::Es, text, surface)
}

fn check(text: &str, surface: &str, value: &str, unit: &str, approx: &str) {
    check_quantity_in(Lang::Es, text, surface, (value, unit, approx));
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
