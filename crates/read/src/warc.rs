//! WARC files, plain or gzipped, streamed one record at a time.
//!
//! The parser is our own rather than the `warc` crate's: that crate keeps no byte offsets, reads
//! header lines and bodies with no size limit, and after a damaged record it cannot find the next
//! one. WARC's framing is small (a `WARC/1.x` line, `Name: value` headers, a blank line,
//! `Content-Length` bytes of block, `CRLF CRLF`), so owning it costs little and buys:
//!
//! - **Offsets.** Every record and every error carries where it starts in the file (the gzip
//!   member's offset in a `.warc.gz`, which is what Common Crawl's indexes store).
//! - **Recovery.** After a damaged record we skip to the next line that starts with `WARC/`;
//!   after damaged gzip data we skip to the next gzip member header. One error per damage.
//! - **Bounded memory.** Header lines are capped at [`MAX_HEADER_LINE`], header blocks at
//!   [`MAX_HEADER_BYTES`]; blocks we do not want are discarded as they stream past; an HTML payload
//!   over [`MAX_RECORD_BYTES`] is refused without being read into memory.
//!
//! gzip is detected from the first two bytes, so a misnamed file still reads. Members are decoded
//! one at a time (`flate2`'s single-member `GzDecoder`) so that we always know which member we
//! are in, and can restart at the next one.

use crate::{err, html_document, looks_binary, normalise_date, read_line_capped, Line, Out, ReadError, ReadErrorKind, MAX_RECORD_BYTES};
use dragoman_doc::Document;
use flate2::bufread::GzDecoder;
use std::borrow::Cow;
use std::io::{self, BufRead, Read};

/// Longest header line (WARC or HTTP) we hold; real ones are under a few KiB.
const MAX_HEADER_LINE: usize = 64 << 10;
/// Largest header block (WARC or HTTP).
const MAX_HEADER_BYTES: usize = 1 << 20;

/// Reads a WARC stream, handing each HTML response to `out` and counting the other records.
pub(crate) fn read(input: impl BufRead, location: &str, out: &mut Out) {
    let mut input = Input::new(input);
    let gzip = match input.fill_buf() {
        Ok([]) => return out.emit(Err(err(ReadErrorKind::Empty, location, "empty WARC file"))),
        Ok(head) => head.starts_with(&[0x1f, 0x8b]),
        Err(e) => return out.emit(Err(err(ReadErrorKind::Io, location, e.to_string()))),
    };
    let src = if gzip { Source::Gzip(Box::new(Members::new(input))) } else { Source::Plain(input) };
    let mut reader = WarcReader { src, path: location, line: Vec::new(), resync: false, records: 0, reported: 0 };
    reader.run(out);
}

/// The raw input, counting consumed bytes, with room to push back a few bytes we peeked at.
struct Input<R> {
    inner: R,
    unread: Vec<u8>,
    at: usize,
    /// Bytes consumed so far: the offset of the next byte in the file.
    pos: u64,
}

impl<R: BufRead> Input<R> {
    fn new(inner: R) -> Self {
        Input { inner, unread: Vec::new(), at: 0, pos: 0 }
    }

    /// Puts `bytes`, just consumed, back in front of the input.
    fn push_back(&mut self, bytes: &[u8]) {
        let mut unread = bytes.to_vec();
        unread.extend_from_slice(&self.unread[self.at..]);
        self.pos -= bytes.len() as u64;
        self.unread = unread;
        self.at = 0;
    }
}

impl<R: BufRead> Read for Input<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = {
            let avail = self.fill_buf()?;
            let n = avail.len().min(buf.len());
            buf[..n].copy_from_slice(&avail[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Input<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.at < self.unread.len() {
            Ok(&self.unread[self.at..])
        } else {
            self.inner.fill_buf()
        }
    }

    fn consume(&mut self, n: usize) {
        self.pos += n as u64;
        if self.at < self.unread.len() {
            self.at += n;
        } else {
            self.inner.consume(n);
        }
    }
}

/// gzip members decoded one after another into one byte stream, remembering where the current
/// member starts in the compressed file.
struct Members<R> {
    /// `None` once the input is exhausted.
    decoder: Option<GzDecoder<Input<R>>>,
    /// Compressed offset of the current member.
    member_start: u64,
    /// Decompressed offset at which the current member's output began.
    member_out_start: u64,
    /// Decompressed bytes consumed so far.
    out_pos: u64,
    buf: Box<[u8]>,
    lo: usize,
    hi: usize,
}

impl<R: BufRead> Members<R> {
    fn new(input: Input<R>) -> Self {
        Members {
            member_start: input.pos,
            decoder: Some(GzDecoder::new(input)),
            member_out_start: 0,
            out_pos: 0,
            buf: vec![0; 1 << 16].into_boxed_slice(),
            lo: 0,
            hi: 0,
        }
    }

    /// After damaged gzip data: drops the broken member and moves to the next plausible member
    /// header. Returns false when the input ends first.
    fn recover(&mut self) -> io::Result<bool> {
        let Some(decoder) = self.decoder.take() else { return Ok(false) };
        let mut input = decoder.into_inner();
        self.lo = 0;
        self.hi = 0;
        if input.pos == self.member_start && !input.fill_buf()?.is_empty() {
            input.consume(1); // never restart on the header that just failed
        }
        loop {
            let chunk = input.fill_buf()?;
            if chunk.is_empty() {
                return Ok(false);
            }
            let Some(i) = chunk.iter().position(|&b| b == 0x1f) else {
                let n = chunk.len();
                input.consume(n);
                continue;
            };
            input.consume(i);
            // The 10-byte member header may straddle buffer refills: gather it, then judge it.
            let mut head = Vec::with_capacity(10);
            while head.len() < 10 {
                let b = input.fill_buf()?;
                if b.is_empty() {
                    break;
                }
                let k = (10 - head.len()).min(b.len());
                head.extend_from_slice(&b[..k]);
                input.consume(k);
            }
            // Magic, deflate, no reserved flag bits, a known OS byte: random bytes rarely pass all four.
            let plausible = head.len() == 10 && head[1] == 0x8b && head[2] == 8 && head[3] & 0xe0 == 0 && (head[9] <= 13 || head[9] == 255);
            if plausible {
                input.push_back(&head);
                self.member_start = input.pos;
                self.member_out_start = self.out_pos;
                self.decoder = Some(GzDecoder::new(input));
                return Ok(true);
            }
            if head.len() > 1 {
                input.push_back(&head[1..]);
            }
        }
    }
}

impl<R: BufRead> Read for Members<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = {
            let avail = self.fill_buf()?;
            let n = avail.len().min(buf.len());
            buf[..n].copy_from_slice(&avail[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Members<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        while self.lo == self.hi {
            let Some(decoder) = self.decoder.as_mut() else { break };
            let n = decoder.read(&mut self.buf)?;
            if n > 0 {
                (self.lo, self.hi) = (0, n);
                break;
            }
            // The member ended cleanly; start the next one if any bytes remain.
            let Some(decoder) = self.decoder.take() else { break };
            let mut input = decoder.into_inner();
            if input.fill_buf()?.is_empty() {
                break;
            }
            self.member_start = input.pos;
            self.member_out_start = self.out_pos;
            self.decoder = Some(GzDecoder::new(input));
        }
        Ok(&self.buf[self.lo..self.hi])
    }

    fn consume(&mut self, n: usize) {
        self.lo += n;
        self.out_pos += n as u64;
    }
}

/// The WARC byte stream: the file itself, or its decompressed gzip members.
enum Source<R> {
    Plain(Input<R>),
    Gzip(Box<Members<R>>),
}

impl<R: BufRead> Source<R> {
    /// Where the next byte comes from, as an error location. Call after `fill_buf`, so that a
    /// `.warc.gz` has moved on to the member that holds that byte.
    fn location(&self, path: &str) -> String {
        match self {
            Source::Plain(input) => format!("{path}@{}", input.pos),
            Source::Gzip(m) if m.out_pos == m.member_out_start => format!("{path}@{}", m.member_start),
            Source::Gzip(m) => format!("{path}@{}+{}", m.member_start, m.out_pos - m.member_out_start),
        }
    }
}

impl<R: BufRead> Read for Source<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Source::Plain(r) => r.read(buf),
            Source::Gzip(r) => r.read(buf),
        }
    }
}

impl<R: BufRead> BufRead for Source<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        match self {
            Source::Plain(r) => r.fill_buf(),
            Source::Gzip(r) => r.fill_buf(),
        }
    }

    fn consume(&mut self, n: usize) {
        match self {
            Source::Plain(r) => r.consume(n),
            Source::Gzip(r) => r.consume(n),
        }
    }
}

/// Why a record could not be framed: its end is unknown, so the reader must resynchronise.
enum Fail {
    /// The stream failed (in a `.warc.gz`: damaged or truncated gzip data).
    Io(io::Error),
    /// The WARC framing is damaged; the message says how.
    Corrupt(String),
}

impl From<io::Error> for Fail {
    fn from(e: io::Error) -> Self {
        Fail::Io(e)
    }
}

/// What one well-framed record gave.
enum Outcome {
    Doc(Box<Document>),
    Error(ReadError),
    Skip(fn(&mut crate::Skipped) -> &mut u64),
}

fn non_response(s: &mut crate::Skipped) -> &mut u64 {
    &mut s.non_response
}
fn not_html(s: &mut crate::Skipped) -> &mut u64 {
    &mut s.not_html
}
fn http_status(s: &mut crate::Skipped) -> &mut u64 {
    &mut s.http_status
}

type Headers = Vec<(String, String)>;

fn header<'h>(headers: &'h Headers, name: &str) -> Option<&'h str> {
    headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

struct WarcReader<'p, R> {
    src: Source<R>,
    path: &'p str,
    line: Vec<u8>,
    /// Set after damage: lines are skipped silently until the next `WARC/` line.
    resync: bool,
    records: u64,
    reported: u64,
}

impl<R: BufRead> WarcReader<'_, R> {
    fn run(&mut self, out: &mut Out) {
        loop {
            let loc = match self.find_record(out) {
                Ok(Some(loc)) => loc,
                Ok(None) => break,
                Err(e) => match self.stream_failed(e, out) {
                    true => continue,
                    false => break,
                },
            };
            self.records += 1;
            let member = self.member();
            match self.record(&loc) {
                Ok(outcome) => {
                    // A gzip member's CRC is checked only after its bytes were handed out: peek
                    // past the record so that a damaged member fails before its record is used.
                    if let Err(e) = self.src.fill_buf() {
                        if member.is_none() || self.member() != member {
                            self.emit(outcome, out);
                        }
                        if !self.stream_failed(e, out) {
                            break;
                        }
                        continue;
                    }
                    self.emit(outcome, out);
                }
                Err(Fail::Corrupt(message)) => {
                    self.report(out, err(ReadErrorKind::Warc, loc, message));
                    self.resync = true;
                }
                Err(Fail::Io(e)) => {
                    if !self.stream_failed(e, out) {
                        break;
                    }
                }
            }
        }
        if self.records == 0 && self.reported == 0 {
            out.emit(Err(err(ReadErrorKind::Empty, self.path, "no WARC records in the file")));
        }
    }

    /// The gzip member being read (its compressed offset), or `None` for a plain file.
    fn member(&self) -> Option<u64> {
        match &self.src {
            Source::Plain(_) => None,
            Source::Gzip(m) => Some(m.member_start),
        }
    }

    fn emit(&mut self, outcome: Outcome, out: &mut Out) {
        match outcome {
            Outcome::Doc(doc) => out.emit(Ok(*doc)),
            Outcome::Error(e) => self.report(out, e),
            Outcome::Skip(counter) => *counter(out.skipped()) += 1,
        }
    }

    fn report(&mut self, out: &mut Out, e: ReadError) {
        self.reported += 1;
        out.emit(Err(e));
    }

    /// Reports a failed stream; returns whether reading can go on (at the next gzip member).
    fn stream_failed(&mut self, e: io::Error, out: &mut Out) -> bool {
        let path = self.path;
        let Source::Gzip(members) = &self.src else {
            self.report(out, err(ReadErrorKind::Io, path, e.to_string()));
            return false;
        };
        let loc = format!("{path}@{}", members.member_start);
        let message = if e.kind() == io::ErrorKind::UnexpectedEof {
            "gzip data ends early: the file is truncated".to_string()
        } else {
            format!("damaged gzip data ({e}); skipping to the next gzip member")
        };
        self.report(out, err(ReadErrorKind::Gzip, loc, message));
        let Source::Gzip(members) = &mut self.src else { return false };
        match members.recover() {
            Ok(more) => {
                self.resync = true;
                more
            }
            Err(e) => {
                self.report(out, err(ReadErrorKind::Io, path, e.to_string()));
                false
            }
        }
    }

    /// Moves to the next `WARC/` line, returning the record's location. Blank lines between
    /// records are padding; anything else is damage, reported once per damaged stretch.
    fn find_record(&mut self, out: &mut Out) -> io::Result<Option<String>> {
        loop {
            if self.src.fill_buf()?.is_empty() {
                return Ok(None);
            }
            let loc = self.src.location(self.path);
            match read_line_capped(&mut self.src, &mut self.line, MAX_HEADER_LINE)? {
                Line::Eof => return Ok(None),
                Line::Done if self.line.starts_with(b"WARC/") => {
                    self.resync = false;
                    return Ok(Some(loc));
                }
                Line::Done if self.line.iter().all(u8::is_ascii_whitespace) => {}
                _ if self.resync => {}
                _ => {
                    let e = err(ReadErrorKind::Warc, loc, "expected a WARC record (a `WARC/1.x` line); skipping to the next record");
                    self.report(out, e);
                    self.resync = true;
                }
            }
        }
    }

    /// Reads one record after its `WARC/` line: headers, block, trailer.
    fn record(&mut self, loc: &str) -> Result<Outcome, Fail> {
        let headers = match read_headers(&mut self.src, &mut self.line, true)? {
            Ok(h) => h,
            Err(message) => return Err(Fail::Corrupt(format!("WARC header: {message}"))),
        };
        let Some(length) = header(&headers, "content-length").and_then(|v| v.parse::<u64>().ok()) else {
            return Err(Fail::Corrupt("missing or invalid Content-Length".into()));
        };
        let Some(kind) = header(&headers, "warc-type") else {
            return Err(Fail::Corrupt("missing WARC-Type".into()));
        };
        let mut block = (&mut self.src).take(length);
        let outcome = if kind.eq_ignore_ascii_case("response") {
            response(&mut block, &headers, loc, &mut self.line)?
        } else {
            Outcome::Skip(non_response)
        };
        // Whatever the outcome, the rest of the block streams past unread.
        let left = block.limit();
        let discarded = io::copy(&mut block, &mut io::sink())?;
        if discarded < left {
            return Err(Fail::Corrupt(format!(
                "truncated record: the file ends {} bytes short of its Content-Length {length}",
                left - discarded
            )));
        }
        self.trailer()?;
        Ok(outcome)
    }

    /// The `CRLF CRLF` after a block. Tolerates fewer line ends (and a missing one at the end of
    /// the file), but a block followed by anything else means `Content-Length` was wrong.
    fn trailer(&mut self) -> Result<(), Fail> {
        let mut seen = 0;
        while seen < 4 {
            match self.src.fill_buf()? {
                [] => return Ok(()),
                [b'\r' | b'\n', ..] => {
                    self.src.consume(1);
                    seen += 1;
                }
                _ => break,
            }
        }
        if seen == 0 {
            return Err(Fail::Corrupt(
                "the record does not end with CRLF CRLF where its Content-Length says: the length is wrong or the record is damaged".into(),
            ));
        }
        Ok(())
    }
}

/// Reads `Name: value` lines up to a blank line. Names are lower-cased; folded lines are joined.
/// The outer error is the stream's; the inner one says what is wrong with the headers.
fn read_headers(r: &mut impl BufRead, line: &mut Vec<u8>, strict: bool) -> io::Result<Result<Headers, String>> {
    let mut headers: Headers = Vec::new();
    let mut total = 0u64;
    loop {
        match read_line_capped(r, line, MAX_HEADER_LINE)? {
            Line::Eof => return Ok(Err("ends before the blank line that closes the headers".into())),
            Line::TooLong(n) => return Ok(Err(format!("a header line of {n} bytes (limit {MAX_HEADER_LINE})"))),
            Line::Done => {}
        }
        total += line.len() as u64;
        if total > MAX_HEADER_BYTES as u64 {
            return Ok(Err(format!("headers over {MAX_HEADER_BYTES} bytes")));
        }
        let text = String::from_utf8_lossy(line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            return Ok(Ok(headers));
        }
        if text.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(text.trim());
                continue;
            }
        }
        match text.split_once(':') {
            Some((name, value)) => headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string())),
            None if strict => return Ok(Err(format!("malformed header line {:?}", truncate(text, 80)))),
            None => {}
        }
    }
}

fn truncate(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

/// A `response` record's block: an HTTP response whose payload may be a page.
fn response<B: BufRead>(block: &mut io::Take<B>, warc: &Headers, loc: &str, line: &mut Vec<u8>) -> io::Result<Outcome> {
    let bad = |message: String| Ok(Outcome::Error(err(ReadErrorKind::Warc, loc, message)));
    // Responses to `dns:` and other non-HTTP requests are not pages.
    if let Some(ct) = header(warc, "content-type") {
        if !ct.to_ascii_lowercase().starts_with("application/http") {
            return Ok(Outcome::Skip(not_html));
        }
    }
    let status = match read_line_capped(block, line, MAX_HEADER_LINE)? {
        Line::Done => status_code(line),
        Line::Eof => return bad("empty response block".into()),
        Line::TooLong(n) => return bad(format!("HTTP status line of {n} bytes")),
    };
    let Some(status) = status else {
        return bad(format!("not an HTTP response: status line {:?}", truncate(&String::from_utf8_lossy(line), 80)));
    };
    let http = match read_headers(block, line, false)? {
        Ok(h) => h,
        Err(message) => return bad(format!("HTTP header: {message}")),
    };
    if !(200..300).contains(&status) {
        return Ok(Outcome::Skip(http_status));
    }
    // CC-NEWS records no HTTP Content-Type for some pages but adds its own detection.
    let content_type = header(&http, "content-type").or_else(|| header(warc, "warc-identified-payload-type"));
    if content_type.is_some_and(|ct| !is_html_type(ct)) {
        return Ok(Outcome::Skip(not_html));
    }
    let length = block.limit();
    if length > MAX_RECORD_BYTES as u64 {
        return Ok(Outcome::Error(err(
            ReadErrorKind::TooLarge,
            loc,
            format!("HTML payload of {length} bytes is over the {} MiB limit for one record", MAX_RECORD_BYTES >> 20),
        )));
    }
    let mut payload = Vec::with_capacity(length as usize);
    block.read_to_end(&mut payload)?;
    let payload = match decode_payload(payload, &http) {
        Ok(p) => p,
        Err(e) => return Ok(Outcome::Error(err(e.0, loc, e.1))),
    };
    if content_type.is_none() && !sniff_html(&payload) {
        return Ok(Outcome::Skip(not_html));
    }
    Ok(match page(&payload, content_type, warc, loc) {
        Ok(doc) => Outcome::Doc(Box::new(doc)),
        Err(e) => Outcome::Error(e),
    })
}

/// `HTTP/1.1 200 OK` → 200.
fn status_code(line: &[u8]) -> Option<u16> {
    let text = std::str::from_utf8(line).ok()?;
    let mut parts = text.split_whitespace();
    parts.next().filter(|v| v.starts_with("HTTP/"))?;
    parts.next()?.parse().ok()
}

fn mime(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

fn is_html_type(content_type: &str) -> bool {
    matches!(mime(content_type).as_str(), "text/html" | "application/xhtml+xml")
}

/// For pages served without a Content-Type: does the payload start like HTML?
fn sniff_html(payload: &[u8]) -> bool {
    let head = &payload[..payload.len().min(1024)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body") || head.contains("<head")
}

/// Undoes chunked transfer and gzip/deflate content encoding. Common Crawl stores payloads
/// already decoded (it renames the headers to `X-Crawler-*`), other crawlers may not.
fn decode_payload(payload: Vec<u8>, http: &Headers) -> Result<Vec<u8>, (ReadErrorKind, String)> {
    let mut payload = payload;
    if header(http, "transfer-encoding").is_some_and(|te| te.to_ascii_lowercase().contains("chunked")) {
        payload = dechunk(&payload).ok_or((ReadErrorKind::Warc, "malformed chunked transfer encoding".to_string()))?;
    }
    let encoding = header(http, "content-encoding").map(|e| e.trim().to_ascii_lowercase());
    let cap = MAX_RECORD_BYTES as u64 + 1;
    let mut decoded = Vec::new();
    let result = match encoding.as_deref() {
        None | Some("" | "identity") => return Ok(payload),
        Some("gzip" | "x-gzip") => flate2::read::MultiGzDecoder::new(&payload[..]).take(cap).read_to_end(&mut decoded),
        Some("deflate") => flate2::read::ZlibDecoder::new(&payload[..]).take(cap).read_to_end(&mut decoded),
        Some(other) => return Err((ReadErrorKind::Warc, format!("unsupported Content-Encoding {other:?}"))),
    };
    match result {
        Ok(_) if decoded.len() as u64 >= cap => {
            Err((ReadErrorKind::TooLarge, format!("decompressed HTML payload over the {} MiB limit", MAX_RECORD_BYTES >> 20)))
        }
        Ok(_) => Ok(decoded),
        Err(e) => Err((ReadErrorKind::Warc, format!("damaged {} payload: {e}", encoding.unwrap_or_default()))),
    }
}

/// `size CRLF data CRLF ... 0 CRLF CRLF` → data.
fn dechunk(mut input: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(input.len());
    loop {
        let eol = input.iter().position(|&b| b == b'\n')?;
        let size_line = std::str::from_utf8(&input[..eol]).ok()?;
        let size_hex = size_line.split(';').next()?.trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        input = &input[eol + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(input.get(..size)?);
        input = input.get(size..)?;
        input = input.strip_prefix(b"\r\n").or_else(|| input.strip_prefix(b"\n")).unwrap_or(input);
    }
}

/// An HTML payload → a document with the record's metadata.
fn page(payload: &[u8], content_type: Option<&str>, warc: &Headers, loc: &str) -> Result<Document, ReadError> {
    if payload.len() > MAX_RECORD_BYTES {
        let message = format!("HTML payload of {} bytes is over the {} MiB limit", payload.len(), MAX_RECORD_BYTES >> 20);
        return Err(err(ReadErrorKind::TooLarge, loc, message));
    }
    if looks_binary(payload) {
        return Err(err(ReadErrorKind::Binary, loc, "the HTML payload holds NUL bytes: binary, not a page"));
    }
    let payload = payload.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(payload);
    if payload.iter().all(u8::is_ascii_whitespace) {
        return Err(err(ReadErrorKind::Empty, loc, "empty HTML payload"));
    }
    let html: Cow<str> = match std::str::from_utf8(payload) {
        Ok(text) => Cow::Borrowed(text),
        Err(e) => {
            // Not UTF-8: decode with the charset the server or the page declares, if it names one.
            let charset = content_type.and_then(charset).or_else(|| meta_charset(payload));
            let encoding = charset.as_deref().and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes()));
            match encoding.filter(|e| *e != encoding_rs::UTF_8) {
                Some(encoding) => encoding.decode_without_bom_handling(payload).0,
                None => {
                    let declared = charset.map_or("none declared".to_string(), |c| format!("declared {c}"));
                    let message = format!("invalid UTF-8 at payload byte {} (charset: {declared})", e.valid_up_to());
                    return Err(err(ReadErrorKind::InvalidUtf8, loc, message));
                }
            }
        }
    };
    let mut doc = html_document(&html, loc)?;
    let uri = header(warc, "warc-target-uri").map(|u| u.trim_start_matches('<').trim_end_matches('>').to_string());
    let record_id = header(warc, "warc-record-id").map(|id| id.trim_start_matches('<').trim_end_matches('>').to_string());
    doc.meta.id = record_id.or_else(|| uri.clone()).unwrap_or_else(|| loc.to_string());
    doc.meta.source = uri.as_deref().and_then(host).map(str::to_string);
    doc.meta.url = uri;
    // The page's own date (from its metadata) is the publication date; WARC-Date is only when
    // the crawler fetched it, which for news is usually the same day or soon after.
    if doc.meta.date.is_none() {
        doc.meta.date = header(warc, "warc-date").and_then(normalise_date);
    }
    Ok(doc)
}

/// `text/html; charset=ISO-8859-1` → `iso-8859-1`.
fn charset(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim().eq_ignore_ascii_case("charset")).then(|| v.trim().trim_matches(['"', '\'']).to_ascii_lowercase())
    })
}

/// `<meta charset="...">` or `<meta http-equiv... content="text/html; charset=...">` near the start.
fn meta_charset(payload: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&payload[..payload.len().min(2048)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let rest = head[at..].trim_start_matches(['"', '\'']);
    let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(rest.len());
    Some(rest[..end].to_string()).filter(|c| !c.is_empty())
}

/// `https://www.example.com:8080/a?b` → `www.example.com`.
fn host(uri: &str) -> Option<&str> {
    let rest = &uri[uri.find("://")? + 3..];
    let rest = rest.rsplit_once('@').map_or(rest, |(_, r)| r);
    let end = rest.find(['/', ':', '?', '#']).unwrap_or(rest.len());
    Some(&rest[..end]).filter(|h| !h.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_parts() {
        for (line, want) in [("HTTP/1.1 200 OK\r\n", Some(200)), ("HTTP/1.0 301\r\n", Some(301)), ("200 OK\r\n", None), ("HTTP/1.1 OK\r\n", None)] {
            assert_eq!(status_code(line.as_bytes()), want, "{line}");
        }
        for (uri, want) in [
            ("https://www.bbc.co.uk/news/world", Some("www.bbc.co.uk")),
            ("http://user@example.com:8080/a", Some("example.com")),
            ("http://example.com", Some("example.com")),
            ("dns:example.com", None),
        ] {
            assert_eq!(host(uri), want, "{uri}");
        }
        for (ct, want) in [("text/html; charset=ISO-8859-1", Some("iso-8859-1")), ("text/html;charset=\"UTF-8\"", Some("utf-8")), ("text/html", None)] {
            assert_eq!(charset(ct).as_deref(), want, "{ct}");
        }
        assert_eq!(meta_charset(b"<html><head><meta charset=\"windows-1252\">").as_deref(), Some("windows-1252"));
        assert_eq!(dechunk(b"5\r\nhello\r\n6;ext\r\n world\r\n0\r\n\r\n").as_deref(), Some(&b"hello world"[..]));
        assert_eq!(dechunk(b"zz\r\nhello"), None);
        assert!(sniff_html(b"\n  <!DOCTYPE html><html>"));
        assert!(!sniff_html(b"%PDF-1.4"));
    }
}
