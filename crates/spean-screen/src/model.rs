//! A text model learned from the labelled sets: how much a text resembles the lures
//! they hold, read from its character n-grams.
//!
//! The lexicons catch a lure by the words analysts listed; lures written without
//! those words ("the work is easy, my cousin is there, the boss pays the ticket")
//! slip through. This model adds one contribution to the score, learned rather than
//! listed: logistic regression over the presence of every character 2-, 3- and
//! 4-gram of the normalised text (digits read as `0`), so it needs no word
//! segmentation for Thai, Khmer or Chinese. The features of a text are scaled to
//! unit length, so a long text does not count more than a short one.
//!
//! It stays explainable: its margin is `bias + Σ weight(n-gram) / √k` over the `k`
//! known n-grams of the text, and [`TextModel::margin`] returns the n-grams that
//! moved it most, which the screener shows as the contribution's spans.
//!
//! The model is data, like the rules: one `n-gram<TAB>weight` per line, `#`
//! comments, and a `(bias)` line ([`TextModel::parse`], [`TextModel::to_tsv`]).
//! [`train`] fits it to labelled examples.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// Shortest and longest n-gram, in characters.
const MIN_N: usize = 2;
const MAX_N: usize = 4;

/// A learned text model: a weight per known n-gram, and a bias.
#[derive(Debug, Clone, PartialEq)]
pub struct TextModel {
    bias: f64,
    /// Weight of each n-gram, by the hash of its bytes.
    weights: HashMap<u64, f32, BuildHasherDefault<PreHashed>>,
    /// The n-grams themselves, for writing the model out.
    ngrams: Vec<(String, f32)>,
}

/// Why a model file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct ModelError {
    /// 1-based line of the problem.
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

/// The model's verdict on one text.
#[derive(Debug, Clone, PartialEq)]
pub struct Margin {
    /// Log-odds the model gives the text.
    pub value: f64,
    /// Where the n-grams that pushed the margin furthest in its own direction are
    /// (byte ranges of the normalised text, in text order, overlapping ones merged).
    pub strongest: Vec<Range<usize>>,
}

/// The key of the bias line: longer than any n-gram, so never one.
const BIAS_KEY: &str = "(bias)";

/// How many n-grams an explanation quotes.
const EXPLAINED: usize = 5;

impl TextModel {
    /// The model shipped in the binary, learned from the labelled sets in
    /// `tests/data/` outside their test splits.
    pub fn default_model() -> TextModel {
        match TextModel::parse(include_str!("../rules/text-model.tsv")) {
            Ok(model) => model,
            Err(e) => panic!("built-in text model is invalid: {e}"),
        }
    }

    /// Reads a model file: a `(bias)<TAB>value` line and `n-gram<TAB>weight` lines;
    /// lines without a tab that start with `#` are comments.
    pub fn parse(source: &str) -> Result<TextModel, ModelError> {
        let mut bias = None;
        let mut ngrams = Vec::new();
        for (index, line) in source.lines().enumerate() {
            let line_number = index + 1;
            // An n-gram may start with `#`, but its line has a tab; a comment has none.
            if line.is_empty() || (line.starts_with('#') && !line.contains('\t')) {
                continue;
            }
            let fail = |reason: &str| ModelError {
                line: line_number,
                reason: reason.to_owned(),
            };
            let Some((key, value)) = line.rsplit_once('\t') else {
                return Err(fail("expected an n-gram, a tab and a weight"));
            };
            let value: f64 = value
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite())
                .ok_or_else(|| fail("the weight is not a finite number"))?;
            if key == BIAS_KEY {
                bias = Some(value);
                continue;
            }
            let n = key.chars().count();
            if !(MIN_N..=MAX_N).contains(&n) {
                return Err(fail(&format!(
                    "an n-gram has {MIN_N} to {MAX_N} characters, not {n}"
                )));
            }
            ngrams.push((key.to_owned(), value as f32));
        }
        let Some(bias) = bias else {
            return Err(ModelError {
                line: 1,
                reason: "no bias line".to_owned(),
            });
        };
        Ok(TextModel::new(bias, ngrams))
    }

    fn new(bias: f64, mut ngrams: Vec<(String, f32)>) -> TextModel {
        ngrams.sort_by(|a, b| a.0.cmp(&b.0));
        ngrams.dedup_by(|a, b| a.0 == b.0);
        let weights = ngrams
            .iter()
            .map(|(ngram, weight)| (hash(ngram.as_bytes()), *weight))
            .collect();
        TextModel {
            bias,
            weights,
            ngrams,
        }
    }

    /// The model as a file that [`TextModel::parse`] reads back.
    pub fn to_tsv(&self, header: &str) -> String {
        let mut out = String::new();
        for line in header.lines() {
            let _ = writeln!(out, "# {line}");
        }
        let _ = writeln!(out, "{BIAS_KEY}\t{:.4}", self.bias);
        for (ngram, weight) in &self.ngrams {
            let _ = writeln!(out, "{ngram}\t{weight:.4}");
        }
        out
    }

    /// Number of n-grams with a weight.
    pub fn len(&self) -> usize {
        self.ngrams.len()
    }

    /// Whether the model knows no n-gram.
    pub fn is_empty(&self) -> bool {
        self.ngrams.is_empty()
    }

    /// The model's log-odds for a normalised text, with the n-grams that moved it
    /// most.
    pub fn margin(&self, normalized: &str) -> Margin {
        let known: Vec<(f32, Range<usize>)> = distinct_ngrams(normalized)
            .into_iter()
            .filter_map(|(key, range)| self.weights.get(&key).map(|w| (*w, range)))
            .collect();
        if known.is_empty() {
            return Margin {
                value: self.bias,
                strongest: Vec::new(),
            };
        }
        let scale = 1.0 / (known.len() as f64).sqrt();
        let value = self.bias + known.iter().map(|(w, _)| f64::from(*w)).sum::<f64>() * scale;
        let direction = if value >= 0.0 { 1.0 } else { -1.0 };
        // Quoted are n-grams a reader can recognise: three or more characters, with
        // a letter among them (not "5678" or " ง").
        let readable = |range: &Range<usize>| {
            normalized.get(range.clone()).is_some_and(|gram| {
                gram.chars().count() >= 3 && gram.chars().any(char::is_alphabetic)
            })
        };
        let mut pulling: Vec<&(f32, Range<usize>)> = known
            .iter()
            .filter(|(w, range)| f64::from(*w) * direction > 0.0 && readable(range))
            .collect();
        pulling.sort_by(|a, b| (b.0 * direction as f32).total_cmp(&(a.0 * direction as f32)));
        let mut strongest: Vec<Range<usize>> = pulling
            .into_iter()
            .take(EXPLAINED)
            .map(|(_, range)| range.clone())
            .collect();
        // Overlapping n-grams ("งาน", "านง") are quoted as one stretch.
        strongest.sort_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(strongest.len());
        for range in strongest {
            match merged.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        Margin {
            value,
            strongest: merged,
        }
    }
}

/// Every distinct n-gram of a normalised text, by hash, with the byte range of its
/// first occurrence. Digits are read as `0`, so that numbers of the same shape are
/// the same n-gram.
fn distinct_ngrams(text: &str) -> Vec<(u64, Range<usize>)> {
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let bytes = text.as_bytes();
    let mut found = Vec::with_capacity(bounds.len() * (MAX_N - MIN_N + 1));
    for (i, &start) in bounds.iter().enumerate() {
        for n in MIN_N..=MAX_N {
            let Some(&end) = bounds.get(i + n) else {
                break;
            };
            found.push((hash(bytes.get(start..end).unwrap_or_default()), start..end));
        }
    }
    // Keep the first occurrence of each: sort by hash, then by position.
    found.sort_unstable_by_key(|(key, range)| (*key, range.start));
    found.dedup_by_key(|(key, _)| *key);
    found
}

/// The hash of an n-gram, its digits read as `0`.
fn hash(ngram: &[u8]) -> u64 {
    let mut hasher = Fnv::default();
    for &b in ngram {
        hasher.write_u8(if b.is_ascii_digit() { b'0' } else { b });
    }
    hasher.finish()
}

/// FNV-1a, 64 bits: n-grams are a few bytes long, where it is fast and spreads well.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u8(b);
        }
    }
    fn write_u8(&mut self, b: u8) {
        self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
}

/// The map's keys are hashes already: they are used as they are.
#[derive(Default)]
struct PreHashed(u64);

impl Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Settings of [`train`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainSettings {
    /// An n-gram is learned only if at least this many examples contain it.
    pub min_examples: usize,
    /// Strength of the L2 penalty (on the mean log-loss).
    pub l2: f64,
    /// Full-batch gradient steps from zero.
    pub steps: usize,
    /// Step size.
    pub rate: f64,
}

impl Default for TrainSettings {
    /// The settings the built-in model was trained with.
    fn default() -> Self {
        TrainSettings {
            min_examples: 2,
            l2: 1e-4,
            steps: 1500,
            rate: 4.0,
        }
    }
}

/// Learns a model from normalised texts and their labels (true for a lure). The
/// same examples in the same order always give the same model.
pub fn train(examples: &[(&str, bool)], settings: TrainSettings) -> TextModel {
    // The n-grams of each example, and how many examples hold each n-gram.
    let mut spelling: HashMap<u64, String> = HashMap::new();
    let mut document_count: HashMap<u64, usize> = HashMap::new();
    let per_example: Vec<Vec<u64>> = examples
        .iter()
        .map(|(text, _)| {
            let grams = distinct_ngrams(text);
            for (key, range) in &grams {
                *document_count.entry(*key).or_default() += 1;
                spelling.entry(*key).or_insert_with(|| {
                    let gram = text.get(range.clone()).unwrap_or_default();
                    gram.chars()
                        .map(|c| if c.is_ascii_digit() { '0' } else { c })
                        .collect()
                });
            }
            grams.into_iter().map(|(key, _)| key).collect()
        })
        .collect();
    let mut vocabulary: Vec<u64> = document_count
        .iter()
        .filter(|(_, count)| **count >= settings.min_examples)
        .map(|(key, _)| *key)
        .collect();
    vocabulary.sort_unstable();
    let index: HashMap<u64, usize> = vocabulary
        .iter()
        .enumerate()
        .map(|(i, k)| (*k, i))
        .collect();
    // Each example as feature indexes with one shared value, 1/√k.
    let rows: Vec<(Vec<usize>, f64, f64)> = per_example
        .iter()
        .zip(examples)
        .map(|(keys, (_, label))| {
            let features: Vec<usize> = keys.iter().filter_map(|k| index.get(k).copied()).collect();
            let value = if features.is_empty() {
                0.0
            } else {
                1.0 / (features.len() as f64).sqrt()
            };
            (features, value, if *label { 1.0 } else { 0.0 })
        })
        .collect();

    let mut weights = vec![0.0f64; vocabulary.len()];
    let mut bias = 0.0f64;
    let mut gradient = vec![0.0f64; vocabulary.len()];
    let n = rows.len().max(1) as f64;
    for _ in 0..settings.steps {
        for (g, w) in gradient.iter_mut().zip(&weights) {
            *g = settings.l2 * w;
        }
        let mut bias_gradient = 0.0;
        for (features, value, label) in &rows {
            let margin =
                bias + features.iter().filter_map(|&f| weights.get(f)).sum::<f64>() * value;
            let error = (1.0 / (1.0 + (-margin).exp()) - label) / n;
            bias_gradient += error;
            for &f in features {
                if let Some(g) = gradient.get_mut(f) {
                    *g += error * value;
                }
            }
        }
        bias -= settings.rate * bias_gradient;
        for (w, g) in weights.iter_mut().zip(&gradient) {
            *w -= settings.rate * g;
        }
    }
    let ngrams = vocabulary
        .iter()
        .zip(&weights)
        .filter(|(_, w)| w.abs() >= 1e-3)
        .filter_map(|(key, w)| spelling.get(key).map(|s| (s.clone(), *w as f32)))
        .collect();
    TextModel::new(bias, ngrams)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ngrams_are_distinct_and_read_digits_as_zero() {
        let grams = distinct_ngrams("ab ab 12");
        let spelled: Vec<&str> = grams
            .iter()
            .map(|(_, r)| "ab ab 12".get(r.clone()).unwrap_or_default())
            .collect();
        // "ab" twice is one n-gram; "12" and "ab" are 2-grams, "b 1" a 3-gram.
        assert_eq!(spelled.iter().filter(|g| **g == "ab").count(), 1);
        assert!(spelled.contains(&"b 1"));
        assert_eq!(hash(b"12"), hash(b"90"));
        assert_ne!(hash(b"ab"), hash(b"ba"));
    }

    #[test]
    fn ngrams_follow_characters_not_bytes() {
        let text = "ทำงาน";
        for (_, range) in distinct_ngrams(text) {
            let gram = text.get(range).expect("on character boundaries");
            assert!((MIN_N..=MAX_N).contains(&gram.chars().count()), "{gram}");
        }
    }

    fn toy_examples() -> Vec<(&'static str, bool)> {
        let mut examples = Vec::new();
        for _ in 0..10 {
            examples.push(("easy job abroad, boss pays the ticket", true));
            examples.push(("my cousin says the boss pays the flight", true));
            examples.push(("cashier wanted in our shop, apply in person", false));
            examples.push(("office clerk, apply in person at the shop", false));
        }
        examples
    }

    #[test]
    fn training_learns_the_ngrams_that_separate_the_labels() {
        let model = train(&toy_examples(), TrainSettings::default());
        assert!(model.margin("the boss pays").value > 1.0);
        assert!(model.margin("apply in person").value < -1.0);
        let margin = model.margin("the boss pays for you");
        let text = "the boss pays for you";
        let quoted: Vec<&str> = margin
            .strongest
            .iter()
            .filter_map(|r| text.get(r.clone()))
            .collect();
        assert!(!quoted.is_empty() && quoted.len() <= EXPLAINED);
        // What is quoted comes from the words learned from the lures, not from the
        // unseen "for you".
        assert!(
            quoted.iter().all(|g| "the boss pays ".contains(g)),
            "{quoted:?}"
        );
    }

    #[test]
    fn a_text_with_no_known_ngram_gets_the_bias() {
        let model = train(&toy_examples(), TrainSettings::default());
        let margin = model.margin("ផ្ទះ");
        assert!((margin.value - model.bias).abs() < 1e-12);
        assert!(margin.strongest.is_empty());
    }

    #[test]
    fn a_model_reads_back_what_it_writes() {
        let model = train(&toy_examples(), TrainSettings::default());
        let written = model.to_tsv("toy model\nsecond line");
        let read = TextModel::parse(&written).expect("valid");
        assert_eq!(read.len(), model.len());
        let text = "easy job, boss pays";
        assert!((read.margin(text).value - model.margin(text).value).abs() < 1e-3);
    }

    #[test]
    fn ngrams_that_look_like_comments_or_the_bias_read_back() {
        let model = TextModel::new(0.5, vec![("#ค".to_owned(), 1.0), ("bias".to_owned(), -1.0)]);
        let read = TextModel::parse(&model.to_tsv("header")).expect("valid");
        assert_eq!(read, model);
    }

    #[test]
    fn a_bad_model_file_is_refused_with_its_line() {
        let err = TextModel::parse("(bias)\t0.1\nab\tx\n").expect_err("bad weight");
        assert_eq!(err.line, 2);
        let err = TextModel::parse("(bias)\t0.1\nabcdef\t1.0\n").expect_err("too long");
        assert_eq!(err.line, 2);
        let err = TextModel::parse("ab\t1.0\n").expect_err("no bias");
        assert!(err.reason.contains("bias"));
    }
}
