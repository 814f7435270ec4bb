//! Signing in and out: the login form, the TOTP step (and its enrolment, required
//! for administrators), the account page and password change.

use axum::Router;
use axum::extract::State;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use spean_core::user::check_new_password;
use spean_store::audit::{self, AuditActor, AuditEvent};
use spean_store::{now_millis, sessions, users};

use crate::auth::{self, CurrentUser, LOGIN_CSRF_COOKIE, PendingUser, SESSION_COOKIE};
use crate::error::AppError;
use crate::state::AppState;
use crate::templates::{AccountPage, LoginPage, TotpPage, render};
use crate::web::{HtmlForm, Page};

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/login", get(show_login).post(login))
        .route(
            "/login/totp",
            get(show_second_factor).post(give_second_factor),
        )
        .route("/login/totp/setup", post(enrol_second_factor_at_login))
        .route("/logout", post(logout))
        .route("/account", get(show_account))
        .route("/account/password", post(change_password))
        .route(
            "/account/totp",
            get(show_totp_enrolment).post(enrol_second_factor),
        )
}

/// A redirect target from the login form, kept on this site.
fn safe_next(next: &str) -> &str {
    if next.starts_with('/') && !next.starts_with("//") && !next.starts_with("/\\") {
        next
    } else {
        "/"
    }
}

fn with_cookie(mut response: Response, cookie: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

#[derive(Debug, Deserialize)]
struct LoginQuery {
    #[serde(default)]
    next: String,
}

async fn show_login(
    State(state): State<AppState>,
    page: Page,
    axum::extract::Query(query): axum::extract::Query<LoginQuery>,
) -> Result<Response, AppError> {
    login_page(
        &state,
        &page,
        None,
        String::new(),
        query.next,
        StatusCode::OK,
    )
}

fn login_page(
    state: &AppState,
    page: &Page,
    error: Option<String>,
    username: String,
    next: String,
    status: StatusCode,
) -> Result<Response, AppError> {
    // Double-submit CSRF token: before login there is no session to hold one.
    let token = auth::random_token();
    let mut layout = page.layout(state, None);
    layout.csrf = token.clone();
    let html = render(&LoginPage {
        l: layout,
        error,
        username,
        next,
    })?;
    let response = (status, Html(html)).into_response();
    Ok(with_cookie(
        response,
        &auth::set_cookie(state, LOGIN_CSRF_COOKIE, &token, 3600),
    ))
}

#[derive(Debug, Deserialize)]
struct LoginForm {
    #[serde(default)]
    csrf: String,
    username: String,
    password: String,
    #[serde(default)]
    next: String,
}

fn cookie_from_headers(headers: &HeaderMap, name: &str) -> Option<String> {
    let (mut parts, ()) = axum::http::Request::new(()).into_parts();
    parts.headers = headers.clone();
    auth::cookie(&parts as &Parts, name)
}

async fn login(
    State(state): State<AppState>,
    page: Page,
    headers: HeaderMap,
    HtmlForm(form): HtmlForm<LoginForm>,
) -> Result<Response, AppError> {
    let expected = cookie_from_headers(&headers, LOGIN_CSRF_COOKIE).unwrap_or_default();
    if expected.is_empty() || !auth::same_secret(&expected, &form.csrf) {
        return Err(AppError::Csrf);
    }
    let now = now_millis();
    let username = auth::throttle_key(&form.username);
    let user = match auth::check_password(&state, &username, &form.password).await? {
        auth::PasswordCheck::Accepted(user) => user,
        auth::PasswordCheck::Throttled => {
            auth::record_refusal(&state, &username, "login.throttled", "", false).await?;
            let message = page.t.get("login-throttled");
            return login_page(
                &state,
                &page,
                Some(message),
                form.username,
                form.next,
                StatusCode::TOO_MANY_REQUESTS,
            );
        }
        auth::PasswordCheck::Refused => {
            auth::record_refusal(&state, &username, "login.failed", "", true).await?;
            let message = page.t.get("login-failed");
            return login_page(
                &state,
                &page,
                Some(message),
                form.username,
                form.next,
                StatusCode::UNAUTHORIZED,
            );
        }
    };
    let needs_second_factor = user.totp_secret.is_some() || user.is_administrator();
    let token = auth::random_token();
    let session = sessions::SessionRecord {
        user_id: user.id,
        csrf_token: auth::random_token(),
        second_factor_done: !needs_second_factor,
        expires_at: now + state.config.session_minutes * 60_000,
    };
    let mut tx = state.store.begin().await?;
    sessions::insert_session(&mut tx, &token, &session, now).await?;
    sessions::clear_login_failures(&mut tx, &username).await?;
    let actor = AuditActor {
        user_id: Some(user.id.to_string()),
        username: Some(user.username.clone()),
    };
    let event = AuditEvent {
        action: "login.password",
        entity_type: Some("user"),
        entity_id: Some(user.id.to_string()),
        detail: format!("{{\"second_factor_due\":{needs_second_factor}}}"),
    };
    audit::append(&mut tx, &actor, event).await?;
    tx.commit().await?;
    let target = if needs_second_factor {
        "/login/totp".to_owned()
    } else {
        safe_next(&form.next).to_owned()
    };
    let response = Redirect::to(&target).into_response();
    let response = with_cookie(
        response,
        &auth::set_cookie(
            &state,
            SESSION_COOKIE,
            &token,
            state.config.session_minutes * 60,
        ),
    );
    Ok(with_cookie(
        response,
        &auth::set_cookie(&state, LOGIN_CSRF_COOKIE, "", 0),
    ))
}

fn totp_page(
    state: &AppState,
    page: &Page,
    user: &PendingUser,
    error: Option<String>,
) -> Result<Response, AppError> {
    let mut layout = page.layout(state, None);
    layout.csrf = user.csrf.clone();
    let (action, setup_secret, setup_uri) = match &user.record.totp_secret {
        Some(_) => ("/login/totp", None, String::new()),
        None => {
            let secret = auth::new_totp_secret();
            let uri = auth::totp(&secret, &user.record.username)
                .map(|t| t.get_url())
                .unwrap_or_default();
            ("/login/totp/setup", Some(secret), uri)
        }
    };
    let status = if error.is_some() {
        StatusCode::UNAUTHORIZED
    } else {
        StatusCode::OK
    };
    let html = render(&TotpPage {
        l: layout,
        error,
        action,
        setup_secret,
        setup_uri,
    })?;
    Ok((status, Html(html)).into_response())
}

async fn show_second_factor(
    State(state): State<AppState>,
    page: Page,
    user: PendingUser,
) -> Result<Response, AppError> {
    if user.second_factor_done {
        return Ok(Redirect::to("/").into_response());
    }
    totp_page(&state, &page, &user, None)
}

#[derive(Debug, Deserialize)]
struct CodeForm {
    #[serde(default)]
    csrf: String,
    code: String,
    #[serde(default)]
    secret: String,
}

async fn finish_second_factor(
    state: &AppState,
    page: &Page,
    user: &PendingUser,
    secret: &str,
    code: &str,
    enrol: bool,
) -> Result<Response, AppError> {
    let actor = AuditActor {
        user_id: Some(user.record.id.to_string()),
        username: Some(user.record.username.clone()),
    };
    let mut tx = state.store.begin().await?;
    if !auth::check_totp(secret, &user.record.username, code) {
        sessions::record_login_failure(&mut tx, &user.record.username, now_millis()).await?;
        let event = AuditEvent {
            action: "login.failed_second_factor",
            entity_type: Some("user"),
            entity_id: Some(user.record.id.to_string()),
            detail: String::new(),
        };
        audit::append(&mut tx, &actor, event).await?;
        tx.commit().await?;
        return totp_page(state, page, user, Some(page.t.get("totp-wrong")));
    }
    if enrol {
        users::set_totp_secret(&mut tx, user.record.id, Some(secret)).await?;
        let event = AuditEvent {
            action: "user.totp_enrol",
            entity_type: Some("user"),
            entity_id: Some(user.record.id.to_string()),
            detail: String::new(),
        };
        audit::append(&mut tx, &actor, event).await?;
    }
    sessions::complete_second_factor(&mut tx, &user.session_token).await?;
    let event = AuditEvent {
        action: "login.success",
        entity_type: Some("user"),
        entity_id: Some(user.record.id.to_string()),
        detail: String::new(),
    };
    audit::append(&mut tx, &actor, event).await?;
    tx.commit().await?;
    Ok(Redirect::to("/").into_response())
}

async fn give_second_factor(
    State(state): State<AppState>,
    page: Page,
    user: PendingUser,
    HtmlForm(form): HtmlForm<CodeForm>,
) -> Result<Response, AppError> {
    if !auth::same_secret(&user.csrf, &form.csrf) {
        return Err(AppError::Csrf);
    }
    let Some(secret) = user.record.totp_secret.clone() else {
        return Err(AppError::BadRequest("no_second_factor"));
    };
    finish_second_factor(&state, &page, &user, &secret, &form.code, false).await
}

async fn enrol_second_factor_at_login(
    State(state): State<AppState>,
    page: Page,
    user: PendingUser,
    HtmlForm(form): HtmlForm<CodeForm>,
) -> Result<Response, AppError> {
    if !auth::same_secret(&user.csrf, &form.csrf) {
        return Err(AppError::Csrf);
    }
    if user.record.totp_secret.is_some() || form.secret.len() < 16 {
        return Err(AppError::BadRequest("no_second_factor"));
    }
    finish_second_factor(&state, &page, &user, &form.secret, &form.code, true).await
}

#[derive(Debug, Deserialize)]
struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

async fn logout(
    State(state): State<AppState>,
    user: CurrentUser,
    HtmlForm(form): HtmlForm<CsrfForm>,
) -> Result<Response, AppError> {
    user.check_csrf(&form.csrf)?;
    let mut tx = state.store.begin().await?;
    if let Some(token) = &user.session_token {
        sessions::delete_session(&mut tx, token).await?;
    }
    let event = AuditEvent {
        action: "logout",
        entity_type: Some("user"),
        entity_id: Some(user.record.id.to_string()),
        detail: String::new(),
    };
    audit::append(&mut tx, &user.audit_actor(), event).await?;
    tx.commit().await?;
    Ok(with_cookie(
        Redirect::to("/login").into_response(),
        &auth::set_cookie(&state, SESSION_COOKIE, "", 0),
    ))
}

fn account_page(
    state: &AppState,
    page: &Page,
    user: &CurrentUser,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let roles = user
        .record
        .memberships
        .iter()
        .map(|m| page.t.code("role", m.role.code()))
        .collect();
    let html = render(&AccountPage {
        l: page.layout(state, Some(user)),
        username: user.record.username.clone(),
        roles,
        totp_enabled: user.record.totp_secret.is_some(),
        error,
    })?;
    Ok((status, Html(html)).into_response())
}

async fn show_account(
    State(state): State<AppState>,
    page: Page,
    user: CurrentUser,
) -> Result<Response, AppError> {
    account_page(&state, &page, &user, None, StatusCode::OK)
}

#[derive(Debug, Deserialize)]
struct PasswordForm {
    #[serde(default)]
    csrf: String,
    current: String,
    new_password: String,
}

async fn change_password(
    State(state): State<AppState>,
    page: Page,
    user: CurrentUser,
    HtmlForm(form): HtmlForm<PasswordForm>,
) -> Result<Response, AppError> {
    user.check_csrf(&form.csrf)?;
    let hash = user.record.password_hash.clone();
    let current = form.current.clone();
    let matches = tokio::task::spawn_blocking(move || auth::verify_password(&current, &hash))
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    if !matches {
        return account_page(
            &state,
            &page,
            &user,
            Some(page.t.get("account-password-wrong")),
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    if let Err(error) = check_new_password(&form.new_password) {
        let message = page
            .t
            .get(&format!("error-{}", error.code.as_str().replace('_', "-")));
        return account_page(
            &state,
            &page,
            &user,
            Some(message),
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    let new_hash = auth::hash_password(&form.new_password)?;
    let mut tx = state.store.begin().await?;
    users::set_password_hash(&mut tx, user.record.id, &new_hash).await?;
    let event = AuditEvent {
        action: "user.password_change",
        entity_type: Some("user"),
        entity_id: Some(user.record.id.to_string()),
        detail: String::new(),
    };
    audit::append(&mut tx, &user.audit_actor(), event).await?;
    tx.commit().await?;
    Ok(Redirect::to("/account?saved=1").into_response())
}

async fn show_totp_enrolment(
    State(state): State<AppState>,
    page: Page,
    user: CurrentUser,
) -> Result<Response, AppError> {
    if user.record.totp_secret.is_some() {
        return Ok(Redirect::to("/account").into_response());
    }
    let secret = auth::new_totp_secret();
    let setup_uri = auth::totp(&secret, &user.record.username)
        .map(|t| t.get_url())
        .unwrap_or_default();
    let html = render(&TotpPage {
        l: page.layout(&state, Some(&user)),
        error: None,
        action: "/account/totp",
        setup_secret: Some(secret),
        setup_uri,
    })?;
    Ok(Html(html).into_response())
}

async fn enrol_second_factor(
    State(state): State<AppState>,
    page: Page,
    user: CurrentUser,
    HtmlForm(form): HtmlForm<CodeForm>,
) -> Result<Response, AppError> {
    user.check_csrf(&form.csrf)?;
    if form.secret.len() < 16 || !auth::check_totp(&form.secret, &user.record.username, &form.code)
    {
        let html = render(&TotpPage {
            l: page.layout(&state, Some(&user)),
            error: Some(page.t.get("totp-wrong")),
            action: "/account/totp",
            setup_uri: auth::totp(&form.secret, &user.record.username)
                .map(|t| t.get_url())
                .unwrap_or_default(),
            setup_secret: Some(form.secret),
        })?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response());
    }
    let mut tx = state.store.begin().await?;
    users::set_totp_secret(&mut tx, user.record.id, Some(&form.secret)).await?;
    let event = AuditEvent {
        action: "user.totp_enrol",
        entity_type: Some("user"),
        entity_id: Some(user.record.id.to_string()),
        detail: String::new(),
    };
    audit::append(&mut tx, &user.audit_actor(), event).await?;
    tx.commit().await?;
    Ok(Redirect::to("/account?saved=1").into_response())
}
