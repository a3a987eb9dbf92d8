//! Reads files, directories or globs and prints one line per record, then the counts:
//! `cargo run --release -p dragoman-read --example read -- data/*.warc.gz`.

use dragoman_read::{read_path_with_stats, ReadStats};
use std::path::Path;

fn main() {
    let mut stats = ReadStats::default();
    for arg in std::env::args().skip(1) {
        read_path_with_stats(Path::new(&arg), None, &mut stats, &mut |record| match record {
            Ok(d) => println!(
                "doc\t{}\t{}\t{}\t{}\t{} bytes",
                d.meta.id,
                d.meta.date.as_deref().unwrap_or("-"),
                d.meta.url.as_deref().unwrap_or("-"),
                d.meta.title.as_deref().unwrap_or("-"),
                d.text.len()
            ),
            Err(e) => println!("error\t{}\t{}\t{}", e.kind.as_str(), e.location, e.message),
        });
    }
    eprintln!("{stats}");
}
