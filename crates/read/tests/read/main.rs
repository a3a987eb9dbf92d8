//! Integration tests for the readers: one binary, a module per input format.
//!
//! Every fixture is written here, in the tests, byte by byte: WARC records, HTTP responses, gzip
//! members and feeds. Expected counts are exact: each case says which records become documents,
//! which become errors (kind and location) and which are skipped.

mod feed;
mod limits;
mod warc;

use dragoman_read::{read_bytes_with_stats, Format, ReadErrorKind, ReadStats, Record};
use std::io::Write;

/// What one input record should give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Want {
    /// A document with this id.
    Doc(String),
    /// An error of this kind at this location.
    Err(ReadErrorKind, String),
}

pub fn doc(id: &str) -> Want {
    Want::Doc(id.to_string())
}

pub fn error(kind: ReadErrorKind, location: impl Into<String>) -> Want {
    Want::Err(kind, location.into())
}

/// Reads `bytes` as `format`, returning the records and the counts.
pub fn read(bytes: &[u8], name: &str, format: Format) -> (Vec<Record>, ReadStats) {
    let mut records = Vec::new();
    let mut stats = ReadStats::default();
    read_bytes_with_stats(bytes, name, format, &mut stats, &mut |r| records.push(r));
    (records, stats)
}

/// Records as `Want`s, for comparing whole sequences at once.
pub fn outcomes(records: &[Record]) -> Vec<Want> {
    records
        .iter()
        .map(|r| match r {
            Ok(d) => Want::Doc(d.meta.id.clone()),
            Err(e) => Want::Err(e.kind, e.location.clone()),
        })
        .collect()
}

/// One gzip member.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).expect("writing to a Vec");
    enc.finish().expect("writing to a Vec")
}

/// A news page Readability can find the article in.
pub fn article(title: &str, published: Option<&str>, paragraphs: &[&str]) -> String {
    let meta = published.map_or(String::new(), |d| format!(r#"<meta property="article:published_time" content="{d}">"#));
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "<!DOCTYPE html><html><head><title>{title} | The Harbour Gazette</title>{meta}</head>\n<body><nav><a href=\"/\">Home</a> <a href=\"/sport\">Sport</a> <a href=\"/weather\">Weather</a></nav>\n<article><h1>{title}</h1>\n{body}</article>\n<footer>Copyright. All rights reserved. Cookie settings.</footer></body></html>"
    )
}
