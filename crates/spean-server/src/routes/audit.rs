//! The audit log for auditors: newest first, filtered by action, user or record.

use axum::Router;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use spean_core::policy::{Action, Resource};
use spean_store::audit::{self, AuditFilter};

use crate::access::require;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::templates::{AuditPage, AuditRow, render};
use crate::web::Page;

const PAGE_SIZE: i64 = 100;

pub(crate) fn router() -> Router<AppState> {
    Router::new().route("/audit", get(show_audit))
}

#[derive(Debug, Deserialize)]
struct AuditQuery {
    #[serde(default)]
    action: String,
    #[serde(default)]
    actor: String,
    #[serde(default)]
    entity: String,
    before: Option<i64>,
}

fn non_empty(text: &str) -> Option<String> {
    Some(text.trim().to_owned()).filter(|t| !t.is_empty())
}

async fn show_audit(
    State(state): State<AppState>,
    page: Page,
    user: CurrentUser,
    Query(query): Query<AuditQuery>,
) -> Result<Response, AppError> {
    require(&user, Action::ViewAudit, &Resource::Node)?;
    let filter = AuditFilter {
        action: non_empty(&query.action),
        actor_name: non_empty(&query.actor),
        entity_id: non_empty(&query.entity),
        before_seq: query.before,
    };
    let mut conn = state.store.read().await?;
    let entries = audit::list(&mut conn, &filter, PAGE_SIZE).await?;
    let next = (entries.len() as i64 == PAGE_SIZE).then(|| {
        let last = entries.last().map_or(0, |e| e.seq);
        format!(
            "action={}&actor={}&entity={}&before={last}",
            urlencoding::encode(&query.action),
            urlencoding::encode(&query.actor),
            urlencoding::encode(&query.entity)
        )
    });
    let rows = entries
        .into_iter()
        .map(|e| AuditRow {
            seq: e.seq,
            when: chrono::DateTime::from_timestamp_millis(e.at)
                .map(|t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string())
                .unwrap_or_default(),
            actor: e.actor_name.unwrap_or_default(),
            action: e.action,
            entity: match (e.entity_type, e.entity_id) {
                (Some(kind), Some(id)) => format!("{kind} {id}"),
                (Some(kind), None) => kind,
                _ => String::new(),
            },
            detail: e.detail,
        })
        .collect();
    let html = render(&AuditPage {
        l: page.layout(&state, Some(&user)),
        entries: rows,
        action: query.action,
        actor: query.actor,
        entity: query.entity,
        next,
    })?;
    Ok(Html(html).into_response())
}
