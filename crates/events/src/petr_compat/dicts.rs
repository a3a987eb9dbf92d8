//! The PETRARCH-1 dictionary formats, read into the shapes the compat coder matches against.
//!
//! - verbs: `--- NAME [code] ---` blocks of synonymous verbs (regular forms generated, irregular
//!   ones in `{...}`, multi-word verbs with `+` on the verb: `+BREAK_DOWN`, `WIRE_+TAP`), each
//!   block followed by `- upper * lower [code]` patterns; `&NAME` synsets of `+` lines;
//! - actors: `PHRASE [CODE]`, `+SYNONYM` lines, tab-indented `[CODE <date]`, `[CODE >date]`,
//!   `[CODE date-date]` restrictions; `_` joins words that must be consecutive;
//! - agents: `PHRASE {PLURAL} [~CODE]` (`~` before: appended to the actor code, after:
//!   prepended), `!MARKER! = A, B` substitution sets;
//! - discards: phrases that stop a sentence (`+` prefix: the whole story).
//!
//! Lines the reader cannot use are counted in an [`crate::ImportReport`]-like list of
//! `(line number, reason)` and skipped; nothing here panics on bad input.

use std::collections::HashMap;

/// A skipped dictionary line: 1-based line number and why.
pub type Skipped = Vec<(usize, String)>;

/// Lines of a PETRARCH dictionary without comments: `#` to the end of the line and XML
/// comments (one-line or spanning lines); blank lines dropped. Returns (line number, text).
pub(crate) fn clean_lines(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut in_comment = false;
    for (n, raw) in text.lines().enumerate() {
        let mut line = raw.to_string();
        if in_comment {
            match line.find("-->") {
                Some(k) => {
                    line = line[k + 3..].to_string();
                    in_comment = false;
                }
                None => continue,
            }
        }
        while let Some(a) = line.find("<!") {
            match line[a..].find("-->") {
                Some(b) => line = format!("{}{}", &line[..a], &line[a + b + 3..]),
                None => {
                    line.truncate(a);
                    in_comment = true;
                    break;
                }
            }
        }
        if let Some(k) = line.find('#') {
            line.truncate(k);
        }
        if line.trim().is_empty() {
            continue;
        }
        out.push((n + 1, line.trim_end().to_string()));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Verbs

/// What a verb form stands for: its block (the pattern set) and its code.
#[derive(Debug, Clone, PartialEq)]
pub struct VerbSense {
    /// The block's first verb: the key of the block's patterns.
    pub block: String,
    /// The block's heading (`--- NAME [code] ---`), for provenance.
    pub name: String,
    pub code: String,
    /// The dictionary line, for provenance.
    pub line: usize,
}

/// One inflected verb form and its multi-word variants.
#[derive(Debug, Clone, Default)]
pub struct VerbForm {
    /// The verb on its own.
    pub alone: Option<VerbSense>,
    /// `+BREAK_DOWN`: the word that must follow the verb.
    pub then: HashMap<String, VerbSense>,
    /// `WIRE_+TAP`: the word that must precede the verb.
    pub after: HashMap<String, VerbSense>,
}

/// What a completed pattern yields.
#[derive(Debug, Clone, PartialEq)]
pub struct PatternEnd {
    pub code: String,
    pub line: usize,
}

/// A pattern element: a word, a synset `&NAME`, or a slot `+ $ % ^`; `tight` when it must
/// touch the previous element (or the verb) — joined by `_` in the dictionary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Elem {
    pub key: String,
    pub tight: bool,
}

/// A pattern trie. Lower (after the verb) paths end in `upper`, whose own paths (words before
/// the verb, nearest first) end in `end`.
#[derive(Debug, Clone, Default)]
pub struct Trie {
    /// Children in dictionary order.
    pub kids: Vec<(Elem, Trie)>,
    pub upper: Option<Box<Trie>>,
    pub end: Option<PatternEnd>,
}

impl Trie {
    fn child(&mut self, e: &Elem) -> &mut Trie {
        let i = match self.kids.iter().position(|(k, _)| k == e) {
            Some(i) => i,
            None => {
                self.kids.push((e.clone(), Trie::default()));
                self.kids.len() - 1
            }
        };
        &mut self.kids[i].1
    }

    /// Adds a pattern: `lower` elements in order, `upper` elements nearest-to-the-verb first.
    /// A repeated pattern keeps its first code.
    pub fn insert(&mut self, lower: &[Elem], upper: &[Elem], end: PatternEnd) {
        let mut node = self;
        for e in lower {
            node = node.child(e);
        }
        let mut node = node.upper.get_or_insert_with(Default::default).as_mut();
        for e in upper {
            node = node.child(e);
        }
        if node.end.is_none() {
            node.end = Some(end);
        }
    }
}

/// Splits a pattern part on blanks and underscores: each piece with the joiners before and
/// after it (`true` for `_`).
fn pieces(s: &str) -> Vec<(String, bool, bool)> {
    let mut out: Vec<(String, bool, bool)> = Vec::new();
    let mut cur = String::new();
    let mut before = false;
    for ch in s.chars() {
        if ch == ' ' || ch == '_' {
            if !cur.is_empty() {
                out.push((std::mem::take(&mut cur), before, ch == '_'));
            }
            before = ch == '_';
        } else {
            cur.push(ch);
        }
    }
    if !cur.is_empty() {
        out.push((cur, before, false));
    }
    out
}

/// The verb dictionary.
#[derive(Debug, Clone, Default)]
pub struct Verbs {
    pub forms: HashMap<String, VerbForm>,
    /// Block name -> its patterns.
    pub patterns: HashMap<String, Trie>,
    /// Synset name -> its member phrases (nested synsets expanded, plurals added).
    pub synsets: HashMap<String, Vec<Vec<String>>>,
}

fn noun_plural(s: &str) -> String {
    if let Some(r) = s.strip_suffix('Y') {
        format!("{r}IES")
    } else if let Some(r) = s.strip_suffix('S') {
        format!("{r}ES")
    } else {
        format!("{s}S")
    }
}

/// Regular forms of a verb root: -S/-ES, -ED/-D, -ING.
fn regular_forms(root: &str) -> Vec<String> {
    let mut v = Vec::new();
    if root.ends_with(['S', 'X', 'Z']) {
        v.push(format!("{root}ES"));
    } else {
        v.push(format!("{root}S"));
    }
    if let Some(stem) = root.strip_suffix('E') {
        v.push(format!("{root}D"));
        v.push(format!("{stem}ING"));
    } else {
        v.push(format!("{root}ED"));
        v.push(format!("{root}ING"));
    }
    v
}

impl Verbs {
    pub fn parse(text: &str) -> (Verbs, Skipped) {
        let mut v = Verbs::default();
        let mut skipped = Skipped::new();
        let lines = clean_lines(text);
        let mut block = String::new();
        let mut block_code = "---".to_string();
        let mut block_name = String::new();
        let mut new_block = false;
        let mut k = 0;
        while k < lines.len() {
            let (n, line) = (&lines[k].0, lines[k].1.trim());
            let n = *n;
            k += 1;
            let (body, code) = match line.find('[') {
                Some(a) => {
                    let rest = &line[a + 1..];
                    (line[..a].trim(), rest.find(']').map(|b| rest[..b].trim().to_string()))
                }
                None => (line, None),
            };
            if body.starts_with("---") {
                block_name = body.trim_matches('-').trim().to_string();
                block_code = code.filter(|c| !c.is_empty()).unwrap_or_else(|| "---".into());
                new_block = true;
            } else if let Some(pat) = body.strip_prefix('-') {
                // PETRARCH2 marks a noun phrase `{ARMS SHIPMENT}` and a prepositional phrase
                // `(TO BORDER)`; read linearly they are their words in order. TABARI's
                // alternatives `{A | B}` have no linear reading.
                if pat.contains('|') {
                    skipped.push((n, "pattern with {A | B} alternatives".into()));
                    continue;
                }
                let depth_ok = [('{', '}'), ('(', ')')].iter().all(|&(o, c)| {
                    let mut d = 0i32;
                    pat.chars().all(|ch| {
                        d += i32::from(ch == o) - i32::from(ch == c);
                        d >= 0
                    }) && d == 0
                });
                if !depth_ok {
                    skipped.push((n, "unbalanced {} or () in pattern".into()));
                    continue;
                }
                let pat = pat.replace(['{', '}', '(', ')'], " ");
                let pat = pat.as_str();
                let Some(code) = code else {
                    skipped.push((n, "pattern without [code]".into()));
                    continue;
                };
                if block.is_empty() {
                    skipped.push((n, "pattern outside a verb block".into()));
                    continue;
                }
                let pat = pat.replace("_ ", " ");
                let pat = pat.strip_suffix('_').unwrap_or(&pat);
                let (up, low) = match pat.find('*') {
                    Some(s) => (&pat[..s], &pat[s + 1..]),
                    None => (pat, ""),
                };
                // Upper elements nearest the verb first; each is tight when `_` follows it.
                let upper: Vec<Elem> = pieces(up).into_iter().rev().map(|(w, _, after)| Elem { key: w, tight: after }).collect();
                let lower: Vec<Elem> = pieces(low.trim_end()).into_iter().map(|(w, before, _)| Elem { key: w, tight: before }).collect();
                if let Some(bad) = upper.iter().chain(&lower).find(|e| e.key.starts_with('&') && !v.synsets.contains_key(&e.key)) {
                    skipped.push((n, format!("undefined synset {}", bad.key)));
                    continue;
                }
                v.patterns.entry(block.clone()).or_default().insert(&lower, &upper, PatternEnd { code, line: n });
            } else if body.starts_with('&') {
                let (name, plural) = match body.strip_suffix('_') {
                    Some(b) => (b.trim().to_string(), false),
                    None => (body.trim().to_string(), true),
                };
                let mut members: Vec<Vec<String>> = Vec::new();
                while k < lines.len() && lines[k].1.trim_start().starts_with('+') {
                    let w = lines[k].1.trim_start()[1..].trim().to_string();
                    k += 1;
                    if let Some(inner) = v.synsets.get(w.trim_end_matches('_')) {
                        members.extend(inner.iter().cloned());
                        continue;
                    }
                    let no_plural = !plural || w.ends_with('_');
                    let w = w.replace('_', " ");
                    let words: Vec<String> = w.split_whitespace().map(str::to_string).collect();
                    if words.is_empty() {
                        continue;
                    }
                    if !no_plural {
                        members.push(noun_plural(&words.join(" ")).split_whitespace().map(str::to_string).collect());
                    }
                    members.push(words);
                }
                v.synsets.insert(name, members);
            } else {
                // A verb line.
                if body.is_empty() {
                    skipped.push((n, "empty verb line".into()));
                    continue;
                }
                let own = code.clone().filter(|c| !c.is_empty()).unwrap_or_else(|| block_code.clone());
                if new_block {
                    block = match body.find('{') {
                        Some(a) => body[..a].trim().to_string(),
                        None => body.to_string(),
                    };
                    new_block = false;
                }
                if block.is_empty() {
                    skipped.push((n, "verb outside a block".into()));
                    continue;
                }
                let name = if block_name.is_empty() { block.clone() } else { block_name.clone() };
                let sense = VerbSense { block: block.clone(), name, code: own, line: n };
                let head = match body.find('{') {
                    Some(a) => body[..a].trim(),
                    None => body,
                };
                let irregular: Option<Vec<String>> = match (body.find('{'), body.find('}')) {
                    (Some(a), Some(b)) if a < b => Some(body[a + 1..b].split_whitespace().map(str::to_string).collect()),
                    (Some(_), _) => {
                        skipped.push((n, "unclosed {".into()));
                        continue;
                    }
                    _ => None,
                };
                if head.contains('_') {
                    // Multi-word verb: the word after `+` is the verb.
                    let mut phrases: Vec<String> = Vec::new();
                    match &irregular {
                        Some(forms) => {
                            phrases.extend(forms.iter().cloned());
                            phrases.push(head.to_string());
                        }
                        None => {
                            let Some(p) = head.find('+') else {
                                skipped.push((n, "multi-word verb without +".into()));
                                continue;
                            };
                            let root: String = head[p + 1..].split('_').next().unwrap_or("").to_string();
                            phrases.push(head.to_string());
                            if !root.is_empty() {
                                for f in regular_forms(&root) {
                                    phrases.push(head.replacen(&root, &f, 1));
                                }
                            }
                        }
                    }
                    for ph in phrases {
                        let parts: Vec<&str> = ph.split('_').filter(|w| !w.is_empty()).collect();
                        if parts.len() != 2 {
                            skipped.push((n, format!("multi-word verb {ph}: only two words are matched")));
                            continue;
                        }
                        if let Some(verb) = parts[0].strip_prefix('+') {
                            v.forms.entry(verb.to_string()).or_default().then.insert(parts[1].to_string(), sense.clone());
                        } else if let Some(verb) = parts[1].strip_prefix('+') {
                            v.forms.entry(verb.to_string()).or_default().after.insert(parts[0].to_string(), sense.clone());
                        } else {
                            skipped.push((n, format!("multi-word verb {ph} without +")));
                        }
                    }
                } else {
                    let root = head.split_whitespace().next().unwrap_or("").to_string();
                    let mut all = vec![root.clone()];
                    match irregular {
                        Some(f) => all.extend(f),
                        None => all.extend(regular_forms(&root)),
                    }
                    for f in all {
                        v.forms.entry(f).or_default().alone = Some(sense.clone());
                    }
                }
            }
        }
        (v, skipped)
    }
}

// ---------------------------------------------------------------------------------------------
// Actors and agents

/// A dictionary phrase: its words and, for each, whether the next word must follow at once
/// (`_`) or may come after other words (blank).
#[derive(Debug, Clone, PartialEq)]
pub struct Phrase {
    pub words: Vec<(String, bool)>,
}

impl Phrase {
    /// Reads `A_B C_`: words split on blanks and underscores, each with its joiner. A final
    /// joiner leaves an empty end marker, as PETRARCH stores it.
    pub fn parse(s: &str) -> Phrase {
        let s = format!("{} ", s.trim());
        let mut words = Vec::new();
        let mut cur = String::new();
        for ch in s.chars() {
            match ch {
                '_' | ' ' => {
                    words.push((std::mem::take(&mut cur), ch == '_'));
                }
                c => cur.push(c),
            }
        }
        Phrase { words }
    }

    /// Whether the phrase matches `frag` (whose first word is already known to be the phrase's
    /// first word), and how many words of `frag` it spans: every word of the phrase in order,
    /// a word after `_` straight after the previous one, a word after a blank after any
    /// number of other words.
    pub fn matches(&self, frag: &[&str]) -> Option<usize> {
        let words: Vec<&(String, bool)> = self.words.iter().filter(|w| !w.0.is_empty()).collect();
        let mut at = 1;
        for pair in words.windows(2) {
            let (prev, next) = (pair[0], pair[1]);
            if prev.1 {
                if frag.get(at) != Some(&next.0.as_str()) {
                    return None;
                }
                at += 1;
            } else {
                let k = frag.iter().skip(at).position(|w| *w == next.0)?;
                at += k + 1;
            }
        }
        Some(at)
    }
}

/// A dated code rule.
#[derive(Debug, Clone, PartialEq)]
pub enum CodeRule {
    Always(String),
    Before(i64, String),
    After(i64, String),
    Between(i64, i64, String),
}

/// The actor dictionary: phrases by first word, in file order, each pointing at a code group.
#[derive(Debug, Clone, Default)]
pub struct Actors {
    pub by_first: HashMap<String, Vec<(Phrase, usize)>>,
    pub groups: Vec<Vec<CodeRule>>,
}

/// One `CODE`, `CODE <DATE`, `CODE >DATE` or `CODE DATE-DATE` restriction.
fn code_rule(inner: &str) -> Result<CodeRule, &'static str> {
    let inner = inner.trim();
    let (code, rest) = match inner.split_once(' ') {
        Some((c, r)) => (c.trim().to_string(), r.trim()),
        None => (inner.to_string(), ""),
    };
    let digits: String = rest.chars().filter(|c| c.is_ascii_digit() || *c == '-').collect();
    if rest.starts_with('<') || rest.starts_with('>') {
        match day_number(&digits) {
            Some(d) if rest.starts_with('<') => Ok(CodeRule::Before(d, code)),
            Some(d) => Ok(CodeRule::After(d, code)),
            None => Err("bad date"),
        }
    } else if let Some((x, y)) = rest.split_once('-') {
        match (day_number(x), day_number(y)) {
            (Some(x), Some(y)) if x <= y => Ok(CodeRule::Between(x, y, code)),
            _ => Err("bad date interval"),
        }
    } else {
        Ok(CodeRule::Always(code))
    }
}

/// `YYYYMMDD` or `YYMMDD` (00-30 -> 20YY) as a day number.
pub fn day_number(s: &str) -> Option<i64> {
    let s = s.trim();
    let (y, m, d) = if s.len() > 7 {
        (s.get(..4)?.parse::<i32>().ok()?, s.get(4..6)?.parse::<u32>().ok()?, s.get(6..8)?.parse::<u32>().ok()?)
    } else {
        let yy = s.get(..2)?.parse::<i32>().ok()?;
        (if yy <= 30 { 2000 + yy } else { 1900 + yy }, s.get(2..4)?.parse::<u32>().ok()?, s.get(4..6)?.parse::<u32>().ok()?)
    };
    chrono::NaiveDate::from_ymd_opt(y, m, d).map(|d| i64::from(chrono::Datelike::num_days_from_ce(&d)))
}

impl Actors {
    pub fn parse(text: &str) -> (Actors, Skipped) {
        let mut a = Actors::default();
        let mut skipped = Skipped::new();
        let mut cur: Vec<CodeRule> = Vec::new();
        // Every base line starts its own group, coded or not (an uncoded entry must not take
        // the next entry's codes).
        let mut started = false;
        let mut index = 0usize;
        for (n, line) in clean_lines(text) {
            if line.contains("---STOP---") {
                break;
            }
            if line.starts_with('\t') {
                let Some(b) = line.find('[') else {
                    skipped.push((n, "date restriction without [".into()));
                    continue;
                };
                let inner = line[b + 1..].trim();
                match code_rule(inner.split(']').next().unwrap_or("")) {
                    Ok(rule) => cur.push(rule),
                    Err(e) => skipped.push((n, e.into())),
                }
                continue;
            }
            let phrase = if let Some(syn) = line.strip_prefix('+') {
                syn.split(';').next().unwrap_or("").trim().to_string()
            } else {
                if started {
                    a.groups.push(std::mem::take(&mut cur));
                }
                started = true;
                index = a.groups.len();
                match line.find('[') {
                    Some(b) => {
                        // `NAME [CODE]`, or several `[CODE dates]` groups on the line.
                        for group in line[b..].split('[').skip(1) {
                            match code_rule(group.split(']').next().unwrap_or("")) {
                                Ok(rule) => cur.push(rule),
                                Err(e) => skipped.push((n, e.into())),
                            }
                        }
                        line[..b].trim().to_string()
                    }
                    None => line.split(';').next().unwrap_or("").trim().to_string(),
                }
            };
            let p = Phrase::parse(&phrase);
            let Some(first) = p.words.first().map(|w| w.0.clone()).filter(|w| !w.is_empty()) else {
                skipped.push((n, "empty actor phrase".into()));
                continue;
            };
            a.by_first.entry(first).or_default().push((p, index));
        }
        if started {
            a.groups.push(cur);
        }
        a.longest_first();
        (a, skipped)
    }

    /// Orders each first word's phrases longest first (file order among equals), so that
    /// `ITHILEN TELEVISION` is tried before `ITHILEN`.
    pub fn longest_first(&mut self) {
        for v in self.by_first.values_mut() {
            v.sort_by_key(|(p, _)| std::cmp::Reverse(p.words.iter().filter(|w| !w.0.is_empty()).count()));
        }
    }

    /// The code of group `g` on `day`: the first restriction that holds, else the last
    /// unrestricted code, else `---`.
    pub fn code(&self, g: usize, day: Option<i64>) -> String {
        let Some(rules) = self.groups.get(g) else { return "---".into() };
        if let [CodeRule::Always(c)] = rules.as_slice() {
            return c.clone();
        }
        if let Some(d) = day {
            for r in rules {
                match r {
                    CodeRule::Before(x, c) if d <= *x => return c.clone(),
                    CodeRule::After(x, c) if d >= *x => return c.clone(),
                    CodeRule::Between(x, y, c) if d >= *x && d <= *y => return c.clone(),
                    _ => {}
                }
            }
        }
        rules
            .iter()
            .rev()
            .find_map(|r| if let CodeRule::Always(c) = r { Some(c.clone()) } else { None })
            .unwrap_or_else(|| "---".into())
    }
}

/// The agent dictionary: phrases by first word with their `~CODE` / `CODE~` codes.
#[derive(Debug, Clone, Default)]
pub struct Agents {
    pub by_first: HashMap<String, Vec<(Phrase, String)>>,
}

impl Agents {
    pub fn parse(text: &str) -> (Agents, Skipped) {
        let mut a = Agents::default();
        let mut skipped = Skipped::new();
        let mut markers: HashMap<String, Vec<String>> = HashMap::new();
        let store = |a: &mut Agents, phrase: &str, code: &str| {
            let p = Phrase::parse(phrase);
            if let Some(first) = p.words.first().map(|w| w.0.clone()).filter(|w| !w.is_empty()) {
                a.by_first.entry(first).or_default().push((p, code.to_string()));
            }
        };
        for (n, line) in clean_lines(text) {
            if line.contains('!') && line.contains('=') {
                let Some((lhs, rhs)) = line.split_once('=') else { continue };
                let name = lhs.trim().trim_matches('!').to_string();
                markers.insert(name, rhs.split(',').map(|s| s.trim().to_string()).collect());
                continue;
            }
            let Some(b) = line.find('[') else {
                skipped.push((n, "agent without [code]".into()));
                continue;
            };
            let code = line[b + 1..].split(']').next().unwrap_or("").trim().to_string();
            let head = line[..b].trim();
            if let Some(x) = head.find('!') {
                let Some(y) = head[x + 1..].find('!').map(|y| x + 1 + y) else {
                    skipped.push((n, "bad substitution marker".into()));
                    continue;
                };
                let Some(subs) = markers.get(&head[x + 1..y]) else {
                    skipped.push((n, "undefined substitution marker".into()));
                    continue;
                };
                for s in subs {
                    store(&mut a, &format!("{}{}{}", &head[..x], s, &head[y + 1..]), &code);
                }
                continue;
            }
            let (single, plural) = match (head.find('{'), head.find('}')) {
                (Some(x), Some(y)) if x < y => (head[..x].trim().to_string(), head[x + 1..y].trim().to_string()),
                (Some(_), _) => {
                    skipped.push((n, "missing }".into()));
                    continue;
                }
                _ => (head.to_string(), noun_plural_agent(head)),
            };
            store(&mut a, &single, &code);
            if !plural.is_empty() {
                store(&mut a, &plural, &code);
            }
        }
        for v in a.by_first.values_mut() {
            v.sort_by_key(|(p, _)| std::cmp::Reverse(p.words.iter().filter(|w| !w.0.is_empty()).count()));
        }
        (a, skipped)
    }
}

/// Regular agent plurals: -Y -> -IES, -S -> -SES, else -S.
fn noun_plural_agent(s: &str) -> String {
    if let Some(r) = s.strip_suffix('Y') {
        format!("{r}IES")
    } else if s.ends_with('S') {
        format!("{s}ES")
    } else {
        format!("{s}S")
    }
}

/// Discard phrases: (words, whole story?).
#[derive(Debug, Clone, Default)]
pub struct Discards {
    pub phrases: Vec<(Vec<String>, bool)>,
}

impl Discards {
    pub fn parse(text: &str) -> Discards {
        let mut d = Discards::default();
        for (_, line) in clean_lines(text) {
            let t = line.trim();
            let (t, story) = match t.strip_prefix('+') {
                Some(r) => (r, true),
                None => (t, false),
            };
            let words: Vec<String> = t.to_uppercase().split_whitespace().map(str::to_string).collect();
            if !words.is_empty() {
                d.phrases.push((words, story));
            }
        }
        d
    }

    /// The first discard phrase in the sentence, matched on its words (upper-cased, with
    /// surrounding punctuation dropped: `baseball.` is `BASEBALL`); whether it discards the
    /// whole story. PETRARCH-1 compared raw blank-separated words and missed a phrase at the
    /// end of the sentence.
    pub fn find(&self, text: &str) -> Option<(String, bool)> {
        let words: Vec<String> = text
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_uppercase())
            .filter(|w| !w.is_empty())
            .collect();
        for start in 0..words.len() {
            let hit = self
                .phrases
                .iter()
                .filter(|(p, _)| words.get(start..start + p.len()).is_some_and(|ws| ws == p.as_slice()))
                .max_by_key(|(_, story)| *story);
            if let Some((p, story)) = hit {
                return Some((p.join(" "), *story));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! phrase {
        ($name:ident, $pat:expr, $frag:expr, $want:expr) => {
            #[test]
            fn $name() {
                let frag: Vec<&str> = $frag.split_whitespace().collect();
                assert_eq!(Phrase::parse($pat).matches(&frag), $want);
            }
        };
    }

    phrase!(one_word, "VALEMARK", "VALEMARK TODAY", Some(1));
    phrase!(one_word_closed, "VALEMARK_", "VALEMARK TODAY", Some(1));
    phrase!(closed_needs_next_word, "NORTH_REACH_", "NORTH REACH", Some(2));
    phrase!(closed_fails_on_gap, "NORTH_REACH_", "NORTH WIND REACH", None);
    phrase!(open_allows_gap, "KING ALDRIC", "KING OF ALDRIC", Some(3));
    phrase!(open_runs_out, "KING ALDRIC", "KING", None);
    phrase!(every_word_counts, "KING ALDRIC THE_BOLD", "KING ALDRIC THE WISE", None);
    phrase!(every_word_with_gaps, "KING ALDRIC THE_BOLD", "KING ALDRIC OF VALE THE BOLD", Some(6));

    #[test]
    fn verb_forms_regular_and_irregular() {
        let (v, skipped) = Verbs::parse("--- PLEDGE [051] ---\nPLEDGE\nSEIZE {SEIZES SEIZED} [211]\n");
        assert!(skipped.is_empty());
        for f in ["PLEDGE", "PLEDGES", "PLEDGED", "PLEDGING"] {
            assert_eq!(v.forms[f].alone.as_ref().map(|s| s.code.as_str()), Some("051"), "{f}");
        }
        assert_eq!(v.forms["SEIZED"].alone.as_ref().map(|s| (s.block.as_str(), s.code.as_str())), Some(("PLEDGE", "211")));
        assert!(!v.forms.contains_key("SEIZING"));
    }

    #[test]
    fn petrarch2_phrase_marks_read_as_words() {
        let (v, skipped) = Verbs::parse("--- RUSH [---] ---\nRUSH\n- * (TO {FRONT LINE}) [154]\n- * {A | B} [155]\n- * (TO [156]\n");
        assert_eq!(skipped.len(), 2, "{skipped:?}");
        let t = &v.patterns["RUSH"];
        let keys: Vec<&str> = t.kids.iter().map(|(e, _)| e.key.as_str()).collect();
        assert_eq!(keys, ["TO"]);
        let front = &t.kids[0].1.kids[0];
        assert_eq!(front.0.key, "FRONT");
        assert_eq!(front.1.kids[0].0.key, "LINE");
    }

    #[test]
    fn synsets_nest_and_get_plurals() {
        let (v, _) = Verbs::parse("&COIN\n+CROWN\n+SILVER_MARK\n&VALUE_\n+&COIN\n+GEMS\n--- GIVE [070] ---\nGIVE\n");
        let value = &v.synsets["&VALUE"];
        assert!(value.contains(&vec!["CROWNS".to_string()]));
        assert!(value.contains(&vec!["SILVER".to_string(), "MARKS".to_string()]));
        assert!(value.contains(&vec!["GEMS".to_string()]));
    }

    #[test]
    fn discards_match_words_anywhere() {
        let d = Discards::parse("HORSE RACE\n+FOOTBALL\n");
        assert_eq!(d.find("the horse race began"), Some(("HORSE RACE".into(), false)));
        assert_eq!(d.find("a football match"), Some(("FOOTBALL".into(), true)));
        assert_eq!(d.find("they watched football."), Some(("FOOTBALL".into(), true)));
        assert_eq!(d.find("the horse raced on"), None);
    }

    #[test]
    fn dated_codes() {
        let (a, _) = Actors::parse("ALDRIC [VALELI]\n\t[VALGOV 20000101-20101231]\n\t[VALMIL >20110101]\n");
        let g = a.by_first["ALDRIC"][0].1;
        assert_eq!(a.code(g, day_number("20050505")), "VALGOV");
        assert_eq!(a.code(g, day_number("20120505")), "VALMIL");
        assert_eq!(a.code(g, day_number("19900505")), "VALELI");
    }

    #[test]
    fn dated_codes_on_the_base_line_and_uncoded_entries() {
        let (a, skipped) = Actors::parse("ALDRIC_THE_OLD [VALGOV 900101-991231] [VALELI]
+OLD_ALDRIC
NAMELESS_ONE
BORIN [BOR]
");
        assert!(skipped.is_empty(), "{skipped:?}");
        let g = a.by_first["OLD"][0].1;
        assert_eq!(a.code(g, day_number("19950505")), "VALGOV");
        assert_eq!(a.code(g, day_number("20050505")), "VALELI");
        let none = a.by_first["NAMELESS"][0].1;
        assert_eq!(a.code(none, None), "---", "an uncoded entry does not take the next entry's code");
        assert_eq!(a.code(a.by_first["BORIN"][0].1, None), "BOR");
    }
}
