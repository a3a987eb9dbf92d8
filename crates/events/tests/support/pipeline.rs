//! The pipeline's stages wired by hand (segment → parse → actors → time → quotes → events), for
//! end-to-end runs inside this crate, which cannot depend on `dragoman-pipeline` (it depends on us).
#![allow(dead_code)]

use dragoman_doc::Document;
use dragoman_events::devset::Coded;
use dragoman_events::{assign_dates, Coder};

/// The date used when a case gives none: roles ("Khan" as prime minister) need one, and a fixed
/// date keeps runs reproducible (the actor stage would otherwise use today's roles).
pub const DEFAULT_DATE: &str = "2022-02-22";

pub struct Stages {
    syntax: &'static dragoman_syntax::Model,
    actors: &'static dragoman_actors::KnowledgeBase,
    time: dragoman_time::TimeTagger,
    quotes: &'static dragoman_quotes::QuoteFinder,
    pub coder: &'static Coder,
}

impl Stages {
    pub fn embedded() -> Stages {
        Stages {
            syntax: dragoman_syntax::Model::embedded().expect("syntax model"),
            actors: dragoman_actors::KnowledgeBase::embedded().expect("actor knowledge base"),
            time: dragoman_time::TimeTagger::new(),
            quotes: dragoman_quotes::QuoteFinder::embedded().expect("quote lexicon"),
            coder: Coder::embedded().expect("event dictionaries"),
        }
    }

    /// Segments and parses `text` (no actors, no events).
    pub fn parse(&self, text: &str) -> Document {
        let mut doc = Document::new(text);
        dragoman_segment::segment(&mut doc);
        self.syntax.annotate(&mut doc);
        doc
    }

    /// Runs every stage on `text`, dated `date` (or [`DEFAULT_DATE`]).
    pub fn analyse(&self, text: &str, date: Option<&str>) -> Coded {
        let date = date.unwrap_or(DEFAULT_DATE);
        let mut doc = Document::new(text);
        doc.meta.date = Some(date.to_string());
        dragoman_segment::segment(&mut doc);
        self.syntax.annotate(&mut doc);
        let d = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
        let actors = self.actors.recognise(&doc, d);
        let times = self.time.tag(&doc, d);
        let quotes = self.quotes.find(&doc, &actors);
        let mut events = self.coder.code(&doc, &actors, &quotes);
        assign_dates(&doc, &times, &mut events);
        Coded { doc, events }
    }
}

/// One line per token: index, form, UPOS, lemma, head, relation (for reading failures).
pub fn tree(doc: &Document) -> String {
    tree_range(doc, 0..doc.syntax.len())
}

/// [`tree`] for some tokens only (one sentence).
pub fn tree_range(doc: &Document, range: std::ops::Range<usize>) -> String {
    let mut o = String::new();
    for i in range {
        let w = &doc.syntax[i];
        o.push_str(&format!(
            "  {i:>3} {:<14} {:<6} {:<12} {:>3} {}\n",
            doc.token_text(i),
            w.upos,
            w.lemma,
            w.head.map_or("-".to_string(), |h| h.to_string()),
            w.deprel
        ));
    }
    o
}
