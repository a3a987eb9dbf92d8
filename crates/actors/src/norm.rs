//! Token normalisation shared by the dictionary side and the text side, so that a name written in
//! the data matches the words the segmenter produces.
//!
//! A *unit* is what the matcher compares: one token, or several tokens written without spaces and
//! joined by hyphens or letters (the segmenter splits `Tehrik-i-Taliban` into five tokens; the unit is
//! `tehrik-i-taliban`). Clitics (`'s`) and punctuation stay units of their own. A unit's key is
//! lower-cased, with curly quotes made straight, dashes made hyphens, periods dropped (`U.S.` →
//! `us`) and common Latin diacritics removed (`Côte` → `cote`).

use std::hash::{BuildHasherDefault, Hasher};

/// Appends the normalised form of `s` to `out`.
pub(crate) fn push_key(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            'a'..='z' | '0'..='9' | '-' | '\'' | '&' | '+' | '/' => out.push(c),
            '.' => {}
            '\u{2019}' | '\u{2018}' | '`' | '\u{b4}' | '\u{2032}' => out.push('\''),
            '\u{2010}'..='\u{2014}' | '\u{2212}' => out.push('-'),
            c if c.is_ascii() => out.push(c),
            c => fold(c, out),
        }
    }
}

pub(crate) fn key(s: &str) -> String {
    let mut k = String::with_capacity(s.len());
    push_key(s, &mut k);
    k
}

fn fold(c: char, out: &mut String) {
    let base = match c {
        'À'..='Å' | 'à'..='å' | 'ā' | 'Ā' | 'ă' | 'ą' => 'a',
        'Ç' | 'ç' | 'ć' | 'č' | 'Č' => 'c',
        'È'..='Ë' | 'è'..='ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'Ì'..='Ï' | 'ì'..='ï' | 'ī' | 'ı' | 'İ' => 'i',
        'Ñ' | 'ñ' | 'ń' | 'ň' => 'n',
        'Ò'..='Ö' | 'ò'..='ö' | 'Ø' | 'ø' | 'ō' | 'ő' => 'o',
        'Ù'..='Ü' | 'ù'..='ü' | 'ū' | 'ů' | 'ű' => 'u',
        'Ý' | 'ý' | 'ÿ' => 'y',
        'ś' | 'š' | 'Š' | 'ş' | 'Ş' | 'ș' | 'Ș' => 's',
        'ţ' | 'ț' | 'Ț' | 'ť' => 't',
        'ž' | 'Ž' | 'ź' | 'ż' => 'z',
        'ğ' | 'Ğ' => 'g',
        'ł' | 'Ł' => 'l',
        'ř' => 'r',
        'ð' | 'đ' | 'Đ' => 'd',
        'ß' => {
            out.push_str("ss");
            return;
        }
        'æ' | 'Æ' => {
            out.push_str("ae");
            return;
        }
        'ʻ' | 'ʼ' | 'ʿ' | 'ʾ' => '\'',
        c => {
            for l in c.to_lowercase() {
                out.push(l);
            }
            return;
        }
    };
    out.push(base);
}

/// Splits a dictionary name into the units the text side will produce: whitespace separates,
/// a possessive `'s` and brackets, commas and quotes become units of their own.
pub(crate) fn name_units(name: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for w in name.split_whitespace() {
        let mut w = w;
        while let Some(c) = w.chars().next() {
            if "(\"“‘[".contains(c) && w.len() > c.len_utf8() {
                out.push(&w[..c.len_utf8()]);
                w = &w[c.len_utf8()..];
            } else {
                break;
            }
        }
        let mut tail = Vec::new();
        loop {
            if let Some(c) = w.chars().last() {
                if ",;:)]\"”!?".contains(c) && w.len() > c.len_utf8() {
                    tail.push(&w[w.len() - c.len_utf8()..]);
                    w = &w[..w.len() - c.len_utf8()];
                    continue;
                }
            }
            for clitic in ["'s", "’s", "'S", "’S"] {
                if w.len() > clitic.len() && w.ends_with(clitic) {
                    tail.push(&w[w.len() - clitic.len()..]);
                    w = &w[..w.len() - clitic.len()];
                }
            }
            break;
        }
        if !w.is_empty() {
            out.push(w);
        }
        out.extend(tail.into_iter().rev());
    }
    out
}

/// What the case of a dictionary unit requires of the text.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum CaseReq {
    Any,
    /// Starts with a capital letter (proper names): rejects `turkey`, `chad`, `china`.
    Capital,
    /// All capitals (acronyms): rejects `us`, `who`, `raw`.
    Upper,
}

/// Lower-case words that may sit inside names without capitals (`Bank of England`, `bin`).
pub(crate) fn is_particle(k: &str) -> bool {
    matches!(
        k,
        "of" | "the" | "and" | "for" | "in" | "on" | "de" | "del" | "della" | "der" | "den" | "di" | "da" | "do"
            | "dos" | "das" | "du" | "des" | "la" | "le" | "les" | "el" | "al" | "bin" | "ibn" | "van" | "von"
            | "y" | "e" | "et" | "to" | "a" | "an" | "at" | "&" | "'s" | "'" | "-" | "wa" | "wal" | "ul" | "ud"
    )
}

pub(crate) fn case_req(unit: &str, from_uppercase_source: bool) -> CaseReq {
    let k = key(unit);
    if is_particle(&k) || !unit.chars().any(char::is_alphabetic) {
        return CaseReq::Any;
    }
    let first_upper = unit.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase);
    if from_uppercase_source {
        // PETRARCH writes every name in capitals: all we can ask is a proper-noun capital.
        return if first_upper { CaseReq::Capital } else { CaseReq::Any };
    }
    let letters: Vec<char> = unit.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        CaseReq::Upper
    } else if first_upper {
        CaseReq::Capital
    } else {
        CaseReq::Any
    }
}

/// FxHash (rustc's hasher): the keys are short words from our own data, so HashDoS resistance
/// buys nothing and SipHash would cost a third of the matcher's time.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.hash = (self.hash.rotate_left(5) ^ w).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        let mut last = 0u64;
        for (i, b) in chunks.remainder().iter().enumerate() {
            last |= (*b as u64) << (8 * i);
        }
        self.add(last);
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.hash
    }
}

pub(crate) type FxMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A stable identifier fragment: lower-case ASCII letters and digits joined by `-`.
pub(crate) fn slug(s: &str) -> String {
    let k = key(s);
    let mut out = String::with_capacity(k.len());
    let mut dash = false;
    for c in k.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            out.push(c);
            dash = false;
        } else {
            dash = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        let cases = [
            ("U.S.", "us"),
            ("Putin’s", "putin's"),
            ("Côte", "cote"),
            ("Tehrik-i-Taliban", "tehrik-i-taliban"),
            ("Mérida–Sur", "merida-sur"),
            ("São", "sao"),
            ("IMF", "imf"),
        ];
        for (s, want) in cases {
            assert_eq!(key(s), want, "{s}");
        }
    }

    #[test]
    fn name_units_split_like_the_segmenter() {
        let cases: &[(&str, &[&str])] = &[
            ("People's Liberation Army", &["People", "'s", "Liberation", "Army"]),
            ("Gavi, the Vaccine Alliance", &["Gavi", ",", "the", "Vaccine", "Alliance"]),
            ("Inter-Services Intelligence", &["Inter-Services", "Intelligence"]),
            ("Washington, D.C.", &["Washington", ",", "D.C."]),
        ];
        for (s, want) in cases {
            assert_eq!(name_units(s), *want, "{s}");
        }
    }

    #[test]
    fn case_requirements() {
        let cases = [
            ("US", false, CaseReq::Upper),
            ("U.S.", false, CaseReq::Upper),
            ("Pakistan", false, CaseReq::Capital),
            ("of", false, CaseReq::Any),
            ("minister", false, CaseReq::Any),
            ("PAKISTAN", true, CaseReq::Capital),
            ("OF", true, CaseReq::Any),
        ];
        for (s, up, want) in cases {
            assert_eq!(case_req(s, up), want, "{s}");
        }
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Imran Khan"), "imran-khan");
        assert_eq!(slug("Fernando de la Rúa"), "fernando-de-la-rua");
        assert_eq!(slug("U.N. Security Council"), "un-security-council");
    }
}
