//! Typed identifiers, so a case id can never be passed where a person id is expected.
//!
//! All ids are UUID v7: time-ordered, so new rows land at the end of indexes.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// A fresh, time-ordered id.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }

            /// Wraps an existing UUID (read back from storage or a request).
            pub fn from_uuid(uuid: Uuid) -> Self {
                Self(uuid)
            }

            /// The underlying UUID.
            pub fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    };
}

typed_id!(
    /// Identifies an agency (DSI, Royal Thai Police AHTD, MSDHS, ...).
    AgencyId
);
typed_id!(
    /// Identifies a user account.
    UserId
);
typed_id!(
    /// Identifies a person record.
    PersonId
);
typed_id!(
    /// Identifies a case.
    CaseId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_their_text_form() {
        let id = CaseId::new();
        let parsed: CaseId = id.to_string().parse().unwrap();
        assert_eq!(id, parsed);
    }

    #[test]
    fn later_ids_sort_after_earlier_ones() {
        let first = PersonId::new();
        std::thread::sleep(std::time::Duration::from_millis(2));
        let second = PersonId::new();
        assert!(first < second);
    }

    #[test]
    fn garbage_is_not_an_id() {
        assert!("not-a-uuid".parse::<UserId>().is_err());
    }
}
