//! `spean romanize`.

use std::process::ExitCode;

/// Arguments of `spean romanize`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

pub(crate) fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`spean romanize` is not available in this build")
}
