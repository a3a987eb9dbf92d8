//! Size limits, JSON Lines streaming, format detection, directories and globs.

use crate::{doc, error, outcomes, read};
use dragoman_read::{read_path_with_stats, Format, ReadErrorKind as K, ReadStats, MAX_RECORD_BYTES};
use std::path::{Path, PathBuf};

#[test]
fn format_from_path() {
    for (name, want) in [
        ("a.txt", Format::Text),
        ("README", Format::Text),
        ("a.jsonl", Format::Jsonl),
        ("a.NDJSON", Format::Jsonl),
        ("a.html", Format::Html),
        ("CC-NEWS-20220222.warc.gz", Format::Warc),
        ("crawl.WARC", Format::Warc),
        ("notes.gz", Format::Text),
        ("world.rss", Format::Feed),
        ("world.atom", Format::Feed),
        ("feed.xml", Format::Feed),
    ] {
        assert_eq!(Format::from_path(Path::new(name)), want, "{name}");
    }
}

#[test]
fn jsonl_line_over_the_limit_is_one_error() {
    let mut input = b"{\"id\":\"a\",\"text\":\"Khan left.\"}\n{\"id\":\"huge\",\"text\":\"".to_vec();
    input.resize(input.len() + MAX_RECORD_BYTES, b'x');
    input.extend_from_slice(b"\"}\r\n\n{\"id\":\"b\",\"text\":\"Putin stayed.\"}\r\n{\"text\":\"caf\xe9\"}");
    let (records, stats) = read(&input, "big.jsonl", Format::Jsonl);
    assert_eq!(
        outcomes(&records),
        vec![doc("a"), error(K::TooLarge, "big.jsonl:2"), doc("b"), error(K::InvalidUtf8, "big.jsonl:5")]
    );
    assert_eq!((stats.documents, stats.errors), (2, 2));
}

#[test]
fn jsonl_whole_file_checks() {
    for (what, input, want) in [
        ("byte order mark", &b"\xEF\xBB\xBF{\"id\":\"a\",\"text\":\"Khan left.\"}\n"[..], vec![doc("a")]),
        ("binary", b"{\"text\":\"a\"}\n\x00\x01", vec![error(K::Binary, "f.jsonl")]),
        ("empty", b"", vec![error(K::Empty, "f.jsonl")]),
        ("blank lines", b"\n \r\n\t\n", vec![error(K::Empty, "f.jsonl")]),
    ] {
        let (records, _) = read(input, "f.jsonl", Format::Jsonl);
        assert_eq!(outcomes(&records), want, "{what}");
    }
}

#[test]
fn text_and_html_files_over_the_limit() {
    for (name, format) in [("big.txt", Format::Text), ("big.html", Format::Html)] {
        let (records, _) = read(&vec![b'a'; MAX_RECORD_BYTES + 1], name, format);
        assert_eq!(outcomes(&records), vec![error(K::TooLarge, name)]);
    }
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dragoman-read-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Document ids, or error kinds with locations.
type Got = Vec<Result<String, (K, String)>>;

fn read_paths(path: &Path) -> (Got, ReadStats) {
    let mut out = Vec::new();
    let mut stats = ReadStats::default();
    read_path_with_stats(path, None, &mut stats, &mut |r| out.push(r.map(|d| d.meta.id).map_err(|e| (e.kind, e.location))));
    (out, stats)
}

#[test]
fn files_directories_and_globs() {
    let dir = temp_dir("glob");
    std::fs::write(dir.join("b.jsonl"), "{\"id\":\"b1\",\"text\":\"Khan left.\"}\nnot json\n").expect("write");
    std::fs::write(dir.join("a.jsonl"), "{\"id\":\"a1\",\"text\":\"Putin stayed.\"}\n").expect("write");
    std::fs::write(dir.join("c.txt"), "A headline\n\nSome text.").expect("write");
    let loc = |name: &str| dir.join(name).display().to_string();

    let (got, _) = read_paths(&dir.join("*.jsonl"));
    assert_eq!(got, vec![Ok("a1".into()), Ok("b1".into()), Err((K::MalformedJson, format!("{}:2", loc("b.jsonl"))))]);

    let (got, stats) = read_paths(&dir);
    assert_eq!(got.len(), 4, "a directory reads everything under it: {got:?}");
    assert_eq!((stats.documents, stats.errors), (3, 1));

    let pattern = dir.join("*.warc.gz");
    let (got, _) = read_paths(&pattern);
    assert_eq!(got, vec![Err((K::Io, pattern.display().to_string()))]);

    let missing = dir.join("missing.txt");
    let (got, _) = read_paths(&missing);
    assert_eq!(got, vec![Err((K::Io, missing.display().to_string()))]);
    std::fs::remove_dir_all(&dir).ok();
}
