//! Penn Treebank trees (the `<Parse>` of PETRARCH records) read and converted to UD-style
//! dependencies, so that the coder can run on a treebank's own analysis.
//!
//! The conversion is a compact head-rule converter in the manner of Collins / Stanford basic
//! dependencies, with UD's content heads: a VP's auxiliaries hang on the main verb (`aux`,
//! `aux:pass` for be + VBN, `mark` for infinitival `to`), a copular VP is headed by its
//! predicate (`cop`), a PP by its object (`case`), an SBAR by its clause (`mark`). Relations:
//! subjects (`nsubj`, `nsubj:pass`), objects (`obj`, `iobj` for the first of two), `obl`,
//! `obl:agent` (by-PP of a passive), `xcomp` (subjectless S), `ccomp`, `advcl`, `nmod`,
//! `nmod:poss` (possessive NP or PRP$), `amod`, `compound`, `det`, `nummod`, `appos`, `conj`,
//! `cc`, `acl`, `acl:relcl`, `advmod`, `compound:prt`, `punct`. What it does not know it labels
//! `dep`. Lemmas come from a caller-supplied function (the coder's dictionaries know the forms).

use dragoman_doc::{Document, Sentence, Span, Token, WordSyntax};

/// A tree node: a phrase with children, or a leaf (tag, word).
#[derive(Debug, Clone, PartialEq)]
pub enum Tree {
    Phrase(String, Vec<Tree>),
    Leaf(String, String),
}

impl std::fmt::Display for Tree {
    /// Bracketed form: `(S (NP (NNP Arnor)) (VP (VBD met)))`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Tree::Leaf(tag, w) => write!(f, "({tag} {w})"),
            Tree::Phrase(label, kids) => {
                write!(f, "({label}")?;
                for k in kids {
                    write!(f, " {k}")?;
                }
                write!(f, ")")
            }
        }
    }
}

/// Parses one bracketed tree: `(ROOT (S (NP (NNP Arnor)) (VP ...)))`; `( (S ...))` too.
pub fn parse_tree(text: &str) -> Result<Tree, String> {
    let mut toks = Vec::new();
    let mut cur = String::new();
    for ch in text.chars() {
        match ch {
            '(' | ')' => {
                if !cur.is_empty() {
                    toks.push(std::mem::take(&mut cur));
                }
                toks.push(ch.to_string());
            }
            c if c.is_whitespace() => {
                if !cur.is_empty() {
                    toks.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        toks.push(cur);
    }
    let mut pos = 0;
    let t = node(&toks, &mut pos)?;
    Ok(t)
}

fn node(toks: &[String], pos: &mut usize) -> Result<Tree, String> {
    if toks.get(*pos).map(String::as_str) != Some("(") {
        return Err(format!("expected `(` at token {pos}"));
    }
    *pos += 1;
    let label = match toks.get(*pos).map(String::as_str) {
        Some("(") | None => String::new(),
        Some(l) => {
            *pos += 1;
            l.to_string()
        }
    };
    let mut kids = Vec::new();
    loop {
        match toks.get(*pos).map(String::as_str) {
            None => return Err("unbalanced brackets".into()),
            Some(")") => {
                *pos += 1;
                break;
            }
            Some("(") => kids.push(node(toks, pos)?),
            Some(w) => {
                // `(NNP Arnor)`: a leaf.
                let word = w.to_string();
                *pos += 1;
                if toks.get(*pos).map(String::as_str) != Some(")") {
                    return Err(format!("leaf `{label} {word}` not closed"));
                }
                *pos += 1;
                return Ok(Tree::Leaf(label, word));
            }
        }
    }
    // `( (S ...))`: an unlabelled wrapper.
    if label.is_empty() && kids.len() == 1 {
        return Ok(kids.pop().unwrap_or(Tree::Phrase(String::new(), Vec::new())));
    }
    Ok(Tree::Phrase(label, kids))
}

/// A leaf of the converted sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub form: String,
    /// Penn tag (the AUX* tags of some treebanks are read as verbs).
    pub tag: String,
    pub head: Option<usize>,
    pub rel: &'static str,
}

/// Converts a tree to dependencies over its leaves, in order.
pub fn to_dependencies(tree: &Tree) -> Vec<Word> {
    let mut words = Vec::new();
    collect(tree, &mut words);
    let mut c = Conv { words };
    c.head(tree);
    c.passives();
    c.words
}

fn collect(t: &Tree, out: &mut Vec<Word>) {
    match t {
        Tree::Leaf(tag, w) => out.push(Word { form: unescape(w), tag: tag.clone(), head: None, rel: "root" }),
        Tree::Phrase(_, kids) => kids.iter().for_each(|k| collect(k, out)),
    }
}

fn unescape(w: &str) -> String {
    match w {
        "-LRB-" | "-LCB-" => "(".into(),
        "-RRB-" | "-RCB-" => ")".into(),
        "``" | "''" => "\"".into(),
        _ => w.to_string(),
    }
}

/// Function tags and indices dropped: `NP-TMP` -> `NP` (but `-LRB-` stays).
fn label(t: &Tree) -> &str {
    let l = match t {
        Tree::Phrase(l, _) | Tree::Leaf(l, _) => l.as_str(),
    };
    if l.starts_with('-') {
        return l;
    }
    l.split(['-', '=', '.']).next().unwrap_or(l)
}

fn is_punct(tag: &str) -> bool {
    matches!(tag, "." | "," | ":" | "``" | "''" | "-LRB-" | "-RRB-" | "#" | "$" | "NE" | "NE," | "NEC") || tag.is_empty()
}
fn is_verb_tag(tag: &str) -> bool {
    tag.starts_with("VB") || tag.starts_with("AUX") || tag == "MD"
}
fn is_noun_tag(tag: &str) -> bool {
    tag.starts_with("NN") || matches!(tag, "PRP" | "CD" | "EX" | "WP" | "DT" | "QP")
}
const BE: &[&str] = &["be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "'m"];
const AUX_WORDS: &[&str] = &[
    "be", "is", "are", "was", "were", "been", "being", "am", "have", "has", "had", "having", "do", "does", "did", "will",
    "would", "shall", "should", "may", "might", "can", "could", "must", "'s", "'re", "'ve", "'ll", "'d", "'m", "wo", "ca",
];

struct Conv {
    words: Vec<Word>,
}

impl Conv {
    fn attach(&mut self, dep: usize, head: usize, rel: &'static str) {
        if dep != head {
            self.words[dep].head = Some(head);
            self.words[dep].rel = rel;
        }
    }

    fn lower(&self, i: usize) -> String {
        self.words[i].form.to_lowercase()
    }

    /// Converts the subtree starting at leaf `offset` and returns its head leaf.
    fn head(&mut self, t: &Tree) -> usize {
        let mut at = 0;
        self.head_at(t, &mut at)
    }

    fn head_at(&mut self, t: &Tree, at: &mut usize) -> usize {
        let Tree::Phrase(_, kids) = t else {
            let i = *at;
            *at += 1;
            return i;
        };
        let lab = label(t).to_string();
        let heads: Vec<usize> = kids.iter().map(|k| self.head_at(k, at)).collect();
        let labs: Vec<&str> = kids.iter().map(label).collect();
        if kids.len() == 1 {
            return heads[0];
        }
        let k = self.choose(&lab, kids, &labs, &heads);
        let h = heads[k];
        let has_cc = labs.iter().any(|l| matches!(*l, "CC" | "CONJP"));
        // Noun phrase with a possessive inside it: `(NP Khan 's) visit` or flat `Khan 's visit`.
        for (i, kid) in kids.iter().enumerate() {
            if i == k {
                continue;
            }
            let d = heads[i];
            let l = labs[i];
            let tag = match kid {
                Tree::Leaf(tg, _) => tg.as_str(),
                _ => "",
            };
            let rel = if is_punct(l) && matches!(kid, Tree::Leaf(..)) {
                "punct"
            } else if matches!(l, "CC" | "CONJP") {
                "cc"
            } else if has_cc && i > k && l == labs[k] || has_cc && i > k && lab.starts_with('N') && l.starts_with('N') {
                "conj"
            } else {
                self.relation(&lab, kid, l, tag, i, k, kids, &labs, &heads)
            };
            // Coordinators and conjunct punctuation hang on the following conjunct (UD).
            if rel == "cc" {
                if let Some(next) = (i + 1..kids.len()).find(|&j| !is_punct(labs[j])) {
                    self.attach(d, heads[next], "cc");
                    continue;
                }
            }
            self.attach(d, h, rel);
        }
        // A possessive `'s` inside a flat NP: the words before it are the possessor.
        if lab == "NP" || lab == "NML" || lab == "WHNP" {
            if let Some(p) = labs.iter().position(|l| *l == "POS") {
                if p > 0 && p < k {
                    let poss = heads[p - 1];
                    let pos_leaf = heads[p];
                    self.attach(poss, h, "nmod:poss");
                    self.attach(pos_leaf, poss, "case");
                    for &m in &heads[..p - 1] {
                        if self.words[m].head == Some(h) && matches!(self.words[m].rel, "compound" | "amod") {
                            self.attach(m, poss, "compound");
                        }
                    }
                }
            }
        }
        h
    }

    /// Passive: a VBN with a `be` auxiliary -> `aux:pass`, `nsubj:pass`, `obl:agent` (run once
    /// the whole tree is attached: the subject hangs on the verb only from the S level up).
    fn passives(&mut self) {
        for h in 0..self.words.len() {
            if self.words[h].tag != "VBN" {
                continue;
            }
            let be_aux = (0..self.words.len())
                .any(|j| self.words[j].head == Some(h) && self.words[j].rel == "aux" && BE.contains(&self.lower(j).as_str()));
            if !be_aux {
                continue;
            }
            for j in 0..self.words.len() {
                if self.words[j].head == Some(h) {
                    match self.words[j].rel {
                        "aux" if BE.contains(&self.lower(j).as_str()) => self.words[j].rel = "aux:pass",
                        "nsubj" => self.words[j].rel = "nsubj:pass",
                        "obl" if self.has_case(j, "by") => self.words[j].rel = "obl:agent",
                        _ => {}
                    }
                }
            }
        }
    }

    fn has_case(&self, n: usize, w: &str) -> bool {
        (0..self.words.len()).any(|j| self.words[j].head == Some(n) && self.words[j].rel == "case" && self.lower(j) == w)
    }

    /// Which child heads the phrase.
    fn choose(&self, lab: &str, kids: &[Tree], labs: &[&str], heads: &[usize]) -> usize {
        let first = |pred: &dyn Fn(&str) -> bool| labs.iter().position(|l| pred(l));
        let last = |pred: &dyn Fn(&str) -> bool| labs.iter().rposition(|l| pred(l));
        let non_punct = first(&|l| !is_punct(l)).unwrap_or(0);
        match lab {
            "S" | "SINV" | "SQ" | "SBARQ" => first(&|l| l == "VP")
                .or_else(|| first(&|l| l == "S" || l == "SINV"))
                .or_else(|| first(&|l| matches!(l, "ADJP" | "NP" | "PP" | "FRAG")))
                .unwrap_or(non_punct),
            "VP" => {
                let verb_leaf = labs.iter().position(|l| is_verb_tag(l) || *l == "TO");
                let inner_vp = first(&|l| l == "VP");
                if let Some(v) = inner_vp {
                    // "has issued", "will meet", "to restore": the content verb heads.
                    let aux_before = labs[..v].iter().enumerate().any(|(i, l)| {
                        (is_verb_tag(l) || *l == "TO") && (AUX_WORDS.contains(&self.lower(heads[i]).as_str()) || *l == "TO" || l.starts_with("AUX") || *l == "MD")
                    });
                    if aux_before || verb_leaf.is_none_or(|vl| vl > v) {
                        return v;
                    }
                }
                if let Some(vl) = verb_leaf {
                    let w = self.lower(heads[vl]);
                    // Copula: "is about to", "is ready", "was in talks".
                    if BE.contains(&w.as_str()) && labs[vl].starts_with('V') || labs[vl].starts_with("AUX") {
                        if let Some(p) = (vl + 1..labs.len()).find(|&j| matches!(labs[j], "NP" | "ADJP" | "PP" | "S" | "VP")) {
                            if labs[p] != "S" || kids.len() > 1 {
                                return p;
                            }
                        }
                    }
                    if labs[vl] != "TO" {
                        return vl;
                    }
                }
                first(&|l| matches!(l, "VP" | "S" | "ADJP" | "NP")).unwrap_or(non_punct)
            }
            "NP" | "NML" | "NX" | "WHNP" => {
                // A complex NP: its first NP child heads (NP PP, NP , NP, NP CC NP, NP SBAR).
                let poss_np = |i: usize| match &kids[i] {
                    Tree::Phrase(_, k) => k.last().is_some_and(|x| label(x) == "POS"),
                    _ => false,
                };
                if let Some(n) = first(&|l| matches!(l, "NP" | "NML")) {
                    if poss_np(n) {
                        // (NP (NP Khan 's) visit): the head is after the possessor.
                        return last(&|l| l.starts_with("NN") || l == "NML" || l == "NP").filter(|&j| j > n).unwrap_or(n);
                    }
                    let flat_after = labs[n + 1..].iter().any(|l| l.starts_with("NN"));
                    if !flat_after {
                        return n;
                    }
                }
                // Flat coordination "(NP (NNP Arnor) (CC and) (NNP Gondor))": the first conjunct.
                if let Some(c) = first(&|l| l == "CC") {
                    if c > 0 && c + 1 < labs.len() && labs[c - 1].starts_with("NN") && labs[c + 1].starts_with("NN") {
                        return (0..c).find(|&j| labs[j].starts_with("NN")).unwrap_or(c - 1);
                    }
                }
                // Flat NP: the last noun, before any PP/SBAR.
                let end = first(&|l| matches!(l, "PP" | "SBAR" | "VP" | "S" | "," | "POS")).unwrap_or(labs.len());
                let end = if labs.get(end) == Some(&"POS") { labs.len() } else { end };
                (0..end)
                    .rev()
                    .find(|&j| is_noun_tag(labs[j]) && labs[j] != "DT" && labs[j] != "POS")
                    .or_else(|| (0..end).rev().find(|&j| matches!(labs[j], "JJ" | "JJS" | "JJR" | "DT" | "ADJP" | "NML")))
                    .unwrap_or(non_punct)
            }
            "PP" | "WHPP" => first(&|l| matches!(l, "NP" | "S" | "SBAR" | "WHNP" | "ADJP" | "ADVP"))
                .filter(|&j| j > 0)
                .or_else(|| first(&|l| l == "PP"))
                .unwrap_or(non_punct),
            "SBAR" => first(&|l| matches!(l, "S" | "SQ" | "SINV" | "FRAG")).unwrap_or(non_punct),
            "ADJP" | "WHADJP" => first(&|l| l.starts_with("JJ") || l == "VBN" || l == "ADJP").unwrap_or(non_punct),
            "ADVP" | "WHADVP" => last(&|l| l.starts_with("RB") || l == "ADVP").unwrap_or(non_punct),
            "QP" => last(&|l| l == "CD").unwrap_or(non_punct),
            "PRT" => first(&|l| l == "RP").unwrap_or(non_punct),
            "ROOT" | "" => first(&|l| matches!(l, "S" | "SINV" | "SQ" | "FRAG" | "NP" | "VP")).unwrap_or(non_punct),
            _ => non_punct,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn relation(
        &self,
        lab: &str,
        kid: &Tree,
        l: &str,
        tag: &str,
        i: usize,
        k: usize,
        kids: &[Tree],
        labs: &[&str],
        heads: &[usize],
    ) -> &'static str {
        let d = heads[i];
        let subjectless = |t: &Tree| match t {
            Tree::Phrase(_, ks) => !ks.iter().any(|x| label(x) == "NP") && ks.iter().any(|x| label(x) == "VP"),
            _ => false,
        };
        let head_lab = labs[k];
        match lab {
            "S" | "SINV" | "SQ" | "SBARQ" => match l {
                "NP" if i < k => "nsubj",
                "NP" => {
                    if head_lab == "VP" {
                        "obl:tmod"
                    } else {
                        "nsubj"
                    }
                }
                "PP" => "obl",
                "SBAR" => "advcl",
                "S" => {
                    if subjectless(kid) {
                        "advcl"
                    } else {
                        "ccomp"
                    }
                }
                "ADVP" | "RB" => "advmod",
                "VP" => "conj",
                _ if tag == "MD" || is_verb_tag(tag) => "aux",
                _ => "dep",
            },
            "VP" => {
                let head_is_pred = !is_verb_tag(head_lab) && head_lab != "TO";
                match l {
                    _ if is_verb_tag(l) || l == "MD" => {
                        if i < k {
                            if head_is_pred && BE.contains(&self.lower(d).as_str()) && !matches!(head_lab, "VP") {
                                "cop"
                            } else {
                                "aux"
                            }
                        } else {
                            "dep"
                        }
                    }
                    "TO" => "mark",
                    "NP" => {
                        let nps_after: Vec<usize> = (k + 1..labs.len()).filter(|&j| labs[j] == "NP").collect();
                        if i < k {
                            "nsubj"
                        } else if nps_after.len() >= 2 && nps_after[0] == i {
                            "iobj"
                        } else if nps_after.first() == Some(&i) || (nps_after.len() >= 2) {
                            "obj"
                        } else {
                            "obl:tmod"
                        }
                    }
                    "PP" => "obl",
                    "S" => {
                        if subjectless(kid) {
                            "xcomp"
                        } else {
                            "ccomp"
                        }
                    }
                    "SBAR" => {
                        let marker = match kid {
                            Tree::Phrase(_, ks) => ks.first().map(|x| match x {
                                Tree::Leaf(_, w) => w.to_lowercase(),
                                _ => String::new(),
                            }),
                            _ => None,
                        };
                        if marker.as_deref().is_none_or(|m| m == "that" || m.is_empty()) {
                            "ccomp"
                        } else {
                            "advcl"
                        }
                    }
                    "ADVP" | "RB" | "RBR" | "RBS" => "advmod",
                    "PRT" | "RP" => "compound:prt",
                    "ADJP" | "JJ" => "xcomp",
                    "VP" => "conj",
                    "IN" => "mark",
                    _ => "dep",
                }
            }
            "NP" | "NML" | "NX" | "WHNP" => match l {
                "DT" | "PDT" | "WDT" => "det",
                "JJ" | "JJS" | "JJR" | "ADJP" | "VBN" | "VBG" => "amod",
                "CD" | "QP" => "nummod",
                "PRP$" | "WP$" => "nmod:poss",
                "POS" => "case",
                "PP" => "nmod",
                "SBAR" => match kid {
                    Tree::Phrase(_, ks) if ks.first().is_some_and(|x| label(x).starts_with("WH")) => "acl:relcl",
                    _ => "acl",
                },
                "VP" | "S" => "acl",
                "NP" | "NML" if i < k => {
                    let poss = matches!(kid, Tree::Phrase(_, ks) if ks.last().is_some_and(|x| label(x) == "POS"));
                    if poss {
                        "nmod:poss"
                    } else {
                        "compound"
                    }
                }
                // "Arnor, the state's foe" and "(NP Old foes) (NP Gondor and Osgiliath)".
                "NP" => "appos",
                _ if l.starts_with("NN") => "compound",
                "RB" | "ADVP" => "advmod",
                _ => "dep",
            },
            "PP" | "WHPP" => match l {
                "IN" | "TO" | "RP" => {
                    if matches!(head_lab, "S" | "SBAR") {
                        "mark"
                    } else {
                        "case"
                    }
                }
                "ADVP" | "RB" => "advmod",
                _ => "dep",
            },
            "SBAR" => "mark",
            "ADJP" | "ADVP" => match l {
                "RB" | "ADVP" | "RBR" => "advmod",
                "PP" => "obl",
                "S" => "xcomp",
                _ => "dep",
            },
            "QP" => "nummod",
            "PRT" => "dep",
            _ => {
                let _ = kids;
                "dep"
            }
        }
    }
}

/// Universal POS from a Penn tag (and, for auxiliaries, the relation).
pub fn upos(tag: &str, rel: &str) -> &'static str {
    match tag {
        t if t.starts_with("NNP") => "PROPN",
        t if t.starts_with("NN") => "NOUN",
        "MD" => "AUX",
        t if t.starts_with("VB") || t.starts_with("AUX") => {
            if matches!(rel, "aux" | "aux:pass" | "cop") {
                "AUX"
            } else {
                "VERB"
            }
        }
        t if t.starts_with("JJ") => "ADJ",
        t if t.starts_with("RB") || t == "WRB" => "ADV",
        "IN" => {
            if rel == "mark" {
                "SCONJ"
            } else {
                "ADP"
            }
        }
        "TO" | "POS" | "RP" => "PART",
        "DT" | "PDT" | "WDT" => "DET",
        "PRP" | "PRP$" | "WP" | "WP$" | "EX" => "PRON",
        "CD" => "NUM",
        "CC" => "CCONJ",
        "UH" => "INTJ",
        t if is_punct(t) => "PUNCT",
        _ => "X",
    }
}

fn leak(s: &str) -> &'static str {
    // The doc model keeps tags as `&'static str` (one label table per process). Converted trees
    // use a fixed small set, so interning them once is bounded.
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static SEEN: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let m = SEEN.get_or_init(|| Mutex::new(HashSet::new()));
    let mut g = m.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&x) = g.get(s) {
        return x;
    }
    let x: &'static str = Box::leak(s.to_string().into_boxed_str());
    g.insert(x);
    x
}

/// A one-sentence [`Document`] from converted words: tokens joined by single spaces, the syntax
/// layer filled, lemmas from `lemma(form, tag)`.
/// The words of a CoNLL-U sentence (as the UD version of the PETR2 GSR records gives them):
/// form, Penn tag (XPOS, else UPOS) and head; UD v1 relations are renamed to their v2 names
/// (`dobj` → `obj`, `nsubjpass` → `nsubj:pass`, `name` → `flat`, …). `None` when the text
/// holds no CoNLL-U word line or a head points outside the sentence.
pub fn conllu_words(text: &str) -> Option<Vec<Word>> {
    let mut words = Vec::new();
    for line in text.lines() {
        let cols: Vec<&str> = line.trim_end().split('\t').collect();
        if cols.len() < 8 || cols[0].contains(['-', '.']) || cols[0].parse::<usize>().is_err() {
            continue;
        }
        let head: usize = cols[6].parse().ok()?;
        let rel = match cols[7] {
            "dobj" => "obj",
            "nsubjpass" => "nsubj:pass",
            "csubjpass" => "csubj:pass",
            "auxpass" => "aux:pass",
            "name" => "flat",
            "mwe" => "fixed",
            "neg" => "advmod",
            "nmod:tmod" => "obl:tmod",
            r => r,
        };
        let tag = if cols[4] == "_" { cols[3] } else { cols[4] };
        words.push(Word { form: cols[1].to_string(), tag: tag.to_string(), head: head.checked_sub(1), rel: leak(rel) });
    }
    let n = words.len();
    (n > 0 && words.iter().all(|w| w.head.is_none_or(|h| h < n))).then_some(words)
}

pub fn document(words: &[Word], lemma: impl Fn(&str, &str) -> String) -> Document {
    let mut doc = Document::new(String::new());
    let mut text = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            text.push(' ');
        }
        let b = text.len();
        text.push_str(&w.form);
        doc.tokens.push(Token { span: Span::new(b, text.len()), space_after: u32::from(i + 1 < words.len()), joined_to_prev: false });
        doc.syntax.push(WordSyntax {
            upos: upos(&w.tag, w.rel),
            xpos: leak(&w.tag),
            lemma: lemma(&w.form, &w.tag),
            head: w.head,
            deprel: w.rel,
        });
    }
    doc.sentences.push(Sentence { span: Span::new(0, text.len()), tokens: 0..words.len(), starts_paragraph: true });
    doc.text = text;
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deps(tree: &str) -> Vec<String> {
        let t = parse_tree(tree).unwrap();
        let w = to_dependencies(&t);
        w.iter().map(|x| format!("{}<{}-{}", x.form, x.rel, x.head.map_or("ROOT".into(), |h| w[h].form.clone()))).collect()
    }

    macro_rules! t {
        ($name:ident, $tree:expr, [$($want:expr),* $(,)?]) => {
            #[test]
            fn $name() {
                let got = deps($tree);
                for w in [$($want),*] {
                    assert!(got.iter().any(|g| g == w), "missing {w} in {got:?}");
                }
            }
        };
    }

    t!(simple_transitive, "(ROOT (S (NP (NNP Arnor)) (VP (VBD attacked) (NP (NNP Gondor))) (. .)))",
       ["Arnor<nsubj-attacked", "attacked<root-ROOT", "Gondor<obj-attacked", ".<punct-attacked"]);
    t!(auxiliary_and_pp, "(ROOT (S (NP (NNP Arnor)) (VP (MD will) (VP (VB meet) (PP (IN with) (NP (NNP Gondor)))))))",
       ["will<aux-meet", "Gondor<obl-meet", "with<case-Gondor"]);
    t!(passive_by_agent, "(S (NP (NNP Gondor)) (VP (VBD was) (VP (VBN attacked) (PP (IN by) (NP (NNP Arnor))))))",
       ["Gondor<nsubj:pass-attacked", "was<aux:pass-attacked", "Arnor<obl:agent-attacked"]);
    t!(control_clause, "(S (NP (NNP Arnor)) (VP (VBD agreed) (S (VP (TO to) (VP (VB visit) (NP (NNP Gondor)))))))",
       ["visit<xcomp-agreed", "to<mark-visit", "Gondor<obj-visit"]);
    t!(possessive_np, "(S (NP (NP (NNP Arnor) (POS 's)) (NN visit)) (VP (VBD ended)))",
       ["Arnor<nmod:poss-visit", "'s<case-Arnor", "visit<nsubj-ended"]);
    t!(coordinated_subject, "(S (NP (NP (NNP Arnor)) (CC and) (NP (NNP Gondor))) (VP (VBD met)))",
       ["Arnor<nsubj-met", "Gondor<conj-Arnor", "and<cc-Gondor"]);
    t!(copula, "(S (NP (NNP Arnor)) (VP (VBZ is) (ADJP (JJ ready))))", ["is<cop-ready", "Arnor<nsubj-ready"]);
    t!(compound_noun, "(S (NP (JJ diplomatic) (NNS ties)) (VP (VBD ended)))", ["diplomatic<amod-ties"]);
    t!(unlabelled_wrapper, "( (S (NP (NNP A)) (VP (VBD left))))", ["A<nsubj-left"]);

    fn show(t: &Tree) -> String {
        match t {
            Tree::Leaf(tag, w) => format!("({tag} {w})"),
            Tree::Phrase(l, k) => format!("({l} {})", k.iter().map(show).collect::<Vec<_>>().join(" ")),
        }
    }

    /// Tree -> dependencies -> tree: the conversion back rebuilds the phrases PETRARCH needs.
    macro_rules! back {
        ($name:ident, $tree:expr, $want:expr) => {
            #[test]
            fn $name() {
                let words = to_dependencies(&parse_tree($tree).unwrap());
                let doc = document(&words, |f, _| f.to_lowercase());
                assert_eq!(show(&from_document(&doc).unwrap()), $want);
            }
        };
    }

    back!(back_auxiliary_and_pp, "(ROOT (S (NP (NNP Arnor)) (VP (MD will) (VP (VB meet) (PP (IN with) (NP (NNP Gondor))))) (. .)))",
          "(ROOT (S (NP (NNP Arnor)) (VP (MD will) (VP (VB meet) (PP (IN with) (NP (NNP Gondor))))) (. .)))");
    back!(back_passive, "(ROOT (S (NP (NNP Gondor)) (VP (VBD was) (VP (VBN attacked) (PP (IN by) (NP (NNP Arnor))))) (. .)))",
          "(ROOT (S (NP (NNP Gondor)) (VP (VBD was) (VP (VBN attacked) (PP (IN by) (NP (NNP Arnor))))) (. .)))");
    back!(back_coordinated_subject, "(ROOT (S (NP (NP (NNP Arnor)) (CC and) (NP (NNP Gondor))) (VP (VBD met)) (. .)))",
          "(ROOT (S (NP (NP (NNP Arnor)) (CC and) (NP (NNP Gondor))) (VP (VBD met)) (. .)))");
    back!(back_possessive, "(ROOT (S (NP (NP (NNP Arnor) (POS 's)) (NN envoy)) (VP (VBD left)) (. .)))",
          "(ROOT (S (NP (NP (NNP Arnor) (POS 's)) (NN envoy)) (VP (VBD left)) (. .)))");
    #[test]
    fn cyclic_heads_give_no_tree() {
        let words = to_dependencies(&parse_tree("(ROOT (S (NP (NNP Arnor)) (VP (VBD left))))").unwrap());
        let mut doc = document(&words, |f, _| f.to_lowercase());
        doc.syntax[0].head = Some(1);
        doc.syntax[1].head = Some(0);
        assert!(from_document(&doc).is_none());
    }

    #[test]
    fn chained_conjuncts_become_siblings() {
        // Valemark , Osterholm and Reach left: `Reach` hangs on `Osterholm`, not on `Valemark`.
        let words = vec![
            Word { form: "Valemark".into(), tag: "NNP".into(), head: Some(5), rel: "nsubj" },
            Word { form: ",".into(), tag: ",".into(), head: Some(2), rel: "punct" },
            Word { form: "Osterholm".into(), tag: "NNP".into(), head: Some(0), rel: "conj" },
            Word { form: "and".into(), tag: "CC".into(), head: Some(4), rel: "cc" },
            Word { form: "Reach".into(), tag: "NNP".into(), head: Some(2), rel: "conj" },
            Word { form: "left".into(), tag: "VBD".into(), head: None, rel: "root" },
        ];
        let doc = document(&words, |f, _| f.to_lowercase());
        assert_eq!(
            show(&from_document(&doc).unwrap()),
            "(ROOT (S (NP (NP (NNP Valemark)) (, ,) (NP (NNP Osterholm)) (CC and) (NP (NNP Reach))) (VP (VBD left))))"
        );
    }

    /// The tree converted from hand-made dependencies.
    fn tree_of(words: &[Word]) -> String {
        show(&from_document(&document(words, |f, _| f.to_lowercase())).unwrap())
    }

    fn w(form: &str, tag: &str, head: Option<usize>, rel: &'static str) -> Word {
        Word { form: form.into(), tag: tag.into(), head, rel }
    }

    #[test]
    fn object_of_an_infinitive_complement_is_its_subject() {
        // Arnor wants Gondor to leave: (VP wants (S (NP Gondor) (VP to leave))).
        let words = [
            w("Arnor", "NNP", Some(1), "nsubj"),
            w("wants", "VBZ", None, "root"),
            w("Gondor", "NNP", Some(1), "obj"),
            w("to", "TO", Some(4), "mark"),
            w("leave", "VB", Some(1), "xcomp"),
        ];
        assert_eq!(tree_of(&words), "(ROOT (S (NP (NNP Arnor)) (VP (VBZ wants) (S (NP (NNP Gondor)) (VP (TO to) (VP (VB leave)))))))");
    }

    #[test]
    fn existential_subject_stays_in_the_verb_phrase() {
        // There were soldiers killed: (S (NP There) (VP were (NP (NP soldiers) (VP killed)))).
        let words = [
            w("There", "EX", Some(1), "expl"),
            w("were", "VBD", None, "root"),
            w("soldiers", "NNS", Some(1), "nsubj"),
            w("killed", "VBN", Some(2), "acl"),
        ];
        assert_eq!(tree_of(&words), "(ROOT (S (NP (EX There)) (VP (VBD were) (NP (NP (NNS soldiers)) (VP (VBN killed))))))");
    }
    back!(back_negation, "(ROOT (S (NP (NNP Arnor)) (VP (MD will) (RB not) (VP (VB help) (NP (NNP Gondor)))) (. .)))",
          "(ROOT (S (NP (NNP Arnor)) (VP (MD will) (RB not) (VP (VB help) (NP (NNP Gondor)))) (. .)))");
    back!(back_nominal_adjective, "(ROOT (S (NP (NNS Troops)) (VP (VBD withdrew) (PP (IN from) (NP (DT the) (JJ Syrian)))) (. .)))",
          "(ROOT (S (NP (NNS Troops)) (VP (VBD withdrew) (PP (IN from) (NP (DT the) (JJ Syrian)))) (. .)))");
    back!(back_gerund_after_preposition, "(ROOT (S (NP (NNP Arnor)) (VP (VBD helped) (NP (NNP Gondor)) (PP (IN by) (S (VP (VBG sending) (NP (NNS arms)))))) (. .)))",
          "(ROOT (S (NP (NNP Arnor)) (VP (VBD helped) (NP (NNP Gondor)) (PP (IN by) (S (VP (VBG sending) (NP (NNS arms)))))) (. .)))");
    back!(back_infinitive_on_a_noun, "(ROOT (S (NP (NNP Arnor)) (VP (VBZ faces) (NP (NP (NN pressure)) (S (VP (TO to) (VP (VB help) (NP (NNP Gondor))))))) (. .)))",
          "(ROOT (S (NP (NNP Arnor)) (VP (VBZ faces) (NP (NP (NN pressure)) (S (VP (TO to) (VP (VB help) (NP (NNP Gondor))))))) (. .)))");
    #[test]
    fn reads_conllu_words_with_v1_relations() {
        let text = "1\tArnor\tArnor\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n2\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n3\tGondor\tGondor\tPROPN\tNNP\t_\t2\tdobj\t_\t_\n";
        let w = conllu_words(text).unwrap();
        assert_eq!((w[2].rel, w[2].head, w[1].head), ("obj", Some(1), None));
        let doc = document(&w, |f, _| f.to_lowercase());
        assert_eq!(show(&from_document(&doc).unwrap()), "(ROOT (S (NP (NNP Arnor)) (VP (VBD met) (NP (NNP Gondor)))))");
        assert!(conllu_words("(S (NP x))").is_none());
    }

    back!(back_subordinate_clause, "(ROOT (S (NP (NNP Arnor)) (VP (VBD said) (SBAR (IN that) (S (NP (NNP Gondor)) (VP (VBD left))))) (. .)))",
          "(ROOT (S (NP (NNP Arnor)) (VP (VBD said) (SBAR (IN that) (S (NP (NNP Gondor)) (VP (VBD left))))) (. .)))");
}

/// A phrase-structure tree from a dependency-parsed document (dragoman's own parse), for
/// coders that read Penn trees ([`crate::petr_compat`]). Deterministic: each head projects
/// a phrase from its Penn tag — nouns, pronouns and numbers an `NP`, verbs a `VP` inside an
/// `S` (auxiliaries, the copula and infinitival `to` stacked as outer `VP`s, the subject
/// outside the `VP`), adjectives `ADJP`, adverbs `ADVP`; a dependent with a preposition
/// (`case`) becomes a `PP`, a clause with a subordinator (`mark`) an `SBAR`, a relative clause
/// an `SBAR` inside its noun phrase; a possessor keeps its `'s` as `(NP ... (POS 's))`;
/// conjuncts are coordinated under their first conjunct's category (`(NP (NP ..) (CC and)
/// (NP ..))`, `(VP (VP ..) (CC and) (VP ..))`, or whole clauses when the second has its own
/// subject). The object of a verb with a `to`-infinitive complement is that infinitive's
/// subject (`(VP wants (S (NP Putin) (VP to attack ..)))`), as the treebank brackets it.
/// Children keep sentence order. Several sentences are joined under one `S`.
/// `None` when the document has no syntax.
pub fn from_document(doc: &Document) -> Option<Tree> {
    if doc.syntax.len() < doc.tokens.len() || doc.tokens.is_empty() {
        return None;
    }
    let mut roots = Vec::new();
    for s in &doc.sentences {
        if s.tokens.end > doc.tokens.len() {
            return None;
        }
        // A head chain that does not reach the root (a cycle) has no tree.
        for i in s.tokens.clone() {
            let (mut at, mut steps) = (i, 0);
            while let Some(h) = doc.syntax[at].head.filter(|h| s.tokens.contains(h)) {
                at = h;
                steps += 1;
                if steps > s.tokens.len() {
                    return None;
                }
            }
        }
        let b = DepToTree::new(doc, s.tokens.clone());
        for r in s.tokens.clone().filter(|&i| doc.syntax[i].head.is_none_or(|h| !s.tokens.contains(&h))) {
            roots.push(b.top(r));
        }
    }
    let mut top = if roots.len() == 1 { roots.pop()? } else { Tree::Phrase("S".into(), roots) };
    hoist_punctuation(&mut top);
    Some(Tree::Phrase("ROOT".into(), vec![top]))
}

fn is_punct_leaf(t: &Tree) -> bool {
    matches!(t, Tree::Leaf(tag, _) if matches!(tag.as_str(), "," | ":" | "``" | "''" | "." | "HYPH" | "-LRB-" | "-RRB-" | "NFP"))
}

/// Punctuation at the edge of a phrase moves up until it stands between phrases (the
/// treebank puts the commas of an apposition or a clause beside it, not inside it).
fn hoist_punctuation(t: &mut Tree) {
    let Tree::Phrase(_, kids) = t else { return };
    for k in kids.iter_mut() {
        hoist_punctuation(k);
    }
    let mut out = Vec::with_capacity(kids.len());
    for mut k in std::mem::take(kids) {
        let mut before = Vec::new();
        let mut after = Vec::new();
        // A phrase of punctuation alone (its word merged away) is just its punctuation.
        if let Tree::Phrase(_, ks) = &mut k {
            if ks.iter().all(is_punct_leaf) {
                out.append(ks);
                continue;
            }
        }
        if let Tree::Phrase(_, ks) = &mut k {
            while ks.len() > 1 && ks.first().is_some_and(is_punct_leaf) {
                before.push(ks.remove(0));
            }
            while ks.len() > 1 && ks.last().is_some_and(is_punct_leaf) {
                if let Some(x) = ks.pop() {
                    after.insert(0, x);
                }
            }
        }
        out.extend(before);
        out.push(k);
        out.extend(after);
    }
    *kids = out;
}

struct DepToTree<'a> {
    doc: &'a Document,
    kids: Vec<Vec<usize>>,
    range: std::ops::Range<usize>,
    /// Hyphenated words the tokenizer split (`state - run`): the token through which the
    /// group attaches to the sentence carries the whole word, the others are dropped.
    merged: std::collections::HashMap<usize, String>,
    swallowed: std::collections::HashSet<usize>,
    /// `wants Putin to attack`: the object becomes the subject of the infinitive
    /// (`(VP wants (S (NP Putin) (VP to attack)))`), as the treebank brackets it. Infinitive
    /// head → object.
    raised: std::collections::HashMap<usize, usize>,
}

/// A built constituent and the first token it covers (children are ordered by it).
type Part = (usize, Tree);

fn phrase(label: &str, mut parts: Vec<Part>) -> Part {
    // Tokens merged into a neighbour (`state - run`) leave empty leaves; drop them and any
    // phrase they leave empty.
    parts.retain(|p| match &p.1 {
        Tree::Leaf(t, _) => !t.is_empty(),
        Tree::Phrase(_, k) => !k.is_empty(),
    });
    parts.sort_by_key(|p| p.0);
    let first = parts.first().map_or(usize::MAX, |p| p.0);
    (first, Tree::Phrase(label.into(), parts.into_iter().map(|p| p.1).collect()))
}

impl<'a> DepToTree<'a> {
    fn new(doc: &'a Document, range: std::ops::Range<usize>) -> Self {
        let mut kids = vec![Vec::new(); doc.tokens.len()];
        for i in range.clone() {
            if let Some(h) = doc.syntax[i].head {
                if range.contains(&h) && h != i {
                    kids[h].push(i);
                }
            }
        }
        let mut merged = std::collections::HashMap::new();
        let mut swallowed = std::collections::HashSet::new();
        let mut i = range.start;
        while i < range.end {
            let mut j = i;
            let mut hyphen = false;
            while j + 1 < range.end && doc.tokens[j].space_after == 0 {
                let next = doc.slice(doc.tokens[j + 1].span);
                let cur = doc.slice(doc.tokens[j].span);
                if next == "-" || cur == "-" {
                    hyphen |= next == "-";
                    j += 1;
                } else {
                    break;
                }
            }
            if hyphen && j > i && doc.slice(doc.tokens[j].span) != "-" {
                let text = doc.text[doc.tokens[i].span.start..doc.tokens[j].span.end].to_string();
                // The word goes where the group attaches to the rest of the sentence.
                let outside: Vec<usize> = (i..=j).filter(|&k| doc.syntax[k].head.is_none_or(|h| h < i || h > j)).collect();
                let carrier = if outside.len() == 1 { outside[0] } else { j };
                merged.insert(carrier, text);
                swallowed.extend((i..=j).filter(|&k| k != carrier));
            }
            i = j + 1;
        }
        let mut raised = std::collections::HashMap::new();
        for h in range.clone() {
            let rel = |i: usize| doc.syntax[i].deprel;
            let Some(&o) = kids[h].iter().find(|&&k| rel(k) == "obj") else { continue };
            for &x in &kids[h] {
                let infinitive = kids[x].iter().any(|&k| rel(k) == "mark" && doc.syntax[k].xpos == "TO" && k < x);
                let own_subject = kids[x].iter().any(|&k| rel(k).starts_with("nsubj"));
                if rel(x) == "xcomp" && x > o && infinitive && !own_subject {
                    raised.insert(x, o);
                }
            }
        }
        DepToTree { doc, kids, range, merged, swallowed, raised }
    }

    fn tag(&self, i: usize) -> &str {
        let x = self.doc.syntax[i].xpos;
        if x.is_empty() {
            self.doc.syntax[i].upos
        } else {
            x
        }
    }
    fn rel(&self, i: usize) -> &str {
        self.doc.syntax[i].deprel
    }
    fn leaf(&self, i: usize) -> Part {
        if self.swallowed.contains(&i) {
            return (i, Tree::Leaf(String::new(), String::new()));
        }
        // Brackets are written as the treebank writes them, so that the tree reads back.
        match self.word(i).as_str() {
            "(" => (i, Tree::Leaf("-LRB-".into(), "-LRB-".into())),
            ")" => (i, Tree::Leaf("-RRB-".into(), "-RRB-".into())),
            w => (i, Tree::Leaf(self.tag(i).to_string(), w.to_string())),
        }
    }

    /// Every token of `d`'s subtree as a leaf (for name parts and compounds).
    fn flat_leaves(&self, d: usize, out: &mut Vec<Part>) {
        out.push(self.leaf(d));
        for &k in &self.kids[d] {
            self.flat_leaves(k, out);
        }
    }
    fn is_verb(&self, i: usize) -> bool {
        self.tag(i).starts_with("VB") || self.tag(i).starts_with("MD")
    }
    fn is_nominal(&self, i: usize) -> bool {
        let t = self.tag(i);
        t.starts_with("NN")
            || t.starts_with("PRP")
            || t == "CD"
            || t == "EX"
            || t.starts_with("WP")
            || t == "DT"
            || t == "FW"
            || t == "SYM"
            // "the Syrian", "the poor": an adjective with a determiner heads a noun phrase
            || (t.starts_with("JJ") && self.kids[i].iter().any(|&k| self.rel(k) == "det"))
    }
    fn is_clause(&self, i: usize) -> bool {
        self.is_verb(i) || self.kids[i].iter().any(|&k| matches!(self.rel(k), "cop" | "nsubj" | "nsubj:pass" | "csubj" | "aux" | "aux:pass"))
    }

    /// The sentence root.
    fn top(&self, r: usize) -> Tree {
        if self.is_clause(r) {
            self.clause(r, false).1
        } else {
            self.node(r).1
        }
    }

    /// A dependent in its phrase: a `PP` when it has a preposition, an `SBAR` when it has a
    /// subordinator, else its own projection.
    fn dependent(&self, d: usize) -> Part {
        if self.kids[d].is_empty() && matches!(self.rel(d), "det" | "det:predet" | "cc" | "punct" | "aux" | "aux:pass" | "cop" | "mark" | "case") {
            return self.leaf(d);
        }
        // The negation stands bare in its verb phrase: (VP (MD will) (RB not) (VP ...)).
        if self.kids[d].is_empty() && self.rel(d) == "advmod" && matches!(self.word(d).to_lowercase().as_str(), "not" | "n't" | "never") {
            return self.leaf(d);
        }
        if self.is_clause(d) {
            // A participle modifying a noun is a bare verb phrase in the treebank; an infinitive
            // ("pressure to help Iran") is a subjectless clause, (S (VP (TO to) (VP ...))).
            let infinitive = self.kids[d].iter().any(|&k| self.rel(k) == "mark" && self.tag(k) == "TO" && k < d);
            return self.clause(d, self.rel(d) == "acl" && !infinitive);
        }
        self.projection(d, &[])
    }

    /// A non-clausal head's phrase, as a `PP` when it has a preposition.
    fn projection(&self, d: usize, skip: &[usize]) -> Part {
        let case: Vec<usize> =
            self.kids[d].iter().copied().filter(|&k| self.rel(k) == "case" && self.tag(k) != "POS" && k < d && !skip.contains(&k)).collect();
        if !case.is_empty() {
            let all: Vec<usize> = skip.iter().chain(&case).copied().collect();
            let inner = self.node_without(d, &all);
            let mut parts: Vec<Part> = case.iter().map(|&c| (c, Tree::Leaf(if self.tag(c) == "TO" { "TO".into() } else { "IN".into() }, self.word(c)))).collect();
            parts.push(inner);
            return phrase("PP", parts);
        }
        self.node_without(d, skip)
    }

    fn word(&self, i: usize) -> String {
        let w = match self.merged.get(&i) {
            Some(m) => m.as_str(),
            None => self.doc.slice(self.doc.tokens[i].span),
        };
        if w == "(" || w == ")" {
            return w.to_string();
        }
        w.replace(['(', ')'], "")
    }

    fn node(&self, h: usize) -> Part {
        self.node_without(h, &[])
    }

    /// The projection of a non-clausal head, leaving out `skip` dependents.
    fn node_without(&self, h: usize, skip: &[usize]) -> Part {
        let label = if self.tag(h).starts_with('W') && self.kids[h].is_empty() {
            "WHNP"
        } else if self.is_nominal(h) {
            "NP"
        } else if self.tag(h).starts_with("JJ") {
            "ADJP"
        } else if self.tag(h).starts_with("RB") {
            "ADVP"
        } else if self.tag(h) == "IN" || self.tag(h) == "TO" {
            "PP"
        } else {
            "X"
        };
        let deps: Vec<usize> = self.kids[h].iter().copied().filter(|k| !skip.contains(k)).collect();
        if label != "NP" {
            let mut parts = vec![self.leaf(h)];
            parts.extend(deps.iter().map(|&d| self.dependent(d)));
            if parts.len() == 1 && label == "X" {
                return self.leaf(h);
            }
            return phrase(label, parts);
        }
        // Noun phrase: left modifiers and the head form the base; a possessor is its own NP
        // with `'s`; right modifiers and conjuncts wrap the base.
        let mut base: Vec<Part> = vec![self.leaf(h)];
        let mut right: Vec<Part> = Vec::new();
        let mut conj: Vec<Part> = Vec::new();
        for &d in &deps {
            let r = self.rel(d);
            if r == "conj" {
                // A conjunct of a conjunct (`A, B, C and D` parsed as a chain) belongs to the
                // same coordination: all conjuncts become siblings, as the treebank has them.
                let mut todo = vec![d];
                while let Some(d) = todo.pop() {
                    let mut c: Vec<usize> = Vec::new();
                    for &k in &self.kids[d] {
                        if matches!(self.rel(k), "cc" | "punct") && k < d {
                            c.push(k);
                            conj.push(self.leaf(k));
                        } else if self.rel(k) == "conj" && !self.is_clause(k) {
                            c.push(k);
                            todo.push(k);
                        }
                    }
                    conj.push(self.node_without(d, &c));
                }
            } else if r == "case" && self.tag(d) == "POS" {
                base.push(self.leaf(d));
            } else if r.starts_with("flat") || r.starts_with("compound") || r == "fixed" || r == "goeswith" || r == "nmod:desc" {
                // Parts of a name or compound stay words of this noun phrase.
                self.flat_leaves(d, &mut base);
            } else if d < h && matches!(r, "amod" | "nummod" | "det" | "det:predet" | "advmod" | "nmod:npmod" | "obl:npmod") {
                // Modifiers before the noun are words of its phrase (a nested noun phrase
                // would split the entity).
                self.flat_leaves(d, &mut base);
            } else if d < h && r != "punct" {
                let p = self.dependent(d);
                // One-word modifiers stay flat, as in the treebank.
                match &p.1 {
                    Tree::Phrase(_, k) if k.len() == 1 && matches!(k[0], Tree::Leaf(..)) => base.push((p.0, k[0].clone())),
                    _ => base.push(p),
                }
            } else if (r == "cc" || r == "punct") && d < h {
                base.push(self.leaf(d));
            } else {
                right.push(self.dependent(d));
            }
        }
        let mut np = phrase("NP", base);
        if !right.is_empty() {
            let mut parts = vec![np];
            parts.extend(right);
            np = phrase("NP", parts);
        }
        if !conj.is_empty() {
            let mut parts = vec![np];
            parts.extend(conj);
            np = phrase("NP", parts);
        }
        np
    }

    /// `first` coordinated with the clauses `conjs` (each after its own conjunction and
    /// comma from `conj_cc`) under `label`.
    fn coordinate(&self, label: &str, first: Part, conjs: &[usize], conj_cc: &[usize], in_coord: bool) -> Part {
        let mut parts = vec![first];
        for &c in conjs {
            parts.extend(self.kids[c].iter().filter(|k| conj_cc.contains(k)).map(|&k| self.leaf(k)));
            parts.push(self.clause(c, in_coord));
        }
        phrase(label, parts)
    }

    /// A clause headed by `h`: `S` (or `SBAR` with a subordinator, or a bare `VP` for a
    /// subjectless conjunct when `in_coord`).
    fn clause(&self, h: usize, in_coord: bool) -> Part {
        // A conjunct's own conjunction and comma are placed by the coordination.
        let own: Vec<usize>;
        let deps: &Vec<usize> = if self.rel(h) == "conj" {
            own = self.kids[h].iter().copied().filter(|&k| !(matches!(self.rel(k), "cc" | "punct") && k < h)).collect();
            &own
        } else {
            &self.kids[h]
        };
        let mut subj: Vec<usize> = deps.iter().copied().filter(|&d| self.rel(d).starts_with("nsubj") || self.rel(d).starts_with("csubj") || self.rel(d) == "expl").collect();
        subj.extend(self.raised.get(&h));
        // "There were ten soldiers killed": the logical subject stays inside the verb phrase.
        if subj.iter().any(|&d| self.rel(d) == "expl" && d < h) {
            subj.retain(|&d| !(self.rel(d).starts_with("nsubj") && d > h));
        }
        let lowered: Vec<usize> = deps.iter().filter_map(|x| self.raised.get(x).copied()).collect();
        let layers: Vec<usize> = deps
            .iter()
            .copied()
            .filter(|&d| d < h && (matches!(self.rel(d), "aux" | "aux:pass" | "cop") || (self.rel(d) == "mark" && self.tag(d) == "TO")))
            .collect();
        let marks: Vec<usize> = deps.iter().copied().filter(|&d| self.rel(d) == "mark" && self.tag(d) != "TO" && d < h).collect();
        let conjs: Vec<usize> = deps.iter().copied().filter(|&d| self.rel(d) == "conj" && self.is_clause(d)).collect();
        let conj_cc: Vec<usize> = conjs.iter().flat_map(|&c| self.kids[c].iter().copied().filter(move |&k| matches!(self.rel(k), "cc" | "punct") && k < c)).collect();
        let first_layer = layers.first().copied().unwrap_or(h);
        let sentence_final = |d: usize| self.rel(d) == "punct" && d > h && !self.range.contains(&(d + 1));
        // Where every other dependent goes: before the subject or the first auxiliary (clause
        // level), between auxiliaries (that auxiliary's VP), after (the main VP).
        let mut clause_parts: Vec<Part> = Vec::new();
        let mut layer_parts: Vec<Vec<Part>> = vec![Vec::new(); layers.len()];
        let mut core: Vec<Part> = Vec::new();
        let mut finals: Vec<Part> = Vec::new();
        let cop = layers.iter().copied().find(|&d| self.rel(d) == "cop");
        let clause_level = |d: usize| {
            subj.contains(&d)
                || layers.contains(&d)
                || marks.contains(&d)
                || conjs.contains(&d)
                || conj_cc.contains(&d)
                || matches!(self.rel(d), "advcl" | "parataxis" | "punct" | "cc" | "discourse" | "vocative")
                || (d < h && self.rel(d) == "advmod")
        };
        let mut in_predicate: Vec<usize> = Vec::new();
        if cop.is_some() {
            // The predicate is the copula's complement: a noun, adjective or prepositional
            // phrase with its own modifiers.
            let outside: Vec<usize> = deps.iter().copied().filter(|&d| clause_level(d)).collect();
            in_predicate = deps.iter().copied().filter(|&d| !clause_level(d)).collect();
            core.push(self.projection(h, &outside));
        } else {
            core.push(self.leaf(h));
        }
        for &d in deps {
            if subj.contains(&d) || layers.contains(&d) || marks.contains(&d) || conjs.contains(&d) || conj_cc.contains(&d) || in_predicate.contains(&d) || lowered.contains(&d) {
                continue;
            }
            let p = self.dependent(d);
            if sentence_final(d) {
                finals.push(p);
            } else if d < first_layer {
                clause_parts.push(p);
            } else if d > h {
                core.push(p);
            } else {
                match layers.iter().rposition(|&l| l < d) {
                    Some(k) => layer_parts[k].push(p),
                    None => clause_parts.push(p),
                }
            }
        }
        let mut vp = if cop.is_some() && core.len() == 1 { core.pop().unwrap_or_else(|| self.leaf(h)) } else { phrase("VP", core) };
        let (with_subj, without): (Vec<usize>, Vec<usize>) = conjs.iter().partition(|&&c| self.kids[c].iter().any(|&k| self.rel(k).starts_with("nsubj")));
        if !without.is_empty() {
            // Coordinated verb phrases share the auxiliaries and the subject.
            vp = self.coordinate("VP", vp, &without, &conj_cc, true);
        }
        for (k, &l) in layers.iter().enumerate().rev() {
            let mut parts = vec![self.leaf(l)];
            parts.append(&mut layer_parts[k]);
            parts.push(vp);
            vp = phrase("VP", parts);
        }
        if in_coord && subj.is_empty() && marks.is_empty() {
            return vp;
        }
        for &s in &subj {
            clause_parts.push(self.dependent(s));
        }
        clause_parts.push(vp);
        let mut s = phrase("S", clause_parts);
        if !with_subj.is_empty() {
            s = self.coordinate("S", s, &with_subj, &conj_cc, false);
        }
        if !marks.is_empty() {
            let mut parts: Vec<Part> = marks.iter().map(|&m| (m, Tree::Leaf("IN".into(), self.word(m)))).collect();
            parts.push(s);
            // "by promoting biofuels": a preposition before a subjectless gerund heads a PP.
            const GERUND_PREPS: [&str; 12] = ["by", "after", "before", "without", "for", "of", "in", "on", "upon", "from", "despite", "through"];
            let gerund_pp = subj.is_empty()
                && self.tag(h) == "VBG"
                && marks.iter().all(|&m| GERUND_PREPS.contains(&self.word(m).to_lowercase().as_str()));
            s = phrase(if gerund_pp { "PP" } else { "SBAR" }, parts);
        } else if (self.rel(h) == "acl:relcl" || (self.rel(h) == "ccomp" && self.doc.syntax[h].head.is_some_and(|p| p < h))) && !subj.is_empty() {
            // A finite complement (after its verb: a fronted one is a plain S) or a relative
            // clause is an SBAR with or without a word introducing it.
            s = phrase("SBAR", vec![s]);
        }
        if !finals.is_empty() {
            match &mut s.1 {
                Tree::Phrase(l, k) if l == "S" => k.extend(finals.into_iter().map(|p| p.1)),
                _ => {
                    finals.insert(0, s);
                    s = phrase("S", finals);
                }
            }
        }
        s
    }
}
