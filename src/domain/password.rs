use super::Invalid;

pub const PASSWORD_MIN_CHARS: usize = 12;
pub const PASSWORD_MAX_CHARS: usize = 128;

/// A new password that meets the policy of SECURITY.md: 12 to 128 characters, no composition rules,
/// and not one of the common breached passwords nor trivially guessable from them. The check uses
/// zxcvbn's dictionaries (breached-password lists, names, keyboard patterns, repeats, sequences) and
/// the user's own email and name.
pub struct NewPassword(String);

impl NewPassword {
    pub fn parse(raw: &str, user_inputs: &[&str]) -> Result<NewPassword, Invalid> {
        let chars = raw.chars().count();
        if chars < PASSWORD_MIN_CHARS {
            return Err(Invalid::new(
                "password",
                format!("must be at least {PASSWORD_MIN_CHARS} characters"),
            ));
        }
        if chars > PASSWORD_MAX_CHARS {
            return Err(Invalid::new(
                "password",
                format!("must be at most {PASSWORD_MAX_CHARS} characters"),
            ));
        }
        if raw.contains('\0') {
            return Err(Invalid::new("password", "must not contain NUL characters"));
        }
        let estimate = zxcvbn::zxcvbn(raw, user_inputs);
        if (estimate.score() as u8) < 3 {
            return Err(Invalid::new(
                "password",
                "is too common or too easy to guess; a few unrelated words make a strong password",
            ));
        }
        Ok(NewPassword(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_overlong_passwords_are_refused() {
        assert!(NewPassword::parse("short pass", &[]).is_err());
        assert!(NewPassword::parse(&"a".repeat(129), &[]).is_err());
    }

    #[test]
    fn common_breached_passwords_are_refused_even_when_long_enough() {
        for common in [
            "password1234",
            "123456789012",
            "qwertyuiop123",
            "iloveyou1234",
            "passwordpassword",
            "aaaaaaaaaaaa",
        ] {
            assert!(
                NewPassword::parse(common, &[]).is_err(),
                "{common} was accepted"
            );
        }
    }

    #[test]
    fn a_password_made_of_the_users_own_name_is_refused() {
        assert!(NewPassword::parse(
            "ana.ruiz@example.org",
            &["ana.ruiz@example.org", "Ana Ruiz"]
        )
        .is_err());
    }

    #[test]
    fn a_passphrase_is_accepted_without_composition_rules() {
        assert!(NewPassword::parse("orbit velvet canyon lantern", &[]).is_ok());
        assert!(NewPassword::parse("Tz8#qL2v!mR5wX9@pK3d", &[]).is_ok());
    }
}
