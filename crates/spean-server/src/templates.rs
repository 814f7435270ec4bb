//! The HTML pages: one askama template struct per page, compiled into the binary and
//! auto-escaped. Every page that uses the layout carries a [`Layout`] as `l`.

use askama::Template;
use spean_core::case::{Case, CaseRole, CaseStage, ExploitationType};
use spean_core::person::{Gender, IdentifierKind, Person};
use spean_store::cases::CaseSummary;
use spean_store::persons::PersonSummary;

use crate::i18n::{Lang, Translator};

/// Renders a template, mapping a failure to an internal error.
pub fn render(template: &impl Template) -> Result<String, crate::error::AppError> {
    template
        .render()
        .map_err(|e| crate::error::AppError::Internal(e.into()))
}

/// What the shared layout needs: language, the signed-in user, the CSRF token.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Messages in the page's language.
    pub t: Translator,
    /// The signed-in user, for the navigation.
    pub user: Option<NavUser>,
    /// The session's CSRF token, put into every form.
    pub csrf: String,
    /// Name of this node.
    pub node_name: String,
    /// Languages of the switcher.
    pub langs: [Lang; 3],
    /// A one-line notice at the top (saved, language not available, ...).
    pub notice: Option<String>,
}

/// The signed-in user as the navigation shows them.
#[derive(Debug, Clone)]
pub struct NavUser {
    /// Name shown.
    pub display_name: String,
    /// May see the case list.
    pub can_cases: bool,
    /// May see the person list.
    pub can_persons: bool,
    /// May manage accounts.
    pub can_admin: bool,
    /// May read the audit log.
    pub can_audit: bool,
}

/// A full-page error.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub t: Translator,
    pub title: String,
    pub status: u16,
    pub fields: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "login.html")]
pub struct LoginPage {
    pub l: Layout,
    pub error: Option<String>,
    pub username: String,
    pub next: String,
}

#[derive(Template)]
#[template(path = "totp.html")]
pub struct TotpPage {
    pub l: Layout,
    pub error: Option<String>,
    pub action: &'static str,
    pub setup_secret: Option<String>,
    pub setup_uri: String,
}

#[derive(Template)]
#[template(path = "account.html")]
pub struct AccountPage {
    pub l: Layout,
    pub username: String,
    pub roles: Vec<String>,
    pub totp_enabled: bool,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    pub l: Layout,
    pub display_name: String,
    pub can_cases: bool,
    pub can_create_case: bool,
    pub can_admin: bool,
    pub can_audit: bool,
    pub open_cases: String,
    pub intake_cases: String,
    pub recent: Vec<CaseSummary>,
}

#[derive(Template)]
#[template(path = "cases_list.html")]
pub struct CasesPage {
    pub l: Layout,
    pub cases: Vec<CaseSummary>,
    pub q: String,
    pub stage: String,
    pub stages: &'static [CaseStage],
    pub next: Option<String>,
    pub can_create: bool,
}

#[derive(Template)]
#[template(path = "case_form.html")]
pub struct CaseFormPage {
    pub l: Layout,
    pub editing: bool,
    pub action: String,
    pub errors: Vec<(String, String)>,
    pub agencies: Vec<(String, String)>,
    pub agency: String,
    pub title: String,
    pub exploitation_type: String,
    pub stage: String,
    pub summary: String,
    pub exploitation_types: &'static [ExploitationType],
    pub stages: &'static [CaseStage],
}

/// A person in a case as the case page shows them; the name only when the viewer may
/// see that person.
#[derive(Debug, Clone)]
pub struct CasePersonRow {
    pub id: String,
    pub name: Option<String>,
    pub role: String,
}

#[derive(Template)]
#[template(path = "case_show.html")]
pub struct CasePage {
    pub l: Layout,
    pub case: Case,
    pub owner_name: String,
    pub shared_names: Vec<String>,
    pub persons: Vec<CasePersonRow>,
    pub can_edit: bool,
    pub person_choices: Vec<(String, String)>,
    pub share_choices: Vec<(String, String)>,
    pub case_roles: &'static [CaseRole],
}

#[derive(Template)]
#[template(path = "persons_list.html")]
pub struct PersonsPage {
    pub l: Layout,
    pub persons: Vec<PersonSummary>,
    pub q: String,
    pub can_create: bool,
}

#[derive(Template)]
#[template(path = "person_form.html")]
pub struct PersonFormPage {
    pub l: Layout,
    pub editing: bool,
    pub action: String,
    pub errors: Vec<(String, String)>,
    pub agencies: Vec<(String, String)>,
    pub agency: String,
    pub full_name: String,
    pub latin_name: String,
    pub gender: String,
    pub birth_date: String,
    pub nationality: String,
    pub notes: String,
    pub genders: &'static [Gender],
}

#[derive(Template)]
#[template(path = "person_show.html")]
pub struct PersonPage {
    pub l: Layout,
    pub person: Person,
    pub is_victim: bool,
    pub can_edit: bool,
    pub cases: Vec<(String, String, String)>,
    pub identifier_kinds: &'static [IdentifierKind],
    /// Possible duplicates, best first.
    pub matches: Vec<MatchView>,
    /// Records confirmed to be the same person, that the viewer may see.
    pub linked: Vec<LinkedView>,
}

/// A possible duplicate on a person's page.
#[derive(Debug, Clone)]
pub struct MatchView {
    pub id: String,
    pub full_name: String,
    pub latin_name: Option<String>,
    /// Match probability as a percentage, for display.
    pub probability: String,
    pub fields: Vec<MatchFieldView>,
}

/// One field of a possible duplicate's explanation: message ids and the weight.
#[derive(Debug, Clone)]
pub struct MatchFieldView {
    pub field: String,
    /// `None` when a value was missing on either side.
    pub level: Option<String>,
    pub weight: String,
}

/// A record confirmed to be the same person.
#[derive(Debug, Clone)]
pub struct LinkedView {
    pub id: String,
    pub full_name: String,
    pub latin_name: Option<String>,
}

/// An account row of the user list.
#[derive(Debug, Clone)]
pub struct UserRow {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub roles: Vec<String>,
    pub disabled: bool,
}

#[derive(Template)]
#[template(path = "users.html")]
pub struct UsersPage {
    pub l: Layout,
    pub users: Vec<UserRow>,
    pub errors: Vec<(String, String)>,
    pub agencies: Vec<(String, String)>,
    pub roles: &'static [spean_core::role::Role],
    pub form_username: String,
    pub form_display_name: String,
}

#[derive(Template)]
#[template(path = "user_show.html")]
pub struct UserPage {
    pub l: Layout,
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub disabled: bool,
    /// (agency id, agency name, role code, role label)
    pub memberships: Vec<(String, String, String, String)>,
    pub agencies: Vec<(String, String)>,
    pub roles: &'static [spean_core::role::Role],
    pub errors: Vec<(String, String)>,
}

/// An audit entry as the audit page shows it.
#[derive(Debug, Clone)]
pub struct AuditRow {
    pub seq: i64,
    pub when: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub detail: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
pub struct AuditPage {
    pub l: Layout,
    pub entries: Vec<AuditRow>,
    pub action: String,
    pub actor: String,
    pub entity: String,
    pub next: Option<String>,
}
