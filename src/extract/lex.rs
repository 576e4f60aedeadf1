//! Word lists. Every lookup takes an ASCII-lowercased word unless said otherwise.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// FNV-1a: the word sets are looked up for almost every token, SipHash would dominate.
#[derive(Default)]
pub(super) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

pub(super) type WordSet = HashSet<&'static str, BuildHasherDefault<Fnv>>;

pub(super) fn word_set(words: &[&'static str]) -> WordSet {
    words.iter().copied().collect()
}

/// Month number of a month name or abbreviation (any case; the caller checks capitalization).
pub(super) fn month(w: &str) -> Option<u32> {
    if w.len() > 9 || w.len() < 3 {
        return None;
    }
    // most words are no month: reject them on the first letter before copying
    if !matches!(
        w.as_bytes()[0] | 0x20,
        b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd'
    ) {
        return None;
    }
    let mut buf = [0u8; 9];
    for (i, b) in w.bytes().enumerate() {
        buf[i] = b.to_ascii_lowercase();
    }
    Some(match &buf[..w.len()] {
        b"january" | b"jan" => 1,
        b"february" | b"feb" => 2,
        b"march" | b"mar" => 3,
        b"april" | b"apr" => 4,
        b"may" => 5,
        b"june" | b"jun" => 6,
        b"july" | b"jul" => 7,
        b"august" | b"aug" => 8,
        b"september" | b"sep" | b"sept" => 9,
        b"october" | b"oct" => 10,
        b"november" | b"nov" => 11,
        b"december" | b"dec" => 12,
        _ => return None,
    })
}

/// Cardinal number words.
pub(super) fn num_word(w: &str) -> Option<u64> {
    Some(match w {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// Ordinal words.
pub(super) fn ordinal_word(w: &str) -> Option<u64> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        "fortieth" => 40,
        "fiftieth" => 50,
        "sixtieth" => 60,
        "seventieth" => 70,
        "eightieth" => 80,
        "ninetieth" => 90,
        "hundredth" => 100,
        "thousandth" => 1000,
        _ => return None,
    })
}

/// Scale words: (multiplier as power of ten, glue rule). Glue rule: 0 = spaced or glued,
/// 1 = must be glued to the number (k, m, b), 2 = "m"/"b" style that needs money context.
pub(super) fn scale(w: &str) -> Option<(u32, u8)> {
    Some(match w {
        "hundred" => (2, 0),
        "thousand" => (3, 0),
        "million" | "mn" | "mln" | "mio" => (6, 0),
        "billion" | "bn" | "bln" => (9, 0),
        "trillion" | "tn" | "trn" | "trln" => (12, 0),
        "k" => (3, 1),
        "m" => (6, 2),
        "b" => (9, 2),
        "lakh" | "lakhs" => (5, 0),
        "crore" | "crores" => (7, 0),
        _ => return None,
    })
}

/// Currency words that follow a number.
pub(super) fn currency_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "dollar" | "dollars" => "USD",
        "euro" | "euros" => "EUR",
        "yen" => "JPY",
        "yuan" | "renminbi" => "CNY",
        "won" => "KRW",
        "ruble" | "rubles" | "rouble" | "roubles" => "RUB",
        "rupee" | "rupees" => "INR",
        "franc" | "francs" => "CHF",
        "reais" => "BRL",
        "peso" | "pesos" => "MXN",
        "lira" | "liras" | "lire" => "TRY",
        "rand" => "ZAR",
        "bolivar" | "bolivars" | "bolívar" | "bolívares" | "bolivares" => "VES",
        "dirham" | "dirhams" => "AED",
        "riyal" | "riyals" => "SAR",
        "shekel" | "shekels" => "ILS",
        "hryvnia" | "hryvnias" | "hryvnas" => "UAH",
        "zloty" | "zlotys" | "zlotych" => "PLN",
        "krona" | "kronor" => "SEK",
        "krone" | "kroner" => "NOK",
        "baht" => "THB",
        "ringgit" => "MYR",
        "rupiah" => "IDR",
        "dong" => "VND",
        "naira" => "NGN",
        "shilling" | "shillings" => "KES",
        "rial" | "rials" => "IRR",
        "manat" => "AZN",
        "tenge" => "KZT",
        "lari" => "GEL",
        "pound" | "pounds" | "sterling" => "GBP",
        _ => return None,
    })
}

/// Adjectives that name the dollar ("Canadian dollars").
pub(super) fn dollar_country(w: &str) -> Option<&'static str> {
    Some(match w {
        "us" | "american" => "USD",
        "canadian" => "CAD",
        "australian" => "AUD",
        "singapore" => "SGD",
        "taiwan" | "taiwanese" => "TWD",
        "zimbabwean" => "ZWL",
        "jamaican" => "JMD",
        _ => return None,
    })
}

/// ISO 4217 codes accepted before or after a number (uppercase, as written).
pub(super) fn iso_code(w: &str) -> Option<&'static str> {
    Some(match w {
        "USD" => "USD",
        "EUR" => "EUR",
        "GBP" => "GBP",
        "JPY" => "JPY",
        "CNY" => "CNY",
        "RMB" => "CNY",
        "KRW" => "KRW",
        "RUB" => "RUB",
        "INR" => "INR",
        "CHF" => "CHF",
        "BRL" => "BRL",
        "MXN" => "MXN",
        "TRY" => "TRY",
        "ZAR" => "ZAR",
        "CAD" => "CAD",
        "AUD" => "AUD",
        "HKD" => "HKD",
        "NZD" => "NZD",
        "SGD" => "SGD",
        "SEK" => "SEK",
        "NOK" => "NOK",
        "DKK" => "DKK",
        "PLN" => "PLN",
        "ILS" => "ILS",
        "AED" => "AED",
        "SAR" => "SAR",
        "TWD" => "TWD",
        "THB" => "THB",
        "IDR" => "IDR",
        "MYR" => "MYR",
        "PHP" => "PHP",
        "VND" => "VND",
        "NGN" => "NGN",
        "EGP" => "EGP",
        "UAH" => "UAH",
        "VES" => "VES",
        "ARS" => "ARS",
        "CLP" => "CLP",
        "COP" => "COP",
        "PEN" => "PEN",
        "KES" => "KES",
        "PKR" => "PKR",
        "BDT" => "BDT",
        "QAR" => "QAR",
        "KWD" => "KWD",
        "IRR" => "IRR",
        "CZK" => "CZK",
        "HUF" => "HUF",
        "RON" => "RON",
        "Rs" => "INR",
        "Rp" => "IDR",
        // the Kenyan shilling as Kenyan papers write it: "Sh184.52", "KSh 1,476"
        "Sh" | "KSh" | "Ksh" | "Kshs" => "KES",
        _ => return None,
    })
}

/// Currency symbols before a number.
pub(super) fn currency_symbol(c: char) -> Option<&'static str> {
    Some(match c {
        '$' => "USD",
        '€' => "EUR",
        '£' => "GBP",
        '¥' | '￥' => "JPY",
        '₩' => "KRW",
        '₹' => "INR",
        '₽' => "RUB",
        '₺' => "TRY",
        '₦' => "NGN",
        '₴' => "UAH",
        '₪' => "ILS",
        '฿' => "THB",
        '₫' => "VND",
        '₱' => "PHP",
        '₨' => "PKR",
        _ => return None,
    })
}

/// Letters glued before "$" (case-sensitive, as written).
pub(super) fn dollar_prefix(w: &str) -> Option<&'static str> {
    Some(match w {
        "US" | "U" => "USD",
        "C" | "CA" | "Can" => "CAD",
        "A" | "AU" => "AUD",
        "HK" => "HKD",
        "NZ" => "NZD",
        "S" | "SG" => "SGD",
        "NT" => "TWD",
        "R" => "BRL",
        "MX" | "Mex" => "MXN",
        _ => return None,
    })
}

/// The speed a distance unit makes when it is "an hour" ("200 miles an hour", "60 kilómetros por
/// hora"): km → km/h, mi → mph.
pub(super) fn speed_unit(distance: &str) -> Option<&'static str> {
    match distance {
        "km" => Some("km/h"),
        "mi" => Some("mph"),
        _ => None,
    }
}

/// Physical and time units after a number: (unit, seconds multiplier for durations).
/// `glued_only` units must touch the number ("5t", "3g").
pub(super) fn unit_word(w: &str, raw: &str) -> Option<&'static str> {
    // Case-sensitive symbols first.
    match raw {
        "MW" => return Some("MW"),
        "GW" => return Some("GW"),
        "kW" | "KW" => return Some("kW"),
        "kWh" | "KWh" => return Some("kWh"),
        "MWh" => return Some("MWh"),
        "GWh" => return Some("GWh"),
        "TWh" => return Some("TWh"),
        "L" => return Some("L"),
        _ => {}
    }
    Some(match w {
        "km" | "kms" | "kilometre" | "kilometres" | "kilometer" | "kilometers" => "km",
        "mile" | "miles" | "mi" => "mi",
        "metre" | "metres" | "meter" | "meters" | "m" => "m",
        "cm" | "centimetre" | "centimetres" | "centimeter" | "centimeters" => "cm",
        "mm" | "millimetre" | "millimetres" | "millimeter" | "millimeters" => "mm",
        "hectare" | "hectares" | "ha" => "ha",
        "acre" | "acres" => "acre",
        "kg" | "kgs" | "kilogram" | "kilograms" | "kilo" | "kilos" => "kg",
        "gram" | "grams" | "g" => "g",
        "tonne" | "tonnes" | "ton" | "tons" => "t",
        "lb" | "lbs" => "lb",
        "litre" | "litres" | "liter" | "liters" => "L",
        "barrel" | "barrels" | "bbl" => "bbl",
        "megawatt" | "megawatts" => "MW",
        "gigawatt" | "gigawatts" => "GW",
        "kilowatt" | "kilowatts" => "kW",
        "kph" | "kmh" => "km/h",
        "mph" => "mph",
        "knot" | "knots" => "knot",
        "ft" | "feet" | "foot" => "ft",
        "inch" | "inches" => "in",
        "yard" | "yards" | "yd" | "yds" => "yd",
        "mt" => "t",
        _ => return None,
    })
}

/// Time units: (unit, seconds per unit or 0 when not converted).
pub(super) fn time_unit(w: &str) -> Option<(&'static str, u64)> {
    Some(match w {
        "second" | "seconds" | "sec" | "secs" => ("duration", 1),
        "minute" | "minutes" | "min" | "mins" => ("duration", 60),
        "hour" | "hours" | "hr" | "hrs" | "h" => ("duration", 3600),
        "day" | "days" => ("duration", 86400),
        "week" | "weeks" => ("duration", 604800),
        "month" | "months" => ("months", 0),
        "year" | "years" | "yr" | "yrs" => ("years", 0),
        "decade" | "decades" => ("years", 10),
        _ => return None,
    })
}

/// Nouns (and nominal adjectives) that count people.
const PERSON_WORDS: &[&str] = &[
    "troops",
    "riders",
    "adult",
    "child",
    "death",
    "patient",
    "soldier",
    "civilian",
    "woman",
    "man",
    "troop",
    "soldiers",
    "personnel",
    "members",
    "member",
    "militia",
    "militiamen",
    "sailors",
    "marines",
    "fighters",
    "voters",
    "residents",
    "people",
    "persons",
    "person",
    "deaths",
    "dead",
    "killed",
    "injured",
    "injuries",
    "wounded",
    "patients",
    "cases",
    "workers",
    "employees",
    "students",
    "children",
    "grandchildren",
    "companions",
    "kids",
    "adults",
    "women",
    "men",
    "refugees",
    "migrants",
    "fans",
    "spectators",
    "staff",
    "staffers",
    "officers",
    "civilians",
    "citizens",
    "users",
    "visitors",
    "tourists",
    "passengers",
    "inhabitants",
    "individuals",
    "victims",
    "casualties",
    "hostages",
    "prisoners",
    "detainees",
    "protesters",
    "protestors",
    "demonstrators",
    "doctors",
    "nurses",
    "teachers",
    "pupils",
    "immigrants",
    "applicants",
    "participants",
    "respondents",
    "customers",
    "subscribers",
    "infections",
    "fatalities",
    "lives",
    "survivors",
    "volunteers",
    "police",
    "policemen",
    "officials",
    "lawmakers",
    "legislators",
    "delegates",
    "athletes",
    "players",
    "runners",
    "competitors",
    "journalists",
    "farmers",
    "miners",
    "retirees",
    "pensioners",
    "recruits",
    "reservists",
    "conscripts",
    "militants",
    "insurgents",
    "rebels",
    "terrorists",
    "jihadists",
    "evacuees",
    "displaced",
    "homeless",
    "unemployed",
    "infected",
    "guests",
    "attendees",
    "pilgrims",
    "asylum",
    "babies",
    "infants",
    "girls",
    "boys",
    "teenagers",
    "youths",
    "seniors",
    "veterans",
    "nationals",
    "americans",
    "troopers",
    "agents",
    "guards",
    "crew",
    "crewmembers",
    "scientists",
    "researchers",
    "experts",
    "economists",
    "analysts",
    "investors",
    "shareholders",
    "buyers",
    "consumers",
    "homeowners",
    "renters",
    "tenants",
    "drivers",
    "pedestrians",
    "cyclists",
    "deaths,",
    "contestants",
    "candidates",
    "senators",
    "representatives",
    "ministers",
    "judges",
    "diplomats",
    "envoys",
    "inmates",
    "suspects",
    "defendants",
    "peacekeepers",
    "paratroopers",
    "servicemen",
    "servicemembers",
    "commandos",
    "combatants",
    "gunmen",
    "mercenaries",
    "dissidents",
    "activists",
    "supporters",
    "opponents",
    "followers",
    "viewers",
    "listeners",
    "readers",
    "subscribers,",
    "clients",
    "borrowers",
    "taxpayers",
];

pub(super) fn person_noun(w: &str) -> bool {
    static SET: LazyLock<WordSet> = LazyLock::new(|| word_set(PERSON_WORDS));
    SET.contains(w)
}

/// Words that stop a noun phrase.
const NP_STOP_WORDS: &[&str] = &[
    "to",
    "in",
    "on",
    "at",
    "from",
    "by",
    "with",
    "into",
    "onto",
    "across",
    "over",
    "under",
    "near",
    "since",
    "during",
    "after",
    "before",
    "against",
    "per",
    "between",
    "among",
    "through",
    "toward",
    "towards",
    "within",
    "without",
    "amid",
    "around",
    "about",
    "and",
    "or",
    "but",
    "nor",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "as",
    "than",
    "while",
    "because",
    "when",
    "where",
    "if",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "will",
    "would",
    "can",
    "could",
    "may",
    "might",
    "must",
    "shall",
    "should",
    "do",
    "does",
    "did",
    "said",
    "says",
    "say",
    "told",
    "according",
    "reported",
    "nationwide",
    "worldwide",
    "abroad",
    "annually",
    "a",
    "an",
    "the",
    "last",
    "next",
    "this",
    "these",
    "those",
    "each",
    "every",
    "more",
    "less",
    "fewer",
    "some",
    "all",
    "both",
    "not",
    "no",
    "only",
    "just",
    "also",
    "already",
    "still",
    "now",
    "then",
    "there",
    "here",
    "ago",
    "earlier",
    "later",
    "today",
    "yesterday",
    "tomorrow",
    "so",
    "far",
    "total",
    "each,",
    "it",
    "its",
    "their",
    "his",
    "her",
    "our",
    "my",
    "your",
    "they",
    "he",
    "she",
    "we",
    "i",
    "you",
    "them",
    "him",
    "us",
    "for",
    "of",
    "off",
    "up",
    "down",
    "out",
    "away",
    "back",
    "again",
    "yet",
    "even",
    "including",
    "like",
    "unlike",
    "via",
    "until",
    "till",
    "throughout",
    "upon",
    "whereas",
    "although",
    "though",
    "whether",
    "plus",
    "minus",
    "respectively",
    "alone",
    "apiece",
    "overall",
    "combined",
    "altogether",
    "instead",
    "too",
    "very",
    "what",
    "how",
    "why",
    "once",
    "twice",
    "thus",
    "hence",
    "therefore",
    "currently",
    "recently",
    "previously",
    "despite",
    "beyond",
    "above",
    "below",
    "along",
    "besides",
    "inside",
    "outside",
    "behind",
    "beneath",
];

pub(super) fn np_stop(w: &str) -> bool {
    static SET: LazyLock<WordSet> = LazyLock::new(|| word_set(NP_STOP_WORDS));
    SET.contains(w)
}

/// Determiners and possessives.
pub(super) fn determiner(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "its"
            | "his"
            | "her"
            | "their"
            | "our"
            | "my"
            | "your"
            | "this"
            | "that"
            | "these"
            | "those"
    )
}

/// Verbs of change or state that link a subject to a quantity ("rose to", "stood at").
const LINK_VERBS: &[&str] = &[
    "held",
    "holds",
    "hold",
    "kept",
    "keeps",
    "rose",
    "rise",
    "rises",
    "risen",
    "fell",
    "fall",
    "falls",
    "fallen",
    "increased",
    "increase",
    "increases",
    "decreased",
    "decrease",
    "grew",
    "grow",
    "grows",
    "grown",
    "declined",
    "decline",
    "declines",
    "dropped",
    "drop",
    "drops",
    "climbed",
    "climb",
    "climbs",
    "jumped",
    "jump",
    "jumps",
    "surged",
    "surge",
    "surges",
    "slipped",
    "slip",
    "reached",
    "reach",
    "reaches",
    "hit",
    "hits",
    "totaled",
    "totalled",
    "totals",
    "total",
    "stood",
    "stands",
    "stand",
    "was",
    "is",
    "were",
    "are",
    "be",
    "been",
    "came",
    "comes",
    "amounted",
    "amounts",
    "topped",
    "tops",
    "exceeded",
    "exceeds",
    "doubled",
    "tripled",
    "halved",
    "edged",
    "eased",
    "expanded",
    "contracted",
    "shrank",
    "plunged",
    "plummeted",
    "soared",
    "tumbled",
    "slid",
    "sank",
    "gained",
    "lost",
    "added",
    "shed",
    "raised",
    "cut",
    "lowered",
    "boosted",
    "reduced",
    "numbered",
    "numbers",
    "remained",
    "remains",
    "hovered",
    "averaged",
    "peaked",
    "accelerated",
    "slowed",
    "costs",
    "cost",
    "worth",
    "valued",
    "estimated",
    "projected",
    "forecast",
    "expected",
    "set",
    "fixed",
    "pegged",
    "put",
    "recorded",
    "posted",
    "reported",
    "registered",
    "logged",
    "saw",
    "showed",
];

pub(super) fn link_verb(w: &str) -> bool {
    static SET: LazyLock<WordSet> = LazyLock::new(|| word_set(LINK_VERBS));
    SET.contains(w)
}

/// Verbs that attribute a statement to a speaker.
const SAY_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "stated",
    "states",
    "reported",
    "reports",
    "told",
    "tells",
    "announced",
    "announces",
    "noted",
    "notes",
    "added",
    "adds",
    "commented",
    "comments",
    "claimed",
    "claims",
    "estimated",
    "estimates",
    "warned",
    "warns",
    "wrote",
    "writes",
    "explained",
    "explains",
    "confirmed",
    "confirms",
    "insisted",
    "insists",
    "argued",
    "argues",
    "declared",
    "declares",
    "revealed",
    "reveals",
    "disclosed",
    "discloses",
    "tweeted",
    "posted",
    "stressed",
    "emphasized",
    "emphasised",
    "predicted",
    "predicts",
    "projected",
    "projects",
    "forecast",
    "forecasts",
    "showed",
    "shows",
    "found",
    "finds",
    "indicated",
    "indicates",
    "highlighted",
    "acknowledged",
    "admitted",
    "alleged",
    "asserted",
    "boasted",
    "saying",
    "adding",
    "noting",
    "stating",
    "citing",
];

pub(super) fn say_verb(w: &str) -> bool {
    if !matches!(
        w.as_bytes().last(),
        Some(b'd' | b's' | b'y' | b't' | b'g' | b'e')
    ) {
        return false;
    }
    static SET: LazyLock<WordSet> = LazyLock::new(|| word_set(SAY_VERBS));
    SET.contains(w)
}

/// Pronouns that cannot be a speaker on their own.
pub(super) fn pronoun(w: &str) -> bool {
    matches!(
        w,
        "he" | "she"
            | "it"
            | "they"
            | "we"
            | "i"
            | "you"
            | "this"
            | "that"
            | "who"
            | "which"
            | "one"
            | "there"
    )
}

/// Hedges before a quantity: (words, approx).
pub(super) const HEDGES: &[(&[&str], u8)] = &[
    (&["more", "than"], 1),
    (&["over"], 1),
    (&["at", "least"], 1),
    (&["upwards", "of"], 1),
    (&["in", "excess", "of"], 1),
    (&["exceeding"], 1),
    (&["above"], 1),
    (&["greater", "than"], 1),
    (&["higher", "than"], 1),
    (&["larger", "than"], 1),
    (&["bigger", "than"], 1),
    (&["longer", "than"], 1),
    (&["wider", "than"], 1),
    (&["taller", "than"], 1),
    (&["heavier", "than"], 1),
    (&["deeper", "than"], 1),
    (&["older", "than"], 1),
    (&["beyond"], 1),
    (&["fewer", "than"], 2),
    (&["less", "than"], 2),
    (&["lower", "than"], 2),
    (&["smaller", "than"], 2),
    (&["shorter", "than"], 2),
    (&["lighter", "than"], 2),
    (&["younger", "than"], 2),
    // after "no" a comparative bounds the other way: "no heavier than 7 kg" is at most 7 kg
    (&["no", "longer", "than"], 2),
    (&["no", "larger", "than"], 2),
    (&["no", "bigger", "than"], 2),
    (&["no", "wider", "than"], 2),
    (&["no", "taller", "than"], 2),
    (&["no", "heavier", "than"], 2),
    (&["no", "deeper", "than"], 2),
    (&["no", "older", "than"], 2),
    (&["no", "greater", "than"], 2),
    (&["no", "higher", "than"], 2),
    (&["no", "less", "than"], 1),
    (&["no", "fewer", "than"], 1),
    (&["no", "lower", "than"], 1),
    (&["no", "smaller", "than"], 1),
    (&["no", "shorter", "than"], 1),
    (&["no", "lighter", "than"], 1),
    (&["no", "younger", "than"], 1),
    (&["under"], 2),
    (&["up", "to"], 2),
    (&["below"], 2),
    (&["at", "most"], 2),
    // "a maximum penalty of 20 years", "a minimum sentence of 10 years" (a bare "maximum of" is
    // as often an observed value: "a maximum of 45.6 degrees")
    (&["maximum", "penalty", "of"], 2),
    // a deal's bounds: "a floor of 4.5% and a cap of 6%"
    // (with "a" right before: not "a market cap of", "the debt ceiling of")
    (&["a", "floor", "of"], 1),
    (&["a", "cap", "of"], 2),
    (&["a", "ceiling", "of"], 2),
    (&["maximum", "sentence", "of"], 2),
    (&["maximum", "fine", "of"], 2),
    (&["maximum", "term", "of"], 2),
    (&["minimum", "sentence", "of"], 1),
    (&["minimum", "term", "of"], 1),
    (&["no", "more", "than"], 2),
    (&["as", "many", "as"], 2),
    (&["as", "much", "as"], 2),
    (&["as", "high", "as"], 2),
    (&["about"], 3),
    (&["approximately"], 3),
    (&["approx"], 3),
    (&["nearly"], 3),
    (&["almost"], 3),
    (&["some"], 3),
    (&["roughly"], 3),
    (&["around"], 3),
    (&["an", "estimated"], 3),
    (&["estimated"], 3),
    (&["close", "to"], 3),
    (&["near"], 3),
    (&["circa"], 3),
    (&["nearly"], 3),
    (&["an", "approximate"], 3),
    (&["approximate"], 3),
    (&["just", "about"], 3),
    (&["somewhere", "around"], 3),
    (&["or", "so"], 3),
];

/// Superlative adjectives recognised without "most".
pub(super) fn superlative(w: &str) -> bool {
    if !w.ends_with("st") {
        return false;
    }
    matches!(
        w,
        "largest"
            | "biggest"
            | "highest"
            | "lowest"
            | "greatest"
            | "smallest"
            | "fastest"
            | "slowest"
            | "strongest"
            | "weakest"
            | "worst"
            | "best"
            | "richest"
            | "poorest"
            | "oldest"
            | "youngest"
            | "longest"
            | "shortest"
            | "deadliest"
            | "busiest"
            | "hottest"
            | "coldest"
            | "warmest"
            | "wettest"
            | "driest"
            | "heaviest"
            | "deepest"
            | "widest"
            | "tallest"
            | "cheapest"
            | "safest"
            | "costliest"
            | "steepest"
            | "sharpest"
            | "fiercest"
            | "bloodiest"
            | "wealthiest"
            | "hardest"
            | "toughest"
            | "lightest"
            | "strictest"
            | "brightest"
            | "closest"
            | "farthest"
            | "furthest"
            | "most"
            | "least"
    )
}

/// Nouns of measure that stay in a superlative's surface ("the highest level").
pub(super) fn measure_noun(w: &str) -> bool {
    matches!(
        w,
        "level"
            | "levels"
            | "rate"
            | "number"
            | "point"
            | "share"
            | "amount"
            | "figure"
            | "total"
            | "price"
            | "prices"
            | "record"
            | "pace"
            | "margin"
            | "increase"
            | "decline"
            | "drop"
            | "rise"
            | "gain"
            | "loss"
            | "growth"
    )
}
