//! Cleaning raw cell values into comparable ones, once per record.
//!
//! Everything expensive that depends on one value only (romanisation, phonetic keys,
//! phone and date parsing) happens here, in parallel, so that comparing a pair is cheap.
//! A value that is empty or cannot be read for its kind becomes [`Value::Missing`]:
//! a missing value neither agrees nor disagrees.

use std::borrow::Cow;
use std::collections::HashMap;

use rayon::prelude::*;
use spean_text::date::PartialDate;
use spean_text::name::{latin_form, name_key};
use spean_text::phone::{PhoneNumber, Region};

use crate::kind::{FieldKind, FieldSpec};

/// A cleaned string with its hash, so that the many unequal pairs a comparison sees
/// are told apart by one integer comparison instead of a byte comparison.
#[derive(Debug, Clone)]
pub struct Str {
    text: String,
    hash: u64,
}

impl Str {
    /// Wraps `text`, computing its hash once.
    pub fn new(text: String) -> Self {
        // FNV-1a: short strings, no need for a keyed hash here.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for b in text.bytes() {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        Str { text, hash }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl PartialEq for Str {
    fn eq(&self, other: &Self) -> bool {
        self.hash == other.hash && self.text == other.text
    }
}

impl std::ops::Deref for Str {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text
    }
}

/// One cleaned value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Empty, or unreadable for the field's kind.
    Missing,
    /// A name: its Latin form (words sorted for full names) and its phonetic key.
    Name {
        /// Lower-case Latin form.
        latin: Str,
        /// Phonetic key of the whole name (word keys joined, sorted for full names).
        key: Str,
    },
    /// A date, exact or partial.
    Date(PartialDate),
    /// Any other value, in its normalised text form.
    Text(Str),
}

impl Value {
    /// The text compared for exact agreement and counted for term frequencies.
    pub fn exact_text(&self) -> Option<String> {
        match self {
            Value::Missing => None,
            Value::Name { latin, .. } => Some(latin.as_str().to_owned()),
            Value::Date(d) => Some(d.to_string()),
            Value::Text(t) => Some(t.as_str().to_owned()),
        }
    }

    /// The key a blocking rule joins on, if this value can key a block.
    pub fn block_key(&self) -> Option<Cow<'_, str>> {
        match self {
            Value::Missing => None,
            Value::Name { key, .. } => Some(Cow::Borrowed(key.as_str())).filter(|k| !k.is_empty()),
            // Only exact dates: a year alone would make blocks far too large.
            Value::Date(d) => d.is_exact().then(|| Cow::Owned(d.to_string())),
            Value::Text(t) => Some(Cow::Borrowed(t.as_str())),
        }
    }
}

/// Options for cleaning.
#[derive(Debug, Clone, Copy)]
pub struct PrepareOptions {
    /// Country of phone numbers written without a country code.
    pub default_region: Region,
}

impl Default for PrepareOptions {
    fn default() -> Self {
        PrepareOptions {
            default_region: Region::TH,
        }
    }
}

/// Records ready for linkage: ids and one column of cleaned values per field.
#[derive(Debug, Clone)]
pub struct Dataset {
    ids: Vec<String>,
    columns: Vec<Vec<Value>>,
}

impl Dataset {
    /// Cleans `rows`, each holding the id and then one raw value per field of `fields`,
    /// in that order.
    pub fn prepare(fields: &[FieldSpec], rows: Vec<Vec<String>>, options: PrepareOptions) -> Self {
        let mut both = Self::prepare_all(fields, vec![rows], options);
        both.pop().unwrap_or_else(|| Dataset {
            ids: Vec::new(),
            columns: Vec::new(),
        })
    }

    /// Cleans several datasets at once, so that a value found in more than one (the same
    /// name, the same phone) is cleaned only once.
    pub fn prepare_all(
        fields: &[FieldSpec],
        sets: Vec<Vec<Vec<String>>>,
        options: PrepareOptions,
    ) -> Vec<Self> {
        let sizes: Vec<usize> = sets.iter().map(Vec::len).collect();
        let rows: Vec<Vec<String>> = sets.into_iter().flatten().collect();
        let whole = Self::prepare_one(fields, rows, options);
        let mut out = Vec::with_capacity(sizes.len());
        let mut ids = whole.ids.into_iter();
        let mut columns: Vec<std::vec::IntoIter<Value>> =
            whole.columns.into_iter().map(Vec::into_iter).collect();
        for size in sizes {
            out.push(Dataset {
                ids: ids.by_ref().take(size).collect(),
                columns: columns
                    .iter_mut()
                    .map(|c| c.by_ref().take(size).collect())
                    .collect(),
            });
        }
        out
    }

    fn prepare_one(fields: &[FieldSpec], rows: Vec<Vec<String>>, options: PrepareOptions) -> Self {
        let mut ids = Vec::with_capacity(rows.len());
        let mut raw: Vec<Vec<String>> = (0..fields.len())
            .map(|_| Vec::with_capacity(rows.len()))
            .collect();
        for row in rows {
            let mut cells = row.into_iter();
            ids.push(cells.next().unwrap_or_default());
            for column in raw.iter_mut() {
                column.push(cells.next().unwrap_or_default());
            }
        }
        // `phonenumber` runs its regular expressions behind one lock, so two threads
        // parsing phones mostly wait on each other (and together run slower than one).
        // Phone columns are therefore parsed on one thread while the other columns are
        // cleaned in parallel beside them.
        let (phones, others): (Vec<_>, Vec<_>) = fields
            .iter()
            .zip(raw)
            .enumerate()
            .partition(|(_, (field, _))| field.kind == FieldKind::Phone);
        let clean_one = |(i, (field, cells)): (usize, (&FieldSpec, Vec<String>))| {
            (i, clean_column(field.kind, &cells, options))
        };
        let (phones, others) = rayon::join(
            || phones.into_iter().map(clean_one).collect::<Vec<_>>(),
            || others.into_par_iter().map(clean_one).collect::<Vec<_>>(),
        );
        let mut columns: Vec<(usize, Vec<Value>)> = phones.into_iter().chain(others).collect();
        columns.sort_unstable_by_key(|&(i, _)| i);
        let columns = columns.into_iter().map(|(_, column)| column).collect();
        Dataset { ids, columns }
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when there are no records.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The id of record `index`.
    pub fn id(&self, index: usize) -> &str {
        self.ids.get(index).map_or("", String::as_str)
    }

    /// All ids, in record order.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }

    /// The cleaned value of field `field` in record `index`.
    pub fn value(&self, field: usize, index: usize) -> &Value {
        self.columns
            .get(field)
            .and_then(|c| c.get(index))
            .unwrap_or(&Value::Missing)
    }

    pub(crate) fn column(&self, field: usize) -> &[Value] {
        self.columns.get(field).map_or(&[], Vec::as_slice)
    }
}

/// Cleans a column, each distinct raw value once: names repeat a lot ("Somchai",
/// "Sok"), and romanisation and phone parsing are the costly steps.
fn clean_column(kind: FieldKind, cells: &[String], options: PrepareOptions) -> Vec<Value> {
    // Phones are keyed by their digits, so "081-234-5678" and "081 234 5678" are
    // parsed once: parsing is the slowest cleaning step.
    let keys: Vec<Cow<'_, str>> = cells
        .par_iter()
        .map(|cell| {
            if kind == FieldKind::Phone {
                Cow::Owned(
                    cell.chars()
                        .filter(|c| c.is_numeric() || *c == '+')
                        .collect(),
                )
            } else {
                Cow::Borrowed(cell.as_str())
            }
        })
        .collect();
    let mut distinct: HashMap<&str, usize> = HashMap::new();
    let slots: Vec<usize> = keys
        .iter()
        .map(|key| {
            let next = distinct.len();
            *distinct.entry(key.as_ref()).or_insert(next)
        })
        .collect();
    let mut uniques: Vec<(&str, usize)> = distinct.into_iter().collect();
    uniques.sort_unstable_by_key(|&(_, slot)| slot);
    let cleaned: Vec<Value> = if kind == FieldKind::Phone {
        // One thread: see `Dataset::prepare_one`.
        uniques
            .iter()
            .map(|(cell, _)| clean(kind, cell, options))
            .collect()
    } else {
        uniques
            .par_iter()
            .map(|(cell, _)| clean(kind, cell, options))
            .collect()
    };
    slots
        .par_iter()
        .map(|&slot| cleaned.get(slot).cloned().unwrap_or(Value::Missing))
        .collect()
}

/// Cleans one raw value for its kind.
pub fn clean(kind: FieldKind, raw: &str, options: PrepareOptions) -> Value {
    let raw = raw.trim();
    if raw.is_empty() {
        return Value::Missing;
    }
    let text = |s: String| {
        if s.is_empty() {
            Value::Missing
        } else {
            Value::Text(Str::new(s))
        }
    };
    match kind {
        FieldKind::GivenName | FieldKind::Surname | FieldKind::FullName => {
            let latin = latin_form(raw);
            if latin.is_empty() {
                return Value::Missing;
            }
            let mut words: Vec<&str> = latin.split(' ').collect();
            let mut keys: Vec<String> = words.iter().map(|w| name_key(w)).collect();
            if kind == FieldKind::FullName {
                // Order-free: Khmer and Thai names are often written family name first.
                words.sort_unstable();
                keys.sort_unstable();
            }
            Value::Name {
                latin: Str::new(words.join(" ")),
                key: Str::new(keys.join(" ")),
            }
        }
        FieldKind::DateOfBirth => PartialDate::parse(raw).map_or(Value::Missing, Value::Date),
        FieldKind::Phone => match PhoneNumber::parse(raw, options.default_region) {
            Ok(number) => Value::Text(Str::new(number.as_str().to_owned())),
            // Keep the digits of numbers that fit no plan: a typo'd number still
            // differs by one digit from the right one.
            Err(_) => text(raw.chars().filter(char::is_ascii_digit).collect()),
        },
        FieldKind::Email => text(raw.to_lowercase()),
        FieldKind::Handle => text(
            raw.trim_start_matches('@')
                .chars()
                .filter(|c| !c.is_whitespace())
                .flat_map(char::to_lowercase)
                .collect(),
        ),
        FieldKind::IdNumber | FieldKind::Postcode | FieldKind::StreetNumber => text(
            raw.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_uppercase)
                .collect(),
        ),
        FieldKind::Sex => text(
            match raw.to_lowercase().as_str() {
                "m" | "male" | "man" | "ชาย" | "ช" | "ប្រុស" => "m",
                "f" | "female" | "woman" | "หญิง" | "ญ" | "ស្រី" => "f",
                other => other,
            }
            .to_owned(),
        ),
        FieldKind::Address
        | FieldKind::Locality
        | FieldKind::Region
        | FieldKind::Country
        | FieldKind::Text => text(latin_form(raw)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean_default(kind: FieldKind, raw: &str) -> Value {
        clean(kind, raw, PrepareOptions::default())
    }

    #[test]
    fn empty_and_unreadable_values_are_missing() {
        assert_eq!(clean_default(FieldKind::Surname, "  "), Value::Missing);
        assert_eq!(
            clean_default(FieldKind::DateOfBirth, "unknown"),
            Value::Missing
        );
    }

    #[test]
    fn phones_written_differently_clean_to_one_value() {
        let a = clean_default(FieldKind::Phone, "081-234-5678");
        let b = clean_default(FieldKind::Phone, "+66 81 234 5678");
        assert_eq!(a, b);
    }

    #[test]
    fn phone_columns_cleaned_apart_keep_their_place_among_the_others() {
        let fields: Vec<FieldSpec> = ["p1=phone", "s=surname", "p2=phone", "e=email"]
            .iter()
            .map(|f| f.parse().unwrap())
            .collect();
        let rows = vec![
            vec![
                "x".into(),
                "081-234-5678".into(),
                "Sok".into(),
                "".into(),
                "A@B.C".into(),
            ],
            vec![
                "y".into(),
                "".into(),
                "".into(),
                "+66 2 123 4567".into(),
                "".into(),
            ],
        ];
        let set = Dataset::prepare(&fields, rows.clone(), PrepareOptions::default());
        assert_eq!(set.len(), 2);
        for (index, row) in rows.iter().enumerate() {
            for (field, spec) in fields.iter().enumerate() {
                let raw = row.get(field + 1).unwrap();
                let expected = clean_default(spec.kind, raw);
                assert_eq!(
                    set.value(field, index),
                    &expected,
                    "{} of {index}",
                    spec.column
                );
            }
        }
    }

    #[test]
    fn full_names_are_order_free() {
        let a = clean_default(FieldKind::FullName, "Soth Sopheap");
        let b = clean_default(FieldKind::FullName, "SOPHEAP, Soth");
        assert_eq!(a, b);
    }

    #[test]
    fn sex_markers_in_three_languages_agree() {
        assert_eq!(
            clean_default(FieldKind::Sex, "หญิง"),
            clean_default(FieldKind::Sex, "F")
        );
    }
}
