//! Times writing analysed articles to the store against analysing them.
//!
//! ```text
//! cargo run --release -p dragoman-store --example bench_ingest -- [DIR] [--limit N] [--batch B] [--rounds R] [--dense]
//! cargo run --release -p dragoman-store --example bench_ingest -- --jsonl ANALYZED.jsonl [--batch B] [--rounds R]
//! ```
//!
//! Reads every `.txt` file under `DIR` (default: the BBC corpus at /work/shared/corpus/bbc; first
//! line = title), runs the pipeline on each (timed), then ingests the analyses into a fresh store in
//! batches of `B` (default 256; timed: the write alone, including the contract conversion; the
//! fastest of `R` rounds into fresh databases, default 3), and prints milliseconds per article for both and the write's share of analyse time.
//!
//! With `--jsonl FILE` it times only `Store::ingest_jsonl` on saved `dragoman analyze` output.
//!
//! `--dense` adds layers the pipeline may not fill yet (one actor per sentence, one event per
//! sentence, a quotation every third sentence) so the write cost can be read for fully analysed
//! articles as well; these layers are made up for timing only and say nothing about quality.

use dragoman_doc::{ActorKind, ActorMention, Document, Event, EventActor, Meta, Modality, Quote, QuoteKind, Speaker};
use dragoman_pipeline::{Analysis, Pipeline};
use dragoman_store::Store;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "txt") {
            out.push(p);
        }
    }
    Ok(())
}

/// Layers for timing: per sentence with three tokens or more, an actor on its first token and an
/// event from its first to its third token triggered by its second; a quote every third sentence.
fn densify(a: &mut Analysis) {
    let doc = &a.doc;
    for (i, s) in doc.sentences.iter().enumerate() {
        let toks = &doc.tokens[s.tokens.clone()];
        if toks.len() < 3 {
            continue;
        }
        a.actors.push(ActorMention {
            span: toks[0].span,
            kind: ActorKind::Person,
            code: Some("GBRGOV".into()),
            country: Some("GBR".into()),
            sector: Some("GOV".into()),
            entity: Some(doc.slice(toks[0].span).to_string()),
            entry: Some("bench".into()),
            entity_id: None,
            role: None,
            rule: None,
        });
        a.events.push(Event {
            cameo: "042".into(),
            plover: Some("CONSULT".into()),
            mode: Some("visit".into()),
            source: EventActor { span: toks[0].span, code: Some("GBRGOV".into()) },
            target: Some(EventActor { span: toks[2].span, code: Some("FRA".into()) }),
            negated: false,
            modality: Modality::Asserted,
            date: doc.meta.date.clone(),
            date_source: Some("article".into()),
            location: None,
            sentence: i,
            trigger: toks[1].span,
            rule: "bench".into(),
            quad_class: 1,
            goldstein: 1.9,
            quote: None,
        });
        if i % 3 == 0 {
            a.quotes.push(Quote {
                kind: QuoteKind::Indirect,
                content: s.span,
                cue: Some(toks[1].span),
                speaker: Some(Speaker { span: toks[0].span, entity: None, code: Some("GBRGOV".into()) }),
                rule: "bench".into(),
            });
        }
    }
}

/// `--jsonl FILE`: times `Store::ingest_jsonl` on saved `dragoman analyze` output (JSON parsing
/// included), for comparison with the time `analyze` took to write that file.
fn bench_jsonl(path: &Path, batch: usize, rounds: usize) -> Result<(), Box<dyn std::error::Error>> {
    let bytes = std::fs::read(path)?;
    let mut best = f64::INFINITY;
    let mut report = Default::default();
    for round in 0..rounds.max(1) {
        let db_dir = std::env::temp_dir().join(format!("dragoman-bench-jsonl-{}-{round}", std::process::id()));
        std::fs::create_dir_all(&db_dir)?;
        let mut store = Store::open(&db_dir.join("bench.db"))?;
        let t = Instant::now();
        report = store.ingest_jsonl(&mut bytes.as_slice(), &path.display().to_string(), batch)?;
        best = best.min(t.elapsed().as_secs_f64());
        drop(store);
        std::fs::remove_dir_all(&db_dir)?;
    }
    let n = report.inserted + report.replaced + report.unchanged + report.failed;
    println!("{report:?}");
    println!("ingest_jsonl (best of {rounds}) {:.3} ms/article", 1000.0 * best / n.max(1) as f64);
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut dir = PathBuf::from("/work/shared/corpus/bbc");
    let (mut limit, mut batch, mut dense, mut rounds) = (usize::MAX, 256usize, false, 3usize);
    let mut jsonl = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--limit" => limit = args.next().ok_or("--limit N")?.parse()?,
            "--batch" => batch = args.next().ok_or("--batch B")?.parse()?,
            "--dense" => dense = true,
            "--rounds" => rounds = args.next().ok_or("--rounds R")?.parse()?,
            "--jsonl" => jsonl = Some(PathBuf::from(args.next().ok_or("--jsonl FILE")?)),
            _ => dir = PathBuf::from(a),
        }
    }
    if let Some(path) = jsonl {
        return bench_jsonl(&path, batch, rounds);
    }
    let mut paths = Vec::new();
    files(&dir, &mut paths)?;
    paths.truncate(limit);
    let mut docs = Vec::with_capacity(paths.len());
    for p in &paths {
        // The BBC files are Latin-1 in places; a lossy read keeps the benchmark going.
        let text = String::from_utf8_lossy(&std::fs::read(p)?).into_owned();
        let id = p.strip_prefix(&dir).unwrap_or(p).display().to_string();
        let title = text.lines().find(|l| !l.trim().is_empty()).map(str::to_string);
        docs.push(Document::with_meta(text, Meta { id, title, source: Some("BBC".into()), ..Default::default() }));
    }

    let pipeline = Pipeline::new()?;
    let t = Instant::now();
    let mut analyses: Vec<Analysis> = docs.into_iter().map(|d| pipeline.analyze(d)).collect();
    let analyze_s = t.elapsed().as_secs_f64();
    if dense {
        analyses.iter_mut().for_each(densify);
    }
    let n = analyses.len();
    let sentences: usize = analyses.iter().map(|a| a.doc.sentences.len()).sum();

    // The write is timed into a fresh database `rounds` times and the fastest round reported, so
    // that other processes on the machine disturb the figure less.
    let mut write_s = f64::INFINITY;
    let (mut rewrite_s, mut size, mut counts) = (0.0, 0u64, None);
    for round in 0..rounds.max(1) {
        let db_dir = std::env::temp_dir().join(format!("dragoman-bench-ingest-{}-{round}", std::process::id()));
        std::fs::create_dir_all(&db_dir)?;
        let mut store = Store::open(&db_dir.join("bench.db"))?;
        let t = Instant::now();
        for chunk in analyses.chunks(batch.max(1)) {
            let refs: Vec<&Analysis> = chunk.iter().collect();
            store.ingest(&refs)?;
        }
        write_s = write_s.min(t.elapsed().as_secs_f64());
        let t = Instant::now();
        for chunk in analyses.chunks(batch.max(1)) {
            let refs: Vec<&Analysis> = chunk.iter().collect();
            store.ingest(&refs)?;
        }
        rewrite_s = t.elapsed().as_secs_f64();
        counts = Some(store.counts()?);
        drop(store);
        size = std::fs::read_dir(&db_dir)?.filter_map(|e| e.ok()?.metadata().ok()).map(|m| m.len()).sum();
        std::fs::remove_dir_all(&db_dir)?;
    }
    let c = counts.unwrap_or_default();

    let per = |s: f64| 1000.0 * s / n.max(1) as f64;
    println!("articles {n}, sentences {sentences}, batch {batch}, dense layers: {dense}");
    println!(
        "rows: actors {} events {} quotes {} times {} errors {}",
        c.actors, c.events, c.quotes, c.times, c.errors
    );
    println!("analyze          {:8.3} ms/article ({:.0} sentences/s)", per(analyze_s), sentences as f64 / analyze_s);
    println!("write (best of {rounds}) {:8.3} ms/article = {:.1} % of analyze", per(write_s), 100.0 * write_s / analyze_s);
    println!("re-ingest (no-op){:8.3} ms/article", per(rewrite_s));
    println!("database size    {:.1} MB ({:.1} KB/article)", size as f64 / 1e6, size as f64 / 1e3 / n.max(1) as f64);
    Ok(())
}
