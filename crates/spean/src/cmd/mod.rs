//! One module per subcommand: its arguments and its `run` function.

pub(crate) mod link;
pub(crate) mod romanize;
pub(crate) mod screen;
