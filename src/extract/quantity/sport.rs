//! Scores in English and Spanish sports copy, written with a dash between two whole numbers: "beat
//! Italy 2-1", "4-6, 6-3, 7-6 (9-7)", "took 4-37", "a 1-4 defeat", "venció 2-1 al Sevilla", and
//! a cricket side's wickets and runs ("reached 3-187 at stumps").
//! Each side is a count, not a range from one to the other; a score that only places a moment in
//! a match ("broken at 4-5 in the second set") is not a claim of its own.

use super::number::small_int;
use super::{Kind, Mention, Scope, Step};
use crate::extract::text::Doc;
use crate::extract::Value;
use rust_decimal::Decimal;

/// What a score does in its sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ScoreUse {
    /// The result or standing it reports: "beat Italy 2-1", "a 1-4 defeat", "6-3, 7-6 (9-7)".
    Result,
    /// A moment inside a match, placing what happened then: "at 4-5 in the second set".
    Moment,
}

impl ScoreUse {
    /// The score adjustment of either side: a result is a claim with no noun after it; a moment
    /// is not one.
    pub(super) fn bonus(self) -> f64 {
        match self {
            ScoreUse::Result => 0.1,
            ScoreUse::Moment => -0.35,
        }
    }

    /// The side of a score (or a part of a record, a shot count) at token `i`: the count `n`,
    /// scored as this use says.
    pub(super) fn side(self, scope: &Scope, i: usize, n: u32) -> Mention {
        let mut m = Mention::new(scope.doc, scope.sent, i, i + 1, Kind::Quantity);
        m.unit = Some("count");
        m.value = Some(Value::Number(Decimal::from(n)));
        m.bonus = self.bonus();
        m
    }
}

/// Words shortly before a score that report a result: "beat", "won", "took" (bowling figures),
/// and their Spanish counterparts. Verbs of a match's outcome only: not the nouns or present
/// forms that other copy uses ("the leading cause", "credit scores", "a win for").
const RESULT_BEFORE: &[&str] = &[
    "beat",
    "beats",
    "beating",
    "defeated",
    "defeating",
    "won",
    "winning",
    "lost",
    "losing",
    "led",
    "lead",
    "leads",
    "trailed",
    "trailing",
    "drew",
    "tied",
    "edged",
    "routed",
    "thrashed",
    "swept",
    "clinched",
    "took",
    "improved",
    "past",
    "outscored",
    "outgained",
    "outshot",
    "voted",
    "venció",
    "vencieron",
    "derrotó",
    "derrotaron",
    "ganó",
    "ganaron",
    "perdió",
    "perdieron",
    "empató",
    "empataron",
    "goleó",
    "marcador",
];

/// Words right before a pair that make it a band or a reference whatever is near it: "voters aged
/// 18-29", "grades 9-12", "a scale of 0-100", "from 300-850", "Sections 18-2, 18-3".
const BAND_BEFORE: &[&str] = &[
    "aged",
    "ages",
    "age",
    "grades",
    "grade",
    "from",
    "between",
    "scale",
    "range",
    "ranging",
    "ranged",
    "section",
    "sections",
    "article",
    "articles",
    "chapter",
    "chapters",
    "rule",
    "rules",
    "paragraph",
    "paragraphs",
    "page",
    "pages",
    "nos",
    "edades",
    "entre",
];

/// Nouns right after a score that say it is a result: "a 1-4 defeat", "una victoria 2-0".
const RESULT_AFTER: &[&str] = &[
    "win",
    "wins",
    "victory",
    "victories",
    "defeat",
    "defeats",
    "loss",
    "losses",
    "lead",
    "draw",
    "scoreline",
    "aggregate",
    "triumph",
    "thriller",
    "rout",
    "victoria",
    "triunfo",
    "derrota",
    "empate",
    "ventaja",
    "global",
    "goleada",
];

/// Words that may follow a score (besides punctuation): prepositions, conjunctions and the result
/// nouns. Anything else after the pair is what it counts or its unit ("3-5 days", "16-24 year
/// olds"), and the pair is a range.
const MAY_FOLLOW: &[&str] = &[
    "in", "on", "at", "to", "after", "with", "as", "and", "but", "for", "against", "over",
    "before", "when", "while", "then", "until", "by", "from", "overall", "since", "en", "con", "y",
    "ante", "frente", "tras", "al", "a", "para",
];

/// Words that put a sentence inside a match, for scores that place a moment: "at 4-5 in the
/// second set". Words of play only ("set", "half", "quarter" are everyday words too).
const IN_PLAY: &[&str] = &[
    "match",
    "game",
    "tiebreak",
    "tiebreaker",
    "tie-break",
    "serve",
    "served",
    "serving",
    "innings",
    "inning",
    "deuce",
    "frame",
    "partido",
    "juego",
];

/// Words of a cricket report, where "3-187" is wickets and runs and "4-37" a bowler's figures.
const CRICKET: &[&str] = &[
    "wicket", "wickets", "overs", "stumps", "lbw", "bowled", "innings",
];

/// The pair at `k` is wickets and runs in a cricket report: "reaching 3-187 at stumps",
/// "Mokoena 4-90": ten wickets at most, and more runs than wickets. The report is told by two
/// different words of cricket anywhere in the text, one of them a wicket or stumps (read once).
fn wickets_and_runs(d: &Doc, k: usize) -> bool {
    let (wickets, runs) = (small_int(d, k - 1, 3), small_int(d, k + 1, 3));
    let cricket = || {
        *d.cricket.get_or_init(|| {
            let mut seen = [false; 7];
            for t in 0..d.toks.len() {
                if let Some(w) = CRICKET.iter().position(|w| *w == d.lw(t)) {
                    seen[w] = true;
                }
            }
            let wicket = seen[0] || seen[1] || seen[3];
            wicket && seen.iter().filter(|s| **s).count() >= 2
        })
    };
    wickets.is_some_and(|w| w <= 10) && runs > wickets && cricket()
}

/// An aircraft's model and variant ("737-800", "777-300", "a Boeing 787-9"): not a score.
fn model_and_variant(d: &Doc, k: usize) -> bool {
    let (model, variant) = (small_int(d, k - 1, 3), small_int(d, k + 1, 3));
    let maker = k >= 2 && matches!(d.lw(k - 2), "boeing" | "airbus" | "embraer" | "tupolev");
    model.is_some_and(|m| m >= 100 && m % 100 != 0)
        && (variant.is_some_and(|v| v % 100 == 0) || maker)
}

/// A minute mark that opens an entry of a scoring sequence: "14:" after ";" or at the start,
/// "8 mins:".
fn minute_mark(d: &Doc, lo: usize, k: usize) -> bool {
    let colon = if matches!(d.lw(k + 1), "mins" | "min" | "minutes") {
        k + 2
    } else {
        k + 1
    };
    d.is_number(k)
        && d.is_sym(colon, ':')
        && d.glued(colon)
        && (k == lo || matches!(d.sym(k - 1), Some(';' | ':' | '.')))
}

/// The sentence `[lo, hi)` is a scoring sequence, the box at the foot of a match report: three
/// or more entries of a minute and what was scored, each with the running score ("8 mins: Ferrari
/// pen, 0-3; 14: Keane try, Brady con, 7-3; 26: …"). Each running score places a moment.
pub(in crate::extract) fn scoring_sequence(d: &Doc, lo: usize, hi: usize) -> bool {
    (lo..hi).filter(|&k| minute_mark(d, lo, k)).nth(2).is_some()
}

/// The number at `k` is a minute mark of a scoring sequence.
pub(in crate::extract) fn sequence_minute(d: &Doc, lo: usize, hi: usize, k: usize) -> bool {
    minute_mark(d, lo, k) && scoring_sequence(d, lo, hi)
}

/// The dash at `k` joins two whole numbers of one to three digits glued to it ("6-7", "3-187"),
/// not a longer chain ("1-2-3") or a code ("A3-4").
fn is_pair(d: &Doc, lo: usize, hi: usize, k: usize) -> bool {
    if !(k > lo && k + 1 < hi && d.is_dash(k) && d.glued(k) && d.glued(k + 1)) {
        return false;
    }
    if small_int(d, k - 1, 3).is_none() || small_int(d, k + 1, 3).is_none() {
        return false;
    }
    let glued_before = k - 1 > lo && d.glued(k - 1) && !d.is_sym(k - 2, '(');
    let glued_after = k + 2 < hi
        && d.glued(k + 2)
        && !matches!(
            d.sym(k + 2),
            Some(',' | '.' | ';' | ':' | ')' | '(' | '!' | '?')
        );
    !glued_before && !glued_after
}

/// Brackets and commas between the pairs of one scoreline ("6-7 (4-7), 7-5"), at most three.
fn between_pairs(d: &Doc, k: usize) -> bool {
    matches!(d.sym(k), Some('(' | ')' | ','))
}

/// The dash of the next pair of the scoreline after the pair at `k`.
fn next_pair(d: &Doc, lo: usize, hi: usize, k: usize) -> Option<usize> {
    let mut j = k + 2;
    let mut skipped = 0;
    while j < hi && skipped < 3 && between_pairs(d, j) {
        j += 1;
        skipped += 1;
    }
    is_pair(d, lo, hi, j + 1).then_some(j + 1)
}

/// The dash of the pair before the pair at `k` in its scoreline.
fn previous_pair(d: &Doc, lo: usize, hi: usize, k: usize) -> Option<usize> {
    let mut j = k.checked_sub(2)?;
    let mut skipped = 0;
    while j > lo && skipped < 3 && between_pairs(d, j) {
        j -= 1;
        skipped += 1;
    }
    (j > lo + 1 && is_pair(d, lo, hi, j - 1)).then(|| j - 1)
}

/// Words of a game being played, for a score that places a moment on its way ("stretched the
/// lead to 64-50 early in the half"; not a poll's lead or a vote's count).
const DURING_PLAY: &[&str] = &[
    "quarter",
    "half",
    "period",
    "dunk",
    "layup",
    "jumper",
    "basket",
    "goal",
    "touchdown",
    "try",
    "penalty",
    "free",
    "rebound",
    "turnover",
];

/// Whether the sentence is about play, and not about a poll or a vote.
fn in_play_sentence(d: &Doc, lo: usize, hi: usize) -> bool {
    let words = || (lo..hi).map(|t| d.lw(t));
    let play = words().any(|w| IN_PLAY.contains(&w) || DURING_PLAY.contains(&w))
        || (lo..hi).any(|t| d.is_sym(t, ':') && d.is_number(t.wrapping_sub(1)) && d.glued(t));
    play && !words().any(|w| matches!(w, "poll" | "polls" | "survey" | "senate" | "vote" | "votes"))
}

/// The words from `k` on place a score at a break in play: "at the break", "at half-time",
/// "at halftime", "at the half", "at the interval", "into the break", "at the end of the first
/// half", "at the end of the third quarter".
fn at_a_break(d: &Doc, k: usize, hi: usize) -> bool {
    if !(k < hi && matches!(d.lw(k), "at" | "by" | "into")) {
        return false;
    }
    if d.lw(k + 1) == "the" && d.lw(k + 2) == "end" && d.lw(k + 3) == "of" {
        return (k + 4..(k + 8).min(hi))
            .any(|t| matches!(d.lw(t), "half" | "quarter" | "period" | "innings"));
    }
    let next = if d.lw(k + 1) == "the" { k + 2 } else { k + 1 };
    next < hi
        && match d.lw(next) {
            "break" | "halftime" | "interval" | "intermission" => true,
            "half" => {
                !d.is_word(next + 1)
                    || d.lw(next + 1) == "time"
                    || (d.is_dash(next + 1) && d.lw(next + 2) == "time")
            }
            _ => false,
        }
}

/// Punctuation that may follow a score: "won 2-1.", "7-5, 7-6", "(4-7)".
fn punctuation(d: &Doc, k: usize) -> bool {
    matches!(
        d.sym(k),
        Some(',' | '.' | ';' | ':' | ')' | '(' | '!' | '?' | '—' | '–' | '"' | '\u{201d}')
    )
}

/// The dashes of the scoreline the pair at `k` belongs to, in order (ten pairs at most).
fn scoreline(d: &Doc, lo: usize, hi: usize, k: usize) -> Vec<usize> {
    let mut first = k;
    for _ in 0..10 {
        match previous_pair(d, lo, hi, first) {
            Some(p) => first = p,
            None => break,
        }
    }
    let mut dashes = vec![first];
    while let Some(p) = next_pair(d, lo, hi, dashes[dashes.len() - 1]) {
        if dashes.len() == 10 {
            break;
        }
        dashes.push(p);
    }
    dashes
}

/// Whether the pair at `k` is a score, and what it does: a result (a result word shortly before
/// or right after, or a scoreline of several pairs one of which does not rise), or a moment
/// ("at" right before, in a sentence about play). Anything else is left to the amount rules.
pub(super) fn score_use(d: &Doc, lo: usize, hi: usize, k: usize) -> Option<ScoreUse> {
    if !is_pair(d, lo, hi, k) {
        return None;
    }
    let dashes = scoreline(d, lo, hi, k);
    let (first, last) = (dashes[0], dashes[dashes.len() - 1]);
    let start = first - 1;
    let before = if start > lo { d.lw(start - 1) } else { "" };
    let of_a_band = matches!(before, "of" | "de")
        && start > lo + 1
        && matches!(d.lw(start - 2), "scale" | "range" | "escala" | "rango");
    if BAND_BEFORE.contains(&before) || of_a_band || model_and_variant(d, k) {
        return None;
    }
    if scoring_sequence(d, lo, hi) {
        return Some(ScoreUse::Moment);
    }
    let mut after = last + 2;
    while after < hi && d.is_sym(after, ')') {
        after += 1;
    }
    // "pushed the lead to 71-52", "cut the deficit to 3-2", "making it 111-108": where the game
    // stood on its way
    let lead_to = before == "to"
        && (start.saturating_sub(4).max(lo)..start)
            .any(|t| matches!(d.lw(t), "lead" | "deficit" | "advantage" | "margin"));
    let making_it =
        before == "it" && start > lo + 1 && matches!(d.lw(start - 2), "making" | "made" | "make");
    // (what follows may place it in time: "to 64-50 early in the half"; not a unit: "the margin
    // to 3-4 percent")
    let w = d.lw(after);
    let placed = after >= hi
        || punctuation(d, after)
        || MAY_FOLLOW.contains(&w)
        || matches!(w, "early" | "late" | "midway" | "halfway");
    if (lead_to || making_it) && placed && in_play_sentence(d, lo, hi) {
        return Some(ScoreUse::Moment);
    }
    if after < hi && !punctuation(d, after) && !MAY_FOLLOW.contains(&d.lw(after)) {
        // "for a 2-1 lead with a power-play goal": a lead while play goes on places a moment
        // (a series' or a tie's standing is a result: "a 3-2 lead in the series", "into the
        // second leg")
        let standing = (after + 1..(after + 5).min(hi)).any(|t| {
            matches!(
                d.lw(t),
                "series" | "leg" | "aggregate" | "overall" | "standings"
            )
        });
        let lead = matches!(d.lw(after), "lead" | "advantage") && !standing;
        if lead && at_a_break(d, after + 1, hi) {
            return Some(ScoreUse::Result);
        }
        if lead && in_play_sentence(d, lo, hi) {
            return Some(ScoreUse::Moment);
        }
        return RESULT_AFTER
            .contains(&d.lw(after))
            .then_some(ScoreUse::Result);
    }
    if dashes.len() == 1 && wickets_and_runs(d, k) {
        // "slipped to 2-31", "resumed on 4-102": where the innings stood
        return Some(if matches!(before, "to" | "on" | "at") {
            ScoreUse::Moment
        } else {
            ScoreUse::Result
        });
    }
    if before == "at" {
        let in_play = (lo..hi).any(|t| IN_PLAY.contains(&d.lw(t)));
        return in_play.then_some(ScoreUse::Moment);
    }
    let result_word = (start.saturating_sub(8).max(lo)..start)
        .rev()
        .take_while(|&t| !matches!(d.sym(t), Some(';' | ':' | '.')))
        .map(|t| d.lw(t))
        .find(|w| RESULT_BEFORE.contains(w));
    // "led 14-3 after 20 minutes", "put Baltimore up 24-17", "their only lead, 17-14": a lead
    // while play goes on places a moment; one held at a break is a result ("led 17-10 at
    // half-time")
    let leading = matches!(
        result_word,
        Some("led" | "lead" | "leads" | "trailed" | "trailing")
    ) || matches!(before, "up" | "down");
    // (a series', a tie's or a rivalry's standing is a result: "lead the series 3-1", "led 3-1
    // on aggregate", "leads their head-to-head 4-3")
    let standing = (start.saturating_sub(6).max(lo)..(after + 4).min(hi)).any(|t| {
        matches!(
            d.lw(t),
            "series" | "leg" | "aggregate" | "overall" | "standings" | "head-to-head"
        ) || (d.lw(t) == "head" && d.lw(t + 2) == "to")
    });
    if leading && !standing && in_play_sentence(d, lo, hi) {
        return Some(if at_a_break(d, after, hi) {
            ScoreUse::Result
        } else {
            ScoreUse::Moment
        });
    }
    let reported = result_word.is_some();
    let level_or_falling = dashes.len() > 1
        && dashes
            .iter()
            .any(|&dash| small_int(d, dash - 1, 3) >= small_int(d, dash + 1, 3));
    (reported || level_or_falling).then_some(ScoreUse::Result)
}

/// Rule: either side of a score ("beat Italy 2-1", "4-6, 6-3", "took 4-37"): a count each, not a
/// range from one to the other.
pub(super) fn score_side(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let (lo, hi) = (scope.lo, scope.hi);
    let dash = if is_pair(d, lo, hi, i + 1) {
        i + 1
    } else if i > lo && is_pair(d, lo, hi, i - 1) {
        i - 1
    } else {
        return Step::Pass;
    };
    let (Some(use_), Some(n)) = (score_use(d, lo, hi, dash), small_int(d, i, 3)) else {
        return Step::Pass;
    };
    Step::Found(use_.side(scope, i, n))
}

/// Whether the text reports baseball: a word only baseball uses ("inning", "homered", "RBI", not
/// cricket's "innings"; in Korean "투수", "홈런", "이닝", "KBO"). Read once per text.
pub(super) fn baseball(d: &Doc) -> bool {
    *d.baseball.get_or_init(|| {
        uses_a_word(
            d,
            &[
                "inning",
                "homer",
                "homered",
                "homers",
                "rbi",
                "rbis",
                "bullpen",
                "shortstop",
                "mlb",
            ],
            &[
                "야구",
                "투수",
                "타자",
                "홈런",
                "이닝",
                "타점",
                "한국시리즈",
                "KBO",
                "MLB",
            ],
        )
    })
}

/// Whether the text has one of `english` (a whole word, lowercased) or, in Korean, a word that
/// starts with one of `korean` (a particle may follow).
fn uses_a_word(d: &Doc, english: &[&str], korean: &[&str]) -> bool {
    let in_korean = d.lang == crate::extract::Lang::Ko;
    (0..d.toks.len()).any(|t| {
        english.contains(&d.lw(t)) || (in_korean && korean.iter().any(|w| d.raw(t).starts_with(w)))
    })
}

/// Rule: a pitcher's record in brackets after the name, as a baseball report gives it: "Cole
/// (0-2) allowed three runs", "W — Hartley (2-0)": wins and losses, a count each.
pub(super) fn record_in_brackets(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let (lo, hi) = (scope.lo, scope.hi);
    let first = if i >= lo + 3 && d.is_dash(i - 1) {
        i - 2
    } else {
        i
    };
    let shape = first >= lo + 2
        && first + 3 < hi
        && d.is_sym(first - 1, '(')
        && d.cap(first - 2)
        && d.is_dash(first + 1)
        && d.is_sym(first + 3, ')')
        && (first + 1..=first + 3).all(|t| d.glued(t))
        && small_int(d, first, 2).is_some()
        && small_int(d, first + 2, 2).is_some();
    if !(shape && baseball(d)) {
        return Step::Pass;
    }
    match small_int(d, i, 2) {
        Some(n) => Step::Found(ScoreUse::Result.side(scope, i, n)),
        None => Step::Pass,
    }
}

/// Whether the text reports golf: a word only golf uses (birdie, bogey, fairway, putt, PGA…;
/// in Korean 골프, 버디, 언더파). Read once per text.
pub(super) fn golf(d: &Doc) -> bool {
    *d.golf.get_or_init(|| {
        uses_a_word(
            d,
            &[
                "golf", "golfer", "golfers", "birdie", "birdies", "bogey", "bogeys", "fairway",
                "fairways", "putt", "putts", "pga", "lpga",
            ],
            &["골프", "버디", "언더파", "오버파"],
        )
    })
}

/// Rule: a golfer's rounds, as a leaderboard gives them: "68-70-67-66". Three or four strokes
/// totals of a round (58 to 90 each) joined by dashes; each a count. (A phone number's groups are
/// not all in that band: "01-45-67-89".)
pub(super) fn golf_rounds(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let (lo, hi) = (scope.lo, scope.hi);
    let round = |k: usize| {
        k >= lo
            && k < hi
            && d.raw(k).len() == 2
            && small_int(d, k, 2).is_some_and(|n| (58..=90).contains(&n))
    };
    let joined = |k: usize| k > lo && k + 1 < hi && d.is_dash(k) && d.glued(k) && d.glued(k + 1);
    if !round(i) {
        return Step::Pass;
    }
    // the first round of the chain, then its length
    let mut first = i;
    while first >= lo + 2 && joined(first - 1) && round(first - 2) {
        first -= 2;
    }
    let mut rounds = 1;
    let mut k = first;
    while joined(k + 1) && round(k + 2) {
        rounds += 1;
        k += 2;
    }
    let free = |t: usize| {
        t >= hi
            || !d.glued(t)
            || !(d.is_dash(t) || d.is_number(t) || d.is_word(t) || d.is_sym(t, '%'))
    };
    let bounded = (first == lo || !d.glued(first) || !d.is_dash(first - 1)) && free(k + 1);
    match small_int(d, i, 2) {
        Some(n) if (3..=4).contains(&rounds) && bounded && golf(d) => {
            Step::Found(ScoreUse::Result.side(scope, i, n))
        }
        _ => Step::Pass,
    }
}

/// Rule: a score to par: "a 6-under-par 66", "finished at 17-under", "2-over": the strokes under
/// or over par, a count. Without "par" only in a golf report ("a 50-over match" is cricket's).
pub(super) fn to_par(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let hi = scope.hi;
    let glued_word = |k: usize, words: &[&str]| k < hi && d.glued(k) && words.contains(&d.lw(k));
    if !(i + 2 < hi && d.is_dash(i + 1) && d.glued(i + 1) && glued_word(i + 2, &["under", "over"]))
    {
        return Step::Pass;
    }
    let Some(n) = small_int(d, i, 2) else {
        return Step::Pass;
    };
    let mut end = i + 3;
    let par = end + 1 < hi && d.is_dash(end) && d.glued(end) && glued_word(end + 1, &["par"]);
    if par {
        end += 2;
    } else if !golf(d) {
        return Step::Pass;
    }
    let mut m = ScoreUse::Result.side(scope, i, n);
    m.t1 = end;
    m.e = d.toks[end - 1].end();
    Step::Found(m)
}

/// One to three capitalised words from `k`, a team's name: the token after them.
fn team_name(d: &Doc, k: usize, hi: usize) -> Option<usize> {
    let end = (k..(k + 3).min(hi))
        .take_while(|&t| d.is_word(t) && d.cap(t))
        .last()?;
    Some(end + 1)
}

/// Rule: a scoreline that names its teams, as a headline or a box's first line gives it: "Leinster
/// 27 Munster 19: late try settles it", "Chiefs 31, Bills 28". The whole sentence (up to a colon
/// or a dash) is the two names and their scores, so "Windows 11 and Office 365" is not one.
pub(super) fn named_scoreline(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let (lo, hi) = (scope.lo, scope.hi);
    let shape = || -> Option<(usize, usize)> {
        let first = team_name(d, lo, hi)?;
        let mut second = first + 1;
        if d.is_sym(second, ',') {
            second += 1;
        }
        let second = team_name(d, second, hi)?;
        let end = second + 1;
        let closed = end >= hi || matches!(d.sym(end), Some(':' | '—' | '–' | '|'));
        let scores = small_int(d, first, 3).is_some() && small_int(d, second, 3).is_some();
        (closed && scores && end <= hi).then_some((first, second))
    };
    match shape() {
        Some((first, second)) if i == first || i == second => match small_int(d, i, 3) {
            Some(n) => Step::Found(ScoreUse::Result.side(scope, i, n)),
            None => Step::Pass,
        },
        _ => Step::Pass,
    }
}

/// Words after "7-of-24", "3-for-4", "6-to-3" that say what they count: shots, a vote.
const MADE_OF_TAKEN_AFTER: &[&str] = &[
    "shooting", "from", "ruling", "decision", "vote", "verdict", "majority",
];

/// Words of a vote, for "6-to-3" ("a 9-to-5 job", "a 50-to-1 shot" are not votes).
const VOTE: &[&str] = &[
    "vote",
    "votes",
    "voted",
    "ruling",
    "ruled",
    "decision",
    "court",
    "justices",
    "senate",
    "jury",
    "council",
    "board",
    "committee",
    "majority",
];

/// Rule: shots made of shots taken, hits, or a vote, written as one word with dashes: "7-of-24
/// shooting", "went 3-for-4", "a 6-to-3 ruling". Each side is a count. Not when a noun follows
/// that makes it a ratio, odds or a deal ("a 9-to-5 job", "a 3-to-1 ratio", "2-for-1 deals",
/// "a 5-to-10 percent rise"), nor a band glued on ("3-to-5-year-olds").
pub(super) fn made_of_taken(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let (lo, hi) = (scope.lo, scope.hi);
    let joined = |first: usize| {
        first >= lo
            && first + 4 < hi
            && d.is_dash(first + 1)
            && matches!(d.lw(first + 2), "of" | "for" | "to")
            && d.is_dash(first + 3)
            && (first + 1..=first + 4).all(|t| d.glued(t))
            && small_int(d, first, 3).is_some()
            && small_int(d, first + 4, 3).is_some()
    };
    let first = if joined(i) {
        i
    } else if i >= lo + 4 && joined(i - 4) {
        i - 4
    } else {
        return Step::Pass;
    };
    let after = first + 5;
    let banded = d.is_dash(after) && d.glued(after);
    let follows = after >= hi
        || (punctuation(d, after) && !banded)
        || MAY_FOLLOW.contains(&d.lw(after))
        || MADE_OF_TAKEN_AFTER.contains(&d.lw(after));
    let vote = || (lo..hi).any(|t| VOTE.contains(&d.lw(t)));
    if !follows || (d.lw(first + 2) == "to" && !vote()) {
        return Step::Pass;
    }
    let Some(n) = small_int(d, i, 3) else {
        return Step::Pass;
    };
    Step::Found(ScoreUse::Result.side(scope, i, n))
}

/// Words of a sentence that gives a team's or a player's record.
const RECORD_CONTEXT: &[&str] = &[
    "record",
    "season",
    "road",
    "home",
    "overall",
    "improved",
    "fell",
    "dropped",
    "game",
    "games",
    "wins",
    "losses",
    "team",
    "goalie",
    "pitcher",
    "standings",
];

/// Rule: a record of wins, losses and ties or overtime losses: "Colorado is 5-8-1 on the road",
/// "improved to 12-4-1", "(9-4-2)". Each part a count. "9-1-1" is the emergency number.
pub(super) fn record_of_three(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let (lo, hi) = (scope.lo, scope.hi);
    let record_at = |first: usize| {
        first >= lo
            && first + 4 < hi
            && d.is_dash(first + 1)
            && d.is_dash(first + 3)
            && (first + 1..=first + 4).all(|t| d.glued(t))
            && [first, first + 2, first + 4]
                .iter()
                .all(|&t| small_int(d, t, 2).is_some())
            && !(d.is_dash(first + 5) && d.glued(first + 5))
            && first > lo
            && (matches!(
                d.lw(first - 1),
                "is" | "are" | "was" | "were" | "to" | "at" | "record"
            ) || d.is_sym(first - 1, '('))
    };
    // not an emergency number (9-1-1) nor a formation (4-3-3, 3-5-2: ten outfield players), and
    // in a sentence about a team's games
    let parts =
        |first: usize| [first, first + 2, first + 4].map(|t| small_int(d, t, 2).unwrap_or(0));
    let plausible = |first: usize| {
        let p = parts(first);
        let formation = p.iter().sum::<u32>() == 10 && p.iter().all(|&x| (1..=5).contains(&x));
        p != [9, 1, 1] && !formation && (lo..hi).any(|t| RECORD_CONTEXT.contains(&d.lw(t)))
    };
    // the emergency number written with dashes is a number to call
    let emergency = i + 4 < hi
        && d.raw(i) == "9"
        && d.is_dash(i + 1)
        && d.raw(i + 2) == "1"
        && d.is_dash(i + 3)
        && d.raw(i + 4) == "1"
        && (i + 1..=i + 4).all(|t| d.glued(t));
    if emergency {
        return Step::Found(super::label::label(d, scope.sent, i, i + 5));
    }
    let first = [i, i.wrapping_sub(2), i.wrapping_sub(4)]
        .into_iter()
        .find(|&f| f <= i && record_at(f) && plausible(f));
    let (Some(_), Some(n)) = (first, small_int(d, i, 2)) else {
        return Step::Pass;
    };
    Step::Found(ScoreUse::Result.side(scope, i, n))
}

/// Rule: a decimal written without its zero, as sports statistics are: "a .912 save percentage",
/// "hit .315": a ratio.
pub(super) fn bare_decimal(scope: &Scope, i: usize) -> Step<Mention> {
    let d = scope.doc;
    let lo = scope.lo;
    let raw = d.raw(i);
    let dot_before = i > lo && d.is_sym(i - 1, '.') && d.glued(i) && !d.glued(i - 1);
    if !(dot_before && (2..=3).contains(&raw.len()) && raw.bytes().all(|b| b.is_ascii_digit())) {
        return Step::Pass;
    }
    // not a calibre (".45-caliber", ".22 rifle"), a percent (".25%") or a blood-alcohol level
    let next = d.lw(i + 1);
    let other = d.is_dash(i + 1)
        || d.is_sym(i + 1, '%')
        || matches!(
            next,
            "caliber"
                | "calibre"
                | "cal"
                | "magnum"
                | "special"
                | "rifle"
                | "pistol"
                | "handgun"
                | "percent"
                | "per"
        )
        || (scope.lo..scope.hi).any(|t| d.lw(t) == "alcohol");
    let Ok(digits) = raw.parse::<i64>() else {
        return Step::Pass;
    };
    if other {
        return Step::Pass;
    }
    let mut m = Mention::new(d, scope.sent, i - 1, i + 1, Kind::Quantity);
    m.unit = Some("ratio");
    m.value = Some(Value::Number(Decimal::new(digits, raw.len() as u32)));
    Step::Found(m)
}
