//! Runs a development set end to end (segment → parse → actors → time → quotes → events) and
//! prints the scores, then every sentence that is not exact, with its parse when `--trees` is given.
//!
//! `cargo run --release -p dragoman-events --example devset -- [FILE.tsv] [--failures] [--trees] [--json]`
//! (default file: `crates/events/tests/devset.tsv`);
//! `... --example devset -- --article FILE.txt [--date YYYY-MM-DD] [--trees]` codes one article and
//! prints its events with their sentences.

#[path = "../tests/support/pipeline.rs"]
mod pipeline;

use dragoman_events::devset::{parse_devset, run};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let file = args.iter().find(|a| !a.starts_with("--")).cloned().unwrap_or_else(|| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/devset.tsv").to_string()
    });
    let flag = |f: &str| args.iter().any(|a| a == f);
    let value = |f: &str| args.iter().position(|a| a == f).and_then(|k| args.get(k + 1)).cloned();
    if let Some(path) = value("--article") {
        let stages = pipeline::Stages::embedded();
        let text = std::fs::read_to_string(&path)?;
        let coded = stages.analyse(&text, value("--date").as_deref());
        let d = &coded.doc;
        for (si, sent) in d.sentences.iter().enumerate() {
            println!("[{si}] {}", d.slice(sent.span));
            for e in coded.events.iter().filter(|e| e.sentence == si) {
                let a = |x: &dragoman_doc::EventActor| format!("{}[{}]", d.slice(x.span), x.code.as_deref().unwrap_or("?"));
                println!(
                    "    {} {} > {} «{}» neg={} {:?} date={:?} ({})",
                    e.cameo,
                    a(&e.source),
                    e.target.as_ref().map_or("-".into(), a),
                    d.slice(e.trigger),
                    e.negated,
                    e.modality,
                    e.date,
                    e.rule
                );
            }
            if flag("--trees") {
                print!("{}", pipeline::tree_range(d, sent.tokens.clone()));
            }
        }
        return Ok(());
    }
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
