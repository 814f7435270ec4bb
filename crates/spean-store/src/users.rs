//! User accounts and their memberships (user × agency × role).

use spean_core::id::{AgencyId, UserId};
use spean_core::role::{Membership, Role};
use spean_core::user::{Actor, Username};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::agencies::parse_id;
use crate::{StoreError, Tx, now_millis};

/// An account as stored. The password hash and TOTP secret never leave the
/// server's authentication module.
#[derive(Debug, Clone)]
pub struct UserRecord {
    /// Its id.
    pub id: UserId,
    /// Login name.
    pub username: String,
    /// Name shown in the interface.
    pub display_name: String,
    /// PHC-format argon2id hash.
    pub password_hash: String,
    /// Base32 TOTP secret when a second factor is enrolled.
    pub totp_secret: Option<String>,
    /// Whether the account is disabled.
    pub disabled: bool,
    /// Roles per agency.
    pub memberships: Vec<Membership>,
}

impl UserRecord {
    /// The user as the access policy sees them.
    pub fn actor(&self) -> Actor {
        Actor {
            user: self.id,
            memberships: self.memberships.clone(),
        }
    }

    /// Whether the user is an administrator anywhere (a second factor is then required).
    pub fn is_administrator(&self) -> bool {
        self.memberships
            .iter()
            .any(|m| m.role == Role::Administrator)
    }
}

/// A new account.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Login name.
    pub username: Username,
    /// Display name.
    pub display_name: String,
    /// PHC-format argon2id hash of the initial password.
    pub password_hash: String,
    /// Initial roles.
    pub memberships: Vec<Membership>,
}

/// Inserts an account with its memberships; returns its id.
pub async fn insert_user(tx: &mut Tx, user: &NewUser) -> Result<UserId, StoreError> {
    let id = UserId::new();
    sqlx::query(
        "INSERT INTO users (id, username, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id.to_string())
    .bind(user.username.as_str().to_owned())
    .bind(user.display_name.clone())
    .bind(user.password_hash.clone())
    .bind(now_millis())
    .execute(tx.conn())
    .await
    .map_err(|e| StoreError::unique(e, "username"))?;
    for membership in &user.memberships {
        grant_role(tx, id, *membership).await?;
    }
    Ok(id)
}

/// Grants a role in an agency (no-op when already held).
pub async fn grant_role(
    tx: &mut Tx,
    user: UserId,
    membership: Membership,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO memberships (user_id, agency_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .bind(user.to_string())
        .bind(membership.agency.to_string())
        .bind(membership.role.code())
        .execute(tx.conn())
        .await?;
    Ok(())
}

/// Revokes a role in an agency.
pub async fn revoke_role(
    tx: &mut Tx,
    user: UserId,
    membership: Membership,
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM memberships WHERE user_id = $1 AND agency_id = $2 AND role = $3")
        .bind(user.to_string())
        .bind(membership.agency.to_string())
        .bind(membership.role.code())
        .execute(tx.conn())
        .await?;
    Ok(())
}

async fn memberships_of(
    conn: &mut sqlx::AnyConnection,
    user: &str,
) -> Result<Vec<Membership>, StoreError> {
    let rows = sqlx::query(
        "SELECT agency_id, role FROM memberships WHERE user_id = $1 ORDER BY agency_id, role",
    )
    .bind(user.to_owned())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            let role: String = row.try_get("role")?;
            Ok(Membership {
                agency: parse_id(row, "agency_id", "memberships")?,
                role: Role::parse(&role).ok_or(StoreError::Corrupt {
                    table: "memberships",
                    column: "role",
                })?,
            })
        })
        .collect()
}

async fn user_from_row(
    conn: &mut sqlx::AnyConnection,
    row: &AnyRow,
) -> Result<UserRecord, StoreError> {
    let id: String = row.try_get("id")?;
    let disabled: i64 = row.try_get("disabled")?;
    Ok(UserRecord {
        id: id.parse().map_err(|_| StoreError::Corrupt {
            table: "users",
            column: "id",
        })?,
        username: row.try_get("username")?,
        display_name: row.try_get("display_name")?,
        password_hash: row.try_get("password_hash")?,
        totp_secret: row.try_get("totp_secret")?,
        disabled: disabled != 0,
        memberships: memberships_of(conn, &id).await?,
    })
}

const USER_COLUMNS: &str = "id, username, display_name, password_hash, totp_secret, disabled";

/// The account with this username, if any.
pub async fn find_user_by_username(
    conn: &mut sqlx::AnyConnection,
    username: &str,
) -> Result<Option<UserRecord>, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE username = $1"
    ))
    .bind(username.to_owned())
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        Some(row) => Ok(Some(user_from_row(conn, &row).await?)),
        None => Ok(None),
    }
}

/// The account with this id, if any.
pub async fn find_user(
    conn: &mut sqlx::AnyConnection,
    id: UserId,
) -> Result<Option<UserRecord>, StoreError> {
    let row = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
        .bind(id.to_string())
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        Some(row) => Ok(Some(user_from_row(conn, &row).await?)),
        None => Ok(None),
    }
}

/// Accounts holding any role in one of `agencies`, by username.
pub async fn list_users_in(
    conn: &mut sqlx::AnyConnection,
    agencies: &[AgencyId],
) -> Result<Vec<UserRecord>, StoreError> {
    let mut users = Vec::new();
    let rows = sqlx::query(&format!(
        "SELECT {USER_COLUMNS} FROM users ORDER BY username"
    ))
    .fetch_all(&mut *conn)
    .await?;
    for row in &rows {
        let user = user_from_row(conn, row).await?;
        if user
            .memberships
            .iter()
            .any(|m| agencies.contains(&m.agency))
        {
            users.push(user);
        }
    }
    Ok(users)
}

/// Replaces the password hash.
pub async fn set_password_hash(tx: &mut Tx, user: UserId, hash: &str) -> Result<(), StoreError> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(hash.to_owned())
        .bind(user.to_string())
        .execute(tx.conn())
        .await?;
    Ok(())
}

/// Enables or disables an account.
pub async fn set_disabled(tx: &mut Tx, user: UserId, disabled: bool) -> Result<(), StoreError> {
    sqlx::query("UPDATE users SET disabled = $1 WHERE id = $2")
        .bind(i64::from(disabled))
        .bind(user.to_string())
        .execute(tx.conn())
        .await?;
    Ok(())
}

/// Sets (or clears) the TOTP secret.
pub async fn set_totp_secret(
    tx: &mut Tx,
    user: UserId,
    secret: Option<&str>,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE users SET totp_secret = $1 WHERE id = $2")
        .bind(secret.map(str::to_owned))
        .bind(user.to_string())
        .execute(tx.conn())
        .await?;
    Ok(())
}

/// Counts accounts (the demo seeds only an empty node).
pub async fn count_users(conn: &mut sqlx::AnyConnection) -> Result<i64, StoreError> {
    Ok(sqlx::query("SELECT COUNT(*) AS n FROM users")
        .fetch_one(conn)
        .await?
        .try_get("n")?)
}
