//! Spean screening of online recruitment ads: indicators, identifiers, explainable risk, near-duplicates.
//!
//! An ad or chat goes through five steps ([`Screener::screen`]):
//!
//! 1. **Language**: given, or detected from the script ([`lang`]).
//! 2. **Normalisation** ([`spean_text::normalize`]): digits, widths, invisible
//!    characters, look-alike letters and spaced-out words are folded, keeping a map to
//!    the original bytes.
//! 3. **Matching**: one Aho–Corasick automaton over the lexicons of every language and
//!    the place gazetteer, the rules' patterns, and the identifier
//!    extractors ([`identifiers`]). Indicators are also triggered by identifiers
//!    (a Telegram handle), places (a hotspot) and pay amounts above a threshold;
//!    derived indicators ("no company named") follow from the others.
//! 4. **Text model** ([`model`]): a margin learned from the labelled sets over the
//!    text's character n-grams, for lures that avoid the listed words. It is one
//!    more named contribution, `text_model`, weighed by the rules' `[scoring]
//!    text_model` and shown with the n-grams that moved it most.
//! 5. **Score**: `risk = logistic(bias + Σ weight)` over the indicators found and the
//!    text model's contribution. Each weight is shown with the exact spans that
//!    triggered it, so every score is a sum of named contributions.
//!
//! The rules (lexicons, weights, places, thresholds) and the text model are data
//! ([`rules`], [`model`]); the engine does no I/O. Near-duplicate grouping is in
//! [`cluster`], precision/recall tallies for evaluation sets in [`evaluate`], and the
//! fitting of weights to them in [`fit`].
//!
//! ```
//! use spean_screen::{Level, Screener};
//!
//! let screener = Screener::default();
//! let ad = "รับสมัครแอดมินออนไลน์ทำงานที่สีหนุวิลล์ เงินเดือน 50,000 บาท \
//!           ไม่ต้องมีประสบการณ์ มีที่พักและอาหารให้ ออกค่าตั๋วให้ ทักเทเล @hr_sv88";
//! let result = screener.screen(ad, None).unwrap();
//! assert_eq!(result.level, Level::High);
//! assert!(result.indicators.iter().any(|i| &*i.code == "hub_destination"));
//! ```

#![warn(missing_docs)]

pub mod cluster;
pub mod evaluate;
pub mod fit;
pub mod identifiers;
pub mod jsonl;
pub mod lang;
pub mod model;
pub mod rules;

use std::cell::{Cell, OnceCell};
use std::ops::Range;
use std::sync::{Arc, LazyLock};

use serde::Serialize;
use spean_text::normalize::normalize;

pub use crate::identifiers::{Identifier, IdentifierKind};
pub use crate::lang::Lang;
pub use crate::model::TextModel;
pub use crate::rules::{Rules, RulesError};

use crate::rules::Target;

/// Largest text screened, in bytes; longer texts are refused rather than cut.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

/// A stretch of the original text.
///
/// `start`/`end` count Unicode code points (as Python and most JSON consumers index
/// strings); `byte_start`/`byte_end` are UTF-8 byte offsets for Rust and C consumers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    /// Start, in code points.
    pub start: usize,
    /// End (exclusive), in code points.
    pub end: usize,
    /// Start, in bytes.
    pub byte_start: usize,
    /// End (exclusive), in bytes.
    pub byte_end: usize,
    /// The text itself, exactly as written.
    pub text: SpanText,
}

/// The text of a [`Span`], exactly as written: a stretch of the screened text,
/// which the spans of one result share instead of each holding a copy. Reads as a
/// `&str`, and is written out as a JSON string.
#[derive(Clone, Default)]
pub struct SpanText {
    original: Arc<str>,
    bytes: Range<usize>,
}

impl SpanText {
    /// The text as a string slice.
    pub fn as_str(&self) -> &str {
        self.original.get(self.bytes.clone()).unwrap_or_default()
    }
}

impl std::ops::Deref for SpanText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for SpanText {
    fn eq(&self, other: &SpanText) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SpanText {}

impl PartialEq<str> for SpanText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SpanText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Debug for SpanText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for SpanText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for SpanText {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl Span {
    /// The span of `original` at the byte range `bytes`.
    pub fn new(original: &str, bytes: Range<usize>) -> Span {
        SpanMaker::new(original).span(bytes)
    }
}

/// Makes the [`Span`]s of one text. A result has a dozen of them, mostly in text
/// order: each counts its code points on from where the one before it ended, not
/// from the start of the text.
pub(crate) struct SpanMaker<'a> {
    original: &'a str,
    /// The same text, shared by the spans' [`SpanText`]s; made with the first.
    shared: OnceCell<Arc<str>>,
    /// Whether the text is ASCII, where code points and bytes are counted alike.
    ascii: bool,
    /// A byte offset reached by the last span, and the code points before it.
    reached: Cell<(usize, usize)>,
}

impl<'a> SpanMaker<'a> {
    pub(crate) fn new(original: &'a str) -> SpanMaker<'a> {
        SpanMaker {
            original,
            shared: OnceCell::new(),
            ascii: original.is_ascii(),
            reached: Cell::new((0, 0)),
        }
    }

    /// The span at the byte range `bytes`; empty if the range does not fall on
    /// character boundaries (which no caller asks for).
    pub(crate) fn span(&self, bytes: Range<usize>) -> Span {
        if self.original.get(bytes.clone()).is_none() {
            let start = self
                .original
                .get(..bytes.start)
                .map_or(0, |s| s.chars().count());
            return Span {
                start,
                end: start,
                byte_start: bytes.start,
                byte_end: bytes.end,
                text: SpanText::default(),
            };
        }
        let start = self.chars_before(bytes.start);
        Span {
            start,
            end: self.chars_before(bytes.end),
            byte_start: bytes.start,
            byte_end: bytes.end,
            text: SpanText {
                original: self.shared.get_or_init(|| self.original.into()).clone(),
                bytes,
            },
        }
    }

    /// The number of code points before the character boundary `byte`.
    fn chars_before(&self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        let (reached, before) = self.reached.get();
        let (from, base) = if byte >= reached {
            (reached, before)
        } else {
            (0, 0)
        };
        let count = base
            + self
                .original
                .get(from..byte)
                .map_or(0, |s| s.chars().count());
        self.reached.set((byte, count));
        count
    }
}

/// The risk band of a screened text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Below the medium threshold.
    Low,
    /// At or above the medium threshold: flagged for a look.
    Medium,
    /// At or above the high threshold.
    High,
}

impl Level {
    /// `low`, `medium` or `high`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Low => "low",
            Level::Medium => "medium",
            Level::High => "high",
        }
    }
}

/// One indicator found in a text: a named contribution to the score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorHit {
    /// Stable code from the rules file.
    pub code: Arc<str>,
    /// Human-readable title.
    pub title: Arc<str>,
    /// Contribution to the log-odds.
    pub weight: f64,
    /// What triggered it. A derived indicator shows the spans of the indicators it
    /// follows from.
    pub spans: Vec<Span>,
}

/// The result of screening one text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Screening {
    /// Probability-like risk in 0..=1: `logistic(score)`.
    pub risk: f64,
    /// Risk band.
    pub level: Level,
    /// Whether the level is medium or high.
    pub flagged: bool,
    /// Language, given or detected.
    pub lang: Lang,
    /// Log-odds: `bias` plus the weights of `indicators`.
    pub score: f64,
    /// The rules' starting log-odds.
    pub bias: f64,
    /// The indicators found, each with its weight and spans.
    pub indicators: Vec<IndicatorHit>,
    /// Phones, handles, links, e-mails, amounts and places found.
    pub identifiers: Vec<Identifier>,
    /// Version of the rules used.
    pub rules_version: Arc<str>,
}

/// Why a text could not be screened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScreenError {
    /// The text is longer than [`MAX_TEXT_BYTES`].
    #[error("text is {0} bytes, over the limit of {MAX_TEXT_BYTES}")]
    TooLong(usize),
    /// The language could not be determined or is not supported.
    #[error(transparent)]
    Language(#[from] lang::DetectError),
}

/// Code of the text model's contribution among the indicators of a result.
pub const TEXT_MODEL_CODE: &str = "text_model";
const TEXT_MODEL_TITLE: &str =
    "Resembles the lures of the labelled sets (learned from character n-grams)";
/// The code and title of the text model's contribution, shared by every result.
static TEXT_MODEL_NAMES: LazyLock<(Arc<str>, Arc<str>)> =
    LazyLock::new(|| (TEXT_MODEL_CODE.into(), TEXT_MODEL_TITLE.into()));

/// Screens texts against one compiled set of rules and, optionally, a text model.
#[derive(Debug, Clone)]
pub struct Screener {
    rules: Rules,
    model: Option<TextModel>,
}

impl Default for Screener {
    /// A screener with the rules and the text model shipped in the binary.
    fn default() -> Self {
        Screener::new(Rules::default_rules())
    }
}

impl Screener {
    /// A screener using `rules` and the built-in text model.
    pub fn new(rules: Rules) -> Screener {
        Screener {
            rules,
            model: Some(TextModel::default_model()),
        }
    }

    /// A screener using `rules` and `model`, or the rules alone.
    pub fn from_parts(rules: Rules, model: Option<TextModel>) -> Screener {
        Screener { rules, model }
    }

    /// The same screener with another text model, or none (rules alone).
    pub fn with_model(self, model: Option<TextModel>) -> Screener {
        Screener { model, ..self }
    }

    /// The rules in use.
    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    /// Screens one text. `lang` is the language if known; otherwise it is detected.
    pub fn screen(&self, text: &str, lang: Option<Lang>) -> Result<Screening, ScreenError> {
        if text.len() > MAX_TEXT_BYTES {
            return Err(ScreenError::TooLong(text.len()));
        }
        let lang = match lang {
            Some(lang) => lang,
            None => lang::detect(text)?,
        };
        let normalized = normalize(text);
        let norm = normalized.text();
        let span_maker = SpanMaker::new(text);
        let rules = &self.rules;
        let n_ind = rules.indicators.len();
        // Every indicator's hits in one list of (indicator, range), ranges in the
        // normalised text until they are mapped back below.
        let mut hits: Vec<(usize, Range<usize>)> = Vec::with_capacity(32);
        let mut place_hits: Vec<(usize, Range<usize>)> = Vec::new();

        let bytes = norm.as_bytes();
        let is_word = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_alphanumeric);
        let mut app_names: Vec<usize> = Vec::new();
        // Where, from the literals the automaton found, a pattern's first match may
        // start: at the first literal its matches start with, or at 0 once a literal
        // they end with was found; `usize::MAX` if none was.
        let mut pattern_first_start = vec![usize::MAX; rules.patterns.len()];
        for m in rules.automaton.find_overlapping_iter(norm) {
            let Some(term) = rules.terms.get(m.pattern().as_usize()) else {
                continue;
            };
            if term.left_boundary && m.start() > 0 && is_word(m.start() - 1) {
                continue;
            }
            if term.right_boundary && is_word(m.end()) {
                continue;
            }
            for target in &term.targets {
                match *target {
                    Target::Indicator(i) if i < n_ind => hits.push((i, m.start()..m.end())),
                    Target::Indicator(_) => {}
                    Target::Place(p) => place_hits.push((p, m.start()..m.end())),
                    Target::AppName => app_names.push(m.start()),
                    Target::PatternPrefix(p) => {
                        if let Some(first) = pattern_first_start.get_mut(p) {
                            *first = (*first).min(m.start());
                        }
                    }
                    // A match that ends here may start anywhere before.
                    Target::PatternSuffix(p) => {
                        if let Some(first) = pattern_first_start.get_mut(p) {
                            *first = 0;
                        }
                    }
                }
            }
        }
        // Each pattern on its own. One whose matches start or end with one of a few
        // literals is run only if the automaton found one, and from where the
        // first match may start.
        for (p, pattern) in rules.patterns.iter().enumerate() {
            if pattern.indicator >= n_ind {
                continue;
            }
            if !pattern.gated {
                hits.extend(
                    pattern
                        .regex
                        .find_iter(norm)
                        .map(|m| (pattern.indicator, m.start()..m.end())),
                );
                continue;
            }
            let mut from = pattern_first_start.get(p).copied().unwrap_or(0);
            // `find_at` reads the text before `from` for word boundaries, as
            // `find_iter` does; the literals are never empty, nor are the matches,
            // so each search goes on from the end of the last match, as there.
            while from <= norm.len()
                && let Some(m) = pattern.regex.find_at(norm, from)
            {
                hits.push((pattern.indicator, m.start()..m.end()));
                from = m.end().max(m.start() + 1);
            }
        }

        let mut identifiers =
            identifiers::extract_with_app_names(&span_maker, &normalized, lang, app_names);
        // Places: keep the longest name where several overlap ("สามเหลี่ยมทองคำ" in
        // "เขตเศรษฐกิจพิเศษสามเหลี่ยมทองคำ").
        place_hits.sort_by_key(|(_, r)| (r.start, std::cmp::Reverse(r.end)));
        let mut last_end = 0;
        let mut places: Vec<(usize, Range<usize>)> = Vec::new();
        for (p, r) in place_hits {
            if r.start < last_end {
                continue;
            }
            last_end = r.end;
            places.push((p, r));
        }

        // Spans of normalised ranges are made once, at the end.
        for (_, range) in &mut hits {
            *range = normalized.original_span(range.start, range.end);
        }

        for (p, r) in &places {
            let Some(place) = rules.places.get(*p) else {
                continue;
            };
            let orig = normalized.original_span(r.start, r.end);
            let abroad = lang
                .home_country()
                .is_some_and(|home| home != place.country);
            for (i, ind) in rules.indicators.iter().enumerate() {
                if ind.place_roles.contains(&place.role) || (ind.places_abroad && abroad) {
                    hits.push((i, orig.clone()));
                }
            }
            identifiers.push(Identifier {
                kind: IdentifierKind::Place,
                value: place.name.clone(),
                amount: None,
                currency: None,
                period: None,
                country: Some(place.country.clone()),
                role: Some(place.role),
                span: span_maker.span(orig),
            });
        }
        for id in &identifiers {
            let range = id.span.byte_start..id.span.byte_end;
            for (i, ind) in rules.indicators.iter().enumerate() {
                let by_kind = ind.identifier_kinds.contains(&id.kind);
                let by_amount = ind.amounts_above_threshold
                    && id.kind == IdentifierKind::Amount
                    && id.currency.is_some_and(|c| {
                        rules
                            .pay_monthly
                            .get(&c)
                            .is_some_and(|t| id.monthly_amount().is_some_and(|m| m >= *t))
                    });
                if by_kind || by_amount {
                    hits.push((i, range.clone()));
                }
            }
        }
        // Derived indicators refer only to text-found ones (checked when parsing),
        // and show their spans.
        let mut found = vec![false; n_ind];
        for (i, _) in &hits {
            if let Some(found) = found.get_mut(*i) {
                *found = true;
            }
        }
        let found_in_text = hits.len();
        for (i, ind) in rules.indicators.iter().enumerate() {
            if !ind.is_derived() {
                continue;
            }
            let present = |j: &usize| found.get(*j).copied().unwrap_or(false);
            let any_ok = ind.requires_any.is_empty() || ind.requires_any.iter().any(present);
            let all_ok = ind.requires_all.iter().all(present);
            if any_ok && all_ok && !ind.unless_any.iter().any(present) {
                for &j in ind.requires_any.iter().chain(&ind.requires_all) {
                    for k in 0..found_in_text {
                        if hits[k].0 == j {
                            let range = hits[k].1.clone();
                            hits.push((i, range));
                        }
                    }
                }
            }
        }
        // By indicator, in the rules' order, and each one's spans in text order.
        hits.sort_unstable_by_key(|(i, range)| (*i, range.start, range.end));
        hits.dedup();

        let mut score = rules.bias;
        let mut indicators = Vec::with_capacity(1 + hits.chunk_by(|a, b| a.0 == b.0).count());
        // The learned contribution comes first: it reads the whole text, and the
        // listed indicators that follow say what in it was recognised.
        if let Some(model) = self
            .model
            .as_ref()
            .filter(|_| rules.text_model_weight > 0.0)
        {
            let margin = model.margin(norm);
            // Four decimals, as written out: the score is the sum of what is shown.
            let weight = (rules.text_model_weight * margin.value * 1e4).round() / 1e4;
            // In text order already: the map back to the original keeps it.
            let mut ranges: Vec<Range<usize>> = margin
                .strongest
                .iter()
                .map(|r| normalized.original_span(r.start, r.end))
                .collect();
            ranges.dedup();
            score += weight;
            indicators.push(IndicatorHit {
                code: TEXT_MODEL_NAMES.0.clone(),
                title: TEXT_MODEL_NAMES.1.clone(),
                weight,
                spans: ranges.into_iter().map(|r| span_maker.span(r)).collect(),
            });
        }
        for group in hits.chunk_by(|a, b| a.0 == b.0) {
            let Some(ind) = group.first().and_then(|(i, _)| rules.indicators.get(*i)) else {
                continue;
            };
            score += ind.weight;
            indicators.push(IndicatorHit {
                code: ind.code.clone(),
                title: ind.title.clone(),
                weight: ind.weight,
                spans: group
                    .iter()
                    .map(|(_, range)| span_maker.span(range.clone()))
                    .collect(),
            });
        }
        identifiers.sort_by_key(|i| (i.span.byte_start, i.kind));
        let risk = 1.0 / (1.0 + (-score).exp());
        let level = if risk >= rules.high {
            Level::High
        } else if risk >= rules.medium {
            Level::Medium
        } else {
            Level::Low
        };
        Ok(Screening {
            risk,
            level,
            flagged: level != Level::Low,
            lang,
            score,
            bias: rules.bias,
            indicators,
            identifiers,
            rules_version: rules.version.clone(),
        })
    }
}

impl Screening {
    /// A readable, multi-line explanation: the risk, each contribution with the text
    /// that triggered it, and the identifiers.
    pub fn explain(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        // A risk this model puts above 0.99 is a strong case, never a certainty:
        // "1.00" would read as one.
        let risk = if self.risk > 0.99 {
            ">0.99".to_owned()
        } else {
            format!("{:.2}", self.risk)
        };
        let _ = writeln!(
            out,
            "risk {risk} ({}), language {}, rules {}",
            self.level.as_str(),
            self.lang,
            self.rules_version
        );
        let _ = writeln!(
            out,
            "score = {:+.2} (bias){}",
            self.bias,
            self.indicators
                .iter()
                .map(|i| format!(" {:+.2} ({})", i.weight, i.code))
                .collect::<String>()
        );
        let _ = writeln!(
            out,
            "      = {:+.2} → risk 1/(1+e^-score) = {:.3}",
            self.score, self.risk
        );
        if self.indicators.is_empty() {
            let _ = writeln!(out, "no indicators found");
        } else {
            let _ = writeln!(out, "indicators:");
        }
        for hit in &self.indicators {
            let quotes: Vec<String> = hit
                .spans
                .iter()
                .map(|s| format!("\u{201c}{}\u{201d}", s.text))
                .collect();
            // The text model may have no n-gram to quote (a text it knows nothing of).
            let quoted = if quotes.is_empty() {
                String::new()
            } else {
                format!(" — {}", quotes.join(", "))
            };
            let _ = writeln!(
                out,
                "  {:+.2}  {:<22} {}{quoted}",
                hit.weight, hit.code, hit.title,
            );
        }
        if !self.identifiers.is_empty() {
            let _ = writeln!(out, "identifiers:");
        }
        for id in &self.identifiers {
            let kind = serde_json::to_value(id.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  {:<9} {:<24} from \u{201c}{}\u{201d}",
                kind, id.value, id.span.text
            );
        }
        out
    }
}

#[cfg(test)]
mod tests;
