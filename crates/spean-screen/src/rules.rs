//! The versioned rules file: indicators with per-language lexicons, patterns and
//! weights, the place gazetteer, and the scoring thresholds.
//!
//! Rules are data so that analysts can add a new scam pattern without a release:
//! [`Rules::parse`] reads TOML, checks every entry and refuses the whole file with the
//! line and the reason of the first problem ([`RulesError`]), so a broken file is
//! caught before anything is screened. [`Rules::default_rules`] is the file shipped
//! in `rules/default.toml`, embedded in the binary.
//!
//! Parsing also compiles the matchers: one Aho–Corasick automaton over every
//! normalised lexicon term and place name of every language (texts mix languages,
//! so all lexicons apply to all texts), and the patterns, each compiled on its own.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::Regex;
use regex_syntax::hir::literal::ExtractKind;
use serde::Deserialize;
use spean_text::normalize::normalize_term;
use toml::Spanned;

use crate::identifiers::{APP_NAMES_LATIN, APP_NAMES_SCRIPT, Currency, IdentifierKind};
use crate::lang::Lang;

/// The rules file compiled into the binary.
pub const DEFAULT_RULES: &str = include_str!("../rules/default.toml");

/// A rules file that cannot be used, with where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("rules file, line {line}: {reason}")]
pub struct RulesError {
    /// 1-based line of the offending entry.
    pub line: usize,
    /// What is wrong with it.
    pub reason: String,
}

/// The role of a place in the gazetteer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceRole {
    /// A known scam-compound hub.
    Hotspot,
    /// A border town on the routes into the hubs.
    Transit,
    /// Any other named place: reported, not scored.
    Place,
}

impl PlaceRole {
    /// The lower-case name used in the rules file and the output, e.g. `hotspot`.
    pub fn name(self) -> &'static str {
        match self {
            PlaceRole::Hotspot => "hotspot",
            PlaceRole::Transit => "transit",
            PlaceRole::Place => "place",
        }
    }
}

/// One place of the gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// Canonical English name.
    pub name: String,
    /// ISO 3166-1 alpha-2 country.
    pub country: String,
    /// Hotspot, transit or other.
    pub role: PlaceRole,
}

/// One indicator: a named, weighted contribution to the score.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    /// Stable code, e.g. `travel_paid`. Shared with every result that shows it.
    pub code: Arc<str>,
    /// Human-readable title.
    pub title: Arc<str>,
    /// Stage of the trafficking process it belongs to (recruitment, transit, ...).
    pub stage: String,
    /// Contribution to the log-odds when present (negative lowers the risk).
    pub weight: f64,
    /// Where the indicator comes from.
    pub source: String,
    pub(crate) identifier_kinds: Vec<IdentifierKind>,
    pub(crate) place_roles: Vec<PlaceRole>,
    /// Fires on a place outside the home country of the text's language.
    pub(crate) places_abroad: bool,
    pub(crate) amounts_above_threshold: bool,
    pub(crate) requires_any: Vec<usize>,
    pub(crate) requires_all: Vec<usize>,
    pub(crate) unless_any: Vec<usize>,
}

impl Indicator {
    /// Whether this indicator is derived from others rather than found in the text.
    pub fn is_derived(&self) -> bool {
        !self.requires_any.is_empty() || !self.requires_all.is_empty()
    }
}

/// What an automaton pattern stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    Indicator(usize),
    Place(usize),
    /// A messaging app's name: where an app handle may start.
    AppName,
    /// A literal that every match of this pattern (by index) starts with.
    PatternPrefix(usize),
    /// A literal that every match of this pattern (by index) ends with.
    PatternSuffix(usize),
}

/// A compiled automaton pattern.
#[derive(Debug, Clone)]
pub(crate) struct Term {
    pub(crate) targets: Vec<Target>,
    /// The term must start at a word boundary (it starts with a Latin letter or digit).
    pub(crate) left_boundary: bool,
    /// The term must end at a word boundary (unless written with a trailing `*`).
    pub(crate) right_boundary: bool,
}

/// Validated, compiled screening rules.
#[derive(Debug, Clone)]
pub struct Rules {
    /// Version string of the rules file (`[meta] version`).
    pub version: Arc<str>,
    /// Name of the rules set.
    pub name: String,
    /// Log-odds before any indicator.
    pub bias: f64,
    /// Risk from which the level is `medium` (and the text flagged).
    pub medium: f64,
    /// Risk from which the level is `high`.
    pub high: f64,
    /// Weight of the text model's margin in the score ([`crate::model`]); 0 leaves
    /// the model out.
    pub text_model_weight: f64,
    /// Monthly pay thresholds per currency.
    pub pay_monthly: HashMap<Currency, f64>,
    /// The indicators, in file order.
    pub indicators: Vec<Indicator>,
    /// The gazetteer.
    pub places: Vec<Place>,
    pub(crate) automaton: AhoCorasick,
    pub(crate) terms: Vec<Term>,
    pub(crate) patterns: Vec<RulePattern>,
}

/// A compiled pattern of an indicator.
#[derive(Debug, Clone)]
pub(crate) struct RulePattern {
    /// The indicator it is a pattern of.
    pub(crate) indicator: usize,
    pub(crate) regex: Regex,
    /// Whether every match starts ([`Target::PatternPrefix`]) or ends
    /// ([`Target::PatternSuffix`]) with one of a few literals, which the automaton
    /// looks for: where none was found, the pattern cannot match and is not run.
    pub(crate) gated: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDef {
    meta: MetaDef,
    scoring: Spanned<ScoringDef>,
    #[serde(default, rename = "indicator")]
    indicators: Vec<Spanned<IndicatorDef>>,
    #[serde(default, rename = "place")]
    places: Vec<Spanned<PlaceDef>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MetaDef {
    version: Spanned<String>,
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScoringDef {
    bias: f64,
    medium: f64,
    high: f64,
    /// Weight of the text model's margin in the score. A rules file without it
    /// leaves the model out: its bias and weights were set without it.
    #[serde(default)]
    text_model: f64,
    #[serde(default)]
    pay_monthly: BTreeMap<Spanned<String>, f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IndicatorDef {
    code: Spanned<String>,
    title: String,
    #[serde(default)]
    stage: String,
    weight: Spanned<f64>,
    #[serde(default)]
    source: String,
    #[serde(default)]
    terms: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    #[serde(default)]
    patterns: Vec<Spanned<String>>,
    #[serde(default)]
    identifiers: Vec<Spanned<String>>,
    #[serde(default)]
    places: Vec<Spanned<PlaceRole>>,
    #[serde(default)]
    places_abroad: bool,
    #[serde(default)]
    amounts_above_threshold: bool,
    #[serde(default)]
    requires_any: Vec<Spanned<String>>,
    #[serde(default)]
    requires_all: Vec<Spanned<String>>,
    #[serde(default)]
    unless_any: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlaceDef {
    name: String,
    country: Spanned<String>,
    role: PlaceRole,
    names: Vec<Spanned<String>>,
}

/// 1-based line of a byte offset.
fn line_of(source: &str, offset: usize) -> usize {
    source
        .as_bytes()
        .iter()
        .take(offset)
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

struct Checker<'a> {
    source: &'a str,
}

impl Checker<'_> {
    fn fail<T>(&self, span: Range<usize>, reason: impl Into<String>) -> Result<T, RulesError> {
        Err(RulesError {
            line: line_of(self.source, span.start),
            reason: reason.into(),
        })
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

impl Rules {
    /// The rules shipped with Spean.
    pub fn default_rules() -> Rules {
        match Rules::parse(DEFAULT_RULES) {
            Ok(rules) => rules,
            // The default file is checked by a unit test; reaching this is a build bug.
            Err(error) => panic!("the embedded default rules are invalid: {error}"),
        }
    }

    /// Parses, validates and compiles a rules file.
    pub fn parse(source: &str) -> Result<Rules, RulesError> {
        let check = Checker { source };
        let file: FileDef = toml::from_str(source).map_err(|e| RulesError {
            line: e.span().map_or(1, |s| line_of(source, s.start)),
            reason: e.message().trim().to_owned(),
        })?;

        let version = file.meta.version.get_ref().trim().to_owned();
        if version.is_empty() {
            return check.fail(file.meta.version.span(), "meta.version must not be empty");
        }
        let _ = &file.meta.description;

        let scoring_span = file.scoring.span();
        let scoring = file.scoring.into_inner();
        if !scoring.bias.is_finite() {
            return check.fail(scoring_span, "scoring.bias must be a finite number");
        }
        if !(scoring.text_model.is_finite() && (0.0..=5.0).contains(&scoring.text_model)) {
            return check.fail(
                scoring_span.clone(),
                "scoring.text_model must be a number between 0 and 5",
            );
        }
        if !(0.0 < scoring.medium && scoring.medium < scoring.high && scoring.high < 1.0) {
            return check.fail(
                scoring_span,
                "scoring thresholds must satisfy 0 < medium < high < 1",
            );
        }
        let mut pay_monthly = HashMap::new();
        for (currency, amount) in &scoring.pay_monthly {
            let Some(c) = Currency::from_code(currency.get_ref()) else {
                return check.fail(
                    currency.span(),
                    format!(
                        "unknown currency {:?} in scoring.pay_monthly",
                        currency.get_ref()
                    ),
                );
            };
            if !(amount.is_finite() && *amount > 0.0) {
                return check.fail(currency.span(), "pay thresholds must be positive numbers");
            }
            pay_monthly.insert(c, *amount);
        }

        // Places first: indicators refer to their roles.
        let mut places = Vec::new();
        let mut term_map: HashMap<String, usize> = HashMap::new();
        let mut terms: Vec<Term> = Vec::new();
        let mut patterns_text: Vec<Vec<u8>> = Vec::new();
        let mut add_term = |raw: &Spanned<String>, target: Target| -> Result<(), RulesError> {
            let text = raw.get_ref();
            let (body, prefix) = match text.strip_suffix('*') {
                Some(body) => (body, true),
                None => (text.as_str(), false),
            };
            let norm = normalize_term(body);
            if norm.is_empty() {
                return check.fail(raw.span(), format!("empty term {text:?}"));
            }
            let bytes = norm.as_bytes();
            let left = bytes.first().copied().is_some_and(is_word_byte);
            let right = !prefix && bytes.last().copied().is_some_and(is_word_byte);
            let key = format!("{norm}\u{0}{left}{right}");
            let idx = *term_map.entry(key).or_insert_with(|| {
                terms.push(Term {
                    targets: Vec::new(),
                    left_boundary: left,
                    right_boundary: right,
                });
                patterns_text.push(norm.clone().into_bytes());
                terms.len() - 1
            });
            if let Some(term) = terms.get_mut(idx)
                && !term.targets.contains(&target)
            {
                term.targets.push(target);
            }
            Ok(())
        };

        for (index, place) in file.places.iter().enumerate() {
            let def = place.get_ref();
            let country = def.country.get_ref();
            if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
                return check.fail(
                    def.country.span(),
                    format!(
                        "country {country:?} must be an ISO 3166-1 alpha-2 code such as \"KH\""
                    ),
                );
            }
            if def.names.is_empty() {
                return check.fail(place.span(), format!("place {:?} has no names", def.name));
            }
            for name in &def.names {
                add_term(name, Target::Place(index))?;
            }
            places.push(Place {
                name: def.name.clone(),
                country: country.clone(),
                role: def.role,
            });
        }

        let mut codes: HashMap<String, usize> = HashMap::new();
        for (index, ind) in file.indicators.iter().enumerate() {
            let code = ind.get_ref().code.get_ref();
            let valid = !code.is_empty()
                && code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
            if !valid {
                return check.fail(
                    ind.get_ref().code.span(),
                    format!("indicator code {code:?} must be lower-case letters, digits and _"),
                );
            }
            if codes.insert(code.clone(), index).is_some() {
                return check.fail(
                    ind.get_ref().code.span(),
                    format!("indicator code {code:?} is defined twice"),
                );
            }
        }

        let mut indicators = Vec::new();
        let mut pattern_regexes = Vec::new();
        for (index, ind) in file.indicators.iter().enumerate() {
            let def = ind.get_ref();
            let code = def.code.get_ref().clone();
            let weight = *def.weight.get_ref();
            if !(weight.is_finite() && weight.abs() <= 20.0) {
                return check.fail(
                    def.weight.span(),
                    format!("weight of {code:?} must be a number between -20 and 20"),
                );
            }
            for (lang, list) in &def.terms {
                if lang.get_ref().parse::<Lang>().is_err() {
                    return check.fail(
                        lang.span(),
                        format!(
                            "unknown language {:?} in the terms of {code:?}",
                            lang.get_ref()
                        ),
                    );
                }
                for term in list {
                    add_term(term, Target::Indicator(index))?;
                }
            }
            for pattern in &def.patterns {
                match Regex::new(pattern.get_ref()) {
                    Ok(regex) => pattern_regexes.push(RulePattern {
                        indicator: index,
                        regex,
                        gated: false,
                    }),
                    Err(e) => {
                        return check.fail(
                            pattern.span(),
                            format!("pattern of {code:?} is not a valid regex: {e}"),
                        );
                    }
                }
            }
            let mut identifier_kinds = Vec::new();
            for kind in &def.identifiers {
                match IdentifierKind::from_name(kind.get_ref()) {
                    Some(k) => identifier_kinds.push(k),
                    None => {
                        return check.fail(
                            kind.span(),
                            format!("unknown identifier kind {:?}", kind.get_ref()),
                        );
                    }
                }
            }
            let resolve = |list: &[Spanned<String>]| -> Result<Vec<usize>, RulesError> {
                list.iter()
                    .map(|c| match codes.get(c.get_ref()) {
                        Some(i) => Ok(*i),
                        None => check.fail(
                            c.span(),
                            format!("{code:?} refers to unknown indicator {:?}", c.get_ref()),
                        ),
                    })
                    .collect()
            };
            let requires_any = resolve(&def.requires_any)?;
            let requires_all = resolve(&def.requires_all)?;
            let unless_any = resolve(&def.unless_any)?;
            let derived = !requires_any.is_empty() || !requires_all.is_empty();
            if !derived && !unless_any.is_empty() {
                return check.fail(
                    ind.span(),
                    format!("{code:?} has unless_any without requires_any"),
                );
            }
            let found_in_text = !def.terms.is_empty()
                || !def.patterns.is_empty()
                || !identifier_kinds.is_empty()
                || !def.places.is_empty()
                || def.places_abroad
                || def.amounts_above_threshold;
            if !found_in_text && !derived {
                return check.fail(
                    ind.span(),
                    format!("{code:?} has no trigger: give terms, patterns, identifiers, places, places_abroad, amounts_above_threshold, requires_any or requires_all"),
                );
            }
            if found_in_text && derived {
                return check.fail(
                    ind.span(),
                    format!(
                        "{code:?} is derived (requires_any/requires_all) and cannot also have its own triggers"
                    ),
                );
            }
            indicators.push(Indicator {
                code: code.into(),
                title: def.title.as_str().into(),
                stage: def.stage.clone(),
                weight,
                source: def.source.clone(),
                identifier_kinds,
                place_roles: def.places.iter().map(|p| *p.get_ref()).collect(),
                places_abroad: def.places_abroad,
                amounts_above_threshold: def.amounts_above_threshold,
                requires_any,
                requires_all,
                unless_any,
            });
        }
        // Derived indicators may only refer to indicators found in the text, so the
        // order of evaluation is simple and there can be no cycle.
        for (ind, def) in indicators.iter().zip(&file.indicators) {
            for &other in ind
                .requires_any
                .iter()
                .chain(&ind.requires_all)
                .chain(&ind.unless_any)
            {
                if indicators.get(other).is_some_and(Indicator::is_derived) {
                    return check.fail(
                        def.span(),
                        format!(
                            "{:?} may only refer to indicators that are not derived",
                            ind.code
                        ),
                    );
                }
            }
        }

        // App names go in the same automaton, so that the one pass over a text also
        // finds where app handles may start. The handle pattern checks word
        // boundaries itself, so these terms have none.
        for (name, _) in APP_NAMES_LATIN.iter().chain(APP_NAMES_SCRIPT) {
            terms.push(Term {
                targets: vec![Target::AppName],
                left_boundary: false,
                right_boundary: false,
            });
            patterns_text.push(name.as_bytes().to_vec());
        }
        // So do the literals each pattern's matches start with, or else end with,
        // where there are a few: most texts hold none of them, and their patterns
        // need not be run.
        for (index, pattern) in pattern_regexes.iter_mut().enumerate() {
            let (literals, target) =
                match match_literals(pattern.regex.as_str(), &ExtractKind::Prefix) {
                    Some(prefixes) => (prefixes, Target::PatternPrefix(index)),
                    None => match match_literals(pattern.regex.as_str(), &ExtractKind::Suffix) {
                        Some(suffixes) => (suffixes, Target::PatternSuffix(index)),
                        None => continue,
                    },
                };
            for literal in literals {
                terms.push(Term {
                    targets: vec![target],
                    left_boundary: false,
                    right_boundary: false,
                });
                patterns_text.push(literal);
            }
            pattern.gated = true;
        }

        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&patterns_text)
            .map_err(|e| RulesError {
                line: 1,
                reason: format!("lexicon cannot be compiled: {e}"),
            })?;

        Ok(Rules {
            version: version.into(),
            name: file.meta.name,
            bias: scoring.bias,
            medium: scoring.medium,
            high: scoring.high,
            text_model_weight: scoring.text_model,
            pay_monthly,
            indicators,
            places,
            automaton,
            terms,
            patterns: pattern_regexes,
        })
    }

    /// The indicator with this code.
    pub fn indicator(&self, code: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| &*i.code == code)
    }

    /// Every code, for checks that each has its tests.
    pub fn codes(&self) -> HashSet<&str> {
        self.indicators.iter().map(|i| &*i.code).collect()
    }
}

/// The literals that every match of a regex starts with (`kind` prefix) or ends
/// with (suffix), if there are a few and none is empty (`None` when a match may
/// start or end with almost anything).
fn match_literals(pattern: &str, kind: &ExtractKind) -> Option<Vec<Vec<u8>>> {
    use regex_syntax::hir::literal::Extractor;
    // Parsed as `Regex::new` parses it.
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    let mut seq = Extractor::new().kind(kind.clone()).extract(&hir);
    match kind {
        ExtractKind::Suffix => seq.optimize_for_suffix_by_preference(),
        _ => seq.optimize_for_prefix_by_preference(),
    }
    let literals = seq.literals()?;
    if literals.is_empty() || literals.len() > 64 || literals.iter().any(|l| l.is_empty()) {
        return None;
    }
    Some(literals.iter().map(|l| l.as_bytes().to_vec()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_with_a_few_literal_starts_or_ends_are_run_only_where_one_was_found() {
        let literals = |pattern: &str, kind: ExtractKind| {
            match_literals(pattern, &kind).map(|p| {
                let mut p: Vec<String> = p
                    .into_iter()
                    .map(|l| String::from_utf8(l).expect("utf-8"))
                    .collect();
                p.sort();
                p
            })
        };
        let starts = |pattern: &str| literals(pattern, ExtractKind::Prefix);
        let ends = |pattern: &str| literals(pattern, ExtractKind::Suffix);
        assert_eq!(starts("有限公司"), Some(vec!["有限公司".to_owned()]));
        assert_eq!(
            starts(r"(?-u:\b)cong ty (?:tnhh|co phan)(?-u:\b)"),
            Some(vec!["cong ty ".to_owned()])
        );
        // A match may start with any digit, but it ends with 岁.
        assert_eq!(starts(r"\d{2}\s*岁"), None);
        assert_eq!(ends(r"\d{2}\s*岁"), Some(vec!["岁".to_owned()]));
        // Nothing fixed at either end.
        assert_eq!(starts(r"a?b*"), None);
        assert_eq!(ends(r"a?b*"), None);

        let rules = Rules::parse(DEFAULT_RULES).expect("default rules");
        let suffix_gated = rules
            .terms
            .iter()
            .flat_map(|t| &t.targets)
            .filter(|t| matches!(t, Target::PatternSuffix(_)))
            .count();
        // Every pattern is gated; the age range written with a digit first, by
        // the 岁 it ends with.
        assert!(rules.patterns.iter().all(|p| p.gated));
        assert_eq!(suffix_gated, 1);
    }

    const MINIMAL: &str = r#"
[meta]
version = "1"

[scoring]
bias = -3.0
medium = 0.5
high = 0.8

[[indicator]]
code = "a"
title = "A"
weight = 1.0
[indicator.terms]
en = ["alpha"]
"#;

    #[test]
    fn the_default_rules_are_valid() {
        let rules = Rules::parse(DEFAULT_RULES).expect("default rules");
        assert!(rules.indicators.len() >= 10);
        assert!(rules.places.iter().any(|p| p.name == "Sihanoukville"));
    }

    #[test]
    fn a_minimal_file_is_accepted() {
        let rules = Rules::parse(MINIMAL).expect("minimal");
        assert_eq!(&*rules.version, "1");
        assert_eq!(rules.indicators.len(), 1);
    }

    #[test]
    fn a_toml_syntax_error_is_reported_with_its_line() {
        let broken = MINIMAL.replace("weight = 1.0", "weight = = 1.0");
        let err = Rules::parse(&broken).expect_err("broken");
        assert_eq!(err.line, 13);
    }

    #[test]
    fn an_unknown_language_is_refused_with_its_line() {
        let broken = MINIMAL.replace("en = [\"alpha\"]", "xx = [\"alpha\"]");
        let err = Rules::parse(&broken).expect_err("unknown language");
        assert_eq!(err.line, 15);
        assert!(err.reason.contains("unknown language"), "{}", err.reason);
    }

    #[test]
    fn a_duplicate_code_is_refused() {
        let twice = format!(
            "{MINIMAL}\n[[indicator]]\ncode = \"a\"\ntitle = \"again\"\nweight = 1.0\npatterns = [\"x\"]\n"
        );
        let err = Rules::parse(&twice).expect_err("duplicate");
        assert!(err.reason.contains("defined twice"), "{}", err.reason);
        assert_eq!(err.line, 18);
    }

    #[test]
    fn an_invalid_regex_is_refused_with_its_line() {
        let bad = MINIMAL.replace("weight = 1.0", "weight = 1.0\npatterns = [\"(unclosed\"]");
        let err = Rules::parse(&bad).expect_err("regex");
        assert!(err.reason.contains("not a valid regex"), "{}", err.reason);
        assert_eq!(err.line, 14);
    }

    #[test]
    fn an_unknown_field_is_refused() {
        let bad = MINIMAL.replace("title = \"A\"", "title = \"A\"\nwieght = 2");
        let err = Rules::parse(&bad).expect_err("typo");
        assert!(err.reason.contains("wieght"), "{}", err.reason);
        assert_eq!(err.line, 13);
    }

    #[test]
    fn a_text_model_weight_out_of_range_is_refused() {
        let bad = MINIMAL.replace("high = 0.8", "high = 0.8\ntext_model = 7.5");
        let err = Rules::parse(&bad).expect_err("refused");
        assert!(err.reason.contains("text_model"), "{err:?}");
        let good = MINIMAL.replace("high = 0.8", "high = 0.8\ntext_model = 2.0");
        let rules = Rules::parse(&good).expect("accepted");
        assert!((rules.text_model_weight - 2.0).abs() < 1e-12);
        assert!(
            Rules::parse(MINIMAL)
                .expect("accepted")
                .text_model_weight
                .abs()
                < 1e-12
        );
    }

    #[test]
    fn thresholds_out_of_order_are_refused() {
        let bad = MINIMAL.replace("medium = 0.5", "medium = 0.9");
        let err = Rules::parse(&bad).expect_err("thresholds");
        assert!(err.reason.contains("medium < high"), "{}", err.reason);
    }

    #[test]
    fn a_reference_to_an_unknown_indicator_is_refused() {
        let bad = format!(
            "{MINIMAL}\n[[indicator]]\ncode = \"b\"\ntitle = \"B\"\nweight = 1.0\nrequires_any = [\"zzz\"]\n"
        );
        let err = Rules::parse(&bad).expect_err("unknown reference");
        assert!(err.reason.contains("unknown indicator"), "{}", err.reason);
    }
}
