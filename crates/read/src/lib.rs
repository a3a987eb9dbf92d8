//! Readers: the first stage of the pipeline, turning input files into [`Document`]s.
//!
//! | input | what becomes a document |
//! |---|---|
//! | plain text (`.txt`, any unknown extension, stdin) | the whole file, title = its first line |
//! | JSON Lines (`.jsonl`, `.ndjson`) | each line: `text` (required), `id`, `title`, `url`, `source`, `date` or `published` |
//! | HTML (`.html`, `.htm`) | the article's main text and title (Readability, navigation and boilerplate dropped) |
//! | a directory | every file under it, in sorted order |
//!
//! Reading never stops at a bad record: every record becomes either a document or a
//! [`ReadError`] with its location (`file`, `file:line`), handed to the caller's sink in input
//! order. Invalid UTF-8, binary files, empty files, malformed JSON and a missing `text` are errors.
//!
//! ```
//! use dragoman_read::{read_bytes, Format};
//! let mut docs = Vec::new();
//! read_bytes(b"{\"text\": \"Khan left.\"}\nnot json\n", "feed.jsonl", Format::Jsonl, &mut |r| docs.push(r));
//! assert!(docs[0].is_ok());
//! assert!(docs[1].as_ref().is_err_and(|e| e.location == "feed.jsonl:2"));
//! ```

use dragoman_doc::{Document, Meta, StageError};
use std::path::Path;

/// Why a record could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadErrorKind {
    Io,
    InvalidUtf8,
    Binary,
    Empty,
    MalformedJson,
    MissingText,
    Html,
}

impl ReadErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReadErrorKind::Io => "io",
            ReadErrorKind::InvalidUtf8 => "invalid-utf8",
            ReadErrorKind::Binary => "binary",
            ReadErrorKind::Empty => "empty",
            ReadErrorKind::MalformedJson => "malformed-json",
            ReadErrorKind::MissingText => "missing-text",
            ReadErrorKind::Html => "html",
        }
    }
}

/// A record that could not be read, with where it was.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {message}")]
pub struct ReadError {
    pub kind: ReadErrorKind,
    /// `path` or `path:line`.
    pub location: String,
    pub message: String,
}

fn err(kind: ReadErrorKind, location: impl Into<String>, message: impl Into<String>) -> ReadError {
    ReadError { kind, location: location.into(), message: message.into() }
}

/// One read outcome.
pub type Record = Result<Document, ReadError>;

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Jsonl,
    Html,
}

impl Format {
    /// The format a path's extension implies (plain text when unknown).
    pub fn from_path(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("jsonl" | "ndjson") => Format::Jsonl,
            Some("html" | "htm" | "xhtml") => Format::Html,
            _ => Format::Text,
        }
    }
}

/// Reads a file or directory, handing each record to `sink` in order.
/// `format` overrides detection by extension.
pub fn read_path(path: &Path, format: Option<Format>, sink: &mut dyn FnMut(Record)) {
    if path.is_dir() {
        let mut entries: Vec<_> = match std::fs::read_dir(path) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => return sink(Err(err(ReadErrorKind::Io, path.display().to_string(), e.to_string()))),
        };
        entries.sort();
        for p in entries {
            read_path(&p, format, sink);
        }
        return;
    }
    let location = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => read_bytes(&bytes, &location, format.unwrap_or_else(|| Format::from_path(path)), sink),
        Err(e) => sink(Err(err(ReadErrorKind::Io, location, e.to_string()))),
    }
}

/// Reads standard input (plain text unless `format` says otherwise).
pub fn read_stdin(format: Option<Format>, sink: &mut dyn FnMut(Record)) {
    use std::io::Read;
    let mut bytes = Vec::new();
    match std::io::stdin().lock().read_to_end(&mut bytes) {
        Ok(_) => read_bytes(&bytes, "<stdin>", format.unwrap_or(Format::Text), sink),
        Err(e) => sink(Err(err(ReadErrorKind::Io, "<stdin>", e.to_string()))),
    }
}

/// A file is taken as binary when its first 8 KiB hold a NUL byte.
fn looks_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(8192)].contains(&0)
}

fn utf8<'a>(bytes: &'a [u8], location: &str) -> Result<&'a str, ReadError> {
    std::str::from_utf8(bytes).map_err(|e| {
        err(ReadErrorKind::InvalidUtf8, location, format!("invalid UTF-8 at byte {}", e.valid_up_to()))
    })
}

/// Reads in-memory bytes of one file in the given format.
pub fn read_bytes(bytes: &[u8], location: &str, format: Format, sink: &mut dyn FnMut(Record)) {
    if looks_binary(bytes) {
        return sink(Err(err(ReadErrorKind::Binary, location, "binary file (NUL bytes), not text")));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return sink(Err(err(ReadErrorKind::Empty, location, "empty input: no text to analyse")));
    }
    match format {
        Format::Text => sink(utf8(bytes, location).map(|t| text_document(t, location))),
        Format::Html => sink(utf8(bytes, location).and_then(|t| html_document(t, location))),
        Format::Jsonl => read_jsonl(bytes, location, sink),
    }
}

fn file_id(location: &str) -> String {
    Path::new(location).file_name().and_then(|n| n.to_str()).unwrap_or(location).to_string()
}

/// A plain-text article: the whole text, its first non-empty line as title.
pub fn text_document(text: &str, location: &str) -> Document {
    let title = text.lines().map(str::trim).find(|l| !l.is_empty()).map(str::to_string);
    Document::with_meta(text, Meta { id: file_id(location), title, ..Default::default() })
}

/// An HTML page: Readability's main text and title; the page's own publication time as date.
pub fn html_document(html: &str, location: &str) -> Result<Document, ReadError> {
    let cfg = dom_smoothie::Config { text_mode: dom_smoothie::TextMode::Formatted, ..Default::default() };
    let mut r = dom_smoothie::Readability::new(html, None, Some(cfg))
        .map_err(|e| err(ReadErrorKind::Html, location, e.to_string()))?;
    let article = r.parse().map_err(|e| err(ReadErrorKind::Html, location, format!("no article text found: {e}")))?;
    let text = article.text_content.to_string();
    let text = text.trim();
    if text.is_empty() {
        return Err(err(ReadErrorKind::Empty, location, "the page has no article text"));
    }
    let title = Some(article.title.trim().to_string()).filter(|t| !t.is_empty());
    let date = article.published_time.as_deref().and_then(normalise_date);
    Ok(Document::with_meta(text, Meta { id: file_id(location), title, date, ..Default::default() }))
}

/// `YYYY-MM-DD` from a date or timestamp string (`2022-02-22`, `2022-02-22T10:00:00Z`).
pub fn normalise_date(s: &str) -> Option<String> {
    let s = s.trim();
    let d = s.get(..10)?;
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let ok = digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10);
    let month: u32 = d[5..7].parse().ok()?;
    let day: u32 = d[8..10].parse().ok()?;
    (ok && (1..=12).contains(&month) && (1..=31).contains(&day) && (s.len() == 10 || !s.as_bytes()[10].is_ascii_digit()))
        .then(|| d.to_string())
}

fn read_jsonl(bytes: &[u8], location: &str, sink: &mut dyn FnMut(Record)) {
    for (n, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let loc = format!("{location}:{}", n + 1);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        sink(utf8(line, &loc).and_then(|l| json_record(l, &loc, n + 1, location)));
    }
}

fn json_record(line: &str, loc: &str, line_no: usize, file: &str) -> Result<Document, ReadError> {
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|e| err(ReadErrorKind::MalformedJson, loc, format!("malformed JSON: {e}")))?;
    let obj = value.as_object().ok_or_else(|| err(ReadErrorKind::MalformedJson, loc, "expected a JSON object"))?;
    let text = match obj.get("text") {
        Some(serde_json::Value::String(t)) if !t.trim().is_empty() => t.clone(),
        Some(serde_json::Value::String(_)) => return Err(err(ReadErrorKind::Empty, loc, "`text` is empty")),
        Some(_) => return Err(err(ReadErrorKind::MissingText, loc, "`text` must be a string")),
        None => return Err(err(ReadErrorKind::MissingText, loc, "missing required field `text`")),
    };
    let field = |k: &str| obj.get(k).and_then(|v| v.as_str()).map(str::to_string);
    let id = obj
        .get("id")
        .and_then(|v| v.as_str().map(str::to_string).or_else(|| v.as_i64().map(|i| i.to_string())))
        .unwrap_or_else(|| format!("{}:{line_no}", file_id(file)));
    let raw_date = field("date").or_else(|| field("published"));
    let date = raw_date.as_deref().and_then(normalise_date);
    let mut doc = Document::with_meta(
        text,
        Meta { id, title: field("title"), url: field("url"), source: field("source"), date },
    );
    if let (Some(raw), None) = (&raw_date, &doc.meta.date) {
        doc.errors.push(StageError { stage: "read".into(), message: format!("unrecognised date {raw:?}; no date used") });
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8], name: &str) -> Vec<Record> {
        let mut out = Vec::new();
        read_bytes(bytes, name, Format::from_path(Path::new(name)), &mut |r| out.push(r));
        out
    }

    fn kind(r: &Record) -> Option<ReadErrorKind> {
        r.as_ref().err().map(|e| e.kind)
    }

    #[test]
    fn plain_text() {
        let r = read("Khan Visits Moscow\n\nKhan left.".as_bytes(), "a.txt");
        let d = r[0].as_ref().unwrap();
        assert_eq!(d.meta.title.as_deref(), Some("Khan Visits Moscow"));
        assert_eq!(d.meta.id, "a.txt");
    }

    #[test]
    fn bad_inputs_are_reported() {
        assert_eq!(kind(&read(b"caf\xe9 au lait", "a.txt")[0]), Some(ReadErrorKind::InvalidUtf8));
        assert_eq!(kind(&read(b"\x7fELF\x00\x01\x02", "a.txt")[0]), Some(ReadErrorKind::Binary));
        assert_eq!(kind(&read(b"", "a.txt")[0]), Some(ReadErrorKind::Empty));
        assert_eq!(kind(&read(b" \n\t", "a.txt")[0]), Some(ReadErrorKind::Empty));
    }

    #[test]
    fn jsonl_good_and_bad_lines() {
        let input = b"{\"id\":\"a\",\"text\":\"Khan left.\",\"date\":\"2022-02-22T09:00:00Z\",\"url\":\"http://x\"}\n\
{\"text\": \n\
{\"title\":\"no text\"}\n\
[1,2]\n\
\n\
{\"text\":\"caf\xe9\"}\n\
{\"text\":\"Putin stayed.\",\"published\":\"yesterday\"}\n";
        let r = read(input, "feed.jsonl");
        assert_eq!(r.len(), 6);
        let a = r[0].as_ref().unwrap();
        assert_eq!((a.meta.id.as_str(), a.meta.date.as_deref(), a.meta.url.as_deref()), ("a", Some("2022-02-22"), Some("http://x")));
        assert_eq!(kind(&r[1]), Some(ReadErrorKind::MalformedJson));
        assert_eq!(r[1].as_ref().unwrap_err().location, "feed.jsonl:2");
        assert_eq!(kind(&r[2]), Some(ReadErrorKind::MissingText));
        assert_eq!(kind(&r[3]), Some(ReadErrorKind::MalformedJson));
        assert_eq!(kind(&r[4]), Some(ReadErrorKind::InvalidUtf8));
        assert_eq!(r[4].as_ref().unwrap_err().location, "feed.jsonl:6");
        let last = r[5].as_ref().unwrap();
        assert_eq!(last.meta.id, "feed.jsonl:7");
        assert_eq!(last.meta.date, None);
        assert_eq!(last.errors.len(), 1);
    }

    #[test]
    fn dates() {
        for (input, want) in [
            ("2022-02-22", Some("2022-02-22")),
            ("2022-02-22T10:00:00+05:00", Some("2022-02-22")),
            ("2022-13-01", None),
            ("22-02-2022", None),
            ("20220222", None),
            ("2022-02-223", None),
        ] {
            assert_eq!(normalise_date(input).as_deref(), want, "{input}");
        }
    }

    #[test]
    fn html_main_text() {
        let html = r#"<html><head><title>Khan visits Moscow | World News</title>
<meta property="article:published_time" content="2022-02-22T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Khan visits Moscow</h1>
<p>Pakistan's prime minister began a two-day visit to Russia on Wednesday, the first such trip in many years, officials said in a statement issued in Islamabad.</p>
<p>He is expected to meet the Russian president during the visit, which comes at a time of great tension between Moscow and the West over Ukraine.</p>
<p>Analysts said the timing of the trip was unfortunate, and that the visit could strain relations with Washington, which has long been a major donor.</p>
</article><footer>Copyright 2022. All rights reserved. Privacy policy. Cookie settings.</footer></body></html>"#;
        let r = read(html.as_bytes(), "page.html");
        let d = r[0].as_ref().unwrap();
        assert!(d.text.contains("two-day visit to Russia"), "{}", d.text);
        assert!(!d.text.contains("Cookie settings"));
        assert!(!d.text.contains("Sport"));
        assert!(d.meta.title.as_deref().is_some_and(|t| t.contains("Khan visits Moscow")));
        assert_eq!(d.meta.date.as_deref(), Some("2022-02-22"));
    }
}
