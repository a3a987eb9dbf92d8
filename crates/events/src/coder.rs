//! Matching patterns against the dependency parse and building events from the match.

use crate::dict::{Constraint, Kind, Pattern, Phrase, Slot, Words};
use crate::Coder;
use dragoman_actors::KnowledgeBase;
use dragoman_doc::{ActorKind, ActorMention, Document, Event, EventActor, Modality, Quote, Span, Timex};
use std::borrow::Cow;
use std::ops::Range;

/// Governors whose controlled clause is an intention ("plans to visit", "is set to meet").
const INTENT_GOV: &[&str] = &[
    "plan", "intend", "expect", "set", "schedule", "due", "hope", "want", "aim", "seek", "prepare", "agree",
    "promise", "pledge", "vow", "offer", "propose", "decide", "resolve", "go", "mean", "wish", "commit",
    "arrange", "look", "intention", "intent", "bid", "proposal", "desire", "readiness", "willingness",
    "decision", "invitation", "preparation", "aim", "goal", "ready", "willing", "eager", "keen", "likely",
];
/// Governors that deny their clause ("failed to reach", "refused to meet", "denied that Russia
/// had attacked").
const NEG_GOV: &[&str] = &[
    "fail", "refuse", "decline", "reject", "avoid", "refrain", "cease", "stop", "halt", "quit", "cancel",
    "abandon", "neglect", "prevent", "bar", "block", "forbid", "prohibit", "refusal", "failure", "reluctant",
    "unable", "unwilling", "reluctance", "deny", "denial",
];
/// Governors whose clause is only possible or wished for ("urged X to withdraw").
const HYPO_GOV: &[&str] = &[
    "urge", "ask", "call", "demand", "press", "encourage", "need", "try", "attempt", "consider", "threaten",
    "warn", "push", "like", "able", "possible", "possibility", "prospect", "chance", "request", "appeal",
    "pressure", "effort", "hypothetical", "might", "could", "would", "suggest", "recommend",
    // "the visit was under discussion / consideration": talked about, not done
    "discussion", "consideration", "negotiation", "review", "study",
];
/// Verbs whose object (not subject) controls the infinitive ("urged Iran to release"), and verbs
/// whose object is the infinitive's subject ("wants Britain to use its influence", "expected
/// 150,000 shoppers to have visited").
const OBJ_CONTROL: &[&str] = &[
    "urge", "ask", "press", "encourage", "force", "invite", "allow", "permit", "persuade", "help", "stop",
    "prevent", "order", "tell", "request", "warn", "push", "compel", "pressure", "bar", "ban", "convince",
    "want", "expect", "need", "like", "wish", "prefer",
];
const NEG_WORDS: &[&str] = &["not", "n't", "never", "no", "nor", "neither", "without"];
const MODAL_INTENT: &[&str] = &["will", "shall", "'ll", "wo"];
const MODAL_HYPO: &[&str] = &["would", "could", "might", "may", "should", "can", "ca", "must", "'d"];
const COND_MARKS: &[&str] = &["if", "unless", "whether", "lest", "from"];
const RELATIVE: &[&str] = &["who", "which", "that", "whom"];
const PERSONAL: &[&str] = &["he", "she", "him", "his", "her", "hers"];
/// People and bodies that act, for the subject test of a verb event ("the company's founder
/// apologised", "the WTO's members gather"), where the agent dictionary has no code for them.
const ACTING_NOUNS: &[&str] = &[
    "founder", "owner", "watchdog", "office", "team", "colleague", "member", "aide", "staff", "supporter", "ally",
    "head", "predecessor", "successor", "wife", "husband", "family", "friend", "counterpart", "delegation", "agency",
    "department", "committee", "council", "executive", "board", "panel", "commission", "authority", "administration",
    "cabinet", "employee", "partner", "representative", "people",
];
/// Verbs whose `of`/`for` clause is what they allege ("accused Ethiopia of violating the deal").
const ALLEGE: &[&str] = &["accuse", "blame", "charge", "fault", "condemn", "criticize", "criticise", "denounce", "suspect"];
/// Words that measure what their `in`/`of` phrase names: "$500 million in aid", "tons of rice".
const MEASURE: &[&str] = &[
    "million", "billion", "trillion", "ton", "tonne", "barrel", "dose", "unit", "shipment", "batch", "package", "worth",
    "dozen", "hundred", "thousand", "score", "handful", "number",
];
/// Nouns that name a place by an `of` phrase: "the city of Kharkiv" is Kharkiv.
const PLACE_OF: &[&str] = &["city", "town", "village", "region", "province", "district", "port", "capital", "island", "state", "republic", "kingdom", "enclave", "area"];
/// Places that are no actor themselves but are somewhere, by the name on them: "the SEC's
/// headquarters", "the Russian embassy" (with [`PLACE_OF`]).
const PLACE_NOUNS: &[&str] = &[
    "headquarters", "embassy", "consulate", "office", "base", "camp", "palace", "residence", "home", "hotel", "farm",
    "border", "territory", "soil", "mainland", "coast", "parliament", "ministry", "court", "stadium", "airport",
];
/// Proper nouns that name times, not actors.
const CALENDAR: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december",
];
/// Nouns that head a time phrase ("on Friday evening", "on the eve of", "at the weekend").
const TIME_NOUNS: &[&str] = &[
    "day", "week", "weekend", "month", "year", "night", "morning", "afternoon", "evening", "eve", "date", "occasion",
    "today", "tomorrow", "yesterday", "tonight", "anniversary",
];
/// Verbs that judge someone else's act: a possessive on their object names another actor.
const JUDGING: &[&str] = &[
    "welcome", "condemn", "criticise", "criticize", "praise", "hail", "applaud", "denounce", "deplore", "oppose",
    "protest", "demand", "blame", "investigate",
];
/// Journeys: a place compounded with one is where it goes ("the Dublin trip").
const TRAVEL_NOUNS: &[&str] = &["visit", "trip", "tour", "journey", "voyage", "stopover", "mission"];
/// Nouns that take an infinitive as their content, done by their owner ("plans to hold", "a
/// failure to reach"); not those done by someone else ("permission to fly", "pressure to help").
const COMPLEMENT_NOUNS: &[&str] = &[
    "plan", "attempt", "bid", "effort", "move", "decision", "demand", "call", "proposal", "campaign", "treaty", "deal",
    "agreement", "right", "need", "power", "intention", "offer", "threat", "promise", "pledge", "commitment", "chance",
    "opportunity", "failure", "refusal", "reluctance", "readiness", "willingness", "ability", "desire", "wish",
    "resolution", "law", "bill", "measure", "scheme", "initiative", "mission", "motion", "vote", "inquiry", "plot",
    "ruling", "excuse", "cause", "way", "time", "reason", "strategy", "policy", "programme", "program", "project",
    "idea", "option", "case",
];
/// Gatherings whose `of` phrase names who meets: "the next meeting of G7 countries", "a meeting
/// of the country's Congress to discuss the crisis".
const MEETING_NOUNS: &[&str] = &["meeting", "summit", "conference", "gathering", "session", "assembly", "convention"];
/// Acts whose `of` phrase names the doer: "at the request of", "with the help of", "the visit of
/// the Pope", "the withdrawal of Russian troops".
const AGENT_OF_NOUNS: &[&str] = &[
    "request", "help", "support", "assistance", "invitation", "order", "initiative", "suggestion", "behest", "urging",
    "insistence", "instigation", "recommendation", "advice", "visit", "arrival", "departure", "withdrawal",
];
/// Nouns of the purpose idiom "in an attempt to", "in a bid to", "in an effort to", "in order to".
const PURPOSE_NOUNS: &[&str] = &["attempt", "bid", "effort", "order", "move", "push", "drive"];
/// Event nouns whose owner is the one the act is done to, not its doer: "Mr Kilroy-Silk's
/// expulsion", "Khodorkovsky's arrest", "Mandela's release" (with an `of` phrase the owner acts
/// again: "Russia's release of prisoners").
const PATIENT_NOUNS: &[&str] = &[
    "arrest", "detention", "internment", "imprisonment", "jailing", "expulsion", "deportation", "extradition", "eviction",
    "release", "execution", "assassination", "murder", "killing", "abduction", "kidnapping", "capture", "conviction",
    "sentencing", "prosecution", "impeachment", "ouster", "overthrow", "removal", "dismissal", "sacking", "torture",
    "rescue",
];
/// Verbs whose object noun is their subject's own act ("began his visit", "held talks",
/// "launched an investigation", "planned a trip", "cancelled the meeting"). Any other verb's
/// object noun is someone else's act or a topic ("condemned the attack", "discussed trade").
const LIGHT: &[&str] = &[
    "begin", "start", "launch", "make", "pay", "hold", "conduct", "carry", "undertake", "stage", "have", "take",
    "embark", "continue", "complete", "wage", "mount", "resume", "go", "give", "open", "finish", "end", "plan",
    "intend", "want", "seek", "request", "propose", "offer", "promise", "pledge", "prepare", "schedule", "arrange",
    "cancel", "postpone", "delay", "refuse", "decline", "avoid", "announce", "order", "authorize", "approve",
];
/// Subordinators of a time clause: "when he undertakes the trip" is as real as its main clause.
const TIME_MARKS: &[&str] = &["when", "once", "until", "till", "before", "after", "as", "whenever"];

fn base(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

/// One sentence with its child lists (absolute token indices).
struct Sent<'a> {
    doc: &'a Document,
    idx: usize,
    range: Range<usize>,
    starts: Vec<u32>,
    kids: Vec<u32>,
    lemmas: Vec<Cow<'a, str>>,
    /// Mention index per token (sentence-relative).
    mention: Vec<Option<u32>>,
    /// Per token without a mention: the country code of a country adjective ("a Greek tanker").
    country: Vec<Option<&'a str>>,
    /// The document's actor mentions, which `mention` indexes.
    actors: &'a [ActorMention],
}

impl<'a> Sent<'a> {
    fn new(doc: &'a Document, idx: usize, mention_of: &[Option<u32>], actors: &'a [ActorMention], kb: Option<&'a KnowledgeBase>) -> Sent<'a> {
        let range = doc.sentences[idx].tokens.clone();
        let n = range.len();
        let mut count = vec![0u32; n + 1];
        for i in range.clone() {
            if let Some(h) = doc.syntax[i].head.filter(|h| range.contains(h)) {
                count[h - range.start + 1] += 1;
            }
        }
        for k in 0..n {
            count[k + 1] += count[k];
        }
        let mut fill = count.clone();
        let mut kids = vec![0u32; count[n] as usize];
        for i in range.clone() {
            if let Some(h) = doc.syntax[i].head.filter(|h| range.contains(h)) {
                let slot = &mut fill[h - range.start];
                kids[*slot as usize] = i as u32;
                *slot += 1;
            }
        }
        let lemmas = range
            .clone()
            .map(|i| {
                let l = doc.syntax[i].lemma.as_str();
                if l.bytes().any(|b| b.is_ascii_uppercase()) {
                    Cow::Owned(l.to_ascii_lowercase())
                } else {
                    Cow::Borrowed(l)
                }
            })
            .collect();
        let mention = mention_of[range.clone()].to_vec();
        let country = range
            .clone()
            .map(|i| {
                let w = &doc.syntax[i];
                // On a common noun only, and not the first word of a name: "the Indian Ocean
                // tidal wave", "the Anglo-Irish Agreement".
                let candidate = mention_of[i].is_none()
                    && matches!(w.upos, "ADJ" | "PROPN")
                    && matches!(w.deprel, "amod" | "compound")
                    && w.head.is_some_and(|h| range.contains(&h) && doc.syntax[h].upos == "NOUN")
                    && !(range.contains(&(i + 1)) && doc.token_text(i + 1).chars().next().is_some_and(char::is_uppercase));
                let kb = kb.filter(|_| candidate)?;
                kb.country_adjective(doc.token_text(i)).and_then(|e| e.country.as_deref())
            })
            .collect();
        Sent { doc, idx, range, starts: count, kids, lemmas, mention, country, actors }
    }

    fn kids(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let k = i - self.range.start;
        self.kids[self.starts[k] as usize..self.starts[k + 1] as usize].iter().map(|&c| c as usize)
    }
    fn rel(&self, i: usize) -> &'static str {
        self.doc.syntax[i].deprel
    }
    fn upos(&self, i: usize) -> &'static str {
        self.doc.syntax[i].upos
    }
    fn xpos(&self, i: usize) -> &'static str {
        self.doc.syntax[i].xpos
    }
    fn lemma(&self, i: usize) -> &str {
        &self.lemmas[i - self.range.start]
    }
    fn form(&self, i: usize) -> &str {
        self.doc.token_text(i)
    }
    fn head(&self, i: usize) -> Option<usize> {
        self.doc.syntax[i].head.filter(|h| self.range.contains(h))
    }
    fn is(&self, w: &Words, i: usize) -> bool {
        w.matches(self.lemma(i), self.form(i))
    }
    fn lemma_in(&self, i: usize, list: &[&str]) -> bool {
        let l = self.lemma(i);
        list.contains(&l) || list.iter().any(|w| w.eq_ignore_ascii_case(self.form(i)))
    }
    fn kid_rel(&self, i: usize, pred: impl Fn(&str) -> bool) -> Option<usize> {
        self.kids(i).find(|&c| pred(self.rel(c)))
    }
    /// Case or mark words of a dependent ("to" of "to Russia").
    fn has_case(&self, n: usize, w: &Words) -> bool {
        self.case_words(n).any(|c| self.is(w, c))
    }
    fn has_case_word(&self, n: usize, list: &[&str]) -> bool {
        self.case_words(n).any(|c| self.lemma_in(c, list))
    }
    /// The case and mark words of a nominal: its own, and (because the parser often hangs the
    /// preposition on the first word of a name: "to South Korea" with `to` under `South`) those
    /// of its compound and flat parts to the left.
    fn case_words(&self, n: usize) -> impl Iterator<Item = usize> + '_ {
        let parts = std::iter::once(n).chain(self.kids(n).filter(move |&c| c < n && matches!(self.rel(c), "compound" | "flat")));
        parts.flat_map(move |m| self.kids(m).filter(move |&c| matches!(base(self.rel(c)), "case" | "mark")))
    }
    /// A direct object the parser hung, as a modifier, on the noun of a following PP of the verb
    /// ("accused [Russia of war crimes]" with Russia a compound of "crimes"): an actor word that
    /// stands before the case marker of the phrase it is said to modify cannot be inside it.
    fn stray_object(&self, t: usize) -> Option<usize> {
        self.kids(t).filter(|&h| base(self.rel(h)) == "obl" && h > t).find_map(|h| {
            let case = self.kids(h).filter(|&c| base(self.rel(c)) == "case" && c < h).min()?;
            self.kids(h).find(|&w| w > t && w < case && matches!(self.rel(w), "compound" | "amod") && self.mention(w).is_some())
        })
    }
    fn passive(&self, t: usize) -> bool {
        self.kids(t).any(|c| matches!(self.rel(c), "nsubj:pass" | "aux:pass" | "csubj:pass"))
    }
    fn mention(&self, i: usize) -> Option<usize> {
        self.mention[i - self.range.start].map(|m| m as usize)
    }
    /// The country a country adjective without a mention names ("Greek" -> GRC).
    fn country(&self, i: usize) -> Option<&'a str> {
        self.country[i - self.range.start]
    }
    /// A modifier that stands for an actor: a mention, or a country adjective.
    fn actor_word(&self, i: usize) -> bool {
        self.mention(i).is_some() || self.country(i).is_some()
    }
    /// Whether token `i`'s mention is a country, city or region, or a named organisation: a
    /// place one goes to ("went to the White House"; not a common noun the actor stage took for
    /// an organisation, "went to court").
    fn site(&self, i: usize) -> bool {
        self.mention(i).and_then(|m| self.actors.get(m)).is_some_and(|a| match a.kind {
            ActorKind::Country | ActorKind::City | ActorKind::Region => true,
            ActorKind::Organisation => self.upos(i) == "PROPN",
            _ => false,
        })
    }
    /// A one-word proper name the actor stage does not know ("Llanelli", "Basra", "Africa"); a
    /// longer unknown name is mostly a person's ("Clint Eastwood", "Carlos Moya"), as places of
    /// several words are in the knowledge base.
    fn unknown_name(&self, i: usize) -> bool {
        self.upos(i) == "PROPN"
            && self.mention(i).is_none()
            && !self.lemma_in(i, CALENDAR)
            && !matches!(self.rel(i), "flat" | "compound")
            && !self.kids(i).any(|c| matches!(self.rel(c), "flat" | "compound") && self.upos(c) == "PROPN")
    }
    /// Whether `x` stands for a person or body: a name, a pronoun, a mention, or a noun with an
    /// actor as its compound, modifier or possessor ("the Conservative association").
    fn actor_noun(&self, x: usize) -> bool {
        matches!(self.upos(x), "PROPN" | "PRON")
            || self.actor_word(x)
            || self.lemma_in(x, ACTING_NOUNS)
            || self.kids(x).any(|c| matches!(base(self.rel(c)), "compound" | "amod" | "nmod") && self.actor_word(c))
    }
    /// Whether `x` names a place one can travel to (`X@`): a country, city, region or named
    /// organisation mention, a country adjective, a one-word unknown name, or a place noun with
    /// one as its modifier, possessor or `of` phrase ("the Russian capital", "the SEC's
    /// Washington DC headquarters", "the island of Fuerteventura"; not "came to the aid of
    /// Russia").
    fn destination(&self, x: usize) -> bool {
        let site = |i: usize| self.site(i) || self.country(i).is_some() || self.unknown_name(i);
        site(x)
            || (self.upos(x) == "NOUN"
                && (self.lemma_in(x, PLACE_OF) || self.lemma_in(x, PLACE_NOUNS))
                && self.kids(x).any(|c| {
                    (matches!(self.rel(c), "compound" | "amod" | "nmod:poss") || (base(self.rel(c)) == "nmod" && self.has_case_word(c, &["of"])))
                        && site(c)
                }))
    }
}

/// The outcome of trying one pattern at one token.
struct Match {
    pat: u32,
    score: u32,
    target: Option<usize>,
    used: Vec<usize>,
}

impl Coder {
    /// Codes every sentence of `doc`. Needs `doc.syntax` (parallel to `doc.tokens`); without it
    /// the result is empty. `actors` are the actor mentions of the document (any order);
    /// `quotes` the quotations, so that events reported inside one point to it.
    pub fn code(&self, doc: &Document, actors: &[ActorMention], quotes: &[Quote]) -> Vec<Event> {
        let mut out = Vec::new();
        if doc.syntax.len() != doc.tokens.len() || doc.tokens.is_empty() {
            return out;
        }
        if self.discards.story_discarded(&doc.text) {
            return out;
        }
        // Token -> mention (the longest mention covering the token).
        let mut mention_of: Vec<Option<u32>> = vec![None; doc.tokens.len()];
        let mut order: Vec<usize> = (0..actors.len()).collect();
        order.sort_by_key(|&m| (actors[m].span.start, std::cmp::Reverse(actors[m].span.end)));
        for &m in &order {
            let sp = actors[m].span;
            let first = doc.tokens.partition_point(|t| t.span.end <= sp.start);
            for (i, slot) in mention_of.iter_mut().enumerate().skip(first) {
                if doc.tokens[i].span.start >= sp.end {
                    break;
                }
                let longer = slot.is_none_or(|o| actors[o as usize].span.len() < sp.len());
                if longer {
                    *slot = Some(m as u32);
                }
            }
        }
        let ctx = Ctx { coder: self, actors, order, quotes };
        // Country adjectives on nouns that are no actor of their own ("seized a Greek tanker").
        let kb = if self.country_adjectives { KnowledgeBase::embedded().ok() } else { None };
        for si in 0..doc.sentences.len() {
            if doc.sentences[si].tokens.end > doc.tokens.len() {
                continue;
            }
            if self.discards.sentence_discarded(doc.slice(doc.sentences[si].span)) {
                continue;
            }
            let s = Sent::new(doc, si, &mention_of, actors, kb);
            ctx.code_sentence(&s, &mut out);
        }
        out
    }

    fn best_match(&self, s: &Sent, t: usize, kind: Kind) -> Option<Match> {
        let mut best: Option<Match> = None;
        // Patterns are indexed by lemma; the word as written is looked up too, for a verb whose
        // base form the lemmatiser mangled ("cut" tagged VBZ and lemmatised "cu").
        let form = s.form(t);
        let form: Cow<str> = if form.bytes().any(|b| b.is_ascii_uppercase()) { Cow::Owned(form.to_lowercase()) } else { Cow::Borrowed(form) };
        let by_form = if *form != *s.lemma(t) { self.dict.candidates(&form) } else { &[] };
        let by_lemma = self.dict.candidates(s.lemma(t));
        // A verb the lemmatiser clipped ("shelled" -> "shel", "boycotted" -> "boycot"): the
        // regular base forms its inflection allows, where the dictionary knows one.
        let guessed: Vec<u32> = if kind == Kind::Verb && by_lemma.is_empty() && by_form.is_empty() {
            base_forms(&form).iter().flat_map(|b| self.dict.candidates(b).iter().copied()).collect()
        } else {
            Vec::new()
        };
        for &pid in by_lemma.iter().chain(by_form).chain(&guessed) {
            let p = &self.dict.patterns[pid as usize];
            if p.kind != kind {
                continue;
            }
            if let Some(m) = try_match(s, t, pid, p) {
                // `X!`: a target that stands for an actor ("tried the suspects", not "tried a
                // number of things"); reciprocal partners may stand in for it ("A and B met").
                let partners = p.recip && m.target.is_none() && coordinated_subject(s, t);
                if p.actor_target && !p.place_target && !p.person_target && !partners && !m.target.is_some_and(|x| self.actor_like(s, x)) {
                    continue;
                }
                // `X@`: a place ("flew to Moscow", not "flies back to profit", "went to Clint Eastwood").
                if p.place_target && !m.target.is_some_and(|x| s.destination(x)) {
                    continue;
                }
                // `X+`: an actor itself ("received the delegation", not "received an Oscar").
                if p.person_target && !m.target.is_some_and(|x| self.actor_itself(s, x)) {
                    continue;
                }
                if best.as_ref().is_none_or(|b| m.score > b.score) {
                    best = Some(m);
                }
            }
        }
        best
    }
}

/// A stem without its doubled final consonant ("stopp" -> "stop", "shell" -> "shel"), if it ends
/// in one; ASCII letters only.
pub(crate) fn undoubled(st: &str) -> Option<&str> {
    let mut end = st.chars().rev();
    let (a, b) = (end.next()?, end.next()?);
    (a == b && a.is_ascii_alphabetic() && !"aeiou".contains(a)).then(|| &st[..st.len() - 1])
}

/// The base forms a regularly inflected verb form may come from: "shelled" -> shell, "bombed" ->
/// bomb, "boycotted" -> boycott, "massacred" -> massacre, "denies" -> deny, "hosting" -> host,
/// "shelling" -> shell. Irregular forms ("froze") are not guessed.
fn base_forms(form: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let stem = |st: &str, out: &mut Vec<String>| {
        if st.len() < 2 {
            return;
        }
        out.push(st.to_string());
        out.push(format!("{st}e"));
        if let Some(u) = undoubled(st).filter(|u| u.len() >= 2) {
            out.push(u.to_string());
        }
    };
    if let Some(st) = form.strip_suffix("ied").or_else(|| form.strip_suffix("ies")) {
        out.push(format!("{st}y"));
    } else if let Some(st) = form.strip_suffix("ed") {
        stem(st, &mut out);
    } else if let Some(st) = form.strip_suffix("ing") {
        stem(st, &mut out);
    } else if let Some(st) = form.strip_suffix("es") {
        out.push(st.to_string());
        out.push(format!("{st}e"));
    } else if let Some(st) = form.strip_suffix('s') {
        out.push(st.to_string());
    }
    out
}

impl Coder {
    /// A mention, a personal pronoun, an agent word or a body noun: an actor in its own right; or
    /// a name without determiner or possessor, as people's names go ("was received by Putin":
    /// Khan; not "an Oscar", "The John Peel Show", "Billboard's Century Award").
    fn actor_itself(&self, s: &Sent, x: usize) -> bool {
        let bare_name = s.upos(x) == "PROPN" && !s.kids(x).any(|c| matches!(s.rel(c), "det" | "nmod:poss"));
        bare_name
            || s.mention(x).is_some()
            || s.lemma_in(x, PERSONAL)
            || s.lemma_in(x, ACTING_NOUNS)
            || self.agents.lookup(s.lemma(x), s.form(x)).is_some()
    }

    /// Whether token `x` stands for an actor: a mention, a country adjective, a proper name, a
    /// personal pronoun, an agent word, or a noun an actor hangs on ("the Greek tanker", "the
    /// people of Gaza"; not a possessor: "his golden rule" is a thing; nor a place phrase: "the
    /// headlines in France").
    fn actor_like(&self, s: &Sent, x: usize) -> bool {
        s.actor_word(x)
            || (s.upos(x) == "PROPN" && !s.lemma_in(x, CALENDAR))
            || s.lemma_in(x, PERSONAL)
            || self.agents.lookup(s.lemma(x), s.form(x)).is_some()
            || s.kids(x).any(|c| {
                // "the people of Gaza", "representatives from Switzerland", "car giant General
                // Motors"; not a place phrase ("the headlines in France").
                let whose = base(s.rel(c)) == "nmod"
                    && s.rel(c) != "nmod:poss"
                    && (s.case_words(c).next().is_none() || s.has_case_word(c, &["of", "from"]));
                (whose || matches!(base(s.rel(c)), "appos" | "flat" | "compound" | "amod")) && s.actor_word(c)
            })
    }
}

fn phrase_ok(s: &Sent, ph: &Phrase, o: usize) -> bool {
    s.is(&ph.head, o)
        && ph.mods.iter().all(|m| s.kids(o).any(|c| s.is(m, c)))
        && ph.cons.iter().all(|c| constraint_at(s, c, o).is_some())
}

/// A dependent of `n` satisfying the constraint, if any. Not the active subject: "ministers
/// attacked the plans" does not satisfy `attack X (minister)`.
fn constraint_at(s: &Sent, c: &Constraint, n: usize) -> Option<usize> {
    // A wildcard (`attack X (for _)`: a reason) is no time or duration ("attacked Ukraine over
    // the weekend", "for hours", "for the first time").
    let anything = c.word.is_any();
    let timeish = |k: usize| {
        s.lemma_in(k, TIME_NOUNS)
            || s.lemma_in(k, CALENDAR)
            || s.lemma_in(k, &["time", "hour", "minute", "while", "period", "decade", "century", "moment", "spell"])
            || s.upos(k) == "NUM"
    };
    s.kids(n).find(|&k| {
        !matches!(s.rel(k), "nsubj" | "nsubj:outer" | "csubj")
            && (!anything || !timeish(k))
            && s.is(&c.word, k)
            && c.prep.as_ref().is_none_or(|p| s.has_case(k, p))
            && c.mods.iter().all(|m| s.kids(k).any(|g| s.is(m, g)))
            && c.cons.iter().all(|cc| constraint_at(s, cc, k).is_some())
    })
}

fn try_match(s: &Sent, t: usize, pid: u32, p: &Pattern) -> Option<Match> {
    let mut used = Vec::new();
    if let Some(sw) = &p.subject {
        let subj = s.kid_rel(t, |r| base(r) == "nsubj")?;
        if !s.is(sw, subj) {
            return None;
        }
    }
    if let Some(pw) = &p.particle {
        let c = s.kids(t).find(|&c| {
            matches!(base(s.rel(c)), "compound" | "advmod" | "dep" | "prt" | "case" | "obl" | "advcl") && s.is(pw, c)
        })?;
        used.push(c);
    }
    let passive = p.kind == Kind::Verb && s.passive(t);
    let object = match &p.object {
        Some(ph) => {
            let o = s.kids(t).filter(|&c| matches!(s.rel(c), "obj" | "nsubj:pass" | "iobj" | "xcomp" | "obl:npmod")).chain(relative_object(s, t)).find_map(|c| {
                // "pledged $500 million in aid", "sent 2,000 tons of rice": the measured stuff.
                std::iter::once(c).chain(measured(s, c)).find(|&o| phrase_ok(s, ph, o))
            })?;
            used.push(o);
            Some(o)
        }
        None => None,
    };
    // A constraint may sit on the trigger, its object phrase, or (a frequent PP-attachment slip:
    // "accused [Russia of war crimes]") on the direct object or the target's noun.
    let direct = s.kid_rel(t, |r| r == "obj");
    // The same slip on a prepositional target: "appealed to [the West for weapons]".
    let slot_noun = match &p.target {
        Slot::Prep(w) if p.kind == Kind::Verb => {
            s.kids(t).find(|&c| matches!(base(s.rel(c)), "obl" | "nmod") && s.has_case(c, w))
        }
        _ => None,
    };
    for c in &p.constraints {
        // A wildcard (`attack X (for _)`: a reason) sits on the trigger only: "attacked [plans
        // for annual limits]" gives no reason.
        let anything = c.word.is_any();
        let hit = constraint_at(s, c, t)
            .or_else(|| object.filter(|_| !anything).and_then(|o| constraint_at(s, c, o)))
            .or_else(|| direct.filter(|_| p.kind == Kind::Verb && !anything).and_then(|o| constraint_at(s, c, o)))
            .or_else(|| slot_noun.filter(|_| !anything).and_then(|n| constraint_at(s, c, n)))?;
        used.push(hit);
    }
    // An object of the verb the pattern does not account for (`_` accounts for any: the object
    // is the topic, "discussed the war", never the target and not part of the trigger).
    let unmatched_object = || !p.topic_object && s.kids(t).any(|c| s.rel(c) == "obj" && !used.contains(&c));
    // "A and B met" (`meet recip`) is not "he will meet the golden rule".
    if p.recip && p.target == Slot::None && p.object.is_none() && p.kind == Kind::Verb && unmatched_object() {
        return None;
    }
    // "asked whether ...", "asked Mr Brown what ...", "asked about the poster", "asked: '...?'":
    // a question, not a request.
    if p.kind == Kind::Verb && s.lemma_in(t, &["ask", "inquire", "enquire"]) && asks_question(s, t) {
        return None;
    }
    // "called Labour a brilliant machine", "called the plan a disaster": naming, not a call (a
    // name as predicate is no sign of it: the parser reads "called PM Modi" so).
    if p.kind == Kind::Verb
        && s.lemma_in(t, &["call"])
        && s.kids(t).any(|c| s.rel(c) == "xcomp" && matches!(s.upos(c), "NOUN" | "ADJ"))
    {
        return None;
    }
    // `intr`: "the teachers struck", not "struck a deal", nor a passive ("figures gathered by
    // Netcraft").
    // Nor with an object clause: "have demonstrated that ...", "demonstrated how they could react".
    if p.intransitive && (passive || s.kids(t).any(|c| matches!(s.rel(c), "obj" | "ccomp")) || reduced_passive(s, t)) {
        return None;
    }
    let target = match &p.target {
        // "rejected Azerbaijan's proposal": the object's owner is the one the act is aimed at.
        Slot::None => object.filter(|_| p.kind == Kind::Verb).and_then(|o| owner(s, o)),
        Slot::Object if p.kind == Kind::Verb => {
            if let Some(o) = object {
                s.kid_rel(t, |r| r == "iobj").or_else(|| owner(s, o))
            } else if passive {
                s.kid_rel(t, |r| r == "nsubj:pass")
            } else {
                // "arrested dozens of Kurdish activists": the people counted.
                s.kid_rel(t, |r| r == "obj")
                    .map(|o| measured(s, o).filter(|&c| s.has_case_word(c, &["of"])).unwrap_or(o))
                    .or_else(|| s.kid_rel(t, |r| r == "iobj"))
                    .or_else(|| s.stray_object(t))
                    // "refuse to meet X": the object of the constraining clause.
                    .or_else(|| used.iter().find_map(|&u| s.kid_rel(u, |r| r == "obj")))
            }
        }
        Slot::Object => None,
        Slot::Prep(w) => {
            // The PP may hang on a topic object ("discussed [a job with Boeing]").
            let topic = p.topic_object.then(|| s.kid_rel(t, |r| r == "obj")).flatten();
            let hosts: Vec<usize> = used.iter().copied().chain(topic).collect();
            let x = prep_target(s, t, object, &hosts, w, passive);
            // For a verb the preposition is part of the pattern ("speak to X" is not "speak of");
            // an event noun codes without it ("his visit"). A reciprocal verb pattern also codes
            // without it when its partners are coordinated subjects: "A and B held joint drills"
            // is "A held joint drills with B" both ways; not when the verb has an object the
            // pattern does not account for ("Sweden and Finland joined NATO" is no "join with").
            if x.is_none() && p.kind == Kind::Verb && !(p.recip && !unmatched_object() && coordinated_subject(s, t)) {
                return None;
            }
            x
        }
    };
    let score = 2 * p.weight() + target.is_some() as u32;
    Some(Match { pat: pid, score, target, used })
}

/// Whether verb `t` asks a question: its complement clause opens with whether/if or a wh-word
/// or ends in a question mark, or it has an `about` phrase.
fn asks_question(s: &Sent, t: usize) -> bool {
    const OPENERS: &[&str] = &["whether", "if", "what", "who", "whom", "whose", "why", "how", "when", "where", "which"];
    s.kids(t).any(|c| match base(s.rel(c)) {
        "ccomp" | "parataxis" => {
            let mut span = (c, c);
            let mut stack = vec![c];
            while let Some(x) = stack.pop() {
                span = (span.0.min(x), span.1.max(x));
                stack.extend(s.kids(x));
            }
            // "asked if it could buy arms": asking leave is a request.
            let leave = s.lemma_in(span.0, &["if", "whether"]) && s.kids(c).any(|a| base(s.rel(a)) == "aux" && s.lemma_in(a, &["could", "can", "may", "might"]));
            !leave && (s.lemma_in(span.0, OPENERS) || (span.0..=span.1).any(|i| s.form(i) == "?"))
        }
        "obl" => s.has_case_word(c, &["about"]),
        _ => false,
    })
}

/// A participle clause on a noun with no auxiliary of its own ("six Czechs refused entry", "the
/// figures gathered by Netcraft"): passive, its noun the patient.
fn reduced_passive(s: &Sent, t: usize) -> bool {
    base(s.rel(t)) == "acl" && s.xpos(t) == "VBN" && !s.kids(t).any(|c| base(s.rel(c)) == "aux")
}

/// Whether verb `t`'s subject is a coordination ("Russia and Belarus held ...", "A and B agreed
/// to cooperate"). Not for a clause that modifies a noun ("signed an agreement to normalize
/// relations"): that is the content of the noun, not a second act of the subject's.
fn coordinated_subject(s: &Sent, t: usize) -> bool {
    base(s.rel(t)) != "acl" && subject(s, t, 0).is_some_and(|n| s.kids(n).any(|c| s.rel(c) == "conj"))
}

/// What a measure phrase measures: the `in`/`of` dependent of an amount ("$500 million in aid").
fn measured(s: &Sent, o: usize) -> Option<usize> {
    let amount = matches!(s.upos(o), "SYM" | "NUM") || s.lemma_in(o, MEASURE);
    amount.then(|| s.kids(o).find(|&c| base(s.rel(c)) == "nmod" && s.has_case_word(c, &["in", "of"]))).flatten()
}

/// A country adjective as an event argument: its token, coded with the country.
fn country_arg(s: &Sent, h: usize, code: &str) -> Arg {
    Arg { actor: EventActor { span: s.doc.tokens[h].span, code: Some(code.to_string()) }, kind: Some(ActorKind::Country), tok: h }
}

/// Whose the object noun is: its possessor ("Azerbaijan's proposal") or an actor modifying it
/// ("a Greek tanker").
fn owner(s: &Sent, o: usize) -> Option<usize> {
    s.kid_rel(o, |r| r == "nmod:poss")
        .or_else(|| s.kids(o).find(|&c| matches!(s.rel(c), "compound" | "amod") && s.actor_word(c)))
}

/// The noun of a prepositional phrase introduced by `w`, on the trigger or on its object;
/// for phrasal verbs whose particle is `w` ("hand over X"), the object; for an object noun
/// with a possessor ("sought Pakistan's support"), the possessor.
fn prep_target(s: &Sent, t: usize, object: Option<usize>, used: &[usize], w: &Words, passive: bool) -> Option<usize> {
    // "imposed sanctions on Iran on Tuesday": a time phrase is never the target, so the
    // phrase on the object is found behind it.
    let pp = |n: usize| {
        s.kids(n).find(|&c| {
            matches!(base(s.rel(c)), "obl" | "nmod" | "obj" | "advcl" | "iobj")
                && s.has_case(c, w)
                && !s.lemma_in(c, TIME_NOUNS)
                && !(s.lemma_in(c, CALENDAR) && s.mention(c).is_none())
                // an infinitive's "to" is no preposition ("commit fraud to deceive voters"; but
                // "committed to opening up its banking sector")
                && !(s.xpos(c) == "VB" && s.kids(c).any(|m| s.rel(m) == "mark" && s.xpos(m) == "TO"))
        })
    };
    if let Some(x) = pp(t).or_else(|| object.and_then(pp)).or_else(|| used.iter().find_map(|&u| pp(u))) {
        return Some(x);
    }
    // "shot down 30 drones": the parser also reads the particle as an adverb.
    if s.kids(t).any(|c| {
        c > t && s.is(w, c) && (base(s.rel(c)) == "compound" || (s.rel(c) == "advmod" && s.lemma_in(c, crate::dict::PARTICLES)))
    }) {
        return s.kid_rel(t, |r| r == "obj").or_else(|| passive.then(|| s.kid_rel(t, |r| r == "nsubj:pass")).flatten());
    }
    // Not for a place phrase: "hitting his growth target" is not "hit targets in X".
    let locative = w.0.iter().any(|x| matches!(&**x, "in" | "at" | "inside" | "near"));
    object.and_then(|o| s.kid_rel(o, |r| r == "nmod:poss")).filter(|&p| !(locative && s.upos(p) == "PRON"))
}

struct Ctx<'a> {
    coder: &'a Coder,
    actors: &'a [ActorMention],
    /// Mentions sorted by start.
    order: Vec<usize>,
    quotes: &'a [Quote],
}

/// Source, target or location candidate: the mention (or agent) and its evidence span.
#[derive(Clone)]
struct Arg {
    actor: EventActor,
    kind: Option<ActorKind>,
    tok: usize,
}

impl Ctx<'_> {
    /// Whether a subject can be the one who acts: not a thing ("the government's proposals",
    /// "copper is in high demand"), but a person, a body, an agent word, a name, a pronoun or an
    /// event noun.
    fn can_act(&self, s: &Sent, x: usize) -> bool {
        s.upos(x) != "NOUN"
            || s.lemma_in(x, ACTING_NOUNS)
            || self.coder.actor_like(s, x)
            || self.coder.best_match(s, x, Kind::Noun).is_some()
    }

    /// Whether `x` is itself an actor: a name, a pronoun, a mention, an agent or acting noun
    /// ("the delegation", "troops").
    fn actor_head(&self, s: &Sent, x: usize) -> bool {
        matches!(s.upos(x), "PROPN" | "PRON") || self.coder.actor_itself(s, x)
    }

    /// Whether `c` is a place compounded with journey noun `n` that names where it goes ("Mr
    /// Straw's China trip"); not where the noun names its destination apart ("the South Africa
    /// tour of New Zealand", "the England tour to Pakistan").
    fn compounded_destination(&self, s: &Sent, n: usize, c: usize) -> bool {
        s.rel(c) == "compound"
            && s.lemma_in(n, TRAVEL_NOUNS)
            && self.is_place(s, c)
            && !s.kids(n).any(|k| base(s.rel(k)) == "nmod" && s.has_case_word(k, &["to", "of"]))
    }

    /// A country, city or region mention, or a country adjective.
    fn is_place(&self, s: &Sent, x: usize) -> bool {
        s.country(x).is_some() || s.mention(x).is_some_and(|m| matches!(self.actors[m].kind, ActorKind::Country | ActorKind::City | ActorKind::Region))
    }

    /// A noun that names an event of the dictionary ("visit", "support", "talks").
    fn is_event_noun(&self, s: &Sent, x: usize) -> bool {
        s.upos(x) == "NOUN"
            && self.coder.dict.candidates(s.lemma(x)).iter().any(|&p| self.coder.dict.patterns[p as usize].kind == Kind::Noun)
    }

    fn code_sentence(&self, s: &Sent, out: &mut Vec<Event>) {
        let mut consumed = vec![false; s.range.len()];
        let mut coded: Vec<Event> = Vec::new();
        // Trigger token of each event in `coded`.
        let mut trig: Vec<usize> = Vec::new();
        for kind in [Kind::Verb, Kind::Noun] {
            for t in s.range.clone() {
                if consumed[t - s.range.start] {
                    continue;
                }
                let ok = match kind {
                    Kind::Verb => s.upos(t) == "VERB",
                    // An event noun that only modifies another noun names no event: "a German
                    // war criminal", "attack helicopters".
                    Kind::Noun => s.upos(t) == "NOUN" && !(s.rel(t) == "compound" && s.head(t).is_some_and(|h| s.upos(h) == "NOUN")),
                };
                if !ok {
                    continue;
                }
                // "the first such trip by a Pakistani prime minister", in apposition to a visit
                // already coded (or consumed by its light verb), describes that visit again.
                if kind == Kind::Noun
                    && s.rel(t) == "appos"
                    && s.head(t).is_some_and(|h| consumed[h - s.range.start] || trig.contains(&h))
                {
                    continue;
                }
                let Some(m) = self.coder.best_match(s, t, kind) else { continue };
                for &u in &m.used {
                    consumed[u - s.range.start] = true;
                }
                let before = coded.len();
                self.emit(s, t, &m, &mut coded);
                trig.resize(coded.len(), t);
                if coded.len() > before {
                    consumed[t - s.range.start] = true;
                }
            }
        }
        // A governor whose controlled clause codes the act itself ("refused to condemn Russia",
        // "failed to meet") is the modality of that act, not a second event — unless it has a
        // target of its own ("urged NATO to close ...").
        let mut keep: Vec<bool> = coded
            .iter()
            .zip(&trig)
            .map(|(e, &t)| e.target.is_some() || !s.kids(t).any(|c| s.rel(c) == "xcomp" && trig.contains(&c)))
            .collect();
        // "... began his visit to Russia, the first such trip by a Pakistani prime minister": a
        // targetless event with the code and source code of one that has a target is a vaguer
        // mention of the same act.
        for k in 0..coded.len() {
            let e = &coded[k];
            if e.target.is_none()
                && e.source.code.is_some()
                // Intent recoding merges different acts into 03x ("will meet ... during his visit").
                && !e.rule.contains("+intent")
                && coded.iter().any(|o| {
                    o.target.is_some()
                        && o.cameo == e.cameo
                        && o.source.code == e.source.code
                        && o.negated == e.negated
                        && !o.rule.contains("+intent")
                })
            {
                keep[k] = false;
            }
        }
        // One event per (code, source, target, modality) and sentence: a governor and its clause
        // ("offered to mediate") may both code the same act.
        let mut seen: Vec<(&str, Span, Option<Span>, bool, Modality)> = Vec::new();
        for (k, e) in coded.iter().enumerate() {
            let key = (e.cameo.as_str(), e.source.span, e.target.as_ref().map(|a| a.span), e.negated, e.modality);
            if seen.contains(&key) {
                keep[k] = false;
            } else if keep[k] {
                seen.push(key);
            }
        }
        out.extend(coded.into_iter().zip(keep).filter_map(|(e, k)| k.then_some(e)));
    }

    fn emit(&self, s: &Sent, t: usize, m: &Match, out: &mut Vec<Event>) {
        let p = &self.coder.dict.patterns[m.pat as usize];
        let pair = if p.rule.starts_with("patterns.txt") {
            p.code.as_deref().and_then(|c| self.coder.codes.get(c)).and_then(|i| i.pair.clone())
        } else {
            p.pair.clone()
        };
        if p.code.is_none() && pair.is_none() {
            return; // a blocking pattern
        }
        // "Egypt accused Ethiopia of violating the agreement": the violation is alleged, not
        // asserted; the accusation is the event.
        if p.kind == Kind::Verb
            && matches!(base(s.rel(t)), "advcl" | "acl" | "xcomp")
            && s.has_case_word(t, &["of", "for"])
            && s.head(t).is_some_and(|g| s.lemma_in(g, ALLEGE))
        {
            return;
        }
        // "Mr Kilroy-Silk's expulsion": the owner is the target, and the doer comes from elsewhere.
        // Not with an `of` phrase, taken as target or as part of the pattern ("Russia's release of
        // prisoners"), nor a compound the pattern names ("Israel's prisoner release").
        let patient_owner = (p.kind == Kind::Noun && m.target.is_none() && m.used.is_empty() && s.lemma_in(t, PATIENT_NOUNS))
            .then(|| s.kid_rel(t, |r| r == "nmod:poss"))
            .flatten()
            .filter(|_| !s.kids(t).any(|c| base(s.rel(c)) == "nmod" && s.has_case_word(c, &["of"])));
        // "his Moscow visit", "a UK tour": the place compounded with a journey is where it goes.
        let destination = (p.kind == Kind::Noun && m.target.is_none() && patient_owner.is_none())
            .then(|| s.kids(t).find(|&c| self.compounded_destination(s, t, c)))
            .flatten();
        // Source.
        let src_tok = match p.kind {
            // A thing as subject does not act for its owner: in "the government's proposals met
            // with disapproval" or "Mr Schroeder's intervention comes ahead of a meeting" the
            // possessor did nothing. An event noun does ("Israel's bombardment killed 20").
            // A journey (`X@`) is made by an actor itself, not by a thing an actor qualifies:
            // "the director award went to Clint Eastwood", "EU farm money came to the UK".
            Kind::Verb => subject(s, t, 0).filter(|&x| self.can_act(s, x) && (!p.place_target || self.actor_head(s, x))),
            Kind::Noun => noun_source(self, s, t, patient_owner.is_none()),
        };
        let mut sources = src_tok.map(|x| self.resolve(s, x)).unwrap_or_default();
        let mut targets = m.target.or(patient_owner).or(destination).map(|x| self.resolve(s, x)).unwrap_or_default();
        // "meeting between A and B": both sides come from the slot.
        if sources.is_empty() && targets.len() >= 2 && matches!(&p.target, Slot::Prep(w) if w.0.iter().any(|x| &**x == "between")) {
            sources = std::mem::take(&mut targets);
        }
        if sources.is_empty() {
            return;
        }
        // A reporting verb that introduces a quotation ("... ?” he had asked", "X said ...") is
        // the attribution, not an event, unless the act has a target of its own ("asked Iran to
        // ...", "told Kyiv that ..."), is a rejection ("rejected the offer", "dismissed the
        // proposal" report what was rejected, and the rejection is the act, CAMEO 12x), or is an
        // act the pattern names by its object ("declared a state of emergency").
        let tspan = s.doc.tokens[t].span;
        let an_act = p.code.as_deref().is_some_and(|c| c.starts_with("12")) || p.object.is_some();
        // "A and B agreed to a ceasefire": each side is the other's target.
        let recip = p.recip && targets.is_empty() && sources.len() >= 2;
        if targets.is_empty() && !recip && !an_act && self.quotes.iter().any(|q| q.cue.is_some_and(|c| c.start <= tspan.start && tspan.end <= c.end)) {
            return;
        }
        let (negated, modality) = modality(s, t, p.kind);
        let trigger = {
            let mut sp = s.doc.tokens[t].span;
            for &u in &m.used {
                if u.abs_diff(t) <= 3 {
                    sp = sp.cover(s.doc.tokens[u].span);
                }
            }
            sp
        };
        let location = self.location(s, t, m.target);
        let quote = self.quotes.iter().position(|q| q.content.contains(trigger));
        let mut pairs: Vec<(&Arg, Option<&Arg>)> = Vec::new();
        if recip {
            // In a list of three or more, two unnamed, uncoded groups ("courts, judges,
            // magistrates, prosecutors, police … all working together") are no pair: each acts,
            // with no target. Two alone are each other's partner ("protesters and police clashed").
            let known = |a: &Arg| sources.len() == 2 || a.actor.code.is_some() || s.upos(a.tok) == "PROPN";
            for a in &sources {
                let mut alone = true;
                for b in &sources {
                    if a.actor.span != b.actor.span && (known(a) || known(b)) {
                        pairs.push((a, Some(b)));
                        alone = false;
                    }
                }
                if alone {
                    pairs.push((a, None));
                }
            }
        } else if targets.is_empty() {
            pairs.extend(sources.iter().map(|a| (a, None)));
        } else {
            for a in &sources {
                for b in &targets {
                    if a.actor.span != b.actor.span {
                        pairs.push((a, Some(b)));
                    }
                }
            }
        }
        for (a, b) in pairs {
            let mut rule = p.rule.clone();
            if recip {
                rule.push_str("+recip");
            }
            if let Some(code) = &p.code {
                out.push(self.event(s, code, &rule, a, b, negated, modality, trigger, &location, quote));
            }
            if let (Some(pc), Some(b)) = (&pair, b) {
                let r = format!("{rule}+pair");
                out.push(self.event(s, pc, &r, b, Some(a), negated, modality, trigger, &location, quote));
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn event(
        &self,
        s: &Sent,
        code: &str,
        rule: &str,
        src: &Arg,
        tgt: Option<&Arg>,
        negated: bool,
        modality: Modality,
        trigger: Span,
        location: &Option<Arg>,
        quote: Option<usize>,
    ) -> Event {
        let mut cameo = code.to_string();
        let mut rule = rule.to_string();
        if modality == Modality::Intended && self.coder.recode_intent {
            if let Some(i) = self.coder.codes.lookup(code).and_then(|c| c.intent.clone()) {
                cameo = i;
                rule.push_str("+intent");
            }
        }
        let info = self.coder.codes.lookup(&cameo);
        let quad_class = info.map_or_else(|| quad_of(&cameo), |i| i.quad_class);
        Event {
            plover: info.and_then(|i| i.plover.clone()),
            mode: info.and_then(|i| i.mode.clone()),
            goldstein: info.map_or(0.0, |i| i.goldstein),
            quad_class,
            cameo,
            source: src.actor.clone(),
            target: tgt.map(|a| a.actor.clone()),
            negated,
            modality,
            date: None,
            date_source: None,
            location: location.as_ref().filter(|l| Some(l.tok) != tgt.map(|a| a.tok)).map(|l| l.actor.clone()),
            sentence: s.idx,
            trigger,
            rule,
            quote,
        }
    }

    /// Actors named by the argument token `x`: itself and its conjuncts.
    fn resolve(&self, s: &Sent, x: usize) -> Vec<Arg> {
        let mut heads = vec![x];
        let mut k = 0;
        while k < heads.len() && heads.len() < 16 {
            let h = heads[k];
            heads.extend(s.kids(h).filter(|&c| s.rel(c) == "conj"));
            k += 1;
        }
        let mut out: Vec<Arg> = Vec::new();
        for h in heads {
            if let Some(a) = self.resolve_one(s, h) {
                if !out.iter().any(|o| o.actor.span == a.actor.span) {
                    out.push(a);
                }
            }
        }
        out
    }

    fn mention_arg(&self, m: usize, tok: usize) -> Arg {
        let a = &self.actors[m];
        Arg { actor: EventActor { span: a.span, code: a.code.clone() }, kind: Some(a.kind), tok }
    }

    fn resolve_one(&self, s: &Sent, h: usize) -> Option<Arg> {
        if s.upos(h) == "NOUN" && s.lemma_in(h, PLACE_OF) {
            let named = s.kids(h).find(|&c| {
                base(s.rel(c)) == "nmod" && s.has_case_word(c, &["of"]) && (s.mention(c).is_some() || s.upos(c) == "PROPN")
            });
            if let Some(a) = named.and_then(|c| self.resolve_one(s, c)) {
                return Some(a);
            }
        }
        // "Biden invited him": an object pronoun does not refer to its own clause's subject; nor
        // does the owner of an act another judges ("Prescott welcomed his return").
        let judged = s
            .head(h)
            .filter(|&o| s.rel(h) == "nmod:poss" && s.rel(o) == "obj")
            .and_then(|o| s.head(o))
            .filter(|&v| s.lemma_in(v, JUDGING) && !s.lemma_in(v, LIGHT));
        let subject_tok = (s.lemma_in(h, PERSONAL) && (matches!(s.rel(h), "obj" | "iobj") || judged.is_some()))
            .then(|| judged.or_else(|| s.head(h)).and_then(|v| s.kid_rel(v, |r| base(r) == "nsubj")))
            .flatten();
        let clause_subject = subject_tok.and_then(|n| s.mention(n));
        // "Jowell and Prescott welcomed his return": none of the coordinated subjects.
        let excluded: Vec<Span> = subject_tok
            .into_iter()
            .flat_map(|n| std::iter::once(n).chain(s.kids(n).filter(|&c| s.rel(c) == "conj")))
            .filter_map(|n| s.mention(n))
            .map(|m| self.actors[m].span)
            .collect();
        if let Some(m) = s.mention(h) {
            // The actor stage's coreference may have linked it to that subject anyway.
            let same = |a: usize, b: usize| {
                let (a, b) = (&self.actors[a], &self.actors[b]);
                a.entity_id.is_some() && a.entity_id == b.entity_id
            };
            if !clause_subject.is_some_and(|n| same(m, n)) {
                // "Myanmar's military" where the actor stage coded the country but not the
                // military: the named, coded possessor is who the uncoded body stands for (not a
                // pronoun: "his chancellor" is not the prime minister).
                if self.actors[m].code.is_none() {
                    let coded_owner = s
                        .kid_rel(h, |r| r == "nmod:poss")
                        .and_then(|p| s.mention(p).map(|pm| (p, pm)))
                        .filter(|&(p, pm)| {
                            s.upos(p) == "PROPN" && self.actors[pm].code.is_some() && self.actors[pm].span != self.actors[m].span
                        });
                    if let Some((p, pm)) = coded_owner {
                        return Some(self.mention_arg(pm, p));
                    }
                }
                return Some(self.mention_arg(m, h));
            }
        }
        if s.lemma_in(h, PERSONAL) {
            return self.antecedent(s, h, &excluded);
        }
        if let Some(code) = s.country(h) {
            return Some(country_arg(s, h, code));
        }
        // "the Pakistani prime minister", "Smith, a politician": an actor hanging off the noun.
        // Not the `of` phrase of an event noun: in "the invasion of Ukraine" Ukraine is the one
        // invaded, not the actor.
        let event_noun = self.is_event_noun(s, h);
        for rels in [&["appos", "flat"][..], &["compound", "amod"], &["nmod:poss", "nmod"]] {
            for c in s.kids(h) {
                if event_noun && base(s.rel(c)) == "nmod" && s.rel(c) != "nmod:poss" && s.has_case_word(c, &["of"]) {
                    continue;
                }
                if rels.contains(&s.rel(c)) || rels.contains(&base(s.rel(c))) && rels[0] == "nmod:poss" {
                    if let Some(m) = s.mention(c) {
                        return Some(self.mention_arg(m, c));
                    }
                    if let Some(code) = s.country(c).filter(|_| rels[0] == "compound") {
                        return Some(country_arg(s, c, code));
                    }
                }
            }
        }
        let form = s.form(h);
        if let Some(code) = self.coder.agents.lookup(s.lemma(h), form) {
            return Some(Arg { actor: EventActor { span: s.doc.tokens[h].span, code: Some(code.to_string()) }, kind: None, tok: h });
        }
        // A proper name the actor stage did not know ("Khan" before any full mention, "Gaza"):
        // still the argument the grammar names, kept with its text and no code so that the event
        // is not silently re-shaped (a missing target would read as "no target").
        if s.upos(h) == "PROPN" && !s.lemma_in(h, CALENDAR) {
            let mut sp = s.doc.tokens[h].span;
            for c in s.kids(h).filter(|&c| matches!(s.rel(c), "compound" | "flat") && s.upos(c) == "PROPN") {
                sp = sp.cover(s.doc.tokens[c].span);
            }
            return Some(Arg { actor: EventActor { span: sp, code: None }, kind: None, tok: h });
        }
        None
    }

    /// "his" / "he": the nearest person mentioned before, in this or the two previous sentences.
    fn antecedent(&self, s: &Sent, h: usize, exclude: &[Span]) -> Option<Arg> {
        let doc = s.doc;
        let at = doc.tokens[h].span.start;
        let floor = doc.sentences[s.idx.saturating_sub(2)].span.start;
        let k = self.order.partition_point(|&m| self.actors[m].span.start < at);
        self.order[..k]
            .iter()
            .rev()
            .take_while(|&&m| self.actors[m].span.start >= floor)
            .find(|&&m| {
                self.actors[m].kind == ActorKind::Person && self.actors[m].span.end <= at && !exclude.contains(&self.actors[m].span)
            })
            .map(|&m| {
                let mut a = self.mention_arg(m, h);
                a.actor.span = self.actors[m].span;
                a
            })
    }

    /// "in Moscow": a place under the trigger (or, for an event noun, under its verb).
    fn location(&self, s: &Sent, t: usize, target: Option<usize>) -> Option<Arg> {
        let mut at = vec![t];
        if let Some(h) = s.head(t).filter(|_| s.upos(t) == "NOUN") {
            at.push(h);
        }
        for n in at {
            for c in s.kids(n) {
                if Some(c) == target || !matches!(base(s.rel(c)), "obl" | "nmod") || !s.has_case_word(c, &["in", "at"]) {
                    continue;
                }
                if let Some(a) = s.mention(c).map(|m| self.mention_arg(m, c)) {
                    if matches!(a.kind, Some(ActorKind::City | ActorKind::Country | ActorKind::Region)) {
                        return Some(a);
                    }
                }
            }
        }
        None
    }
}

fn quad_of(code: &str) -> u8 {
    match code.get(..2).and_then(|r| r.parse::<u8>().ok()) {
        Some(r) if r <= 5 => 1,
        Some(r) if r <= 8 => 2,
        Some(r) if r <= 13 => 3,
        _ => 4,
    }
}

/// The token that acts as the subject (source) of verb `t`.
fn subject(s: &Sent, t: usize, depth: u8) -> Option<usize> {
    if depth > 4 {
        return None;
    }
    // "was fined and banned from coaching", "was arrested and beheaded": a participle conjoined
    // to a passive verb, with no auxiliary, subject or particle of its own, is passive too; not
    // past a conjunct with an auxiliary of its own ("was not expected to win, but was
    // disappointed to lose, and stepped down"), nor a phrasal verb ("has been linked with jobs
    // and pulled out of the race").
    let shared_passive = s.rel(t) == "conj"
        && s.xpos(t) == "VBN"
        && s.head(t).is_some_and(|g| {
            s.passive(g)
                && !s.kids(g).any(|c| c < t && c > g && s.rel(c) == "conj" && s.kids(c).any(|a| base(s.rel(a)) == "aux"))
        })
        && !s.kids(t).any(|c| matches!(base(s.rel(c)), "aux" | "nsubj") || s.rel(c) == "compound:prt");
    if s.passive(t) || shared_passive {
        // "was received by Putin": the agent is the doer ("was captured by rebels and beheaded":
        // the first conjunct's).
        let agent = |v: usize| s.kids(v).find(|&c| s.rel(c) == "obl:agent" || (base(s.rel(c)) == "obl" && s.has_case_word(c, &["by"])));
        return agent(t).or_else(|| if shared_passive { s.head(t).and_then(agent) } else { None });
    }
    let is_subj = |c: usize| matches!(s.rel(c), "nsubj" | "nsubj:outer" | "nsubj:xsubj");
    // Two subjects on one verb (a parse slip: "that we will come", "India's Modi will host"):
    // the non-relative one that is no possessor.
    let possessor = |c: usize| s.kids(c).any(|k| base(s.rel(k)) == "case" && matches!(s.form(k), "'s" | "\u{2019}s" | "'"));
    let n = s
        .kids(t)
        .find(|&c| is_subj(c) && !s.lemma_in(c, RELATIVE) && !possessor(c))
        .or_else(|| s.kids(t).find(|&c| is_subj(c) && !s.lemma_in(c, RELATIVE)))
        .or_else(|| s.kids(t).find(|&c| is_subj(c)));
    if let Some(n) = n {
        if s.lemma_in(n, RELATIVE) && s.rel(t) == "acl:relcl" {
            return s.head(t);
        }
        return Some(n);
    }
    if let Some(o) = for_to_subject(s, t) {
        return Some(o);
    }
    let g = s.head(t)?;
    match s.rel(t) {
        "xcomp" => {
            // "called on Germany to send tanks" (but "called Modi to express gratitude": the caller).
            if s.lemma_in(g, &["call", "appeal"]) {
                if let Some(o) = s.kids(g).find(|&c| base(s.rel(c)) == "obl" && s.has_case_word(c, &["on", "upon"])) {
                    return Some(o);
                }
            }
            if s.lemma_in(g, OBJ_CONTROL) {
                // The parser may call the controller an indirect object ("warned China not to").
                // For "wants|needs X to" X must be someone: "needs more time to prepare" is a
                // purpose the parser hung on the verb.
                let ecm = s.lemma_in(g, &["want", "expect", "need", "like", "wish", "prefer"]);
                if let Some(o) = s.kid_rel(g, |r| r == "obj").or_else(|| s.kid_rel(g, |r| r == "iobj")).filter(|&o| !ecm || s.actor_noun(o)) {
                    return Some(o);
                }
            }
            // "is expected to meet": the raised passive subject.
            s.kid_rel(g, |r| r == "nsubj:pass").or_else(|| subject(s, g, depth + 1))
        }
        "conj" if s.upos(g) == "VERB" => {
            s.kid_rel(g, |r| r == "nsubj:pass").filter(|_| !s.passive(t)).or_else(|| subject(s, g, depth + 1))
        }
        // "six Czechs refused entry to Britain", "the men detained by police": a participle
        // clause without a subject of its own is passive; its noun is the patient and the doer,
        // if named, its `by` phrase.
        "acl:relcl" | "acl" if reduced_passive(s, t) => {
            s.kids(t).find(|&c| base(s.rel(c)) == "obl" && s.has_case_word(c, &["by"]))
        }
        "acl:relcl" => Some(g),
        "acl" if s.upos(g) == "NOUN" || s.upos(g) == "PROPN" => {
            // "his intention to meet Putin": the intention's owner; "government plans to hold":
            // an actor compounded with the noun. Else, for the infinitive of a noun that takes
            // one ("plans to", "a demand for Turkey to"), the subject of the verb governing the
            // noun only where the noun is that verb's object ("announced plans to"), not the
            // topic of some other act ("held talks over plans to"). Other nouns keep that
            // fallback: an infinitive on a place is a misplaced purpose ("went to Moscow to
            // meet Putin"), and so is a participle ("wrote to Blair demanding").
            let infinitive = s.kids(t).any(|c| s.rel(c) == "mark" && s.xpos(c) == "TO");
            let content = infinitive && s.upos(g) == "NOUN" && s.lemma_in(g, COMPLEMENT_NOUNS);
            // "a demand for Turkey to recognise Cyprus", the subject hung on the noun.
            let for_subject = || {
                content.then(|| s.kids(g).find(|&c| c > g && c < t && base(s.rel(c)) == "nmod" && s.has_case_word(c, &["for"]))).flatten()
            };
            for_subject()
                .or_else(|| s.kid_rel(g, |r| r == "nmod:poss"))
                .or_else(|| members(s, g).filter(|&m| s.actor_noun(m)))
                .or_else(|| content.then(|| s.kids(g).find(|&c| s.rel(c) == "compound" && s.actor_word(c))).flatten())
                .or_else(|| {
                    let v = s.head(g)?;
                    // "in an attempt to reach agreement", "in a bid to": the clause's purpose.
                    let purpose = s.lemma_in(g, PURPOSE_NOUNS) && s.has_case_word(g, &["in"]);
                    (s.upos(v) == "VERB" && (!content || purpose || matches!(s.rel(g), "obj" | "nsubj:pass")))
                        .then(|| subject(s, v, depth + 1))
                        .flatten()
                })
        }
        "advcl" => {
            // "stopped Iran from enriching", "suspended the association for refusing to
            // deselect", "thanked Iran for releasing the sailors": the one stopped, blamed or
            // thanked does it; "was arrested for protesting": the one arrested.
            let for_ing = s.xpos(t) == "VBG" && s.has_case_word(t, &["for"]);
            if s.has_case_word(t, &["from"]) {
                s.kid_rel(g, |r| r == "obj")
            } else if for_ing && s.upos(g) == "VERB" && s.passive(g) {
                s.kid_rel(g, |r| r == "nsubj:pass")
            } else if let Some(o) = s.kid_rel(g, |r| r == "obj").filter(|&o| for_ing && s.upos(g) == "VERB" && s.actor_noun(o)) {
                // Not a thing: "served a jail term for punching a man" is the server's punch.
                Some(o)
            } else {
                subject(s, g, depth + 1)
            }
        }
        _ => None,
    }
}

/// The noun an object relative clause hangs on: "a target [(that) he has now met]", "the offer
/// [which Iran rejected]" (not a subject relative, "the man who met Putin").
fn relative_object(s: &Sent, t: usize) -> Option<usize> {
    let subject = s.kid_rel(t, |r| base(r) == "nsubj")?;
    let object_free = s.kids(t).all(|c| s.rel(c) != "obj" || s.lemma_in(c, RELATIVE));
    // Not where the gap is elsewhere: "the summit at which Russia signed", "where it signed".
    if s.kids(t).any(|c| s.rel(c) != "obj" && c != subject && s.lemma_in(c, &["which", "whom", "where", "when", "why", "whose"])) {
        return None;
    }
    (s.rel(t) == "acl:relcl" && object_free && !s.lemma_in(subject, RELATIVE)).then(|| s.head(t)).flatten()
}

/// Whether clause `v` has no subject of its own.
fn subject_free(s: &Sent, v: usize) -> bool {
    !s.kids(v).any(|c| matches!(base(s.rel(c)), "nsubj" | "csubj"))
}

/// Who a gathering gathers: the `of` phrase of a meeting noun ("the meeting of G7 ministers").
fn members(s: &Sent, n: usize) -> Option<usize> {
    if !s.lemma_in(n, MEETING_NOUNS) {
        return None;
    }
    s.kids(n).find(|&c| base(s.rel(c)) == "nmod" && s.rel(c) != "nmod:poss" && s.has_case_word(c, &["of"]))
}

/// Verbs of the "for X to do" construction: "called for the government to resign", "pressed
/// for Iran to allow inspections", "waited for Moscow to reply".
const FOR_TO: &[&str] =
    &["call", "appeal", "push", "press", "wait", "ask", "arrange", "plead", "lobby", "campaign", "argue", "pray", "clamour", "vote"];

/// The subject of an infinitive in "called for X to ...", which the parser hangs on the governing
/// verb as its `for` phrase.
fn for_to_subject(s: &Sent, t: usize) -> Option<usize> {
    if !matches!(base(s.rel(t)), "advcl" | "xcomp") || !s.kids(t).any(|c| s.rel(c) == "mark" && s.lemma_in(c, &["to"])) {
        return None;
    }
    let g = s.head(t).filter(|&g| s.lemma_in(g, FOR_TO))?;
    // Not a duration: "campaigned for years to free her husband", "waited for hours to speak".
    s.kids(g).find(|&o| {
        g < o
            && o < t
            && base(s.rel(o)) == "obl"
            && s.has_case_word(o, &["for"])
            && !s.lemma_in(o, TIME_NOUNS)
            && !s.lemma_in(o, &["hour", "minute", "decade", "century", "while", "time", "moment", "age", "ages", "long"])
    })
}

/// The source of an event noun: its possessor, its `by` phrase, an actor modifying it
/// ("Russian invasion"), its copular subject ("Moscow and Islamabad are in talks"), or the
/// subject of the verb it is the object of ("Khan began a visit").
/// With `owner` false the possessor is passed over (it is the patient).
fn noun_source(ctx: &Ctx, s: &Sent, n: usize, owner: bool) -> Option<usize> {
    let governing = || {
        let v = s.head(n)?;
        (s.upos(v) == "VERB" && matches!(base(s.rel(n)), "obj" | "obl" | "xcomp") && s.lemma_in(v, LIGHT))
            .then(|| subject(s, v, 1))
            .flatten()
    };
    if let Some(p) = s.kid_rel(n, |r| r == "nmod:poss").filter(|_| owner) {
        if s.lemma_in(p, PERSONAL) {
            // "Khan began his visit", "Khan will meet Putin during his visit": a possessive
            // pronoun in the clause refers to its subject when that names an actor. Not on the
            // object of a verb that judges another's act ("Jowell and Prescott welcomed his
            // return", "condemned his arrest"): that pronoun is someone named before.
            let clause_subject = s
                .head(n)
                .filter(|&v| {
                    s.upos(v) == "VERB"
                        && match base(s.rel(n)) {
                            "obj" => s.lemma_in(v, LIGHT) || !s.lemma_in(v, JUDGING),
                            r => matches!(r, "obl" | "xcomp"),
                        }
                })
                .and_then(|v| subject(s, v, 1));
            if let Some(g) = clause_subject.filter(|&g| ctx.resolve_one(s, g).is_some()) {
                return Some(g);
            }
        }
        return Some(p);
    }
    if let Some(b) = s.kids(n).find(|&c| base(s.rel(c)) == "nmod" && s.has_case_word(c, &["by"])) {
        return Some(b);
    }
    if let Some(m) = members(s, n).filter(|&m| ctx.coder.actor_like(s, m)) {
        return Some(m);
    }
    // "at the request of Scott Sullivan", "with the help of Margaret Moran", "the visit of the
    // Pope": for these acts the `of` phrase is the doer (for most, "the invasion of Iraq", it is
    // the one acted on, and for talk, its topic).
    if s.lemma_in(n, AGENT_OF_NOUNS) {
        if let Some(o) = s.kids(n).find(|&c| base(s.rel(c)) == "nmod" && s.rel(c) != "nmod:poss" && s.has_case_word(c, &["of"]) && ctx.coder.actor_like(s, c)) {
            return Some(o);
        }
    }
    // "Russian invasion": a coded actor; a bare agent word ("prisoner exchange") is what is
    // exchanged, not who acts.
    let coded = |c: usize| s.mention(c).is_some_and(|m| ctx.actors[m].code.is_some()) || s.country(c).is_some();
    // But a name compounded with "war" or "conflict" is where it is fought ("the Iraq war"), and
    // a place compounded with a journey is where it goes ("the Dublin trip", "a UK tour"; but
    // "the South Africa tour of New Zealand" names its destination apart).
    let place_named = |c: usize| (s.rel(c) == "compound" && s.lemma_in(n, &["war", "conflict"])) || ctx.compounded_destination(s, n, c);
    if let Some(a) = s.kids(n).find(|&c| matches!(base(s.rel(c)), "amod" | "compound") && coded(c) && !place_named(c)) {
        return Some(a);
    }
    // "Moscow and Islamabad are in talks"; but "Putin's visit was under discussion": an event
    // as the subject is not the one who discusses.
    // Not an attitude to it: "the government is against the deal".
    let attitude = s.case_words(n).any(|c| s.lemma_in(c, &["against", "for", "about", "over", "despite", "without"]));
    if let Some(x) = s.kid_rel(n, |r| base(r) == "nsubj").filter(|&x| !attitude && !ctx.is_event_noun(s, x)) {
        return ctx.can_act(s, x).then_some(x);
    }
    governing().filter(|&x| ctx.can_act(s, x))
}

/// Negation and modality of the event triggered at `t`, read off the trigger's own dependents and
/// the clauses that govern it (control verbs, intention nouns, conjoined verbs sharing an aux).
fn modality(s: &Sent, t: usize, kind: Kind) -> (bool, Modality) {
    let (mut neg, mut intended, mut hypo) = (false, false, false);
    let mut cur = t;
    let mut from_subject = false;
    // Whether `cur` is a noun reached from the clause that completes it ("hold a meeting [to
    // discuss]") and the object of a light verb: that noun is then classed by the verb, as an
    // event noun is (not "would contrast Labour's plan to invest", nor a relative clause).
    let mut completed = false;
    // Whether `cur` is a first conjunct reached from one with its own tense or auxiliary: only
    // its subordinator ("if he wins and fulfils his promise") applies, not its auxiliaries or
    // negation; what governs it still does ("denied that Russia attacked Ukraine and killed
    // civilians").
    let mut own_tense = false;
    for depth in 0..6 {
        let (mut aux_be, mut mark_to) = (false, false);
        let by_clause = std::mem::take(&mut completed);
        let marks_only = std::mem::take(&mut own_tense);
        // The clause's own dependents; for an event that is the subject of its clause ("Putin's
        // visit was under discussion but could not materialise"), also those of the predicates
        // conjoined to it that share that subject.
        let shared: Vec<usize> = if from_subject {
            s.kids(cur).filter(|&c| s.rel(c) == "conj" && s.kid_rel(c, |r| base(r) == "nsubj").is_none()).collect()
        } else {
            Vec::new()
        };
        from_subject = false;
        let deps: Vec<usize> =
            std::iter::once(cur).chain(shared).flat_map(|v| s.kids(v)).filter(|&c| !marks_only || base(s.rel(c)) == "mark").collect();
        for c in deps {
            let r = s.rel(c);
            let b = base(r);
            if matches!(b, "advmod" | "neg" | "det" | "cc" | "case" | "mark" | "aux" | "discourse") && s.lemma_in(c, NEG_WORDS) {
                // "without" negates only as the marker of this clause.
                if !s.lemma_in(c, &["without"]) || matches!(b, "case" | "mark") {
                    neg = true;
                }
            }
            if b == "advmod" && s.lemma_in(c, &["longer"]) && s.kids(c).any(|g| s.lemma_in(g, &["no"])) {
                neg = true;
            }
            // "nor did Biden invite him": the negation hangs on the auxiliary.
            if b == "aux" && s.kids(c).any(|g| base(s.rel(g)) == "cc" && s.lemma_in(g, NEG_WORDS)) {
                neg = true;
            }
            if b == "cop" && s.lemma_in(c, &["be"]) {
                aux_be = true;
            }
            if b == "aux" {
                if s.lemma_in(c, MODAL_INTENT) {
                    intended = true;
                } else if s.lemma_in(c, MODAL_HYPO) {
                    hypo = true;
                } else if s.lemma_in(c, &["be"]) {
                    aux_be = true;
                }
            }
            if b == "mark" {
                if s.lemma_in(c, COND_MARKS) {
                    hypo = true;
                }
                if s.lemma_in(c, &["to"]) {
                    mark_to = true;
                }
                // "a plan for Putin('s) to visit": a purpose clause is not yet an act (a reason
                // is: "jailed for murdering").
                if s.lemma_in(c, &["for"]) && depth == 0 && s.xpos(cur) != "VBG" {
                    intended = true;
                }
            }
        }
        // "is to visit"; a headline's "Blair to meet Bush", "Jack Cunningham to stand down":
        // an infinitive with a subject of its own at the top of the sentence.
        let headline = mark_to && s.head(cur).is_none() && s.kids(cur).any(|c| base(s.rel(c)) == "nsubj");
        if (aux_be || headline) && mark_to && depth == 0 {
            intended = true;
        }
        // "called for the government to resign": asked for, not done.
        if for_to_subject(s, cur).is_some() {
            intended = true;
        }
        let Some(g) = s.head(cur) else { break };
        let r = s.rel(cur);
        let up = match base(r) {
            // "a plan criticised by Khan": a passive participle describes its noun, it is not the
            // noun's content (as in "a plan to visit"), so the noun does not class it.
            "acl" if reduced_passive(s, cur) => false,
            "xcomp" | "acl" => {
                class_of(s, g, &mut neg, &mut intended, &mut hypo);
                completed = r == "acl" && s.upos(g) == "NOUN" && s.head(g).is_some_and(|v| s.lemma_in(v, LIGHT));
                true
            }
            "ccomp" => {
                // A report ("said that ...") is transparent; a wish or denial is not.
                class_of(s, g, &mut neg, &mut intended, &mut hypo);
                false
            }
            "nmod" if s.upos(g) == "NOUN" => {
                // "a plan for Putin's visit"
                class_of(s, g, &mut neg, &mut intended, &mut hypo);
                false
            }
            "advcl" => {
                if s.has_case_word(cur, &["from"]) {
                    hypo = true;
                }
                // "... would announce when he finally undertakes the trip": a present-tense time
                // clause is as real (or not) as the clause it hangs on.
                let timed = s.kids(cur).any(|c| matches!(base(s.rel(c)), "mark" | "advmod") && s.lemma_in(c, TIME_MARKS));
                // A purpose ("will fly to Moscow to meet Putin", "called for Deutsche Boerse to
                // hold a meeting to discuss the bid") is as real as the act it is the purpose of.
                let purpose = s.kids(cur).any(|c| s.rel(c) == "mark" && s.xpos(c) == "TO") && subject_free(s, cur);
                purpose || (timed && matches!(s.doc.syntax[cur].xpos, "VBZ" | "VBP"))
            }
            // "did not meet Putin or discuss trade": a conjunct without a subject shares the
            // first one's auxiliaries, unless it carries its own tense ("was not expected to
            // win, and stepped down").
            "conj" => {
                let shares = s.kid_rel(cur, |r| base(r) == "nsubj").is_none() && s.upos(g) == s.upos(cur);
                // nor its own auxiliary ("cannot accept and will oppose")
                own_tense = (s.upos(cur) == "VERB" && matches!(s.xpos(cur), "VBD" | "VBZ" | "VBP")) || s.kids(cur).any(|c| base(s.rel(c)) == "aux");
                shares
            }
            // An event noun inherits the modality of the verb it completes ("did not make the trip").
            // "cancelled his visit", "planned a trip": the governor's class applies too.
            // So does the noun a clause completes ("called for Deutsche Boerse to hold a meeting to
            // discuss the bid": the discussion is only asked for).
            // Not an act with its own doer that another verb is about: "will never recognise
            // Russia's annexation of Crimea" (the annexation happened), "despite requests by MEPs".
            "obj" | "obl" if ((kind == Kind::Noun && cur == t) || by_clause) && s.upos(g) == "VERB" => {
                class_of(s, g, &mut neg, &mut intended, &mut hypo);
                let governs = s.lemma_in(g, LIGHT) || s.lemma_in(g, NEG_GOV) || s.lemma_in(g, INTENT_GOV) || s.lemma_in(g, HYPO_GOV);
                // An act with its own doer named is one that happened: "Russia's annexation",
                // "requests by MEPs", "Mr Blair's promise".
                // Not when it times the clause: "during his trip, Mr Straw will represent ...".
                let owned = s.kids(cur).any(|c| s.rel(c) == "nmod:poss" || (base(s.rel(c)) == "nmod" && s.has_case_word(c, &["by"])))
                    && !s.has_case_word(cur, &["during", "after", "before", "until", "on", "at"]);
                governs || !owned
            }
            "nsubj" | "nsubj:pass" if kind == Kind::Noun && cur == t => {
                // "the visit was under discussion": a nominal predicate classes its subject too;
                // so does a passive verb, whose subject is its object ("the tour was cancelled").
                if s.upos(g) == "NOUN" || (s.rel(t) == "nsubj:pass" && s.upos(g) == "VERB") {
                    class_of(s, g, &mut neg, &mut intended, &mut hypo);
                }
                from_subject = true;
                true
            }
            _ => false,
        };
        if !up {
            break;
        }
        cur = g;
    }
    let question = s.range.clone().skip_while(|&i| i <= t).any(|i| s.form(i) == "?");
    let m = if question {
        Modality::Question
    } else if hypo {
        Modality::Hypothetical
    } else if intended {
        Modality::Intended
    } else {
        Modality::Asserted
    };
    (neg, m)
}

fn class_of(s: &Sent, g: usize, neg: &mut bool, intended: &mut bool, hypo: &mut bool) {
    if s.lemma_in(g, NEG_GOV) {
        *neg = true;
    } else if s.lemma_in(g, INTENT_GOV) {
        *intended = true;
    } else if s.lemma_in(g, HYPO_GOV) {
        *hypo = true;
    }
}

/// Words before a time expression that make it a bound of a period, not the time of an event.
const BOUND_PREPOSITIONS: &[&str] = &["since", "until", "till", "before", "after", "by", "through", "throughout"];

fn introduced_by_bound(doc: &Document, t: &Timex) -> bool {
    let first = doc.tokens.partition_point(|x| x.span.end <= t.span.start);
    first > 0 && {
        let prev = doc.slice(doc.tokens[first - 1].span);
        BOUND_PREPOSITIONS.iter().any(|b| prev.eq_ignore_ascii_case(b))
    }
}

/// Dates events with the time stage's rule ([`dragoman_time::governing_timex`]: a DATE/TIME
/// expression attached to the trigger or to its clause), else with the article date
/// (`doc.meta.date`). Sets `date_source` to `timex` or `article`; events that already have a date
/// are left alone.
///
/// Two refinements on top of the time stage's rule:
/// - a light verb's event noun carries the date (`began his visit from Wednesday`: the expression
///   attaches to `visit`, the object of the trigger `began`), so the trigger's object is tried too;
/// - an expression introduced by a bounding preposition (`since 1999`, `until March`, `before
///   the vote`) limits a period rather than dating the event, and is not used.
pub fn assign_dates(doc: &Document, timexes: &[Timex], events: &mut [Event]) {
    let parsed = doc.syntax.len() == doc.tokens.len() && !doc.syntax.is_empty();
    let usable = |k: usize| !introduced_by_bound(doc, &timexes[k]);
    for e in events.iter_mut().filter(|e| e.date.is_none()) {
        let tok = doc.tokens.partition_point(|t| t.span.end <= e.trigger.start);
        let mut found = (tok < doc.tokens.len()).then(|| dragoman_time::governing_timex(doc, timexes, tok)).flatten();
        if found.is_none() && parsed && tok < doc.tokens.len() {
            let objects = doc.syntax.iter().enumerate().filter(|(_, w)| w.head == Some(tok) && w.deprel == "obj");
            found = objects.filter_map(|(o, _)| dragoman_time::governing_timex(doc, timexes, o)).find(|&k| usable(k));
        }
        let found = found.filter(|&k| usable(k));
        match found {
            Some(k) => {
                e.date = Some(timexes[k].value.clone());
                e.date_source = Some("timex".into());
            }
            None => {
                if let Some(d) = &doc.meta.date {
                    e.date = Some(d.clone());
                    e.date_source = Some("article".into());
                }
            }
        }
    }
}
