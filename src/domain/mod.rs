//! Domain types with their invariants. Form input is parsed into these once, at the edge; past the
//! handlers no raw `String` stands for an email, a role or a password. No diesel or actix imports here.

mod article;
mod citation;
mod claim;
mod email;
pub mod evidence;
mod history;
mod ids;
mod lexicon;
mod matching;
mod names;
mod notice;
mod password;
mod quantity;
mod queue;
mod readable;
mod role;
mod score;
mod status;
pub mod utc;
mod verdict;
pub mod webhook;

pub use article::{
    body_parts, normalize_body, text_from_file, text_of_html, title_from_text, ArticleDraft,
    RawArticle,
};
pub use citation::{CitationDraft, Stance, WebUrl};
pub use claim::{
    parse_version, AssignTo, ClaimWording, CommentBody, DiscardReason, GivenVerdict, Rationale,
    Step, StepFields,
};
pub use email::Email;
pub use history::HistoryLine;
pub use ids::{
    ArticleId, CandidateId, CitationId, ClaimId, CommentId, EventId, TeamId, UserId, VerdictId,
    ViewId,
};
pub use matching::{same_subject, subject_match, subject_words, Said, SameDate, SubjectMatch};
pub use names::{PersonName, TeamName};
pub use notice::{handle_of, mentions, NoticeKind};
pub use password::{NewPassword, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS};
pub use quantity::{Qualifier, QuantityEdit};
pub use queue::{
    parse_score, search_words, Assignee, Cursor, QueueQuestion, Sort, Tag, CURSOR_PATTERN,
};
pub use readable::readable_quantity;
pub use role::Role;
pub use score::Score;
pub use status::{Actor, Status, Transition, TransitionError};
pub use verdict::{Rating, VerdictKey, VerdictLabel};

/// Why a value was refused, naming the field at fault so a page or JSON answer can show it beside
/// that field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct Invalid {
    pub field: &'static str,
    pub message: String,
}

impl Invalid {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Invalid {
            field,
            message: message.into(),
        }
    }
}

/// One line of free text (a title, a subject), trimmed, without control characters.
pub fn single_line_text(
    field: &'static str,
    raw: &str,
    max_chars: usize,
) -> Result<String, Invalid> {
    single_line(field, raw, max_chars)
}

/// Rejects control characters (NUL, CR, LF, …) in single-line text: they have no place in a name and
/// would let input forge log lines. The text as sent is at most `max_chars` characters, holds no
/// control character and is not all white space; it is kept trimmed. `SINGLE_LINE_PATTERN` is the
/// same rule as a JSON Schema pattern, for the API's contract.
pub(crate) fn single_line(
    field: &'static str,
    raw: &str,
    max_chars: usize,
) -> Result<String, Invalid> {
    if raw.chars().any(char::is_control) {
        return Err(Invalid::new(field, "must not contain control characters"));
    }
    if raw.chars().count() > max_chars {
        return Err(Invalid::new(
            field,
            format!("must be at most {max_chars} characters"),
        ));
    }
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(Invalid::new(field, "is required"));
    }
    Ok(trimmed.to_owned())
}

/// `single_line` as a JSON Schema (ECMA-262) pattern: no control character (Unicode Cc, as
/// `char::is_control`), and at least one character that is neither a control nor white space (as
/// `char::is_whitespace`).
pub const SINGLE_LINE_PATTERN: &str = "^[^\\u0000-\\u001f\\u007f-\\u009f]*[^\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\\u0000-\\u001f\\u007f-\\u009f]*$";

/// Free text (a comment, a rationale, an article body) as a JSON Schema pattern: no NUL, and at
/// least one character that is not white space.
pub const TEXT_PATTERN: &str = "^[^\\u0000]*[^\\u0000\\u0009-\\u000d\\u0020\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\\u0000]*$";
