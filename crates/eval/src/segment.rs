//! `dragoman eval segment`: sentence and token F1 of the segmenter on a CoNLL-U treebank.
//!
//! The raw text of each `# newdoc` document is rebuilt from its `# text` lines (sentences of a
//! paragraph joined by a space, `# newpar` paragraphs by a blank line — as the CoNLL 2018 shared
//! task's raw files did), segmented, and compared on non-whitespace character offsets: a token or
//! sentence counts as correct when both its ends match the gold one exactly.

use crate::align::{count_common, gold_documents, nonws_table, system_sentence_spans, system_token_spans};
use crate::Prf;
use dragoman_conllu::Sentence as GoldSentence;
use dragoman_doc::Document;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct SegmentMetrics {
    pub token_f1: f64,
    pub token_precision: f64,
    pub token_recall: f64,
    pub sentence_f1: f64,
    pub sentence_precision: f64,
    pub sentence_recall: f64,
    pub gold_tokens: usize,
    pub gold_sentences: usize,
    pub documents: usize,
}

impl SegmentMetrics {
    pub fn report(&self) -> String {
        format!(
            "segmentation against {} documents ({} sentences, {} tokens)\n  tokens    P {:.4}  R {:.4}  F1 {:.4}\n  sentences P {:.4}  R {:.4}  F1 {:.4}\n",
            self.documents,
            self.gold_sentences,
            self.gold_tokens,
            self.token_precision,
            self.token_recall,
            self.token_f1,
            self.sentence_precision,
            self.sentence_recall,
            self.sentence_f1
        )
    }
}

/// Scores the segmenter against gold sentences.
pub fn evaluate(gold: &[GoldSentence]) -> SegmentMetrics {
    let docs = gold_documents(gold);
    let (mut sys_tok, mut gold_tok, mut sys_sent, mut gold_sent) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut base = 0usize;
    for g in &docs {
        let mut doc = Document::new(g.text.clone());
        dragoman_segment::segment(&mut doc);
        let table = nonws_table(&doc.text);
        sys_tok.extend(system_token_spans(&doc, &table, base));
        sys_sent.extend(system_sentence_spans(&doc, &table, base));
        gold_tok.extend(g.token_spans.iter().map(|&(a, b)| (a + base, b + base)));
        gold_sent.extend(g.sentence_spans.iter().map(|&(a, b)| (a + base, b + base)));
        base += table[doc.text.len()];
    }
    for v in [&mut sys_tok, &mut gold_tok, &mut sys_sent, &mut gold_sent] {
        v.sort_unstable();
        v.dedup();
    }
    let tok = Prf::new(count_common(&sys_tok, &gold_tok), sys_tok.len(), gold_tok.len());
    let sent = Prf::new(count_common(&sys_sent, &gold_sent), sys_sent.len(), gold_sent.len());
    SegmentMetrics {
        token_f1: tok.f1,
        token_precision: tok.precision,
        token_recall: tok.recall,
        sentence_f1: sent.f1,
        sentence_precision: sent.precision,
        sentence_recall: sent.recall,
        gold_tokens: gold_tok.len(),
        gold_sentences: gold_sent.len(),
        documents: docs.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(text: &str, forms: &[&str], newdoc: bool, newpar: bool) -> GoldSentence {
        let mut s = GoldSentence { text: Some(text.into()), newdoc, newpar, ..Default::default() };
        for (i, f) in forms.iter().enumerate() {
            s.words.push(dragoman_conllu::Word { id: i + 1, form: f.to_string(), ..Default::default() });
        }
        s
    }

    #[test]
    fn perfect_and_imperfect_segmentation() {
        let gold = vec![
            sent("Khan left.", &["Khan", "left", "."], true, true),
            sent("Putin stayed.", &["Putin", "stayed", "."], false, false),
        ];
        let m = evaluate(&gold);
        assert_eq!(m.token_f1, 1.0);
        assert_eq!(m.sentence_f1, 1.0);
        // gold says one sentence where the segmenter finds two
        let gold = vec![sent("Khan left. Putin stayed.", &["Khan", "left", ".", "Putin", "stayed", "."], true, true)];
        let m = evaluate(&gold);
        assert_eq!(m.token_f1, 1.0);
        assert_eq!(m.sentence_recall, 0.0);
    }
}
