//! Linear multi-class models over hashed features: the averaged perceptron used while training,
//! and the two read-only forms a trained model takes.
//!
//! Weights are laid out as one contiguous row of `nclass` floats per hash bucket, so each active
//! feature costs one row add. [`Dense`] keeps every row (the parser: 3 transitions, so rows are
//! tiny); [`Sparse`] keeps only the non-zero cells, CSR style (tagger and labeler: ~50–100 classes,
//! of which a feature has seldom more than a handful non-zero — this is what keeps the committed
//! model small).

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
            for k in 0..n {
                row[k] = self.w[r * n + k] - self.u[r * n + k] / c;
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

/// Read-only dense weights.
#[derive(Clone)]
pub struct Dense {
    pub nclass: usize,
    /// Floats per row in memory: 4 for 3 classes, so that a row is 16 aligned bytes and never
    /// straddles two cache lines (one feature = one line). The file stores `nclass` per row.
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

    #[inline]
    pub fn score(&self, feats: &[u32], out: &mut [f32]) {
        score_dense(&self.w, self.nclass, self.stride, feats, out);
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
        let cells = cls.iter().zip(&val).map(|(&k, &x)| Cell { k: k as u32, x }).collect();
        Sparse { nclass: self.nclass, mask: self.mask, off, cells }
    }

    /// Sets cells under `eps` to zero (so that the file's zero-row skipping pays).
    pub fn prune(&mut self, eps: f32) {
        for x in &mut self.w {
            if x.abs() < eps {
                *x = 0.0;
            }
        }
    }

    /// Stores rows that are not all zero, each behind its row index (delta-coded as u32 is not
    /// worth the complexity at this size).
    pub fn write(&self, out: &mut Writer) {
        out.u32(self.nclass as u32);
        out.u32((self.mask + 1).trailing_zeros());
        let live: Vec<usize> = (0..=self.mask).filter(|&r| self.row(r).iter().any(|&x| x != 0.0)).collect();
        out.u32(live.len() as u32);
        for r in live {
            out.u32(r as u32);
            for &x in self.row(r) {
                out.f32(x);
            }
        }
    }

    pub fn read(inp: &mut Reader) -> Result<Dense, SyntaxError> {
        let nclass = inp.u32()? as usize;
        let bits = inp.u32()?;
        if bits > 28 || nclass == 0 || nclass > 255 {
            return Err(SyntaxError::Corrupt(format!("dense table {bits} bits × {nclass} classes")));
        }
        let rows = 1usize << bits;
        let stride = Dense::stride_of(nclass);
        let mut w = vec![0.0f32; rows * stride];
        let live = inp.u32()? as usize;
        for _ in 0..live {
            let r = inp.u32()? as usize;
            if r >= rows {
                return Err(SyntaxError::Corrupt(format!("dense row {r} of {rows}")));
            }
            for k in 0..nclass {
                w[r * stride + k] = inp.f32()?;
            }
        }
        Ok(Dense { nclass, stride, mask: rows - 1, w })
    }
}

/// Read-only sparse weights (CSR: row offsets, then (class, value) cells).
pub struct Sparse {
    pub nclass: usize,
    pub mask: usize,
    off: Vec<u32>,
    /// Class and value side by side: one cache line per feature instead of two.
    cells: Vec<Cell>,
}

#[derive(Clone, Copy)]
struct Cell {
    k: u32,
    x: f32,
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
                if a < b {
                    prefetch(&self.cells[a as usize]);
                }
                *s = (a, b);
            }
            for &(a, b) in &spans[..chunk.len()] {
                for c in &self.cells[a as usize..b as usize] {
                    out[c.k as usize] += c.x;
                }
            }
        }
    }

    pub fn nonzero(&self) -> usize {
        self.cells.len()
    }

    pub fn write(&self, out: &mut Writer) {
        out.u32(self.nclass as u32);
        out.u32((self.mask + 1).trailing_zeros());
        out.u32(self.cells.len() as u32);
        // Row lengths rather than offsets: small numbers, and a reader can rebuild offsets in one pass.
        for r in 0..=self.mask {
            let len = self.off[r + 1] - self.off[r];
            out.u8(len.min(255) as u8);
        }
        for c in &self.cells {
            out.u8(c.k as u8);
        }
        for c in &self.cells {
            out.f32(c.x);
        }
    }

    pub fn read(inp: &mut Reader) -> Result<Sparse, SyntaxError> {
        let nclass = inp.u32()? as usize;
        let bits = inp.u32()?;
        let nnz = inp.u32()? as usize;
        if bits > 28 || nclass == 0 || nclass > 255 {
            return Err(SyntaxError::Corrupt(format!("sparse table {bits} bits × {nclass} classes")));
        }
        let rows = 1usize << bits;
        let lens = inp.take(rows)?;
        let mut off = Vec::with_capacity(rows + 1);
        let mut acc = 0u32;
        off.push(0);
        for &l in lens {
            acc += l as u32;
            off.push(acc);
        }
        if acc as usize != nnz {
            return Err(SyntaxError::Corrupt("sparse table row lengths disagree with its size".into()));
        }
        let cls = inp.take(nnz)?.to_vec();
        if cls.iter().any(|&k| k as usize >= nclass) {
            return Err(SyntaxError::Corrupt("sparse table class out of range".into()));
        }
        let mut cells = Vec::with_capacity(nnz);
        for &k in &cls {
            cells.push(Cell { k: k as u32, x: inp.f32()? });
        }
        Ok(Sparse { nclass, mask: rows - 1, off, cells })
    }
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
