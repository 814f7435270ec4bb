//! Loading the node configuration in layers: built-in defaults, then the TOML file,
//! then `SPEAN_*` environment variables (nested keys with `__`), then command-line
//! flags. Every problem is reported at once, naming its key.

use std::path::{Path, PathBuf};

use anyhow::Context;
use figment::Figment;
use figment::providers::{Env, Format, Toml};
use spean_server::Config;

/// Flags every node command accepts.
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct NodeFlags {
    /// Configuration file (TOML). Default: `spean.toml` in the current directory, if present.
    #[arg(long, value_name = "FILE", global = true)]
    pub(crate) config: Option<PathBuf>,
    /// Data folder (SQLite database, TLS certificate). Default: `spean-data`.
    #[arg(long, value_name = "DIR", global = true)]
    pub(crate) data_dir: Option<PathBuf>,
    /// Database URL (`sqlite://...` or `postgres://...`). Default: SQLite in the data folder.
    #[arg(
        long,
        value_name = "URL",
        env = "SPEAN_DATABASE_URL",
        hide_env_values = true
    )]
    pub(crate) database_url: Option<String>,
}

/// The configuration keys that `SPEAN_*` environment variables may set.
const ENV_KEYS: [&str; 9] = [
    "data_dir",
    "database_url",
    "listen",
    "behind_proxy",
    "session_minutes",
    "max_body_bytes",
    "node_name",
    "tls.cert",
    "tls.key",
];

/// The configuration in force for a node command.
pub(crate) fn load(flags: &NodeFlags) -> anyhow::Result<Config> {
    let file = flags
        .config
        .clone()
        .unwrap_or_else(|| PathBuf::from("spean.toml"));
    if flags.config.is_some() && !file.exists() {
        anyhow::bail!("configuration file {} does not exist", file.display());
    }
    let mut config: Config = Figment::new()
        .merge(Toml::file(&file))
        // Only the configuration's own keys: other SPEAN_* variables (the test suite's,
        // SPEAN_LOG_FORMAT) are not node configuration.
        .merge(Env::prefixed("SPEAN_").split("__").filter(|key| {
            let key = key.as_str().to_ascii_lowercase();
            ENV_KEYS.contains(&key.as_str())
        }))
        .extract()
        .map_err(|errors| {
            let all: Vec<String> = errors.into_iter().map(|e| format!("  - {e}")).collect();
            anyhow::anyhow!("the configuration is not valid:\n{}", all.join("\n"))
        })?;
    if let Some(dir) = &flags.data_dir {
        config.data_dir = dir.clone();
    }
    if let Some(url) = &flags.database_url {
        config.database_url = Some(url.clone());
    }
    config.validate().map_err(|problems| {
        anyhow::anyhow!(
            "the configuration is not valid:\n  - {}",
            problems.join("\n  - ")
        )
    })?;
    Ok(config)
}

/// Opens the node's store (creating the data folder for SQLite) and migrates it.
pub(crate) async fn open_store(config: &Config) -> anyhow::Result<spean_store::Store> {
    let url = config.effective_database_url();
    if url.starts_with("sqlite:") {
        create_dir(&config.data_dir)?;
    }
    let store = spean_store::Store::connect(&url)
        .await
        .context("opening the database")?;
    store.migrate().await.context("migrating the database")?;
    Ok(store)
}

fn create_dir(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("creating the data folder {}", dir.display()))
}

/// Starts structured logging (`RUST_LOG` filters; `SPEAN_LOG_FORMAT=json` for JSON lines).
pub(crate) fn init_logging() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=warn"));
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(ansi)
        .with_writer(std::io::stderr);
    let _ = if std::env::var("SPEAN_LOG_FORMAT").is_ok_and(|f| f == "json") {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

/// A tokio runtime for the node commands.
pub(crate) fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}

/// Resolves when the process is asked to stop (Ctrl-C or SIGTERM).
pub(crate) async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}
