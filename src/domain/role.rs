use std::fmt;
use std::str::FromStr;

use super::Invalid;

/// A member's role in a team. Ordered by power: each role may do everything the ones below it may.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Viewer,
    Reviewer,
    Editor,
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Editor, Role::Reviewer, Role::Viewer];

    /// The one mapping between roles and their stored text.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Reviewer => "reviewer",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }

    /// Whether this role includes the powers of `needed`.
    pub fn at_least(self, needed: Role) -> bool {
        self >= needed
    }
}

impl FromStr for Role {
    type Err = Invalid;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "viewer" => Ok(Role::Viewer),
            "reviewer" => Ok(Role::Reviewer),
            "editor" => Ok(Role::Editor),
            "admin" => Ok(Role::Admin),
            _ => Err(Invalid::new(
                "role",
                "must be one of admin, editor, reviewer, viewer",
            )),
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_their_text() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
    }

    #[test]
    fn unknown_roles_are_refused() {
        assert!("owner".parse::<Role>().is_err());
        assert!("Admin".parse::<Role>().is_err());
    }

    #[test]
    fn an_admin_can_do_what_an_editor_can_but_not_the_reverse() {
        assert!(Role::Admin.at_least(Role::Editor));
        assert!(!Role::Reviewer.at_least(Role::Editor));
        assert!(Role::Viewer.at_least(Role::Viewer));
    }
}
