//! Event dating: which time expression, if any, dates an event trigger.

use dragoman_doc::{Document, Timex, TimexType};

/// Relations by which a time expression modifies a predicate in Universal Dependencies.
const TEMPORAL_RELS: &[&str] = &["obl:tmod", "obl", "nmod:tmod", "advmod", "obl:npmod", "nmod", "nmod:npmod"];

/// Relations that open a new clause: climbing from a trigger stops at the first token that heads
/// one of these (or at the root).
const CLAUSAL_RELS: &[&str] = &["root", "ccomp", "xcomp", "advcl", "acl", "acl:relcl", "parataxis", "csubj", "conj"];

/// The index (into `timexes`) of the time expression that dates the event whose trigger is token
/// `trigger_token`, or `None` (the caller then uses the article date).
///
/// Only expressions that point at a calendar position count: DATE and TIME with a value that
/// starts with a digit. Durations, sets and `PRESENT_REF`-style values do not date an event.
///
/// With a syntax layer: an expression whose head token attaches by a temporal relation
/// (`obl:tmod`, `obl`, `nmod:tmod`, `advmod`, `obl:npmod`, …) to the trigger wins; else one
/// attached so to the head of the trigger's clause (the trigger itself when it is a verb, else
/// its nearest clausal ancestor); else none — an expression in another clause dates another
/// event (`He said Monday that troops will leave`: `Monday` does not date `leave`).
/// Without a syntax layer: the nearest such expression in the trigger's sentence.
pub fn governing_timex(doc: &Document, timexes: &[Timex], trigger_token: usize) -> Option<usize> {
    if trigger_token >= doc.tokens.len() {
        return None;
    }
    let sent = doc
        .sentences
        .iter()
        .find(|s| s.tokens.contains(&trigger_token))
        .map_or(0..doc.tokens.len(), |s| s.tokens.clone());
    let trig_span = doc.tokens[trigger_token].span;
    // Candidate expressions in the sentence, with the token range each covers.
    let cands: Vec<(usize, std::ops::Range<usize>)> = timexes
        .iter()
        .enumerate()
        .filter(|(_, t)| matches!(t.kind, TimexType::Date | TimexType::Time))
        .filter(|(_, t)| t.value.as_bytes().first().is_some_and(u8::is_ascii_digit))
        .filter_map(|(k, t)| {
            let toks: Vec<usize> = sent.clone().filter(|&i| t.span.overlaps(doc.tokens[i].span)).collect();
            Some((k, *toks.first()?..*toks.last()? + 1))
        })
        .collect();
    if cands.is_empty() {
        return None;
    }
    if doc.syntax.len() == doc.tokens.len() && !doc.syntax.is_empty() {
        let clause = clause_head(doc, trigger_token);
        let attached_to = |target: usize| {
            cands.iter().find(|(_, r)| {
                let head = r.clone().find(|&t| doc.syntax[t].head.is_none_or(|h| !r.contains(&h)));
                head.is_some_and(|h| {
                    doc.syntax[h].head == Some(target) && TEMPORAL_RELS.contains(&doc.syntax[h].deprel)
                })
            })
        };
        if let Some((k, _)) = attached_to(trigger_token).or_else(|| attached_to(clause)) {
            return Some(*k);
        }
        return None;
    }
    cands
        .iter()
        .min_by_key(|(k, _)| {
            let s = timexes[*k].span;
            if s.end <= trig_span.start { trig_span.start - s.end } else { s.start.saturating_sub(trig_span.end) }
        })
        .map(|(k, _)| *k)
}

/// The head of the clause a token belongs to.
fn clause_head(doc: &Document, tok: usize) -> usize {
    let mut cur = tok;
    for _ in 0..doc.tokens.len() {
        let s = &doc.syntax[cur];
        if matches!(s.upos, "VERB" | "AUX") || CLAUSAL_RELS.contains(&s.deprel) {
            return cur;
        }
        match s.head {
            Some(h) => cur = h,
            None => return cur,
        }
    }
    cur
}
