//! Runs the shipped evaluation sets through the default rules.
//!
//! * `tests/data/eval.jsonl`, written with the rules: the targets (F1 ≥ 0.85 in every
//!   language and ≥ 0.9 overall) on all examples and on the held-out split alone.
//! * `tests/data/blind.jsonl` and `tests/data/blind2.jsonl`, each written apart from
//!   the rules by someone who had not seen them: the targets on their development
//!   halves (`blind-dev`, `blind2-dev`), whose errors were looked at, and a floor on
//!   their test halves (`blind-test`, `blind2-test`), whose texts and errors never
//!   are. The floors are below the targets: they guard against regressions, and the
//!   shortfall is reported in `docs/screening.md`.
//!
//! Set `SPEAN_EVAL_SHOW=dev` to print the misclassified development examples of both
//! sets (held-out and blind-test examples are never printed, so rules are not tuned
//! on them).

use spean_screen::Screener;
use spean_screen::evaluate::Report;
use spean_screen::lang::Lang;

#[derive(serde::Deserialize)]
struct Example {
    id: String,
    lang: String,
    label: bool,
    split: String,
    source: String,
    text: String,
}

const EVAL: &str = include_str!("data/eval.jsonl");
const BLIND: &str = include_str!("data/blind.jsonl");
const BLIND2: &str = include_str!("data/blind2.jsonl");

fn examples() -> Vec<Example> {
    examples_of(EVAL)
}

fn examples_of(data: &str) -> Vec<Example> {
    data.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("valid example"))
        .collect()
}

fn run(filter: impl Fn(&Example) -> bool) -> Report {
    run_on(EVAL, filter)
}

fn run_on(data: &str, filter: impl Fn(&Example) -> bool) -> Report {
    let screener = Screener::default();
    let show = std::env::var("SPEAN_EVAL_SHOW").ok();
    let mut report = Report::default();
    for ex in examples_of(data).iter().filter(|e| filter(e)) {
        let lang: Lang = ex.lang.parse().expect("known language");
        let result = screener.screen(&ex.text, Some(lang)).expect("screens");
        let dev = ex.split == "dev" || ex.split.ends_with("-dev");
        if show.as_deref() == Some("dev") && dev && result.flagged != ex.label {
            eprintln!(
                "{} ({}): {}\n{}",
                ex.id,
                ex.source,
                ex.text,
                result.explain()
            );
        }
        report.add(lang, ex.label, result.flagged);
    }
    report
}

fn assert_targets(report: &Report) {
    for (lang, counts) in &report.by_lang {
        assert!(
            counts.f1() >= 0.85,
            "F1 for {lang} is {:.3}\n{}",
            counts.f1(),
            report.render()
        );
    }
    assert!(
        report.overall.f1() >= 0.9,
        "overall F1 is {:.3}\n{}",
        report.overall.f1(),
        report.render()
    );
}

#[test]
fn the_evaluation_set_is_large_balanced_and_sourced() {
    let all = examples();
    assert!(all.len() >= 300);
    let positives = all.iter().filter(|e| e.label).count();
    assert!(positives * 2 <= all.len() + 10 && positives * 2 + 10 >= all.len());
    for lang in ["th", "km", "en", "zh"] {
        assert!(
            all.iter().filter(|e| e.lang == lang).count() >= 70,
            "{lang}"
        );
    }
    assert!(
        all.iter()
            .filter(|e| e.label)
            .all(|e| !e.source.starts_with("own"))
    );
    let mut ids: Vec<&str> = all.iter().map(|e| e.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all.len(), "ids are unique");
}

#[test]
fn the_screener_meets_the_f1_targets_on_every_language() {
    let report = run(|_| true);
    println!("{}", report.render());
    assert_targets(&report);
}

#[test]
fn the_screener_meets_the_f1_targets_on_the_held_out_split() {
    let report = run(|e| e.split == "heldout");
    println!("{}", report.render());
    assert_targets(&report);
}

#[test]
fn the_blind_set_is_balanced_and_split_in_two() {
    let all = examples_of(BLIND);
    assert_eq!(all.len(), 200);
    for lang in ["th", "km", "en", "zh"] {
        let of_lang: Vec<&Example> = all.iter().filter(|e| e.lang == lang).collect();
        assert_eq!(of_lang.len(), 50, "{lang}");
        assert_eq!(of_lang.iter().filter(|e| e.label).count(), 25, "{lang}");
    }
    assert!(
        all.iter()
            .all(|e| e.split == "blind-dev" || e.split == "blind-test")
    );
    assert_eq!(all.iter().filter(|e| e.split == "blind-test").count(), 100);
}

#[test]
fn the_screener_meets_the_f1_targets_on_the_blind_development_half() {
    let report = run_on(BLIND, |e| e.split == "blind-dev");
    println!("{}", report.render());
    assert_targets(&report);
}

/// A test half must stay above `floor` overall; its report is printed, its texts never.
fn assert_floor(data: &str, split: &str, floor: f64) {
    let report = run_on(data, |e| e.split == split);
    println!("{}", report.render());
    assert!(
        report.overall.f1() >= floor,
        "overall F1 on {split} fell to {:.3}\n{}",
        report.overall.f1(),
        report.render()
    );
}

#[test]
fn the_blind_test_half_stays_above_its_floor() {
    assert_floor(BLIND, "blind-test", 0.75);
}

#[test]
fn the_second_blind_set_is_balanced_and_split_in_two() {
    let all = examples_of(BLIND2);
    assert_eq!(all.len(), 200);
    for (lang, n) in [("km", 60), ("zh", 60), ("th", 40), ("en", 40)] {
        let of_lang: Vec<&Example> = all.iter().filter(|e| e.lang == lang).collect();
        assert_eq!(of_lang.len(), n, "{lang}");
        assert_eq!(of_lang.iter().filter(|e| e.label).count() * 2, n, "{lang}");
    }
    assert_eq!(all.iter().filter(|e| e.split == "blind2-test").count(), 100);
    assert_eq!(all.iter().filter(|e| e.split == "blind2-dev").count(), 100);
}

#[test]
fn the_screener_meets_the_f1_targets_on_the_second_blind_development_half() {
    let report = run_on(BLIND2, |e| e.split == "blind2-dev");
    println!("{}", report.render());
    assert_targets(&report);
}

#[test]
fn the_second_blind_test_half_stays_above_its_floor() {
    assert_floor(BLIND2, "blind2-test", 0.6);
}
