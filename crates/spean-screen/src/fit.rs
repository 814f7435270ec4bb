//! Fitting the indicator weights and the bias to a labelled set, so that analysts can
//! refit them when they add indicators or examples, and see how far the weights in
//! their rules file are from what the data says.
//!
//! The model is the screener's own: `risk = logistic(bias + Σ weight)` over the
//! indicators found. Fitting it is L2-regularised logistic regression on one binary
//! feature per indicator (present or not), by full-batch gradient descent from zero
//! for a fixed number of steps, so the same examples always give the same weights.
//! The penalty keeps an indicator seen in few examples near zero instead of letting
//! it decide alone. The caller screens the examples (the library does no I/O) and
//! passes which indicators each one triggered.

/// Settings of a fit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitSettings {
    /// Strength of the L2 penalty on the weights (not on the bias).
    pub l2: f64,
    /// Gradient steps.
    pub steps: usize,
    /// Step size.
    pub rate: f64,
}

impl Default for FitSettings {
    /// The settings the weights of the built-in rules were fitted with.
    fn default() -> Self {
        FitSettings {
            l2: 0.3,
            steps: 3000,
            rate: 5.0,
        }
    }
}

/// One labelled example: the indexes of the indicators it triggered, and whether it
/// is a lure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// Indexes into the rules' indicators.
    pub present: Vec<usize>,
    /// True for a trafficking risk.
    pub label: bool,
}

/// Fitted bias and weights.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// Log-odds before any indicator.
    pub bias: f64,
    /// One weight per indicator, in the rules' order.
    pub weights: Vec<f64>,
}

impl Fit {
    /// The log-odds this fit gives an example.
    pub fn score(&self, present: &[usize]) -> f64 {
        self.bias
            + present
                .iter()
                .filter_map(|&i| self.weights.get(i))
                .sum::<f64>()
    }
}

/// Fits a bias and `n_indicators` weights to `examples`.
pub fn fit(examples: &[Example], n_indicators: usize, settings: FitSettings) -> Fit {
    let mut fit = Fit {
        bias: 0.0,
        weights: vec![0.0; n_indicators],
    };
    if examples.is_empty() {
        return fit;
    }
    let n = examples.len() as f64;
    let mut gradient = vec![0.0; n_indicators];
    for _ in 0..settings.steps {
        for (g, w) in gradient.iter_mut().zip(&fit.weights) {
            *g = settings.l2 * w;
        }
        let mut bias_gradient = 0.0;
        for example in examples {
            let risk = 1.0 / (1.0 + (-fit.score(&example.present)).exp());
            let error = risk - if example.label { 1.0 } else { 0.0 };
            bias_gradient += error;
            for &i in &example.present {
                if let Some(g) = gradient.get_mut(i) {
                    *g += error;
                }
            }
        }
        fit.bias -= settings.rate * bias_gradient / n;
        for (w, g) in fit.weights.iter_mut().zip(&gradient) {
            *w -= settings.rate * g / n;
        }
    }
    fit
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(present: &[usize], label: bool) -> Example {
        Example {
            present: present.to_vec(),
            label,
        }
    }

    #[test]
    fn an_indicator_seen_only_on_lures_gets_a_positive_weight_and_one_seen_only_on_ordinary_ads_a_negative_one()
     {
        let mut examples = Vec::new();
        for _ in 0..20 {
            examples.push(example(&[0], true));
            examples.push(example(&[1], false));
            examples.push(example(&[2], true));
            examples.push(example(&[2], false));
        }
        let fit = fit(&examples, 3, FitSettings::default());
        assert!(fit.weights[0] > 1.0, "{fit:?}");
        assert!(fit.weights[1] < -1.0, "{fit:?}");
        assert!(fit.weights[2].abs() < 0.2, "{fit:?}");
        assert!(fit.score(&[0]) > 0.0 && fit.score(&[1]) < 0.0);
    }

    #[test]
    fn the_penalty_keeps_a_rare_indicator_small() {
        let mut examples = vec![example(&[0], true)];
        for _ in 0..40 {
            examples.push(example(&[1], true));
            examples.push(example(&[], false));
        }
        let loose = fit(
            &examples,
            2,
            FitSettings {
                l2: 0.0,
                ..FitSettings::default()
            },
        );
        let penalised = fit(&examples, 2, FitSettings::default());
        assert!(
            penalised.weights[0] < loose.weights[0],
            "{loose:?} {penalised:?}"
        );
    }

    #[test]
    fn the_same_examples_give_the_same_weights() {
        let examples = vec![example(&[0, 1], true), example(&[1], false)];
        assert_eq!(
            fit(&examples, 2, FitSettings::default()),
            fit(&examples, 2, FitSettings::default())
        );
        assert_eq!(fit(&[], 2, FitSettings::default()).weights, [0.0, 0.0]);
    }
}
