//! Tokenizer and sentence splitter. One linear pass each. Numbers are read in the style of the
//! text's language (Spanish: decimal comma, `.` or space between thousands groups).

use super::lex;
use super::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TokenKind {
    /// A run of letters (with inner apostrophes).
    Word,
    /// A run of ASCII digits with thousands groups and a decimal part.
    Number,
    /// Any other single character.
    Symbol(char),
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Tok {
    /// Byte offsets (u32 keeps tokens small; `extract` chunks texts over 4 GiB).
    pub start32: u32,
    pub end32: u32,
    pub kind: TokenKind,
    /// Whitespace (or start of text) before the token.
    pub space_before: bool,
    /// Number of line breaks in the whitespace before the token (capped at 2).
    pub line_breaks: u8,
    /// For numbers: the decimal separator is a comma (European grouping `1.234.567,8`).
    pub decimal_comma: bool,
    /// For numbers: has a thousands separator.
    pub grouped: bool,
}

impl Tok {
    #[inline]
    pub fn start(&self) -> usize {
        self.start32 as usize
    }

    #[inline]
    pub fn end(&self) -> usize {
        self.end32 as usize
    }
}

/// Flags of the line (paragraph) a sentence sits on.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct LineFlags {
    /// Copyright line, byline, photo credit, "Published ..." metadata.
    pub boiler: bool,
}

pub(super) struct Sent {
    pub lo: usize,
    pub hi: usize,
    pub flags: LineFlags,
}

pub(super) struct Doc<'a> {
    pub text: &'a str,
    /// The language the rules for this text are chosen by.
    pub lang: Lang,
    /// ASCII-lowercased copy of the text (same byte offsets).
    pub lower: String,
    pub toks: Vec<Tok>,
    pub sents: Vec<Sent>,
    /// What a bare "$" means in this text (`quantity::currency::declared_dollar`), once read.
    pub declared_dollar: std::cell::OnceCell<&'static str>,
    /// Whether the text reports cricket (`quantity::sport`), once read.
    pub cricket: std::cell::OnceCell<bool>,
    /// Whether the text measures in US customary units (`quantity::unit`), once read.
    pub customary: std::cell::OnceCell<bool>,
    /// Whether the text reports golf (`quantity::sport`), once read.
    pub golf: std::cell::OnceCell<bool>,
    /// Whether a Korean text reports baseball (`quantity::ko::sport`), once read.
    pub baseball: std::cell::OnceCell<bool>,
}

impl<'a> Doc<'a> {
    /// An English text.
    #[cfg(test)]
    pub fn new(text: &'a str) -> Doc<'a> {
        Doc::in_lang(text, Lang::En)
    }

    /// A text in `lang`.
    pub fn in_lang(text: &'a str, lang: Lang) -> Doc<'a> {
        let lower = text.to_ascii_lowercase();
        let style = match lang {
            Lang::Es if decimal_comma(text) => NumberStyle::DecimalComma,
            _ => NumberStyle::DecimalPoint,
        };
        let toks = tokenize(text, style);
        let mut d = Doc {
            text,
            lang,
            lower,
            toks,
            sents: Vec::new(),
            declared_dollar: std::cell::OnceCell::new(),
            cricket: std::cell::OnceCell::new(),
            customary: std::cell::OnceCell::new(),
            golf: std::cell::OnceCell::new(),
            baseball: std::cell::OnceCell::new(),
        };
        d.sents = split(&d);
        d
    }

    #[inline]
    pub fn raw(&self, i: usize) -> &'a str {
        match self.toks.get(i) {
            Some(t) => &self.text[t.start()..t.end()],
            None => "",
        }
    }

    /// Lowercase text of token `i` ("" when out of range).
    #[inline]
    pub fn lw(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => &self.lower[t.start()..t.end()],
            None => "",
        }
    }

    #[inline]
    pub fn is_word(&self, i: usize) -> bool {
        matches!(self.toks.get(i), Some(t) if t.kind == TokenKind::Word)
    }

    #[inline]
    pub fn is_number(&self, i: usize) -> bool {
        matches!(self.toks.get(i), Some(t) if t.kind == TokenKind::Number)
    }

    #[inline]
    pub fn sym(&self, i: usize) -> Option<char> {
        match self.toks.get(i) {
            Some(Tok {
                kind: TokenKind::Symbol(c),
                ..
            }) => Some(*c),
            _ => None,
        }
    }

    #[inline]
    pub fn is_sym(&self, i: usize, c: char) -> bool {
        self.sym(i) == Some(c)
    }

    /// Token `i` is glued to the previous one (no whitespace between).
    #[inline]
    pub fn glued(&self, i: usize) -> bool {
        matches!(self.toks.get(i), Some(t) if !t.space_before)
    }

    /// First letter of token `i` is uppercase.
    #[inline]
    pub fn cap(&self, i: usize) -> bool {
        if !self.is_word(i) {
            return false;
        }
        let r = self.raw(i);
        match r.as_bytes().first() {
            Some(&b) if b < 128 => b.is_ascii_uppercase(),
            _ => r.chars().next().is_some_and(char::is_uppercase),
        }
    }

    /// Is token `i` a dash-like symbol.
    #[inline]
    pub fn is_dash(&self, i: usize) -> bool {
        matches!(self.sym(i), Some('-' | '–' | '—' | '‒' | '−'))
    }
}

fn is_group_sep(c: char) -> bool {
    matches!(
        c,
        ',' | '.' | ' ' | '\u{2009}' | '\u{202F}' | '\u{00A0}' | '\''
    )
}

/// Separator char at byte `j` and its length.
fn sep_at(t: &str, j: usize) -> Option<(char, usize)> {
    let c = t.get(j..)?.chars().next()?;
    if is_group_sep(c) {
        Some((c, c.len_utf8()))
    } else {
        None
    }
}

fn three_digits_then_end(b: &[u8], k: usize) -> bool {
    k + 3 <= b.len()
        && b[k].is_ascii_digit()
        && b[k + 1].is_ascii_digit()
        && b[k + 2].is_ascii_digit()
        && (k + 3 == b.len() || !b[k + 3].is_ascii_digit())
}

/// How a text writes decimals and thousands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum NumberStyle {
    /// `1,234.5` (English, Korean; also `1.234.567,8` with two or more dot groups).
    DecimalPoint,
    /// `1.234,5` and `5.600` (Spanish): a dot before three digits groups thousands.
    DecimalComma,
}

/// Does this Spanish text write decimals with a comma ("8,2%")? Most do; Mexican and some
/// Central American papers write "8.2%" and "1,500". Counted on the first 64 KB: a comma or a
/// dot between a digit and one or two digits that end the number. A clock time ("a las 15.00",
/// "8.30 horas") is no decimal, whichever way the paper writes decimals, so it is not counted.
fn decimal_comma(t: &str) -> bool {
    let b = &t.as_bytes()[..t.len().min(1 << 16)];
    let (mut comma, mut point) = (0usize, 0usize);
    // thousands groups ("1.500", "1,500") only break a tie: "1,500" is also a decimal in some papers
    let (mut grouped_by_dot, mut grouped_by_comma) = (0usize, 0usize);
    for k in 1..b.len().saturating_sub(1) {
        if !(b[k] == b',' || b[k] == b'.') || !b[k - 1].is_ascii_digit() {
            continue;
        }
        let digits = b[k + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        let next = b.get(k + 1 + digits).copied().unwrap_or(b' ');
        if (1..=2).contains(&digits) && !matches!(next, b'.' | b',') {
            if b[k] == b',' {
                comma += 1;
            } else if !clock_time(b, k, digits) {
                point += 1;
            }
        } else if digits == 3 {
            if b[k] == b'.' {
                grouped_by_dot += 1;
            } else {
                grouped_by_comma += 1;
            }
        }
    }
    if comma == point {
        return grouped_by_dot >= grouped_by_comma;
    }
    comma > point
}

/// Is the dot at `b[k]`, followed by `digits` digits, the stop of a clock time: an hour of one
/// or two digits up to 24 and two digits of minutes, after "la"/"las" or before "h"/"horas"/"hs"?
fn clock_time(b: &[u8], k: usize, digits: usize) -> bool {
    let hour_digits = b[..k]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if digits != 2 || hour_digits > 2 {
        return false;
    }
    let start = k - hour_digits;
    let number = |s: &[u8]| s.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    let (hour, minutes) = (number(&b[start..k]), number(&b[k + 1..k + 1 + digits]));
    if hour > 24 || minutes >= 60 {
        return false;
    }
    let word_before = b[..start]
        .strip_suffix(b" ")
        .map(|before| {
            let word = before
                .iter()
                .rev()
                .take_while(|c| c.is_ascii_alphabetic())
                .count();
            before[before.len() - word..].to_ascii_lowercase()
        })
        .unwrap_or_default();
    let after = &b[k + 1 + digits..];
    let word_after: Vec<u8> = after
        .strip_prefix(b" ")
        .unwrap_or(after)
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .map(u8::to_ascii_lowercase)
        .collect();
    matches!(word_before.as_slice(), b"la" | b"las")
        || matches!(word_after.as_slice(), b"h" | b"horas" | b"hs")
}

/// Scans a Spanish-style number at byte `i`: "5.600", "1.234.567,8", "8,2", "12 000".
fn scan_num_decimal_comma(t: &str, i: usize, allow_space: bool) -> (usize, bool, bool) {
    let b = t.as_bytes();
    let n = b.len();
    let mut j = i;
    while j < n && b[j].is_ascii_digit() {
        j += 1;
    }
    let mut grouped = false;
    if j - i <= 3 {
        if let Some((sep, _)) = sep_at(t, j) {
            if sep != ',' && sep != '\'' && (sep != ' ' || allow_space) {
                let mut k = j;
                while let Some((s2, l2)) = sep_at(t, k) {
                    if s2 == sep && three_digits_then_end(b, k + l2) {
                        k += l2 + 3;
                        grouped = true;
                    } else {
                        break;
                    }
                }
                j = k;
            }
        }
    }
    if j + 1 < n && b[j] == b',' && b[j + 1].is_ascii_digit() {
        j += 1;
        while j < n && b[j].is_ascii_digit() {
            j += 1;
        }
    }
    (j, true, grouped)
}

/// Scans a number starting at byte `i` (an ASCII digit). Returns (end, decimal_comma, grouped).
fn scan_num(t: &str, i: usize, allow_space: bool) -> (usize, bool, bool) {
    let b = t.as_bytes();
    let n = b.len();
    let mut j = i;
    while j < n && b[j].is_ascii_digit() {
        j += 1;
    }
    let lead = j - i;
    let mut dc = false;
    let mut grouped = false;
    if lead <= 3 {
        if let Some((sep, _)) = sep_at(t, j) {
            let ok_sep = match sep {
                ' ' => allow_space,
                '\'' => true,
                _ => true,
            };
            if ok_sep {
                let mut k = j;
                let mut groups = 0usize;
                while let Some((s2, l2)) = sep_at(t, k) {
                    if s2 == sep && three_digits_then_end(b, k + l2) {
                        k += l2 + 3;
                        groups += 1;
                    } else {
                        break;
                    }
                }
                if groups >= 1 && (sep != '.' || groups >= 2) {
                    j = k;
                    grouped = true;
                    if sep == '.' {
                        dc = true;
                    }
                }
            }
        }
    }
    let dec = if dc { b',' } else { b'.' };
    if j + 1 < n && b[j] == dec && b[j + 1].is_ascii_digit() {
        j += 1;
        while j < n && b[j].is_ascii_digit() {
            j += 1;
        }
    }
    (j, dc, grouped)
}

/// Words after which "12 345" is two numbers (phone numbers, references), not one.
const NO_SPACE_GROUP_AFTER: &[&str] = &[
    "tel",
    "phone",
    "fax",
    "call",
    "telephone",
    "mobile",
    "hotline",
    "ext",
    "no",
    "number",
    "page",
    "enquiries",
    "inquiries",
    "contact",
    "in",
    "on",
    "at",
    "and",
    "or",
    "to",
    "by",
    "from",
];

fn tokenize(t: &str, style: NumberStyle) -> Vec<Tok> {
    let b = t.as_bytes();
    let n = b.len();
    let mut out: Vec<Tok> = Vec::with_capacity(n / 3 + 16);
    let mut i = 0;
    let mut sp = true;
    let mut nl = 0u8;
    while i < n {
        let c = b[i];
        let (k, e, dc, grouped) = if c < 128 {
            if c == b'\n' {
                nl = nl.saturating_add(1).min(2);
                sp = true;
                i += 1;
                continue;
            }
            if c.is_ascii_whitespace() {
                sp = true;
                i += 1;
                continue;
            }
            if c.is_ascii_digit() {
                let allow_space = b[i] != b'0'
                    && match out.last() {
                        Some(p) => match p.kind {
                            TokenKind::Word => {
                                let w = &t[p.start()..p.end()];
                                lex::month(w).is_none()
                                    && !NO_SPACE_GROUP_AFTER
                                        .iter()
                                        .any(|x| x.eq_ignore_ascii_case(w))
                            }
                            TokenKind::Symbol(c) => lex::currency_symbol(c).is_some(),
                            TokenKind::Number => false,
                        },
                        None => true,
                    };
                let (e, dc, g) = match style {
                    NumberStyle::DecimalPoint => scan_num(t, i, allow_space),
                    NumberStyle::DecimalComma => scan_num_decimal_comma(t, i, allow_space),
                };
                (TokenKind::Number, e, dc, g)
            } else if c.is_ascii_alphabetic() {
                (TokenKind::Word, scan_word(t, i), false, false)
            } else {
                (TokenKind::Symbol(c as char), i + 1, false, false)
            }
        } else {
            let ch = match t[i..].chars().next() {
                Some(ch) => ch,
                None => break,
            };
            let l = ch.len_utf8();
            if ch.is_whitespace() {
                if ch == '\u{2028}' || ch == '\u{2029}' || ch == '\u{85}' {
                    nl = nl.saturating_add(1).min(2);
                }
                sp = true;
                i += l;
                continue;
            }
            if ch.is_alphabetic() {
                (TokenKind::Word, scan_word(t, i), false, false)
            } else {
                (TokenKind::Symbol(ch), i + l, false, false)
            }
        };
        out.push(Tok {
            start32: i as u32,
            end32: e as u32,
            kind: k,
            space_before: sp,
            line_breaks: nl,
            decimal_comma: dc,
            grouped,
        });
        sp = false;
        nl = 0;
        i = e;
    }
    out
}

fn scan_word(t: &str, i: usize) -> usize {
    // fast path: plain ASCII letters
    let b = t.as_bytes();
    let mut j = i;
    while j < b.len() && b[j].is_ascii_alphabetic() {
        j += 1;
    }
    if j >= b.len() || (b[j] < 128 && b[j] != b'\'') {
        return j;
    }
    let i = j;
    let mut it = t[i..].char_indices().peekable();
    while let Some((off, ch)) = it.next() {
        if ch.is_alphabetic() {
            j = i + off + ch.len_utf8();
        } else if ch == '\'' || ch == '’' {
            match it.peek() {
                Some(&(_, nx)) if nx.is_alphabetic() => {
                    j = i + off + ch.len_utf8();
                }
                _ => break,
            }
        } else {
            break;
        }
    }
    j
}

const HARD_ABBR: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "sgt", "capt", "cmdr", "adm",
    "gov", "sen", "rep", "rev", "st", "no", "nos", "vol", "fig", "vs", "approx", "pres", "sec",
    "atty", "supt", "insp", "det", "cpl", "pvt", "messrs", "mt", "ft", "op", "art", "para", "ch",
    "p", "pp",
];
/// Spanish abbreviations after which a period does not end the sentence ("Sra.", "EE.UU.").
const SPANISH_ABBR: &[&str] = &[
    "sra", "srta", "dra", "lic", "ing", "núm", "num", "pág", "pag", "tel", "av", "avda", "uu",
    "ee", "aprox", "depto", "cía", "gral",
];
const SOFT_ABBR: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc",
    "corp", "ltd", "co", "jr", "sr", "est", "dept", "univ", "bros", "etc", "am", "pm", "al",
];
const STARTERS: &[&str] = &[
    "the",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "but",
    "in",
    "on",
    "this",
    "that",
    "a",
    "an",
    "however",
    "meanwhile",
    "there",
    "his",
    "her",
    "their",
    "its",
    "our",
    "at",
    "after",
    "as",
    "and",
    "if",
    "according",
    "last",
    "some",
    "while",
    "for",
    "officials",
    "these",
    "those",
];

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '«')
}

/// Splits the token stream into sentences.
fn split(d: &Doc) -> Vec<Sent> {
    let toks = &d.toks;
    let n = toks.len();
    let mut sents = Vec::new();
    if n == 0 {
        return sents;
    }
    let mut lo = 0usize;
    let mut i = 0usize;
    while i < n {
        // Line break before token i (other than the first of the sentence).
        if i > lo && toks[i].line_breaks > 0 {
            let prev_terminal = matches!(
                toks[i - 1].kind,
                TokenKind::Symbol('.' | '!' | '?' | ':' | '"' | '”' | ')')
            );
            let lower_start =
                d.is_word(i) && d.raw(i).chars().next().is_some_and(char::is_lowercase);
            let soft_wrap = toks[i].line_breaks == 1 && !prev_terminal && lower_start;
            if !soft_wrap {
                sents.push(Sent {
                    lo,
                    hi: i,
                    flags: LineFlags::default(),
                });
                lo = i;
            }
        }
        if let TokenKind::Symbol(c @ ('.' | '!' | '?' | '…')) = toks[i].kind {
            // Absorb trailing terminators and closers glued to it.
            let mut j = i + 1;
            while j < n
                && !toks[j].space_before
                && matches!(toks[j].kind, TokenKind::Symbol(c2) if is_closer(c2) || c2 == '.' || c2 == '!' || c2 == '?')
            {
                j += 1;
            }
            if j >= n {
                i = j;
                continue;
            }
            let next = &toks[j];
            let boundary = if next.line_breaks > 0 {
                true
            } else if !next.space_before {
                false
            } else {
                let starts_ok = match next.kind {
                    TokenKind::Word => d.raw(j).chars().next().is_some_and(|ch| !ch.is_lowercase()),
                    TokenKind::Number => true,
                    TokenKind::Symbol(c2) => {
                        is_opener(c2)
                            || c2 == '-'
                            || c2 == '—'
                            || c2 == '$'
                            || c2 == '€'
                            || c2 == '£'
                    }
                };
                if !starts_ok {
                    false
                } else if c == '.'
                    && j == i + 1
                    && i > 0
                    && toks[i - 1].kind == TokenKind::Word
                    && !toks[i].space_before
                {
                    let pw = d.lw(i - 1);
                    let single = pw.chars().count() == 1;
                    if HARD_ABBR.contains(&pw) || (d.lang == Lang::Es && SPANISH_ABBR.contains(&pw))
                    {
                        false
                    } else if single || SOFT_ABBR.contains(&pw) {
                        // "U.S. Navy", "Aug. 23": split only before a typical sentence opener.
                        next.kind == TokenKind::Word && STARTERS.contains(&d.lw(j))
                    } else {
                        true
                    }
                } else {
                    true
                }
            };
            if boundary {
                sents.push(Sent {
                    lo,
                    hi: j,
                    flags: LineFlags::default(),
                });
                lo = j;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    if lo < n {
        sents.push(Sent {
            lo,
            hi: n,
            flags: LineFlags::default(),
        });
    }
    // Line flags: compute once per line (paragraph) and give them to its sentences.
    let mut k = 0;
    while k < sents.len() {
        let line_lo = sents[k].lo;
        let mut m = k + 1;
        while m < sents.len() && toks[sents[m].lo].line_breaks == 0 {
            m += 1;
        }
        let line_hi = sents[m - 1].hi;
        let mut flags = line_flags(d, line_lo, line_hi);
        if d.lang != Lang::En {
            flags.boiler |= foreign_boilerplate(d, line_lo, line_hi);
        }
        for s in &mut sents[k..m] {
            s.flags = flags;
        }
        k = m;
    }
    sents
}

/// Classifies a line: copyright, byline, photo credit, metadata.
fn line_flags(d: &Doc, lo: usize, hi: usize) -> LineFlags {
    let s = d.toks[lo].start();
    let e = d.toks[hi - 1].end();
    let len = e - s;
    let mut f = LineFlags::default();
    // Only inspect a bounded prefix and suffix: linear even for one huge line.
    let head_end = (lo + 12).min(hi);
    let first = d.lw(lo);
    if d.is_sym(lo, '©') || first == "copyright" || (first == "by" && len < 120 && d.cap(lo + 1)) {
        f.boiler = true;
    }
    // metadata and contact lines: "Published: ...", "Updated 3 hours ago", "Photo: ...",
    // "Media contact ...", "Reporting by ...". Words that also start headlines ("Media giant cuts
    // 1,000 jobs") count only before a colon or their usual companion word.
    let second = d.lw(lo + 1);
    let colon = d.is_sym(lo + 1, ':');
    let meta_always = matches!(
        first,
        "published" | "updated" | "posted" | "embargo" | "embargoed" | "advertisement"
    );
    let meta_with_colon = matches!(
        first,
        "photo"
            | "photograph"
            | "image"
            | "credit"
            | "credits"
            | "source"
            | "sources"
            | "tel"
            | "phone"
            | "fax"
            | "email"
            | "e-mail"
            | "contact"
            | "contacts"
            | "reporter"
            | "editor"
            | "writer"
            | "ref"
            | "reference"
            | "related"
            | "enquiries"
            | "inquiries"
    );
    let meta_pair = matches!(
        (first, second),
        (
            "media" | "press",
            "contact" | "contacts" | "enquiries" | "inquiries" | "office" | "release" | "officer"
        ) | ("reporting" | "editing" | "writing", "by")
            | ("additional", "reporting")
            | ("follow" | "share", "us" | "this" | "on")
            | ("for", "reprints" | "media" | "more")
            | ("notes", "to")
            | (
                "image" | "photo" | "picture" | "photograph",
                "credit" | "credits" | "courtesy" | "by"
            )
    );
    if len < 200 && ((meta_always && len < 120) || (meta_with_colon && colon) || meta_pair) {
        f.boiler = true;
    }
    // "(Reporting by ...; Editing by ...)"
    if d.is_sym(lo, '(')
        && matches!(
            d.lw(lo + 1),
            "reporting" | "editing" | "writing" | "additional" | "compiled"
        )
    {
        f.boiler = true;
    }
    // page furniture: "5 min read", "Image 1 of 5", "12 comments", "Updated 3 hours ago"
    if len < 60 && hi - lo <= 10 {
        let furniture = |w: &str| {
            matches!(
                w,
                "read"
                    | "comments"
                    | "comment"
                    | "shares"
                    | "views"
                    | "likes"
                    | "followers"
                    | "listen"
                    | "min"
                    | "mins"
                    | "advertisement"
                    | "image"
                    | "photo"
                    | "video"
                    | "gallery"
                    | "slideshow"
            )
        };
        // "Image 1 of 5", "Photo: ..." at the start; "5 min read", "12 comments" at the end
        let first_is = matches!(
            d.lw(lo),
            "image" | "photo" | "video" | "gallery" | "slideshow"
        ) && (d.is_sym(lo + 1, ':')
            || (d.is_number(lo + 1) && d.lw(lo + 2) == "of"));
        let last_is =
            furniture(d.lw(hi - 1)) && !matches!(d.lw(hi - 1), "image" | "photo" | "video");
        if first_is || last_is {
            f.boiler = true;
        }
    }
    // e-mail addresses on a short line (contacts)
    if len < 300 {
        for i in lo..head_end.max((lo + 40).min(hi)) {
            if d.is_sym(i, '@') && d.glued(i) && d.is_word(i + 1) && d.glued(i + 1) {
                f.boiler = true;
            }
        }
    }
    for i in lo..head_end {
        if d.is_sym(i, '©') {
            f.boiler = true;
        }
    }
    let tail_lo = hi.saturating_sub(12).max(lo);
    for i in tail_lo..hi {
        let w = d.lw(i);
        if d.is_sym(i, '©') || (w == "reserved" && d.lw(i.wrapping_sub(1)) == "rights") {
            f.boiler = true;
        }
        if len < 250
            && (w == "getty"
                || w == "shutterstock"
                || (w == "photo" && i + 1 < hi && (d.is_sym(i + 1, ':') || d.is_sym(i + 1, '/'))))
        {
            f.boiler = true;
        }
    }
    f
}

/// Bylines, copyright and contact lines of Spanish and Korean news ("Por Ana Ruiz", "Todos los
/// derechos reservados", "<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>", "문의: ...").
fn foreign_boilerplate(d: &Doc, lo: usize, hi: usize) -> bool {
    let len = d.toks[hi - 1].end() - d.toks[lo].start();
    let first = d.lw(lo);
    let colon = d.is_sym(lo + 1, ':');
    if len < 120 && first == "por" && d.cap(lo + 1) && hi - lo <= 8 {
        return true;
    }
    if len < 300
        && colon
        && matches!(
            first,
            "foto" | "fuente" | "contacto" | "tel" | "teléfono" | "correo" | "문의"
        )
    {
        return true;
    }
    let head = (lo..(lo + 12).min(hi)).any(|k| {
        matches!(d.sym(k), Some('©' | 'ⓒ'))
            || matches!(
                d.raw(k),
                "저작권자" | "무단" | "Publicado" | "Actualizado" | "Contacto" | "문의"
            )
    });
    let tail = (hi.saturating_sub(12).max(lo)..hi).any(|k| {
        (d.lw(k) == "reservados" && d.lw(k.wrapping_sub(1)) == "derechos")
            || matches!(d.raw(k), "금지" | "재배포")
    });
    head || tail
}
