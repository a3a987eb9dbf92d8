//! Agreement with PETRARCH's test records: `dragoman_events::petrarch_eval::evaluate`.
//!
//! `cargo run --release -p dragoman-events --example petrarch_eval -- RECORDS.xml [--dicts DIR]
//! [--trees gold|own] [--failures] [--json]` (default DIR: the records file's folder);
//! `--show ID` prints one record's linear form (gold tree) and the events coded from it.

#[path = "../tests/support/pipeline.rs"]
mod pipeline;

use dragoman_events::petrarch_eval::{evaluate, Trees};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |f: &str| args.iter().position(|a| a == f).and_then(|k| args.get(k + 1)).cloned();
    let flag = |f: &str| args.iter().any(|a| a == f);
    let mut skip = false;
    let mut file = None;
    for a in &args {
        if skip {
            skip = false;
        } else if a == "--dicts" || a == "--trees" || a == "--show" {
            skip = true;
        } else if !a.starts_with("--") {
            file = Some(PathBuf::from(a));
        }
    }
    let file = file.ok_or("usage: petrarch_eval RECORDS.xml [--dicts DIR] [--trees gold|own] [--failures] [--json]")?;
    let dicts = value("--dicts").map(PathBuf::from).unwrap_or_else(|| file.parent().map(PathBuf::from).unwrap_or_default());
    if let Some(id) = value("--show") {
        // The record's linear form as the PETRARCH-compatible engine codes it, and its events.
        use dragoman_events::petrarch_eval::{load_compat, read_records, DictFiles};
        let (env, recs) = read_records(&std::fs::read_to_string(&file)?)?;
        let engine = load_compat(&dicts, &env.unwrap_or_else(DictFiles::phoenix))?;
        for r in recs.iter().filter(|r| r.id == id) {
            let tree = dragoman_events::penn::parse_tree(&r.parse)?;
            let mut opt = r.options.clone();
            opt.require_dyad = r.require_dyad;
            println!("{}", engine.linear_form(&tree, r.date.as_deref(), &opt));
            for e in engine.code(&tree, &r.text, r.date.as_deref(), &opt) {
                println!("event {} {}>{} {}", e.code, e.source, e.target, e.rule);
            }
        }
        return Ok(());
    }
    let own = value("--trees").as_deref() == Some("own");
    let stages = own.then(pipeline::Stages::embedded);
    let parse = |text: &str| stages.as_ref().map(|s| s.parse(text)).unwrap_or_default();
    let trees = if own { Trees::Own(&parse) } else { Trees::Gold };
    let m = evaluate(&file, &dicts, trees)?;
    if flag("--json") {
        println!("{}", serde_json::to_string_pretty(&m.to_json())?);
    } else {
        print!("{}", m.render(flag("--failures")));
    }
    Ok(())
}
