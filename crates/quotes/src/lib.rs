//! Who said what: direct, mixed and reported speech, each attributed to a speaker.
//!
//! The finder reads a segmented [`Document`] (tokens and sentences; the parse in `doc.syntax` is
//! used when present) and the actor mentions the actor stage found, and returns [`Quote`] records
//! (`dragoman_doc::Quote`): the content span, the cue span, the speaker (span, canonical entity,
//! actor code) and the id of the rule that made it. It is not a coreference system: pronouns and
//! descriptions are resolved by a nearest-compatible-antecedent rule (see `speaker.rs`).
//!
//! Layers, in order:
//! 1. **Quotation marks** (`marks.rs`) — straight, curly, single, guillemet marks paired on a stack
//!    from the text alone; apostrophes told apart by what flanks them; a quote left open at a
//!    paragraph end continues when the next paragraph reopens with a mark.
//! 2. **Cues** (`lexicon.rs`, `data/cues.tsv`) — ≥ 150 reporting verbs and phrases matched
//!    leftmost-longest on lower-cased tokens outside quotations; a form after a determiner (or, with
//!    a parse, not tagged `VERB`) is a noun and no cue.
//! 3. **Attribution** (`find.rs`) — for each cue: `According to X, …`; the parenthetical
//!    `“…,” X said` / `…, said X`; and cue-first `X said (that) …`, `X told reporters …`,
//!    `X wrote in The News: “…”`. The content is the clause or the whole quotation (across
//!    sentences and paragraphs). A cue inside another attribution's content belongs to it, unless
//!    it opens a new clause (`…, adding that …`), which cuts the first content and shares its source.
//! 4. **Context** — a speech-like quotation no cue reached is attributed to the previous attribution
//!    in the same or the preceding paragraph (`quote:context-previous`); short title-like or scare
//!    quotes are left alone.
//! 5. **Speakers** (`speaker.rs`) — an actor mention in the source span, else pronoun and description
//!    antecedents, else the name itself.
//!
//! A quote is `Direct` when its content is one quotation, `Mixed` when the content holds a quoted
//! fragment (`called the trip ‘ill-timed’`), else `Indirect`. Content spans of direct quotations
//! include their marks (as PolNeAR annotates them). `rule` reads `<attribution rule>+cue:<entry id>`,
//! e.g. `verb:parenthetical+cue:say`.
//!
//! [`polnear`] scores the finder against the PolNeAR attribution corpus.
//!
//! ```
//! use dragoman_doc::{Document, Sentence, Span, Token};
//! use dragoman_quotes::QuoteFinder;
//! // A hand-tokenised document (the segmenter normally does this).
//! let text = "“We will go,” Khan said.";
//! let cuts = [(0, 3), (3, 5), (6, 10), (11, 13), (13, 14), (14, 17), (18, 22), (23, 27), (27, 28)];
//! let mut doc = Document::new(text);
//! doc.tokens = cuts.iter().enumerate().map(|(i, &(s, e))| Token {
//!     span: Span::new(s, e),
//!     space_after: cuts.get(i + 1).map_or(0, |n| (n.0 - e) as u32),
//!     joined_to_prev: false,
//! }).collect();
//! doc.sentences = vec![Sentence { span: Span::new(0, 28), tokens: 0..9, starts_paragraph: true }];
//! let quotes = QuoteFinder::embedded().unwrap().find(&doc, &[]);
//! assert_eq!(doc.slice(quotes[0].content), "“We will go,”");
//! assert_eq!(doc.slice(quotes[0].speaker.as_ref().unwrap().span), "Khan");
//! ```

mod error;
mod find;
pub mod lexicon;
pub mod marks;
pub mod polnear;
mod speaker;
mod words;

pub use error::QuoteError;
use dragoman_doc::{ActorMention, Document, Quote};
use lexicon::Lexicon;
use std::sync::OnceLock;

/// The quotation finder: an immutable lexicon, shared by all threads.
#[derive(Debug)]
pub struct QuoteFinder {
    lexicon: Lexicon,
}

static EMBEDDED: OnceLock<Result<QuoteFinder, String>> = OnceLock::new();

impl QuoteFinder {
    /// The finder built from the lexicon compiled into the binary, parsed once per process.
    pub fn embedded() -> Result<&'static QuoteFinder, QuoteError> {
        let r = EMBEDDED.get_or_init(|| QuoteFinder::from_lexicon(lexicon::CUES_FILE, lexicon::CUES).map_err(|e| e.to_string()));
        match r {
            Ok(f) => Ok(f),
            Err(msg) => Err(QuoteError::Lexicon { file: lexicon::CUES_FILE, line: 0, message: msg.clone() }),
        }
    }

    /// A finder over another lexicon in the `data/cues.tsv` format (for experiments and tests).
    pub fn from_lexicon(file: &'static str, text: &str) -> Result<QuoteFinder, QuoteError> {
        Ok(QuoteFinder { lexicon: Lexicon::parse(file, text)? })
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// All quotations of a segmented document, sorted by content start. `actors` are the actor
    /// stage's mentions (any order); pass `&[]` when there are none.
    pub fn find(&self, doc: &Document, actors: &[ActorMention]) -> Vec<Quote> {
        find::find(&self.lexicon, doc, actors)
    }
}
