//! A claim's statement: the short clause around one quantity of a sentence, proposed when a
//! candidate is accepted (the reviewer may reword it). Three claims from one sentence get three
//! statements, each naming its own number.
//!
//! Pure text work on one sentence, in named steps (see [`propose`]): asides in parentheses that do
//! not hold the quantity go; the sentence is cut into clauses at commas, semicolons, colons and
//! dashes, and the statement is the quantity's clause with the main clause it hangs on; a quantity
//! coordinated with another ("two frigates and 1,200 sailors") loses the other; a change
//! ("doubled") stops before the value it changed to; of two verb phrases joined by "and", the one
//! without the quantity goes; then the statement is fitted to [`MAX_CHARS`] around the quantity.

use std::ops::Range;

/// The longest proposed statement, in characters.
pub const MAX_CHARS: usize = 160;

/// One quantity of a sentence, with what the proposal needs to know about its neighbours.
#[derive(Debug, Clone)]
pub struct Focus<'a> {
    pub sentence: &'a str,
    /// The quantity's bytes in `sentence`.
    pub span: Range<usize>,
    /// The other quantities' bytes in `sentence`.
    pub others: Vec<Range<usize>>,
    /// It restates another mention (a conversion in parentheses keeps its parentheses).
    pub restates: bool,
    /// It is a change ("doubled", "halved"): the value it changed to is another claim.
    pub change: bool,
    /// Who the sentence attributes it to, added when the statement does not name them.
    pub speaker: Option<&'a str>,
}

/// Words that open an adverbial clause ("In addition, …", "At a briefing on the 21st, …"): such a
/// clause is not the main one.
const ADVERBIAL_OPENERS: &[&str] = &[
    "according",
    "after",
    "at",
    "before",
    "by",
    "despite",
    "during",
    "in",
    "last",
    "meanwhile",
    "on",
    "since",
    "recently",
    "earlier",
    "later",
    "until",
    "when",
    "while",
    "with",
    "without",
    // Spanish.
    "según",
    "en",
    "durante",
    "tras",
    "desde",
    "hasta",
    "con",
    "sin",
    "mientras",
    "además",
];

/// Hedge words kept with a coordinated quantity when it is removed ("more than 4,000 …").
const HEDGES: &[&str] = &[
    "more",
    "than",
    "less",
    "fewer",
    "about",
    "around",
    "nearly",
    "almost",
    "over",
    "under",
    "some",
    "roughly",
    "approximately",
    "at",
    "least",
    "most",
    "up",
    "to",
];

/// Words that end the noun phrase after a quantity.
const PHRASE_STOPS: &[&str] = &[
    "and", "or", "but", "to", "in", "of", "for", "from", "at", "on", "by", "with", "near", "into",
    "across", "since", "after", "before", "per", "a", "an", "the", "y", "o", "en", "para", "con",
];

/// Auxiliaries that start a verb phrase ("… has labeled X and has doubled Y").
const AUXILIARIES: &[&str] = &[
    "has", "have", "had", "is", "are", "was", "were", "will", "would", "said", "says",
];

/// The part of `text` a statement is proposed from: the sentence, or for a sentence longer than
/// 600 bytes the 600 bytes around the quantity (at character boundaries), so that a text of one
/// endless sentence stays linear.
pub fn window(text: &str, sentence: Range<usize>, quantity: Range<usize>) -> &str {
    const SIDE: usize = 300;
    let (mut a, mut b) = (sentence.start, sentence.end.min(text.len()));
    if b.saturating_sub(a) > 2 * SIDE {
        a = a.max(quantity.start.saturating_sub(SIDE));
        b = b.min(quantity.end.saturating_add(SIDE));
        while a > 0 && !text.is_char_boundary(a) {
            a -= 1;
        }
        while b < text.len() && !text.is_char_boundary(b) {
            b += 1;
        }
    }
    text.get(a..b).unwrap_or("")
}

/// Where a sentence is cut into clauses: (start of the separator, start of the next clause). They
/// depend on the sentence and all its quantities, so the quantities of one sentence share them.
/// With them, the noun phrase of each quantity (see [`phrase`]), found once.
#[derive(Debug, Clone, Default)]
pub struct Clauses {
    breaks: Vec<(usize, usize)>,
    /// Each quantity's span and its noun phrase, in the order of the spans.
    phrases: Vec<(Range<usize>, Range<usize>)>,
}

impl Clauses {
    /// The clauses of `sentence`, whose quantities (every one, the focus's among them) are at
    /// `quantities`.
    pub fn of<'r>(
        sentence: &str,
        quantities: impl Iterator<Item = &'r Range<usize>> + Clone,
    ) -> Self {
        let mut phrases: Vec<_> = quantities
            .clone()
            .map(|q| (q.clone(), phrase(sentence, q)))
            .collect();
        phrases.sort_unstable_by_key(|(q, _)| (q.start, q.end));
        Clauses {
            breaks: clause_breaks(sentence, quantities),
            phrases,
        }
    }

    /// The noun phrase of the quantity at `quantity` of `sentence`.
    fn phrase(&self, sentence: &str, quantity: &Range<usize>) -> Range<usize> {
        let key = (quantity.start, quantity.end);
        match self
            .phrases
            .binary_search_by_key(&key, |(q, _)| (q.start, q.end))
        {
            Ok(at) => self.phrases[at].1.clone(),
            Err(_) => phrase(sentence, quantity),
        }
    }
}

/// Proposes the statement of the quantity `focus.span` of `focus.sentence`.
pub fn propose(focus: &Focus) -> String {
    let clauses = Clauses::of(
        focus.sentence,
        focus.others.iter().chain(std::iter::once(&focus.span)),
    );
    propose_in(focus, &clauses)
}

/// [`propose`] with the sentence's clauses found already ([`Clauses::of`] the same sentence and
/// the focus's quantities with its others).
pub fn propose_in(focus: &Focus, clauses: &Clauses) -> String {
    let sentence = focus.sentence;
    if focus.span.end > sentence.len()
        || !sentence.is_char_boundary(focus.span.start)
        || !sentence.is_char_boundary(focus.span.end)
    {
        return tidy(sentence.to_string());
    }
    let mut kept = Kept::new(sentence);
    drop_asides(&mut kept, focus);
    keep_clauses(&mut kept, focus, &clauses.breaks);
    drop_coordinated(&mut kept, focus, clauses);
    if focus.change {
        stop_before_target(&mut kept, focus);
    }
    drop_other_verb_phrase(&mut kept, focus);
    let mut statement = tidy(kept.text());
    if let Some(speaker) = focus.speaker.map(str::trim).filter(|s| !s.is_empty()) {
        if !statement.to_lowercase().contains(&speaker.to_lowercase()) {
            let body = statement.trim_end_matches(['.', '!', '?']);
            statement = format!("{body}, according to {speaker}.");
        }
    }
    fit(statement, &sentence[focus.span.clone()])
}

/// The sentence and the byte ranges dropped from it so far (a handful per statement: the steps
/// drop asides, clauses and coordinated phrases, never single bytes).
struct Kept<'a> {
    text: &'a str,
    dropped: Vec<Range<usize>>,
}

impl<'a> Kept<'a> {
    fn new(text: &'a str) -> Self {
        Kept {
            text,
            dropped: Vec::new(),
        }
    }

    fn drop(&mut self, range: Range<usize>) {
        let range = range.start..range.end.min(self.text.len());
        if !range.is_empty() {
            self.dropped.push(range);
        }
    }

    fn is_kept(&self, at: usize) -> bool {
        at < self.text.len() && !self.dropped.iter().any(|r| r.contains(&at))
    }

    /// The kept text, in order (whole characters only: ranges are dropped on boundaries), copied
    /// a run of kept bytes at a time.
    fn text(&mut self) -> String {
        self.dropped.sort_unstable_by_key(|r| r.start);
        // room for the full stop `tidy` may add
        let mut out = String::with_capacity(self.text.len() + 1);
        let mut at = 0;
        for r in &self.dropped {
            if r.start > at {
                out.push_str(&self.text[at..r.start]);
            }
            at = at.max(r.end);
        }
        if at < self.text.len() {
            out.push_str(&self.text[at..]);
        }
        out
    }
}

/// Step 1: asides in parentheses go unless they hold the quantity ("(local time)", a conversion of
/// another amount); a conversion keeps the parentheses it stands in.
fn drop_asides(kept: &mut Kept, focus: &Focus) {
    let text = focus.sentence;
    if !text.as_bytes().contains(&b'(') {
        return;
    }
    let mut depth_start = None;
    for (at, c) in text.char_indices() {
        match c {
            '(' if depth_start.is_none() => depth_start = Some(at),
            ')' => {
                if let Some(start) = depth_start.take() {
                    let holds = start < focus.span.start && focus.span.end <= at;
                    if !holds {
                        // With the space before it.
                        let from = if text[..start].ends_with(' ') {
                            start - 1
                        } else {
                            start
                        };
                        kept.drop(from..at + 1);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Where the sentence is cut into clauses: (start of the separator, start of the next clause).
/// A comma before another quantity is a list, not a clause boundary.
fn clause_breaks<'r>(
    text: &str,
    quantities: impl Iterator<Item = &'r Range<usize>> + Clone,
) -> Vec<(usize, usize)> {
    let mut breaks = Vec::new();
    let mut in_quote = false;
    let mut in_parens = 0usize;
    // A byte at a time: every character looked at is ASCII or starts with 0xE2 (quotes, dashes).
    for (at, &byte) in text.as_bytes().iter().enumerate() {
        let c = match byte {
            b'"' | b'(' | b')' | b',' | b';' | b':' => char::from(byte),
            0xE2 => match text[at..].chars().next() {
                Some(c @ ('“' | '”' | '—' | '–')) => c,
                _ => continue,
            },
            _ => continue,
        };
        match c {
            '"' | '“' | '”' => in_quote = !in_quote,
            '(' => in_parens += 1,
            ')' => in_parens = in_parens.saturating_sub(1),
            ',' | ';' | ':' | '—' | '–' if !in_quote && in_parens == 0 => {
                let next = at + c.len_utf8();
                let rest = &text[next..];
                if matches!(c, '—' | '–') && !text[..at].ends_with(' ') {
                    continue; // a dash inside a word or a range
                }
                if matches!(c, ',' | ':' | ';') && !rest.starts_with(char::is_whitespace) {
                    continue; // "40,000", a time, a ratio
                }
                let skip = rest.len() - rest.trim_start().len();
                let clause = next + skip;
                let before_quantity = quantities.clone().any(|q| {
                    q.start >= clause
                        && q.start - clause < 64
                        && words_between(text, clause, q.start) <= 2
                });
                // "…, doubling the offer", "…, bringing the total to 5,000": a participle opens
                // a clause even when a quantity follows it.
                let participle = {
                    let word = first_word_of(rest);
                    word.chars().count() > 4
                        && word.as_bytes()[word.len() - 3..].eq_ignore_ascii_case(b"ing")
                };
                if c == ',' && before_quantity && !participle {
                    continue;
                }
                breaks.push((at, clause));
            }
            _ => {}
        }
    }
    breaks
}

fn words_between(text: &str, from: usize, to: usize) -> usize {
    text.get(from..to)
        .map_or(usize::MAX, |s| s.split_whitespace().count())
}

/// The first word of `text` as written.
fn first_word_of(text: &str) -> &str {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .find(|w| !w.is_empty())
        .unwrap_or("")
}

/// Step 2: the statement is the quantity's clause, with the main clause when the quantity's clause
/// hangs on one (it is not the first, or it is an adverbial like "At a briefing on the 21st").
fn keep_clauses(kept: &mut Kept, focus: &Focus, breaks: &[(usize, usize)]) {
    let text = focus.sentence;
    if breaks.is_empty() {
        return;
    }
    // Clauses as (start, end) byte ranges, separators excluded.
    let mut clauses = Vec::with_capacity(breaks.len() + 1);
    let mut start = 0;
    for (separator, next) in breaks {
        clauses.push(start..*separator);
        start = *next;
    }
    clauses.push(start..text.len());
    let words = |r: &Range<usize>| text[r.clone()].split_whitespace().count();
    let adverbial = |r: &Range<usize>| {
        let first = first_word_of(&text[r.clone()]);
        let adverb =
            first.len() >= 2 && first.as_bytes()[first.len() - 2..].eq_ignore_ascii_case(b"ly");
        // (a word in other letters is lowercased as Unicode does: "SEGÚN", "ADEMÁS")
        let opener = one_of(ADVERBIAL_OPENERS, first)
            || (!first.is_ascii() && ADVERBIAL_OPENERS.contains(&first.to_lowercase().as_str()));
        opener || (words(r) == 1 && adverb)
    };
    let Some(own) = clauses.iter().position(|r| r.contains(&focus.span.start)) else {
        return;
    };
    let main = clauses.iter().position(|r| !adverbial(r));
    let mut keep = vec![own];
    if let Some(main) = main.filter(|m| *m != own) {
        let opens_own = !adverbial(&clauses[own]) && own < main;
        if !opens_own {
            keep.push(main);
        }
    }
    keep.sort_unstable();
    for (index, clause) in clauses.iter().enumerate() {
        if !keep.contains(&index) {
            // The clause, and the separator before it (or after it, for the first).
            let from = if index == 0 { 0 } else { breaks[index - 1].0 };
            let to = if index == 0 { breaks[0].1 } else { clause.end };
            kept.drop(from..to);
        }
    }
    // A short main clause cut off by an aside ("The report, which …, says") is a subject: it
    // joins its verb without the comma.
    if let [main, own] = keep[..] {
        if own > main + 1 && words(&clauses[main]) <= 4 {
            let separator = breaks[own - 1].0;
            let width = text[separator..].chars().next().map_or(1, char::len_utf8);
            kept.drop(separator..separator + width);
        }
    }
}

/// `word` is one of the lower-case ASCII `words`, in any case.
fn one_of(words: &[&str], word: &str) -> bool {
    words
        .iter()
        .any(|w| w.len() == word.len() && w.eq_ignore_ascii_case(word))
}

/// The noun phrase of a quantity: its hedge words before it and the words after it up to a
/// preposition, a conjunction or punctuation (at most four).
fn phrase(text: &str, quantity: &Range<usize>) -> Range<usize> {
    let mut start = quantity.start;
    loop {
        let before = text[..start].trim_end();
        let word_start = before
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(at, c)| at + c.len_utf8());
        let word = &before[word_start..];
        if !word.is_empty() && one_of(HEDGES, word) {
            start = word_start;
        } else {
            break;
        }
    }
    let mut end = quantity.end;
    for _ in 0..4 {
        let rest = &text[end..];
        let trimmed = rest.trim_start();
        if !rest.starts_with(' ') {
            break;
        }
        let word_len = trimmed
            .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
            .unwrap_or(trimmed.len());
        let word = &trimmed[..word_len];
        if word.is_empty() || one_of(PHRASE_STOPS, word) {
            break;
        }
        end += rest.len() - trimmed.len() + word_len;
    }
    start..end
}

/// Step 3: a quantity coordinated with another loses the other: "two frigates and more than 1,200
/// sailors" becomes "more than 1,200 sailors" in the sailors' statement. A quantity in another clause ("…to $50 million, doubling the offer") is not coordinated.
fn drop_coordinated(kept: &mut Kept, focus: &Focus, clauses: &Clauses) {
    let text = focus.sentence;
    let breaks = &clauses.breaks;
    let own = clauses.phrase(text, &focus.span);
    for other in &focus.others {
        if !kept.is_kept(other.start) || own.contains(&other.start) {
            continue;
        }
        let theirs = clauses.phrase(text, other);
        let between = theirs.end.min(own.end)..theirs.start.max(own.start);
        if breaks
            .iter()
            .any(|(separator, _)| between.contains(separator))
        {
            continue;
        }
        let after = &text[theirs.end..];
        let before = &text[..theirs.start];
        let joiner = [" and ", ", and ", ", ", " or ", " y ", " o "];
        if theirs.end <= own.start {
            if let Some(j) = joiner.iter().find(|j| after.starts_with(**j)) {
                if theirs.end + j.len() == own.start {
                    kept.drop(theirs.start..theirs.end + j.len());
                }
            }
        } else if theirs.start >= own.end {
            if let Some(j) = joiner.iter().find(|j| before.ends_with(**j)) {
                if theirs.start - j.len() == own.end {
                    kept.drop(theirs.start - j.len()..theirs.end);
                }
            }
        }
    }
}

/// Step 4: a change ("doubled the reward to $50 million") stops before the value it changed to:
/// that value is its own claim.
fn stop_before_target(kept: &mut Kept, focus: &Focus) {
    let text = focus.sentence;
    let Some(target) = focus
        .others
        .iter()
        .filter(|o| o.start > focus.span.end && kept.is_kept(o.start))
        .min_by_key(|o| o.start)
    else {
        return;
    };
    let between = &text[focus.span.end..target.start];
    if between.split_whitespace().count() > 10 {
        return;
    }
    for preposition in [" to ", " from ", " by ", " a ", " hasta "] {
        if let Some(at) = between.rfind(preposition) {
            let cut = focus.span.end + at;
            // Keep the sentence's closing punctuation.
            let end = text.trim_end_matches(['.', '!', '?']).len().max(cut);
            kept.drop(cut..end);
            return;
        }
    }
}

/// Step 5: of two verb phrases joined by "and" ("has labeled him X and has doubled the reward"),
/// the one without the quantity goes; the subject stays.
fn drop_other_verb_phrase(kept: &mut Kept, focus: &Focus) {
    let text = focus.sentence;
    let before = &text[..focus.span.start];
    // The words between single spaces, with where each starts: one pass over the text, no
    // pattern built per auxiliary (this runs for every candidate of a sentence).
    let Some(last_space) = before.rfind(' ') else {
        return;
    };
    let head = &before[..last_space];
    // The joint is a whole word "and" after the first word: most sentences have none.
    if !head.contains(" and ") {
        return;
    }
    let words = || {
        head.split(' ')
            .scan(0usize, |at, word| {
                let start = *at;
                *at += word.len() + 1;
                Some((start, word))
            })
            .skip(1)
    };
    let auxiliary = |word: &str| AUXILIARIES.contains(&word);
    // the last " and <auxiliary> " before the quantity: the space before "and"
    let mut previous: Option<(usize, &str)> = None;
    let mut joint = None;
    for (start, word) in words() {
        if let Some((and_at, "and")) = previous {
            if auxiliary(word) {
                joint = Some(and_at - 1);
            }
        }
        previous = Some((start, word));
    }
    let Some(joint) = joint else {
        return;
    };
    // the first auxiliary before it, with its space after it still before the joint
    let Some(first) = words()
        .find(|(start, word)| start + word.len() < joint && auxiliary(word))
        .map(|(start, _)| start)
    else {
        return;
    };
    if !kept.is_kept(first) || !kept.is_kept(joint) {
        return;
    }
    // Not across a clause: the first verb phrase is in the same clause as the quantity.
    if text[first..joint].contains([',', ';']) {
        return;
    }
    kept.drop(first..joint + " and ".len());
}

/// Spaces collapsed, no space before punctuation, a capital first letter and a full stop.
fn tidy(text: String) -> String {
    // Most statements are ASCII with single spaces and none before punctuation: nothing to
    // collapse, and the text is tidied where it is.
    if single_spaced_ascii(&text) {
        finish(text)
    } else {
        finish(collapse(&text))
    }
}

/// The words of `text` joined by single spaces, none before punctuation.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 1);
    let mut push = |word: &str| {
        if !out.is_empty() && !word.starts_with([',', '.', ';', ':', ')', '!', '?']) {
            out.push(' ');
        }
        out.push_str(word);
    };
    // ASCII text splits faster a byte at a time (the same words: ASCII's Unicode white space is
    // the ASCII white space and the vertical tab).
    if text.is_ascii() && !text.contains('\x0B') {
        text.split_ascii_whitespace().for_each(&mut push);
    } else {
        text.split_whitespace().for_each(&mut push);
    }
    out
}

/// Separators and spaces trimmed at both ends (in place), the first letter a capital and a full
/// stop.
fn finish(mut out: String) -> String {
    let end = out.trim_end_matches([',', ';', ':', ' ']).len();
    out.truncate(end);
    let start = out.len() - out.trim_start_matches([',', ';', ':', ' ']).len();
    out.drain(..start);
    if let Some(first) = out.chars().next() {
        if first.is_ascii() {
            out[..1].make_ascii_uppercase();
        } else {
            let capital: String = first.to_uppercase().collect();
            out.replace_range(..first.len_utf8(), &capital);
        }
    }
    if !out.is_empty() && !out.ends_with(['.', '!', '?', '"', '”', '。']) {
        out.push('.');
    }
    out
}

/// ASCII text whose only white space is single spaces, none of them before the punctuation that
/// [`tidy`] joins to the word before it: splitting it at spaces and joining the words again gives
/// the same text, less the spaces at its ends. One pass over the bytes.
fn single_spaced_ascii(text: &str) -> bool {
    let mut previous = 0u8;
    for &byte in text.as_bytes() {
        let joined = matches!(byte, b' ' | b',' | b'.' | b';' | b':' | b')' | b'!' | b'?');
        if !byte.is_ascii()
            || matches!(byte, b'\t' | b'\n' | b'\r' | b'\x0B' | b'\x0C')
            || (previous == b' ' && joined)
        {
            return false;
        }
        previous = byte;
    }
    true
}

/// Fits the statement to [`MAX_CHARS`]: whole words around the quantity, an ellipsis where cut.
fn fit(statement: String, quantity: &str) -> String {
    if statement.chars().count() <= MAX_CHARS {
        return statement;
    }
    let words: Vec<&str> = statement.split_whitespace().collect();
    let first_token = quantity.split_whitespace().next().unwrap_or(quantity);
    let centre = words
        .iter()
        .position(|w| w.contains(first_token))
        .unwrap_or(0);
    let (mut from, mut to) = (centre, centre + 1);
    // characters before each word, counting one space after each: the words from..to joined
    // by spaces, with the two ellipses, are length(from, to) characters
    let mut before = Vec::with_capacity(words.len() + 1);
    before.push(0);
    for word in &words {
        before.push(before[before.len() - 1] + word.chars().count() + 1);
    }
    let length = |from: usize, to: usize| before[to] - before[from] - 1 + 2;
    loop {
        let grew_right = to < words.len() && length(from, to + 1) <= MAX_CHARS;
        if grew_right {
            to += 1;
        }
        let grew_left = from > 0 && length(from - 1, to) <= MAX_CHARS;
        if grew_left {
            from -= 1;
        }
        if !grew_left && !grew_right {
            break;
        }
    }
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.push_str(&words[from..to].join(" "));
    if to < words.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The focus on `quantity` in `sentence`, with every other listed quantity as a neighbour.
    fn focus<'a>(sentence: &'a str, quantity: &str, others: &[&str]) -> Focus<'a> {
        let at = |q: &str| {
            let start = sentence
                .find(q)
                .unwrap_or_else(|| panic!("{q} in {sentence}"));
            start..start + q.len()
        };
        Focus {
            sentence,
            span: at(quantity),
            others: others.iter().map(|q| at(q)).collect(),
            restates: false,
            change: false,
            speaker: None,
        }
    }

    const FLEET: &str =
        "Last month, the coast guard sent four cutters and nearly 900 officers to the \
                         northern islands, saying smuggling had tripled.";

    #[test]
    fn quantities_of_one_sentence_may_share_its_clauses() {
        let lists = "The agency counted 12 ships, 40 aircraft and 3,000 troops, officials said \
                     on Monday, adding that 15 more ships were coming.";
        for (sentence, quantities) in [
            (FLEET, &["four", "900", "tripled"][..]),
            (lists, &["12", "40", "3,000", "15"][..]),
        ] {
            let foci: Vec<Focus> = quantities
                .iter()
                .map(|q| {
                    let others: Vec<&str> =
                        quantities.iter().filter(|o| *o != q).copied().collect();
                    focus(sentence, q, &others)
                })
                .collect();
            let first = &foci[0];
            let clauses = Clauses::of(
                sentence,
                first.others.iter().chain(std::iter::once(&first.span)),
            );
            for one in &foci {
                assert_eq!(propose_in(one, &clauses), propose(one));
            }
        }
    }

    #[test]
    fn an_opener_in_capitals_is_still_an_opener() {
        for sentence in [
            "Según la policía, el incendio en el puerto dejó 40 muertos.",
            "SEGÚN la policía, el incendio en el puerto dejó 40 muertos.",
        ] {
            assert_eq!(
                propose(&focus(sentence, "40", &[])),
                "El incendio en el puerto dejó 40 muertos."
            );
        }
    }

    #[test]
    fn coordinated_quantities_get_their_own_statements() {
        let cutters = propose(&focus(FLEET, "four", &["900", "tripled"]));
        let officers = propose(&focus(FLEET, "900", &["four", "tripled"]));
        assert_eq!(
            cutters,
            "The coast guard sent four cutters to the northern islands."
        );
        assert_eq!(
            officers,
            "The coast guard sent nearly 900 officers to the northern islands."
        );
    }

    #[test]
    fn a_trailing_clause_keeps_the_main_clause() {
        let tripled = propose(&focus(FLEET, "tripled", &["four", "900"]));
        assert_eq!(
            tripled,
            "The coast guard sent four cutters and nearly 900 officers to the northern islands, \
             saying smuggling had tripled."
        );
    }

    const BUDGET: &str = "In response, the council has frozen hiring and has tripled the flood \
                          budget to €12 million (about 13 million dollars).";

    #[test]
    fn a_change_a_target_and_a_conversion_differ() {
        let mut change = focus(BUDGET, "tripled", &["€12 million", "13 million dollars"]);
        change.change = true;
        let target = focus(BUDGET, "€12 million", &["tripled", "13 million dollars"]);
        let mut conversion = focus(BUDGET, "13 million dollars", &["tripled", "€12 million"]);
        conversion.restates = true;
        assert_eq!(
            propose(&change),
            "The council has tripled the flood budget."
        );
        assert_eq!(
            propose(&target),
            "The council has tripled the flood budget to €12 million."
        );
        assert_eq!(
            propose(&conversion),
            "The council has tripled the flood budget to €12 million (about 13 million dollars)."
        );
    }

    #[test]
    fn an_adverbial_clause_takes_its_main_clause_and_the_speaker_is_named() {
        let sentence = "At a hearing on 3 May, the minister said 14 schools would close.";
        let mut date = focus(sentence, "3 May", &["14"]);
        date.speaker = Some("the minister");
        assert_eq!(
            propose(&date),
            "At a hearing on 3 May, the minister said 14 schools would close."
        );
        let mut schools = focus(sentence, "14", &["3 May"]);
        schools.speaker = Some("the minister");
        assert_eq!(
            propose(&schools),
            "The minister said 14 schools would close."
        );
        let mut unnamed = focus("Some 40,000 people marched.", "40,000", &[]);
        unnamed.speaker = Some("the police");
        assert_eq!(
            propose(&unnamed),
            "Some 40,000 people marched, according to the police."
        );
    }

    #[test]
    fn long_sentences_are_cut_around_the_quantity() {
        let sentence = format!(
            "The report, which {} found, says 17 bridges are unsafe.",
            "the inspectors who visited every district over the course of a long and wet winter \
             and spoke to engineers, residents and officials"
        );
        let statement = propose(&focus(&sentence, "17", &[]));
        assert!(statement.chars().count() <= MAX_CHARS, "{statement}");
        assert!(statement.contains("17 bridges"), "{statement}");
    }

    #[test]
    fn spanish_lists_and_asides() {
        let sentence = "El gobierno anunció (el martes) 300 millones de pesos y 45 hospitales.";
        assert_eq!(
            propose(&focus(sentence, "45", &["300 millones"])),
            "El gobierno anunció 45 hospitales."
        );
    }

    proptest::proptest! {
        /// Text that [`single_spaced_ascii`] lets through as it is tidies as if its words had
        /// been split and joined again.
        #[test]
        fn single_spaced_text_needs_no_collapsing(text in "[ab ,.;:)!?\t\n\u{b}\u{c}é]{0,24}") {
            if single_spaced_ascii(&text) {
                proptest::prop_assert_eq!(finish(text.clone()), finish(collapse(&text)));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn any_sentence_gives_a_short_statement(sentence in "[A-Za-z0-9 ,;:()—.\"가-힣\u{2009}\u{3000}]{1,300}", at in 0usize..300) {
            let at = (0..=at.min(sentence.len())).rev().find(|i| sentence.is_char_boundary(*i)).unwrap_or(0);
            let end = (at..=sentence.len()).find(|i| *i > at && sentence.is_char_boundary(*i)).unwrap_or(at);
            let statement = propose(&Focus {
                sentence: &sentence,
                span: at..end,
                others: std::iter::once(0..0).collect(),
                restates: false,
                change: true,
                speaker: Some("x"),
            });
            proptest::prop_assert!(statement.chars().count() <= MAX_CHARS + 2);
        }
    }
}
