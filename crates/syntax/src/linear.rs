//! Linear multi-class models over hashed features: the averaged perceptron used while training,
//! and the two read-only forms a trained model takes.
//!
//! Weights are laid out as one contiguous row per hash bucket, so each active feature costs one
//! row add. [`Quantized`] keeps every row as 16-bit integers (the parser: 3 transitions, so a
//! row is 8 bytes); [`Sparse`] keeps only the non-zero cells, CSR style (tagger and labeler:
//! ~50–100 classes, of which a feature has seldom more than a handful non-zero — this is what
//! keeps the committed model small). Scoring requests every row before summing any, so that the
//! cache misses of a feature vector overlap instead of queueing.

use crate::io::{Reader, Writer};
use crate::SyntaxError;

/// Averaged perceptron (Collins 2002) with the "w − u/c" averaging trick (Daumé 2006): no per-weight
/// timestamps, two arrays.
pub struct Trainer {
    pub nclass: usize,
    pub mask: usize,
    w: Vec<f32>,
    u: Vec<f32>,
    /// Number of examples seen; updates are weighted by it in `u`.
    c: f32,
}

impl Trainer {
    pub fn new(bits: u32, nclass: usize) -> Self {
        let rows = 1usize << bits;
        Trainer { nclass, mask: rows - 1, w: vec![0.0; rows * nclass], u: vec![0.0; rows * nclass], c: 1.0 }
    }

    /// Scores of all classes with the current (not averaged) weights.
    #[inline]
    pub fn score(&self, feats: &[u32], out: &mut [f32]) {
        score_dense(&self.w, self.nclass, self.nclass, feats, out);
    }

    /// One perceptron step: reward `gold`, penalise `pred` (no-op when equal).
    pub fn update(&mut self, feats: &[u32], gold: usize, pred: usize) {
        if gold == pred {
            return;
        }
        let c = self.c;
        let n = self.nclass;
        for &f in feats {
            let r = f as usize * n;
            self.w[r + gold] += 1.0;
            self.u[r + gold] += c;
            self.w[r + pred] -= 1.0;
            self.u[r + pred] -= c;
        }
    }

    /// Adds `delta` to the weights of `class` for every feature (a structured update's one step).
    pub fn add(&mut self, feats: &[u32], class: usize, delta: f32) {
        let c = self.c;
        let n = self.nclass;
        for &f in feats {
            let r = f as usize * n + class;
            self.w[r] += delta;
            self.u[r] += c * delta;
        }
    }

    /// Marks the end of one example (the averaging clock).
    #[inline]
    pub fn tick(&mut self) {
        self.c += 1.0;
    }

    /// The averaged weights, as a read-only dense model.
    pub fn averaged(&self) -> Dense {
        let c = self.c;
        let n = self.nclass;
        let stride = Dense::stride_of(n);
        let mut w = vec![0.0; (self.mask + 1) * stride];
        for (r, row) in w.chunks_exact_mut(stride).enumerate() {
            for (k, x) in row[..n].iter_mut().enumerate() {
                *x = self.w[r * n + k] - self.u[r * n + k] / c;
            }
        }
        Dense { nclass: n, stride, mask: self.mask, w }
    }
}

/// Rows `stride` floats apart, of which the first `nclass` count. Every row is requested before
/// any is summed so that the cache misses overlap.
#[inline(always)]
fn score_dense(w: &[f32], nclass: usize, stride: usize, feats: &[u32], out: &mut [f32]) {
    out[..nclass].fill(0.0);
    let out = &mut out[..nclass];
    for &f in feats {
        prefetch(&w[f as usize * stride]);
    }
    for &f in feats {
        let r = f as usize * stride;
        let row = &w[r..r + nclass];
        for (o, x) in out.iter_mut().zip(row) {
            *o += *x;
        }
    }
}

/// Averaged dense weights, the trainer's output: turned into [`Sparse`] or [`Quantized`] form.
#[derive(Clone)]
pub struct Dense {
    pub nclass: usize,
    /// Floats per row: 4 for 3 classes (aligned rows).
    stride: usize,
    pub mask: usize,
    w: Vec<f32>,
}

impl Dense {
    fn stride_of(nclass: usize) -> usize {
        if nclass <= 4 {
            4
        } else {
            nclass
        }
    }

    /// Cell-wise mean of tables of one shape (the first one's shape).
    pub fn mean(tables: &[Dense]) -> Dense {
        let mut out = tables[0].clone();
        for t in &tables[1..] {
            for (a, b) in out.w.iter_mut().zip(&t.w) {
                *a += b;
            }
        }
        let k = tables.len() as f32;
        for a in &mut out.w {
            *a /= k;
        }
        out
    }

    fn row(&self, r: usize) -> &[f32] {
        &self.w[r * self.stride..r * self.stride + self.nclass]
    }

    /// Drops the cells whose magnitude is under `eps` and keeps the rest in CSR form.
    pub fn to_sparse(&self, eps: f32) -> Sparse {
        let rows = self.mask + 1;
        let mut off = Vec::with_capacity(rows + 1);
        let mut cls = Vec::new();
        let mut val = Vec::new();
        off.push(0u32);
        for r in 0..rows {
            for (k, &x) in self.row(r).iter().enumerate() {
                if x.abs() >= eps {
                    cls.push(k as u8);
                    val.push(x);
                }
            }
            off.push(val.len() as u32);
        }
        // 16-bit values, one scale for the table (lossless in dev accuracy, half the memory).
        let max = val.iter().fold(0f32, |m, x| m.max(x.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut cells = Vec::with_capacity(val.len());
        let mut kept = Vec::with_capacity(off.len());
        kept.push(0u32);
        for r in 0..rows {
            for i in off[r] as usize..off[r + 1] as usize {
                let q = (val[i] / scale).round().clamp(-32767.0, 32767.0) as i16;
                if q != 0 {
                    cells.push(Cell { x: q, k: cls[i] as u16 });
                }
            }
            kept.push(cells.len() as u32);
        }
        Sparse { nclass: self.nclass, mask: self.mask, scale, off: kept, cells }
    }
}

/// Read-only dense weights of at most 4 classes as 16-bit integers: a row is 8 aligned bytes,
/// half the memory of `f32` rows, and the file stores only the non-zero rows, each behind the
/// varint gap from the previous one. One scale for the table: only the argmax is ever used, so
/// scores stay in integer units.
pub struct Quantized {
    pub nclass: usize,
    pub mask: usize,
    /// Weight units per integer step (kept in the file for reports; scoring ignores it).
    scale: f32,
    w: Vec<i16>,
}

const QSTRIDE: usize = 4;

impl Dense {
    /// Rounds to the nearest multiple of max|w| / 32767 (smaller weights become 0).
    pub fn quantize(&self) -> Quantized {
        assert!(self.nclass <= QSTRIDE, "quantized tables hold at most {QSTRIDE} classes");
        let max = self.w.iter().fold(0f32, |m, x| m.max(x.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let rows = self.mask + 1;
        let mut w = vec![0i16; rows * QSTRIDE];
        for r in 0..rows {
            for (k, &x) in self.row(r).iter().enumerate() {
                w[r * QSTRIDE + k] = (x / scale).round().clamp(-32767.0, 32767.0) as i16;
            }
        }
        Quantized { nclass: self.nclass, mask: self.mask, scale, w }
    }
}

impl Quantized {
    /// Sums the rows of `feats` (in integer units) into `out`.
    #[inline]
    pub fn score(&self, feats: &[u32], out: &mut [f32]) {
        self.prefetch(feats);
        self.score_fetched(feats, out);
    }

    /// Requests the rows of `feats` (ahead of [`Quantized::score_fetched`]).
    #[inline]
    pub fn prefetch(&self, feats: &[u32]) {
        for &f in feats {
            prefetch(&self.w[f as usize * QSTRIDE]);
        }
    }

    /// [`Quantized::score`] without requesting the rows first (the caller did, for several
    /// feature vectors at once, so that all their misses overlap).
    #[inline]
    pub fn score_fetched(&self, feats: &[u32], out: &mut [f32]) {
        let mut acc = [0i32; QSTRIDE];
        for &f in feats {
            let r = f as usize * QSTRIDE;
            let row = &self.w[r..r + QSTRIDE];
            for (a, &x) in acc.iter_mut().zip(row) {
                *a += x as i32;
            }
        }
        for (o, a) in out[..self.nclass].iter_mut().zip(acc) {
            *o = a as f32;
        }
    }

    fn row(&self, r: usize) -> &[i16] {
        &self.w[r * QSTRIDE..r * QSTRIDE + self.nclass]
    }

    /// Non-zero rows.
    pub fn live_rows(&self) -> usize {
        (0..=self.mask).filter(|&r| self.row(r).iter().any(|&x| x != 0)).count()
    }

    pub fn write(&self, out: &mut Writer) {
        out.u32(self.nclass as u32);
        out.u32((self.mask + 1).trailing_zeros());
        out.f32(self.scale);
        let live: Vec<usize> = (0..=self.mask).filter(|&r| self.row(r).iter().any(|&x| x != 0)).collect();
        out.u32(live.len() as u32);
        let mut prev = 0usize;
        for r in live {
            out.varint((r - prev) as u64);
            prev = r;
            for &x in self.row(r) {
                out.bytes(&x.to_le_bytes());
            }
        }
    }

    pub fn read(inp: &mut Reader) -> Result<Quantized, SyntaxError> {
        let nclass = inp.u32()? as usize;
        let bits = inp.u32()?;
        if bits > 28 || nclass == 0 || nclass > QSTRIDE {
            return Err(SyntaxError::Corrupt(format!("quantized table {bits} bits × {nclass} classes")));
        }
        let scale = inp.f32()?;
        let rows = 1usize << bits;
        let mut w = zeroed_huge::<i16>(rows * QSTRIDE);
        let live = inp.u32()? as usize;
        let mut r = 0usize;
        for _ in 0..live {
            r = r.saturating_add(inp.varint()? as usize);
            if r >= rows {
                return Err(SyntaxError::Corrupt(format!("quantized row {r} of {rows}")));
            }
            for k in 0..nclass {
                let b = inp.take(2)?;
                w[r * QSTRIDE + k] = i16::from_le_bytes([b[0], b[1]]);
            }
        }
        Ok(Quantized { nclass, mask: rows - 1, scale, w })
    }
}

/// Read-only sparse weights (CSR: row offsets, then (class, value) cells), values as 16-bit
/// integers times one scale.
#[derive(Clone)]
pub struct Sparse {
    pub nclass: usize,
    pub mask: usize,
    scale: f32,
    off: Vec<u32>,
    /// Class and value side by side, 4 bytes: 16 cells to a cache line.
    cells: Vec<Cell>,
}

#[derive(Clone, Copy, Default)]
struct Cell {
    x: i16,
    k: u16,
}

impl Sparse {
    /// Sums the rows of `feats` into `out`. The rows lie at random places in a table of
    /// megabytes, so nearly every one is a cache miss: the row bounds are all requested first
    /// and the cells prefetched before any is added, letting the misses overlap instead of
    /// queueing one behind another.
    #[inline]
    pub fn score(&self, feats: &[u32], out: &mut [f32]) {
        out[..self.nclass].fill(0.0);
        for &f in feats {
            prefetch(&self.off[f as usize]);
        }
        let mut spans = [(0u32, 0u32); 64];
        for chunk in feats.chunks(64) {
            for (s, &f) in spans.iter_mut().zip(chunk) {
                let (a, b) = (self.off[f as usize], self.off[f as usize + 1]);
                // Every cache line of the row (16 cells a line): long rows are the frequent
                // features, whose later lines would otherwise miss one by one.
                for c in (a..b).step_by(16) {
                    prefetch(&self.cells[c as usize]);
                }
                *s = (a, b);
            }
            for &(a, b) in &spans[..chunk.len()] {
                for c in &self.cells[a as usize..b as usize] {
                    out[c.k as usize] += c.x as f32;
                }
            }
        }
        for o in &mut out[..self.nclass] {
            *o *= self.scale;
        }
    }

    pub fn nonzero(&self) -> usize {
        self.cells.len()
    }

    pub fn write(&self, out: &mut Writer) {
        out.u32(self.nclass as u32);
        out.u32((self.mask + 1).trailing_zeros());
        out.u32(self.cells.len() as u32);
        out.f32(self.scale);
        // Row lengths rather than offsets: small numbers, and a reader can rebuild offsets in one pass.
        for r in 0..=self.mask {
            let len = self.off[r + 1] - self.off[r];
            out.u8(len.min(255) as u8);
        }
        for c in &self.cells {
            out.u8(c.k as u8);
        }
        for c in &self.cells {
            out.bytes(&c.x.to_le_bytes());
        }
    }

    pub fn read(inp: &mut Reader) -> Result<Sparse, SyntaxError> {
        let nclass = inp.u32()? as usize;
        let bits = inp.u32()?;
        let nnz = inp.u32()? as usize;
        let scale = inp.f32()?;
        if bits > 28 || nclass == 0 || nclass > 255 {
            return Err(SyntaxError::Corrupt(format!("sparse table {bits} bits × {nclass} classes")));
        }
        let rows = 1usize << bits;
        let lens = inp.take(rows)?;
        let mut off = zeroed_huge::<u32>(rows + 1);
        let mut acc = 0u32;
        for (o, &l) in off[1..].iter_mut().zip(lens) {
            acc += l as u32;
            *o = acc;
        }
        if acc as usize != nnz {
            return Err(SyntaxError::Corrupt("sparse table row lengths disagree with its size".into()));
        }
        let cls = inp.take(nnz)?.to_vec();
        if cls.iter().any(|&k| k as usize >= nclass) {
            return Err(SyntaxError::Corrupt("sparse table class out of range".into()));
        }
        let mut cells = zeroed_huge::<Cell>(nnz);
        for (c, &k) in cells.iter_mut().zip(&cls) {
            let b = inp.take(2)?;
            *c = Cell { x: i16::from_le_bytes([b[0], b[1]]), k: k as u16 };
        }
        Ok(Sparse { nclass, mask: rows - 1, scale, off, cells })
    }
}

/// A zeroed vector whose memory the kernel is asked to back with 2 MiB pages. Feature rows are
/// read at random over tens of megabytes: with 4 KiB pages nearly every row costs a TLB miss on
/// top of its cache miss. Must run before the pages are first touched; a refusal is harmless.
pub fn zeroed_huge<T: Copy + Default>(n: usize) -> Vec<T> {
    let v = vec![T::default(); n];
    #[cfg(target_os = "linux")]
    {
        let bytes = n * std::mem::size_of::<T>();
        if bytes >= 4 << 20 {
            let start = v.as_ptr() as usize;
            let page = 4096;
            let a = start.div_ceil(page) * page;
            let end = (start + bytes) / page * page;
            if end > a {
                // SAFETY: the range lies inside `v`'s allocation; madvise only changes paging
                // policy, never the contents or the validity of the memory.
                unsafe {
                    libc::madvise(a as *mut libc::c_void, end - a, libc::MADV_HUGEPAGE);
                }
            }
        }
    }
    v
}

/// Hints the CPU to start loading the cache line of `x` (no effect where there is no such hint).
#[inline(always)]
pub fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is only a hint; it never faults, whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch(x as *const T as *const i8, std::arch::x86_64::_MM_HINT_T0);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

/// Index of the highest score among the classes `allowed` says yes to (first wins ties, so results
/// are deterministic).
#[inline]
pub fn argmax_where(scores: &[f32], allowed: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (k, &s) in scores.iter().enumerate() {
        if allowed(k) && best.is_none_or(|b| s > scores[b]) {
            best = Some(k);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A trainer with a few updates, so that the tables hold positive, negative and zero cells.
    fn trained() -> Trainer {
        let mut tr = Trainer::new(4, 3);
        // (features, gold, predicted)
        let steps: &[(&[u32], usize, usize)] = &[(&[1, 2], 0, 1), (&[2, 3], 2, 0), (&[5], 1, 2), (&[1, 5, 9], 0, 2)];
        for &(f, g, p) in steps {
            tr.update(f, g, p);
            tr.tick();
        }
        tr
    }

    #[test]
    fn tables_survive_the_file_and_keep_their_argmax() {
        let dense = trained().averaged();
        let (q, s) = (dense.quantize(), dense.to_sparse(1e-6));
        let mut w = Writer::default();
        q.write(&mut w);
        s.write(&mut w);
        let mut r = Reader::raw(&w.buf);
        let (q2, s2) = (Quantized::read(&mut r).expect("quantized"), Sparse::read(&mut r).expect("sparse"));
        assert!(r.at_end());
        // (feature rows, expected best class from the float weights)
        let cases: &[&[u32]] = &[&[1], &[2], &[3], &[5], &[1, 5], &[2, 3, 9], &[7]];
        for &f in cases {
            let mut exact = [0f32; 3];
            score_dense(&dense.w, 3, dense.stride, f, &mut exact);
            let (mut a, mut b) = ([0f32; 3], [0f32; 3]);
            q2.score(f, &mut a);
            s2.score(f, &mut b);
            let best = argmax_where(&exact, |_| true);
            if exact.iter().any(|&x| x != exact[0]) {
                assert_eq!(argmax_where(&a, |_| true), best, "quantized {f:?}");
                assert_eq!(argmax_where(&b, |_| true), best, "sparse {f:?}");
            }
            for k in 0..3 {
                assert!((b[k] - exact[k]).abs() <= 1e-3 * exact[k].abs().max(1.0), "sparse value {f:?} {k}");
            }
        }
    }

    #[test]
    fn varints_round_trip() {
        let values = [0u64, 1, 127, 128, 300, 16_383, 16_384, u32::MAX as u64, u64::MAX];
        let mut w = Writer::default();
        for &x in &values {
            w.varint(x);
        }
        let mut r = Reader::raw(&w.buf);
        for &x in &values {
            assert_eq!(r.varint().expect("varint"), x);
        }
        assert!(r.at_end());
    }
}
