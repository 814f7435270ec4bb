//! The one enforcement point: every handler calls [`require`] before it reads or
//! writes, and [`require`] asks `spean_core::policy::decide`.
//!
//! A refused record answers exactly like a missing one (`404`), so nobody learns
//! that a case exists in another compartment; the log keeps the real reason.

use spean_core::id::AgencyId;
use spean_core::policy::{self, Action, Decision, Resource};
use spean_core::{FieldError, ValidationCode};

use crate::auth::CurrentUser;
use crate::error::AppError;

/// Allows the action or returns the error to answer with.
pub fn require(
    user: &CurrentUser,
    action: Action,
    resource: &Resource<'_>,
) -> Result<(), AppError> {
    match policy::decide(&user.actor, action, resource) {
        Decision::Allow => Ok(()),
        Decision::Deny(reason) => {
            tracing::info!(user_id = %user.record.id, ?action, ?reason, "access refused");
            match resource {
                Resource::Case { .. } | Resource::Person { .. } => Err(AppError::NotFound),
                Resource::Agency(_) | Resource::Node => Err(AppError::Forbidden),
            }
        }
    }
}

/// Allows the action if the user's roles allow it in at least one agency (for pages
/// such as "new case" before an agency is chosen).
pub fn require_somewhere(user: &CurrentUser, action: Action) -> Result<(), AppError> {
    if user.can_any(action) {
        Ok(())
    } else {
        tracing::info!(user_id = %user.record.id, ?action, "access refused: no role allows it");
        Err(AppError::Forbidden)
    }
}

/// The agency a new record goes to: the one the form or request names, or, when none
/// is named, the only agency where the user may do `action`.
pub fn target_agency(
    user: &CurrentUser,
    named: Option<&str>,
    action: Action,
) -> Result<AgencyId, AppError> {
    match named.map(str::trim).filter(|text| !text.is_empty()) {
        Some(text) => text.parse().map_err(|_| {
            AppError::Invalid(vec![FieldError::new(
                "agency",
                ValidationCode::UnknownValue,
            )])
        }),
        None => match policy::agencies_where(&user.actor, action).as_slice() {
            [only] => Ok(*only),
            [] => Err(AppError::Forbidden),
            _ => Err(AppError::Invalid(vec![FieldError::new(
                "agency",
                ValidationCode::Required,
            )])),
        },
    }
}
