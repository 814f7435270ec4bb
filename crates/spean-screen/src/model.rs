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
use std::ops::Range;

/// Shortest and longest n-gram, in characters. Two-character n-grams were tried
/// too: they cost a quarter more time and gained less than 0.01 of F1 on the
/// development halves.
const MIN_N: usize = 3;
const MAX_N: usize = 4;

/// A learned text model: a weight per known n-gram, and a bias.
#[derive(Debug, Clone)]
pub struct TextModel {
    bias: f64,
    /// Weight of each n-gram, by its key.
    weights: NgramTable,
    /// The n-grams themselves, for writing the model out.
    ngrams: Vec<(String, f32)>,
}

/// Two models are the same when they have the same bias and the same n-grams with
/// the same weights; the table is built from those.
impl PartialEq for TextModel {
    fn eq(&self, other: &TextModel) -> bool {
        self.bias == other.bias && self.ngrams == other.ngrams
    }
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
        let weights = NgramTable::new(&ngrams);
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
        let mut tally = Tally::default();
        // A 4-gram is looked up only where its first three characters were found:
        // the table holds the first three characters of every 4-gram it knows.
        let mut previous_found = false;
        for window in Windows::new(normalized) {
            if let Some(previous) = window.previous.filter(|_| previous_found) {
                tally.add(
                    &self.weights,
                    extended_key(previous, window.last),
                    window.four_start..window.end,
                );
            }
            previous_found = tally.add(&self.weights, window.key, window.three_start..window.end);
        }
        if tally.known == 0 {
            return Margin {
                value: self.bias,
                strongest: Vec::new(),
            };
        }
        let value = self.bias + tally.sum / (tally.known as f64).sqrt();
        let side = if value >= 0.0 { tally.up } else { tally.down };
        Margin {
            value,
            strongest: side.into_ranges(),
        }
    }
}

/// The weights of a text's n-grams, summed as they are read.
#[derive(Default)]
struct Tally {
    sum: f64,
    /// How many n-grams had a weight.
    known: usize,
    /// The n-grams pulling up and down hardest, for the explanation; which side is
    /// shown is known only at the end.
    up: Strongest,
    down: Strongest,
}

impl Tally {
    /// Adds the n-gram `key` found at `range`, if the table has a weight for it.
    /// Returns whether the table knows the key at all, as an n-gram or as the first
    /// three characters of one.
    ///
    /// Inlined into the loop over the text by demand: it runs for nearly every
    /// character, and a call costs as much as the lookup.
    #[inline(always)]
    fn add(&mut self, table: &NgramTable, key: u64, range: Range<usize>) -> bool {
        let (weight, quotable) = match table.get(key) {
            Lookup::Weight { weight, quotable } => (weight, quotable),
            Lookup::Prefix => return true,
            Lookup::Absent => return false,
        };
        self.sum += f64::from(weight);
        self.known += 1;
        if quotable {
            let side = if weight > 0.0 {
                &mut self.up
            } else {
                &mut self.down
            };
            side.offer(weight.abs(), key, range);
        }
        true
    }
}

/// The few n-grams with the largest weights offered, one place each.
struct Strongest {
    /// The first `len` are kept, strongest first.
    kept: [Kept; EXPLAINED],
    len: usize,
    /// What an offer must exceed to be kept: the weakest kept strength once every
    /// place is taken, below any strength until then. Most offers fall short, and
    /// this makes that one comparison.
    bar: f32,
}

impl Default for Strongest {
    fn default() -> Strongest {
        Strongest {
            kept: [Kept::default(); EXPLAINED],
            len: 0,
            bar: -1.0,
        }
    }
}

/// One n-gram kept for the explanation.
#[derive(Debug, Clone, Copy, Default)]
struct Kept {
    strength: f32,
    key: u64,
    start: usize,
    end: usize,
}

impl Strongest {
    /// Offers an n-gram; most offers are weaker than every kept one, and cost one
    /// comparison.
    #[inline(always)]
    fn offer(&mut self, strength: f32, key: u64, range: Range<usize>) {
        if strength > self.bar {
            self.keep(strength, key, range);
        }
    }

    /// Puts the n-gram after the kept ones at least as strong, unless it is kept
    /// already; the weakest falls off when all places are taken.
    #[inline(never)]
    fn keep(&mut self, strength: f32, key: u64, range: Range<usize>) {
        let kept = self.kept.get(..self.len).unwrap_or_default();
        if kept.iter().any(|k| k.key == key) {
            return;
        }
        // From the place it fills (the first free one, or the weakest's, which
        // `offer` checked is weaker), move the weaker ones down until it fits.
        let mut at = self.len.min(EXPLAINED - 1);
        while at > 0 && self.kept[at - 1].strength < strength {
            self.kept[at] = self.kept[at - 1];
            at -= 1;
        }
        self.kept[at] = Kept {
            strength,
            key,
            start: range.start,
            end: range.end,
        };
        self.len = (self.len + 1).min(EXPLAINED);
        if self.len == EXPLAINED {
            self.bar = self.kept[EXPLAINED - 1].strength;
        }
    }

    /// The ranges in text order, overlapping ones ("งาน", "านง") merged.
    fn into_ranges(self) -> Vec<Range<usize>> {
        let kept = self.kept.get(..self.len).unwrap_or_default();
        let mut ranges: Vec<Range<usize>> = kept.iter().map(|k| k.start..k.end).collect();
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

/// The n-grams of a normalised text, one [`Window`] per character from the third
/// on: the 3-gram that ends there, and what the 4-gram that ends there is made of.
/// Digits are read as `0`, so that numbers of the same shape are the same n-gram.
///
/// Every occurrence is visited, repeats included, in text order: at each start,
/// the 3-gram, then the 4-gram (which the next window closes).
struct Windows<'a> {
    chars: std::str::CharIndices<'a>,
    /// The last three code points, oldest first, and where the last four start.
    code: [u64; 3],
    starts: [usize; MAX_N],
    /// How many characters were read.
    seen: usize,
    /// The key of the 3-gram of the last window.
    previous: Option<u64>,
}

/// The n-grams that end at one character.
struct Window {
    /// The key of the 3-gram that ends here.
    key: u64,
    /// The key of the 3-gram that ended one character before, which the 4-gram
    /// ending here extends by `last` (none at the third character).
    previous: Option<u64>,
    /// The code point of the character.
    last: u64,
    /// Where the 4-gram and the 3-gram start, and where both end, in bytes.
    four_start: usize,
    three_start: usize,
    end: usize,
}

impl<'a> Windows<'a> {
    fn new(text: &'a str) -> Windows<'a> {
        Windows {
            chars: text.char_indices(),
            code: [0; 3],
            starts: [0; MAX_N],
            seen: 0,
            previous: None,
        }
    }
}

impl Iterator for Windows<'_> {
    type Item = Window;

    // Inlined by demand too: the caller's loop is the only one.
    #[inline(always)]
    fn next(&mut self) -> Option<Window> {
        loop {
            let (at, ch) = self.chars.next()?;
            let last = u64::from(if ch.is_ascii_digit() { '0' } else { ch });
            let [_, b, c] = self.code;
            self.code = [b, c, last];
            self.starts = [self.starts[1], self.starts[2], self.starts[3], at];
            self.seen += 1;
            if self.seen < MIN_N {
                continue;
            }
            let key = three_gram_key(b, c, last);
            let window = Window {
                key,
                previous: self.previous,
                last,
                four_start: self.starts[0],
                three_start: self.starts[1],
                end: at + ch.len_utf8(),
            };
            self.previous = Some(key);
            return Some(window);
        }
    }
}

/// Calls `visit` with the key and byte range of every n-gram occurrence of a
/// normalised text, in the order of [`Windows`].
fn for_each_ngram(text: &str, mut visit: impl FnMut(u64, Range<usize>)) {
    for window in Windows::new(text) {
        if let Some(previous) = window.previous {
            visit(
                extended_key(previous, window.last),
                window.four_start..window.end,
            );
        }
        visit(window.key, window.three_start..window.end);
    }
}

/// The key of a 3-gram of code points: they fit side by side in 63 bits, which a
/// bijective mix spreads, so two 3-grams never share a key.
fn three_gram_key(a: u64, b: u64, c: u64) -> u64 {
    mix((a << 42) | (b << 21) | c)
}

/// The key of a 4-gram, from the key of its first three characters and its last
/// code point.
fn extended_key(three_gram: u64, d: u64) -> u64 {
    mix(three_gram ^ (d + 1).wrapping_mul(0xbf58_476d_1ce4_e5b9))
}

/// Fibonacci hashing: a multiplication by an odd constant (2^64 divided by the
/// golden ratio) is a bijection of 64-bit values, and every input bit reaches the
/// high bits of the product, which pick a key's slot. One multiplication: the
/// margin makes two keys for nearly every character.
fn mix(h: u64) -> u64 {
    h.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The key of an n-gram of three or four characters, as [`for_each_ngram`]
/// computes it.
fn key_of(ngram: &str) -> u64 {
    let codes: Vec<u64> = ngram
        .chars()
        .map(|c| u64::from(if c.is_ascii_digit() { '0' } else { c }))
        .collect();
    match codes[..] {
        [a, b, c] => three_gram_key(a, b, c),
        [a, b, c, d] => extended_key(three_gram_key(a, b, c), d),
        _ => panic!("an n-gram has {MIN_N} to {MAX_N} characters"),
    }
}

/// Whether an explanation may quote an n-gram: a reader recognises it if it has a
/// letter among its characters (not "5678" or " 00"). Outside ASCII, the normalised
/// text is letters and marks of its scripts.
fn quotable(ngram: &str) -> bool {
    ngram
        .chars()
        .any(|c| !c.is_ascii() || c.is_ascii_alphabetic())
}

/// What the table holds for a key.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Lookup {
    /// A known n-gram's weight, and whether an explanation may quote it.
    Weight { weight: f32, quotable: bool },
    /// Not a known n-gram, but the first three characters of one.
    Prefix,
    /// Neither.
    Absent,
}

/// The model's weights by n-gram key: open addressing with linear probing, at most
/// half full. Every 4-gram's first three characters are in it too (as a
/// [`Lookup::Prefix`] if they have no weight of their own), so that a text's
/// 4-gram is looked up only where its 3-gram was found.
///
/// Key 0 marks an empty slot; a key that is 0 is stored and looked up as 1. A
/// slot keeps its key and what it holds side by side, so a lookup reads one place
/// in memory.
#[derive(Debug, Clone)]
struct NgramTable {
    slots: Vec<Slot>,
    /// 64 minus the number of bits of a slot index.
    shift: u32,
}

#[derive(Debug, Clone, Copy)]
struct Slot {
    key: u64,
    /// NaN for a prefix.
    weight: f32,
    /// Whether the n-gram may be quoted ([`quotable`]).
    quotable: bool,
}

const EMPTY: Slot = Slot {
    key: 0,
    weight: f32::NAN,
    quotable: false,
};

impl NgramTable {
    fn new(ngrams: &[(String, f32)]) -> NgramTable {
        let prefixes: Vec<u64> = ngrams
            .iter()
            .filter_map(|(ngram, _)| {
                let (fourth, _) = ngram.char_indices().nth(3)?;
                ngram.get(..fourth).map(key_of)
            })
            .collect();
        let slots = ((ngrams.len() + prefixes.len()) * 2)
            .max(16)
            .next_power_of_two();
        let mut table = NgramTable {
            slots: vec![EMPTY; slots],
            shift: 64 - slots.trailing_zeros(),
        };
        for (ngram, weight) in ngrams {
            let key = key_of(ngram);
            let slot = table.slot_of(key);
            table.slots[slot] = Slot {
                key: key.max(1),
                weight: *weight,
                quotable: quotable(ngram),
            };
        }
        // A prefix that is an n-gram of its own keeps its weight.
        for key in prefixes {
            let slot = table.slot_of(key);
            table.slots[slot].key = key.max(1);
        }
        table
    }

    /// The slot that holds `key`, or the empty one where it would go.
    fn slot_of(&self, key: u64) -> usize {
        let key = key.max(1);
        let mask = self.slots.len() - 1;
        let mut slot = (key >> self.shift) as usize;
        loop {
            let held = self.slots[slot].key;
            if held == key || held == 0 {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    fn get(&self, key: u64) -> Lookup {
        let slot = self.slots[self.slot_of(key)];
        if slot.key == 0 {
            Lookup::Absent
        } else if slot.weight.is_nan() {
            Lookup::Prefix
        } else {
            Lookup::Weight {
                weight: slot.weight,
                quotable: slot.quotable,
            }
        }
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
            found.push((key, text.get(range).unwrap_or_default()));
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
            assert_eq!(*key, key_of(gram), "{gram}");
        }
        assert_eq!(key_of("a12"), key_of("a90"));
        assert_ne!(key_of("abc"), key_of("cba"));
        assert_ne!(key_of("abc"), key_of("abcd"));
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

    /// The margin as its definition reads: every 3- and 4-character window of the
    /// text, looked up by its spelling.
    fn margin_by_definition(model: &TextModel, text: &str) -> f64 {
        let weights: HashMap<String, f32> = model.ngrams.iter().cloned().collect();
        let chars: Vec<char> = text
            .chars()
            .map(|c| if c.is_ascii_digit() { '0' } else { c })
            .collect();
        let mut sum = 0.0f64;
        let mut known = 0usize;
        for start in 0..chars.len() {
            for n in MIN_N..=MAX_N {
                let Some(window) = chars.get(start..start + n) else {
                    continue;
                };
                if let Some(weight) = weights.get(&window.iter().collect::<String>()) {
                    sum += f64::from(*weight);
                    known += 1;
                }
            }
        }
        if known == 0 {
            model.bias
        } else {
            model.bias + sum / (known as f64).sqrt()
        }
    }

    #[test]
    fn a_four_gram_counts_even_where_its_first_three_characters_have_no_weight() {
        let model = TextModel::new(0.0, vec![("abcd".to_owned(), 1.0), ("bcd".to_owned(), 0.5)]);
        assert_eq!(model.margin("xabcdx").value, 1.5 / 2f64.sqrt());
        assert_eq!(model.margin("xabcx").value, 0.0);
        assert_eq!(model.margin("bcd").value, 0.5);
    }

    #[test]
    fn the_margin_is_what_its_definition_gives_on_every_kind_of_text() {
        let model = train(&toy_examples(), TrainSettings::default());
        let texts = [
            "the boss pays the ticket, easy job 12345",
            "the boss pays",
            "apply in person at the shop 0812345678",
            "ផ្ទះ ทำงาน 工作 boss",
            "",
            "ab",
            "abc",
        ];
        for text in texts {
            let expected = margin_by_definition(&model, text);
            let got = model.margin(text).value;
            assert!(
                (expected - got).abs() < 1e-9,
                "{text}: {expected} against {got}"
            );
        }
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
