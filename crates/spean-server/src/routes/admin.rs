//! Account administration for administrators: list and add users, grant and revoke
//! roles, disable and enable accounts, reset passwords. An administrator manages
//! only the agencies where they hold the administrator role.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use spean_core::id::{AgencyId, UserId};
use spean_core::policy::{self, Action, Resource};
use spean_core::role::{Membership, Role};
use spean_core::user::{Username, check_new_password};
use spean_core::{FieldError, ValidationCode};
use spean_store::audit::{self, AuditEvent};
use spean_store::users::{self, NewUser, UserRecord};
use spean_store::{agencies, sessions};

use crate::access::{require, require_somewhere};
use crate::auth::{self, CurrentUser};
use crate::error::AppError;
use crate::state::AppState;
use crate::templates::{UserPage, UserRow, UsersPage, render};
use crate::web::{HtmlForm, Page};

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/users", get(list_users_page).post(add_user_form))
        .route("/admin/users/{id}", get(show_user))
        .route("/admin/users/{id}/roles", post(change_role))
        .route("/admin/users/{id}/status", post(change_status))
        .route("/admin/users/{id}/password", post(reset_password))
}

/// Adds an account (shared with the command line through the same store calls).
pub(crate) async fn add_user(
    state: &AppState,
    admin: &CurrentUser,
    username: &str,
    display_name: &str,
    password: &str,
    membership: Membership,
) -> Result<UserId, AppError> {
    require(
        admin,
        Action::ManageUsers,
        &Resource::Agency(membership.agency),
    )?;
    let mut errors = Vec::new();
    let username = Username::parse(username).map_err(|e| errors.push(e)).ok();
    if display_name.trim().is_empty() {
        errors.push(FieldError::new("display_name", ValidationCode::Required));
    }
    if let Err(e) = check_new_password(password) {
        errors.push(e);
    }
    let Some(username) = username.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let password_hash = auth::hash_password(password)?;
    let mut tx = state.store.begin().await?;
    let new = NewUser {
        username,
        display_name: display_name.trim().to_owned(),
        password_hash,
        memberships: vec![membership],
    };
    let id = users::insert_user(&mut tx, &new)
        .await
        .map_err(|e| match e {
            spean_store::StoreError::Duplicate(_) => AppError::Invalid(vec![FieldError::new(
                "username",
                ValidationCode::AlreadyExists,
            )]),
            other => other.into(),
        })?;
    let event = AuditEvent {
        action: "user.create",
        entity_type: Some("user"),
        entity_id: Some(id.to_string()),
        detail: format!(
            "{{\"agency\":\"{}\",\"role\":\"{}\"}}",
            membership.agency,
            membership.role.code()
        ),
    };
    audit::append(&mut tx, &admin.audit_actor(), event).await?;
    tx.commit().await?;
    Ok(id)
}

async fn users_page(
    state: &AppState,
    page: &Page,
    admin: &CurrentUser,
    errors: Vec<(String, String)>,
    form_username: String,
    form_display_name: String,
) -> Result<Response, AppError> {
    require_somewhere(admin, Action::ManageUsers)?;
    let managed = policy::agencies_where(&admin.actor, Action::ManageUsers);
    let mut conn = state.store.read().await?;
    let all = agencies::list_agencies(&mut conn).await?;
    let name_of = |id: AgencyId| {
        all.iter()
            .find(|a| a.id == id)
            .map_or_else(String::new, |a| a.code.clone())
    };
    let users = users::list_users_in(&mut conn, &managed)
        .await?
        .into_iter()
        .map(|u| UserRow {
            id: u.id.to_string(),
            roles: u
                .memberships
                .iter()
                .map(|m| {
                    format!(
                        "{} · {}",
                        name_of(m.agency),
                        page.t.code("role", m.role.code())
                    )
                })
                .collect(),
            username: u.username,
            display_name: u.display_name,
            disabled: u.disabled,
        })
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let html = render(&UsersPage {
        l: page.layout(state, Some(admin)),
        users,
        errors,
        agencies: all
            .iter()
            .filter(|a| managed.contains(&a.id))
            .map(|a| (a.id.to_string(), a.name.clone()))
            .collect(),
        roles: &Role::ALL,
        form_username,
        form_display_name,
    })?;
    Ok((status, Html(html)).into_response())
}

async fn list_users_page(
    State(state): State<AppState>,
    page: Page,
    admin: CurrentUser,
) -> Result<Response, AppError> {
    users_page(
        &state,
        &page,
        &admin,
        Vec::new(),
        String::new(),
        String::new(),
    )
    .await
}

#[derive(Debug, Deserialize)]
struct AddUserForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    password: String,
    agency: String,
    role: String,
}

fn membership_from(agency: &str, role: &str) -> Result<Membership, AppError> {
    let agency = agency.parse().map_err(|_| {
        AppError::Invalid(vec![FieldError::new(
            "agency",
            ValidationCode::UnknownValue,
        )])
    })?;
    let role = Role::parse(role).ok_or_else(|| {
        AppError::Invalid(vec![FieldError::new("role", ValidationCode::UnknownValue)])
    })?;
    Ok(Membership { agency, role })
}

async fn add_user_form(
    State(state): State<AppState>,
    page: Page,
    admin: CurrentUser,
    HtmlForm(form): HtmlForm<AddUserForm>,
) -> Result<Response, AppError> {
    admin.check_csrf(&form.csrf)?;
    let membership = membership_from(&form.agency, &form.role)?;
    match add_user(
        &state,
        &admin,
        &form.username,
        &form.display_name,
        &form.password,
        membership,
    )
    .await
    {
        Ok(id) => Ok(Redirect::to(&format!("/admin/users/{id}?saved=1")).into_response()),
        Err(AppError::Invalid(errors)) => {
            let errors = page.field_errors(&errors);
            users_page(
                &state,
                &page,
                &admin,
                errors,
                form.username,
                form.display_name,
            )
            .await
        }
        Err(other) => Err(other),
    }
}

/// A user the administrator may manage: one holding a role in an agency they administer.
async fn managed_user(
    state: &AppState,
    admin: &CurrentUser,
    id: &str,
) -> Result<UserRecord, AppError> {
    let id: UserId = id.parse().map_err(|_| AppError::NotFound)?;
    let mut conn = state.store.read().await?;
    let user = users::find_user(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let managed = policy::agencies_where(&admin.actor, Action::ManageUsers);
    let agency = user
        .memberships
        .iter()
        .map(|m| m.agency)
        .find(|a| managed.contains(a));
    match agency {
        Some(agency) => require(admin, Action::ManageUsers, &Resource::Agency(agency))?,
        None => {
            require_somewhere(admin, Action::ManageUsers)?;
            return Err(AppError::NotFound);
        }
    }
    Ok(user)
}

async fn show_user(
    State(state): State<AppState>,
    page: Page,
    admin: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let user = managed_user(&state, &admin, &id).await?;
    let managed = policy::agencies_where(&admin.actor, Action::ManageUsers);
    let mut conn = state.store.read().await?;
    let all = agencies::list_agencies(&mut conn).await?;
    let name_of = |id: AgencyId| {
        all.iter()
            .find(|a| a.id == id)
            .map_or_else(String::new, |a| a.name.clone())
    };
    let html = render(&UserPage {
        l: page.layout(&state, Some(&admin)),
        id: user.id.to_string(),
        username: user.username.clone(),
        display_name: user.display_name.clone(),
        disabled: user.disabled,
        memberships: user
            .memberships
            .iter()
            .map(|m| {
                (
                    m.agency.to_string(),
                    name_of(m.agency),
                    m.role.code().to_owned(),
                    page.t.code("role", m.role.code()),
                )
            })
            .collect(),
        agencies: all
            .iter()
            .filter(|a| managed.contains(&a.id))
            .map(|a| (a.id.to_string(), a.name.clone()))
            .collect(),
        roles: &Role::ALL,
        errors: Vec::new(),
    })?;
    Ok(Html(html).into_response())
}

#[derive(Debug, Deserialize)]
struct RoleForm {
    #[serde(default)]
    csrf: String,
    agency: String,
    role: String,
    op: String,
}

async fn change_role(
    State(state): State<AppState>,
    admin: CurrentUser,
    Path(id): Path<String>,
    HtmlForm(form): HtmlForm<RoleForm>,
) -> Result<Response, AppError> {
    admin.check_csrf(&form.csrf)?;
    let user = managed_user(&state, &admin, &id).await?;
    let membership = membership_from(&form.agency, &form.role)?;
    require(
        &admin,
        Action::ManageUsers,
        &Resource::Agency(membership.agency),
    )?;
    let mut tx = state.store.begin().await?;
    let action = match form.op.as_str() {
        "grant" => {
            users::grant_role(&mut tx, user.id, membership).await?;
            "user.role_grant"
        }
        "revoke" => {
            users::revoke_role(&mut tx, user.id, membership).await?;
            "user.role_revoke"
        }
        _ => return Err(AppError::BadRequest("unknown_operation")),
    };
    let event = AuditEvent {
        action,
        entity_type: Some("user"),
        entity_id: Some(user.id.to_string()),
        detail: format!(
            "{{\"agency\":\"{}\",\"role\":\"{}\"}}",
            membership.agency,
            membership.role.code()
        ),
    };
    audit::append(&mut tx, &admin.audit_actor(), event).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/admin/users/{}?saved=1", user.id)).into_response())
}

#[derive(Debug, Deserialize)]
struct StatusForm {
    #[serde(default)]
    csrf: String,
    disabled: bool,
}

async fn change_status(
    State(state): State<AppState>,
    admin: CurrentUser,
    Path(id): Path<String>,
    HtmlForm(form): HtmlForm<StatusForm>,
) -> Result<Response, AppError> {
    admin.check_csrf(&form.csrf)?;
    let user = managed_user(&state, &admin, &id).await?;
    let mut tx = state.store.begin().await?;
    users::set_disabled(&mut tx, user.id, form.disabled).await?;
    if form.disabled {
        sessions::delete_all_for_user(&mut tx, user.id).await?;
    }
    let action = if form.disabled {
        "user.disable"
    } else {
        "user.enable"
    };
    let event = AuditEvent {
        action,
        entity_type: Some("user"),
        entity_id: Some(user.id.to_string()),
        detail: String::new(),
    };
    audit::append(&mut tx, &admin.audit_actor(), event).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/admin/users/{}?saved=1", user.id)).into_response())
}

#[derive(Debug, Deserialize)]
struct ResetForm {
    #[serde(default)]
    csrf: String,
    password: String,
}

async fn reset_password(
    State(state): State<AppState>,
    page: Page,
    admin: CurrentUser,
    Path(id): Path<String>,
    HtmlForm(form): HtmlForm<ResetForm>,
) -> Result<Response, AppError> {
    admin.check_csrf(&form.csrf)?;
    let user = managed_user(&state, &admin, &id).await?;
    check_new_password(&form.password).map_err(|e| AppError::Invalid(vec![e]))?;
    let _ = &page;
    let hash = auth::hash_password(&form.password)?;
    let mut tx = state.store.begin().await?;
    users::set_password_hash(&mut tx, user.id, &hash).await?;
    sessions::delete_all_for_user(&mut tx, user.id).await?;
    let event = AuditEvent {
        action: "user.password_reset",
        entity_type: Some("user"),
        entity_id: Some(user.id.to_string()),
        detail: String::new(),
    };
    audit::append(&mut tx, &admin.audit_actor(), event).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/admin/users/{}?saved=1", user.id)).into_response())
}
