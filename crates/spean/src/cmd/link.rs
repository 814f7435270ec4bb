//! `spean link`: link two CSV files of records, or deduplicate one.
//!
//! This module is the I/O shell around `spean_match`: it reads the CSV files (with
//! one-line errors that name the file, line and column), hands rows of strings to the
//! engine, reports the blocking, and writes the outputs. Every output file is written
//! to a temporary file beside its destination and renamed into place only once it is
//! complete, so a failed run never leaves a half-written file behind.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};
use spean_match::{
    BlockingRule, Dataset, FieldSpec, Linker, Model, PrepareOptions, Progress, clusters,
    one_to_one, one_to_one_dedup,
};
use spean_text::phone::Region;

/// Arguments of `spean link`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The left CSV file (or the only one, to deduplicate it).
    left: PathBuf,
    /// The right CSV file; leave out to deduplicate LEFT.
    right: Option<PathBuf>,
    /// Column holding each record's unique id (in both files).
    #[arg(long, value_name = "ID_COLUMN")]
    id: String,
    /// A field to compare, as COLUMN=KIND; repeat for more fields. KIND is one of
    /// full_name, given_name, surname, date_of_birth, sex, phone, email, handle,
    /// id_number, address, street_number, locality, postcode, region, country, text.
    #[arg(long = "field", value_name = "COLUMN=KIND")]
    fields: Vec<String>,
    /// Where to write the links (`left_id,right_id,match_probability`).
    #[arg(long, value_name = "LINKS.csv")]
    out: PathBuf,
    /// Lowest match probability written as a link.
    #[arg(long, default_value_t = 0.9)]
    threshold: f64,
    /// Keep at most one link per record (the most probable).
    #[arg(long)]
    one_to_one: bool,
    /// Also write every record's cluster as `record_id,cluster_id`.
    #[arg(long, value_name = "FILE")]
    clusters: Option<PathBuf>,
    /// Also write, per link, each field's comparison level and weight (JSON lines).
    #[arg(long, value_name = "FILE.jsonl")]
    explain: Option<PathBuf>,
    /// Known matching pairs (CSV: left id, right id) to guide training.
    #[arg(long, value_name = "FILE")]
    labels: Option<PathBuf>,
    /// Save the trained model (JSON) for reuse with --model.
    #[arg(long, value_name = "FILE")]
    save_model: Option<PathBuf>,
    /// Use a saved model instead of training.
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
    /// A blocking rule, as COLUMN[+COLUMN...]; repeat for more. Default: generated
    /// from the data.
    #[arg(long = "block", value_name = "RULE")]
    blocks: Vec<String>,
    /// Country of phone numbers written without a country code (ISO 3166 code).
    #[arg(long, default_value = "TH")]
    region: String,
    /// The same for RIGHT.csv when its country differs (default: --region).
    #[arg(long, value_name = "REGION")]
    right_region: Option<String>,
    /// Random pairs drawn to estimate u (the exact-agreement level is computed from
    /// value counts instead).
    #[arg(long, default_value_t = 200_000)]
    u_samples: usize,
    /// Seed of the random pairs (the same seed gives the same model).
    #[arg(long, default_value_t = 20_261_124)]
    seed: u64,
    /// Print nothing but errors.
    #[arg(long, short)]
    quiet: bool,
}

#[expect(
    clippy::needless_pass_by_value,
    reason = "every command's run takes its Args by value"
)]
pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let region: Region = args
        .region
        .parse()
        .with_context(|| format!("--region {}", args.region))?;
    let saved: Option<Model> = match &args.model {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("{}: cannot read the model", path.display()))?;
            Some(
                serde_json::from_str(&text)
                    .with_context(|| format!("{}: not a spean model", path.display()))?,
            )
        }
        None => None,
    };
    let fields: Vec<FieldSpec> = if args.fields.is_empty() {
        match &saved {
            Some(model) => model.fields.clone(),
            None => bail!("no fields to compare: give at least one --field COLUMN=KIND"),
        }
    } else {
        args.fields
            .iter()
            .map(|f| f.parse().with_context(|| format!("--field {f}")))
            .collect::<anyhow::Result<_>>()?
    };
    let options = PrepareOptions {
        default_region: region,
    };
    let right_options = match &args.right_region {
        Some(code) => PrepareOptions {
            default_region: code
                .parse()
                .with_context(|| format!("--right-region {code}"))?,
        },
        None => options,
    };
    let mut laps = Laps::new();
    // The two files are read side by side: reading is most of the single-threaded work.
    let (left_table, right_table) = rayon::join(
        || read_table(&args.left, &args.id, &fields),
        || {
            args.right
                .as_ref()
                .map(|path| read_table(path, &args.id, &fields))
                .transpose()
        },
    );
    let (left_table, right_table) = (left_table?, right_table?);
    laps.lap("read");
    let (left, right) = if right_options.default_region == options.default_region {
        // One pass over both files, so a value found in both is cleaned once.
        let mut sets = vec![left_table.rows];
        sets.extend(right_table.map(|t| t.rows));
        let mut prepared = Dataset::prepare_all(&fields, sets, options).into_iter();
        (prepared.next().context("no left dataset")?, prepared.next())
    } else {
        let left = Dataset::prepare(&fields, left_table.rows, options);
        let right = right_table.map(|t| Dataset::prepare(&fields, t.rows, right_options));
        (left, right)
    };
    let dedup = right.is_none();
    laps.lap("prepare");
    let linker = Linker::new(&fields, &left, right.as_ref())?;
    laps.lap("term frequencies");
    let progress = Bar::new(!args.quiet && std::io::stderr().is_terminal());

    let rules: Vec<BlockingRule> = if !args.blocks.is_empty() {
        args.blocks
            .iter()
            .map(|r| parse_rule(r, &fields))
            .collect::<anyhow::Result<_>>()?
    } else if let Some(model) = &saved {
        model
            .blocking
            .iter()
            .map(|cols| parse_rule(&cols.join("+"), &fields))
            .collect::<anyhow::Result<_>>()?
    } else {
        linker.generate_rules()
    };
    if rules.is_empty() {
        bail!("no blocking rule fits these fields; give one with --block COLUMN[+COLUMN]");
    }
    laps.lap("blocking rules");
    let candidates = linker.candidates(&rules, &progress);
    laps.lap("candidates");
    if !args.quiet {
        for r in &candidates.report {
            let skipped = if r.skipped_blocks > 0 {
                format!(" ({} oversized blocks skipped)", r.skipped_blocks)
            } else {
                String::new()
            };
            eprintln!(
                "blocking on {}: {} new candidate pairs{skipped}",
                r.rule, r.pairs
            );
        }
        eprintln!(
            "candidate pairs: {} of {:.0} possible",
            candidates.pairs.len(),
            linker.possible_pairs()
        );
    }
    let gammas = linker.gammas(&candidates.pairs, &progress);
    laps.lap("compare");
    let model = match saved {
        Some(model) => {
            linker.check_model(&model)?;
            model
        }
        None => {
            let labelled = match &args.labels {
                Some(path) => read_labels(path, &left, right.as_ref().unwrap_or(&left))?,
                None => Vec::new(),
            };
            let u = linker.estimate_u(args.u_samples, args.seed);
            laps.lap("u from random pairs");
            let model = linker.train(&candidates, &gammas, u, &labelled, &rules);
            if !args.quiet {
                eprintln!(
                    "model: {} EM iterations, prior match probability {:.3e}",
                    model.em_iterations, model.prior
                );
            }
            model
        }
    };
    laps.lap("train");
    let mut links = linker.score(&model, &candidates.pairs, &gammas, args.threshold);
    if args.one_to_one {
        links = if dedup {
            one_to_one_dedup(links)
        } else {
            one_to_one(links)
        };
    }
    links.sort_by(|a, b| {
        a.left
            .cmp(&b.left)
            .then(b.probability.total_cmp(&a.probability))
            .then(a.right.cmp(&b.right))
    });
    let right_data = right.as_ref().unwrap_or(&left);
    laps.lap("score");

    // Everything is computed; now write each output atomically.
    write_atomically(&args.out, |w| {
        writeln!(w, "left_id,right_id,match_probability")?;
        let mut csv = csv::Writer::from_writer(w);
        for link in &links {
            csv.write_record([
                left.id(link.left as usize),
                right_data.id(link.right as usize),
                &format!("{:.6}", link.probability),
            ])?;
        }
        csv.flush()?;
        Ok(())
    })?;
    if let Some(path) = &args.clusters {
        let n_right = if dedup { 0 } else { right_data.len() };
        let cluster_of = clusters(left.len(), n_right, &links, dedup);
        write_atomically(path, |w| {
            let mut csv = csv::Writer::from_writer(w);
            csv.write_record(["record_id", "cluster_id"])?;
            let ids = left.ids().iter().chain(if dedup {
                [].iter()
            } else {
                right_data.ids().iter()
            });
            for (id, cluster) in ids.zip(&cluster_of) {
                csv.write_record([id.as_str(), &cluster.to_string()])?;
            }
            csv.flush()?;
            Ok(())
        })?;
    }
    if let Some(path) = &args.explain {
        write_atomically(path, |w| {
            for link in &links {
                serde_json::to_writer(&mut *w, &linker.explain(&model, link))?;
                writeln!(w)?;
            }
            Ok(())
        })?;
    }
    if let Some(path) = &args.save_model {
        write_atomically(path, |w| {
            serde_json::to_writer_pretty(&mut *w, &model)?;
            writeln!(w)?;
            Ok(())
        })?;
    }
    laps.lap("write");
    if !args.quiet {
        eprintln!("timings: {}", laps.summary());
        eprintln!(
            "{} links written to {} in {:.2} s",
            links.len(),
            args.out.display(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The selected columns of one CSV file: id first, then one value per field.
struct Table {
    rows: Vec<Vec<String>>,
}

/// Reads `path`, checking the header, encoding, row lengths and ids.
fn read_table(path: &Path, id_column: &str, fields: &[FieldSpec]) -> anyhow::Result<Table> {
    let name = path.display();
    let file = File::open(path).with_context(|| format!("{name}: cannot open"))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(std::io::BufReader::with_capacity(1 << 20, file));
    let header = reader
        .byte_headers()
        .map_err(|e| csv_error(&name.to_string(), &e))?
        .clone();
    if header.is_empty() || (header.len() == 1 && header.get(0).is_some_and(<[u8]>::is_empty)) {
        bail!("{name}: line 1: empty file (expected a header row naming the columns)");
    }
    let mut columns: Vec<String> = Vec::with_capacity(header.len());
    for (k, cell) in header.iter().enumerate() {
        let cell = cell.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(cell);
        let text = std::str::from_utf8(cell)
            .map_err(|_| anyhow::anyhow!("{name}: line 1, column {}: not valid UTF-8", k + 1))?;
        columns.push(text.trim().to_owned());
    }
    let find = |wanted: &str| -> anyhow::Result<usize> {
        columns.iter().position(|c| c == wanted).ok_or_else(|| {
            anyhow::anyhow!(
                "{name}: line 1: no column {wanted:?} in the header (columns: {})",
                columns.join(", ")
            )
        })
    };
    let id_index = find(id_column)?;
    let wanted: Vec<usize> = std::iter::once(Ok(id_index))
        .chain(fields.iter().map(|f| find(&f.column)))
        .collect::<anyhow::Result<_>>()?;
    let mut rows = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut record = csv::ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(csv_error(&name.to_string(), &e)),
        }
        let line = record.position().map_or(0, csv::Position::line);
        let mut row = Vec::with_capacity(wanted.len());
        for &k in &wanted {
            let cell = record.get(k).unwrap_or_default();
            let text = std::str::from_utf8(cell).map_err(|_| {
                anyhow::anyhow!(
                    "{name}: line {line}, column {} ({}): not valid UTF-8",
                    k + 1,
                    columns.get(k).map_or("", String::as_str)
                )
            })?;
            row.push(text.to_owned());
        }
        let id = row.first().cloned().unwrap_or_default();
        if id.trim().is_empty() {
            bail!(
                "{name}: line {line}, column {} ({id_column}): empty id",
                id_index + 1
            );
        }
        if let Some(first) = seen.insert(id.clone(), line) {
            bail!(
                "{name}: line {line}, column {} ({id_column}): duplicate id {id:?} (first on line {first})",
                id_index + 1
            );
        }
        rows.push(row);
    }
    if rows.is_empty() {
        bail!("{name}: line 2: no records after the header");
    }
    Ok(Table { rows })
}

/// A one-line message for a CSV reading error, with file, line and column.
fn csv_error(name: &str, error: &csv::Error) -> anyhow::Error {
    match error.kind() {
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => {
            let line = pos.as_ref().map_or(0, csv::Position::line);
            let column = expected_len.min(len) + 1;
            anyhow::anyhow!(
                "{name}: line {line}, column {column}: ragged row with {len} fields, the header has {expected_len}"
            )
        }
        csv::ErrorKind::Utf8 { pos, err } => {
            let line = pos.as_ref().map_or(0, csv::Position::line);
            anyhow::anyhow!(
                "{name}: line {line}, column {}: not valid UTF-8",
                err.field() + 1
            )
        }
        csv::ErrorKind::Io(e) => anyhow::anyhow!("{name}: {e}"),
        _ => anyhow::anyhow!("{name}: {error}"),
    }
}

/// Reads known matching pairs: a header, then a left id and a right id per row.
fn read_labels(path: &Path, left: &Dataset, right: &Dataset) -> anyhow::Result<Vec<(u32, u32)>> {
    let name = path.display();
    fn index(d: &Dataset) -> HashMap<&str, u32> {
        d.ids()
            .iter()
            .enumerate()
            .map(|(k, id)| (id.as_str(), k as u32))
            .collect()
    }
    let (li, ri) = (index(left), index(right));
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_path(path)
        .with_context(|| format!("{name}: cannot open"))?;
    let mut pairs = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(&name.to_string(), &e))?;
        let line = record.position().map_or(0, csv::Position::line);
        let (Some(a), Some(b)) = (record.get(0), record.get(1)) else {
            bail!("{name}: line {line}, column 2: expected a left id and a right id");
        };
        let i = li
            .get(a.trim())
            .ok_or_else(|| anyhow::anyhow!("{name}: line {line}, column 1: unknown id {a:?}"))?;
        let j = ri
            .get(b.trim())
            .ok_or_else(|| anyhow::anyhow!("{name}: line {line}, column 2: unknown id {b:?}"))?;
        pairs.push((*i, *j));
    }
    Ok(pairs)
}

/// Parses `COLUMN[+COLUMN...]` against the fields.
fn parse_rule(rule: &str, fields: &[FieldSpec]) -> anyhow::Result<BlockingRule> {
    let indices = rule
        .split('+')
        .map(|column| {
            fields
                .iter()
                .position(|f| f.column == column.trim())
                .ok_or_else(|| {
                    anyhow::anyhow!("--block {rule}: {column:?} is not one of the --field columns")
                })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(BlockingRule { fields: indices })
}

/// Writes `path` through a temporary file in the same directory, renamed into place
/// only when `write` succeeded.
fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".to_owned());
    let temp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| -> anyhow::Result<()> {
        let file =
            File::create(&temp).with_context(|| format!("{}: cannot create", temp.display()))?;
        let mut writer = BufWriter::new(file);
        write(&mut writer)?;
        writer.flush()?;
        writer.get_ref().sync_all()?;
        std::fs::rename(&temp, path)
            .with_context(|| format!("{}: cannot write", path.display()))?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result.with_context(|| format!("{}: not written", path.display()))
}

/// Wall time of each stage, for the summary line.
struct Laps {
    last: Instant,
    laps: Vec<(&'static str, f64)>,
}

impl Laps {
    fn new() -> Self {
        Laps {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.laps.push((stage, (now - self.last).as_secs_f64()));
        self.last = now;
    }

    fn summary(&self) -> String {
        self.laps
            .iter()
            .map(|(stage, s)| format!("{stage} {s:.2} s"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A progress bar on a terminal; nothing in a pipe.
struct Bar {
    bar: Option<ProgressBar>,
}

impl Bar {
    fn new(visible: bool) -> Self {
        Bar {
            bar: visible.then(ProgressBar::hidden),
        }
    }
}

impl Progress for Bar {
    fn start(&self, stage: &str, total: u64) {
        if let Some(bar) = &self.bar {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len} ({eta})")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
            );
            bar.set_message(stage.to_owned());
            bar.set_length(total);
            bar.set_position(0);
        }
    }

    fn advance(&self, steps: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(steps);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
