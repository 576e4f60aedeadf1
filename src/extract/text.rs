//! Tokenizer and sentence splitter. One linear pass each.

use super::lex;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum K {
    /// A run of letters (with inner apostrophes).
    W,
    /// A run of ASCII digits with thousands groups and a decimal part.
    N,
    /// Any other single character.
    S(char),
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Tok {
    /// Byte offsets (u32 keeps tokens small; `extract` chunks texts over 4 GiB).
    pub s32: u32,
    pub e32: u32,
    pub k: K,
    /// Whitespace (or start of text) before the token.
    pub sp: bool,
    /// Number of line breaks in the whitespace before the token (capped at 2).
    pub nl: u8,
    /// For numbers: the decimal separator is a comma (European grouping `1.234.567,8`).
    pub dc: bool,
    /// For numbers: has a thousands separator.
    pub grouped: bool,
}

impl Tok {
    #[inline]
    pub fn s(&self) -> usize {
        self.s32 as usize
    }

    #[inline]
    pub fn e(&self) -> usize {
        self.e32 as usize
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
    /// ASCII-lowercased copy of the text (same byte offsets).
    pub lower: String,
    pub toks: Vec<Tok>,
    pub sents: Vec<Sent>,
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str) -> Doc<'a> {
        let lower = text.to_ascii_lowercase();
        let toks = tokenize(text);
        let mut d = Doc {
            text,
            lower,
            toks,
            sents: Vec::new(),
        };
        d.sents = split(&d);
        d
    }

    #[inline]
    pub fn raw(&self, i: usize) -> &'a str {
        match self.toks.get(i) {
            Some(t) => &self.text[t.s()..t.e()],
            None => "",
        }
    }

    /// Lowercase text of token `i` ("" when out of range).
    #[inline]
    pub fn lw(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => &self.lower[t.s()..t.e()],
            None => "",
        }
    }

    #[inline]
    pub fn is_w(&self, i: usize) -> bool {
        matches!(self.toks.get(i), Some(t) if t.k == K::W)
    }

    #[inline]
    pub fn is_n(&self, i: usize) -> bool {
        matches!(self.toks.get(i), Some(t) if t.k == K::N)
    }

    #[inline]
    pub fn sym(&self, i: usize) -> Option<char> {
        match self.toks.get(i) {
            Some(Tok { k: K::S(c), .. }) => Some(*c),
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
        matches!(self.toks.get(i), Some(t) if !t.sp)
    }

    /// First letter of token `i` is uppercase.
    pub fn cap(&self, i: usize) -> bool {
        if !self.is_w(i) {
            return false;
        }
        let r = self.raw(i);
        match r.as_bytes().first() {
            Some(&b) if b < 128 => b.is_ascii_uppercase(),
            _ => r.chars().next().is_some_and(char::is_uppercase),
        }
    }

    /// Is token `i` a dash-like symbol.
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

fn tokenize(t: &str) -> Vec<Tok> {
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
                        Some(p) => match p.k {
                            K::W => {
                                let w = &t[p.s()..p.e()];
                                lex::month(w).is_none()
                                    && !NO_SPACE_GROUP_AFTER
                                        .iter()
                                        .any(|x| x.eq_ignore_ascii_case(w))
                            }
                            K::S(c) => lex::currency_symbol(c).is_some(),
                            K::N => false,
                        },
                        None => true,
                    };
                let (e, dc, g) = scan_num(t, i, allow_space);
                (K::N, e, dc, g)
            } else if c.is_ascii_alphabetic() {
                (K::W, scan_word(t, i), false, false)
            } else {
                (K::S(c as char), i + 1, false, false)
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
                (K::W, scan_word(t, i), false, false)
            } else {
                (K::S(ch), i + l, false, false)
            }
        };
        out.push(Tok {
            s32: i as u32,
            e32: e as u32,
            k,
            sp,
            nl,
            dc,
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
        if i > lo && toks[i].nl > 0 {
            let prev_terminal =
                matches!(toks[i - 1].k, K::S('.' | '!' | '?' | ':' | '"' | '”' | ')'));
            let lower_start = d.is_w(i) && d.raw(i).chars().next().is_some_and(char::is_lowercase);
            let soft_wrap = toks[i].nl == 1 && !prev_terminal && lower_start;
            if !soft_wrap {
                sents.push(Sent {
                    lo,
                    hi: i,
                    flags: LineFlags::default(),
                });
                lo = i;
            }
        }
        if let K::S(c @ ('.' | '!' | '?' | '…')) = toks[i].k {
            // Absorb trailing terminators and closers glued to it.
            let mut j = i + 1;
            while j < n
                && !toks[j].sp
                && matches!(toks[j].k, K::S(c2) if is_closer(c2) || c2 == '.' || c2 == '!' || c2 == '?')
            {
                j += 1;
            }
            if j >= n {
                i = j;
                continue;
            }
            let next = &toks[j];
            let boundary = if next.nl > 0 {
                true
            } else if !next.sp {
                false
            } else {
                let starts_ok = match next.k {
                    K::W => d.raw(j).chars().next().is_some_and(|ch| !ch.is_lowercase()),
                    K::N => true,
                    K::S(c2) => {
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
                } else if c == '.' && j == i + 1 && i > 0 && toks[i - 1].k == K::W && !toks[i].sp {
                    let pw = d.lw(i - 1);
                    let single = pw.chars().count() == 1;
                    if HARD_ABBR.contains(&pw) {
                        false
                    } else if single || SOFT_ABBR.contains(&pw) {
                        // "U.S. Navy", "Aug. 23": split only before a typical sentence opener.
                        next.k == K::W && STARTERS.contains(&d.lw(j))
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
        while m < sents.len() && toks[sents[m].lo].nl == 0 {
            m += 1;
        }
        let line_hi = sents[m - 1].hi;
        let flags = line_flags(d, line_lo, line_hi);
        for s in &mut sents[k..m] {
            s.flags = flags;
        }
        k = m;
    }
    sents
}

/// Classifies a line: copyright, byline, photo credit, metadata.
fn line_flags(d: &Doc, lo: usize, hi: usize) -> LineFlags {
    let s = d.toks[lo].s();
    let e = d.toks[hi - 1].e();
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
            | "notes"
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
        ) && (d.is_sym(lo + 1, ':') || (d.is_n(lo + 1) && d.lw(lo + 2) == "of"));
        let last_is =
            furniture(d.lw(hi - 1)) && !matches!(d.lw(hi - 1), "image" | "photo" | "video");
        if first_is || last_is {
            f.boiler = true;
        }
    }
    // e-mail addresses on a short line (contacts)
    if len < 300 {
        for i in lo..head_end.max((lo + 40).min(hi)) {
            if d.is_sym(i, '@') && d.glued(i) && d.is_w(i + 1) && d.glued(i + 1) {
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
