//! Speakers: from a source span to the entity it names or refers to.
//!
//! Order of rules (the first that answers wins; the rule id is not recorded per speaker because the
//! quote's `rule` already names the attribution rule, and the speaker span shows the evidence):
//! 1. an actor mention inside the source span (a person first, then the rightmost mention: the head
//!    of `Analyst and Balochistan politician X` is X);
//! 2. a personal pronoun (`he`, `she`): the most recent person mention before it outside quotations,
//!    gender-agnostic, else the most recent earlier speaker that is a name;
//! 3. a description (`the analyst`, `the ministry`): the most recent mention introduced with that
//!    noun (`analyst X`) or earlier speaker described by it; a definite person description falls back
//!    to the most recent person mention; an indefinite one (`a … analyst`) looks ahead two sentences
//!    for a mention introduced with the same noun;
//! 4. a bare name with no actor mention: the name itself, widened to an earlier speaker's full name
//!    when it is that speaker's surname.

use crate::find::View;
use crate::words::{self, contains};
use dragoman_doc::{ActorKind, ActorMention, Span, Speaker};
use std::ops::Range;

pub(crate) struct Resolver<'a> {
    actors: Vec<&'a ActorMention>,
}

fn is_person(m: &ActorMention) -> bool {
    m.kind == ActorKind::Person
}

fn is_org(m: &ActorMention) -> bool {
    matches!(m.kind, ActorKind::Organisation | ActorKind::Group | ActorKind::Country)
}

impl<'a> Resolver<'a> {
    pub fn new(_view: &View, actors: &'a [ActorMention]) -> Resolver<'a> {
        let mut actors: Vec<&ActorMention> = actors.iter().collect();
        actors.sort_by_key(|m| m.span.start);
        Resolver { actors }
    }

    fn speaker_of(view: &View, span: Span, m: &ActorMention) -> Speaker {
        Speaker {
            span,
            entity: Some(m.entity.clone().unwrap_or_else(|| view.doc.text[m.span.range()].to_string())),
            code: m.code.clone(),
        }
    }

    /// Is the mention inside a quotation (a name the speaker talks about, not a speaker)?
    fn quoted(view: &View, m: &ActorMention) -> bool {
        view.quotes.iter().any(|(q, _)| q.inner.contains(m.span))
    }

    pub fn resolve(&self, view: &View, src: Range<usize>, prior: &[Option<Speaker>]) -> Option<Speaker> {
        let span = view.span(&src);
        // 1. A mention inside the span.
        let inside: Vec<&&ActorMention> = self.actors.iter().filter(|m| span.contains(m.span)).collect();
        let starts_indefinite = src.clone().next().is_some_and(|t| matches!(view.w(t), "a" | "an" | "another" | "one"));
        // An unnamed, indefinite description (`a Pakistani analyst`) usually introduces someone named
        // just after: let the description rule look ahead, and keep the mention as the fallback.
        let mut fallback: Option<Speaker> = None;
        if let Some(m) = inside.iter().rev().find(|m| is_person(m)).or_else(|| inside.last()) {
            if !(starts_indefinite && m.entity.is_none()) {
                return Some(Self::speaker_of(view, span, m));
            }
            fallback = Some(Self::speaker_of(view, span, m));
        }
        // Words of the span, leaving out parenthesised asides (`(D-Nev.)`).
        let mut depth = 0i32;
        let toks: Vec<usize> = src
            .clone()
            .filter(|&t| {
                match view.w(t) {
                    "(" => depth += 1,
                    ")" => depth -= 1,
                    _ => {}
                }
                depth == 0 && !view.is_punct(t)
            })
            .collect();
        let first = toks.first().map(|&t| view.w(t)).unwrap_or("");
        let bare = Speaker { span, entity: None, code: None };
        // 2. Pronouns.
        if toks.len() == 1 && contains(words::PERSON_PRONOUNS, first) {
            let before = self
                .actors
                .iter()
                .rev()
                .filter(|m| m.span.end <= span.start && is_person(m) && !Self::quoted(view, m))
                .find(|m| span.start - m.span.end < 4000);
            if let Some(m) = before {
                return Some(Self::speaker_of(view, span, m));
            }
            let prev = prior.iter().rev().flatten().find(|s| s.entity.is_some() && s.span.end <= span.start);
            return Some(Speaker { span, entity: prev.and_then(|s| s.entity.clone()), code: prev.and_then(|s| s.code.clone()) });
        }
        if toks.len() == 1 && (contains(words::GROUP_PRONOUNS, first) || contains(words::DEICTIC_PRONOUNS, first)) {
            return Some(bare);
        }
        // 3. Descriptions.
        // `The Pakistani newspaper`: capitalised modifiers before a common-noun head are no name.
        let head_is_noun = toks.last().is_some_and(|&t| {
            !view.is_capitalised(t) && (contains(words::PERSON_NOUNS, view.w(t)) || contains(words::ORG_NOUNS, view.w(t)))
        });
        let has_name = !head_is_noun && toks.iter().skip(1).any(|&t| view.is_capitalised(t));
        let definite = matches!(first, "the" | "this" | "that" | "these" | "those");
        let indefinite = matches!(first, "a" | "an" | "another" | "one");
        if (definite || indefinite) && !has_name {
            let head = toks.iter().rev().map(|&t| view.w(t)).find(|w| contains(words::PERSON_NOUNS, w) || contains(words::ORG_NOUNS, w));
            if let Some(noun) = head {
                let person = contains(words::PERSON_NOUNS, noun);
                // A mention introduced with that noun, before (or for an indefinite, just after).
                let introduced = |m: &&ActorMention| {
                    let t0 = view.doc.tokens.partition_point(|t| t.span.end <= m.span.start);
                    let lo = t0.saturating_sub(6);
                    let same_sentence = |t: usize| view.sent_of.get(t) == view.sent_of.get(t0);
                    (lo..t0).any(|t| same_sentence(t) && view.w(t) == noun) || view.doc.text[m.span.range()].to_lowercase().contains(noun)
                };
                let kind_ok = |m: &&ActorMention| if person { is_person(m) } else { is_org(m) };
                if indefinite {
                    let limit_sent = view.sent_of[src.start] as usize + 2;
                    let ahead = self.actors.iter().filter(|m| m.span.start >= span.end && kind_ok(m) && !Self::quoted(view, m)).find(|m| {
                        let t = view.doc.tokens.partition_point(|t| t.span.end <= m.span.start);
                        view.sent_of.get(t).is_some_and(|&s| (s as usize) <= limit_sent) && introduced(m)
                    });
                    if let Some(m) = ahead {
                        return Some(Self::speaker_of(view, span, m));
                    }
                    return Some(fallback.unwrap_or(bare));
                }
                let back = self.actors.iter().rev().filter(|m| m.span.end <= span.start && kind_ok(m) && !Self::quoted(view, m));
                if let Some(m) = back.clone().find(|m| introduced(m)) {
                    return Some(Self::speaker_of(view, span, m));
                }
                let described = prior.iter().rev().flatten().find(|s| s.span.end <= span.start && view.doc.text[s.span.range()].to_lowercase().contains(noun) && s.entity.is_some());
                if let Some(s) = described {
                    return Some(Speaker { span, entity: s.entity.clone(), code: s.code.clone() });
                }
                if person {
                    if let Some(m) = back.clone().next() {
                        return Some(Self::speaker_of(view, span, m));
                    }
                }
            }
            return Some(bare);
        }
        // 4. A name without an actor mention: the trailing run of capitalised words.
        let mut run: Vec<usize> = Vec::new();
        for &t in toks.iter().rev() {
            if view.is_capitalised(t) && !matches!(view.w(t), "the" | "a" | "an") {
                run.push(t);
            } else if !run.is_empty() {
                break;
            }
        }
        if run.is_empty() {
            return Some(bare);
        }
        run.reverse();
        // Titles before a name are not part of it: `Senate Minority Leader Harry Reid`.
        if let Some(p) = run.iter().rposition(|&t| is_title(view.w(t))) {
            if p + 1 < run.len() {
                run.drain(..=p);
            }
        }
        let name_span = view.span(&(run[0]..run[run.len() - 1] + 1));
        let name = &view.doc.text[name_span.range()];
        if run.len() == 1 {
            let longer = prior.iter().rev().flatten().filter_map(|s| s.entity.as_deref()).find(|e| e.len() > name.len() && e.ends_with(name) && e[..e.len() - name.len()].ends_with(' '));
            if let Some(full) = longer {
                return Some(Speaker { span, entity: Some(full.to_string()), code: None });
            }
        }
        Some(Speaker { span, entity: Some(name.to_string()), code: None })
    }
}

/// Words that stand before a name as a title or office.
fn is_title(w: &str) -> bool {
    const TITLES: &[&str] = &[
        "mr.", "mrs.", "ms.", "dr.", "sen.", "rep.", "gov.", "gen.", "lt.", "col.", "sgt.", "prof.", "rev.", "pres.",
        "prime", "vice", "deputy", "foreign", "defense", "defence", "senate", "house", "minority", "majority",
        "former", "state", "attorney", "supreme", "press", "white", "national", "federal", "democratic", "republican",
    ];
    TITLES.contains(&w) || words::contains(words::PERSON_NOUNS, w)
}
