//! Coding throughput over hand-built parses (no parser needed): a document of many sentences
//! built from the test trees, coded with the embedded dictionaries and, when the file is given,
//! with a PETRARCH verb dictionary added.
//!
//! `cargo run --release -p dragoman-events --example throughput [-- CAMEO.2.0.txt]`

#[path = "../tests/common/mod.rs"]
mod common;

use dragoman_doc::ActorKind::{City, Country, Person};
use dragoman_events::Coder;
use std::time::Instant;

const TREES: &[&str] = &[
    "Putin/PROPN/2/nsubj met/VERB/0/root/meet Khan/PROPN/2/obj ./PUNCT/2/punct",
    "Khan/PROPN/3/nsubj:pass was/AUX/3/aux:pass/be received/VERB/0/root/receive by/ADP/5/case Putin/PROPN/3/obl:agent ./PUNCT/3/punct",
    "Moscow/PROPN/6/nsubj and/CCONJ/3/cc Islamabad/PROPN/1/conj are/AUX/6/cop/be in/ADP/6/case talks/NOUN/0/root/talk ./PUNCT/6/punct",
    "Russia/PROPN/4/nsubj did/AUX/4/aux/do n't/PART/4/advmod/not seek/VERB/0/root Pakistan/PROPN/7/nmod:poss 's/PART/5/case support/NOUN/4/obj ./PUNCT/4/punct",
    "The/DET/2/det analyst/NOUN/3/nsubj said/VERB/0/root/say the/DET/5/det visit/NOUN/8/nsubj did/AUX/8/aux/do not/PART/8/advmod come/VERB/3/ccomp at/ADP/12/case a/DET/12/det suitable/ADJ/12/amod time/NOUN/8/obl ./PUNCT/3/punct",
    "Khan/PROPN/6/nsubj ,/PUNCT/4/punct the/DET/4/det premier/NOUN/1/appos ,/PUNCT/4/punct met/VERB/0/root/meet Putin/PROPN/6/obj in/ADP/9/case Moscow/PROPN/6/obl ./PUNCT/6/punct",
    "Russia/PROPN/3/nsubj:pass is/AUX/3/aux:pass/be expected/VERB/0/root/expect to/PART/5/mark sign/VERB/3/xcomp a/DET/7/det deal/NOUN/5/obj with/ADP/9/case China/PROPN/5/obl ./PUNCT/3/punct",
    "Prices/NOUN/2/nsubj/price rose/VERB/0/root/rise sharply/ADV/2/advmod in/ADP/5/case January/PROPN/2/obl ./PUNCT/2/punct",
];

fn main() {
    let reps = 2500;
    let compact: Vec<&str> = (0..reps).flat_map(|_| TREES.iter().copied()).collect();
    let doc = common::doc(&compact.join(" || "));
    let cast = [
        ("Khan", "PAKGOV", Person),
        ("Putin", "RUSGOV", Person),
        ("Russia", "RUS", Country),
        ("Moscow", "RUS", City),
        ("Islamabad", "PAK", City),
        ("Pakistan", "PAK", Country),
        ("China", "CHN", Country),
    ];
    let actors = common::actors(&doc, &cast);
    let mut coders = vec![("embedded", Coder::embedded().expect("embedded").clone())];
    if let Some(path) = std::env::args().nth(1) {
        let c = Coder::builder().petrarch_verbs(std::path::Path::new(&path)).expect("verbs").build().expect("build");
        coders.push(("embedded + PETRARCH", c));
    }
    for (name, coder) in &coders {
        let mut best = f64::MAX;
        let mut n = 0;
        for _ in 0..5 {
            let t = Instant::now();
            n = coder.code(&doc, &actors, &[]).len();
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!(
            "{name}: {} patterns, {} sentences, {} tokens, {} events in {:.1} ms: {:.0} tokens/s, {:.0} sentences/s",
            coder.pattern_count(),
            doc.sentences.len(),
            doc.tokens.len(),
            n,
            best * 1e3,
            doc.tokens.len() as f64 / best,
            doc.sentences.len() as f64 / best
        );
    }
}
