//! `spean screen`.

use std::process::ExitCode;

/// Arguments of `spean screen`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

pub(crate) fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`spean screen` is not available in this build")
}
