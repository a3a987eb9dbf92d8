//! The human report: what a person wants on a terminal. For every record it shows the evidence
//! sentence, with the record's span in «guillemets», and the rule or dictionary entry that produced
//! it — this is what `dragoman explain` prints.

use crate::Analysis;
use dragoman_doc::{Document, Span};
use std::fmt::Write as _;

/// The sentence index that contains a byte offset.
fn sentence_of(doc: &Document, at: usize) -> Option<usize> {
    let k = doc.sentences.partition_point(|s| s.span.end <= at);
    (k < doc.sentences.len() && doc.sentences[k].span.start <= at).then_some(k)
}

/// The evidence sentence with `span` marked, trimmed to a readable width around it.
fn evidence(doc: &Document, span: Span) -> String {
    let Some(k) = sentence_of(doc, span.start) else { return doc.slice(span).to_string() };
    let s = doc.sentences[k].span;
    let end = span.end.min(s.end.max(span.end));
    let before = &doc.text[s.start..span.start];
    let inside = &doc.text[span.start..end];
    let after = if end <= s.end { &doc.text[end..s.end] } else { "" };
    let clip = |t: &str, keep_end: bool| -> String {
        let chars: Vec<char> = t.chars().collect();
        if chars.len() <= 60 {
            return t.to_string();
        }
        if keep_end {
            format!("…{}", chars[chars.len() - 60..].iter().collect::<String>())
        } else {
            format!("{}…", chars[..60].iter().collect::<String>())
        }
    };
    format!("{}«{}»{}", clip(before, true), inside, clip(after, false)).replace('\n', " ")
}

/// Renders the report for one analysed article.
pub fn report(a: &Analysis) -> String {
    let doc = &a.doc;
    let mut o = String::new();
    let title = doc.meta.title.as_deref().unwrap_or("(untitled)");
    let _ = writeln!(o, "━━ {} ━━", title);
    let _ = writeln!(
        o,
        "id {} · date {} · {} sentences · {} tokens",
        doc.meta.id,
        doc.meta.date.as_deref().unwrap_or("unknown"),
        doc.sentences.len(),
        doc.tokens.len()
    );
    if !a.events.is_empty() {
        let _ = writeln!(o, "\nEvents");
        for e in &a.events {
            let src = format!("{} [{}]", doc.slice(e.source.span), e.source.code.as_deref().unwrap_or("?"));
            let tgt = e
                .target
                .as_ref()
                .map(|t| format!("{} [{}]", doc.slice(t.span), t.code.as_deref().unwrap_or("?")))
                .unwrap_or_else(|| "—".into());
            let mut flags = Vec::new();
            if e.negated {
                flags.push("NEGATED".to_string());
            }
            if e.modality != dragoman_doc::Modality::Asserted {
                flags.push(format!("{:?}", e.modality).to_lowercase());
            }
            let _ = writeln!(
                o,
                "  {} {} {}  {} → {}  date {}{}{}",
                e.cameo,
                e.plover.as_deref().unwrap_or(""),
                e.mode.as_deref().map(|m| format!("({m})")).unwrap_or_default(),
                src,
                tgt,
                e.date.as_deref().unwrap_or("?"),
                e.location.as_ref().map(|l| format!(" in {}", doc.slice(l.span))).unwrap_or_default(),
                if flags.is_empty() { String::new() } else { format!("  [{}]", flags.join(", ")) }
            );
            let _ = writeln!(o, "      {}    rule {}", evidence(doc, e.trigger), e.rule);
        }
    }
    if !a.quotes.is_empty() {
        let _ = writeln!(o, "\nQuotations");
        for q in &a.quotes {
            let who = q
                .speaker
                .as_ref()
                .map(|s| {
                    let name = s.entity.clone().unwrap_or_else(|| doc.slice(s.span).to_string());
                    format!("{}{}", name, s.code.as_deref().map(|c| format!(" [{c}]")).unwrap_or_default())
                })
                .unwrap_or_else(|| "unknown speaker".into());
            let full = doc.slice(q.content);
            let mut content: String = full.chars().take(140).collect();
            if content.len() < full.len() {
                content.push('…');
            }
            let _ = writeln!(o, "  {:?} · {} · cue {}", q.kind, who, q.cue.map(|c| doc.slice(c)).unwrap_or("—"));
            // Direct quotations carry their own marks; reported speech is shown between ‹ ›.
            let shown = if q.kind == dragoman_doc::QuoteKind::Direct { content } else { format!("‹{content}›") };
            let _ = writeln!(o, "      {}    rule {}", shown.replace('\n', " "), q.rule);
        }
    }
    if !a.actors.is_empty() {
        let _ = writeln!(o, "\nActors");
        for m in &a.actors {
            let _ = writeln!(
                o,
                "  {:<40} {:<12} {:<8} {}",
                doc.slice(m.span),
                format!("{:?}", m.kind).to_lowercase(),
                m.code.as_deref().unwrap_or("—"),
                m.entity.as_deref().unwrap_or("")
            );
        }
    }
    if !a.times.is_empty() {
        let _ = writeln!(o, "\nTime expressions");
        for t in &a.times {
            let _ = writeln!(o, "  {:<30} {:<9} {:<12} rule {}", doc.slice(t.span), t.kind.as_str(), t.value, t.rule);
        }
    }
    if !doc.errors.is_empty() {
        let _ = writeln!(o, "\nProblems");
        for e in &doc.errors {
            let _ = writeln!(o, "  [{}] {}", e.stage, e.message);
        }
    }
    let _ = writeln!(o, "\nSentences");
    for (i, s) in doc.sentences.iter().enumerate() {
        let _ = writeln!(o, "  {:>3}  {}", i, doc.slice(s.span).replace('\n', " "));
    }
    o
}
