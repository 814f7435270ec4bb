//! Cases: what investigators build, from intake to verdict, and who is in them.

use serde::Serialize;

use crate::id::{AgencyId, CaseId};
use crate::validation::{FieldError, ValidationCode, optional_text, required_text};
use crate::vocabulary::vocabulary;

vocabulary!(
    /// Type of exploitation: the HTCDS `vic_TypeOfExploitation` values, plus
    /// `ForcedCriminality` (an extension: people forced to run online scams in
    /// compounds, which HTCDS v2.0 files under `Other`).
    ExploitationType {
        /// Forced labour.
        ForcedLabour = "ForcedLabour",
        /// Forced criminality, such as online scam compounds (Spean extension).
        ForcedCriminality = "ForcedCriminality",
        /// Sexual exploitation.
        SexualExploitation = "SexualExploitation",
        /// Child labour.
        ChildLabour = "ChildLabour",
        /// Forced marriage.
        ForcedMarriage = "ForcedMarriage",
        /// Servitude.
        Servitude = "Servitude",
        /// Forced military service by non-state actors.
        ForcedMilitaryByNonStateActors = "ForcedMilitaryByNonStateActors",
        /// Organ removal.
        OrganRemoval = "OrganRemoval",
        /// Forced begging.
        ForcedBegging = "ForcedBegging",
        /// Forced adoption.
        ForcedAdoption = "ForcedAdoption",
        /// Surrogacy.
        Surrogacy = "Surrogacy",
        /// Other.
        Other = "Other",
    }
);

vocabulary!(
    /// Where a case stands in the justice process.
    CaseStage {
        /// Received and being assessed.
        Intake = "intake",
        /// Under investigation.
        Investigation = "investigation",
        /// With the prosecutor.
        Prosecution = "prosecution",
        /// Before a court.
        Trial = "trial",
        /// Closed.
        Closed = "closed",
    }
);

vocabulary!(
    /// A person's role in a case.
    CaseRole {
        /// A (presumed) victim.
        Victim = "victim",
        /// A suspect.
        Suspect = "suspect",
        /// A witness.
        Witness = "witness",
        /// The person who reported.
        Reporter = "reporter",
        /// A missing person.
        MissingPerson = "missing_person",
    }
);

impl CaseStage {
    /// Whether the case still needs work (everything but `Closed`).
    pub fn is_open(self) -> bool {
        self != Self::Closed
    }
}

/// A case as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Case {
    /// Its id.
    pub id: CaseId,
    /// A human reference, unique per node (`DSI-2026-000123`).
    pub reference: String,
    /// The agency that owns the case.
    pub owning_agency: AgencyId,
    /// The editable fields.
    pub details: CaseDetails,
    /// Agencies the case has been explicitly shared with.
    pub shared_with: Vec<AgencyId>,
}

/// The editable fields of a case, already validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseDetails {
    /// A short title (any script).
    pub title: String,
    /// The type of exploitation.
    pub exploitation_type: ExploitationType,
    /// The stage.
    pub stage: CaseStage,
    /// A summary of what is known.
    pub summary: Option<String>,
}

/// A case as submitted by a form or the API, before validation.
#[derive(Debug, Clone, Default)]
pub struct CaseInput<'a> {
    /// Title.
    pub title: &'a str,
    /// Exploitation type code.
    pub exploitation_type: &'a str,
    /// Stage code; a new case starts at intake when empty.
    pub stage: Option<&'a str>,
    /// Summary.
    pub summary: Option<&'a str>,
}

impl CaseInput<'_> {
    /// Validates every field and reports all problems at once.
    pub fn validate(&self) -> Result<CaseDetails, Vec<FieldError>> {
        let mut errors = Vec::new();
        let title = required_text("title", self.title, 300, &mut errors);
        let summary = optional_text("summary", self.summary, 20_000, &mut errors);
        let exploitation_type = ExploitationType::parse(self.exploitation_type.trim());
        if exploitation_type.is_none() {
            let code = if self.exploitation_type.trim().is_empty() {
                ValidationCode::Required
            } else {
                ValidationCode::UnknownValue
            };
            errors.push(FieldError::new("exploitation_type", code));
        }
        let stage = match self.stage.map(str::trim).filter(|s| !s.is_empty()) {
            None => Some(CaseStage::Intake),
            Some(code) => CaseStage::parse(code),
        };
        if stage.is_none() {
            errors.push(FieldError::new("stage", ValidationCode::UnknownValue));
        }
        match (exploitation_type, stage) {
            (Some(exploitation_type), Some(stage)) if errors.is_empty() => Ok(CaseDetails {
                title,
                exploitation_type,
                stage,
                summary,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_case_starts_at_intake() {
        let input = CaseInput {
            title: "งานแอดมินที่สีหนุวิลล์",
            exploitation_type: "ForcedCriminality",
            ..Default::default()
        };
        let case = input.validate().unwrap();
        assert_eq!(case.stage, CaseStage::Intake);
        assert_eq!(case.exploitation_type, ExploitationType::ForcedCriminality);
    }

    #[test]
    fn unknown_codes_are_refused_by_field() {
        let input = CaseInput {
            title: "x",
            exploitation_type: "Smuggling",
            stage: Some("appeal"),
            ..Default::default()
        };
        let errors = input.validate().unwrap_err();
        assert_eq!(
            errors,
            vec![
                FieldError::new("exploitation_type", ValidationCode::UnknownValue),
                FieldError::new("stage", ValidationCode::UnknownValue),
            ]
        );
    }

    #[test]
    fn htcds_exploitation_types_are_all_present() {
        // Every value of the standard's picklist must read back.
        for code in [
            "ForcedLabour",
            "SexualExploitation",
            "ChildLabour",
            "ForcedMarriage",
            "Servitude",
            "ForcedMilitaryByNonStateActors",
            "OrganRemoval",
            "ForcedBegging",
            "ForcedAdoption",
            "Surrogacy",
            "Other",
        ] {
            assert!(ExploitationType::parse(code).is_some(), "{code}");
        }
    }
}
