//! `spean romanize` from the outside: an argument, or standard input line by line.

use std::io::Write;
use std::process::{Command, Stdio};

fn romanize_stdin(input: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_spean"))
        .arg("romanize")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the spean binary runs");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input.as_bytes())
        .expect("stdin accepts the input");
    let output = child.wait_with_output().expect("spean finishes");
    assert!(output.status.success());
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

#[test]
fn text_given_as_an_argument_is_romanised_per_word() {
    let output = Command::new(env!("CARGO_BIN_EXE_spean"))
        .args(["romanize", "ธนากร ศรีสุข Somchai សុខ"])
        .output()
        .expect("the spean binary runs");
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "thanakon sisuk Somchai sŏkh\n"
    );
}

#[test]
fn standard_input_gives_one_output_line_per_input_line() {
    let out = romanize_stdin("ศรีสุข\n\nThanakorn\nកម្ពុជា\n");
    assert_eq!(out, "sisuk\n\nThanakorn\nkâmpŭchéa\n");
}

#[test]
fn a_last_line_without_newline_is_still_romanised() {
    assert_eq!(romanize_stdin("แมว\nหมอก"), "maeo\nmok\n");
}
