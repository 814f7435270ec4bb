//! Spean's domain: the types and rules every other crate speaks in. No I/O.
//!
//! Design decisions:
//! - Values are parsed once at the edge (`PartialDate::new`, `Username::parse`) and
//!   then trusted; their fields stay private so an invalid value cannot be built.
//! - Vocabularies follow the UN/IOM Human Trafficking Case Data Standard (HTCDS v2.0)
//!   where it has one, with its value names as the stable codes, so exports map
//!   one-to-one. Where Spean needs a value HTCDS lacks (forced criminality in scam
//!   compounds), it is added and marked as an extension.
//! - The access decision is one pure function, [`policy::decide`], which the server
//!   calls for every read and write.
//!
//! Layout:
//! - [`id`]: typed identifiers (`CaseId`, `PersonId`, ...).
//! - [`agency`]: agencies and countries.
//! - [`role`]: roles and memberships (user × agency × role).
//! - [`user`]: accounts and usernames.
//! - [`person`]: persons, their names, identifiers and partial birth dates.
//! - [`case`]: cases, exploitation types, stages and persons' roles in a case.
//! - [`date`]: partial dates (year, month and year, or full).
//! - [`validation`]: field errors with stable codes the UI translates.
//! - [`policy`]: who may do what to which record.

pub mod agency;
pub mod case;
pub mod date;
pub mod id;
pub mod person;
pub mod policy;
pub mod role;
pub mod user;
pub mod validation;
mod vocabulary;

pub use validation::{FieldError, ValidationCode};
