//! Field errors with stable codes. The server turns each code into a translated
//! message (HTML) or a problem document member (JSON); the code never changes.

use serde::Serialize;

/// Why a field was refused. Serialises as a snake_case code such as `too_short`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ValidationCode {
    /// A required field was empty.
    Required,
    /// The text is longer than the field allows.
    TooLong,
    /// The text is shorter than the field requires (passwords).
    TooShort,
    /// A value is not one of the allowed choices.
    UnknownValue,
    /// A date that does not exist (month 13, 30 February) or is in the future.
    InvalidDate,
    /// A username with characters outside the allowed set.
    InvalidUsername,
    /// An identifier (phone, passport, ...) that cannot be read.
    InvalidIdentifier,
    /// A value that is already taken (username, case reference).
    AlreadyExists,
}

impl ValidationCode {
    /// The stable code as text (`too_short`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Required => "required",
            Self::TooLong => "too_long",
            Self::TooShort => "too_short",
            Self::UnknownValue => "unknown_value",
            Self::InvalidDate => "invalid_date",
            Self::InvalidUsername => "invalid_username",
            Self::InvalidIdentifier => "invalid_identifier",
            Self::AlreadyExists => "already_exists",
        }
    }
}

/// A field that failed validation, with a stable code the UI translates.
///
/// It names the field, never its content: error messages end up in logs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field's name as the form and the API know it (`birth_date`).
    pub field: &'static str,
    /// Why it was refused.
    pub code: ValidationCode,
}

impl FieldError {
    /// A field error.
    pub fn new(field: &'static str, code: ValidationCode) -> Self {
        Self { field, code }
    }
}

/// Checks a required, bounded text field and returns it trimmed.
pub fn required_text(
    field: &'static str,
    value: &str,
    max_chars: usize,
    errors: &mut Vec<FieldError>,
) -> String {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        errors.push(FieldError::new(field, ValidationCode::Required));
    } else if trimmed.chars().count() > max_chars {
        errors.push(FieldError::new(field, ValidationCode::TooLong));
    }
    trimmed.to_owned()
}

/// Checks an optional, bounded text field; empty becomes `None`.
pub fn optional_text(
    field: &'static str,
    value: Option<&str>,
    max_chars: usize,
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    let trimmed = value.map(str::trim).filter(|v| !v.is_empty())?;
    if trimmed.chars().count() > max_chars {
        errors.push(FieldError::new(field, ValidationCode::TooLong));
    }
    Some(trimmed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_limits_count_characters_not_bytes() {
        let mut errors = Vec::new();
        // Ten Thai characters are thirty bytes; they must fit a ten-character field.
        let value = required_text("name", "สมชายใจดีมา", 11, &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(value, "สมชายใจดีมา");
    }

    #[test]
    fn blank_required_text_is_refused() {
        let mut errors = Vec::new();
        required_text("title", "   ", 10, &mut errors);
        assert_eq!(
            errors,
            vec![FieldError::new("title", ValidationCode::Required)]
        );
    }
}
