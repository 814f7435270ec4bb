//! The audit log: every change that matters, hash-chained so that altering,
//! removing or reordering an entry is detected by [`verify`].
//!
//! Each entry holds the hash of the previous one and its own hash over all its
//! fields. The chain's head (last sequence number and hash) lives in `audit_head`;
//! [`append`] starts by updating it, which locks it until the transaction ends, so
//! concurrent writers queue up and the chain never forks.
//!
//! Entries carry ids and codes, never personal data: the audit log is read by
//! auditors who must not see victims' details.

use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::{StoreError, Tx, now_millis};

/// Who did it: a user (id and username at the time) or the system.
#[derive(Debug, Clone, Default)]
pub struct AuditActor {
    /// The user's id, if a user acted.
    pub user_id: Option<String>,
    /// The username as it was then (usernames may later change).
    pub username: Option<String>,
}

impl AuditActor {
    /// The system itself (migrations, demo seeding, command-line administration).
    pub fn system() -> Self {
        Self {
            user_id: None,
            username: Some("system".to_owned()),
        }
    }
}

/// One entry to append.
#[derive(Debug, Clone)]
pub struct AuditEvent<'a> {
    /// A stable action code (`case.create`, `login.failed`, `person.view`).
    pub action: &'a str,
    /// The kind of record concerned (`case`, `person`, `user`), if any.
    pub entity_type: Option<&'a str>,
    /// Its id.
    pub entity_id: Option<String>,
    /// Extra facts as compact JSON (field names changed, roles granted); no personal data.
    pub detail: String,
}

/// An entry as stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuditEntry {
    /// Position in the chain, from 1.
    pub seq: i64,
    /// When, in Unix milliseconds.
    pub at: i64,
    /// The acting user's id.
    pub actor_id: Option<String>,
    /// The acting username.
    pub actor_name: Option<String>,
    /// The action code.
    pub action: String,
    /// The record kind.
    pub entity_type: Option<String>,
    /// The record id.
    pub entity_id: Option<String>,
    /// Extra facts (JSON).
    pub detail: String,
    /// The previous entry's hash.
    pub prev_hash: String,
    /// This entry's hash.
    pub hash: String,
}

/// The hash of an entry: SHA-256 over every field, each length-prefixed so that no
/// two different entries can serialise alike.
fn entry_hash(entry: &AuditEntry) -> String {
    let mut hasher = Sha256::new();
    let mut field = |value: &str| {
        hasher.update((value.len() as u64).to_be_bytes());
        hasher.update(value.as_bytes());
    };
    field(&entry.seq.to_string());
    field(&entry.at.to_string());
    field(entry.actor_id.as_deref().unwrap_or(""));
    field(entry.actor_name.as_deref().unwrap_or(""));
    field(&entry.action);
    field(entry.entity_type.as_deref().unwrap_or(""));
    field(entry.entity_id.as_deref().unwrap_or(""));
    field(&entry.detail);
    field(&entry.prev_hash);
    hex::encode(hasher.finalize())
}

/// Appends an entry to the chain inside the caller's transaction.
pub async fn append(
    tx: &mut Tx,
    actor: &AuditActor,
    event: AuditEvent<'_>,
) -> Result<i64, StoreError> {
    // Taking the head with an UPDATE (not a SELECT) locks it on PostgreSQL and makes
    // this a write transaction on SQLite before anything else is read.
    let head = sqlx::query("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash")
        .fetch_one(tx.conn())
        .await?;
    let seq: i64 = head.try_get("seq")?;
    let prev_hash: String = head.try_get("hash")?;
    let mut entry = AuditEntry {
        seq,
        at: now_millis(),
        actor_id: actor.user_id.clone(),
        actor_name: actor.username.clone(),
        action: event.action.to_owned(),
        entity_type: event.entity_type.map(str::to_owned),
        entity_id: event.entity_id,
        detail: event.detail,
        prev_hash,
        hash: String::new(),
    };
    entry.hash = entry_hash(&entry);
    sqlx::query(
        "INSERT INTO audit_log (seq, at, actor_id, actor_name, action, entity_type, entity_id, detail, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(entry.seq)
    .bind(entry.at)
    .bind(entry.actor_id.clone())
    .bind(entry.actor_name.clone())
    .bind(entry.action.clone())
    .bind(entry.entity_type.clone())
    .bind(entry.entity_id.clone())
    .bind(entry.detail.clone())
    .bind(entry.prev_hash.clone())
    .bind(entry.hash.clone())
    .execute(tx.conn())
    .await?;
    sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
        .bind(entry.hash)
        .execute(tx.conn())
        .await?;
    Ok(seq)
}

fn entry_from_row(row: &sqlx::any::AnyRow) -> Result<AuditEntry, StoreError> {
    Ok(AuditEntry {
        seq: row.try_get("seq")?,
        at: row.try_get("at")?,
        actor_id: row.try_get("actor_id")?,
        actor_name: row.try_get("actor_name")?,
        action: row.try_get("action")?,
        entity_type: row.try_get("entity_type")?,
        entity_id: row.try_get("entity_id")?,
        detail: row.try_get("detail")?,
        prev_hash: row.try_get("prev_hash")?,
        hash: row.try_get("hash")?,
    })
}

/// Filters for browsing the log.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Only this action code.
    pub action: Option<String>,
    /// Only this acting username.
    pub actor_name: Option<String>,
    /// Only entries about this record id.
    pub entity_id: Option<String>,
    /// Only entries before this sequence number (keyset paging, newest first).
    pub before_seq: Option<i64>,
}

/// Lists entries, newest first, at most `limit`.
pub async fn list(
    conn: &mut sqlx::AnyConnection,
    filter: &AuditFilter,
    limit: i64,
) -> Result<Vec<AuditEntry>, StoreError> {
    let rows = sqlx::query(
        "SELECT * FROM audit_log \
         WHERE ($1 IS NULL OR action = $1) AND ($2 IS NULL OR actor_name = $2) \
           AND ($3 IS NULL OR entity_id = $3) AND ($4 IS NULL OR seq < $4) \
         ORDER BY seq DESC LIMIT $5",
    )
    .bind(filter.action.clone())
    .bind(filter.actor_name.clone())
    .bind(filter.entity_id.clone())
    .bind(filter.before_seq)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    rows.iter().map(entry_from_row).collect()
}

/// What [`verify`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    /// The chain is whole; the number of entries checked.
    Intact {
        /// How many entries.
        entries: i64,
    },
    /// The first entry at which the chain breaks, and how.
    Broken {
        /// The sequence number where the break was found.
        seq: i64,
        /// What is wrong there.
        problem: Problem,
    },
}

/// How the chain is broken at an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// The entry's content does not match its hash: it was altered.
    Altered,
    /// An entry is missing before this one (a gap in the sequence), or the entry does
    /// not follow the one stored before it: removed or reordered.
    RemovedOrReordered,
    /// The last entries were removed: the head records more than the log holds.
    TailRemoved,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Problem::Altered => "its content does not match its hash (altered)",
            Problem::RemovedOrReordered => {
                "it does not follow the entry before it (an entry was removed or reordered)"
            }
            Problem::TailRemoved => "entries after it were removed (the chain head records more)",
        })
    }
}

/// Walks the whole chain in order and reports the first break.
pub async fn verify(conn: &mut sqlx::AnyConnection) -> Result<Verification, StoreError> {
    use futures_util::TryStreamExt;
    let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
        .fetch_one(&mut *conn)
        .await?;
    let head_seq: i64 = head.try_get("seq")?;
    let head_hash: String = head.try_get("hash")?;
    let mut expected_seq = 1;
    let mut prev_hash = "0".repeat(64);
    let mut rows = sqlx::query("SELECT * FROM audit_log ORDER BY seq").fetch(&mut *conn);
    while let Some(row) = rows.try_next().await? {
        let entry = entry_from_row(&row)?;
        if entry.seq != expected_seq || entry.prev_hash != prev_hash {
            // The stored order and the chained order disagree here.
            if entry_hash(&entry) != entry.hash {
                return Ok(Verification::Broken {
                    seq: entry.seq,
                    problem: Problem::Altered,
                });
            }
            return Ok(Verification::Broken {
                seq: entry.seq,
                problem: Problem::RemovedOrReordered,
            });
        }
        if entry_hash(&entry) != entry.hash {
            return Ok(Verification::Broken {
                seq: entry.seq,
                problem: Problem::Altered,
            });
        }
        prev_hash = entry.hash;
        expected_seq += 1;
    }
    let entries = expected_seq - 1;
    if head_seq != entries || head_hash != prev_hash {
        return Ok(Verification::Broken {
            seq: entries,
            problem: Problem::TailRemoved,
        });
    }
    Ok(Verification::Intact { entries })
}
