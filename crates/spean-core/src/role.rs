//! Roles and memberships: a user holds roles within agencies, never globally.

use serde::{Deserialize, Serialize};

use crate::id::AgencyId;

/// What a user does within an agency. The codes are stable (stored and used in the API).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Manages accounts and roles of the agency; sees no case content.
    Administrator,
    /// Receives and triages tips, opens cases.
    IntakeOfficer,
    /// Builds cases: persons, evidence, links.
    Investigator,
    /// Prepares prosecution; reads and annotates cases.
    Prosecutor,
    /// Identifies and refers victims under the National Referral Mechanism.
    SocialWorker,
    /// Exchanges requests and information with the other country.
    LiaisonOfficer,
    /// Works with statistics; sees cases but not persons.
    Analyst,
    /// Reads the audit log; sees no case content.
    Auditor,
}

impl Role {
    /// Every role, in display order.
    pub const ALL: [Role; 8] = [
        Role::Administrator,
        Role::IntakeOfficer,
        Role::Investigator,
        Role::Prosecutor,
        Role::SocialWorker,
        Role::LiaisonOfficer,
        Role::Analyst,
        Role::Auditor,
    ];

    /// The stable code (`intake_officer`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Administrator => "administrator",
            Self::IntakeOfficer => "intake_officer",
            Self::Investigator => "investigator",
            Self::Prosecutor => "prosecutor",
            Self::SocialWorker => "social_worker",
            Self::LiaisonOfficer => "liaison_officer",
            Self::Analyst => "analyst",
            Self::Auditor => "auditor",
        }
    }

    /// Reads a stable code.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.code() == code)
    }
}

/// One role a user holds in one agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Membership {
    /// The agency.
    pub agency: AgencyId,
    /// The role held there.
    pub role: Role,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_code_reads_back_as_the_same_role() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.code()), Some(role));
        }
        assert_eq!(Role::parse("superuser"), None);
    }
}
