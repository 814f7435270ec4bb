//! `spean romanize`: print the Latin romanisation of Thai (RTGS) or Khmer (UNGEGN) text.
//!
//! The script is detected per word, so mixed lines work; Latin words pass through.
//! Without TEXT, each line of standard input gives exactly one line of output.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use anyhow::Context;
use spean_text::romanize::romanize;

/// Arguments of `spean romanize`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The text to romanise; read standard input line by line when absent.
    text: Option<String>,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.text {
        Some(text) => writeln!(out, "{}", romanize(&text))?,
        None => {
            let stdin = std::io::stdin();
            for (n, line) in stdin.lock().lines().enumerate() {
                let line = line.with_context(|| format!("standard input: line {}", n + 1))?;
                writeln!(out, "{}", romanize(&line))?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
