//! `spean agency`: the agencies of this node (compartments for records and roles).

use std::process::ExitCode;

use anyhow::Context;
use spean_core::agency::{Agency, Country};
use spean_core::id::AgencyId;
use spean_store::agencies;
use spean_store::audit::{self, AuditActor, AuditEvent};

use crate::settings::{self, NodeFlags};

/// Arguments of `spean agency`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    node: NodeFlags,
    #[command(subcommand)]
    command: AgencyCommand,
}

#[derive(Debug, clap::Subcommand)]
enum AgencyCommand {
    /// Add an agency.
    Add {
        /// Short stable code (`DSI`).
        code: String,
        /// Full name.
        #[arg(long)]
        name: String,
        /// Country code: TH or KH.
        #[arg(long)]
        country: String,
    },
    /// List the agencies.
    List,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let config = settings::load(&args.node)?;
    settings::runtime()?.block_on(async {
        let store = settings::open_store(&config).await?;
        match args.command {
            AgencyCommand::Add {
                code,
                name,
                country,
            } => {
                let country =
                    Country::parse(&country.to_uppercase()).context("country must be TH or KH")?;
                let agency = Agency {
                    id: AgencyId::new(),
                    code: code.to_uppercase(),
                    name,
                    country,
                };
                let mut tx = store.begin().await?;
                agencies::insert_agency(&mut tx, &agency)
                    .await
                    .map_err(|e| match e {
                        spean_store::StoreError::Duplicate(_) => {
                            anyhow::anyhow!("agency `{}` already exists", agency.code)
                        }
                        other => other.into(),
                    })?;
                let event = AuditEvent {
                    action: "agency.create",
                    entity_type: Some("agency"),
                    entity_id: Some(agency.id.to_string()),
                    detail: String::new(),
                };
                audit::append(&mut tx, &AuditActor::system(), event).await?;
                tx.commit().await?;
                println!("added agency {}", agency.code);
            }
            AgencyCommand::List => {
                let mut conn = store.read().await?;
                for agency in agencies::list_agencies(&mut conn).await? {
                    println!(
                        "{}\t{}\t{}",
                        agency.code,
                        agency.country.code(),
                        agency.name
                    );
                }
            }
        }
        store.close().await;
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
