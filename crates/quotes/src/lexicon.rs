//! The reporting-cue lexicon: verbs and phrases that introduce speech, kept as data in
//! `data/cues.tsv` (format in `data/README.md`) and embedded at compile time.

use crate::QuoteError;
use std::collections::HashMap;

/// What part a cue plays in the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    /// A reporting verb: `said`, `pointed out`.
    Verb,
    /// A preposition-like phrase whose object is the source: `according to`.
    Prep,
    /// A medium noun that extends a verb cue: `(said) in a statement`.
    Medium,
}

/// How a reporting verb takes its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    /// `that`/zero-`that` clause or quotation; may be parenthetical (`…, he said`).
    Speech,
    /// An indirect object before the content: `told reporters that …`.
    Tell,
    /// A question or quotation: `asked whether …`.
    Ask,
    /// Belief or intention with a clause: `believes that …`; may be parenthetical.
    Cognition,
    /// The content is the object: `criticised the plan`, `called for talks`.
    Object,
    /// Not a verb (prep and medium entries).
    None,
}

/// One lexicon entry.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Stable id, reported in a quote's `rule` as `cue:<id>`.
    pub id: Box<str>,
    pub kind: CueKind,
    pub frame: Frame,
}

/// The parsed lexicon, indexed by the first word of every form.
#[derive(Debug)]
pub struct Lexicon {
    entries: Vec<Entry>,
    /// First word → (entry, the remaining words), longest forms first.
    index: HashMap<Box<str>, Vec<(u32, Vec<Box<str>>)>>,
    forms: usize,
}

/// A cue found in the token stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueMatch {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    pub entry: u32,
}

pub(crate) const CUES_FILE: &str = "data/cues.tsv";
pub(crate) const CUES: &str = include_str!("../data/cues.tsv");

impl Lexicon {
    /// Parses the lexicon format (see `data/README.md`). `file` names the source in errors.
    pub fn parse(file: &'static str, text: &str) -> Result<Lexicon, QuoteError> {
        let mut entries = Vec::new();
        let mut index: HashMap<Box<str>, Vec<(u32, Vec<Box<str>>)>> = HashMap::new();
        let mut forms = 0;
        let err = |line: usize, message: String| QuoteError::Lexicon { file, line, message };
        for (n, line) in text.lines().enumerate() {
            let line_no = n + 1;
            let line = line.trim_end();
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 4 {
                return Err(err(line_no, format!("expected 4 tab-separated columns, found {}", cols.len())));
            }
            let kind = match cols[1] {
                "verb" => CueKind::Verb,
                "prep" => CueKind::Prep,
                "medium" => CueKind::Medium,
                other => return Err(err(line_no, format!("unknown kind `{other}`"))),
            };
            let frame = match (kind, cols[2]) {
                (CueKind::Verb, "speech") => Frame::Speech,
                (CueKind::Verb, "tell") => Frame::Tell,
                (CueKind::Verb, "ask") => Frame::Ask,
                (CueKind::Verb, "cognition") => Frame::Cognition,
                (CueKind::Verb, "object") => Frame::Object,
                (CueKind::Prep, "source-after") | (CueKind::Medium, "-") => Frame::None,
                (_, other) => return Err(err(line_no, format!("frame `{other}` does not fit kind `{}`", cols[1]))),
            };
            if cols[0].is_empty() {
                return Err(err(line_no, "empty id".into()));
            }
            let id = entries.len() as u32;
            entries.push(Entry { id: cols[0].into(), kind, frame });
            for form in cols[3].split('|') {
                let words: Vec<Box<str>> = form.split_whitespace().map(|w| w.to_lowercase().into()).collect();
                let Some((first, rest)) = words.split_first() else {
                    return Err(err(line_no, "empty form".into()));
                };
                let slot = index.entry(first.clone()).or_default();
                if !slot.iter().any(|(e, r)| *e == id && r.as_slice() == rest) {
                    slot.push((id, rest.to_vec()));
                    forms += 1;
                }
            }
        }
        for v in index.values_mut() {
            // Leftmost-longest: `said in a statement` before `said`.
            v.sort_by(|a, b| b.1.len().cmp(&a.1.len()));
        }
        Ok(Lexicon { entries, index, forms })
    }

    pub fn entry(&self, i: u32) -> &Entry {
        &self.entries[i as usize]
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Number of distinct surface forms.
    pub fn form_count(&self) -> usize {
        self.forms
    }

    /// The longest entry of `kind` whose form starts at token `i` of `words` (lowercased tokens).
    pub fn match_at(&self, words: &[&str], i: usize, kind: CueKind) -> Option<CueMatch> {
        let cands = self.index.get(words[i])?;
        cands.iter().find_map(|(e, rest)| {
            let fits = self.entries[*e as usize].kind == kind
                && i + rest.len() < words.len() + 1
                && rest.iter().enumerate().all(|(k, w)| words.get(i + 1 + k).is_some_and(|t| *t == &**w));
            fits.then_some(CueMatch { start: i, end: i + 1 + rest.len(), entry: *e })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lexicon_parses_and_is_large_enough() {
        let lex = Lexicon::parse(CUES_FILE, CUES).unwrap();
        let cues = lex.entries().iter().filter(|e| e.kind != CueKind::Medium).count();
        assert!(cues >= 150, "{cues} cue entries");
    }

    #[test]
    fn longest_form_wins() {
        let lex = Lexicon::parse("t", "say\tverb\tspeech\tsay|said\npo\tverb\tspeech\tpoint out|pointed out\np\tverb\tobject\tpointed").unwrap();
        let w = ["he", "pointed", "out", "that"];
        let m = lex.match_at(&w, 1, CueKind::Verb).unwrap();
        assert_eq!((m.start, m.end, &*lex.entry(m.entry).id), (1, 3, "po"));
        let w = ["he", "pointed", "to"];
        assert_eq!(&*lex.entry(lex.match_at(&w, 1, CueKind::Verb).unwrap().entry).id, "p");
    }

    #[test]
    fn bad_lines_are_typed_errors() {
        for bad in ["x\tverb\tspeech", "x\tnoun\tspeech\tx", "x\tverb\tsource-after\tx", "\tverb\tspeech\tx"] {
            assert!(matches!(Lexicon::parse("t", bad), Err(QuoteError::Lexicon { line: 1, .. })), "{bad}");
        }
    }
}
