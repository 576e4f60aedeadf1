//! Spanish word lists. Every lookup takes an ASCII-lowercased word (accented letters keep their
//! case: "según", "Á" stays "Á"; capitalized accented initials are rare in these lists).

/// Month number of a Spanish month name.
pub(in crate::extract) fn month(w: &str) -> Option<u32> {
    Some(match w {
        "enero" => 1,
        "febrero" => 2,
        "marzo" => 3,
        "abril" => 4,
        "mayo" => 5,
        "junio" => 6,
        "julio" => 7,
        "agosto" => 8,
        "septiembre" | "setiembre" => 9,
        "octubre" => 10,
        "noviembre" => 11,
        "diciembre" => 12,
        _ => return None,
    })
}

/// Scale words after a number: power of ten. "mil millones" is read by the caller.
pub(super) fn scale(w: &str) -> Option<u32> {
    Some(match w {
        "mil" => 3,
        "millón" | "millones" | "millon" => 6,
        "millardo" | "millardos" => 9,
        "billón" | "billones" | "billon" => 12,
        _ => return None,
    })
}

/// Cardinal number words (units, teens, tens, hundreds).
pub(super) fn number_word(w: &str) -> Option<u64> {
    Some(match w {
        "cero" => 0,
        "uno" | "una" | "un" => 1,
        "dos" => 2,
        "tres" => 3,
        "cuatro" => 4,
        "cinco" => 5,
        "seis" => 6,
        "siete" => 7,
        "ocho" => 8,
        "nueve" => 9,
        "diez" => 10,
        "once" => 11,
        "doce" => 12,
        "trece" => 13,
        "catorce" => 14,
        "quince" => 15,
        "dieciséis" | "dieciseis" => 16,
        "diecisiete" => 17,
        "dieciocho" => 18,
        "diecinueve" => 19,
        "veinte" => 20,
        "veintiuno" | "veintiún" | "veintiuna" => 21,
        "veintidós" | "veintidos" => 22,
        "veintitrés" | "veintitres" => 23,
        "veinticuatro" => 24,
        "veinticinco" => 25,
        "veintiséis" | "veintiseis" => 26,
        "veintisiete" => 27,
        "veintiocho" => 28,
        "veintinueve" => 29,
        "treinta" => 30,
        "cuarenta" => 40,
        "cincuenta" => 50,
        "sesenta" => 60,
        "setenta" => 70,
        "ochenta" => 80,
        "noventa" => 90,
        "cien" | "ciento" => 100,
        "doscientos" | "doscientas" => 200,
        "trescientos" | "trescientas" => 300,
        "cuatrocientos" | "cuatrocientas" => 400,
        "quinientos" | "quinientas" => 500,
        "seiscientos" | "seiscientas" => 600,
        "setecientos" | "setecientas" => 700,
        "ochocientos" | "ochocientas" => 800,
        "novecientos" | "novecientas" => 900,
        _ => return None,
    })
}

/// Ordinal words ("primer", "quinta").
pub(super) fn ordinal_word(w: &str) -> Option<u64> {
    Some(match w {
        "primer" | "primero" | "primera" | "primeros" | "primeras" => 1,
        "segundo" | "segunda" => 2,
        "tercer" | "tercero" | "tercera" => 3,
        "cuarto" | "cuarta" => 4,
        "quinto" | "quinta" => 5,
        "sexto" | "sexta" => 6,
        "séptimo" | "séptima" => 7,
        "octavo" | "octava" => 8,
        "noveno" | "novena" => 9,
        "décimo" | "décima" => 10,
        _ => return None,
    })
}

/// Currency words after a number (or after "de" after a scale word).
pub(super) fn currency_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "dólar" | "dólares" | "dolar" | "dolares" => "USD",
        "euro" | "euros" => "EUR",
        "peso" | "pesos" => "MXN",
        "real" | "reales" => "BRL",
        "sol" | "soles" => "PEN",
        "libra" | "libras" => "GBP",
        "yen" | "yenes" => "JPY",
        "yuan" | "yuanes" => "CNY",
        "won" | "wones" => "KRW",
        "rublo" | "rublos" => "RUB",
        "bolívar" | "bolívares" | "bolivares" => "VES",
        "quetzal" | "quetzales" => "GTQ",
        "colón" | "colones" => "CRC",
        "guaraní" | "guaraníes" => "PYG",
        _ => return None,
    })
}

/// The peso of the country named nearby ("chileno", "Argentina").
pub(super) fn peso_country(w: &str) -> Option<&'static str> {
    Some(match w {
        "chile" | "chileno" | "chilenos" | "chilena" | "santiago" | "servel" => "CLP",
        "argentina" | "argentino" | "argentinos" | "aires" => "ARS",
        "colombia" | "colombiano" | "colombianos" | "bogotá" => "COP",
        "uruguay" | "uruguayo" | "uruguayos" | "montevideo" => "UYU",
        "filipinas" | "filipino" | "manila" => "PHP",
        "méxico" | "mexico" | "mexicano" | "mexicanos" | "banxico" => "MXN",
        _ => return None,
    })
}

/// Time units: (unit, seconds per unit, or 0 when not converted; decades multiply years by 10).
pub(super) fn time_unit(w: &str) -> Option<(&'static str, u64)> {
    Some(match w {
        "segundo" | "segundos" => ("duration", 1),
        "minuto" | "minutos" => ("duration", 60),
        "hora" | "horas" => ("duration", 3600),
        "día" | "días" | "dia" | "dias" => ("duration", 86400),
        "semana" | "semanas" => ("duration", 604800),
        "mes" | "meses" => ("months", 0),
        "año" | "años" => ("years", 0),
        "década" | "décadas" => ("years", 10),
        _ => return None,
    })
}

/// Physical units written as words or symbols.
pub(super) fn physical_unit(w: &str, raw: &str) -> Option<&'static str> {
    match raw {
        "MW" => return Some("MW"),
        "GW" => return Some("GW"),
        "kW" => return Some("kW"),
        "kWh" => return Some("kWh"),
        "L" => return Some("L"),
        _ => {}
    }
    Some(match w {
        "km" | "kilómetro" | "kilómetros" | "kilometro" | "kilometros" => "km",
        "m" | "metro" | "metros" => "m",
        "cm" | "centímetros" => "cm",
        "mm" | "milímetros" | "milimetros" => "mm",
        "ha" | "hectárea" | "hectáreas" | "hectareas" => "ha",
        "kg" | "kilo" | "kilos" | "kilogramo" | "kilogramos" => "kg",
        "g" | "gramo" | "gramos" => "g",
        "t" | "tonelada" | "toneladas" => "t",
        "litro" | "litros" => "L",
        "barril" | "barriles" => "bbl",
        "megavatio" | "megavatios" => "MW",
        "gigavatio" | "gigavatios" => "GW",
        "milla" | "millas" => "mi",
        "nudo" | "nudos" => "knot",
        _ => return None,
    })
}

/// Nouns that count people, besides the plural agent and demonym endings of [`person_noun`].
const PERSON_WORDS: &[&str] = &[
    "personas",
    "persona",
    "casos",
    "muertes",
    "contagios",
    "decesos",
    "soldados",
    "efectivos",
    "militares",
    "milicianos",
    "marines",
    "muertos",
    "fallecidos",
    "heridos",
    "víctimas",
    "niños",
    "niñas",
    "mujeres",
    "hombres",
    "adultos",
    "jóvenes",
    "ancianos",
    "pacientes",
    "médicos",
    "enfermeros",
    "policías",
    "agentes",
    "ciudadanos",
    "electores",
    "votantes",
    "diputados",
    "senadores",
    "alcaldes",
    "candidatos",
    "simpatizantes",
    "migrantes",
    "inmigrantes",
    "refugiados",
    "desplazados",
    "detenidos",
    "presos",
    "rehenes",
    "alumnos",
    "estudiantes",
    "empleados",
    "trabajadores",
    "habitantes",
    "residentes",
    "vecinos",
    "turistas",
    "visitantes",
    "pasajeros",
    "espectadores",
    "aficionados",
    "atletas",
    "corredores",
    "jugadores",
    "beneficiarios",
    "afiliados",
    "miembros",
    "analistas",
    "economistas",
    "expertos",
    "manifestantes",
    "fieles",
    "bebés",
    "menores",
    "usuarios",
    "clientes",
    "socios",
    "tripulantes",
    "voluntarios",
    "desempleados",
    "contagiados",
    "infectados",
    "hospitalizados",
    "evacuados",
    "evacuadas",
    "damnificados",
    "lesionados",
    "lesionadas",
    "fallecidas",
    "muertas",
    "asistentes",
    "docentes",
    "profesores",
    "maestros",
    "funcionarios",
    "legisladores",
    "jueces",
    "mandos",
    "homicidios",
    "asesinatos",
    "feminicidios",
];

/// A noun that counts people: listed, or a plural agent noun or demonym ("agricultores",
/// "periodistas", "manifestantes", "venezolanos").
pub(in crate::extract) fn person_noun(w: &str) -> bool {
    PERSON_WORDS.contains(&w)
        || demonym(w)
        || (w.len() > 6
            && !NOT_PEOPLE.contains(&w)
            && (w.ends_with("istas")
                || w.ends_with("dores")
                || w.ends_with("antes")
                || w.ends_with("entes")
                || w.ends_with("ianos")
                || w.ends_with("olanos")
                || w.ends_with("eños")
                || w.ends_with("enses")))
}

/// People named by their country that the endings above miss ("840.000 chilenos"). Also
/// adjectives ("tanques rusos"): only a noun right after a count takes them as people.
pub(in crate::extract) fn demonym(w: &str) -> bool {
    DEMONYMS.contains(&w)
}

const DEMONYMS: &[&str] = &[
    "peruanos",
    "mexicanos",
    "argentinos",
    "chilenos",
    "cubanos",
    "dominicanos",
    "españoles",
    "franceses",
    "alemanes",
    "británicos",
    "chinos",
    "rusos",
    "guatemaltecos",
    "paraguayos",
    "uruguayos",
    "europeos",
    "latinoamericanos",
    "africanos",
    "extranjeros",
];

/// Things whose names end as people's do ("-entes", "-antes", "-dores"): "17 accidentes" are not
/// people.
const NOT_PEOPLE: &[&str] = &[
    "accidentes",
    "incidentes",
    "trasplantes",
    "implantes",
    "fertilizantes",
    "desinfectantes",
    "estimulantes",
    "componentes",
    "continentes",
    "expedientes",
    "ingredientes",
    "antecedentes",
    "precedentes",
    "excedentes",
    "recipientes",
    "afluentes",
    "restaurantes",
    "instantes",
    "diamantes",
    "carburantes",
    "lubricantes",
    "colorantes",
    "contaminantes",
    "ordenadores",
    "contenedores",
    "indicadores",
    "marcadores",
    "comedores",
    "aerogeneradores",
    "generadores",
    "radiadores",
    "ventiladores",
];

/// Words that stop a noun phrase.
pub(in crate::extract) fn np_stop(w: &str) -> bool {
    matches!(
        w,
        "de" | "del"
            | "a"
            | "al"
            | "en"
            | "con"
            | "por"
            | "para"
            | "según"
            | "y"
            | "o"
            | "u"
            | "e"
            | "que"
            | "como"
            | "entre"
            | "desde"
            | "hasta"
            | "sobre"
            | "tras"
            | "durante"
            | "frente"
            | "contra"
            | "sin"
            | "el"
            | "la"
            | "los"
            | "las"
            | "un"
            | "una"
            | "unos"
            | "unas"
            | "lo"
            | "se"
            | "su"
            | "sus"
            | "este"
            | "esta"
            | "estos"
            | "estas"
            | "ese"
            | "esa"
            | "más"
            | "menos"
            | "muy"
            | "ya"
            | "no"
            | "es"
            | "son"
            | "fue"
            | "fueron"
            | "era"
            | "ha"
            | "han"
            | "había"
            | "habían"
            | "será"
            | "serán"
            | "está"
            | "están"
            | "mientras"
            | "cuando"
            | "donde"
            | "cada"
            | "dijo"
            | "afirmó"
            | "señaló"
            | "informó"
            | "anual"
            | "mensuales"
            | "diarios"
            | "anuales"
            | "respectivamente"
    )
}

/// Verbs that attribute a statement ("dijo", "según" is read apart).
pub(in crate::extract) fn say_verb(w: &str) -> bool {
    matches!(
        w,
        "dijo"
            | "dice"
            | "dicen"
            | "dijeron"
            | "afirmó"
            | "afirma"
            | "afirmaron"
            | "aseguró"
            | "asegura"
            | "señaló"
            | "señala"
            | "señalaron"
            | "informó"
            | "informa"
            | "informaron"
            | "declaró"
            | "declaró,"
            | "explicó"
            | "explica"
            | "indicó"
            | "indica"
            | "anunció"
            | "anuncia"
            | "detalló"
            | "precisó"
            | "añadió"
            | "agregó"
            | "sostuvo"
            | "estimó"
            | "estima"
            | "estiman"
            | "calculó"
            | "advirtió"
            | "reconoció"
            | "destacó"
            | "subrayó"
            | "admitió"
            | "aseveró"
            | "manifestó"
            | "reveló"
            | "confirmó"
            | "anticipó"
            | "prevé"
            | "apuntó"
            | "comunicó"
            | "publicó"
            | "registró"
            | "notificó"
    )
}

/// Verbs of change: a bound after them is a target, not a hedge ("subió hasta el 5%").
pub(super) fn change_verb(w: &str) -> bool {
    matches!(
        w,
        "subió"
            | "bajó"
            | "cayó"
            | "aumentó"
            | "creció"
            | "redujo"
            | "rebajó"
            | "elevó"
            | "elevarán"
            | "elevará"
            | "duplicó"
            | "triplicó"
            | "recortó"
            | "pasó"
            | "pasará"
            | "retrocedió"
            | "se"
            | "moderó"
            | "disparó"
            | "llegó"
            | "llegará"
            | "llega"
            | "llegan"
            | "llegaron"
            | "alcanza"
            | "alcanzan"
            | "alcanzó"
            | "alcanzará"
            | "situó"
            | "ubicó"
    )
}

/// Titles before a name ("el ministro de Defensa, Vladimir Padrino").
pub(in crate::extract) fn title_word(w: &str) -> bool {
    matches!(
        w,
        "presidente"
            | "presidenta"
            | "ministro"
            | "ministra"
            | "portavoz"
            | "director"
            | "directora"
            | "gobernador"
            | "gobernadora"
            | "secretario"
            | "secretaria"
            | "alcalde"
            | "alcaldesa"
            | "candidato"
            | "candidata"
            | "jefe"
            | "jefa"
            | "general"
            | "canciller"
            | "consejero"
            | "consejera"
            | "senador"
            | "senadora"
            | "diputado"
            | "diputada"
            | "profesor"
            | "profesora"
            | "doctor"
            | "doctora"
            | "atleta"
    )
}
