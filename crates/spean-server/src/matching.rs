//! Possible duplicates of one person among the persons a user may see, scored by the
//! `spean-match` engine and explained field by field for the officer who decides.
//!
//! Why a fixed model and not EM: a node holds a few hundred to a few thousand persons
//! and only a handful of true duplicates. EM needs many matches among the candidate
//! pairs to tell the two classes apart, and u estimated from random pairs of so few
//! records never sees a shared phone or passport (so the rarest, most telling levels
//! would sit on the smoothing floor). Training on the node alone would also make the
//! scores jump each time a record is added. So the m and u of each level are the
//! documented defaults in [`default_model`]: m from the error rates of hand-typed,
//! transliterated records (a Thai name romanised two ways agrees on its phonetic key
//! far more often than exactly; people change phones), u from how often unrelated
//! people collide in the region (a shared family name is common, a shared phone
//! rare). They are stated per level below so an analyst can check them; a model
//! trained elsewhere (`spean link --save-model`) has the same shape and could replace
//! them. The term-frequency adjustment is left out for the same reason as EM: value
//! counts over a few hundred records are noise.
//!
//! A person has several identifiers while the engine compares one value per field,
//! so each person becomes a few rows: row k holds the k-th phone, document, e-mail
//! and account (the names alternate between the full and the Latin name), and a pair
//! of persons scores as its best pair of rows. Candidates come from the engine's
//! blocking (hash joins on the name's phonetic key, the exact birth date and each
//! identifier), so a page view costs one pass over the visible persons, never a
//! comparison of everyone with everyone. Measured: about 0.13 s for 5,000 visible
//! persons in a release build on two cores, most of it romanising their names; a
//! cache of prepared records is the next step if nodes grow far beyond that.
//!
//! This module is pure: loading the persons and checking access is the caller's job.

use std::collections::{HashMap, HashSet};

use spean_core::id::PersonId;
use spean_core::person::{Identifier, IdentifierKind};
use spean_match::model::{self, level_of};
use spean_match::{
    BlockingRule, Dataset, FieldKind, FieldSpec, Linker, Model, NoProgress, PrepareOptions,
};

/// Suggestions below this probability are not shown: with the default model a shared
/// phone or document alone reaches it, a similar name alone does not.
pub const SUGGESTION_THRESHOLD: f64 = 0.3;

/// At most this many suggestions are shown on a person's page, best first.
pub const MAX_SUGGESTIONS: usize = 10;

/// The compared fields, in the model's order. The column name is also the suffix of
/// the field's message id (`match-field-…`).
const FIELDS: [(&str, FieldKind); 8] = [
    ("name", FieldKind::FullName),
    ("birth_date", FieldKind::DateOfBirth),
    ("nationality", FieldKind::Country),
    ("phone", FieldKind::Phone),
    ("document", FieldKind::IdNumber),
    ("email", FieldKind::Email),
    ("account", FieldKind::Handle),
    ("account_number", FieldKind::IdNumber),
];

/// The fields that key a block. Nationality is left out: it would put most of a
/// node's persons in one block.
const BLOCKING_FIELDS: [usize; 7] = [0, 1, 3, 4, 5, 6, 7];

/// Probability that two persons drawn at random from a node are the same person: a
/// node of ten thousand records with a few thousand duplicated people.
const PRIOR: f64 = 1e-4;

/// What the matcher reads of a person.
#[derive(Debug, Clone, Default)]
pub struct MatchRecord {
    /// The person.
    pub id: Option<PersonId>,
    /// The name as written, any script.
    pub full_name: String,
    /// The name in Latin letters.
    pub latin_name: Option<String>,
    /// Birth date, ISO (partial dates allowed).
    pub birth_date: Option<String>,
    /// Nationality (ISO 3166-1 alpha-2).
    pub nationality: Option<String>,
    /// Identifiers as stored (phones already E.164).
    pub identifiers: Vec<Identifier>,
}

/// One field's part in a suggestion.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldScore {
    /// The field's message id (`match-field-…`).
    pub field: String,
    /// The comparison level's message id (`match-level-…`), or `None` when a value
    /// was missing on either side.
    pub level: Option<String>,
    /// The level's match weight (log₂ m/u); 0 when missing.
    pub weight: f64,
}

/// A possible duplicate of the person being matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// The other person.
    pub person: PersonId,
    /// Match probability.
    pub probability: f64,
    /// Total match weight (log₂ odds), prior included.
    pub weight: f64,
    /// Each field's comparison, in the model's field order.
    pub fields: Vec<FieldScore>,
}

/// The message-id class of a kind's comparison levels.
fn level_class(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::FullName => "name",
        FieldKind::DateOfBirth => "date",
        FieldKind::Country => "country",
        _ => "identifier",
    }
}

/// m and u of each level of a kind, lowest level first (see the module doc).
fn default_levels(kind: FieldKind) -> (Vec<f64>, Vec<f64>) {
    match kind {
        // different, a word in common, similar spelling, same phonetic keys, exact.
        // Transliteration makes "same keys" nearly as likely as "exact" for a match;
        // unrelated people share a word (a common family name) one time in a hundred.
        FieldKind::FullName => (
            vec![0.02, 0.08, 0.15, 0.35, 0.40],
            vec![0.985, 0.012, 0.002, 0.0008, 0.0002],
        ),
        // different, within 10 years, within 1 year or compatible partial, a typo,
        // exact. Strangers are born within ten years of each other often.
        FieldKind::DateOfBirth => (
            vec![0.03, 0.04, 0.08, 0.05, 0.80],
            vec![0.80, 0.15, 0.045, 0.0035, 0.0015],
        ),
        // different, same: most persons on a node share two or three nationalities.
        FieldKind::Country => (vec![0.05, 0.95], vec![0.5, 0.5]),
        // different, two edits, one edit, exact. The same person often has another
        // phone or account on another record, so "different" is common among matches
        // and weighs little; strangers almost never share a number.
        _ => (
            vec![0.30, 0.03, 0.07, 0.60],
            vec![0.9999, 0.00005, 0.00003, 0.00002],
        ),
    }
}

fn field_specs() -> Vec<FieldSpec> {
    FIELDS
        .iter()
        .map(|&(column, kind)| FieldSpec {
            column: column.to_owned(),
            kind,
        })
        .collect()
}

/// The model the server scores with: the documented defaults, no training.
pub fn default_model() -> Model {
    let fields = field_specs();
    let (m, u) = fields.iter().map(|f| default_levels(f.kind)).unzip();
    Model {
        blocking: BLOCKING_FIELDS
            .iter()
            .filter_map(|&f| fields.get(f).map(|s| vec![s.column.clone()]))
            .collect(),
        fields,
        m,
        u,
        prior: PRIOR,
        em_iterations: 0,
    }
}

/// The values of one identifier field of `record`.
fn values_of<'a>(record: &'a MatchRecord, kinds: &[IdentifierKind]) -> Vec<&'a str> {
    record
        .identifiers
        .iter()
        .filter(|i| kinds.contains(&i.kind))
        .map(|i| i.value.as_str())
        .collect()
}

/// A person's rows: row k has the k-th value of each multi-valued field (see the
/// module doc), the first column is the index of the person in its list.
fn rows_of(index: usize, record: &MatchRecord) -> Vec<Vec<String>> {
    let mut names = vec![record.full_name.as_str()];
    names.extend(
        record
            .latin_name
            .as_deref()
            .filter(|n| !n.trim().is_empty()),
    );
    let lists = [
        values_of(record, &[IdentifierKind::Phone]),
        values_of(
            record,
            &[IdentifierKind::Passport, IdentifierKind::NationalId],
        ),
        values_of(record, &[IdentifierKind::Email]),
        values_of(
            record,
            &[IdentifierKind::SocialHandle, IdentifierKind::MessagingId],
        ),
        values_of(
            record,
            &[IdentifierKind::BankAccount, IdentifierKind::Wallet],
        ),
    ];
    let count = lists
        .iter()
        .map(Vec::len)
        .chain([names.len()])
        .max()
        .unwrap_or(1);
    (0..count)
        .map(|k| {
            let name = names.get(k % names.len()).copied().unwrap_or_default();
            let mut row = vec![
                index.to_string(),
                name.to_owned(),
                record.birth_date.clone().unwrap_or_default(),
                record.nationality.clone().unwrap_or_default(),
            ];
            row.extend(
                lists
                    .iter()
                    .map(|values| values.get(k).copied().unwrap_or_default().to_owned()),
            );
            row
        })
        .collect()
}

/// The possible duplicates of `target` among `others`, best first, at most
/// [`MAX_SUGGESTIONS`], leaving out `decided` (pairs already confirmed or rejected)
/// and `target` itself.
pub fn suggest(
    target: &MatchRecord,
    others: &[MatchRecord],
    decided: &HashSet<PersonId>,
) -> Vec<Suggestion> {
    let pool: Vec<&MatchRecord> = others
        .iter()
        .filter(|o| {
            o.id.is_some_and(|id| Some(id) != target.id && !decided.contains(&id))
        })
        .collect();
    if pool.is_empty() {
        return Vec::new();
    }
    let fields = field_specs();
    let model = default_model();
    let left_rows = rows_of(0, target);
    let right_rows: Vec<Vec<String>> = pool
        .iter()
        .enumerate()
        .flat_map(|(i, r)| rows_of(i, r))
        .collect();
    let mut sets = Dataset::prepare_all(
        &fields,
        vec![left_rows, right_rows],
        PrepareOptions::default(),
    )
    .into_iter();
    let (Some(left), Some(right)) = (sets.next(), sets.next()) else {
        return Vec::new();
    };
    let Ok(linker) = Linker::new(&fields, &left, Some(&right)) else {
        return Vec::new();
    };
    let rules: Vec<BlockingRule> = BLOCKING_FIELDS
        .iter()
        .map(|&f| BlockingRule { fields: vec![f] })
        .collect();
    let candidates = linker.candidates(&rules, &NoProgress);
    // The best row pair of each other person: (weight, gamma).
    let mut best: HashMap<usize, (f64, model::Gamma)> = HashMap::new();
    for &(i, j) in &candidates.pairs {
        let Some(person) = right.id(j as usize).parse::<usize>().ok() else {
            continue;
        };
        let gamma = linker.gamma(i, j);
        let weight = weight_of(&model, gamma);
        let slot = best.entry(person).or_insert((f64::NEG_INFINITY, gamma));
        if weight > slot.0 {
            *slot = (weight, gamma);
        }
    }
    let mut found: Vec<Suggestion> = best
        .into_iter()
        .filter_map(|(person, (weight, gamma))| {
            let probability = model::probability(weight);
            let id = pool.get(person).and_then(|r| r.id)?;
            (probability >= SUGGESTION_THRESHOLD).then(|| Suggestion {
                person: id,
                probability,
                weight,
                fields: explain(&model, gamma),
            })
        })
        .collect();
    found.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then_with(|| a.person.to_string().cmp(&b.person.to_string()))
    });
    found.truncate(MAX_SUGGESTIONS);
    found
}

/// The total weight of a comparison vector: the prior plus each present field's level
/// weight (no term-frequency adjustment, see the module doc).
fn weight_of(model: &Model, gamma: model::Gamma) -> f64 {
    model.prior_weight()
        + (0..model.fields.len())
            .filter_map(|f| level_of(gamma, f).map(|l| model.level_weight(f, l)))
            .sum::<f64>()
}

fn explain(model: &Model, gamma: model::Gamma) -> Vec<FieldScore> {
    model
        .fields
        .iter()
        .enumerate()
        .map(|(f, spec)| {
            let level = level_of(gamma, f);
            FieldScore {
                field: format!("match-field-{}", spec.column),
                level: level.map(|l| format!("match-level-{}-{l}", level_class(spec.kind))),
                weight: level.map_or(0.0, |l| (model.level_weight(f, l) * 10.0).round() / 10.0),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(name: &str, latin: Option<&str>, phone: Option<&str>) -> MatchRecord {
        MatchRecord {
            id: Some(PersonId::new()),
            full_name: name.into(),
            latin_name: latin.map(Into::into),
            identifiers: phone
                .map(|p| Identifier {
                    kind: IdentifierKind::Phone,
                    value: p.into(),
                })
                .into_iter()
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn every_level_of_the_default_model_is_a_probability_distribution() {
        let model = default_model();
        for (f, spec) in model.fields.iter().enumerate() {
            let levels = spean_match::compare::level_count(spec.kind);
            for side in [&model.m[f], &model.u[f]] {
                assert_eq!(side.len(), levels, "{}", spec.column);
                let total: f64 = side.iter().sum();
                assert!(
                    (total - 1.0).abs() < 1e-9,
                    "{} sums to {total}",
                    spec.column
                );
            }
        }
    }

    #[test]
    fn a_thai_record_and_its_romanised_spelling_with_one_phone_are_suggested() {
        let thai = record("ธนากร ศรีสุข", Some("Thanakorn Srisuk"), Some("+66812345678"));
        let latin = record("Tanakon Sisuk", None, Some("+66812345678"));
        let stranger = record("Sok Dara", None, Some("+85512345678"));
        let found = suggest(&thai, &[latin.clone(), stranger], &HashSet::new());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(Some(found[0].person), latin.id);
        assert!(found[0].probability > 0.99, "{found:?}");
        let phone = &found[0].fields[3];
        assert_eq!(phone.level.as_deref(), Some("match-level-identifier-3"));
    }

    #[test]
    fn a_similar_name_alone_is_not_suggested() {
        let thai = record("ธนากร ศรีสุข", None, None);
        let namesake = record("Tanakon Sisuk", None, Some("+66899999999"));
        assert!(suggest(&thai, &[namesake], &HashSet::new()).is_empty());
    }

    #[test]
    fn a_decided_pair_is_not_suggested_again() {
        let a = record("Thanakorn Srisuk", None, Some("+66812345678"));
        let b = record("Tanakon Sisuk", None, Some("+66812345678"));
        let decided: HashSet<PersonId> = b.id.into_iter().collect();
        assert!(suggest(&a, &[b], &decided).is_empty());
    }
}
