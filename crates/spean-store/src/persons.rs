//! Persons: insert, update, find, list by compartment, identifiers, and whether a
//! person is a victim (which narrows who may see the record).

use spean_core::date::PartialDate;
use spean_core::id::{AgencyId, CaseId, PersonId};
use spean_core::person::{Gender, Identifier, IdentifierKind, Person, PersonDetails};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::agencies::parse_id;
use crate::cases::placeholders;
use crate::{StoreError, Tx, now_millis};

/// Reads a boolean computed by SQL: `bool` on PostgreSQL, an integer on SQLite.
pub(crate) fn read_flag(row: &AnyRow, column: &'static str) -> Result<bool, StoreError> {
    match row.try_get::<bool, _>(column) {
        Ok(flag) => Ok(flag),
        Err(_) => Ok(row.try_get::<i64, _>(column)? != 0),
    }
}

/// A person as shown in lists.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PersonSummary {
    /// Its id.
    pub id: PersonId,
    /// Full name.
    pub full_name: String,
    /// Latin-letter name.
    pub latin_name: Option<String>,
    /// Birth date.
    pub birth_date: Option<String>,
    /// Nationality.
    pub nationality: Option<String>,
    /// Whether a victim in any case.
    pub is_victim: bool,
}

fn details_from_row(row: &AnyRow) -> Result<PersonDetails, StoreError> {
    let gender: Option<String> = row.try_get("gender")?;
    let birth: Option<String> = row.try_get("birth_date")?;
    let corrupt = |column| StoreError::Corrupt {
        table: "persons",
        column,
    };
    Ok(PersonDetails {
        full_name: row.try_get("full_name")?,
        latin_name: row.try_get("latin_name")?,
        gender: gender
            .map(|g| Gender::parse(&g).ok_or(corrupt("gender")))
            .transpose()?,
        birth_date: birth
            .map(|d| PartialDate::parse_iso(&d).map_err(|_| corrupt("birth_date")))
            .transpose()?,
        nationality: row.try_get("nationality")?,
        notes: row.try_get("notes")?,
    })
}

/// Inserts a person.
pub async fn insert_person(
    tx: &mut Tx,
    id: PersonId,
    owner: AgencyId,
    details: &PersonDetails,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO persons (id, owning_agency, full_name, latin_name, gender, birth_date, nationality, notes, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
    )
    .bind(id.to_string())
    .bind(owner.to_string())
    .bind(details.full_name.clone())
    .bind(details.latin_name.clone())
    .bind(details.gender.map(|g| g.code().to_owned()))
    .bind(details.birth_date.map(|d| d.to_string()))
    .bind(details.nationality.clone())
    .bind(details.notes.clone())
    .bind(now_millis())
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// Replaces the editable fields of a person.
pub async fn update_person(
    tx: &mut Tx,
    id: PersonId,
    details: &PersonDetails,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE persons SET full_name = $1, latin_name = $2, gender = $3, birth_date = $4, nationality = $5, \
         notes = $6, updated_at = $7 WHERE id = $8",
    )
    .bind(details.full_name.clone())
    .bind(details.latin_name.clone())
    .bind(details.gender.map(|g| g.code().to_owned()))
    .bind(details.birth_date.map(|d| d.to_string()))
    .bind(details.nationality.clone())
    .bind(details.notes.clone())
    .bind(now_millis())
    .bind(id.to_string())
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// Adds an identifier to a person (no-op when already there).
pub async fn add_identifier(
    tx: &mut Tx,
    person: PersonId,
    identifier: &Identifier,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO person_identifiers (person_id, kind, value) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .bind(person.to_string())
        .bind(identifier.kind.code())
        .bind(identifier.value.clone())
        .execute(tx.conn())
        .await?;
    Ok(())
}

/// The person with this id, if any, and whether they are a victim in any case.
pub async fn find_person(
    conn: &mut sqlx::AnyConnection,
    id: PersonId,
) -> Result<Option<(Person, bool)>, StoreError> {
    let Some(row) = sqlx::query(
        "SELECT p.*, EXISTS (SELECT 1 FROM case_persons v WHERE v.person_id = p.id AND v.role = 'victim') AS is_victim \
         FROM persons p WHERE p.id = $1",
    )
    .bind(id.to_string())
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let identifiers = sqlx::query(
        "SELECT kind, value FROM person_identifiers WHERE person_id = $1 ORDER BY kind, value",
    )
    .bind(id.to_string())
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| {
        let kind: String = r.try_get("kind")?;
        Ok(Identifier {
            kind: IdentifierKind::parse(&kind).ok_or(StoreError::Corrupt {
                table: "person_identifiers",
                column: "kind",
            })?,
            value: r.try_get("value")?,
        })
    })
    .collect::<Result<Vec<_>, StoreError>>()?;
    let person = Person {
        id,
        owning_agency: parse_id(&row, "owning_agency", "persons")?,
        details: details_from_row(&row)?,
        identifiers,
    };
    Ok(Some((person, read_flag(&row, "is_victim")?)))
}

/// The SQL condition on `p` (a `persons` row) that keeps the persons of the first `a`
/// bound agencies and the non-victims of the next `b`, binding `$1..=$(a+b)`.
fn scope_condition(a: usize, b: usize) -> String {
    // An empty IN list is invalid SQL; a value no id can take keeps the query valid.
    let list = |first: usize, n: usize| {
        if n == 0 {
            "''".to_owned()
        } else {
            placeholders(first, n)
        }
    };
    format!(
        "(p.owning_agency IN ({}) \
          OR (p.owning_agency IN ({}) AND NOT EXISTS (SELECT 1 FROM case_persons v WHERE v.person_id = p.id AND v.role = 'victim')))",
        list(1, a),
        list(a + 1, b),
    )
}

/// The identifiers of every person in the same scope as [`list_persons`] (all persons
/// of `with_victims` agencies, the non-victims of `without_victims` ones), in one
/// query: the matcher needs them for the whole scope, not page by page.
pub async fn list_identifiers_in_scope(
    conn: &mut sqlx::AnyConnection,
    with_victims: &[AgencyId],
    without_victims: &[AgencyId],
) -> Result<Vec<(PersonId, Identifier)>, StoreError> {
    let sql = format!(
        "SELECT i.person_id, i.kind, i.value FROM person_identifiers i JOIN persons p ON p.id = i.person_id \
         WHERE {} ORDER BY i.person_id, i.kind, i.value",
        scope_condition(with_victims.len(), without_victims.len()),
    );
    let mut query = sqlx::query(&sql);
    for agency in with_victims.iter().chain(without_victims) {
        query = query.bind(agency.to_string());
    }
    query
        .fetch_all(conn)
        .await?
        .iter()
        .map(|row| {
            let kind: String = row.try_get("kind")?;
            Ok((
                parse_id(row, "person_id", "person_identifiers")?,
                Identifier {
                    kind: IdentifierKind::parse(&kind).ok_or(StoreError::Corrupt {
                        table: "person_identifiers",
                        column: "kind",
                    })?,
                    value: row.try_get("value")?,
                },
            ))
        })
        .collect()
}

/// Lists persons newest first: all of those owned by `with_victims` agencies, and the
/// non-victims of `without_victims` agencies. `text` filters on either name.
pub async fn list_persons(
    conn: &mut sqlx::AnyConnection,
    with_victims: &[AgencyId],
    without_victims: &[AgencyId],
    text: Option<&str>,
    limit: i64,
) -> Result<Vec<PersonSummary>, StoreError> {
    let (a, b) = (with_victims.len(), without_victims.len());
    let sql = format!(
        "SELECT p.id, p.full_name, p.latin_name, p.birth_date, p.nationality, \
           EXISTS (SELECT 1 FROM case_persons v WHERE v.person_id = p.id AND v.role = 'victim') AS is_victim \
         FROM persons p \
         WHERE {} \
           AND (${t} IS NULL OR LOWER(p.full_name) LIKE ${t} OR LOWER(p.latin_name) LIKE ${t}) \
         ORDER BY p.created_at DESC, p.id DESC LIMIT ${l}",
        scope_condition(a, b),
        t = a + b + 1,
        l = a + b + 2,
    );
    let mut query = sqlx::query(&sql);
    for agency in with_victims.iter().chain(without_victims) {
        query = query.bind(agency.to_string());
    }
    let pattern = text.map(|t| format!("%{}%", t.to_lowercase().replace(['%', '_'], "")));
    let rows = query.bind(pattern).bind(limit).fetch_all(conn).await?;
    rows.iter()
        .map(|row| {
            Ok(PersonSummary {
                id: parse_id(row, "id", "persons")?,
                full_name: row.try_get("full_name")?,
                latin_name: row.try_get("latin_name")?,
                birth_date: row.try_get("birth_date")?,
                nationality: row.try_get("nationality")?,
                is_victim: read_flag(row, "is_victim")?,
            })
        })
        .collect()
}

/// A case a person is in, for the person page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonCase {
    /// The case.
    pub case_id: CaseId,
    /// Its reference.
    pub reference: String,
    /// Its owning agency.
    pub owning_agency: AgencyId,
    /// Agencies it is shared with.
    pub shared_with: Vec<AgencyId>,
    /// The person's role there.
    pub role: String,
}

/// The cases a person is in, with what an access check needs.
pub async fn cases_of_person(
    conn: &mut sqlx::AnyConnection,
    person: PersonId,
) -> Result<Vec<PersonCase>, StoreError> {
    let rows = sqlx::query(
        "SELECT cp.case_id, cp.role, c.reference, c.owning_agency FROM case_persons cp JOIN cases c ON c.id = cp.case_id \
         WHERE cp.person_id = $1 ORDER BY c.reference",
    )
    .bind(person.to_string())
    .fetch_all(&mut *conn)
    .await?;
    let mut found = Vec::with_capacity(rows.len());
    for row in &rows {
        let case_id: CaseId = parse_id(row, "case_id", "case_persons")?;
        let shares = sqlx::query("SELECT agency_id FROM case_shares WHERE case_id = $1")
            .bind(case_id.to_string())
            .fetch_all(&mut *conn)
            .await?;
        found.push(PersonCase {
            case_id,
            reference: row.try_get("reference")?,
            owning_agency: parse_id(row, "owning_agency", "cases")?,
            shared_with: shares
                .iter()
                .map(|r| parse_id(r, "agency_id", "case_shares"))
                .collect::<Result<_, _>>()?,
            role: row.try_get("role")?,
        });
    }
    Ok(found)
}
