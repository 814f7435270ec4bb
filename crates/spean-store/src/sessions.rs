//! Browser sessions, API tokens and the record of failed logins used for throttling.
//!
//! Only SHA-256 hashes of session and API tokens are stored: a copy of the database
//! does not let anyone log in.

use sha2::{Digest, Sha256};
use spean_core::id::UserId;
use sqlx::Row;

use crate::agencies::parse_id;
use crate::{StoreError, Tx};

/// The stored form of a bearer secret.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A live session.
#[derive(Debug, Clone)]
pub struct SessionRecord {
    /// Whose session.
    pub user_id: UserId,
    /// The CSRF token forms of this session must carry.
    pub csrf_token: String,
    /// Whether the second factor was given (or none is needed).
    pub second_factor_done: bool,
    /// When it ends (Unix ms).
    pub expires_at: i64,
}

/// Stores a new session under the hash of `token`.
pub async fn insert_session(
    tx: &mut Tx,
    token: &str,
    session: &SessionRecord,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, second_factor_done, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(token_hash(token))
    .bind(session.user_id.to_string())
    .bind(session.csrf_token.clone())
    .bind(i64::from(session.second_factor_done))
    .bind(now)
    .bind(session.expires_at)
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// The unexpired session for `token`, if any.
pub async fn find_session(
    conn: &mut sqlx::AnyConnection,
    token: &str,
    now: i64,
) -> Result<Option<SessionRecord>, StoreError> {
    let row = sqlx::query(
        "SELECT user_id, csrf_token, second_factor_done, expires_at FROM sessions WHERE token_hash = $1 AND expires_at > $2",
    )
    .bind(token_hash(token))
    .bind(now)
    .fetch_optional(conn)
    .await?;
    row.map(|row| {
        let done: i64 = row.try_get("second_factor_done")?;
        Ok(SessionRecord {
            user_id: parse_id(&row, "user_id", "sessions")?,
            csrf_token: row.try_get("csrf_token")?,
            second_factor_done: done != 0,
            expires_at: row.try_get("expires_at")?,
        })
    })
    .transpose()
}

/// Marks the second factor as given.
pub async fn complete_second_factor(tx: &mut Tx, token: &str) -> Result<(), StoreError> {
    sqlx::query("UPDATE sessions SET second_factor_done = 1 WHERE token_hash = $1")
        .bind(token_hash(token))
        .execute(tx.conn())
        .await?;
    Ok(())
}

/// Ends one session (logout).
pub async fn delete_session(tx: &mut Tx, token: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash(token))
        .execute(tx.conn())
        .await?;
    Ok(())
}

/// Ends every session and API token of a user (disabled account, password reset).
pub async fn delete_all_for_user(tx: &mut Tx, user: UserId) -> Result<(), StoreError> {
    for table in ["sessions", "api_tokens"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE user_id = $1"))
            .bind(user.to_string())
            .execute(tx.conn())
            .await?;
    }
    Ok(())
}

/// Stores a new API token under its hash.
pub async fn insert_api_token(
    tx: &mut Tx,
    token: &str,
    user: UserId,
    now: i64,
    expires_at: i64,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO api_tokens (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(token_hash(token))
        .bind(user.to_string())
        .bind(now)
        .bind(expires_at)
        .execute(tx.conn())
        .await?;
    Ok(())
}

/// The user of an unexpired API token, if any.
pub async fn find_api_token_user(
    conn: &mut sqlx::AnyConnection,
    token: &str,
    now: i64,
) -> Result<Option<UserId>, StoreError> {
    let row =
        sqlx::query("SELECT user_id FROM api_tokens WHERE token_hash = $1 AND expires_at > $2")
            .bind(token_hash(token))
            .bind(now)
            .fetch_optional(conn)
            .await?;
    row.map(|row| parse_id(&row, "user_id", "api_tokens"))
        .transpose()
}

/// Records a failed login for `username` (known or not).
pub async fn record_login_failure(tx: &mut Tx, username: &str, now: i64) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO login_failures (username, at) VALUES ($1, $2)")
        .bind(username.to_owned())
        .bind(now)
        .execute(tx.conn())
        .await?;
    Ok(())
}

/// Failed logins for `username` since `since` (Unix ms).
pub async fn count_login_failures(
    conn: &mut sqlx::AnyConnection,
    username: &str,
    since: i64,
) -> Result<i64, StoreError> {
    Ok(
        sqlx::query("SELECT COUNT(*) AS n FROM login_failures WHERE username = $1 AND at > $2")
            .bind(username.to_owned())
            .bind(since)
            .fetch_one(conn)
            .await?
            .try_get("n")?,
    )
}

/// Forgets the failed logins of `username` (after a successful login).
pub async fn clear_login_failures(tx: &mut Tx, username: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM login_failures WHERE username = $1")
        .bind(username.to_owned())
        .execute(tx.conn())
        .await?;
    Ok(())
}
