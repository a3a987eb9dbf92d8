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
//! 3. `coder`: each entity gets the code of the first actor phrase in it (longest phrase
//!    first, dated codes resolved on the sentence's date), composed with the codes of the
//!    agent phrases in it (`ARN` + `~GOV` → `ARNGOV`, `NGO~` in front; with `former`, the
//!    agent is `ELI`, CAMEO's code for former office holders); an entity holding
//!    compounds becomes one entity per combination of their parts. Then for each verb phrase
//!    headed by a known verb (multi-word verbs too), the verb's block of patterns is
//!    matched: the *lower* part against the words after the verb up to the end of its
//!    phrase, the *upper* part against the words before it, nearest first, back to a comma
//!    clause and over earlier whole verb phrases (coordinated verbs share their subject).
//!    Pattern elements are words, synsets (`&NAME`, matched as whole member phrases), the
//!    target `+` and source `$` slots (an entity there), `^` (skip over an entity) and `%`
//!    (before the verb: a compound that is both source and target; after it: a compound
//!    target). Elements may be separated by other words unless joined by `_`. Of the
//!    patterns that match, the one with most elements wins — TABARI's longest-pattern rule;
//!    a pattern coded `---` or `+++` falls back to the verb's own code. The target defaults
//!    to the first coded entity after the verb, the source to the first coded entity of the
//!    clause before it, in sentence order, with a code other than the target's; compounds
//!    expand to every pair, paired codes `[032:033]` give the event and its converse, a
//!    passive (`was X-ed by`) swaps source and target. A coded verb phrase is not searched
//!    for further verbs.
//!
//! Where PETRARCH-1's code departs from its own documentation (it reads the source nearest
//! first though its comments say sentence order, sorts actor phrases by length only in a
//! comment, ignores `_` in patterns) the documented behaviour is implemented: that is what
//! its unit tests expect. Records that only its string-level accidents would code (an
//! `###` actor from a commented-out dictionary line, two `%` records with the same tree and
//! different expectations) are left failing.
//!
//! [`petr2`] is the PETRARCH2 counterpart: PETRARCH2 reads the tree bottom-up instead
//! (verb-phrase meanings, nested events combined through its event ontology, its verb
//! dictionary's `{}`/`()` patterns and transformations); its GSR records are coded with it.
//!
//! Options mirror PETRARCH's `<Config>`: `require_dyad` (drop events with a missing side),
//! `new_actor_length` (an uncoded entity of fewer words is reported by its quoted text) and
//! the comma-clause limits. A sentence containing a discard phrase is not coded.
//!
//! ```
//! use dragoman_events::petr_compat::{Engine, Options};
//! let verbs = "--- MEET [031] ---\nMEET {MET}\n";
//! let engine = Engine::from_texts(verbs, "VALEMARK [VAL]\nOSTERHOLM [OST]\n", "", "").unwrap();
//! let tree = dragoman_events::penn::parse_tree(
//!     "(ROOT (S (NP (NNP Valemark)) (VP (VBD met) (NP (NNP Osterholm))) (. .)))").unwrap();
//! let events = engine.code(&tree, "Valemark met Osterholm.", None, &Options::default());
//! assert_eq!(events[0].code, "031");
//! assert_eq!((events[0].source.as_str(), events[0].target.as_str()), ("VAL", "OST"));
//! ```

pub mod dicts;
pub mod linear;
pub mod petr2;
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
        self.actors.longest_first();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::penn::parse_tree;

    // Invented dictionaries in PETRARCH-1's formats.
    const VERBS: &str = "\
&MONEY
+CROWNS
+SILVER_MARKS

--- MEET [031] ---
MEET {MEETS MET MEETING}
- * IN SECRET [038]
- SAID * [032:033]

--- ATTACK [190] ---
ATTACK
- + * $ [195]

--- GIVE [070] ---
GIVE {GAVE GIVEN}
- * &MONEY [071]
- * CLOSE_SUPPORT [072]

--- AGREE [081] ---
AGREE
- % * [030:030]

--- BREAK [---] ---
+BREAK_OFF {+BROKE_OFF} [161]
";
    const ACTORS: &str = "\
VALEMARK [VAL]
+VALEMARKIAN
NORTH_REACH [NRE]
OSTERHOLM [OST]
KING ALDRIC [VALGOV]
\t[VALELI <19990101]
";
    const AGENTS: &str = "\
MINISTER [~GOV]
CHARITY [NGO~]
SOLDIER [~MIL]
";

    fn engine() -> Engine {
        Engine::from_texts(VERBS, ACTORS, AGENTS, "TOURNAMENT\n").unwrap()
    }

    fn code(tree: &str, date: Option<&str>, opt: &Options) -> Vec<String> {
        let t = parse_tree(tree).unwrap();
        let mut v: Vec<String> =
            engine().code(&t, "", date, opt).into_iter().map(|e| format!("{} {}>{}", e.code, e.source, e.target)).collect();
        v.sort();
        v
    }

    macro_rules! t {
        ($name:ident, $tree:expr, [$($want:expr),* $(,)?]) => {
            t!($name, $tree, None, Options::default(), [$($want),*]);
        };
        ($name:ident, $tree:expr, $date:expr, $opt:expr, [$($want:expr),* $(,)?]) => {
            #[test]
            fn $name() {
                let mut want: Vec<String> = vec![$($want.to_string()),*];
                want.sort();
                assert_eq!(code($tree, $date, &$opt), want);
            }
        };
    }

    t!(verb_alone_codes_subject_and_object,
       "(ROOT (S (NP (NNP Valemark)) (VP (VBD met) (NP (NNP Osterholm))) (. .)))", ["031 VAL>OST"]);
    t!(lower_pattern_wins_over_verb_code,
       "(ROOT (S (NP (NNP Valemark)) (VP (VBD met) (NP (NNP Osterholm)) (PP (IN in) (NP (NN secret)))) (. .)))",
       ["038 VAL>OST"]);
    t!(agent_after_actor_is_appended,
       "(ROOT (S (NP (NNP Valemark) (POS 's) (NN minister)) (VP (VBD met) (NP (NNP Osterholm))) (. .)))",
       ["031 VALGOV>OST"]);
    t!(agent_marked_before_is_prepended,
       "(ROOT (S (NP (NNP Valemarkian) (NN charity)) (VP (VBD met) (NP (NNP Osterholm))) (. .)))",
       ["031 NGOVAL>OST"]);
    t!(former_office_holders_are_elites,
       "(ROOT (S (NP (JJ former) (NNP Valemark) (NN minister)) (VP (VBD met) (NP (NNP Osterholm))) (. .)))",
       ["031 VALELI>OST"]);
    t!(compound_subject_gives_one_event_per_part,
       "(ROOT (S (NP (NNP Valemark) (CC and) (NNP Osterholm)) (VP (VBD met) (NP (NNP North) (NNP Reach))) (. .)))",
       ["031 OST>NRE", "031 VAL>NRE"]);
    t!(compound_slot_pairs_the_parts,
       "(ROOT (S (NP (NNP Valemark) (CC and) (NNP Osterholm)) (VP (VBD agree)) (. .)))",
       ["030 OST>VAL", "030 VAL>OST"]);
    t!(paired_code_gives_the_converse,
       "(ROOT (S (NP (NNP Valemark)) (VP (VBD said) (SBAR (S (NP (PRP it)) (VP (VBD met) (NP (NNP Osterholm)))))) (. .)))",
       ["032 VAL>OST", "033 OST>VAL"]);
    t!(source_and_target_slots,
       "(ROOT (S (NP (NNP Osterholm)) (VP (VBD attacked) (NP (NNP Valemark))) (. .)))", ["195 VAL>OST"]);
    t!(passive_swaps_source_and_target,
       "(ROOT (S (NP (NNP Osterholm)) (VP (VBD was) (VP (VBN met) (PP (IN by) (NP (NNP Valemark))))) (. .)))",
       ["031 VAL>OST"]);
    t!(synset_member_phrase,
       "(ROOT (S (NP (NNP Valemark)) (VP (VBD gave) (NP (CD ten) (JJ silver) (NNS marks)) (PP (TO to) (NP (NNP Osterholm)))) (. .)))",
       ["071 VAL>OST"]);
    t!(underscore_needs_adjacent_words,
       "(ROOT (S (NP (NNP Valemark)) (VP (VBD gave) (NP (JJ close) (JJ military) (NN support)) (PP (TO to) (NP (NNP Osterholm)))) (. .)))",
       ["070 VAL>OST"]);
    t!(multi_word_verb,
       "(ROOT (S (NP (NNP Valemark)) (VP (VBD broke) (PRT (RP off)) (NP (NNS ties)) (PP (IN with) (NP (NNP Osterholm)))) (. .)))",
       ["161 VAL>OST"]);
    t!(dated_actor_code_before_the_date,
       "(ROOT (S (NP (NNP King) (NNP Aldric)) (VP (VBD met) (NP (NNP Osterholm))) (. .)))",
       Some("1998-06-01"), Options::default(), ["031 VALELI>OST"]);
    t!(dated_actor_code_default_after,
       "(ROOT (S (NP (NNP King) (NNP Aldric)) (VP (VBD met) (NP (NNP Osterholm))) (. .)))",
       Some("2005-06-01"), Options::default(), ["031 VALGOV>OST"]);
    t!(require_dyad_drops_missing_target,
       "(ROOT (S (NP (NNP Valemark)) (VP (VBD met) (NP (NNS farmers))) (. .)))", []);
    t!(without_require_dyad_the_unknown_side_is_dashes,
       "(ROOT (S (NP (NNP Valemark)) (VP (VBD met) (NP (NNS farmers))) (. .)))",
       None, Options { require_dyad: false, ..Options::default() }, ["031 VAL>---"]);
    t!(new_actor_length_quotes_short_unknown_phrases,
       "(ROOT (S (NP (NNP Valemark)) (VP (VBD met) (NP (JJ angry) (NNS farmers))) (. .)))",
       None, Options { new_actor_length: 3, ..Options::default() }, ["031 VAL>\"ANGRY FARMERS\""]);
    t!(terminal_comma_clause_is_cut_out,
       "(ROOT (S (S (NP (NNP Valemark)) (VP (VBD met) (NP (NNP Osterholm)))) (, ,) (NP (NNP North) (NNP Reach)) (VP (VBD met) (NP (NNP Valemark))) (. .)))",
       ["031 VAL>OST"]);
    t!(terminal_comma_clause_kept_when_turned_off,
       "(ROOT (S (S (NP (NNP Valemark)) (VP (VBD met) (NP (NNP Osterholm)))) (, ,) (NP (NNP North) (NNP Reach)) (VP (VBD met) (NP (NNP Valemark))) (. .)))",
       None, Options { commas: CommaLimits { emax: 0, ..CommaLimits::default() }, ..Options::default() },
       ["031 NRE>VAL", "031 VAL>OST"]);

    #[test]
    fn discard_phrase_stops_coding() {
        let t = parse_tree("(ROOT (S (NP (NNP Valemark)) (VP (VBD met) (NP (NNP Osterholm))) (. .)))").unwrap();
        assert!(engine().code(&t, "Valemark met Osterholm at the tournament today", None, &Options::default()).is_empty());
        assert_eq!(engine().code(&t, "Valemark met Osterholm today", None, &Options::default()).len(), 1);
    }

    #[test]
    fn bad_lines_are_reported_not_fatal() {
        let e = Engine::from_texts("--- MEET [031] ---\nMEET\n- * &UNDEFINED [032]\n- * {X [033]\n", "A [B]\n\tno bracket\n", "NOCODE\n", "").unwrap();
        assert_eq!(e.skipped.len(), 4, "{:?}", e.skipped);
        assert!(Engine::from_texts("", "", "", "").is_err());
    }

    #[test]
    fn options_from_config() {
        let mut o = Options::default();
        assert!(o.set("require_dyad", "FALSE") && !o.require_dyad);
        assert!(o.set("new_actor_length", "4") && o.new_actor_length == 4);
        assert!(o.set("comma_emax", "0") && o.commas.emax == 0);
        assert!(!o.set("comma_xmax", "1"));
        assert!(!o.set("new_actor_length", "many"));
    }

    #[test]
    fn linear_form_marks_entities_compounds_and_verb_phrases() {
        let t = parse_tree("(ROOT (S (NP (NNP Valemark) (CC and) (NNP Osterholm)) (VP (VBD met) (NP (NP (DT the) (NN minister)) (PP (IN of) (NP (NNP North) (NNP Reach))))) (. .)))").unwrap();
        let f = engine().linear_form(&t, None, &Options::default());
        assert_eq!(
            f,
            "(S (NEC1 (NE <VAL> VALEMARK ~NE (NE <OST> OSTERHOLM ~NE ~NEC1 (VP1 (VBD MET ~VBD (NE <NREGOV> THE MINISTER OF NORTH REACH ~NE ~VP1 (. . ~. ~S"
        );
    }
}
