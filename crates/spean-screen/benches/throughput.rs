//! Screening throughput on one core: `cargo bench -p spean-screen --bench throughput -- ADS.jsonl`.
//!
//! Reads a JSON Lines corpus into memory, then times, on the calling thread, what
//! `spean screen` does for every line: read the line, screen the text, write the
//! result row. Reading the file and compiling the rules are timed apart, since
//! they are paid once per run, not per ad. Prints one JSON object with the figures,
//! for `bench/screen/run.sh` to set beside the baseline measured in the same run.

use std::time::{Duration, Instant};

use spean_screen::Screener;
use spean_screen::jsonl;

fn main() {
    let paths: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let Some(path) = paths.first() else {
        eprintln!("usage: throughput ADS.jsonl [RESULTS.jsonl]");
        std::process::exit(1);
    };
    // With a second path, the rows are kept and written there, to compare them.
    let keep = paths.get(1);
    let started = Instant::now();
    let screener = Screener::default();
    // Warm the lazily built parts (phone metadata, identifier patterns) before timing.
    let _ = screener.screen("โทร 081-234-5678 salary $900 @hr_sv88", None);
    let setup = started.elapsed();
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(1);
        }
    };
    let lines: Vec<&[u8]> = bytes
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();

    let mut kept = Vec::new();
    let figures = screen_all(&screener, &lines, keep.map(|_| &mut kept));
    if let Some(keep) = keep
        && let Err(e) = std::fs::write(keep, &kept)
    {
        eprintln!("cannot write {keep}: {e}");
        std::process::exit(1);
    }
    let n = lines.len();
    println!(
        "{{\"ads\":{n},\"seconds\":{:.4},\"ads_per_second\":{:.0},\"parse_s\":{:.4},\"screen_s\":{:.4},\"write_s\":{:.4},\"setup_s\":{:.4},\"output_bytes\":{},\"flagged\":{},\"failed\":{}}}",
        figures.elapsed.as_secs_f64(),
        n as f64 / figures.elapsed.as_secs_f64(),
        figures.parse.as_secs_f64(),
        figures.screen.as_secs_f64(),
        figures.write.as_secs_f64(),
        setup.as_secs_f64(),
        figures.written,
        figures.flagged,
        figures.failed,
    );
}

/// What one timed pass over the corpus measured.
struct Figures {
    elapsed: Duration,
    parse: Duration,
    screen: Duration,
    write: Duration,
    written: usize,
    flagged: usize,
    failed: usize,
}

/// The timed loop, kept out of line so that instruction counts (callgrind's
/// `--toggle-collect=*screen_all*`) can be taken for it alone.
#[inline(never)]
fn screen_all(screener: &Screener, lines: &[&[u8]], mut keep: Option<&mut Vec<u8>>) -> Figures {
    let mut parse = Duration::ZERO;
    let mut screen = Duration::ZERO;
    let mut write = Duration::ZERO;
    let mut out: Vec<u8> = Vec::with_capacity(1 << 20);
    let (mut flagged, mut failed, mut written) = (0usize, 0usize, 0usize);
    let total = Instant::now();
    for (number, raw) in lines.iter().enumerate() {
        let t0 = Instant::now();
        let ad = jsonl::parse_line(raw, false);
        let t1 = Instant::now();
        let result = ad
            .and_then(|ad| jsonl::screen_ad(screener, ad))
            .map(|(ad, screening)| (ad.id, screening));
        let t2 = Instant::now();
        match &result {
            Ok((id, s)) => {
                flagged += usize::from(s.flagged);
                jsonl::write_result(&mut out, id, s, None);
            }
            Err(e) => {
                failed += 1;
                jsonl::write_error(&mut out, e, number + 1);
            }
        }
        out.push(b'\n');
        if out.len() > (1 << 20) {
            written += out.len();
            if let Some(keep) = keep.as_deref_mut() {
                keep.extend_from_slice(&out);
            }
            out.clear();
        }
        drop(result);
        let t3 = Instant::now();
        parse += t1 - t0;
        screen += t2 - t1;
        write += t3 - t2;
    }
    written += out.len();
    if let Some(keep) = keep {
        keep.extend_from_slice(&out);
    }
    Figures {
        elapsed: total.elapsed(),
        parse,
        screen,
        write,
        written,
        flagged,
        failed,
    }
}
