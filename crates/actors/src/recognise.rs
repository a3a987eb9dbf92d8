//! Finding and resolving actor mentions in a segmented document.
//!
//! Per sentence: (1) tokens become *units* (hyphenated compounds rejoined, see `norm`); (2) the
//! trie finds dictionary names leftmost-longest, checking each name's capitalisation against the
//! text (headlines in capitals relax the check); (3) a small grammar composes noun phrases out of
//! the matches — `[modifier]* [agent]+ [name]?`, where a modifier is a country adjective, a country,
//! region or organisation name (with or without `'s`), agents may be coordinated (`Analyst and
//! Balochistan politician`) and separated by up to two adjectives, and the name is a known person, a
//! known surname or an unknown capitalised sequence; (4) what is left is resolved alone: countries,
//! capitals (government when they act, place when they locate), regions, organisations, people,
//! surnames, and the pronouns `he`/`she` by coreference. Every mention names the rule that made it
//! and carries an `entity_id` shared by all mentions of one entity in the document.

use std::ops::Range;

use chrono::NaiveDate;
use dragoman_doc::{ActorKind, ActorMention, Document, Span};

use crate::kb::{AgentClass, CodeRule, Entry};
use crate::lookup::split_code;
use crate::norm::{is_particle, push_key, slug, CaseReq};
use crate::trie::Sense;
use crate::KnowledgeBase;

/// An actor mention with everything the recogniser knows about it. [`Mention::to_actor_mention`]
/// gives the pipeline's record.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Byte span in the document text (determiners excluded).
    pub span: Span,
    /// Token range in `Document::tokens`.
    pub tokens: Range<usize>,
    pub sentence: usize,
    pub kind: ActorKind,
    /// CAMEO-style code on the article's date; `None` for people and organisations the knowledge
    /// base does not know (their `country`/`sector` still say what the sentence told us).
    pub code: Option<String>,
    pub country: Option<String>,
    pub sector: Option<String>,
    /// Canonical name of the entity (`Imran Khan`), or the title for an unnamed office holder.
    pub entity: Option<String>,
    /// Coreference id: one per entity per document (a knowledge-base entry id, or `doc:...`).
    pub entity_id: Option<String>,
    /// Knowledge-base entry that matched or was resolved to.
    pub entry: Option<String>,
    /// Office on the date, when the code came from a role.
    pub role: Option<String>,
    /// The rule that produced the mention (see the crate docs for the list).
    pub rule: &'static str,
    /// True when the document had no date and today's roles were used.
    pub date_assumed: bool,
}

impl Mention {
    pub fn to_actor_mention(&self) -> ActorMention {
        ActorMention {
            span: self.span,
            kind: self.kind,
            code: self.code.clone(),
            country: self.country.clone(),
            sector: self.sector.clone(),
            entity: self.entity.clone(),
            entry: self.entry.clone().or_else(|| self.entity_id.clone()),
            entity_id: self.entity_id.clone(),
            role: self.role.clone(),
            rule: Some(self.rule.to_string()),
        }
    }
}

/// One unit: a token or tokens joined by hyphens without spaces.
struct Unit {
    t0: usize,
    t1: usize,
    span: Span,
    key: Range<usize>,
    word: Option<u32>,
    cap: bool,
    upper: bool,
    alpha: bool,
    propn: Option<bool>,
}

enum Item {
    /// A dictionary match over units `u0..u1`.
    M { u0: usize, u1: usize, senses: Vec<Sense> },
    /// Any other unit.
    W { u: usize },
}

impl Item {
    fn u0(&self) -> usize {
        match self {
            Item::M { u0, .. } => *u0,
            Item::W { u } => *u,
        }
    }
    fn u1(&self) -> usize {
        match self {
            Item::M { u1, .. } => *u1,
            Item::W { u } => u + 1,
        }
    }
}

/// A person or office the document has mentioned, for coreference.
#[derive(Clone)]
struct DocEntity {
    id: String,
    name: String,
    surname: Option<String>,
    kind: ActorKind,
    code: Option<String>,
    country: Option<String>,
    sector: Option<String>,
    entry: Option<String>,
    role: Option<String>,
    office: Option<u32>,
    last_sentence: usize,
}

const LOCATIVE: &[&str] = &[
    "in", "at", "to", "into", "near", "outside", "inside", "around", "across", "via", "through", "throughout",
    "toward", "towards", "within", "from", "onto", "beyond", "outskirts", "reached",
];
const MOTION: &[&str] = &[
    "return", "returned", "returning", "returns", "come", "came", "coming", "arrive", "arrived", "arriving", "fly",
    "flew", "flying", "flown", "travel", "traveled", "travelled", "back", "flight", "flights", "leave", "left",
    "leaving", "depart", "departed", "reporting", "reported", "reports", "writes", "writing", "miles", "km",
    "kilometres", "kilometers", "road", "train", "drive", "drove", "moved", "fled", "escaped", "evacuated",
];
const SPEECH: &[&str] = &[
    "said", "says", "told", "added", "wrote", "noted", "stated", "asked", "warned", "claimed", "argued",
    "explained", "insisted", "tweeted", "announced", "declared", "stressed", "urged", "remarked", "observed",
];
const NOT_NAMES: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "i", "he", "she",
    "it", "we", "they", "you", "this", "that", "these", "those", "there", "here", "but", "and", "or", "if", "when",
    "while", "after", "before", "since", "as", "in", "on", "at", "for", "with", "by", "from", "a", "an", "mr", "mrs",
    "ms", "dr", "according", "meanwhile", "however", "also", "today", "yesterday", "tomorrow", "god", "covid-19",
    "covid",
];
const HONORIFICS: &[&str] = &["mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "sheikh", "mian", "syed"];

impl KnowledgeBase {
    /// Finds and resolves actor mentions in a segmented (and, if available, parsed) document,
    /// as the pipeline's records. `date` is the article's date; `None` uses today's roles.
    pub fn recognise(&self, doc: &Document, date: Option<NaiveDate>) -> Vec<ActorMention> {
        self.recognise_detailed(doc, date).iter().map(Mention::to_actor_mention).collect()
    }

    /// Like [`recognise`](Self::recognise), with coreference ids, rules and token ranges.
    pub fn recognise_detailed(&self, doc: &Document, date: Option<NaiveDate>) -> Vec<Mention> {
        let (date, date_assumed) = match date {
            Some(d) => (d, false),
            None => (crate::date::today(), true),
        };
        let mut r = Run { kb: self, doc, date, date_assumed, out: Vec::new(), ents: Vec::new(), seen: Vec::new(), keys: String::new() };
        for (si, s) in doc.sentences.iter().enumerate() {
            r.sentence(si, s.tokens.clone());
        }
        r.out.sort_by_key(|m| (m.span.start, m.span.end));
        r.out
    }
}

struct Run<'a> {
    kb: &'a KnowledgeBase,
    doc: &'a Document,
    date: NaiveDate,
    date_assumed: bool,
    out: Vec<Mention>,
    ents: Vec<DocEntity>,
    /// Person mentions in document order: `(sentence, start byte, index into ents)`.
    seen: Vec<(usize, usize, usize)>,
    keys: String,
}

/// A composed noun phrase.
#[derive(Default)]
struct Np {
    i0: usize,
    i1: usize,
    /// Countries (or organisation codes) given by modifiers.
    country: Option<String>,
    org_code: Option<String>,
    /// Agent indices with their plural flag, in order.
    agents: Vec<(u32, bool)>,
    /// The name: an item index range.
    name: Option<(usize, usize)>,
}

impl<'a> Run<'a> {
    fn key(&self, u: &Unit) -> &str {
        &self.keys[u.key.clone()]
    }

    fn units(&mut self, toks: Range<usize>) -> Vec<Unit> {
        let doc = self.doc;
        let syntax = doc.syntax.len() == doc.tokens.len();
        self.keys.clear();
        let mut units: Vec<Unit> = Vec::with_capacity(toks.len());
        for t in toks {
            let tok = &doc.tokens[t];
            let text = doc.slice(tok.span);
            let merge = match units.last() {
                Some(prev) => {
                    let prev_tok = &doc.tokens[prev.t1 - 1];
                    prev_tok.space_after == 0
                        && !tok.joined_to_prev
                        && (text == "-" || doc.slice(prev_tok.span) == "-")
                        && prev.t1 == t
                }
                None => false,
            };
            let propn = syntax.then(|| matches!(doc.syntax[t].upos, "PROPN"));
            if merge {
                let u = units.last_mut().expect("merge needs a previous unit");
                u.t1 = t + 1;
                u.span = u.span.cover(tok.span);
                push_key(text, &mut self.keys);
                u.key.end = self.keys.len();
                u.alpha |= text.chars().any(char::is_alphabetic);
                u.upper &= !text.chars().any(char::is_lowercase);
                if let (Some(a), Some(b)) = (u.propn, propn) {
                    u.propn = Some(a || b);
                }
            } else {
                let k0 = self.keys.len();
                push_key(text, &mut self.keys);
                let first_alpha = text.chars().find(|c| c.is_alphabetic());
                units.push(Unit {
                    t0: t,
                    t1: t + 1,
                    span: tok.span,
                    key: k0..self.keys.len(),
                    word: None,
                    cap: first_alpha.is_some_and(char::is_uppercase),
                    upper: first_alpha.is_some() && !text.chars().any(char::is_lowercase),
                    alpha: first_alpha.is_some(),
                    propn,
                });
            }
        }
        for u in &mut units {
            u.word = self.kb.trie.word(&self.keys[u.key.clone()]);
        }
        units
    }

    fn sentence(&mut self, si: usize, toks: Range<usize>) {
        let units = self.units(toks);
        if units.is_empty() {
            return;
        }
        let lettered: Vec<&Unit> = units.iter().filter(|u| u.alpha && u.span.len() > 1).collect();
        let headline = lettered.len() >= 3 && lettered.iter().filter(|u| u.upper).count() * 5 >= lettered.len() * 4;
        let items = self.match_items(&units, headline);
        let mut i = 0;
        while i < items.len() {
            if let Some(np) = self.noun_phrase(&items, &units, i, headline) {
                let next = np.i1;
                self.emit_np(si, &items, &units, np);
                i = next;
                continue;
            }
            i = self.single(si, &items, &units, i, headline);
        }
    }

    fn match_items(&self, units: &[Unit], headline: bool) -> Vec<Item> {
        let trie = &self.kb.trie;
        let mut items = Vec::with_capacity(units.len());
        let mut i = 0;
        while i < units.len() {
            let mut node = 0u32;
            let mut best: Option<(usize, Vec<Sense>)> = None;
            for (j, u) in units.iter().enumerate().skip(i) {
                let Some(w) = u.word else { break };
                let Some(nx) = trie.step(node, w) else { break };
                node = nx;
                let ps = trie.at(node);
                if ps.is_empty() {
                    continue;
                }
                let ok: Vec<&crate::trie::Payload> = ps
                    .iter()
                    .map(|&p| &trie.payloads[p as usize])
                    .filter(|p| case_ok(&p.case, &units[i..=j], headline))
                    .collect();
                let Some(top) = ok.iter().map(|p| p.layer).max() else { continue };
                let senses: Vec<Sense> = ok.iter().filter(|p| p.layer == top).map(|p| p.sense).collect();
                best = Some((j + 1, senses));
            }
            match best {
                Some((end, senses)) => {
                    items.push(Item::M { u0: i, u1: end, senses });
                    i = end;
                }
                None => {
                    items.push(Item::W { u: i });
                    i += 1;
                }
            }
        }
        items
    }

    fn entry(&self, e: u32) -> &'a Entry {
        &self.kb.entries[e as usize]
    }

    fn senses<'b>(&self, items: &'b [Item], i: usize) -> &'b [Sense] {
        match items.get(i) {
            Some(Item::M { senses, .. }) => senses,
            _ => &[],
        }
    }

    fn find_entry(&self, senses: &[Sense], pred: impl Fn(&Entry) -> bool) -> Option<u32> {
        senses.iter().find_map(|s| match s {
            Sense::Entry(e) if pred(self.entry(*e)) => Some(*e),
            _ => None,
        })
    }

    fn agent_of(&self, senses: &[Sense]) -> Option<(u32, bool)> {
        // A specific entry ("State Department") wins over the generic agent word.
        if senses.iter().any(|s| matches!(s, Sense::Entry(_))) {
            return None;
        }
        senses.iter().find_map(|s| match s {
            Sense::Agent(a, p) => Some((*a, *p)),
            _ => None,
        })
    }

    fn is_agent(&self, items: &[Item], i: usize) -> bool {
        self.agent_of(self.senses(items, i)).is_some()
    }

    fn word_key<'b>(&'b self, items: &[Item], units: &[Unit], i: usize) -> Option<&'b str> {
        match items.get(i) {
            Some(Item::W { u }) => Some(self.key(&units[*u])),
            _ => None,
        }
    }

    /// A modifier at `i`: the country (or organisation) code it contributes and how many items it
    /// takes (2 with a possessive `'s`).
    fn modifier(&self, items: &[Item], units: &[Unit], i: usize) -> Option<(Option<String>, Option<String>, usize)> {
        let s = self.senses(items, i);
        if s.is_empty() {
            return None;
        }
        if let Some(c) = s.iter().find_map(|x| match x {
            Sense::Adjective(c) => Some(*c),
            _ => None,
        }) {
            return Some((self.entry(c).country.clone(), None, 1));
        }
        let place = self.find_entry(s, |e| matches!(e.kind, ActorKind::Country | ActorKind::Region | ActorKind::City));
        let org = self.find_entry(s, |e| matches!(e.kind, ActorKind::Organisation | ActorKind::Group));
        let e = place.or(org)?;
        let mut n = 1;
        if self.word_key(items, units, i + 1) == Some("'s") {
            n = 2;
        }
        // Only a modifier when an agent (or another modifier and then an agent) follows.
        let next = i + n;
        let agent_follows = self.is_agent(items, next)
            || (self.senses(items, next).iter().any(|x| matches!(x, Sense::Adjective(_))) && self.is_agent(items, next + 1));
        if !agent_follows {
            return None;
        }
        let en = self.entry(e);
        if place.is_some() {
            Some((en.country.clone(), None, n))
        } else {
            let code = self.kb.resolve(en, self.date).code;
            Some((code.as_deref().and_then(|c| split_code(c).0), code, n))
        }
    }

    fn gap_ok(&self, units: &[Unit], u: usize) -> bool {
        let unit = &units[u];
        let k = self.key(unit);
        if !unit.alpha || unit.cap || is_particle(k) || k.len() < 3 {
            return false;
        }
        if let Some(ws) = self.doc.syntax.get(unit.t0) {
            if self.doc.syntax.len() == self.doc.tokens.len() {
                return matches!(ws.upos, "ADJ") || (ws.upos == "NOUN" && ws.deprel == "compound");
            }
        }
        !matches!(
            k,
            "had" | "has" | "have" | "was" | "were" | "is" | "are" | "will" | "would" | "could" | "should" | "not" | "also"
                | "who" | "which" | "that" | "and" | "but" | "said" | "says" | "been" | "being" | "did" | "does"
        ) && !k.ends_with("ed")
            && !k.ends_with("ing")
            && !k.ends_with("ly")
    }

    /// Parses `[modifier]* [agent]+ [name]?` at item `i`.
    fn noun_phrase(&self, items: &[Item], units: &[Unit], i: usize, headline: bool) -> Option<Np> {
        let mut np = Np { i0: i, ..Default::default() };
        let mut q = i;
        let mut gaps = 0;
        loop {
            if let Some((country, org, n)) = self.modifier(items, units, q) {
                if np.country.is_none() {
                    np.country = country;
                }
                if np.org_code.is_none() {
                    np.org_code = org;
                }
                q += n;
                continue;
            }
            if let Some(a) = self.agent_of(self.senses(items, q)) {
                np.agents.push(a);
                q += 1;
                // Coordinated titles: "Analyst and Balochistan politician Jan Doe".
                if self.word_key(items, units, q) == Some("and")
                    && !a.1
                    && (self.is_agent(items, q + 1) || (self.modifier(items, units, q + 1).is_some()))
                {
                    q += 1;
                }
                continue;
            }
            // Up to two adjectives between modifiers/agents: "Pakistani geopolitical analyst".
            if let Some(Item::W { u }) = items.get(q) {
                if np.country.is_some() && np.agents.is_empty() && gaps < 2 && self.gap_ok(units, *u) {
                    let mut k = q + 1;
                    while k < items.len() && k <= q + 2 - gaps && matches!(items[k], Item::W { .. }) {
                        k += 1;
                    }
                    if self.is_agent(items, k) && (q + 1..k).all(|x| matches!(items[x], Item::W{u} if self.gap_ok(units, u))) {
                        gaps += k - q;
                        q = k;
                        continue;
                    }
                }
            }
            break;
        }
        if np.agents.is_empty() {
            return None;
        }
        // Trailing gap words are not part of the phrase (they never are: a gap must reach an agent).
        let (last, plural) = *np.agents.last().expect("non-empty");
        let class = self.kb.agents[last as usize].class;
        if !plural && class != AgentClass::Group {
            if let Some(end) = self.name_at(items, units, q, headline) {
                np.name = Some((q, end));
                q = end;
            }
        }
        np.i1 = q;
        Some(np)
    }

    /// A name starting at item `i`: a person entry, a surname, an unknown capitalised run, or a
    /// surname of a document entity. Returns the item index after it.
    fn name_at(&self, items: &[Item], units: &[Unit], i: usize, headline: bool) -> Option<usize> {
        match items.get(i)? {
            Item::M { senses, .. } => {
                if senses.iter().any(|s| match s {
                    Sense::Entry(e) => self.entry(*e).kind == ActorKind::Person,
                    Sense::Surname(_) => true,
                    _ => false,
                }) {
                    Some(i + 1)
                } else {
                    None
                }
            }
            Item::W { .. } => {
                let end = self.unknown_run(items, units, i, headline);
                (end > i).then_some(end)
            }
        }
    }

    /// The end of a run of unknown capitalised units starting at item `i` (== `i` if none).
    fn unknown_run(&self, items: &[Item], units: &[Unit], i: usize, headline: bool) -> usize {
        let mut k = i;
        let mut last_name = i;
        loop {
            let u = match items.get(k) {
                Some(Item::W { u }) => *u,
                // A known surname inside an unknown full name ("Maria Schmidt").
                Some(Item::M { u0, u1, senses })
                    if k > i && u1 - u0 == 1 && senses.iter().all(|s| matches!(s, Sense::Surname(_))) =>
                {
                    *u0
                }
                _ => break,
            };
            let unit = &units[u];
            let key = self.key(unit);
            let looks = match unit.propn {
                Some(p) => p || (k == i && key == "the" && unit.cap),
                None => unit.cap && unit.alpha && !(headline),
            };
            if looks && !NOT_NAMES.contains(&key) && k - i < 6 {
                k += 1;
                last_name = k;
                continue;
            }
            // Lower-case particles inside a name: "Osama bin Laden".
            if k > i && !unit.cap && is_particle(key) && key != "and" && key != "'s" {
                if let Some(nu) = items.get(k + 1).map(|it| it.u0()) {
                    if units[nu].cap {
                        k += 1;
                        continue;
                    }
                }
            }
            break;
        }
        // A lone leading "The" is not a name.
        if last_name == i + 1 {
            if let Item::W { u } = &items[i] {
                if self.key(&units[*u]) == "the" {
                    return i;
                }
            }
        }
        last_name
    }

    fn span_of(&self, items: &[Item], units: &[Unit], i0: usize, i1: usize) -> (Span, Range<usize>) {
        let a = &units[items[i0].u0()];
        let b = &units[items[i1 - 1].u1() - 1];
        (a.span.cover(b.span), a.t0..b.t1)
    }

    fn text(&self, items: &[Item], units: &[Unit], i0: usize, i1: usize) -> String {
        let (s, _) = self.span_of(items, units, i0, i1);
        self.doc.slice(s).to_string()
    }

    fn determiner(&self, items: &[Item], units: &[Unit], i: usize) -> Option<&str> {
        let prev = i.checked_sub(1)?;
        let k = self.word_key(items, units, prev)?;
        matches!(k, "the" | "a" | "an" | "this" | "that" | "its" | "their" | "his" | "her").then_some(k)
    }

    fn emit_np(&mut self, si: usize, items: &[Item], units: &[Unit], np: Np) {
        let (span, tokens) = self.span_of(items, units, np.i0, np.i1);
        let (agent, plural) = *np.agents.last().expect("noun phrase has an agent");
        let ag = &self.kb.agents[agent as usize];
        let sector = ag.sector.clone();
        let class = if plural { AgentClass::Group } else { ag.class };
        let det = self.determiner(items, units, np.i0).map(str::to_string);
        let title_code = match (&np.org_code, &np.country) {
            (Some(org), _) => Some(org.clone()),
            (None, Some(c)) => Some(format!("{c}{sector}")),
            _ => None,
        };
        let mut m = Mention {
            span,
            tokens,
            sentence: si,
            kind: match class {
                AgentClass::Person => ActorKind::Person,
                AgentClass::Group => ActorKind::Group,
                AgentClass::Org => ActorKind::Organisation,
            },
            code: title_code.clone(),
            country: np.country.clone(),
            sector: Some(sector.clone()),
            entity: None,
            entity_id: None,
            entry: None,
            role: None,
            rule: "title",
            date_assumed: self.date_assumed,
        };
        if let Some((n0, n1)) = np.name {
            let cand = self.name_candidates(items, n0);
            let last_key = self.key(&units[items[n1 - 1].u1() - 1]).to_string();
            match self.pick_person(&cand, Some(&last_key), np.country.as_deref(), Some(&sector)) {
                Some(Pick::Kb(e)) => {
                    let en = self.entry(e);
                    let res = self.kb.resolve(en, self.date);
                    m.kind = ActorKind::Person;
                    if res.rule != CodeRule::None {
                        m.code = res.code.clone();
                        m.role = res.role.clone();
                    }
                    self.set_code_parts(&mut m);
                    m.entity = Some(en.name().to_string());
                    m.entity_id = Some(en.id.clone());
                    m.entry = Some(en.id.clone());
                    m.rule = "title+name";
                }
                Some(Pick::Doc(d)) => {
                    let de = self.ents[d].clone();
                    m.kind = de.kind;
                    m.code = de.code.clone().or(m.code);
                    self.set_code_parts(&mut m);
                    m.entity = Some(de.name.clone());
                    m.entity_id = Some(de.id.clone());
                    m.entry = de.entry.clone();
                    m.rule = "title+name-coref";
                }
                None => {
                    // A name the knowledge base does not know: no code, but the country and sector
                    // the sentence gives it.
                    let name = self.text(items, units, n0, n1);
                    m.code = None;
                    m.entity_id = Some(format!("doc:{}", slug(&name)));
                    m.entity = Some(name);
                    m.rule = "title+unknown-name";
                    if np.org_code.is_some() {
                        m.country = np.org_code.as_deref().and_then(|c| split_code(c).0);
                    }
                }
            }
        } else if class == AgentClass::Person {
            // A title alone: "the Pakistani prime minister" is whoever held the office that day
            // (not for "a Pakistani prime minister", which is anyone).
            let definite = !matches!(det.as_deref(), Some("a" | "an"));
            if let Some(c) = np.country.clone() {
                if definite {
                    if let Some(h) = self.kb.holder(&c, agent, self.date) {
                        let en = self.entry(h);
                        m.entity = Some(en.name().to_string());
                        m.entity_id = Some(en.id.clone());
                        m.entry = Some(en.id.clone());
                        m.role = self.kb.resolve(en, self.date).role;
                        m.rule = "title+holder";
                    } else {
                        m.entity = Some(format!("{} {}", self.entry_country_adj(&c), ag.words[0]));
                        m.entity_id = Some(format!("doc:{c}:{}", slug(&ag.words[0])));
                    }
                }
            } else if definite && np.org_code.is_none() {
                // "the prime minister": the last person in the document holding that office.
                if let Some(d) = self.coref_office(agent, &sector, si) {
                    let de = self.ents[d].clone();
                    m.code = de.code.clone();
                    m.country = de.country.clone();
                    m.entity = Some(de.name.clone());
                    m.entity_id = Some(de.id.clone());
                    m.entry = de.entry.clone();
                    m.role = de.role.clone();
                    m.rule = "title-coref";
                } else {
                    m.rule = "agent";
                }
            }
        } else if np.country.is_none() && np.org_code.is_none() {
            m.rule = "agent";
        }
        if m.kind == ActorKind::Person && m.entity_id.is_some() {
            self.register(&m, Some(agent));
        }
        self.out.push(m);
    }

    fn entry_country_adj(&self, c: &str) -> String {
        self.kb.country(c).map(|e| e.name().to_string()).unwrap_or_else(|| c.to_string())
    }

    fn set_code_parts(&self, m: &mut Mention) {
        if let Some(c) = &m.code {
            let (country, sector) = split_code(c);
            m.country = country.or(m.country.take());
            m.sector = sector.or(m.sector.take());
        }
    }

    /// Person candidates for the name at item `i`.
    fn name_candidates(&self, items: &[Item], i: usize) -> Vec<Cand> {
        let mut out = Vec::new();
        match &items[i] {
            Item::M { senses, u0, u1 } => {
                for s in senses {
                    match s {
                        Sense::Entry(e) if self.entry(*e).kind == ActorKind::Person => out.push(Cand::Full(*e)),
                        Sense::Surname(e) => out.push(Cand::Surname(*e)),
                        _ => {}
                    }
                }
                if u1 - u0 == 1 {
                    out.push(Cand::Key);
                }
            }
            Item::W { .. } => out.push(Cand::Key),
        }
        out
    }

    fn pick_person(&self, cands: &[Cand], key: Option<&str>, country: Option<&str>, sector: Option<&str>) -> Option<Pick> {
        let full: Vec<u32> = cands.iter().filter_map(|c| if let Cand::Full(e) = c { Some(*e) } else { None }).collect();
        if !full.is_empty() {
            return Some(Pick::Kb(self.best_entry(&full, country, sector, false).unwrap_or(full[0])));
        }
        // A surname: the document's own entities first, then the knowledge base.
        let sur: Vec<u32> = cands.iter().filter_map(|c| if let Cand::Surname(e) = c { Some(*e) } else { None }).collect();
        if let Some(k) = key {
            if let Some(d) = self.ents.iter().rposition(|d| d.surname.as_deref() == Some(k)) {
                return Some(Pick::Doc(d));
            }
        }
        if !sur.is_empty() {
            return self.best_entry(&sur, country, sector, true).map(Pick::Kb);
        }
        None
    }

    /// Among person entries, the one whose role on the date fits the country and sector given; for
    /// a bare surname only an unambiguous one.
    fn best_entry(&self, es: &[u32], country: Option<&str>, sector: Option<&str>, strict: bool) -> Option<u32> {
        let scored: Vec<(u32, u32)> = es
            .iter()
            .map(|&e| {
                let en = self.entry(e);
                let res = self.kb.resolve(en, self.date);
                let code = res.code.unwrap_or_default();
                let mut score = 0;
                if res.rule == CodeRule::Dated || res.rule == CodeRule::Undated {
                    score += 4;
                }
                if country.is_some_and(|c| code.starts_with(c) || en.country.as_deref() == Some(c)) {
                    score += 2;
                }
                if sector.is_some_and(|s| code.len() > 3 && code[3..].starts_with(s)) {
                    score += 1;
                }
                // Between namesakes of one person in several countries (a president who is also a
                // co-prince), the role an agent word names (president, prime minister) counts.
                if res.role.as_deref().is_some_and(|r| self.kb.office_agent(r).is_some()) {
                    score += 1;
                }
                (e, score)
            })
            .collect();
        let best = scored.iter().map(|x| x.1).max()?;
        let top: Vec<u32> = scored.iter().filter(|x| x.1 == best).map(|x| x.0).collect();
        // A bare surname needs one clear candidate who holds a role on the date.
        if strict && (top.len() != 1 || best < 4) {
            return None;
        }
        top.first().copied()
    }

    fn coref_office(&self, agent: u32, sector: &str, si: usize) -> Option<usize> {
        self.ents.iter().rposition(|d| {
            d.kind == ActorKind::Person
                && si.saturating_sub(d.last_sentence) <= 6
                && (d.office == Some(agent) || (d.office.is_none() && d.sector.as_deref() == Some(sector) && d.code.is_some()))
        })
    }

    fn register(&mut self, m: &Mention, agent: Option<u32>) {
        let Some(id) = m.entity_id.clone() else { return };
        let name = m.entity.clone().unwrap_or_default();
        let surname = if id.starts_with("doc:") && id.matches(':').count() == 2 {
            None // an unnamed office ("doc:PAK:prime-minister")
        } else {
            name.split_whitespace().last().map(|w| crate::norm::key(w))
        };
        let office = m.role.as_deref().and_then(|r| self.kb.office_agent(r)).or(agent.filter(|&a| {
            self.kb.agents[a as usize].class == AgentClass::Person && m.entity_id.as_deref().is_some_and(|i| i.starts_with("doc:"))
        }));
        if let Some(d) = self.ents.iter().position(|d| d.id == id) {
            self.ents[d].last_sentence = m.sentence;
            if m.code.is_some() {
                self.ents[d].code = m.code.clone();
            }
            self.seen.push((m.sentence, m.span.start, d));
            return;
        }
        self.seen.push((m.sentence, m.span.start, self.ents.len()));
        self.ents.push(DocEntity {
            id,
            name,
            surname,
            kind: m.kind,
            code: m.code.clone(),
            country: m.country.clone(),
            sector: m.sector.clone(),
            entry: m.entry.clone(),
            role: m.role.clone(),
            office,
            last_sentence: m.sentence,
        });
    }

    /// Resolves the item at `i` alone; returns the next item index.
    fn single(&mut self, si: usize, items: &[Item], units: &[Unit], i: usize, headline: bool) -> usize {
        match &items[i] {
            Item::M { senses, .. } => {
                let senses = senses.clone();
                self.single_match(si, items, units, i, &senses);
                i + 1
            }
            Item::W { u } => {
                let key = self.key(&units[*u]).to_string();
                if matches!(key.as_str(), "he" | "him" | "his" | "she" | "her") {
                    self.pronoun(si, items, units, i);
                    return i + 1;
                }
                let end = self.unknown_run(items, units, i, headline);
                if end > i {
                    self.unknown_name(si, items, units, i, end);
                    return end;
                }
                i + 1
            }
        }
    }

    fn single_match(&mut self, si: usize, items: &[Item], units: &[Unit], i: usize, senses: &[Sense]) {
        let (span, tokens) = self.span_of(items, units, i, i + 1);
        let base = Mention {
            span,
            tokens,
            sentence: si,
            kind: ActorKind::Country,
            code: None,
            country: None,
            sector: None,
            entity: None,
            entity_id: None,
            entry: None,
            role: None,
            rule: "name",
            date_assumed: self.date_assumed,
        };
        let pick = |k: &[ActorKind]| self.find_entry(senses, |e| k.contains(&e.kind));
        let persons: Vec<u32> = senses
            .iter()
            .filter_map(|s| match s {
                Sense::Entry(e) if self.entry(*e).kind == ActorKind::Person => Some(*e),
                _ => None,
            })
            .collect();
        let chosen = pick(&[ActorKind::Country])
            .or_else(|| pick(&[ActorKind::Organisation, ActorKind::Group]))
            .or_else(|| pick(&[ActorKind::City]))
            .or_else(|| self.best_entry(&persons, None, None, false))
            .or_else(|| pick(&[ActorKind::Region]));
        if let Some(e) = chosen {
            let en = self.entry(e);
            let res = self.kb.resolve(en, self.date);
            let mut m = Mention {
                kind: en.kind,
                code: res.code.clone(),
                role: res.role.clone(),
                entity: Some(en.name().to_string()),
                entity_id: Some(en.id.clone()),
                entry: Some(en.id.clone()),
                ..base
            };
            if en.kind == ActorKind::City && en.capital && self.acts(items, units, i) {
                m.kind = ActorKind::Organisation;
                m.code = en.country.as_ref().map(|c| format!("{c}GOV"));
                m.rule = "capital-as-government";
            } else if en.kind == ActorKind::City {
                m.rule = "place";
            }
            self.set_code_parts(&mut m);
            if en.kind == ActorKind::Person {
                self.register(&m, None);
            }
            self.out.push(m);
            return;
        }
        if let Some(c) = senses.iter().find_map(|s| if let Sense::People(c) = s { Some(*c) } else { None }) {
            let en = self.entry(c);
            let mut m = Mention {
                kind: ActorKind::Group,
                code: en.country.clone(),
                entity: Some(en.name().to_string()),
                entity_id: Some(en.id.clone()),
                entry: Some(en.id.clone()),
                rule: "people",
                ..base
            };
            self.set_code_parts(&mut m);
            self.out.push(m);
            return;
        }
        let sur: Vec<Cand> = senses.iter().filter_map(|s| if let Sense::Surname(e) = s { Some(Cand::Surname(*e)) } else { None }).collect();
        if !sur.is_empty() {
            let key = self.key(&units[items[i].u1() - 1]).to_string();
            let pick = self.pick_person(&sur, Some(&key), None, None);
            let mut m = Mention { kind: ActorKind::Person, ..base };
            match pick {
                Some(Pick::Kb(e)) => {
                    let en = self.entry(e);
                    let res = self.kb.resolve(en, self.date);
                    m.code = res.code;
                    m.role = res.role;
                    m.entity = Some(en.name().to_string());
                    m.entity_id = Some(en.id.clone());
                    m.entry = Some(en.id.clone());
                    m.rule = "surname";
                }
                Some(Pick::Doc(d)) => {
                    let de = self.ents[d].clone();
                    m.code = de.code;
                    m.country = de.country;
                    m.sector = de.sector;
                    m.role = de.role;
                    m.entity = Some(de.name);
                    m.entity_id = Some(de.id);
                    m.entry = de.entry;
                    m.rule = "surname-coref";
                }
                None => return, // an ambiguous surname with no context: not enough to name anyone
            }
            self.set_code_parts(&mut m);
            self.register(&m, None);
            self.out.push(m);
        }
        // Adjectives and agents alone are not actors ("Pakistani soil"); agents are handled by
        // `noun_phrase`.
    }

    /// Does the capital at item `i` act (government) rather than locate (place)?
    fn acts(&self, items: &[Item], units: &[Unit], i: usize) -> bool {
        let doc = self.doc;
        let last_tok = units[items[i].u1() - 1].t1 - 1;
        if doc.syntax.len() == doc.tokens.len() {
            let (mut t, mut rel) = (last_tok, doc.syntax[last_tok].deprel);
            // Coordinated capitals share the first conjunct's role.
            let mut hops = 0;
            while rel == "conj" && hops < 4 {
                let Some(h) = doc.syntax[t].head else { break };
                t = h;
                rel = doc.syntax[t].deprel;
                hops += 1;
            }
            let base = rel.split(':').next().unwrap_or(rel);
            match base {
                "nsubj" | "obj" | "iobj" | "csubj" | "appos" | "vocative" | "dislocated" | "root" => return true,
                "compound" => return false,
                "nmod" | "obl" => {
                    if rel == "nmod:poss" {
                        return true;
                    }
                    let case = (0..doc.tokens.len())
                        .find(|&c| doc.syntax[c].head == Some(t) && doc.syntax[c].deprel == "case")
                        .map(|c| doc.syntax[c].lemma.to_lowercase());
                    if let Some(case) = case {
                        if case == "from" {
                            let head_noun = doc.syntax[t].head.is_some_and(|h| doc.syntax[h].upos == "NOUN");
                            return head_noun;
                        }
                        if case == "'s" || case == "’s" {
                            return true;
                        }
                        return !LOCATIVE.contains(&case.as_str());
                    }
                }
                _ => {}
            }
        }
        // Without syntax: a locative preposition before the capital (or before the first of a
        // coordinated list of places) makes it a place; a possessive after it makes it act.
        if self.word_key(items, units, i + 1) == Some("'s") {
            return true;
        }
        let mut k = i;
        while k > 0 {
            k -= 1;
            match &items[k] {
                Item::W { u } => {
                    let key = self.key(&units[*u]);
                    if matches!(key, "and" | "or" | ",") {
                        continue;
                    }
                    if key == "from" {
                        let motion = (k.saturating_sub(3)..k).any(|j| {
                            self.word_key(items, units, j).is_some_and(|w| MOTION.contains(&w))
                        });
                        return !motion;
                    }
                    return !LOCATIVE.contains(&key);
                }
                Item::M { senses, .. } => {
                    let place = senses.iter().any(|s| matches!(s, Sense::Entry(e) if matches!(self.entry(*e).kind, ActorKind::City | ActorKind::Country)));
                    if !place {
                        return true;
                    }
                }
            }
        }
        true
    }

    /// `he`/`his`/`she`/`her`: the first person mentioned earlier in the same sentence (usually its
    /// subject), else the first person of the closest of the two sentences before.
    fn pronoun(&mut self, si: usize, items: &[Item], units: &[Unit], i: usize) {
        let (span, tokens) = self.span_of(items, units, i, i + 1);
        let person = |&&(s, start, d): &&(usize, usize, usize)| {
            self.ents[d].kind == ActorKind::Person && (s < si || start < span.start)
        };
        // `seen` is in document order: walk back over the last three sentences only, keeping the
        // first mention of the closest sentence that has one.
        let mut pick: Option<(usize, usize)> = None;
        for x in self.seen.iter().rev().take_while(|x| x.0 + 2 >= si).filter(person) {
            match pick {
                Some((s, _)) if x.0 < s => break,
                _ => pick = Some((x.0, x.2)),
            }
        }
        let pick = pick.map(|p| p.1);
        let Some(d) = pick else { return };
        let de = self.ents[d].clone();
        let m = Mention {
            span,
            tokens,
            sentence: si,
            kind: ActorKind::Person,
            code: de.code,
            country: de.country,
            sector: de.sector,
            entity: Some(de.name),
            entity_id: Some(de.id),
            entry: de.entry,
            role: de.role,
            rule: "coref-pronoun",
            date_assumed: self.date_assumed,
        };
        self.register(&m, None);
        self.out.push(m);
    }

    /// An unknown capitalised run with no title: a person when it repeats a known entity's surname,
    /// follows an honorific, is followed by a speech verb, or follows "according to".
    fn unknown_name(&mut self, si: usize, items: &[Item], units: &[Unit], i0: usize, i1: usize) {
        let name = self.text(items, units, i0, i1);
        let last_key = self.key(&units[items[i1 - 1].u0()]).to_string();
        let (span, tokens) = self.span_of(items, units, i0, i1);
        let mut m = Mention {
            span,
            tokens,
            sentence: si,
            kind: ActorKind::Person,
            code: None,
            country: None,
            sector: None,
            entity: None,
            entity_id: None,
            entry: None,
            role: None,
            rule: "surname-coref",
            date_assumed: self.date_assumed,
        };
        let known = self.ents.iter().rposition(|d| d.surname.as_deref() == Some(last_key.as_str()) && d.kind == ActorKind::Person);
        if let Some(d) = known {
            let de = self.ents[d].clone();
            m.code = de.code;
            m.country = de.country;
            m.sector = de.sector;
            m.role = de.role;
            m.entity = Some(de.name);
            m.entity_id = Some(de.id.clone());
            m.entry = de.entry;
            self.register(&m, None);
            self.out.push(m);
            return;
        }
        let prev = i0.checked_sub(1).and_then(|p| self.word_key(items, units, p));
        let prev2 = i0.checked_sub(2).and_then(|p| self.word_key(items, units, p));
        let next = self.word_key(items, units, i1);
        let multi = i1 - i0 >= 2;
        let rule = if prev.is_some_and(|p| HONORIFICS.contains(&p)) {
            "honorific+name"
        } else if multi && next.is_some_and(|n| SPEECH.contains(&n)) {
            "name+speech-verb"
        } else if multi && prev == Some("to") && prev2 == Some("according") {
            "according-to+name"
        } else {
            return;
        };
        m.rule = rule;
        m.entity_id = Some(format!("doc:{}", slug(&name)));
        m.entity = Some(name);
        self.register(&m, None);
        self.out.push(m);
    }
}

enum Cand {
    Full(u32),
    Surname(u32),
    /// An unknown word: only a document entity's surname can resolve it.
    Key,
}

enum Pick {
    Kb(u32),
    Doc(usize),
}

fn case_ok(req: &[CaseReq], units: &[Unit], headline: bool) -> bool {
    req.iter().zip(units).all(|(r, u)| match r {
        CaseReq::Any => true,
        CaseReq::Capital => u.cap || headline,
        CaseReq::Upper => u.upper,
    })
}
