//! `spean serve`: run a node.

use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::Context;
use spean_server::{AppState, Config};

use crate::settings::{self, NodeFlags};

/// Arguments of `spean serve`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    node: NodeFlags,
    /// Address to listen on (default `127.0.0.1:8080`). Plain HTTP only on loopback;
    /// elsewhere TLS, unless `--behind-proxy`.
    #[arg(long, value_name = "ADDR")]
    listen: Option<SocketAddr>,
    /// A TLS-terminating reverse proxy sits in front: serve plain HTTP on any address.
    #[arg(long)]
    behind_proxy: bool,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    settings::init_logging();
    let Args {
        node,
        listen,
        behind_proxy,
    } = args;
    let mut config = settings::load(&node)?;
    if let Some(listen) = listen {
        config.listen = listen;
    }
    config.behind_proxy |= behind_proxy;
    settings::runtime()?.block_on(run_node(config, None))?;
    Ok(ExitCode::SUCCESS)
}

/// Opens the store, binds, announces and serves until a stop signal. `banner` is
/// printed after the address line (the demo's logins).
pub(crate) async fn run_node(config: Config, banner: Option<String>) -> anyhow::Result<()> {
    let store = settings::open_store(&config).await?;
    run_with_store(config, store, banner).await
}

/// Like [`run_node`] with an opened store.
pub(crate) async fn run_with_store(
    config: Config,
    store: spean_store::Store,
    banner: Option<String>,
) -> anyhow::Result<()> {
    let plain = config.plain_http();
    let listener = std::net::TcpListener::bind(config.listen)
        .with_context(|| format!("listening on {}", config.listen))?;
    listener
        .set_nonblocking(true)
        .context("configuring the listener")?;
    let address = listener.local_addr().context("reading the bound address")?;
    let state = AppState::with_store(store.clone(), config);
    let scheme = if plain { "http" } else { "https" };
    println!("Spean is running at {scheme}://{address}");
    if let Some(banner) = banner {
        println!("{banner}");
    }
    tracing::info!(%address, scheme, "serving");
    if plain {
        let listener =
            tokio::net::TcpListener::from_std(listener).context("adopting the listener")?;
        spean_server::serve(listener, state, settings::shutdown_signal())
            .await
            .context("serving HTTP")?;
    } else {
        spean_server::serve_tls(listener, state, settings::shutdown_signal()).await?;
    }
    store.close().await;
    tracing::info!("stopped");
    Ok(())
}
