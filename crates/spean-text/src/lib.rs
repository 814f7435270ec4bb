//! Multilingual text for Spean: Thai, Khmer and Latin normalisation and romanisation,
//! name keys, phone numbers (E.164) and partial dates. No I/O.

pub mod date;
pub mod name;
pub mod normalize;
pub mod phone;
pub mod romanize;
pub mod script;
