//! Request plumbing shared by the HTML pages: the language of a request, the page
//! context extractor, form and JSON extractors whose rejections become translated
//! errors, and the layout every page gets.

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use serde::de::DeserializeOwned;

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::i18n::{Lang, Translator};
use crate::state::AppState;
use crate::templates::{Layout, NavUser};

/// The cookie remembering the chosen language.
pub const LANG_COOKIE: &str = "spean_lang";

fn query_lang(query: Option<&str>) -> Option<&str> {
    query?
        .split('&')
        .find_map(|pair| pair.strip_prefix("lang="))
}

fn cookie_value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| pair.trim().strip_prefix(name)?.strip_prefix('='))
}

/// The language of a request: `?lang=`, then the language cookie, then
/// `Accept-Language`, then English.
pub fn lang_of(uri_query: Option<&str>, headers: &HeaderMap) -> Lang {
    query_lang(uri_query)
        .and_then(Lang::parse)
        .or_else(|| cookie_value(headers, LANG_COOKIE).and_then(Lang::parse))
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or(Lang::En)
}

/// The language of a whole request (for middleware).
pub fn request_lang(request: &Request) -> Lang {
    lang_of(request.uri().query(), request.headers())
}

/// Middleware: a valid `?lang=` is remembered in a cookie for the next pages.
pub async fn remember_lang(request: Request, next: Next) -> Response {
    let chosen = query_lang(request.uri().query()).and_then(Lang::parse);
    let mut response = next.run(request).await;
    if let Some(lang) = chosen {
        let cookie = format!(
            "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Strict",
            lang.code()
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// The page context: the request's language and a notice when an unknown language
/// was asked for.
#[derive(Debug, Clone)]
pub struct Page {
    /// Messages in the request's language.
    pub t: Translator,
    /// A notice to show at the top of the page.
    pub notice: Option<String>,
}

impl FromRequestParts<AppState> for Page {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let lang = lang_of(parts.uri.query(), &parts.headers);
        let t = state.translator(lang);
        let asked = query_lang(parts.uri.query());
        let notice = match asked {
            Some(code) if Lang::parse(code).is_none() => Some(t.get("notice-unknown-language")),
            _ => parts
                .uri
                .query()
                .and_then(|q| q.split('&').find(|p| p.starts_with("saved=")))
                .map(|_| t.get("notice-saved")),
        };
        Ok(Page { t, notice })
    }
}

impl Page {
    /// The layout for a page seen by `user` (or nobody, before login).
    pub fn layout(&self, state: &AppState, user: Option<&CurrentUser>) -> Layout {
        Layout {
            t: self.t.clone(),
            user: user.map(|u| NavUser {
                display_name: u.record.display_name.clone(),
                can_cases: u.can_any(spean_core::policy::Action::ViewCase),
                can_persons: u.can_any(spean_core::policy::Action::ViewPerson),
                can_admin: u.can_any(spean_core::policy::Action::ManageUsers),
                can_audit: u.can_any(spean_core::policy::Action::ViewAudit),
            }),
            csrf: user.map(|u| u.csrf.clone()).unwrap_or_default(),
            node_name: state.config.node_name.clone(),
            langs: Lang::ALL,
            notice: self.notice.clone(),
        }
    }

    /// Translated (field label, message) pairs for a list of field errors.
    pub fn field_errors(&self, errors: &[spean_core::FieldError]) -> Vec<(String, String)> {
        errors
            .iter()
            .map(|e| {
                (
                    self.t.get(&format!("field-{}", e.field.replace('_', "-"))),
                    self.t
                        .get(&format!("error-{}", e.code.as_str().replace('_', "-"))),
                )
            })
            .collect()
    }
}

/// A URL-encoded form whose rejection is a translated `400`.
#[derive(Debug)]
pub struct HtmlForm<T>(pub T);

impl<T: DeserializeOwned + Send> FromRequest<AppState> for HtmlForm<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        match axum::Form::<T>::from_request(request, state).await {
            Ok(axum::Form(value)) => Ok(HtmlForm(value)),
            Err(rejection) if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
                Err(AppError::TooLarge)
            }
            Err(_) => Err(AppError::BadRequest("malformed_form")),
        }
    }
}

/// A JSON body whose rejection is a problem document.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned + Send> FromRequest<AppState> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        use axum::extract::rejection::JsonRejection;
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
                Err(AppError::TooLarge)
            }
            Err(JsonRejection::MissingJsonContentType(_)) => {
                Err(AppError::BadRequest("unsupported_media_type"))
            }
            Err(_) => Err(AppError::BadRequest("malformed_json")),
        }
    }
}
