//! Political event coding: from each parsed sentence, the events it asserts — who did what to
//! whom — coded in CAMEO and PLOVER, with the trigger, the rule that fired and its modality.
//!
//! This is the stage after `syntax` (lemmas, POS, dependency tree in `Document::syntax`) and
//! `actors` (actor mentions with codes). It does not find actors, parse, or date events: it reads
//! those layers. It is not a classifier: every event names the dictionary line that produced it.
//!
//! # How it works
//! 1. **Dictionaries** are data: `data/codes.txt` (every CAMEO code with PLOVER type/mode, quad
//!    class, Goldstein weight, and the 03x code an intended event becomes) and
//!    `data/patterns.txt` (verb, phrasal, light-verb and event-noun patterns by code; format in
//!    `data/README.md`). Both are embedded; PETRARCH verb dictionaries can be added
//!    ([`CoderBuilder::petrarch_verbs`]) and are mapped into the same [`Pattern`] model.
//! 2. **Matching** looks each token's lemma up in a hash index (never scanning all patterns) and
//!    keeps the most specific pattern whose particle, object, prepositional constraints and target
//!    slot the dependency tree satisfies.
//! 3. **Arguments** come from grammatical relations: active subject / object, passive subject +
//!    `by` agent, targets in prepositional phrases, possessors and `by` phrases of event nouns
//!    ("Khan's visit to Moscow"), controlled and relative clauses, coordination (one event per
//!    actor), appositions; "A and B agreed" on a reciprocal pattern gives A->B and B->A (also
//!    where the pattern names the partner in a `with` phrase: "A and B held joint drills").
//!    A country adjective on a noun that is no actor of its own stands for its country ("seized
//!    a Greek tanker" -> GRC, from the actor knowledge base's country adjectives); "the city of
//!    X" is X; the `of` phrase of an event noun is its patient, not its actor. What an
//!    accusation alleges ("accused X of violating the deal") is not coded as an event. An
//!    amount's `in`/`of` phrase is what a pattern's object names ("pledged $500 million in
//!    aid"). A reporting verb that introduces a quotation is the attribution, not an event,
//!    unless the act has a target, is a rejection (12x) or is named by the pattern's object
//!    ("declared a state of emergency").
//! 4. **Modality** is never dropped into fact: negation (`not`, `never`, `nor`, `no longer`,
//!    `failed to`) sets `negated`; `will`, `plans to`, `is set to`, `expected to` make the event
//!    `Intended` and recode it to its 03x intent code ("will meet" -> 036); `if`, `would`,
//!    `could` make it `Hypothetical`; a question sentence makes it `Question`.
//! 5. Events inside a quotation point to it (`Event::quote`); [`assign_dates`] adds dates from
//!    time expressions governing the trigger, else the article date.
//!
//! ```
//! use dragoman_events::Coder;
//! let coder = Coder::embedded().unwrap();
//! assert!(coder.pattern_count() >= 1500);
//! assert_eq!(coder.codes().get("042").unwrap().plover.as_deref(), Some("CONSULT"));
//! ```
//! # API
//! - [`Coder::embedded`] — the shared coder with the embedded dictionaries;
//!   [`Coder::builder`] adds PETRARCH verb files (`--verbs FILE`), agents and discards.
//! - [`Coder::code`]`(doc, actors, quotes)` — events of one document (needs `doc.syntax`).
//! - [`assign_dates`]`(doc, timexes, &mut events)` — dates from `dragoman_time::governing_timex`,
//!   else the article date.
//! - [`devset`] — the development set format (`tests/devset.tsv`, held-out `tests/heldout.tsv`)
//!   and [`devset::run`]`(cases, |text, date| Coded { doc, events })`, which scores the caller's
//!   pipeline end to end ([`devset::DevReport::render`] / `to_json`). This crate cannot call the
//!   pipeline (the pipeline depends on it), hence the closure.
//! - [`petr_compat::Engine`] — PETRARCH-compatible coding: a sentence coded the way PETRARCH-1
//!   does, from a Penn tree and PETRARCH-1 dictionaries (linear pattern matching, compounds,
//!   composed agent codes, synsets, source/target slots, paired codes, dated actors);
//!   [`petr_compat::petr2::Petr2`] codes the way PETRARCH2 does, from PETRARCH2's verb
//!   dictionary (tree-based verb-phrase meanings, `{}`/`()` patterns, transformations,
//!   combined codes, negation, passives).
//! - [`petrarch_eval::evaluate`]`(records, dicts_dir, Trees::Gold | Trees::Own(&parse))` —
//!   agreement with PETRARCH's test records through [`petr_compat`] (PETRARCH2 for
//!   `CAMEO.2.0.txt`, [`petrarch_eval::evaluate_with`] chooses), from the records' trees
//!   or dragoman's parse converted by [`penn::from_document`];
//!   [`petrarch_eval::PetrMetrics::render`] / `to_json`.
//!
//! # Measured (2022-02-22 as default date; see `examples/devset.rs`, `examples/petrarch_eval.rs`)
//! - devset (180 sentences, developed on): records F1 .815 (P .821, R .809), exact sentences
//!   138/180 (`dragoman eval events crates/events/tests/devset.tsv`).
//! - held-out (69 sentences, written before tuning, never developed on; measured after each
//!   change): records F1 .900 (P .900, R .900), exact 60/69, modality 72/72.
//! - PETRARCH unit-test records with the validation dictionaries, through [`petr_compat`]:
//!   270/277 exact (97.5 %) with the records' trees, 235/277 (84.8 %) with dragoman's parse
//!   converted to trees (PETRARCH-1: 276/276; this dependency coder alone: 72 and 75).
//!   GSR (73 records, Phoenix dictionaries, through [`petr_compat::petr2`]): 52/73 with the
//!   records' trees, 45/73 with dragoman's parse (accurate model), against PETRARCH2's 52/73
//!   (PETRARCH2 run here on the same trees: 51/73 and 45/73). The PETRARCH2-compatible coder
//!   on the unit-test records: 81/277 (PETRARCH2 itself: 85/277).
//!
//! See `tests/coder.rs` for examples over hand-built parses and `tests/end_to_end.rs` for the
//! real stages.

mod codes;
mod coder;
mod dict;
pub mod devset;
mod petrarch;
pub mod penn;
pub mod petr_compat;
pub mod petrarch_eval;

pub use codes::{CodeInfo, CodeTable};
pub use coder::assign_dates;
pub use dict::{parse_patterns, Constraint, Dictionary, Kind, Pattern, Phrase, Slot, Words};
pub use petrarch::{parse_agents, parse_discards, parse_verbs, Agents, Discards, ImportReport};

use std::sync::OnceLock;

/// Errors of building a coder. Coding itself does not fail: a document without a syntax layer
/// simply yields no events.
#[derive(Debug, thiserror::Error)]
pub enum EventError {
    #[error("{file}:{line}: {message}")]
    Syntax { file: String, line: usize, message: String },
    #[error("{file}: {source}")]
    Io { file: String, source: std::io::Error },
    #[error("pattern {rule} uses code {code}, which is not in the code table")]
    UnknownCode { rule: String, code: String },
}

const CODES: &str = include_str!("../data/codes.txt");
const PATTERNS: &str = include_str!("../data/patterns.txt");

/// The compiled dictionaries. Immutable once built, `Send + Sync`: build once, share everywhere.
#[derive(Debug, Clone)]
pub struct Coder {
    pub(crate) codes: CodeTable,
    pub(crate) dict: Dictionary,
    pub(crate) agents: Agents,
    pub(crate) discards: Discards,
    /// Recode intended events to their 03x intent code ("will meet" -> 036); off to compare
    /// with PETRARCH, which codes the act itself.
    pub(crate) recode_intent: bool,
    /// Read country adjectives on argument nouns as the country ("seized a Greek tanker" ->
    /// target GRC), from the embedded actor knowledge base.
    pub(crate) country_adjectives: bool,
}

impl Coder {
    /// The coder with the embedded dictionaries, compiled on first use.
    pub fn embedded() -> Result<&'static Coder, EventError> {
        static CODER: OnceLock<Result<Coder, String>> = OnceLock::new();
        CODER
            .get_or_init(|| Coder::builder().build().map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|m| EventError::Syntax { file: "embedded".into(), line: 0, message: m.clone() })
    }

    pub fn builder() -> CoderBuilder {
        CoderBuilder {
            embedded: true,
            patterns: Vec::new(),
            agents: Agents::default(),
            discards: Discards::default(),
            reports: Vec::new(),
            recode_intent: true,
            country_adjectives: true,
        }
    }

    pub fn codes(&self) -> &CodeTable {
        &self.codes
    }

    pub fn dictionary(&self) -> &Dictionary {
        &self.dict
    }

    pub fn pattern_count(&self) -> usize {
        self.dict.len()
    }
}

/// Configures a [`Coder`]: the embedded patterns, plus PETRARCH dictionaries.
#[derive(Debug)]
pub struct CoderBuilder {
    embedded: bool,
    patterns: Vec<Pattern>,
    agents: Agents,
    discards: Discards,
    reports: Vec<ImportReport>,
    recode_intent: bool,
    country_adjectives: bool,
}

impl CoderBuilder {
    /// Whether an intended event becomes its 03x intent code (default yes: "will meet" -> 036,
    /// `modality: intended`). PETRARCH codes the act itself; its evaluation turns this off.
    pub fn recode_intent(mut self, on: bool) -> Self {
        self.recode_intent = on;
        self
    }

    /// Whether a country adjective on an argument noun stands for its country ("a Greek tanker"
    /// -> GRC; default yes). The adjectives always come from the embedded actor knowledge base
    /// (`countries.tsv`), also when the actor stage runs with other dictionaries. The PETRARCH
    /// evaluation, which codes with the records' own actor dictionaries, turns it off.
    pub fn country_adjectives(mut self, on: bool) -> Self {
        self.country_adjectives = on;
        self
    }

    /// Leave out the embedded patterns (to code with imported dictionaries alone).
    pub fn without_embedded(mut self) -> Self {
        self.embedded = false;
        self
    }

    /// Adds patterns written in the project's own format.
    pub fn patterns(mut self, text: &str, file: &str) -> Result<Self, EventError> {
        self.patterns.extend(parse_patterns(text, file)?);
        Ok(self)
    }

    /// Adds a PETRARCH verb dictionary (`CAMEO.2.0.txt` syntax), mapped into patterns.
    pub fn petrarch_verbs(mut self, path: &std::path::Path) -> Result<Self, EventError> {
        let text = read(path)?;
        let (pats, report) = parse_verbs(&text, &file_name(path));
        self.patterns.extend(pats);
        self.reports.push(report);
        Ok(self)
    }

    /// Adds a PETRARCH agents dictionary: nouns ("police", "foreign minister") that code an
    /// argument no actor mention covers.
    pub fn petrarch_agents(mut self, path: &std::path::Path) -> Result<Self, EventError> {
        let text = read(path)?;
        let report = self.agents.add(&text, &file_name(path));
        self.reports.push(report);
        Ok(self)
    }

    /// Adds a PETRARCH discards list: phrases that make a sentence (or, with `+`, a whole
    /// document) uncodable ("Manchester United", "typhoon").
    pub fn petrarch_discards(mut self, path: &std::path::Path) -> Result<Self, EventError> {
        let text = read(path)?;
        self.discards.add(&text);
        Ok(self)
    }

    /// What the PETRARCH imports kept and skipped so far.
    pub fn reports(&self) -> &[ImportReport] {
        &self.reports
    }

    pub fn build(self) -> Result<Coder, EventError> {
        let codes = CodeTable::parse(CODES, "codes.txt")?;
        let mut pats = if self.embedded { parse_patterns(PATTERNS, "patterns.txt")? } else { Vec::new() };
        // Own patterns must use listed codes; imported ones may use codes the table only knows by
        // an ancestor (the 01/02 families PLOVER dropped).
        for p in &pats {
            for c in p.code.iter().chain(p.pair.iter()) {
                if codes.get(c).is_none() {
                    return Err(EventError::UnknownCode { rule: p.rule.clone(), code: c.clone() });
                }
            }
        }
        pats.extend(self.patterns);
        Ok(Coder {
            codes,
            dict: Dictionary::new(pats),
            agents: self.agents,
            discards: self.discards,
            recode_intent: self.recode_intent,
            country_adjectives: self.country_adjectives,
        })
    }
}

fn read(path: &std::path::Path) -> Result<String, EventError> {
    let bytes = std::fs::read(path).map_err(|source| EventError::Io { file: path.display().to_string(), source })?;
    // PETRARCH files are mostly ASCII but a few carry Latin-1 bytes in comments.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coder_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Coder>();
    }
}
