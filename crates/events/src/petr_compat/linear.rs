//! Tree → the flat token list PETRARCH-1 codes from.
//!
//! PETRARCH matches its dictionaries against a linear string, not a tree: the tree only
//! delimits phrases. This module produces that list from a Penn tree in three steps:
//!
//! 1. **compounds**: a coordinating conjunction whose phrase is a noun phrase with at least
//!    two nominal parts marks that phrase `NEC` (a compound of noun entities); a conjunction
//!    inside a clause or verb phrase is left alone (`CCP`), and so is one of several
//!    conjunctions in one phrase;
//! 2. **noun entities**: every simple noun phrase becomes an `NE` — its words without tags,
//!    an actor-code slot in front. A possessive phrase keeps its words without the `'s`;
//!    `NP of NP` keeps the head, the preposition and the object (not deeper nesting); a
//!    relative clause inside the phrase is reduced to its words. Noun phrases that contain
//!    other noun phrases stay brackets (`NPn`) and their parts become entities;
//! 3. **indices**: verb phrases, complex noun phrases and compounds are numbered so that a
//!    phrase's end can be found (`VP3` ... `~VP3`).
//!
//! A compound at the top level becomes `NEC` holding one `NE` per nominal part; adjectives
//! in front of the first part are copied into single-word parts, and a flat compound whose
//! last conjunct alone ends in a common noun shares it (`US and British activists` → `US
//! ACTIVISTS`, `BRITISH ACTIVISTS`), which PETRARCH-1 did not do.

use crate::penn::Tree;

/// One item of the linear form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok {
    /// A phrase or tag opens: `S`, `VP3`, `NE`, `NEC1`, `NNP`, `,` ...
    Open(String),
    /// Its end.
    Close(String),
    /// A word, upper-cased.
    Word(String),
    /// The actor code of the `NE` just opened (`---` until assigned).
    Code(String),
}

impl Tok {
    pub fn is_open(&self, l: &str) -> bool {
        matches!(self, Tok::Open(x) if x == l)
    }
    pub fn is_close(&self, l: &str) -> bool {
        matches!(self, Tok::Close(x) if x == l)
    }
}

/// A working tree node: a phrase, a tagged leaf, or a bare word (inside a reduced clause).
#[derive(Debug, Clone)]
struct Node {
    label: String,
    word: Option<String>,
    kids: Vec<Node>,
}

impl Node {
    fn from_tree(t: &Tree) -> Node {
        match t {
            Tree::Leaf(tag, w) => Node { label: tag.clone(), word: Some(w.to_uppercase()), kids: Vec::new() },
            Tree::Phrase(l, kids) => Node { label: l.clone(), word: None, kids: kids.iter().map(Node::from_tree).collect() },
        }
    }
    fn is_leaf(&self) -> bool {
        self.word.is_some()
    }
    fn any(&self, f: &dyn Fn(&Node) -> bool) -> bool {
        f(self) || self.kids.iter().any(|k| k.any(f))
    }
    fn count(&self, f: &dyn Fn(&Node) -> bool) -> usize {
        usize::from(f(self)) + self.kids.iter().map(|k| k.count(f)).sum::<usize>()
    }
    fn words(&self, out: &mut Vec<Tok>) {
        if let Some(w) = &self.word {
            out.push(Tok::Word(w.clone()));
        }
        for k in &self.kids {
            k.words(out);
        }
    }
    /// The node with its markup, as tokens.
    fn markup(&self, out: &mut Vec<Tok>) {
        match &self.word {
            Some(w) if self.label.is_empty() => out.push(Tok::Word(w.clone())),
            Some(w) => {
                out.push(Tok::Open(self.label.clone()));
                out.push(Tok::Word(w.clone()));
                out.push(Tok::Close(self.label.clone()));
            }
            None => {
                out.push(Tok::Open(self.label.clone()));
                for k in &self.kids {
                    k.markup(out);
                }
                out.push(Tok::Close(self.label.clone()));
            }
        }
    }
    /// Reduces every `SBAR` below to a bare-word `SBR`.
    fn reduce_sbar(&mut self) {
        for k in &mut self.kids {
            if k.label == "SBAR" && !k.is_leaf() {
                let mut ws = Vec::new();
                k.words(&mut ws);
                k.label = "SBR".into();
                k.kids = ws
                    .into_iter()
                    .filter_map(|t| if let Tok::Word(w) = t { Some(Node { label: String::new(), word: Some(w), kids: Vec::new() }) } else { None })
                    .collect();
            } else {
                k.reduce_sbar();
            }
        }
    }
}

/// The words of `nodes` for a noun entity: tags dropped, compounds kept with their markup.
fn entity_items(nodes: &[Node], keep_first_compound: bool, out: &mut Vec<Tok>) {
    for (i, n) in nodes.iter().enumerate() {
        if n.label == "NEC" && !n.is_leaf() && (i > 0 || keep_first_compound) {
            n.markup(out);
        } else if let Some(w) = &n.word {
            out.push(Tok::Word(w.clone()));
        } else {
            entity_items(&n.kids, true, out);
        }
    }
}

fn starts(l: &str, p: &str) -> bool {
    l.starts_with(p)
}

/// Step 1: marks compounds, visiting conjunctions in sentence order.
fn mark_compounds(node: &mut Node) {
    for i in 0..node.kids.len() {
        if node.kids[i].is_leaf() && node.kids[i].label == "CC" {
            let clause = node.any(&|n| starts(&n.label, "VP") || starts(&n.label, "S"));
            if clause {
                node.kids[i].label = "CCP".into();
            } else if node.count(&|n| n.is_leaf() && starts(&n.label, "CC")) > 1 {
                // One of several conjunctions: the phrase is left as it is.
            } else if starts(&node.label, "NP") && node.count(&|n| starts(&n.label, "N")) >= 3 {
                node.label = "NEC".into();
            }
        } else if !node.kids[i].is_leaf() {
            mark_compounds(&mut node.kids[i]);
        }
    }
}

struct Lin {
    out: Vec<Tok>,
    vp: usize,
    np: usize,
    nec: usize,
}

/// Pre-order positions of the nodes of a tree, to answer "the first X after Y".
fn preorder<'a>(n: &'a Node, v: &mut Vec<&'a Node>) {
    v.push(n);
    for k in &n.kids {
        preorder(k, v);
    }
}

impl Lin {
    fn entity(&mut self, items: Vec<Tok>) {
        self.out.push(Tok::Open("NE".into()));
        self.out.push(Tok::Code("---".into()));
        self.out.extend(items);
        self.out.push(Tok::Close("NE".into()));
    }

    fn node(&mut self, n: &Node) {
        if n.is_leaf() {
            n.markup(&mut self.out);
            return;
        }
        match n.label.as_str() {
            "NP" => self.noun_phrase(n),
            "NEC" => {
                self.nec += 1;
                let l = format!("NEC{}", self.nec);
                self.out.push(Tok::Open(l.clone()));
                self.compound(n);
                self.out.push(Tok::Close(l));
            }
            "VP" => {
                self.vp += 1;
                self.bracket(format!("VP{}", self.vp), &n.kids);
            }
            _ => self.bracket(n.label.clone(), &n.kids),
        }
    }

    fn noun_phrase(&mut self, n: &Node) {
        let mut n = n.clone();
        n.reduce_sbar();
        let inner = |f: &dyn Fn(&Node) -> bool| n.kids.iter().any(|k| k.any(f));
        if inner(&|x| x.is_leaf() && x.label == "POS") {
            // Possessive: the words without the first `'s`.
            let mut items = Vec::new();
            let mut dropped = false;
            let mut kids = n.kids.clone();
            drop_first_pos(&mut kids, &mut dropped);
            entity_items(&kids, false, &mut items);
            self.entity(items);
        } else if inner(&|x| x.label == "PP") {
            match prepositional_entity(&n) {
                Some(items) => self.entity(items),
                None => self.complex(&n),
            }
        } else if !inner(&|x| !x.is_leaf() && (starts(&x.label, "NP") || x.label == "NEC")) {
            let mut items = Vec::new();
            for k in &n.kids {
                k.words(&mut items);
            }
            self.entity(items);
        } else {
            self.complex(&n);
        }
    }

    fn complex(&mut self, n: &Node) {
        self.np += 1;
        self.bracket(format!("NP{}", self.np), &n.kids);
    }

    /// `kids` between an opening and a closing `label`.
    fn bracket(&mut self, label: String, kids: &[Node]) {
        self.out.push(Tok::Open(label.clone()));
        for k in kids {
            self.node(k);
        }
        self.out.push(Tok::Close(label));
    }

    /// A top-level compound: one entity per nominal part.
    fn compound(&mut self, n: &Node) {
        if self.shared_head(n) {
            return;
        }
        let mut all = Vec::new();
        for k in &n.kids {
            preorder(k, &mut all);
        }
        let mut adjectives = Vec::new();
        for x in &all {
            if starts(&x.label, "NP") || (x.is_leaf() && starts(&x.label, "NN")) {
                break;
            }
            if x.is_leaf() && starts(&x.label, "JJ") {
                x.markup(&mut adjectives);
            }
        }
        self.compound_parts(&n.kids, &adjectives);
    }

    /// `US and British activists`: a flat compound whose last conjunct ends in a common noun
    /// that the earlier conjuncts lack; every conjunct gets that noun (`US ACTIVISTS`,
    /// `BRITISH ACTIVISTS`). False (nothing emitted) for any other shape.
    fn shared_head(&mut self, n: &Node) -> bool {
        if !n.kids.iter().all(Node::is_leaf) {
            return false;
        }
        let mut groups: Vec<Vec<&Node>> = vec![Vec::new()];
        for k in &n.kids {
            if k.label == "CC" || k.label == "," {
                groups.push(Vec::new());
            } else if let Some(g) = groups.last_mut() {
                g.push(k);
            }
        }
        groups.retain(|g| !g.is_empty());
        let common = |x: &Node| x.label == "NN" || x.label == "NNS";
        let Some(last) = groups.last() else { return false };
        let Some(head) = last.last().filter(|h| common(h) && last.len() > 1) else { return false };
        if groups.len() < 2 || groups[..groups.len() - 1].iter().any(|g| g.iter().any(|x| common(x))) {
            return false;
        }
        let head_word = head.word.clone().unwrap_or_default();
        for (i, g) in groups.iter().enumerate() {
            let mut items: Vec<Tok> = g.iter().filter_map(|x| x.word.clone()).map(Tok::Word).collect();
            if i + 1 < groups.len() {
                items.push(Tok::Word(head_word.clone()));
            }
            self.entity(items);
        }
        true
    }

    fn compound_parts(&mut self, nodes: &[Node], adjectives: &[Tok]) {
        for x in nodes {
            if x.is_leaf() {
                if starts(&x.label, "NN") {
                    let mut items = adjectives.to_vec();
                    items.push(Tok::Word(x.word.clone().unwrap_or_default()));
                    self.entity(items);
                }
            } else if starts(&x.label, "NP") {
                let mut items = Vec::new();
                entity_items(&x.kids, true, &mut items);
                self.entity(items);
            } else {
                self.compound_parts(&x.kids, adjectives);
            }
        }
    }
}

fn drop_first_pos(nodes: &mut Vec<Node>, dropped: &mut bool) {
    let mut i = 0;
    while i < nodes.len() && !*dropped {
        if nodes[i].is_leaf() && nodes[i].label == "POS" {
            nodes.remove(i);
            *dropped = true;
            return;
        }
        if !nodes[i].is_leaf() {
            drop_first_pos(&mut nodes[i].kids, dropped);
        }
        i += 1;
    }
}

/// `(NP (NP head) (PP (IN of) (NP object)))`: head words, the preposition, the object's words
/// and any reduced relative clause after it. `None` when the shape is other (deeper nesting,
/// no object): the phrase then stays a bracket.
fn prepositional_entity(np: &Node) -> Option<Vec<Tok>> {
    let mut all = Vec::new();
    for k in &np.kids {
        preorder(k, &mut all);
    }
    // The phrase that holds the first PP.
    let pp_at = all.iter().position(|x| x.label == "PP" && !x.is_leaf())?;
    let pp = all[pp_at];
    let holder: &Node = if np.kids.iter().any(|k| std::ptr::eq(k, pp)) {
        np
    } else {
        all.iter().copied().find(|x| x.kids.iter().any(|k| std::ptr::eq(k, pp)))?
    };
    if holder.label != "NP" {
        return None;
    }
    let first = holder.kids.first()?;
    let mut items = Vec::new();
    if starts(&first.label, "NP") && !first.is_leaf() {
        entity_items(&first.kids, true, &mut items);
    } else if first.label == "NEC" {
        first.markup(&mut items);
    } else {
        return None;
    }
    // Positions in the sentence-wide order: after the head, the first IN, then the first
    // NP/NEC inside the holder.
    let mut order = Vec::new();
    preorder(np, &mut order);
    let head_at = order.iter().position(|x| std::ptr::eq(*x, first))?;
    let head_end = head_at + subtree_size(first);
    let in_at = (head_end..order.len()).find(|&i| order[i].is_leaf() && order[i].label == "IN")?;
    items.push(Tok::Word(order[in_at].word.clone().unwrap_or_default()));
    let holder_at = order.iter().position(|x| std::ptr::eq(*x, holder))?;
    let holder_end = holder_at + subtree_size(holder);
    let obj_at = (in_at + 1..holder_end).find(|&i| !order[i].is_leaf() && (order[i].label == "NP" || order[i].label == "NEC"))?;
    let obj = order[obj_at];
    if obj.kids.iter().any(|k| k.any(&|x| x.label == "PP")) {
        return None;
    }
    if obj.label == "NEC" {
        obj.markup(&mut items);
    } else {
        entity_items(&obj.kids, true, &mut items);
    }
    let obj_end = obj_at + subtree_size(obj);
    if let Some(s) = (obj_end..order.len()).find(|&i| order[i].label == "SBR") {
        order[s].words(&mut items);
    }
    Some(items)
}

fn subtree_size(n: &Node) -> usize {
    1 + n.kids.iter().map(subtree_size).sum::<usize>()
}

/// The linear form of a tree (its `ROOT` dropped): the tokens and the index where coding
/// starts (after the sentence's own opening).
pub fn linearise(tree: &Tree) -> (Vec<Tok>, usize) {
    let mut t = tree;
    while let Tree::Phrase(l, kids) = t {
        if (l == "ROOT" || l.is_empty()) && kids.len() == 1 {
            t = &kids[0];
        } else {
            break;
        }
    }
    let mut root = Node::from_tree(t);
    mark_compounds(&mut root);
    let mut lin = Lin { out: Vec::new(), vp: 0, np: 0, nec: 0 };
    lin.node(&root);
    (lin.out, 1)
}

/// Limits on comma-delimited clauses to delete (`<Config option="comma_*">`), in words;
/// a maximum of 0 turns that deletion off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommaLimits {
    pub min: usize,
    pub max: usize,
    pub bmin: usize,
    pub bmax: usize,
    pub emin: usize,
    pub emax: usize,
}

impl Default for CommaLimits {
    fn default() -> Self {
        CommaLimits { min: 2, max: 8, bmin: 0, bmax: 0, emin: 2, emax: 8 }
    }
}

fn count_words(t: &[Tok], lo: usize, hi: usize) -> usize {
    let mut n = 0;
    let mut k = lo;
    while k < hi.min(t.len()) {
        match &t[k] {
            Tok::Word(w) if w.chars().next().is_some_and(char::is_alphabetic) => n += 1,
            _ => {}
        }
        k += 1;
    }
    n
}

/// Deletes the complete phrases that lie between `lo` and `hi`, scanning backwards.
fn delete_phrases(t: &mut Vec<Tok>, lo: usize, hi: usize) {
    let mut stack: Vec<String> = Vec::new();
    let mut k = hi.min(t.len()) as isize - 1;
    while k >= lo as isize {
        let i = k as usize;
        match &t[i] {
            Tok::Close(l) => stack.push(l.clone()),
            Tok::Open(l) if stack.last() == Some(l) => {
                let l = l.clone();
                if let Some(e) = (i + 1..t.len()).find(|&j| t[j].is_close(&l)) {
                    t.drain(i..=e);
                }
                stack.pop();
            }
            _ => {}
        }
        k -= 1;
    }
}

fn last_content(t: &[Tok]) -> usize {
    let mut k = t.len().saturating_sub(1);
    while k >= 2 && matches!(t[k], Tok::Close(_)) {
        k -= 1;
    }
    k.saturating_sub(1)
}

fn comma(t: &Tok) -> bool {
    t.is_open(",")
}

/// Removes comma-delimited clauses (initial, terminal, then internal ones) whose word counts
/// fall within the limits, then a dangling first or last comma. `None` when what is left is
/// not balanced (the sentence is then not coded).
pub fn drop_comma_clauses(mut t: Vec<Tok>, lim: &CommaLimits) -> Option<Vec<Tok>> {
    if !t.iter().any(comma) {
        return Some(t);
    }
    if lim.bmax != 0 {
        if let Some(c) = t.iter().position(comma) {
            let n = count_words(&t, 2, c);
            if n >= lim.bmin && n <= lim.bmax {
                delete_phrases(&mut t, 2, c);
            }
        }
    }
    if lim.emax != 0 {
        let end = last_content(&t);
        let mut k = end.saturating_sub(1);
        while k >= 2 && !comma(&t[k]) {
            k -= 1;
        }
        if comma(&t[k]) {
            let n = count_words(&t, k, t.len());
            if n >= lim.emin && n <= lim.emax {
                delete_phrases(&mut t, k + 3, end);
            }
        }
    }
    if lim.max != 0 {
        if let Some(mut a) = t.iter().position(comma) {
            while let Some(b) = (a + 1..t.len()).find(|&j| comma(&t[j])) {
                let n = count_words(&t, a + 2, b);
                if n >= lim.min && n <= lim.max {
                    delete_phrases(&mut t, a, b);
                }
                a = b;
            }
        }
    }
    if let Some(a) = t.iter().position(comma) {
        if count_words(&t, 2, a) == 0 {
            t.drain(a..(a + 3).min(t.len()));
        }
    }
    let end = last_content(&t);
    let mut k = end.saturating_sub(1);
    while k >= 2 && k < t.len() && !comma(&t[k]) {
        k -= 1;
    }
    if k < t.len() && comma(&t[k]) && count_words(&t, k + 1, end) == 0 {
        t.drain(k..(k + 3).min(t.len()));
    }
    let mut depth: isize = 0;
    for x in &t {
        match x {
            Tok::Open(_) => depth += 1,
            Tok::Close(_) => depth -= 1,
            _ => {}
        }
    }
    (depth == 0).then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::penn::parse_tree;

    fn lin(tree: &str) -> String {
        let (t, _) = linearise(&parse_tree(tree).unwrap());
        t.iter()
            .map(|x| match x {
                Tok::Open(l) => format!("({l}"),
                Tok::Close(l) => format!("~{l}"),
                Tok::Word(w) => w.clone(),
                Tok::Code(c) => format!("<{c}>"),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    macro_rules! t {
        ($name:ident, $tree:expr, $want:expr) => {
            #[test]
            fn $name() {
                assert_eq!(lin($tree), $want);
            }
        };
    }

    t!(simple_noun_phrase_is_an_entity, "(ROOT (S (NP (DT the) (NNP Valemark) (NN army)) (VP (VBD left))))",
       "(S (NE <---> THE VALEMARK ARMY ~NE (VP1 (VBD LEFT ~VBD ~VP1 ~S");
    t!(possessive_loses_its_s, "(ROOT (S (NP (NP (NNP Valemark) (POS 's)) (NN envoy)) (VP (VBD left))))",
       "(S (NE <---> VALEMARK ENVOY ~NE (VP1 (VBD LEFT ~VBD ~VP1 ~S");
    t!(of_phrase_is_one_entity, "(ROOT (S (NP (NP (DT the) (NN king)) (PP (IN of) (NP (NNP Valemark)))) (VP (VBD left))))",
       "(S (NE <---> THE KING OF VALEMARK ~NE (VP1 (VBD LEFT ~VBD ~VP1 ~S");
    t!(relative_clause_becomes_words, "(ROOT (S (NP (NP (NNS envoys)) (SBAR (WHNP (WP who)) (S (VP (VBD arrived))))) (VP (VBD left))))",
       "(S (NP1 (NE <---> ENVOYS ~NE (SBR WHO ARRIVED ~SBR ~NP1 (VP1 (VBD LEFT ~VBD ~VP1 ~S");
    t!(compound_with_shared_adjective, "(ROOT (S (NP (JJ northern) (NNP Valemark) (CC and) (NNP Osterholm)) (VP (VBD left))))",
       "(S (NEC1 (NE <---> (JJ NORTHERN ~JJ VALEMARK ~NE (NE <---> (JJ NORTHERN ~JJ OSTERHOLM ~NE ~NEC1 (VP1 (VBD LEFT ~VBD ~VP1 ~S");
    t!(compound_shares_its_last_noun, "(ROOT (S (NP (NNP Valemark) (CC and) (JJ Osterholmian) (NNS envoys)) (VP (VBD left))))",
       "(S (NEC1 (NE <---> VALEMARK ENVOYS ~NE (NE <---> OSTERHOLMIAN ENVOYS ~NE ~NEC1 (VP1 (VBD LEFT ~VBD ~VP1 ~S");
    t!(conjunction_in_a_clause_is_no_compound, "(ROOT (S (S (NP (NNP Valemark)) (VP (VBD left))) (CC and) (S (NP (NNP Osterholm)) (VP (VBD stayed)))))",
       "(S (S (NE <---> VALEMARK ~NE (VP1 (VBD LEFT ~VBD ~VP1 ~S (CCP AND ~CCP (S (NE <---> OSTERHOLM ~NE (VP2 (VBD STAYED ~VBD ~VP2 ~S ~S");

    #[test]
    fn internal_comma_clause_within_limits_is_cut() {
        let (t, _) = linearise(&parse_tree("(ROOT (S (NP (NNP Valemark)) (, ,) (ADVP (RB reportedly) (RB again)) (, ,) (VP (VBD left)) (. .)))").unwrap());
        let cut = drop_comma_clauses(t.clone(), &CommaLimits::default()).unwrap();
        assert!(!cut.iter().any(|x| matches!(x, Tok::Word(w) if w == "REPORTEDLY")));
        let kept = drop_comma_clauses(t, &CommaLimits { max: 0, ..CommaLimits::default() }).unwrap();
        assert!(kept.iter().any(|x| matches!(x, Tok::Word(w) if w == "REPORTEDLY")));
    }
}
