//! The embedded dictionaries: they compile, cover every PLOVER-mapped CAMEO code, and hold no
//! pattern that an earlier one with another code would always shadow.

use dragoman_events::Coder;
use std::collections::BTreeSet;

#[test]
fn embedded_compiles_with_enough_patterns() {
    let c = Coder::embedded().expect("embedded dictionaries compile");
    assert!(c.pattern_count() >= 1500, "{} patterns", c.pattern_count());
}

#[test]
fn every_code_in_the_table_has_a_pattern() {
    let c = Coder::embedded().unwrap();
    let used: BTreeSet<&str> = c.dictionary().patterns().iter().filter_map(|p| p.code.as_deref()).collect();
    let missing: Vec<&str> = c
        .codes()
        .iter()
        .map(|i| i.cameo.as_str())
        .filter(|code| !matches!(*code, "01" | "02") && !used.contains(code))
        .collect();
    assert!(missing.is_empty(), "codes without a pattern: {missing:?}");
}

/// The shared CAMEO->PLOVER table, when present, lists no code the code table lacks, and the
/// PLOVER types agree.
#[test]
fn code_table_matches_cameo2plover() {
    let path = std::path::Path::new("/work/shared/data/plover/CAMEO2PLOVER-2021.txt");
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("skipped: {} not present", path.display());
        return;
    };
    let c = Coder::embedded().unwrap();
    let mut seen = BTreeSet::new();
    for line in text.lines() {
        let Some((code, rest)) = line.split_once(':') else { continue };
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        seen.insert(code.to_string());
        let typ = rest.split([',', '#']).next().unwrap_or("").trim();
        let info = c.codes().get(code).unwrap_or_else(|| panic!("code {code} missing from codes.txt"));
        if seen.len() > 0 && !typ.is_empty() && code.len() > 2 {
            assert_eq!(info.plover.as_deref(), Some(typ), "PLOVER type of {code}");
        }
    }
    assert_eq!(seen.len(), 274, "distinct codes in the mapping");
}

#[test]
fn no_shadowed_patterns() {
    let c = Coder::embedded().unwrap();
    let conflicts = c.dictionary().conflicts();
    assert!(conflicts.is_empty(), "{} conflicts: {:#?}", conflicts.len(), conflicts);
}

/// Goldstein weights and quad classes of a few well-known codes.
#[test]
fn code_table_values() {
    let c = Coder::embedded().unwrap();
    for (code, quad, g, intent) in [
        ("036", 1, 4.0, None),
        ("040", 1, 1.0, Some("036")),
        ("042", 1, 1.9, Some("036")),
        ("057", 1, 8.0, Some("031")),
        ("0871", 2, 10.0, Some("0356")),
        ("112", 3, -2.0, None),
        ("163", 4, -8.0, None),
        ("190", 4, -10.0, None),
    ] {
        let i = c.codes().get(code).unwrap();
        assert_eq!((i.quad_class, i.goldstein, i.intent.as_deref()), (quad, g, intent), "{code}");
    }
}

/// Prints the dictionary's size (run with `--nocapture` to see it).
#[test]
fn report_sizes() {
    let c = Coder::embedded().unwrap();
    let lines: BTreeSet<&str> = c.dictionary().patterns().iter().map(|p| p.rule.as_str()).collect();
    let nouns = c.dictionary().patterns().iter().filter(|p| p.kind == dragoman_events::Kind::Noun).count();
    let codes: BTreeSet<&str> = c.dictionary().patterns().iter().filter_map(|p| p.code.as_deref()).collect();
    println!(
        "patterns: {} compiled ({} noun), {} lines; codes with patterns: {}",
        c.pattern_count(),
        nouns,
        lines.len(),
        codes.len()
    );
    assert!(codes.len() >= 274);
}
