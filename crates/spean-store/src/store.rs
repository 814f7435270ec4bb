//! Connecting to either backend, migrating it, and explicit write transactions.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyPool, Executor};
use tokio::sync::{Mutex, OwnedMutexGuard};

use crate::StoreError;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// Which database engine a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An embedded SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// A handle on the database; cheap to clone.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// Held by every SQLite write transaction (see the crate docs); unused on PostgreSQL.
    write_lock: Arc<Mutex<()>>,
}

/// A write transaction. Dropping it without [`Tx::commit`] rolls it back.
pub struct Tx {
    inner: sqlx::Transaction<'static, Any>,
    _write_guard: Option<OwnedMutexGuard<()>>,
}

impl Tx {
    /// Makes every change of the transaction durable.
    pub async fn commit(self) -> Result<(), StoreError> {
        self.inner.commit().await?;
        Ok(())
    }

    /// The connection, for repository functions.
    pub fn conn(&mut self) -> &mut sqlx::AnyConnection {
        &mut self.inner
    }
}

impl Store {
    /// Connects to `url` (`sqlite://path` or `postgres://...`), creating a SQLite file
    /// when it does not exist yet.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(StoreError::UnsupportedUrl);
        };
        let url = match backend {
            Backend::Sqlite if !url.contains("mode=") => {
                let sep = if url.contains('?') { '&' } else { '?' };
                format!("{url}{sep}mode=rwc")
            }
            _ => url.to_owned(),
        };
        let options = AnyConnectOptions::from_str(&url)?;
        let pool = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            })
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers run beside the writer; foreign keys are off by
                        // default in SQLite; the busy timeout covers other processes
                        // (`spean audit verify` while the server runs).
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute("PRAGMA busy_timeout = 5000").await?;
                        conn.execute("PRAGMA synchronous = NORMAL").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        Ok(Self {
            pool,
            backend,
            write_lock: Arc::new(Mutex::new(())),
        })
    }

    /// Brings the schema to the current version.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        match self.backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&self.pool).await?,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&self.pool).await?,
        }
        Ok(())
    }

    /// The backend in use.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Starts a write transaction.
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        let guard = match self.backend {
            Backend::Sqlite => Some(self.write_lock.clone().lock_owned().await),
            Backend::Postgres => None,
        };
        let inner = self.pool.begin().await?;
        Ok(Tx {
            inner,
            _write_guard: guard,
        })
    }

    /// A connection for reads outside a transaction.
    pub async fn read(&self) -> Result<PoolConnection<Any>, StoreError> {
        Ok(self.pool.acquire().await?)
    }

    /// Checks that the database answers (for `/healthz`).
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Closes every connection (checkpointing SQLite's WAL).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// The names of the migrations of each backend, for the test that keeps them in step.
pub fn migration_names() -> (Vec<String>, Vec<String>) {
    let names = |m: &sqlx::migrate::Migrator| {
        m.iter()
            .map(|m| format!("{}_{}", m.version, m.description))
            .collect::<Vec<_>>()
    };
    (names(&SQLITE_MIGRATIONS), names(&POSTGRES_MIGRATIONS))
}
