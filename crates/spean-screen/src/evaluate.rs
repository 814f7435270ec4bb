//! Precision, recall and F1 of the screener against a labelled set, per language and
//! overall. The caller reads the set (the library does no I/O) and feeds each
//! example's language, label and the screener's `flagged` verdict to [`Report::add`].

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::lang::Lang;

/// Confusion counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Positives flagged.
    pub true_positives: usize,
    /// Negatives flagged.
    pub false_positives: usize,
    /// Positives missed.
    pub false_negatives: usize,
    /// Negatives passed.
    pub true_negatives: usize,
}

impl Counts {
    /// Counts one example.
    pub fn add(&mut self, expected: bool, predicted: bool) {
        match (expected, predicted) {
            (true, true) => self.true_positives += 1,
            (false, true) => self.false_positives += 1,
            (true, false) => self.false_negatives += 1,
            (false, false) => self.true_negatives += 1,
        }
    }

    /// Adds the counts of `other`.
    pub fn merge(&mut self, other: &Counts) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
        self.true_negatives += other.true_negatives;
    }

    /// Number of examples.
    pub fn total(&self) -> usize {
        self.true_positives + self.false_positives + self.false_negatives + self.true_negatives
    }

    /// TP / (TP + FP); 1 when nothing was flagged.
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    /// TP / (TP + FN); 1 when there are no positives.
    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Counts per language and overall.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Per language.
    pub by_lang: BTreeMap<Lang, Counts>,
    /// All examples.
    pub overall: Counts,
}

impl Report {
    /// Adds the examples of `other`, as if recorded here.
    pub fn merge(&mut self, other: &Report) {
        for (lang, counts) in &other.by_lang {
            self.by_lang.entry(*lang).or_default().merge(counts);
        }
        self.overall.merge(&other.overall);
    }

    /// Records one example.
    pub fn add(&mut self, lang: Lang, expected: bool, predicted: bool) {
        self.by_lang
            .entry(lang)
            .or_default()
            .add(expected, predicted);
        self.overall.add(expected, predicted);
    }

    /// A plain-text table.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{:<8} {:>5} {:>4} {:>4} {:>4} {:>4} {:>9} {:>7} {:>6}",
            "lang", "n", "tp", "fp", "fn", "tn", "precision", "recall", "f1"
        );
        let rows = self
            .by_lang
            .iter()
            .map(|(l, c)| (l.code(), c))
            .chain(std::iter::once(("overall", &self.overall)));
        for (name, c) in rows {
            let _ = writeln!(
                out,
                "{:<8} {:>5} {:>4} {:>4} {:>4} {:>4} {:>9.3} {:>7.3} {:>6.3}",
                name,
                c.total(),
                c.true_positives,
                c.false_positives,
                c.false_negatives,
                c.true_negatives,
                c.precision(),
                c.recall(),
                c.f1()
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_recall_and_f1_follow_their_definitions() {
        let mut report = Report::default();
        for (e, p) in [
            (true, true),
            (true, true),
            (true, false),
            (false, true),
            (false, false),
        ] {
            report.add(Lang::En, e, p);
        }
        let c = report.overall;
        assert!((c.precision() - 2.0 / 3.0).abs() < 1e-9);
        assert!((c.recall() - 2.0 / 3.0).abs() < 1e-9);
        assert!((c.f1() - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(report.by_lang.get(&Lang::En).map(Counts::total), Some(5));
    }

    #[test]
    fn the_table_has_a_row_per_language_and_overall() {
        let mut report = Report::default();
        report.add(Lang::Th, true, true);
        report.add(Lang::Km, false, false);
        let table = report.render();
        assert!(table.contains("\nth "), "{table}");
        assert!(table.contains("\nkm "), "{table}");
        assert!(table.contains("\noverall "), "{table}");
    }
}
