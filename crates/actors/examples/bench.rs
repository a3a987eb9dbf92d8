//! Actor recognition throughput over the sentences of a CoNLL-U file (e.g. UD English-EWT):
//! `cargo run --release -p dragoman-actors --example bench -- FILE.conllu [REPEAT]`.
//! The text of each sentence is re-segmented by dragoman-segment, then recognised; segmentation
//! time is excluded.
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: bench FILE.conllu [REPEAT]")?;
    let repeat: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(3);
    let conllu = std::fs::read_to_string(&path)?;
    // Documents of ~20 sentences, from the `# text = ` lines.
    let texts: Vec<&str> = conllu.lines().filter_map(|l| l.strip_prefix("# text = ")).collect();
    let docs: Vec<dragoman_doc::Document> = texts
        .chunks(20)
        .map(|c| {
            let mut d = dragoman_doc::Document::new(c.join(" "));
            dragoman_segment::segment(&mut d);
            d
        })
        .collect();
    let kb = dragoman_actors::KnowledgeBase::embedded()?;
    let date = chrono::NaiveDate::from_ymd_opt(2022, 2, 22);
    let tokens: usize = docs.iter().map(|d| d.tokens.len()).sum();
    let t = Instant::now();
    let mut mentions = 0;
    for _ in 0..repeat {
        for d in &docs {
            mentions += kb.recognise(d, date).len();
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "{} docs, {} tokens x {repeat}: {:.0} tokens/s, {:.0} sentences/s, {} mentions per pass",
        docs.len(),
        tokens,
        (tokens * repeat) as f64 / s,
        (texts.len() * repeat) as f64 / s,
        mentions / repeat
    );
    Ok(())
}
