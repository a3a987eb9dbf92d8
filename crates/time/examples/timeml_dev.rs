//! Development aid: scores the development half of TimeBank and prints its disagreements.
//! Usage: `cargo run --release -p dragoman-time --example timeml_dev -- /path/to/TimeBank [/path/to/AQUAINT] [--all]`
//! Only the development split's errors are printed; with `--all` the report adds the held-out
//! split and the full set (scores only).

use dragoman_time::timeml;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let all = args.iter().any(|a| a == "--all");
    let dirs: Vec<PathBuf> = args.iter().filter(|a| !a.starts_with("--")).map(PathBuf::from).collect();
    let (dev, held) = timeml::dev_heldout_split(&dirs)?;
    let m_dev = timeml::evaluate_files(&dev)?;
    if all {
        let m_held = timeml::evaluate_files(&held)?;
        let m_all = timeml::evaluate(&dirs)?;
        print!("{}", timeml::report(&[("dev", &m_dev), ("held-out", &m_held), ("all", &m_all)]));
    } else {
        for d in timeml::diagnose(&dev)? {
            let g = d.gold.map(|(t, k, v)| format!("{t} {k} {v}")).unwrap_or_default();
            let s = d.system.map(|(t, k, v, r)| format!("{t} {k} {v} ({r})")).unwrap_or_default();
            println!("{:<8}\tG: {g}\tS: {s}\t{}", d.what, d.context);
        }
        print!("{}", timeml::report(&[("dev", &m_dev)]));
    }
    Ok(())
}
