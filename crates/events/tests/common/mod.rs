//! Test helpers: a `Document` with a syntax layer built from CoNLL-U (or from a compact one-line
//! tree notation), and actor mentions found by their surface text.
#![allow(dead_code)]

use dragoman_doc::{ActorKind, ActorMention, Document, Event, Sentence, Span, Token, WordSyntax};

fn leak(s: &str) -> &'static str {
    Box::leak(s.to_string().into_boxed_str())
}

/// Builds a document from CoNLL-U: tokens joined by single spaces (or none after
/// `SpaceAfter=No`), one sentence per CoNLL-U sentence, sentences separated by a space.
pub fn doc_from_conllu(text: &str) -> Document {
    let sents = dragoman_conllu::parse(text).expect("valid CoNLL-U");
    let mut doc = Document::new(String::new());
    let mut text = String::new();
    for s in &sents {
        let first = doc.tokens.len();
        let start = text.len();
        for (k, w) in s.words.iter().enumerate() {
            let b = text.len();
            text.push_str(&w.form);
            let gap = usize::from(w.space_after() && k + 1 < s.words.len());
            doc.tokens.push(Token { span: Span::new(b, b + w.form.len()), space_after: gap as u32, joined_to_prev: false });
            text.push_str(&" ".repeat(gap));
            doc.syntax.push(WordSyntax {
                upos: leak(&w.upos),
                xpos: leak(&w.xpos),
                lemma: w.lemma.clone(),
                head: (w.head > 0).then(|| first + w.head - 1),
                deprel: leak(&w.deprel),
            });
        }
        let end = text.len();
        doc.sentences.push(Sentence { span: Span::new(start, end), tokens: first..doc.tokens.len(), starts_paragraph: first == 0 });
        text.push(' ');
        if let Some(t) = doc.tokens.last_mut() {
            t.space_after = 1;
        }
    }
    text.pop();
    if let Some(t) = doc.tokens.last_mut() {
        t.space_after = 0;
    }
    doc.text = text;
    doc
}

/// Compact trees: `form/UPOS/head/deprel[/lemma[/XPOS]]` per token, sentences separated by
/// ` || `. The lemma defaults to the lower-cased form, the Penn tag to none (`_`).
pub fn doc(compact: &str) -> Document {
    let mut conllu = String::new();
    for sent in compact.split(" || ") {
        for (i, tok) in sent.split_whitespace().enumerate() {
            let f: Vec<&str> = tok.split('/').collect();
            assert!(f.len() >= 4, "bad token `{tok}`");
            let lemma = f.get(4).map_or_else(|| f[0].to_lowercase(), |l| l.to_string());
            let xpos = f.get(5).copied().unwrap_or("_");
            conllu.push_str(&format!("{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t_\n", i + 1, f[0], lemma, f[1], xpos, f[2], f[3]));
        }
        conllu.push('\n');
    }
    doc_from_conllu(&conllu)
}

/// Mentions of each `(surface, code, kind)` wherever the surface occurs on token boundaries.
pub fn actors(doc: &Document, list: &[(&str, &str, ActorKind)]) -> Vec<ActorMention> {
    let mut out = Vec::new();
    for &(surface, code, kind) in list {
        for (i, _) in doc.text.match_indices(surface) {
            let sp = Span::new(i, i + surface.len());
            let starts = doc.tokens.iter().any(|t| t.span.start == sp.start);
            let ends = doc.tokens.iter().any(|t| t.span.end == sp.end);
            if starts && ends {
                out.push(ActorMention {
                    span: sp,
                    kind,
                    code: Some(code.to_string()),
                    country: Some(code[..3.min(code.len())].to_string()),
                    sector: None,
                    entity: Some(surface.to_string()),
                    entry: None,
                    entity_id: None,
                    role: None,
                    rule: None,
                });
            }
        }
    }
    out
}

/// `CODE Source>Target [negated] [modality]`, the evidence texts of source and target.
pub fn show(doc: &Document, e: &Event) -> String {
    let mut s = format!("{} {}>{}", e.cameo, doc.slice(e.source.span), e.target.as_ref().map_or("-", |t| doc.slice(t.span)));
    if e.negated {
        s.push_str(" negated");
    }
    match e.modality {
        dragoman_doc::Modality::Asserted => {}
        m => s.push_str(&format!(" {}", format!("{m:?}").to_lowercase())),
    }
    s
}
