//! Gold-tokenisation evaluation: the model analyses each treebank sentence's own words and is
//! scored word by word, as CoNLL 2018 does when tokenisation is given (punctuation included).

use serde::Serialize;

use crate::{Model, WordAnalysis};

/// Accuracies in [0, 1]. `las` compares full relations (`nsubj:pass`); `las_universal` only the
/// part before `:`, which is what the CoNLL 2018 shared task scores as LAS.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ParseMetrics {
    pub upos: f64,
    pub xpos: f64,
    pub lemma: f64,
    pub uas: f64,
    pub las: f64,
    pub las_universal: f64,
    pub tokens: usize,
    pub sentences: usize,
}

/// Running counts behind [`ParseMetrics`]; add sentences with [`Counts::add`].
#[derive(Debug, Clone, Default)]
pub struct Counts {
    upos: usize,
    xpos: usize,
    lemma: usize,
    uas: usize,
    las: usize,
    las_u: usize,
    tokens: usize,
    sentences: usize,
}

fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

impl Counts {
    /// Scores one sentence's predictions against its gold words (same length, same order).
    pub fn add(&mut self, gold: &[dragoman_conllu::Word], pred: &[WordAnalysis]) {
        self.sentences += 1;
        for (g, p) in gold.iter().zip(pred) {
            self.tokens += 1;
            self.upos += (g.upos == p.upos) as usize;
            self.xpos += (g.xpos == p.xpos) as usize;
            self.lemma += (g.lemma == p.lemma) as usize;
            if g.head == p.head {
                self.uas += 1;
                self.las += (g.deprel == p.deprel) as usize;
                self.las_u += (universal(&g.deprel) == universal(p.deprel)) as usize;
            }
        }
    }

    pub fn metrics(&self) -> ParseMetrics {
        let r = |x: usize| x as f64 / self.tokens.max(1) as f64;
        ParseMetrics {
            upos: r(self.upos),
            xpos: r(self.xpos),
            lemma: r(self.lemma),
            uas: r(self.uas),
            las: r(self.las),
            las_universal: r(self.las_u),
            tokens: self.tokens,
            sentences: self.sentences,
        }
    }
}

/// Parses every sentence from its gold words and scores the result.
pub fn evaluate_gold(model: &Model, sents: &[dragoman_conllu::Sentence]) -> ParseMetrics {
    let mut c = Counts::default();
    for s in sents {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let pred = model.parse_words(&words);
        c.add(&s.words, &pred);
    }
    c.metrics()
}
