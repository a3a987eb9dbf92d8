//! Development harness: scores the finder on a PolNeAR compartment after `dragoman-segment` (no
//! parse, no actor mentions), or dumps its predictions for error analysis.
//!
//! cargo run --release -p dragoman-quotes --example polnear -- /work/shared/data/polnear/dev [--json] [--dump FILE] [--bench]

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
    if args.iter().any(|a| a == "--bench") {
        // Throughput of the finder alone, on documents segmented beforehand.
        let docs: Vec<_> = polnear::load(&dir)?.iter().map(|a| segmented(&a.text)).collect();
        let tokens: usize = docs.iter().map(|d| d.tokens.len()).sum();
        let mut best = f64::MAX;
        let mut found = 0;
        for _ in 0..5 {
            let t0 = std::time::Instant::now();
            found = docs.iter().map(|d| finder.find(d, &[]).len()).sum::<usize>();
            best = best.min(t0.elapsed().as_secs_f64());
        }
        println!("{} docs, {tokens} tokens, {found} quotes: best of 5 {:.3} s = {:.0} tokens/s", docs.len(), best, tokens as f64 / best);
        return Ok(());
    }
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
