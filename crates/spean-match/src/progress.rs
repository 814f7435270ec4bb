//! Progress reporting without I/O: the engine calls a trait, the caller draws.

/// Receives the engine's progress; the command line draws a bar, tests ignore it.
pub trait Progress: Sync {
    /// A stage begins, with its total number of steps.
    fn start(&self, stage: &str, total: u64);
    /// `steps` more steps of the current stage are done.
    fn advance(&self, steps: u64);
    /// The current stage is done.
    fn finish(&self);
}

/// Progress that goes nowhere.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _stage: &str, _total: u64) {}
    fn advance(&self, _steps: u64) {}
    fn finish(&self) {}
}
