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
//!
//! `--rules FILE` replaces the built-in rules; a bad file is refused with its line
//! and reason before anything is read or screened. Lines are screened in parallel
//! (rayon); results are written in input order.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;
use spean_screen::cluster::{self, Signature};
use spean_screen::evaluate::Report;
use spean_screen::{Identifier, Lang, Level, MAX_TEXT_BYTES, Rules, Screener};

/// Arguments of `spean screen`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("mode").required(true).args(["input", "text", "evaluate"])))]
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
    let rules = match &args.rules {
        Some(path) => {
            let source = fs::read_to_string(path)
                .with_context(|| format!("cannot read rules file {}", path.display()))?;
            Rules::parse(&source)
                .map_err(|e| anyhow::anyhow!("{}, line {}: {}", path.display(), e.line, e.reason))?
        }
        None => Rules::default_rules(),
    };
    let screener = Screener::new(rules);
    if let Some(text) = args.text {
        return screen_text(&screener, &text, args.lang.as_deref(), args.json);
    }
    if let Some(path) = &args.evaluate {
        return evaluate(&screener, path);
    }
    match &args.input {
        Some(path) => screen_file(&screener, path, &args),
        None => anyhow::bail!("one of --input, --text or --evaluate is required"),
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
        let row = ResultRow::new(Value::Null, &result, None);
        println!("{}", serde_json::to_string_pretty(&row)?);
    } else {
        print!("{}", result.explain());
    }
    Ok(ExitCode::SUCCESS)
}

/// One input line, read and checked.
struct Input {
    id: Value,
    text: String,
    lang: Option<Lang>,
    /// For `--evaluate`.
    label: Option<bool>,
    split: Option<String>,
}

/// Why a line could not be used, with the `id` when it was readable.
struct LineError {
    id: Value,
    reason: String,
}

impl LineError {
    fn new(reason: impl Into<String>) -> LineError {
        LineError {
            id: Value::Null,
            reason: reason.into(),
        }
    }
}

fn parse_line(raw: &[u8], labelled: bool) -> Result<Input, LineError> {
    let line = std::str::from_utf8(raw)
        .map_err(|e| LineError::new(format!("invalid UTF-8 at byte {}", e.valid_up_to())))?;
    let value: Value =
        serde_json::from_str(line).map_err(|e| LineError::new(format!("invalid JSON: {e}")))?;
    let Value::Object(mut object) = value else {
        return Err(LineError::new("expected a JSON object"));
    };
    let id = match object.remove("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => Value::String(s),
        Some(Value::Number(n)) => Value::Number(n),
        Some(Value::String(_)) => return Err(LineError::new("`id` is empty")),
        Some(_) => return Err(LineError::new("`id` must be a string or a number")),
        None if labelled => Value::Null,
        None => return Err(LineError::new("missing `id`")),
    };
    let fail = |reason: String| LineError {
        id: id.clone(),
        reason,
    };
    let text = match object.remove("text") {
        Some(Value::String(s)) => s,
        Some(_) => return Err(fail("`text` must be a string".into())),
        None => return Err(fail("missing `text`".into())),
    };
    if text.len() > MAX_TEXT_BYTES {
        return Err(fail(format!(
            "text is {} bytes, over the limit of {MAX_TEXT_BYTES}",
            text.len()
        )));
    }
    let lang = match object.remove("lang") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.parse::<Lang>().map_err(|e| fail(e.to_string()))?),
        Some(_) => return Err(fail("`lang` must be a string".into())),
    };
    let label = if labelled {
        Some(match object.remove("label") {
            Some(Value::Bool(b)) => b,
            Some(Value::Number(n)) if n.as_u64() == Some(1) => true,
            Some(Value::Number(n)) if n.as_u64() == Some(0) => false,
            _ => return Err(fail("`label` must be true/false or 1/0".into())),
        })
    } else {
        None
    };
    let split = match object.remove("split") {
        Some(Value::String(s)) => Some(s),
        _ => None,
    };
    Ok(Input {
        id,
        text,
        lang,
        label,
        split,
    })
}

/// An indicator in a result row: its code, weight and spans (titles are in the
/// rules file and in `--text`; repeating them on every row would double the output).
#[derive(Serialize)]
struct IndicatorOut<'a> {
    code: &'a str,
    weight: f64,
    spans: &'a [spean_screen::Span],
}

/// A screened line with its `id`, or why it could not be screened.
type LineResult = Result<(Value, spean_screen::Screening), LineError>;

/// One output object.
#[derive(Serialize)]
struct ResultRow<'a> {
    id: Value,
    risk: f64,
    level: Level,
    flagged: bool,
    lang: Lang,
    score: f64,
    indicators: Vec<IndicatorOut<'a>>,
    identifiers: &'a [Identifier],
    rules_version: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    cluster: Option<usize>,
}

impl<'a> ResultRow<'a> {
    fn new(id: Value, s: &'a spean_screen::Screening, cluster: Option<usize>) -> Self {
        let round = |x: f64| (x * 10_000.0).round() / 10_000.0;
        ResultRow {
            id,
            risk: round(s.risk),
            level: s.level,
            flagged: s.flagged,
            lang: s.lang,
            score: round(s.score),
            indicators: s
                .indicators
                .iter()
                .map(|i| IndicatorOut {
                    code: &i.code,
                    weight: i.weight,
                    spans: &i.spans,
                })
                .collect(),
            identifiers: &s.identifiers,
            rules_version: &s.rules_version,
            cluster,
        }
    }
}

#[derive(Serialize)]
struct ErrorRow<'a> {
    id: &'a Value,
    line: usize,
    error: &'a str,
}

/// The numbered, non-blank lines of a file.
fn lines_of(bytes: &[u8]) -> Vec<(usize, &[u8])> {
    bytes
        .split(|b| *b == b'\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l.strip_suffix(b"\r").unwrap_or(l)))
        .filter(|(_, l)| !l.iter().all(u8::is_ascii_whitespace))
        .collect()
}

/// Screens numbered lines in parallel, keeping their order.
fn screen_lines(screener: &Screener, lines: &[(usize, &[u8])]) -> Vec<(usize, LineResult)> {
    lines
        .par_iter()
        .map(|(number, raw)| {
            let result = parse_line(raw, false).and_then(|input| {
                screener
                    .screen(&input.text, input.lang)
                    .map(|s| (input.id.clone(), s))
                    .map_err(|e| LineError {
                        id: input.id,
                        reason: e.to_string(),
                    })
            });
            (*number, result)
        })
        .collect()
}

/// Writes one object per result; returns how many lines had failed.
fn write_rows(
    out: &mut dyn Write,
    path: &Path,
    results: &[(usize, LineResult)],
    cluster_of: &[Option<usize>],
) -> anyhow::Result<usize> {
    let mut failed = 0usize;
    for (i, (number, result)) in results.iter().enumerate() {
        let cluster = cluster_of.get(i).copied().flatten();
        match result {
            Ok((id, s)) => {
                serde_json::to_writer(&mut *out, &ResultRow::new(id.clone(), s, cluster))?
            }
            Err(e) => {
                failed += 1;
                eprintln!(
                    "spean screen: {}: line {number}: {}",
                    path.display(),
                    e.reason
                );
                serde_json::to_writer(
                    &mut *out,
                    &ErrorRow {
                        id: &e.id,
                        line: *number,
                        error: &e.reason,
                    },
                )?;
            }
        }
        out.write_all(b"\n")?;
    }
    Ok(failed)
}

/// Lines screened at a time when no clustering needs them all: bounds memory and
/// keeps the writer busy.
const CHUNK: usize = 8192;

fn screen_file(screener: &Screener, path: &PathBuf, args: &Args) -> anyhow::Result<ExitCode> {
    let bytes = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let lines = lines_of(&bytes);
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(BufWriter::with_capacity(
            1 << 20,
            fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(BufWriter::with_capacity(1 << 20, io::stdout().lock())),
    };
    if !args.clusters {
        let mut failed = 0usize;
        for chunk in lines.chunks(CHUNK) {
            let results = screen_lines(screener, chunk);
            failed += write_rows(&mut *out, path, &results, &[])?;
        }
        out.flush()?;
        return Ok(exit_code(failed, lines.len()));
    }
    let results = screen_lines(screener, &lines);

    let mut cluster_of: Vec<Option<usize>> = vec![None; results.len()];
    let mut groups_report = Vec::new();
    if args.clusters {
        let (indices, texts): (Vec<usize>, Vec<&[u8]>) = results
            .iter()
            .enumerate()
            .filter(|(_, (_, r))| r.is_ok())
            .filter_map(|(i, _)| lines.get(i).map(|(_, raw)| (i, *raw)))
            .unzip();
        let signatures: Vec<Signature> = texts
            .par_iter()
            .map(|raw| {
                let text = parse_line(raw, false).map(|i| i.text).unwrap_or_default();
                Signature::of(&text)
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
                if let Some((_, Ok((id, s)))) = results.get(m) {
                    ids.push(id.clone());
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
    }

    let failed = write_rows(&mut *out, path, &results, &cluster_of)?;
    out.flush()?;

    write_clusters(&groups_report, args.clusters_output.as_ref())?;
    Ok(exit_code(failed, results.len()))
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
    members: Vec<Value>,
    shared: Vec<cluster::Shared>,
}

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
        let members: Vec<String> = group.members.iter().map(Value::to_string).collect();
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

fn evaluate(screener: &Screener, path: &PathBuf) -> anyhow::Result<ExitCode> {
    let bytes = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let lines = lines_of(&bytes);
    let mut overall = Report::default();
    let mut by_split: BTreeMap<String, Report> = BTreeMap::new();
    let mut failed = 0usize;
    for (number, raw) in lines {
        let outcome = parse_line(raw, true).and_then(|input| {
            let s = screener
                .screen(&input.text, input.lang)
                .map_err(|e| LineError::new(e.to_string()))?;
            Ok((input, s))
        });
        match outcome {
            Ok((input, s)) => {
                let expected = input.label.unwrap_or(false);
                overall.add(s.lang, expected, s.flagged);
                if let Some(split) = input.split {
                    by_split
                        .entry(split)
                        .or_default()
                        .add(s.lang, expected, s.flagged);
                }
            }
            Err(e) => {
                failed += 1;
                eprintln!(
                    "spean screen: {}: line {number}: {}",
                    path.display(),
                    e.reason
                );
            }
        }
    }
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
