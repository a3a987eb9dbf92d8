//! The development set is well-formed: every line parses, every code is in the code table, and
//! it has at least 150 sentences. (Running it end to end needs the parser and the actor stage:
//! the pipeline does that with `dragoman_events::devset::{parse_devset, score}`.)

mod common;

use dragoman_events::devset::{parse_devset, score, DevScore};
use dragoman_events::Coder;

const DEVSET: &str = include_str!("devset.tsv");

#[test]
fn devset_parses_and_uses_known_codes() {
    let cases = parse_devset(DEVSET).expect("devset parses");
    assert!(cases.len() >= 150, "{} cases", cases.len());
    let c = Coder::embedded().unwrap();
    for case in &cases {
        for e in &case.expected {
            assert!(c.codes().get(&e.cameo).is_some(), "{}: unknown code {}", case.id, e.cameo);
        }
    }
    let with = cases.iter().filter(|c| !c.expected.is_empty()).count();
    println!("{} cases, {} with events, {} expected events", cases.len(), with, cases.iter().map(|c| c.expected.len()).sum::<usize>());
}

#[test]
fn scoring_matches_code_actors_and_modality() {
    let cases = parse_devset("x\tPutin met Khan.\t040 Putin>Khan\n").unwrap();
    let d = common::doc("Putin/PROPN/2/nsubj met/VERB/0/root/meet Khan/PROPN/2/obj ./PUNCT/2/punct");
    let a = common::actors(&d, &[("Putin", "RUSGOV", dragoman_doc::ActorKind::Person), ("Khan", "PAKGOV", dragoman_doc::ActorKind::Person)]);
    let ev = Coder::embedded().unwrap().code(&d, &a, &[]);
    assert_eq!(score(&cases[0], &d, &ev), DevScore { correct: 1, spurious: 0, missed: 0 });
    let wrong = parse_devset("x\tPutin met Khan.\t040 Khan>Putin negated\n").unwrap();
    assert_eq!(score(&wrong[0], &d, &ev), DevScore { correct: 0, spurious: 1, missed: 1 });
}
