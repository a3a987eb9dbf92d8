//! CoNLL-U, the Universal Dependencies file format: a reader that keeps what evaluation and
//! training need (comments, multiword-token ranges, the ten columns) and a writer.
//!
//! Empty nodes (ids like `8.1`, enhanced dependencies only) are skipped on reading: the basic tree
//! does not contain them.
//!
//! ```
//! let text = "# text = Hi!\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t0:root\tSpaceAfter=No\n2\t!\t!\tPUNCT\t.\t_\t1\tpunct\t1:punct\t_\n\n";
//! let sents = dragoman_conllu::parse(text).unwrap();
//! assert_eq!(sents[0].words[1].head, 1);
//! assert_eq!(sents[0].text.as_deref(), Some("Hi!"));
//! ```

use std::fmt::Write as _;

#[derive(Debug, thiserror::Error)]
pub enum ConlluError {
    #[error("line {line}: expected 10 tab-separated columns, found {found}")]
    Columns { line: usize, found: usize },
    #[error("line {line}: bad {what} `{value}`")]
    Field { line: usize, what: &'static str, value: String },
}

/// One syntactic word (a line with an integer id).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Word {
    pub id: usize,
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// 0 for the root.
    pub head: usize,
    pub deprel: String,
    pub deps: String,
    pub misc: String,
}

impl Word {
    /// False when MISC says `SpaceAfter=No`.
    pub fn space_after(&self) -> bool {
        !self.misc.split('|').any(|m| m == "SpaceAfter=No")
    }
}

/// A multiword token (`3-4  don't`) covering words `first..=last`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MultiWord {
    pub first: usize,
    pub last: usize,
    pub form: String,
    pub misc: String,
}

impl MultiWord {
    pub fn space_after(&self) -> bool {
        !self.misc.split('|').any(|m| m == "SpaceAfter=No")
    }
}

/// One sentence with its comment lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    /// Comment lines without the leading `#` and one space.
    pub comments: Vec<String>,
    pub words: Vec<Word>,
    pub multiwords: Vec<MultiWord>,
    /// The `# text =` comment, when present.
    pub text: Option<String>,
    pub sent_id: Option<String>,
    /// A `# newdoc` comment precedes this sentence.
    pub newdoc: bool,
    /// A `# newpar` comment precedes this sentence.
    pub newpar: bool,
}

impl Sentence {
    /// Surface tokens in order: a multiword token stands for its words, other words for themselves.
    /// Each item is `(form, space_after)`.
    pub fn surface_tokens(&self) -> Vec<(&str, bool)> {
        let mut out = Vec::with_capacity(self.words.len());
        let mut i = 0;
        let mut mw = self.multiwords.iter().peekable();
        while i < self.words.len() {
            let id = self.words[i].id;
            if let Some(m) = mw.peek() {
                if m.first == id {
                    out.push((m.form.as_str(), m.space_after()));
                    i += m.last - m.first + 1;
                    mw.next();
                    continue;
                }
            }
            out.push((self.words[i].form.as_str(), self.words[i].space_after()));
            i += 1;
        }
        out
    }
}

fn field<T: std::str::FromStr>(s: &str, line: usize, what: &'static str) -> Result<T, ConlluError> {
    s.parse().map_err(|_| ConlluError::Field { line, what, value: s.to_string() })
}

/// Parses a whole CoNLL-U file.
pub fn parse(input: &str) -> Result<Vec<Sentence>, ConlluError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let mut has_content = false;
    for (n, raw) in input.lines().enumerate() {
        let line_no = n + 1;
        let line = raw.trim_end_matches('\r');
        if line.is_empty() {
            if has_content {
                out.push(std::mem::take(&mut cur));
                has_content = false;
            }
            continue;
        }
        has_content = true;
        if let Some(c) = line.strip_prefix('#') {
            let c = c.strip_prefix(' ').unwrap_or(c);
            if let Some(t) = c.strip_prefix("text = ") {
                cur.text = Some(t.to_string());
            } else if let Some(t) = c.strip_prefix("sent_id = ") {
                cur.sent_id = Some(t.to_string());
            }
            if c.starts_with("newdoc") {
                cur.newdoc = true;
            }
            if c.starts_with("newpar") {
                cur.newpar = true;
            }
            cur.comments.push(c.to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(ConlluError::Columns { line: line_no, found: cols.len() });
        }
        let id = cols[0];
        if id.contains('.') {
            continue;
        }
        if let Some((a, b)) = id.split_once('-') {
            cur.multiwords.push(MultiWord {
                first: field(a, line_no, "id")?,
                last: field(b, line_no, "id")?,
                form: cols[1].to_string(),
                misc: cols[9].to_string(),
            });
            continue;
        }
        cur.words.push(Word {
            id: field(id, line_no, "id")?,
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head: if cols[6] == "_" { 0 } else { field(cols[6], line_no, "head")? },
            deprel: cols[7].to_string(),
            deps: cols[8].to_string(),
            misc: cols[9].to_string(),
        });
    }
    if has_content {
        out.push(cur);
    }
    Ok(out)
}

/// Appends one sentence in CoNLL-U, followed by the blank line that ends it.
pub fn write(out: &mut String, s: &Sentence) {
    for c in &s.comments {
        let _ = writeln!(out, "# {c}");
    }
    let mut mw = s.multiwords.iter().peekable();
    for w in &s.words {
        if let Some(m) = mw.peek() {
            if m.first == w.id {
                let _ = writeln!(out, "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{}", m.first, m.last, m.form, m.misc);
                mw.next();
            }
        }
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            w.id, w.form, w.lemma, w.upos, w.xpos, w.feats, w.head, w.deprel, w.deps, w.misc
        );
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newdoc id = d1\n# sent_id = s1\n# newpar id = p1\n# text = I don't know.\n1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n4.1\tx\tx\tX\tX\t_\t_\t_\t4:dep\t_\n5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";

    #[test]
    fn reads_multiwords_and_comments() {
        let s = &parse(SAMPLE).unwrap()[0];
        assert!(s.newdoc && s.newpar);
        assert_eq!(s.words.len(), 5);
        assert_eq!(s.surface_tokens(), vec![("I", true), ("don't", true), ("know", false), (".", true)]);
    }

    #[test]
    fn round_trips() {
        let s = parse(SAMPLE).unwrap();
        let mut out = String::new();
        write(&mut out, &s[0]);
        let again = parse(&out).unwrap();
        assert_eq!(s, again);
    }

    #[test]
    fn reports_bad_lines() {
        assert!(matches!(parse("1\tx\n"), Err(ConlluError::Columns { line: 1, found: 2 })));
        assert!(parse("x\ta\tb\tc\td\te\tf\tg\th\ti\n").is_err());
    }
}
