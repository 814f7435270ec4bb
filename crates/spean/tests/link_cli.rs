//! `spean link` from the outside: the real binary on FEBRL4 and on broken inputs.
#![expect(
    clippy::unwrap_used,
    reason = "test helpers fail the test on any I/O problem"
)]

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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

fn data(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../spean-match/tests/data")
        .join(file)
}

fn spean(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_spean"))
        .args(args)
        .output()
        .expect("the spean binary runs")
}

fn link_args<'a>(files: &[&'a str], out: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["link"];
    args.extend_from_slice(files);
    args.extend_from_slice(&["--id", "rec_id", "--out", out, "--quiet"]);
    for f in FIELDS {
        args.extend_from_slice(&["--field", f]);
    }
    args.extend_from_slice(extra);
    args
}

fn read_links(path: &Path) -> (String, Vec<(String, String, f64)>) {
    let text = std::fs::read_to_string(path).expect("links written");
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default().to_owned();
    let rows = lines
        .map(|l| {
            let mut parts = l.split(',');
            let a = parts.next().unwrap_or_default().to_owned();
            let b = parts.next().unwrap_or_default().to_owned();
            let p = parts
                .next()
                .unwrap_or_default()
                .parse()
                .expect("a probability");
            (a, b, p)
        })
        .collect();
    (header, rows)
}

fn f1(rows: &[(String, String, f64)], truth: usize) -> f64 {
    let entity = |id: &str| id.split('-').nth(1).unwrap_or("").to_owned();
    let tp = rows
        .iter()
        .filter(|(a, b, _)| entity(a) == entity(b))
        .count() as f64;
    let precision = tp / rows.len().max(1) as f64;
    let recall = tp / truth as f64;
    2.0 * precision * recall / (precision + recall).max(f64::MIN_POSITIVE)
}

#[test]
fn linking_febrl4_writes_the_agreed_header_and_an_f1_of_at_least_0_99() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("links.csv");
    let (a, b) = (data("febrl4_a.csv"), data("febrl4_b.csv"));
    let args = link_args(
        &[a.to_str().unwrap(), b.to_str().unwrap()],
        out.to_str().unwrap(),
        &[],
    );
    let output = spean(&args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let (header, rows) = read_links(&out);
    assert_eq!(header, "left_id,right_id,match_probability");
    assert!(rows.iter().all(|(_, _, p)| *p >= 0.9));
    let score = f1(&rows, 5000);
    assert!(score >= 0.99, "F1 {score}");
}

#[test]
fn one_to_one_clusters_explanations_and_a_saved_model_work_together() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    let (out, clusters, explain, model) = (p("links.csv"), p("c.csv"), p("e.jsonl"), p("m.json"));
    let (a, b) = (data("febrl4_a.csv"), data("febrl4_b.csv"));
    let files = [a.to_str().unwrap(), b.to_str().unwrap()];
    let extra = [
        "--one-to-one",
        "--clusters",
        &clusters,
        "--explain",
        &explain,
        "--save-model",
        &model,
    ];
    let output = spean(&link_args(&files, &out, &extra));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    let (_, rows) = read_links(Path::new(&out));
    let lefts: HashSet<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    let rights: HashSet<&str> = rows.iter().map(|r| r.1.as_str()).collect();
    assert_eq!(lefts.len(), rows.len());
    assert_eq!(rights.len(), rows.len());

    let cluster_text = std::fs::read_to_string(&clusters).unwrap();
    assert!(cluster_text.starts_with("record_id,cluster_id\n"));
    assert_eq!(cluster_text.lines().count(), 1 + 10_000);

    let first: serde_json::Value = serde_json::from_str(
        std::fs::read_to_string(&explain)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(first["fields"].as_array().unwrap().len(), FIELDS.len());
    assert!(first["fields"][0]["match_weight"].is_number());
    assert!(first["fields"][0]["label"].is_string());

    // The saved model links again without training, to the same result.
    let again = p("again.csv");
    let output = spean(&link_args(
        &files,
        &again,
        &["--one-to-one", "--model", &model],
    ));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&again).unwrap(),
        std::fs::read_to_string(&out).unwrap()
    );
}

#[test]
fn known_pairs_given_as_labels_train_the_model() {
    let dir = tempfile::tempdir().unwrap();
    let labels = dir.path().join("labels.csv");
    let pairs: String = (0..200)
        .map(|n| format!("rec-{n}-org,rec-{n}-dup-0\n"))
        .collect();
    std::fs::write(&labels, format!("left_id,right_id\n{pairs}")).unwrap();
    let out = dir.path().join("links.csv");
    let (a, b) = (data("febrl4_a.csv"), data("febrl4_b.csv"));
    let files = [a.to_str().unwrap(), b.to_str().unwrap()];
    let extra = ["--labels", labels.to_str().unwrap()];
    let output = spean(&link_args(&files, out.to_str().unwrap(), &extra));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let (_, rows) = read_links(&out);
    let score = f1(&rows, 5000);
    assert!(score >= 0.99, "F1 {score}");
}

#[test]
fn a_label_naming_an_unknown_id_is_an_error_naming_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let labels = dir.path().join("labels.csv");
    std::fs::write(
        &labels,
        "left_id,right_id\nrec-1-org,rec-1-dup-0\nnobody,rec-2-dup-0\n",
    )
    .unwrap();
    let out = dir.path().join("links.csv");
    let (a, b) = (data("febrl4_a.csv"), data("febrl4_b.csv"));
    let files = [a.to_str().unwrap(), b.to_str().unwrap()];
    let extra = ["--labels", labels.to_str().unwrap()];
    let output = spean(&link_args(&files, out.to_str().unwrap(), &extra));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("labels.csv: line 3, column 1"), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn one_file_is_deduplicated() {
    let dir = tempfile::tempdir().unwrap();
    let both = dir.path().join("both.csv");
    let a = std::fs::read_to_string(data("febrl4_a.csv")).unwrap();
    let b = std::fs::read_to_string(data("febrl4_b.csv")).unwrap();
    let b_rows: String = b.lines().skip(1).map(|l| format!("{l}\n")).collect();
    std::fs::write(&both, format!("{a}{b_rows}")).unwrap();
    let out = dir.path().join("links.csv");
    let output = spean(&link_args(
        &[both.to_str().unwrap()],
        out.to_str().unwrap(),
        &[],
    ));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let (_, rows) = read_links(&out);
    let score = f1(&rows, 5000);
    assert!(score >= 0.98, "F1 {score}");
}

/// Runs `spean link` on a small broken input and returns its stderr, checking that it
/// failed, said so on one line naming the file, and wrote nothing.
fn fails_on(content: &[u8], fields: &[&str], expected: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("input.csv");
    std::fs::write(&input, content).unwrap();
    let out = dir.path().join("links.csv");
    let mut args = vec![
        "link",
        input.to_str().unwrap(),
        "--id",
        "id",
        "--out",
        out.to_str().unwrap(),
    ];
    for f in fields {
        args.extend_from_slice(&["--field", f]);
    }
    let output = spean(&args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "succeeded: {stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    for word in expected {
        assert!(stderr.contains(word), "{word:?} not in {stderr}");
    }
    assert!(!out.exists(), "output written despite the error");
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 1, "temporary files left behind");
}

#[test]
fn a_missing_id_column_is_an_error_naming_file_and_line() {
    fails_on(
        b"key,name\n1,Sok\n",
        &["name=full_name"],
        &["input.csv", "line 1", "\"id\""],
    );
}

#[test]
fn duplicate_ids_are_an_error_naming_both_lines() {
    fails_on(
        b"id,name\n1,Sok\n2,Dara\n1,Sokh\n",
        &["name=full_name"],
        &["input.csv", "line 4", "column 1", "duplicate id", "line 2"],
    );
}

#[test]
fn bad_encoding_is_an_error_naming_line_and_column() {
    fails_on(
        b"id,name\n1,Sok\n2,\xff\xfeDara\n",
        &["name=full_name"],
        &["input.csv", "line 3", "column 2", "UTF-8"],
    );
}

#[test]
fn ragged_rows_are_an_error_naming_line_and_column() {
    fails_on(
        b"id,name,phone\n1,Sok,012345678\n2,Dara\n",
        &["name=full_name"],
        &["input.csv", "line 3", "column 3", "ragged"],
    );
}

#[test]
fn an_unknown_kind_is_an_error_listing_the_kinds() {
    fails_on(
        b"id,name\n1,Sok\n",
        &["name=nickname"],
        &["nickname", "full_name"],
    );
}

#[test]
fn an_empty_file_is_an_error() {
    fails_on(b"", &["name=full_name"], &["input.csv", "line 1", "empty"]);
}

#[test]
fn a_header_without_records_is_an_error() {
    fails_on(
        b"id,name\n",
        &["name=full_name"],
        &["input.csv", "no records"],
    );
}

#[test]
fn a_field_column_missing_from_the_header_is_an_error() {
    fails_on(
        b"id,name\n1,Sok\n",
        &["phone=phone"],
        &["input.csv", "line 1", "\"phone\""],
    );
}

#[test]
fn each_file_can_have_its_own_default_phone_region() {
    let dir = tempfile::tempdir().unwrap();
    let left = dir.path().join("thai.csv");
    let right = dir.path().join("khmer.csv");
    std::fs::write(
        &left,
        "id,name,phone\nt1,Sok Dara,+855 12 345 678\nt2,Somchai,081 234 5678\n",
    )
    .unwrap();
    std::fs::write(
        &right,
        "id,name,phone\nk1,Dara Sok,012 345 678\nk2,Vibol,097 765 4321\n",
    )
    .unwrap();
    let out = dir.path().join("links.csv");
    let explain = dir.path().join("why.jsonl");
    let output = spean(&[
        "link",
        left.to_str().unwrap(),
        right.to_str().unwrap(),
        "--id",
        "id",
        "--field",
        "name=full_name",
        "--field",
        "phone=phone",
        "--block",
        "phone",
        "--region",
        "TH",
        "--right-region",
        "KH",
        "--threshold",
        "0",
        "--out",
        out.to_str().unwrap(),
        "--explain",
        explain.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let first: serde_json::Value = serde_json::from_str(
        std::fs::read_to_string(&explain)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(first["left_id"], "t1");
    assert_eq!(first["right_id"], "k1");
    assert_eq!(first["fields"][1]["label"], "exact");
}
