//! Domain types with their invariants. Form input is parsed into these once, at the edge; past the
//! handlers no raw `String` stands for an email, a role or a password. No diesel or actix imports here.

mod article;
mod citation;
mod email;
mod names;
mod password;
mod quantity;
mod role;
mod status;
mod verdict;

pub use article::{normalize_body, text_from_file, title_from_text, ArticleDraft, RawArticle};
pub use citation::{CitationDraft, Stance, WebUrl};
pub use email::Email;
pub use names::{PersonName, TeamName};
pub use password::{NewPassword, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS};
pub use quantity::{Qualifier, QuantityEdit};
pub use role::Role;
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
/// would let input forge log lines.
pub(crate) fn single_line(
    field: &'static str,
    raw: &str,
    max_chars: usize,
) -> Result<String, Invalid> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(Invalid::new(field, "is required"));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(Invalid::new(field, "must not contain control characters"));
    }
    if trimmed.chars().count() > max_chars {
        return Err(Invalid::new(
            field,
            format!("must be at most {max_chars} characters"),
        ));
    }
    Ok(trimmed.to_owned())
}
