//! The development set format (`tests/devset.tsv`) and its scoring, so that the pipeline (which
//! has the parser and the actor stage) can run it end to end: parse the cases, code each sentence,
//! and [`score`] the events against the expected codings.

use crate::EventError;
use dragoman_doc::{Document, Event, Modality};

/// One expected event.
#[derive(Debug, Clone, PartialEq)]
pub struct Expected {
    pub cameo: String,
    /// Text of the source mention.
    pub source: String,
    /// Text of the target mention; `None` for `-`.
    pub target: Option<String>,
    pub negated: bool,
    pub modality: Modality,
}

/// One sentence with the events it should yield (possibly none).
#[derive(Debug, Clone, PartialEq)]
pub struct DevCase {
    pub id: String,
    pub text: String,
    pub expected: Vec<Expected>,
}

/// Counts for precision and recall. An event counts as correct when code, negation and
/// modality are equal and each actor's text contains (or is contained in) the expected text,
/// case-insensitively.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DevScore {
    pub correct: usize,
    pub spurious: usize,
    pub missed: usize,
}

impl DevScore {
    pub fn add(&mut self, o: DevScore) {
        self.correct += o.correct;
        self.spurious += o.spurious;
        self.missed += o.missed;
    }
    pub fn precision(&self) -> f64 {
        self.correct as f64 / (self.correct + self.spurious).max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.correct as f64 / (self.correct + self.missed).max(1) as f64
    }
}

/// Parses the development set format (see the header of `tests/devset.tsv`).
pub fn parse_devset(text: &str) -> Result<Vec<DevCase>, EventError> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let err = |m: &str| EventError::Syntax { file: "devset".into(), line: n + 1, message: m.to_string() };
        let mut cols = line.split('\t');
        let (Some(id), Some(sent)) = (cols.next(), cols.next()) else {
            return Err(err("expected id <TAB> sentence <TAB> events"));
        };
        let mut expected = Vec::new();
        for ev in cols.next().unwrap_or("").split(" ; ").map(str::trim).filter(|e| !e.is_empty()) {
            let mut parts = ev.split_whitespace();
            let code = parts.next().ok_or_else(|| err("empty event"))?;
            let rest: Vec<&str> = parts.collect();
            // The arrow part may contain spaces ("Vladimir Putin>Xi Jinping"); flags follow it.
            let flags_at = rest
                .iter()
                .rposition(|w| !matches!(*w, "negated" | "intended" | "hypothetical" | "question"))
                .map_or(0, |k| k + 1);
            let arrow = rest[..flags_at].join(" ");
            let (src, tgt) = arrow.split_once('>').ok_or_else(|| err("event needs Source>Target"))?;
            let mut e = Expected {
                cameo: code.to_string(),
                source: src.trim().to_string(),
                target: (tgt.trim() != "-").then(|| tgt.trim().to_string()),
                negated: false,
                modality: Modality::Asserted,
            };
            for f in &rest[flags_at..] {
                match *f {
                    "negated" => e.negated = true,
                    "intended" => e.modality = Modality::Intended,
                    "hypothetical" => e.modality = Modality::Hypothetical,
                    _ => e.modality = Modality::Question,
                }
            }
            if !sent.contains(&e.source) || e.target.as_ref().is_some_and(|t| !sent.contains(t.as_str())) {
                return Err(err(&format!("actor text of `{ev}` is not in the sentence")));
            }
            expected.push(e);
        }
        out.push(DevCase { id: id.to_string(), text: sent.to_string(), expected });
    }
    Ok(out)
}

fn same_actor(got: &str, want: &str) -> bool {
    let (g, w) = (got.to_lowercase(), want.to_lowercase());
    !g.is_empty() && (g.contains(&w) || w.contains(&g))
}

/// Scores the events coded for one case. `doc` is the document the events' spans point into.
pub fn score(case: &DevCase, doc: &Document, events: &[Event]) -> DevScore {
    let mut used = vec![false; events.len()];
    let mut s = DevScore::default();
    for want in &case.expected {
        let hit = events.iter().enumerate().position(|(k, e)| {
            !used[k]
                && e.cameo == want.cameo
                && e.negated == want.negated
                && e.modality == want.modality
                && same_actor(doc.slice(e.source.span), &want.source)
                && match (&e.target, &want.target) {
                    (None, None) => true,
                    (Some(t), Some(w)) => same_actor(doc.slice(t.span), w),
                    _ => false,
                }
        });
        match hit {
            Some(k) => {
                used[k] = true;
                s.correct += 1;
            }
            None => s.missed += 1,
        }
    }
    s.spurious = used.iter().filter(|u| !**u).count();
    s
}
