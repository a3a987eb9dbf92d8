//! Evaluation of dragoman's stages against gold data.
//!
//! - [`segment`]: sentence and token boundaries against a CoNLL-U treebank, with the CoNLL 2018
//!   shared task's semantics (`dragoman eval segment`).
//! - [`parse`]: tagging and parsing from raw text after word alignment (`dragoman eval parse --raw`);
//!   the gold-token scores live with the model, in `dragoman_syntax::eval`.
//! - [`align`]: the character alignment those metrics rest on.
//!
//! Every evaluation returns a plain metrics struct that serialises to one JSON object whose keys
//! name the metrics, and has a `report()` for people.

pub mod align;
pub mod parse;
pub mod segment;

/// Precision, recall and F1 of `correct` matches among `system` predictions and `gold` items.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub correct: usize,
    pub system: usize,
    pub gold: usize,
}

impl Prf {
    pub fn new(correct: usize, system: usize, gold: usize) -> Self {
        let p = if system == 0 { 0.0 } else { correct as f64 / system as f64 };
        let r = if gold == 0 { 0.0 } else { correct as f64 / gold as f64 };
        let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        Prf { precision: p, recall: r, f1: f, correct, system, gold }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("cannot read {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}: {source}")]
    Conllu { path: String, source: dragoman_conllu::ConlluError },
    #[error("{0}")]
    Data(String),
}

/// Reads and parses a CoNLL-U file.
pub fn read_conllu(path: &std::path::Path) -> Result<Vec<dragoman_conllu::Sentence>, EvalError> {
    let text = std::fs::read_to_string(path)
        .map_err(|source| EvalError::Io { path: path.display().to_string(), source })?;
    dragoman_conllu::parse(&text).map_err(|source| EvalError::Conllu { path: path.display().to_string(), source })
}
