//! Speakers: who a sentence attributes its content to ("according to X", "X said", "..., said
//! X"), with titles stripped ("Health Minister Ana Ruiz" -> "Ana Ruiz").

use crate::extract::lex;
use crate::extract::text::Doc;
use crate::extract::Lang;

/// Speaker of a sentence (token range), if it attributes its content.
fn speaker(d: &Doc, lo: usize, hi: usize) -> Option<(usize, usize)> {
    let mut found = 0;
    for k in lo..hi {
        if d.lw(k) == "according" && d.lw(k + 1) == "to" {
            let s = k + 2;
            let mut e = s;
            let mut n = 0;
            while e < hi && n < 7 {
                if d.is_word(e) {
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
                    && d.is_word(e + 1)
                    && d.glued(e + 1)
                {
                    e += 2; // "open-source"
                } else if d.is_sym(e, '.')
                    && d.glued(e)
                    && e + 1 < hi
                    && d.is_word(e + 1)
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
        if d.is_word(k)
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
        if d.is_word(e - 1)
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
                if d.is_word(q + 1) && !d.cap(q + 1)
                    || matches!(d.lw(q + 1), "a" | "the" | "citing")
                {
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
    if e <= lo || !d.is_word(e - 1) {
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
            let cap_word = d.is_word(p) && d.cap(p);
            let joiner =
                d.is_word(p) && matches!(d.lw(p), "of" | "for" | "and") && p > lo && d.cap(p - 1);
            let initial = d.is_sym(p, '.')
                && d.glued(p)
                && p > lo
                && d.is_word(p - 1)
                && d.raw(p - 1).len() == 1;
            let hyphen = d.is_dash(p)
                && d.glued(p)
                && d.glued(s)
                && p > lo
                && d.is_word(p - 1)
                && d.glued(p);
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
        while s < last && d.is_word(s) && (lex::np_stop(d.lw(s)) && d.lw(s) != "the") {
            s += 1;
        }
        // titles before a personal name: "Health Minister Ana Ruiz" -> "Ana Ruiz"
        if let Some(t) = (s..last)
            .rev()
            .find(|&k| d.is_word(k) && title_word(d.lw(k)))
        {
            let rest_is_name =
                (t + 1..e).all(|k| !d.is_word(k) || (!org_word(d.lw(k)) && !title_word(d.lw(k))));
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
        if !d.is_word(p) {
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
        while e < hi && e < s + 5 && d.is_word(e) && !lex::np_stop(d.lw(e)) {
            e += 1;
        }
        return if e > s + 1 { Some((s, e)) } else { None };
    }
    let mut s = s;
    // "said farmer Li Wei", "said health minister Ana Ruiz"
    let mut r = s;
    while r < hi && r < s + 3 && d.is_word(r) && !d.cap(r) && !lex::np_stop(d.lw(r)) {
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
        if d.is_word(e) && d.cap(e) {
            e += 1;
        } else if e > s && d.is_dash(e) && d.glued(e) && d.glued(e + 1) && d.is_word(e + 1) {
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

/// Speakers, computed once per sentence that asks for one.
pub(super) struct Speakers<'s, 'a> {
    doc: &'s Doc<'a>,
    by_sentence: Vec<Option<Option<(usize, usize)>>>,
}

impl<'s, 'a> Speakers<'s, 'a> {
    pub fn new(doc: &'s Doc<'a>) -> Self {
        Speakers {
            doc,
            by_sentence: vec![None; doc.sents.len()],
        }
    }

    /// The speaker of sentence `si` (token range), if it attributes its content.
    pub fn of(&mut self, si: usize) -> Option<(usize, usize)> {
        if self.by_sentence[si].is_none() {
            let s = &self.doc.sents[si];
            self.by_sentence[si] = Some(match self.doc.lang {
                Lang::En => speaker(self.doc, s.lo, s.hi),
                Lang::Es => super::es::speaker(self.doc, s.lo, s.hi),
                Lang::Ko => super::ko::speaker(self.doc, s.lo, s.hi),
            });
        }
        self.by_sentence[si].flatten()
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::extract;

    fn speaker(text: &str) -> Option<String> {
        extract(text).into_iter().find_map(|c| c.speaker)
    }

    #[test]
    fn speakers_come_from_attributions_with_titles_stripped() {
        assert_eq!(
            speaker("Exports rose 5%, Health Minister Ana Ruiz said.").as_deref(),
            Some("Ana Ruiz")
        );
        assert_eq!(
            speaker("According to the central bank, inflation eased to 2.1%.").as_deref(),
            Some("the central bank")
        );
        assert_eq!(
            speaker("\"We sent 40 ships,\" said the navy.").as_deref(),
            Some("the navy")
        );
        assert_eq!(speaker("He said 40 ships were sent."), None);
    }
}
