//! User accounts: usernames, password rules and what the policy needs to know.

use serde::Serialize;

use crate::id::UserId;
use crate::role::Membership;
use crate::validation::{FieldError, ValidationCode};

/// The shortest password accepted (characters, not bytes).
pub const MIN_PASSWORD_CHARS: usize = 12;
/// The longest password accepted; bounds the hashing work an attacker can ask for.
pub const MAX_PASSWORD_CHARS: usize = 256;

/// A login name: 3 to 64 characters of lower-case ASCII letters, digits, `.`, `_`, `-`.
///
/// Kept to ASCII so that look-alike characters cannot make two accounts that read
/// the same.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Username(String);

impl Username {
    /// Parses a username as typed (surrounding space ignored, upper case folded).
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let name = input.trim().to_ascii_lowercase();
        let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c);
        if name.is_empty() {
            return Err(FieldError::new("username", ValidationCode::Required));
        }
        if name.len() < 3 || name.len() > 64 || !name.chars().all(allowed) {
            return Err(FieldError::new("username", ValidationCode::InvalidUsername));
        }
        Ok(Self(name))
    }

    /// The username as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Username {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Checks a new password against the rules; returns the field error if it fails.
pub fn check_new_password(password: &str) -> Result<(), FieldError> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(FieldError::new("password", ValidationCode::TooShort));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(FieldError::new("password", ValidationCode::TooLong));
    }
    Ok(())
}

/// The acting user as the access policy sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Their account.
    pub user: UserId,
    /// Every role they hold, per agency.
    pub memberships: Vec<Membership>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_folded_to_lower_case() {
        assert_eq!(
            Username::parse(" Somchai.K ").unwrap().as_str(),
            "somchai.k"
        );
    }

    #[test]
    fn usernames_with_look_alike_letters_are_refused() {
        // Cyrillic "а" in place of Latin "a".
        assert!(Username::parse("somch\u{0430}i").is_err());
        assert!(Username::parse("ab").is_err());
    }

    #[test]
    fn passwords_shorter_than_twelve_characters_are_refused() {
        assert!(check_new_password("elevenchars").is_err());
        assert!(check_new_password("twelve chars").is_ok());
    }
}
