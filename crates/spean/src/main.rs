//! The `spean` binary: one command-line entry point for running a node and for the
//! stand-alone engines (linkage, romanisation, screening).
//!
//! Each subcommand lives in its own module under `cmd/`, with its clap arguments
//! and a `run` function; `main` only parses and dispatches.

mod cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Spean: a self-hosted platform on which police and social-welfare agencies of
/// neighbouring countries work together against human trafficking.
#[derive(Debug, Parser)]
#[command(name = "spean", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Link two CSV files of records (or deduplicate one) by entity resolution.
    Link(cmd::link::Args),
    /// Print the Latin romanisation of Thai (RTGS) or Khmer (UNGEGN) text.
    Romanize(cmd::romanize::Args),
    /// Screen online recruitment ads or chats for trafficking risk.
    Screen(cmd::screen::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Link(args) => cmd::link::run(args),
        Command::Romanize(args) => cmd::romanize::run(args),
        Command::Screen(args) => cmd::screen::run(args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("spean: {error:#}");
            ExitCode::FAILURE
        }
    }
}
