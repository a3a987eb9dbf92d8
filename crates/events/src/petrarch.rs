//! Importer for PETRARCH dictionaries: verb patterns (`CAMEO.2.0.txt`, `PETR.Validate.verbs.txt`),
//! agents and discards, mapped into this crate's [`Pattern`] model.
//!
//! PETRARCH matches patterns against Penn Treebank phrases; here each pattern becomes a
//! dependency pattern anchored on the verb: words after `*` become the object, particles and
//! prepositional constraints; `(P +)` or `(P)` names the preposition that introduces the target;
//! words before `*` constrain the subject; `[a:b]` codes `a` source->target and the mirrored
//! event `b` target->source; `[---]` blocks coding. Lines that cannot be mapped are skipped and
//! listed in the [`ImportReport`], never silently dropped.

use crate::dict::{tokenize, Constraint, Kind, Pattern, Phrase, Slot, Words, PARTICLES, PREPS};
use std::collections::HashMap;

/// What an import kept and what it skipped (line, reason).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportReport {
    pub file: String,
    pub verbs: usize,
    pub patterns: usize,
    pub entries: usize,
    pub skipped: Vec<(usize, String)>,
}

/// Prepositions that may introduce the target when a PETRARCH pattern names an object but no
/// target position (PETRARCH then takes the next noun phrase).
const DEFAULT_TARGET_PREPS: &[&str] = &["to", "with", "against", "on", "at", "into", "from", "for", "upon"];

fn clean(word: &str) -> Option<Box<str>> {
    // `CASH_` / `UN_PEACEKEEPERS`: underscores join words; the last word is the head.
    let w = word.trim_matches('_').rsplit('_').next()?.trim().to_lowercase();
    (!w.is_empty()).then(|| w.into_boxed_str())
}

fn wordset(spec: &str, sets: &HashMap<String, Vec<Box<str>>>) -> Result<Words, String> {
    let mut out = Vec::new();
    for alt in spec.split('/') {
        let alt = alt.trim_matches(|c| matches!(c, '(' | ')' | '{' | '}'));
        if let Some(name) = alt.strip_prefix('&') {
            let name = name.trim_end_matches('_');
            let s = sets.get(name).ok_or_else(|| format!("unknown synset &{name}"))?;
            out.extend(s.iter().cloned());
        } else if let Some(w) = clean(alt) {
            out.push(w);
        }
    }
    if out.is_empty() {
        return Err(format!("no word in `{spec}`"));
    }
    Ok(Words(out))
}

/// Words of a `{A B}` or `(P A B)` group, markers dropped.
fn group_words(inner: &str) -> Vec<&str> {
    inner
        .split_whitespace()
        .map(|w| w.trim_matches(|c| c == '{' || c == '}'))
        .filter(|w| !w.is_empty() && !matches!(*w, "$" | "+" | "%" | "^"))
        .collect()
}

/// Parses a PETRARCH verb dictionary. Never fails as a whole: bad lines are reported.
pub fn parse_verbs(text: &str, file: &str) -> (Vec<Pattern>, ImportReport) {
    let mut report = ImportReport { file: file.to_string(), ..Default::default() };
    let mut sets: HashMap<String, Vec<Box<str>>> = HashMap::new();
    let mut out = Vec::new();
    let mut cur_set: Option<String> = None;
    // Current block: default code, verbs (head, extra words, own code, line).
    let mut block_code: Option<String> = None;
    let mut verbs: Vec<BlockVerb> = Vec::new();
    let mut in_block = false;
    let mut in_comment = false;
    for (n, raw) in text.lines().enumerate() {
        let ln = n + 1;
        let Some(line) = strip_comments(raw, &mut in_comment) else { continue };
        if line.is_empty() {
            // Only a truly blank line ends a synset; comment lines may sit inside one.
            if raw.trim().is_empty() {
                cur_set = None;
            }
            continue;
        }
        if let Some(name) = line.strip_prefix('&').filter(|_| !in_block || cur_set.is_some() || !line.contains(' ')) {
            if !in_block {
                let name = name.split_whitespace().next().unwrap_or("").trim_end_matches('_').to_string();
                sets.entry(name.clone()).or_default();
                cur_set = Some(name);
                continue;
            }
        }
        if let (Some(name), Some(m)) = (&cur_set, line.strip_prefix('+')) {
            if let Some(w) = clean(m.split_whitespace().last().unwrap_or("")) {
                sets.entry(name.clone()).or_default().push(w);
            }
            continue;
        }
        if line.starts_with("---") {
            // `---  MEET   [040]  ---`
            in_block = true;
            cur_set = None;
            block_code = codes_of(line).and_then(|(a, _)| a);
            verbs.clear();
            continue;
        }
        if !in_block {
            continue;
        }
        if let Some(body) = line.strip_prefix('-') {
            match petr_pattern(body, &sets) {
                Ok((shape, code, pair)) => {
                    if verbs.is_empty() {
                        report.skipped.push((ln, "pattern outside a verb block".into()));
                    }
                    for (v, extra, _, _) in &verbs {
                        let mut p = shape.clone();
                        p.head = v.clone();
                        for e in extra {
                            p.constraints.push(Constraint { prep: None, word: Words(vec![e.clone()]), mods: Vec::new(), cons: Vec::new() });
                        }
                        p.code = code.clone();
                        p.pair = pair.clone();
                        p.rule = format!("{file}:{ln}");
                        out.push(p);
                        report.patterns += 1;
                    }
                }
                Err(e) => report.skipped.push((ln, e)),
            }
            continue;
        }
        // A verb line: `MEET {MEETS MET}`, `+ASK_FOR {...} [020]`, `KLM_NOP_+RST [002]`.
        let first = line.split_whitespace().next().unwrap_or("");
        let parts: Vec<&str> = first.split('_').filter(|p| !p.is_empty()).collect();
        let vi = parts.iter().position(|p| p.starts_with('+')).unwrap_or(0);
        let Some(head) = parts.get(vi).and_then(|p| clean(p.trim_start_matches('+'))) else {
            report.skipped.push((ln, "no verb".into()));
            continue;
        };
        let extra: Vec<Box<str>> = parts[vi + 1..].iter().filter_map(|p| clean(p)).collect();
        let own = codes_of(line).and_then(|(a, _)| a);
        let code = own.clone().or_else(|| block_code.clone());
        report.verbs += 1;
        if let Some(c) = code {
            // The bare verb codes the block's (or its own) code.
            let constraints =
                extra.iter().map(|e| Constraint { prep: None, word: Words(vec![e.clone()]), mods: Vec::new(), cons: Vec::new() }).collect();
            out.push(Pattern {
                kind: Kind::Verb,
                head: head.clone(),
                particle: None,
                object: None,
                target: Slot::Object,
                constraints,
                subject: None,
                recip: false,
                actor_target: false,
                place_target: false,
                person_target: false,
                topic_object: false,
                intransitive: false,
                code: Some(c),
                pair: None,
                rule: format!("{file}:{ln}"),
            });
            report.patterns += 1;
        }
        verbs.push((head, extra, own, ln));
    }
    (out, report)
}

/// `[a:b]` -> (code a, pair b); `---` or empty means none.
fn codes_of(line: &str) -> Option<(Option<String>, Option<String>)> {
    let open = line.find('[')?;
    let close = open + line[open..].find(']')?;
    let inner = line[open + 1..close].trim();
    let norm = |c: &str| {
        let c = c.trim();
        (!c.is_empty() && c.bytes().all(|b| b.is_ascii_digit())).then(|| c.to_string())
    };
    Some(match inner.split_once(':') {
        Some((a, b)) => (norm(a), norm(b)),
        None => (norm(inner), None),
    })
}

type Shape = (Pattern, Option<String>, Option<String>);
/// A verb of the current block: head lemma, words glued after it (`MEET_WITH`), own code, line.
type BlockVerb = (Box<str>, Vec<Box<str>>, Option<String>, usize);

fn petr_pattern(body: &str, sets: &HashMap<String, Vec<Box<str>>>) -> Result<Shape, String> {
    let (code, pair) = codes_of(body).ok_or("no [code]")?;
    let body = &body[..body.find('[').unwrap_or(body.len())];
    // `IN_*`, `*SCEPTICAL`: the verb marker may be glued to a word.
    let body = body.replace('*', " * ");
    let toks = tokenize(&body)?;
    let star = toks.iter().position(|t| t == "*").ok_or("no `*` verb position")?;
    let mut p = Pattern::empty(Kind::Verb);
    // Before the verb: the subject's words (the last is its head).
    let pre: Vec<&String> = toks[..star].iter().filter(|t| !matches!(t.as_str(), "$" | "+" | "%" | "^")).collect();
    if let Some(last) = pre.last() {
        let w = last.trim_start_matches('{').trim_end_matches('}');
        let w = w.split_whitespace().last().unwrap_or(w);
        if !w.starts_with('(') {
            p.subject = Some(wordset(w, sets)?);
        }
    }
    let mut explicit_target = false;
    for t in &toks[star + 1..] {
        let t = t.as_str();
        match t {
            "+" => {
                if p.object.is_none() && p.target == Slot::None {
                    p.target = Slot::Object;
                    explicit_target = true;
                }
            }
            "$" | "%" | "^" => {}
            _ if t.starts_with('(') => {
                let inner = &t[1..t.len() - 1];
                let has_target = inner.split_whitespace().any(|w| w == "+");
                let ws = group_words(inner);
                let Some((prep, rest)) = ws.split_first() else { continue };
                let prep_w = wordset(prep, sets)?;
                if rest.is_empty() || has_target {
                    if p.target == Slot::None || !explicit_target {
                        p.target = Slot::Prep(prep_w.clone());
                        explicit_target = has_target;
                    }
                    if rest.is_empty() {
                        continue;
                    }
                }
                let mut mods = rest.iter().map(|w| wordset(w, sets)).collect::<Result<Vec<_>, _>>()?;
                let word = mods.pop().unwrap_or_default();
                if !has_target {
                    p.constraints.push(Constraint { prep: Some(prep_w), word, mods, cons: Vec::new() });
                }
            }
            _ if t.starts_with('{') => {
                let ws = group_words(&t[1..t.len() - 1]);
                let mut mods = ws.iter().map(|w| wordset(w, sets)).collect::<Result<Vec<_>, _>>()?;
                let Some(head) = mods.pop() else { continue };
                if p.object.is_none() {
                    p.object = Some(Phrase { head, mods, cons: Vec::new() });
                } else {
                    p.constraints.push(Constraint { prep: None, word: head, mods, cons: Vec::new() });
                }
            }
            _ => {
                let w = wordset(t, sets)?;
                let lw: Vec<&str> = w.0.iter().map(|x| &**x).collect();
                if p.particle.is_none() && p.object.is_none() && lw.iter().all(|x| PARTICLES.contains(x)) {
                    p.particle = Some(w);
                } else if p.object.is_none() && !lw.iter().all(|x| PREPS.contains(x)) {
                    p.object = Some(Phrase { head: w, mods: Vec::new(), cons: Vec::new() });
                } else {
                    p.constraints.push(Constraint { prep: None, word: w, mods: Vec::new(), cons: Vec::new() });
                }
            }
        }
    }
    if p.target == Slot::None {
        p.target = if p.object.is_none() {
            Slot::Object
        } else {
            Slot::Prep(Words(DEFAULT_TARGET_PREPS.iter().map(|w| (*w).into()).collect()))
        };
    }
    Ok((p, code, pair))
}

/// PETRARCH agents: common nouns that code an argument ("police" -> `COP`).
#[derive(Debug, Clone, Default)]
pub struct Agents {
    /// Head word -> code. Single-word entries win over the head of a multiword entry.
    by_head: HashMap<Box<str>, (Box<str>, bool)>,
}

impl Agents {
    /// Adds an agents file; returns what was kept and skipped.
    pub fn add(&mut self, text: &str, file: &str) -> ImportReport {
        let mut report = ImportReport { file: file.to_string(), ..Default::default() };
        let mut macros: HashMap<String, Vec<String>> = HashMap::new();
        let mut in_comment = false;
        for (n, raw) in text.lines().enumerate() {
            let Some(line) = strip_comments(raw, &mut in_comment) else { continue };
            if line.is_empty() {
                continue;
            }
            if line.starts_with('!') {
                if let Some((name, vals)) = line.split_once('=') {
                    let vals = vals.split(',').map(|v| v.trim().to_lowercase()).filter(|v| !v.is_empty()).collect();
                    macros.insert(name.trim().to_string(), vals);
                    continue;
                }
            }
            let Some((a, _)) = codes_bracket(line) else {
                report.skipped.push((n + 1, "no [~CODE]".into()));
                continue;
            };
            let code = a.trim().trim_start_matches('~').trim();
            if code.is_empty() {
                report.skipped.push((n + 1, "empty code".into()));
                continue;
            }
            let phrase = line.split(['{', '[']).next().unwrap_or("").trim();
            // `CONGRESS!PERSON!` expands to one entry per macro value.
            // Macros in a fixed order (sorted by name) and every variant expanded by each, so the
            // result does not depend on hash order; a macro with no values leaves the text as it is.
            let mut variants = vec![phrase.to_lowercase()];
            let mut names: Vec<&String> = macros.keys().collect();
            names.sort();
            for name in names {
                let vals = &macros[name];
                let key = name.to_lowercase();
                if vals.is_empty() {
                    continue;
                }
                variants = variants
                    .into_iter()
                    .flat_map(|v| {
                        if v.contains(&key) {
                            vals.iter().map(|x| v.replace(&key, &format!("_{x}"))).collect::<Vec<_>>()
                        } else {
                            vec![v]
                        }
                    })
                    .collect();
            }
            for v in variants {
                let words: Vec<&str> = v.split(['_', ' ']).filter(|w| !w.is_empty()).collect();
                let Some(head) = words.last() else { continue };
                let single = words.len() == 1;
                let e = self.by_head.entry((*head).into()).or_insert_with(|| (code.into(), single));
                if single && !e.1 {
                    *e = (code.into(), true);
                }
                report.entries += 1;
            }
        }
        report
    }

    pub fn lookup(&self, lemma: &str, form: &str) -> Option<&str> {
        if self.by_head.is_empty() {
            return None;
        }
        self.by_head
            .get(lemma)
            .or_else(|| self.by_head.get(form.to_lowercase().as_str()))
            .map(|(c, _)| &**c)
    }

    pub fn len(&self) -> usize {
        self.by_head.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_head.is_empty()
    }
}

fn codes_bracket(line: &str) -> Option<(&str, ())> {
    let open = line.find('[')?;
    let close = open + line[open..].find(']')?;
    Some((&line[open + 1..close], ()))
}

/// PETRARCH discards: phrases that stop coding of a sentence, or (`+`) of the whole document.
#[derive(Debug, Clone, Default)]
pub struct Discards {
    sentence: Vec<String>,
    story: Vec<String>,
}

impl Discards {
    pub fn add(&mut self, text: &str) {
        for raw in text.lines() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() || line.starts_with("<!--") {
                continue;
            }
            let (list, phrase) = match line.strip_prefix('+') {
                Some(p) => (&mut self.story, p),
                None => (&mut self.sentence, line),
            };
            let p = phrase.replace('_', " ").to_lowercase();
            let p = p.trim();
            if !p.is_empty() {
                list.push(p.to_string());
            }
        }
    }

    pub(crate) fn sentence_discarded(&self, text: &str) -> bool {
        !self.sentence.is_empty() && contains_any(text, &self.sentence)
    }

    pub(crate) fn story_discarded(&self, text: &str) -> bool {
        !self.story.is_empty() && contains_any(text, &self.story)
    }
}

/// Whole-word, case-insensitive containment.
fn contains_any(text: &str, phrases: &[String]) -> bool {
    let lower = text.to_lowercase();
    phrases.iter().any(|p| {
        lower.match_indices(p.as_str()).any(|(i, m)| {
            let before = lower[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let after = lower[i + m.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            before && after
        })
    })
}

/// Parses an agents file on its own.
pub fn parse_agents(text: &str, file: &str) -> (Agents, ImportReport) {
    let mut a = Agents::default();
    let r = a.add(text, file);
    (a, r)
}

/// Parses a discards file on its own.
pub fn parse_discards(text: &str) -> Discards {
    let mut d = Discards::default();
    d.add(text);
    d
}

/// One dictionary line without its `#` comment, trimmed; `None` inside (or on a line of) an
/// `<!-- … -->` block, whose state `in_comment` carries from line to line.
fn strip_comments<'a>(raw: &'a str, in_comment: &mut bool) -> Option<&'a str> {
    let line = raw.trim();
    if *in_comment || line.starts_with("<!--") {
        *in_comment = !line.contains("-->");
        return None;
    }
    Some(line.find('#').map_or(line, |k| line[..k].trim()))
}
