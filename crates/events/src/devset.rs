//! The development set format (`tests/devset.tsv`, `tests/heldout.tsv`) and its end-to-end
//! scoring. This crate cannot run the parser or the actor stage (the pipeline depends on it, not
//! the other way round), so [`run`] takes the analysis as a closure: the caller segments, parses,
//! finds actors and codes each sentence, and [`run`] scores what came back.
//!
//! ```no_run
//! # use dragoman_events::devset::{parse_devset, run, Coded};
//! # fn analyse(text: &str, date: Option<&str>) -> Coded { unimplemented!() }
//! let cases = parse_devset(&std::fs::read_to_string("devset.tsv").unwrap()).unwrap();
//! let report = run(&cases, analyse);
//! println!("{}", report.render(false));
//! ```
//!
//! Three measures, all over the events the pipeline asserted or hedged:
//! - **triples**: precision / recall / F1 of (source, target, CAMEO) — an event counts when its
//!   code is equal and each actor's text contains (or is contained in) the expected text. The
//!   devset names actors by their text, not by code, so that a wrong resolution of the right
//!   mention still counts as the right argument and the coder is judged on its own work.
//! - **records**: the same with negation and modality required to agree too; a sentence is an
//!   *exact record* when its events are exactly the expected ones (no more, no fewer), which
//!   includes sentences that should yield nothing.
//! - **modality**: of the triples found, how many also have the right negation and modality.

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
    /// Publication date for the actor and time stages (optional fourth column, `YYYY-MM-DD`).
    pub date: Option<String>,
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
        let date = cols.next().map(str::trim).filter(|d| !d.is_empty()).map(str::to_string);
        if let Some(d) = &date {
            let ok = d.len() == 10 && d.bytes().enumerate().all(|(k, b)| if k == 4 || k == 7 { b == b'-' } else { b.is_ascii_digit() });
            if !ok {
                return Err(err("the date column must be YYYY-MM-DD"));
            }
        }
        out.push(DevCase { id: id.to_string(), text: sent.to_string(), expected, date });
    }
    Ok(out)
}

fn same_actor(got: &str, want: &str) -> bool {
    let (g, w) = (got.to_lowercase(), want.to_lowercase());
    !g.is_empty() && (g.contains(&w) || w.contains(&g))
}

/// Scores the events coded for one case (code, actors, negation and modality must agree).
/// `doc` is the document the events' spans point into.
pub fn score(case: &DevCase, doc: &Document, events: &[Event]) -> DevScore {
    score_with(case, doc, events, true)
}

fn triple_ok(doc: &Document, e: &Event, want: &Expected) -> bool {
    e.cameo == want.cameo
        && same_actor(doc.slice(e.source.span), &want.source)
        && match (&e.target, &want.target) {
            (None, None) => true,
            (Some(t), Some(w)) => same_actor(doc.slice(t.span), w),
            _ => false,
        }
}

fn modality_ok(e: &Event, want: &Expected) -> bool {
    e.negated == want.negated && e.modality == want.modality
}

/// Greedy one-to-one matching of expected to coded events; with `strict`, negation and modality
/// must agree as well.
fn score_with(case: &DevCase, doc: &Document, events: &[Event], strict: bool) -> DevScore {
    let mut used = vec![false; events.len()];
    let mut s = DevScore::default();
    for want in &case.expected {
        // Prefer an event that agrees on modality too, so that the loose count never pairs an
        // expected event with the wrong one of two candidates.
        let fits = |k: usize, e: &Event, m: bool| !used[k] && triple_ok(doc, e, want) && (!m || modality_ok(e, want));
        let hit = events
            .iter()
            .enumerate()
            .position(|(k, e)| fits(k, e, true))
            .or_else(|| if strict { None } else { events.iter().enumerate().position(|(k, e)| fits(k, e, false)) });
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

/// What the caller's analysis produced for one sentence: the document (tokens, text) the events'
/// spans point into, and the events.
#[derive(Debug, Clone, Default)]
pub struct Coded {
    pub doc: Document,
    pub events: Vec<Event>,
}

/// One case as run: what was expected and what came back, both rendered as devset lines.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseResult {
    pub id: String,
    pub text: String,
    pub expected: Vec<String>,
    /// Coded events as `CODE source>target [flags]  (rule)`.
    pub got: Vec<String>,
    pub triples: DevScore,
    pub records: DevScore,
}

impl CaseResult {
    /// Events are exactly the expected ones.
    pub fn exact(&self) -> bool {
        self.records.spurious == 0 && self.records.missed == 0
    }
}

/// The scores of a whole run, with every case for the failure listing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DevReport {
    pub triples: DevScore,
    pub records: DevScore,
    /// Triples found whose negation and modality also agree (of `triples.correct`).
    pub modality_agree: usize,
    pub cases: Vec<CaseResult>,
}

fn f1(s: &DevScore) -> f64 {
    let (p, r) = (s.precision(), s.recall());
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

impl DevScore {
    pub fn f1(&self) -> f64 {
        f1(self)
    }
}

impl DevReport {
    /// Sentences whose events are exactly the expected ones.
    pub fn exact(&self) -> usize {
        self.cases.iter().filter(|c| c.exact()).count()
    }

    pub fn exact_rate(&self) -> f64 {
        self.exact() as f64 / self.cases.len().max(1) as f64
    }

    pub fn modality_rate(&self) -> f64 {
        self.modality_agree as f64 / self.triples.correct.max(1) as f64
    }

    /// A plain-text report; with `failures`, every sentence that is not exact with what was
    /// expected and what came back.
    pub fn render(&self, failures: bool) -> String {
        use std::fmt::Write;
        let mut o = String::new();
        let line = |o: &mut String, name: &str, s: &DevScore| {
            let _ = writeln!(
                o,
                "{name:<9} P {:.3}  R {:.3}  F1 {:.3}   ({} correct, {} spurious, {} missed)",
                s.precision(),
                s.recall(),
                s.f1(),
                s.correct,
                s.spurious,
                s.missed
            );
        };
        let _ = writeln!(o, "{} sentences, {} expected events", self.cases.len(), self.triples.correct + self.triples.missed);
        line(&mut o, "triples", &self.triples);
        line(&mut o, "records", &self.records);
        let _ = writeln!(o, "exact     {}/{} sentences ({:.1} %)", self.exact(), self.cases.len(), 100.0 * self.exact_rate());
        let _ = writeln!(
            o,
            "modality  {}/{} found triples with the right negation and modality ({:.1} %)",
            self.modality_agree,
            self.triples.correct,
            100.0 * self.modality_rate()
        );
        if failures {
            for c in self.cases.iter().filter(|c| !c.exact()) {
                let _ = writeln!(o, "\n{}  {}", c.id, c.text);
                for e in &c.expected {
                    let _ = writeln!(o, "    want {e}");
                }
                for g in &c.got {
                    let _ = writeln!(o, "    got  {g}");
                }
            }
        }
        o
    }

    /// The report as JSON (scores and, per case, expected and coded events).
    pub fn to_json(&self) -> serde_json::Value {
        let score = |s: &DevScore| {
            serde_json::json!({
                "correct": s.correct, "spurious": s.spurious, "missed": s.missed,
                "precision": s.precision(), "recall": s.recall(), "f1": s.f1(),
            })
        };
        serde_json::json!({
            "sentences": self.cases.len(),
            "triples": score(&self.triples),
            "records": score(&self.records),
            "exact": self.exact(),
            "exact_rate": self.exact_rate(),
            "modality_agree": self.modality_agree,
            "modality_rate": self.modality_rate(),
            "cases": self.cases.iter().map(|c| serde_json::json!({
                "id": c.id, "text": c.text, "exact": c.exact(),
                "expected": c.expected, "got": c.got,
            })).collect::<Vec<_>>(),
        })
    }
}

fn render_expected(e: &Expected) -> String {
    let mut s = format!("{} {}>{}", e.cameo, e.source, e.target.as_deref().unwrap_or("-"));
    push_flags(&mut s, e.negated, e.modality);
    s
}

fn push_flags(s: &mut String, negated: bool, modality: Modality) {
    if negated {
        s.push_str(" negated");
    }
    match modality {
        Modality::Asserted => {}
        Modality::Intended => s.push_str(" intended"),
        Modality::Hypothetical => s.push_str(" hypothetical"),
        Modality::Question => s.push_str(" question"),
    }
}

fn render_event(doc: &Document, e: &Event) -> String {
    let actor = |a: &dragoman_doc::EventActor| format!("{}[{}]", doc.slice(a.span), a.code.as_deref().unwrap_or("?"));
    let mut s = format!("{} {}>{}", e.cameo, actor(&e.source), e.target.as_ref().map_or("-".to_string(), actor));
    push_flags(&mut s, e.negated, e.modality);
    s.push_str(&format!("  ({})", e.rule));
    s
}

/// Runs every case through `analyse` (the caller's pipeline: text and the case's date in,
/// document and events out) and scores the events.
pub fn run(cases: &[DevCase], analyse: impl Fn(&str, Option<&str>) -> Coded) -> DevReport {
    let mut rep = DevReport::default();
    for case in cases {
        let coded = analyse(&case.text, case.date.as_deref());
        let (doc, events) = (&coded.doc, &coded.events);
        let triples = score_with(case, doc, events, false);
        let records = score_with(case, doc, events, true);
        rep.triples.add(triples);
        rep.records.add(records);
        rep.modality_agree += records.correct;
        rep.cases.push(CaseResult {
            id: case.id.clone(),
            text: case.text.clone(),
            expected: case.expected.iter().map(render_expected).collect(),
            got: events.iter().map(|e| render_event(doc, e)).collect(),
            triples,
            records,
        });
    }
    rep
}
