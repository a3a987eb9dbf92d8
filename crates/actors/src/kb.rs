//! The knowledge base: entries, agents, the builder that loads the data files, and dated codes.

use std::fmt;
use std::path::Path;

use chrono::NaiveDate;
use dragoman_doc::ActorKind;

use crate::date::{parse_iso, Bound};
use crate::norm::{case_req, key, name_units, slug, CaseReq, FxMap};
use crate::trie::{Payload, Sense, Trie};
use crate::ActorError;

/// A code valid from `start` to `end` (inclusive; `None` = open). A person's codes are their roles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedCode {
    /// CAMEO-style code: country (3 letters) + sector(s), e.g. `PAKGOV`, `IGOUNO`, `RUS`.
    pub code: String,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    /// The office, for roles from the leaders tables (`Prime Minister`).
    pub role: Option<String>,
    /// `file:line` the code came from.
    pub source: String,
}

impl DatedCode {
    pub fn is_dated(&self) -> bool {
        self.start.is_some() || self.end.is_some()
    }

    pub fn covers(&self, d: NaiveDate) -> bool {
        self.start.is_none_or(|s| s <= d) && self.end.is_none_or(|e| d <= e)
    }
}

/// One actor the knowledge base knows: a person, country, city, region, organisation or group.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Stable id: `country:PAK`, `city:RUS:moscow`, `region:PAK:balochistan`, `org:imf`,
    /// `person:PAK:imran-khan`, `petrarch:<file>:<slug>`.
    pub id: String,
    pub kind: ActorKind,
    /// Canonical name first, then aliases.
    pub names: Vec<String>,
    pub codes: Vec<DatedCode>,
    /// The country a place lies in or a person serves (first three letters of the main code).
    pub country: Option<String>,
    /// True for the capital (seat of government) of `country`.
    pub capital: bool,
    /// `file:line` of the entry's first line.
    pub source: String,
}

impl Entry {
    pub fn name(&self) -> &str {
        self.names.first().map(String::as_str).unwrap_or("")
    }
}

/// How an agent word refers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgentClass {
    /// One person (`president`, `analyst`); may stand before a name.
    Person,
    /// A plural or collective (`troops`, `protesters`).
    Group,
    /// An institution (`ministry`, `newspaper`); may stand before a name.
    Org,
}

/// A role or agent word with its CAMEO sector.
#[derive(Debug, Clone)]
pub struct Agent {
    /// Canonical form first (`prime minister`), then aliases (`premier`, `PM`).
    pub words: Vec<String>,
    pub sector: String,
    pub class: AgentClass,
    pub source: String,
}

/// Where the result of a code resolution came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeRule {
    /// A dated code or role covers the date.
    Dated,
    /// The entry's undated code (no dated one covers the date).
    Undated,
    /// A person after their last role: country + `ELI` (CAMEO's code for former officials).
    Former,
    /// A person before their first role: country only.
    Before,
    /// Nothing applies.
    None,
}

/// The code of an entry on a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub code: Option<String>,
    pub role: Option<String>,
    pub rule: CodeRule,
}

/// Counts of what a knowledge base holds, per kind and source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KbStats {
    pub persons: usize,
    pub countries: usize,
    pub cities: usize,
    pub regions: usize,
    pub organisations: usize,
    pub groups: usize,
    /// Of `organisations`, those with an `IGO` code.
    pub igos: usize,
    pub agent_lines: usize,
    pub agent_words: usize,
    pub adjectives: usize,
    pub dated_roles: usize,
    pub names: usize,
}

impl fmt::Display for KbStats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "persons {} (dated roles {}), countries {}, cities {}, regions {}, organisations {} (IGO {}), groups {}, \
             agents {} lines / {} words, country adjectives {}, names in matcher {}",
            self.persons,
            self.dated_roles,
            self.countries,
            self.cities,
            self.regions,
            self.organisations,
            self.igos,
            self.groups,
            self.agent_lines,
            self.agent_words,
            self.adjectives,
            self.names
        )
    }
}

/// The compiled, immutable knowledge base (`Send + Sync`; share one per process).
pub struct KnowledgeBase {
    pub(crate) entries: Vec<Entry>,
    pub(crate) agents: Vec<Agent>,
    pub(crate) trie: Trie,
    /// `(country, agent) -> [(person entry, code index)]`: who held the office an agent word names.
    pub(crate) holders: FxMap<(String, u32), Vec<(u32, u32)>>,
    /// Agent word key -> agent, for mapping office titles to agents.
    pub(crate) agent_of: FxMap<String, u32>,
    pub(crate) by_code: FxMap<String, u32>,
    /// One-word country adjective key (`greek`) -> country entry; adjectives of two countries
    /// are left out.
    pub(crate) adjective_of: FxMap<String, u32>,
    pub(crate) stats: KbStats,
}

impl fmt::Debug for KnowledgeBase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KnowledgeBase({})", self.stats)
    }
}

impl KnowledgeBase {
    pub fn stats(&self) -> &KbStats {
        &self.stats
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn agents(&self) -> &[Agent] {
        &self.agents
    }

    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// The country a one-word country adjective names, written capitalised as in running text
    /// (`Greek` -> Greece; `greek` -> none). Adjectives shared by two countries name neither.
    pub fn country_adjective(&self, word: &str) -> Option<&Entry> {
        if !word.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        self.adjective_of.get(&key(word)).map(|&i| &self.entries[i as usize])
    }

    /// The country entry with this code (`PAK`).
    pub fn country(&self, code: &str) -> Option<&Entry> {
        self.by_code.get(code).map(|&i| &self.entries[i as usize])
    }

    /// The code of `entry` on `date`: the dated code covering it (latest start wins), else the
    /// undated code, else for a person `country + ELI` after their last role or the bare country
    /// before their first.
    pub fn resolve(&self, entry: &Entry, date: NaiveDate) -> Resolved {
        resolve_codes(&entry.codes, entry.kind, date)
    }

    /// The agent word that names an office title (`Acting President` -> `president`).
    pub(crate) fn office_agent(&self, role: &str) -> Option<u32> {
        office_keys(role).iter().find_map(|k| self.agent_of.get(k).copied())
    }

    /// Who held the office named by `agent` in `country` on `date` (the latest start if several).
    pub(crate) fn holder(&self, country: &str, agent: u32, date: NaiveDate) -> Option<u32> {
        let list = self.holders.get(&(country.to_string(), agent))?;
        list.iter()
            .filter(|&&(e, c)| self.entries[e as usize].codes[c as usize].covers(date))
            .max_by_key(|&&(e, c)| self.entries[e as usize].codes[c as usize].start)
            .map(|&(e, _)| e)
    }
}

pub(crate) fn resolve_codes(codes: &[DatedCode], kind: ActorKind, date: NaiveDate) -> Resolved {
    let covering = codes.iter().filter(|c| c.is_dated() && c.covers(date)).max_by_key(|c| c.start);
    if let Some(c) = covering {
        return Resolved { code: Some(c.code.clone()), role: c.role.clone(), rule: CodeRule::Dated };
    }
    if let Some(c) = codes.iter().find(|c| !c.is_dated()) {
        return Resolved { code: Some(c.code.clone()), role: c.role.clone(), rule: CodeRule::Undated };
    }
    let dated: Vec<&DatedCode> = codes.iter().filter(|c| c.is_dated()).collect();
    if dated.is_empty() {
        return Resolved { code: None, role: None, rule: CodeRule::None };
    }
    let last_before = dated.iter().filter(|c| c.end.is_some_and(|e| e < date)).max_by_key(|c| c.end);
    if kind == ActorKind::Person {
        if let Some(c) = last_before {
            let country: String = c.code.chars().take(3).collect();
            return Resolved { code: Some(format!("{country}ELI")), role: c.role.clone(), rule: CodeRule::Former };
        }
        let first = dated.iter().min_by_key(|c| c.start).map(|c| c.code.chars().take(3).collect::<String>());
        return Resolved { code: first, role: None, rule: CodeRule::Before };
    }
    // An organisation outside every range keeps the nearest range's code.
    let nearest = last_before.or_else(|| dated.iter().min_by_key(|c| c.start));
    Resolved { code: nearest.map(|c| c.code.clone()), role: None, rule: CodeRule::Former }
}

/// A name waiting to be compiled into the matcher.
struct PendingName {
    keys: Vec<String>,
    payload: Payload,
}

/// Loads data into a knowledge base. Methods take and return the builder so calls chain:
///
/// ```
/// let kb = dragoman_actors::KnowledgeBase::builder()
///     .embedded_data()?
///     .add_leaders("extra.tsv", "Jane Roe\tPAK\tGOV\tFinance Minister\t2030-01-01\t")?
///     .build()?;
/// assert!(!kb.lookup("Jane Roe", chrono::NaiveDate::from_ymd_opt(2031, 1, 1)).is_empty());
/// # Ok::<(), dragoman_actors::ActorError>(())
/// ```
pub struct KbBuilder {
    entries: Vec<Entry>,
    agents: Vec<Agent>,
    names: Vec<PendingName>,
    persons: FxMap<(String, String), u32>,
    ids: FxMap<String, u32>,
    pub(crate) layer: u16,
}

impl Default for KbBuilder {
    fn default() -> Self {
        Self::new()
    }
}

/// Splits a `;` list, trimming and dropping empty items.
fn list(s: &str) -> impl Iterator<Item = &str> {
    s.split(';').map(str::trim).filter(|x| !x.is_empty())
}

/// Data lines: not blank, not a `#` comment. Yields `(1-based line number, line)`.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

fn sector_ok(s: &str) -> bool {
    !s.is_empty() && s.len() % 3 == 0 && s.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

fn code_ok(s: &str) -> bool {
    s.len() >= 3 && sector_ok(s)
}

impl KbBuilder {
    pub fn new() -> Self {
        KbBuilder {
            entries: Vec::new(),
            agents: Vec::new(),
            names: Vec::new(),
            persons: FxMap::default(),
            ids: FxMap::default(),
            layer: 0,
        }
    }

    /// Adds everything under `data/` that is compiled into the binary.
    pub fn embedded_data(self) -> Result<Self, ActorError> {
        let mut b = self
            .add_countries("countries.tsv", include_str!("../data/countries.tsv"))?
            .add_regions("regions.tsv", include_str!("../data/regions.tsv"))?
            .add_organisations("organisations.tsv", include_str!("../data/organisations.tsv"))?
            .add_agents("agents.tsv", include_str!("../data/agents.tsv"))?
            .add_leaders("people.tsv", include_str!("../data/people.tsv"))?;
        for (name, text) in crate::LEADERS {
            b = b.add_leaders(&format!("leaders/{name}"), text)?;
        }
        Ok(b)
    }

    /// Starts a new override layer: names added from now on hide same-named entries added before.
    pub fn new_layer(mut self) -> Self {
        self.layer += 1;
        self
    }

    pub(crate) fn push_entry(&mut self, mut e: Entry) -> u32 {
        if let Some(&n) = self.ids.get(&e.id) {
            // Ids must be unique: a second entry with the same id gets a numbered one.
            let _ = n;
            let mut k = 2;
            while self.ids.contains_key(&format!("{}-{k}", e.id)) {
                k += 1;
            }
            e.id = format!("{}-{k}", e.id);
        }
        let idx = self.entries.len() as u32;
        self.ids.insert(e.id.clone(), idx);
        self.entries.push(e);
        idx
    }

    /// Registers `name` for `sense`. `upper_source` marks names written all in capitals (PETRARCH).
    pub(crate) fn add_name(&mut self, name: &str, sense: Sense, upper_source: bool) {
        let units = name_units(name);
        if units.is_empty() || units.len() > 24 {
            return;
        }
        // A lower-case leading "the" ("the Kremlin") is left out of the name so that spans never
        // include the article; a capitalised one ("The Hague") is part of it but optional.
        // PETRARCH writes every name in capitals, so its THE is treated as the lower-case kind.
        let lower_the =
            units.len() > 1 && (units[0] == "the" || (upper_source && key(units[0]) == "the")) && !matches!(sense, Sense::Agent(..));
        if !lower_the {
            let keys: Vec<String> = units.iter().map(|u| key(u)).collect();
            let case: Box<[CaseReq]> = units.iter().map(|u| case_req(u, upper_source)).collect();
            self.names.push(PendingName { keys, payload: Payload { sense, case, layer: self.layer } });
        }
        if units.len() > 1 && key(units[0]) == "the" && !matches!(sense, Sense::Agent(..)) {
            let rest: Vec<String> = units[1..].iter().map(|u| key(u)).collect();
            let case: Box<[CaseReq]> = units[1..].iter().map(|u| case_req(u, upper_source)).collect();
            self.names.push(PendingName { keys: rest, payload: Payload { sense, case, layer: self.layer } });
        }
    }

    /// `countries.tsv`: `code  status  names  adjectives  people  capitals`.
    pub fn add_countries(mut self, source: &str, text: &str) -> Result<Self, ActorError> {
        for (n, line) in lines(text) {
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() < 6 {
                return Err(ActorError::format(source, n, format!("expected 6 columns, found {}", c.len())));
            }
            let code = c[0].trim();
            if code.len() != 3 || !code_ok(code) {
                return Err(ActorError::format(source, n, format!("bad country code {code:?}")));
            }
            let names: Vec<String> = list(c[2]).map(String::from).collect();
            if names.is_empty() {
                return Err(ActorError::format(source, n, "no names"));
            }
            let at = format!("{source}:{n}");
            let dc = DatedCode { code: code.to_string(), start: None, end: None, role: None, source: at.clone() };
            let e = self.push_entry(Entry {
                id: format!("country:{code}"),
                kind: ActorKind::Country,
                names: names.clone(),
                codes: vec![dc.clone()],
                country: Some(code.to_string()),
                capital: false,
                source: at.clone(),
            });
            for nm in &names {
                self.add_name(nm, Sense::Entry(e), false);
            }
            for a in list(c[3]) {
                self.add_name(a, Sense::Adjective(e), false);
            }
            for p in list(c[4]) {
                self.add_name(p, Sense::People(e), false);
            }
            let caps: Vec<String> = list(c[5]).map(String::from).collect();
            if let Some(first) = caps.first() {
                let ce = self.push_entry(Entry {
                    id: format!("city:{code}:{}", slug(first)),
                    kind: ActorKind::City,
                    names: caps.clone(),
                    codes: vec![dc],
                    country: Some(code.to_string()),
                    capital: true,
                    source: at,
                });
                for nm in &caps {
                    self.add_name(nm, Sense::Entry(ce), false);
                }
            }
        }
        Ok(self)
    }

    /// `regions.tsv`: `code  names` (a province, state or other region of that country).
    pub fn add_regions(mut self, source: &str, text: &str) -> Result<Self, ActorError> {
        for (n, line) in lines(text) {
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() < 2 || c[0].len() != 3 || !code_ok(c[0]) {
                return Err(ActorError::format(source, n, "expected `code<TAB>names`"));
            }
            let names: Vec<String> = list(c[1]).map(String::from).collect();
            let Some(first) = names.first() else { continue };
            let at = format!("{source}:{n}");
            let e = self.push_entry(Entry {
                id: format!("region:{}:{}", c[0], slug(first)),
                kind: ActorKind::Region,
                names: names.clone(),
                codes: vec![DatedCode { code: c[0].to_string(), start: None, end: None, role: None, source: at.clone() }],
                country: Some(c[0].to_string()),
                capital: false,
                source: at,
            });
            for nm in &names {
                self.add_name(nm, Sense::Entry(e), false);
            }
        }
        Ok(self)
    }

    /// `organisations.tsv`: `codes  kind  names`; codes are `CODE` or `CODE START..END` items.
    pub fn add_organisations(mut self, source: &str, text: &str) -> Result<Self, ActorError> {
        for (n, line) in lines(text) {
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() < 3 {
                return Err(ActorError::format(source, n, "expected `codes<TAB>kind<TAB>names`"));
            }
            let at = format!("{source}:{n}");
            let mut codes = Vec::new();
            for item in list(c[0]) {
                let mut parts = item.split_whitespace();
                let code = parts.next().unwrap_or("");
                if !code_ok(code) {
                    return Err(ActorError::format(source, n, format!("bad code {code:?}")));
                }
                let (start, end) = match parts.next() {
                    None => (None, None),
                    Some(range) => {
                        let (s, e) = range
                            .split_once("..")
                            .ok_or_else(|| ActorError::format(source, n, format!("bad range {range:?}")))?;
                        let s = if s.is_empty() { None } else { Some(date_or(source, n, s, Bound::Start)?) };
                        let e = if e.is_empty() { None } else { Some(date_or(source, n, e, Bound::End)?) };
                        (s, e)
                    }
                };
                codes.push(DatedCode { code: code.to_string(), start, end, role: None, source: at.clone() });
            }
            let kind = match c[1].trim() {
                "organisation" | "organization" => ActorKind::Organisation,
                "group" => ActorKind::Group,
                "country" => ActorKind::Country,
                "city" => ActorKind::City,
                "region" => ActorKind::Region,
                "person" => ActorKind::Person,
                k => return Err(ActorError::format(source, n, format!("unknown kind {k:?}"))),
            };
            let names: Vec<String> = list(c[2]).map(String::from).collect();
            let Some(first) = names.first() else {
                return Err(ActorError::format(source, n, "no names"));
            };
            let country = codes.first().map(|c| c.code[..3].to_string());
            let e = self.push_entry(Entry {
                id: format!("org:{}", slug(first)),
                kind,
                names: names.clone(),
                codes,
                country,
                capital: false,
                source: at,
            });
            for nm in &names {
                self.add_name(nm, Sense::Entry(e), false);
            }
        }
        Ok(self)
    }

    /// `agents.tsv`: `sector  class  words`.
    pub fn add_agents(mut self, source: &str, text: &str) -> Result<Self, ActorError> {
        for (n, line) in lines(text) {
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() < 3 || !sector_ok(c[0]) {
                return Err(ActorError::format(source, n, "expected `sector<TAB>class<TAB>words`"));
            }
            let class = match c[1].trim() {
                "person" => AgentClass::Person,
                "group" => AgentClass::Group,
                "org" => AgentClass::Org,
                k => return Err(ActorError::format(source, n, format!("unknown agent class {k:?}"))),
            };
            let words: Vec<String> = list(c[2]).map(String::from).collect();
            if words.is_empty() {
                return Err(ActorError::format(source, n, "no words"));
            }
            let idx = self.agents.len() as u32;
            for w in &words {
                self.add_name(w, Sense::Agent(idx, false), false);
            }
            self.agents.push(Agent { words, sector: c[0].to_string(), class, source: format!("{source}:{n}") });
        }
        Ok(self)
    }

    /// Leaders tables (`data/leaders/*.tsv`, `data/people.tsv`), one role per line:
    /// `names  country  sector  role  start  end`. Lines with the same canonical name and country
    /// make one person.
    pub fn add_leaders(mut self, source: &str, text: &str) -> Result<Self, ActorError> {
        for (n, line) in lines(text) {
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() < 5 {
                return Err(ActorError::format(source, n, format!("expected 6 columns, found {}", c.len())));
            }
            let names: Vec<String> = list(c[0]).map(String::from).collect();
            let (country, sector, role) = (c[1].trim(), c[2].trim(), c[3].trim());
            if names.is_empty() || country.len() != 3 || !code_ok(country) || !sector_ok(sector) {
                return Err(ActorError::format(source, n, "bad names, country or sector"));
            }
            let start = date_or(source, n, c[4], Bound::Start)?;
            let end = match c.get(5).map(|s| s.trim()).filter(|s| !s.is_empty()) {
                Some(s) => Some(date_or(source, n, s, Bound::End)?),
                None => None,
            };
            let at = format!("{source}:{n}");
            let dc = DatedCode {
                code: format!("{country}{sector}"),
                start: Some(start),
                end,
                role: (!role.is_empty()).then(|| role.to_string()),
                source: at.clone(),
            };
            let k = (slug(&names[0]), country.to_string());
            let idx = match self.persons.get(&k) {
                Some(&i) => i,
                None => {
                    let i = self.push_entry(Entry {
                        id: format!("person:{country}:{}", k.0),
                        kind: ActorKind::Person,
                        names: Vec::new(),
                        codes: Vec::new(),
                        country: Some(country.to_string()),
                        capital: false,
                        source: at.clone(),
                    });
                    self.persons.insert(k, i);
                    i
                }
            };
            let e = &mut self.entries[idx as usize];
            e.codes.push(dc);
            let fresh: Vec<String> = names.into_iter().filter(|x| !e.names.contains(x)).collect();
            e.names.extend(fresh.iter().cloned());
            for nm in &fresh {
                self.add_name(nm, Sense::Entry(idx), false);
            }
        }
        Ok(self)
    }

    /// Adds a PETRARCH/TABARI `.actors` or agents file read from disk (`--actors FILE`). Each file
    /// is a new layer: its names override same-named entries loaded before.
    pub fn add_petrarch_file(self, path: impl AsRef<Path>) -> Result<Self, ActorError> {
        let path = path.as_ref();
        let text = std::fs::read(path).map_err(|err| ActorError::Io { path: path.to_path_buf(), err })?;
        // The Phoenix files are mostly ASCII with a few Latin-1 bytes: decode leniently.
        let text = String::from_utf8_lossy(&text);
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("actors");
        self.new_layer().add_petrarch_str(name, &text)
    }

    pub fn add_petrarch_str(self, source: &str, text: &str) -> Result<Self, ActorError> {
        crate::petrarch::load(self, source, text)
    }

    pub(crate) fn add_agent_raw(&mut self, words: Vec<String>, sector: String, class: AgentClass, source: String) -> u32 {
        let idx = self.agents.len() as u32;
        self.agents.push(Agent { words, sector, class, source });
        idx
    }

    /// Compiles the matcher and indexes; the result is immutable.
    pub fn build(self) -> Result<KnowledgeBase, ActorError> {
        let KbBuilder { entries, agents, names, .. } = self;
        let mut trie = Trie::new();
        let mut adjective_of: FxMap<String, u32> = FxMap::default();
        let mut shared_adjectives = std::collections::HashSet::new();
        for p in &names {
            if let (Sense::Adjective(e), [k]) = (&p.payload.sense, p.keys.as_slice()) {
                if adjective_of.get(k).is_some_and(|o| o != e) {
                    shared_adjectives.insert(k.clone());
                }
                adjective_of.entry(k.clone()).or_insert(*e);
            }
        }
        adjective_of.retain(|k, _| !shared_adjectives.contains(k));
        let mut explicit = std::collections::HashSet::new();
        for p in &names {
            if let Sense::Agent(..) = p.payload.sense {
                explicit.insert(p.keys.join(" "));
            }
        }
        for p in names {
            // Derived plurals of person and org agent words: "ministers", "ministries".
            if let Sense::Agent(a, false) = p.payload.sense {
                if agents[a as usize].class != AgentClass::Group {
                    if let Some(last) = p.keys.last().and_then(|k| plural(k)) {
                        let mut keys = p.keys.clone();
                        *keys.last_mut().expect("non-empty") = last;
                        if !explicit.contains(&keys.join(" ")) {
                            trie.insert(&keys, Payload { sense: Sense::Agent(a, true), ..p.payload.clone() });
                        }
                    }
                }
            }
            trie.insert(&p.keys, p.payload);
        }
        // Surnames: the last unit of every multi-unit person name.
        let mut surnames: FxMap<String, Vec<u32>> = FxMap::default(); // dedup only
        for (i, e) in entries.iter().enumerate() {
            if e.kind != ActorKind::Person {
                continue;
            }
            for nm in &e.names {
                let units = name_units(nm);
                if units.len() < 2 {
                    continue;
                }
                let last = units[units.len() - 1];
                let k = key(last);
                if crate::norm::is_particle(&k) || k.len() < 2 || case_req(last, false) == CaseReq::Any {
                    continue;
                }
                let v = surnames.entry(k.clone()).or_default();
                if !v.contains(&(i as u32)) {
                    v.push(i as u32);
                    trie.insert(&[k], Payload { sense: Sense::Surname(i as u32), case: Box::new([CaseReq::Capital]), layer: 0 });
                }
            }
        }
        // Office holders, by the agent word that names the office.
        let mut agent_of: FxMap<String, u32> = FxMap::default();
        for (i, a) in agents.iter().enumerate() {
            for w in &a.words {
                agent_of.entry(key(w)).or_insert(i as u32);
            }
        }
        let mut holders: FxMap<(String, u32), Vec<(u32, u32)>> = FxMap::default();
        for (i, e) in entries.iter().enumerate() {
            for (j, c) in e.codes.iter().enumerate() {
                let Some(role) = &c.role else { continue };
                if let Some(a) = office_keys(role).iter().find_map(|k| agent_of.get(k)) {
                    holders.entry((c.code[..3].to_string(), *a)).or_default().push((i as u32, j as u32));
                }
            }
        }
        let mut by_code = FxMap::default();
        let mut stats = KbStats::default();
        for (i, e) in entries.iter().enumerate() {
            match e.kind {
                ActorKind::Person => {
                    stats.persons += 1;
                    stats.dated_roles += e.codes.iter().filter(|c| c.is_dated()).count();
                }
                ActorKind::Country => {
                    stats.countries += 1;
                    if let Some(c) = e.codes.first() {
                        by_code.entry(c.code.clone()).or_insert(i as u32);
                    }
                }
                ActorKind::City => stats.cities += 1,
                ActorKind::Region => stats.regions += 1,
                ActorKind::Organisation => {
                    stats.organisations += 1;
                    if e.codes.iter().any(|c| c.code.starts_with("IGO")) {
                        stats.igos += 1;
                    }
                }
                ActorKind::Group => stats.groups += 1,
            }
        }
        stats.agent_lines = agents.len();
        stats.agent_words = agents.iter().map(|a| a.words.len()).sum();
        stats.adjectives = trie.payloads.iter().filter(|p| matches!(p.sense, Sense::Adjective(_))).count();
        stats.names = trie.len_names();
        Ok(KnowledgeBase { entries, agents, trie, holders, agent_of, by_code, adjective_of, stats })
    }
}

fn date_or(source: &str, line: usize, s: &str, b: Bound) -> Result<NaiveDate, ActorError> {
    parse_iso(s, b).ok_or_else(|| ActorError::format(source, line, format!("bad date {s:?} (want YYYY-MM-DD, YYYY-MM or YYYY)")))
}

/// The agent-word keys an office title may go by, most specific first: `Chief of Army Staff` ->
/// [`chief of army staff`, `chief`]; `Acting President` -> [`president`].
pub(crate) fn office_keys(role: &str) -> Vec<String> {
    let mut k = key(role);
    for prefix in ["acting ", "caretaker ", "interim ", "de facto "] {
        if let Some(rest) = k.strip_prefix(prefix) {
            k = rest.to_string();
        }
    }
    let mut out = vec![k.clone()];
    if let Some(i) = k.find(" of ") {
        out.push(k[..i].to_string());
    }
    out
}

/// Regular English plural of a noun key.
pub(crate) fn plural(k: &str) -> Option<String> {
    if k.is_empty() || !k.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'') {
        return None;
    }
    if let Some(stem) = k.strip_suffix("man") {
        return Some(format!("{stem}men"));
    }
    if k.ends_with('s') || k.ends_with('x') || k.ends_with('z') || k.ends_with("ch") || k.ends_with("sh") {
        return Some(format!("{k}es"));
    }
    if let Some(stem) = k.strip_suffix('y') {
        if !stem.ends_with(['a', 'e', 'i', 'o', 'u']) {
            return Some(format!("{stem}ies"));
        }
    }
    Some(format!("{k}s"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        let cases = [
            ("minister", "ministers"),
            ("ministry", "ministries"),
            ("spokesman", "spokesmen"),
            ("attorney", "attorneys"),
            ("church", "churches"),
            ("boss", "bosses"),
        ];
        for (s, want) in cases {
            assert_eq!(plural(s).as_deref(), Some(want), "{s}");
        }
    }

    #[test]
    fn office_keys_strip_qualifiers() {
        let cases = [
            ("Prime Minister", "prime minister"),
            ("Acting President", "president"),
            ("Caretaker Prime Minister", "prime minister"),
            ("President of the European Commission", "president"),
            ("Chairman of Pakistan Tehreek-e-Insaf", "chairman"),
        ];
        for (s, want) in cases {
            assert_eq!(office_keys(s).last().map(String::as_str), Some(want), "{s}");
        }
    }

    #[test]
    fn bad_lines_are_located_errors() {
        let cases = [
            ("countries", "PAK\tstate\tPakistan"),
            ("leaders", "Jane Roe\tPAK\tGOV\tMinister\t2020-13-01\t"),
            ("leaders", "Jane Roe\tPAKISTAN\tGOV\tMinister\t2020\t"),
            ("agents", "GOV\tboss\tminister"),
            ("organisations", "IGOUNO 2020..20x\torganisation\tUN"),
            ("organisations", "IGOUNO\tthing\tUN"),
        ];
        for (what, text) in cases {
            let b = KbBuilder::new();
            let r = match what {
                "countries" => b.add_countries("t.tsv", text),
                "leaders" => b.add_leaders("t.tsv", text),
                "agents" => b.add_agents("t.tsv", text),
                _ => b.add_organisations("t.tsv", text),
            };
            match r {
                Err(ActorError::Format { line: 1, .. }) => {}
                Err(e) => panic!("{what}: {text:?}: wrong error {e}"),
                Ok(_) => panic!("{what}: {text:?}: accepted"),
            }
        }
    }
}
