//! `spean screen` run as the real binary: the JSON Lines contract, bad input, rules
//! files, `--text`, `--evaluate`, `--fit`, `--train-model`, `--model` and `--clusters`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn spean(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_spean"))
        .args(args)
        .output()
        .expect("spean runs")
}

fn write(dir: &Path, name: &str, content: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).expect("write");
    path
}

fn rows(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect()
}

fn dump(output: &Output) -> String {
    format!(
        "status {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

const SCAM_TH: &str = "รับสมัครแอดมินออนไลน์ ทำงานที่สีหนุวิลล์ เงินเดือน 50,000 บาท ไม่ต้องมีประสบการณ์ มีที่พักและอาหารให้ ทักเทเล @hr_sv88 โทร ๐๘๑-๒๓๔-๕๖๗๘";
const OK_EN: &str = "Siam Retail Co., Ltd. is hiring cashiers in Chiang Mai. Salary 13,000 baht, social security. Apply in person.";

fn input_line(id: &str, text: &str) -> String {
    serde_json::json!({ "id": id, "text": text }).to_string()
}

#[test]
fn each_input_line_gives_one_result_in_order_with_the_contract_fields() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = format!(
        "{}\n{}\n{}\n",
        input_line("scam-1", SCAM_TH),
        input_line("ok-1", OK_EN),
        serde_json::json!({"id": "zh-1", "text": "高薪招聘客服，月薪2万，包吃包住，地点：西港，飞机 @xg_hr", "lang": "zh"})
    );
    let path = write(dir.path(), "ads.jsonl", input.as_bytes());
    let output = spean(&["screen", "--input", path.to_str().expect("utf8")]);
    assert!(output.status.success(), "{}", dump(&output));
    let rows = rows(&output.stdout);
    let ids: Vec<&str> = rows.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids, ["scam-1", "ok-1", "zh-1"]);
    for row in &rows {
        let risk = row["risk"].as_f64().expect("risk");
        assert!((0.0..=1.0).contains(&risk));
        let level = row["level"].as_str().expect("level");
        assert!(["low", "medium", "high"].contains(&level));
        assert_eq!(row["flagged"].as_bool(), Some(level != "low"));
        assert!(row["lang"].is_string());
        assert!(row["indicators"].is_array());
        assert!(row["identifiers"].is_array());
    }
    let (scam, ok) = (&rows[0], &rows[1]);
    assert_eq!(scam["level"], "high");
    assert_eq!(scam["lang"], "th");
    assert_eq!(ok["flagged"], false, "{ok}");
    assert_eq!(ok["lang"], "en");
    assert_eq!(rows[2]["flagged"], true);
}

#[test]
fn indicator_and_identifier_spans_are_exact_text_of_the_input() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "ads.jsonl", input_line("a", SCAM_TH).as_bytes());
    let output = spean(&["screen", "--input", path.to_str().expect("utf8")]);
    let row = &rows(&output.stdout)[0];
    let chars: Vec<char> = SCAM_TH.chars().collect();
    let check = |span: &Value| {
        let (s, e) = (
            span["start"].as_u64().expect("start") as usize,
            span["end"].as_u64().expect("end") as usize,
        );
        let text: String = chars[s..e].iter().collect();
        assert_eq!(text, span["text"].as_str().expect("text"));
        let (bs, be) = (
            span["byte_start"].as_u64().expect("bs") as usize,
            span["byte_end"].as_u64().expect("be") as usize,
        );
        assert_eq!(SCAM_TH.get(bs..be), span["text"].as_str());
    };
    let indicators = row["indicators"].as_array().expect("indicators");
    assert!(indicators.iter().any(|i| i["code"] == "hub_destination"));
    for indicator in indicators {
        assert!(indicator["weight"].is_number());
        for span in indicator["spans"].as_array().expect("spans") {
            check(span);
        }
    }
    let identifiers = row["identifiers"].as_array().expect("identifiers");
    let phone = identifiers
        .iter()
        .find(|i| i["kind"] == "phone")
        .expect("phone");
    assert_eq!(phone["value"], "+66812345678");
    assert_eq!(phone["span"]["text"], "๐๘๑-๒๓๔-๕๖๗๘");
    let telegram = identifiers
        .iter()
        .find(|i| i["kind"] == "telegram")
        .expect("telegram");
    assert_eq!(telegram["value"], "@hr_sv88");
    for id in identifiers {
        check(&id["span"]);
    }
}

#[test]
fn one_thread_and_the_pool_write_the_same_rows() {
    // More lines than one chunk (8,192), so that buffers are reused, with bad lines
    // among them.
    let dir = tempfile::tempdir().expect("tempdir");
    let texts = [
        SCAM_TH,
        OK_EN,
        "高薪招聘客服，月薪2万，包吃包住，地点：西港，飞机 @xg_hr",
    ];
    let mut input = String::new();
    for n in 0..9_000 {
        match n % 500 {
            7 => input.push_str("{not json\n"),
            8 => input.push_str("{\"id\": \"no-text\"}\n"),
            _ => {
                let text = format!("{} #{n}", texts[n % texts.len()]);
                input.push_str(&input_line(&format!("ad-{n}"), &text));
                input.push('\n');
            }
        }
    }
    let path = write(dir.path(), "ads.jsonl", input.as_bytes());
    let run = |threads: &str| {
        Command::new(env!("CARGO_BIN_EXE_spean"))
            .args(["screen", "--input", path.to_str().expect("utf8")])
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .expect("spean runs")
    };
    let one = run("1");
    let pool = run("2");
    assert_eq!(one.status.code(), Some(2), "{}", dump(&one));
    assert_eq!(one.status.code(), pool.status.code());
    assert_eq!(rows(&one.stdout).len(), 9_000);
    assert!(one.stdout == pool.stdout, "the rows differ");
    assert_eq!(one.stderr, pool.stderr);
}

#[test]
fn output_goes_to_the_file_given() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write(dir.path(), "ads.jsonl", input_line("a", OK_EN).as_bytes());
    let out = dir.path().join("out.jsonl");
    let output = spean(&[
        "screen",
        "--input",
        input.to_str().expect("utf8"),
        "--output",
        out.to_str().expect("utf8"),
    ]);
    assert!(output.status.success(), "{}", dump(&output));
    assert!(output.stdout.is_empty());
    let written = std::fs::read(&out).expect("output file");
    assert_eq!(rows(&written).len(), 1);
}

#[test]
fn bad_lines_are_reported_by_line_and_the_others_are_still_screened() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut input = Vec::new();
    input.extend(input_line("good-1", SCAM_TH).as_bytes());
    input.extend(b"\n{not json\n");
    input.extend(b"{\"id\":\"no-text\"}\n");
    input.extend(b"{\"text\":\"no id\"}\n");
    input.extend(
        serde_json::json!({"id": "big", "text": "a".repeat(70_000)})
            .to_string()
            .as_bytes(),
    );
    input.extend(b"\n{\"id\":\"bad-utf8\",\"text\":\"\xff\xfe\"}\n");
    input.extend(b"{\"id\":\"fr\",\"text\":\"bonjour\",\"lang\":\"fr\"}\n");
    input.extend(input_line("good-2", OK_EN).as_bytes());
    input.push(b'\n');
    let path = write(dir.path(), "ads.jsonl", &input);
    let output = spean(&["screen", "--input", path.to_str().expect("utf8")]);
    assert_eq!(output.status.code(), Some(2), "{}", dump(&output));
    let rows = rows(&output.stdout);
    assert_eq!(rows.len(), 8, "{}", dump(&output));
    assert_eq!(rows[0]["id"], "good-1");
    assert!(rows[0]["risk"].is_number());
    assert_eq!(rows[7]["id"], "good-2");
    assert!(rows[7]["risk"].is_number());
    let errors: Vec<(u64, &str)> = rows[1..7]
        .iter()
        .map(|r| {
            (
                r["line"].as_u64().expect("line"),
                r["error"].as_str().expect("error"),
            )
        })
        .collect();
    assert_eq!(
        errors.iter().map(|e| e.0).collect::<Vec<_>>(),
        [2, 3, 4, 5, 6, 7]
    );
    assert!(errors[0].1.contains("invalid JSON"));
    assert!(errors[1].1.contains("missing `text`"));
    assert!(errors[2].1.contains("missing `id`"));
    assert!(errors[3].1.contains("over the limit"));
    assert!(errors[4].1.contains("UTF-8"));
    assert!(errors[5].1.contains("unknown language"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    for line in 2..=7 {
        assert!(stderr.contains(&format!("line {line}:")), "{stderr}");
    }
}

#[test]
fn a_bad_rules_file_is_refused_with_its_line_before_anything_is_screened() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = write(
        dir.path(),
        "rules.toml",
        b"[meta]\nversion = \"x\"\n\n[scoring]\nbias = -3.0\nmedium = 0.5\nhigh = 0.8\n\n[[indicator]]\ncode = \"a\"\ntitle = \"A\"\nweight = 1.0\n[indicator.terms]\nklingon = [\"qapla\"]\n",
    );
    let input = write(dir.path(), "ads.jsonl", input_line("a", OK_EN).as_bytes());
    let out = dir.path().join("out.jsonl");
    let output = spean(&[
        "screen",
        "--rules",
        rules.to_str().expect("utf8"),
        "--input",
        input.to_str().expect("utf8"),
        "--output",
        out.to_str().expect("utf8"),
    ]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("line 14"), "{stderr}");
    assert!(stderr.contains("unknown language"), "{stderr}");
    assert!(!out.exists(), "nothing may be written");
}

#[test]
fn a_rules_file_given_with_rules_replaces_the_built_in_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = write(
        dir.path(),
        "rules.toml",
        "[meta]\nversion = \"test-1\"\n\n[scoring]\nbias = -1.0\nmedium = 0.5\nhigh = 0.8\n\n[[indicator]]\ncode = \"durian_lure\"\ntitle = \"Durian\"\nweight = 3.0\n[indicator.terms]\nth = [\"ทุเรียน\"]\n".as_bytes(),
    );
    let output = spean(&[
        "screen",
        "--rules",
        rules.to_str().expect("utf8"),
        "--text",
        "งานเก็บทุเรียน",
        "--json",
    ]);
    assert!(output.status.success(), "{}", dump(&output));
    let row: Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(row["rules_version"], "test-1");
    assert_eq!(row["indicators"][0]["code"], "durian_lure");
    assert_eq!(row["level"], "high");
}

#[test]
fn text_mode_prints_a_readable_explanation() {
    let output = spean(&["screen", "--text", SCAM_TH]);
    assert!(output.status.success(), "{}", dump(&output));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.starts_with("risk >0.99 (high)"), "{text}");
    assert!(text.contains("hub_destination"), "{text}");
    assert!(text.contains("“สีหนุวิลล์”"), "{text}");
    assert!(text.contains("+66812345678"), "{text}");
}

#[test]
fn evaluate_prints_precision_recall_and_f1_per_language_and_overall() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lines = [
        serde_json::json!({"text": SCAM_TH, "label": true, "lang": "th"}),
        serde_json::json!({"text": OK_EN, "label": false, "lang": "en"}),
        serde_json::json!({"text": "Hiring customer service in Poipet, $1500/month, free flight, Telegram @x", "label": true}),
    ];
    let body: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let path = write(dir.path(), "eval.jsonl", body.as_bytes());
    let output = spean(&["screen", "--evaluate", path.to_str().expect("utf8")]);
    assert!(output.status.success(), "{}", dump(&output));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("precision"), "{text}");
    let overall = text
        .lines()
        .find(|l| l.starts_with("overall"))
        .expect("overall row");
    assert!(overall.trim_end().ends_with("1.000"), "{text}");
    assert!(text.lines().any(|l| l.starts_with("th ")), "{text}");
    assert!(text.lines().any(|l| l.starts_with("en ")), "{text}");
}

#[test]
fn fit_prints_every_indicator_with_the_rules_weight_and_the_fitted_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut body = String::new();
    for i in 0..10 {
        let lure = format!("Hiring customer service in Poipet, free flight, Telegram @hr_{i}");
        let ordinary = format!("Walk-in interview at our office for cashier number {i}");
        body.push_str(&format!(
            "{}\n",
            serde_json::json!({"text": lure, "label": true, "lang": "en", "split": "dev"})
        ));
        body.push_str(&format!(
            "{}\n",
            serde_json::json!({"text": ordinary, "label": false, "lang": "en", "split": "dev"})
        ));
    }
    body.push_str(&format!(
        "{}\n",
        serde_json::json!({"text": SCAM_TH, "label": true, "split": "x-test"})
    ));
    let path = write(dir.path(), "labelled.jsonl", body.as_bytes());
    let output = spean(&["screen", "--fit", path.to_str().expect("utf8")]);
    assert!(output.status.success(), "{}", dump(&output));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.starts_with("fitted on 20 examples; 1 in test splits left out"),
        "{text}"
    );
    let fitted = |code: &str| -> f64 {
        let line = text
            .lines()
            .find(|l| l.split_whitespace().next() == Some(code))
            .unwrap_or_else(|| panic!("no row for {code}: {text}"));
        line.split_whitespace()
            .last()
            .expect("fitted weight")
            .parse()
            .expect("a number")
    };
    assert!(fitted("hub_destination") > 0.5, "{text}");
    assert!(fitted("in_person_interview") < -0.5, "{text}");
    assert!(fitted("licensed_agency").abs() < 1e-9, "never seen: {text}");
    assert!(text.contains("F1 on the test splits"), "{text}");
}

#[test]
fn fit_names_a_bad_line_fits_on_the_others_and_exits_with_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = serde_json::json!({"text": SCAM_TH, "label": true, "lang": "th"});
    let body = format!("{good}\n{{not json\n{good}\n");
    let path = write(dir.path(), "labelled.jsonl", body.as_bytes());
    let output = spean(&["screen", "--fit", path.to_str().expect("utf8")]);
    assert_eq!(output.status.code(), Some(2), "{}", dump(&output));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("line 2"),
        "{}",
        dump(&output)
    );
    assert!(
        String::from_utf8_lossy(&output.stdout).starts_with("fitted on 2 examples"),
        "{}",
        dump(&output)
    );
}

/// `spean screen --clusters` on `input`, the groups written to `clusters_output`
/// when given, else summarised on standard error.
fn screen_clusters(input: &Path, clusters_output: Option<&Path>) -> Output {
    let mut args = vec![
        "screen",
        "--input",
        input.to_str().expect("utf8"),
        "--clusters",
    ];
    if let Some(path) = clusters_output {
        args.extend(["--clusters-output", path.to_str().expect("utf8")]);
    }
    spean(&args)
}

#[test]
fn clusters_group_copies_and_name_the_identifiers_they_share() {
    let dir = tempfile::tempdir().expect("tempdir");
    let copy = SCAM_TH
        .replace("50,000", "65,000")
        .replace("ทำงานที่", "ทำงานที่  ");
    let other_phone = SCAM_TH.replace("๐๘๑-๒๓๔-๕๖๗๘", "095-111-2222");
    let body = [
        input_line("a", SCAM_TH),
        input_line("b", OK_EN),
        input_line("c", &copy),
        input_line("d", &other_phone),
    ]
    .join("\n");
    let input = write(dir.path(), "ads.jsonl", body.as_bytes());
    let groups = dir.path().join("clusters.jsonl");
    let output = screen_clusters(&input, Some(&groups));
    assert!(output.status.success(), "{}", dump(&output));
    let rows = rows(&output.stdout);
    assert_eq!(rows[0]["cluster"], 1);
    assert_eq!(rows[2]["cluster"], 1);
    assert_eq!(rows[3]["cluster"], 1);
    assert!(rows[1].get("cluster").is_none());
    let groups = self::rows(&std::fs::read(groups).expect("clusters file"));
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0]["members"], serde_json::json!(["a", "c", "d"]));
    let shared = groups[0]["shared"].as_array().expect("shared");
    assert!(
        shared
            .iter()
            .any(|s| s["value"] == "+66812345678" && s["members"] == 2)
    );
    assert!(
        shared
            .iter()
            .any(|s| s["value"] == "@hr_sv88" && s["members"] == 3)
    );
}

#[test]
fn the_clusters_summary_names_a_large_group_in_part_and_the_file_in_full() {
    let dir = tempfile::tempdir().expect("tempdir");
    let body: Vec<String> = (0..25)
        .map(|i| {
            input_line(
                &format!("copy-{i}"),
                &SCAM_TH.replace("50,000", &format!("5{i},000")),
            )
        })
        .collect();
    let input = write(dir.path(), "ads.jsonl", body.join("\n").as_bytes());
    let summary = screen_clusters(&input, None);
    assert!(summary.status.success(), "{}", dump(&summary));
    let stderr = String::from_utf8_lossy(&summary.stderr);
    let line = stderr
        .lines()
        .find(|l| l.starts_with("cluster 1: 25 ads: "))
        .unwrap_or_else(|| panic!("no summary line for the group:\n{stderr}"));
    assert!(line.contains("\"copy-19\""), "{line}");
    assert!(!line.contains("\"copy-20\""), "{line}");
    assert!(line.ends_with("… and 5 more"), "{line}");

    let groups = dir.path().join("clusters.jsonl");
    let to_file = screen_clusters(&input, Some(&groups));
    assert!(to_file.status.success(), "{}", dump(&to_file));
    let groups = rows(&std::fs::read(groups).expect("clusters file"));
    assert_eq!(groups[0]["members"].as_array().map(Vec::len), Some(25));
}

#[test]
fn train_model_learns_from_the_examples_outside_test_splits_and_model_uses_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut body = String::new();
    for i in 0..10 {
        let lure = format!("my cousin says the boss pays the ticket, easy work number {i}");
        let ordinary = format!("bakery cashier wanted, come to the shop on day {i}");
        for (text, label) in [(lure, true), (ordinary, false)] {
            body.push_str(&format!(
                "{}\n",
                serde_json::json!({"text": text, "label": label, "lang": "en", "split": "dev"})
            ));
        }
    }
    // A test-split example teaches nothing: its only n-grams ("zzzz") stay unknown.
    body.push_str(&format!(
        "{}\n{}\n",
        serde_json::json!({"text": "zzzz qqqq", "label": true, "split": "x-test"}),
        serde_json::json!({"text": "zzzz qqqq", "label": true, "split": "x-test"})
    ));
    let labelled = write(dir.path(), "labelled.jsonl", body.as_bytes());
    let model = dir.path().join("model.tsv");
    let output = spean(&[
        "screen",
        "--train-model",
        labelled.to_str().expect("utf8"),
        "--model-output",
        model.to_str().expect("utf8"),
    ]);
    assert!(output.status.success(), "{}", dump(&output));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("trained on 20 examples (2 in test"),
        "{}",
        dump(&output)
    );
    let written = std::fs::read_to_string(&model).expect("model written");
    assert!(written.lines().any(|l| l.starts_with("(bias)\t")));
    assert!(!written.contains("zzz"), "test split learned");

    let screen = |text: &str| -> f64 {
        let output = spean(&[
            "screen",
            "--model",
            model.to_str().expect("utf8"),
            "--text",
            text,
            "--json",
        ]);
        assert!(output.status.success(), "{}", dump(&output));
        let row: Value = serde_json::from_slice(&output.stdout).expect("json");
        row["indicators"]
            .as_array()
            .and_then(|hits| hits.iter().find(|h| h["code"] == "text_model"))
            .and_then(|hit| hit["weight"].as_f64())
            .expect("the model's contribution")
    };
    assert!(screen("the boss pays the ticket") > 0.0);
    assert!(screen("cashier wanted at the shop") < 0.0);
}

#[test]
fn a_bad_model_file_is_refused_with_its_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let model = write(dir.path(), "model.tsv", b"(bias)\t0.5\nabc\tnot-a-number\n");
    let output = spean(&[
        "screen",
        "--model",
        model.to_str().expect("utf8"),
        "--text",
        SCAM_TH,
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", dump(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("line 2"), "{}", dump(&output));
    assert!(output.stdout.is_empty(), "{}", dump(&output));
}

#[test]
fn train_model_names_a_bad_line_trains_on_the_others_and_exits_with_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = serde_json::json!({"text": SCAM_TH, "label": true, "lang": "th"});
    let body = format!("{good}\n{{not json\n{good}\n");
    let labelled = write(dir.path(), "labelled.jsonl", body.as_bytes());
    let output = spean(&["screen", "--train-model", labelled.to_str().expect("utf8")]);
    assert_eq!(output.status.code(), Some(2), "{}", dump(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("line 2"), "{}", dump(&output));
    assert!(
        stderr.contains("trained on 2 examples"),
        "{}",
        dump(&output)
    );
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("(bias)\t"),
        "the model goes to standard output: {}",
        dump(&output)
    );
}

#[test]
fn lines_longer_than_a_read_block_keep_their_numbers_and_the_rest_is_screened() {
    // The input is read a few megabytes at a time: a longer line spans blocks, and
    // the lines after it must keep their numbers. Windows line ends, no final one.
    let dir = tempfile::tempdir().expect("tempdir");
    let huge = input_line("huge", &"x".repeat(9 << 20));
    let mut lines = vec![input_line("first", OK_EN), huge];
    for i in 0..2000 {
        lines.push(input_line(&format!("ad-{i}"), SCAM_TH));
    }
    lines.push("{\"id\": broken".to_owned());
    lines.push(input_line("last", OK_EN));
    let path = write(dir.path(), "ads.jsonl", lines.join("\r\n").as_bytes());
    let output = spean(&["screen", "--input", path.to_str().expect("utf8")]);
    assert_eq!(output.status.code(), Some(2), "{}", dump(&output));
    let rows = rows(&output.stdout);
    assert_eq!(rows.len(), 2004);
    assert_eq!(rows[1]["line"], 2, "{}", rows[1]);
    assert!(
        rows[1]["error"]
            .as_str()
            .is_some_and(|e| e.contains("over the limit"))
    );
    assert_eq!(rows[2002]["line"], 2003, "{}", rows[2002]);
    assert!(
        rows[2002]["error"]
            .as_str()
            .is_some_and(|e| e.contains("invalid JSON"))
    );
    assert_eq!(rows[2003]["id"], "last");
    assert!(rows[2..2002].iter().all(|r| r["level"] == "high"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("line 2:") && stderr.contains("line 2003:"),
        "{stderr}"
    );
}
