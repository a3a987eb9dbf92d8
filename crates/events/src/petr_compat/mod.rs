//! PETRARCH-compatible coding: codes a sentence the way PETRARCH-1 does, from a Penn
//! phrase-structure tree and PETRARCH-1 dictionaries, so that its unit-test suite can be
//! reproduced and its dictionaries used as their authors meant them.
//!
//! This is not dragoman's event coder ([`crate::Coder`] works on dependencies and resolves
//! actors with the dated knowledge base). PETRARCH-1 is a *linear* pattern matcher that uses
//! the tree only to delimit phrases, and its dictionaries are written for that:
//!
//! 1. [`linear`]: the tree becomes a flat token list; simple noun phrases become noun
//!    entities (`NE`), coordinated noun phrases compounds (`NEC`), verb phrases are numbered;
//!    comma-delimited clauses within configured word limits are cut out;
//! 2. [`dicts`]: the verb (synonym blocks, patterns, synsets), actor (dated codes), agent and
//!    discard dictionaries;
//! 3. `coder`: each entity gets the code of the first actor phrase in it, composed with the
//!    codes of the agent phrases in it (`GOV` + `ARN` → `ARNGOV`, `NGO~` in front); a compound
//!    entity is split into one entity per part. Then for each verb phrase headed by a known
//!    verb (multi-word verbs too), the verb's block of patterns is matched: the *lower*
//!    part against the words after the verb up to the end of its phrase, the *upper* part
//!    against the words before it, nearest first. Pattern elements are words, synsets
//!    (`&NAME`), the target `+` and source `$` slots (an entity there), `^` (skip the rest of
//!    an entity) and `%` (a compound is both source and target). Without a pattern the
//!    verb's own code applies. The target defaults to the first coded entity after the verb,
//!    the source to the first coded entity before it with a different code; compounds
//!    expand to every pair, paired codes `[032:033]` give the event and its converse, a
//!    passive (`was X-ed by`) swaps source and target.
//!
//! Options mirror PETRARCH's `<Config>`: `require_dyad` (drop events with a missing side),
//! `new_actor_length` (an uncoded entity of fewer words is reported by its quoted text) and
//! the comma-clause limits. A sentence containing a discard phrase is not coded.
//!
//! ```
//! use dragoman_events::petr_compat::{Engine, Options};
//! let verbs = "--- MEET [031] ---\nMEET {MET}\n";
//! let engine = Engine::from_texts(verbs, "ARNOR [ARN]\nGONDOR [GON]\n", "", "").unwrap();
//! let tree = dragoman_events::penn::parse_tree(
//!     "(ROOT (S (NP (NNP Arnor)) (VP (VBD met) (NP (NNP Gondor))) (. .)))").unwrap();
//! let events = engine.code(&tree, "Arnor met Gondor.", None, &Options::default());
//! assert_eq!(events[0].code, "031");
//! assert_eq!((events[0].source.as_str(), events[0].target.as_str()), ("ARN", "GON"));
//! ```

pub mod dicts;
pub mod linear;
mod coder;

use crate::penn::Tree;
pub use linear::CommaLimits;

/// Coding options (PETRARCH's `<Config>` settings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Drop events whose source or target is unknown (`---`). Default on.
    pub require_dyad: bool,
    /// Report an uncoded entity of fewer than this many words by its text; 0: off.
    pub new_actor_length: usize,
    pub commas: CommaLimits,
}

impl Default for Options {
    fn default() -> Self {
        Options { require_dyad: true, new_actor_length: 0, commas: CommaLimits::default() }
    }
}

impl Options {
    /// Applies one `<Config option=... value=...>`; returns false for an option it does not know.
    pub fn set(&mut self, option: &str, value: &str) -> bool {
        let num = value.trim().parse::<usize>().ok();
        match option {
            "require_dyad" => self.require_dyad = !value.to_lowercase().contains("false"),
            "new_actor_length" => match num {
                Some(n) => self.new_actor_length = n,
                None => return false,
            },
            o if o.starts_with("comma_") => {
                let Some(n) = num else { return false };
                match &o[6..] {
                    "min" => self.commas.min = n,
                    "max" => self.commas.max = n,
                    "bmin" => self.commas.bmin = n,
                    "bmax" => self.commas.bmax = n,
                    "emin" => self.commas.emin = n,
                    "emax" => self.commas.emax = n,
                    _ => return false,
                }
            }
            "stop_on_error" => {}
            _ => return false,
        }
        true
    }
}

/// One coded event: actor codes (an uncoded side is `---`; with `new_actor_length`, a quoted
/// phrase), the CAMEO code and the verb-dictionary line that produced it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PetrEvent {
    pub source: String,
    pub target: String,
    pub code: String,
    pub rule: String,
}

/// A dictionary line the readers skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedLine {
    pub file: String,
    pub line: usize,
    pub reason: String,
}

/// The loaded dictionaries. Immutable, `Send + Sync`.
#[derive(Debug, Clone, Default)]
pub struct Engine {
    pub verbs: dicts::Verbs,
    pub actors: dicts::Actors,
    pub agents: dicts::Agents,
    pub discards: dicts::Discards,
    pub skipped: Vec<SkippedLine>,
}

impl Engine {
    /// Builds the engine from dictionary texts (verbs, actors, agents, discards). Bad lines
    /// are recorded in `skipped`; an error only when the verb text holds no verb at all.
    pub fn from_texts(verbs: &str, actors: &str, agents: &str, discards: &str) -> Result<Engine, String> {
        let (v, sv) = dicts::Verbs::parse(verbs);
        if v.forms.is_empty() {
            return Err("no verbs in the verb dictionary".into());
        }
        let (a, sa) = dicts::Actors::parse(actors);
        let (g, sg) = dicts::Agents::parse(agents);
        let mut skipped = Vec::new();
        for (file, list) in [("verbs", sv), ("actors", sa), ("agents", sg)] {
            skipped.extend(list.into_iter().map(|(line, reason)| SkippedLine { file: file.into(), line, reason }));
        }
        Ok(Engine { verbs: v, actors: a, agents: g, discards: dicts::Discards::parse(discards), skipped })
    }

    /// Adds a further actor dictionary (PETRARCH reads several).
    pub fn add_actors(&mut self, text: &str, file: &str) {
        let (a, s) = dicts::Actors::parse(text);
        let base = self.actors.groups.len();
        self.actors.groups.extend(a.groups);
        for (k, v) in a.by_first {
            self.actors.by_first.entry(k).or_default().extend(v.into_iter().map(|(p, g)| (p, g + base)));
        }
        self.skipped.extend(s.into_iter().map(|(line, reason)| SkippedLine { file: file.into(), line, reason }));
    }

    /// Codes one sentence from its tree; `text` is the sentence as written (for discards),
    /// `date` its `YYYY-MM-DD` or `YYYYMMDD` date (for dated actor codes).
    pub fn code(&self, tree: &Tree, text: &str, date: Option<&str>, opt: &Options) -> Vec<PetrEvent> {
        if self.discards.find(text).is_some() {
            return Vec::new();
        }
        let day = date.and_then(|d| dicts::day_number(&d.replace('-', "")));
        let (toks, start) = linear::linearise(tree);
        let Some(mut toks) = linear::drop_comma_clauses(toks, &opt.commas) else { return Vec::new() };
        coder::assign_codes(&mut toks, start, &self.actors, &self.agents, day);
        coder::code_verbs(&toks, start, &self.verbs, opt)
    }

    /// The linear form the engine codes from, after comma clauses and codes (for debugging).
    pub fn linear_form(&self, tree: &Tree, date: Option<&str>, opt: &Options) -> String {
        let day = date.and_then(|d| dicts::day_number(&d.replace('-', "")));
        let (toks, start) = linear::linearise(tree);
        let Some(mut toks) = linear::drop_comma_clauses(toks, &opt.commas) else { return "(unbalanced)".into() };
        coder::assign_codes(&mut toks, start, &self.actors, &self.agents, day);
        toks.iter()
            .map(|t| match t {
                linear::Tok::Open(l) => format!("({l}"),
                linear::Tok::Close(l) => format!("~{l}"),
                linear::Tok::Word(w) => w.clone(),
                linear::Tok::Code(c) => format!("<{c}>"),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}
