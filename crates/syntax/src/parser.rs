//! Dependency parser: greedy arc-hybrid transitions (Kuhlmann et al. 2011) scored by an averaged
//! perceptron over Zhang & Nivre (2011)-style features, trained with the dynamic oracle and error
//! exploration of Goldberg & Nivre (2013). Relations are added afterwards by a separate labeler
//! that sees the finished tree (the whole of both the dependent's and the head's subtrees), which
//! is both cheaper (3 transition classes instead of 2 × 50) and better informed than labelling at
//! attachment time.
//!
//! Token 0 is the artificial root, at the bottom of the stack. The single-root constraint is kept
//! by allowing RIGHT from the root only when the buffer is empty.

use crate::feat::{bucket, f1, f2, f3, mix, Rng};
use crate::linear::{argmax_where, Quantized, Sparse, Trainer};
use crate::tagger::WordVals;

pub const SHIFT: usize = 0;
pub const LEFT: usize = 1;
pub const RIGHT: usize = 2;

/// Hash values for one sentence: index 0 is the root, 1..=n the words, n+1 "nothing here".
pub struct SentVals {
    pub w: Vec<u64>,
    /// Fine tag: the joint (UPOS, XPOS) class.
    pub t: Vec<u64>,
    /// Coarse tag: UPOS alone. More often right than the fine tag, so features on it make the
    /// parser less sensitive to tagging errors.
    pub u: Vec<u64>,
    pub wt: Vec<u64>,
    /// Raw-text word classes (by left and by right context): a back-off for rare words.
    pub c: Vec<u64>,
    pub r: Vec<u64>,
    /// Punctuation marks among tokens 1..=i: a comma between two words weakens their link.
    pub punct: Vec<u16>,
    /// The tagger's runner-up class where its choice was close (else a "sure" value): lets the
    /// parser hedge on the tags most likely to be wrong (`that` DT or IN?).
    pub a: Vec<u64>,
    /// Brown clusters (whole path, path prefix) of an external table: a back-off learned from
    /// far more text than the treebank.
    pub br: Vec<u64>,
    pub bp: Vec<u64>,
    /// The model has Brown clusters: their parser and labeler features are on.
    pub brown: bool,
}

impl SentVals {
    /// `words` values and `tags` classes of the n words; `coarse[c]` is the UPOS index of
    /// class `c`.
    pub fn new(words: impl ExactSizeIterator<Item = WordVals>, tags: &[u16], alts: &[u16], coarse: &[u16]) -> SentVals {
        let mut v = SentVals {
            w: Vec::new(),
            t: Vec::new(),
            u: Vec::new(),
            wt: Vec::new(),
            c: Vec::new(),
            r: Vec::new(),
            punct: Vec::new(),
            a: Vec::new(),
            br: Vec::new(),
            bp: Vec::new(),
            brown: false,
        };
        v.fill(words, tags, alts, coarse);
        v
    }

    /// [`SentVals::new`] into this value's buffers.
    pub fn fill(&mut self, words: impl ExactSizeIterator<Item = WordVals>, tags: &[u16], alts: &[u16], coarse: &[u16]) {
        let n = words.len();
        for x in [&mut self.w, &mut self.t, &mut self.u, &mut self.wt, &mut self.c, &mut self.r, &mut self.a, &mut self.br, &mut self.bp] {
            x.clear();
            x.reserve(n + 2);
        }
        self.punct.clear();
        self.punct.reserve(n + 2);
        let v = self;
        v.push(ROOT_W, 0x7777_0001, 0x7777_0001, 0x7777_0001);
        for (i, (x, &tag)) in words.zip(tags).enumerate() {
            let u = coarse.get(tag as usize).map_or(0x7777_0004, |&c| c as u64 + 5000);
            v.push(x.low, tag as u64 + 1000, u, x.cl);
            *v.r.last_mut().expect("pushed") = x.cr;
            *v.br.last_mut().expect("pushed") = x.br;
            *v.bp.last_mut().expect("pushed") = x.bp;
            let k = v.punct[v.punct.len() - 2] + x.punct as u16;
            *v.punct.last_mut().expect("pushed") = k;
            *v.a.last_mut().expect("pushed") = match alts.get(i) {
                Some(&a) if a != crate::tagger::NO_ALT => a as u64 + 3000,
                _ => 0x7777_0005,
            };
        }
        v.push(0x7777_0002, 0x7777_0003, 0x7777_0003, 0x7777_0003);
    }

    fn push(&mut self, w: u64, t: u64, u: u64, c: u64) {
        self.w.push(w);
        self.t.push(t);
        self.u.push(u);
        self.wt.push(mix(w, t));
        self.c.push(c);
        self.r.push(c);
        self.punct.push(self.punct.last().copied().unwrap_or(0));
        self.a.push(t);
        self.br.push(c);
        self.bp.push(c);
    }

    /// Punctuation marks strictly between tokens `a` < `b`, as 0, 1 or 2 (two or more).
    #[inline]
    fn punct_between(&self, a: usize, b: usize) -> u64 {
        if b <= a + 1 || b >= self.punct.len() {
            return 0;
        }
        (self.punct[b - 1] - self.punct[a]).min(2) as u64
    }
}

/// Stand-in "word" of the root token.
const ROOT_W: u64 = 0x7777_0000;

/// Parser state. Child links use 0 for "none" (the root is never anyone's child).
pub struct State {
    n: usize,
    pub stack: Vec<usize>,
    /// First word of the buffer; the buffer is `b..=n`.
    pub b: usize,
    pub heads: Vec<usize>,
    l1: Vec<usize>,
    l2: Vec<usize>,
    r1: Vec<usize>,
    r2: Vec<usize>,
    nl: Vec<u8>,
    nr: Vec<u8>,
}

impl Clone for State {
    fn clone(&self) -> State {
        let mut s = State::new(0);
        s.clone_from(self);
        s
    }

    /// Field by field into the existing buffers: the beam copies states at every step, and the
    /// derived version would allocate nine vectors each time.
    fn clone_from(&mut self, o: &State) {
        self.n = o.n;
        self.b = o.b;
        self.stack.clone_from(&o.stack);
        self.heads.clone_from(&o.heads);
        self.l1.clone_from(&o.l1);
        self.l2.clone_from(&o.l2);
        self.r1.clone_from(&o.r1);
        self.r2.clone_from(&o.r2);
        self.nl.clone_from(&o.nl);
        self.nr.clone_from(&o.nr);
    }
}

impl State {
    pub fn new(n: usize) -> State {
        let mut st = State {
            n: 0,
            stack: Vec::new(),
            b: 1,
            heads: Vec::new(),
            l1: Vec::new(),
            l2: Vec::new(),
            r1: Vec::new(),
            r2: Vec::new(),
            nl: Vec::new(),
            nr: Vec::new(),
        };
        st.reset(n);
        st
    }

    /// The initial state for `n` words, re-using this state's buffers.
    pub fn reset(&mut self, n: usize) {
        self.n = n;
        self.stack.clear();
        self.stack.push(0);
        self.b = 1;
        self.heads.clear();
        self.heads.resize(n + 1, usize::MAX);
        for v in [&mut self.l1, &mut self.l2, &mut self.r1, &mut self.r2] {
            v.clear();
            v.resize(n + 2, 0);
        }
        for v in [&mut self.nl, &mut self.nr] {
            v.clear();
            v.resize(n + 2, 0);
        }
    }

    pub fn terminal(&self) -> bool {
        self.b > self.n && self.stack.len() == 1
    }

    pub fn legal(&self, a: usize) -> bool {
        let buf = self.b <= self.n;
        let sl = self.stack.len();
        match a {
            SHIFT => buf,
            LEFT => buf && sl >= 2,
            // From the root only at the very end: exactly one word attaches to it.
            RIGHT => sl >= 2 && (self.stack[sl - 2] != 0 || (!buf && sl == 2)),
            _ => false,
        }
    }

    pub fn apply(&mut self, a: usize) {
        match a {
            SHIFT => {
                self.stack.push(self.b);
                self.b += 1;
            }
            LEFT => {
                let s0 = self.stack.pop().expect("legal");
                let h = self.b;
                self.heads[s0] = h;
                self.l2[h] = self.l1[h];
                self.l1[h] = s0;
                self.nl[h] = self.nl[h].saturating_add(1);
            }
            _ => {
                let s0 = self.stack.pop().expect("legal");
                let h = *self.stack.last().expect("legal");
                self.heads[s0] = h;
                self.r2[h] = self.r1[h];
                self.r1[h] = s0;
                self.nr[h] = self.nr[h].saturating_add(1);
            }
        }
    }

    /// Dynamic-oracle cost of `a`: gold arcs it makes unreachable (exact for projective `gold`).
    /// `gold_kids[h]` lists the gold dependents of `h`.
    pub fn cost(&self, a: usize, gold: &[usize], gold_kids: &[Vec<usize>]) -> u32 {
        let sl = self.stack.len();
        let s0 = self.stack[sl - 1];
        let b = self.b;
        let in_buf = |x: usize| x >= b && x <= self.n && x != 0;
        let kids_in_buf = |h: usize| gold_kids[h].iter().filter(|&&d| in_buf(d)).count() as u32;
        match a {
            SHIFT => {
                // b0 can no longer take a head deeper than s0, nor any stack word as dependent.
                let mut c = 0;
                for (k, &x) in self.stack.iter().enumerate() {
                    if gold[b] == x && k + 1 != sl {
                        c += 1;
                    }
                    if x != 0 && gold[x] == b {
                        c += 1;
                    }
                }
                c
            }
            LEFT => {
                let s1 = self.stack[sl - 2];
                let h = gold[s0];
                let lost_head = h != b && (h == s1 || in_buf(h));
                lost_head as u32 + kids_in_buf(s0)
            }
            _ => {
                let h = gold[s0];
                in_buf(h) as u32 + kids_in_buf(s0)
            }
        }
    }
}

fn dist_bucket(d: usize) -> u64 {
    match d {
        0..=4 => d as u64,
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

/// Feature rows of a state.
pub fn features(st: &State, v: &SentVals, mask: usize, out: &mut Vec<u32>) {
    out.clear();
    let n = st.n;
    let none = n + 1;
    let sl = st.stack.len();
    let s0 = st.stack[sl - 1];
    let s1 = if sl >= 2 { st.stack[sl - 2] } else { none };
    let s2 = if sl >= 3 { st.stack[sl - 3] } else { none };
    let b0 = if st.b <= n { st.b } else { none };
    let b1 = if st.b < n { st.b + 1 } else { none };
    let b2 = if st.b + 1 < n { st.b + 2 } else { none };
    let kid = |arr: &Vec<usize>, x: usize| if x == none || arr[x] == 0 { none } else { arr[x] };
    let (s0l, s0l2, s0r, s0r2) = (kid(&st.l1, s0), kid(&st.l2, s0), kid(&st.r1, s0), kid(&st.r2, s0));
    let (s1l, s1r) = (kid(&st.l1, s1), kid(&st.r1, s1));
    let (b0l, b0l2) = (kid(&st.l1, b0), kid(&st.l2, b0));
    let (w, t, wt, u) = (&v.w, &v.t, &v.wt, &v.u);
    let (c, r, a) = (&v.c, &v.r, &v.a);
    let d = if b0 != none { dist_bucket(b0 - s0) } else { 15 };
    let d1 = if s1 != none { dist_bucket(s0 - s1) } else { 15 };
    let pb = if b0 != none { v.punct_between(s0, b0) } else { 9 };
    let p1 = if s1 != none { v.punct_between(s1, s0) } else { 9 };
    let val = |c: &Vec<u8>, x: usize| if x == none { 99 } else { c[x] as u64 };
    let (s0vl, s0vr, b0vl, s1vr, s1vl) = (val(&st.nl, s0), val(&st.nr, s0), val(&st.nl, b0), val(&st.nr, s1), val(&st.nl, s1));
    let hs = [
        f1(0, 0),
        // single words
        f1(1, w[s0]),
        f1(2, t[s0]),
        f1(3, wt[s0]),
        f1(4, w[s1]),
        f1(5, t[s1]),
        f1(6, wt[s1]),
        f1(7, w[b0]),
        f1(8, t[b0]),
        f1(9, wt[b0]),
        f1(10, w[b1]),
        f1(11, t[b1]),
        f1(12, wt[b1]),
        f1(13, w[b2]),
        f1(14, t[b2]),
        f1(15, t[s2]),
        // pairs
        f2(16, wt[s0], wt[b0]),
        f2(17, wt[s0], w[b0]),
        f2(18, w[s0], wt[b0]),
        f2(19, wt[s0], t[b0]),
        f2(20, t[s0], wt[b0]),
        f2(21, w[s0], w[b0]),
        f2(22, t[s0], t[b0]),
        f2(23, t[b0], t[b1]),
        f2(24, t[s1], t[s0]),
        f2(25, w[s1], w[s0]),
        f2(26, wt[s1], t[s0]),
        f2(27, t[s1], wt[s0]),
        f2(28, wt[s1], wt[s0]),
        f2(29, w[b0], w[b1]),
        f2(30, wt[b0], t[b1]),
        // triples
        f3(31, t[b0], t[b1], t[b2]),
        f3(32, t[s0], t[b0], t[b1]),
        f3(33, t[s1], t[s0], t[b0]),
        f3(34, t[s2], t[s1], t[s0]),
        f3(35, t[s0], t[s0l], t[b0]),
        f3(36, t[s0], t[s0r], t[b0]),
        f3(37, t[s0], t[b0], t[b0l]),
        f3(38, t[s1], t[s0], t[s0l]),
        f3(39, t[s1], t[s0], t[s0r]),
        f3(40, t[s1], t[s1r], t[s0]),
        f3(41, t[s1], t[s1l], t[s0]),
        f3(42, t[s0], t[s0l], t[s0l2]),
        f3(43, t[s0], t[s0r], t[s0r2]),
        f3(44, t[b0], t[b0l], t[b0l2]),
        f3(45, w[s0], t[s1], t[b0]),
        f3(46, t[s1], w[b0], t[s0]),
        // distance
        f2(47, w[s0], d),
        f2(48, t[s0], d),
        f2(49, w[b0], d),
        f2(50, t[b0], d),
        f3(51, w[s0], w[b0], d),
        f3(52, t[s0], t[b0], d),
        f3(53, t[s1], t[s0], d1),
        f3(54, w[s1], w[s0], d1),
        // valency
        f2(55, w[s0], s0vr),
        f2(56, t[s0], s0vr),
        f2(57, w[s0], s0vl),
        f2(58, t[s0], s0vl),
        f2(59, w[b0], b0vl),
        f2(60, t[b0], b0vl),
        f2(61, t[s1], s1vr),
        f2(62, t[s1], s1vl),
        // children
        f1(63, w[s0l]),
        f1(64, t[s0l]),
        f1(65, w[s0r]),
        f1(66, t[s0r]),
        f1(67, w[b0l]),
        f1(68, t[b0l]),
        f1(69, w[s1r]),
        f1(70, t[s1r]),
        f1(71, t[s0l2]),
        f1(72, t[s0r2]),
        f1(73, t[b0l2]),
        f1(74, w[s1l]),
        f3(75, t[s0], w[s0r], t[b0]),
        f3(76, t[s0], w[b0l], t[b0]),
        f3(77, wt[s0], t[s1], d1),
        f2(78, t[s2], t[b0]),
        // coarse tags
        f2(79, u[s0], u[b0]),
        f2(80, u[s1], u[s0]),
        f2(81, u[b0], u[b1]),
        f2(82, w[s0], u[b0]),
        f2(83, u[s0], w[b0]),
        f3(84, u[s0], u[b0], u[b1]),
        f3(85, u[s1], u[s0], u[b0]),
        f3(86, u[s0], u[s0r], u[b0]),
        f3(87, u[s0], u[b0], u[b0l]),
        f3(88, u[s0], u[b0], d),
        f3(89, u[s1], u[s0], d1),
        f3(90, u[s2], u[s1], u[s0]),
        // raw-text word classes
        f1(91, c[s0]),
        f1(92, c[b0]),
        f1(93, c[b1]),
        f1(94, c[s1]),
        f2(95, c[s0], c[b0]),
        f2(96, c[s0], t[b0]),
        f2(97, t[s0], c[b0]),
        f3(98, c[s0], c[b0], d),
        f2(99, c[s1], c[s0]),
        f1(100, r[s0]),
        f1(101, r[b0]),
        f2(102, r[s0], u[b0]),
        // punctuation in between
        f3(103, t[s0], t[b0], pb),
        f3(104, u[s1], u[s0], p1),
        f3(105, w[s0], u[b0], pb),
        // the tagger's doubts
        f2(106, t[s0], a[s0]),
        f2(107, t[b0], a[b0]),
        f3(108, t[s0], t[b0], a[b0]),
        f3(109, a[s0], t[s0], t[b0]),
        f2(110, t[b1], a[b1]),
    ];
    out.extend(hs.iter().map(|&h| bucket(h, mask)));
    if !v.brown {
        return;
    }
    let hb = [
        f1(111, v.br[s0]),
        f1(112, v.br[b0]),
        f1(113, v.br[b1]),
        f1(114, v.br[s1]),
        f2(115, v.br[s0], v.br[b0]),
        f2(116, v.br[s0], t[b0]),
        f2(117, t[s0], v.br[b0]),
        f3(118, v.bp[s0], v.bp[b0], d),
        f2(119, v.br[s1], v.br[s0]),
        f2(120, v.bp[s0], v.bp[b0]),
        f3(121, v.bp[s1], v.bp[s0], v.bp[b0]),
    ];
    out.extend(hb.iter().map(|&h| bucket(h, mask)));
}

/// Projectivises gold heads by lifting (Nivre & Nilsson 2005, without label encoding): while some
/// arc is non-projective, the shortest such arc is re-attached to its head's head.
pub fn projectivize(heads: &[usize]) -> Vec<usize> {
    let mut h = heads.to_vec();
    let n = h.len() - 1;
    let dominated = |h: &[usize], anc: usize, mut x: usize| {
        let mut steps = 0;
        while x != 0 && steps <= n {
            if x == anc {
                return true;
            }
            x = h[x];
            steps += 1;
        }
        anc == 0
    };
    loop {
        let mut worst: Option<(usize, usize)> = None;
        for d in 1..=n {
            let hd = h[d];
            let (a, b) = if hd < d { (hd, d) } else { (d, hd) };
            let nonproj = (a + 1..b).any(|k| !dominated(&h, hd, k));
            if nonproj && worst.is_none_or(|(len, _)| b - a < len) {
                worst = Some((b - a, d));
            }
        }
        match worst {
            Some((_, d)) if h[d] != 0 => h[d] = h[h[d]],
            _ => return h,
        }
    }
}

/// Trained transition scorer. With `beam` > 1 the `beam` best transition sequences are kept at
/// every step (the model is then trained globally, see [`train_epoch_beam`]); 1 is greedy.
pub struct Parser {
    pub w: Quantized,
    pub beam: usize,
    /// Beam items scoring more than this below the best one are dropped (table units; 0 = keep
    /// all `beam`): where the model is sure, the beam narrows to one item and costs little more
    /// than greedy decoding.
    pub margin: f32,
}

#[derive(Default)]
pub struct ParseScratch {
    feats: Vec<u32>,
    scores: [f32; 3],
    state: Option<State>,
    beam: Vec<(State, f32)>,
    next: Vec<(State, f32)>,
    cands: Vec<(f32, u32, u8)>,
    all: Vec<u32>,
}

/// Adds the legal moves of beam item `item` (state `st`, score so far `base`, move scores
/// `scores`) to `cands` as (score, item, move).
fn push_moves(cands: &mut Vec<(f32, u32, u8)>, item: usize, st: &State, base: f32, scores: &[f32; 3]) {
    for a in 0..3 {
        if st.legal(a) {
            cands.push((base + scores[a], item as u32, a as u8));
        }
    }
}

/// Keeps the `k` best of `cands` (score, item, action), best first; ties go to the earlier
/// item and the lower action, so decoding is deterministic.
fn keep_best(cands: &mut Vec<(f32, u32, u8)>, k: usize) {
    cands.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    cands.truncate(k);
}

impl Parser {
    /// Heads (index 0 unused, 0 = root) for the n words described by `v`.
    pub fn parse(&self, v: &SentVals, s: &mut ParseScratch) -> Vec<usize> {
        if self.beam > 1 {
            return self.parse_beam(v, s);
        }
        let n = v.w.len() - 2;
        let st = s.state.get_or_insert_with(|| State::new(n));
        st.reset(n);
        while !st.terminal() {
            features(st, v, self.w.mask, &mut s.feats);
            self.w.score(&s.feats, &mut s.scores);
            let a = argmax_where(&s.scores, |a| st.legal(a)).expect("a non-terminal state has a legal move");
            st.apply(a);
        }
        let mut heads = st.heads.clone();
        heads[0] = 0;
        heads
    }

    fn parse_beam(&self, v: &SentVals, s: &mut ParseScratch) -> Vec<usize> {
        let n = v.w.len() - 2;
        let k = self.beam;
        // `beam` and `next` are pools of states that only grow; `live` says how many count.
        while s.beam.len() < k {
            s.beam.push((State::new(n), 0.0));
        }
        while s.next.len() < k {
            s.next.push((State::new(n), 0.0));
        }
        s.beam[0].0.reset(n);
        s.beam[0].1 = 0.0;
        let mut live = 1;
        // Every complete sequence has 2n transitions, so the items stay in step.
        for _ in 0..2 * n {
            s.cands.clear();
            // Every item's features first, then all their rows requested at once: the table
            // lookups are cache misses, and this way they overlap across the beam.
            s.all.clear();
            for (st, _) in &s.beam[..live] {
                features(st, v, self.w.mask, &mut s.feats);
                s.all.extend_from_slice(&s.feats);
            }
            self.w.prefetch(&s.all);
            let nf = s.all.len() / live;
            for (i, (st, sc)) in s.beam[..live].iter().enumerate() {
                self.w.score_fetched(&s.all[i * nf..(i + 1) * nf], &mut s.scores);
                push_moves(&mut s.cands, i, st, *sc, &s.scores);
            }
            keep_best(&mut s.cands, k);
            if self.margin > 0.0 {
                let floor = s.cands[0].0 - self.margin;
                let keep = s.cands.iter().take_while(|c| c.0 >= floor).count();
                s.cands.truncate(keep);
            }
            for (slot, &(sc, i, a)) in s.next.iter_mut().zip(s.cands.iter()) {
                slot.0.clone_from(&s.beam[i as usize].0);
                slot.0.apply(a as usize);
                slot.1 = sc;
            }
            live = s.cands.len();
            std::mem::swap(&mut s.beam, &mut s.next);
        }
        let best = &s.beam[0].0;
        let mut heads = best.heads.clone();
        heads[0] = 0;
        heads
    }
}

/// One training sentence for the parser: hashed values and gold (projectivised) heads.
pub struct ParseExample {
    pub vals: SentVals,
    pub gold: Vec<usize>,
}

/// One epoch of dynamic-oracle training. Exploration (following the model's own mistakes) starts
/// with `explore`; otherwise the best-scoring zero-cost move is followed.
pub fn train_epoch(tr: &mut Trainer, data: &[ParseExample], order: &[usize], explore: bool, p_explore: f64, rng: &mut Rng) {
    let mut feats = Vec::new();
    let mut scores = [0f32; 3];
    for &i in order {
        let ex = &data[i];
        let n = ex.gold.len() - 1;
        let kids = gold_kids(&ex.gold);
        let mut st = State::new(n);
        while !st.terminal() {
            features(&st, &ex.vals, tr.mask, &mut feats);
            tr.score(&feats, &mut scores);
            let pred = argmax_where(&scores, |a| st.legal(a)).expect("legal move");
            let costs = [0, 1, 2].map(|a| if st.legal(a) { st.cost(a, &ex.gold, &kids) } else { u32::MAX });
            let min = *costs.iter().min().expect("three");
            let best_gold = argmax_where(&scores, |a| costs[a] == min).expect("some move has minimal cost");
            if costs[pred] > min {
                tr.update(&feats, best_gold, pred);
            }
            tr.tick();
            let next = if explore && costs[pred] > min && rng.unit() < p_explore { pred } else { best_gold };
            st.apply(next);
        }
    }
}

/// `kids[h]`: the dependents of `h` in the tree `gold` (index 0 unused as a dependent).
fn gold_kids(gold: &[usize]) -> Vec<Vec<usize>> {
    let mut kids = vec![Vec::new(); gold.len()];
    for (d, &h) in gold.iter().enumerate().skip(1) {
        kids[h].push(d);
    }
    kids
}

/// The canonical gold transition sequence of a projective tree: at each step the first zero-cost
/// move in the order LEFT, RIGHT, SHIFT (attach as early as possible).
fn gold_sequence(gold: &[usize], kids: &[Vec<usize>]) -> Vec<usize> {
    let n = gold.len() - 1;
    let mut st = State::new(n);
    let mut seq = Vec::with_capacity(2 * n);
    while !st.terminal() {
        let a = [LEFT, RIGHT, SHIFT]
            .into_iter()
            .find(|&a| st.legal(a) && st.cost(a, gold, kids) == 0)
            .or_else(|| [LEFT, RIGHT, SHIFT].into_iter().find(|&a| st.legal(a)))
            .expect("a non-terminal state has a legal move");
        seq.push(a);
        st.apply(a);
    }
    seq
}

/// One step of a beam item's history: its parent item's node, the move, and where the features
/// of the parent state start in the sentence's feature arena.
#[derive(Clone, Copy)]
struct Node {
    parent: u32,
    action: u8,
    feats: u32,
}

/// One epoch of global training with beam search and the max-violation update (Huang, Fayong
/// & Guo 2012): the beam is run to the end; at the step where the best item outscores the gold
/// prefix by the most, the gold prefix's transitions are rewarded and the best item's
/// penalised.
pub fn train_epoch_beam(tr: &mut Trainer, data: &[ParseExample], order: &[usize], k: usize) {
    let mut arena: Vec<u32> = Vec::new();
    let mut nodes: Vec<Node> = Vec::new();
    let mut feats = Vec::new();
    let mut scores = [0f32; 3];
    let mut beam: Vec<(State, f32, u32, bool)> = Vec::new();
    let mut next: Vec<(State, f32, u32, bool)> = Vec::new();
    let mut cands: Vec<(f32, u32, u8)> = Vec::new();
    let mut gold_feats: Vec<u32> = Vec::new();
    let mut item_feats: Vec<u32> = Vec::new();
    for &i in order {
        let ex = &data[i];
        let n = ex.gold.len() - 1;
        let kids = gold_kids(&ex.gold);
        let seq = gold_sequence(&ex.gold, &kids);
        // Gold prefix scores and features.
        gold_feats.clear();
        let mut gst = State::new(n);
        let mut gold_score = Vec::with_capacity(seq.len());
        let mut g = 0f32;
        for &a in &seq {
            features(&gst, &ex.vals, tr.mask, &mut feats);
            tr.score(&feats, &mut scores);
            g += scores[a];
            gold_score.push(g);
            gold_feats.extend_from_slice(&feats);
            gst.apply(a);
        }
        let nf = gold_feats.len() / seq.len().max(1);
        arena.clear();
        nodes.clear();
        nodes.push(Node { parent: u32::MAX, action: 0, feats: 0 });
        beam.clear();
        beam.push((State::new(n), 0.0, 0, true));
        // (violation, step, node of the best item)
        let mut worst: Option<(f32, usize, u32)> = None;
        for (t, &ga) in seq.iter().enumerate() {
            cands.clear();
            item_feats.clear();
            for (j, (st, sc, _, _)) in beam.iter().enumerate() {
                features(st, &ex.vals, tr.mask, &mut feats);
                tr.score(&feats, &mut scores);
                item_feats.push(arena.len() as u32);
                arena.extend_from_slice(&feats);
                push_moves(&mut cands, j, st, *sc, &scores);
            }
            keep_best(&mut cands, k);
            while next.len() < cands.len() {
                next.push((State::new(n), 0.0, 0, false));
            }
            next.truncate(cands.len());
            for (slot, &(sc, j, a)) in next.iter_mut().zip(cands.iter()) {
                let (pst, _, pnode, pgold) = &beam[j as usize];
                slot.0.clone_from(pst);
                slot.0.apply(a as usize);
                slot.1 = sc;
                nodes.push(Node { parent: *pnode, action: a, feats: item_feats[j as usize] });
                slot.2 = (nodes.len() - 1) as u32;
                slot.3 = *pgold && a as usize == ga;
            }
            std::mem::swap(&mut beam, &mut next);
            let (best_score, best_node, best_gold) = (beam[0].1, beam[0].2, beam[0].3);
            if !best_gold {
                let v = best_score - gold_score[t];
                if v >= 0.0 && worst.is_none_or(|(w, _, _)| v > w) {
                    worst = Some((v, t, best_node));
                }
            }
        }
        if let Some((_, t, node)) = worst {
            for (s, &a) in seq[..=t].iter().enumerate() {
                tr.add(&gold_feats[s * nf..(s + 1) * nf], a, 1.0);
            }
            let mut x = node;
            while x != 0 {
                let nd = nodes[x as usize];
                let f = nd.feats as usize;
                tr.add(&arena[f..f + nf], nd.action as usize, -1.0);
                x = nd.parent;
            }
        }
        tr.tick();
    }
}

/// Unlabelled attachment score of `p` on examples (heads compared with the *original* heads).
pub fn uas(p: &Parser, data: &[(SentVals, Vec<usize>)]) -> f64 {
    let mut s = ParseScratch::default();
    let (mut ok, mut n) = (0usize, 0usize);
    for (v, gold) in data {
        let h = p.parse(v, &mut s);
        for d in 1..gold.len() {
            ok += (h[d] == gold[d]) as usize;
            n += 1;
        }
    }
    ok as f64 / n.max(1) as f64
}

// ---------------------------------------------------------------------------------------------
// Labeler

/// Relation classifier over a finished tree. Words are labelled top-down (breadth first from the
/// root, siblings left to right) so that the head's relation and the previous sibling's relation
/// are known features: `nsubj` before `obj`, `nmod` under `obl`, and so on.
pub struct Labeler {
    pub w: Sparse,
    /// Class of `root`, which words attached to token 0 always get.
    pub root: u16,
}

const NO_LABEL: u64 = 0x5555_0001;

/// Dependents of every token in one flat array (CSR), each token's in ascending order: built once
/// per sentence, with no allocation per token.
#[derive(Default)]
pub struct Kids {
    off: Vec<u32>,
    kid: Vec<u32>,
}

impl Kids {
    /// Dependents of `heads` (index 0 unused; heads outside 0..=n are ignored).
    pub fn build(&mut self, heads: &[usize]) {
        let n = heads.len() - 1;
        self.off.clear();
        self.off.resize(n + 3, 0);
        for &h in &heads[1..] {
            if h <= n {
                self.off[h + 2] += 1;
            }
        }
        for i in 2..self.off.len() {
            self.off[i] += self.off[i - 1];
        }
        self.kid.clear();
        self.kid.resize(self.off[n + 2] as usize, 0);
        // off[h + 1] is the next free slot of h while filling; it ends as h's end (= start of h + 1).
        for d in 1..=n {
            let h = heads[d];
            if h <= n {
                let slot = &mut self.off[h + 1];
                self.kid[*slot as usize] = d as u32;
                *slot += 1;
            }
        }
    }

    /// Dependents of `h`, ascending (empty for the "none" index n + 1).
    #[inline]
    pub fn of(&self, h: usize) -> &[u32] {
        match (self.off.get(h), self.off.get(h + 1)) {
            (Some(&a), Some(&b)) => &self.kid[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// Order in which words are labelled (never includes 0): breadth first from the root.
pub fn label_order(n: usize, kids: &Kids, out: &mut Vec<usize>, seen: &mut Vec<bool>) {
    out.clear();
    seen.clear();
    seen.resize(n + 1, false);
    out.extend(kids.of(0).iter().map(|&d| d as usize));
    let mut i = 0;
    while i < out.len() {
        let h = out[i];
        seen[h] = true;
        out.extend(kids.of(h).iter().map(|&d| d as usize));
        i += 1;
    }
    // Words not reachable from the root (only possible with broken input) still get a label.
    if out.len() < n {
        out.extend((1..=n).filter(|&d| !seen[d]));
    }
}

/// Feature rows for labelling word `d` (1-based) given the tree and relations so far.
pub fn label_features(v: &SentVals, heads: &[usize], labels: &[u16], kids: &Kids, d: usize, mask: usize, out: &mut Vec<u32>) {
    out.clear();
    let n = heads.len() - 1;
    let none = n + 1;
    let h = heads[d];
    let (w, t, wt, u) = (&v.w, &v.t, &v.wt, &v.u);
    let lab = |x: usize| if x == 0 || x > n || labels[x] == u16::MAX { NO_LABEL } else { labels[x] as u64 };
    let dir = if h < d { 1u64 } else { 2 };
    let dist = dist_bucket(d.abs_diff(h));
    let hh = if h == 0 || h > n { none } else { heads[h] };
    let hh = if hh > n { none } else { hh };
    // Nearest sibling to the left: labelled already, since siblings go left to right.
    let sibs = kids.of(h);
    // Position of d among its siblings (present: d is a dependent of h).
    let at = sibs.partition_point(|&k| (k as usize) < d);
    let sib = if at > 0 { sibs[at - 1] as usize } else { none };
    let prev = if d > 1 { d - 1 } else { none };
    let next = if d < n { d + 1 } else { none };
    let hl = lab(h);
    let hs = [
        f1(0, 0),
        f1(1, w[d]),
        f1(2, t[d]),
        f1(3, wt[d]),
        f1(4, w[h]),
        f1(5, t[h]),
        f2(6, t[d], t[h]),
        f3(7, t[d], t[h], dir),
        f3(8, t[d], t[h], dist),
        f2(9, w[d], t[h]),
        f2(10, t[d], w[h]),
        f2(11, w[d], w[h]),
        f2(12, dir, dist),
        f3(13, hl, t[d], dir),
        f2(14, hl, t[h]),
        f3(15, lab(sib), t[d], dir),
        f3(16, t[sib], t[d], t[h]),
        f2(17, t[hh], t[h]),
        f3(18, t[hh], t[h], t[d]),
        f2(19, t[prev], t[d]),
        f2(20, t[d], t[next]),
        f2(21, w[prev], t[d]),
        f3(22, t[d], t[h], (kids.of(d).len().min(5)) as u64),
        f3(23, wt[d], t[h], dir),
        f3(24, t[d], wt[h], dir),
        f2(25, hl, wt[d]),
        f3(26, u[d], u[h], dir),
        f3(27, w[d], u[h], dir),
        f2(28, v.c[d], t[h]),
        f2(29, t[d], v.c[h]),
        f3(36, v.c[d], v.c[h], dir),
        f3(37, t[d], t[h], v.punct_between(d.min(h), d.max(h)) + 10 * dir),
        f3(38, t[d], v.a[d], t[h]),
        f3(39, t[d], t[h], v.a[h]),
    ];
    out.extend(hs.iter().map(|&x| bucket(x, mask)));
    if v.brown {
        // The nearest dependent of d on the head's side that is a function word (no dependents
        // of its own), usually the `case` or `mark` that tells obl from nmod, or advcl from xcomp.
        let kd = kids.of(d);
        let fw = if h < d { kd.iter().find(|&&c| (c as usize) < d) } else { kd.iter().rev().find(|&&c| (c as usize) > d) };
        let fw = fw.map_or(none, |&c| c as usize);
        let (nleft, nright) = (kd.iter().filter(|&&c| (c as usize) < d).count().min(3) as u64, kd.iter().filter(|&&c| (c as usize) > d).count().min(3) as u64);
        let hb = [
            f2(40, v.br[d], t[h]),
            f2(41, t[d], v.br[h]),
            f3(42, v.br[d], v.br[h], dir),
            f3(43, v.bp[d], v.bp[h], dir),
            f3(44, w[d], w[h], dir),
            f3(45, w[fw], u[h], u[d]),
            f3(46, w[fw], w[h], dir),
            f3(47, hl, w[d], dir),
            f3(48, t[d], t[h], nleft * 4 + nright),
            f3(49, hl, t[d], dist),
        ];
        out.extend(hb.iter().map(|&x| bucket(x, mask)));
    }
    let mut push = |x: u64| out.push(bucket(x, mask));
    // Dependents of d (its function words decide much: `by` for obl:agent, `to` for xcomp).
    for (k, &c) in kids.of(d).iter().enumerate().take(8) {
        let c = c as usize;
        let side = if c < d { 3 } else { 4 };
        push(f3(30, wt[c], t[d], side));
        push(f2(31, t[c], t[d]));
        if k == 0 {
            push(f2(32, wt[c], t[h]));
        }
    }
    // The two nearest other dependents of h on each side of d, with their side (passive `was`,
    // a preceding subject, a copula). Farther ones were tried and were worth little for their
    // cost: these features are a third of the labeler's time.
    let near = sibs[at.saturating_sub(2)..at].iter().chain(sibs.get(at + 1..(at + 3).min(sibs.len())).unwrap_or(&[]));
    for &c in near {
        let c = c as usize;
        let side = if c < d { 5 } else { 6 };
        push(f3(33, wt[c], t[d], side));
        push(f3(34, t[c], t[h], side));
        push(f3(35, wt[c], t[h], t[d]));
    }
}

/// Buffers re-used across sentences by the labeler.
#[derive(Default)]
pub struct LabelScratch {
    kids: Kids,
    order: Vec<usize>,
    seen: Vec<bool>,
    feats: Vec<u32>,
    scores: Vec<f32>,
}

/// Labels a tree. `score(feats, scores, d)` classifies word `d` and returns the relation that
/// later words see as its context: the prediction at run time, the gold relation in training.
pub fn label_tree(
    v: &SentVals,
    heads: &[usize],
    root: u16,
    nclass: usize,
    mask: usize,
    s: &mut LabelScratch,
    mut score: impl FnMut(&[u32], &mut [f32], usize) -> u16,
) -> Vec<u16> {
    let n = heads.len() - 1;
    let mut labels = vec![u16::MAX; n + 1];
    s.kids.build(heads);
    label_order(n, &s.kids, &mut s.order, &mut s.seen);
    s.scores.resize(nclass, 0.0);
    for &d in &s.order {
        if heads[d] == 0 {
            labels[d] = root;
            continue;
        }
        label_features(v, heads, &labels, &s.kids, d, mask, &mut s.feats);
        labels[d] = score(&s.feats, &mut s.scores, d);
    }
    labels
}

impl Labeler {
    pub fn label(&self, v: &SentVals, heads: &[usize], s: &mut LabelScratch) -> Vec<u16> {
        let root = self.root as usize;
        label_tree(v, heads, self.root, self.w.nclass, self.w.mask, s, |f, sc, _| {
            self.w.score(f, sc);
            argmax_where(sc, |k| k != root).unwrap_or(0) as u16
        })
    }
}

/// One epoch of labeler training on gold trees: the gold relation of each word is the target and
/// the gold relations of words labelled before it are the context (teacher forcing).
pub fn train_labeler_epoch(tr: &mut Trainer, data: &[(SentVals, Vec<usize>, Vec<u16>)], order: &[usize], root: u16) {
    let nclass = tr.nclass;
    let mask = tr.mask;
    let mut s = LabelScratch::default();
    for &i in order {
        let (v, heads, gold) = &data[i];
        label_tree(v, heads, root, nclass, mask, &mut s, |feats, scores, d| {
            tr.score(feats, scores);
            let pred = argmax_where(scores, |k| k != root as usize).unwrap_or(0);
            tr.update(feats, gold[d] as usize, pred);
            tr.tick();
            // Teacher forcing: later words see the gold relation.
            gold[d]
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Following the zero-cost moves from the start rebuilds any projective tree exactly.
    #[test]
    fn static_path_of_dynamic_oracle_rebuilds_gold() {
        let trees: &[&[usize]] = &[
            &[0, 2, 0, 2],          // a ← b → c
            &[0, 0, 1, 2, 3],       // chain to the right
            &[0, 4, 4, 4, 0],       // three left dependents
            &[0, 2, 0, 4, 2, 2, 7, 5], // mixed
            &[0, 0],
        ];
        for gold in trees {
            let n = gold.len() - 1;
            let kids = gold_kids(gold);
            let mut st = State::new(n);
            while !st.terminal() {
                let a = (0..3).find(|&a| st.legal(a) && st.cost(a, gold, &kids) == 0).expect("zero-cost move");
                st.apply(a);
            }
            assert_eq!(&st.heads[1..], &gold[1..], "{gold:?}");
        }
    }

    /// The canonical gold sequence rebuilds the tree, attaching as early as possible.
    #[test]
    fn gold_sequence_rebuilds_gold() {
        for gold in [&[0usize, 2, 0, 2][..], &[0, 0, 1, 2, 3], &[0, 4, 4, 4, 0], &[0, 2, 0, 4, 2, 2, 7, 5]] {
            let n = gold.len() - 1;
            let kids = gold_kids(gold);
            let seq = gold_sequence(gold, &kids);
            assert_eq!(seq.len(), 2 * n);
            let mut st = State::new(n);
            for a in seq {
                st.apply(a);
            }
            assert_eq!(&st.heads[1..], &gold[1..]);
        }
    }

    fn toy_vals(words: &[&str], tags: &[u16]) -> SentVals {
        let clusters = crate::cluster::Clusters::default();
        let wv = crate::tagger::word_vals(words, &clusters);
        SentVals::new(wv.into_iter(), tags, &vec![crate::tagger::NO_ALT; tags.len()], &[0, 1, 2, 3])
    }

    /// Global training with the beam learns a small treebank, and the beam decoder (with and
    /// without pruning) gives its trees back; a model that learned nothing would not.
    #[test]
    fn beam_training_learns_a_toy_treebank() {
        // tags: 0 noun, 1 verb, 2 determiner, 3 preposition
        let data = vec![
            ParseExample { vals: toy_vals(&["Khan", "visited", "Moscow"], &[0, 1, 0]), gold: vec![0, 2, 0, 2] },
            ParseExample { vals: toy_vals(&["the", "minister", "met", "Putin"], &[2, 0, 1, 0]), gold: vec![0, 2, 3, 0, 3] },
            ParseExample { vals: toy_vals(&["Putin", "arrived", "in", "Delhi"], &[0, 1, 3, 0]), gold: vec![0, 2, 0, 4, 2] },
            ParseExample {
                vals: toy_vals(&["the", "talks", "ended", "in", "the", "capital"], &[2, 0, 1, 3, 2, 0]),
                gold: vec![0, 2, 3, 0, 6, 6, 3],
            },
        ];
        let mut tr = Trainer::new(16, 3);
        let order: Vec<usize> = (0..data.len()).collect();
        for _ in 0..15 {
            train_epoch_beam(&mut tr, &data, &order, 4);
        }
        // Margin 0 keeps all four items; margin 1 (one table unit) keeps only the items tied
        // with the best, nearly greedy: a trained model must get these trees either way.
        for margin in [0.0, 1.0] {
            let p = Parser { w: tr.averaged().quantize(), beam: 4, margin };
            let mut s = ParseScratch::default();
            for ex in &data {
                let h = p.parse(&ex.vals, &mut s);
                assert_eq!(&h[1..], &ex.gold[1..], "margin {margin}");
            }
        }
    }

    #[test]
    fn kids_and_label_order_follow_the_tree() {
        // (heads with index 0 unused, dependents of 0..=n, breadth-first order)
        let cases: &[(&[usize], &[&[u32]], &[usize])] = &[
            (&[0, 2, 0, 2], &[&[2], &[], &[1, 3], &[]], &[2, 1, 3]),
            (&[0, 0, 1, 2], &[&[1], &[2], &[3], &[]], &[1, 2, 3]),
            (&[0, 3, 3, 0, 3], &[&[3], &[], &[], &[1, 2, 4], &[]], &[3, 1, 2, 4]),
            // A broken head (out of range) still yields every word once.
            (&[0, 0, 9], &[&[1], &[], &[]], &[1, 2]),
        ];
        let mut k = Kids::default();
        let (mut order, mut seen) = (Vec::new(), Vec::new());
        for &(heads, kids, want) in cases {
            k.build(heads);
            for (h, &ks) in kids.iter().enumerate() {
                assert_eq!(k.of(h), ks, "{heads:?} kids of {h}");
            }
            assert!(k.of(heads.len() + 5).is_empty());
            label_order(heads.len() - 1, &k, &mut order, &mut seen);
            assert_eq!(order, want, "{heads:?}");
        }
    }

    #[test]
    fn lifting_makes_trees_projective() {
        // 1 → 3 crosses 2 → 4 ... (heads: 1 root, 2 ← 1, 3 ← 1? ) build a classic crossing pair.
        let heads = [usize::MAX, 0, 4, 1, 1]; // arc 4→2 spans 3, whose head 1 is outside it
        let p = projectivize(&heads);
        assert_eq!(p, vec![usize::MAX, 0, 1, 1, 1]);
        let proj = [usize::MAX, 2, 0, 2];
        assert_eq!(projectivize(&proj), proj.to_vec());
    }
}
