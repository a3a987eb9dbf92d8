//! End-to-end tests of the `dragoman` binary: one module of cases per feature, each named after
//! what it pins. They use only text written here, never `../shared`.

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dragoman"))
}

fn tmp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dragoman-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write temp file");
    p
}

fn json_lines(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each stdout line is one JSON object"))
        .collect()
}

/// Every object with `start`, `end` and `text` must slice the article text (in characters) to
/// exactly its `text`; sentences must slice to non-empty text.
fn check_spans(article: &Value) {
    let text: Vec<char> = article["text"].as_str().expect("text").chars().collect();
    fn walk(v: &Value, text: &[char], path: &str) {
        match v {
            Value::Object(m) => {
                if let (Some(s), Some(e)) = (m.get("start").and_then(Value::as_u64), m.get("end").and_then(Value::as_u64)) {
                    let (s, e) = (s as usize, e as usize);
                    assert!(s <= e && e <= text.len(), "{path}: span {s}..{e} out of range");
                    let slice: String = text[s..e].iter().collect();
                    if let Some(t) = m.get("text").and_then(Value::as_str) {
                        assert_eq!(slice, t, "{path}: span does not slice to its text");
                    } else {
                        assert!(!slice.trim().is_empty(), "{path}: empty span");
                    }
                }
                for (k, x) in m {
                    if k != "text" {
                        walk(x, text, &format!("{path}.{k}"));
                    }
                }
            }
            Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| walk(x, text, &format!("{path}[{i}]"))),
            _ => {}
        }
    }
    for key in ["sentences", "actors", "events", "quotes", "times"] {
        walk(&article[key], &text, key);
    }
}

const ARTICLE: &str = "Pakistani Prime Minister Imran Khan began a two-day visit to Russia on Wednesday.\n\n\
He will meet Russian President Vladimir Putin, officials said. “It’s a historic visit,” Khan told reporters in Moscow.\n\n\
Russia didn’t seek Pakistan’s support, an analyst noted.";

mod analyze {
    use super::*;

    #[test]
    fn one_article_gives_one_object_with_valid_spans() {
        let p = tmp("visit.txt", ARTICLE.as_bytes());
        let out = bin().args(["analyze", "--date", "2022-02-22"]).arg(&p).output().expect("run");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let docs = json_lines(&out);
        assert_eq!(docs.len(), 1);
        let d = &docs[0];
        assert_eq!(d["date"], "2022-02-22");
        assert_eq!(d["text"], ARTICLE);
        for key in ["id", "title", "url", "date", "text", "sentences", "actors", "events", "quotes", "times", "errors"] {
            assert!(d.get(key).is_some(), "missing field {key}");
        }
        assert_eq!(d["sentences"].as_array().map(Vec::len), Some(4));
        check_spans(d);
    }

    #[test]
    fn stdin_is_read_as_text() {
        let mut child = bin().args(["analyze", "-"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().expect("spawn");
        child.stdin.take().expect("stdin").write_all(ARTICLE.as_bytes()).expect("write");
        let out = child.wait_with_output().expect("wait");
        assert!(out.status.success());
        let docs = json_lines(&out);
        assert_eq!(docs.len(), 1);
        check_spans(&docs[0]);
    }

    #[test]
    fn no_arguments_prints_the_sample_report() {
        let out = bin().arg("analyze").output().expect("run");
        assert!(out.status.success());
        let s = String::from_utf8_lossy(&out.stdout);
        assert!(s.contains("━━") && s.contains("Sentences"), "{s}");
    }

    #[test]
    fn bad_date_is_a_usage_error() {
        let p = tmp("d.txt", b"Khan left.");
        let out = bin().args(["analyze", "--date", "22/02/2022"]).arg(&p).output().expect("run");
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("--date"));
    }
}

mod bad_input {
    use super::*;

    fn run(paths: &[PathBuf]) -> (Output, Vec<Value>, String) {
        let out = bin().arg("analyze").args(paths).output().expect("run");
        let docs = json_lines(&out);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        (out, docs, err)
    }

    #[test]
    fn invalid_utf8_is_reported_and_others_still_analysed() {
        let bad = tmp("latin1.txt", b"Caf\xe9 talks began.");
        let good = tmp("good.txt", b"Khan left.");
        let (out, docs, err) = run(&[bad.clone(), good]);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(docs.len(), 1);
        assert!(err.contains("latin1.txt") && err.contains("invalid UTF-8"), "{err}");
    }

    #[test]
    fn binary_file_is_reported() {
        let bad = tmp("blob.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00");
        let (out, docs, err) = run(&[bad]);
        assert_eq!(out.status.code(), Some(1));
        assert!(docs.is_empty());
        assert!(err.contains("binary"), "{err}");
    }

    #[test]
    fn empty_file_is_reported() {
        let bad = tmp("empty.txt", b"");
        let good = tmp("good2.txt", b"Putin stayed.");
        let (out, docs, err) = run(&[bad, good]);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(docs.len(), 1);
        assert!(err.contains("empty"), "{err}");
    }

    #[test]
    fn malformed_jsonl_lines_among_good_ones() {
        let feed = tmp(
            "feed.jsonl",
            b"{\"id\":\"a\",\"text\":\"Khan left.\"}\n{\"id\":\"b\",\"text\":\n{\"id\":\"c\"}\n{\"id\":\"d\",\"text\":\"Putin stayed.\",\"date\":\"2022-02-22\"}\n\xff\xfe\n",
        );
        let (out, docs, err) = run(&[feed]);
        assert_eq!(out.status.code(), Some(1));
        let ids: Vec<&str> = docs.iter().filter_map(|d| d["id"].as_str()).collect();
        assert_eq!(ids, ["a", "d"]);
        assert_eq!(docs[1]["date"], "2022-02-22");
        assert!(err.contains("feed.jsonl:2") && err.contains("malformed JSON"), "{err}");
        assert!(err.contains("feed.jsonl:3") && err.contains("missing required field `text`"), "{err}");
        assert!(err.contains("feed.jsonl:5") && err.contains("invalid UTF-8"), "{err}");
        assert!(err.contains("2 articles analysed, 3 records failed"), "{err}");
    }

    #[test]
    fn missing_file_is_reported() {
        let (out, docs, err) = run(&[PathBuf::from("/nonexistent/dragoman/x.txt")]);
        assert_eq!(out.status.code(), Some(1));
        assert!(docs.is_empty());
        assert!(err.contains("/nonexistent/dragoman/x.txt"), "{err}");
    }
}

mod store {
    use super::*;

    #[test]
    fn ingest_twice_changes_nothing_and_exports_read_back() {
        let dir = std::env::temp_dir().join(format!("dragoman-cli-store-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let db = dir.join("news.db");
        let _ = std::fs::remove_file(&db);
        let article = tmp("store-visit.txt", ARTICLE.as_bytes());
        let bad = tmp("store-bad.txt", b"\xff\xfe broken");
        let run = |args: &[&str]| bin().args(args).output().expect("run");
        let db_s = db.to_str().expect("utf-8 path");
        let a_s = article.to_str().expect("utf-8 path");
        let first = run(&["ingest", "--date", "2022-02-22", "--db", db_s, a_s, bad.to_str().expect("path")]);
        assert_eq!(first.status.code(), Some(1), "the unreadable file is reported");
        let err = String::from_utf8_lossy(&first.stderr);
        assert!(err.contains("1 inserted") && err.contains("1 records unreadable"), "{err}");
        let again = run(&["ingest", "--date", "2022-02-22", "--db", db_s, a_s]);
        assert!(again.status.success());
        assert!(String::from_utf8_lossy(&again.stderr).contains("0 inserted, 0 replaced, 1 unchanged"));
        let exported = run(&["export", "--format", "jsonl", "--db", db_s]);
        assert!(exported.status.success());
        let docs = json_lines(&exported);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0]["text"], ARTICLE);
        check_spans(&docs[0]);
        let csv = run(&["query", "events", "--db", db_s, "--format", "csv"]);
        assert!(csv.status.success());
        let text = String::from_utf8_lossy(&csv.stdout);
        let rows = text.lines().count();
        let events = docs[0]["events"].as_array().map_or(0, Vec::len);
        assert!(rows >= 1, "a header line at least: {text}");
        // CSV rows may hold quoted newlines, so compare with the store's own count only loosely:
        assert!(events == 0 || rows > 1, "{text}");
        let hostile = run(&["query", "quotes", "--db", db_s, "--text", "'; DROP TABLE quotes; --"]);
        assert!(hostile.status.success());
        let after = run(&["export", "--format", "jsonl", "--db", db_s]);
        assert_eq!(json_lines(&after).len(), 1, "the hostile filter was just text");
    }
}

mod parse {
    use super::*;

    #[test]
    fn long_text_is_parsed_in_pieces_with_continuous_sentence_ids() {
        // Over 256 KiB of paragraphs: `parse` works through it piece by piece.
        let para = "Pakistan's prime minister began a visit to Russia on Wednesday. He will meet the president.\n\n";
        let text = para.repeat(3000);
        let p = tmp("long.txt", text.as_bytes());
        let out = bin().arg("parse").arg(&p).output().expect("run");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let conllu = String::from_utf8_lossy(&out.stdout);
        let ids: Vec<usize> = conllu
            .lines()
            .filter_map(|l| l.strip_prefix("# sent_id = "))
            .map(|n| n.parse().expect("number"))
            .collect();
        assert_eq!(ids.len(), 6000);
        assert!(ids.iter().enumerate().all(|(i, &n)| n == i + 1), "ids run 1..=6000 without restarting");
        assert_eq!(conllu.matches("# newpar").count(), 3000);
    }
}
