//! `spean screen`: screens recruitment ads and chats for trafficking risk.
//!
//! Three modes, one of which must be chosen:
//!
//! * `--input ADS.jsonl [--output RESULTS.jsonl]`: one JSON object per line with `id`
//!   and `text` (optional `lang`, `url`, `seen_at`); writes one object per input line,
//!   in order. A line that cannot be screened (invalid JSON or UTF-8, no `id` or
//!   `text`, a text over the size limit, an unknown language) gets an object with
//!   `line` and `error` instead, the reason is printed on standard error with the line
//!   number, the other lines are screened, and the exit code is 2. Blank lines are
//!   skipped. `--clusters` adds a `cluster` number to each result and reports the
//!   groups of near-duplicate ads with the identifiers their members share.
//! * `--text "..."`: screens one text and prints a readable explanation (`--json` for
//!   the JSON object).
//! * `--evaluate LABELLED.jsonl`: lines with `text`, `label` (true for a trafficking
//!   risk) and optionally `lang` and `split`; prints precision, recall and F1 per
//!   language and overall (and per split when the set has splits).
//! * `--fit LABELLED.jsonl...`: fits the indicator weights and the bias to the
//!   examples of the given sets (those of splits named `test` or `…-test` are left
//!   out and used to compare the fitted weights with the rules' own), and prints
//!   both side by side, for an analyst to copy into the rules file.
//!
//! `--rules FILE` replaces the built-in rules; a bad file is refused with its line
//! and reason before anything is read or screened. Lines are screened in parallel
//! (rayon; on one core, or with `RAYON_NUM_THREADS=1`, on the calling thread);
//! results are written in input order.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, BufWriter, Read, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;
use spean_screen::cluster::{self, Signature};
use spean_screen::evaluate::{Counts, Report};
use spean_screen::fit::{self, FitSettings};
use spean_screen::jsonl::{self, Id, LineError};
use spean_screen::model::{self, TrainSettings};
use spean_screen::{Identifier, Lang, Rules, Screener, Screening, TextModel};
use spean_text::normalize::normalize;

/// Arguments of `spean screen`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("mode").required(true).args(["input", "text", "evaluate", "fit", "train_model"])))]
pub(crate) struct Args {
    /// JSON Lines file of ads or messages (`id`, `text`, optional `lang`).
    #[arg(long, value_name = "FILE.jsonl")]
    input: Option<PathBuf>,
    /// Where to write the results (default: standard output).
    #[arg(long, value_name = "FILE.jsonl", requires = "input")]
    output: Option<PathBuf>,
    /// Screen one text and print a readable explanation.
    #[arg(long, value_name = "TEXT")]
    text: Option<String>,
    /// Labelled JSON Lines file (`text`, `label`, optional `lang`, `split`): print
    /// precision, recall and F1 per language and overall.
    #[arg(long, value_name = "FILE.jsonl")]
    evaluate: Option<PathBuf>,
    /// Labelled JSON Lines files: fit the indicator weights and the bias to their
    /// examples outside test splits, and print them beside the rules' own.
    #[arg(long, value_name = "FILE.jsonl", num_args = 1..)]
    fit: Vec<PathBuf>,
    /// Labelled JSON Lines files: learn a text model (character n-grams) from their
    /// examples outside test splits, for `--model`.
    #[arg(long, value_name = "FILE.jsonl", num_args = 1..)]
    train_model: Vec<PathBuf>,
    /// Where `--train-model` writes the model (default: standard output).
    #[arg(long, value_name = "FILE.tsv", requires = "train_model")]
    model_output: Option<PathBuf>,
    /// Text model file to use instead of the built-in one.
    #[arg(long, value_name = "FILE.tsv")]
    model: Option<PathBuf>,
    /// Rules file (TOML) to use instead of the built-in one.
    #[arg(long, value_name = "FILE.toml")]
    rules: Option<PathBuf>,
    /// Language of `--text` (default: detected).
    #[arg(long, value_name = "CODE", requires = "text")]
    lang: Option<String>,
    /// With `--text`: print the JSON result instead of the explanation.
    #[arg(long, requires = "text")]
    json: bool,
    /// Group near-duplicate ads; adds `cluster` to each result and reports each group
    /// with the identifiers its members share (on standard error, or `--clusters-output`).
    #[arg(long, requires = "input")]
    clusters: bool,
    /// Write the groups found by `--clusters` as JSON Lines to this file.
    #[arg(long, value_name = "FILE.jsonl", requires = "clusters")]
    clusters_output: Option<PathBuf>,
    /// Estimated Jaccard similarity from which two ads are near-duplicates.
    #[arg(long, value_name = "0..1", default_value_t = 0.6)]
    cluster_threshold: f64,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    if !args.train_model.is_empty() {
        return train_model(&args.train_model, args.model_output.as_deref());
    }
    let rules = match &args.rules {
        Some(path) => {
            let source = fs::read_to_string(path)
                .with_context(|| format!("cannot read rules file {}", path.display()))?;
            Rules::parse(&source)
                .map_err(|e| anyhow::anyhow!("{}, line {}: {}", path.display(), e.line, e.reason))?
        }
        None => Rules::default_rules(),
    };
    let screener = match &args.model {
        Some(path) => {
            let source = fs::read_to_string(path)
                .with_context(|| format!("cannot read model file {}", path.display()))?;
            let model = TextModel::parse(&source).map_err(|e| {
                anyhow::anyhow!("{}, line {}: {}", path.display(), e.line, e.reason)
            })?;
            Screener::from_parts(rules, Some(model))
        }
        None => Screener::new(rules),
    };
    if let Some(text) = args.text {
        return screen_text(&screener, &text, args.lang.as_deref(), args.json);
    }
    if let Some(path) = &args.evaluate {
        return evaluate(&screener, path);
    }
    if !args.fit.is_empty() {
        // The indicator weights are fitted on their own: the text model is trained
        // apart (`--train-model`) and weighed by `[scoring] text_model`.
        return fit_weights(&screener.with_model(None), &args.fit);
    }
    match &args.input {
        Some(path) => screen_file(&screener, path, &args),
        None => {
            anyhow::bail!("one of --input, --text, --evaluate, --fit or --train-model is required")
        }
    }
}

fn screen_text(
    screener: &Screener,
    text: &str,
    lang: Option<&str>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let lang = lang.map(str::parse::<Lang>).transpose()?;
    let result = screener.screen(text, lang)?;
    if json {
        let mut row = Vec::new();
        jsonl::write_result(&mut row, &Id::None, &result, None);
        let value: Value = serde_json::from_slice(&row)?;
        println!("{}", serde_json::to_string_pretty(&value)?);
    } else {
        print!("{}", result.explain());
    }
    Ok(ExitCode::SUCCESS)
}

/// A screened line with its `id`, or why it could not be screened.
type LineResult<'a> = Result<(Id<'a>, Screening), LineError<'a>>;

fn screen_line<'a>(screener: &Screener, raw: &'a [u8]) -> LineResult<'a> {
    jsonl::parse_line(raw, false)
        .and_then(|ad| jsonl::screen_ad(screener, ad))
        .map(|(ad, screening)| (ad.id, screening))
}

/// The numbered, non-blank lines of a file.
fn lines_of(bytes: &[u8]) -> Vec<(usize, &[u8])> {
    let mut ranges = Vec::new();
    line_ranges(bytes, 1, &mut ranges);
    ranges
        .into_iter()
        .map(|(number, range)| (number, bytes.get(range).unwrap_or_default()))
        .collect()
}

/// Appends where the non-blank lines of `bytes` are (without their `\r\n` or
/// `\n`) to `lines`, numbered from `first`.
fn line_ranges(bytes: &[u8], first: usize, lines: &mut Vec<(usize, Range<usize>)>) {
    let mut start = 0;
    for (i, line) in bytes.split(|b| *b == b'\n').enumerate() {
        let content = line.strip_suffix(b"\r").unwrap_or(line);
        if !content.iter().all(u8::is_ascii_whitespace) {
            lines.push((first + i, start..start + content.len()));
        }
        start += line.len() + 1;
    }
}

/// The output rows of some lines, and the lines that failed with their reasons.
#[derive(Default)]
struct Rendered {
    bytes: Vec<u8>,
    failures: Vec<(usize, String)>,
}

/// Appends the row of one line (result or error) to `rendered`.
fn render(rendered: &mut Rendered, number: usize, result: &LineResult<'_>, cluster: Option<usize>) {
    match result {
        Ok((id, s)) => jsonl::write_result(&mut rendered.bytes, id, s, cluster),
        Err(e) => {
            jsonl::write_error(&mut rendered.bytes, e, number);
            rendered.failures.push((number, e.reason.clone()));
        }
    }
    rendered.bytes.push(b'\n');
}

/// Writes rendered rows in order and reports their failures; returns how many failed.
fn emit(out: &mut dyn Write, path: &Path, rendered: &[Rendered]) -> anyhow::Result<usize> {
    let mut failed = 0;
    for part in rendered {
        for (number, reason) in &part.failures {
            report_bad_line(path, *number, reason);
        }
        failed += part.failures.len();
        out.write_all(&part.bytes)?;
    }
    Ok(failed)
}

/// Lines screened at a time when no clustering needs them all: bounds memory and
/// keeps the writer busy.
const CHUNK: usize = 8192;
/// Lines a worker screens and renders in one go: big enough that handing work out
/// costs little, small enough to share a chunk between the cores.
const BATCH: usize = 128;
/// Buffer of the output writer. The rows of a batch (some 180 KB) are larger, so
/// they go to the file or pipe directly instead of being copied through it.
const WRITE_BUFFER: usize = 64 * 1024;

/// Input read at a time when no clustering needs every line at once: the same
/// buffer serves the whole file, so its pages are faulted in once, not once per
/// megabyte of input.
const READ_BLOCK: usize = 4 << 20;

fn screen_file(screener: &Screener, path: &PathBuf, args: &Args) -> anyhow::Result<ExitCode> {
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(BufWriter::with_capacity(
            WRITE_BUFFER,
            fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(BufWriter::with_capacity(WRITE_BUFFER, io::stdout().lock())),
    };
    if !args.clusters {
        let input =
            fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
        let (failed, total) = screen_stream(screener, input, path, &mut *out)
            .with_context(|| format!("cannot read {}", path.display()))?;
        out.flush()?;
        return Ok(exit_code(failed, total));
    }

    let bytes = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let lines = lines_of(&bytes);
    let results: Vec<LineResult<'_>> = lines
        .par_iter()
        .map(|(_, raw)| screen_line(screener, raw))
        .collect();
    let mut cluster_of: Vec<Option<usize>> = vec![None; results.len()];
    let mut groups_report = Vec::new();
    let (indices, texts): (Vec<usize>, Vec<&[u8]>) = results
        .iter()
        .enumerate()
        .filter(|(_, r)| r.is_ok())
        .filter_map(|(i, _)| lines.get(i).map(|(_, raw)| (i, *raw)))
        .unzip();
    let signatures: Vec<Signature> = texts
        .par_iter()
        .map(|raw| match jsonl::parse_line(raw, false) {
            Ok(ad) => Signature::of(&ad.text),
            Err(_) => Signature::of(""),
        })
        .collect();
    for (number, group) in cluster::clusters(&signatures, args.cluster_threshold)
        .into_iter()
        .enumerate()
    {
        let members: Vec<usize> = group
            .iter()
            .filter_map(|g| indices.get(*g))
            .copied()
            .collect();
        let mut ids = Vec::new();
        let mut identifiers: Vec<&[Identifier]> = Vec::new();
        for &m in &members {
            if let Some(slot) = cluster_of.get_mut(m) {
                *slot = Some(number + 1);
            }
            if let Some(Ok((id, s))) = results.get(m) {
                ids.push(id.clone().into_owned());
                identifiers.push(&s.identifiers);
            }
        }
        groups_report.push(ClusterRow {
            cluster: number + 1,
            size: members.len(),
            members: ids,
            shared: cluster::shared_identifiers(&identifiers),
        });
    }

    let mut rendered = Rendered::default();
    for (((number, _), result), cluster) in lines.iter().zip(&results).zip(&cluster_of) {
        render(&mut rendered, *number, result, *cluster);
    }
    let failed = emit(&mut *out, path, std::slice::from_ref(&rendered))?;
    out.flush()?;

    write_clusters(&groups_report, args.clusters_output.as_ref())?;
    Ok(exit_code(failed, results.len()))
}

/// Screens the lines of `input` in order, block by block, writing a row for each to
/// `out`; returns how many lines failed and how many there were.
fn screen_stream(
    screener: &Screener,
    mut input: impl Read,
    path: &Path,
    out: &mut dyn Write,
) -> anyhow::Result<(usize, usize)> {
    let (mut failed, mut total) = (0usize, 0usize);
    // One buffer per batch of a chunk, kept from chunk to chunk: freeing them
    // would hand their pages back to the system, and the next chunk would fault
    // every page of its output in again.
    let mut rendered: Vec<Rendered> = Vec::new();
    // On one core, or when one thread is asked for (`RAYON_NUM_THREADS=1`), the
    // lines are screened on this thread: a pool would only add a thread, and with
    // it the locking a multi-threaded allocator does.
    let one_core = std::env::var("RAYON_NUM_THREADS").is_ok_and(|n| n.trim() == "1")
        || std::thread::available_parallelism().is_ok_and(|n| n.get() == 1);
    let mut block: Vec<u8> = Vec::with_capacity(READ_BLOCK);
    let mut lines: Vec<(usize, Range<usize>)> = Vec::new();
    // The number of the first line in `block`.
    let mut first_line = 1;
    let mut at_end = false;
    while !at_end {
        // Fill the block; a line longer than it makes it grow (doubling) until
        // the line ends.
        let mut filled = block.len();
        block.resize(
            if filled < READ_BLOCK {
                READ_BLOCK
            } else {
                2 * filled
            },
            0,
        );
        while filled < block.len() {
            let read = match input.read(block.get_mut(filled..).unwrap_or_default()) {
                Ok(read) => read,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e.into()),
            };
            if read == 0 {
                at_end = true;
                break;
            }
            filled += read;
        }
        block.truncate(filled);
        // Whole lines only: the rest waits for the next block.
        let whole = if at_end {
            block.len()
        } else {
            match block.iter().rposition(|b| *b == b'\n') {
                Some(newline) => newline + 1,
                None => continue,
            }
        };
        let text = block.get(..whole).unwrap_or_default();
        lines.clear();
        line_ranges(text, first_line, &mut lines);
        // After a final newline `split` sees one more, empty line: the next block's
        // first line takes its number.
        first_line += bytecount_newlines(text);
        total += lines.len();
        let screen_batch = |(part, batch): (&mut Rendered, &[(usize, Range<usize>)])| {
            part.bytes.clear();
            part.failures.clear();
            for (number, range) in batch {
                let raw = text.get(range.clone()).unwrap_or_default();
                render(part, *number, &screen_line(screener, raw), None);
            }
        };
        if one_core {
            // One batch at a time, each written as soon as it is rendered, through
            // one buffer.
            rendered.resize_with(1, Rendered::default);
            for batch in lines.chunks(BATCH) {
                let parts = rendered.get_mut(..1).unwrap_or_default();
                parts.iter_mut().zip([batch]).for_each(screen_batch);
                failed += emit(out, path, parts)?;
            }
        } else {
            for chunk in lines.chunks(CHUNK) {
                let batches = chunk.len().div_ceil(BATCH);
                if rendered.len() < batches {
                    rendered.resize_with(batches, Rendered::default);
                }
                let parts = rendered.get_mut(..batches).unwrap_or_default();
                parts
                    .par_iter_mut()
                    .zip(chunk.par_chunks(BATCH))
                    .for_each(screen_batch);
                failed += emit(out, path, parts)?;
            }
        }
        block.drain(..whole);
    }
    Ok((failed, total))
}

/// The number of line ends in `bytes`.
fn bytecount_newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| **b == b'\n').count()
}

fn exit_code(failed: usize, total: usize) -> ExitCode {
    if failed > 0 {
        eprintln!("spean screen: {failed} of {total} lines could not be screened");
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}

#[derive(Serialize)]
struct ClusterRow {
    cluster: usize,
    size: usize,
    members: Vec<Id<'static>>,
    shared: Vec<cluster::Shared>,
}

/// How many members of a group the summary on standard error names: a group of
/// thousands would bury the others. Every member is in `--clusters-output`, and
/// each result row carries its group's number.
const MEMBERS_LISTED: usize = 20;

fn write_clusters(groups: &[ClusterRow], path: Option<&PathBuf>) -> anyhow::Result<()> {
    if let Some(path) = path {
        let mut out = BufWriter::new(
            fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        );
        for group in groups {
            serde_json::to_writer(&mut out, group)?;
            out.write_all(b"\n")?;
        }
        out.flush()?;
        return Ok(());
    }
    let mut err = io::stderr().lock();
    writeln!(err, "{} groups of near-duplicate ads", groups.len())?;
    for group in groups {
        let mut members: Vec<String> = group
            .members
            .iter()
            .take(MEMBERS_LISTED)
            .map(Id::to_string)
            .collect();
        if group.members.len() > MEMBERS_LISTED {
            members.push(format!(
                "… and {} more",
                group.members.len() - MEMBERS_LISTED
            ));
        }
        writeln!(
            err,
            "cluster {}: {} ads: {}",
            group.cluster,
            group.size,
            members.join(", ")
        )?;
        if group.shared.is_empty() {
            writeln!(err, "  no shared identifiers")?;
        }
        for shared in &group.shared {
            let kind = serde_json::to_value(shared.kind)?;
            writeln!(
                err,
                "  shared {} {} (in {} ads)",
                kind.as_str().unwrap_or_default(),
                shared.value,
                shared.members
            )?;
        }
    }
    Ok(())
}

fn evaluate(screener: &Screener, path: &Path) -> anyhow::Result<ExitCode> {
    let mut overall = Report::default();
    let mut by_split: BTreeMap<String, Report> = BTreeMap::new();
    let failed = each_labelled(screener, path, |input, s| {
        let expected = input.label.unwrap_or(false);
        overall.add(s.lang, expected, s.flagged);
        if let Some(split) = input.split {
            by_split
                .entry(split.into_owned())
                .or_default()
                .add(s.lang, expected, s.flagged);
        }
    })?;
    println!("all examples");
    print!("{}", overall.render());
    for (split, report) in &by_split {
        println!("\nsplit {split}");
        print!("{}", report.render());
    }
    if failed > 0 {
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}

/// Fits the weights to the labelled examples of `paths` outside test splits, and
/// prints them beside the rules' weights with the F1 each gives on the test splits.
fn fit_weights(screener: &Screener, paths: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let rules = screener.rules();
    let mut training = Vec::new();
    let mut test = Vec::new();
    let mut failed = 0usize;
    for path in paths {
        failed += each_labelled(screener, path, |input, screening| {
            let present = screening
                .indicators
                .iter()
                .filter_map(|hit| rules.indicators.iter().position(|i| i.code == hit.code))
                .collect();
            let example = fit::Example {
                present,
                label: input.label.unwrap_or(false),
            };
            let is_test = is_test_split(input.split.as_deref());
            if is_test {
                test.push((example, screening.flagged));
            } else {
                training.push(example);
            }
        })?;
    }
    let fitted = fit::fit(&training, rules.indicators.len(), FitSettings::default());
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "fitted on {} examples; {} in test splits left out",
        training.len(),
        test.len()
    )?;
    writeln!(out, "{:<26} {:>7} {:>7}", "", "rules", "fitted")?;
    writeln!(
        out,
        "{:<26} {:>7.1} {:>7.2}",
        "bias", rules.bias, fitted.bias
    )?;
    for (indicator, weight) in rules.indicators.iter().zip(&fitted.weights) {
        writeln!(
            out,
            "{:<26} {:>7.1} {:>7.2}",
            indicator.code, indicator.weight, weight
        )?;
    }
    if !test.is_empty() {
        let mut with_rules = Counts::default();
        let mut with_fit = Counts::default();
        for (example, flagged) in &test {
            with_rules.add(example.label, *flagged);
            with_fit.add(example.label, fitted.score(&example.present) >= 0.0);
        }
        writeln!(
            out,
            "F1 on the test splits: {:.3} with the rules' weights, {:.3} with the fitted ones \
             (flagged from a risk of 0.5)",
            with_rules.f1(),
            with_fit.f1()
        )?;
    }
    if failed > 0 {
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}

/// Says on standard error why line `number` of `path` was left out.
fn report_bad_line(path: &Path, number: usize, reason: &str) {
    eprintln!("spean screen: {}: line {number}: {reason}", path.display());
}

/// Whether a labelled example belongs to a test split, which no fitting or training
/// may see.
fn is_test_split(split: Option<&str>) -> bool {
    split.is_some_and(|s| s == "test" || s.ends_with("-test"))
}

/// Learns a text model from the labelled examples of `paths` outside test splits and
/// writes it to `output` (or standard output).
fn train_model(paths: &[PathBuf], output: Option<&Path>) -> anyhow::Result<ExitCode> {
    let mut texts: Vec<(String, bool)> = Vec::new();
    let mut left_out = 0usize;
    let mut failed = 0usize;
    for path in paths {
        let bytes = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        for (number, raw) in lines_of(&bytes) {
            match jsonl::parse_line(raw, true) {
                Ok(ad) if is_test_split(ad.split.as_deref()) => left_out += 1,
                Ok(ad) => texts.push((
                    normalize(&ad.text).text().to_owned(),
                    ad.label.unwrap_or(false),
                )),
                Err(e) => {
                    failed += 1;
                    report_bad_line(path, number, &e.reason);
                }
            }
        }
    }
    let examples: Vec<(&str, bool)> = texts.iter().map(|(t, l)| (t.as_str(), *l)).collect();
    let settings = TrainSettings::default();
    let model = model::train(&examples, settings);
    let names: Vec<String> = paths
        .iter()
        .filter_map(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .collect();
    let header = format!(
        "Text model for spean screen: character 3- and 4-gram weights and a bias.\n\
         Trained with `spean screen --train-model` on {} examples of {} ({left_out} in test\n\
         splits left out); n-grams in at least {} examples, L2 {}, {} steps of {}.",
        examples.len(),
        names.join(", "),
        settings.min_examples,
        settings.l2,
        settings.steps,
        settings.rate,
    );
    let written = model.to_tsv(&header);
    match output {
        Some(path) => {
            fs::write(path, written).with_context(|| format!("cannot write {}", path.display()))?
        }
        None => io::stdout().lock().write_all(written.as_bytes())?,
    }
    eprintln!(
        "spean screen: trained on {} examples ({left_out} in test splits left out): {} n-grams",
        examples.len(),
        model.len()
    );
    if failed > 0 {
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}

/// Screens every line of the labelled set at `path` and hands each example with its
/// screening to `visit`; a line that cannot be read or screened is reported with its
/// number on standard error. Returns how many lines failed.
fn each_labelled(
    screener: &Screener,
    path: &Path,
    mut visit: impl FnMut(jsonl::Ad<'_>, Screening),
) -> anyhow::Result<usize> {
    let bytes = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut failed = 0usize;
    for (number, raw) in lines_of(&bytes) {
        match jsonl::parse_line(raw, true).and_then(|input| jsonl::screen_ad(screener, input)) {
            Ok((input, screening)) => visit(input, screening),
            Err(e) => {
                failed += 1;
                report_bad_line(path, number, &e.reason);
            }
        }
    }
    Ok(failed)
}
