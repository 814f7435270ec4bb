//! Spean's persistence: one set of portable SQL queries over SQLite (embedded, the
//! default) and PostgreSQL (for scale), chosen at run time by the database URL.
//!
//! Design decisions:
//! - sqlx's `Any` driver with runtime queries in portable SQL (`$1` placeholders,
//!   `ON CONFLICT`, `RETURNING`). Values cross the row boundary as text, 64-bit
//!   integers and blobs only: UUIDs as text, times as Unix milliseconds. Rows stay
//!   private; repositories return `spean_core` types.
//! - Writes go through [`Tx`], an explicit transaction that every repository
//!   function takes. The audit entry of a change is written in the same
//!   transaction ([`audit::append`]), so a change without its audit entry cannot
//!   be committed.
//! - SQLite allows one writer; [`Store::begin`] serialises writers in-process so a
//!   transaction never fails to upgrade from read to write under load.
//! - Places where the SQL differs per backend: the migrations (one folder each) and
//!   the connection set-up (SQLite pragmas). Nothing else.
//!
//! Layout:
//! - `store`: connecting, migrating, transactions.
//! - [`audit`]: the hash-chained audit log and its verification.
//! - [`agencies`], [`users`], [`sessions`]: accounts and their sessions and tokens.
//! - [`persons`], [`cases`]: the case records.
//! - [`person_links`]: officers' decisions on possible duplicate persons.

pub mod agencies;
pub mod audit;
pub mod cases;
mod error;
pub mod person_links;
pub mod persons;
pub mod sessions;
mod store;
pub mod testing;
mod time;
pub mod users;

pub use error::StoreError;
pub use store::{Backend, Store, Tx, migration_names};
pub use time::now_millis;
