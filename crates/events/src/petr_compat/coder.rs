//! Coding one linearised sentence the PETRARCH-1 way: actor codes for every noun entity,
//! then, verb phrase by verb phrase, the verb's patterns against the words after the verb
//! (the *lower* sequence, up to the end of the verb phrase) and before it (the *upper*
//! sequence, read backwards to the previous comma clause), then source and target.

use super::dicts::{Actors, Agents, PatternEnd, Trie, VerbSense, Verbs};
use super::linear::Tok;
use super::{Options, PetrEvent};

/// Words the matcher steps over, and why (PETRARCH's classes: markup, function words,
/// number words, numbers, currencies).
fn skip_class(item: &str) -> u8 {
    if item.starts_with('~') || item.starts_with('(') {
        return 1;
    }
    match item {
        "THE" | "A" | "AN" | "IT" | "HE" | "THEY" | "HER" | "HAS" | "HAD" | "HAVE" | "SOME" | "FEW" | "THAT" => 2,
        "HUNDRED" | "THOUSAND" | "MILLION" | "BILLION" | "TRILLION" | "DOZEN" | "ONE" | "TWO" | "THREE" | "FOUR" | "FIVE" | "SIX"
        | "SEVEN" | "EIGHT" | "NINE" => 3,
        "DOLLAR" | "DUCAT" => 5,
        _ if item.trim().parse::<i64>().is_ok() => 4,
        _ => 0,
    }
}

/// Where an actor slot points: an item of the upper or the lower sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Loc {
    Upper(usize),
    Lower(usize),
    /// `%` before the verb: the compound (upper index) is source and target alike.
    Pair(usize),
}

/// Actor code of a noun entity's words: the first actor phrase found gives the base code;
/// every agent phrase outside it adds its code (`~XXX` after, `XXX~` before), stopping at
/// the first agent code already present.
pub(crate) fn entity_code(words: &[String], actors: &Actors, agents: &Agents, day: Option<i64>) -> Option<String> {
    let frag = |k: usize| words[k..].iter().map(String::as_str).collect::<Vec<_>>();
    let mut code = String::new();
    let mut span = (usize::MAX, usize::MAX);
    for (k, w) in words.iter().enumerate() {
        if let Some(pats) = actors.by_first.get(w) {
            span = (k, k);
            let f = frag(k);
            for (p, g) in pats {
                if let Some(len) = p.matches(&f) {
                    span = (k, k + len);
                    code = actors.code(*g, day);
                    break;
                }
            }
        }
        if !code.is_empty() {
            break;
        }
    }
    let mut found: Vec<&str> = Vec::new();
    let mut k = 0;
    while k < words.len() {
        if span.0 != usize::MAX && k >= span.0 && k < span.1 {
            k += 1;
            continue;
        }
        if let Some(pats) = agents.by_first.get(&words[k]) {
            let f = frag(k);
            for (p, c) in pats {
                if let Some(len) = p.matches(&f) {
                    found.push(c);
                    k += len - 1;
                    break;
                }
            }
        }
        k += 1;
    }
    if found.is_empty() {
        return (!code.is_empty()).then_some(code);
    }
    if code.is_empty() {
        code = "---".into();
    }
    // CAMEO codes former office holders as elites: `former ministers` are `~ELI`, not `~GOV`
    // (TABARI's FORMER conversion).
    if words.iter().any(|w| w == "FORMER") {
        found = vec!["~ELI"];
    }
    for a in found {
        let (agc, after) = match a.strip_prefix('~') {
            Some(c) => (c, true),
            None => (a.strip_suffix('~').unwrap_or(a), false),
        };
        if agc.is_empty() {
            continue;
        }
        let mut dup = false;
        let mut at = 0;
        while at + agc.len() <= code.len() {
            if code.get(at..at + agc.len()) == Some(agc) {
                dup = true;
                break;
            }
            at += 3;
        }
        if dup {
            break;
        }
        if after {
            code.push_str(agc);
        } else {
            code = format!("{agc}{code}");
        }
    }
    Some(code)
}

fn tok_str(t: &Tok) -> String {
    match t {
        Tok::Open(l) => format!("({l}"),
        Tok::Close(l) => format!("~{l}"),
        Tok::Word(w) | Tok::Code(w) => w.clone(),
    }
}

/// Gives every `NE` its code; an entity that holds a compound is first split into one entity
/// per part, each with the entity's other words.
pub(crate) fn assign_codes(t: &mut Vec<Tok>, start: usize, actors: &Actors, agents: &Agents, day: Option<i64>) {
    let mut k = start;
    let mut guard = 0;
    while k < t.len() {
        guard += 1;
        if guard > 100_000 {
            break;
        }
        if !t[k].is_open("NE") {
            k += 1;
            continue;
        }
        let Some(end) = (k + 2..t.len()).find(|&j| t[j].is_close("NE")) else { return };
        let inner: Vec<Tok> = t[k + 2..end].to_vec();
        if inner.iter().any(|x| x.is_open("NEC")) {
            // Every compound in the entity multiplies it: one entity per combination of parts,
            // each with the entity's other words.
            let mut combos: Vec<Vec<Tok>> = vec![Vec::new()];
            let mut j = 0;
            while j < inner.len() {
                if inner[j].is_open("NEC") {
                    let Some(e) = (j..inner.len()).find(|&x| inner[x].is_close("NEC")) else { break };
                    let parts = compound_parts(&inner[j + 1..e]);
                    if !parts.is_empty() && combos.len() * parts.len() <= 64 {
                        combos = combos.iter().flat_map(|c| parts.iter().map(move |p| [c.clone(), p.clone()].concat())).collect();
                    }
                    j = e + 1;
                    continue;
                }
                if let Tok::Word(_) = &inner[j] {
                    for c in &mut combos {
                        c.push(inner[j].clone());
                    }
                }
                j += 1;
            }
            let mut out = vec![Tok::Open("NEC".into())];
            for c in combos {
                out.push(Tok::Open("NE".into()));
                out.push(Tok::Code("---".into()));
                out.extend(c);
                out.push(Tok::Close("NE".into()));
            }
            out.push(Tok::Close("NEC".into()));
            t.splice(k..=end, out);
            k += 1;
            continue;
        }
        let words: Vec<String> = inner
            .iter()
            .filter(|x| !matches!(x, Tok::Open(l) | Tok::Close(l) if l.starts_with("NN")))
            .map(tok_str)
            .collect();
        if let Some(c) = entity_code(&words, actors, agents, day) {
            t[k + 1] = Tok::Code(c);
        }
        k = end + 1;
    }
}

/// The parts of a compound's markup: the words of each nominal child.
fn compound_parts(toks: &[Tok]) -> Vec<Vec<Tok>> {
    let mut parts = Vec::new();
    let mut j = 0;
    while j < toks.len() {
        if let Tok::Open(l) = &toks[j] {
            if l.starts_with('N') {
                if let Some(e) = (j + 1..toks.len()).find(|&x| toks[x].is_close(l)) {
                    parts.push(toks[j + 1..e].iter().filter(|x| matches!(x, Tok::Word(_))).cloned().collect());
                    j = e + 1;
                    continue;
                }
            }
        }
        j += 1;
    }
    parts
}

fn code_of(t: &[Tok], k: usize) -> String {
    match t.get(k + 1) {
        Some(Tok::Code(c)) => c.clone(),
        _ => "---".into(),
    }
}

/// Items before the verb, nearest first, back to the sentence start or a comma clause.
fn upper_seq(t: &[Tok], from: isize, start: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut k = from;
    while k >= start as isize {
        let x = &t[k as usize];
        match x {
            Tok::Close(l) if l.contains(',') => break,
            // A whole verb phrase before this verb (the first of two coordinated ones) holds
            // that verb's arguments, not this one's subject.
            Tok::Close(l) if l.starts_with("VP") => {
                if let Some(o) = (0..k as usize).rev().find(|&j| t[j].is_open(l)) {
                    k = o as isize;
                }
            }
            Tok::Open(l) if l == "NE" => out.push(format!("(NE<{k}>{}", code_of(t, k as usize))),
            Tok::Open(l) | Tok::Close(l) if l.contains("NEC") => out.push(tok_str(x)),
            Tok::Close(l) if l.starts_with("NE") => out.push(tok_str(x)),
            Tok::Word(w) => out.push(w.clone()),
            _ => {}
        }
        k -= 1;
    }
    out
}

/// Items after the verb up to the end of its verb phrase; `None` when the end is missing.
fn lower_seq(t: &[Tok], from: usize, end_label: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut k = from;
    loop {
        let x = t.get(k)?;
        if let Tok::Close(l) = x {
            if l.starts_with(end_label) {
                break;
            }
        }
        match x {
            Tok::Open(l) if l == "NE" => {
                out.push(format!("(NE<{k}>{}", code_of(t, k)));
                k += 1;
            }
            Tok::Open(l) | Tok::Close(l) if l.contains("NEC") => out.push(tok_str(x)),
            Tok::Close(l) if l.starts_with("NE") => out.push(tok_str(x)),
            Tok::Word(w) => out.push(w.clone()),
            _ => {}
        }
        k += 1;
    }
    Some(out)
}

/// A complete pattern match: how many elements it matched, its end, and the slots it filled.
#[derive(Debug, Clone)]
struct Match {
    size: usize,
    end: PatternEnd,
    source: Option<Loc>,
    target: Option<Loc>,
}

fn markup(item: &str) -> bool {
    item.starts_with('(') || item.starts_with('~')
}

/// Matches a verb's patterns against the items after (lower) and before (upper, nearest
/// first) the verb. Elements may be separated by other words unless joined by `_`; the
/// match with the most elements wins, the first found among equals.
struct Matcher<'a> {
    verbs: &'a Verbs,
    upper: &'a [String],
    lower: &'a [String],
}

#[derive(Clone, Copy)]
struct State {
    /// Next item to look at.
    at: usize,
    /// The last matched item (`None`: the verb itself).
    last: Option<usize>,
    size: usize,
    source: Option<Loc>,
    target: Option<Loc>,
}

impl<'a> Matcher<'a> {
    fn seq(&self, upper: bool) -> &'a [String] {
        if upper {
            self.upper
        } else {
            self.lower
        }
    }

    /// Whether only markup lies between the last matched item and `j`.
    fn touches(&self, upper: bool, last: Option<usize>, j: usize) -> bool {
        let from = last.map_or(0, |l| l + 1);
        self.seq(upper)[from.min(j)..j].iter().all(|x| markup(x))
    }

    /// Where `words` (in reading order) match from item `j` on, markup skipped: the last item.
    fn phrase_at(&self, upper: bool, j: usize, words: &[String]) -> Option<usize> {
        let seq = self.seq(upper);
        let mut k = j;
        let mut end = None;
        let order: Vec<&String> = if upper { words.iter().rev().collect() } else { words.iter().collect() };
        for (n, w) in order.into_iter().enumerate() {
            while n > 0 && k < seq.len() && markup(&seq[k]) {
                k += 1;
            }
            if seq.get(k) != Some(w) {
                return None;
            }
            end = Some(k);
            k += 1;
        }
        end
    }

    /// The entity at or after item `at`: its start item.
    fn entity_from(&self, upper: bool, at: usize) -> Option<usize> {
        let seq = self.seq(upper);
        if upper {
            // Reading backwards an entity is `~NE words (NE<k>code`: the first start at or
            // after `at` is the entity `at` is in, or the next one.
            (at..seq.len()).find(|&j| seq[j].starts_with("(NE<"))
        } else {
            // The entity holding the next word that is in one.
            let holder = |j: usize| -> Option<usize> {
                for k in (0..j).rev() {
                    if seq[k] == "~NE" {
                        return None;
                    }
                    if seq[k].starts_with("(NE<") {
                        return Some(k);
                    }
                }
                None
            };
            (at..seq.len()).filter(|&j| !markup(&seq[j])).find_map(holder)
        }
    }

    fn walk(&self, node: &'a Trie, upper: bool, st: State, best: &mut Option<Match>) {
        if upper {
            if let Some(end) = &node.end {
                if st.size > 0 && best.as_ref().is_none_or(|b| st.size > b.size) {
                    *best = Some(Match { size: st.size, end: end.clone(), source: st.source, target: st.target });
                }
            }
        }
        let seq = self.seq(upper);
        for (e, kid) in &node.kids {
            let mut next = st;
            next.size += 1;
            let step = |next: &mut State, j: usize| {
                next.at = j + 1;
                next.last = Some(j);
            };
            // The first word from `st.at` (markup skipped) where `hit` matches, and where that
            // match ends; with `_` (tight) only the word touching the previous element may.
            let scan = |hit: &dyn Fn(usize, &str) -> Option<usize>| -> Option<usize> {
                for (j, item) in seq.iter().enumerate().skip(st.at) {
                    if markup(item) {
                        continue;
                    }
                    if e.tight && !self.touches(upper, st.last, j) {
                        return None;
                    }
                    if let Some(end) = hit(j, item) {
                        return Some(end);
                    }
                }
                None
            };
            match e.key.as_str() {
                "+" | "$" => {
                    let Some(j) = self.entity_from(upper, st.at) else { continue };
                    let loc = if upper { Loc::Upper(j) } else { Loc::Lower(j) };
                    if e.key == "+" {
                        next.target = Some(loc);
                    } else {
                        next.source = Some(loc);
                    }
                    // The entity's own words may still match what follows.
                    step(&mut next, j);
                }
                "^" => {
                    let close = if upper { "(NE<" } else { "~NE" };
                    let Some(j) = (st.at..seq.len()).find(|&j| seq[j].starts_with(close)) else { continue };
                    step(&mut next, j);
                }
                "%" => {
                    let Some(j) = (st.at..seq.len()).find(|&j| seq[j].contains("(NEC")) else { continue };
                    if upper {
                        next.source = Some(Loc::Upper(j));
                        next.target = Some(Loc::Pair(j));
                    } else {
                        next.target = Some(Loc::Lower(j));
                    }
                    step(&mut next, j);
                }
                k if k.starts_with('&') => {
                    let Some(members) = self.verbs.synsets.get(k) else { continue };
                    let Some(end) = scan(&|j, _| members.iter().filter_map(|m| self.phrase_at(upper, j, m)).max()) else { continue };
                    step(&mut next, end);
                }
                w => {
                    let Some(j) = scan(&|j, item| (item == w).then_some(j)) else { continue };
                    step(&mut next, j);
                }
            }
            self.walk(kid, upper, next, best);
        }
        if !upper {
            if let Some(up) = &node.upper {
                self.walk(up, true, State { at: 0, last: None, ..st }, best);
            }
        }
    }

    fn best(&self, root: &'a Trie) -> Option<Match> {
        let mut best = None;
        self.walk(root, false, State { at: 0, last: None, size: 0, source: None, target: None }, &mut best);
        best
    }
}

fn ne_code(item: &str) -> Option<&str> {
    item.starts_with("(NE<").then(|| item.split_once('>').map(|(_, c)| c)).flatten()
}

/// The first coded entity or compound after the verb, else the first entity.
fn find_target(lower: &[String]) -> Option<Loc> {
    lower
        .iter()
        .position(|x| x.starts_with("(NEC") || ne_code(x).is_some_and(|c| c != "---"))
        .or_else(|| lower.iter().position(|x| x.starts_with("(NE")))
        .map(Loc::Lower)
}

/// The first compound or coded entity of the clause before the verb (in sentence order)
/// whose code differs from the target's, else the first entity with a different code.
fn find_source(upper: &[String], target_code: Option<&str>) -> Option<Loc> {
    // Two unknown (`---`) actors are not the same actor.
    let same = |x: &str| target_code.is_some_and(|c| c != "---" && x.ends_with(c));
    upper
        .iter()
        .rposition(|x| (x.contains("(NEC") || ne_code(x).is_some_and(|c| c != "---")) && !same(x))
        .or_else(|| upper.iter().rposition(|x| x.starts_with("(NE") && !same(x)))
        .map(Loc::Upper)
}

/// The codes at a location: one for an entity, one per part for a compound. With
/// `new_actor_length`, an uncoded entity of fewer words gives its text in quotes.
fn codes_at(loc: Loc, upper: &[String], lower: &[String], opt: &Options) -> Option<Vec<String>> {
    let text_of = |seq: &[String], k: usize, backwards: bool| -> String {
        let mut ws = Vec::new();
        if backwards {
            let mut j = k as isize - 1;
            while j >= 0 && !seq[j as usize].starts_with('~') {
                ws.push(seq[j as usize].clone());
                j -= 1;
            }
        } else {
            let mut j = k + 1;
            while j < seq.len() && !seq[j].starts_with('~') {
                ws.push(seq[j].clone());
                j += 1;
            }
        }
        ws.join(" ")
    };
    let add = |seq: &[String], k: usize, backwards: bool, out: &mut Vec<String>| {
        let c = ne_code(&seq[k]).unwrap_or("---");
        if c != "---" {
            out.push(c.to_string());
        } else if opt.new_actor_length > 0 {
            let text = text_of(seq, k, backwards);
            if text.matches(' ').count() < opt.new_actor_length {
                out.push(format!("\"{text}\""));
            } else {
                out.push("---".into());
            }
        }
    };
    // An entity inside a compound stands for the whole compound.
    let loc = match loc {
        Loc::Upper(k) if !upper.get(k)?.contains("(NEC") => {
            let mut j = k + 1;
            let mut found = None;
            while j < upper.len() {
                if upper[j].contains("~NEC") {
                    break;
                }
                if upper[j].contains("(NEC") {
                    found = Some(j);
                    break;
                }
                j += 1;
            }
            found.map_or(loc, Loc::Upper)
        }
        Loc::Lower(k) if !lower.get(k)?.contains("(NEC") => {
            let mut found = None;
            for j in (0..k).rev() {
                if lower[j].contains("~NEC") {
                    break;
                }
                if lower[j].contains("(NEC") {
                    found = Some(j);
                    break;
                }
            }
            found.map_or(loc, Loc::Lower)
        }
        other => other,
    };
    let mut out = Vec::new();
    match loc {
        Loc::Upper(k) | Loc::Pair(k) => {
            let item = upper.get(k)?;
            if item.contains("(NEC") {
                let mut j = k.checked_sub(1)?;
                while !upper[j].contains("~NEC") {
                    if upper[j].contains("(NE") {
                        add(upper, j, true, &mut out);
                    }
                    j = j.checked_sub(1)?;
                }
            } else {
                add(upper, k, true, &mut out);
            }
        }
        Loc::Lower(k) => {
            let item = lower.get(k)?;
            if item.contains("(NEC") {
                let mut j = k + 1;
                while !lower.get(j)?.contains("~NEC") {
                    if lower[j].contains("(NE") {
                        add(lower, j, false, &mut out);
                    }
                    j += 1;
                }
            } else {
                add(lower, k, false, &mut out);
            }
        }
    }
    if out.is_empty() {
        out.push("---".into());
    }
    // `XXX/YYY` codes stand for several actors.
    Some(out.into_iter().flat_map(|c| c.split('/').map(str::to_string).collect::<Vec<_>>()).collect())
}

/// Codes one linearised sentence.
pub(crate) fn code_verbs(t: &[Tok], start: usize, verbs: &Verbs, opt: &Options) -> Vec<PetrEvent> {
    let mut events: Vec<PetrEvent> = Vec::new();
    let mut k = start;
    while k + 1 < t.len() {
        let (Tok::Open(vp), Tok::Open(vb)) = (&t[k], &t[k + 1]) else {
            k += 1;
            continue;
        };
        if !(vp.starts_with("VP") && vb.starts_with("VB")) {
            k += 1;
            continue;
        }
        let vp_start = k;
        let end_label = vp.clone();
        let Some(vp_end) = (k..t.len()).find(|&j| t[j].is_close(&end_label)) else {
            k += 1;
            continue;
        };
        // Passive: a past participle followed by BY, with WAS/IS/BEEN before it.
        let mut passive = false;
        if let Some(vbn) = (k + 3..vp_end).find(|&j| t[j].is_open("VBN")) {
            if let Some(vbn_close) = (vbn..t.len()).find(|&j| t[j].is_close("VBN")) {
                let by = (vbn_close + 3..vp_end).any(|j| matches!(&t[j], Tok::Word(w) if w == "BY"));
                if by {
                    let mut a = vbn_close as isize - 3;
                    while a > k as isize {
                        let ai = a as usize;
                        if matches!(&t[ai], Tok::Close(l) if l.starts_with("VB")) && matches!(&t[ai - 1], Tok::Word(w) if w == "WAS" || w == "IS" || w == "BEEN") {
                            passive = true;
                            k = vbn_close - 3;
                            break;
                        }
                        a -= 1;
                    }
                }
            }
        }
        let Some(Tok::Word(verb)) = t.get(k + 2) else {
            k = vp_start + 1;
            continue;
        };
        let Some(form) = verbs.forms.get(verb) else {
            k += 1;
            continue;
        };
        let word_at = k + 2;
        let (mut first, mut last) = (word_at, word_at);
        let mut sense: Option<&VerbSense> = None;
        if !form.then.is_empty() {
            let next = (word_at + 1..t.len()).find(|&j| skip_class(&tok_str(&t[j])) == 0);
            if let Some(j) = next {
                if let Some(s) = form.then.get(&tok_str(&t[j])) {
                    sense = Some(s);
                    last = j;
                }
            }
        }
        if sense.is_none() && !form.after.is_empty() {
            let prev = (0..k).rev().find(|&j| skip_class(&tok_str(&t[j])) == 0);
            if let Some(j) = prev {
                if let Some(s) = form.after.get(&tok_str(&t[j])) {
                    sense = Some(s);
                    first = j;
                }
            }
        }
        let sense = sense.or(form.alone.as_ref());
        let Some(sense) = sense else {
            k += 1;
            continue;
        };
        let upper = upper_seq(t, first as isize - 1, start);
        let Some(lower) = lower_seq(t, last + 1, &end_label) else { break };
        let m = Matcher { verbs, upper: &upper, lower: &lower };
        let mut code: Option<(String, String)> = None;
        let (mut src, mut tgt): (Option<Loc>, Option<Loc>) = (None, None);
        if let Some(found) = verbs.patterns.get(&sense.block).and_then(|trie| m.best(trie)) {
            src = found.source;
            tgt = found.target;
            // `---` means no event; `+++` (TABARI's complex event) is not coded either.
            if found.end.code != "---" && found.end.code != "+++" {
                code = Some((found.end.code.clone(), format!("petrarch:verbs:{} {}", found.end.line, sense.name)));
            }
        }
        if code.is_none() && sense.code != "---" {
            code = Some((sense.code.clone(), format!("petrarch:verbs:{} {}", sense.line, sense.name)));
        }
        if let Some((code, rule)) = code {
            if let Some(Loc::Pair(j)) = tgt {
                tgt = Some(Loc::Upper(j));
            }
            if tgt.is_none() {
                tgt = find_target(&lower);
            }
            if let Some(tg) = tgt {
                if src.is_none() {
                    let tcode = match tg {
                        Loc::Lower(j) => lower.get(j).and_then(|x| ne_code(x)),
                        Loc::Upper(j) => upper.get(j).and_then(|x| ne_code(x)),
                        Loc::Pair(_) => None,
                    };
                    src = find_source(&upper, tcode);
                }
                if let Some(sr) = src {
                    make_events(&mut events, sr, tg, &upper, &lower, passive, &code, &rule, opt);
                }
            }
            // A coded verb phrase is done, its inner verbs included.
            k = vp_end;
        }
        k += 1;
    }
    events
}

#[allow(clippy::too_many_arguments)]
fn make_events(
    events: &mut Vec<PetrEvent>,
    src: Loc,
    tgt: Loc,
    upper: &[String],
    lower: &[String],
    passive: bool,
    code: &str,
    rule: &str,
    opt: &Options,
) {
    let (Some(mut s), Some(mut t)) = (codes_at(src, upper, lower, opt), codes_at(tgt, upper, lower, opt)) else { return };
    let add = |from: &[String], to: &[String], c: &str, events: &mut Vec<PetrEvent>| {
        for a in from {
            for b in to {
                if a == b {
                    continue;
                }
                let (x, y) = if passive { (b, a) } else { (a, b) };
                events.push(PetrEvent { source: x.clone(), target: y.clone(), code: c.to_string(), rule: rule.to_string() });
            }
        }
    };
    match code.split_once(':') {
        Some((c1, c2)) => {
            if s[0] == "---" || t[0] == "---" {
                if t[0] == "---" {
                    t = s.clone();
                } else {
                    s = t.clone();
                }
            }
            add(&s, &t, c1, events);
            add(&t, &s, c2, events);
        }
        None => add(&s, &t, code, events),
    }
    if opt.require_dyad {
        events.retain(|e| e.source != "---" && e.target != "---");
    }
    let mut seen = std::collections::HashSet::new();
    events.retain(|e| seen.insert((e.source.clone(), e.target.clone(), e.code.clone())));
}
