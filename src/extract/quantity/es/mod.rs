//! Spanish number grammar: decimal comma and thousands dot ("8,2", "5.600"; the tokenizer reads
//! them), scale words ("millones", "mil millones", "billones" = 10^12), number words ("diez",
//! "cien", "un centenar", "miles de"), hedges ("casi", "unos", "más de", "cerca de", "alrededor
//! de"), "por ciento", "puntos porcentuales", units, dates ("14 de agosto de 2025") and money
//! ("$348 millones", "348 millones de dólares", euros, pesos of the country in context).
//! Identifiers, ISO and slash dates, clock and race times use the shared rules.

mod hedges;
mod labels;
mod parts;
mod times;
mod units;
use super::sport::score_side;
use hedges::hedge_before;
use labels::{day_of_month, dotted_date, ordinal_sign, page_counter, phone_after_word, year};
use parts::{fraction, multiplier, one_more_or_fewer, ordinal, share};
use times::{day_before_short_month, hour_of_day};
use units::unit_after;
mod words;

pub(in crate::extract) use words::{demonym, month, np_stop, person_noun, say_verb, title_word};

use super::clock::clock_or_race_time;
use super::currency::after_sol_sign;
use super::date::{iso_date, slash_pair};
use super::label::{
    code_or_model_name, emergency_number, label, leading_zeros, list_enumerator, phone_number,
};
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
        "emergency number (llamar al 911)" => emergency_number,
        "code or model name (COVID-19, F-35)" => code_or_model_name,
        "ISO date (2025-08-14)" => iso_date,
        "dotted date (14.08.2025)" => dotted_date,
        "slash pair (14/08/2025, 24/7)" => slash_pair,
        "clock or race time (10:30, 2:09:56)" => clock_or_race_time,
        "hour of the day (a las 9, a las 23.40, 8.30 horas)" => hour_of_day,
        "day before a short month (2 dic, 14 ago.)" => day_before_short_month,
        "leading zeros (0300)" => leading_zeros,
        "list enumerator (1. Nombre)" => list_enumerator,
        "spaced phone groups (tel. 91 597 70 00, 900 113 406)" => phone_after_word,
        "page counter, number sign or numbered place (página 1 de 2, N° 2, kilómetro 45)" => page_counter,
        "day of month (14 de agosto de 2025, el 14 de diciembre)" => day_of_month,
        "year (2024, 2026-2030)" => year,
        "ordinal with a sign (1º, 3.ª)" => ordinal_sign,
        "share in digits (9 de cada 10)" => share,
        "side of a score (venció 2-1, 6-4, 3-6, 7-5)" => score_side,
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
    if let Some(n) = after_sol_sign(d, i, scope.lo) {
        if n < scope.hi && d.is_number(n) {
            return amount(scope, AmountStart::with_currency(i - 1, n, "PEN"));
        }
    }
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

/// A currency sign starting at token `k` (`$`, `€`, `US$`, `S/`): its currency and the token after
/// it.
fn currency_sign_at(d: &Doc, k: usize, lo: usize) -> Option<(&'static str, usize)> {
    if let Some(number) = after_sol_sign(d, k + 1, lo) {
        return Some(("PEN", number));
    }
    if d.is_word(k) && d.is_sym(k + 1, '$') && d.glued(k + 1) {
        return lex::dollar_prefix(d.raw(k)).map(|c| (c, k + 2));
    }
    d.sym(k).and_then(lex::currency_symbol).map(|c| (c, k + 1))
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
                // Mexican style writes the thousands as a word inside a figure: "8 mil 900" is
                // 8,900, "4 mil 800 millones" 4,800 million
                if p == 3 {
                    if let Some(rest) = small_int(d, j, 3).filter(|_| j < hi) {
                        v = v.checked_add(Decimal::from(rest))?;
                        j += 1;
                        if let Some((p, nj)) = scale_at(d, j).filter(|&(p, _)| p >= 6) {
                            v = v.checked_mul(pow10(p))?;
                            j = nj;
                        }
                    }
                }
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
    // a vague plural of scales: "cientos de miles" (10^5), "miles de millones" (10^9), "cientos
    // de miles de millones" (10^11)
    let of_scale = |base: u64| {
        let (mut v, mut next) = (base, i + 1);
        loop {
            let times: u64 = match (d.lw(next), d.lw(next + 1)) {
                ("de", "miles" | "millares") => 1000,
                ("de", "millones") => 1_000_000,
                _ => break,
            };
            match v.checked_mul(times) {
                Some(more) => (v, next) = (more, next + 2),
                None => break,
            }
        }
        vague(v, next)
    };
    match w {
        "miles" | "millares" => return Some(of_scale(1000)),
        "cientos" | "centenares" => return Some(of_scale(100)),
        "decenas" => return Some(of_scale(10)),
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
            "decena" => (10, i + 2),
            "veintena" => (20, i + 2),
            "treintena" => (30, i + 2),
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

/// Whether the `de` before the number at `t0` (or before its article) follows a verb of change:
/// "pasará de 149 a 175", "se redujo de 6,1 a 4,8", or a second change joined to one in the same
/// sentence ("… y de 143 a 162 estaciones").
fn after_change(d: &Doc, t0: usize, lo: usize) -> bool {
    let de = if t0 > lo && d.lw(t0 - 1) == "de" {
        t0 - 1
    } else if t0 > lo + 1 && d.lw(t0 - 2) == "de" {
        t0 - 2
    } else {
        return false;
    };
    if de == lo {
        return false;
    }
    // "se" (in the verb list for "se redujo hasta") is no verb of change on its own: "se
    // abrirán de 9 a 14 horas y de 16 a 19 horas" keeps its two bands
    let changes = |w: &str| w != "se" && change_verb(w);
    let before = d.lw(de - 1);
    changes(before) || (before == "y" && (lo..de).any(|k| changes(d.lw(k))))
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
    // the currency written again before the high end: "entre S/ 23 y S/ 92.50" ("subió de $750
    // a $800" is a change from one price to another, not a range)
    if let Some((currency, number)) = currency_sign_at(d, n2, scope.lo) {
        if low.unit == Some(currency) && opener == "entre" {
            n2 = number;
        }
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
    let mut scale_shared = false;
    if !c.scaled && c2.scaled && d.is_number(n2) {
        if let Some(b2) = parse_num(d, n2).filter(|b| !b.is_zero()) {
            v1 = v1.checked_mul(c2.v.checked_div(b2)?)?;
            scale_shared = true;
        }
    }
    // Running from high to low is a fall, not a range, unless the second figure's scale was lent
    // to a first that is no part of it ("de 800.000 a 1,2 millones") or the figures are hours of
    // the day ("de 22 a 6 horas", a night)
    let hours_of_day = d.lw(c2.next) == "horas" && v1 <= Decimal::from(24 * 3600);
    let falls = v1 > v2 && !scale_shared && !hours_of_day;
    if opener == "de" && (falls || after_change(d, low.t0, scope.lo)) {
        // "pasará de 149 a 175 kilómetros", "se redujo de 6,1 a 4,8 días": a change from one
        // figure to another, two claims, the first in the unit written after the second
        let mut from = low.clone();
        if from.unit.is_none() && unit2.is_some() {
            from.unit = unit2;
            from.value = Some(Value::Number(v1));
            from.bare = false;
        }
        return Some(from);
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
/// años" (age groups, which score low); the age something was done at, "debutó con 19 años",
/// "se retiró a los 35 años" (not "con 20 años de experiencia", a length of time).
fn age(scope: &Scope, m: &mut Mention) {
    let d = scope.doc;
    if m.unit != Some("years") || m.t0 <= scope.lo {
        return;
    }
    // "con 17 años", "con apenas 16 años", "a los 38 años"; not what it is of ("con 20 años de
    // experiencia", "a los 20 años del atentado", but "con 40 años de edad" is one), and not a
    // period measured from an event ("la supervivencia a los cinco años", "A los 20 años, …")
    let with = |k: usize| {
        d.lw(k) == "con"
            || (k > scope.lo && d.lw(k - 1) == "con" && matches!(d.lw(k), "solo" | "apenas"))
    };
    let of_something = matches!(d.lw(m.t1), "de" | "del") && d.lw(m.t1 + 1) != "edad";
    let at_the = m.t0 >= scope.lo + 3
        && d.lw(m.t0 - 2) == "a"
        && d.lw(m.t0 - 1) == "los"
        && !matches!(
            d.lw(m.t0 - 3),
            "supervivencia" | "tasa" | "plazo" | "vencimiento" | "mortalidad" | "riesgo"
        );
    let at_age =
        m.h0 == m.t0 && m.approx == Approx::Exact && !of_something && (with(m.t0 - 1) || at_the);
    if at_age {
        m.unit = Some("age");
        m.kind = Kind::Age;
        return;
    }
    if d.lw(m.t0 - 1) != "de" {
        return;
    }
    let before = m.t0 - 1;
    let group = before > scope.lo
        && (person_noun(d.lw(before - 1)) || matches!(d.lw(before - 1), "menores" | "mayores"));
    let named = before > scope.lo && d.is_sym(before - 1, ',');
    // "la edad media de los donantes fue de 61 años": the age a group has on average, stated
    let stated = before > scope.lo
        && matches!(d.lw(before - 1), "fue" | "es" | "era" | "será" | "fueron")
        && (before.saturating_sub(8).max(scope.lo)..before)
            .any(|k| d.lw(k) == "edad" && matches!(d.lw(k + 1), "media" | "promedio"));
    if group || named || stated {
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
    // "$ 348 millones" with a space after the symbol; an ISO code before it, as Ecuadorian and
    // Central American papers write dollars: "USD 37.284 millones"
    if i > scope.lo {
        // (spaced from the number, and not the climate summit's "COP 30" or "COP28")
        let code = || {
            let cur = (d.is_word(i - 1) && !d.glued(i))
                .then(|| lex::iso_code(d.raw(i - 1)))
                .flatten()?;
            (cur != "COP" || scale_at(d, i + 1).is_some()).then_some(cur)
        };
        if let Some(cur) = d.sym(i - 1).and_then(lex::currency_symbol).or_else(code) {
            start = AmountStart::with_currency(i - 1, i, cur);
        }
    }
    Step::decided(amount(scope, start))
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
mod tests;
