//! Prints the quotes found in a text file (segmented, no parse, no actor mentions).
//!
//! cargo run --release -p dragoman-quotes --example show -- FILE

use dragoman_quotes::QuoteFinder;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: show FILE")?;
    let mut doc = dragoman_doc::Document::new(std::fs::read_to_string(path)?);
    dragoman_segment::segment(&mut doc);
    for q in QuoteFinder::embedded()?.find(&doc, &[]) {
        let sp = q.speaker.as_ref();
        println!(
            "{:?} [{}]\n  content: {:?}\n  cue: {:?}\n  speaker: {:?} → {:?}\n",
            q.kind,
            q.rule,
            doc.slice(q.content),
            q.cue.map(|c| doc.slice(c)),
            sp.map(|s| doc.slice(s.span)),
            sp.and_then(|s| s.entity.as_deref())
        );
    }
    Ok(())
}
