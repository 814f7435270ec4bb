//! Persons: the list, a person's page (opening a victim's record is audited),
//! creating and editing, adding identifiers, and deciding on possible duplicates
//! (suggested by [`crate::matching`]). The service functions are shared with the JSON
//! API.

use std::collections::{HashMap, HashSet};

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use spean_core::id::{AgencyId, PersonId};
use spean_core::person::{Gender, Identifier, IdentifierKind, Person, PersonInput};
use spean_core::policy::{self, Action, Resource};
use spean_core::{FieldError, ValidationCode};
use spean_store::agencies;
use spean_store::audit::{self, AuditEvent};
use spean_store::person_links::{self, LinkStatus};
use spean_store::persons::{self as person_store, PersonSummary};

use crate::access::{require, require_somewhere};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::matching::{self, MatchRecord, Suggestion};
use crate::state::AppState;
use crate::templates::{
    LinkedView, MatchFieldView, MatchView, PersonFormPage, PersonPage, PersonsPage, render,
};
use crate::web::{HtmlForm, Page};

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/persons", get(list_persons_page).post(create_person_form))
        .route("/persons/new", get(new_person_page))
        .route("/persons/{id}", get(show_person))
        .route(
            "/persons/{id}/edit",
            get(edit_person_page).post(update_person_form),
        )
        .route("/persons/{id}/identifiers", post(add_identifier_form))
        .route("/persons/{id}/links", post(decide_link_form))
}

// ---- services shared with the API ----

/// Parses a person id from a path; a malformed one is simply not found.
pub(crate) fn parse_person_id(text: &str) -> Result<PersonId, AppError> {
    text.parse().map_err(|_| AppError::NotFound)
}

fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

/// The persons `user` may see, newest first.
pub(crate) async fn visible_persons(
    state: &AppState,
    user: &CurrentUser,
    text: Option<&str>,
    limit: i64,
) -> Result<Vec<PersonSummary>, AppError> {
    require_somewhere(user, Action::ViewPerson)?;
    let scope = policy::person_scope(&user.actor);
    let with: Vec<_> = scope.iter().filter(|(_, v)| *v).map(|(a, _)| *a).collect();
    let without: Vec<_> = scope.iter().filter(|(_, v)| !*v).map(|(a, _)| *a).collect();
    let mut conn = state.store.read().await?;
    Ok(person_store::list_persons(&mut conn, &with, &without, text, limit).await?)
}

/// Most persons the matcher reads per page view. A node holds a few thousand; past
/// this the newest are matched (the list is newest first) and the page stays fast.
const MATCH_POOL: i64 = 20_000;

/// The possible duplicates of `person` among the persons `user` may see (the same
/// scope as the person list, so the policy never lets a hidden person through), with
/// what the list shows of each. Pairs already confirmed or rejected are left out.
pub(crate) async fn possible_matches(
    state: &AppState,
    user: &CurrentUser,
    person: &Person,
) -> Result<Vec<(PersonSummary, Suggestion)>, AppError> {
    let scope = policy::person_scope(&user.actor);
    let with: Vec<_> = scope.iter().filter(|(_, v)| *v).map(|(a, _)| *a).collect();
    let without: Vec<_> = scope.iter().filter(|(_, v)| !*v).map(|(a, _)| *a).collect();
    let mut conn = state.store.read().await?;
    let visible = person_store::list_persons(&mut conn, &with, &without, None, MATCH_POOL).await?;
    let mut identifiers: HashMap<PersonId, Vec<Identifier>> = HashMap::new();
    for (id, identifier) in
        person_store::list_identifiers_in_scope(&mut conn, &with, &without).await?
    {
        identifiers.entry(id).or_default().push(identifier);
    }
    let decided: HashSet<PersonId> = person_links::list_decisions(&mut conn, person.id)
        .await?
        .into_iter()
        .map(|d| d.other)
        .collect();
    drop(conn);
    let d = &person.details;
    let target = MatchRecord {
        id: Some(person.id),
        full_name: d.full_name.clone(),
        latin_name: d.latin_name.clone(),
        birth_date: d.birth_date.map(|b| b.to_string()),
        nationality: d.nationality.clone(),
        identifiers: person.identifiers.clone(),
    };
    let others: Vec<MatchRecord> = visible
        .iter()
        .map(|p| MatchRecord {
            id: Some(p.id),
            full_name: p.full_name.clone(),
            latin_name: p.latin_name.clone(),
            birth_date: p.birth_date.clone(),
            nationality: p.nationality.clone(),
            identifiers: identifiers.remove(&p.id).unwrap_or_default(),
        })
        .collect();
    // Romanising and comparing a few thousand records is CPU work: keep it off the
    // async workers.
    let suggestions =
        tokio::task::spawn_blocking(move || matching::suggest(&target, &others, &decided))
            .await
            .map_err(|e| AppError::Internal(e.into()))?;
    let mut by_id: HashMap<PersonId, PersonSummary> =
        visible.into_iter().map(|p| (p.id, p)).collect();
    Ok(suggestions
        .into_iter()
        .filter_map(|s| by_id.remove(&s.person).map(|p| (p, s)))
        .collect())
}

/// The records confirmed to be the same person as `person` that `user` may see.
pub(crate) async fn linked_persons(
    state: &AppState,
    user: &CurrentUser,
    person: PersonId,
) -> Result<Vec<Person>, AppError> {
    let mut conn = state.store.read().await?;
    let decisions = person_links::list_decisions(&mut conn, person).await?;
    let mut linked = Vec::new();
    for decision in decisions {
        if decision.status != LinkStatus::Confirmed {
            continue;
        }
        let Some((other, is_victim)) = person_store::find_person(&mut conn, decision.other).await?
        else {
            continue;
        };
        let visible = policy::decide(
            &user.actor,
            Action::ViewPerson,
            &Resource::Person {
                owner: other.owning_agency,
                is_victim,
            },
        )
        .is_allowed();
        if visible {
            linked.push(other);
        }
    }
    Ok(linked)
}

/// Records an officer's decision on a suggested pair. Both records must be editable
/// by `user`: confirming copies each record's identifiers onto the other, in the same
/// transaction as the decision and its audit entry.
pub(crate) async fn decide_link(
    state: &AppState,
    user: &CurrentUser,
    id: PersonId,
    other: PersonId,
    status: LinkStatus,
) -> Result<(), AppError> {
    let (person, _) = load_person(state, user, id, Action::EditPerson).await?;
    let (other, _) = load_person(state, user, other, Action::EditPerson).await?;
    if person.id == other.id {
        return Err(AppError::Invalid(vec![FieldError::new(
            "other",
            ValidationCode::UnknownValue,
        )]));
    }
    let mut tx = state.store.begin().await?;
    person_links::record_decision(&mut tx, person.id, other.id, status, user.record.id).await?;
    let action = match status {
        LinkStatus::Confirmed => {
            for identifier in &other.identifiers {
                person_store::add_identifier(&mut tx, person.id, identifier).await?;
            }
            for identifier in &person.identifiers {
                person_store::add_identifier(&mut tx, other.id, identifier).await?;
            }
            "person.link_confirm"
        }
        LinkStatus::Rejected => "person.link_reject",
    };
    let event = AuditEvent {
        action,
        entity_type: Some("person"),
        entity_id: Some(person.id.to_string()),
        detail: format!("{{\"other\":\"{}\"}}", other.id),
    };
    audit::append(&mut tx, &user.audit_actor(), event).await?;
    tx.commit().await?;
    Ok(())
}

/// A person `user` may do `action` to, and whether they are a victim.
pub(crate) async fn load_person(
    state: &AppState,
    user: &CurrentUser,
    id: PersonId,
    action: Action,
) -> Result<(Person, bool), AppError> {
    let mut conn = state.store.read().await?;
    let (person, is_victim) = person_store::find_person(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    require(
        user,
        action,
        &Resource::Person {
            owner: person.owning_agency,
            is_victim,
        },
    )?;
    Ok((person, is_victim))
}

/// Opens a person for reading, auditing the view when it is a victim's record.
pub(crate) async fn view_person(
    state: &AppState,
    user: &CurrentUser,
    id: PersonId,
) -> Result<(Person, bool), AppError> {
    let (person, is_victim) = load_person(state, user, id, Action::ViewPerson).await?;
    if is_victim {
        let mut tx = state.store.begin().await?;
        let event = AuditEvent {
            action: "person.view_victim",
            entity_type: Some("person"),
            entity_id: Some(id.to_string()),
            detail: String::new(),
        };
        audit::append(&mut tx, &user.audit_actor(), event).await?;
        tx.commit().await?;
    }
    Ok((person, is_victim))
}

/// Records a new person in `agency`.
pub(crate) async fn create_person(
    state: &AppState,
    user: &CurrentUser,
    agency: AgencyId,
    input: &PersonInput<'_>,
) -> Result<Person, AppError> {
    require(user, Action::CreatePerson, &Resource::Agency(agency))?;
    let details = input.validate(today()).map_err(AppError::Invalid)?;
    let id = PersonId::new();
    let mut tx = state.store.begin().await?;
    person_store::insert_person(&mut tx, id, agency, &details).await?;
    let event = AuditEvent {
        action: "person.create",
        entity_type: Some("person"),
        entity_id: Some(id.to_string()),
        detail: format!("{{\"agency\":\"{agency}\"}}"),
    };
    audit::append(&mut tx, &user.audit_actor(), event).await?;
    tx.commit().await?;
    Ok(Person {
        id,
        owning_agency: agency,
        details,
        identifiers: Vec::new(),
    })
}

/// Changes a person's fields.
pub(crate) async fn update_person(
    state: &AppState,
    user: &CurrentUser,
    id: PersonId,
    input: &PersonInput<'_>,
) -> Result<(Person, bool), AppError> {
    let (mut person, is_victim) = load_person(state, user, id, Action::EditPerson).await?;
    let details = input.validate(today()).map_err(AppError::Invalid)?;
    let mut tx = state.store.begin().await?;
    person_store::update_person(&mut tx, id, &details).await?;
    let event = AuditEvent {
        action: "person.update",
        entity_type: Some("person"),
        entity_id: Some(id.to_string()),
        detail: String::new(),
    };
    audit::append(&mut tx, &user.audit_actor(), event).await?;
    tx.commit().await?;
    person.details = details;
    Ok((person, is_victim))
}

/// Checks and normalises an identifier; phones become E.164 (Thai numbers by default).
pub(crate) fn parse_identifier(kind: &str, value: &str) -> Result<Identifier, AppError> {
    let kind = IdentifierKind::parse(kind).ok_or_else(|| {
        AppError::Invalid(vec![FieldError::new(
            "identifier_kind",
            ValidationCode::UnknownValue,
        )])
    })?;
    let value = value.trim();
    let invalid = || {
        AppError::Invalid(vec![FieldError::new(
            "identifier_value",
            ValidationCode::InvalidIdentifier,
        )])
    };
    if value.is_empty() || value.chars().count() > 200 {
        return Err(invalid());
    }
    let value = match kind {
        IdentifierKind::Phone => {
            spean_text::phone::PhoneNumber::parse(value, spean_text::phone::Region::TH)
                .map_err(|_| invalid())?
                .as_str()
                .to_owned()
        }
        IdentifierKind::Email if !value.contains('@') => return Err(invalid()),
        IdentifierKind::Passport | IdentifierKind::NationalId => {
            value.to_uppercase().replace([' ', '-'], "")
        }
        _ => value.to_owned(),
    };
    Ok(Identifier { kind, value })
}

// ---- HTML ----

#[derive(Debug, Deserialize)]
struct ListQuery {
    #[serde(default)]
    q: String,
}

async fn list_persons_page(
    State(state): State<AppState>,
    page: Page,
    user: CurrentUser,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let text = Some(query.q.trim()).filter(|q| !q.is_empty());
    let persons = visible_persons(&state, &user, text, 100).await?;
    let html = render(&PersonsPage {
        l: page.layout(&state, Some(&user)),
        persons,
        q: query.q,
        can_create: user.can_any(Action::CreatePerson),
    })?;
    Ok(Html(html).into_response())
}

#[derive(Debug, Default, Deserialize)]
struct PersonForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    agency: String,
    #[serde(default)]
    full_name: String,
    #[serde(default)]
    latin_name: String,
    #[serde(default)]
    gender: String,
    #[serde(default)]
    birth_date: String,
    #[serde(default)]
    nationality: String,
    #[serde(default)]
    notes: String,
}

impl PersonForm {
    fn input(&self) -> PersonInput<'_> {
        PersonInput {
            full_name: &self.full_name,
            latin_name: Some(&self.latin_name),
            gender: Some(&self.gender),
            birth_date: Some(&self.birth_date),
            nationality: Some(&self.nationality),
            notes: Some(&self.notes),
        }
    }
}

async fn person_form_page(
    state: &AppState,
    page: &Page,
    user: &CurrentUser,
    editing: Option<PersonId>,
    form: PersonForm,
    errors: Vec<(String, String)>,
) -> Result<Response, AppError> {
    let creatable = policy::agencies_where(&user.actor, Action::CreatePerson);
    let mut conn = state.store.read().await?;
    let agencies = agencies::list_agencies(&mut conn)
        .await?
        .into_iter()
        .filter(|a| creatable.contains(&a.id))
        .map(|a| (a.id.to_string(), a.name))
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let html = render(&PersonFormPage {
        l: page.layout(state, Some(user)),
        editing: editing.is_some(),
        action: editing.map_or_else(|| "/persons".to_owned(), |id| format!("/persons/{id}/edit")),
        errors,
        agencies: if editing.is_some() {
            Vec::new()
        } else {
            agencies
        },
        agency: form.agency,
        full_name: form.full_name,
        latin_name: form.latin_name,
        gender: form.gender,
        birth_date: form.birth_date,
        nationality: form.nationality,
        notes: form.notes,
        genders: Gender::ALL,
    })?;
    Ok((status, Html(html)).into_response())
}

async fn new_person_page(
    State(state): State<AppState>,
    page: Page,
    user: CurrentUser,
) -> Result<Response, AppError> {
    require_somewhere(&user, Action::CreatePerson)?;
    person_form_page(
        &state,
        &page,
        &user,
        None,
        PersonForm::default(),
        Vec::new(),
    )
    .await
}

async fn create_person_form(
    State(state): State<AppState>,
    page: Page,
    user: CurrentUser,
    HtmlForm(form): HtmlForm<PersonForm>,
) -> Result<Response, AppError> {
    user.check_csrf(&form.csrf)?;
    let agency = crate::access::target_agency(&user, Some(&form.agency), Action::CreatePerson)?;
    match create_person(&state, &user, agency, &form.input()).await {
        Ok(person) => Ok(Redirect::to(&format!("/persons/{}?saved=1", person.id)).into_response()),
        Err(AppError::Invalid(errors)) => {
            let errors = page.field_errors(&errors);
            person_form_page(&state, &page, &user, None, form, errors).await
        }
        Err(other) => Err(other),
    }
}

async fn show_person(
    State(state): State<AppState>,
    page: Page,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (person, is_victim) = view_person(&state, &user, parse_person_id(&id)?).await?;
    let mut conn = state.store.read().await?;
    let cases = person_store::cases_of_person(&mut conn, person.id)
        .await?
        .into_iter()
        .filter(|c| {
            policy::decide(
                &user.actor,
                Action::ViewCase,
                &Resource::Case {
                    owner: c.owning_agency,
                    shared_with: &c.shared_with,
                },
            )
            .is_allowed()
        })
        .map(|c| (c.case_id.to_string(), c.reference, c.role))
        .collect();
    let can_edit = policy::decide(
        &user.actor,
        Action::EditPerson,
        &Resource::Person {
            owner: person.owning_agency,
            is_victim,
        },
    )
    .is_allowed();
    let matches = possible_matches(&state, &user, &person)
        .await?
        .into_iter()
        .map(|(summary, suggestion)| MatchView {
            id: summary.id.to_string(),
            full_name: summary.full_name,
            latin_name: summary.latin_name,
            probability: format!("{:.1}", suggestion.probability * 100.0),
            fields: suggestion
                .fields
                .into_iter()
                .map(|f| MatchFieldView {
                    field: f.field,
                    level: f.level,
                    weight: format!("{:+.1}", f.weight),
                })
                .collect(),
        })
        .collect();
    let linked = linked_persons(&state, &user, person.id)
        .await?
        .into_iter()
        .map(|p| LinkedView {
            id: p.id.to_string(),
            full_name: p.details.full_name,
            latin_name: p.details.latin_name,
        })
        .collect();
    let html = render(&PersonPage {
        l: page.layout(&state, Some(&user)),
        person,
        is_victim,
        can_edit,
        cases,
        identifier_kinds: IdentifierKind::ALL,
        matches,
        linked,
    })?;
    Ok(Html(html).into_response())
}

async fn edit_person_page(
    State(state): State<AppState>,
    page: Page,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (person, _) = load_person(&state, &user, parse_person_id(&id)?, Action::EditPerson).await?;
    let d = &person.details;
    let form = PersonForm {
        csrf: String::new(),
        agency: person.owning_agency.to_string(),
        full_name: d.full_name.clone(),
        latin_name: d.latin_name.clone().unwrap_or_default(),
        gender: d.gender.map(|g| g.code().to_owned()).unwrap_or_default(),
        birth_date: d.birth_date.map(|b| b.to_string()).unwrap_or_default(),
        nationality: d.nationality.clone().unwrap_or_default(),
        notes: d.notes.clone().unwrap_or_default(),
    };
    person_form_page(&state, &page, &user, Some(person.id), form, Vec::new()).await
}

async fn update_person_form(
    State(state): State<AppState>,
    page: Page,
    user: CurrentUser,
    Path(id): Path<String>,
    HtmlForm(form): HtmlForm<PersonForm>,
) -> Result<Response, AppError> {
    user.check_csrf(&form.csrf)?;
    let id = parse_person_id(&id)?;
    match update_person(&state, &user, id, &form.input()).await {
        Ok((person, _)) => {
            Ok(Redirect::to(&format!("/persons/{}?saved=1", person.id)).into_response())
        }
        Err(AppError::Invalid(errors)) => {
            let errors = page.field_errors(&errors);
            person_form_page(&state, &page, &user, Some(id), form, errors).await
        }
        Err(other) => Err(other),
    }
}

#[derive(Debug, Deserialize)]
struct IdentifierForm {
    #[serde(default)]
    csrf: String,
    kind: String,
    value: String,
}

async fn add_identifier_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    HtmlForm(form): HtmlForm<IdentifierForm>,
) -> Result<Response, AppError> {
    user.check_csrf(&form.csrf)?;
    let (person, _) = load_person(&state, &user, parse_person_id(&id)?, Action::EditPerson).await?;
    let identifier = parse_identifier(&form.kind, &form.value)?;
    let mut tx = state.store.begin().await?;
    person_store::add_identifier(&mut tx, person.id, &identifier).await?;
    let event = AuditEvent {
        action: "person.add_identifier",
        entity_type: Some("person"),
        entity_id: Some(person.id.to_string()),
        detail: format!("{{\"kind\":\"{}\"}}", identifier.kind.code()),
    };
    audit::append(&mut tx, &user.audit_actor(), event).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/persons/{}?saved=1", person.id)).into_response())
}

#[derive(Debug, Deserialize)]
struct LinkForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    other: String,
    /// `confirm` or `reject`.
    #[serde(default)]
    decision: String,
}

async fn decide_link_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    HtmlForm(form): HtmlForm<LinkForm>,
) -> Result<Response, AppError> {
    user.check_csrf(&form.csrf)?;
    let id = parse_person_id(&id)?;
    let other = parse_person_id(&form.other)?;
    let status = match form.decision.as_str() {
        "confirm" => LinkStatus::Confirmed,
        "reject" => LinkStatus::Rejected,
        _ => {
            return Err(AppError::Invalid(vec![FieldError::new(
                "decision",
                ValidationCode::UnknownValue,
            )]));
        }
    };
    decide_link(&state, &user, id, other, status).await?;
    Ok(Redirect::to(&format!("/persons/{id}?saved=1")).into_response())
}
