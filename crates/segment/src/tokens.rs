//! Word tokenisation: whitespace chunks, then punctuation peeled from both ends, then clitics and
//! inner punctuation (dashes, hyphens, slashes) split inside what remains.

use crate::lexicon::{is_in, ABBREVIATIONS, BOUND_PREFIXES, TITLES};
use dragoman_doc::{Span, Token};

/// Tokenises `text`. Returns the number of leading whitespace bytes and the tokens, each with the
/// whitespace that follows it, so that tokens and gaps rebuild `text` exactly.
pub fn tokenize(text: &str) -> (u32, Vec<Token>) {
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 5 + 1);
    let mut leading = 0u32;
    let mut i = 0usize;
    let bytes = text.as_bytes();
    while i < text.len() {
        // Skip whitespace (ASCII fast path, Unicode whitespace otherwise).
        let ws_start = i;
        while i < text.len() {
            let b = bytes[i];
            if b.is_ascii() {
                if b.is_ascii_whitespace() {
                    i += 1;
                    continue;
                }
                break;
            }
            let c = text[i..].chars().next().unwrap_or(' ');
            if c.is_whitespace() {
                i += c.len_utf8();
            } else {
                break;
            }
        }
        let gap = (i - ws_start) as u32;
        match tokens.last_mut() {
            Some(t) => t.space_after += gap,
            None => leading += gap,
        }
        if i >= text.len() {
            break;
        }
        let start = i;
        let mut plain = true;
        while i < text.len() {
            let b = bytes[i];
            if b.is_ascii() {
                if b.is_ascii_whitespace() {
                    break;
                }
                plain &= b.is_ascii_alphanumeric();
                i += 1;
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                if c.is_whitespace() {
                    break;
                }
                plain = false;
                i += c.len_utf8();
            }
        }
        // Most words are plain letters and digits: nothing to peel or split (except the fused
        // forms `cannot`, `gonna`, ... which are five or six letters long).
        if plain && !(5..=6).contains(&(i - start)) {
            push(&mut tokens, start, i, false);
        } else {
            split_chunk(text, start, i, &mut tokens);
        }
    }
    (leading, tokens)
}

fn push(out: &mut Vec<Token>, start: usize, end: usize, joined: bool) {
    if start < end {
        out.push(Token { span: Span::new(start, end), space_after: 0, joined_to_prev: joined });
    }
}

fn is_opening(c: char) -> bool {
    matches!(c, '"' | '“' | '‘' | '«' | '‹' | '(' | '[' | '{' | '`' | '„' | '¿' | '¡')
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | ',' | ';' | ':' | '\'')
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '―')
}

fn is_currency(c: char) -> bool {
    matches!(c, '$' | '£' | '€' | '¥' | '₹' | '₽')
}

fn first_char(s: &str) -> Option<char> {
    s.chars().next()
}

fn last_char(s: &str) -> Option<char> {
    s.chars().next_back()
}

/// A chunk that is a URL or an e-mail address stays one token (after outer punctuation is peeled).
fn is_url_or_email(w: &str) -> bool {
    if !w.bytes().any(|b| b == b'.' || b == b'@' || b == b':') {
        return false;
    }
    if w.contains("://") || w.starts_with("www.") || w.starts_with("WWW.") {
        return true;
    }
    if let Some(at) = w.find('@') {
        let domain = &w[at + 1..];
        return at > 0 && domain.contains('.') && !domain.starts_with('.');
    }
    // bare domains: letters, a dot, a known top-level domain
    [".com", ".org", ".net", ".gov", ".edu", ".co.uk", ".html", ".htm"].iter().any(|tld| {
        w.len() > tld.len()
            && w.is_char_boundary(w.len() - tld.len())
            && w[w.len() - tld.len()..].eq_ignore_ascii_case(tld)
    })
}

/// `w` ends with a period; is the period part of the word?
pub(crate) fn is_abbreviation(w: &str) -> bool {
    let Some(stem) = w.strip_suffix('.') else { return false };
    if stem.is_empty() {
        return false;
    }
    if is_in(ABBREVIATIONS, stem) || is_in(TITLES, stem) {
        return true;
    }
    let mut chars = stem.chars();
    // an initial: one letter
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_alphabetic();
    }
    // letters separated by periods: U.S, e.g, a.m, Ph.D
    stem.contains('.')
        && stem.split('.').all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_alphabetic()))
}

pub(crate) fn is_title(w: &str) -> bool {
    w.strip_suffix('.').is_some_and(|s| is_in(TITLES, s))
}

fn split_chunk(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let mut lo = start;
    let mut hi = end;
    // Leading punctuation.
    while lo < hi {
        let rest = &text[lo..hi];
        let Some(c) = first_char(rest) else { break };
        let n = c.len_utf8();
        if is_opening(c) || is_dash(c) || c == '\'' && rest.len() > 1 && !rest[1..].starts_with(|d: char| d.is_ascii_digit()) {
            // `'90s` keeps its apostrophe; a quote mark before a word does not
            push(out, lo, lo + n, false);
            lo += n;
        } else if is_currency(c) && rest[n..].starts_with(|d: char| d.is_ascii_digit()) {
            push(out, lo, lo + n, false);
            lo += n;
        } else if rest.starts_with("--") || rest.starts_with("...") || c == '…' {
            let run = run_len(rest, c);
            push(out, lo, lo + run, false);
            lo += run;
        } else if rest.len() > 1 && matches!(c, '*' | '•' | '#' | '~' | '>' | '<' | '|' | '=' | '+') && !rest[n..].starts_with(|d: char| d.is_alphanumeric()) {
            let run = run_len(rest, c);
            push(out, lo, lo + run, false);
            lo += run;
        } else {
            break;
        }
    }
    // Trailing punctuation, collected in reverse.
    let mut tail: Vec<Token> = Vec::new();
    while lo < hi {
        let rest = &text[lo..hi];
        let Some(c) = last_char(rest) else { break };
        let n = c.len_utf8();
        if c == '.' {
            if rest.ends_with("..") {
                let run = run_len_back(rest, '.');
                tail.push(tok(hi - run, hi, false));
                hi -= run;
                continue;
            }
            if is_abbreviation(rest) {
                break;
            }
            tail.push(tok(hi - 1, hi, false));
            hi -= 1;
        } else if (c == '\'' || c == '’') && rest.len() > n {
            let before = &rest[..rest.len() - n];
            let prev = last_char(before).unwrap_or(' ');
            let opened = before.contains(['\'', '‘']) || text[start..lo].contains(['\'', '‘']);
            if (prev == 's' || prev == 'S') && !opened && before.chars().all(|ch| ch.is_alphanumeric() || ch == '-' || ch == '.') {
                // plural possessive: `countries'` is one surface token of two words
                tail.push(tok(hi - n, hi, true));
            } else {
                tail.push(tok(hi - n, hi, false));
            }
            hi -= n;
        } else if c == '!' || c == '?' {
            let run = run_len_back_any(rest, &['!', '?']);
            tail.push(tok(hi - run, hi, false));
            hi -= run;
        } else if is_closing(c) || is_dash(c) || c == '…' {
            tail.push(tok(hi - n, hi, false));
            hi -= n;
        } else if c == '%' && rest.len() > 1 {
            tail.push(tok(hi - n, hi, false));
            hi -= n;
        } else if c == '-' && rest.ends_with("--") {
            let run = run_len_back(rest, '-');
            tail.push(tok(hi - run, hi, false));
            hi -= run;
        } else {
            break;
        }
    }
    if lo < hi {
        split_word(text, lo, hi, out);
    }
    out.extend(tail.into_iter().rev());
}

fn tok(start: usize, end: usize, joined: bool) -> Token {
    Token { span: Span::new(start, end), space_after: 0, joined_to_prev: joined }
}

fn run_len(s: &str, c: char) -> usize {
    s.chars().take_while(|&d| d == c).map(char::len_utf8).sum()
}

fn run_len_back(s: &str, c: char) -> usize {
    s.chars().rev().take_while(|&d| d == c).map(char::len_utf8).sum()
}

fn run_len_back_any(s: &str, cs: &[char]) -> usize {
    s.chars().rev().take_while(|d| cs.contains(d)).map(char::len_utf8).sum()
}

/// Clitics English-EWT splits off, lower-case with a straight apostrophe.
const CLITICS: &[&str] = &["n't", "'s", "'m", "'d", "'re", "'ve", "'ll"];

/// Splits a word that has lost its outer punctuation: URLs stay whole; clitics come off the end;
/// dashes, slashes and hyphens split the rest.
fn split_word(text: &str, lo: usize, hi: usize, out: &mut Vec<Token>) {
    let w = &text[lo..hi];
    // One pass over the bytes decides which of the slower checks can apply at all.
    let (mut url_like, mut quote_like, mut split_like, mut all_alpha) = (false, false, false, true);
    for &b in w.as_bytes() {
        match b {
            b'.' | b'@' | b':' => url_like = true,
            b'\'' => quote_like = true,
            b'-' | b'/' => split_like = true,
            // lead byte of ’ and of the dashes
            0xE2 => {
                quote_like = true;
                split_like = true;
            }
            _ => {}
        }
        all_alpha &= b.is_ascii_alphabetic();
    }
    if url_like && is_url_or_email(w) {
        push(out, lo, hi, false);
        return;
    }
    let maybe_fused = all_alpha && (5..=6).contains(&w.len());
    if !quote_like && !maybe_fused {
        if split_like {
            split_inner(text, lo, hi, out);
        } else {
            push(out, lo, hi, false);
        }
        return;
    }
    // Clitics (straight or curly apostrophe), and the fused forms EWT splits.
    let lower = w.to_lowercase().replace('’', "'");
    if lower.len() == w.len() {
        for cl in CLITICS {
            if lower.len() > cl.len() && lower.ends_with(cl) {
                let stem_lower = &lower[..lower.len() - cl.len()];
                if stem_lower.chars().all(|c| c.is_alphabetic() || c == '-' || c == '.') {
                    let cut = hi - cl.len();
                    split_inner(text, lo, cut, out);
                    push(out, cut, hi, true);
                    return;
                }
            }
        }
        for (fused, at) in [("cannot", 3), ("gonna", 3), ("wanna", 3), ("gotta", 3)] {
            if lower == fused {
                push(out, lo, lo + at, false);
                push(out, lo + at, hi, true);
                return;
            }
        }
    } else {
        // The curly apostrophe is 3 bytes: compare on chars.
        let wl: Vec<char> = w.chars().collect();
        for cl in CLITICS {
            let clc: Vec<char> = cl.chars().collect();
            if wl.len() > clc.len() {
                let tail = &wl[wl.len() - clc.len()..];
                let eq = tail.iter().zip(&clc).all(|(a, b)| {
                    a.to_lowercase().eq(b.to_lowercase()) || (*b == '\'' && (*a == '’' || *a == '\''))
                });
                if eq && wl[..wl.len() - clc.len()].iter().all(|c| c.is_alphabetic() || *c == '-' || *c == '.') {
                    let cut_bytes: usize = tail.iter().map(|c| c.len_utf8()).sum();
                    let cut = hi - cut_bytes;
                    split_inner(text, lo, cut, out);
                    push(out, cut, hi, true);
                    return;
                }
            }
        }
    }
    split_inner(text, lo, hi, out);
}

/// Splits at dashes (always), slashes (unless between digits) and hyphens (unless the word holds
/// digits or the part before the hyphen is a bound prefix).
fn split_inner(text: &str, lo: usize, hi: usize, out: &mut Vec<Token>) {
    let w = &text[lo..hi];
    // Fast path: nothing to split on (dashes are multi-byte, their lead byte is 0xE2).
    if !w.bytes().any(|b| b == b'-' || b == b'/' || b == 0xE2) {
        push(out, lo, hi, false);
        return;
    }
    let has_digit = w.bytes().any(|b| b.is_ascii_digit());
    let mut seg_start = lo;
    let mut prev: Option<char> = None;
    let mut iter = w.char_indices().peekable();
    while let Some((off, c)) = iter.next() {
        let at = lo + off;
        let next = iter.peek().map(|&(_, d)| d);
        let split_here = if is_dash(c) || (c == '-' && next == Some('-')) {
            true
        } else if c == '-' {
            let part = &text[seg_start..at];
            !has_digit
                && prev.is_some_and(char::is_alphabetic)
                && next.is_some_and(char::is_alphabetic)
                && !is_in(BOUND_PREFIXES, part)
        } else if c == '/' {
            !(prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|d| d.is_ascii_digit()))
                && prev.is_some()
                && next.is_some()
        } else {
            false
        };
        if split_here {
            push(out, seg_start, at, false);
            // a run of the same dash character is one token (`--`, `---`)
            let mut end = at + c.len_utf8();
            while let Some(&(o2, d)) = iter.peek() {
                if d == c && (c == '-' || is_dash(c)) {
                    end = lo + o2 + d.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            push(out, at, end, false);
            seg_start = end;
            prev = Some(c);
            continue;
        }
        prev = Some(c);
    }
    push(out, seg_start, hi, false);
}
