//! The pattern model shared by the embedded dictionary and the PETRARCH importer, and the parser
//! of the project's own pattern format (`data/patterns.txt`, documented in `data/README.md`).
//!
//! A pattern is anchored on one lemma (its *head*): the compiled dictionary indexes patterns by
//! that lemma, so coding a token costs one hash lookup plus the few patterns sharing its lemma.

use crate::EventError;
use std::collections::HashMap;

/// Alternative words (lower-case lemmas) any of which satisfies an element.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Words(pub Vec<Box<str>>);

impl Words {
    pub fn one(w: &str) -> Words {
        Words(vec![w.into()])
    }
    /// True when the token's lemma or its lower-cased form is one of the words (forms matter for
    /// PETRARCH lists, which spell inflected forms such as `ATTACKS`).
    /// `_` matches any word (`attack X (for _)`: any reason given).
    pub fn matches(&self, lemma: &str, form: &str) -> bool {
        self.is_any() || self.0.iter().any(|w| w.eq_ignore_ascii_case(lemma) || w.eq_ignore_ascii_case(form))
    }
    /// Whether these words are the wildcard `_`.
    pub fn is_any(&self) -> bool {
        self.0.iter().any(|w| &**w == "_")
    }
}

/// Whether the head is a verb ("visited") or an event noun ("visit").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Verb,
    Noun,
}

/// A noun phrase element: head word(s), modifiers that must hang off it, and prepositional
/// dependents it must have (`{weapon of destruction}`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Phrase {
    pub head: Words,
    pub mods: Vec<Words>,
    pub cons: Vec<Constraint>,
}

/// A required dependent: a word, optionally introduced by a preposition (`(of corruption)`).
#[derive(Debug, Clone, PartialEq)]
pub struct Constraint {
    pub prep: Option<Words>,
    pub word: Words,
    pub mods: Vec<Words>,
    /// A prepositional phrase the constraint's word must carry in turn
    /// ("(of {crime against humanity})").
    pub cons: Vec<Constraint>,
}

impl Constraint {
    /// What the constraint adds to a pattern's specificity.
    pub fn weight(&self) -> u32 {
        3 + self.mods.len() as u32 + self.cons.iter().map(|c| 2 + c.weight()).sum::<u32>()
    }
}

/// Where the target comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Slot {
    /// No target slot: the event has no target unless it is reciprocal.
    None,
    /// The direct object (the passive subject in a passive clause).
    Object,
    /// The noun of a prepositional phrase introduced by one of these words.
    Prep(Words),
}

/// One compiled pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    pub kind: Kind,
    /// Lower-case lemma the pattern is indexed by.
    pub head: Box<str>,
    pub particle: Option<Words>,
    pub object: Option<Phrase>,
    pub target: Slot,
    pub constraints: Vec<Constraint>,
    /// Words the subject's head must be (PETRARCH patterns with words before the verb).
    pub subject: Option<Words>,
    pub recip: bool,
    /// `X!` / `P X!`: the target must be there and stand for an actor, else the pattern does not
    /// match ("try X!" is a trial of someone, not "tried a number of things"; "go to X!" is a
    /// trip to someone, not "went to university"). For an event noun only `P X!`, which makes
    /// its phrase required ("operation against X!": not "has operations in 14 countries").
    pub actor_target: bool,
    /// `X@` / `P X@`: as `X!`, and the actor must be a place (a country, city or region, a named
    /// organisation, or a noun with one as its compound or possessor: "the SEC's Washington DC
    /// headquarters"), for verbs of motion whose event sense is a journey: "flew to Moscow",
    /// not "flies back to profit", "the award went to Clint Eastwood", "landed in prison".
    pub place_target: bool,
    /// `X+` / `P X+`: as `X!`, and the target must be an actor itself, not a thing an actor
    /// qualifies: a mention, a pronoun, an agent or a body ("the delegation"), for verbs whose
    /// object is mostly a thing ("received the delegation", not "received an Oscar", "receive
    /// IMF support").
    pub person_target: bool,
    /// `_`: the verb's direct object, if it has one, is what the event is about, never its
    /// target ("discussed the war with Erdogan", "negotiated a deal"): it is accounted for, so a
    /// reciprocal pattern still codes coordinated subjects against each other. Verb patterns only.
    pub topic_object: bool,
    /// `intr`: only the verb used without a direct object ("the teachers struck", not "struck a
    /// deal", "struck the ball"). Verb patterns only.
    pub intransitive: bool,
    /// CAMEO code of the source -> target event; `None` for a pattern that only blocks (PETRARCH
    /// `[---]`) or only codes the mirrored event (`[:173]`).
    pub code: Option<String>,
    /// Code of the mirrored target -> source event, when the pattern (not the code table) says so.
    pub pair: Option<String>,
    /// Provenance: `file:line`.
    pub rule: String,
}

impl Pattern {
    /// A pattern of `kind` with nothing filled in yet, for the parsers to complete.
    pub(crate) fn empty(kind: Kind) -> Pattern {
        Pattern {
            kind,
            head: "".into(),
            particle: None,
            object: None,
            target: Slot::None,
            constraints: Vec::new(),
            subject: None,
            recip: false,
            actor_target: false,
            place_target: false,
            person_target: false,
            topic_object: false,
            intransitive: false,
            code: None,
            pair: None,
            rule: String::new(),
        }
    }

    /// How much of the sentence the pattern constrains: the most specific matching pattern wins.
    pub fn weight(&self) -> u32 {
        let phrase = |p: &Phrase| 3 + p.mods.len() as u32 + 2 * p.cons.len() as u32;
        2 * self.particle.is_some() as u32
            + self.object.as_ref().map_or(0, phrase)
            + self.constraints.iter().map(Constraint::weight).sum::<u32>()
            + 2 * self.subject.is_some() as u32
    }
}

/// Words that, after a verb and not before the target slot, are verb particles.
pub(crate) const PARTICLES: &[&str] =
    &["up", "down", "out", "off", "back", "away", "aside", "forward", "apart", "around", "through", "over"];

/// Words that introduce a prepositional dependent.
pub(crate) const PREPS: &[&str] = &[
    "of", "for", "to", "with", "from", "on", "upon", "in", "into", "at", "against", "about", "by", "between",
    "as", "under", "onto", "toward", "towards", "near", "across", "behind", "before", "after", "over",
    "during", "within", "without", "through",
];

fn is_word_in(words: &Words, list: &[&str]) -> bool {
    !words.0.is_empty() && words.0.iter().all(|w| list.contains(&&**w))
}

/// Splits a pattern line into elements, keeping `{...}` and `(...)` groups whole.
pub(crate) fn tokenize(line: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut close: Option<char> = None;
    for c in line.chars() {
        match close {
            Some(cl) => {
                cur.push(c);
                if c == cl {
                    out.push(std::mem::take(&mut cur));
                    close = None;
                }
            }
            None if c == '{' || c == '(' => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                cur.push(c);
                close = Some(if c == '{' { '}' } else { ')' });
            }
            None if c.is_whitespace() => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            None => cur.push(c),
        }
    }
    if close.is_some() {
        return Err("unclosed bracket".into());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Expands `a|b|&SET` into words, lower-cased.
fn words(spec: &str, sets: &HashMap<String, Vec<Box<str>>>) -> Result<Words, String> {
    let mut out = Vec::new();
    for alt in spec.split('|') {
        if let Some(name) = alt.strip_prefix('&') {
            let set = sets.get(name).ok_or_else(|| format!("unknown word set &{name}"))?;
            out.extend(set.iter().cloned());
        } else if alt.is_empty() {
            return Err(format!("empty alternative in `{spec}`"));
        } else {
            out.push(alt.to_lowercase().into_boxed_str());
        }
    }
    Ok(Words(out))
}

/// `{mod mod head P word}`: modifiers, head, then an optional attached prepositional constraint.
fn phrase(inner: &str, sets: &HashMap<String, Vec<Box<str>>>) -> Result<Phrase, String> {
    let parts: Vec<&str> = inner.split_whitespace().collect();
    let cut = parts.iter().position(|p| PREPS.contains(p)).unwrap_or(parts.len());
    if cut == 0 {
        return Err(format!("phrase `{{{inner}}}` has no head word"));
    }
    let mut ws = parts[..cut].iter().map(|p| words(p, sets)).collect::<Result<Vec<_>, _>>()?;
    let head = ws.pop().unwrap_or_default();
    let mut cons = Vec::new();
    if cut < parts.len() {
        cons.push(constraint(&parts[cut..].join(" "), sets)?);
    }
    Ok(Phrase { head, mods: ws, cons })
}

/// `(P mod word)` or `(word)`.
fn constraint(inner: &str, sets: &HashMap<String, Vec<Box<str>>>) -> Result<Constraint, String> {
    let parts: Vec<&str> = inner.split_whitespace().collect();
    let (prep, rest) = match parts.first() {
        Some(p) if parts.len() > 1 && p.split('|').all(|w| PREPS.contains(&w)) => (Some(words(p, sets)?), &parts[1..]),
        _ => (None, &parts[..]),
    };
    if rest.is_empty() {
        return Err(format!("constraint `({inner})` has no word"));
    }
    if rest.contains(&"X") {
        return Err("the target X cannot sit inside a constraint".into());
    }
    // A `{...}` group is a phrase: modifiers, head, and perhaps a phrase of its own.
    let joined = rest.join(" ");
    if let Some(inner) = joined.strip_prefix('{') {
        let inner = inner.strip_suffix('}').ok_or_else(|| format!("unclosed `{{` in `({inner})`"))?;
        let ph = phrase(inner, sets)?;
        return Ok(Constraint { prep, word: ph.head, mods: ph.mods, cons: ph.cons });
    }
    if joined.contains(['{', '}']) {
        return Err(format!("constraint `({inner})`: a `{{...}}` group must be the whole of it after the preposition"));
    }
    let mut ws = rest.iter().map(|p| words(p, sets)).collect::<Result<Vec<_>, _>>()?;
    let word = ws.pop().unwrap_or_default();
    Ok(Constraint { prep, word, mods: ws, cons: Vec::new() })
}

/// Parses one pattern line (without `n:`), returning the heads and the shared body.
fn parse_line(
    line: &str,
    kind: Kind,
    sets: &HashMap<String, Vec<Box<str>>>,
) -> Result<(Vec<Box<str>>, Pattern), String> {
    let toks = tokenize(line)?;
    let mut p = Pattern::empty(kind);
    let mut i = 0;
    // Heads: one word (alternatives) for verbs; for nouns, modifiers then the head word.
    let heads: Vec<Box<str>>;
    match kind {
        Kind::Verb => {
            let t = toks.first().ok_or("empty pattern")?;
            if t.starts_with('{') || t.starts_with('(') || t == "X" {
                return Err("a verb pattern starts with the verb".into());
            }
            heads = words(t, sets)?.0;
            i = 1;
        }
        Kind::Noun => {
            let mut mods = Vec::new();
            if let Some(t) = toks.first().filter(|t| t.starts_with('{')) {
                let ph = phrase(&t[1..t.len() - 1], sets)?;
                mods = ph.mods;
                p.constraints.extend(ph.cons);
                heads = ph.head.0;
                i = 1;
            } else {
                while i < toks.len() {
                    let t = &toks[i];
                    if matches!(t.as_str(), "X" | "X!" | "X@" | "X+" | "recip" | "intr" | "_") || t.starts_with('(') || t.starts_with('{') {
                        break;
                    }
                    if t.split('|').all(|w| PREPS.contains(&w)) && i > 0 {
                        break;
                    }
                    mods.push(words(t, sets)?);
                    i += 1;
                }
                let h = mods.pop().ok_or("a noun pattern needs a head noun")?;
                heads = h.0;
            }
            // Modifiers of an event noun are required dependents without a preposition.
            for m in mods {
                p.constraints.push(Constraint { prep: None, word: m, mods: Vec::new(), cons: Vec::new() });
            }
        }
    }
    while i < toks.len() {
        let t = toks[i].as_str();
        let next_is_x = toks.get(i + 1).is_some_and(|n| matches!(n.as_str(), "X" | "X!" | "X@" | "X+"));
        if matches!(t, "X!" | "X@" | "X+") && kind == Kind::Noun {
            return Err(format!("an event noun's `{t}` needs its preposition (`operation against {t}`)"));
        }
        if t == "recip" {
            p.recip = true;
        } else if t == "intr" {
            if kind == Kind::Noun || p.object.is_some() || p.target == Slot::Object || p.topic_object {
                return Err("`intr` (no direct object) is for verb patterns without an object or `X`".into());
            }
            p.intransitive = true;
        } else if t == "_" {
            if kind == Kind::Noun || p.object.is_some() || p.target == Slot::Object || p.topic_object || p.intransitive {
                return Err("`_` (a topic object) is for verb patterns without another object, `X` or `intr`".into());
            }
            p.topic_object = true;
        } else if matches!(t, "X" | "X!" | "X@" | "X+") {
            if p.target != Slot::None {
                return Err("two targets".into());
            }
            if kind == Kind::Noun {
                return Err("a noun pattern's target needs a preposition (`visit to X`)".into());
            }
            if p.topic_object || p.intransitive {
                return Err("`X` names the direct object; `_` and `intr` say what it is or that there is none".into());
            }
            p.target = Slot::Object;
            p.actor_target = t != "X";
            p.place_target = t == "X@";
            p.person_target = t == "X+";
        } else if let Some(inner) = t.strip_prefix('(') {
            p.constraints.push(constraint(&inner[..inner.len() - 1], sets)?);
        } else if let Some(inner) = t.strip_prefix('{') {
            if p.object.is_some() || kind == Kind::Noun {
                return Err("at most one object phrase, and only after a verb".into());
            }
            p.object = Some(phrase(&inner[..inner.len() - 1], sets)?);
        } else {
            let w = words(t, sets)?;
            if next_is_x {
                if p.target != Slot::None {
                    return Err("two targets".into());
                }
                p.target = Slot::Prep(w);
                p.actor_target = toks[i + 1] != "X";
                p.place_target = toks[i + 1] == "X@";
                p.person_target = toks[i + 1] == "X+";
                i += 1;
            } else if kind == Kind::Verb
                && is_word_in(&w, PARTICLES)
                && p.particle.is_none()
                && (p.object.is_none() || !is_word_in(&w, PREPS))
            {
                p.particle = Some(w);
            } else if is_word_in(&w, PREPS) {
                // `P word` without brackets is a constraint (`beg for concession from X`).
                let nt = toks.get(i + 1).ok_or_else(|| format!("preposition `{t}` at the end"))?;
                let c = if let Some(inner) = nt.strip_prefix('{') {
                    let ph = phrase(&inner[..inner.len() - 1], sets)?;
                    Constraint { prep: Some(w), word: ph.head, mods: ph.mods, cons: ph.cons }
                } else {
                    Constraint { prep: Some(w), word: words(nt, sets)?, mods: Vec::new(), cons: Vec::new() }
                };
                p.constraints.push(c);
                i += 1;
            } else if kind == Kind::Verb && p.object.is_none() && p.target != Slot::Object && !p.topic_object && !p.intransitive {
                p.object = Some(Phrase { head: w, mods: Vec::new(), cons: Vec::new() });
            } else {
                return Err(format!("cannot place `{t}`"));
            }
        }
        i += 1;
    }
    Ok((heads, p))
}

/// Parses the project's pattern format. `file` names the source in rule ids (`patterns.txt:42`).
pub fn parse_patterns(text: &str, file: &str) -> Result<Vec<Pattern>, EventError> {
    let mut sets: HashMap<String, Vec<Box<str>>> = HashMap::new();
    // `Some(None)` under `@---`: patterns that are no event.
    let mut code: Option<Option<String>> = None;
    let mut out = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let err = |m: String| EventError::Syntax { file: file.to_string(), line: n + 1, message: m };
        if let Some(def) = line.strip_prefix('&') {
            let (name, ws) = def.split_once('=').ok_or_else(|| err("word set needs `&NAME = words`".into()))?;
            let ws: Vec<Box<str>> = ws.split_whitespace().map(|w| w.to_lowercase().into_boxed_str()).collect();
            sets.insert(name.trim().to_string(), ws);
            continue;
        }
        if let Some(c) = line.strip_prefix('@') {
            if c == "---" {
                code = Some(None);
                continue;
            }
            if c.is_empty() || !c.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err(format!("bad code header `@{c}`")));
            }
            code = Some(Some(c.to_string()));
            continue;
        }
        let Some(code) = code.clone() else {
            return Err(err("pattern before the first @CODE header".into()));
        };
        let (kind, body) = match line.strip_prefix("n:") {
            Some(b) => (Kind::Noun, b.trim()),
            None => (Kind::Verb, line),
        };
        let (heads, mut p) = parse_line(body, kind, &sets).map_err(err)?;
        p.code = code;
        p.rule = format!("{file}:{}", n + 1);
        for h in heads {
            let mut q = p.clone();
            q.head = h;
            out.push(q);
        }
    }
    Ok(out)
}

/// Patterns indexed by head lemma.
#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    pub(crate) patterns: Vec<Pattern>,
    pub(crate) index: HashMap<Box<str>, Vec<u32>>,
}

impl Dictionary {
    pub fn new(patterns: Vec<Pattern>) -> Dictionary {
        let mut d = Dictionary { patterns: Vec::new(), index: HashMap::new() };
        d.extend(patterns);
        d
    }

    pub fn extend(&mut self, patterns: Vec<Pattern>) {
        for p in patterns {
            let id = self.patterns.len() as u32;
            self.index.entry(p.head.clone()).or_default().push(id);
            self.patterns.push(p);
        }
    }

    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    pub fn patterns(&self) -> &[Pattern] {
        &self.patterns
    }

    pub(crate) fn candidates(&self, lemma: &str) -> &[u32] {
        self.index.get(lemma).map_or(&[], |v| v.as_slice())
    }

    /// Patterns that say the same thing as an earlier one (same head and shape) but give another
    /// code: the later one could never win. Returned as `(earlier rule, later rule)`.
    pub fn conflicts(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for ids in self.index.values() {
            for (k, &a) in ids.iter().enumerate() {
                for &b in &ids[k + 1..] {
                    let (pa, pb) = (&self.patterns[a as usize], &self.patterns[b as usize]);
                    // Objects whose head alternatives overlap ("relations|ties" and
                    // "ties|contact") shadow each other on the shared words, and so do their
                    // modifiers' alternatives ("{chemical|nuclear weapon}", "{chemical weapon}").
                    let overlap = |x: &Words, y: &Words| x.0.iter().any(|w| y.0.contains(w));
                    let objects = match (&pa.object, &pb.object) {
                        (Some(x), Some(y)) => {
                            x.mods.len() == y.mods.len()
                                && x.mods.iter().zip(&y.mods).all(|(m, n)| overlap(m, n))
                                && x.cons == y.cons
                                && overlap(&x.head, &y.head)
                        }
                        (x, y) => x == y,
                    };
                    let targets = match (&pa.target, &pb.target) {
                        (Slot::Prep(x), Slot::Prep(y)) => x.0.iter().any(|w| y.0.contains(w)),
                        (x, y) => x == y,
                    };
                    let same = pa.kind == pb.kind
                        && pa.particle == pb.particle
                        && objects
                        && targets
                        && pa.constraints == pb.constraints
                        && pa.subject == pb.subject
                        && pa.topic_object == pb.topic_object
                        && pa.intransitive == pb.intransitive;
                    if same && pa.code != pb.code {
                        out.push((pa.rule.clone(), pb.rule.clone()));
                    }
                }
            }
        }
        out.sort();
        out
    }
}
