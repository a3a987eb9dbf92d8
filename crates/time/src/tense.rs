//! Which way a bare weekday, month or day-of-month points: the tense of its clause.
//!
//! With a syntax layer the verb the expression attaches to decides (`VBD` → past; a `will` /
//! `shall` auxiliary → future). Without one — or when the verb says nothing — the nearest tense
//! cue word in the sentence decides (ties go to the cue on the left, the usual place of the verb
//! governing a trailing `on Tuesday`). No cue at all gives [`Tense::Unknown`], and the resolver then
//! takes the occurrence nearest to the document date: "from Wednesday" in a Tuesday article is the
//! next day.

use crate::resolve::Tense;
use dragoman_doc::Document;

const PAST: &[&str] = &[
    "was", "were", "had", "did", "said", "met", "began", "came", "went", "told", "made", "took", "got", "saw",
    "held", "left", "gave", "fell", "rose", "won", "lost", "sold", "bought", "found", "thought", "knew",
    "became", "brought", "built", "kept", "led", "meant", "paid", "ran", "sent", "spoke", "stood", "wrote",
    "struck", "shot", "hit", "fought", "fled", "broke", "chose", "drew", "flew", "grew", "heard", "hid",
    "hung", "laid", "lay", "overtook", "read", "rode", "sang", "sank", "sat", "shook", "slid", "spent",
    "stole", "stuck", "swore", "taught", "threw", "understood", "woke", "withdrew", "wore", "ago", "last",
    "earlier", "yesterday",
];

const FUTURE: &[&str] = &[
    "will", "'ll", "shall", "wo", "going", "scheduled", "expected", "due", "plans", "plan", "planning",
    "upcoming", "next", "tomorrow", "intends", "aims", "hopes", "until", "till", "slated", "poised",
];

/// Verbs of intention and schedule: with an infinitive after them (`set to resume`), what follows
/// is ahead. Other verbs before `to` (`spoke to Biden`) take a preposition, not an infinitive.
const INTEND: &[&str] = &[
    "set", "due", "supposed", "agreed", "decided", "promised", "vowed", "pledged", "threatened", "wants", "want",
    "wanted", "planned", "plans", "plan", "expected", "scheduled", "hoped", "hopes", "intended", "intends",
    "prepared", "poised", "slated", "going", "aims", "aimed", "offered", "seeks", "sought",
];

/// Present-tense verbs of schedule (`the summit opens Friday`): in news they announce what is ahead.
const SCHEDULE: &[&str] = &[
    "starts", "begins", "begin", "opens", "ends", "closes", "meets", "arrives", "leaves", "returns", "resumes",
    "visits", "travels", "heads", "expires", "kicks", "convenes", "reopens", "runs",
];

/// Words ending in `-ed` that are not past forms.
const NOT_PAST_ED: &[&str] = &["need", "indeed", "speed", "seed", "feed", "breed", "bed", "red", "shed", "hundred", "bleed", "proceed", "succeed", "exceed", "weed", "greed"];

/// Reporting verbs date the report, not the event reported: they are a cue only right next to
/// the expression (`said Thursday`), not across a clause (`said the vote will be held Nov. 16`).
const REPORTING: &[&str] = &[
    "said", "says", "say", "told", "tells", "announced", "reported", "added", "noted", "stated", "wrote",
    "claimed", "explained", "according", "insisted", "warned", "confirmed", "quoted",
];

fn cue(w: &str) -> Option<Tense> {
    if REPORTING.contains(&w) {
        return Some(Tense::Past);
    }
    if SCHEDULE.contains(&w) {
        return Some(Tense::Future);
    }
    if FUTURE.contains(&w) {
        return Some(Tense::Future);
    }
    if PAST.contains(&w) {
        return Some(Tense::Past);
    }
    let past_ed = w.len() > 4 && w.ends_with("ed") && w.bytes().all(|b| b.is_ascii_lowercase()) && !NOT_PAST_ED.contains(&w);
    past_ed.then_some(Tense::Past)
}

/// The tense governing tokens `span_toks` (absolute token indices, half-open) inside the sentence
/// `sent` (token range).
pub fn tense_at(doc: &Document, sent: std::ops::Range<usize>, span_toks: std::ops::Range<usize>) -> Tense {
    if doc.syntax.len() == doc.tokens.len() && !doc.syntax.is_empty() {
        if let Some(t) = syntax_tense(doc, sent.clone(), span_toks.clone()) {
            return t;
        }
    }
    let mut best: Option<(usize, Tense)> = None;
    let mut buf = String::new();
    for t in sent {
        if span_toks.contains(&t) {
            continue;
        }
        let text = doc.token_text(t);
        if text.len() > 12 || !text.bytes().next().is_some_and(|b| b.is_ascii_alphabetic() || b == b'\'') {
            continue;
        }
        buf.clear();
        buf.extend(text.chars().map(|c| if c == '’' { '\'' } else { c.to_ascii_lowercase() }));
        // Keep capitalised words out of the `-ed` test (`United`), but not out of the lists.
        let lower_or_listed = !text.starts_with(char::is_uppercase) || PAST.contains(&buf.as_str()) || FUTURE.contains(&buf.as_str());
        let word = buf.as_str();
        let next_is_to = t + 1 < doc.tokens.len() && doc.token_text(t + 1).eq_ignore_ascii_case("to");
        // `set to resume`, `supposed to conclude`, `agreed to meet`: what follows is ahead.
        let mut tense = if next_is_to && INTEND.contains(&word) {
            Tense::Future
        } else {
            let Some(c) = (if lower_or_listed { cue(word) } else { None }) else { continue };
            c
        };
        let dist = if t < span_toks.start { span_toks.start - t } else { t + 1 - span_toks.end };
        if REPORTING.contains(&word) && !(t < span_toks.start && dist <= 3) {
            continue;
        }
        if tense == Tense::Past && t > 0 {
            let p = doc.token_text(t - 1).to_ascii_lowercase();
            match p.as_str() {
                // `will be held`: a passive takes the auxiliary's tense.
                "be" => tense = Tense::Future,
                "been" | "being" => continue,
                // `the reduced dividend`: an -ed adjective is no verb.
                "the" | "a" | "an" | "its" | "their" | "his" | "her" | "our" | "this" | "that" if word.ends_with("ed") => continue,
                _ => {}
            }
        }
        // The verb governing a trailing adverbial usually stands to its left: a cue on the
        // right counts double distance.
        let dist = if t < span_toks.start { dist } else { 2 * dist };
        // Strictly closer wins; on a tie the left cue (seen first) stays.
        if best.is_none_or(|(d, _)| dist < d) {
            best = Some((dist, tense));
        }
    }
    best.map_or(Tense::Unknown, |(_, t)| t)
}

/// The tense of the verb the expression hangs from, when the parse shows one.
fn syntax_tense(doc: &Document, sent: std::ops::Range<usize>, span_toks: std::ops::Range<usize>) -> Option<Tense> {
    let head = span_toks.clone().find(|&t| doc.syntax[t].head.is_none_or(|h| !span_toks.contains(&h)))?;
    let mut v = doc.syntax[head].head?;
    for _ in 0..3 {
        if matches!(doc.syntax[v].upos, "VERB" | "AUX") {
            break;
        }
        v = doc.syntax[v].head?;
    }
    let s = &doc.syntax[v];
    if !matches!(s.upos, "VERB" | "AUX") {
        return None;
    }
    for i in sent {
        let w = &doc.syntax[i];
        if w.head == Some(v) && w.deprel.starts_with("aux") {
            let l = doc.token_text(i).to_ascii_lowercase();
            if matches!(l.as_str(), "will" | "'ll" | "shall" | "wo") {
                return Some(Tense::Future);
            }
            if matches!(w.xpos, "VBD") {
                return Some(Tense::Past);
            }
        }
    }
    match s.xpos {
        "VBD" => Some(Tense::Past),
        _ => None,
    }
}
