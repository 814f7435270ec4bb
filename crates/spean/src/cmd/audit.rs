//! `spean audit verify`: check the audit chain and name the first broken entry.

use std::process::ExitCode;

use anyhow::Context;
use spean_store::audit::{self, Verification};

use crate::settings::{self, NodeFlags};

/// Arguments of `spean audit`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(subcommand)]
    command: AuditCommand,
}

#[derive(Debug, clap::Subcommand)]
enum AuditCommand {
    /// Walk the whole audit chain; exit 0 when intact, 1 naming the first entry that
    /// was altered, removed or reordered.
    Verify {
        #[command(flatten)]
        node: NodeFlags,
    },
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let AuditCommand::Verify { node } = args.command;
    let config = settings::load(&node)?;
    let url = config.effective_database_url();
    if url.starts_with("sqlite:")
        && !config.data_dir.join("spean.sqlite3").exists()
        && config.database_url.is_none()
    {
        anyhow::bail!("no Spean database in {}", config.data_dir.display());
    }
    let outcome = settings::runtime()?.block_on(async {
        // Verification only reads; no migration, so a database is never changed by it.
        let store = spean_store::Store::connect(&url)
            .await
            .context("opening the database")?;
        let mut conn = store.read().await?;
        let outcome = audit::verify(&mut conn)
            .await
            .context("reading the audit log")?;
        drop(conn);
        store.close().await;
        anyhow::Ok(outcome)
    })?;
    match outcome {
        Verification::Intact { entries } => {
            println!("audit chain intact: {entries} entries");
            Ok(ExitCode::SUCCESS)
        }
        Verification::Broken { seq, problem } => {
            println!("audit chain BROKEN at entry #{seq}: {problem}");
            Ok(ExitCode::FAILURE)
        }
    }
}
