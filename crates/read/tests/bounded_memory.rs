//! A 1 GiB HTML payload in a WARC stream and a 1 GiB JSON line are refused without being held in
//! memory. This is its own test binary so that the process's peak memory is this test's alone.

use dragoman_read::{read_reader_with_stats, Format, ReadErrorKind, ReadStats};
use std::io::{BufReader, Cursor, Read};

const GIB: u64 = 1 << 30;

/// `head`, then `n` bytes of `a` made on the fly, then `tail`: never in memory at once.
fn stream(head: Vec<u8>, n: u64, tail: Vec<u8>) -> impl std::io::BufRead {
    BufReader::with_capacity(1 << 16, Cursor::new(head).chain(std::io::repeat(b'a').take(n)).chain(Cursor::new(tail)))
}

/// Peak resident memory of this process, in bytes (Linux only).
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

fn outcomes(reader: impl std::io::BufRead, format: Format) -> Vec<Result<String, (ReadErrorKind, String)>> {
    let mut out = Vec::new();
    read_reader_with_stats(reader, "s", format, &mut ReadStats::default(), &mut |r| {
        out.push(r.map(|d| d.meta.id).map_err(|e| (e.kind, e.location)))
    });
    out
}

#[test]
fn gigabyte_records_cost_no_memory() {
    let before = peak_rss();

    let http_head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".to_vec();
    let mut head = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:big>\r\nContent-Length: {}\r\n\r\n",
        http_head.len() as u64 + GIB
    )
    .into_bytes();
    head.extend_from_slice(&http_head);
    let page = "<html><head><title>After the big one</title></head><body><article>\
<p>The second record is read normally once the first has streamed past, which shows that the reader found its place again after discarding a gigabyte.</p>\
<p>Nothing of the first record's payload was kept: it went from the input straight to the sink, a buffer at a time, and was never collected into one allocation.</p>\
<p>That is what keeps a Common Crawl file of any size within a few megabytes of memory, whatever a single damaged or hostile record claims.</p>\
</article></body></html>";
    let tail = format!(
        "\r\n\r\nWARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:small>\r\nContent-Length: {}\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{page}\r\n\r\n",
        page.len() + 44
    );
    assert_eq!(
        outcomes(stream(head, GIB, tail.into_bytes()), Format::Warc),
        vec![Err((ReadErrorKind::TooLarge, "s@0".to_string())), Ok("urn:uuid:small".to_string())]
    );

    let line = b"{\"id\":\"big\",\"text\":\"".to_vec();
    let tail = b"\"}\n{\"id\":\"small\",\"text\":\"Khan left.\"}\n".to_vec();
    assert_eq!(
        outcomes(stream(line, GIB, tail), Format::Jsonl),
        vec![Err((ReadErrorKind::TooLarge, "s:1".to_string())), Ok("small".to_string())]
    );

    if let (Some(before), Some(after)) = (before, peak_rss()) {
        let grew = after.saturating_sub(before);
        assert!(grew < 64 << 20, "peak memory grew by {} MiB reading two 1 GiB records", grew >> 20);
    }
}
