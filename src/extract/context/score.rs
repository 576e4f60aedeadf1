//! Check-worthiness: a base score per kind and unit, adjustments for what the context found,
//! and penalties for numbers that define, sample or place rather than claim.

use crate::extract::quantity::{Kind, Mention};
use crate::extract::text::{Doc, Sent};
use crate::extract::{Approx, Lang};
use rust_decimal::Decimal;

pub(super) fn is_money(u: &str) -> bool {
    u.len() == 3 && u.bytes().all(|b| b.is_ascii_uppercase())
}

fn base_score(m: &Mention) -> f64 {
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

/// A survey's reach before token `h`: "the Labour Force Survey covers 56,000 households", "the
/// poll interviewed 1,200 adults": the survey (or poll, study) names who it asked.
fn survey_reaches(d: &Doc, h: usize, lo: usize) -> bool {
    let verb = h > lo
        && matches!(
            d.lw(h - 1),
            "covers" | "interviewed" | "surveyed" | "polled" | "questioned" | "sampled" | "asked"
        );
    // the survey names itself right before the verb: "the Labour Force Survey covers"
    let a = h.saturating_sub(4).max(lo);
    verb && (a..h - 1).any(|k| matches!(d.lw(k), "survey" | "poll" | "study"))
}

/// Whether the tokens before `t` end a price: "$3.12", "99 cents", "4 euros".
fn after_price(d: &Doc, t: usize, lo: usize) -> bool {
    if t <= lo + 1 {
        return false;
    }
    let amount = d.is_number(t - 1) && d.sym(t - 2).is_some_and(|c| "$€£¥₩".contains(c));
    let named = d.is_number(t - 2)
        && matches!(
            d.lw(t - 1),
            "cents" | "pence" | "dollars" | "euros" | "pounds" | "yen"
        );
    amount || named
}

/// The people or records a study's finding rests on: "a study of 48,000 nurses", "a subgroup of
/// 2,310 patients", researchers who "followed 6,200 adults" or "analysed records for 1.2 million
/// children", "randomly assigned 640 volunteers". A trial's enrolment ("enrolled 3,000 adults")
/// is a fact of the trial and is left a claim; so are a court's trial, a ranking ("followed by",
/// "followed with") and an order ("assigned 1,500 troops").
fn study_sample(d: &Doc, h: usize, sentence: &Sent) -> bool {
    let lo = sentence.lo;
    let sentence_says = |words: &[&str]| {
        let (a, b) = (h.saturating_sub(40).max(lo), (h + 40).min(sentence.hi));
        (a..b).any(|k| words.contains(&d.lw(k)))
    };
    let legal = || sentence_says(&["court", "defendants", "accused", "jury", "judge"]);
    let research = || {
        sentence_says(&[
            "study",
            "studies",
            "researchers",
            "research",
            "scientists",
            "participants",
            "cohort",
        ])
    };
    let of_study = h >= lo + 2
        && d.lw(h - 1) == "of"
        && match d.lw(h - 2) {
            "study" | "studies" | "subgroup" | "analysis" | "meta-analysis" => true,
            "trial" => !legal(),
            _ => false,
        };
    let a = h.saturating_sub(4).max(lo);
    let studied = (a..h)
        .rev()
        .take_while(|&k| !d.is_number(k))
        .any(|k| match d.lw(k) {
            "randomized" | "randomised" => true,
            "assigned" => d.lw(k.wrapping_sub(1)) == "randomly",
            "followed" => {
                !matches!(d.lw(k + 1), "by" | "with" | "suit")
                    && !d.is_sym(k + 1, ',')
                    && research()
            }
            "analyzed" | "analysed" => research(),
            _ => false,
        });
    of_study || studied
}

/// Context that makes a number a definition, a sample size or a time placement rather than a claim.
fn context_penalty(d: &Doc, m: &Mention, sentence: &Sent) -> f64 {
    let lo = sentence.lo;
    if m.kind != Kind::Quantity {
        return 0.0;
    }
    let h = m.h0;
    let p1 = if h > lo { d.lw(h - 1) } else { "" };
    let p2 = if h > lo + 1 { d.lw(h - 2) } else { "" };
    let unit = m.unit.unwrap_or("");
    // margins of error: "plus or minus 3.1 points", "±2 points"; a confidence interval and its
    // level: "(95% confidence interval, 0.71 to 0.88)"
    let a = h.saturating_sub(6).max(lo);
    let interval = |k: usize| d.lw(k) == "confidence" && d.lw(k + 1) == "interval";
    if (a..=h.min(m.t0))
        .any(|k| d.is_sym(k, '±') || (d.lw(k) == "margin" && d.lw(k + 2) == "error") || interval(k))
        || interval(m.t1)
        || (p1 == "minus" && p2 == "or")
        || (m.t0 > lo && d.lw(m.t0) == "minus" && !matches!(unit, "degC" | "degF"))
    {
        return 0.4;
    }
    // the minute marks of a match's scoring sequence: "8 mins: Ferrari pen, 0-3; 14: Keane try"
    if crate::extract::quantity::sport::sequence_minute(d, lo, sentence.hi, m.t0) {
        return 0.4;
    }
    // a wire's exchange-rate note: "($1 = 7.1150 Chinese yuan)" tells the reader the rate used
    let rate_note = (h > lo && d.is_sym(h - 1, '(') && d.is_sym(m.t1, '='))
        || (h > lo && d.is_sym(h - 1, '=') && d.is_sym(m.t1, ')'));
    // (whatever the rate's unit is read as: "($1 = 17.0800 rand)", "($1 = 1,472.5 won)")
    let rate_after_one = h >= lo + 4
        && d.is_sym(h - 1, '=')
        && d.raw(h - 2) == "1"
        && matches!(d.sym(h - 3), Some('$' | '€' | '£' | '¥'))
        && d.is_sym(h - 4, '(');
    if (is_money(unit) && rate_note) || rate_after_one {
        return 0.4;
    }
    // rate denominators and unit prices: "per 100,000 people", "every £1"
    // ("every 15 minutes", "every two years": a frequency, a claim)
    let span = matches!(unit, "duration" | "months" | "years");
    if matches!(p1, "per" | "every") && !(p1 == "every" && span) {
        return 0.5;
    }
    // the quantity a price is for: "$3.12 a dozen", "99 cents a dozen", "the price of a dozen
    // eggs" (not "in 2019 a dozen states")
    if m.t1 == m.t0 + 2
        && d.lw(m.t0) == "a"
        && d.lw(m.t0 + 1) == "dozen"
        && (after_price(d, m.t0, lo)
            || (m.t0 > lo + 1
                && d.lw(m.t0 - 1) == "of"
                && matches!(d.lw(m.t0 - 2), "price" | "prices")))
    {
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
        || (headcount && survey_reaches(d, h, lo))
        || (headcount && study_sample(d, h, sentence))
    {
        return 0.4;
    }
    if matches!(unit, "duration" | "months" | "years") {
        // The period of the quantity before it ("cost $1.2 billion over six months", "rose 5%
        // over two years"): part of that claim, not one of its own.
        let after_quantity = h >= lo + 2
            && (d.is_number(h - 2)
                || d.is_sym(h - 2, '%')
                || matches!(
                    p2,
                    "million" | "billion" | "trillion" | "thousand" | "percent" | "points"
                ));
        if after_quantity && matches!(p1, "over" | "across" | "during") {
            return 0.25;
        }
        // a game clock: "with 9:40 left in the third quarter", "with 1:12 to play", "scored 2:17
        // into overtime"
        let clock = d.text[m.s..m.e].contains(':');
        let left = p1 == "with"
            && (matches!(d.lw(m.t1), "left" | "remaining")
                || (d.lw(m.t1) == "to" && matches!(d.lw(m.t1 + 1), "play" | "go")));
        let into_play = d.lw(m.t1) == "into"
            && (m.t1 + 1..m.t1 + 4).any(|k| {
                matches!(
                    d.lw(k),
                    "overtime" | "period" | "half" | "quarter" | "game" | "match" | "extra"
                )
            });
        // the same clock in words: "with 74 seconds remaining", "with 10 minutes left", "with two
        // seconds on the clock" (a match's seconds and minutes; "with two years left on his
        // contract" says something of its own)
        let match_time = matches!(
            d.lw(m.t1 - 1),
            "second" | "seconds" | "secs" | "minute" | "minutes" | "mins"
        );
        let on_the_clock = p1 == "with" && d.lw(m.t1) == "on" && matches!(d.lw(m.t1 + 2), "clock");
        if (clock || match_time) && (left || into_play || on_the_clock) {
            return 0.25;
        }
        // a minute of a match told as the time played, in British and Irish reports: "scored on
        // 47 minutes", "a penalty on 55 and 63 minutes"
        // (not "based on 30 minutes of footage")
        let played = p1 == "on" || (p1 == "and" && h >= lo + 3 && d.lw(h - 3) == "on");
        if played && matches!(d.lw(m.t1 - 1), "minute" | "minutes" | "mins") && d.lw(m.t1) != "of" {
            return 0.25;
        }
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
                    // a product named by its length: "a 30-day pass", "24-hour trains"
                    | "pass"
                    | "passes"
                    | "ticket"
                    | "tickets"
                    | "trains"
                    | "warranty"
                    | "subscription"
            ) {
                return 0.25;
            }
        } else if matches!(
            p1,
            "the"
                | "final"
                | "opening"
                | "closing"
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

/// What the context found for a mention, as far as the score cares.
pub(super) struct Found {
    pub subject: bool,
    pub speaker: bool,
    /// The mention restates the one before it in another currency or unit.
    pub conversion: bool,
}

/// Check-worthiness of `m` in [0, 1], rounded to 3 decimals.
pub(super) fn score(d: &Doc, m: &Mention, sentence: &Sent, found: &Found) -> f64 {
    let mut score = base_score(m);
    if m.kind == Kind::Quantity {
        if found.subject {
            score += 0.05;
        } else if m.unit == Some("count") {
            score -= 0.18;
        }
        if m.scaled || m.num().is_some_and(|v| v.abs() >= Decimal::from(1000)) {
            score += 0.04;
        }
        if found.speaker {
            score += 0.02;
        }
        if found.conversion {
            score -= 0.03;
        }
        if d.lang == Lang::Ko && super::ko::scale_reading(d, m) {
            score += 0.2;
        }
    }
    score += m.bonus;
    score -= match d.lang {
        Lang::En => context_penalty(d, m, sentence),
        Lang::Es => super::es::penalty(d, m, sentence.lo),
        Lang::Ko => super::ko::penalty(d, m, sentence.lo),
    };
    if sentence.flags.boiler {
        score = score.min(0.1);
    }
    let score = score.clamp(0.0, 1.0);
    (score * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use crate::extract::extract;

    fn score(text: &str, surface: &str) -> f64 {
        crate::extract::tests::find(&extract(text), surface).score
    }

    #[test]
    fn money_ranks_above_counts_and_dates_are_not_claims() {
        let text = "On August 14 the ministry paid $50 million to 300 farmers.";
        assert!(score(text, "$50 million") > score(text, "300"));
        assert!(score(text, "August 14") < 0.5);
    }

    #[test]
    fn samples_margins_and_rate_denominators_are_penalised() {
        assert!(score("A poll of 30 economists saw growth.", "30") < 0.5);
        assert!(
            score(
                "It has a margin of error of 3.1 points on polls.",
                "3.1 points"
            ) < 0.5
        );
        assert!(score("There were 12 cases per 100,000 people.", "100,000") < 0.5);
    }

    #[test]
    fn boilerplate_lines_are_capped() {
        assert!(score("© 2025 Thomson Reuters. 1,200 words.", "1,200") <= 0.1);
    }
}
