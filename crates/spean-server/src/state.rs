//! The state every handler shares: the store, the configuration, the messages and
//! the metrics registry. Built once by [`AppState::build`]; no statics.

use std::sync::Arc;

use anyhow::Context;
use spean_store::Store;

use crate::config::Config;
use crate::i18n::{I18n, Lang, Translator};
use crate::metrics::Metrics;

/// Shared, cheaply cloned state.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// The configuration in force.
    pub config: Arc<Config>,
    /// Interface messages.
    pub i18n: Arc<I18n>,
    /// Request metrics for `/metrics`.
    pub metrics: Arc<Metrics>,
}

impl AppState {
    /// Connects to the database of `config` and brings it to the current schema.
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let url = config.effective_database_url();
        if url.starts_with("sqlite:") {
            std::fs::create_dir_all(&config.data_dir).with_context(|| {
                format!("creating the data folder {}", config.data_dir.display())
            })?;
        }
        let store = Store::connect(&url).await.context("opening the database")?;
        store.migrate().await.context("migrating the database")?;
        Ok(Self::with_store(store, config))
    }

    /// State around an already migrated store.
    pub fn with_store(store: Store, config: Config) -> Self {
        Self {
            store,
            config: Arc::new(config),
            i18n: Arc::new(I18n::load()),
            metrics: Arc::new(Metrics::new()),
        }
    }

    /// Messages in `lang`.
    pub fn translator(&self, lang: Lang) -> Translator {
        Translator::new(lang, self.i18n.clone())
    }
}
