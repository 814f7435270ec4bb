//! The HTML routes, one module per area, each with its `router()`.

pub(crate) mod admin;
pub(crate) mod audit;
pub(crate) mod auth;
pub(crate) mod cases;
pub(crate) mod home;
pub(crate) mod persons;
