//! People or things: whether a bare count counts people ("4,000 *troops*", "*inspectors*",
//! "*Malians*", "15.42 million *who* voted") or something else.

use crate::extract::lex;
use crate::extract::text::Doc;
use std::sync::LazyLock;

/// "Fourteen NATO members", "eight members of the OPEC+ group": member countries, not people.
fn member_states(d: &Doc, a: usize, b: usize) -> bool {
    let has_members = (a..b).any(|k| matches!(d.lw(k), "members" | "member" | "states"));
    if !has_members {
        return false;
    }
    let end = (b + 4).min(d.toks.len());
    (a..end).any(|k| {
        let r = d.raw(k);
        (d.is_word(k)
            && r.len() >= 2
            && r.len() <= 6
            && r.chars().all(|c| c.is_ascii_uppercase())
            && !matches!(r, "MP" | "MPS" | "MEP" | "MEPS" | "US" | "UK"))
            || matches!(
                d.lw(k),
                "alliance"
                    | "bloc"
                    | "union"
                    | "group"
                    | "cartel"
                    | "organisation"
                    | "organization"
                    | "league"
                    | "coalition"
            )
    })
}

/// Token `k` starts its sentence (a capital there says nothing about names).
fn sentence_initial(d: &Doc, k: usize) -> bool {
    k == 0
        || d.toks[k].line_breaks > 0
        || matches!(d.sym(k - 1), Some('.' | '!' | '?' | '"' | '“' | ':'))
}

/// Demonyms and group nouns written with a capital: "Malians", "Mexicans", "Israelis", "Britons".
pub(super) fn demonym(raw: &str) -> bool {
    raw.len() >= 5
        && raw.chars().next().is_some_and(char::is_uppercase)
        && (raw.ends_with("ans")
            || raw.ends_with("ese")
            || raw.ends_with("is")
            || raw.ends_with("ons")
            || raw.ends_with("ers")
            || raw.ends_with("ites")
            || raw.ends_with("inos")
            || raw.ends_with("ards"))
        && !raw.ends_with("ss")
}

/// The head noun of a forward noun phrase counts people.
pub(super) fn head_is_person(d: &Doc, a: usize, b: usize, singular: bool) -> bool {
    if member_states(d, a, b) {
        return false;
    }
    if d.is_word(a) && (lex::person_noun(d.lw(a)) || extra_person(d.lw(a))) && !d.is_dash(a + 1) {
        return true;
    }
    let mut head = None;
    for k in a..b {
        if matches!(d.lw(k), "of" | "for") && head.is_some() {
            break;
        }
        if d.is_word(k) {
            head = Some(k);
        }
    }
    match head {
        Some(h) => {
            let w = d.lw(h);
            if agent_noun(w) {
                return true;
            }
            lex::person_noun(w)
                || (!sentence_initial(d, h) && demonym(d.raw(h)))
                || extra_person(w)
                || (singular
                    && w.len() < 20
                    && !w.ends_with('s')
                    && lex::person_noun(&format!("{w}s")))
        }
        None => false,
    }
}

/// Plural agent nouns ("inspectors", "journalists", "physicians", "shareholders").
fn agent_noun(w: &str) -> bool {
    if w.len() < 6 || !w.is_ascii() {
        return false;
    }
    if (w.ends_with("ists") || w.ends_with("ians"))
        && !w.ends_with("lists")
        && !matches!(
            w,
            "twists" | "wrists" | "assists" | "insists" | "persists" | "exists" | "resists"
        )
    {
        return true;
    }
    if !(w.ends_with("ers") || w.ends_with("ors") || w.ends_with("nts") || w.ends_with("ees")) {
        return false;
    }
    const SUFFIXES: &[&str] = &[
        "makers",
        "keepers",
        "holders",
        "goers",
        "seekers",
        "owners",
        "dwellers",
        "riders",
        "drivers",
        "voters",
        "leaders",
        "readers",
        "viewers",
        "users",
        "buyers",
        "sellers",
        "traders",
        "lenders",
        "borrowers",
        "workers",
        "walkers",
        "runners",
        "players",
        "officers",
        "inspectors",
        "investigators",
        "directors",
        "supervisors",
        "contractors",
        "instructors",
        "professors",
        "doctors",
        "senators",
        "governors",
        "mayors",
        "councillors",
        "counselors",
        "translators",
        "negotiators",
        "mediators",
        "visitors",
        "donors",
        "survivors",
        "creditors",
        "debtors",
        "investors",
        "advisers",
        "advisors",
        "researchers",
        "teachers",
        "farmers",
        "miners",
        "builders",
        "managers",
        "employers",
        "members",
        "fighters",
        "soldiers",
        "growers",
        "producers",
        "exporters",
        "importers",
        "manufacturers",
        "retailers",
        "suppliers",
        "providers",
        "journalists",
        "reporters",
        "editors",
        "authors",
        "writers",
        "singers",
        "dancers",
        "actors",
        "performers",
        "athletes",
        "passengers",
        "travellers",
        "travelers",
        "commuters",
        "campaigners",
        "organisers",
        "organizers",
        "volunteers",
        "prosecutors",
        "defenders",
        "attackers",
        "strikers",
        "protesters",
        "demonstrators",
        "petitioners",
        "applicants",
        "claimants",
        "recipients",
        "beneficiaries",
        "subscribers",
        "customers",
        "consumers",
        "shoppers",
        "renters",
        "tenants",
        "landlords",
        "homeowners",
    ];
    SUFFIXES.iter().any(|s| w.ends_with(s))
}

const EXTRA_PERSON: &[&str] = &[
    "policymakers",
    "colleagues",
    "colleague",
    "justices",
    "teammates",
    "classmates",
    "coworkers",
    "co-workers",
    "councillors",
    "councilors",
    "mps",
    "meps",
    "helmets",
    "others",
    "democrats",
    "republicans",
    "conservatives",
    "liberals",
    "socialists",
    "peacekeepers",
    "seafarers",
    "crewmen",
    "engineers",
    "lawyers",
    "physicians",
    "surgeons",
    "midwives",
    "caregivers",
    "carers",
    "ranchers",
    "growers",
    "producers",
    "entrepreneurs",
    "founders",
    "executives",
    "managers",
    "bosses",
    "coaches",
    "referees",
    "footballers",
    "cricketers",
    "marathoners",
    "climbers",
    "astronauts",
    "cosmonauts",
    "pilots",
    "firefighters",
    "paramedics",
    "medics",
    "responders",
    "rescuers",
    "hikers",
    "swimmers",
    "skiers",
    "worshippers",
    "parishioners",
    "believers",
    "muslims",
    "christians",
    "jews",
    "hindus",
    "catholics",
    "buddhists",
    "men,",
    "electors",
    "jurors",
    "judges,",
    "clergy",
    "nuns",
    "priests",
    "monks",
    "prisoners,",
    "inmates,",
    "convicts",
    "offenders",
    "criminals",
    "gang",
    "smugglers",
    "traffickers",
    "poachers",
    "looters",
    "rioters",
    "strikers",
    "picketers",
    "marchers",
    "mourners",
    "onlookers",
    "bystanders",
    "commuters",
    "travellers",
    "travelers",
    "holidaymakers",
    "shoppers",
    "diners",
    "patrons",
    "members,",
    "employees,",
    "newborns",
    "toddlers",
    "adolescents",
    "minors",
    "orphans",
    "widows",
    "elderly",
    "pupils,",
    "graduates",
    "undergraduates",
    "scholars",
    "academics",
    "faculty",
    "nationals,",
    "expatriates",
    "expats",
    "emigrants",
    "settlers",
    "colonists",
    "squatters",
    "residents,",
    "dwellers",
    "villagers",
    "townspeople",
    "locals",
    "natives",
    "indigenous",
    "aboriginal",
    "tribesmen",
    "herders",
    "fishermen",
    "sailors,",
    "seamen",
    "airmen",
    "soldiers,",
    "gunners",
    "snipers",
    "guerrillas",
    "partisans",
    "loyalists",
    "separatists",
    "secessionists",
    "extremists",
    "radicals",
    "arrivals",
    "newcomers",
    "entrants",
    "bodyguards",
    "mourner",
    "hostage",
    "victim",
];

pub(super) fn extra_person(w: &str) -> bool {
    static SET: LazyLock<lex::WordSet> = LazyLock::new(|| lex::word_set(EXTRA_PERSON));
    SET.contains(w)
}
