//! `spean link`.

use std::process::ExitCode;

/// Arguments of `spean link`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

pub(crate) fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`spean link` is not available in this build")
}
