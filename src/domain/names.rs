use std::fmt;

use super::{single_line, Invalid};

/// A team's display name: one line, 1 to 100 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamName(String);

impl TeamName {
    pub fn parse(raw: &str) -> Result<TeamName, Invalid> {
        single_line("team", raw, 100).map(TeamName)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TeamName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A person's display name: one line, 1 to 100 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(raw: &str) -> Result<PersonName, Invalid> {
        single_line("name", raw, 100).map(PersonName)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed() {
        assert_eq!(
            PersonName::parse("  Ana Ruiz ").unwrap().as_str(),
            "Ana Ruiz"
        );
    }

    #[test]
    fn empty_long_or_multi_line_names_are_refused() {
        assert!(TeamName::parse("   ").is_err());
        assert!(TeamName::parse(&"x".repeat(101)).is_err());
        assert!(PersonName::parse("Ana\r\nINFO forged").is_err());
        assert!(PersonName::parse("Ana\0").is_err());
    }
}
