//! The home page (what needs the user's attention), health, metrics and the stylesheet.

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use spean_core::case::CaseStage;
use spean_core::policy::{self, Action};
use spean_store::cases::{self, CaseFilter};

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::templates::{HomePage, render};
use crate::web::Page;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(show_home))
        .route("/healthz", get(health))
        .route("/metrics", get(metrics))
        .route("/static/app.css", get(stylesheet))
}

/// Counts on the home page stop here: beyond it the page says "999+".
const COUNT_CAP: i64 = 999;

fn shown_count(count: i64) -> String {
    if count > COUNT_CAP {
        format!("{COUNT_CAP}+")
    } else {
        count.to_string()
    }
}

async fn show_home(
    State(state): State<AppState>,
    page: Page,
    user: CurrentUser,
) -> Result<Response, AppError> {
    let scope = policy::case_scope(&user.actor);
    let mut conn = state.store.read().await?;
    let open_cases = shown_count(cases::count_cases(&mut conn, &scope, None, COUNT_CAP + 1).await?);
    let intake_cases = shown_count(
        cases::count_cases(&mut conn, &scope, Some(CaseStage::Intake), COUNT_CAP + 1).await?,
    );
    let recent = cases::list_cases(&mut conn, &scope, &CaseFilter::default(), 10).await?;
    let html = render(&HomePage {
        l: page.layout(&state, Some(&user)),
        display_name: user.record.display_name.clone(),
        can_cases: !scope.is_empty(),
        can_create_case: user.can_any(Action::CreateCase),
        can_admin: user.can_any(Action::ManageUsers),
        can_audit: user.can_any(Action::ViewAudit),
        open_cases,
        intake_cases,
        recent,
    })?;
    Ok(Html(html).into_response())
}

async fn health(State(state): State<AppState>) -> Response {
    match state.store.ping().await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(error) => {
            tracing::error!(?error, "health check: database unavailable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                "database unavailable",
            )
                .into_response()
        }
    }
}

async fn metrics(State(state): State<AppState>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.metrics.render(),
    )
        .into_response()
}

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../static/app.css"),
    )
        .into_response()
}
