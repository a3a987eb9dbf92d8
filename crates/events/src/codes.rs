//! The event code table (`data/codes.txt`): what each CAMEO code means in PLOVER, its quad class
//! and Goldstein weight, and how an intended or paired instance is recoded.

use crate::EventError;
use std::collections::HashMap;

/// One row of the code table.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeInfo {
    pub cameo: String,
    /// PLOVER event type (`CONSULT`); `None` for the CAMEO roots 01/02, which PLOVER dropped.
    pub plover: Option<String>,
    /// PLOVER mode (`visit`), when the code fixes one.
    pub mode: Option<String>,
    /// PLOVER context (`economic`, `military+legal`), when the code fixes one.
    pub context: Option<String>,
    pub quad_class: u8,
    pub goldstein: f64,
    /// The 03x "express intent to ..." code an intended instance becomes.
    pub intent: Option<String>,
    /// The code of the mirrored event (target -> source), e.g. 042 visit <-> 043 host.
    pub pair: Option<String>,
}

/// All codes, looked up by CAMEO string.
#[derive(Debug, Clone, Default)]
pub struct CodeTable {
    rows: Vec<CodeInfo>,
    by_code: HashMap<String, usize>,
}

impl CodeTable {
    pub fn parse(text: &str, file: &str) -> Result<CodeTable, EventError> {
        let mut t = CodeTable::default();
        for (n, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let bad = |why: &str| EventError::Syntax { file: file.to_string(), line: n + 1, message: why.to_string() };
            let f: Vec<&str> = line.split_whitespace().collect();
            if f.len() < 6 {
                return Err(bad("expected: CODE TYPE MODE CONTEXT QUAD GOLDSTEIN [options]"));
            }
            if !f[0].bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad("code must be digits"));
            }
            let opt = |s: &str| (s != "-").then(|| s.to_string());
            let quad: u8 = f[4].parse().map_err(|_| bad("bad quad class"))?;
            let goldstein: f64 = f[5].parse().map_err(|_| bad("bad Goldstein weight"))?;
            let mut info = CodeInfo {
                cameo: f[0].to_string(),
                plover: opt(f[1]),
                mode: opt(f[2]),
                context: opt(f[3]),
                quad_class: quad,
                goldstein,
                intent: None,
                pair: None,
            };
            for o in &f[6..] {
                match o.split_once('=') {
                    Some(("intent", c)) => info.intent = Some(c.to_string()),
                    Some(("pair", c)) => info.pair = Some(c.to_string()),
                    _ => return Err(bad(&format!("unknown option `{o}`"))),
                }
            }
            if t.by_code.insert(info.cameo.clone(), t.rows.len()).is_some() {
                return Err(bad("code listed twice"));
            }
            t.rows.push(info);
        }
        Ok(t)
    }

    /// The row for `code`, or for its closest listed ancestor (`0233` -> `023` -> `02`), so codes
    /// from imported dictionaries that the table does not list still get a quad class and weight.
    pub fn lookup(&self, code: &str) -> Option<&CodeInfo> {
        let mut c = code;
        while c.len() >= 2 {
            if let Some(&i) = self.by_code.get(c) {
                return Some(&self.rows[i]);
            }
            c = &c[..c.len() - 1];
        }
        None
    }

    /// The row for exactly `code`.
    pub fn get(&self, code: &str) -> Option<&CodeInfo> {
        self.by_code.get(code).map(|&i| &self.rows[i])
    }

    pub fn iter(&self) -> impl Iterator<Item = &CodeInfo> {
        self.rows.iter()
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}
