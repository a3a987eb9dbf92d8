//! Attribution: cues → (source, cue, content), quotations without a cue → context, then speakers.

use crate::lexicon::{CueKind, CueMatch, Frame, Lexicon};
use crate::marks::{self, Quotation};
use crate::speaker::Resolver;
use crate::words::{self, contains};
use dragoman_doc::{ActorMention, Document, Quote, QuoteKind, Span};
use std::borrow::Cow;
use std::ops::Range;

/// A document with the per-token facts the rules look at.
pub(crate) struct View<'d> {
    pub doc: &'d Document,
    /// Lower-cased token text with `’` folded to `'`.
    pub lower: Vec<Cow<'d, str>>,
    pub sent_of: Vec<u32>,
    /// Paragraph number of each sentence.
    pub para_of: Vec<u32>,
    /// The parse is usable (one entry per token).
    pub syntax: bool,
    /// Quotations at top level (depth 0) with their token ranges (outer, marks included).
    pub quotes: Vec<(Quotation, Range<usize>)>,
    /// Per token: index into `quotes` of the top-level quotation whose inner text holds it.
    pub in_quote: Vec<Option<u32>>,
    /// Per token: the top-level quotation it opens / closes (the mark's token).
    open_at: Vec<Option<u32>>,
    close_at: Vec<Option<u32>>,
}

impl<'d> View<'d> {
    pub fn new(doc: &'d Document) -> View<'d> {
        let lower: Vec<Cow<str>> = doc
            .tokens
            .iter()
            .map(|t| {
                let s = &doc.text[t.span.range()];
                if s.bytes().any(|b| b.is_ascii_uppercase()) || s.contains('’') {
                    Cow::Owned(s.to_lowercase().replace('’', "'"))
                } else {
                    Cow::Borrowed(s)
                }
            })
            .collect();
        let mut sent_of = vec![0u32; doc.tokens.len()];
        let mut para_of = Vec::with_capacity(doc.sentences.len());
        let mut para = 0u32;
        for (si, s) in doc.sentences.iter().enumerate() {
            if s.starts_paragraph && si > 0 {
                para += 1;
            }
            para_of.push(para);
            for t in s.tokens.clone() {
                if let Some(x) = sent_of.get_mut(t) {
                    *x = si as u32;
                }
            }
        }
        let para_starts: Vec<usize> = doc.sentences.iter().filter(|s| s.starts_paragraph).map(|s| s.span.start).collect();
        let found = marks::find(&doc.text, &para_starts);
        let mut quotes = Vec::new();
        let mut in_quote = vec![None; doc.tokens.len()];
        for q in found.into_iter().filter(|q| q.depth == 0) {
            let first = doc.tokens.partition_point(|t| t.span.end <= q.outer.start);
            let last = doc.tokens.partition_point(|t| t.span.start < q.outer.end);
            if first >= last {
                continue;
            }
            let qi = quotes.len() as u32;
            for (t, slot) in in_quote.iter_mut().enumerate().take(last).skip(first) {
                let sp = doc.tokens[t].span;
                if q.inner.start <= sp.start && sp.end <= q.inner.end {
                    *slot = Some(qi);
                }
            }
            quotes.push((q, first..last));
        }
        let mut open_at = vec![None; doc.tokens.len()];
        let mut close_at = vec![None; doc.tokens.len()];
        for (qi, (q, r)) in quotes.iter().enumerate() {
            if doc.tokens[r.start].span.start == q.outer.start {
                open_at[r.start] = Some(qi as u32);
            }
            let last = doc.tokens[r.end - 1].span;
            if q.closed && last.end == q.outer.end && last.start >= q.inner.end {
                close_at[r.end - 1] = Some(qi as u32);
            }
        }
        let syntax = !doc.syntax.is_empty() && doc.syntax.len() == doc.tokens.len();
        View { doc, lower, sent_of, para_of, syntax, quotes, in_quote, open_at, close_at }
    }

    pub fn w(&self, i: usize) -> &str {
        &self.lower[i]
    }

    pub fn text(&self, i: usize) -> &'d str {
        &self.doc.text[self.doc.tokens[i].span.range()]
    }

    pub fn is_punct(&self, i: usize) -> bool {
        self.text(i).chars().all(|c| !c.is_alphanumeric())
    }

    pub fn is_capitalised(&self, i: usize) -> bool {
        self.text(i).chars().next().is_some_and(char::is_uppercase)
    }

    pub fn is_open_mark(&self, i: usize) -> bool {
        self.open_at[i].is_some()
    }

    /// The top-level quotation whose closing mark is token `i`.
    pub fn closing_quote(&self, i: usize) -> Option<usize> {
        self.close_at.get(i).copied().flatten().map(|q| q as usize)
    }

    /// The top-level quotation whose opening mark is token `i`.
    pub fn opening_quote(&self, i: usize) -> Option<usize> {
        self.open_at.get(i).copied().flatten().map(|q| q as usize)
    }

    pub fn span(&self, r: &Range<usize>) -> Span {
        Span::new(self.doc.tokens[r.start].span.start, self.doc.tokens[r.end - 1].span.end)
    }

    pub fn upos(&self, i: usize) -> Option<&'static str> {
        self.syntax.then(|| self.doc.syntax[i].upos)
    }
}

/// An attribution before speakers are resolved.
#[derive(Debug, Clone)]
pub(crate) struct Attr {
    pub content: Span,
    pub cue: Option<Range<usize>>,
    pub entry: Option<u32>,
    pub source: Option<Range<usize>>,
    pub sentence: usize,
    pub rule: Cow<'static, str>,
    /// Take the source of attribution `n` (a subjectless `…, adding that`, or a quotation attributed
    /// from its context).
    pub source_from: Option<usize>,
}

fn words_of<'a>(view: &'a View) -> Vec<&'a str> {
    view.lower.iter().map(|c| &**c).collect()
}

/// Runs every layer over one document.
pub(crate) fn find(lex: &Lexicon, doc: &Document, actors: &[ActorMention]) -> Vec<Quote> {
    if doc.tokens.is_empty() || doc.sentences.is_empty() {
        return Vec::new();
    }
    let view = View::new(doc);
    let words = words_of(&view);
    let mut attrs: Vec<Attr> = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let first_attr = attrs.len();
        let cues = sentence_cues(lex, &view, &words, s.tokens.clone());
        for c in cues {
            if let Some(a) = attribute(lex, &view, &words, si, s.tokens.clone(), c, &attrs[first_attr..], first_attr) {
                attrs.push(a);
            }
        }
        resolve_nesting(&view, &mut attrs, first_attr);
    }
    context_quotes(&view, &mut attrs);
    drop_duplicate_contents(&mut attrs);
    // Speakers are resolved in the order attributions were made, because `source_from` points
    // backwards into that order; the output is then sorted by position.
    let resolver = Resolver::new(&view, actors);
    let mut speakers: Vec<Option<dragoman_doc::Speaker>> = Vec::with_capacity(attrs.len());
    for a in attrs.iter() {
        let sp = match (&a.source, a.source_from) {
            (Some(src), _) => resolver.resolve(&view, src.clone(), &speakers),
            (None, Some(k)) => speakers.get(k).cloned().flatten(),
            (None, None) => None,
        };
        speakers.push(sp);
    }
    // An indefinite description (`a Pakistani geopolitical analyst`) still unresolved takes the
    // entity of the next attribution within two sentences whose source names the same role
    // (`Analyst and politician X said`) — the same rule as the actor look-ahead, for when no actor
    // mentions were given.
    for i in 0..attrs.len() {
        let (Some(src), Some(sp)) = (&attrs[i].source, &speakers[i]) else { continue };
        if sp.entity.is_some() || !matches!(view.w(src.start), "a" | "an" | "another" | "one") {
            continue;
        }
        let Some(noun) = src.clone().rev().map(|t| view.w(t)).find(|w| contains(words::PERSON_NOUNS, w) || contains(words::ORG_NOUNS, w)) else {
            continue;
        };
        let later = (0..attrs.len()).filter(|&j| {
            attrs[j].sentence > attrs[i].sentence && attrs[j].sentence <= attrs[i].sentence + 2 && speakers[j].as_ref().is_some_and(|s| s.entity.is_some())
        });
        let found = later
            .filter(|&j| attrs[j].source.as_ref().is_some_and(|r| r.clone().any(|t| view.w(t) == noun)))
            .min_by_key(|&j| attrs[j].sentence);
        if let Some(j) = found {
            let (entity, code) = speakers[j].as_ref().map(|s| (s.entity.clone(), s.code.clone())).unwrap_or_default();
            if let Some(sp) = speakers[i].as_mut() {
                sp.entity = entity;
                sp.code = code;
            }
        }
    }
    let mut out: Vec<Quote> = attrs
        .iter()
        .zip(speakers)
        .map(|(a, speaker)| {
            let mut rule = a.rule.to_string();
            if let Some(e) = a.entry {
                rule.push_str("+cue:");
                rule.push_str(&lex.entry(e).id);
            }
            Quote { kind: kind_of(&view, a), content: a.content, cue: a.cue.as_ref().map(|c| view.span(c)), speaker, rule }
        })
        .collect();
    out.sort_by_key(|q| (q.content.start, q.content.end));
    out
}

/// Direct when the content is quotations only (besides punctuation and the attribution's own cue and
/// source, which a continued quotation surrounds), mixed when it holds a quotation and other words.
fn kind_of(view: &View, a: &Attr) -> QuoteKind {
    let content = a.content;
    let mut cover: Vec<Span> = view
        .quotes
        .iter()
        .map(|(q, _)| q.outer)
        .filter(|q| q.overlaps(content))
        .collect();
    if cover.is_empty() {
        return QuoteKind::Indirect;
    }
    cover.extend(a.cue.iter().chain(a.source.iter()).filter(|r| !r.is_empty()).map(|r| view.span(r)));
    cover.sort();
    let mut pos = content.start;
    let mut words_outside = false;
    for c in cover.iter().chain(std::iter::once(&Span::new(content.end, content.end))) {
        if c.start > pos {
            let end = c.start.min(content.end);
            if pos < end && view.doc.text[pos..end].chars().any(char::is_alphanumeric) {
                words_outside = true;
                break;
            }
        }
        pos = pos.max(c.end);
    }
    if words_outside {
        QuoteKind::Mixed
    } else {
        QuoteKind::Direct
    }
}

/// Cue matches in a sentence, leftmost-longest, outside quotations, filtered for noun uses.
fn sentence_cues(lex: &Lexicon, view: &View, words: &[&str], range: Range<usize>) -> Vec<CueMatch> {
    let mut out = Vec::new();
    let mut i = range.start;
    while i < range.end {
        if view.in_quote[i].is_some() {
            i += 1;
            continue;
        }
        let m = lex.match_at(words, i, CueKind::Prep).or_else(|| lex.match_at(words, i, CueKind::Verb));
        match m {
            Some(m) if m.end <= range.end && plausible_cue(lex, view, m, range.start) => {
                out.push(m);
                i = m.end;
            }
            _ => i += 1,
        }
    }
    out
}

/// Rejects noun and adjective uses of verb forms (`the report`, `United States`, `to say`).
fn plausible_cue(lex: &Lexicon, view: &View, m: CueMatch, sent_start: usize) -> bool {
    let e = lex.entry(m.entry);
    if e.kind != CueKind::Verb {
        return true;
    }
    let i = m.start;
    if let Some(upos) = view.upos(i) {
        return upos == "VERB";
    }
    if i > sent_start && view.is_capitalised(i) {
        return false;
    }
    if i > sent_start {
        let p = view.w(i - 1);
        if contains(words::DETERMINERS, p) {
            return false;
        }
        // After a preposition a finite form is a noun (`after reports emerged`); a gerund is not
        // (`after saying`).
        let prepositions = ["after", "before", "amid", "despite", "about", "with", "without", "over", "against", "for", "from", "in", "on", "by"];
        if prepositions.contains(&p) && !view.w(i).ends_with("ing") {
            return false;
        }
        // A passive (`an invitation was sought`) makes the subject the thing reported, not the
        // source.
        let mut j = i - 1;
        if j > sent_start && view.w(j).ends_with("ly") {
            j -= 1;
        }
        if matches!(view.w(j), "was" | "were" | "been" | "is" | "are" | "be" | "being") && !view.w(i).ends_with("ing") {
            return false;
        }
    }
    true
}

/// Tokens that may follow a cue before its content: a medium (`in a statement`, `in The News`),
/// time (`on Tuesday`), an audience (`to reporters`). Returns the first token after them.
fn skip_after_cue(lex: &Lexicon, view: &View, words: &[&str], mut j: usize, end: usize) -> usize {
    loop {
        let start = j;
        if j < end && contains(words::TIME_WORDS, view.w(j)) {
            j += 1;
        }
        if j + 1 < end && matches!(view.w(j), "in" | "on" | "during" | "at" | "to" | "via" | "through") {
            // in a statement / on Twitter / to reporters / in The News International
            let mut k = j + 1;
            if matches!(view.w(k), "a" | "an" | "the" | "his" | "her" | "their" | "its") {
                k += 1;
            }
            // A medium noun and names, in any order: `in a statement`, `in the Pakistani newspaper
            // The News International`, `on Twitter`, `on Tuesday`, `to reporters`.
            let mut matched = false;
            while k < end {
                if let Some(m) = lex.match_at(words, k, CueKind::Medium) {
                    k = m.end;
                    matched = true;
                    continue;
                }
                if view.is_capitalised(k) && !view.is_punct(k) {
                    while k < end && (view.is_capitalised(k) || matches!(view.w(k), "of" | "the" | "'s")) && !view.is_punct(k) {
                        k += 1;
                    }
                    matched = true;
                    continue;
                }
                if matches!(view.w(k), "reporters" | "journalists" | "supporters" | "interviewers" | "lawmakers" | "voters") {
                    k += 1;
                    matched = true;
                    break;
                }
                if contains(words::TIME_WORDS, view.w(k)) {
                    k += 1;
                    matched = true;
                    continue;
                }
                break;
            }
            if matched {
                j = k;
            }
        }
        if j == start {
            return j;
        }
    }
}

/// After a parenthetical cue, the rest of the clause may be adjuncts: `… he said of the plan`,
/// `… she said at a rally in Ohio on Tuesday`, `… he said as the crowd cheered`. Accepted when it
/// opens with a preposition or subordinator and runs to the end or a comma without a quotation or
/// a `that` clause.
fn adjunct_tail(view: &View, k: usize, send: usize) -> bool {
    const OPENERS: &[&str] = &[
        "in", "on", "at", "with", "of", "about", "during", "after", "before", "to", "from", "for", "while", "when",
        "as", "via", "outside", "inside", "near", "following", "ahead", "last", "this", "earlier", "later", "told",
        "through", "over", "without", "amid", "referring", "speaking", "according", "recently",
    ];
    if k >= send || !contains(OPENERS, view.w(k)) {
        return false;
    }
    let mut j = k;
    while j < send && view.w(j) != "," && view.w(j) != ";" {
        if view.opening_quote(j).is_some() || view.w(j) == "that" {
            return false;
        }
        j += 1;
    }
    true
}

/// Skips the audience of a `tell` verb: `told him`, `told reporters`, `told The Washington Post`,
/// `told a crowd`.
fn skip_audience(view: &View, k: usize, end: usize) -> usize {
    if k >= end || view.is_punct(k) || view.opening_quote(k).is_some() {
        return k;
    }
    let w = view.w(k);
    if matches!(w, "him" | "her" | "them" | "me" | "us" | "you" | "reporters" | "journalists" | "supporters" | "voters" | "lawmakers" | "students" | "viewers" | "listeners") {
        return k + 1;
    }
    if view.is_capitalised(k) {
        let mut j = k;
        while j < end && (view.is_capitalised(j) || matches!(view.w(j), "of" | "the" | "'s" | "-" | "&")) && view.opening_quote(j).is_none() {
            j += 1;
        }
        return j;
    }
    if matches!(w, "the" | "a" | "an" | "his" | "her" | "their" | "its" | "one") {
        let mut j = k + 1;
        while j < end && j - k <= 4 && !view.is_punct(j) && view.w(j) != "that" && !contains(words::TIME_WORDS, view.w(j)) {
            j += 1;
        }
        return j;
    }
    k
}

/// Reads a subject noun phrase backwards from `a` (exclusive) down to `lo`.
fn source_before(lex: &Lexicon, view: &View, words: &[&str], a: usize, lo: usize) -> Option<Range<usize>> {
    let mut j = a;
    while j > lo && contains(words::BETWEEN_SUBJECT_AND_CUE, view.w(j - 1)) && !(j - 1 > lo && view.is_punct(j - 2)) {
        j -= 1;
    }
    // `on Tuesday` between subject and verb.
    if j >= lo + 2 && matches!(view.w(j - 2), "on" | "last") && contains(words::TIME_WORDS, view.w(j - 1)) {
        j -= 2;
    }
    let end = j;
    let np_start = |mut j: usize| -> usize {
        let stop = j.saturating_sub(14).max(lo);
        while j > stop {
            let k = j - 1;
            let w = view.w(k);
            if w == ")" {
                // A parenthesised party or state after a name: `Harry Reid (D-Nev.)`.
                let open = (k.saturating_sub(8).max(lo)..k).rev().find(|&t| view.w(t) == "(");
                match open {
                    Some(o) if o > lo && view.is_capitalised(o - 1) => {
                        j = o;
                        continue;
                    }
                    _ => break,
                }
            }
            if view.in_quote[k].is_some() || (view.is_punct(k) && !matches!(w, "'s" | "-" | "&" | ".")) {
                break;
            }
            if w == "and" {
                // `Analyst and politician X`, `Trump and Clinton`: keep when a name or title is left of it.
                if !(k > lo && view.is_capitalised(k - 1)) {
                    break;
                }
            } else if contains(words::NP_STOP, w) && !matches!(w, "of" | "for") {
                break;
            }
            if k < end && lex.match_at(words, k, CueKind::Verb).is_some() && !view.is_capitalised(k) {
                break;
            }
            j -= 1;
        }
        j
    };
    if end > lo && view.w(end - 1) == "," {
        // `Khan, the prime minister, said` / `Khan, 69, said`.
        let inner_end = end - 1;
        let mut k = inner_end;
        while k > lo && inner_end - k < 10 && view.w(k - 1) != "," {
            if view.in_quote[k - 1].is_some() {
                return None;
            }
            k -= 1;
        }
        if k > lo + 1 && view.w(k - 1) == "," {
            let s = np_start(k - 1);
            let named = (s..inner_end).any(|t| view.is_capitalised(t) && t > lo);
            if s < k - 1 && (named || view.is_capitalised(k - 2)) {
                return Some(s..inner_end);
            }
        }
        // A longer apposition or relative clause: `Police Commissioner Richard Ross, who spent the
        // morning in the streets, described …` — the name before `, who` / `, a` is the subject.
        let far = inner_end.saturating_sub(30).max(lo);
        let open = (far..inner_end).rev().find(|&c| {
            view.w(c) == "," && c + 1 < inner_end && matches!(view.w(c + 1), "who" | "whose" | "a" | "an" | "the" | "which")
        });
        if let Some(c) = open {
            let s = np_start(c);
            if s < c && (s..c).any(|t| view.is_capitalised(t) && t > lo || contains(words::PERSON_NOUNS, view.w(t))) {
                return Some(s..inner_end);
            }
        }
        return None;
    }
    let s = np_start(end);
    // A subject is a noun phrase: starts with a determiner, a name, a pronoun or an adjective; a
    // lone lower-case word left of the verb is more often the end of another clause.
    (s < end).then_some(s..end)
}

/// An inverted subject after a parenthetical cue (`…,” said Khan.`, `said the senior official`):
/// a pronoun, a run of names, or a short determiner phrase; never a clause (`said the plan was …`).
fn inverted_np(view: &View, b: usize, hi: usize) -> Option<Range<usize>> {
    if b >= hi {
        return None;
    }
    if matches!(view.w(b), "he" | "she" | "they" | "it" | "we" | "i") {
        return Some(b..b + 1);
    }
    let det = matches!(view.w(b), "the" | "a" | "an" | "his" | "her" | "their" | "its" | "one" | "another");
    let mut j = b;
    while j < hi && j - b < 12 {
        let w = view.w(j);
        let name_part = view.is_capitalised(j) || matches!(w, "of" | "the" | "'s" | "-" | "&" | "." | "(" | ")" | "de" | "van" | "von" | "al" | "bin");
        if view.in_quote[j].is_some() || (view.is_punct(j) && !matches!(w, "'s" | "-" | "&" | "(" | ")")) {
            break;
        }
        let stop = contains(words::NP_STOP, w) && !matches!(w, "of" | "for" | "at" | "in" | "on" | "with");
        if stop || contains(words::BETWEEN_SUBJECT_AND_CUE, w) && !matches!(w, "first") {
            return None;
        }
        if !(name_part || det) && j - b > 5 {
            return None;
        }
        j += 1;
    }
    // Lower-case words are fine inside a determiner phrase, or before a name
    // (`Idaho nutritional-supplement executive Frank VanderSloot`); not otherwise.
    let ends_in_name = j > b && view.is_capitalised(j - 1);
    let all_named = (b..j).all(|t| view.is_capitalised(t) || matches!(view.w(t), "of" | "the" | "'s" | "-" | "&" | "(" | ")" | "de" | "van" | "von" | "al" | "bin"));
    (j > b && (det || ends_in_name || all_named)).then_some(b..j)
}

/// Reads a noun phrase forwards from `b` up to `hi` (`according to X`).
fn source_after(view: &View, b: usize, hi: usize) -> Option<Range<usize>> {
    let mut j = b;
    while j < hi && j - b < 15 {
        let w = view.w(j);
        if view.in_quote[j].is_some() || (view.is_punct(j) && !matches!(w, "'s" | "-" | "&")) {
            break;
        }
        if j > b && matches!(w, "that" | "who" | "which" | "when" | "because" | "as" | "and" | "but" | "on" | "after" | "before" | "while" | "if") {
            break;
        }
        j += 1;
    }
    (j > b).then_some(b..j)
}

/// The last token of the sentence that is not closing punctuation.
fn content_end(view: &View, range: &Range<usize>) -> usize {
    let mut e = range.end;
    while e > range.start && view.is_punct(e - 1) && view.closing_quote(e - 1).is_none() && !view.is_open_mark(e - 1) {
        e -= 1;
    }
    e
}

fn tok_span(view: &View, a: usize, b: usize) -> Option<Span> {
    (a < b).then(|| view.span(&(a..b)))
}

/// Extends a content span so that a quotation it starts or ends inside is whole.
fn whole_quotes(view: &View, mut sp: Span) -> Span {
    for (q, _) in &view.quotes {
        if q.outer.overlaps(sp) && !sp.contains(q.outer) {
            if q.outer.start >= sp.start || q.outer.end <= sp.end {
                sp = sp.cover(q.outer);
            }
        }
    }
    sp
}

#[allow(clippy::too_many_arguments)]
fn attribute(
    lex: &Lexicon,
    view: &View,
    words: &[&str],
    si: usize,
    sent: Range<usize>,
    c: CueMatch,
    earlier: &[Attr],
    base: usize,
) -> Option<Attr> {
    let e = lex.entry(c.entry);
    let (a, b) = (c.start, c.end);
    let lo = sent.start;
    // Sentence-initial opening punctuation and quote marks are not content.
    let mut s0 = lo;
    while s0 < a && view.is_punct(s0) && !view.is_open_mark(s0) {
        s0 += 1;
    }
    let send = content_end(view, &sent);
    let mk = |content: Span, source: Option<Range<usize>>, rule: &'static str, source_from: Option<usize>| Attr {
        content,
        cue: Some(a..b),
        entry: Some(c.entry),
        source,
        sentence: si,
        rule: Cow::Borrowed(rule),
        source_from,
    };

    if e.kind == CueKind::Prep {
        // `According to X, …` / `…, according to X.`
        let src = source_after(view, b, sent.end);
        let after_src = src.as_ref().map_or(b, |r| r.end);
        if a <= s0 + 1 {
            let mut k = after_src;
            while k < send && view.is_punct(k) && !view.is_open_mark(k) {
                k += 1;
            }
            let content = tok_span(view, k, send.max(k))?;
            return Some(mk(whole_quotes(view, content), src, "prep:initial", None));
        }
        let mut k = a;
        while k > s0 && view.is_punct(k - 1) && view.closing_quote(k - 1).is_none() {
            k -= 1;
        }
        let content = tok_span(view, s0, k)?;
        return Some(mk(whole_quotes(view, content), src, "prep:final", None));
    }

    // Parenthetical: `CONTENT, X said.` / `“CONTENT,” said X.` / `“CONTENT?” X said.` (the
    // quotation closing the previous sentence of the paragraph).
    let allows_parenthetical = matches!(e.frame, Frame::Speech | Frame::Cognition | Frame::Ask | Frame::Tell);
    let quote_before_sentence = lo > 0
        && view.closing_quote(lo - 1).is_some()
        && si > 0
        && view.para_of[si - 1] == view.para_of[si];
    if allows_parenthetical && (a > s0 || quote_before_sentence) {
        let mut tail_start = skip_after_cue(lex, view, words, b, sent.end);
        if e.frame == Frame::Tell {
            tail_start = skip_after_cue(lex, view, words, skip_audience(view, tail_start, send), sent.end);
        }
        let boundary_at_cue = (a > lo && (view.w(a - 1) == "," || view.closing_quote(a - 1).is_some())) || (a == lo && quote_before_sentence);
        let inverted = if boundary_at_cue { inverted_np(view, tail_start, sent.end) } else { None };
        let mut after = skip_after_cue(lex, view, words, inverted.as_ref().map_or(tail_start, |r| r.end), sent.end);
        if e.frame == Frame::Tell && inverted.is_some() {
            after = skip_after_cue(lex, view, words, skip_audience(view, after, send), sent.end);
        }
        let tail_ok = after >= send
            || (matches!(view.w(after), "," | ";" | "—" | "–" | "--" | ")") && (after + 1 >= sent.end || view.opening_quote(after + 1).is_none()));
        // Left boundary: a comma or closing quote no further than a short noun phrase away.
        let mut k = a;
        while k > lo && a - k <= 10 {
            let t = k - 1;
            if view.closing_quote(t).is_some() || matches!(view.w(t), "," | ":" | "—" | "–" | "--") {
                break;
            }
            if view.is_punct(t) && !matches!(view.w(t), "'s" | "-" | "&" | "(" | ")") || contains(&["that", "who", "which", "and", "but"], view.w(t)) {
                k = usize::MAX; // not a short noun phrase
                break;
            }
            k -= 1;
        }
        let has_boundary = k != usize::MAX
            && ((k > s0 && (view.closing_quote(k - 1).is_some() || matches!(view.w(k - 1), "," | ":" | "—" | "–" | "--")))
                || (k == lo && quote_before_sentence));
        let sourced = k != usize::MAX && (k < a || inverted.is_some());
        // Adjuncts after the cue are only trusted when the content is a quotation: without the
        // marks, `…, he said of the plan` is too often a clause boundary misread.
        let closes_quote = has_boundary && k > 0 && (view.closing_quote(k - 1).is_some() || (k > 1 && view.closing_quote(k - 2).is_some()));
        let tail_ok = tail_ok || (closes_quote && adjunct_tail(view, after, send));
        if tail_ok && has_boundary && sourced {
            let between = k..a;
            let src = if between.is_empty() {
                inverted
            } else {
                let mut j = a;
                while j > k && contains(words::BETWEEN_SUBJECT_AND_CUE, view.w(j - 1)) {
                    j -= 1;
                }
                (j > k).then_some(k..j)
            };
            // Content: the quotation that closes at the boundary, or the sentence up to it.
            let mut end = k - 1;
            let quote = view.closing_quote(end).or_else(|| (end > s0).then(|| view.closing_quote(end - 1)).flatten());
            let content = if let Some(qi) = quote {
                view.quotes[qi].0.outer
            } else {
                while end > s0 && view.is_punct(end - 1) && view.closing_quote(end - 1).is_none() {
                    end -= 1;
                }
                whole_quotes(view, tok_span(view, s0, end)?)
            };
            let rule = if src.as_ref().is_some_and(|r| r.start >= b) { "verb:parenthetical-inverted" } else { "verb:parenthetical" };
            return Some(mk(content, src, rule, None));
        }
    }

    // Cue first: `X said (that) CONTENT`, `X told reporters CONTENT`, `X said: “…”`.
    if a > lo && view.w(a - 1) == "to" {
        return None; // `to say`: an infinitive governed by something else
    }
    let src = source_before(lex, view, words, a, lo);
    let mut k = skip_after_cue(lex, view, words, b, sent.end);
    if e.frame == Frame::Tell {
        // The audience: `told reporters`, `told him`, `told the BBC on Tuesday`.
        let mut j = k;
        while j < send && j - k < 8 && !view.is_punct(j) && view.w(j) != "that" && view.opening_quote(j).is_none() {
            j += 1;
        }
        if j < send && view.w(j) == "that" {
            k = j;
        } else if k < send && !view.is_punct(k) {
            // `told him he …`: one pronoun or one name is the audience.
            let mut j = k + 1;
            while j < send && view.is_capitalised(j) && view.is_capitalised(j - 1) {
                j += 1;
            }
            k = skip_after_cue(lex, view, words, j, sent.end);
        }
    }
    while k < send && matches!(view.w(k), "," | ":" | "-" | "—" | "–") {
        k += 1;
    }
    if k >= send {
        // `X agreed.` / `… issued this statement:` followed by a quotation that opens the next
        // sentence of the paragraph (or, after a colon, the next paragraph).
        let next = sent.end;
        let colon = sent.end > lo && view.w(sent.end - 1) == ":";
        let qi = (next < view.doc.tokens.len()).then(|| view.opening_quote(next)).flatten()?;
        let ns = view.sent_of[next] as usize;
        if !(colon || view.para_of[ns] == view.para_of[si]) || src.is_none() {
            return None;
        }
        return Some(mk(view.quotes[qi].0.outer, src, "verb:next-quote", None));
    }
    // Content ends at the sentence end, or where a quotation that starts it ends.
    let content = if let Some(qi) = view.opening_quote(k) {
        let q = view.quotes[qi].0;
        let rest_after = view.doc.tokens.partition_point(|t| t.span.start < q.outer.end);
        if rest_after >= send || view.sent_of.get(rest_after).is_some_and(|&x| x as usize != si) {
            q.outer
        } else {
            whole_quotes(view, tok_span(view, k, send)?)
        }
    } else {
        whole_quotes(view, tok_span(view, k, send)?)
    };
    // A subjectless participle after a comma (`…, adding that`) shares the previous source.
    let participle = words[a].ends_with("ing") && a > lo && matches!(view.w(a - 1), "," | "and");
    if participle || src.is_none() {
        if let Some(prev) = earlier.iter().rposition(|x| x.source.is_some() || x.source_from.is_some()) {
            if participle {
                return Some(mk(content, None, "verb:participle", Some(base + prev)));
            }
        }
    }
    let rule = if e.frame == Frame::Object { "verb:object" } else { "verb:complement" };
    Some(mk(content, if participle { None } else { src }, rule, None))
}

/// PolNeAR-style univocal attributions: a cue inside another attribution's content is part of that
/// content, unless it starts a new clause after a comma or `and` (`…, adding that …`), where the
/// earlier content is cut.
fn resolve_nesting(view: &View, attrs: &mut Vec<Attr>, first: usize) {
    let mut i = first;
    while i < attrs.len() {
        let cue_sp = attrs[i].cue.as_ref().map(|c| view.span(c));
        let mut drop = false;
        if let Some(cs) = cue_sp {
            for j in first..attrs.len() {
                if i == j || !attrs[j].content.contains(cs) {
                    continue;
                }
                let c = attrs[i].cue.clone().unwrap_or(0..0);
                let src_start = attrs[i].source.as_ref().map_or(c.start, |s| s.start.min(c.start));
                let boundary = (src_start > 0 && matches!(view.w(src_start - 1), "," | "and" | "but" | ";"))
                    .then_some(src_start - 1);
                match boundary {
                    Some(bd) if view.doc.tokens[bd].span.start > attrs[j].content.start => {
                        let mut e = bd;
                        while e > 0 && matches!(view.w(e - 1), "," | "and" | "but" | ";") {
                            e -= 1;
                        }
                        attrs[j].content.end = view.doc.tokens[e.saturating_sub(1)].span.end.max(attrs[j].content.start);
                    }
                    _ => drop = true,
                }
            }
        }
        if drop {
            attrs.remove(i);
            for a in attrs.iter_mut() {
                if let Some(k) = a.source_from {
                    if k > i {
                        a.source_from = Some(k - 1);
                    }
                }
            }
        } else {
            i += 1;
        }
    }
}

/// A quotation reads as speech (not a title or scare quote): several words, or a full sentence.
fn speech_like(view: &View, q: &Quotation, toks: &Range<usize>) -> bool {
    let words: Vec<usize> = toks.clone().filter(|&t| !view.is_punct(t)).collect();
    let inner = view.doc.text[q.inner.range()].trim_end();
    let terminal = inner.ends_with(['.', '!', '?', ',']) || inner.ends_with(".…");
    let title_case = words.iter().all(|&t| view.is_capitalised(t) || view.w(t).len() <= 3);
    (words.len() >= 4 && !(title_case && !terminal)) || (terminal && words.len() >= 2 && view.is_capitalised(toks.start + 1))
}

/// Quotations that no cue reached. One that follows an attribution of a quotation in the very next
/// sentence of the same paragraph continues it (`“A,” he said. “B.”` is one attribution, as PolNeAR
/// annotates it): that content is extended over it. Others are attributed to the previous
/// attribution in the same or the preceding paragraph, or left without a speaker.
fn context_quotes(view: &View, attrs: &mut Vec<Attr>) {
    let n_cued = attrs.len();
    for (q, toks) in &view.quotes {
        if attrs.iter().any(|a| a.content.overlaps(q.outer)) || !speech_like(view, q, toks) {
            continue;
        }
        let si = view.sent_of[toks.start] as usize;
        let para = view.para_of[si];
        let prev = attrs
            .iter()
            .enumerate()
            .filter(|(_, a)| a.content.end <= q.outer.start && para.saturating_sub(view.para_of[a.sentence]) <= 1)
            .filter(|(_, a)| a.source.is_some() || a.source_from.is_some())
            .max_by_key(|(_, a)| a.content.end)
            .map(|(k, _)| k);
        if let Some(k) = prev.filter(|&k| k < n_cued) {
            let a = &attrs[k];
            let last_tok = view.doc.tokens.partition_point(|t| t.span.start < a.content.end).saturating_sub(1);
            let last_sent = (view.sent_of[last_tok] as usize).max(a.sentence);
            let a_is_quote = view.quotes.iter().any(|(q2, _)| a.content.contains(q2.outer) || q2.outer.contains(a.content));
            if a_is_quote && si == last_sent + 1 && view.para_of[last_sent] == para {
                let a = &mut attrs[k];
                a.content = a.content.cover(q.outer);
                if !a.rule.ends_with("+continued") {
                    a.rule = Cow::Owned(format!("{}+continued", a.rule));
                }
                continue;
            }
        }
        attrs.push(Attr {
            content: q.outer,
            cue: None,
            entry: None,
            source: None,
            sentence: si,
            rule: Cow::Borrowed(if prev.is_some() { "quote:context-previous" } else { "quote:unattributed" }),
            source_from: prev,
        });
    }
}

/// Two cues claiming the same content: the one found in the content's own sentence wins over one
/// that reached forward for it (`verb:next-quote`). Indices in `source_from` are kept valid.
fn drop_duplicate_contents(attrs: &mut Vec<Attr>) {
    let mut i = 0;
    while i < attrs.len() {
        let dup = attrs[i].rule.starts_with("verb:next-quote")
            && attrs.iter().enumerate().any(|(j, b)| j != i && b.content.overlaps(attrs[i].content) && !b.rule.starts_with("verb:next-quote"));
        if dup && !attrs.iter().any(|b| b.source_from == Some(i)) {
            attrs.remove(i);
            for a in attrs.iter_mut() {
                if let Some(k) = a.source_from {
                    if k > i {
                        a.source_from = Some(k - 1);
                    }
                }
            }
        } else {
            i += 1;
        }
    }
}
