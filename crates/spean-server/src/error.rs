//! The server's one error type, and the middleware that renders every error page:
//! an RFC 9457 problem document under `/api`, a translated HTML page elsewhere.
//!
//! Handlers return [`AppError`]; its response carries an [`ErrorReport`] extension
//! and no body. [`render_errors`] then writes the body in the caller's language.
//! Errors raised by axum itself (unknown route, oversize body, bad JSON) carry no
//! report and are rendered from their status the same way, so no plain-text error
//! ever reaches a user.

use axum::Json;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use spean_core::FieldError;

use crate::state::AppState;
use crate::web::request_lang;

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// One or more fields were refused.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// The request is malformed (bad JSON, bad query); the code says how.
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    /// No valid session or token.
    #[error("not authenticated")]
    Unauthenticated,
    /// The password was given, the second factor not yet.
    #[error("second factor required")]
    SecondFactorRequired,
    /// Authenticated, but the policy refuses.
    #[error("forbidden")]
    Forbidden,
    /// No such record, or one the caller may not know exists.
    #[error("not found")]
    NotFound,
    /// The form's CSRF token is missing or wrong.
    #[error("CSRF token missing or wrong")]
    Csrf,
    /// Too many failed logins; wait.
    #[error("too many attempts")]
    TooManyAttempts,
    /// The request body is larger than allowed.
    #[error("payload too large")]
    TooLarge,
    /// A unique value is taken.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// Anything unexpected; the cause is logged, never shown.
    #[error("internal error")]
    Internal(#[from] anyhow::Error),
}

impl From<spean_store::StoreError> for AppError {
    #[track_caller]
    fn from(error: spean_store::StoreError) -> Self {
        match error {
            spean_store::StoreError::Duplicate(field) => AppError::Conflict(field),
            other => AppError::Internal(anyhow::Error::new(other)),
        }
    }
}

/// What went wrong, in a form the renderer can translate.
#[derive(Debug, Clone)]
pub struct ErrorReport {
    /// Stable snake_case code (`not_found`, `invalid_input`).
    pub code: &'static str,
    /// Field errors, when input was refused.
    pub fields: Vec<FieldError>,
}

impl AppError {
    fn status(&self) -> StatusCode {
        match self {
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unauthenticated | AppError::SecondFactorRequired => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::TooManyAttempts => StatusCode::TOO_MANY_REQUESTS,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            AppError::Invalid(_) => "invalid_input",
            AppError::BadRequest(code) => code,
            AppError::Unauthenticated => "unauthenticated",
            AppError::SecondFactorRequired => "second_factor_required",
            AppError::Forbidden => "forbidden",
            AppError::NotFound => "not_found",
            AppError::Csrf => "csrf_failed",
            AppError::TooManyAttempts => "too_many_attempts",
            AppError::Conflict(_) => "conflict",
            AppError::TooLarge => "payload_too_large",
            AppError::Internal(_) => "internal",
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match &self {
            AppError::Internal(cause) => tracing::error!(error = ?cause, "internal error"),
            other => tracing::debug!(code = other.code(), "request refused"),
        }
        let mut response = self.status().into_response();
        let code = self.code();
        let fields = match self {
            AppError::Invalid(fields) => fields,
            _ => Vec::new(),
        };
        response
            .extensions_mut()
            .insert(ErrorReport { code, fields });
        response
    }
}

fn code_for_status(status: StatusCode) -> &'static str {
    match status {
        StatusCode::BAD_REQUEST => "bad_request",
        StatusCode::UNAUTHORIZED => "unauthenticated",
        StatusCode::FORBIDDEN => "forbidden",
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::CONFLICT => "conflict",
        StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        StatusCode::UNPROCESSABLE_ENTITY => "invalid_input",
        StatusCode::TOO_MANY_REQUESTS => "too_many_attempts",
        _ => "internal",
    }
}

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// A URI naming the problem type (`urn:spean:problem:not_found`).
    #[serde(rename = "type")]
    pub problem_type: String,
    /// A short, translated summary.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// The stable code.
    pub code: String,
    /// Field errors, when input was refused.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemField>,
}

/// One refused field of a problem document.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ProblemField {
    /// The field name.
    pub field: String,
    /// The stable code (`too_short`).
    pub code: String,
    /// The translated message.
    pub message: String,
}

/// Renders error responses (see the module docs).
pub async fn render_errors(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let lang = request_lang(&request);
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    let status = response.status();
    let report = response.extensions().get::<ErrorReport>().cloned();
    let already_rendered = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| {
            ct.starts_with("text/html") || ct.starts_with("application/problem+json")
        });
    if !(status.is_client_error() || status.is_server_error())
        || (report.is_none() && already_rendered)
    {
        return response;
    }
    let report = report.unwrap_or_else(|| ErrorReport {
        code: code_for_status(status),
        fields: Vec::new(),
    });
    if !is_api && status == StatusCode::UNAUTHORIZED {
        let target = if report.code == "second_factor_required" {
            "/login/totp".to_owned()
        } else {
            format!("/login?next={}", urlencoding::encode(&path))
        };
        return axum::response::Redirect::to(&target).into_response();
    }
    let t = state.translator(lang);
    let title = t.get(&format!("error-{}", report.code.replace('_', "-")));
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    if is_api {
        let problem = Problem {
            problem_type: format!("urn:spean:problem:{}", report.code),
            title,
            status: status.as_u16(),
            code: report.code.to_owned(),
            errors: report
                .fields
                .iter()
                .map(|f| ProblemField {
                    field: f.field.to_owned(),
                    code: f.code.as_str().to_owned(),
                    message: t.get(&format!("error-{}", f.code.as_str().replace('_', "-"))),
                })
                .collect(),
        };
        let mut response = Json(problem).into_response();
        *response.status_mut() = status;
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        response
    } else {
        let page = crate::templates::ErrorPage {
            t: t.clone(),
            title,
            status: status.as_u16(),
            fields: report
                .fields
                .iter()
                .map(|f| {
                    (
                        t.get(&format!("field-{}", f.field.replace('_', "-"))),
                        t.get(&format!("error-{}", f.code.as_str().replace('_', "-"))),
                    )
                })
                .collect(),
        };
        let body = crate::templates::render(&page).unwrap_or_default();
        let mut response = Response::from_parts(parts, Body::from(body));
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        response
    }
}
