//! Currencies named by words after a number ("dollars", "Swiss francs", "pesos" of the country in
//! context), exchange-rate quotes ("1,365.4 per dollar") and the ISO-code test.

use super::number::NumberCore;
use super::unit::{unit, UnitMatch};
use crate::extract::lex;
use crate::extract::text::Doc;
use rust_decimal::Decimal;

#[inline]
pub(super) fn is_iso(u: &str) -> bool {
    u.len() == 3 && u.bytes().all(|b| b.is_ascii_uppercase())
}

/// "Canadian dollars", "U.S. dollar", "New Zealand dollars" from token `j`: the currency and the
/// token of the word "dollar(s)".
fn named_dollar(d: &Doc, j: usize) -> Option<(&'static str, usize)> {
    let w = d.lw(j);
    let (code, dollar) = if let Some(code) = lex::dollar_country(w) {
        (code, j + 1)
    } else if w == "u" && d.is_sym(j + 1, '.') && d.lw(j + 2) == "s" && d.is_sym(j + 3, '.') {
        ("USD", j + 4)
    } else if w == "hong" && d.lw(j + 1) == "kong" {
        ("HKD", j + 2)
    } else if w == "new" && d.lw(j + 1) == "zealand" {
        ("NZD", j + 2)
    } else {
        return None;
    };
    matches!(d.lw(dollar), "dollar" | "dollars").then_some((code, dollar))
}

/// Rule: the dollar a text says its figures are in. A short sentence without a number or a quote
/// that names the text's figures and then, after "in" or "are", one country's dollars, and nothing
/// else ("All figures are in Australian dollars.", "Dollar amounts are in Canadian dollars unless
/// stated otherwise."), makes a bare "$" that country's; without one "$" is the US dollar. A
/// sentence that reports, excludes or compares currencies declares nothing ("The totals exclude
/// donations made in Canadian dollars.", "…as the U.S. dollar weakened against Canadian dollars.").
/// Without a declaration, a dateline in a dollar country's city makes "$" that country's
/// (`dateline_dollar`). Read once per text.
pub(in crate::extract) fn declared_dollar(d: &Doc) -> &'static str {
    d.declared_dollar.get_or_init(|| {
        d.sents
            .iter()
            .find_map(|s| declaration(d, s.lo, s.hi))
            .or_else(|| dateline_dollar(d))
            .or_else(|| home_dollar(d))
            .unwrap_or("USD")
    })
}

/// How many tokens at a text's start hold its headline, byline and dateline.
const TEXT_START: usize = 120;

/// The dollar of the text's dateline: a city written in capitals at its start, followed by a
/// dash, a comma or a bracket or alone on its line ("OTTAWA —", "WELLINGTON --", "EDMONTON, Nov.
/// 26"), when it is a dollar country's and not the United States'. A paper in Ottawa or Sydney
/// writes its own dollar as "$"; a headline's "Canada" or "Australian miner" says nothing about
/// the currency. Wire copy keeps "$" for the US dollar wherever it is filed and writes the local
/// one as "A$" or "C$", so a wire's tag or a prefixed dollar leaves "$" American.
fn dateline_dollar(d: &Doc) -> Option<&'static str> {
    if wire_copy(d) {
        return None;
    }
    let end = TEXT_START.min(d.toks.len());
    (0..end)
        .find_map(|k| {
            let raw = d.raw(k);
            if !(raw.len() >= 3 && raw.bytes().all(|b| b.is_ascii_uppercase())) {
                return None;
            }
            let (code, words) = dateline_city(raw, d.raw(k + 1))?;
            dateline_at(d, k, k + words).then_some(code)
        })
        .filter(|&code| code != "USD")
}

/// A wire's tag at the text's start, or a dollar written with its country's prefix (`A$`, `C$`):
/// copy that keeps a bare "$" for the US dollar.
fn wire_copy(d: &Doc) -> bool {
    let end = TEXT_START.min(d.toks.len());
    (0..end).any(|k| {
        matches!(d.raw(k), "Reuters" | "Bloomberg" | "AFP" | "AP")
            || (matches!(d.raw(k), "A" | "C" | "S" | "NZ" | "HK")
                && d.is_sym(k + 1, '$')
                && d.glued(k + 1))
    })
}

/// Rule: the dollar of the country a text is about, when it is the only dollar country it names.
/// A local paper or broadcaster in Australia or Canada writes its own dollar as "$" and names
/// its country, states and cities throughout ("Queensland", "Saskatchewan", "Canada's"). At
/// least three such names of one country in its first [`HOME_WORDS`] tokens, none of another
/// dollar country's and none of the United States (`U.S.`, `American`, `Washington`), no wire
/// copy and no dateline (a story filed from abroad, `BOLOGNA, Italy --`, reports in the wire's
/// dollar; a home city's dateline is read by `dateline_dollar`): "$" is that country's. A story
/// about Canada from an American paper names the United States or writes `C$`.
fn home_dollar(d: &Doc) -> Option<&'static str> {
    let end = TEXT_START.min(d.toks.len());
    let capitals = |k: usize| {
        let raw = d.raw(k);
        raw.len() >= 3 && raw.bytes().all(|b| b.is_ascii_uppercase())
    };
    // a dateline opens a line ("MADRID, Spain --"), not "COVID-19" or "the CEO, Jane Smith,"
    let dateline = (0..end).any(|k| {
        let opens_line = k == 0 || d.toks[k].line_breaks > 0;
        // a comma, a spaced dash, or nothing else on the line
        let then = |after: usize| {
            d.is_sym(after, ',')
                || (d.is_dash(after) && !d.glued(after))
                || (dateline_at(d, k, after) && !d.is_dash(after) && !d.is_sym(after, '('))
        };
        opens_line && capitals(k) && (then(k + 1) || (capitals(k + 1) && then(k + 2)))
    });
    if dateline || wire_copy(d) {
        return None;
    }
    let mut found: Option<(&'static str, usize)> = None;
    let mut country_named = false;
    // the first few thousand words tell what an article is about
    for k in 0..d.toks.len().min(HOME_WORDS) {
        if !d.is_word(k) {
            continue;
        }
        let united_states = matches!(d.raw(k), "US" | "USA")
            || (d.raw(k) == "U" && d.is_sym(k + 1, '.') && d.lw(k + 2) == "s")
            || (d.lw(k) == "united" && d.lw(k + 1) == "states");
        let code = if united_states {
            "USD"
        } else {
            let word = d.lw(k);
            let word = word
                .strip_suffix("'s")
                .or_else(|| word.strip_suffix("’s"))
                .unwrap_or(word);
            match home_country(word) {
                Some((code, country)) => {
                    country_named |= country;
                    code
                }
                None => continue,
            }
        };
        match found {
            Some((seen, ref mut count)) if seen == code => *count += 1,
            Some(_) => return None,
            None => found = Some((code, 1)),
        }
    }
    found
        .filter(|&(code, count)| code != "USD" && count >= 3 && country_named)
        .map(|(code, _)| code)
}

/// How many tokens from a text's start [`home_dollar`] reads.
const HOME_WORDS: usize = 5_000;

/// The dollar country a word names, and whether it names the country itself (`canada`,
/// `australian`) rather than one of its states, provinces or cities (`ontario` is also a city in
/// California, `sydney` a first name): a text counts for a country only when it names it. The
/// cities are the datelines' ([`DOLLAR_CITIES`]) less `victoria`, `wellington` and `regina` (a
/// state and a city of two countries, a first name) and `singapore` (a city and a country). The
/// United States' words, its people, its cities and its largest states, are read to refuse.
fn home_country(word: &str) -> Option<(&'static str, bool)> {
    Some(match word {
        "australia" | "australian" | "australians" => ("AUD", true),
        "queensland" | "tasmania" | "nsw" => ("AUD", false),
        "canada" | "canadian" | "canadians" => ("CAD", true),
        "ontario" | "alberta" | "saskatchewan" | "manitoba" | "statcan" => ("CAD", false),
        "zealand" => ("NZD", true),
        "american" | "americans" | "america" | "california" | "florida" | "texas" | "angeles"
        | "francisco" | "york" => ("USD", true),
        "victoria" | "wellington" | "regina" | "singapore" => return None,
        _ => match city_dollar(word)? {
            "USD" => ("USD", true),
            code => (code, false),
        },
    })
}

/// The words `[k, after)` stand as a dateline: a dash, a comma or a bracket follows them, or
/// they are a line of their own.
fn dateline_at(d: &Doc, k: usize, after: usize) -> bool {
    if d.is_dash(after) || matches!(d.sym(after), Some(',' | '(')) {
        return true;
    }
    let (start, end) = (d.toks[k].start(), d.toks[after - 1].end());
    let line_before = d.text[..start].trim_end_matches([' ', '\t']);
    let line_after = d.text[end..].trim_start_matches([' ', '\t']);
    (line_before.is_empty() || line_before.ends_with('\n'))
        && (line_after.is_empty() || line_after.starts_with('\n'))
}

/// The dollar of a city as a dateline writes it, and how many words it takes (two for `HONG
/// KONG`, `NEW YORK`).
fn dateline_city(raw: &str, next: &str) -> Option<(&'static str, usize)> {
    Some(match (raw, next) {
        ("HONG", "KONG") => ("HKD", 2),
        ("NEW", "YORK") | ("LOS", "ANGELES") | ("SAN", "FRANCISCO") => ("USD", 2),
        _ => (city_dollar(raw)?, 1),
    })
}

/// The dollar countries' cities of one word that datelines and [`home_country`] know, with
/// their dollar.
const DOLLAR_CITIES: &[(&str, &str)] = &[
    ("ottawa", "CAD"),
    ("toronto", "CAD"),
    ("montreal", "CAD"),
    ("vancouver", "CAD"),
    ("calgary", "CAD"),
    ("edmonton", "CAD"),
    ("winnipeg", "CAD"),
    ("halifax", "CAD"),
    ("regina", "CAD"),
    ("victoria", "CAD"),
    ("quebec", "CAD"),
    ("sydney", "AUD"),
    ("melbourne", "AUD"),
    ("canberra", "AUD"),
    ("brisbane", "AUD"),
    ("perth", "AUD"),
    ("adelaide", "AUD"),
    ("hobart", "AUD"),
    ("darwin", "AUD"),
    ("wellington", "NZD"),
    ("auckland", "NZD"),
    ("christchurch", "NZD"),
    ("singapore", "SGD"),
    ("washington", "USD"),
    ("chicago", "USD"),
    ("boston", "USD"),
    ("houston", "USD"),
    ("atlanta", "USD"),
    ("detroit", "USD"),
    ("dallas", "USD"),
];

/// The dollar of a city in [`DOLLAR_CITIES`], however its letters are cased.
fn city_dollar(word: &str) -> Option<&'static str> {
    DOLLAR_CITIES
        .iter()
        .find(|(city, _)| city.eq_ignore_ascii_case(word))
        .map(|&(_, code)| code)
}

/// The most tokens a declaration of the text's currency takes.
const DECLARATION_TOKENS: usize = 24;

/// The currency the sentence `[lo, hi)` declares the text's figures in, if it is such a sentence.
fn declaration(d: &Doc, lo: usize, hi: usize) -> Option<&'static str> {
    if hi - lo > DECLARATION_TOKENS
        || (lo..hi).any(|k| {
            d.is_number(k)
                || matches!(d.sym(k), Some('"' | '“' | '”'))
                || matches!(d.lw(k), "sign" | "says" | "said")
        })
    {
        return None;
    }
    let figures = (lo..hi).find(|k| {
        matches!(
            d.lw(*k),
            "figures" | "amounts" | "prices" | "values" | "sums" | "costs" | "totals"
        )
    })?;
    let mut named = (lo..hi).filter_map(|k| named_dollar(d, k).map(|found| (k, found)));
    let (at, (code, dollar)) = named.next()?;
    let introduced = at > figures && matches!(d.lw(at - 1), "in" | "are" | "is");
    // what stands before the currency says whether the figures are in it ("…and exclude GST"
    // after it is about something else)
    let qualified = (lo..at).any(|k| {
        matches!(
            d.lw(k),
            "not"
                | "except"
                | "exclude"
                | "excludes"
                | "excluding"
                | "marked"
                | "paid"
                | "made"
                | "against"
                | "than"
        )
    });
    (named.next().is_none() && introduced && !qualified && d.lw(dollar) == "dollars")
        .then_some(code)
}

pub(super) fn currency_after(
    d: &Doc,
    j: usize,
    w: &str,
    c: &NumberCore,
    money: bool,
) -> Option<UnitMatch> {
    // Currency words, possibly after a country adjective.
    let mut cw = j;
    let mut adj: Option<&'static str> = None;
    if let Some((cc, dollar)) = named_dollar(d, j) {
        adj = Some(cc);
        cw = dollar;
    } else if matches!(
        d.lw(j + 1),
        "franc"
            | "francs"
            | "won"
            | "real"
            | "reais"
            | "peso"
            | "pesos"
            | "yuan"
            | "rupee"
            | "rupees"
            | "dinar"
            | "dinars"
            | "pound"
            | "pounds"
            | "crown"
            | "crowns"
            | "krone"
            | "kroner"
            | "krona"
            | "kronor"
    ) {
        let code = match (w, d.lw(j + 1)) {
            ("swiss", _) => Some("CHF"),
            ("cfa", _) => Some("XOF"),
            ("korean", "won") => Some("KRW"),
            ("brazilian", _) => Some("BRL"),
            ("argentine" | "argentinian", _) => Some("ARS"),
            ("philippine", _) => Some("PHP"),
            ("chilean", _) => Some("CLP"),
            ("colombian", _) => Some("COP"),
            ("mexican", _) => Some("MXN"),
            ("chinese", "yuan") => Some("CNY"),
            ("indian", _) => Some("INR"),
            ("pakistani", _) => Some("PKR"),
            ("egyptian", _) => Some("EGP"),
            ("british", _) => Some("GBP"),
            ("norwegian", _) => Some("NOK"),
            ("swedish", _) => Some("SEK"),
            ("danish", _) => Some("DKK"),
            ("czech", _) => Some("CZK"),
            ("icelandic", _) => Some("ISK"),
            _ => None,
        };
        if code.is_some() {
            adj = code;
            cw = j + 1;
        }
    }
    if let Some(cur) = adj {
        return unit(cur, cw + 1);
    }
    if is_crown(w) {
        return crowns(d, j, w, c).and_then(|code| unit(code, j + 1));
    }
    let cur = lex::currency_word(w)?;
    let big = c.scaled || c.v >= Decimal::from(1000);
    let ok = match w {
        "won" => {
            let n = d.lw(j + 1);
            big || money
                || !(d.is_number(j + 1)
                    || matches!(
                        n,
                        "the"
                            | "a"
                            | "an"
                            | "by"
                            | "in"
                            | "their"
                            | "its"
                            | "his"
                            | "her"
                            | "over"
                            | "against"
                            | "on"
                    ))
        }
        "pound" | "pounds" => {
            if d.lw(j + 1) == "sterling" {
                return unit("GBP", j + 2);
            }
            if !(c.scaled || money) {
                return unit("lb", j + 1);
            }
            true
        }
        "rand" | "dong" | "lari" | "manat" | "real" => big,
        _ => true,
    };
    if !ok {
        return None;
    }
    if cur == "MXN" {
        // pesos of other countries, from nearby context
        let a = j.saturating_sub(400);
        for k in (a..j).rev() {
            let c = match d.lw(k) {
                "philippine" | "philippines" | "manila" | "filipino" | "filipinos" => "PHP",
                "argentina" | "argentine" | "argentina's" | "buenos" => "ARS",
                "chile" | "chilean" | "chile's" | "santiago" => "CLP",
                "colombia" | "colombian" | "colombia's" | "bogota" => "COP",
                "mexico" | "mexican" | "mexico's" => "MXN",
                _ => continue,
            };
            return unit(c, j + 1);
        }
    }
    unit(cur, j + 1)
}

/// Peru's sol written `S/` (or `S/.`) before the amount: the token after the sign, when `i` is
/// the slash of one ("S/ 418 millones", "S/.23").
pub(in crate::extract::quantity) fn after_sol_sign(d: &Doc, i: usize, lo: usize) -> Option<usize> {
    if !(i > lo && d.is_sym(i, '/') && d.raw(i - 1) == "S" && d.glued(i)) {
        return None;
    }
    let dotted = d.is_sym(i + 1, '.') && d.glued(i + 1);
    let n = if dotted { i + 2 } else { i + 1 };
    // "S/ 23" spaced or "S/.23" dotted; not a document symbol ("S/2024/123") or a product name
    // glued to the slash ("S/4HANA")
    let spaced_or_dotted = dotted || !d.glued(n);
    let another_slash = d.is_sym(n + 1, '/') && d.glued(n + 1);
    (spaced_or_dotted && !another_slash).then_some(n)
}

/// The Nordic and Czech currencies, "crowns" in English.
fn is_crown(w: &str) -> bool {
    matches!(
        w,
        "crown" | "crowns" | "krone" | "kroner" | "krona" | "kronor" | "koruna" | "korunas"
    )
}

/// Which crowns: the word names one (kronor and krona are Swedish, koruna Czech); "krone" and
/// "kroner" are Norwegian unless Denmark is named nearest before; "crowns" in English are the
/// currency of the nearest country named in the 400 words before ("Norway's government ... 4.2
/// billion crowns"), and only an amount (a scale word or 1,000 or more: "won three crowns" is
/// no money).
fn crowns(d: &Doc, j: usize, w: &str, c: &NumberCore) -> Option<&'static str> {
    match w {
        "krona" | "kronor" => Some("SEK"),
        "koruna" | "korunas" => Some("CZK"),
        "krone" | "kroner" => Some(match crown_country(d, j) {
            Some("DKK") => "DKK",
            _ => "NOK",
        }),
        _ if c.scaled || c.v >= Decimal::from(1000) => crown_country(d, j),
        _ => None,
    }
}

/// The nearest Nordic or Czech country named in the 400 words before token `j`.
fn crown_country(d: &Doc, j: usize) -> Option<&'static str> {
    (j.saturating_sub(400)..j).rev().find_map(|k| {
        let w = d.lw(k);
        let w = w
            .strip_suffix("'s")
            .or_else(|| w.strip_suffix("\u{2019}s"))
            .unwrap_or(w);
        Some(match w {
            "norway" | "norwegian" | "norwegians" | "oslo" => "NOK",
            "sweden" | "swedish" | "swedes" | "stockholm" => "SEK",
            "denmark" | "danish" | "danes" | "copenhagen" => "DKK",
            "czech" | "czechia" | "prague" => "CZK",
            "iceland" | "icelandic" | "reykjavik" => "ISK",
            _ => return None,
        })
    })
}

/// Exchange rates: "1,365.4 per dollar" after "the won ..." -> KRW.
pub(super) fn rate_currency(d: &Doc, end: usize, lo: usize, t0: usize) -> Option<&'static str> {
    let per = (d.lw(end) == "per" || d.lw(end) == "a")
        && matches!(d.lw(end + 1), "dollar" | "euro" | "pound" | "yen" | "yuan");
    let to_the = matches!(d.lw(end), "to" | "against" | "versus")
        && d.lw(end + 1) == "the"
        && matches!(d.lw(end + 2), "dollar" | "euro");
    if !(per || to_the) {
        return None;
    }
    let other = if per { d.lw(end + 1) } else { d.lw(end + 2) };
    let a = t0.saturating_sub(30).max(lo);
    (a..t0).rev().find_map(|k| {
        let w = d.lw(k);
        if w == other {
            return None;
        }
        match lex::currency_word(w) {
            Some(c) if !matches!(w, "pound" | "pounds" | "dollar" | "dollars") || per => Some(c),
            _ => None,
        }
    })
}
