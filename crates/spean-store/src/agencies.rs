//! Agencies: insert, find and list.

use spean_core::agency::{Agency, Country};
use spean_core::id::AgencyId;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{StoreError, Tx};

pub(crate) fn parse_id<T: std::str::FromStr>(
    row: &AnyRow,
    column: &'static str,
    table: &'static str,
) -> Result<T, StoreError> {
    let text: String = row.try_get(column)?;
    text.parse()
        .map_err(|_| StoreError::Corrupt { table, column })
}

fn agency_from_row(row: &AnyRow) -> Result<Agency, StoreError> {
    let country: String = row.try_get("country")?;
    Ok(Agency {
        id: parse_id(row, "id", "agencies")?,
        code: row.try_get("code")?,
        name: row.try_get("name")?,
        country: Country::parse(&country).ok_or(StoreError::Corrupt {
            table: "agencies",
            column: "country",
        })?,
    })
}

/// Inserts an agency.
pub async fn insert_agency(tx: &mut Tx, agency: &Agency) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO agencies (id, code, name, country) VALUES ($1, $2, $3, $4)")
        .bind(agency.id.to_string())
        .bind(agency.code.clone())
        .bind(agency.name.clone())
        .bind(agency.country.code())
        .execute(tx.conn())
        .await
        .map_err(|e| StoreError::unique(e, "code"))?;
    Ok(())
}

/// Every agency, by code.
pub async fn list_agencies(conn: &mut sqlx::AnyConnection) -> Result<Vec<Agency>, StoreError> {
    let rows = sqlx::query("SELECT id, code, name, country FROM agencies ORDER BY code")
        .fetch_all(conn)
        .await?;
    rows.iter().map(agency_from_row).collect()
}

/// The agency with this code, if any.
pub async fn find_agency_by_code(
    conn: &mut sqlx::AnyConnection,
    code: &str,
) -> Result<Option<Agency>, StoreError> {
    let row = sqlx::query("SELECT id, code, name, country FROM agencies WHERE code = $1")
        .bind(code.to_owned())
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(agency_from_row).transpose()
}

/// Takes the next case number of an agency (for human case references).
pub async fn next_case_number(tx: &mut Tx, agency: AgencyId) -> Result<i64, StoreError> {
    let row = sqlx::query(
        "UPDATE agencies SET next_case_number = next_case_number + 1 WHERE id = $1 RETURNING next_case_number - 1 AS n",
    )
    .bind(agency.to_string())
    .fetch_one(tx.conn())
    .await?;
    Ok(row.try_get("n")?)
}
