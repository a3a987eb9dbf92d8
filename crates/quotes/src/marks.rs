//! Quotation marks → quotations, from the text alone.
//!
//! Marks are classified by their shape and by what flanks them: `“ ” „ « » ‹ ›` say which side
//! they open; straight `"` and `'`, and `’`, are decided by the characters around them (a `’`
//! between letters is an apostrophe; a closing single mark only closes a quotation that is open).
//! Marks pair on a stack, so single quotes nest inside double ones. A quotation still open at the
//! end of a paragraph continues into the next paragraph when that paragraph opens with a quote mark
//! (the news convention for multi-paragraph quotes); otherwise it is closed there, unclosed.

use dragoman_doc::Span;

/// One quotation found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quotation {
    /// From the opening mark to the closing mark, both included (or to the end of the paragraph).
    pub outer: Span,
    /// Between the marks.
    pub inner: Span,
    /// False when no closing mark was found before the quotation ended.
    pub closed: bool,
    /// 0 for a quotation at top level, 1 inside another, …
    pub depth: u8,
    /// True when the quotation runs on across a paragraph break.
    pub multi_paragraph: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
    Guillemet,
    SingleGuillemet,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// Straight marks whose side depends on what is open.
    Either,
}

struct Open {
    family: Family,
    start: usize,
    mark_len: usize,
    multi_paragraph: bool,
}

fn is_open_context(p: Option<char>) -> bool {
    match p {
        None => true,
        Some(c) => c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | '“' | '‘' | '"' | '\'' | '«' | '‹' | ':'),
    }
}

fn is_close_context(n: Option<char>) -> bool {
    match n {
        None => true,
        Some(c) => c.is_whitespace() || (c.is_ascii_punctuation() && c != '\'' && c != '"') || matches!(c, '—' | '–' | '…' | '”' | '’' | '»' | '›'),
    }
}

/// Classifies a quote-like character; `None` when it is not a quotation mark here (an apostrophe).
fn classify(c: char, p: Option<char>, n: Option<char>) -> Option<(Family, Role)> {
    let alnum = |x: Option<char>| x.is_some_and(|c| c.is_alphanumeric());
    match c {
        '“' | '„' => Some((Family::Double, Role::Open)),
        '”' => Some((Family::Double, Role::Close)),
        '«' => Some((Family::Guillemet, Role::Open)),
        '»' => Some((Family::Guillemet, Role::Close)),
        '‹' => Some((Family::SingleGuillemet, Role::Open)),
        '›' => Some((Family::SingleGuillemet, Role::Close)),
        '"' => {
            let open = is_open_context(p) && !n.is_some_and(char::is_whitespace);
            let close = !p.is_some_and(char::is_whitespace) && p.is_some() && is_close_context(n);
            Some((Family::Double, if open && !close { Role::Open } else if close && !open { Role::Close } else { Role::Either }))
        }
        '‘' | '\'' | '’' => {
            if alnum(p) && alnum(n) {
                return None; // don't, Khan’s, rock'n'roll
            }
            // ’90s, 'em: an elision, not an opening mark.
            if n.is_some_and(|c| c.is_ascii_digit()) {
                return None;
            }
            let open = is_open_context(p) && n.is_some_and(|c| !c.is_whitespace());
            let close = p.is_some_and(|c| !c.is_whitespace()) && is_close_context(n);
            match (c, open, close) {
                ('‘', _, false) | ('\'', true, false) => Some((Family::Single, Role::Open)),
                ('’', true, false) => None, // ’tis, ’em
                (_, false, true) => Some((Family::Single, Role::Close)),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Finds the quotations of `text`. `paragraph_starts` are byte offsets where paragraphs begin
/// (sorted; offset 0 may be omitted).
pub fn find(text: &str, paragraph_starts: &[usize]) -> Vec<Quotation> {
    let mut out = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut para = paragraph_starts.iter().copied().filter(|&p| p > 0).peekable();
    let mut last_content_end = 0usize; // end of the last non-whitespace char
    let mut prev: Option<char> = None;
    let mut iter = text.char_indices().peekable();
    let mut skip_continuation_at: Option<usize> = None;
    while let Some((i, c)) = iter.next() {
        // Crossing into a new paragraph: continue or close what is open.
        while para.peek().is_some_and(|&p| p <= i) {
            para.next();
            let reopens = text[i..].chars().next().and_then(|c0| {
                let n = text[i + c0.len_utf8()..].chars().next();
                classify(c0, None, n).filter(|(_, r)| *r != Role::Close)
            });
            let outer_double = stack.first().map(|o| o.family);
            match (outer_double, reopens) {
                (Some(f), Some((g, _))) if f == g || (f == Family::Double && g == Family::Double) => {
                    // Keep the outermost quotation open; drop anything nested (unbalanced inside).
                    stack.truncate(1);
                    stack[0].multi_paragraph = true;
                    skip_continuation_at = Some(i);
                }
                _ => close_all(&mut stack, &mut out, last_content_end),
            }
        }
        let n = iter.peek().map(|&(_, c)| c);
        if skip_continuation_at == Some(i) {
            skip_continuation_at = None;
            prev = Some(c);
            last_content_end = i + c.len_utf8();
            continue;
        }
        if let Some((family, role)) = classify(c, prev, n) {
            let depth_of = |stack: &Vec<Open>| stack.iter().rposition(|o| o.family == family);
            let role = match role {
                Role::Either => {
                    if depth_of(&stack).is_some() {
                        Role::Close
                    } else {
                        Role::Open
                    }
                }
                r => r,
            };
            match role {
                Role::Open => stack.push(Open { family, start: i, mark_len: c.len_utf8(), multi_paragraph: false }),
                Role::Close => {
                    if let Some(k) = depth_of(&stack) {
                        // Anything opened inside and not closed was an apostrophe or a typo: drop it.
                        stack.truncate(k + 1);
                        if let Some(o) = stack.pop() {
                            let end = i + c.len_utf8();
                            out.push(Quotation {
                                outer: Span::new(o.start, end),
                                inner: Span::new(o.start + o.mark_len, i),
                                closed: true,
                                depth: stack.len() as u8,
                                multi_paragraph: o.multi_paragraph,
                            });
                        }
                    }
                }
                Role::Either => {}
            }
        }
        if !c.is_whitespace() {
            last_content_end = i + c.len_utf8();
        }
        prev = Some(c);
    }
    close_all(&mut stack, &mut out, last_content_end);
    out.sort_by_key(|q| (q.outer.start, std::cmp::Reverse(q.outer.end)));
    out
}

/// Closes every open quotation at `end` (the end of the paragraph's text). Single quotes left open
/// are dropped: an unmatched single mark is far more often an apostrophe than a quotation.
fn close_all(stack: &mut Vec<Open>, out: &mut Vec<Quotation>, end: usize) {
    while let Some(o) = stack.pop() {
        if matches!(o.family, Family::Single | Family::SingleGuillemet) || end <= o.start + o.mark_len {
            continue;
        }
        out.push(Quotation {
            outer: Span::new(o.start, end),
            inner: Span::new(o.start + o.mark_len, end),
            closed: false,
            depth: stack.len() as u8,
            multi_paragraph: o.multi_paragraph,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Paragraphs start after blank lines, as in the corpus files.
    fn paras(text: &str) -> Vec<usize> {
        text.match_indices("\n\n").map(|(i, _)| i + 2).collect()
    }

    fn inner(text: &str) -> Vec<(&str, u8, bool)> {
        find(text, &paras(text)).iter().map(|q| (&text[q.inner.range()], q.depth, q.closed)).collect()
    }

    macro_rules! t {
        ($name:ident, $text:expr, [$(($s:expr, $d:expr, $c:expr)),* $(,)?]) => {
            #[test]
            fn $name() {
                let expect: Vec<(&str, u8, bool)> = vec![$(($s, $d, $c)),*];
                assert_eq!(inner($text), expect);
            }
        };
    }

    t!(straight_double, r#"He said "we will go" today."#, [("we will go", 0, true)]);
    t!(curly_double, "He said “we will go.”", [("we will go.", 0, true)]);
    t!(guillemets, "Il a dit « non » hier.", [(" non ", 0, true)]);
    t!(apostrophes_are_not_quotes, "Khan’s visit didn’t start in the ’90s; players’ union.", []);
    t!(nested_single_in_double, "“He called it ‘ill-timed’ and left,” she said.", [("He called it ‘ill-timed’ and left,", 0, true), ("ill-timed", 1, true)]);
    t!(single_top_level, "He called the trip 'ill-timed' on Monday.", [("ill-timed", 0, true)]);
    t!(straight_single_with_apostrophe_inside, "'We don't know,' he said.", [("We don't know,", 0, true)]);
    t!(possessive_plural_inside_quote, "“The players’ union agrees,” he said.", [("The players’ union agrees,", 0, true)]);
    t!(unclosed_closes_at_paragraph_end, "He said “we will go.\n\nNext paragraph.", [("we will go.", 0, false)]);
    t!(
        continues_into_reopened_paragraph,
        "He said: “First part.\n\n“Second part,” he added.",
        [("First part.\n\n“Second part,", 0, true)]
    );
    t!(straight_quotes_pair_in_order, r#""One," he said. "Two.""#, [("One,", 0, true), ("Two.", 0, true)]);
}
