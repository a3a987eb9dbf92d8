use serde::{Deserialize, Serialize};

/// A half-open range of UTF-8 byte offsets into a document's original text.
///
/// Byte offsets are the one internal unit: slicing is O(1) and every stage agrees. Conversion to
/// character offsets happens once, at output, through [`CharIndex`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    #[inline]
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// A span checked against `text`: in bounds, ordered, and on `char` boundaries.
    #[inline]
    pub fn checked(start: usize, end: usize, text: &str) -> Option<Self> {
        (start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end))
            .then_some(Span { start, end })
    }

    #[inline]
    pub fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    #[inline]
    pub fn len(self) -> usize {
        self.end - self.start
    }

    #[inline]
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both.
    #[inline]
    pub fn cover(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }

    #[inline]
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    #[inline]
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Converts byte offsets of one text into Unicode scalar (character) offsets, for the JSON edge.
///
/// Built once per document in O(n); each lookup is O(log k) in the number of non-ASCII characters,
/// and O(1) for pure-ASCII texts.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offsets at which a multi-byte character starts, with the extra bytes seen before it.
    multi: Vec<(usize, usize)>,
    len_bytes: usize,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let mut multi = Vec::new();
        let mut extra = 0usize;
        for (i, c) in text.char_indices() {
            let w = c.len_utf8();
            if w > 1 {
                extra += w - 1;
                // Store the byte offset *after* the character and the extra bytes up to there.
                multi.push((i + w, extra));
            }
        }
        CharIndex { multi, len_bytes: text.len() }
    }

    /// The character offset of a byte offset (which must be a char boundary).
    pub fn char_offset(&self, byte: usize) -> usize {
        let byte = byte.min(self.len_bytes);
        // Extra bytes of all multi-byte characters that end at or before `byte`.
        let k = self.multi.partition_point(|&(end, _)| end <= byte);
        if k == 0 {
            byte
        } else {
            byte - self.multi[k - 1].1
        }
    }

    /// `(start, end)` in characters.
    pub fn chars(&self, span: Span) -> (usize, usize) {
        (self.char_offset(span.start), self.char_offset(span.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_follow_python_slicing() {
        let text = "Putin’s visit — “big” ü";
        let idx = CharIndex::new(text);
        for (b, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            let expect = text[..b].chars().count();
            assert_eq!(idx.char_offset(b), expect, "byte {b}");
        }
    }

    #[test]
    fn checked_rejects_bad_spans() {
        let t = "né";
        assert!(Span::checked(0, 2, t).is_none()); // inside é
        assert!(Span::checked(2, 1, t).is_none());
        assert!(Span::checked(0, 3, t).is_some());
        assert!(Span::checked(0, 4, t).is_none());
    }
}
