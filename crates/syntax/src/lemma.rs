//! Lemmatiser learned from the treebank. A lemma is produced by an *edit rule* applied to the form:
//! optionally lowercase, strip `k` characters, append a string (`forces` → lower, strip 1 → `force`;
//! `went` → lower, strip 4, append `go`; `Zaman` → keep case, strip 0). Rules keep EWT's casing
//! conventions without special cases: proper nouns keep their case because that is what their rules
//! say, and `The` at a sentence start lowercases like `the`.
//!
//! Lookup order: the (lowercased form, tag) pairs seen in training, then the longest form suffix
//! (up to 6 characters) whose rule was seen with that tag at least twice, then the tag's commonest
//! rule.

use std::collections::HashMap;

use crate::feat::{hash_str, lower_into, mix};
use crate::io::{Reader, Writer};
use crate::tagger::IdMap;
use crate::SyntaxError;

const MAX_SUFFIX: usize = 6;

#[derive(Clone, PartialEq, Eq, Hash, Debug)]
struct Rule {
    lower: bool,
    strip: u8,
    append: String,
}

impl Rule {
    fn learn(form: &str, lemma: &str) -> Rule {
        let lower = form.to_lowercase();
        let (a, b) = (edit(form, lemma), edit(&lower, lemma));
        // Prefer lowercasing on ties so that a capitalised sentence-initial `Forces` lemmatises
        // like `forces`.
        if a.0 > b.0 {
            Rule { lower: false, strip: a.1, append: a.2 }
        } else {
            Rule { lower: true, strip: b.1, append: b.2 }
        }
    }

    fn apply(&self, form: &str, buf: &mut String) -> String {
        let base: &str = if self.lower {
            lower_into(form, buf);
            buf
        } else {
            form
        };
        let nchar = base.chars().count();
        if self.strip as usize > nchar {
            return base.to_string();
        }
        let cut = base.char_indices().nth(nchar - self.strip as usize).map_or(base.len(), |(i, _)| i);
        let mut s = String::with_capacity(cut + self.append.len());
        s.push_str(&base[..cut]);
        s.push_str(&self.append);
        s
    }
}

/// Spelling repairs of a stem left by stripping the inflection `stripped`. Only the repairs that
/// inflection can call for: after a vowel-initial ending (`-ed`, `-ing`, `-es`, `-er`, `-est`) a
/// doubled final consonant (`plann` → `plan`) or a lost silent `e` (`rul` → `rule`); after a bare
/// `-d`, `-r` or `-st` an `e` that was part of the ending (`heape` → `heap`). A plain plural `-s`
/// calls for none.
fn repairs(stem: &str, stripped: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = stem.chars().collect();
    let vowel_ending = stripped.starts_with(['a', 'e', 'i', 'o', 'u']);
    if let [.., a, b] = chars[..] {
        if vowel_ending && a == b && !"aeiou".contains(a) && a.is_alphabetic() {
            out.push(chars[..chars.len() - 1].iter().collect());
        }
        if b == 'e' && matches!(stripped, "d" | "r" | "st") {
            out.push(chars[..chars.len() - 1].iter().collect());
        }
    }
    if vowel_ending {
        out.push(format!("{stem}e"));
    }
    out
}

/// (common prefix length in chars, chars to strip from `from`, what to append).
fn edit(from: &str, to: &str) -> (usize, u8, String) {
    let common = from.chars().zip(to.chars()).take_while(|(a, b)| a == b).count();
    let strip = from.chars().count() - common;
    let append: String = to.chars().skip(common).collect();
    (common, strip.min(255) as u8, append)
}

fn suffix_key(lower: &str, k: usize, class: u16) -> Option<u64> {
    let start = if k == 0 {
        lower.len()
    } else {
        lower.char_indices().rev().nth(k - 1)?.0
    };
    Some(mix(mix(hash_str(&lower[start..]), k as u64), class as u64))
}

fn form_key(lower: &str, class: u16) -> u64 {
    mix(mix(hash_str(lower), 0xF0), class as u64)
}

/// Key of the exact, case-sensitive form: `i` → `I` but `I` → `I` need different rules.
fn raw_key(form: &str, class: u16) -> u64 {
    mix(mix(hash_str(form), 0xF1), class as u64)
}

pub struct Lemmatizer {
    rules: Vec<Rule>,
    exact: IdMap<u32>,
    suffix: IdMap<u32>,
}

impl Lemmatizer {
    /// Learns from `(form, lemma, joint class)` triples.
    pub fn learn(words: &[(&str, &str, u16)]) -> Lemmatizer {
        let mut rules: Vec<Rule> = Vec::new();
        let mut rule_id: HashMap<Rule, u32> = HashMap::new();
        let mut exact_counts: IdMap<HashMap<u32, u32>> = IdMap::default();
        let mut types: IdMap<(String, u16, HashMap<u32, u32>)> = IdMap::default();
        let mut buf = String::new();
        for &(form, lemma, class) in words {
            let r = Rule::learn(form, lemma);
            let id = *rule_id.entry(r.clone()).or_insert_with(|| {
                rules.push(r);
                rules.len() as u32 - 1
            });
            lower_into(form, &mut buf);
            let key = form_key(&buf, class);
            *exact_counts.entry(key).or_default().entry(id).or_default() += 1;
            *exact_counts.entry(raw_key(form, class)).or_default().entry(id).or_default() += 1;
            let t = types.entry(key).or_insert_with(|| (buf.clone(), class, HashMap::new()));
            *t.2.entry(id).or_default() += 1;
        }
        let top = |m: &HashMap<u32, u32>| -> (u32, u32) {
            let (&r, &n) = m.iter().max_by_key(|(&r, &n)| (n, std::cmp::Reverse(r))).expect("non-empty");
            (r, n)
        };
        let exact: IdMap<u32> = exact_counts.iter().map(|(&k, m)| (k, top(m).0)).collect();
        // Suffix statistics over word *types*: an unseen word is more like a rare word than like
        // a frequent one.
        let mut suf_counts: IdMap<HashMap<u32, u32>> = IdMap::default();
        for (lower, class, m) in types.values() {
            let r = top(m).0;
            for k in 0..=MAX_SUFFIX {
                if let Some(key) = suffix_key(lower, k, *class) {
                    *suf_counts.entry(key).or_default().entry(r).or_default() += 1;
                }
            }
        }
        let suffix: IdMap<u32> =
            suf_counts.iter().filter_map(|(&k, m)| { let (r, n) = top(m); (n >= 2).then_some((k, r)) }).collect();
        Lemmatizer { rules, exact, suffix }
    }

    /// The lemma by the learned rules alone (no word-list check).
    #[cfg(test)]
    pub fn lemma(&self, form: &str, class: u16, buf: &mut String) -> String {
        self.lemma_checked(form, class, buf, |_| true)
    }

    /// Whether the treebank had `form` with this tag (its lemma then comes from that entry).
    pub fn is_seen(&self, form: &str, class: u16, buf: &mut String) -> bool {
        lower_into(form, buf);
        self.exact.contains_key(&raw_key(form, class)) || self.exact.contains_key(&form_key(buf, class))
    }

    /// [`Lemmatizer::lemma`], with a check for forms never seen with this tag: when the suffix
    /// rule strips something and gives a word `known` does not know, the usual spelling repairs
    /// of English inflection are tried (`rul` → `rule`, `signall` → `signal`, `heape` → `heap`)
    /// and the first known one wins. A suffix rule learned from `called` → `call` is right for
    /// most `-led` words but not for `ruled`; the word list tells them apart.
    pub fn lemma_checked(&self, form: &str, class: u16, buf: &mut String, mut known: impl FnMut(&str) -> bool) -> String {
        lower_into(form, buf);
        let exact = self.exact.get(&raw_key(form, class)).or_else(|| self.exact.get(&form_key(buf, class))).copied();
        let from_suffix = exact.is_none();
        let rule = exact.or_else(|| {
            (0..=MAX_SUFFIX).rev().find_map(|k| suffix_key(buf, k, class).and_then(|key| self.suffix.get(&key).copied()))
        });
        let Some(r) = rule.and_then(|r| self.rules.get(r as usize)) else {
            return form.to_string();
        };
        let lemma = r.apply(form, buf);
        if !from_suffix || r.strip == 0 || !r.append.is_empty() || lemma.chars().count() < 2 {
            return lemma;
        }
        let low = lemma.to_lowercase();
        if known(&low) {
            return lemma;
        }
        // What the rule stripped, from the lowercased form (`buf`).
        let n = buf.chars().count();
        let stripped: String = buf.chars().skip(n.saturating_sub(r.strip as usize)).collect();
        repairs(&lemma, &stripped).into_iter().find(|c| known(&c.to_lowercase())).unwrap_or(lemma)
    }

    pub fn write(&self, out: &mut Writer) {
        out.u32(self.rules.len() as u32);
        for r in &self.rules {
            out.u8(r.lower as u8);
            out.u8(r.strip);
            out.str(&r.append);
        }
        for map in [&self.exact, &self.suffix] {
            crate::io::write_map(map, out);
        }
    }

    pub fn read(inp: &mut Reader) -> Result<Lemmatizer, SyntaxError> {
        let n = inp.u32()? as usize;
        let mut rules = Vec::with_capacity(n.min(1 << 20));
        for _ in 0..n {
            let lower = inp.u8()? != 0;
            let strip = inp.u8()?;
            let append = inp.string()?;
            rules.push(Rule { lower, strip, append });
        }
        let exact = crate::io::read_map(inp)?;
        let suffix = crate::io::read_map(inp)?;
        if exact.values().chain(suffix.values()).any(|&r| r as usize >= rules.len()) {
            return Err(SyntaxError::Corrupt("lemma rule out of range".into()));
        }
        Ok(Lemmatizer { rules, exact, suffix })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The irregular table is sorted (it is binary-searched) and maps no form to itself.
    #[test]
    fn irregular_table_is_sorted() {
        assert!(IRREGULAR.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(IRREGULAR.iter().all(|(f, b)| f != b));
        assert_eq!(irregular_base("froze"), Some("freeze"));
        assert_eq!(irregular_base("forgiven"), Some("forgive"));
        assert_eq!(irregular_base("found"), None);
    }

    #[test]
    fn rules_learn_and_apply() {
        // (form, lemma) → applying the learned rule to another form of the same pattern
        let cases: &[(&str, &str, &str, &str)] = &[
            ("forces", "force", "Horses", "horse"),
            ("went", "go", "went", "go"),
            ("Zaman", "Zaman", "Qaim", "Qaim"),
            ("The", "the", "A", "a"),
            ("studies", "study", "flies", "fly"),
            ("café", "café", "naïve", "naïve"),
        ];
        let mut buf = String::new();
        for &(f, l, f2, l2) in cases {
            let r = Rule::learn(f, l);
            assert_eq!(r.apply(f, &mut buf), l, "{f}");
            assert_eq!(r.apply(f2, &mut buf), l2, "{f} rule on {f2}");
        }
    }

    #[test]
    fn unseen_words_use_suffix_rules() {
        let train = [
            ("walked", "walk", 1u16),
            ("talked", "talk", 1),
            ("jumped", "jump", 1),
            ("Bush", "Bush", 2),
            ("Kerry", "Kerry", 2),
            ("I", "I", 3),
            ("I", "I", 3),
            ("i", "I", 3),
        ];
        let l = Lemmatizer::learn(&train);
        let mut buf = String::new();
        assert_eq!(l.lemma("parked", 1, &mut buf), "park");
        assert_eq!(l.lemma("Obama", 2, &mut buf), "Obama");
        assert_eq!(l.lemma("walked", 1, &mut buf), "walk");
        assert_eq!(l.lemma("i", 3, &mut buf), "I", "case-sensitive entry wins");
    }

    #[test]
    fn unknown_stems_are_repaired_against_the_word_list() {
        // `-led` words are mostly `-ll` + `ed` in training, so the suffix rule strips `ed`.
        let train = [("called", "call", 1u16), ("killed", "kill", 1), ("pulled", "pull", 1), ("visited", "visit", 1), ("wanted", "want", 1)];
        let l = Lemmatizer::learn(&train);
        let known = ["rule", "signal", "visit", "call", "vote", "edit", "con", "shine", "plan", "plane"];
        let is_known = |w: &str| known.contains(&w);
        let mut buf = String::new();
        let cases = [
            ("ruled", "rule"),       // lost silent e
            ("signalled", "signal"), // doubled consonant (the rule strips only `ed`)
            ("edited", "edit"),      // known as the rule gives it: kept
            ("voted", "vote"),
            ("zorbled", "zorbl"),    // nothing known: the rule's answer
            ("Called", "call"),      // seen form: exact rule, no repair
            ("planned", "plan"),     // un-doubling before a silent e
        ];
        for (form, want) in cases {
            assert_eq!(l.lemma_checked(form, 1, &mut buf, is_known), want, "{form}");
        }
        assert_eq!(l.lemma("ruled", 1, &mut buf), "rul", "without the word list");
        assert_eq!(repairs("heape", "d"), vec!["heap".to_string()]);
        // A plain plural strips no `e` and doubles nothing: an unknown stem stays as it is
        // rather than turning into a known neighbour (`cone` is not `con`, `shin` not `shine`).
        let plurals = Lemmatizer::learn(&[("cats", "cat", 2u16), ("dogs", "dog", 2), ("cars", "car", 2)]);
        for (form, want) in [("cones", "cone"), ("shins", "shin")] {
            assert_eq!(plurals.lemma_checked(form, 2, &mut buf, is_known), want, "{form}");
        }
    }
}

/// Past tenses and participles of English irregular verbs, with their base form, for forms the
/// treebank never had as a verb ("froze", "forgave", "slain"); learned suffix rules cannot get
/// them. Forms that are also the past of another verb or a common base form ("found", "lay",
/// "fell", "saw", "wound", "bore", "rose") are left out. Sorted by form.
const IRREGULAR: &[(&str, &str)] = &[
    ("arisen", "arise"), ("arose", "arise"), ("ate", "eat"), ("awoke", "awake"), ("awoken", "awake"),
    ("beaten", "beat"), ("became", "become"), ("began", "begin"), ("begun", "begin"), ("beheld", "behold"),
    ("bent", "bend"), ("bitten", "bite"), ("bled", "bleed"), ("blew", "blow"), ("blown", "blow"),
    ("bought", "buy"), ("bred", "breed"), ("broke", "break"), ("broken", "break"), ("brought", "bring"),
    ("built", "build"), ("burnt", "burn"), ("came", "come"), ("caught", "catch"), ("chose", "choose"),
    ("chosen", "choose"), ("clung", "cling"), ("crept", "creep"), ("dealt", "deal"), ("did", "do"),
    ("done", "do"), ("drank", "drink"), ("drawn", "draw"), ("drew", "draw"), ("driven", "drive"),
    ("drove", "drive"), ("drunk", "drink"), ("dug", "dig"), ("dwelt", "dwell"), ("eaten", "eat"),
    ("fed", "feed"), ("felt", "feel"), ("fled", "flee"), ("flew", "fly"), ("flown", "fly"),
    ("flung", "fling"), ("forbade", "forbid"), ("forbidden", "forbid"), ("foresaw", "foresee"),
    ("foreseen", "foresee"), ("forgave", "forgive"), ("forgiven", "forgive"), ("forgot", "forget"),
    ("forgotten", "forget"), ("forsaken", "forsake"), ("forsook", "forsake"), ("fought", "fight"),
    ("froze", "freeze"), ("frozen", "freeze"), ("gave", "give"), ("given", "give"), ("gone", "go"),
    ("got", "get"), ("gotten", "get"), ("grew", "grow"), ("grown", "grow"), ("heard", "hear"),
    ("held", "hold"), ("hid", "hide"), ("hidden", "hide"), ("hung", "hang"), ("kept", "keep"),
    ("knelt", "kneel"), ("knew", "know"), ("known", "know"), ("laid", "lay"), ("lain", "lie"),
    ("leapt", "leap"), ("learnt", "learn"), ("led", "lead"), ("left", "leave"), ("lent", "lend"),
    ("lit", "light"), ("lost", "lose"), ("made", "make"), ("meant", "mean"), ("met", "meet"),
    ("misled", "mislead"), ("mistaken", "mistake"), ("mistook", "mistake"),
    ("misunderstood", "misunderstand"), ("outran", "outrun"), ("overcame", "overcome"),
    ("overheard", "overhear"), ("overran", "overrun"), ("oversaw", "oversee"), ("overseen", "oversee"),
    ("overtaken", "overtake"), ("overthrew", "overthrow"), ("overthrown", "overthrow"),
    ("overtook", "overtake"), ("paid", "pay"), ("ran", "run"), ("rang", "ring"), ("rebuilt", "rebuild"),
    ("retaken", "retake"), ("retook", "retake"), ("ridden", "ride"), ("rode", "ride"), ("rung", "ring"),
    ("said", "say"), ("sang", "sing"), ("sank", "sink"), ("sat", "sit"), ("sent", "send"), ("sewn", "sew"),
    ("shaken", "shake"), ("shone", "shine"), ("shook", "shake"), ("shot", "shoot"), ("shrank", "shrink"),
    ("shrunk", "shrink"), ("slain", "slay"), ("slept", "sleep"), ("slew", "slay"), ("slid", "slide"),
    ("slung", "sling"), ("sold", "sell"), ("sought", "seek"), ("sown", "sow"), ("spat", "spit"),
    ("sped", "speed"), ("spent", "spend"), ("spilt", "spill"), ("spoke", "speak"), ("spoken", "speak"),
    ("sprang", "spring"), ("sprung", "spring"), ("spun", "spin"), ("stank", "stink"), ("stole", "steal"),
    ("stolen", "steal"), ("stood", "stand"), ("striven", "strive"), ("strode", "stride"),
    ("strove", "strive"), ("struck", "strike"), ("strung", "string"), ("stuck", "stick"), ("stung", "sting"),
    ("stunk", "stink"), ("sung", "sing"), ("sunk", "sink"), ("swam", "swim"), ("swept", "sweep"),
    ("swore", "swear"), ("sworn", "swear"), ("swum", "swim"), ("swung", "swing"), ("taken", "take"),
    ("taught", "teach"), ("thought", "think"), ("threw", "throw"), ("thrown", "throw"), ("told", "tell"),
    ("took", "take"), ("tore", "tear"), ("torn", "tear"), ("trod", "tread"), ("trodden", "tread"),
    ("undergone", "undergo"), ("understood", "understand"), ("undertaken", "undertake"),
    ("undertook", "undertake"), ("underwent", "undergo"), ("upheld", "uphold"), ("went", "go"),
    ("wept", "weep"), ("withdrawn", "withdraw"), ("withdrew", "withdraw"), ("withheld", "withhold"),
    ("withstood", "withstand"), ("woke", "wake"), ("woken", "wake"), ("won", "win"), ("wore", "wear"),
    ("worn", "wear"), ("wove", "weave"), ("woven", "weave"), ("written", "write"), ("wrote", "write"),
    ("wrung", "wring"),
];

/// The base form of an irregular past tense or participle (lower case), if it is one.
pub fn irregular_base(lower: &str) -> Option<&'static str> {
    IRREGULAR.binary_search_by(|(f, _)| (*f).cmp(lower)).ok().map(|i| IRREGULAR[i].1)
}
