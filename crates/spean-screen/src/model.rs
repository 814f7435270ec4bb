//! A text model learned from the labelled sets: how much a text resembles the lures
//! they hold, read from its character n-grams.
//!
//! The lexicons catch a lure by the words analysts listed; lures written without
//! those words ("the work is easy, my cousin is there, the boss pays the ticket")
//! slip through. This model adds one contribution to the score, learned rather than
//! listed: logistic regression over the character 3- and 4-grams of the
//! normalised text (digits read as `0`), so it needs no word segmentation for Thai,
//! Khmer or Chinese. The sum is scaled by the square root of the number of n-grams,
//! so a long text does not count more than a short one.
//!
//! It stays explainable: its margin is `bias + Σ weight(n-gram) / √k` over the `k`
//! occurrences of known n-grams in the text, and [`TextModel::margin`] returns the
//! n-grams that moved it most, which the screener shows as the contribution's spans.
//!
//! The model is data, like the rules: one `n-gram<TAB>weight` per line, `#`
//! comments, and a `(bias)` line ([`TextModel::parse`], [`TextModel::to_tsv`]).
//! [`train`] fits it to labelled examples.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// Shortest and longest n-gram, in characters. Two-character n-grams were tried
/// too: they cost a quarter more time and gained less than 0.01 of F1 on the
/// development halves.
const MIN_N: usize = 3;
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
        let mut sum = 0.0f64;
        let mut known = 0usize;
        // The n-grams pulling up and down hardest, for the explanation; which side
        // is shown is known only at the end.
        let mut up = Strongest::default();
        let mut down = Strongest::default();
        for_each_ngram(normalized, |key, range| {
            let Some(&weight) = self.weights.get(&key) else {
                return;
            };
            sum += f64::from(weight);
            known += 1;
            let side = if weight > 0.0 { &mut up } else { &mut down };
            side.offer(weight.abs(), key, range, normalized);
        });
        if known == 0 {
            return Margin {
                value: self.bias,
                strongest: Vec::new(),
            };
        }
        let value = self.bias + sum / (known as f64).sqrt();
        let side = if value >= 0.0 { up } else { down };
        Margin {
            value,
            strongest: side.into_ranges(),
        }
    }
}

/// The few n-grams with the largest weights offered, one place each.
#[derive(Default)]
struct Strongest {
    /// (|weight|, hash, range), strongest first.
    kept: Vec<(f32, u64, Range<usize>)>,
}

impl Strongest {
    fn offer(&mut self, strength: f32, key: u64, range: Range<usize>, text: &str) {
        let full = self.kept.len() >= EXPLAINED;
        if full && self.kept.last().is_some_and(|(s, _, _)| *s >= strength) {
            return;
        }
        // Quoted are n-grams a reader can recognise: three or more characters, with
        // a letter among them (not "5678" or " ง"), each once. Outside ASCII, the
        // normalised text is letters and marks of its scripts.
        let readable = text.get(range.clone()).is_some_and(|gram| {
            gram.chars().nth(2).is_some()
                && gram
                    .chars()
                    .any(|c| !c.is_ascii() || c.is_ascii_alphabetic())
        });
        if !readable || self.kept.iter().any(|(_, k, _)| *k == key) {
            return;
        }
        let at = self.kept.partition_point(|(s, _, _)| *s >= strength);
        self.kept.insert(at, (strength, key, range));
        self.kept.truncate(EXPLAINED);
    }

    /// The ranges in text order, overlapping ones ("งาน", "านง") merged.
    fn into_ranges(self) -> Vec<Range<usize>> {
        let mut ranges: Vec<Range<usize>> = self.kept.into_iter().map(|(_, _, r)| r).collect();
        ranges.sort_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
        for range in ranges {
            match merged.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        merged
    }
}

/// Calls `visit` with the hash and byte range of every n-gram occurrence of a
/// normalised text, repeats included. Digits are read as `0`, so that numbers of
/// the same shape are the same n-gram. The hash of an n-gram extends that of its
/// prefix, so each character is hashed once per n-gram length it starts.
fn for_each_ngram(text: &str, mut visit: impl FnMut(u64, Range<usize>)) {
    let bytes = text.as_bytes();
    // The byte offsets of the next MAX_N character boundaries after a start.
    let mut bounds = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    let mut window: [usize; MAX_N + 1] = [0; MAX_N + 1];
    let mut filled = 0;
    for slot in window.iter_mut() {
        match bounds.next() {
            Some(b) => {
                *slot = b;
                filled += 1;
            }
            None => break,
        }
    }
    // `window[0]` is where the n-grams start, `window[n]` where the n-gram of `n`
    // characters ends; `filled` of them are known.
    while filled > MIN_N {
        let start = window[0];
        let mut hasher = Fnv::default();
        let mut from = start;
        for (n, &end) in window.iter().enumerate().take(filled).skip(1) {
            hasher.write_folded(bytes.get(from..end).unwrap_or_default());
            from = end;
            if n >= MIN_N {
                visit(hasher.finish_mixed(), start..end);
            }
        }
        window.rotate_left(1);
        match bounds.next() {
            Some(b) => window[MAX_N] = b,
            None => filled -= 1,
        }
    }
}

/// The hash of an n-gram, as [`for_each_ngram`] computes it.
fn hash(ngram: &[u8]) -> u64 {
    let mut hasher = Fnv::default();
    hasher.write_folded(ngram);
    hasher.finish_mixed()
}

/// FNV-1a, 64 bits: n-grams are a few bytes long, where it is fast and spreads well.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    /// Adds bytes with ASCII digits read as `0`.
    fn write_folded(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u8(if b.is_ascii_digit() { b'0' } else { b });
        }
    }

    /// The hash with its bits mixed (the SplitMix64 finaliser): FNV leaves the high
    /// bits of short inputs poorly mixed, and the map reads them.
    fn finish_mixed(&self) -> u64 {
        let mut h = self.0;
        h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        h ^ (h >> 31)
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
    // The n-gram occurrences of each example, and how many examples hold each
    // n-gram.
    let mut spelling: HashMap<u64, String> = HashMap::new();
    let mut document_count: HashMap<u64, usize> = HashMap::new();
    let per_example: Vec<Vec<u64>> = examples
        .iter()
        .map(|(text, _)| {
            let mut keys = Vec::new();
            for_each_ngram(text, |key, range| {
                keys.push(key);
                spelling.entry(key).or_insert_with(|| {
                    let gram = text.get(range).unwrap_or_default();
                    gram.chars()
                        .map(|c| if c.is_ascii_digit() { '0' } else { c })
                        .collect()
                });
            });
            let mut distinct = keys.clone();
            distinct.sort_unstable();
            distinct.dedup();
            for key in distinct {
                *document_count.entry(key).or_default() += 1;
            }
            keys
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
    // Each example as the feature index of every known occurrence, with one shared
    // value, 1/√k for k known occurrences, as in [`TextModel::margin`].
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
    // Every learned n-gram is kept, however small its weight: each counts in the
    // `k` of a text.
    let ngrams = vocabulary
        .iter()
        .zip(&weights)
        .filter_map(|(key, w)| spelling.get(key).map(|s| (s.clone(), *w as f32)))
        .collect();
    TextModel::new(bias, ngrams)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ngrams_of(text: &str) -> Vec<(u64, &str)> {
        let mut found = Vec::new();
        for_each_ngram(text, |key, range| {
            found.push((key, text.get(range).unwrap_or_default()))
        });
        found
    }

    #[test]
    fn every_occurrence_of_every_ngram_is_visited_with_digits_read_as_zero() {
        let grams = ngrams_of("ab ab 12");
        // 8 characters: 6 trigrams and 5 four-grams.
        assert_eq!(grams.len(), 11);
        assert_eq!(grams.iter().filter(|(_, g)| *g == "ab ").count(), 2);
        assert!(grams.iter().any(|(_, g)| *g == "b 1"));
        for (key, gram) in &grams {
            assert_eq!(*key, hash(gram.as_bytes()), "{gram}");
        }
        assert_eq!(hash(b"12"), hash(b"90"));
        assert_ne!(hash(b"ab"), hash(b"ba"));
        assert!(ngrams_of("ab").is_empty());
        assert_eq!(ngrams_of("abc").len(), 1);
    }

    #[test]
    fn ngrams_follow_characters_not_bytes() {
        let text = "ทำงาน";
        let grams = ngrams_of(text);
        assert_eq!(grams.len(), 3 + 2);
        for (_, gram) in grams {
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
        let model = TextModel::new(
            0.5,
            vec![("#คน".to_owned(), 1.0), ("bias".to_owned(), -1.0)],
        );
        let read = TextModel::parse(&model.to_tsv("header")).expect("valid");
        assert_eq!(read, model);
    }

    #[test]
    fn a_bad_model_file_is_refused_with_its_line() {
        let err = TextModel::parse("(bias)\t0.1\nabc\tx\n").expect_err("bad weight");
        assert_eq!(err.line, 2);
        let err = TextModel::parse("(bias)\t0.1\nabcdef\t1.0\n").expect_err("too long");
        assert_eq!(err.line, 2);
        let err = TextModel::parse("abc\t1.0\n").expect_err("no bias");
        assert!(err.reason.contains("bias"));
    }
}
