//! Sentence boundaries over a token sequence.

use crate::lexicon::{REPORTING_VERBS, SENTENCE_STARTERS};
use crate::tokens::{is_abbreviation, is_title};
use dragoman_doc::{Sentence, Span, Token};

fn text_of<'a>(text: &'a str, t: &Token) -> &'a str {
    &text[t.span.range()]
}

fn is_terminal(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| matches!(c, '.' | '!' | '?' | '…'))
}

fn is_closer(s: &str) -> bool {
    matches!(s, "\"" | "”" | "’" | "'" | ")" | "]" | "}" | "»" | "›")
}

/// Can a sentence begin with this token?
fn can_start(s: &str) -> bool {
    match s.chars().next() {
        Some(c) => {
            c.is_uppercase()
                || c.is_ascii_digit()
                || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '—' | '–' | '-' | '*' | '•' | '¿' | '¡' | '$' | '£' | '€' | '#' | '@')
                || !c.is_alphabetic() && !c.is_ascii_punctuation()
        }
        None => false,
    }
}

/// Up to three capitalised words starting at `k`, then a reporting verb.
fn speaker_and_verb_follow(text: &str, tokens: &[Token], k: usize) -> bool {
    let mut j = k;
    while j < tokens.len() && j < k + 3 && text_of(text, &tokens[j]).starts_with(char::is_uppercase) {
        j += 1;
    }
    j > k && j < tokens.len() && REPORTING_VERBS.contains(&text_of(text, &tokens[j]))
}

/// Newlines in the gap after token `t`.
fn newlines_after(text: &str, t: &Token) -> usize {
    let end = t.span.end;
    text[end..end + t.space_after as usize].bytes().filter(|&b| b == b'\n').count()
}

/// Splits tokens into sentences. See the crate documentation for the rules.
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let n = tokens.len();
    let mut start = 0usize;
    let mut para = true;
    let mut i = 0usize;
    while i < n {
        let t = &tokens[i];
        let s = text_of(text, t);
        // `end` is the last token of the sentence if a boundary falls here.
        let mut end = i;
        let mut boundary = false;
        let mut next_para = false;
        if is_terminal(s) || (s.ends_with('.') && s.len() > 1 && is_abbreviation(s)) {
            // attach closing quotes and brackets that touch the terminal
            while end + 1 < n && tokens[end].space_after == 0 && is_closer(text_of(text, &tokens[end + 1])) {
                end += 1;
            }
            match tokens.get(end + 1) {
                None => boundary = true,
                Some(next) => {
                    let ns = text_of(text, next);
                    let nl = newlines_after(text, &tokens[end]);
                    if nl > 0 {
                        boundary = true;
                        next_para = nl > 1;
                    } else if tokens[end].space_after == 0 && !is_closer(ns) {
                        // `end.The` or `3.5`: no space, no boundary
                        boundary = false;
                    } else if is_terminal(s) && end > i && !s.starts_with('.') && speaker_and_verb_follow(text, tokens, end + 1) {
                        // `“Is it over?” Biden asked.`: the quotation is part of a longer sentence
                        boundary = false;
                    } else if is_terminal(s) {
                        // A bare terminal not followed by a closing quote ends the sentence even before
                        // a lower-case word (informal text); after a closing quote, a lower-case word
                        // continues it (`"Is it over?" he asked`).
                        boundary = can_start(ns)
                            || (end == i && !s.contains("..") && s != "…" && ns.starts_with(char::is_alphabetic));
                    } else if is_title(s) {
                        // `Gen. Bajwa`
                        boundary = false;
                    } else if s.chars().count() == 2 {
                        // an initial (`J. Smith`), unless a typical sentence opener follows (`of X. So`)
                        boundary = SENTENCE_STARTERS.contains(&ns) && ns != "A" && ns != "I";
                    } else {
                        // `U.S.`, `Inc.`, `a.m.`: also a sentence end when a typical opener follows
                        boundary = SENTENCE_STARTERS.contains(&ns);
                    }
                }
            }
        } else {
            let nl = newlines_after(text, t);
            if i + 1 < n && nl > 0 {
                let ns = text_of(text, &tokens[i + 1]);
                next_para = nl > 1;
                // a single line break inside a sentence (hard-wrapped text) continues in lower case
                boundary = next_para || !ns.starts_with(|c: char| c.is_lowercase());
            } else if i + 1 == n {
                boundary = true;
            }
        }
        if boundary {
            out.push(Sentence {
                span: Span::new(tokens[start].span.start, tokens[end].span.end),
                tokens: start..end + 1,
                starts_paragraph: para,
            });
            para = next_para;
            start = end + 1;
            i = end + 1;
        } else {
            i += 1;
        }
    }
    if start < n {
        out.push(Sentence {
            span: Span::new(tokens[start].span.start, tokens[n - 1].span.end),
            tokens: start..n,
            starts_paragraph: para,
        });
    }
    out
}
