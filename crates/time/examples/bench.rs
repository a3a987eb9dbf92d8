//! Throughput of the time tagger alone (segmentation excluded), in tokens per second.
//! Usage: `cargo run --release -p dragoman-time --example bench -- DIR_WITH_TML [...]`

use dragoman_doc::Document;
use dragoman_time::{timeml, TimeTagger};
use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dirs: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let mut docs = Vec::new();
    for f in timeml::tml_files(&dirs)? {
        let t = timeml::read_timeml(&f)?;
        let mut d = Document::new(t.text);
        dragoman_segment::segment(&mut d);
        docs.push((d, t.dct));
    }
    let tokens: usize = docs.iter().map(|(d, _)| d.tokens.len()).sum();
    let tagger = TimeTagger::new();
    let start = Instant::now();
    let started = Instant::now();
    // Segmentation time for comparison (the tagger should cost a fraction of tag + parse).
    let mut seg_docs: Vec<Document> = docs.iter().map(|(d, _)| Document::new(d.text.clone())).collect();
    for d in &mut seg_docs {
        dragoman_segment::segment(d);
    }
    let seg = started.elapsed();
    let mut found = 0usize;
    let rounds = 20;
    let t0 = Instant::now();
    for _ in 0..rounds {
        for (d, dct) in &docs {
            found += tagger.tag(d, *dct).len();
        }
    }
    let el = t0.elapsed();
    let _ = start;
    println!(
        "{} docs, {} tokens, {} timexes/round; time tagger: {:.2} M tokens/s ({:.1} ms/round); segmenter: {:.2} M tokens/s",
        docs.len(),
        tokens,
        found / rounds,
        (tokens * rounds) as f64 / el.as_secs_f64() / 1e6,
        el.as_secs_f64() * 1000.0 / rounds as f64,
        tokens as f64 / seg.as_secs_f64() / 1e6
    );
    Ok(())
}
