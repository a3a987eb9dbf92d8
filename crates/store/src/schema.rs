//! The versioned schema: an ordered list of migrations, applied in one transaction each, with the
//! database's `PRAGMA user_version` recording how many have run. `SCHEMA.md` documents the tables.

use crate::StoreError;
use rusqlite::Connection;

/// Migration `i` (0-based) takes the database from version `i` to version `i + 1`. Never edit a
/// migration that has shipped; append a new one.
const MIGRATIONS: &[&str] = &[V1];

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

const V1: &str = r#"
CREATE TABLE articles (
    pk            INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    title         TEXT,
    url           TEXT,
    source        TEXT,
    date          TEXT,
    outlet        TEXT NOT NULL,
    text          TEXT NOT NULL,
    sentences     TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    analysis_hash TEXT NOT NULL,
    extra         TEXT,
    ingested_at   TEXT NOT NULL
);
CREATE INDEX articles_date ON articles(date);

CREATE TABLE actors (
    article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    char_start INTEGER,
    char_end   INTEGER,
    text       TEXT,
    kind       TEXT,
    code       TEXT,
    country    TEXT,
    sector     TEXT,
    entity     TEXT,
    entry      TEXT,
    extra      TEXT,
    PRIMARY KEY (article_pk, idx)
) WITHOUT ROWID;

CREATE TABLE events (
    pk             INTEGER PRIMARY KEY,
    article_pk     INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    idx            INTEGER NOT NULL,
    cameo          TEXT,
    plover         TEXT,
    mode           TEXT,
    source_start   INTEGER,
    source_end     INTEGER,
    source_text    TEXT,
    source_code    TEXT,
    target_start   INTEGER,
    target_end     INTEGER,
    target_text    TEXT,
    target_code    TEXT,
    negated        INTEGER,
    modality       TEXT,
    is_fact        INTEGER NOT NULL,
    date           TEXT,
    date_source    TEXT,
    event_date     TEXT,
    location_start INTEGER,
    location_end   INTEGER,
    location_text  TEXT,
    location_code  TEXT,
    sentence       INTEGER,
    sentence_start INTEGER,
    sentence_end   INTEGER,
    sentence_text  TEXT,
    trigger_start  INTEGER,
    trigger_end    INTEGER,
    trigger_text   TEXT,
    rule           TEXT,
    quad_class     INTEGER,
    goldstein      REAL,
    quote          INTEGER,
    group_key      TEXT NOT NULL,
    extra          TEXT,
    UNIQUE (article_pk, idx)
);
CREATE INDEX events_group ON events(group_key);
CREATE INDEX events_source ON events(source_code, event_date);

CREATE TABLE quotes (
    pk             INTEGER PRIMARY KEY,
    article_pk     INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    idx            INTEGER NOT NULL,
    kind           TEXT,
    content_start  INTEGER,
    content_end    INTEGER,
    content_text   TEXT,
    cue_start      INTEGER,
    cue_end        INTEGER,
    cue_text       TEXT,
    speaker_start  INTEGER,
    speaker_end    INTEGER,
    speaker_text   TEXT,
    speaker_entity TEXT,
    speaker_code   TEXT,
    rule           TEXT,
    extra          TEXT,
    UNIQUE (article_pk, idx)
);

CREATE TABLE times (
    article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    char_start INTEGER,
    char_end   INTEGER,
    text       TEXT,
    type       TEXT,
    value      TEXT,
    rule       TEXT,
    extra      TEXT,
    PRIMARY KEY (article_pk, idx)
) WITHOUT ROWID;

CREATE TABLE errors (
    pk         INTEGER PRIMARY KEY,
    article_pk INTEGER REFERENCES articles(pk) ON DELETE CASCADE,
    location   TEXT NOT NULL,
    stage      TEXT NOT NULL,
    message    TEXT NOT NULL,
    UNIQUE (location, stage, message)
);
CREATE INDEX errors_article ON errors(article_pk);

CREATE VIEW event_groups AS
SELECT MIN(e.pk)                     AS group_id,
       e.group_key                   AS group_key,
       e.source_code                 AS source_code,
       e.target_code                 AS target_code,
       e.cameo                       AS cameo,
       e.event_date                  AS event_date,
       MAX(e.is_fact)                AS is_fact,
       COUNT(*)                      AS num_mentions,
       COUNT(DISTINCT a.outlet)      AS num_sources,
       COUNT(DISTINCT e.article_pk)  AS num_articles,
       MAX(e.sentence = 0)           AS is_root
FROM events e JOIN articles a ON a.pk = e.article_pk
GROUP BY e.group_key;
"#;

/// Brings the database to [`SCHEMA_VERSION`], one transaction per migration, so that a crash
/// between migrations leaves a database at a well-defined earlier version.
pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew { found, supported: SCHEMA_VERSION });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        // PRAGMA takes no bound parameters; the value is our own integer, not input.
        tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
        tx.commit()?;
    }
    Ok(())
}
