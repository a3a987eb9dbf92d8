//! The floors on TBAQ-cleaned (TimeBank + AQUAINT), read at run time from the shared data
//! directory. Skipped (with a note) where the data is not installed.

use std::path::PathBuf;

#[test]
fn tbaq_floors_hold() {
    let root = PathBuf::from(std::env::var("DRAGOMAN_TIMEBANK").unwrap_or_else(|_| "/work/shared/data/timebank".into()));
    let dirs = vec![root.join("TimeBank"), root.join("AQUAINT")];
    if !dirs.iter().all(|d| d.is_dir()) {
        eprintln!("skipped: no TimeML data under {}", root.display());
        return;
    }
    let m = dragoman_time::timeml::evaluate(&dirs).expect("TimeML files parse");
    assert_eq!(m.gold, 1822, "TBAQ-cleaned has 1,822 TIMEX3 outside the creation times");
    assert!(m.relaxed_f1 >= 0.85, "relaxed extent F1 {:.3} below the 0.85 floor", m.relaxed_f1);
    assert!(m.value_f1 >= 0.75, "value F1 {:.3} below the 0.75 floor", m.value_f1);
}
