//! Runs a development set end to end (segment → parse → actors → time → quotes → events) and
//! prints the scores, then every sentence that is not exact, with its parse when `--trees` is given.
//!
//! `cargo run --release -p dragoman-events --example devset -- [FILE.tsv] [--failures] [--trees] [--json]`
//! (default file: `crates/events/tests/devset.tsv`).

#[path = "../tests/support/pipeline.rs"]
mod pipeline;

use dragoman_events::devset::{parse_devset, run};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let file = args.iter().find(|a| !a.starts_with("--")).cloned().unwrap_or_else(|| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/devset.tsv").to_string()
    });
    let flag = |f: &str| args.iter().any(|a| a == f);
    let cases = parse_devset(&std::fs::read_to_string(&file)?)?;
    let stages = pipeline::Stages::embedded();
    let report = run(&cases, |t, d| stages.analyse(t, d));
    if flag("--json") {
        println!("{}", serde_json::to_string_pretty(&report.to_json())?);
        return Ok(());
    }
    print!("{}", report.render(false));
    if flag("--failures") {
        for c in report.cases.iter().filter(|c| !c.exact()) {
            println!("\n{}  {}", c.id, c.text);
            for e in &c.expected {
                println!("    want {e}");
            }
            for g in &c.got {
                println!("    got  {g}");
            }
            if flag("--trees") {
                print!("{}", pipeline::tree(&stages.analyse(&c.text, None).doc));
            }
        }
    }
    Ok(())
}
