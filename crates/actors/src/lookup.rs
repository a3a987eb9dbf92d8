//! `dragoman actors lookup NAME --date D`: every reading of a name, with its roles and the code on
//! that date.

use std::fmt;

use chrono::NaiveDate;
use dragoman_doc::ActorKind;

use crate::kb::{AgentClass, CodeRule, DatedCode};
use crate::norm::{key, name_units};
use crate::trie::Sense;
use crate::KnowledgeBase;

/// How a looked-up name was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// The name of an entry.
    Name,
    /// A country adjective (`Pakistani`).
    Adjective,
    /// The people of a country (`Pakistanis`).
    People,
    /// An agent/role word (`prime minister`).
    Agent,
    /// A person's last name alone (`Khan`); needs context in running text.
    Surname,
}

/// One reading of a looked-up name.
#[derive(Debug, Clone, PartialEq)]
pub struct LookupResult {
    /// Entry id, or `agent:<canonical word>` for agent words.
    pub id: String,
    pub reading: Reading,
    /// `None` for agent words.
    pub kind: Option<ActorKind>,
    pub name: String,
    /// The code on the date (for agents: the sector alone).
    pub code: Option<String>,
    pub country: Option<String>,
    pub sector: Option<String>,
    /// The office held on the date, if the code came from a role.
    pub role: Option<String>,
    pub rule: CodeRule,
    /// All dated codes / roles of the entry.
    pub roles: Vec<DatedCode>,
    pub date: NaiveDate,
    /// True when no date was given and today's was used.
    pub date_assumed: bool,
    /// `file:line` of the entry or agent word.
    pub source: String,
}

pub(crate) fn split_code(code: &str) -> (Option<String>, Option<String>) {
    if code.len() < 3 || !code.is_char_boundary(3) {
        return (None, None);
    }
    let (c, s) = code.split_at(3);
    (Some(c.to_string()), (!s.is_empty()).then(|| s.to_string()))
}

impl KnowledgeBase {
    /// Every reading of `name` (matched whole, case-insensitively) and its code on `date`
    /// (today's date, flagged `date_assumed`, when `None`). Readings from a later layer (a
    /// `--actors FILE`) hide same-named readings from earlier ones.
    pub fn lookup(&self, name: &str, date: Option<NaiveDate>) -> Vec<LookupResult> {
        let (date, date_assumed) = match date {
            Some(d) => (d, false),
            None => (crate::date::today(), true),
        };
        let keys: Vec<String> = name_units(name).iter().map(|u| key(u)).collect();
        // Names are stored without a leading lower-case "the"; accept it in the query.
        let node = self.trie.walk(&keys).or_else(|| match keys.split_first() {
            Some((the, rest)) if the == "the" && !rest.is_empty() => self.trie.walk(rest),
            _ => None,
        });
        let Some(node) = node else { return Vec::new() };
        let payloads = self.trie.at(node);
        let top = payloads.iter().map(|&p| self.trie.payloads[p as usize].layer).max().unwrap_or(0);
        let mut out = Vec::new();
        for &p in payloads {
            let p = &self.trie.payloads[p as usize];
            if p.layer != top {
                continue;
            }
            let r = match p.sense {
                Sense::Entry(e) | Sense::Surname(e) | Sense::Adjective(e) | Sense::People(e) => {
                    let e = &self.entries[e as usize];
                    let res = self.resolve(e, date);
                    let (country, sector) = res.code.as_deref().map(split_code).unwrap_or((None, None));
                    let reading = match p.sense {
                        Sense::Entry(_) => Reading::Name,
                        Sense::Surname(_) => Reading::Surname,
                        Sense::Adjective(_) => Reading::Adjective,
                        _ => Reading::People,
                    };
                    let kind = match reading {
                        Reading::People => ActorKind::Group,
                        _ => e.kind,
                    };
                    LookupResult {
                        id: e.id.clone(),
                        reading,
                        kind: Some(kind),
                        name: e.name().to_string(),
                        code: res.code,
                        country: country.or_else(|| e.country.clone()),
                        sector,
                        role: res.role,
                        rule: res.rule,
                        roles: e.codes.clone(),
                        date,
                        date_assumed,
                        source: e.source.clone(),
                    }
                }
                Sense::Agent(a, plural) => {
                    let ag = &self.agents[a as usize];
                    let class = if plural { AgentClass::Group } else { ag.class };
                    LookupResult {
                        id: format!("agent:{}", ag.words[0].to_lowercase()),
                        reading: Reading::Agent,
                        kind: Some(match class {
                            AgentClass::Person => ActorKind::Person,
                            AgentClass::Group => ActorKind::Group,
                            AgentClass::Org => ActorKind::Organisation,
                        }),
                        name: ag.words[0].clone(),
                        code: Some(ag.sector.clone()),
                        country: None,
                        sector: Some(ag.sector.clone()),
                        role: None,
                        rule: CodeRule::Undated,
                        roles: Vec::new(),
                        date,
                        date_assumed,
                        source: ag.source.clone(),
                    }
                }
            };
            if !out.iter().any(|o: &LookupResult| o.id == r.id && o.reading == r.reading) {
                out.push(r);
            }
        }
        out
    }
}

impl fmt::Display for LookupResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = self.kind.map(|k| format!("{k:?}").to_lowercase()).unwrap_or_default();
        writeln!(f, "{}  [{}]  {} ({:?} reading)  from {}", self.name, self.id, kind, self.reading, self.source)?;
        let assumed = if self.date_assumed { " (no date given: today)" } else { "" };
        let code = self.code.as_deref().unwrap_or("-");
        match &self.role {
            Some(r) => writeln!(f, "  on {}{assumed}: {code}  ({r}; {:?})", self.date, self.rule)?,
            None => writeln!(f, "  on {}{assumed}: {code}  ({:?})", self.date, self.rule)?,
        }
        for c in &self.roles {
            let from = c.start.map(|d| d.to_string()).unwrap_or_else(|| "…".into());
            let to = c.end.map(|d| d.to_string()).unwrap_or_else(|| "…".into());
            let role = c.role.as_deref().unwrap_or("");
            let mark = if c.is_dated() && c.covers(self.date) { "*" } else { " " };
            if c.is_dated() {
                writeln!(f, "  {mark} {:<12} {from} – {to}  {role}  ({})", c.code, c.source)?;
            } else {
                writeln!(f, "  {mark} {:<12} undated  {role}  ({})", c.code, c.source)?;
            }
        }
        Ok(())
    }
}

/// All readings of a lookup as the CLI prints them.
pub fn report(name: &str, results: &[LookupResult]) -> String {
    if results.is_empty() {
        return format!("{name}: not in the knowledge base\n");
    }
    let mut s = String::new();
    for r in results {
        s.push_str(&r.to_string());
    }
    s
}
