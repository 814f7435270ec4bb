//! Persons: victims, suspects, witnesses, reporters and missing persons, with names
//! in any script, identifiers and partial birth dates.

use chrono::NaiveDate;
use serde::Serialize;

use crate::date::PartialDate;
use crate::id::{AgencyId, PersonId};
use crate::validation::{FieldError, ValidationCode, optional_text, required_text};
use crate::vocabulary::vocabulary;

vocabulary!(
    /// Gender, with the HTCDS `prs_Gender` values.
    Gender {
        /// Feminine.
        Feminine = "Feminine",
        /// Masculine.
        Masculine = "Masculine",
        /// Transgender feminine.
        TransgenderFeminine = "TransgenderFeminine",
        /// Transgender masculine.
        TransgenderMasculine = "TransgenderMasculine",
        /// Non-conforming.
        NonConforming = "NonConforming",
        /// Not specified or unknown.
        NonSpecifiedUnknown = "NonSpecifiedUnknown",
    }
);

vocabulary!(
    /// The kind of an identifier attached to a person.
    IdentifierKind {
        /// A phone number (E.164 once normalised).
        Phone = "phone",
        /// A passport number.
        Passport = "passport",
        /// A national identity card number.
        NationalId = "national_id",
        /// A bank account number.
        BankAccount = "bank_account",
        /// A social-media account.
        SocialHandle = "social_handle",
        /// A messaging account (Telegram, Line, WhatsApp, WeChat).
        MessagingId = "messaging_id",
        /// A crypto-currency wallet address.
        Wallet = "wallet",
        /// An e-mail address.
        Email = "email",
    }
);

/// An identifier of a person: a kind and its value as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Identifier {
    /// What kind of identifier.
    pub kind: IdentifierKind,
    /// The value as recorded.
    pub value: String,
}

/// A person record as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    /// Its id.
    pub id: PersonId,
    /// The agency whose compartment holds it.
    pub owning_agency: AgencyId,
    /// The person's fields.
    pub details: PersonDetails,
    /// Known identifiers.
    pub identifiers: Vec<Identifier>,
}

/// The editable fields of a person, already validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonDetails {
    /// The full name as written by the person or the record (any script).
    pub full_name: String,
    /// The name in Latin letters, as in a passport, when known.
    pub latin_name: Option<String>,
    /// Gender (HTCDS `prs_Gender`).
    pub gender: Option<Gender>,
    /// Date of birth, exact or partial.
    pub birth_date: Option<PartialDate>,
    /// Nationality (ISO 3166-1 alpha-2).
    pub nationality: Option<String>,
    /// Free notes.
    pub notes: Option<String>,
}

/// A person as submitted by a form or the API, before validation.
#[derive(Debug, Clone, Default)]
pub struct PersonInput<'a> {
    /// Full name in any script.
    pub full_name: &'a str,
    /// Latin-letter name.
    pub latin_name: Option<&'a str>,
    /// Gender code.
    pub gender: Option<&'a str>,
    /// Birth date as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub birth_date: Option<&'a str>,
    /// Nationality code.
    pub nationality: Option<&'a str>,
    /// Notes.
    pub notes: Option<&'a str>,
}

impl PersonInput<'_> {
    /// Validates every field and reports all problems at once.
    pub fn validate(&self, today: NaiveDate) -> Result<PersonDetails, Vec<FieldError>> {
        let mut errors = Vec::new();
        let full_name = required_text("full_name", self.full_name, 200, &mut errors);
        let latin_name = optional_text("latin_name", self.latin_name, 200, &mut errors);
        let notes = optional_text("notes", self.notes, 10_000, &mut errors);
        let gender = match self.gender.map(str::trim).filter(|g| !g.is_empty()) {
            None => None,
            Some(code) => {
                let gender = Gender::parse(code);
                if gender.is_none() {
                    errors.push(FieldError::new("gender", ValidationCode::UnknownValue));
                }
                gender
            }
        };
        let birth_date = match self.birth_date.map(str::trim).filter(|d| !d.is_empty()) {
            None => None,
            Some(text) => match PartialDate::parse_iso(text) {
                Ok(date) if !date.is_after(today) => Some(date),
                _ => {
                    errors.push(FieldError::new("birth_date", ValidationCode::InvalidDate));
                    None
                }
            },
        };
        let nationality = match self.nationality.map(str::trim).filter(|n| !n.is_empty()) {
            None => None,
            Some(code) => {
                let code = code.to_ascii_uppercase();
                if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
                    errors.push(FieldError::new("nationality", ValidationCode::UnknownValue));
                }
                Some(code)
            }
        };
        if errors.is_empty() {
            Ok(PersonDetails {
                full_name,
                latin_name,
                gender,
                birth_date,
                nationality,
                notes,
            })
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    #[test]
    fn a_thai_name_with_a_partial_birth_date_is_accepted() {
        let input = PersonInput {
            full_name: "ธนากร ศรีสุข",
            birth_date: Some("1997-03"),
            gender: Some("Masculine"),
            nationality: Some("th"),
            ..Default::default()
        };
        let person = input.validate(today()).unwrap();
        assert_eq!(person.full_name, "ธนากร ศรีสุข");
        assert_eq!(person.birth_date.unwrap().to_string(), "1997-03");
        assert_eq!(person.nationality.as_deref(), Some("TH"));
    }

    #[test]
    fn every_bad_field_is_reported_together() {
        let input = PersonInput {
            full_name: "",
            birth_date: Some("2031-01-01"),
            gender: Some("robot"),
            nationality: Some("Thailand"),
            ..Default::default()
        };
        let errors = input.validate(today()).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["full_name", "gender", "birth_date", "nationality"]);
    }
}
