//! Blocking: which pairs are worth comparing at all, found without a quadratic step.
//!
//! A blocking rule names one or more fields; two records are a candidate pair when the
//! block keys of all those fields are equal ([`crate::prepare::Value::block_key`]: the
//! phonetic key for names, E.164 for phones, the cleaned text otherwise). Each rule is a
//! hash join: the right side's keys are sorted once and every left record looks its
//! key up, so the work grows with the records and the pairs produced, never with
//! left × right. A pair found by several rules is kept only by the first (it is skipped
//! by a later rule when an earlier rule's keys also agree), so no global set of pairs
//! is needed.
//!
//! Rules can be given, or generated: every field and every pair of fields is a
//! candidate rule, its number of pairs is counted exactly from key frequencies (linear
//! time), and the rules that stay under a budget proportional to the number of records
//! are kept. A pair of fields is dropped when either field alone already qualifies.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

use crate::kind::{FieldKind, FieldSpec};
use crate::prepare::Dataset;
use crate::progress::Progress;

/// A conjunction of fields whose block keys must all be equal.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BlockingRule {
    /// Indices into the field list.
    pub fields: Vec<usize>,
}

impl BlockingRule {
    /// A readable name: the columns joined by ` & `.
    pub fn describe(&self, fields: &[FieldSpec]) -> String {
        self.fields
            .iter()
            .filter_map(|&f| fields.get(f).map(|s| s.column.as_str()))
            .collect::<Vec<_>>()
            .join(" & ")
    }
}

/// How many candidate pairs one rule contributed (after removing earlier rules' pairs).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RuleReport {
    /// The rule, as [`BlockingRule::describe`] gives it.
    pub rule: String,
    /// New candidate pairs it added.
    pub pairs: u64,
    /// Blocks skipped because they alone would exceed [`MAX_BLOCK_PAIRS`].
    pub skipped_blocks: u64,
}

/// Candidate pairs: (left index, right index); in deduplication left < right.
#[derive(Debug, Clone, Default)]
pub struct Candidates {
    /// The pairs, in rule order.
    pub pairs: Vec<(u32, u32)>,
    /// One entry per rule.
    pub report: Vec<RuleReport>,
}

/// Hasher for keys that are already well-mixed 64-bit hashes: passes them through.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// A single block larger than this (left × right records) is skipped and reported: it
/// would cost more than it could find.
pub const MAX_BLOCK_PAIRS: u64 = 4_000_000;

/// Most rules a generated blocking keeps.
const MAX_GENERATED_RULES: usize = 12;

/// Block-key hashes of one field for every record; 0 means no key.
fn field_hashes(data: &Dataset, field: usize) -> Vec<u64> {
    data.column(field)
        .par_iter()
        .map(|v| v.block_key().map_or(0, |k| hash_str(&k)))
        .collect()
}

fn hash_str(s: &str) -> u64 {
    // FNV-1a, then a finaliser so that combined keys spread well.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    nonzero(mix(h))
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn nonzero(h: u64) -> u64 {
    if h == 0 { 1 } else { h }
}

/// Combines per-field hashes into the rule's key (0 when any field has none).
fn rule_hashes(per_field: &[&Vec<u64>], len: usize) -> Vec<u64> {
    (0..len)
        .into_par_iter()
        .map(|i| {
            let mut h: u64 = 0x9e37_79b9_7f4a_7c15;
            for column in per_field {
                let k = column.get(i).copied().unwrap_or(0);
                if k == 0 {
                    return 0;
                }
                h = mix(h ^ k.rotate_left(17)).wrapping_add(k);
            }
            nonzero(h)
        })
        .collect()
}

/// Exact number of pairs a rule with these keys would produce.
fn count_pairs(left: &[u64], right: Option<&[u64]>) -> u64 {
    let mut counts: KeyMap<(u64, u64)> = KeyMap::default();
    for &k in left.iter().filter(|&&k| k != 0) {
        counts.entry(k).or_default().0 += 1;
    }
    match right {
        Some(right) => {
            for &k in right.iter().filter(|&&k| k != 0) {
                if let Some(c) = counts.get_mut(&k) {
                    c.1 += 1;
                }
            }
            counts.values().map(|(l, r)| l * r).sum()
        }
        None => counts
            .values()
            .map(|(c, _)| c * (c.saturating_sub(1)) / 2)
            .sum(),
    }
}

/// The per-rule pair budget of generated blocking.
pub fn pair_budget(left: usize, right: usize) -> u64 {
    (4 * (left as u64 + right as u64)).max(100_000)
}

/// Generates blocking rules from the data (see the module documentation).
pub fn generate_rules(
    fields: &[FieldSpec],
    left: &Dataset,
    right: Option<&Dataset>,
) -> Vec<BlockingRule> {
    let budget = pair_budget(left.len(), right.map_or(0, Dataset::len));
    let usable: Vec<usize> = fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.kind != FieldKind::Text)
        .map(|(i, _)| i)
        .collect();
    let left_hashes: Vec<Vec<u64>> = (0..fields.len()).map(|f| field_hashes(left, f)).collect();
    let right_hashes: Option<Vec<Vec<u64>>> =
        right.map(|r| (0..fields.len()).map(|f| field_hashes(r, f)).collect());
    let count = |rule: &[usize]| -> u64 {
        let lh: Vec<&Vec<u64>> = rule.iter().filter_map(|&f| left_hashes.get(f)).collect();
        let lk = rule_hashes(&lh, left.len());
        match (&right_hashes, right) {
            (Some(rh), Some(r)) => {
                let rh: Vec<&Vec<u64>> = rule.iter().filter_map(|&f| rh.get(f)).collect();
                let rk = rule_hashes(&rh, r.len());
                count_pairs(&lk, Some(&rk))
            }
            _ => count_pairs(&lk, None),
        }
    };
    let singles: Vec<(Vec<usize>, u64)> =
        usable.par_iter().map(|&f| (vec![f], count(&[f]))).collect();
    let accepted_single: Vec<usize> = singles
        .iter()
        .filter(|(_, n)| *n > 0 && *n <= budget)
        .filter_map(|(r, _)| r.first().copied())
        .collect();
    let pairs: Vec<Vec<usize>> = usable
        .iter()
        .enumerate()
        .flat_map(|(k, &a)| usable.iter().skip(k + 1).map(move |&b| vec![a, b]))
        .filter(|r| r.iter().all(|f| !accepted_single.contains(f)))
        .collect();
    let pair_counts: Vec<(Vec<usize>, u64)> = pairs
        .into_par_iter()
        .map(|r| {
            let n = count(&r);
            (r, n)
        })
        .collect();
    let within = |(_, n): &(Vec<usize>, u64)| *n > 0 && *n <= budget;
    let mut accepted: Vec<(Vec<usize>, u64)> = singles.into_iter().filter(within).collect();
    let mut pairs: Vec<(Vec<usize>, u64)> = pair_counts.into_iter().filter(within).collect();
    // A field that keys small blocks on its own (a phone, an id, a date of birth) is the
    // strongest evidence, so single-field rules always come first. Among pairs, broader
    // rules first: they find the most true pairs; the cap bounds the work.
    let order =
        |a: &(Vec<usize>, u64), b: &(Vec<usize>, u64)| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0));
    accepted.sort_by(order);
    pairs.sort_by(order);
    accepted.extend(pairs);
    accepted.truncate(MAX_GENERATED_RULES);
    accepted
        .into_iter()
        .map(|(fields, _)| BlockingRule { fields })
        .collect()
}

/// Finds the candidate pairs of `rules`; `right` is `None` for deduplication.
pub fn candidates(
    fields: &[FieldSpec],
    rules: &[BlockingRule],
    left: &Dataset,
    right: Option<&Dataset>,
    progress: &dyn Progress,
) -> Candidates {
    progress.start("blocking", rules.len() as u64);
    let field_keys = |data: &Dataset| -> Vec<Vec<u64>> {
        (0..fields.len()).map(|f| field_hashes(data, f)).collect()
    };
    let lf = field_keys(left);
    let rf = right.map(field_keys);
    let keys_of = |per_field: &Vec<Vec<u64>>, len: usize, rule: &BlockingRule| {
        let cols: Vec<&Vec<u64>> = rule
            .fields
            .iter()
            .filter_map(|&f| per_field.get(f))
            .collect();
        rule_hashes(&cols, len)
    };
    let mut left_keys: Vec<Vec<u64>> = Vec::with_capacity(rules.len());
    let mut right_keys: Vec<Vec<u64>> = Vec::with_capacity(rules.len());
    let mut out = Candidates::default();
    for rule in rules {
        let lk = keys_of(&lf, left.len(), rule);
        let rk = match (&rf, right) {
            (Some(rf), Some(r)) => keys_of(rf, r.len(), rule),
            _ => lk.clone(),
        };
        left_keys.push(lk);
        right_keys.push(rk);
        let (Some(lk), Some(rk)) = (left_keys.last(), right_keys.last()) else {
            continue;
        };
        let earlier = left_keys.len() - 1;
        let seen_before = |i: u32, j: u32| -> bool {
            (0..earlier).any(|r| {
                let a = left_keys
                    .get(r)
                    .and_then(|k| k.get(i as usize))
                    .copied()
                    .unwrap_or(0);
                let b = right_keys
                    .get(r)
                    .and_then(|k| k.get(j as usize))
                    .copied()
                    .unwrap_or(0);
                a != 0 && a == b
            })
        };
        let mut sorted: Vec<(u64, u32)> = rk
            .iter()
            .enumerate()
            .filter(|(_, k)| **k != 0)
            .map(|(j, &k)| (k, j as u32))
            .collect();
        sorted.par_sort_unstable();
        let block_of = |key: u64| -> &[(u64, u32)] {
            let start = sorted.partition_point(|&(k, _)| k < key);
            let end = sorted.partition_point(|&(k, _)| k <= key);
            sorted.get(start..end).unwrap_or(&[])
        };
        let dedup = right.is_none();
        // Count each key's left records once, to skip oversized blocks.
        let mut left_sizes: KeyMap<u64> = KeyMap::default();
        for &k in lk.iter().filter(|&&k| k != 0) {
            *left_sizes.entry(k).or_default() += 1;
        }
        let oversized = |key: u64| -> bool {
            let l = left_sizes.get(&key).copied().unwrap_or(0);
            let r = block_of(key).len() as u64;
            let pairs = if dedup {
                l * l.saturating_sub(1) / 2
            } else {
                l * r
            };
            pairs > MAX_BLOCK_PAIRS
        };
        let skipped_blocks = left_sizes.keys().filter(|&&k| oversized(k)).count() as u64;
        let new_pairs: Vec<(u32, u32)> = lk
            .par_iter()
            .enumerate()
            .filter(|(_, k)| **k != 0)
            .flat_map_iter(|(i, &key)| {
                let i = i as u32;
                let block = if skipped_blocks > 0 && oversized(key) {
                    &[][..]
                } else {
                    block_of(key)
                };
                block
                    .iter()
                    .map(move |&(_, j)| (i, j))
                    .filter(move |&(i, j)| !dedup || i < j)
                    .filter(|&(i, j)| !seen_before(i, j))
            })
            .collect();
        out.report.push(RuleReport {
            rule: rule.describe(fields),
            pairs: new_pairs.len() as u64,
            skipped_blocks,
        });
        out.pairs.extend(new_pairs);
        progress.advance(1);
    }
    progress.finish();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prepare::PrepareOptions;
    use crate::progress::NoProgress;

    fn spec(column: &str, kind: FieldKind) -> FieldSpec {
        FieldSpec {
            column: column.to_owned(),
            kind,
        }
    }

    fn data(rows: &[[&str; 3]]) -> Dataset {
        let fields = [
            spec("surname", FieldKind::Surname),
            spec("phone", FieldKind::Phone),
        ];
        Dataset::prepare(
            &fields,
            rows.iter()
                .map(|r| r.iter().map(|s| s.to_string()).collect())
                .collect(),
            PrepareOptions::default(),
        )
    }

    fn fields() -> Vec<FieldSpec> {
        vec![
            spec("surname", FieldKind::Surname),
            spec("phone", FieldKind::Phone),
        ]
    }

    #[test]
    fn names_that_sound_alike_meet_in_a_block() {
        let left = data(&[["a1", "Srisuk", ""], ["a2", "Somchai", ""]]);
        let right = data(&[["b1", "Sisuk", ""], ["b2", "Dara", ""]]);
        let rules = [BlockingRule { fields: vec![0] }];
        let c = candidates(&fields(), &rules, &left, Some(&right), &NoProgress);
        assert_eq!(c.pairs, vec![(0, 0)]);
    }

    #[test]
    fn thai_and_latin_spellings_of_one_surname_meet_in_a_block() {
        let left = data(&[["a1", "ศรีสุข", ""], ["a2", "Chanthavong", ""]]);
        let right = data(&[
            ["b1", "Srisuk", ""],
            ["b2", "Sisuk", ""],
            ["b3", "Somsak", ""],
        ]);
        let rules = [BlockingRule { fields: vec![0] }];
        let c = candidates(&fields(), &rules, &left, Some(&right), &NoProgress);
        assert_eq!(c.pairs, vec![(0, 0), (0, 1)]);
    }

    #[test]
    fn a_pair_found_by_two_rules_is_kept_once() {
        let left = data(&[["a1", "Srisuk", "0812345678"]]);
        let right = data(&[["b1", "Srisuk", "+66812345678"]]);
        let rules = [
            BlockingRule { fields: vec![0] },
            BlockingRule { fields: vec![1] },
        ];
        let c = candidates(&fields(), &rules, &left, Some(&right), &NoProgress);
        assert_eq!(c.pairs.len(), 1);
        assert_eq!(
            c.report.iter().map(|r| r.pairs).collect::<Vec<_>>(),
            vec![1, 0]
        );
    }

    #[test]
    fn deduplication_pairs_each_record_once_with_a_later_one() {
        let one = data(&[["1", "Sok", ""], ["2", "Sokh", ""], ["3", "Sok", ""]]);
        let rules = [BlockingRule { fields: vec![0] }];
        let c = candidates(&fields(), &rules, &one, None, &NoProgress);
        assert_eq!(c.pairs, vec![(0, 1), (0, 2), (1, 2)]);
    }

    #[test]
    fn missing_values_never_form_a_block() {
        let left = data(&[["a1", "", ""]]);
        let right = data(&[["b1", "", ""]]);
        let rules = [
            BlockingRule { fields: vec![0] },
            BlockingRule { fields: vec![1] },
        ];
        let c = candidates(&fields(), &rules, &left, Some(&right), &NoProgress);
        assert!(c.pairs.is_empty());
    }

    #[test]
    fn generated_rules_count_pairs_from_key_frequencies() {
        let left = data(&[["a1", "Sok", "0812345678"], ["a2", "Sok", "0812345679"]]);
        let right = data(&[["b1", "Sok", "0812345678"], ["b2", "Sok", "0899999999"]]);
        assert_eq!(
            count_pairs(&field_hashes(&left, 0), Some(&field_hashes(&right, 0))),
            4
        );
        assert_eq!(
            count_pairs(&field_hashes(&left, 1), Some(&field_hashes(&right, 1))),
            1
        );
        let rules = generate_rules(&fields(), &left, Some(&right));
        assert!(!rules.is_empty());
    }
}
