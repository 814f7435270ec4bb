//! The linkage pipeline: block, compare, train, score, and then keep links.
//!
//! [`Linker`] holds the fields and the prepared data of one run (two datasets to link,
//! or one to deduplicate). Its steps are separate methods so that the command line can
//! report on each (candidate pairs per rule, EM iterations) and reuse a saved model.
//! Every heavy step runs on all cores with rayon.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::block::{self, BlockingRule, Candidates};
use crate::compare::{compare, level_labels, uses_term_frequency};
use crate::kind::FieldSpec;
use crate::model::{self, Gamma, Model, level_of, pack};
use crate::prepare::{Dataset, Value};
use crate::progress::Progress;

/// Errors of the linkage engine.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    /// More fields than a comparison vector can hold.
    #[error("at most {max} fields can be compared, {given} were given")]
    TooManyFields {
        /// Fields given.
        given: usize,
        /// The limit.
        max: usize,
    },
    /// No fields at all.
    #[error("no fields to compare: give at least one --field COLUMN=KIND")]
    NoFields,
    /// A saved model whose fields differ from this run's.
    #[error("the model was trained on fields {model}, this run has {run}")]
    ModelFields {
        /// The model's fields.
        model: String,
        /// This run's fields.
        run: String,
    },
}

/// A scored pair at or above the threshold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Link {
    /// Left record index.
    pub left: u32,
    /// Right record index (in deduplication, the later record of the same dataset).
    pub right: u32,
    /// Total match weight (log₂ odds).
    pub weight: f64,
    /// Match probability.
    pub probability: f64,
}

/// One field's part in a link's score.
#[derive(Debug, Clone, Serialize)]
pub struct FieldExplanation {
    /// Column name.
    pub column: String,
    /// Field kind.
    pub kind: String,
    /// Comparison level, `null` when a value was missing.
    pub level: Option<u8>,
    /// What the level means.
    pub label: String,
    /// Match weight of the level (log₂ m/u), term-frequency adjustment included.
    pub match_weight: f64,
    /// The term-frequency part of the weight, when one applied.
    pub tf_adjustment: Option<f64>,
}

/// Why two records were linked.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    /// Left record id.
    pub left_id: String,
    /// Right record id.
    pub right_id: String,
    /// Match probability.
    pub match_probability: f64,
    /// Total match weight.
    pub match_weight: f64,
    /// The prior's weight (log₂ odds of a random pair matching).
    pub prior_weight: f64,
    /// Each field's contribution.
    pub fields: Vec<FieldExplanation>,
}

/// One run's fields and data.
pub struct Linker<'a> {
    fields: &'a [FieldSpec],
    left: &'a Dataset,
    right: Option<&'a Dataset>,
    /// Per field with term frequencies: value frequency of each left and right record.
    tf: Vec<Option<(Vec<f32>, Vec<f32>)>>,
}

impl<'a> Linker<'a> {
    /// Prepares a run; `right` is `None` to deduplicate `left`.
    pub fn new(
        fields: &'a [FieldSpec],
        left: &'a Dataset,
        right: Option<&'a Dataset>,
    ) -> Result<Self, LinkError> {
        if fields.is_empty() {
            return Err(LinkError::NoFields);
        }
        if fields.len() > model::MAX_FIELDS {
            return Err(LinkError::TooManyFields {
                given: fields.len(),
                max: model::MAX_FIELDS,
            });
        }
        let tf = fields
            .iter()
            .enumerate()
            .map(|(f, spec)| {
                uses_term_frequency(spec.kind).then(|| term_frequencies(f, left, right))
            })
            .collect();
        Ok(Linker {
            fields,
            left,
            right,
            tf,
        })
    }

    fn right_data(&self) -> &Dataset {
        self.right.unwrap_or(self.left)
    }

    /// Number of possible pairs (left × right, or n(n−1)/2 in deduplication).
    pub fn possible_pairs(&self) -> f64 {
        let n = self.left.len() as f64;
        match self.right {
            Some(r) => n * r.len() as f64,
            None => n * (n - 1.0) / 2.0,
        }
    }

    /// Blocking rules generated from the data.
    pub fn generate_rules(&self) -> Vec<BlockingRule> {
        block::generate_rules(self.fields, self.left, self.right)
    }

    /// Candidate pairs of `rules`.
    pub fn candidates(&self, rules: &[BlockingRule], progress: &dyn Progress) -> Candidates {
        block::candidates(self.fields, rules, self.left, self.right, progress)
    }

    /// The comparison vector of one pair.
    pub fn gamma(&self, i: u32, j: u32) -> Gamma {
        let right = self.right_data();
        pack(self.fields.iter().enumerate().map(|(f, spec)| {
            compare(
                spec.kind,
                self.left.value(f, i as usize),
                right.value(f, j as usize),
            )
        }))
    }

    /// Comparison vectors of all `pairs`, in parallel.
    pub fn gammas(&self, pairs: &[(u32, u32)], progress: &dyn Progress) -> Vec<Gamma> {
        progress.start("comparing", pairs.len() as u64);
        let out = pairs
            .par_chunks(16_384)
            .flat_map_iter(|chunk| {
                let g: Vec<Gamma> = chunk.iter().map(|&(i, j)| self.gamma(i, j)).collect();
                progress.advance(chunk.len() as u64);
                g
            })
            .collect();
        progress.finish();
        out
    }

    /// Estimates u from `samples` random pairs drawn with a fixed `seed`.
    pub fn estimate_u(&self, samples: usize, seed: u64) -> Vec<Vec<f64>> {
        let n_left = self.left.len() as u64;
        let n_right = self.right_data().len() as u64;
        let dedup = self.right.is_none();
        if n_left == 0 || n_right == 0 || (dedup && n_left < 2) {
            return model::u_from_samples(self.fields, &[]);
        }
        let gammas: Vec<Gamma> = (0..samples as u64)
            .into_par_iter()
            .filter_map(|k| {
                let r = splitmix(seed ^ splitmix(k));
                let i = (r % n_left) as u32;
                let j = ((r >> 32) % n_right) as u32;
                (!dedup || i != j).then(|| self.gamma(i, j))
            })
            .collect();
        let mut u = model::u_from_samples(self.fields, &gammas);
        // The top (exact) level's u is computed exactly from value counts: it matters
        // most (agreeing on a rare id) and is the rarest level to hit by sampling.
        for (f, levels) in u.iter_mut().enumerate() {
            if let Some(exact) = self.exact_u(f) {
                let top = levels.len().saturating_sub(1);
                let rest: f64 = levels.iter().take(top).sum();
                let scale = if rest > 0.0 {
                    (1.0 - exact) / rest
                } else {
                    0.0
                };
                for (l, p) in levels.iter_mut().enumerate() {
                    *p = if l == top { exact } else { *p * scale }.max(1e-6);
                }
            }
        }
        u
    }

    /// Probability that two random records, both with a value, agree exactly on field
    /// `f`: Σ over values of the product of their shares on the two sides.
    fn exact_u(&self, f: usize) -> Option<f64> {
        let counts = |data: &Dataset| -> (HashMap<String, u64>, u64) {
            let mut map: HashMap<String, u64> = HashMap::new();
            let mut total = 0;
            for v in data.column(f) {
                if let Some(t) = exact_key(v) {
                    *map.entry(t).or_default() += 1;
                    total += 1;
                }
            }
            (map, total)
        };
        let (left, n_left) = counts(self.left);
        let (right, n_right) = match self.right {
            Some(r) => counts(r),
            None => (left.clone(), n_left),
        };
        let dedup = self.right.is_none();
        let agreeing: f64 = left
            .iter()
            .map(|(v, &a)| {
                let b = right.get(v).copied().unwrap_or(0);
                if dedup {
                    (a * a.saturating_sub(1)) as f64
                } else {
                    (a * b) as f64
                }
            })
            .sum();
        let possible = if dedup {
            (n_left * n_left.saturating_sub(1)) as f64
        } else {
            (n_left * n_right) as f64
        };
        (possible > 0.0).then(|| (agreeing / possible).clamp(1e-9, 1.0))
    }

    /// Trains a model: EM over the candidates' patterns with u from random pairs.
    pub fn train(
        &self,
        candidates: &Candidates,
        gammas: &[Gamma],
        u: Vec<Vec<f64>>,
        labelled: &[(u32, u32)],
        rules: &[BlockingRule],
    ) -> Model {
        let patterns: HashMap<Gamma, u64> = gammas
            .par_iter()
            .fold(HashMap::new, |mut acc: HashMap<Gamma, u64>, &g| {
                *acc.entry(g).or_default() += 1;
                acc
            })
            .reduce(HashMap::new, |mut a, b| {
                for (g, c) in b {
                    *a.entry(g).or_default() += c;
                }
                a
            });
        let labelled: Vec<Gamma> = labelled.iter().map(|&(i, j)| self.gamma(i, j)).collect();
        let fit = model::em(self.fields, &patterns, &labelled, &u, 500);
        let prior = (fit.lambda * candidates.pairs.len() as f64 / self.possible_pairs().max(1.0))
            .clamp(1e-15, 0.5);
        Model {
            fields: self.fields.to_vec(),
            m: fit.m,
            u,
            prior,
            blocking: rules
                .iter()
                .map(|r| {
                    r.fields
                        .iter()
                        .filter_map(|&f| self.fields.get(f).map(|s| s.column.clone()))
                        .collect()
                })
                .collect(),
            em_iterations: fit.iterations,
        }
    }

    /// The term-frequency adjustment of field `f` for a pair agreeing exactly.
    fn tf_adjustment(&self, model: &Model, f: usize, i: u32, j: u32) -> Option<f64> {
        let (left_tf, right_tf) = self.tf.get(f)?.as_ref()?;
        let right_tf = if self.right.is_some() {
            right_tf
        } else {
            left_tf
        };
        let a = left_tf.get(i as usize).copied()?;
        let b = right_tf.get(j as usize).copied()?;
        let tf = f64::from(a.max(b));
        (tf > 0.0).then(|| (model.exact_u(f) / tf).log2())
    }

    /// Total match weight of a pair.
    pub fn weight(&self, model: &Model, i: u32, j: u32, gamma: Gamma) -> f64 {
        let mut w = model.prior_weight();
        for (f, spec) in self.fields.iter().enumerate() {
            if let Some(l) = level_of(gamma, f) {
                w += model.level_weight(f, l);
                if usize::from(l) + 1 == level_labels(spec.kind).len() {
                    w += self.tf_adjustment(model, f, i, j).unwrap_or(0.0);
                }
            }
        }
        w
    }

    /// Scores all candidates and keeps those at or above `threshold`.
    pub fn score(
        &self,
        model: &Model,
        pairs: &[(u32, u32)],
        gammas: &[Gamma],
        threshold: f64,
    ) -> Vec<Link> {
        pairs
            .par_iter()
            .zip(gammas.par_iter())
            .filter_map(|(&(i, j), &g)| {
                let weight = self.weight(model, i, j, g);
                let probability = model::probability(weight);
                (probability >= threshold).then_some(Link {
                    left: i,
                    right: j,
                    weight,
                    probability,
                })
            })
            .collect()
    }

    /// Explains one link, field by field.
    pub fn explain(&self, model: &Model, link: &Link) -> Explanation {
        let gamma = self.gamma(link.left, link.right);
        let fields = self
            .fields
            .iter()
            .enumerate()
            .map(|(f, spec)| {
                let level = level_of(gamma, f);
                let labels = level_labels(spec.kind);
                let (label, weight, tf) = match level {
                    None => ("missing".to_owned(), 0.0, None),
                    Some(l) => {
                        let tf = (usize::from(l) + 1 == labels.len())
                            .then(|| self.tf_adjustment(model, f, link.left, link.right))
                            .flatten();
                        let label = labels
                            .get(usize::from(l))
                            .copied()
                            .unwrap_or("?")
                            .to_owned();
                        (label, model.level_weight(f, l) + tf.unwrap_or(0.0), tf)
                    }
                };
                FieldExplanation {
                    column: spec.column.clone(),
                    kind: spec.kind.to_string(),
                    level,
                    label,
                    match_weight: round(weight),
                    tf_adjustment: tf.map(round),
                }
            })
            .collect();
        Explanation {
            left_id: self.left.id(link.left as usize).to_owned(),
            right_id: self.right_data().id(link.right as usize).to_owned(),
            match_probability: link.probability,
            match_weight: round(link.weight),
            prior_weight: round(model.prior_weight()),
            fields,
        }
    }

    /// Checks that a saved model fits this run's fields.
    pub fn check_model(&self, model: &Model) -> Result<(), LinkError> {
        if model.fields != self.fields {
            let show = |f: &[FieldSpec]| {
                f.iter()
                    .map(|s| format!("{}={}", s.column, s.kind))
                    .collect::<Vec<_>>()
                    .join(",")
            };
            return Err(LinkError::ModelFields {
                model: show(&model.fields),
                run: show(self.fields),
            });
        }
        Ok(())
    }
}

/// The value whose equality is the top comparison level (exact dates only).
fn exact_key(v: &Value) -> Option<String> {
    match v {
        Value::Date(d) if !d.is_exact() => None,
        other => other.exact_text(),
    }
}

fn round(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

fn splitmix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Frequencies of each record's exact value of field `f`, counted over both datasets.
fn term_frequencies(f: usize, left: &Dataset, right: Option<&Dataset>) -> (Vec<f32>, Vec<f32>) {
    let exact = |v: &'_ Value| -> Option<String> { v.exact_text() };
    let mut counts: HashMap<String, u32> = HashMap::new();
    let mut total = 0u64;
    for data in std::iter::once(left).chain(right) {
        for v in data.column(f) {
            if let Some(t) = exact(v) {
                *counts.entry(t).or_default() += 1;
                total += 1;
            }
        }
    }
    let total = total.max(1) as f64;
    let freq = |data: &Dataset| -> Vec<f32> {
        data.column(f)
            .par_iter()
            .map(|v| {
                exact(v)
                    .and_then(|t| counts.get(&t))
                    .map_or(0.0, |&c| (f64::from(c) / total) as f32)
            })
            .collect()
    };
    let l = freq(left);
    let r = right.map(freq).unwrap_or_default();
    (l, r)
}

/// Keeps at most one link per record, best first (greedy on probability).
pub fn one_to_one(mut links: Vec<Link>) -> Vec<Link> {
    links.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then(a.left.cmp(&b.left))
            .then(a.right.cmp(&b.right))
    });
    let mut used_left = std::collections::HashSet::new();
    let mut used_right = std::collections::HashSet::new();
    links.retain(|l| {
        if used_left.contains(&l.left) || used_right.contains(&l.right) {
            return false;
        }
        used_left.insert(l.left);
        used_right.insert(l.right);
        true
    });
    links
}

/// One-to-one for deduplication: each record in at most one link, on either side.
pub fn one_to_one_dedup(mut links: Vec<Link>) -> Vec<Link> {
    links.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.left.cmp(&b.left)));
    let mut used = std::collections::HashSet::new();
    links.retain(|l| {
        if used.contains(&l.left) || used.contains(&l.right) {
            return false;
        }
        used.insert(l.left);
        used.insert(l.right);
        true
    });
    links
}

/// Connected components of the links: a cluster number for each left record, then each
/// right record (in deduplication `n_right` is 0 and both ends index the left records).
pub fn clusters(n_left: usize, n_right: usize, links: &[Link], dedup: bool) -> Vec<usize> {
    let n = n_left + n_right;
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while let Some(&p) = parent.get(x) {
            if p == x {
                break;
            }
            let grand = parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = parent.get_mut(x) {
                *slot = grand;
            }
            x = grand;
        }
        x
    }
    for link in links {
        let a = link.left as usize;
        let b = if dedup {
            link.right as usize
        } else {
            n_left + link.right as usize
        };
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            if let Some(slot) = parent.get_mut(hi) {
                *slot = lo;
            }
        }
    }
    let mut numbers: HashMap<usize, usize> = HashMap::new();
    (0..n)
        .map(|x| {
            let root = find(&mut parent, x);
            let next = numbers.len();
            *numbers.entry(root).or_insert(next)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(left: u32, right: u32, weight: f64) -> Link {
        Link {
            left,
            right,
            weight,
            probability: model::probability(weight),
        }
    }

    #[test]
    fn one_to_one_keeps_the_best_link_of_each_record() {
        let kept = one_to_one(vec![
            link(0, 0, 5.0),
            link(0, 1, 9.0),
            link(1, 1, 8.0),
            link(1, 0, 4.0),
        ]);
        let pairs: Vec<(u32, u32)> = kept.iter().map(|l| (l.left, l.right)).collect();
        assert_eq!(pairs, vec![(0, 1), (1, 0)]);
    }

    #[test]
    fn clusters_join_records_linked_through_a_chain() {
        let c = clusters(3, 0, &[link(0, 1, 1.0), link(1, 2, 1.0)], true);
        assert_eq!(c, vec![0, 0, 0]);
        let c = clusters(2, 2, &[link(1, 0, 1.0)], false);
        assert_eq!(c[1], c[2]);
        assert_ne!(c[0], c[1]);
        assert_ne!(c[3], c[1]);
    }
}
