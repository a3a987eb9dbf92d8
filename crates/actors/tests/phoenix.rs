//! Loads the Phoenix PETRARCH dictionaries and checks a sample resolves as written. Needs the
//! shared data: runs only when `DRAGOMAN_PETRARCH_DIR` names the directory holding
//! `Phoenix.*.actors.txt` and `Phoenix.agents.txt` (the evaluation suite sets it; unit tests never
//! read /work/shared). The lead can call `dragoman_actors::check_sample(dir, every)` directly.

#[test]
fn phoenix_dictionaries_load_fast_and_resolve_as_written() {
    let Ok(dir) = std::env::var("DRAGOMAN_PETRARCH_DIR") else {
        eprintln!("DRAGOMAN_PETRARCH_DIR not set: skipped");
        return;
    };
    let r = dragoman_actors::check_sample(std::path::Path::new(&dir), 10).expect("Phoenix files load");
    eprintln!("{r:?}");
    assert!(r.entries_loaded > 20_000, "{} entries", r.entries_loaded);
    assert!(r.checked > 2_000, "{} checked", r.checked);
    assert!(r.failures.is_empty(), "{:#?}", r.failures);
    if !cfg!(debug_assertions) {
        assert!(r.load_time.as_secs_f64() < 1.0, "load took {:?}", r.load_time);
    }
}
