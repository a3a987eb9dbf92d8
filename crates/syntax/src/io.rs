//! The model file format: little-endian, a magic header and a version, then sections in a fixed
//! order. Small and dependency-free; every read is bounds-checked and a short or foreign file
//! is a typed error, never a panic.

use crate::tagger::IdMap;
use crate::SyntaxError;

pub const MAGIC: &[u8; 8] = b"DRGSYNTX";
pub const VERSION: u32 = 3;
/// The oldest version this build still reads (version 2 has no beam width: greedy).
pub const OLDEST_VERSION: u32 = 2;

#[derive(Default)]
pub struct Writer {
    pub buf: Vec<u8>,
    /// Format version being written (sections added in a version are written only from it on).
    pub version: u32,
}

impl Writer {
    pub fn u8(&mut self, x: u8) {
        self.buf.push(x);
    }
    pub fn u32(&mut self, x: u32) {
        self.buf.extend_from_slice(&x.to_le_bytes());
    }
    pub fn u64(&mut self, x: u64) {
        self.buf.extend_from_slice(&x.to_le_bytes());
    }
    pub fn f32(&mut self, x: f32) {
        self.buf.extend_from_slice(&x.to_le_bytes());
    }
    /// LEB128: seven bits a byte, low first.
    pub fn varint(&mut self, mut x: u64) {
        while x >= 0x80 {
            self.buf.push(x as u8 | 0x80);
            x >>= 7;
        }
        self.buf.push(x as u8);
    }
    pub fn bytes(&mut self, b: &[u8]) {
        self.buf.extend_from_slice(b);
    }
    pub fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.bytes(s.as_bytes());
    }
    pub fn strs(&mut self, v: &[&str]) {
        self.u32(v.len() as u32);
        for s in v {
            self.str(s);
        }
    }
}

pub struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    /// Format version of the file being read.
    pub version: u32,
}

impl<'a> Reader<'a> {
    /// A reader of bare sections (no header), for tests of one table.
    #[cfg(test)]
    pub fn raw(data: &'a [u8]) -> Self {
        Reader { data, pos: 0, version: VERSION }
    }
    /// Checks magic and version and positions after them.
    pub fn open(data: &'a [u8]) -> Result<Self, SyntaxError> {
        if data.len() < 12 || &data[..8] != MAGIC {
            return Err(SyntaxError::BadMagic);
        }
        let mut r = Reader { data, pos: 8, version: 0 };
        let v = r.u32()?;
        r.version = v;
        if !(OLDEST_VERSION..=VERSION).contains(&v) {
            return Err(SyntaxError::Version { found: v, expected: VERSION });
        }
        Ok(r)
    }
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], SyntaxError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.data.len()).ok_or_else(|| {
            SyntaxError::Corrupt(format!("truncated: wanted {n} bytes at offset {}", self.pos))
        })?;
        let s = &self.data[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    pub fn u8(&mut self) -> Result<u8, SyntaxError> {
        Ok(self.take(1)?[0])
    }
    pub fn u32(&mut self) -> Result<u32, SyntaxError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    pub fn u64(&mut self) -> Result<u64, SyntaxError> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
    pub fn varint(&mut self) -> Result<u64, SyntaxError> {
        let mut x = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            x |= ((b & 0x7f) as u64) << shift;
            if b < 0x80 {
                return Ok(x);
            }
        }
        Err(SyntaxError::Corrupt("varint longer than 64 bits".into()))
    }
    pub fn f32(&mut self) -> Result<f32, SyntaxError> {
        Ok(f32::from_bits(self.u32()?))
    }
    pub fn string(&mut self) -> Result<String, SyntaxError> {
        let n = self.u32()? as usize;
        let b = self.take(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| SyntaxError::Corrupt("string is not UTF-8".into()))
    }
    pub fn strings(&mut self) -> Result<Vec<String>, SyntaxError> {
        let n = self.u32()? as usize;
        if n > self.data.len() {
            return Err(SyntaxError::Corrupt("string count larger than file".into()));
        }
        (0..n).map(|_| self.string()).collect()
    }
    pub fn at_end(&self) -> bool {
        self.pos == self.data.len()
    }

    /// Bytes not read yet (bounds what a count read from the file may reserve).
    pub fn remaining(&self) -> usize {
        self.data.len() - self.pos
    }
}

/// A hash → value table as a count and (hash, value) pairs in hash order.
pub fn write_map(map: &IdMap<u32>, out: &mut Writer) {
    let mut v: Vec<_> = map.iter().collect();
    v.sort_unstable();
    out.u32(v.len() as u32);
    for (&k, &c) in v {
        out.u64(k);
        out.u32(c);
    }
}

pub fn read_map(inp: &mut Reader) -> Result<IdMap<u32>, SyntaxError> {
    let n = inp.u32()? as usize;
    let mut map = IdMap::default();
    // 12 bytes an entry: a corrupt count cannot reserve more than the file holds.
    map.reserve(n.min(inp.remaining() / 12));
    for _ in 0..n {
        let k = inp.u64()?;
        map.insert(k, inp.u32()?);
    }
    Ok(map)
}
