//! Context around mentions: counted noun, subject, speaker, conversions, non-numeric candidates,
//! and the check-worthiness score.

use super::lex;
use super::quantity::{count_noun, finish_date, Kind, M};
use super::text::{Doc, K};
use super::{Approx, Candidate, Value};
use rust_decimal::Decimal;
use std::sync::LazyLock;

/// Noun phrase after token `j` (exclusive end `hi`): "Aegis destroyers", "reward for his capture".
fn np_forward(d: &Doc, j: usize, hi: usize, allow_for: bool) -> Option<(usize, usize)> {
    let mut k = j;
    let mut of_start = false;
    if k < hi && (d.lw(k) == "of" || (allow_for && d.lw(k) == "in")) && d.is_w(k + 1) {
        of_start = d.lw(k) == "of";
        k += 1;
    }
    if k < hi
        && matches!(
            d.lw(k),
            "the" | "its" | "his" | "her" | "their" | "our" | "these" | "those"
        )
    {
        k += 1;
    }
    if of_start {
        // "35.24 million of the country's 44.39 million eligible voters", "Seven of the 19 policymakers"
        if d.is_w(k) && (d.lw(k).ends_with("'s") || d.lw(k).ends_with("’s")) && d.is_n(k + 1) {
            k += 1;
        }
        if d.is_n(k) {
            k += 1;
            if d.is_w(k) && lex::scale(d.lw(k)).is_some() {
                k += 1;
            }
        }
    }
    // "1.7 million more people", "75 million fewer children"
    if k < hi
        && matches!(
            d.lw(k),
            "more" | "fewer" | "additional" | "new" | "extra" | "other" | "further"
        )
        && d.is_w(k + 1)
        && !lex::np_stop(d.lw(k + 1))
    {
        k += 1;
    }
    let start = k;
    let mut cnt = 0;
    let mut end = k;
    let mut after_dash = false;
    while k < hi && cnt < 4 {
        if d.is_w(k) {
            let w = d.lw(k);
            // "U.S. service members"
            if d.raw(k).len() == 1 && d.cap(k) && d.is_sym(k + 1, '.') && d.glued(k + 1) {
                k += 2;
                end = k;
                continue;
            }
            if lex::np_stop(w) || (lex::say_verb(w) && (cnt > 0 || !w.ends_with('s'))) {
                break;
            }
            if lex::month(d.raw(k)).is_some() && d.cap(k) {
                break;
            }
            let person = lex::person_noun(w);
            if !person && w.len() > 4 && w.ends_with("ly") {
                break;
            }
            let noun_follows =
                d.is_w(k + 1) && !lex::np_stop(d.lw(k + 1)) && !d.lw(k + 1).ends_with("ed");
            if !person
                && !after_dash
                && ((cnt >= 1 && w.ends_with("ing") && !ing_noun(w))
                    || (w.ends_with("ed") && (cnt >= 1 || !noun_follows)))
            {
                break;
            }
            if lex::num_word(w).is_some() {
                break;
            }
            after_dash = false;
            if cnt >= 1 && lex::link_verb(w) && !count_noun(w) {
                break;
            }
            cnt += 1;
            k += 1;
            end = k;
        } else if cnt >= 1 && d.is_dash(k) && d.glued(k) && d.glued(k + 1) && d.is_w(k + 1) {
            k += 1;
            after_dash = true;
        } else if cnt >= 1 && d.is_dash(k) && d.glued(k) && d.glued(k + 1) && d.is_n(k + 1) {
            // "COVID-19 deaths"
            k += 2;
            end = k;
        } else {
            break;
        }
    }
    if cnt == 0 || (end == start + 1 && d.raw(start).len() == 1 && !d.cap(start)) {
        return None;
    }
    // continuation: "members of parliament", "reward for his capture"
    let cw = d.lw(end);
    if end < hi && (cw == "of" || (allow_for && cw == "for")) {
        let mut k = end + 1;
        if k < hi
            && matches!(
                d.lw(k),
                "the" | "his" | "her" | "their" | "its" | "a" | "an" | "our"
            )
        {
            k += 1;
        }
        let mut c2 = 0;
        let mut e2 = k;
        while k < hi && c2 < 3 && d.is_w(k) && !lex::np_stop(d.lw(k)) && !lex::say_verb(d.lw(k)) {
            c2 += 1;
            k += 1;
            e2 = k;
        }
        if c2 > 0 {
            end = e2;
        }
    }
    Some((start, end))
}

/// Nouns ending in -ing ("housing", "funding") that do not end a noun phrase.
fn ing_noun(w: &str) -> bool {
    matches!(
        w,
        "housing"
            | "funding"
            | "spending"
            | "training"
            | "building"
            | "shipping"
            | "pricing"
            | "lending"
            | "borrowing"
            | "manufacturing"
            | "banking"
            | "marketing"
            | "polling"
            | "voting"
            | "fishing"
            | "mining"
            | "farming"
            | "clothing"
            | "heating"
            | "parking"
            | "rating"
            | "financing"
            | "engineering"
            | "advertising"
            | "broadcasting"
            | "catering"
            | "computing"
            | "consulting"
            | "meeting"
            | "offering"
            | "opening"
            | "planning"
            | "printing"
            | "processing"
            | "publishing"
            | "recycling"
            | "refining"
            | "screening"
            | "testing"
            | "trading"
            | "bombing"
            | "shelling"
            | "fighting"
            | "uprising"
            | "lodging"
            | "logging"
            | "nursing"
            | "schooling"
            | "shopping"
            | "smoking"
            | "teaching"
            | "trafficking"
            | "dredging"
            | "drilling"
            | "ceasefire"
            | "wellbeing"
            | "listing"
            | "listings"
            | "earnings"
            | "savings"
            | "holdings"
            | "bookings"
            | "filings"
            | "buildings"
            | "killings"
            | "shootings"
            | "bombings"
            | "meetings"
            | "offerings"
            | "openings"
            | "ratings"
            | "findings"
            | "readings"
            | "rulings"
            | "sightings"
            | "warnings"
    )
}

/// Skips "or so", "or more", "-plus" after a quantity.
fn skip_hedge_after(d: &Doc, j: usize) -> usize {
    if d.lw(j) == "or" && matches!(d.lw(j + 1), "so" | "more" | "less" | "fewer") {
        return j + 2;
    }
    if d.is_dash(j) && d.glued(j) && matches!(d.lw(j + 1), "plus" | "odd") {
        return j + 2;
    }
    if d.is_sym(j, '+') && d.glued(j) {
        return j + 1;
    }
    j
}

/// "Fourteen NATO members", "eight members of the OPEC+ group": member countries, not people.
fn member_states(d: &Doc, a: usize, b: usize) -> bool {
    let has_members = (a..b).any(|k| matches!(d.lw(k), "members" | "member" | "states"));
    if !has_members {
        return false;
    }
    let end = (b + 4).min(d.toks.len());
    (a..end).any(|k| {
        let r = d.raw(k);
        (d.is_w(k)
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
    k == 0 || d.toks[k].nl > 0 || matches!(d.sym(k - 1), Some('.' | '!' | '?' | '"' | '“' | ':'))
}

/// Demonyms and group nouns written with a capital: "Malians", "Mexicans", "Israelis", "Britons".
fn demonym(raw: &str) -> bool {
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
fn head_is_person(d: &Doc, a: usize, b: usize, singular: bool) -> bool {
    if member_states(d, a, b) {
        return false;
    }
    if d.is_w(a) && (lex::person_noun(d.lw(a)) || extra_person(d.lw(a))) && !d.is_dash(a + 1) {
        return true;
    }
    let mut head = None;
    for k in a..b {
        if matches!(d.lw(k), "of" | "for") && head.is_some() {
            break;
        }
        if d.is_w(k) {
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

fn extra_person(w: &str) -> bool {
    static SET: LazyLock<lex::WordSet> = LazyLock::new(|| lex::word_set(EXTRA_PERSON));
    SET.contains(w)
}

/// Noun phrase ending right before token `e`, walking back to a determiner or stop word.
fn np_back(d: &Doc, e: usize, lo: usize) -> Option<(usize, usize)> {
    let mut k = e;
    let mut cnt = 0;
    let mut steps = 0;
    while k > lo && steps < 8 {
        steps += 1;
        let p = k - 1;
        if d.is_w(p) {
            let w = d.lw(p);
            if lex::determiner(w) || matches!(w, "each" | "every") {
                if cnt > 0
                    && p > lo
                    && matches!(d.lw(p - 1), "for" | "of")
                    && matches!(
                        w,
                        "his" | "her" | "their" | "its" | "the" | "a" | "an" | "each" | "every"
                    )
                {
                    k = p;
                    continue;
                }
                break;
            }
            if matches!(w, "for" | "of")
                && cnt > 0
                && p > lo
                && d.is_w(p - 1)
                && !lex::np_stop(d.lw(p - 1))
                && !lex::link_verb(d.lw(p - 1))
            {
                k = p;
                continue;
            }
            if lex::np_stop(w)
                || lex::link_verb(w)
                || lex::say_verb(w)
                || lex::pronoun(w)
                || (cnt == 0 && w.ends_with("ed"))
            {
                break;
            }
            cnt += 1;
            k = p;
        } else if cnt > 0 && d.is_dash(p) && d.glued(p) && d.glued(k) && p > lo && d.is_w(p - 1) {
            k = p;
        } else {
            break;
        }
    }
    if cnt == 0 {
        return None;
    }
    let mut s = k;
    while s < e && matches!(d.lw(s), "for" | "of") {
        s += 1;
    }
    if s >= e {
        return None;
    }
    // the words belong to another quantity ("7 basis points to 4.21%") or only name a time
    if k > lo && (d.is_n(k - 1) || d.is_sym(k - 1, '%')) {
        return None;
    }
    if time_words_only(d, s, e) {
        return None;
    }
    Some((s, e))
}

/// Noun phrases that only name a time ("February", "the first quarter", "last year").
fn time_words_only(d: &Doc, s: usize, e: usize) -> bool {
    (s..e).all(|k| {
        !d.is_w(k)
            || lex::month(d.raw(k)).is_some()
            || matches!(
                d.lw(k),
                "quarter"
                    | "quarters"
                    | "year"
                    | "years"
                    | "month"
                    | "months"
                    | "week"
                    | "weeks"
                    | "day"
                    | "days"
                    | "first"
                    | "second"
                    | "third"
                    | "fourth"
                    | "half"
                    | "monday"
                    | "tuesday"
                    | "wednesday"
                    | "thursday"
                    | "friday"
                    | "saturday"
                    | "sunday"
                    | "weekend"
                    | "today"
                    | "yesterday"
                    | "period"
                    | "season"
                    | "fiscal"
                    | "calendar"
                    | "morning"
                    | "evening"
                    | "night"
                    | "afternoon"
                    | "spring"
                    | "summer"
                    | "autumn"
                    | "fall"
                    | "winter"
                    | "decade"
                    | "century"
                    | "time"
                    | "recent"
                    | "previous"
            )
    })
}

fn skip_aux_back(d: &Doc, mut p: usize, lo: usize) -> usize {
    // p is exclusive end; step back over auxiliaries and adverbs
    let mut n = 0;
    while p > lo && n < 3 {
        let w = d.lw(p - 1);
        if matches!(
            w,
            "has"
                | "have"
                | "had"
                | "was"
                | "were"
                | "is"
                | "are"
                | "will"
                | "would"
                | "been"
                | "be"
                | "also"
                | "now"
                | "already"
                | "reportedly"
                | "nearly"
                | "almost"
                | "more"
                | "than"
        ) {
            p -= 1;
            n += 1;
        } else {
            break;
        }
    }
    p
}

/// Subject found before the mention: "a reward of $50 million", "the reward ... to $50 million",
/// "unemployment rose to 5.8%".
fn subject_back(d: &Doc, m: &M, lo: usize) -> Option<(usize, usize)> {
    let h = m.h0;
    if h <= lo {
        return None;
    }
    let mut p = h - 1;
    if d.is_sym(p, '$') && p > lo {
        p -= 1;
    }
    let w = d.lw(p);
    if w == "of" {
        return np_back(d, p, lo);
    }
    if matches!(
        w,
        "to" | "at"
            | "by"
            | "from"
            | "on"
            | "reaching"
            | "hitting"
            | "totaling"
            | "totalling"
            | "near"
            | "about"
            | "around"
    ) {
        if let Some(np) = np_back(d, p, lo) {
            return Some(np);
        }
        if p > lo && lex::link_verb(d.lw(p - 1)) {
            let e = skip_aux_back(d, p - 1, lo);
            return np_back(d, e, lo);
        }
        return None;
    }
    if lex::link_verb(w) {
        let e = skip_aux_back(d, p, lo);
        return np_back(d, e, lo);
    }
    None
}

/// Speaker of a sentence (token range), if it attributes its content.
fn speaker(d: &Doc, lo: usize, hi: usize) -> Option<(usize, usize)> {
    let mut found = 0;
    for k in lo..hi {
        if d.lw(k) == "according" && d.lw(k + 1) == "to" {
            let s = k + 2;
            let mut e = s;
            let mut n = 0;
            while e < hi && n < 7 {
                if d.is_w(e) {
                    let w = d.lw(e);
                    if n > 0 && (lex::np_stop(w) && !matches!(w, "of" | "the" | "for" | "and")) {
                        break;
                    }
                    if lex::say_verb(w) || lex::link_verb(w) && n > 0 {
                        break;
                    }
                    e += 1;
                    n += 1;
                } else if n > 0
                    && d.is_dash(e)
                    && d.glued(e)
                    && e + 1 < hi
                    && d.is_w(e + 1)
                    && d.glued(e + 1)
                {
                    e += 2; // "open-source"
                } else if d.is_sym(e, '.')
                    && d.glued(e)
                    && e + 1 < hi
                    && d.is_w(e + 1)
                    && d.glued(e + 1)
                {
                    e += 1; // U.S.
                } else if d.is_sym(e, '.') && d.glued(e) && n > 0 && d.raw(e - 1).len() == 1 {
                    e += 1;
                } else {
                    break;
                }
            }
            // drop trailing "of"/"the"/"and"
            while e > s && matches!(d.lw(e - 1), "of" | "the" | "for" | "and") {
                e -= 1;
            }
            if e > s {
                return Some((s, e));
            }
        }
        if d.is_w(k)
            && (k == lo || !d.cap(k))
            && lex::say_verb(d.lw(k))
            && !matches!(d.lw(k), "citing" | "shows" | "showed" | "found" | "finds")
        {
            found += 1;
            if found > 6 {
                break;
            }
            if let Some(sp) = speaker_before(d, k, lo).or_else(|| speaker_after(d, k, hi)) {
                return Some(sp);
            }
        }
    }
    None
}

fn speaker_before(d: &Doc, k: usize, lo: usize) -> Option<(usize, usize)> {
    let mut e = k;
    // skip adverbs and auxiliaries: "also said", "has said", "had earlier reported"
    let mut n = 0;
    while e > lo && n < 3 {
        let w = d.lw(e - 1);
        if d.is_w(e - 1)
            && (matches!(
                w,
                "has"
                    | "have"
                    | "had"
                    | "also"
                    | "previously"
                    | "earlier"
                    | "later"
                    | "then"
                    | "recently"
                    | "further"
                    | "once"
                    | "publicly"
            ) || (w.ends_with("ly") && w.len() > 4))
        {
            e -= 1;
            n += 1;
        } else {
            break;
        }
    }
    if e <= lo {
        return None;
    }
    let p = e - 1;
    if d.is_sym(p, ',') {
        // "Yonhap News, citing U.S. broadcaster CNN, reported"
        let mut q = p;
        let mut steps = 0;
        while q > lo && steps < 14 {
            q -= 1;
            steps += 1;
            if d.is_sym(q, ',') {
                if d.is_w(q + 1) && !d.cap(q + 1) || matches!(d.lw(q + 1), "a" | "the" | "citing") {
                    return name_back(d, q, lo);
                }
                return None;
            }
            if matches!(d.sym(q), Some('"' | '“' | '”' | '.')) {
                return None;
            }
        }
        return None;
    }
    name_back(d, e, lo)
}

fn title_word(w: &str) -> bool {
    matches!(
        w,
        "president"
            | "vice"
            | "prime"
            | "minister"
            | "secretary"
            | "spokesperson"
            | "spokesman"
            | "spokeswoman"
            | "general"
            | "gen"
            | "chancellor"
            | "governor"
            | "mayor"
            | "senator"
            | "sen"
            | "rep"
            | "representative"
            | "chief"
            | "executive"
            | "ceo"
            | "director"
            | "chairman"
            | "chairwoman"
            | "chair"
            | "deputy"
            | "admiral"
            | "adm"
            | "lieutenant"
            | "colonel"
            | "commander"
            | "dr"
            | "professor"
            | "prof"
            | "mr"
            | "mrs"
            | "ms"
            | "king"
            | "queen"
            | "prince"
            | "princess"
            | "pope"
            | "judge"
            | "justice"
            | "ambassador"
            | "envoy"
            | "commissioner"
            | "premier"
            | "sheikh"
            | "cardinal"
            | "bishop"
            | "coach"
            | "captain"
            | "sergeant"
            | "inspector"
            | "superintendent"
            | "attorney"
            | "speaker"
            | "leader"
            | "economist"
            | "analyst"
            | "officer"
            | "head"
            | "founder"
            | "cfo"
            | "coo"
            | "governor-general"
            | "counsel"
            | "marshal"
            | "major"
            | "brigadier"
            | "sgt"
            | "capt"
    )
}

fn org_word(w: &str) -> bool {
    matches!(
        w,
        "ministry"
            | "department"
            | "agency"
            | "office"
            | "council"
            | "committee"
            | "bank"
            | "service"
            | "services"
            | "commission"
            | "authority"
            | "institute"
            | "association"
            | "organization"
            | "organisation"
            | "party"
            | "government"
            | "administration"
            | "bureau"
            | "board"
            | "fund"
            | "group"
            | "company"
            | "corporation"
            | "corp"
            | "inc"
            | "ltd"
            | "university"
            | "center"
            | "centre"
            | "forces"
            | "force"
            | "army"
            | "navy"
            | "police"
            | "court"
            | "parliament"
            | "assembly"
            | "senate"
            | "house"
            | "cabinet"
            | "news"
            | "agency's"
            | "network"
            | "times"
            | "post"
            | "journal"
            | "union"
            | "federation"
    )
}

/// Name or "the X" phrase ending before token `e`.
fn name_back(d: &Doc, e: usize, lo: usize) -> Option<(usize, usize)> {
    if e <= lo || !d.is_w(e - 1) {
        return None;
    }
    let last = e - 1;
    if lex::pronoun(d.lw(last)) || lex::np_stop(d.lw(last)) {
        return None;
    }
    if d.cap(last) {
        // maximal capitalized run (allowing "of"/"for"/"and" between capitals, and "U.S.")
        let mut s = last;
        let mut steps = 0;
        while s > lo && steps < 8 {
            steps += 1;
            let p = s - 1;
            let cap_word = d.is_w(p) && d.cap(p);
            let joiner =
                d.is_w(p) && matches!(d.lw(p), "of" | "for" | "and") && p > lo && d.cap(p - 1);
            let initial = d.is_sym(p, '.')
                && d.glued(p)
                && p > lo
                && d.is_w(p - 1)
                && d.raw(p - 1).len() == 1;
            let hyphen =
                d.is_dash(p) && d.glued(p) && d.glued(s) && p > lo && d.is_w(p - 1) && d.glued(p);
            if cap_word || joiner || initial || hyphen {
                s = p;
            } else {
                break;
            }
        }
        // a determiner right before a capitalized organisation: "the Defense Ministry"
        if s > lo && d.lw(s - 1) == "the" {
            s -= 1;
        }
        // sentence-initial function word capitalized ("On", "In"): trim it
        while s < last && d.is_w(s) && (lex::np_stop(d.lw(s)) && d.lw(s) != "the") {
            s += 1;
        }
        // titles before a personal name: "Health Minister Ana Ruiz" -> "Ana Ruiz"
        if let Some(t) = (s..last).rev().find(|&k| d.is_w(k) && title_word(d.lw(k))) {
            let rest_is_name =
                (t + 1..e).all(|k| !d.is_w(k) || (!org_word(d.lw(k)) && !title_word(d.lw(k))));
            if rest_is_name && t + 1 < e {
                s = t + 1;
            }
        }
        return Some((s, e));
    }
    // lowercase: "the navy", "the ministry", "officials", "the health ministry"
    let mut s = last;
    let mut steps = 0;
    while s > lo && steps < 4 {
        steps += 1;
        let p = s - 1;
        if !d.is_w(p) {
            break;
        }
        let w = d.lw(p);
        if w == "the" {
            return Some((p, e));
        }
        if lex::np_stop(w) || lex::determiner(w) || lex::link_verb(w) || lex::say_verb(w) {
            break;
        }
        s = p;
    }
    if d.lw(last).ends_with('s') && s == last {
        return Some((s, e));
    }
    None
}

fn speaker_after(d: &Doc, k: usize, hi: usize) -> Option<(usize, usize)> {
    // `..., said Mao Ning.` / `..." said the ministry.`
    if k == 0 || !matches!(d.sym(k - 1), Some(',' | '"' | '”' | '\'' | '’')) {
        return None;
    }
    let s = k + 1;
    if s >= hi {
        return None;
    }
    if d.lw(s) == "the" {
        let mut e = s + 1;
        while e < hi && e < s + 5 && d.is_w(e) && !lex::np_stop(d.lw(e)) {
            e += 1;
        }
        return if e > s + 1 { Some((s, e)) } else { None };
    }
    let mut s = s;
    // "said farmer Li Wei", "said health minister Ana Ruiz"
    let mut r = s;
    while r < hi && r < s + 3 && d.is_w(r) && !d.cap(r) && !lex::np_stop(d.lw(r)) {
        r += 1;
    }
    if r > s && r < hi && d.cap(r) {
        s = r;
    }
    // "said Dr. Mercy Banda", "said Gen. Lee"
    while s + 2 < hi
        && d.cap(s)
        && title_word(d.lw(s))
        && (d.cap(s + 1) || (d.is_sym(s + 1, '.') && d.cap(s + 2)))
    {
        s += if d.is_sym(s + 1, '.') { 2 } else { 1 };
    }
    let mut e = s;
    while e < hi && e < s + 8 {
        if d.is_w(e) && d.cap(e) {
            e += 1;
        } else if e > s && d.is_dash(e) && d.glued(e) && d.glued(e + 1) && d.is_w(e + 1) {
            e += 2;
        } else {
            break;
        }
    }
    if e > s {
        Some((s, e))
    } else {
        None
    }
}

fn is_money(u: &str) -> bool {
    u.len() == 3 && u.bytes().all(|b| b.is_ascii_uppercase())
}

fn dimension(u: &str) -> Option<u8> {
    Some(match u {
        "km" | "mi" | "nmi" | "m" | "cm" | "mm" | "ft" | "in" => 1,
        "km2" | "mi2" | "ha" | "acre" | "m2" | "ft2" => 2,
        "kg" | "g" | "t" | "lb" => 3,
        "L" | "bbl" | "m3" | "ft3" => 4,
        "degC" | "degF" => 5,
        "km/h" | "mph" | "knot" => 6,
        _ => return None,
    })
}

fn base_score(m: &M) -> f64 {
    match m.kind {
        Kind::Quantity => match m.unit.unwrap_or("count") {
            u if is_money(u) => 0.82,
            "person" => 0.8,
            "percent" | "percentage_point" | "basis_point" => 0.8,
            "ratio" => 0.75,
            "count" => 0.7,
            "duration" => 0.62,
            "months" | "years" => 0.6,
            _ => 0.74,
        },
        Kind::Age => 0.55,
        Kind::Ordinal => 0.55,
        Kind::Year => 0.3,
        Kind::Date => 0.25,
        Kind::Time => 0.15,
        Kind::Label => 0.08,
        Kind::Superlative => 0.5,
        Kind::Quote => 0.4,
    }
}

/// Context that makes a number a definition, a sample size or a time placement rather than a claim.
fn context_penalty(d: &Doc, m: &M, lo: usize) -> f64 {
    if m.kind != Kind::Quantity {
        return 0.0;
    }
    let h = m.h0;
    let p1 = if h > lo { d.lw(h - 1) } else { "" };
    let p2 = if h > lo + 1 { d.lw(h - 2) } else { "" };
    let unit = m.unit.unwrap_or("");
    // margins of error: "plus or minus 3.1 points", "±2 points"
    let a = h.saturating_sub(6).max(lo);
    if (a..=h.min(m.t0))
        .any(|k| d.is_sym(k, '±') || (d.lw(k) == "margin" && d.lw(k + 2) == "error"))
        || (p1 == "minus" && p2 == "or")
        || (m.t0 > lo && d.lw(m.t0) == "minus")
    {
        return 0.4;
    }
    // rate denominators and unit prices: "per 100,000 people", "every £1"
    if matches!(p1, "per" | "every") {
        return 0.5;
    }
    if matches!(d.lw(m.t1), "band" | "bracket" | "threshold") {
        return 0.3;
    }
    // poll samples: "a poll of 30 economists", "median of 40 forecasts", "among 1,012 likely voters"
    let headcount = matches!(unit, "person" | "count");
    if (headcount
        && p1 == "of"
        && matches!(
            p2,
            "poll" | "survey" | "sample" | "median" | "panel" | "consensus"
        ))
        || (headcount
            && matches!(d.lw(m.t1), "likely" | "registered" | "respondents")
            && matches!(p1, "among" | "of" | "surveyed" | "polled"))
        || (headcount && matches!(d.lw(m.t1), "forecasts" | "respondents"))
    {
        return 0.4;
    }
    if matches!(unit, "duration" | "months" | "years") {
        let hyphen = d.is_dash(m.t0 + 1) && d.glued(m.t0 + 1);
        let nx = d.lw(m.t1);
        if hyphen {
            if matches!(
                nx,
                "period"
                    | "target"
                    | "standard"
                    | "limit"
                    | "window"
                    | "deadline"
                    | "rule"
                    | "benchmark"
                    | "average"
                    | "moratorium"
                    | "cycle"
            ) {
                return 0.25;
            }
        } else if matches!(
            p1,
            "the"
                | "first"
                | "past"
                | "previous"
                | "next"
                | "following"
                | "any"
                | "coming"
                | "those"
                | "these"
                | "within"
        ) || nx == "ago"
            || nx == "away"
            || (m.approx == Approx::Exact
                && matches!(
                    nx,
                    "after" | "earlier" | "later" | "before" | "prior" | "since" | "away"
                ))
        {
            return 0.25;
        }
    }
    0.0
}

/// Superlatives ("the most advanced", "the world's largest") and attributed quotes of a sentence.
fn non_numeric(d: &Doc, si: usize, lo: usize, hi: usize, has_speaker: bool, out: &mut Vec<M>) {
    let mut k = lo;
    while k < hi {
        if d.is_w(k) {
            let w = d.lw(k);
            let sup = lex::superlative(w);
            if sup && k > lo {
                let p = d.lw(k - 1);
                let poss = p.ends_with("'s") || p.ends_with("’s");
                if p == "the" || poss {
                    let mut start = k - 1;
                    if poss && start > lo && d.lw(start - 1) == "the" {
                        start -= 1;
                    }
                    let mut end = k + 1;
                    let ok = if matches!(w, "most" | "least") {
                        let n = d.lw(k + 1);
                        if d.is_w(k + 1) && !lex::np_stop(n) && k + 1 < hi {
                            end = k + 2;
                            true
                        } else {
                            false
                        }
                    } else {
                        true
                    };
                    // "the third-largest" is an ordinal mention already
                    let after_dash = k > lo && d.is_dash(k - 1);
                    if ok && !after_dash {
                        if end < hi && d.is_w(end) && lex::measure_noun(d.lw(end)) {
                            end += 1;
                        }
                        let mut m = M::new(d, si, start, end, Kind::Superlative);
                        m.unit = None;
                        out.push(m);
                        k = end;
                        continue;
                    }
                }
            }
        }
        if has_speaker && matches!(d.sym(k), Some('"' | '“')) {
            let close: &[char] = if d.is_sym(k, '“') { &['”'] } else { &['"'] };
            let mut j = k + 1;
            let mut words = 0;
            while j < hi && j < k + 400 {
                if let Some(c) = d.sym(j) {
                    if close.contains(&c) {
                        break;
                    }
                }
                if d.is_w(j) {
                    words += 1;
                }
                j += 1;
            }
            if j < hi && j < k + 400 && words >= 4 && j > k + 1 {
                let mut m = M::new(d, si, k + 1, j, Kind::Quote);
                m.unit = None;
                out.push(m);
                k = j + 1;
                continue;
            }
        }
        k += 1;
    }
}

/// Attaches context, scores, conversions; returns candidates in text order.
pub(super) fn finish(d: &Doc, mut ms: Vec<M>) -> Vec<Candidate> {
    // Year of the article, from a full date near the top (dateline / metadata).
    let doc_year = ms
        .iter()
        .filter(|m| m.kind == Kind::Date && (m.s < 600 || m.sent < 3))
        .find_map(|m| m.ymd.and_then(|(y, _, _)| y))
        .or_else(|| {
            // else the year of a copyright or metadata line ("© 2025 Thomson Reuters")
            ms.iter()
                .filter(|m| {
                    matches!(m.kind, Kind::Year | Kind::Date) && d.sents[m.sent].flags.boiler
                })
                .find_map(|m| match (&m.value, m.ymd) {
                    (_, Some((Some(y), _, _))) => Some(y),
                    (Some(Value::Number(v)), _) => v.to_string().parse::<i32>().ok(),
                    _ => None,
                })
        });
    for m in &mut ms {
        if m.kind == Kind::Date {
            finish_date(m, doc_year);
        }
    }
    // Speakers, computed once per sentence that has mentions.
    let mut sp_cache: Vec<Option<Option<(usize, usize)>>> = vec![None; d.sents.len()];
    let mut get_sp = |si: usize| -> Option<(usize, usize)> {
        if sp_cache[si].is_none() {
            let s = &d.sents[si];
            sp_cache[si] = Some(speaker(d, s.lo, s.hi));
        }
        sp_cache[si].flatten()
    };
    // Non-numeric candidates per sentence with numeric mentions or quotes.
    let mut extra = Vec::new();
    for si in 0..d.sents.len() {
        let s = &d.sents[si];
        let (mut has_quote, mut has_sup) = (false, false);
        for k in s.lo..s.hi {
            match d.toks[k].k {
                K::S('"' | '“') => has_quote = true,
                K::W => has_sup = has_sup || lex::superlative(d.lw(k)),
                _ => {}
            }
            if has_quote && has_sup {
                break;
            }
        }
        if !has_quote && !has_sup {
            continue;
        }
        let hs = has_quote && get_sp(si).is_some();
        non_numeric(d, si, s.lo, s.hi, hs, &mut extra);
    }
    // Drop superlatives overlapping numeric mentions.
    if !extra.is_empty() {
        let mut idx = 0;
        extra.retain(|x| {
            if x.kind == Kind::Quote {
                return true;
            }
            while idx < ms.len() && ms[idx].e <= x.s {
                idx += 1;
            }
            !(idx < ms.len() && ms[idx].s < x.e)
        });
        // both lists are in text order: merge them
        let mut merged = Vec::with_capacity(ms.len() + extra.len());
        let mut a = std::mem::take(&mut ms).into_iter().peekable();
        let mut b = extra.into_iter().peekable();
        loop {
            let take_a = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) => (x.s, x.e) <= (y.s, y.e),
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            merged.extend(if take_a { a.next() } else { b.next() });
        }
        ms = merged;
    }

    let mut subjects: Vec<Option<(usize, usize)>> = Vec::with_capacity(ms.len());
    // unit decided from the counted noun of the previous bare mention: (sentence, unit)
    let mut prev_unit: Option<(usize, Option<&'static str>)> = None;
    for m in ms.iter_mut() {
        let s = &d.sents[m.sent];
        let (lo, hi) = (s.lo, s.hi);
        let mut subj = None;
        if matches!(
            m.kind,
            Kind::Quantity | Kind::Date | Kind::Age | Kind::Ordinal
        ) {
            let unit = m.unit.unwrap_or("");
            let is_ratio = unit == "ratio";
            let fwd = if m.kind == Kind::Date
                || m.kind == Kind::Age && m.t1 > m.t0 + 1 && d.lw(m.t0) != "aged"
                || matches!(unit, "duration" | "months" | "years")
            {
                None
            } else {
                np_forward(d, skip_hedge_after(d, m.t1), hi, is_ratio || is_money(unit))
                    .filter(|&(a, b)| !time_words_only(d, a, (a + 1).min(b)))
            };
            if m.bare {
                let singular = m.num() == Some(Decimal::ONE);
                let mut person = fwd.is_some_and(|(a, b)| head_is_person(d, a, b, singular));
                let compound = d.is_dash(m.t1) && d.glued(m.t1) && d.is_w(m.t1 + 1);
                if fwd.is_none() && !compound {
                    // "15.42 million who voted", "others"; or a person noun earlier in the sentence
                    // ("4,597 heat-related deaths, followed by Spain with 2,841")
                    let n1 = d.lw(m.t1);
                    if let Some(Some(pu)) =
                        prev_unit.filter(|&(ps, _)| ps == m.sent).map(|(_, u)| u)
                    {
                        m.unit = Some(pu);
                        subjects.push(subject_back(d, m, lo));
                        continue;
                    }
                    let a = m.h0.saturating_sub(25).max(lo);
                    person = n1 == "who"
                        || (a..m.h0).rev().any(|k| {
                            let w = d.lw(k);
                            lex::person_noun(w)
                                || extra_person(w)
                                || (k > lo && demonym(d.raw(k)))
                                || matches!(
                                    w,
                                    "toll"
                                        | "population"
                                        | "crowd"
                                        | "crowds"
                                        | "turnout"
                                        | "attendance"
                                )
                        });
                }
                m.unit = Some(if person { "person" } else { "count" });
                if fwd.is_some() {
                    prev_unit = Some((m.sent, m.unit));
                }
            }
            subj = fwd.or_else(|| subject_back(d, m, lo));
            // "the median age of patients was 54"
            if m.bare || m.unit == Some("person") && fwd.is_none() {
                if let Some((a, _)) = subj {
                    if matches!(d.lw(a), "age" | "ages")
                        || (a + 1 < d.toks.len()
                            && matches!(d.lw(a + 1), "age" | "ages")
                            && !d.is_w(a + 2))
                    {
                        m.unit = Some("age");
                        m.kind = Kind::Age;
                        m.bare = false;
                    }
                }
            }
            if m.bare && m.unit == Some("count") {
                // "35 were killed"
                let n1 = d.lw(m.t1);
                if fwd.is_none() && matches!(n1, "were" | "was" | "have" | "had" | "are") {
                    let n2 = if d.lw(m.t1 + 1) == "been" {
                        d.lw(m.t1 + 2)
                    } else {
                        d.lw(m.t1 + 1)
                    };
                    if matches!(
                        n2,
                        "killed"
                            | "injured"
                            | "wounded"
                            | "arrested"
                            | "detained"
                            | "displaced"
                            | "evacuated"
                            | "infected"
                            | "hospitalized"
                            | "hospitalised"
                            | "dead"
                            | "missing"
                            | "rescued"
                            | "deported"
                            | "executed"
                            | "born"
                            | "employed"
                            | "hired"
                            | "fired"
                    ) {
                        m.unit = Some("person");
                    }
                }
            }
        }
        subjects.push(subj);
    }

    // Conversions: "$50 million (approximately 62.3 billion won)".
    let mut conv: Vec<Option<usize>> = vec![None; ms.len()];
    for b in 1..ms.len() {
        let a = b - 1;
        let (ma, mb) = (&ms[a], &ms[b]);
        if ma.sent != mb.sent
            || ma.kind != Kind::Quantity
            || mb.kind != Kind::Quantity
            || ma.t1 > mb.h0
        {
            continue;
        }
        let (ua, ub) = match (ma.unit, mb.unit) {
            (Some(x), Some(y)) => (x, y),
            _ => continue,
        };
        let same_dim = (is_money(ua) && is_money(ub))
            || (dimension(ua).is_some() && dimension(ua) == dimension(ub));
        if !same_dim || ua == ub {
            continue;
        }
        let gap = mb.h0 - ma.t1;
        if gap > 4 {
            continue;
        }
        let mut marker = false;
        let mut ok = true;
        for k in ma.t1..mb.h0 {
            match d.sym(k) {
                Some('(' | '[') => marker = true,
                Some(',' | '/') => {}
                Some(_) => ok = false,
                None => {
                    let w = d.lw(k);
                    if matches!(w, "or" | "equivalent" | "equal" | "worth") {
                        marker = true;
                    } else if !matches!(
                        w,
                        "to" | "about" | "roughly" | "some" | "nearly" | "around"
                    ) {
                        ok = false;
                    }
                }
            }
        }
        if ok && marker {
            conv[b] = Some(a);
        }
    }

    let mut out = Vec::with_capacity(ms.len());
    for (i, m) in ms.iter().enumerate() {
        let s = &d.sents[m.sent];
        let sp = if matches!(
            m.kind,
            Kind::Quantity | Kind::Quote | Kind::Superlative | Kind::Age | Kind::Ordinal
        ) {
            get_sp(m.sent)
        } else {
            None
        };
        let mut subj = subjects[i];
        let mut rate = None;
        if let Some(a) = conv[i] {
            if subjects[a].is_some() {
                subj = subjects[a];
            }
            if let (Some(va), Some(vb)) = (ms[a].num(), m.num()) {
                if !va.is_zero() {
                    rate = vb
                        .checked_div(va)
                        .and_then(|r| r.round_sf(6))
                        .map(|r| r.normalize());
                }
            }
        }
        let mut score = base_score(m);
        if m.kind == Kind::Quantity {
            if subj.is_some() {
                score += 0.05;
            } else if m.unit == Some("count") {
                score -= 0.18;
            }
            if m.scaled || m.num().is_some_and(|v| v.abs() >= Decimal::from(1000)) {
                score += 0.04;
            }
            if sp.is_some() {
                score += 0.02;
            }
            if conv[i].is_some() {
                score -= 0.03;
            }
        }
        score += m.bonus;
        score -= context_penalty(d, m, s.lo);
        if s.flags.boiler {
            score = score.min(0.1);
        }
        let score = score.clamp(0.0, 1.0);
        let score = (score * 1000.0).round() / 1000.0;
        let slice = |r: Option<(usize, usize)>| -> Option<String> {
            r.and_then(|(a, b)| {
                if a < b && b <= d.toks.len() {
                    d.text
                        .get(d.toks[a].s()..d.toks[b - 1].e())
                        .map(str::to_string)
                } else {
                    None
                }
            })
        };
        let (start, end) = (m.s, m.e);
        let value = match (&m.value, m.kind) {
            (Some(Value::Number(v)), _) => Some(Value::Number(v.normalize())),
            (v, _) => v.clone(),
        };
        let high = match &m.high {
            Some(Value::Number(v)) => Some(Value::Number(v.normalize())),
            v => v.clone(),
        };
        out.push(Candidate {
            sentence_start: d.toks[s.lo].s(),
            sentence_end: d.toks[s.hi - 1].e(),
            start,
            end,
            surface: d.text.get(start..end).unwrap_or("").to_string(),
            value,
            value_high: high,
            unit: m.unit.map(str::to_string),
            approx: if matches!(m.kind, Kind::Quote | Kind::Superlative) {
                Approx::Exact
            } else {
                m.approx
            },
            subject: slice(subj),
            speaker: slice(sp),
            score,
            check_worthy: score >= 0.5,
            conversion_of: conv[i],
            implied_rate: rate,
            kind: m.kind.as_str(),
        });
    }
    out
}
