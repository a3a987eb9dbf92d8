//! `cargo run --release -p dragoman-actors --example lookup -- "Imran Khan" [YYYY-MM-DD]`: what
//! `dragoman actors lookup` prints.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let name = args.next().ok_or("usage: lookup NAME [DATE]")?;
    let date = args.next().map(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d")).transpose()?;
    let kb = dragoman_actors::KnowledgeBase::embedded()?;
    print!("{}", dragoman_actors::report(&name, &kb.lookup(&name, date)));
    Ok(())
}
