//! The PETRARCH importer: verb dictionaries, agents and discards mapped into the coder.

mod common;

use common::{actors, doc, show};
use dragoman_doc::ActorKind::{City, Country, Person};
use dragoman_doc::ActorKind;
use dragoman_events::{parse_verbs, Coder, Slot};
use std::io::Write;

const CAST: &[(&str, &str, ActorKind)] = &[
    ("Khan", "PAKGOV", Person),
    ("Putin", "RUSGOV", Person),
    ("Russia", "RUS", Country),
    ("Moscow", "RUS", City),
    ("Ukraine", "UKR", Country),
];

const VERBS: &str = "\
&FOOD
+FOOD
+WHEAT

---  ACCELERATE   [---]  ---
RUSH
SPEED {SPEEDING SPEEDS SPED }
- * (TO)                                              [042:043]     # RUSH
- * &FOOD                                             [073]         # RUSH
- * RUN-OFF                                           [---]         # FACE

---  MEET_PEOPLE   [040]  ---
+MEET_WITH {+MET_WITH}
MEET {MEETS MET MEETING}
- * CRITICISM                                         [:111]        # FACE
";

fn write_tmp(name: &str, text: &str) -> std::path::PathBuf {
    // Tests run in parallel: every call gets its own file.
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let k = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let p = std::env::temp_dir().join(format!("dragoman-events-{}-{k}-{name}", std::process::id()));
    std::fs::File::create(&p).and_then(|mut f| f.write_all(text.as_bytes())).expect("temp file");
    p
}

#[test]
fn verb_dictionary_maps_into_patterns() {
    let (pats, report) = parse_verbs(VERBS, "test.verbs");
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    assert_eq!(report.verbs, 4);
    // rush/speed x 3 patterns, meet_with/meet bare (2) and x 1 pattern.
    assert_eq!(pats.len(), 6 + 2 + 2);
    let to = pats.iter().find(|p| p.head.as_ref() == "rush" && p.code.as_deref() == Some("042")).unwrap();
    assert_eq!(to.pair.as_deref(), Some("043"));
    assert!(matches!(&to.target, Slot::Prep(w) if w.0.iter().any(|x| &**x == "to")));
    let food = pats.iter().find(|p| p.head.as_ref() == "speed" && p.code.as_deref() == Some("073")).unwrap();
    assert!(food.object.as_ref().unwrap().head.0.iter().any(|w| &**w == "wheat"));
    assert!(pats.iter().any(|p| p.code.is_none() && p.pair.as_deref() == Some("111")));
}

fn petr_coder() -> Coder {
    let v = write_tmp("verbs.txt", VERBS);
    Coder::builder().without_embedded().petrarch_verbs(&v).unwrap().build().unwrap()
}

macro_rules! t {
    ($name:ident, $tree:expr, [$($want:expr),* $(,)?]) => {
        #[test]
        fn $name() {
            let d = doc($tree);
            let a = actors(&d, CAST);
            let got: Vec<String> = petr_coder().code(&d, &a, &[]).iter().map(|e| show(&d, e)).collect();
            let want: Vec<&str> = vec![$($want),*];
            assert_eq!(got, want);
        }
    };
}

t!(petr_pair_codes, "Khan/PROPN/2/nsubj rushed/VERB/0/root/rush to/ADP/4/case Moscow/PROPN/2/obl", ["042 Khan>Moscow", "043 Moscow>Khan"]);
t!(petr_synset_object, "Russia/PROPN/2/nsubj sped/VERB/0/root/speed wheat/NOUN/2/obj to/ADP/5/case Ukraine/PROPN/2/obl", ["073 Russia>Ukraine"]);
t!(petr_block_default, "Putin/PROPN/2/nsubj met/VERB/0/root/meet Khan/PROPN/2/obj", ["040 Putin>Khan"]);
t!(petr_mirrored_only, "Putin/PROPN/2/nsubj met/VERB/0/root/meet criticism/NOUN/2/obj from/ADP/5/case Ukraine/PROPN/2/obl", ["111 Ukraine>Putin"]);
t!(petr_blocking_pattern, "Putin/PROPN/2/nsubj rushed/VERB/0/root/rush run-off/NOUN/2/obj", []);

#[test]
fn agents_code_uncovered_nouns_and_discards_stop_coding() {
    let ag = write_tmp("agents.txt", "!PERSON! = MAN, MEN\nPOLICE [~COP] # x\nFOREIGN_MINISTER [~GOVFRM]\nPOLICE!PERSON! [~COP]\n");
    let dis = write_tmp("discards.txt", "+TYPHOON\nMANCHESTER UNITED\n");
    let c = Coder::builder().petrarch_agents(&ag).unwrap().petrarch_discards(&dis).unwrap().build().unwrap();
    let d = doc("Police/NOUN/2/nsubj/police arrested/VERB/0/root/arrest Khan/PROPN/2/obj");
    let a = actors(&d, CAST);
    let ev = c.code(&d, &a, &[]);
    assert_eq!(ev.iter().map(|e| show(&d, e)).collect::<Vec<_>>(), ["173 Police>Khan"]);
    assert_eq!(ev[0].source.code.as_deref(), Some("COP"));
    let d2 = doc("Typhoon/PROPN/2/nsubj hit/VERB/0/root/hit Russia/PROPN/2/obj");
    assert!(c.code(&d2, &actors(&d2, CAST), &[]).is_empty());
}

/// The shared PETRARCH dictionaries import with few skipped lines (run with `--nocapture` for
/// the counts).
#[test]
fn shared_cameo_dictionary_imports() {
    let dir = std::path::Path::new("/work/shared/data/petrarch");
    if !dir.exists() {
        eprintln!("skipped: {} not present", dir.display());
        return;
    }
    for f in ["CAMEO.2.0.txt", "PETR.Validate.verbs.txt"] {
        let b = Coder::builder().without_embedded().petrarch_verbs(&dir.join(f)).unwrap();
        let r = b.reports()[0].clone();
        let c = b.build().unwrap();
        println!("{f}: {} verbs, {} patterns, {} skipped lines", r.verbs, r.patterns, r.skipped.len());
        for s in r.skipped.iter().take(5) {
            println!("  skipped {s:?}");
        }
        assert!(r.patterns > 100, "{f}");
        assert!(r.skipped.len() * 20 < r.patterns, "{f}: too many skipped");
        assert_eq!(c.pattern_count(), r.patterns);
    }
    for f in ["PETR.Validate.agents.txt", "Phoenix.agents.txt"] {
        let b = Coder::builder().petrarch_agents(&dir.join(f)).unwrap();
        let r = &b.reports()[0];
        println!("{f}: {} agent entries, {} skipped", r.entries, r.skipped.len());
        assert!(r.entries > 50);
    }
}

