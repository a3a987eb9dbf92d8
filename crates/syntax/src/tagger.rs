//! Part-of-speech tagger: greedy left-to-right averaged perceptron over one joint class per
//! (UPOS, XPOS) pair seen in training, so the two tag layers can never disagree (no `AUX` + `NN`).
//!
//! Features are the usual rich set of Ratnaparkhi/Collins style taggers: the word, its affixes and
//! shape, two words each side, the two previous predicted tags, and the word's *ambiguity class*
//! (the set of tags it had in training) for the word itself and the two words ahead — the right
//! context's tags are not known yet, but their ambiguity classes nearly are. Frequent words that
//! were (almost) never ambiguous in training skip the classifier (the tag dictionary).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::cluster::{self, Clusters};
use crate::feat::{self, bucket, f1, f2, f3, hash_str, lower_into, mix};
use crate::io::{Reader, Writer};
use crate::linear::{argmax_where, Sparse, Trainer};
use crate::SyntaxError;

/// Hasher for keys that are already hashes.
#[derive(Default)]
pub struct IdHasher(u64);
impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0, b as u64);
        }
    }
    fn write_u64(&mut self, x: u64) {
        // Spread the bits: the table uses both the high and the low ones.
        self.0 = (x ^ (x >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9) ^ (x >> 32);
    }
}
pub type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// Words seen at least this often, with one tag at least `TAGDICT_SHARE` of the time, are tagged
/// by lookup.
const TAGDICT_MIN: u32 = 20;
const TAGDICT_SHARE: f64 = 0.985;
/// Ambiguity classes only for words seen this often (rarer words would just echo their gold tag).
const AMB_MIN: u32 = 3;

/// What the tagger knows about words from its training data.
#[derive(Default, Clone)]
pub struct Lexicon {
    tagdict: IdMap<u16>,
    amb: IdMap<u64>,
    /// Word classes learned from raw text (empty when trained without).
    pub clusters: Clusters,
}

impl Lexicon {
    /// Builds the lexicon from `(form, class)` sentences.
    pub fn build(sents: &[Vec<(&str, u16)>], clusters: &Clusters) -> Lexicon {
        let mut raw: IdMap<HashMap<u16, u32>> = IdMap::default();
        let mut low: IdMap<HashMap<u16, u32>> = IdMap::default();
        let mut buf = String::new();
        for s in sents {
            for &(w, c) in s {
                *raw.entry(hash_str(w)).or_default().entry(c).or_default() += 1;
                lower_into(w, &mut buf);
                *low.entry(hash_str(&buf)).or_default().entry(c).or_default() += 1;
            }
        }
        let mut lex = Lexicon { clusters: clusters.clone(), ..Lexicon::default() };
        for (k, m) in raw {
            let n: u32 = m.values().sum();
            // Highest count, lowest class id on ties: deterministic whatever the map order.
            let (&c, &top) = m.iter().max_by_key(|(&c, &v)| (v, std::cmp::Reverse(c))).expect("non-empty");
            if n >= TAGDICT_MIN && top as f64 / n as f64 >= TAGDICT_SHARE {
                lex.tagdict.insert(k, c);
            }
        }
        for (k, m) in low {
            let n: u32 = m.values().sum();
            if n < AMB_MIN {
                continue;
            }
            let mut set: Vec<u16> = m.iter().filter(|(_, &v)| v as f64 >= 0.05 * n as f64).map(|(&c, _)| c).collect();
            set.sort_unstable();
            let h = set.iter().fold(0x5eed_u64, |h, &c| mix(h, c as u64));
            lex.amb.insert(k, h);
        }
        lex
    }

    fn write(&self, out: &mut Writer) {
        let mut td: Vec<_> = self.tagdict.iter().collect();
        td.sort_unstable();
        out.u32(td.len() as u32);
        for (&k, &c) in td {
            out.u64(k);
            out.u32(c as u32);
        }
        let mut am: Vec<_> = self.amb.iter().collect();
        am.sort_unstable();
        out.u32(am.len() as u32);
        for (&k, &h) in am {
            out.u64(k);
            out.u64(h);
        }
        self.clusters.write(out);
    }

    fn read(inp: &mut Reader, nclass: usize) -> Result<Lexicon, SyntaxError> {
        let mut lex = Lexicon::default();
        let n = inp.u32()? as usize;
        for _ in 0..n {
            let k = inp.u64()?;
            let c = inp.u32()?;
            if c as usize >= nclass {
                return Err(SyntaxError::Corrupt("tag dictionary class out of range".into()));
            }
            lex.tagdict.insert(k, c as u16);
        }
        let n = inp.u32()? as usize;
        for _ in 0..n {
            let k = inp.u64()?;
            let h = inp.u64()?;
            lex.amb.insert(k, h);
        }
        lex.clusters = Clusters::read(inp)?;
        Ok(lex)
    }
}

/// What the parser and labeler know of a word besides its tag.
#[derive(Clone, Copy, Default, Debug)]
pub struct WordVals {
    /// Lowercased form.
    pub low: u64,
    /// Raw-text word classes by left and by right context ([`NO_CLASS`] for rare words).
    pub cl: u64,
    pub cr: u64,
    /// No letter or digit in it.
    pub punct: bool,
    /// Brown cluster (whole path) and the first bits of its path ([`NO_BROWN`] when unknown).
    pub br: u64,
    pub bp: u64,
}

/// Brown-cluster value of a word the table does not know.
pub const NO_BROWN: u64 = 0xB60_0000;

/// The first four bits of a Brown path stored as an integer (whose leading zeros are lost, so
/// this is the prefix of the path as the integer writes it).
fn brown_prefix(c: u32) -> u64 {
    let len = 32 - c.leading_zeros();
    (if len > 4 { c >> (len - 4) } else { c }) as u64 + 0xB61_0000
}

/// Class value of a word the clusters do not know.
pub const NO_CLASS: u64 = 0xC1A5_5000;

impl WordVals {
    fn of(word: &str, low: u64, has_digit: bool, clusters: &Clusters, buf: &mut String) -> WordVals {
        // The cluster key differs from the lowercased form only where digits were normalised.
        let key = if has_digit { cluster::key(word, buf) } else { low };
        let (cl, cr) = clusters.get(key).map_or((NO_CLASS, NO_CLASS), |(l, r)| (l as u64, r as u64 + 0x1_0000));
        let (br, bp) = if clusters.brown_len() == 0 {
            (NO_BROWN, NO_BROWN)
        } else {
            clusters.brown(hash_str(word), low).map_or((NO_BROWN, NO_BROWN), |c| (c as u64 + 0xB62_0000, brown_prefix(c)))
        };
        WordVals { low, cl, cr, punct: word.chars().all(|c| !c.is_alphanumeric()), br, bp }
    }
}

/// Per-word values hashed once per sentence.
#[derive(Clone, Copy, Default)]
pub struct WordFeats {
    /// Case-sensitive form.
    raw: u64,
    /// Lowercased form as the tagger's word feature. (Sharing one value among rare training words,
    /// to train the affix features harder, was tried and cost 0.06 points on dev.)
    wid: u64,
    pub v: WordVals,
    /// Share of capitalised words in the sentence, 0..=2: in a headline a capital means little.
    caps: u64,
    suf: [u64; 4],
    pre: [u64; 3],
    shape: u64,
    flags: u64,
    amb: u64,
    dict: Option<u16>,
    /// The lexicon has Brown clusters (their features are on).
    brown: bool,
}

const PAD_L: u64 = 0xAAAA_0001;
const PAD_R: u64 = 0xAAAA_0002;
const NO_TAG: u64 = 0xAAAA_0003;

fn prepare(words: &[&str], lex: &Lexicon, out: &mut Vec<WordFeats>) {
    out.clear();
    let mut buf = String::new();
    let mut buf2 = String::new();
    let (mut upper, mut alpha) = (0usize, 0usize);
    for w in words.iter().skip(1) {
        if let Some(c) = w.chars().next().filter(|c| c.is_alphabetic()) {
            alpha += 1;
            upper += c.is_uppercase() as usize;
        }
    }
    let caps = if upper * 10 <= alpha * 3 {
        0
    } else if upper * 10 <= alpha * 6 {
        1
    } else {
        2
    };
    let brown = lex.clusters.brown_len() > 0;
    for (i, w) in words.iter().enumerate() {
        lower_into(w, &mut buf);
        let raw = hash_str(w);
        let low = hash_str(&buf);
        let mut flags = 0u64;
        let first = w.chars().next().unwrap_or(' ');
        if first.is_uppercase() {
            flags |= 1;
        }
        if w.chars().all(|c| !c.is_lowercase()) {
            flags |= 2;
        }
        if w.chars().any(|c| c.is_ascii_digit()) {
            flags |= 4;
        }
        if w.contains('-') {
            flags |= 8;
        }
        if i == 0 {
            flags |= 16;
        }
        if w.chars().all(|c| !c.is_alphanumeric()) {
            flags |= 32;
        }
        let amb = lex.amb.get(&low).copied();
        out.push(WordFeats {
            raw,
            wid: low,
            v: WordVals::of(w, low, flags & 4 != 0, &lex.clusters, &mut buf2),
            caps,
            suf: feat::suffixes(&buf),
            pre: feat::prefixes(&buf),
            shape: feat::shape_hash(w),
            flags,
            amb: amb.unwrap_or(0xA3B0),
            dict: lex.tagdict.get(&raw).copied(),
            brown,
        });
    }
}

/// The feature rows for word `i` given the two previous predicted classes and, in the second
/// pass, the first pass's classes for the whole sentence (which gives the right context's tags).
fn features(t: &[WordFeats], i: usize, p1: u64, p2: u64, first: Option<&[u16]>, mask: usize, out: &mut Vec<u32>) {
    out.clear();
    let n = t.len();
    let at = |j: isize| -> Option<&WordFeats> { (j >= 0 && (j as usize) < n).then(|| &t[j as usize]) };
    let i_ = i as isize;
    let w = &t[i];
    let lw = |j: isize, pad: u64| at(j).map_or(pad, |x| x.wid);
    let (wm1, wm2, wp1, wp2) = (lw(i_ - 1, PAD_L), lw(i_ - 2, PAD_L), lw(i_ + 1, PAD_R), lw(i_ + 2, PAD_R));
    let am = |j: isize, pad: u64| at(j).map_or(pad, |x| x.amb);
    let (ap1, ap2) = (am(i_ + 1, PAD_R), am(i_ + 2, PAD_R));
    let s3 = |j: isize, pad: u64| at(j).map_or(pad, |x| x.suf[2]);
    let cl = |j: isize, pad: u64| at(j).map_or(pad, |x| x.v.cl);
    let (c0, cr0) = (w.v.cl, w.v.cr);
    let (cm1, cp1) = (cl(i_ - 1, PAD_L), cl(i_ + 1, PAD_R));
    let shp = |j: isize, pad: u64| at(j).map_or(pad, |x| x.shape);
    let hs = [
        f1(0, 0),
        f1(1, w.wid),
        f1(2, w.raw),
        f1(3, w.suf[0]),
        f1(4, w.suf[1]),
        f1(5, w.suf[2]),
        f1(6, w.suf[3]),
        f1(7, w.pre[0]),
        f1(8, w.pre[1]),
        f1(9, w.pre[2]),
        f1(10, w.shape),
        f1(11, w.flags),
        f1(12, wm1),
        f1(13, wm2),
        f1(14, wp1),
        f1(15, wp2),
        f1(16, s3(i_ - 1, PAD_L)),
        f1(17, s3(i_ + 1, PAD_R)),
        f1(18, p1),
        f2(19, p1, p2),
        f2(20, p1, w.wid),
        f2(21, wm1, w.wid),
        f2(22, w.wid, wp1),
        f1(23, w.amb),
        f1(24, ap1),
        f1(25, ap2),
        f2(26, p1, ap1),
        f2(27, w.amb, ap1),
        f1(28, shp(i_ + 1, PAD_R)),
        f2(29, shp(i_ - 1, PAD_L), w.shape),
        f2(30, p1, w.suf[2]),
        f2(31, w.flags, w.suf[1]),
        f2(32, wm1, wp1),
        f1(33, p2),
        f3(34, p1, w.amb, ap1),
        f2(35, w.amb, w.suf[2]),
        f1(50, c0),
        f1(51, cr0),
        f2(52, c0, cr0),
        f1(53, cm1),
        f1(54, cp1),
        f2(55, p1, c0),
        f2(56, c0, cp1),
        f2(57, c0, w.flags),
        f2(58, w.flags, w.caps),
        f3(59, w.caps, w.flags, w.suf[2]),
    ];
    out.extend(hs.iter().map(|&h| bucket(h, mask)));
    if w.brown {
        let br = |j: isize, pad: u64| at(j).map_or(pad, |x| x.v.br);
        let (bm1, bp1) = (br(i_ - 1, PAD_L), br(i_ + 1, PAD_R));
        let hb = [
            f1(60, w.v.br),
            f1(61, w.v.bp),
            f1(62, bm1),
            f1(63, bp1),
            f2(64, p1, w.v.br),
            f2(65, w.v.br, bp1),
            f2(66, w.v.bp, w.flags),
            f2(67, w.v.br, w.suf[1]),
        ];
        out.extend(hb.iter().map(|&h| bucket(h, mask)));
    }
    if let Some(f) = first {
        let ft = |j: usize| f.get(j).map_or(PAD_R, |&c| c as u64);
        let (c0, n1, n2) = (ft(i), ft(i + 1), ft(i + 2));
        let hs2 = [
            f1(40, c0),
            f1(41, n1),
            f2(42, n1, n2),
            f2(43, p1, n1),
            f2(44, w.wid, n1),
            f3(45, p1, c0, n1),
            f2(46, w.suf[2], n1),
            f2(47, c0, w.wid),
            f2(48, wp1, n1),
        ];
        out.extend(hs2.iter().map(|&h| bucket(h, mask)));
    }
}

/// Score margin under which a word's runner-up class is reported (`alts`): one word in twenty
/// is that close a call. (Dev UAS .8482 at 2.0, which flags 0.7% of words; .8504 at 15; .8496
/// at 40, which flags 16%.)
const ALT_MARGIN: f32 = 15.0;

/// Greedy left-to-right decoding with one weight table. `alts[i]` is the runner-up class where
/// the classifier's choice was close, else [`NO_ALT`].
fn decode(
    wf: &[WordFeats],
    w: &Sparse,
    first: Option<&[u16]>,
    feats: &mut Vec<u32>,
    scores: &mut Vec<f32>,
    out: &mut Vec<u16>,
    alts: &mut Vec<u16>,
) {
    scores.resize(w.nclass, 0.0);
    out.clear();
    alts.clear();
    let (mut p1, mut p2) = (NO_TAG, NO_TAG);
    for i in 0..wf.len() {
        let (c, alt) = match wf[i].dict {
            Some(c) => (c, NO_ALT),
            None => {
                features(wf, i, p1, p2, first, w.mask, feats);
                w.score(feats, scores);
                let (best, second) = top2(scores);
                let alt = if scores[best] - scores[second] < ALT_MARGIN { second as u16 } else { NO_ALT };
                (best as u16, alt)
            }
        };
        out.push(c);
        alts.push(alt);
        p2 = p1;
        p1 = c as u64;
    }
}

/// No runner-up worth reporting.
pub const NO_ALT: u16 = u16::MAX;

/// Indices of the best and second-best scores (first wins ties).
fn top2(s: &[f32]) -> (usize, usize) {
    let (mut b, mut c) = (0usize, usize::MAX);
    for k in 1..s.len() {
        if s[k] > s[b] {
            c = b;
            b = k;
        } else if c == usize::MAX || s[k] > s[c] {
            c = k;
        }
    }
    (b, if c == usize::MAX { b } else { c })
}

/// A trained tagger: one left-to-right pass, and optionally a second left-to-right pass that also
/// sees the first pass's tags to its right (a cheap stand-in for bidirectional decoding).
pub struct Tagger {
    lex: Lexicon,
    w: Sparse,
    w2: Option<Sparse>,
}

/// Re-usable buffers for tagging one sentence.
#[derive(Default)]
pub struct TagScratch {
    wf: Vec<WordFeats>,
    feats: Vec<u32>,
    scores: Vec<f32>,
    first: Vec<u16>,
    first_alts: Vec<u16>,
    /// Runner-up classes of the sentence last tagged ([`NO_ALT`] where the choice was clear).
    pub alts: Vec<u16>,
}

impl TagScratch {
    /// Per-word values of the sentence last tagged (the parser's word features).
    pub fn vals(&self) -> impl ExactSizeIterator<Item = WordVals> + '_ {
        self.wf.iter().map(|w| w.v)
    }
}

/// Per-word values, as the tagger computes them.
pub fn word_vals(words: &[&str], clusters: &Clusters) -> Vec<WordVals> {
    let (mut buf, mut buf2) = (String::new(), String::new());
    words
        .iter()
        .map(|w| {
            lower_into(w, &mut buf);
            WordVals::of(w, hash_str(&buf), w.chars().any(|c| c.is_ascii_digit()), clusters, &mut buf2)
        })
        .collect()
}

impl Tagger {
    /// Whether a lowercased word is one the model has seen: in training (three times or more),
    /// among the raw-text word classes, or in the Brown-cluster table.
    pub fn knows(&self, lower: &str, buf: &mut String) -> bool {
        let h = hash_str(lower);
        self.lex.amb.contains_key(&h) || self.lex.clusters.get(cluster::key(lower, buf)).is_some() || self.lex.clusters.brown(h, h).is_some()
    }

    /// Joint classes of `words`, written to `out`.
    pub fn tag(&self, words: &[&str], s: &mut TagScratch, out: &mut Vec<u16>) {
        prepare(words, &self.lex, &mut s.wf);
        match &self.w2 {
            None => decode(&s.wf, &self.w, None, &mut s.feats, &mut s.scores, out, &mut s.alts),
            Some(w2) => {
                decode(&s.wf, &self.w, None, &mut s.feats, &mut s.scores, &mut s.first, &mut s.first_alts);
                decode(&s.wf, w2, Some(&s.first), &mut s.feats, &mut s.scores, out, &mut s.alts);
            }
        }
    }

    /// Second pass only, given first-pass tags (training the second pass's jack-knife).
    pub fn tag_second(&self, words: &[&str], first: &[u16], s: &mut TagScratch, out: &mut Vec<u16>) {
        prepare(words, &self.lex, &mut s.wf);
        decode(&s.wf, self.w2.as_ref().unwrap_or(&self.w), Some(first), &mut s.feats, &mut s.scores, out, &mut s.alts);
    }

    /// This tagger's first pass followed by `second`'s weights.
    pub fn with_second(self, second: Tagger) -> Tagger {
        Tagger { lex: self.lex, w: self.w, w2: Some(second.w) }
    }

    pub fn write(&self, out: &mut Writer) {
        self.lex.write(out);
        self.w.write(out);
        out.u8(self.w2.is_some() as u8);
        if let Some(w2) = &self.w2 {
            w2.write(out);
        }
    }

    pub fn read(inp: &mut Reader, nclass: usize) -> Result<Tagger, SyntaxError> {
        let lex = Lexicon::read(inp, nclass)?;
        let w = Sparse::read(inp)?;
        let w2 = if inp.u8()? != 0 { Some(Sparse::read(inp)?) } else { None };
        if w.nclass != nclass || w2.as_ref().is_some_and(|w2| w2.nclass != nclass) {
            return Err(SyntaxError::Corrupt("tagger class count disagrees with tag set".into()));
        }
        Ok(Tagger { lex, w, w2 })
    }

    pub fn clusters(&self) -> &Clusters {
        &self.lex.clusters
    }

    pub fn nonzero(&self) -> usize {
        self.w.nonzero() + self.w2.as_ref().map_or(0, |w| w.nonzero())
    }
}

/// Training outcome of one tagger run.
pub struct TaggerFit {
    pub tagger: Tagger,
    pub best_epoch: usize,
    /// Dev joint-class accuracy after each epoch.
    pub dev_curve: Vec<f64>,
}

/// Trains for at most `epochs` epochs; with a dev set, keeps the epoch with the best dev accuracy
/// and stops after `patience` epochs without improvement. Without one, returns the last epoch.
/// With `first` (first-pass tags of train, then of dev), trains a second-pass table.
pub fn train(
    train: &[Vec<(&str, u16)>],
    dev: Option<&[Vec<(&str, u16)>]>,
    first: Option<(&[Vec<u16>], &[Vec<u16>])>,
    nclass: usize,
    bits: u32,
    epochs: usize,
    patience: usize,
    seed: u64,
    prune: f32,
    clusters: &Clusters,
) -> TaggerFit {
    let lex = Lexicon::build(train, clusters);
    let mut tr = Trainer::new(bits, nclass);
    let mask = tr.mask;
    let mut rng = feat::Rng::new(seed);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut wf = Vec::new();
    let mut feats = Vec::new();
    let mut scores = vec![0.0f32; nclass];
    let mut words: Vec<&str> = Vec::new();
    let mut best: Option<(f64, usize, Sparse)> = None;
    let mut curve = Vec::new();
    for epoch in 1..=epochs {
        rng.shuffle(&mut order);
        for &si in &order {
            let s = &train[si];
            let f1st = first.map(|f| f.0[si].as_slice());
            words.clear();
            words.extend(s.iter().map(|x| x.0));
            prepare(&words, &lex, &mut wf);
            let (mut p1, mut p2) = (NO_TAG, NO_TAG);
            for (i, &(_, gold)) in s.iter().enumerate() {
                let pred = match wf[i].dict {
                    Some(c) => c,
                    None => {
                        features(&wf, i, p1, p2, f1st, mask, &mut feats);
                        tr.score(&feats, &mut scores);
                        let pred = argmax_where(&scores, |_| true).unwrap_or(0);
                        tr.update(&feats, gold as usize, pred);
                        tr.tick();
                        pred as u16
                    }
                };
                // Condition on the prediction: that is what the tagger will see at run time.
                p2 = p1;
                p1 = pred as u64;
            }
        }
        let model = Tagger { lex: lex.clone(), w: tr.averaged().to_sparse(prune), w2: None };
        match dev {
            Some(dev) => {
                let acc = accuracy(&model, dev, first.map(|f| f.1));
                curve.push(acc);
                let better = best.as_ref().is_none_or(|b| acc > b.0);
                if better {
                    best = Some((acc, epoch, model.w));
                } else if best.as_ref().is_some_and(|b| epoch - b.1 >= patience) {
                    break;
                }
            }
            None => best = Some((0.0, epoch, model.w)),
        }
    }
    let (_, best_epoch, w) = best.expect("at least one epoch");
    TaggerFit { tagger: Tagger { lex, w, w2: None }, best_epoch, dev_curve: curve }
}

/// Joint-class accuracy; with `first`, of the tagger's table used as a second pass over those tags.
pub fn accuracy(t: &Tagger, sents: &[Vec<(&str, u16)>], first: Option<&[Vec<u16>]>) -> f64 {
    let mut s = TagScratch::default();
    let mut out = Vec::new();
    let (mut ok, mut n) = (0usize, 0usize);
    for (k, sent) in sents.iter().enumerate() {
        let words: Vec<&str> = sent.iter().map(|x| x.0).collect();
        match first {
            Some(f) => t.tag_second(&words, &f[k], &mut s, &mut out),
            None => t.tag(&words, &mut s, &mut out),
        }
        for (p, g) in out.iter().zip(sent) {
            ok += (*p == g.1) as usize;
            n += 1;
        }
    }
    ok as f64 / n.max(1) as f64
}
