//! Readers: the first stage of the pipeline, turning input files into [`Document`]s.
//!
//! | input | what becomes a document |
//! |---|---|
//! | plain text (`.txt`, any unknown extension, stdin) | the whole file, title = its first line |
//! | JSON Lines (`.jsonl`, `.ndjson`) | each line: `text` (required), `id`, `title`, `url`, `source`, `date` or `published` |
//! | HTML (`.html`, `.htm`) | the article's main text and title (Readability, navigation and boilerplate dropped) |
//! | WARC (`.warc`, `.warc.gz`, plain or gzipped, per-record gzip members as in Common Crawl's CC-NEWS) | each `response` record whose HTTP payload is HTML, read like an HTML file; `url` = `WARC-Target-URI`, `id` = `WARC-Record-ID` (else the URL), `source` = the URL's host, `date` = the page's own publication date when it states one, else `WARC-Date` (the crawl time); a page that is not UTF-8 is decoded with the charset its HTTP header or `<meta>` declares |
//! | RSS 2.0 / Atom / JSON Feed (`.rss`, `.atom`, `.xml`) | each item: its content, else its summary (HTML stripped to text); `title`, `link` as `url`, `guid`/`id` as `id`, the local calendar date of `pubDate`/`published`, else `updated`; the feed's title as `source` |
//! | a directory | every file under it, in sorted order |
//! | a glob the shell did not expand (`data/*.warc.gz`) | every matching path, in sorted order |
//!
//! Reading never stops at a bad record: every record becomes either a document or a
//! [`ReadError`] with its location, handed to the caller's sink in input order. Invalid UTF-8,
//! binary files, empty files, malformed JSON, a missing `text`, a damaged WARC record, damaged
//! gzip data and a record over [`MAX_RECORD_BYTES`] are errors. Locations are `path`,
//! `path:line` (JSON Lines), `path#item` (feeds, 1-based) and `path@offset` (WARC: the byte offset
//! of the record in the file; in a `.warc.gz` the offset of the gzip member that holds it, written
//! `path@member+inner` when the record starts inside a member rather than at its start).
//!
//! Records that are fine but hold no article — WARC `request`, `metadata` and `warcinfo` records,
//! non-HTML or non-2xx responses, feed items without text — are not errors: they are counted in a
//! [`ReadStats`] that the caller passes to the `*_with_stats` functions ([`read_path_with_stats`]).
//! [`read_path`] and friends are the same readers with the counts thrown away.
//!
//! Entry points, each with a `*_with_stats` twin: [`read_path`] (file, directory or glob; format
//! from the name unless given), [`read_stdin`], [`read_reader`] (any `BufRead`: a pipe, a socket)
//! and [`read_bytes`] (bytes already in memory).
//!
//! Memory stays bounded whatever the input: WARC and JSON Lines are streamed record by record,
//! and no single record (a JSON line, an HTML payload, a text or HTML file) may exceed
//! [`MAX_RECORD_BYTES`]; a longer one is reported as [`ReadErrorKind::TooLarge`] and skipped
//! without being held in memory. A damaged gzip member in a `.warc.gz` is one error, after which
//! reading resumes at the next gzip member; a truncated `.warc.gz` ends with one error. A record
//! is handed out only after its gzip member has passed its CRC check, when the member ends with
//! the record (always so in Common Crawl's one-record-per-member layout); in a file gzipped
//! whole, records before a damaged spot have already been handed out when the damage shows.
//!
//! ```
//! use dragoman_read::{read_bytes, Format};
//! let mut docs = Vec::new();
//! read_bytes(b"{\"text\": \"Khan left.\"}\nnot json\n", "feed.jsonl", Format::Jsonl, &mut |r| docs.push(r));
//! assert!(docs[0].is_ok());
//! assert!(docs[1].as_ref().is_err_and(|e| e.location == "feed.jsonl:2"));
//! ```
//!
//! Counting what was skipped:
//!
//! ```
//! use dragoman_read::{read_bytes_with_stats, Format, ReadStats};
//! let warc = b"WARC/1.1\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n";
//! let mut stats = ReadStats::default();
//! read_bytes_with_stats(warc, "crawl.warc", Format::Warc, &mut stats, &mut |_| {});
//! assert_eq!((stats.documents, stats.errors, stats.skipped.non_response), (0, 0, 1));
//! ```

mod feed;
mod warc;

use dragoman_doc::{Document, Meta, StageError};
use std::io::{self, BufRead, Read};
use std::path::Path;

/// The most bytes one record may have: a JSON line, a WARC record's HTML payload (after
/// decompression), a feed item's text, a whole plain-text or HTML file. Larger records are
/// reported as [`ReadErrorKind::TooLarge`] and skipped; real news articles are a few hundred
/// kilobytes at most, so anything this big is a dump or a mistake, and refusing it keeps memory
/// bounded.
pub const MAX_RECORD_BYTES: usize = 16 << 20;

/// The most bytes a feed file may have: feeds are parsed whole, so they get their own, larger cap.
pub const MAX_FEED_BYTES: usize = 64 << 20;

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
    /// A record over [`MAX_RECORD_BYTES`] (or a feed over [`MAX_FEED_BYTES`]).
    TooLarge,
    /// Damaged or truncated gzip data in a `.warc.gz`.
    Gzip,
    /// A damaged WARC record: no `WARC/` version line, a bad `Content-Length`, a record that
    /// does not end where its length says, or one cut short by the end of the file.
    Warc,
    /// A file that is not an RSS, Atom or JSON feed.
    Feed,
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
            ReadErrorKind::TooLarge => "too-large",
            ReadErrorKind::Gzip => "gzip",
            ReadErrorKind::Warc => "warc",
            ReadErrorKind::Feed => "feed",
        }
    }
}

/// A record that could not be read, with where it was.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {message}")]
pub struct ReadError {
    pub kind: ReadErrorKind,
    /// `path`, `path:line` (JSON Lines), `path#item` (feeds) or `path@offset` (WARC; see the crate doc).
    pub location: String,
    pub message: String,
}

pub(crate) fn err(kind: ReadErrorKind, location: impl Into<String>, message: impl Into<String>) -> ReadError {
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
    /// WARC, plain or gzipped (detected from the bytes, not the name).
    Warc,
    /// RSS, Atom or JSON Feed.
    Feed,
}

impl Format {
    /// The format a path's name implies (plain text when unknown).
    pub fn from_path(path: &Path) -> Format {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
        if name.ends_with(".warc") || name.ends_with(".warc.gz") {
            return Format::Warc;
        }
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("jsonl" | "ndjson") => Format::Jsonl,
            Some("html" | "htm" | "xhtml") => Format::Html,
            Some("rss" | "atom" | "xml") => Format::Feed,
            _ => Format::Text,
        }
    }
}

/// What a read produced, beyond the records themselves: pass one to the `*_with_stats` readers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadStats {
    /// Records handed to the sink as documents.
    pub documents: u64,
    /// Records handed to the sink as errors.
    pub errors: u64,
    /// Records that were read fine but hold no article (not handed to the sink).
    pub skipped: Skipped,
}

/// Why records were skipped, one counter per reason.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Skipped {
    /// WARC records other than `response`: `warcinfo`, `request`, `metadata`, `revisit`, `resource`, ...
    pub non_response: u64,
    /// WARC responses whose payload is not HTML (images, PDFs, scripts, DNS records).
    pub not_html: u64,
    /// WARC responses with an HTTP status outside 2xx (redirects, errors).
    pub http_status: u64,
    /// Feed items with neither content nor summary text.
    pub no_text: u64,
}

impl Skipped {
    pub fn total(&self) -> u64 {
        self.non_response + self.not_html + self.http_status + self.no_text
    }
}

impl std::fmt::Display for ReadStats {
    /// `3 documents, 1 error, 5 skipped (4 not responses, 1 not HTML)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural = |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        write!(f, "{}, {}", plural(self.documents, "document", "documents"), plural(self.errors, "error", "errors"))?;
        let s = &self.skipped;
        if s.total() > 0 {
            let parts: Vec<String> = [
                (s.non_response, "not a response", "not responses"),
                (s.not_html, "not HTML", "not HTML"),
                (s.http_status, "HTTP status not 2xx", "HTTP status not 2xx"),
                (s.no_text, "feed item without text", "feed items without text"),
            ]
            .into_iter()
            .filter(|p| p.0 > 0)
            .map(|(n, one, many)| plural(n, one, many))
            .collect();
            write!(f, ", {} skipped ({})", s.total(), parts.join(", "))?;
        }
        Ok(())
    }
}

/// The sink and the counters, passed down to every reader.
pub(crate) struct Out<'a> {
    sink: &'a mut dyn FnMut(Record),
    stats: &'a mut ReadStats,
}

impl Out<'_> {
    pub(crate) fn emit(&mut self, record: Record) {
        match &record {
            Ok(_) => self.stats.documents += 1,
            Err(_) => self.stats.errors += 1,
        }
        (self.sink)(record);
    }

    pub(crate) fn skipped(&mut self) -> &mut Skipped {
        &mut self.stats.skipped
    }
}

/// Reads a file, directory or unexpanded glob, handing each record to `sink` in order.
/// `format` overrides detection by extension.
pub fn read_path(path: &Path, format: Option<Format>, sink: &mut dyn FnMut(Record)) {
    read_path_with_stats(path, format, &mut ReadStats::default(), sink)
}

/// [`read_path`], adding what it read and skipped to `stats`.
pub fn read_path_with_stats(path: &Path, format: Option<Format>, stats: &mut ReadStats, sink: &mut dyn FnMut(Record)) {
    read_path_out(path, format, &mut Out { sink, stats });
}

fn read_path_out(path: &Path, format: Option<Format>, out: &mut Out) {
    let location = path.display().to_string();
    if !path.exists() && location.contains(['*', '?', '[']) {
        return read_glob(&location, format, out);
    }
    if path.is_dir() {
        let mut entries: Vec<_> = match std::fs::read_dir(path) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => return out.emit(Err(err(ReadErrorKind::Io, location, e.to_string()))),
        };
        entries.sort();
        for p in entries {
            read_path_out(&p, format, out);
        }
        return;
    }
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return out.emit(Err(err(ReadErrorKind::Io, location, e.to_string()))),
    };
    read_reader_out(io::BufReader::with_capacity(1 << 16, file), &location, format.unwrap_or_else(|| Format::from_path(path)), out);
}

/// A pattern the shell left unexpanded (quoted, or no shell at all): every match, sorted.
fn read_glob(pattern: &str, format: Option<Format>, out: &mut Out) {
    let paths = match glob::glob(pattern) {
        Ok(paths) => paths,
        Err(e) => return out.emit(Err(err(ReadErrorKind::Io, pattern, format!("bad glob pattern: {e}")))),
    };
    let mut matched = false;
    for p in paths {
        matched = true;
        match p {
            Ok(p) => read_path_out(&p, format, out),
            Err(e) => out.emit(Err(err(ReadErrorKind::Io, e.path().display().to_string(), e.error().to_string()))),
        }
    }
    if !matched {
        out.emit(Err(err(ReadErrorKind::Io, pattern, "no file matches this pattern")));
    }
}

/// Reads standard input (plain text unless `format` says otherwise).
pub fn read_stdin(format: Option<Format>, sink: &mut dyn FnMut(Record)) {
    read_stdin_with_stats(format, &mut ReadStats::default(), sink)
}

/// [`read_stdin`], adding what it read and skipped to `stats`.
pub fn read_stdin_with_stats(format: Option<Format>, stats: &mut ReadStats, sink: &mut dyn FnMut(Record)) {
    read_reader_out(io::stdin().lock(), "<stdin>", format.unwrap_or(Format::Text), &mut Out { sink, stats });
}

/// Reads any buffered byte stream (a socket, a pipe, a decompressor) named `location` in errors.
pub fn read_reader(reader: impl BufRead, location: &str, format: Format, sink: &mut dyn FnMut(Record)) {
    read_reader_with_stats(reader, location, format, &mut ReadStats::default(), sink)
}

/// [`read_reader`], adding what it read and skipped to `stats`.
pub fn read_reader_with_stats(reader: impl BufRead, location: &str, format: Format, stats: &mut ReadStats, sink: &mut dyn FnMut(Record)) {
    read_reader_out(reader, location, format, &mut Out { sink, stats });
}

/// Streams WARC and JSON Lines record by record; reads other formats whole, up to their cap.
fn read_reader_out(mut reader: impl BufRead, location: &str, format: Format, out: &mut Out) {
    match format {
        Format::Warc => warc::read(reader, location, out),
        Format::Jsonl => read_jsonl(reader, location, out),
        Format::Text | Format::Html | Format::Feed => {
            let cap = if format == Format::Feed { MAX_FEED_BYTES } else { MAX_RECORD_BYTES };
            let mut bytes = Vec::new();
            match (&mut reader).take(cap as u64 + 1).read_to_end(&mut bytes) {
                Ok(_) if bytes.len() > cap => out.emit(Err(err(
                    ReadErrorKind::TooLarge,
                    location,
                    format!("larger than the {} MiB limit for one record", cap >> 20),
                ))),
                Ok(_) => read_bytes_out(&bytes, location, format, out),
                Err(e) => out.emit(Err(err(ReadErrorKind::Io, location, e.to_string()))),
            }
        }
    }
}

/// A file is taken as binary when its first 8 KiB hold a NUL byte.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(8192)].contains(&0)
}

pub(crate) fn utf8<'a>(bytes: &'a [u8], location: &str) -> Result<&'a str, ReadError> {
    std::str::from_utf8(bytes).map_err(|e| {
        err(ReadErrorKind::InvalidUtf8, location, format!("invalid UTF-8 at byte {}", e.valid_up_to()))
    })
}

/// Reads in-memory bytes of one file in the given format.
pub fn read_bytes(bytes: &[u8], location: &str, format: Format, sink: &mut dyn FnMut(Record)) {
    read_bytes_with_stats(bytes, location, format, &mut ReadStats::default(), sink)
}

/// [`read_bytes`], adding what it read and skipped to `stats`.
pub fn read_bytes_with_stats(bytes: &[u8], location: &str, format: Format, stats: &mut ReadStats, sink: &mut dyn FnMut(Record)) {
    read_bytes_out(bytes, location, format, &mut Out { sink, stats });
}

fn read_bytes_out(bytes: &[u8], location: &str, format: Format, out: &mut Out) {
    // These two do their own checks: a .warc.gz is binary, and both are made of many records.
    match format {
        Format::Warc => return warc::read(bytes, location, out),
        Format::Jsonl => return read_jsonl(bytes, location, out),
        _ => {}
    }
    let cap = if format == Format::Feed { MAX_FEED_BYTES } else { MAX_RECORD_BYTES };
    if bytes.len() > cap {
        return out.emit(Err(err(ReadErrorKind::TooLarge, location, format!("larger than the {} MiB limit for one record", cap >> 20))));
    }
    if looks_binary(bytes) {
        return out.emit(Err(err(ReadErrorKind::Binary, location, "binary file (NUL bytes), not text")));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return out.emit(Err(err(ReadErrorKind::Empty, location, "empty input: no text to analyse")));
    }
    match format {
        Format::Text => out.emit(utf8(bytes, location).map(|t| text_document(t, location))),
        Format::Html => out.emit(utf8(bytes, location).and_then(|t| html_document(t, location))),
        Format::Feed => feed::read(bytes, location, out),
        Format::Jsonl | Format::Warc => unreachable!("handled above"),
    }
}

/// How [`read_line_capped`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Line {
    /// No bytes left.
    Eof,
    /// A line (with its `\n`, if the input had one) is in the buffer.
    Done,
    /// The line had this many bytes, over the cap; it was consumed but not kept.
    TooLong(u64),
}

/// Reads one line into `buf` without ever holding more than `cap` bytes of it: a longer line is
/// consumed and dropped, so a 1 GB line costs no memory.
pub(crate) fn read_line_capped<R: BufRead + ?Sized>(r: &mut R, buf: &mut Vec<u8>, cap: usize) -> io::Result<Line> {
    buf.clear();
    let mut total = 0u64;
    let mut over = false;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(if total == 0 { Line::Eof } else if over { Line::TooLong(total) } else { Line::Done });
        }
        let (take, end) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        if !over && buf.len() + take <= cap {
            buf.extend_from_slice(&chunk[..take]);
        } else if !over {
            over = true;
            buf.clear();
        }
        r.consume(take);
        total += take as u64;
        if end {
            return Ok(if over { Line::TooLong(total) } else { Line::Done });
        }
    }
}

/// A document's id when the input gives none: its path as given (`corpus/bbc/business/001.txt`),
/// which stays unique across the folders of a directory tree, unlike the bare file name.
fn file_id(location: &str) -> String {
    location.strip_prefix("./").unwrap_or(location).to_string()
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

/// `YYYY-MM-DD` from a date or timestamp string (`2022-02-22`, `2022-02-22T10:00:00Z`); `None`
/// for anything that is not a real calendar date (`2022-02-31`, `22-02-2022`, `2022-0é-22`).
pub fn normalise_date(s: &str) -> Option<String> {
    let s = s.trim();
    let b = s.as_bytes();
    // Checked on bytes first, so that no slice below can fall inside a multi-byte character.
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    let shape = digits(0..4) && b.get(4) == Some(&b'-') && digits(5..7) && b.get(7) == Some(&b'-') && digits(8..10);
    if !shape || b.get(10).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let year: u32 = s[0..4].parse().ok()?;
    let month: u32 = s[5..7].parse().ok()?;
    let day: u32 = s[8..10].parse().ok()?;
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&day).then(|| s[..10].to_string())
}

/// JSON Lines, streamed: one line in memory at a time, each at most [`MAX_RECORD_BYTES`].
fn read_jsonl(mut reader: impl BufRead, location: &str, out: &mut Out) {
    // The whole-file checks (binary, empty) look at the head and at what the lines held.
    let mut head = Vec::with_capacity(8192);
    if let Err(e) = (&mut reader).take(8192).read_to_end(&mut head) {
        return out.emit(Err(err(ReadErrorKind::Io, location, e.to_string())));
    }
    if looks_binary(&head) {
        return out.emit(Err(err(ReadErrorKind::Binary, location, "binary file (NUL bytes), not text")));
    }
    let bom = if head.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    let mut head = io::Cursor::new(head);
    head.set_position(bom);
    let mut input = head.chain(reader);
    let mut line = Vec::new();
    let mut any = false;
    for n in 1.. {
        let loc = || format!("{location}:{n}");
        match read_line_capped(&mut input, &mut line, MAX_RECORD_BYTES) {
            Ok(Line::Eof) => break,
            Ok(Line::TooLong(len)) => {
                any = true;
                out.emit(Err(err(
                    ReadErrorKind::TooLarge,
                    loc(),
                    format!("line of {len} bytes is over the {} MiB limit for one record", MAX_RECORD_BYTES >> 20),
                )));
            }
            Ok(Line::Done) => {
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                any = true;
                let loc = loc();
                out.emit(utf8(&line, &loc).and_then(|l| json_record(l, &loc, n, location)));
            }
            Err(e) => return out.emit(Err(err(ReadErrorKind::Io, loc(), e.to_string()))),
        }
    }
    if !any {
        out.emit(Err(err(ReadErrorKind::Empty, location, "empty input: no text to analyse")));
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
            ("2022-0é-22", None),
            ("2022-02-2é", None),
            ("2022-02-31", None),
            ("2024-02-29", Some("2024-02-29")),
            ("2023-02-29", None),
            ("2022", None),
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
