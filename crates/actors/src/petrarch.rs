//! Importer for PETRARCH/TABARI dictionaries (the Phoenix `.actors.txt` files and `agents.txt`).
//!
//! What is read:
//! - an entry line: a name (words joined by `_`, a trailing `_` marks a whole word) optionally followed
//!   by one or more codes, `AFGHANISTAN_ [AFG]`;
//! - `+NAME` lines: aliases of the current entry;
//! - indented code lines: `[PAKGOV >20180818]` (from that date), `[PAKGOV <20180818]` (until it),
//!   `[PAKGOV 20180818-20220410]` (between), `[ELI]` (undated fallback). Dates are `YYMMDD` or
//!   `YYYYMMDD`;
//! - agents: `FARMER [~AGR]`, with explicit plurals in braces (`LAWMAN {LAWMEN} [~COP]`; `{}` means
//!   none) and substitution sets defined as `!PERSON! = MAN, MEN, WOMAN` and used inside names
//!   (`BUSINESS!PERSON!`);
//! - `#` starts a comment anywhere on a line.
//!
//! Entries without any code (`[---]` or nothing) are counted and skipped. An entry with a dated code
//! is a person; one whose only code is three letters is a country; `REB`/`INS`/`SEP`/`IMG` codes make
//! a group; the rest are organisations.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use dragoman_doc::ActorKind;

use crate::date::{parse_petrarch, Bound};
use crate::kb::{AgentClass, DatedCode, Entry, KbBuilder};
use crate::norm::{slug, FxMap};
use crate::trie::Sense;
use crate::{ActorError, KnowledgeBase};

/// One code group `[CODE restriction]` as written.
fn parse_code(inner: &str, source: &str, line: usize) -> Option<DatedCode> {
    let inner = inner.trim();
    let (code, rest) = match inner.split_once(char::is_whitespace) {
        Some((c, r)) => (c, r.trim()),
        None => (inner, ""),
    };
    let code = code.trim_start_matches('~');
    if code.is_empty() || code.starts_with('-') || !code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) {
        return None;
    }
    let rest: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
    let (start, end) = if rest.is_empty() {
        (None, None)
    } else if let Some(d) = rest.strip_prefix('>') {
        (Some(parse_petrarch(d, Bound::Start)?), None)
    } else if let Some(d) = rest.strip_prefix('<') {
        (None, Some(parse_petrarch(d, Bound::End)?))
    } else if let Some((a, b)) = rest.split_once('-') {
        (Some(parse_petrarch(a, Bound::Start)?), Some(parse_petrarch(b, Bound::End)?))
    } else {
        // A single date: read as "from".
        (Some(parse_petrarch(&rest, Bound::Start)?), None)
    };
    Some(DatedCode { code: code.to_string(), start, end, role: None, source: format!("{source}:{line}") })
}

/// Splits a line into (text before the first `[`, the `[...]` groups), comments removed.
fn split_codes(line: &str) -> (&str, Vec<&str>) {
    let line = line.split('#').next().unwrap_or("");
    let head_end = line.find('[').unwrap_or(line.len());
    let mut groups = Vec::new();
    let mut rest = &line[head_end..];
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']') else { break };
        groups.push(&rest[open + 1..open + close]);
        rest = &rest[open + close + 1..];
    }
    (&line[..head_end], groups)
}

/// `AL-QAEDA_IN_IRAQ_` -> `AL-QAEDA IN IRAQ`.
fn phrase(raw: &str) -> String {
    raw.trim().trim_start_matches('+').replace('_', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Pending {
    names: Vec<String>,
    codes: Vec<DatedCode>,
    line: usize,
}

/// What an import read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportStats {
    pub entries: usize,
    pub names: usize,
    pub agents: usize,
    pub skipped_no_code: usize,
    pub bad_codes: usize,
}

pub(crate) fn load(mut b: KbBuilder, source: &str, text: &str) -> Result<KbBuilder, ActorError> {
    let mut st = ImportStats::default();
    load_into(&mut b, source, text, &mut st);
    Ok(b)
}

/// Expands `!SET!` references left to right. Only the text after a substituted value is expanded
/// further, so a set whose values mention a set (even itself) cannot recurse without end; an
/// unknown set is dropped and the rest of the name still expanded.
fn expand_sets(name: &str, sets: &FxMap<String, Vec<String>>) -> Vec<String> {
    let Some(a) = name.find('!') else { return vec![name.to_string()] };
    let Some(len) = name[a + 1..].find('!') else { return vec![name.to_string()] };
    let set = &name[a..a + len + 2];
    let (head, rest) = (&name[..a], &name[a + len + 2..]);
    let tails = expand_sets(rest, sets);
    match sets.get(set) {
        Some(alts) => alts.iter().flat_map(|alt| tails.iter().map(move |t| format!("{head}{alt}{t}"))).collect(),
        None => tails.into_iter().map(|t| format!("{head}{t}")).collect(),
    }
}

fn load_into(b: &mut KbBuilder, source: &str, text: &str, st: &mut ImportStats) {
    let stem = slug(source.trim_end_matches(".txt"));
    let mut sets: FxMap<String, Vec<String>> = FxMap::default();
    let mut cur: Option<Pending> = None;
    let flush = |b: &mut KbBuilder, p: Option<Pending>, st: &mut ImportStats| {
        let Some(p) = p else { return };
        if p.codes.is_empty() || p.names.is_empty() {
            st.skipped_no_code += 1;
            return;
        }
        let kind = if p.codes.iter().any(DatedCode::is_dated) {
            ActorKind::Person
        } else if p.codes.iter().all(|c| c.code.len() == 3) {
            ActorKind::Country
        } else if p.codes.iter().any(|c| ["REB", "INS", "SEP", "IMG"].iter().any(|s| c.code.contains(s))) {
            ActorKind::Group
        } else {
            ActorKind::Organisation
        };
        let first = p.codes.iter().find(|c| c.code.len() >= 3).map(|c| c.code[..3].to_string());
        let id = format!("petrarch:{stem}:{}", slug(&p.names[0]));
        let e = b.push_entry(Entry {
            id,
            kind,
            names: p.names.iter().map(|n| title_case(n)).collect(),
            codes: p.codes,
            country: first,
            capital: false,
            source: format!("{source}:{}", p.line),
        });
        for n in &p.names {
            b.add_name(n, Sense::Entry(e), true);
            st.names += 1;
        }
        st.entries += 1;
    };
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if trimmed.starts_with('!') {
            if let Some((k, v)) = trimmed.split('#').next().unwrap_or("").split_once('=') {
                sets.insert(k.trim().to_string(), v.split(',').map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect());
                continue;
            }
        }
        let (head, groups) = split_codes(trimmed);
        let is_agent = groups.iter().any(|g| g.trim_start().starts_with('~'));
        if is_agent {
            flush(b, cur.take(), st);
            add_agent_line(b, source, n, head, &groups, &sets, st);
            continue;
        }
        let indented = line.starts_with([' ', '\t']) && head.trim().is_empty();
        if indented || (head.trim().is_empty() && !groups.is_empty()) {
            if let Some(p) = cur.as_mut() {
                for g in &groups {
                    match parse_code(g, source, n) {
                        Some(c) => p.codes.push(c),
                        None => st.bad_codes += 1,
                    }
                }
            }
            continue;
        }
        if trimmed.starts_with('+') {
            if let Some(p) = cur.as_mut() {
                let nm = phrase(head);
                if !nm.is_empty() {
                    p.names.push(nm);
                }
                for g in &groups {
                    match parse_code(g, source, n) {
                        Some(c) => p.codes.push(c),
                        None => st.bad_codes += 1,
                    }
                }
            }
            continue;
        }
        flush(b, cur.take(), st);
        let mut p = Pending { names: vec![], codes: vec![], line: n };
        let nm = phrase(head);
        if !nm.is_empty() {
            p.names.push(nm);
        }
        for g in &groups {
            match parse_code(g, source, n) {
                Some(c) => p.codes.push(c),
                None => st.bad_codes += 1,
            }
        }
        cur = Some(p);
    }
    flush(b, cur.take(), st);
}

fn add_agent_line(
    b: &mut KbBuilder,
    source: &str,
    n: usize,
    head: &str,
    groups: &[&str],
    sets: &FxMap<String, Vec<String>>,
    st: &mut ImportStats,
) {
    let Some(code) = groups.iter().find_map(|g| g.trim().strip_prefix('~')) else { return };
    let sector = code.split_whitespace().next().unwrap_or("").to_string();
    if sector.is_empty() || !sector.chars().all(|c| c.is_ascii_uppercase()) {
        st.bad_codes += 1;
        return;
    }
    let (word, plurals) = match head.find('{') {
        Some(i) => (&head[..i], head[i + 1..].split('}').next().unwrap_or("")),
        None => (head, ""),
    };
    let mut words: Vec<String> = Vec::new();
    for w in expand_sets(word.trim(), sets) {
        words.push(phrase(&w).to_lowercase());
    }
    for w in plurals.split_whitespace() {
        words.push(phrase(w).to_lowercase());
    }
    words.retain(|w| !w.is_empty());
    if words.is_empty() {
        return;
    }
    let idx = b.add_agent_raw(words.clone(), sector, AgentClass::Person, format!("{source}:{n}"));
    // Agent words add to the embedded ones rather than hide them: the embedded words know their
    // class (person, group, institution), which PETRARCH's agents do not record.
    let layer = std::mem::replace(&mut b.layer, 0);
    for w in &words {
        b.add_name(w, Sense::Agent(idx, false), false);
    }
    b.layer = layer;
    st.agents += 1;
}

/// `VLADIMIR PUTIN` -> `Vladimir Putin` for display (matching ignores it).
fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The Phoenix files the evaluation loads, in order (later ones override earlier ones).
pub const PHOENIX_FILES: [&str; 4] = [
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
    "Phoenix.agents.txt",
];

/// The embedded knowledge base plus the four Phoenix dictionaries from `dir`.
pub fn load_phoenix(dir: &Path) -> Result<KnowledgeBase, ActorError> {
    let mut b = KnowledgeBase::builder().embedded_data()?;
    for f in PHOENIX_FILES {
        b = b.add_petrarch_file(dir.join(f))?;
    }
    b.build()
}

/// The outcome of [`check_sample`].
#[derive(Debug, Clone, PartialEq)]
pub struct SampleReport {
    /// Time to load the embedded data plus the four Phoenix files and build the matcher.
    pub load_time: Duration,
    pub entries_loaded: usize,
    pub checked: usize,
    pub resolved: usize,
    /// Entries whose name a later entry (same or later file) reuses: the later one wins, as in
    /// PETRARCH. Not failures.
    pub shadowed: usize,
    /// `name @ date: expected X, got Y` for each failure.
    pub failures: Vec<String>,
}

/// Loads the Phoenix dictionaries from `dir` and checks that every `every`-th entry with a code
/// resolves as written: looking up its first name on a date inside one of its code ranges (or
/// 2015-06-15 for undated ones) finds that entry with the code the file gives for that date.
pub fn check_sample(dir: &Path, every: usize) -> Result<SampleReport, ActorError> {
    let t = Instant::now();
    let kb = load_phoenix(dir)?;
    let load_time = t.elapsed();
    let every = every.max(1);
    let mut report = SampleReport {
        load_time,
        entries_loaded: kb.entries().iter().filter(|e| e.id.starts_with("petrarch:")).count(),
        checked: 0,
        resolved: 0,
        shadowed: 0,
        failures: Vec::new(),
    };
    let sample: Vec<&Entry> = kb
        .entries()
        .iter()
        .filter(|e| e.id.starts_with("petrarch:") && !e.codes.is_empty())
        .step_by(every)
        .collect();
    for e in sample {
        let date = e
            .codes
            .iter()
            .find_map(|c| match (c.start, c.end) {
                (Some(s), _) => Some(s),
                (None, Some(en)) => Some(en),
                _ => None,
            })
            .unwrap_or_else(|| NaiveDate::from_ymd_opt(2015, 6, 15).expect("valid date"));
        let expect = crate::kb::resolve_codes(&e.codes, e.kind, date).code;
        let name = e.names[0].as_str();
        report.checked += 1;
        let results = kb.lookup(name, Some(date));
        match results.iter().find(|r| r.id == e.id) {
            Some(r) if r.code == expect => report.resolved += 1,
            Some(r) => report.failures.push(format!("{name} @ {date}: expected {expect:?}, got {:?} ({})", r.code, e.source)),
            None if !results.is_empty() => report.shadowed += 1,
            None => report.failures.push(format!("{name} @ {date}: not found ({})", e.source)),
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::KnowledgeBase;

    const SAMPLE: &str = "\
# a comment
PAKISTAN_  [PAK]
+ISLAMIC_REPUBLIC_OF_PAKISTAN_
JANE_ROE_  # invented person
+J._ROE_
\t[PAKGOV 180818-220410]
\t[PAKOPP >20220411]
\t[PAKELI]
RICHARD_ROE_ [PAKMIL <100101]
UN_ [IGOUNO]
NOBODY_ [---]
!PERSON! = MAN, WOMAN
CATTLE!PERSON! [~AGR]
LAWMAN {LAWMEN} [~COP]
";

    fn d(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    #[test]
    fn petrarch_entries_resolve_by_date() {
        let kb = KnowledgeBase::builder().new_layer().add_petrarch_str("t.actors.txt", SAMPLE).and_then(|b| b.build()).expect("loads");
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("Jane Roe", "2019-01-01", Some("PAKGOV")),
            ("J. Roe", "2022-04-10", Some("PAKGOV")),
            ("Jane Roe", "2023-01-01", Some("PAKOPP")),
            ("Jane Roe", "2010-01-01", Some("PAKELI")),
            ("Richard Roe", "2009-12-31", Some("PAKMIL")),
            ("Islamic Republic of Pakistan", "2000-01-01", Some("PAK")),
            ("UN", "2000-01-01", Some("IGOUNO")),
        ];
        for (name, date, want) in cases {
            let r = kb.lookup(name, d(date));
            assert_eq!(r.first().and_then(|r| r.code.as_deref()), *want, "{name} {date}: {r:?}");
        }
        assert!(kb.lookup("Nobody", d("2000-01-01")).is_empty());
        for w in ["cattleman", "cattlewoman", "lawman", "lawmen"] {
            let r = kb.lookup(w, d("2000-01-01"));
            assert!(r.iter().any(|r| r.sector.is_some()), "{w}: {r:?}");
        }
    }

    #[test]
    fn later_layers_override_earlier_names() {
        let kb = KnowledgeBase::builder()
            .add_organisations("o.tsv", "IGOXXX\torganisation\tRoe Council")
            .and_then(|b| b.new_layer().add_petrarch_str("t.txt", "ROE_COUNCIL_ [IGOYYY]"))
            .and_then(|b| b.build())
            .expect("loads");
        let r = kb.lookup("Roe Council", d("2000-01-01"));
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].code.as_deref(), Some("IGOYYY"));
    }
}
