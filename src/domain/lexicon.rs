//! A small trilingual lexicon for matching claims across languages: the nouns news numbers most
//! often count or measure, each with its English, Spanish and Korean forms, read as one concept
//! (its English name). "4,000 troops", "4.000 efectivos" and "병력 4천 명" are then said of the same
//! thing. Korean attaches particles to its nouns (병력은, 병력을): they are taken off first.
//!
//! A word not listed stays itself, so an unlisted noun still matches its own language.

use crate::extract::korean_stem;

/// Each concept: its name, then every form that stands for it (lowercase; English plurals too,
/// since a listed form is looked up before a plural `s` is taken off).
const CONCEPTS: &[(&str, &[&str])] = &[
    (
        "troop",
        &[
            "troop",
            "troops",
            "soldier",
            "soldiers",
            "personnel",
            "servicemen",
            "tropas",
            "soldados",
            "soldado",
            "efectivos",
            "militares",
            "병력",
            "군인",
            "병사",
            "장병",
        ],
    ),
    (
        "destroyer",
        &[
            "destroyer",
            "destroyers",
            "destructor",
            "destructores",
            "구축함",
        ],
    ),
    (
        "warship",
        &["warship", "warships", "buque", "buques", "군함", "함정"],
    ),
    (
        "militia",
        &[
            "militia",
            "militias",
            "militiamen",
            "milicia",
            "milicias",
            "milicianos",
            "민병대",
        ],
    ),
    (
        "member",
        &[
            "member",
            "members",
            "miembros",
            "integrantes",
            "대원",
            "회원",
            "구성원",
        ],
    ),
    (
        "reward",
        &["reward", "bounty", "recompensa", "현상금", "포상금"],
    ),
    ("people", &["people", "persons", "personas", "사람", "인원"]),
    (
        "death",
        &[
            "death",
            "deaths",
            "dead",
            "fatalities",
            "muertos",
            "muertes",
            "fallecidos",
            "사망자",
        ],
    ),
    ("injured", &["injured", "wounded", "heridos", "부상자"]),
    ("case", &["case", "cases", "casos", "확진자", "사례"]),
    (
        "worker",
        &[
            "worker",
            "workers",
            "employees",
            "trabajadores",
            "empleados",
            "근로자",
            "노동자",
            "직원",
        ],
    ),
    ("job", &["job", "jobs", "empleos", "일자리"]),
    (
        "unemployment",
        &[
            "unemployment",
            "jobless",
            "desempleo",
            "paro",
            "실업",
            "실업률",
        ],
    ),
    (
        "inflation",
        &["inflation", "inflación", "물가", "인플레이션"],
    ),
    (
        "budget",
        &["budget", "budgets", "presupuesto", "presupuestos", "예산"],
    ),
    ("tax", &["tax", "taxes", "impuesto", "impuestos", "세금"]),
    ("price", &["price", "prices", "precio", "precios", "가격"]),
    (
        "population",
        &[
            "population",
            "inhabitants",
            "población",
            "habitantes",
            "인구",
        ],
    ),
    ("vote", &["vote", "votes", "ballots", "votos", "득표"]),
    (
        "election",
        &[
            "election",
            "elections",
            "elección",
            "elecciones",
            "comicios",
            "선거",
            "대선",
            "총선",
        ],
    ),
    (
        "student",
        &["student", "students", "estudiantes", "alumnos", "학생"],
    ),
    ("patient", &["patient", "patients", "pacientes", "환자"]),
    ("refugee", &["refugee", "refugees", "refugiados", "난민"]),
    (
        "migrant",
        &[
            "migrant",
            "migrants",
            "immigrants",
            "migrantes",
            "inmigrantes",
            "이민자",
        ],
    ),
    ("aid", &["aid", "assistance", "ayuda", "원조"]),
    ("export", &["export", "exports", "exportaciones", "수출"]),
    ("import", &["import", "imports", "importaciones", "수입"]),
    ("debt", &["debt", "debts", "deuda", "deudas", "부채"]),
    ("growth", &["growth", "crecimiento", "성장률"]),
    (
        "wage",
        &[
            "wage", "wages", "salary", "salaries", "salario", "salarios", "sueldo", "임금",
        ],
    ),
    (
        "home",
        &["home", "homes", "houses", "housing", "viviendas", "주택"],
    ),
    (
        "vehicle",
        &[
            "vehicle",
            "vehicles",
            "cars",
            "vehículos",
            "coches",
            "차량",
            "자동차",
        ],
    ),
    ("aircraft", &["aircraft", "planes", "aviones", "항공기"]),
    ("cocaine", &["cocaine", "cocaína", "코카인"]),
    (
        "arrest",
        &[
            "arrest",
            "arrests",
            "arrested",
            "detained",
            "detenidos",
            "arrestos",
            "체포",
        ],
    ),
    (
        "country",
        &["country", "countries", "nations", "países", "국가"],
    ),
    (
        "company",
        &[
            "company",
            "companies",
            "firms",
            "empresas",
            "compañías",
            "기업",
            "회사",
        ],
    ),
    ("school", &["school", "schools", "escuelas", "학교"]),
    ("hospital", &["hospital", "hospitals", "hospitales", "병원"]),
    (
        "tourist",
        &[
            "tourist",
            "tourists",
            "visitors",
            "turistas",
            "visitantes",
            "관광객",
        ],
    ),
    (
        "emission",
        &["emission", "emissions", "emisiones", "배출량"],
    ),
];

/// The concept a word stands for, if the lexicon lists it.
pub fn concept(word: &str) -> Option<&'static str> {
    CONCEPTS
        .iter()
        .find(|(_, forms)| forms.contains(&word))
        .map(|(name, _)| *name)
}

/// A Korean word without its particle, as the extractor strips it: 병력을 → 병력. A listed word is
/// left whole (국가 is not 국 + 가).
pub fn without_particle(word: &str) -> &str {
    if concept(word).is_some() {
        word
    } else {
        korean_stem(word)
    }
}

/// Whether a word is written in Hangul.
pub fn is_korean(word: &str) -> bool {
    word.chars()
        .any(|c| matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{3130}'..='\u{318F}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_languages_name_one_concept() {
        for word in ["troops", "efectivos", "병력", "personnel"] {
            assert_eq!(concept(word), Some("troop"), "{word}");
        }
        assert_eq!(concept("ministry"), None);
    }

    #[test]
    fn particles_come_off_korean_words() {
        assert_eq!(without_particle("병력을"), "병력");
        assert_eq!(without_particle("카리브해에서"), "카리브해");
        assert_eq!(without_particle("민병대는"), "민병대");
        assert_eq!(without_particle("국가"), "국가");
        assert_eq!(without_particle("가"), "가");
        assert!(is_korean("병력") && !is_korean("troops"));
    }

    #[test]
    fn every_form_belongs_to_one_concept() {
        let mut seen = std::collections::BTreeSet::new();
        for (_, forms) in CONCEPTS {
            for form in *forms {
                assert!(seen.insert(*form), "{form} is listed twice");
                assert_eq!(form.to_lowercase(), *form, "{form} is lowercase");
            }
        }
    }
}
