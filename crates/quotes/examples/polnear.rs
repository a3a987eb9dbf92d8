//! Development harness: scores the finder on a PolNeAR compartment after `dragoman-segment` (no
//! parse, no actor mentions), or dumps its predictions for error analysis.
//!
//! cargo run --release -p dragoman-quotes --example polnear -- /work/shared/data/polnear/dev [--json] [--dump FILE]

use dragoman_quotes::{polnear, QuoteFinder};
use std::io::Write;
use std::path::PathBuf;

fn segmented(text: &str) -> dragoman_doc::Document {
    let mut doc = dragoman_doc::Document::new(text);
    dragoman_segment::segment(&mut doc);
    doc
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(args.first().ok_or("usage: polnear DIR [--json] [--dump FILE]")?);
    let finder = QuoteFinder::embedded()?;
    if let Some(i) = args.iter().position(|a| a == "--dump") {
        let path = args.get(i + 1).ok_or("--dump FILE")?;
        let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
        for a in polnear::load(&dir)? {
            let doc = segmented(&a.text);
            let quotes = finder.find(&doc, &[]);
            let gold: Vec<_> = a.gold.iter().map(|g| serde_json::json!({"source": g.source, "cue": g.cue, "content": g.content})).collect();
            let sents: Vec<_> = doc.sentences.iter().map(|s| s.span).collect();
            writeln!(out, "{}", serde_json::json!({"name": a.name, "text": a.text, "gold": gold, "pred": quotes, "sentences": sents}))?;
        }
        return Ok(());
    }
    let m = polnear::evaluate(&dir, |text, _date| {
        let doc = segmented(text);
        let q = finder.find(&doc, &[]);
        (doc, q)
    })?;
    if args.iter().any(|a| a == "--json") {
        println!("{}", serde_json::to_string_pretty(&m)?);
    } else {
        print!("{}", polnear::report(&m));
    }
    Ok(())
}
