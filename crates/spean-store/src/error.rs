//! The store's error type: database failures and rows that do not read back.

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database refused or failed.
    #[error("database error")]
    Database(#[from] sqlx::Error),
    /// Applying the migrations failed.
    #[error("migration failed")]
    Migration(#[from] sqlx::migrate::MigrateError),
    /// A stored value could not be read back into a domain value.
    #[error("corrupt value in column `{column}` of table `{table}`")]
    Corrupt {
        /// The table.
        table: &'static str,
        /// The column.
        column: &'static str,
    },
    /// A unique value (username, reference) is already taken.
    #[error("a row with this `{0}` already exists")]
    Duplicate(&'static str),
    /// The URL names no supported database.
    #[error("unsupported database URL (use sqlite://... or postgres://...)")]
    UnsupportedUrl,
}

impl StoreError {
    /// Maps a unique-constraint violation to [`StoreError::Duplicate`].
    pub(crate) fn unique(error: sqlx::Error, field: &'static str) -> Self {
        match &error {
            sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Duplicate(field),
            _ => StoreError::Database(error),
        }
    }
}
