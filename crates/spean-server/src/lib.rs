//! Spean's web server: the HTML interface (English, Thai, Khmer), the JSON API with
//! its OpenAPI document, authentication, access enforcement and the wiring of the
//! engine and store crates.
//!
//! Design decisions:
//! - [`app`] builds the whole router from an [`AppState`]; [`serve`] runs it on a
//!   listener until a shutdown future resolves. `main` only loads the config.
//! - Pages are server-rendered askama templates that work without JavaScript; the
//!   only asset is one stylesheet served by the node itself (no CDN, no fonts).
//! - Every handler authenticates through the `CurrentUser` extractor and calls
//!   [`access::require`] before touching data; the decision is
//!   `spean_core::policy::decide`.
//! - Handlers return [`error::AppError`]; one middleware renders every error as a
//!   translated HTML page or an RFC 9457 problem document.
//!
//! Layout:
//! - [`config`]: the configuration tree and its defaults.
//! - [`state`]: the shared state.
//! - [`auth`]: passwords, sessions, tokens, CSRF, throttling, TOTP.
//! - [`access`]: the enforcement point.
//! - [`i18n`], [`web`], [`templates`]: languages, request plumbing, pages.
//! - `routes`: HTML routes per area; [`api`]: JSON API and OpenAPI.
//! - [`matching`]: possible duplicate persons, scored by `spean-match`.
//! - [`metrics`], [`tls`]: `/metrics` and certificates.

pub mod access;
pub mod api;
pub mod auth;
pub mod config;
pub mod error;
pub mod i18n;
pub mod matching;
pub mod metrics;
mod routes;
pub mod state;
pub mod templates;
pub mod tls;
pub mod web;

use std::future::Future;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware;
use tokio::net::TcpListener;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

pub use config::Config;
pub use state::AppState;

const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Builds the application: every route, layer and the state.
pub fn app(state: AppState) -> Router {
    let max_body = state.config.max_body_bytes;
    let header = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value))
    };
    Router::new()
        .merge(routes::home::router())
        .merge(routes::auth::router())
        .merge(routes::cases::router())
        .merge(routes::persons::router())
        .merge(routes::admin::router())
        .merge(routes::audit::router())
        .merge(api::router())
        .route_layer(middleware::from_fn_with_state(state.clone(), metrics::track))
        .layer(middleware::from_fn_with_state(state.clone(), error::render_errors))
        .layer(middleware::from_fn(web::remember_lang))
        .layer(DefaultBodyLimit::max(max_body))
        .layer(header(header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY))
        .layer(header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(header(header::X_FRAME_OPTIONS, "DENY"))
        .layer(header(header::REFERRER_POLICY, "no-referrer"))
        .layer(header(HeaderName::from_static("cross-origin-opener-policy"), "same-origin"))
        .layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .layer(TraceLayer::new_for_http().make_span_with(|request: &axum::http::Request<_>| {
            // The path only: query strings may carry search text typed by a user.
            tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
        }))
        .with_state(state)
}

/// Serves plain HTTP on `listener` until `shutdown` resolves.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown)
        .await
}

/// Serves HTTPS on `listener` with the node's certificate until `shutdown` resolves.
pub async fn serve_tls(
    listener: std::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    use anyhow::Context;
    // One process-wide choice of crypto provider; a second install is harmless.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let (cert, key) = tls::certificate_files(&state.config)?;
    let tls = axum_server::tls_rustls::RustlsConfig::from_pem_file(&cert, &key)
        .await
        .context("loading the TLS certificate")?;
    let handle = axum_server::Handle::new();
    let stopper = handle.clone();
    tokio::spawn(async move {
        shutdown.await;
        stopper.graceful_shutdown(Some(std::time::Duration::from_secs(10)));
    });
    axum_server::from_tcp_rustls(listener, tls)
        .handle(handle)
        .serve(app(state).into_make_service())
        .await
        .context("serving HTTPS")?;
    Ok(())
}
