//! The JSON API under `/api`: bearer tokens, cases, persons, and the OpenAPI 3
//! document generated from the same types and handlers (`/api/openapi.json`).
//!
//! Every handler goes through the same service functions as the HTML pages, so the
//! access checks and audit entries are identical on both paths.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use spean_core::case::{Case, CaseInput, CaseStage};
use spean_core::person::{Person, PersonInput};
use spean_core::policy::Action;
use spean_store::audit::{self, AuditActor, AuditEvent};
use spean_store::cases::{CaseCursor, CaseFilter, CaseSummary};
use spean_store::persons::PersonSummary;
use spean_store::{now_millis, sessions};
use utoipa::{OpenApi, ToSchema};

use crate::auth::{self, CurrentUser};
use crate::error::{AppError, Problem};
use crate::routes::cases::{
    PAGE_SIZE, create_case, load_case, parse_case_id, update_case, visible_cases,
};
use crate::routes::persons::{
    create_person, parse_person_id, update_person, view_person, visible_persons,
};
use crate::state::AppState;
use crate::web::ApiJson;

/// The API routes.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/openapi.json", get(openapi_document))
        .route("/api/tokens", post(create_token))
        .route("/api/me", get(me))
        .route("/api/cases", get(list_cases).post(post_case))
        .route("/api/cases/{id}", get(get_case).put(put_case))
        .route("/api/persons", get(list_persons).post(post_person))
        .route("/api/persons/{id}", get(get_person).put(put_person))
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Spean API", description = "Cases and persons of a Spean node. Authenticate with `POST /api/tokens`, then send `Authorization: Bearer <token>`. Errors are RFC 9457 problem documents."),
    paths(create_token, me, list_cases, post_case, get_case, put_case, list_persons, post_person, get_person, put_person),
    components(schemas(TokenRequest, TokenResponse, MeResponse, MembershipOut, CaseOut, CaseBody, CaseListResponse, CaseSummaryOut, PersonOut, PersonBody, PersonListResponse, PersonSummaryOut, IdentifierOut, Problem)),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The OpenAPI 3 document of this API.
pub fn openapi() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

async fn openapi_document() -> Json<utoipa::openapi::OpenApi> {
    Json(openapi())
}

/// Credentials for a new API token.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TokenRequest {
    /// Username.
    pub username: String,
    /// Password.
    pub password: String,
    /// Current TOTP code; required when the account has a second factor.
    pub totp_code: Option<String>,
}

/// A new API token.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenResponse {
    /// Send as `Authorization: Bearer <token>`.
    pub token: String,
    /// Expiry, Unix milliseconds.
    pub expires_at: i64,
}

#[utoipa::path(post, path = "/api/tokens", request_body = TokenRequest,
    responses((status = 201, body = TokenResponse), (status = 401, body = Problem), (status = 429, body = Problem)))]
async fn create_token(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<TokenRequest>,
) -> Result<Response, AppError> {
    let now = now_millis();
    let username = auth::throttle_key(&body.username);
    let user = match auth::check_password(&state, &username, &body.password).await? {
        auth::PasswordCheck::Throttled => {
            auth::record_refusal(
                &state,
                &username,
                "login.throttled",
                "{\"via\":\"api\"}",
                false,
            )
            .await?;
            return Err(AppError::TooManyAttempts);
        }
        auth::PasswordCheck::Refused => None,
        auth::PasswordCheck::Accepted(user) => Some(user),
    };
    let user = user.filter(|u| match &u.totp_secret {
        Some(secret) => body
            .totp_code
            .as_deref()
            .is_some_and(|code| auth::check_totp(secret, &u.username, code)),
        // Administrators must have a second factor before they may use the API.
        None => !u.is_administrator(),
    });
    let Some(user) = user else {
        auth::record_refusal(&state, &username, "login.failed", "{\"via\":\"api\"}", true).await?;
        return Err(AppError::Unauthenticated);
    };
    let mut tx = state.store.begin().await?;
    let token = auth::random_token();
    let expires_at = now + auth::API_TOKEN_MS;
    sessions::insert_api_token(&mut tx, &token, user.id, now, expires_at).await?;
    sessions::clear_login_failures(&mut tx, &username).await?;
    let actor = AuditActor {
        user_id: Some(user.id.to_string()),
        username: Some(user.username.clone()),
    };
    let event = AuditEvent {
        action: "login.success",
        entity_type: Some("user"),
        entity_id: Some(user.id.to_string()),
        detail: "{\"via\":\"api\"}".into(),
    };
    audit::append(&mut tx, &actor, event).await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(TokenResponse { token, expires_at }),
    )
        .into_response())
}

/// A role held in an agency.
#[derive(Debug, Serialize, ToSchema)]
pub struct MembershipOut {
    /// Agency id.
    pub agency: String,
    /// Role code (`investigator`).
    pub role: String,
}

/// The calling user.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeResponse {
    /// User id.
    pub id: String,
    /// Username.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Roles per agency.
    pub memberships: Vec<MembershipOut>,
}

#[utoipa::path(get, path = "/api/me", security(("bearer" = [])), responses((status = 200, body = MeResponse), (status = 401, body = Problem)))]
async fn me(user: CurrentUser) -> Json<MeResponse> {
    Json(MeResponse {
        id: user.record.id.to_string(),
        username: user.record.username.clone(),
        display_name: user.record.display_name.clone(),
        memberships: user
            .record
            .memberships
            .iter()
            .map(|m| MembershipOut {
                agency: m.agency.to_string(),
                role: m.role.code().to_owned(),
            })
            .collect(),
    })
}

/// A case.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseOut {
    /// Case id.
    pub id: String,
    /// Human reference (`DSI-2026-000001`).
    pub reference: String,
    /// Owning agency id.
    pub owning_agency: String,
    /// Title.
    pub title: String,
    /// HTCDS type of exploitation (`ForcedLabour`, ...; `ForcedCriminality` is a Spean extension).
    pub exploitation_type: String,
    /// Stage: `intake`, `investigation`, `prosecution`, `trial`, `closed`.
    pub stage: String,
    /// Summary.
    pub summary: Option<String>,
    /// Agencies the case is shared with.
    pub shared_with: Vec<String>,
}

impl From<Case> for CaseOut {
    fn from(case: Case) -> Self {
        Self {
            id: case.id.to_string(),
            reference: case.reference,
            owning_agency: case.owning_agency.to_string(),
            title: case.details.title,
            exploitation_type: case.details.exploitation_type.code().to_owned(),
            stage: case.details.stage.code().to_owned(),
            summary: case.details.summary,
            shared_with: case.shared_with.iter().map(ToString::to_string).collect(),
        }
    }
}

/// A case to create or the new fields of one.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CaseBody {
    /// Owning agency id; may be left out when the caller can create cases in one agency only. Ignored on update.
    pub agency: Option<String>,
    /// Title.
    pub title: String,
    /// HTCDS type of exploitation.
    pub exploitation_type: String,
    /// Stage; `intake` when left out.
    pub stage: Option<String>,
    /// Summary.
    pub summary: Option<String>,
}

impl CaseBody {
    fn input(&self) -> CaseInput<'_> {
        CaseInput {
            title: &self.title,
            exploitation_type: &self.exploitation_type,
            stage: self.stage.as_deref(),
            summary: self.summary.as_deref(),
        }
    }
}

/// A case in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseSummaryOut {
    /// Case id.
    pub id: String,
    /// Reference.
    pub reference: String,
    /// Title.
    pub title: String,
    /// Type of exploitation.
    pub exploitation_type: String,
    /// Stage.
    pub stage: String,
    /// Code of the owning agency.
    pub agency_code: String,
    /// Created, Unix milliseconds.
    pub created_at: i64,
}

impl From<CaseSummary> for CaseSummaryOut {
    fn from(c: CaseSummary) -> Self {
        Self {
            id: c.id.to_string(),
            reference: c.reference,
            title: c.title,
            exploitation_type: c.exploitation_type.code().to_owned(),
            stage: c.stage.code().to_owned(),
            agency_code: c.agency_code,
            created_at: c.created_at,
        }
    }
}

/// A page of cases.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseListResponse {
    /// The cases, newest first.
    pub items: Vec<CaseSummaryOut>,
    /// Pass as `after` for the next page; absent on the last page.
    pub next: Option<String>,
}

/// Query of the case list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct CaseListQuery {
    /// Only this stage.
    pub stage: Option<String>,
    /// Title or reference containing this text.
    pub q: Option<String>,
    /// Cursor from a previous page's `next`.
    pub after: Option<String>,
    /// Page size, 1 to 200 (default 50).
    pub limit: Option<i64>,
}

#[utoipa::path(get, path = "/api/cases", params(CaseListQuery), security(("bearer" = [])),
    responses((status = 200, body = CaseListResponse), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem)))]
async fn list_cases(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<CaseListQuery>,
) -> Result<Json<CaseListResponse>, AppError> {
    let stage = query
        .stage
        .as_deref()
        .map(|s| CaseStage::parse(s).ok_or(AppError::BadRequest("unknown_stage")))
        .transpose()?;
    let after = query
        .after
        .as_deref()
        .map(|a| CaseCursor::decode(a).ok_or(AppError::BadRequest("bad_cursor")))
        .transpose()?;
    let limit = query.limit.unwrap_or(PAGE_SIZE);
    if !(1..=200).contains(&limit) {
        return Err(AppError::BadRequest("bad_limit"));
    }
    let filter = CaseFilter {
        stage,
        text: query.q.filter(|q| !q.trim().is_empty()),
        after,
    };
    let cases = visible_cases(&state, &user, &filter, limit).await?;
    let next = (cases.len() as i64 == limit)
        .then(|| {
            cases.last().map(|c| {
                CaseCursor {
                    created_at: c.created_at,
                    id: c.id,
                }
                .encode()
            })
        })
        .flatten();
    Ok(Json(CaseListResponse {
        items: cases.into_iter().map(Into::into).collect(),
        next,
    }))
}

#[utoipa::path(post, path = "/api/cases", request_body = CaseBody, security(("bearer" = [])),
    responses((status = 201, body = CaseOut), (status = 400, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn post_case(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(body): ApiJson<CaseBody>,
) -> Result<Response, AppError> {
    let agency = crate::access::target_agency(&user, body.agency.as_deref(), Action::CreateCase)?;
    let case = create_case(&state, &user, agency, &body.input()).await?;
    Ok((StatusCode::CREATED, Json(CaseOut::from(case))).into_response())
}

#[utoipa::path(get, path = "/api/cases/{id}", params(("id" = String, Path, description = "Case id")), security(("bearer" = [])),
    responses((status = 200, body = CaseOut), (status = 404, body = Problem)))]
async fn get_case(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<CaseOut>, AppError> {
    Ok(Json(
        load_case(&state, &user, parse_case_id(&id)?, Action::ViewCase)
            .await?
            .into(),
    ))
}

#[utoipa::path(put, path = "/api/cases/{id}", params(("id" = String, Path, description = "Case id")), request_body = CaseBody, security(("bearer" = [])),
    responses((status = 200, body = CaseOut), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn put_case(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<CaseBody>,
) -> Result<Json<CaseOut>, AppError> {
    Ok(Json(
        update_case(&state, &user, parse_case_id(&id)?, &body.input())
            .await?
            .into(),
    ))
}

/// An identifier of a person.
#[derive(Debug, Serialize, ToSchema)]
pub struct IdentifierOut {
    /// Kind (`phone`, `passport`, ...).
    pub kind: String,
    /// Value (phones in E.164).
    pub value: String,
}

/// A person.
#[derive(Debug, Serialize, ToSchema)]
pub struct PersonOut {
    /// Person id.
    pub id: String,
    /// Owning agency id.
    pub owning_agency: String,
    /// Full name in any script.
    pub full_name: String,
    /// Latin-letter name.
    pub latin_name: Option<String>,
    /// HTCDS gender.
    pub gender: Option<String>,
    /// Birth date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub birth_date: Option<String>,
    /// Nationality (ISO 3166-1 alpha-2).
    pub nationality: Option<String>,
    /// Notes.
    pub notes: Option<String>,
    /// Whether a victim in any case.
    pub is_victim: bool,
    /// Identifiers.
    pub identifiers: Vec<IdentifierOut>,
}

fn person_out(person: Person, is_victim: bool) -> PersonOut {
    PersonOut {
        id: person.id.to_string(),
        owning_agency: person.owning_agency.to_string(),
        full_name: person.details.full_name,
        latin_name: person.details.latin_name,
        gender: person.details.gender.map(|g| g.code().to_owned()),
        birth_date: person.details.birth_date.map(|d| d.to_string()),
        nationality: person.details.nationality,
        notes: person.details.notes,
        is_victim,
        identifiers: person
            .identifiers
            .into_iter()
            .map(|i| IdentifierOut {
                kind: i.kind.code().to_owned(),
                value: i.value,
            })
            .collect(),
    }
}

/// A person to create, or the new fields of one.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PersonBody {
    /// Owning agency id; may be left out when the caller can record persons in one agency only. Ignored on update.
    pub agency: Option<String>,
    /// Full name in any script.
    pub full_name: String,
    /// Latin-letter name.
    pub latin_name: Option<String>,
    /// HTCDS gender.
    pub gender: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub birth_date: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub nationality: Option<String>,
    /// Notes.
    pub notes: Option<String>,
}

impl PersonBody {
    fn input(&self) -> PersonInput<'_> {
        PersonInput {
            full_name: &self.full_name,
            latin_name: self.latin_name.as_deref(),
            gender: self.gender.as_deref(),
            birth_date: self.birth_date.as_deref(),
            nationality: self.nationality.as_deref(),
            notes: self.notes.as_deref(),
        }
    }
}

/// A person in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct PersonSummaryOut {
    /// Person id.
    pub id: String,
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

impl From<PersonSummary> for PersonSummaryOut {
    fn from(p: PersonSummary) -> Self {
        Self {
            id: p.id.to_string(),
            full_name: p.full_name,
            latin_name: p.latin_name,
            birth_date: p.birth_date,
            nationality: p.nationality,
            is_victim: p.is_victim,
        }
    }
}

/// Persons, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct PersonListResponse {
    /// The persons.
    pub items: Vec<PersonSummaryOut>,
}

/// Query of the person list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct PersonListQuery {
    /// Name containing this text.
    pub q: Option<String>,
}

#[utoipa::path(get, path = "/api/persons", params(PersonListQuery), security(("bearer" = [])),
    responses((status = 200, body = PersonListResponse), (status = 403, body = Problem)))]
async fn list_persons(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<PersonListQuery>,
) -> Result<Json<PersonListResponse>, AppError> {
    let persons = visible_persons(
        &state,
        &user,
        query.q.as_deref().filter(|q| !q.trim().is_empty()),
        200,
    )
    .await?;
    Ok(Json(PersonListResponse {
        items: persons.into_iter().map(Into::into).collect(),
    }))
}

#[utoipa::path(post, path = "/api/persons", request_body = PersonBody, security(("bearer" = [])),
    responses((status = 201, body = PersonOut), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn post_person(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(body): ApiJson<PersonBody>,
) -> Result<Response, AppError> {
    let agency = crate::access::target_agency(&user, body.agency.as_deref(), Action::CreatePerson)?;
    let person = create_person(&state, &user, agency, &body.input()).await?;
    Ok((StatusCode::CREATED, Json(person_out(person, false))).into_response())
}

#[utoipa::path(get, path = "/api/persons/{id}", params(("id" = String, Path, description = "Person id")), security(("bearer" = [])),
    responses((status = 200, body = PersonOut), (status = 404, body = Problem)))]
async fn get_person(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<PersonOut>, AppError> {
    let (person, is_victim) = view_person(&state, &user, parse_person_id(&id)?).await?;
    Ok(Json(person_out(person, is_victim)))
}

#[utoipa::path(put, path = "/api/persons/{id}", params(("id" = String, Path, description = "Person id")), request_body = PersonBody, security(("bearer" = [])),
    responses((status = 200, body = PersonOut), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn put_person(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<PersonBody>,
) -> Result<Json<PersonOut>, AppError> {
    let (person, is_victim) =
        update_person(&state, &user, parse_person_id(&id)?, &body.input()).await?;
    Ok(Json(person_out(person, is_victim)))
}
