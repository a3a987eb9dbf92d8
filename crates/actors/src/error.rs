use std::path::PathBuf;

/// Why a knowledge base could not be built or a dictionary could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ActorError {
    /// A line of a data file does not follow its format; `source` names the file.
    #[error("{file}:{line}: {message}")]
    Format { file: String, line: usize, message: String },
    /// A dictionary file could not be read.
    #[error("cannot read {path}: {err}")]
    Io { path: PathBuf, err: std::io::Error },
    /// A sample check found entries that did not resolve as written (see `petrarch::check_sample`).
    #[error("{failed} of {checked} sampled entries did not resolve as written; first: {first}")]
    Check { checked: usize, failed: usize, first: String },
}

impl ActorError {
    pub(crate) fn format(source: &str, line: usize, message: impl Into<String>) -> Self {
        ActorError::Format { file: source.to_string(), line, message: message.into() }
    }
}
