//! The document model every dragoman stage shares.
//!
//! A [`Document`] owns the original article text, which is never changed. Everything derived from it —
//! sentences, tokens, and later actors, events, quotations and time expressions — is stand-off: a
//! [`Span`] into that text plus whatever the stage adds. Inside the engine a span is always a pair of
//! **UTF-8 byte offsets**, half-open, on `char` boundaries, so `&doc.text[span.range()]` is the covered
//! text. Only the JSON edge converts to Unicode scalar (character) offsets, via [`CharIndex`].
//!
//! Tokenisation is lossless: every token records the whitespace that follows it, and
//! [`Document::rebuild`] concatenates tokens and gaps back into exactly the original text
//! (tested in `tests/`).
//!
//! ```
//! use dragoman_doc::{Document, Span};
//! let doc = Document::new("Putin met Khan.");
//! let s = Span::new(0, 5);
//! assert_eq!(doc.slice(s), "Putin");
//! ```

mod records;
mod span;

pub use records::*;
pub use span::{CharIndex, Span};

use serde::{Deserialize, Serialize};

/// Where a record came from before it was analysed: the metadata a reader found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// A stable identifier: the reader's `id` field, else the file name and line/record number.
    pub id: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    /// Publication date, `YYYY-MM-DD`, when the input gave one or the user passed `--date`.
    pub date: Option<String>,
}

/// A token: one syntactic word (clitics such as `'s` and `n't` are their own tokens).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    /// Bytes of whitespace between this token's end and the next token (or the end of the text).
    pub space_after: u32,
    /// True when this token was split off the end of the previous surface word without a space
    /// (`'s` of `Google's`, `n't` of `don't`): CoNLL-U writes such pairs as one multiword token.
    pub joined_to_prev: bool,
}

/// A sentence: a span of the text and the half-open range of its tokens in [`Document::tokens`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub tokens: std::ops::Range<usize>,
    /// True when this sentence begins a paragraph (first sentence, or after a blank line).
    pub starts_paragraph: bool,
}

/// One article: its unchanged text, its metadata, and the layers the pipeline adds.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub meta: Meta,
    pub text: String,
    /// Leading whitespace before the first token (bytes), so that `rebuild` is exact.
    pub leading_space: u32,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// The syntax layer, parallel to `tokens` (empty until the syntax stage has run).
    pub syntax: Vec<WordSyntax>,
    /// Problems met while reading or analysing this document; it still produces output.
    pub errors: Vec<StageError>,
}

/// Part of speech, lemma and dependency of one token, as the syntax stage predicts them.
///
/// Tag and relation names are `&'static str` because they come from the one model loaded per
/// process (its label table lives as long as the process); this keeps the layer allocation-free
/// apart from lemmas.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordSyntax {
    /// Universal POS tag, e.g. `PROPN`.
    pub upos: &'static str,
    /// Penn Treebank tag, e.g. `NNP`.
    pub xpos: &'static str,
    pub lemma: String,
    /// Absolute index (into `Document::tokens`) of the head token; `None` for the sentence root.
    pub head: Option<usize>,
    /// Universal Dependencies relation, e.g. `nsubj`, `obl:tmod`.
    pub deprel: &'static str,
}

impl Document {
    pub fn new(text: impl Into<String>) -> Self {
        Document { text: text.into(), ..Default::default() }
    }

    pub fn with_meta(text: impl Into<String>, meta: Meta) -> Self {
        Document { text: text.into(), meta, ..Default::default() }
    }

    /// The text a span covers. Panics if the span is not on char boundaries of this text, which
    /// would be a bug in the stage that made it (spans from outside are checked by [`Span::checked`]).
    #[inline]
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    /// The text of token `i`.
    #[inline]
    pub fn token_text(&self, i: usize) -> &str {
        self.slice(self.tokens[i].span)
    }

    /// The tokens of a sentence.
    #[inline]
    pub fn sentence_tokens(&self, s: &Sentence) -> &[Token] {
        &self.tokens[s.tokens.clone()]
    }

    /// Rebuilds the text from the leading whitespace, the tokens and the whitespace after each one.
    /// Equal to `self.text` whenever the segmenter kept its promise of losslessness.
    pub fn rebuild(&self) -> String {
        let mut out = String::with_capacity(self.text.len());
        let mut pos = 0usize;
        let lead = self.leading_space as usize;
        out.push_str(&self.text[..lead]);
        pos += lead;
        for t in &self.tokens {
            // Tokens are contiguous with their gaps; anything else is reported as a mismatch by the
            // caller comparing the result to `text`.
            if t.span.start != pos {
                out.push('\u{FFFD}');
            }
            out.push_str(self.slice(t.span));
            let gap_end = t.span.end + t.space_after as usize;
            out.push_str(&self.text[t.span.end..gap_end.min(self.text.len())]);
            pos = gap_end;
        }
        out
    }
}
