//! Word classes learned from raw text by the predictive exchange algorithm (Uszkoreit & Brants
//! 2008, after Kneser & Ney 1993): every word of a vocabulary is put in one of K classes so that
//! the class-bigram model `P(w | v) = P(w | C(w)) · P(C(w) | v)` fits the text best. Words that
//! follow the same words end up together, which is what a tagger needs for a word it never saw
//! tagged (`Gazprom` with `Shell`, `unsolicited` with `unwanted`).
//!
//! Two clusterings are kept per word: one by the words before it (`left`) and one by the words
//! after it (`right`, the same algorithm on reversed text). Only the table — a word hash and two
//! class numbers per word — goes into the model; the text it was learned from does not.
//!
//! Words are normalised before lookup (lowercase, every digit `0`), so `1999` and `2004` share
//! their classes.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::feat::hash_str;
use crate::io::{self, Reader, Writer};
use crate::tagger::IdMap;
use crate::SyntaxError;

/// Learned classes of normalised words.
#[derive(Default, Clone)]
pub struct Clusters {
    /// Normalised-form hash → left class | right class << 16.
    map: IdMap<u32>,
    /// Form hash (as written, and lowercased) → Brown cluster (its bit path as an integer), from
    /// an external table (see [`Clusters::add_brown`]); empty when trained without one.
    brown: IdMap<u32>,
}

/// Settings of one clustering run.
#[derive(Debug, Clone, Copy)]
pub struct ClusterConfig {
    pub classes: usize,
    pub iterations: usize,
    /// Words seen fewer times get no class.
    pub min_count: u32,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig { classes: 256, iterations: 8, min_count: 3 }
    }
}

/// Hash of the normalised form of `word` (lowercased, digits as `0`), using `buf` as scratch.
pub fn key(word: &str, buf: &mut String) -> u64 {
    buf.clear();
    for c in word.chars() {
        if c.is_ascii_digit() {
            buf.push('0');
        } else {
            buf.extend(c.to_lowercase());
        }
    }
    hash_str(buf)
}

impl Clusters {
    /// (left, right) classes of a normalised-form hash from [`key`].
    #[inline]
    pub fn get(&self, key: u64) -> Option<(u16, u16)> {
        self.map.get(&key).map(|&x| (x as u16, (x >> 16) as u16))
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Brown cluster of a form, by its hash as written, else by its lowercased hash.
    #[inline]
    pub fn brown(&self, raw: u64, low: u64) -> Option<u32> {
        if self.brown.is_empty() {
            return None;
        }
        self.brown.get(&raw).or_else(|| self.brown.get(&low)).copied()
    }

    pub fn brown_len(&self) -> usize {
        self.brown.len()
    }

    /// Adds Brown clusters from a JSON object `{ "form": path_as_integer, ... }`, gzipped or not
    /// (the `en_lexeme_cluster.json.gz` table of the PyPI package `spacy-lookups-data`, MIT).
    /// Value 0 means "no cluster" there and is skipped. A lowercased form that is not in the
    /// table itself takes the cluster of the first of its spellings in byte order.
    pub fn add_brown(&mut self, path: &Path) -> Result<usize, SyntaxError> {
        let bytes = std::fs::read(path).map_err(|source| SyntaxError::Io { path: path.to_path_buf(), source })?;
        let text = if bytes.starts_with(&[0x1f, 0x8b]) {
            let mut s = String::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_string(&mut s)
                .map_err(|source| SyntaxError::Io { path: path.to_path_buf(), source })?;
            s
        } else {
            String::from_utf8(bytes).map_err(|e| SyntaxError::Train(format!("{}: {e}", path.display())))?
        };
        let table: std::collections::BTreeMap<String, u64> =
            serde_json::from_str(&text).map_err(|e| SyntaxError::Train(format!("{}: {e}", path.display())))?;
        let mut lower: std::collections::BTreeMap<String, u32> = std::collections::BTreeMap::new();
        for (form, &c) in &table {
            if c == 0 || c > u32::MAX as u64 {
                continue;
            }
            self.brown.insert(hash_str(form), c as u32);
            let low = form.to_lowercase();
            if low != *form && table.get(&low).is_none_or(|&x| x == 0) {
                lower.entry(low).or_insert(c as u32);
            }
        }
        for (form, c) in lower {
            self.brown.entry(hash_str(&form)).or_insert(c);
        }
        Ok(self.brown.len())
    }

    /// Learns both clusterings from tokenised sentences.
    pub fn learn(sents: &[Vec<String>], cfg: ClusterConfig) -> Clusters {
        let mut buf = String::new();
        // Vocabulary in a reproducible order: falling count, then the string.
        let mut counts: HashMap<String, u32> = HashMap::new();
        for s in sents {
            for w in s {
                key(w, &mut buf);
                match counts.get_mut(buf.as_str()) {
                    Some(c) => *c += 1,
                    None => {
                        counts.insert(buf.clone(), 1);
                    }
                }
            }
        }
        let mut vocab: Vec<(String, u32)> = counts.into_iter().filter(|(_, c)| *c >= cfg.min_count).collect();
        vocab.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        // Id 0 is the boundary, 1 stands for every word outside the vocabulary.
        let id: HashMap<&str, u32> = vocab.iter().enumerate().map(|(i, (w, _))| (w.as_str(), i as u32 + 2)).collect();
        let nword = vocab.len() + 2;
        let mut seqs: Vec<Vec<u32>> = Vec::with_capacity(sents.len());
        for s in sents {
            let mut q = Vec::with_capacity(s.len() + 2);
            q.push(0);
            for w in s {
                key(w, &mut buf);
                q.push(id.get(buf.as_str()).copied().unwrap_or(1));
            }
            q.push(0);
            seqs.push(q);
        }
        let left = exchange(&seqs, nword, cfg, false);
        let right = exchange(&seqs, nword, cfg, true);
        let mut map = IdMap::default();
        for (i, (w, _)) in vocab.iter().enumerate() {
            let k = hash_str(w);
            map.insert(k, left[i + 2] as u32 | (right[i + 2] as u32) << 16);
        }
        Clusters { map, brown: IdMap::default() }
    }

    pub fn write(&self, out: &mut Writer) {
        io::write_map(&self.map, out);
        if out.version >= 3 {
            io::write_map(&self.brown, out);
        }
    }

    pub fn read(inp: &mut Reader) -> Result<Clusters, SyntaxError> {
        let map = io::read_map(inp)?;
        let brown = if inp.version >= 3 { io::read_map(inp)? } else { IdMap::default() };
        Ok(Clusters { map, brown })
    }
}


/// `x ln x` for integer counts, tabled: the exchange step evaluates it hundreds of millions of times.
struct XLogX(Vec<f64>);

impl XLogX {
    fn new(max: usize) -> Self {
        XLogX((0..=max).map(|x| if x == 0 { 0.0 } else { x as f64 * (x as f64).ln() }).collect())
    }
    #[inline(always)]
    fn f(&self, x: u32) -> f64 {
        match self.0.get(x as usize) {
            Some(&v) => v,
            None => x as f64 * (x as f64).ln(),
        }
    }
}

/// Class of every word id (ids 0 and 1 keep class 0 and 1: boundary and unknown are contexts,
/// not words to classify). With `reverse`, words are classed by their successors.
fn exchange(seqs: &[Vec<u32>], nword: usize, cfg: ClusterConfig, reverse: bool) -> Vec<u16> {
    let k = cfg.classes.clamp(2, u16::MAX as usize);
    // Context lists: for each word w, (context v, n(v, w)) where v precedes (or follows) w.
    let mut pairs: HashMap<(u32, u32), u32> = HashMap::new();
    let mut n_w = vec![0u32; nword];
    let mut n_ctx = vec![0u32; nword];
    for q in seqs {
        for p in q.windows(2) {
            let (v, w) = if reverse { (p[1], p[0]) } else { (p[0], p[1]) };
            *pairs.entry((v, w)).or_default() += 1;
            n_w[w as usize] += 1;
            n_ctx[v as usize] += 1;
        }
    }
    let mut ctx: Vec<Vec<(u32, u32)>> = vec![Vec::new(); nword];
    for (&(v, w), &c) in &pairs {
        ctx[w as usize].push((v, c));
    }
    drop(pairs);
    for c in &mut ctx {
        c.sort_unstable();
    }
    // Frequent words first, each its own class until the classes run out; then round robin.
    let mut class: Vec<u16> = (0..nword).map(|w| (w % k) as u16).collect();
    let mut n_c = vec![0u32; k];
    let mut n_vc = vec![0u32; nword * k];
    for w in 0..nword {
        let c = class[w] as usize;
        n_c[c] += n_w[w];
        for &(v, n) in &ctx[w] {
            n_vc[v as usize * k + c] += n;
        }
    }
    let table = XLogX::new(1 << 20);
    let mut delta = vec![0f64; k];
    for _ in 0..cfg.iterations {
        let mut moved = 0usize;
        for w in 2..nword {
            let old = class[w] as usize;
            // Take w out of its class.
            n_c[old] -= n_w[w];
            for &(v, n) in &ctx[w] {
                n_vc[v as usize * k + old] -= n;
            }
            // Gain of putting w into each class: Σ_v F(N(v,c)+n) − F(N(v,c)) − [F(N(c)+N(w)) − F(N(c))].
            for (c, d) in delta.iter_mut().enumerate() {
                *d = table.f(n_c[c]) - table.f(n_c[c] + n_w[w]);
            }
            for &(v, n) in &ctx[w] {
                let row = &n_vc[v as usize * k..(v as usize + 1) * k];
                for (d, &x) in delta.iter_mut().zip(row) {
                    *d += table.f(x + n) - table.f(x);
                }
            }
            // Stay unless another class is strictly better: ties keep the run deterministic.
            let mut best = old;
            for c in 0..k {
                if delta[c] > delta[best] + 1e-9 {
                    best = c;
                }
            }
            if best != old {
                moved += 1;
            }
            class[w] = best as u16;
            n_c[best] += n_w[w];
            for &(v, n) in &ctx[w] {
                n_vc[v as usize * k + best] += n;
            }
        }
        if moved * 1000 < nword {
            break;
        }
    }
    class
}

/// Tokenised sentences of every `.txt` file under `dir` (sorted paths, so the result is
/// reproducible): one sentence per non-empty line, words split off their punctuation and
/// clitics roughly as UD English does it. Rough is enough: the clusters only need contexts.
pub fn read_raw_dir(dir: &Path) -> Result<Vec<Vec<String>>, SyntaxError> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let rd = std::fs::read_dir(&d).map_err(|source| SyntaxError::Io { path: d.clone(), source })?;
        for e in rd {
            let e = e.map_err(|source| SyntaxError::Io { path: d.clone(), source })?;
            let p: PathBuf = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "txt") {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let bytes = std::fs::read(&f).map_err(|source| SyntaxError::Io { path: f.clone(), source })?;
        // A few corpora carry stray Latin-1 bytes; a lossy decode loses a character, not the file.
        let text = String::from_utf8_lossy(&bytes);
        for line in text.lines() {
            let toks = tokenize(line);
            if !toks.is_empty() {
                out.push(toks);
            }
        }
    }
    Ok(out)
}

const CLITICS: [&str; 7] = ["n't", "'s", "'re", "'ll", "'ve", "'d", "'m"];

/// Whitespace words, leading and trailing punctuation split off, English clitics split.
pub fn tokenize(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    for chunk in line.split_whitespace() {
        let chunk = chunk.replace(['\u{2019}', '\u{2018}'], "'").replace(['\u{201c}', '\u{201d}'], "\"");
        let mut s = chunk.as_str();
        while let Some(c) = s.chars().next().filter(|c| "\"'([{".contains(*c)) {
            out.push(c.to_string());
            s = &s[c.len_utf8()..];
        }
        let mut tail = Vec::new();
        while let Some(c) = s.chars().next_back() {
            // A final period stays on abbreviations like `U.S.` (another period inside).
            let is_abbrev = c == '.' && s[..s.len() - 1].contains('.');
            if ",;:!?\")]}'".contains(c) || (c == '.' && !is_abbrev) {
                tail.push(c.to_string());
                s = &s[..s.len() - c.len_utf8()];
            } else {
                break;
            }
        }
        if !s.is_empty() {
            let lower = s.to_ascii_lowercase();
            match CLITICS.iter().find(|c| lower.ends_with(*c) && lower.len() > c.len()) {
                Some(c) => {
                    let cut = s.len() - c.len();
                    out.push(s[..cut].to_string());
                    out.push(s[cut..].to_string());
                }
                None => out.push(s.to_string()),
            }
        }
        out.extend(tail.into_iter().rev());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brown_table_loads_looks_up_and_round_trips() {
        let dir = std::env::temp_dir().join(format!("dragoman-brown-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let table = r#"{"the": 11, "Microsoft": 1234, "apple": 77, "Apple": 90, "nothing": 0}"#;
        let plain = dir.join("b.json");
        std::fs::write(&plain, table).expect("write");
        let gz = dir.join("b.json.gz");
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut enc, table.as_bytes()).expect("gzip");
        std::fs::write(&gz, enc.finish().expect("gzip")).expect("write");
        for path in [&plain, &gz] {
            let mut c = Clusters::default();
            // 4 forms with a cluster, plus "microsoft" (a lowercased form not in the table).
            assert_eq!(c.add_brown(path).expect("loads"), 5);
            let h = |s: &str| hash_str(s);
            assert_eq!(c.brown(h("the"), h("the")), Some(11));
            assert_eq!(c.brown(h("MICROSOFT"), h("microsoft")), Some(1234));
            // "apple" is in the table itself: its own cluster, not Apple's.
            assert_eq!(c.brown(h("APPLE"), h("apple")), Some(77));
            assert_eq!(c.brown(h("nothing"), h("nothing")), None);
            let mut w = Writer { buf: Vec::new(), version: 3 };
            c.write(&mut w);
            let mut r = Reader::raw(&w.buf);
            let back = Clusters::read(&mut r).expect("reads");
            assert_eq!(back.brown_len(), c.brown_len());
            assert_eq!(back.brown(h("MICROSOFT"), h("microsoft")), Some(1234));
            assert_eq!(back.brown(h("the"), h("the")), Some(11));
            // Version 2 files have no Brown section.
            let mut w2 = Writer { buf: Vec::new(), version: 2 };
            c.write(&mut w2);
            assert!(w2.buf.len() < w.buf.len());
        }
        assert!(Clusters::default().add_brown(&dir.join("missing.json")).is_err());
        std::fs::write(&plain, "not json").expect("write");
        assert!(Clusters::default().add_brown(&plain).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn tokenize_splits_punctuation_and_clitics() {
        let cases: &[(&str, &[&str])] = &[
            ("He's fine, isn't he?", &["He", "'s", "fine", ",", "is", "n't", "he", "?"]),
            ("\"Outrageous\" (he said).", &["\"", "Outrageous", "\"", "(", "he", "said", ")", "."]),
            ("the U.S. team", &["the", "U.S.", "team"]),
            ("Jaynes' lawyer", &["Jaynes", "'", "lawyer"]),
        ];
        for (line, want) in cases {
            assert_eq!(tokenize(line), *want, "{line}");
        }
    }

    #[test]
    fn words_with_the_same_contexts_share_a_class() {
        // `cat` and `dog` are interchangeable here; `runs` and `sleeps` too.
        let text = "the cat runs\nthe dog runs\nthe cat sleeps\nthe dog sleeps\na cat runs\na dog sleeps";
        let mut sents: Vec<Vec<String>> = Vec::new();
        for _ in 0..5 {
            sents.extend(text.lines().map(tokenize));
        }
        let cl = Clusters::learn(&sents, ClusterConfig { classes: 3, iterations: 10, min_count: 1 });
        let mut b = String::new();
        let c = |w: &str, b: &mut String| cl.get(key(w, b)).expect("in vocabulary");
        assert_eq!(c("cat", &mut b).0, c("dog", &mut b).0);
        assert_eq!(c("runs", &mut b).0, c("sleeps", &mut b).0);
        assert_ne!(c("cat", &mut b).0, c("runs", &mut b).0);
        assert_eq!(key("2004", &mut b), key("1999", &mut b), "digits are normalised");
    }
}
