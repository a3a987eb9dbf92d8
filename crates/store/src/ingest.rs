//! Writing analysed articles: JSON contract objects are parsed and validated in full first, then
//! written inside the caller's transaction, so a bad record never leaves half an article behind.

use crate::hash::Fnv;
use dragoman_doc::{CharIndex, Span};
use dragoman_pipeline::Analysis;
use rusqlite::{params, OptionalExtension, Transaction};
use serde_json::{json, Map, Value};

/// What one call to `ingest`/`ingest_json` did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct IngestReport {
    /// Articles not seen before.
    pub inserted: usize,
    /// Articles whose id was stored with a different analysis: their layers were rewritten.
    pub replaced: usize,
    /// Articles already stored with the same analysis: nothing was written.
    pub unchanged: usize,
    /// Records that were not a valid contract object; each is in the `errors` table.
    pub failed: usize,
    /// Rows written per layer (0 for unchanged articles).
    pub actors: usize,
    pub events: usize,
    pub quotes: usize,
    pub times: usize,
}

impl IngestReport {
    pub fn add(&mut self, o: &IngestReport) {
        self.inserted += o.inserted;
        self.replaced += o.replaced;
        self.unchanged += o.unchanged;
        self.failed += o.failed;
        self.actors += o.actors;
        self.events += o.events;
        self.quotes += o.quotes;
        self.times += o.times;
    }
}

/// Why a JSON record is not a contract article.
pub(crate) type Invalid = String;

const ARTICLE_KEYS: &[&str] =
    &["id", "title", "url", "source", "date", "text", "sentences", "actors", "events", "quotes", "times", "errors"];
const ACTOR_KEYS: &[&str] = &["start", "end", "text", "kind", "code", "country", "sector", "entity", "entry"];
const EVENT_KEYS: &[&str] = &[
    "cameo", "plover", "mode", "source", "target", "negated", "modality", "date", "date_source", "location",
    "sentence", "trigger", "rule", "quad_class", "goldstein", "quote",
];
const QUOTE_KEYS: &[&str] = &["kind", "content", "cue", "speaker", "rule"];
const TIME_KEYS: &[&str] = &["start", "end", "text", "type", "value", "rule"];

fn obj<'a>(v: &'a Value, what: &str) -> Result<&'a Map<String, Value>, Invalid> {
    v.as_object().ok_or_else(|| format!("{what} is not an object"))
}

fn opt_str<'a>(m: &'a Map<String, Value>, k: &str) -> Result<Option<&'a str>, Invalid> {
    match m.get(k) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(format!("`{k}` is not a string")),
    }
}

fn opt_int(m: &Map<String, Value>, k: &str) -> Result<Option<i64>, Invalid> {
    match m.get(k) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v.as_i64().map(Some).ok_or_else(|| format!("`{k}` is not an integer")),
    }
}

fn opt_f64(m: &Map<String, Value>, k: &str) -> Result<Option<f64>, Invalid> {
    match m.get(k) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v.as_f64().map(Some).ok_or_else(|| format!("`{k}` is not a number")),
    }
}

fn opt_bool(m: &Map<String, Value>, k: &str) -> Result<Option<bool>, Invalid> {
    match m.get(k) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(format!("`{k}` is not a boolean")),
    }
}

fn arr<'a>(m: &'a Map<String, Value>, k: &str) -> Result<&'a [Value], Invalid> {
    match m.get(k) {
        None | Some(Value::Null) => Ok(&[]),
        Some(Value::Array(a)) => Ok(a),
        Some(_) => Err(format!("`{k}` is not an array")),
    }
}

/// Keys the contract may gain later are kept verbatim, so that the JSON Lines export gives back
/// exactly what was ingested.
fn extra(m: &Map<String, Value>, known: &[&str]) -> Option<String> {
    let rest: Map<String, Value> = m.iter().filter(|(k, _)| !known.contains(&k.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect();
    (!rest.is_empty()).then(|| Value::Object(rest).to_string())
}

/// `{start, end, text, code|entity...}` as it appears inside events and quotes.
#[derive(Clone, Copy, Default)]
struct SpanRef<'a> {
    start: Option<i64>,
    end: Option<i64>,
    text: Option<&'a str>,
    code: Option<&'a str>,
    entity: Option<&'a str>,
}

fn span_ref<'a>(m: &'a Map<String, Value>, k: &str) -> Result<Option<SpanRef<'a>>, Invalid> {
    match m.get(k) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => {
            let o = obj(v, k)?;
            let f = |e: Invalid| format!("{k}: {e}");
            Ok(Some(SpanRef {
                start: opt_int(o, "start").map_err(f)?,
                end: opt_int(o, "end").map_err(f)?,
                text: opt_str(o, "text").map_err(f)?,
                code: opt_str(o, "code").map_err(f)?,
                entity: opt_str(o, "entity").map_err(f)?,
            }))
        }
    }
}

struct Actor<'a> {
    span: SpanRef<'a>,
    kind: Option<&'a str>,
    country: Option<&'a str>,
    sector: Option<&'a str>,
    entry: Option<&'a str>,
    extra: Option<String>,
}

struct Event<'a> {
    cameo: Option<&'a str>,
    plover: Option<&'a str>,
    mode: Option<&'a str>,
    source: Option<SpanRef<'a>>,
    target: Option<SpanRef<'a>>,
    negated: Option<bool>,
    modality: Option<&'a str>,
    date: Option<&'a str>,
    date_source: Option<&'a str>,
    location: Option<SpanRef<'a>>,
    sentence: Option<i64>,
    trigger: Option<SpanRef<'a>>,
    rule: Option<&'a str>,
    quad_class: Option<i64>,
    goldstein: Option<f64>,
    quote: Option<i64>,
    extra: Option<String>,
    /// The evidence sentence, sliced from the text once here (from byte spans on the direct path).
    sentence_text: Option<&'a str>,
}

struct Quote<'a> {
    kind: Option<&'a str>,
    content: Option<SpanRef<'a>>,
    cue: Option<SpanRef<'a>>,
    speaker: Option<SpanRef<'a>>,
    rule: Option<&'a str>,
    extra: Option<String>,
}

struct Time<'a> {
    span: SpanRef<'a>,
    kind: Option<&'a str>,
    value: Option<&'a str>,
    rule: Option<&'a str>,
    extra: Option<String>,
}

/// One contract object, validated.
pub(crate) struct Article<'a> {
    pub id: &'a str,
    title: Option<&'a str>,
    url: Option<&'a str>,
    source: Option<&'a str>,
    date: Option<&'a str>,
    text: &'a str,
    sentences: Vec<(i64, i64)>,
    actors: Vec<Actor<'a>>,
    events: Vec<Event<'a>>,
    quotes: Vec<Quote<'a>>,
    times: Vec<Time<'a>>,
    errors: Vec<(&'a str, &'a str)>,
    extra: Option<String>,
}

fn each<'a, T>(
    m: &'a Map<String, Value>,
    k: &str,
    f: impl Fn(&'a Map<String, Value>) -> Result<T, Invalid>,
) -> Result<Vec<T>, Invalid> {
    arr(m, k)?
        .iter()
        .enumerate()
        .map(|(i, v)| obj(v, k).and_then(&f).map_err(|e| format!("{k}[{i}]: {e}")))
        .collect()
}

pub(crate) fn parse(v: &Value) -> Result<Article<'_>, Invalid> {
    let m = obj(v, "record")?;
    let id = opt_str(m, "id")?.ok_or("no `id`")?;
    let text = opt_str(m, "text")?.ok_or("no `text`")?;
    let sentences = each(m, "sentences", |s| {
        Ok((opt_int(s, "start")?.ok_or("no `start`")?, opt_int(s, "end")?.ok_or("no `end`")?))
    })?;
    let actors = each(m, "actors", |a| {
        Ok(Actor {
            span: SpanRef {
                start: opt_int(a, "start")?,
                end: opt_int(a, "end")?,
                text: opt_str(a, "text")?,
                code: opt_str(a, "code")?,
                entity: opt_str(a, "entity")?,
            },
            kind: opt_str(a, "kind")?,
            country: opt_str(a, "country")?,
            sector: opt_str(a, "sector")?,
            entry: opt_str(a, "entry")?,
            extra: extra(a, ACTOR_KEYS),
        })
    })?;
    let events = each(m, "events", |e| {
        Ok(Event {
            cameo: opt_str(e, "cameo")?,
            plover: opt_str(e, "plover")?,
            mode: opt_str(e, "mode")?,
            source: span_ref(e, "source")?,
            target: span_ref(e, "target")?,
            negated: opt_bool(e, "negated")?,
            modality: opt_str(e, "modality")?,
            date: opt_str(e, "date")?,
            date_source: opt_str(e, "date_source")?,
            location: span_ref(e, "location")?,
            sentence: opt_int(e, "sentence")?,
            trigger: span_ref(e, "trigger")?,
            rule: opt_str(e, "rule")?,
            quad_class: opt_int(e, "quad_class")?,
            goldstein: opt_f64(e, "goldstein")?,
            quote: opt_int(e, "quote")?,
            extra: extra(e, EVENT_KEYS),
            sentence_text: None,
        })
    })?;
    let quotes = each(m, "quotes", |q| {
        Ok(Quote {
            kind: opt_str(q, "kind")?,
            content: span_ref(q, "content")?,
            cue: span_ref(q, "cue")?,
            speaker: span_ref(q, "speaker")?,
            rule: opt_str(q, "rule")?,
            extra: extra(q, QUOTE_KEYS),
        })
    })?;
    let times = each(m, "times", |t| {
        Ok(Time {
            span: SpanRef {
                start: opt_int(t, "start")?,
                end: opt_int(t, "end")?,
                text: opt_str(t, "text")?,
                ..Default::default()
            },
            kind: opt_str(t, "type")?,
            value: opt_str(t, "value")?,
            rule: opt_str(t, "rule")?,
            extra: extra(t, TIME_KEYS),
        })
    })?;
    let mut events = events;
    if !events.is_empty() {
        let chars = Chars::new(text);
        for e in &mut events {
            e.sentence_text = e
                .sentence
                .and_then(|i| usize::try_from(i).ok())
                .and_then(|i| sentences.get(i))
                .and_then(|&(s, t)| chars.slice(s, t));
        }
    }
    let errors = each(m, "errors", |e| {
        Ok((opt_str(e, "stage")?.unwrap_or("unknown"), opt_str(e, "message")?.unwrap_or("")))
    })?;
    Ok(Article {
        id,
        title: opt_str(m, "title")?,
        url: opt_str(m, "url")?,
        source: opt_str(m, "source")?,
        date: opt_str(m, "date")?,
        text,
        sentences,
        actors,
        events,
        quotes,
        times,
        errors,
        extra: extra(m, ARTICLE_KEYS),
    })
}

impl Article<'_> {
    /// `(content hash, analysis hash)`. The content hash covers id and text; the analysis hash
    /// covers every stored field, so a new analysis of the same text (a better pipeline) replaces
    /// the old one while an identical re-run is a no-op. Both are computed from the parsed fields,
    /// not from JSON text, so the same article hashes alike whether it came as JSON (any key
    /// order) or as an in-memory analysis.
    pub(crate) fn hashes(&self) -> (String, String) {
        let mut h = Fnv::new();
        h.str(Some(self.id));
        h.str(Some(self.text));
        let content = h.hex();
        for x in [self.title, self.url, self.source, self.date, self.extra.as_deref()] {
            h.str(x);
        }
        let span = |h: &mut Fnv, s: &Option<SpanRef>| match s {
            None => h.int(None),
            Some(s) => {
                h.int(Some(1));
                h.int(s.start);
                h.int(s.end);
                h.str(s.text);
                h.str(s.code);
                h.str(s.entity);
            }
        };
        h.int(Some(self.sentences.len() as i64));
        for &(s, e) in &self.sentences {
            h.int(Some(s));
            h.int(Some(e));
        }
        h.int(Some(self.actors.len() as i64));
        for x in &self.actors {
            span(&mut h, &Some(SpanRef { ..x.span }));
            for f in [x.kind, x.country, x.sector, x.entry, x.extra.as_deref()] {
                h.str(f);
            }
        }
        h.int(Some(self.events.len() as i64));
        for e in &self.events {
            for f in [e.cameo, e.plover, e.mode, e.modality, e.date, e.date_source, e.rule, e.extra.as_deref()] {
                h.str(f);
            }
            for s in [&e.source, &e.target, &e.location, &e.trigger] {
                span(&mut h, s);
            }
            h.int(e.negated.map(i64::from));
            h.int(e.sentence);
            h.int(e.quad_class);
            h.float(e.goldstein);
            h.int(e.quote);
        }
        h.int(Some(self.quotes.len() as i64));
        for q in &self.quotes {
            for f in [q.kind, q.rule, q.extra.as_deref()] {
                h.str(f);
            }
            for s in [&q.content, &q.cue, &q.speaker] {
                span(&mut h, s);
            }
        }
        h.int(Some(self.times.len() as i64));
        for t in &self.times {
            span(&mut h, &Some(SpanRef { ..t.span }));
            for f in [t.kind, t.value, t.rule, t.extra.as_deref()] {
                h.str(f);
            }
        }
        h.int(Some(self.errors.len() as i64));
        for (stage, message) in &self.errors {
            h.str(Some(stage));
            h.str(Some(message));
        }
        (content, h.hex())
    }
}

/// An article straight from the pipeline's in-memory analysis, with the same fields and values
/// `dragoman_pipeline::output::to_json` would give (a test holds the two paths equal), without
/// building and re-reading JSON.
pub(crate) fn from_analysis<'a>(a: &'a Analysis) -> Article<'a> {
    let doc = &a.doc;
    let idx = CharIndex::new(&doc.text);
    let c = |b: usize| idx.char_offset(b) as i64;
    let span = |s: Span| -> SpanRef<'a> {
        SpanRef {
            start: Some(c(s.start)),
            end: Some(c(s.end)),
            text: doc.text.get(s.range()),
            ..Default::default()
        }
    };
    let coded = |s: Span, code: &'a Option<String>| -> SpanRef<'a> { SpanRef { code: code.as_deref(), ..span(s) } };
    Article {
        id: &doc.meta.id,
        title: doc.meta.title.as_deref(),
        url: doc.meta.url.as_deref(),
        source: doc.meta.source.as_deref(),
        date: doc.meta.date.as_deref(),
        text: &doc.text,
        sentences: doc.sentences.iter().map(|s| (c(s.span.start), c(s.span.end))).collect(),
        actors: a
            .actors
            .iter()
            .map(|m| Actor {
                span: SpanRef { entity: m.entity.as_deref(), ..coded(m.span, &m.code) },
                kind: Some(actor_kind(m.kind)),
                country: m.country.as_deref(),
                sector: m.sector.as_deref(),
                entry: m.entry.as_deref(),
                // The contract's other actor fields, kept as the JSON route keeps unknown keys, so
                // both routes store (and hash) the same row.
                extra: {
                    let mut x = Map::new();
                    x.insert("entity_id".into(), json!(m.entity_id));
                    x.insert("role".into(), json!(m.role));
                    x.insert("rule".into(), json!(m.rule));
                    Some(Value::Object(x).to_string())
                },
            })
            .collect(),
        events: a
            .events
            .iter()
            .map(|e| Event {
                cameo: Some(&e.cameo),
                plover: e.plover.as_deref(),
                mode: e.mode.as_deref(),
                source: Some(coded(e.source.span, &e.source.code)),
                target: e.target.as_ref().map(|t| coded(t.span, &t.code)),
                negated: Some(e.negated),
                modality: Some(modality(e.modality)),
                date: e.date.as_deref(),
                date_source: e.date_source.as_deref(),
                location: e.location.as_ref().map(|l| coded(l.span, &l.code)),
                sentence: Some(e.sentence as i64),
                trigger: Some(span(e.trigger)),
                rule: Some(&e.rule),
                quad_class: Some(i64::from(e.quad_class)),
                goldstein: Some(e.goldstein),
                quote: e.quote.map(|q| q as i64),
                extra: None,
                sentence_text: doc.sentences.get(e.sentence).and_then(|s| doc.text.get(s.span.range())),
            })
            .collect(),
        quotes: a
            .quotes
            .iter()
            .map(|q| Quote {
                kind: Some(quote_kind(q.kind)),
                content: Some(span(q.content)),
                cue: q.cue.map(span),
                speaker: q.speaker.as_ref().map(|s| SpanRef { entity: s.entity.as_deref(), ..coded(s.span, &s.code) }),
                rule: Some(&q.rule),
                extra: None,
            })
            .collect(),
        times: a
            .times
            .iter()
            .map(|t| Time { span: span(t.span), kind: Some(t.kind.as_str()), value: Some(&t.value), rule: Some(&t.rule), extra: None })
            .collect(),
        errors: doc.errors.iter().map(|e| (e.stage.as_str(), e.message.as_str())).collect(),
        extra: None,
    }
}

// The contract's names of the record enums (their serde names, written out so the direct path
// needs no serialisation; `from_analysis_equals_the_json_contract` pins them).
fn actor_kind(k: dragoman_doc::ActorKind) -> &'static str {
    use dragoman_doc::ActorKind::*;
    match k {
        Person => "person",
        Country => "country",
        City => "city",
        Region => "region",
        Organisation => "organisation",
        Group => "group",
    }
}

fn modality(m: dragoman_doc::Modality) -> &'static str {
    use dragoman_doc::Modality::*;
    match m {
        Asserted => "asserted",
        Intended => "intended",
        Hypothetical => "hypothetical",
        Question => "question",
    }
}

fn quote_kind(k: dragoman_doc::QuoteKind) -> &'static str {
    use dragoman_doc::QuoteKind::*;
    match k {
        Direct => "direct",
        Indirect => "indirect",
        Mixed => "mixed",
    }
}

/// The outlet an article counts as for `num_sources`: its `source` (case-folded), else the host of
/// its URL, else the article itself.
pub(crate) fn outlet(source: Option<&str>, url: Option<&str>, id: &str) -> String {
    if let Some(s) = source.map(str::trim).filter(|s| !s.is_empty()) {
        return s.to_lowercase();
    }
    if let Some(h) = url.and_then(url_host) {
        return h;
    }
    format!("article:{id}")
}

fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.to_lowercase();
    let host = host.strip_prefix("www.").map(str::to_string).unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

/// Slices a text by character offsets (the contract's unit).
struct Chars<'a> {
    text: &'a str,
    /// Byte offset of each character, plus the text length; empty for ASCII texts.
    bytes: Vec<usize>,
}

impl<'a> Chars<'a> {
    fn new(text: &'a str) -> Self {
        let bytes = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect()
        };
        Chars { text, bytes }
    }

    fn byte(&self, c: i64) -> Option<usize> {
        let c = usize::try_from(c).ok()?;
        if self.bytes.is_empty() {
            (c <= self.text.len()).then_some(c)
        } else {
            self.bytes.get(c).copied()
        }
    }

    fn slice(&self, start: i64, end: i64) -> Option<&'a str> {
        let (a, b) = (self.byte(start)?, self.byte(end)?);
        self.text.get(a..b)
    }
}

/// Identity of the happening an event mention reports, for cross-article deduplication. Asserted,
/// non-negated mentions of the same (source code, target code, CAMEO code, date) share a key;
/// denials and plans get keys of their own kind so that "did not visit" never counts as a mention
/// of the visit; a mention without a source code or a date cannot be matched and is its own group.
fn group_key(a: &Article, idx: usize, e: &Event, is_fact: bool, event_date: Option<&str>) -> String {
    const SEP: char = '\u{1f}';
    match (e.source.as_ref().and_then(|s| s.code), e.cameo, event_date) {
        (Some(src), Some(cameo), Some(date)) => {
            let tgt = e.target.as_ref().and_then(|t| t.code).unwrap_or("");
            let kind = if is_fact {
                "F".to_string()
            } else {
                format!("N{SEP}{}{SEP}{}", e.modality.unwrap_or(""), e.negated.unwrap_or(false))
            };
            format!("{kind}{SEP}{src}{SEP}{tgt}{SEP}{cameo}{SEP}{date}")
        }
        _ => format!("U{SEP}{}{SEP}{idx}", a.id),
    }
}

/// Writes one validated article; returns the per-article report.
pub(crate) fn write(tx: &Transaction, a: &Article) -> rusqlite::Result<IngestReport> {
    let mut rep = IngestReport::default();
    let existing: Option<(i64, String)> = tx
        .prepare_cached("SELECT pk, analysis_hash FROM articles WHERE id = ?1")?
        .query_row([a.id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (content_hash, analysis_hash) = a.hashes();
    let sentences = {
        use std::fmt::Write;
        let mut out = String::with_capacity(a.sentences.len() * 12 + 2);
        out.push('[');
        for (i, (s, e)) in a.sentences.iter().enumerate() {
            let _ = write!(out, "{}[{s},{e}]", if i == 0 { "" } else { "," });
        }
        out.push(']');
        out
    };
    let outlet = outlet(a.source, a.url, a.id);
    let pk = match existing {
        Some((_, ref h)) if *h == analysis_hash => {
            rep.unchanged = 1;
            return Ok(rep);
        }
        Some((pk, _)) => {
            for t in ["actors", "events", "quotes", "times", "errors"] {
                // Table names come from the fixed list above, never from input.
                tx.prepare_cached(&format!("DELETE FROM {t} WHERE article_pk = ?1"))?.execute([pk])?;
            }
            tx.prepare_cached(
                "UPDATE articles SET title=?2, url=?3, source=?4, date=?5, outlet=?6, text=?7, sentences=?8,
                 content_hash=?9, analysis_hash=?10, extra=?11,
                 ingested_at=strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE pk=?1",
            )?
            .execute(params![
                pk, a.title, a.url, a.source, a.date, outlet, a.text, sentences, content_hash, analysis_hash, a.extra
            ])?;
            rep.replaced = 1;
            pk
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO articles (id, title, url, source, date, outlet, text, sentences, content_hash,
                 analysis_hash, extra, ingested_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
            )?
            .execute(params![
                a.id, a.title, a.url, a.source, a.date, outlet, a.text, sentences, content_hash, analysis_hash, a.extra
            ])?;
            rep.inserted = 1;
            tx.last_insert_rowid()
        }
    };

    if !a.actors.is_empty() {
        let mut st = tx.prepare_cached(
            "INSERT INTO actors (article_pk, idx, char_start, char_end, text, kind, code, country, sector, entity,
             entry, extra) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        for (i, x) in a.actors.iter().enumerate() {
            st.execute(params![
                pk, i as i64, x.span.start, x.span.end, x.span.text, x.kind, x.span.code, x.country, x.sector,
                x.span.entity, x.entry, x.extra
            ])?;
        }
        rep.actors = a.actors.len();
    }

    if !a.events.is_empty() {
        let mut st = tx.prepare_cached(
            "INSERT INTO events (article_pk, idx, cameo, plover, mode,
             source_start, source_end, source_text, source_code,
             target_start, target_end, target_text, target_code,
             negated, modality, is_fact, date, date_source, event_date,
             location_start, location_end, location_text, location_code,
             sentence, sentence_start, sentence_end, sentence_text,
             trigger_start, trigger_end, trigger_text, rule, quad_class, goldstein, quote, group_key, extra)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
                     ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36)",
        )?;
        for (i, e) in a.events.iter().enumerate() {
            let is_fact = e.modality == Some("asserted") && e.negated != Some(true);
            let event_date = e.date.or(a.date);
            let key = group_key(a, i, e, is_fact, event_date);
            let sent = e
                .sentence
                .and_then(|s| usize::try_from(s).ok())
                .and_then(|s| a.sentences.get(s))
                .copied();
            let sent_text = e.sentence_text;
            let none = SpanRef::default();
            let src = e.source.as_ref().unwrap_or(&none);
            let tgt = e.target.as_ref().unwrap_or(&none);
            let loc = e.location.as_ref().unwrap_or(&none);
            let trg = e.trigger.as_ref().unwrap_or(&none);
            st.execute(params![
                pk, i as i64, e.cameo, e.plover, e.mode,
                src.start, src.end, src.text, src.code,
                tgt.start, tgt.end, tgt.text, tgt.code,
                e.negated, e.modality, is_fact, e.date, e.date_source, event_date,
                loc.start, loc.end, loc.text, loc.code,
                e.sentence, sent.map(|s| s.0), sent.map(|s| s.1), sent_text,
                trg.start, trg.end, trg.text, e.rule, e.quad_class, e.goldstein, e.quote, key, e.extra
            ])?;
        }
        rep.events = a.events.len();
    }

    if !a.quotes.is_empty() {
        let mut st = tx.prepare_cached(
            "INSERT INTO quotes (article_pk, idx, kind, content_start, content_end, content_text,
             cue_start, cue_end, cue_text, speaker_start, speaker_end, speaker_text, speaker_entity, speaker_code,
             rule, extra) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        )?;
        for (i, q) in a.quotes.iter().enumerate() {
            let none = SpanRef::default();
            let c = q.content.as_ref().unwrap_or(&none);
            let cue = q.cue.as_ref().unwrap_or(&none);
            let sp = q.speaker.as_ref().unwrap_or(&none);
            st.execute(params![
                pk, i as i64, q.kind, c.start, c.end, c.text, cue.start, cue.end, cue.text,
                sp.start, sp.end, sp.text, sp.entity, sp.code, q.rule, q.extra
            ])?;
        }
        rep.quotes = a.quotes.len();
    }

    if !a.times.is_empty() {
        let mut st = tx.prepare_cached(
            "INSERT INTO times (article_pk, idx, char_start, char_end, text, type, value, rule, extra)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        for (i, t) in a.times.iter().enumerate() {
            st.execute(params![pk, i as i64, t.span.start, t.span.end, t.span.text, t.kind, t.value, t.rule, t.extra])?;
        }
        rep.times = a.times.len();
    }

    if !a.errors.is_empty() {
        let mut st = tx.prepare_cached(
            "INSERT OR IGNORE INTO errors (article_pk, location, stage, message) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (stage, message) in &a.errors {
            st.execute(params![pk, a.id, stage, message])?;
        }
    }
    Ok(rep)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlets() {
        let cases: &[(Option<&str>, Option<&str>, &str, &str)] = &[
            (Some(" BBC "), Some("https://www.bbc.co.uk/x"), "a", "bbc"),
            (None, Some("https://www.BBC.co.uk/news/1"), "a", "bbc.co.uk"),
            (None, Some("http://user@dawn.com:8080/x?y"), "a", "dawn.com"),
            (Some(""), Some("reuters.com/world"), "a", "reuters.com"),
            (None, None, "feed.jsonl:3", "article:feed.jsonl:3"),
        ];
        for (source, url, id, want) in cases {
            assert_eq!(outlet(*source, *url, id), *want, "{source:?} {url:?}");
        }
    }

    #[test]
    fn char_slices() {
        let cases: &[(&str, i64, i64, Option<&str>)] = &[
            ("Khan left.", 0, 4, Some("Khan")),
            ("“Putin” said", 1, 6, Some("Putin")),
            ("né à", 3, 4, Some("à")),
            ("abc", 2, 9, None),
            ("ü", -1, 1, None),
        ];
        for (text, s, e, want) in cases {
            assert_eq!(Chars::new(text).slice(*s, *e), *want, "{text} {s}..{e}");
        }
    }
}
