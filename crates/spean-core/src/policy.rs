//! Who may do what to which record: the one access decision of the whole system.
//!
//! The server calls [`decide`] before every read and write; nothing else grants
//! access. Two ideas shape it:
//! - **Compartments.** A role is held *within an agency*. A case is visible to its
//!   owning agency and to agencies it is explicitly shared with; only the owning
//!   agency may change it. Persons are visible only within their owning agency.
//! - **Need to know.** Roles that do not work with victims (administrators,
//!   auditors, analysts, liaison officers) never see victim records; analysts see
//!   cases but no persons; administrators and auditors see no case content at all.

use crate::id::AgencyId;
use crate::role::Role;
use crate::user::Actor;

/// Something a user asks to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Read a case.
    ViewCase,
    /// Open a new case in an agency.
    CreateCase,
    /// Change a case.
    EditCase,
    /// Read a person record.
    ViewPerson,
    /// Record a new person in an agency.
    CreatePerson,
    /// Change a person record.
    EditPerson,
    /// Add, change or disable accounts of an agency.
    ManageUsers,
    /// Read the audit log.
    ViewAudit,
}

/// What the action is done to, with the facts the decision needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource<'a> {
    /// A case: who owns it and whom it is shared with.
    Case {
        /// The owning agency.
        owner: AgencyId,
        /// Agencies it was shared with.
        shared_with: &'a [AgencyId],
    },
    /// A person: who owns the record and whether it is a victim's.
    Person {
        /// The owning agency.
        owner: AgencyId,
        /// Whether the person is a (presumed) victim in any case.
        is_victim: bool,
    },
    /// An agency as a whole (creating records in it, managing its accounts).
    Agency(AgencyId),
    /// The node as a whole (the audit log).
    Node,
}

/// Why access was refused; for logs and tests, never shown to the user in detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DenyReason {
    /// None of the actor's roles allows this action at all.
    RoleLacksPermission,
    /// The record belongs to a compartment the actor holds no suitable role in.
    OutsideCompartment,
    /// The record is a victim's and the actor's role does not work with victims.
    VictimDataNeedToKnow,
    /// The action does not apply to this kind of resource.
    NotApplicable,
}

/// The outcome of [`decide`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Go ahead.
    Allow,
    /// Refused, with the reason.
    Deny(DenyReason),
}

impl Decision {
    /// Whether the action is allowed.
    pub fn is_allowed(self) -> bool {
        self == Decision::Allow
    }
}

/// What a role may do, independent of compartments.
fn role_allows(role: Role, action: Action) -> bool {
    use Action::*;
    use Role::*;
    match action {
        ViewCase => matches!(
            role,
            IntakeOfficer | Investigator | Prosecutor | SocialWorker | LiaisonOfficer | Analyst
        ),
        CreateCase => matches!(role, IntakeOfficer | Investigator),
        EditCase => matches!(role, IntakeOfficer | Investigator | Prosecutor),
        ViewPerson => matches!(
            role,
            IntakeOfficer | Investigator | Prosecutor | SocialWorker | LiaisonOfficer
        ),
        CreatePerson | EditPerson => matches!(role, IntakeOfficer | Investigator | SocialWorker),
        ManageUsers => role == Administrator,
        ViewAudit => role == Auditor,
    }
}

/// Whether a role works with victims and so may see their records.
fn role_sees_victims(role: Role) -> bool {
    matches!(
        role,
        Role::IntakeOfficer | Role::Investigator | Role::Prosecutor | Role::SocialWorker
    )
}

/// Decides whether `actor` may do `action` to `resource`.
///
/// ```
/// use spean_core::id::{AgencyId, UserId};
/// use spean_core::policy::{decide, Action, Decision, DenyReason, Resource};
/// use spean_core::role::{Membership, Role};
/// use spean_core::user::Actor;
///
/// let dsi = AgencyId::new();
/// let msdhs = AgencyId::new();
/// let investigator = Actor {
///     user: UserId::new(),
///     memberships: vec![Membership { agency: dsi, role: Role::Investigator }],
/// };
/// let their_case = Resource::Case { owner: msdhs, shared_with: &[] };
/// assert_eq!(
///     decide(&investigator, Action::ViewCase, &their_case),
///     Decision::Deny(DenyReason::OutsideCompartment)
/// );
/// let shared = [dsi];
/// let shared_case = Resource::Case { owner: msdhs, shared_with: &shared };
/// assert!(decide(&investigator, Action::ViewCase, &shared_case).is_allowed());
/// ```
pub fn decide(actor: &Actor, action: Action, resource: &Resource<'_>) -> Decision {
    let roles_for = |action: Action| {
        actor
            .memberships
            .iter()
            .filter(move |m| role_allows(m.role, action))
    };
    if roles_for(action).next().is_none() {
        return Decision::Deny(DenyReason::RoleLacksPermission);
    }
    let allowed = match (action, resource) {
        (Action::ViewCase, Resource::Case { owner, shared_with }) => {
            roles_for(action).any(|m| m.agency == *owner || shared_with.contains(&m.agency))
        }
        (Action::EditCase, Resource::Case { owner, .. }) => {
            roles_for(action).any(|m| m.agency == *owner)
        }
        (Action::ViewPerson | Action::EditPerson, Resource::Person { owner, is_victim }) => {
            let in_compartment: Vec<_> = roles_for(action).filter(|m| m.agency == *owner).collect();
            if in_compartment.is_empty() {
                false
            } else if *is_victim && !in_compartment.iter().any(|m| role_sees_victims(m.role)) {
                return Decision::Deny(DenyReason::VictimDataNeedToKnow);
            } else {
                true
            }
        }
        (
            Action::CreateCase | Action::CreatePerson | Action::ManageUsers,
            Resource::Agency(agency),
        ) => roles_for(action).any(|m| m.agency == *agency),
        (Action::ViewAudit, Resource::Node) => true,
        _ => return Decision::Deny(DenyReason::NotApplicable),
    };
    if allowed {
        Decision::Allow
    } else {
        Decision::Deny(DenyReason::OutsideCompartment)
    }
}

/// The agencies whose cases (owned or shared) `actor` may list: those where they hold
/// a role that may view cases. Listing queries filter by this set, so a list never
/// shows a row that [`decide`] would refuse to open.
pub fn case_scope(actor: &Actor) -> Vec<AgencyId> {
    agencies_where(actor, Action::ViewCase)
}

/// The agencies whose person records `actor` may list, and whether they may see
/// victims there.
pub fn person_scope(actor: &Actor) -> Vec<(AgencyId, bool)> {
    agencies_where(actor, Action::ViewPerson)
        .into_iter()
        .map(|agency| {
            let sees_victims = actor.memberships.iter().any(|m| {
                m.agency == agency
                    && role_allows(m.role, Action::ViewPerson)
                    && role_sees_victims(m.role)
            });
            (agency, sees_victims)
        })
        .collect()
}

/// The agencies where `actor` holds a role allowing `action`.
pub fn agencies_where(actor: &Actor, action: Action) -> Vec<AgencyId> {
    let mut agencies: Vec<AgencyId> = actor
        .memberships
        .iter()
        .filter(|m| role_allows(m.role, action))
        .map(|m| m.agency)
        .collect();
    agencies.sort();
    agencies.dedup();
    agencies
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::UserId;
    use crate::role::Membership;

    fn actor(agency: AgencyId, role: Role) -> Actor {
        Actor {
            user: UserId::new(),
            memberships: vec![Membership { agency, role }],
        }
    }

    #[test]
    fn every_role_and_action_against_own_and_foreign_compartments() {
        let own = AgencyId::new();
        let other = AgencyId::new();
        // (role, action, resource owned by `own`?) -> allowed
        let own_case = Resource::Case {
            owner: own,
            shared_with: &[],
        };
        let foreign_case = Resource::Case {
            owner: other,
            shared_with: &[],
        };
        let victim = Resource::Person {
            owner: own,
            is_victim: true,
        };
        let suspect = Resource::Person {
            owner: own,
            is_victim: false,
        };
        for role in Role::ALL {
            let a = actor(own, role);
            let view_own = decide(&a, Action::ViewCase, &own_case).is_allowed();
            let expected_view = !matches!(role, Role::Administrator | Role::Auditor);
            assert_eq!(view_own, expected_view, "{role:?} viewing own case");
            assert!(
                !decide(&a, Action::ViewCase, &foreign_case).is_allowed(),
                "{role:?} foreign case"
            );
            assert!(
                !decide(&a, Action::EditCase, &foreign_case).is_allowed(),
                "{role:?} edit foreign"
            );
            let sees_victim = decide(&a, Action::ViewPerson, &victim).is_allowed();
            let expected_victim = matches!(
                role,
                Role::IntakeOfficer | Role::Investigator | Role::Prosecutor | Role::SocialWorker
            );
            assert_eq!(sees_victim, expected_victim, "{role:?} viewing a victim");
            let sees_suspect = decide(&a, Action::ViewPerson, &suspect).is_allowed();
            assert_eq!(
                sees_suspect,
                expected_victim || role == Role::LiaisonOfficer,
                "{role:?} suspect"
            );
            let audits = decide(&a, Action::ViewAudit, &Resource::Node).is_allowed();
            assert_eq!(audits, role == Role::Auditor, "{role:?} audit");
            let manages = decide(&a, Action::ManageUsers, &Resource::Agency(own)).is_allowed();
            assert_eq!(
                manages,
                role == Role::Administrator,
                "{role:?} manage users"
            );
            assert!(!decide(&a, Action::ManageUsers, &Resource::Agency(other)).is_allowed());
        }
    }

    #[test]
    fn a_shared_case_can_be_read_but_not_changed_by_the_other_agency() {
        let owner = AgencyId::new();
        let partner = AgencyId::new();
        let shared = [partner];
        let case = Resource::Case {
            owner,
            shared_with: &shared,
        };
        let investigator = actor(partner, Role::Investigator);
        assert!(decide(&investigator, Action::ViewCase, &case).is_allowed());
        assert_eq!(
            decide(&investigator, Action::EditCase, &case),
            Decision::Deny(DenyReason::OutsideCompartment)
        );
    }

    #[test]
    fn liaison_officers_do_not_see_victims() {
        let own = AgencyId::new();
        let liaison = actor(own, Role::LiaisonOfficer);
        let victim = Resource::Person {
            owner: own,
            is_victim: true,
        };
        assert_eq!(
            decide(&liaison, Action::ViewPerson, &victim),
            Decision::Deny(DenyReason::VictimDataNeedToKnow)
        );
    }

    #[test]
    fn a_role_in_one_agency_grants_nothing_in_another() {
        let dsi = AgencyId::new();
        let msdhs = AgencyId::new();
        let mut a = actor(dsi, Role::Administrator);
        a.memberships.push(Membership {
            agency: msdhs,
            role: Role::SocialWorker,
        });
        // Administrator at DSI does not become a social worker there.
        let dsi_victim = Resource::Person {
            owner: dsi,
            is_victim: true,
        };
        assert!(!decide(&a, Action::ViewPerson, &dsi_victim).is_allowed());
        let msdhs_victim = Resource::Person {
            owner: msdhs,
            is_victim: true,
        };
        assert!(decide(&a, Action::ViewPerson, &msdhs_victim).is_allowed());
        assert_eq!(case_scope(&a), vec![msdhs]);
    }
}
