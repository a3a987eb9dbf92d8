//! The dragoman store: analysed articles filed in an embedded SQLite database, so that researchers
//! can ask questions of them ("every visit by a Pakistani head of government to Russia since 1990")
//! and load them into pandas or R.
//!
//! What it does, in the order data flows:
//! 1. **Ingest** — [`Store::ingest`] (analyses in memory), [`Store::ingest_json`] (objects of the
//!    `analyze` JSON Lines contract, `docs/output-format.md`) and [`Store::ingest_jsonl`] (a JSON
//!    Lines stream, in batches) write articles and their actors, events, quotes, times and errors,
//!    every record with its evidence offsets (character offsets, as in the contract) and evidence
//!    text. One batch is one transaction. [`Store::record_error`] files a record that never became
//!    an article (a reader error); [`Store::errors`] and [`Store::counts`] report.
//! 2. **Deduplicate** — mentions of the same asserted event (same source code, target code, CAMEO
//!    code and date) in many articles form one row of the `event_groups` view, with GDELT's
//!    `num_mentions`, `num_sources` (distinct outlets) and `num_articles`.
//! 3. **Query** — [`Store::query_events`], [`Store::query_quotes`], [`Store::query_actors`], rendered
//!    by [`render_table`], [`render_csv`] or [`render_jsonl`].
//! 4. **Check a claim** — [`Store::first`]: when did this last happen before a date, and when first?
//! 5. **Export** — [`Store::export`]: the JSON Lines contract, flat CSV, GDELT 2.0 Events, PLOVER
//!    JSON, and Parquet (crate feature `parquet`).
//!
//! It is not a search engine over article text, nor a server: one process writes at a time (SQLite),
//! any number may read.
//!
//! **Idempotent, crash-safe ingest.** Articles are keyed by `id`. Re-ingesting an article whose
//! analysis is unchanged writes nothing; a changed analysis (a newer pipeline) replaces that
//! article's layers. The database runs in WAL mode and each batch is one transaction, so a process
//! killed at any instant leaves the last committed batch and nothing of the next; running the same
//! ingest again completes the job without duplicates. Records that are not valid contract objects
//! are filed in the `errors` table and counted, never abort the batch.
//!
//! **Safety.** Every value from outside reaches SQL as a bound parameter; text filters use
//! `instr`, not `LIKE`, so `%` or `'; DROP TABLE events; --` are just text to look for.
//!
//! The schema is versioned (`PRAGMA user_version`, migrations in order) and documented in
//! `crates/store/SCHEMA.md`.
//!
//! ```
//! use dragoman_store::{Store, EventQuery, ClaimQuery};
//! let dir = std::env::temp_dir().join(format!("dragoman-store-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! let mut store = Store::open(&dir.join("news.db")).unwrap();
//! let article = serde_json::json!({
//!     "id": "a1", "title": null, "url": "https://dawn.com/1", "source": "Dawn", "date": "2022-02-23",
//!     "text": "Khan arrived in Moscow.", "sentences": [{"start": 0, "end": 23}],
//!     "actors": [], "quotes": [], "times": [], "errors": [],
//!     "events": [{"cameo": "042", "plover": "CONSULT", "mode": "visit",
//!         "source": {"start": 0, "end": 4, "text": "Khan", "code": "PAKGOV"},
//!         "target": {"start": 16, "end": 22, "text": "Moscow", "code": "RUS"},
//!         "negated": false, "modality": "asserted", "date": "2022-02-23", "date_source": "article",
//!         "location": null, "sentence": 0, "trigger": {"start": 5, "end": 12, "text": "arrived"},
//!         "rule": "visit.arrive", "quad_class": 1, "goldstein": 1.9, "quote": null}]
//! });
//! let report = store.ingest_json(&[article.clone()]).unwrap();
//! assert_eq!(report.inserted, 1);
//! assert_eq!(store.ingest_json(&[article]).unwrap().unchanged, 1); // idempotent
//! let visits = store.query_events(&EventQuery { source: Some("PAK".into()), cameo: Some("042".into()),
//!     ..Default::default() }).unwrap();
//! assert_eq!(visits[0].sentence_text.as_deref(), Some("Khan arrived in Moscow."));
//! let claim = store.first(&ClaimQuery { source: "PAKGOV".into(), target: Some("RUS".into()),
//!     cameo: "042".into(), before: Some("2022-03-01".into()), ..Default::default() }).unwrap();
//! assert_eq!(claim.last_before.unwrap().date.as_deref(), Some("2022-02-23"));
//! # drop(store); std::fs::remove_dir_all(&dir).ok();
//! ```

mod export;
mod hash;
mod ingest;
#[cfg(feature = "parquet")]
mod parquet_out;
mod query;
mod render;
mod schema;

pub use export::{ExportFormat, GDELT_COLUMNS};
pub use hash::{fnv1a64, fnv1a64_hex};
pub use ingest::IngestReport;
pub use query::{ActorQuery, ActorRow, ClaimAnswer, ClaimQuery, EventQuery, EventRow, QuoteQuery, QuoteRow};
pub use render::{render_csv, render_jsonl, render_table, Row};
pub use schema::SCHEMA_VERSION;

use dragoman_pipeline::Analysis;
use rusqlite::{params, Connection, OpenFlags};
use std::io::BufRead;
use std::path::Path;

/// What can go wrong in the store. Invalid input records are not errors: they are filed in the
/// `errors` table and counted in [`IngestReport::failed`].
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
    #[error("csv: {0}")]
    Csv(#[from] csv::Error),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("the database has schema version {found}; this dragoman reads up to {supported}: upgrade dragoman")]
    TooNew { found: i64, supported: i64 },
    #[error("unknown export format `{0}` (jsonl, csv, gdelt, plover, parquet)")]
    UnknownFormat(String),
    #[error("this dragoman was built without the `{0}` feature")]
    FeatureDisabled(&'static str),
    #[error("parquet: {0}")]
    Parquet(String),
}

/// Row counts of the main tables.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub articles: i64,
    pub actors: i64,
    pub events: i64,
    pub event_groups: i64,
    pub quotes: i64,
    pub times: i64,
    pub errors: i64,
}

/// A recorded error.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ErrorRow {
    /// The article id, or the input location (`feed.jsonl:7`) of a record that never became one.
    pub location: String,
    pub stage: String,
    pub message: String,
    /// The stored article the error belongs to, if any.
    pub article_id: Option<String>,
}

/// An open store. Not `Sync`: give each thread its own `Store` on the same file.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(path)?;
        Store::setup(conn)
    }

    /// Opens an existing store for reading only (queries and exports).
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if found != SCHEMA_VERSION {
            return Err(StoreError::TooNew { found, supported: SCHEMA_VERSION });
        }
        Ok(Store { conn })
    }

    /// A store that lives in memory only (tests, one-off conversions).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Store::setup(Connection::open_in_memory()?)
    }

    fn setup(mut conn: Connection) -> Result<Store, StoreError> {
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // WAL: a killed writer leaves the database at its last commit, and readers never block the
        // writer. synchronous=NORMAL is durable against process crashes in WAL mode; only a power
        // cut can lose the last commits, never consistency.
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")?;
        conn.set_prepared_statement_cache_capacity(64);
        schema::migrate(&mut conn)?;
        Ok(Store { conn })
    }

    /// Files analysed articles, in one transaction. What is stored is exactly what
    /// `dragoman_pipeline::output::to_json` prints for them (the JSON Lines export gives it back),
    /// but no JSON is built on the way.
    pub fn ingest(&mut self, batch: &[&Analysis]) -> Result<IngestReport, StoreError> {
        let tx = self.conn.transaction()?;
        let mut report = IngestReport::default();
        for a in batch {
            report.add(&ingest::write(&tx, &ingest::from_analysis(a))?);
        }
        tx.commit()?;
        Ok(report)
    }

    /// Files contract objects (lines of `dragoman analyze` output), in one transaction. An object
    /// that is not a valid article is recorded in `errors` (location: its `id`, else its position
    /// in the batch) and counted as failed; the others are written.
    pub fn ingest_json(&mut self, batch: &[serde_json::Value]) -> Result<IngestReport, StoreError> {
        let located: Vec<(String, &serde_json::Value)> = batch
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let location = v.get("id").and_then(|x| x.as_str()).map(str::to_string);
                (location.unwrap_or_else(|| format!("batch record {}", i + 1)), v)
            })
            .collect();
        self.ingest_located(&located, &[])
    }

    /// Ingests a JSON Lines stream (the output of `dragoman analyze`), `batch` lines per
    /// transaction. A line that is not JSON is recorded as a `read` error at `name:line`, in the
    /// same transaction as its batch, and counted as failed; blank lines are skipped. Running the
    /// same input again after a crash completes the job: committed batches are no-ops.
    pub fn ingest_jsonl(&mut self, input: &mut dyn BufRead, name: &str, batch: usize) -> Result<IngestReport, StoreError> {
        let mut report = IngestReport::default();
        let mut values: Vec<(String, serde_json::Value)> = Vec::new();
        let mut bad: Vec<(String, String)> = Vec::new();
        let mut line = String::new();
        let mut n = 0usize;
        loop {
            line.clear();
            let eof = input.read_line(&mut line)? == 0;
            if !eof {
                n += 1;
                let t = line.trim();
                if !t.is_empty() {
                    match serde_json::from_str(t) {
                        Ok(v) => values.push((format!("{name}:{n}"), v)),
                        Err(e) => bad.push((format!("{name}:{n}"), format!("malformed JSON: {e}"))),
                    }
                }
            }
            if (eof && (!values.is_empty() || !bad.is_empty())) || values.len() + bad.len() >= batch.max(1) {
                let located: Vec<(String, &serde_json::Value)> = values
                    .iter()
                    .map(|(loc, v)| (v.get("id").and_then(|x| x.as_str()).map_or_else(|| loc.clone(), str::to_string), v))
                    .collect();
                report.add(&self.ingest_located(&located, &bad)?);
                values.clear();
                bad.clear();
            }
            if eof {
                return Ok(report);
            }
        }
    }

    /// One transaction: the valid records written, the invalid ones and `read_errors` filed.
    fn ingest_located(
        &mut self,
        batch: &[(String, &serde_json::Value)],
        read_errors: &[(String, String)],
    ) -> Result<IngestReport, StoreError> {
        let tx = self.conn.transaction()?;
        let mut report = IngestReport::default();
        let mut file = |tx: &rusqlite::Transaction, location: &str, stage: &str, message: &str| -> Result<(), StoreError> {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO errors (article_pk, location, stage, message) VALUES (NULL, ?1, ?2, ?3)",
            )?
            .execute(params![location, stage, message])?;
            report.failed += 1;
            Ok(())
        };
        for (location, message) in read_errors {
            file(&tx, location, "read", message)?;
        }
        let mut written = IngestReport::default();
        for (location, v) in batch {
            match ingest::parse(v) {
                Ok(a) => written.add(&ingest::write(&tx, &a)?),
                Err(message) => file(&tx, location, "store", &message)?,
            }
        }
        tx.commit()?;
        report.add(&written);
        Ok(report)
    }

    /// Records a record that failed before analysis (a reader error, say). Recording the same
    /// error twice keeps one row, so re-running a job does not multiply its errors.
    pub fn record_error(&mut self, location: &str, stage: &str, message: &str) -> Result<(), StoreError> {
        self.conn
            .prepare_cached("INSERT OR IGNORE INTO errors (article_pk, location, stage, message) VALUES (NULL, ?1, ?2, ?3)")?
            .execute(params![location, stage, message])?;
        Ok(())
    }

    /// Row counts of the main tables and of the deduplicated events.
    pub fn counts(&self) -> Result<Counts, StoreError> {
        let n = |sql: &str| -> Result<i64, StoreError> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        Ok(Counts {
            articles: n("SELECT COUNT(*) FROM articles")?,
            actors: n("SELECT COUNT(*) FROM actors")?,
            events: n("SELECT COUNT(*) FROM events")?,
            event_groups: n("SELECT COUNT(DISTINCT group_key) FROM events")?,
            quotes: n("SELECT COUNT(*) FROM quotes")?,
            times: n("SELECT COUNT(*) FROM times")?,
            errors: n("SELECT COUNT(*) FROM errors")?,
        })
    }

    /// Every recorded error, oldest first: read failures, invalid records, and the stage errors
    /// of stored articles (`article_id` set).
    pub fn errors(&self) -> Result<Vec<ErrorRow>, StoreError> {
        let mut st = self.conn.prepare(
            "SELECT e.location, e.stage, e.message, a.id FROM errors e LEFT JOIN articles a ON a.pk = e.article_pk
             ORDER BY e.pk",
        )?;
        let rows = st.query_map([], |r| {
            Ok(ErrorRow { location: r.get(0)?, stage: r.get(1)?, message: r.get(2)?, article_id: r.get(3)? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The schema version of the open database (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// SQLite's own consistency check: `true` when `PRAGMA integrity_check` and
    /// `PRAGMA foreign_key_check` find nothing wrong.
    pub fn check_integrity(&self) -> Result<bool, StoreError> {
        let ok: String = self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        let mut st = self.conn.prepare("PRAGMA foreign_key_check")?;
        let dangling = st.query([])?.next()?.is_some();
        Ok(ok == "ok" && !dangling)
    }
}
