//! A small tokeniser and sentence splitter for this crate's tests and development harness only, so
//! that the quotation finder can be exercised before (and independently of) `dragoman-segment`.
//! It follows the segmenter's contract: syntactic-word tokens, `'s`/`n't` split off with
//! `joined_to_prev`, punctuation as its own token, paragraphs after blank lines.

#![allow(dead_code)]

use dragoman_doc::{Document, Sentence, Span, Token};

const ABBREV: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "jr", "sr", "prof", "vs", "inc",
    "corp", "co", "ltd", "no", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "u.s", "u.k", "u.n",
    "d.c", "a.m", "p.m", "e.g", "i.e", "pres", "rev", "ft", "mt", "calif", "fla", "ariz", "mass", "pa", "va", "wash",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

pub fn tokenize(doc: &mut Document) {
    let text = doc.text.clone();
    let mut spans: Vec<Span> = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        if is_word_char(c) {
            let mut j = k + 1;
            // Words keep inner hyphens, periods of abbreviations (U.S.), apostrophes, digits with , .
            while j < chars.len() {
                let cj = chars[j].1;
                let next_word = chars.get(j + 1).is_some_and(|&(_, n)| is_word_char(n));
                if is_word_char(cj) || (matches!(cj, '-' | '.' | ',' | '\'' | '’' | '&') && next_word) {
                    if cj == ',' && !(chars[j - 1].1.is_ascii_digit() && chars[j + 1].1.is_ascii_digit()) {
                        break;
                    }
                    if cj == '.' && !(chars[j + 1].1.is_alphanumeric() && chars.get(j + 2).map_or(true, |&(_, n)| !n.is_lowercase() || chars[j - 1].1.is_ascii_digit())) {
                        break;
                    }
                    j += 1;
                } else {
                    break;
                }
            }
            let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
            let mut word = Span::new(i, end);
            // Abbreviation period.
            if let Some(&(b, '.')) = chars.get(j) {
                let w = text[i..end].to_lowercase();
                if ABBREV.contains(&w.as_str()) || (w.len() == 1 && w.chars().all(char::is_alphabetic)) || w.contains('.') {
                    word.end = b + 1;
                    j += 1;
                }
            }
            // Clitics: 's, n't, 're, 'll, 've, 'd, 'm.
            let w = &text[word.range()];
            let lw = w.to_lowercase().replace('’', "'");
            let split = ["n't", "'s", "'re", "'ll", "'ve", "'d", "'m"]
                .iter()
                .find(|suf| lw.ends_with(*suf) && lw.len() > suf.len())
                .map(|suf| {
                    let nchars = suf.chars().count();
                    let cut = w.char_indices().rev().nth(nchars - 1).map_or(0, |(b, _)| b);
                    word.start + cut
                });
            match split {
                Some(cut) if cut > word.start => {
                    spans.push(Span::new(word.start, cut));
                    spans.push(Span::new(cut, word.end));
                }
                _ => spans.push(word),
            }
            k = j;
            continue;
        }
        // Punctuation: runs of the same dash or dots stay together.
        let mut j = k + 1;
        if matches!(c, '.' | '-') {
            while j < chars.len() && chars[j].1 == c {
                j += 1;
            }
        }
        let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
        spans.push(Span::new(i, end));
        k = j;
    }
    let mut tokens = Vec::with_capacity(spans.len());
    for (n, s) in spans.iter().enumerate() {
        let next = spans.get(n + 1).map_or(text.len(), |x| x.start);
        let joined = n > 0 && spans[n - 1].end == s.start && {
            let l = text[s.range()].to_lowercase().replace('’', "'");
            ["n't", "'s", "'re", "'ll", "'ve", "'d", "'m"].contains(&l.as_str())
        };
        tokens.push(Token { span: *s, space_after: (next - s.end) as u32, joined_to_prev: joined });
    }
    doc.leading_space = spans.first().map_or(text.len(), |s| s.start) as u32;
    doc.tokens = tokens;

    // Sentences: after . ! ? (and closing quotes/brackets) before an upper-case or opening mark,
    // and at every line break.
    let mut sentences = Vec::new();
    let mut start = 0usize;
    let mut para = true;
    let n = doc.tokens.len();
    let tok = |i: usize| &text[doc.tokens[i].span.range()];
    let mut i = 0;
    while i < n {
        let gap = &text[doc.tokens[i].span.end..doc.tokens.get(i + 1).map_or(text.len(), |t| t.span.start)];
        let t = tok(i);
        let mut end_here = gap.contains('\n') || i + 1 == n;
        if !end_here && matches!(t, "." | "!" | "?" | "..." | "…") || (t.ends_with('.') && t.len() > 1 && !ABBREV.contains(&t[..t.len() - 1].to_lowercase().as_str()) && t.matches('.').count() > 1) {
            // absorb closing quotes / brackets
            let mut j = i;
            while j + 1 < n && matches!(tok(j + 1), "”" | "\"" | "’" | "'" | ")" | "»") && doc.tokens[j].space_after == 0 {
                j += 1;
            }
            let gap2 = &text[doc.tokens[j].span.end..doc.tokens.get(j + 1).map_or(text.len(), |t| t.span.start)];
            let next_starts = doc.tokens.get(j + 1).map(|t| text[t.span.range()].chars().next().unwrap_or(' '));
            if !gap2.is_empty() && next_starts.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '“' | '"' | '‘' | '\'' | '(' | '«')) {
                i = j;
                end_here = true;
            } else if gap2.contains('\n') {
                i = j;
                end_here = true;
            }
        }
        if end_here {
            let s = Span::new(doc.tokens[start].span.start, doc.tokens[i].span.end);
            sentences.push(Sentence { span: s, tokens: start..i + 1, starts_paragraph: para });
            let gap = &text[doc.tokens[i].span.end..doc.tokens.get(i + 1).map_or(text.len(), |t| t.span.start)];
            para = gap.matches('\n').count() >= 2;
            start = i + 1;
        }
        i += 1;
    }
    doc.sentences = sentences;
}

pub fn doc(text: &str) -> Document {
    let mut d = Document::new(text);
    tokenize(&mut d);
    d
}
