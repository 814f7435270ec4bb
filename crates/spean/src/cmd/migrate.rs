//! `spean migrate`: bring the database to the current schema.

use std::process::ExitCode;

use crate::settings::{self, NodeFlags};

/// Arguments of `spean migrate`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    node: NodeFlags,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let Args { node } = args;
    let config = settings::load(&node)?;
    settings::runtime()?.block_on(async {
        let store = settings::open_store(&config).await?;
        store.close().await;
        anyhow::Ok(())
    })?;
    println!("The database is at the current schema.");
    Ok(ExitCode::SUCCESS)
}
