//! Spean entity resolution: blocking, comparisons, Fellegi–Sunter with EM, clustering.
//!
//! The engine links records that describe the same person across files, scripts and
//! spellings. It does no I/O: the caller hands in rows of strings and gets links back.
//!
//! The pipeline, one module per step:
//! 1. [`prepare`]: clean each value once (romanise names, key them phonetically,
//!    parse phones to E.164 and dates to partial dates).
//! 2. [`block`]: find candidate pairs with generated or given blocking rules, by hash
//!    joins (never left × right).
//! 3. [`compare`]: turn each candidate pair into a vector of agreement levels.
//! 4. [`model`]: learn u from random pairs and m by EM; score with term-frequency
//!    adjustments.
//! 5. [`link`]: keep pairs above a threshold, optionally one-to-one, cluster them and
//!    explain each link.
//!
//! ```
//! use spean_match::{Dataset, FieldSpec, Linker, NoProgress, PrepareOptions};
//!
//! let fields: Vec<FieldSpec> = vec!["name=full_name".parse().unwrap()];
//! let rows = |r: &[(&str, &str)]| r.iter().map(|(id, n)| vec![id.to_string(), n.to_string()]).collect();
//! let left = Dataset::prepare(&fields, rows(&[("a", "Thanakorn Srisuk")]), PrepareOptions::default());
//! let right = Dataset::prepare(&fields, rows(&[("b", "Sisuk Tanakon")]), PrepareOptions::default());
//! let linker = Linker::new(&fields, &left, Some(&right)).unwrap();
//! let rules = linker.generate_rules();
//! let candidates = linker.candidates(&rules, &NoProgress);
//! assert_eq!(candidates.pairs, vec![(0, 0)]);
//! ```

pub mod block;
pub mod compare;
pub mod kind;
pub mod link;
pub mod model;
pub mod prepare;
pub mod progress;

pub use block::{BlockingRule, Candidates, RuleReport};
pub use kind::{FieldKind, FieldSpec, FieldSpecError, UnknownKind};
pub use link::{Explanation, Link, LinkError, Linker, clusters, one_to_one, one_to_one_dedup};
pub use model::Model;
pub use prepare::{Dataset, PrepareOptions, Value};
pub use progress::{NoProgress, Progress};
