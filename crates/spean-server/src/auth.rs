//! Authentication: argon2id passwords, session cookies and bearer tokens, CSRF
//! tokens, login throttling and TOTP second factors.
//!
//! Sessions and API tokens are random 256-bit secrets; the database keeps only their
//! SHA-256 (see `spean_store::sessions`). Cookies are `HttpOnly`, `SameSite=Strict`
//! and `Secure` whenever the node is not plain loopback HTTP.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use base64::Engine;
use rand::RngCore;
use spean_core::policy::{self, Action};
use spean_core::user::Actor;
use spean_store::users::UserRecord;
use spean_store::{now_millis, sessions, users};
use subtle::ConstantTimeEq;

use crate::error::AppError;
use crate::state::AppState;

/// The session cookie.
pub const SESSION_COOKIE: &str = "spean_session";
/// The cookie carrying the login form's CSRF token (double submit, before a session exists).
pub const LOGIN_CSRF_COOKIE: &str = "spean_login_csrf";
/// Failed logins allowed per username within [`THROTTLE_WINDOW_MS`].
pub const MAX_FAILED_LOGINS: i64 = 5;
/// The window of login throttling: fifteen minutes.
pub const THROTTLE_WINDOW_MS: i64 = 15 * 60 * 1000;
/// How long an API token lives: thirty days.
pub const API_TOKEN_MS: i64 = 30 * 24 * 60 * 60 * 1000;

/// Hashes a password with argon2id and a random salt (PHC string).
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))
}

/// Whether `password` matches the stored PHC `hash`.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A dummy hash to verify against when the username is unknown, so that the
/// answer takes as long as for a known user and does not reveal which exist.
pub fn dummy_hash() -> &'static str {
    "$argon2id$v=19$m=19456,t=2,p=1$c3BlYW5kdW1teXNhbHQ$V8TQOqVPeWgV6bkM/eE8CaiI6Ka2B2WJwHnWz2/1S8M"
}

/// A fresh random secret, URL-safe.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Compares two secrets in constant time.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// The value of cookie `name` in the request, if any.
pub fn cookie(parts: &Parts, name: &str) -> Option<String> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            pair.trim()
                .strip_prefix(name)?
                .strip_prefix('=')
                .map(str::to_owned)
        })
}

/// A `Set-Cookie` value with Spean's attributes.
pub fn set_cookie(state: &AppState, name: &str, value: &str, max_age_seconds: i64) -> String {
    let secure = if state.config.secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    format!("{name}={value}; Path=/; Max-Age={max_age_seconds}; HttpOnly; SameSite=Strict{secure}")
}

/// The TOTP generator for a base32 secret.
pub fn totp(secret_base32: &str, account: &str) -> Option<totp_rs::TOTP> {
    let bytes = totp_rs::Secret::Encoded(secret_base32.to_owned())
        .to_bytes()
        .ok()?;
    totp_rs::TOTP::new(
        totp_rs::Algorithm::SHA1,
        6,
        1,
        30,
        bytes,
        Some("Spean".to_owned()),
        account.to_owned(),
    )
    .ok()
}

/// Whether `code` is the current (or adjacent) TOTP code for the secret.
pub fn check_totp(secret_base32: &str, account: &str, code: &str) -> bool {
    totp(secret_base32, account).is_some_and(|t| t.check_current(code.trim()).unwrap_or(false))
}

/// A fresh base32 TOTP secret.
pub fn new_totp_secret() -> String {
    totp_rs::Secret::generate_secret().to_encoded().to_string()
}

/// What checking a username and password found.
#[derive(Debug)]
pub enum PasswordCheck {
    /// Too many recent failures for this username: refused without looking.
    Throttled,
    /// Unknown user, wrong password or disabled account (indistinguishable on purpose).
    Refused,
    /// The password is right and the account active.
    Accepted(Box<UserRecord>),
}

/// The key failed logins are counted under: the username as parsed, or as typed.
pub fn throttle_key(typed_username: &str) -> String {
    spean_core::user::Username::parse(typed_username)
        .map(|u| u.as_str().to_owned())
        .unwrap_or_else(|_| typed_username.trim().to_lowercase())
}

/// Checks a username and password for both the sign-in form and the API: throttling
/// first, then the password against the stored hash, or against a dummy hash for an
/// unknown user so that the answer takes as long and reveals nothing.
pub async fn check_password(
    state: &AppState,
    key: &str,
    password: &str,
) -> Result<PasswordCheck, AppError> {
    let now = now_millis();
    let mut conn = state.store.read().await?;
    if sessions::count_login_failures(&mut conn, key, now - THROTTLE_WINDOW_MS).await?
        >= MAX_FAILED_LOGINS
    {
        return Ok(PasswordCheck::Throttled);
    }
    let user = users::find_user_by_username(&mut conn, key).await?;
    drop(conn);
    let hash = user
        .as_ref()
        .map_or(dummy_hash(), |u| u.password_hash.as_str())
        .to_owned();
    let password = password.to_owned();
    let matches = tokio::task::spawn_blocking(move || verify_password(&password, &hash))
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(match user {
        Some(user) if matches && !user.disabled => PasswordCheck::Accepted(Box::new(user)),
        _ => PasswordCheck::Refused,
    })
}

/// Audits a refused sign-in (`login.failed`, `login.throttled`, ...) and, when
/// `counted`, records it for throttling, in one transaction.
pub async fn record_refusal(
    state: &AppState,
    key: &str,
    action: &str,
    detail: &str,
    counted: bool,
) -> Result<(), AppError> {
    let mut tx = state.store.begin().await?;
    if counted {
        sessions::record_login_failure(&mut tx, key, now_millis()).await?;
    }
    let event = spean_store::audit::AuditEvent {
        action,
        entity_type: Some("user"),
        entity_id: None,
        detail: detail.to_owned(),
    };
    let actor = spean_store::audit::AuditActor {
        user_id: None,
        username: Some(key.to_owned()),
    };
    spean_store::audit::append(&mut tx, &actor, event).await?;
    tx.commit().await?;
    Ok(())
}

/// The signed-in user of a request, by session cookie (second factor given) or by
/// `Authorization: Bearer` API token.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    /// The account.
    pub record: UserRecord,
    /// The account as the policy sees it.
    pub actor: Actor,
    /// The CSRF token of the session (empty for bearer tokens, which need none: a
    /// browser never sends them on its own).
    pub csrf: String,
    /// The session secret, when signed in by cookie.
    pub session_token: Option<String>,
}

impl CurrentUser {
    /// Whether any of the user's roles allows `action` somewhere.
    pub fn can_any(&self, action: Action) -> bool {
        !policy::agencies_where(&self.actor, action).is_empty()
    }

    /// Checks a form's CSRF token against the session's.
    pub fn check_csrf(&self, token: &str) -> Result<(), AppError> {
        if self.session_token.is_none() || (!self.csrf.is_empty() && same_secret(&self.csrf, token))
        {
            Ok(())
        } else {
            Err(AppError::Csrf)
        }
    }

    /// The audit actor for this user.
    pub fn audit_actor(&self) -> spean_store::audit::AuditActor {
        spean_store::audit::AuditActor {
            user_id: Some(self.record.id.to_string()),
            username: Some(self.record.username.clone()),
        }
    }
}

/// A session whose password was given but whose second factor may still be due.
#[derive(Debug, Clone)]
pub struct PendingUser {
    /// The account.
    pub record: UserRecord,
    /// The session secret.
    pub session_token: String,
    /// The session's CSRF token.
    pub csrf: String,
    /// Whether the second factor was already given.
    pub second_factor_done: bool,
}

async fn session_user(parts: &Parts, state: &AppState) -> Result<Option<PendingUser>, AppError> {
    let Some(token) = cookie(parts, SESSION_COOKIE) else {
        return Ok(None);
    };
    let mut conn = state.store.read().await?;
    let Some(session) = sessions::find_session(&mut conn, &token, now_millis()).await? else {
        return Ok(None);
    };
    let Some(record) = users::find_user(&mut conn, session.user_id).await? else {
        return Ok(None);
    };
    if record.disabled {
        return Ok(None);
    }
    Ok(Some(PendingUser {
        record,
        session_token: token,
        csrf: session.csrf_token,
        second_factor_done: session.second_factor_done,
    }))
}

impl FromRequestParts<AppState> for PendingUser {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        session_user(parts, state)
            .await?
            .ok_or(AppError::Unauthenticated)
    }
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(bearer) = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
        {
            let mut conn = state.store.read().await?;
            let user =
                sessions::find_api_token_user(&mut conn, bearer.trim(), now_millis()).await?;
            let record = match user {
                Some(id) => users::find_user(&mut conn, id).await?,
                None => None,
            };
            return match record {
                Some(record) if !record.disabled => Ok(CurrentUser {
                    actor: record.actor(),
                    record,
                    csrf: String::new(),
                    session_token: None,
                }),
                _ => Err(AppError::Unauthenticated),
            };
        }
        match session_user(parts, state).await? {
            Some(pending) if pending.second_factor_done => Ok(CurrentUser {
                actor: pending.record.actor(),
                record: pending.record,
                csrf: pending.csrf,
                session_token: Some(pending.session_token),
            }),
            Some(_) => Err(AppError::SecondFactorRequired),
            None => Err(AppError::Unauthenticated),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse batterz", &hash));
        assert!(!verify_password("anything", "not a hash"));
    }

    #[test]
    fn the_dummy_hash_is_a_valid_argon2id_hash() {
        assert!(PasswordHash::new(dummy_hash()).is_ok());
    }

    #[test]
    fn totp_accepts_the_current_code_only() {
        let secret = new_totp_secret();
        let code = totp(&secret, "somchai")
            .unwrap()
            .generate_current()
            .unwrap();
        assert!(check_totp(&secret, "somchai", &code));
        let wrong = if code == "000000" { "111111" } else { "000000" };
        assert!(!check_totp(&secret, "somchai", wrong));
    }
}
