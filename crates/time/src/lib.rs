//! Time expressions: recognition (TIMEX3 extents and types), normalisation against the article
//! date, and dating of events by the time expression that governs their clause.
//!
//! Pipeline position: after segmentation (and, when present, the syntax layer); before events.
//! What it is not: a temporal-relation (TLINK) annotator, or a parser of free-form date strings.
//!
//! ## Stages
//! 1. **Pieces** — each token is cut at hyphens and slashes and classified once through the word
//!    tables in `lexicon.rs` (months, weekdays, number words, units, seasons, …).
//! 2. **Grammar** — hand-written, leftmost-longest rules over the pieces of one sentence
//!    (`grammar.rs`). Every match names its rule (`date.month-day`, `duration.number-unit`, …), and
//!    that id is the [`Timex::rule`] of the record. No regular expressions run per token.
//! 3. **Normalisation** — `resolve.rs` turns the rule's meaning into a TIMEX3 `value` with chrono,
//!    keeping the granularity the text gives (`last month` → `2022-01`, never `2022-01-01`).
//!    Bare weekdays, months and days-of-month are placed by the clause's tense (`tense.rs`): past
//!    looks back, future looks forward, and no cue takes the occurrence nearest the article date.
//! 4. **Event dating** — [`governing_timex`] finds the expression that dates a trigger.
//! 5. **Evaluation** — [`timeml::evaluate`] scores the tagger on TimeML files (TempEval-3 metrics).
//!
//! ## Conventions (TimeML / TimeBank)
//! - Extents include the determiner and modifiers TimeBank includes (`the last two years`,
//!   `nearly four years ago`, `the early 1980s`, `earlier this week`) and exclude prepositions
//!   (`since 1999` → `1999`).
//! - `PRESENT_REF` / `PAST_REF` / `FUTURE_REF` for `now`, `recently`, `the future`.
//! - Durations: `P2D`, `PT3H`; decades and centuries are written in years (`two decades` → `P20Y`)
//!   as TimeBank does; an unspecified count gives `PXY`.
//! - Without a document date (`dct = None`), values that need an anchor become underspecified
//!   (`Wednesday` → `XXXX-WXX-3`, `Feb. 23` → `XXXX-02-23`) or reference forms (`last month` →
//!   `PAST_REF`, `this year` → `PRESENT_REF`, `next week` → `FUTURE_REF`).
//!
//! ## Evaluation and development data
//! `dragoman eval timeml DIR...` calls [`timeml::evaluate`]. The rules were written against the
//! first half (by file name) of TimeBank plus hand-made sentences (`tests/table.rs`); the second
//! half of TimeBank and all of AQUAINT were never inspected ([`timeml::dev_heldout_split`]).
//! `cargo run --release -p dragoman-time --example timeml_dev -- TimeBank AQUAINT --all` prints
//! both splits; without `--all` it lists the development split's errors only.
//!
//! ```
//! use dragoman_doc::Document;
//! use dragoman_time::TimeTagger;
//! let mut doc = Document::new("Khan begins a two-day visit from Wednesday, the first in 23 years.");
//! dragoman_segment::segment(&mut doc);
//! let dct = chrono::NaiveDate::from_ymd_opt(2022, 2, 22);
//! let found: Vec<(String, String)> = TimeTagger::new()
//!     .tag(&doc, dct)
//!     .iter()
//!     .map(|t| (doc.slice(t.span).to_string(), t.value.clone()))
//!     .collect();
//! assert_eq!(found, [("two-day".into(), "P2D".into()), ("Wednesday".into(), "2022-02-23".into()),
//!                    ("23 years".into(), "P23Y".into())]);
//! ```

mod dating;
mod grammar;
mod lexicon;
mod resolve;
mod tense;
pub mod timeml;

pub use dating::governing_timex;
pub use timeml::{TimeError, TimemlMetrics};

use dragoman_doc::{Document, Span, Timex};
use grammar::{Matcher, Pieces};
use lexicon::Lexicon;
use resolve::{Sem, Tense};

fn mentions_quarter(doc: &Document) -> bool {
    doc.tokens.iter().any(|t| {
        let s = doc.slice(t.span);
        s.len() >= 7 && s.get(..7).is_some_and(|p| p == "quarter") || s.contains("-quarter")
    })
}

/// The time tagger: word tables built once, immutable, shared across threads.
pub struct TimeTagger {
    lex: Lexicon,
}

impl Default for TimeTagger {
    fn default() -> Self {
        Self::new()
    }
}

impl TimeTagger {
    pub fn new() -> Self {
        TimeTagger { lex: Lexicon::new() }
    }

    /// All time expressions of a segmented document, in text order, normalised against `dct`.
    /// A document without sentences is read as one sentence; one without tokens yields nothing.
    pub fn tag(&self, doc: &Document, dct: Option<chrono::NaiveDate>) -> Vec<Timex> {
        let mut out = Vec::new();
        let mut pieces = Pieces::default();
        // Does the document speak of quarters (earnings language)? Read lazily: only the
        // `a year ago` rule needs it.
        let quarterly_cell = std::cell::OnceCell::new();
        let ranges: Vec<std::ops::Range<usize>> = if doc.sentences.is_empty() {
            std::iter::once(0..doc.tokens.len()).collect()
        } else {
            doc.sentences.iter().map(|s| s.tokens.clone()).collect()
        };
        for toks in ranges {
            if toks.is_empty() {
                continue;
            }
            pieces.fill(&self.lex, doc, toks.clone());
            for mut c in Matcher::new(&pieces).run() {
                grammar::frequency_set(&pieces, &mut c);
                let first = &pieces.v[c.s];
                let last = &pieces.v[c.e - 1];
                let needs_tense = matches!(
                    c.sem,
                    Sem::Weekday { dir: resolve::Dir::Tense, .. }
                        | Sem::Month { y: None, dir: resolve::Dir::Tense, .. }
                        | Sem::Date { y: None, .. }
                        | Sem::Season { y: None, dir: resolve::Dir::Tense, .. }
                        | Sem::Quarter { y: None, .. }
                        | Sem::Weekend
                );
                // In earnings language `a year ago` / `a year earlier` compare the reported
                // quarter (the last completed one) with the same quarter a year before.
                if let Sem::Shift { g: resolve::Gran::Year, n } = c.sem {
                    let quarterly = *quarterly_cell.get_or_init(|| mentions_quarter(doc));
                    if c.rule == "date.ago" && n < 0 && quarterly {
                        c.sem = Sem::Shift { g: resolve::Gran::Quarter, n: 4 * n - 1 };
                        c.rule = "date.ago-quarter";
                    }
                }
                let tense = if needs_tense && dct.is_some() {
                    tense::tense_at(doc, toks.clone(), first.tok..last.tok + 1)
                } else {
                    Tense::Unknown
                };
                let value = resolve::render(&c.sem, dct, tense, c.suffix.as_deref());
                out.push(Timex { span: Span::new(first.start, last.end), kind: c.kind, value, rule: c.rule.to_string() });
            }
        }
        out
    }
}
