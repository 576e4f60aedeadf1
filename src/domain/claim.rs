//! What members type about a claim, validated: its wording, a comment, a workflow step with its
//! verdict, rationale or note, and who to assign it to.

use super::{single_line, Invalid, Transition, UserId, VerdictKey};

/// A version of a claim as a member saw it: every change of the claim row carries one.
pub fn parse_version(raw: &str) -> Result<i64, Invalid> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(Invalid::new(
            "version",
            "is missing: reload the claim and try again",
        ));
    }
    // Versions count from 1; anything else was never a version of this claim.
    raw.parse()
        .ok()
        .filter(|version| *version >= 1)
        .ok_or_else(|| Invalid::new("version", "must be a whole number from 1"))
}

/// Free text of at most `max` characters as sent, kept trimmed; blank is refused with `required`.
/// (`TEXT_PATTERN` is the rule for the API's contract.)
fn text(field: &'static str, raw: &str, max: usize, required: &str) -> Result<String, Invalid> {
    if raw.chars().count() > max {
        return Err(Invalid::new(
            field,
            format!("must be at most {max} characters"),
        ));
    }
    let text = raw.trim();
    if text.is_empty() {
        return Err(Invalid::new(field, required));
    }
    Ok(text.to_owned())
}

/// A claim's wording: its statement, and what it counts and who said it.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimWording {
    pub statement: String,
    pub subject: Option<String>,
    pub speaker: Option<String>,
}

impl ClaimWording {
    pub fn parse(statement: &str, subject: &str, speaker: &str) -> Result<ClaimWording, Invalid> {
        let optional = |field, raw: &str| match raw.trim() {
            "" => Ok(None),
            s => single_line(field, s, 200).map(Some),
        };
        Ok(ClaimWording {
            statement: text("statement", statement, 5000, "must be 1 to 5000 characters")?,
            subject: optional("subject", subject)?,
            speaker: optional("speaker", speaker)?,
        })
    }

    /// How the history shows it.
    pub fn describe(&self) -> String {
        format!(
            "{} | subject: {} | speaker: {}",
            self.statement,
            self.subject.as_deref().unwrap_or("-"),
            self.speaker.as_deref().unwrap_or("-")
        )
    }
}

/// A comment: 1 to 10,000 characters.
#[derive(Debug, Clone, PartialEq)]
pub struct CommentBody(String);

impl CommentBody {
    pub fn parse(raw: &str) -> Result<CommentBody, Invalid> {
        text("body", raw, 10_000, "must be 1 to 10000 characters").map(CommentBody)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why a verdict: required with every proposed verdict, up to 20,000 characters.
#[derive(Debug, Clone, PartialEq)]
pub struct Rationale(String);

impl Rationale {
    pub fn parse(raw: &str) -> Result<Rationale, Invalid> {
        text(
            "rationale",
            raw,
            20_000,
            "is required: say why, with the sources",
        )
        .map(Rationale)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why a claim is discarded as not check-worthy: one line of 1 to 500 characters, required.
#[derive(Debug, Clone, PartialEq)]
pub struct DiscardReason(String);

impl DiscardReason {
    pub const MAX_CHARS: usize = 500;

    pub fn parse(raw: &str) -> Result<DiscardReason, Invalid> {
        if raw.trim().is_empty() {
            return Err(Invalid::new(
                "reason",
                "is required: say why the claim is not check-worthy",
            ));
        }
        single_line("reason", raw, Self::MAX_CHARS).map(DiscardReason)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A verdict as a member gives it: a key of the team's scale and the rationale.
#[derive(Debug, Clone, PartialEq)]
pub struct GivenVerdict {
    pub key: VerdictKey,
    pub rationale: Rationale,
}

impl GivenVerdict {
    pub fn parse(verdict: &str, rationale: &str) -> Result<GivenVerdict, Invalid> {
        let key = VerdictKey::parse(verdict)
            .map_err(|_| Invalid::new("verdict", "is not a verdict of this team's scale"))?;
        Ok(GivenVerdict {
            key,
            rationale: Rationale::parse(rationale)?,
        })
    }
}

/// A workflow step with what it needs: a verdict and rationale to propose, a note to reopen as a
/// correction (and optionally to send back), a reason to discard.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    StartReview,
    Propose(GivenVerdict),
    Approve,
    SendBack { note: Option<String> },
    Withdraw,
    Publish,
    Reopen { note: String },
    Discard { reason: DiscardReason },
    Restore,
}

/// The text fields a workflow step may carry, as a form or a JSON body sends them (empty when
/// absent).
#[derive(Debug, Clone, Copy, Default)]
pub struct StepFields<'a> {
    pub verdict: &'a str,
    pub rationale: &'a str,
    pub note: &'a str,
    pub reason: &'a str,
}

impl Step {
    /// Reads a step from the fields a form or a JSON body sends.
    pub fn parse(action: &str, fields: StepFields<'_>) -> Result<Step, Invalid> {
        let StepFields {
            verdict,
            rationale,
            note,
            reason,
        } = fields;
        let note_text = |required: bool| -> Result<Option<String>, Invalid> {
            match note.trim() {
                "" if required => Err(Invalid::new(
                    "note",
                    "is required: a correction note says what was wrong",
                )),
                "" => Ok(None),
                _ => text("note", note, 5000, "").map(Some),
            }
        };
        Ok(match action.parse::<Transition>()? {
            Transition::StartReview => Step::StartReview,
            Transition::Propose => Step::Propose(GivenVerdict::parse(verdict, rationale)?),
            Transition::Approve => Step::Approve,
            Transition::SendBack => Step::SendBack {
                note: note_text(false)?,
            },
            Transition::Withdraw => Step::Withdraw,
            Transition::Publish => Step::Publish,
            Transition::Reopen => Step::Reopen {
                note: note_text(true)?.unwrap_or_default(),
            },
            Transition::Discard => Step::Discard {
                reason: DiscardReason::parse(reason)?,
            },
            Transition::Restore => Step::Restore,
        })
    }

    /// The edge of the state machine this step takes.
    pub fn edge(&self) -> Transition {
        match self {
            Step::StartReview => Transition::StartReview,
            Step::Propose(_) => Transition::Propose,
            Step::Approve => Transition::Approve,
            Step::SendBack { .. } => Transition::SendBack,
            Step::Withdraw => Transition::Withdraw,
            Step::Publish => Transition::Publish,
            Step::Reopen { .. } => Transition::Reopen,
            Step::Discard { .. } => Transition::Discard,
            Step::Restore => Transition::Restore,
        }
    }

    /// A step that needs nothing typed, as bulk actions take them; `None` for propose, reopen and
    /// discard.
    pub fn bare(edge: Transition) -> Option<Step> {
        match edge {
            Transition::StartReview => Some(Step::StartReview),
            Transition::Approve => Some(Step::Approve),
            Transition::SendBack => Some(Step::SendBack { note: None }),
            Transition::Withdraw => Some(Step::Withdraw),
            Transition::Publish => Some(Step::Publish),
            Transition::Restore => Some(Step::Restore),
            Transition::Propose | Transition::Reopen | Transition::Discard => None,
        }
    }
}

/// Who a claim is assigned to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssignTo {
    Me,
    Nobody,
    Member(UserId),
}

impl AssignTo {
    pub fn parse(raw: &str) -> Result<AssignTo, Invalid> {
        match raw.trim() {
            "me" => Ok(AssignTo::Me),
            "nobody" | "" => Ok(AssignTo::Nobody),
            id => id
                .parse()
                .map(AssignTo::Member)
                .map_err(|_| Invalid::new("assignee", "must be me, nobody or a member id")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_count_from_one() {
        assert_eq!(parse_version(" 3 "), Ok(3));
        for never in [
            "0",
            "-1",
            "-9223372036854775807",
            "three",
            "9223372036854775808",
        ] {
            assert_eq!(
                parse_version(never).unwrap_err().field,
                "version",
                "{never}"
            );
        }
        assert!(parse_version("").unwrap_err().message.contains("missing"));
    }

    fn step(action: &str, verdict: &str, rationale: &str, note: &str) -> Result<Step, Invalid> {
        Step::parse(
            action,
            StepFields {
                verdict,
                rationale,
                note,
                reason: "",
            },
        )
    }

    #[test]
    fn steps_need_what_they_record() {
        assert_eq!(
            step("propose", "true", "", "").unwrap_err().field,
            "rationale"
        );
        assert_eq!(
            step("propose", "Not a key", "why", "").unwrap_err().field,
            "verdict"
        );
        assert_eq!(step("reopen", "", "", "  ").unwrap_err().field, "note");
        assert_eq!(
            step("send_back", "", "", "").unwrap(),
            Step::SendBack { note: None }
        );
        assert_eq!(step("fly", "", "", "").unwrap_err().field, "action");
        assert_eq!(
            step("propose", "true", &"x".repeat(20_001), "")
                .unwrap_err()
                .field,
            "rationale"
        );
        assert_eq!(Step::bare(Transition::Publish), Some(Step::Publish));
        assert_eq!(Step::bare(Transition::Reopen), None);
        assert_eq!(Step::bare(Transition::Discard), None);
        assert_eq!(Step::bare(Transition::Restore), Some(Step::Restore));
    }

    #[test]
    fn a_discard_needs_a_reason_of_one_line() {
        let discard = |reason: &str| {
            Step::parse(
                "discard",
                StepFields {
                    reason,
                    ..StepFields::default()
                },
            )
        };
        for refused in ["", "   ", "two\nlines", &"x".repeat(501)] {
            assert_eq!(discard(refused).unwrap_err().field, "reason", "{refused:?}");
        }
        assert_eq!(
            discard("  A byline date, not a claim ").unwrap(),
            Step::Discard {
                reason: DiscardReason::parse("A byline date, not a claim").unwrap()
            }
        );
        assert!(discard(&"x".repeat(500)).is_ok());
        assert_eq!(step("restore", "", "", "").unwrap(), Step::Restore);
    }

    #[test]
    fn wording_and_comments_are_bounded() {
        assert!(ClaimWording::parse(" ", "", "").is_err());
        assert!(ClaimWording::parse("ok", "two\nlines", "").is_err());
        let wording = ClaimWording::parse(" The navy sent 3 ships ", "", " CNN ").unwrap();
        assert_eq!(wording.statement, "The navy sent 3 ships");
        assert_eq!(wording.speaker.as_deref(), Some("CNN"));
        assert!(CommentBody::parse(&"x".repeat(10_001)).is_err());
        assert_eq!(AssignTo::parse("7"), Ok(AssignTo::Member(UserId::new(7))));
        assert!(AssignTo::parse("someone").is_err());
    }
}
