//! Prints the actor mentions of a text file: `cargo run --release -p dragoman-actors --example
//! recognise -- FILE [YYYY-MM-DD] [--actors PETRARCH_FILE]...`
use std::time::Instant;

use dragoman_actors::KnowledgeBase;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().ok_or("usage: recognise FILE [DATE] [--actors FILE]...")?;
    let date = args.get(1).filter(|a| !a.starts_with("--")).map(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")).transpose()?;
    let mut b = KnowledgeBase::builder().embedded_data()?;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--actors" {
            b = b.add_petrarch_file(it.next().ok_or("--actors needs a file")?)?;
        }
    }
    let t = Instant::now();
    let kb = b.build()?;
    eprintln!("built in {:?}: {}", t.elapsed(), kb.stats());
    let text = std::fs::read_to_string(path)?;
    let mut doc = dragoman_doc::Document::new(text);
    dragoman_segment::segment(&mut doc);
    for m in kb.recognise_detailed(&doc, date) {
        println!(
            "{:>3} {:<45} {:<12} {:<8} {:<24} {:<30} {}",
            m.sentence,
            format!("{:?}", doc.slice(m.span)),
            format!("{:?}", m.kind).to_lowercase(),
            m.code.as_deref().unwrap_or("-"),
            m.rule,
            m.entity_id.as_deref().unwrap_or("-"),
            m.country.as_deref().unwrap_or("-").to_string() + "/" + m.sector.as_deref().unwrap_or("-"),
        );
    }
    Ok(())
}
