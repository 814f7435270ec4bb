//! One module per subcommand: its arguments and its `run` function.

pub(crate) mod agency;
pub(crate) mod audit;
pub(crate) mod demo;
pub(crate) mod link;
pub(crate) mod migrate;
pub(crate) mod romanize;
pub(crate) mod screen;
pub(crate) mod serve;
pub(crate) mod user;
