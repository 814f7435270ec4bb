//! What a column holds: the field kinds a user names on the command line.
//!
//! The kind decides how a value is cleaned ([`crate::prepare`]), how two values are
//! compared and into which levels ([`crate::compare`]), and whether it can key a block.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The kind of a field, as named after `=` in `--field COLUMN=KIND`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// A whole name in one column, in any order and script.
    FullName,
    /// Given (first) name(s).
    GivenName,
    /// Family name.
    Surname,
    /// Date of birth, exact or partial, CE or BE.
    DateOfBirth,
    /// Sex or gender marker.
    Sex,
    /// Phone number, compared in E.164 form.
    Phone,
    /// E-mail address.
    Email,
    /// Social-media or messaging account name.
    Handle,
    /// Passport, national id or any document number.
    IdNumber,
    /// A free address line.
    Address,
    /// House or street number.
    StreetNumber,
    /// Town, suburb, district.
    Locality,
    /// Postal code.
    Postcode,
    /// State, province.
    Region,
    /// Country.
    Country,
    /// Any other free text.
    Text,
}

impl FieldKind {
    /// Every kind, in the order of the documentation.
    pub const ALL: [FieldKind; 16] = [
        FieldKind::FullName,
        FieldKind::GivenName,
        FieldKind::Surname,
        FieldKind::DateOfBirth,
        FieldKind::Sex,
        FieldKind::Phone,
        FieldKind::Email,
        FieldKind::Handle,
        FieldKind::IdNumber,
        FieldKind::Address,
        FieldKind::StreetNumber,
        FieldKind::Locality,
        FieldKind::Postcode,
        FieldKind::Region,
        FieldKind::Country,
        FieldKind::Text,
    ];

    /// The name used on the command line and in saved models.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldKind::FullName => "full_name",
            FieldKind::GivenName => "given_name",
            FieldKind::Surname => "surname",
            FieldKind::DateOfBirth => "date_of_birth",
            FieldKind::Sex => "sex",
            FieldKind::Phone => "phone",
            FieldKind::Email => "email",
            FieldKind::Handle => "handle",
            FieldKind::IdNumber => "id_number",
            FieldKind::Address => "address",
            FieldKind::StreetNumber => "street_number",
            FieldKind::Locality => "locality",
            FieldKind::Postcode => "postcode",
            FieldKind::Region => "region",
            FieldKind::Country => "country",
            FieldKind::Text => "text",
        }
    }

    /// Whether the kind is a person's name (romanised and keyed phonetically).
    pub fn is_name(self) -> bool {
        matches!(
            self,
            FieldKind::FullName | FieldKind::GivenName | FieldKind::Surname
        )
    }
}

impl fmt::Display for FieldKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A kind name that is not one of [`FieldKind::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown field kind {given:?} (expected one of: {})", expected())]
pub struct UnknownKind {
    /// What was given.
    pub given: String,
}

fn expected() -> String {
    FieldKind::ALL
        .iter()
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

impl FromStr for FieldKind {
    type Err = UnknownKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FieldKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| UnknownKind {
                given: s.to_owned(),
            })
    }
}

/// One field to compare: a column name and the kind of what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FieldSpec {
    /// The column's name in the header.
    pub column: String,
    /// What it holds.
    pub kind: FieldKind,
}

/// A `--field` argument that is not `COLUMN=KIND`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldSpecError {
    /// No `=` or an empty column name.
    #[error("field {0:?} is not COLUMN=KIND")]
    Shape(String),
    /// The kind after `=` is unknown.
    #[error("field {field:?}: {source}")]
    Kind {
        /// The whole argument.
        field: String,
        /// The unknown kind.
        source: UnknownKind,
    },
}

impl FromStr for FieldSpec {
    type Err = FieldSpecError;

    /// Parses `COLUMN=KIND`; the column may itself contain `=` (the last one splits).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (column, kind) = s
            .rsplit_once('=')
            .filter(|(c, _)| !c.is_empty())
            .ok_or_else(|| FieldSpecError::Shape(s.to_owned()))?;
        let kind = kind.trim().parse().map_err(|source| FieldSpecError::Kind {
            field: s.to_owned(),
            source,
        })?;
        Ok(FieldSpec {
            column: column.to_owned(),
            kind,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_parses_back_from_its_name() {
        for kind in FieldKind::ALL {
            assert_eq!(kind.as_str().parse::<FieldKind>().unwrap(), kind);
        }
    }

    #[test]
    fn an_unknown_kind_names_the_accepted_ones() {
        let error = "nickname".parse::<FieldKind>().unwrap_err().to_string();
        assert!(
            error.contains("nickname") && error.contains("given_name"),
            "{error}"
        );
    }

    #[test]
    fn a_field_spec_splits_on_the_last_equals_sign() {
        let spec: FieldSpec = "a=b=phone".parse().unwrap();
        assert_eq!(spec.column, "a=b");
        assert_eq!(spec.kind, FieldKind::Phone);
        assert!("phone".parse::<FieldSpec>().is_err());
        assert!("=phone".parse::<FieldSpec>().is_err());
    }
}
