//! Character alignment in the CoNLL 2018 style: system and gold segmentations of the same text are
//! compared on offsets counted over **non-whitespace characters**, so that the two sides agree on
//! positions even when the raw text and the treebank differ in spacing.

use dragoman_conllu::Sentence as GoldSentence;
use dragoman_doc::Document;

/// A half-open range of non-whitespace character positions.
pub type NwSpan = (usize, usize);

/// Non-whitespace offsets of every byte boundary of `text`: `table[b]` is the number of
/// non-whitespace characters before byte `b`.
pub fn nonws_table(text: &str) -> Vec<usize> {
    let mut table = vec![0usize; text.len() + 1];
    let mut count = 0usize;
    let mut last = 0usize;
    for (b, c) in text.char_indices() {
        for slot in &mut table[last..=b] {
            *slot = count;
        }
        if !c.is_whitespace() {
            count += 1;
        }
        last = b + 1;
    }
    for slot in &mut table[last..] {
        *slot = count;
    }
    table
}

fn nonws_len(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// The gold side of one document: the raw text built from its sentences (sentences of a paragraph
/// joined by a space, paragraphs by a blank line), its surface tokens, words and sentences in
/// non-whitespace offsets.
pub struct GoldDoc<'a> {
    pub text: String,
    pub sentences: Vec<&'a GoldSentence>,
    pub sentence_spans: Vec<NwSpan>,
    /// Surface tokens (multiword tokens count once).
    pub token_spans: Vec<NwSpan>,
}

/// Splits a treebank into documents at `# newdoc` and builds each one's raw text.
pub fn gold_documents(sents: &[GoldSentence]) -> Vec<GoldDoc<'_>> {
    let mut docs: Vec<GoldDoc<'_>> = Vec::new();
    let mut pos = 0usize;
    for s in sents {
        if s.newdoc || docs.is_empty() {
            docs.push(GoldDoc { text: String::new(), sentences: Vec::new(), sentence_spans: Vec::new(), token_spans: Vec::new() });
            pos = 0;
        }
        let Some(doc) = docs.last_mut() else { continue };
        let text = s.text.clone().unwrap_or_else(|| {
            s.surface_tokens().iter().map(|(f, sp)| if *sp { format!("{f} ") } else { f.to_string() }).collect()
        });
        if !doc.text.is_empty() {
            doc.text.push_str(if s.newpar { "\n\n" } else { " " });
        }
        doc.text.push_str(&text);
        let start = pos;
        for (form, _) in s.surface_tokens() {
            let n = nonws_len(form);
            doc.token_spans.push((pos, pos + n));
            pos += n;
        }
        doc.sentence_spans.push((start, pos));
        doc.sentences.push(s);
    }
    docs
}

/// Surface-token spans of a segmented document (clitics rejoin the word they were split from, as
/// CoNLL-U multiword tokens do), in non-whitespace offsets shifted by `base`.
pub fn system_token_spans(doc: &Document, table: &[usize], base: usize) -> Vec<NwSpan> {
    let mut out: Vec<NwSpan> = Vec::with_capacity(doc.tokens.len());
    for t in &doc.tokens {
        let span = (base + table[t.span.start], base + table[t.span.end]);
        match out.last_mut() {
            Some(last) if t.joined_to_prev => last.1 = span.1,
            _ => out.push(span),
        }
    }
    out
}

/// Sentence spans of a segmented document in non-whitespace offsets shifted by `base`.
pub fn system_sentence_spans(doc: &Document, table: &[usize], base: usize) -> Vec<NwSpan> {
    doc.sentences.iter().map(|s| (base + table[s.span.start], base + table[s.span.end])).collect()
}

/// Number of spans present in both sorted, duplicate-free lists.
pub fn count_common(a: &[NwSpan], b: &[NwSpan]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_counts_non_whitespace() {
        let t = nonws_table("a b’c");
        assert_eq!(t[0], 0);
        assert_eq!(t[1], 1);
        assert_eq!(t[2], 1);
        assert_eq!(t[3], 2);
        assert_eq!(t["a b’".len()], 3);
        assert_eq!(t["a b’c".len()], 4);
    }

    #[test]
    fn common_spans() {
        assert_eq!(count_common(&[(0, 1), (1, 3), (3, 4)], &[(0, 1), (1, 2), (2, 3), (3, 4)]), 2);
    }
}
