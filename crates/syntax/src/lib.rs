//! Syntax for dragoman: part-of-speech tags (Universal POS and Penn Treebank XPOS), lemmas and
//! Universal Dependencies trees for English, learned from UD English-EWT by this crate's own
//! training code. Pure Rust, CPU only, one thread per sentence, no runtime besides this crate.
//!
//! # Stages, in order
//! 1. **Tagger** ([`tagger`](crate) module): greedy left-to-right averaged perceptron over one
//!    joint class per (UPOS, XPOS) pair, so the two layers always agree. One pass: a second pass
//!    that sees the first pass's tags to the right is supported (`TrainConfig::tagger_passes`)
//!    but bought 0.2 points of tags, no parsing accuracy, for twice the time.
//! 2. **Lemmatiser**: edit rules (lowercase? strip k, append s) looked up by (form, tag), else by the
//!    longest known suffix with that tag; a past tense or participle the treebank never had as a
//!    verb is looked up in a table of irregular verbs first ("froze" -> freeze, "forgave" ->
//!    forgive; EWT lemma accuracy +.0001 on dev and test, accurate model).
//! 3. **Parser**: arc-hybrid transitions, averaged perceptron. The fast model decodes greedily
//!    and is trained with the dynamic oracle; the accurate model keeps a beam of 4 (pruned: items
//!    scoring far below the best are dropped, so most steps run one item) and is trained
//!    globally with max-violation updates.
//! 4. **Labeler**: relations assigned top-down over the finished tree.
//!
//! Between tagging and parsing, repairs. A sentence of five words or more, ending in a full
//! stop, tagged with no finite verb, whose first past participle follows a noun ("the minister
//! met with …", "troops fired into …") has that participle as its past-tense verb (not before
//! "by"). On EWT dev it fires on 8 of 2,001 sentences, rightly on 7 (UAS and LAS move by
//! ±.0005 at most on dev and test); it is there for news sentences like them. Before it, a
//! sentence with no verb read at all takes one from a noun after its subject that the treebank
//! has as a finite verb ("Russia no longer supplies gas to Poland.", "Ukraine shot down 30
//! drones …"); and a word given a closed-class tag the treebank never gave it, though it knows
//! the word as a noun or verb, takes an open class ("pledged aid to Morocco": aid is no
//! preposition). Measured at `Model::noun_read_for_verb` and `Model::closed_class_repair`.
//!
//! Between parsing and labelling, two repairs. A run of capitalised words with a title before a
//! name ("Tuvalu Prime Minister Kausea Natano", "with Mr Blair") is re-hung the way the treebank
//! annotates it (the name heads the run, the title hangs on the name, the country on the title,
//! a determiner or preposition of the phrase on the name), and the labeler then labels the
//! repaired tree. Unfamiliar country words had led the parser to make the country the head and
//! the name its apposition. On EWT it changes dev UAS .8646 -> .8647 and LAS .8282 -> .8283
//! (accurate), .8494 -> .8498 and .8110 -> .8113 (fast); test UAS .8647 -> .8648, LAS .8329 ->
//! .8331 (accurate), fast unchanged. A second: a time noun with "next", "last", "this" … that
//! has a noun before that word as its compound ("will meet [Putin next month]") is split, the
//! noun taking the time noun's place (`Model::time_phrase_apart`; EWT scores unchanged, it fires
//! on no EWT dev or test sentence and on 61 BBC News sentences; only a noun right before the
//! time phrase, a determiner, adjective or number between, is split off: not "Obama's last day").
//!
//! And two splits. A sentence that opens with a time phrase not closed by a comma, a name right
//! after it ("On Wednesday Mr Blair denied …", "On Tuesday Sir Alan said …"), is parsed without
//! the phrase, which then hangs on the root as `obl`: parsed whole, the day name became a
//! compound of the name and "On" took the subject as its object, so the subject was lost (in 10
//! of the 11 such sentences of BBC News with the fast model, 9 with the accurate one). EWT dev
//! and test have no such sentence (scores unchanged).
//!
//! And a news sentence that ends in its attribution ("Israel struck targets in Gaza
//! overnight, the army said.") is tagged and parsed as two sentences, the clause (with a full
//! stop of its own) and the attribution, joined with the reporting verb as root and the clause
//! as its `ccomp`, as the treebank annotates them. EWT has few such sentences (it fires on 2 of
//! 2,001 dev and 2 of 2,077 test sentences, gaining 6 + 2 and 0 + 1 correct heads; dev UAS
//! .8643 -> .8646, test .8646 -> .8647, accurate model), but about 7 % of BBC News sentences
//! end that way, and parsed whole their clause is often misread ("struck" as a participle).
//!
//! # Two models ([`Flavour`])
//! - `syntax.bin` (**fast**): what the pipeline runs by default, sized for its end-to-end speed.
//! - `syntax-accurate.bin` (**accurate**): the same stages plus Brown clusters of about 210,000
//!   word forms (learned by others from a large raw corpus, shipped in the PyPI package
//!   `spacy-lookups-data`, MIT; read at training time only) as features of every stage, the beam
//!   parser, and two parsers and labelers averaged. About half the speed of the fast model.
//!
//! All classifiers hash their features into rows of a weight table, so nothing string-shaped is
//! built per word. Training tags are jack-knifed (each quarter of the treebank tagged by a tagger
//! that never saw it) so the parser learns from tags as noisy as the ones it will get.
//!
//! All three classifiers also see **word classes** learned without labels from raw news text
//! (the BBC News corpus, plus the treebank's own training words) by the exchange algorithm
//! (`cluster` module): two classes per word, by left and by right context. They are what a
//! tagger knows of a word it never saw tagged; only the table of classes is in the model.
//!
//! Scoring requests all rows of a feature vector before summing any (the tables are megabytes,
//! so nearly every row is a cache miss, and overlapping them is most of the speed); weights are
//! 16-bit integers (the parser's rows 8 bytes, the sparse tables' cells 4), and the tables ask
//! the kernel for 2 MiB pages. The tagger also reports its runner-up class where its choice was
//! close, and the parser and labeler see it: they learn when not to trust a tag.
//!
//! # Using it
//! [`Model::embedded`] returns the committed model, decoded once per process; [`Model::annotate`]
//! fills [`Document::syntax`](dragoman_doc::Document) for a segmented document, and
//! [`Model::parse_words`] analyses one already-tokenised sentence (the gold-token evaluation entry
//! point). [`to_conllu`] renders a parsed document. [`train::train`] rebuilds the model files from
//! the treebank; [`eval::evaluate_gold`] scores a model on a CoNLL-U file with its own tokens.
//!
//! ```no_run
//! let model = dragoman_syntax::Model::embedded().expect("committed model");
//! let words = model.parse_words(&["Putin", "met", "Khan", "."]);
//! assert_eq!(words[1].deprel, "root");
//! ```
//!
//! # Measured (committed models, EWT, gold tokens)
//! Fast — test: UPOS .9556, XPOS .9493, lemma .9694, UAS .8549, LAS .8194 (universal .8216). Dev:
//! UPOS .9508, UAS .8500, LAS .8115. About 170,000–190,000 words/s on one thread of the 2-core
//! development machine, load ≈ 50 ms, model 15.7 MB.
//! Accurate — test: UPOS .9578, XPOS .9518, lemma .9714, UAS .8649, LAS .8332 (universal .8354).
//! Dev: UAS .8648, LAS .8284. Model 29.8 MB, load ≈ 100 ms.
//! `cargo run --release -p dragoman-syntax --example eval -- FILE.conllu --speed 10 [--fast]`
//! measures both; `dragoman train [--accurate --brown FILE]` rebuilds a model (deterministic:
//! same bytes each run).
//!
//! # What it is not
//! It does not segment text (that is `dragoman-segment`), produces no morphological features
//! (FEATS) and no enhanced dependencies, and only projective trees.
//!
//! # Model file
//! One little-endian file per model: magic `DRGSYNTX`, format version, the tag and relation
//! names, then tagger (lexicon, word classes — in version 3 followed by the Brown clusters —,
//! weights), lemmatiser, parser table (in version 3 followed by the beam width and pruning
//! margin) and labeler tables. A model with neither a beam nor Brown clusters is written as version 2,
//! which is what the fast model is; versions 2 and 3 are read, any other is refused
//! with [`SyntaxError::Version`]. The data it was learned from, UD English-EWT, is CC BY-SA 4.0;
//! the word classes come from the BBC News corpus (research use); see the repository's NOTICE.

mod cluster;
mod conllu_out;
mod feat;
mod io;
mod lemma;
mod linear;
mod parser;
mod tagger;

pub mod eval;
pub mod train;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub use conllu_out::{to_conllu, write_conllu};
use dragoman_doc::{Document, WordSyntax};

/// File name of the (fast) model inside a model directory.
pub const MODEL_FILE: &str = "syntax.bin";
/// File name of the accurate model inside a model directory.
pub const ACCURATE_FILE: &str = "syntax-accurate.bin";

static EMBEDDED_BYTES: &[u8] = include_bytes!("../model/syntax.bin");
static ACCURATE_BYTES: &[u8] = include_bytes!("../model/syntax-accurate.bin");

/// The two committed models. Both are trained by [`train::train`] on UD English-EWT.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Flavour {
    /// Greedy parser trained with the dynamic oracle, word classes from raw news text: what the
    /// pipeline runs, sized for its end-to-end speed.
    #[default]
    Fast,
    /// Adds Brown clusters (learned from a large web corpus) to every stage and parses with a
    /// pruned beam, trained globally: more accurate, in about twice the time.
    Accurate,
}

impl Flavour {
    pub fn file_name(self) -> &'static str {
        match self {
            Flavour::Fast => MODEL_FILE,
            Flavour::Accurate => ACCURATE_FILE,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SyntaxError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("not a dragoman syntax model (bad magic header)")]
    BadMagic,
    #[error("model format version {found}; this build reads versions 2 to {expected}")]
    Version { found: u32, expected: u32 },
    #[error("model file corrupt: {0}")]
    Corrupt(String),
    #[error("treebank {path}: {source}")]
    Conllu {
        path: PathBuf,
        #[source]
        source: dragoman_conllu::ConlluError,
    },
    #[error("training: {0}")]
    Train(String),
}

/// One word's analysis, with CoNLL-U conventions: `head` is 1-based, 0 for the root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordAnalysis {
    pub upos: &'static str,
    pub xpos: &'static str,
    pub lemma: String,
    pub head: usize,
    pub deprel: &'static str,
}

/// A trained tagger + lemmatiser + parser. Immutable once loaded; share it across threads.
pub struct Model {
    upos: Vec<&'static str>,
    /// UPOS index of each class (the parser's coarse tag).
    coarse: Vec<u16>,
    xpos: Vec<&'static str>,
    labels: Vec<&'static str>,
    tagger: tagger::Tagger,
    lemma: lemma::Lemmatizer,
    parser: parser::Parser,
    labeler: parser::Labeler,
}

/// Raw analysis of one sentence: class ids, heads (index 0 unused), relation ids (index 0 unused).
pub(crate) struct Analysis {
    pub tags: Vec<u16>,
    pub heads: Vec<usize>,
    pub labels: Vec<u16>,
}

/// For each class, the index of its UPOS among the distinct UPOS names in first-seen order.
pub(crate) fn coarse_of<S: AsRef<str>>(upos: &[S]) -> Vec<u16> {
    let mut seen: Vec<&str> = Vec::new();
    upos.iter()
        .map(|u| {
            let u = u.as_ref();
            match seen.iter().position(|&x| x == u) {
                Some(i) => i as u16,
                None => {
                    seen.push(u);
                    seen.len() as u16 - 1
                }
            }
        })
        .collect()
}

/// Day and month names, as written.
const CALENDAR_NAMES: &[&str] = &[
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October", "November", "December",
];

/// A sentence that opens with a time phrase not closed by a comma, a name right after it: "On
/// Tuesday Sir Alan said", "On Wednesday night Toshack takes", "On 5 May Labour will": the index
/// of the first word after the phrase. The phrase is a preposition (on, by, until, since) and one
/// to three calendar words (day or month names, a day's number, a part of the day) ending in a day,
/// month or part of the day; the rest must be at least three words starting with a capital.
fn leading_time_phrase(words: &[&str]) -> Option<usize> {
    const PARTS: &[&str] = &["morning", "afternoon", "evening", "night"];
    if !matches!(*words.first()?, "On" | "By" | "Until" | "Since") {
        return None;
    }
    let calendar = |w: &str| CALENDAR_NAMES.contains(&w) || PARTS.contains(&w) || (w.len() <= 2 && w.bytes().all(|b| b.is_ascii_digit()));
    let mut k = 1;
    while k < words.len() && k <= 3 && calendar(words[k]) {
        k += 1;
    }
    let last = words[k - 1];
    let ends_well = k > 1 && (CALENDAR_NAMES.contains(&last) || PARTS.contains(&last)) && (1..k).any(|i| CALENDAR_NAMES.contains(&words[i]));
    let next = words.get(k)?;
    let capital = next.chars().next().is_some_and(char::is_uppercase) && !CALENDAR_NAMES.contains(next);
    (ends_well && capital && words.len() - k >= 3).then_some(k)
}

/// Heads and labels (1-based, index 0 unused) for a sentence of `n` words whose words `k..` were
/// parsed apart as `part`: that parse shifted into place (its root still 0), the rest unset.
fn with_tail(part: &Analysis, k: usize, n: usize) -> (Vec<usize>, Vec<u16>) {
    let mut heads = vec![0usize; n + 1];
    let mut labels = vec![0u16; n + 1];
    for i in 1..=n - k {
        heads[k + i] = if part.heads[i] == 0 { 0 } else { part.heads[i] + k };
        labels[k + i] = part.labels[i];
    }
    (heads, labels)
}

/// A finite verb or modal Penn tag.
fn is_finite(xpos: &str) -> bool {
    matches!(xpos, "VBD" | "VBZ" | "VBP" | "MD")
}

fn leak(v: Vec<String>) -> Vec<&'static str> {
    // One model per process in practice; the names (a few hundred bytes) live as long as it.
    v.into_iter().map(|s| &*Box::leak(s.into_boxed_str())).collect()
}

impl Model {
    /// The committed model, decoded once (later calls return the same instance).
    pub fn embedded() -> Result<&'static Model, SyntaxError> {
        static CELL: OnceLock<Result<Model, String>> = OnceLock::new();
        // The error is kept as text because `SyntaxError` holds an `io::Error`, which is not Clone.
        match CELL.get_or_init(|| Model::from_bytes(EMBEDDED_BYTES).map_err(|e| e.to_string())) {
            Ok(m) => Ok(m),
            Err(e) => Err(SyntaxError::Corrupt(format!("embedded model: {e}"))),
        }
    }

    /// The committed accurate model (see [`Flavour::Accurate`]), decoded on first use.
    pub fn embedded_accurate() -> Result<&'static Model, SyntaxError> {
        static CELL: OnceLock<Result<Model, String>> = OnceLock::new();
        match CELL.get_or_init(|| Model::from_bytes(ACCURATE_BYTES).map_err(|e| e.to_string())) {
            Ok(m) => Ok(m),
            Err(e) => Err(SyntaxError::Corrupt(format!("embedded accurate model: {e}"))),
        }
    }

    /// The committed model of a flavour.
    pub fn embedded_flavour(f: Flavour) -> Result<&'static Model, SyntaxError> {
        match f {
            Flavour::Fast => Model::embedded(),
            Flavour::Accurate => Model::embedded_accurate(),
        }
    }

    /// Loads `dir/syntax.bin`.
    pub fn load(dir: &Path) -> Result<Model, SyntaxError> {
        Model::load_flavour(dir, Flavour::Fast)
    }

    /// Loads the model file of flavour `f` from `dir`.
    pub fn load_flavour(dir: &Path, f: Flavour) -> Result<Model, SyntaxError> {
        let path = dir.join(f.file_name());
        let bytes = std::fs::read(&path).map_err(|source| SyntaxError::Io { path, source })?;
        Model::from_bytes(&bytes)
    }

    /// Parser beam width (1: greedy).
    pub fn beam(&self) -> usize {
        self.parser.beam
    }

    /// Decodes with another beam width than the model was trained for (a speed/accuracy
    /// trade-off; a globally trained model is best at its own width).
    pub fn set_beam(&mut self, k: usize) {
        self.parser.beam = k.clamp(1, 64);
    }

    /// Beam pruning margin (see the parser's `margin`).
    pub fn set_margin(&mut self, m: f32) {
        self.parser.margin = m.max(0.0);
    }

    /// Decodes a model file's bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, SyntaxError> {
        let mut r = io::Reader::open(bytes)?;
        let upos = r.strings()?;
        let xpos = r.strings()?;
        let labels = r.strings()?;
        if upos.len() != xpos.len() || upos.is_empty() || labels.is_empty() {
            return Err(SyntaxError::Corrupt("tag set or relation set empty or uneven".into()));
        }
        let tagger = tagger::Tagger::read(&mut r, upos.len())?;
        let lemma = lemma::Lemmatizer::read(&mut r)?;
        let pw = linear::Quantized::read(&mut r)?;
        if pw.nclass != 3 {
            return Err(SyntaxError::Corrupt("parser table must have 3 transition classes".into()));
        }
        let (beam, margin) = if r.version >= 3 { (r.u32()? as usize, r.f32()?) } else { (1, 0.0) };
        if !(1..=64).contains(&beam) || !(margin >= 0.0 && margin.is_finite()) {
            return Err(SyntaxError::Corrupt(format!("parser beam width {beam}, margin {margin}")));
        }
        let root = r.u32()? as u16;
        let lw = linear::Sparse::read(&mut r)?;
        if lw.nclass != labels.len() || root as usize >= labels.len() {
            return Err(SyntaxError::Corrupt("labeler classes disagree with relation set".into()));
        }
        if !r.at_end() {
            return Err(SyntaxError::Corrupt("trailing bytes after the last table".into()));
        }
        Ok(Model {
            coarse: coarse_of(&upos),
            upos: leak(upos),
            xpos: leak(xpos),
            labels: leak(labels),
            tagger,
            lemma,
            parser: parser::Parser { w: pw, beam, margin },
            labeler: parser::Labeler { w: lw, root },
        })
    }

    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        // The oldest format that holds the model: a greedy model without Brown clusters is written
        // as version 2, byte for byte what builds before version 3 wrote.
        let version = if self.parser.beam > 1 || self.tagger.clusters().brown_len() > 0 { io::VERSION } else { 2 };
        let mut w = io::Writer { buf: Vec::new(), version };
        w.bytes(io::MAGIC);
        w.u32(version);
        w.strs(&self.upos);
        w.strs(&self.xpos);
        w.strs(&self.labels);
        self.tagger.write(&mut w);
        self.lemma.write(&mut w);
        self.parser.w.write(&mut w);
        if version >= 3 {
            w.u32(self.parser.beam as u32);
            w.f32(self.parser.margin);
        }
        w.u32(self.labeler.root as u32);
        self.labeler.w.write(&mut w);
        w.buf
    }

    pub(crate) fn analyse(&self, words: &[&str], s: &mut Scratch) -> Analysis {
        if let Some(k) = leading_time_phrase(words) {
            if let Some(a) = self.analyse_after_time(words, k, s) {
                return a;
            }
        }
        let mut tags = self.tag_repaired(words, s);
        if let Some((c, k)) = self.trailing_attribution(words, &tags, &s.tag.alts) {
            if let Some(a) = self.analyse_attributed(words, &tags, c, k, s) {
                return a;
            }
            // The split parses overwrote the tagger's state: tag the whole sentence again.
            tags = self.tag_repaired(words, s);
        }
        let vals = s.vals.get_or_insert_with(|| parser::SentVals::new(std::iter::empty(), &[], &[], &[]));
        vals.fill(s.tag.vals(), &tags, &s.tag.alts, &self.coarse);
        vals.brown = self.tagger.clusters().brown_len() > 0;
        let mut heads = self.parser.parse(vals, &mut s.parse);
        self.title_names(words, &tags, &mut heads);
        self.time_phrase_apart(words, &tags, &mut heads);
        let labels = self.labeler.label(vals, &heads, &mut s.label);
        Analysis { tags, heads, labels }
    }

    /// A name with a title in front ("Tuvalu Prime Minister Kausea Natano", "Nauru President Russ
    /// Kun", "Mr Blair") is annotated in the treebank with the name as head: its first word heads
    /// the rest, the title hangs on it, and what precedes the title (the country, "Prime") hangs
    /// on the title; a determiner or preposition of the whole phrase hangs on the name. Where the
    /// country or title is a word the model rarely saw, it often made the country the head and
    /// the name its apposition, or hung country and name both on the verb, so the person
    /// disappeared behind the country. This re-hangs each run of capitalised noun and adjective
    /// words without punctuation that has a title word before a name, before the labeler runs
    /// (which then labels the repaired tree).
    fn title_names(&self, words: &[&str], tags: &[u16], heads: &mut [usize]) {
        const TITLES: &[&str] = &[
            "President", "Minister", "Premier", "Chancellor", "King", "Queen", "Prince", "Princess", "Emir", "Sultan",
            "Governor", "Senator", "Secretary", "Chairman", "Chairwoman", "Mayor", "Ambassador", "Commander", "Speaker",
            "Pope", "Ayatollah", "Judge", "Congressman", "Congresswoman", "Gen.", "Gov.", "Sen.", "Col.", "Capt.", "Mr",
            "Mrs", "Ms", "Dr", "Mr.", "Mrs.", "Ms.", "Dr.", "Sir", "Lord", "Lady",
        ];
        let x = |i: usize| self.xpos_of(tags[i]);
        let n = words.len();
        let in_run = |i: usize| {
            let w = words[i];
            w.chars().next().is_some_and(char::is_uppercase)
                && !CALENDAR_NAMES.contains(&w)
                && matches!(x(i), "NNP" | "NNPS" | "NN" | "NNS" | "JJ")
        };
        let mut a = 0;
        while a < n {
            if !in_run(a) {
                a += 1;
                continue;
            }
            let mut b = a;
            while b + 1 < n && in_run(b + 1) {
                b += 1;
            }
            // Words are 0-based here, 1-based in `heads`.
            // The last title word; "General" after one continues it ("Secretary General").
            let t = (a..b).rev().find(|&i| TITLES.contains(&words[i])).map(|t| t + (t + 1 < b && words[t + 1] == "General") as usize);
            // The name: the proper nouns after the title, its first word `t + 1`.
            if let Some(t) = t.filter(|&t| (t + 1..=b).all(|i| matches!(x(i), "NNP" | "NNPS"))) {
                let first = t + 1;
                let inside = |h: usize| h > a && h <= b + 1;
                let outer: Vec<usize> = (a..=b).filter(|&i| !inside(heads[i + 1])).collect();
                // Several words may leave the run, all to one head; one before the title must be
                // a name (the country), not a misread "Unless" or "Greetings" opening a sentence.
                let one_head = outer.windows(2).all(|w| heads[w[0] + 1] == heads[w[1] + 1]);
                let names_leave = outer.iter().all(|&i| i > t || matches!(x(i), "NNP" | "NNPS"));
                if !outer.is_empty() && one_head && names_leave {
                    let (nm, t1) = (first + 1, t + 1);
                    let up = heads[outer[0] + 1];
                    // What hangs on the run from outside hangs on the name, but for adjectives
                    // of the title ("former President …").
                    for (i, h) in heads.iter_mut().enumerate().skip(1) {
                        if !inside(i) && inside(*h) && *h != nm && !(*h == t1 && x(i - 1).starts_with("JJ")) {
                            *h = nm;
                        }
                    }
                    heads[nm] = up;
                    heads[nm + 1..=b + 1].fill(nm);
                    heads[t1] = nm;
                    for (i, h) in heads.iter_mut().enumerate().take(t1).skip(a + 1) {
                        if !(*h > a && *h <= t1 && *h != i) {
                            *h = t1;
                        }
                    }
                }
            }
            a = b + 1;
        }
    }

    /// "will meet Putin next month", "will host Japan's Kishida next month": a time noun with
    /// "next", "last", "this" … that has a noun before that word as its compound is two phrases
    /// the parser ran together (in an English noun phrase a compound never precedes an
    /// adjective). The noun, with what precedes it, takes the time noun's place, and the time
    /// noun hangs on the same head, before the labeler runs (which then labels the repaired
    /// tree: object and time phrase).
    fn time_phrase_apart(&self, words: &[&str], tags: &[u16], heads: &mut [usize]) {
        const TIME: &[&str] = &[
            "day", "days", "week", "weeks", "weekend", "month", "months", "year", "years", "night", "morning", "afternoon",
            "evening", "summer", "winter", "spring", "autumn", "season", "term", "decade", "century", "time",
        ];
        const WHICH: &[&str] = &["next", "last", "this", "coming", "following", "previous", "past"];
        let n = words.len();
        for t in 1..=n {
            let h = heads[t];
            if h == 0 || !TIME.iter().any(|w| w.eq_ignore_ascii_case(words[t - 1])) {
                continue;
            }
            let Some(a) = (1..t).find(|&a| heads[a] == t && WHICH.iter().any(|w| w.eq_ignore_ascii_case(words[a - 1]))) else {
                continue;
            };
            let noun = |k: usize| matches!(self.xpos_of(tags[k - 1]), "NN" | "NNS" | "NNP" | "NNPS");
            let Some(c) = (1..a).rev().find(|&k| heads[k] == t && noun(k)) else { continue };
            // Only a noun right before the time phrase, a determiner, adjective or number between
            // ("an Oscar the following year"): not a possessor ("Obama's last day") nor the
            // subject of a clause the parser headed with the time noun.
            if !(c + 1..a).all(|k| matches!(self.xpos_of(tags[k - 1]), "DT" | "JJ" | "JJR" | "JJS" | "CD")) {
                continue;
            }
            for hk in heads.iter_mut().take(c).skip(1).filter(|hk| **hk == t) {
                *hk = c;
            }
            heads[c] = h;
        }
    }

    /// The tagger's classes for `words`, with the verbless-clause repair applied (its state, the
    /// per-word values and runner-up classes the parser reads, is left in `s.tag`).
    fn tag_repaired(&self, words: &[&str], s: &mut Scratch) -> Vec<u16> {
        let mut tags = Vec::with_capacity(words.len());
        self.tagger.tag(words, &mut s.tag, &mut tags);
        self.closed_class_repair(words, &mut tags, &mut s.tag.alts);
        if let Some((i, vbd)) = self.clause_without_finite_verb(words, &tags, &s.tag.alts) {
            s.tag.alts[i] = tags[i];
            tags[i] = vbd;
        }
        tags
    }

    /// A word given a closed-class tag (preposition, determiner, conjunction, pronoun, modal,
    /// …) that the treebank never gave it, though it has the word as a noun or verb ("aid" as a
    /// preposition in "pledged aid to Morocco", "beat", "win", "boost"): closed classes are
    /// closed, so the word takes its runner-up class if that is an open one, else that noun or
    /// verb reading. A word the treebank never saw is left alone: it may be a preposition the
    /// treebank lacks ("alongside"). It fires on 3 EWT dev and 2 test sentences with the accurate
    /// model, 4 and 4 with the fast one, and on 137 BBC News words; EWT UAS/LAS do not drop
    /// (accurate test .8648/.8331 -> .8649/.8332, fast test .8547/.8191 -> .8549/.8194).
    fn closed_class_repair(&self, words: &[&str], tags: &mut [u16], alts: &mut [u16]) {
        const CLOSED: &[&str] = &["IN", "DT", "CC", "PRP", "PRP$", "WDT", "WP", "WP$", "TO", "MD", "EX", "PDT", "POS"];
        let mut buf = String::new();
        for (i, w) in words.iter().enumerate() {
            let t = tags[i];
            let xp = self.xpos_of(t);
            if !CLOSED.contains(&xp) || !w.chars().all(char::is_alphabetic) {
                continue;
            }
            // Seen with this Penn tag under any UPOS ("through" is IN as ADP and as SCONJ).
            if (0..self.xpos.len()).any(|c| self.xpos[c] == xp && self.lemma.is_seen(w, c as u16, &mut buf)) {
                continue;
            }
            // Only a word the treebank knows as a noun or verb: one it never saw may be a
            // preposition it lacks ("alongside", "underneath").
            let mut seen = |xp: &str, up: &str| self.class_of(xp, up).filter(|&c| self.lemma.is_seen(w, c, &mut buf));
            let open = seen("NN", "NOUN").or_else(|| seen("NNS", "NOUN")).or_else(|| seen("VB", "VERB")).or_else(|| seen("VBP", "VERB"));
            const OPEN: &[&str] = &["NN", "NNS", "NNP", "NNPS", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "JJ", "JJR", "JJS", "RB", "RBR", "RBS"];
            let alt = alts.get(i).copied().filter(|&a| a != tagger::NO_ALT && OPEN.contains(&self.xpos_of(a)));
            if let Some(c) = open.and(alt.or(open)) {
                if let Some(a) = alts.get_mut(i) {
                    *a = t;
                }
                tags[i] = c;
            }
        }
    }

    /// The class of a (Penn tag, UPOS) pair, if the model has it.
    fn class_of(&self, xpos: &str, upos: &str) -> Option<u16> {
        (0..self.xpos.len()).find(|&c| self.xpos[c] == xpos && self.upos[c] == upos).map(|c| c as u16)
    }

    /// The Penn tag of class `c` ("" for none).
    fn xpos_of(&self, c: u16) -> &'static str {
        self.xpos.get(c as usize).copied().unwrap_or("")
    }

    /// A news sentence that ends in its attribution ("Israel struck targets in Gaza, the army
    /// said.", "…, a senior official told reporters on Monday."): (index of the comma, index of
    /// the attribution's first word). After the comma (and any closing quotation marks) come a
    /// short noun phrase, a reporting verb, a short tail without a comma or a finite verb, and
    /// the final stop. Before it, a clause with a verb, whatever its tag in the whole sentence
    /// (there "struck" in "Israel struck targets …, the army said" is often read as a participle,
    /// "shot" in "Ukraine shot down 30 drones …" as a noun).
    fn trailing_attribution(&self, words: &[&str], tags: &[u16], alts: &[u16]) -> Option<(usize, usize)> {
        const REPORT: &[&str] = &[
            "said", "says", "say", "told", "tells", "added", "adds", "announced", "reported", "stated", "confirmed",
            "claimed", "insisted", "warned", "noted", "explained", "wrote", "argued", "stressed", "acknowledged",
            "alleged", "tweeted",
        ];
        let x = |i: usize| self.xpos_of(tags[i]);
        let n = words.len();
        if n < 6 || !matches!(words[n - 1], "." | "!") {
            return None;
        }
        let finite = |i: usize| is_finite(x(i));
        // The reporting verb: the last finite verb; nothing finite and no comma after it.
        let v = (0..n - 1).rev().find(|&i| finite(i) || words[i] == ",")?;
        if words[v] == "," || !REPORT.iter().any(|r| r.eq_ignore_ascii_case(words[v])) || n - 1 - v > 8 {
            return None;
        }
        // The subject: noun-phrase words back to the comma.
        let np = |t: &str| {
            matches!(t, "DT" | "JJ" | "JJR" | "JJS" | "NN" | "NNS" | "NNP" | "NNPS" | "PRP" | "PRP$" | "POS" | "CD" | "HYPH" | "IN" | "CC")
        };
        let mut k = v;
        while k > 0 && np(x(k - 1)) && v - k < 8 {
            k -= 1;
        }
        if k == v || !(k..v).any(|i| matches!(x(i), "NN" | "NNS" | "NNP" | "NNPS" | "PRP")) || matches!(x(k), "IN" | "CC") {
            return None;
        }
        let mut c = k;
        while c > 0 && matches!(words[c - 1], "\"" | "\u{201d}" | "''" | "'") {
            c -= 1;
        }
        if c < 3 || words[c - 1] != "," {
            return None;
        }
        let c = c - 1;
        // Or a noun that is the clause's verb ("Ukraine shot down 30 drones, the air force said.").
        let verb = (0..c).any(|i| x(i).starts_with("VB") || x(i) == "MD")
            || self.noun_read_for_verb(&words[..c], &tags[..c], alts.get(..c).unwrap_or(&[])).is_some();
        verb.then_some((c, k))
    }

    /// The class index of relation `name` in this model.
    fn label_id(&self, name: &str) -> Option<u16> {
        self.labels.iter().position(|l| *l == name).map(|i| i as u16)
    }

    /// A sentence that opens with a time phrase and no comma ("On Tuesday Sir Alan said …",
    /// "On Wednesday night Toshack takes …"): the rest (words `k..`) is tagged and parsed as the
    /// sentence it is, and the phrase hangs on its root as `obl`, the preposition as `case` of the
    /// phrase's last word, the other words (a day before a part of the day, a day's number) on
    /// that word as `compound` or `nummod`. Parsed whole, the day name mostly became a compound
    /// of the name after it, and the preposition took the subject as its object. `None` where
    /// the rest does not parse into one tree or the model lacks one of the relations.
    fn analyse_after_time(&self, words: &[&str], k: usize, s: &mut Scratch) -> Option<Analysis> {
        let (case, obl, compound, nummod) =
            (self.label_id("case")?, self.label_id("obl")?, self.label_id("compound")?, self.label_id("nummod")?);
        let rest = self.analyse(&words[k..], s);
        let n = words.len();
        let root = (1..=n - k).find(|&i| rest.heads[i] == 0)? + k;
        let mut tags = self.tag_repaired(&words[..k], s);
        tags.extend_from_slice(&rest.tags);
        let (mut heads, mut labels) = with_tail(&rest, k, n);
        // Words are 0-based, `heads` 1-based: the phrase is words 1..k, its head word k - 1.
        let head = k;
        heads[head] = root;
        labels[head] = obl;
        heads[1] = head;
        labels[1] = case;
        for i in 2..k {
            heads[i] = head;
            labels[i] = if words[i - 1].bytes().all(|b| b.is_ascii_digit()) { nummod } else { compound };
        }
        Some(Analysis { tags, heads, labels })
    }

    /// A sentence split by [`Model::trailing_attribution`]: the clause (words `..c`, with a full
    /// stop of its own) and the attribution (`k..`) tagged and parsed each as a sentence, then
    /// joined the way the treebank joins them: the reporting verb is the root and the clause its
    /// `ccomp`; the comma and any closing quotation marks between them are the clause's `punct`.
    /// Alone, the clause is tagged and parsed as the sentence it is ("Israel struck targets in
    /// Gaza overnight."); inside the whole, "struck" was read as a participle of "targets".
    /// `None` where the parts do not join into one tree (the clause parsed with its full stop as
    /// root) or the model has no `ccomp`/`punct` relation: the caller parses the whole.
    fn analyse_attributed(&self, words: &[&str], whole: &[u16], c: usize, k: usize, s: &mut Scratch) -> Option<Analysis> {
        let n = words.len();
        let (ccomp, punct) = (self.label_id("ccomp")?, self.label_id("punct")?);
        let mut clause: Vec<&str> = words[..c].to_vec();
        clause.push(".");
        let a = self.analyse(&clause, s);
        let root_a = (1..=c).find(|&i| a.heads[i] == 0)?;
        let b = self.analyse(&words[k..], s);
        let root_b = (1..=n - k).find(|&i| b.heads[i] == 0)? + k;
        let mut tags = a.tags[..c].to_vec();
        tags.extend_from_slice(&whole[c..k]);
        tags.extend_from_slice(&b.tags);
        let (mut heads, mut labels) = with_tail(&b, k, n);
        for i in 1..=c {
            // The clause's own full stop (word c + 1 of its parse) is dropped; a word hung on it
            // goes to the clause root (which is not the stop, so no cycle).
            heads[i] = match a.heads[i] {
                0 => root_b,
                h if h > c => root_a,
                h => h,
            };
            labels[i] = if i == root_a { ccomp } else { a.labels[i] };
        }
        for i in c..k {
            heads[i + 1] = root_a;
            labels[i + 1] = punct;
        }
        Some(Analysis { tags, heads, labels })
    }

    /// A sentence tagged with no finite verb whose first past participle follows a noun
    /// ("Iraq's advisor met with Assad Tuesday.", "The troops fired into the crowd."): the
    /// participle is the clause's past-tense verb, (word index, the VBD class of its UPOS). Only
    /// for sentences of five words or more that end in a full stop, and not before "by" ("Posted by
    /// darin."), where a participle phrase is the likelier reading. On EWT dev it fires on 8
    /// sentences; the treebank has a VBD in 7 of them. With no verb read at all, a noun that is
    /// also a finite verb ([`Model::noun_read_for_verb`]) goes first: it fires on 2 EWT dev and 3
    /// test sentences with the accurate model (right in 2 and 2; dev UAS/LAS .8647/.8283 ->
    /// .8648/.8284, test unchanged) and on 22 BBC News sentences with the fast one (right in 16).
    fn clause_without_finite_verb(&self, words: &[&str], tags: &[u16], alts: &[u16]) -> Option<(usize, u16)> {
        let x = |c: u16| self.xpos_of(c);
        if words.len() < 5 || words.last() != Some(&".") || tags.iter().any(|&c| is_finite(x(c))) {
            return None;
        }
        if let Some(r) = self.noun_read_for_verb(words, tags, alts) {
            return Some(r);
        }
        let i = (1..tags.len()).find(|&i| x(tags[i]) == "VBN")?;
        let after_noun = matches!(x(tags[i - 1]), "NN" | "NNS" | "NNP" | "NNPS");
        if !after_noun || words.get(i + 1).is_some_and(|w| w.eq_ignore_ascii_case("by")) {
            return None;
        }
        let vbd = self.class_of("VBD", self.upos[tags[i] as usize])?;
        Some((i, vbd))
    }

    /// In a sentence with no verb, the first noun after the subject noun (adverbs between)
    /// that is also a finite verb: a plural the tagger nearly read as VBZ or the treebank has as
    /// VBZ ("Russia no longer supplies gas to Poland."), a singular the treebank has as VBD
    /// ("Ukraine shot down 30 drones."): (word index, the verb class).
    fn noun_read_for_verb(&self, words: &[&str], tags: &[u16], alts: &[u16]) -> Option<(usize, u16)> {
        let x = |c: u16| self.xpos_of(c);
        // Not where some verb was read ("its military launched new missile attacks", "buy them
        // in any good photography supplies shop"): that one is the clause's verb.
        if tags.iter().any(|&c| x(c).starts_with("VB")) {
            return None;
        }
        let mut buf = String::new();
        for i in 1..tags.len() {
            let want = match x(tags[i]) {
                "NNS" => "VBZ",
                "NN" => "VBD",
                _ => continue,
            };
            let mut k = i;
            while k > 0 && matches!(x(tags[k - 1]), "RB" | "RBR") {
                k -= 1;
            }
            if k == 0 || !matches!(x(tags[k - 1]), "NN" | "NNS" | "NNP" | "NNPS") {
                continue;
            }
            let Some(v) = self.class_of(want, "VERB") else { continue };
            let near = alts.get(i).is_some_and(|&a| a != tagger::NO_ALT && x(a) == want);
            // A past tense the treebank has only as a participle ("shot", "cut", "led").
            let mut seen_as = |xp: &str| self.class_of(xp, "VERB").is_some_and(|c| self.lemma.is_seen(words[i], c, &mut buf));
            if near || seen_as(want) || (want == "VBD" && seen_as("VBN")) {
                return Some((i, v));
            }
        }
        None
    }

    /// Gold-token entry point: one sentence's words → their analyses (1-based heads, 0 = root).
    pub fn parse_words(&self, words: &[&str]) -> Vec<WordAnalysis> {
        thread_local! {
            // Buffers kept per thread between calls: callers analyse sentence after sentence.
            static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
        }
        let a = SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut s) => self.analyse(words, &mut s),
            // Only reachable through re-entry, which nothing here does; stay correct anyway.
            Err(_) => self.analyse(words, &mut Scratch::default()),
        });
        let mut buf = String::new();
        words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let c = a.tags[i];
                WordAnalysis {
                    upos: self.upos[c as usize],
                    xpos: self.xpos[c as usize],
                    lemma: self.lemma_of(w, c, &mut buf),
                    head: a.heads[i + 1],
                    deprel: self.labels[a.labels[i + 1] as usize],
                }
            })
            .collect()
    }

    fn lemma_of(&self, form: &str, class: u16, buf: &mut String) -> String {
        // An irregular past the treebank never had as a verb ("froze", "forgave"); the table is
        // searched first, so a regular form costs no second lexicon lookup.
        if matches!(self.xpos_of(class), "VBD" | "VBN") {
            feat::lower_into(form, buf);
            if let Some(base) = lemma::irregular_base(buf).filter(|_| !self.lemma.is_seen(form, class, buf)) {
                return base.to_string();
            }
        }
        let mut kbuf = String::new();
        self.lemma.lemma_checked(form, class, buf, |w| self.tagger.knows(w, &mut kbuf))
    }

    /// Tags and parses every sentence of a segmented document, filling `doc.syntax` (one entry per
    /// token; heads are absolute token indices, `None` for a sentence root). Tokens outside every
    /// sentence, which a segmenter should not leave, get `X` and no head.
    pub fn annotate(&self, doc: &mut Document) {
        let mut s = Scratch::default();
        let mut buf = String::new();
        let mut out: Vec<WordSyntax> = (0..doc.tokens.len())
            .map(|_| WordSyntax { upos: "X", xpos: "XX", lemma: String::new(), head: None, deprel: "dep" })
            .collect();
        let mut words: Vec<&str> = Vec::new();
        for sent in &doc.sentences {
            let range = sent.tokens.clone();
            if range.end > doc.tokens.len() || range.is_empty() {
                continue;
            }
            words.clear();
            words.extend(range.clone().map(|i| doc.slice(doc.tokens[i].span)));
            let a = self.analyse(&words, &mut s);
            for (k, i) in range.clone().enumerate() {
                let c = a.tags[k] as usize;
                let h = a.heads[k + 1];
                out[i] = WordSyntax {
                    upos: self.upos[c],
                    xpos: self.xpos[c],
                    lemma: self.lemma_of(words[k], c as u16, &mut buf),
                    head: (h != 0).then(|| range.start + h - 1),
                    deprel: self.labels[a.labels[k + 1] as usize],
                };
            }
        }
        doc.syntax = out;
    }

    /// Size facts, for reports.
    pub fn describe(&self) -> String {
        format!(
            "{} tag classes, {} relations, {} word classes, tagger {} weights, parser {} of {} rows, labeler {} weights",
            self.upos.len(),
            self.labels.len(),
            self.tagger.clusters().len(),
            self.tagger.nonzero(),
            self.parser.w.live_rows(),
            self.parser.w.mask + 1,
            self.labeler.w.nonzero()
        )
    }
}

/// Buffers re-used across sentences.
#[derive(Default)]
pub(crate) struct Scratch {
    tag: tagger::TagScratch,
    parse: parser::ParseScratch,
    label: parser::LabelScratch,
    vals: Option<parser::SentVals>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decoding and re-encoding each committed model gives its file back byte for byte: the
    /// version choice, the Brown section and the beam settings are written where they are read.
    #[test]
    fn committed_models_round_trip() {
        for (bytes, version) in [(EMBEDDED_BYTES, 2u32), (ACCURATE_BYTES, 3)] {
            assert_eq!(u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]), version);
            let m = Model::from_bytes(bytes).expect("decodes");
            assert!(m.to_bytes() == bytes, "version {version} model re-encodes to the same bytes");
        }
        // Version 1 is refused.
        let mut old = EMBEDDED_BYTES[..12].to_vec();
        old[8..12].copy_from_slice(&1u32.to_le_bytes());
        assert!(matches!(Model::from_bytes(&old), Err(SyntaxError::Version { found: 1, .. })));
    }

    /// A clause tagged without a finite verb: the participle after the subject noun becomes its
    /// past-tense verb, and the sentence parses with that verb as its root.
    #[test]
    fn participle_after_a_noun_in_a_verbless_sentence_is_the_verb() {
        let m = Model::embedded().expect("committed model");
        let class = |x: &str, u: &str| (0..m.xpos.len()).find(|&c| m.xpos[c] == x && m.upos[c] == u).expect("class") as u16;
        let (dt, nn, vbn, vbz, dot) = (class("DT", "DET"), class("NN", "NOUN"), class("VBN", "VERB"), class("VBZ", "VERB"), class(".", "PUNCT"));
        let w = ["The", "spokesman", "attacked", "the", "report", "."];
        let vbd = class("VBD", "VERB");
        assert_eq!(m.clause_without_finite_verb(&w, &[dt, nn, vbn, dt, nn, dot], &[]), Some((2, vbd)));
        // not with a finite verb elsewhere, before "by", without a full stop, or in short fragments
        assert_eq!(m.clause_without_finite_verb(&w, &[dt, nn, vbn, vbz, nn, dot], &[]), None);
        let by = ["Photos", "posted", "by", "the", "ministry", "."];
        assert_eq!(m.clause_without_finite_verb(&by, &[nn, vbn, class("IN", "ADP"), dt, nn, dot], &[]), None);
        assert_eq!(m.clause_without_finite_verb(&["The", "spokesman", "attacked", "the", "report", "?"], &[dt, nn, vbn, dt, nn, dot], &[]), None);
        assert_eq!(m.clause_without_finite_verb(&["Site", "made", "."], &[nn, vbn, dot], &[]), None);
        // With no verb at all: a noun after the subject that the treebank has as a finite verb,
        // or that the tagger nearly read as one ("Consumer borrowing rose at a record pace.",
        // "Russia no longer supplies gas to Poland.", "Ukraine shot down 30 drones.").
        let (nnp, nns, rb, rbr, inn, cd) =
            (class("NNP", "PROPN"), class("NNS", "NOUN"), class("RB", "ADV"), class("RBR", "ADV"), class("IN", "ADP"), class("CD", "NUM"));
        let rose = ["Consumer", "borrowing", "rose", "at", "a", "record", "pace", "."];
        assert_eq!(m.clause_without_finite_verb(&rose, &[nn, nn, nn, inn, dt, nn, nn, dot], &[]), Some((2, vbd)));
        let supplies = ["Russia", "no", "longer", "supplies", "gas", "to", "Poland", "."];
        let tags = [nnp, rb, rbr, nns, nn, inn, nnp, dot];
        let mut alts = vec![tagger::NO_ALT; tags.len()];
        assert_eq!(m.clause_without_finite_verb(&supplies, &tags, &alts), Some((3, vbz)));
        // a word the treebank never had as a verb: only where the tagger nearly read it as one
        let unseen = ["Russia", "no", "longer", "zorbles", "gas", "to", "Poland", "."];
        assert_eq!(m.clause_without_finite_verb(&unseen, &tags, &alts), None);
        alts[3] = vbz;
        assert_eq!(m.clause_without_finite_verb(&unseen, &tags, &alts), Some((3, vbz)));
        let shot = ["Ukraine", "shot", "down", "30", "drones", "."];
        assert_eq!(m.clause_without_finite_verb(&shot, &[nnp, nn, rb, cd, nns, dot], &[]), Some((1, vbd)));
        // A closed-class tag the treebank never gave a noun it knows: "aid" is no preposition.
        let inn_ = class("IN", "ADP");
        let mut t = vec![nnp, class("VBD", "VERB"), inn_, class("TO", "PART"), nnp, dot];
        let mut a = vec![tagger::NO_ALT; t.len()];
        m.closed_class_repair(&["France", "pledged", "aid", "to", "Morocco", "."], &mut t, &mut a);
        assert_eq!(m.xpos_of(t[2]), "NN");
        // a preposition the treebank never saw is left alone
        let mut t = vec![nnp, class("VBD", "VERB"), inn_, nnp, dot];
        m.closed_class_repair(&["Blair", "stood", "alongside", "Bush", "."], &mut t, &mut a);
        assert_eq!(m.xpos_of(t[2]), "IN");
        // "will meet Putin next month": the name is the object, "next month" a time phrase
        let w = ["Khan", "will", "meet", "Putin", "next", "month", "."];
        let tg = [nnp, class("MD", "AUX"), class("VB", "VERB"), nnp, class("JJ", "ADJ"), nn, dot];
        let mut h = vec![0, 3, 3, 0, 6, 6, 3, 3];
        m.time_phrase_apart(&w, &tg, &mut h);
        assert_eq!((h[4], h[6]), (3, 3));
        // not without next/last/this, nor a possessor ("marked Obama's last day in office")
        let mut h2 = vec![0, 3, 3, 0, 6, 6, 3, 3];
        let w2 = ["Khan", "will", "meet", "Putin", "every", "month", "."];
        m.time_phrase_apart(&w2, &tg, &mut h2);
        assert_eq!(h2[4], 6);
        let w3 = ["Khan", "marked", "Obama", "'s", "last", "day", "."];
        let tg3 = [nnp, class("VBD", "VERB"), nnp, class("POS", "PART"), class("JJ", "ADJ"), nn, dot];
        let mut h3 = vec![0, 2, 0, 6, 3, 6, 2, 2];
        m.time_phrase_apart(&w3, &tg3, &mut h3);
        assert_eq!(h3[3], 6);
        // not where another verb was read ("buy them in any good photography supplies shop")
        let buy = ["buy", "them", "in", "photography", "supplies", "shop", "."];
        let vb = class("VB", "VERB");
        assert_eq!(m.clause_without_finite_verb(&buy, &[vb, class("PRP", "PRON"), inn, nn, nns, nn, dot], &alts), None);
        // end to end, whatever the tagger first said
        let words = ["The", "Turkish", "president", "'s", "spokesman", "attacked", "the", "report", "in", "a", "statement", "."];
        for model in [m, Model::embedded_accurate().expect("committed model")] {
            let a = model.parse_words(&words);
            assert_eq!((a[5].deprel, a[5].xpos), ("root", "VBD"));
            assert_eq!((a[4].head, a[4].deprel), (6, "nsubj"));
        }
    }

    /// An irregular past the treebank never had as a verb gets its base form as lemma.
    #[test]
    fn irregular_past_lemmas() {
        for model in [Model::embedded().expect("committed model"), Model::embedded_accurate().expect("committed model")] {
            let a = model.parse_words(&["Germany", "froze", "the", "assets", "."]);
            assert_eq!((a[1].xpos, a[1].lemma.as_str()), ("VBD", "freeze"));
            let a = model.parse_words(&["The", "Pope", "forgave", "the", "attacker", "."]);
            assert_eq!(a[2].lemma, "forgive");
        }
    }

    /// A title between a country and a name: the name heads the run, the title hangs on it, the
    /// country on the title ("Tuvalu" was the subject and the name its apposition).
    #[test]
    fn a_titled_name_heads_its_run() {
        let words = ["Tuvalu", "Prime", "Minister", "Kausea", "Natano", "arrived", "in", "Canberra", "."];
        let general = ["UN", "Secretary", "General", "Xoli", "Banda", "arrived", "in", "Kigali", "."];
        for model in [Model::embedded().expect("committed model"), Model::embedded_accurate().expect("committed model")] {
            let a = model.parse_words(&words);
            assert_eq!((a[3].head, a[3].deprel), (6, "nsubj"), "Kausea");
            assert_eq!((a[4].head, a[4].deprel), (4, "flat"), "Natano");
            assert_eq!((a[2].head, a[2].deprel), (4, "nmod:desc"), "Minister");
            assert_eq!((a[0].head, a[0].deprel), (3, "compound"), "Tuvalu");
            assert_eq!(a[1].head, 3, "Prime");
            let a = model.parse_words(&general);
            assert_eq!((a[3].head, a[3].deprel), (6, "nsubj"), "Xoli");
            assert!(matches!(a[0].head, 2 | 3) && a[0].deprel == "compound", "UN");
            assert_eq!((a[2].head, a[2].deprel), (4, "nmod:desc"), "General");
            assert_eq!(a[1].head, 3, "Secretary");
        }
        // a preposition of the whole phrase hangs on the name, which the labeler then labels
        for model in [Model::embedded().expect("committed model"), Model::embedded_accurate().expect("committed model")] {
            let a = model.parse_words(&["He", "spoke", "with", "Mr", "Blair", "on", "Saturday", "."]);
            assert_eq!((a[2].head, a[3].head), (5, 5), "with, Mr");
            assert_eq!((a[4].head, a[4].deprel), (2, "obl"), "Blair");
        }
        // a run that ends in its title has no name to hang it on
        let a = Model::embedded().expect("committed model").parse_words(&["The", "Tuvalu", "President", "arrived", "."]);
        assert_eq!((a[2].head, a[2].deprel), (4, "nsubj"));
    }

    /// A sentence that opens with a time phrase and no comma: the phrase hangs on the verb and
    /// the name after it is the subject.
    #[test]
    fn leading_time_phrase_is_split_off() {
        let words = ["On", "Wednesday", "Mr", "Blair", "denied", "the", "claim", "."];
        for model in [Model::embedded().expect("committed model"), Model::embedded_accurate().expect("committed model")] {
            let a = model.parse_words(&words);
            assert_eq!((a[4].head, a[4].deprel), (0, "root"), "denied");
            assert_eq!((a[1].head, a[1].deprel), (5, "obl"), "Wednesday");
            assert_eq!((a[0].head, a[0].deprel), (2, "case"), "On");
            assert_eq!((a[3].head, a[3].deprel), (5, "nsubj"), "Blair");
            let night = model.parse_words(&["On", "Monday", "night", "Toshack", "took", "charge", "."]);
            assert_eq!((night[2].head, night[2].deprel), (5, "obl"), "night");
            assert_eq!((night[1].head, night[1].deprel), (3, "compound"), "Monday");
        }
        assert_eq!(leading_time_phrase(&words), Some(2));
        assert_eq!(leading_time_phrase(&["On", "5", "May", "Labour", "will", "win", "."]), Some(3));
        // not with a comma, before a lower-case word, or a phrase that goes on ("of that year")
        assert_eq!(leading_time_phrase(&["On", "Wednesday", ",", "Mr", "Blair", "denied", "it", "."]), None);
        assert_eq!(leading_time_phrase(&["On", "Wednesday", "guerrillas", "kidnapped", "a", "surgeon", "."]), None);
        assert_eq!(leading_time_phrase(&["By", "September", "of", "that", "year", "the", "Dow", "fell", "."]), None);
        assert_eq!(leading_time_phrase(&["On", "5", "Labour", "will", "win", "."]), None);
    }

    /// A sentence that ends in its attribution: the clause is parsed as the sentence it is and
    /// hangs as `ccomp` on the reporting verb, which is the root.
    #[test]
    fn trailing_attribution_is_split_off() {
        let words = ["Israel", "struck", "targets", "in", "Gaza", "overnight", ",", "the", "army", "said", "."];
        for model in [Model::embedded().expect("committed model"), Model::embedded_accurate().expect("committed model")] {
            let a = model.parse_words(&words);
            assert_eq!((a[9].head, a[9].deprel), (0, "root"));
            assert_eq!((a[1].head, a[1].deprel), (10, "ccomp"), "struck");
            assert_eq!((a[0].head, a[0].deprel), (2, "nsubj"), "Israel");
            assert_eq!((a[2].head, a[2].deprel), (2, "obj"), "targets");
            assert_eq!((a[6].head, a[6].deprel), (2, "punct"), "the comma");
            assert_eq!((a[8].head, a[8].deprel), (10, "nsubj"), "army");
            assert_eq!((a[10].head, a[10].deprel), (10, "punct"), "the full stop");
            // a closing quotation mark after the comma belongs to the clause too
            let q = ["\"", "We", "will", "win", "the", "war", ",", "\"", "he", "said", "."];
            let a = model.parse_words(&q);
            assert_eq!((a[3].head, a[3].deprel), (10, "ccomp"));
            assert_eq!(a[7].head, 4);
        }
        let m = Model::embedded().expect("committed model");
        let tags = |w: &[&str]| m.tag_repaired(w, &mut Scratch::default());
        let split = |w: &[&str]| m.trailing_attribution(w, &tags(w), &[]);
        assert_eq!(split(&words), Some((6, 7)));
        let committee = ["There", "was", "a", "crisis", ",", "the", "science", "and", "technology", "committee", "added", "."];
        assert_eq!(split(&committee), Some((4, 5)));
        // not when a clause follows the reporting verb, without a subject after the comma, or
        // when nothing before the comma is a verb
        assert_eq!(split(&["Israel", "struck", "Gaza", ",", "officials", "said", "it", "was", "over", "."]), None);
        assert_eq!(split(&["Israel", ",", "which", "struck", "Gaza", ",", "said", "nothing", "."]), None);
        assert_eq!(split(&["Officials", "in", "the", "city", ",", "the", "army", "said", "."]), None);
        // a noun that is the clause's verb counts ("shot" is a noun or participle in the treebank)
        let shot = ["Ukraine", "shot", "down", "30", "drones", "overnight", ",", "the", "air", "force", "said", "."];
        assert_eq!(split(&shot), Some((6, 7)));
        let a = m.parse_words(&shot);
        assert_eq!((a[1].upos, a[1].xpos, a[1].head, a[1].deprel), ("VERB", "VBD", 11, "ccomp"), "shot");
        assert_eq!((a[0].head, a[0].deprel), (2, "nsubj"), "Ukraine");
    }
}
