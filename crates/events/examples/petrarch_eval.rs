//! Agreement with PETRARCH's test records: `dragoman_events::petrarch_eval::evaluate`.
//!
//! `cargo run --release -p dragoman-events --example petrarch_eval -- RECORDS.xml [--dicts DIR]
//! [--trees gold|own] [--failures] [--json]` (default DIR: the records file's folder).

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
        use dragoman_events::petrarch_eval::{read_records, DictFiles, PetrCoder};
        let (env, recs) = read_records(&std::fs::read_to_string(&file)?)?;
        let pc = PetrCoder::load(&dicts, &env.unwrap_or_else(DictFiles::phoenix))?;
        for r in recs.iter().filter(|r| r.id == id) {
            let c = pc.code(r, &Trees::Gold);
            for (i, w) in c.doc.syntax.iter().enumerate() {
                println!("{i:>3} {:<14} {:<5} {:<12} {:>3} {}", c.doc.token_text(i), w.xpos, w.lemma, w.head.map_or("-".into(), |h| h.to_string()), w.deprel);
            }
            for a in &c.actors {
                println!("actor {:?} {:?} {:?}", c.doc.slice(a.span), a.kind, a.code);
            }
            for e in &c.events {
                println!("event {} {:?}>{:?} neg={} {:?} {}", e.cameo, e.source.code, e.target.as_ref().map(|t| t.code.clone()), e.negated, e.modality, e.rule);
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
