//! Feature hashing. Every feature is a template id folded together with one or more value hashes;
//! the result picks a row of a weight table (`bucket`). No feature strings are ever built, which is
//! what keeps tagging and parsing allocation-light.

/// Multiplier of FxHash: cheap, and good enough once `bucket` finalises the value.
const K: u64 = 0x517c_c1b7_2722_0a95;

/// Folds one value into a running hash.
#[inline(always)]
pub fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(K)
}

/// Hash of a template id with one value.
#[inline(always)]
pub fn f1(t: u64, a: u64) -> u64 {
    mix(mix(t.wrapping_mul(0x9E37_79B9_7F4A_7C15), a), 1)
}

#[inline(always)]
pub fn f2(t: u64, a: u64, b: u64) -> u64 {
    mix(mix(mix(t.wrapping_mul(0x9E37_79B9_7F4A_7C15), a), b), 2)
}

#[inline(always)]
pub fn f3(t: u64, a: u64, b: u64, c: u64) -> u64 {
    mix(mix(mix(mix(t.wrapping_mul(0x9E37_79B9_7F4A_7C15), a), b), c), 3)
}

/// Row index of a feature hash in a table of `mask + 1` rows (murmur3's finaliser spreads the
/// low-entropy Fx hash over all bits before masking).
#[inline(always)]
pub fn bucket(h: u64, mask: usize) -> u32 {
    let mut x = h;
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^= x >> 33;
    (x as usize & mask) as u32
}

/// Hash of a string's bytes. Stable across runs and platforms (the model stores such hashes).
pub fn hash_str(s: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for &b in s.as_bytes() {
        h = mix(h, b as u64);
    }
    mix(h, s.len() as u64)
}

/// Lowercases into `buf` (cleared first).
pub fn lower_into(s: &str, buf: &mut String) {
    buf.clear();
    if s.is_ascii() {
        for b in s.bytes() {
            buf.push(b.to_ascii_lowercase() as char);
        }
    } else {
        for c in s.chars() {
            buf.extend(c.to_lowercase());
        }
    }
}

/// Word shape with runs collapsed to two: `Xxxx-99` → `Xxx-dd`. Captures capitalisation, digits
/// and inner punctuation, which is what unknown words are tagged by.
pub fn shape_hash(s: &str) -> u64 {
    let mut h = 0x1234_5678u64;
    let mut last = '\0';
    let mut run = 0;
    for c in s.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if k == last {
            run += 1;
            if run > 2 {
                continue;
            }
        } else {
            run = 1;
            last = k;
        }
        h = mix(h, k as u64);
    }
    h
}

/// Hashes of the last 1..=4 characters of `s` (the whole word where shorter, marked apart).
pub fn suffixes(s: &str) -> [u64; 4] {
    let mut out = [0u64; 4];
    let mut ends: [usize; 4] = [0; 4];
    let mut n = 0;
    for (i, _) in s.char_indices().rev() {
        if n == 4 {
            break;
        }
        ends[n] = i;
        n += 1;
    }
    for k in 0..4 {
        out[k] = if k < n { mix(hash_str(&s[ends[k]..]), 77) } else { mix(hash_str(s), 78 + k as u64) };
    }
    out
}

/// Hashes of the first 1..=3 characters of `s`.
pub fn prefixes(s: &str) -> [u64; 3] {
    let mut out = [0u64; 3];
    let mut it = s.char_indices().skip(1);
    for (k, slot) in out.iter_mut().enumerate() {
        let end = it.next().map(|(i, _)| i).unwrap_or(s.len());
        *slot = mix(hash_str(&s[..end]), 90 + k as u64);
    }
    out
}

/// Small fixed-seed xorshift generator: training must be reproducible run to run.
#[derive(Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn affixes_follow_characters_not_bytes() {
        // (word, suffix of length k, expected equal to hash of)
        let cases: &[(&str, usize, &str)] = &[("running", 3, "ing"), ("café", 2, "fé"), ("a", 1, "a")];
        for &(w, k, s) in cases {
            assert_eq!(suffixes(w)[k - 1], mix(hash_str(s), 77), "{w} {k}");
        }
        assert_eq!(prefixes("über")[1], mix(hash_str("üb"), 91));
        assert_ne!(suffixes("a")[1], suffixes("a")[0], "missing suffix lengths stay distinct");
    }

    #[test]
    fn shapes_collapse_runs() {
        assert_eq!(shape_hash("Xxxxxx"), shape_hash("Abcdefgh"));
        assert_ne!(shape_hash("Ab"), shape_hash("AB"));
        assert_eq!(shape_hash("2022"), shape_hash("1999"));
    }
}
