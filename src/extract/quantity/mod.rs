//! Recognition of quantity mentions in the token stream.
//!
//! [`find_all`] walks each sentence token by token and asks the recognizer for the token's kind:
//! a currency symbol ([`money::after_currency_symbol`]), a run of digits ([`digits::recognize`])
//! or a word ([`words::recognize`]). Each recognizer is a list of named rules tried in order
//! ([`Step`] says whether a rule decided); the rules share the parsers of the other modules here:
//! numbers and scale words ([`number`], [`spelled`]), units after a number ([`unit`]), money and
//! ranges ([`money`]), hedges ([`hedge`]), dates and times ([`date`], [`clock`]), identifiers
//! ([`label`]), ages ([`age`]) and the noun lists they consult ([`nouns`]).

/// Declares a recognizer as a list of named rules: the list itself (`const`, read by readers and
/// by the rule tests) and a function that tries the rules in order with direct calls (the hot
/// path: no function pointers, so the compiler can inline each rule). The first rule that
/// decides ([`Step::Found`] or [`Step::Refuse`]) gives the answer.
macro_rules! rules {
    (
        $(#[$meta:meta])*
        $vis:vis fn $run:ident($a:ident: $at:ty) -> Option<$out:ty>;
        const $list:ident: [$rule_ty:ty] = [ $( $name:literal => $rule:ident ),* $(,)? ];
    ) => {
        #[cfg_attr(not(test), allow(dead_code))]
        pub(super) const $list: &[$rule_ty] = &[ $( <$rule_ty>::new($name, $rule) ),* ];

        $(#[$meta])*
        $vis fn $run($a: $at) -> Option<$out> {
            $(
                match $rule($a) {
                    Step::Found(t) => return Some(t),
                    Step::Refuse => return None,
                    Step::Pass => {}
                }
            )*
            None
        }
    };
    (
        $(#[$meta:meta])*
        $vis:vis fn $run:ident($a:ident: $at:ty, $b:ident: $bt:ty) -> Option<$out:ty>;
        const $list:ident: [$rule_ty:ty] = [ $( $name:literal => $rule:ident ),* $(,)? ];
    ) => {
        #[cfg_attr(not(test), allow(dead_code))]
        pub(super) const $list: &[$rule_ty] = &[ $( <$rule_ty>::new($name, $rule) ),* ];

        $(#[$meta])*
        $vis fn $run($a: $at, $b: $bt) -> Option<$out> {
            $(
                match $rule($a, $b) {
                    Step::Found(t) => return Some(t),
                    Step::Refuse => return None,
                    Step::Pass => {}
                }
            )*
            None
        }
    };
}

pub(super) mod age;
pub(super) mod clock;
pub(super) mod currency;
pub(super) mod date;
pub(super) mod digits;
pub(super) mod es;
pub(super) mod hedge;
pub(super) mod ko;
pub(super) mod label;
pub(super) mod money;
pub(super) mod nouns;
pub(super) mod number;
pub(super) mod ordinal;
pub(super) mod spelled;
pub(super) mod sport;
pub(super) mod unit;
pub(super) mod words;

use super::text::{Doc, TokenKind};
use super::{Approx, Lang, Value};
use rust_decimal::Decimal;

pub(super) use date::finish_date;
pub(super) use nouns::count_noun;

/// What a mention is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Quantity,
    Date,
    Year,
    Time,
    Ordinal,
    Age,
    Label,
    Superlative,
    Quote,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Quantity => "quantity",
            Kind::Date => "date",
            Kind::Year => "year",
            Kind::Time => "time",
            Kind::Ordinal => "ordinal",
            Kind::Age => "age",
            Kind::Label => "label",
            Kind::Superlative => "superlative",
            Kind::Quote => "quote",
        }
    }
}

/// A raw mention, before context (subject, speaker, score) is attached.
#[derive(Clone, Debug)]
pub(super) struct Mention {
    /// Sentence index.
    pub sent: usize,
    /// Surface tokens [t0, t1).
    pub t0: usize,
    pub t1: usize,
    /// First token of the hedge ("more than"), == t0 when none.
    pub h0: usize,
    /// Byte span of the surface (normally toks[t0].start() .. toks[t1-1].end()).
    pub s: usize,
    pub e: usize,
    pub value: Option<Value>,
    pub high: Option<Value>,
    pub unit: Option<&'static str>,
    pub approx: Approx,
    pub kind: Kind,
    /// Written with a scale word (million, bn).
    pub scaled: bool,
    /// Spelled out with words ("three").
    pub spelled: bool,
    /// No unit word: the unit comes from the counted noun (person/count).
    pub bare: bool,
    /// Date parts for dates (year filled later from the dateline).
    pub ymd: Option<(Option<i32>, Option<u32>, Option<u32>)>,
    /// Score adjustment decided during recognition (e.g. ordinal before a superlative).
    pub bonus: f64,
}

impl Mention {
    #[inline]
    pub fn new(d: &Doc, sent: usize, t0: usize, t1: usize, kind: Kind) -> Mention {
        Mention {
            sent,
            t0,
            t1,
            h0: t0,
            s: d.toks[t0].start(),
            e: d.toks[t1 - 1].end(),
            value: None,
            high: None,
            unit: None,
            approx: Approx::Exact,
            kind,
            scaled: false,
            spelled: false,
            bare: false,
            ymd: None,
            bonus: 0.0,
        }
    }

    /// A mention with a unit and a numeric value.
    #[inline]
    pub fn number(
        d: &Doc,
        sent: usize,
        (t0, t1): (usize, usize),
        unit: &'static str,
        value: Decimal,
    ) -> Mention {
        let mut m = Mention::new(d, sent, t0, t1, Kind::Quantity);
        m.unit = Some(unit);
        m.value = Some(Value::Number(value));
        m
    }

    #[inline]
    pub fn num(&self) -> Option<Decimal> {
        self.value.as_ref().and_then(Value::as_decimal)
    }

    /// Takes the hedge written before the mention ("more than", "about"), when there is one.
    #[inline]
    pub fn take_hedge(&mut self, (first, approx): (usize, Approx)) {
        if approx != Approx::Exact {
            self.h0 = first;
            self.approx = approx;
        }
    }
}

/// The sentence a recognizer works in: tokens `[lo, hi)` of sentence `sent` of `doc`.
/// Look-aheads may peek past `hi` (token accessors are total); mentions never cross it.
#[derive(Clone, Copy)]
pub(super) struct Scope<'s, 'a> {
    pub doc: &'s Doc<'a>,
    pub sent: usize,
    pub lo: usize,
    pub hi: usize,
}

/// What one rule of a recognizer says about the tokens it was given.
pub(super) enum Step<T> {
    /// The rule recognised its pattern: this is the answer.
    Found(T),
    /// The rule recognised its pattern, and it is not a mention: no later rule is tried.
    Refuse,
    /// Not this rule's pattern: try the next rule.
    Pass,
}

impl<T> Step<T> {
    /// `Found` for `Some`, `Refuse` for `None`: for rules that decide once their pattern matched.
    #[inline]
    pub fn decided(found: Option<T>) -> Step<T> {
        match found {
            Some(t) => Step::Found(t),
            None => Step::Refuse,
        }
    }

    /// `Found` for `Some`, `Pass` for `None`.
    #[inline]
    pub fn or_pass(found: Option<T>) -> Step<T> {
        match found {
            Some(t) => Step::Found(t),
            None => Step::Pass,
        }
    }
}

/// A named rule of a recognizer: `apply(scope, token)`.
// Read by the rule tests; the recognizers call the rules directly (see `rules!`).
#[cfg_attr(not(test), allow(dead_code))]
pub(super) struct Rule<T> {
    /// What the rule recognises, for readers and for the rule tests.
    pub name: &'static str,
    pub apply: fn(&Scope, usize) -> Step<T>,
}

impl<T> Rule<T> {
    pub const fn new(name: &'static str, apply: fn(&Scope, usize) -> Step<T>) -> Self {
        Rule { name, apply }
    }
}

/// Finds all mentions in the document, sentence by sentence, in text order.
pub(super) fn find_all(d: &Doc) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    for (si, s) in d.sents.iter().enumerate() {
        let scope = Scope {
            doc: d,
            sent: si,
            lo: s.lo,
            hi: s.hi,
        };
        let (lo, hi) = (s.lo, s.hi);
        let mut i = lo;
        while i < hi {
            match at(&scope, i) {
                // a mention never crosses its sentence (look-ahead may peek past `hi`)
                Some(m) if m.t0 < lo || m.t1 > hi || m.t0 >= m.t1 || m.h0 < lo => i += 1,
                Some(m) => {
                    let next = m.t1.max(i + 1);
                    merge_or_push(d, &mut out, m);
                    i = next;
                }
                None => i += 1,
            }
        }
    }
    elided_units(d, &mut out);
    out
}

/// Rule: a change written with its new value first, "cut the forecast to 6.5 million tonnes from
/// 7.2 million", "rose to $4 billion from 3.1 billion", "to 120 tonnes from 90": the old value,
/// with nothing counted after it, is in the new value's unit. Not "to 5 million people from 4 million
/// households" (its own noun) nor a count after a count.
fn elided_units(d: &Doc, out: &mut [Mention]) {
    for k in 1..out.len() {
        let (before, rest) = out.split_at_mut(k);
        let (new, old) = (&before[k - 1], &mut rest[0]);
        let Some(unit) = new.unit else {
            continue;
        };
        let from = old.h0 > 0 && old.h0 - 1 == new.t1 && d.lw(new.t1) == "from";
        let nothing_counted = !d.is_word(old.t1)
            || matches!(
                d.lw(old.t1),
                "in" | "a" | "an" | "the" | "last" | "this" | "earlier" | "on" | "at" | "and"
            );
        if new.sent == old.sent
            && from
            && old.unit.is_none()
            && old.kind == Kind::Quantity
            && new.kind == Kind::Quantity
            && !matches!(unit, "count" | "person")
            && nothing_counted
        {
            old.unit = Some(unit);
            old.bare = false;
        }
    }
}

/// Compound durations: "34 minutes and 22 seconds", "two hours, two minutes and 16 seconds".
fn merge_or_push(d: &Doc, out: &mut Vec<Mention>, m: Mention) {
    if let Some(last) = out.last_mut() {
        if last.sent == m.sent
            && last.unit == Some("duration")
            && m.unit == Some("duration")
            && last.kind == Kind::Quantity
            && m.kind == Kind::Quantity
            && last.high.is_none()
            && m.high.is_none()
            && m.h0 == m.t0
            && m.t0 >= last.t1
            && m.t0 - last.t1 <= 2
            && (last.t1..m.t0).all(|k| d.is_sym(k, ',') || matches!(d.lw(k), "and" | "y"))
            && distinct_units(d, last, &m)
        {
            if let (Some(a), Some(b)) = (last.num(), m.num()) {
                if b < a && (!d.glued(m.t0) || after_korean_time_unit(d, m.t0)) {
                    last.value = Some(Value::Number(a + b));
                    last.t1 = m.t1;
                    last.e = m.e;
                    return;
                }
            }
        }
    }
    out.push(m);
}

/// The two durations end in different words of time ("34 minutes and 22 seconds", not "5 seconds,
/// 3 seconds"), and a Korean one ends in its unit, not a particle ("102초를 48초 늘렸다" is two).
fn distinct_units(d: &Doc, first: &Mention, second: &Mention) -> bool {
    let (a, b) = (d.lw(first.t1 - 1), d.lw(second.t1 - 1));
    let bare_korean = d.lang != Lang::Ko
        || matches!(a, "시간" | "분" | "초" | "일" | "주" | "개월" | "년" | "달");
    a != b && bare_korean
}

/// Token `k` follows a Korean unit of time it is glued to: "6" in "2시간6분48초", a race time
/// written in one run of digits and units (Korean writes it so as often as spaced, "2시간 6분").
fn after_korean_time_unit(d: &Doc, k: usize) -> bool {
    d.lang == Lang::Ko && k > 0 && d.is_word(k - 1) && matches!(d.raw(k - 1), "시간" | "분")
}

/// The mention starting at token `i`, if any.
#[inline]
fn at(scope: &Scope, i: usize) -> Option<Mention> {
    match (scope.doc.lang, scope.doc.toks[i].kind) {
        (Lang::En, TokenKind::Symbol(c)) => money::after_currency_symbol(scope, i, c),
        (Lang::En, TokenKind::Word) => words::recognize(scope, i),
        (Lang::En, TokenKind::Number) => digits::recognize(scope, i),
        (Lang::Es, TokenKind::Symbol(c)) => es::after_currency_symbol(scope, i, c),
        (Lang::Es, TokenKind::Word) => es::recognize_word(scope, i),
        (Lang::Es, TokenKind::Number) => es::recognize_digits(scope, i),
        (Lang::Ko, TokenKind::Symbol(c)) => ko::after_currency_symbol(scope, i, c),
        (Lang::Ko, TokenKind::Word) => ko::recognize_word(scope, i),
        (Lang::Ko, TokenKind::Number) => ko::recognize_digits(scope, i),
    }
}

#[cfg(test)]
pub(super) mod rule_tests {
    //! Helpers for the per-rule tests of the recognizers.

    use super::{Mention, Rule, Scope, Step};
    use crate::extract::text::Doc;
    use crate::extract::Lang;

    /// An example for a rule: (start of the rule's name, text, the token the rule starts at, the
    /// surface it must find, or `<refused>`).
    pub type Example = (&'static str, &'static str, &'static str, &'static str);

    /// Every rule of `rules` has an example in `examples` (found by the start of its name), and,
    /// run alone at the example's token of a `lang` text, it decides it as the example says.
    pub fn every_rule_decides_its_example<'a>(
        lang: Lang,
        rules: impl IntoIterator<Item = &'a Rule<Mention>>,
        examples: &[Example],
    ) {
        for rule in rules {
            let Some(&(_, text, at, want)) = examples.iter().find(|e| rule.name.starts_with(e.0))
            else {
                panic!("no example for rule {:?}", rule.name);
            };
            let got = fires_in(lang, rule, text, at, |m: &Mention| (m.s, m.e));
            assert_eq!(got.as_deref(), Some(want), "{}", rule.name);
        }
    }

    /// Runs `rule` alone at the first token of `text` whose raw text is `at` (in the first
    /// sentence that has it) and returns what it found, as the surface text.
    pub fn fires<T>(
        rule: &Rule<T>,
        text: &str,
        at: &str,
        span: impl Fn(&T) -> (usize, usize),
    ) -> Option<String> {
        fires_in(Lang::En, rule, text, at, span)
    }

    /// [`fires`] on a text in `lang`.
    pub fn fires_in<T>(
        lang: Lang,
        rule: &Rule<T>,
        text: &str,
        at: &str,
        span: impl Fn(&T) -> (usize, usize),
    ) -> Option<String> {
        let doc = Doc::in_lang(text, lang);
        for (si, s) in doc.sents.iter().enumerate() {
            for i in s.lo..s.hi {
                if doc.raw(i) == at {
                    let scope = Scope {
                        doc: &doc,
                        sent: si,
                        lo: s.lo,
                        hi: s.hi,
                    };
                    return match (rule.apply)(&scope, i) {
                        Step::Found(t) => {
                            let (a, b) = span(&t);
                            Some(text[a..b].to_string())
                        }
                        Step::Refuse => Some("<refused>".to_string()),
                        Step::Pass => None,
                    };
                }
            }
        }
        panic!("no token {at:?} in {text:?}");
    }
}
