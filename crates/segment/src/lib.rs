//! Tokenisation and sentence segmentation for news English — the first stage after reading.
//!
//! [`segment`] fills `Document::tokens` and `Document::sentences` without touching the text:
//! every token is a byte span, every gap between tokens is whitespace, so the text is rebuilt
//! exactly from tokens and their `space_after` (see `Document::rebuild`).
//!
//! Tokens are *syntactic words* in the Universal Dependencies sense, following English-EWT's
//! conventions so that the parser sees what it was trained on:
//! - clitics are split off the word they end (`Google|'s`, `do|n't`, `ca|n't`, `I|'m`, `can|not`) and
//!   marked `joined_to_prev`, which is how CoNLL-U multiword tokens are rebuilt;
//! - hyphenated compounds are split (`search|-|engine`) unless the first part is a bound prefix
//!   (`co-workers`, `e-mail`, `pre-war`) or the word holds digits (`713-853-3989`, `2022-02-23`);
//! - abbreviations keep their period (`Mr.`, `U.S.`, `Feb.`), initials too (`J.`); URLs and e-mail
//!   addresses are one token; decimals and thousands separators stay inside numbers;
//! - quotes (straight, curly, guillemets), brackets, dashes and currency signs are their own tokens.
//!
//! Sentence boundaries come after `.`, `!`, `?` and ellipses (with any closing quotes or brackets
//! that follow them) when the next token can begin a sentence, never after a title abbreviation
//! (`Gen.`, `Mr.`), and always at a blank line. A single line break ends a sentence unless the next
//! line continues in lower case (hard-wrapped text). Sentences may end inside a quotation.
//!
//! ```
//! use dragoman_doc::Document;
//! let mut doc = Document::new("Mr. Khan didn't go to the U.S. He went to Moscow.");
//! dragoman_segment::segment(&mut doc);
//! assert_eq!(doc.sentences.len(), 2);
//! let words: Vec<&str> = (0..doc.tokens.len()).map(|i| doc.token_text(i)).collect();
//! assert_eq!(&words[..5], ["Mr.", "Khan", "did", "n't", "go"]);
//! assert_eq!(doc.rebuild(), doc.text);
//! ```

mod lexicon;
mod sentences;
mod tokens;

pub use sentences::split_sentences;
pub use tokens::tokenize;

use dragoman_doc::Document;

/// Tokenises the document and splits it into sentences, replacing any earlier segmentation.
pub fn segment(doc: &mut Document) {
    let (leading, tokens) = tokenize(&doc.text);
    doc.leading_space = leading;
    doc.sentences = split_sentences(&doc.text, &tokens);
    doc.tokens = tokens;
    doc.syntax.clear();
}
