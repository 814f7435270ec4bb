//! Decisions on possible duplicate person records: "these two records are the same
//! person" (confirmed) or "they are not" (rejected).
//!
//! A pair is stored once with its ids in text order, so looking it up never depends
//! on which of the two pages the officer decided from. Rejections are kept for good:
//! they are what stops the matcher from suggesting the pair again. This module only
//! records decisions; copying identifiers between confirmed records is the caller's
//! job, in the same transaction.

use spean_core::id::{PersonId, UserId};
use sqlx::Row;

use crate::agencies::parse_id;
use crate::{StoreError, Tx, now_millis};

/// What an officer decided about a suggested pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkStatus {
    /// The two records describe the same person.
    Confirmed,
    /// They do not; never suggest the pair again.
    Rejected,
}

impl LinkStatus {
    /// The code stored in `person_links.status`.
    pub fn code(self) -> &'static str {
        match self {
            LinkStatus::Confirmed => "confirmed",
            LinkStatus::Rejected => "rejected",
        }
    }

    /// Reads a stored code.
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "confirmed" => Some(LinkStatus::Confirmed),
            "rejected" => Some(LinkStatus::Rejected),
            _ => None,
        }
    }
}

/// One decision, seen from one of the two persons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonLink {
    /// The other person of the pair.
    pub other: PersonId,
    /// What was decided.
    pub status: LinkStatus,
    /// Who decided.
    pub decided_by: UserId,
    /// When (Unix milliseconds).
    pub decided_at: i64,
}

/// The pair's ids in the stored order (text order, as the table's CHECK demands).
fn ordered(a: PersonId, b: PersonId) -> (String, String) {
    let (a, b) = (a.to_string(), b.to_string());
    if a <= b { (a, b) } else { (b, a) }
}

/// Records `status` for the pair `a`, `b`, replacing an earlier decision on it.
///
/// A person cannot be linked to itself; that is refused by the table's CHECK, so the
/// caller must not ask.
pub async fn record_decision(
    tx: &mut Tx,
    a: PersonId,
    b: PersonId,
    status: LinkStatus,
    decided_by: UserId,
) -> Result<(), StoreError> {
    let (first, second) = ordered(a, b);
    sqlx::query(
        "INSERT INTO person_links (person_a, person_b, status, decided_by, decided_at) \
         VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (person_a, person_b) DO UPDATE SET status = excluded.status, \
           decided_by = excluded.decided_by, decided_at = excluded.decided_at",
    )
    .bind(first)
    .bind(second)
    .bind(status.code())
    .bind(decided_by.to_string())
    .bind(now_millis())
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// Every decision involving `person`, newest first.
pub async fn list_decisions(
    conn: &mut sqlx::AnyConnection,
    person: PersonId,
) -> Result<Vec<PersonLink>, StoreError> {
    let rows = sqlx::query(
        "SELECT CASE WHEN person_a = $1 THEN person_b ELSE person_a END AS other, \
           status, decided_by, decided_at \
         FROM person_links WHERE person_a = $1 OR person_b = $1 \
         ORDER BY decided_at DESC, other",
    )
    .bind(person.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            let status: String = row.try_get("status")?;
            Ok(PersonLink {
                other: parse_id(row, "other", "person_links")?,
                status: LinkStatus::parse(&status).ok_or(StoreError::Corrupt {
                    table: "person_links",
                    column: "status",
                })?,
                decided_by: parse_id(row, "decided_by", "person_links")?,
                decided_at: row.try_get("decided_at")?,
            })
        })
        .collect()
}
