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
        if !typ.is_empty() && code.len() > 2 {
            assert_eq!(info.plover.as_deref(), Some(typ), "PLOVER type of {code}");
        }
    }
    assert_eq!(seen.len(), 274, "distinct codes in the mapping");
}

/// Two lines whose objects share a word shadow each other on it, whatever else they list.
#[test]
fn overlapping_alternatives_are_conflicts() {
    use dragoman_events::{parse_patterns, Dictionary};
    let conflicts = |text: &str| Dictionary::new(parse_patterns(text, "t").unwrap()).conflicts().len();
    assert_eq!(conflicts("@160\ncut|reduce relations|ties with X\n@161\nsever|cut ties|contacts with X\n"), 1);
    assert_eq!(conflicts("@160\nreduce relations|ties with X\n@161\nsever|cut ties|contacts with X\n"), 0);
    // ... and so do targets introduced by overlapping prepositions
    assert_eq!(conflicts("@180\ncarry out attack on|against X\n@190\ncarry out attack|raid against X\n"), 1);
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

/// The pattern notation: one row per element kind.
#[test]
fn pattern_notation() {
    use dragoman_events::{parse_patterns, Kind, Slot};
    let words = |w: &dragoman_events::Words| w.0.iter().map(|x| x.to_string()).collect::<Vec<_>>().join("|");
    let rows: &[(&str, &str)] = &[
        ("visit X", "V visit obj=- prt=- tgt=OBJ cons=0"),
        ("meet with X recip", "V meet obj=- prt=- tgt=with cons=0 recip"),
        ("pay visit|call to X", "V pay obj=visit|call prt=- tgt=to cons=0"),
        ("carry out attack on X", "V carry obj=attack prt=out tgt=on cons=0"),
        ("impose {economic sanction} on X", "V impose obj=sanction prt=- tgt=on cons=0"),
        ("accuse X (of corruption)", "V accuse obj=- prt=- tgt=OBJ cons=1"),
        ("beg for concession from X", "V beg obj=- prt=- tgt=from cons=1"),
        ("stage {hunger strike} over policy|law", "V stage obj=strike prt=- tgt=- cons=1"),
        ("blow himself up", "V blow obj=himself prt=up tgt=- cons=0"),
        ("n: visit to X", "N visit obj=- prt=- tgt=to cons=0"),
        ("n: hunger strike", "N strike obj=- prt=- tgt=- cons=1"),
        ("n: attempt (on life)", "N attempt obj=- prt=- tgt=- cons=1"),
    ];
    for (line, want) in rows {
        let p = &parse_patterns(&format!("@040\n{line}\n"), "t").unwrap_or_else(|e| panic!("{line}: {e}"))[0];
        let got = format!(
            "{} {} obj={} prt={} tgt={} cons={}{}",
            if p.kind == Kind::Verb { "V" } else { "N" },
            p.head,
            p.object.as_ref().map_or("-".into(), |o| words(&o.head)),
            p.particle.as_ref().map_or("-".into(), words),
            match &p.target { Slot::None => "-".into(), Slot::Object => "OBJ".into(), Slot::Prep(w) => words(w) },
            p.constraints.len(),
            if p.recip { " recip" } else { "" },
        );
        assert_eq!(&got, want, "{line}");
    }
    // a `{...}` phrase inside a constraint: modifiers, head and a phrase of its own
    let p = &parse_patterns("@1124\naccuse X (of {war crime|crimes})\naccuse X (of {crime against humanity})\n", "t").unwrap();
    let c = &p[0].constraints[0];
    assert_eq!((words(&c.word), c.mods.iter().map(words).collect::<Vec<_>>(), c.cons.len()), ("crime|crimes".into(), vec!["war".to_string()], 0));
    let c = &p[1].constraints[0];
    assert_eq!((words(&c.word), c.mods.len(), c.cons.len()), ("crime".into(), 0, 1));
    assert_eq!(words(&c.cons[0].word), "humanity");
    assert!(c.weight() > p[0].constraints[0].weight());
    // `X!`: the object must stand for an actor
    let p = &parse_patterns("@173\ntry X!\ntry X\n@042\ngo to X!\n", "t").unwrap();
    assert!(p[0].actor_target && p[0].target == Slot::Object && !p[1].actor_target);
    assert!(p[2].actor_target && matches!(&p[2].target, Slot::Prep(w) if words(w) == "to"));
    // `X@`: the target must be a place (and so an actor)
    let p = &parse_patterns("@042\ngo to X@\n@043\nhost X@\n", "t").unwrap();
    assert!(p[0].place_target && p[0].actor_target && matches!(&p[0].target, Slot::Prep(w) if words(w) == "to"));
    assert!(p[1].place_target && p[1].target == Slot::Object);
    // `X+`: the target must be an actor itself
    let p = &parse_patterns("@043\nreceive X+\n", "t").unwrap();
    assert!(p[0].person_target && p[0].actor_target && !p[0].place_target && p[0].target == Slot::Object);
    // `_` in a constraint: any word ("attack X (for _)": any reason given)
    let p = &parse_patterns("@111\nattack X (for _)\n", "t").unwrap();
    assert!(p[0].constraints[0].word.matches("failing", "failing") && p[0].constraints[0].prep.as_ref().is_some_and(|w| words(w) == "for"));
    // an event noun's `P X!`: the phrase is required
    let p = &parse_patterns("@190
n: operation against X!
", "t").unwrap();
    assert!(p[0].actor_target && matches!(&p[0].target, Slot::Prep(w) if words(w) == "against"));
    // `_` and `intr` name what the direct object is, or that there is none
    let p = &parse_patterns("@040
discuss _ with X recip
@143
strike intr
", "t").unwrap();
    assert!(p[0].topic_object && p[0].recip && p[1].intransitive && !p[1].topic_object);
    for bad in [
        "X visit", "n: visit X", "meet X X", "visit (to X)", "@x", "accuse X (of &NOPE)", "accuse X (of big {war crime})",
        "n: visit X!", "n: visit X@", "n: visit X+", "discuss _ X", "discuss X _", "strike intr X", "strike _ intr", "n: strike intr", "n: talk _",
    ] {
        assert!(parse_patterns(&format!("@040\n{bad}\n"), "t").is_err(), "accepted `{bad}`");
    }
}
