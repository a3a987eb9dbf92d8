//! Loads the four Phoenix dictionaries and checks a sample resolves as written:
//! `cargo run --release -p dragoman-actors --example phoenix -- /work/shared/data/petrarch [EVERY]`
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "/work/shared/data/petrarch".into());
    let every: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(25);
    let r = dragoman_actors::check_sample(std::path::Path::new(&dir), every)?;
    println!(
        "load+build {:?}; {} Phoenix entries; sampled {}: {} resolved, {} shadowed by a later same-named entry, {} failed",
        r.load_time,
        r.entries_loaded,
        r.checked,
        r.resolved,
        r.shadowed,
        r.failures.len()
    );
    for f in r.failures.iter().take(20) {
        println!("  {f}");
    }
    Ok(())
}
