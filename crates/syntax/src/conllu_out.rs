//! Rendering a parsed [`Document`] as CoNLL-U.

use std::fmt::Write as _;

use dragoman_doc::Document;

/// CoNLL-U for every sentence of `doc`: `# sent_id` (1-based), `# text`, and `# newpar` where a
/// paragraph starts. Tokens split off a surface word (`joined_to_prev`) are grouped under a
/// multiword-token line carrying the surface form; `SpaceAfter=No` goes on the surface token.
/// Without a syntax layer the analysis columns are `_`.
pub fn to_conllu(doc: &Document) -> String {
    let mut out = String::with_capacity(doc.text.len() * 8);
    write_conllu(doc, 0, &mut out);
    out
}

/// Appends the CoNLL-U of `doc` to `out`, numbering sentences from `first_id + 1` — for callers
/// that write one long text piece by piece (`dragoman parse` on a large file) with ids that keep
/// counting.
pub fn write_conllu(doc: &Document, first_id: usize, out: &mut String) {
    let has_syntax = doc.syntax.len() == doc.tokens.len();
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    for (si, sent) in doc.sentences.iter().enumerate() {
        let range = sent.tokens.clone();
        if range.end > doc.tokens.len() {
            continue;
        }
        if sent.starts_paragraph {
            out.push_str("# newpar\n");
        }
        let _ = writeln!(out, "# sent_id = {}", first_id + si + 1);
        let _ = writeln!(out, "# text = {}", clean(doc.slice(sent.span).trim()));
        let id = |k: usize| k - range.start + 1;
        let mut i = range.start;
        while i < range.end {
            let mut j = i + 1;
            while j < range.end && doc.tokens[j].joined_to_prev {
                j += 1;
            }
            let no_space = |k: usize| doc.tokens[k].space_after == 0;
            let multi = j - i > 1;
            if multi {
                let form = &doc.text[doc.tokens[i].span.start..doc.tokens[j - 1].span.end];
                let misc = if no_space(j - 1) { "SpaceAfter=No" } else { "_" };
                let _ = writeln!(out, "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{}", id(i), id(j - 1), clean(form), misc);
            }
            for k in i..j {
                let form = clean(doc.token_text(k));
                let misc = if !multi && no_space(k) { "SpaceAfter=No" } else { "_" };
                if has_syntax {
                    let s = &doc.syntax[k];
                    let head = match s.head {
                        Some(h) if range.contains(&h) => id(h),
                        _ => 0,
                    };
                    let _ = writeln!(
                        out,
                        "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t{}",
                        id(k),
                        form,
                        clean(&s.lemma),
                        s.upos,
                        s.xpos,
                        head,
                        s.deprel,
                        misc
                    );
                } else {
                    let _ = writeln!(out, "{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{}", id(k), form, misc);
                }
            }
            i = j;
        }
        out.push('\n');
    }
}
