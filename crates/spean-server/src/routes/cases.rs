//! Cases: the list, a case's page, creating and editing, putting persons in a case
//! and sharing it with another agency. The `*_case` service functions at the top
//! are shared with the JSON API, so both paths check and audit alike.

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::Datelike;
use serde::Deserialize;
use spean_core::agency::Agency;
use spean_core::case::{Case, CaseInput, CaseRole, CaseStage, ExploitationType};
use spean_core::id::{AgencyId, CaseId, PersonId};
use spean_core::policy::{self, Action, Resource};
use spean_store::audit::{self, AuditEvent};
use spean_store::cases::{self as case_store, CaseCursor, CaseFilter, CaseSummary};
use spean_store::{agencies, persons};

use crate::access::{require, require_somewhere};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::templates::{CaseFormPage, CasePage, CasePersonRow, CasesPage, render};
use crate::web::{HtmlForm, Page};

/// Rows per page of the case list.
pub(crate) const PAGE_SIZE: i64 = 50;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/cases", get(list_cases_page).post(create_case_form))
        .route("/cases/new", get(new_case_page))
        .route("/cases/{id}", get(show_case))
        .route(
            "/cases/{id}/edit",
            get(edit_case_page).post(update_case_form),
        )
        .route("/cases/{id}/persons", post(add_person_to_case))
        .route("/cases/{id}/share", post(share_case_form))
}

// ---- services shared with the API ----

/// Parses a case id from a path; a malformed one is simply not found.
pub(crate) fn parse_case_id(text: &str) -> Result<CaseId, AppError> {
    text.parse().map_err(|_| AppError::NotFound)
}

/// The cases `user` may see, newest first.
pub(crate) async fn visible_cases(
    state: &AppState,
    user: &CurrentUser,
    filter: &CaseFilter,
    limit: i64,
) -> Result<Vec<CaseSummary>, AppError> {
    require_somewhere(user, Action::ViewCase)?;
    let scope = policy::case_scope(&user.actor);
    let mut conn = state.store.read().await?;
    Ok(case_store::list_cases(&mut conn, &scope, filter, limit).await?)
}

/// A case `user` may do `action` to.
pub(crate) async fn load_case(
    state: &AppState,
    user: &CurrentUser,
    id: CaseId,
    action: Action,
) -> Result<Case, AppError> {
    let mut conn = state.store.read().await?;
    let case = case_store::find_case(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    require(
        user,
        action,
        &Resource::Case {
            owner: case.owning_agency,
            shared_with: &case.shared_with,
        },
    )?;
    Ok(case)
}

/// Opens a new case in `agency`.
pub(crate) async fn create_case(
    state: &AppState,
    user: &CurrentUser,
    agency: AgencyId,
    input: &CaseInput<'_>,
) -> Result<Case, AppError> {
    require(user, Action::CreateCase, &Resource::Agency(agency))?;
    let details = input.validate().map_err(AppError::Invalid)?;
    let code = {
        let mut conn = state.store.read().await?;
        let all = agencies::list_agencies(&mut conn).await?;
        all.into_iter()
            .find(|a| a.id == agency)
            .map(|a| a.code)
            .ok_or(AppError::NotFound)?
    };
    let mut tx = state.store.begin().await?;
    let number = agencies::next_case_number(&mut tx, agency).await?;
    let year = chrono::Utc::now().year();
    let case = Case {
        id: CaseId::new(),
        reference: format!("{code}-{year}-{number:06}"),
        owning_agency: agency,
        details,
        shared_with: Vec::new(),
    };
    case_store::insert_case(&mut tx, &case).await?;
    let event = AuditEvent {
        action: "case.create",
        entity_type: Some("case"),
        entity_id: Some(case.id.to_string()),
        detail: format!("{{\"agency\":\"{agency}\"}}"),
    };
    audit::append(&mut tx, &user.audit_actor(), event).await?;
    tx.commit().await?;
    Ok(case)
}

/// Changes a case's fields; the audit entry names the fields that changed.
pub(crate) async fn update_case(
    state: &AppState,
    user: &CurrentUser,
    id: CaseId,
    input: &CaseInput<'_>,
) -> Result<Case, AppError> {
    let mut case = load_case(state, user, id, Action::EditCase).await?;
    let details = input.validate().map_err(AppError::Invalid)?;
    let mut changed = Vec::new();
    if details.title != case.details.title {
        changed.push("\"title\"");
    }
    if details.exploitation_type != case.details.exploitation_type {
        changed.push("\"exploitation_type\"");
    }
    if details.stage != case.details.stage {
        changed.push("\"stage\"");
    }
    if details.summary != case.details.summary {
        changed.push("\"summary\"");
    }
    let mut tx = state.store.begin().await?;
    case_store::update_case(&mut tx, id, &details).await?;
    let event = AuditEvent {
        action: "case.update",
        entity_type: Some("case"),
        entity_id: Some(id.to_string()),
        detail: format!("{{\"fields\":[{}]}}", changed.join(",")),
    };
    audit::append(&mut tx, &user.audit_actor(), event).await?;
    tx.commit().await?;
    case.details = details;
    Ok(case)
}

async fn agency_names(state: &AppState) -> Result<Vec<Agency>, AppError> {
    let mut conn = state.store.read().await?;
    Ok(agencies::list_agencies(&mut conn).await?)
}

// ---- HTML ----

#[derive(Debug, Deserialize)]
struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    stage: String,
    #[serde(default)]
    after: String,
}

async fn list_cases_page(
    State(state): State<AppState>,
    page: Page,
    user: CurrentUser,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let stage = if query.stage.is_empty() {
        None
    } else {
        Some(CaseStage::parse(&query.stage).ok_or(AppError::BadRequest("unknown_stage"))?)
    };
    let after = if query.after.is_empty() {
        None
    } else {
        Some(CaseCursor::decode(&query.after).ok_or(AppError::BadRequest("bad_cursor"))?)
    };
    let filter = CaseFilter {
        stage,
        text: Some(query.q.trim().to_owned()).filter(|q| !q.is_empty()),
        after,
    };
    let cases = visible_cases(&state, &user, &filter, PAGE_SIZE).await?;
    let next = (cases.len() as i64 == PAGE_SIZE).then(|| {
        let last = cases
            .last()
            .map(|c| {
                CaseCursor {
                    created_at: c.created_at,
                    id: c.id,
                }
                .encode()
            })
            .unwrap_or_default();
        format!(
            "q={}&stage={}&after={}",
            urlencoding::encode(&query.q),
            urlencoding::encode(&query.stage),
            last
        )
    });
    let html = render(&CasesPage {
        l: page.layout(&state, Some(&user)),
        cases,
        q: query.q,
        stage: query.stage,
        stages: CaseStage::ALL,
        next,
        can_create: user.can_any(Action::CreateCase),
    })?;
    Ok(Html(html).into_response())
}

#[derive(Debug, Default, Deserialize)]
struct CaseForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    agency: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    exploitation_type: String,
    #[serde(default)]
    stage: String,
    #[serde(default)]
    summary: String,
}

impl CaseForm {
    fn input(&self) -> CaseInput<'_> {
        CaseInput {
            title: &self.title,
            exploitation_type: &self.exploitation_type,
            stage: Some(&self.stage),
            summary: Some(&self.summary),
        }
    }
}

async fn case_form_page(
    state: &AppState,
    page: &Page,
    user: &CurrentUser,
    editing: Option<CaseId>,
    form: CaseForm,
    errors: Vec<(String, String)>,
) -> Result<Response, AppError> {
    let creatable = policy::agencies_where(&user.actor, Action::CreateCase);
    let agencies = agency_names(state)
        .await?
        .into_iter()
        .filter(|a| editing.is_some() || creatable.contains(&a.id))
        .map(|a| (a.id.to_string(), a.name))
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let html = render(&CaseFormPage {
        l: page.layout(state, Some(user)),
        editing: editing.is_some(),
        action: editing.map_or_else(|| "/cases".to_owned(), |id| format!("/cases/{id}/edit")),
        errors,
        agencies: if editing.is_some() {
            Vec::new()
        } else {
            agencies
        },
        agency: form.agency,
        title: form.title,
        exploitation_type: form.exploitation_type,
        stage: if form.stage.is_empty() {
            "intake".to_owned()
        } else {
            form.stage
        },
        summary: form.summary,
        exploitation_types: ExploitationType::ALL,
        stages: CaseStage::ALL,
    })?;
    Ok((status, Html(html)).into_response())
}

async fn new_case_page(
    State(state): State<AppState>,
    page: Page,
    user: CurrentUser,
) -> Result<Response, AppError> {
    require_somewhere(&user, Action::CreateCase)?;
    let form = CaseForm {
        exploitation_type: "ForcedCriminality".to_owned(),
        ..CaseForm::default()
    };
    case_form_page(&state, &page, &user, None, form, Vec::new()).await
}

async fn create_case_form(
    State(state): State<AppState>,
    page: Page,
    user: CurrentUser,
    HtmlForm(form): HtmlForm<CaseForm>,
) -> Result<Response, AppError> {
    user.check_csrf(&form.csrf)?;
    let agency = crate::access::target_agency(&user, Some(&form.agency), Action::CreateCase)?;
    match create_case(&state, &user, agency, &form.input()).await {
        Ok(case) => Ok(Redirect::to(&format!("/cases/{}?saved=1", case.id)).into_response()),
        Err(AppError::Invalid(errors)) => {
            let errors = page.field_errors(&errors);
            case_form_page(&state, &page, &user, None, form, errors).await
        }
        Err(other) => Err(other),
    }
}

async fn show_case(
    State(state): State<AppState>,
    page: Page,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let case = load_case(&state, &user, parse_case_id(&id)?, Action::ViewCase).await?;
    let mut conn = state.store.read().await?;
    let all_agencies = agencies::list_agencies(&mut conn).await?;
    let name_of = |id: AgencyId| {
        all_agencies
            .iter()
            .find(|a| a.id == id)
            .map_or_else(|| id.to_string(), |a| a.name.clone())
    };
    let in_case = case_store::list_case_persons(&mut conn, case.id).await?;
    let persons = in_case
        .iter()
        .map(|p| {
            let visible = policy::decide(
                &user.actor,
                Action::ViewPerson,
                &Resource::Person {
                    owner: p.owning_agency,
                    is_victim: p.is_victim,
                },
            )
            .is_allowed();
            CasePersonRow {
                id: p.person_id.to_string(),
                name: visible.then(|| p.full_name.clone()),
                role: p.role.code().to_owned(),
            }
        })
        .collect();
    let can_edit = policy::decide(
        &user.actor,
        Action::EditCase,
        &Resource::Case {
            owner: case.owning_agency,
            shared_with: &case.shared_with,
        },
    )
    .is_allowed();
    let (person_choices, share_choices) = if can_edit {
        let scope = policy::person_scope(&user.actor);
        let with: Vec<_> = scope.iter().filter(|(_, v)| *v).map(|(a, _)| *a).collect();
        let without: Vec<_> = scope.iter().filter(|(_, v)| !*v).map(|(a, _)| *a).collect();
        let choices = persons::list_persons(&mut conn, &with, &without, None, 200).await?;
        let person_choices = choices
            .into_iter()
            .map(|p| (p.id.to_string(), p.full_name))
            .collect();
        let share_choices = all_agencies
            .iter()
            .filter(|a| a.id != case.owning_agency && !case.shared_with.contains(&a.id))
            .map(|a| (a.id.to_string(), a.name.clone()))
            .collect();
        (person_choices, share_choices)
    } else {
        (Vec::new(), Vec::new())
    };
    let html = render(&CasePage {
        l: page.layout(&state, Some(&user)),
        owner_name: name_of(case.owning_agency),
        shared_names: case.shared_with.iter().map(|a| name_of(*a)).collect(),
        persons,
        can_edit,
        person_choices,
        share_choices,
        case_roles: CaseRole::ALL,
        case,
    })?;
    Ok(Html(html).into_response())
}

async fn edit_case_page(
    State(state): State<AppState>,
    page: Page,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let case = load_case(&state, &user, parse_case_id(&id)?, Action::EditCase).await?;
    let form = CaseForm {
        csrf: String::new(),
        agency: case.owning_agency.to_string(),
        title: case.details.title.clone(),
        exploitation_type: case.details.exploitation_type.code().to_owned(),
        stage: case.details.stage.code().to_owned(),
        summary: case.details.summary.clone().unwrap_or_default(),
    };
    case_form_page(&state, &page, &user, Some(case.id), form, Vec::new()).await
}

async fn update_case_form(
    State(state): State<AppState>,
    page: Page,
    user: CurrentUser,
    Path(id): Path<String>,
    HtmlForm(form): HtmlForm<CaseForm>,
) -> Result<Response, AppError> {
    user.check_csrf(&form.csrf)?;
    let id = parse_case_id(&id)?;
    match update_case(&state, &user, id, &form.input()).await {
        Ok(case) => Ok(Redirect::to(&format!("/cases/{}?saved=1", case.id)).into_response()),
        Err(AppError::Invalid(errors)) => {
            let errors = page.field_errors(&errors);
            case_form_page(&state, &page, &user, Some(id), form, errors).await
        }
        Err(other) => Err(other),
    }
}

#[derive(Debug, Deserialize)]
struct AddPersonForm {
    #[serde(default)]
    csrf: String,
    person_id: String,
    role: String,
}

async fn add_person_to_case(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    HtmlForm(form): HtmlForm<AddPersonForm>,
) -> Result<Response, AppError> {
    user.check_csrf(&form.csrf)?;
    let case = load_case(&state, &user, parse_case_id(&id)?, Action::EditCase).await?;
    let person_id: PersonId = form.person_id.parse().map_err(|_| AppError::NotFound)?;
    let role =
        CaseRole::parse(&form.role).ok_or(AppError::Invalid(vec![spean_core::FieldError::new(
            "role",
            spean_core::ValidationCode::UnknownValue,
        )]))?;
    super::persons::load_person(&state, &user, person_id, Action::ViewPerson).await?;
    let mut tx = state.store.begin().await?;
    case_store::add_case_person(&mut tx, case.id, person_id, role).await?;
    let event = AuditEvent {
        action: "case.add_person",
        entity_type: Some("case"),
        entity_id: Some(case.id.to_string()),
        detail: format!(
            "{{\"person\":\"{person_id}\",\"role\":\"{}\"}}",
            role.code()
        ),
    };
    audit::append(&mut tx, &user.audit_actor(), event).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/cases/{}?saved=1", case.id)).into_response())
}

#[derive(Debug, Deserialize)]
struct ShareForm {
    #[serde(default)]
    csrf: String,
    agency: String,
}

async fn share_case_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    HtmlForm(form): HtmlForm<ShareForm>,
) -> Result<Response, AppError> {
    user.check_csrf(&form.csrf)?;
    let case = load_case(&state, &user, parse_case_id(&id)?, Action::EditCase).await?;
    let agency: AgencyId = form
        .agency
        .parse()
        .map_err(|_| AppError::BadRequest("unknown_agency"))?;
    if !agency_names(&state).await?.iter().any(|a| a.id == agency) {
        return Err(AppError::BadRequest("unknown_agency"));
    }
    let mut tx = state.store.begin().await?;
    case_store::share_case(&mut tx, case.id, agency).await?;
    let event = AuditEvent {
        action: "case.share",
        entity_type: Some("case"),
        entity_id: Some(case.id.to_string()),
        detail: format!("{{\"agency\":\"{agency}\"}}"),
    };
    audit::append(&mut tx, &user.audit_actor(), event).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/cases/{}?saved=1", case.id)).into_response())
}
