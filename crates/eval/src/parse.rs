//! `dragoman eval parse --raw`: tagging and parsing from raw text, scored after aligning the system's
//! words to the gold words, as in the CoNLL 2018 shared task.
//!
//! The raw text of each document is rebuilt as for [`crate::segment`], segmented and parsed by
//! dragoman, and words are aligned on non-whitespace character spans. Words inside a gold multiword
//! token get spans by splitting the token's span at the lengths of their forms when the forms spell
//! the token (`do`+`n't` = `don't`), which is where the shared task's LCS alignment also puts them;
//! otherwise they cannot align. Every metric is an F1 over words: a system word counts when it is
//! aligned and (for UPOS) has the gold tag, (for UAS) its head is aligned to the gold head, (for LAS)
//! also has the gold relation's universal part (before `:`).

use crate::align::{count_common, gold_documents, nonws_table, system_sentence_spans, system_token_spans, NwSpan};
use crate::Prf;
use dragoman_conllu::Sentence as GoldSentence;
use dragoman_doc::Document;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Serialize)]
pub struct RawParseMetrics {
    pub tokens_f1: f64,
    pub sentences_f1: f64,
    pub words_f1: f64,
    pub upos_f1: f64,
    pub xpos_f1: f64,
    pub lemma_f1: f64,
    pub uas_f1: f64,
    pub las_f1: f64,
    pub gold_words: usize,
    pub system_words: usize,
}

impl RawParseMetrics {
    pub fn report(&self) -> String {
        format!(
            "raw text → segment → tag → parse, CoNLL 2018 alignment ({} gold words, {} system words)\n  tokens F1    {:.4}\n  sentences F1 {:.4}\n  words F1     {:.4}\n  UPOS F1      {:.4}\n  XPOS F1      {:.4}\n  lemma F1     {:.4}\n  UAS F1       {:.4}\n  LAS F1       {:.4}\n",
            self.gold_words, self.system_words, self.tokens_f1, self.sentences_f1, self.words_f1, self.upos_f1, self.xpos_f1, self.lemma_f1, self.uas_f1, self.las_f1
        )
    }
}

struct GoldWord<'a> {
    span: Option<NwSpan>,
    /// Global index of the head word, None for the root.
    head: Option<usize>,
    word: &'a dragoman_conllu::Word,
}

fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

fn nonws_len(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// Scores `model` on raw text rebuilt from `gold`.
pub fn evaluate_raw(model: &dragoman_syntax::Model, gold: &[GoldSentence]) -> RawParseMetrics {
    let docs = gold_documents(gold);
    let (mut sys_tok, mut gold_tok, mut sys_sent, mut gold_sent) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut n_gold, mut n_sys) = (0usize, 0usize);
    let (mut words, mut upos, mut xpos, mut lemma, mut uas, mut las) = (0usize, 0usize, 0usize, 0usize, 0usize, 0usize);
    let mut base = 0usize;
    for g in &docs {
        // Gold words with spans and global heads.
        let mut gw: Vec<GoldWord<'_>> = Vec::new();
        let mut tok_iter = g.token_spans.iter();
        for s in &g.sentences {
            let first = gw.len();
            let mut i = 0;
            let mut mw = s.multiwords.iter().peekable();
            while i < s.words.len() {
                let Some(&(a, b)) = tok_iter.next() else { break };
                let id = s.words[i].id;
                let group = match mw.peek() {
                    Some(m) if m.first == id => {
                        let n = m.last - m.first + 1;
                        mw.next();
                        n
                    }
                    _ => 1,
                };
                let ws = &s.words[i..(i + group).min(s.words.len())];
                let total: usize = ws.iter().map(|w| nonws_len(&w.form)).sum();
                let mut pos = a;
                for w in ws {
                    let span = if group == 1 {
                        Some((a + base, b + base))
                    } else if total == b - a {
                        let n = nonws_len(&w.form);
                        pos += n;
                        Some((pos - n + base, pos + base))
                    } else {
                        None
                    };
                    let head = (w.head != 0).then(|| first + w.head - 1);
                    gw.push(GoldWord { span, head, word: w });
                }
                i += group;
            }
        }
        // System side.
        let mut doc = Document::new(g.text.clone());
        dragoman_segment::segment(&mut doc);
        model.annotate(&mut doc);
        let table = nonws_table(&doc.text);
        sys_tok.extend(system_token_spans(&doc, &table, base));
        sys_sent.extend(system_sentence_spans(&doc, &table, base));
        gold_tok.extend(g.token_spans.iter().map(|&(a, b)| (a + base, b + base)));
        gold_sent.extend(g.sentence_spans.iter().map(|&(a, b)| (a + base, b + base)));
        let by_span: HashMap<NwSpan, usize> = gw.iter().enumerate().filter_map(|(k, w)| w.span.map(|s| (s, k))).collect();
        let aligned: Vec<Option<usize>> = doc
            .tokens
            .iter()
            .map(|t| by_span.get(&(base + table[t.span.start], base + table[t.span.end])).copied())
            .collect();
        n_gold += gw.len();
        n_sys += doc.tokens.len();
        for (k, a) in aligned.iter().enumerate() {
            let Some(gi) = *a else { continue };
            let (gword, syn) = (&gw[gi], &doc.syntax[k]);
            words += 1;
            upos += usize::from(syn.upos == gword.word.upos);
            xpos += usize::from(syn.xpos == gword.word.xpos);
            lemma += usize::from(syn.lemma == gword.word.lemma);
            let head_ok = match (syn.head, gword.head) {
                (None, None) => true,
                (Some(h), Some(gh)) => aligned[h] == Some(gh),
                _ => false,
            };
            if head_ok {
                uas += 1;
                las += usize::from(universal(syn.deprel) == universal(&gword.word.deprel));
            }
        }
        base += table[doc.text.len()];
    }
    for v in [&mut sys_tok, &mut gold_tok, &mut sys_sent, &mut gold_sent] {
        v.sort_unstable();
        v.dedup();
    }
    let f = |c: usize| Prf::new(c, n_sys, n_gold).f1;
    RawParseMetrics {
        tokens_f1: Prf::new(count_common(&sys_tok, &gold_tok), sys_tok.len(), gold_tok.len()).f1,
        sentences_f1: Prf::new(count_common(&sys_sent, &gold_sent), sys_sent.len(), gold_sent.len()).f1,
        words_f1: f(words),
        upos_f1: f(upos),
        xpos_f1: f(xpos),
        lemma_f1: f(lemma),
        uas_f1: f(uas),
        las_f1: f(las),
        gold_words: n_gold,
        system_words: n_sys,
    }
}

/// The readable report of the gold-token scores (`dragoman eval parse FILE`).
pub fn gold_report(m: &dragoman_syntax::eval::ParseMetrics) -> String {
    format!(
        "tag + parse with gold tokens ({} sentences, {} words)\n  UPOS  {:.4}\n  XPOS  {:.4}\n  lemma {:.4}\n  UAS   {:.4}\n  LAS   {:.4} (full relation)  {:.4} (universal part, as CoNLL 2018)\n",
        m.sentences, m.tokens, m.upos, m.xpos, m.lemma, m.uas, m.las, m.las_universal
    )
}
