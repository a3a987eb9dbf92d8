//! Actors: who a news article talks about, resolved to a CAMEO-style code on the article's date.
//!
//! This crate is the `actors` stage of dragoman: it runs after segmentation (and, when available,
//! tagging and parsing) and before events and quotations, which need to know that "Moscow" in
//! "Moscow and Islamabad are in talks" is the Russian government (`RUSGOV`) and that "Pakistani
//! Prime Minister Imran Khan" was `PAKGOV` on 2022-02-22 but not on 2023-01-01. It does not find
//! events or quotations and never changes the document.
//!
//! # Main types
//! - [`KnowledgeBase`]: entries (countries, capitals, regions, organisations, groups, people with
//!   dated roles), agent words (`prime minister` → `GOV`, `troops` → `MIL`) and the compiled
//!   matcher. Built once ([`KnowledgeBase::embedded`], a `OnceLock`), immutable, `Send + Sync`.
//! - [`KbBuilder`]: loads the embedded data (`data/*.tsv`, `data/leaders/*.tsv`, all compiled in
//!   with `include_str!`), extra tables in the same formats, and PETRARCH/TABARI dictionaries
//!   ([`KbBuilder::add_petrarch_file`], the CLI's `--actors FILE`), each of which overrides
//!   same-named entries loaded before it.
//! - [`KnowledgeBase::recognise`] → `Vec<ActorMention>` (the pipeline record);
//!   [`KnowledgeBase::recognise_detailed`] → `Vec<Mention>` with the coreference `entity_id`, the
//!   `rule` that fired and token ranges.
//! - [`KnowledgeBase::lookup`] → `Vec<LookupResult>` (Display prints the entry, its roles and the
//!   code on the date): `dragoman actors lookup "Imran Khan" --date 2022-02-22`.
//! - [`petrarch::check_sample`]: loads the four Phoenix dictionaries and checks a sample resolves
//!   as written (for the evaluation suite; the unit tests never read `/work/shared`).
//!
//! # How a code is chosen
//! An entry's code on a date is the dated code (role) covering the date, the latest-starting one if
//! several do; else its undated code; else, for a person after their last role, country + `ELI`
//! (CAMEO's former officials) and before their first role the bare country. Without a date the
//! current roles are used and every result is flagged `date_assumed`.
//!
//! # Matching and composition
//! Names are matched over *units* (tokens, with hyphenated compounds rejoined), normalised
//! (lower case, straight quotes, no periods or diacritics) in a token trie, leftmost-longest. The
//! case each dictionary word is written in is checked against the text: `Turkey` but not
//! `turkey`, `US` but not `us`; sentences in capitals (headlines) relax the check. Design choice:
//! a token trie rather than byte-level Aho-Corasick, because every match must start and end on
//! token boundaries, the case check is per token, and the same units feed the composition grammar.
//! The matcher touches each unit once per active trie path; see `tests/recognise.rs` for the
//! throughput test.
//!
//! Rules a [`Mention`] may carry:
//! `name` (an entry by name), `place` (a city that locates: code = its country, e.g. `in Moscow` →
//! kind city, code `RUS`), `capital-as-government` (a capital that acts — subject, object,
//! possessor, coordinated with an actor, or without a locative preposition: kind organisation,
//! code country + `GOV`), `people` (`Pakistanis`), `title` (modifier + agent: `the Pakistani
//! newspaper` → `PAKMED`), `title+holder` (a definite title whose holder on the date is known:
//! `the Russian president` → Vladimir Putin), `title+name` (`Russian President Vladimir Putin` →
//! one mention, `RUSGOV`), `title+name-coref`, `title+unknown-name` (`Pakistani analyst Jan Doe`:
//! a person with country and sector but no code), `title-coref` (`the prime minister` → the last
//! prime minister mentioned), `agent` (an agent word with no country: sector only, no code),
//! `surname` / `surname-coref` (`Putin`, `Khan`), `honorific+name`, `name+speech-verb`,
//! `according-to+name` (unknown people), `coref-pronoun` (`he`, `his`, `she`, `her`).
//!
//! ```
//! use dragoman_actors::KnowledgeBase;
//! use chrono::NaiveDate;
//! let kb = KnowledgeBase::embedded()?;
//! let mut doc = dragoman_doc::Document::new("Moscow and Islamabad are in talks. He flew to Moscow.");
//! dragoman_segment::segment(&mut doc);
//! let date = NaiveDate::from_ymd_opt(2022, 2, 22);
//! let m = kb.recognise(&doc, date);
//! let codes: Vec<_> = m.iter().map(|m| (doc.slice(m.span), m.code.as_deref())).collect();
//! assert_eq!(codes, [("Moscow", Some("RUSGOV")), ("Islamabad", Some("PAKGOV")), ("Moscow", Some("RUS"))]);
//! # Ok::<(), dragoman_actors::ActorError>(())
//! ```
//!
//! The data formats are documented in `crates/actors/data/README.md`.

mod date;
mod error;
mod kb;
mod lookup;
mod norm;
pub mod petrarch;
mod recognise;
mod trie;

pub use error::ActorError;
pub use kb::{Agent, AgentClass, CodeRule, DatedCode, Entry, KbBuilder, KbStats, KnowledgeBase, Resolved};
pub use lookup::{report, LookupResult, Reading};
pub use petrarch::{check_sample, SampleReport};
pub use recognise::Mention;

use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/leaders.rs"));

static EMBEDDED: OnceLock<Result<KnowledgeBase, String>> = OnceLock::new();

impl KnowledgeBase {
    /// The knowledge base compiled from the embedded data, built on first use and shared.
    pub fn embedded() -> Result<&'static KnowledgeBase, ActorError> {
        EMBEDDED
            .get_or_init(|| KbBuilder::new().embedded_data().and_then(KbBuilder::build).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| ActorError::Format { file: "embedded data".into(), line: 0, message: e.clone() })
    }

    /// A builder; add data with its methods, then `build()`.
    pub fn builder() -> KbBuilder {
        KbBuilder::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knowledge_base_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<KnowledgeBase>();
    }
}
