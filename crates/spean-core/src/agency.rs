//! Agencies: the compartments within which records are owned and seen.

use serde::{Deserialize, Serialize};

use crate::id::AgencyId;

/// A country that runs a Spean node (ISO 3166-1 alpha-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Country {
    /// Thailand.
    #[serde(rename = "TH")]
    Thailand,
    /// Cambodia.
    #[serde(rename = "KH")]
    Cambodia,
}

impl Country {
    /// The ISO 3166-1 alpha-2 code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Thailand => "TH",
            Self::Cambodia => "KH",
        }
    }

    /// Reads an ISO 3166-1 alpha-2 code.
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "TH" => Some(Self::Thailand),
            "KH" => Some(Self::Cambodia),
            _ => None,
        }
    }
}

/// An agency (DSI, Royal Thai Police AHTD, MSDHS, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Agency {
    /// Its id.
    pub id: AgencyId,
    /// A short stable code (`DSI`, `RTP-AHTD`, `MSDHS`).
    pub code: String,
    /// The agency's name in its own language or English.
    pub name: String,
    /// The country it belongs to.
    pub country: Country,
}
