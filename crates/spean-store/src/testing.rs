//! Fresh, migrated databases for tests, on either backend.
//!
//! PostgreSQL tests need a server: its URL comes from `SPEAN_TEST_DATABASE_URL`
//! (for example `postgres://postgres@127.0.0.1:5432/test`); each test gets its own
//! database, named by a new UUID. Without that variable the PostgreSQL tests are
//! skipped with a printed reason, unless `SPEAN_TEST_REQUIRE_ALL=1` (as in CI),
//! where a skip is a failure.

use std::path::PathBuf;

use crate::{Backend, Store};

/// The environment variable naming the PostgreSQL server for tests.
pub const POSTGRES_URL_VAR: &str = "SPEAN_TEST_DATABASE_URL";
/// Set to `1` to turn every skip into a failure.
pub const REQUIRE_ALL_VAR: &str = "SPEAN_TEST_REQUIRE_ALL";

/// A test database; the SQLite file or PostgreSQL database lives as long as this.
#[derive(Debug)]
pub struct TestDatabase {
    /// The migrated store.
    pub store: Store,
    /// The URL the store was opened with (for processes started by the test).
    pub url: String,
    _dir: Option<TempDir>,
}

/// A temporary folder removed on drop (kept minimal to avoid a dependency here).
#[derive(Debug)]
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Whether tests must not skip (CI).
pub fn skips_forbidden() -> bool {
    std::env::var(REQUIRE_ALL_VAR).is_ok_and(|v| v == "1")
}

/// A fresh migrated database, or `None` (with the reason printed) when the backend
/// is not configured here.
///
/// # Panics
/// When the database cannot be created, or when it is not configured and skips are
/// forbidden.
pub async fn fresh_database(backend: Backend) -> Option<TestDatabase> {
    let (url, dir) = match backend {
        Backend::Sqlite => {
            let dir = std::env::temp_dir().join(format!("spean-test-{}", uuid::Uuid::new_v4()));
            std::fs::create_dir_all(&dir).expect("create a temporary folder");
            (
                format!("sqlite://{}", dir.join("spean.sqlite3").display()),
                Some(TempDir(dir)),
            )
        }
        Backend::Postgres => {
            let Ok(server) = std::env::var(POSTGRES_URL_VAR) else {
                assert!(
                    !skips_forbidden(),
                    "{POSTGRES_URL_VAR} is not set but {REQUIRE_ALL_VAR}=1"
                );
                eprintln!("SKIPPED: PostgreSQL test, {POSTGRES_URL_VAR} is not set");
                return None;
            };
            (create_postgres_database(&server).await, None)
        }
    };
    let store = Store::connect(&url)
        .await
        .expect("connect to the test database");
    store.migrate().await.expect("migrate the test database");
    Some(TestDatabase {
        store,
        url,
        _dir: dir,
    })
}

/// Creates an empty database on the server at `server_url` and returns its URL.
async fn create_postgres_database(server_url: &str) -> String {
    use sqlx::Connection;
    let name = format!("spean_test_{}", uuid::Uuid::new_v4().simple());
    let mut admin = sqlx::PgConnection::connect(server_url)
        .await
        .expect("connect to the PostgreSQL test server");
    sqlx::Executor::execute(&mut admin, format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create a test database");
    let base = match server_url.rsplit_once('/') {
        Some((base, _)) => base.to_owned(),
        None => server_url.to_owned(),
    };
    format!("{base}/{name}")
}
