//! The `spean` binary: one command-line entry point for running a node and for the
//! stand-alone engines (linkage, romanisation, screening).
//!
//! Each subcommand lives in its own module under `cmd/`, with its clap arguments
//! and a `run` function; `main` only parses and dispatches.

mod cmd;
mod settings;

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
    /// Run the synthetic demo: one Thai node on 127.0.0.1 with demo data and logins.
    Demo(cmd::demo::Args),
    /// Run a node.
    Serve(cmd::serve::Args),
    /// Bring the database (SQLite or PostgreSQL) to the current schema.
    Migrate(cmd::migrate::Args),
    /// Manage user accounts and roles.
    User(cmd::user::Args),
    /// Manage the agencies of this node.
    Agency(cmd::agency::Args),
    /// Check the audit log.
    Audit(cmd::audit::Args),
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
        Command::Demo(args) => cmd::demo::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Migrate(args) => cmd::migrate::run(args),
        Command::User(args) => cmd::user::run(args),
        Command::Agency(args) => cmd::agency::run(args),
        Command::Audit(args) => cmd::audit::run(args),
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
