//! Embeds every `data/leaders/*.tsv` file: the list is read at build time so that adding a file
//! needs no code change (the leaders tables are written by people who never touch the code).
use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

fn main() {
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR")).join("data/leaders");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|x| x == "tsv"));
    files.sort();
    let mut out = String::from("/// `(file name, contents)` of every embedded leaders table.\npub(crate) static LEADERS: &[(&str, &str)] = &[\n");
    for p in &files {
        println!("cargo:rerun-if-changed={}", p.display());
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("leaders.tsv");
        writeln!(out, "    ({name:?}, include_str!({:?})),", p.display().to_string()).expect("write to String");
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("leaders.rs");
    fs::write(dest, out).expect("write generated leaders list");
}
