use std::path::PathBuf;

/// What can go wrong in this crate. Finding quotations in a document never fails; only loading
/// the lexicon and reading evaluation data do.
#[derive(Debug, thiserror::Error)]
pub enum QuoteError {
    /// A line of a lexicon file does not have the documented shape.
    #[error("lexicon {file}, line {line}: {message}")]
    Lexicon { file: &'static str, line: usize, message: String },
    /// An evaluation file could not be read.
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    /// A brat standoff file has a line this reader does not understand.
    #[error("{path}, line {line}: {message}")]
    Standoff { path: PathBuf, line: usize, message: String },
    /// The evaluation directory has no articles with annotations.
    #[error("{0}: no annotated articles found (expected text/*.txt and attributions/*.ann)")]
    Empty(PathBuf),
}
