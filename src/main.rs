//! The `dragoman` command: flag parsing and glue over the library crates. No domain logic here.

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use dragoman_pipeline::{output, pretty, stream, Pipeline};
use dragoman_read::{Format, Record};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser)]
#[command(name = "dragoman", version, about = "Reads news and files it as structured, sourced records: events, quotations, actors, time.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse articles. With no path, analyses the embedded sample articles and prints a report.
    Analyze(AnalyzeArgs),
    /// Like `analyze --format pretty`: every record with its evidence sentence and rule.
    Explain(AnalyzeArgs),
    /// Tag and parse raw text; print CoNLL-U (own segmentation and tokenisation).
    Parse {
        /// Files or directories; `-` or nothing reads standard input.
        paths: Vec<PathBuf>,
        /// Input format (default: from the file extension; plain text for stdin).
        #[arg(long, value_enum)]
        input: Option<InFormat>,
        /// Which committed syntax model parses.
        #[arg(long, value_enum, default_value = "accurate")]
        syntax: SyntaxModel,
    },
    /// Train the tagger, lemmatiser and parser on UD English-EWT (writes `syntax.bin`, or
    /// `syntax-accurate.bin` with `--accurate`).
    Train {
        /// Train the accurate model (Brown clusters, beam parser); needs `--brown`.
        #[arg(long, requires = "brown")]
        accurate: bool,
        /// The Brown-cluster table `en_lexeme_cluster.json.gz` of the PyPI package
        /// `spacy-lookups-data` 1.0.5 (`tools/fetch-brown.sh` fetches it into `target/brown`).
        #[arg(long)]
        brown: Option<PathBuf>,
        #[arg(long, default_value = "../shared/data/ud-english-ewt/en_ewt-ud-train.conllu")]
        train: PathBuf,
        #[arg(long, default_value = "../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu")]
        dev: PathBuf,
        /// Output directory (the committed model lives in crates/syntax/model).
        #[arg(long, default_value = "crates/syntax/model")]
        out: PathBuf,
    },
    /// The actor knowledge base.
    #[command(subcommand)]
    Actors(ActorsCommand),
    /// Analyse articles and file them in the SQLite store (idempotent; a rerun completes an
    /// interrupted ingest without duplicates).
    Ingest(IngestArgs),
    /// Ask the store questions.
    #[command(subcommand)]
    Query(QueryCommand),
    /// Export the store: the analyze contract (jsonl), flat CSV, GDELT 2.0 events, PLOVER JSON, Parquet.
    Export {
        #[arg(long, value_parser = ["jsonl", "csv", "gdelt", "plover", "parquet"], default_value = "jsonl")]
        format: String,
        #[arg(long, default_value = "dragoman.db")]
        db: PathBuf,
        /// Output file (default: standard output; required for parquet).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Evaluate a stage against gold data.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Measure throughput.
    #[command(subcommand)]
    Bench(BenchCommand),
}

#[derive(Args)]
struct AnalyzeArgs {
    /// Files or directories to read; `-` reads standard input.
    paths: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD) for every article, overriding what the input says.
    #[arg(long)]
    date: Option<String>,
    /// Output format (default: jsonl for files, pretty for the embedded samples).
    #[arg(long, value_enum)]
    format: Option<OutFormat>,
    /// Input format (default: from the file extension; plain text for stdin).
    #[arg(long, value_enum)]
    input: Option<InFormat>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// No progress bar and no summary.
    #[arg(long, short)]
    quiet: bool,
    /// Also write every record that failed as JSON Lines to this file.
    #[arg(long)]
    errors: Option<PathBuf>,
    /// PETRARCH/TABARI actor or agent dictionaries to add (later files override earlier entries).
    #[arg(long = "actors", value_name = "FILE")]
    actor_files: Vec<PathBuf>,
    /// PETRARCH verb dictionaries to code with, in addition to the embedded patterns.
    #[arg(long = "verbs", value_name = "FILE")]
    verb_files: Vec<PathBuf>,
    /// Syntax model: `fast` holds the end-to-end speed; `accurate` parses better in about
    /// twice the syntax time.
    #[arg(long, value_enum, default_value = "fast")]
    syntax: SyntaxModel,
}

/// The two committed syntax models.
#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum SyntaxModel {
    Fast,
    Accurate,
}

impl SyntaxModel {
    fn flavour(self) -> dragoman_syntax::Flavour {
        match self {
            SyntaxModel::Fast => dragoman_syntax::Flavour::Fast,
            SyntaxModel::Accurate => dragoman_syntax::Flavour::Accurate,
        }
    }
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum OutFormat {
    Jsonl,
    Pretty,
}

#[derive(Clone, Copy, ValueEnum)]
enum PetrCoder {
    Auto,
    Petrarch1,
    Petrarch2,
}

#[derive(Clone, Copy, ValueEnum)]
enum TreeSource {
    Gold,
    Own,
}

#[derive(Clone, Copy, ValueEnum)]
enum InFormat {
    Text,
    Jsonl,
    Html,
    Warc,
    Feed,
}

#[derive(Args)]
struct IngestArgs {
    /// Files or directories of articles; with --from-analysis, JSON Lines written by `analyze`.
    paths: Vec<PathBuf>,
    #[arg(long, default_value = "dragoman.db")]
    db: PathBuf,
    /// The inputs are `analyze` output (the JSON Lines contract), not articles.
    #[arg(long)]
    from_analysis: bool,
    /// Publication date for every article (YYYY-MM-DD).
    #[arg(long)]
    date: Option<String>,
    /// Input format (default: from the file extension).
    #[arg(long, value_enum)]
    input: Option<InFormat>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Articles per transaction.
    #[arg(long, default_value_t = 256)]
    batch: usize,
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum TableFormat {
    Table,
    Csv,
    Jsonl,
}

#[derive(Args)]
struct QueryCommon {
    #[arg(long, default_value = "dragoman.db")]
    db: PathBuf,
    #[arg(long, value_enum, default_value = "table")]
    format: TableFormat,
    #[arg(long)]
    limit: Option<usize>,
    /// From this date (inclusive, YYYY-MM-DD).
    #[arg(long)]
    since: Option<String>,
    /// Up to this date (inclusive).
    #[arg(long)]
    until: Option<String>,
}

#[derive(Subcommand)]
enum QueryCommand {
    /// Event mentions (or, with --dedup, deduplicated events) with their evidence.
    Events {
        #[command(flatten)]
        common: QueryCommon,
        /// Source actor code or prefix (PAKGOV, PAK).
        #[arg(long)]
        source: Option<String>,
        /// Target actor code or prefix.
        #[arg(long)]
        target: Option<String>,
        /// CAMEO code prefix (04, 042).
        #[arg(long)]
        cameo: Option<String>,
        /// PLOVER type (CONSULT).
        #[arg(long)]
        plover: Option<String>,
        /// Only asserted, non-negated events.
        #[arg(long)]
        facts_only: bool,
        /// Text the evidence sentence contains.
        #[arg(long)]
        text: Option<String>,
        /// One row per deduplicated event.
        #[arg(long)]
        dedup: bool,
    },
    /// Quotations with their speakers.
    Quotes {
        #[command(flatten)]
        common: QueryCommon,
        #[arg(long)]
        speaker: Option<String>,
        #[arg(long)]
        text: Option<String>,
    },
    /// Actors, with mention and article counts.
    Actors {
        #[command(flatten)]
        common: QueryCommon,
        #[arg(long)]
        code: Option<String>,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        kind: Option<String>,
    },
    /// Claim check: when did this last happen before a date, and when first, with the evidence.
    First {
        #[arg(long, default_value = "dragoman.db")]
        db: PathBuf,
        #[arg(long)]
        source: String,
        #[arg(long)]
        target: Option<String>,
        #[arg(long)]
        cameo: String,
        #[arg(long)]
        before: Option<String>,
        /// Count planned, denied and hypothetical events too.
        #[arg(long)]
        include_non_facts: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum ActorsCommand {
    /// Show the entries a name matches, their roles, and the code on a date.
    Lookup {
        name: String,
        /// The date to resolve roles on (YYYY-MM-DD; default: today).
        #[arg(long)]
        date: Option<String>,
        /// PETRARCH/TABARI actor or agent dictionaries to add.
        #[arg(long = "actors", value_name = "FILE")]
        actor_files: Vec<PathBuf>,
    },
    /// Load the Phoenix dictionaries of a PETRARCH folder and check that a sample of their entries
    /// resolves as written (also reports the load time).
    CheckPetrarch {
        /// Folder holding Phoenix.*.actors.txt and Phoenix.agents.txt.
        dir: PathBuf,
        /// Check every N-th entry.
        #[arg(long, default_value_t = 10)]
        every: usize,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum EvalCommand {
    /// Event coding on a development set of sentences with expected codings (TSV, see
    /// crates/events/tests/devset.tsv), end to end through the whole pipeline.
    Events {
        file: PathBuf,
        /// Publication date for cases that give none.
        #[arg(long, default_value = "2022-02-22")]
        date: String,
        /// List every sentence whose coding differs.
        #[arg(long)]
        failures: bool,
        #[arg(long)]
        json: bool,
    },
    /// PETRARCH's unit-test records or the PETR2 GSR set, coded the way PETRARCH codes them,
    /// with the records' dictionaries and their `<Config>` options: PETRARCH-1's linear pattern
    /// matching over a phrase-structure tree (compound actors, composed agent codes, synsets,
    /// pattern slots, paired codes, dated actors, discards), or, for PETRARCH2's verb
    /// dictionary `CAMEO.2.0.txt`, PETRARCH2's reading of the tree (verb-phrase meanings,
    /// `{}`/`()` patterns, transformations, combined codes, negation, passives).
    /// Prints exact records (coded triples equal to the expected ones, also per category) and
    /// triple precision, recall and F1.
    Petrarch {
        file: PathBuf,
        /// Which PETRARCH to code like: `auto` takes PETRARCH2 for `CAMEO.2.0.txt`, PETRARCH-1
        /// for other verb dictionaries.
        #[arg(long, value_enum, default_value = "auto")]
        coder: PetrCoder,
        /// `gold`: each record's own Penn tree; `own`: dragoman's dependency parse of the
        /// sentence, converted to a phrase-structure tree.
        #[arg(long, value_enum, default_value = "gold")]
        trees: TreeSource,
        /// Which committed syntax model parses for `--trees own` (accurate, as for `parse`).
        #[arg(long, value_enum, default_value = "accurate")]
        syntax: SyntaxModel,
        /// Folder with the dictionaries the records name (default: the records file's folder).
        #[arg(long)]
        dicts: Option<PathBuf>,
        /// Also list every record that is not exact, with wanted and coded triples.
        #[arg(long)]
        failures: bool,
        /// Instead of coding: how well trees converted from dragoman's parse agree with the
        /// file's own trees (labelled brackets), to develop the conversion.
        #[arg(long)]
        compare_trees: bool,
        /// Also write the records, each with the tree it was coded from, to this file (same
        /// layout as the GSR records): the trees of `--trees own` can then be coded again, by
        /// `--trees gold` on that file or by another PETRARCH. PETRARCH-compatible coders only.
        #[arg(long, value_name = "FILE")]
        write_trees: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Quotation attribution against PolNeAR (content, cue, source P/R/F1; speaker accuracy).
    Polnear {
        /// A PolNeAR split folder (e.g. ../shared/data/polnear/dev).
        dir: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Time expressions against TimeML files (TempEval-3 extent, type and value metrics).
    Timeml {
        /// Folders of .tml files (e.g. TimeBank and AQUAINT).
        dirs: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Tagging and parsing: UPOS, XPOS, lemma, UAS, LAS with gold tokens, or from raw text with --raw.
    Parse {
        file: PathBuf,
        /// Start from the raw text (own segmentation), CoNLL 2018 alignment.
        #[arg(long)]
        raw: bool,
        #[arg(long)]
        json: bool,
        /// A model directory to evaluate instead of the embedded model (its `syntax-accurate.bin`,
        /// or `syntax.bin` with `--syntax fast`).
        #[arg(long)]
        model: Option<PathBuf>,
        /// Which model (embedded, or its file in `--model`).
        #[arg(long, value_enum, default_value = "accurate")]
        syntax: SyntaxModel,
    },
    /// Sentence and token F1 of the segmenter against a CoNLL-U treebank (CoNLL 2018 semantics).
    Segment {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum BenchCommand {
    /// Time of each stage on one thread, as a share of tag + parse.
    Stages {
        /// Folder of .txt articles (default: ../shared/corpus/bbc).
        dir: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// End to end (segment → tag → parse → actors → events → quotes → times → JSON Lines) on a
    /// folder of articles held in memory: articles/s, sentences/s per core, peak RSS.
    Pipeline {
        /// Folder of .txt articles (default: ../shared/corpus/bbc).
        dir: Option<PathBuf>,
        /// Worker threads.
        #[arg(long, default_value_t = 1)]
        threads: usize,
        /// Passes over the corpus.
        #[arg(long, default_value_t = 3)]
        repeat: usize,
        /// Print one JSON object instead of the report.
        #[arg(long)]
        json: bool,
    },
    /// Segmentation and tokenisation throughput (MB/s, sentences/s) on a folder of articles.
    Segment {
        /// Folder of .txt articles (default: ../shared/corpus/bbc).
        dir: Option<PathBuf>,
        /// Passes over the corpus.
        #[arg(long, default_value_t = 5)]
        repeat: usize,
    },
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Analyze(args) => analyze(args, false),
        Command::Explain(args) => analyze(args, true),
        Command::Eval(EvalCommand::Segment { file, json }) => {
            let gold = dragoman_eval::read_conllu(&file)?;
            let m = dragoman_eval::segment::evaluate(&gold);
            print_metrics(&m, &m.report(), json)
        }
        Command::Eval(EvalCommand::Parse { file, raw, json, model, syntax }) => {
            let gold = dragoman_eval::read_conllu(&file)?;
            let loaded;
            let model = match model {
                Some(dir) => {
                    loaded = dragoman_syntax::Model::load_flavour(&dir, syntax.flavour())?;
                    &loaded
                }
                None => dragoman_syntax::Model::embedded_flavour(syntax.flavour())?,
            };
            if raw {
                let m = dragoman_eval::parse::evaluate_raw(model, &gold);
                print_metrics(&m, &m.report(), json)
            } else {
                let m = dragoman_syntax::eval::evaluate_gold(model, &gold);
                print_metrics(&m, &dragoman_eval::parse::gold_report(&m), json)
            }
        }
        Command::Eval(EvalCommand::Timeml { dirs, json }) => {
            if dirs.is_empty() {
                bail!("eval timeml needs at least one folder of .tml files");
            }
            let m = dragoman_time::timeml::evaluate(&dirs)?;
            print_metrics(&m, &dragoman_time::timeml::report(&[("all", &m)]), json)
        }
        Command::Eval(EvalCommand::Polnear { dir, json }) => {
            let pipeline = Pipeline::new()?;
            let m = dragoman_quotes::polnear::evaluate(&dir, |text, date| {
                let meta = dragoman_doc::Meta { date: date.map(str::to_string), ..Default::default() };
                let a = pipeline.analyze(dragoman_doc::Document::with_meta(text, meta));
                (a.doc, a.quotes)
            })?;
            print_metrics(&m, &dragoman_quotes::polnear::report(&m), json)
        }
        Command::Actors(ActorsCommand::Lookup { name, date, actor_files }) => {
            let date = match date {
                Some(d) => Some(parse_date(&d)?),
                None => None,
            };
            let kb = knowledge_base(&actor_files)?;
            let results = kb.lookup(&name, date);
            print!("{}", dragoman_actors::report(&name, &results));
            if date.is_none() {
                println!("(no --date given: roles are resolved on today's date)");
            }
            Ok(if results.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Command::Actors(ActorsCommand::CheckPetrarch { dir, every, json }) => {
            let r = dragoman_actors::check_sample(&dir, every.max(1))?;
            let m = serde_json::json!({
                "load_seconds": r.load_time.as_secs_f64(),
                "entries_loaded": r.entries_loaded,
                "checked": r.checked,
                "resolved": r.resolved,
                "shadowed": r.shadowed,
                "failures": r.failures.len(),
                "resolved_fraction": r.resolved as f64 / r.checked.max(1) as f64,
            });
            let report = format!(
                "Phoenix dictionaries: {} entries loaded in {:.3} s; sample of {}: {} resolve as written, {} shadowed by a later entry, {} failures\n{}",
                r.entries_loaded, r.load_time.as_secs_f64(), r.checked, r.resolved, r.shadowed, r.failures.len(),
                r.failures.iter().take(20).map(|f| format!("  {f}\n")).collect::<String>()
            );
            print_metrics(&m, &report, json)
        }
        Command::Eval(EvalCommand::Events { file, date, failures, json }) => {
            let date = dragoman_read::normalise_date(&date).with_context(|| format!("--date {date:?} is not YYYY-MM-DD"))?;
            let text = std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
            let cases = dragoman_events::devset::parse_devset(&text)?;
            let pipeline = Pipeline::new()?;
            let report = dragoman_events::devset::run(&cases, |text, d| {
                let meta = dragoman_doc::Meta { date: Some(d.map_or(date.clone(), str::to_string)), ..Default::default() };
                let a = pipeline.analyze(dragoman_doc::Document::with_meta(text, meta));
                dragoman_events::devset::Coded { doc: a.doc, events: a.events }
            });
            print_metrics(&report.to_json(), &report.render(failures), json)
        }
        Command::Eval(EvalCommand::Petrarch { file, coder, trees, syntax, dicts, failures, compare_trees, write_trees, json }) => {
            use dragoman_events::petrarch_eval::{evaluate_with, PetrCoderKind, Trees};
            let coder = match coder {
                PetrCoder::Auto => PetrCoderKind::Auto,
                PetrCoder::Petrarch1 => PetrCoderKind::Petrarch1,
                PetrCoder::Petrarch2 => PetrCoderKind::Petrarch2,
            };
            let dicts = dicts.unwrap_or_else(|| file.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf));
            // The syntax model is loaded only when dragoman's own parse is asked for.
            let model = match (compare_trees, trees) {
                (false, TreeSource::Gold) => None,
                _ => Some(dragoman_syntax::Model::embedded_flavour(syntax.flavour())?),
            };
            let own = |text: &str| {
                let mut doc = dragoman_doc::Document::new(text);
                dragoman_segment::segment(&mut doc);
                if let Some(model) = model {
                    model.annotate(&mut doc);
                }
                doc
            };
            if compare_trees {
                let (n, skipped, by) = dragoman_events::petrarch_eval::compare_trees(&file, &own)?;
                let mut o = format!("{n} sentences compared, {skipped} skipped (words differ)\n");
                let mut js = serde_json::Map::new();
                for (l, (m, g, t)) in &by {
                    let (p, r) = (*m as f64 / (*t).max(1) as f64, *m as f64 / (*g).max(1) as f64);
                    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
                    o.push_str(&format!("  {l:<5} P {p:.3}  R {r:.3}  F1 {f:.3}  ({m} of {g} gold, {t} converted)\n"));
                    js.insert(l.clone(), serde_json::json!({"matched": m, "gold": g, "converted": t, "f1": f}));
                }
                let j = serde_json::json!({"compared": n, "skipped": skipped, "labels": js});
                return print_metrics(&j, &o, json);
            }
            let m = match trees {
                TreeSource::Gold => evaluate_with(&file, &dicts, Trees::Gold, coder)?,
                TreeSource::Own => evaluate_with(&file, &dicts, Trees::Own(&own), coder)?,
            };
            if let Some(out) = write_trees {
                if m.cases.iter().all(|c| c.tree.is_none()) {
                    bail!("--write-trees: no record was coded from a phrase-structure tree (the dependency coder codes dependencies)");
                }
                let xml = dragoman_events::petrarch_eval::records_xml(&m.cases);
                std::fs::write(&out, xml).with_context(|| format!("writing {}", out.display()))?;
            }
            print_metrics(&m.to_json(), &m.render(failures), json)
        }
        Command::Ingest(args) => ingest(args),
        Command::Query(q) => query(q),
        Command::Export { format, db, output } => {
            let store = dragoman_store::Store::open_read_only(&db).with_context(|| format!("opening {}", db.display()))?;
            let format: dragoman_store::ExportFormat = format.parse()?;
            let n = match &output {
                Some(p) => {
                    let mut f = std::io::BufWriter::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?);
                    let n = store.export(format, &mut f)?;
                    f.flush()?;
                    n
                }
                None => {
                    let stdout = std::io::stdout();
                    let mut out = std::io::BufWriter::new(stdout.lock());
                    let n = store.export(format, &mut out)?;
                    out.flush()?;
                    n
                }
            };
            eprintln!("dragoman: exported {n} records");
            Ok(ExitCode::SUCCESS)
        }
        Command::Parse { paths, input, syntax } => parse(paths, input, syntax),
        Command::Train { accurate, brown, train, dev, out } => {
            use dragoman_syntax::train::TrainConfig;
            let cfg = match (accurate, brown) {
                (true, Some(brown)) => TrainConfig::accurate(train, dev, out, brown),
                (true, None) => bail!("--accurate needs --brown (run tools/fetch-brown.sh)"),
                (false, Some(_)) => bail!("--brown is only used with --accurate"),
                (false, None) => TrainConfig::new(train, dev, out),
            };
            let report = dragoman_syntax::train::train(&cfg)?;
            println!("{}", serde_json::to_string_pretty(&report)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench(BenchCommand::Segment { dir, repeat }) => bench_segment(dir, repeat),
        Command::Bench(BenchCommand::Stages { dir, json }) => {
            let texts = load_corpus(&dir.unwrap_or_else(default_corpus))?;
            let pipeline = Pipeline::new()?;
            let mut times = dragoman_pipeline::StageTimes::default();
            for t in texts {
                let meta = dragoman_doc::Meta { date: Some("2005-01-01".into()), ..Default::default() };
                pipeline.analyze_timed(dragoman_doc::Document::with_meta(t, meta), &mut times);
            }
            print_metrics(&times, &times.report(), json)
        }
        Command::Bench(BenchCommand::Pipeline { dir, threads, repeat, json }) => bench_pipeline(dir, threads, repeat, json),
    }
}

fn print_metrics<T: serde::Serialize>(m: &T, report: &str, json: bool) -> Result<ExitCode> {
    let text = if json { format!("{}\n", serde_json::to_string(m)?) } else { report.to_string() };
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        r => {
            r?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// A reader that stopped reading (`dragoman analyze … | head`) is not a failure.
fn broken_pipe(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::BrokenPipe
}

fn analyze(args: AnalyzeArgs, explain: bool) -> Result<ExitCode> {
    let date = match &args.date {
        Some(d) => Some(dragoman_read::normalise_date(d).with_context(|| format!("--date {d:?} is not YYYY-MM-DD"))?),
        None => None,
    };
    let pipeline = if args.actor_files.is_empty() && args.verb_files.is_empty() {
        Pipeline::new()?
    } else {
        Pipeline::with_stages(knowledge_base(&args.actor_files)?, coder(&args.verb_files)?)?
    };
    let pipeline = pipeline.with_syntax(dragoman_syntax::Model::embedded_flavour(args.syntax.flavour())?);
    let format = if explain {
        OutFormat::Pretty
    } else {
        args.format.unwrap_or(if args.paths.is_empty() { OutFormat::Pretty } else { OutFormat::Jsonl })
    };
    let input = in_format(args.input);
    let threads = args.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let mut errors_file = match &args.errors {
        Some(p) => Some(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None => None,
    };
    let progress = Progress::new(&args.paths, args.quiet);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut summary = Summary::default();
    let mut write_err: Option<std::io::Error> = None;
    let paths = args.paths.clone();
    let mut stats = dragoman_read::ReadStats::default();
    let stats_ref = &mut stats;
    let read = move |push_raw: &mut dyn FnMut(Record)| {
        // `--date` is every article's publication date: it is set before analysis, because time
        // normalisation and actor roles depend on it.
        let mut push = |r: Record| {
            push_raw(r.map(|mut doc| {
                if let Some(d) = &date {
                    doc.meta.date = Some(d.clone());
                }
                doc
            }))
        };
        let push = &mut push;
        if paths.is_empty() {
            for doc in dragoman_pipeline::samples::documents() {
                push(Ok(doc));
            }
        }
        for p in &paths {
            if p == Path::new("-") {
                dragoman_read::read_stdin_with_stats(input, stats_ref, push);
            } else {
                dragoman_read::read_path_with_stats(p, input, stats_ref, push);
            }
        }
    };
    // Workers render each article's output; this thread only writes, in input order.
    let render = |a: dragoman_pipeline::Analysis| {
        let text = match format {
            OutFormat::Jsonl => output::to_json(&a).to_string(),
            OutFormat::Pretty => pretty::report(&a),
        };
        let mut s = Summary::default();
        s.add(&a);
        (text, s, a.doc.text.len())
    };
    stream::run_map(&pipeline, threads, threads * 16, read, render, |result| match result {
        Ok((text, s, bytes)) => {
            summary.merge(&s);
            progress.tick(&summary, bytes);
            if let Err(e) = writeln!(out, "{text}") {
                write_err.get_or_insert(e);
            }
        }
        Err(e) => {
            progress.println(&format!("error: {e}"));
            *summary.failed.entry(e.kind.as_str()).or_default() += 1;
            if let Some(f) = errors_file.as_mut() {
                let line = serde_json::json!({"location": e.location, "kind": e.kind.as_str(), "message": e.message});
                if let Err(err) = writeln!(f, "{line}") {
                    write_err.get_or_insert(err);
                }
            }
        }
    });
    progress.finish();
    if let Err(e) = out.flush() {
        write_err.get_or_insert(e);
    }
    if let Some(f) = errors_file.as_mut() {
        f.flush()?;
    }
    let failed: usize = summary.failed.values().sum();
    if let Some(e) = write_err {
        if broken_pipe(&e) {
            return Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS });
        }
        bail!("writing output: {e}");
    }
    if !args.quiet || failed > 0 {
        eprintln!("{}", summary.line(progress.elapsed()));
        if stats.skipped.total() > 0 {
            eprintln!("dragoman: input records: {stats}");
        }
    }
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// What a run did, for the closing summary on stderr.
#[derive(Default)]
struct Summary {
    articles: usize,
    sentences: usize,
    events: usize,
    quotes: usize,
    failed: std::collections::BTreeMap<&'static str, usize>,
}

impl Summary {
    fn add(&mut self, a: &dragoman_pipeline::Analysis) {
        self.articles += 1;
        self.sentences += a.doc.sentences.len();
        self.events += a.events.len();
        self.quotes += a.quotes.len();
    }

    fn merge(&mut self, o: &Summary) {
        self.articles += o.articles;
        self.sentences += o.sentences;
        self.events += o.events;
        self.quotes += o.quotes;
    }

    fn line(&self, secs: f64) -> String {
        let failed: usize = self.failed.values().sum();
        let kinds: Vec<String> = self.failed.iter().map(|(k, n)| format!("{n} {k}")).collect();
        format!(
            "dragoman: {} articles analysed, {} records failed{} · {} sentences, {} events, {} quotes · {:.1}s ({:.0} sentences/s)",
            self.articles,
            failed,
            if kinds.is_empty() { String::new() } else { format!(" ({})", kinds.join(", ")) },
            self.sentences,
            self.events,
            self.quotes,
            secs,
            self.sentences as f64 / secs.max(1e-9)
        )
    }
}

/// The progress bar: shown only on a terminal and without `--quiet`; by bytes (with an ETA) when the
/// inputs are files of known size, else a spinner.
struct Progress {
    bar: indicatif::ProgressBar,
    start: Instant,
}

impl Progress {
    fn new(paths: &[PathBuf], quiet: bool) -> Self {
        use std::io::IsTerminal;
        let visible = !quiet && std::io::stderr().is_terminal();
        let total: Option<u64> = if paths.is_empty() || paths.iter().any(|p| p == Path::new("-")) {
            None
        } else {
            Some(paths.iter().map(|p| dir_size(p)).sum())
        };
        let bar = match (visible, total) {
            (false, _) => indicatif::ProgressBar::hidden(),
            (true, Some(t)) => indicatif::ProgressBar::new(t),
            (true, None) => indicatif::ProgressBar::new_spinner(),
        };
        let template = if total.is_some() {
            "{bar:30} {bytes}/{total_bytes} · {msg} · ETA {eta}"
        } else {
            "{spinner} {msg}"
        };
        if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        Progress { bar, start: Instant::now() }
    }

    fn tick(&self, s: &Summary, bytes: usize) {
        self.bar.inc(bytes as u64);
        if s.articles % 16 == 1 {
            let secs = self.elapsed().max(1e-9);
            self.bar.set_message(format!(
                "{} articles · {:.0} articles/s · {:.0} sentences/s",
                s.articles,
                s.articles as f64 / secs,
                s.sentences as f64 / secs
            ));
        }
    }

    fn println(&self, line: &str) {
        if self.bar.is_hidden() {
            eprintln!("{line}");
        } else {
            self.bar.suspend(|| eprintln!("{line}"));
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }

    fn elapsed(&self) -> f64 {
        self.start.elapsed().as_secs_f64()
    }
}

fn dir_size(p: &Path) -> u64 {
    if p.is_dir() {
        std::fs::read_dir(p).map_or(0, |rd| rd.filter_map(|e| e.ok()).map(|e| dir_size(&e.path())).sum())
    } else {
        std::fs::metadata(p).map_or(0, |m| m.len())
    }
}

fn parse_date(d: &str) -> Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").with_context(|| format!("{d:?} is not a YYYY-MM-DD date"))
}

/// The embedded knowledge base, or one extended with PETRARCH files (built once per run).
fn knowledge_base(files: &[PathBuf]) -> Result<&'static dragoman_actors::KnowledgeBase> {
    if files.is_empty() {
        return Ok(dragoman_actors::KnowledgeBase::embedded()?);
    }
    let mut b = dragoman_actors::KnowledgeBase::builder().embedded_data()?;
    for f in files {
        b = b.add_petrarch_file(f).with_context(|| format!("loading actors from {}", f.display()))?;
    }
    // One knowledge base per process, shared by every worker thread for the whole run.
    Ok(Box::leak(Box::new(b.build()?)))
}

/// The embedded event coder, or one that also codes with PETRARCH verb dictionaries.
fn coder(files: &[PathBuf]) -> Result<&'static dragoman_events::Coder> {
    if files.is_empty() {
        return Ok(dragoman_events::Coder::embedded()?);
    }
    let mut b = dragoman_events::Coder::builder();
    for f in files {
        b = b.petrarch_verbs(f).with_context(|| format!("loading verbs from {}", f.display()))?;
    }
    // Say what each dictionary gave, and refuse one that gave nothing (the wrong file, say).
    for r in b.reports() {
        eprintln!("dragoman: {}: {} verbs, {} patterns, {} lines skipped", r.file, r.verbs, r.patterns, r.skipped.len());
        if r.patterns == 0 {
            bail!("{}: no verb patterns found — is it a PETRARCH verb dictionary?", r.file);
        }
    }
    Ok(Box::leak(Box::new(b.build()?)))
}

fn ingest(args: IngestArgs) -> Result<ExitCode> {
    if args.paths.is_empty() {
        bail!("nothing to ingest: give files, directories or `-` for standard input");
    }
    let mut stats = dragoman_read::ReadStats::default();
    let mut store = dragoman_store::Store::open(&args.db).with_context(|| format!("opening {}", args.db.display()))?;
    let mut total = dragoman_store::IngestReport::default();
    let mut read_failures = 0usize;
    if args.from_analysis {
        for p in &args.paths {
            let f = std::fs::File::open(p).with_context(|| format!("opening {}", p.display()))?;
            let r = store.ingest_jsonl(&mut std::io::BufReader::new(f), &p.display().to_string(), args.batch.max(1))?;
            total.add(&r);
        }
    } else {
        let date = match &args.date {
            Some(d) => Some(dragoman_read::normalise_date(d).with_context(|| format!("--date {d:?} is not YYYY-MM-DD"))?),
            None => None,
        };
        let pipeline = Pipeline::new()?;
        let threads = args.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
        let input = in_format(args.input);
        let paths = args.paths.clone();
        let stats_ref = &mut stats;
        let read = move |push: &mut dyn FnMut(Record)| {
            for p in &paths {
                let mut dated = |r: Record| {
                    push(r.map(|mut doc| {
                        if let Some(d) = &date {
                            doc.meta.date = Some(d.clone());
                        }
                        doc
                    }))
                };
                if p == Path::new("-") {
                    dragoman_read::read_stdin_with_stats(input, stats_ref, &mut dated);
                } else {
                    dragoman_read::read_path_with_stats(p, input, stats_ref, &mut dated);
                }
            }
        };
        let mut batch: Vec<dragoman_pipeline::Analysis> = Vec::new();
        let mut failure: Option<anyhow::Error> = None;
        let flush = |batch: &mut Vec<dragoman_pipeline::Analysis>, store: &mut dragoman_store::Store, total: &mut dragoman_store::IngestReport| -> Result<()> {
            let refs: Vec<&dragoman_pipeline::Analysis> = batch.iter().collect();
            total.add(&store.ingest(&refs)?);
            batch.clear();
            Ok(())
        };
        stream::run(&pipeline, threads, threads * 16, read, |r| {
            if failure.is_some() {
                return;
            }
            let res = match r {
                Ok(a) => {
                    batch.push(a);
                    if batch.len() >= args.batch.max(1) { flush(&mut batch, &mut store, &mut total) } else { Ok(()) }
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    read_failures += 1;
                    store.record_error(&e.location, "read", &e.message).map_err(anyhow::Error::from)
                }
            };
            if let Err(e) = res {
                failure = Some(e);
            }
        });
        if let Some(e) = failure {
            return Err(e);
        }
        flush(&mut batch, &mut store, &mut total)?;
    }
    if !args.quiet || read_failures + total.failed > 0 {
        eprintln!(
            "dragoman: {} inserted, {} replaced, {} unchanged, {} failed; {} events, {} quotes, {} actors, {} times written; {} records unreadable → {}",
            total.inserted, total.replaced, total.unchanged, total.failed, total.events, total.quotes, total.actors, total.times,
            read_failures, args.db.display()
        );
        if stats.skipped.total() > 0 {
            eprintln!("dragoman: input records: {stats}");
        }
    }
    Ok(if read_failures + total.failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn render_rows<R: dragoman_store::Row>(rows: &[R], format: TableFormat) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        TableFormat::Table => dragoman_store::render_table(rows, &mut out)?,
        TableFormat::Csv => dragoman_store::render_csv(rows, &mut out)?,
        TableFormat::Jsonl => dragoman_store::render_jsonl(rows, &mut out)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn open_store(db: &Path) -> Result<dragoman_store::Store> {
    if !db.exists() {
        bail!("no store at {} (create one with `dragoman ingest`)", db.display());
    }
    dragoman_store::Store::open_read_only(db).with_context(|| format!("opening {}", db.display()))
}

fn query(q: QueryCommand) -> Result<ExitCode> {
    match q {
        QueryCommand::Events { common, source, target, cameo, plover, facts_only, text, dedup } => {
            let store = open_store(&common.db)?;
            let rows = store.query_events(&dragoman_store::EventQuery {
                source, target, cameo, plover, since: common.since, until: common.until, facts_only, text, dedup, limit: common.limit,
            })?;
            render_rows(&rows, common.format)
        }
        QueryCommand::Quotes { common, speaker, text } => {
            let store = open_store(&common.db)?;
            let rows = store.query_quotes(&dragoman_store::QuoteQuery { speaker, text, since: common.since, until: common.until, limit: common.limit })?;
            render_rows(&rows, common.format)
        }
        QueryCommand::Actors { common, code, name, kind } => {
            let store = open_store(&common.db)?;
            let rows = store.query_actors(&dragoman_store::ActorQuery { code, name, kind, since: common.since, until: common.until, limit: common.limit })?;
            render_rows(&rows, common.format)
        }
        QueryCommand::First { db, source, target, cameo, before, include_non_facts, json } => {
            let store = open_store(&db)?;
            let q = dragoman_store::ClaimQuery { source, target, cameo, before, include_non_facts };
            let answer = store.first(&q)?;
            print_metrics(&answer, &answer.report(&q), json)
        }
    }
}

fn in_format(f: Option<InFormat>) -> Option<Format> {
    f.map(|f| match f {
        InFormat::Text => Format::Text,
        InFormat::Jsonl => Format::Jsonl,
        InFormat::Html => Format::Html,
        InFormat::Warc => Format::Warc,
        InFormat::Feed => Format::Feed,
    })
}

fn parse(paths: Vec<PathBuf>, input: Option<InFormat>, syntax: SyntaxModel) -> Result<ExitCode> {
    let model = dragoman_syntax::Model::embedded_flavour(syntax.flavour())?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    let mut write_err: Option<std::io::Error> = None;
    let mut buf = String::new();
    let mut handle = |record: Record| match record {
        Ok(doc) => {
            // Sentences never cross a blank line, so a long text is parsed one stretch of
            // paragraphs at a time: memory stays bounded whatever the size of one input.
            let mut sent_id = 0usize;
            for piece in paragraph_chunks(&doc.text, 256 * 1024) {
                let mut part = dragoman_doc::Document::new(piece);
                dragoman_segment::segment(&mut part);
                model.annotate(&mut part);
                buf.clear();
                dragoman_syntax::write_conllu(&part, sent_id, &mut buf);
                sent_id += part.sentences.len();
                if let Err(e) = out.write_all(buf.as_bytes()) {
                    write_err.get_or_insert(e);
                }
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            failed += 1;
        }
    };
    if paths.is_empty() {
        dragoman_read::read_stdin(in_format(input), &mut handle);
    }
    for p in &paths {
        if p == Path::new("-") {
            dragoman_read::read_stdin(in_format(input), &mut handle);
        } else {
            dragoman_read::read_path(p, in_format(input), &mut handle);
        }
    }
    if let Err(e) = out.flush() {
        write_err.get_or_insert(e);
    }
    if let Some(e) = write_err {
        if broken_pipe(&e) {
            return Ok(ExitCode::SUCCESS);
        }
        bail!("writing output: {e}");
    }
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Splits `text` after blank lines into pieces of about `target` bytes (a piece ends at the first
/// paragraph break past `target`; a text without one stays whole).
fn paragraph_chunks(text: &str, target: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    while text.len() - start > target {
        // Searched on bytes: `start + target` may fall inside a character, `\n\n` never does.
        let Some(k) = text.as_bytes()[start + target..].windows(2).position(|w| w == b"\n\n") else { break };
        let cut = start + target + k + 2;
        out.push(&text[start..cut]);
        start = cut;
    }
    out.push(&text[start..]);
    out
}

fn default_corpus() -> PathBuf {
    PathBuf::from("../shared/corpus/bbc")
}

/// Reads every `.txt` under `dir` (sorted), for benchmarks.
fn load_corpus(dir: &Path) -> Result<Vec<String>> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).with_context(|| format!("reading {}", d.display()))? {
            let p = e?.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "txt") {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut texts = Vec::with_capacity(files.len());
    for f in files {
        let bytes = std::fs::read(&f)?;
        // The BBC files are Latin-1 in places; benchmarks take what decodes.
        texts.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    if texts.is_empty() {
        bail!("no .txt files under {}", dir.display());
    }
    Ok(texts)
}

fn bench_segment(dir: Option<PathBuf>, repeat: usize) -> Result<ExitCode> {
    let dir = dir.unwrap_or_else(default_corpus);
    let texts = load_corpus(&dir)?;
    let bytes: usize = texts.iter().map(String::len).sum();
    // Each pass is timed on its own; the best pass is the figure least disturbed by other work on
    // the machine, the median the typical one.
    let mut secs = Vec::new();
    let (mut sentences, mut tokens) = (0usize, 0usize);
    for _ in 0..repeat.max(1) {
        let start = Instant::now();
        let (mut s, mut k) = (0usize, 0usize);
        for t in &texts {
            let (_, toks) = dragoman_segment::tokenize(t);
            s += dragoman_segment::split_sentences(t, &toks).len();
            k += toks.len();
        }
        secs.push(start.elapsed().as_secs_f64());
        (sentences, tokens) = (s, k);
    }
    secs.sort_by(f64::total_cmp);
    let mb = bytes as f64 / 1e6;
    println!("segment+tokenise, 1 thread, {} articles, {:.1} MB, {} sentences, {} tokens, {} passes", texts.len(), mb, sentences, tokens, secs.len());
    for (label, s) in [("best pass", secs[0]), ("median pass", secs[secs.len() / 2])] {
        println!("  {label:<12} {:>7.1} MB/s  {:>9.0} sentences/s  {:>10.0} tokens/s", mb / s, sentences as f64 / s, tokens as f64 / s);
    }
    Ok(ExitCode::SUCCESS)
}

/// Peak resident set size of this process so far, in MB (Linux `VmHWM`).
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn bench_pipeline(dir: Option<PathBuf>, threads: usize, repeat: usize, json: bool) -> Result<ExitCode> {
    let dir = dir.unwrap_or_else(default_corpus);
    let texts = load_corpus(&dir)?;
    let pipeline = Pipeline::new()?;
    let threads = threads.max(1);
    let mut passes = Vec::new();
    let (mut sentences, mut tokens, mut out_bytes) = (0usize, 0usize, 0usize);
    for _ in 0..repeat.max(1) {
        let (mut s, mut k, mut b) = (0usize, 0usize, 0usize);
        let start = Instant::now();
        let docs = texts.iter().cloned();
        stream::run_map(
            &pipeline,
            threads,
            threads * 16,
            move |push: &mut dyn FnMut(Result<dragoman_doc::Document, ()>)| {
                for (i, t) in docs.enumerate() {
                    let doc = dragoman_doc::Document::with_meta(
                        t,
                        dragoman_doc::Meta { id: i.to_string(), date: Some("2005-01-01".into()), ..Default::default() },
                    );
                    push(Ok(doc));
                }
            },
            // Rendering the JSON line is part of the job (on the workers, as in `analyze`);
            // writing it anywhere is not measured.
            |a| (a.doc.sentences.len(), a.doc.tokens.len(), output::to_json(&a).to_string().len() + 1),
            |r| {
                if let Ok((ns, nk, nb)) = r {
                    s += ns;
                    k += nk;
                    b += nb;
                }
            },
        );
        passes.push(start.elapsed().as_secs_f64());
        (sentences, tokens, out_bytes) = (s, k, b);
    }
    passes.sort_by(f64::total_cmp);
    let best = passes[0];
    let median = passes[passes.len() / 2];
    let rss = peak_rss_mb().unwrap_or(f64::NAN);
    let m = serde_json::json!({
        "threads": threads,
        "articles": texts.len(),
        "sentences": sentences,
        "tokens": tokens,
        "json_bytes": out_bytes,
        "passes": passes.len(),
        "articles_per_s": texts.len() as f64 / median,
        "sentences_per_s": sentences as f64 / median,
        "sentences_per_s_per_core": sentences as f64 / median / threads as f64,
        "tokens_per_s": tokens as f64 / median,
        "best_sentences_per_s": sentences as f64 / best,
        "peak_rss_mb": rss,
    });
    if json {
        println!("{m}");
    } else {
        println!(
            "end to end, {} thread(s), {} articles, {} sentences, {} tokens, {} passes (median pass)\n  {:.0} articles/s  {:.0} sentences/s  ({:.0} per core)  {:.0} tokens/s  best pass {:.0} sentences/s\n  peak RSS {:.1} MB",
            threads, texts.len(), sentences, tokens, passes.len(),
            texts.len() as f64 / median, sentences as f64 / median, sentences as f64 / median / threads as f64,
            tokens as f64 / median, sentences as f64 / best, rss
        );
    }
    Ok(ExitCode::SUCCESS)
}
