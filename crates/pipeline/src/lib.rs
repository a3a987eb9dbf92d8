//! The dragoman pipeline: the one library entry point that the CLI (and later an HTTP service or a
//! Python binding) calls to analyse an article.
//!
//! Stages, in order, each filling one layer of the [`Analysis`]:
//! 1. segment — tokens and sentences (`dragoman-segment`)
//! 2. tag/parse — parts of speech, lemmas, dependencies (`dragoman-syntax`)
//! 3. actors — mentions resolved to dated codes (`dragoman-actors`)
//! 4. time — TIMEX3 expressions normalised against the article date (`dragoman-time`)
//! 5. quotes — direct, mixed and reported speech with speakers (`dragoman-quotes`)
//! 6. events — CAMEO/PLOVER events with modality and evidence (`dragoman-events`)
//!
//! A stage that fails on one document (a bug that panics, a limit exceeded) is recorded in that
//! document's `errors`; the document still produces output with the layers that succeeded, and the
//! batch goes on.
//!
//! [`output`] renders the JSON Lines contract (character offsets) and [`pretty`] the human report;
//! [`stream`] runs the pipeline on many threads over a stream of records, in order, in bounded memory.
//!
//! ```
//! use dragoman_pipeline::Pipeline;
//! let p = Pipeline::new().unwrap();
//! let a = p.analyze(dragoman_doc::Document::new("Khan left. Putin stayed."));
//! assert_eq!(a.doc.sentences.len(), 2);
//! let json = dragoman_pipeline::output::to_json(&a);
//! assert_eq!(json["sentences"][1]["start"], 11);
//! ```

pub mod output;
pub mod pretty;
pub mod samples;
pub mod stream;

use dragoman_doc::{ActorMention, Document, Event, Quote, StageError, Timex};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("cannot load the {stage} stage: {message}")]
    Load { stage: &'static str, message: String },
}

fn load_err(stage: &'static str, e: impl std::fmt::Display) -> PipelineError {
    PipelineError::Load { stage, message: e.to_string() }
}

/// A document with every layer the pipeline derived from it.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub doc: Document,
    pub actors: Vec<ActorMention>,
    pub events: Vec<Event>,
    pub quotes: Vec<Quote>,
    pub times: Vec<Timex>,
}

/// The configured stages, immutable and shared by all threads.
pub struct Pipeline {
    syntax: &'static dragoman_syntax::Model,
    actors: &'static dragoman_actors::KnowledgeBase,
    time: dragoman_time::TimeTagger,
    quotes: &'static dragoman_quotes::QuoteFinder,
    events: &'static dragoman_events::Coder,
}

impl Pipeline {
    /// The pipeline with the embedded models and dictionaries.
    pub fn new() -> Result<Pipeline, PipelineError> {
        Ok(Pipeline {
            syntax: dragoman_syntax::Model::embedded().map_err(|e| load_err("syntax", e))?,
            actors: dragoman_actors::KnowledgeBase::embedded().map_err(|e| load_err("actors", e))?,
            time: dragoman_time::TimeTagger::new(),
            quotes: dragoman_quotes::QuoteFinder::embedded().map_err(|e| load_err("quotes", e))?,
            events: dragoman_events::Coder::embedded().map_err(|e| load_err("events", e))?,
        })
    }

    /// A pipeline with stages built by the caller (e.g. with PETRARCH dictionaries added).
    pub fn with_stages(
        actors: &'static dragoman_actors::KnowledgeBase,
        events: &'static dragoman_events::Coder,
    ) -> Result<Pipeline, PipelineError> {
        let mut p = Pipeline::new()?;
        p.actors = actors;
        p.events = events;
        Ok(p)
    }

    /// This pipeline with another syntax model (e.g. `Model::embedded_accurate()`).
    pub fn with_syntax(mut self, syntax: &'static dragoman_syntax::Model) -> Pipeline {
        self.syntax = syntax;
        self
    }

    /// Runs every stage on one document.
    pub fn analyze(&self, doc: Document) -> Analysis {
        self.analyze_timed(doc, &mut StageTimes::default())
    }

    /// [`Pipeline::analyze`], adding the time each stage took to `times` (for benchmarks that
    /// compare the stages' costs in one run).
    pub fn analyze_timed(&self, doc: Document, times: &mut StageTimes) -> Analysis {
        let mut a = Analysis { doc, ..Default::default() };
        let mut clock = Instant::now();
        let mut lap = |slot: &mut f64| {
            let now = Instant::now();
            *slot += (now - clock).as_secs_f64();
            clock = now;
        };
        run_stage(&mut a, "segment", |a| dragoman_segment::segment(&mut a.doc));
        lap(&mut times.segment);
        run_stage(&mut a, "syntax", |a| self.syntax.annotate(&mut a.doc));
        lap(&mut times.syntax);
        let date = a.doc.meta.date.as_deref().and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        run_stage(&mut a, "actors", |a| a.actors = self.actors.recognise(&a.doc, date));
        lap(&mut times.actors);
        run_stage(&mut a, "time", |a| a.times = self.time.tag(&a.doc, date));
        lap(&mut times.time);
        run_stage(&mut a, "quotes", |a| a.quotes = self.quotes.find(&a.doc, &a.actors));
        lap(&mut times.quotes);
        run_stage(&mut a, "events", |a| {
            let mut events = self.events.code(&a.doc, &a.actors, &a.quotes);
            dragoman_events::assign_dates(&a.doc, &a.times, &mut events);
            a.events = events;
        });
        lap(&mut times.events);
        a
    }
}

/// Seconds spent in each stage, summed over the documents analysed.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct StageTimes {
    pub segment: f64,
    pub syntax: f64,
    pub actors: f64,
    pub time: f64,
    pub quotes: f64,
    pub events: f64,
}

impl StageTimes {
    /// Each stage's cost as a share of tag + parse (the `syntax` stage), the reference the
    /// capability bars are stated against.
    pub fn report(&self) -> String {
        let base = self.syntax.max(1e-12);
        let total = self.segment + self.syntax + self.actors + self.time + self.quotes + self.events;
        let mut o = format!("stage costs (seconds; share of tag + parse), total {total:.3} s\n");
        for (name, t) in [
            ("segment", self.segment),
            ("tag + parse", self.syntax),
            ("actors", self.actors),
            ("time", self.time),
            ("quotes", self.quotes),
            ("events", self.events),
        ] {
            o.push_str(&format!("  {name:<12} {t:>8.3} s  {:>6.1} %\n", 100.0 * t / base));
        }
        o
    }
}

/// Runs one stage, turning a panic into a recorded error so that one bad document never takes the
/// batch down with it.
fn run_stage(a: &mut Analysis, stage: &str, f: impl FnOnce(&mut Analysis)) {
    if let Err(panic) = catch_unwind(AssertUnwindSafe(|| f(a))) {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "stage failed".into());
        a.doc.errors.push(StageError { stage: stage.into(), message: format!("internal error: {message}") });
    }
}
