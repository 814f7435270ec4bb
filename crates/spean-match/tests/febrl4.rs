//! End to end on FEBRL4: unsupervised training, the default threshold, F1 ≥ 0.99.
//!
//! The data ships in `tests/data` (see its README for source and licence). Nothing is
//! tuned on the truth: the blocking is generated, the model is trained by EM, and the
//! threshold is the command line's default.

use std::collections::HashSet;
use std::path::Path;

use spean_match::{Dataset, FieldSpec, Linker, NoProgress, PrepareOptions};

const FIELDS: &[&str] = &[
    "given_name=given_name",
    "surname=surname",
    "street_number=street_number",
    "address_1=address",
    "address_2=address",
    "suburb=locality",
    "postcode=postcode",
    "state=region",
    "date_of_birth=date_of_birth",
    "soc_sec_id=id_number",
];

fn load(file: &str, fields: &[FieldSpec]) -> Dataset {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(file);
    let mut reader = csv::Reader::from_path(&path).expect("the FEBRL4 file opens");
    let header = reader.headers().expect("a header").clone();
    let index = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .expect("column exists")
    };
    let columns: Vec<usize> = std::iter::once(index("rec_id"))
        .chain(fields.iter().map(|f| index(&f.column)))
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.expect("a well-formed row");
            columns
                .iter()
                .map(|&k| r.get(k).unwrap_or("").to_owned())
                .collect()
        })
        .collect();
    Dataset::prepare(fields, rows, PrepareOptions::default())
}

/// `rec-N-org` ↔ `rec-N-dup-0`.
fn entity(id: &str) -> &str {
    id.split('-').nth(1).unwrap_or("")
}

#[test]
fn febrl4_links_with_f1_of_at_least_0_99_without_labels() {
    let fields: Vec<FieldSpec> = FIELDS.iter().map(|f| f.parse().unwrap()).collect();
    let left = load("febrl4_a.csv", &fields);
    let right = load("febrl4_b.csv", &fields);
    let linker = Linker::new(&fields, &left, Some(&right)).unwrap();

    let rules = linker.generate_rules();
    let candidates = linker.candidates(&rules, &NoProgress);
    let gammas = linker.gammas(&candidates.pairs, &NoProgress);
    let u = linker.estimate_u(200_000, 1);
    let model = linker.train(&candidates, &gammas, u, &[], &rules);
    let links = linker.score(&model, &candidates.pairs, &gammas, 0.9);

    let predicted: HashSet<(&str, &str)> = links
        .iter()
        .map(|l| (left.id(l.left as usize), right.id(l.right as usize)))
        .collect();
    let true_positives = predicted
        .iter()
        .filter(|(a, b)| entity(a) == entity(b))
        .count() as f64;
    let precision = true_positives / predicted.len().max(1) as f64;
    let recall = true_positives / left.len() as f64;
    let f1 = 2.0 * precision * recall / (precision + recall).max(f64::MIN_POSITIVE);
    assert!(
        f1 >= 0.99,
        "F1 {f1:.4} (precision {precision:.4}, recall {recall:.4}, {} candidates)",
        candidates.pairs.len()
    );
    // Blocking must stay far from the 25 M pairs of a full comparison.
    assert!(
        candidates.pairs.len() < 1_000_000,
        "{}",
        candidates.pairs.len()
    );
}
