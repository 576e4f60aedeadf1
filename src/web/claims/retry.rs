//! A claim-page form sent back: when what was posted is refused for its content, the claim page
//! comes back (422) with the message beside the field and what was typed in the form, never a bare
//! error page.

use crate::domain::Invalid;

/// Which form of the claim page failed, what it held and why.
#[derive(Debug, Default)]
pub struct Retry {
    form: &'static str,
    typed: Vec<(&'static str, String)>,
    field: &'static str,
    message: String,
}

impl Retry {
    pub fn new(
        form: &'static str,
        invalid: Invalid,
        typed: &[(&'static str, &Option<String>)],
    ) -> Retry {
        Retry {
            form,
            typed: typed
                .iter()
                .map(|(name, value)| (*name, value.as_deref().unwrap_or_default().to_owned()))
                .collect(),
            field: invalid.field,
            message: invalid.message,
        }
    }

    /// Whether `form` is the one sent back.
    pub fn failed(&self, form: &str) -> bool {
        !self.form.is_empty() && self.form == form
    }

    /// What was typed in `field` of `form`, if that form is the one sent back.
    pub fn typed(&self, form: &str, field: &str) -> Option<&str> {
        if !self.failed(form) {
            return None;
        }
        self.typed
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, value)| value.as_str())
    }

    /// The message for `field` of `form`, if that is where the refusal was.
    pub fn error(&self, form: &str, field: &str) -> Option<&str> {
        (self.failed(form) && self.field == field).then_some(self.message.as_str())
    }

    /// The summary at the top of the page: the field and its message.
    pub fn summary(&self) -> Option<(&str, &str)> {
        (!self.form.is_empty()).then_some((self.field, self.message.as_str()))
    }

    /// The anchor of the form sent back, for the summary's link.
    pub fn anchor(&self) -> &'static str {
        match self.form {
            "citation" => "new-citation",
            "comment" => "comments",
            "edit" => "edit-wording",
            "propose" => "propose",
            "second_review" => "second-review",
            _ => "actions",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_failed_form_gets_its_values_back() {
        let url = Some("example.org/report".to_owned());
        let title = Some("The report".to_owned());
        let retry = Retry::new(
            "citation",
            Invalid::new("url", "must start with http:// or https://"),
            &[("url", &url), ("title", &title)],
        );
        assert_eq!(retry.typed("citation", "title"), Some("The report"));
        assert_eq!(retry.typed("comment", "title"), None);
        assert_eq!(
            retry.error("citation", "url"),
            Some("must start with http:// or https://")
        );
        assert_eq!(retry.error("citation", "title"), None);
        assert!(Retry::default().summary().is_none());
    }
}
