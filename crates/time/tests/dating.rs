//! Event dating: which time expression governs a trigger, with and without a syntax layer.

use dragoman_doc::{Document, WordSyntax};
use dragoman_time::{governing_timex, TimeTagger};

/// A parsed sentence: per token (head index or None for the root, relation, UPOS).
fn parse(text: &str, tree: &[(Option<usize>, &'static str, &'static str)]) -> Document {
    let mut doc = Document::new(text);
    dragoman_segment::segment(&mut doc);
    assert_eq!(doc.tokens.len(), tree.len(), "tree for {text:?}");
    doc.syntax = tree
        .iter()
        .enumerate()
        .map(|(i, &(head, deprel, upos))| WordSyntax {
            upos,
            xpos: "",
            lemma: doc.token_text(i).to_lowercase(),
            head,
            deprel,
        })
        .collect();
    doc
}

fn token(doc: &Document, word: &str) -> usize {
    (0..doc.tokens.len()).find(|&i| doc.token_text(i) == word).expect("word in sentence")
}

/// (document, trigger word, expected governing expression text or None)
fn check(doc: &Document, trigger: &str, want: Option<&str>) {
    let timexes = TimeTagger::new().tag(doc, chrono::NaiveDate::from_ymd_opt(2022, 2, 22));
    let got = governing_timex(doc, &timexes, token(doc, trigger)).map(|k| doc.slice(timexes[k].span));
    assert_eq!(got, want, "{:?} / {trigger}", doc.text);
}

#[test]
fn syntax_attachment_decides() {
    // Khan will visit Moscow on Wednesday .
    let d = parse(
        "Khan will visit Moscow on Wednesday.",
        &[(Some(2), "nsubj", "PROPN"), (Some(2), "aux", "AUX"), (None, "root", "VERB"), (Some(2), "obj", "PROPN"),
          (Some(5), "case", "ADP"), (Some(2), "obl", "PROPN"), (Some(2), "punct", "PUNCT")],
    );
    check(&d, "visit", Some("Wednesday"));

    // He said Monday that troops will leave . — `Monday` dates the saying, not the leaving.
    let d = parse(
        "He said Monday that troops will leave.",
        &[(Some(1), "nsubj", "PRON"), (None, "root", "VERB"), (Some(1), "obl:tmod", "PROPN"), (Some(6), "mark", "SCONJ"),
          (Some(6), "nsubj", "NOUN"), (Some(6), "aux", "AUX"), (Some(1), "ccomp", "VERB"), (Some(1), "punct", "PUNCT")],
    );
    check(&d, "said", Some("Monday"));
    check(&d, "leave", None);

    // Khan begins his visit from Wednesday . — a noun trigger takes its clause's expression.
    let d = parse(
        "Khan begins his visit from Wednesday.",
        &[(Some(1), "nsubj", "PROPN"), (None, "root", "VERB"), (Some(3), "nmod:poss", "PRON"), (Some(1), "obj", "NOUN"),
          (Some(5), "case", "ADP"), (Some(1), "obl", "PROPN"), (Some(1), "punct", "PUNCT")],
    );
    check(&d, "visit", Some("Wednesday"));

    // The talks lasted two days . — a duration dates nothing.
    let d = parse(
        "The talks lasted two days.",
        &[(Some(1), "det", "DET"), (Some(2), "nsubj", "NOUN"), (None, "root", "VERB"), (Some(4), "nummod", "NUM"),
          (Some(2), "obl:tmod", "NOUN"), (Some(2), "punct", "PUNCT")],
    );
    check(&d, "lasted", None);
}

#[test]
fn without_syntax_the_nearest_expression_in_the_sentence() {
    let mut d = Document::new("Troops left on Monday and returned on Friday. Talks resume next week.");
    dragoman_segment::segment(&mut d);
    check(&d, "left", Some("Monday"));
    check(&d, "returned", Some("Friday"));
    check(&d, "resume", Some("next week"));

    let mut d = Document::new("The talks lasted two days. Nothing was agreed.");
    dragoman_segment::segment(&mut d);
    check(&d, "lasted", None);
    check(&d, "agreed", None);
}
