//! Cases: insert, update, find, list by compartment with keyset paging, shares and
//! the persons in a case.

use spean_core::case::{Case, CaseDetails, CaseRole, CaseStage, ExploitationType};
use spean_core::id::{AgencyId, CaseId, PersonId};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::agencies::parse_id;
use crate::{StoreError, Tx, now_millis};

/// A case as shown in lists.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CaseSummary {
    /// Its id.
    pub id: CaseId,
    /// Human reference.
    pub reference: String,
    /// Title.
    pub title: String,
    /// Exploitation type.
    pub exploitation_type: ExploitationType,
    /// Stage.
    pub stage: CaseStage,
    /// Code of the owning agency.
    pub agency_code: String,
    /// Created (Unix ms).
    pub created_at: i64,
    /// Last changed (Unix ms).
    pub updated_at: i64,
}

/// Where a page of the list starts: after this (created_at, id), newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseCursor {
    /// Creation time of the last row shown.
    pub created_at: i64,
    /// Id of the last row shown.
    pub id: CaseId,
}

impl CaseCursor {
    /// The cursor as one URL-safe token (`1732400000000_<uuid>`).
    pub fn encode(&self) -> String {
        format!("{}_{}", self.created_at, self.id)
    }

    /// Reads a token made by [`CaseCursor::encode`].
    pub fn decode(token: &str) -> Option<Self> {
        let (at, id) = token.split_once('_')?;
        Some(Self {
            created_at: at.parse().ok()?,
            id: id.parse().ok()?,
        })
    }
}

/// Filters of the case list.
#[derive(Debug, Clone, Default)]
pub struct CaseFilter {
    /// Only this stage.
    pub stage: Option<CaseStage>,
    /// Title or reference containing this text (case-insensitive for Latin letters).
    pub text: Option<String>,
    /// Page start.
    pub after: Option<CaseCursor>,
}

fn vocabulary<T>(
    row: &AnyRow,
    column: &'static str,
    parse: fn(&str) -> Option<T>,
) -> Result<T, StoreError> {
    let code: String = row.try_get(column)?;
    parse(&code).ok_or(StoreError::Corrupt {
        table: "cases",
        column,
    })
}

fn summary_from_row(row: &AnyRow) -> Result<CaseSummary, StoreError> {
    Ok(CaseSummary {
        id: parse_id(row, "id", "cases")?,
        reference: row.try_get("reference")?,
        title: row.try_get("title")?,
        exploitation_type: vocabulary(row, "exploitation_type", ExploitationType::parse)?,
        stage: vocabulary(row, "stage", CaseStage::parse)?,
        agency_code: row.try_get("agency_code")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

/// `$first, $first+1, ...` for an IN list of `count` values.
pub(crate) fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Lists cases owned by or shared with `agencies`, newest first, at most `limit`.
///
/// The ordering `(created_at, id)` matches the `cases_listing` index, so a page
/// costs the same at row 100,000 as at row 1.
pub async fn list_cases(
    conn: &mut sqlx::AnyConnection,
    agencies: &[AgencyId],
    filter: &CaseFilter,
    limit: i64,
) -> Result<Vec<CaseSummary>, StoreError> {
    if agencies.is_empty() {
        return Ok(Vec::new());
    }
    // Only the filters in use become SQL, so that the cursor is a plain row-value
    // comparison the `cases_listing` index can seek to.
    let mut texts: Vec<String> = agencies.iter().map(ToString::to_string).collect();
    texts.extend(agencies.iter().map(ToString::to_string));
    let n = agencies.len();
    let mut conditions = vec![format!(
        "(c.owning_agency IN ({}) OR EXISTS (SELECT 1 FROM case_shares s WHERE s.case_id = c.id AND s.agency_id IN ({})))",
        placeholders(1, n),
        placeholders(n + 1, n)
    )];
    if let Some(stage) = filter.stage {
        texts.push(stage.code().to_owned());
        conditions.push(format!("c.stage = ${}", texts.len()));
    }
    if let Some(text) = &filter.text {
        texts.push(format!("%{}%", escape_like(&text.to_lowercase())));
        let p = texts.len();
        conditions.push(format!(
            "(LOWER(c.title) LIKE ${p} OR LOWER(c.reference) LIKE ${p})"
        ));
    }
    let mut numbers = Vec::new();
    if let Some(after) = &filter.after {
        texts.push(after.id.to_string());
        let id = texts.len();
        numbers.push(after.created_at);
        conditions.push(format!(
            "(c.created_at, c.id) < (${}, ${id})",
            texts.len() + numbers.len()
        ));
    }
    numbers.push(limit);
    let sql = format!(
        "SELECT c.id, c.reference, c.title, c.exploitation_type, c.stage, c.created_at, c.updated_at, \
                a.code AS agency_code \
         FROM cases c JOIN agencies a ON a.id = c.owning_agency \
         WHERE {} ORDER BY c.created_at DESC, c.id DESC LIMIT ${}",
        conditions.join(" AND "),
        texts.len() + numbers.len()
    );
    let mut query = sqlx::query(&sql);
    for text in texts {
        query = query.bind(text);
    }
    for number in numbers {
        query = query.bind(number);
    }
    let rows = query.fetch_all(conn).await?;
    rows.iter().map(summary_from_row).collect()
}

/// Escapes LIKE wildcards in user text (both backends treat `\` as the default escape
/// only on PostgreSQL, so wildcards are simply dropped).
fn escape_like(text: &str) -> String {
    text.chars().filter(|c| !matches!(c, '%' | '_')).collect()
}

/// Counts the cases owned by or shared with `agencies`, at `stage` or all open (not
/// closed) ones when `stage` is `None`, but stops at `limit`: a dashboard needs "more
/// than 999", not an exact figure that costs a scan of every case.
pub async fn count_cases(
    conn: &mut sqlx::AnyConnection,
    agencies: &[AgencyId],
    stage: Option<CaseStage>,
    limit: i64,
) -> Result<i64, StoreError> {
    if agencies.is_empty() {
        return Ok(0);
    }
    let n = agencies.len();
    // The stage codes are constants of the vocabulary, never user text.
    let stage_test = match stage {
        Some(stage) => format!("c.stage = '{}'", stage.code()),
        None => "c.stage <> 'closed'".to_owned(),
    };
    let sql = format!(
        "SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM cases c WHERE {stage_test} \
         AND (c.owning_agency IN ({}) \
         OR EXISTS (SELECT 1 FROM case_shares s WHERE s.case_id = c.id AND s.agency_id IN ({}))) \
         LIMIT {limit}) counted",
        placeholders(1, n),
        placeholders(n + 1, n)
    );
    let mut query = sqlx::query(&sql);
    for _ in 0..2 {
        for agency in agencies {
            query = query.bind(agency.to_string());
        }
    }
    Ok(query.fetch_one(conn).await?.try_get("n")?)
}

/// Inserts a case.
pub async fn insert_case(tx: &mut Tx, case: &Case) -> Result<(), StoreError> {
    let now = now_millis();
    sqlx::query(
        "INSERT INTO cases (id, reference, owning_agency, title, exploitation_type, stage, summary, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
    )
    .bind(case.id.to_string())
    .bind(case.reference.clone())
    .bind(case.owning_agency.to_string())
    .bind(case.details.title.clone())
    .bind(case.details.exploitation_type.code())
    .bind(case.details.stage.code())
    .bind(case.details.summary.clone())
    .bind(now)
    .execute(tx.conn())
    .await
    .map_err(|e| StoreError::unique(e, "reference"))?;
    for agency in &case.shared_with {
        share_case(tx, case.id, *agency).await?;
    }
    Ok(())
}

/// Inserts a case with a given creation time (bulk loading and benchmarks).
pub async fn insert_case_at(tx: &mut Tx, case: &Case, created_at: i64) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO cases (id, reference, owning_agency, title, exploitation_type, stage, summary, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
    )
    .bind(case.id.to_string())
    .bind(case.reference.clone())
    .bind(case.owning_agency.to_string())
    .bind(case.details.title.clone())
    .bind(case.details.exploitation_type.code())
    .bind(case.details.stage.code())
    .bind(case.details.summary.clone())
    .bind(created_at)
    .execute(tx.conn())
    .await
    .map_err(|e| StoreError::unique(e, "reference"))?;
    Ok(())
}

/// Replaces the editable fields of a case.
pub async fn update_case(tx: &mut Tx, id: CaseId, details: &CaseDetails) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE cases SET title = $1, exploitation_type = $2, stage = $3, summary = $4, updated_at = $5 WHERE id = $6",
    )
    .bind(details.title.clone())
    .bind(details.exploitation_type.code())
    .bind(details.stage.code())
    .bind(details.summary.clone())
    .bind(now_millis())
    .bind(id.to_string())
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// Shares a case with another agency (read access for its members).
pub async fn share_case(tx: &mut Tx, case: CaseId, agency: AgencyId) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO case_shares (case_id, agency_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    )
    .bind(case.to_string())
    .bind(agency.to_string())
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// The case with this id, if any (access is the caller's to check).
pub async fn find_case(
    conn: &mut sqlx::AnyConnection,
    id: CaseId,
) -> Result<Option<Case>, StoreError> {
    let Some(row) = sqlx::query(
        "SELECT id, reference, owning_agency, title, exploitation_type, stage, summary FROM cases WHERE id = $1",
    )
    .bind(id.to_string())
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let shares =
        sqlx::query("SELECT agency_id FROM case_shares WHERE case_id = $1 ORDER BY agency_id")
            .bind(id.to_string())
            .fetch_all(&mut *conn)
            .await?;
    Ok(Some(Case {
        id,
        reference: row.try_get("reference")?,
        owning_agency: parse_id(&row, "owning_agency", "cases")?,
        details: CaseDetails {
            title: row.try_get("title")?,
            exploitation_type: vocabulary(&row, "exploitation_type", ExploitationType::parse)?,
            stage: vocabulary(&row, "stage", CaseStage::parse)?,
            summary: row.try_get("summary")?,
        },
        shared_with: shares
            .iter()
            .map(|r| parse_id(r, "agency_id", "case_shares"))
            .collect::<Result<_, _>>()?,
    }))
}

/// Puts a person in a case with a role.
pub async fn add_case_person(
    tx: &mut Tx,
    case: CaseId,
    person: PersonId,
    role: CaseRole,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO case_persons (case_id, person_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .bind(case.to_string())
        .bind(person.to_string())
        .bind(role.code())
        .execute(tx.conn())
        .await?;
    sqlx::query("UPDATE cases SET updated_at = $1 WHERE id = $2")
        .bind(now_millis())
        .bind(case.to_string())
        .execute(tx.conn())
        .await?;
    Ok(())
}

/// A person's place in a case, as listed on the case page.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CasePerson {
    /// The person.
    pub person_id: PersonId,
    /// The person's owning agency (for the access check before showing the name).
    pub owning_agency: AgencyId,
    /// Their name.
    pub full_name: String,
    /// Their role in the case.
    pub role: CaseRole,
    /// Whether they are a victim in any case.
    pub is_victim: bool,
}

/// The persons in a case.
pub async fn list_case_persons(
    conn: &mut sqlx::AnyConnection,
    case: CaseId,
) -> Result<Vec<CasePerson>, StoreError> {
    let rows = sqlx::query(
        "SELECT cp.person_id, cp.role, p.full_name, p.owning_agency, \
           EXISTS (SELECT 1 FROM case_persons v WHERE v.person_id = p.id AND v.role = 'victim') AS is_victim \
         FROM case_persons cp JOIN persons p ON p.id = cp.person_id WHERE cp.case_id = $1 ORDER BY cp.role, p.full_name",
    )
    .bind(case.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            let role: String = row.try_get("role")?;
            Ok(CasePerson {
                person_id: parse_id(row, "person_id", "case_persons")?,
                owning_agency: parse_id(row, "owning_agency", "persons")?,
                full_name: row.try_get("full_name")?,
                role: CaseRole::parse(&role).ok_or(StoreError::Corrupt {
                    table: "case_persons",
                    column: "role",
                })?,
                is_victim: crate::persons::read_flag(row, "is_victim")?,
            })
        })
        .collect()
}
