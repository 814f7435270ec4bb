//! The Fellegi–Sunter model: per field and level, how likely agreement is among matches
//! (m) and among non-matches (u), plus the prior probability that two records match.
//!
//! Training follows the unsupervised recipe that Splink made common:
//! - **u from random pairs.** Almost every random pair is a non-match, so the level
//!   frequencies over a large random sample estimate u directly.
//! - **m by expectation–maximisation** over the blocked candidate pairs, where matches
//!   are frequent enough to be seen. The comparison vectors are first collapsed into
//!   distinct patterns with counts, so each EM step costs the number of patterns, not
//!   of pairs. Known matching pairs (`--labels`) enter every M-step as certain matches.
//! - The prior over all pairs is EM's share of matches among candidates, scaled by the
//!   number of candidates over the number of possible pairs.
//!
//! Scoring sums log₂(m/u) over the fields that are present, adds the term-frequency
//! adjustment for exact agreement on rare values, and turns the total match weight into
//! a probability with the prior.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::compare::level_count;
use crate::kind::FieldSpec;

/// Levels of one pair, four bits per field; `0xF` marks a missing value.
pub type Gamma = u64;

/// The marker of a missing level inside a [`Gamma`].
pub const MISSING: u8 = 0xF;

/// Most fields a model can have (four bits each in a [`Gamma`]).
pub const MAX_FIELDS: usize = 16;

/// Packs per-field levels into a [`Gamma`].
pub fn pack(levels: impl IntoIterator<Item = Option<u8>>) -> Gamma {
    levels.into_iter().enumerate().fold(0, |g, (f, l)| {
        g | (u64::from(l.unwrap_or(MISSING) & 0xF) << (4 * f))
    })
}

/// The level of field `f` in `gamma`, or `None` when missing.
pub fn level_of(gamma: Gamma, f: usize) -> Option<u8> {
    let l = ((gamma >> (4 * f)) & 0xF) as u8;
    (l != MISSING).then_some(l)
}

/// A trained model, saved and loaded as JSON (`--save-model`, `--model`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model {
    /// The fields, in order.
    pub fields: Vec<FieldSpec>,
    /// m probabilities, per field then level.
    pub m: Vec<Vec<f64>>,
    /// u probabilities, per field then level.
    pub u: Vec<Vec<f64>>,
    /// Probability that two records drawn at random are a match.
    pub prior: f64,
    /// The blocking rules used in training, as lists of column names.
    pub blocking: Vec<Vec<String>>,
    /// EM iterations run.
    pub em_iterations: usize,
}

/// Smallest probability a level may get, so that logs stay finite.
const FLOOR: f64 = 1e-6;

/// Estimates u from the levels of random pairs.
pub fn u_from_samples(fields: &[FieldSpec], gammas: &[Gamma]) -> Vec<Vec<f64>> {
    let mut counts: Vec<Vec<f64>> = fields
        .iter()
        .map(|f| vec![0.0; level_count(f.kind)])
        .collect();
    for &g in gammas {
        for (f, c) in counts.iter_mut().enumerate() {
            if let Some(slot) = level_of(g, f).and_then(|l| c.get_mut(usize::from(l))) {
                *slot += 1.0;
            }
        }
    }
    counts.into_iter().map(normalise).collect()
}

fn normalise(mut v: Vec<f64>) -> Vec<f64> {
    // Half a count of smoothing per level: an unseen level is rare, not impossible.
    for x in v.iter_mut() {
        *x += 0.5;
    }
    let total: f64 = v.iter().sum();
    for x in v.iter_mut() {
        *x = (*x / total).max(FLOOR);
    }
    v
}

/// Result of EM over candidate pairs.
#[derive(Debug, Clone)]
pub struct EmFit {
    /// m probabilities.
    pub m: Vec<Vec<f64>>,
    /// Share of matches among the candidate pairs.
    pub lambda: f64,
    /// Iterations run.
    pub iterations: usize,
}

/// Runs EM over the distinct patterns of the candidate pairs.
///
/// `u_start` (from random pairs) seeds the non-match side; both sides are re-estimated
/// from the candidates (blocking makes candidate non-matches agree more often than
/// random ones), but only m is kept for scoring. `labelled` holds the patterns of known
/// matches, counted as matches in every M-step.
pub fn em(
    fields: &[FieldSpec],
    patterns: &HashMap<Gamma, u64>,
    labelled: &[Gamma],
    u_start: &[Vec<f64>],
    max_iterations: usize,
) -> EmFit {
    let n_fields = fields.len();
    let mut m: Vec<Vec<f64>> = fields
        .iter()
        .map(|f| {
            // Start with matches mostly at the top level, falling off below it.
            let n = level_count(f.kind);
            let raw: Vec<f64> = (0..n)
                .map(|l| 2f64.powi(3 * (l as i32 - n as i32 + 1)))
                .collect();
            let total: f64 = raw.iter().sum();
            raw.into_iter().map(|x| x / total).collect()
        })
        .collect();
    let mut u = u_start.to_vec();
    let mut lambda = 0.1;
    let list: Vec<(Gamma, f64)> = patterns.iter().map(|(&g, &c)| (g, c as f64)).collect();
    let total: f64 = list.iter().map(|(_, c)| c).sum();
    let mut iterations = 0;
    for _ in 0..max_iterations {
        iterations += 1;
        let mut m_acc: Vec<Vec<f64>> = m.iter().map(|v| vec![0.0; v.len()]).collect();
        let mut u_acc: Vec<Vec<f64>> = u.iter().map(|v| vec![0.0; v.len()]).collect();
        let mut matches = 0.0;
        for &(g, count) in &list {
            let (mut pm, mut pu) = (lambda, 1.0 - lambda);
            for f in 0..n_fields {
                if let Some(l) = level_of(g, f) {
                    let l = usize::from(l);
                    pm *= m.get(f).and_then(|v| v.get(l)).copied().unwrap_or(FLOOR);
                    pu *= u.get(f).and_then(|v| v.get(l)).copied().unwrap_or(FLOOR);
                }
            }
            let posterior = if pm + pu > 0.0 { pm / (pm + pu) } else { 0.0 };
            matches += posterior * count;
            accumulate(&mut m_acc, g, posterior * count);
            accumulate(&mut u_acc, g, (1.0 - posterior) * count);
        }
        for &g in labelled {
            accumulate(&mut m_acc, g, 1.0);
        }
        let new_lambda = (matches / total.max(1.0)).clamp(1e-9, 1.0 - 1e-9);
        let new_m: Vec<Vec<f64>> = m_acc.into_iter().map(proportions).collect();
        u = u_acc.into_iter().map(proportions).collect();
        let change = (new_lambda - lambda).abs()
            + new_m
                .iter()
                .flatten()
                .zip(m.iter().flatten())
                .map(|(a, b)| (a - b).abs())
                .fold(0.0, f64::max);
        m = new_m;
        lambda = new_lambda;
        if change < 1e-6 {
            break;
        }
    }
    EmFit {
        m,
        lambda,
        iterations,
    }
}

fn accumulate(acc: &mut [Vec<f64>], g: Gamma, weight: f64) {
    for (f, levels) in acc.iter_mut().enumerate() {
        if let Some(slot) = level_of(g, f).and_then(|l| levels.get_mut(usize::from(l))) {
            *slot += weight;
        }
    }
}

fn proportions(v: Vec<f64>) -> Vec<f64> {
    let total: f64 = v.iter().sum();
    if total <= 0.0 {
        let n = v.len().max(1) as f64;
        return v.iter().map(|_| 1.0 / n).collect();
    }
    v.into_iter().map(|x| (x / total).max(FLOOR)).collect()
}

impl Model {
    /// The match weight (log₂ Bayes factor) of field `f` at `level`.
    pub fn level_weight(&self, f: usize, level: u8) -> f64 {
        let l = usize::from(level);
        let m = self
            .m
            .get(f)
            .and_then(|v| v.get(l))
            .copied()
            .unwrap_or(FLOOR);
        let u = self
            .u
            .get(f)
            .and_then(|v| v.get(l))
            .copied()
            .unwrap_or(FLOOR);
        (m.max(FLOOR) / u.max(FLOOR)).log2()
    }

    /// The weight of the prior odds.
    pub fn prior_weight(&self) -> f64 {
        let p = self.prior.clamp(1e-15, 1.0 - 1e-15);
        (p / (1.0 - p)).log2()
    }

    /// u of the top (exact) level of field `f`, the base of the term-frequency
    /// adjustment.
    pub fn exact_u(&self, f: usize) -> f64 {
        self.u
            .get(f)
            .and_then(|v| v.last())
            .copied()
            .unwrap_or(FLOOR)
    }
}

/// The probability of a total match weight.
pub fn probability(weight: f64) -> f64 {
    1.0 / (1.0 + (-weight).exp2())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kind::FieldKind;

    fn fields() -> Vec<FieldSpec> {
        vec![
            FieldSpec {
                column: "a".into(),
                kind: FieldKind::Sex,
            },
            FieldSpec {
                column: "b".into(),
                kind: FieldKind::Sex,
            },
            FieldSpec {
                column: "c".into(),
                kind: FieldKind::Sex,
            },
        ]
    }

    #[test]
    fn packing_round_trips_levels_and_missing_values() {
        let g = pack([Some(3), None, Some(0)]);
        assert_eq!(level_of(g, 0), Some(3));
        assert_eq!(level_of(g, 1), None);
        assert_eq!(level_of(g, 2), Some(0));
    }

    #[test]
    fn u_is_the_level_frequency_among_random_pairs() {
        let gammas: Vec<Gamma> = (0..1000)
            .map(|i: u32| pack([Some(u8::from(i.is_multiple_of(10))), None, None]))
            .collect();
        let u = u_from_samples(&fields(), &gammas);
        assert!((u[0][1] - 0.1).abs() < 0.01, "{:?}", u[0]);
    }

    #[test]
    fn em_separates_a_planted_group_of_matches() {
        // 100 matches agreeing on all three fields, 900 non-matches agreeing at random
        // on each field with probability 0.2 (seeded by index so the test is fixed).
        let mut patterns: HashMap<Gamma, u64> = HashMap::new();
        for _ in 0..100 {
            *patterns
                .entry(pack([Some(1), Some(1), Some(1)]))
                .or_default() += 1;
        }
        for i in 0..900u32 {
            let bit = |k: u32| {
                Some(u8::from(
                    (i.wrapping_mul(2_654_435_761) >> k).is_multiple_of(5),
                ))
            };
            *patterns
                .entry(pack([bit(3), bit(11), bit(19)]))
                .or_default() += 1;
        }
        let u0 = vec![vec![0.8, 0.2]; 3];
        let fit = em(&fields(), &patterns, &[], &u0, 200);
        assert!((fit.lambda - 0.1).abs() < 0.03, "lambda {}", fit.lambda);
        assert!(fit.m[0][1] > 0.9, "m {:?}", fit.m);
    }

    #[test]
    fn probability_of_weight_zero_is_one_half() {
        assert!((probability(0.0) - 0.5).abs() < 1e-12);
        assert!(probability(20.0) > 0.999);
    }
}
