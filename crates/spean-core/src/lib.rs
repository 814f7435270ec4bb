//! Spean domain types and rules: ids, persons, cases, roles, access policy, HTCDS vocabulary.
