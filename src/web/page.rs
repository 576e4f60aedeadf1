//! What every page shares: its title, the signed-in member's navigation, the CSRF token for the
//! sign-out form, and a one-shot message.

use super::session::Session;

/// Fields `_layout.html` reads. Every page struct has one, named `chrome`.
pub struct Chrome {
    pub title: String,
    pub nav: Option<Nav>,
    pub flash: Option<String>,
}

pub struct Nav {
    pub user_name: String,
    pub team_name: String,
    pub role: &'static str,
    pub is_admin: bool,
    pub csrf_token: String,
    /// Which top-level section is current, for `aria-current`.
    pub section: &'static str,
    /// Unread notices: "3", "99+", or empty for none.
    pub unread: String,
}

impl Chrome {
    pub fn anonymous(title: &str) -> Chrome {
        Chrome {
            title: title.to_owned(),
            nav: None,
            flash: None,
        }
    }

    pub fn member(title: &str, session: &Session, section: &'static str) -> Chrome {
        Chrome {
            title: title.to_owned(),
            nav: Some(Nav {
                user_name: session.info.user_name.clone(),
                team_name: session.info.team_name.clone(),
                role: session.info.role.as_str(),
                is_admin: session.info.role == crate::domain::Role::Admin,
                csrf_token: session.info.csrf_token.clone(),
                section,
                unread: match session.info.unread {
                    0 => String::new(),
                    n if n > crate::db::inbox::UNREAD_CAP => {
                        format!("{}+", crate::db::inbox::UNREAD_CAP)
                    }
                    n => n.to_string(),
                },
            }),
            flash: None,
        }
    }

    pub fn with_flash(mut self, flash: Option<String>) -> Chrome {
        self.flash = flash;
        self
    }
}

/// Errors shown beside their fields (`aria-describedby`).
#[derive(Default)]
pub struct FieldErrors(Vec<(&'static str, String)>);

impl FieldErrors {
    pub fn add(&mut self, field: &'static str, message: impl Into<String>) {
        self.0.push((field, message.into()));
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn from_invalid(invalid: crate::domain::Invalid) -> FieldErrors {
        let mut errors = FieldErrors::default();
        errors.add(invalid.field, invalid.message);
        errors
    }
}
